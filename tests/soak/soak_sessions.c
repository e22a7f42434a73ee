/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The soak's sessions: every cipher, hash/MAC and AEAD algorithm the
 * device claims, both directions, and cipher+auth chains in all four
 * orders. A chain pairs each cipher with one auth algorithm in turn, so
 * every cipher and many auth algorithms are chained somewhere.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_malloc.h>

#include "soak.h"

const char *const soak_svc_names[SOAK_NB_SVC] = {
	[SOAK_CIPHER] = "cipher",
	[SOAK_AUTH] = "hash/mac",
	[SOAK_CHAIN] = "chain",
	[SOAK_AEAD] = "aead",
};

/* The session described by ss (its svc, algorithm and direction). */
int
soak_sess_make(struct vt_ctx *ctx, struct soak_sess *ss, struct vt_prng *rng)
{
	switch (ss->svc) {
	case SOAK_CIPHER:
		return vt_sess_create(ctx, &ss->u.cipher, ss->u.cipher.alg,
				ss->forward, rng);
	case SOAK_AUTH:
		return vt_auth_sess_create(ctx, &ss->u.auth, ss->u.auth.alg,
				ss->forward, ss->u.auth.alg->key_len, rng);
	case SOAK_CHAIN:
		return vt_chain_sess_create(ctx, &ss->u.chain,
				ss->u.chain.cipher, ss->u.chain.auth,
				ss->u.chain.mode, rng);
	case SOAK_AEAD:
		return vt_aead_sess_create(ctx, &ss->u.aead, ss->u.aead.alg,
				ss->forward, rng);
	case SOAK_NB_SVC:
		break;
	}
	return -EINVAL;
}

void
soak_sess_release(struct vt_ctx *ctx, struct soak_sess *ss)
{
	switch (ss->svc) {
	case SOAK_CIPHER:
		vt_sym_sess_free(ctx, &ss->u.cipher.sess);
		break;
	case SOAK_AUTH:
		vt_sym_sess_free(ctx, &ss->u.auth.sess);
		break;
	case SOAK_CHAIN:
		vt_sym_sess_free(ctx, &ss->u.chain.sess);
		break;
	case SOAK_AEAD:
		vt_sym_sess_free(ctx, &ss->u.aead.sess);
		break;
	case SOAK_NB_SVC:
		break;
	}
}

static struct soak_sess *
next_slot(struct soak *s)
{
	struct soak_sess *ss;

	if (s->nb_sess == SOAK_MAX_SESS)
		return NULL;
	ss = &s->sess[s->nb_sess];
	memset(ss, 0, sizeof(*ss));
	return ss;
}

/*
 * Make and keep the session in slot nb_sess. A hash or MAC the device
 * does only chained answers ENOTSUP alone: left out, not an error.
 */
static int
keep(struct soak *s, struct vt_ctx *ctx, struct vt_prng *rng)
{
	struct soak_sess *ss = &s->sess[s->nb_sess];
	int ret = soak_sess_make(ctx, ss, rng);

	if (ret == -ENOTSUP && ss->svc == SOAK_AUTH)
		return 0;
	if (ret != 0) {
		fprintf(stderr, "soak: session %s: %s\n", ss->name,
			rte_strerror(-ret));
		return ret;
	}
	s->nb_sess++;
	return 0;
}

static const char *const cipher_dirs[2] = { "encrypt", "decrypt" };
static const char *const auth_dirs[2] = { "generate", "verify" };

/* Both directions of the algorithm proto names (its svc and u set). */
static int
add_both(struct soak *s, struct vt_ctx *ctx, struct vt_prng *rng,
	const struct soak_sess *proto, const char *alg,
	const char *const dirs[2])
{
	struct soak_sess *ss;
	unsigned int d;
	int ret = 0;

	for (d = 0; d < 2 && ret == 0; d++) {
		ss = next_slot(s);
		if (ss == NULL)
			return -ENOSPC;
		*ss = *proto;
		ss->forward = d == 0;
		snprintf(ss->name, sizeof(ss->name), "%s/%s", alg, dirs[d]);
		ret = keep(s, ctx, rng);
	}
	return ret;
}

static int
add_ciphers(struct soak *s, struct vt_ctx *ctx, struct vt_prng *rng)
{
	struct soak_sess proto = { .svc = SOAK_CIPHER };
	unsigned int i;
	int ret = 0;

	for (i = 0; i < vt_nb_cipher_algs && ret == 0; i++) {
		proto.u.cipher.alg = &vt_cipher_algs[i];
		if (vt_alg_supported(ctx, proto.u.cipher.alg))
			ret = add_both(s, ctx, rng, &proto,
					proto.u.cipher.alg->name, cipher_dirs);
	}
	return ret;
}

static int
add_auths(struct soak *s, struct vt_ctx *ctx, struct vt_prng *rng)
{
	struct soak_sess proto = { .svc = SOAK_AUTH };
	const struct vt_auth_alg *alg;
	unsigned int i;
	int ret = 0;

	for (i = 0; i < vt_nb_auth_algs && ret == 0; i++) {
		alg = &vt_auth_algs[i];
		proto.u.auth.alg = alg;
		if (vt_auth_claimed(ctx, alg, alg->key_len))
			ret = add_both(s, ctx, rng, &proto, alg->name,
					auth_dirs);
	}
	return ret;
}

static int
add_chain(struct soak *s, struct vt_ctx *ctx, struct vt_prng *rng,
	const struct vt_cipher_alg *cipher, const struct vt_auth_alg *auth)
{
	struct soak_sess *ss;
	unsigned int m;
	int ret = 0;

	if (cipher == NULL || auth == NULL ||
			vt_chain_unclaimed_why(ctx, cipher, auth) != NULL)
		return 0;
	for (m = 0; m < VT_NB_CHAIN_MODES && ret == 0; m++) {
		ss = next_slot(s);
		if (ss == NULL)
			return -ENOSPC;
		ss->svc = SOAK_CHAIN;
		ss->forward = vt_chain_mode_encrypts(m);
		ss->u.chain.cipher = cipher;
		ss->u.chain.auth = auth;
		ss->u.chain.mode = m;
		snprintf(ss->name, sizeof(ss->name), "%s+%s/%s", cipher->name,
			auth->name, vt_chain_mode_names[m]);
		ret = keep(s, ctx, rng);
	}
	return ret;
}

static int
add_chains(struct soak *s, struct vt_ctx *ctx, struct vt_prng *rng)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < vt_nb_chain_algs && ret == 0; i++)
		ret = add_chain(s, ctx, rng, vt_find_alg(vt_chain_algs[i].cipher),
				vt_find_auth_alg(vt_chain_algs[i].auth));
	/* Every cipher once more, with the auth algorithms in turn. */
	for (i = 0; i < vt_nb_cipher_algs && ret == 0; i++)
		ret = add_chain(s, ctx, rng, &vt_cipher_algs[i],
				&vt_auth_algs[(i * 7) % vt_nb_auth_algs]);
	return ret;
}

static int
add_aeads(struct soak *s, struct vt_ctx *ctx, struct vt_prng *rng)
{
	struct soak_sess proto = { .svc = SOAK_AEAD };
	const struct vt_aead_alg *alg;
	char name[64];
	unsigned int i;
	int ret = 0;

	for (i = 0; i < vt_nb_aead_algs && ret == 0; i++) {
		alg = &vt_aead_algs[i];
		proto.u.aead.alg = alg;
		snprintf(name, sizeof(name), "%s-%s", alg->name, alg->params);
		if (vt_aead_claimed(ctx, alg))
			ret = add_both(s, ctx, rng, &proto, name, cipher_dirs);
	}
	return ret;
}

int
soak_sessions_create(struct soak *s)
{
	struct vt_ctx *ctx = &s->qp[0].ctx;
	unsigned int per[SOAK_NB_SVC] = { 0 }, i;
	struct vt_prng rng;
	int ret;

	s->sess = rte_zmalloc("soak_sess", sizeof(*s->sess) * SOAK_MAX_SESS, 0);
	if (s->sess == NULL)
		return -ENOMEM;
	vt_prng_seed(&rng, "soak-sessions");
	rng.state ^= s->o.seed;
	ret = add_ciphers(s, ctx, &rng);
	if (ret == 0)
		ret = add_auths(s, ctx, &rng);
	if (ret == 0)
		ret = add_chains(s, ctx, &rng);
	if (ret == 0)
		ret = add_aeads(s, ctx, &rng);
	for (i = 0; i < s->nb_sess; i++)
		per[s->sess[i].svc]++;
	printf("# sessions: %u (cipher %u, hash/mac %u, chain %u, aead %u)\n",
		s->nb_sess, per[SOAK_CIPHER], per[SOAK_AUTH], per[SOAK_CHAIN],
		per[SOAK_AEAD]);
	for (i = 0; i < SOAK_NB_SVC && ret == 0; i++)
		if (per[i] == 0) {
			fprintf(stderr, "soak: the device claims no %s algorithm\n",
				soak_svc_names[i]);
			ret = -ENOTSUP;
		}
	return ret;
}

void
soak_sessions_free(struct soak *s)
{
	unsigned int i;

	for (i = 0; i < s->nb_sess; i++)
		soak_sess_release(&s->qp[0].ctx, &s->sess[i]);
	s->nb_sess = 0;
	rte_free(s->sess);
	s->sess = NULL;
}
