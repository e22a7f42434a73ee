/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * A batch: the jobs of one case, built, sent as one burst (so several
 * requests are in flight at once), checked and freed. The sessions stay
 * the caller's: it frees them only if no op was lost (see kat_case()).
 */

#include <errno.h>
#include <stdlib.h>

#include "vt_sym.h"

enum vt_result
vt_run_batch(struct vt_ctx *ctx, unsigned int n, vt_build_fn build,
	const void *arg, struct vt_prng *rng)
{
	struct vt_job *jobs = calloc(n, sizeof(*jobs));
	enum vt_result r = VT_PASS;
	unsigned int i;
	int ret;

	if (jobs == NULL)
		return vt_fail(ctx, "out of memory");
	for (i = 0; i < n && r == VT_PASS; i++) {
		ret = build(ctx, &jobs[i], i, arg, rng);
		if (ret != 0)
			r = vt_fail(ctx, "cannot build op %u (%s): %s", i,
				jobs[i].what[0] != '\0' ? jobs[i].what : "-",
				ret == -ENOMEM ? "pools exhausted" :
				"OpenSSL reference or digest placement");
	}
	if (r == VT_PASS) {
		vt_run_jobs(ctx, jobs, n);
		r = vt_jobs_check(ctx, jobs, n);
	}
	vt_jobs_release(jobs, n);
	free(jobs);
	return r;
}

/*
 * Damaged digests alternate with good ones, so an op that fails its
 * check must not take its neighbours in the burst with it; the damaged
 * bit moves around the digest.
 */
unsigned int
vt_bad_flip(unsigned int i)
{
	return i % 2 == 0 ? i * 29 + 4 : VT_FLIP_NONE;
}
