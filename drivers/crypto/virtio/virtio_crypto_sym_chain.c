/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Cipher and hash/MAC chained (VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING).
 * The request carries one region of the source, from the first byte
 * either step needs to the last; both steps' offsets are relative to it.
 * CIPHER_THEN_HASH hashes the cipher's output (encrypt-then-MAC,
 * decrypt-then-verify); HASH_THEN_CIPHER hashes its input
 * (MAC-then-encrypt, verify-then-decrypt). Which of the four a device
 * performs is probed (virtio_crypto_probe_op.c).
 */

#include <rte_common.h>

#include "virtio_crypto_sgl.h"
#include "virtio_crypto_sym.h"

void
vcrypto_chain_session_init(struct vcrypto_session *s,
			   const struct vcrypto_cipher_algo *calgo,
			   const struct rte_crypto_cipher_xform *c,
			   const struct rte_crypto_auth_xform *a,
			   bool cipher_first)
{
	struct virtio_crypto_alg_chain_data_para *p =
		&s->tmpl.u.sym_req.u.chain.para;

	vcrypto_tmpl_header(s, c->op == RTE_CRYPTO_CIPHER_OP_ENCRYPT ?
		VIRTIO_CRYPTO_CIPHER_ENCRYPT : VIRTIO_CRYPTO_CIPHER_DECRYPT,
		calgo->virtio);
	s->tmpl.u.sym_req.op_type =
		rte_cpu_to_le_32(VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING);
	p->iv_len = rte_cpu_to_le_32(c->iv.length);
	p->hash_result_len = rte_cpu_to_le_32(a->digest_length);
	s->iv_offset = c->iv.offset;
	s->iv_len = c->iv.length;
	vcrypto_cipher_len_rules(s, calgo);
	s->digest_len = a->digest_length;
	s->meta.verify_len = a->op == RTE_CRYPTO_AUTH_OP_VERIFY ?
		a->digest_length : 0;
	s->cipher_first = cipher_first;
	s->encoder = VCRYPTO_ENC_CHAIN;
	s->fast_kind = VCRYPTO_FAST_CHAIN;
}

int
vcrypto_encode_chain(const struct vcrypto_session *s, struct rte_crypto_op *op,
		     struct vcrypto_data_slot *slot, uint64_t slot_iova,
		     struct vq_buf *bufs, const struct vcrypto_op_limits *lim)
{
	struct rte_crypto_sym_op *sym = op->sym;
	struct rte_mbuf *dst = sym->m_dst != NULL ? sym->m_dst : sym->m_src;
	uint32_t start, len;
	int n;

	n = vcrypto_req_bufs(s, op, slot, slot_iova, bufs);
	if (unlikely(!vcrypto_chain_span(s, sym, lim,
			&slot->req.u.sym_req.u.chain.para, &start, &len)))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	/* Keep two buffers free: digest and status. */
	n = vcrypto_sgl_src_dst(bufs, n, lim->max_bufs - 2, sym->m_src, dst,
				start, len, lim);
	return vcrypto_digest_and_status(s, sym, bufs, n, slot, slot_iova);
}
