/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_ALGOS_H
#define VIRTIO_CRYPTO_ALGOS_H

/*
 * The catalogue of algorithms both the virtio-crypto spec and DPDK can
 * express, with what DPDK needs to describe them. Which of them a device
 * has is decided at probe (virtio_crypto_caps.c), never here.
 */

#include <stdint.h>

#include <rte_crypto_sym.h>

struct vcrypto_size_set {
	uint16_t min;
	uint16_t max;
	uint16_t increment;
};

struct vcrypto_cipher_algo {
	enum rte_crypto_cipher_algorithm rte;
	uint32_t virtio;
	const char *name;
	uint16_t block_size;
	/* data length must be a multiple of the block (ECB/CBC modes) */
	uint8_t whole_blocks;
	struct vcrypto_size_set key;
	struct vcrypto_size_set iv;
};

extern const struct vcrypto_cipher_algo vcrypto_cipher_algos[];
extern const unsigned int vcrypto_nb_cipher_algos;

const struct vcrypto_cipher_algo *
vcrypto_cipher_algo_find(enum rte_crypto_cipher_algorithm algo);

#endif /* VIRTIO_CRYPTO_ALGOS_H */
