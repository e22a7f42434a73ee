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
	s->encoder = VCRYPTO_ENC_AEAD;
}

/* The tag: read after the ciphertext, or written after the plaintext. */
static inline struct vq_buf
tag_buf(const struct vcrypto_session *s, const uint8_t *data, rte_iova_t iova)
{
	return (struct vq_buf){ vcrypto_user_iova(data, iova, s->digest_len),
				s->digest_len, s->encrypt ? VQ_BUF_WRITE : 0 };
}

/*
 * The data buffers after the IV: src, the tag when decrypting, the AAD,
 * dst, the tag when encrypting. linear: the source from its bounce copy.
 * Returns the count, or -1 if they do not fit in max (status excluded).
 */
static int
aead_data_bufs(const struct vcrypto_session *s, struct rte_crypto_sym_op *sym,
	       struct vq_buf *bufs, int n, int max, struct vq_buf tag,
	       const struct vcrypto_op_limits *lim, bool linear)
{
	struct rte_mbuf *dst = sym->m_dst != NULL ? sym->m_dst : sym->m_src;
	uint32_t off = sym->aead.data.offset, len = sym->aead.data.length;
	int room = max - (int)!s->encrypt - (s->aad_len != 0) -
		(int)s->encrypt;

	n = linear ? vcrypto_sgl_linear(bufs, n, sym->m_src, off, len, lim) :
		vcrypto_sgl_add(bufs, n, room, sym->m_src, off, len, 0);
	if (n < 0 || n > room)
		return -1;
	if (!s->encrypt)
		bufs[n++] = tag;
	if (s->aad_len != 0) {
		bufs[n] = (struct vq_buf){ vcrypto_user_iova(sym->aead.aad.data,
			sym->aead.aad.phys_addr, s->aad_skip + s->aad_len),
			s->aad_len, 0 };
		if (unlikely(bufs[n].iova == RTE_BAD_IOVA))
			return -1;
		bufs[n++].iova += s->aad_skip;
	}
	n = vcrypto_sgl_add(bufs, n, max - (int)s->encrypt, dst, off, len,
			    VQ_BUF_WRITE);
	if (n < 0)
		return -1;
	if (s->encrypt)
		bufs[n++] = tag;
	return n;
}

int
vcrypto_encode_aead(const struct vcrypto_session *s, struct rte_crypto_op *op,
		    struct vcrypto_data_slot *slot, uint64_t slot_iova,
		    struct vq_buf *bufs, const struct vcrypto_op_limits *lim)
{
	struct rte_crypto_sym_op *sym = op->sym;
	uint32_t len = sym->aead.data.length;
	struct vq_buf tag = tag_buf(s, sym->aead.digest.data,
				    sym->aead.digest.phys_addr);
	struct virtio_crypto_aead_para *p;
	int n, k;

	if (unlikely(tag.iova == RTE_BAD_IOVA || s->iv_len +
		     (uint64_t)s->aad_len + 2 * (uint64_t)len + s->digest_len >
		     lim->max_size))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;

	n = vcrypto_req_bufs(s, op, slot, slot_iova, bufs);
	p = &slot->req.u.aead_req.para;
	p->src_data_len = rte_cpu_to_le_32(len + (s->encrypt ? 0 : s->digest_len));
	p->dst_data_len = rte_cpu_to_le_32(len + (s->encrypt ? s->digest_len : 0));

	/* One buffer stays for the status. */
	k = aead_data_bufs(s, sym, bufs, n, lim->max_bufs - 1, tag, lim, false);
	if (unlikely(k < 0))
		k = aead_data_bufs(s, sym, bufs, n, lim->max_bufs - 1, tag, lim,
				   true);
	if (unlikely(k < 0))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	bufs[k++] = vcrypto_status_buf(slot_iova);
	return k;
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
	s->encoder = VCRYPTO_ENC_GMAC;
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
	n = vcrypto_sgl_src(bufs, n, lim->max_bufs - 2, sym->m_src,
			    sym->auth.data.offset, len, lim);
	if (unlikely(n < 0))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	if (s->encrypt)
		bufs[n++] = tag;
	bufs[n++] = vcrypto_status_buf(slot_iova);
	return n;
}
