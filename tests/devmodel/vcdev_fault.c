/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Fault injection: armed faults, counted per request, turned into an
 * action the serving code carries out (see struct vcdev_fault).
 */

#include <errno.h>
#include <string.h>

#include "vcdev_internal.h"

/* Bitmap words for the largest ring. */
#define INFLIGHT_WORDS (32768 / 64)

void
vcdev_faults_init(struct vcdev_faults *f)
{
	memset(f->slot, 0, sizeof(f->slot));
	pthread_mutex_init(&f->lock, NULL);
}

void
vcdev_faults_fini(struct vcdev_faults *f)
{
	pthread_mutex_destroy(&f->lock);
}

static bool
fault_valid(const struct vcdev_model *m, const struct vcdev_fault *f)
{
	if (f->qid >= m->nb_queues && f->qid != VCDEV_ANY_DATAQ &&
	    f->qid != VCDEV_CTRLQ)
		return false;
	switch (f->type) {
	case VCDEV_FAULT_BAD_ID:
		return f->bad_id == VCDEV_BAD_ID_RANGE ||
			f->bad_id == VCDEV_BAD_ID_IDLE;
	case VCDEV_FAULT_STATUS:	/* any byte: drivers must cope */
	case VCDEV_FAULT_DELAY:
	case VCDEV_FAULT_REORDER:
	case VCDEV_FAULT_BAD_LEN:
	case VCDEV_FAULT_STALL:
	case VCDEV_FAULT_NEEDS_RESET:
		return true;
	default:
		return false;
	}
}

int
vcdev_model_inject(struct vcdev_model *m, const struct vcdev_fault *f)
{
	struct vcdev_faults *fs = &m->faults;
	unsigned int i;
	int ret = -ENOSPC;

	if (f == NULL || !fault_valid(m, f))
		return -EINVAL;
	pthread_mutex_lock(&fs->lock);
	for (i = 0; i < VCDEV_MAX_FAULTS; i++) {
		if (fs->slot[i].armed)
			continue;
		fs->slot[i].f = *f;
		if (fs->slot[i].f.count == 0)
			fs->slot[i].f.count = 1;
		fs->slot[i].armed = true;
		ret = 0;
		break;
	}
	pthread_mutex_unlock(&fs->lock);
	return ret;
}

void
vcdev_model_clear_faults(struct vcdev_model *m)
{
	pthread_mutex_lock(&m->faults.lock);
	memset(m->faults.slot, 0, sizeof(m->faults.slot));
	pthread_mutex_unlock(&m->faults.lock);
}

static bool
matches(const struct vcdev_fault *f, const struct vcdev_queue *q)
{
	if (f->qid == VCDEV_ANY_DATAQ)
		return !q->is_ctrl;
	if (f->qid == VCDEV_CTRLQ)
		return q->is_ctrl;
	return f->qid == q->qid;
}

static void
apply(const struct vcdev_fault *f, struct vcdev_action *act)
{
	switch (f->type) {
	case VCDEV_FAULT_STATUS:
		act->force_status = true;
		act->status = f->status;
		break;
	case VCDEV_FAULT_DELAY:
		act->delay = true;
		act->hold_ms = f->hold_ms;
		break;
	case VCDEV_FAULT_REORDER:
		act->reorder = true;
		break;
	case VCDEV_FAULT_BAD_ID:
		act->bad_id = true;
		act->bad_id_kind = f->bad_id;
		break;
	case VCDEV_FAULT_BAD_LEN:
		act->bad_len = true;
		break;
	case VCDEV_FAULT_STALL:
		act->stall = true;
		break;
	case VCDEV_FAULT_NEEDS_RESET:
		act->needs_reset = true;
		break;
	}
}

void
vcdev_fault_next(struct vcdev_model *m, struct vcdev_queue *q,
		 struct vcdev_action *act)
{
	struct vcdev_faults *fs = &m->faults;
	unsigned int i;

	memset(act, 0, sizeof(*act));
	pthread_mutex_lock(&fs->lock);
	for (i = 0; i < VCDEV_MAX_FAULTS; i++) {
		struct vcdev_fault_slot *s = &fs->slot[i];

		if (!s->armed || !matches(&s->f, q))
			continue;
		if (s->f.skip != 0) {
			s->f.skip--;
			continue;
		}
		apply(&s->f, act);
		/* A stall or NEEDS_RESET lives on in the queue or status. */
		if (--s->f.count == 0 || s->f.type == VCDEV_FAULT_STALL ||
		    s->f.type == VCDEV_FAULT_NEEDS_RESET)
			s->armed = false;
	}
	pthread_mutex_unlock(&fs->lock);
	if (act->force_status)
		VCDEV_ADD(m, forced_status, 1);
}

/*
 * An id the driver cannot take as a completion: out of range, or the
 * lowest id that heads no chain it has in flight (held, batched, being
 * answered, or still on the avail ring). A driver posting concurrently
 * may race with this choice; single-threaded tests are exact.
 */
uint32_t
vcdev_fault_bad_id(struct vcdev_queue *q, enum vcdev_bad_id kind,
		   uint16_t current)
{
	uint64_t bm[INFLIGHT_WORDS];
	uint32_t id;

	if (kind == VCDEV_BAD_ID_RANGE)
		return q->size;
	memset(bm, 0, sizeof(bm[0]) * ((q->size + 63u) / 64));
	vcdev_ring_in_flight(q, bm);
	bm[current / 64] |= 1ULL << (current % 64);
	for (id = 0; id < q->size; id++)
		if (!(bm[id / 64] & (1ULL << (id % 64))))
			return id;
	/* Everything is in flight: out of range is all that is left. */
	return q->size;
}
