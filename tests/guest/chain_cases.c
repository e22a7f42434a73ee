/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Chained known-answer tests, ESP-like: AES-CBC with HMAC-SHA1-96,
 * HMAC-SHA256-128 or plain SHA-256, the hash covering a header and the
 * ciphertext or the plaintext, in each of the four modes: enc-gen is
 * encrypt-then-MAC, dec-verify verify-then-decrypt, mac-then-enc
 * MAC-then-encrypt and dec-then-verify decrypt-then-verify; the -bad
 * ones damage every other digest. Each in place and out of place, with
 * the digest after the data in the mbuf or in a buffer of its own; random
 * mixes all of it. A PMD may not offer every mode with every device: a
 * mode whose session create says ENOTSUP is skipped, except
 * encrypt-then-MAC, which any device that claims chaining performs.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>

#include "vt_sym.h"

#define CHAIN_MAX_ALGS 8
#define CHAIN_RANDOM_OPS 8
#define CHAIN_RANDOM_MAX_BLOCKS 128
#define CHAIN_RANDOM_MAX_HDR 32
#define CHAIN_MAX_DIRS 6	/* the fixed ones: not random */

const struct vt_chain_alg vt_chain_algs[] = {
	{ "aes-cbc+hmac-sha1", "aes-128-cbc", "hmac-sha1-trunc12" },
	{ "aes-cbc+hmac-sha256", "aes-256-cbc", "hmac-sha256-trunc16" },
	{ "aes-cbc+sha256", "aes-128-cbc", "sha256" },
};

const unsigned int vt_nb_chain_algs = RTE_DIM(vt_chain_algs);

const struct vt_chain_alg *
vt_find_chain_alg(const char *name)
{
	unsigned int i;

	for (i = 0; i < vt_nb_chain_algs; i++)
		if (strcmp(vt_chain_algs[i].name, name) == 0)
			return &vt_chain_algs[i];
	return NULL;
}

const char *const vt_chain_mode_names[VT_NB_CHAIN_MODES] = {
	[VT_CHAIN_ENC_THEN_MAC] = "encrypt-then-MAC",
	[VT_CHAIN_VERIFY_THEN_DEC] = "verify-then-decrypt",
	[VT_CHAIN_MAC_THEN_ENC] = "MAC-then-encrypt",
	[VT_CHAIN_DEC_THEN_VERIFY] = "decrypt-then-verify",
};

/* The fixed cases of every algorithm, as they are named. */
static const struct {
	const char *name;
	enum vt_chain_mode mode;
	enum vt_dir dir;
} chain_dirs[CHAIN_MAX_DIRS] = {
	{ "enc-gen", VT_CHAIN_ENC_THEN_MAC, VT_DIR_FORWARD },
	{ "dec-verify", VT_CHAIN_VERIFY_THEN_DEC, VT_DIR_REVERSE },
	{ "dec-verify-bad", VT_CHAIN_VERIFY_THEN_DEC, VT_DIR_REVERSE_BAD },
	{ "mac-then-enc", VT_CHAIN_MAC_THEN_ENC, VT_DIR_FORWARD },
	{ "dec-then-verify", VT_CHAIN_DEC_THEN_VERIFY, VT_DIR_REVERSE },
	{ "dec-then-verify-bad", VT_CHAIN_DEC_THEN_VERIFY, VT_DIR_REVERSE_BAD },
};

struct placement {
	const char *name;
	bool oop;
	bool sep_digest;
};

static const struct placement placements[] = {
	{ "in-place", false, false },
	{ "in-place-sep-digest", false, true },
	{ "oop", true, false },
	{ "oop-sep-digest", true, true },
};

#define NB_PLACEMENTS RTE_DIM(placements)

/* Header and payload: ESP's 8-byte header plus 16-byte IV is 24. */
static const struct { uint32_t hdr, len; } chain_sizes[] = {
	{ 0, 48 }, { 8, 16 }, { 24, 64 }, { 24, 1024 }, { 24, 2000 },
};

#define NB_SIZES RTE_DIM(chain_sizes)

static struct vt_chain_shape chain_shapes[NB_PLACEMENTS][NB_SIZES];
static struct vt_chain_case chain_cases[CHAIN_MAX_ALGS *
	(CHAIN_MAX_DIRS * NB_PLACEMENTS + 1)];

struct chain_batch {
	const struct vt_chain_case *cc;
	struct vt_chain_sess *sess;	/* one per op when random */
};

static int
build_fixed(struct vt_ctx *ctx, struct vt_job *job, unsigned int i,
	const void *arg, struct vt_prng *rng)
{
	const struct chain_batch *b = arg;
	struct vt_chain_shape sh = b->cc->shapes[i];

	if (b->cc->dir == VT_DIR_REVERSE_BAD)
		sh.flip = vt_bad_flip(i);
	return vt_job_chain(ctx, job, &b->sess[0], rng, &sh);
}

/*
 * Op i uses session i, of mode i % 4 (encrypt-then-MAC,
 * verify-then-decrypt, MAC-then-encrypt, decrypt-then-verify) or its
 * stand-in.
 */
static int
build_random(struct vt_ctx *ctx, struct vt_job *job, unsigned int i,
	const void *arg, struct vt_prng *rng)
{
	const struct chain_batch *b = arg;
	uint32_t block = b->sess[i].cipher->block;
	struct vt_chain_shape sh = {
		.hdr = vt_prng_below(rng, CHAIN_RANDOM_MAX_HDR + 1),
		.len = block * (1 + vt_prng_below(rng, CHAIN_RANDOM_MAX_BLOCKS)),
		.oop = vt_prng_below(rng, 2) != 0,
		.sep_digest = vt_prng_below(rng, 2) != 0,
	};

	/* The second op of each verifying mode verifies a damaged digest. */
	if (i >= CHAIN_RANDOM_OPS / 2 && !b->sess[i].encrypt)
		sh.flip = 1 + vt_prng_below(rng, 8 * VT_MAX_DIGEST);
	return vt_job_chain(ctx, job, &b->sess[i], rng, &sh);
}

/*
 * A mode the PMD may not offer with this device: ENOTSUP is no failure.
 * Encrypt-then-MAC is what claiming chaining means.
 */
static bool
may_refuse(enum vt_chain_mode mode, int ret)
{
	return ret == -ENOTSUP && mode != VT_CHAIN_ENC_THEN_MAC;
}

/*
 * Create session s in *mode, or, where the PMD refuses that with ENOTSUP,
 * in the mode of the same direction with the digest over the wire image
 * (verify-then-decrypt for decrypt-then-verify), or else encrypt-then-MAC.
 * *mode is left at the mode last tried.
 */
static int
stand_in_session(struct vt_ctx *ctx, const struct vt_cipher_alg *cipher,
	const struct vt_auth_alg *auth, struct vt_chain_sess *s,
	enum vt_chain_mode *mode, unsigned int i, struct vt_prng *rng)
{
	enum vt_chain_mode want = *mode;
	int ret;

	ret = vt_chain_sess_create(ctx, s, cipher, auth, *mode, rng);
	if (may_refuse(*mode, ret) && vt_chain_mode_macs_plaintext(*mode)) {
		*mode = vt_chain_mode_encrypts(*mode) ? VT_CHAIN_ENC_THEN_MAC :
			VT_CHAIN_VERIFY_THEN_DEC;
		ret = vt_chain_sess_create(ctx, s, cipher, auth, *mode, rng);
	}
	if (may_refuse(*mode, ret)) {
		*mode = VT_CHAIN_ENC_THEN_MAC;
		ret = vt_chain_sess_create(ctx, s, cipher, auth, *mode, rng);
	}
	if (ret == 0 && *mode != want)
		vt_note(ctx, "op %u: %s refused (ENOTSUP), %s instead", i,
			vt_chain_mode_names[want], vt_chain_mode_names[*mode]);
	return ret;
}

/* Random: op i gets mode i % 4, or a stand-in (see above). */
static int
random_sessions_create(struct vt_ctx *ctx, const struct vt_cipher_alg *cipher,
	const struct vt_auth_alg *auth, struct vt_chain_sess *sess,
	unsigned int *n, enum vt_chain_mode *mode, struct vt_prng *rng)
{
	int ret;

	for (*n = 0; *n < CHAIN_RANDOM_OPS; (*n)++) {
		*mode = (enum vt_chain_mode)(*n % VT_NB_CHAIN_MODES);
		ret = stand_in_session(ctx, cipher, auth, &sess[*n], mode, *n,
				rng);
		if (ret != 0)
			return ret;
	}
	return 0;
}

enum vt_result
vt_chain_case(struct vt_ctx *ctx, const void *arg)
{
	const struct vt_chain_case *cc = arg;
	const struct vt_cipher_alg *cipher = vt_find_alg(cc->alg->cipher);
	const struct vt_auth_alg *auth = vt_find_auth_alg(cc->alg->auth);
	struct vt_chain_sess sess[CHAIN_RANDOM_OPS];
	struct chain_batch b = { .cc = cc, .sess = sess };
	enum vt_chain_mode mode = cc->mode;
	uint64_t lost = ctx->nb_lost;
	unsigned int nb_sess = 0, i;
	struct vt_prng rng;
	const char *why;
	enum vt_result r;
	int ret;

	if (cipher == NULL || auth == NULL)
		return vt_fail(ctx, "%s: unknown cipher or hash in the test's tables",
			cc->alg->name);
	why = vt_chain_unclaimed_why(ctx, cipher, auth);
	if (why != NULL)
		return vt_skip(ctx, "%s (%s + %s)", why, cipher->name, auth->name);
	vt_prng_seed(&rng, ctx->case_name);
	if (cc->dir == VT_DIR_RANDOM) {
		ret = random_sessions_create(ctx, cipher, auth, sess, &nb_sess,
				&mode, &rng);
	} else {
		ret = vt_chain_sess_create(ctx, &sess[0], cipher, auth, mode,
				&rng);
		if (may_refuse(mode, ret))
			return vt_skip(ctx, "PMD does not offer %s with this device (ENOTSUP)",
				vt_chain_mode_names[mode]);
		nb_sess = ret == 0;
	}
	if (ret != 0)
		r = vt_fail(ctx, "session create failed for a claimed chain (%s): %s",
			vt_chain_mode_names[mode], rte_strerror(-ret));
	else if (cc->dir == VT_DIR_RANDOM)
		r = vt_run_batch(ctx, CHAIN_RANDOM_OPS, build_random, &b, &rng);
	else
		r = vt_run_batch(ctx, cc->nb_shapes, build_fixed, &b, &rng);
	for (i = 0; ctx->nb_lost == lost && i < nb_sess; i++)
		vt_sym_sess_free(ctx, &sess[i].sess);
	return r;
}

static void
make_shapes(void)
{
	unsigned int p, s;

	for (p = 0; p < NB_PLACEMENTS; p++)
		for (s = 0; s < NB_SIZES; s++)
			chain_shapes[p][s] = (struct vt_chain_shape){
				.hdr = chain_sizes[s].hdr,
				.len = chain_sizes[s].len,
				.oop = placements[p].oop,
				.sep_digest = placements[p].sep_digest,
			};
}

void
vt_register_chain_cases(void)
{
	char name[VT_NAME_LEN];
	const struct vt_chain_alg *alg;
	struct vt_chain_case *cc;
	unsigned int a, d, p, n = 0;

	make_shapes();
	for (a = 0; a < vt_nb_chain_algs && a < CHAIN_MAX_ALGS; a++) {
		alg = &vt_chain_algs[a];
		for (d = 0; d < CHAIN_MAX_DIRS; d++)
			for (p = 0; p < NB_PLACEMENTS; p++) {
				cc = &chain_cases[n++];
				*cc = (struct vt_chain_case){
					.alg = alg,
					.dir = chain_dirs[d].dir,
					.mode = chain_dirs[d].mode,
					.shapes = chain_shapes[p],
					.nb_shapes = NB_SIZES,
				};
				snprintf(name, sizeof(name), "chain/%s/%s/%s",
					alg->name, chain_dirs[d].name,
					placements[p].name);
				vt_register(name, vt_chain_case, cc);
			}
		cc = &chain_cases[n++];
		*cc = (struct vt_chain_case){ .alg = alg, .dir = VT_DIR_RANDOM };
		snprintf(name, sizeof(name), "chain/%s/random", alg->name);
		vt_register(name, vt_chain_case, cc);
	}
}
