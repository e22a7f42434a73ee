/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The fast path: ops in, requests on the data virtqueue, one notification
 * per burst; completions out with their status checked. It allocates
 * nothing, takes no lock and makes no system call.
 */

#include <errno.h>

#include <cryptodev_pmd.h>
#include <rte_branch_prediction.h>
#include <rte_cycles.h>

#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_qp.h"
#include "virtio_crypto_req.h"
#include "virtio_crypto_session.h"
#include "virtio_crypto_sym_fast.h"

#define DEQUEUE_CHUNK 32
/* Empty polls between clock reads while waiting for a silent device. */
#define SILENCE_POLLS 256

static inline bool
failed_full(const struct vcrypto_qp *qp)
{
	return (uint16_t)(qp->failed_tail - qp->failed_head) == qp->failed_size;
}

static inline void
fail_op(struct vcrypto_qp *qp, struct rte_crypto_op *op,
	enum rte_crypto_op_status status)
{
	op->status = status;
	qp->failed[qp->failed_tail++ & (qp->failed_size - 1)] = op;
	qp->stats.enqueue_err_count++;
}

/* The op's session, if it is one of ours and still valid on the device. */
static inline const struct vcrypto_session *
op_session(const struct vcrypto_qp *qp, const struct rte_crypto_op *op,
	   uint32_t generation)
{
	const struct rte_cryptodev_sym_session *sess = op->sym->session;
	const struct vcrypto_session *s;

	if (unlikely(op->sess_type != RTE_CRYPTO_OP_WITH_SESSION ||
		     sess == NULL || sess->driver_id != qp->driver_id))
		return NULL;
	s = CRYPTODEV_GET_SYM_SESS_PRIV(sess);
	if (unlikely(s->encode == NULL || s->generation != generation))
		return NULL;
	return s;
}

/*
 * Single-segment cipher and chained ops, straight into the slot's
 * indirect table: 1 if posted, 0 if the generic path must take the op,
 * or a negated op status.
 */
static __rte_always_inline int
post_fast(struct vcrypto_qp *qp, const struct vcrypto_session *s,
	  struct rte_crypto_op *op, uint16_t slot)
{
	struct vq_split *vq = qp->vq;
	struct vq_slot_mem mem = vq_split_slot_mem(vq, slot);
	uint32_t writable;
	int n;

	n = vcrypto_fast_encode(s, op, mem.priv, mem.priv_iova, mem.table,
				&qp->lim, &writable);
	if (likely(n > 0)) {
		vq_split_post_table(vq, slot, mem.table_iova, (uint16_t)n,
				    writable, op);
		return 1;
	}
	return n;
}

/* Any op: a buffer list, checked and posted by the engine. */
static int
post_generic(struct vcrypto_qp *qp, const struct vcrypto_session *s,
	     struct rte_crypto_op *op, uint16_t slot, struct vq_buf *bufs)
{
	struct vq_split *vq = qp->vq;
	int n;

	if (qp->bounce != NULL) {
		qp->lim.bounce = qp->bounce + (size_t)slot * VCRYPTO_BOUNCE_SIZE;
		qp->lim.bounce_iova = qp->bounce_iova[slot];
	}
	n = s->encode(s, op, vq_split_slot_priv(vq, slot),
		      vq_split_slot_priv_iova(vq, slot), bufs, &qp->lim);
	if (unlikely(n < 0))
		return n;
	n = vq_split_post(vq, bufs, n, op);
	if (unlikely(n < 0))
		return n == -ENOSPC ? 0 : -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	return 1;
}

/*
 * Encode and post one op; false when the ring is full and it was not.
 * With indirect descriptors the fast path is tried first (the burst
 * function is chosen once, when the device is configured).
 */
static __rte_always_inline bool
enqueue_one(struct vcrypto_qp *qp, struct rte_crypto_op *op, uint16_t slot,
	    uint32_t generation, struct vq_buf *bufs, bool indirect)
{
	const struct vcrypto_session *s;
	int ret = 0;

	if (unlikely(op->type != RTE_CRYPTO_OP_TYPE_SYMMETRIC)) {
		fail_op(qp, op, RTE_CRYPTO_OP_STATUS_INVALID_ARGS);
		return true;
	}
	s = op_session(qp, op, generation);
	if (unlikely(s == NULL)) {
		fail_op(qp, op, RTE_CRYPTO_OP_STATUS_INVALID_SESSION);
		return true;
	}
	if (indirect)
		ret = post_fast(qp, s, op, slot);
	if (unlikely(ret == 0)) {
		ret = post_generic(qp, s, op, slot, bufs);
		if (ret == 0)
			return false;
	}
	if (unlikely(ret < 0)) {
		fail_op(qp, op, (enum rte_crypto_op_status)-ret);
		return true;
	}
	qp->meta[slot] = s->meta;
	op->status = RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
	return true;
}

static __rte_always_inline uint16_t
enqueue_burst(void *qpv, struct rte_crypto_op **ops, uint16_t nb_ops,
	      bool indirect)
{
	struct vcrypto_qp *qp = qpv;
	struct vq_split *vq = qp->vq;
	struct vq_buf bufs[VCRYPTO_DATA_INDIRECT_MAX];
	uint32_t generation;
	bool dead;
	uint16_t i;
	int slot;

	/* A full ring is the common case of a busy application: leave now. */
	if (unlikely(vq->num_free == 0))
		return 0;
	generation = qp->hw->generation;
	/* Only dequeue and the control path break things: once a burst. */
	dead = vq->broken || qp->hw->device_failed;

	for (i = 0; i < nb_ops; i++) {
		if (unlikely(failed_full(qp)))
			break;
		if (unlikely(dead)) {
			/* The device cannot be trusted with more requests. */
			fail_op(qp, ops[i], RTE_CRYPTO_OP_STATUS_ERROR);
			continue;
		}
		slot = vq_split_next_slot(vq);
		if (slot < 0 || vq_split_in_flight(vq) >= qp->max_inflight)
			break;
		if (!enqueue_one(qp, ops[i], (uint16_t)slot, generation, bufs,
				 indirect))
			break;
	}
	vq_split_kick(vq);
	qp->stats.enqueued_count += i;
	return i;
}

uint16_t
vcrypto_enqueue_burst(void *qpv, struct rte_crypto_op **ops, uint16_t nb_ops)
{
	return enqueue_burst(qpv, ops, nb_ops, false);
}

uint16_t
vcrypto_enqueue_burst_indirect(void *qpv, struct rte_crypto_op **ops,
			       uint16_t nb_ops)
{
	return enqueue_burst(qpv, ops, nb_ops, true);
}

static inline enum rte_crypto_op_status
device_status(struct vcrypto_op_meta meta, uint8_t status)
{
	switch (status) {
	case VIRTIO_CRYPTO_OK:
		return RTE_CRYPTO_OP_STATUS_SUCCESS;
	case VIRTIO_CRYPTO_INVSESS:
		return RTE_CRYPTO_OP_STATUS_INVALID_SESSION;
	case VIRTIO_CRYPTO_BADMSG:
		/* The tag did not match; or, without one, a bad argument. */
		return meta.auth ? RTE_CRYPTO_OP_STATUS_AUTH_FAILED :
			RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	case VIRTIO_CRYPTO_ERR:
		return meta.device_verify ? RTE_CRYPTO_OP_STATUS_AUTH_FAILED :
			RTE_CRYPTO_OP_STATUS_ERROR;
	case VIRTIO_CRYPTO_NOTSUPP:
	default:
		/* Includes VCRYPTO_STATUS_UNSET: the device wrote nothing. */
		return RTE_CRYPTO_OP_STATUS_ERROR;
	}
}

static inline uint16_t
drain_failed(struct vcrypto_qp *qp, struct rte_crypto_op **ops, uint16_t max)
{
	uint16_t n = 0;

	while (n < max && qp->failed_head != qp->failed_tail)
		ops[n++] = qp->failed[qp->failed_head++ & (qp->failed_size - 1)];
	return n;
}

/* Compare digests in time independent of where they differ. */
static inline bool
digest_equal(const uint8_t *a, const volatile uint8_t *b, unsigned int len)
{
	uint8_t diff = 0;
	unsigned int i;

	for (i = 0; i < len; i++)
		diff |= a[i] ^ b[i];
	return diff == 0;
}

static inline void
complete_one(struct vcrypto_qp *qp, const struct vq_done *d)
{
	struct rte_crypto_op *op = d->cookie;
	const struct vcrypto_data_slot *slot =
		vq_split_slot_priv(qp->vq, d->slot);
	struct vcrypto_op_meta meta = qp->meta[d->slot];

	if (likely(d->flags == 0 && slot->inhdr.status == VIRTIO_CRYPTO_OK)) {
		if (likely(meta.verify_len == 0) ||
		    digest_equal(op->sym->auth.digest.data, slot->digest,
				 RTE_MIN(meta.verify_len, VCRYPTO_MAX_DIGEST))) {
			op->status = RTE_CRYPTO_OP_STATUS_SUCCESS;
			return;
		}
		op->status = RTE_CRYPTO_OP_STATUS_AUTH_FAILED;
	} else {
		op->status = d->flags != 0 ? RTE_CRYPTO_OP_STATUS_ERROR :
			device_status(meta, slot->inhdr.status);
	}
	qp->stats.dequeue_err_count++;
}

/* A queue the device broke: its ops come back failed, none is lost. */
static uint16_t
reclaim_broken(struct vcrypto_qp *qp, struct rte_crypto_op **ops, uint16_t max)
{
	struct vq_done done[DEQUEUE_CHUNK];
	uint16_t i, n;

	/* Only a reset (reconfigure) makes the device usable again. */
	qp->hw->broken = true;
	/*
	 * The device may still write into these ops' buffers: hand them
	 * back only once it is reset (a device that does not reset keeps
	 * them; the application gets them back from no dequeue, but never
	 * memory the device still writes to).
	 */
	if (unlikely(!vcrypto_hw_quiesced(qp->hw)))
		return 0;
	n = vq_split_reclaim(qp->vq, done, RTE_MIN(max, DEQUEUE_CHUNK));
	for (i = 0; i < n; i++) {
		ops[i] = done[i].cookie;
		ops[i]->status = RTE_CRYPTO_OP_STATUS_ERROR;
	}
	qp->stats.dequeue_err_count += n;
	return n;
}

/*
 * Nothing completed while ops are in flight: past the timeout the device
 * is taken for dead (a time-stamp read, no system call, and only then).
 */
static void
check_silence(struct vcrypto_qp *qp)
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
		qp->id, vq_split_in_flight(qp->vq));
	qp->vq->broken = true;
	qp->hw->broken = true;
}

uint16_t
vcrypto_dequeue_burst(void *qpv, struct rte_crypto_op **ops, uint16_t nb_ops)
{
	struct vcrypto_qp *qp = qpv;
	struct vq_done done[DEQUEUE_CHUNK];
	uint16_t n, i, got, want, failed;

	/* Nothing failed, nothing completed: the common empty poll. */
	if (qp->failed_head == qp->failed_tail && !vq_split_has_used(qp->vq) &&
	    likely(!qp->vq->broken)) {
		if (vq_split_in_flight(qp->vq) != 0 && qp->stall_cycles != 0)
			check_silence(qp);
		return 0;
	}
	n = failed = drain_failed(qp, ops, nb_ops);
	while (n < nb_ops) {
		want = RTE_MIN(nb_ops - n, DEQUEUE_CHUNK);
		got = vq_split_harvest(qp->vq, done, want);
		for (i = 0; i < got; i++) {
			complete_one(qp, &done[i]);
			ops[n++] = done[i].cookie;
		}
		if (got < want)
			break;
	}
	/* Silence counts only when the ring was looked at. */
	if (n != failed || vq_split_in_flight(qp->vq) == 0)
		qp->silent_since = qp->empty_polls = 0;
	else if (failed < nb_ops && qp->stall_cycles != 0)
		check_silence(qp);
	if (unlikely(qp->vq->broken) && n < nb_ops)
		n += reclaim_broken(qp, ops + n, nb_ops - n);
	qp->stats.dequeued_count += n;
	return n;
}
