/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Op encoding through the enqueue path (vcrypto_enqueue_burst and its
 * indirect variant, then vcrypto_dequeue_burst) with op fields from the
 * input: cipher and auth offsets and lengths, source and destination
 * segment chains (zero-length segments included; every segment's buffer
 * a heap block of exactly its size), digest and AAD pointers given,
 * missing or to be looked up, sessions of every service.
 *
 * The device walks each request and checks every buffer lies within
 * memory the op or the driver owns (the op's segments' data, its digest
 * and AAD blocks, the request's slot, the queue pair's bounce buffers),
 * is not empty, and it touches each (reads readable bytes, writes
 * writable ones: ASan checks the lengths); then it completes the request
 * with a status the input picks. Every op enqueued must come back from
 * dequeue exactly once, none that was not enqueued, never NOT_PROCESSED.
 */

#include <errno.h>
#include <stdlib.h>

#include <cryptodev_pmd.h>

#include "fz_env.h"
#include "virtio_crypto_caps.h"
#include "virtio_crypto_qp.h"
#include "virtio_crypto_req.h"
#include "virtio_crypto_session.h"

#define DATA_QID 0
#define CTRL_QID 1
#define BURST 8
#define MAX_SEGS 20
#define IV_OFF (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))
#define DIGEST_BLOCK 64
#define AAD_BLOCK 96

struct fz_op {
	struct rte_crypto_op op;
	struct rte_crypto_sym_op sym;
	uint8_t iv[64];
	struct rte_mbuf *segs[2][MAX_SEGS];
	uint16_t nb_segs[2];
	uint8_t *digest;
	uint8_t *aad;
	unsigned int returned;
};

struct fx {
	struct fz_dev dev;
	struct fz_in *in;
	struct vcrypto_qp *qp;
	struct fz_op ops[BURST];
	unsigned int nb_ops;
	bool aead;	/* the session is AEAD: ops use the aead view */
};

static struct fx *cur;
/* Bytes the device read end here, so the reads are not optimized out. */
static volatile uint8_t sink;

static void
ctrl_answer(struct fz_dev *d, struct fz_chain *c)
{
	uint8_t *in = c->b[c->n - 1].addr;

	if (c->b[c->n - 1].len == sizeof(struct virtio_crypto_inhdr)) {
		in[0] = VIRTIO_CRYPTO_OK;
	} else {
		struct virtio_crypto_session_input si = {
			.session_id = htole64(77), .status = 0 };

		memcpy(in, &si, sizeof(si));
	}
	fz_dev_used(d, CTRL_QID, c->head, c->b[c->n - 1].len);
}

static bool
within(const uint8_t *p, uint32_t len, const void *base, size_t size)
{
	const uint8_t *b = base;

	return p >= b && len <= size && (size_t)(p - b) <= size - len;
}

static bool
owned(const struct fx *f, uint16_t head, const struct fz_buf *b)
{
	const struct vq_split *vq = f->qp->vq;
	unsigned int i, s, k;

	if (within(b->addr, b->len, vq_split_slot_priv(vq, head),
		   sizeof(struct vcrypto_data_slot)))
		return true;
	if (f->qp->bounce != NULL &&
	    within(b->addr, b->len, f->qp->bounce + (size_t)head *
		   VCRYPTO_BOUNCE_SIZE, VCRYPTO_BOUNCE_SIZE))
		return true;
	for (i = 0; i < f->nb_ops; i++) {
		const struct fz_op *o = &f->ops[i];

		if (within(b->addr, b->len, o->digest, DIGEST_BLOCK) ||
		    within(b->addr, b->len, o->aad, AAD_BLOCK))
			return true;
		for (s = 0; s < 2; s++)
			for (k = 0; k < o->nb_segs[s]; k++) {
				const struct rte_mbuf *m = o->segs[s][k];

				if (within(b->addr, b->len,
					   (uint8_t *)m->buf_addr + m->data_off,
					   m->data_len))
					return true;
			}
	}
	return false;
}

static void
data_request(struct fx *f, struct fz_chain *c)
{
	uint8_t sum = 0;
	struct fz_buf *st;
	uint16_t i;
	uint32_t k;

	FZ_CHECK(c->n >= 2 && !c->b[0].write &&
		 c->b[0].len == sizeof(struct virtio_crypto_op_data_req),
		 "request header: %u buffers, first of %u", c->n, c->b[0].len);
	st = &c->b[c->n - 1];
	FZ_CHECK(st->write && st->len == 1, "status buffer: %u bytes",
		 st->len);
	for (i = 0; i < c->n; i++) {
		struct fz_buf *b = &c->b[i];

		FZ_CHECK(b->len != 0, "request buffer %u of %u is empty", i,
			 c->n);
		FZ_CHECK(owned(f, c->head, b),
			 "buffer %u (%p, %u bytes) outside the op's memory", i,
			 (void *)b->addr, b->len);
		if (b->write)
			memset(b->addr, 0xc3, b->len);
		else
			for (k = 0; k < b->len; k++)
				sum += b->addr[k];
	}
	sink = sum;
	st->addr[0] = fz_u8(f->in) < 200 ? VIRTIO_CRYPTO_OK : fz_u8(f->in);
	fz_dev_used(&f->dev, DATA_QID, c->head,
		    fz_u8(f->in) < 250 ? c->writable : fz_u32(f->in));
}

static void
on_notify(struct fz_dev *d, uint16_t qid)
{
	struct fz_chain c;

	while (fz_dev_pop(d, qid, &c)) {
		if (qid == CTRL_QID)
			ctrl_answer(d, &c);
		else
			data_request(cur, &c);
	}
}

/* The session: a shape the input picks, lengths it may bend. */
static void
make_session_xform(struct fz_in *in, struct rte_crypto_sym_xform *x,
		   uint8_t *key)
{
	static const struct { uint8_t type; uint8_t algo; uint8_t op;
			      uint8_t key; uint8_t iv; uint8_t dig; } shapes[] = {
		{ RTE_CRYPTO_SYM_XFORM_CIPHER, RTE_CRYPTO_CIPHER_AES_CBC, 0, 16, 16, 0 },
		{ RTE_CRYPTO_SYM_XFORM_CIPHER, RTE_CRYPTO_CIPHER_AES_CTR, 1, 32, 16, 0 },
		{ RTE_CRYPTO_SYM_XFORM_CIPHER, RTE_CRYPTO_CIPHER_AES_XTS, 0, 32, 16, 0 },
		{ RTE_CRYPTO_SYM_XFORM_CIPHER, RTE_CRYPTO_CIPHER_SNOW3G_UEA2, 0, 16, 16, 0 },
		{ RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_SHA256, 0, 0, 0, 32 },
		{ RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_SHA1_HMAC, 1, 20, 0, 12 },
		{ RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_AES_GMAC, 0, 16, 12, 16 },
		{ RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_AES_CMAC, 1, 16, 0, 16 },
		{ RTE_CRYPTO_SYM_XFORM_AEAD, RTE_CRYPTO_AEAD_AES_GCM, 0, 16, 12, 16 },
		{ RTE_CRYPTO_SYM_XFORM_AEAD, RTE_CRYPTO_AEAD_AES_CCM, 1, 16, 11, 8 },
		{ RTE_CRYPTO_SYM_XFORM_AEAD, RTE_CRYPTO_AEAD_CHACHA20_POLY1305, 1, 32, 12, 16 },
	};
	unsigned int i = fz_pick(in, RTE_DIM(shapes));

	memset(x, 0, sizeof(*x));
	x->type = shapes[i].type;
	switch (x->type) {
	case RTE_CRYPTO_SYM_XFORM_CIPHER:
		x->cipher.algo = shapes[i].algo;
		x->cipher.op = shapes[i].op ^ fz_bool(in);
		x->cipher.key = (typeof(x->cipher.key)){ key, shapes[i].key };
		x->cipher.iv.offset = IV_OFF;
		x->cipher.iv.length = shapes[i].iv;
		break;
	case RTE_CRYPTO_SYM_XFORM_AUTH:
		x->auth.algo = shapes[i].algo;
		x->auth.op = shapes[i].op ^ fz_bool(in);
		x->auth.key = (typeof(x->auth.key)){ key, shapes[i].key };
		x->auth.iv.offset = IV_OFF;
		x->auth.iv.length = shapes[i].iv;
		x->auth.digest_length = shapes[i].dig;
		break;
	default:
		x->aead.algo = shapes[i].algo;
		x->aead.op = shapes[i].op ^ fz_bool(in);
		x->aead.key = (typeof(x->aead.key)){ key, shapes[i].key };
		x->aead.iv.offset = IV_OFF;
		x->aead.iv.length = shapes[i].iv;
		x->aead.digest_length = shapes[i].dig;
		x->aead.aad_length = fz_pick(in, 3) * 8;
		break;
	}
}

static bool
make_session(struct fx *f, struct rte_cryptodev *dev,
	     struct rte_cryptodev_sym_session *sess)
{
	static uint8_t key[64] = { 0x11, 0x22, 0x33 };
	struct rte_crypto_sym_xform x[2];

	make_session_xform(f->in, &x[0], key);
	f->aead = x[0].type == RTE_CRYPTO_SYM_XFORM_AEAD;
	/* Half the ciphers chain with an HMAC, in either order. */
	if (x[0].type == RTE_CRYPTO_SYM_XFORM_CIPHER && fz_bool(f->in)) {
		bool enc = x[0].cipher.op == RTE_CRYPTO_CIPHER_OP_ENCRYPT;

		memset(&x[1], 0, sizeof(x[1]));
		x[1].type = RTE_CRYPTO_SYM_XFORM_AUTH;
		x[1].auth.algo = RTE_CRYPTO_AUTH_SHA256_HMAC;
		x[1].auth.op = enc ? RTE_CRYPTO_AUTH_OP_GENERATE :
			RTE_CRYPTO_AUTH_OP_VERIFY;
		x[1].auth.key = (typeof(x[1].auth.key)){ key, 32 };
		x[1].auth.digest_length = 16 + fz_pick(f->in, 2) * 16;
		if (fz_bool(f->in)) {
			x[1].next = &x[0];
			x[0].next = NULL;
			return vcrypto_sym_session_configure(dev, &x[1], sess) == 0;
		}
		x[0].next = &x[1];
	}
	return vcrypto_sym_session_configure(dev, &x[0], sess) == 0;
}

static struct rte_mbuf *
make_chain(struct fx *f, struct fz_op *o, int which)
{
	uint16_t n = 1 + fz_pick(f->in, fz_u8(f->in) < 200 ? 3 : MAX_SEGS);
	struct rte_mbuf *head = NULL, *prev = NULL;
	uint32_t pkt_len = 0;
	uint16_t i;

	for (i = 0; i < n; i++) {
		uint8_t b = fz_u8(f->in);
		uint16_t len = b < 40 ? 0 : b < 200 ? (b - 40) * 4 :
			fz_u16(f->in) % 4096;
		uint16_t headroom = fz_pick(f->in, 4) * 16;
		uint16_t tail = fz_pick(f->in, 3) * 8;
		struct rte_mbuf *m = calloc(1, sizeof(*m));
		uint8_t *buf;

		if (m == NULL)
			break;
		buf = malloc(headroom + len + tail + 1);
		if (buf == NULL) {
			free(m);
			break;
		}
		memset(buf, 0x5e, headroom + len + tail + 1);
		m->buf_addr = buf;
		m->buf_iova = (uintptr_t)buf;
		m->buf_len = headroom + len + tail;
		m->data_off = headroom;
		m->data_len = len;
		m->refcnt = 1;
		o->segs[which][o->nb_segs[which]++] = m;
		pkt_len += len;
		if (prev != NULL)
			prev->next = m;
		else
			head = m;
		prev = m;
	}
	if (head != NULL) {
		head->nb_segs = o->nb_segs[which];
		head->pkt_len = pkt_len;
	}
	return head;
}

static uint32_t
field(struct fz_in *in)
{
	uint8_t b = fz_u8(in);

	if (b < 200)
		return b * 4u;
	return b < 250 ? fz_u16(in) : fz_u32(in);
}

/* How an op gives its digest and AAD: with IOVA, to look up, missing. */
enum ref_kind { REF_IOVA, REF_LOOKUP, REF_MISSING, REF_UNKNOWN_MEMORY };

static enum ref_kind
pick_refs(struct fz_in *in)
{
	enum ref_kind k = fz_u8(in) % 4;

	if (k == REF_UNKNOWN_MEMORY)
		fz_memseg_found = false;
	return k;
}

static void
auth_refs(struct fz_in *in, struct fz_op *o, struct rte_crypto_sym_op *sym)
{
	enum ref_kind k;

	sym->auth.data.offset = fz_bool(in) ? sym->cipher.data.offset :
		field(in);
	sym->auth.data.length = fz_bool(in) ? sym->cipher.data.length :
		field(in);
	k = pick_refs(in);
	if (k == REF_MISSING)
		return;
	sym->auth.digest.data = o->digest;
	if (k == REF_IOVA)
		sym->auth.digest.phys_addr = (uintptr_t)o->digest;
}

static void
aead_refs(struct fz_in *in, struct fz_op *o, struct rte_crypto_sym_op *sym)
{
	enum ref_kind k = pick_refs(in);

	if (k == REF_MISSING)
		return;
	sym->aead.digest.data = o->digest;
	sym->aead.aad.data = o->aad;
	if (k == REF_IOVA) {
		sym->aead.digest.phys_addr = (uintptr_t)o->digest;
		sym->aead.aad.phys_addr = (uintptr_t)o->aad;
	}
}

static void
make_op(struct fx *f, struct fz_op *o, struct rte_cryptodev_sym_session *sess)
{
	struct rte_crypto_sym_op *sym = &o->sym;

	memset(o, 0, sizeof(*o));
	o->op.type = fz_u8(f->in) < 252 ? RTE_CRYPTO_OP_TYPE_SYMMETRIC :
		RTE_CRYPTO_OP_TYPE_ASYMMETRIC;
	o->op.sess_type = fz_u8(f->in) < 252 ? RTE_CRYPTO_OP_WITH_SESSION :
		RTE_CRYPTO_OP_SESSIONLESS;
	o->op.status = RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
	sym->session = sess;
	fz_bytes(f->in, o->iv, 16);
	sym->m_src = make_chain(f, o, 0);
	if (fz_u8(f->in) < 64)
		sym->m_dst = make_chain(f, o, 1);
	sym->cipher.data.offset = field(f->in);
	sym->cipher.data.length = field(f->in);
	o->digest = malloc(DIGEST_BLOCK);
	o->aad = malloc(AAD_BLOCK);
	if (o->digest != NULL)
		memset(o->digest, 0x44, DIGEST_BLOCK);
	if (o->aad != NULL)
		memset(o->aad, 0x55, AAD_BLOCK);
	/*
	 * The aead view shares its memory with the cipher and auth views
	 * (aead.digest lies over auth.data): fill only the session's own,
	 * as an application does, or the digest pointer is made of lengths.
	 */
	if (f->aead)
		aead_refs(f->in, o, sym);
	else
		auth_refs(f->in, o, sym);
}

static void
free_op(struct fz_op *o)
{
	unsigned int s, k;

	for (s = 0; s < 2; s++)
		for (k = 0; k < o->nb_segs[s]; k++) {
			free(o->segs[s][k]->buf_addr);
			free(o->segs[s][k]);
		}
	free(o->digest);
	free(o->aad);
}

static void
burst(struct fx *f, struct rte_cryptodev_sym_session *sess)
{
	struct rte_crypto_op *ops[BURST], *out[BURST];
	bool indirect = f->qp->vq->indirect_max != 0 && fz_bool(f->in);
	unsigned int i, back = 0, polls;
	uint16_t n, got;

	f->nb_ops = 1 + fz_pick(f->in, BURST);
	fz_memseg_found = true;
	for (i = 0; i < f->nb_ops; i++) {
		make_op(f, &f->ops[i], sess);
		ops[i] = &f->ops[i].op;
	}
	n = indirect ? vcrypto_enqueue_burst_indirect(f->qp, ops, f->nb_ops) :
		vcrypto_enqueue_burst(f->qp, ops, f->nb_ops);
	FZ_CHECK(n <= f->nb_ops, "enqueued %u of %u", n, f->nb_ops);
	/* The device serves in notify; a few polls gather everything. */
	for (polls = 0; polls < 64 && back < n; polls++) {
		got = vcrypto_dequeue_burst(f->qp, out, BURST);
		for (i = 0; i < got; i++) {
			struct fz_op *o = (struct fz_op *)out[i];

			FZ_CHECK(o >= f->ops && o < f->ops + n &&
				 &o->op == out[i], "dequeued op %p never "
				 "enqueued", (void *)out[i]);
			FZ_CHECK(o->returned++ == 0, "op %zu dequeued twice",
				 (size_t)(o - f->ops));
			FZ_CHECK(out[i]->status !=
				 RTE_CRYPTO_OP_STATUS_NOT_PROCESSED,
				 "op dequeued NOT_PROCESSED");
		}
		back += got;
	}
	FZ_CHECK(back == n, "%u ops enqueued, %u came back", n, back);
	for (i = 0; i < f->nb_ops; i++)
		free_op(&f->ops[i]);
	f->nb_ops = 0;
}

int
LLVMFuzzerInitialize(int *argc __rte_unused, char ***argv __rte_unused)
{
	fz_quiet_logs();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rte_cryptodev_qp_conf conf = { .nb_descriptors = 0 };
	struct rte_cryptodev_data ddata;
	struct rte_cryptodev dev;
	struct rte_cryptodev_sym_session *sess;
	void *qps[1] = { NULL };
	long allocs = fz_live_allocs;
	unsigned int k = 0;
	struct fz_in in;
	struct fx *f;

	fz_in_init(&in, data, size);
	f = calloc(1, sizeof(*f));
	sess = fz_session_alloc();
	if (f == NULL || sess == NULL)
		goto out;
	cur = f;
	f->in = &in;
	fz_dev_init(&f->dev, 1u << (2 + fz_pick(&in, 5)));	/* 4 .. 64 */
	if (fz_bool(&in))	/* direct descriptors only */
		f->dev.offered &= ~(1ULL << VIRTIO_RING_F_INDIRECT_DESC);
	f->dev.cfg.max_size = htole64(fz_bool(&in) ? 1u << 20 :
				      fz_u16(&in));
	f->dev.on_notify = on_notify;
	memset(&dev, 0, sizeof(dev));
	memset(&ddata, 0, sizeof(ddata));
	dev.data = &ddata;
	ddata.dev_private = &f->dev.hw;
	ddata.queue_pairs = qps;
	if (fz_dev_start(&f->dev, 1) == 0 &&
	    vcrypto_caps_build(&f->dev.hw) == 0 &&
	    make_session(f, &dev, sess) &&
	    vcrypto_qp_setup(&dev, 0, &conf, 0) == 0) {
		f->qp = qps[0];
		while (fz_more(&in) && k++ < 8)
			burst(f, sess);
		vcrypto_sym_session_clear(&dev, sess);
	}
	if (qps[0] != NULL)
		vcrypto_qp_free(&dev, 0);
	vcrypto_caps_free(&f->dev.hw);
	fz_dev_stop(&f->dev);
	FZ_CHECK(fz_live_allocs == allocs, "%ld allocations leaked",
		 fz_live_allocs - allocs);
out:
	free(sess);
	free(f);
	cur = NULL;
	return 0;
}
