/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_SESSION_H
#define VIRTIO_CRYPTO_SESSION_H

/*
 * A DPDK symmetric session mapped onto a device session: the device's
 * session id plus a request template and the per-op encoder chosen once,
 * when the session is configured.
 */

#include <stdint.h>

#include <linux/virtio_crypto.h>

#include <rte_crypto.h>
#include <rte_cryptodev.h>

#include "vq_split.h"

struct vcrypto_hw;
struct vcrypto_session;
struct vcrypto_data_slot;
struct rte_cryptodev_sym_session;

/* Limits the encoder checks an op against. */
struct vcrypto_op_limits {
	uint64_t max_size;	/* device max_size: request bytes in total */
	uint16_t max_bufs;	/* buffers one chain may have */
};

/*
 * Fill slot and bufs[] for op. Returns the number of buffers, or a
 * negated enum rte_crypto_op_status when the op cannot go to the device.
 */
typedef int (*vcrypto_encode_fn)(const struct vcrypto_session *s,
				 struct rte_crypto_op *op,
				 struct vcrypto_data_slot *slot,
				 uint64_t slot_iova, struct vq_buf *bufs,
				 const struct vcrypto_op_limits *lim);

struct vcrypto_session {
	/* header and lengths shared by every op of the session */
	struct virtio_crypto_op_data_req tmpl;
	vcrypto_encode_fn encode;
	uint64_t session_id;
	uint32_t generation;	/* hw->generation when created */
	uint32_t destroy_opcode;
	uint16_t iv_offset;	/* in the op, as DPDK's xform says */
	uint16_t iv_len;
	uint32_t len_align_mask;	/* length must be a multiple of this+1 */
	uint32_t min_len;
};

unsigned int vcrypto_sym_session_get_size(struct rte_cryptodev *dev);
int vcrypto_sym_session_configure(struct rte_cryptodev *dev,
				  struct rte_crypto_sym_xform *xform,
				  struct rte_cryptodev_sym_session *sess);
void vcrypto_sym_session_clear(struct rte_cryptodev *dev,
			       struct rte_cryptodev_sym_session *sess);

struct vcrypto_cipher_algo;

/* The control request creating a cipher-only session. */
void vcrypto_cipher_session_req(struct virtio_crypto_op_ctrl_req *req,
				uint32_t virtio_algo, uint32_t key_len,
				uint32_t virtio_op);
/* Fill s for a cipher-only session the device named session_id. */
void vcrypto_cipher_session_init(struct vcrypto_session *s,
				 const struct vcrypto_cipher_algo *algo,
				 const struct rte_crypto_cipher_xform *x,
				 uint64_t session_id);

/*
 * Create a throw-away cipher session on the device to learn whether it
 * takes algo with key_len: 0 if it does, else a negative errno.
 */
int vcrypto_session_probe_cipher(struct vcrypto_hw *hw, uint32_t virtio_algo,
				 uint32_t key_len);

#endif /* VIRTIO_CRYPTO_SESSION_H */
