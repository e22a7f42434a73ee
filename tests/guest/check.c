/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Checking jobs once their ops are back: status first, then every byte
 * the device may or may not write (src, dst, a digest of its own), so a
 * stray write is caught as surely as a wrong result.
 */

#include <string.h>

#include <rte_mbuf.h>

#include "vcrypto_test.h"

/* For an op the PMD did not accept: its source must be as it was built. */
bool
vt_job_src_untouched(const struct vt_job *job)
{
	uint8_t got;

	return vt_mbuf_diff(job->op->sym->m_src, job->src_before,
			job->buf_len, &got) == job->buf_len;
}

static bool
buf_matches(struct vt_ctx *ctx, unsigned int i, const struct vt_job *job,
	const struct rte_mbuf *m, const uint8_t *want, const char *which)
{
	uint8_t got = 0;
	int64_t k;

	k = vt_mbuf_diff(m, want, job->buf_len, &got);
	if (k == job->buf_len)
		return true;
	if (k < 0)
		vt_fail(ctx, "op %u (%s): %s mbuf shrank to %u bytes", i,
			job->what, which, m->pkt_len);
	else
		vt_fail(ctx, "op %u (%s): %s differs first at offset %u: got 0x%02x, want 0x%02x",
			i, job->what, which, (unsigned int)k, got, want[k]);
	return false;
}

static bool
digest_matches(struct vt_ctx *ctx, unsigned int i, const struct vt_job *job)
{
	unsigned int k;

	if (job->expect_digest == NULL)
		return true;
	for (k = 0; k < job->digest_len; k++)
		if (job->digest[k] != job->expect_digest[k])
			break;
	if (k == job->digest_len)
		return true;
	vt_fail(ctx, "op %u (%s): separate digest differs first at byte %u: got 0x%02x, want 0x%02x",
		i, job->what, k, job->digest[k], job->expect_digest[k]);
	return false;
}

static bool
status_is(struct vt_ctx *ctx, unsigned int i, const struct vt_job *job,
	enum rte_crypto_op_status want)
{
	if (job->op->status == want)
		return true;
	vt_fail(ctx, "op %u (%s) came back with status %s, want %s", i,
		job->what, vt_status_name(job->op->status),
		vt_status_name(want));
	return false;
}

static bool
check_error(struct vt_ctx *ctx, unsigned int i, const struct vt_job *job)
{
	enum rte_crypto_op_status st = job->op->status;

	if (st == RTE_CRYPTO_OP_STATUS_SUCCESS) {
		vt_fail(ctx, "bad op %u (%s) came back with status SUCCESS",
			i, job->what);
		return false;
	}
	if (job->want_invalid_args && ctx->strict &&
			st != RTE_CRYPTO_OP_STATUS_INVALID_ARGS) {
		vt_fail(ctx, "bad op %u (%s) came back with status %s, want INVALID_ARGS",
			i, job->what, vt_status_name(st));
		return false;
	}
	if (ctx->verbose)
		vt_note(ctx, "bad op %u (%s) came back with status %s", i,
			job->what, vt_status_name(st));
	return true;
}

/* Out of place, the device reads src and must never write it. */
static bool
src_kept(struct vt_ctx *ctx, unsigned int i, const struct vt_job *job)
{
	return job->expect_dst == NULL ||
		buf_matches(ctx, i, job, job->op->sym->m_src, job->expect_src,
			"src (must be untouched)");
}

static bool
check_returned(struct vt_ctx *ctx, unsigned int i, const struct vt_job *job)
{
	const struct rte_crypto_op *op = job->op;

	switch (job->expect) {
	case VT_EXPECT_ERROR:
		return check_error(ctx, i, job);
	case VT_EXPECT_AUTH_FAILED:
		/* No plaintext is promised for a message that failed. */
		return status_is(ctx, i, job, RTE_CRYPTO_OP_STATUS_AUTH_FAILED) &&
			src_kept(ctx, i, job);
	case VT_EXPECT_SUCCESS:
		break;
	}
	if (!status_is(ctx, i, job, RTE_CRYPTO_OP_STATUS_SUCCESS))
		return false;
	if (job->expect_dst == NULL)
		return buf_matches(ctx, i, job, op->sym->m_src,
				job->expect_src, "data") &&
			digest_matches(ctx, i, job);
	return src_kept(ctx, i, job) &&
		buf_matches(ctx, i, job, op->sym->m_dst, job->expect_dst, "dst") &&
		digest_matches(ctx, i, job);
}

static bool
check_refused(struct vt_ctx *ctx, unsigned int i, const struct vt_job *job)
{
	if (job->expect != VT_EXPECT_ERROR) {
		vt_fail(ctx, "good op %u (%s) refused by enqueue on an idle queue",
			i, job->what);
		return false;
	}
	if (ctx->strict) {
		vt_fail(ctx, "bad op %u (%s) refused by enqueue; expected it back from dequeue with an error status",
			i, job->what);
		return false;
	}
	vt_note(ctx, "bad op %u (%s) refused by enqueue (tolerated: not --strict)",
		i, job->what);
	return true;
}

static bool
check_job(struct vt_ctx *ctx, unsigned int i, const struct vt_job *job)
{
	switch (job->fate) {
	case VT_FATE_RETURNED:
		return check_returned(ctx, i, job);
	case VT_FATE_REFUSED:
		return check_refused(ctx, i, job);
	case VT_FATE_LOST:
		vt_fail(ctx, "op %u (%s) never came back from dequeue", i,
			job->what);
		return false;
	case VT_FATE_IN_FLIGHT:
	case VT_FATE_UNSENT:
		break;
	}
	vt_fail(ctx, "op %u (%s) was never enqueued", i, job->what);
	return false;
}

enum vt_result
vt_jobs_check(struct vt_ctx *ctx, struct vt_job *jobs, unsigned int n)
{
	unsigned int i;

	/* Lost ops explain everything after them: report them first. */
	for (i = 0; i < n; i++)
		if (jobs[i].fate == VT_FATE_LOST)
			return check_job(ctx, i, &jobs[i]) ? VT_PASS : VT_FAIL;
	if (ctx->case_strays != 0)
		return vt_fail(ctx, "dequeue returned %u ops this case never enqueued",
			ctx->case_strays);
	for (i = 0; i < n; i++)
		if (!check_job(ctx, i, &jobs[i]))
			return VT_FAIL;
	return VT_PASS;
}
