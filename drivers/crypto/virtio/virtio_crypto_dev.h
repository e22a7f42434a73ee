/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_DEV_H
#define VIRTIO_CRYPTO_DEV_H

/* The cryptodev: DPDK's device operations over one virtio-crypto device. */

#include <rte_cryptodev.h>

#include "vq_split.h"

#define VCRYPTO_DRIVER_NAME crypto_virtio

struct vcrypto_hw;
struct vcrypto_options;

extern struct rte_cryptodev_ops vcrypto_dev_ops;
/* The cryptodev driver id of crypto_virtio, for every device it drives. */
extern uint8_t vcrypto_driver_id;

/*
 * Connects hw to its device: sets hw->ops and hw->transport_priv; what it
 * takes, hw->ops->close() lets go. On failure it has let go itself.
 */
typedef int (*vcrypto_attach_fn)(struct vcrypto_hw *hw, void *arg);

/*
 * Create the cryptodev of one virtio-crypto device behind any transport:
 * attach it, learn the device, build capabilities, leave it reset. On
 * failure everything is released and rte_errno says why.
 */
struct rte_cryptodev *vcrypto_dev_create(struct rte_device *device,
					 int socket_id,
					 const struct vcrypto_options *opts,
					 vcrypto_attach_fn attach, void *arg);
/* Stop, close and destroy it, then close its transport. */
int vcrypto_dev_destroy(struct rte_cryptodev *dev);

/* What the device is; it reads shared memory only (any process). */
void vcrypto_dev_info_get(struct rte_cryptodev *dev,
			  struct rte_cryptodev_info *info);
/* The queue pairs' counters, summed; no lock (the caller's business). */
void vcrypto_dev_stats_sum(const struct rte_cryptodev *dev,
			   struct rte_cryptodev_stats *stats);

/*
 * In a secondary process, what the transport maps for this process alone:
 * the notify function of its queues (NULL: this process cannot drive
 * them), and its release.
 */
typedef vq_notify_fn (*vcrypto_local_map_fn)(const struct vcrypto_hw *hw,
					     struct rte_device *device);
typedef void (*vcrypto_local_unmap_fn)(const struct vcrypto_hw *hw);

/*
 * In a secondary process: attach to the cryptodev the primary created for
 * device, without touching the device (see virtio_crypto_secondary.c),
 * and let it go again.
 */
int vcrypto_dev_attach_secondary(struct rte_device *device,
				 vcrypto_local_map_fn map,
				 vcrypto_local_unmap_fn unmap);
int vcrypto_dev_detach_secondary(struct rte_cryptodev *dev);
/*
 * Remove a virtual device's cryptodev, by name: destroy it in the
 * primary, detach from it in a secondary. -ENODEV: no such cryptodev.
 */
int vcrypto_vdev_remove(const char *name);
/*
 * In a secondary, at the primary's request: stop entering bursts on dev's
 * queue pairs and wait for those running (0, or -EBUSY if one does not
 * end); and use them again.
 */
int vcrypto_secondary_fence(struct rte_cryptodev *dev);
void vcrypto_secondary_unfence(struct rte_cryptodev *dev);
/* In a secondary, when the primary removes dev: fence and forget it. */
int vcrypto_secondary_forget(struct rte_cryptodev *dev);

#endif /* VIRTIO_CRYPTO_DEV_H */
