/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Multi-segment mbufs: for one algorithm per service, the known-answer
 * cases again with the source cut into odd segments (in place), and out
 * of place with a destination cut differently, or not at all; regions
 * and digests start and end on segment boundaries and in between. And
 * sgl/too-many-segments: an op whose chain has more segments than the
 * PMD can describe (70, it takes 32 buffers) must fail alone.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>

#include "vt_sym.h"

/*
 * 70 segments: more than a request has buffers; 4480 bytes: more than the
 * PMD's 4 KiB bounce copy of a source with too many segments.
 */
#define MANY_SEG 64
#define MANY_LEN (70 * MANY_SEG)	/* AES-CBC: a whole number of blocks */
#define MANY_GOOD_LEN 64
#define SGL_CHAIN "aes-cbc+hmac-sha256"

static const struct vt_layout lay3 = { .seg = { 100, 60 } };
static const struct vt_layout lay_odd = { .seg = { 37, 1, 200 } };
static const struct vt_layout lay_many = { .every = 100 };
static const struct vt_layout lay_too_many = { .every = MANY_SEG };

static const struct vt_job_shape cipher_shapes[] = {
	{ .hdr = 0, .len = 1024, .src_layout = &lay3 },
	{ .hdr = 16, .len = 1024, .trl = 16, .src_layout = &lay_odd },
	{ .hdr = 0, .len = 2000, .src_layout = &lay_many },
	{ .len = 1024, .oop = true, .src_layout = &lay3, .dst_layout = &lay_odd },
	{ .len = 1024, .oop = true, .src_layout = &lay3 },
	{ .len = 1024, .oop = true, .dst_layout = &lay_odd },
	{ .hdr = 16, .len = 2000, .trl = 8, .oop = true,
	  .src_layout = &lay_many, .dst_layout = &lay3 },
};

/* The third: the digest is a segment of its own; the last: the data is. */
static const struct vt_auth_shape auth_shapes[] = {
	{ .off = 0, .len = 1000, .layout = &lay3 },
	{ .off = 13, .len = 1000, .sep_digest = true, .layout = &lay_odd },
	{ .off = 0, .len = 160, .layout = &lay3 },
	{ .off = 0, .len = 2048, .layout = &lay_many },
	{ .off = 100, .len = 60, .sep_digest = true, .layout = &lay3 },
};

static const struct vt_chain_shape chain_shapes[] = {
	{ .hdr = 24, .len = 1024, .src_layout = &lay3 },
	{ .hdr = 24, .len = 1024, .oop = true, .src_layout = &lay3,
	  .dst_layout = &lay_odd },
	{ .hdr = 24, .len = 1024, .oop = true, .sep_digest = true,
	  .dst_layout = &lay3 },
	{ .hdr = 8, .len = 2000, .oop = true, .src_layout = &lay_many },
	{ .hdr = 24, .len = 1024, .sep_digest = true, .src_layout = &lay_many },
};

static const struct vt_aead_shape aead_shapes[] = {
	{ .len = 1024, .src_layout = &lay3 },
	{ .off = 8, .len = 1000, .oop = true, .src_layout = &lay3,
	  .dst_layout = &lay_odd },
	{ .len = 1024, .oop = true, .sep_tag = true, .dst_layout = &lay3 },
	{ .off = 16, .len = 2000, .sep_tag = true, .src_layout = &lay_many },
	{ .len = 160, .src_layout = &lay3 },
	{ .off = 100, .len = 60, .oop = true, .sep_tag = true,
	  .src_layout = &lay3, .dst_layout = &lay3 },
};

#define SGL_FLAGS (RTE_CRYPTODEV_FF_IN_PLACE_SGL | \
	RTE_CRYPTODEV_FF_OOP_SGL_IN_SGL_OUT | \
	RTE_CRYPTODEV_FF_OOP_SGL_IN_LB_OUT | \
	RTE_CRYPTODEV_FF_OOP_LB_IN_SGL_OUT)

static bool
sgl_claimed(const struct vt_ctx *ctx)
{
	return (ctx->info.feature_flags & SGL_FLAGS) == SGL_FLAGS;
}

/* ---- ciphers: AES-128-CBC ---- */

static int
build_cipher(struct vt_ctx *ctx, struct vt_job *job, unsigned int i,
	const void *arg, struct vt_prng *rng)
{
	return vt_job_cipher(ctx, job, arg, rng, &cipher_shapes[i]);
}

static enum vt_result
case_cipher(struct vt_ctx *ctx, const void *arg)
{
	const bool *encrypt = arg;
	uint64_t lost = ctx->nb_lost;
	struct vt_prng rng;
	struct vt_sess s;
	enum vt_result r;
	int ret;

	if (vt_base_alg(ctx) == NULL)
		return vt_skip(ctx, "device does not claim aes-128-cbc");
	if (!sgl_claimed(ctx))
		return vt_skip(ctx, "PMD does not claim multi-segment mbufs");
	vt_prng_seed(&rng, ctx->case_name);
	ret = vt_sess_create(ctx, &s, vt_base_alg(ctx), *encrypt, &rng);
	if (ret != 0)
		return vt_fail(ctx, "session create failed: %s",
			rte_strerror(-ret));
	r = vt_run_batch(ctx, RTE_DIM(cipher_shapes), build_cipher, &s, &rng);
	if (ctx->nb_lost == lost)
		vt_sess_free(ctx, &s);
	return r;
}

/* ---- the other services: their own case functions, other shapes ---- */

/* A service's case function and argument, behind the SGL claim check. */
struct sgl_case {
	vt_case_fn fn;
	const void *arg;
};

#define SGL_AUTH_ALGS 3
#define SGL_DIRS 3
#define SGL_CHAIN_DIRS 6

static struct vt_auth_case auth_cases[SGL_AUTH_ALGS * SGL_DIRS];
static struct vt_chain_case chain_cases[SGL_CHAIN_DIRS];
static struct vt_aead_case aead_cases[SGL_DIRS];
static struct sgl_case sgl_cases[(SGL_AUTH_ALGS + 1) * SGL_DIRS +
	SGL_CHAIN_DIRS];
static unsigned int nb_sgl_cases;

static const char *const auth_dirs[SGL_DIRS] = {
	"generate", "verify", "verify-bad" };
/* As chain_cases.c names them: the four chaining modes. */
static const struct {
	const char *name;
	enum vt_chain_mode mode;
	enum vt_dir dir;
} chain_dirs[SGL_CHAIN_DIRS] = {
	{ "enc-gen", VT_CHAIN_ENC_THEN_MAC, VT_DIR_FORWARD },
	{ "dec-verify", VT_CHAIN_VERIFY_THEN_DEC, VT_DIR_REVERSE },
	{ "dec-verify-bad", VT_CHAIN_VERIFY_THEN_DEC, VT_DIR_REVERSE_BAD },
	{ "mac-then-enc", VT_CHAIN_MAC_THEN_ENC, VT_DIR_FORWARD },
	{ "dec-then-verify", VT_CHAIN_DEC_THEN_VERIFY, VT_DIR_REVERSE },
	{ "dec-then-verify-bad", VT_CHAIN_DEC_THEN_VERIFY, VT_DIR_REVERSE_BAD },
};
static const char *const aead_dirs[SGL_DIRS] = {
	"encrypt", "decrypt", "decrypt-bad-tag" };

static enum vt_result
case_sgl(struct vt_ctx *ctx, const void *arg)
{
	const struct sgl_case *sc = arg;

	if (!sgl_claimed(ctx))
		return vt_skip(ctx, "PMD does not claim multi-segment mbufs");
	return sc->fn(ctx, sc->arg);
}

static void
register_sgl(const char *name, vt_case_fn fn, const void *arg)
{
	struct sgl_case *sc = &sgl_cases[nb_sgl_cases++];

	sc->fn = fn;
	sc->arg = arg;
	vt_register(name, case_sgl, sc);
}

static void
register_auth(const char *service, const char *alg, unsigned int *n)
{
	char name[VT_NAME_LEN];
	struct vt_auth_case *ac;
	unsigned int d;

	for (d = 0; d < SGL_DIRS; d++) {
		ac = &auth_cases[(*n)++];
		*ac = (struct vt_auth_case){ vt_find_auth_alg(alg), d,
			auth_shapes, RTE_DIM(auth_shapes) };
		snprintf(name, sizeof(name), "sgl/%s/%s/%s", service, alg,
			auth_dirs[d]);
		register_sgl(name, vt_auth_case, ac);
	}
}

static void
register_chain_aead(void)
{
	char name[VT_NAME_LEN];
	unsigned int d;

	for (d = 0; d < SGL_CHAIN_DIRS; d++) {
		chain_cases[d] = (struct vt_chain_case){
			.alg = vt_find_chain_alg(SGL_CHAIN),
			.dir = chain_dirs[d].dir,
			.mode = chain_dirs[d].mode,
			.shapes = chain_shapes,
			.nb_shapes = RTE_DIM(chain_shapes),
		};
		snprintf(name, sizeof(name), "sgl/chain/%s/%s",
			SGL_CHAIN, chain_dirs[d].name);
		register_sgl(name, vt_chain_case, &chain_cases[d]);
	}
	for (d = 0; d < SGL_DIRS; d++) {
		aead_cases[d] = (struct vt_aead_case){
			vt_find_aead_alg("aes-gcm-128", "aad20"), d,
			aead_shapes, RTE_DIM(aead_shapes) };
		snprintf(name, sizeof(name), "sgl/aead/aes-gcm-128/aad20/%s",
			aead_dirs[d]);
		register_sgl(name, vt_aead_case, &aead_cases[d]);
	}
}

/* ---- too many segments ---- */

/* Good, too many segments, good: in place, so 70 is over 32 twice. */
static int
build_many(struct vt_ctx *ctx, struct vt_job *job, unsigned int i,
	const void *arg, struct vt_prng *rng)
{
	int ret;

	if (i != 1)
		return vt_svc_job(ctx, job, arg, rng, MANY_GOOD_LEN, NULL,
				VT_FLIP_NONE);
	ret = vt_svc_job(ctx, job, arg, rng, MANY_LEN, &lay_too_many,
			VT_FLIP_NONE);
	if (ret == 0)
		vt_job_make_bad(job, "70 segments");
	return ret;
}

static enum vt_result
case_too_many(struct vt_ctx *ctx, const void *arg)
{
	const enum vt_service *svc = arg;
	uint64_t lost = ctx->nb_lost;
	struct vt_prng rng;
	struct vt_svc v;
	const char *why;
	enum vt_result r;
	int ret;

	if (!(ctx->info.feature_flags & RTE_CRYPTODEV_FF_IN_PLACE_SGL))
		return vt_skip(ctx, "PMD does not claim multi-segment mbufs");
	why = vt_svc_unclaimed(ctx, *svc);
	if (why != NULL)
		return vt_skip(ctx, "%s", why);
	vt_prng_seed(&rng, ctx->case_name);
	ret = vt_svc_create(ctx, &v, *svc, true, &rng);
	if (ret == -ENOTSUP)
		/* A hash or MAC the device performs only chained. */
		r = vt_skip(ctx, "PMD takes it only chained (ENOTSUP alone)");
	else if (ret != 0)
		r = vt_fail(ctx, "session create failed: %s", rte_strerror(-ret));
	else
		r = vt_run_batch(ctx, 3, build_many, &v, &rng);
	if (ctx->nb_lost == lost)
		vt_svc_free(ctx, &v);
	return r;
}

void
vt_register_sgl_cases(void)
{
	static const bool encrypt = true, decrypt = false;
	static enum vt_service svcs[VT_NB_SERVICES];
	char name[VT_NAME_LEN];
	unsigned int i, n = 0;

	vt_register("sgl/cipher/aes-128-cbc/encrypt", case_cipher, &encrypt);
	vt_register("sgl/cipher/aes-128-cbc/decrypt", case_cipher, &decrypt);
	register_auth("hash", "sha256", &n);
	register_auth("mac", "hmac-sha256", &n);
	/* GMAC goes to the device as AEAD: a path of its own in the PMD. */
	register_auth("mac", "aes-gmac-128", &n);
	register_chain_aead();
	for (i = 0; i < VT_NB_SERVICES; i++) {
		svcs[i] = i;
		snprintf(name, sizeof(name), "sgl/too-many-segments/%s",
			vt_service_names[i]);
		vt_register(name, case_too_many, &svcs[i]);
	}
}
