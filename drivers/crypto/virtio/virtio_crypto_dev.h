/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_DEV_H
#define VIRTIO_CRYPTO_DEV_H

/* The cryptodev: DPDK's device operations over one virtio-crypto device. */

#include <rte_cryptodev.h>

#define VCRYPTO_DRIVER_NAME crypto_virtio

struct vcrypto_hw;

extern struct rte_cryptodev_ops vcrypto_dev_ops;

/*
 * Finish a cryptodev whose hw has a transport: learn the device, build
 * capabilities, leave it reset. On failure nothing stays allocated but
 * the transport.
 */
int vcrypto_dev_init(struct rte_cryptodev *dev);
/*
 * Free what vcrypto_dev_init took, once the cryptodev is destroyed (its
 * close already reset the device): hw is a copy of its private data.
 */
void vcrypto_dev_uninit_hw(struct vcrypto_hw *hw);

#endif /* VIRTIO_CRYPTO_DEV_H */
