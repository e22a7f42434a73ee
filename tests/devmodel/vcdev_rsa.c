/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * RSA for the akcipher service: see vcdev_crypto.h. Keys come as PKCS#1
 * DER and are decoded in the engine's library context. A private key
 * whose d is 0 (a driver holding only the CRT form) needs nothing
 * special: OpenSSL computes with p, q, dP, dQ and qInv whenever all are
 * present, and falls back to d only if that result fails its check.
 */

#include <stdlib.h>
#include <string.h>

#include <linux/virtio_crypto.h>

#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rsa.h>

#include "vcdev_crypto.h"

#define MIN_BITS 512
#define MAX_BITS 8192
#define MAX_BYTES (MAX_BITS / 8)
/* PKCS#1 v1.5 padding takes at least 11 bytes of the modulus. */
#define PKCS1_OVERHEAD 11

struct vcdev_rsa {
	EVP_PKEY *pkey;
	uint32_t size;		/* modulus bytes */
	bool private;
	uint32_t refs;		/* atomic */
};

/* Digests of RSASSA-PKCS1-v1_5, indexed by VIRTIO_CRYPTO_RSA_* hash. */
static const struct {
	const char *name;
	uint32_t len;
} digests[] = {
	[VIRTIO_CRYPTO_RSA_MD5] = { "MD5", 16 },
	[VIRTIO_CRYPTO_RSA_SHA1] = { "SHA1", 20 },
	[VIRTIO_CRYPTO_RSA_SHA224] = { "SHA2-224", 28 },
	[VIRTIO_CRYPTO_RSA_SHA256] = { "SHA2-256", 32 },
	[VIRTIO_CRYPTO_RSA_SHA384] = { "SHA2-384", 48 },
	[VIRTIO_CRYPTO_RSA_SHA512] = { "SHA2-512", 64 },
};

static const char *
digest_name(uint32_t hash)
{
	return hash < sizeof(digests) / sizeof(digests[0]) ?
		digests[hash].name : NULL;
}

bool
vcdev_rsa_params_ok(uint32_t padding, uint32_t hash)
{
	if (padding != VIRTIO_CRYPTO_RSA_RAW_PADDING &&
	    padding != VIRTIO_CRYPTO_RSA_PKCS1_PADDING)
		return false;
	return hash == VIRTIO_CRYPTO_RSA_NO_HASH || digest_name(hash) != NULL;
}

bool
vcdev_rsa_available(const struct vcdev_crypto *c)
{
	EVP_KEYMGMT *km = EVP_KEYMGMT_fetch(vcdev_crypto_lib(c), "RSA", NULL);

	ERR_clear_error();
	if (km == NULL)
		return false;
	EVP_KEYMGMT_free(km);
	return true;
}

/* ---- keys ---- */

static EVP_PKEY *
decode(const struct vcdev_crypto *c, bool private, const uint8_t *der,
       size_t len)
{
	int sel = private ? OSSL_KEYMGMT_SELECT_PRIVATE_KEY :
		OSSL_KEYMGMT_SELECT_PUBLIC_KEY;
	EVP_PKEY *pkey = NULL;
	OSSL_DECODER_CTX *dc;
	const uint8_t *p = der;
	size_t left = len;
	bool ok;

	/* "type-specific" DER of RSA is PKCS#1: RSAPrivateKey, RSAPublicKey. */
	dc = OSSL_DECODER_CTX_new_for_pkey(&pkey, "DER", "type-specific",
					   "RSA", sel, vcdev_crypto_lib(c),
					   NULL);
	ok = dc != NULL && len != 0 &&
		OSSL_DECODER_from_data(dc, &p, &left) == 1 && pkey != NULL;
	OSSL_DECODER_CTX_free(dc);
	/* Bytes after the key mean the driver sent something else. */
	if (!ok || left != 0) {
		EVP_PKEY_free(pkey);
		return NULL;
	}
	return pkey;
}

uint8_t
vcdev_rsa_parse(const struct vcdev_crypto *c, bool private,
		const uint8_t *der, size_t len, struct vcdev_rsa **out)
{
	EVP_PKEY *pkey = decode(c, private, der, len);
	struct vcdev_rsa *k;
	int bits;

	ERR_clear_error();
	*out = NULL;
	if (pkey == NULL)
		return VIRTIO_CRYPTO_ERR;
	bits = EVP_PKEY_get_bits(pkey);
	if (bits < MIN_BITS || bits > MAX_BITS) {
		EVP_PKEY_free(pkey);
		return VIRTIO_CRYPTO_NOTSUPP;
	}
	k = calloc(1, sizeof(*k));
	if (k == NULL) {
		EVP_PKEY_free(pkey);
		return VIRTIO_CRYPTO_ERR;
	}
	k->pkey = pkey;
	k->size = (uint32_t)(bits + 7) / 8;
	k->private = private;
	k->refs = 1;
	*out = k;
	return VIRTIO_CRYPTO_OK;
}

struct vcdev_rsa *
vcdev_rsa_ref(struct vcdev_rsa *k)
{
	if (k != NULL)
		__atomic_fetch_add(&k->refs, 1, __ATOMIC_RELAXED);
	return k;
}

void
vcdev_rsa_unref(struct vcdev_rsa *k)
{
	if (k == NULL || __atomic_sub_fetch(&k->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	EVP_PKEY_free(k->pkey);
	free(k);
}

uint32_t
vcdev_rsa_size(const struct vcdev_rsa *k)
{
	return k->size;
}

bool
vcdev_rsa_private(const struct vcdev_rsa *k)
{
	return k->private;
}

uint32_t
vcdev_rsa_digest_len(uint32_t hash)
{
	return digest_name(hash) != NULL ? digests[hash].len : 0;
}

/* ---- operations ---- */

/* RAW operands are integers: len <= size bytes, made exactly size long. */
static bool
left_pad(const struct vcdev_rsa *k, const uint8_t *in, size_t len,
	 uint8_t *out)
{
	if (len > k->size)
		return false;
	memset(out, 0, k->size - len);
	memcpy(out + k->size - len, in, len);
	return true;
}

static int
pad_mode(uint32_t padding)
{
	return padding == VIRTIO_CRYPTO_RSA_PKCS1_PADDING ? RSA_PKCS1_PADDING :
		RSA_NO_PADDING;
}

/*
 * Padding and, for signatures, the digest of the DigestInfo (NULL: none).
 * A bad PKCS#1 type 2 block must fail, not decrypt to random bytes, so
 * implicit rejection (OpenSSL 3.2+) is off.
 */
static bool
set_params(EVP_PKEY_CTX *ctx, uint32_t padding, const char *digest)
{
	OSSL_PARAM p[4];
	int pad = pad_mode(padding);
#ifdef OSSL_ASYM_CIPHER_PARAM_IMPLICIT_REJECTION
	unsigned int implicit = 0;
#endif
	int n = 0;

	p[n++] = OSSL_PARAM_construct_int(OSSL_PKEY_PARAM_PAD_MODE, &pad);
	if (digest != NULL)
		p[n++] = OSSL_PARAM_construct_utf8_string(
			OSSL_SIGNATURE_PARAM_DIGEST, (char *)(uintptr_t)digest,
			0);
#ifdef OSSL_ASYM_CIPHER_PARAM_IMPLICIT_REJECTION
	if (digest == NULL && padding == VIRTIO_CRYPTO_RSA_PKCS1_PADDING)
		p[n++] = OSSL_PARAM_construct_uint(
			OSSL_ASYM_CIPHER_PARAM_IMPLICIT_REJECTION, &implicit);
#endif
	p[n] = OSSL_PARAM_construct_end();
	return EVP_PKEY_CTX_set_params(ctx, p) == 1;
}

static EVP_PKEY_CTX *
new_ctx(const struct vcdev_crypto *c, const struct vcdev_rsa *k)
{
	return EVP_PKEY_CTX_new_from_pkey(vcdev_crypto_lib(c), k->pkey, NULL);
}

static uint8_t
finish(EVP_PKEY_CTX *ctx, bool ok)
{
	EVP_PKEY_CTX_free(ctx);
	ERR_clear_error();
	return ok ? VIRTIO_CRYPTO_OK : VIRTIO_CRYPTO_ERR;
}

uint8_t
vcdev_rsa_encrypt(const struct vcdev_crypto *c, const struct vcdev_rsa *k,
		  uint32_t padding, const uint8_t *in, size_t len,
		  uint8_t *out)
{
	uint8_t m[MAX_BYTES];
	size_t out_len = k->size;
	EVP_PKEY_CTX *ctx;
	bool ok;

	if (padding == VIRTIO_CRYPTO_RSA_RAW_PADDING) {
		if (!left_pad(k, in, len, m))
			return VIRTIO_CRYPTO_ERR;
		in = m;
		len = k->size;
	} else if (len + PKCS1_OVERHEAD > k->size) {
		return VIRTIO_CRYPTO_ERR;
	}
	ctx = new_ctx(c, k);
	ok = ctx != NULL && EVP_PKEY_encrypt_init(ctx) == 1 &&
		set_params(ctx, padding, NULL) &&
		EVP_PKEY_encrypt(ctx, out, &out_len, in, len) == 1 &&
		out_len == k->size;
	return finish(ctx, ok);
}

uint8_t
vcdev_rsa_decrypt(const struct vcdev_crypto *c, const struct vcdev_rsa *k,
		  uint32_t padding, const uint8_t *in, size_t len,
		  uint8_t *out, size_t *out_len)
{
	uint8_t m[MAX_BYTES];
	EVP_PKEY_CTX *ctx;
	bool ok;

	/* A ciphertext is an integer too: leading zeros may be left off. */
	if (!k->private || !left_pad(k, in, len, m))
		return VIRTIO_CRYPTO_ERR;
	*out_len = k->size;
	ctx = new_ctx(c, k);
	ok = ctx != NULL && EVP_PKEY_decrypt_init(ctx) == 1 &&
		set_params(ctx, padding, NULL) &&
		EVP_PKEY_decrypt(ctx, out, out_len, m, k->size) == 1 &&
		*out_len <= k->size;
	return finish(ctx, ok);
}

uint8_t
vcdev_rsa_sign(const struct vcdev_crypto *c, const struct vcdev_rsa *k,
	       uint32_t padding, uint32_t hash, const uint8_t *in, size_t len,
	       uint8_t *out)
{
	const char *md = NULL;
	uint8_t m[MAX_BYTES];
	size_t out_len = k->size;
	EVP_PKEY_CTX *ctx;
	bool ok;

	if (!k->private)
		return VIRTIO_CRYPTO_ERR;
	if (padding == VIRTIO_CRYPTO_RSA_RAW_PADDING) {
		/* RAW: src^d mod n, whatever the session's hash. */
		if (!left_pad(k, in, len, m))
			return VIRTIO_CRYPTO_ERR;
		in = m;
		len = k->size;
	} else if (hash != VIRTIO_CRYPTO_RSA_NO_HASH) {
		/* The driver hashed: src is the digest the DigestInfo wraps. */
		md = digest_name(hash);
		if (md == NULL || len != vcdev_rsa_digest_len(hash))
			return VIRTIO_CRYPTO_ERR;
	} else if (len + PKCS1_OVERHEAD > k->size) {
		return VIRTIO_CRYPTO_ERR;
	}
	ctx = new_ctx(c, k);
	ok = ctx != NULL && EVP_PKEY_sign_init(ctx) == 1 &&
		set_params(ctx, padding, md) &&
		EVP_PKEY_sign(ctx, out, &out_len, in, len) == 1 &&
		out_len == k->size;
	return finish(ctx, ok);
}

/* RAW: sig^e mod n compared with the expected value, as integers. */
static uint8_t
verify_raw(const struct vcdev_crypto *c, const struct vcdev_rsa *k,
	   const uint8_t *sig, const uint8_t *msg, size_t msg_len)
{
	uint8_t want[MAX_BYTES], got[MAX_BYTES];
	size_t got_len = k->size;
	EVP_PKEY_CTX *ctx;
	bool ok;

	if (!left_pad(k, msg, msg_len, want))
		return VIRTIO_CRYPTO_ERR;
	ctx = new_ctx(c, k);
	if (ctx == NULL || EVP_PKEY_verify_recover_init(ctx) != 1 ||
	    !set_params(ctx, VIRTIO_CRYPTO_RSA_RAW_PADDING, NULL))
		return finish(ctx, false);
	/* Fails for a signature not below n: that one does not verify. */
	ok = EVP_PKEY_verify_recover(ctx, got, &got_len, sig, k->size) == 1 &&
		got_len == k->size && memcmp(got, want, k->size) == 0;
	finish(ctx, true);
	return ok ? VIRTIO_CRYPTO_OK : VIRTIO_CRYPTO_KEY_REJECTED;
}

uint8_t
vcdev_rsa_verify(const struct vcdev_crypto *c, const struct vcdev_rsa *k,
		 uint32_t padding, uint32_t hash, const uint8_t *sig,
		 size_t sig_len, const uint8_t *msg, size_t msg_len)
{
	const char *md = NULL;
	EVP_PKEY_CTX *ctx;
	int ret;

	if (sig_len != k->size)
		return VIRTIO_CRYPTO_ERR;
	if (padding == VIRTIO_CRYPTO_RSA_RAW_PADDING)
		return verify_raw(c, k, sig, msg, msg_len);
	if (hash != VIRTIO_CRYPTO_RSA_NO_HASH) {
		md = digest_name(hash);
		if (md == NULL || msg_len != vcdev_rsa_digest_len(hash))
			return VIRTIO_CRYPTO_ERR;
	}
	ctx = new_ctx(c, k);
	if (ctx == NULL || EVP_PKEY_verify_init(ctx) != 1 ||
	    !set_params(ctx, padding, md))
		return finish(ctx, false);
	/* 0: a signature that does not verify (bad padding, not below n). */
	ret = EVP_PKEY_verify(ctx, sig, sig_len, msg, msg_len);
	finish(ctx, ret >= 0);
	if (ret < 0)
		return VIRTIO_CRYPTO_ERR;
	return ret == 1 ? VIRTIO_CRYPTO_OK : VIRTIO_CRYPTO_KEY_REJECTED;
}
