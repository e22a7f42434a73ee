/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_SESSION_REQ_H
#define VIRTIO_CRYPTO_SESSION_REQ_H

/*
 * Control requests, in the fixed padded layouts of <linux/virtio_crypto.h>
 * (VIRTIO_CRYPTO_F_REVISION_1 is never negotiated). Key bytes follow the
 * request in their own buffer: cipher key first, then auth key. Each
 * family builds its own (virtio_crypto_sym_*.c).
 */

#include <stdint.h>
#include <string.h>

#include <linux/virtio_crypto.h>

#include <rte_byteorder.h>

/* A zeroed request with its header; queue_id (reserved) stays 0. */
static inline void
vcrypto_req_header(struct virtio_crypto_op_ctrl_req *req, uint32_t opcode,
		   uint32_t algo)
{
	memset(req, 0, sizeof(*req));
	req->header.opcode = rte_cpu_to_le_32(opcode);
	req->header.algo = rte_cpu_to_le_32(algo);
}

/* The cipher parameters a cipher and a chained session share. */
void vcrypto_req_cipher_para(struct virtio_crypto_cipher_session_para *p,
			     uint32_t algo, uint32_t key_len, uint32_t op);

void vcrypto_req_cipher_session(struct virtio_crypto_op_ctrl_req *req,
				uint32_t algo, uint32_t key_len, uint32_t op);
void vcrypto_req_hash_session(struct virtio_crypto_op_ctrl_req *req,
			      uint32_t algo, uint32_t digest_len);
void vcrypto_req_mac_session(struct virtio_crypto_op_ctrl_req *req,
			     uint32_t algo, uint32_t digest_len,
			     uint32_t key_len);
void vcrypto_req_aead_session(struct virtio_crypto_op_ctrl_req *req,
			      uint32_t algo, uint32_t key_len,
			      uint32_t digest_len, uint32_t aad_len,
			      uint32_t op);

/* The hash or MAC half of a chained session. */
struct vcrypto_chain_auth {
	uint32_t service;	/* VIRTIO_CRYPTO_SERVICE_HASH or _MAC */
	uint32_t algo;
	uint32_t digest_len;
	uint32_t key_len;	/* MAC only */
};

void vcrypto_req_chain_session(struct virtio_crypto_op_ctrl_req *req,
			       uint32_t order, uint32_t cipher_algo,
			       uint32_t cipher_key_len, uint32_t cipher_op,
			       const struct vcrypto_chain_auth *auth);

#endif /* VIRTIO_CRYPTO_SESSION_REQ_H */
