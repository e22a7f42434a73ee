/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VQ_TEST_BUFS_H
#define VQ_TEST_BUFS_H

/*
 * What the virtqueue engine tests share: the buffers a test posts, and
 * the check that the device side found exactly those.
 */

#include <stdbool.h>
#include <stdint.h>

#include "vq_common.h"

/* A buffer as the test's device found it. */
struct dbuf {
	uint64_t addr;
	uint32_t len;
	bool write;
};

/* n buffers, the last w of them writable, tagged with k. */
static inline void
mk_bufs(struct vq_buf *b, uint16_t n, uint16_t w, unsigned int k)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		b[i].iova = ((uint64_t)k << 20) + 0x100u * i;
		b[i].len = 16 + i;
		b[i].flags = i >= n - w ? VQ_BUF_WRITE : 0;
	}
}

/* Did the device find exactly the n buffers posted, as got[0..ngot)? */
static inline bool
dbufs_match(const struct dbuf *got, uint16_t ngot, const struct vq_buf *b,
	    uint16_t n)
{
	uint16_t i;

	if (ngot != n)
		return false;
	for (i = 0; i < n; i++)
		if (got[i].addr != b[i].iova || got[i].len != b[i].len ||
		    got[i].write != !!(b[i].flags & VQ_BUF_WRITE))
			return false;
	return true;
}

#endif /* VQ_TEST_BUFS_H */
