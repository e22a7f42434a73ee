/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <errno.h>
#include <string.h>

#include <linux/virtio_crypto.h>

#include <rte_common.h>

#include "virtio_crypto_ec_key.h"

#define DER_OCTET_STRING 0x04
#define DER_CONTEXT_0 0xa0	/* [0] EXPLICIT, constructed */
#define SEC1_UNCOMPRESSED 0x04

static const struct vcrypto_ec_curve curves[] = {
	{ RTE_CRYPTO_EC_GROUP_SECP192R1, VIRTIO_CRYPTO_CURVE_NIST_P192, 24,
	  10, { 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x01 } },
	{ RTE_CRYPTO_EC_GROUP_SECP224R1, VIRTIO_CRYPTO_CURVE_NIST_P224, 28,
	  7, { 0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x21 } },
	{ RTE_CRYPTO_EC_GROUP_SECP256R1, VIRTIO_CRYPTO_CURVE_NIST_P256, 32,
	  10, { 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07 } },
	{ RTE_CRYPTO_EC_GROUP_SECP384R1, VIRTIO_CRYPTO_CURVE_NIST_P384, 48,
	  7, { 0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22 } },
	{ RTE_CRYPTO_EC_GROUP_SECP521R1, VIRTIO_CRYPTO_CURVE_NIST_P521, 66,
	  7, { 0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23 } },
};

int
vcrypto_ec_curve_index(enum rte_crypto_curve_id id)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(curves); i++)
		if (curves[i].rte_id == id)
			return (int)i;
	return -1;
}

const struct vcrypto_ec_curve *
vcrypto_ec_curve(enum rte_crypto_curve_id id)
{
	int i = vcrypto_ec_curve_index(id);

	return i < 0 ? NULL : &curves[i];
}

const struct vcrypto_ec_curve *
vcrypto_ec_curve_at(unsigned int i)
{
	return i < RTE_DIM(curves) ? &curves[i] : NULL;
}

/* x as exactly n big-endian bytes at out; false if it needs more. */
static bool
put_fixed(uint8_t *out, struct vcrypto_bn x, size_t n)
{
	size_t len = vcrypto_bn_bytes(x);

	if (len > n)
		return false;
	memset(out, 0, n - len);
	if (len != 0)
		memcpy(out + n - len, x.data + x.len - len, len);
	return true;
}

int
vcrypto_ec_scalar(const struct vcrypto_ec_curve *c, struct vcrypto_bn d,
		  uint8_t *out)
{
	if (vcrypto_bn_bytes(d) == 0 || !put_fixed(out, d, c->bytes))
		return -EINVAL;
	return c->bytes;
}

int
vcrypto_ec_private_der(const struct vcrypto_ec_curve *c, struct vcrypto_bn d,
		       uint8_t *out)
{
	/* version, privateKey, [0] parameters */
	size_t body = 3 + 2 + c->bytes + 2 + c->oid_len;
	uint8_t *p = out;

	p = vcrypto_der_put_header(p, 0x30, body);
	*p++ = 0x02;
	*p++ = 0x01;
	*p++ = 0x01;
	p = vcrypto_der_put_header(p, DER_OCTET_STRING, c->bytes);
	if (vcrypto_ec_scalar(c, d, p) < 0)
		return -EINVAL;
	p += c->bytes;
	p = vcrypto_der_put_header(p, DER_CONTEXT_0, c->oid_len);
	memcpy(p, c->oid, c->oid_len);
	p += c->oid_len;
	return (int)(p - out);
}

int
vcrypto_ec_public_point(const struct vcrypto_ec_curve *c, struct vcrypto_bn x,
			struct vcrypto_bn y, uint8_t *out)
{
	out[0] = SEC1_UNCOMPRESSED;
	if (!put_fixed(out + 1, x, c->bytes) ||
	    !put_fixed(out + 1 + c->bytes, y, c->bytes))
		return -EINVAL;
	return 1 + 2 * c->bytes;
}

int
vcrypto_ecdsa_sig_der(const struct vcrypto_ec_curve *c, struct vcrypto_bn r,
		      struct vcrypto_bn s, uint8_t *out)
{
	struct vcrypto_bn rs[2] = { r, s };

	if (vcrypto_bn_bytes(r) == 0 || vcrypto_bn_bytes(r) > c->bytes ||
	    vcrypto_bn_bytes(s) == 0 || vcrypto_bn_bytes(s) > c->bytes)
		return -EINVAL;
	return vcrypto_der_int_sequence(rs, 2, out, VCRYPTO_ECDSA_MAX_SIG);
}

bool
vcrypto_ecdsa_sig_parse(const struct vcrypto_ec_curve *c, const uint8_t *der,
			size_t len, uint8_t *r, uint8_t *s)
{
	struct vcrypto_bn a, b;

	return vcrypto_der_int_pair(der, len, &a, &b) &&
		put_fixed(r, a, c->bytes) && put_fixed(s, b, c->bytes);
}
