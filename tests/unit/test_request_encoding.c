/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Request encoding, without a device or EAL: control requests for every
 * session type and data requests for every op type are checked field by
 * field against the fixed layouts of <linux/virtio_crypto.h>, and the
 * buffers an op is described with against its mbufs. Every request is
 * header | IV | readable data | writable data | digest | status, one
 * field per buffer: DPDK's vhost-user back-end consumes buffers whole, so
 * a field sharing another's buffer would be lost to it.
 */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <linux/virtio_crypto.h>

#include <rte_crypto.h>
#include <rte_mbuf.h>

#include "check.h"
#include "virtio_crypto_algos.h"
#include "virtio_crypto_req.h"
#include "virtio_crypto_session.h"
#include "virtio_crypto_session_req.h"
#include "virtio_crypto_sym.h"

#define IV_OFFSET (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))
#define SLOT_IOVA 0x7000000ull
#define SEG_ROOM 512

/* An op with its IV area, as a crypto op mempool would lay it out. */
struct test_op {
	struct rte_crypto_op op;
	struct rte_crypto_sym_op sym;
	uint8_t iv[32];
};

struct test_seg {
	struct rte_mbuf m;
	uint8_t room[SEG_ROOM];
};

static struct test_seg segs[8];

/* Chain n segments of the given data lengths; IOVAs are 1 MiB apart. */
static struct rte_mbuf *
make_chain(struct test_seg *s, const uint16_t *lens, int n, uint64_t iova)
{
	int i;

	for (i = 0; i < n; i++) {
		memset(&s[i].m, 0, sizeof(s[i].m));
		s[i].m.buf_addr = s[i].room;
		s[i].m.buf_iova = iova + (uint64_t)i * 0x100000;
		s[i].m.data_off = 64;
		s[i].m.data_len = lens[i];
		s[i].m.next = i + 1 < n ? &s[i + 1].m : NULL;
	}
	s[0].m.nb_segs = n;
	s[0].m.pkt_len = 0;
	for (i = 0; i < n; i++)
		s[0].m.pkt_len += lens[i];
	return &s[0].m;
}

static void
make_op(struct test_op *t, struct rte_mbuf *src, struct rte_mbuf *dst,
	uint32_t off, uint32_t len)
{
	unsigned int i;

	memset(t, 0, sizeof(*t));
	t->op.type = RTE_CRYPTO_OP_TYPE_SYMMETRIC;
	t->op.sess_type = RTE_CRYPTO_OP_WITH_SESSION;
	t->sym.m_src = src;
	t->sym.m_dst = dst;
	t->sym.cipher.data.offset = off;
	t->sym.cipher.data.length = len;
	for (i = 0; i < sizeof(t->iv); i++)
		t->iv[i] = (uint8_t)(0xa0 + i);
}

static void
cipher_xform(struct rte_crypto_cipher_xform *x,
	     enum rte_crypto_cipher_algorithm algo,
	     enum rte_crypto_cipher_operation op, uint16_t key_len,
	     uint16_t iv_len)
{
	memset(x, 0, sizeof(*x));
	x->algo = algo;
	x->op = op;
	x->key.length = key_len;
	x->iv.offset = IV_OFFSET;
	x->iv.length = iv_len;
}

static void
test_cipher_session_request(void)
{
	struct virtio_crypto_op_ctrl_req req;
	const struct virtio_crypto_cipher_session_para *p =
		&req.u.sym_create_session.u.cipher.para;

	CHECK(sizeof(req) == 72, "control request is 72 bytes");
	vcrypto_req_cipher_session(&req, VIRTIO_CRYPTO_CIPHER_AES_XTS, 64,
				   VIRTIO_CRYPTO_OP_DECRYPT);
	CHECK(le32toh(req.header.opcode) == VIRTIO_CRYPTO_CIPHER_CREATE_SESSION,
	      "cipher session: opcode CIPHER_CREATE_SESSION");
	CHECK(le32toh(req.header.algo) == VIRTIO_CRYPTO_CIPHER_AES_XTS,
	      "cipher session: header algo");
	CHECK(req.header.flag == 0 && req.header.queue_id == 0,
	      "cipher session: flag and queue_id zero");
	CHECK(le32toh(req.u.sym_create_session.op_type) ==
	      VIRTIO_CRYPTO_SYM_OP_CIPHER, "cipher session: op_type CIPHER");
	CHECK(le32toh(p->algo) == VIRTIO_CRYPTO_CIPHER_AES_XTS &&
	      le32toh(p->keylen) == 64 &&
	      le32toh(p->op) == VIRTIO_CRYPTO_OP_DECRYPT,
	      "cipher session: algo, keylen, op in the parameters");
}

/* Every catalogue cipher maps to a distinct virtio id. */
static void
test_cipher_catalogue(void)
{
	unsigned int i, j;
	bool distinct = true;

	for (i = 0; i < vcrypto_nb_cipher_algos; i++)
		for (j = i + 1; j < vcrypto_nb_cipher_algos; j++)
			if (vcrypto_cipher_algos[i].virtio ==
			    vcrypto_cipher_algos[j].virtio ||
			    vcrypto_cipher_algos[i].rte ==
			    vcrypto_cipher_algos[j].rte)
				distinct = false;
	CHECK(distinct, "cipher catalogue: ids are distinct");
	CHECK(vcrypto_cipher_algo_find(RTE_CRYPTO_CIPHER_AES_CBC)->virtio ==
	      VIRTIO_CRYPTO_CIPHER_AES_CBC, "catalogue: AES-CBC maps");
	CHECK(vcrypto_cipher_algo_find(RTE_CRYPTO_CIPHER_SM4_CBC) == NULL,
	      "catalogue: SM4 (no virtio id) is absent");
}

/* Where the slot's own buffers are, as the encoders give them. */
#define HDR_IOVA (SLOT_IOVA + offsetof(struct vcrypto_data_slot, req))
#define IV_IOVA (SLOT_IOVA + offsetof(struct vcrypto_data_slot, iv))
#define SLOT_DIGEST_IOVA (SLOT_IOVA + offsetof(struct vcrypto_data_slot, digest))
#define STATUS_IOVA (SLOT_IOVA + offsetof(struct vcrypto_data_slot, inhdr))

/* The header alone: 72 readable bytes at the start of the slot. */
static bool
is_header_buf(const struct vq_buf *b)
{
	return b->iova == HDR_IOVA &&
		b->len == sizeof(struct virtio_crypto_op_data_req) &&
		b->flags == 0;
}

/* The IV alone: iv_len readable bytes at the slot's IV. */
static bool
is_iv_buf(const struct vq_buf *b, uint32_t iv_len)
{
	return b->iova == IV_IOVA && b->len == iv_len && b->flags == 0;
}

static bool
is_status_buf(const struct vq_buf *b)
{
	return b->iova == STATUS_IOVA && b->len == 1 && b->flags == VQ_BUF_WRITE;
}

static int
encode(const struct vcrypto_session *s, struct test_op *t,
       struct vcrypto_data_slot *slot, struct vq_buf *bufs, uint16_t max_bufs)
{
	struct vcrypto_op_limits lim = { .max_size = 1 << 20,
					 .max_bufs = max_bufs };

	memset(slot, 0x5a, sizeof(*slot));
	return vcrypto_encoders[s->encoder](s, &t->op, slot, SLOT_IOVA, bufs, &lim);
}

static void
test_cipher_in_place(void)
{
	static const uint16_t lens[] = { 256 };
	struct rte_crypto_cipher_xform x;
	struct vcrypto_session s;
	struct vcrypto_data_slot slot;
	struct vq_buf bufs[VCRYPTO_DATA_INDIRECT_MAX];
	struct test_op t;
	const struct virtio_crypto_cipher_para *p =
		&slot.req.u.sym_req.u.cipher.para;
	struct rte_mbuf *m = make_chain(segs, lens, 1, 0x100000);
	int n;

	memset(&s, 0, sizeof(s));
	cipher_xform(&x, RTE_CRYPTO_CIPHER_AES_CBC, RTE_CRYPTO_CIPHER_OP_ENCRYPT,
		     16, 16);
	s.session_id = 0x1234;
	vcrypto_cipher_session_init(&s, vcrypto_cipher_algo_find(x.algo), &x);
	make_op(&t, m, NULL, 16, 224);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == 5, "cbc in place: 5 buffers (header, iv, src, dst, status), got %d",
	      n);
	CHECK(sizeof(slot.req) == 72, "data request is 72 bytes");
	CHECK(le32toh(slot.req.header.opcode) == VIRTIO_CRYPTO_CIPHER_ENCRYPT &&
	      le32toh(slot.req.header.algo) == VIRTIO_CRYPTO_CIPHER_AES_CBC &&
	      le64toh(slot.req.header.session_id) == 0x1234,
	      "cbc: header opcode, algo, session id");
	CHECK(le32toh(slot.req.u.sym_req.op_type) == VIRTIO_CRYPTO_SYM_OP_CIPHER,
	      "cbc: op_type CIPHER");
	CHECK(le32toh(p->iv_len) == 16 && le32toh(p->src_data_len) == 224 &&
	      le32toh(p->dst_data_len) == 224,
	      "cbc: iv_len 16, src and dst lengths equal");
	CHECK(memcmp(slot.iv, t.iv, 16) == 0, "cbc: op's IV copied into the slot");
	CHECK(slot.inhdr.status == VCRYPTO_STATUS_UNSET, "cbc: status preset");
	if (n != 5)
		return;
	CHECK(is_header_buf(&bufs[0]),
	      "cbc: header alone in buffer 0 (72 readable bytes)");
	CHECK(is_iv_buf(&bufs[1], 16),
	      "cbc: IV alone in buffer 1, at the slot's IV, 16 bytes");
	CHECK(bufs[1].iova >= bufs[0].iova + bufs[0].len,
	      "cbc: IV buffer does not overlap the header's");
	CHECK(bufs[2].iova == 0x100000 + 64 + 16 && bufs[2].len == 224 &&
	      bufs[2].flags == 0, "cbc: src at the cipher offset, readable");
	CHECK(bufs[3].iova == bufs[2].iova && bufs[3].len == 224 &&
	      bufs[3].flags == VQ_BUF_WRITE, "cbc: dst is src, writable");
	CHECK(is_status_buf(&bufs[4]), "cbc: status byte last, writable");
}

static void
test_cipher_out_of_place_sgl(void)
{
	static const uint16_t src_lens[] = { 100, 60, 200 };
	static const uint16_t dst_lens[] = { 320, 64 };
	struct rte_crypto_cipher_xform x;
	struct vcrypto_session s;
	struct vcrypto_data_slot slot;
	struct vq_buf bufs[VCRYPTO_DATA_INDIRECT_MAX];
	struct test_op t;
	struct rte_mbuf *src = make_chain(segs, src_lens, 3, 0x100000);
	struct rte_mbuf *dst = make_chain(segs + 3, dst_lens, 2, 0x900000);
	int n;

	memset(&s, 0, sizeof(s));
	cipher_xform(&x, RTE_CRYPTO_CIPHER_AES_CTR, RTE_CRYPTO_CIPHER_OP_DECRYPT,
		     32, 16);
	s.session_id = 7;
	vcrypto_cipher_session_init(&s, vcrypto_cipher_algo_find(x.algo), &x);
	/* 330 bytes from offset 20: 80 + 60 + 190 in src, 300 + 30 in dst. */
	make_op(&t, src, dst, 20, 330);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == 8, "ctr oop sgl: header + iv + 3 src + 2 dst + status buffers, "
	      "got %d", n);
	CHECK(le32toh(slot.req.header.opcode) == VIRTIO_CRYPTO_CIPHER_DECRYPT,
	      "ctr: decrypt opcode");
	if (n != 8)
		return;
	CHECK(is_header_buf(&bufs[0]) && is_iv_buf(&bufs[1], 16),
	      "sgl: header, then the IV in its own buffer");
	CHECK(bufs[2].iova == 0x100000 + 64 + 20 && bufs[2].len == 80 &&
	      bufs[2].flags == 0, "sgl: first src segment from the offset");
	CHECK(bufs[3].iova == 0x200000 + 64 && bufs[3].len == 60,
	      "sgl: second src segment whole");
	CHECK(bufs[4].iova == 0x300000 + 64 && bufs[4].len == 190,
	      "sgl: third src segment up to the length");
	CHECK(bufs[5].iova == 0x900000 + 64 + 20 && bufs[5].len == 300 &&
	      bufs[5].flags == VQ_BUF_WRITE, "sgl: dst first segment at offset");
	CHECK(bufs[6].iova == 0xa00000 + 64 && bufs[6].len == 30 &&
	      bufs[6].flags == VQ_BUF_WRITE, "sgl: dst second segment");
	CHECK(is_status_buf(&bufs[7]), "sgl: status last");
}

static void
test_cipher_bad_ops(void)
{
	static const uint16_t lens[] = { 64, 64, 64, 64, 64 };
	struct rte_crypto_cipher_xform x;
	struct vcrypto_session s;
	struct vcrypto_data_slot slot;
	struct vq_buf bufs[VCRYPTO_DATA_INDIRECT_MAX];
	struct test_op t;
	struct rte_mbuf *m = make_chain(segs, lens, 5, 0x100000);
	struct vcrypto_op_limits small = { .max_size = 100, .max_bufs = VCRYPTO_DATA_INDIRECT_MAX };
	int n;

	memset(&s, 0, sizeof(s));
	cipher_xform(&x, RTE_CRYPTO_CIPHER_AES_CBC, RTE_CRYPTO_CIPHER_OP_ENCRYPT,
		     16, 16);
	s.session_id = 1;
	vcrypto_cipher_session_init(&s, vcrypto_cipher_algo_find(x.algo), &x);

	make_op(&t, m, NULL, 0, 15);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == -RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
	      "cbc: length not a block multiple is INVALID_ARGS");
	make_op(&t, m, NULL, 16, 320);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == -RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
	      "cbc: data beyond the mbuf chain is INVALID_ARGS");
	make_op(&t, m, NULL, 0, 320);
	n = encode(&s, &t, &slot, bufs, 8);
	CHECK(n == -RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
	      "cbc: chain needing more buffers than allowed is INVALID_ARGS");
	n = vcrypto_encoders[s.encoder](&s, &t.op, &slot, SLOT_IOVA, bufs, &small);
	CHECK(n == -RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
	      "cbc: request over the device max_size is INVALID_ARGS");
	make_op(&t, m, NULL, 0, 320);
	n = encode(&s, &t, &slot, bufs, 13);
	CHECK(n == 13, "cbc: header, iv, 5+5 segments, status fit exactly in 13 "
	      "buffers (got %d)", n);
	n = encode(&s, &t, &slot, bufs, 12);
	CHECK(n == -RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
	      "cbc: the IV's buffer counts, 12 buffers are one short");
	make_op(&t, NULL, NULL, 0, 16);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == -RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
	      "cbc: op without a source mbuf is INVALID_ARGS");

	/* Without an IV the same op takes one buffer less. */
	memset(&s, 0, sizeof(s));
	cipher_xform(&x, RTE_CRYPTO_CIPHER_AES_ECB, RTE_CRYPTO_CIPHER_OP_ENCRYPT,
		     16, 0);
	s.session_id = 1;
	vcrypto_cipher_session_init(&s, vcrypto_cipher_algo_find(x.algo), &x);
	make_op(&t, m, NULL, 0, 320);
	n = encode(&s, &t, &slot, bufs, 12);
	CHECK(n == 12, "ecb: header, 5+5 segments, status fit exactly in 12 "
	      "buffers (got %d)", n);
	n = encode(&s, &t, &slot, bufs, 11);
	CHECK(n == -RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
	      "ecb: 11 buffers are one short");
}

static void
test_xts_and_ecb(void)
{
	static const uint16_t lens[] = { 64 };
	struct rte_crypto_cipher_xform x;
	struct vcrypto_session s;
	struct vcrypto_data_slot slot;
	struct vq_buf bufs[VCRYPTO_DATA_INDIRECT_MAX];
	struct test_op t;
	struct rte_mbuf *m = make_chain(segs, lens, 1, 0x100000);
	int n;

	memset(&s, 0, sizeof(s));
	cipher_xform(&x, RTE_CRYPTO_CIPHER_AES_XTS, RTE_CRYPTO_CIPHER_OP_ENCRYPT,
		     64, 16);
	s.session_id = 2;
	vcrypto_cipher_session_init(&s, vcrypto_cipher_algo_find(x.algo), &x);
	make_op(&t, m, NULL, 0, 8);
	CHECK(encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX) ==
	      -RTE_CRYPTO_OP_STATUS_INVALID_ARGS, "xts: under one block is refused");
	make_op(&t, m, NULL, 0, 17);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == 5, "xts: ciphertext stealing lengths are allowed (got %d)", n);
	CHECK(n == 5 && is_iv_buf(&bufs[1], 16) &&
	      memcmp(slot.iv, t.iv, 16) == 0, "xts: 16-byte tweak in its own buffer");

	memset(&s, 0, sizeof(s));
	cipher_xform(&x, RTE_CRYPTO_CIPHER_AES_ECB, RTE_CRYPTO_CIPHER_OP_ENCRYPT,
		     16, 0);
	s.session_id = 3;
	vcrypto_cipher_session_init(&s, vcrypto_cipher_algo_find(x.algo), &x);
	make_op(&t, m, NULL, 0, 32);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == 4, "ecb: header, src, dst, status: no IV buffer (got %d)", n);
	CHECK(le32toh(slot.req.u.sym_req.u.cipher.para.iv_len) == 0,
	      "ecb: iv_len 0 in the request");
	if (n == 4)
		CHECK(is_header_buf(&bufs[0]) && bufs[1].iova == 0x100000 + 64 &&
		      bufs[1].len == 32 && bufs[1].flags == 0 &&
		      bufs[2].flags == VQ_BUF_WRITE && is_status_buf(&bufs[3]),
		      "ecb: the source follows the header directly");
}

static void
test_session_requests(void)
{
	struct virtio_crypto_op_ctrl_req req;
	struct vcrypto_chain_auth auth = { VIRTIO_CRYPTO_SERVICE_MAC,
		VIRTIO_CRYPTO_MAC_HMAC_SHA_256, 16, 32 };
	const struct virtio_crypto_alg_chain_session_para *cp =
		&req.u.sym_create_session.u.chain.para;

	vcrypto_req_hash_session(&req, VIRTIO_CRYPTO_HASH_SHA_384, 48);
	CHECK(le32toh(req.header.opcode) == VIRTIO_CRYPTO_HASH_CREATE_SESSION &&
	      le32toh(req.u.hash_create_session.para.algo) ==
	      VIRTIO_CRYPTO_HASH_SHA_384 &&
	      le32toh(req.u.hash_create_session.para.hash_result_len) == 48,
	      "hash session: opcode, algo, result length");
	vcrypto_req_mac_session(&req, VIRTIO_CRYPTO_MAC_CMAC_AES, 12, 16);
	CHECK(le32toh(req.header.opcode) == VIRTIO_CRYPTO_MAC_CREATE_SESSION &&
	      le32toh(req.u.mac_create_session.para.algo) ==
	      VIRTIO_CRYPTO_MAC_CMAC_AES &&
	      le32toh(req.u.mac_create_session.para.hash_result_len) == 12 &&
	      le32toh(req.u.mac_create_session.para.auth_key_len) == 16,
	      "mac session: opcode, algo, result and key lengths");
	vcrypto_req_aead_session(&req, VIRTIO_CRYPTO_AEAD_CCM, 24, 8, 20,
				 VIRTIO_CRYPTO_OP_DECRYPT);
	CHECK(le32toh(req.header.opcode) == VIRTIO_CRYPTO_AEAD_CREATE_SESSION &&
	      le32toh(req.u.aead_create_session.para.algo) ==
	      VIRTIO_CRYPTO_AEAD_CCM &&
	      le32toh(req.u.aead_create_session.para.key_len) == 24 &&
	      le32toh(req.u.aead_create_session.para.hash_result_len) == 8 &&
	      le32toh(req.u.aead_create_session.para.aad_len) == 20 &&
	      le32toh(req.u.aead_create_session.para.op) ==
	      VIRTIO_CRYPTO_OP_DECRYPT, "aead session: every parameter");
	vcrypto_req_chain_session(&req,
		VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH,
		VIRTIO_CRYPTO_CIPHER_AES_CBC, 16, VIRTIO_CRYPTO_OP_ENCRYPT, &auth);
	CHECK(le32toh(req.header.opcode) == VIRTIO_CRYPTO_CIPHER_CREATE_SESSION &&
	      le32toh(req.u.sym_create_session.op_type) ==
	      VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING,
	      "chain session: sym opcode, op_type CHAINING");
	CHECK(le32toh(cp->alg_chain_order) ==
	      VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH &&
	      le32toh(cp->hash_mode) == VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH &&
	      le32toh(cp->cipher_param.algo) == VIRTIO_CRYPTO_CIPHER_AES_CBC &&
	      le32toh(cp->cipher_param.keylen) == 16 &&
	      le32toh(cp->u.mac_param.algo) == VIRTIO_CRYPTO_MAC_HMAC_SHA_256 &&
	      le32toh(cp->u.mac_param.hash_result_len) == 16 &&
	      le32toh(cp->u.mac_param.auth_key_len) == 32 && cp->aad_len == 0,
	      "chain session: order, mode AUTH, cipher and mac parameters");
	auth = (struct vcrypto_chain_auth){ VIRTIO_CRYPTO_SERVICE_HASH,
		VIRTIO_CRYPTO_HASH_SHA1, 20, 0 };
	vcrypto_req_chain_session(&req,
		VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER,
		VIRTIO_CRYPTO_CIPHER_AES_CTR, 32, VIRTIO_CRYPTO_OP_DECRYPT, &auth);
	CHECK(le32toh(cp->alg_chain_order) ==
	      VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER &&
	      le32toh(cp->hash_mode) == VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN &&
	      le32toh(cp->u.hash_param.algo) == VIRTIO_CRYPTO_HASH_SHA1 &&
	      le32toh(cp->u.hash_param.hash_result_len) == 20,
	      "chain session: hash-then-cipher, plain hash parameters");
}

static void
auth_xform(struct rte_crypto_auth_xform *x, enum rte_crypto_auth_algorithm algo,
	   enum rte_crypto_auth_operation op, uint16_t digest_len)
{
	memset(x, 0, sizeof(*x));
	x->algo = algo;
	x->op = op;
	x->digest_length = digest_len;
	x->key.length = 16;
	x->iv.offset = IV_OFFSET;
}

static uint8_t digest_mem[64];
#define DIGEST_IOVA 0x5000000ull

/* The op's digest: a pattern whose complement differs in every byte. */
static void
fill_digest_mem(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(digest_mem); i++)
		digest_mem[i] = (uint8_t)(0x31 * i + 7);
}

/* The slot's digest holds exactly the op's first len digest bytes. */
static bool
slot_digest_is_op(const struct vcrypto_data_slot *slot, unsigned int len)
{
	return memcmp(slot->digest, digest_mem, len) == 0;
}

/* The slot's digest holds the bitwise complement of the op's, byte by byte. */
static bool
slot_digest_is_complement(const struct vcrypto_data_slot *slot,
			  unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		if ((uint8_t)(slot->digest[i] ^ digest_mem[i]) != 0xff)
			return false;
	return true;
}

/* Nothing written to the slot's digest (encode() fills the slot with 0x5a). */
static bool
slot_digest_untouched(const struct vcrypto_data_slot *slot)
{
	unsigned int i;

	for (i = 0; i < sizeof(slot->digest); i++)
		if (slot->digest[i] != 0x5a)
			return false;
	return true;
}

static void
set_digest(struct test_op *t, bool aead)
{
	if (aead) {
		t->sym.aead.digest.data = digest_mem;
		t->sym.aead.digest.phys_addr = DIGEST_IOVA;
	} else {
		t->sym.auth.digest.data = digest_mem;
		t->sym.auth.digest.phys_addr = DIGEST_IOVA;
	}
}

static void
test_hash_and_mac(void)
{
	static const uint16_t lens[] = { 100, 100 };
	struct rte_crypto_auth_xform x;
	struct vcrypto_session s;
	struct vcrypto_data_slot slot;
	struct vq_buf bufs[VCRYPTO_DATA_INDIRECT_MAX];
	struct test_op t;
	struct rte_mbuf *m = make_chain(segs, lens, 2, 0x100000);
	int n;

	fill_digest_mem();
	memset(&s, 0, sizeof(s));
	auth_xform(&x, RTE_CRYPTO_AUTH_SHA256, RTE_CRYPTO_AUTH_OP_GENERATE, 32);
	s.session_id = 9;
	vcrypto_auth_session_init(&s, vcrypto_auth_algo_find(x.algo), &x);
	/* Whatever the device does with a digest it is given: nothing here. */
	s.device_verifies = 1;
	make_op(&t, m, NULL, 0, 0);
	t.sym.auth.data.offset = 10;
	t.sym.auth.data.length = 150;
	set_digest(&t, false);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == 5, "hash: header, 2 src segments, digest, status (got %d)", n);
	CHECK(le32toh(slot.req.header.opcode) == VIRTIO_CRYPTO_HASH &&
	      le32toh(slot.req.header.algo) == VIRTIO_CRYPTO_HASH_SHA_256 &&
	      le32toh(slot.req.u.hash_req.para.src_data_len) == 150 &&
	      le32toh(slot.req.u.hash_req.para.hash_result_len) == 32,
	      "hash: opcode HASH, algo, src and result lengths");
	if (n == 5) {
		CHECK(is_header_buf(&bufs[0]),
		      "hash: header alone, no IV buffer after it");
		CHECK(bufs[1].iova == 0x100000 + 64 + 10 && bufs[1].len == 90 &&
		      bufs[1].flags == 0 && bufs[2].iova == 0x200000 + 64 &&
		      bufs[2].len == 60 && bufs[2].flags == 0,
		      "hash: source segments from offset, readable");
		CHECK(bufs[3].iova == DIGEST_IOVA && bufs[3].len == 32 &&
		      bufs[3].flags == VQ_BUF_WRITE,
		      "hash generate: device writes the op's digest");
		CHECK(is_status_buf(&bufs[4]), "hash: status last");
	}
	CHECK(slot_digest_untouched(&slot),
	      "hash generate: the slot's digest is not filled");
	CHECK(s.meta.verify_len == 0 && s.meta.auth == 0,
	      "hash generate: nothing to verify at dequeue");

	memset(&s, 0, sizeof(s));
	auth_xform(&x, RTE_CRYPTO_AUTH_SHA1_HMAC, RTE_CRYPTO_AUTH_OP_VERIFY, 12);
	vcrypto_auth_session_init(&s, vcrypto_auth_algo_find(x.algo), &x);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(le32toh(slot.req.header.opcode) == VIRTIO_CRYPTO_MAC &&
	      le32toh(slot.req.u.mac_req.para.hash.src_data_len) == 150 &&
	      le32toh(slot.req.u.mac_req.para.hash.hash_result_len) == 12,
	      "hmac: opcode MAC, lengths in the mac layout");
	CHECK(n == 5 && bufs[3].iova == SLOT_DIGEST_IOVA && bufs[3].len == 12 &&
	      bufs[3].flags == VQ_BUF_WRITE,
	      "hmac verify: device writes the digest into the slot");
	CHECK(s.meta.verify_len == 12, "hmac verify: dequeue compares 12 bytes");
	CHECK(slot_digest_is_complement(&slot, 12),
	      "hmac verify: slot digest pre-filled with the complement of the "
	      "op's (a device answering OK without writing one cannot pass)");
	s.device_verifies = 1;
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == 5 && bufs[3].iova == SLOT_DIGEST_IOVA && bufs[3].len == 12,
	      "hmac verify, device verifies: same buffers");
	CHECK(slot_digest_is_op(&slot, 12),
	      "hmac verify, device verifies: slot digest is the op's expected "
	      "digest");
	CHECK(slot.digest[12] == 0x5a,
	      "hmac verify: nothing pre-filled past the digest length");
	t.sym.auth.digest.data = NULL;
	CHECK(encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX) == -RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
	      "hmac verify: no expected digest is INVALID_ARGS");
	set_digest(&t, false);
	CHECK(encode(&s, &t, &slot, bufs, 5) == 5,
	      "hmac: header, 2 segments, digest, status fit exactly in 5");
	CHECK(encode(&s, &t, &slot, bufs, 4) == -RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
	      "hmac: too many segments for the buffers is INVALID_ARGS");
}

static void
test_chain(void)
{
	static const uint16_t lens[] = { 512 };
	struct rte_crypto_cipher_xform c;
	struct rte_crypto_auth_xform a;
	struct vcrypto_session s;
	struct vcrypto_data_slot slot;
	struct vq_buf bufs[VCRYPTO_DATA_INDIRECT_MAX];
	struct test_op t;
	const struct virtio_crypto_alg_chain_data_para *p =
		&slot.req.u.sym_req.u.chain.para;
	struct rte_mbuf *m = make_chain(segs, lens, 1, 0x100000);
	int n;

	fill_digest_mem();
	memset(&s, 0, sizeof(s));
	cipher_xform(&c, RTE_CRYPTO_CIPHER_AES_CBC, RTE_CRYPTO_CIPHER_OP_ENCRYPT,
		     16, 16);
	auth_xform(&a, RTE_CRYPTO_AUTH_SHA256_HMAC, RTE_CRYPTO_AUTH_OP_GENERATE,
		   16);
	vcrypto_chain_session_init(&s, vcrypto_cipher_algo_find(c.algo), &c,
				   &a, true);
	/* ESP-like: auth covers an 8-byte header and the ciphertext. */
	make_op(&t, m, NULL, 24, 256);
	t.sym.auth.data.offset = 16;
	t.sym.auth.data.length = 264;
	set_digest(&t, false);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == 6, "chain: header, iv, src, dst, digest, status (got %d)", n);
	{
		/* An offset plus length that wraps in 32 bits is no op. */
		struct test_op w = t;

		w.sym.cipher.data.offset = 0xfffffff0u;
		w.sym.cipher.data.length = 0x20;
		CHECK(encode(&s, &w, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX) ==
		      -RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
		      "chain: cipher offset + length wrapping 32 bits is INVALID_ARGS");
		n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	}
	CHECK(le32toh(slot.req.header.opcode) == VIRTIO_CRYPTO_CIPHER_ENCRYPT &&
	      le32toh(slot.req.u.sym_req.op_type) ==
	      VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING,
	      "chain: encrypt opcode, CHAINING op_type");
	CHECK(le32toh(p->iv_len) == 16 && le32toh(p->src_data_len) == 264 &&
	      le32toh(p->dst_data_len) == 264 &&
	      le32toh(p->cipher_start_src_offset) == 8 &&
	      le32toh(p->len_to_cipher) == 256 &&
	      le32toh(p->hash_start_src_offset) == 0 &&
	      le32toh(p->len_to_hash) == 264 && le32toh(p->hash_result_len) == 16,
	      "chain: region from the first byte either step needs, offsets in it");
	if (n == 6) {
		CHECK(is_header_buf(&bufs[0]) && is_iv_buf(&bufs[1], 16) &&
		      memcmp(slot.iv, t.iv, 16) == 0,
		      "chain: header, then the 16-byte IV in its own buffer");
		CHECK(bufs[2].iova == 0x100000 + 64 + 16 && bufs[2].len == 264 &&
		      bufs[2].flags == 0 && bufs[3].iova == bufs[2].iova &&
		      bufs[3].len == 264 && bufs[3].flags == VQ_BUF_WRITE,
		      "chain: src region readable, dst region writable");
		CHECK(bufs[4].iova == DIGEST_IOVA && bufs[4].len == 16 &&
		      bufs[4].flags == VQ_BUF_WRITE && is_status_buf(&bufs[5]),
		      "chain generate: op digest written, then status");
	}
	CHECK(slot_digest_untouched(&slot) && s.meta.verify_len == 0,
	      "chain generate: slot digest not filled, nothing to verify");
	t.sym.cipher.data.length = 250;
	CHECK(encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX) == -RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
	      "chain: cbc length not a block multiple is INVALID_ARGS");

	/* MAC-then-encrypt: the same request, the order is the session's. */
	memset(&s, 0, sizeof(s));
	vcrypto_chain_session_init(&s, vcrypto_cipher_algo_find(c.algo), &c,
				   &a, false);
	s.device_verifies = 1;
	make_op(&t, m, NULL, 24, 256);
	t.sym.auth.data.offset = 16;
	t.sym.auth.data.length = 264;
	set_digest(&t, false);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == 6 && le32toh(slot.req.header.opcode) ==
	      VIRTIO_CRYPTO_CIPHER_ENCRYPT && bufs[4].iova == DIGEST_IOVA &&
	      bufs[4].flags == VQ_BUF_WRITE && slot_digest_untouched(&slot),
	      "mac-then-encrypt: encrypt opcode, op digest written, slot's "
	      "untouched");
	{
		/* DPDK's "digest encrypted": the digest inside the output. */
		struct test_op d = t;

		d.sym.auth.digest.phys_addr = 0x100000 + 64 + 16 + 240;
		CHECK(encode(&s, &d, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX) ==
		      -RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
		      "mac-then-encrypt: a digest inside the cipher output is "
		      "INVALID_ARGS (the device would write it twice)");
		d.sym.auth.digest.phys_addr = 0x100000 + 64 + 16 + 264;
		CHECK(encode(&s, &d, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX) == 6,
		      "mac-then-encrypt: a digest right after the output is fine");
	}

	/* Decrypt-then-verify: the digest buffer is the slot's, pre-filled. */
	memset(&s, 0, sizeof(s));
	c.op = RTE_CRYPTO_CIPHER_OP_DECRYPT;
	a.op = RTE_CRYPTO_AUTH_OP_VERIFY;
	vcrypto_chain_session_init(&s, vcrypto_cipher_algo_find(c.algo), &c,
				   &a, true);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == 6 && le32toh(slot.req.header.opcode) ==
	      VIRTIO_CRYPTO_CIPHER_DECRYPT && s.meta.verify_len == 16,
	      "decrypt-then-verify: decrypt opcode, dequeue compares 16 bytes");
	CHECK(n == 6 && bufs[4].iova == SLOT_DIGEST_IOVA && bufs[4].len == 16 &&
	      bufs[4].flags == VQ_BUF_WRITE && is_status_buf(&bufs[5]),
	      "chain verify: digest buffer in the slot, then status");
	CHECK(slot_digest_is_complement(&slot, 16),
	      "chain verify: slot digest is the complement of the op's");
	s.device_verifies = 1;
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == 6 && bufs[4].iova == SLOT_DIGEST_IOVA &&
	      slot_digest_is_op(&slot, 16),
	      "chain verify, device verifies: slot digest is the op's expected "
	      "digest");

	/* Verify-then-decrypt, device verifies, then one that does not. */
	memset(&s, 0, sizeof(s));
	vcrypto_chain_session_init(&s, vcrypto_cipher_algo_find(c.algo), &c,
				   &a, false);
	s.device_verifies = 1;
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == 6 && slot_digest_is_op(&slot, 16) &&
	      bufs[4].iova == SLOT_DIGEST_IOVA,
	      "verify-then-decrypt, device verifies: expected digest given");
	s.device_verifies = 0;
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == 6 && slot_digest_is_complement(&slot, 16),
	      "verify-then-decrypt: complement given otherwise");
}

static void
aead_xform(struct rte_crypto_aead_xform *x, enum rte_crypto_aead_algorithm algo,
	   enum rte_crypto_aead_operation op, uint16_t iv_len, uint16_t aad_len)
{
	memset(x, 0, sizeof(*x));
	x->algo = algo;
	x->op = op;
	x->key.length = 16;
	x->iv.offset = IV_OFFSET;
	x->iv.length = iv_len;
	x->digest_length = 16;
	x->aad_length = aad_len;
}

static uint8_t aad_mem[64];
#define AAD_IOVA 0x6000000ull

static void
test_aead(void)
{
	static const uint16_t lens[] = { 256 };
	struct rte_crypto_aead_xform x;
	struct vcrypto_session s;
	struct vcrypto_data_slot slot;
	struct vq_buf bufs[VCRYPTO_DATA_INDIRECT_MAX];
	struct test_op t;
	const struct virtio_crypto_aead_para *p = &slot.req.u.aead_req.para;
	struct rte_mbuf *m = make_chain(segs, lens, 1, 0x100000);
	int n;

	memset(&s, 0, sizeof(s));
	aead_xform(&x, RTE_CRYPTO_AEAD_AES_GCM, RTE_CRYPTO_AEAD_OP_ENCRYPT, 12, 20);
	vcrypto_aead_session_init(&s, vcrypto_aead_algo_find(x.algo), &x);
	make_op(&t, m, NULL, 0, 0);
	t.sym.aead.data.offset = 0;
	t.sym.aead.data.length = 128;
	t.sym.aead.aad.data = aad_mem;
	t.sym.aead.aad.phys_addr = AAD_IOVA;
	set_digest(&t, true);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == 7, "gcm encrypt: header, iv, src, aad, dst, tag, status (got %d)",
	      n);
	CHECK(le32toh(slot.req.header.opcode) == VIRTIO_CRYPTO_AEAD_ENCRYPT &&
	      le32toh(slot.req.header.algo) == VIRTIO_CRYPTO_AEAD_GCM &&
	      le32toh(p->iv_len) == 12 && le32toh(p->aad_len) == 20 &&
	      le32toh(p->src_data_len) == 128 && le32toh(p->dst_data_len) == 144,
	      "gcm encrypt: dst is the ciphertext and the tag");
	if (n == 7) {
		CHECK(is_header_buf(&bufs[0]) && is_iv_buf(&bufs[1], 12) &&
		      memcmp(slot.iv, t.iv, 12) == 0,
		      "gcm: header, then the 12-byte IV in its own buffer");
		CHECK(bufs[2].iova == 0x100000 + 64 && bufs[2].len == 128 &&
		      bufs[2].flags == 0 && bufs[3].iova == AAD_IOVA &&
		      bufs[3].len == 20 && bufs[3].flags == 0 &&
		      bufs[4].iova == 0x100000 + 64 && bufs[4].len == 128 &&
		      bufs[4].flags == VQ_BUF_WRITE &&
		      bufs[5].iova == DIGEST_IOVA && bufs[5].len == 16 &&
		      bufs[5].flags == VQ_BUF_WRITE && is_status_buf(&bufs[6]),
		      "gcm encrypt: order iv, src, aad | dst, tag, status");
	}
	CHECK(s.meta.auth == 1 && s.meta.verify_len == 0,
	      "aead: BADMSG is an auth failure, the device verifies");

	memset(&s, 0, sizeof(s));
	aead_xform(&x, RTE_CRYPTO_AEAD_AES_CCM, RTE_CRYPTO_AEAD_OP_DECRYPT, 11, 20);
	vcrypto_aead_session_init(&s, vcrypto_aead_algo_find(x.algo), &x);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == 7 && le32toh(p->src_data_len) == 144 &&
	      le32toh(p->dst_data_len) == 128 && le32toh(p->iv_len) == 11,
	      "ccm decrypt: src is the ciphertext and the tag");
	CHECK(memcmp(slot.iv, t.iv + 1, 11) == 0,
	      "ccm: the nonce starts one byte into DPDK's IV field");
	if (n == 7) {
		CHECK(is_header_buf(&bufs[0]) && is_iv_buf(&bufs[1], 11),
		      "ccm: header, then the 11-byte nonce in its own buffer");
		CHECK(bufs[3].iova == DIGEST_IOVA && bufs[3].flags == 0 &&
		      bufs[4].iova == AAD_IOVA + 18 && bufs[4].len == 20,
		      "ccm decrypt: tag read after the ciphertext, AAD 18 bytes in");
		CHECK(bufs[5].flags == VQ_BUF_WRITE && bufs[5].len == 128 &&
		      is_status_buf(&bufs[6]),
		      "ccm decrypt: plaintext written, then status");
	}
}

static void
test_gmac(void)
{
	static const uint16_t lens[] = { 96 };
	struct rte_crypto_auth_xform x;
	struct vcrypto_session s;
	struct vcrypto_data_slot slot;
	struct vq_buf bufs[VCRYPTO_DATA_INDIRECT_MAX];
	struct test_op t;
	const struct virtio_crypto_aead_para *p = &slot.req.u.aead_req.para;
	struct rte_mbuf *m = make_chain(segs, lens, 1, 0x100000);
	int n;

	memset(&s, 0, sizeof(s));
	auth_xform(&x, RTE_CRYPTO_AUTH_AES_GMAC, RTE_CRYPTO_AUTH_OP_VERIFY, 16);
	x.iv.length = 12;
	vcrypto_gmac_session_init(&s, &x);
	make_op(&t, m, NULL, 0, 0);
	t.sym.auth.data.offset = 0;
	t.sym.auth.data.length = 96;
	set_digest(&t, false);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == 5, "gmac verify: header, iv, tag, aad, status (got %d)", n);
	CHECK(le32toh(slot.req.header.opcode) == VIRTIO_CRYPTO_AEAD_DECRYPT &&
	      le32toh(slot.req.header.algo) == VIRTIO_CRYPTO_AEAD_GCM &&
	      le32toh(p->aad_len) == 96 && le32toh(p->src_data_len) == 16 &&
	      le32toh(p->dst_data_len) == 0,
	      "gmac verify: GCM decrypt of the tag alone, data as AAD");
	if (n == 5) {
		CHECK(is_header_buf(&bufs[0]) && is_iv_buf(&bufs[1], 12),
		      "gmac: header, then the 12-byte IV in its own buffer");
		CHECK(bufs[2].iova == DIGEST_IOVA && bufs[2].len == 16 &&
		      bufs[2].flags == 0 && bufs[3].iova == 0x100000 + 64 &&
		      bufs[3].len == 96 && bufs[3].flags == 0 &&
		      is_status_buf(&bufs[4]),
		      "gmac verify: tag then data, both readable, then status");
	}
}

/*
 * Hostile mbuf chains: a zero-length segment becomes no buffer (QEMU stops
 * the device on one), and a cyclic chain ends the walk at nb_segs.
 */
static void
test_sgl_hostile(void)
{
	static const uint16_t lens[] = { 32, 0, 32 };
	struct rte_crypto_cipher_xform x;
	struct vcrypto_session s;
	struct vcrypto_data_slot slot;
	struct vq_buf bufs[VCRYPTO_DATA_INDIRECT_MAX];
	struct test_op t;
	struct rte_mbuf *m = make_chain(segs, lens, 3, 0x100000);
	int n, i, zero = 0;

	memset(&s, 0, sizeof(s));
	cipher_xform(&x, RTE_CRYPTO_CIPHER_AES_CBC, RTE_CRYPTO_CIPHER_OP_ENCRYPT,
		     16, 16);
	s.session_id = 9;
	vcrypto_cipher_session_init(&s, vcrypto_cipher_algo_find(x.algo), &x);
	make_op(&t, m, NULL, 0, 64);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	for (i = 0; i < n; i++)
		zero += bufs[i].len == 0;
	CHECK(n == 7 && zero == 0,
	      "sgl: segments of 32, 0, 32 give 2 src + 2 dst buffers, none empty "
	      "(got %d buffers, %d empty)", n, zero);

	/* Two segments linked in a circle, and a length beyond them. */
	m = make_chain(segs, lens, 1, 0x100000);
	segs[0].m.next = &segs[0].m;
	make_op(&t, m, NULL, 0, 64);
	n = encode(&s, &t, &slot, bufs, VCRYPTO_DATA_INDIRECT_MAX);
	CHECK(n == -RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
	      "sgl: a cyclic chain ends at nb_segs: INVALID_ARGS (got %d)", n);
	segs[0].m.next = NULL;
}

int
main(void)
{
	test_cipher_session_request();
	test_cipher_catalogue();
	test_cipher_in_place();
	test_cipher_out_of_place_sgl();
	test_cipher_bad_ops();
	test_xts_and_ecb();
	test_session_requests();
	test_hash_and_mac();
	test_chain();
	test_aead();
	test_gmac();
	test_sgl_hostile();
	return check_done("request_encoding");
}
