/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Jobs: a job is one crypto op together with the bytes its buffers must
 * hold once the device is done, so every case checks its results the
 * same way (check.c). This file builds them and frees them.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "vcrypto_test.h"

const char *
vt_status_name(enum rte_crypto_op_status st)
{
	switch (st) {
	case RTE_CRYPTO_OP_STATUS_SUCCESS: return "SUCCESS";
	case RTE_CRYPTO_OP_STATUS_NOT_PROCESSED: return "NOT_PROCESSED";
	case RTE_CRYPTO_OP_STATUS_AUTH_FAILED: return "AUTH_FAILED";
	case RTE_CRYPTO_OP_STATUS_INVALID_SESSION: return "INVALID_SESSION";
	case RTE_CRYPTO_OP_STATUS_INVALID_ARGS: return "INVALID_ARGS";
	case RTE_CRYPTO_OP_STATUS_ERROR: return "ERROR";
	}
	return "UNKNOWN";
}

void *
vt_side_alloc(struct vt_ctx *ctx, size_t len, rte_iova_t *iova)
{
	/* Never 0 bytes: a tag of an empty message still needs a place. */
	void *p = rte_zmalloc_socket("vt_side", RTE_MAX(len, (size_t)1), 0,
			ctx->socket_id);

	if (p != NULL)
		*iova = rte_malloc_virt2iova(p);
	return p;
}

int
vt_job_init(struct vt_job *job, uint32_t buf_len, bool oop,
	enum vt_expect expect)
{
	memset(job, 0, sizeof(*job));
	job->buf_len = buf_len;
	job->expect = expect;
	/* malloc(0) may return NULL: keep one byte for empty images. */
	job->src_before = malloc(buf_len + 1);
	job->expect_src = malloc(buf_len + 1);
	if (oop)
		job->expect_dst = malloc(buf_len + 1);
	if (job->src_before == NULL || job->expect_src == NULL ||
			(oop && job->expect_dst == NULL))
		return -ENOMEM;
	return 0;
}

/*
 * The op and its mbufs, made from the images: src from src_before, dst
 * (out of place) from dst_init. sess NULL makes a deliberately broken op
 * that claims a session but has none.
 */
int
vt_job_op(struct vt_ctx *ctx, struct vt_job *job, void *sess,
	const uint8_t *dst_init, const struct vt_layout *src_layout,
	const struct vt_layout *dst_layout)
{
	struct rte_crypto_op *op;

	op = rte_crypto_op_alloc(ctx->op_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC);
	if (op == NULL)
		return -ENOMEM;
	job->op = op;
	op->sym->m_src = vt_mbuf_build(ctx, job->src_before, job->buf_len,
			src_layout);
	if (op->sym->m_src == NULL)
		return -ENOMEM;
	if (dst_init != NULL) {
		op->sym->m_dst = vt_mbuf_build(ctx, dst_init, job->buf_len,
				dst_layout);
		if (op->sym->m_dst == NULL)
			return -ENOMEM;
	}
	if (sess != NULL) {
		rte_crypto_op_attach_sym_session(op, sess);
	} else {
		op->sess_type = RTE_CRYPTO_OP_WITH_SESSION;
		op->sym->session = NULL;
	}
	return 0;
}

void
vt_job_set_iv(struct vt_job *job, const uint8_t *iv, uint16_t len)
{
	memcpy(rte_crypto_op_ctod_offset(job->op, uint8_t *, VT_IV_OFFSET), iv,
		len);
}

/*
 * Where the device finds or puts a digest (or tag) of len bytes: at off
 * in mbuf m, right after the data as applications keep it (the image
 * already holds its initial bytes there), or, m NULL, in a buffer of its
 * own that starts out holding init.
 */
int
vt_job_digest(struct vt_ctx *ctx, struct vt_job *job, struct rte_mbuf *m,
	uint32_t off, const uint8_t *init, uint16_t len, uint8_t **data,
	rte_iova_t *iova)
{
	if (m != NULL) {
		*data = vt_mbuf_at(m, off, len, iova);
		return *data != NULL ? 0 : -EINVAL;
	}
	job->digest = vt_side_alloc(ctx, len, iova);
	if (job->digest == NULL)
		return -ENOMEM;
	job->digest_len = len;
	memcpy(job->digest, init, len);
	*data = job->digest;
	return 0;
}

/* What the separate digest must hold afterwards (no-op without one). */
int
vt_job_expect_digest(struct vt_job *job, const uint8_t *want)
{
	if (job->digest == NULL)
		return 0;
	job->expect_digest = malloc(job->digest_len);
	if (job->expect_digest == NULL)
		return -ENOMEM;
	memcpy(job->expect_digest, want, job->digest_len);
	return 0;
}

/*
 * Turn a good job into one the PMD must refuse with INVALID_ARGS: its
 * buffers are not checked, only that it fails, and fails alone.
 */
void
vt_job_make_bad(struct vt_job *job, const char *why)
{
	size_t n = strlen(job->what);

	job->expect = VT_EXPECT_ERROR;
	job->want_invalid_args = true;
	snprintf(job->what + n, sizeof(job->what) - n, ", %s", why);
}

/* Damage bit flip - 1 (modulo the digest's length) unless flip is 0. */
void
vt_flip(uint8_t *digest, uint16_t len, unsigned int flip)
{
	unsigned int bit = flip - 1;

	if (flip != 0 && len != 0)
		digest[(bit / 8) % len] ^= (uint8_t)(1u << (bit % 8));
}

/*
 * A good job. Out of place, dst starts with the same header and trailer
 * as src: whether the PMD leaves those bytes alone or copies them over
 * (DPDK leaves that open), dst must end up equal to expect_dst, and any
 * other write shows up.
 */
int
vt_job_cipher(struct vt_ctx *ctx, struct vt_job *job,
	const struct vt_sess *s, struct vt_prng *rng,
	const struct vt_job_shape *sh)
{
	uint32_t buf_len = sh->hdr + sh->len + sh->trl;
	uint8_t iv[VT_MAX_IV] = { 0 };
	uint8_t *out;
	int ret;

	ret = vt_job_init(job, buf_len, sh->oop, VT_EXPECT_SUCCESS);
	if (ret != 0)
		return ret;
	snprintf(job->what, sizeof(job->what), "%u bytes at offset %u, %s%s",
		sh->len, sh->hdr, sh->oop ? "out-of-place" : "in-place",
		sh->src_layout != NULL || sh->dst_layout != NULL ?
		", segmented" : "");
	vt_prng_fill(rng, iv, s->alg->iv_len);
	vt_prng_fill(rng, job->src_before, buf_len);
	memcpy(job->expect_src, job->src_before, buf_len);
	if (sh->oop) {
		vt_prng_fill(rng, job->expect_dst, buf_len);
		memcpy(job->expect_dst, job->src_before, sh->hdr);
		memcpy(job->expect_dst + sh->hdr + sh->len,
			job->src_before + sh->hdr + sh->len, sh->trl);
	}
	ret = vt_job_op(ctx, job, s->sess, job->expect_dst, sh->src_layout,
			sh->dst_layout);
	if (ret != 0)
		return ret;
	vt_job_set_iv(job, iv, s->alg->iv_len);
	job->op->sym->cipher.data.offset = sh->hdr;
	job->op->sym->cipher.data.length = sh->len;
	/* expect_dst was dst's initial contents: only now add the result. */
	out = sh->oop ? job->expect_dst : job->expect_src;
	return vt_ref_cipher(s->alg, s->encrypt, s->key, iv,
			job->src_before + sh->hdr, out + sh->hdr, sh->len) == 0 ?
		0 : -EINVAL;
}

/* A job the device must fail: its result bytes are not checked. */
int
vt_job_bad(struct vt_ctx *ctx, struct vt_job *job, const struct vt_sess *s,
	struct vt_prng *rng, uint32_t len, bool null_session, const char *what)
{
	uint8_t iv[VT_MAX_IV];
	int ret;

	ret = vt_job_init(job, len, false, VT_EXPECT_ERROR);
	if (ret != 0)
		return ret;
	snprintf(job->what, sizeof(job->what), "%s", what);
	vt_prng_fill(rng, iv, sizeof(iv));
	vt_prng_fill(rng, job->src_before, len);
	ret = vt_job_op(ctx, job, null_session ? NULL : s->sess, NULL, NULL,
			NULL);
	if (ret != 0)
		return ret;
	vt_job_set_iv(job, iv, s->alg->iv_len);
	job->op->sym->cipher.data.offset = 0;
	job->op->sym->cipher.data.length = len;
	return 0;
}

void
vt_jobs_release(struct vt_job *jobs, unsigned int n)
{
	struct rte_crypto_op *op;
	unsigned int i;

	for (i = 0; i < n; i++) {
		op = jobs[i].op;
		/*
		 * A lost op still belongs to the PMD, and so does every buffer
		 * the device may still write: leak them, never reuse them.
		 */
		if (jobs[i].fate != VT_FATE_LOST) {
			if (op != NULL) {
				rte_pktmbuf_free(op->sym->m_src);
				if (op->sym->m_dst != op->sym->m_src)
					rte_pktmbuf_free(op->sym->m_dst);
				rte_crypto_op_free(op);
			}
			rte_free(jobs[i].digest);
			rte_free(jobs[i].aad);
		}
		free(jobs[i].src_before);
		free(jobs[i].expect_src);
		free(jobs[i].expect_dst);
		free(jobs[i].expect_digest);
		memset(&jobs[i], 0, sizeof(jobs[i]));
	}
}
