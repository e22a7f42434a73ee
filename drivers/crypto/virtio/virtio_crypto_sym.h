/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_SYM_H
#define VIRTIO_CRYPTO_SYM_H

/*
 * Symmetric services, one family per file (virtio_crypto_sym_cipher.c,
 * _auth.c, _chain.c, _aead.c), each registered as a vcrypto_sym_family:
 * its algorithm rows, their probe, session requests and sessions, how a
 * session fills its request template and how an op becomes a request and
 * its buffers. Every request is header | IV | device-readable data |
 * device-writable data | status, one field per buffer (a field may span
 * buffers, never share one).
 */

#include <stddef.h>

#include <rte_branch_prediction.h>
#include <rte_crypto.h>
#include <rte_memcpy.h>
#include <rte_memory.h>

#include "virtio_crypto_algos.h"
#include "virtio_crypto_ctrlq.h"
#include "virtio_crypto_req.h"
#include "virtio_crypto_session.h"

struct vcrypto_hw;

/* The xforms of a session, by kind, and in which order they came. */
struct vcrypto_xform_set {
	const struct rte_crypto_cipher_xform *cipher;
	const struct rte_crypto_auth_xform *auth;
	const struct rte_crypto_aead_xform *aead;
	bool cipher_first;
};

/* One family of symmetric services. */
struct vcrypto_sym_family {
	const char *name;
	unsigned int max_caps;	/* capability rows it may add */
	/*
	 * Probe: add its rows at all[nb_before] (those before it are the
	 * earlier families'); their count. *chaining: it offers chaining.
	 * NULL: it has no rows of its own.
	 */
	unsigned int (*caps)(struct vcrypto_hw *hw,
			     struct rte_cryptodev_capabilities *all,
			     unsigned int nb_before, bool *chaining);
	/* Whether its sessions serve these xforms (one family does). */
	bool (*takes)(const struct vcrypto_xform_set *set);
	/*
	 * Check the xforms against the capabilities, create the device
	 * session, fill s. Under hw->ctrl_lock; 0 or a negative errno.
	 */
	int (*configure)(struct vcrypto_hw *hw,
			 const struct vcrypto_xform_set *set,
			 struct vcrypto_session *s);
};

extern const struct vcrypto_sym_family vcrypto_sym_cipher;
extern const struct vcrypto_sym_family vcrypto_sym_auth;
extern const struct vcrypto_sym_family vcrypto_sym_chain;
extern const struct vcrypto_sym_family vcrypto_sym_aead;
/* In probe order (virtio_crypto_sym_registry.c). */
extern const struct vcrypto_sym_family *const vcrypto_sym_families[];
extern const unsigned int vcrypto_nb_sym_families;

/* For the families' sessions (virtio_crypto_session.c). */
int vcrypto_session_create(struct vcrypto_hw *hw,
			   const struct virtio_crypto_op_ctrl_req *req,
			   const struct vcrypto_ctrl_keys *keys,
			   struct vcrypto_session *s);
/* A verify session on a device that checks digests itself. */
void vcrypto_session_device_verify(const struct vcrypto_hw *hw,
				   struct vcrypto_session *s);

static inline uint32_t
vcrypto_virtio_cipher_op(const struct rte_crypto_cipher_xform *x)
{
	return x->op == RTE_CRYPTO_CIPHER_OP_ENCRYPT ?
		VIRTIO_CRYPTO_OP_ENCRYPT : VIRTIO_CRYPTO_OP_DECRYPT;
}

/* Whether the device advertises a hash or MAC (the auth family). */
bool vcrypto_auth_advertised(const struct vcrypto_hw *hw,
			     const struct vcrypto_auth_algo *a);
/*
 * Whether the device performs a chained with a cipher (the chain family):
 * by running ops when probing, the first time also finding the chaining
 * modes; else from what it advertises. *device_silent: it left an op
 * unanswered, and is asked no more.
 */
bool vcrypto_chain_probe_auth(struct vcrypto_hw *hw,
			      const struct vcrypto_auth_algo *a,
			      bool *device_silent);

/* Length rules of a cipher the device would fail an op for anyway. */
void vcrypto_cipher_len_rules(struct vcrypto_session *s,
			      const struct vcrypto_cipher_algo *algo);

void vcrypto_cipher_session_init(struct vcrypto_session *s,
				 const struct vcrypto_cipher_algo *algo,
				 const struct rte_crypto_cipher_xform *x);
void vcrypto_auth_session_init(struct vcrypto_session *s,
			       const struct vcrypto_auth_algo *algo,
			       const struct rte_crypto_auth_xform *x);
void vcrypto_chain_session_init(struct vcrypto_session *s,
				const struct vcrypto_cipher_algo *calgo,
				const struct rte_crypto_cipher_xform *c,
				const struct rte_crypto_auth_xform *a,
				bool cipher_first);
void vcrypto_aead_session_init(struct vcrypto_session *s,
			       const struct vcrypto_aead_algo *algo,
			       const struct rte_crypto_aead_xform *x);
void vcrypto_gmac_session_init(struct vcrypto_session *s,
			       const struct rte_crypto_auth_xform *x);

int vcrypto_encode_cipher(const struct vcrypto_session *s,
			  struct rte_crypto_op *op,
			  struct vcrypto_data_slot *slot, uint64_t slot_iova,
			  struct vq_buf *bufs,
			  const struct vcrypto_op_limits *lim);
int vcrypto_encode_auth(const struct vcrypto_session *s,
			struct rte_crypto_op *op,
			struct vcrypto_data_slot *slot, uint64_t slot_iova,
			struct vq_buf *bufs,
			const struct vcrypto_op_limits *lim);
int vcrypto_encode_chain(const struct vcrypto_session *s,
			 struct rte_crypto_op *op,
			 struct vcrypto_data_slot *slot, uint64_t slot_iova,
			 struct vq_buf *bufs,
			 const struct vcrypto_op_limits *lim);
int vcrypto_encode_aead(const struct vcrypto_session *s,
			struct rte_crypto_op *op,
			struct vcrypto_data_slot *slot, uint64_t slot_iova,
			struct vq_buf *bufs,
			const struct vcrypto_op_limits *lim);
int vcrypto_encode_gmac(const struct vcrypto_session *s,
			struct rte_crypto_op *op,
			struct vcrypto_data_slot *slot, uint64_t slot_iova,
			struct vq_buf *bufs,
			const struct vcrypto_op_limits *lim);

/*
 * The cipher region in bytes. 3GPP algorithms count in bits in DPDK; the
 * device counts bytes, so only whole bytes can be expressed.
 */
static inline bool
vcrypto_cipher_region(const struct vcrypto_session *s,
		      const struct rte_crypto_sym_op *sym, uint32_t *off,
		      uint32_t *len)
{
	*off = sym->cipher.data.offset;
	*len = sym->cipher.data.length;
	if (likely(!s->bit_lengths))
		return true;
	if (((*off | *len) & 7) != 0)
		return false;
	*off >>= 3;
	*len >>= 3;
	return true;
}

/*
 * A cipher-only op's region, checked against the cipher's length rules
 * and the device's max_size; fills the request's lengths (src and dst
 * always equal: newer QEMU insists).
 */
static inline bool
vcrypto_cipher_span(const struct vcrypto_session *s,
		    const struct rte_crypto_sym_op *sym,
		    const struct vcrypto_op_limits *lim,
		    struct virtio_crypto_cipher_para *p, uint32_t *start,
		    uint32_t *len)
{
	if (unlikely(!vcrypto_cipher_region(s, sym, start, len) ||
		     (*len & s->len_align_mask) != 0 || *len < s->min_len ||
		     s->iv_len + 2 * (uint64_t)*len > lim->max_size))
		return false;
	p->src_data_len = rte_cpu_to_le_32(*len);
	p->dst_data_len = rte_cpu_to_le_32(*len);
	return true;
}

/*
 * A chained op's span: from the first byte either step needs to the last,
 * in 64 bits (a 32-bit offset plus length must not wrap). Fills the
 * request's chain parameters. False if the op breaks the cipher's length
 * rules or the device's max_size.
 */
static inline bool
vcrypto_chain_span(const struct vcrypto_session *s,
		   const struct rte_crypto_sym_op *sym,
		   const struct vcrypto_op_limits *lim,
		   struct virtio_crypto_alg_chain_data_para *p,
		   uint32_t *start, uint32_t *len)
{
	uint32_t c_off, c_len, a_off = sym->auth.data.offset;
	uint64_t c_end, a_end, span;

	if (unlikely(!vcrypto_cipher_region(s, sym, &c_off, &c_len)))
		return false;
	c_end = (uint64_t)c_off + c_len;
	a_end = (uint64_t)a_off + sym->auth.data.length;
	*start = RTE_MIN(c_off, a_off);
	span = RTE_MAX(c_end, a_end) - *start;
	if (unlikely((c_len & s->len_align_mask) != 0 || c_len < s->min_len ||
		     span > UINT32_MAX || s->iv_len + 2 * span + s->digest_len >
		     lim->max_size))
		return false;
	*len = (uint32_t)span;
	p->src_data_len = rte_cpu_to_le_32(*len);
	p->dst_data_len = rte_cpu_to_le_32(*len);
	p->cipher_start_src_offset = rte_cpu_to_le_32(c_off - *start);
	p->len_to_cipher = rte_cpu_to_le_32(c_len);
	p->hash_start_src_offset = rte_cpu_to_le_32(a_off - *start);
	p->len_to_hash = rte_cpu_to_le_32(sym->auth.data.length);
	return true;
}

/* Fields every session template has. */
static inline void
vcrypto_tmpl_header(struct vcrypto_session *s, uint32_t opcode, uint32_t algo)
{
	s->tmpl.header.opcode = rte_cpu_to_le_32(opcode);
	s->tmpl.header.algo = rte_cpu_to_le_32(algo);
	s->tmpl.header.session_id = rte_cpu_to_le_64(s->session_id);
}

/*
 * The first buffers: the request header, then the op's IV (copied into
 * the slot) in a buffer of its own. One field per buffer is how DPDK's
 * vhost-user back-end reads a request: it consumes buffers whole, so an
 * IV sharing the header's buffer would be skipped and every later field
 * read one buffer off. Returns the buffer count (1 without an IV).
 */
static inline int
vcrypto_req_bufs(const struct vcrypto_session *s, struct rte_crypto_op *op,
		 struct vcrypto_data_slot *slot, uint64_t slot_iova,
		 struct vq_buf *bufs)
{
	slot->req = s->tmpl;
	slot->inhdr.status = VCRYPTO_STATUS_UNSET;
	bufs[0] = vcrypto_header_buf(slot_iova);
	if (s->iv_len == 0)
		return 1;
	rte_memcpy(slot->iv, rte_crypto_op_ctod_offset(op, uint8_t *,
		   s->iv_offset), s->iv_len);
	bufs[1] = (struct vq_buf){
		slot_iova + offsetof(struct vcrypto_data_slot, iv), s->iv_len, 0 };
	return 2;
}

/*
 * The IOVA of an op's digest or AAD of len bytes. Applications give it;
 * when one left it 0, look it up in EAL's memory map (rte_mem_virt2iova()
 * would read /proc in IOVA-as-PA mode). The device reads or writes it as
 * one buffer: RTE_BAD_IOVA unless EAL's memory holds all of it at
 * contiguous IOVAs (under IOVA as PA, the pages behind a segment's end
 * may be anywhere).
 */
static inline rte_iova_t
vcrypto_user_iova(const void *va, rte_iova_t iova, uint32_t len)
{
	const struct rte_memseg *ms;
	const uint8_t *at, *end;
	rte_iova_t first;

	if (likely(iova != 0))
		return iova;
	ms = va == NULL ? NULL : rte_mem_virt2memseg(va, NULL);
	if (ms == NULL || ms->iova == RTE_BAD_IOVA)
		return RTE_BAD_IOVA;
	end = (const uint8_t *)va + len;
	first = ms->iova + RTE_PTR_DIFF(va, ms->addr);
	/* Each further segment it reaches must continue the IOVAs. */
	while ((uintptr_t)end - (uintptr_t)ms->addr > ms->len) {
		at = RTE_PTR_ADD(ms->addr, ms->len);
		ms = rte_mem_virt2memseg(at, NULL);
		if (ms == NULL || ms->addr != at ||
		    ms->iova != first + RTE_PTR_DIFF(at, va))
			return RTE_BAD_IOVA;
	}
	return first;
}

/*
 * Where the device writes the digest: the op's digest when generating;
 * the slot when verifying, so the driver compares it with the op's. A
 * device that verifies by itself (DPDK's vhost-user back-end reads the
 * expected digest from this buffer) gets the expected digest there; any
 * other device gets its complement, so a device that answers OK without
 * writing a digest can never pass a verify.
 */
static inline struct vq_buf
vcrypto_digest_out(const struct vcrypto_session *s, const uint8_t *data,
		   rte_iova_t iova, struct vcrypto_data_slot *slot,
		   uint64_t slot_iova)
{
	unsigned int i;

	if (s->meta.verify_len == 0)
		return (struct vq_buf){
			vcrypto_user_iova(data, iova, s->digest_len),
			s->digest_len, VQ_BUF_WRITE };
	if (unlikely(data == NULL))
		return (struct vq_buf){ RTE_BAD_IOVA, 0, 0 };
	if (s->device_verifies)
		rte_memcpy(slot->digest, data, s->meta.verify_len);
	else
		for (i = 0; i < s->meta.verify_len; i++)
			slot->digest[i] = (uint8_t)~data[i];
	return (struct vq_buf){
		slot_iova + offsetof(struct vcrypto_data_slot, digest),
		s->digest_len, VQ_BUF_WRITE };
}

/*
 * End a hash, MAC or chain request whose data took bufs[0..n-1] (n < 0:
 * it did not fit): the digest the device writes, then the status byte.
 * Returns the buffer count or a negated op status.
 */
/* Whether two IOVA ranges share a byte. */
static inline bool
vcrypto_iova_overlap(uint64_t a, uint32_t a_len, uint64_t b, uint32_t b_len)
{
	return a < b + b_len && b < a + a_len;
}

/*
 * Whether the device would write the digest into bytes it also writes as
 * data: DPDK's "digest encrypted" layout (the digest inside the cipher
 * region), which this driver does not offer. The device would write
 * those bytes twice, in an order nobody promises.
 */
static inline bool
vcrypto_digest_in_output(const struct vq_buf *digest, const struct vq_buf *bufs,
			 int n)
{
	int i;

	if (!(digest->flags & VQ_BUF_WRITE))
		return false;
	for (i = 0; i < n; i++)
		if ((bufs[i].flags & VQ_BUF_WRITE) &&
		    vcrypto_iova_overlap(digest->iova, digest->len,
					 bufs[i].iova, bufs[i].len))
			return true;
	return false;
}

static inline int
vcrypto_digest_and_status(const struct vcrypto_session *s,
			  const struct rte_crypto_sym_op *sym,
			  struct vq_buf *bufs, int n,
			  struct vcrypto_data_slot *slot, uint64_t slot_iova)
{
	if (unlikely(n < 0))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	bufs[n] = vcrypto_digest_out(s, sym->auth.digest.data,
				     sym->auth.digest.phys_addr, slot, slot_iova);
	if (unlikely(bufs[n].iova == RTE_BAD_IOVA ||
		     vcrypto_digest_in_output(&bufs[n], bufs, n)))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	bufs[n + 1] = vcrypto_status_buf(slot_iova);
	return n + 2;
}

#endif /* VIRTIO_CRYPTO_SYM_H */
