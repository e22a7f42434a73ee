/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Hash and MAC known-answer tests: hash/<alg>/... for plain hashes,
 * mac/<alg>/... for HMAC, CMAC, XCBC and GMAC. generate compares the
 * digest with OpenSSL's; verify hands the device OpenSSL's digest;
 * verify-bad damages every other one (AUTH_FAILED, the others must still
 * pass); random uses a session per op with random keys, lengths, IVs and
 * directions.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>

#include "vt_sym.h"

#define AUTH_RANDOM_OPS 8
#define AUTH_RANDOM_MAX_LEN 2048
#define AUTH_RANDOM_MAX_OFF 32
#define AUTH_MAX_ALGS 40

static const char *const dir_names[VT_NB_DIRS] = {
	[VT_DIR_FORWARD] = "generate",
	[VT_DIR_REVERSE] = "verify",
	[VT_DIR_REVERSE_BAD] = "verify-bad",
	[VT_DIR_RANDOM] = "random",
};

/*
 * Empty and one-byte messages, the lengths around the padding boundaries
 * of 64- and 128-byte blocks (55, 111), whole blocks, and long messages;
 * some after a header, some with the digest in a buffer of its own.
 */
static const struct vt_auth_shape auth_shapes[] = {
	{ .off = 0, .len = 0, .sep_digest = true },
	{ .off = 0, .len = 1, .sep_digest = false },
	{ .off = 0, .len = 55, .sep_digest = true },
	{ .off = 0, .len = 64, .sep_digest = false },
	{ .off = 13, .len = 111, .sep_digest = false },
	{ .off = 0, .len = 1000, .sep_digest = true },
	{ .off = 32, .len = 2048, .sep_digest = false },
};

static struct vt_auth_case auth_cases[AUTH_MAX_ALGS * VT_NB_DIRS];

struct auth_batch {
	const struct vt_auth_case *ac;
	struct vt_auth_sess *sess;	/* one per op when random */
};

static int
build_fixed(struct vt_ctx *ctx, struct vt_job *job, unsigned int i,
	const void *arg, struct vt_prng *rng)
{
	const struct auth_batch *b = arg;
	struct vt_auth_shape sh = b->ac->shapes[i];

	if (b->ac->dir == VT_DIR_REVERSE_BAD)
		sh.flip = vt_bad_flip(i);
	return vt_job_auth(ctx, job, &b->sess[0], rng, &sh);
}

/* Op i uses session i: even ones generate, odd ones verify. */
static int
build_random(struct vt_ctx *ctx, struct vt_job *job, unsigned int i,
	const void *arg, struct vt_prng *rng)
{
	const struct auth_batch *b = arg;
	struct vt_auth_shape sh = {
		.off = vt_prng_below(rng, AUTH_RANDOM_MAX_OFF + 1),
		.len = vt_prng_below(rng, AUTH_RANDOM_MAX_LEN + 1),
		.sep_digest = vt_prng_below(rng, 2) != 0,
		.flip = VT_FLIP_NONE,
	};

	/* Every fourth op verifies a damaged digest. */
	if (i % 4 == 3)
		sh.flip = 1 + vt_prng_below(rng, 8 * VT_MAX_DIGEST);
	return vt_job_auth(ctx, job, &b->sess[i], rng, &sh);
}

/* HMAC keys of any length the device claims, up to twice the block. */
static uint16_t
random_key_len(const struct vt_ctx *ctx, const struct vt_auth_alg *alg,
	struct vt_prng *rng)
{
	uint16_t len;

	if (alg->ref != VT_AUTH_HMAC)
		return alg->key_len;
	len = (uint16_t)(1 + vt_prng_below(rng, 2u * alg->block));
	return vt_auth_claimed(ctx, alg, len) ? len : alg->key_len;
}

static int
sessions_create(struct vt_ctx *ctx, const struct vt_auth_case *ac,
	struct vt_auth_sess *sess, unsigned int *n, struct vt_prng *rng)
{
	bool random = ac->dir == VT_DIR_RANDOM;
	unsigned int want = random ? AUTH_RANDOM_OPS : 1;
	uint16_t key_len;
	bool generate;
	int ret;

	for (*n = 0; *n < want; (*n)++) {
		generate = random ? *n % 2 == 0 : ac->dir == VT_DIR_FORWARD;
		key_len = random ? random_key_len(ctx, ac->alg, rng) :
			ac->alg->key_len;
		ret = vt_auth_sess_create(ctx, &sess[*n], ac->alg, generate,
				key_len, rng);
		if (ret != 0)
			return ret;
	}
	return 0;
}

enum vt_result
vt_auth_case(struct vt_ctx *ctx, const void *arg)
{
	const struct vt_auth_case *ac = arg;
	struct vt_auth_sess sess[AUTH_RANDOM_OPS];
	struct auth_batch b = { .ac = ac, .sess = sess };
	uint64_t lost = ctx->nb_lost;
	unsigned int nb_sess = 0, i;
	struct vt_prng rng;
	enum vt_result r;
	int ret;

	if (!vt_auth_claimed(ctx, ac->alg, ac->alg->key_len))
		return vt_skip(ctx, "device does not claim %s (key %u, digest %u, iv %u)",
			ac->alg->name, ac->alg->key_len, ac->alg->digest_len,
			ac->alg->iv_len);
	vt_prng_seed(&rng, ctx->case_name);
	ret = sessions_create(ctx, ac, sess, &nb_sess, &rng);
	/*
	 * A hash or MAC the device performs only chained is claimed (chains
	 * need it) and refused alone with ENOTSUP before the device is asked;
	 * any other refusal of a claimed algorithm is a failure.
	 */
	if (ret == -ENOTSUP && nb_sess == 0)
		r = vt_skip(ctx, "PMD takes %s only chained with a cipher",
			ac->alg->name);
	else if (ret != 0)
		r = vt_fail(ctx, "session create failed for a claimed algorithm: %s",
			rte_strerror(-ret));
	else if (ac->dir == VT_DIR_RANDOM)
		r = vt_run_batch(ctx, AUTH_RANDOM_OPS, build_random, &b, &rng);
	else
		r = vt_run_batch(ctx, ac->nb_shapes, build_fixed, &b, &rng);
	/* With ops lost inside the PMD, their sessions must stay alive too. */
	for (i = 0; ctx->nb_lost == lost && i < nb_sess; i++)
		vt_sym_sess_free(ctx, &sess[i].sess);
	return r;
}

void
vt_register_auth_cases(void)
{
	char name[VT_NAME_LEN];
	const struct vt_auth_alg *alg;
	struct vt_auth_case *ac;
	unsigned int a, d, n = 0;

	for (a = 0; a < vt_nb_auth_algs && a < AUTH_MAX_ALGS; a++) {
		alg = &vt_auth_algs[a];
		for (d = 0; d < VT_NB_DIRS; d++) {
			ac = &auth_cases[n++];
			*ac = (struct vt_auth_case){ alg, d, auth_shapes,
				RTE_DIM(auth_shapes) };
			snprintf(name, sizeof(name), "%s/%s/%s",
				alg->ref == VT_AUTH_DIGEST ? "hash" : "mac",
				alg->name, dir_names[d]);
			vt_register(name, vt_auth_case, ac);
		}
	}
}
