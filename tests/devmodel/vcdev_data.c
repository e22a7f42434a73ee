/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Data queue requests, per service. The readable stream (72-byte request,
 * then the service's buffers) is gathered into the queue's scratch, so
 * the driver changing its buffers meanwhile cannot change what was
 * checked; results are built in scratch and scattered to the writable
 * buffers; the status byte goes last. See vcdev_model.h for the layouts.
 */

#include <endian.h>
#include <string.h>

#include <linux/virtio_crypto.h>

#include "vcdev_internal.h"

_Static_assert(sizeof(struct virtio_crypto_op_data_req) == VCDEV_REQ_LEN,
	       "data request is 24 + 48 bytes");

/* Handlers return a VIRTIO_CRYPTO_* status or this: a device error. */
#define DEVICE_ERROR (-1)

struct dreq {
	struct vcdev_queue *q;
	struct vcdev_model *m;
	const struct vcdev_chain *ch;
	struct virtio_crypto_op_data_req req;
	uint32_t opcode;
	struct vcdev_session s;
	const uint8_t *in;	/* readable bytes after the request */
	uint64_t in_len;	/* of them gathered */
	uint64_t produced;	/* bytes written, status excluded */
};

/* What a request may not exceed in total (config max_size). */
static int
oversize(const struct dreq *r)
{
	return r->m->cfg.strict_needs_reset ? DEVICE_ERROR : VIRTIO_CRYPTO_ERR;
}

static bool
can_read(const struct dreq *r, uint64_t n)
{
	return n <= r->in_len;
}

/* n result bytes and the status byte after them fit the writable part. */
static bool
can_write(const struct dreq *r, uint64_t n)
{
	return n < r->ch->wlen;
}

static void
emit(struct dreq *r, uint64_t off, const uint8_t *p, size_t len)
{
	vcdev_chain_write(r->ch, off, p, len);
	r->produced += len;
}

static bool
wbuf(struct dreq *r, uint64_t len)
{
	return vcdev_scratch(&r->q->wbuf, &r->q->wcap, len != 0 ? len : 1);
}

static bool
encrypting(const struct dreq *r)
{
	return r->s.cipher.op == VIRTIO_CRYPTO_OP_ENCRYPT;
}

/* The opcode's direction must be the session's. */
static bool
direction_matches(const struct dreq *r, uint32_t enc_opcode)
{
	return (r->opcode == enc_opcode) == encrypting(r);
}

/* Digest or MAC of the session over iovs. */
static uint8_t
auth(const struct dreq *r, const struct vcdev_iov *v, unsigned int n,
     uint8_t *out)
{
	const struct vcdev_session *s = &r->s;

	if (s->auth.keyed)
		return vcdev_crypto_mac(r->m->crypto, s->auth.algo, s->auth.key,
					s->auth.key_len, NULL, v, n, out,
					s->auth.result_len);
	return vcdev_crypto_hash(r->m->crypto, s->auth.algo, v, n, out,
				 s->auth.result_len);
}

/* ---- cipher ---- */

static int
cipher_request(struct dreq *r)
{
	const struct virtio_crypto_cipher_para *p =
		&r->req.u.sym_req.u.cipher.para;
	uint64_t iv_len = le32toh(p->iv_len);
	uint64_t src_len = le32toh(p->src_data_len);
	uint64_t dst_len = le32toh(p->dst_data_len);
	const struct vcdev_session *s = &r->s;
	uint8_t st;

	if (!direction_matches(r, VIRTIO_CRYPTO_CIPHER_ENCRYPT))
		return VIRTIO_CRYPTO_ERR;
	if (iv_len + src_len + dst_len > r->m->cfg.max_size)
		return oversize(r);
	/* QEMU 8.1+ breaks the device over this (CVE-2023-3180). */
	if (src_len != dst_len)
		return r->m->cfg.strict_needs_reset ? DEVICE_ERROR :
			VIRTIO_CRYPTO_ERR;
	if (!can_read(r, iv_len + src_len) || !can_write(r, dst_len) ||
	    !wbuf(r, dst_len))
		return VIRTIO_CRYPTO_ERR;
	st = vcdev_crypto_cipher(r->m->crypto, s->cipher.algo, s->cipher.key,
				 s->cipher.key_len, encrypting(r), r->in,
				 (uint32_t)iv_len, r->in + iv_len, r->q->wbuf,
				 src_len);
	if (st == VIRTIO_CRYPTO_OK)
		emit(r, 0, r->q->wbuf, dst_len);
	return st;
}

/* ---- algorithm chaining ---- */

struct chain {
	uint64_t iv_len, src_len, dst_len, aad_len, res_len;
	uint64_t c_off, c_len, h_off, h_len;
	const uint8_t *iv, *src, *aad;
};

static int
chain_parse(struct dreq *r, struct chain *c)
{
	const struct virtio_crypto_alg_chain_data_para *p =
		&r->req.u.sym_req.u.chain.para;

	c->iv_len = le32toh(p->iv_len);
	c->src_len = le32toh(p->src_data_len);
	c->dst_len = le32toh(p->dst_data_len);
	c->c_off = le32toh(p->cipher_start_src_offset);
	c->c_len = le32toh(p->len_to_cipher);
	c->h_off = le32toh(p->hash_start_src_offset);
	c->h_len = le32toh(p->len_to_hash);
	c->aad_len = le32toh(p->aad_len);
	c->res_len = le32toh(p->hash_result_len);

	if (c->iv_len + c->src_len + c->dst_len + c->aad_len + c->res_len >
	    r->m->cfg.max_size)
		return oversize(r);
	if (c->src_len != c->dst_len)
		return r->m->cfg.strict_needs_reset ? DEVICE_ERROR :
			VIRTIO_CRYPTO_ERR;
	if (c->c_off + c->c_len > c->src_len ||
	    c->h_off + c->h_len > c->src_len ||
	    c->res_len != r->s.auth.result_len ||
	    !can_read(r, c->iv_len + c->src_len + c->aad_len) ||
	    !can_write(r, c->dst_len + c->res_len))
		return VIRTIO_CRYPTO_ERR;
	/* The spec sends iv, src, aad; QEMU reads iv, aad, src. */
	c->iv = r->in;
	if (r->m->cfg.chain_aad_before_src) {
		c->aad = r->in + c->iv_len;
		c->src = c->aad + c->aad_len;
	} else {
		c->src = r->in + c->iv_len;
		c->aad = c->src + c->src_len;
	}
	return VIRTIO_CRYPTO_OK;
}

/*
 * dst is src with the cipher region done. DPDK's vhost back-end writes it
 * back from the cipher offset on only, leaving the bytes before alone; its
 * used length still counts them.
 */
static void
emit_chain_dst(struct dreq *r, const struct chain *c, const uint8_t *dst)
{
	uint64_t skip = r->m->cfg.strict_vhost ? c->c_off : 0;

	emit(r, skip, dst + skip, c->dst_len - skip);
	r->produced += skip;
}

static int
chain_request(struct dreq *r)
{
	const struct vcdev_session *s = &r->s;
	struct vcdev_iov v[2];
	struct chain c;
	uint8_t *dst, *digest;
	bool hash_first;
	int st;

	if (!direction_matches(r, VIRTIO_CRYPTO_CIPHER_ENCRYPT))
		return VIRTIO_CRYPTO_ERR;
	st = chain_parse(r, &c);
	if (st != VIRTIO_CRYPTO_OK)
		return st;
	if (!wbuf(r, c.dst_len + c.res_len))
		return VIRTIO_CRYPTO_ERR;
	dst = r->q->wbuf;
	digest = dst + c.dst_len;
	memcpy(dst, c.src, c.src_len);

	/*
	 * Hash first: over the input (e.g. ciphertext before decrypting).
	 * Cipher first: over the output (ciphertext after encrypting).
	 */
	hash_first = s->chain_order ==
		VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER;
	v[0] = (struct vcdev_iov){ c.aad, c.aad_len };
	v[1] = (struct vcdev_iov){ (hash_first ? c.src : dst) + c.h_off,
				   c.h_len };
	if (hash_first) {
		st = auth(r, v, 2, digest);
		if (st != VIRTIO_CRYPTO_OK)
			return st;
	}
	st = vcdev_crypto_cipher(r->m->crypto, s->cipher.algo, s->cipher.key,
				 s->cipher.key_len, encrypting(r), c.iv,
				 (uint32_t)c.iv_len, c.src + c.c_off,
				 dst + c.c_off, c.c_len);
	if (st != VIRTIO_CRYPTO_OK)
		return st;
	if (!hash_first) {
		st = auth(r, v, 2, digest);
		if (st != VIRTIO_CRYPTO_OK)
			return st;
	}
	emit_chain_dst(r, &c, dst);
	emit(r, c.dst_len, digest, c.res_len);
	return VIRTIO_CRYPTO_OK;
}

static int
sym_request(struct dreq *r)
{
	uint32_t op_type = le32toh(r->req.u.sym_req.op_type);

	/* The request's op type is the session's, or it is no request. */
	if (op_type != r->s.op_type)
		return VIRTIO_CRYPTO_ERR;
	if (op_type == VIRTIO_CRYPTO_SYM_OP_CIPHER)
		return cipher_request(r);
	return chain_request(r);
}

/* ---- hash and MAC ---- */

static int
digest_request(struct dreq *r, const struct virtio_crypto_hash_para *p)
{
	uint64_t src_len = le32toh(p->src_data_len);
	uint64_t res_len = le32toh(p->hash_result_len);
	const struct vcdev_session *s = &r->s;
	struct vcdev_iov v = { r->in, src_len };
	const uint8_t *iv = NULL;
	uint8_t st;

	if (src_len + res_len > r->m->cfg.max_size)
		return oversize(r);
	if (res_len != s->auth.result_len || !can_read(r, src_len) ||
	    !can_write(r, res_len) || !wbuf(r, res_len))
		return VIRTIO_CRYPTO_ERR;
	if (s->auth.keyed && s->auth.algo == VIRTIO_CRYPTO_MAC_GMAC_AES) {
		/* The model's convention: the IV leads the message. */
		if (src_len < VCDEV_GMAC_IV_LEN)
			return VIRTIO_CRYPTO_ERR;
		iv = r->in;
		v.p += VCDEV_GMAC_IV_LEN;
		v.len -= VCDEV_GMAC_IV_LEN;
	}
	if (s->auth.keyed)
		st = vcdev_crypto_mac(r->m->crypto, s->auth.algo, s->auth.key,
				      s->auth.key_len, iv, &v, 1, r->q->wbuf,
				      (uint32_t)res_len);
	else
		st = auth(r, &v, 1, r->q->wbuf);
	if (st == VIRTIO_CRYPTO_OK)
		emit(r, 0, r->q->wbuf, res_len);
	return st;
}

/* ---- AEAD ---- */

static int
aead_request(struct dreq *r)
{
	const struct virtio_crypto_aead_para *p = &r->req.u.aead_req.para;
	uint64_t iv_len = le32toh(p->iv_len);
	uint64_t aad_len = le32toh(p->aad_len);
	uint64_t src_len = le32toh(p->src_data_len);
	uint64_t dst_len = le32toh(p->dst_data_len);
	const struct vcdev_session *s = &r->s;
	uint32_t tag_len = s->auth.result_len;
	const uint8_t *iv = r->in, *src, *aad;
	uint8_t tag[VCDEV_MAX_TAG];
	bool enc = encrypting(r);
	uint64_t out_len;
	uint8_t st;

	if (!direction_matches(r, VIRTIO_CRYPTO_AEAD_ENCRYPT))
		return VIRTIO_CRYPTO_ERR;
	if (iv_len + aad_len + src_len + dst_len > r->m->cfg.max_size)
		return oversize(r);
	if (!enc && src_len < tag_len)
		return VIRTIO_CRYPTO_ERR;
	/* Encrypt appends the tag; decrypt takes it off the end of src. */
	out_len = enc ? src_len + tag_len : src_len - tag_len;
	if (dst_len < out_len || !can_read(r, iv_len + src_len + aad_len) ||
	    !can_write(r, dst_len) || !wbuf(r, out_len))
		return VIRTIO_CRYPTO_ERR;
	src = iv + iv_len;
	aad = src + src_len;
	if (enc) {
		st = vcdev_crypto_aead(r->m->crypto, s->cipher.algo,
				       s->cipher.key, s->cipher.key_len, true,
				       iv, (uint32_t)iv_len, aad, aad_len, src,
				       r->q->wbuf, src_len,
				       r->q->wbuf + src_len, tag_len);
	} else {
		memcpy(tag, src + out_len, tag_len);
		st = vcdev_crypto_aead(r->m->crypto, s->cipher.algo,
				       s->cipher.key, s->cipher.key_len, false,
				       iv, (uint32_t)iv_len, aad, aad_len, src,
				       r->q->wbuf, out_len, tag, tag_len);
	}
	/* A failed tag check writes nothing: no unauthenticated plaintext. */
	if (st == VIRTIO_CRYPTO_OK)
		emit(r, 0, r->q->wbuf, out_len);
	return st;
}

/* ---- akcipher (RSA) ---- */

/* Decrypt and sign need the private key; encrypt and verify either. */
static bool
rsa_key_fits(const struct dreq *r)
{
	return vcdev_rsa_private(r->s.rsa.key) ||
		r->opcode == VIRTIO_CRYPTO_AKCIPHER_ENCRYPT ||
		r->opcode == VIRTIO_CRYPTO_AKCIPHER_VERIFY;
}

/* Encrypt, decrypt, sign: the result is written to dst. */
static int
rsa_transform(struct dreq *r, uint64_t src_len, uint64_t dst_len)
{
	const struct vcdev_session *s = &r->s;
	struct vcdev_crypto *c = r->m->crypto;
	size_t out_len = vcdev_rsa_size(s->rsa.key);
	uint8_t *out;
	uint8_t st;

	if (!can_read(r, src_len) || !can_write(r, dst_len) ||
	    !wbuf(r, out_len))
		return VIRTIO_CRYPTO_ERR;
	out = r->q->wbuf;
	switch (r->opcode) {
	case VIRTIO_CRYPTO_AKCIPHER_ENCRYPT:
		st = vcdev_rsa_encrypt(c, s->rsa.key, s->rsa.padding, r->in,
				       src_len, out);
		break;
	case VIRTIO_CRYPTO_AKCIPHER_DECRYPT:
		st = vcdev_rsa_decrypt(c, s->rsa.key, s->rsa.padding, r->in,
				       src_len, out, &out_len);
		break;
	default:
		st = vcdev_rsa_sign(c, s->rsa.key, s->rsa.padding,
				    s->rsa.hash, r->in, src_len, out);
		break;
	}
	/* Nothing is cut short: dst must hold the whole result. */
	if (st == VIRTIO_CRYPTO_OK && out_len > dst_len)
		st = VIRTIO_CRYPTO_ERR;
	if (st == VIRTIO_CRYPTO_OK)
		emit(r, 0, out, out_len);
	return st;
}

/* Verify: src is the signature, dst (readable) what it must sign. */
static int
rsa_verify(struct dreq *r, uint64_t src_len, uint64_t dst_len)
{
	const struct vcdev_session *s = &r->s;

	if (!can_read(r, src_len + dst_len))
		return VIRTIO_CRYPTO_ERR;
	return vcdev_rsa_verify(r->m->crypto, s->rsa.key, s->rsa.padding,
				s->rsa.hash, r->in, src_len, r->in + src_len,
				dst_len);
}

/* ---- akcipher (ECDSA) ---- */

/* Sign: src is the digest; the DER signature, however long, goes to dst. */
static int
ecdsa_sign(struct dreq *r, uint64_t src_len, uint64_t dst_len)
{
	const struct vcdev_ecdsa *k = r->s.ecdsa;
	size_t out_len = vcdev_ecdsa_sig_max(k);
	uint8_t st;

	if (!can_read(r, src_len) || !can_write(r, dst_len) ||
	    !wbuf(r, out_len))
		return VIRTIO_CRYPTO_ERR;
	st = vcdev_ecdsa_sign(r->m->crypto, k, r->in, src_len, r->q->wbuf,
			      &out_len);
	/* As RSA: nothing is cut short, dst must hold the whole signature. */
	if (st == VIRTIO_CRYPTO_OK && out_len > dst_len)
		st = VIRTIO_CRYPTO_ERR;
	if (st == VIRTIO_CRYPTO_OK)
		emit(r, 0, r->q->wbuf, out_len);
	return st;
}

/* ECDSA signs and verifies; sign needs the private key. */
static int
ecdsa_request(struct dreq *r, uint64_t src_len, uint64_t dst_len)
{
	switch (r->opcode) {
	case VIRTIO_CRYPTO_AKCIPHER_SIGN:
		if (!vcdev_ecdsa_private(r->s.ecdsa))
			return VIRTIO_CRYPTO_ERR;
		return ecdsa_sign(r, src_len, dst_len);
	case VIRTIO_CRYPTO_AKCIPHER_VERIFY:
		/* src the signature, dst (readable) the digest, as RSA. */
		if (!can_read(r, src_len + dst_len))
			return VIRTIO_CRYPTO_ERR;
		return vcdev_ecdsa_verify(r->m->crypto, r->s.ecdsa, r->in,
					  src_len, r->in + src_len, dst_len);
	default:
		return VIRTIO_CRYPTO_NOTSUPP;	/* no ECDSA encryption */
	}
}

static int
akcipher_request(struct dreq *r)
{
	const struct virtio_crypto_akcipher_para *p =
		&r->req.u.akcipher_req.para;
	uint64_t src_len = le32toh(p->src_data_len);
	uint64_t dst_len = le32toh(p->dst_data_len);

	if (src_len + dst_len > r->m->cfg.max_size)
		return oversize(r);
	if (r->s.ecdsa != NULL)
		return ecdsa_request(r, src_len, dst_len);
	if (!rsa_key_fits(r))
		return VIRTIO_CRYPTO_ERR;
	if (r->opcode == VIRTIO_CRYPTO_AKCIPHER_VERIFY)
		return rsa_verify(r, src_len, dst_len);
	return rsa_transform(r, src_len, dst_len);
}

/* ---- dispatch ---- */

static bool
opcode_known(uint32_t opcode)
{
	switch (opcode) {
	case VIRTIO_CRYPTO_CIPHER_ENCRYPT:
	case VIRTIO_CRYPTO_CIPHER_DECRYPT:
	case VIRTIO_CRYPTO_HASH:
	case VIRTIO_CRYPTO_MAC:
	case VIRTIO_CRYPTO_AEAD_ENCRYPT:
	case VIRTIO_CRYPTO_AEAD_DECRYPT:
	case VIRTIO_CRYPTO_AKCIPHER_ENCRYPT:
	case VIRTIO_CRYPTO_AKCIPHER_DECRYPT:
	case VIRTIO_CRYPTO_AKCIPHER_SIGN:
	case VIRTIO_CRYPTO_AKCIPHER_VERIFY:
		return true;
	default:
		return false;
	}
}

static int
run(struct dreq *r)
{
	uint64_t rd = r->ch->rlen;

	/* Never gather more than the largest valid request. */
	if (rd > VCDEV_REQ_LEN + r->m->cfg.max_size)
		rd = VCDEV_REQ_LEN + r->m->cfg.max_size;
	if (rd < VCDEV_REQ_LEN || !vcdev_scratch(&r->q->rbuf, &r->q->rcap, rd))
		return VIRTIO_CRYPTO_ERR;
	vcdev_chain_read(r->ch, r->q->rbuf, rd);
	memcpy(&r->req, r->q->rbuf, sizeof(r->req));
	r->in = r->q->rbuf + VCDEV_REQ_LEN;
	r->in_len = rd - VCDEV_REQ_LEN;
	r->opcode = le32toh(r->req.header.opcode);

	if (!opcode_known(r->opcode))
		return VIRTIO_CRYPTO_NOTSUPP;
	if (!vcdev_session_get(&r->m->sessions,
			       le64toh(r->req.header.session_id), &r->s) ||
	    r->s.service != r->opcode >> 8)
		return VIRTIO_CRYPTO_INVSESS;
	switch (r->s.service) {
	case VIRTIO_CRYPTO_SERVICE_CIPHER:
		return sym_request(r);
	case VIRTIO_CRYPTO_SERVICE_HASH:
		return digest_request(r, &r->req.u.hash_req.para);
	case VIRTIO_CRYPTO_SERVICE_MAC:
		return digest_request(r, &r->req.u.mac_req.para.hash);
	case VIRTIO_CRYPTO_SERVICE_AEAD:
		return aead_request(r);
	default:
		return akcipher_request(r);
	}
}

int64_t
vcdev_data_request(struct vcdev_queue *q, struct vcdev_chain *ch,
		   const struct vcdev_action *act)
{
	struct vcdev_seg segs[VCDEV_STRICT_MAX_DESC];
	struct dreq r = { .q = q, .m = q->m, .ch = ch };
	struct vcdev_chain framed;
	uint8_t status;
	int st;

	/* From here on only the bytes the vhost back-end would use exist. */
	if (q->m->cfg.strict_vhost) {
		if (!vcdev_strict_frame(q, ch, &framed, segs))
			return -1;
		ch = &framed;
		r.ch = ch;
	}
	if (ch->wlen == 0)
		return -1;
	st = act->force_status ? act->status : run(&r);
	vcdev_session_put(&r.s);	/* keys, key reference */
	if (st == DEVICE_ERROR)
		return -1;
	/* A failed request reports its status only. */
	if (st != VIRTIO_CRYPTO_OK)
		r.produced = 0;
	status = (uint8_t)st;
	vcdev_chain_write(ch, ch->wlen - 1, &status, 1);
	vcdev_count_status(q->m, status);
	return (int64_t)r.produced + 1;
}
