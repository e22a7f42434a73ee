/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Hash and MAC jobs. The image is [off bytes][len authenticated][digest],
 * or without the digest when it has a buffer of its own. Generating, the
 * digest's place starts out as garbage and must end up holding the
 * reference digest; verifying, it holds the reference digest (one bit
 * flipped for the bad cases) and nothing may change.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "vt_sym.h"

static void
describe(struct vt_job *job, const struct vt_auth_sess *s,
	const struct vt_auth_shape *sh)
{
	snprintf(job->what, sizeof(job->what), "%s %u bytes at %u, %s digest%s%s",
		s->generate ? "generate" : "verify", sh->len, sh->off,
		sh->sep_digest ? "separate" : "mbuf",
		sh->flip != VT_FLIP_NONE ? ", bit flipped" : "",
		sh->layout != NULL ? ", segmented" : "");
}

/* The digest's initial bytes: garbage, or what a verify compares with. */
static void
initial_digest(const struct vt_auth_sess *s, const struct vt_auth_shape *sh,
	const uint8_t *ref, uint8_t *init, struct vt_prng *rng)
{
	uint16_t dlen = s->alg->digest_len;

	if (s->generate) {
		vt_prng_fill(rng, init, dlen);
		return;
	}
	memcpy(init, ref, dlen);
	vt_flip(init, dlen, sh->flip);
}

static void
set_op(struct vt_job *job, const struct vt_auth_shape *sh, const uint8_t *iv,
	uint16_t iv_len)
{
	struct rte_crypto_sym_op *sym = job->op->sym;

	if (iv_len != 0)
		vt_job_set_iv(job, iv, iv_len);
	sym->auth.data.offset = sh->off;
	sym->auth.data.length = sh->len;
}

int
vt_job_auth(struct vt_ctx *ctx, struct vt_job *job,
	const struct vt_auth_sess *s, struct vt_prng *rng,
	const struct vt_auth_shape *sh)
{
	const struct vt_auth_alg *alg = s->alg;
	uint16_t dlen = alg->digest_len;
	uint32_t end = sh->off + sh->len;
	uint8_t iv[VT_MAX_IV], ref[VT_MAX_DIGEST], init[VT_MAX_DIGEST];
	struct rte_crypto_sym_op *sym;
	int ret;

	ret = vt_job_init(job, end + (sh->sep_digest ? 0 : dlen), false,
			!s->generate && sh->flip != VT_FLIP_NONE ?
			VT_EXPECT_AUTH_FAILED : VT_EXPECT_SUCCESS);
	if (ret != 0)
		return ret;
	describe(job, s, sh);
	vt_prng_fill(rng, iv, alg->iv_len);
	vt_prng_fill(rng, job->src_before, job->buf_len);
	if (vt_ref_auth(alg, s->key, s->key_len, iv, job->src_before + sh->off,
			sh->len, ref) != 0)
		return -EINVAL;
	initial_digest(s, sh, ref, init, rng);
	if (!sh->sep_digest)
		memcpy(job->src_before + end, init, dlen);
	memcpy(job->expect_src, job->src_before, job->buf_len);
	if (s->generate && !sh->sep_digest)
		memcpy(job->expect_src + end, ref, dlen);

	ret = vt_job_op(ctx, job, s->sess, NULL, sh->layout, NULL);
	if (ret != 0)
		return ret;
	set_op(job, sh, iv, alg->iv_len);
	sym = job->op->sym;
	ret = vt_job_digest(ctx, job, sh->sep_digest ? NULL : sym->m_src, end,
			init, dlen, &sym->auth.digest.data,
			&sym->auth.digest.phys_addr);
	if (ret != 0)
		return ret;
	return vt_job_expect_digest(job, s->generate ? ref : init);
}
