/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The cipher algorithms under test and their reference implementations.
 * Expected values come from OpenSSL, never from the device or the PMD, so
 * a PMD that gets the convention wrong (IV layout, counter width, key
 * order) cannot agree with itself and pass.
 */

#include <string.h>

#include <openssl/evp.h>

#include "vcrypto_test.h"

#define DES_BLOCK 8

const struct vt_cipher_alg vt_cipher_algs[] = {
	{ "aes-128-cbc", RTE_CRYPTO_CIPHER_AES_CBC, 16, 16, 16, VT_REF_EVP, EVP_aes_128_cbc },
	{ "aes-192-cbc", RTE_CRYPTO_CIPHER_AES_CBC, 24, 16, 16, VT_REF_EVP, EVP_aes_192_cbc },
	{ "aes-256-cbc", RTE_CRYPTO_CIPHER_AES_CBC, 32, 16, 16, VT_REF_EVP, EVP_aes_256_cbc },
	{ "aes-128-ecb", RTE_CRYPTO_CIPHER_AES_ECB, 16, 0, 16, VT_REF_EVP, EVP_aes_128_ecb },
	{ "aes-192-ecb", RTE_CRYPTO_CIPHER_AES_ECB, 24, 0, 16, VT_REF_EVP, EVP_aes_192_ecb },
	{ "aes-256-ecb", RTE_CRYPTO_CIPHER_AES_ECB, 32, 0, 16, VT_REF_EVP, EVP_aes_256_ecb },
	{ "aes-128-ctr", RTE_CRYPTO_CIPHER_AES_CTR, 16, 16, 16, VT_REF_EVP, EVP_aes_128_ctr },
	{ "aes-192-ctr", RTE_CRYPTO_CIPHER_AES_CTR, 24, 16, 16, VT_REF_EVP, EVP_aes_192_ctr },
	{ "aes-256-ctr", RTE_CRYPTO_CIPHER_AES_CTR, 32, 16, 16, VT_REF_EVP, EVP_aes_256_ctr },
	/* XTS keys are two AES keys back to back: 2x128 and 2x256 bits. */
	{ "aes-128-xts", RTE_CRYPTO_CIPHER_AES_XTS, 32, 16, 16, VT_REF_EVP, EVP_aes_128_xts },
	{ "aes-256-xts", RTE_CRYPTO_CIPHER_AES_XTS, 64, 16, 16, VT_REF_EVP, EVP_aes_256_xts },
	{ "3des-cbc", RTE_CRYPTO_CIPHER_3DES_CBC, 24, 8, 8, VT_REF_EVP, EVP_des_ede3_cbc },
	{ "3des-ecb", RTE_CRYPTO_CIPHER_3DES_ECB, 24, 0, 8, VT_REF_EVP, EVP_des_ede3_ecb },
	{ "3des-ctr", RTE_CRYPTO_CIPHER_3DES_CTR, 24, 8, 8, VT_REF_EDE3_CTR, NULL },
	/* QEMU does single DES only if its backend advertises it. */
	{ "des-cbc", RTE_CRYPTO_CIPHER_DES_CBC, 8, 8, 8, VT_REF_DES_AS_EDE3, NULL },
};

const unsigned int vt_nb_cipher_algs = RTE_DIM(vt_cipher_algs);

const struct vt_cipher_alg *
vt_find_alg(const char *name)
{
	unsigned int i;

	for (i = 0; i < vt_nb_cipher_algs; i++)
		if (strcmp(vt_cipher_algs[i].name, name) == 0)
			return &vt_cipher_algs[i];
	return NULL;
}

/* One EVP pass without padding: the tests only use whole blocks. */
static int
evp_run(const EVP_CIPHER *cipher, bool encrypt, const uint8_t *key,
	const uint8_t *iv, const uint8_t *in, uint8_t *out, size_t len)
{
	EVP_CIPHER_CTX *c;
	int outl = 0, finl = 0;
	int ok;

	if (len > INT32_MAX)
		return -1;
	c = EVP_CIPHER_CTX_new();
	if (c == NULL)
		return -1;
	ok = EVP_CipherInit_ex(c, cipher, NULL, key, iv, encrypt ? 1 : 0) == 1 &&
		EVP_CIPHER_CTX_set_padding(c, 0) == 1 &&
		EVP_CipherUpdate(c, out, &outl, in, (int)len) == 1 &&
		EVP_CipherFinal_ex(c, out + outl, &finl) == 1 &&
		(size_t)(outl + finl) == len;
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -1;
}

/*
 * OpenSSL 3 keeps single DES in the legacy provider, which may not be
 * installed; DES-EDE3 with three equal keys computes exactly single DES.
 */
static int
des_as_ede3(bool encrypt, const uint8_t *key, const uint8_t *iv,
	const uint8_t *in, uint8_t *out, size_t len)
{
	uint8_t key3[3 * DES_BLOCK];
	unsigned int i;

	for (i = 0; i < 3; i++)
		memcpy(key3 + i * DES_BLOCK, key, DES_BLOCK);
	return evp_run(EVP_des_ede3_cbc(), encrypt, key3, iv, in, out, len);
}

/*
 * OpenSSL has no 3DES-CTR. The cryptodev/virtio convention is the one
 * AES-CTR uses: the whole IV block is a big-endian counter, incremented
 * once per block; both directions XOR the same keystream.
 */
static int
ede3_ctr(const uint8_t *key, const uint8_t *iv, const uint8_t *in,
	uint8_t *out, size_t len)
{
	uint8_t ctr[DES_BLOCK], ks[DES_BLOCK];
	uint64_t counter = 0;
	size_t off, i;
	unsigned int b;

	for (b = 0; b < DES_BLOCK; b++)
		counter = (counter << 8) | iv[b];
	for (off = 0; off < len; off += DES_BLOCK, counter++) {
		for (b = 0; b < DES_BLOCK; b++)
			ctr[b] = (uint8_t)(counter >> (8 * (DES_BLOCK - 1 - b)));
		if (evp_run(EVP_des_ede3_ecb(), true, key, NULL, ctr, ks,
				DES_BLOCK) != 0)
			return -1;
		for (i = 0; i < DES_BLOCK && off + i < len; i++)
			out[off + i] = in[off + i] ^ ks[i];
	}
	return 0;
}

int
vt_ref_cipher(const struct vt_cipher_alg *alg, bool encrypt,
	const uint8_t *key, const uint8_t *iv,
	const uint8_t *in, uint8_t *out, size_t len)
{
	switch (alg->ref) {
	case VT_REF_EVP:
		return evp_run(alg->evp(), encrypt, key, iv, in, out, len);
	case VT_REF_DES_AS_EDE3:
		return des_as_ede3(encrypt, key, iv, in, out, len);
	case VT_REF_EDE3_CTR:
		return ede3_ctr(key, iv, in, out, len);
	}
	return -1;
}
