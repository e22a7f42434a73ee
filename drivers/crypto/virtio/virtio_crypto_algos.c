/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Lookups in the catalogue. The rows themselves live with their family
 * (virtio_crypto_sym_cipher.c, _sym_auth.c, _sym_aead.c).
 */

#include <string.h>

#include "virtio_crypto_algos.h"

/* Every table entry starts with its DPDK enum: one search serves all. */
static const void *
find_by_rte(const void *table, unsigned int n, size_t stride, int algo)
{
	const char *entry = table;
	unsigned int i;
	int rte;

	for (i = 0; i < n; i++, entry += stride) {
		memcpy(&rte, entry, sizeof(rte));
		if (rte == algo)
			return entry;
	}
	return NULL;
}

const struct vcrypto_cipher_algo *
vcrypto_cipher_algo_find(enum rte_crypto_cipher_algorithm algo)
{
	return find_by_rte(vcrypto_cipher_algos, vcrypto_nb_cipher_algos,
			   sizeof(vcrypto_cipher_algos[0]), algo);
}

const struct vcrypto_auth_algo *
vcrypto_auth_algo_find(enum rte_crypto_auth_algorithm algo)
{
	return find_by_rte(vcrypto_auth_algos, vcrypto_nb_auth_algos,
			   sizeof(vcrypto_auth_algos[0]), algo);
}

const struct vcrypto_aead_algo *
vcrypto_aead_algo_find(enum rte_crypto_aead_algorithm algo)
{
	return find_by_rte(vcrypto_aead_algos, vcrypto_nb_aead_algos,
			   sizeof(vcrypto_aead_algos[0]), algo);
}
