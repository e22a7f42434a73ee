/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * AEAD sessions and requests, and AES-GMAC, which goes to the device as
 * GCM with no plaintext and the authenticated data as AAD.
 *
 * The device reads iv, src, aad and writes dst: encrypting, src is the
 * plaintext and dst the ciphertext followed by the tag; decrypting, src
 * is the ciphertext followed by the tag, dst the plaintext, and a tag
 * mismatch is BADMSG. DPDK keeps the tag apart (op digest): it is one
 * more buffer after the data.
 */

#include "virtio_crypto_sgl.h"
#include "virtio_crypto_sym.h"

void
vcrypto_aead_session_init(struct vcrypto_session *s,
			  const struct vcrypto_aead_algo *algo,
			  const struct rte_crypto_aead_xform *x)
{
	s->encrypt = x->op == RTE_CRYPTO_AEAD_OP_ENCRYPT;
	vcrypto_tmpl_header(s, s->encrypt ? VIRTIO_CRYPTO_AEAD_ENCRYPT :
			    VIRTIO_CRYPTO_AEAD_DECRYPT, algo->virtio);
	s->tmpl.u.aead_req.para.iv_len = rte_cpu_to_le_32(x->iv.length);
	s->tmpl.u.aead_req.para.aad_len = rte_cpu_to_le_32(x->aad_length);
	/* CCM: DPDK puts the nonce one byte in; the device takes it bare. */
	s->iv_offset = x->iv.offset + algo->iv_skip;
	s->iv_len = x->iv.length;
	s->aad_len = x->aad_length;
	s->aad_skip = algo->aad_skip;
	s->digest_len = x->digest_length;
	s->meta.auth = 1;
	s->encode = vcrypto_encode_aead;
}

/* The tag: read after the ciphertext, or written after the plaintext. */
static inline struct vq_buf
tag_buf(const struct vcrypto_session *s, const uint8_t *data, rte_iova_t iova)
{
	return (struct vq_buf){ vcrypto_user_iova(data, iova), s->digest_len,
				s->encrypt ? VQ_BUF_WRITE : 0 };
}

int
vcrypto_encode_aead(const struct vcrypto_session *s, struct rte_crypto_op *op,
		    struct vcrypto_data_slot *slot, uint64_t slot_iova,
		    struct vq_buf *bufs, const struct vcrypto_op_limits *lim)
{
	struct rte_crypto_sym_op *sym = op->sym;
	struct rte_mbuf *dst = sym->m_dst != NULL ? sym->m_dst : sym->m_src;
	uint32_t off = sym->aead.data.offset, len = sym->aead.data.length;
	struct vq_buf tag = tag_buf(s, sym->aead.digest.data,
				    sym->aead.digest.phys_addr);
	struct virtio_crypto_aead_para *p;
	int n;

	if (unlikely(tag.iova == RTE_BAD_IOVA || s->iv_len +
		     (uint64_t)s->aad_len + 2 * (uint64_t)len + s->digest_len >
		     lim->max_size))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;

	n = vcrypto_req_bufs(s, op, slot, slot_iova, bufs);
	p = &slot->req.u.aead_req.para;
	p->src_data_len = rte_cpu_to_le_32(len + (s->encrypt ? 0 : s->digest_len));
	p->dst_data_len = rte_cpu_to_le_32(len + (s->encrypt ? s->digest_len : 0));

	/* Room kept after the source: tag, AAD and status buffers. */
	n = vcrypto_sgl_add(bufs, n, lim->max_bufs - 3, sym->m_src, off, len, 0);
	if (unlikely(n < 0))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	if (!s->encrypt)
		bufs[n++] = tag;
	if (s->aad_len != 0) {
		bufs[n] = (struct vq_buf){ vcrypto_user_iova(sym->aead.aad.data,
			sym->aead.aad.phys_addr), s->aad_len, 0 };
		if (unlikely(bufs[n].iova == RTE_BAD_IOVA))
			return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
		bufs[n++].iova += s->aad_skip;
	}
	/* After the destination: the status, and the tag when encrypting. */
	n = vcrypto_sgl_add(bufs, n, lim->max_bufs - 1 - s->encrypt, dst, off,
			    len, VQ_BUF_WRITE);
	if (unlikely(n < 0))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	if (s->encrypt)
		bufs[n++] = tag;
	bufs[n++] = vcrypto_status_buf(slot_iova);
	return n;
}

void
vcrypto_gmac_session_init(struct vcrypto_session *s,
			  const struct rte_crypto_auth_xform *x)
{
	s->encrypt = x->op == RTE_CRYPTO_AUTH_OP_GENERATE;
	vcrypto_tmpl_header(s, s->encrypt ? VIRTIO_CRYPTO_AEAD_ENCRYPT :
			    VIRTIO_CRYPTO_AEAD_DECRYPT, VIRTIO_CRYPTO_AEAD_GCM);
	s->tmpl.u.aead_req.para.iv_len = rte_cpu_to_le_32(x->iv.length);
	s->iv_offset = x->iv.offset;
	s->iv_len = x->iv.length;
	s->digest_len = x->digest_length;
	s->meta.auth = 1;
	s->encode = vcrypto_encode_gmac;
}

int
vcrypto_encode_gmac(const struct vcrypto_session *s, struct rte_crypto_op *op,
		    struct vcrypto_data_slot *slot, uint64_t slot_iova,
		    struct vq_buf *bufs, const struct vcrypto_op_limits *lim)
{
	struct rte_crypto_sym_op *sym = op->sym;
	uint32_t len = sym->auth.data.length;
	struct vq_buf tag = tag_buf(s, sym->auth.digest.data,
				    sym->auth.digest.phys_addr);
	struct virtio_crypto_aead_para *p;
	int n;

	if (unlikely(tag.iova == RTE_BAD_IOVA ||
		     s->iv_len + (uint64_t)len + s->digest_len > lim->max_size))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;

	n = vcrypto_req_bufs(s, op, slot, slot_iova, bufs);
	p = &slot->req.u.aead_req.para;
	p->aad_len = rte_cpu_to_le_32(len);
	p->src_data_len = rte_cpu_to_le_32(s->encrypt ? 0 : s->digest_len);
	p->dst_data_len = rte_cpu_to_le_32(s->encrypt ? s->digest_len : 0);

	if (!s->encrypt)
		bufs[n++] = tag;
	/* The authenticated data is the AAD, wherever its segments are. */
	n = vcrypto_sgl_add(bufs, n, lim->max_bufs - 2, sym->m_src,
			    sym->auth.data.offset, len, 0);
	if (unlikely(n < 0))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	if (s->encrypt)
		bufs[n++] = tag;
	bufs[n++] = vcrypto_status_buf(slot_iova);
	return n;
}
