/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Serving queues: one pass takes what is available (bounded), runs each
 * request, and writes the completions as one batch with one index update.
 * Device threads run passes when kicked, and every millisecond anyway so
 * held completions come due and a missed kick costs little.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "vcdev_internal.h"

#define IDLE_WAIT_NS 1000000L

uint64_t
vcdev_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* Move held completions that are due (or all) to the batch. */
unsigned int
vcdev_release_held(struct vcdev_queue *q, bool all)
{
	uint64_t now = all ? 0 : vcdev_now_ns();
	unsigned int i, keep = 0, n = 0;

	for (i = 0; i < q->nheld; i++) {
		const struct vcdev_held *h = &q->held[i];

		if (all || (h->deadline_ns != 0 && h->deadline_ns <= now)) {
			q->batch[q->nbatch++] = (struct vcdev_done){
				h->id, h->len, false };
			n++;
		} else {
			q->held[keep++] = *h;
		}
	}
	q->nheld = keep;
	VCDEV_ADD(q->m, released, n);
	return n;
}

/* Reverse the order of the entries marked reorder, in their places. */
static void
reorder_batch(struct vcdev_queue *q)
{
	struct vcdev_done tmp;
	int i = 0, j = (int)q->nbatch - 1;

	for (;;) {
		while (i < j && !q->batch[i].reorder)
			i++;
		while (i < j && !q->batch[j].reorder)
			j--;
		if (i >= j)
			return;
		tmp = q->batch[i];
		q->batch[i] = q->batch[j];
		q->batch[j] = tmp;
		i++;
		j--;
	}
}

/* Write the batch; publish if it has entries or avail entries were taken. */
static unsigned int
flush_batch(struct vcdev_queue *q, bool consumed)
{
	unsigned int i, n = q->nbatch;

	if (n == 0 && !consumed)
		return 0;
	reorder_batch(q);
	for (i = 0; i < n; i++)
		vcdev_ring_push(q, q->batch[i].id, q->batch[i].len);
	vcdev_ring_publish(q);
	q->nbatch = 0;
	VCDEV_ADD(q->m, used, n);
	return n;
}

/* Queue a request's completion as the faults say. */
static void
complete(struct vcdev_queue *q, const struct vcdev_chain *ch, uint32_t len,
	 const struct vcdev_action *act)
{
	uint32_t id = ch->head;

	if (act->bad_len) {
		/* Well past what the chain can take, and no wrap. */
		len = ch->wlen + 4096 > UINT32_MAX ? UINT32_MAX :
			(uint32_t)(ch->wlen + 4096);
		VCDEV_ADD(q->m, bad_lens, 1);
	}
	if (act->bad_id) {
		id = vcdev_fault_bad_id(q, act->bad_id_kind, ch->head);
		VCDEV_ADD(q->m, bad_ids, 1);
	}
	/* A driver re-posting a head could overflow held[]: then don't hold. */
	if (act->delay && q->nheld < q->size) {
		q->held[q->nheld++] = (struct vcdev_held){ id, len,
			act->hold_ms == 0 ? 0 :
			vcdev_now_ns() + act->hold_ms * 1000000ULL };
		VCDEV_ADD(q->m, held, 1);
		return;
	}
	q->batch[q->nbatch++] = (struct vcdev_done){ id, len, act->reorder };
	if (act->reorder)
		VCDEV_ADD(q->m, reordered, 1);
}

/* serve_one() results */
#define TOOK_ONE 0	/* a request was taken, go on */
#define TOOK_LAST 1	/* a request was taken, the pass must end */
#define TOOK_NONE 2	/* nothing was taken, the pass must end */

/* Take and run one request. */
static int
serve_one(struct vcdev_queue *q)
{
	struct vcdev_model *m = q->m;
	struct vcdev_action act;
	struct vcdev_chain ch;
	int64_t len;
	int r;

	vcdev_fault_next(m, q, &act);
	if (act.stall) {
		q->stalled = true;
		VCDEV_ADD(m, stalls, 1);
		return TOOK_NONE;
	}
	if (act.needs_reset) {
		vcdev_device_error(m, false);
		VCDEV_ADD(m, injected_resets, 1);
		return TOOK_NONE;
	}
	r = vcdev_ring_pop(q, &ch);
	if (r != VCDEV_POP_OK) {
		if (r == VCDEV_POP_BAD)
			vcdev_device_error(m, true);
		return TOOK_NONE;
	}
	__atomic_fetch_add(&q->requests, 1, __ATOMIC_RELAXED);
	if (q->is_ctrl) {
		VCDEV_ADD(m, ctrl_requests, 1);
		len = vcdev_ctrl_request(q, &ch, &act);
	} else {
		VCDEV_ADD(m, data_requests, 1);
		len = vcdev_data_request(q, &ch, &act);
	}
	if (len < 0) {
		/* Nowhere to put a status: only a device error can tell. */
		vcdev_device_error(m, true);
		return TOOK_LAST;
	}
	complete(q, &ch, (uint32_t)len, &act);
	/* A strict-mode request error may have stopped the device. */
	return vcdev_running(m) ? TOOK_ONE : TOOK_LAST;
}

unsigned int
vcdev_serve_queue(struct vcdev_queue *q, unsigned int *consumed)
{
	unsigned int n = 0, written = 0;

	pthread_mutex_lock(&q->lock);
	if (!q->enabled || !vcdev_running(q->m))
		goto out;
	if (q->nheld != 0)
		vcdev_release_held(q, false);
	while (n < VCDEV_PASS_BUDGET && !q->stalled &&
	       vcdev_ring_pending(q)) {
		int r = serve_one(q);

		if (r != TOOK_NONE)
			n++;
		if (r != TOOK_ONE)
			break;
	}
	written = flush_batch(q, n != 0);
out:
	pthread_mutex_unlock(&q->lock);
	*consumed = n;
	return written;
}

unsigned int
vcdev_model_release(struct vcdev_model *m, uint16_t qid)
{
	unsigned int n = 0;
	uint16_t i;

	for (i = 0; i < m->nb_queues; i++) {
		struct vcdev_queue *q = &m->queues[i];

		if (qid != VCDEV_ANY_DATAQ && qid != i &&
		    !(qid == VCDEV_CTRLQ && q->is_ctrl))
			continue;
		pthread_mutex_lock(&q->lock);
		/* Held entries of a reset device are gone with the ring. */
		if (q->enabled && q->nheld != 0 && vcdev_running(m)) {
			n += vcdev_release_held(q, true);
			flush_batch(q, false);
		}
		pthread_mutex_unlock(&q->lock);
	}
	return n;
}

/* ---- device threads ---- */

void
vcdev_thread_kick(struct vcdev_thread *t)
{
	pthread_mutex_lock(&t->mtx);
	t->kicks++;
	pthread_cond_signal(&t->cond);
	pthread_mutex_unlock(&t->mtx);
}

void
vcdev_notify(void *cookie)
{
	struct vcdev_queue *q = cookie;

	if (q == NULL)
		return;
	VCDEV_ADD(q->m, notifications, 1);
	if (q->thr != NULL)
		vcdev_thread_kick(q->thr);
}

static void
idle_wait(struct vcdev_thread *t, uint64_t seen)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_nsec += IDLE_WAIT_NS;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&t->mtx);
	if (!t->stop && t->kicks == seen)
		pthread_cond_timedwait(&t->cond, &t->mtx, &ts);
	pthread_mutex_unlock(&t->mtx);
}

static void *
thread_main(void *arg)
{
	struct vcdev_thread *t = arg;
	struct vcdev_model *m = t->m;
	unsigned int work, c;
	uint64_t seen;
	uint32_t qid;
	bool stop;

	for (;;) {
		pthread_mutex_lock(&t->mtx);
		stop = t->stop;
		seen = t->kicks;
		pthread_mutex_unlock(&t->mtx);
		if (stop)
			return NULL;
		work = 0;
		for (qid = t->index; qid < m->nb_queues; qid += m->nb_threads) {
			work += vcdev_serve_queue(&m->queues[qid], &c);
			work += c;
		}
		if (work == 0)
			idle_wait(t, seen);
	}
}

static int
thread_init(struct vcdev_model *m, struct vcdev_thread *t, uint32_t index)
{
	pthread_condattr_t attr;
	char name[16];

	t->m = m;
	t->index = index;
	pthread_mutex_init(&t->mtx, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&t->cond, &attr);
	pthread_condattr_destroy(&attr);
	if (pthread_create(&t->tid, NULL, thread_main, t) != 0)
		return -1;
	t->started = true;
	/* Thread names take 15 characters; index < 1025 fits. */
	snprintf(name, sizeof(name), "vcdev-%u", (uint16_t)index);
	pthread_setname_np(t->tid, name);
	return 0;
}

int
vcdev_threads_start(struct vcdev_model *m)
{
	uint32_t i;
	uint16_t qid;

	m->threads = calloc(m->nb_threads, sizeof(*m->threads));
	if (m->threads == NULL)
		return -ENOMEM;
	/* Queues first: a thread may serve as soon as it runs. */
	for (qid = 0; qid < m->nb_queues; qid++)
		m->queues[qid].thr = &m->threads[qid % m->nb_threads];
	for (i = 0; i < m->nb_threads; i++)
		if (thread_init(m, &m->threads[i], i) != 0)
			return -EAGAIN;
	return 0;
}

void
vcdev_threads_stop(struct vcdev_model *m)
{
	uint32_t i;

	if (m->threads == NULL)
		return;
	for (i = 0; i < m->nb_threads; i++) {
		struct vcdev_thread *t = &m->threads[i];

		if (!t->started)
			continue;
		pthread_mutex_lock(&t->mtx);
		t->stop = true;
		pthread_cond_signal(&t->cond);
		pthread_mutex_unlock(&t->mtx);
		pthread_join(t->tid, NULL);
	}
	for (i = 0; i < m->nb_threads; i++) {
		if (m->threads[i].m == NULL)
			continue;	/* never initialised */
		pthread_cond_destroy(&m->threads[i].cond);
		pthread_mutex_destroy(&m->threads[i].mtx);
	}
	free(m->threads);
	m->threads = NULL;
}
