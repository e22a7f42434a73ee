/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The data path's slow parts, for either ring layout: generic posts
 * through the session's encoder, the burst that uses only them, failing
 * ops on a dead device, handing back a broken queue's ops, and giving up
 * on a silent device. The fast paths are in virtio_crypto_datapath_split.c
 * and _packed.c.
 */

#include <errno.h>

#include <rte_cycles.h>

#include "virtio_crypto_datapath.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_queue.h"

/* Empty polls between clock reads while waiting for a silent device. */
#define SILENCE_POLLS 256

/*
 * Any op: a buffer list, checked and posted by the engine. 1 if posted,
 * 0 if the ring has no room for it now, or a negated op status.
 */
static int
post_generic(struct vcrypto_qp *qp, const struct vcrypto_session *s,
	     struct rte_crypto_op *op, uint16_t slot)
{
	struct vq_buf bufs[VCRYPTO_DATA_INDIRECT_MAX];
	struct vq_slot_mem mem = vcrypto_queue_slot_mem(qp->q, slot);
	int n;

	if (qp->bounce != NULL) {
		qp->lim.bounce = qp->bounce + (size_t)slot * VCRYPTO_BOUNCE_SIZE;
		qp->lim.bounce_iova = qp->bounce_iova[slot];
	}
	n = vcrypto_encoders[s->encoder](s, op, mem.priv, mem.priv_iova, bufs,
					 &qp->lim);
	if (unlikely(n < 0))
		return n;
	n = vcrypto_queue_post(qp->q, bufs, n, op);
	if (unlikely(n < 0))
		return n == -ENOSPC ? 0 : -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	posted(qp->meta, s, op, slot);
	return 1;
}

/* An asymmetric op, framed by its service; as post_generic(). */
static int
post_akcipher(struct vcrypto_qp *qp, struct rte_crypto_op *op, uint16_t slot,
	      uint32_t generation)
{
	struct vq_buf bufs[VCRYPTO_AKCIPHER_BUFS];
	struct vcrypto_op_meta meta;
	int n;

	n = vcrypto_akcipher_encode(qp, op, generation, slot, bufs, &meta);
	if (unlikely(n < 0))
		return n;
	n = vcrypto_queue_post(qp->q, bufs, n, op);
	if (unlikely(n < 0))
		return n == -ENOSPC ? 0 : -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	qp->meta[slot] = meta;
	op->status = RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
	return 1;
}

/* Out of line: the fast loops keep their registers. */
__rte_noinline bool
vcrypto_dp_enqueue_generic(struct vcrypto_qp *qp, struct rte_crypto_op *op,
			   uint32_t generation)
{
	const struct vcrypto_session *s;
	int slot = vcrypto_queue_next_slot(qp->q);
	int ret;

	if (unlikely(failed_full(qp) || slot < 0))
		return false;
	s = op_session(qp, op, generation);
	if (op->type == RTE_CRYPTO_OP_TYPE_ASYMMETRIC) {
		ret = post_akcipher(qp, op, (uint16_t)slot, generation);
	} else if (unlikely(s == NULL)) {
		fail_op(qp, op, op->type != RTE_CRYPTO_OP_TYPE_SYMMETRIC ?
			RTE_CRYPTO_OP_STATUS_INVALID_ARGS :
			RTE_CRYPTO_OP_STATUS_INVALID_SESSION);
		return true;
	} else {
		ret = post_generic(qp, s, op, (uint16_t)slot);
	}
	if (ret == 0)
		return false;
	if (unlikely(ret < 0))
		fail_op(qp, op, (enum rte_crypto_op_status)-ret);
	return true;
}

__rte_noinline void
vcrypto_dp_complete_other(struct vcrypto_qp *qp, const struct vq_done *d,
			  const struct vcrypto_data_slot *slot,
			  struct vcrypto_op_meta meta, uint8_t status)
{
	struct rte_crypto_op *op = d->cookie;

	if (unlikely(meta.verify_len == VCRYPTO_VERIFY_AKCIPHER)) {
		if (vcrypto_akcipher_complete(qp, d, status, meta.akcipher))
			return;
	} else if (d->flags == 0 && status == VIRTIO_CRYPTO_OK) {
		if (digest_equal(op->sym->auth.digest.data, slot->digest,
				 RTE_MIN(meta.verify_len, VCRYPTO_MAX_DIGEST))) {
			op->status = RTE_CRYPTO_OP_STATUS_SUCCESS;
			return;
		}
		op->status = RTE_CRYPTO_OP_STATUS_AUTH_FAILED;
	} else {
		op->status = d->flags != 0 ? RTE_CRYPTO_OP_STATUS_ERROR :
			device_status(meta, status);
	}
	vq_count(&qp->stats.dequeue_err_count, 1);
}

__rte_noinline uint16_t
vcrypto_dp_enqueue_dead(struct vcrypto_qp *qp, struct rte_crypto_op **ops,
			uint16_t nb_ops)
{
	uint16_t i;

	for (i = 0; i < nb_ops && !failed_full(qp); i++)
		fail_op(qp, ops[i], RTE_CRYPTO_OP_STATUS_ERROR);
	vq_count(&qp->stats.enqueued_count, i);
	return i;
}

/*
 * Any ring layout, without indirect tables for the fast path: every op
 * the generic way.
 */
uint16_t
vcrypto_enqueue_burst(void *qpv, struct rte_crypto_op **ops, uint16_t nb_ops)
{
	struct vcrypto_qp *qp = qpv;
	struct vcrypto_queue *q = qp->q;
	uint32_t generation = qp->hw->generation;
	uint16_t i;

	/* An empty burst (crypto-perf's warm-up calls one per op). */
	if (unlikely(nb_ops == 0))
		return 0;
	if (unlikely(qp_dead(qp)))
		return vcrypto_dp_enqueue_dead(qp, ops, nb_ops);
	if (burst_start_room(qp, vcrypto_queue_num_free(q),
			     vcrypto_queue_in_flight(q), nb_ops) == 0)
		return 0;
	for (i = 0; i < nb_ops; i++)
		if (burst_room(qp, vcrypto_queue_num_free(q),
			       vcrypto_queue_in_flight(q), 1) == 0 ||
		    !vcrypto_dp_enqueue_generic(qp, ops[i], generation))
			break;
	if (vcrypto_queue_publish(q))
		notify_device(qp, vcrypto_queue_notify_arg(q));
	vq_count(&qp->stats.enqueued_count, i);
	return i;
}

uint16_t
vcrypto_dp_reclaim_broken(struct vcrypto_qp *qp, struct rte_crypto_op **ops,
			  uint16_t max)
{
	struct vq_done done[DEQUEUE_CHUNK];
	uint16_t i, n;

	/* Only a reset (reconfigure) makes the device usable again. */
	__atomic_store_n(&qp->hw->broken, true, __ATOMIC_RELAXED);
	/*
	 * The device may still write into these ops' buffers: hand them
	 * back only once it is reset (a device that does not reset keeps
	 * them; the application gets them back from no dequeue, but never
	 * memory the device still writes to).
	 */
	if (unlikely(!vcrypto_hw_quiesced(qp->hw)))
		return 0;
	n = vcrypto_queue_reclaim(qp->q, done, RTE_MIN(max, DEQUEUE_CHUNK));
	for (i = 0; i < n; i++) {
		ops[i] = done[i].cookie;
		ops[i]->status = RTE_CRYPTO_OP_STATUS_ERROR;
	}
	vq_count(&qp->stats.dequeue_err_count, n);
	return n;
}

/*
 * Nothing completed while ops are in flight: past the timeout the device
 * is taken for dead (a time-stamp read, no system call, and only then).
 */
void
vcrypto_dp_check_silence(struct vcrypto_qp *qp)
{
	uint64_t now;

	/* Reading the clock costs more than a poll: not on every one. */
	if (++qp->empty_polls % SILENCE_POLLS != 0)
		return;
	now = rte_get_timer_cycles();

	if (qp->silent_since == 0) {
		qp->silent_since = now;
		return;
	}
	if (now - qp->silent_since < qp->stall_cycles)
		return;
	VCRYPTO_DEV_LOG(ERR, qp->hw->name,
		"queue pair %u: device silent with %u ops in flight, giving up",
		qp->id, vcrypto_queue_in_flight(qp->q));
	vcrypto_queue_break(qp->q);
	__atomic_store_n(&qp->hw->broken, true, __ATOMIC_RELAXED);
}

void
vcrypto_pick_bursts(const struct vcrypto_hw *hw, enqueue_pkt_burst_t *enqueue,
		    dequeue_pkt_burst_t *dequeue)
{
	bool packed = vcrypto_hw_has_feature(hw, VIRTIO_F_RING_PACKED);

	if (!hw->fast_burst)
		*enqueue = vcrypto_enqueue_burst;
	else if (packed)
		*enqueue = vcrypto_enqueue_burst_packed;
	else
		*enqueue = vcrypto_enqueue_burst_indirect;
	*dequeue = packed ? vcrypto_dequeue_burst_packed :
		vcrypto_dequeue_burst;
}
