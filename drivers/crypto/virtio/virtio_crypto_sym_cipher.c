/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/* Cipher-only sessions and requests (VIRTIO_CRYPTO_SYM_OP_CIPHER). */

#include "virtio_crypto_sgl.h"
#include "virtio_crypto_sym.h"

void
vcrypto_cipher_len_rules(struct vcrypto_session *s,
			 const struct vcrypto_cipher_algo *algo)
{
	s->len_align_mask = algo->whole_blocks ? algo->block_size - 1u : 0;
	s->min_len = algo->rte == RTE_CRYPTO_CIPHER_AES_XTS ? 16 : 0;
	s->bit_lengths = algo->bit_lengths;
}

void
vcrypto_cipher_session_init(struct vcrypto_session *s,
			    const struct vcrypto_cipher_algo *algo,
			    const struct rte_crypto_cipher_xform *x)
{
	vcrypto_tmpl_header(s, x->op == RTE_CRYPTO_CIPHER_OP_ENCRYPT ?
		VIRTIO_CRYPTO_CIPHER_ENCRYPT : VIRTIO_CRYPTO_CIPHER_DECRYPT,
		algo->virtio);
	s->tmpl.u.sym_req.op_type = rte_cpu_to_le_32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	s->tmpl.u.sym_req.u.cipher.para.iv_len = rte_cpu_to_le_32(x->iv.length);
	s->iv_offset = x->iv.offset;
	s->iv_len = x->iv.length;
	vcrypto_cipher_len_rules(s, algo);
	s->encoder = VCRYPTO_ENC_CIPHER;
	s->fast_kind = VCRYPTO_FAST_CIPHER;
}

int
vcrypto_encode_cipher(const struct vcrypto_session *s,
		      struct rte_crypto_op *op, struct vcrypto_data_slot *slot,
		      uint64_t slot_iova, struct vq_buf *bufs,
		      const struct vcrypto_op_limits *lim)
{
	struct rte_crypto_sym_op *sym = op->sym;
	struct rte_mbuf *dst = sym->m_dst != NULL ? sym->m_dst : sym->m_src;
	uint32_t off, len;
	int n;

	n = vcrypto_req_bufs(s, op, slot, slot_iova, bufs);
	if (unlikely(!vcrypto_cipher_span(s, sym, lim,
			&slot->req.u.sym_req.u.cipher.para, &off, &len)))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;

	/* Keep one buffer free for the status byte. */
	n = vcrypto_sgl_src_dst(bufs, n, lim->max_bufs - 1, sym->m_src, dst,
				off, len, lim);
	if (unlikely(n < 0))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	bufs[n++] = vcrypto_status_buf(slot_iova);
	return n;
}
