/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The DER reader the akcipher service runs over what a device wrote: an
 * ECDSA signature (vcrypto_ecdsa_sig_parse(), on a curve the first input
 * byte picks) and its SEQUENCE of two INTEGERs (vcrypto_der_int_pair()),
 * on the rest of the input, in a heap block of exactly its size (ASan
 * catches a read past it). Checks: what either accepts is canonical DER,
 * so writing back what it read gives the input byte for byte; accepted
 * integers are positive and fit the curve.
 */

#include <stdlib.h>
#include <string.h>

#include "fz_common.h"
#include "virtio_crypto_der.h"
#include "virtio_crypto_ec_key.h"

static void
check_pair(const uint8_t *der, size_t len)
{
	uint8_t again[VCRYPTO_ECDSA_MAX_SIG + 16];
	struct vcrypto_bn ab[2];
	int n;

	if (!vcrypto_der_int_pair(der, len, &ab[0], &ab[1]))
		return;
	FZ_CHECK(ab[0].len != 0 && ab[1].len != 0 && ab[0].data[0] != 0 &&
		 ab[1].data[0] != 0, "accepted a zero or padded integer");
	FZ_CHECK(ab[0].data >= der && ab[1].data + ab[1].len <= der + len,
		 "integers outside the input");
	if (len > sizeof(again))
		return;
	n = vcrypto_der_int_sequence(ab, 2, again, sizeof(again));
	FZ_CHECK(n == (int)len && memcmp(again, der, len) == 0,
		 "accepted %zu bytes that are not canonical DER (%d)", len, n);
}

static void
check_signature(const struct vcrypto_ec_curve *c, const uint8_t *der,
		size_t len)
{
	uint8_t r[VCRYPTO_EC_MAX_BYTES], s[VCRYPTO_EC_MAX_BYTES];
	uint8_t again[VCRYPTO_ECDSA_MAX_SIG];
	int n;

	if (!vcrypto_ecdsa_sig_parse(c, der, len, r, s))
		return;
	n = vcrypto_ecdsa_sig_der(c, (struct vcrypto_bn){ r, c->bytes },
				  (struct vcrypto_bn){ s, c->bytes }, again);
	FZ_CHECK(n == (int)len && memcmp(again, der, len) == 0,
		 "signature of %zu bytes read back as %d", len, n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct vcrypto_ec_curve *c;
	uint8_t *der;

	if (size == 0)
		return 0;
	c = vcrypto_ec_curve_at(data[0] % 5);
	FZ_CHECK(c != NULL, "no curve %u", data[0] % 5);
	/* Exactly the input: malloc(0) may be NULL, so one byte more. */
	der = malloc(size - 1 + (size == 1));
	if (der == NULL)
		return 0;
	memcpy(der, data + 1, size - 1);
	check_pair(der, size - 1);
	check_signature(c, der, size - 1);
	free(der);
	return 0;
}
