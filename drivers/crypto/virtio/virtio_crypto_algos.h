/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_ALGOS_H
#define VIRTIO_CRYPTO_ALGOS_H

/*
 * The catalogue of algorithms both the virtio-crypto spec and DPDK can
 * express, with what DPDK needs to describe them: each family's rows are
 * in its file (virtio_crypto_sym_*.c). Which of them a device has is
 * decided at probe, never here.
 */

#include <stdint.h>

#include <rte_crypto_sym.h>

struct vcrypto_size_set {
	uint16_t min;
	uint16_t max;
	uint16_t increment;
};

/* Each algorithm table entry starts with its DPDK enum (searched by it). */
struct vcrypto_cipher_algo {
	enum rte_crypto_cipher_algorithm rte;
	uint32_t virtio;
	const char *name;
	uint16_t block_size;
	/* data length must be a multiple of the block (ECB/CBC modes) */
	uint8_t whole_blocks;
	/* DPDK gives offset and length in bits (3GPP algorithms) */
	uint8_t bit_lengths;
	struct vcrypto_size_set key;
	struct vcrypto_size_set iv;
};

/* Plain hashes (VIRTIO_CRYPTO_SERVICE_HASH) and MACs (..._MAC). */
struct vcrypto_auth_algo {
	enum rte_crypto_auth_algorithm rte;
	uint32_t virtio;
	uint8_t service;	/* VIRTIO_CRYPTO_SERVICE_HASH or _MAC */
	const char *name;
	uint16_t block_size;
	uint16_t digest_len;	/* full length; shorter ones truncate */
	uint16_t min_digest;	/* shortest truncation DPDK may ask */
	struct vcrypto_size_set key;	/* MACs only */
};

/* AEAD (VIRTIO_CRYPTO_SERVICE_AEAD). */
struct vcrypto_aead_algo {
	enum rte_crypto_aead_algorithm rte;
	uint32_t virtio;
	const char *name;
	uint16_t block_size;
	struct vcrypto_size_set key;
	struct vcrypto_size_set digest;
	struct vcrypto_size_set aad;
	struct vcrypto_size_set iv;
	/* DPDK's layout reserves bytes before the nonce and the AAD (CCM) */
	uint8_t iv_skip;
	uint8_t aad_skip;
};

extern const struct vcrypto_cipher_algo vcrypto_cipher_algos[];
extern const unsigned int vcrypto_nb_cipher_algos;

const struct vcrypto_cipher_algo *
vcrypto_cipher_algo_find(enum rte_crypto_cipher_algorithm algo);

extern const struct vcrypto_auth_algo vcrypto_auth_algos[];
extern const unsigned int vcrypto_nb_auth_algos;

const struct vcrypto_auth_algo *
vcrypto_auth_algo_find(enum rte_crypto_auth_algorithm algo);

extern const struct vcrypto_aead_algo vcrypto_aead_algos[];
extern const unsigned int vcrypto_nb_aead_algos;

const struct vcrypto_aead_algo *
vcrypto_aead_algo_find(enum rte_crypto_aead_algorithm algo);

#endif /* VIRTIO_CRYPTO_ALGOS_H */
