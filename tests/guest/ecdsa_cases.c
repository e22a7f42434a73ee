/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * ECDSA through DPDK's asymmetric API, on each NIST curve: the device
 * signs (OpenSSL must verify the signature) and verifies (OpenSSL's
 * signature must pass, the same with one bit of the digest flipped must
 * come back AUTH_FAILED). DPDK 22.11 gives the key in each op, so cases
 * also run several keys through one session, more keys than a session
 * binds, and an op that names its own k, which the device cannot take.
 * Keys are made by OpenSSL for each case; ECDSA signatures are random
 * anyway, so nothing is compared bit for bit.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <rte_crypto_asym.h>
#include <rte_errno.h>

#include "vcrypto_test.h"

#define EC_MAX_BYTES 66		/* P-521 */
#define ECDSA_MAX_DER 160	/* a P-521 signature with its headers */
#define ECDSA_KEYS_PER_SESSION 4	/* the PMD's VCRYPTO_ECDSA_KEYS */

enum ecdsa_op {
	ECDSA_SIGN,
	ECDSA_VERIFY,
	ECDSA_VERIFY_BAD,
	ECDSA_SIGN_WITH_K,	/* k given: INVALID_ARGS */
	ECDSA_KEYS,		/* keys in turn through one session */
};

struct ecdsa_curve {
	const char *name;	/* OpenSSL's */
	enum rte_crypto_curve_id id;
	size_t bytes;
	size_t digest_len;	/* the digest its cases sign */
};

static const struct ecdsa_curve ecdsa_curves[] = {
	{ "P-192", RTE_CRYPTO_EC_GROUP_SECP192R1, 24, 20 },
	{ "P-224", RTE_CRYPTO_EC_GROUP_SECP224R1, 28, 28 },
	{ "P-256", RTE_CRYPTO_EC_GROUP_SECP256R1, 32, 32 },
	{ "P-384", RTE_CRYPTO_EC_GROUP_SECP384R1, 48, 48 },
	{ "P-521", RTE_CRYPTO_EC_GROUP_SECP521R1, 66, 64 },
};

struct ecdsa_case {
	const struct ecdsa_curve *curve;
	enum ecdsa_op op;
};

/* A key and the buffers of one op, fixed-width values as DPDK gives them. */
struct ecdsa_key {
	EVP_PKEY *pkey;
	uint8_t d[EC_MAX_BYTES], x[EC_MAX_BYTES], y[EC_MAX_BYTES];
};

struct ecdsa_io {
	uint8_t digest[64];
	uint8_t r[EC_MAX_BYTES], s[EC_MAX_BYTES], k[EC_MAX_BYTES];
};

static struct ecdsa_case ecdsa_cases[5 * RTE_DIM(ecdsa_curves)];
static unsigned int nb_ecdsa_cases;

static int
key_param(EVP_PKEY *pkey, const char *name, uint8_t *out, size_t bytes)
{
	BIGNUM *b = NULL;
	int ret;

	if (EVP_PKEY_get_bn_param(pkey, name, &b) != 1)
		return -1;
	ret = BN_bn2binpad(b, out, (int)bytes) == (int)bytes ? 0 : -1;
	BN_clear_free(b);
	return ret;
}

static int
key_new(struct ecdsa_key *key, const struct ecdsa_curve *c)
{
	memset(key, 0, sizeof(*key));
	key->pkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", c->name);
	if (key->pkey == NULL ||
	    key_param(key->pkey, OSSL_PKEY_PARAM_PRIV_KEY, key->d, c->bytes) ||
	    key_param(key->pkey, OSSL_PKEY_PARAM_EC_PUB_X, key->x, c->bytes) ||
	    key_param(key->pkey, OSSL_PKEY_PARAM_EC_PUB_Y, key->y, c->bytes))
		return -1;
	return 0;
}

static void
key_free(struct ecdsa_key *key)
{
	EVP_PKEY_free(key->pkey);
	memset(key, 0, sizeof(*key));
}

/* (r, s) as the DER OpenSSL verifies; its length, 0 on failure. */
static size_t
sig_der(const uint8_t *r, const uint8_t *s, size_t bytes, uint8_t *der)
{
	ECDSA_SIG *sig = ECDSA_SIG_new();
	BIGNUM *br = BN_bin2bn(r, (int)bytes, NULL);
	BIGNUM *bs = BN_bin2bn(s, (int)bytes, NULL);
	unsigned char *p = der;
	int len = 0;

	if (sig != NULL && br != NULL && bs != NULL &&
	    ECDSA_SIG_set0(sig, br, bs) == 1) {
		br = bs = NULL;		/* the signature's now */
		if (i2d_ECDSA_SIG(sig, NULL) <= ECDSA_MAX_DER)
			len = i2d_ECDSA_SIG(sig, &p);
	}
	BN_free(br);
	BN_free(bs);
	ECDSA_SIG_free(sig);
	return len > 0 ? (size_t)len : 0;
}

static bool
openssl_verify(const struct ecdsa_key *key, const uint8_t *digest,
	size_t dlen, const uint8_t *r, const uint8_t *s, size_t bytes)
{
	uint8_t der[ECDSA_MAX_DER];
	size_t len = sig_der(r, s, bytes, der);
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key->pkey, NULL);
	bool ok = len != 0 && ctx != NULL && EVP_PKEY_verify_init(ctx) == 1 &&
		EVP_PKEY_verify(ctx, der, len, digest, dlen) == 1;

	EVP_PKEY_CTX_free(ctx);
	return ok;
}

/* OpenSSL's signature of digest as fixed-width r and s. */
static int
openssl_sign(const struct ecdsa_key *key, const uint8_t *digest, size_t dlen,
	uint8_t *r, uint8_t *s, size_t bytes)
{
	uint8_t der[ECDSA_MAX_DER];
	const unsigned char *p = der;
	size_t len = sizeof(der);
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key->pkey, NULL);
	ECDSA_SIG *sig = NULL;
	int ret = -1;

	if (ctx != NULL && EVP_PKEY_sign_init(ctx) == 1 &&
	    EVP_PKEY_sign(ctx, der, &len, digest, dlen) == 1)
		sig = d2i_ECDSA_SIG(NULL, &p, (long)len);
	if (sig != NULL &&
	    BN_bn2binpad(ECDSA_SIG_get0_r(sig), r, (int)bytes) == (int)bytes &&
	    BN_bn2binpad(ECDSA_SIG_get0_s(sig), s, (int)bytes) == (int)bytes)
		ret = 0;
	ECDSA_SIG_free(sig);
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

static void
fill_op(struct rte_crypto_ecdsa_op_param *e, const struct ecdsa_curve *c,
	const struct ecdsa_key *key, struct ecdsa_io *io, bool sign)
{
	memset(e, 0, sizeof(*e));
	e->op_type = sign ? RTE_CRYPTO_ASYM_OP_SIGN : RTE_CRYPTO_ASYM_OP_VERIFY;
	e->message.data = io->digest;
	e->message.length = c->digest_len;
	e->r.data = io->r;
	e->s.data = io->s;
	if (sign) {
		e->pkey.data = (uint8_t *)(uintptr_t)key->d;
		e->pkey.length = c->bytes;
		memset(io->r, 0, sizeof(io->r));
		memset(io->s, 0, sizeof(io->s));
	} else {
		e->q.x.data = (uint8_t *)(uintptr_t)key->x;
		e->q.x.length = c->bytes;
		e->q.y.data = (uint8_t *)(uintptr_t)key->y;
		e->q.y.length = c->bytes;
		e->r.length = c->bytes;
		e->s.length = c->bytes;
	}
}

/* One op through the device; its status into *st. */
static enum vt_result
run_one(struct vt_ctx *ctx, void *sess, const struct ecdsa_curve *c,
	const struct ecdsa_key *key, struct ecdsa_io *io, bool sign,
	bool with_k, enum rte_crypto_op_status *st)
{
	struct rte_crypto_ecdsa_op_param *e;
	struct vt_job job;

	memset(&job, 0, sizeof(job));
	job.op = rte_crypto_op_alloc(ctx->asym_op_pool,
			RTE_CRYPTO_OP_TYPE_ASYMMETRIC);
	if (job.op == NULL)
		return vt_fail(ctx, "asymmetric op pool exhausted");
	rte_crypto_op_attach_asym_session(job.op, sess);
	e = &job.op->asym->ecdsa;
	fill_op(e, c, key, io, sign);
	if (with_k) {
		memset(io->k, 0x5a, c->bytes);
		e->k.data = io->k;
		e->k.length = c->bytes;
	}
	vt_run_jobs(ctx, &job, 1);
	if (job.fate == VT_FATE_LOST)
		return vt_fail(ctx, "op lost: not back within the timeout");
	if (job.fate == VT_FATE_REFUSED) {
		rte_crypto_op_free(job.op);
		return vt_fail(ctx, "enqueue refused the op on an idle queue");
	}
	*st = job.op->status;
	if (sign && *st == RTE_CRYPTO_OP_STATUS_SUCCESS &&
	    (e->r.length != c->bytes || e->s.length != c->bytes)) {
		rte_crypto_op_free(job.op);
		return vt_fail(ctx, "r and s of %zu and %zu bytes, want %zu",
			e->r.length, e->s.length, c->bytes);
	}
	rte_crypto_op_free(job.op);
	return VT_PASS;
}

static enum vt_result
want_status(struct vt_ctx *ctx, enum rte_crypto_op_status st,
	enum rte_crypto_op_status want, const char *what)
{
	if (st == want)
		return VT_PASS;
	return vt_fail(ctx, "%s: status %s, want %s", what,
		vt_status_name(st), vt_status_name(want));
}

/* The device signs with key; OpenSSL verifies it. */
static enum vt_result
sign_checked(struct vt_ctx *ctx, void *sess, const struct ecdsa_curve *c,
	const struct ecdsa_key *key, struct ecdsa_io *io)
{
	enum rte_crypto_op_status st;
	enum vt_result r;

	r = run_one(ctx, sess, c, key, io, true, false, &st);
	if (r == VT_PASS)
		r = want_status(ctx, st, RTE_CRYPTO_OP_STATUS_SUCCESS, "sign");
	if (r == VT_PASS && !openssl_verify(key, io->digest, c->digest_len,
			io->r, io->s, c->bytes))
		r = vt_fail(ctx, "OpenSSL does not verify the device's signature");
	return r;
}

/* OpenSSL signs; the device verifies, digest bit flipped if bad. */
static enum vt_result
verify_checked(struct vt_ctx *ctx, void *sess, const struct ecdsa_curve *c,
	const struct ecdsa_key *key, struct ecdsa_io *io, bool bad)
{
	enum rte_crypto_op_status st;
	enum vt_result r;

	if (openssl_sign(key, io->digest, c->digest_len, io->r, io->s,
			c->bytes) != 0)
		return vt_fail(ctx, "OpenSSL cannot sign");
	if (bad)
		io->digest[c->digest_len / 2] ^= 0x10;
	r = run_one(ctx, sess, c, key, io, false, false, &st);
	if (bad)
		io->digest[c->digest_len / 2] ^= 0x10;
	if (r != VT_PASS)
		return r;
	return want_status(ctx, st, bad ? RTE_CRYPTO_OP_STATUS_AUTH_FAILED :
		RTE_CRYPTO_OP_STATUS_SUCCESS, bad ? "verify-bad" : "verify");
}

/*
 * Keys in turn through one session: each signs and verifies, the first
 * again after the others; one more than a session binds is refused.
 */
static enum vt_result
keys_in_turn(struct vt_ctx *ctx, void *sess, const struct ecdsa_curve *c,
	struct ecdsa_io *io)
{
	struct ecdsa_key keys[ECDSA_KEYS_PER_SESSION + 1];
	enum rte_crypto_op_status st = RTE_CRYPTO_OP_STATUS_SUCCESS;
	enum vt_result r = VT_PASS;
	unsigned int i, made = 0;

	for (; made < RTE_DIM(keys); made++)
		if (key_new(&keys[made], c) != 0) {
			key_free(&keys[made]);
			r = vt_fail(ctx, "OpenSSL cannot make a key");
			break;
		}
	/* Each key binds a private and a public device session. */
	for (i = 0; r == VT_PASS && i < ECDSA_KEYS_PER_SESSION / 2; i++) {
		r = sign_checked(ctx, sess, c, &keys[i], io);
		if (r == VT_PASS)
			r = verify_checked(ctx, sess, c, &keys[i], io, false);
	}
	if (r == VT_PASS)
		r = sign_checked(ctx, sess, c, &keys[0], io);
	if (r == VT_PASS)
		r = run_one(ctx, sess, c, &keys[ECDSA_KEYS_PER_SESSION], io,
			true, false, &st);
	if (r == VT_PASS)
		r = want_status(ctx, st, RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
			"a key past the session's bound ones");
	if (r == VT_PASS)
		r = verify_checked(ctx, sess, c, &keys[1], io, true);
	for (i = 0; i < made; i++)
		key_free(&keys[i]);
	return r;
}

static enum vt_result
run_case(struct vt_ctx *ctx, const struct ecdsa_case *c, void *sess)
{
	const struct ecdsa_curve *cv = c->curve;
	enum rte_crypto_op_status st;
	struct ecdsa_key key;
	struct ecdsa_io io;
	struct vt_prng rng;
	enum vt_result r;

	vt_prng_seed(&rng, ctx->case_name);
	memset(&io, 0, sizeof(io));
	vt_prng_fill(&rng, io.digest, cv->digest_len);
	if (c->op == ECDSA_KEYS)
		return keys_in_turn(ctx, sess, cv, &io);
	if (key_new(&key, cv) != 0) {
		key_free(&key);
		return vt_fail(ctx, "OpenSSL cannot make a %s key", cv->name);
	}
	switch (c->op) {
	case ECDSA_SIGN:
		r = sign_checked(ctx, sess, cv, &key, &io);
		break;
	case ECDSA_SIGN_WITH_K:
		r = run_one(ctx, sess, cv, &key, &io, true, true, &st);
		if (r == VT_PASS)
			r = want_status(ctx, st,
				RTE_CRYPTO_OP_STATUS_INVALID_ARGS,
				"sign with k given");
		break;
	default:
		r = verify_checked(ctx, sess, cv, &key, &io,
			c->op == ECDSA_VERIFY_BAD);
		break;
	}
	key_free(&key);
	return r;
}

static enum vt_result
case_ecdsa(struct vt_ctx *ctx, const void *arg)
{
	const struct ecdsa_case *c = arg;
	const struct rte_cryptodev_asymmetric_xform_capability *cap;
	struct rte_cryptodev_asym_capability_idx idx = {
		.type = RTE_CRYPTO_ASYM_XFORM_ECDSA,
	};
	struct rte_crypto_asym_xform xf;
	uint64_t lost = ctx->nb_lost;
	void *sess = NULL;
	enum vt_result r;
	int ret;

	cap = rte_cryptodev_asym_capability_get(ctx->dev_id, &idx);
	if (cap == NULL)
		return vt_skip(ctx, "device claims no ECDSA");
	if (ctx->asym_op_pool == NULL || ctx->asym_sess_pool == NULL)
		return vt_fail(ctx, "no asymmetric op or session pool (see setup)");
	memset(&xf, 0, sizeof(xf));
	xf.xform_type = RTE_CRYPTO_ASYM_XFORM_ECDSA;
	xf.ec.curve_id = c->curve->id;
	ret = rte_cryptodev_asym_session_create(ctx->dev_id, &xf,
			ctx->asym_sess_pool, &sess);
	if (ret == -ENOTSUP)
		return vt_skip(ctx, "session create: ENOTSUP (curve %s)",
			c->curve->name);
	if (ret != 0)
		return vt_fail(ctx, "session create failed: %s",
			rte_strerror(-ret));
	r = run_case(ctx, c, sess);
	/* The device may still use the session of a lost op. */
	if (ctx->nb_lost == lost)
		rte_cryptodev_asym_session_free(ctx->dev_id, sess);
	return r;
}

static void
add(const struct ecdsa_curve *curve, enum ecdsa_op op)
{
	static const char *const op_names[] = {
		[ECDSA_SIGN] = "sign",
		[ECDSA_VERIFY] = "verify",
		[ECDSA_VERIFY_BAD] = "verify-bad",
		[ECDSA_SIGN_WITH_K] = "sign-with-k",
		[ECDSA_KEYS] = "keys-in-turn",
	};
	struct ecdsa_case *c;
	char name[VT_NAME_LEN];

	if (nb_ecdsa_cases == RTE_DIM(ecdsa_cases))
		return;
	c = &ecdsa_cases[nb_ecdsa_cases++];
	*c = (struct ecdsa_case){ curve, op };
	snprintf(name, sizeof(name), "ecdsa/%s/%s", curve->name, op_names[op]);
	vt_register(name, case_ecdsa, c);
}

void
vt_register_ecdsa_cases(void)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(ecdsa_curves); i++) {
		add(&ecdsa_curves[i], ECDSA_SIGN);
		add(&ecdsa_curves[i], ECDSA_VERIFY);
		add(&ecdsa_curves[i], ECDSA_VERIFY_BAD);
	}
	add(&ecdsa_curves[2], ECDSA_SIGN_WITH_K);
	add(&ecdsa_curves[2], ECDSA_KEYS);
}
