/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * ref/...: the references checked against published test vectors, with
 * no device involved. The device model also runs on OpenSSL; these make
 * sure the tests' side of every convention (XCBC built by hand, GMAC as
 * GCM, CCM's nonce and tag lengths, truncation, long HMAC keys) is right
 * on its own, not merely in agreement with the model.
 */

#include <stdio.h>
#include <string.h>

#include "vt_sym.h"

#define REF_MAX 256

static int
nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Parse lower-case hex into out (at most REF_MAX bytes); the length. */
static size_t
unhex(const char *hex, uint8_t *out)
{
	size_t n = 0;

	while (n < REF_MAX && nibble(hex[2 * n]) >= 0 &&
			nibble(hex[2 * n + 1]) >= 0) {
		out[n] = (uint8_t)(nibble(hex[2 * n]) << 4 |
			nibble(hex[2 * n + 1]));
		n++;
	}
	return n;
}

static enum vt_result
compare(struct vt_ctx *ctx, const char *what, const uint8_t *got,
	const char *want_hex)
{
	uint8_t want[REF_MAX];
	size_t n = unhex(want_hex, want), i;

	for (i = 0; i < n; i++)
		if (got[i] != want[i])
			return vt_fail(ctx, "%s: byte %zu is 0x%02x, want 0x%02x",
				what, i, got[i], want[i]);
	return VT_PASS;
}

/* RFC 3566 section 4: key 000102..0f; messages 00 01 02.. or 1000 zeros. */
static enum vt_result
case_xcbc(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	static const struct { size_t len; const char *mac; } v[] = {
		{ 0, "75f0251d528ac01c4573dfd584d79f29" },
		{ 3, "5b376580ae2f19afe7219ceef172756f" },
		{ 16, "d2a246fa349b68a79998a4394ff7a263" },
		{ 20, "47f51b4564966215b8985c63055ed308" },
		{ 32, "f54f0ec8d2b9f3d36807734bd5283fd4" },
		{ 34, "becbb3bccdb518a30677d5481fb6b4d8" },
	};
	uint8_t key[16], msg[1000], mac[16];
	enum vt_result r = VT_PASS;
	unsigned int i;

	for (i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)i;
	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)i;
	for (i = 0; r == VT_PASS && i < RTE_DIM(v); i++)
		r = vt_ref_xcbc(key, msg, v[i].len, mac) != 0 ?
			vt_fail(ctx, "test case %u: reference failed", i + 1) :
			compare(ctx, "RFC 3566 test case", mac, v[i].mac);
	memset(msg, 0, sizeof(msg));
	if (r == VT_PASS)
		r = vt_ref_xcbc(key, msg, sizeof(msg), mac) != 0 ?
			vt_fail(ctx, "test case 7: reference failed") :
			compare(ctx, "RFC 3566 test case 7", mac,
				"f0dafee895db30253761103b5d84528f");
	return r;
}

/* One auth reference against a vector: key, IV and message in hex. */
static enum vt_result
auth_vector(struct vt_ctx *ctx, const char *alg_name, const char *key_hex,
	const char *iv_hex, const uint8_t *msg, size_t msg_len,
	const char *want)
{
	const struct vt_auth_alg *alg = vt_find_auth_alg(alg_name);
	uint8_t key[REF_MAX], iv[REF_MAX], out[VT_MAX_DIGEST];
	size_t key_len = unhex(key_hex, key);

	unhex(iv_hex, iv);
	if (alg == NULL || vt_ref_auth(alg, key, (uint16_t)key_len, iv, msg,
			msg_len, out) != 0)
		return vt_fail(ctx, "%s: reference failed", alg_name);
	return compare(ctx, alg_name, out, want);
}

/* RFC 4493 (AES-CMAC), RFC 4231 (HMAC-SHA256, a 131-byte key), truncated. */
static enum vt_result
case_macs(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	static const char cmac_key[] = "2b7e151628aed2a6abf7158809cf4f3c";
	static const char long_msg[] =
		"Test Using Larger Than Block-Size Key - Hash Key First";
	uint8_t msg[REF_MAX], long_key[131 * 2 + 1];
	size_t n = unhex("6bc1bee22e409f96e93d7e117393172a", msg);
	enum vt_result r;

	memset(long_key, 'a', sizeof(long_key) - 1);
	long_key[sizeof(long_key) - 1] = '\0';
	r = auth_vector(ctx, "aes-cmac-128", cmac_key, "", msg, 0,
			"bb1d6929e95937287fa37d129b756746");
	if (r == VT_PASS)
		r = auth_vector(ctx, "aes-cmac-128-trunc12", cmac_key, "", msg,
				n, "070a16b46b4d4144f79bdd9d");
	if (r == VT_PASS)
		r = auth_vector(ctx, "hmac-sha256", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
				"", (const uint8_t *)"Hi There", 8,
				"b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	if (r == VT_PASS)
		r = auth_vector(ctx, "hmac-sha256-longkey", (char *)long_key, "",
				(const uint8_t *)long_msg, strlen(long_msg),
				"60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
	return r;
}

/* MD5 and SHA3-256 of "abc" (RFC 1321, FIPS 202 examples). */
static enum vt_result
case_digests(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	const uint8_t *abc = (const uint8_t *)"abc";
	enum vt_result r;

	r = auth_vector(ctx, "md5", "", "", abc, 3,
			"900150983cd24fb0d6963f7d28e17f72");
	if (r == VT_PASS)
		r = auth_vector(ctx, "sha3-256", "", "", abc, 3,
				"3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
	return r;
}

/*
 * GMAC: IEEE 802.1AE-2006 annex C.1.1 (54-byte packet, authentication
 * only, GCM-AES-128), whose ICV is the GMAC of the whole frame.
 */
static enum vt_result
case_gmac(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	uint8_t frame[REF_MAX];
	size_t n = unhex("d609b1f056637a0d46df998d88e5222ab2c2846512153524c0895e81"
			"08000f101112131415161718191a1b1c1d1e1f20212223242526272829"
			"2a2b2c2d2e2f30313233340001", frame);

	return auth_vector(ctx, "aes-gmac-128", "ad7a2bd03eac835a6f620fdcb506b345",
			"12153524c0895e81b2c28465", frame, n,
			"f09478a9b09007d06f46e9b6a1da25dd");
}

/* One AEAD reference against a vector: ciphertext then tag, in hex. */
static enum vt_result
aead_vector(struct vt_ctx *ctx, const char *what, const char *evp,
	const char *key, const char *iv, const char *aad, const char *pt,
	uint16_t tag_len, const char *want)
{
	uint8_t k[REF_MAX], n[REF_MAX], a[REF_MAX], p[REF_MAX], out[REF_MAX];
	size_t len = unhex(pt, p);
	struct vt_aead_in in = {
		.evp = evp, .key = k, .iv = n, .aad = a, .tag_len = tag_len,
	};

	unhex(key, k);
	in.iv_len = (uint16_t)unhex(iv, n);
	in.aad_len = unhex(aad, a);
	if (vt_ref_aead_encrypt(&in, p, out, len, out + len) != 0)
		return vt_fail(ctx, "%s: reference failed", what);
	return compare(ctx, what, out, want);
}

/*
 * GCM: McGrew and Viega's test cases 1 and 2. CCM: SP 800-38C examples 1
 * and 2 (7- and 8-byte nonces, 4- and 6-byte tags). ChaCha20-Poly1305:
 * RFC 8439 section 2.8.2.
 */
static enum vt_result
case_aead(struct vt_ctx *ctx, const void *arg __rte_unused)
{
	static const char zero16[] = "00000000000000000000000000000000";
	static const char zero12[] = "000000000000000000000000";
	static const char ladies[] =
		"4c616469657320616e642047656e746c656d656e206f662074686520636c6173"
		"73206f66202739393a204966204920636f756c64206f6666657220796f75206f"
		"6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73"
		"637265656e20776f756c642062652069742e";
	static const char ladies_ct[] =
		"d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
		"3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
		"92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
		"3ff4def08e4b7a9de576d26586cec64b6116"
		"1ae10b594f09e26a7e902ecbd0600691";
	enum vt_result r;

	r = aead_vector(ctx, "GCM test case 1", "AES-128-GCM", zero16, zero12,
			"", "", 16, "58e2fccefa7e3061367f1d57a4e7455a");
	if (r == VT_PASS)
		r = aead_vector(ctx, "GCM test case 2", "AES-128-GCM", zero16,
				zero12, "", zero16, 16,
				"0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf");
	if (r == VT_PASS)
		r = aead_vector(ctx, "CCM example 1", "AES-128-CCM",
				"404142434445464748494a4b4c4d4e4f",
				"10111213141516", "0001020304050607", "20212223",
				4, "7162015b4dac255d");
	if (r == VT_PASS)
		r = aead_vector(ctx, "CCM example 2", "AES-128-CCM",
				"404142434445464748494a4b4c4d4e4f",
				"1011121314151617", "000102030405060708090a0b0c0d0e0f",
				"202122232425262728292a2b2c2d2e2f", 6,
				"d2a1f0e051ea5f62081a7792073d593d1fc64fbfaccd");
	if (r == VT_PASS)
		r = aead_vector(ctx, "RFC 8439 2.8.2", "ChaCha20-Poly1305",
				"808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
				"070000004041424344454647", "50515253c0c1c2c3c4c5c6c7",
				ladies, 16, ladies_ct);
	return r;
}

void
vt_register_ref_cases(void)
{
	vt_register("ref/xcbc-rfc3566", case_xcbc, NULL);
	vt_register("ref/mac-rfc4493-rfc4231", case_macs, NULL);
	vt_register("ref/digests", case_digests, NULL);
	vt_register("ref/gmac-ieee802.1ae", case_gmac, NULL);
	vt_register("ref/aead-gcm-ccm-chacha", case_aead, NULL);
}
