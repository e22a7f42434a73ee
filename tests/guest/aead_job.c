/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * AEAD jobs. The image is [off][payload][tag] (the tag left out when it
 * has a buffer of its own); the AAD always has a buffer of its own. CCM
 * follows DPDK's layout: the IV field holds a reserved byte and then the
 * nonce, the AAD buffer 18 reserved bytes and then the AAD. The reserved
 * bytes are garbage here, so a PMD that sends them to the device gets a
 * wrong answer.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_mbuf.h>

#include "vt_sym.h"

/* The op's IV field and AAD buffer, and where their contents start. */
struct aead_params {
	uint8_t ivf[VT_MAX_IV];
	uint8_t skip_iv;
	uint8_t skip_aad;
	rte_iova_t aad_iova;
};

static bool
is_ccm(const struct vt_aead_alg *alg)
{
	return alg->algo == RTE_CRYPTO_AEAD_AES_CCM;
}

static void
describe(struct vt_job *job, const struct vt_aead_sess *s,
	const struct vt_aead_shape *sh)
{
	snprintf(job->what, sizeof(job->what), "%s %u bytes at %u, %s, %s tag%s%s",
		s->encrypt ? "encrypt" : "decrypt", sh->len, sh->off,
		sh->oop ? "oop" : "in-place", sh->sep_tag ? "separate" : "mbuf",
		sh->flip != VT_FLIP_NONE ? ", bit flipped" : "",
		sh->src_layout != NULL || sh->dst_layout != NULL ?
		", segmented" : "");
}

static int
start(struct vt_job *job, const struct vt_aead_sess *s, struct vt_prng *rng,
	const struct vt_aead_shape *sh, struct aead_params *p)
{
	uint32_t buf_len = sh->off + sh->len +
		(sh->sep_tag ? 0 : s->alg->tag_len);
	bool bad = !s->encrypt && sh->flip != VT_FLIP_NONE;
	int ret;

	ret = vt_job_init(job, buf_len, sh->oop, bad ? VT_EXPECT_AUTH_FAILED :
			VT_EXPECT_SUCCESS);
	if (ret != 0)
		return ret;
	describe(job, s, sh);
	p->skip_iv = is_ccm(s->alg) ? VT_CCM_IV_SKIP : 0;
	p->skip_aad = is_ccm(s->alg) ? VT_CCM_AAD_SKIP : 0;
	vt_prng_fill(rng, p->ivf, sizeof(p->ivf));
	vt_prng_fill(rng, job->src_before, buf_len);
	if (sh->oop) {
		vt_prng_fill(rng, job->expect_dst, buf_len);
		memcpy(job->expect_dst, job->src_before, sh->off);
	}
	return 0;
}

/*
 * The AAD buffer (reserved bytes, then the AAD). Without AAD, GCM and
 * ChaCha20-Poly1305 get none at all: the PMD must not look for one.
 */
static int
make_aad(struct vt_ctx *ctx, struct vt_job *job, const struct vt_aead_sess *s,
	struct aead_params *p, struct vt_prng *rng)
{
	size_t len = p->skip_aad + s->alg->aad_len;

	if (len == 0)
		return 0;
	job->aad = vt_side_alloc(ctx, len, &p->aad_iova);
	if (job->aad == NULL)
		return -ENOMEM;
	vt_prng_fill(rng, job->aad, len);
	return 0;
}

static void
ref_input(const struct vt_aead_sess *s, const struct vt_job *job,
	const struct aead_params *p, struct vt_aead_in *in)
{
	*in = (struct vt_aead_in){
		.evp = s->alg->evp, .key = s->key,
		.iv = p->ivf + p->skip_iv, .iv_len = s->alg->iv_len,
		.aad = job->aad != NULL ? job->aad + p->skip_aad : NULL,
		.aad_len = s->alg->aad_len, .tag_len = s->alg->tag_len,
	};
}

/* Decrypt input: the encryption of a random plaintext and its tag. */
static int
decrypt_input(struct vt_job *job, const struct vt_aead_sess *s,
	const struct vt_aead_shape *sh, const struct aead_params *p,
	uint8_t *plain, uint8_t *tag, struct vt_prng *rng)
{
	struct vt_aead_in in;
	uint32_t end = sh->off + sh->len;

	ref_input(s, job, p, &in);
	vt_prng_fill(rng, plain, sh->len);
	if (vt_ref_aead_encrypt(&in, plain, job->src_before + sh->off, sh->len,
			tag) != 0)
		return -EINVAL;
	vt_flip(tag, s->alg->tag_len, sh->flip);
	if (!sh->sep_tag)
		memcpy(job->src_before + end, tag, s->alg->tag_len);
	return 0;
}

/* The op, its IV, its AAD, and its tag: read from src, or written to dst. */
static int
make_op(struct vt_ctx *ctx, struct vt_job *job, const struct vt_aead_sess *s,
	const struct vt_aead_shape *sh, const struct aead_params *p,
	const uint8_t *tag)
{
	struct rte_crypto_sym_op *sym;
	struct rte_mbuf *m;
	int ret;

	ret = vt_job_op(ctx, job, s->sess, job->expect_dst, sh->src_layout,
			sh->dst_layout);
	if (ret != 0)
		return ret;
	sym = job->op->sym;
	vt_job_set_iv(job, p->ivf, p->skip_iv + s->alg->iv_len);
	sym->aead.data.offset = sh->off;
	sym->aead.data.length = sh->len;
	sym->aead.aad.data = job->aad;
	sym->aead.aad.phys_addr = job->aad != NULL ? p->aad_iova : 0;
	m = s->encrypt && sh->oop ? sym->m_dst : sym->m_src;
	return vt_job_digest(ctx, job, sh->sep_tag ? NULL : m,
			sh->off + sh->len, tag, s->alg->tag_len,
			&sym->aead.digest.data, &sym->aead.digest.phys_addr);
}

static int
encrypt_result(struct vt_job *job, const struct vt_aead_sess *s,
	const struct vt_aead_shape *sh, const struct aead_params *p)
{
	uint8_t *out = sh->oop ? job->expect_dst : job->expect_src;
	uint8_t tag[VT_AEAD_MAX_TAG];
	struct vt_aead_in in;

	ref_input(s, job, p, &in);
	if (vt_ref_aead_encrypt(&in, job->src_before + sh->off, out + sh->off,
			sh->len, tag) != 0)
		return -EINVAL;
	if (!sh->sep_tag)
		memcpy(out + sh->off + sh->len, tag, s->alg->tag_len);
	return vt_job_expect_digest(job, tag);
}

static int
build(struct vt_ctx *ctx, struct vt_job *job, const struct vt_aead_sess *s,
	struct vt_prng *rng, const struct vt_aead_shape *sh, uint8_t *plain)
{
	uint8_t tag[VT_AEAD_MAX_TAG];
	struct aead_params p;
	int ret;

	ret = start(job, s, rng, sh, &p);
	if (ret == 0)
		ret = make_aad(ctx, job, s, &p, rng);
	if (ret == 0 && !s->encrypt)
		ret = decrypt_input(job, s, sh, &p, plain, tag, rng);
	if (ret != 0)
		return ret;
	if (s->encrypt)
		vt_prng_fill(rng, tag, s->alg->tag_len);
	memcpy(job->expect_src, job->src_before, job->buf_len);
	ret = make_op(ctx, job, s, sh, &p, tag);
	if (ret != 0)
		return ret;
	/* The images the mbufs were made from become the expected results. */
	if (s->encrypt)
		return encrypt_result(job, s, sh, &p);
	memcpy((sh->oop ? job->expect_dst : job->expect_src) + sh->off, plain,
		sh->len);
	return vt_job_expect_digest(job, tag);
}

int
vt_job_aead(struct vt_ctx *ctx, struct vt_job *job,
	const struct vt_aead_sess *s, struct vt_prng *rng,
	const struct vt_aead_shape *sh)
{
	uint8_t *plain = malloc(sh->len + 1);
	int ret;

	if (plain == NULL)
		return -ENOMEM;
	ret = build(ctx, job, s, rng, sh, plain);
	free(plain);
	return ret;
}
