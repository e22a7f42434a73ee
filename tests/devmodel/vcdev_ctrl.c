/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Control queue requests: create and destroy sessions. A request is the
 * fixed 72-byte struct virtio_crypto_op_ctrl_req followed, for creation,
 * by the cipher key then the auth key (akcipher: the DER key); the answer
 * is a session_input (create) or a one-byte inhdr (destroy).
 */

#include <endian.h>
#include <string.h>

#include <linux/virtio_crypto.h>

#include "vcdev_internal.h"

_Static_assert(sizeof(struct virtio_crypto_op_ctrl_req) == VCDEV_REQ_LEN,
	       "control request is 16 + 56 bytes");

#define SYM_KEYS (VCDEV_MAX_CIPHER_KEY + VCDEV_MAX_AUTH_KEY)
#define MAX_KEYS (SYM_KEYS > VCDEV_MAX_AKCIPHER_KEY ? SYM_KEYS : \
		  VCDEV_MAX_AKCIPHER_KEY)

/* Key material following the request, as far as it was sent. */
struct keys {
	const uint8_t *p;
	uint64_t len;
};

void
vcdev_count_status(struct vcdev_model *m, uint8_t st)
{
	VCDEV_ADD(m, by_status[st < 7 ? st : 7], 1);
}

/* ---- what the device advertises ---- */

static bool
service_on(const struct vcdev_model *m, uint32_t service)
{
	return m->cfg.accept_unadvertised ||
		(service < 32 && (m->cfg.crypto_services >> service) & 1);
}

static bool
in_mask64(const struct vcdev_model *m, uint32_t lo, uint32_t hi, uint32_t algo)
{
	uint64_t mask = (uint64_t)hi << 32 | lo;

	return m->cfg.accept_unadvertised || (algo < 64 && (mask >> algo) & 1);
}

static bool
cipher_advertised(const struct vcdev_model *m, uint32_t algo)
{
	return service_on(m, VIRTIO_CRYPTO_SERVICE_CIPHER) &&
		in_mask64(m, m->cfg.cipher_algo_l, m->cfg.cipher_algo_h, algo);
}

static bool
hash_advertised(const struct vcdev_model *m, uint32_t algo)
{
	return service_on(m, VIRTIO_CRYPTO_SERVICE_HASH) &&
		in_mask64(m, m->cfg.hash_algo, 0, algo);
}

static bool
mac_advertised(const struct vcdev_model *m, uint32_t algo)
{
	return service_on(m, VIRTIO_CRYPTO_SERVICE_MAC) &&
		in_mask64(m, m->cfg.mac_algo_l, m->cfg.mac_algo_h, algo);
}

static bool
aead_advertised(const struct vcdev_model *m, uint32_t algo)
{
	return service_on(m, VIRTIO_CRYPTO_SERVICE_AEAD) &&
		in_mask64(m, m->cfg.aead_algo, 0, algo);
}

static bool
akcipher_advertised(const struct vcdev_model *m, uint32_t algo)
{
	return service_on(m, VIRTIO_CRYPTO_SERVICE_AKCIPHER) &&
		in_mask64(m, m->cfg.akcipher_algo, 0, algo);
}

/* ---- session parameters ---- */

static bool
direction_ok(uint32_t op)
{
	return op == VIRTIO_CRYPTO_OP_ENCRYPT || op == VIRTIO_CRYPTO_OP_DECRYPT;
}

/* Take len key bytes off k into dst; false if the request lacks them. */
static bool
take_key(struct keys *k, uint8_t *dst, uint32_t len)
{
	if (len > k->len)
		return false;
	memcpy(dst, k->p, len);
	k->p += len;
	k->len -= len;
	return true;
}

static uint8_t
cipher_params(struct vcdev_model *m,
	      const struct virtio_crypto_cipher_session_para *p,
	      struct keys *k, struct vcdev_session *s)
{
	uint32_t algo = le32toh(p->algo);
	uint32_t key_len = le32toh(p->keylen);
	uint32_t op = le32toh(p->op);

	if (!direction_ok(op) || key_len > m->cfg.max_cipher_key_len)
		return VIRTIO_CRYPTO_ERR;
	if (!cipher_advertised(m, algo) ||
	    !vcdev_crypto_cipher_ok(m->crypto, algo, key_len))
		return VIRTIO_CRYPTO_NOTSUPP;
	if (!take_key(k, s->cipher.key, key_len))
		return VIRTIO_CRYPTO_ERR;
	s->cipher.algo = algo;
	s->cipher.key_len = key_len;
	s->cipher.op = op;
	return VIRTIO_CRYPTO_OK;
}

static uint8_t
hash_params(struct vcdev_model *m,
	    const struct virtio_crypto_hash_session_para *p,
	    struct vcdev_session *s)
{
	uint32_t algo = le32toh(p->algo);
	uint32_t len = le32toh(p->hash_result_len);
	uint32_t full;

	if (!hash_advertised(m, algo))
		return VIRTIO_CRYPTO_NOTSUPP;
	full = vcdev_crypto_hash_size(m->crypto, algo);
	if (full == 0)
		return VIRTIO_CRYPTO_NOTSUPP;
	if (len == 0 || len > full)
		return VIRTIO_CRYPTO_ERR;
	s->auth.algo = algo;
	s->auth.result_len = len;
	return VIRTIO_CRYPTO_OK;
}

static uint8_t
mac_params(struct vcdev_model *m,
	   const struct virtio_crypto_mac_session_para *p,
	   struct keys *k, struct vcdev_session *s)
{
	uint32_t algo = le32toh(p->algo);
	uint32_t len = le32toh(p->hash_result_len);
	uint32_t key_len = le32toh(p->auth_key_len);
	uint32_t full;

	if (key_len > m->cfg.max_auth_key_len)
		return VIRTIO_CRYPTO_ERR;
	if (!mac_advertised(m, algo) ||
	    !vcdev_crypto_mac_ok(m->crypto, algo, key_len))
		return VIRTIO_CRYPTO_NOTSUPP;
	full = vcdev_crypto_mac_size(m->crypto, algo);
	if (len == 0 || len > full || !take_key(k, s->auth.key, key_len))
		return VIRTIO_CRYPTO_ERR;
	s->auth.algo = algo;
	s->auth.keyed = true;
	s->auth.result_len = len;
	s->auth.key_len = key_len;
	return VIRTIO_CRYPTO_OK;
}

static uint8_t
chain_params(struct vcdev_model *m,
	     const struct virtio_crypto_alg_chain_session_para *p,
	     struct keys *k, struct vcdev_session *s)
{
	uint32_t order = le32toh(p->alg_chain_order);
	uint32_t mode = le32toh(p->hash_mode);
	uint8_t st;

	if (order != VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER &&
	    order != VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH)
		return VIRTIO_CRYPTO_ERR;
	s->chain_order = order;
	s->hash_mode = mode;
	s->aad_len = le32toh(p->aad_len);
	/* Keys come cipher first, so the cipher is parsed first. */
	st = cipher_params(m, &p->cipher_param, k, s);
	if (st != VIRTIO_CRYPTO_OK)
		return st;
	switch (mode) {
	case VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN:
		return hash_params(m, &p->u.hash_param, s);
	case VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH:
		/* GMAC's IV convention only exists for the MAC service. */
		if (le32toh(p->u.mac_param.algo) == VIRTIO_CRYPTO_MAC_GMAC_AES)
			return VIRTIO_CRYPTO_NOTSUPP;
		return mac_params(m, &p->u.mac_param, k, s);
	case VIRTIO_CRYPTO_SYM_HASH_MODE_NESTED:
		return VIRTIO_CRYPTO_NOTSUPP;
	default:
		return VIRTIO_CRYPTO_ERR;
	}
}

static uint8_t
sym_session(struct vcdev_model *m,
	    const struct virtio_crypto_sym_create_session_req *r,
	    struct keys *k, struct vcdev_session *s)
{
	s->service = VIRTIO_CRYPTO_SERVICE_CIPHER;
	s->op_type = le32toh(r->op_type);
	switch (s->op_type) {
	case VIRTIO_CRYPTO_SYM_OP_CIPHER:
		return cipher_params(m, &r->u.cipher.para, k, s);
	case VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING:
		return chain_params(m, &r->u.chain.para, k, s);
	case VIRTIO_CRYPTO_SYM_OP_NONE:
		return VIRTIO_CRYPTO_NOTSUPP;
	default:
		return VIRTIO_CRYPTO_ERR;
	}
}

static uint8_t
aead_session(struct vcdev_model *m,
	     const struct virtio_crypto_aead_session_para *p,
	     struct keys *k, struct vcdev_session *s)
{
	uint32_t algo = le32toh(p->algo);
	uint32_t key_len = le32toh(p->key_len);
	uint32_t tag_len = le32toh(p->hash_result_len);
	uint32_t op = le32toh(p->op);

	s->service = VIRTIO_CRYPTO_SERVICE_AEAD;
	if (!direction_ok(op) || key_len > m->cfg.max_cipher_key_len)
		return VIRTIO_CRYPTO_ERR;
	if (!aead_advertised(m, algo) ||
	    !vcdev_crypto_aead_ok(m->crypto, algo, key_len, tag_len))
		return VIRTIO_CRYPTO_NOTSUPP;
	if (!take_key(k, s->cipher.key, key_len))
		return VIRTIO_CRYPTO_ERR;
	s->cipher.algo = algo;
	s->cipher.key_len = key_len;
	s->cipher.op = op;
	s->auth.result_len = tag_len;
	s->aad_len = le32toh(p->aad_len);
	return VIRTIO_CRYPTO_OK;
}

/* The algorithm's own parameters name what the model implements. */
static bool
akcipher_params_ok(const struct virtio_crypto_akcipher_session_para *p,
		   uint32_t algo)
{
	switch (algo) {
	case VIRTIO_CRYPTO_AKCIPHER_RSA:
		return vcdev_rsa_params_ok(le32toh(p->u.rsa.padding_algo),
					   le32toh(p->u.rsa.hash_algo));
	case VIRTIO_CRYPTO_AKCIPHER_ECDSA:
		return vcdev_ecdsa_curve_ok(le32toh(p->u.ecdsa.curve_id));
	default:
		return false;
	}
}

/*
 * RSA: the key is PKCS#1 DER of the key type. ECDSA: a DER ECPrivateKey
 * or an uncompressed point on the session's curve. Unknown names are
 * NOTSUPP, a key that is not what it claims to be is ERR.
 */
static uint8_t
akcipher_session(struct vcdev_model *m,
		 const struct virtio_crypto_akcipher_session_para *p,
		 struct keys *k, struct vcdev_session *s)
{
	uint32_t algo = le32toh(p->algo);
	uint32_t type = le32toh(p->keytype);
	uint32_t key_len = le32toh(p->keylen);
	bool private = type == VIRTIO_CRYPTO_AKCIPHER_KEY_TYPE_PRIVATE;

	s->service = VIRTIO_CRYPTO_SERVICE_AKCIPHER;
	if (!akcipher_advertised(m, algo) ||
	    (type != VIRTIO_CRYPTO_AKCIPHER_KEY_TYPE_PUBLIC && !private) ||
	    !akcipher_params_ok(p, algo))
		return VIRTIO_CRYPTO_NOTSUPP;
	if (key_len > VCDEV_MAX_AKCIPHER_KEY || key_len > k->len)
		return VIRTIO_CRYPTO_ERR;
	if (algo == VIRTIO_CRYPTO_AKCIPHER_ECDSA)
		return vcdev_ecdsa_parse(m->crypto,
					 le32toh(p->u.ecdsa.curve_id), private,
					 k->p, key_len, &s->ecdsa);
	s->rsa.padding = le32toh(p->u.rsa.padding_algo);
	s->rsa.hash = le32toh(p->u.rsa.hash_algo);
	return vcdev_rsa_parse(m->crypto, private, k->p, key_len, &s->rsa.key);
}

/* ---- what a vhost-user device creates (cfg.vhost_sessions) ---- */

/* Ciphers DPDK 22.11's back-end knows an IV length of, and runs. */
static bool
vhost_cipher(uint32_t algo)
{
	return algo == VIRTIO_CRYPTO_CIPHER_AES_CBC ||
		algo == VIRTIO_CRYPTO_CIPHER_3DES_CBC;
}

static bool
vhost_mac(uint32_t algo)
{
	switch (algo) {
	case VIRTIO_CRYPTO_MAC_HMAC_MD5:
	case VIRTIO_CRYPTO_MAC_HMAC_SHA1:
	case VIRTIO_CRYPTO_MAC_HMAC_SHA_224:
	case VIRTIO_CRYPTO_MAC_HMAC_SHA_256:
	case VIRTIO_CRYPTO_MAC_HMAC_SHA_384:
	case VIRTIO_CRYPTO_MAC_HMAC_SHA_512:
	case VIRTIO_CRYPTO_MAC_CMAC_AES:
	case VIRTIO_CRYPTO_MAC_XCBC_AES:
		return true;
	default:
		return false;
	}
}

/*
 * QEMU 7.2 answers hash, MAC and AEAD session requests NOTSUPP itself
 * and hands symmetric ones to the back-end, which takes cipher sessions
 * and chains in AUTH hash mode only.
 */
static bool
vhost_session_ok(const struct virtio_crypto_op_ctrl_req *req,
		 uint32_t opcode)
{
	const struct virtio_crypto_sym_create_session_req *r =
		&req->u.sym_create_session;
	const struct virtio_crypto_alg_chain_session_para *c = &r->u.chain.para;

	if (opcode != VIRTIO_CRYPTO_CIPHER_CREATE_SESSION)
		return false;
	switch (le32toh(r->op_type)) {
	case VIRTIO_CRYPTO_SYM_OP_CIPHER:
		return vhost_cipher(le32toh(r->u.cipher.para.algo));
	case VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING:
		return vhost_cipher(le32toh(c->cipher_param.algo)) &&
			le32toh(c->hash_mode) == VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH &&
			vhost_mac(le32toh(c->u.mac_param.algo));
	default:
		return false;
	}
}

static uint8_t
create_session(struct vcdev_model *m,
	       const struct virtio_crypto_op_ctrl_req *req, uint32_t opcode,
	       struct keys *k, uint64_t *id)
{
	struct vcdev_session s;
	uint8_t st;

	memset(&s, 0, sizeof(s));
	if (m->cfg.vhost_sessions && !vhost_session_ok(req, opcode))
		return VIRTIO_CRYPTO_NOTSUPP;
	switch (opcode) {
	case VIRTIO_CRYPTO_CIPHER_CREATE_SESSION:
		st = sym_session(m, &req->u.sym_create_session, k, &s);
		break;
	case VIRTIO_CRYPTO_HASH_CREATE_SESSION:
		s.service = VIRTIO_CRYPTO_SERVICE_HASH;
		st = hash_params(m, &req->u.hash_create_session.para, &s);
		break;
	case VIRTIO_CRYPTO_MAC_CREATE_SESSION:
		s.service = VIRTIO_CRYPTO_SERVICE_MAC;
		st = mac_params(m, &req->u.mac_create_session.para, k, &s);
		break;
	case VIRTIO_CRYPTO_AEAD_CREATE_SESSION:
		st = aead_session(m, &req->u.aead_create_session.para, k, &s);
		break;
	case VIRTIO_CRYPTO_AKCIPHER_CREATE_SESSION:
		st = akcipher_session(m, &req->u.akcipher_create_session.para,
				      k, &s);
		break;
	default:
		st = VIRTIO_CRYPTO_NOTSUPP;
		break;
	}
	if (st == VIRTIO_CRYPTO_OK)
		st = vcdev_session_add(&m->sessions, &s, id);
	if (st == VIRTIO_CRYPTO_OK) {
		VCDEV_ADD(m, sessions_created, 1);
		s.rsa.key = NULL;	/* the table's now */
		s.ecdsa = NULL;
	}
	vcdev_rsa_unref(s.rsa.key);
	vcdev_ecdsa_unref(s.ecdsa);
	memset(&s, 0, sizeof(s));	/* keys */
	return st;
}

static bool
is_create(uint32_t opcode)
{
	switch (opcode) {
	case VIRTIO_CRYPTO_CIPHER_CREATE_SESSION:
	case VIRTIO_CRYPTO_HASH_CREATE_SESSION:
	case VIRTIO_CRYPTO_MAC_CREATE_SESSION:
	case VIRTIO_CRYPTO_AEAD_CREATE_SESSION:
	case VIRTIO_CRYPTO_AKCIPHER_CREATE_SESSION:
		return true;
	default:
		return false;
	}
}

static bool
is_destroy(uint32_t opcode)
{
	switch (opcode) {
	case VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION:
	case VIRTIO_CRYPTO_HASH_DESTROY_SESSION:
	case VIRTIO_CRYPTO_MAC_DESTROY_SESSION:
	case VIRTIO_CRYPTO_AEAD_DESTROY_SESSION:
	case VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION:
		return true;
	default:
		return false;
	}
}

static uint8_t
destroy_session(struct vcdev_model *m,
		const struct virtio_crypto_op_ctrl_req *req, uint32_t opcode)
{
	uint8_t st = vcdev_session_del(&m->sessions,
		le64toh(req->u.destroy_session.session_id), opcode >> 8);

	if (st == VIRTIO_CRYPTO_OK)
		VCDEV_ADD(m, sessions_destroyed, 1);
	return st;
}

/* The create answer; a short or unparsable request gets it too if it fits. */
static int64_t
answer_create(const struct vcdev_chain *ch, uint8_t st, uint64_t id)
{
	struct virtio_crypto_session_input in;

	memset(&in, 0, sizeof(in));
	in.session_id = htole64(st == VIRTIO_CRYPTO_OK ? id : 0);
	in.status = htole32(st);
	vcdev_chain_write(ch, 0, (const uint8_t *)&in, sizeof(in));
	return sizeof(in);
}

static int64_t
answer_byte(const struct vcdev_chain *ch, uint8_t st)
{
	vcdev_chain_write(ch, 0, &st, 1);
	return 1;
}

int64_t
vcdev_ctrl_request(struct vcdev_queue *q, struct vcdev_chain *ch,
		   const struct vcdev_action *act)
{
	struct vcdev_model *m = q->m;
	struct virtio_crypto_op_ctrl_req req;
	uint64_t rd = ch->rlen, id = 0;
	bool big = ch->wlen >= sizeof(struct virtio_crypto_session_input);
	struct keys k;
	uint32_t opcode;
	uint8_t st;

	if (ch->wlen == 0)
		return -1;
	/* Nothing longer than the request and the largest key(s) is read. */
	if (rd > VCDEV_REQ_LEN + MAX_KEYS)
		rd = VCDEV_REQ_LEN + MAX_KEYS;
	if (rd < VCDEV_REQ_LEN || !vcdev_scratch(&q->rbuf, &q->rcap, rd)) {
		st = VIRTIO_CRYPTO_ERR;
		vcdev_count_status(m, st);
		return big ? answer_create(ch, st, 0) : answer_byte(ch, st);
	}
	vcdev_chain_read(ch, q->rbuf, rd);
	memcpy(&req, q->rbuf, sizeof(req));
	k = (struct keys){ q->rbuf + VCDEV_REQ_LEN, rd - VCDEV_REQ_LEN };
	opcode = le32toh(req.header.opcode);

	if (is_destroy(opcode)) {
		st = act->force_status ? act->status :
			destroy_session(m, &req, opcode);
		vcdev_count_status(m, st);
		return answer_byte(ch, st);
	}
	/* An unknown opcode gets NOTSUPP in whatever form fits. */
	if (!is_create(opcode) && !big) {
		st = act->force_status ? act->status : VIRTIO_CRYPTO_NOTSUPP;
		vcdev_count_status(m, st);
		return answer_byte(ch, st);
	}
	/* A create is answered with a session_input, or not at all. */
	if (!big)
		return -1;
	st = act->force_status ? act->status :
		create_session(m, &req, opcode, &k, &id);
	vcdev_count_status(m, st);
	/* Keys stay in the scratch buffer otherwise. */
	memset(q->rbuf, 0, rd);
	return answer_create(ch, st, id);
}
