/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The fast path on split rings: ops in, requests on the data virtqueue,
 * one notification per burst; completions out with their status
 * checked. It allocates nothing, takes no lock and makes no system call.
 */

#include "virtio_crypto_datapath.h"
#include "virtio_crypto_sym_fast.h"

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
	struct rte_mbuf *src, *dst;
	const struct vcrypto_session *s =
		fast_op(op, fb->driver_id, fb->generation, &src, &dst);
	struct vq_slot_mem mem;
	uint32_t writable;
	uint16_t slot, n;

	if (unlikely(s == NULL))
		return false;
	slot = vq_split_burst_slot(&fb->vb);
	mem = vq_split_burst_slot_mem(&fb->vb, slot);
	n = vcrypto_fast_encode(s, op, src, dst, mem.priv, mem.priv_iova,
				false, &writable);
	if (unlikely(n == 0))
		return false;
	vq_split_burst_post(&fb->vb, slot, vcrypto_fast_table_iova(mem),
			    n, writable, op);
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
		return vcrypto_dp_enqueue_dead(qp, ops, nb_ops);
	/* Fast posts take one descriptor each; generic ones, maybe more. */
	room = burst_start_room(qp, vq->num_free, vq->in_flight, nb_ops);
	fast_burst_begin(qp, &fb, generation);
	for (i = 0; i < room; i++) {
		if (likely(post_fast(&fb, ops[i])))
			continue;
		/* The generic path uses the queue itself: hand it over. */
		vq_split_burst_end(vq, &fb.vb);
		taken = vcrypto_dp_enqueue_generic(qp, ops[i], generation);
		fast_burst_begin(qp, &fb, generation);
		if (!taken)
			break;
		room = burst_room(qp, vq->num_free, vq->in_flight,
				  nb_ops - i - 1) + i + 1;
	}
	vq_split_burst_end(vq, &fb.vb);
	if (vq_split_publish(vq))
		notify_device(qp, vq->notify_arg);
	vq_count(&qp->stats.enqueued_count, i);
	return (uint16_t)i;
}

/*
 * Split rings with indirect tables: single-segment ops straight into
 * their slot's table, the others the generic way. Chosen once when the
 * device is configured.
 */
uint16_t
vcrypto_enqueue_burst_indirect(void *qpv, struct rte_crypto_op **ops,
			       uint16_t nb_ops)
{
	/* An empty burst (crypto-perf's warm-up calls one per op). */
	if (unlikely(nb_ops == 0))
		return 0;
	return enqueue_fast_burst(qpv, ops, nb_ops);
}

/* Completions into ops[], statuses checked; returns the count. */
static __rte_always_inline uint16_t
complete_burst(struct vcrypto_qp *qp, struct rte_crypto_op **ops,
	       uint16_t max)
{
	struct vq_split *vq = qp->vq;
	const uint8_t *priv = vq_split_slot_priv(vq, 0);
	const struct vcrypto_op_meta *metas = qp->meta;
	uint32_t stride = vq->area.stride;
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

uint16_t
vcrypto_dequeue_burst(void *qpv, struct rte_crypto_op **ops, uint16_t nb_ops)
{
	struct vcrypto_qp *qp = qpv;
	struct vq_split *vq = qp->vq;

	return dequeue_frame(qp, ops, nb_ops, vq_split_has_used(vq),
			     &vq->broken, &vq->in_flight, complete_burst);
}
