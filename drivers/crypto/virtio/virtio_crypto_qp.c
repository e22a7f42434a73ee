/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <errno.h>
#include <stdio.h>

#include <cryptodev_pmd.h>
#include <rte_cycles.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_qp.h"
#include "virtio_crypto_queue.h"
#include "virtio_crypto_req.h"

uint32_t
vcrypto_qp_outstanding(const struct vcrypto_qp *qp)
{
	if (qp == NULL)
		return 0;
	return (uint16_t)(qp->failed_tail - qp->failed_head) +
		vcrypto_queue_in_flight(qp->q);
}

void
vcrypto_qp_free(struct rte_cryptodev *dev, uint16_t qp_id)
{
	struct vcrypto_qp *qp = dev->data->queue_pairs[qp_id];

	if (qp == NULL)
		return;
	rte_free(qp->failed);
	rte_free(qp->meta);
	rte_free(qp->bounce);
	rte_free(qp->bounce_iova);
	rte_free(qp);
	dev->data->queue_pairs[qp_id] = NULL;
}

/*
 * Ops the application has not dequeued yet (refused ones waiting in the
 * failed queue, or in flight on the ring) would be lost with the queue
 * pair: refuse instead, the application dequeues them first.
 */
static int
release_locked(struct rte_cryptodev *dev, uint16_t qp_id)
{
	struct vcrypto_qp *qp = dev->data->queue_pairs[qp_id];
	uint32_t n = vcrypto_qp_outstanding(qp);

	if (n != 0) {
		VCRYPTO_DEV_LOG(ERR, qp->hw->name,
			"queue pair %u still holds %u ops: dequeue them first",
			qp_id, n);
		return -EBUSY;
	}
	vcrypto_qp_free(dev, qp_id);
	return 0;
}

/*
 * Bounce buffers, one a slot. Each is aligned to its size, so it never
 * crosses a page (hugepages are multiples of it) and is IOVA-contiguous
 * even where the whole area is not. Without them, ops with more
 * segments than a request has buffers fail, nothing else.
 */
static void
bounce_memory(struct vcrypto_qp *qp, uint16_t slots, int socket_id)
{
	uint16_t i;

	qp->bounce = rte_malloc_socket(NULL, (size_t)slots * VCRYPTO_BOUNCE_SIZE,
				       VCRYPTO_BOUNCE_SIZE, socket_id);
	qp->bounce_iova = rte_malloc_socket(NULL, sizeof(uint64_t) * slots,
					    RTE_CACHE_LINE_SIZE, socket_id);
	for (i = 0; qp->bounce != NULL && qp->bounce_iova != NULL &&
	     i < slots; i++) {
		uint8_t *va = qp->bounce + (size_t)i * VCRYPTO_BOUNCE_SIZE;
		const struct rte_memseg *ms = rte_mem_virt2memseg(va, NULL);

		if (ms == NULL || ms->iova == RTE_BAD_IOVA)
			break;
		qp->bounce_iova[i] = ms->iova + RTE_PTR_DIFF(va, ms->addr);
	}
	if (qp->bounce != NULL && qp->bounce_iova != NULL && i == slots)
		return;
	VCRYPTO_DEV_LOG(NOTICE, qp->hw->name,
		"queue pair %u: no bounce buffers, sources of more than %u "
		"segments will fail", qp->id, VCRYPTO_DATA_INDIRECT_MAX / 2 - 2);
	rte_free(qp->bounce);
	rte_free(qp->bounce_iova);
	qp->bounce = NULL;
	qp->bounce_iova = NULL;
}

static int
setup_locked(struct rte_cryptodev *dev, uint16_t qp_id,
	     const struct rte_cryptodev_qp_conf *conf, int socket_id)
{
	struct vcrypto_hw *hw = dev->data->dev_private;
	struct vcrypto_qp *qp;
	struct vcrypto_queue *q;
	uint16_t size;

	if (qp_id >= hw->nb_dataqs) {
		VCRYPTO_DEV_LOG(ERR, hw->name, "queue pair %u not configured",
				qp_id);
		return -EINVAL;
	}
	q = hw->dataqs[qp_id];
	size = vcrypto_queue_size(q);
	/* The ring itself lives as long as the configuration. */
	if (vcrypto_queue_in_flight(q) != 0)
		return -EBUSY;
	if (release_locked(dev, qp_id) != 0)
		return -EBUSY;

	qp = rte_zmalloc_socket(NULL, sizeof(*qp), RTE_CACHE_LINE_SIZE,
				socket_id);
	if (qp == NULL)
		return -ENOMEM;
	qp->failed_size = size;
	qp->failed = rte_zmalloc_socket(NULL, sizeof(*qp->failed) * size,
					RTE_CACHE_LINE_SIZE, socket_id);
	qp->meta = rte_zmalloc_socket(NULL, sizeof(*qp->meta) * size,
				      RTE_CACHE_LINE_SIZE, socket_id);
	dev->data->queue_pairs[qp_id] = qp;
	if (qp->failed == NULL || qp->meta == NULL) {
		vcrypto_qp_free(dev, qp_id);
		return -ENOMEM;
	}
	qp->q = q;
	qp->vq = q->packed ? NULL : &q->vq;
	qp->pvq = q->packed ? &q->pvq : NULL;
	qp->broken = vcrypto_queue_broken_flag(q);
	qp->hw = hw;
	qp->id = qp_id;
	qp->dev_id = dev->data->dev_id;
	bounce_memory(qp, size, socket_id);
	qp->lim.bounce_size = qp->bounce != NULL ? VCRYPTO_BOUNCE_SIZE : 0;
	qp->driver_id = hw->driver_id;
	qp->max_inflight = conf->nb_descriptors == 0 ? size :
		RTE_MIN(conf->nb_descriptors, size);
	qp->lim.max_size = hw->cfg.max_size != 0 ? hw->cfg.max_size : UINT64_MAX;
	/* A small ring bounds a request's buffers, direct or indirect. */
	qp->lim.max_bufs = vcrypto_queue_indirect_max(q) != 0 ?
		vcrypto_queue_indirect_max(q) :
		RTE_MIN(VCRYPTO_DATA_INDIRECT_MAX, size);
	qp->stall_cycles = rte_get_timer_hz() * hw->opts.op_timeout_ms / 1000;
	dev->data->queue_pairs[qp_id] = qp;
	if (conf->nb_descriptors > size)
		VCRYPTO_DEV_LOG(INFO, hw->name,
			"queue pair %u: %u descriptors asked, ring has %u",
			qp_id, conf->nb_descriptors, size);
	return 0;
}

/*
 * Queue pairs come and go under ctrl_lock (recursive): stats and
 * telemetry on other threads walk them under it.
 */
int
vcrypto_qp_release(struct rte_cryptodev *dev, uint16_t qp_id)
{
	struct vcrypto_hw *hw = dev->data->dev_private;
	int ret;

	pthread_mutex_lock(&hw->ctrl_lock);
	ret = release_locked(dev, qp_id);
	pthread_mutex_unlock(&hw->ctrl_lock);
	return ret;
}

int
vcrypto_qp_setup(struct rte_cryptodev *dev, uint16_t qp_id,
		 const struct rte_cryptodev_qp_conf *conf, int socket_id)
{
	struct vcrypto_hw *hw = dev->data->dev_private;
	int ret;

	pthread_mutex_lock(&hw->ctrl_lock);
	ret = setup_locked(dev, qp_id, conf, socket_id);
	pthread_mutex_unlock(&hw->ctrl_lock);
	return ret;
}
