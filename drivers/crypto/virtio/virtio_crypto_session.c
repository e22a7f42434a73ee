/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <errno.h>
#include <string.h>

#include <cryptodev_pmd.h>
#include <rte_byteorder.h>

#include "virtio_crypto_algos.h"
#include "virtio_crypto_caps.h"
#include "virtio_crypto_ctrlq.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_session.h"
#include "virtio_crypto_sym.h"

unsigned int
vcrypto_sym_session_get_size(struct rte_cryptodev *dev __rte_unused)
{
	return sizeof(struct vcrypto_session);
}

void
vcrypto_cipher_session_req(struct virtio_crypto_op_ctrl_req *req, uint32_t algo,
		   uint32_t key_len, uint32_t op)
{
	struct virtio_crypto_cipher_session_para *para =
		&req->u.sym_create_session.u.cipher.para;

	memset(req, 0, sizeof(*req));
	req->header.opcode = rte_cpu_to_le_32(VIRTIO_CRYPTO_CIPHER_CREATE_SESSION);
	req->header.algo = rte_cpu_to_le_32(algo);
	req->u.sym_create_session.op_type =
		rte_cpu_to_le_32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	para->algo = rte_cpu_to_le_32(algo);
	para->keylen = rte_cpu_to_le_32(key_len);
	para->op = rte_cpu_to_le_32(op);
}

int
vcrypto_session_probe_cipher(struct vcrypto_hw *hw, uint32_t virtio_algo,
			     uint32_t key_len)
{
	static const uint8_t zero_key[VCRYPTO_MAX_CIPHER_KEY];
	struct virtio_crypto_op_ctrl_req req;
	struct vcrypto_ctrl_keys keys = { zero_key, key_len, NULL, 0 };
	uint64_t id;
	int ret;

	if (key_len > sizeof(zero_key))
		return -EINVAL;
	vcrypto_cipher_session_req(&req, virtio_algo, key_len, VIRTIO_CRYPTO_OP_ENCRYPT);
	ret = vcrypto_ctrlq_create_session(hw, &req, &keys, &id);
	if (ret == 0)
		vcrypto_ctrlq_destroy_session(hw,
			VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, id);
	return ret;
}

static int
cipher_session(struct vcrypto_hw *hw, const struct rte_crypto_cipher_xform *x,
	       struct vcrypto_session *s)
{
	const struct vcrypto_cipher_algo *algo;
	struct virtio_crypto_op_ctrl_req req;
	struct vcrypto_ctrl_keys keys = { x->key.data, x->key.length, NULL, 0 };
	uint32_t op = x->op == RTE_CRYPTO_CIPHER_OP_ENCRYPT ?
		VIRTIO_CRYPTO_OP_ENCRYPT : VIRTIO_CRYPTO_OP_DECRYPT;
	int ret;

	algo = vcrypto_cipher_algo_find(x->algo);
	if (algo == NULL || !vcrypto_caps_has_cipher(hw, x->algo))
		return -ENOTSUP;
	if (!vcrypto_caps_cipher_sizes_ok(hw, x->algo, x->key.length,
					  x->iv.length))
		return -EINVAL;

	vcrypto_cipher_session_req(&req, algo->virtio, x->key.length, op);
	ret = vcrypto_ctrlq_create_session(hw, &req, &keys, &s->session_id);
	if (ret != 0)
		return ret;
	vcrypto_cipher_session_init(s, algo, x, s->session_id);
	return 0;
}

void
vcrypto_cipher_session_init(struct vcrypto_session *s,
			    const struct vcrypto_cipher_algo *algo,
			    const struct rte_crypto_cipher_xform *x,
			    uint64_t session_id)
{
	uint32_t opcode = x->op == RTE_CRYPTO_CIPHER_OP_ENCRYPT ?
		VIRTIO_CRYPTO_CIPHER_ENCRYPT : VIRTIO_CRYPTO_CIPHER_DECRYPT;

	s->session_id = session_id;
	s->destroy_opcode = VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION;
	s->iv_offset = x->iv.offset;
	s->iv_len = x->iv.length;
	s->len_align_mask = algo->whole_blocks ? algo->block_size - 1u : 0;
	s->min_len = x->algo == RTE_CRYPTO_CIPHER_AES_XTS ? 16 : 0;
	s->encode = vcrypto_encode_cipher;

	s->tmpl.header.opcode = rte_cpu_to_le_32(opcode);
	s->tmpl.header.algo = rte_cpu_to_le_32(algo->virtio);
	s->tmpl.header.session_id = rte_cpu_to_le_64(session_id);
	s->tmpl.u.sym_req.op_type = rte_cpu_to_le_32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	s->tmpl.u.sym_req.u.cipher.para.iv_len = rte_cpu_to_le_32(x->iv.length);
}

int
vcrypto_sym_session_configure(struct rte_cryptodev *dev,
			      struct rte_crypto_sym_xform *xform,
			      struct rte_cryptodev_sym_session *sess)
{
	struct vcrypto_hw *hw = dev->data->dev_private;
	struct vcrypto_session *s = CRYPTODEV_GET_SYM_SESS_PRIV(sess);
	int ret;

	if (xform == NULL)
		return -EINVAL;
	memset(s, 0, sizeof(*s));
	if (!hw->driver_ok) {
		VCRYPTO_DEV_LOG(ERR, hw->name, "session before configure");
		return -EINVAL;
	}
	if (xform->type == RTE_CRYPTO_SYM_XFORM_CIPHER && xform->next == NULL)
		ret = cipher_session(hw, &xform->cipher, s);
	else
		ret = -ENOTSUP;
	if (ret != 0) {
		VCRYPTO_DEV_LOG(DEBUG, hw->name, "session not created: %d", ret);
		return ret;
	}
	s->generation = hw->generation;
	return 0;
}

void
vcrypto_sym_session_clear(struct rte_cryptodev *dev,
			  struct rte_cryptodev_sym_session *sess)
{
	struct vcrypto_hw *hw = dev->data->dev_private;
	struct vcrypto_session *s = CRYPTODEV_GET_SYM_SESS_PRIV(sess);
	int ret;

	/* A session from before the last reset no longer exists there. */
	if (s->encode != NULL && s->generation == hw->generation &&
	    hw->driver_ok) {
		ret = vcrypto_ctrlq_destroy_session(hw, s->destroy_opcode,
						    s->session_id);
		if (ret != 0)
			VCRYPTO_DEV_LOG(ERR, hw->name,
				"destroying session %" PRIu64 ": %d",
				s->session_id, ret);
	}
	memset(s, 0, sizeof(*s));
}
