/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_SYM_FAST_H
#define VIRTIO_CRYPTO_SYM_FAST_H

/*
 * The common case, written straight into an indirect table in its slot: a
 * cipher-only or chained op on single-segment mbufs. Same framing as the
 * generic encoders (header | IV | src | dst | [digest] | status, one
 * field an entry), without a buffer list in between and without the
 * engine's generic chain checks: the order and flags are right by
 * construction here. It only says yes or no: an op it does not take,
 * for whatever reason, goes to the generic encoder, which takes it or
 * fails it with the right status.
 *
 * Tables come in the layout of the queue's ring: split entries (flags,
 * then a next link) or packed ones (an id, then flags; no links, the
 * table's length ends the chain). packed is a constant at every call, so
 * each burst function gets its own copy with no test left in it.
 */

#include <string.h>

#include <rte_mbuf.h>

#include "virtio_crypto_sym.h"
#include "vq_packed.h"

/* Entry i of a table; last: no entry follows. */
static __rte_always_inline void
fast_entry(void *t, bool packed, uint16_t i, uint64_t addr, uint32_t len,
	   uint16_t flags, bool last)
{
	if (packed)
		vq_packed_table_write((struct vring_packed_desc *)t + i, addr,
				      len, flags & VRING_DESC_F_WRITE);
	else if (last)
		vq_split_desc_write((struct vring_desc *)t + i, addr, len,
				    flags, 0);
	else
		vq_split_desc_write((struct vring_desc *)t + i, addr, len,
				    flags | VRING_DESC_F_NEXT, i + 1);
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
 * A chained op's span, from the first byte either step needs to the last
 * (in 64 bits: offset plus length must not wrap), and its parameters in
 * p, a local. The cipher length passes the same range check as a
 * cipher-only op; the span, at least as long, only the upper bound.
 */
static __rte_always_inline bool
fast_chain_region(const struct vcrypto_session *s,
		  const struct rte_crypto_sym_op *sym,
		  const struct rte_mbuf *src, const struct rte_mbuf *dst,
		  struct virtio_crypto_alg_chain_data_para *p, uint32_t *start)
{
	uint32_t c_off = sym->cipher.data.offset;
	uint32_t c_len = sym->cipher.data.length;
	uint32_t a_off = sym->auth.data.offset;
	uint32_t a_len = sym->auth.data.length;
	uint64_t end = RTE_MAX((uint64_t)c_off + c_len,
			       (uint64_t)a_off + a_len);

	*start = RTE_MIN(c_off, a_off);
	if (unlikely(c_len - s->fast_len_min > s->fast_len_span ||
		     (c_len & s->len_align_mask) != 0 ||
		     end - *start > s->fast_len_min + s->fast_len_span ||
		     end > src->data_len || end > dst->data_len))
		return false;
	p->src_data_len = rte_cpu_to_le_32((uint32_t)(end - *start));
	p->cipher_start_src_offset = rte_cpu_to_le_32(c_off - *start);
	p->len_to_cipher = rte_cpu_to_le_32(c_len);
	p->hash_start_src_offset = rte_cpu_to_le_32(a_off - *start);
	p->len_to_hash = rte_cpu_to_le_32(a_len);
	return true;
}

/* The chain parameters an op sets; the template has the others. */
static __rte_always_inline void
fast_chain_para(struct virtio_crypto_alg_chain_data_para *to,
		const struct virtio_crypto_alg_chain_data_para *p)
{
	to->src_data_len = p->src_data_len;
	to->dst_data_len = p->src_data_len;
	to->cipher_start_src_offset = p->cipher_start_src_offset;
	to->len_to_cipher = p->len_to_cipher;
	to->hash_start_src_offset = p->hash_start_src_offset;
	to->len_to_hash = p->len_to_hash;
}

/*
 * The table every fast op has: header, IV, data in, data out, the digest
 * (chains: digest != NULL), status; then the IV and the status byte into
 * the slot, last: a byte store may alias any field the compiler would
 * otherwise keep in a register. Returns the entry count.
 */
static __rte_always_inline uint16_t
fast_table(const struct vcrypto_session *s, struct rte_crypto_op *op,
	   const struct rte_mbuf *src, const struct rte_mbuf *dst,
	   struct vcrypto_data_slot *slot, uint64_t slot_iova,
	   void *t, bool packed, uint32_t start, uint32_t len,
	   const struct vq_buf *digest, uint32_t *writable)
{
	const uint8_t *iv = rte_crypto_op_ctod_offset(op, const uint8_t *,
						       s->iv_offset);
	uint16_t iv_len = s->iv_len;
	uint16_t i = 4;

	fast_entry(t, packed, 0, slot_iova +
		   offsetof(struct vcrypto_data_slot, req), sizeof(slot->req), 0,
		   false);
	fast_entry(t, packed, 1, slot_iova +
		   offsetof(struct vcrypto_data_slot, iv), iv_len, 0, false);
	fast_entry(t, packed, 2, rte_pktmbuf_iova_offset(src, start), len, 0,
		   false);
	fast_entry(t, packed, 3, rte_pktmbuf_iova_offset(dst, start), len,
		   VRING_DESC_F_WRITE, false);
	*writable = len + sizeof(struct virtio_crypto_inhdr);
	if (digest != NULL) {
		fast_entry(t, packed, i++, digest->iova, digest->len,
			   VRING_DESC_F_WRITE, false);
		*writable += digest->len;
	}
	fast_entry(t, packed, i, slot_iova +
		   offsetof(struct vcrypto_data_slot, inhdr),
		   sizeof(struct virtio_crypto_inhdr), VRING_DESC_F_WRITE,
		   true);
	/* The usual 16 bytes as two moves, not a sized copy. */
	if (likely(iv_len == 16))
		memcpy(slot->iv, iv, 16);
	else
		rte_memcpy(slot->iv, iv, iv_len);
	slot->inhdr.status = VCRYPTO_STATUS_UNSET;
	return i + 1;
}

static __rte_always_inline uint16_t
fast_encode_cipher(const struct vcrypto_session *s, struct rte_crypto_op *op,
		   const struct rte_mbuf *src, const struct rte_mbuf *dst,
		   struct vcrypto_data_slot *slot, uint64_t slot_iova,
		   void *t, bool packed, uint32_t *writable)
{
	uint32_t start, len;

	if (!fast_cipher_region(s, op->sym, src, dst, &start, &len))
		return 0;
	slot->req = s->tmpl;
	/* src and dst lengths, adjacent: newer QEMU wants them equal */
	slot->req.u.sym_req.u.cipher.para.src_data_len = rte_cpu_to_le_32(len);
	slot->req.u.sym_req.u.cipher.para.dst_data_len = rte_cpu_to_le_32(len);
	return fast_table(s, op, src, dst, slot, slot_iova, t, packed, start,
			  len, NULL, writable);
}

static __rte_always_inline uint16_t
fast_encode_chain(const struct vcrypto_session *s, struct rte_crypto_op *op,
		  const struct rte_mbuf *src, const struct rte_mbuf *dst,
		  struct vcrypto_data_slot *slot, uint64_t slot_iova,
		  void *t, bool packed, uint32_t *writable)
{
	struct rte_crypto_sym_op *sym = op->sym;
	struct virtio_crypto_alg_chain_data_para chain;
	struct vq_buf digest;
	uint32_t start;

	if (!fast_chain_region(s, sym, src, dst, &chain, &start))
		return 0;
	/* verify: may copy the expected digest into the slot */
	digest = vcrypto_digest_out(s, sym->auth.digest.data,
				    sym->auth.digest.phys_addr, slot, slot_iova);
	/* The generic path refuses a digest inside the output. */
	if (unlikely(digest.iova == RTE_BAD_IOVA ||
		     vcrypto_iova_overlap(digest.iova, digest.len,
			rte_pktmbuf_iova_offset(dst, start),
			rte_le_to_cpu_32(chain.src_data_len))))
		return 0;
	slot->req = s->tmpl;
	fast_chain_para(&slot->req.u.sym_req.u.chain.para, &chain);
	return fast_table(s, op, src, dst, slot, slot_iova, t, packed, start,
			  rte_le_to_cpu_32(chain.src_data_len), &digest,
			  writable);
}

/*
 * Encode op into its slot, the indirect table included: in the slot's
 * first lines, not in the queue's table for the slot, which is for longer
 * chains. Returns the table's entry count, 0 when the op is not for this
 * path. *writable gets the bytes the device may write.
 */
static __rte_always_inline uint16_t
vcrypto_fast_encode(const struct vcrypto_session *s, struct rte_crypto_op *op,
		    struct rte_mbuf *src, struct rte_mbuf *dst,
		    struct vcrypto_data_slot *slot, uint64_t slot_iova,
		    bool packed, uint32_t *writable)
{
	if (s->fast_kind == VCRYPTO_FAST_CHAIN)
		return fast_encode_chain(s, op, src, dst, slot, slot_iova,
					 slot->table, packed, writable);
	return fast_encode_cipher(s, op, src, dst, slot, slot_iova,
				  slot->table, packed, writable);
}

/* Where the device finds the table vcrypto_fast_encode() wrote. */
static __rte_always_inline uint64_t
vcrypto_fast_table_iova(struct vq_slot_mem mem)
{
	return mem.priv_iova + offsetof(struct vcrypto_data_slot, table);
}

#endif /* VIRTIO_CRYPTO_SYM_FAST_H */
