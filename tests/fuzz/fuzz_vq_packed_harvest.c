/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The used-descriptor harvest of the packed virtqueue engine against a
 * device that writes whatever the input says: used descriptors at its own
 * position or anywhere, with the right wrap bits or any, naming ids in
 * flight, freed, or out of range, any length; and scribbles over the
 * descriptors and event areas. Ring sizes are any value up to 64, not
 * only powers of two. The engine must stay inside its memory (exact-size
 * blocks: ASan sees it), hand back each posted cookie exactly once, on
 * the slot it was posted on, never one it was not given, with BAD_LEN
 * exactly when the length exceeds the chain's writable bytes, harvest
 * nothing once broken, and keep its id and position accounting whole.
 */

#include <errno.h>
#include <stdlib.h>

#include "fz_common.h"
#include "vq_packed.h"

#define MAX_POSTS 512
#define MAX_BUFS 6
#define IOVA_BASE 0x20000000ull

struct post_rec {
	bool in_flight;
	bool handed_back;
	uint16_t slot;
	uint16_t ndesc;
	uint32_t writable;
};

struct rig {
	struct vq_packed vq;
	struct vq_config cfg;
	uint8_t *mem;
	size_t mem_size;
	void *meta;
	struct post_rec rec[MAX_POSTS];
	uint16_t nb_rec;
	struct post_rec *by_slot[64];	/* the latest post on each slot */
	uint32_t in_flight;
	uint32_t positions_held;
	/* the device's own idea of where its next used descriptor goes */
	uint16_t dev_used;
	bool dev_wrap;
};

static bool
rig_init(struct rig *r, struct fz_in *in)
{
	void *p;

	memset(r, 0, sizeof(*r));
	r->cfg.size = (uint16_t)(1 + fz_pick(in, 64));
	r->cfg.indirect_max = (uint16_t)fz_pick(in, r->cfg.size < 5 ?
						 r->cfg.size + 1u : 6u);
	r->cfg.slot_priv_size = fz_pick(in, 3) * 40;
	r->cfg.event_idx = fz_bool(in);
	r->mem_size = vq_packed_mem_size(&r->cfg);
	FZ_CHECK(r->mem_size != 0, "valid config refused");
	if (posix_memalign(&p, 4096, r->mem_size) != 0)
		return false;
	r->mem = p;
	r->meta = malloc(vq_packed_meta_size(&r->cfg));
	if (r->meta == NULL)
		return false;
	FZ_CHECK(vq_packed_init(&r->vq, &r->cfg, r->mem, IOVA_BASE, r->meta,
				NULL, NULL) == 0, "init failed");
	r->dev_wrap = true;
	return true;
}

static void
do_post(struct rig *r, struct fz_in *in)
{
	struct vq_buf bufs[MAX_BUFS];
	uint16_t n = (uint16_t)fz_pick(in, MAX_BUFS + 1);
	uint16_t readable = n == 0 ? 0 : (uint16_t)fz_pick(in, n + 1);
	bool swap = fz_u8(in) == 0x3c;
	uint16_t free_before = r->vq.num_free;
	struct post_rec *pr;
	uint64_t writable = 0;
	void *cookie;
	uint16_t i;
	int ret;

	if (r->nb_rec == MAX_POSTS)
		return;
	pr = &r->rec[r->nb_rec];
	for (i = 0; i < n; i++) {
		bufs[i] = (struct vq_buf){ .iova = IOVA_BASE + fz_u32(in),
			.len = fz_bool(in) ? fz_u32(in) : fz_u8(in),
			.flags = i < readable ? 0 : VQ_BUF_WRITE };
		if (bufs[i].flags)
			writable += bufs[i].len;
	}
	if (swap && n >= 2) {	/* a writable buffer before a readable one */
		bufs[0].flags = VQ_BUF_WRITE;
		bufs[n - 1].flags = 0;
	}
	cookie = fz_u8(in) == 0x99 ? NULL : pr;
	ret = vq_packed_post(&r->vq, bufs, n, cookie);
	if (ret < 0) {
		FZ_CHECK(ret == -EINVAL || ret == -ENOSPC || ret == -E2BIG,
			 "post: error %d", ret);
		FZ_CHECK(r->vq.num_free == free_before,
			 "a failed post took ring positions");
		return;
	}
	FZ_CHECK(cookie != NULL && n != 0 && !(swap && n >= 2),
		 "malformed chain accepted (n %u, readable %u)", n, readable);
	FZ_CHECK(ret < r->cfg.size, "slot %d of %u", ret, r->cfg.size);
	*pr = (struct post_rec){ .in_flight = true, .slot = (uint16_t)ret,
		.ndesc = (uint16_t)(free_before - r->vq.num_free),
		.writable = writable > UINT32_MAX ? UINT32_MAX :
			(uint32_t)writable };
	FZ_CHECK(pr->ndesc == 1 || pr->ndesc == n, "chain of %u took %u",
		 n, pr->ndesc);
	r->by_slot[ret] = pr;
	r->nb_rec++;
	r->in_flight++;
	r->positions_held += pr->ndesc;
}

/* One used descriptor, placed and flagged as the input says. */
static void
device_use(struct rig *r, struct fz_in *in)
{
	uint8_t how = fz_u8(in);
	bool honest = how < 170;
	uint16_t pos = honest ? r->dev_used :
		(uint16_t)fz_pick(in, r->cfg.size);
	struct vring_packed_desc *d = &r->vq.desc[pos];
	uint16_t id = (uint16_t)fz_pick(in, r->cfg.size);
	uint16_t flags, skip = 1;

	if (how >= 240)
		id = fz_u16(in);
	if (honest && r->by_slot[id % r->cfg.size] != NULL) {
		id %= r->cfg.size;
		skip = r->by_slot[id]->ndesc;
	}
	flags = r->dev_wrap ? (1u << VRING_PACKED_DESC_F_AVAIL) |
		(1u << VRING_PACKED_DESC_F_USED) : 0;
	if (!honest)
		flags = fz_u16(in);
	d->id = vq_le16(id);
	d->len = vq_le32(fz_bool(in) ? fz_u32(in) : fz_u8(in));
	__atomic_store_n(&d->flags, vq_le16(flags), __ATOMIC_RELEASE);
	if (!honest)
		return;
	r->dev_used += skip;
	if (r->dev_used >= r->cfg.size) {
		r->dev_used -= r->cfg.size;
		r->dev_wrap = !r->dev_wrap;
	}
}

static void
scribble(struct rig *r, struct fz_in *in)
{
	size_t off = fz_pick(in, (uint32_t)r->mem_size);
	size_t len = fz_pick(in, 48);

	if (off + len > r->mem_size)
		len = r->mem_size - off;
	fz_bytes(in, r->mem + off, len);
}

static void
check_back(struct rig *r, const struct vq_done *d, uint16_t n, bool reclaim)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		struct post_rec *pr = d[i].cookie;

		FZ_CHECK(pr >= r->rec && pr < r->rec + r->nb_rec,
			 "cookie %p was never posted", d[i].cookie);
		FZ_CHECK(pr->in_flight && !pr->handed_back,
			 "post %td handed back twice", pr - r->rec);
		FZ_CHECK(d[i].slot == pr->slot, "post %td: slot %u, posted on %u",
			 pr - r->rec, d[i].slot, pr->slot);
		if (reclaim)
			FZ_CHECK(d[i].len == 0 && d[i].flags == 0,
				 "reclaimed with len %u flags %u", d[i].len,
				 d[i].flags);
		else
			FZ_CHECK(d[i].flags == (d[i].len > pr->writable ?
						VQ_DONE_BAD_LEN : 0),
				 "len %u of %u writable, flags %u", d[i].len,
				 pr->writable, d[i].flags);
		pr->in_flight = false;
		pr->handed_back = true;
		r->in_flight--;
		r->positions_held -= pr->ndesc;
	}
}

static void
take_back(struct rig *r, struct fz_in *in, bool reclaim)
{
	uint16_t max = (uint16_t)fz_pick(in, 10);
	bool was_broken = vq_packed_broken(&r->vq);
	struct vq_done *done = malloc(sizeof(*done) * (max ? max : 1));
	uint16_t n;

	if (done == NULL)
		return;
	n = reclaim ? vq_packed_reclaim(&r->vq, done, max) :
		vq_packed_harvest(&r->vq, done, max);
	FZ_CHECK(n <= max, "%u back for room of %u", n, max);
	FZ_CHECK(reclaim || !was_broken || n == 0,
		 "%u harvested from a broken queue", n);
	check_back(r, done, n, reclaim);
	free(done);
}

static void
check_totals(const struct rig *r)
{
	FZ_CHECK(vq_packed_in_flight(&r->vq) == r->in_flight,
		 "engine has %u in flight, %u posts are",
		 vq_packed_in_flight(&r->vq), r->in_flight);
	FZ_CHECK(r->vq.num_free + r->positions_held == r->cfg.size,
		 "free %u + held %u != size %u", r->vq.num_free,
		 r->positions_held, r->cfg.size);
	FZ_CHECK(r->vq.ids_free + r->in_flight == r->cfg.size,
		 "free ids %u + in flight %u != size %u", r->vq.ids_free,
		 r->in_flight, r->cfg.size);
	FZ_CHECK(r->vq.next_avail < r->cfg.size &&
		 r->vq.last_used < r->cfg.size, "position out of the ring");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in;
	struct rig *r;
	unsigned int steps = 0;

	fz_in_init(&in, data, size);
	r = calloc(1, sizeof(*r));
	if (r == NULL || !rig_init(r, &in))
		goto out;
	while (fz_more(&in) && steps++ < 4096) {
		switch (fz_u8(&in) % 8) {
		case 0:
		case 1:
			do_post(r, &in);
			break;
		case 2:
			vq_packed_kick(&r->vq);
			break;
		case 3:
		case 4:
			device_use(r, &in);
			break;
		case 5:
			take_back(r, &in, false);
			break;
		case 6:
			scribble(r, &in);
			break;
		default:
			/*
			 * A reset device writes no more; the queue is then
			 * initialized again, as the driver does.
			 */
			if (fz_u8(&in) < 24 && r->in_flight <= 10) {
				take_back(r, &in, true);
				if (r->in_flight == 0) {
					FZ_CHECK(vq_packed_init(&r->vq,
						&r->cfg, r->mem, IOVA_BASE,
						r->meta, NULL, NULL) == 0,
						"init again failed");
					memset(r->by_slot, 0,
					       sizeof(r->by_slot));
					r->dev_used = 0;
					r->dev_wrap = true;
				}
			}
			break;
		}
		check_totals(r);
	}
	while (r->in_flight != 0) {
		struct vq_done d[8];
		uint16_t n = vq_packed_reclaim(&r->vq, d, 8);

		FZ_CHECK(n != 0, "%u in flight, reclaim gives none",
			 r->in_flight);
		check_back(r, d, n, true);
	}
	check_totals(r);
out:
	if (r != NULL) {
		free(r->mem);
		free(r->meta);
	}
	free(r);
	return 0;
}
