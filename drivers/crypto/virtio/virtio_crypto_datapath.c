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
#include "virtio_crypto_local.h"
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

/* Posted: what dequeue needs (meta: the queue pair's), the op marked. */
static __rte_always_inline void
posted(struct vcrypto_op_meta *meta, const struct vcrypto_session *s,
       struct rte_crypto_op *op, uint16_t slot)
{
	meta[slot] = s->meta;
	op->status = RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
}

/*
 * Any op: a buffer list, checked and posted by the engine. 1 if posted,
 * 0 if the ring has no room for it now, or a negated op status.
 */
static int
post_generic(struct vcrypto_qp *qp, const struct vcrypto_session *s,
	     struct rte_crypto_op *op, uint16_t slot)
{
	struct vq_buf bufs[VCRYPTO_DATA_INDIRECT_MAX];
	struct vq_split *vq = qp->vq;
	int n;

	if (qp->bounce != NULL) {
		qp->lim.bounce = qp->bounce + (size_t)slot * VCRYPTO_BOUNCE_SIZE;
		qp->lim.bounce_iova = qp->bounce_iova[slot];
	}
	n = vcrypto_encoders[s->encoder](s, op, vq_split_slot_priv(vq, slot),
		      vq_split_slot_priv_iova(vq, slot), bufs, &qp->lim);
	if (unlikely(n < 0))
		return n;
	n = vq_split_post(vq, bufs, n, op);
	if (unlikely(n < 0))
		return n == -ENOSPC ? 0 : -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	posted(qp->meta, s, op, slot);
	return 1;
}

/*
 * Encode and post one op the generic way, or fail it; false when the
 * ring (or the failed-op queue) is full and it was neither. Out of line:
 * the fast loop keeps its registers.
 */
static __rte_noinline bool
enqueue_generic(struct vcrypto_qp *qp, struct rte_crypto_op *op,
		uint32_t generation)
{
	const struct vcrypto_session *s;
	int slot = vq_split_next_slot(qp->vq);
	int ret;

	if (unlikely(failed_full(qp) || slot < 0))
		return false;
	s = op_session(qp, op, generation);
	if (unlikely(s == NULL)) {
		fail_op(qp, op, op->type != RTE_CRYPTO_OP_TYPE_SYMMETRIC ?
			RTE_CRYPTO_OP_STATUS_INVALID_ARGS :
			RTE_CRYPTO_OP_STATUS_INVALID_SESSION);
		return true;
	}
	ret = post_generic(qp, s, op, (uint16_t)slot);
	if (ret == 0)
		return false;
	if (unlikely(ret < 0))
		fail_op(qp, op, (enum rte_crypto_op_status)-ret);
	return true;
}

/* The device cannot be trusted with more requests: fail what fits. */
static __rte_noinline uint16_t
enqueue_dead(struct vcrypto_qp *qp, struct rte_crypto_op **ops,
	     uint16_t nb_ops)
{
	uint16_t i;

	for (i = 0; i < nb_ops && !failed_full(qp); i++)
		fail_op(qp, ops[i], RTE_CRYPTO_OP_STATUS_ERROR);
	vq_count(&qp->stats.enqueued_count, i);
	return i;
}

static inline bool
ring_room(const struct vcrypto_qp *qp, const struct vq_split *vq)
{
	return vq->num_free != 0 && vq->in_flight < qp->max_inflight;
}

/* Ops of a burst of nb_ops that one descriptor each leaves room for. */
static inline uint16_t
burst_room(const struct vcrypto_qp *qp, const struct vq_split *vq,
	   uint16_t nb_ops)
{
	uint16_t room = vq->in_flight >= qp->max_inflight ? 0 :
		RTE_MIN(vq->num_free, qp->max_inflight - vq->in_flight);

	return RTE_MIN(room, nb_ops);
}

/*
 * Publish a burst; notify the device, if it wants it, through this
 * process's own function and mapping (the queue is shared by processes).
 */
static inline void
kick(const struct vcrypto_qp *qp)
{
	vq_notify_fn notify;

	if (!vq_split_publish(qp->vq))
		return;
	notify = vcrypto_locals[qp->dev_id].notify;
	if (likely(notify != NULL))
		notify(qp->vq->notify_arg);
}

/* Only dequeue and the control path break things: checked once a burst. */
static inline bool
qp_dead(const struct vcrypto_qp *qp)
{
	return __atomic_load_n(&qp->vq->broken, __ATOMIC_RELAXED) ||
		__atomic_load_n(&qp->hw->device_failed, __ATOMIC_RELAXED);
}

static __rte_noinline uint16_t
enqueue_generic_burst(struct vcrypto_qp *qp, struct rte_crypto_op **ops,
		      uint16_t nb_ops)
{
	uint32_t generation = qp->hw->generation;
	uint16_t i;

	if (unlikely(qp_dead(qp)))
		return enqueue_dead(qp, ops, nb_ops);
	for (i = 0; i < nb_ops; i++)
		if (!ring_room(qp, qp->vq) ||
		    !enqueue_generic(qp, ops[i], generation))
			break;
	kick(qp);
	vq_count(&qp->stats.enqueued_count, i);
	return i;
}

/*
 * What the fast loop keeps for a burst, in a local: the queue's layout
 * and indices (vq_split_burst), the per-slot metadata array and the
 * session check's constants. The op, table and slot stores of each post
 * cannot alias it, so none of it is reloaded op after op.
 */
struct fast_burst {
	struct vq_split_burst vb;
	struct vcrypto_op_meta *meta;
	uint32_t generation;
	uint8_t driver_id;
};

static __rte_always_inline void
fast_burst_begin(struct vcrypto_qp *qp, struct fast_burst *fb,
		 uint32_t generation)
{
	vq_split_burst_begin(qp->vq, &fb->vb);
	fb->meta = qp->meta;
	fb->generation = generation;
	fb->driver_id = qp->driver_id;
}

/*
 * Single-segment cipher and chained ops, straight into the slot's
 * indirect table; false if the generic path must take the op.
 */
static __rte_always_inline bool
post_fast(struct fast_burst *fb, struct rte_crypto_op *op)
{
	const struct vcrypto_session *s =
		session_of(op, fb->driver_id, fb->generation, true);
	struct rte_mbuf *src, *dst;
	struct vq_slot_mem mem;
	uint32_t writable;
	uint16_t slot, n;

	if (unlikely(s == NULL))
		return false;
	src = op->sym->m_src;
	if (unlikely(src == NULL))
		return false;
	dst = op->sym->m_dst != NULL ? op->sym->m_dst : src;
	if (unlikely((src->nb_segs | dst->nb_segs) != 1))
		return false;
	slot = vq_split_burst_slot(&fb->vb);
	mem = vq_split_burst_slot_mem(&fb->vb, slot);
	n = vcrypto_fast_encode(s, op, src, dst, mem.priv, mem.priv_iova,
				mem.table, &writable);
	if (unlikely(n == 0))
		return false;
	vq_split_burst_post(&fb->vb, slot, mem.table_iova, n, writable, op);
	posted(fb->meta, s, op, slot);
	return true;
}

static __rte_noinline uint16_t
enqueue_fast_burst(struct vcrypto_qp *qp, struct rte_crypto_op **ops,
		   uint16_t nb_ops)
{
	struct vq_split *vq = qp->vq;
	uint32_t generation = qp->hw->generation;
	struct fast_burst fb;
	unsigned int i, room;
	bool taken;

	if (unlikely(qp_dead(qp)))
		return enqueue_dead(qp, ops, nb_ops);
	/* Fast posts take one descriptor each; generic ones, maybe more. */
	room = burst_room(qp, vq, nb_ops);
	fast_burst_begin(qp, &fb, generation);
	for (i = 0; i < room; i++) {
		if (likely(post_fast(&fb, ops[i])))
			continue;
		/* The generic path uses the queue itself: hand it over. */
		vq_split_burst_end(vq, &fb.vb);
		taken = enqueue_generic(qp, ops[i], generation);
		fast_burst_begin(qp, &fb, generation);
		if (!taken)
			break;
		room = burst_room(qp, vq, nb_ops - i - 1) + i + 1;
	}
	vq_split_burst_end(vq, &fb.vb);
	kick(qp);
	vq_count(&qp->stats.enqueued_count, i);
	return (uint16_t)i;
}

/*
 * The burst functions, chosen once when the device is configured. An
 * empty burst (crypto-perf's warm-up calls one per op) costs a compare.
 */
uint16_t
vcrypto_enqueue_burst(void *qpv, struct rte_crypto_op **ops, uint16_t nb_ops)
{
	if (unlikely(nb_ops == 0))
		return 0;
	return enqueue_generic_burst(qpv, ops, nb_ops);
}

uint16_t
vcrypto_enqueue_burst_indirect(void *qpv, struct rte_crypto_op **ops,
			       uint16_t nb_ops)
{
	if (unlikely(nb_ops == 0))
		return 0;
	return enqueue_fast_burst(qpv, ops, nb_ops);
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

	if (likely(d->flags == 0 && status == VIRTIO_CRYPTO_OK)) {
		if (likely(meta.verify_len == 0) ||
		    digest_equal(op->sym->auth.digest.data, slot->digest,
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

/* Completions into ops[], statuses checked; returns the count. */
static __rte_always_inline uint16_t
complete_burst(struct vcrypto_qp *qp, struct rte_crypto_op **ops,
	       uint16_t max)
{
	struct vq_split *vq = qp->vq;
	const uint8_t *priv = vq_split_slot_priv(vq, 0);
	const struct vcrypto_op_meta *metas = qp->meta;
	uint32_t stride = vq->slot_stride;
	uint16_t pending = vq_split_used_pending(vq);
	struct vq_split_take t;
	uint16_t n = 0;
	struct vq_done d;

	if (pending == 0)
		return 0;
	vq_split_take_begin(vq, &t);
	for (pending = RTE_MIN(pending, max); pending > 0; pending--) {
		if (unlikely(!vq_split_take_next(vq, &t, &d)))
			continue;
		complete_one(qp, &d, priv, stride, metas);
		ops[n++] = d.cookie;
	}
	vq_split_take_end(vq, &t);
	if (n != 0)
		vq_split_used_event_update(vq);
	return n;
}

/* A queue the device broke: its ops come back failed, none is lost. */
static uint16_t
reclaim_broken(struct vcrypto_qp *qp, struct rte_crypto_op **ops, uint16_t max)
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
	n = vq_split_reclaim(qp->vq, done, RTE_MIN(max, DEQUEUE_CHUNK));
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
	vq_break(qp->vq);
	__atomic_store_n(&qp->hw->broken, true, __ATOMIC_RELAXED);
}

uint16_t
vcrypto_dequeue_burst(void *qpv, struct rte_crypto_op **ops, uint16_t nb_ops)
{
	struct vcrypto_qp *qp = qpv;
	struct vq_split *vq = qp->vq;
	uint16_t n, failed;

	/* Nothing failed, nothing completed: the common empty poll. */
	if (qp->failed_head == qp->failed_tail && !vq_split_has_used(vq) &&
	    likely(!vq->broken)) {
		if (vq_split_in_flight(vq) != 0 && qp->stall_cycles != 0)
			check_silence(qp);
		return 0;
	}
	n = failed = drain_failed(qp, ops, nb_ops);
	if (n < nb_ops)
		n += complete_burst(qp, ops + n, nb_ops - n);
	/* Silence counts only when the ring was looked at. */
	if (n != failed || vq_split_in_flight(vq) == 0)
		qp->silent_since = qp->empty_polls = 0;
	else if (failed < nb_ops && qp->stall_cycles != 0)
		check_silence(qp);
	if (unlikely(vq->broken) && n < nb_ops)
		n += reclaim_broken(qp, ops + n, nb_ops - n);
	vq_count(&qp->stats.dequeued_count, n);
	return n;
}
