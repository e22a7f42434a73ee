/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * AEAD known-answer tests: aead/<alg>/<sizes>/encrypt compares ciphertext
 * and tag with OpenSSL's; decrypt must give back the plaintext OpenSSL
 * encrypted; decrypt-bad-tag damages every other tag (AUTH_FAILED, the
 * others must still pass); random uses a session per op with random
 * keys, nonces, AAD, lengths and directions. Every burst mixes in place
 * and out of place, tags in the mbuf and in a buffer of their own.
 */

#include <stdio.h>

#include <rte_errno.h>

#include "vt_sym.h"

#define AEAD_MAX_ALGS 24
#define AEAD_RANDOM_OPS 8
#define AEAD_RANDOM_MAX_LEN 2048
#define AEAD_RANDOM_MAX_OFF 32

static const char *const dir_names[VT_NB_DIRS] = {
	[VT_DIR_FORWARD] = "encrypt",
	[VT_DIR_REVERSE] = "decrypt",
	[VT_DIR_REVERSE_BAD] = "decrypt-bad-tag",
	[VT_DIR_RANDOM] = "random",
};

/* Empty, one byte, one block, odd, and long payloads. */
static const struct vt_aead_shape aead_shapes[] = {
	{ .off = 0, .len = 0, .oop = false, .sep_tag = true },
	{ .off = 0, .len = 1, .oop = true, .sep_tag = false },
	{ .off = 0, .len = 16, .oop = false, .sep_tag = false },
	{ .off = 8, .len = 61, .oop = true, .sep_tag = true },
	{ .off = 0, .len = 512, .oop = false, .sep_tag = true },
	{ .off = 16, .len = 2000, .oop = true, .sep_tag = false },
};

static struct vt_aead_case aead_cases[AEAD_MAX_ALGS * VT_NB_DIRS];

struct aead_batch {
	const struct vt_aead_case *ac;
	struct vt_aead_sess *sess;	/* one per op when random */
};

static int
build_fixed(struct vt_ctx *ctx, struct vt_job *job, unsigned int i,
	const void *arg, struct vt_prng *rng)
{
	const struct aead_batch *b = arg;
	struct vt_aead_shape sh = b->ac->shapes[i];

	if (b->ac->dir == VT_DIR_REVERSE_BAD)
		sh.flip = vt_bad_flip(i);
	return vt_job_aead(ctx, job, &b->sess[0], rng, &sh);
}

/* Op i uses session i: even ones encrypt, odd ones decrypt. */
static int
build_random(struct vt_ctx *ctx, struct vt_job *job, unsigned int i,
	const void *arg, struct vt_prng *rng)
{
	const struct aead_batch *b = arg;
	struct vt_aead_shape sh = {
		.off = vt_prng_below(rng, AEAD_RANDOM_MAX_OFF + 1),
		.len = vt_prng_below(rng, AEAD_RANDOM_MAX_LEN + 1),
		.oop = vt_prng_below(rng, 2) != 0,
		.sep_tag = vt_prng_below(rng, 2) != 0,
	};

	/* Every fourth op decrypts with a damaged tag. */
	if (i % 4 == 3)
		sh.flip = 1 + vt_prng_below(rng, 8 * VT_AEAD_MAX_TAG);
	return vt_job_aead(ctx, job, &b->sess[i], rng, &sh);
}

static int
sessions_create(struct vt_ctx *ctx, const struct vt_aead_case *ac,
	struct vt_aead_sess *sess, unsigned int *n, struct vt_prng *rng)
{
	bool random = ac->dir == VT_DIR_RANDOM;
	unsigned int want = random ? AEAD_RANDOM_OPS : 1;
	bool encrypt;
	int ret;

	for (*n = 0; *n < want; (*n)++) {
		encrypt = random ? *n % 2 == 0 : ac->dir == VT_DIR_FORWARD;
		ret = vt_aead_sess_create(ctx, &sess[*n], ac->alg, encrypt, rng);
		if (ret != 0)
			return ret;
	}
	return 0;
}

enum vt_result
vt_aead_case(struct vt_ctx *ctx, const void *arg)
{
	const struct vt_aead_case *ac = arg;
	const struct vt_aead_alg *alg = ac->alg;
	struct vt_aead_sess sess[AEAD_RANDOM_OPS];
	struct aead_batch b = { .ac = ac, .sess = sess };
	uint64_t lost = ctx->nb_lost;
	unsigned int nb_sess = 0, i;
	struct vt_prng rng;
	enum vt_result r;
	int ret;

	if (!vt_aead_claimed(ctx, alg))
		return vt_skip(ctx, "device does not claim %s (key %u, iv %u, aad %u, tag %u)",
			alg->name, alg->key_len, alg->iv_len, alg->aad_len,
			alg->tag_len);
	vt_prng_seed(&rng, ctx->case_name);
	ret = sessions_create(ctx, ac, sess, &nb_sess, &rng);
	if (ret != 0)
		r = vt_fail(ctx, "session create failed for a claimed algorithm: %s",
			rte_strerror(-ret));
	else if (ac->dir == VT_DIR_RANDOM)
		r = vt_run_batch(ctx, AEAD_RANDOM_OPS, build_random, &b, &rng);
	else
		r = vt_run_batch(ctx, ac->nb_shapes, build_fixed, &b, &rng);
	for (i = 0; ctx->nb_lost == lost && i < nb_sess; i++)
		vt_sym_sess_free(ctx, &sess[i].sess);
	return r;
}

void
vt_register_aead_cases(void)
{
	char name[VT_NAME_LEN];
	const struct vt_aead_alg *alg;
	struct vt_aead_case *ac;
	unsigned int a, d, n = 0;

	for (a = 0; a < vt_nb_aead_algs && a < AEAD_MAX_ALGS; a++) {
		alg = &vt_aead_algs[a];
		for (d = 0; d < VT_NB_DIRS; d++) {
			ac = &aead_cases[n++];
			*ac = (struct vt_aead_case){ alg, d, aead_shapes,
				RTE_DIM(aead_shapes) };
			snprintf(name, sizeof(name), "aead/%s/%s/%s", alg->name,
				alg->params, dir_names[d]);
			vt_register(name, vt_aead_case, ac);
		}
	}
}
