/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The used-ring harvest of the split virtqueue engine against a device
 * that writes whatever the input says: used ids in flight, stale, idle or
 * out of range, any length, an index that jumps ahead, garbage in the
 * descriptor table and avail ring it may scribble on. The engine must
 * never read or write outside its memory (exact-size blocks: ASan sees
 * it), and must hand back each posted cookie exactly once, never one it
 * was not given, on the slot it was posted on, with BAD_LEN exactly when
 * the length exceeds the chain's writable bytes; its free-descriptor and
 * in-flight accounting must add up after every step.
 */

#include <errno.h>
#include <stdlib.h>

#include "fz_common.h"
#include "vq_split.h"

#define MAX_TOKENS 512
#define MAX_BUFS 6
#define IOVA_BASE 0x10000000ull

enum tok_state { TOK_FREE, TOK_POSTED, TOK_DONE };

struct token {
	enum tok_state state;
	uint16_t slot;
	uint16_t ndesc;
	uint32_t writable;
};

struct fx {
	struct vq_split vq;
	struct vq_config cfg;
	uint8_t *mem;
	size_t mem_size;
	void *meta;
	struct vring_used *used;	/* device side, from the layout */
	uint16_t used_idx;		/* what the device published */
	struct token tok[MAX_TOKENS];
	uint16_t nb_tok;
	uint32_t outstanding;
	uint32_t desc_held;		/* ring descriptors of posted chains */
	/* heads in posting order, for ids a device would plausibly write */
	uint16_t heads[MAX_TOKENS];
	uint16_t nb_heads;
};

static size_t
used_offset(uint16_t size)
{
	size_t end = 16u * size + 4u + 2u * (size + 1u);

	return (end + 4095) & ~(size_t)4095;
}

static bool
fx_init(struct fx *f, struct fz_in *in)
{
	void *p;

	memset(f, 0, sizeof(*f));
	f->cfg.size = (uint16_t)(1u << fz_pick(in, 7));	/* 1 .. 64 */
	/* Tables no longer than the ring (the engine refuses others). */
	f->cfg.indirect_max = (uint16_t)fz_pick(in, f->cfg.size < 4 ?
						 f->cfg.size + 1u : 5u);
	f->cfg.slot_priv_size = fz_pick(in, 4) * 24;
	f->cfg.event_idx = fz_bool(in);
	f->mem_size = vq_split_mem_size(&f->cfg);
	FZ_CHECK(f->mem_size != 0, "valid config refused");
	if (posix_memalign(&p, 4096, f->mem_size) != 0)
		return false;
	f->mem = p;
	f->meta = malloc(vq_split_meta_size(&f->cfg));
	if (f->meta == NULL)
		return false;
	FZ_CHECK(vq_split_init(&f->vq, &f->cfg, f->mem, IOVA_BASE, f->meta,
			       NULL, NULL) == 0, "init failed");
	f->used = (struct vring_used *)(f->mem + used_offset(f->cfg.size));
	FZ_CHECK((void *)f->used == (void *)f->vq.used,
		 "used ring not where the layout puts it");
	return true;
}

static void
post(struct fx *f, struct fz_in *in)
{
	struct vq_buf bufs[MAX_BUFS];
	uint16_t n = (uint16_t)fz_pick(in, MAX_BUFS + 1);	/* 0 is bad */
	uint16_t nr = n == 0 ? 0 : (uint16_t)fz_pick(in, n + 1);
	bool bad_order = fz_u8(in) == 0x5a;
	uint16_t free_before = f->vq.num_free;
	uint32_t writable = 0;
	struct token *t;
	void *cookie;
	uint16_t i;
	int ret;

	if (f->nb_tok == MAX_TOKENS)
		return;
	t = &f->tok[f->nb_tok];
	for (i = 0; i < n; i++) {
		bufs[i].iova = IOVA_BASE + fz_u16(in);
		bufs[i].len = fz_u8(in) & 0x80 ? fz_u32(in) : fz_u8(in);
		bufs[i].flags = i < nr ? 0 : VQ_BUF_WRITE;
		if (bufs[i].flags)
			writable = (uint64_t)writable + bufs[i].len > UINT32_MAX ?
				UINT32_MAX : writable + bufs[i].len;
	}
	if (bad_order && n >= 2) {
		bufs[0].flags = VQ_BUF_WRITE;
		bufs[n - 1].flags = 0;
	}
	/* A NULL cookie must be refused; tokens are never NULL. */
	cookie = fz_u8(in) == 0xa5 ? NULL : t;
	ret = vq_split_post(&f->vq, bufs, n, cookie);
	if (ret < 0) {
		FZ_CHECK(ret == -EINVAL || ret == -ENOSPC || ret == -E2BIG,
			 "post: unexpected error %d", ret);
		FZ_CHECK(f->vq.num_free == free_before,
			 "failed post took descriptors");
		return;
	}
	FZ_CHECK(cookie != NULL && n != 0 && !(bad_order && n >= 2),
		 "post accepted a malformed chain (n %u, readable %u)", n, nr);
	FZ_CHECK(ret < f->cfg.size, "post returned slot %d of %u", ret,
		 f->cfg.size);
	t->state = TOK_POSTED;
	t->slot = (uint16_t)ret;
	t->writable = writable;
	t->ndesc = free_before - f->vq.num_free;
	FZ_CHECK(t->ndesc == 1 || t->ndesc == n, "chain of %u took %u",
		 n, t->ndesc);
	f->nb_tok++;
	f->outstanding++;
	f->desc_held += t->ndesc;
	if (f->nb_heads < MAX_TOKENS)
		f->heads[f->nb_heads++] = (uint16_t)ret;
}

/* The device writes count used entries and publishes some index. */
static void
device_write(struct fx *f, struct fz_in *in)
{
	uint16_t count = (uint16_t)fz_pick(in, 9);
	uint16_t mask = f->cfg.size - 1;
	uint16_t i;

	for (i = 0; i < count; i++) {
		struct vring_used_elem *e = &f->used->ring[(f->used_idx + i) & mask];
		uint8_t how = fz_u8(in);
		uint32_t id;

		if (how < 160 && f->nb_heads != 0)
			id = f->heads[fz_pick(in, f->nb_heads)];
		else if (how < 220)
			id = fz_pick(in, f->cfg.size);
		else
			id = fz_u32(in);
		e->id = vq_le32(id);
		e->len = vq_le32(fz_bool(in) ? fz_u32(in) : fz_u8(in));
	}
	f->used_idx += count;
	if (fz_u8(in) == 0xee)
		f->used_idx = fz_u16(in);	/* an index out of thin air */
	__atomic_store_n(&f->used->idx, vq_le16(f->used_idx), __ATOMIC_RELEASE);
}

/* Device-visible memory the engine must not trust. */
static void
scribble(struct fx *f, struct fz_in *in)
{
	size_t off = fz_pick(in, (uint32_t)f->mem_size);
	size_t len = fz_pick(in, 64);

	if (off + len > f->mem_size)
		len = f->mem_size - off;
	fz_bytes(in, f->mem + off, len);
	/* The used index stays ours, to keep the rest of the input meaningful. */
	__atomic_store_n(&f->used->idx, vq_le16(f->used_idx), __ATOMIC_RELEASE);
}

static void
check_done(struct fx *f, const struct vq_done *d, uint16_t n, bool reclaimed)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		struct token *t = d[i].cookie;
		size_t k = (size_t)(t - f->tok);

		FZ_CHECK(t >= f->tok && t < f->tok + f->nb_tok &&
			 (uintptr_t)d[i].cookie ==
			 (uintptr_t)&f->tok[k], "cookie %p never posted",
			 d[i].cookie);
		FZ_CHECK(t->state == TOK_POSTED, "cookie %zu handed back twice",
			 k);
		FZ_CHECK(d[i].slot == t->slot, "cookie %zu on slot %u, posted on %u",
			 k, d[i].slot, t->slot);
		if (reclaimed)
			FZ_CHECK(d[i].len == 0 && d[i].flags == 0,
				 "reclaim: len %u flags %u", d[i].len,
				 d[i].flags);
		else
			FZ_CHECK(d[i].flags == (d[i].len > t->writable ?
						VQ_DONE_BAD_LEN : 0),
				 "len %u writable %u flags %u", d[i].len,
				 t->writable, d[i].flags);
		t->state = TOK_DONE;
		f->outstanding--;
		f->desc_held -= t->ndesc;
	}
}

static void
harvest(struct fx *f, struct fz_in *in, bool reclaim)
{
	uint16_t max = (uint16_t)fz_pick(in, 12);
	struct vq_done *done;
	uint16_t n;

	/* Exactly max entries: a write past them is an ASan report. */
	done = malloc(sizeof(*done) * (max != 0 ? max : 1));
	if (done == NULL)
		return;
	n = reclaim ? vq_split_reclaim(&f->vq, done, max) :
		vq_split_harvest(&f->vq, done, max);
	FZ_CHECK(n <= max, "%u completions for room of %u", n, max);
	check_done(f, done, n, reclaim);
	free(done);
}

static void
check_accounts(const struct fx *f)
{
	FZ_CHECK(vq_split_in_flight(&f->vq) == f->outstanding,
		 "in flight %u, outstanding cookies %u",
		 vq_split_in_flight(&f->vq), f->outstanding);
	FZ_CHECK(f->vq.num_free + f->desc_held == f->cfg.size,
		 "free %u + held %u != size %u", f->vq.num_free, f->desc_held,
		 f->cfg.size);
	FZ_CHECK(f->vq.stats.posted == f->nb_tok, "posted %llu, tokens %u",
		 (unsigned long long)f->vq.stats.posted, f->nb_tok);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in;
	struct fx *f;
	unsigned int steps = 0;

	fz_in_init(&in, data, size);
	f = calloc(1, sizeof(*f));
	if (f == NULL || !fx_init(f, &in))
		goto out;
	while (fz_more(&in) && steps++ < 4096) {
		switch (fz_u8(&in) % 8) {
		case 0:
		case 1:
			post(f, &in);
			break;
		case 2:
			vq_split_kick(&f->vq);
			break;
		case 3:
		case 4:
			device_write(f, &in);
			break;
		case 5:
			harvest(f, &in, false);
			break;
		case 6:
			scribble(f, &in);
			break;
		default:
			/* Only once the device is reset: it writes no more. */
			if (fz_u8(&in) < 32) {
				harvest(f, &in, true);
				f->nb_heads = 0;
			}
			break;
		}
		check_accounts(f);
	}
	/* Whatever is left comes back from a reclaim, each exactly once. */
	while (f->outstanding != 0) {
		struct vq_done d[8];
		uint16_t n = vq_split_reclaim(&f->vq, d, 8);

		FZ_CHECK(n != 0, "%u cookies in flight, reclaim gives none",
			 f->outstanding);
		check_done(f, d, n, true);
	}
	check_accounts(f);
out:
	if (f != NULL) {
		free(f->mem);
		free(f->meta);
	}
	free(f);
	return 0;
}
