/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_RSA_KEY_H
#define VIRTIO_CRYPTO_RSA_KEY_H

/*
 * RSA keys as the akcipher session request carries them: PKCS#1 DER
 * RSAPublicKey (n, e) or RSAPrivateKey (version 0, n, e, d, p, q, dP, dQ,
 * qInv). A device may compute with d or with the CRT values; QEMU's
 * (nettle) uses only the CRT values and divides by p, so a private key
 * always goes out complete: the missing half is derived here (needs
 * libcrypto; without it only complete keys can be sent).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "virtio_crypto_der.h"

/* Largest modulus, in bytes (8192 bits). */
#define VCRYPTO_RSA_MAX_BYTES 1024
/* Largest DER key: an 8192-bit private key with its CRT values. */
#define VCRYPTO_RSA_MAX_KEY_DER 4864

/* The key as DPDK gives it; d or the CRT values may be empty. */
struct vcrypto_rsa_parts {
	struct vcrypto_bn n, e, d, p, q, dp, dq, qinv;
};

/*
 * DER of the key into out (size VCRYPTO_RSA_MAX_KEY_DER): the private key
 * if private, else the public one. A private key needs d or all five CRT
 * values; what is missing is derived. Returns the length, or -EINVAL
 * (bad or inconsistent key), -ENOTSUP (derivation without libcrypto) or
 * -ENOMEM. Derived values are wiped before returning.
 */
int vcrypto_rsa_key_der(const struct vcrypto_rsa_parts *k, bool private_key,
			uint8_t *out);

#endif /* VIRTIO_CRYPTO_RSA_KEY_H */
