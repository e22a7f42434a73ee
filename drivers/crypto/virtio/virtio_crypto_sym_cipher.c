/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/* Data requests of cipher-only sessions (VIRTIO_CRYPTO_SYM_OP_CIPHER). */

#include <stddef.h>
#include <string.h>

#include <rte_crypto.h>

#include "virtio_crypto_req.h"
#include "virtio_crypto_session.h"
#include "virtio_crypto_sgl.h"
#include "virtio_crypto_sym.h"

int
vcrypto_encode_cipher(const struct vcrypto_session *s,
		      struct rte_crypto_op *op, struct vcrypto_data_slot *slot,
		      uint64_t slot_iova, struct vq_buf *bufs,
		      const struct vcrypto_op_limits *lim)
{
	struct rte_crypto_sym_op *sym = op->sym;
	struct rte_mbuf *dst = sym->m_dst != NULL ? sym->m_dst : sym->m_src;
	uint32_t off = sym->cipher.data.offset;
	uint32_t len = sym->cipher.data.length;
	struct virtio_crypto_cipher_para *para;
	int n;

	if (unlikely((len & s->len_align_mask) != 0 || len < s->min_len ||
		     s->iv_len + 2 * (uint64_t)len > lim->max_size))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;

	slot->req = s->tmpl;
	para = &slot->req.u.sym_req.u.cipher.para;
	/* src and dst lengths are always equal (newer QEMU insists). */
	para->src_data_len = rte_cpu_to_le_32(len);
	para->dst_data_len = rte_cpu_to_le_32(len);
	memcpy(slot->iv, rte_crypto_op_ctod_offset(op, uint8_t *, s->iv_offset),
	       s->iv_len);
	slot->inhdr.status = VCRYPTO_STATUS_UNSET;

	bufs[0] = (struct vq_buf){ slot_iova,
		offsetof(struct vcrypto_data_slot, iv) + s->iv_len, 0 };
	/* Keep one buffer free for the status byte. */
	n = vcrypto_sgl_add(bufs, 1, lim->max_bufs - 1, sym->m_src, off, len, 0);
	if (n > 0)
		n = vcrypto_sgl_add(bufs, n, lim->max_bufs - 1, dst, off, len,
				    VQ_BUF_WRITE);
	if (unlikely(n < 0))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	bufs[n++] = (struct vq_buf){
		slot_iova + offsetof(struct vcrypto_data_slot, inhdr),
		sizeof(slot->inhdr), VQ_BUF_WRITE };
	return n;
}
