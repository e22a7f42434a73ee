/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Strict vhost framing (cfg.strict_vhost): a data request is taken apart
 * the way DPDK 22.11's vhost-user crypto back-end takes it apart
 * (lib/vhost/vhost_crypto.c with zero copy disabled), so that a driver
 * passing here is read right by that back-end too. The rules are listed
 * in vcdev_model.h.
 *
 * The back-end gives each field whole descriptors, in chain order: a
 * field starts at the start of a descriptor, and the rest of the one it
 * ends in is skipped. A request that passes is rewritten as its fields
 * alone, so the stream-based handlers of vcdev_data.c read and write
 * exactly the bytes the back-end would. They check every length again on
 * their own copy of the header, so a driver changing the request
 * meanwhile gains nothing.
 */

#include <endian.h>
#include <stdio.h>
#include <string.h>

#include <linux/virtio_crypto.h>

#include "vcdev_internal.h"

/* The back-end's caps (rte_vhost_crypto.h, rte_mbuf_core.h). */
#define SV_MAX_IV 32		/* VHOST_CRYPTO_MAX_IV_LEN */
#define SV_CIPHER_MAX 2176	/* RTE_MBUF_DEFAULT_BUF_SIZE */
#define SV_CHAIN_MAX 4096	/* VHOST_CRYPTO_MAX_DATA_SIZE */

_Static_assert(VCDEV_LOG_ZERO_SIZED < 32, "log keys fit the bitmap");

static const char *const rule_id[VCDEV_STRICT_NB] = {
	[VCDEV_STRICT_NOT_INDIRECT] = "not-indirect",
	[VCDEV_STRICT_TABLE_SIZE] = "table-size",
	[VCDEV_STRICT_OUT_OF_ORDER] = "out-of-order",
	[VCDEV_STRICT_HEADER] = "header-len",
	[VCDEV_STRICT_OPCODE] = "opcode",
	[VCDEV_STRICT_OP_TYPE] = "op-type",
	[VCDEV_STRICT_SESSION] = "session",
	[VCDEV_STRICT_LIMITS] = "limits",
	[VCDEV_STRICT_EMPTY] = "empty-field",
	[VCDEV_STRICT_AAD] = "aad",
	[VCDEV_STRICT_WRITABLE] = "field-in-writable",
	[VCDEV_STRICT_NO_DST] = "no-dst",
	[VCDEV_STRICT_SHORT] = "out-of-buffers",
	[VCDEV_STRICT_STATUS_LEN] = "status-len",
	[VCDEV_STRICT_TRAILING] = "trailing",
	[VCDEV_STRICT_DST_OFFSET] = "chain-dst-offset",
};

static const char *const rule_text[VCDEV_STRICT_NB] = {
	[VCDEV_STRICT_NOT_INDIRECT] =
		"the head descriptor is not an indirect table",
	[VCDEV_STRICT_TABLE_SIZE] =
		"the indirect table has more than 32 descriptors",
	[VCDEV_STRICT_OUT_OF_ORDER] =
		"avail slot i does not carry descriptor i (the back-end completes the wrong used entry)",
	[VCDEV_STRICT_HEADER] =
		"the first buffer is shorter than the 72-byte request header",
	[VCDEV_STRICT_OPCODE] =
		"opcode other than CIPHER_ENCRYPT/DECRYPT (no hash, MAC or AEAD service)",
	[VCDEV_STRICT_OP_TYPE] =
		"op_type neither CIPHER nor ALGORITHM_CHAINING",
	[VCDEV_STRICT_SESSION] = "unknown session",
	[VCDEV_STRICT_LIMITS] =
		"lengths beyond the back-end's limits (iv <= 32; cipher src, dst <= 2176; chain <= 4096; dst >= src)",
	[VCDEV_STRICT_EMPTY] = "a field of length 0",
	[VCDEV_STRICT_AAD] = "chain aad_len != 0: the back-end never reads AAD",
	[VCDEV_STRICT_WRITABLE] =
		"a device-readable field runs into a writable buffer (each field takes whole buffers: did one share a buffer?)",
	[VCDEV_STRICT_NO_DST] = "no writable buffer after src",
	[VCDEV_STRICT_SHORT] = "a field runs past the last buffer",
	[VCDEV_STRICT_STATUS_LEN] = "the status buffer is not 1 byte long",
	[VCDEV_STRICT_TRAILING] = "buffers after the status buffer",
	[VCDEV_STRICT_DST_OFFSET] =
		"cipher_start_src_offset reaches past the first dst buffer (the back-end writes dst back from the wrong bytes)",
};

const char *
vcdev_strict_rule_name(enum vcdev_strict_rule rule)
{
	return (unsigned int)rule < VCDEV_STRICT_NB ? rule_id[rule] : "?";
}

/* A request being taken apart. */
struct sv {
	struct vcdev_queue *q;
	const struct vcdev_chain *ch;
	struct vcdev_chain *out;
	uint16_t n;		/* buffers in the chain */
	uint16_t next;		/* the next one a field takes */
	struct virtio_crypto_op_data_req req;
	bool have_req;
	enum vcdev_strict_rule rule;	/* the one broken */
	const char *field;	/* where, for the log */
};

static bool
fail(struct sv *v, enum vcdev_strict_rule rule, const char *field)
{
	v->rule = rule;
	v->field = field;
	return false;
}

static bool
writable(const struct sv *v, uint16_t i)
{
	return i >= v->ch->nr;
}

static void
append(struct sv *v, uint8_t *p, uint32_t len, bool write)
{
	struct vcdev_chain *o = v->out;

	o->seg[o->nr + o->nw] = (struct vcdev_seg){ p, len };
	if (write) {
		o->nw++;
		o->wlen += len;
	} else {
		o->nr++;
		o->rlen += len;
	}
}

/*
 * Give field len bytes of whole buffers from v->next on, as the back-end's
 * copy_data() and prepare_write_back_data() do. A field that ends inside
 * a buffer leaves the rest of it unused.
 */
static bool
take(struct sv *v, const char *field, uint64_t len, bool write)
{
	const struct vcdev_seg *s;
	uint32_t piece;

	/* copy_data() fails on nothing to copy. */
	if (len == 0)
		return fail(v, VCDEV_STRICT_EMPTY, field);
	while (len > 0) {
		if (v->next >= v->n)
			return fail(v, VCDEV_STRICT_SHORT, field);
		/* The back-end would read it; no driver means that. */
		if (!write && writable(v, v->next))
			return fail(v, VCDEV_STRICT_WRITABLE, field);
		s = &v->ch->seg[v->next++];
		piece = len < s->len ? (uint32_t)len : s->len;
		append(v, s->p, piece, write);
		len -= piece;
	}
	return true;
}

/* dst starts at the first writable buffer after src (find_write_desc()). */
static bool
find_dst(struct sv *v)
{
	while (v->next < v->n && !writable(v, v->next))
		v->next++;
	if (v->next >= v->n)
		return fail(v, VCDEV_STRICT_NO_DST, "dst");
	return true;
}

/*
 * The status is the buffer after the last field. The back-end writes it
 * whatever its length, but its error path wants a 1-byte buffer at the
 * end of the table, as every device's does.
 */
static bool
take_status(struct sv *v)
{
	const struct vcdev_seg *s;

	if (v->next >= v->n)
		return fail(v, VCDEV_STRICT_SHORT, "status");
	s = &v->ch->seg[v->next];
	if (s->len != 1)
		return fail(v, VCDEV_STRICT_STATUS_LEN, "status");
	if (v->next + 1 != v->n)
		return fail(v, VCDEV_STRICT_TRAILING, "status");
	append(v, s->p, 1, true);
	v->next++;
	return true;
}

/* vhost_crypto_check_cipher_request() */
static bool
cipher_limits(const struct virtio_crypto_cipher_para *p)
{
	uint32_t iv = le32toh(p->iv_len), src = le32toh(p->src_data_len);
	uint32_t dst = le32toh(p->dst_data_len);

	return iv <= SV_MAX_IV && src <= SV_CIPHER_MAX && dst >= src &&
		dst <= SV_CIPHER_MAX;
}

static bool
cipher_fields(struct sv *v)
{
	const struct virtio_crypto_cipher_para *p =
		&v->req.u.sym_req.u.cipher.para;

	if (!cipher_limits(p))
		return fail(v, VCDEV_STRICT_LIMITS, "cipher");
	return take(v, "iv", le32toh(p->iv_len), false) &&
		take(v, "src", le32toh(p->src_data_len), false) &&
		find_dst(v) &&
		take(v, "dst", le32toh(p->dst_data_len), true) &&
		take_status(v);
}

/* vhost_crypto_check_chain_request(), in 64 bits: no sum wraps. */
static bool
chain_limits(const struct virtio_crypto_alg_chain_data_para *p)
{
	uint64_t iv = le32toh(p->iv_len), src = le32toh(p->src_data_len);
	uint64_t dst = le32toh(p->dst_data_len);
	uint64_t c_off = le32toh(p->cipher_start_src_offset);
	uint64_t c_len = le32toh(p->len_to_cipher);
	uint64_t h_off = le32toh(p->hash_start_src_offset);
	uint64_t h_len = le32toh(p->len_to_hash);
	uint64_t res = le32toh(p->hash_result_len);

	return iv <= SV_MAX_IV && src <= SV_CHAIN_MAX && dst >= src &&
		dst <= SV_CHAIN_MAX && c_off < SV_CHAIN_MAX &&
		c_len <= SV_CHAIN_MAX && h_off < SV_CHAIN_MAX &&
		h_len <= SV_CHAIN_MAX && c_off + c_len <= src &&
		h_off + h_len <= src && dst + res <= SV_CHAIN_MAX;
}

/*
 * The back-end writes dst back from the cipher offset on, but when that
 * offset is at or past the end of the first dst buffer it forgets to
 * advance its source by the buffers it skips: dst gets shifted bytes.
 */
static bool
chain_dst_offset_ok(const struct sv *v, uint32_t c_off)
{
	return c_off == 0 || c_off < v->ch->seg[v->next].len;
}

static bool
chain_fields(struct sv *v)
{
	const struct virtio_crypto_alg_chain_data_para *p =
		&v->req.u.sym_req.u.chain.para;
	uint32_t c_off = le32toh(p->cipher_start_src_offset);

	if (!chain_limits(p))
		return fail(v, VCDEV_STRICT_LIMITS, "chain");
	if (le32toh(p->aad_len) != 0)
		return fail(v, VCDEV_STRICT_AAD, "aad");
	if (!take(v, "iv", le32toh(p->iv_len), false) ||
	    !take(v, "src", le32toh(p->src_data_len), false) ||
	    !find_dst(v))
		return false;
	if (!chain_dst_offset_ok(v, c_off))
		return fail(v, VCDEV_STRICT_DST_OFFSET, "dst");
	return take(v, "dst", le32toh(p->dst_data_len), true) &&
		take(v, "digest", le32toh(p->hash_result_len), true) &&
		take_status(v);
}

static bool
session_known(struct sv *v)
{
	struct vcdev_session s;
	bool known = vcdev_session_get(&v->q->m->sessions,
				       le64toh(v->req.header.session_id), &s);

	if (known)
		vcdev_session_put(&s);
	return known;
}

/* The header, then what vhost_crypto_process_one_req() dispatches on. */
static bool
request_fields(struct sv *v)
{
	const struct vcdev_seg *h = &v->ch->seg[0];
	uint32_t opcode;

	if (v->n == 0 || h->len < VCDEV_REQ_LEN)
		return fail(v, VCDEV_STRICT_HEADER, "header");
	if (writable(v, 0))
		return fail(v, VCDEV_STRICT_WRITABLE, "header");
	memcpy(&v->req, h->p, sizeof(v->req));
	v->have_req = true;
	/* Only 72 bytes are read; the next field starts a buffer later. */
	append(v, h->p, VCDEV_REQ_LEN, false);
	v->next = 1;
	opcode = le32toh(v->req.header.opcode);
	if (opcode != VIRTIO_CRYPTO_CIPHER_ENCRYPT &&
	    opcode != VIRTIO_CRYPTO_CIPHER_DECRYPT)
		return fail(v, VCDEV_STRICT_OPCODE, "header");
	if (!session_known(v))
		return fail(v, VCDEV_STRICT_SESSION, "header");
	switch (le32toh(v->req.u.sym_req.op_type)) {
	case VIRTIO_CRYPTO_SYM_OP_CIPHER:
		return cipher_fields(v);
	case VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING:
		return chain_fields(v);
	default:
		return fail(v, VCDEV_STRICT_OP_TYPE, "header");
	}
}

/* What comes before any field: the ring entry and its table. */
static bool
ring_entry(struct sv *v)
{
	if (!v->ch->indirect)
		return fail(v, VCDEV_STRICT_NOT_INDIRECT, "head");
	if (v->ch->table_len > VCDEV_STRICT_MAX_DESC)
		return fail(v, VCDEV_STRICT_TABLE_SIZE, "table");
	if (v->ch->head != v->ch->slot)
		return fail(v, VCDEV_STRICT_OUT_OF_ORDER, "head");
	return true;
}

/* "72r 16r 64r 64w 1w": the buffers as the driver sent them. */
static void
describe_bufs(const struct sv *v, char *buf, size_t size)
{
	size_t off = 0;
	uint16_t i;
	int k;

	buf[0] = '\0';
	for (i = 0; i < v->n && off < size; i++) {
		k = snprintf(buf + off, size - off, "%s%u%c", i != 0 ? " " : "",
			     v->ch->seg[i].len, writable(v, i) ? 'w' : 'r');
		if (k < 0)
			return;
		off += (size_t)k;
	}
}

/* The header's lengths, or that it was not read. */
static void
describe_req(const struct sv *v, char *buf, size_t size)
{
	/* iv_len, src and dst lead both the cipher and the chain para. */
	const struct virtio_crypto_cipher_para *c =
		&v->req.u.sym_req.u.cipher.para;

	if (!v->have_req) {
		snprintf(buf, size, "header not read");
		return;
	}
	snprintf(buf, size, "opcode 0x%x op_type %u iv_len %u src %u dst %u",
		 le32toh(v->req.header.opcode),
		 le32toh(v->req.u.sym_req.op_type), le32toh(c->iv_len),
		 le32toh(c->src_data_len), le32toh(c->dst_data_len));
}

static void
report(const struct sv *v)
{
	struct vcdev_model *m = v->q->m;
	char bufs[256], req[128], table[32];

	VCDEV_ADD(m, strict_violations, 1);
	VCDEV_ADD(m, strict[v->rule], 1);
	describe_bufs(v, bufs, sizeof(bufs));
	describe_req(v, req, sizeof(req));
	if (v->ch->indirect)
		snprintf(table, sizeof(table), "indirect table of %u",
			 v->ch->table_len);
	else
		snprintf(table, sizeof(table), "direct chain");
	vcdev_log_once(m, v->rule,
		       "vcdev: strict vhost violation [%s] (%s): %s; queue %u, avail slot %u, head %u, %s, buffers %s; %s; device needs reset (further [%s] only counted)",
		       rule_id[v->rule], v->field, rule_text[v->rule],
		       v->q->qid, v->ch->slot, v->ch->head, table, bufs, req,
		       rule_id[v->rule]);
}

bool
vcdev_strict_frame(struct vcdev_queue *q, const struct vcdev_chain *ch,
		   struct vcdev_chain *out, struct vcdev_seg *segs)
{
	struct sv v = {
		.q = q, .ch = ch, .out = out,
		.n = (uint16_t)(ch->nr + ch->nw),
	};

	memset(out, 0, sizeof(*out));
	out->head = ch->head;
	out->slot = ch->slot;
	out->indirect = ch->indirect;
	out->table_len = ch->table_len;
	out->seg = segs;
	/* Beyond the table's 32 entries nothing is parsed, so segs suffice. */
	if (ring_entry(&v) && request_fields(&v))
		return true;
	report(&v);
	return false;
}
