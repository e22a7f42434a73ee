/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_PCI_H
#define VIRTIO_CRYPTO_PCI_H

/* The virtio 1.x PCI ("modern") transport over BARs mapped by the bus. */

struct rte_pci_device;
struct vcrypto_hw;

/* Find the virtio capabilities and set hw->ops; 0 or a negative errno. */
int vcrypto_pci_init(struct vcrypto_hw *hw, struct rte_pci_device *pci);
void vcrypto_pci_uninit(struct vcrypto_hw *hw);

#endif /* VIRTIO_CRYPTO_PCI_H */
