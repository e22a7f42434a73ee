/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Sessions and jobs: a job is one crypto op together with the bytes its
 * buffers must hold once the device is done, so every case checks its
 * results the same way.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_mbuf.h>

#include "vcrypto_test.h"

bool
vt_alg_supported(const struct vt_ctx *ctx, const struct vt_cipher_alg *alg)
{
	const struct rte_cryptodev_symmetric_capability *cap;
	struct rte_cryptodev_sym_capability_idx idx = {
		.type = RTE_CRYPTO_SYM_XFORM_CIPHER,
		.algo.cipher = alg->algo,
	};

	cap = rte_cryptodev_sym_capability_get(ctx->dev_id, &idx);
	return cap != NULL &&
		rte_cryptodev_sym_capability_check_cipher(cap, alg->key_len,
				alg->iv_len) == 0;
}

int
vt_sess_create(struct vt_ctx *ctx, struct vt_sess *s,
	const struct vt_cipher_alg *alg, bool encrypt, struct vt_prng *rng)
{
	struct rte_crypto_sym_xform xf;

	memset(s, 0, sizeof(*s));
	s->alg = alg;
	s->encrypt = encrypt;
	vt_prng_fill(rng, s->key, alg->key_len);

	memset(&xf, 0, sizeof(xf));
	xf.type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	xf.next = NULL;
	xf.cipher.op = encrypt ? RTE_CRYPTO_CIPHER_OP_ENCRYPT :
		RTE_CRYPTO_CIPHER_OP_DECRYPT;
	xf.cipher.algo = alg->algo;
	xf.cipher.key.data = s->key;
	xf.cipher.key.length = alg->key_len;
	xf.cipher.iv.offset = VT_IV_OFFSET;
	xf.cipher.iv.length = alg->iv_len;
	/* 0: the whole op is one XTS data unit, as OpenSSL computes it. */
	xf.cipher.dataunit_len = 0;

	/* rte_errno is only meaningful on failure: clear stale values. */
	rte_errno = 0;
	s->sess = rte_cryptodev_sym_session_create(ctx->dev_id, &xf,
			ctx->sess_pool);
	if (s->sess == NULL)
		return rte_errno != 0 ? -rte_errno : -EIO;
	return 0;
}

int
vt_sess_free(struct vt_ctx *ctx, struct vt_sess *s)
{
	int ret = 0;

	if (s->sess != NULL)
		ret = rte_cryptodev_sym_session_free(ctx->dev_id, s->sess);
	s->sess = NULL;
	return ret;
}

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

/* Oversized ops need a pool with bigger segments than the usual one. */
static struct rte_mempool *
pool_for(struct vt_ctx *ctx, uint32_t buf_len)
{
	uint32_t need = buf_len + RTE_PKTMBUF_HEADROOM;

	if (need <= rte_pktmbuf_data_room_size(ctx->mbuf_pool))
		return ctx->mbuf_pool;
	if (need > UINT16_MAX)
		return NULL;
	if (ctx->big_pool == NULL)
		ctx->big_pool = rte_pktmbuf_pool_create("vt_big_mbuf", 15, 0,
				0, UINT16_MAX, ctx->socket_id);
	return ctx->big_pool;
}

static struct rte_mbuf *
mbuf_with(struct vt_ctx *ctx, const uint8_t *data, uint32_t len)
{
	struct rte_mempool *mp = pool_for(ctx, len);
	struct rte_mbuf *m;
	char *p;

	if (mp == NULL)
		return NULL;
	m = rte_pktmbuf_alloc(mp);
	if (m == NULL)
		return NULL;
	p = rte_pktmbuf_append(m, (uint16_t)len);
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return NULL;
	}
	memcpy(p, data, len);
	return m;
}

/* Build the op: session (or none), IV in the private area, mbufs. */
static int
job_make_op(struct vt_ctx *ctx, struct vt_job *job, void *sess,
	const uint8_t *iv, uint16_t iv_len, const uint8_t *dst_init,
	uint32_t off, uint32_t len)
{
	struct rte_crypto_op *op;

	op = rte_crypto_op_alloc(ctx->op_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC);
	if (op == NULL)
		return -ENOMEM;
	job->op = op;
	op->sym->m_src = mbuf_with(ctx, job->src_before, job->buf_len);
	if (op->sym->m_src == NULL)
		return -ENOMEM;
	if (dst_init != NULL) {
		op->sym->m_dst = mbuf_with(ctx, dst_init, job->buf_len);
		if (op->sym->m_dst == NULL)
			return -ENOMEM;
	}
	if (sess != NULL) {
		rte_crypto_op_attach_sym_session(op, sess);
	} else {
		/* Deliberately broken: claims a session but has none. */
		op->sess_type = RTE_CRYPTO_OP_WITH_SESSION;
		op->sym->session = NULL;
	}
	memcpy(rte_crypto_op_ctod_offset(op, uint8_t *, VT_IV_OFFSET), iv,
		iv_len);
	op->sym->cipher.data.offset = off;
	op->sym->cipher.data.length = len;
	return 0;
}

static int
job_alloc_bufs(struct vt_job *job, uint32_t buf_len, bool oop)
{
	memset(job, 0, sizeof(*job));
	job->buf_len = buf_len;
	job->src_before = malloc(buf_len);
	job->expect_src = malloc(buf_len);
	if (oop)
		job->expect_dst = malloc(buf_len);
	if (job->src_before == NULL || job->expect_src == NULL ||
			(oop && job->expect_dst == NULL))
		return -ENOMEM;
	return 0;
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

	ret = job_alloc_bufs(job, buf_len, sh->oop);
	if (ret != 0)
		return ret;
	job->expect_ok = true;
	snprintf(job->what, sizeof(job->what), "%u bytes at offset %u, %s",
		sh->len, sh->hdr, sh->oop ? "out-of-place" : "in-place");
	vt_prng_fill(rng, iv, s->alg->iv_len);
	vt_prng_fill(rng, job->src_before, buf_len);
	memcpy(job->expect_src, job->src_before, buf_len);
	if (sh->oop) {
		vt_prng_fill(rng, job->expect_dst, buf_len);
		memcpy(job->expect_dst, job->src_before, sh->hdr);
		memcpy(job->expect_dst + sh->hdr + sh->len,
			job->src_before + sh->hdr + sh->len, sh->trl);
	}
	ret = job_make_op(ctx, job, s->sess, iv, s->alg->iv_len,
			job->expect_dst, sh->hdr, sh->len);
	if (ret != 0)
		return ret;
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

	ret = job_alloc_bufs(job, len, false);
	if (ret != 0)
		return ret;
	job->expect_ok = false;
	snprintf(job->what, sizeof(job->what), "%s", what);
	vt_prng_fill(rng, iv, sizeof(iv));
	vt_prng_fill(rng, job->src_before, len);
	return job_make_op(ctx, job, null_session ? NULL : s->sess, iv,
			s->alg->iv_len, NULL, 0, len);
}

void
vt_jobs_release(struct vt_job *jobs, unsigned int n)
{
	struct rte_crypto_op *op;
	unsigned int i;

	for (i = 0; i < n; i++) {
		op = jobs[i].op;
		/* A lost op still belongs to the PMD: leak it, never reuse it. */
		if (op != NULL && jobs[i].fate != VT_FATE_LOST) {
			rte_pktmbuf_free(op->sym->m_src);
			if (op->sym->m_dst != op->sym->m_src)
				rte_pktmbuf_free(op->sym->m_dst);
			rte_crypto_op_free(op);
		}
		free(jobs[i].src_before);
		free(jobs[i].expect_src);
		free(jobs[i].expect_dst);
		memset(&jobs[i], 0, sizeof(jobs[i]));
	}
}

/* For an op the PMD did not accept: its source must be as it was built. */
bool
vt_job_src_untouched(const struct vt_job *job)
{
	const struct rte_mbuf *m = job->op->sym->m_src;

	return m->data_len >= job->buf_len &&
		memcmp(rte_pktmbuf_mtod(m, const uint8_t *), job->src_before,
			job->buf_len) == 0;
}

static bool
buf_matches(struct vt_ctx *ctx, unsigned int i, const struct vt_job *job,
	const struct rte_mbuf *m, const uint8_t *want, const char *which)
{
	const uint8_t *got;
	uint32_t k;

	if (m->data_len < job->buf_len) {
		vt_fail(ctx, "op %u (%s): %s mbuf shrank to %u bytes", i,
			job->what, which, m->data_len);
		return false;
	}
	got = rte_pktmbuf_mtod(m, const uint8_t *);
	for (k = 0; k < job->buf_len; k++)
		if (got[k] != want[k])
			break;
	if (k == job->buf_len)
		return true;
	vt_fail(ctx, "op %u (%s): %s differs first at offset %u: got 0x%02x, want 0x%02x",
		i, job->what, which, k, got[k], want[k]);
	return false;
}

static bool
check_returned(struct vt_ctx *ctx, unsigned int i, const struct vt_job *job)
{
	const struct rte_crypto_op *op = job->op;

	if (!job->expect_ok) {
		if (op->status == RTE_CRYPTO_OP_STATUS_SUCCESS) {
			vt_fail(ctx, "bad op %u (%s) came back with status SUCCESS",
				i, job->what);
			return false;
		}
		if (ctx->verbose)
			vt_note(ctx, "bad op %u (%s) came back with status %s",
				i, job->what, vt_status_name(op->status));
		return true;
	}
	if (op->status != RTE_CRYPTO_OP_STATUS_SUCCESS) {
		vt_fail(ctx, "op %u (%s) came back with status %s", i,
			job->what, vt_status_name(op->status));
		return false;
	}
	if (!buf_matches(ctx, i, job, op->sym->m_src, job->expect_src,
			job->expect_dst != NULL ? "src (must be untouched)" :
			"data"))
		return false;
	return job->expect_dst == NULL ||
		buf_matches(ctx, i, job, op->sym->m_dst, job->expect_dst, "dst");
}

static bool
check_refused(struct vt_ctx *ctx, unsigned int i, const struct vt_job *job)
{
	if (job->expect_ok) {
		vt_fail(ctx, "good op %u (%s) refused by enqueue on an idle queue",
			i, job->what);
		return false;
	}
	if (ctx->strict) {
		vt_fail(ctx, "bad op %u (%s) refused by enqueue; expected it back from dequeue with an error status",
			i, job->what);
		return false;
	}
	vt_note(ctx, "bad op %u (%s) refused by enqueue (tolerated: not --strict)",
		i, job->what);
	return true;
}

static bool
check_job(struct vt_ctx *ctx, unsigned int i, const struct vt_job *job)
{
	switch (job->fate) {
	case VT_FATE_RETURNED:
		return check_returned(ctx, i, job);
	case VT_FATE_REFUSED:
		return check_refused(ctx, i, job);
	case VT_FATE_LOST:
		vt_fail(ctx, "op %u (%s) never came back from dequeue", i,
			job->what);
		return false;
	case VT_FATE_IN_FLIGHT:
	case VT_FATE_UNSENT:
		break;
	}
	vt_fail(ctx, "op %u (%s) was never enqueued", i, job->what);
	return false;
}

enum vt_result
vt_jobs_check(struct vt_ctx *ctx, struct vt_job *jobs, unsigned int n)
{
	unsigned int i;

	/* Lost ops explain everything after them: report them first. */
	for (i = 0; i < n; i++)
		if (jobs[i].fate == VT_FATE_LOST)
			return check_job(ctx, i, &jobs[i]) ? VT_PASS : VT_FAIL;
	if (ctx->case_strays != 0)
		return vt_fail(ctx, "dequeue returned %u ops this case never enqueued",
			ctx->case_strays);
	for (i = 0; i < n; i++)
		if (!check_job(ctx, i, &jobs[i]))
			return VT_FAIL;
	return VT_PASS;
}
