/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_MP_H
#define VIRTIO_CRYPTO_MP_H

/*
 * The primary and its secondaries over EAL's multi-process channel.
 * Before the primary frees a device's queue pairs (close, reconfigure),
 * it fences the device in every secondary: they stop entering bursts on
 * it and wait for the bursts they are in, so no process touches queue
 * memory the primary frees. If the primary then keeps the queue pairs
 * after all (ops still in flight), it lifts the fence again.
 */

#include <rte_cryptodev.h>

/*
 * Primary: fence dev in every secondary and wait for their answers.
 * 0 when each one that answered has stopped; -EBUSY when one could not.
 * A secondary without this driver loaded cannot use the device and does
 * not answer: after the timeout, its silence is taken as consent.
 */
int vcrypto_mp_fence_secondaries(const struct rte_cryptodev *dev);
/* Primary: let the secondaries use dev's queue pairs again. */
void vcrypto_mp_unfence_secondaries(const struct rte_cryptodev *dev);

/*
 * Primary, before it frees the device data: every secondary forgets the
 * device (later calls on it get cryptodev's errors for a device that is
 * not there, rather than reading freed memory).
 */
void vcrypto_mp_remove_secondaries(const struct rte_cryptodev *dev);

/* Secondary: answer the primary's requests (once per process). */
int vcrypto_mp_secondary_init(void);

#endif /* VIRTIO_CRYPTO_MP_H */
