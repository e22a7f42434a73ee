/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * bad/service-burst: one burst with good ops of every service and bad
 * ones between them: a missing digest or AAD and a cipher length the
 * cipher cannot take (INVALID_ARGS), damaged digests and tags
 * (AUTH_FAILED). Each must fail alone; every good op must still pass.
 */

#include <errno.h>
#include <string.h>

#include <rte_errno.h>

#include "vt_sym.h"

#define BURST_LEN 64

enum sabotage {
	OK,
	NO_DIGEST,	/* digest pointer and IOVA left 0 */
	NO_AAD,		/* AAD pointer and IOVA left 0 */
	SHORT_CIPHER,	/* one byte short of a whole AES block */
	BAD_DIGEST,	/* one bit of the digest or tag flipped */
};

struct entry {
	enum vt_service svc;
	bool forward;
	enum sabotage bad;
};

static const struct entry entries[] = {
	{ VT_SVC_HASH, true, OK },
	{ VT_SVC_HASH, true, NO_DIGEST },
	{ VT_SVC_MAC, false, OK },
	{ VT_SVC_MAC, false, BAD_DIGEST },
	{ VT_SVC_CHAIN, true, OK },
	{ VT_SVC_CHAIN, true, SHORT_CIPHER },
	{ VT_SVC_AEAD, true, OK },
	{ VT_SVC_AEAD, true, NO_AAD },
	{ VT_SVC_AEAD, false, OK },
	{ VT_SVC_AEAD, false, BAD_DIGEST },
	{ VT_SVC_CIPHER, true, OK },
	{ VT_SVC_GMAC, true, NO_DIGEST },
	{ VT_SVC_GMAC, true, OK },
	{ VT_SVC_CHAIN, false, BAD_DIGEST },
	{ VT_SVC_CHAIN, false, OK },
	{ VT_SVC_MAC, true, NO_DIGEST },
	{ VT_SVC_CIPHER, false, OK },
};

#define NB_ENTRIES RTE_DIM(entries)

/* A session per service and direction, and the entries that can run. */
struct burst {
	struct vt_svc sess[VT_NB_SERVICES][2];
	bool made[VT_NB_SERVICES][2];
	const struct entry *run[NB_ENTRIES];
	unsigned int nb_run;
};

static void
sabotage(struct vt_job *job, enum sabotage bad)
{
	struct rte_crypto_sym_op *sym = job->op->sym;

	switch (bad) {
	case NO_DIGEST:
		sym->auth.digest.data = NULL;
		sym->auth.digest.phys_addr = 0;
		vt_job_make_bad(job, "no digest");
		break;
	case NO_AAD:
		sym->aead.aad.data = NULL;
		sym->aead.aad.phys_addr = 0;
		vt_job_make_bad(job, "no AAD");
		break;
	case SHORT_CIPHER:
		sym->cipher.data.length--;
		vt_job_make_bad(job, "cipher length not whole blocks");
		break;
	case OK:
	case BAD_DIGEST:
		break;
	}
}

static int
build(struct vt_ctx *ctx, struct vt_job *job, unsigned int i,
	const void *arg, struct vt_prng *rng)
{
	const struct burst *b = arg;
	const struct entry *e = b->run[i];
	unsigned int flip = e->bad == BAD_DIGEST ? 8 * i + 1 : VT_FLIP_NONE;
	int ret;

	ret = vt_svc_job(ctx, job, &b->sess[e->svc][e->forward], rng,
			BURST_LEN, NULL, flip);
	if (ret == 0)
		sabotage(job, e->bad);
	return ret;
}

/* Sessions for the entries whose service the device claims. */
static int
prepare(struct vt_ctx *ctx, struct burst *b, unsigned int *nb_bad,
	struct vt_prng *rng)
{
	const struct entry *e;
	unsigned int i;
	int ret;

	for (i = 0; i < NB_ENTRIES; i++) {
		e = &entries[i];
		if (vt_svc_unclaimed(ctx, e->svc) != NULL)
			continue;
		if (!b->made[e->svc][e->forward]) {
			ret = vt_svc_create(ctx, &b->sess[e->svc][e->forward],
					e->svc, e->forward, rng);
			/* A hash or MAC the device performs only chained. */
			if (ret == -ENOTSUP)
				continue;
			if (ret != 0)
				return ret;
			b->made[e->svc][e->forward] = true;
		}
		b->run[b->nb_run++] = e;
		*nb_bad += e->bad != OK;
	}
	return 0;
}

static void
release(struct vt_ctx *ctx, struct burst *b)
{
	unsigned int s, d;

	for (s = 0; s < VT_NB_SERVICES; s++)
		for (d = 0; d < 2; d++)
			if (b->made[s][d])
				vt_svc_free(ctx, &b->sess[s][d]);
}

static enum vt_result
case_service_burst(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	uint64_t lost = ctx->nb_lost;
	unsigned int nb_bad = 0;
	struct vt_prng rng;
	struct burst b;
	enum vt_result r;
	int ret;

	memset(&b, 0, sizeof(b));
	vt_prng_seed(&rng, ctx->case_name);
	ret = prepare(ctx, &b, &nb_bad, &rng);
	if (ret != 0)
		r = vt_fail(ctx, "session create failed: %s", rte_strerror(-ret));
	else if (nb_bad == 0)
		r = vt_skip(ctx, "device claims no service beyond ciphers");
	else
		r = vt_run_batch(ctx, b.nb_run, build, &b, &rng);
	if (ctx->nb_lost == lost)
		release(ctx, &b);
	return r;
}

void
vt_register_bad_burst_case(void)
{
	vt_register("bad/service-burst", case_service_burst, NULL);
}
