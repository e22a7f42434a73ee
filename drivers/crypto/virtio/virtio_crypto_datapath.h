/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_DATAPATH_H
#define VIRTIO_CRYPTO_DATAPATH_H

/*
 * What the burst functions of both ring layouts share: session checks,
 * the failed-op queue, completion statuses, and the frame of a dequeue.
 * Each layout has its own file with its fast enqueue and its harvest
 * (virtio_crypto_datapath_split.c, _packed.c); the generic posts, the
 * dead-device paths and the silence check are in
 * virtio_crypto_datapath.c.
 */

#include <cryptodev_pmd.h>
#include <rte_branch_prediction.h>

#include "virtio_crypto_akcipher.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_local.h"
#include "virtio_crypto_qp.h"
#include "virtio_crypto_req.h"
#include "virtio_crypto_session.h"

#define DEQUEUE_CHUNK 32

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
	vq_count(&qp->stats.enqueue_err_count, 1);
}

/*
 * The op's session, if it is one of ours and valid on this device now: a
 * cleared session has generation 0, and generations are unique across
 * devices and resets. fast: and the fast path takes its ops (only such
 * sessions have a fast_generation).
 */
static __rte_always_inline const struct vcrypto_session *
session_of(const struct rte_crypto_op *op, uint8_t driver_id,
	   uint32_t generation, bool fast)
{
	const struct rte_cryptodev_sym_session *sess = op->sym->session;
	const struct vcrypto_session *s;

	if (unlikely(op->type != RTE_CRYPTO_OP_TYPE_SYMMETRIC ||
		     op->sess_type != RTE_CRYPTO_OP_WITH_SESSION ||
		     sess == NULL || sess->driver_id != driver_id))
		return NULL;
	s = CRYPTODEV_GET_SYM_SESS_PRIV(sess);
	if (unlikely((fast ? s->fast_generation : s->generation) !=
		     generation))
		return NULL;
	return s;
}

static __rte_always_inline const struct vcrypto_session *
op_session(const struct vcrypto_qp *qp, const struct rte_crypto_op *op,
	   uint32_t generation)
{
	return session_of(op, qp->driver_id, generation, false);
}

/*
 * The op's session if the fast path takes the op (a valid session of
 * ours that allows it, single-segment mbufs), with its source and
 * destination; NULL if the generic path must.
 */
static __rte_always_inline const struct vcrypto_session *
fast_op(struct rte_crypto_op *op, uint8_t driver_id, uint32_t generation,
	struct rte_mbuf **src, struct rte_mbuf **dst)
{
	const struct vcrypto_session *s =
		session_of(op, driver_id, generation, true);

	if (unlikely(s == NULL))
		return NULL;
	*src = op->sym->m_src;
	if (unlikely(*src == NULL))
		return NULL;
	*dst = op->sym->m_dst != NULL ? op->sym->m_dst : *src;
	if (unlikely(((*src)->nb_segs | (*dst)->nb_segs) != 1))
		return NULL;
	return s;
}

/* Posted: what dequeue needs (meta: the queue pair's), the op marked. */
static __rte_always_inline void
posted(struct vcrypto_op_meta *meta, const struct vcrypto_session *s,
       struct rte_crypto_op *op, uint16_t slot)
{
	meta[slot] = s->meta;
	op->status = RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
}

/* Only dequeue and the control path break things: checked once a burst. */
static inline bool
qp_dead(const struct vcrypto_qp *qp)
{
	return __atomic_load_n(qp->broken, __ATOMIC_RELAXED) ||
		__atomic_load_n(&qp->hw->device_failed, __ATOMIC_RELAXED);
}

/*
 * After a publish that asked for it: notify the device through this
 * process's own function and mapping (the queue is shared by processes).
 */
static inline void
notify_device(const struct vcrypto_qp *qp, void *notify_arg)
{
	vq_notify_fn notify = vcrypto_locals[qp->dev_id].notify;

	if (likely(notify != NULL))
		notify(notify_arg);
}

/* Ops of a burst of nb_ops that one descriptor each leaves room for. */
static inline uint16_t
burst_room(const struct vcrypto_qp *qp, uint16_t num_free, uint16_t in_flight,
	   uint16_t nb_ops)
{
	uint16_t room = in_flight >= qp->max_inflight ? 0 :
		RTE_MIN(num_free, qp->max_inflight - in_flight);

	return RTE_MIN(room, nb_ops);
}

/*
 * Room for the start of a burst. A queue that is nearly full and has a
 * batch in flight takes a burst only once it fits or a batch's worth of
 * room is free: the device has work meanwhile, and each op it completes
 * would otherwise bring one op in, with the ring's avail index (and the
 * line it shares with the avail flags the device reads at every
 * completion) written op by op. Profiled on QEMU's builtin device, those
 * reads were where the device's time per op grew in slow boots.
 */
#define VCRYPTO_ENQ_BATCH 32

static inline uint16_t
burst_start_room(const struct vcrypto_qp *qp, uint16_t num_free,
		 uint16_t in_flight, uint16_t nb_ops)
{
	uint16_t room = burst_room(qp, num_free, in_flight, nb_ops);

	if (room < nb_ops && room < VCRYPTO_ENQ_BATCH &&
	    in_flight >= VCRYPTO_ENQ_BATCH)
		return 0;
	return room;
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

/*
 * Every completion but a plain success: digests to compare, asymmetric
 * ops (their verify_len is VCRYPTO_VERIFY_AKCIPHER), failures. Out of
 * line, so that the harvest loops carry only the common case.
 */
void vcrypto_dp_complete_other(struct vcrypto_qp *qp, const struct vq_done *d,
			       const struct vcrypto_data_slot *slot,
			       struct vcrypto_op_meta meta, uint8_t status);

/*
 * An op's status from its completion. priv and stride locate the slot
 * areas: read once a burst, as the status stores could alias the queue.
 */
static __rte_always_inline void
complete_one(struct vcrypto_qp *qp, const struct vq_done *d,
	     const uint8_t *priv, uint32_t stride,
	     const struct vcrypto_op_meta *metas)
{
	struct rte_crypto_op *op = d->cookie;
	const struct vcrypto_data_slot *slot = (const void *)
		(priv + (size_t)d->slot * stride);
	struct vcrypto_op_meta meta = metas[d->slot];
	uint8_t status = slot->inhdr.status;

	if (likely(d->flags == 0 && status == VIRTIO_CRYPTO_OK &&
		   meta.verify_len == 0)) {
		op->status = RTE_CRYPTO_OP_STATUS_SUCCESS;
		return;
	}
	vcrypto_dp_complete_other(qp, d, slot, meta, status);
}

/*
 * Encode and post one op the generic way, or fail it; false when the
 * ring (or the failed-op queue) is full and it was neither.
 */
bool vcrypto_dp_enqueue_generic(struct vcrypto_qp *qp,
				struct rte_crypto_op *op, uint32_t generation);
/* The device cannot be trusted with more requests: fail what fits. */
uint16_t vcrypto_dp_enqueue_dead(struct vcrypto_qp *qp,
				 struct rte_crypto_op **ops, uint16_t nb_ops);
/* A queue the device broke: its ops come back failed, none is lost. */
uint16_t vcrypto_dp_reclaim_broken(struct vcrypto_qp *qp,
				   struct rte_crypto_op **ops, uint16_t max);
/* Nothing completed while ops are in flight: maybe give the device up. */
void vcrypto_dp_check_silence(struct vcrypto_qp *qp);

/*
 * The frame of a dequeue: failed ops first, then completions (complete:
 * the layout's harvest), the silence check, and a broken queue's ops.
 * has_used: the layout's cheap look at the ring; broken and in_flight:
 * its engine's fields.
 */
static __rte_always_inline uint16_t
dequeue_frame(struct vcrypto_qp *qp, struct rte_crypto_op **ops,
	      uint16_t nb_ops, bool has_used, const bool *broken,
	      const uint16_t *in_flight,
	      uint16_t (*complete)(struct vcrypto_qp *qp,
				   struct rte_crypto_op **ops, uint16_t max))
{
	uint16_t n, failed;

	/* Nothing failed, nothing completed: the common empty poll. */
	if (qp->failed_head == qp->failed_tail && !has_used &&
	    likely(!*broken)) {
		if (__atomic_load_n(in_flight, __ATOMIC_RELAXED) != 0 &&
		    qp->stall_cycles != 0)
			vcrypto_dp_check_silence(qp);
		return 0;
	}
	n = failed = drain_failed(qp, ops, nb_ops);
	if (n < nb_ops)
		n += complete(qp, ops + n, nb_ops - n);
	/* Silence counts only when the ring was looked at. */
	if (n != failed || __atomic_load_n(in_flight, __ATOMIC_RELAXED) == 0)
		qp->silent_since = qp->empty_polls = 0;
	else if (failed < nb_ops && qp->stall_cycles != 0)
		vcrypto_dp_check_silence(qp);
	if (unlikely(*broken) && n < nb_ops)
		n += vcrypto_dp_reclaim_broken(qp, ops + n, nb_ops - n);
	vq_count(&qp->stats.dequeued_count, n);
	return n;
}

#endif /* VIRTIO_CRYPTO_DATAPATH_H */
