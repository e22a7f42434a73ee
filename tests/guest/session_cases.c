/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Session lifetime. QEMU's device holds at most 256 live sessions, so a
 * PMD that forgets to destroy the device side of a freed session runs out
 * after a few hundred create/free cycles; and running into the limit must
 * be a clean failure the PMD recovers from once sessions are freed.
 */

#include <stdlib.h>

#include <rte_errno.h>

#include "vcrypto_test.h"

#define CHURN_ROUNDS 1000

static enum vt_result
case_churn(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	const struct vt_cipher_alg *alg = vt_base_alg(ctx);
	struct vt_prng rng;
	struct vt_sess s;
	unsigned int i;
	int ret;

	if (alg == NULL)
		return vt_skip(ctx, "device does not claim aes-128-cbc");
	vt_prng_seed(&rng, ctx->case_name);
	for (i = 0; i < CHURN_ROUNDS; i++) {
		/* Both directions: each is its own session on the device. */
		ret = vt_sess_create(ctx, &s, alg, (i & 1) == 0, &rng);
		if (ret != 0)
			return vt_fail(ctx, "create %u of %u failed: %s (device sessions leaked?)",
				i + 1, CHURN_ROUNDS, rte_strerror(-ret));
		ret = vt_sess_free(ctx, &s);
		if (ret != 0)
			return vt_fail(ctx, "free %u of %u failed: %s", i + 1,
				CHURN_ROUNDS, rte_strerror(-ret));
	}
	return vt_device_still_works(ctx, &rng, "after the churn");
}

/* Create sessions until one fails or *cap is reached; returns the count. */
static unsigned int
fill_sessions(struct vt_ctx *ctx, struct vt_sess *ss, unsigned int cap,
	struct vt_prng *rng, int *err)
{
	unsigned int n;

	*err = 0;
	for (n = 0; n < cap; n++) {
		*err = vt_sess_create(ctx, &ss[n], vt_base_alg(ctx), true, rng);
		if (*err != 0) {
			/* vt_sess_create maps "rte_errno unset" to EIO. */
			if (rte_errno == 0)
				*err = 0;
			break;
		}
	}
	return n;
}

/* Free them all, even past a failure; returns the first error. */
static int
free_sessions(struct vt_ctx *ctx, struct vt_sess *ss, unsigned int n)
{
	unsigned int i;
	int ret, first = 0;

	for (i = 0; i < n; i++) {
		ret = vt_sess_free(ctx, &ss[i]);
		if (ret != 0 && first == 0)
			first = ret;
	}
	return first;
}

/* At the limit: an existing session still works, and the limit is right. */
static enum vt_result
at_limit(struct vt_ctx *ctx, struct vt_sess *ss, unsigned int n, int err,
	struct vt_prng *rng)
{
	unsigned int claim = ctx->info.sym.max_nb_sessions;

	if (err == 0)
		return vt_fail(ctx, "create %u returned NULL without setting rte_errno",
			n + 1);
	vt_note(ctx, "create %u failed: %s (device claims %u)", n + 1,
		rte_strerror(-err), claim);
	if (claim != 0 && n < claim)
		return vt_fail(ctx, "only %u sessions could be created, device claims %u",
			n, claim);
	if (n == 0)
		return vt_fail(ctx, "the very first session create failed");
	return vt_one_op(ctx, &ss[0], rng, "with all sessions in use");
}

static enum vt_result
create_again(struct vt_ctx *ctx, struct vt_sess *ss, unsigned int want,
	struct vt_prng *rng)
{
	unsigned int n;
	int err;

	n = fill_sessions(ctx, ss, want, rng, &err);
	/*
	 * Freed sessions must be usable again; a device whose session table
	 * is a hash (DPDK's vhost-user back-end) may fit a few less with
	 * other session ids, so up to 1/64 fewer is not a leak.
	 */
	if (n < want - want / 64) {
		free_sessions(ctx, ss, n);
		return vt_fail(ctx, "after freeing all, create %u of %u failed: %s",
			n + 1, want, rte_strerror(-err));
	}
	if (n < want)
		vt_note(ctx, "after freeing all, %u of %u sessions fit again: %s",
			n, want, rte_strerror(-err));
	err = free_sessions(ctx, ss, n);
	if (err != 0)
		return vt_fail(ctx, "freeing the recreated sessions failed: %s",
			rte_strerror(-err));
	return VT_PASS;
}

static enum vt_result
case_limit(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	uint64_t lost = ctx->nb_lost;
	struct vt_prng rng;
	struct vt_sess *ss;
	enum vt_result r;
	unsigned int n;
	int err;

	if (vt_base_alg(ctx) == NULL)
		return vt_skip(ctx, "device does not claim aes-128-cbc");
	ss = calloc(ctx->sess_cap, sizeof(*ss));
	if (ss == NULL)
		return vt_fail(ctx, "out of memory");
	vt_prng_seed(&rng, ctx->case_name);
	n = fill_sessions(ctx, ss, ctx->sess_cap, &rng, &err);
	if (n == ctx->sess_cap)
		r = vt_skip(ctx, "no limit hit within %u sessions (device claims %u)",
			n, ctx->info.sym.max_nb_sessions);
	else
		r = at_limit(ctx, ss, n, err, &rng);
	/* Sessions an op was lost on must outlive it: leak them all. */
	if (ctx->nb_lost == lost) {
		err = free_sessions(ctx, ss, n);
		if (err != 0 && r == VT_PASS)
			r = vt_fail(ctx, "freeing %u sessions failed: %s", n,
				rte_strerror(-err));
	}
	if (r == VT_PASS)
		r = create_again(ctx, ss, n, &rng);
	free(ss);
	return r;
}

void
vt_register_session_cases(void)
{
	vt_register("session/churn", case_churn, NULL);
	vt_register("session/limit", case_limit, NULL);
}
