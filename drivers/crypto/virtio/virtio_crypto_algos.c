/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <linux/virtio_crypto.h>

#include <rte_common.h>

#include "virtio_crypto_algos.h"

#define SIZES(mn, mx, inc) { .min = (mn), .max = (mx), .increment = (inc) }

/*
 * Key and IV sizes are those of the algorithm itself; a device narrows
 * them (max_cipher_key_len, probing). 3DES takes 16-byte (two-key) and
 * 24-byte keys as DPDK does; XTS keys are two AES keys.
 */
const struct vcrypto_cipher_algo vcrypto_cipher_algos[] = {
	{ RTE_CRYPTO_CIPHER_AES_CBC, VIRTIO_CRYPTO_CIPHER_AES_CBC, "aes-cbc",
	  16, 1, SIZES(16, 32, 8), SIZES(16, 16, 0) },
	{ RTE_CRYPTO_CIPHER_AES_ECB, VIRTIO_CRYPTO_CIPHER_AES_ECB, "aes-ecb",
	  16, 1, SIZES(16, 32, 8), SIZES(0, 0, 0) },
	{ RTE_CRYPTO_CIPHER_AES_CTR, VIRTIO_CRYPTO_CIPHER_AES_CTR, "aes-ctr",
	  16, 0, SIZES(16, 32, 8), SIZES(16, 16, 0) },
	{ RTE_CRYPTO_CIPHER_AES_XTS, VIRTIO_CRYPTO_CIPHER_AES_XTS, "aes-xts",
	  16, 0, SIZES(32, 64, 32), SIZES(16, 16, 0) },
	{ RTE_CRYPTO_CIPHER_AES_F8, VIRTIO_CRYPTO_CIPHER_AES_F8, "aes-f8",
	  16, 0, SIZES(16, 32, 8), SIZES(16, 16, 0) },
	{ RTE_CRYPTO_CIPHER_DES_CBC, VIRTIO_CRYPTO_CIPHER_DES_CBC, "des-cbc",
	  8, 1, SIZES(8, 8, 0), SIZES(8, 8, 0) },
	{ RTE_CRYPTO_CIPHER_3DES_ECB, VIRTIO_CRYPTO_CIPHER_3DES_ECB, "3des-ecb",
	  8, 1, SIZES(16, 24, 8), SIZES(0, 0, 0) },
	{ RTE_CRYPTO_CIPHER_3DES_CBC, VIRTIO_CRYPTO_CIPHER_3DES_CBC, "3des-cbc",
	  8, 1, SIZES(16, 24, 8), SIZES(8, 8, 0) },
	{ RTE_CRYPTO_CIPHER_3DES_CTR, VIRTIO_CRYPTO_CIPHER_3DES_CTR, "3des-ctr",
	  8, 0, SIZES(16, 24, 8), SIZES(8, 8, 0) },
	{ RTE_CRYPTO_CIPHER_ARC4, VIRTIO_CRYPTO_CIPHER_ARC4, "arc4",
	  1, 0, SIZES(1, 256, 1), SIZES(0, 0, 0) },
	{ RTE_CRYPTO_CIPHER_KASUMI_F8, VIRTIO_CRYPTO_CIPHER_KASUMI_F8,
	  "kasumi-f8", 8, 0, SIZES(16, 16, 0), SIZES(8, 8, 0) },
	{ RTE_CRYPTO_CIPHER_SNOW3G_UEA2, VIRTIO_CRYPTO_CIPHER_SNOW3G_UEA2,
	  "snow3g-uea2", 16, 0, SIZES(16, 16, 0), SIZES(16, 16, 0) },
	{ RTE_CRYPTO_CIPHER_ZUC_EEA3, VIRTIO_CRYPTO_CIPHER_ZUC_EEA3,
	  "zuc-eea3", 16, 0, SIZES(16, 16, 0), SIZES(16, 16, 0) },
};

const unsigned int vcrypto_nb_cipher_algos = RTE_DIM(vcrypto_cipher_algos);

const struct vcrypto_cipher_algo *
vcrypto_cipher_algo_find(enum rte_crypto_cipher_algorithm algo)
{
	unsigned int i;

	for (i = 0; i < vcrypto_nb_cipher_algos; i++)
		if (vcrypto_cipher_algos[i].rte == algo)
			return &vcrypto_cipher_algos[i];
	return NULL;
}
