/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_SGL_H
#define VIRTIO_CRYPTO_SGL_H

/* Describing (part of) an mbuf chain as virtqueue buffers, one a segment. */

#include <string.h>

#include <rte_mbuf.h>

#include "virtio_crypto_session.h"
#include "vq_split.h"

/*
 * Append the buffers covering len bytes from offset off of m to bufs[n..],
 * never beyond bufs[max - 1]. Zero-length segments are skipped (QEMU
 * stops the whole device on a zero-length buffer) and the walk is bounded
 * by the chain's nb_segs (a cyclic chain must not hang the fast path).
 * Returns the new count, or -1 if the chain is shorter than off + len or
 * needs more than max buffers.
 */
static inline int
vcrypto_sgl_add(struct vq_buf *bufs, int n, int max, struct rte_mbuf *m,
		uint32_t off, uint32_t len, uint32_t flags)
{
	uint16_t segs = m != NULL ? m->nb_segs : 0;

	while (m != NULL && segs > 0 && off >= m->data_len) {
		off -= m->data_len;
		m = m->next;
		segs--;
	}
	while (len > 0) {
		uint32_t chunk;

		if (unlikely(m == NULL || segs == 0 || n >= max))
			return -1;
		chunk = RTE_MIN(len, (uint32_t)m->data_len - off);
		if (chunk != 0) {
			bufs[n].iova = rte_pktmbuf_iova_offset(m, off);
			bufs[n].len = chunk;
			bufs[n].flags = flags;
			n++;
		}
		len -= chunk;
		off = 0;
		m = m->next;
		segs--;
	}
	return n;
}

/*
 * The source as one buffer: a copy of its len bytes from offset off in
 * the op's bounce buffer (lim->bounce, read by the device only). For ops
 * with more segments than a request may have buffers. Returns the new
 * count, or -1 if there is no bounce buffer, it is too small, or the
 * chain is too short.
 */
static inline int
vcrypto_sgl_linear(struct vq_buf *bufs, int n, const struct rte_mbuf *m,
		   uint32_t off, uint32_t len,
		   const struct vcrypto_op_limits *lim)
{
	uint16_t segs = m != NULL ? m->nb_segs : 0;
	uint8_t *to = lim->bounce;
	uint32_t left = len;

	if (to == NULL || len == 0 || len > lim->bounce_size)
		return -1;
	for (; m != NULL && segs > 0 && left > 0; m = m->next, segs--) {
		uint32_t chunk;

		if (off >= m->data_len) {
			off -= m->data_len;
			continue;
		}
		chunk = RTE_MIN(left, (uint32_t)m->data_len - off);
		memcpy(to, rte_pktmbuf_mtod_offset(m, const uint8_t *, off),
		       chunk);
		to += chunk;
		left -= chunk;
		off = 0;
	}
	if (left != 0)
		return -1;
	bufs[n] = (struct vq_buf){ lim->bounce_iova, len, 0 };
	return n + 1;
}

/*
 * Source then destination buffers for the same region, at most max in
 * all; when that takes too many, the source is read from a copy.
 */
static inline int
vcrypto_sgl_src_dst(struct vq_buf *bufs, int n, int max,
		    struct rte_mbuf *src, struct rte_mbuf *dst, uint32_t off,
		    uint32_t len, const struct vcrypto_op_limits *lim)
{
	int k = vcrypto_sgl_add(bufs, n, max, src, off, len, 0);

	if (likely(k >= 0))
		k = vcrypto_sgl_add(bufs, k, max, dst, off, len, VQ_BUF_WRITE);
	if (likely(k >= 0))
		return k;
	k = vcrypto_sgl_linear(bufs, n, src, off, len, lim);
	if (k >= 0)
		k = vcrypto_sgl_add(bufs, k, max, dst, off, len, VQ_BUF_WRITE);
	return k;
}

/* Source buffers only, read from a copy when there are too many. */
static inline int
vcrypto_sgl_src(struct vq_buf *bufs, int n, int max, struct rte_mbuf *src,
		uint32_t off, uint32_t len, const struct vcrypto_op_limits *lim)
{
	int k = vcrypto_sgl_add(bufs, n, max, src, off, len, 0);

	return likely(k >= 0) ? k : vcrypto_sgl_linear(bufs, n, src, off, len,
							lim);
}

#endif /* VIRTIO_CRYPTO_SGL_H */
