/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_SYM_FAST_H
#define VIRTIO_CRYPTO_SYM_FAST_H

/*
 * The common case, written straight into the slot's indirect table: a
 * cipher-only or chained op on single-segment mbufs. Same checks and same
 * framing as the generic encoders (header | IV | src | dst | [digest] |
 * status, one field an entry), without a buffer list in between and
 * without the engine's generic chain checks: the order and flags are
 * right by construction here.
 */

#include <string.h>

#include <rte_mbuf.h>

#include "virtio_crypto_sym.h"

/*
 * Encode op into table. Returns the entry count, 0 when the op is not
 * for this path (the generic encoder takes it), or a negated op status.
 * *writable gets the bytes the device may write.
 */
static __rte_always_inline int
vcrypto_fast_encode(const struct vcrypto_session *s, struct rte_crypto_op *op,
		    struct vcrypto_data_slot *slot, uint64_t slot_iova,
		    struct vring_desc *table,
		    const struct vcrypto_op_limits *lim, uint32_t *writable)
{
	struct rte_crypto_sym_op *sym = op->sym;
	struct rte_mbuf *src = sym->m_src;
	struct rte_mbuf *dst = sym->m_dst != NULL ? sym->m_dst : src;
	uint32_t start, len;
	struct vq_buf digest;
	uint16_t i = 0;
	bool ok;

	if (unlikely(s->fast_kind == VCRYPTO_FAST_NONE || src == NULL ||
		     src->nb_segs != 1 || dst->nb_segs != 1))
		return 0;
	slot->req = s->tmpl;
	slot->inhdr.status = VCRYPTO_STATUS_UNSET;
	ok = s->fast_kind == VCRYPTO_FAST_CIPHER ?
		vcrypto_cipher_span(s, sym, lim,
			&slot->req.u.sym_req.u.cipher.para, &start, &len) :
		vcrypto_chain_span(s, sym, lim,
			&slot->req.u.sym_req.u.chain.para, &start, &len);
	if (unlikely(!ok))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	/* Beyond a segment, or empty (no zero-length buffers): generic. */
	if (unlikely(len == 0 ||
		     (uint64_t)start + len > src->data_len ||
		     (uint64_t)start + len > dst->data_len))
		return 0;

	vq_split_desc_write(&table[i], slot_iova, sizeof(slot->req),
			    VRING_DESC_F_NEXT, i + 1);
	i++;
	if (s->iv_len != 0) {
		const uint8_t *iv = rte_crypto_op_ctod_offset(op, uint8_t *,
							      s->iv_offset);

		/* The usual 16 bytes as two moves, not a sized copy. */
		if (likely(s->iv_len == 16))
			memcpy(slot->iv, iv, 16);
		else
			rte_memcpy(slot->iv, iv, s->iv_len);
		vq_split_desc_write(&table[i], slot_iova +
				    offsetof(struct vcrypto_data_slot, iv),
				    s->iv_len, VRING_DESC_F_NEXT, i + 1);
		i++;
	}
	vq_split_desc_write(&table[i], rte_pktmbuf_iova_offset(src, start),
			    len, VRING_DESC_F_NEXT, i + 1);
	i++;
	vq_split_desc_write(&table[i], rte_pktmbuf_iova_offset(dst, start),
			    len, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, i + 1);
	i++;
	*writable = len + sizeof(struct virtio_crypto_inhdr);
	if (s->fast_kind == VCRYPTO_FAST_CHAIN) {
		digest = vcrypto_digest_out(s, sym->auth.digest.data,
			sym->auth.digest.phys_addr, slot, slot_iova);
		if (unlikely(digest.iova == RTE_BAD_IOVA))
			return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
		vq_split_desc_write(&table[i], digest.iova, digest.len,
				    VRING_DESC_F_WRITE | VRING_DESC_F_NEXT,
				    i + 1);
		i++;
		*writable += digest.len;
	}
	vq_split_desc_write(&table[i], slot_iova +
			    offsetof(struct vcrypto_data_slot, inhdr),
			    sizeof(struct virtio_crypto_inhdr),
			    VRING_DESC_F_WRITE, 0);
	return i + 1;
}

#endif /* VIRTIO_CRYPTO_SYM_FAST_H */
