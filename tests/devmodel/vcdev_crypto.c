/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/* OpenSSL backend of the device model: see vcdev_crypto.h. */

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <linux/virtio_crypto.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/provider.h>

#include "vcdev_crypto.h"

#define ST_OK VIRTIO_CRYPTO_OK
#define ST_ERR VIRTIO_CRYPTO_ERR
#define ST_BADMSG VIRTIO_CRYPTO_BADMSG

/* Every EVP cipher the model fetches; AES ones by key size 128/192/256. */
enum {
	C_AES_ECB, C_AES_ECB_192, C_AES_ECB_256,
	C_AES_CBC, C_AES_CBC_192, C_AES_CBC_256,
	C_AES_CTR, C_AES_CTR_192, C_AES_CTR_256,
	C_AES_GCM, C_AES_GCM_192, C_AES_GCM_256,
	C_AES_CCM, C_AES_CCM_192, C_AES_CCM_256,
	C_AES_XTS_128, C_AES_XTS_256,
	C_DES_ECB, C_DES_CBC, C_DES3_ECB, C_DES3_CBC,
	C_CHACHA_POLY,
	C_NB
};

static const char *const cipher_names[C_NB] = {
	[C_AES_ECB] = "AES-128-ECB", [C_AES_ECB_192] = "AES-192-ECB",
	[C_AES_ECB_256] = "AES-256-ECB",
	[C_AES_CBC] = "AES-128-CBC", [C_AES_CBC_192] = "AES-192-CBC",
	[C_AES_CBC_256] = "AES-256-CBC",
	[C_AES_CTR] = "AES-128-CTR", [C_AES_CTR_192] = "AES-192-CTR",
	[C_AES_CTR_256] = "AES-256-CTR",
	[C_AES_GCM] = "AES-128-GCM", [C_AES_GCM_192] = "AES-192-GCM",
	[C_AES_GCM_256] = "AES-256-GCM",
	[C_AES_CCM] = "AES-128-CCM", [C_AES_CCM_192] = "AES-192-CCM",
	[C_AES_CCM_256] = "AES-256-CCM",
	[C_AES_XTS_128] = "AES-128-XTS", [C_AES_XTS_256] = "AES-256-XTS",
	[C_DES_ECB] = "DES-ECB", [C_DES_CBC] = "DES-CBC",
	[C_DES3_ECB] = "DES-EDE3-ECB", [C_DES3_CBC] = "DES-EDE3-CBC",
	[C_CHACHA_POLY] = "ChaCha20-Poly1305",
};

/* Digests, indexed by VIRTIO_CRYPTO_HASH_*. */
#define NB_HASH (VIRTIO_CRYPTO_HASH_SHA3_512 + 1)
static const char *const md_names[NB_HASH] = {
	[VIRTIO_CRYPTO_HASH_MD5] = "MD5",
	[VIRTIO_CRYPTO_HASH_SHA1] = "SHA1",
	[VIRTIO_CRYPTO_HASH_SHA_224] = "SHA2-224",
	[VIRTIO_CRYPTO_HASH_SHA_256] = "SHA2-256",
	[VIRTIO_CRYPTO_HASH_SHA_384] = "SHA2-384",
	[VIRTIO_CRYPTO_HASH_SHA_512] = "SHA2-512",
	[VIRTIO_CRYPTO_HASH_SHA3_224] = "SHA3-224",
	[VIRTIO_CRYPTO_HASH_SHA3_256] = "SHA3-256",
	[VIRTIO_CRYPTO_HASH_SHA3_384] = "SHA3-384",
	[VIRTIO_CRYPTO_HASH_SHA3_512] = "SHA3-512",
};

enum { M_HMAC, M_CMAC, M_GMAC, M_NB };
static const char *const mac_names[M_NB] = {
	[M_HMAC] = "HMAC", [M_CMAC] = "CMAC", [M_GMAC] = "GMAC",
};

struct vcdev_crypto {
	OSSL_LIB_CTX *lib;
	OSSL_PROVIDER *prov_default;
	OSSL_PROVIDER *prov_legacy;	/* NULL if not installed */
	EVP_CIPHER *cipher[C_NB];
	EVP_MD *md[NB_HASH];
	EVP_MAC *mac[M_NB];
};

struct vcdev_crypto *
vcdev_crypto_create(void)
{
	struct vcdev_crypto *c = calloc(1, sizeof(*c));
	unsigned int i;

	if (c == NULL)
		return NULL;
	c->lib = OSSL_LIB_CTX_new();
	if (c->lib == NULL)
		goto fail;
	c->prov_default = OSSL_PROVIDER_load(c->lib, "default");
	if (c->prov_default == NULL)
		goto fail;
	/* Only single DES needs it: without it DES is just not offered. */
	c->prov_legacy = OSSL_PROVIDER_load(c->lib, "legacy");
	for (i = 0; i < C_NB; i++)
		c->cipher[i] = EVP_CIPHER_fetch(c->lib, cipher_names[i], NULL);
	for (i = 0; i < NB_HASH; i++)
		if (md_names[i] != NULL)
			c->md[i] = EVP_MD_fetch(c->lib, md_names[i], NULL);
	for (i = 0; i < M_NB; i++)
		c->mac[i] = EVP_MAC_fetch(c->lib, mac_names[i], NULL);
	/* Failed fetches only mean "not offered". */
	ERR_clear_error();
	return c;
fail:
	ERR_clear_error();
	vcdev_crypto_destroy(c);
	return NULL;
}

void
vcdev_crypto_destroy(struct vcdev_crypto *c)
{
	unsigned int i;

	if (c == NULL)
		return;
	for (i = 0; i < C_NB; i++)
		EVP_CIPHER_free(c->cipher[i]);
	for (i = 0; i < NB_HASH; i++)
		EVP_MD_free(c->md[i]);
	for (i = 0; i < M_NB; i++)
		EVP_MAC_free(c->mac[i]);
	if (c->prov_legacy != NULL)
		OSSL_PROVIDER_unload(c->prov_legacy);
	if (c->prov_default != NULL)
		OSSL_PROVIDER_unload(c->prov_default);
	OSSL_LIB_CTX_free(c->lib);
	free(c);
}

OSSL_LIB_CTX *
vcdev_crypto_lib(const struct vcdev_crypto *c)
{
	return c->lib;
}

/* ---- algorithm tables ---- */

/* AES family index for a 16/24/32-byte key, or -1. */
static int
aes_index(int base, uint32_t key_len)
{
	if (key_len != 16 && key_len != 24 && key_len != 32)
		return -1;
	return base + (int)(key_len - 16) / 8;
}

/* The EVP cipher a virtio cipher algorithm with that key runs on, or -1. */
static int
cipher_index(uint32_t algo, uint32_t key_len)
{
	switch (algo) {
	case VIRTIO_CRYPTO_CIPHER_AES_ECB:
		return aes_index(C_AES_ECB, key_len);
	case VIRTIO_CRYPTO_CIPHER_AES_CBC:
		return aes_index(C_AES_CBC, key_len);
	case VIRTIO_CRYPTO_CIPHER_AES_CTR:
		return aes_index(C_AES_CTR, key_len);
	case VIRTIO_CRYPTO_CIPHER_AES_XTS:
		return key_len == 32 ? C_AES_XTS_128 :
			key_len == 64 ? C_AES_XTS_256 : -1;
	case VIRTIO_CRYPTO_CIPHER_DES_ECB:
		return key_len == 8 ? C_DES_ECB : -1;
	case VIRTIO_CRYPTO_CIPHER_DES_CBC:
		return key_len == 8 ? C_DES_CBC : -1;
	case VIRTIO_CRYPTO_CIPHER_3DES_ECB:
	case VIRTIO_CRYPTO_CIPHER_3DES_CTR:	/* built on ECB */
		return key_len == 16 || key_len == 24 ? C_DES3_ECB : -1;
	case VIRTIO_CRYPTO_CIPHER_3DES_CBC:
		return key_len == 16 || key_len == 24 ? C_DES3_CBC : -1;
	default:
		return -1;
	}
}

static int
aead_index(uint32_t algo, uint32_t key_len)
{
	switch (algo) {
	case VIRTIO_CRYPTO_AEAD_GCM:
		return aes_index(C_AES_GCM, key_len);
	case VIRTIO_CRYPTO_AEAD_CCM:
		return aes_index(C_AES_CCM, key_len);
	case VIRTIO_CRYPTO_AEAD_CHACHA20_POLY1305:
		return key_len == 32 ? C_CHACHA_POLY : -1;
	default:
		return -1;
	}
}

/* HMAC algorithms map to digests with the same number. */
static bool
is_hmac(uint32_t algo)
{
	return algo >= VIRTIO_CRYPTO_MAC_HMAC_MD5 &&
		algo <= VIRTIO_CRYPTO_MAC_HMAC_SHA_512;
}

void
vcdev_crypto_cipher_rules(uint32_t algo, struct vcdev_cipher_rules *r)
{
	*r = (struct vcdev_cipher_rules){ .iv_len = 0, .block = 1 };
	switch (algo) {
	case VIRTIO_CRYPTO_CIPHER_AES_ECB:
		r->block = 16;
		break;
	case VIRTIO_CRYPTO_CIPHER_AES_CBC:
		r->iv_len = 16;
		r->block = 16;
		break;
	case VIRTIO_CRYPTO_CIPHER_AES_CTR:
		r->iv_len = 16;
		break;
	case VIRTIO_CRYPTO_CIPHER_AES_XTS:
		/* XTS needs one whole block; ciphertext stealing does the rest. */
		r->iv_len = 16;
		r->min_len = 16;
		break;
	case VIRTIO_CRYPTO_CIPHER_DES_ECB:
	case VIRTIO_CRYPTO_CIPHER_3DES_ECB:
		r->block = 8;
		break;
	case VIRTIO_CRYPTO_CIPHER_DES_CBC:
	case VIRTIO_CRYPTO_CIPHER_3DES_CBC:
		r->iv_len = 8;
		r->block = 8;
		break;
	case VIRTIO_CRYPTO_CIPHER_3DES_CTR:
		r->iv_len = 8;
		break;
	default:
		break;
	}
}

bool
vcdev_crypto_cipher_ok(const struct vcdev_crypto *c, uint32_t algo,
		       uint32_t key_len)
{
	int i = cipher_index(algo, key_len);

	return i >= 0 && c->cipher[i] != NULL;
}

uint32_t
vcdev_crypto_hash_size(const struct vcdev_crypto *c, uint32_t algo)
{
	if (algo >= NB_HASH || c->md[algo] == NULL)
		return 0;
	return (uint32_t)EVP_MD_get_size(c->md[algo]);
}

uint32_t
vcdev_crypto_mac_size(const struct vcdev_crypto *c, uint32_t algo)
{
	if (is_hmac(algo))
		return c->mac[M_HMAC] != NULL ? vcdev_crypto_hash_size(c, algo) : 0;
	switch (algo) {
	case VIRTIO_CRYPTO_MAC_CMAC_AES:
		return c->mac[M_CMAC] != NULL && c->cipher[C_AES_CBC] ? 16 : 0;
	case VIRTIO_CRYPTO_MAC_GMAC_AES:
		return c->mac[M_GMAC] != NULL && c->cipher[C_AES_GCM] ? 16 : 0;
	case VIRTIO_CRYPTO_MAC_XCBC_AES:
		return c->cipher[C_AES_ECB] != NULL ? 16 : 0;
	default:
		return 0;
	}
}

bool
vcdev_crypto_mac_ok(const struct vcdev_crypto *c, uint32_t algo,
		    uint32_t key_len)
{
	if (vcdev_crypto_mac_size(c, algo) == 0)
		return false;
	if (is_hmac(algo))
		return key_len >= 1 && key_len <= 1024;
	if (algo == VIRTIO_CRYPTO_MAC_XCBC_AES)
		return key_len == 16;
	return aes_index(0, key_len) >= 0;	/* CMAC, GMAC */
}

bool
vcdev_crypto_aead_ok(const struct vcdev_crypto *c, uint32_t algo,
		     uint32_t key_len, uint32_t tag_len)
{
	int i = aead_index(algo, key_len);

	if (i < 0 || c->cipher[i] == NULL)
		return false;
	switch (algo) {
	case VIRTIO_CRYPTO_AEAD_GCM:
		/* SP 800-38D: 128..96 bits, and 64 or 32 for some uses */
		return tag_len == 4 || tag_len == 8 ||
			(tag_len >= 12 && tag_len <= 16);
	case VIRTIO_CRYPTO_AEAD_CCM:
		return tag_len >= 4 && tag_len <= 16 && (tag_len & 1) == 0;
	default:
		return tag_len >= 1 && tag_len <= 16;
	}
}

uint64_t
vcdev_crypto_cipher_mask(const struct vcdev_crypto *c)
{
	static const uint8_t algos[] = {
		VIRTIO_CRYPTO_CIPHER_AES_ECB, VIRTIO_CRYPTO_CIPHER_AES_CBC,
		VIRTIO_CRYPTO_CIPHER_AES_CTR, VIRTIO_CRYPTO_CIPHER_DES_ECB,
		VIRTIO_CRYPTO_CIPHER_DES_CBC, VIRTIO_CRYPTO_CIPHER_3DES_ECB,
		VIRTIO_CRYPTO_CIPHER_3DES_CBC, VIRTIO_CRYPTO_CIPHER_3DES_CTR,
		VIRTIO_CRYPTO_CIPHER_AES_XTS,
	};
	static const uint8_t keys[] = { 8, 16, 24, 32, 64 };
	uint64_t mask = 0;
	unsigned int i, k;

	for (i = 0; i < sizeof(algos); i++)
		for (k = 0; k < sizeof(keys); k++)
			if (vcdev_crypto_cipher_ok(c, algos[i], keys[k]))
				mask |= 1ULL << algos[i];
	return mask;
}

uint32_t
vcdev_crypto_hash_mask(const struct vcdev_crypto *c)
{
	uint32_t mask = 0;
	unsigned int i;

	for (i = 1; i < NB_HASH; i++)
		if (c->md[i] != NULL)
			mask |= 1u << i;
	return mask;
}

uint64_t
vcdev_crypto_mac_mask(const struct vcdev_crypto *c)
{
	uint64_t mask = 0;
	unsigned int i;

	for (i = 1; i < 64; i++)
		if (vcdev_crypto_mac_size(c, i) != 0)
			mask |= 1ULL << i;
	return mask;
}

uint32_t
vcdev_crypto_aead_mask(const struct vcdev_crypto *c)
{
	uint32_t mask = 0;
	uint32_t a;

	for (a = VIRTIO_CRYPTO_AEAD_GCM;
	     a <= VIRTIO_CRYPTO_AEAD_CHACHA20_POLY1305; a++)
		if (vcdev_crypto_aead_ok(c, a, 32, 16))
			mask |= 1u << a;
	return mask;
}

/* RSA and ECDSA live in files of their own; each knows what it needs. */
uint32_t
vcdev_crypto_akcipher_mask(const struct vcdev_crypto *c)
{
	uint32_t mask = 0;

	if (vcdev_rsa_available(c))
		mask |= 1u << VIRTIO_CRYPTO_AKCIPHER_RSA;
	if (vcdev_ecdsa_available(c))
		mask |= 1u << VIRTIO_CRYPTO_AKCIPHER_ECDSA;
	return mask;
}

/* ---- ciphers ---- */

/* Two-key 3DES is K1 K2 K1; EVP only takes the three-key form. */
static const uint8_t *
des3_key(uint32_t algo, const uint8_t *key, uint32_t key_len, uint8_t *buf)
{
	if ((algo != VIRTIO_CRYPTO_CIPHER_3DES_ECB &&
	     algo != VIRTIO_CRYPTO_CIPHER_3DES_CBC &&
	     algo != VIRTIO_CRYPTO_CIPHER_3DES_CTR) || key_len != 16)
		return key;
	memcpy(buf, key, 16);
	memcpy(buf + 16, key, 8);
	return buf;
}

/*
 * CTR over a 64-bit block cipher: keystream block i is E(IV + i), the
 * counter being the whole 8-byte block as a big-endian integer.
 */
static uint8_t
ctr64(const EVP_CIPHER *ecb, const uint8_t *key, const uint8_t *iv,
      const uint8_t *in, uint8_t *out, size_t len)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	uint8_t ctr[8], ks[8];
	uint8_t st = ST_ERR;
	size_t off, j, n;
	int l;

	if (ctx == NULL ||
	    !EVP_EncryptInit_ex2(ctx, ecb, key, NULL, NULL) ||
	    !EVP_CIPHER_CTX_set_padding(ctx, 0))
		goto out;
	memcpy(ctr, iv, sizeof(ctr));
	for (off = 0; off < len; off += n) {
		if (!EVP_EncryptUpdate(ctx, ks, &l, ctr, sizeof(ctr)) ||
		    l != (int)sizeof(ks))
			goto out;
		n = len - off < sizeof(ks) ? len - off : sizeof(ks);
		for (j = 0; j < n; j++)
			out[off + j] = in[off + j] ^ ks[j];
		for (j = sizeof(ctr); j-- > 0;)
			if (++ctr[j] != 0)
				break;
	}
	st = ST_OK;
out:
	EVP_CIPHER_CTX_free(ctx);
	return st;
}

uint8_t
vcdev_crypto_cipher(const struct vcdev_crypto *c, uint32_t algo,
		    const uint8_t *key, uint32_t key_len, bool encrypt,
		    const uint8_t *iv, uint32_t iv_len,
		    const uint8_t *in, uint8_t *out, size_t len)
{
	int idx = cipher_index(algo, key_len);
	struct vcdev_cipher_rules r;
	EVP_CIPHER_CTX *ctx;
	uint8_t kbuf[24];
	uint8_t st = ST_ERR;
	int l1, l2;

	vcdev_crypto_cipher_rules(algo, &r);
	if (idx < 0 || c->cipher[idx] == NULL || len > INT_MAX ||
	    (r.iv_len != 0 && iv_len != r.iv_len) ||
	    len % r.block != 0 || len < r.min_len)
		return ST_ERR;
	if (len == 0)
		return ST_OK;
	key = des3_key(algo, key, key_len, kbuf);
	if (algo == VIRTIO_CRYPTO_CIPHER_3DES_CTR)
		return ctr64(c->cipher[idx], key, iv, in, out, len);

	ctx = EVP_CIPHER_CTX_new();
	if (ctx == NULL)
		return ST_ERR;
	/* Requests are whole blocks already: padding would add one. */
	if (EVP_CipherInit_ex2(ctx, c->cipher[idx], key,
			       r.iv_len != 0 ? iv : NULL, encrypt, NULL) &&
	    EVP_CIPHER_CTX_set_padding(ctx, 0) &&
	    EVP_CipherUpdate(ctx, out, &l1, in, (int)len) &&
	    EVP_CipherFinal_ex(ctx, out + l1, &l2) &&
	    (size_t)l1 + (size_t)l2 == len)
		st = ST_OK;
	EVP_CIPHER_CTX_free(ctx);
	ERR_clear_error();
	return st;
}

/* ---- digests and MACs ---- */

uint8_t
vcdev_crypto_hash(const struct vcdev_crypto *c, uint32_t algo,
		  const struct vcdev_iov *v, unsigned int n,
		  uint8_t *out, uint32_t out_len)
{
	uint8_t full[EVP_MAX_MD_SIZE];
	EVP_MD_CTX *ctx;
	uint8_t st = ST_ERR;
	unsigned int i, flen;
	int ok;

	if (vcdev_crypto_hash_size(c, algo) < out_len)
		return ST_ERR;
	ctx = EVP_MD_CTX_new();
	if (ctx == NULL)
		return ST_ERR;
	ok = EVP_DigestInit_ex2(ctx, c->md[algo], NULL);
	for (i = 0; ok && i < n; i++)
		if (v[i].len != 0)
			ok = EVP_DigestUpdate(ctx, v[i].p, v[i].len);
	if (ok && EVP_DigestFinal_ex(ctx, full, &flen) && flen >= out_len) {
		memcpy(out, full, out_len);
		st = ST_OK;
	}
	EVP_MD_CTX_free(ctx);
	ERR_clear_error();
	return st;
}

static uint8_t
evp_mac(const EVP_MAC *mac, const OSSL_PARAM *params, const uint8_t *key,
	uint32_t key_len, const struct vcdev_iov *v, unsigned int n,
	uint8_t *out, uint32_t out_len)
{
	uint8_t full[EVP_MAX_MD_SIZE];
	EVP_MAC_CTX *ctx = EVP_MAC_CTX_new((EVP_MAC *)mac);
	uint8_t st = ST_ERR;
	size_t flen = 0;
	unsigned int i;
	int ok;

	if (ctx == NULL)
		return ST_ERR;
	ok = EVP_MAC_init(ctx, key, key_len, params);
	for (i = 0; ok && i < n; i++)
		if (v[i].len != 0)
			ok = EVP_MAC_update(ctx, v[i].p, v[i].len);
	if (ok && EVP_MAC_final(ctx, full, &flen, sizeof(full)) &&
	    flen >= out_len) {
		memcpy(out, full, out_len);
		st = ST_OK;
	}
	EVP_MAC_CTX_free(ctx);
	ERR_clear_error();
	return st;
}

/* One AES block with an ECB context already keyed. */
static bool
aes_block(EVP_CIPHER_CTX *ctx, const uint8_t in[16], uint8_t out[16])
{
	int l;

	return EVP_EncryptUpdate(ctx, out, &l, in, 16) && l == 16;
}

static EVP_CIPHER_CTX *
aes_ecb_ctx(const EVP_CIPHER *ecb, const uint8_t *key)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();

	if (ctx != NULL && (!EVP_EncryptInit_ex2(ctx, ecb, key, NULL, NULL) ||
			    !EVP_CIPHER_CTX_set_padding(ctx, 0))) {
		EVP_CIPHER_CTX_free(ctx);
		ctx = NULL;
	}
	return ctx;
}

/* Derive K1, K2, K3 of RFC 3566 from the user key. */
static bool
xcbc_keys(const EVP_CIPHER *ecb, const uint8_t *key, uint8_t k[3][16])
{
	EVP_CIPHER_CTX *ctx = aes_ecb_ctx(ecb, key);
	uint8_t blk[16];
	bool ok = ctx != NULL;
	int i;

	for (i = 0; ok && i < 3; i++) {
		memset(blk, i + 1, sizeof(blk));
		ok = aes_block(ctx, blk, k[i]);
	}
	EVP_CIPHER_CTX_free(ctx);
	return ok;
}

/*
 * AES-XCBC-MAC-96's underlying MAC (RFC 3566): CBC-MAC under K1 whose
 * last block is XORed with K2 if complete, else 10* padded and XORed
 * with K3. The last block is only known at the end, so one block is
 * always kept back.
 */
static uint8_t
xcbc_mac(const EVP_CIPHER *ecb, const uint8_t *key,
	 const struct vcdev_iov *v, unsigned int n, uint8_t *out,
	 uint32_t out_len)
{
	uint8_t k[3][16], e[16] = { 0 }, blk[16];
	EVP_CIPHER_CTX *ctx = NULL;
	const uint8_t *fin;
	unsigned int fill = 0, i, j;
	uint8_t st = ST_ERR;
	size_t b;

	if (!xcbc_keys(ecb, key, k))
		goto out;
	ctx = aes_ecb_ctx(ecb, k[0]);
	if (ctx == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		for (b = 0; b < v[i].len; b++) {
			if (fill == 16) {
				for (j = 0; j < 16; j++)
					e[j] ^= blk[j];
				if (!aes_block(ctx, e, e))
					goto out;
				fill = 0;
			}
			blk[fill++] = v[i].p[b];
		}
	}
	fin = k[1];
	if (fill < 16) {
		blk[fill++] = 0x80;
		memset(blk + fill, 0, 16 - fill);
		fin = k[2];
	}
	for (j = 0; j < 16; j++)
		e[j] ^= blk[j] ^ fin[j];
	if (!aes_block(ctx, e, e))
		goto out;
	memcpy(out, e, out_len);
	st = ST_OK;
out:
	EVP_CIPHER_CTX_free(ctx);
	ERR_clear_error();
	return st;
}

uint8_t
vcdev_crypto_mac(const struct vcdev_crypto *c, uint32_t algo,
		 const uint8_t *key, uint32_t key_len, const uint8_t *iv,
		 const struct vcdev_iov *v, unsigned int n, uint8_t *out,
		 uint32_t out_len)
{
	OSSL_PARAM params[3];
	int idx;

	if (!vcdev_crypto_mac_ok(c, algo, key_len) ||
	    out_len > vcdev_crypto_mac_size(c, algo))
		return ST_ERR;
	if (is_hmac(algo)) {
		params[0] = OSSL_PARAM_construct_utf8_string(
			OSSL_MAC_PARAM_DIGEST, (char *)md_names[algo], 0);
		params[1] = OSSL_PARAM_construct_end();
		return evp_mac(c->mac[M_HMAC], params, key, key_len, v, n,
			       out, out_len);
	}
	switch (algo) {
	case VIRTIO_CRYPTO_MAC_CMAC_AES:
		idx = aes_index(C_AES_CBC, key_len);
		params[0] = OSSL_PARAM_construct_utf8_string(
			OSSL_MAC_PARAM_CIPHER, (char *)cipher_names[idx], 0);
		params[1] = OSSL_PARAM_construct_end();
		return evp_mac(c->mac[M_CMAC], params, key, key_len, v, n,
			       out, out_len);
	case VIRTIO_CRYPTO_MAC_GMAC_AES:
		idx = aes_index(C_AES_GCM, key_len);
		params[0] = OSSL_PARAM_construct_utf8_string(
			OSSL_MAC_PARAM_CIPHER, (char *)cipher_names[idx], 0);
		params[1] = OSSL_PARAM_construct_octet_string(
			OSSL_MAC_PARAM_IV, (void *)iv, VCDEV_GMAC_IV_LEN);
		params[2] = OSSL_PARAM_construct_end();
		return evp_mac(c->mac[M_GMAC], params, key, key_len, v, n,
			       out, out_len);
	case VIRTIO_CRYPTO_MAC_XCBC_AES:
		return xcbc_mac(c->cipher[C_AES_ECB], key, v, n, out, out_len);
	default:
		return ST_ERR;
	}
}

/* ---- AEAD ---- */

static bool
aead_iv_ok(uint32_t algo, uint32_t iv_len)
{
	switch (algo) {
	case VIRTIO_CRYPTO_AEAD_GCM:
		return iv_len >= 1 && iv_len <= 16;
	case VIRTIO_CRYPTO_AEAD_CCM:
		return iv_len >= 7 && iv_len <= 13;
	default:
		return iv_len == 12;
	}
}

/*
 * CCM wants the tag length (and on decrypt the tag) before the key, and
 * the message length before the AAD; it verifies in the data update.
 * GCM and ChaCha20-Poly1305 verify in the final call.
 */
static uint8_t
aead_run(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, bool ccm,
	 const uint8_t *key, bool encrypt, const uint8_t *iv, uint32_t iv_len,
	 const uint8_t *aad, size_t aad_len, const uint8_t *in, uint8_t *out,
	 size_t len, uint8_t *tag, uint32_t tag_len)
{
	static const uint8_t dummy[1];
	int l = 0, fl = 0;

	if (!EVP_CipherInit_ex2(ctx, cipher, NULL, NULL, encrypt, NULL) ||
	    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, (int)iv_len,
				 NULL) ||
	    (ccm && !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG,
					 (int)tag_len, encrypt ? NULL : tag)) ||
	    !EVP_CipherInit_ex2(ctx, NULL, key, iv, encrypt, NULL) ||
	    (ccm && !EVP_CipherUpdate(ctx, NULL, &l, NULL, (int)len)) ||
	    (aad_len != 0 &&
	     !EVP_CipherUpdate(ctx, NULL, &l, aad, (int)aad_len)) ||
	    (!ccm && !encrypt &&
	     !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, (int)tag_len,
				  tag)))
		return ST_ERR;
	/* The length and AAD steps set l too: only data output counts. */
	l = 0;
	/* CCM runs its data step even for an empty message: it verifies. */
	if ((len != 0 || ccm) &&
	    !EVP_CipherUpdate(ctx, len != 0 ? out : (uint8_t *)dummy, &l,
			      len != 0 ? in : dummy, (int)len))
		return ccm && !encrypt ? ST_BADMSG : ST_ERR;
	if (!EVP_CipherFinal_ex(ctx, out + l, &fl))
		return encrypt ? ST_ERR : ST_BADMSG;
	if ((size_t)l + (size_t)fl != len)
		return ST_ERR;
	if (encrypt && !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG,
					    (int)tag_len, tag))
		return ST_ERR;
	return ST_OK;
}

uint8_t
vcdev_crypto_aead(const struct vcdev_crypto *c, uint32_t algo,
		  const uint8_t *key, uint32_t key_len, bool encrypt,
		  const uint8_t *iv, uint32_t iv_len,
		  const uint8_t *aad, size_t aad_len,
		  const uint8_t *in, uint8_t *out, size_t len,
		  uint8_t *tag, uint32_t tag_len)
{
	int idx = aead_index(algo, key_len);
	EVP_CIPHER_CTX *ctx;
	uint8_t st;

	if (!vcdev_crypto_aead_ok(c, algo, key_len, tag_len) ||
	    !aead_iv_ok(algo, iv_len) || len > INT_MAX || aad_len > INT_MAX)
		return ST_ERR;
	ctx = EVP_CIPHER_CTX_new();
	if (ctx == NULL)
		return ST_ERR;
	st = aead_run(ctx, c->cipher[idx], algo == VIRTIO_CRYPTO_AEAD_CCM,
		      key, encrypt, iv, iv_len, aad, aad_len, in, out, len,
		      tag, tag_len);
	EVP_CIPHER_CTX_free(ctx);
	ERR_clear_error();
	return st;
}
