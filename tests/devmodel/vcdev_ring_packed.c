/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Packed virtqueue, device side (virtio 1.1, 2.8): take the chains the
 * driver made available at our position, in ring order, and write one
 * used descriptor per chain at our used position, skipping as many
 * positions as the chain took.
 *
 * As on split rings, every word the driver wrote is loaded once and
 * checked: a chain that runs into a descriptor not available, is longer
 * than the ring, refers to a table anywhere but at its head, nests
 * tables, puts flags other than WRITE in a table, or names a buffer id
 * beyond the ring fails the pop (the caller makes the device
 * NEEDS_RESET, as QEMU's virtio_error() does).
 */

#include <endian.h>
#include <string.h>

#include "vcdev_internal.h"

#define F_AVAIL (1u << VRING_PACKED_DESC_F_AVAIL)
#define F_USED (1u << VRING_PACKED_DESC_F_USED)

/* Available in the lap of wrap: AVAIL == wrap, USED != wrap. */
static inline bool
is_avail(uint16_t flags, bool wrap)
{
	return !!(flags & F_AVAIL) == wrap && !!(flags & F_USED) != wrap;
}

/* Flags first, with acquire: the rest of the descriptor is read after. */
static inline uint16_t
flags_at(const struct vcdev_queue *q, uint16_t pos)
{
	return le16toh(__atomic_load_n(&q->pdesc[pos].flags,
				       __ATOMIC_ACQUIRE));
}

/* One copy, as a split descriptor (the WRITE bit is the same). */
static inline struct vring_desc
packed_load(const struct vring_packed_desc *p, uint16_t *id)
{
	struct vring_packed_desc d;

	memcpy(&d, p, sizeof(d));
	*id = le16toh(d.id);
	return (struct vring_desc){ .addr = le64toh(d.addr),
		.len = le32toh(d.len), .flags = le16toh(d.flags) };
}

static inline void
advance(uint16_t *pos, bool *wrap, uint16_t size)
{
	if (++*pos == size) {
		*pos = 0;
		*wrap = !*wrap;
	}
}

bool
vcdev_packed_pending(struct vcdev_queue *q)
{
	return is_avail(flags_at(q, q->last_avail), q->avail_wrap);
}

/* A table: entries in order, to its end; only WRITE is a valid flag. */
static int
walk_table(struct vcdev_queue *q, struct vcdev_chain *ch,
	   const struct vring_desc *ind)
{
	const struct vring_packed_desc *table =
		vcdev_ring_map_table(q, ch, ind);
	bool seen_write = false;
	struct vring_desc d;
	uint32_t i;
	uint16_t id;

	if (table == NULL)
		return -1;
	for (i = 0; i < ch->table_len; i++) {
		d = packed_load(&table[i], &id);
		if ((d.flags & ~VRING_DESC_F_WRITE) != 0 ||
		    vcdev_ring_add_seg(q, ch, &d, &seen_write) != 0)
			return -1;
	}
	return 0;
}

int
vcdev_packed_pop(struct vcdev_queue *q, struct vcdev_chain *ch)
{
	uint16_t pos = q->last_avail, id = 0, n = 0;
	bool wrap = q->avail_wrap, seen_write = false;
	struct vring_desc d;
	uint16_t flags;

	flags = flags_at(q, pos);
	if (!is_avail(flags, wrap))
		return VCDEV_POP_EMPTY;
	memset(ch, 0, sizeof(*ch));
	ch->seg = q->segs;
	for (;;) {
		/* No chain is longer than the ring. */
		if (++n > q->size || !is_avail(flags, wrap))
			return VCDEV_POP_BAD;
		d = packed_load(&q->pdesc[pos], &id);
		advance(&pos, &wrap, q->size);
		if (d.flags & VRING_DESC_F_INDIRECT) {
			/* Only a lone head may refer to a table. */
			if (n != 1 || walk_table(q, ch, &d) != 0)
				return VCDEV_POP_BAD;
			break;
		}
		if (vcdev_ring_add_seg(q, ch, &d, &seen_write) != 0)
			return VCDEV_POP_BAD;
		if (!(d.flags & VRING_DESC_F_NEXT))
			break;
		flags = flags_at(q, pos);
	}
	/* The id of the chain is its last descriptor's. */
	if (id >= q->size)
		return VCDEV_POP_BAD;
	/* No avail ring: the id is where the chain came from, in order. */
	ch->head = id;
	ch->slot = id;
	q->chain_len[id] = n;
	q->last_avail = pos;
	q->avail_wrap = wrap;
	return VCDEV_POP_OK;
}

void
vcdev_packed_push(struct vcdev_queue *q, uint32_t id, uint32_t len)
{
	struct vring_packed_desc *d = &q->pdesc[q->used_idx];
	/* A bad id (fault injection) takes one position. */
	uint16_t skip = id < q->size ? q->chain_len[id] : 1;
	uint16_t i;

	__atomic_store_n(&d->id, htole16((uint16_t)id), __ATOMIC_RELAXED);
	__atomic_store_n(&d->len, htole32(len), __ATOMIC_RELAXED);
	/* Release: id and length are visible before the flags say used. */
	__atomic_store_n(&d->flags, htole16(q->used_wrap ? F_AVAIL | F_USED : 0),
			 __ATOMIC_RELEASE);
	for (i = 0; i < (skip != 0 ? skip : 1); i++)
		advance(&q->used_idx, &q->used_wrap, q->size);
}

/* The ids of the chains made available and not popped yet. */
void
vcdev_packed_in_flight(struct vcdev_queue *q, uint64_t *bm)
{
	uint16_t pos = q->last_avail, id, n;
	bool wrap = q->avail_wrap;
	struct vring_desc d;

	for (n = 0; n < q->size && is_avail(flags_at(q, pos), wrap); n++) {
		d = packed_load(&q->pdesc[pos], &id);
		advance(&pos, &wrap, q->size);
		if (!(d.flags & VRING_DESC_F_NEXT))
			vcdev_bit_set(bm, id, q->size);
	}
}
