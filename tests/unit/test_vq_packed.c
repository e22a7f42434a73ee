/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Unit test of the packed virtqueue engine. The test plays the device: it
 * finds the ring and the event areas from the documented layout, reads
 * available descriptors with its own wrap counter as a device does
 * (virtio 1.1, 2.8), and writes used descriptors -- correct ones, out of
 * order ones, and hostile ones.
 *
 * Output is one line per check; the exit status is non-zero if any fails.
 */

#include <endian.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "vq_test_bufs.h"
#include "vq_packed.h"

#define TEST_IOVA	0x40000000ull	/* deliberately not the VA */
#define MAX_CHAIN	64
#define F_AVAIL		(1u << VRING_PACKED_DESC_F_AVAIL)
#define F_USED		(1u << VRING_PACKED_DESC_F_USED)

#define CK(k)		((void *)(uintptr_t)(0x1000 + (k)))

struct fx {
	struct vq_packed vq;
	struct vq_config cfg;
	uint8_t *mem;
	size_t mem_size;
	void *meta;
	unsigned int notifies;

	/* device side, from the layout contract */
	uint16_t size;
	struct vring_packed_desc *desc;
	struct vring_packed_desc_event *drv_ev;
	struct vring_packed_desc_event *dev_ev;
	uint16_t avail_pos;
	bool avail_wrap;
	uint16_t used_pos;
	bool used_wrap;
};

static void
on_notify(void *arg)
{
	((struct fx *)arg)->notifies++;
}

static bool
fx_init(struct fx *f, uint16_t size, uint16_t ind, uint32_t priv, bool ev)
{
	void *p;

	memset(f, 0, sizeof(*f));
	f->cfg = (struct vq_config){ .size = size,
		.indirect_max = ind, .slot_priv_size = priv,
		.event_idx = ev };
	f->mem_size = vq_packed_mem_size(&f->cfg);
	if (f->mem_size == 0 || posix_memalign(&p, 4096, f->mem_size) != 0)
		return false;
	f->mem = p;
	memset(f->mem, 0xa5, f->mem_size);	/* init must zero it */
	f->meta = malloc(vq_packed_meta_size(&f->cfg));
	if (f->meta == NULL ||
	    vq_packed_init(&f->vq, &f->cfg, f->mem, TEST_IOVA, f->meta,
			   on_notify, f) != 0)
		return false;
	f->size = size;
	f->desc = (struct vring_packed_desc *)f->mem;
	f->drv_ev = (void *)(f->mem + 16u * size);
	f->dev_ev = (void *)(f->mem + 16u * size + 4);
	f->avail_wrap = true;
	f->used_wrap = true;
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
	uint16_t id;
	uint16_t ndesc;		/* ring positions */
	bool indirect;
	uint16_t n;
	struct dbuf b[MAX_CHAIN];
	bool ok;		/* well formed, as a device sees it */
};

static void *
dev_ptr(struct fx *f, uint64_t iova, uint64_t len)
{
	if (iova < TEST_IOVA || iova - TEST_IOVA + len > f->mem_size)
		return NULL;
	return f->mem + (iova - TEST_IOVA);
}

static bool
dev_add(struct chain *c, const struct vring_packed_desc *d)
{
	bool w = le16toh(d->flags) & VRING_DESC_F_WRITE;

	if (c->n == MAX_CHAIN || (!w && c->n > 0 && c->b[c->n - 1].write))
		return false;
	c->b[c->n++] = (struct dbuf){ le64toh(d->addr), le32toh(d->len), w };
	return true;
}

/* Available in the device's current lap? */
static bool
dev_is_avail(struct fx *f, uint16_t pos)
{
	uint16_t fl = le16toh(__atomic_load_n(&f->desc[pos].flags,
					      __ATOMIC_ACQUIRE));

	return !!(fl & F_AVAIL) == f->avail_wrap &&
		!!(fl & F_USED) != f->avail_wrap;
}

static void
dev_advance(uint16_t *pos, bool *wrap, uint16_t size)
{
	if (++*pos == size) {
		*pos = 0;
		*wrap = !*wrap;
	}
}

static bool
dev_walk_indirect(struct fx *f, struct chain *c,
		  const struct vring_packed_desc *rd)
{
	uint32_t len = le32toh(rd->len), i;
	const struct vring_packed_desc *t;

	if (len == 0 || len % 16 != 0 ||
	    (le16toh(rd->flags) & VRING_DESC_F_NEXT))
		return false;
	t = dev_ptr(f, le64toh(rd->addr), len);
	if (t == NULL)
		return false;
	for (i = 0; i < len / 16; i++)
		if ((le16toh(t[i].flags) & ~VRING_DESC_F_WRITE) != 0 ||
		    !dev_add(c, &t[i]))
			return false;	/* only WRITE is valid in a table */
	return true;
}

/* Pop the next available chain, or return false if none is available. */
static bool
dev_pop(struct fx *f, struct chain *c)
{
	uint16_t i;

	memset(c, 0, sizeof(*c));
	if (!dev_is_avail(f, f->avail_pos))
		return false;
	for (i = 0; i < f->size; i++) {
		const struct vring_packed_desc *d = &f->desc[f->avail_pos];
		uint16_t fl = le16toh(d->flags);

		if (i > 0 && !dev_is_avail(f, f->avail_pos))
			return true;	/* a chain cut short: not ok */
		c->ndesc++;
		c->id = le16toh(d->id);
		dev_advance(&f->avail_pos, &f->avail_wrap, f->size);
		if (fl & VRING_DESC_F_INDIRECT) {
			c->indirect = true;
			c->ok = i == 0 && dev_walk_indirect(f, c, d);
			return true;
		}
		if (!dev_add(c, d))
			return true;
		if (!(fl & VRING_DESC_F_NEXT)) {
			c->ok = true;
			return true;
		}
	}
	return true;
}

/* Write one used descriptor at the device's used position. */
static void
dev_use_raw(struct fx *f, uint16_t id, uint32_t len, uint16_t flags,
	    uint16_t ndesc)
{
	struct vring_packed_desc *d = &f->desc[f->used_pos];
	uint16_t i;

	d->id = htole16(id);
	d->len = htole32(len);
	__atomic_store_n(&d->flags, htole16(flags), __ATOMIC_RELEASE);
	for (i = 0; i < ndesc; i++)
		dev_advance(&f->used_pos, &f->used_wrap, f->size);
}

static void
dev_use(struct fx *f, const struct chain *c, uint32_t len)
{
	dev_use_raw(f, c->id, len, f->used_wrap ? F_AVAIL | F_USED : 0,
		    c->ndesc);
}

static void
dev_event_set(struct fx *f, uint16_t flags, uint16_t pos, bool wrap)
{
	f->dev_ev->off_wrap = htole16(pos |
		(wrap ? 1u << VRING_PACKED_EVENT_F_WRAP_CTR : 0));
	f->dev_ev->flags = htole16(flags);
}

/* ---- helpers ---- */

/* Does the device-side chain carry exactly the buffers posted? */
static bool
chain_matches(const struct chain *c, const struct vq_buf *b, uint16_t n)
{
	return c->ok && dbufs_match(c->b, c->n, b, n);
}

/* ---- tests ---- */

static void
test_layout(void)
{
	struct vq_config bad[] = {
		{ .size = 0 }, { .size = 4, .indirect_max = 5 },
	};
	struct vq_packed vq;
	struct fx f;
	unsigned int i;
	bool zero = true;
	void *meta;

	for (i = 0; i < 2; i++)
		CHECK(vq_packed_mem_size(&bad[i]) == 0 &&
		      vq_packed_meta_size(&bad[i]) == 0,
		      "layout: invalid config %u refused", i);
	CHECK(vq_packed_mem_size(&(struct vq_config){ .size = 32768,
		.indirect_max = 8 }) != 0,
	      "layout: 32768 entries accepted");

	if (!fx_init(&f, 5, 4, 24, false)) {
		CHECK(false, "layout: init of a size-5 queue");
		return;
	}
	for (i = 0; i < 16u * 5 + 8; i++)
		zero &= i == 16u * 5 + 2 || i == 16u * 5 + 3 ||
			f.mem[i] == 0;
	CHECK(zero, "layout: ring and device event area zeroed");
	CHECK(le16toh(f.drv_ev->flags) == VRING_PACKED_EVENT_FLAG_DISABLE,
	      "layout: driver event area asks for no interrupts");
	CHECK(f.vq.desc_iova == TEST_IOVA &&
	      f.vq.driver_event_iova == TEST_IOVA + 80 &&
	      f.vq.device_event_iova == TEST_IOVA + 84,
	      "layout: ring and event areas where documented");
	CHECK(vq_packed_slot_mem(&f.vq, 4).priv_iova + 24 <=
	      TEST_IOVA + f.mem_size &&
	      vq_packed_slot_mem(&f.vq, 0).table_iova % 64 == 0,
	      "layout: slot areas aligned and inside the block");
	meta = malloc(vq_packed_meta_size(&f.cfg));
	CHECK(vq_packed_init(&vq, &f.cfg, f.mem + 64, TEST_IOVA, meta,
			     NULL, NULL) == -EINVAL &&
	      vq_packed_init(&vq, &f.cfg, f.mem, TEST_IOVA + 8, meta,
			     NULL, NULL) == -EINVAL,
	      "layout: misaligned memory refused");
	free(meta);
	fx_fini(&f);
}

static void
test_publish_gate(void)
{
	struct vq_buf b[3];
	struct chain c;
	struct fx f;

	if (!fx_init(&f, 8, 4, 0, false)) {
		CHECK(false, "publish: init");
		return;
	}
	mk_bufs(b, 3, 1, 1);
	CHECK(vq_packed_post(&f.vq, b, 3, CK(1)) == 0, "publish: post id 0");
	CHECK(vq_packed_post(&f.vq, b, 3, CK(2)) == 1, "publish: post id 1");
	CHECK(!dev_pop(&f, &c),
	      "publish: nothing available before the publish");
	dev_event_set(&f, VRING_PACKED_EVENT_FLAG_ENABLE, 0, false);
	CHECK(vq_packed_kick(&f.vq) && f.notifies == 1,
	      "publish: notifies when the device enables notifications");
	CHECK(dev_pop(&f, &c) && c.id == 0 && c.indirect && c.ndesc == 1 &&
	      chain_matches(&c, b, 3),
	      "publish: first chain through its table, as posted");
	CHECK(dev_pop(&f, &c) && c.id == 1 && chain_matches(&c, b, 3),
	      "publish: second chain");
	CHECK(!dev_pop(&f, &c), "publish: no third chain");
	CHECK(!vq_packed_kick(&f.vq) && f.notifies == 1,
	      "publish: an empty kick does nothing");
	fx_fini(&f);
}

/* Direct chains across the wrap, completed out of order, many laps. */
static void
test_direct_laps(void)
{
	struct vq_buf b[3];
	struct vq_done d[8];
	struct chain c[2];
	struct fx f;
	bool ok = true;
	unsigned int lap;

	if (!fx_init(&f, 5, 0, 0, false)) {
		CHECK(false, "direct: init");
		return;
	}
	dev_event_set(&f, VRING_PACKED_EVENT_FLAG_DISABLE, 0, false);
	for (lap = 0; lap < 40 && ok; lap++) {
		mk_bufs(b, 2 + lap % 2, 1, lap);
		ok &= vq_packed_post(&f.vq, b, 2 + lap % 2, CK(2 * lap)) >= 0;
		ok &= vq_packed_post(&f.vq, b, 2, CK(2 * lap + 1)) >= 0;
		ok &= !vq_packed_kick(&f.vq);
		ok &= dev_pop(&f, &c[0]) && chain_matches(&c[0], b,
							  2 + lap % 2);
		ok &= dev_pop(&f, &c[1]) && chain_matches(&c[1], b, 2);
		/* second chain first */
		dev_use(&f, &c[1], 1);
		dev_use(&f, &c[0], 0);
		ok &= vq_packed_harvest(&f.vq, d, 8) == 2 &&
			d[0].cookie == CK(2 * lap + 1) && d[0].len == 1 &&
			d[1].cookie == CK(2 * lap) && d[1].flags == 0;
		ok &= vq_packed_in_flight(&f.vq) == 0 && f.vq.num_free == 5;
	}
	CHECK(ok, "direct: 40 rounds of 2- and 3-descriptor chains over a "
	      "5-entry ring, completed out of order (stopped at %u)", lap);
	CHECK(f.notifies == 0, "direct: no notification while disabled");
	CHECK(f.vq.stats.posted == 80 && f.vq.stats.completed == 80,
	      "direct: counters");

	mk_bufs(b, 3, 0, 9);
	CHECK(vq_packed_post(&f.vq, b, 3, CK(1)) >= 0 &&
	      vq_packed_post(&f.vq, b, 3, CK(2)) == -ENOSPC,
	      "direct: a chain longer than the free positions waits");
	fx_fini(&f);
}

static void
test_bad_chains(void)
{
	struct vq_buf b[4];
	struct fx f;

	if (!fx_init(&f, 4, 2, 0, false)) {
		CHECK(false, "bad chains: init");
		return;
	}
	mk_bufs(b, 2, 1, 0);
	CHECK(vq_packed_post(&f.vq, b, 0, CK(0)) == -EINVAL &&
	      vq_packed_post(&f.vq, b, 2, NULL) == -EINVAL,
	      "bad chains: empty chain and NULL cookie refused");
	b[0].flags = VQ_BUF_WRITE;
	b[1].flags = 0;
	CHECK(vq_packed_post(&f.vq, b, 2, CK(0)) == -EINVAL,
	      "bad chains: readable after writable refused");
	b[0].flags = 4;
	CHECK(vq_packed_post(&f.vq, b, 1, CK(0)) == -EINVAL,
	      "bad chains: unknown flags refused");
	mk_bufs(b, 4, 1, 0);
	CHECK(vq_packed_post(&f.vq, b, 4, CK(0)) == 0,
	      "bad chains: longer than a table, as a direct chain of 4");
	fx_fini(&f);
	if (!fx_init(&f, 2, 0, 0, false))
		return;
	CHECK(vq_packed_post(&f.vq, b, 3, CK(0)) == -E2BIG,
	      "bad chains: longer than the ring: -E2BIG");
	fx_fini(&f);
}

/* A posted chain c plus its device view, for the hostile tests. */
static bool
fx_one_in_flight(struct fx *f, struct chain *c, uint16_t n_write)
{
	struct vq_buf b[2];

	mk_bufs(b, 2, n_write, 3);
	b[1].len = 100;
	return vq_packed_post(&f->vq, b, 2, CK(7)) >= 0 &&
		(vq_packed_kick(&f->vq), dev_pop(f, c));
}

static void
test_hostile(void)
{
	struct vq_done d[4];
	struct chain c;
	struct fx f;

	/* id out of range */
	if (!fx_init(&f, 8, 4, 0, false) || !fx_one_in_flight(&f, &c, 1)) {
		CHECK(false, "hostile: setup");
		return;
	}
	dev_use_raw(&f, 8, 0, F_AVAIL | F_USED, 1);
	CHECK(vq_packed_harvest(&f.vq, d, 4) == 0 && f.vq.broken &&
	      f.vq.stats.bad_id == 1,
	      "hostile: id out of range breaks the queue, counted");
	f.used_pos = 0;
	dev_use(&f, &c, 0);
	CHECK(vq_packed_harvest(&f.vq, d, 4) == 0 && f.vq.stats.bad_id == 1,
	      "hostile: nothing harvested from a broken queue, counted once");
	CHECK(vq_packed_reclaim(&f.vq, d, 4) == 1 && d[0].cookie == CK(7) &&
	      d[0].len == 0 && vq_packed_in_flight(&f.vq) == 0,
	      "hostile: reclaim hands the chain back");
	fx_fini(&f);

	/* a completion twice: the second names an id not in flight */
	if (!fx_init(&f, 8, 4, 0, false) || !fx_one_in_flight(&f, &c, 1))
		return;
	dev_use(&f, &c, 100);
	dev_use(&f, &c, 100);
	CHECK(vq_packed_harvest(&f.vq, d, 4) == 1 && d[0].cookie == CK(7) &&
	      f.vq.broken,
	      "hostile: a second completion of the same id breaks the queue");
	fx_fini(&f);

	/* length beyond the writable bytes; stale and half-used flags */
	if (!fx_init(&f, 8, 4, 0, false) || !fx_one_in_flight(&f, &c, 1))
		return;
	dev_use_raw(&f, c.id, 1, 0, 0);	/* last lap's used bits */
	CHECK(vq_packed_harvest(&f.vq, d, 4) == 0 && !f.vq.broken,
	      "hostile: a used descriptor of the wrong lap is not taken");
	dev_use_raw(&f, c.id, 1, F_USED, 0);	/* AVAIL != USED */
	CHECK(vq_packed_harvest(&f.vq, d, 4) == 0 && !f.vq.broken,
	      "hostile: AVAIL != USED is not a used descriptor");
	dev_use(&f, &c, 101);
	CHECK(vq_packed_harvest(&f.vq, d, 4) == 1 &&
	      d[0].flags == VQ_DONE_BAD_LEN && f.vq.stats.bad_len == 1 &&
	      !f.vq.broken,
	      "hostile: a length beyond the writable bytes is flagged");
	fx_fini(&f);

	/* used before it was ever made available */
	if (!fx_init(&f, 8, 4, 0, false))
		return;
	dev_use_raw(&f, 0, 0, F_AVAIL | F_USED, 1);
	CHECK(vq_packed_harvest(&f.vq, d, 4) == 0 && f.vq.broken,
	      "hostile: a buffer used but never posted breaks the queue");
	fx_fini(&f);
}

/* Notifications with EVENT_IDX: only when the batch passes the event. */
static void
test_event_idx(void)
{
	struct vq_buf b[2];
	struct vq_done d[8];
	struct chain c;
	struct fx f;
	unsigned int i;
	bool ok = true;

	if (!fx_init(&f, 4, 2, 0, true)) {
		CHECK(false, "event idx: init");
		return;
	}
	mk_bufs(b, 2, 1, 0);
	/* device wants to hear of position 1 of the first lap */
	dev_event_set(&f, VRING_PACKED_EVENT_FLAG_DESC, 1, true);
	vq_packed_post(&f.vq, b, 2, CK(0));
	CHECK(!vq_packed_kick(&f.vq), "event idx: position 0 is not asked for");
	vq_packed_post(&f.vq, b, 2, CK(1));
	vq_packed_post(&f.vq, b, 2, CK(2));
	CHECK(vq_packed_kick(&f.vq), "event idx: positions 1-2 pass it");
	for (i = 0; i < 3; i++)
		ok &= dev_pop(&f, &c) && (dev_use(&f, &c, 0), true);
	ok &= vq_packed_harvest(&f.vq, d, 8) == 3;
	/*
	 * Position 3 of the first lap, passed by a batch (3, then 0) that
	 * ends in the second lap: the event counts one ring size back.
	 */
	dev_event_set(&f, VRING_PACKED_EVENT_FLAG_DESC, 3, true);
	vq_packed_post(&f.vq, b, 2, CK(3));
	vq_packed_post(&f.vq, b, 2, CK(4));
	CHECK(ok && vq_packed_kick(&f.vq),
	      "event idx: a batch that wraps onto the event notifies");
	dev_event_set(&f, VRING_PACKED_EVENT_FLAG_DESC, 3, true);
	vq_packed_post(&f.vq, b, 2, CK(5));
	CHECK(!vq_packed_kick(&f.vq),
	      "event idx: an event in the lap before is not reached again");
	fx_fini(&f);

	if (!fx_init(&f, 4, 2, 0, false))
		return;
	dev_event_set(&f, VRING_PACKED_EVENT_FLAG_DESC, 3, true);
	vq_packed_post(&f.vq, b, 2, CK(0));
	CHECK(vq_packed_kick(&f.vq),
	      "event idx: DESC without EVENT_IDX negotiated notifies");
	fx_fini(&f);
}

/* Random posts and completions against a reference, odd ring size. */
static void
test_random(void)
{
	struct vq_buf b[6];
	struct vq_done d[16];
	struct chain pending[16];
	uint64_t posted = 0, done = 0;
	unsigned int npend = 0, i, k;
	struct fx f;
	bool ok = true;

	if (!fx_init(&f, 13, 3, 8, false)) {
		CHECK(false, "random: init");
		return;
	}
	srand(7);
	for (i = 0; i < 20000 && ok; i++) {
		uint16_t n = 1 + rand() % 6;
		int slot;

		mk_bufs(b, n, rand() % (n + 1), i);
		slot = vq_packed_post(&f.vq, b, n, CK(i));
		if (slot >= 0)
			posted++;
		else
			ok &= slot == -ENOSPC;
		if (rand() % 3 == 0)
			vq_packed_kick(&f.vq);
		while (npend < 16 && dev_pop(&f, &pending[npend]))
			ok &= pending[npend++].ok;
		if (npend > 0 && rand() % 2 == 0) {
			k = rand() % npend;
			dev_use(&f, &pending[k], 0);
			pending[k] = pending[--npend];
		}
		done += vq_packed_harvest(&f.vq, d, 16);
		ok &= !f.vq.broken &&
			posted - done == vq_packed_in_flight(&f.vq);
	}
	CHECK(ok && posted > 5000,
	      "random: %llu chains over a 13-entry ring, every one accounted",
	      (unsigned long long)posted);
	fx_fini(&f);
}

int
main(void)
{
	test_layout();
	test_publish_gate();
	test_direct_laps();
	test_bad_chains();
	test_hostile();
	test_event_idx();
	test_random();
	return check_done("vq_packed");
}
