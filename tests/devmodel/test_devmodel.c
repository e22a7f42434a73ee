/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Host test of the virtio-crypto device model, driven by a tiny driver of
 * its own: the transport ops for registers, lib/virtqueue's vq_split for
 * rings. Results are checked against OpenSSL called independently here.
 * Every wait is bounded; exits non-zero on any failure.
 */

#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/virtio_config.h>
#include <linux/virtio_crypto.h>
#include <linux/virtio_ring.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <openssl/rsa.h>

#include "vcdev_model.h"
#include "virtio_crypto_hw.h"
#include "vq_split.h"

static int failures;
static int checks;

#define CHECK(cond, ...) do { \
	checks++; \
	if (!(cond)) { \
		failures++; \
		fprintf(stderr, "FAIL %s:%d: %s: ", __func__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
	} \
} while (0)

#define WAIT_MS 2000
/* The akcipher algorithms of the full config. */
#define AK_ALL ((1u << VIRTIO_CRYPTO_AKCIPHER_RSA) | \
		(1u << VIRTIO_CRYPTO_AKCIPHER_ECDSA))
/* The fixed part of a data request. */
#define REQ_LEN ((uint32_t)sizeof(struct virtio_crypto_op_data_req))
#define SHORT_WAIT_MS 50

/* ---- helpers ---- */

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void
fill(uint8_t *p, size_t len, uint32_t seed)
{
	uint32_t x = seed * 2654435761u + 1;
	size_t i;

	for (i = 0; i < len; i++) {
		x = x * 1103515245u + 12345u;
		p[i] = (uint8_t)(x >> 16);
	}
}

static uint64_t
iova(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/* ---- the test driver ---- */

struct tq {
	struct vq_split vq;
	void *mem;
	void *meta;
	uint16_t qid;
};

struct tdev {
	struct vcdev_model *m;
	struct vcrypto_hw hw;
	bool threaded;
	uint64_t features;
	uint32_t max_dataqueues;
	uint16_t ndq;
	struct tq dq[2];
	struct tq cq;
};

static int
tq_setup(struct tdev *d, struct tq *q, uint16_t qid, uint16_t size,
	 uint16_t indirect_max)
{
	struct vq_config cfg = {
		.size = size,
		.indirect_max = (d->features >> VIRTIO_RING_F_INDIRECT_DESC) & 1 ?
			indirect_max : 0,
		.slot_priv_size = 0,
		.event_idx = (d->features >> VIRTIO_RING_F_EVENT_IDX) & 1,
	};
	size_t memsz = vq_split_mem_size(&cfg);
	void *cookie;

	q->qid = qid;
	q->mem = aligned_alloc(4096, (memsz + 4095) & ~(size_t)4095);
	q->meta = malloc(vq_split_meta_size(&cfg));
	if (q->mem == NULL || q->meta == NULL ||
	    vq_split_init(&q->vq, &cfg, q->mem, iova(q->mem), q->meta,
			  d->hw.ops->notify, NULL) != 0)
		return -1;
	cookie = d->hw.ops->queue_enable(&d->hw, qid, size, q->vq.desc_iova,
					 q->vq.avail_iova, q->vq.used_iova);
	if (cookie == NULL)
		return -1;
	q->vq.notify_arg = cookie;
	return 0;
}

static void
tq_free(struct tq *q)
{
	free(q->mem);
	free(q->meta);
	q->mem = NULL;
	q->meta = NULL;
}

static void
add_status(struct tdev *d, uint8_t bits)
{
	d->hw.ops->set_status(&d->hw, d->hw.ops->get_status(&d->hw) | bits);
}

static void
tdev_stop(struct tdev *d)
{
	uint16_t i;

	/* Reset first: the device must let go of the rings before freeing. */
	d->hw.ops->set_status(&d->hw, 0);
	for (i = 0; i < d->ndq; i++)
		tq_free(&d->dq[i]);
	tq_free(&d->cq);
	d->ndq = 0;
}

/* Reset, negotiate, program ndq data queues and the controlq, DRIVER_OK. */
static int
tdev_start(struct tdev *d, uint64_t want, uint16_t ndq, uint16_t indirect)
{
	const struct vcrypto_transport_ops *ops = d->hw.ops;
	struct virtio_crypto_config cfg;
	uint16_t i;

	tdev_stop(d);
	if (ops->get_status(&d->hw) != 0)
		return -1;
	add_status(d, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	add_status(d, VIRTIO_CONFIG_S_DRIVER);
	d->features = ops->get_features(&d->hw) & want;
	ops->set_features(&d->hw, d->features);
	add_status(d, VIRTIO_CONFIG_S_FEATURES_OK);
	if (!(ops->get_status(&d->hw) & VIRTIO_CONFIG_S_FEATURES_OK))
		return -1;
	ops->read_config(&d->hw, 0, &cfg, sizeof(cfg));
	d->max_dataqueues = le32toh(cfg.max_dataqueues);
	for (i = 0; i < ndq; i++) {
		if (tq_setup(d, &d->dq[i], i, 256, indirect) != 0)
			return -1;
		d->ndq = i + 1;
	}
	if (tq_setup(d, &d->cq, (uint16_t)d->max_dataqueues, 16, 0) != 0)
		return -1;
	add_status(d, VIRTIO_CONFIG_S_DRIVER_OK);
	return 0;
}

#define ALL_FEATURES ((1ULL << VIRTIO_F_VERSION_1) | \
		      (1ULL << VIRTIO_RING_F_INDIRECT_DESC) | \
		      (1ULL << VIRTIO_RING_F_EVENT_IDX))

static struct tdev *
tdev_new(const struct vcdev_model_config *cfg)
{
	struct tdev *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return NULL;
	d->m = vcdev_model_create(cfg);
	if (d->m == NULL) {
		free(d);
		return NULL;
	}
	d->threaded = cfg->threaded;
	d->hw.name = "test";
	vcdev_model_attach(d->m, &d->hw);
	if (tdev_start(d, ALL_FEATURES, 1, 16) != 0) {
		fprintf(stderr, "device start failed\n");
		tdev_stop(d);
		vcdev_model_destroy(d->m);
		free(d);
		return NULL;
	}
	return d;
}

static void
tdev_free(struct tdev *d)
{
	if (d == NULL)
		return;
	tdev_stop(d);
	vcdev_model_destroy(d->m);
	free(d);
}

static struct vcdev_model_config
det_config(void)
{
	struct vcdev_model_config cfg = vcdev_model_config_full();

	cfg.threaded = false;
	return cfg;
}

/* Harvest up to want completions, polling the model if unthreaded. */
static uint16_t
tq_wait(struct tdev *d, struct tq *q, struct vq_done *done, uint16_t want,
	unsigned int timeout_ms)
{
	uint64_t deadline = now_ms() + timeout_ms;
	uint16_t got = 0;

	for (;;) {
		if (!d->threaded)
			vcdev_model_poll(d->m);
		got += vq_split_harvest(&q->vq, done + got, want - got);
		if (got == want || q->vq.broken || now_ms() > deadline)
			return got;
		if (d->threaded)
			usleep(50);
	}
}

struct part {
	void *p;
	uint32_t len;
};

/*
 * Post one chain of readable then writable parts and kick. Returns the
 * slot, or -1. Empty parts are left out: a device may refuse buffers of
 * length 0 (QEMU, and the model, do).
 */
static int
post(struct tq *q, const struct part *rd, int nr, const struct part *wr,
     int nw, void *cookie)
{
	struct vq_buf bufs[32];
	int i, n = 0;

	for (i = 0; i < nr; i++)
		if (rd[i].len != 0)
			bufs[n++] = (struct vq_buf){ iova(rd[i].p), rd[i].len,
						     0 };
	for (i = 0; i < nw; i++)
		if (wr[i].len != 0)
			bufs[n++] = (struct vq_buf){ iova(wr[i].p), wr[i].len,
						     VQ_BUF_WRITE };
	return vq_split_post(&q->vq, bufs, (uint16_t)n, cookie);
}

/* Post, kick, wait for the one completion; its length in *len. */
static int
roundtrip(struct tdev *d, struct tq *q, const struct part *rd, int nr,
	  const struct part *wr, int nw, uint32_t *len, unsigned int wait_ms)
{
	struct vq_done done;
	int cookie;

	if (post(q, rd, nr, wr, nw, &cookie) < 0)
		return -1;
	vq_split_kick(&q->vq);
	if (tq_wait(d, q, &done, 1, wait_ms) != 1)
		return -1;
	if (done.cookie != &cookie)
		return -1;
	*len = done.len;
	return done.flags == 0 ? 0 : -2;
}

/* ---- controlq ---- */

struct ctrl_buf {
	struct virtio_crypto_op_ctrl_req req;
	uint8_t keys[VCDEV_MAX_CIPHER_KEY + VCDEV_MAX_AUTH_KEY];
	struct virtio_crypto_session_input in;
};

/* Returns the status, or -1 if the device did not answer properly. */
static int
ctrl_create(struct tdev *d, const struct virtio_crypto_op_ctrl_req *req,
	    const uint8_t *ck, uint32_t cklen, const uint8_t *ak,
	    uint32_t aklen, uint64_t *id)
{
	struct ctrl_buf *b = calloc(1, sizeof(*b));
	struct part rd[2], wr[1];
	uint32_t len = 0;
	int nr = 0, st = -1;

	if (b == NULL)
		return -1;
	b->req = *req;
	if (cklen != 0)
		memcpy(b->keys, ck, cklen);
	if (aklen != 0)
		memcpy(b->keys + cklen, ak, aklen);
	memset(&b->in, 0xff, sizeof(b->in));
	rd[nr++] = (struct part){ &b->req, sizeof(b->req) };
	if (cklen + aklen != 0)
		rd[nr++] = (struct part){ b->keys, cklen + aklen };
	wr[0] = (struct part){ &b->in, sizeof(b->in) };
	if (roundtrip(d, &d->cq, rd, nr, wr, 1, &len, WAIT_MS) == 0 &&
	    len == sizeof(b->in)) {
		st = (int)le32toh(b->in.status);
		*id = le64toh(b->in.session_id);
	}
	free(b);
	return st;
}

static int
ctrl_destroy(struct tdev *d, uint32_t opcode, uint64_t id)
{
	struct virtio_crypto_op_ctrl_req req;
	struct part rd, wr;
	uint8_t status = 0xff;
	uint32_t len = 0;

	memset(&req, 0, sizeof(req));
	req.header.opcode = htole32(opcode);
	req.u.destroy_session.session_id = htole64(id);
	rd = (struct part){ &req, sizeof(req) };
	wr = (struct part){ &status, 1 };
	if (roundtrip(d, &d->cq, &rd, 1, &wr, 1, &len, WAIT_MS) != 0 ||
	    len != 1)
		return -1;
	return status;
}

static void
cipher_para(struct virtio_crypto_cipher_session_para *p, uint32_t algo,
	    uint32_t key_len, uint32_t op)
{
	p->algo = htole32(algo);
	p->keylen = htole32(key_len);
	p->op = htole32(op);
}

static int
cipher_session(struct tdev *d, uint32_t algo, const uint8_t *key,
	       uint32_t key_len, uint32_t op, uint64_t *id)
{
	struct virtio_crypto_op_ctrl_req req;

	memset(&req, 0, sizeof(req));
	req.header.opcode = htole32(VIRTIO_CRYPTO_CIPHER_CREATE_SESSION);
	req.header.algo = htole32(algo);
	req.u.sym_create_session.op_type = htole32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	cipher_para(&req.u.sym_create_session.u.cipher.para, algo, key_len, op);
	return ctrl_create(d, &req, key, key_len, NULL, 0, id);
}

static int
hash_session(struct tdev *d, uint32_t algo, uint32_t res_len, uint64_t *id)
{
	struct virtio_crypto_op_ctrl_req req;

	memset(&req, 0, sizeof(req));
	req.header.opcode = htole32(VIRTIO_CRYPTO_HASH_CREATE_SESSION);
	req.u.hash_create_session.para.algo = htole32(algo);
	req.u.hash_create_session.para.hash_result_len = htole32(res_len);
	return ctrl_create(d, &req, NULL, 0, NULL, 0, id);
}

static int
mac_session(struct tdev *d, uint32_t algo, uint32_t res_len,
	    const uint8_t *key, uint32_t key_len, uint64_t *id)
{
	struct virtio_crypto_op_ctrl_req req;

	memset(&req, 0, sizeof(req));
	req.header.opcode = htole32(VIRTIO_CRYPTO_MAC_CREATE_SESSION);
	req.u.mac_create_session.para.algo = htole32(algo);
	req.u.mac_create_session.para.hash_result_len = htole32(res_len);
	req.u.mac_create_session.para.auth_key_len = htole32(key_len);
	return ctrl_create(d, &req, NULL, 0, key, key_len, id);
}

static int
aead_session(struct tdev *d, uint32_t algo, const uint8_t *key,
	     uint32_t key_len, uint32_t tag_len, uint32_t op, uint64_t *id)
{
	struct virtio_crypto_op_ctrl_req req;
	struct virtio_crypto_aead_session_para *p =
		&req.u.aead_create_session.para;

	memset(&req, 0, sizeof(req));
	req.header.opcode = htole32(VIRTIO_CRYPTO_AEAD_CREATE_SESSION);
	p->algo = htole32(algo);
	p->key_len = htole32(key_len);
	p->hash_result_len = htole32(tag_len);
	p->op = htole32(op);
	return ctrl_create(d, &req, key, key_len, NULL, 0, id);
}

struct chain_spec {
	uint32_t order;
	uint32_t mode;
	uint32_t cipher_algo;
	const uint8_t *ckey;
	uint32_t ckey_len;
	uint32_t op;
	uint32_t auth_algo;
	uint32_t res_len;
	const uint8_t *akey;
	uint32_t akey_len;
};

static int
chain_session(struct tdev *d, const struct chain_spec *c, uint64_t *id)
{
	struct virtio_crypto_op_ctrl_req req;
	struct virtio_crypto_alg_chain_session_para *p =
		&req.u.sym_create_session.u.chain.para;

	memset(&req, 0, sizeof(req));
	req.header.opcode = htole32(VIRTIO_CRYPTO_CIPHER_CREATE_SESSION);
	req.u.sym_create_session.op_type =
		htole32(VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING);
	p->alg_chain_order = htole32(c->order);
	p->hash_mode = htole32(c->mode);
	cipher_para(&p->cipher_param, c->cipher_algo, c->ckey_len, c->op);
	if (c->mode == VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH) {
		p->u.mac_param.algo = htole32(c->auth_algo);
		p->u.mac_param.hash_result_len = htole32(c->res_len);
		p->u.mac_param.auth_key_len = htole32(c->akey_len);
	} else {
		p->u.hash_param.algo = htole32(c->auth_algo);
		p->u.hash_param.hash_result_len = htole32(c->res_len);
	}
	return ctrl_create(d, &req, c->ckey, c->ckey_len, c->akey,
			   c->mode == VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH ?
			   c->akey_len : 0, id);
}

/* ---- data requests ---- */

/* Request header and IV in one buffer, as the PMD sends them. */
struct hdr_iv {
	struct virtio_crypto_op_data_req req;
	uint8_t iv[32];
};

static void
op_header(struct virtio_crypto_op_data_req *req, uint32_t opcode,
	  uint64_t id)
{
	memset(req, 0, sizeof(*req));
	req->header.opcode = htole32(opcode);
	req->header.session_id = htole64(id);
}

/*
 * A cipher request: src in two buffers, dst in two, then the status.
 * Returns the status byte, or -1 without an answer; *used the length.
 */
static int
do_cipher(struct tdev *d, struct tq *q, uint64_t id, uint32_t opcode,
	  const uint8_t *iv, uint32_t iv_len, const uint8_t *src,
	  uint8_t *dst, uint32_t len, uint32_t *used)
{
	struct virtio_crypto_cipher_para *p;
	struct hdr_iv h;
	struct part rd[3], wr[3];
	uint32_t split = len > 16 ? 16 : len, dsplit = len > 7 ? 7 : len;
	uint8_t status = 0xee;
	uint32_t ulen = 0;
	int nr = 0, nw = 0;

	op_header(&h.req, opcode, id);
	h.req.u.sym_req.op_type = htole32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	p = &h.req.u.sym_req.u.cipher.para;
	p->iv_len = htole32(iv_len);
	p->src_data_len = htole32(len);
	p->dst_data_len = htole32(len);
	memcpy(h.iv, iv, iv_len);
	rd[nr++] = (struct part){ &h, sizeof(h.req) + iv_len };
	rd[nr++] = (struct part){ (void *)src, split };
	rd[nr++] = (struct part){ (void *)(src + split), len - split };
	wr[nw++] = (struct part){ dst, dsplit };
	wr[nw++] = (struct part){ dst + dsplit, len - dsplit };
	wr[nw++] = (struct part){ &status, 1 };
	if (roundtrip(d, q, rd, nr, wr, nw, &ulen, WAIT_MS) != 0)
		return -1;
	if (used != NULL)
		*used = ulen;
	return status;
}

/* Hash or MAC request; result in res. */
static int
do_digest(struct tdev *d, uint64_t id, uint32_t opcode, const uint8_t *src,
	  uint32_t len, uint8_t *res, uint32_t res_len, uint32_t *used)
{
	struct virtio_crypto_op_data_req req;
	struct part rd[2], wr[2];
	uint8_t status = 0xee;
	uint32_t ulen = 0;

	op_header(&req, opcode, id);
	req.u.hash_req.para.src_data_len = htole32(len);
	req.u.hash_req.para.hash_result_len = htole32(res_len);
	rd[0] = (struct part){ &req, sizeof(req) };
	rd[1] = (struct part){ (void *)src, len };
	wr[0] = (struct part){ res, res_len };
	wr[1] = (struct part){ &status, 1 };
	if (roundtrip(d, &d->dq[0], rd, len != 0 ? 2 : 1, wr, 2, &ulen,
		      WAIT_MS) != 0)
		return -1;
	if (used != NULL)
		*used = ulen;
	return status;
}

/* AEAD request: iv, src, aad readable; dst, status writable. */
static int
do_aead(struct tdev *d, uint64_t id, uint32_t opcode, const uint8_t *iv,
	uint32_t iv_len, const uint8_t *aad, uint32_t aad_len,
	const uint8_t *src, uint32_t src_len, uint8_t *dst, uint32_t dst_len,
	uint32_t *used)
{
	struct virtio_crypto_aead_para *p;
	struct hdr_iv h;
	struct part rd[3], wr[2];
	uint8_t status = 0xee;
	uint32_t ulen = 0;
	int nr = 0;

	op_header(&h.req, opcode, id);
	p = &h.req.u.aead_req.para;
	p->iv_len = htole32(iv_len);
	p->aad_len = htole32(aad_len);
	p->src_data_len = htole32(src_len);
	p->dst_data_len = htole32(dst_len);
	memcpy(h.iv, iv, iv_len);
	rd[nr++] = (struct part){ &h, sizeof(h.req) + iv_len };
	if (src_len != 0)
		rd[nr++] = (struct part){ (void *)src, src_len };
	if (aad_len != 0)
		rd[nr++] = (struct part){ (void *)aad, aad_len };
	wr[0] = (struct part){ dst, dst_len };
	wr[1] = (struct part){ &status, 1 };
	if (roundtrip(d, &d->dq[0], rd, nr, wr, 2, &ulen, WAIT_MS) != 0)
		return -1;
	if (used != NULL)
		*used = ulen;
	return status;
}

struct chain_op {
	uint32_t c_off, c_len, h_off, h_len;
	const uint8_t *iv;
	uint32_t iv_len;
	const uint8_t *aad;
	uint32_t aad_len;
	bool aad_first;		/* lay the request out as iv, aad, src */
};

static int
do_chain(struct tdev *d, uint64_t id, uint32_t opcode,
	 const struct chain_op *c, const uint8_t *src, uint8_t *dst,
	 uint32_t len, uint8_t *res, uint32_t res_len, uint32_t *used)
{
	struct virtio_crypto_alg_chain_data_para *p;
	struct hdr_iv h;
	struct part rd[3], wr[3];
	uint8_t status = 0xee;
	uint32_t ulen = 0;
	int nr = 0;

	op_header(&h.req, opcode, id);
	h.req.u.sym_req.op_type =
		htole32(VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING);
	p = &h.req.u.sym_req.u.chain.para;
	p->iv_len = htole32(c->iv_len);
	p->src_data_len = htole32(len);
	p->dst_data_len = htole32(len);
	p->cipher_start_src_offset = htole32(c->c_off);
	p->len_to_cipher = htole32(c->c_len);
	p->hash_start_src_offset = htole32(c->h_off);
	p->len_to_hash = htole32(c->h_len);
	p->aad_len = htole32(c->aad_len);
	p->hash_result_len = htole32(res_len);
	memcpy(h.iv, c->iv, c->iv_len);
	rd[nr++] = (struct part){ &h, sizeof(h.req) + c->iv_len };
	if (c->aad_first && c->aad_len != 0)
		rd[nr++] = (struct part){ (void *)c->aad, c->aad_len };
	rd[nr++] = (struct part){ (void *)src, len };
	if (!c->aad_first && c->aad_len != 0)
		rd[nr++] = (struct part){ (void *)c->aad, c->aad_len };
	wr[0] = (struct part){ dst, len };
	wr[1] = (struct part){ res, res_len };
	wr[2] = (struct part){ &status, 1 };
	if (roundtrip(d, &d->dq[0], rd, nr, wr, 3, &ulen, WAIT_MS) != 0)
		return -1;
	if (used != NULL)
		*used = ulen;
	return status;
}

/* ---- references, straight from OpenSSL ---- */

static bool
ref_cipher(const char *name, const uint8_t *key, const uint8_t *iv,
	   bool enc, const uint8_t *in, uint8_t *out, int len)
{
	EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, name, NULL);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int l1 = 0, l2 = 0;
	bool ok = c != NULL && ctx != NULL &&
		EVP_CipherInit_ex2(ctx, c, key, iv, enc, NULL) &&
		EVP_CIPHER_CTX_set_padding(ctx, 0) &&
		EVP_CipherUpdate(ctx, out, &l1, in, len) &&
		EVP_CipherFinal_ex(ctx, out + l1, &l2) && l1 + l2 == len;

	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(c);
	return ok;
}

/* 3DES in CTR mode with a 64-bit big-endian counter, block by block. */
static bool
ref_3des_ctr(const uint8_t *key24, const uint8_t *iv, const uint8_t *in,
	     uint8_t *out, int len)
{
	uint8_t ctr[8], ks[8];
	int off, j;

	memcpy(ctr, iv, 8);
	for (off = 0; off < len; off += 8) {
		if (!ref_cipher("DES-EDE3-ECB", key24, NULL, true, ctr, ks, 8))
			return false;
		for (j = 0; j < 8 && off + j < len; j++)
			out[off + j] = in[off + j] ^ ks[j];
		for (j = 7; j >= 0; j--)
			if (++ctr[j] != 0)
				break;
	}
	return true;
}

static unsigned int
ref_digest(const char *name, const uint8_t *p, size_t len, uint8_t *out)
{
	EVP_MD *md = EVP_MD_fetch(NULL, name, NULL);
	unsigned int n = 0;

	if (md == NULL || !EVP_Digest(p, len, out, &n, md, NULL))
		n = 0;
	EVP_MD_free(md);
	return n;
}

static size_t
ref_mac(const char *mac, const char *sub, const uint8_t *key, size_t klen,
	const uint8_t *p, size_t len, uint8_t *out)
{
	size_t n = 0;

	if (EVP_Q_mac(NULL, mac, NULL, sub, NULL, key, klen, p, len, out, 64,
		      &n) == NULL)
		return 0;
	return n;
}

/* GCM, CCM or ChaCha20-Poly1305 encryption with OpenSSL. */
static bool
ref_aead(const char *name, bool ccm, const uint8_t *key, const uint8_t *iv,
	 int iv_len, const uint8_t *aad, int aad_len, const uint8_t *in,
	 uint8_t *out, int len, uint8_t *tag, int tag_len)
{
	EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, name, NULL);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int l = 0, fl = 0;
	bool ok = c != NULL && ctx != NULL &&
		EVP_EncryptInit_ex2(ctx, c, NULL, NULL, NULL) &&
		EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, iv_len, NULL) &&
		(!ccm || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG,
					     tag_len, NULL)) &&
		EVP_EncryptInit_ex2(ctx, NULL, key, iv, NULL) &&
		(!ccm || EVP_EncryptUpdate(ctx, NULL, &l, NULL, len)) &&
		(aad_len == 0 ||
		 EVP_EncryptUpdate(ctx, NULL, &l, aad, aad_len)) &&
		EVP_EncryptUpdate(ctx, out, &l, in, len) &&
		EVP_EncryptFinal_ex(ctx, out + l, &fl) &&
		EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, tag_len, tag);

	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(c);
	return ok;
}

/* ---- tests ---- */

static void
test_registers(void)
{
	struct vcdev_model_config cfg = det_config();
	struct vcdev_model_stats st;
	struct virtio_crypto_config c;
	struct vcrypto_hw hw = { .name = "regs" };
	const struct vcrypto_transport_ops *ops;
	struct vcdev_model *m = vcdev_model_create(&cfg);
	uint8_t gen, tail[8];
	static uint8_t ring[65536] __attribute__((aligned(4096)));

	CHECK(m != NULL, "create");
	if (m == NULL)
		return;
	vcdev_model_attach(m, &hw);
	ops = hw.ops;
	CHECK(ops == vcdev_model_transport_ops() && hw.transport_priv == m,
	      "attach");

	ops->set_status(&hw, 0);
	CHECK(ops->get_status(&hw) == 0, "reset reads back 0");
	CHECK(ops->get_features(&hw) == ALL_FEATURES, "offer %#llx",
	      (unsigned long long)ops->get_features(&hw));
	CHECK(ops->num_queues(&hw) == 5, "num_queues %u",
	      ops->num_queues(&hw));
	CHECK(ops->queue_max_size(&hw, 4) == 1024 &&
	      ops->queue_max_size(&hw, 5) == 0, "queue_max_size");

	/* A bit not offered: FEATURES_OK does not stick. */
	ops->set_status(&hw, VIRTIO_CONFIG_S_ACKNOWLEDGE |
			VIRTIO_CONFIG_S_DRIVER);
	ops->set_features(&hw, ALL_FEATURES | (1ULL << VIRTIO_F_ACCESS_PLATFORM));
	ops->set_status(&hw, ops->get_status(&hw) | VIRTIO_CONFIG_S_FEATURES_OK);
	CHECK(!(ops->get_status(&hw) & VIRTIO_CONFIG_S_FEATURES_OK),
	      "unoffered feature accepted");
	/* No VERSION_1: refused as well. */
	ops->set_status(&hw, 0);
	ops->set_status(&hw, VIRTIO_CONFIG_S_ACKNOWLEDGE |
			VIRTIO_CONFIG_S_DRIVER);
	ops->set_features(&hw, 1ULL << VIRTIO_RING_F_EVENT_IDX);
	ops->set_status(&hw, ops->get_status(&hw) | VIRTIO_CONFIG_S_FEATURES_OK);
	CHECK(!(ops->get_status(&hw) & VIRTIO_CONFIG_S_FEATURES_OK),
	      "legacy features accepted");
	/* Queues only after FEATURES_OK. */
	CHECK(ops->queue_enable(&hw, 0, 16, iova(ring), iova(ring) + 256,
				iova(ring) + 4096) == NULL, "early enable");

	ops->set_status(&hw, 0);
	ops->set_status(&hw, VIRTIO_CONFIG_S_ACKNOWLEDGE |
			VIRTIO_CONFIG_S_DRIVER);
	ops->set_features(&hw, 1ULL << VIRTIO_F_VERSION_1);
	ops->set_status(&hw, ops->get_status(&hw) | VIRTIO_CONFIG_S_FEATURES_OK);
	CHECK(ops->get_status(&hw) & VIRTIO_CONFIG_S_FEATURES_OK,
	      "good features refused");
	vcdev_model_stats(m, &st);
	CHECK(st.features_refused == 2, "features_refused %llu",
	      (unsigned long long)st.features_refused);

	CHECK(ops->queue_enable(&hw, 0, 24, iova(ring), iova(ring) + 512,
				iova(ring) + 4096) == NULL, "size not 2^n");
	CHECK(ops->queue_enable(&hw, 0, 16, iova(ring) + 8, iova(ring) + 512,
				iova(ring) + 4096) == NULL, "misaligned");
	CHECK(ops->queue_enable(&hw, 5, 16, iova(ring), iova(ring) + 512,
				iova(ring) + 4096) == NULL, "no queue 5");
	CHECK(ops->queue_enable(&hw, 4, 16, iova(ring), iova(ring) + 512,
				iova(ring) + 4096) != NULL, "controlq");
	ops->set_status(&hw, ops->get_status(&hw) | VIRTIO_CONFIG_S_DRIVER_OK);
	CHECK(ops->queue_enable(&hw, 0, 16, iova(ring) + 8192,
				iova(ring) + 8192 + 512,
				iova(ring) + 12288) == NULL, "late enable");

	gen = ops->config_generation(&hw);
	ops->read_config(&hw, 0, &c, sizeof(c));
	CHECK(le32toh(c.status) == VIRTIO_CRYPTO_S_HW_READY, "hw ready");
	CHECK(le32toh(c.max_dataqueues) == 4, "max_dataqueues");
	CHECK(le32toh(c.crypto_services) == cfg.crypto_services &&
	      le32toh(c.cipher_algo_l) == cfg.cipher_algo_l &&
	      le32toh(c.mac_algo_h) == cfg.mac_algo_h &&
	      le32toh(c.aead_algo) == cfg.aead_algo, "masks");
	CHECK(le32toh(c.max_cipher_key_len) == 64 &&
	      le32toh(c.max_auth_key_len) == 512 &&
	      le64toh(c.max_size) == cfg.max_size, "limits");
	CHECK(le32toh(c.akcipher_algo) == AK_ALL &&
	      cfg.akcipher_algo == AK_ALL &&
	      (le32toh(c.crypto_services) &
	       (1u << VIRTIO_CRYPTO_SERVICE_AKCIPHER)), "akcipher: RSA, ECDSA");
	CHECK((cfg.cipher_algo_l & (1u << VIRTIO_CRYPTO_CIPHER_AES_CBC)) &&
	      (cfg.hash_algo & (1u << VIRTIO_CRYPTO_HASH_SHA3_512)) &&
	      (cfg.mac_algo_h & (1u << (VIRTIO_CRYPTO_MAC_XCBC_AES - 32))) &&
	      (cfg.aead_algo & (1u << VIRTIO_CRYPTO_AEAD_CHACHA20_POLY1305)),
	      "full config advertises the model's algorithms");
	memset(tail, 0xaa, sizeof(tail));
	ops->read_config(&hw, sizeof(c) - 4, tail, sizeof(tail));
	CHECK(tail[4] == 0 && tail[7] == 0, "beyond config reads 0");
	vcdev_model_set_hw_ready(m, false);
	CHECK(ops->config_generation(&hw) != gen, "generation moves");
	ops->read_config(&hw, 0, &c, 4);
	CHECK(c.status == 0, "hw not ready");

	vcdev_model_set_needs_reset(m);
	CHECK(ops->get_status(&hw) & VIRTIO_CONFIG_S_NEEDS_RESET, "needs reset");
	ops->set_status(&hw, 0);
	CHECK(ops->get_status(&hw) == 0, "reset clears NEEDS_RESET");
	vcdev_model_destroy(m);
}

static void
test_aes_cbc(void)
{
	struct vcdev_model_config cfg = det_config();
	struct tdev *d = tdev_new(&cfg);
	uint8_t key[16], iv[16], pt[64], ct[64], ref[64], back[64];
	uint64_t enc_id = 0, dec_id = 0;
	struct vcdev_model_stats st;
	uint32_t used = 0;

	CHECK(d != NULL, "device");
	if (d == NULL)
		return;
	fill(key, sizeof(key), 1);
	fill(iv, sizeof(iv), 2);
	fill(pt, sizeof(pt), 3);
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 16,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &enc_id) == 0, "session");
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 16,
			     VIRTIO_CRYPTO_OP_DECRYPT, &dec_id) == 0, "session");
	CHECK(enc_id != dec_id, "unique ids");
	CHECK(do_cipher(d, &d->dq[0], enc_id, VIRTIO_CRYPTO_CIPHER_ENCRYPT, iv,
			16, pt, ct, 64, &used) == VIRTIO_CRYPTO_OK, "encrypt");
	CHECK(used == 65, "used len %u", used);
	CHECK(ref_cipher("AES-128-CBC", key, iv, true, pt, ref, 64), "ref");
	CHECK(memcmp(ct, ref, 64) == 0, "AES-CBC ciphertext differs");
	CHECK(do_cipher(d, &d->dq[0], dec_id, VIRTIO_CRYPTO_CIPHER_DECRYPT, iv,
			16, ct, back, 64, NULL) == VIRTIO_CRYPTO_OK, "decrypt");
	CHECK(memcmp(back, pt, 64) == 0, "round trip");
	/* Direction must follow the session. */
	CHECK(do_cipher(d, &d->dq[0], enc_id, VIRTIO_CRYPTO_CIPHER_DECRYPT, iv,
			16, pt, ct, 64, &used) == VIRTIO_CRYPTO_ERR &&
	      used == 1, "wrong direction");
	/* CBC takes whole blocks only. */
	CHECK(do_cipher(d, &d->dq[0], enc_id, VIRTIO_CRYPTO_CIPHER_ENCRYPT, iv,
			16, pt, ct, 60, NULL) == VIRTIO_CRYPTO_ERR, "partial");
	CHECK(do_cipher(d, &d->dq[0], enc_id, VIRTIO_CRYPTO_CIPHER_ENCRYPT, iv,
			8, pt, ct, 64, NULL) == VIRTIO_CRYPTO_ERR, "iv_len 8");
	CHECK(ctrl_destroy(d, VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, enc_id) ==
	      VIRTIO_CRYPTO_OK, "destroy");
	CHECK(do_cipher(d, &d->dq[0], enc_id, VIRTIO_CRYPTO_CIPHER_ENCRYPT, iv,
			16, pt, ct, 64, NULL) == VIRTIO_CRYPTO_INVSESS,
	      "destroyed session");
	vcdev_model_stats(d->m, &st);
	CHECK(st.sessions_created == 2 && st.sessions_destroyed == 1 &&
	      st.sessions_active == 1, "session stats");
	CHECK(st.by_status[VIRTIO_CRYPTO_OK] >= 4 &&
	      st.by_status[VIRTIO_CRYPTO_INVSESS] == 1, "status stats");
	tdev_free(d);
}

struct cipher_case {
	uint32_t algo;
	const char *ref;	/* NULL: 3DES-CTR, by hand */
	uint32_t key_len;
	uint32_t iv_len;
	uint32_t len;
};

static void
test_ciphers(void)
{
	static const struct cipher_case cases[] = {
		{ VIRTIO_CRYPTO_CIPHER_AES_CBC, "AES-192-CBC", 24, 16, 48 },
		{ VIRTIO_CRYPTO_CIPHER_AES_CBC, "AES-256-CBC", 32, 16, 1024 },
		{ VIRTIO_CRYPTO_CIPHER_AES_ECB, "AES-128-ECB", 16, 0, 64 },
		{ VIRTIO_CRYPTO_CIPHER_AES_ECB, "AES-256-ECB", 32, 0, 32 },
		{ VIRTIO_CRYPTO_CIPHER_AES_CTR, "AES-128-CTR", 16, 16, 37 },
		{ VIRTIO_CRYPTO_CIPHER_AES_CTR, "AES-256-CTR", 32, 16, 100 },
		{ VIRTIO_CRYPTO_CIPHER_AES_XTS, "AES-128-XTS", 32, 16, 64 },
		{ VIRTIO_CRYPTO_CIPHER_AES_XTS, "AES-256-XTS", 64, 16, 37 },
		{ VIRTIO_CRYPTO_CIPHER_DES_CBC, "DES-CBC", 8, 8, 64 },
		{ VIRTIO_CRYPTO_CIPHER_DES_ECB, "DES-ECB", 8, 0, 40 },
		{ VIRTIO_CRYPTO_CIPHER_3DES_CBC, "DES-EDE3-CBC", 24, 8, 64 },
		{ VIRTIO_CRYPTO_CIPHER_3DES_CBC, "DES-EDE-CBC", 16, 8, 32 },
		{ VIRTIO_CRYPTO_CIPHER_3DES_ECB, "DES-EDE3-ECB", 24, 0, 64 },
		{ VIRTIO_CRYPTO_CIPHER_3DES_CTR, NULL, 24, 8, 45 },
		{ VIRTIO_CRYPTO_CIPHER_3DES_CTR, NULL, 16, 8, 16 },
	};
	struct vcdev_model_config cfg = det_config();
	uint64_t mask = (uint64_t)cfg.cipher_algo_h << 32 | cfg.cipher_algo_l;
	struct tdev *d = tdev_new(&cfg);
	uint8_t key[64], iv[16], pt[1024], out[1024], ref[1024], key24[24];
	unsigned int i, ran = 0;
	uint64_t eid, did;
	bool ok;

	CHECK(d != NULL, "device");
	if (d == NULL)
		return;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct cipher_case *c = &cases[i];

		if (!((mask >> c->algo) & 1)) {
			printf("  cipher %u not available, skipped\n", c->algo);
			continue;
		}
		fill(key, c->key_len, 10 + i);
		fill(iv, sizeof(iv), 30 + i);
		fill(pt, c->len, 50 + i);
		eid = did = 0;
		CHECK(cipher_session(d, c->algo, key, c->key_len,
				     VIRTIO_CRYPTO_OP_ENCRYPT, &eid) == 0 &&
		      cipher_session(d, c->algo, key, c->key_len,
				     VIRTIO_CRYPTO_OP_DECRYPT, &did) == 0,
		      "session case %u", i);
		CHECK(do_cipher(d, &d->dq[0], eid, VIRTIO_CRYPTO_CIPHER_ENCRYPT,
				iv, c->iv_len, pt, out, c->len, NULL) ==
		      VIRTIO_CRYPTO_OK, "encrypt case %u", i);
		if (c->ref != NULL) {
			ok = ref_cipher(c->ref, key, c->iv_len ? iv : NULL,
					true, pt, ref, (int)c->len);
		} else {
			memcpy(key24, key, 16);
			memcpy(key24 + 16, c->key_len == 16 ? key : key + 16, 8);
			ok = ref_3des_ctr(key24, iv, pt, ref, (int)c->len);
		}
		CHECK(ok, "reference case %u", i);
		CHECK(memcmp(out, ref, c->len) == 0, "case %u (%s) differs",
		      i, c->ref != NULL ? c->ref : "3des-ctr");
		CHECK(do_cipher(d, &d->dq[0], did, VIRTIO_CRYPTO_CIPHER_DECRYPT,
				iv, c->iv_len, out, ref, c->len, NULL) ==
		      VIRTIO_CRYPTO_OK && memcmp(ref, pt, c->len) == 0,
		      "decrypt case %u", i);
		ctrl_destroy(d, VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, eid);
		ctrl_destroy(d, VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, did);
		ran++;
	}
	CHECK(ran >= 12, "only %u cipher cases ran", ran);
	/* XTS needs a whole block. */
	fill(key, 32, 99);
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_XTS, key, 32,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &eid) == 0 &&
	      do_cipher(d, &d->dq[0], eid, VIRTIO_CRYPTO_CIPHER_ENCRYPT, iv,
			16, pt, out, 15, NULL) == VIRTIO_CRYPTO_ERR, "xts 15");
	/* Key sizes the algorithm does not have. */
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 20,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &eid) ==
	      VIRTIO_CRYPTO_NOTSUPP, "aes key 20");
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 16, 7,
			     &eid) == VIRTIO_CRYPTO_ERR, "bad op");
	tdev_free(d);
}

struct hash_case {
	uint32_t algo;
	const char *ref;
};

static void
test_hashes(void)
{
	static const struct hash_case cases[] = {
		{ VIRTIO_CRYPTO_HASH_MD5, "MD5" },
		{ VIRTIO_CRYPTO_HASH_SHA1, "SHA1" },
		{ VIRTIO_CRYPTO_HASH_SHA_224, "SHA224" },
		{ VIRTIO_CRYPTO_HASH_SHA_256, "SHA256" },
		{ VIRTIO_CRYPTO_HASH_SHA_384, "SHA384" },
		{ VIRTIO_CRYPTO_HASH_SHA_512, "SHA512" },
		{ VIRTIO_CRYPTO_HASH_SHA3_224, "SHA3-224" },
		{ VIRTIO_CRYPTO_HASH_SHA3_256, "SHA3-256" },
		{ VIRTIO_CRYPTO_HASH_SHA3_384, "SHA3-384" },
		{ VIRTIO_CRYPTO_HASH_SHA3_512, "SHA3-512" },
	};
	struct vcdev_model_config cfg = det_config();
	struct tdev *d = tdev_new(&cfg);
	uint8_t msg[300], res[64], ref[64];
	unsigned int i, n;
	uint32_t used;
	uint64_t id;

	CHECK(d != NULL, "device");
	if (d == NULL)
		return;
	fill(msg, sizeof(msg), 7);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = ref_digest(cases[i].ref, msg, sizeof(msg), ref);
		CHECK(n != 0, "ref %s", cases[i].ref);
		CHECK(hash_session(d, cases[i].algo, n, &id) == 0, "session %s",
		      cases[i].ref);
		memset(res, 0, sizeof(res));
		CHECK(do_digest(d, id, VIRTIO_CRYPTO_HASH, msg, sizeof(msg),
				res, n, &used) == VIRTIO_CRYPTO_OK &&
		      used == n + 1, "hash %s", cases[i].ref);
		CHECK(memcmp(res, ref, n) == 0, "%s differs", cases[i].ref);
		CHECK(hash_session(d, cases[i].algo, n + 1, &id) ==
		      VIRTIO_CRYPTO_ERR, "%s longer than the digest",
		      cases[i].ref);
	}
	/* SHA-256 truncated to 16 bytes, and of an empty message. */
	ref_digest("SHA256", msg, 100, ref);
	CHECK(hash_session(d, VIRTIO_CRYPTO_HASH_SHA_256, 16, &id) == 0 &&
	      do_digest(d, id, VIRTIO_CRYPTO_HASH, msg, 100, res, 16, &used) ==
	      VIRTIO_CRYPTO_OK && used == 17 && memcmp(res, ref, 16) == 0,
	      "truncated sha256");
	CHECK(do_digest(d, id, VIRTIO_CRYPTO_HASH, msg, 100, res, 20, NULL) ==
	      VIRTIO_CRYPTO_ERR, "request length != session length");
	ref_digest("SHA256", msg, 0, ref);
	CHECK(do_digest(d, id, VIRTIO_CRYPTO_HASH, msg, 0, res, 16, NULL) ==
	      VIRTIO_CRYPTO_OK && memcmp(res, ref, 16) == 0, "empty");
	CHECK(do_digest(d, id, VIRTIO_CRYPTO_MAC, msg, 10, res, 16, NULL) ==
	      VIRTIO_CRYPTO_INVSESS, "hash session, MAC opcode");
	CHECK(hash_session(d, VIRTIO_CRYPTO_HASH_SHA3_SHAKE128, 16, &id) ==
	      VIRTIO_CRYPTO_NOTSUPP, "shake");
	tdev_free(d);
}

/* RFC 3566 test vectors for AES-XCBC-MAC. */
static void
test_xcbc(struct tdev *d)
{
	static const struct {
		uint32_t len;
		const char *mac;
	} v[] = {
		{ 0, "75f0251d528ac01c4573dfd584d79f29" },
		{ 3, "5b376580ae2f19afe7219ceef172756f" },
		{ 16, "d2a246fa349b68a79998a4394ff7a263" },
		{ 20, "47f51b4564966215b8985c63055ed308" },
		{ 32, "f54f0ec8d2b9f3d36807734bd5283fd4" },
		{ 34, "becbb3bccdb518a30677d5481fb6b4d8" },
	};
	uint8_t key[32] = { 0 }, msg[34], res[16], want[16];
	unsigned int i, j;
	uint64_t id;

	for (i = 0; i < 16; i++)
		key[i] = (uint8_t)i;
	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)i;
	CHECK(mac_session(d, VIRTIO_CRYPTO_MAC_XCBC_AES, 16, key, 16, &id) == 0,
	      "xcbc session");
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		for (j = 0; j < 16; j++)
			sscanf(v[i].mac + 2 * j, "%2hhx", &want[j]);
		CHECK(do_digest(d, id, VIRTIO_CRYPTO_MAC, msg, v[i].len, res,
				16, NULL) == VIRTIO_CRYPTO_OK &&
		      memcmp(res, want, 16) == 0, "xcbc vector %u", i);
	}
	CHECK(mac_session(d, VIRTIO_CRYPTO_MAC_XCBC_AES, 12, key, 16, &id) ==
	      0 && do_digest(d, id, VIRTIO_CRYPTO_MAC, msg, 20, res, 12,
			     NULL) == VIRTIO_CRYPTO_OK &&
	      memcmp(res, "\x47\xf5\x1b\x45\x64\x96\x62\x15\xb8\x98\x5c\x63",
		     12) == 0, "xcbc-mac-96");
	CHECK(mac_session(d, VIRTIO_CRYPTO_MAC_XCBC_AES, 16, key, 32, &id) ==
	      VIRTIO_CRYPTO_NOTSUPP, "xcbc key 32");
}

static void
test_macs(void)
{
	static const struct {
		uint32_t algo;
		const char *md;
	} hmacs[] = {
		{ VIRTIO_CRYPTO_MAC_HMAC_MD5, "MD5" },
		{ VIRTIO_CRYPTO_MAC_HMAC_SHA1, "SHA1" },
		{ VIRTIO_CRYPTO_MAC_HMAC_SHA_224, "SHA224" },
		{ VIRTIO_CRYPTO_MAC_HMAC_SHA_256, "SHA256" },
		{ VIRTIO_CRYPTO_MAC_HMAC_SHA_384, "SHA384" },
		{ VIRTIO_CRYPTO_MAC_HMAC_SHA_512, "SHA512" },
	};
	struct vcdev_model_config cfg = det_config();
	struct tdev *d = tdev_new(&cfg);
	uint8_t key[600], msg[12 + 333], res[64], ref[64], ct[1];
	unsigned int i;
	uint64_t id;
	size_t n;

	CHECK(d != NULL, "device");
	if (d == NULL)
		return;
	fill(key, sizeof(key), 5);
	fill(msg, sizeof(msg), 6);
	for (i = 0; i < sizeof(hmacs) / sizeof(hmacs[0]); i++) {
		/* A key longer than the block for the last ones. */
		uint32_t klen = i < 3 ? 20 : 200;

		n = ref_mac("HMAC", hmacs[i].md, key, klen, msg, 333, ref);
		CHECK(n != 0 && mac_session(d, hmacs[i].algo, (uint32_t)n, key,
					    klen, &id) == 0, "hmac session %u",
		      i);
		CHECK(do_digest(d, id, VIRTIO_CRYPTO_MAC, msg, 333, res,
				(uint32_t)n, NULL) == VIRTIO_CRYPTO_OK &&
		      memcmp(res, ref, n) == 0, "HMAC-%s differs", hmacs[i].md);
	}
	/* HMAC-SHA256 truncated to 16, as IPsec uses it. */
	n = ref_mac("HMAC", "SHA256", key, 32, msg, 64, ref);
	CHECK(mac_session(d, VIRTIO_CRYPTO_MAC_HMAC_SHA_256, 16, key, 32,
			  &id) == 0 &&
	      do_digest(d, id, VIRTIO_CRYPTO_MAC, msg, 64, res, 16, NULL) ==
	      VIRTIO_CRYPTO_OK && n == 32 && memcmp(res, ref, 16) == 0,
	      "HMAC-SHA256-128");
	CHECK(do_digest(d, id, VIRTIO_CRYPTO_HASH, msg, 64, res, 16, NULL) ==
	      VIRTIO_CRYPTO_INVSESS, "MAC session, hash opcode");
	CHECK(mac_session(d, VIRTIO_CRYPTO_MAC_HMAC_SHA_256, 16, key, 513,
			  &id) == VIRTIO_CRYPTO_ERR, "key beyond max_auth");

	/* CMAC-AES-128 and -256. */
	n = ref_mac("CMAC", "AES-128-CBC", key, 16, msg, 100, ref);
	CHECK(n == 16 && mac_session(d, VIRTIO_CRYPTO_MAC_CMAC_AES, 16, key,
				     16, &id) == 0 &&
	      do_digest(d, id, VIRTIO_CRYPTO_MAC, msg, 100, res, 16, NULL) ==
	      VIRTIO_CRYPTO_OK && memcmp(res, ref, 16) == 0, "CMAC-AES-128");
	n = ref_mac("CMAC", "AES-256-CBC", key, 32, msg, 64, ref);
	CHECK(n == 16 && mac_session(d, VIRTIO_CRYPTO_MAC_CMAC_AES, 12, key,
				     32, &id) == 0 &&
	      do_digest(d, id, VIRTIO_CRYPTO_MAC, msg, 64, res, 12, NULL) ==
	      VIRTIO_CRYPTO_OK && memcmp(res, ref, 12) == 0, "CMAC-AES-256");

	/* GMAC: the GCM tag of an empty message with the data as AAD. */
	CHECK(ref_aead("AES-128-GCM", false, key, msg, 12, msg + 12, 333, ct,
		       ct, 0, ref, 16), "gmac ref");
	CHECK(mac_session(d, VIRTIO_CRYPTO_MAC_GMAC_AES, 16, key, 16, &id) ==
	      0 && do_digest(d, id, VIRTIO_CRYPTO_MAC, msg, sizeof(msg), res,
			     16, NULL) == VIRTIO_CRYPTO_OK &&
	      memcmp(res, ref, 16) == 0, "GMAC-AES");
	CHECK(do_digest(d, id, VIRTIO_CRYPTO_MAC, msg, 8, res, 16, NULL) ==
	      VIRTIO_CRYPTO_ERR, "GMAC without its IV");

	test_xcbc(d);
	tdev_free(d);
}

struct aead_case {
	uint32_t algo;
	const char *ref;
	bool ccm;
	uint32_t key_len, iv_len, tag_len, aad_len, len;
};

static void
test_aead(void)
{
	static const struct aead_case cases[] = {
		{ VIRTIO_CRYPTO_AEAD_GCM, "AES-128-GCM", false, 16, 12, 16, 20, 64 },
		{ VIRTIO_CRYPTO_AEAD_GCM, "AES-256-GCM", false, 32, 12, 12, 0, 33 },
		{ VIRTIO_CRYPTO_AEAD_GCM, "AES-192-GCM", false, 24, 12, 16, 8, 0 },
		{ VIRTIO_CRYPTO_AEAD_CCM, "AES-128-CCM", true, 16, 12, 16, 16, 50 },
		{ VIRTIO_CRYPTO_AEAD_CCM, "AES-256-CCM", true, 32, 7, 8, 0, 24 },
		{ VIRTIO_CRYPTO_AEAD_CHACHA20_POLY1305, "ChaCha20-Poly1305",
		  false, 32, 12, 16, 12, 77 },
	};
	struct vcdev_model_config cfg = det_config();
	struct tdev *d = tdev_new(&cfg);
	uint8_t key[32], iv[16], aad[32], pt[100], ct[120], ref[120], back[120];
	uint8_t tag[16];
	uint32_t used;
	unsigned int i;
	uint64_t eid, did;

	CHECK(d != NULL, "device");
	if (d == NULL)
		return;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct aead_case *c = &cases[i];
		uint32_t ctlen = c->len + c->tag_len;

		fill(key, sizeof(key), 70 + i);
		fill(iv, sizeof(iv), 80 + i);
		fill(aad, sizeof(aad), 90 + i);
		fill(pt, sizeof(pt), 100 + i);
		CHECK(aead_session(d, c->algo, key, c->key_len, c->tag_len,
				   VIRTIO_CRYPTO_OP_ENCRYPT, &eid) == 0 &&
		      aead_session(d, c->algo, key, c->key_len, c->tag_len,
				   VIRTIO_CRYPTO_OP_DECRYPT, &did) == 0,
		      "aead sessions %u", i);
		memset(ct, 0, sizeof(ct));
		/* dst bigger than needed: the status still goes last. */
		CHECK(do_aead(d, eid, VIRTIO_CRYPTO_AEAD_ENCRYPT, iv, c->iv_len,
			      aad, c->aad_len, pt, c->len, ct, ctlen + 4,
			      &used) == VIRTIO_CRYPTO_OK && used == ctlen + 1,
		      "%s encrypt (used %u)", c->ref, used);
		CHECK(ref_aead(c->ref, c->ccm, key, iv, (int)c->iv_len, aad,
			       (int)c->aad_len, pt, ref, (int)c->len, tag,
			       (int)c->tag_len), "ref %u", i);
		CHECK(memcmp(ct, ref, c->len) == 0 &&
		      memcmp(ct + c->len, tag, c->tag_len) == 0,
		      "%s ciphertext or tag differs", c->ref);
		memset(back, 0, sizeof(back));
		CHECK(do_aead(d, did, VIRTIO_CRYPTO_AEAD_DECRYPT, iv, c->iv_len,
			      aad, c->aad_len, ct, ctlen, back, c->len,
			      &used) == VIRTIO_CRYPTO_OK &&
		      used == c->len + 1 && memcmp(back, pt, c->len) == 0,
		      "%s decrypt", c->ref);
		/* A flipped tag bit: BADMSG, and no plaintext comes out. */
		ct[ctlen - 1] ^= 1;
		memset(back, 0x5a, sizeof(back));
		CHECK(do_aead(d, did, VIRTIO_CRYPTO_AEAD_DECRYPT, iv, c->iv_len,
			      aad, c->aad_len, ct, ctlen, back, c->len,
			      &used) == VIRTIO_CRYPTO_BADMSG && used == 1,
		      "%s tag mismatch", c->ref);
		CHECK(back[0] == 0x5a, "plaintext released on BADMSG");
		ct[ctlen - 1] ^= 1;
		if (c->aad_len != 0) {
			aad[0] ^= 1;
			CHECK(do_aead(d, did, VIRTIO_CRYPTO_AEAD_DECRYPT, iv,
				      c->iv_len, aad, c->aad_len, ct, ctlen,
				      back, c->len, NULL) ==
			      VIRTIO_CRYPTO_BADMSG, "%s aad changed", c->ref);
			aad[0] ^= 1;
		}
		CHECK(do_aead(d, eid, VIRTIO_CRYPTO_AEAD_ENCRYPT, iv, c->iv_len,
			      aad, c->aad_len, pt, c->len, ct, ctlen - 1,
			      NULL) == VIRTIO_CRYPTO_ERR, "%s short dst", c->ref);
	}
	CHECK(aead_session(d, VIRTIO_CRYPTO_AEAD_GCM, key, 16, 5,
			   VIRTIO_CRYPTO_OP_ENCRYPT, &eid) ==
	      VIRTIO_CRYPTO_NOTSUPP, "gcm tag 5");
	CHECK(aead_session(d, VIRTIO_CRYPTO_AEAD_CCM, key, 16, 7,
			   VIRTIO_CRYPTO_OP_ENCRYPT, &eid) ==
	      VIRTIO_CRYPTO_NOTSUPP, "ccm tag 7");
	tdev_free(d);
}

/* Chains: AES-CBC with HMAC-SHA1 both ways, SHA-256 plain, AAD orders. */
static void
test_chain_model(bool aad_first)
{
	struct vcdev_model_config cfg = det_config();
	struct tdev *d;
	uint8_t ckey[16], akey[20], iv[16], aad[8], src[80], dst[80], back[80];
	uint8_t res[20], res2[20], ref[64], macin[8 + 80];
	struct chain_spec cs = {
		.order = VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH,
		.mode = VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH,
		.cipher_algo = VIRTIO_CRYPTO_CIPHER_AES_CBC,
		.ckey = ckey, .ckey_len = 16, .op = VIRTIO_CRYPTO_OP_ENCRYPT,
		.auth_algo = VIRTIO_CRYPTO_MAC_HMAC_SHA1, .res_len = 20,
		.akey = akey, .akey_len = 20,
	};
	struct chain_op op = {
		.c_off = 16, .c_len = 64, .h_off = 0, .h_len = 80,
		.iv = iv, .iv_len = 16, .aad = aad, .aad_len = 8,
		.aad_first = aad_first,
	};
	uint64_t eid, did, hid;
	uint32_t used;

	cfg.chain_aad_before_src = aad_first;
	d = tdev_new(&cfg);
	CHECK(d != NULL, "device");
	if (d == NULL)
		return;
	fill(ckey, 16, 1);
	fill(akey, 20, 2);
	fill(iv, 16, 3);
	fill(aad, 8, 4);
	fill(src, 80, 5);
	CHECK(chain_session(d, &cs, &eid) == 0, "encrypt+MAC session");
	CHECK(do_chain(d, eid, VIRTIO_CRYPTO_CIPHER_ENCRYPT, &op, src, dst, 80,
		       res, 20, &used) == VIRTIO_CRYPTO_OK && used == 101,
	      "encrypt+MAC");
	/* dst: the header copied, the payload encrypted; MAC over aad||dst. */
	CHECK(ref_cipher("AES-128-CBC", ckey, iv, true, src + 16, ref, 64) &&
	      memcmp(dst, src, 16) == 0 && memcmp(dst + 16, ref, 64) == 0,
	      "chain ciphertext");
	memcpy(macin, aad, 8);
	memcpy(macin + 8, dst, 80);
	CHECK(ref_mac("HMAC", "SHA1", akey, 20, macin, 88, ref) == 20 &&
	      memcmp(res, ref, 20) == 0, "chain MAC over aad and ciphertext");

	/* Verify+decrypt: hash first, over the ciphertext. */
	cs.order = VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER;
	cs.op = VIRTIO_CRYPTO_OP_DECRYPT;
	CHECK(chain_session(d, &cs, &did) == 0, "MAC+decrypt session");
	CHECK(do_chain(d, did, VIRTIO_CRYPTO_CIPHER_DECRYPT, &op, dst, back,
		       80, res2, 20, NULL) == VIRTIO_CRYPTO_OK &&
	      memcmp(back, src, 80) == 0 && memcmp(res2, res, 20) == 0,
	      "MAC+decrypt");
	CHECK(do_chain(d, did, VIRTIO_CRYPTO_CIPHER_ENCRYPT, &op, dst, back,
		       80, res2, 20, NULL) == VIRTIO_CRYPTO_ERR,
	      "chain direction");
	CHECK(do_chain(d, did, VIRTIO_CRYPTO_CIPHER_DECRYPT, &op, dst, back,
		       80, res2, 12, NULL) == VIRTIO_CRYPTO_ERR,
	      "chain result length");
	op.h_len = 81;
	CHECK(do_chain(d, did, VIRTIO_CRYPTO_CIPHER_DECRYPT, &op, dst, back,
		       80, res2, 20, NULL) == VIRTIO_CRYPTO_ERR,
	      "hash region beyond src");
	op.h_len = 80;

	/* Plain-hash chain: SHA-256 truncated to 16, no aad. */
	cs.order = VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH;
	cs.op = VIRTIO_CRYPTO_OP_ENCRYPT;
	cs.mode = VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN;
	cs.auth_algo = VIRTIO_CRYPTO_HASH_SHA_256;
	cs.res_len = 16;
	op.aad_len = 0;
	op.h_off = 16;
	op.h_len = 64;
	CHECK(chain_session(d, &cs, &hid) == 0 &&
	      do_chain(d, hid, VIRTIO_CRYPTO_CIPHER_ENCRYPT, &op, src, dst,
		       80, res, 16, NULL) == VIRTIO_CRYPTO_OK &&
	      ref_digest("SHA256", dst + 16, 64, ref) == 32 &&
	      memcmp(res, ref, 16) == 0, "cipher+sha256 chain");
	/* A chain session is no cipher session. */
	CHECK(do_cipher(d, &d->dq[0], hid, VIRTIO_CRYPTO_CIPHER_ENCRYPT, iv,
			16, src, dst, 64, NULL) == VIRTIO_CRYPTO_ERR,
	      "op_type mismatch");
	cs.mode = VIRTIO_CRYPTO_SYM_HASH_MODE_NESTED;
	CHECK(chain_session(d, &cs, &hid) == VIRTIO_CRYPTO_NOTSUPP, "nested");
	tdev_free(d);
}

/*
 * The four chain modes a session can name, against OpenSSL: the order
 * says whether the digest covers the cipher's input (HASH_THEN_CIPHER) or
 * its output (CIPHER_THEN_HASH), the direction what the cipher does. The
 * device always writes the digest it computed; it never verifies.
 */
static const struct {
	const char *name;
	uint32_t order;
	uint32_t op;
	bool hash_plaintext;
} chain_modes[] = {
	{ "encrypt-then-MAC",
	  VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH,
	  VIRTIO_CRYPTO_OP_ENCRYPT, false },
	{ "MAC-then-encrypt",
	  VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER,
	  VIRTIO_CRYPTO_OP_ENCRYPT, true },
	{ "verify-then-decrypt",
	  VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER,
	  VIRTIO_CRYPTO_OP_DECRYPT, false },
	{ "decrypt-then-verify",
	  VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH,
	  VIRTIO_CRYPTO_OP_DECRYPT, true },
};

static void
test_chain_orders(void)
{
	struct vcdev_model_config cfg = det_config();
	uint8_t ckey[16], akey[32], iv[16], aad[8], plain[80], cipher[80];
	uint8_t out[80], res[32], ref[64], macin[8 + 80];
	struct chain_spec cs = {
		.mode = VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH,
		.cipher_algo = VIRTIO_CRYPTO_CIPHER_AES_CBC,
		.ckey = ckey, .ckey_len = 16,
		.auth_algo = VIRTIO_CRYPTO_MAC_HMAC_SHA_256, .res_len = 32,
		.akey = akey, .akey_len = 32,
	};
	/* ESP-like: a 16-byte header hashed, not ciphered. */
	struct chain_op op = {
		.c_off = 16, .c_len = 64, .h_off = 0, .h_len = 80,
		.iv = iv, .iv_len = 16, .aad = aad, .aad_len = 8,
	};
	struct tdev *d = tdev_new(&cfg);
	unsigned int i;
	uint32_t used;
	uint64_t id;

	CHECK(d != NULL, "device");
	if (d == NULL)
		return;
	fill(ckey, 16, 41);
	fill(akey, 32, 42);
	fill(iv, 16, 43);
	fill(aad, 8, 44);
	fill(plain, 80, 45);
	memcpy(cipher, plain, 16);
	CHECK(ref_cipher("AES-128-CBC", ckey, iv, true, plain + 16,
			 cipher + 16, 64), "reference ciphertext");
	for (i = 0; i < sizeof(chain_modes) / sizeof(chain_modes[0]); i++) {
		bool enc = chain_modes[i].op == VIRTIO_CRYPTO_OP_ENCRYPT;
		const uint8_t *in = enc ? plain : cipher;
		const uint8_t *expect = enc ? cipher : plain;

		cs.order = chain_modes[i].order;
		cs.op = chain_modes[i].op;
		memcpy(macin, aad, 8);
		memcpy(macin + 8, chain_modes[i].hash_plaintext ? plain :
		       cipher, 80);
		memset(out, 0, sizeof(out));
		memset(res, 0, sizeof(res));
		CHECK(chain_session(d, &cs, &id) == VIRTIO_CRYPTO_OK,
		      "%s: session", chain_modes[i].name);
		CHECK(do_chain(d, id, enc ? VIRTIO_CRYPTO_CIPHER_ENCRYPT :
			       VIRTIO_CRYPTO_CIPHER_DECRYPT, &op, in, out, 80,
			       res, 32, &used) == VIRTIO_CRYPTO_OK &&
		      used == 80 + 32 + 1, "%s: op", chain_modes[i].name);
		CHECK(memcmp(out, expect, 80) == 0, "%s: %s differs",
		      chain_modes[i].name, enc ? "ciphertext" : "plaintext");
		CHECK(ref_mac("HMAC", "SHA256", akey, 32, macin, 88, ref) ==
		      32 && memcmp(res, ref, 32) == 0,
		      "%s: digest not over aad and the %s",
		      chain_modes[i].name,
		      chain_modes[i].hash_plaintext ? "plaintext" :
		      "ciphertext");
	}
	tdev_free(d);
}

static void
test_chains(void)
{
	test_chain_model(false);
	test_chain_model(true);
	test_chain_orders();
}

static void
test_sessions(void)
{
	struct vcdev_model_config cfg = det_config();
	struct tdev *d;
	uint8_t key[80] = { 0 };
	uint64_t id[5];
	unsigned int i;
	int st;

	cfg.max_sessions = 4;
	/* A QEMU-like device: AES-CBC only, no hash service. */
	cfg.cipher_algo_l = 1u << VIRTIO_CRYPTO_CIPHER_AES_CBC;
	cfg.cipher_algo_h = 0;
	cfg.crypto_services &= ~(1u << VIRTIO_CRYPTO_SERVICE_HASH);
	d = tdev_new(&cfg);
	CHECK(d != NULL, "device");
	if (d == NULL)
		return;
	for (i = 0; i < 4; i++)
		CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 16,
				     VIRTIO_CRYPTO_OP_ENCRYPT, &id[i]) == 0,
		      "session %u", i);
	st = cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 16,
			    VIRTIO_CRYPTO_OP_ENCRYPT, &id[4]);
	CHECK(st == VIRTIO_CRYPTO_NOSPC, "fifth session: %d", st);
	CHECK(ctrl_destroy(d, VIRTIO_CRYPTO_HASH_DESTROY_SESSION, id[1]) ==
	      VIRTIO_CRYPTO_ERR, "destroy as another service");
	CHECK(ctrl_destroy(d, VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, id[1]) ==
	      VIRTIO_CRYPTO_OK, "destroy");
	CHECK(ctrl_destroy(d, VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, id[1]) ==
	      VIRTIO_CRYPTO_ERR, "destroy twice");
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 16,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &id[4]) == 0 &&
	      id[4] != id[1], "slot reused under a new id");
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_ECB, key, 16,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &id[1]) ==
	      VIRTIO_CRYPTO_NOTSUPP, "unadvertised cipher");
	CHECK(hash_session(d, VIRTIO_CRYPTO_HASH_SHA_256, 32, &id[1]) ==
	      VIRTIO_CRYPTO_NOTSUPP, "service not offered");
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 65,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &id[1]) ==
	      VIRTIO_CRYPTO_ERR, "key beyond max_cipher_key_len");
	tdev_free(d);

	cfg = det_config();
	cfg.cipher_algo_l = 1u << VIRTIO_CRYPTO_CIPHER_AES_CBC;
	cfg.accept_unadvertised = true;
	d = tdev_new(&cfg);
	CHECK(d != NULL, "device");
	if (d == NULL)
		return;
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_ECB, key, 16,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &id[0]) == 0,
	      "accept_unadvertised");
	{
		struct virtio_crypto_op_ctrl_req req;

		memset(&req, 0, sizeof(req));
		/* Algorithm 0 is VIRTIO_CRYPTO_NO_AKCIPHER. */
		req.header.opcode =
			htole32(VIRTIO_CRYPTO_AKCIPHER_CREATE_SESSION);
		CHECK(ctrl_create(d, &req, NULL, 0, NULL, 0, &id[1]) ==
		      VIRTIO_CRYPTO_NOTSUPP, "akcipher without algorithm");
		req.header.opcode = htole32(0x7777);
		CHECK(ctrl_create(d, &req, NULL, 0, NULL, 0, &id[1]) ==
		      VIRTIO_CRYPTO_NOTSUPP, "unknown opcode");
	}
	tdev_free(d);
}

/* ---- RSA (akcipher) ---- */

#define DIM(a) (sizeof(a) / sizeof((a)[0]))

struct rsa_key {
	EVP_PKEY *pkey;		/* the test's own, for references */
	uint8_t *priv;		/* PKCS#1 RSAPrivateKey */
	size_t priv_len;
	uint8_t *pub;		/* PKCS#1 RSAPublicKey */
	size_t pub_len;
	uint32_t k;		/* modulus bytes */
};

static size_t
der_encode(EVP_PKEY *pkey, int sel, uint8_t **out)
{
	/* RSA's "type-specific" DER is PKCS#1, as virtio-crypto wants. */
	OSSL_ENCODER_CTX *ec = OSSL_ENCODER_CTX_new_for_pkey(pkey, sel, "DER",
		"type-specific", NULL);
	size_t len = 0;

	*out = NULL;
	if (ec == NULL || OSSL_ENCODER_to_data(ec, out, &len) != 1)
		len = 0;
	OSSL_ENCODER_CTX_free(ec);
	return len;
}

static bool
rsa_key_new(struct rsa_key *rk, unsigned int bits)
{
	memset(rk, 0, sizeof(*rk));
	rk->pkey = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)bits);
	if (rk->pkey == NULL)
		return false;
	rk->k = (uint32_t)EVP_PKEY_get_size(rk->pkey);
	rk->priv_len = der_encode(rk->pkey, EVP_PKEY_KEYPAIR, &rk->priv);
	rk->pub_len = der_encode(rk->pkey, EVP_PKEY_PUBLIC_KEY, &rk->pub);
	return rk->priv_len != 0 && rk->pub_len != 0;
}

static void
rsa_key_free(struct rsa_key *rk)
{
	EVP_PKEY_free(rk->pkey);
	OPENSSL_free(rk->priv);
	OPENSSL_free(rk->pub);
	memset(rk, 0, sizeof(*rk));
}

/* DER length octets of n at p (n < 65536); returns their count. */
static size_t
der_len(uint8_t *p, size_t n)
{
	if (n < 0x80) {
		p[0] = (uint8_t)n;
		return 1;
	}
	if (n < 0x100) {
		p[0] = 0x81;
		p[1] = (uint8_t)n;
		return 2;
	}
	p[0] = 0x82;
	p[1] = (uint8_t)(n >> 8);
	p[2] = (uint8_t)n;
	return 3;
}

/* INTEGER of the non-negative big-endian v[0, n) at p. */
static size_t
der_int(uint8_t *p, const uint8_t *v, size_t n)
{
	static const uint8_t zero;
	size_t h, lead;

	while (n > 0 && v[0] == 0) {
		v++;
		n--;
	}
	if (n == 0) {
		v = &zero;
		n = 1;
	}
	lead = v[0] & 0x80 ? 1 : 0;	/* keep it positive */
	p[0] = 0x02;
	h = 1 + der_len(p + 1, n + lead);
	p[h] = 0;
	memcpy(p + h + lead, v, n);
	return h + lead + n;
}

/* An element of tag with contents body[0, n) at out (body may be out). */
static size_t
der_tlv(uint8_t *out, uint8_t tag, const uint8_t *body, size_t n)
{
	uint8_t len[3];
	size_t h = der_len(len, n);

	memmove(out + 1 + h, body, n);
	out[0] = tag;
	memcpy(out + 1, len, h);
	return 1 + h + n;
}

/* SEQUENCE of body[0, n) at out. */
static size_t
der_seq(uint8_t *out, const uint8_t *body, size_t n)
{
	return der_tlv(out, 0x30, body, n);
}

/* rk's RSAPrivateKey with d = 0: the CRT form only. out: 4096 bytes. */
static size_t
rsa_crt_only(const struct rsa_key *rk, uint8_t *out)
{
	static const char *const names[] = {
		OSSL_PKEY_PARAM_RSA_N, OSSL_PKEY_PARAM_RSA_E, NULL,
		OSSL_PKEY_PARAM_RSA_FACTOR1, OSSL_PKEY_PARAM_RSA_FACTOR2,
		OSSL_PKEY_PARAM_RSA_EXPONENT1, OSSL_PKEY_PARAM_RSA_EXPONENT2,
		OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
	};
	uint8_t body[4096], v[1024];
	size_t n, i;

	n = der_int(body, NULL, 0);	/* version 0: two primes */
	for (i = 0; i < DIM(names); i++) {
		BIGNUM *bn = NULL;
		int len = 0;

		if (names[i] != NULL) {
			if (!EVP_PKEY_get_bn_param(rk->pkey, names[i], &bn))
				return 0;
			len = BN_bn2bin(bn, v);
			BN_free(bn);
		}
		n += der_int(body + n, v, (size_t)len);
	}
	return der_seq(out, body, n);
}

/* OpenSSL on the test's key. op: 'e'ncrypt, 'd'ecrypt, 's'ign, 'r'ecover. */
static bool
ref_rsa(EVP_PKEY *pkey, char op, int pad, const char *md,
	const uint8_t *in, size_t len, uint8_t *out, size_t *out_len)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);
	bool ok = ctx != NULL;

	if (ok && op == 'e')
		ok = EVP_PKEY_encrypt_init(ctx) == 1;
	else if (ok && op == 'd')
		ok = EVP_PKEY_decrypt_init(ctx) == 1;
	else if (ok && op == 's')
		ok = EVP_PKEY_sign_init(ctx) == 1;
	else if (ok)
		ok = EVP_PKEY_verify_recover_init(ctx) == 1;
	ok = ok && EVP_PKEY_CTX_set_rsa_padding(ctx, pad) == 1 &&
		(md == NULL || EVP_PKEY_CTX_set_signature_md(ctx,
			EVP_get_digestbyname(md)) == 1);
	if (ok && op == 'e')
		ok = EVP_PKEY_encrypt(ctx, out, out_len, in, len) == 1;
	else if (ok && op == 'd')
		ok = EVP_PKEY_decrypt(ctx, out, out_len, in, len) == 1;
	else if (ok && op == 's')
		ok = EVP_PKEY_sign(ctx, out, out_len, in, len) == 1;
	else if (ok)
		ok = EVP_PKEY_verify_recover(ctx, out, out_len, in, len) == 1;
	EVP_PKEY_CTX_free(ctx);
	return ok;
}

struct ak_para {
	uint32_t algo;
	uint32_t keytype;
	uint32_t padding;
	uint32_t hash;
	uint32_t keylen;	/* as declared; the key sent is len bytes */
};

/*
 * AKCIPHER_CREATE_SESSION: the request, then the key (any size). p is
 * sent as it is (little-endian already).
 */
static int
ak_create_para(struct tdev *d,
	       const struct virtio_crypto_akcipher_session_para *p,
	       const uint8_t *key, size_t len, uint64_t *id)
{
	struct virtio_crypto_op_ctrl_req req;
	struct virtio_crypto_session_input in;
	struct part rd[2], wr;
	uint32_t used = 0;

	memset(&req, 0, sizeof(req));
	req.header.opcode = htole32(VIRTIO_CRYPTO_AKCIPHER_CREATE_SESSION);
	req.header.algo = p->algo;
	req.u.akcipher_create_session.para = *p;
	memset(&in, 0xff, sizeof(in));
	rd[0] = (struct part){ &req, sizeof(req) };
	rd[1] = (struct part){ (void *)(uintptr_t)key, (uint32_t)len };
	wr = (struct part){ &in, sizeof(in) };
	if (roundtrip(d, &d->cq, rd, 2, &wr, 1, &used, WAIT_MS) != 0 ||
	    used != sizeof(in))
		return -1;
	*id = le64toh(in.session_id);
	return (int)le32toh(in.status);
}

static int
ak_create(struct tdev *d, const struct ak_para *a, const uint8_t *key,
	  size_t len, uint64_t *id)
{
	struct virtio_crypto_akcipher_session_para p;

	memset(&p, 0, sizeof(p));
	p.algo = htole32(a->algo);
	p.keytype = htole32(a->keytype);
	p.keylen = htole32(a->keylen);
	p.u.rsa.padding_algo = htole32(a->padding);
	p.u.rsa.hash_algo = htole32(a->hash);
	return ak_create_para(d, &p, key, len, id);
}

static int
rsa_session(struct tdev *d, const struct rsa_key *rk, bool private,
	    uint32_t padding, uint32_t hash, uint64_t *id)
{
	struct ak_para a = {
		VIRTIO_CRYPTO_AKCIPHER_RSA,
		private ? VIRTIO_CRYPTO_AKCIPHER_KEY_TYPE_PRIVATE :
		VIRTIO_CRYPTO_AKCIPHER_KEY_TYPE_PUBLIC,
		padding, hash,
		(uint32_t)(private ? rk->priv_len : rk->pub_len),
	};

	return ak_create(d, &a, private ? rk->priv : rk->pub, a.keylen, id);
}

/*
 * An akcipher data request of algo declaring dst_len, with a dst buffer of
 * buf_len (writable, or readable for VERIFY), then the status.
 */
static int
do_ak_algo(struct tdev *d, uint32_t algo, uint64_t id, uint32_t opcode,
	   const uint8_t *src, uint32_t src_len, uint8_t *dst,
	   uint32_t dst_len, uint32_t buf_len, uint32_t *used)
{
	struct virtio_crypto_op_data_req req;
	struct part rd[3], wr[2];
	uint8_t status = 0xee;
	uint32_t ulen = 0;
	int nr = 0, nw = 0;

	op_header(&req, opcode, id);
	req.header.algo = htole32(algo);
	req.u.akcipher_req.para.src_data_len = htole32(src_len);
	req.u.akcipher_req.para.dst_data_len = htole32(dst_len);
	rd[nr++] = (struct part){ &req, sizeof(req) };
	rd[nr++] = (struct part){ (void *)(uintptr_t)src, src_len };
	if (opcode == VIRTIO_CRYPTO_AKCIPHER_VERIFY)
		rd[nr++] = (struct part){ dst, buf_len };
	else
		wr[nw++] = (struct part){ dst, buf_len };
	wr[nw++] = (struct part){ &status, 1 };
	if (roundtrip(d, &d->dq[0], rd, nr, wr, nw, &ulen, WAIT_MS) != 0)
		return -1;
	*used = ulen;
	return status;
}

static int
do_ak_hdr(struct tdev *d, uint64_t id, uint32_t opcode, const uint8_t *src,
	  uint32_t src_len, uint8_t *dst, uint32_t dst_len, uint32_t buf_len,
	  uint32_t *used)
{
	return do_ak_algo(d, VIRTIO_CRYPTO_AKCIPHER_RSA, id, opcode, src,
			  src_len, dst, dst_len, buf_len, used);
}

static int
do_ak(struct tdev *d, uint64_t id, uint32_t opcode, const uint8_t *src,
      uint32_t src_len, uint8_t *dst, uint32_t dst_len, uint32_t *used)
{
	return do_ak_hdr(d, id, opcode, src, src_len, dst, dst_len, dst_len,
			 used);
}

#define RSA_BUF 1024

static void
test_rsa_sessions(struct tdev *d, const struct rsa_key *rk)
{
	/* A 256-bit RSAPublicKey: n with the top bit set, e = 65537. */
	uint8_t n256[32], body[64], tiny[80], bad[4096];
	struct ak_para a = { VIRTIO_CRYPTO_AKCIPHER_RSA,
		VIRTIO_CRYPTO_AKCIPHER_KEY_TYPE_PRIVATE,
		VIRTIO_CRYPTO_RSA_PKCS1_PADDING, VIRTIO_CRYPTO_RSA_SHA256,
		(uint32_t)rk->priv_len };
	static const uint8_t e[] = { 1, 0, 1 };
	struct ak_para b;
	uint64_t id = 0, id2 = 0;
	size_t n;

	CHECK(ak_create(d, &a, rk->priv, rk->priv_len, &id) ==
	      VIRTIO_CRYPTO_OK, "private session");
	/* padding_algo is where an ECDSA session has its curve: P-192. */
	b = a;
	b.algo = VIRTIO_CRYPTO_AKCIPHER_ECDSA;
	CHECK(ak_create(d, &b, rk->priv, rk->priv_len, &id2) ==
	      VIRTIO_CRYPTO_ERR, "RSA key for ECDSA");
	b.algo = VIRTIO_CRYPTO_AKCIPHER_DSA;
	CHECK(ak_create(d, &b, rk->priv, rk->priv_len, &id2) ==
	      VIRTIO_CRYPTO_NOTSUPP, "DSA");
	b = a;
	b.keytype = 3;
	CHECK(ak_create(d, &b, rk->priv, rk->priv_len, &id2) ==
	      VIRTIO_CRYPTO_NOTSUPP, "key type 3");
	b = a;
	b.padding = 2;
	CHECK(ak_create(d, &b, rk->priv, rk->priv_len, &id2) ==
	      VIRTIO_CRYPTO_NOTSUPP, "padding 2");
	b = a;
	b.hash = VIRTIO_CRYPTO_RSA_MD2;
	CHECK(ak_create(d, &b, rk->priv, rk->priv_len, &id2) ==
	      VIRTIO_CRYPTO_NOTSUPP, "MD2");
	b = a;
	b.keytype = VIRTIO_CRYPTO_AKCIPHER_KEY_TYPE_PUBLIC;
	CHECK(ak_create(d, &b, rk->priv, rk->priv_len, &id2) ==
	      VIRTIO_CRYPTO_ERR, "private DER as a public key");
	b = a;
	b.keylen = (uint32_t)rk->pub_len;
	CHECK(ak_create(d, &b, rk->pub, rk->pub_len, &id2) ==
	      VIRTIO_CRYPTO_ERR, "public DER as a private key");
	/* keylen beyond what was sent, then trailing bytes, then junk. */
	b = a;
	b.keylen = (uint32_t)rk->priv_len + 1;
	CHECK(ak_create(d, &b, rk->priv, rk->priv_len, &id2) ==
	      VIRTIO_CRYPTO_ERR, "key cut short");
	memcpy(bad, rk->priv, rk->priv_len);
	bad[rk->priv_len] = 0;
	CHECK(ak_create(d, &b, bad, rk->priv_len + 1, &id2) ==
	      VIRTIO_CRYPTO_ERR, "trailing byte");
	fill(bad, sizeof(bad), 77);
	CHECK(ak_create(d, &a, bad, rk->priv_len, &id2) ==
	      VIRTIO_CRYPTO_ERR, "junk key");
	b.keylen = VCDEV_MAX_AKCIPHER_KEY + 1;
	CHECK(ak_create(d, &b, bad, sizeof(bad), &id2) ==
	      VIRTIO_CRYPTO_ERR, "key beyond the model's limit");
	/* A well-formed key below 512 bits. */
	fill(n256, sizeof(n256), 5);
	n256[0] |= 0x80;
	n256[31] |= 1;
	n = der_int(body, n256, sizeof(n256));
	n += der_int(body + n, e, sizeof(e));
	n = der_seq(tiny, body, n);
	b = a;
	b.keytype = VIRTIO_CRYPTO_AKCIPHER_KEY_TYPE_PUBLIC;
	b.keylen = (uint32_t)n;
	CHECK(ak_create(d, &b, tiny, n, &id2) == VIRTIO_CRYPTO_NOTSUPP,
	      "256-bit modulus");

	CHECK(ctrl_destroy(d, VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, id) ==
	      VIRTIO_CRYPTO_ERR, "destroy as a cipher session");
	CHECK(ctrl_destroy(d, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, id) ==
	      VIRTIO_CRYPTO_OK, "destroy");
	CHECK(ctrl_destroy(d, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, id) ==
	      VIRTIO_CRYPTO_ERR, "destroy twice");
}

/* Encrypt under session enc, decrypt under dec (private). */
static void
test_rsa_crypt(struct tdev *d, const struct rsa_key *rk, uint32_t padding)
{
	bool raw = padding == VIRTIO_CRYPTO_RSA_RAW_PADDING;
	uint8_t pt[RSA_BUF], ct[RSA_BUF], back[RSA_BUF], ref[RSA_BUF];
	uint32_t k = rk->k, len = raw ? 20 : k - 11, used = 0;
	uint64_t pub = 0, priv = 0;
	size_t ref_len = sizeof(ref);

	fill(pt, sizeof(pt), 9);
	CHECK(rsa_session(d, rk, false, padding, VIRTIO_CRYPTO_RSA_NO_HASH,
			  &pub) == VIRTIO_CRYPTO_OK, "public session");
	CHECK(rsa_session(d, rk, true, padding, VIRTIO_CRYPTO_RSA_NO_HASH,
			  &priv) == VIRTIO_CRYPTO_OK, "private session");
	memset(ct, 0xcc, sizeof(ct));
	CHECK(do_ak(d, pub, VIRTIO_CRYPTO_AKCIPHER_ENCRYPT, pt, len, ct, k + 5,
		    &used) == VIRTIO_CRYPTO_OK && used == k + 1,
	      "encrypt, used %u", used);
	CHECK(ct[k] == 0xcc, "wrote past k bytes");
	/* The test's OpenSSL decrypts what the model encrypted. */
	CHECK(ref_rsa(rk->pkey, 'd', raw ? RSA_NO_PADDING : RSA_PKCS1_PADDING,
		      NULL, ct, k, ref, &ref_len), "reference decrypt");
	CHECK(raw ? ref_len == k && memcmp(ref + k - len, pt, len) == 0 &&
	      ref[0] == 0 : ref_len == len && memcmp(ref, pt, len) == 0,
	      "model ciphertext does not decrypt");
	memset(back, 0xcc, sizeof(back));
	CHECK(do_ak(d, priv, VIRTIO_CRYPTO_AKCIPHER_DECRYPT, ct, k, back, k,
		    &used) == VIRTIO_CRYPTO_OK &&
	      used == (raw ? k : len) + 1, "decrypt, used %u", used);
	CHECK(memcmp(raw ? back + k - len : back, pt, len) == 0,
	      "round trip");
	/* A private session encrypts too. */
	CHECK(do_ak(d, priv, VIRTIO_CRYPTO_AKCIPHER_ENCRYPT, pt, len, ct, k,
		    &used) == VIRTIO_CRYPTO_OK, "encrypt, private key");
	/* Errors: one status byte each. */
	CHECK(do_ak(d, pub, VIRTIO_CRYPTO_AKCIPHER_DECRYPT, ct, k, back, k,
		    &used) == VIRTIO_CRYPTO_ERR && used == 1,
	      "decrypt with a public key");
	CHECK(do_ak(d, pub, VIRTIO_CRYPTO_AKCIPHER_ENCRYPT, pt, len, ct, k - 1,
		    &used) == VIRTIO_CRYPTO_ERR && used == 1, "dst < k");
	CHECK(do_ak_hdr(d, pub, VIRTIO_CRYPTO_AKCIPHER_ENCRYPT, pt, len, ct,
			k + 8, k, &used) == VIRTIO_CRYPTO_ERR && used == 1,
	      "dst_data_len beyond the writable part");
	CHECK(do_ak(d, priv, VIRTIO_CRYPTO_AKCIPHER_DECRYPT, ct, k, back,
		    (raw ? k : len) - 1, &used) == VIRTIO_CRYPTO_ERR &&
	      used == 1, "plaintext longer than dst");
	if (raw) {
		memset(pt, 0xff, k);	/* not below n */
		CHECK(do_ak(d, pub, VIRTIO_CRYPTO_AKCIPHER_ENCRYPT, pt, k, ct,
			    k, &used) == VIRTIO_CRYPTO_ERR, "m >= n");
		CHECK(do_ak(d, pub, VIRTIO_CRYPTO_AKCIPHER_ENCRYPT, pt, k + 1,
			    ct, k, &used) == VIRTIO_CRYPTO_ERR, "src > k");
	} else {
		CHECK(do_ak(d, pub, VIRTIO_CRYPTO_AKCIPHER_ENCRYPT, pt, k - 10,
			    ct, k, &used) == VIRTIO_CRYPTO_ERR, "src > k - 11");
		/* A value below n that is no type 2 block. */
		fill(ct, k, 11);
		ct[0] = 0;
		CHECK(do_ak(d, priv, VIRTIO_CRYPTO_AKCIPHER_DECRYPT, ct, k,
			    back, k, &used) == VIRTIO_CRYPTO_ERR && used == 1,
		      "bad padding");
	}
	ctrl_destroy(d, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, pub);
	ctrl_destroy(d, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, priv);
}

static const struct {
	uint32_t hash;
	const char *md;		/* NULL: no DigestInfo */
	uint32_t len;
} rsa_hashes[] = {
	{ VIRTIO_CRYPTO_RSA_NO_HASH, NULL, 36 },
	{ VIRTIO_CRYPTO_RSA_MD5, "MD5", 16 },
	{ VIRTIO_CRYPTO_RSA_SHA1, "SHA1", 20 },
	{ VIRTIO_CRYPTO_RSA_SHA224, "SHA224", 28 },
	{ VIRTIO_CRYPTO_RSA_SHA256, "SHA256", 32 },
	{ VIRTIO_CRYPTO_RSA_SHA384, "SHA384", 48 },
	{ VIRTIO_CRYPTO_RSA_SHA512, "SHA512", 64 },
};

/* PKCS1 signatures with hash i: as OpenSSL's, and verified. */
static void
test_rsa_sign_hash(struct tdev *d, const struct rsa_key *rk, unsigned int i)
{
	uint8_t dg[64], sig[RSA_BUF], ref[RSA_BUF];
	uint32_t k = rk->k, len = rsa_hashes[i].len, used = 0;
	size_t ref_len = sizeof(ref);
	uint64_t priv = 0, pub = 0;

	fill(dg, sizeof(dg), 20 + i);
	CHECK(rsa_session(d, rk, true, VIRTIO_CRYPTO_RSA_PKCS1_PADDING,
			  rsa_hashes[i].hash, &priv) == VIRTIO_CRYPTO_OK &&
	      rsa_session(d, rk, false, VIRTIO_CRYPTO_RSA_PKCS1_PADDING,
			  rsa_hashes[i].hash, &pub) == VIRTIO_CRYPTO_OK,
	      "sessions, hash %u", rsa_hashes[i].hash);
	CHECK(do_ak(d, priv, VIRTIO_CRYPTO_AKCIPHER_SIGN, dg, len, sig, k,
		    &used) == VIRTIO_CRYPTO_OK && used == k + 1,
	      "sign, hash %u", rsa_hashes[i].hash);
	CHECK(ref_rsa(rk->pkey, 's', RSA_PKCS1_PADDING, rsa_hashes[i].md, dg,
		      len, ref, &ref_len) && ref_len == k, "reference sign");
	CHECK(memcmp(sig, ref, k) == 0, "signature differs, hash %u",
	      rsa_hashes[i].hash);
	CHECK(do_ak(d, pub, VIRTIO_CRYPTO_AKCIPHER_VERIFY, sig, k, dg, len,
		    &used) == VIRTIO_CRYPTO_OK && used == 1, "verify");
	CHECK(do_ak(d, priv, VIRTIO_CRYPTO_AKCIPHER_VERIFY, sig, k, dg, len,
		    &used) == VIRTIO_CRYPTO_OK, "verify, private key");
	dg[0] ^= 1;
	CHECK(do_ak(d, pub, VIRTIO_CRYPTO_AKCIPHER_VERIFY, sig, k, dg, len,
		    &used) == VIRTIO_CRYPTO_KEY_REJECTED && used == 1,
	      "wrong digest verifies");
	dg[0] ^= 1;
	sig[k / 2] ^= 4;
	CHECK(do_ak(d, pub, VIRTIO_CRYPTO_AKCIPHER_VERIFY, sig, k, dg, len,
		    &used) == VIRTIO_CRYPTO_KEY_REJECTED, "bad signature");
	CHECK(do_ak(d, pub, VIRTIO_CRYPTO_AKCIPHER_VERIFY, sig, k - 1, dg, len,
		    &used) == VIRTIO_CRYPTO_ERR && used == 1,
	      "short signature");
	CHECK(do_ak_hdr(d, pub, VIRTIO_CRYPTO_AKCIPHER_VERIFY, sig, k, dg,
			len + 8, len, &used) == VIRTIO_CRYPTO_ERR,
	      "dst_data_len beyond the readable part");
	CHECK(do_ak(d, pub, VIRTIO_CRYPTO_AKCIPHER_SIGN, dg, len, sig, k,
		    &used) == VIRTIO_CRYPTO_ERR, "sign with a public key");
	if (rsa_hashes[i].md != NULL)
		CHECK(do_ak(d, priv, VIRTIO_CRYPTO_AKCIPHER_SIGN, dg, len - 1,
			    sig, k, &used) == VIRTIO_CRYPTO_ERR,
		      "digest of the wrong length");
	ctrl_destroy(d, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, pub);
	ctrl_destroy(d, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, priv);
}

/* RAW: src^d mod n, and verify compares sig^e mod n with dst. */
static void
test_rsa_raw_sign(struct tdev *d, const struct rsa_key *rk)
{
	uint8_t m[RSA_BUF], sig[RSA_BUF], ref[RSA_BUF], mk[RSA_BUF];
	uint32_t k = rk->k, used = 0;
	size_t ref_len = sizeof(ref);
	uint64_t priv = 0, pub = 0;

	fill(m, sizeof(m), 31);
	CHECK(rsa_session(d, rk, true, VIRTIO_CRYPTO_RSA_RAW_PADDING,
			  VIRTIO_CRYPTO_RSA_NO_HASH, &priv) == 0 &&
	      rsa_session(d, rk, false, VIRTIO_CRYPTO_RSA_RAW_PADDING,
			  VIRTIO_CRYPTO_RSA_NO_HASH, &pub) == 0,
	      "raw sessions");
	/* 40 bytes: a small integer, left-padded to k. */
	CHECK(do_ak(d, priv, VIRTIO_CRYPTO_AKCIPHER_SIGN, m, 40, sig, k,
		    &used) == VIRTIO_CRYPTO_OK && used == k + 1, "raw sign");
	memset(mk, 0, k);
	memcpy(mk + k - 40, m, 40);
	CHECK(ref_rsa(rk->pkey, 'd', RSA_NO_PADDING, NULL, mk, k, ref,
		      &ref_len) && ref_len == k && memcmp(sig, ref, k) == 0,
	      "raw signature is not m^d mod n");
	CHECK(do_ak(d, pub, VIRTIO_CRYPTO_AKCIPHER_VERIFY, sig, k, m, 40,
		    &used) == VIRTIO_CRYPTO_OK && used == 1, "raw verify");
	CHECK(do_ak(d, pub, VIRTIO_CRYPTO_AKCIPHER_VERIFY, sig, k, mk, k,
		    &used) == VIRTIO_CRYPTO_OK, "raw verify, k bytes");
	m[39] ^= 1;
	CHECK(do_ak(d, pub, VIRTIO_CRYPTO_AKCIPHER_VERIFY, sig, k, m, 40,
		    &used) == VIRTIO_CRYPTO_KEY_REJECTED && used == 1,
	      "raw verify of another value");
	ctrl_destroy(d, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, pub);
	ctrl_destroy(d, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, priv);
}

/* A private key with d = 0 signs and decrypts with its CRT values. */
static void
test_rsa_crt(struct tdev *d, const struct rsa_key *rk)
{
	struct ak_para a = { VIRTIO_CRYPTO_AKCIPHER_RSA,
		VIRTIO_CRYPTO_AKCIPHER_KEY_TYPE_PRIVATE,
		VIRTIO_CRYPTO_RSA_PKCS1_PADDING, VIRTIO_CRYPTO_RSA_SHA256, 0 };
	uint8_t der[4096], dg[32], sig[RSA_BUF], ref[RSA_BUF], pt[RSA_BUF];
	uint32_t k = rk->k, used = 0;
	size_t ref_len = sizeof(ref), n = rsa_crt_only(rk, der);
	uint64_t id = 0;

	CHECK(n != 0 && n < rk->priv_len, "CRT-only DER");
	a.keylen = (uint32_t)n;
	CHECK(ak_create(d, &a, der, n, &id) == VIRTIO_CRYPTO_OK,
	      "CRT-only session");
	fill(dg, sizeof(dg), 41);
	CHECK(do_ak(d, id, VIRTIO_CRYPTO_AKCIPHER_SIGN, dg, 32, sig, k,
		    &used) == VIRTIO_CRYPTO_OK, "CRT-only sign");
	CHECK(ref_rsa(rk->pkey, 's', RSA_PKCS1_PADDING, "SHA256", dg, 32, ref,
		      &ref_len) && memcmp(sig, ref, k) == 0,
	      "CRT-only signature differs");
	ref_len = sizeof(ref);
	CHECK(ref_rsa(rk->pkey, 'e', RSA_PKCS1_PADDING, NULL, dg, 32, ref,
		      &ref_len), "reference encrypt");
	CHECK(do_ak(d, id, VIRTIO_CRYPTO_AKCIPHER_DECRYPT, ref, k, pt, k,
		    &used) == VIRTIO_CRYPTO_OK && used == 33 &&
	      memcmp(pt, dg, 32) == 0, "CRT-only decrypt");
	ctrl_destroy(d, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, id);
}

/* Sessions of other services do not take akcipher requests, nor back. */
static void
test_rsa_services(struct tdev *d, const struct rsa_key *rk)
{
	uint8_t key[16] = { 0 }, buf[RSA_BUF], out[RSA_BUF];
	uint64_t cid = 0, rid = 0;
	uint32_t used = 0;

	fill(buf, sizeof(buf), 51);
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 16,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &cid) == 0 &&
	      rsa_session(d, rk, true, VIRTIO_CRYPTO_RSA_RAW_PADDING,
			  VIRTIO_CRYPTO_RSA_NO_HASH, &rid) == 0, "sessions");
	CHECK(do_ak(d, cid, VIRTIO_CRYPTO_AKCIPHER_SIGN, buf, 16, out, rk->k,
		    &used) == VIRTIO_CRYPTO_INVSESS, "akcipher on cipher");
	CHECK(do_cipher(d, &d->dq[0], rid, VIRTIO_CRYPTO_CIPHER_ENCRYPT, key,
			16, buf, out, 16, NULL) == VIRTIO_CRYPTO_INVSESS,
	      "cipher on akcipher");
	ctrl_destroy(d, VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, cid);
	ctrl_destroy(d, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, rid);
}

/* Other sizes: 512 (the least) and 2048 bits. */
static void
test_rsa_size(struct tdev *d, unsigned int bits)
{
	uint8_t dg[20], sig[RSA_BUF];
	struct rsa_key rk;
	uint64_t id = 0;
	uint32_t used = 0;

	CHECK(rsa_key_new(&rk, bits), "%u-bit key", bits);
	if (rk.pkey == NULL)
		return;
	fill(dg, sizeof(dg), bits);
	CHECK(rsa_session(d, &rk, true, VIRTIO_CRYPTO_RSA_PKCS1_PADDING,
			  VIRTIO_CRYPTO_RSA_SHA1, &id) == VIRTIO_CRYPTO_OK,
	      "%u-bit session", bits);
	CHECK(do_ak(d, id, VIRTIO_CRYPTO_AKCIPHER_SIGN, dg, 20, sig, rk.k,
		    &used) == VIRTIO_CRYPTO_OK && used == rk.k + 1 &&
	      do_ak(d, id, VIRTIO_CRYPTO_AKCIPHER_VERIFY, sig, rk.k, dg, 20,
		    &used) == VIRTIO_CRYPTO_OK, "%u-bit sign, verify", bits);
	ctrl_destroy(d, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, id);
	rsa_key_free(&rk);
}

/* Without the service or the algorithm bit, RSA is NOTSUPP. */
static void
test_rsa_off(const struct rsa_key *rk)
{
	struct vcdev_model_config cfg = det_config();
	struct tdev *d;
	uint64_t id = 0;

	cfg.crypto_services &= ~(1u << VIRTIO_CRYPTO_SERVICE_AKCIPHER);
	d = tdev_new(&cfg);
	CHECK(d != NULL, "device");
	if (d != NULL)
		CHECK(rsa_session(d, rk, true, VIRTIO_CRYPTO_RSA_RAW_PADDING, 0,
				  &id) == VIRTIO_CRYPTO_NOTSUPP, "service off");
	tdev_free(d);
	cfg = det_config();
	cfg.akcipher_algo = 0;
	d = tdev_new(&cfg);
	CHECK(d != NULL, "device");
	if (d != NULL)
		CHECK(rsa_session(d, rk, true, VIRTIO_CRYPTO_RSA_RAW_PADDING, 0,
				  &id) == VIRTIO_CRYPTO_NOTSUPP, "RSA bit off");
	tdev_free(d);
}

static void
test_rsa(void)
{
	struct vcdev_model_config cfg = det_config();
	struct vcdev_model_stats st;
	struct rsa_key rk;
	struct tdev *d;
	unsigned int i;
	uint64_t id = 0;

	CHECK(rsa_key_new(&rk, 1024), "1024-bit key");
	d = tdev_new(&cfg);
	CHECK(d != NULL, "device");
	if (d == NULL || rk.pkey == NULL) {
		tdev_free(d);
		rsa_key_free(&rk);
		return;
	}
	test_rsa_sessions(d, &rk);
	test_rsa_crypt(d, &rk, VIRTIO_CRYPTO_RSA_PKCS1_PADDING);
	test_rsa_crypt(d, &rk, VIRTIO_CRYPTO_RSA_RAW_PADDING);
	for (i = 0; i < DIM(rsa_hashes); i++)
		test_rsa_sign_hash(d, &rk, i);
	test_rsa_raw_sign(d, &rk);
	test_rsa_crt(d, &rk);
	test_rsa_services(d, &rk);
	test_rsa_size(d, 512);
	test_rsa_size(d, 2048);
	vcdev_model_stats(d->m, &st);
	CHECK(st.sessions_active == 0, "sessions left: %llu",
	      (unsigned long long)st.sessions_active);
	CHECK(st.by_status[VIRTIO_CRYPTO_KEY_REJECTED] != 0, "KEY_REJECTED");
	CHECK(vcdev_model_status(d->m) != 0 &&
	      !(vcdev_model_status(d->m) & VIRTIO_CONFIG_S_NEEDS_RESET),
	      "no device error");
	/* A reset lets go of sessions and keys (ASan sees leaks). */
	CHECK(rsa_session(d, &rk, true, VIRTIO_CRYPTO_RSA_RAW_PADDING, 0,
			  &id) == VIRTIO_CRYPTO_OK, "left open");
	tdev_free(d);
	test_rsa_off(&rk);
	rsa_key_free(&rk);
}

/* ---- ECDSA (akcipher) ---- */

#define EC_MAX 66			/* P-521: bytes of a scalar */
#define EC_POINT_MAX (2 * EC_MAX + 1)
#define EC_SIG_MAX (2 * EC_MAX + 8)	/* the longest DER signature */

static const struct {
	uint32_t id;		/* VIRTIO_CRYPTO_CURVE_* */
	const char *name;
	uint32_t b;		/* bytes of a scalar, of a coordinate */
} ec_curves[] = {
	{ VIRTIO_CRYPTO_CURVE_NIST_P192, "P-192", 24 },
	{ VIRTIO_CRYPTO_CURVE_NIST_P224, "P-224", 28 },
	{ VIRTIO_CRYPTO_CURVE_NIST_P256, "P-256", 32 },
	{ VIRTIO_CRYPTO_CURVE_NIST_P384, "P-384", 48 },
	{ VIRTIO_CRYPTO_CURVE_NIST_P521, "P-521", 66 },
};

struct ec_key {
	EVP_PKEY *pkey;		/* the test's own, for references */
	unsigned int idx;	/* in ec_curves[] */
	uint32_t curve;		/* VIRTIO_CRYPTO_CURVE_* */
	uint32_t b;
	uint8_t *der;		/* OpenSSL's ECPrivateKey */
	size_t der_len;
	uint8_t d[EC_MAX];	/* the scalar, b bytes */
	uint8_t pub[EC_POINT_MAX];	/* 04 || X || Y, 2b + 1 bytes */
	uint8_t n[EC_MAX];	/* the group order, b bytes */
	uint8_t oid[16];	/* the curve's OBJECT IDENTIFIER, DER */
	size_t oid_len;
};

/* The OBJECT IDENTIFIER of curve i as DER, as OpenSSL knows it. */
static size_t
ec_oid(unsigned int i, uint8_t out[16])
{
	const ASN1_OBJECT *o =
		OBJ_nid2obj(EC_curve_nist2nid(ec_curves[i].name));
	uint8_t *p = out;

	if (o == NULL || i2d_ASN1_OBJECT(o, NULL) > 16)
		return 0;
	return (size_t)i2d_ASN1_OBJECT(o, &p);
}

/* What OpenSSL says of the group: its order and its OID. */
static bool
ec_group_facts(struct ec_key *ek)
{
	EC_GROUP *g = EC_GROUP_new_by_curve_name(
		EC_curve_nist2nid(ec_curves[ek->idx].name));
	bool ok;

	ok = g != NULL && BN_bn2binpad(EC_GROUP_get0_order(g), ek->n,
				       (int)ek->b) == (int)ek->b;
	EC_GROUP_free(g);
	ek->oid_len = ec_oid(ek->idx, ek->oid);
	return ok && ek->oid_len > 2;
}

static bool
ec_key_new(struct ec_key *ek, unsigned int i)
{
	BIGNUM *bn = NULL;
	size_t len = 0;
	bool ok;

	memset(ek, 0, sizeof(*ek));
	ek->idx = i;
	ek->curve = ec_curves[i].id;
	ek->b = ec_curves[i].b;
	ek->pkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", ec_curves[i].name);
	if (ek->pkey == NULL)
		return false;
	/* EC's "type-specific" DER is the ECPrivateKey of RFC 5915. */
	ek->der_len = der_encode(ek->pkey, EVP_PKEY_KEYPAIR, &ek->der);
	ok = ek->der_len != 0 &&
		EVP_PKEY_get_bn_param(ek->pkey, OSSL_PKEY_PARAM_PRIV_KEY,
				      &bn) == 1 &&
		BN_bn2binpad(bn, ek->d, (int)ek->b) == (int)ek->b &&
		EVP_PKEY_get_octet_string_param(ek->pkey,
			OSSL_PKEY_PARAM_PUB_KEY, ek->pub, sizeof(ek->pub),
			&len) == 1 &&
		len == 2 * ek->b + 1 && ek->pub[0] == 4 &&
		ec_group_facts(ek);
	BN_clear_free(bn);
	return ok;
}

static void
ec_key_free(struct ec_key *ek)
{
	EVP_PKEY_free(ek->pkey);
	OPENSSL_free(ek->der);
	memset(ek, 0, sizeof(*ek));
}

/*
 * ECPrivateKey { 1, d (b bytes), [0] oid, [1] point } built here; oid and
 * point are left out when NULL. out: 512 bytes.
 */
static size_t
ec_der(const struct ec_key *ek, const uint8_t *d, const uint8_t *oid,
       size_t oid_len, const uint8_t *point, uint8_t *out)
{
	static const uint8_t one = 1;
	uint8_t body[512], bits[512], tlv[512];
	size_t n, m;

	n = der_tlv(body, 0x02, &one, 1);
	n += der_tlv(body + n, 0x04, d, ek->b);
	if (oid != NULL)
		n += der_tlv(body + n, 0xa0, oid, oid_len);
	if (point != NULL) {
		bits[0] = 0;	/* no unused bits */
		memcpy(bits + 1, point, 2 * ek->b + 1);
		m = der_tlv(tlv, 0x03, bits, 2 * ek->b + 2);
		n += der_tlv(body + n, 0xa1, tlv, m);
	}
	return der_seq(out, body, n);
}

static int
ec_session(struct tdev *d, uint32_t curve, bool private, const uint8_t *key,
	   size_t len, uint64_t *id)
{
	struct virtio_crypto_akcipher_session_para p;

	memset(&p, 0, sizeof(p));
	p.algo = htole32(VIRTIO_CRYPTO_AKCIPHER_ECDSA);
	p.keytype = htole32(private ? VIRTIO_CRYPTO_AKCIPHER_KEY_TYPE_PRIVATE :
			    VIRTIO_CRYPTO_AKCIPHER_KEY_TYPE_PUBLIC);
	p.keylen = htole32((uint32_t)len);
	p.u.ecdsa.curve_id = htole32(curve);
	return ak_create_para(d, &p, key, len, id);
}

/* The session or 0, destroyed if it was created against expectation. */
static int
ec_try(struct tdev *d, const struct ec_key *ek, bool private,
       const uint8_t *key, size_t len)
{
	uint64_t id = 0;
	int st = ec_session(d, ek->curve, private, key, len, &id);

	if (st == VIRTIO_CRYPTO_OK)
		ctrl_destroy(d, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, id);
	return st;
}

static int
do_ec(struct tdev *d, uint64_t id, uint32_t opcode, const uint8_t *src,
      uint32_t src_len, uint8_t *dst, uint32_t dst_len, uint32_t *used)
{
	return do_ak_algo(d, VIRTIO_CRYPTO_AKCIPHER_ECDSA, id, opcode, src,
			  src_len, dst, dst_len, dst_len, used);
}

/* OpenSSL on the test's key, no digest: signs or verifies dg as it is. */
static bool
ref_ecdsa(EVP_PKEY *pkey, bool sign, const uint8_t *dg, size_t dg_len,
	  uint8_t *sig, size_t *sig_len)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);
	bool ok = ctx != NULL;

	if (ok && sign)
		ok = EVP_PKEY_sign_init(ctx) == 1 &&
			EVP_PKEY_sign(ctx, sig, sig_len, dg, dg_len) == 1;
	else if (ok)
		ok = EVP_PKEY_verify_init(ctx) == 1 &&
			EVP_PKEY_verify(ctx, sig, *sig_len, dg, dg_len) == 1;
	EVP_PKEY_CTX_free(ctx);
	return ok;
}

/* sig is exactly the DER OpenSSL writes for its (r, s). */
static bool
ec_sig_is_der(const uint8_t *sig, size_t len)
{
	const uint8_t *p = sig;
	ECDSA_SIG *s = d2i_ECDSA_SIG(NULL, &p, (long)len);
	uint8_t *der = NULL;
	int n = s != NULL ? i2d_ECDSA_SIG(s, &der) : -1;
	bool ok = n == (int)len && p == sig + len &&
		memcmp(der, sig, len) == 0;

	OPENSSL_free(der);
	ECDSA_SIG_free(s);
	return ok;
}

/* Where the contents of the DER element at p start. */
static size_t
der_hdr(const uint8_t *p)
{
	return p[1] & 0x80 ? 2 + (size_t)(p[1] & 0x7f) : 2;
}

/* Sessions: what is taken, and what is refused with which status. */
static void
test_ecdsa_keys(struct tdev *d, const struct ec_key *ek)
{
	const struct ec_key *k = ek;
	uint8_t der[512], key[512], zero[EC_MAX] = { 0 }, other[16];
	uint32_t b = ek->b, plen = 2 * b + 1;
	size_t n, olen;
	uint64_t id = 0;

	/* OpenSSL's DER carries the [0] OID (and the [1] point). */
	n = der_hdr(ek->der) + 5 + b;	/* after version and scalar */
	CHECK(ek->der_len > n && ek->der[n] == 0xa0,
	      "OpenSSL's DER has no [0], curve %u", ek->curve);
	CHECK(ec_try(d, k, true, ek->der, ek->der_len) == VIRTIO_CRYPTO_OK,
	      "OpenSSL's ECPrivateKey, curve %u", ek->curve);
	n = ec_der(k, ek->d, NULL, 0, NULL, der);
	CHECK(ec_try(d, k, true, der, n) == VIRTIO_CRYPTO_OK, "no [0], no [1]");
	n = ec_der(k, ek->d, ek->oid, ek->oid_len, NULL, der);
	CHECK(ec_try(d, k, true, der, n) == VIRTIO_CRYPTO_OK, "[0] only");
	n = ec_der(k, ek->d, NULL, 0, ek->pub, der);
	CHECK(ec_try(d, k, true, der, n) == VIRTIO_CRYPTO_OK, "[1] only");
	CHECK(ec_try(d, k, false, ek->pub, plen) == VIRTIO_CRYPTO_OK,
	      "public key");

	/* Unknown names. */
	CHECK(ec_session(d, VIRTIO_CRYPTO_CURVE_UNKNOWN, false, ek->pub, plen,
			 &id) == VIRTIO_CRYPTO_NOTSUPP, "curve 0");
	CHECK(ec_session(d, VIRTIO_CRYPTO_CURVE_NIST_P521 + 1, false, ek->pub,
			 plen, &id) == VIRTIO_CRYPTO_NOTSUPP, "curve 6");

	/* Public keys: exactly 04 || X || Y, on the curve. */
	CHECK(ec_try(d, k, false, ek->pub, plen - 1) == VIRTIO_CRYPTO_ERR,
	      "point cut short");
	memcpy(key, ek->pub, plen);
	key[plen] = 0;
	CHECK(ec_try(d, k, false, key, plen + 1) == VIRTIO_CRYPTO_ERR,
	      "point with a trailing byte");
	key[0] = 2 | (ek->pub[plen - 1] & 1);	/* the compressed form */
	CHECK(ec_try(d, k, false, key, b + 1) == VIRTIO_CRYPTO_ERR,
	      "compressed point");
	CHECK(ec_try(d, k, false, key, plen) == VIRTIO_CRYPTO_ERR,
	      "point with tag 2");
	key[0] = 4;
	key[plen - 1] ^= 1;
	CHECK(ec_try(d, k, false, key, plen) == VIRTIO_CRYPTO_ERR,
	      "point not on the curve");
	CHECK(ec_try(d, k, true, ek->pub, plen) == VIRTIO_CRYPTO_ERR,
	      "point as a private key");
	CHECK(ec_try(d, k, false, ek->der, ek->der_len) == VIRTIO_CRYPTO_ERR,
	      "private DER as a public key");

	/* Private keys: the scalar. */
	n = ec_der(k, zero, NULL, 0, NULL, der);
	CHECK(ec_try(d, k, true, der, n) == VIRTIO_CRYPTO_ERR, "scalar 0");
	n = ec_der(k, ek->n, NULL, 0, NULL, der);
	CHECK(ec_try(d, k, true, der, n) == VIRTIO_CRYPTO_ERR, "scalar n");
	memset(key, 0xff, b);
	n = ec_der(k, key, NULL, 0, NULL, der);
	CHECK(ec_try(d, k, true, der, n) == VIRTIO_CRYPTO_ERR, "scalar > n");
	memcpy(key, ek->n, b);
	key[b - 1] -= 1;	/* n is odd */
	n = ec_der(k, key, NULL, 0, NULL, der);
	CHECK(ec_try(d, k, true, der, n) == VIRTIO_CRYPTO_OK, "scalar n - 1");
	/* The scalar as a short OCTET STRING: not b bytes. */
	n = ec_der(k, ek->d, NULL, 0, NULL, der);
	der[6] = (uint8_t)(b - 1);
	memmove(der + 7, der + 8, n - 8);
	der[1] -= 1;
	CHECK(ec_try(d, k, true, der, n - 1) == VIRTIO_CRYPTO_ERR,
	      "scalar of b - 1 bytes");

	/* Private keys: the structure. */
	n = ec_der(k, ek->d, NULL, 0, NULL, der);
	der[4] = 0;
	CHECK(ec_try(d, k, true, der, n) == VIRTIO_CRYPTO_ERR, "version 0");
	memcpy(key, ek->der, ek->der_len);
	key[ek->der_len] = 0;
	CHECK(ec_try(d, k, true, key, ek->der_len + 1) == VIRTIO_CRYPTO_ERR,
	      "DER with a trailing byte");
	CHECK(ec_try(d, k, true, ek->der, ek->der_len - 1) ==
	      VIRTIO_CRYPTO_ERR, "DER cut short");
	olen = ec_oid((ek->idx + 1) % DIM(ec_curves), other);
	n = ec_der(k, ek->d, other, olen, ek->pub, der);
	CHECK(olen != 0 && ec_try(d, k, true, der, n) == VIRTIO_CRYPTO_ERR,
	      "another curve's OID");
	n = ec_der(k, ek->d, ek->pub, plen, NULL, der);
	CHECK(ec_try(d, k, true, der, n) == VIRTIO_CRYPTO_ERR,
	      "[0] holding no OID");
	memcpy(key, ek->pub, plen);
	key[plen - 1] ^= 1;
	n = ec_der(k, ek->d, ek->oid, ek->oid_len, key, der);
	CHECK(ec_try(d, k, true, der, n) == VIRTIO_CRYPTO_ERR,
	      "[1] another point");
	n = ec_der(k, ek->d, ek->oid, ek->oid_len, ek->pub, der);
	der[n - plen - 1] = 1;	/* unused bits */
	CHECK(ec_try(d, k, true, der, n) == VIRTIO_CRYPTO_ERR,
	      "[1] with unused bits");
	/* One more element inside the SEQUENCE. */
	n = ec_der(k, ek->d, NULL, 0, NULL, der);
	memcpy(key, der + 2, n - 2);
	key[n - 2] = 0x05;	/* NULL */
	key[n - 1] = 0;
	n = der_seq(der, key, n);
	CHECK(ec_try(d, k, true, der, n) == VIRTIO_CRYPTO_ERR,
	      "element after the key");
}

/*
 * Malformed signatures (BADMSG) and well-formed ones that do not verify
 * (KEY_REJECTED), from the good signature sig.
 */
static void
test_ecdsa_bad_sigs(struct tdev *d, const struct ec_key *ek, uint64_t id,
		    const uint8_t *sig, size_t len, const uint8_t *dg,
		    uint32_t dg_len)
{
	const BIGNUM *br, *bs;
	const uint8_t *p = sig;
	ECDSA_SIG *es = d2i_ECDSA_SIG(NULL, &p, (long)len);
	uint8_t r[EC_MAX + 2], s[EC_MAX], body[2 * EC_SIG_MAX];
	uint8_t bad[2 * EC_SIG_MAX], dgc[64], r0, big[EC_MAX + 2];
	uint32_t used = 0, rl, sl, n, m;

	CHECK(es != NULL, "reference signature");
	if (es == NULL)
		return;
	ECDSA_SIG_get0(es, &br, &bs);
	rl = (uint32_t)BN_bn2bin(br, r + 2);
	sl = (uint32_t)BN_bn2bin(bs, s);
	ECDSA_SIG_free(es);
#define BADSIG(blen, why) \
	CHECK(do_ec(d, id, VIRTIO_CRYPTO_AKCIPHER_VERIFY, bad, (blen), dgc, \
		    dg_len, &used) == VIRTIO_CRYPTO_BADMSG && used == 1, \
	      "%s, curve %u", why, ek->curve)
	memcpy(dgc, dg, dg_len);

	memcpy(bad, sig, len);
	bad[len] = 0;
	BADSIG(len + 1, "trailing byte");
	BADSIG(len - 1, "truncated");
	bad[0] = 0x31;
	BADSIG(len, "SET, not SEQUENCE");
	memcpy(bad, sig, len);
	bad[der_hdr(sig)] = 0x04;
	BADSIG(len, "r an OCTET STRING");
	BADSIG(0, "empty");
	/* r as its bare bytes with the top bit set: negative. */
	r0 = r[2];
	r[2] |= 0x80;
	n = der_tlv(body, 0x02, r + 2, rl);
	n += der_int(body + n, s, sl);
	BADSIG(der_seq(bad, body, n), "negative r");
	r[2] = r0;
	/* r with a sign byte it does not need (or two). */
	r[0] = 0;
	r[1] = 0;
	n = der_tlv(body, 0x02, r, rl + 2);
	n += der_int(body + n, s, sl);
	BADSIG(der_seq(bad, body, n), "r not minimal");
	n = der_int(body, r + 2, rl);
	n += der_int(body + n, NULL, 0);
	BADSIG(der_seq(bad, body, n), "s = 0");
	n = der_int(body, r + 2, rl);
	n += der_int(body + n, s, sl);
	n += der_int(body + n, s, sl);
	BADSIG(der_seq(bad, body, n), "three INTEGERs");
	n = der_int(body, r + 2, rl);
	BADSIG(der_seq(bad, body, n), "one INTEGER");
	/* The SEQUENCE's length in more octets than it needs. */
	n = der_int(body, r + 2, rl);
	n += der_int(body + n, s, sl);
	m = n < 0x80 ? 3 : 4;
	bad[0] = 0x30;
	bad[1] = (uint8_t)(0x80 | (m - 2));
	bad[2] = 0;
	bad[m - 1] = (uint8_t)n;
	memcpy(bad + m, body, n);
	BADSIG(m + n, "long length form");
	bad[1] = 0x80;	/* BER indefinite, closed by 00 00 */
	memcpy(bad + 2, body, n);
	bad[n + 2] = 0;
	bad[n + 3] = 0;
	BADSIG(n + 4, "indefinite length");
#undef BADSIG

	/* Well-formed: r = n, r far beyond n, or another s. */
	n = der_int(body, ek->n, ek->b);
	n += der_int(body + n, s, sl);
	n = der_seq(bad, body, n);
	CHECK(do_ec(d, id, VIRTIO_CRYPTO_AKCIPHER_VERIFY, bad, n, dgc, dg_len,
		    &used) == VIRTIO_CRYPTO_KEY_REJECTED && used == 1,
	      "r = n");
	memset(big, 0x11, sizeof(big));
	n = der_int(body, big, ek->b + 2);
	n += der_int(body + n, s, sl);
	n = der_seq(bad, body, n);
	CHECK(do_ec(d, id, VIRTIO_CRYPTO_AKCIPHER_VERIFY, bad, n, dgc, dg_len,
		    &used) == VIRTIO_CRYPTO_KEY_REJECTED && used == 1,
	      "r of b + 2 bytes");
	s[sl - 1] ^= 2;
	n = der_int(body, r + 2, rl);
	n += der_int(body + n, s, sl);
	n = der_seq(bad, body, n);
	CHECK(do_ec(d, id, VIRTIO_CRYPTO_AKCIPHER_VERIFY, bad, n, dgc, dg_len,
		    &used) == VIRTIO_CRYPTO_KEY_REJECTED, "another s");
}

/* Sign through the model, verify with OpenSSL, and back. */
static void
test_ecdsa_sign(struct tdev *d, const struct ec_key *ek, uint32_t dg_len)
{
	uint8_t der[512], dg[64], sig[EC_SIG_MAX + 8], sig2[EC_SIG_MAX + 8];
	uint8_t ref[EC_SIG_MAX + 8];
	size_t n = ec_der(ek, ek->d, NULL, 0, NULL, der), len;
	size_t ref_len = sizeof(ref);
	uint64_t priv = 0, pub = 0;
	uint32_t used = 0, used2 = 0;

	fill(dg, sizeof(dg), 60 + ek->curve + dg_len);
	CHECK(ec_session(d, ek->curve, true, der, n, &priv) ==
	      VIRTIO_CRYPTO_OK &&
	      ec_session(d, ek->curve, false, ek->pub, 2 * ek->b + 1, &pub) ==
	      VIRTIO_CRYPTO_OK, "sessions, curve %u", ek->curve);
	memset(sig, 0xcc, sizeof(sig));
	CHECK(do_ec(d, priv, VIRTIO_CRYPTO_AKCIPHER_SIGN, dg, dg_len, sig,
		    sizeof(sig), &used) == VIRTIO_CRYPTO_OK &&
	      used >= 9 && used - 1 <= 2 * ek->b + 8,
	      "sign, curve %u, digest %u: used %u", ek->curve, dg_len, used);
	len = used - 1;
	CHECK(used >= 9 && sig[len] == 0xcc && ec_sig_is_der(sig, len),
	      "signature is not minimal DER, or longer than said");
	CHECK(used >= 9 && ref_ecdsa(ek->pkey, false, dg, dg_len, sig, &len),
	      "OpenSSL does not verify the model's signature, curve %u",
	      ek->curve);
	CHECK(do_ec(d, priv, VIRTIO_CRYPTO_AKCIPHER_SIGN, dg, dg_len, sig2,
		    sizeof(sig2), &used2) == VIRTIO_CRYPTO_OK &&
	      (used2 != used || memcmp(sig, sig2, len) != 0),
	      "two signatures alike: k is not random");
	CHECK(ref_ecdsa(ek->pkey, true, dg, dg_len, ref, &ref_len),
	      "reference sign");
	CHECK(do_ec(d, pub, VIRTIO_CRYPTO_AKCIPHER_VERIFY, ref,
		    (uint32_t)ref_len, dg, dg_len, &used) == VIRTIO_CRYPTO_OK &&
	      used == 1, "verify OpenSSL's signature, curve %u", ek->curve);
	CHECK(do_ec(d, priv, VIRTIO_CRYPTO_AKCIPHER_VERIFY, ref,
		    (uint32_t)ref_len, dg, dg_len, &used) == VIRTIO_CRYPTO_OK,
	      "verify, private key");
	CHECK(do_ec(d, pub, VIRTIO_CRYPTO_AKCIPHER_VERIFY, sig, (uint32_t)len,
		    dg, dg_len, &used) == VIRTIO_CRYPTO_OK,
	      "verify the model's signature");
	/* Bits past the order's length do not count: flip a leading one. */
	dg[0] ^= 0x10;
	CHECK(do_ec(d, pub, VIRTIO_CRYPTO_AKCIPHER_VERIFY, ref,
		    (uint32_t)ref_len, dg, dg_len, &used) ==
	      VIRTIO_CRYPTO_KEY_REJECTED && used == 1,
	      "another digest verifies, curve %u", ek->curve);
	CHECK(do_ec(d, priv, VIRTIO_CRYPTO_AKCIPHER_VERIFY, sig, (uint32_t)len,
		    dg, dg_len, &used) == VIRTIO_CRYPTO_KEY_REJECTED,
	      "another digest verifies, private key");
	dg[0] ^= 0x10;
	test_ecdsa_bad_sigs(d, ek, pub, ref, ref_len, dg, dg_len);
	ctrl_destroy(d, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, pub);
	ctrl_destroy(d, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, priv);
}

/* Requests an ECDSA session refuses. */
static void
test_ecdsa_refused(struct tdev *d, const struct ec_key *ek)
{
	uint8_t dg[80], sig[EC_SIG_MAX + 8], ref[EC_SIG_MAX + 8];
	size_t ref_len = sizeof(ref);
	uint64_t priv = 0, pub = 0;
	uint32_t used = 0, sl;

	fill(dg, sizeof(dg), 70);
	CHECK(ec_session(d, ek->curve, true, ek->der, ek->der_len, &priv) ==
	      VIRTIO_CRYPTO_OK &&
	      ec_session(d, ek->curve, false, ek->pub, 2 * ek->b + 1, &pub) ==
	      VIRTIO_CRYPTO_OK, "sessions");
	CHECK(ref_ecdsa(ek->pkey, true, dg, 32, ref, &ref_len),
	      "reference sign");
	sl = (uint32_t)ref_len;
	CHECK(do_ec(d, pub, VIRTIO_CRYPTO_AKCIPHER_SIGN, dg, 32, sig,
		    sizeof(sig), &used) == VIRTIO_CRYPTO_ERR && used == 1,
	      "sign with a public key");
	/* The shortest signature, 30 06 02 01 r 02 01 s, is 8 bytes. */
	memset(sig, 0xcc, sizeof(sig));
	CHECK(do_ec(d, priv, VIRTIO_CRYPTO_AKCIPHER_SIGN, dg, 32, sig, 7,
		    &used) == VIRTIO_CRYPTO_ERR && used == 1 && sig[0] == 0xcc,
	      "dst too small, curve %u", ek->curve);
	CHECK(do_ak_algo(d, VIRTIO_CRYPTO_AKCIPHER_ECDSA, priv,
			 VIRTIO_CRYPTO_AKCIPHER_SIGN, dg, 32, sig,
			 sizeof(sig) + 8, sizeof(sig), &used) ==
	      VIRTIO_CRYPTO_ERR, "dst_data_len beyond the writable part");
	CHECK(do_ec(d, priv, VIRTIO_CRYPTO_AKCIPHER_SIGN, dg, 65, sig,
		    sizeof(sig), &used) == VIRTIO_CRYPTO_ERR,
	      "sign a 65-byte digest");
	CHECK(do_ec(d, priv, VIRTIO_CRYPTO_AKCIPHER_SIGN, dg, 0, sig,
		    sizeof(sig), &used) == VIRTIO_CRYPTO_ERR,
	      "sign nothing");
	CHECK(do_ec(d, pub, VIRTIO_CRYPTO_AKCIPHER_VERIFY, ref, sl, dg, 65,
		    &used) == VIRTIO_CRYPTO_ERR, "verify a 65-byte digest");
	CHECK(do_ak_algo(d, VIRTIO_CRYPTO_AKCIPHER_ECDSA, pub,
			 VIRTIO_CRYPTO_AKCIPHER_VERIFY, ref, sl, dg, 40, 32,
			 &used) == VIRTIO_CRYPTO_ERR,
	      "dst_data_len beyond the readable part");
	CHECK(do_ec(d, pub, VIRTIO_CRYPTO_AKCIPHER_ENCRYPT, dg, 32, sig,
		    sizeof(sig), &used) == VIRTIO_CRYPTO_NOTSUPP && used == 1,
	      "encrypt");
	CHECK(do_ec(d, priv, VIRTIO_CRYPTO_AKCIPHER_DECRYPT, ref, sl, sig,
		    sizeof(sig), &used) == VIRTIO_CRYPTO_NOTSUPP, "decrypt");
	ctrl_destroy(d, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, pub);
	ctrl_destroy(d, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, priv);
}

/* Without the ECDSA bit, ECDSA is NOTSUPP and RSA still works. */
static void
test_ecdsa_off(const struct ec_key *ek)
{
	struct vcdev_model_config cfg = det_config();
	struct tdev *d;
	uint64_t id = 0;

	cfg.akcipher_algo = 1u << VIRTIO_CRYPTO_AKCIPHER_RSA;
	d = tdev_new(&cfg);
	CHECK(d != NULL, "device");
	if (d != NULL)
		CHECK(ec_session(d, ek->curve, false, ek->pub, 2 * ek->b + 1,
				 &id) == VIRTIO_CRYPTO_NOTSUPP,
		      "ECDSA bit off");
	tdev_free(d);
}

/* Every curve; the smallest and largest with digests of other lengths. */
static void
test_ecdsa_curves(struct tdev *d)
{
	static const uint32_t dg_lens[] = { 1, 20, 32, 48, 64 };
	struct ec_key ek;
	unsigned int i, j;
	bool ok;

	for (i = 0; i < DIM(ec_curves); i++) {
		ok = ec_key_new(&ek, i);
		CHECK(ok, "%s key", ec_curves[i].name);
		if (ok) {
			test_ecdsa_keys(d, &ek);
			test_ecdsa_sign(d, &ek, ek.b < 64 ? ek.b : 64);
			test_ecdsa_refused(d, &ek);
		}
		for (j = 0; ok && (i == 0 || i + 1 == DIM(ec_curves)) &&
		     j < DIM(dg_lens); j++)
			test_ecdsa_sign(d, &ek, dg_lens[j]);
		ec_key_free(&ek);
	}
}

static void
test_ecdsa(void)
{
	struct vcdev_model_config cfg = det_config();
	struct vcdev_model_stats st;
	struct ec_key ek;
	struct tdev *d;
	uint64_t id = 0;

	CHECK(ec_key_new(&ek, 2), "P-256 key");
	d = tdev_new(&cfg);
	CHECK(d != NULL, "device");
	if (d == NULL || ek.der_len == 0) {
		tdev_free(d);
		ec_key_free(&ek);
		return;
	}
	test_ecdsa_curves(d);
	vcdev_model_stats(d->m, &st);
	CHECK(st.sessions_active == 0, "sessions left: %llu",
	      (unsigned long long)st.sessions_active);
	CHECK(vcdev_model_status(d->m) != 0 &&
	      !(vcdev_model_status(d->m) & VIRTIO_CONFIG_S_NEEDS_RESET),
	      "no device error");
	/* A reset lets go of sessions and keys (ASan sees leaks). */
	CHECK(ec_session(d, ek.curve, true, ek.der, ek.der_len, &id) ==
	      VIRTIO_CRYPTO_OK, "left open");
	tdev_free(d);
	test_ecdsa_off(&ek);
	ec_key_free(&ek);
}

/* Request-level errors: ERR answers, or NEEDS_RESET in strict mode. */
static void
test_request_errors(void)
{
	struct vcdev_model_config cfg = det_config();
	struct virtio_crypto_op_data_req req;
	uint8_t key[16] = { 0 }, iv[16] = { 0 }, buf[256], out[256];
	struct part rd[2], wr[2];
	uint8_t status;
	uint32_t len;
	struct tdev *d;
	uint64_t id;

	cfg.max_size = 128;
	d = tdev_new(&cfg);
	CHECK(d != NULL, "device");
	if (d == NULL)
		return;
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 16,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &id) == 0, "session");
	/* 16 + 64 + 64 > 128 */
	CHECK(do_cipher(d, &d->dq[0], id, VIRTIO_CRYPTO_CIPHER_ENCRYPT, iv, 16,
			buf, out, 64, NULL) == VIRTIO_CRYPTO_ERR, "oversize");
	/* src != dst */
	op_header(&req, VIRTIO_CRYPTO_CIPHER_ENCRYPT, id);
	req.u.sym_req.op_type = htole32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	req.u.sym_req.u.cipher.para.src_data_len = htole32(16);
	req.u.sym_req.u.cipher.para.dst_data_len = htole32(32);
	rd[0] = (struct part){ &req, sizeof(req) };
	rd[1] = (struct part){ buf, 16 };
	wr[0] = (struct part){ out, 32 };
	wr[1] = (struct part){ &status, 1 };
	status = 0xee;
	CHECK(roundtrip(d, &d->dq[0], rd, 2, wr, 2, &len, WAIT_MS) == 0 &&
	      status == VIRTIO_CRYPTO_ERR && len == 1, "src != dst");
	/* Readable part shorter than the header says. */
	req.u.sym_req.u.cipher.para.dst_data_len = htole32(16);
	rd[1].len = 8;
	status = 0xee;
	CHECK(roundtrip(d, &d->dq[0], rd, 2, wr, 2, &len, WAIT_MS) == 0 &&
	      status == VIRTIO_CRYPTO_ERR, "short src");
	/* Shorter than a request header. */
	rd[0].len = 40;
	status = 0xee;
	CHECK(roundtrip(d, &d->dq[0], rd, 1, wr, 2, &len, WAIT_MS) == 0 &&
	      status == VIRTIO_CRYPTO_ERR, "short header");
	rd[0].len = sizeof(req);
	/* Unknown opcode. */
	req.header.opcode = htole32(0x999);
	status = 0xee;
	CHECK(roundtrip(d, &d->dq[0], rd, 1, wr, 2, &len, WAIT_MS) == 0 &&
	      status == VIRTIO_CRYPTO_NOTSUPP, "unknown opcode");
	CHECK(vcdev_model_status(d->m) ==
	      (VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
	       VIRTIO_CONFIG_S_FEATURES_OK | VIRTIO_CONFIG_S_DRIVER_OK),
	      "device still fine");
	tdev_free(d);

	/* Strict: src != dst breaks the device, as QEMU 8.1+. */
	cfg = det_config();
	cfg.strict_needs_reset = true;
	d = tdev_new(&cfg);
	CHECK(d != NULL, "device");
	if (d == NULL)
		return;
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 16,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &id) == 0, "session");
	op_header(&req, VIRTIO_CRYPTO_CIPHER_ENCRYPT, id);
	req.u.sym_req.op_type = htole32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	req.u.sym_req.u.cipher.para.src_data_len = htole32(16);
	req.u.sym_req.u.cipher.para.dst_data_len = htole32(32);
	rd[0] = (struct part){ &req, sizeof(req) };
	rd[1] = (struct part){ buf, 16 };
	CHECK(roundtrip(d, &d->dq[0], rd, 2, wr, 2, &len, SHORT_WAIT_MS) == -1,
	      "strict: no answer");
	CHECK(vcdev_model_status(d->m) & VIRTIO_CONFIG_S_NEEDS_RESET,
	      "strict: NEEDS_RESET");
	tdev_free(d);
}

/* ---- malformed rings: the device must refuse, never crash ---- */

enum bad_ring {
	BAD_HEAD, BAD_LOOP, BAD_ORDER, BAD_IND_LEN, BAD_IND_NESTED,
	BAD_IND_NEXT, BAD_IND_UNNEGOTIATED, BAD_AVAIL_IDX, BAD_NO_WRITABLE,
	BAD_NULL_ADDR, BAD_NEXT_RANGE, BAD_IND_LOOP, BAD_ZERO_LEN, BAD_NB
};

static const char *const bad_names[BAD_NB] = {
	"head out of range", "chain loop", "readable after writable",
	"indirect len", "nested indirect", "indirect with next",
	"indirect not negotiated", "avail idx jump", "no writable part",
	"NULL address", "next out of range", "indirect loop",
	"zero-length buffer",
};

static void
set_desc(struct vring_desc *d, const void *p, uint32_t len, uint16_t flags,
	 uint16_t next)
{
	d->addr = htole64(iova(p));
	d->len = htole32(len);
	d->flags = htole16(flags);
	d->next = htole16(next);
}

static void
craft(struct tq *q, enum bad_ring kind, struct vring_desc *table,
      uint8_t *buf)
{
	struct vring_desc *desc = q->vq.desc;
	uint16_t head = 0, idx = 1;

	switch (kind) {
	case BAD_HEAD:
		head = q->vq.size;
		break;
	case BAD_LOOP:
		set_desc(&desc[0], buf, 72, VRING_DESC_F_NEXT, 1);
		set_desc(&desc[1], buf, 8, VRING_DESC_F_NEXT, 0);
		break;
	case BAD_ORDER:
		set_desc(&desc[0], buf, 72, VRING_DESC_F_NEXT, 1);
		set_desc(&desc[1], buf + 100, 1,
			 VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 2);
		set_desc(&desc[2], buf, 8, 0, 0);
		break;
	case BAD_IND_LEN:
		set_desc(&desc[0], table, 20, VRING_DESC_F_INDIRECT, 0);
		break;
	case BAD_IND_NESTED:
		set_desc(&table[0], buf, 72, VRING_DESC_F_NEXT, 1);
		set_desc(&table[1], table, 32, VRING_DESC_F_INDIRECT, 0);
		set_desc(&desc[0], table, 32, VRING_DESC_F_INDIRECT, 0);
		break;
	case BAD_IND_NEXT:
		set_desc(&table[0], buf, 72, 0, 0);
		set_desc(&desc[0], table, 16,
			 VRING_DESC_F_INDIRECT | VRING_DESC_F_NEXT, 1);
		set_desc(&desc[1], buf + 100, 1, VRING_DESC_F_WRITE, 0);
		break;
	case BAD_IND_UNNEGOTIATED:
		set_desc(&table[0], buf, 72, VRING_DESC_F_NEXT, 1);
		set_desc(&table[1], buf + 100, 1, VRING_DESC_F_WRITE, 0);
		set_desc(&desc[0], table, 32, VRING_DESC_F_INDIRECT, 0);
		break;
	case BAD_AVAIL_IDX:
		idx = (uint16_t)(q->vq.size + 5);
		break;
	case BAD_NO_WRITABLE:
		set_desc(&desc[0], buf, 72, 0, 0);
		break;
	case BAD_NULL_ADDR:
		set_desc(&desc[0], buf, 72, VRING_DESC_F_NEXT, 1);
		desc[1].addr = 0;
		desc[1].len = htole32(1);
		desc[1].flags = htole16(VRING_DESC_F_WRITE);
		break;
	case BAD_NEXT_RANGE:
		set_desc(&desc[0], buf, 72, VRING_DESC_F_NEXT,
			 (uint16_t)(q->vq.size + 3));
		break;
	case BAD_IND_LOOP:
		set_desc(&table[0], buf, 72, VRING_DESC_F_NEXT, 1);
		set_desc(&table[1], buf, 8, VRING_DESC_F_NEXT, 0);
		set_desc(&desc[0], table, 32, VRING_DESC_F_INDIRECT, 0);
		break;
	case BAD_ZERO_LEN:
		/* QEMU: "zero sized buffers are not allowed" */
		set_desc(&desc[0], buf, 72, VRING_DESC_F_NEXT, 1);
		set_desc(&desc[1], buf + 72, 0, VRING_DESC_F_NEXT, 2);
		set_desc(&desc[2], buf + 100, 1, VRING_DESC_F_WRITE, 0);
		break;
	default:
		break;
	}
	q->vq.avail->ring[0] = htole16(head);
	__atomic_store_n(&q->vq.avail->idx, htole16(idx), __ATOMIC_RELEASE);
	if (q->vq.notify != NULL)
		q->vq.notify(q->vq.notify_arg);
}

static void
test_malformed_one(bool threaded)
{
	struct vcdev_model_config cfg = det_config();
	struct vring_desc table[4] __attribute__((aligned(16)));
	uint8_t buf[128] = { 0 }, out[64], key[16] = { 0 }, iv[16] = { 0 };
	struct vcdev_model_stats st;
	struct tdev *d;
	uint64_t id, t0;
	int k;

	cfg.threaded = threaded;
	d = tdev_new(&cfg);
	CHECK(d != NULL, "device");
	if (d == NULL)
		return;
	for (k = 0; k < BAD_NB; k++) {
		uint64_t want = ALL_FEATURES;

		if (k == BAD_IND_UNNEGOTIATED)
			want &= ~(1ULL << VIRTIO_RING_F_INDIRECT_DESC);
		CHECK(tdev_start(d, want, 1, 16) == 0, "restart");
		craft(&d->dq[0], (enum bad_ring)k, table, buf);
		t0 = now_ms();
		while (!(vcdev_model_status(d->m) & VIRTIO_CONFIG_S_NEEDS_RESET) &&
		       now_ms() - t0 < WAIT_MS) {
			if (!threaded)
				vcdev_model_poll(d->m);
			else
				usleep(100);
		}
		CHECK(vcdev_model_status(d->m) & VIRTIO_CONFIG_S_NEEDS_RESET,
		      "%s: no NEEDS_RESET", bad_names[k]);
		CHECK(__atomic_load_n(&d->dq[0].vq.used->idx,
				      __ATOMIC_ACQUIRE) == 0,
		      "%s: used entry written", bad_names[k]);
	}
	vcdev_model_stats(d->m, &st);
	CHECK(st.malformed == BAD_NB, "malformed %llu",
	      (unsigned long long)st.malformed);
	CHECK(st.zero_sized == 1 && st.strict_violations == 0,
	      "zero_sized %llu", (unsigned long long)st.zero_sized);
	/* And the device works again after a reset. */
	CHECK(tdev_start(d, ALL_FEATURES, 1, 16) == 0, "restart");
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 16,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &id) == 0 &&
	      do_cipher(d, &d->dq[0], id, VIRTIO_CRYPTO_CIPHER_ENCRYPT, iv, 16,
			buf, out, 64, NULL) == VIRTIO_CRYPTO_OK,
	      "usable after reset");
	tdev_free(d);
}

static void
test_malformed(void)
{
	test_malformed_one(false);
	test_malformed_one(true);
}

/* ---- strict vhost framing, requests built by hand ---- */

#define SV_BUFS 40

/* One data request, its buffers and the indirect table that holds them. */
struct sreq {
	struct vring_desc table[SV_BUFS] __attribute__((aligned(16)));
	uint8_t hdr[128];
	uint8_t iv[32];
	uint8_t src[2304];
	uint8_t dst[2304];
	uint8_t digest[64];
	uint8_t status[2];
	uint8_t spare[16];
	struct part b[SV_BUFS];
	bool w[SV_BUFS];
	int n;
	bool direct;		/* plain chain instead of an indirect table */
	uint16_t head;
	uint16_t slot;
};

static void
sreq_add(struct sreq *r, void *p, uint32_t len, bool write)
{
	r->b[r->n] = (struct part){ p, len };
	r->w[r->n] = write;
	r->n++;
}

/* The request header, written to the start of the header buffer. */
static struct virtio_crypto_op_data_req *
sreq_header(struct sreq *r, uint32_t opcode, uint64_t id, uint32_t op_type)
{
	struct virtio_crypto_op_data_req req;

	op_header(&req, opcode, id);
	req.u.sym_req.op_type = htole32(op_type);
	memcpy(r->hdr, &req, sizeof(req));
	return (struct virtio_crypto_op_data_req *)(void *)r->hdr;
}

/* AES-CBC encrypt, one field a buffer: hdr | iv | src | dst | status. */
static void
sreq_cipher(struct sreq *r, uint64_t id, uint32_t len)
{
	struct virtio_crypto_cipher_para *p = &sreq_header(r,
		VIRTIO_CRYPTO_CIPHER_ENCRYPT, id,
		VIRTIO_CRYPTO_SYM_OP_CIPHER)->u.sym_req.u.cipher.para;

	p->iv_len = htole32(16);
	p->src_data_len = htole32(len);
	p->dst_data_len = htole32(len);
	fill(r->iv, 16, 21);
	fill(r->src, len, 22);
	r->n = 0;
	sreq_add(r, r->hdr, REQ_LEN, false);
	sreq_add(r, r->iv, 16, false);
	sreq_add(r, r->src, len, false);
	sreq_add(r, r->dst, len, true);
	sreq_add(r, r->status, 1, true);
}

/* Encrypt-then-MAC, cipher from c_off: hdr | iv | src | dst | digest | status. */
static void
sreq_chain(struct sreq *r, uint64_t id, uint32_t len, uint32_t c_off)
{
	struct virtio_crypto_alg_chain_data_para *p = &sreq_header(r,
		VIRTIO_CRYPTO_CIPHER_ENCRYPT, id,
		VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING)->u.sym_req.u.chain.para;

	p->iv_len = htole32(16);
	p->src_data_len = htole32(len);
	p->dst_data_len = htole32(len);
	p->cipher_start_src_offset = htole32(c_off);
	p->len_to_cipher = htole32(len - c_off);
	p->len_to_hash = htole32(len);
	p->hash_result_len = htole32(20);
	fill(r->iv, 16, 23);
	fill(r->src, len, 24);
	r->n = 0;
	sreq_add(r, r->hdr, REQ_LEN, false);
	sreq_add(r, r->iv, 16, false);
	sreq_add(r, r->src, len, false);
	sreq_add(r, r->dst, len, true);
	sreq_add(r, r->digest, 20, true);
	sreq_add(r, r->status, 1, true);
}

/* Put r on q as its next avail entry and let the model serve it. */
static void
sreq_run(struct tdev *d, struct tq *q, struct sreq *r)
{
	struct vring_desc *chain = r->direct ? q->vq.desc : r->table;
	uint16_t first = r->direct ? r->head : 0, i;
	uint16_t idx = le16toh(q->vq.avail->idx);

	for (i = 0; i < r->n; i++)
		set_desc(&chain[first + i], r->b[i].p, r->b[i].len,
			 (r->w[i] ? VRING_DESC_F_WRITE : 0) |
			 (i + 1 < r->n ? VRING_DESC_F_NEXT : 0),
			 (uint16_t)(first + i + 1));
	if (!r->direct)
		set_desc(&q->vq.desc[r->head], r->table,
			 (uint32_t)(r->n * sizeof(struct vring_desc)),
			 VRING_DESC_F_INDIRECT, 0);
	r->status[0] = 0xee;
	q->vq.avail->ring[r->slot & (q->vq.size - 1)] = htole16(r->head);
	__atomic_store_n(&q->vq.avail->idx, htole16(idx + 1),
			 __ATOMIC_RELEASE);
	vcdev_model_poll(d->m);
}

static uint16_t
used_idx(const struct tq *q)
{
	return le16toh(__atomic_load_n(&q->vq.used->idx, __ATOMIC_ACQUIRE));
}

/* A fresh start: rings reset, an AES-CBC and an encrypt+HMAC-SHA1 session. */
static bool
strict_fresh(struct tdev *d, const uint8_t *ckey, const uint8_t *akey,
	     uint64_t *cid, uint64_t *hid)
{
	struct chain_spec cs = {
		.order = VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH,
		.mode = VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH,
		.cipher_algo = VIRTIO_CRYPTO_CIPHER_AES_CBC,
		.ckey = ckey, .ckey_len = 16, .op = VIRTIO_CRYPTO_OP_ENCRYPT,
		.auth_algo = VIRTIO_CRYPTO_MAC_HMAC_SHA1, .res_len = 20,
		.akey = akey, .akey_len = 20,
	};

	return tdev_start(d, ALL_FEATURES, 1, 16) == 0 &&
		cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, ckey, 16,
			       VIRTIO_CRYPTO_OP_ENCRYPT, cid) == 0 &&
		chain_session(d, &cs, hid) == 0;
}

/* Requests framed as the back-end reads them: done, right, on time. */
static void
strict_good(struct tdev *d, struct sreq *r, const uint8_t *ckey,
	    const uint8_t *akey)
{
	uint8_t ref[2304], mac[64], keep[16];
	uint64_t cid, hid;
	uint32_t k;

	CHECK(strict_fresh(d, ckey, akey, &cid, &hid), "start");
	sreq_cipher(r, cid, 64);
	sreq_run(d, &d->dq[0], r);
	CHECK(used_idx(&d->dq[0]) == 1 && r->status[0] == VIRTIO_CRYPTO_OK &&
	      le32toh(d->dq[0].vq.used->ring[0].len) == 65 &&
	      ref_cipher("AES-128-CBC", ckey, r->iv, true, r->src, ref, 64) &&
	      memcmp(r->dst, ref, 64) == 0, "strict: cipher, a buffer a field");

	/*
	 * Header buffer longer than 72 (its tail unread), IV buffer longer
	 * than iv_len (its tail unused), src and dst over several buffers.
	 */
	sreq_cipher(r, cid, 64);
	r->n = 0;
	sreq_add(r, r->hdr, 100, false);
	sreq_add(r, r->iv, 32, false);
	sreq_add(r, r->src, 16, false);
	sreq_add(r, r->src + 16, 48, false);
	sreq_add(r, r->dst, 40, true);
	sreq_add(r, r->dst + 40, 24, true);
	sreq_add(r, r->status, 1, true);
	r->head = r->slot = 1;
	memset(r->dst, 0, 64);
	sreq_run(d, &d->dq[0], r);
	CHECK(used_idx(&d->dq[0]) == 2 && r->status[0] == VIRTIO_CRYPTO_OK &&
	      ref_cipher("AES-128-CBC", ckey, r->iv, true, r->src, ref, 64) &&
	      memcmp(r->dst, ref, 64) == 0, "strict: cipher, fields split");

	/* The most the back-end takes: 32 descriptors, src in 28. */
	sreq_cipher(r, cid, 448);
	r->n = 2;
	for (k = 0; k < 28; k++)
		sreq_add(r, r->src + 16 * k, 16, false);
	sreq_add(r, r->dst, 448, true);
	sreq_add(r, r->status, 1, true);
	r->head = r->slot = 2;
	sreq_run(d, &d->dq[0], r);
	CHECK(r->n == 32 && used_idx(&d->dq[0]) == 3 &&
	      r->status[0] == VIRTIO_CRYPTO_OK &&
	      ref_cipher("AES-128-CBC", ckey, r->iv, true, r->src, ref, 448) &&
	      memcmp(r->dst, ref, 448) == 0, "strict: 32 descriptors");

	/* A chain: dst is written from the cipher offset on only. */
	sreq_chain(r, hid, 80, 16);
	r->head = r->slot = 3;
	memset(r->dst, 0xa5, 16);
	memcpy(keep, r->dst, 16);
	sreq_run(d, &d->dq[0], r);
	memcpy(ref, r->src, 16);
	CHECK(used_idx(&d->dq[0]) == 4 && r->status[0] == VIRTIO_CRYPTO_OK &&
	      le32toh(d->dq[0].vq.used->ring[3].len) == 80 + 20 + 1 &&
	      ref_cipher("AES-128-CBC", ckey, r->iv, true, r->src + 16,
			 ref + 16, 64) &&
	      memcmp(r->dst, keep, 16) == 0 && memcmp(r->dst + 16, ref + 16,
						      64) == 0,
	      "strict: chain, dst before the cipher offset left alone");
	CHECK(ref_mac("HMAC", "SHA1", akey, 20, ref, 80, mac) == 20 &&
	      memcmp(r->digest, mac, 20) == 0, "strict: chain digest");
	CHECK(vcdev_model_status(d->m) == (VIRTIO_CONFIG_S_ACKNOWLEDGE |
	      VIRTIO_CONFIG_S_DRIVER | VIRTIO_CONFIG_S_FEATURES_OK |
	      VIRTIO_CONFIG_S_DRIVER_OK), "strict: device fine");
}

/* Requests the back-end would not process, and the rule each breaks. */
enum sbad {
	SB_IV_IN_HEADER, SB_DIRECT, SB_33_DESC, SB_STATUS_LEN, SB_OUT_OF_ORDER,
	SB_IV_ZERO, SB_HASH, SB_AAD, SB_TRAILING, SB_CIPHER_TOO_BIG,
	SB_SHORT_HEADER, SB_NO_DST, SB_DST_SHORT, SB_SESSION, SB_DST_OFFSET,
	SB_NB
};

static const struct {
	const char *name;
	enum vcdev_strict_rule rule;
} sbad_cases[SB_NB] = {
	[SB_IV_IN_HEADER] = { "IV in the header's buffer",
			      VCDEV_STRICT_WRITABLE },
	[SB_DIRECT] = { "no indirect table", VCDEV_STRICT_NOT_INDIRECT },
	[SB_33_DESC] = { "33 descriptors", VCDEV_STRICT_TABLE_SIZE },
	[SB_STATUS_LEN] = { "status of 2 bytes", VCDEV_STRICT_STATUS_LEN },
	[SB_OUT_OF_ORDER] = { "head 1 in avail slot 0",
			      VCDEV_STRICT_OUT_OF_ORDER },
	[SB_IV_ZERO] = { "iv_len 0", VCDEV_STRICT_EMPTY },
	[SB_HASH] = { "hash request", VCDEV_STRICT_OPCODE },
	[SB_AAD] = { "chain with aad", VCDEV_STRICT_AAD },
	[SB_TRAILING] = { "buffer after the status", VCDEV_STRICT_TRAILING },
	[SB_CIPHER_TOO_BIG] = { "cipher src 2192", VCDEV_STRICT_LIMITS },
	[SB_SHORT_HEADER] = { "header buffer of 64", VCDEV_STRICT_HEADER },
	[SB_NO_DST] = { "no writable buffer", VCDEV_STRICT_NO_DST },
	[SB_DST_SHORT] = { "dst buffer short", VCDEV_STRICT_SHORT },
	[SB_SESSION] = { "unknown session", VCDEV_STRICT_SESSION },
	[SB_DST_OFFSET] = { "cipher offset past the first dst buffer",
			    VCDEV_STRICT_DST_OFFSET },
};

static void
sbad_build(struct sreq *r, enum sbad k, uint64_t cid, uint64_t hid)
{
	struct virtio_crypto_op_data_req *h =
		(struct virtio_crypto_op_data_req *)(void *)r->hdr;
	int i;

	r->direct = false;
	r->head = r->slot = 0;
	if (k == SB_AAD || k == SB_DST_OFFSET)
		sreq_chain(r, hid, 80, 16);
	else
		sreq_cipher(r, cid, k == SB_CIPHER_TOO_BIG ? 2192 : 64);
	switch (k) {
	case SB_IV_IN_HEADER:
		/* What a gathering device accepts: the IV after the header. */
		memcpy(r->hdr + REQ_LEN, r->iv, 16);
		r->b[0].len = REQ_LEN + 16;
		memmove(&r->b[1], &r->b[2], 3 * sizeof(r->b[0]));
		memmove(&r->w[1], &r->w[2], 3 * sizeof(r->w[0]));
		r->n = 4;
		break;
	case SB_DIRECT:
		r->direct = true;
		r->head = 0;
		break;
	case SB_33_DESC:
		r->n = 2;
		for (i = 0; i < 29; i++)
			sreq_add(r, r->src + 2 * i, i < 28 ? 2 : 8, false);
		sreq_add(r, r->dst, 64, true);
		sreq_add(r, r->status, 1, true);
		break;
	case SB_STATUS_LEN:
		r->b[4].len = 2;
		break;
	case SB_OUT_OF_ORDER:
		r->head = 1;
		break;
	case SB_IV_ZERO:
		h->u.sym_req.u.cipher.para.iv_len = 0;
		memmove(&r->b[1], &r->b[2], 3 * sizeof(r->b[0]));
		memmove(&r->w[1], &r->w[2], 3 * sizeof(r->w[0]));
		r->n = 4;
		break;
	case SB_HASH:
		h->header.opcode = htole32(VIRTIO_CRYPTO_HASH);
		break;
	case SB_AAD:
		h->u.sym_req.u.chain.para.aad_len = htole32(8);
		break;
	case SB_TRAILING:
		sreq_add(r, r->spare, 4, true);
		break;
	case SB_SHORT_HEADER:
		r->b[0].len = 64;
		break;
	case SB_NO_DST:
		r->n = 3;
		break;
	case SB_DST_SHORT:
		/* dst takes the status buffer too, then nothing is left. */
		r->b[3].len = 63;
		break;
	case SB_SESSION:
		h->header.session_id = htole64(cid + 12345);
		break;
	case SB_DST_OFFSET:
		/* dst in buffers of 16 and 64: the offset 16 is past the first. */
		memmove(&r->b[5], &r->b[4], 2 * sizeof(r->b[0]));
		memmove(&r->w[5], &r->w[4], 2 * sizeof(r->w[0]));
		r->b[3].len = 16;
		r->b[4] = (struct part){ r->dst + 16, 64 };
		r->w[4] = true;
		r->n = 7;
		break;
	default:
		break;
	}
}

static void
strict_bad(struct tdev *d, struct sreq *r, const uint8_t *ckey,
	   const uint8_t *akey)
{
	struct vcdev_model_stats before, after;
	uint64_t cid, hid;
	int k;

	for (k = 0; k < SB_NB; k++) {
		const char *name = sbad_cases[k].name;
		enum vcdev_strict_rule rule = sbad_cases[k].rule;

		CHECK(strict_fresh(d, ckey, akey, &cid, &hid), "start");
		vcdev_model_stats(d->m, &before);
		sbad_build(r, (enum sbad)k, cid, hid);
		sreq_run(d, &d->dq[0], r);
		vcdev_model_stats(d->m, &after);
		CHECK(vcdev_model_status(d->m) & VIRTIO_CONFIG_S_NEEDS_RESET,
		      "strict %s: no NEEDS_RESET", name);
		CHECK(used_idx(&d->dq[0]) == 0 && r->status[0] == 0xee,
		      "strict %s: answered", name);
		CHECK(after.strict[rule] == before.strict[rule] + 1 &&
		      after.strict_violations == before.strict_violations + 1 &&
		      after.malformed == before.malformed + 1,
		      "strict %s: not counted as %s", name,
		      vcdev_strict_rule_name(rule));
	}
}

/* A zero-length buffer is refused in every mode, strict or not. */
static void
strict_zero_len(struct tdev *d, struct sreq *r, const uint8_t *ckey,
		const uint8_t *akey)
{
	struct vcdev_model_stats before, after;
	uint64_t cid, hid;

	CHECK(strict_fresh(d, ckey, akey, &cid, &hid), "start");
	vcdev_model_stats(d->m, &before);
	sreq_cipher(r, cid, 64);
	r->head = r->slot = 0;
	r->b[3].len = 0;
	sreq_run(d, &d->dq[0], r);
	vcdev_model_stats(d->m, &after);
	CHECK((vcdev_model_status(d->m) & VIRTIO_CONFIG_S_NEEDS_RESET) &&
	      used_idx(&d->dq[0]) == 0 &&
	      after.zero_sized == before.zero_sized + 1 &&
	      after.malformed == before.malformed + 1 &&
	      after.strict_violations == before.strict_violations,
	      "strict: zero-length buffer");
}

static void
test_strict_vhost(void)
{
	struct vcdev_model_config cfg = det_config();
	struct sreq *r = calloc(1, sizeof(*r));
	uint8_t ckey[16], akey[20];
	struct tdev *d;
	int k;

	cfg.strict_vhost = true;
	d = tdev_new(&cfg);
	CHECK(d != NULL && r != NULL, "device");
	if (d == NULL || r == NULL) {
		free(r);
		tdev_free(d);
		return;
	}
	fill(ckey, 16, 31);
	fill(akey, 20, 32);
	strict_good(d, r, ckey, akey);
	strict_bad(d, r, ckey, akey);
	strict_zero_len(d, r, ckey, akey);
	for (k = 0; k < VCDEV_STRICT_NB; k++)
		CHECK(strcmp(vcdev_strict_rule_name((enum vcdev_strict_rule)k),
			     "?") != 0, "rule %d has a name", k);
	tdev_free(d);
	free(r);
}

/* cfg.vhost_sessions: only what QEMU and DPDK's vhost back-end create. */
static void
test_vhost_sessions(void)
{
	struct vcdev_model_config cfg = det_config();
	uint8_t key[32] = { 0 };
	struct chain_spec cs = {
		.order = VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH,
		.mode = VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH,
		.cipher_algo = VIRTIO_CRYPTO_CIPHER_AES_CBC,
		.ckey = key, .ckey_len = 16, .op = VIRTIO_CRYPTO_OP_ENCRYPT,
		.auth_algo = VIRTIO_CRYPTO_MAC_HMAC_SHA_256, .res_len = 32,
		.akey = key, .akey_len = 32,
	};
	struct tdev *d;
	uint64_t id;

	cfg.vhost_sessions = true;
	d = tdev_new(&cfg);
	CHECK(d != NULL, "device");
	if (d == NULL)
		return;
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 16,
			     VIRTIO_CRYPTO_OP_DECRYPT, &id) == 0, "vhost: aes-cbc");
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CTR, key, 16,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &id) ==
	      VIRTIO_CRYPTO_NOTSUPP, "vhost: aes-ctr");
	CHECK(chain_session(d, &cs, &id) == 0, "vhost: aes-cbc+hmac-sha256");
	cs.mode = VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN;
	cs.auth_algo = VIRTIO_CRYPTO_HASH_SHA_256;
	CHECK(chain_session(d, &cs, &id) == VIRTIO_CRYPTO_NOTSUPP,
	      "vhost: plain-hash chain");
	CHECK(hash_session(d, VIRTIO_CRYPTO_HASH_SHA1, 20, &id) ==
	      VIRTIO_CRYPTO_NOTSUPP, "vhost: hash");
	CHECK(mac_session(d, VIRTIO_CRYPTO_MAC_HMAC_SHA1, 20, key, 20, &id) ==
	      VIRTIO_CRYPTO_NOTSUPP, "vhost: mac");
	CHECK(aead_session(d, VIRTIO_CRYPTO_AEAD_GCM, key, 16, 16,
			   VIRTIO_CRYPTO_OP_ENCRYPT, &id) ==
	      VIRTIO_CRYPTO_NOTSUPP, "vhost: aead");
	tdev_free(d);
}

/* ---- faults ---- */

struct op {
	struct hdr_iv h;
	uint8_t src[32];
	uint8_t dst[32];
	uint8_t status;
};

/* Post one AES-CBC op of 32 bytes without waiting; returns the slot. */
static int
post_op(struct tq *q, struct op *o, uint64_t id)
{
	struct virtio_crypto_cipher_para *p = &o->h.req.u.sym_req.u.cipher.para;
	struct part rd[2], wr[2];

	op_header(&o->h.req, VIRTIO_CRYPTO_CIPHER_ENCRYPT, id);
	o->h.req.u.sym_req.op_type = htole32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	p->iv_len = htole32(16);
	p->src_data_len = htole32(32);
	p->dst_data_len = htole32(32);
	o->status = 0xee;
	rd[0] = (struct part){ &o->h, sizeof(o->h.req) + 16 };
	rd[1] = (struct part){ o->src, 32 };
	wr[0] = (struct part){ o->dst, 32 };
	wr[1] = (struct part){ &o->status, 1 };
	return post(q, rd, 2, wr, 2, o);
}

static int
inject(struct tdev *d, enum vcdev_fault_type type, uint16_t qid,
       uint32_t skip, uint32_t count)
{
	struct vcdev_fault f = {
		.type = type, .qid = qid, .skip = skip, .count = count,
	};

	return vcdev_model_inject(d->m, &f);
}

static void
fault_status(struct tdev *d, uint64_t id)
{
	static const uint8_t sts[] = {
		VIRTIO_CRYPTO_ERR, VIRTIO_CRYPTO_BADMSG, VIRTIO_CRYPTO_NOTSUPP,
		VIRTIO_CRYPTO_INVSESS, VIRTIO_CRYPTO_NOSPC,
	};
	struct vcdev_fault f = { .type = VCDEV_FAULT_STATUS,
				 .qid = VCDEV_ANY_DATAQ };
	uint8_t iv[16] = { 0 }, src[32] = { 0 }, dst[32];
	struct vcdev_model_stats st;
	uint8_t key[16] = { 0 };
	uint32_t used;
	unsigned int i;
	uint64_t sid;

	for (i = 0; i < sizeof(sts); i++) {
		f.status = sts[i];
		f.skip = 1;
		f.count = 2;
		CHECK(vcdev_model_inject(d->m, &f) == 0, "inject");
		CHECK(do_cipher(d, &d->dq[0], id, VIRTIO_CRYPTO_CIPHER_ENCRYPT,
				iv, 16, src, dst, 32, NULL) == VIRTIO_CRYPTO_OK,
		      "skipped");
		CHECK(do_cipher(d, &d->dq[0], id, VIRTIO_CRYPTO_CIPHER_ENCRYPT,
				iv, 16, src, dst, 32, &used) == sts[i] &&
		      used == 1, "forced %u", sts[i]);
		CHECK(do_cipher(d, &d->dq[0], id, VIRTIO_CRYPTO_CIPHER_ENCRYPT,
				iv, 16, src, dst, 32, NULL) == sts[i],
		      "forced twice %u", sts[i]);
		CHECK(do_cipher(d, &d->dq[0], id, VIRTIO_CRYPTO_CIPHER_ENCRYPT,
				iv, 16, src, dst, 32, NULL) == VIRTIO_CRYPTO_OK,
		      "spent");
	}
	/* Control queue: a forced NOSPC, then a real session. */
	f = (struct vcdev_fault){ .type = VCDEV_FAULT_STATUS,
				  .qid = VCDEV_CTRLQ,
				  .status = VIRTIO_CRYPTO_NOSPC };
	CHECK(vcdev_model_inject(d->m, &f) == 0, "inject ctrl");
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 16,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &sid) ==
	      VIRTIO_CRYPTO_NOSPC, "forced NOSPC");
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 16,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &sid) == 0, "ctrl spent");
	f.status = VIRTIO_CRYPTO_ERR;
	CHECK(vcdev_model_inject(d->m, &f) == 0, "inject ctrl");
	CHECK(ctrl_destroy(d, VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, sid) ==
	      VIRTIO_CRYPTO_ERR, "forced destroy ERR");
	CHECK(ctrl_destroy(d, VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, sid) ==
	      VIRTIO_CRYPTO_OK, "not destroyed by the forced answer");
	vcdev_model_stats(d->m, &st);
	CHECK(st.forced_status == 2 * sizeof(sts) + 2, "forced_status %llu",
	      (unsigned long long)st.forced_status);
}

static void
fault_delay(struct tdev *d, uint64_t id)
{
	struct vq_done done[4];
	struct vcdev_fault f = { .type = VCDEV_FAULT_DELAY,
				 .qid = 0, .count = 2 };
	struct op o[3];
	uint64_t t0;
	int i;

	CHECK(vcdev_model_inject(d->m, &f) == 0, "inject");
	for (i = 0; i < 3; i++)
		CHECK(post_op(&d->dq[0], &o[i], id) >= 0, "post");
	vq_split_kick(&d->dq[0].vq);
	CHECK(tq_wait(d, &d->dq[0], done, 1, WAIT_MS) == 1 &&
	      done[0].cookie == &o[2], "the third completes");
	CHECK(tq_wait(d, &d->dq[0], done, 2, SHORT_WAIT_MS) == 0,
	      "the first two are held");
	CHECK(vcdev_model_release(d->m, 0) == 2, "release");
	CHECK(tq_wait(d, &d->dq[0], done, 2, WAIT_MS) == 2 &&
	      o[0].status == 0 && o[1].status == 0, "released completions");

	/* With a hold time, they come on their own, not before it. */
	f.count = 1;
	f.hold_ms = 200;
	CHECK(vcdev_model_inject(d->m, &f) == 0, "inject");
	CHECK(post_op(&d->dq[0], &o[0], id) >= 0, "post");
	t0 = now_ms();
	vq_split_kick(&d->dq[0].vq);
	CHECK(tq_wait(d, &d->dq[0], done, 1, WAIT_MS) == 1 &&
	      now_ms() - t0 >= 200, "after hold_ms");
}

static void
fault_reorder(struct tdev *d, uint64_t id)
{
	struct vq_done done[4];
	struct op o[4];
	uint16_t n;
	int i;

	CHECK(inject(d, VCDEV_FAULT_REORDER, VCDEV_ANY_DATAQ, 0, 4) == 0,
	      "inject");
	for (i = 0; i < 4; i++)
		CHECK(post_op(&d->dq[0], &o[i], id) >= 0, "post");
	vq_split_kick(&d->dq[0].vq);
	n = tq_wait(d, &d->dq[0], done, 4, WAIT_MS);
	CHECK(n == 4, "completions %u", n);
	for (i = 0; i < n; i++)
		CHECK(done[i].cookie == &o[3 - i] && o[i].status == 0,
		      "position %d", i);
}

static void
fault_bad_id(struct tdev *d, uint64_t id, enum vcdev_bad_id kind)
{
	struct vcdev_fault f = { .type = VCDEV_FAULT_BAD_ID, .qid = 0,
				 .bad_id = kind };
	struct vq_done done[2];
	struct op o[2];

	CHECK(vcdev_model_inject(d->m, &f) == 0, "inject");
	CHECK(post_op(&d->dq[0], &o[0], id) >= 0 &&
	      post_op(&d->dq[0], &o[1], id) >= 0, "post");
	vq_split_kick(&d->dq[0].vq);
	tq_wait(d, &d->dq[0], done, 2, SHORT_WAIT_MS);
	CHECK(d->dq[0].vq.broken && d->dq[0].vq.stats.bad_id == 1,
	      "driver saw a bad id (kind %d)", kind);
}

static void
fault_bad_len(struct tdev *d, uint64_t id)
{
	struct vq_done done;
	struct op o;

	CHECK(inject(d, VCDEV_FAULT_BAD_LEN, 0, 0, 1) == 0, "inject");
	CHECK(post_op(&d->dq[0], &o, id) >= 0, "post");
	vq_split_kick(&d->dq[0].vq);
	CHECK(tq_wait(d, &d->dq[0], &done, 1, WAIT_MS) == 1 &&
	      (done.flags & VQ_DONE_BAD_LEN) && done.len > 33 &&
	      d->dq[0].vq.stats.bad_len == 1, "bad length seen");
}

static void
fault_stall(struct tdev *d, uint64_t id)
{
	uint8_t key[16] = { 0 };
	struct vq_done done;
	struct op o;
	uint64_t sid;

	CHECK(inject(d, VCDEV_FAULT_STALL, 0, 0, 1) == 0, "inject");
	CHECK(post_op(&d->dq[0], &o, id) >= 0, "post");
	vq_split_kick(&d->dq[0].vq);
	CHECK(tq_wait(d, &d->dq[0], &done, 1, SHORT_WAIT_MS) == 0, "stalled");
	CHECK(tq_wait(d, &d->dq[0], &done, 1, SHORT_WAIT_MS) == 0,
	      "still stalled");
	/* Only that queue stalls. */
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 16,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &sid) == 0,
	      "controlq still answers");
}

static void
fault_needs_reset(struct tdev *d, uint64_t id)
{
	struct vq_done done;
	struct op o;

	CHECK(inject(d, VCDEV_FAULT_NEEDS_RESET, VCDEV_ANY_DATAQ, 0, 1) == 0,
	      "inject");
	CHECK(post_op(&d->dq[0], &o, id) >= 0, "post");
	vq_split_kick(&d->dq[0].vq);
	CHECK(tq_wait(d, &d->dq[0], &done, 1, SHORT_WAIT_MS) == 0,
	      "no completion");
	CHECK(vcdev_model_status(d->m) & VIRTIO_CONFIG_S_NEEDS_RESET,
	      "NEEDS_RESET");
}

/* Start afresh with one AES-CBC session for fault cases. */
static uint64_t
fresh(struct tdev *d)
{
	uint8_t key[16] = { 0 };
	uint64_t id = 0;

	CHECK(tdev_start(d, ALL_FEATURES, 1, 16) == 0, "restart");
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 16,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &id) == 0, "session");
	return id;
}

static void
test_faults_one(bool threaded)
{
	struct vcdev_model_config cfg = det_config();
	struct vcdev_model_stats st;
	struct tdev *d;
	struct vcdev_fault bad = { .type = 99, .qid = 0 };

	cfg.threaded = threaded;
	d = tdev_new(&cfg);
	CHECK(d != NULL, "device");
	if (d == NULL)
		return;
	CHECK(vcdev_model_inject(d->m, &bad) == -EINVAL, "bad fault type");
	bad.type = VCDEV_FAULT_STATUS;
	bad.qid = 77;
	CHECK(vcdev_model_inject(d->m, &bad) == -EINVAL, "bad queue");

	fault_status(d, fresh(d));
	fault_delay(d, fresh(d));
	fault_reorder(d, fresh(d));
	fault_bad_id(d, fresh(d), VCDEV_BAD_ID_RANGE);
	fault_bad_id(d, fresh(d), VCDEV_BAD_ID_IDLE);
	fault_bad_len(d, fresh(d));
	fault_stall(d, fresh(d));
	fault_needs_reset(d, fresh(d));
	vcdev_model_stats(d->m, &st);
	CHECK(st.held == 3 && st.released == 3 && st.reordered == 4 &&
	      st.bad_ids == 2 && st.bad_lens == 1 && st.stalls == 1 &&
	      st.injected_resets == 1,
	      "fault stats: held %llu released %llu reordered %llu",
	      (unsigned long long)st.held, (unsigned long long)st.released,
	      (unsigned long long)st.reordered);

	/* A reset clears the stall and NEEDS_RESET, armed faults survive. */
	{
		struct vcdev_fault f = { .type = VCDEV_FAULT_STATUS, .qid = 0,
					 .status = VIRTIO_CRYPTO_NOTSUPP };
		uint8_t iv[16] = { 0 }, src[32] = { 0 }, dst[32];
		uint64_t id;

		CHECK(vcdev_model_inject(d->m, &f) == 0, "inject");
		id = fresh(d);
		CHECK(do_cipher(d, &d->dq[0], id, VIRTIO_CRYPTO_CIPHER_ENCRYPT,
				iv, 16, src, dst, 32, NULL) ==
		      VIRTIO_CRYPTO_NOTSUPP, "armed fault survived the reset");
		CHECK(vcdev_model_inject(d->m, &f) == 0, "inject");
		vcdev_model_clear_faults(d->m);
		CHECK(do_cipher(d, &d->dq[0], id, VIRTIO_CRYPTO_CIPHER_ENCRYPT,
				iv, 16, src, dst, 32, NULL) == VIRTIO_CRYPTO_OK,
		      "cleared");
	}
	/* Held completions vanish with a reset: nothing lands afterwards. */
	{
		uint64_t id = fresh(d);
		struct vq_done done;
		struct op o;

		CHECK(inject(d, VCDEV_FAULT_DELAY, 0, 0, 1) == 0, "inject");
		CHECK(post_op(&d->dq[0], &o, id) >= 0, "post");
		vq_split_kick(&d->dq[0].vq);
		CHECK(tq_wait(d, &d->dq[0], &done, 1, SHORT_WAIT_MS) == 0,
		      "held");
		d->hw.ops->set_status(&d->hw, 0);
		CHECK(vcdev_model_release(d->m, VCDEV_ANY_DATAQ) == 0,
		      "nothing to release after reset");
		CHECK(__atomic_load_n(&d->dq[0].vq.used->idx,
				      __ATOMIC_ACQUIRE) == 0,
		      "used ring untouched");
	}
	tdev_free(d);
}

static void
test_faults(void)
{
	test_faults_one(false);
	test_faults_one(true);
}

/* ---- threads: two queues served concurrently, many ops in flight ---- */

#define MT_OPS 400
#define MT_BURST 24

struct mt_op {
	struct hdr_iv h;
	uint8_t src[64];
	uint8_t dst[64];
	uint8_t status;
	int qi;
};

static void
test_threaded(uint32_t nb_threads, uint16_t indirect)
{
	struct vcdev_model_config cfg = vcdev_model_config_full();
	struct mt_op *ops = calloc(MT_OPS, sizeof(*ops));
	uint8_t key[16], iv[16], ref[64];
	struct vq_done done[MT_BURST];
	struct vcdev_model_stats st;
	struct tdev *d;
	int posted = 0, completed = 0, bad = 0, i, qi;
	uint64_t id, deadline;

	cfg.nb_threads = nb_threads;
	d = tdev_new(&cfg);
	CHECK(d != NULL && ops != NULL, "device");
	if (d == NULL || ops == NULL) {
		free(ops);
		tdev_free(d);
		return;
	}
	CHECK(tdev_start(d, ALL_FEATURES, 2, indirect) == 0, "two queues");
	fill(key, 16, 11);
	fill(iv, 16, 12);
	CHECK(cipher_session(d, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, 16,
			     VIRTIO_CRYPTO_OP_ENCRYPT, &id) == 0, "session");
	deadline = now_ms() + 10 * WAIT_MS;
	while (completed < MT_OPS && now_ms() < deadline) {
		for (qi = 0; qi < 2; qi++) {
			struct tq *q = &d->dq[qi];
			int n = 0;

			while (posted < MT_OPS && n < MT_BURST) {
				struct mt_op *o = &ops[posted];
				struct virtio_crypto_cipher_para *p =
					&o->h.req.u.sym_req.u.cipher.para;
				struct part rd[2], wr[2];

				op_header(&o->h.req,
					  VIRTIO_CRYPTO_CIPHER_ENCRYPT, id);
				o->h.req.u.sym_req.op_type =
					htole32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
				p->iv_len = htole32(16);
				p->src_data_len = htole32(64);
				p->dst_data_len = htole32(64);
				memcpy(o->h.iv, iv, 16);
				fill(o->src, 64, 1000 + posted);
				o->status = 0xee;
				o->qi = qi;
				rd[0] = (struct part){ &o->h,
						       sizeof(o->h.req) + 16 };
				rd[1] = (struct part){ o->src, 64 };
				wr[0] = (struct part){ o->dst, 64 };
				wr[1] = (struct part){ &o->status, 1 };
				if (post(q, rd, 2, wr, 2, o) < 0)
					break;
				posted++;
				n++;
			}
			vq_split_kick(&q->vq);
			n = vq_split_harvest(&q->vq, done, MT_BURST);
			for (i = 0; i < n; i++) {
				struct mt_op *o = done[i].cookie;

				ref_cipher("AES-128-CBC", key, iv, true, o->src,
					   ref, 64);
				if (o->status != 0 || o->qi != qi ||
				    done[i].len != 65 ||
				    memcmp(o->dst, ref, 64) != 0)
					bad++;
				completed++;
			}
		}
		usleep(20);
	}
	CHECK(completed == MT_OPS && bad == 0, "threads %u: %d/%d done, %d bad",
	      nb_threads, completed, MT_OPS, bad);
	CHECK(vcdev_model_queue_requests(d->m, 0) > 0 &&
	      vcdev_model_queue_requests(d->m, 1) > 0 &&
	      vcdev_model_queue_requests(d->m, 0) +
	      vcdev_model_queue_requests(d->m, 1) == MT_OPS, "both queues");
	vcdev_model_stats(d->m, &st);
	CHECK(st.notifications > 0 && st.data_requests == MT_OPS,
	      "notifications %llu", (unsigned long long)st.notifications);
	/* Destroy with the device running and a queue stalled: no hang. */
	inject(d, VCDEV_FAULT_STALL, 1, 0, 1);
	{
		struct mt_op *o = &ops[0];
		struct part rd[2] = { { &o->h, sizeof(o->h.req) + 16 },
				      { o->src, 64 } };
		struct part wr[2] = { { o->dst, 64 }, { &o->status, 1 } };

		post(&d->dq[1], rd, 2, wr, 2, o);
		vq_split_kick(&d->dq[1].vq);
	}
	usleep(2000);
	tdev_free(d);
	free(ops);
}

int
main(void)
{
	OSSL_PROVIDER *def, *legacy;

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* For the single-DES references; the model has its own context. */
	def = OSSL_PROVIDER_load(NULL, "default");
	legacy = OSSL_PROVIDER_load(NULL, "legacy");

	printf("registers\n");
	test_registers();
	printf("aes-cbc\n");
	test_aes_cbc();
	printf("ciphers\n");
	test_ciphers();
	printf("hashes\n");
	test_hashes();
	printf("macs\n");
	test_macs();
	printf("aead\n");
	test_aead();
	printf("chains\n");
	test_chains();
	printf("sessions\n");
	test_sessions();
	printf("rsa\n");
	test_rsa();
	printf("ecdsa\n");
	test_ecdsa();
	printf("request errors\n");
	test_request_errors();
	printf("malformed rings\n");
	test_malformed();
	printf("strict vhost framing\n");
	test_strict_vhost();
	test_vhost_sessions();
	printf("faults\n");
	test_faults();
	printf("threads\n");
	test_threaded(1, 16);
	test_threaded(2, 0);

	if (legacy != NULL)
		OSSL_PROVIDER_unload(legacy);
	if (def != NULL)
		OSSL_PROVIDER_unload(def);
	printf("%d checks, %d failures\n", checks, failures);
	return failures == 0 ? 0 : 1;
}
