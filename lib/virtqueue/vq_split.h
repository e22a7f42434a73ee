/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VQ_SPLIT_H
#define VQ_SPLIT_H

/*
 * Split virtqueue engine (virtio 1.x, section 2.7), driver side.
 *
 * It knows nothing of EAL or of crypto: the caller hands it one block of
 * IOVA-contiguous memory (vq_split_mem_size()) and a notify callback. The
 * block holds the ring and, per descriptor slot, an indirect table and a
 * private area the caller uses for request headers and status bytes.
 *
 * A "slot" is the id of the head descriptor of a posted chain. Free
 * descriptors are kept in FIFO order, so with in-order completion avail
 * entry i always carries descriptor i (some backends rely on it).
 *
 * Everything the device writes into the used ring is validated: an id that
 * is out of range or not in flight makes the queue "broken" (counted, never
 * dereferenced); a length larger than the chain's writable bytes is
 * reported on that completion (VQ_DONE_BAD_LEN) and counted.
 *
 * Not thread safe: one queue has one user at a time, as a DPDK queue pair.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/virtio_ring.h>

#include "vq_common.h"

struct vq_split {
	/* ring, in the caller's memory */
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	uint64_t desc_iova, avail_iova, used_iova;

	uint16_t size;
	uint16_t mask;
	uint16_t num_free;
	uint16_t free_head;	/* FIFO of free descriptor ids */
	uint16_t free_tail;
	uint16_t avail_idx;	/* shadow of avail->idx, not yet published */
	uint16_t avail_published;	/* avail->idx at the last kick */
	uint16_t last_used;	/* next used entry to read */
	uint16_t in_flight;	/* chains posted and not harvested */
	uint16_t indirect_max;
	bool event_idx;
	bool platform_order;
	bool broken;		/* the device wrote a bad used entry */

	uint16_t *free_ids;	/* size entries */
	struct vq_slot_state *slots;	/* size entries */
	uint16_t *next_shadow;	/* size entries: our copy of desc[].next */

	struct vq_slot_area area;	/* per-slot tables and private areas */

	vq_notify_fn notify;
	void *notify_arg;

	struct vq_stats stats;
};

/*
 * Bytes of IOVA-contiguous memory vq_split_init() needs (ring + slots);
 * 0 if cfg is invalid.
 */
size_t vq_split_mem_size(const struct vq_config *cfg);

/*
 * Bytes of ordinary memory for bookkeeping (slot states, free ids, next
 * shadow), pointer-aligned; 0 if cfg is invalid.
 */
size_t vq_split_meta_size(const struct vq_config *cfg);

/*
 * Lay the queue out in mem (vq_split_mem_size() bytes, 4096-aligned,
 * zeroed by this call, device-visible at iova) and meta
 * (vq_split_meta_size() bytes). notify may be NULL (kick then only
 * reports its decision). Returns 0 or -EINVAL.
 */
int vq_split_init(struct vq_split *vq, const struct vq_config *cfg,
		  void *mem, uint64_t iova, void *meta,
		  vq_notify_fn notify, void *notify_arg);

/* In-flight count and broken flag: read by other threads (vq_count()). */
static inline void
vq_in_flight_add(struct vq_split *vq, int16_t d)
{
	__atomic_store_n(&vq->in_flight, (uint16_t)(vq->in_flight + d),
			 __ATOMIC_RELAXED);
}

static inline void
vq_break(struct vq_split *vq)
{
	__atomic_store_n(&vq->broken, true, __ATOMIC_RELAXED);
}

/* The slot the next vq_split_post() will use, or -1 if no descriptor. */
static inline int
vq_split_next_slot(const struct vq_split *vq)
{
	if (vq->num_free == 0)
		return -1;
	return vq->free_ids[vq->free_head & vq->mask];
}

/* Private area of a slot, and its IOVA. */
static inline void *
vq_split_slot_priv(const struct vq_split *vq, uint16_t slot)
{
	return vq_slot_area_mem(&vq->area, slot).priv;
}

static inline uint64_t
vq_split_slot_priv_iova(const struct vq_split *vq, uint16_t slot)
{
	return vq_slot_area_mem(&vq->area, slot).priv_iova;
}

/*
 * Post one chain of n buffers (device-readable ones first, then
 * device-writable ones) on slot vq_split_next_slot(). Uses the slot's
 * indirect table when the queue has them and n <= indirect_max, else a
 * direct chain of n ring descriptors. The entry is written to the avail
 * ring but not published: call vq_split_kick() once per burst.
 * Returns the slot, -ENOSPC when the ring has no room now, -E2BIG when
 * the chain could never fit, -EINVAL for n == 0, a NULL cookie or a
 * malformed chain (a readable buffer after a writable one, unknown flags).
 */
int vq_split_post(struct vq_split *vq, const struct vq_buf *bufs, uint16_t n,
		  void *cookie);

/*
 * Publish the chains posted since the last kick and notify the device
 * unless it suppressed notifications (VIRTQ_USED_F_NO_NOTIFY, or the
 * avail_event index with EVENT_IDX). Returns true if it notified.
 */
bool vq_split_kick(struct vq_split *vq);

/*
 * vq_split_kick() without the notify callback: returns true when the
 * device wants a notification, which the caller then sends itself. For a
 * queue in memory shared between processes, where the callback (and its
 * argument's mapping) belong to the process that set the queue up.
 */
bool vq_split_publish(struct vq_split *vq);

/*
 * Whether the device has published used entries not harvested yet: the
 * cheap test for a poll that will most often find nothing.
 */
static inline bool
vq_split_has_used(const struct vq_split *vq)
{
	return __atomic_load_n(&vq->used->idx, __ATOMIC_RELAXED) !=
		vq->last_used;
}

/*
 * Harvest up to max completions into done[]. Validates every used entry;
 * a bad id marks the queue broken and is skipped. A used->idx further
 * ahead than the chains in flight marks the queue broken (counted in
 * bad_id if the queue was not broken yet, so polling on does not inflate
 * it) and nothing is harvested: no used entry can be trusted then.
 * Returns the count. The data path does the same inline, with
 * vq_split_used_pending(), vq_split_take_*() and
 * vq_split_used_event_update().
 */
uint16_t vq_split_harvest(struct vq_split *vq, struct vq_done *done,
			  uint16_t max);

/* Internal: give a chain of several descriptors back to the FIFO. */
void vq_split_free_chain(struct vq_split *vq, uint16_t head);

/*
 * Used entries published and not taken yet; entries read after this are
 * ordered after the index. More than are in flight is garbage: the queue
 * breaks (counted once) and 0 is returned.
 */
static inline uint16_t
vq_split_used_pending(struct vq_split *vq)
{
	uint16_t used_idx, pending;

	if (vq->platform_order) {
		used_idx = vq_le16(__atomic_load_n(&vq->used->idx,
						   __ATOMIC_RELAXED));
		vq_dma_rmb();
	} else {
		used_idx = vq_le16(__atomic_load_n(&vq->used->idx,
						   __ATOMIC_ACQUIRE));
	}
	pending = used_idx - vq->last_used;
	if (pending > vq->in_flight) {
		if (!vq->broken)
			vq_count(&vq->stats.bad_id, 1);
		vq_break(vq);
		return 0;
	}
	return pending;
}

/*
 * Taking used entries, a burst at a time, with the queue's indices in the
 * caller's local (as vq_split_burst does for posts): vq_split_take_begin(),
 * vq_split_take_next() for each entry the caller knows is pending, then
 * vq_split_take_end(), which hands the queue back its indices.
 */
struct vq_split_take {
	const struct vring_used_elem *ring;
	struct vq_slot_state *slots;
	uint16_t *free_ids;
	uint16_t size;
	uint16_t mask;
	uint16_t last_used;
	uint16_t free_tail;
	uint16_t freed;		/* one-descriptor chains given back */
	uint16_t completed;	/* good used entries taken */
};

static inline void
vq_split_take_begin(const struct vq_split *vq, struct vq_split_take *t)
{
	*t = (struct vq_split_take){
		.ring = vq->used->ring, .slots = vq->slots,
		.free_ids = vq->free_ids, .size = vq->size, .mask = vq->mask,
		.last_used = vq->last_used, .free_tail = vq->free_tail,
	};
}

static inline void
vq_split_take_end(struct vq_split *vq, const struct vq_split_take *t)
{
	vq->last_used = t->last_used;
	vq->free_tail = t->free_tail;
	vq->num_free += t->freed;
	vq_in_flight_add(vq, (int16_t)-t->freed);
	vq_count(&vq->stats.completed, t->completed);
}

/*
 * Take the next used entry: fill *d and give the chain's descriptors
 * back. A bad id (out of range, or a slot not in flight) is counted,
 * breaks the queue and touches no slot: false. A length beyond the
 * chain's writable bytes is flagged VQ_DONE_BAD_LEN.
 */
static inline bool
vq_split_take_next(struct vq_split *vq, struct vq_split_take *t,
		   struct vq_done *d)
{
	const struct vring_used_elem *e = &t->ring[t->last_used & t->mask];
	/* One load each: no re-read between check and use. */
	uint32_t id = vq_le32(__atomic_load_n(&e->id, __ATOMIC_RELAXED));
	uint32_t len = vq_le32(__atomic_load_n(&e->len, __ATOMIC_RELAXED));
	struct vq_slot_state *st;

	t->last_used++;
	if (id >= t->size || t->slots[id].cookie == NULL) {
		vq_count(&vq->stats.bad_id, 1);
		vq_break(vq);
		return false;
	}
	st = &t->slots[id];
	d->cookie = st->cookie;
	d->len = len;
	d->slot = (uint16_t)id;
	d->flags = 0;
	if (len > st->writable) {
		d->flags = VQ_DONE_BAD_LEN;
		vq_count(&vq->stats.bad_len, 1);
	}
	t->completed++;
	if (st->ndesc != 1) {
		/* A direct chain: links to walk, by the queue itself. */
		vq_split_take_end(vq, t);
		vq_split_free_chain(vq, (uint16_t)id);
		vq_split_take_begin(vq, t);
		return true;
	}
	/* One descriptor (indirect): the common case. */
	t->free_ids[t->free_tail++ & t->mask] = (uint16_t)id;
	t->freed++;
	st->cookie = NULL;
	return true;
}

/*
 * After taking entries. No interrupts wanted: keep used_event just behind
 * the next entry to take, which the device never crosses (an interrupt
 * costs the device work, and a guest exit with uio). No barrier: a stale
 * value at worst allows one interrupt we ignore.
 */
static inline void
vq_split_used_event_update(struct vq_split *vq)
{
	if (vq->event_idx)
		__atomic_store_n(&vq->avail->ring[vq->size],
				 vq_le16((uint16_t)(vq->last_used - 1)),
				 __ATOMIC_RELAXED);
}

/*
 * Fast path for callers that write a chain straight into an indirect
 * table for slot vq_split_next_slot(): the slot's (vq_split_slot_mem()),
 * or memory of the slot's own that stays untouched until the slot
 * completes. Entries in order, readable ones first, linked with
 * VRING_DESC_F_NEXT to i + 1; then post it with vq_split_post_table()
 * or, in a burst, vq_split_burst_post(). The caller guarantees what
 * vq_split_post() would check: indirect_max != 0, 1 <= n <= indirect_max,
 * a free descriptor, and writable = the sum of the writable lengths.
 */
static inline void
vq_split_desc_write(struct vring_desc *d, uint64_t addr, uint32_t len,
		    uint16_t flags, uint16_t next)
{
	d->addr = vq_le64(addr);
	d->len = vq_le32(len);
	d->flags = vq_le16(flags);
	d->next = vq_le16(next);
}

static inline struct vq_slot_mem
vq_split_slot_mem(const struct vq_split *vq, uint16_t slot)
{
	return vq_slot_area_mem(&vq->area, slot);
}

/* Internal: what harvest needs to know of a chain headed by st's slot. */
static inline void
vq_split_slot_record(struct vq_slot_state *st, uint16_t ndesc, uint16_t last,
		     uint32_t writable, void *cookie)
{
	st->ndesc = ndesc;
	st->last = last;
	st->writable = writable;
	st->cookie = cookie;
}

/*
 * Internal: a chain of ndesc ring descriptors from head to last is
 * written; record it and put it on the avail ring, unpublished (kick()
 * does that for the burst).
 */
static inline void
vq_split_avail_add(struct vq_split *vq, uint16_t head, uint16_t ndesc,
		   uint16_t last, uint32_t writable, void *cookie)
{
	vq_split_slot_record(&vq->slots[head], ndesc, last, writable, cookie);
	vq->avail->ring[vq->avail_idx & vq->mask] = vq_le16(head);
	vq->avail_idx++;
	vq_in_flight_add(vq, 1);
	vq_count(&vq->stats.posted, 1);
}

/*
 * A burst of table posts (each under vq_split_post_table()'s contract)
 * with the queue's layout and indices copied into the caller's local:
 * stores into tables, slots and ops cannot alias a local whose address
 * does not escape, so the compiler keeps these in registers instead of
 * reloading them after every store. The queue learns of the burst at
 * vq_split_burst_end(); nothing else may use it in between.
 */
struct vq_split_burst {
	struct vring_desc *desc;
	uint16_t *avail_ring;
	const uint16_t *free_ids;
	struct vq_slot_state *slots;
	struct vq_slot_area area;
	uint16_t mask;
	uint16_t free_head;
	uint16_t avail_idx;
	uint16_t posted;
};

static inline void
vq_split_burst_begin(const struct vq_split *vq, struct vq_split_burst *b)
{
	*b = (struct vq_split_burst){
		.desc = vq->desc, .avail_ring = vq->avail->ring,
		.free_ids = vq->free_ids, .slots = vq->slots,
		.area = vq->area, .mask = vq->mask,
		.free_head = vq->free_head, .avail_idx = vq->avail_idx,
	};
}

/* The slot of the burst's next post; the caller knows one is free. */
static inline uint16_t
vq_split_burst_slot(const struct vq_split_burst *b)
{
	return b->free_ids[b->free_head & b->mask];
}

static inline struct vq_slot_mem
vq_split_burst_slot_mem(const struct vq_split_burst *b, uint16_t slot)
{
	return vq_slot_area_mem(&b->area, slot);
}

/* Post slot's table of n entries (slot: vq_split_burst_slot()). */
static inline void
vq_split_burst_post(struct vq_split_burst *b, uint16_t slot,
		    uint64_t table_iova, uint16_t n, uint32_t writable,
		    void *cookie)
{
	vq_split_desc_write(&b->desc[slot], table_iova,
			    (uint32_t)n * sizeof(struct vring_desc),
			    VRING_DESC_F_INDIRECT, 0);
	vq_split_slot_record(&b->slots[slot], 1, slot, writable, cookie);
	b->avail_ring[b->avail_idx & b->mask] = vq_le16(slot);
	b->avail_idx++;
	b->free_head++;
	b->posted++;
}

/* The queue takes the burst's posts (unpublished until a kick). */
static inline void
vq_split_burst_end(struct vq_split *vq, const struct vq_split_burst *b)
{
	vq->free_head = b->free_head;
	vq->avail_idx = b->avail_idx;
	vq->num_free -= b->posted;
	vq_in_flight_add(vq, (int16_t)b->posted);
	vq_count(&vq->stats.posted, b->posted);
}

static inline void
vq_split_post_table(struct vq_split *vq, uint16_t slot, uint64_t table_iova,
		    uint16_t n, uint32_t writable, void *cookie)
{
	struct vq_split_burst b;

	vq_split_burst_begin(vq, &b);
	vq_split_burst_post(&b, slot, table_iova, n, writable, cookie);
	vq_split_burst_end(vq, &b);
}

/* Chains in flight (posted, not yet harvested). */
static inline uint16_t
vq_split_in_flight(const struct vq_split *vq)
{
	return __atomic_load_n(&vq->in_flight, __ATOMIC_RELAXED);
}

/*
 * Take back up to max chains still in flight, without the device; for use
 * only once the device is reset (or the queue broken and about to be).
 * Their done[].len is 0. Returns the count.
 */
uint16_t vq_split_reclaim(struct vq_split *vq, struct vq_done *done,
			  uint16_t max);

#endif /* VQ_SPLIT_H */
