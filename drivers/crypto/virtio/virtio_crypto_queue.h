/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_QUEUE_H
#define VIRTIO_CRYPTO_QUEUE_H

/* A device queue: the virtqueue engine over DMA memory of its own. */

#include <stdint.h>

#include "vq_split.h"

struct rte_memzone;
struct vcrypto_hw;

struct vcrypto_queue {
	struct vq_split vq;
	const struct rte_memzone *mz;
	void *meta;
	uint16_t qid;
};

/*
 * Allocate and program device queue qid with at most max_size entries
 * (capped by the device), slot_priv bytes of per-slot private area and
 * indirect tables of indirect_max entries when the device takes them.
 */
int vcrypto_queue_create(struct vcrypto_hw *hw, uint16_t qid,
			 uint16_t max_size, uint32_t slot_priv,
			 uint16_t indirect_max, struct vcrypto_queue **out);
void vcrypto_queue_free(struct vcrypto_queue *q);

#endif /* VIRTIO_CRYPTO_QUEUE_H */
