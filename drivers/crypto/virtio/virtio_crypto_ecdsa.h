/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_ECDSA_H
#define VIRTIO_CRYPTO_ECDSA_H

/*
 * ECDSA through the akcipher service.
 *
 * A virtio ECDSA session holds its key; DPDK 22.11 gives the curve in
 * the session and the key in each op (pkey to sign, q to verify). So a
 * DPDK session binds up to VCRYPTO_ECDSA_KEYS keys, each to a device
 * session made on the control queue the first time an op names it (a
 * slow path, in the primary process only, under the control lock); ops
 * with a key already bound find it without a lock. The device picks the
 * per-message secret k: an op that gives one is refused.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_crypto.h>
#include <rte_cryptodev.h>

#include "vq_common.h"

struct vcrypto_hw;
struct vcrypto_qp;
struct vcrypto_op_meta;
struct vcrypto_ecdsa_session;

/* Keys one DPDK session binds; an op with another key is refused. */
#define VCRYPTO_ECDSA_KEYS 4

/* Probe the curves (controlq up); fill *cap and return 1 if any, else 0. */
unsigned int vcrypto_ecdsa_caps(struct vcrypto_hw *hw,
				struct rte_cryptodev_capabilities *cap,
				uint64_t *feature_flags);

size_t vcrypto_ecdsa_session_size(void);

/* Under hw->ctrl_lock, into zeroed private data. */
int vcrypto_ecdsa_configure(struct vcrypto_hw *hw,
			    const struct rte_crypto_asym_xform *x,
			    struct vcrypto_ecdsa_session *s);
/* Under hw->ctrl_lock: destroy the device sessions bound. */
void vcrypto_ecdsa_clear(struct vcrypto_hw *hw,
			 struct vcrypto_ecdsa_session *s);

/* As vcrypto_akcipher_encode(), for a valid ECDSA session. */
int vcrypto_ecdsa_encode(const struct vcrypto_qp *qp,
			 struct rte_crypto_op *op,
			 const struct vcrypto_ecdsa_session *s, uint16_t slot,
			 struct vq_buf *bufs, struct vcrypto_op_meta *meta);

/*
 * A successful op: a signature's r and s from the device's written
 * bytes at out. False if they are not a signature on the curve.
 */
bool vcrypto_ecdsa_complete(struct rte_crypto_op *op,
			    const struct vcrypto_ecdsa_session *s,
			    const uint8_t *out, uint32_t written,
			    enum rte_crypto_asym_op_type op_type);

#endif /* VIRTIO_CRYPTO_ECDSA_H */
