/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Known-answer tests: every cipher in vt_cipher_algs, both directions, in
 * place, out of place, and with a header and trailer the cipher must not
 * touch. Each case sends all its ops as one burst, so several requests
 * are in flight at once.
 */

#include <stdio.h>
#include <string.h>

#include <rte_errno.h>

#include "vcrypto_test.h"

#define KAT_MAX_ALGS 32
#define KAT_MAX_JOBS 8

enum kat_variant {
	KAT_IN_PLACE,
	KAT_OUT_OF_PLACE,
	KAT_OFFSET,
	KAT_NB_VARIANTS,
};

static const char * const variant_names[KAT_NB_VARIANTS] = {
	[KAT_IN_PLACE] = "in-place",
	[KAT_OUT_OF_PLACE] = "out-of-place",
	[KAT_OFFSET] = "offset",
};

struct kat_arg {
	const struct vt_cipher_alg *alg;
	bool encrypt;
	enum kat_variant variant;
};

static struct kat_arg kat_args[KAT_MAX_ALGS * 2 * KAT_NB_VARIANTS];

/* Whole-buffer lengths; the first is replaced by the cipher's block. */
static const uint32_t kat_lengths[] = { 0, 64, 1024, 2048 };

/* Header/trailer shapes: data.offset > 0 and data.length < buffer. */
static const struct vt_job_shape kat_offset_shapes[] = {
	{ .hdr = 16, .len = 64, .trl = 16, .oop = false },
	{ .hdr = 16, .len = 64, .trl = 16, .oop = true },
	{ .hdr = 32, .len = 1024, .trl = 48, .oop = false },
};

static unsigned int
kat_shapes(const struct kat_arg *ka, struct vt_job_shape *shapes)
{
	unsigned int i;

	if (ka->variant == KAT_OFFSET) {
		memcpy(shapes, kat_offset_shapes, sizeof(kat_offset_shapes));
		return RTE_DIM(kat_offset_shapes);
	}
	for (i = 0; i < RTE_DIM(kat_lengths); i++)
		shapes[i] = (struct vt_job_shape){
			.len = i == 0 ? ka->alg->block : kat_lengths[i],
			.oop = ka->variant == KAT_OUT_OF_PLACE,
		};
	return RTE_DIM(kat_lengths);
}

static enum vt_result
kat_run(struct vt_ctx *ctx, const struct kat_arg *ka, struct vt_sess *s,
	struct vt_prng *rng, struct vt_job *jobs)
{
	struct vt_job_shape shapes[KAT_MAX_JOBS];
	unsigned int i, n;

	n = kat_shapes(ka, shapes);
	for (i = 0; i < n; i++)
		if (vt_job_cipher(ctx, &jobs[i], s, rng, &shapes[i]) != 0)
			return vt_fail(ctx, "cannot build op %u (pools or OpenSSL reference)",
				i);
	vt_run_jobs(ctx, jobs, n);
	return vt_jobs_check(ctx, jobs, n);
}

static enum vt_result
kat_case(struct vt_ctx *ctx, const void *arg)
{
	const struct kat_arg *ka = arg;
	struct vt_job jobs[KAT_MAX_JOBS];
	uint64_t lost = ctx->nb_lost;
	struct vt_prng rng;
	struct vt_sess s;
	enum vt_result r;
	int ret;

	if (!vt_alg_supported(ctx, ka->alg))
		return vt_skip(ctx, "device does not claim %s (key %u, iv %u)",
			ka->alg->name, ka->alg->key_len, ka->alg->iv_len);
	vt_prng_seed(&rng, ctx->case_name);
	ret = vt_sess_create(ctx, &s, ka->alg, ka->encrypt, &rng);
	if (ret != 0)
		return vt_fail(ctx, "session create failed for a claimed algorithm: %s",
			rte_strerror(-ret));
	memset(jobs, 0, sizeof(jobs));
	r = kat_run(ctx, ka, &s, &rng, jobs);
	vt_jobs_release(jobs, RTE_DIM(jobs));
	/* With ops lost inside the PMD, their session must stay alive too. */
	if (ctx->nb_lost == lost)
		vt_sess_free(ctx, &s);
	return r;
}

void
vt_register_kat_cases(void)
{
	char name[VT_NAME_LEN];
	unsigned int a, d, v, n = 0;
	struct kat_arg *ka;

	for (a = 0; a < vt_nb_cipher_algs && a < KAT_MAX_ALGS; a++)
		for (d = 0; d < 2; d++)
			for (v = 0; v < KAT_NB_VARIANTS; v++) {
				ka = &kat_args[n++];
				ka->alg = &vt_cipher_algs[a];
				ka->encrypt = d == 0;
				ka->variant = v;
				snprintf(name, sizeof(name), "kat/%s/%s/%s",
					ka->alg->name,
					ka->encrypt ? "encrypt" : "decrypt",
					variant_names[v]);
				vt_register(name, kat_case, ka);
			}
}
