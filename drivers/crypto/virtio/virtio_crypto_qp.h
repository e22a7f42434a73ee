/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_QP_H
#define VIRTIO_CRYPTO_QP_H

/* A queue pair: one data virtqueue, as the fast path sees it. */

#include <stdint.h>

#include <rte_cryptodev.h>

#include "virtio_crypto_session.h"
#include "vq_packed.h"
#include "vq_split.h"

struct vcrypto_hw;
struct vcrypto_queue;

struct vcrypto_qp {
	/* fast path: the queue's engine, by its layout (the other NULL) */
	struct vq_split *vq;
	struct vq_packed *pvq;
	bool *broken;		/* the engine's broken flag */
	struct vcrypto_queue *q;
	struct vcrypto_hw *hw;
	struct vcrypto_op_limits lim;
	uint16_t max_inflight;
	uint8_t driver_id;
	uint8_t dev_id;		/* the same in every process */

	/*
	 * Ops refused before they reached the device: they still count as
	 * enqueued and come back, in order, from the next dequeue.
	 */
	uint16_t failed_size;
	uint16_t failed_head;
	uint16_t failed_tail;
	struct rte_crypto_op **failed;

	/* per slot: what dequeue does with the completion */
	struct vcrypto_op_meta *meta;

	/*
	 * per slot: VCRYPTO_BOUNCE_SIZE bytes for a linearized source, and
	 * its IOVA (NULL: none)
	 */
	uint8_t *bounce;
	uint64_t *bounce_iova;

	/*
	 * A device silent this long with ops in flight is given up on: its
	 * ops come back failed (0: wait forever).
	 */
	uint64_t stall_cycles;
	uint64_t silent_since;	/* 0 while the device makes progress */
	uint32_t empty_polls;	/* the clock is read once every so many */

	struct rte_cryptodev_stats stats;
	uint16_t id;
};

int vcrypto_qp_setup(struct rte_cryptodev *dev, uint16_t qp_id,
		     const struct rte_cryptodev_qp_conf *conf, int socket_id);
/* -EBUSY while the queue pair holds ops not dequeued yet. */
int vcrypto_qp_release(struct rte_cryptodev *dev, uint16_t qp_id);
/* Ops not dequeued yet: failed ones waiting and those in flight. */
uint32_t vcrypto_qp_outstanding(const struct vcrypto_qp *qp);
/*
 * Free whatever the queue pair holds: only once the device is reset, as
 * it may write into bounce buffers of ops in flight.
 */
void vcrypto_qp_free(struct rte_cryptodev *dev, uint16_t qp_id);

uint16_t vcrypto_enqueue_burst(void *qp, struct rte_crypto_op **ops,
			       uint16_t nb_ops);
uint16_t vcrypto_enqueue_burst_indirect(void *qp, struct rte_crypto_op **ops,
					uint16_t nb_ops);
uint16_t vcrypto_dequeue_burst(void *qp, struct rte_crypto_op **ops,
			       uint16_t nb_ops);
uint16_t vcrypto_enqueue_burst_packed(void *qp, struct rte_crypto_op **ops,
				      uint16_t nb_ops);
uint16_t vcrypto_dequeue_burst_packed(void *qp, struct rte_crypto_op **ops,
				      uint16_t nb_ops);

/*
 * The burst functions for the device as configured: by ring layout, and
 * with the fast path when every data queue has indirect tables it fits
 * in (hw->fast_burst).
 */
void vcrypto_pick_bursts(const struct vcrypto_hw *hw,
			 enqueue_pkt_burst_t *enqueue,
			 dequeue_pkt_burst_t *dequeue);

#endif /* VIRTIO_CRYPTO_QP_H */
