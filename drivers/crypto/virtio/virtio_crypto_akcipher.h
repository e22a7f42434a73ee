/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_AKCIPHER_H
#define VIRTIO_CRYPTO_AKCIPHER_H

/*
 * The akcipher service, RSA: its capability and probe, DPDK asymmetric
 * sessions, and op encoding and completion.
 *
 * A virtio RSA session fixes padding and hash; DPDK names them per op.
 * So a DPDK session holds one device session per (padding, hash) the
 * device performs, all made when it is configured, and each op takes
 * the one its padding and hash name.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_crypto.h>
#include <rte_cryptodev.h>

#include "vq_common.h"

struct vcrypto_hw;
struct vcrypto_qp;
struct vcrypto_op_meta;
struct rte_cryptodev_asym_session;

/* Buffers of an akcipher request: header, src, dst, status. */
#define VCRYPTO_AKCIPHER_BUFS 4

/*
 * Probe which RSA paddings and hashes the device performs (controlq and
 * data queue 0 up) into hw; fill *cap and return 1 if any, else 0.
 * *feature_flags gains the asymmetric flags then.
 */
unsigned int vcrypto_akcipher_caps(struct vcrypto_hw *hw,
				   struct rte_cryptodev_capabilities *cap,
				   uint64_t *feature_flags);

unsigned int vcrypto_asym_session_get_size(struct rte_cryptodev *dev);
int vcrypto_asym_session_configure(struct rte_cryptodev *dev,
				   struct rte_crypto_asym_xform *xform,
				   struct rte_cryptodev_asym_session *sess);
void vcrypto_asym_session_clear(struct rte_cryptodev *dev,
				struct rte_cryptodev_asym_session *sess);

/*
 * Frame an asymmetric op in slot (its bounce buffer holds src and dst)
 * into bufs[VCRYPTO_AKCIPHER_BUFS] and *meta. Returns the number of
 * buffers, or a negated enum rte_crypto_op_status.
 */
int vcrypto_akcipher_encode(const struct vcrypto_qp *qp,
			    struct rte_crypto_op *op, uint32_t generation,
			    uint16_t slot, struct vq_buf *bufs,
			    struct vcrypto_op_meta *meta);

/*
 * Complete an akcipher op from its used entry and status byte: the
 * output copied to the op, its length checked. False if it failed.
 */
bool vcrypto_akcipher_complete(const struct vcrypto_qp *qp,
			       const struct vq_done *d, uint8_t status,
			       uint8_t kind);

#endif /* VIRTIO_CRYPTO_AKCIPHER_H */
