/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Stats, checked last: the device's counters (reset when the run began)
 * against what the enqueue and dequeue calls of every earlier case
 * actually returned.
 */

#include <errno.h>
#include <inttypes.h>

#include "vcrypto_test.h"

static enum vt_result
case_stats(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	struct rte_cryptodev_stats st;
	int ret;

	ret = rte_cryptodev_stats_get(ctx->dev_id, &st);
	if (ret == -ENOTSUP)
		return vt_skip(ctx, "PMD has no stats");
	if (ret != 0)
		return vt_fail(ctx, "stats_get failed: %d", ret);
	vt_note(ctx, "device: enqueued %" PRIu64 ", dequeued %" PRIu64
		", enqueue errors %" PRIu64 ", dequeue errors %" PRIu64,
		st.enqueued_count, st.dequeued_count, st.enqueue_err_count,
		st.dequeue_err_count);
	vt_note(ctx, "test:   offered %" PRIu64 ", accepted %" PRIu64
		", dequeued %" PRIu64 ", lost %" PRIu64,
		ctx->nb_offered, ctx->nb_accepted, ctx->nb_dequeued,
		ctx->nb_lost);
	if (st.enqueued_count != ctx->nb_accepted)
		return vt_fail(ctx, "device counted %" PRIu64 " enqueued, enqueue calls accepted %" PRIu64,
			st.enqueued_count, ctx->nb_accepted);
	if (st.dequeued_count != ctx->nb_dequeued)
		return vt_fail(ctx, "device counted %" PRIu64 " dequeued, dequeue calls returned %" PRIu64,
			st.dequeued_count, ctx->nb_dequeued);
	/* Only now: the two above say which side is wrong, this one cannot. */
	if (st.enqueued_count != st.dequeued_count)
		return vt_fail(ctx, "enqueued %" PRIu64 " != dequeued %" PRIu64 " (%" PRIu64 " ops lost)",
			st.enqueued_count, st.dequeued_count, ctx->nb_lost);
	/* Error counts: PMDs differ in what they count, but not beyond this. */
	if (st.enqueue_err_count > ctx->nb_offered ||
			st.dequeue_err_count > st.dequeued_count)
		return vt_fail(ctx, "implausible error counts");
	return VT_PASS;
}

void
vt_register_stats_case(void)
{
	vt_register("stats", case_stats, NULL);
}
