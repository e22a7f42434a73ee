/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Split virtqueue engine, driver side: see vq_split.h for the contract.
 *
 * Trust boundary: the descriptor table and the avail ring are written by
 * us and only read by the device; the used ring and its avail_event word
 * are written by the device. Nothing the engine relies on is ever read
 * back from ring memory: chain links live in next_shadow[], and each used
 * entry is loaded exactly once, into locals, and validated before it
 * indexes anything.
 */

#include <errno.h>
#include <string.h>

#include "vq_split.h"

#define VQ_MAX_SIZE	32768u
#define VQ_USED_ALIGN	4096u	/* also satisfies legacy devices */

/* Offsets in the caller's block, derived from the config alone. */
struct vq_layout {
	size_t avail_off;
	size_t used_off;
	size_t slot_off;
	uint32_t stride;
	size_t total;
};

static int
vq_layout(const struct vq_config *cfg, struct vq_layout *lo)
{
	uint64_t size, end, total;

	/*
	 * A chain, indirect table included, is never longer than the queue
	 * (spec 2.7.5.3.1): a longer table is a configuration error.
	 */
	if (cfg == NULL || cfg->size == 0 || cfg->size > VQ_MAX_SIZE ||
	    (cfg->size & (cfg->size - 1)) != 0 ||
	    cfg->indirect_max > cfg->size)
		return -EINVAL;
	size = cfg->size;

	/* avail: flags, idx, ring[size], used_event */
	lo->avail_off = size * sizeof(struct vring_desc);
	end = lo->avail_off + offsetof(struct vring_avail, ring) +
		(size + 1) * sizeof(uint16_t);

	/* used: flags, idx, ring[size], avail_event */
	lo->used_off = vq_align_up(end, VQ_USED_ALIGN);
	end = lo->used_off + offsetof(struct vring_used, ring) +
		size * sizeof(struct vring_used_elem) + sizeof(uint16_t);

	/* slot: indirect table, then the private area */
	lo->slot_off = vq_align_up(end, VQ_SLOT_ALIGN);
	if (!vq_slot_stride(cfg, &lo->stride))
		return -EINVAL;

	/* At most 2^15 * 2^32: only a 32-bit size_t can overflow. */
	total = lo->slot_off + size * lo->stride;
	if ((size_t)total != total)
		return -EINVAL;
	lo->total = total;
	return 0;
}

static size_t
vq_meta_bytes(uint16_t size)
{
	return (size_t)size * (sizeof(struct vq_slot_state) +
			       2 * sizeof(uint16_t));
}

size_t
vq_split_mem_size(const struct vq_config *cfg)
{
	struct vq_layout lo;

	if (vq_layout(cfg, &lo) < 0)
		return 0;
	return lo.total;
}

size_t
vq_split_meta_size(const struct vq_config *cfg)
{
	struct vq_layout lo;

	if (vq_layout(cfg, &lo) < 0)
		return 0;
	return vq_meta_bytes(cfg->size);
}

/* used_event: our word after avail->ring[]; the device reads it. */
static inline uint16_t *
vq_used_event(const struct vq_split *vq)
{
	return &vq->avail->ring[vq->size];
}

/* avail_event: the device's word after used->ring[]; we read it. */
static inline uint16_t *
vq_avail_event(const struct vq_split *vq)
{
	return (uint16_t *)&vq->used->ring[vq->size];
}

/* Meta block: slot states first, so pointers in them are aligned. */
static void
vq_init_meta(struct vq_split *vq, void *meta)
{
	uint32_t i;

	memset(meta, 0, vq_meta_bytes(vq->size));
	vq->slots = meta;
	vq->free_ids = (uint16_t *)(vq->slots + vq->size);
	vq->next_shadow = vq->free_ids + vq->size;

	/* Ascending ids: the first lap of the ring uses descriptor i for
	 * avail entry i, and the FIFO keeps it that way afterwards.
	 */
	for (i = 0; i < vq->size; i++)
		vq->free_ids[i] = (uint16_t)i;
	vq->free_head = 0;
	vq->free_tail = vq->size;	/* 32768 still fits */
	vq->num_free = vq->size;
}

int
vq_split_init(struct vq_split *vq, const struct vq_config *cfg,
	      void *mem, uint64_t iova, void *meta,
	      vq_notify_fn notify, void *notify_arg)
{
	uint8_t *base = mem;
	struct vq_layout lo;

	if (vq == NULL || !vq_memory_usable(mem, iova, meta) ||
	    vq_layout(cfg, &lo) < 0)
		return -EINVAL;

	memset(vq, 0, sizeof(*vq));
	memset(mem, 0, lo.total);

	vq->size = cfg->size;
	vq->mask = cfg->size - 1;
	vq->indirect_max = cfg->indirect_max;
	vq->event_idx = cfg->event_idx;
	vq->platform_order = cfg->platform_order;

	vq->desc = mem;
	vq->avail = (struct vring_avail *)(base + lo.avail_off);
	vq->used = (struct vring_used *)(base + lo.used_off);
	vq->desc_iova = iova;
	vq->avail_iova = iova + lo.avail_off;
	vq->used_iova = iova + lo.used_off;

	vq->area = vq_slot_area_at(base, iova, lo.slot_off, lo.stride,
				   cfg->indirect_max);

	vq->notify = notify;
	vq->notify_arg = notify_arg;

	/*
	 * The driver polls: ask for no interrupts at all. Without EVENT_IDX
	 * the flag says so; with it, used_event one behind the next entry
	 * to harvest is never crossed (harvest keeps it there).
	 */
	vq->avail->flags = vq_le16(VRING_AVAIL_F_NO_INTERRUPT);
	*vq_used_event(vq) = vq_le16((uint16_t)-1);

	vq_init_meta(vq, meta);
	return 0;
}

static inline void
vq_desc_set(struct vring_desc *d, const struct vq_buf *b, uint16_t flags,
	    uint16_t next)
{
	vq_split_desc_write(d, b->iova, b->len, flags, next);
}

static inline uint16_t
vq_buf_flags(const struct vq_buf *b)
{
	return (b->flags & VQ_BUF_WRITE) ? VRING_DESC_F_WRITE : 0;
}

/* Take the next free descriptor off the FIFO head. */
static inline uint16_t
vq_take_one(struct vq_split *vq)
{
	uint16_t id = vq->free_ids[vq->free_head & vq->mask];

	vq->free_head++;
	vq->num_free--;
	return id;
}

/* One ring descriptor pointing at the slot's own indirect table. */
static void
vq_post_indirect(struct vq_split *vq, uint16_t head,
		 const struct vq_buf *bufs, uint16_t n)
{
	struct vq_slot_mem m = vq_slot_area_mem(&vq->area, head);
	struct vring_desc *table = m.table;
	struct vq_buf ring_buf = {
		.iova = m.table_iova,
		.len = (uint32_t)n * sizeof(struct vring_desc),
	};
	uint16_t i;

	for (i = 0; i < n; i++) {
		uint16_t flags = vq_buf_flags(&bufs[i]);

		if (i + 1 < n)
			flags |= VRING_DESC_F_NEXT;
		vq_desc_set(&table[i], &bufs[i], flags, i + 1 < n ? i + 1 : 0);
	}
	vq_desc_set(&vq->desc[head], &ring_buf, VRING_DESC_F_INDIRECT, 0);
	vq->next_shadow[head] = 0;
}

/*
 * A chain of n ring descriptors, in FIFO order; the caller checked that
 * n are free. Links go to the ring and to our shadow, which is what the
 * free path will follow. Returns the last descriptor.
 */
static uint16_t
vq_post_direct(struct vq_split *vq, uint16_t head,
	       const struct vq_buf *bufs, uint16_t n)
{
	uint16_t id = head;
	uint16_t i;

	for (i = 0; i + 1 < n; i++) {
		uint16_t next = vq_take_one(vq);

		vq_desc_set(&vq->desc[id], &bufs[i],
			    vq_buf_flags(&bufs[i]) | VRING_DESC_F_NEXT, next);
		vq->next_shadow[id] = next;
		id = next;
	}
	vq_desc_set(&vq->desc[id], &bufs[i], vq_buf_flags(&bufs[i]), 0);
	vq->next_shadow[id] = 0;
	return id;
}

int
vq_split_post(struct vq_split *vq, const struct vq_buf *bufs, uint16_t n,
	      void *cookie)
{
	bool indirect = vq->indirect_max != 0 && n <= vq->indirect_max;
	uint32_t writable;
	uint16_t head, last;
	int ret;

	if (n == 0 || cookie == NULL)
		return -EINVAL;
	ret = vq_chain_check(bufs, n, &writable);
	if (ret < 0)
		return ret;
	if (!indirect && n > vq->size)
		return -E2BIG;
	if ((indirect ? 1 : n) > vq->num_free)
		return -ENOSPC;

	head = vq_take_one(vq);
	if (indirect) {
		vq_post_indirect(vq, head, bufs, n);
		vq_split_avail_add(vq, head, 1, head, writable, cookie);
	} else {
		last = vq_post_direct(vq, head, bufs, n);
		vq_split_avail_add(vq, head, n, last, writable, cookie);
	}
	return head;
}

bool
vq_split_publish(struct vq_split *vq)
{
	uint16_t old = vq->avail_published;
	uint16_t new = vq->avail_idx;
	bool need;

	if (new == old)
		return false;

	/* Descriptors and avail entries must be visible before the index. */
	if (vq->platform_order) {
		vq_dma_wmb();
		__atomic_store_n(&vq->avail->idx, vq_le16(new),
				 __ATOMIC_RELAXED);
	} else {
		__atomic_store_n(&vq->avail->idx, vq_le16(new),
				 __ATOMIC_RELEASE);
	}
	vq->avail_published = new;

	/*
	 * Store-load barrier: a device that just published "don't notify"
	 * and then re-checks avail->idx must either see our new index or
	 * have its suppression seen by us; otherwise both sides sleep.
	 */
	if (vq->platform_order)
		vq_dma_mb();
	else
		__atomic_thread_fence(__ATOMIC_SEQ_CST);

	if (vq->event_idx) {
		uint16_t ev = vq_le16(__atomic_load_n(vq_avail_event(vq),
						      __ATOMIC_RELAXED));

		need = vring_need_event(ev, new, old);
	} else {
		uint16_t flags = vq_le16(__atomic_load_n(&vq->used->flags,
							 __ATOMIC_RELAXED));

		need = !(flags & VRING_USED_F_NO_NOTIFY);
	}
	if (!need)
		return false;
	vq_count(&vq->stats.notifications, 1);
	return true;
}

bool
vq_split_kick(struct vq_split *vq)
{
	if (!vq_split_publish(vq))
		return false;
	if (vq->notify != NULL)
		vq->notify(vq->notify_arg);
	return true;
}

void
vq_split_free_chain(struct vq_split *vq, uint16_t head)
{
	struct vq_slot_state *st = &vq->slots[head];
	uint16_t id = head;
	uint16_t i;

	/* Our shadow links: desc[].next is device-visible, maybe scribbled. */
	for (i = 0; i < st->ndesc; i++) {
		vq->free_ids[vq->free_tail & vq->mask] = id;
		vq->free_tail++;
		id = vq->next_shadow[id];
	}
	vq->num_free += st->ndesc;
	vq_in_flight_add(vq, -1);
	st->cookie = NULL;
}

uint16_t
vq_split_harvest(struct vq_split *vq, struct vq_done *done, uint16_t max)
{
	uint16_t pending = vq_split_used_pending(vq);
	struct vq_split_take t;
	uint16_t cnt = 0;

	if (pending == 0)
		return 0;
	vq_split_take_begin(vq, &t);
	for (; pending > 0 && cnt < max; pending--)
		if (vq_split_take_next(vq, &t, &done[cnt]))
			cnt++;
	vq_split_take_end(vq, &t);
	vq_split_used_event_update(vq);
	return cnt;
}

uint16_t
vq_split_reclaim(struct vq_split *vq, struct vq_done *done, uint16_t max)
{
	uint16_t cnt = 0;
	uint16_t id;

	/* uint16_t is enough: size <= 32768, so id == size still fits */
	for (id = 0; id < vq->size && cnt < max && vq->in_flight > 0; id++) {
		struct vq_slot_state *st = &vq->slots[id];

		if (st->cookie == NULL)
			continue;
		done[cnt].cookie = st->cookie;
		done[cnt].len = 0;
		done[cnt].slot = id;
		done[cnt].flags = 0;
		cnt++;
		vq_split_free_chain(vq, id);
	}
	return cnt;
}
