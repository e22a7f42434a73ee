/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VQ_PACKED_H
#define VQ_PACKED_H

/*
 * Packed virtqueue engine (virtio 1.1+, section 2.8), driver side, with
 * the same contract as the split one (vq_split.h): the caller hands it
 * one block of IOVA-contiguous memory (vq_packed_mem_size()) holding the
 * descriptor ring, the two event suppression areas and, per buffer id, an
 * indirect table and a private area.
 *
 * A "slot" is a buffer id. Free ids are a stack: the id freed last is
 * posted next, so a lightly loaded queue keeps reusing the same few slots
 * (and their cache lines) instead of cycling through all of them.
 *
 * Ring positions and buffer ids are independent in a packed ring: a chain
 * takes 1 (indirect) or n (direct) ring positions, and the device returns
 * its id in one used descriptor, after which the driver skips as many
 * positions as the chain held. The engine keeps its own copy of each
 * id's chain length and never reads it back from the ring.
 *
 * Everything the device writes is validated: a used descriptor whose id
 * is out of range or not in flight breaks the queue (counted once), and
 * nothing is harvested from a broken queue any more, since the positions
 * after a bad entry cannot be known; a length beyond the chain's
 * writable bytes is flagged on that completion (VQ_DONE_BAD_LEN).
 *
 * The driver polls: the driver event area says "no interrupts" once, at
 * init, and nothing on the fast path touches it again.
 *
 * Not thread safe: one queue has one user at a time, as a DPDK queue pair.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/virtio_ring.h>

#include "vq_common.h"

#define VQ_PACKED_MAX_SIZE 32768u
#define VQ_PACKED_F_AVAIL (1u << VRING_PACKED_DESC_F_AVAIL)
#define VQ_PACKED_F_USED (1u << VRING_PACKED_DESC_F_USED)

struct vq_packed {
	/* ring, in the caller's memory */
	struct vring_packed_desc *desc;
	struct vring_packed_desc_event *driver_event;	/* we write */
	struct vring_packed_desc_event *device_event;	/* the device writes */
	uint64_t desc_iova, driver_event_iova, device_event_iova;

	uint16_t size;
	uint16_t num_free;	/* ring positions free */
	uint16_t next_avail;	/* ring position of the next post */
	uint16_t last_used;	/* ring position of the next used entry */
	uint16_t in_flight;	/* chains posted and not harvested */
	uint16_t indirect_max;
	/* descriptors made available since the last publish */
	uint16_t added;
	/* The first head of the unpublished batch, its flags held back. */
	uint16_t batch_head;
	uint16_t batch_head_flags;
	bool batch_open;
	bool avail_wrap;	/* wrap counter of next_avail */
	bool used_wrap;		/* wrap counter of last_used */
	bool event_idx;
	bool platform_order;
	bool broken;		/* the device wrote a bad used entry */

	uint16_t *free_ids;	/* stack of free buffer ids */
	uint16_t ids_free;	/* entries on the stack */
	struct vq_slot_state *slots;	/* per buffer id */

	struct vq_slot_area area;	/* per-slot tables and private areas */

	vq_notify_fn notify;
	void *notify_arg;

	struct vq_stats stats;
};

/* Bytes of IOVA-contiguous memory the queue needs; 0 if cfg is invalid. */
size_t vq_packed_mem_size(const struct vq_config *cfg);

/* Bytes of ordinary memory for bookkeeping; 0 if cfg is invalid. */
size_t vq_packed_meta_size(const struct vq_config *cfg);

/*
 * Lay the queue out in mem (vq_packed_mem_size() bytes, 4096-aligned,
 * zeroed by this call, device-visible at iova) and meta
 * (vq_packed_meta_size() bytes). notify may be NULL (kick then only
 * reports its decision). Returns 0 or -EINVAL.
 */
int vq_packed_init(struct vq_packed *vq, const struct vq_config *cfg,
		   void *mem, uint64_t iova, void *meta,
		   vq_notify_fn notify, void *notify_arg);

/* The slot the next post will use, or -1 if the ring is full. */
static inline int
vq_packed_next_slot(const struct vq_packed *vq)
{
	if (vq->num_free == 0)
		return -1;
	return vq->free_ids[vq->ids_free - 1];
}

static inline struct vq_slot_mem
vq_packed_slot_mem(const struct vq_packed *vq, uint16_t slot)
{
	return vq_slot_area_mem(&vq->area, slot);
}

/*
 * One entry of an indirect table in a packed queue: only WRITE is a valid
 * flag there (no NEXT: the table's length says where the chain ends), and
 * the id is ignored by the device.
 */
static inline void
vq_packed_table_write(struct vring_packed_desc *d, uint64_t addr,
		      uint32_t len, bool device_writes)
{
	d->addr = vq_le64(addr);
	d->len = vq_le32(len);
	d->id = 0;
	d->flags = vq_le16(device_writes ? VRING_DESC_F_WRITE : 0);
}

/*
 * Post one chain of n buffers (device-readable first, then writable) on
 * slot vq_packed_next_slot(), through the slot's indirect table when the
 * queue has them and n <= indirect_max, else as n ring descriptors. Not
 * visible to the device until vq_packed_kick(). Returns the slot,
 * -ENOSPC when the ring has no room now, -E2BIG when the chain could
 * never fit, -EINVAL for n == 0, a NULL cookie or a malformed chain.
 */
int vq_packed_post(struct vq_packed *vq, const struct vq_buf *bufs,
		   uint16_t n, void *cookie);

/* Internal: in-flight count, read by other threads (vq_count()). */
static inline void
vq_packed_in_flight_add(struct vq_packed *vq, int16_t d)
{
	__atomic_store_n(&vq->in_flight, (uint16_t)(vq->in_flight + d),
			 __ATOMIC_RELAXED);
}

/* AVAIL and USED bits that make a descriptor available in this lap. */
static inline uint16_t
vq_packed_avail_bits(bool wrap)
{
	return wrap ? VQ_PACKED_F_AVAIL : VQ_PACKED_F_USED;
}

/*
 * Internal, inline for the fast path's table posts. Write one ring descriptor at next_avail and advance. The flags of the
 * batch's first head are held back (publish writes them, last); every
 * other descriptor's flags can be written at once, since the device
 * reads the ring in order and stops at that head.
 */
static inline void
vq_packed_ring_write(struct vq_packed *vq, uint64_t addr, uint32_t len,
		     uint16_t id, uint16_t flags, bool head)
{
	struct vring_packed_desc *d = &vq->desc[vq->next_avail];

	flags |= vq_packed_avail_bits(vq->avail_wrap);
	d->addr = vq_le64(addr);
	d->len = vq_le32(len);
	d->id = vq_le16(id);
	if (head && !vq->batch_open) {
		vq->batch_open = true;
		vq->batch_head = vq->next_avail;
		vq->batch_head_flags = flags;
	} else {
		/*
		 * A later head, or a descriptor whose head is written after
		 * it: either way, behind the batch's first head.
		 */
		d->flags = vq_le16(flags);
	}
	if (++vq->next_avail == vq->size) {
		vq->next_avail = 0;
		vq->avail_wrap = !vq->avail_wrap;
	}
	vq->added++;
}

/* Internal: what harvest needs to know of the chain on id. */
static inline void
vq_packed_record(struct vq_packed *vq, uint16_t id, uint16_t ndesc,
		 uint32_t writable, void *cookie)
{
	struct vq_slot_state *st = &vq->slots[id];

	st->ndesc = ndesc;
	st->writable = writable;
	st->cookie = cookie;
	vq->ids_free--;
	vq->num_free -= ndesc;
	vq_packed_in_flight_add(vq, 1);
	vq_count(&vq->stats.posted, 1);
}

/*
 * Post an indirect table of n entries for slot, which the caller wrote
 * with vq_packed_table_write() at table_iova: usually
 * vq_packed_slot_mem(vq, slot).table, or memory of the slot's own that
 * stays untouched until the slot completes. The caller guarantees what
 * vq_packed_post() checks: slot is vq_packed_next_slot(), indirect_max !=
 * 0, 1 <= n <= indirect_max, and writable is the sum of the writable
 * lengths.
 */
static inline void
vq_packed_post_table(struct vq_packed *vq, uint16_t slot, uint64_t table_iova,
		     uint16_t n, uint32_t writable, void *cookie)
{
	vq_packed_ring_write(vq, table_iova,
			     (uint32_t)n * sizeof(struct vring_packed_desc),
			     slot, VRING_DESC_F_INDIRECT, true);
	vq_packed_record(vq, slot, 1, writable, cookie);
}

/*
 * Make the chains posted since the last publish available, and tell
 * whether the device wants a notification (its event suppression area:
 * enabled, disabled, or a ring position with EVENT_IDX). The caller
 * sends it. vq_packed_kick() does both with the notify callback.
 */
bool vq_packed_publish(struct vq_packed *vq);
bool vq_packed_kick(struct vq_packed *vq);

/*
 * Harvest up to max completions into done[], in the order the device
 * used them. Returns the count; 0 from a broken queue.
 */
uint16_t vq_packed_harvest(struct vq_packed *vq, struct vq_done *done,
			   uint16_t max);

/* Chains in flight (posted, not yet harvested). */
static inline uint16_t
vq_packed_in_flight(const struct vq_packed *vq)
{
	return __atomic_load_n(&vq->in_flight, __ATOMIC_RELAXED);
}

/*
 * Whether the next used position holds a used descriptor: the cheap test
 * for a poll that will most often find nothing. Harvest checks again,
 * with the ordering that makes the descriptor's other fields valid.
 */
/* Used in the lap of wrap: AVAIL == USED == the wrap counter. */
static inline bool
vq_packed_flags_used(uint16_t flags, bool wrap)
{
	bool avail = !!(flags & VQ_PACKED_F_AVAIL);
	bool used = !!(flags & VQ_PACKED_F_USED);

	return avail == used && used == wrap;
}

static inline bool
vq_packed_has_used(const struct vq_packed *vq)
{
	return vq_packed_flags_used(vq_le16(__atomic_load_n(
		&vq->desc[vq->last_used].flags, __ATOMIC_RELAXED)),
		vq->used_wrap);
}

static inline bool
vq_packed_broken(const struct vq_packed *vq)
{
	return __atomic_load_n(&vq->broken, __ATOMIC_RELAXED);
}

/*
 * Take back up to max chains still in flight, without the device; only
 * once the device is reset (or the queue broken and about to be). Their
 * done[].len is 0. The ring positions are not reusable until the queue
 * is initialized again, as the device's are after its reset. Returns the
 * count.
 */
uint16_t vq_packed_reclaim(struct vq_packed *vq, struct vq_done *done,
			   uint16_t max);

#endif /* VQ_PACKED_H */
