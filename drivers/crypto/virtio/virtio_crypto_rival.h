/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_RIVAL_H
#define VIRTIO_CRYPTO_RIVAL_H

/*
 * Another driver named crypto_virtio in the same process (DPDK's own,
 * autoloaded from the plugin directory while this one came with -d).
 * EAL offers a device to drivers in the order they registered, so only
 * the first one ever probes: the user is told once which one that is.
 */

/* At probe: this driver won; say so once if another one is loaded. */
void vcrypto_rival_note_probe(const char *devname);

#endif /* VIRTIO_CRYPTO_RIVAL_H */
