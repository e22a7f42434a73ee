/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * kat/<cipher>/random: a session per op with a random key, random
 * direction, IV, length, header and trailer, in place or out of place;
 * all in one burst. The seed is the case name, so every run (and every
 * rerun of one case alone) sends the same ops.
 */

#include <stdio.h>

#include <rte_errno.h>

#include "vt_sym.h"

#define RANDOM_OPS 8
#define RANDOM_MAX_BLOCKS 128
#define RANDOM_MAX_EDGE 32	/* header and trailer bytes */
#define RANDOM_MAX_ALGS 32

static int
build(struct vt_ctx *ctx, struct vt_job *job, unsigned int i,
	const void *arg, struct vt_prng *rng)
{
	const struct vt_sess *s = arg;
	const struct vt_job_shape sh = {
		.hdr = vt_prng_below(rng, RANDOM_MAX_EDGE + 1),
		.len = s[i].alg->block *
			(1 + vt_prng_below(rng, RANDOM_MAX_BLOCKS)),
		.trl = vt_prng_below(rng, RANDOM_MAX_EDGE + 1),
		.oop = vt_prng_below(rng, 2) != 0,
	};

	return vt_job_cipher(ctx, job, &s[i], rng, &sh);
}

static enum vt_result
case_random(struct vt_ctx *ctx, const void *arg)
{
	const struct vt_cipher_alg *alg = arg;
	struct vt_sess sess[RANDOM_OPS];
	uint64_t lost = ctx->nb_lost;
	unsigned int n, i;
	struct vt_prng rng;
	enum vt_result r;
	int ret = 0;

	if (!vt_alg_supported(ctx, alg))
		return vt_skip(ctx, "device does not claim %s (key %u, iv %u)",
			alg->name, alg->key_len, alg->iv_len);
	vt_prng_seed(&rng, ctx->case_name);
	for (n = 0; ret == 0 && n < RANDOM_OPS; n++)
		ret = vt_sess_create(ctx, &sess[n], alg,
				vt_prng_below(&rng, 2) != 0, &rng);
	if (ret != 0)
		r = vt_fail(ctx, "session create failed for a claimed algorithm: %s",
			rte_strerror(-ret));
	else
		r = vt_run_batch(ctx, RANDOM_OPS, build, sess, &rng);
	for (i = 0; ctx->nb_lost == lost && i < n; i++)
		vt_sess_free(ctx, &sess[i]);
	return r;
}

void
vt_register_kat_random_cases(void)
{
	char name[VT_NAME_LEN];
	unsigned int a;

	for (a = 0; a < vt_nb_cipher_algs && a < RANDOM_MAX_ALGS; a++) {
		snprintf(name, sizeof(name), "kat/%s/random",
			vt_cipher_algs[a].name);
		vt_register(name, case_random, &vt_cipher_algs[a]);
	}
}
