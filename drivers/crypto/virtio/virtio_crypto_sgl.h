/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_SGL_H
#define VIRTIO_CRYPTO_SGL_H

/* Describing (part of) an mbuf chain as virtqueue buffers, one a segment. */

#include <rte_mbuf.h>

#include "vq_split.h"

/*
 * Append the buffers covering len bytes from offset off of m to bufs[n..],
 * never beyond bufs[max - 1]. Returns the new count, or -1 if the chain is
 * shorter than off + len or needs more than max buffers.
 */
static inline int
vcrypto_sgl_add(struct vq_buf *bufs, int n, int max, struct rte_mbuf *m,
		uint32_t off, uint32_t len, uint32_t flags)
{
	while (m != NULL && off >= m->data_len) {
		off -= m->data_len;
		m = m->next;
	}
	while (len > 0) {
		uint32_t chunk;

		if (unlikely(m == NULL || n >= max))
			return -1;
		chunk = RTE_MIN(len, (uint32_t)m->data_len - off);
		bufs[n].iova = rte_pktmbuf_iova_offset(m, off);
		bufs[n].len = chunk;
		bufs[n].flags = flags;
		n++;
		len -= chunk;
		off = 0;
		m = m->next;
	}
	return n;
}

#endif /* VIRTIO_CRYPTO_SGL_H */
