/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The AEAD family (VIRTIO_CRYPTO_SERVICE_AEAD): its algorithms, their
 * probe, session requests, sessions and op encoding; and AES-GMAC, which
 * goes to the device as GCM with no plaintext and the authenticated data
 * as AAD.
 *
 * The device reads iv, src, aad and writes dst: encrypting, src is the
 * plaintext and dst the ciphertext followed by the tag; decrypting, src
 * is the ciphertext followed by the tag, dst the plaintext, and a tag
 * mismatch is BADMSG. DPDK keeps the tag apart (op digest): it is one
 * more buffer after the data.
 */

#include <errno.h>
#include <string.h>

#include <rte_common.h>

#include "virtio_crypto_caps.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_session_req.h"
#include "virtio_crypto_sgl.h"
#include "virtio_crypto_sym.h"

#define SIZES(mn, mx, inc) { .min = (mn), .max = (mx), .increment = (inc) }

/*
 * DPDK's CCM layout: the nonce starts one byte into the IV field and the
 * AAD 18 bytes into its buffer (room for B0 and the AAD length); the
 * device takes the bare nonce and AAD.
 */
const struct vcrypto_aead_algo vcrypto_aead_algos[] = {
	{ RTE_CRYPTO_AEAD_AES_GCM, VIRTIO_CRYPTO_AEAD_GCM, "aes-gcm", 16,
	  SIZES(16, 32, 8), SIZES(4, 16, 4), SIZES(0, 65535, 1),
	  SIZES(12, 12, 0), 0, 0 },
	{ RTE_CRYPTO_AEAD_AES_CCM, VIRTIO_CRYPTO_AEAD_CCM, "aes-ccm", 16,
	  SIZES(16, 32, 8), SIZES(4, 16, 2), SIZES(0, 65535 - 18, 1),
	  SIZES(7, 13, 1), 1, 18 },
	{ RTE_CRYPTO_AEAD_CHACHA20_POLY1305, VIRTIO_CRYPTO_AEAD_CHACHA20_POLY1305,
	  "chacha20-poly1305", 64, SIZES(32, 32, 0), SIZES(16, 16, 0),
	  SIZES(0, 65535, 1), SIZES(12, 12, 0), 0, 0 },
};

const unsigned int vcrypto_nb_aead_algos = RTE_DIM(vcrypto_aead_algos);

void
vcrypto_req_aead_session(struct virtio_crypto_op_ctrl_req *req, uint32_t algo,
			 uint32_t key_len, uint32_t digest_len,
			 uint32_t aad_len, uint32_t op)
{
	struct virtio_crypto_aead_session_para *p =
		&req->u.aead_create_session.para;

	vcrypto_req_header(req, VIRTIO_CRYPTO_AEAD_CREATE_SESSION, algo);
	p->algo = rte_cpu_to_le_32(algo);
	p->key_len = rte_cpu_to_le_32(key_len);
	p->hash_result_len = rte_cpu_to_le_32(digest_len);
	p->aad_len = rte_cpu_to_le_32(aad_len);
	p->op = rte_cpu_to_le_32(op);
}

static void
aead_probe_req(const void *algo, uint32_t key_len,
	       struct virtio_crypto_op_ctrl_req *req, uint32_t *ck,
	       uint32_t *ak __rte_unused)
{
	const struct vcrypto_aead_algo *a = algo;

	vcrypto_req_aead_session(req, a->virtio, key_len, a->digest.max, 0,
				 VIRTIO_CRYPTO_OP_ENCRYPT);
	*ck = key_len;
}

/* GMAC rides on GCM (see virtio_crypto_sym_aead.c). */
static void
gmac_cap(struct rte_cryptodev_capabilities *cap,
	 const struct rte_cryptodev_capabilities *gcm)
{
	cap->op = RTE_CRYPTO_OP_TYPE_SYMMETRIC;
	cap->sym.xform_type = RTE_CRYPTO_SYM_XFORM_AUTH;
	cap->sym.auth.algo = RTE_CRYPTO_AUTH_AES_GMAC;
	cap->sym.auth.block_size = 16;
	cap->sym.auth.key_size = gcm->sym.aead.key_size;
	cap->sym.auth.digest_size = gcm->sym.aead.digest_size;
	cap->sym.auth.iv_size = gcm->sym.aead.iv_size;
}

static unsigned int
aead_caps(struct vcrypto_hw *hw, struct rte_cryptodev_capabilities *all,
	  unsigned int nb_before, bool *chaining __rte_unused)
{
	struct rte_cryptodev_capabilities *caps = all + nb_before;
	const struct vcrypto_config *c = &hw->cfg;
	unsigned int i, n = 0;

	if (!vcrypto_has_service(hw, VIRTIO_CRYPTO_SERVICE_AEAD))
		return 0;
	for (i = 0; i < vcrypto_nb_aead_algos; i++) {
		const struct vcrypto_aead_algo *a = &vcrypto_aead_algos[i];
		struct rte_crypto_param_range keys = vcrypto_range_of(&a->key);
		struct rte_cryptodev_capabilities *cap = &caps[n];

		if (!vcrypto_range_limit(&keys, RTE_MIN(c->max_cipher_key_len,
						(uint32_t)VCRYPTO_MAX_CIPHER_KEY)) ||
		    !vcrypto_decide(hw, vcrypto_mask_has(c->aead_algo, 0, a->virtio),
			    aead_probe_req, a, a->name, &keys))
			continue;
		cap->op = RTE_CRYPTO_OP_TYPE_SYMMETRIC;
		cap->sym.xform_type = RTE_CRYPTO_SYM_XFORM_AEAD;
		cap->sym.aead.algo = a->rte;
		cap->sym.aead.block_size = a->block_size;
		cap->sym.aead.key_size = keys;
		cap->sym.aead.digest_size = vcrypto_range_of(&a->digest);
		cap->sym.aead.aad_size = vcrypto_range_of(&a->aad);
		cap->sym.aead.iv_size = vcrypto_range_of(&a->iv);
		n++;
		if (a->rte == RTE_CRYPTO_AEAD_AES_GCM)
			gmac_cap(&caps[n++], cap);
	}
	return n;
}

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

static int
aead_session(struct vcrypto_hw *hw, const struct rte_crypto_aead_xform *x,
	     struct vcrypto_session *s)
{
	const struct vcrypto_aead_algo *algo;
	struct virtio_crypto_op_ctrl_req req;
	struct vcrypto_ctrl_keys keys = { x->key.data, x->key.length, NULL, 0 };
	uint32_t op = x->op == RTE_CRYPTO_AEAD_OP_ENCRYPT ?
		VIRTIO_CRYPTO_OP_ENCRYPT : VIRTIO_CRYPTO_OP_DECRYPT;
	int ret;

	ret = vcrypto_caps_check_aead(hw, x);
	if (ret != 0)
		return ret;
	algo = vcrypto_aead_algo_find(x->algo);
	vcrypto_req_aead_session(&req, algo->virtio, x->key.length,
				 x->digest_length, x->aad_length, op);
	ret = vcrypto_session_create(hw, &req, &keys, s);
	if (ret == 0)
		vcrypto_aead_session_init(s, algo, x);
	return ret;
}

static int
gmac_session(struct vcrypto_hw *hw, const struct rte_crypto_auth_xform *x,
	     struct vcrypto_session *s)
{
	struct virtio_crypto_op_ctrl_req req;
	struct vcrypto_ctrl_keys keys = { x->key.data, x->key.length, NULL, 0 };
	bool generate = x->op == RTE_CRYPTO_AUTH_OP_GENERATE;
	int ret;

	ret = vcrypto_caps_check_auth(hw, x);
	if (ret != 0)
		return ret;
	/*
	 * GMAC is GCM with no plaintext and the data as AAD; the MAC service
	 * has no IV, so it goes to the device as an AEAD session.
	 */
	vcrypto_req_aead_session(&req, VIRTIO_CRYPTO_AEAD_GCM, x->key.length,
		x->digest_length, 0, generate ? VIRTIO_CRYPTO_OP_ENCRYPT :
		VIRTIO_CRYPTO_OP_DECRYPT);
	ret = vcrypto_session_create(hw, &req, &keys, s);
	if (ret == 0)
		vcrypto_gmac_session_init(s, x);
	return ret;
}

/* An AEAD transform, or AES-GMAC alone. */
static bool
aead_takes(const struct vcrypto_xform_set *set)
{
	return set->aead != NULL ||
		(set->auth != NULL && set->cipher == NULL &&
		 set->auth->algo == RTE_CRYPTO_AUTH_AES_GMAC);
}

static int
aead_configure(struct vcrypto_hw *hw, const struct vcrypto_xform_set *set,
	       struct vcrypto_session *s)
{
	if (set->aead != NULL)
		return aead_session(hw, set->aead, s);
	return gmac_session(hw, set->auth, s);
}

const struct vcrypto_sym_family vcrypto_sym_aead = {
	.name = "AEAD",
	.max_caps = RTE_DIM(vcrypto_aead_algos) + 1,	/* GMAC */
	.caps = aead_caps,
	.takes = aead_takes,
	.configure = aead_configure,
};
