/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/* Auth-only sessions and requests: plain hash and MAC services. */

#include "virtio_crypto_sgl.h"
#include "virtio_crypto_sym.h"

void
vcrypto_auth_session_init(struct vcrypto_session *s,
			  const struct vcrypto_auth_algo *algo,
			  const struct rte_crypto_auth_xform *x)
{
	bool hash = algo->service == VIRTIO_CRYPTO_SERVICE_HASH;

	vcrypto_tmpl_header(s, hash ? VIRTIO_CRYPTO_HASH : VIRTIO_CRYPTO_MAC,
			    algo->virtio);
	/*
	 * Hash and MAC requests share one layout (struct virtio_crypto_
	 * mac_para wraps a hash_para): fill it through hash_req.
	 */
	s->tmpl.u.hash_req.para.hash_result_len =
		rte_cpu_to_le_32(x->digest_length);
	s->digest_len = x->digest_length;
	s->meta.verify_len = x->op == RTE_CRYPTO_AUTH_OP_VERIFY ?
		x->digest_length : 0;
	s->encoder = VCRYPTO_ENC_AUTH;
}

int
vcrypto_encode_auth(const struct vcrypto_session *s, struct rte_crypto_op *op,
		    struct vcrypto_data_slot *slot, uint64_t slot_iova,
		    struct vq_buf *bufs, const struct vcrypto_op_limits *lim)
{
	struct rte_crypto_sym_op *sym = op->sym;
	uint32_t len = sym->auth.data.length;
	int n;

	if (unlikely((uint64_t)len + s->digest_len > lim->max_size))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	n = vcrypto_req_bufs(s, op, slot, slot_iova, bufs);
	slot->req.u.hash_req.para.src_data_len = rte_cpu_to_le_32(len);
	/* Keep two buffers free: digest and status. */
	n = vcrypto_sgl_src(bufs, n, lim->max_bufs - 2, sym->m_src,
			    sym->auth.data.offset, len, lim);
	return vcrypto_digest_and_status(s, sym, bufs, n, slot, slot_iova);
}
