/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_SYM_FAST_H
#define VIRTIO_CRYPTO_SYM_FAST_H

/*
 * The common case, written straight into the slot's indirect table: a
 * cipher-only or chained op on single-segment mbufs. Same framing as the
 * generic encoders (header | IV | src | dst | [digest] | status, one
 * field an entry), without a buffer list in between and without the
 * engine's generic chain checks: the order and flags are right by
 * construction here. It only says yes or no: an op it does not take,
 * for whatever reason, goes to the generic encoder, which takes it or
 * fails it with the right status.
 */

#include <string.h>

#include <rte_mbuf.h>

#include "virtio_crypto_sym.h"

/* Entry i of a table, followed by entry i + 1. */
static __rte_always_inline void
fast_entry(struct vring_desc *t, uint16_t i, uint64_t addr, uint32_t len,
	   uint16_t flags)
{
	vq_split_desc_write(&t[i], addr, len, flags | VRING_DESC_F_NEXT, i + 1);
}

/*
 * A cipher-only op's region, by the session's precomputed limits (length
 * rules and the device's max_size in one range), within both segments.
 */
static __rte_always_inline bool
fast_cipher_region(const struct vcrypto_session *s,
		   const struct rte_crypto_sym_op *sym,
		   const struct rte_mbuf *src, const struct rte_mbuf *dst,
		   uint32_t *start, uint32_t *len)
{
	uint64_t end;

	*start = sym->cipher.data.offset;
	*len = sym->cipher.data.length;
	end = (uint64_t)*start + *len;
	return likely(*len - s->fast_len_min <= s->fast_len_span &&
		      (*len & s->len_align_mask) == 0 &&
		      end <= src->data_len && end <= dst->data_len);
}

/*
 * Encode op into its slot and table. Returns the table's entry count, 0
 * when the op is not for this path. *writable gets the bytes the device
 * may write.
 */
static __rte_always_inline uint16_t
vcrypto_fast_encode(const struct vcrypto_session *s, struct rte_crypto_op *op,
		    struct rte_mbuf *src, struct rte_mbuf *dst,
		    struct vcrypto_data_slot *slot, uint64_t slot_iova,
		    struct vring_desc *t, const struct vcrypto_op_limits *lim,
		    uint32_t *writable)
{
	struct rte_crypto_sym_op *sym = op->sym;
	const uint8_t *iv;
	uint32_t start, len;
	struct vq_buf digest;
	uint16_t i;

	slot->req = s->tmpl;
	if (s->fast_kind == VCRYPTO_FAST_CIPHER) {
		if (!fast_cipher_region(s, sym, src, dst, &start, &len))
			return 0;
		/* src and dst lengths, adjacent: newer QEMU wants them equal */
		slot->req.u.sym_req.u.cipher.para.src_data_len =
			rte_cpu_to_le_32(len);
		slot->req.u.sym_req.u.cipher.para.dst_data_len =
			rte_cpu_to_le_32(len);
	} else if (!vcrypto_chain_span(s, sym, lim,
			&slot->req.u.sym_req.u.chain.para, &start, &len) ||
		   len == 0 || (uint64_t)start + len > src->data_len ||
		   (uint64_t)start + len > dst->data_len) {
		return 0;
	}
	slot->inhdr.status = VCRYPTO_STATUS_UNSET;

	iv = rte_crypto_op_ctod_offset(op, const uint8_t *, s->iv_offset);
	/* The usual 16 bytes as two moves, not a sized copy. */
	if (likely(s->iv_len == 16))
		memcpy(slot->iv, iv, 16);
	else
		rte_memcpy(slot->iv, iv, s->iv_len);

	fast_entry(t, 0, slot_iova, sizeof(slot->req), 0);
	fast_entry(t, 1, slot_iova + offsetof(struct vcrypto_data_slot, iv),
		   s->iv_len, 0);
	fast_entry(t, 2, rte_pktmbuf_iova_offset(src, start), len, 0);
	fast_entry(t, 3, rte_pktmbuf_iova_offset(dst, start), len,
		   VRING_DESC_F_WRITE);
	*writable = len + sizeof(struct virtio_crypto_inhdr);
	i = 4;
	if (s->fast_kind == VCRYPTO_FAST_CHAIN) {
		digest = vcrypto_digest_out(s, sym->auth.digest.data,
			sym->auth.digest.phys_addr, slot, slot_iova);
		if (unlikely(digest.iova == RTE_BAD_IOVA))
			return 0;
		fast_entry(t, i++, digest.iova, digest.len, VRING_DESC_F_WRITE);
		*writable += digest.len;
	}
	vq_split_desc_write(&t[i], slot_iova +
			    offsetof(struct vcrypto_data_slot, inhdr),
			    sizeof(struct virtio_crypto_inhdr),
			    VRING_DESC_F_WRITE, 0);
	return i + 1;
}

#endif /* VIRTIO_CRYPTO_SYM_FAST_H */
