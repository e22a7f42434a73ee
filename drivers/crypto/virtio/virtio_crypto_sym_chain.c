/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The chain family: cipher and hash/MAC chained
 * (VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING): which chains the device
 * performs (asked by the hash and MAC family for each of its algorithms),
 * session requests, sessions, and op encoding.
 * The request carries one region of the source, from the first byte
 * either step needs to the last; both steps' offsets are relative to it.
 * CIPHER_THEN_HASH hashes the cipher's output (encrypt-then-MAC,
 * decrypt-then-verify); HASH_THEN_CIPHER hashes its input
 * (MAC-then-encrypt, verify-then-decrypt). Which of the four a device
 * performs is probed (virtio_crypto_probe_op.c).
 */

#include <errno.h>

#include <rte_common.h>

#include "virtio_crypto_caps.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_probe_op.h"
#include "virtio_crypto_session_req.h"
#include "virtio_crypto_sgl.h"
#include "virtio_crypto_sym.h"

void
vcrypto_req_chain_session(struct virtio_crypto_op_ctrl_req *req,
			  uint32_t order, uint32_t cipher_algo,
			  uint32_t cipher_key_len, uint32_t cipher_op,
			  const struct vcrypto_chain_auth *auth)
{
	struct virtio_crypto_alg_chain_session_para *p =
		&req->u.sym_create_session.u.chain.para;

	vcrypto_req_header(req, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, cipher_algo);
	req->u.sym_create_session.op_type =
		rte_cpu_to_le_32(VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING);
	p->alg_chain_order = rte_cpu_to_le_32(order);
	vcrypto_req_cipher_para(&p->cipher_param, cipher_algo, cipher_key_len, cipher_op);
	if (auth->service == VIRTIO_CRYPTO_SERVICE_MAC) {
		p->hash_mode = rte_cpu_to_le_32(VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH);
		p->u.mac_param.algo = rte_cpu_to_le_32(auth->algo);
		p->u.mac_param.hash_result_len =
			rte_cpu_to_le_32(auth->digest_len);
		p->u.mac_param.auth_key_len = rte_cpu_to_le_32(auth->key_len);
	} else {
		p->hash_mode = rte_cpu_to_le_32(VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN);
		p->u.hash_param.algo = rte_cpu_to_le_32(auth->algo);
		p->u.hash_param.hash_result_len =
			rte_cpu_to_le_32(auth->digest_len);
	}
	p->aad_len = 0;
}

/*
 * Whether the device performs algo chained with a cipher: by running ops
 * when probing (every chaining mode with the first algorithm that
 * chains), else from what it advertises. Stops trying for good once the
 * device leaves an op unanswered.
 */
bool
vcrypto_chain_probe_auth(struct vcrypto_hw *hw,
			 const struct vcrypto_auth_algo *a, bool *device_silent)
{
	struct vcrypto_chain_probe res;
	bool first = hw->chain_modes == 0;
	int ret;

	if (!hw->opts.probe_caps) {
		hw->chain_modes = VCRYPTO_CHAIN_ALL;
		return vcrypto_auth_advertised(hw, a) &&
			vcrypto_has_service(hw, VIRTIO_CRYPTO_SERVICE_CIPHER);
	}
	if (*device_silent)
		return false;
	ret = vcrypto_probe_chain_op(hw, a, first ? &res : NULL);
	*device_silent = ret < 0;
	if (ret > 0 && first) {
		hw->chain_modes = res.modes;
		hw->device_verifies = res.device_verifies;
		VCRYPTO_DEV_LOG(INFO, hw->name,
			"chaining modes 0x%x (encrypt-then-MAC, MAC-then-encrypt, "
			"verify-then-decrypt, decrypt-then-verify)%s",
			res.modes, res.device_verifies ?
			"; the device verifies digests itself" : "");
	}
	return ret > 0;
}

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

/*
 * The four chaining modes, each where the device performs it: encrypt
 * then MAC the ciphertext, MAC the plaintext then encrypt, verify the
 * ciphertext then decrypt, decrypt then verify the plaintext. Generating
 * goes with encrypting and verifying with decrypting. When the MAC comes
 * before the cipher, the digest is written apart, never encrypted (DPDK's
 * "digest encrypted" layout is not offered).
 */
static bool
chain_mode_ok(const struct vcrypto_hw *hw, const struct vcrypto_xform_set *set)
{
	bool encrypt = set->cipher->op == RTE_CRYPTO_CIPHER_OP_ENCRYPT;
	bool generate = set->auth->op == RTE_CRYPTO_AUTH_OP_GENERATE;
	unsigned int mode;

	if (encrypt != generate)
		return false;
	if (set->cipher_first)
		mode = encrypt ? VCRYPTO_CHAIN_ENCRYPT_THEN_MAC :
			VCRYPTO_CHAIN_DECRYPT_THEN_VERIFY;
	else
		mode = encrypt ? VCRYPTO_CHAIN_MAC_THEN_ENCRYPT :
			VCRYPTO_CHAIN_VERIFY_THEN_DECRYPT;
	return (hw->chain_modes & mode) != 0;
}

static int
chain_configure(struct vcrypto_hw *hw, const struct vcrypto_xform_set *set,
		struct vcrypto_session *s)
{
	const struct rte_crypto_cipher_xform *c = set->cipher;
	const struct rte_crypto_auth_xform *a = set->auth;
	const struct vcrypto_cipher_algo *calgo;
	const struct vcrypto_auth_algo *aalgo;
	struct vcrypto_chain_auth auth;
	struct virtio_crypto_op_ctrl_req req;
	struct vcrypto_ctrl_keys keys = {
		c->key.data, c->key.length, a->key.data, a->key.length };
	int ret;

	if (!chain_mode_ok(hw, set))
		return -ENOTSUP;
	ret = vcrypto_caps_check_cipher(hw, c);
	if (ret == 0)
		ret = vcrypto_caps_check_auth(hw, a);
	if (ret != 0)
		return ret;
	/* GMAC is AEAD on the device: it does not chain. */
	aalgo = vcrypto_auth_algo_find(a->algo);
	if (aalgo == NULL)
		return -ENOTSUP;
	calgo = vcrypto_cipher_algo_find(c->algo);
	auth = (struct vcrypto_chain_auth){ aalgo->service, aalgo->virtio,
		a->digest_length, a->key.length };
	vcrypto_req_chain_session(&req, set->cipher_first ?
		VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH :
		VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER,
		calgo->virtio, c->key.length, vcrypto_virtio_cipher_op(c), &auth);
	ret = vcrypto_session_create(hw, &req, &keys, s);
	if (ret == 0) {
		vcrypto_chain_session_init(s, calgo, c, a, set->cipher_first);
		vcrypto_session_device_verify(hw, s);
	}
	return ret;
}

/* A cipher and a hash or MAC (NULL auth: the cipher family's). */
static bool
chain_takes(const struct vcrypto_xform_set *set)
{
	return set->cipher != NULL && set->auth != NULL &&
		set->auth->algo != RTE_CRYPTO_AUTH_NULL;
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

/* Its capabilities are the ciphers' and the hashes' and MACs'. */
const struct vcrypto_sym_family vcrypto_sym_chain = {
	.name = "chain",
	.max_caps = 0,
	.caps = NULL,
	.takes = chain_takes,
	.configure = chain_configure,
};
