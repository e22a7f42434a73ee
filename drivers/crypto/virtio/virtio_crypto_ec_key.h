/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_EC_KEY_H
#define VIRTIO_CRYPTO_EC_KEY_H

/*
 * ECDSA keys and signatures as the akcipher service carries them. The
 * spec names the curves (VIRTIO_CRYPTO_CURVE_NIST_*) but not the key
 * formats; these follow the ECDSA proposals for Linux's and QEMU's
 * virtio-crypto, and the device model implements them:
 *  - private key: DER ECPrivateKey (RFC 5915), version 1, the scalar as
 *    an OCTET STRING of the curve's size, the curve's OID as parameters;
 *  - public key: the SEC 1 uncompressed point, 0x04 || X || Y;
 *  - signature: DER ECDSA-Sig-Value, SEQUENCE { INTEGER r, INTEGER s }.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_crypto_asym.h>

#include "virtio_crypto_der.h"

/* Largest curve (P-521), in bytes: scalars, coordinates, r and s. */
#define VCRYPTO_EC_MAX_BYTES 66
/* Largest key either way: a P-521 point is 1 + 2 * 66 bytes. */
#define VCRYPTO_EC_MAX_KEY 160
/* Largest DER signature: two 66-byte INTEGERs with sign bytes. */
#define VCRYPTO_ECDSA_MAX_SIG (3 + 2 * (2 + 1 + VCRYPTO_EC_MAX_BYTES))

struct vcrypto_ec_curve {
	enum rte_crypto_curve_id rte_id;
	uint32_t virtio_id;	/* VIRTIO_CRYPTO_CURVE_* */
	uint8_t bytes;		/* of the field and of the order */
	uint8_t oid_len;
	uint8_t oid[10];	/* DER OBJECT IDENTIFIER, tag included */
};

/* The curve DPDK names id, or NULL if virtio has no such curve. */
const struct vcrypto_ec_curve *vcrypto_ec_curve(enum rte_crypto_curve_id id);

/* Its index for vcrypto_ec_curve_at(), or -1. */
int vcrypto_ec_curve_index(enum rte_crypto_curve_id id);

/* Every curve, for the probe: index 0 .. n - 1; NULL past the end. */
const struct vcrypto_ec_curve *vcrypto_ec_curve_at(unsigned int i);

/* d as c->bytes bytes into out: c->bytes, or -EINVAL (zero, too long). */
int vcrypto_ec_scalar(const struct vcrypto_ec_curve *c, struct vcrypto_bn d,
		      uint8_t *out);

/*
 * ECPrivateKey of scalar d into out (VCRYPTO_EC_MAX_KEY bytes). Returns
 * its length, or -EINVAL for a zero or oversized scalar (the device
 * checks it against the order).
 */
int vcrypto_ec_private_der(const struct vcrypto_ec_curve *c,
			   struct vcrypto_bn d, uint8_t *out);

/* The uncompressed point (x, y) into out; its length, or -EINVAL. */
int vcrypto_ec_public_point(const struct vcrypto_ec_curve *c,
			    struct vcrypto_bn x, struct vcrypto_bn y,
			    uint8_t *out);

/* DER signature of (r, s) into out (VCRYPTO_ECDSA_MAX_SIG bytes). */
int vcrypto_ecdsa_sig_der(const struct vcrypto_ec_curve *c,
			  struct vcrypto_bn r, struct vcrypto_bn s,
			  uint8_t *out);

/*
 * Read a DER signature of len bytes into r and s, each c->bytes long,
 * zero-padded on the left. False if it is not a strict DER signature
 * whose values fit the curve.
 */
bool vcrypto_ecdsa_sig_parse(const struct vcrypto_ec_curve *c,
			     const uint8_t *der, size_t len,
			     uint8_t *r, uint8_t *s);

#endif /* VIRTIO_CRYPTO_EC_KEY_H */
