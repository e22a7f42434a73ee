/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * RSA keys as the akcipher session request carries them: the DER the PMD
 * writes must parse with OpenSSL as PKCS#1 RSAPublicKey / RSAPrivateKey
 * and give back every value of an OpenSSL key; a half-given private key
 * (d only, or the CRT values only) must come out complete; bad keys are
 * refused.
 */

#include <errno.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "check.h"
#include "virtio_crypto_rsa_key.h"

enum { N, E, D, P, Q, DP, DQ, QINV, NB };

static const char *const names[NB] = {
	OSSL_PKEY_PARAM_RSA_N, OSSL_PKEY_PARAM_RSA_E, OSSL_PKEY_PARAM_RSA_D,
	OSSL_PKEY_PARAM_RSA_FACTOR1, OSSL_PKEY_PARAM_RSA_FACTOR2,
	OSSL_PKEY_PARAM_RSA_EXPONENT1, OSSL_PKEY_PARAM_RSA_EXPONENT2,
	OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
};

/* A key's values, big-endian, the way DPDK gives them. */
struct key_values {
	uint8_t buf[NB][VCRYPTO_RSA_MAX_BYTES];
	struct vcrypto_bn bn[NB];
};

static EVP_PKEY *
generate(unsigned int bits)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	EVP_PKEY *key = NULL;

	if (ctx != NULL && EVP_PKEY_keygen_init(ctx) > 0 &&
	    EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, (int)bits) > 0)
		EVP_PKEY_keygen(ctx, &key);
	EVP_PKEY_CTX_free(ctx);
	return key;
}

static bool
values_of(EVP_PKEY *key, struct key_values *kv)
{
	BIGNUM *b = NULL;
	int i, len;

	for (i = 0; i < NB; i++) {
		if (EVP_PKEY_get_bn_param(key, names[i], &b) != 1)
			return false;
		len = BN_bn2bin(b, kv->buf[i]);
		kv->bn[i] = (struct vcrypto_bn){ kv->buf[i], (size_t)len };
		BN_clear_free(b);
		b = NULL;
	}
	return true;
}

static EVP_PKEY *
parse(const uint8_t *der, int len, bool private_key)
{
	const unsigned char *p = der;
	EVP_PKEY *key = NULL;
	OSSL_DECODER_CTX *dctx = OSSL_DECODER_CTX_new_for_pkey(&key, "DER",
		"type-specific", "RSA", private_key ? EVP_PKEY_KEYPAIR :
		EVP_PKEY_PUBLIC_KEY, NULL, NULL);
	size_t left = (size_t)len;

	if (dctx == NULL || OSSL_DECODER_from_data(dctx, &p, &left) != 1 ||
	    left != 0) {
		EVP_PKEY_free(key);
		key = NULL;
	}
	OSSL_DECODER_CTX_free(dctx);
	return key;
}

/* The PMD's DER of k, parsed back by OpenSSL (NULL if either failed). */
static EVP_PKEY *
round_trip(const struct vcrypto_rsa_parts *k, bool private_key)
{
	uint8_t der[VCRYPTO_RSA_MAX_KEY_DER];
	int len = vcrypto_rsa_key_der(k, private_key, der);

	return len > 0 ? parse(der, len, private_key) : NULL;
}

/* got is key, and a consistent private key (d and CRT values). */
static bool
complete_pair(EVP_PKEY *got, EVP_PKEY *key)
{
	EVP_PKEY_CTX *ctx;
	bool ok;

	if (got == NULL || EVP_PKEY_eq(got, key) != 1)
		return false;
	ctx = EVP_PKEY_CTX_new_from_pkey(NULL, got, NULL);
	ok = ctx != NULL && EVP_PKEY_check(ctx) == 1;
	EVP_PKEY_CTX_free(ctx);
	return ok;
}

static void
check_key(unsigned int bits)
{
	uint8_t der[VCRYPTO_RSA_MAX_KEY_DER];
	struct vcrypto_rsa_parts k;
	struct key_values kv;
	EVP_PKEY *key = generate(bits), *got;

	CHECK(key != NULL && values_of(key, &kv), "%u: OpenSSL key", bits);
	if (key == NULL)
		return;

	memset(&k, 0, sizeof(k));
	k.n = kv.bn[N];
	k.e = kv.bn[E];
	got = round_trip(&k, false);
	CHECK(got != NULL && EVP_PKEY_eq(got, key) == 1,
	      "%u: public key parses and equals", bits);
	EVP_PKEY_free(got);

	/* exponent form: p, q and the CRT values derived */
	k.d = kv.bn[D];
	got = round_trip(&k, true);
	CHECK(complete_pair(got, key), "%u: private key from (n, e, d)", bits);
	EVP_PKEY_free(got);

	/* quintuple form: d derived */
	memset(&k.d, 0, sizeof(k.d));
	k.p = kv.bn[P];
	k.q = kv.bn[Q];
	k.dp = kv.bn[DP];
	k.dq = kv.bn[DQ];
	k.qinv = kv.bn[QINV];
	got = round_trip(&k, true);
	CHECK(complete_pair(got, key),
	      "%u: private key from (p, q, dP, dQ, qInv)", bits);
	EVP_PKEY_free(got);

	/* both given: taken as they are */
	k.d = kv.bn[D];
	got = round_trip(&k, true);
	CHECK(complete_pair(got, key), "%u: complete private key", bits);
	EVP_PKEY_free(got);

	/* a d that does not belong to n, e */
	k.d = kv.bn[DP];
	memset(&k.p, 0, sizeof(k.p));
	memset(&k.qinv, 0, sizeof(k.qinv));
	CHECK(vcrypto_rsa_key_der(&k, true, der) == -EINVAL,
	      "%u: wrong d refused", bits);
	EVP_PKEY_free(key);
}

static void
check_refusals(void)
{
	static const uint8_t one[1] = { 1 }, zero[4];
	uint8_t der[VCRYPTO_RSA_MAX_KEY_DER];
	static uint8_t big[VCRYPTO_RSA_MAX_BYTES + 1] = { 1 };
	struct vcrypto_rsa_parts k = { .n = { one, 1 }, .e = { one, 1 } };

	k.n = (struct vcrypto_bn){ zero, sizeof(zero) };
	CHECK(vcrypto_rsa_key_der(&k, false, der) == -EINVAL, "zero modulus");
	k.n = (struct vcrypto_bn){ big, sizeof(big) };
	CHECK(vcrypto_rsa_key_der(&k, false, der) == -EINVAL,
	      "modulus over 8192 bits");
	k.n = (struct vcrypto_bn){ one, 1 };
	CHECK(vcrypto_rsa_key_der(&k, true, der) == -EINVAL,
	      "private key without d or CRT values");
	k.e = (struct vcrypto_bn){ NULL, 0 };
	CHECK(vcrypto_rsa_key_der(&k, false, der) == -EINVAL, "empty exponent");
}

/*
 * The largest key, every value at its longest and a 64-bit e, fits the
 * buffer; an e as long as n does not, and is refused, not overrun.
 */
static void
check_largest(void)
{
	static uint8_t full[VCRYPTO_RSA_MAX_BYTES], half[VCRYPTO_RSA_MAX_BYTES / 2];
	uint8_t der[VCRYPTO_RSA_MAX_KEY_DER];
	struct vcrypto_bn f = { full, sizeof(full) }, h = { half, sizeof(half) };
	struct vcrypto_rsa_parts k = { f, { full, 8 }, f, h, h, h, h, h };

	memset(full, 0xff, sizeof(full));
	memset(half, 0xff, sizeof(half));
	CHECK(vcrypto_rsa_key_der(&k, true, der) > 4096,
	      "8192-bit private key fits");
	k.e = f;
	CHECK(vcrypto_rsa_key_der(&k, true, der) == -EINVAL,
	      "8192-bit private key with an 8192-bit e refused");
}

/* DER details: a minimal INTEGER, a zero ahead of a set top bit. */
static void
check_encoding(void)
{
	static const uint8_t n[3] = { 0x00, 0x80, 0x01 }, e[1] = { 3 };
	static const uint8_t want[] = { 0x30, 0x08, 0x02, 0x03, 0x00, 0x80,
		0x01, 0x02, 0x01, 0x03 };
	struct vcrypto_rsa_parts k = { .n = { n, 3 }, .e = { e, 1 } };
	uint8_t der[VCRYPTO_RSA_MAX_KEY_DER];
	int len = vcrypto_rsa_key_der(&k, false, der);

	/* 0x0080 01 strips to 80 01, and gains its sign byte back */
	CHECK(len == (int)sizeof(want) && memcmp(der, want, sizeof(want)) == 0,
	      "public key bytes");
}

int
main(void)
{
	/* 8192-bit keys take too long to make here: check_largest() */
	static const unsigned int sizes[] = { 512, 1024, 2048, 4096 };
	unsigned int i;

	check_encoding();
	check_refusals();
	check_largest();
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		check_key(sizes[i]);
	return check_done("rsa_key");
}
