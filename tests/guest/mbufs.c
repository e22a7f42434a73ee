/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Buffer images as mbufs: a job describes its data as one flat image, and
 * this file cuts it into a chain of segments (struct vt_layout), finds a
 * byte range inside a chain and compares a chain with an image. The cases
 * never look at segments themselves, so any case runs on any layout.
 */

#include <string.h>

#include <rte_mbuf.h>

#include "vcrypto_test.h"

/*
 * Images beyond one segment of the usual pool are cut into segments of
 * up to VT_BIG_SEG bytes from a pool made on demand: room for 1 MiB and
 * a digest (17 segments) twice over, and then some.
 */
#define VT_BIG_SEG 0xff00u
#define VT_BIG_MBUFS 40
#define VT_BIG_SPARE 6

static struct rte_mempool *
big_pool(struct vt_ctx *ctx)
{
	if (ctx->big_pool == NULL)
		ctx->big_pool = rte_pktmbuf_pool_create("vt_big_mbuf",
				VT_BIG_MBUFS, 0, 0, UINT16_MAX, ctx->socket_id);
	return ctx->big_pool;
}

/* The usual pool if a segment of len bytes fits it, else the big one. */
static struct rte_mempool *
pool_for(struct vt_ctx *ctx, uint32_t len)
{
	if (len + RTE_PKTMBUF_HEADROOM <=
			rte_pktmbuf_data_room_size(ctx->mbuf_pool))
		return ctx->mbuf_pool;
	if (len + RTE_PKTMBUF_HEADROOM > UINT16_MAX)
		return NULL;
	return big_pool(ctx);
}

static unsigned int
nb_listed(const struct vt_layout *lay)
{
	unsigned int n = 0;

	while (n < VT_LAYOUT_SEGS && lay->seg[n] != 0)
		n++;
	return n;
}

/* Length of segment i when left bytes remain to be placed. */
static uint32_t
seg_len(const struct vt_layout *lay, unsigned int i, uint32_t left)
{
	uint32_t n = left;

	if (lay != NULL && i < nb_listed(lay))
		n = lay->seg[i];
	else if (lay != NULL && lay->every != 0)
		n = lay->every;
	return RTE_MIN(RTE_MIN(n, left), VT_BIG_SEG);
}

static struct rte_mbuf *
segment(struct vt_ctx *ctx, const uint8_t *data, uint32_t len)
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

struct rte_mbuf *
vt_mbuf_build(struct vt_ctx *ctx, const uint8_t *data, uint32_t len,
	const struct vt_layout *lay)
{
	struct rte_mbuf *head, *m;
	uint32_t off, n;
	unsigned int i;

	n = seg_len(lay, 0, len);
	head = segment(ctx, data, n);
	for (off = n, i = 1; head != NULL && off < len; off += n, i++) {
		n = seg_len(lay, i, len - off);
		m = segment(ctx, data + off, n);
		if (m == NULL || rte_pktmbuf_chain(head, m) != 0) {
			rte_pktmbuf_free(m);
			rte_pktmbuf_free(head);
			return NULL;
		}
	}
	return head;
}

/* The longest image vt_mbuf_build() can always make with no layout. */
uint64_t
vt_mbuf_max_len(void)
{
	return (uint64_t)(VT_BIG_MBUFS - VT_BIG_SPARE) * VT_BIG_SEG;
}

void *
vt_mbuf_at(struct rte_mbuf *m, uint32_t off, uint32_t len, rte_iova_t *iova)
{
	while (m != NULL && off >= m->data_len) {
		off -= m->data_len;
		m = m->next;
	}
	/* A digest must be contiguous: it may not straddle two segments. */
	if (m == NULL || off + len > m->data_len)
		return NULL;
	if (iova != NULL)
		*iova = rte_pktmbuf_iova_offset(m, off);
	return rte_pktmbuf_mtod_offset(m, void *, off);
}

int64_t
vt_mbuf_diff(const struct rte_mbuf *m, const uint8_t *want, uint32_t len,
	uint8_t *got)
{
	uint32_t pos = 0, k;
	const uint8_t *p;

	if (m->pkt_len < len)
		return -1;
	for (; m != NULL && pos < len; m = m->next) {
		p = rte_pktmbuf_mtod(m, const uint8_t *);
		for (k = 0; k < m->data_len && pos < len; k++, pos++)
			if (p[k] != want[pos]) {
				*got = p[k];
				return pos;
			}
	}
	return pos < len ? -1 : (int64_t)len;
}
