/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <string.h>

#include <rte_byteorder.h>

#include "virtio_crypto_session_req.h"

static void
header(struct virtio_crypto_op_ctrl_req *req, uint32_t opcode, uint32_t algo)
{
	memset(req, 0, sizeof(*req));
	req->header.opcode = rte_cpu_to_le_32(opcode);
	req->header.algo = rte_cpu_to_le_32(algo);
	/* queue_id (reserved in the final spec) stays 0 */
}

static void
cipher_para(struct virtio_crypto_cipher_session_para *p, uint32_t algo,
	    uint32_t key_len, uint32_t op)
{
	p->algo = rte_cpu_to_le_32(algo);
	p->keylen = rte_cpu_to_le_32(key_len);
	p->op = rte_cpu_to_le_32(op);
}

void
vcrypto_req_cipher_session(struct virtio_crypto_op_ctrl_req *req,
			   uint32_t algo, uint32_t key_len, uint32_t op)
{
	header(req, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, algo);
	req->u.sym_create_session.op_type =
		rte_cpu_to_le_32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	cipher_para(&req->u.sym_create_session.u.cipher.para, algo, key_len, op);
}

void
vcrypto_req_hash_session(struct virtio_crypto_op_ctrl_req *req, uint32_t algo,
			 uint32_t digest_len)
{
	struct virtio_crypto_hash_session_para *p =
		&req->u.hash_create_session.para;

	header(req, VIRTIO_CRYPTO_HASH_CREATE_SESSION, algo);
	p->algo = rte_cpu_to_le_32(algo);
	p->hash_result_len = rte_cpu_to_le_32(digest_len);
}

void
vcrypto_req_mac_session(struct virtio_crypto_op_ctrl_req *req, uint32_t algo,
			uint32_t digest_len, uint32_t key_len)
{
	struct virtio_crypto_mac_session_para *p =
		&req->u.mac_create_session.para;

	header(req, VIRTIO_CRYPTO_MAC_CREATE_SESSION, algo);
	p->algo = rte_cpu_to_le_32(algo);
	p->hash_result_len = rte_cpu_to_le_32(digest_len);
	p->auth_key_len = rte_cpu_to_le_32(key_len);
}

void
vcrypto_req_aead_session(struct virtio_crypto_op_ctrl_req *req, uint32_t algo,
			 uint32_t key_len, uint32_t digest_len,
			 uint32_t aad_len, uint32_t op)
{
	struct virtio_crypto_aead_session_para *p =
		&req->u.aead_create_session.para;

	header(req, VIRTIO_CRYPTO_AEAD_CREATE_SESSION, algo);
	p->algo = rte_cpu_to_le_32(algo);
	p->key_len = rte_cpu_to_le_32(key_len);
	p->hash_result_len = rte_cpu_to_le_32(digest_len);
	p->aad_len = rte_cpu_to_le_32(aad_len);
	p->op = rte_cpu_to_le_32(op);
}

void
vcrypto_req_chain_session(struct virtio_crypto_op_ctrl_req *req,
			  uint32_t order, uint32_t cipher_algo,
			  uint32_t cipher_key_len, uint32_t cipher_op,
			  const struct vcrypto_chain_auth *auth)
{
	struct virtio_crypto_alg_chain_session_para *p =
		&req->u.sym_create_session.u.chain.para;

	header(req, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, cipher_algo);
	req->u.sym_create_session.op_type =
		rte_cpu_to_le_32(VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING);
	p->alg_chain_order = rte_cpu_to_le_32(order);
	cipher_para(&p->cipher_param, cipher_algo, cipher_key_len, cipher_op);
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
