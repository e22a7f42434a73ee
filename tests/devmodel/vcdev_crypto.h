/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VCDEV_CRYPTO_H
#define VCDEV_CRYPTO_H

/*
 * The model's crypto engine: OpenSSL libcrypto in a library context of its
 * own (default + legacy providers, so single DES works without touching the
 * process's global OpenSSL state), plus 3DES-CTR and AES-XCBC-MAC built by
 * hand on ECB. Algorithms are named by their VIRTIO_CRYPTO_* values.
 *
 * Op functions return a VIRTIO_CRYPTO_* status: OK, BADMSG (AEAD tag
 * mismatch) or ERR (bad sizes, library failure). Callers validate lengths
 * against the session first; these re-check what the library needs.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vcdev_crypto;

struct vcdev_iov {
	const uint8_t *p;
	size_t len;
};

/* Largest digest or MAC (SHA-512), and AEAD tag. */
#define VCDEV_MAX_DIGEST 64
#define VCDEV_MAX_TAG 16
/* GMAC takes its 96-bit IV from the front of the message. */
#define VCDEV_GMAC_IV_LEN 12

struct vcdev_crypto *vcdev_crypto_create(void);
void vcdev_crypto_destroy(struct vcdev_crypto *c);

/* What this build and this OpenSSL implement: bit n = algorithm n. */
uint64_t vcdev_crypto_cipher_mask(const struct vcdev_crypto *c);
uint32_t vcdev_crypto_hash_mask(const struct vcdev_crypto *c);
uint64_t vcdev_crypto_mac_mask(const struct vcdev_crypto *c);
uint32_t vcdev_crypto_aead_mask(const struct vcdev_crypto *c);

/* Session checks: true if the algorithm takes that key (and tag). */
bool vcdev_crypto_cipher_ok(const struct vcdev_crypto *c, uint32_t algo,
			    uint32_t key_len);
bool vcdev_crypto_mac_ok(const struct vcdev_crypto *c, uint32_t algo,
			 uint32_t key_len);
bool vcdev_crypto_aead_ok(const struct vcdev_crypto *c, uint32_t algo,
			  uint32_t key_len, uint32_t tag_len);
/* Full output size, or 0 if not implemented. */
uint32_t vcdev_crypto_hash_size(const struct vcdev_crypto *c, uint32_t algo);
uint32_t vcdev_crypto_mac_size(const struct vcdev_crypto *c, uint32_t algo);

/* Per-op size rules of a cipher (the request must follow them). */
struct vcdev_cipher_rules {
	uint32_t iv_len;	/* required; 0: the IV is ignored */
	uint32_t block;		/* length must be a multiple; 1: any */
	uint32_t min_len;
};
void vcdev_crypto_cipher_rules(uint32_t algo, struct vcdev_cipher_rules *r);

/* in and out may be the same buffer. */
uint8_t vcdev_crypto_cipher(const struct vcdev_crypto *c, uint32_t algo,
			    const uint8_t *key, uint32_t key_len, bool encrypt,
			    const uint8_t *iv, uint32_t iv_len,
			    const uint8_t *in, uint8_t *out, size_t len);

/* Digest of the concatenated iovs, truncated to out_len. */
uint8_t vcdev_crypto_hash(const struct vcdev_crypto *c, uint32_t algo,
			  const struct vcdev_iov *v, unsigned int n,
			  uint8_t *out, uint32_t out_len);

/* MAC of the concatenated iovs; iv only for GMAC (VCDEV_GMAC_IV_LEN). */
uint8_t vcdev_crypto_mac(const struct vcdev_crypto *c, uint32_t algo,
			 const uint8_t *key, uint32_t key_len,
			 const uint8_t *iv, const struct vcdev_iov *v,
			 unsigned int n, uint8_t *out, uint32_t out_len);

/*
 * Encrypt: out = E(in), tag written. Decrypt: tag checked (BADMSG if it
 * does not verify, out then undefined), out = D(in).
 */
uint8_t vcdev_crypto_aead(const struct vcdev_crypto *c, uint32_t algo,
			  const uint8_t *key, uint32_t key_len, bool encrypt,
			  const uint8_t *iv, uint32_t iv_len,
			  const uint8_t *aad, size_t aad_len,
			  const uint8_t *in, uint8_t *out, size_t len,
			  uint8_t *tag, uint32_t tag_len);

#endif /* VCDEV_CRYPTO_H */
