/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The AEAD algorithms under test and their reference: one EVP AEAD
 * encryption. Decrypt cases need no reference decryption: they decrypt
 * what the reference encrypted and must get the plaintext back.
 */

#include <string.h>

#include <openssl/evp.h>

#include "vt_sym.h"

#define GCM(k, p, aad) { "aes-gcm-" #k, p, RTE_CRYPTO_AEAD_AES_GCM, \
	"AES-" #k "-GCM", k / 8, 12, aad, 16 }
#define CCM(p, n, aad, t) { "aes-ccm-128", p, RTE_CRYPTO_AEAD_AES_CCM, \
	"AES-128-CCM", 16, n, aad, t }
#define CHACHA(p, aad) { "chacha20-poly1305", p, \
	RTE_CRYPTO_AEAD_CHACHA20_POLY1305, "ChaCha20-Poly1305", 32, 12, aad, 16 }

const struct vt_aead_alg vt_aead_algs[] = {
	GCM(128, "aad0", 0),
	GCM(128, "aad20", 20),
	GCM(256, "aad0", 0),
	GCM(256, "aad20", 20),
	/* Nonces 7 and 13 (the shortest and longest), tags 8 and 16. */
	CCM("n7-aad0-t8", 7, 0, 8),
	CCM("n7-aad8", 7, 8, 16),
	CCM("n7-aad20-t8", 7, 20, 8),
	CCM("n13-aad0", 13, 0, 16),
	CCM("n13-aad8-t8", 13, 8, 8),
	CCM("n13-aad20", 13, 20, 16),
	CHACHA("aad0", 0),
	CHACHA("aad20", 20),
};

const unsigned int vt_nb_aead_algs = RTE_DIM(vt_aead_algs);

const struct vt_aead_alg *
vt_find_aead_alg(const char *name, const char *params)
{
	unsigned int i;

	for (i = 0; i < vt_nb_aead_algs; i++)
		if (strcmp(vt_aead_algs[i].name, name) == 0 &&
				strcmp(vt_aead_algs[i].params, params) == 0)
			return &vt_aead_algs[i];
	return NULL;
}

/*
 * CCM wants the tag length before the key and the message length before
 * the AAD; GCM and ChaCha20-Poly1305 need neither.
 */
static int
aead_setup(EVP_CIPHER_CTX *c, const EVP_CIPHER *cipher,
	const struct vt_aead_in *in, bool ccm, size_t len)
{
	int l = 0;

	return EVP_EncryptInit_ex2(c, cipher, NULL, NULL, NULL) == 1 &&
		EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_IVLEN, in->iv_len,
			NULL) > 0 &&
		(!ccm || EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG,
			in->tag_len, NULL) > 0) &&
		EVP_EncryptInit_ex2(c, NULL, in->key, in->iv, NULL) == 1 &&
		(!ccm || EVP_EncryptUpdate(c, NULL, &l, NULL, (int)len) == 1) &&
		(in->aad_len == 0 || EVP_EncryptUpdate(c, NULL, &l, in->aad,
			(int)in->aad_len) == 1);
}

/* CCM computes its tag in the data step, which must run even for 0 bytes. */
static int
aead_data(EVP_CIPHER_CTX *c, bool ccm, const uint8_t *pt, uint8_t *ct,
	size_t len)
{
	uint8_t dummy_in = 0, dummy_out;
	int l = 0, fl = 0;

	if (len == 0 && !ccm)
		return EVP_EncryptFinal_ex(c, &dummy_out, &fl) == 1 && fl == 0;
	if (len == 0) {
		pt = &dummy_in;
		ct = &dummy_out;
	}
	return EVP_EncryptUpdate(c, ct, &l, pt, (int)len) == 1 &&
		EVP_EncryptFinal_ex(c, ct + l, &fl) == 1 &&
		(size_t)(l + fl) == len;
}

int
vt_ref_aead_encrypt(const struct vt_aead_in *in, const uint8_t *pt,
	uint8_t *ct, size_t len, uint8_t *tag)
{
	EVP_CIPHER *cipher = EVP_CIPHER_fetch(NULL, in->evp, NULL);
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	bool ccm = strstr(in->evp, "CCM") != NULL;
	int ok;

	ok = cipher != NULL && c != NULL && len <= INT32_MAX &&
		in->aad_len <= INT32_MAX &&
		aead_setup(c, cipher, in, ccm, len) &&
		aead_data(c, ccm, pt, ct, len) &&
		EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, in->tag_len,
			tag) > 0;
	EVP_CIPHER_CTX_free(c);
	EVP_CIPHER_free(cipher);
	return ok ? 0 : -1;
}
