/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * NULL auth chained with a cipher, as ipsec-secgw builds ESP without
 * integrity: cipher then NULL generate to encrypt, NULL verify then cipher
 * to decrypt, with the auth range set over the ESP-like header and data.
 * Whatever the device, the result is the cipher's alone (checked against
 * the reference), in place and out of place. NULL auth is offered exactly
 * when a cipher is, and never alone: the op would not reach the device.
 */

#include <errno.h>
#include <string.h>

#include <rte_errno.h>

#include "vt_sym.h"

#define NULL_AUTH_HDR 8		/* an ESP header's worth, authenticated */
#define NULL_AUTH_OPS 8

static bool
null_auth_claimed(const struct vt_ctx *ctx)
{
	struct rte_cryptodev_sym_capability_idx idx = {
		.type = RTE_CRYPTO_SYM_XFORM_AUTH,
		.algo.auth = RTE_CRYPTO_AUTH_NULL,
	};

	return rte_cryptodev_sym_capability_get(ctx->dev_id, &idx) != NULL;
}

/* A cipher session in the shape of the chain ipsec-secgw creates. */
static int
null_chain_create(struct vt_ctx *ctx, struct vt_sess *s,
	const struct vt_cipher_alg *alg, bool encrypt, struct vt_prng *rng)
{
	struct rte_crypto_sym_xform cipher, auth = {
		.type = RTE_CRYPTO_SYM_XFORM_AUTH,
		.auth = {
			.algo = RTE_CRYPTO_AUTH_NULL,
			.op = encrypt ? RTE_CRYPTO_AUTH_OP_GENERATE :
				RTE_CRYPTO_AUTH_OP_VERIFY,
		},
	};

	memset(s, 0, sizeof(*s));
	s->alg = alg;
	s->encrypt = encrypt;
	vt_prng_fill(rng, s->key, alg->key_len);
	vt_cipher_xform(&cipher, alg, encrypt, s->key);
	if (encrypt) {
		cipher.next = &auth;
		return vt_sym_sess_create(ctx, &cipher, &s->sess);
	}
	auth.next = &cipher;
	return vt_sym_sess_create(ctx, &auth, &s->sess);
}

struct null_batch {
	const struct vt_sess *sess;
};

static int
build(struct vt_ctx *ctx, struct vt_job *job, unsigned int i,
	const void *arg, struct vt_prng *rng)
{
	const struct null_batch *b = arg;
	const struct vt_sess *s = b->sess;
	uint32_t blocks = 1 + vt_prng_below(rng, 64);
	struct vt_job_shape shape = {
		.hdr = NULL_AUTH_HDR + s->alg->iv_len,
		.len = blocks * s->alg->block,
		.oop = (i & 1) != 0,
	};
	int ret;

	ret = vt_job_cipher(ctx, job, s, rng, &shape);
	if (ret != 0)
		return ret;
	/* ESP's integrity range: header, IV and ciphertext. */
	job->op->sym->auth.data.offset = 0;
	job->op->sym->auth.data.length = shape.hdr + shape.len;
	return 0;
}

static enum vt_result
case_chain(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	const struct vt_cipher_alg *alg = vt_base_alg(ctx);
	struct vt_prng rng;
	struct vt_sess s;
	enum vt_result r = VT_PASS;
	int dir, ret;

	if (alg == NULL)
		return vt_skip(ctx, "device does not claim aes-128-cbc");
	if (!null_auth_claimed(ctx))
		return vt_fail(ctx, "NULL auth not claimed beside %s", alg->name);
	vt_prng_seed(&rng, ctx->case_name);
	for (dir = 0; dir < 2 && r == VT_PASS; dir++) {
		struct null_batch b = { .sess = &s };

		ret = null_chain_create(ctx, &s, alg, dir == 0, &rng);
		if (ret != 0)
			return vt_fail(ctx, "%s + NULL auth (%s): session create failed: %s",
				alg->name, dir == 0 ? "encrypt" : "decrypt",
				rte_strerror(-ret));
		r = vt_run_batch(ctx, NULL_AUTH_OPS, build, &b, &rng);
		vt_sess_free(ctx, &s);
	}
	return r;
}

static enum vt_result
case_alone(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	struct rte_crypto_sym_xform auth = {
		.type = RTE_CRYPTO_SYM_XFORM_AUTH,
		.auth = {
			.algo = RTE_CRYPTO_AUTH_NULL,
			.op = RTE_CRYPTO_AUTH_OP_GENERATE,
		},
	};
	void *sess = NULL;
	int ret;

	/* Other PMDs (--driver) may well run NULL auth alone. */
	if (strcmp(ctx->info.driver_name, "crypto_virtio") != 0)
		return vt_skip(ctx, "a crypto_virtio policy, not %s's",
			ctx->info.driver_name);
	if (vt_base_alg(ctx) != NULL && !null_auth_claimed(ctx))
		return vt_fail(ctx, "NULL auth not claimed beside aes-128-cbc");
	ret = vt_sym_sess_create(ctx, &auth, &sess);
	if (ret == 0) {
		vt_sym_sess_free(ctx, &sess);
		return vt_fail(ctx, "a NULL auth session alone was created");
	}
	if (ret != -ENOTSUP)
		return vt_fail(ctx, "NULL auth alone: %s, want ENOTSUP",
			rte_strerror(-ret));
	return VT_PASS;
}

void
vt_register_null_auth_cases(void)
{
	vt_register("null-auth/chained-with-cipher", case_chain, NULL);
	vt_register("null-auth/alone-refused", case_alone, NULL);
}
