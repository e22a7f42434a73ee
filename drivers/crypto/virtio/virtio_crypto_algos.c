/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <string.h>

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
	  16, 1, 0, SIZES(16, 32, 8), SIZES(16, 16, 0) },
	{ RTE_CRYPTO_CIPHER_AES_ECB, VIRTIO_CRYPTO_CIPHER_AES_ECB, "aes-ecb",
	  16, 1, 0, SIZES(16, 32, 8), SIZES(0, 0, 0) },
	{ RTE_CRYPTO_CIPHER_AES_CTR, VIRTIO_CRYPTO_CIPHER_AES_CTR, "aes-ctr",
	  16, 0, 0, SIZES(16, 32, 8), SIZES(16, 16, 0) },
	{ RTE_CRYPTO_CIPHER_AES_XTS, VIRTIO_CRYPTO_CIPHER_AES_XTS, "aes-xts",
	  16, 0, 0, SIZES(32, 64, 32), SIZES(16, 16, 0) },
	{ RTE_CRYPTO_CIPHER_AES_F8, VIRTIO_CRYPTO_CIPHER_AES_F8, "aes-f8",
	  16, 0, 0, SIZES(16, 32, 8), SIZES(16, 16, 0) },
	{ RTE_CRYPTO_CIPHER_DES_CBC, VIRTIO_CRYPTO_CIPHER_DES_CBC, "des-cbc",
	  8, 1, 0, SIZES(8, 8, 0), SIZES(8, 8, 0) },
	{ RTE_CRYPTO_CIPHER_3DES_ECB, VIRTIO_CRYPTO_CIPHER_3DES_ECB, "3des-ecb",
	  8, 1, 0, SIZES(16, 24, 8), SIZES(0, 0, 0) },
	{ RTE_CRYPTO_CIPHER_3DES_CBC, VIRTIO_CRYPTO_CIPHER_3DES_CBC, "3des-cbc",
	  8, 1, 0, SIZES(16, 24, 8), SIZES(8, 8, 0) },
	{ RTE_CRYPTO_CIPHER_3DES_CTR, VIRTIO_CRYPTO_CIPHER_3DES_CTR, "3des-ctr",
	  8, 0, 0, SIZES(16, 24, 8), SIZES(8, 8, 0) },
	{ RTE_CRYPTO_CIPHER_ARC4, VIRTIO_CRYPTO_CIPHER_ARC4, "arc4",
	  1, 0, 0, SIZES(1, 256, 1), SIZES(0, 0, 0) },
	{ RTE_CRYPTO_CIPHER_KASUMI_F8, VIRTIO_CRYPTO_CIPHER_KASUMI_F8,
	  "kasumi-f8", 8, 0, 1, SIZES(16, 16, 0), SIZES(8, 8, 0) },
	{ RTE_CRYPTO_CIPHER_SNOW3G_UEA2, VIRTIO_CRYPTO_CIPHER_SNOW3G_UEA2,
	  "snow3g-uea2", 16, 0, 1, SIZES(16, 16, 0), SIZES(16, 16, 0) },
	{ RTE_CRYPTO_CIPHER_ZUC_EEA3, VIRTIO_CRYPTO_CIPHER_ZUC_EEA3,
	  "zuc-eea3", 16, 0, 1, SIZES(16, 16, 0), SIZES(16, 16, 0) },
};

const unsigned int vcrypto_nb_cipher_algos = RTE_DIM(vcrypto_cipher_algos);

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

#define HASH(r, v, n, blk, dig) { RTE_CRYPTO_AUTH_ ## r, VIRTIO_CRYPTO_HASH_ ## v, \
	VIRTIO_CRYPTO_SERVICE_HASH, n, blk, dig, dig, SIZES(0, 0, 0) }
/* HMAC keys: any length; the device's max_auth_key_len narrows it. */
#define HMAC(r, v, n, blk, dig) { RTE_CRYPTO_AUTH_ ## r, VIRTIO_CRYPTO_MAC_ ## v, \
	VIRTIO_CRYPTO_SERVICE_MAC, n, blk, dig, 1, SIZES(1, 1024, 1) }

const struct vcrypto_auth_algo vcrypto_auth_algos[] = {
	HASH(MD5, MD5, "md5", 64, 16),
	HASH(SHA1, SHA1, "sha1", 64, 20),
	HASH(SHA224, SHA_224, "sha224", 64, 28),
	HASH(SHA256, SHA_256, "sha256", 64, 32),
	HASH(SHA384, SHA_384, "sha384", 128, 48),
	HASH(SHA512, SHA_512, "sha512", 128, 64),
	HASH(SHA3_224, SHA3_224, "sha3-224", 144, 28),
	HASH(SHA3_256, SHA3_256, "sha3-256", 136, 32),
	HASH(SHA3_384, SHA3_384, "sha3-384", 104, 48),
	HASH(SHA3_512, SHA3_512, "sha3-512", 72, 64),
	HMAC(MD5_HMAC, HMAC_MD5, "hmac-md5", 64, 16),
	HMAC(SHA1_HMAC, HMAC_SHA1, "hmac-sha1", 64, 20),
	HMAC(SHA224_HMAC, HMAC_SHA_224, "hmac-sha224", 64, 28),
	HMAC(SHA256_HMAC, HMAC_SHA_256, "hmac-sha256", 64, 32),
	HMAC(SHA384_HMAC, HMAC_SHA_384, "hmac-sha384", 128, 48),
	HMAC(SHA512_HMAC, HMAC_SHA_512, "hmac-sha512", 128, 64),
	{ RTE_CRYPTO_AUTH_AES_CMAC, VIRTIO_CRYPTO_MAC_CMAC_AES, VIRTIO_CRYPTO_SERVICE_MAC,
	  "aes-cmac", 16, 16, 4, SIZES(16, 32, 8) },
	{ RTE_CRYPTO_AUTH_AES_XCBC_MAC, VIRTIO_CRYPTO_MAC_XCBC_AES,
	  VIRTIO_CRYPTO_SERVICE_MAC, "aes-xcbc-mac", 16, 16, 12, SIZES(16, 16, 0) },
	{ RTE_CRYPTO_AUTH_AES_CBC_MAC, VIRTIO_CRYPTO_MAC_CBCMAC_AES,
	  VIRTIO_CRYPTO_SERVICE_MAC, "aes-cbc-mac", 16, 16, 4, SIZES(16, 32, 8) },
};

const unsigned int vcrypto_nb_auth_algos = RTE_DIM(vcrypto_auth_algos);
/* hw->auth_chain_only has a bit per entry. */
_Static_assert(RTE_DIM(vcrypto_auth_algos) <= 64, "auth catalogue over 64");

const struct vcrypto_auth_algo *
vcrypto_auth_algo_find(enum rte_crypto_auth_algorithm algo)
{
	return find_by_rte(vcrypto_auth_algos, vcrypto_nb_auth_algos,
			   sizeof(vcrypto_auth_algos[0]), algo);
}

/*
 * DPDK's CCM layout: the nonce starts one byte into the IV field and the
 * AAD 18 bytes into its buffer (room for B0 and the AAD length); the
 * device takes the bare nonce and AAD.
 */
const struct vcrypto_aead_algo vcrypto_aead_algos[] = {
	{ RTE_CRYPTO_AEAD_AES_GCM, VIRTIO_CRYPTO_AEAD_GCM, "aes-gcm", 16,
	  SIZES(16, 32, 8), SIZES(4, 16, 4), SIZES(0, 65535, 1),
	  SIZES(12, 12, 0), 0, 0 },
	{ RTE_CRYPTO_AEAD_AES_CCM, VIRTIO_CRYPTO_AEAD_CCM, "aes-ccm", 16,
	  SIZES(16, 32, 8), SIZES(4, 16, 2), SIZES(0, 65535 - 18, 1),
	  SIZES(7, 13, 1), 1, 18 },
	{ RTE_CRYPTO_AEAD_CHACHA20_POLY1305, VIRTIO_CRYPTO_AEAD_CHACHA20_POLY1305,
	  "chacha20-poly1305", 64, SIZES(32, 32, 0), SIZES(16, 16, 0),
	  SIZES(0, 65535, 1), SIZES(12, 12, 0), 0, 0 },
};

const unsigned int vcrypto_nb_aead_algos = RTE_DIM(vcrypto_aead_algos);

const struct vcrypto_aead_algo *
vcrypto_aead_algo_find(enum rte_crypto_aead_algorithm algo)
{
	return find_by_rte(vcrypto_aead_algos, vcrypto_nb_aead_algos,
			   sizeof(vcrypto_aead_algos[0]), algo);
}
