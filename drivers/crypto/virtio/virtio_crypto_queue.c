/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <errno.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_malloc.h>
#include <rte_memzone.h>

#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_queue.h"

static uint16_t
ring_size_for(uint16_t device_max, uint16_t max_size)
{
	uint16_t size = RTE_MIN(device_max, max_size);

	/*
	 * Split rings must be a power of 2; packed ones need not, but the
	 * same sizes keep both layouts alike. Round down, never up.
	 */
	return size == 0 ? 0 : (uint16_t)rte_align32prevpow2(size);
}

static int
queue_memory(struct vcrypto_hw *hw, struct vcrypto_queue *q,
	     const struct vq_config *cfg, bool packed)
{
	char name[RTE_MEMZONE_NAMESIZE];

	static uint32_t seq;

	/*
	 * A name never used before: memory of a device that did not reset is
	 * kept, and a later device may sit at the same address.
	 */
	snprintf(name, sizeof(name), "vcrypto_q%u_%u", q->qid,
		 __atomic_fetch_add(&seq, 1, __ATOMIC_RELAXED));
	/* The device reads rings and slots by IOVA: one contiguous block. */
	q->mz = rte_memzone_reserve_aligned(name, packed ?
			vq_packed_mem_size(cfg) : vq_split_mem_size(cfg),
			hw->socket_id, RTE_MEMZONE_IOVA_CONTIG, 4096);
	if (q->mz == NULL)
		return -ENOMEM;
	q->meta = rte_zmalloc_socket(NULL, packed ?
			vq_packed_meta_size(cfg) : vq_split_meta_size(cfg),
			RTE_CACHE_LINE_SIZE, hw->socket_id);
	if (q->meta == NULL)
		return -ENOMEM;
	return 0;
}

static int
queue_init(struct vcrypto_hw *hw, struct vcrypto_queue *q,
	   const struct vq_config *cfg, bool packed)
{
	void *cookie;
	int ret;

	q->packed = packed;
	if (packed)
		ret = vq_packed_init(&q->pvq, cfg, q->mz->addr, q->mz->iova,
				     q->meta, hw->ops->notify, NULL);
	else
		ret = vq_split_init(&q->vq, cfg, q->mz->addr, q->mz->iova,
				    q->meta, hw->ops->notify, NULL);
	if (ret != 0)
		return ret;
	/* Packed: descriptor ring, driver and device event areas. */
	cookie = packed ?
		hw->ops->queue_enable(hw, q->qid, cfg->size, q->pvq.desc_iova,
				      q->pvq.driver_event_iova,
				      q->pvq.device_event_iova) :
		hw->ops->queue_enable(hw, q->qid, cfg->size, q->vq.desc_iova,
				      q->vq.avail_iova, q->vq.used_iova);
	if (cookie == NULL)
		return -EIO;
	if (packed)
		q->pvq.notify_arg = cookie;
	else
		q->vq.notify_arg = cookie;
	return 0;
}

int
vcrypto_queue_create(struct vcrypto_hw *hw, uint16_t qid, uint16_t max_size,
		     uint32_t slot_priv, uint16_t indirect_max,
		     struct vcrypto_queue **out)
{
	struct vq_config cfg = {
		.size = ring_size_for(hw->ops->queue_max_size(hw, qid),
				      max_size),
		.indirect_max = vcrypto_hw_has_feature(hw,
			VIRTIO_RING_F_INDIRECT_DESC) ? indirect_max : 0,
		.slot_priv_size = slot_priv,
		.event_idx = vcrypto_hw_has_feature(hw,
			VIRTIO_RING_F_EVENT_IDX),
		.platform_order = vcrypto_hw_has_feature(hw,
			VIRTIO_F_ORDER_PLATFORM),
	};
	bool packed = vcrypto_hw_has_feature(hw, VIRTIO_F_RING_PACKED);
	struct vcrypto_queue *q;
	int ret;

	/* No chain longer than the queue, an indirect table's neither. */
	cfg.indirect_max = RTE_MIN(cfg.indirect_max, cfg.size);
	if (cfg.size == 0) {
		VCRYPTO_DEV_LOG(ERR, hw->name, "queue %u not available", qid);
		return -ENODEV;
	}
	q = rte_zmalloc_socket(NULL, sizeof(*q), RTE_CACHE_LINE_SIZE,
			       hw->socket_id);
	if (q == NULL)
		return -ENOMEM;
	q->qid = qid;
	ret = queue_memory(hw, q, &cfg, packed);
	if (ret == 0)
		ret = queue_init(hw, q, &cfg, packed);
	if (ret != 0)
		goto fail;
	VCRYPTO_DEV_LOG(DEBUG, hw->name, "queue %u: %s, %u entries, indirect %u",
			qid, packed ? "packed" : "split", cfg.size,
			cfg.indirect_max);
	*out = q;
	return 0;
fail:
	VCRYPTO_DEV_LOG(ERR, hw->name, "queue %u setup failed: %d", qid, ret);
	vcrypto_queue_free(q);
	return ret;
}

void
vcrypto_queue_free(struct vcrypto_queue *q)
{
	if (q == NULL)
		return;
	rte_memzone_free(q->mz);
	rte_free(q->meta);
	rte_free(q);
}
