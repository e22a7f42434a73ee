/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_PCI_H
#define VIRTIO_CRYPTO_PCI_H

/* The virtio 1.x PCI ("modern") transport over BARs mapped by the bus. */

#include <stdbool.h>
#include <stdint.h>

#include "vq_split.h"

struct rte_device;
struct rte_pci_device;
struct vcrypto_hw;

/*
 * Find the virtio capabilities and set hw->ops; 0 or a negative errno.
 * hw->ops->close() lets go of what it took.
 */
int vcrypto_pci_init(struct vcrypto_hw *hw, struct rte_pci_device *pci);

/*
 * In a secondary process: map the device's notify BAR for this process
 * and return the notify function that uses that mapping with the queues'
 * shared cookies; NULL (logged) when it cannot be mapped.
 */
vq_notify_fn vcrypto_pci_secondary_map(const struct vcrypto_hw *hw,
				       struct rte_device *device);
void vcrypto_pci_secondary_unmap(const struct vcrypto_hw *hw);

/* notify_off_multiplier as the spec allows it (0 or an even power of 2). */
bool vcrypto_pci_notify_mult_valid(uint32_t mult);
/*
 * Offset of a queue's notify address in a notify area of len bytes, or
 * UINT64_MAX when it (and the 16-bit write there) does not fit.
 */
uint64_t vcrypto_pci_notify_offset(uint16_t notify_off, uint32_t mult,
				   uint32_t len);

#endif /* VIRTIO_CRYPTO_PCI_H */
