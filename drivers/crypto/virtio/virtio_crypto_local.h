/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_LOCAL_H
#define VIRTIO_CRYPTO_LOCAL_H

/*
 * What each process keeps for itself, by cryptodev id. Device data, queue
 * pairs, rings and sessions live in memory that DPDK's processes share at
 * one address; functions and device mappings do not: each process maps
 * the driver and the device's BARs at its own address. So nothing of
 * this goes into shared memory.
 */

#include <stdbool.h>

#include <rte_cryptodev.h>

#include "vq_split.h"

struct vcrypto_hw;

struct vcrypto_local {
	/*
	 * Notifies the device of new work on a queue, given the queue's
	 * (shared) notify cookie. NULL: this process cannot drive queues.
	 */
	vq_notify_fn notify;
	/*
	 * Secondary: the primary is releasing the queue pairs, bursts on
	 * them are refused (virtio_crypto_secondary.c).
	 */
	bool fenced;
	/* Secondary: releases what the transport mapped for this process. */
	void (*unmap)(const struct vcrypto_hw *hw);
};

extern struct vcrypto_local vcrypto_locals[RTE_CRYPTO_MAX_DEVS];

#endif /* VIRTIO_CRYPTO_LOCAL_H */
