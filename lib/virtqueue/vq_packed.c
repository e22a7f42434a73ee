/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Packed virtqueue engine, driver side: see vq_packed.h for the contract.
 *
 * Trust boundary: one ring serves both directions, so every descriptor
 * is ours until the device flips it to used, and then the device's
 * until we harvest it. Chain lengths and writable byte counts live in
 * slots[] (indexed by a validated id), never read back from the ring;
 * each used descriptor's flags, id and length are loaded once.
 */

#include <errno.h>
#include <string.h>

#include "vq_packed.h"

#define VQ_EVENT_WRAP	(1u << VRING_PACKED_EVENT_F_WRAP_CTR)

struct vq_packed_layout {
	size_t driver_event_off;
	size_t device_event_off;
	size_t slot_off;
	uint32_t stride;
	size_t total;
};

static int
vq_packed_layout(const struct vq_config *cfg,
		 struct vq_packed_layout *lo)
{
	uint64_t size, total;

	/* As for split, a table longer than the queue is not allowed. */
	if (cfg == NULL || cfg->size == 0 ||
	    cfg->size > VQ_PACKED_MAX_SIZE || cfg->indirect_max > cfg->size)
		return -EINVAL;
	size = cfg->size;

	/* Ring: 16-byte aligned; event areas: 4-byte aligned (2.8.10). */
	lo->driver_event_off = size * sizeof(struct vring_packed_desc);
	lo->device_event_off = lo->driver_event_off +
		sizeof(struct vring_packed_desc_event);
	lo->slot_off = vq_align_up(lo->device_event_off +
				   sizeof(struct vring_packed_desc_event),
				   VQ_SLOT_ALIGN);
	if (!vq_slot_stride(cfg, &lo->stride))
		return -EINVAL;
	total = lo->slot_off + size * lo->stride;
	if ((size_t)total != total)
		return -EINVAL;
	lo->total = total;
	return 0;
}

static size_t
vq_packed_meta_bytes(uint16_t size)
{
	return (size_t)size * (sizeof(struct vq_slot_state) +
			       sizeof(uint16_t));
}

size_t
vq_packed_mem_size(const struct vq_config *cfg)
{
	struct vq_packed_layout lo;

	return vq_packed_layout(cfg, &lo) < 0 ? 0 : lo.total;
}

size_t
vq_packed_meta_size(const struct vq_config *cfg)
{
	struct vq_packed_layout lo;

	return vq_packed_layout(cfg, &lo) < 0 ? 0 :
		vq_packed_meta_bytes(cfg->size);
}

int
vq_packed_init(struct vq_packed *vq, const struct vq_config *cfg,
	       void *mem, uint64_t iova, void *meta,
	       vq_notify_fn notify, void *notify_arg)
{
	struct vq_packed_layout lo;
	uint8_t *base = mem;
	uint32_t i;

	if (vq == NULL || !vq_memory_usable(mem, iova, meta) ||
	    vq_packed_layout(cfg, &lo) < 0)
		return -EINVAL;

	memset(vq, 0, sizeof(*vq));
	/*
	 * All flags zero: AVAIL == USED == 0, which with both wrap counters
	 * at 1 reads as "neither available nor used" to both sides.
	 */
	memset(mem, 0, lo.total);

	vq->size = cfg->size;
	vq->indirect_max = cfg->indirect_max;
	vq->event_idx = cfg->event_idx;
	vq->platform_order = cfg->platform_order;
	vq->num_free = cfg->size;
	vq->avail_wrap = true;
	vq->used_wrap = true;

	vq->desc = mem;
	vq->driver_event = (void *)(base + lo.driver_event_off);
	vq->device_event = (void *)(base + lo.device_event_off);
	vq->desc_iova = iova;
	vq->driver_event_iova = iova + lo.driver_event_off;
	vq->device_event_iova = iova + lo.device_event_off;

	vq->area = vq_slot_area_at(base, iova, lo.slot_off, lo.stride,
				   cfg->indirect_max);

	vq->notify = notify;
	vq->notify_arg = notify_arg;

	/* We poll: no used-buffer notifications, ever. */
	vq->driver_event->flags = vq_le16(VRING_PACKED_EVENT_FLAG_DISABLE);

	memset(meta, 0, vq_packed_meta_bytes(vq->size));
	vq->slots = meta;
	vq->free_ids = (uint16_t *)(vq->slots + vq->size);
	/* Id 0 on top: the first posts use ids 0, 1, 2... */
	for (i = 0; i < vq->size; i++)
		vq->free_ids[i] = (uint16_t)(vq->size - 1 - i);
	vq->ids_free = vq->size;
	return 0;
}

static inline void
vq_packed_break(struct vq_packed *vq)
{
	if (!vq->broken)
		vq_count(&vq->stats.bad_id, 1);
	__atomic_store_n(&vq->broken, true, __ATOMIC_RELAXED);
}

/*
 * A direct chain: the head is the first descriptor but must become
 * available last, so the others are written first, at the positions
 * after it; the head then takes the position saved for it.
 */
static void
vq_packed_post_direct(struct vq_packed *vq, uint16_t id,
		      const struct vq_buf *bufs, uint16_t n)
{
	uint16_t head_pos = vq->next_avail;
	bool head_wrap = vq->avail_wrap;
	uint16_t end_pos;
	bool end_wrap;
	uint16_t i;

	/* Skip the head's position, write the rest of the chain. */
	if (++vq->next_avail == vq->size) {
		vq->next_avail = 0;
		vq->avail_wrap = !vq->avail_wrap;
	}
	for (i = 1; i < n; i++) {
		uint16_t f = (bufs[i].flags & VQ_BUF_WRITE) ?
			VRING_DESC_F_WRITE : 0;

		if (i + 1 < n)
			f |= VRING_DESC_F_NEXT;
		vq_packed_ring_write(vq, bufs[i].iova, bufs[i].len, id, f,
				     false);
	}
	end_pos = vq->next_avail;
	end_wrap = vq->avail_wrap;

	/* Now the head, at its own position and lap. */
	vq->next_avail = head_pos;
	vq->avail_wrap = head_wrap;
	vq_packed_ring_write(vq, bufs[0].iova, bufs[0].len, id,
			     ((bufs[0].flags & VQ_BUF_WRITE) ?
			      VRING_DESC_F_WRITE : 0) |
			     (n > 1 ? VRING_DESC_F_NEXT : 0), true);
	vq->next_avail = end_pos;
	vq->avail_wrap = end_wrap;
}

int
vq_packed_post(struct vq_packed *vq, const struct vq_buf *bufs, uint16_t n,
	       void *cookie)
{
	bool indirect = vq->indirect_max != 0 && n <= vq->indirect_max;
	struct vring_packed_desc *table;
	uint32_t writable;
	uint16_t id, i;
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

	id = vq->free_ids[vq->ids_free - 1];
	if (indirect) {
		struct vq_slot_mem m = vq_packed_slot_mem(vq, id);

		table = (struct vring_packed_desc *)m.table;
		for (i = 0; i < n; i++)
			vq_packed_table_write(&table[i], bufs[i].iova,
					      bufs[i].len,
					      bufs[i].flags & VQ_BUF_WRITE);
		vq_packed_post_table(vq, id, m.table_iova, n, writable,
				     cookie);
	} else {
		vq_packed_post_direct(vq, id, bufs, n);
		vq_packed_record(vq, id, n, writable, cookie);
	}
	return id;
}

/*
 * Whether the device asked to be told of what was added: old and new are
 * the ring positions before and after this batch, new in lap avail_wrap.
 * Its event position in the other lap is one ring size back.
 */
static bool
vq_packed_device_wants(const struct vq_packed *vq, uint16_t old,
		       uint16_t new)
{
	/* One load: flags and position from the same device write. */
	uint32_t ev = vq_le32(__atomic_load_n((uint32_t *)vq->device_event,
					      __ATOMIC_RELAXED));
	uint16_t flags = (uint16_t)(ev >> 16);
	uint16_t off_wrap = (uint16_t)ev;
	uint16_t pos;

	if (flags == VRING_PACKED_EVENT_FLAG_DISABLE)
		return false;
	if (flags != VRING_PACKED_EVENT_FLAG_DESC || !vq->event_idx)
		return true;	/* enabled, or a value we cannot read: tell */
	pos = off_wrap & (uint16_t)~VQ_EVENT_WRAP;
	if (!!(off_wrap & VQ_EVENT_WRAP) != vq->avail_wrap)
		pos -= vq->size;
	return vring_need_event(pos, new, old);
}

bool
vq_packed_publish(struct vq_packed *vq)
{
	uint16_t new = vq->next_avail;
	uint16_t old = (uint16_t)(new - vq->added);
	struct vring_packed_desc *head;

	if (!vq->batch_open)
		return false;

	/* Every descriptor of the batch is visible before its first head. */
	head = &vq->desc[vq->batch_head];
	if (vq->platform_order) {
		vq_dma_wmb();
		__atomic_store_n(&head->flags, vq_le16(vq->batch_head_flags),
				 __ATOMIC_RELAXED);
	} else {
		__atomic_store_n(&head->flags, vq_le16(vq->batch_head_flags),
				 __ATOMIC_RELEASE);
	}
	vq->batch_open = false;
	vq->added = 0;

	/*
	 * Store-load barrier: a device that just asked for no notifications
	 * and re-checks the ring sees our head, or we see its request.
	 */
	if (vq->platform_order)
		vq_dma_mb();
	else
		__atomic_thread_fence(__ATOMIC_SEQ_CST);

	if (!vq_packed_device_wants(vq, old, new))
		return false;
	vq_count(&vq->stats.notifications, 1);
	return true;
}

bool
vq_packed_kick(struct vq_packed *vq)
{
	if (!vq_packed_publish(vq))
		return false;
	if (vq->notify != NULL)
		vq->notify(vq->notify_arg);
	return true;
}

static inline uint16_t
vq_packed_used_flags(const struct vq_packed *vq,
		     const struct vring_packed_desc *d)
{
	uint16_t flags;

	if (vq->platform_order) {
		flags = __atomic_load_n(&d->flags, __ATOMIC_RELAXED);
		vq_dma_rmb();
	} else {
		flags = __atomic_load_n(&d->flags, __ATOMIC_ACQUIRE);
	}
	return vq_le16(flags);
}

/* Give a harvested chain's id and positions back; skip its positions. */
static void
vq_packed_release(struct vq_packed *vq, uint16_t id)
{
	struct vq_slot_state *st = &vq->slots[id];
	uint32_t next = (uint32_t)vq->last_used + st->ndesc;

	if (next >= vq->size) {
		next -= vq->size;
		vq->used_wrap = !vq->used_wrap;
	}
	vq->last_used = (uint16_t)next;
	vq->num_free += st->ndesc;
	vq->free_ids[vq->ids_free++] = id;
	vq_packed_in_flight_add(vq, -1);
	st->cookie = NULL;
}

uint16_t
vq_packed_harvest(struct vq_packed *vq, struct vq_done *done, uint16_t max)
{
	uint16_t cnt = 0;

	if (vq->broken)
		return 0;
	while (cnt < max) {
		const struct vring_packed_desc *d = &vq->desc[vq->last_used];
		uint16_t flags = vq_packed_used_flags(vq, d);
		uint16_t id;
		uint32_t len;
		struct vq_slot_state *st;

		if (!vq_packed_flags_used(flags, vq->used_wrap))
			break;
		id = vq_le16(__atomic_load_n(&d->id, __ATOMIC_RELAXED));
		len = vq_le32(__atomic_load_n(&d->len, __ATOMIC_RELAXED));
		if (id >= vq->size || vq->slots[id].cookie == NULL) {
			vq_packed_break(vq);
			break;
		}
		st = &vq->slots[id];
		done[cnt].cookie = st->cookie;
		done[cnt].len = len;
		done[cnt].slot = id;
		done[cnt].flags = 0;
		if (len > st->writable) {
			done[cnt].flags = VQ_DONE_BAD_LEN;
			vq_count(&vq->stats.bad_len, 1);
		}
		vq_packed_release(vq, id);
		cnt++;
	}
	vq_count(&vq->stats.completed, cnt);
	return cnt;
}

uint16_t
vq_packed_reclaim(struct vq_packed *vq, struct vq_done *done, uint16_t max)
{
	uint16_t cnt = 0;
	uint32_t id;

	for (id = 0; id < vq->size && cnt < max && vq->in_flight > 0; id++) {
		struct vq_slot_state *st = &vq->slots[id];

		if (st->cookie == NULL)
			continue;
		done[cnt] = (struct vq_done){ .cookie = st->cookie,
			.slot = (uint16_t)id };
		cnt++;
		vq->num_free += st->ndesc;
		vq->free_ids[vq->ids_free++] = (uint16_t)id;
		vq_packed_in_flight_add(vq, -1);
		st->cookie = NULL;
	}
	return cnt;
}
