/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Split virtqueue, device side (virtio 1.x, 2.7): take chains off the
 * avail ring, put completions on the used ring.
 *
 * The driver owns the descriptor table and the avail ring and may change
 * them at any time: every word is loaded once into a local and checked
 * before it is used as an index or a length. Anything a correct driver
 * cannot produce fails the pop; the caller makes the device NEEDS_RESET,
 * as QEMU's virtio_error() does.
 */

#include <endian.h>
#include <string.h>

#include "vcdev_internal.h"

static inline struct vring_desc
desc_load(const struct vring_desc *p)
{
	struct vring_desc d;

	/* One copy: the driver may scribble on the table meanwhile. */
	memcpy(&d, p, sizeof(d));
	d.addr = le64toh(d.addr);
	d.len = le32toh(d.len);
	d.flags = le16toh(d.flags);
	d.next = le16toh(d.next);
	return d;
}

/*
 * Map one buffer and append it. Readable buffers must all come before
 * writable ones (2.7.4.2), so appending keeps readable segments first.
 */
int
vcdev_ring_add_seg(struct vcdev_queue *q, struct vcdev_chain *ch,
		   const struct vring_desc *d, bool *seen_write)
{
	bool write = d->flags & VRING_DESC_F_WRITE;
	uint16_t n = ch->nr + ch->nw;
	void *p;

	if (!write && *seen_write)
		return -1;
	*seen_write |= write;
	/* QEMU breaks the device over these, whatever the queue. */
	if (d->len == 0) {
		VCDEV_ADD(q->m, zero_sized, 1);
		vcdev_log_once(q->m, VCDEV_LOG_ZERO_SIZED,
			       "vcdev: queue %u: a buffer of length 0 (QEMU: zero sized buffers are not allowed): device needs reset",
			       q->qid);
		return -1;
	}
	if (n >= VCDEV_MAX_CHAIN)
		return -1;
	p = vcdev_map(q->m, d->addr, d->len, write);
	if (p == NULL)
		return -1;
	ch->seg[n] = (struct vcdev_seg){ p, d->len };
	if (write) {
		ch->nw++;
		ch->wlen += d->len;
	} else {
		ch->nr++;
		ch->rlen += d->len;
	}
	return 0;
}

const void *
vcdev_ring_map_table(struct vcdev_queue *q, struct vcdev_chain *ch,
		     const struct vring_desc *ind)
{
	const void *table;

	/* Entries are 16 bytes in both layouts. */
	if (!vcdev_has_feature(q->m, VIRTIO_RING_F_INDIRECT_DESC) ||
	    (ind->flags & VRING_DESC_F_NEXT) || ind->len == 0 ||
	    ind->len % 16 != 0 || ind->len / 16 > VCDEV_MAX_CHAIN)
		return NULL;
	table = vcdev_map(q->m, ind->addr, ind->len, false);
	if (table == NULL)
		return NULL;
	ch->indirect = true;
	ch->table_len = ind->len / 16;
	return table;
}

/* The chain an indirect head points to: flat, no nesting (2.7.5.3). */
static int
walk_indirect(struct vcdev_queue *q, struct vcdev_chain *ch,
	      const struct vring_desc *ind)
{
	const struct vring_desc *table = vcdev_ring_map_table(q, ch, ind);
	bool seen_write = false;
	struct vring_desc d;
	uint32_t n = ch->table_len, i = 0, steps = 0;

	if (table == NULL)
		return -1;
	for (;;) {
		/* A chain longer than its table loops. */
		if (++steps > n)
			return -1;
		d = desc_load(&table[i]);
		if ((d.flags & VRING_DESC_F_INDIRECT) ||
		    vcdev_ring_add_seg(q, ch, &d, &seen_write) != 0)
			return -1;
		if (!(d.flags & VRING_DESC_F_NEXT))
			return 0;
		i = d.next;
		if (i >= n)
			return -1;
	}
}

static int
walk(struct vcdev_queue *q, struct vcdev_chain *ch, uint16_t head)
{
	bool seen_write = false;
	struct vring_desc d;
	uint32_t steps = 0;
	uint16_t i = head;

	for (;;) {
		/* No chain is longer than the ring: more means a loop. */
		if (++steps > q->size)
			return -1;
		d = desc_load(&q->desc[i]);
		if (d.flags & VRING_DESC_F_INDIRECT) {
			/* Only a lone head may refer to a table. */
			if (i != head)
				return -1;
			return walk_indirect(q, ch, &d);
		}
		if (vcdev_ring_add_seg(q, ch, &d, &seen_write) != 0)
			return -1;
		if (!(d.flags & VRING_DESC_F_NEXT))
			return 0;
		i = d.next;
		if (i >= q->size)
			return -1;
	}
}

static inline uint16_t
avail_idx(const struct vcdev_queue *q)
{
	/* Acquire: ring entries and descriptors are read after the index. */
	return le16toh(__atomic_load_n(&q->avail->idx, __ATOMIC_ACQUIRE));
}

bool
vcdev_ring_pending(struct vcdev_queue *q)
{
	if (q->packed)
		return vcdev_packed_pending(q);
	return avail_idx(q) != q->last_avail;
}

int
vcdev_ring_pop(struct vcdev_queue *q, struct vcdev_chain *ch)
{
	uint16_t pending, head;

	if (q->packed)
		return vcdev_packed_pop(q, ch);
	pending = avail_idx(q) - q->last_avail;
	if (pending == 0)
		return VCDEV_POP_EMPTY;
	/* The driver cannot have more available than the ring holds. */
	if (pending > q->size)
		return VCDEV_POP_BAD;
	head = le16toh(__atomic_load_n(&q->avail->ring[q->last_avail & q->mask],
				       __ATOMIC_RELAXED));
	if (head >= q->size)
		return VCDEV_POP_BAD;
	memset(ch, 0, sizeof(*ch));
	ch->head = head;
	ch->slot = q->last_avail & q->mask;
	ch->seg = q->segs;
	if (walk(q, ch, head) != 0)
		return VCDEV_POP_BAD;
	q->last_avail++;
	return VCDEV_POP_OK;
}

void
vcdev_ring_push(struct vcdev_queue *q, uint32_t id, uint32_t len)
{
	struct vring_used_elem *e;

	if (q->packed) {
		vcdev_packed_push(q, id, len);
		return;
	}
	e = &q->used->ring[q->used_idx & q->mask];
	__atomic_store_n(&e->id, htole32(id), __ATOMIC_RELAXED);
	__atomic_store_n(&e->len, htole32(len), __ATOMIC_RELAXED);
	q->used_idx++;
}

void
vcdev_ring_publish(struct vcdev_queue *q)
{
	/* Packed: each used descriptor was visible as it was written. */
	if (q->packed)
		return;
	/* Release: the entries are visible before the index that covers them. */
	__atomic_store_n(&q->used->idx, htole16(q->used_idx), __ATOMIC_RELEASE);
	if (vcdev_has_feature(q->m, VIRTIO_RING_F_EVENT_IDX)) {
		uint16_t *avail_event = (uint16_t *)&q->used->ring[q->size];

		/* "Kick me for the next entry": we never sleep through one. */
		__atomic_store_n(avail_event, htole16(q->last_avail),
				 __ATOMIC_RELAXED);
		/* Pairs with the driver's fence between its index and this. */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	}
}

void
vcdev_ring_in_flight(struct vcdev_queue *q, uint64_t *bm)
{
	uint16_t pending;
	unsigned int i;

	for (i = 0; i < q->nheld; i++)
		vcdev_bit_set(bm, q->held[i].id, q->size);
	for (i = 0; i < q->nbatch; i++)
		vcdev_bit_set(bm, q->batch[i].id, q->size);
	if (q->packed) {
		vcdev_packed_in_flight(q, bm);
		return;
	}
	pending = avail_idx(q) - q->last_avail;
	if (pending > q->size)
		pending = q->size;
	for (i = 0; i < pending; i++)
		vcdev_bit_set(bm, le16toh(__atomic_load_n(
			&q->avail->ring[(q->last_avail + i) & q->mask],
			__ATOMIC_RELAXED)), q->size);
}

void
vcdev_chain_read(const struct vcdev_chain *ch, uint8_t *dst, size_t len)
{
	uint16_t i;
	size_t n;

	for (i = 0; i < ch->nr && len > 0; i++) {
		n = ch->seg[i].len < len ? ch->seg[i].len : len;
		memcpy(dst, ch->seg[i].p, n);
		dst += n;
		len -= n;
	}
}

void
vcdev_chain_write(const struct vcdev_chain *ch, uint64_t off,
		  const uint8_t *src, size_t len)
{
	const struct vcdev_seg *s = ch->seg + ch->nr;
	uint16_t i;
	size_t n;

	for (i = 0; i < ch->nw && len > 0; i++) {
		if (off >= s[i].len) {
			off -= s[i].len;
			continue;
		}
		n = s[i].len - off < len ? s[i].len - off : len;
		memcpy(s[i].p + off, src, n);
		src += n;
		len -= n;
		off = 0;
	}
}
