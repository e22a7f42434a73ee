/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * RSA through DPDK's asymmetric API: sign, verify, encrypt and decrypt,
 * one op per case, with the keys of rsa_keys.c in both private key forms
 * (exponent and CRT quintuple). OpenSSL gives the expected values: its
 * PKCS#1 v1.5 signatures and raw (unpadded) results are deterministic and
 * compared bit for bit; PKCS#1 v1.5 encryption is randomized, so OpenSSL
 * decrypts what the device encrypted instead.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <rte_crypto_asym.h>
#include <rte_errno.h>
#include <rte_malloc.h>

#include "vcrypto_test.h"

#define RSA_MAX_BYTES 1024	/* 8192-bit modulus */
#define RSA_PKCS1_OVERHEAD 11	/* 00 02, at least 8 padding bytes, 00 */
#define RSA_NOHASH_LEN 36	/* MD5 || SHA-1, as TLS 1.0 signs without DigestInfo */
#define RSA_MAX_CASES 128

/* What the case asks the device to do ("verify-bad" is a verify). */
enum rsa_op {
	RSA_SIGN,
	RSA_VERIFY,
	RSA_VERIFY_BAD,
	RSA_ENCRYPT,
	RSA_DECRYPT,
};

/* The hash of a PKCS#1 v1.5 signature: its DigestInfo, or none. */
struct rsa_hash {
	const char *name;
	enum rte_crypto_auth_algorithm algo;
	const char *md;		/* OpenSSL digest, NULL: sign the message as is */
};

static const struct rsa_hash rsa_hashes[] = {
	{ "md5", RTE_CRYPTO_AUTH_MD5, "MD5" },
	{ "sha1", RTE_CRYPTO_AUTH_SHA1, "SHA1" },
	{ "sha224", RTE_CRYPTO_AUTH_SHA224, "SHA224" },
	{ "sha256", RTE_CRYPTO_AUTH_SHA256, "SHA256" },
	{ "sha384", RTE_CRYPTO_AUTH_SHA384, "SHA384" },
	{ "sha512", RTE_CRYPTO_AUTH_SHA512, "SHA512" },
	{ "nohash", RTE_CRYPTO_AUTH_NULL, NULL },
};

#define RSA_SHA256 (&rsa_hashes[3])

struct rsa_case {
	unsigned int bits;
	bool qt;			/* CRT quintuple, else private exponent */
	enum rte_crypto_rsa_padding_type pad;
	const struct rsa_hash *hash;	/* PKCS#1 signatures only */
	enum rsa_op op;
};

/* The key's numbers as DPDK takes them: big-endian, no leading zeros. */
enum {
	KP_N, KP_E, KP_D, KP_P, KP_Q, KP_DP, KP_DQ, KP_QINV, KP_NUM
};

static const char *const rsa_param_names[KP_NUM] = {
	OSSL_PKEY_PARAM_RSA_N,
	OSSL_PKEY_PARAM_RSA_E,
	OSSL_PKEY_PARAM_RSA_D,
	OSSL_PKEY_PARAM_RSA_FACTOR1,
	OSSL_PKEY_PARAM_RSA_FACTOR2,
	OSSL_PKEY_PARAM_RSA_EXPONENT1,
	OSSL_PKEY_PARAM_RSA_EXPONENT2,
	OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
};

struct rsa_key {
	EVP_PKEY *pkey;
	size_t k;			/* modulus length in bytes */
	rte_crypto_uint v[KP_NUM];
};

/*
 * One op's device buffers (message, signature, cipher: k bytes each) and
 * what the checked output must hold.
 */
struct rsa_io {
	size_t k;
	uint8_t *msg;
	uint8_t *sig;
	uint8_t *cip;
	size_t msg_len;
	uint8_t want[RSA_MAX_BYTES];
	size_t want_len;
};

static struct rsa_case rsa_cases[RSA_MAX_CASES];
static unsigned int nb_rsa_cases;

static void
rsa_key_free(struct rsa_key *key)
{
	unsigned int i;

	for (i = 0; i < KP_NUM; i++)
		free(key->v[i].data);
	EVP_PKEY_free(key->pkey);
	memset(key, 0, sizeof(*key));
}

static int
rsa_key_param(struct rsa_key *key, unsigned int i)
{
	BIGNUM *bn = NULL;
	int len;

	if (EVP_PKEY_get_bn_param(key->pkey, rsa_param_names[i], &bn) != 1)
		return -1;
	len = BN_num_bytes(bn);
	key->v[i].data = malloc(RTE_MAX(len, 1));
	if (key->v[i].data != NULL)
		key->v[i].length = (size_t)BN_bn2bin(bn, key->v[i].data);
	BN_clear_free(bn);
	return key->v[i].data != NULL ? 0 : -1;
}

static int
rsa_key_load(struct rsa_key *key, unsigned int bits)
{
	const char *pem = vt_rsa_key_pem(bits);
	unsigned int i;
	BIO *bio;

	memset(key, 0, sizeof(*key));
	if (pem == NULL)
		return -1;
	bio = BIO_new_mem_buf(pem, -1);
	if (bio == NULL)
		return -1;
	key->pkey = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
	BIO_free(bio);
	if (key->pkey == NULL || EVP_PKEY_get_bits(key->pkey) != (int)bits)
		goto fail;
	for (i = 0; i < KP_NUM; i++)
		if (rsa_key_param(key, i) != 0)
			goto fail;
	key->k = key->v[KP_N].length;
	if (key->k != bits / 8 || key->k > RSA_MAX_BYTES)
		goto fail;
	return 0;
fail:
	rsa_key_free(key);
	return -1;
}

static void
rsa_xform(struct rte_crypto_asym_xform *xf, const struct rsa_key *key,
	bool qt)
{
	memset(xf, 0, sizeof(*xf));
	xf->xform_type = RTE_CRYPTO_ASYM_XFORM_RSA;
	xf->rsa.n = key->v[KP_N];
	xf->rsa.e = key->v[KP_E];
	if (!qt) {
		xf->rsa.key_type = RTE_RSA_KEY_TYPE_EXP;
		xf->rsa.d = key->v[KP_D];
		return;
	}
	xf->rsa.key_type = RTE_RSA_KEY_TYPE_QT;
	xf->rsa.qt.p = key->v[KP_P];
	xf->rsa.qt.q = key->v[KP_Q];
	xf->rsa.qt.dP = key->v[KP_DP];
	xf->rsa.qt.dQ = key->v[KP_DQ];
	xf->rsa.qt.qInv = key->v[KP_QINV];
}

/* OpenSSL's side of each op: which EVP_PKEY operation computes it. */
enum rsa_ref {
	REF_SIGN,
	REF_ENCRYPT,
	REF_DECRYPT,
};

static int
ref_init(EVP_PKEY_CTX *pc, enum rsa_ref ref)
{
	switch (ref) {
	case REF_SIGN: return EVP_PKEY_sign_init(pc);
	case REF_ENCRYPT: return EVP_PKEY_encrypt_init(pc);
	case REF_DECRYPT: return EVP_PKEY_decrypt_init(pc);
	}
	return -1;
}

static int
ref_do(EVP_PKEY_CTX *pc, enum rsa_ref ref, uint8_t *out, size_t *out_len,
	const uint8_t *in, size_t in_len)
{
	switch (ref) {
	case REF_SIGN: return EVP_PKEY_sign(pc, out, out_len, in, in_len);
	case REF_ENCRYPT: return EVP_PKEY_encrypt(pc, out, out_len, in, in_len);
	case REF_DECRYPT: return EVP_PKEY_decrypt(pc, out, out_len, in, in_len);
	}
	return -1;
}

/*
 * in -> out with an OpenSSL padding (*out_len: room in, length out); md,
 * for a signature, adds the DigestInfo of that hash (RSASSA-PKCS1-v1_5).
 */
static int
ref_rsa(const struct rsa_key *key, enum rsa_ref ref, int pad, const char *md,
	const uint8_t *in, size_t in_len, uint8_t *out, size_t *out_len)
{
	EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new_from_pkey(NULL, key->pkey, NULL);
	int ok;

	ok = pc != NULL && ref_init(pc, ref) > 0 &&
		EVP_PKEY_CTX_set_rsa_padding(pc, pad) > 0;
	if (ok && md != NULL)
		ok = EVP_PKEY_CTX_set_signature_md(pc,
				EVP_get_digestbyname(md)) > 0;
	ok = ok && ref_do(pc, ref, out, out_len, in, in_len) > 0;
	EVP_PKEY_CTX_free(pc);
	return ok ? 0 : -1;
}

static int
ref_pad(const struct rsa_case *c)
{
	return c->pad == RTE_CRYPTO_RSA_PADDING_NONE ? RSA_NO_PADDING :
		RSA_PKCS1_PADDING;
}

static bool
is_sig_op(enum rsa_op op)
{
	return op == RSA_SIGN || op == RSA_VERIFY || op == RSA_VERIFY_BAD;
}

/*
 * The input to sign, verify or encrypt, in io->msg. Raw: k bytes below n
 * (a leading zero byte, n's is not). PKCS#1 signature: the digest of a
 * pseudo-random message, or for "nohash" 36 bytes as they are. PKCS#1
 * encryption: up to the most that fits in one block.
 */
static int
make_message(const struct rsa_case *c, struct rsa_io *io, struct vt_prng *rng)
{
	uint8_t data[256];
	unsigned int len;

	if (c->pad == RTE_CRYPTO_RSA_PADDING_NONE) {
		io->msg_len = io->k;
		vt_prng_fill(rng, io->msg, io->msg_len);
		io->msg[0] = 0;
		return 0;
	}
	if (!is_sig_op(c->op)) {
		io->msg_len = 1 + vt_prng_below(rng, io->k - RSA_PKCS1_OVERHEAD);
		vt_prng_fill(rng, io->msg, io->msg_len);
		return 0;
	}
	if (c->hash->md == NULL) {
		io->msg_len = RSA_NOHASH_LEN;
		vt_prng_fill(rng, io->msg, io->msg_len);
		return 0;
	}
	len = 1 + vt_prng_below(rng, sizeof(data));
	vt_prng_fill(rng, data, len);
	if (EVP_Digest(data, len, io->msg, &len,
			EVP_get_digestbyname(c->hash->md), NULL) != 1)
		return -1;
	io->msg_len = len;
	return 0;
}

/* OpenSSL's signature of io->msg: the expected output, or the input. */
static int
ref_sign(const struct rsa_case *c, const struct rsa_key *key,
	struct rsa_io *io)
{
	const char *md = c->hash != NULL ? c->hash->md : NULL;

	io->want_len = sizeof(io->want);
	return ref_rsa(key, REF_SIGN, ref_pad(c), md, io->msg, io->msg_len,
			io->want, &io->want_len);
}

/*
 * Damage the signature: one bit below its top byte, so that it almost
 * surely stays below n and only the padding or digest check rejects it.
 */
static void
damage(uint8_t *sig, size_t k, struct vt_prng *rng)
{
	unsigned int bit = vt_prng_below(rng, (uint32_t)(k - 1) * 8);

	sig[1 + bit / 8] ^= (uint8_t)(1u << (bit % 8));
}

/* Decrypt: OpenSSL's ciphertext goes in, the message must come out. */
static int
ref_encrypt_input(const struct rsa_case *c, const struct rsa_key *key,
	struct rsa_io *io)
{
	size_t len = io->k;

	memcpy(io->want, io->msg, io->msg_len);
	io->want_len = io->msg_len;
	if (ref_rsa(key, REF_ENCRYPT, ref_pad(c), NULL, io->msg, io->msg_len,
			io->cip, &len) != 0 || len != io->k)
		return -1;
	/* The device writes the message buffer: no stale plaintext in it. */
	memset(io->msg, 0, io->k);
	return 0;
}

/*
 * Inputs and expected outputs of one op; the device's output buffers
 * start zeroed (rte_zmalloc) with length 0, as the API asks.
 */
static int
prepare(const struct rsa_case *c, const struct rsa_key *key,
	struct rsa_io *io, struct vt_prng *rng)
{
	if (make_message(c, io, rng) != 0)
		return -1;
	switch (c->op) {
	case RSA_SIGN:
		return ref_sign(c, key, io);
	case RSA_VERIFY:
	case RSA_VERIFY_BAD:
		if (ref_sign(c, key, io) != 0 || io->want_len != io->k)
			return -1;
		memcpy(io->sig, io->want, io->k);
		if (c->op == RSA_VERIFY_BAD)
			damage(io->sig, io->k, rng);
		/* Raw: the device may return the recovered message. */
		memcpy(io->want, io->msg, io->msg_len);
		io->want_len = io->msg_len;
		return 0;
	case RSA_ENCRYPT:
		/* Raw is deterministic; PKCS#1 is checked by decrypting. */
		if (c->pad != RTE_CRYPTO_RSA_PADDING_NONE)
			return 0;
		io->want_len = sizeof(io->want);
		return ref_rsa(key, REF_ENCRYPT, RSA_NO_PADDING, NULL, io->msg,
				io->msg_len, io->want, &io->want_len);
	case RSA_DECRYPT:
		return ref_encrypt_input(c, key, io);
	}
	return -1;
}

static rte_crypto_param
param(uint8_t *data, size_t len)
{
	rte_crypto_param p = {
		.data = data,
		.iova = rte_malloc_virt2iova(data),
		.length = len,
	};

	return p;
}

static enum rte_crypto_asym_op_type
dev_op(enum rsa_op op)
{
	switch (op) {
	case RSA_SIGN: return RTE_CRYPTO_ASYM_OP_SIGN;
	case RSA_ENCRYPT: return RTE_CRYPTO_ASYM_OP_ENCRYPT;
	case RSA_DECRYPT: return RTE_CRYPTO_ASYM_OP_DECRYPT;
	default: return RTE_CRYPTO_ASYM_OP_VERIFY;
	}
}

/* The op's fields: inputs with their lengths, outputs with length 0. */
static void
fill_op(const struct rsa_case *c, struct rsa_io *io,
	struct rte_crypto_rsa_op_param *rsa)
{
	rsa->op_type = dev_op(c->op);
	rsa->padding.type = c->pad;
	rsa->padding.hash = is_sig_op(c->op) && c->hash != NULL ?
		c->hash->algo : RTE_CRYPTO_AUTH_NULL;
	switch (c->op) {
	case RSA_SIGN:
		rsa->message = param(io->msg, io->msg_len);
		rsa->sign = param(io->sig, 0);
		break;
	case RSA_VERIFY:
	case RSA_VERIFY_BAD:
		rsa->message = param(io->msg, io->msg_len);
		rsa->sign = param(io->sig, io->k);
		/* Where DPDK lets a raw verify put the recovered message. */
		if (c->pad == RTE_CRYPTO_RSA_PADDING_NONE)
			rsa->cipher = param(io->cip, 0);
		break;
	case RSA_ENCRYPT:
		rsa->message = param(io->msg, io->msg_len);
		rsa->cipher = param(io->cip, 0);
		break;
	case RSA_DECRYPT:
		rsa->cipher = param(io->cip, io->k);
		rsa->message = param(io->msg, 0);
		break;
	}
}

/*
 * Device buffers: aligned to their power-of-two size so that none
 * crosses a page, which keeps each IOVA-contiguous in any IOVA mode.
 */
static uint8_t *
dev_buf(struct vt_ctx *ctx, size_t k)
{
	return rte_zmalloc_socket("vt_rsa", k, rte_align32pow2((uint32_t)k),
			ctx->socket_id);
}

static int
io_alloc(struct vt_ctx *ctx, struct rsa_io *io, size_t k)
{
	memset(io, 0, sizeof(*io));
	io->k = k;
	io->msg = dev_buf(ctx, k);
	io->sig = dev_buf(ctx, k);
	io->cip = dev_buf(ctx, k);
	return io->msg != NULL && io->sig != NULL && io->cip != NULL ?
		0 : -ENOMEM;
}

static void
io_free(struct rsa_io *io)
{
	rte_free(io->msg);
	rte_free(io->sig);
	rte_free(io->cip);
}

/*
 * INVALID_ARGS is the PMD's answer for a padding or hash the device does
 * not perform (QEMU 7.2: PKCS#1 v1.5 with MD5, SHA-1, SHA-256 or SHA-512
 * only), so the case skips.
 */
static enum vt_result
skip_unperformed(struct vt_ctx *ctx, const struct rsa_case *c)
{
	if (c->pad == RTE_CRYPTO_RSA_PADDING_NONE)
		return vt_skip(ctx, "INVALID_ARGS: the device does not perform raw RSA");
	if (!is_sig_op(c->op))
		return vt_skip(ctx, "INVALID_ARGS: the device does not perform PKCS#1 v1.5 encryption");
	return vt_skip(ctx, "INVALID_ARGS: the device does not perform PKCS#1 v1.5 signatures with %s",
		c->hash->md != NULL ? c->hash->name : "no DigestInfo");
}

/* A damaged signature must be rejected as such, anything else succeed. */
static enum vt_result
check_status(struct vt_ctx *ctx, const struct rsa_case *c,
	enum rte_crypto_op_status st)
{
	if (st == RTE_CRYPTO_OP_STATUS_INVALID_ARGS)
		return skip_unperformed(ctx, c);
	if (c->op != RSA_VERIFY_BAD)
		return st == RTE_CRYPTO_OP_STATUS_SUCCESS ? VT_PASS :
			vt_fail(ctx, "status %s, want SUCCESS",
				vt_status_name(st));
	if (st == RTE_CRYPTO_OP_STATUS_AUTH_FAILED ||
			st == RTE_CRYPTO_OP_STATUS_ERROR) {
		if (ctx->verbose)
			vt_note(ctx, "damaged signature: %s", vt_status_name(st));
		return VT_PASS;
	}
	return vt_fail(ctx, "damaged signature came back %s, want AUTH_FAILED or ERROR",
		vt_status_name(st));
}

static enum vt_result
check_bytes(struct vt_ctx *ctx, const char *what, const uint8_t *got,
	size_t got_len, const uint8_t *want, size_t want_len)
{
	size_t i;

	if (got_len != want_len)
		return vt_fail(ctx, "%s.length %zu, want %zu", what, got_len,
			want_len);
	for (i = 0; i < want_len; i++)
		if (got[i] != want[i])
			return vt_fail(ctx, "%s differs from OpenSSL's at byte %zu of %zu: %02x, want %02x",
				what, i, want_len, got[i], want[i]);
	return VT_PASS;
}

/* PKCS#1 encryption is randomized: OpenSSL decrypts it back instead. */
static enum vt_result
check_encrypted(struct vt_ctx *ctx, const struct rsa_key *key,
	const struct rsa_io *io, const struct rte_crypto_rsa_op_param *rsa)
{
	uint8_t plain[RSA_MAX_BYTES];
	size_t len = sizeof(plain);

	if (rsa->cipher.length != io->k)
		return vt_fail(ctx, "cipher.length %zu, want %zu",
			rsa->cipher.length, io->k);
	if (ref_rsa(key, REF_DECRYPT, RSA_PKCS1_PADDING, NULL, io->cip, io->k,
			plain, &len) != 0)
		return vt_fail(ctx, "OpenSSL cannot decrypt the device's PKCS#1 ciphertext");
	return check_bytes(ctx, "decrypted cipher", plain, len, io->msg,
		io->msg_len);
}

static enum vt_result
check_output(struct vt_ctx *ctx, const struct rsa_case *c,
	const struct rsa_key *key, const struct rsa_io *io,
	const struct rte_crypto_rsa_op_param *rsa)
{
	switch (c->op) {
	case RSA_SIGN:
		return check_bytes(ctx, "sign", io->sig, rsa->sign.length,
			io->want, io->want_len);
	case RSA_VERIFY:
		/* Only a raw verify may return the message it recovered. */
		if (c->pad != RTE_CRYPTO_RSA_PADDING_NONE ||
				rsa->cipher.length == 0)
			return VT_PASS;
		return check_bytes(ctx, "recovered cipher", io->cip,
			rsa->cipher.length, io->want, io->want_len);
	case RSA_VERIFY_BAD:
		return VT_PASS;
	case RSA_ENCRYPT:
		if (c->pad != RTE_CRYPTO_RSA_PADDING_NONE)
			return check_encrypted(ctx, key, io, rsa);
		return check_bytes(ctx, "cipher", io->cip, rsa->cipher.length,
			io->want, io->want_len);
	case RSA_DECRYPT:
		return check_bytes(ctx, "message", io->msg, rsa->message.length,
			io->want, io->want_len);
	}
	return vt_fail(ctx, "unknown op");
}

/*
 * One op through the queue pair. A lost op keeps its buffers (the PMD
 * may still write them): *lost tells the caller to leak them too.
 */
static enum vt_result
run_op(struct vt_ctx *ctx, const struct rsa_case *c, const struct rsa_key *key,
	void *sess, struct rsa_io *io, bool *lost)
{
	struct vt_job job;
	enum vt_result r;
	unsigned int tries;

	memset(&job, 0, sizeof(job));
	job.op = rte_crypto_op_alloc(ctx->asym_op_pool,
			RTE_CRYPTO_OP_TYPE_ASYMMETRIC);
	if (job.op == NULL)
		return vt_fail(ctx, "asymmetric op pool exhausted");
	rte_crypto_op_attach_asym_session(job.op, sess);
	fill_op(c, io, &job.op->asym->rsa);
	vt_run_jobs(ctx, &job, 1);
	/*
	 * QEMU 7.2 drops the last byte of a ciphertext whose first byte is
	 * 0 (1 in 256 random paddings), and the PMD then answers ERROR:
	 * encryption, randomized, gets two more tries.
	 */
	for (tries = 1; c->op == RSA_ENCRYPT && tries < 3 &&
	     job.fate == VT_FATE_RETURNED &&
	     job.op->status == RTE_CRYPTO_OP_STATUS_ERROR; tries++) {
		vt_note(ctx, "encryption %u came back ERROR: again", tries);
		fill_op(c, io, &job.op->asym->rsa);
		job.fate = VT_FATE_UNSENT;
		vt_run_jobs(ctx, &job, 1);
	}
	*lost = job.fate == VT_FATE_LOST;
	if (*lost)
		return vt_fail(ctx, "op lost: not back within the timeout");
	if (job.fate == VT_FATE_REFUSED)
		r = vt_fail(ctx, "enqueue refused the op on an idle queue");
	else
		r = check_status(ctx, c, job.op->status);
	if (r == VT_PASS)
		r = check_output(ctx, c, key, io, &job.op->asym->rsa);
	rte_crypto_op_free(job.op);
	return r;
}

static enum vt_result
run_case(struct vt_ctx *ctx, const struct rsa_case *c,
	const struct rsa_key *key, void *sess)
{
	struct vt_prng rng;
	struct rsa_io io;
	enum vt_result r;
	bool lost = false;

	vt_prng_seed(&rng, ctx->case_name);
	if (io_alloc(ctx, &io, key->k) != 0) {
		io_free(&io);
		return vt_fail(ctx, "out of DPDK memory");
	}
	if (prepare(c, key, &io, &rng) != 0)
		r = vt_fail(ctx, "OpenSSL reference failed");
	else
		r = run_op(ctx, c, key, sess, &io, &lost);
	if (!lost)
		io_free(&io);
	return r;
}

/* The device's claim, asked the way applications ask. */
static enum vt_result
check_claimed(struct vt_ctx *ctx, const struct rsa_case *c)
{
	const struct rte_cryptodev_asymmetric_xform_capability *cap;
	struct rte_cryptodev_asym_capability_idx idx = {
		.type = RTE_CRYPTO_ASYM_XFORM_RSA,
	};

	cap = rte_cryptodev_asym_capability_get(ctx->dev_id, &idx);
	if (cap == NULL)
		return vt_skip(ctx, "device claims no RSA");
	if (rte_cryptodev_asym_xform_capability_check_optype(cap,
			dev_op(c->op)) == 0)
		return vt_skip(ctx, "device claims RSA but not %s",
			rte_crypto_asym_op_strings[dev_op(c->op)]);
	if (rte_cryptodev_asym_xform_capability_check_modlen(cap,
			(uint16_t)(c->bits / 8)) != 0)
		return vt_skip(ctx, "device claims no %u-bit moduli (modlen %u..%u bytes)",
			c->bits, cap->modlen.min, cap->modlen.max);
	if ((ctx->info.feature_flags & RTE_CRYPTODEV_FF_ASYMMETRIC_CRYPTO) == 0)
		return vt_fail(ctx, "device claims RSA but not RTE_CRYPTODEV_FF_ASYMMETRIC_CRYPTO");
	if (ctx->asym_op_pool == NULL || ctx->asym_sess_pool == NULL)
		return vt_fail(ctx, "no asymmetric op or session pool (see setup)");
	return VT_PASS;
}

static enum vt_result
case_rsa(struct vt_ctx *ctx, const void *arg)
{
	const struct rsa_case *c = arg;
	struct rte_crypto_asym_xform xf;
	struct rsa_key key;
	enum vt_result r;
	void *sess = NULL;
	uint64_t lost = ctx->nb_lost;
	int ret;

	r = check_claimed(ctx, c);
	if (r != VT_PASS)
		return r;
	if (rsa_key_load(&key, c->bits) != 0)
		return vt_fail(ctx, "cannot load the %u-bit key", c->bits);
	rsa_xform(&xf, &key, c->qt);
	ret = rte_cryptodev_asym_session_create(ctx->dev_id, &xf,
			ctx->asym_sess_pool, &sess);
	if (ret == -ENOTSUP)
		r = vt_skip(ctx, "session create: ENOTSUP (%s key)",
			c->qt ? "quintuple" : "exponent");
	else if (ret != 0)
		r = vt_fail(ctx, "session create failed: %s", rte_strerror(-ret));
	else
		r = run_case(ctx, c, &key, sess);
	/* The device may still use the session of a lost op. */
	if (sess != NULL && ctx->nb_lost == lost)
		rte_cryptodev_asym_session_free(ctx->dev_id, sess);
	rsa_key_free(&key);
	return r;
}

static void
add(unsigned int bits, bool qt, enum rte_crypto_rsa_padding_type pad,
	const struct rsa_hash *hash, enum rsa_op op)
{
	static const char *const op_names[] = {
		[RSA_SIGN] = "sign",
		[RSA_VERIFY] = "verify",
		[RSA_VERIFY_BAD] = "verify-bad",
		[RSA_ENCRYPT] = "encrypt",
		[RSA_DECRYPT] = "decrypt",
	};
	struct rsa_case *c;
	char name[VT_NAME_LEN];

	if (nb_rsa_cases == RSA_MAX_CASES)
		return;
	c = &rsa_cases[nb_rsa_cases++];
	*c = (struct rsa_case){ bits, qt, pad, hash, op };
	snprintf(name, sizeof(name), "rsa/%u/%s/%s%s%s/%s", bits,
		qt ? "qt" : "exp",
		pad == RTE_CRYPTO_RSA_PADDING_NONE ? "raw" : "pkcs1",
		hash != NULL ? "-" : "", hash != NULL ? hash->name : "",
		op_names[op]);
	vt_register(name, case_rsa, c);
}

static void
add_sig(unsigned int bits, bool qt, const struct rsa_hash *hash)
{
	add(bits, qt, RTE_CRYPTO_RSA_PADDING_PKCS1_5, hash, RSA_SIGN);
	add(bits, qt, RTE_CRYPTO_RSA_PADDING_PKCS1_5, hash, RSA_VERIFY);
	add(bits, qt, RTE_CRYPTO_RSA_PADDING_PKCS1_5, hash, RSA_VERIFY_BAD);
}

/* PKCS#1 encryption and every raw op. */
static void
add_enc_and_raw(unsigned int bits, bool qt)
{
	enum rsa_op op;

	add(bits, qt, RTE_CRYPTO_RSA_PADDING_PKCS1_5, NULL, RSA_ENCRYPT);
	add(bits, qt, RTE_CRYPTO_RSA_PADDING_PKCS1_5, NULL, RSA_DECRYPT);
	for (op = RSA_SIGN; op <= RSA_DECRYPT; op++)
		add(bits, qt, RTE_CRYPTO_RSA_PADDING_NONE, NULL, op);
}

/*
 * Small enough for a TCG guest: every hash and op at 2048 bits, SHA-256
 * signatures, encryption and raw at 1024 and 4096 bits, and one 8192-bit
 * signature with the CRT key (about a quarter of the exponent form's work).
 */
void
vt_register_rsa_cases(void)
{
	static const unsigned int sizes[] = { 1024, 2048, 4096 };
	unsigned int s, h, qt;

	for (s = 0; s < RTE_DIM(sizes); s++) {
		for (qt = 0; qt < 2; qt++) {
			if (sizes[s] != 2048) {
				add_sig(sizes[s], qt, RSA_SHA256);
			} else {
				for (h = 0; h < RTE_DIM(rsa_hashes); h++)
					add_sig(sizes[s], qt, &rsa_hashes[h]);
			}
			add_enc_and_raw(sizes[s], qt);
		}
	}
	add(8192, true, RTE_CRYPTO_RSA_PADDING_PKCS1_5, RSA_SHA256, RSA_SIGN);
	add(8192, true, RTE_CRYPTO_RSA_PADDING_PKCS1_5, RSA_SHA256, RSA_VERIFY);
}
