/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Sessions of every service: the xforms an application would give, with
 * pseudo-random keys kept next to the session for the references.
 */

#include <errno.h>
#include <string.h>

#include <rte_errno.h>

#include "vt_sym.h"

int
vt_sym_sess_create(struct vt_ctx *ctx, struct rte_crypto_sym_xform *xf,
	void **sess)
{
	/* rte_errno is only meaningful on failure: clear stale values. */
	rte_errno = 0;
	*sess = rte_cryptodev_sym_session_create(ctx->dev_id, xf,
			ctx->sess_pool);
	if (*sess == NULL)
		return rte_errno != 0 ? -rte_errno : -EIO;
	return 0;
}

void
vt_sym_sess_free(struct vt_ctx *ctx, void **sess)
{
	if (*sess != NULL)
		rte_cryptodev_sym_session_free(ctx->dev_id, *sess);
	*sess = NULL;
}

void
vt_cipher_xform(struct rte_crypto_sym_xform *xf,
	const struct vt_cipher_alg *alg, bool encrypt, const uint8_t *key)
{
	memset(xf, 0, sizeof(*xf));
	xf->type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	xf->cipher.op = encrypt ? RTE_CRYPTO_CIPHER_OP_ENCRYPT :
		RTE_CRYPTO_CIPHER_OP_DECRYPT;
	xf->cipher.algo = alg->algo;
	xf->cipher.key.data = key;
	xf->cipher.key.length = alg->key_len;
	xf->cipher.iv.offset = VT_IV_OFFSET;
	xf->cipher.iv.length = alg->iv_len;
	/* 0: the whole op is one XTS data unit, as OpenSSL computes it. */
	xf->cipher.dataunit_len = 0;
}

int
vt_sess_create(struct vt_ctx *ctx, struct vt_sess *s,
	const struct vt_cipher_alg *alg, bool encrypt, struct vt_prng *rng)
{
	struct rte_crypto_sym_xform xf;

	memset(s, 0, sizeof(*s));
	s->alg = alg;
	s->encrypt = encrypt;
	vt_prng_fill(rng, s->key, alg->key_len);
	vt_cipher_xform(&xf, alg, encrypt, s->key);
	return vt_sym_sess_create(ctx, &xf, &s->sess);
}

int
vt_sess_free(struct vt_ctx *ctx, struct vt_sess *s)
{
	int ret = 0;

	if (s->sess != NULL)
		ret = rte_cryptodev_sym_session_free(ctx->dev_id, s->sess);
	s->sess = NULL;
	return ret;
}

/* An unkeyed hash gets no key at all: NULL and 0, as applications pass. */
void
vt_auth_xform(struct rte_crypto_sym_xform *xf, const struct vt_auth_alg *alg,
	bool generate, const uint8_t *key, uint16_t key_len)
{
	memset(xf, 0, sizeof(*xf));
	xf->type = RTE_CRYPTO_SYM_XFORM_AUTH;
	xf->auth.op = generate ? RTE_CRYPTO_AUTH_OP_GENERATE :
		RTE_CRYPTO_AUTH_OP_VERIFY;
	xf->auth.algo = alg->algo;
	xf->auth.key.data = key_len != 0 ? key : NULL;
	xf->auth.key.length = key_len;
	xf->auth.digest_length = alg->digest_len;
	if (alg->iv_len != 0) {
		xf->auth.iv.offset = VT_IV_OFFSET;
		xf->auth.iv.length = alg->iv_len;
	}
}

int
vt_auth_sess_create(struct vt_ctx *ctx, struct vt_auth_sess *s,
	const struct vt_auth_alg *alg, bool generate, uint16_t key_len,
	struct vt_prng *rng)
{
	struct rte_crypto_sym_xform xf;

	memset(s, 0, sizeof(*s));
	if (key_len > sizeof(s->key))
		return -EINVAL;
	s->alg = alg;
	s->generate = generate;
	s->key_len = key_len;
	vt_prng_fill(rng, s->key, key_len);
	vt_auth_xform(&xf, alg, generate, s->key, key_len);
	return vt_sym_sess_create(ctx, &xf, &s->sess);
}

/*
 * A chain in one of the four modes: the xform order says which step runs
 * first, the cipher direction whether the digest is generated (encrypt)
 * or verified (decrypt).
 */
int
vt_chain_sess_create(struct vt_ctx *ctx, struct vt_chain_sess *s,
	const struct vt_cipher_alg *cipher, const struct vt_auth_alg *auth,
	enum vt_chain_mode mode, struct vt_prng *rng)
{
	struct rte_crypto_sym_xform cx, ax;

	memset(s, 0, sizeof(*s));
	s->cipher = cipher;
	s->auth = auth;
	s->mode = mode;
	s->encrypt = vt_chain_mode_encrypts(mode);
	vt_prng_fill(rng, s->ckey, cipher->key_len);
	vt_prng_fill(rng, s->akey, auth->key_len);
	vt_cipher_xform(&cx, cipher, s->encrypt, s->ckey);
	vt_auth_xform(&ax, auth, s->encrypt, s->akey, auth->key_len);
	if (vt_chain_mode_cipher_first(mode)) {
		cx.next = &ax;
		return vt_sym_sess_create(ctx, &cx, &s->sess);
	}
	ax.next = &cx;
	return vt_sym_sess_create(ctx, &ax, &s->sess);
}

void
vt_aead_xform(struct rte_crypto_sym_xform *xf, const struct vt_aead_alg *alg,
	bool encrypt, const uint8_t *key)
{
	memset(xf, 0, sizeof(*xf));
	xf->type = RTE_CRYPTO_SYM_XFORM_AEAD;
	xf->aead.op = encrypt ? RTE_CRYPTO_AEAD_OP_ENCRYPT :
		RTE_CRYPTO_AEAD_OP_DECRYPT;
	xf->aead.algo = alg->algo;
	xf->aead.key.data = key;
	xf->aead.key.length = alg->key_len;
	/* CCM: iv.length is the nonce's, which starts one byte in. */
	xf->aead.iv.offset = VT_IV_OFFSET;
	xf->aead.iv.length = alg->iv_len;
	xf->aead.digest_length = alg->tag_len;
	xf->aead.aad_length = alg->aad_len;
}

int
vt_aead_sess_create(struct vt_ctx *ctx, struct vt_aead_sess *s,
	const struct vt_aead_alg *alg, bool encrypt, struct vt_prng *rng)
{
	struct rte_crypto_sym_xform xf;

	memset(s, 0, sizeof(*s));
	s->alg = alg;
	s->encrypt = encrypt;
	vt_prng_fill(rng, s->key, alg->key_len);
	vt_aead_xform(&xf, alg, encrypt, s->key);
	return vt_sym_sess_create(ctx, &xf, &s->sess);
}
