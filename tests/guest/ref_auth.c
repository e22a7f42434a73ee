/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The hashes and MACs under test and their references: EVP_Digest,
 * EVP_MAC (HMAC, CMAC), GCM for GMAC and a hand-made AES-XCBC-MAC. Like
 * the ciphers, expected values never come from the device or the PMD.
 */

#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "vt_sym.h"

#define HASH(n, a, e, d, b) { n, RTE_CRYPTO_AUTH_ ## a, VT_AUTH_DIGEST, e, 0, d, 0, b }
#define HMAC(n, a, e, k, d, b) { n, RTE_CRYPTO_AUTH_ ## a, VT_AUTH_HMAC, e, k, d, 0, b }

const struct vt_auth_alg vt_auth_algs[] = {
	HASH("md5", MD5, "MD5", 16, 64),
	HASH("sha1", SHA1, "SHA1", 20, 64),
	HASH("sha224", SHA224, "SHA224", 28, 64),
	HASH("sha256", SHA256, "SHA256", 32, 64),
	HASH("sha384", SHA384, "SHA384", 48, 128),
	HASH("sha512", SHA512, "SHA512", 64, 128),
	HASH("sha3-224", SHA3_224, "SHA3-224", 28, 144),
	HASH("sha3-256", SHA3_256, "SHA3-256", 32, 136),
	HASH("sha3-384", SHA3_384, "SHA3-384", 48, 104),
	HASH("sha3-512", SHA3_512, "SHA3-512", 64, 72),
	HMAC("hmac-md5", MD5_HMAC, "MD5", 16, 16, 64),
	HMAC("hmac-sha1", SHA1_HMAC, "SHA1", 20, 20, 64),
	/* IPsec's HMAC-SHA1-96 */
	HMAC("hmac-sha1-trunc12", SHA1_HMAC, "SHA1", 20, 12, 64),
	/* Keys longer than the block are hashed first (RFC 2104). */
	HMAC("hmac-sha1-longkey", SHA1_HMAC, "SHA1", 100, 20, 64),
	HMAC("hmac-sha224", SHA224_HMAC, "SHA224", 28, 28, 64),
	HMAC("hmac-sha256", SHA256_HMAC, "SHA256", 32, 32, 64),
	HMAC("hmac-sha256-trunc16", SHA256_HMAC, "SHA256", 32, 16, 64),
	HMAC("hmac-sha256-longkey", SHA256_HMAC, "SHA256", 131, 32, 64),
	HMAC("hmac-sha384", SHA384_HMAC, "SHA384", 48, 48, 128),
	HMAC("hmac-sha512", SHA512_HMAC, "SHA512", 64, 64, 128),
	HMAC("hmac-sha512-longkey", SHA512_HMAC, "SHA512", 200, 64, 128),
	{ "aes-cmac-128", RTE_CRYPTO_AUTH_AES_CMAC, VT_AUTH_CMAC, "AES-128-CBC", 16, 16, 0, 16 },
	{ "aes-cmac-128-trunc12", RTE_CRYPTO_AUTH_AES_CMAC, VT_AUTH_CMAC, "AES-128-CBC", 16, 12, 0, 16 },
	{ "aes-cmac-256", RTE_CRYPTO_AUTH_AES_CMAC, VT_AUTH_CMAC, "AES-256-CBC", 32, 16, 0, 16 },
	/* AES-XCBC-MAC-96 (RFC 3566) */
	{ "aes-xcbc-mac-96", RTE_CRYPTO_AUTH_AES_XCBC_MAC, VT_AUTH_XCBC, "AES-128-ECB", 16, 12, 0, 16 },
	{ "aes-gmac-128", RTE_CRYPTO_AUTH_AES_GMAC, VT_AUTH_GMAC, "AES-128-GCM", 16, 16, 12, 16 },
	{ "aes-gmac-256", RTE_CRYPTO_AUTH_AES_GMAC, VT_AUTH_GMAC, "AES-256-GCM", 32, 16, 12, 16 },
};

const unsigned int vt_nb_auth_algs = RTE_DIM(vt_auth_algs);

const struct vt_auth_alg *
vt_find_auth_alg(const char *name)
{
	unsigned int i;

	for (i = 0; i < vt_nb_auth_algs; i++)
		if (strcmp(vt_auth_algs[i].name, name) == 0)
			return &vt_auth_algs[i];
	return NULL;
}

static int
ref_digest(const char *name, const uint8_t *data, size_t len, uint8_t *out)
{
	EVP_MD *md = EVP_MD_fetch(NULL, name, NULL);
	unsigned int n = 0;
	int ok;

	ok = md != NULL && EVP_Digest(data, len, out, &n, md, NULL) == 1;
	EVP_MD_free(md);
	return ok ? 0 : -1;
}

/* HMAC takes the digest's name, CMAC the cipher's, both as one param. */
static int
ref_evp_mac(const char *mac_name, const char *param, const char *evp,
	const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
	uint8_t *out)
{
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(param, (char *)(uintptr_t)evp, 0),
		OSSL_PARAM_construct_end(),
	};
	EVP_MAC *mac = EVP_MAC_fetch(NULL, mac_name, NULL);
	EVP_MAC_CTX *c = mac != NULL ? EVP_MAC_CTX_new(mac) : NULL;
	size_t n = 0;
	int ok;

	ok = c != NULL && EVP_MAC_init(c, key, key_len, params) == 1 &&
		EVP_MAC_update(c, data, len) == 1 &&
		EVP_MAC_final(c, out, &n, EVP_MAX_MD_SIZE) == 1;
	EVP_MAC_CTX_free(c);
	EVP_MAC_free(mac);
	return ok ? 0 : -1;
}

/* GMAC is GCM authenticating the data as AAD, with nothing to encrypt. */
static int
ref_gmac(const struct vt_auth_alg *alg, const uint8_t *key,
	const uint8_t *iv, const uint8_t *data, size_t len, uint8_t *out)
{
	const struct vt_aead_in in = {
		.evp = alg->evp, .key = key, .iv = iv, .iv_len = alg->iv_len,
		.aad = data, .aad_len = len, .tag_len = VT_AEAD_MAX_TAG,
	};

	return vt_ref_aead_encrypt(&in, NULL, NULL, 0, out);
}

/* The full output, then cut to the algorithm's digest length. */
int
vt_ref_auth(const struct vt_auth_alg *alg, const uint8_t *key,
	uint16_t key_len, const uint8_t *iv, const uint8_t *data, size_t len,
	uint8_t *digest)
{
	uint8_t full[EVP_MAX_MD_SIZE];
	int ret = -1;

	switch (alg->ref) {
	case VT_AUTH_DIGEST:
		ret = ref_digest(alg->evp, data, len, full);
		break;
	case VT_AUTH_HMAC:
		ret = ref_evp_mac("HMAC", OSSL_MAC_PARAM_DIGEST, alg->evp, key,
				key_len, data, len, full);
		break;
	case VT_AUTH_CMAC:
		ret = ref_evp_mac("CMAC", OSSL_MAC_PARAM_CIPHER, alg->evp, key,
				key_len, data, len, full);
		break;
	case VT_AUTH_XCBC:
		ret = vt_ref_xcbc(key, data, len, full);
		break;
	case VT_AUTH_GMAC:
		ret = ref_gmac(alg, key, iv, data, len, full);
		break;
	}
	if (ret == 0)
		memcpy(digest, full, alg->digest_len);
	return ret;
}
