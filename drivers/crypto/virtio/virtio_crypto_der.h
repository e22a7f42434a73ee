/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_DER_H
#define VIRTIO_CRYPTO_DER_H

/*
 * The little ASN.1 DER the akcipher service needs: keys and ECDSA
 * signatures are SEQUENCEs of unsigned INTEGERs, plus the few other
 * elements of an EC private key. Writers take a capacity and fail
 * rather than overrun it; the reader is strict (minimal lengths and
 * integers, nothing trailing), since what it reads comes from the device.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A big-endian unsigned integer; leading zero bytes allowed. */
struct vcrypto_bn {
	const uint8_t *data;
	size_t len;
};

/* Bytes of x without its leading zeros. */
size_t vcrypto_bn_bytes(struct vcrypto_bn x);

/* Size of a DER length field for len (< 65536). */
size_t vcrypto_der_len_size(size_t len);

/* Write tag and length (< 65536); returns the byte after them. */
uint8_t *vcrypto_der_put_header(uint8_t *p, uint8_t tag, size_t len);

/*
 * SEQUENCE of the nb unsigned integers in ints[] into out (cap bytes).
 * Returns its length, or -EINVAL if it does not fit.
 */
int vcrypto_der_int_sequence(const struct vcrypto_bn *ints, unsigned int nb,
			     uint8_t *out, size_t cap);

/*
 * Read exactly len bytes as SEQUENCE { INTEGER a, INTEGER b } of two
 * positive integers in minimal DER. a and b point into der, without
 * the sign byte. False if it is anything else.
 */
bool vcrypto_der_int_pair(const uint8_t *der, size_t len,
			  struct vcrypto_bn *a, struct vcrypto_bn *b);

#endif /* VIRTIO_CRYPTO_DER_H */
