/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * ECDSA keys and signatures as the akcipher service carries them: the
 * PMD's ECPrivateKey must parse with OpenSSL and give back the key, its
 * point must be OpenSSL's uncompressed encoding, its DER signatures must
 * verify and OpenSSL's must parse back to the same r and s; and the
 * signature reader, which reads what a device wrote, must refuse
 * anything but strict DER that fits the curve.
 */

#include <errno.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include "check.h"
#include "virtio_crypto_ec_key.h"

struct curve_case {
	enum rte_crypto_curve_id id;
	const char *name;
};

static const struct curve_case cases[] = {
	{ RTE_CRYPTO_EC_GROUP_SECP192R1, "P-192" },
	{ RTE_CRYPTO_EC_GROUP_SECP224R1, "P-224" },
	{ RTE_CRYPTO_EC_GROUP_SECP256R1, "P-256" },
	{ RTE_CRYPTO_EC_GROUP_SECP384R1, "P-384" },
	{ RTE_CRYPTO_EC_GROUP_SECP521R1, "P-521" },
};

/* A BIGNUM parameter of key as minimal big-endian bytes; its length. */
static int
bn_param(EVP_PKEY *key, const char *name, uint8_t *out)
{
	BIGNUM *b = NULL;
	int len;

	if (EVP_PKEY_get_bn_param(key, name, &b) != 1)
		return -1;
	len = BN_bn2bin(b, out);
	BN_clear_free(b);
	return len;
}

static EVP_PKEY *
parse_private(const uint8_t *der, int len)
{
	const unsigned char *p = der;
	EVP_PKEY *key = NULL;
	OSSL_DECODER_CTX *dctx = OSSL_DECODER_CTX_new_for_pkey(&key, "DER",
		"type-specific", "EC", EVP_PKEY_KEYPAIR, NULL, NULL);
	size_t left = (size_t)len;

	if (dctx == NULL || OSSL_DECODER_from_data(dctx, &p, &left) != 1 ||
	    left != 0) {
		EVP_PKEY_free(key);
		key = NULL;
	}
	OSSL_DECODER_CTX_free(dctx);
	return key;
}

static void
check_keys(const struct vcrypto_ec_curve *c, EVP_PKEY *key, const char *name)
{
	uint8_t d[VCRYPTO_EC_MAX_BYTES + 1], x[VCRYPTO_EC_MAX_BYTES + 1];
	uint8_t y[VCRYPTO_EC_MAX_BYTES + 1], der[VCRYPTO_EC_MAX_KEY];
	uint8_t point[VCRYPTO_EC_MAX_KEY], padded[VCRYPTO_EC_MAX_BYTES + 2];
	size_t plen = 0;
	int dl = bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, d);
	int xl = bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, x);
	int yl = bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, y);
	int len, len2;
	EVP_PKEY *got;

	CHECK(dl > 0 && xl > 0 && yl > 0, "%s: key values", name);
	len = vcrypto_ec_private_der(c, (struct vcrypto_bn){ d, (size_t)dl },
				     der);
	got = len > 0 ? parse_private(der, len) : NULL;
	CHECK(got != NULL && EVP_PKEY_eq(got, key) == 1,
	      "%s: ECPrivateKey parses back to the key", name);
	EVP_PKEY_free(got);

	/* Leading zeros in what DPDK gives change nothing. */
	memset(padded, 0, 2);
	memcpy(padded + 2, d, (size_t)dl);
	len2 = vcrypto_ec_private_der(c,
		(struct vcrypto_bn){ padded, (size_t)dl + 2 }, point);
	CHECK(len2 == len && memcmp(point, der, (size_t)len) == 0,
	      "%s: leading zeros make the same DER", name);

	len = vcrypto_ec_public_point(c, (struct vcrypto_bn){ x, (size_t)xl },
		(struct vcrypto_bn){ y, (size_t)yl }, point);
	CHECK(EVP_PKEY_get_octet_string_param(key,
		OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, der, sizeof(der),
		&plen) == 1 && len == 1 + 2 * c->bytes &&
	      (size_t)len == plen && memcmp(der, point, plen) == 0,
	      "%s: the point is OpenSSL's uncompressed encoding", name);
}

/* Sign dgst with OpenSSL; its DER signature into sig. */
static size_t
openssl_sign(EVP_PKEY *key, const uint8_t *dgst, size_t dlen, uint8_t *sig)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key, NULL);
	size_t slen = VCRYPTO_ECDSA_MAX_SIG;

	if (ctx == NULL || EVP_PKEY_sign_init(ctx) != 1 ||
	    EVP_PKEY_sign(ctx, sig, &slen, dgst, dlen) != 1)
		slen = 0;
	EVP_PKEY_CTX_free(ctx);
	return slen;
}

static bool
openssl_verify(EVP_PKEY *key, const uint8_t *dgst, size_t dlen,
	       const uint8_t *sig, size_t slen)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key, NULL);
	bool ok = ctx != NULL && EVP_PKEY_verify_init(ctx) == 1 &&
		EVP_PKEY_verify(ctx, sig, slen, dgst, dlen) == 1;

	EVP_PKEY_CTX_free(ctx);
	return ok;
}

static void
check_signatures(const struct vcrypto_ec_curve *c, EVP_PKEY *key,
		 const char *name)
{
	uint8_t dgst[32], sig[VCRYPTO_ECDSA_MAX_SIG], again[VCRYPTO_ECDSA_MAX_SIG];
	uint8_t r[VCRYPTO_EC_MAX_BYTES], s[VCRYPTO_EC_MAX_BYTES];
	size_t slen;
	int i, len, ok = 0;

	for (i = 0; i < (int)sizeof(dgst); i++)
		dgst[i] = (uint8_t)(i * 7 + 1);
	/* Many signatures: r and s of every length, short ones included. */
	for (i = 0; i < 64; i++) {
		slen = openssl_sign(key, dgst, sizeof(dgst), sig);
		if (slen == 0 || !vcrypto_ecdsa_sig_parse(c, sig, slen, r, s))
			continue;
		len = vcrypto_ecdsa_sig_der(c,
			(struct vcrypto_bn){ r, c->bytes },
			(struct vcrypto_bn){ s, c->bytes }, again);
		if (len > 0 && (size_t)len == slen &&
		    memcmp(again, sig, slen) == 0 &&
		    openssl_verify(key, dgst, sizeof(dgst), again, (size_t)len))
			ok++;
	}
	CHECK(ok == 64, "%s: 64 OpenSSL signatures read and written back "
	      "byte for byte (%d)", name, ok);
}

/* Reader refusals, on a well-formed P-256 signature made by hand. */
static void
check_strict_reader(void)
{
	const struct vcrypto_ec_curve *c =
		vcrypto_ec_curve(RTE_CRYPTO_EC_GROUP_SECP256R1);
	uint8_t good[8] = { 0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07 };
	uint8_t b[VCRYPTO_ECDSA_MAX_SIG + 8];
	uint8_t r[VCRYPTO_EC_MAX_BYTES], s[VCRYPTO_EC_MAX_BYTES];
	uint8_t big[VCRYPTO_EC_MAX_BYTES + 1];

	CHECK(vcrypto_ecdsa_sig_parse(c, good, sizeof(good), r, s) &&
	      r[31] == 5 && s[31] == 7 && r[0] == 0,
	      "reader: (5, 7), zero-padded to 32 bytes");
	memcpy(b, good, 8);
	b[8] = 0;
	CHECK(!vcrypto_ecdsa_sig_parse(c, b, 9, r, s), "reader: trailing byte");
	CHECK(!vcrypto_ecdsa_sig_parse(c, good, 7, r, s), "reader: truncated");
	CHECK(!vcrypto_ecdsa_sig_parse(c, good, 0, r, s), "reader: empty");
	memcpy(b, good, 8);
	b[0] = 0x31;
	CHECK(!vcrypto_ecdsa_sig_parse(c, b, 8, r, s), "reader: SET, not SEQUENCE");
	memcpy(b, good, 8);
	b[5] = 0x04;
	CHECK(!vcrypto_ecdsa_sig_parse(c, b, 8, r, s),
	      "reader: OCTET STRING for s");
	memcpy(b, good, 8);
	b[4] = 0x85;
	CHECK(!vcrypto_ecdsa_sig_parse(c, b, 8, r, s), "reader: negative r");
	memcpy(b, good, 8);
	b[4] = 0x00;
	CHECK(!vcrypto_ecdsa_sig_parse(c, b, 8, r, s), "reader: zero r");
	/* 30 07 02 02 00 05 02 01 07: a zero byte not ahead of a top bit */
	memcpy(b, (const uint8_t[]){ 0x30, 0x07, 0x02, 0x02, 0x00, 0x05, 0x02,
		0x01, 0x07 }, 9);
	CHECK(!vcrypto_ecdsa_sig_parse(c, b, 9, r, s),
	      "reader: non-minimal INTEGER");
	/* 30 81 06 ...: a long length form for a short length */
	memcpy(b, (const uint8_t[]){ 0x30, 0x81, 0x06, 0x02, 0x01, 0x05, 0x02,
		0x01, 0x07 }, 9);
	CHECK(!vcrypto_ecdsa_sig_parse(c, b, 9, r, s),
	      "reader: non-minimal length");
	memcpy(b, good, 8);
	b[1] = 0x07;
	CHECK(!vcrypto_ecdsa_sig_parse(c, b, 8, r, s),
	      "reader: SEQUENCE longer than the bytes");
	memcpy(b, good, 8);
	b[3] = 0x05;
	CHECK(!vcrypto_ecdsa_sig_parse(c, b, 8, r, s),
	      "reader: INTEGER longer than its SEQUENCE");
	/* three INTEGERs */
	memcpy(b, (const uint8_t[]){ 0x30, 0x09, 0x02, 0x01, 0x05, 0x02, 0x01,
		0x07, 0x02, 0x01, 0x01 }, 11);
	CHECK(!vcrypto_ecdsa_sig_parse(c, b, 11, r, s),
	      "reader: a third INTEGER");
	/* r of 33 bytes on a 32-byte curve */
	memset(big, 0x11, sizeof(big));
	CHECK(vcrypto_ecdsa_sig_der(c, (struct vcrypto_bn){ big, 33 },
		(struct vcrypto_bn){ big, 1 }, b) == -EINVAL,
	      "writer: r longer than the curve");
	b[0] = 0x30;
	b[1] = 2 + 33 + 3;
	b[2] = 0x02;
	b[3] = 33;
	memcpy(b + 4, big, 33);
	memcpy(b + 37, (const uint8_t[]){ 0x02, 0x01, 0x07 }, 3);
	CHECK(!vcrypto_ecdsa_sig_parse(c, b, 40, r, s),
	      "reader: r longer than the curve");
}

static void
check_bad_keys(void)
{
	const struct vcrypto_ec_curve *c =
		vcrypto_ec_curve(RTE_CRYPTO_EC_GROUP_SECP192R1);
	uint8_t big[VCRYPTO_EC_MAX_BYTES + 1], out[VCRYPTO_EC_MAX_KEY];
	static const uint8_t zero[4];

	memset(big, 0xff, sizeof(big));
	CHECK(vcrypto_ec_curve((enum rte_crypto_curve_id)22) == NULL &&
	      vcrypto_ec_curve_at(5) == NULL, "curves: five, no others");
	CHECK(vcrypto_ec_private_der(c, (struct vcrypto_bn){ zero, 4 }, out) ==
	      -EINVAL, "private key: zero scalar refused");
	CHECK(vcrypto_ec_private_der(c, (struct vcrypto_bn){ big, 25 }, out) ==
	      -EINVAL, "private key: scalar longer than the curve refused");
	CHECK(vcrypto_ec_public_point(c, (struct vcrypto_bn){ big, 25 },
		(struct vcrypto_bn){ big, 1 }, out) == -EINVAL,
	      "public key: x longer than the curve refused");
	CHECK(vcrypto_ec_scalar(c, (struct vcrypto_bn){ NULL, 0 }, out) ==
	      -EINVAL, "scalar: none refused");
}

int
main(void)
{
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct vcrypto_ec_curve *c = vcrypto_ec_curve(cases[i].id);
		EVP_PKEY *key = EVP_PKEY_Q_keygen(NULL, NULL, "EC",
						  cases[i].name);

		CHECK(c != NULL && key != NULL && c == vcrypto_ec_curve_at(i),
		      "%s: curve and OpenSSL key", cases[i].name);
		if (c == NULL || key == NULL)
			continue;
		check_keys(c, key, cases[i].name);
		check_signatures(c, key, cases[i].name);
		EVP_PKEY_free(key);
	}
	check_strict_reader();
	check_bad_keys();
	return check_done("ec_key");
}
