/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_DEV_H
#define VIRTIO_CRYPTO_DEV_H

/* The cryptodev: DPDK's device operations over one virtio-crypto device. */

#include <rte_cryptodev.h>

#define VCRYPTO_DRIVER_NAME crypto_virtio

struct vcrypto_hw;
struct vcrypto_options;

extern struct rte_cryptodev_ops vcrypto_dev_ops;
/* The cryptodev driver id of crypto_virtio, for every device it drives. */
extern uint8_t vcrypto_driver_id;

/* Connects hw to its device: sets hw->ops and hw->transport_priv. */
typedef int (*vcrypto_attach_fn)(struct vcrypto_hw *hw, void *arg);
/* Releases what attach took; hw may be a copy of the device's. */
typedef void (*vcrypto_detach_fn)(struct vcrypto_hw *hw);

/*
 * Create the cryptodev of one virtio-crypto device behind any transport:
 * attach it, learn the device, build capabilities, leave it reset. On
 * failure everything is released and rte_errno says why.
 */
struct rte_cryptodev *vcrypto_dev_create(struct rte_device *device,
					 int socket_id,
					 const struct vcrypto_options *opts,
					 vcrypto_attach_fn attach,
					 vcrypto_detach_fn detach, void *arg);
/* Stop, close and destroy it, then detach the transport. */
int vcrypto_dev_destroy(struct rte_cryptodev *dev, vcrypto_detach_fn detach);

#endif /* VIRTIO_CRYPTO_DEV_H */
