/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * AES-XCBC-MAC (RFC 3566), which OpenSSL does not offer: written from the
 * RFC on top of single AES-128 blocks. ref/xcbc-rfc3566 checks it against
 * the RFC's own test vectors, so it is not just agreeing with itself.
 */

#include <string.h>

#include <openssl/evp.h>

#include "vt_sym.h"

#define XCBC_BLOCK 16

/* One AES-128 block: E(key, in). */
static int
aes_block(const uint8_t *key, const uint8_t *in, uint8_t *out)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int l = 0, ok;

	ok = c != NULL &&
		EVP_EncryptInit_ex(c, EVP_aes_128_ecb(), NULL, key, NULL) == 1 &&
		EVP_CIPHER_CTX_set_padding(c, 0) == 1 &&
		EVP_EncryptUpdate(c, out, &l, in, XCBC_BLOCK) == 1 &&
		l == XCBC_BLOCK;
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -1;
}

/* RFC 3566 2.3 (1): K1, K2, K3 = E(K, 0x01..), E(K, 0x02..), E(K, 0x03..). */
static int
derive_keys(const uint8_t *key, uint8_t k[3][XCBC_BLOCK])
{
	uint8_t c[XCBC_BLOCK];
	int i;

	for (i = 0; i < 3; i++) {
		memset(c, i + 1, sizeof(c));
		if (aes_block(key, c, k[i]) != 0)
			return -1;
	}
	return 0;
}

static void
xor_block(uint8_t *e, const uint8_t *m, size_t n)
{
	size_t j;

	for (j = 0; j < n; j++)
		e[j] ^= m[j];
}

/*
 * RFC 3566 2.4: CBC-MAC under K1 over every block but the last; the last
 * is XORed with K2 if it is complete, else padded with 0x80 0x00.. and
 * XORed with K3. An empty message is one empty, padded, last block.
 */
int
vt_ref_xcbc(const uint8_t *key, const uint8_t *data, size_t len, uint8_t *mac)
{
	uint8_t k[3][XCBC_BLOCK], e[XCBC_BLOCK] = { 0 }, m[XCBC_BLOCK] = { 0 };
	size_t off = 0, last;

	if (derive_keys(key, k) != 0)
		return -1;
	last = len == 0 ? 0 : (len - 1) % XCBC_BLOCK + 1;
	for (; off + last < len; off += XCBC_BLOCK) {
		xor_block(e, data + off, XCBC_BLOCK);
		if (aes_block(k[0], e, e) != 0)
			return -1;
	}
	/* The last block, padded if it is short, then XORed with K2 or K3. */
	memcpy(m, data + off, RTE_MIN(last, sizeof(m)));
	if (last < XCBC_BLOCK)
		m[last] = 0x80;
	xor_block(m, k[last == XCBC_BLOCK ? 1 : 2], XCBC_BLOCK);
	xor_block(e, m, XCBC_BLOCK);
	if (aes_block(k[0], e, e) != 0)
		return -1;
	memcpy(mac, e, XCBC_BLOCK);
	return 0;
}
