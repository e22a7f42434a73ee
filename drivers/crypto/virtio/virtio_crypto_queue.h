/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_QUEUE_H
#define VIRTIO_CRYPTO_QUEUE_H

/*
 * A device queue: a virtqueue engine, split or packed (the device offered
 * VIRTIO_F_RING_PACKED and the driver took it), over DMA memory of its
 * own. The helpers below are for the control path and the generic
 * posts; the data path's burst functions, chosen once, use their engine
 * directly.
 */

#include <stdbool.h>
#include <stdint.h>

#include "vq_packed.h"
#include "vq_split.h"

struct rte_memzone;
struct vcrypto_hw;

struct vcrypto_queue {
	union {
		struct vq_split vq;	/* !packed */
		struct vq_packed pvq;	/* packed */
	};
	bool packed;
	const struct rte_memzone *mz;
	void *meta;
	uint16_t qid;
};

/*
 * Allocate and program device queue qid with at most max_size entries
 * (capped by the device), slot_priv bytes of per-slot private area and
 * indirect tables of indirect_max entries when the device takes them.
 */
int vcrypto_queue_create(struct vcrypto_hw *hw, uint16_t qid,
			 uint16_t max_size, uint32_t slot_priv,
			 uint16_t indirect_max, struct vcrypto_queue **out);
void vcrypto_queue_free(struct vcrypto_queue *q);

static inline uint16_t
vcrypto_queue_size(const struct vcrypto_queue *q)
{
	return q->packed ? q->pvq.size : q->vq.size;
}

static inline uint16_t
vcrypto_queue_indirect_max(const struct vcrypto_queue *q)
{
	return q->packed ? q->pvq.indirect_max : q->vq.indirect_max;
}

static inline int
vcrypto_queue_next_slot(const struct vcrypto_queue *q)
{
	return q->packed ? vq_packed_next_slot(&q->pvq) :
		vq_split_next_slot(&q->vq);
}

static inline struct vq_slot_mem
vcrypto_queue_slot_mem(const struct vcrypto_queue *q, uint16_t slot)
{
	return q->packed ? vq_packed_slot_mem(&q->pvq, slot) :
		vq_split_slot_mem(&q->vq, slot);
}

static inline int
vcrypto_queue_post(struct vcrypto_queue *q, const struct vq_buf *bufs,
		   uint16_t n, void *cookie)
{
	return q->packed ? vq_packed_post(&q->pvq, bufs, n, cookie) :
		vq_split_post(&q->vq, bufs, n, cookie);
}

/* Publish, and say whether the device wants a notification. */
static inline bool
vcrypto_queue_publish(struct vcrypto_queue *q)
{
	return q->packed ? vq_packed_publish(&q->pvq) :
		vq_split_publish(&q->vq);
}

/* Publish and notify through the queue's own callback (primary only). */
static inline bool
vcrypto_queue_kick(struct vcrypto_queue *q)
{
	return q->packed ? vq_packed_kick(&q->pvq) : vq_split_kick(&q->vq);
}

static inline uint16_t
vcrypto_queue_harvest(struct vcrypto_queue *q, struct vq_done *done,
		      uint16_t max)
{
	return q->packed ? vq_packed_harvest(&q->pvq, done, max) :
		vq_split_harvest(&q->vq, done, max);
}

static inline uint16_t
vcrypto_queue_reclaim(struct vcrypto_queue *q, struct vq_done *done,
		      uint16_t max)
{
	return q->packed ? vq_packed_reclaim(&q->pvq, done, max) :
		vq_split_reclaim(&q->vq, done, max);
}

/* Ring descriptors free now. */
static inline uint16_t
vcrypto_queue_num_free(const struct vcrypto_queue *q)
{
	return q->packed ? q->pvq.num_free : q->vq.num_free;
}

static inline uint16_t
vcrypto_queue_in_flight(const struct vcrypto_queue *q)
{
	return q->packed ? vq_packed_in_flight(&q->pvq) :
		vq_split_in_flight(&q->vq);
}

static inline bool *
vcrypto_queue_broken_flag(struct vcrypto_queue *q)
{
	return q->packed ? &q->pvq.broken : &q->vq.broken;
}

static inline bool
vcrypto_queue_broken(const struct vcrypto_queue *q)
{
	return __atomic_load_n(q->packed ? &q->pvq.broken : &q->vq.broken,
			       __ATOMIC_RELAXED);
}

/* The device wrote garbage or went silent: no more trust in the ring. */
static inline void
vcrypto_queue_break(struct vcrypto_queue *q)
{
	__atomic_store_n(vcrypto_queue_broken_flag(q), true,
			 __ATOMIC_RELAXED);
}

static inline const struct vq_stats *
vcrypto_queue_stats(const struct vcrypto_queue *q)
{
	return q->packed ? &q->pvq.stats : &q->vq.stats;
}

static inline void *
vcrypto_queue_notify_arg(const struct vcrypto_queue *q)
{
	return q->packed ? q->pvq.notify_arg : q->vq.notify_arg;
}

#endif /* VIRTIO_CRYPTO_QUEUE_H */
