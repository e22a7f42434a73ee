/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_SYM_H
#define VIRTIO_CRYPTO_SYM_H

/* Per-service encoders of symmetric data requests. */

#include "virtio_crypto_session.h"

int vcrypto_encode_cipher(const struct vcrypto_session *s,
			  struct rte_crypto_op *op,
			  struct vcrypto_data_slot *slot, uint64_t slot_iova,
			  struct vq_buf *bufs,
			  const struct vcrypto_op_limits *lim);

#endif /* VIRTIO_CRYPTO_SYM_H */
