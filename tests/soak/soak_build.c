/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Random jobs for the soak: sizes, offsets, in or out of place, digest in
 * the mbuf or apart, damaged digests, and segment layouts, picked per job
 * from the seeded generator; the guest test's job helpers do the rest
 * (mbufs, op fields, OpenSSL's expected result).
 *
 * Ordinary layouts stay within what one request can describe (at most 12
 * segments a side). Two rarer shapes go past the 32 buffers a request
 * has: out of place (or hash/MAC) with up to 4 KiB of source, which the
 * PMD must read from its bounce copy and get right; and in place with
 * 4480 bytes in 70 segments, which it must fail alone (INVALID_ARGS).
 */

#include <errno.h>
#include <string.h>

#include "soak.h"

#define IMAGE_MAX 4096		/* one segment of the soak's mbuf pool */
#define ROOM_MAX (IMAGE_MAX - VT_MAX_DIGEST - 64 - 32)
#define SMALL_MAX 256
#define MEDIUM_MAX 2048
#define ORDINARY_MAX_SEGS 12
#define MANY_SEG_MIN 48		/* many: 36 segments of 48..95 bytes */
#define MANY_SEGS 36
#define BAD_SEG 64		/* bad: 70 segments of 64 bytes */
#define BAD_LEN (70 * BAD_SEG)

/* The random choices of one job. */
struct pick {
	uint32_t hdr;
	uint32_t len;
	uint32_t trl;
	bool oop;
	bool sep;
	unsigned int flip;
	struct vt_layout src;
	struct vt_layout dst;
	const struct vt_layout *src_lay;
	const struct vt_layout *dst_lay;
};

static bool
one_in(struct vt_prng *rng, uint32_t n)
{
	return vt_prng_below(rng, n) == 0;
}

/* Mostly small, some medium, a few up to max; a multiple of block. */
static uint32_t
pick_len(struct vt_prng *rng, uint32_t max, uint32_t block)
{
	uint32_t r = vt_prng_below(rng, 100), n;

	if (r < 50)
		n = 1 + vt_prng_below(rng, SMALL_MAX);
	else if (r < 85)
		n = SMALL_MAX + 1 + vt_prng_below(rng, MEDIUM_MAX - SMALL_MAX);
	else
		n = MEDIUM_MAX + 1 + vt_prng_below(rng, max - MEDIUM_MAX);
	n = RTE_MIN(n, max);
	n -= n % block;
	return n == 0 ? block : n;
}

/* NULL (one segment) half the time, else listed sizes or a stride. */
static const struct vt_layout *
pick_layout(struct vt_prng *rng, struct vt_layout *lay, uint32_t len)
{
	unsigned int i, n;

	memset(lay, 0, sizeof(*lay));
	switch (vt_prng_below(rng, 4)) {
	case 0:
		n = 1 + vt_prng_below(rng, VT_LAYOUT_SEGS - 1);
		for (i = 0; i < n; i++)
			lay->seg[i] = (uint16_t)(1 + vt_prng_below(rng, 400));
		return lay;
	case 1:
		lay->every = (uint16_t)RTE_MAX(32 + vt_prng_below(rng, 480),
				len / (ORDINARY_MAX_SEGS - 1) + 1);
		return lay;
	default:
		return NULL;
	}
}

static unsigned int
pick_flip(struct vt_prng *rng, bool verify, uint16_t digest_len)
{
	if (!verify || digest_len == 0 || !one_in(rng, 4))
		return VT_FLIP_NONE;
	return 1 + vt_prng_below(rng, digest_len * 8u);
}

static void
pick_common(struct vt_prng *rng, struct pick *p, uint32_t block, bool dst)
{
	memset(p, 0, sizeof(*p));
	p->hdr = one_in(rng, 3) ? vt_prng_below(rng, 64) : 0;
	p->trl = one_in(rng, 3) ? vt_prng_below(rng, 32) : 0;
	p->len = pick_len(rng, ROOM_MAX, block);
	p->oop = dst && one_in(rng, 2);
	p->sep = one_in(rng, 2);
	p->src_lay = pick_layout(rng, &p->src, p->hdr + p->len + p->trl);
	if (p->oop)
		p->dst_lay = pick_layout(rng, &p->dst, p->hdr + p->len + p->trl);
}

/*
 * Past the request's 32 buffers: good (bounce copy of the source, one
 * segment of destination) or bad (in place, 70 segments, over 4 KiB).
 */
static void
pick_many(struct vt_prng *rng, struct pick *p, uint32_t block, bool bad,
	bool dst)
{
	uint32_t every = bad ? BAD_SEG :
		MANY_SEG_MIN + vt_prng_below(rng, MANY_SEG_MIN);

	p->hdr = 0;
	p->trl = 0;
	p->sep = true;
	p->flip = VT_FLIP_NONE;
	p->dst_lay = NULL;
	p->oop = !bad && dst;
	memset(&p->src, 0, sizeof(p->src));
	p->src.every = (uint16_t)every;
	p->src_lay = &p->src;
	p->len = bad ? BAD_LEN : RTE_MIN(MANY_SEGS * every, (uint32_t)ROOM_MAX);
	p->len -= p->len % block;
}

static uint32_t
sess_block(const struct soak_sess *ss)
{
	switch (ss->svc) {
	case SOAK_CIPHER:
		return ss->u.cipher.alg->block;
	case SOAK_CHAIN:
		return ss->u.chain.cipher->block;
	default:
		return 1;
	}
}

static uint16_t
sess_digest(const struct soak_sess *ss)
{
	switch (ss->svc) {
	case SOAK_AUTH:
		return ss->u.auth.alg->digest_len;
	case SOAK_CHAIN:
		return ss->u.chain.auth->digest_len;
	case SOAK_AEAD:
		return ss->u.aead.alg->tag_len;
	default:
		return 0;
	}
}

static int
build_pick(struct vt_ctx *ctx, struct vt_job *job, const struct soak_sess *ss,
	struct vt_prng *rng, const struct pick *p)
{
	const struct vt_job_shape cs = { p->hdr, p->len, p->trl, p->oop,
		p->src_lay, p->dst_lay };
	const struct vt_auth_shape hs = { p->hdr, p->len, p->sep, p->flip,
		p->src_lay };
	const struct vt_chain_shape chs = { p->hdr, p->len, p->oop, p->sep,
		p->flip, p->src_lay, p->dst_lay };
	const struct vt_aead_shape as = { p->hdr, p->len, p->oop, p->sep,
		p->flip, p->src_lay, p->dst_lay };

	switch (ss->svc) {
	case SOAK_CIPHER:
		return vt_job_cipher(ctx, job, &ss->u.cipher, rng, &cs);
	case SOAK_AUTH:
		return vt_job_auth(ctx, job, &ss->u.auth, rng, &hs);
	case SOAK_CHAIN:
		return vt_job_chain(ctx, job, &ss->u.chain, rng, &chs);
	case SOAK_AEAD:
		return vt_job_aead(ctx, job, &ss->u.aead, rng, &as);
	case SOAK_NB_SVC:
		break;
	}
	return -EINVAL;
}

int
soak_build(struct vt_ctx *ctx, struct vt_job *job, const struct soak_sess *ss,
	struct vt_prng *rng, unsigned int *flags)
{
	bool dst = ss->svc != SOAK_AUTH;
	uint32_t block = sess_block(ss);
	struct pick p;
	int ret;

	*flags = 0;
	pick_common(rng, &p, block, dst);
	p.flip = pick_flip(rng, !ss->forward, sess_digest(ss));
	if (one_in(rng, SOAK_BAD_ONE_IN)) {
		pick_many(rng, &p, block, true, dst);
		*flags |= SOAK_JOB_BAD;
	} else if (one_in(rng, SOAK_MANY_ONE_IN)) {
		pick_many(rng, &p, block, false, dst);
		*flags |= SOAK_JOB_MANY;
	}
	ret = build_pick(ctx, job, ss, rng, &p);
	if (ret == -EINVAL && !(*flags & (SOAK_JOB_BAD | SOAK_JOB_MANY))) {
		/* A digest in the mbuf may not straddle two segments. */
		vt_jobs_release(job, 1);
		p.src_lay = NULL;
		p.dst_lay = NULL;
		*flags |= SOAK_JOB_RETRIED;
		ret = build_pick(ctx, job, ss, rng, &p);
	}
	if (ret == 0 && (*flags & SOAK_JOB_BAD))
		vt_job_make_bad(job, "70 segments in place");
	return ret;
}
