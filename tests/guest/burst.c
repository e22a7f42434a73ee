/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Moving jobs through the queue pair. Every wait is bounded by "no
 * progress for ctx->timeout_cycles", so a PMD that loses an op makes its
 * case fail instead of hanging the whole run.
 */

#include <errno.h>

#include <rte_cycles.h>
#include <rte_pause.h>

#include "vcrypto_test.h"

#define VT_BURST_MAX 128

/* Dequeue order is usually enqueue order: start looking after the last hit. */
static unsigned int match_hint;

unsigned int
vt_enqueue(struct vt_ctx *ctx, struct vt_job *jobs, unsigned int first,
	unsigned int count)
{
	struct rte_crypto_op *ops[VT_BURST_MAX];
	unsigned int i;
	uint16_t k;

	count = RTE_MIN(count, (unsigned int)VT_BURST_MAX);
	for (i = 0; i < count; i++)
		ops[i] = jobs[first + i].op;
	k = rte_cryptodev_enqueue_burst(ctx->dev_id, ctx->qp_id, ops,
			(uint16_t)count);
	for (i = 0; i < k; i++)
		jobs[first + i].fate = VT_FATE_IN_FLIGHT;
	ctx->nb_offered += count;
	ctx->nb_accepted += k;
	return k;
}

static int
find_job(struct vt_job *jobs, unsigned int n, const struct rte_crypto_op *op)
{
	unsigned int i, j;

	for (i = 0; i < n; i++) {
		j = (match_hint + i) % n;
		if (jobs[j].op == op && jobs[j].fate == VT_FATE_IN_FLIGHT) {
			match_hint = j + 1;
			return (int)j;
		}
	}
	return -1;
}

/* One dequeue call; returns how many of the jobs' ops came back. */
unsigned int
vt_poll(struct vt_ctx *ctx, struct vt_job *jobs, unsigned int n)
{
	struct rte_crypto_op *ops[VT_BURST_MAX];
	unsigned int i, matched = 0;
	uint16_t k;
	int j;

	k = rte_cryptodev_dequeue_burst(ctx->dev_id, ctx->qp_id, ops,
			VT_BURST_MAX);
	ctx->nb_dequeued += k;
	for (i = 0; i < k; i++) {
		j = find_job(jobs, n, ops[i]);
		if (j < 0) {
			/* Not ours (a late op of an earlier case, or garbage). */
			ctx->case_strays++;
			continue;
		}
		jobs[j].fate = VT_FATE_RETURNED;
		matched++;
	}
	return matched;
}

static unsigned int
count_in_flight(const struct vt_job *jobs, unsigned int n)
{
	unsigned int i, c = 0;

	for (i = 0; i < n; i++)
		c += jobs[i].fate == VT_FATE_IN_FLIGHT;
	return c;
}

static void
mark_lost(struct vt_ctx *ctx, struct vt_job *jobs, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (jobs[i].fate == VT_FATE_IN_FLIGHT) {
			jobs[i].fate = VT_FATE_LOST;
			ctx->nb_lost++;
		}
}

/* Dequeue until every in-flight job is back, or give up. */
int
vt_drain(struct vt_ctx *ctx, struct vt_job *jobs, unsigned int n)
{
	unsigned int left = count_in_flight(jobs, n);
	uint64_t last = rte_get_timer_cycles();
	unsigned int got;

	while (left > 0) {
		got = vt_poll(ctx, jobs, n);
		if (got > 0) {
			left -= got;
			last = rte_get_timer_cycles();
		} else if (rte_get_timer_cycles() - last > ctx->timeout_cycles) {
			mark_lost(ctx, jobs, n);
			return -ETIMEDOUT;
		} else {
			rte_pause();
		}
	}
	return 0;
}

/*
 * Enqueue all jobs, dequeuing as we go. A short enqueue normally means
 * "queue full"; an op the PMD still refuses once nothing is in flight is
 * refused for good (DPDK lets a PMD stop a burst at an op it rejects), so
 * it is marked and skipped rather than retried forever.
 */
int
vt_run_jobs(struct vt_ctx *ctx, struct vt_job *jobs, unsigned int n)
{
	uint64_t last = rte_get_timer_cycles();
	unsigned int next = 0, in_flight = 0, k;

	while (next < n || in_flight > 0) {
		if (next < n) {
			k = vt_enqueue(ctx, jobs, next, n - next);
			if (k == 0 && in_flight == 0) {
				jobs[next++].fate = VT_FATE_REFUSED;
				continue;
			}
			next += k;
			in_flight += k;
			if (k > 0)
				last = rte_get_timer_cycles();
		}
		k = vt_poll(ctx, jobs, n);
		in_flight -= k;
		if (k > 0) {
			last = rte_get_timer_cycles();
		} else if (rte_get_timer_cycles() - last > ctx->timeout_cycles) {
			mark_lost(ctx, jobs, n);
			return -ETIMEDOUT;
		} else {
			rte_pause();
		}
	}
	return 0;
}
