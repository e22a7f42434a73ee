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
 * mismatch; a malformed ECDSA signature), KEY_REJECTED (RSA or ECDSA
 * signature mismatch) or ERR (bad sizes, library failure). Callers
 * validate lengths against the session first; these re-check what the
 * library needs.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/types.h>

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
uint32_t vcdev_crypto_akcipher_mask(const struct vcdev_crypto *c);

/* The engine's library context, for vcdev_rsa.c and vcdev_ecdsa.c. */
OSSL_LIB_CTX *vcdev_crypto_lib(const struct vcdev_crypto *c);

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

/*
 * ---- RSA (vcdev_rsa.c) ----
 * A key is shared by reference: sessions copied out for a request hold
 * one, so destroying the session meanwhile cannot free it under them.
 * padding and hash are VIRTIO_CRYPTO_RSA_* values; the hash only matters
 * with PKCS1 padding. Outputs are vcdev_rsa_size() bytes (decrypt: at
 * most that, in *out_len).
 */
struct vcdev_rsa;

/* True if this OpenSSL has RSA. */
bool vcdev_rsa_available(const struct vcdev_crypto *c);
/* True for a padding and a hash the model implements. */
bool vcdev_rsa_params_ok(uint32_t padding, uint32_t hash);
/* Digest length of a hash; 0 for NO_HASH or an unknown one. */
uint32_t vcdev_rsa_digest_len(uint32_t hash);
/*
 * A PKCS#1 DER RSAPrivateKey (private) or RSAPublicKey, exactly len
 * bytes: OK with *out holding one reference, ERR if it is not one,
 * NOTSUPP for a modulus outside 512 .. 8192 bits.
 */
uint8_t vcdev_rsa_parse(const struct vcdev_crypto *c, bool private,
			const uint8_t *der, size_t len, struct vcdev_rsa **out);
/* Both take NULL. */
struct vcdev_rsa *vcdev_rsa_ref(struct vcdev_rsa *k);
void vcdev_rsa_unref(struct vcdev_rsa *k);
uint32_t vcdev_rsa_size(const struct vcdev_rsa *k);
bool vcdev_rsa_private(const struct vcdev_rsa *k);

uint8_t vcdev_rsa_encrypt(const struct vcdev_crypto *c,
			  const struct vcdev_rsa *k, uint32_t padding,
			  const uint8_t *in, size_t len, uint8_t *out);
uint8_t vcdev_rsa_decrypt(const struct vcdev_crypto *c,
			  const struct vcdev_rsa *k, uint32_t padding,
			  const uint8_t *in, size_t len, uint8_t *out,
			  size_t *out_len);
uint8_t vcdev_rsa_sign(const struct vcdev_crypto *c,
		       const struct vcdev_rsa *k, uint32_t padding,
		       uint32_t hash, const uint8_t *in, size_t len,
		       uint8_t *out);
/* OK, KEY_REJECTED if the signature does not verify, or ERR. */
uint8_t vcdev_rsa_verify(const struct vcdev_crypto *c,
			 const struct vcdev_rsa *k, uint32_t padding,
			 uint32_t hash, const uint8_t *sig, size_t sig_len,
			 const uint8_t *msg, size_t msg_len);

/*
 * ---- ECDSA (vcdev_ecdsa.c) ----
 * Keys are shared by reference as RSA keys are. curve is a
 * VIRTIO_CRYPTO_CURVE_* value (the NIST curves P-192 .. P-521). Digests
 * are 1 .. VCDEV_MAX_DIGEST bytes, signed as they are (cut to the
 * order's length by ECDSA itself); signatures are DER ECDSA-Sig-Value.
 */
struct vcdev_ecdsa;

/* True if this OpenSSL has EC keys and ECDSA. */
bool vcdev_ecdsa_available(const struct vcdev_crypto *c);
bool vcdev_ecdsa_curve_ok(uint32_t curve);
/*
 * Exactly len bytes of key: a DER ECPrivateKey (RFC 5915: version 1, a
 * scalar of the curve's size in [1, n - 1], the curve's OID and the
 * matching uncompressed point both optional) or an uncompressed point on
 * the curve. OK with *out holding one reference, NOTSUPP for an unknown
 * curve, ERR for a key that is not one.
 */
uint8_t vcdev_ecdsa_parse(const struct vcdev_crypto *c, uint32_t curve,
			  bool private, const uint8_t *key, size_t len,
			  struct vcdev_ecdsa **out);
/* Both take NULL. */
struct vcdev_ecdsa *vcdev_ecdsa_ref(struct vcdev_ecdsa *k);
void vcdev_ecdsa_unref(struct vcdev_ecdsa *k);
bool vcdev_ecdsa_private(const struct vcdev_ecdsa *k);
/* The longest DER signature of the key's curve. */
uint32_t vcdev_ecdsa_sig_max(const struct vcdev_ecdsa *k);

/* out: vcdev_ecdsa_sig_max() bytes; the signature's length in *out_len. */
uint8_t vcdev_ecdsa_sign(const struct vcdev_crypto *c,
			 const struct vcdev_ecdsa *k, const uint8_t *dg,
			 size_t dg_len, uint8_t *out, size_t *out_len);
/*
 * OK, KEY_REJECTED if sig is a signature that does not verify, BADMSG if
 * it is no strict DER SEQUENCE of two positive INTEGERs, or ERR.
 */
uint8_t vcdev_ecdsa_verify(const struct vcdev_crypto *c,
			   const struct vcdev_ecdsa *k, const uint8_t *sig,
			   size_t sig_len, const uint8_t *dg, size_t dg_len);

#endif /* VCDEV_CRYPTO_H */
