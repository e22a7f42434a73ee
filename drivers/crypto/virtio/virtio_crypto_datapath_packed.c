/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The fast path on packed rings (VIRTIO_F_RING_PACKED): single-segment
 * ops written straight into their slot's table in the packed layout, one
 * publish and at most one notification per burst; completions harvested
 * in chunks and checked as on split rings. It allocates nothing, takes
 * no lock and makes no system call.
 */

#include "virtio_crypto_datapath.h"
#include "virtio_crypto_sym_fast.h"

/* One op into the next free slot's table; false: the generic path's. */
static __rte_always_inline bool
post_fast(struct vcrypto_qp *qp, struct vq_packed *vq, uint32_t generation,
	  struct rte_crypto_op *op)
{
	struct rte_mbuf *src, *dst;
	const struct vcrypto_session *s =
		fast_op(op, qp->driver_id, generation, &src, &dst);
	struct vq_slot_mem mem;
	uint32_t writable;
	uint16_t slot, n;

	if (unlikely(s == NULL))
		return false;
	/* The caller checked the room: a slot is free. */
	slot = (uint16_t)vq_packed_next_slot(vq);
	mem = vq_packed_slot_mem(vq, slot);
	n = vcrypto_fast_encode(s, op, src, dst, mem.priv, mem.priv_iova,
				true, &writable);
	if (unlikely(n == 0))
		return false;
	vq_packed_post_table(vq, slot, vcrypto_fast_table_iova(mem), n,
			     writable, op);
	posted(qp->meta, s, op, slot);
	return true;
}

static __rte_noinline uint16_t
enqueue_fast_burst(struct vcrypto_qp *qp, struct rte_crypto_op **ops,
		   uint16_t nb_ops)
{
	struct vq_packed *vq = qp->pvq;
	uint32_t generation = qp->hw->generation;
	unsigned int i, room;

	if (unlikely(qp_dead(qp)))
		return vcrypto_dp_enqueue_dead(qp, ops, nb_ops);
	/* Fast posts take one descriptor each; generic ones, maybe more. */
	room = burst_start_room(qp, vq->num_free, vq->in_flight, nb_ops);
	for (i = 0; i < room; i++) {
		if (likely(post_fast(qp, vq, generation, ops[i])))
			continue;
		if (!vcrypto_dp_enqueue_generic(qp, ops[i], generation))
			break;
		room = burst_room(qp, vq->num_free, vq->in_flight,
				  nb_ops - i - 1) + i + 1;
	}
	if (vq_packed_publish(vq))
		notify_device(qp, vq->notify_arg);
	vq_count(&qp->stats.enqueued_count, i);
	return (uint16_t)i;
}

/* Packed rings with indirect tables; chosen once at configure. */
uint16_t
vcrypto_enqueue_burst_packed(void *qpv, struct rte_crypto_op **ops,
			     uint16_t nb_ops)
{
	/* An empty burst (crypto-perf's warm-up calls one per op). */
	if (unlikely(nb_ops == 0))
		return 0;
	return enqueue_fast_burst(qpv, ops, nb_ops);
}

/* Completions into ops[], in chunks, statuses checked. */
static __rte_always_inline uint16_t
complete_burst(struct vcrypto_qp *qp, struct rte_crypto_op **ops,
	       uint16_t max)
{
	struct vq_packed *vq = qp->pvq;
	const uint8_t *priv = vq_packed_slot_mem(vq, 0).priv;
	const struct vcrypto_op_meta *metas = qp->meta;
	uint32_t stride = vq->area.stride;
	struct vq_done done[DEQUEUE_CHUNK];
	uint16_t n = 0, got, want, i;

	do {
		want = RTE_MIN(max - n, DEQUEUE_CHUNK);
		got = vq_packed_harvest(vq, done, want);
		for (i = 0; i < got; i++) {
			complete_one(qp, &done[i], priv, stride, metas);
			ops[n++] = done[i].cookie;
		}
	} while (got == want && n < max);
	return n;
}

uint16_t
vcrypto_dequeue_burst_packed(void *qpv, struct rte_crypto_op **ops,
			     uint16_t nb_ops)
{
	struct vcrypto_qp *qp = qpv;
	struct vq_packed *vq = qp->pvq;

	return dequeue_frame(qp, ops, nb_ops, vq_packed_has_used(vq),
			     &vq->broken, &vq->in_flight, complete_burst);
}
