/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Probes: one known-good op, run after something bad happened (a refused
 * session, a full queue, the session limit) to show the PMD and the
 * device are still usable and not just "did not crash".
 */

#include <string.h>

#include <rte_errno.h>

#include "vcrypto_test.h"

/* AES-128-CBC is the one cipher every virtio-crypto device advertises. */
const struct vt_cipher_alg *
vt_base_alg(const struct vt_ctx *ctx)
{
	const struct vt_cipher_alg *alg = vt_find_alg("aes-128-cbc");

	return alg != NULL && vt_alg_supported(ctx, alg) ? alg : NULL;
}

enum vt_result
vt_one_op(struct vt_ctx *ctx, const struct vt_sess *s, struct vt_prng *rng,
	const char *when)
{
	const struct vt_job_shape shape = { .hdr = 0, .len = 64, .trl = 0 };
	struct vt_job job;
	enum vt_result r;

	memset(&job, 0, sizeof(job));
	if (vt_job_cipher(ctx, &job, s, rng, &shape) != 0) {
		vt_jobs_release(&job, 1);
		return vt_fail(ctx, "%s: cannot build a probe op", when);
	}
	vt_run_jobs(ctx, &job, 1);
	r = vt_jobs_check(ctx, &job, 1);
	vt_jobs_release(&job, 1);
	if (r == VT_FAIL) {
		char why[VT_REASON_LEN];

		memcpy(why, ctx->reason, sizeof(why));
		return vt_fail(ctx, "%s: probe op failed: %s", when, why);
	}
	return r;
}

enum vt_result
vt_device_still_works(struct vt_ctx *ctx, struct vt_prng *rng,
	const char *when)
{
	const struct vt_cipher_alg *alg = vt_base_alg(ctx);
	uint64_t lost = ctx->nb_lost;
	struct vt_sess s;
	enum vt_result r;
	int ret;

	if (alg == NULL)
		return VT_PASS;	/* nothing to probe with */
	ret = vt_sess_create(ctx, &s, alg, true, rng);
	if (ret != 0)
		return vt_fail(ctx, "%s: a good session create failed: %s",
			when, rte_strerror(-ret));
	r = vt_one_op(ctx, &s, rng, when);
	if (ctx->nb_lost == lost)
		vt_sess_free(ctx, &s);
	return r;
}
