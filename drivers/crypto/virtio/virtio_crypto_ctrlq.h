/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_CTRLQ_H
#define VIRTIO_CRYPTO_CTRLQ_H

/*
 * The control queue: session create and destroy requests, one at a time,
 * each waited for with a bound so a silent device yields an error.
 */

#include <stdint.h>

#include <linux/virtio_crypto.h>

struct vcrypto_hw;
struct vcrypto_ctrlq;

/* Largest keys a control request carries (spec: cipher then auth key). */
#define VCRYPTO_MAX_CIPHER_KEY 64
#define VCRYPTO_MAX_AUTH_KEY 512
/* An akcipher session carries one key: DER, up to an 8192-bit RSA key. */
#define VCRYPTO_MAX_AKCIPHER_KEY 4864

/* akcipher: the key is "cipher", and there is no auth key. */
struct vcrypto_ctrl_keys {
	const uint8_t *cipher;
	uint32_t cipher_len;
	const uint8_t *auth;
	uint32_t auth_len;
};

int vcrypto_ctrlq_create(struct vcrypto_hw *hw, uint16_t qid);
void vcrypto_ctrlq_free(struct vcrypto_ctrlq *cq);

/*
 * Create a session: req is the complete control request, keys the key
 * material following it. On success *session_id is the device's id.
 * Returns 0, -ENOTSUP (device: NOTSUPP), -ENOSPC (no free session),
 * -EINVAL (device: ERR/BADMSG/KEY_REJECTED), -ETIMEDOUT or -EIO.
 */
int vcrypto_ctrlq_create_session(struct vcrypto_hw *hw,
				 const struct virtio_crypto_op_ctrl_req *req,
				 const struct vcrypto_ctrl_keys *keys,
				 uint64_t *session_id);

/* Requests that got no answer in time (0 for a NULL controlq). */
uint64_t vcrypto_ctrlq_timeouts(const struct vcrypto_ctrlq *cq);

/*
 * Sessions made by answers that came after their request timed out, and
 * destroyed when the driver saw them (0 for a NULL controlq).
 */
uint64_t vcrypto_ctrlq_orphans_destroyed(const struct vcrypto_ctrlq *cq);

/* Destroy a session; opcode is the service's DESTROY_SESSION opcode. */
int vcrypto_ctrlq_destroy_session(struct vcrypto_hw *hw, uint32_t opcode,
				  uint64_t session_id);

/*
 * Create a throw-away session on the device from a complete control
 * request, and destroy it: whether the device takes such a session (0),
 * else a negative errno as vcrypto_ctrlq_create_session(). The key bytes
 * are a fixed pattern. For the capability probes.
 */
int vcrypto_ctrlq_probe_session(struct vcrypto_hw *hw,
				const struct virtio_crypto_op_ctrl_req *req,
				uint32_t cipher_key_len,
				uint32_t auth_key_len);

#endif /* VIRTIO_CRYPTO_CTRLQ_H */
