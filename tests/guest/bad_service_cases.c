/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Bad input for the services beyond ciphers. Sizes the device does not
 * claim (digest, key, AEAD IV/AAD/tag) and chains the PMD cannot express
 * must fail at session create, cleanly and with rte_errno set;
 * an op too big for the device (--max-size) must fail alone.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include <rte_errno.h>

#include "vt_sym.h"

#define KEEP UINT16_MAX		/* leave this size as the algorithm has it */

/* Create must fail, with rte_errno set (to want, unless want is 0). */
static enum vt_result
expect_refused(struct vt_ctx *ctx, struct rte_crypto_sym_xform *xf,
	const char *what, int want)
{
	void *sess;

	if (vt_sym_sess_create(ctx, xf, &sess) == 0) {
		vt_sym_sess_free(ctx, &sess);
		return vt_fail(ctx, "session create for %s succeeded", what);
	}
	if (rte_errno == 0)
		return vt_fail(ctx, "session create for %s returned NULL without setting rte_errno",
			what);
	if (want != 0 && rte_errno != want)
		return vt_fail(ctx, "session create for %s: rte_errno %s, want %s",
			what, rte_strerror(rte_errno), rte_strerror(want));
	vt_note(ctx, "%s refused: %s", what, rte_strerror(rte_errno));
	return VT_PASS;
}

/* ---- hash and MAC sizes ---- */

struct bad_auth {
	const char *alg;
	uint16_t key_len;
	uint16_t digest_len;
};

struct bad_auth_list {
	const struct bad_auth *v;
	unsigned int n;
};

static const struct bad_auth hash_digest[] = {
	{ "sha256", KEEP, 40 },		/* longer than SHA-256's output */
	{ "sha1", KEEP, 0 },
};

static const struct bad_auth mac_digest[] = {
	{ "hmac-sha1", KEEP, 21 },
	{ "aes-cmac-128", KEEP, 17 },
	{ "aes-xcbc-mac-96", KEEP, 17 },
	{ "aes-gmac-128", KEEP, 17 },
};

static const struct bad_auth mac_key[] = {
	{ "hmac-sha256", 0, KEEP },	/* HMAC without a key */
	{ "aes-cmac-128", 20, KEEP },
	{ "aes-xcbc-mac-96", 32, KEEP },
	{ "aes-gmac-128", 20, KEEP },
};

static const struct bad_auth_list hash_digest_list = {
	hash_digest, RTE_DIM(hash_digest) };
static const struct bad_auth_list mac_digest_list = {
	mac_digest, RTE_DIM(mac_digest) };
static const struct bad_auth_list mac_key_list = { mac_key, RTE_DIM(mac_key) };

static enum vt_result
try_bad_auth(struct vt_ctx *ctx, const struct vt_auth_alg *base,
	const struct bad_auth *b, struct vt_prng *rng)
{
	struct rte_crypto_sym_xform xf;
	uint8_t key[VT_MAX_AUTH_KEY];
	struct vt_auth_alg a = *base;
	char what[96];

	if (b->key_len != KEEP)
		a.key_len = b->key_len;
	if (b->digest_len != KEEP)
		a.digest_len = b->digest_len;
	snprintf(what, sizeof(what), "%s with a %u-byte key and a %u-byte digest",
		base->name, a.key_len, a.digest_len);
	vt_prng_fill(rng, key, a.key_len);
	vt_auth_xform(&xf, &a, true, key, a.key_len);
	return expect_refused(ctx, &xf, what, 0);
}

static enum vt_result
case_bad_auth(struct vt_ctx *ctx, const void *arg)
{
	const struct bad_auth_list *l = arg;
	const struct vt_auth_alg *base;
	unsigned int i, tried = 0;
	struct vt_prng rng;
	enum vt_result r;

	vt_prng_seed(&rng, ctx->case_name);
	for (i = 0; i < l->n; i++) {
		base = vt_find_auth_alg(l->v[i].alg);
		if (base == NULL || !vt_auth_claimed(ctx, base, base->key_len))
			continue;
		r = try_bad_auth(ctx, base, &l->v[i], &rng);
		if (r != VT_PASS)
			return r;
		tried++;
	}
	if (tried == 0)
		return vt_skip(ctx, "device claims none of the algorithms");
	return vt_device_still_works(ctx, &rng, "after the refused sessions");
}

/* ---- AEAD sizes ---- */

struct bad_aead {
	const char *name;
	const char *params;
	uint16_t iv_len;
	uint16_t aad_len;
	uint16_t tag_len;
};

struct bad_aead_list {
	const struct bad_aead *v;
	unsigned int n;
};

static const struct bad_aead aead_iv[] = {
	{ "aes-gcm-128", "aad0", 7, KEEP, KEEP },
	{ "aes-ccm-128", "n13-aad0", 6, KEEP, KEEP },	/* CCM: 7..13 */
	{ "aes-ccm-128", "n13-aad0", 14, KEEP, KEEP },
	{ "chacha20-poly1305", "aad0", 8, KEEP, KEEP },
};

/* CCM's AAD and its 2-byte length must fit the 65535 bytes DPDK gives. */
static const struct bad_aead aead_aad[] = {
	{ "aes-ccm-128", "n13-aad20", KEEP, 65535 - 17, KEEP },
};

static const struct bad_aead aead_tag[] = {
	{ "aes-gcm-128", "aad20", KEEP, KEEP, 5 },
	{ "aes-gcm-128", "aad20", KEEP, KEEP, 17 },
	{ "aes-ccm-128", "n13-aad20", KEEP, KEEP, 5 },	/* CCM: even only */
	{ "aes-ccm-128", "n13-aad20", KEEP, KEEP, 18 },
	{ "chacha20-poly1305", "aad20", KEEP, KEEP, 12 },
};

static const struct bad_aead_list aead_iv_list = { aead_iv, RTE_DIM(aead_iv) };
static const struct bad_aead_list aead_aad_list = {
	aead_aad, RTE_DIM(aead_aad) };
static const struct bad_aead_list aead_tag_list = {
	aead_tag, RTE_DIM(aead_tag) };

static enum vt_result
try_bad_aead(struct vt_ctx *ctx, const struct vt_aead_alg *base,
	const struct bad_aead *b, struct vt_prng *rng)
{
	struct rte_crypto_sym_xform xf;
	uint8_t key[VT_AEAD_MAX_KEY];
	struct vt_aead_alg a = *base;
	char what[96];

	if (b->iv_len != KEEP)
		a.iv_len = b->iv_len;
	if (b->aad_len != KEEP)
		a.aad_len = b->aad_len;
	if (b->tag_len != KEEP)
		a.tag_len = b->tag_len;
	snprintf(what, sizeof(what), "%s with iv %u, aad %u, tag %u",
		base->name, a.iv_len, a.aad_len, a.tag_len);
	vt_prng_fill(rng, key, a.key_len);
	vt_aead_xform(&xf, &a, true, key);
	return expect_refused(ctx, &xf, what, 0);
}

static enum vt_result
case_bad_aead(struct vt_ctx *ctx, const void *arg)
{
	const struct bad_aead_list *l = arg;
	const struct vt_aead_alg *base;
	unsigned int i, tried = 0;
	struct vt_prng rng;
	enum vt_result r;

	vt_prng_seed(&rng, ctx->case_name);
	for (i = 0; i < l->n; i++) {
		base = vt_find_aead_alg(l->v[i].name, l->v[i].params);
		if (base == NULL || !vt_aead_claimed(ctx, base))
			continue;
		r = try_bad_aead(ctx, base, &l->v[i], &rng);
		if (r != VT_PASS)
			return r;
		tried++;
	}
	if (tried == 0)
		return vt_skip(ctx, "device claims none of the algorithms");
	return vt_device_still_works(ctx, &rng, "after the refused sessions");
}

/* ---- chain direction ---- */

/*
 * A chain generates when it encrypts and verifies when it decrypts, in
 * either order. Encrypting with a verify, or decrypting with a generate,
 * has no virtio request: the PMD must say ENOTSUP, in both xform orders.
 */
static enum vt_result
case_chain_mixed(struct vt_ctx *ctx, const void *arg)
{
	const bool *encrypt = arg;
	const struct vt_chain_alg *ch = vt_find_chain_alg("aes-cbc+hmac-sha1");
	const struct vt_cipher_alg *cipher = vt_find_alg(ch->cipher);
	const struct vt_auth_alg *auth = vt_find_auth_alg(ch->auth);
	struct rte_crypto_sym_xform cx, ax;
	uint8_t ckey[VT_MAX_KEY], akey[VT_MAX_AUTH_KEY];
	char what[64];
	struct vt_prng rng;
	const char *why;
	enum vt_result r;
	unsigned int order;

	why = vt_chain_unclaimed_why(ctx, cipher, auth);
	if (why != NULL)
		return vt_skip(ctx, "%s", why);
	vt_prng_seed(&rng, ctx->case_name);
	vt_prng_fill(&rng, ckey, cipher->key_len);
	vt_prng_fill(&rng, akey, auth->key_len);
	for (order = 0; order < 2; order++) {
		vt_cipher_xform(&cx, cipher, *encrypt, ckey);
		vt_auth_xform(&ax, auth, !*encrypt, akey, auth->key_len);
		snprintf(what, sizeof(what), "%s first: %s with hash %s",
			order == 0 ? "cipher" : "hash",
			*encrypt ? "encrypt" : "decrypt",
			*encrypt ? "verify" : "generate");
		if (order == 0)
			cx.next = &ax;
		else
			ax.next = &cx;
		r = expect_refused(ctx, order == 0 ? &cx : &ax, what, ENOTSUP);
		if (r != VT_PASS)
			return r;
	}
	return vt_device_still_works(ctx, &rng, "after the refused sessions");
}

/* ---- oversized ops ---- */

/*
 * The device counts a request's source, destination, IV, AAD and digest
 * against max_size. With a destination (ciphers, chains, AEAD), a source
 * of 600/1024 of max_size fits alone but not with the destination; hash
 * and MAC requests have none, so their source is max_size and the digest
 * tips it over.
 */
static bool
has_dst(enum vt_service svc)
{
	return svc == VT_SVC_CIPHER || svc == VT_SVC_CHAIN ||
		svc == VT_SVC_AEAD;
}

static uint64_t
big_len(const struct vt_ctx *ctx, enum vt_service svc)
{
	uint64_t len = has_dst(svc) ? ctx->max_size * 600 / 1024 + 1 :
		ctx->max_size;

	return RTE_ALIGN_CEIL(len, (uint64_t)vt_svc_block(svc));
}

static int
build_big(struct vt_ctx *ctx, struct vt_job *job, unsigned int i,
	const void *arg, struct vt_prng *rng)
{
	const struct vt_svc *v = arg;
	int ret;

	if (i != 1)
		return vt_svc_job(ctx, job, v, rng, 64, NULL, VT_FLIP_NONE);
	/* case_oversized() made sure it fits the pools, and 32 bits. */
	ret = vt_svc_job(ctx, job, v, rng, (uint32_t)big_len(ctx, v->svc),
			NULL, VT_FLIP_NONE);
	/* Any failure will do: the device could also be the one to refuse. */
	if (ret == 0)
		vt_job_make_bad(job, "over max size");
	job->want_invalid_args = false;
	return ret;
}

static enum vt_result
case_oversized(struct vt_ctx *ctx, const void *arg)
{
	const enum vt_service *svc = arg;
	uint64_t lost = ctx->nb_lost;
	struct vt_prng rng;
	struct vt_svc v;
	const char *why;
	enum vt_result r;
	int ret;

	if (ctx->max_size == 0)
		return vt_skip(ctx, "device max size unknown (pass --max-size N)");
	/* First max_size alone: big_len() must not overflow. */
	if (ctx->max_size > vt_mbuf_max_len() ||
			big_len(ctx, *svc) > vt_mbuf_max_len())
		return vt_skip(ctx, "max size %" PRIu64 " needs ops longer than the %" PRIu64 " bytes the test makes",
			ctx->max_size, vt_mbuf_max_len());
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
		r = vt_run_batch(ctx, 3, build_big, &v, &rng);
	if (ctx->nb_lost == lost)
		vt_svc_free(ctx, &v);
	return r;
}

void
vt_register_bad_service_cases(void)
{
	static const bool encrypt = true, decrypt = false;
	static const enum vt_service big[] = {
		VT_SVC_HASH, VT_SVC_MAC, VT_SVC_GMAC, VT_SVC_CHAIN, VT_SVC_AEAD };
	static const enum vt_service big_cipher = VT_SVC_CIPHER;
	char name[VT_NAME_LEN];
	unsigned int i;

	/* The cipher one keeps its name from before the other services. */
	vt_register("bad/oversized", case_oversized, &big_cipher);
	vt_register("bad/hash-digest-size", case_bad_auth, &hash_digest_list);
	vt_register("bad/mac-digest-size", case_bad_auth, &mac_digest_list);
	vt_register("bad/mac-key-size", case_bad_auth, &mac_key_list);
	vt_register("bad/aead-iv-size", case_bad_aead, &aead_iv_list);
	vt_register("bad/aead-aad-size", case_bad_aead, &aead_aad_list);
	vt_register("bad/aead-tag-size", case_bad_aead, &aead_tag_list);
	vt_register("bad/chain-mixed/encrypt-verify", case_chain_mixed,
		&encrypt);
	vt_register("bad/chain-mixed/decrypt-generate", case_chain_mixed,
		&decrypt);
	for (i = 0; i < RTE_DIM(big); i++) {
		snprintf(name, sizeof(name), "bad/oversized-%s",
			vt_service_names[big[i]]);
		vt_register(name, case_oversized, &big[i]);
	}
}
