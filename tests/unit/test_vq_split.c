/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Unit test of the split virtqueue engine. The test plays the device: it
 * finds the rings from the documented layout (not from the engine's
 * pointers), reads descriptors and the avail ring, and writes used
 * entries -- sometimes correct ones, sometimes hostile ones.
 *
 * Output is one line per check; the exit status is non-zero if any fails.
 */

#include <endian.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "vq_test_bufs.h"
#include "vq_split.h"


#define TEST_IOVA	0x40000000ull	/* deliberately not the VA */
#define MAX_CHAIN	64

/* Cookies are opaque to the engine: small tagged integers will do. */
#define CK(k)		((void *)(uintptr_t)(0x1000 + (k)))

static uint64_t
align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

/* A queue plus the device model looking at the same memory. */
struct fx {
	struct vq_split vq;
	struct vq_config cfg;
	uint8_t *mem;
	size_t mem_size;
	void *meta;
	unsigned int notifies;

	/* device side, from the layout contract */
	uint16_t size;
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	uint16_t last_avail;
	uint16_t used_idx;
};

static void
on_notify(void *arg)
{
	struct fx *f = arg;

	f->notifies++;
}

static size_t
used_off(uint16_t size)
{
	return align_up(16u * size + 6u + 2u * size, 4096);
}

static bool
fx_init(struct fx *f, uint16_t size, uint16_t ind, uint32_t priv, bool ev)
{
	void *p;

	memset(f, 0, sizeof(*f));
	f->cfg.size = size;
	f->cfg.indirect_max = ind;
	f->cfg.slot_priv_size = priv;
	f->cfg.event_idx = ev;
	f->mem_size = vq_split_mem_size(&f->cfg);
	/* exact size: ASan then catches any write past the block */
	if (f->mem_size == 0 || posix_memalign(&p, 4096, f->mem_size) != 0)
		return false;
	f->mem = p;
	memset(f->mem, 0xa5, f->mem_size);	/* init must zero it */
	f->meta = malloc(vq_split_meta_size(&f->cfg));
	if (f->meta == NULL)
		return false;
	if (vq_split_init(&f->vq, &f->cfg, f->mem, TEST_IOVA, f->meta,
			  on_notify, f) != 0)
		return false;

	f->size = size;
	f->desc = (struct vring_desc *)f->mem;
	f->avail = (struct vring_avail *)(f->mem + 16u * size);
	f->used = (struct vring_used *)(f->mem + used_off(size));
	return true;
}

static void
fx_fini(struct fx *f)
{
	free(f->mem);
	free(f->meta);
	f->mem = NULL;
	f->meta = NULL;
}

/* ---- device model ---- */

struct chain {
	uint16_t head;
	uint16_t avail_pos;
	bool indirect;
	uint16_t n;
	uint16_t ids[MAX_CHAIN];	/* ring descriptors (direct) */
	struct dbuf b[MAX_CHAIN];
	uint32_t writable;
	bool ok;			/* well formed, as a device sees it */
};

static void *
dev_ptr(struct fx *f, uint64_t iova, uint64_t len)
{
	if (iova < TEST_IOVA || iova - TEST_IOVA + len > f->mem_size)
		return NULL;
	return f->mem + (iova - TEST_IOVA);
}

static bool
dev_add_buf(struct chain *c, const struct vring_desc *d)
{
	uint16_t flags = le16toh(d->flags);

	if (c->n == MAX_CHAIN)
		return false;
	c->b[c->n].addr = le64toh(d->addr);
	c->b[c->n].len = le32toh(d->len);
	c->b[c->n].write = flags & VRING_DESC_F_WRITE;
	if (c->b[c->n].write)
		c->writable += c->b[c->n].len;
	else if (c->writable != 0)
		return false;	/* readable after writable */
	c->n++;
	return true;
}

static bool
dev_walk_indirect(struct fx *f, struct chain *c, const struct vring_desc *rd)
{
	uint32_t len = le32toh(rd->len);
	const struct vring_desc *t;
	uint32_t i, cnt;

	if (len == 0 || len % 16 != 0 ||
	    (le16toh(rd->flags) & VRING_DESC_F_NEXT))
		return false;
	t = dev_ptr(f, le64toh(rd->addr), len);
	if (t == NULL)
		return false;
	cnt = len / 16;
	for (i = 0; i < cnt; i++) {
		uint16_t fl = le16toh(t[i].flags);

		if ((fl & VRING_DESC_F_INDIRECT) || !dev_add_buf(c, &t[i]))
			return false;
		if (!(fl & VRING_DESC_F_NEXT))
			return i + 1 == cnt;
		if (le16toh(t[i].next) != i + 1)
			return false;
	}
	return false;
}

/* Pop the next available chain, or return false if none is published. */
static bool
dev_pop(struct fx *f, struct chain *c)
{
	uint16_t avail_idx = le16toh(__atomic_load_n(&f->avail->idx,
						     __ATOMIC_ACQUIRE));
	uint16_t id, i;

	memset(c, 0, sizeof(*c));
	if (avail_idx == f->last_avail)
		return false;
	c->avail_pos = f->last_avail;
	c->head = le16toh(f->avail->ring[f->last_avail & (f->size - 1)]);
	f->last_avail++;
	if (c->head >= f->size)
		return true;
	id = c->head;
	for (i = 0; i < f->size; i++) {
		const struct vring_desc *d = &f->desc[id];
		uint16_t fl = le16toh(d->flags);

		c->ids[i] = id;
		if (fl & VRING_DESC_F_INDIRECT) {
			c->indirect = true;
			c->ok = i == 0 && dev_walk_indirect(f, c, d);
			return true;
		}
		if (!dev_add_buf(c, d))
			return true;
		if (!(fl & VRING_DESC_F_NEXT)) {
			c->ok = true;
			return true;
		}
		id = le16toh(d->next);
		if (id >= f->size)
			return true;
	}
	return true;	/* loop: not ok */
}

/* Write a used entry without publishing it. */
static void
dev_put(struct fx *f, uint32_t id, uint32_t len)
{
	struct vring_used_elem *e = &f->used->ring[f->used_idx & (f->size - 1)];

	e->id = htole32(id);
	e->len = htole32(len);
	f->used_idx++;
}

static void
dev_publish(struct fx *f)
{
	__atomic_store_n(&f->used->idx, htole16(f->used_idx), __ATOMIC_RELEASE);
}

static void
dev_complete(struct fx *f, uint32_t id, uint32_t len)
{
	dev_put(f, id, len);
	dev_publish(f);
}

/* avail_event sits after used->ring[size]: flags, idx, 8 bytes a entry. */
static void
dev_avail_event_set(struct fx *f, uint16_t v)
{
	uint16_t *ev = (uint16_t *)((uint8_t *)f->used + 4 + 8u * f->size);

	*ev = htole16(v);
}

static uint16_t
dev_used_event(struct fx *f)
{
	return le16toh(f->avail->ring[f->size]);
}

/* ---- helpers ---- */

/* Does the device-side chain carry exactly the buffers posted? */
static bool
chain_matches(const struct chain *c, const struct vq_buf *b, uint16_t n)
{
	return c->ok && dbufs_match(c->b, c->n, b, n);
}

/* Take everything back and check it is exactly the expected cookies. */
static bool
reclaim_exactly(struct fx *f, void *const *want, unsigned int nwant)
{
	struct vq_done d[64];
	bool seen[64] = { false };
	unsigned int i, j;
	uint16_t n;

	n = vq_split_reclaim(&f->vq, d, 64);
	if (n != nwant || nwant > 64)
		return false;
	for (i = 0; i < n; i++) {
		if (d[i].len != 0 || d[i].flags != 0)
			return false;
		for (j = 0; j < nwant; j++)
			if (d[i].cookie == want[j] && !seen[j])
				break;
		if (j == nwant)
			return false;
		seen[j] = true;
	}
	return vq_split_in_flight(&f->vq) == 0 &&
		f->vq.num_free == f->vq.size;
}

/* ---- tests ---- */

static void
test_layout_one(uint16_t size, uint16_t ind, uint32_t priv, bool ev)
{
	struct fx f;
	struct vq_split *vq = &f.vq;
	size_t used_end, stride_min;
	bool zero = true, ids = true;
	uint8_t *last_end;
	size_t i;

	if (!fx_init(&f, size, ind, priv, ev)) {
		CHECK(false, "layout size=%u ind=%u priv=%u: init", size, ind,
		      priv);
		return;
	}
	used_end = used_off(size) + 6u + 8u * size;
	stride_min = 16u * ind + priv;

	CHECK((uint8_t *)vq->desc == f.mem && vq->desc_iova == TEST_IOVA,
	      "layout size=%u ind=%u priv=%u ev=%d: desc table at 0",
	      size, ind, priv, ev);
	CHECK((uint8_t *)vq->avail == f.mem + 16u * size &&
	      vq->avail_iova == TEST_IOVA + 16u * size,
	      "layout size=%u: avail right after the descriptors", size);
	CHECK((uint8_t *)vq->used == f.mem + used_off(size) &&
	      vq->used_iova == TEST_IOVA + used_off(size) &&
	      vq->used_iova % 4096 == 0,
	      "layout size=%u: used ring at the next 4096 boundary", size);
	CHECK(vq->area.base >= f.mem + used_end &&
	      (uintptr_t)vq->area.base % 64 == 0 &&
	      vq->area.base_iova == TEST_IOVA + (uint64_t)(vq->area.base - f.mem),
	      "layout size=%u: slot areas after the used ring, 64-aligned",
	      size);
	CHECK(vq->area.stride % 64 == 0 && vq->area.stride >= stride_min &&
	      vq->area.stride < stride_min + 64 &&
	      vq->area.priv_off == 16u * ind,
	      "layout size=%u ind=%u priv=%u: stride %u, priv at %u", size,
	      ind, priv, vq->area.stride, vq->area.priv_off);
	last_end = (uint8_t *)vq_split_slot_priv(vq, size - 1) + priv;
	CHECK(last_end <= f.mem + f.mem_size &&
	      f.mem_size <= (size_t)(vq->area.base - f.mem) +
			    (size_t)size * vq->area.stride,
	      "layout size=%u: mem_size %zu covers exactly the slots", size,
	      f.mem_size);
	CHECK(vq_split_slot_priv_iova(vq, 1 % size) - TEST_IOVA ==
	      (uint64_t)((uint8_t *)vq_split_slot_priv(vq, 1 % size) - f.mem),
	      "layout size=%u: slot priv IOVA matches its address", size);
	/* All zero but the two words asking for no interrupts. */
	for (i = 0; i < f.mem_size; i++)
		zero = zero && (f.mem[i] == 0 ||
			&f.mem[i] == (uint8_t *)&vq->avail->flags ||
			(&f.mem[i] >= (uint8_t *)&vq->avail->ring[size] &&
			 &f.mem[i] < (uint8_t *)&vq->avail->ring[size + 1]));
	CHECK(zero, "layout size=%u: init zeroed the block", size);
	CHECK(le16toh(vq->avail->flags) == VRING_AVAIL_F_NO_INTERRUPT &&
	      le16toh(vq->avail->ring[size]) == 0xffff,
	      "layout size=%u: no interrupts asked, either way", size);
	CHECK(vq_split_meta_size(&f.cfg) >= (size_t)size *
	      (sizeof(struct vq_slot_state) + 4) &&
	      (uintptr_t)vq->slots % _Alignof(struct vq_slot_state) == 0,
	      "layout size=%u: meta holds slots, free ids, next shadow", size);
	for (i = 0; i < size; i++)
		ids = ids && vq->free_ids[i] == i && vq->slots[i].cookie == NULL;
	CHECK(ids && vq->num_free == size && vq_split_next_slot(vq) == 0 &&
	      vq_split_in_flight(vq) == 0 && !vq->broken,
	      "layout size=%u: all %u descriptors free, next slot 0", size,
	      size);
	fx_fini(&f);
}

static void
test_layout(void)
{
	struct vq_config cfg = { .size = 8 };
	struct vq_split vq;
	uint64_t meta[64];
	void *mem;

	test_layout_one(1, 0, 0, false);
	test_layout_one(8, 0, 0, false);
	test_layout_one(16, 4, 40, true);
	test_layout_one(256, 8, 128, false);
	test_layout_one(1024, 0, 100, true);
	test_layout_one(32768, 2, 16, true);

	cfg.size = 0;
	CHECK(vq_split_mem_size(&cfg) == 0 && vq_split_meta_size(&cfg) == 0,
	      "layout: size 0 rejected");
	cfg.size = 24;
	CHECK(vq_split_mem_size(&cfg) == 0, "layout: size 24 rejected");
	cfg.size = 65535;
	CHECK(vq_split_mem_size(&cfg) == 0, "layout: size 65535 rejected");
	cfg.size = 32768;
	cfg.indirect_max = 32768;
	cfg.slot_priv_size = UINT32_MAX;
	CHECK(vq_split_mem_size(&cfg) == 0,
	      "layout: stride overflowing 32 bits rejected");
	cfg.size = 8;
	cfg.indirect_max = 16;
	cfg.slot_priv_size = 0;
	CHECK(vq_split_mem_size(&cfg) == 0,
	      "layout: indirect table longer than the ring rejected");

	cfg.indirect_max = 0;
	cfg.slot_priv_size = 0;
	if (posix_memalign(&mem, 4096, 2 * 4096 + vq_split_mem_size(&cfg))) {
		CHECK(false, "layout: alloc");
		return;
	}
	CHECK(vq_split_init(&vq, &cfg, mem, TEST_IOVA, meta, NULL, NULL) == 0,
	      "layout: init with a NULL notify callback");
	CHECK(vq_split_init(&vq, &cfg, (uint8_t *)mem + 64, TEST_IOVA, meta,
			    NULL, NULL) == -EINVAL,
	      "layout: misaligned block rejected");
	CHECK(vq_split_init(&vq, &cfg, mem, TEST_IOVA + 512, meta,
			    NULL, NULL) == -EINVAL,
	      "layout: misaligned IOVA rejected");
	CHECK(vq_split_init(&vq, &cfg, mem, TEST_IOVA, (uint8_t *)meta + 2,
			    NULL, NULL) == -EINVAL,
	      "layout: misaligned meta rejected");
	CHECK(vq_split_init(&vq, &cfg, mem, TEST_IOVA, NULL, NULL, NULL) ==
	      -EINVAL, "layout: NULL meta rejected");
	cfg.size = 12;
	CHECK(vq_split_init(&vq, &cfg, mem, TEST_IOVA, meta, NULL, NULL) ==
	      -EINVAL, "layout: init rejects size 12");
	free(mem);
}

static void
test_roundtrip_direct(void)
{
	struct vq_buf b[3];
	struct vq_done d[4];
	struct chain c;
	struct fx f;
	int slot;

	if (!fx_init(&f, 8, 0, 32, false)) {
		CHECK(false, "direct: init");
		return;
	}
	mk_bufs(b, 3, 1, 1);
	b[2].len = 100;
	slot = vq_split_post(&f.vq, b, 3, CK(1));
	CHECK(slot == 0 && f.vq.num_free == 5 && vq_split_in_flight(&f.vq) == 1,
	      "direct: post 3 buffers on slot 0 takes 3 descriptors");
	CHECK(f.vq.slots[0].ndesc == 3 && f.vq.slots[0].last == 2 &&
	      f.vq.slots[0].writable == 100,
	      "direct: slot state (ndesc 3, last 2, writable 100)");
	CHECK(f.avail->idx == 0 && !dev_pop(&f, &c),
	      "direct: nothing visible to the device before the kick");
	CHECK(vq_split_kick(&f.vq) && f.notifies == 1 &&
	      le16toh(f.avail->idx) == 1,
	      "direct: kick publishes avail->idx 1 and notifies once");
	CHECK(dev_pop(&f, &c) && c.head == 0 && !c.indirect &&
	      chain_matches(&c, b, 3) && c.ids[1] == 1 && c.ids[2] == 2,
	      "direct: device sees descriptors 0->1->2 with the buffers");
	CHECK(le16toh(f.desc[0].flags) == VRING_DESC_F_NEXT &&
	      le16toh(f.desc[2].flags) == VRING_DESC_F_WRITE,
	      "direct: NEXT on links, WRITE on the writable buffer");
	CHECK(vq_split_harvest(&f.vq, d, 4) == 0,
	      "direct: harvest before completion returns 0");
	dev_complete(&f, 0, 100);
	CHECK(vq_split_harvest(&f.vq, d, 4) == 1 && d[0].cookie == CK(1) &&
	      d[0].len == 100 && d[0].slot == 0 && d[0].flags == 0,
	      "direct: harvest returns cookie, len 100, slot 0");
	CHECK(f.vq.num_free == 8 && vq_split_in_flight(&f.vq) == 0 &&
	      f.vq.slots[0].cookie == NULL && f.vq.stats.posted == 1 &&
	      f.vq.stats.completed == 1 && !f.vq.broken,
	      "direct: descriptors back, stats posted=1 completed=1");
	CHECK(dev_used_event(&f) == 0xffff,
	      "direct: used_event untouched without EVENT_IDX");
	CHECK(le16toh(f.vq.avail->flags) == VRING_AVAIL_F_NO_INTERRUPT,
	      "init: no interrupts asked (avail flags)");
	fx_fini(&f);
}

static void
test_roundtrip_indirect(void)
{
	struct vq_buf b[9];
	struct vq_done d[4];
	struct chain c;
	struct fx f;
	int slot;

	if (!fx_init(&f, 8, 4, 48, false)) {
		CHECK(false, "indirect: init");
		return;
	}
	mk_bufs(b, 4, 2, 1);
	slot = vq_split_post(&f.vq, b, 4, CK(1));
	CHECK(slot == 0 && f.vq.num_free == 7 && f.vq.slots[0].ndesc == 1,
	      "indirect: 4 buffers (<= indirect_max) use one ring descriptor");
	CHECK(le16toh(f.desc[0].flags) == VRING_DESC_F_INDIRECT &&
	      le32toh(f.desc[0].len) == 4 * 16 &&
	      le64toh(f.desc[0].addr) == f.vq.area.base_iova,
	      "indirect: ring descriptor points at slot 0's table");
	mk_bufs(b, 5, 1, 2);
	slot = vq_split_post(&f.vq, b, 5, CK(2));
	CHECK(slot == 1 && f.vq.num_free == 2 && f.vq.slots[1].ndesc == 5,
	      "indirect: 5 buffers (> indirect_max) go direct");
	mk_bufs(b, 9, 1, 3);
	CHECK(vq_split_post(&f.vq, b, 9, CK(3)) == -E2BIG,
	      "indirect: 9 buffers (> size and > indirect_max) -> E2BIG");
	vq_split_kick(&f.vq);

	mk_bufs(b, 4, 2, 1);
	CHECK(dev_pop(&f, &c) && c.indirect && chain_matches(&c, b, 4),
	      "indirect: device walks the table (NEXT links, WRITE flags)");
	CHECK(c.writable == f.vq.slots[0].writable,
	      "indirect: writable bytes %u agree with the device's",
	      c.writable);
	mk_bufs(b, 5, 1, 2);
	CHECK(dev_pop(&f, &c) && !c.indirect && c.head == 1 &&
	      chain_matches(&c, b, 5),
	      "indirect: device walks the direct chain 1..5");
	dev_complete(&f, 1, 0);
	dev_complete(&f, 0, 17);
	CHECK(vq_split_harvest(&f.vq, d, 4) == 2 && d[0].cookie == CK(2) &&
	      d[1].cookie == CK(1) && d[1].len == 17 && d[1].flags == 0,
	      "indirect: both completions harvested in used order");
	CHECK(f.vq.num_free == 8 && vq_split_in_flight(&f.vq) == 0,
	      "indirect: all descriptors free again");
	fx_fini(&f);

	/* no chain longer than the ring, an indirect table's neither */
	CHECK(!fx_init(&f, 4, 8, 0, false),
	      "indirect: an 8-entry table on a 4-entry ring is refused");
	fx_fini(&f);
	if (!fx_init(&f, 4, 4, 0, false)) {
		CHECK(false, "indirect: init 2");
		return;
	}
	mk_bufs(b, 4, 2, 7);
	slot = vq_split_post(&f.vq, b, 4, CK(7));
	vq_split_kick(&f.vq);
	CHECK(slot == 0 && dev_pop(&f, &c) && c.indirect &&
	      chain_matches(&c, b, 4) && f.vq.num_free == 3,
	      "indirect: 4 buffers on a 4-entry ring via a 4-entry table");
	fx_fini(&f);
}

/* ORDER_PLATFORM is the queue's to honour: its config reaches it. */
static void
test_platform_order(void)
{
	struct fx f;

	if (!fx_init(&f, 8, 0, 0, false)) {
		CHECK(false, "platform order: init");
		return;
	}
	CHECK(!f.vq.platform_order, "platform order: off unless asked");
	fx_fini(&f);
	memset(&f, 0, sizeof(f));
	f.cfg.size = 8;
	f.cfg.platform_order = true;
	f.mem_size = vq_split_mem_size(&f.cfg);
	f.meta = malloc(vq_split_meta_size(&f.cfg));
	if (posix_memalign((void **)&f.mem, 4096, f.mem_size) != 0 ||
	    f.meta == NULL) {
		CHECK(false, "platform order: alloc");
		return;
	}
	CHECK(vq_split_init(&f.vq, &f.cfg, f.mem, TEST_IOVA, f.meta, NULL,
			    NULL) == 0 && f.vq.platform_order,
	      "platform order: on when negotiated");
	fx_fini(&f);
}

/* With in-order completion, avail entry i carries descriptor i. */
static bool
fifo_run(uint16_t size, uint16_t ind, unsigned int total)
{
	unsigned int posted = 0, done_cnt = 0, burst = 1, next_done = 0;
	struct vq_buf b[2];
	struct vq_done d[64];
	struct chain c;
	struct fx f;
	bool ok = true;

	if (!fx_init(&f, size, ind, 0, false))
		return false;
	while (ok && done_cnt < total) {
		unsigned int k, n;

		for (k = 0; k < burst && f.vq.num_free > 0 && posted < total;
		     k++) {
			int expect = vq_split_next_slot(&f.vq);

			mk_bufs(b, ind ? 2 : 1, 1, posted);
			ok = ok && expect == (int)(posted & (size - 1)) &&
				vq_split_post(&f.vq, b, ind ? 2 : 1,
					      CK(posted)) == expect;
			posted++;
		}
		vq_split_kick(&f.vq);
		while (dev_pop(&f, &c)) {
			ok = ok && c.ok && c.head == (c.avail_pos & (size - 1));
			dev_complete(&f, c.head, 1);
		}
		n = vq_split_harvest(&f.vq, d, 64);
		for (k = 0; k < n; k++)
			ok = ok && d[k].cookie == CK(next_done++);
		done_cnt = (unsigned int)f.vq.stats.completed;
		burst = burst % size + 1;
	}
	ok = ok && f.vq.num_free == size && !f.vq.broken;
	fx_fini(&f);
	return ok;
}

static void
test_fifo(void)
{
	CHECK(fifo_run(8, 0, 8 * 7), "fifo: direct, 8 entries, 7 wraps");
	CHECK(fifo_run(8, 4, 8 * 7), "fifo: indirect, 8 entries, 7 wraps");
	CHECK(fifo_run(2, 0, 100), "fifo: direct, 2 entries, 50 wraps");
	/* over the 16-bit index wrap, too */
	CHECK(fifo_run(64, 0, 70000), "fifo: 70000 chains past the u16 wrap");
}

static void
test_enospc_e2big(void)
{
	struct vq_buf b[8];
	struct vq_done d[8];
	struct fx f;
	uint16_t avail_before;
	int i;
	bool ok = true;

	if (!fx_init(&f, 4, 0, 0, false)) {
		CHECK(false, "limits: init");
		return;
	}
	mk_bufs(b, 5, 1, 0);
	CHECK(vq_split_post(&f.vq, b, 5, CK(0)) == -E2BIG,
	      "limits: 5 buffers on a 4-entry ring -> E2BIG");
	CHECK(vq_split_post(&f.vq, b, 4, CK(0)) == 0 && f.vq.num_free == 0 &&
	      vq_split_next_slot(&f.vq) == -1,
	      "limits: 4 buffers fill the ring, next slot -1");
	avail_before = f.vq.avail_idx;
	CHECK(vq_split_post(&f.vq, b, 1, CK(1)) == -ENOSPC &&
	      f.vq.avail_idx == avail_before && vq_split_in_flight(&f.vq) == 1,
	      "limits: full ring -> ENOSPC, nothing changed");
	CHECK(vq_split_post(&f.vq, b, 0, CK(1)) == -EINVAL,
	      "limits: n == 0 -> EINVAL");
	CHECK(vq_split_post(&f.vq, b, 1, NULL) == -EINVAL,
	      "limits: NULL cookie -> EINVAL");
	mk_bufs(b, 2, 1, 0);
	b[0].flags = VQ_BUF_WRITE;
	b[1].flags = 0;
	CHECK(vq_split_post(&f.vq, b, 2, CK(1)) == -EINVAL,
	      "limits: readable after writable -> EINVAL");
	b[0].flags = 0x80;
	CHECK(vq_split_post(&f.vq, b, 1, CK(1)) == -EINVAL,
	      "limits: unknown buffer flag -> EINVAL");
	fx_fini(&f);

	if (!fx_init(&f, 4, 2, 0, false)) {
		CHECK(false, "limits: init 2");
		return;
	}
	mk_bufs(b, 2, 1, 0);
	for (i = 0; i < 4; i++)
		ok = ok && vq_split_post(&f.vq, b, 2, CK(i)) == i;
	CHECK(ok && f.vq.num_free == 0,
	      "limits: 4 indirect chains of 2 fill a 4-entry ring");
	CHECK(vq_split_post(&f.vq, b, 1, CK(9)) == -ENOSPC,
	      "limits: indirect on a full ring -> ENOSPC");
	mk_bufs(b, 5, 1, 0);
	CHECK(vq_split_post(&f.vq, b, 5, CK(9)) == -E2BIG,
	      "limits: 5 > size and > indirect_max -> E2BIG");
	CHECK(vq_split_post(&f.vq, b, 3, CK(9)) == -ENOSPC,
	      "limits: 3 (direct, fits the ring) on a full ring -> ENOSPC");
	vq_split_kick(&f.vq);
	dev_complete(&f, 0, 0);
	CHECK(vq_split_harvest(&f.vq, d, 8) == 1 &&
	      vq_split_post(&f.vq, b, 3, CK(9)) == -ENOSPC &&
	      vq_split_post(&f.vq, b, 2, CK(9)) == 0,
	      "limits: one free: direct 3 -> ENOSPC, indirect 2 fits");
	fx_fini(&f);
}

/* A small LCG; the high bits are the usable ones. */
static unsigned int
rnd(uint32_t *state, unsigned int range)
{
	*state = *state * 1103515245u + 12345u;
	return (*state >> 16) % range;
}

/*
 * Random chain lengths, random completion order. The device checks every
 * chain and that no descriptor is in two chains at once.
 */
static void
test_out_of_order(void)
{
	struct vq_done d[16];
	struct vq_buf b[8];
	struct chain c;
	struct fx f;
	uint32_t rng = 12345;
	struct {
		uint16_t head;
		uint16_t n;
		uint16_t ids[8];
		uint32_t len;
	} pend[16];
	unsigned int npend = 0, k, round, next_ck = 0, full = 0;
	bool owner[16] = { false };
	bool ok = true, lens_ok = true;
	uint16_t nd;

	if (!fx_init(&f, 16, 0, 0, false)) {
		CHECK(false, "ooo: init");
		return;
	}
	/* fixed first: chains of 1,2,1,3 completed 3rd,1st,4th,2nd */
	{
		static const uint16_t lens[4] = { 1, 2, 1, 3 };
		static const unsigned int order[4] = { 2, 0, 3, 1 };
		uint16_t heads[4];

		for (k = 0; k < 4; k++) {
			mk_bufs(b, lens[k], 1, k);
			heads[k] = (uint16_t)vq_split_post(&f.vq, b, lens[k],
							   CK(k));
		}
		vq_split_kick(&f.vq);
		for (k = 0; k < 4; k++) {
			dev_pop(&f, &c);
			dev_complete(&f, heads[order[k]], 1);
		}
		CHECK(vq_split_harvest(&f.vq, d, 1) == 1 &&
		      d[0].cookie == CK(2) &&
		      vq_split_harvest(&f.vq, d, 16) == 3 &&
		      d[0].cookie == CK(0) && d[1].cookie == CK(3) &&
		      d[2].cookie == CK(1),
		      "ooo: completions 2,0,3,1 harvested in that order");
		CHECK(f.vq.num_free == 16 && vq_split_in_flight(&f.vq) == 0,
		      "ooo: all 7 descriptors back");
		next_ck = 4;
	}

	for (round = 0; round < 20000 && ok; round++) {
		/* post a few chains of 1..5 buffers while they fit */
		for (k = rnd(&rng, 4); k > 0; k--) {
			uint16_t n, w;
			int s;

			n = (uint16_t)(1 + rnd(&rng, 5));
			w = (uint16_t)rnd(&rng, n + 1u);
			mk_bufs(b, n, w, next_ck);
			s = vq_split_post(&f.vq, b, n, CK(next_ck));
			if (s == -ENOSPC) {
				ok = ok && n > f.vq.num_free;
				full++;
				break;
			}
			ok = ok && s >= 0;
			next_ck++;
		}
		vq_split_kick(&f.vq);
		while (ok && dev_pop(&f, &c)) {
			ok = c.ok && npend < 16;
			for (k = 0; ok && k < c.n; k++) {
				ok = !owner[c.ids[k]];
				owner[c.ids[k]] = true;
			}
			pend[npend].head = c.head;
			pend[npend].n = c.n;
			memcpy(pend[npend].ids, c.ids, sizeof(pend[0].ids));
			pend[npend].len = c.writable;
			npend++;
		}
		/* complete a random pending one, sometimes two */
		for (k = 1 + rnd(&rng, 2); ok && k > 0 && npend > 0; k--) {
			unsigned int j = rnd(&rng, npend), x;

			dev_complete(&f, pend[j].head, pend[j].len);
			for (x = 0; x < pend[j].n; x++)
				owner[pend[j].ids[x]] = false;
			pend[j] = pend[--npend];
		}
		nd = vq_split_harvest(&f.vq, d, 16);
		for (k = 0; k < nd; k++)
			lens_ok = lens_ok && d[k].flags == 0;
		/* every descriptor is free or in exactly one chain */
		{
			unsigned int used = 0;

			for (k = 0; k < 16; k++)
				if (f.vq.slots[k].cookie != NULL)
					used += f.vq.slots[k].ndesc;
			ok = ok && used + f.vq.num_free == 16;
		}
	}
	CHECK(ok && !f.vq.broken && full > 100,
	      "ooo: 20000 rounds of random chains and completion order "
	      "(%u ENOSPC)", full);
	CHECK(lens_ok && f.vq.stats.bad_len == 0,
	      "ooo: exact writable lengths never flagged");
	CHECK(f.vq.stats.posted > 20000 &&
	      f.vq.stats.completed + vq_split_in_flight(&f.vq) ==
	      f.vq.stats.posted,
	      "ooo: posted %llu = completed + in flight",
	      (unsigned long long)f.vq.stats.posted);
	fx_fini(&f);
}

static void
test_len_accounting(void)
{
	struct vq_buf b[4];
	struct vq_done d[4];
	struct fx f;
	uint16_t ind;

	for (ind = 0; ind <= 4; ind += 4) {
		int s;

		if (!fx_init(&f, 16, ind, 0, false)) {
			CHECK(false, "len: init");
			return;
		}
		b[0] = (struct vq_buf){ 0x1000, 100, 0 };
		b[1] = (struct vq_buf){ 0x2000, 10, VQ_BUF_WRITE };
		b[2] = (struct vq_buf){ 0x3000, 20, VQ_BUF_WRITE };
		vq_split_post(&f.vq, b, 3, CK(0));
		vq_split_post(&f.vq, b, 3, CK(1));
		vq_split_post(&f.vq, b, 1, CK(2));	/* readable only */
		vq_split_post(&f.vq, b, 1, CK(3));
		s = vq_split_post(&f.vq, b, 1, CK(4));
		CHECK(s >= 0 && f.vq.slots[0].writable == 30 &&
		      f.vq.slots[s].writable == 0,
		      "len (ind=%u): writable = sum of WRITE buffers only", ind);
		vq_split_kick(&f.vq);
		dev_complete(&f, 0, 30);
		dev_complete(&f, f.vq.slots[0].ndesc, 31);
		CHECK(vq_split_harvest(&f.vq, d, 4) == 2 && d[0].flags == 0 &&
		      d[0].len == 30 && d[1].flags == VQ_DONE_BAD_LEN &&
		      d[1].len == 31 && f.vq.stats.bad_len == 1,
		      "len (ind=%u): 30 of 30 fine, 31 of 30 flagged BAD_LEN",
		      ind);
		dev_complete(&f, 2 * f.vq.slots[0].ndesc, 0);
		dev_complete(&f, 2 * f.vq.slots[0].ndesc + 1, 1);
		CHECK(vq_split_harvest(&f.vq, d, 4) == 2 && d[0].flags == 0 &&
		      d[1].flags == VQ_DONE_BAD_LEN && f.vq.stats.bad_len == 2,
		      "len (ind=%u): readable-only chain: 0 fine, 1 flagged",
		      ind);
		CHECK(!f.vq.broken && vq_split_in_flight(&f.vq) == 1 &&
		      f.vq.num_free == 15 && f.vq.stats.completed == 4,
		      "len (ind=%u): bad length completes, queue not broken",
		      ind);
		fx_fini(&f);
	}
}

/* Post k single-buffer chains on a fresh 8-entry queue and publish them. */
static bool
hostile_setup(struct fx *f, unsigned int k, uint16_t n)
{
	struct vq_buf b[4];
	struct chain c;
	unsigned int i;

	if (!fx_init(f, 8, 0, 0, false))
		return false;
	for (i = 0; i < k; i++) {
		mk_bufs(b, n, 1, i);
		if (vq_split_post(&f->vq, b, n, CK(i)) < 0)
			return false;
	}
	vq_split_kick(&f->vq);
	while (dev_pop(f, &c))
		;
	return true;
}

#define HOSTILE_SETUP(f, k, n) do { \
	if (!hostile_setup(f, k, n)) { \
		CHECK(false, "hostile: setup"); \
		return; \
	} \
} while (0)

static void
test_hostile(void)
{
	void *want[8] = { CK(0), CK(1), CK(2), CK(3) };
	struct vq_slot_state saved;
	struct vq_done d[8];
	struct fx f;

	/* id out of range */
	HOSTILE_SETUP(&f, 2, 1);
	saved = f.vq.slots[1];
	dev_complete(&f, 8, 4);
	dev_complete(&f, 0, 1);
	CHECK(vq_split_harvest(&f.vq, d, 8) == 1 && d[0].cookie == CK(0) &&
	      f.vq.stats.bad_id == 1 && f.vq.broken,
	      "hostile: id 8 >= size counted, queue broken, good one kept");
	CHECK(memcmp(&saved, &f.vq.slots[1], sizeof(saved)) == 0,
	      "hostile: slot 1 untouched by the bad entry");
	CHECK(reclaim_exactly(&f, &want[1], 1),
	      "hostile: reclaim returns exactly slot 1, num_free 8");
	fx_fini(&f);

	HOSTILE_SETUP(&f, 1, 1);
	dev_complete(&f, 0xffffffffu, 0xffffffffu);
	CHECK(vq_split_harvest(&f.vq, d, 8) == 0 && f.vq.stats.bad_id == 1 &&
	      f.vq.stats.bad_len == 0 && f.vq.broken &&
	      reclaim_exactly(&f, want, 1),
	      "hostile: id 0xffffffff rejected, len not even looked at");
	fx_fini(&f);

	/* id in range but not in flight, and a non-head descriptor */
	HOSTILE_SETUP(&f, 2, 3);	/* chains 0-1-2 and 3-4-5 */
	dev_complete(&f, 6, 0);
	dev_complete(&f, 1, 0);
	CHECK(vq_split_harvest(&f.vq, d, 8) == 0 && f.vq.stats.bad_id == 2 &&
	      f.vq.broken && f.vq.num_free == 2,
	      "hostile: free id 6 and mid-chain id 1 both rejected");
	CHECK(reclaim_exactly(&f, want, 2),
	      "hostile: reclaim returns both chains, all 8 descriptors");
	fx_fini(&f);

	/* duplicate completion, in one batch and across batches */
	HOSTILE_SETUP(&f, 4, 1);
	dev_complete(&f, 0, 0);
	dev_complete(&f, 0, 0);
	CHECK(vq_split_harvest(&f.vq, d, 8) == 1 && d[0].cookie == CK(0) &&
	      f.vq.stats.bad_id == 1 && f.vq.broken,
	      "hostile: duplicate id 0 in one batch: one completion, one bad");
	dev_complete(&f, 1, 0);
	CHECK(vq_split_harvest(&f.vq, d, 8) == 1 && d[0].cookie == CK(1),
	      "hostile: a broken queue still harvests valid entries");
	dev_complete(&f, 1, 0);
	CHECK(vq_split_harvest(&f.vq, d, 8) == 0 && f.vq.stats.bad_id == 2 &&
	      f.vq.stats.completed == 2,
	      "hostile: duplicate id 1 in a later batch rejected");
	CHECK(reclaim_exactly(&f, &want[2], 2),
	      "hostile: reclaim returns exactly cookies 2 and 3");
	fx_fini(&f);

	/* used->idx far ahead of what is in flight */
	HOSTILE_SETUP(&f, 3, 2);
	dev_put(&f, 0, 0);
	f.used_idx += 999;
	dev_publish(&f);
	CHECK(vq_split_harvest(&f.vq, d, 8) == 0 && f.vq.stats.bad_id == 1 &&
	      f.vq.broken && f.vq.last_used == 0 &&
	      vq_split_in_flight(&f.vq) == 3,
	      "hostile: used->idx +1000 with 3 in flight: broken, nothing read");
	CHECK(vq_split_harvest(&f.vq, d, 8) == 0 && f.vq.stats.bad_id == 1,
	      "hostile: polling again does not count it again");
	CHECK(reclaim_exactly(&f, want, 3),
	      "hostile: reclaim returns exactly the 3 chains");
	fx_fini(&f);

	/* used->idx one behind: 65535 "new" entries */
	HOSTILE_SETUP(&f, 1, 1);
	f.used_idx = 0xffff;
	dev_publish(&f);
	CHECK(vq_split_harvest(&f.vq, d, 8) == 0 && f.vq.broken &&
	      f.vq.stats.bad_id == 1 && reclaim_exactly(&f, want, 1),
	      "hostile: used->idx moved backwards: broken, no garbage loop");
	fx_fini(&f);

	/* partial harvest and partial reclaim keep every slot */
	HOSTILE_SETUP(&f, 4, 1);
	dev_complete(&f, 3, 0);
	dev_complete(&f, 2, 0);
	CHECK(vq_split_harvest(&f.vq, d, 1) == 1 && d[0].cookie == CK(3) &&
	      vq_split_harvest(&f.vq, d, 1) == 1 && d[0].cookie == CK(2),
	      "hostile: harvest honours max");
	CHECK(vq_split_reclaim(&f.vq, d, 1) == 1 && d[0].cookie == CK(0) &&
	      vq_split_reclaim(&f.vq, d, 8) == 1 && d[0].cookie == CK(1) &&
	      vq_split_reclaim(&f.vq, d, 8) == 0 && f.vq.num_free == 8,
	      "reclaim: honours max, then nothing left");
	fx_fini(&f);
}

static void
test_notify_flags(void)
{
	struct vq_buf b[1];
	struct vq_done d[8];
	struct chain c;
	struct fx f;

	if (!fx_init(&f, 8, 0, 0, false)) {
		CHECK(false, "notify: init");
		return;
	}
	mk_bufs(b, 1, 0, 0);
	CHECK(!vq_split_kick(&f.vq) && f.notifies == 0,
	      "notify: kick with nothing posted: no notification");
	vq_split_post(&f.vq, b, 1, CK(0));
	vq_split_post(&f.vq, b, 1, CK(1));
	CHECK(vq_split_kick(&f.vq) && f.notifies == 1 &&
	      f.vq.stats.notifications == 1,
	      "notify: two posts, one kick: exactly one notification");
	CHECK(!vq_split_kick(&f.vq) && f.notifies == 1,
	      "notify: second kick without posts: none");
	f.used->flags = htole16(VRING_USED_F_NO_NOTIFY);
	vq_split_post(&f.vq, b, 1, CK(2));
	CHECK(!vq_split_kick(&f.vq) && f.notifies == 1 &&
	      le16toh(f.avail->idx) == 3,
	      "notify: NO_NOTIFY honoured, avail->idx still published");
	f.used->flags = 0;
	CHECK(!vq_split_kick(&f.vq) && f.notifies == 1,
	      "notify: flag cleared but nothing new: none");
	vq_split_post(&f.vq, b, 1, CK(3));
	CHECK(vq_split_kick(&f.vq) && f.notifies == 2,
	      "notify: flag cleared and a post: one notification");
	dev_avail_event_set(&f, 0xffff);
	vq_split_post(&f.vq, b, 1, CK(4));
	CHECK(vq_split_kick(&f.vq) && f.notifies == 3,
	      "notify: avail_event ignored without EVENT_IDX");
	while (dev_pop(&f, &c))
		dev_complete(&f, c.head, 0);
	CHECK(vq_split_harvest(&f.vq, d, 8) == 5 && dev_used_event(&f) == 0xffff,
	      "notify: used_event not written without EVENT_IDX");
	fx_fini(&f);
}

/* Independent statement of the rule: notify iff old <= event < new. */
static bool
expect_notify(uint16_t ev, uint16_t new_idx, uint16_t old)
{
	return (uint16_t)(ev - old) < (uint16_t)(new_idx - old);
}

static void
test_notify_event_idx(void)
{
	struct vq_buf b[1];
	struct vq_done d[8];
	struct chain c;
	struct fx f;
	unsigned int rounds = 0, mism = 0, yes = 0, no = 0, total = 0;
	bool used_ev_ok = true;

	if (!fx_init(&f, 8, 0, 0, true)) {
		CHECK(false, "event_idx: init");
		return;
	}
	mk_bufs(b, 1, 0, 0);
	f.used->flags = htole16(VRING_USED_F_NO_NOTIFY);
	dev_avail_event_set(&f, 0);
	vq_split_post(&f.vq, b, 1, CK(0));
	CHECK(vq_split_kick(&f.vq) && f.notifies == 1,
	      "event_idx: avail_event 0, idx 0->1: notify (flags ignored)");
	vq_split_post(&f.vq, b, 1, CK(1));
	CHECK(!vq_split_kick(&f.vq) && f.notifies == 1 &&
	      le16toh(f.avail->idx) == 2,
	      "event_idx: avail_event still 0, idx 1->2: suppressed");
	dev_avail_event_set(&f, 2);
	vq_split_post(&f.vq, b, 1, CK(2));
	vq_split_post(&f.vq, b, 1, CK(3));
	CHECK(vq_split_kick(&f.vq) && f.notifies == 2,
	      "event_idx: avail_event 2, idx 2->4: one notify for the burst");
	dev_avail_event_set(&f, 3);
	vq_split_post(&f.vq, b, 1, CK(4));
	CHECK(!vq_split_kick(&f.vq) && f.notifies == 2,
	      "event_idx: avail_event 3 already passed, idx 4->5: none");
	CHECK(!vq_split_kick(&f.vq) && f.notifies == 2,
	      "event_idx: empty kick: none");
	while (dev_pop(&f, &c))
		dev_complete(&f, c.head, 0);
	CHECK(vq_split_harvest(&f.vq, d, 3) == 3 && dev_used_event(&f) == 2,
	      "event_idx: harvest keeps used_event one behind last_used (2)");
	CHECK(vq_split_harvest(&f.vq, d, 8) == 2 && dev_used_event(&f) == 4,
	      "event_idx: used_event follows to 4");
	CHECK(!vring_need_event(dev_used_event(&f), 6, 5) &&
	      !vring_need_event(dev_used_event(&f), 9, 5),
	      "event_idx: the device is never asked to interrupt");

	/* sweep: bursts of 1..8, avail_event all around, across the wrap */
	while (total < 70000) {
		uint16_t old = f.vq.avail_idx, new_idx, ev;
		unsigned int k, burst = 1 + rounds % 8;
		unsigned int before = f.notifies;
		bool got;

		for (k = 0; k < burst; k++)
			vq_split_post(&f.vq, b, 1, CK(k));
		total += burst;
		new_idx = f.vq.avail_idx;
		/* from old - 6 to old + 14 */
		ev = (uint16_t)(old + rounds * 7 % 21 - 6);
		dev_avail_event_set(&f, ev);
		got = vq_split_kick(&f.vq);
		if (got != expect_notify(ev, new_idx, old) ||
		    f.notifies - before != (got ? 1u : 0u) ||
		    got != (bool)vring_need_event(ev, new_idx, old))
			mism++;
		got ? yes++ : no++;
		while (dev_pop(&f, &c))
			dev_complete(&f, c.head, 0);
		vq_split_harvest(&f.vq, d, 8);
		used_ev_ok = used_ev_ok &&
			dev_used_event(&f) == (uint16_t)(f.vq.last_used - 1);
		rounds++;
	}
	CHECK(mism == 0 && yes > 1000 && no > 1000,
	      "event_idx: %u kicks over the u16 wrap match vring_need_event "
	      "(%u notified, %u suppressed)", rounds, yes, no);
	CHECK(used_ev_ok && f.vq.stats.notifications == f.notifies &&
	      f.vq.avail_published == (uint16_t)(total + 5),
	      "event_idx: used_event tracked last_used throughout");
	fx_fini(&f);
}

static void
test_shadow(void)
{
	struct vq_buf b[3];
	struct vq_done d[8];
	struct fx f;
	bool seen[8] = { false }, perm = true, order = true;
	static const uint16_t expect[8] = { 5, 6, 7, 3, 4, 0, 1, 2 };
	uint16_t i;

	if (!fx_init(&f, 8, 0, 0, false)) {
		CHECK(false, "shadow: init");
		return;
	}
	mk_bufs(b, 3, 1, 0);
	vq_split_post(&f.vq, b, 3, CK(0));	/* 0-1-2 */
	vq_split_post(&f.vq, b, 2, CK(1));	/* 3-4 */
	vq_split_kick(&f.vq);
	/* the device scribbles over every descriptor it was given */
	for (i = 0; i < 5; i++) {
		f.desc[i].next = htole16((i * 5 + 3) & 7);
		f.desc[i].flags = htole16(0xffff);
		f.desc[i].len = htole32(0xdeadbeef);
	}
	f.desc[3].next = htole16(3);	/* a loop */
	dev_complete(&f, 3, 0);
	dev_complete(&f, 0, 0);
	CHECK(vq_split_harvest(&f.vq, d, 8) == 2 && f.vq.num_free == 8 &&
	      !f.vq.broken,
	      "shadow: chains freed despite scribbled desc[].next");
	for (i = 0; i < 8; i++) {
		int s;

		mk_bufs(b, 1, 0, i);
		s = vq_split_post(&f.vq, b, 1, CK(i));
		if (s < 0 || s >= 8 || seen[s])
			perm = false;
		else
			seen[s] = true;
		order = order && s == expect[i];
	}
	CHECK(perm && f.vq.num_free == 0,
	      "shadow: the free list holds each descriptor exactly once");
	CHECK(order, "shadow: FIFO order 5,6,7 then 3,4 then 0,1,2");
	fx_fini(&f);
}

/*
 * The fast path's own posting: a chain written into the slot's table by
 * the caller looks to the device exactly like one vq_split_post() wrote,
 * and completes and frees the same way, in FIFO order.
 */
static void
test_post_table(void)
{
	struct vq_buf b[4];
	struct vq_done d[2];
	struct vq_slot_mem mem;
	struct chain c;
	struct fx f;
	uint16_t i, slot;

	if (!fx_init(&f, 8, 4, 48, false)) {
		CHECK(false, "post_table: init");
		return;
	}
	mk_bufs(b, 4, 2, 5);
	slot = (uint16_t)vq_split_next_slot(&f.vq);
	mem = vq_split_slot_mem(&f.vq, slot);
	CHECK(mem.table_iova == f.vq.area.base_iova &&
	      mem.priv == vq_split_slot_priv(&f.vq, slot) &&
	      mem.priv_iova == vq_split_slot_priv_iova(&f.vq, slot),
	      "post_table: slot memory agrees with the slot accessors");
	for (i = 0; i < 4; i++)
		vq_split_desc_write(&mem.table[i], b[i].iova, b[i].len,
			(b[i].flags & VQ_BUF_WRITE ? VRING_DESC_F_WRITE : 0) |
			(i + 1 < 4 ? VRING_DESC_F_NEXT : 0), i + 1 < 4 ? i + 1 : 0);
	vq_split_post_table(&f.vq, slot, mem.table_iova, 4,
			    b[2].len + b[3].len, CK(9));
	CHECK(f.vq.num_free == 7 && vq_split_in_flight(&f.vq) == 1 &&
	      f.vq.stats.posted == 1,
	      "post_table: one ring descriptor in flight");
	vq_split_kick(&f.vq);
	CHECK(dev_pop(&f, &c) && c.indirect && c.head == slot &&
	      chain_matches(&c, b, 4),
	      "post_table: the device walks the table the caller wrote");
	dev_complete(&f, slot, b[2].len + b[3].len);
	CHECK(vq_split_harvest(&f.vq, d, 2) == 1 && d[0].cookie == CK(9) &&
	      d[0].flags == 0 && f.vq.num_free == 8,
	      "post_table: completion harvested, descriptor free again");
	CHECK(vq_split_next_slot(&f.vq) == 1,
	      "post_table: the FIFO moves on to descriptor 1");
	fx_fini(&f);
}

/*
 * A burst of table posts: the queue itself stays as it was until the
 * burst ends, then holds all of them, in order; a post outside the burst
 * (as the driver's generic path does between two bursts) continues the
 * FIFO where the burst left it.
 */
static void
test_burst(void)
{
	struct vq_split_burst b;
	struct vq_done d[8];
	struct vq_buf buf[2];
	struct vq_slot_mem mem;
	struct chain c;
	struct fx f;
	uint16_t i, slot;
	bool ok = true;

	if (!fx_init(&f, 8, 4, 48, false)) {
		CHECK(false, "burst: init");
		return;
	}
	mk_bufs(buf, 2, 1, 11);
	vq_split_burst_begin(&f.vq, &b);
	for (i = 0; i < 3; i++) {
		slot = vq_split_burst_slot(&b);
		mem = vq_split_burst_slot_mem(&b, slot);
		ok &= slot == i && mem.table_iova ==
			vq_split_slot_mem(&f.vq, slot).table_iova;
		vq_split_desc_write(&mem.table[0], buf[0].iova, buf[0].len,
				    VRING_DESC_F_NEXT, 1);
		vq_split_desc_write(&mem.table[1], buf[1].iova, buf[1].len,
				    VRING_DESC_F_WRITE, 0);
		vq_split_burst_post(&b, slot, mem.table_iova, 2, buf[1].len,
				    CK(20 + i));
	}
	CHECK(ok, "burst: slots 0, 1, 2 in FIFO order, their own tables");
	CHECK(f.vq.num_free == 8 && vq_split_in_flight(&f.vq) == 0 &&
	      f.vq.avail_idx == 0 && f.vq.stats.posted == 0,
	      "burst: the queue is untouched until the burst ends");
	vq_split_burst_end(&f.vq, &b);
	CHECK(f.vq.num_free == 5 && vq_split_in_flight(&f.vq) == 3 &&
	      f.vq.avail_idx == 3 && f.vq.stats.posted == 3 &&
	      vq_split_next_slot(&f.vq) == 3,
	      "burst: its end hands the queue three posts");
	CHECK(vq_split_post(&f.vq, buf, 2, CK(30)) == 3,
	      "burst: a post after it takes the next slot");
	vq_split_kick(&f.vq);
	for (i = 0; i < 4; i++) {
		ok &= dev_pop(&f, &c) && c.head == i && c.indirect &&
			chain_matches(&c, buf, 2);
		dev_complete(&f, i, buf[1].len);
	}
	CHECK(ok, "burst: the device walks the four chains in order");
	CHECK(vq_split_harvest(&f.vq, d, 8) == 4 && d[0].cookie == CK(20) &&
	      d[2].cookie == CK(22) && d[3].cookie == CK(30) &&
	      f.vq.num_free == 8 && vq_split_in_flight(&f.vq) == 0,
	      "burst: all harvested with their cookies, descriptors free");
	fx_fini(&f);
}

int
main(void)
{
	test_layout();
	test_roundtrip_direct();
	test_roundtrip_indirect();
	test_fifo();
	test_enospc_e2big();
	test_out_of_order();
	test_len_accounting();
	test_hostile();
	test_notify_flags();
	test_notify_event_idx();
	test_shadow();
	test_post_table();
	test_burst();
	test_platform_order();

	return check_done("vq_split");
}
