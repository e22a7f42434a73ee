/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Bad input. Sessions the device cannot do must fail at create time,
 * cleanly; bad ops must fail alone, without taking the good ops of the
 * same burst with them; and every op accepted by enqueue must come back
 * from dequeue (vt_run_jobs() gives up after a bounded wait).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_mbuf.h>

#include "vcrypto_test.h"

#define MIXED_BURST 32
#define OVERFLOW_CHUNK 32
#define OVERFLOW_CAP 6144	/* well past any queue this PMD can have */
#define AES_BLOCK 16

/* Ciphers no virtio-crypto device performs, with plausible key sizes. */
static const struct vt_cipher_alg unsupported_algs[] = {
	{ "snow3g-uea2", RTE_CRYPTO_CIPHER_SNOW3G_UEA2, 16, 16, 1, VT_REF_EVP, NULL },
	{ "zuc-eea3", RTE_CRYPTO_CIPHER_ZUC_EEA3, 16, 16, 1, VT_REF_EVP, NULL },
	{ "kasumi-f8", RTE_CRYPTO_CIPHER_KASUMI_F8, 16, 8, 1, VT_REF_EVP, NULL },
	{ "aes-docsisbpi", RTE_CRYPTO_CIPHER_AES_DOCSISBPI, 16, 16, 1, VT_REF_EVP, NULL },
	{ "aes-f8", RTE_CRYPTO_CIPHER_AES_F8, 16, 16, 16, VT_REF_EVP, NULL },
};

static bool
claimed(const struct vt_ctx *ctx, enum rte_crypto_cipher_algorithm algo)
{
	struct rte_cryptodev_sym_capability_idx idx = {
		.type = RTE_CRYPTO_SYM_XFORM_CIPHER,
		.algo.cipher = algo,
	};

	return rte_cryptodev_sym_capability_get(ctx->dev_id, &idx) != NULL;
}

/* A session that must not be created: NULL, rte_errno set, no crash. */
static enum vt_result
expect_create_fails(struct vt_ctx *ctx, const struct vt_cipher_alg *alg,
	struct vt_prng *rng)
{
	struct vt_sess s;

	if (vt_sess_create(ctx, &s, alg, true, rng) == 0) {
		vt_sess_free(ctx, &s);
		return vt_fail(ctx, "session create for %s with a %u-byte key succeeded",
			alg->name, alg->key_len);
	}
	if (rte_errno == 0)
		return vt_fail(ctx, "session create for %s returned NULL without setting rte_errno",
			alg->name);
	vt_note(ctx, "%s with a %u-byte key refused: %s", alg->name,
		alg->key_len, rte_strerror(rte_errno));
	return vt_device_still_works(ctx, rng, "after the refused session");
}

static enum vt_result
case_unsupported_algo(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	struct vt_prng rng;
	unsigned int i;

	vt_prng_seed(&rng, ctx->case_name);
	for (i = 0; i < RTE_DIM(unsupported_algs); i++)
		if (!claimed(ctx, unsupported_algs[i].algo))
			return expect_create_fails(ctx, &unsupported_algs[i], &rng);
	return vt_skip(ctx, "device claims every candidate algorithm");
}

static enum vt_result
case_bad_key_size(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	struct vt_cipher_alg alg;
	struct vt_prng rng;

	if (vt_base_alg(ctx) == NULL)
		return vt_skip(ctx, "device does not claim aes-128-cbc");
	alg = *vt_base_alg(ctx);
	alg.name = "aes-cbc";
	alg.key_len = 20;	/* AES keys are 16, 24 or 32 bytes */
	vt_prng_seed(&rng, ctx->case_name);
	return expect_create_fails(ctx, &alg, &rng);
}

/*
 * Run a burst of good ops with bad ones at the given positions. make_bad
 * builds the bad op; every other position gets a good 64-byte op.
 */
typedef int (*make_bad_fn)(struct vt_ctx *ctx, struct vt_job *job,
		const struct vt_sess *s, struct vt_prng *rng);

static enum vt_result
good_bad_good(struct vt_ctx *ctx, make_bad_fn make_bad)
{
	const struct vt_job_shape good = { .hdr = 0, .len = 64, .trl = 0 };
	struct vt_job jobs[3];
	uint64_t lost = ctx->nb_lost;
	struct vt_prng rng;
	struct vt_sess s;
	enum vt_result r;
	int ret;

	if (vt_base_alg(ctx) == NULL)
		return vt_skip(ctx, "device does not claim aes-128-cbc");
	vt_prng_seed(&rng, ctx->case_name);
	ret = vt_sess_create(ctx, &s, vt_base_alg(ctx), true, &rng);
	if (ret != 0)
		return vt_fail(ctx, "session create failed: %s", rte_strerror(-ret));
	memset(jobs, 0, sizeof(jobs));
	if (vt_job_cipher(ctx, &jobs[0], &s, &rng, &good) != 0 ||
			make_bad(ctx, &jobs[1], &s, &rng) != 0 ||
			vt_job_cipher(ctx, &jobs[2], &s, &rng, &good) != 0) {
		r = vt_fail(ctx, "cannot build the ops");
	} else {
		vt_run_jobs(ctx, jobs, RTE_DIM(jobs));
		r = vt_jobs_check(ctx, jobs, RTE_DIM(jobs));
	}
	vt_jobs_release(jobs, RTE_DIM(jobs));
	if (ctx->nb_lost == lost)
		vt_sess_free(ctx, &s);
	return r;
}

static int
make_short(struct vt_ctx *ctx, struct vt_job *job, const struct vt_sess *s,
	struct vt_prng *rng)
{
	return vt_job_bad(ctx, job, s, rng, AES_BLOCK - 1, false,
			"15 bytes of AES-CBC");
}

static int
make_null_session(struct vt_ctx *ctx, struct vt_job *job,
	const struct vt_sess *s, struct vt_prng *rng)
{
	return vt_job_bad(ctx, job, s, rng, 64, true, "NULL session");
}

static enum vt_result
case_bad_length(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	return good_bad_good(ctx, make_short);
}

static enum vt_result
case_null_session(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	return good_bad_good(ctx, make_null_session);
}

/* Build n good 64-byte ops starting at jobs[first]. */
static int
build_good(struct vt_ctx *ctx, struct vt_job *jobs, unsigned int first,
	unsigned int n, const struct vt_sess *s, struct vt_prng *rng)
{
	const struct vt_job_shape shape = { .hdr = 0, .len = 64, .trl = 0 };
	unsigned int i;

	for (i = first; i < first + n; i++)
		if (vt_job_cipher(ctx, &jobs[i], s, rng, &shape) != 0)
			return -1;
	return 0;
}

/*
 * Fill the queue without dequeuing until enqueue comes up short. Returns
 * how many ops were accepted; *built says how many jobs exist.
 */
static int
overflow_fill(struct vt_ctx *ctx, struct vt_job *jobs, const struct vt_sess *s,
	struct vt_prng *rng, unsigned int *built)
{
	unsigned int next = 0, k;

	*built = 0;
	while (*built + OVERFLOW_CHUNK <= OVERFLOW_CAP) {
		if (build_good(ctx, jobs, *built, OVERFLOW_CHUNK, s, rng) != 0)
			return -1;
		*built += OVERFLOW_CHUNK;
		k = vt_enqueue(ctx, jobs, next, OVERFLOW_CHUNK);
		next += k;
		if (k < OVERFLOW_CHUNK)
			break;
	}
	return (int)next;
}

/*
 * The ops that did not fit are still the application's: they must be
 * untouched (an app resubmits them as they are) and go through once
 * there is room.
 */
static enum vt_result
overflow_resubmit(struct vt_ctx *ctx, struct vt_job *jobs, unsigned int n)
{
	char why[VT_REASON_LEN];
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!vt_job_src_untouched(&jobs[i]))
			return vt_fail(ctx, "an op enqueue did not accept (queue full) was modified anyway: resubmitting it would process it twice");
	vt_run_jobs(ctx, jobs, n);
	if (vt_jobs_check(ctx, jobs, n) == VT_PASS)
		return VT_PASS;
	memcpy(why, ctx->reason, sizeof(why));
	return vt_fail(ctx, "resubmitting the ops that did not fit: %s", why);
}

static enum vt_result
overflow_check(struct vt_ctx *ctx, struct vt_job *jobs, unsigned int accepted,
	unsigned int built)
{
	enum vt_result r;

	if (accepted == 0)
		return vt_fail(ctx, "enqueue accepted nothing on an idle queue");
	if (accepted == built)
		vt_fail(ctx, "enqueue never came up short after %u ops", built);
	vt_drain(ctx, jobs, accepted);
	r = vt_jobs_check(ctx, jobs, accepted);
	if (r != VT_PASS || accepted == built)
		return VT_FAIL;
	vt_note(ctx, "queue full after %u ops (nb_descriptors %u)", accepted,
		ctx->nb_desc);
	return overflow_resubmit(ctx, jobs + accepted, built - accepted);
}

static enum vt_result
case_queue_overflow(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	uint64_t lost = ctx->nb_lost;
	unsigned int built = 0;
	struct vt_job *jobs;
	struct vt_prng rng;
	struct vt_sess s;
	enum vt_result r;
	int accepted;

	if (vt_base_alg(ctx) == NULL)
		return vt_skip(ctx, "device does not claim aes-128-cbc");
	jobs = calloc(OVERFLOW_CAP, sizeof(*jobs));
	if (jobs == NULL)
		return vt_fail(ctx, "out of memory");
	vt_prng_seed(&rng, ctx->case_name);
	if (vt_sess_create(ctx, &s, vt_base_alg(ctx), true, &rng) != 0) {
		free(jobs);
		return vt_fail(ctx, "session create failed");
	}
	accepted = overflow_fill(ctx, jobs, &s, &rng, &built);
	if (accepted < 0) {
		vt_drain(ctx, jobs, built);
		r = vt_fail(ctx, "cannot build ops (pools exhausted?)");
	} else {
		r = overflow_check(ctx, jobs, (unsigned int)accepted, built);
	}
	vt_jobs_release(jobs, built);
	free(jobs);
	if (ctx->nb_lost == lost)
		vt_sess_free(ctx, &s);
	return r;
}

/*
 * The mixed burst's oversized op: the smallest whole number of AES blocks
 * above the device's max size, when that fits one segment (bad/oversized
 * and bad/oversized-* take any size: bad_service_cases.c).
 */
static uint32_t
oversized_len(const struct vt_ctx *ctx)
{
	return (uint32_t)RTE_ALIGN_CEIL(ctx->max_size + 1, AES_BLOCK);
}

static bool
oversized_possible(const struct vt_ctx *ctx)
{
	return ctx->max_size != 0 && ctx->max_size <
		UINT16_MAX - RTE_PKTMBUF_HEADROOM - AES_BLOCK;
}

/* Sessions for the mixed burst: two directions and, if claimed, CTR. */
struct mixed_sessions {
	struct vt_sess s[3];
	unsigned int n;
};

static int
mixed_sessions_create(struct vt_ctx *ctx, struct mixed_sessions *ms,
	struct vt_prng *rng)
{
	const struct vt_cipher_alg *ctr = vt_find_alg("aes-256-ctr");

	ms->n = 0;
	if (vt_sess_create(ctx, &ms->s[ms->n], vt_base_alg(ctx), true, rng) != 0)
		return -1;
	ms->n++;
	if (vt_sess_create(ctx, &ms->s[ms->n], vt_base_alg(ctx), false, rng) != 0)
		return -1;
	ms->n++;
	if (ctr != NULL && vt_alg_supported(ctx, ctr)) {
		if (vt_sess_create(ctx, &ms->s[ms->n], ctr, false, rng) != 0)
			return -1;
		ms->n++;
	}
	return 0;
}

/* Position i of the mixed burst: which op goes there. */
static int
mixed_job(struct vt_ctx *ctx, struct vt_job *job, unsigned int i,
	const struct mixed_sessions *ms, struct vt_prng *rng)
{
	struct vt_job_shape sh = { .hdr = 0, .len = 64, .trl = 0, .oop = false };
	const struct vt_sess *s = &ms->s[i % ms->n];

	switch (i % 8) {
	case 1:
		return vt_job_bad(ctx, job, &ms->s[0], rng, AES_BLOCK - 1, false,
				"15 bytes of AES-CBC");
	case 3:
		return vt_job_bad(ctx, job, &ms->s[0], rng, 64, true,
				"NULL session");
	case 5:
		return vt_job_bad(ctx, job, &ms->s[1], rng, 3 * AES_BLOCK + 1,
				false, "49 bytes of AES-CBC");
	case 7:
		if (oversized_possible(ctx))
			return vt_job_bad(ctx, job, &ms->s[0], rng,
					oversized_len(ctx), false,
					"longer than the device's max size");
		sh.len = 1024;
		break;
	case 2:
		sh.oop = true;
		break;
	case 4:
		sh.hdr = 16;
		sh.trl = 16;
		break;
	}
	return vt_job_cipher(ctx, job, s, rng, &sh);
}

static enum vt_result
case_mixed_burst(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	struct vt_job jobs[MIXED_BURST];
	uint64_t lost = ctx->nb_lost;
	struct mixed_sessions ms;
	struct vt_prng rng;
	enum vt_result r;
	unsigned int i;

	if (vt_base_alg(ctx) == NULL)
		return vt_skip(ctx, "device does not claim aes-128-cbc");
	vt_prng_seed(&rng, ctx->case_name);
	memset(jobs, 0, sizeof(jobs));
	memset(&ms, 0, sizeof(ms));
	r = VT_PASS;
	if (mixed_sessions_create(ctx, &ms, &rng) != 0)
		r = vt_fail(ctx, "session create failed");
	for (i = 0; r == VT_PASS && i < MIXED_BURST; i++)
		if (mixed_job(ctx, &jobs[i], i, &ms, &rng) != 0)
			r = vt_fail(ctx, "cannot build op %u", i);
	if (r == VT_PASS) {
		vt_run_jobs(ctx, jobs, MIXED_BURST);
		r = vt_jobs_check(ctx, jobs, MIXED_BURST);
	}
	vt_jobs_release(jobs, MIXED_BURST);
	for (i = 0; ctx->nb_lost == lost && i < ms.n; i++)
		vt_sess_free(ctx, &ms.s[i]);
	return r;
}

void
vt_register_bad_input_cases(void)
{
	vt_register("bad/unsupported-algo", case_unsupported_algo, NULL);
	vt_register("bad/key-size", case_bad_key_size, NULL);
	vt_register("bad/length", case_bad_length, NULL);
	vt_register("bad/null-session", case_null_session, NULL);
	vt_register("bad/queue-overflow", case_queue_overflow, NULL);
	vt_register("bad/mixed-burst", case_mixed_burst, NULL);
}
