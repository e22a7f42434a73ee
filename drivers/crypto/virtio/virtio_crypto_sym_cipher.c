/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The cipher family (VIRTIO_CRYPTO_SYM_OP_CIPHER): its algorithms, their
 * probe, session requests and sessions (a cipher alone, or chained with
 * NULL auth), and op encoding.
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
 * Key and IV sizes are those of the algorithm itself; a device narrows
 * them (max_cipher_key_len, probing). 3DES takes 16-byte (two-key) and
 * 24-byte keys as DPDK does; XTS keys are two AES keys.
 */
const struct vcrypto_cipher_algo vcrypto_cipher_algos[] = {
	{ RTE_CRYPTO_CIPHER_AES_CBC, VIRTIO_CRYPTO_CIPHER_AES_CBC, "aes-cbc",
	  16, 1, 0, SIZES(16, 32, 8), SIZES(16, 16, 0) },
	{ RTE_CRYPTO_CIPHER_AES_ECB, VIRTIO_CRYPTO_CIPHER_AES_ECB, "aes-ecb",
	  16, 1, 0, SIZES(16, 32, 8), SIZES(0, 0, 0) },
	{ RTE_CRYPTO_CIPHER_AES_CTR, VIRTIO_CRYPTO_CIPHER_AES_CTR, "aes-ctr",
	  16, 0, 0, SIZES(16, 32, 8), SIZES(16, 16, 0) },
	{ RTE_CRYPTO_CIPHER_AES_XTS, VIRTIO_CRYPTO_CIPHER_AES_XTS, "aes-xts",
	  16, 0, 0, SIZES(32, 64, 32), SIZES(16, 16, 0) },
	{ RTE_CRYPTO_CIPHER_AES_F8, VIRTIO_CRYPTO_CIPHER_AES_F8, "aes-f8",
	  16, 0, 0, SIZES(16, 32, 8), SIZES(16, 16, 0) },
	{ RTE_CRYPTO_CIPHER_DES_CBC, VIRTIO_CRYPTO_CIPHER_DES_CBC, "des-cbc",
	  8, 1, 0, SIZES(8, 8, 0), SIZES(8, 8, 0) },
	{ RTE_CRYPTO_CIPHER_3DES_ECB, VIRTIO_CRYPTO_CIPHER_3DES_ECB, "3des-ecb",
	  8, 1, 0, SIZES(16, 24, 8), SIZES(0, 0, 0) },
	{ RTE_CRYPTO_CIPHER_3DES_CBC, VIRTIO_CRYPTO_CIPHER_3DES_CBC, "3des-cbc",
	  8, 1, 0, SIZES(16, 24, 8), SIZES(8, 8, 0) },
	{ RTE_CRYPTO_CIPHER_3DES_CTR, VIRTIO_CRYPTO_CIPHER_3DES_CTR, "3des-ctr",
	  8, 0, 0, SIZES(16, 24, 8), SIZES(8, 8, 0) },
	{ RTE_CRYPTO_CIPHER_ARC4, VIRTIO_CRYPTO_CIPHER_ARC4, "arc4",
	  1, 0, 0, SIZES(1, 256, 1), SIZES(0, 0, 0) },
	{ RTE_CRYPTO_CIPHER_KASUMI_F8, VIRTIO_CRYPTO_CIPHER_KASUMI_F8,
	  "kasumi-f8", 8, 0, 1, SIZES(16, 16, 0), SIZES(8, 8, 0) },
	{ RTE_CRYPTO_CIPHER_SNOW3G_UEA2, VIRTIO_CRYPTO_CIPHER_SNOW3G_UEA2,
	  "snow3g-uea2", 16, 0, 1, SIZES(16, 16, 0), SIZES(16, 16, 0) },
	{ RTE_CRYPTO_CIPHER_ZUC_EEA3, VIRTIO_CRYPTO_CIPHER_ZUC_EEA3,
	  "zuc-eea3", 16, 0, 1, SIZES(16, 16, 0), SIZES(16, 16, 0) },
};

const unsigned int vcrypto_nb_cipher_algos = RTE_DIM(vcrypto_cipher_algos);

void
vcrypto_req_cipher_para(struct virtio_crypto_cipher_session_para *p,
			uint32_t algo, uint32_t key_len, uint32_t op)
{
	p->algo = rte_cpu_to_le_32(algo);
	p->keylen = rte_cpu_to_le_32(key_len);
	p->op = rte_cpu_to_le_32(op);
}

void
vcrypto_req_cipher_session(struct virtio_crypto_op_ctrl_req *req,
			   uint32_t algo, uint32_t key_len, uint32_t op)
{
	vcrypto_req_header(req, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, algo);
	req->u.sym_create_session.op_type =
		rte_cpu_to_le_32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	vcrypto_req_cipher_para(&req->u.sym_create_session.u.cipher.para, algo, key_len, op);
}

static void
cipher_probe_req(const void *algo, uint32_t key_len,
		 struct virtio_crypto_op_ctrl_req *req, uint32_t *ck,
		 uint32_t *ak __rte_unused)
{
	const struct vcrypto_cipher_algo *a = algo;

	vcrypto_req_cipher_session(req, a->virtio, key_len,
				   VIRTIO_CRYPTO_OP_ENCRYPT);
	*ck = key_len;
}

static unsigned int
cipher_caps(struct vcrypto_hw *hw, struct rte_cryptodev_capabilities *all,
	    unsigned int nb_before, bool *chaining __rte_unused)
{
	struct rte_cryptodev_capabilities *caps = all + nb_before;
	const struct vcrypto_config *c = &hw->cfg;
	unsigned int i, n = 0;

	if (!vcrypto_has_service(hw, VIRTIO_CRYPTO_SERVICE_CIPHER))
		return 0;
	for (i = 0; i < vcrypto_nb_cipher_algos; i++) {
		const struct vcrypto_cipher_algo *a = &vcrypto_cipher_algos[i];
		struct rte_crypto_param_range keys = vcrypto_range_of(&a->key);
		struct rte_cryptodev_capabilities *cap = &caps[n];

		if (!vcrypto_range_limit(&keys, RTE_MIN(c->max_cipher_key_len,
						(uint32_t)VCRYPTO_MAX_CIPHER_KEY)) ||
		    !vcrypto_decide(hw, vcrypto_mask_has(c->cipher_algo_l, c->cipher_algo_h,
					 a->virtio),
			    cipher_probe_req, a, a->name, &keys))
			continue;
		cap->op = RTE_CRYPTO_OP_TYPE_SYMMETRIC;
		cap->sym.xform_type = RTE_CRYPTO_SYM_XFORM_CIPHER;
		cap->sym.cipher.algo = a->rte;
		cap->sym.cipher.block_size = a->block_size;
		cap->sym.cipher.key_size = keys;
		cap->sym.cipher.iv_size = vcrypto_range_of(&a->iv);
		n++;
	}
	return n;
}

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

static int
cipher_session(struct vcrypto_hw *hw, const struct rte_crypto_cipher_xform *x,
	       struct vcrypto_session *s)
{
	const struct vcrypto_cipher_algo *algo;
	struct virtio_crypto_op_ctrl_req req;
	struct vcrypto_ctrl_keys keys = { x->key.data, x->key.length, NULL, 0 };
	int ret;

	ret = vcrypto_caps_check_cipher(hw, x);
	if (ret != 0)
		return ret;
	algo = vcrypto_cipher_algo_find(x->algo);
	vcrypto_req_cipher_session(&req, algo->virtio, x->key.length,
				   vcrypto_virtio_cipher_op(x));
	ret = vcrypto_session_create(hw, &req, &keys, s);
	if (ret == 0)
		vcrypto_cipher_session_init(s, algo, x);
	return ret;
}

/* A cipher alone, or chained with NULL auth (see cipher_configure()). */
static bool
cipher_takes(const struct vcrypto_xform_set *set)
{
	return set->cipher != NULL && set->aead == NULL &&
		(set->auth == NULL || set->auth->algo == RTE_CRYPTO_AUTH_NULL);
}

/*
 * A cipher chained with NULL auth (no key, no digest) is the cipher alone:
 * the auth half gives the device nothing to do. ipsec-secgw builds its
 * ESP without integrity this way, and a device without chaining serves
 * it. NULL auth alone would be an op the device never sees: refused.
 */
static int
cipher_configure(struct vcrypto_hw *hw, const struct vcrypto_xform_set *set,
		 struct vcrypto_session *s)
{
	int ret;

	if (set->auth != NULL) {
		ret = vcrypto_caps_check_auth(hw, set->auth);
		if (ret != 0)
			return ret;
	}
	return cipher_session(hw, set->cipher, s);
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

const struct vcrypto_sym_family vcrypto_sym_cipher = {
	.name = "cipher",
	.max_caps = RTE_DIM(vcrypto_cipher_algos),
	.caps = cipher_caps,
	.takes = cipher_takes,
	.configure = cipher_configure,
};
