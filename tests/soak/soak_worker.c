/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * A worker lcore drives its queue pairs: templates are prepared (built
 * afresh for the sample, else restored), enqueued in bursts, and checked
 * as they come back. Each op carries a tag (template, submission number,
 * queue pair) in its private area, after the IV: an op that comes back
 * twice, on the wrong queue pair or that was never sent shows up as a
 * tag that does not match, one that never comes back as a stall.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_mbuf.h>

#include "soak.h"

#define BURST 32
#define DEQ_BURST 64
#define AUDIT_EVERY (1u << 16)
#define TAG_MAGIC 0x50a4u

struct soak_tag {
	uint32_t idx;
	uint32_t seq;
	uint16_t qp;
	uint16_t magic;
};

struct soak_tmpl {
	struct vt_job job;
	uint32_t seq;		/* submissions so far */
	uint16_t sess;
	uint8_t flags;		/* SOAK_JOB_* */
	bool in_flight;
	bool sampled;		/* this submission is checked byte for byte */
};

static bool
stopping(struct soak *s)
{
	return __atomic_load_n(&s->stop, __ATOMIC_RELAXED);
}

static struct soak_tag *
op_tag(struct rte_crypto_op *op)
{
	return rte_crypto_op_ctod_offset(op, struct soak_tag *, SOAK_TAG_OFFSET);
}

int
soak_qp_init(struct soak *s, struct soak_qp *q, uint16_t qp_id)
{
	unsigned int i;

	q->ctx.qp_id = qp_id;
	q->nb_tmpl = s->o.depth;
	q->tmpl = calloc(q->nb_tmpl, sizeof(*q->tmpl));
	q->idle = calloc(q->nb_tmpl, sizeof(*q->idle));
	if (q->tmpl == NULL || q->idle == NULL)
		return -ENOMEM;
	for (i = 0; i < q->nb_tmpl; i++)
		q->idle[i] = q->nb_tmpl - 1 - i;
	q->nb_idle = q->nb_tmpl;
	vt_prng_seed(&q->rng, "soak-queue-pair");
	q->rng.state ^= s->o.seed * 0x9e3779b97f4a7c15ull + qp_id;
	return 0;
}

/* Templates still in flight belong to the PMD: never freed. */
void
soak_qp_fini(struct soak_qp *q)
{
	unsigned int i;

	for (i = 0; q->tmpl != NULL && i < q->nb_tmpl; i++)
		if (!q->tmpl[i].in_flight)
			vt_jobs_release(&q->tmpl[i].job, 1);
	free(q->tmpl);
	free(q->idle);
	q->tmpl = NULL;
	q->idle = NULL;
}

/* The flat image back into the mbuf chain (a replay's source). */
static void
put_image(struct rte_mbuf *m, const uint8_t *data, uint32_t len)
{
	uint32_t n;

	for (; m != NULL && len > 0; m = m->next) {
		n = RTE_MIN(len, (uint32_t)m->data_len);
		memcpy(rte_pktmbuf_mtod(m, uint8_t *), data, n);
		data += n;
		len -= n;
	}
}

static int
rebuild(struct soak *s, struct soak_qp *q, struct soak_tmpl *t)
{
	unsigned int flags;
	int ret;

	vt_jobs_release(&t->job, 1);
	t->sess = (uint16_t)vt_prng_below(&q->rng, s->nb_sess);
	ret = soak_build(&q->ctx, &t->job, &s->sess[t->sess], &q->rng, &flags);
	t->flags = (uint8_t)flags;
	if (ret == 0)
		return 0;
	vt_jobs_release(&t->job, 1);
	if (ret == -ENOMEM) {
		soak_inc(&q->c.nomem);
		return -EAGAIN;
	}
	soak_error(s, q, "%s: building a job failed (%d)",
		s->sess[t->sess].name, ret);
	return ret;
}

static int
prepare(struct soak *s, struct soak_qp *q, unsigned int i)
{
	struct soak_tmpl *t = &q->tmpl[i];
	struct soak_tag *tag;
	int ret;

	t->sampled = t->job.op == NULL ||
		vt_prng_below(&q->rng, s->o.sample) == 0;
	if (t->sampled) {
		ret = rebuild(s, q, t);
		if (ret != 0)
			return ret;
		if (t->flags & SOAK_JOB_RETRIED)
			soak_inc(&q->c.build_retry);
	} else {
		put_image(t->job.op->sym->m_src, t->job.src_before,
			t->job.buf_len);
	}
	t->seq++;
	t->job.op->status = RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
	t->job.fate = VT_FATE_UNSENT;
	tag = op_tag(t->job.op);
	*tag = (struct soak_tag){ i, t->seq, q->ctx.qp_id, TAG_MAGIC };
	return 0;
}

/* Fill the pending burst from idle templates, within the quota. */
static void
fill(struct soak *s, struct soak_qp *q)
{
	unsigned int i;
	int ret;

	while (q->nb_pending < BURST && q->submitted < q->quota &&
			q->nb_idle > 0 && !stopping(s)) {
		i = q->idle[--q->nb_idle];
		ret = prepare(s, q, i);
		if (ret != 0) {
			q->idle[q->nb_idle++] = i;
			/* A build that failed for good still uses up an op. */
			if (ret != -EAGAIN)
				q->submitted++;
			return;
		}
		q->pending[q->nb_pending++] = i;
		q->submitted++;
	}
}

static uint64_t
in_flight(const struct soak_qp *q)
{
	return q->c.enqueued - q->c.dequeued;
}

/* Enqueue would not take an op on an idle queue pair: it never will. */
static void
refused(struct soak *s, struct soak_qp *q)
{
	unsigned int i = q->pending[0];
	struct soak_tmpl *t = &q->tmpl[i];

	soak_error(s, q, "%s (%s): refused by enqueue on an idle queue pair",
		s->sess[t->sess].name, t->job.what);
	vt_jobs_release(&t->job, 1);
	q->idle[q->nb_idle++] = i;
	memmove(q->pending, q->pending + 1,
		(q->nb_pending - 1) * sizeof(q->pending[0]));
	q->nb_pending--;
}

static void
submit(struct soak *s, struct soak_qp *q)
{
	struct rte_crypto_op *ops[BURST];
	unsigned int i, n = q->nb_pending;
	uint16_t k;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		ops[i] = q->tmpl[q->pending[i]].job.op;
	k = rte_cryptodev_enqueue_burst(s->dev_id, q->ctx.qp_id, ops,
			(uint16_t)n);
	if (k == 0 && in_flight(q) == 0) {
		refused(s, q);
		return;
	}
	for (i = 0; i < k; i++) {
		q->tmpl[q->pending[i]].in_flight = true;
		q->tmpl[q->pending[i]].job.fate = VT_FATE_IN_FLIGHT;
	}
	memmove(q->pending, q->pending + k, (n - k) * sizeof(q->pending[0]));
	q->nb_pending = n - k;
	soak_store(&q->c.enqueued, q->c.enqueued + k);
}

static enum rte_crypto_op_status
status_wanted(const struct vt_job *job)
{
	switch (job->expect) {
	case VT_EXPECT_SUCCESS:
		return RTE_CRYPTO_OP_STATUS_SUCCESS;
	case VT_EXPECT_AUTH_FAILED:
		return RTE_CRYPTO_OP_STATUS_AUTH_FAILED;
	case VT_EXPECT_ERROR:
		break;
	}
	return RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
}

/* A replay: the status, and out of place a source left alone. */
static bool
replay_ok(struct soak_qp *q, struct soak_tmpl *t)
{
	enum rte_crypto_op_status want = status_wanted(&t->job);

	if (t->job.op->status != want) {
		vt_fail(&q->ctx, "came back with status %s, want %s",
			vt_status_name(t->job.op->status), vt_status_name(want));
		return false;
	}
	if (t->job.expect_dst != NULL && !vt_job_src_untouched(&t->job)) {
		vt_fail(&q->ctx, "out-of-place source was written");
		return false;
	}
	return true;
}

static void
count(struct soak *s, struct soak_qp *q, const struct soak_tmpl *t)
{
	soak_inc(&q->c.by_svc[s->sess[t->sess].svc]);
	soak_inc(t->sampled ? &q->c.sampled : &q->c.replayed);
	if (t->job.expect == VT_EXPECT_AUTH_FAILED)
		soak_inc(&q->c.auth_failed);
	if (t->flags & SOAK_JOB_BAD)
		soak_inc(&q->c.bad);
	if (t->flags & SOAK_JOB_MANY)
		soak_inc(&q->c.many_segs);
}

static void
check(struct soak *s, struct soak_qp *q, struct soak_tmpl *t)
{
	bool ok;

	t->job.fate = VT_FATE_RETURNED;
	q->ctx.case_strays = 0;
	ok = t->sampled ? vt_jobs_check(&q->ctx, &t->job, 1) == VT_PASS :
		replay_ok(q, t);
	count(s, q, t);
	if (ok)
		return;
	soak_error(s, q, "%s op (%s, %s): %s", s->sess[t->sess].name,
		t->job.what, t->sampled ? "checked byte for byte" : "replayed",
		q->ctx.reason);
	/* Its buffers are suspect now: the next use builds it afresh. */
	vt_jobs_release(&t->job, 1);
}

static void
complete(struct soak *s, struct soak_qp *q, struct rte_crypto_op *op)
{
	struct soak_tag *tag = op_tag(op);
	struct soak_tmpl *t = NULL;

	if (tag->magic == TAG_MAGIC && tag->qp == q->ctx.qp_id &&
			tag->idx < q->nb_tmpl)
		t = &q->tmpl[tag->idx];
	if (t == NULL || t->job.op != op || !t->in_flight ||
			t->seq != tag->seq) {
		soak_error(s, q, "dequeue returned an op not in flight on this queue pair (duplicate or stray: tag qp %u idx %u seq %u)",
			tag->qp, tag->idx, tag->seq);
		return;
	}
	t->in_flight = false;
	soak_store(&q->c.dequeued, q->c.dequeued + 1);
	check(s, q, t);
	q->idle[q->nb_idle++] = tag->idx;
}

/* Every template is idle, pending or in flight, and the counts agree. */
static void
audit(struct soak *s, struct soak_qp *q)
{
	unsigned int i, flying = 0;

	for (i = 0; i < q->nb_tmpl; i++)
		flying += q->tmpl[i].in_flight;
	if (flying != in_flight(q) ||
			flying + q->nb_idle + q->nb_pending != q->nb_tmpl)
		soak_error(s, q, "audit: %u templates in flight, counters say %" PRIu64 ", %u idle, %u pending, %u in all",
			flying, in_flight(q), q->nb_idle, q->nb_pending,
			q->nb_tmpl);
}

static void
reap(struct soak *s, struct soak_qp *q)
{
	struct rte_crypto_op *ops[DEQ_BURST];
	uint64_t before = q->c.dequeued, now;
	uint16_t k, i;

	k = rte_cryptodev_dequeue_burst(s->dev_id, q->ctx.qp_id, ops,
			DEQ_BURST);
	for (i = 0; i < k; i++)
		complete(s, q, ops[i]);
	now = rte_rdtsc();
	if (k != 0 || in_flight(q) == 0)
		q->last_progress = now;
	else if (now - q->last_progress >
			s->o.stall_ms * rte_get_tsc_hz() / 1000) {
		soak_error(s, q, "%" PRIu64 " ops never came back (nothing dequeued for %u ms)",
			in_flight(q), s->o.stall_ms);
		q->stalled = true;
	}
	if (before / AUDIT_EVERY != q->c.dequeued / AUDIT_EVERY)
		audit(s, q);
}

static void
step(struct soak *s, struct soak_qp *q)
{
	fill(s, q);
	submit(s, q);
	reap(s, q);
	if (stopping(s))
		q->quota = q->submitted;
	if (q->stalled || (q->submitted == q->quota && q->nb_pending == 0 &&
			in_flight(q) == 0)) {
		audit(s, q);
		q->done = true;
	}
}

int
soak_worker(void *arg)
{
	struct soak *s = &soak;
	unsigned int w = (unsigned int)(uintptr_t)arg, i, left;

	for (i = w; i < s->o.qps; i += s->o.workers)
		s->qp[i].last_progress = rte_rdtsc();
	do {
		left = 0;
		for (i = w; i < s->o.qps; i += s->o.workers) {
			if (s->qp[i].done)
				continue;
			step(s, &s->qp[i]);
			left += !s->qp[i].done;
		}
	} while (left != 0);
	return 0;
}
