/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Chained jobs, laid out like ESP: [hdr][payload][digest]. The cipher
 * covers the payload; the hash or MAC covers header and payload, as they
 * are either on the wire (ciphertext: encrypt-then-MAC hashes its own
 * output, verify-then-decrypt its input) or in the clear (plaintext:
 * MAC-then-encrypt hashes its input, decrypt-then-verify its output).
 * The digest is never ciphered: it follows the payload, or is apart.
 *
 * Out of place, dst starts with src's header (see vt_job_cipher()): the
 * header is authenticated but not ciphered, and whether the device copies
 * it or leaves it, dst must end up the same. A generated digest kept in
 * the mbuf goes to dst, after the ciphertext; a digest to verify is read
 * from src, after the ciphertext.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vt_sym.h"

static void
describe(struct vt_job *job, const struct vt_chain_sess *s,
	const struct vt_chain_shape *sh)
{
	snprintf(job->what, sizeof(job->what), "%s %u+%u bytes, %s, %s digest%s%s",
		vt_chain_mode_names[s->mode], sh->hdr, sh->len,
		sh->oop ? "oop" : "in-place", sh->sep_digest ? "separate" : "mbuf",
		sh->flip != VT_FLIP_NONE ? ", bit flipped" : "",
		sh->src_layout != NULL || sh->dst_layout != NULL ?
		", segmented" : "");
}

static int
start(struct vt_job *job, const struct vt_chain_sess *s, struct vt_prng *rng,
	const struct vt_chain_shape *sh, uint8_t *iv)
{
	uint32_t buf_len = sh->hdr + sh->len +
		(sh->sep_digest ? 0 : s->auth->digest_len);
	bool bad = !s->encrypt && sh->flip != VT_FLIP_NONE;
	int ret;

	ret = vt_job_init(job, buf_len, sh->oop, bad ? VT_EXPECT_AUTH_FAILED :
			VT_EXPECT_SUCCESS);
	if (ret != 0)
		return ret;
	describe(job, s, sh);
	vt_prng_fill(rng, iv, s->cipher->iv_len);
	vt_prng_fill(rng, job->src_before, buf_len);
	if (sh->oop) {
		vt_prng_fill(rng, job->expect_dst, buf_len);
		memcpy(job->expect_dst, job->src_before, sh->hdr);
	}
	return 0;
}

/*
 * Input of a chain that decrypts: src's payload becomes the encryption of
 * a random plaintext, followed (in the mbuf) by the digest over header
 * and ciphertext, or header and plaintext, maybe damaged. plain gets the
 * header and the plaintext: the image the op must leave behind.
 */
static int
decrypt_input(struct vt_job *job, const struct vt_chain_sess *s,
	const struct vt_chain_shape *sh, const uint8_t *iv, uint8_t *plain,
	uint8_t *digest, struct vt_prng *rng)
{
	uint32_t end = sh->hdr + sh->len;
	uint16_t dlen = s->auth->digest_len;
	const uint8_t *macced;

	memcpy(plain, job->src_before, sh->hdr);
	vt_prng_fill(rng, plain + sh->hdr, sh->len);
	macced = vt_chain_mode_macs_plaintext(s->mode) ? plain :
		job->src_before;
	if (vt_ref_cipher(s->cipher, true, s->ckey, iv, plain + sh->hdr,
			job->src_before + sh->hdr, sh->len) != 0 ||
			vt_ref_auth(s->auth, s->akey, s->auth->key_len, NULL,
				macced, end, digest) != 0)
		return -EINVAL;
	vt_flip(digest, dlen, sh->flip);
	if (!sh->sep_digest)
		memcpy(job->src_before + end, digest, dlen);
	return 0;
}

/*
 * Result of a chain that encrypts: the ciphertext, and the digest over
 * header and ciphertext (encrypt-then-MAC) or header and plaintext
 * (MAC-then-encrypt, the plaintext being src as enqueued).
 */
static int
encrypt_result(const struct vt_chain_sess *s, const struct vt_chain_shape *sh,
	const uint8_t *iv, const uint8_t *src, uint8_t *out, uint8_t *digest)
{
	uint32_t end = sh->hdr + sh->len;

	if (vt_ref_cipher(s->cipher, true, s->ckey, iv, src + sh->hdr,
			out + sh->hdr, sh->len) != 0 ||
			vt_ref_auth(s->auth, s->akey, s->auth->key_len, NULL,
				vt_chain_mode_macs_plaintext(s->mode) ? src : out,
				end, digest) != 0)
		return -EINVAL;
	if (!sh->sep_digest)
		memcpy(out + end, digest, s->auth->digest_len);
	return 0;
}

static int
set_op(struct vt_ctx *ctx, struct vt_job *job, const struct vt_chain_sess *s,
	const struct vt_chain_shape *sh, const uint8_t *iv, const uint8_t *init)
{
	struct rte_crypto_sym_op *sym = job->op->sym;
	struct rte_mbuf *m = s->encrypt && sh->oop ? sym->m_dst : sym->m_src;

	vt_job_set_iv(job, iv, s->cipher->iv_len);
	sym->cipher.data.offset = sh->hdr;
	sym->cipher.data.length = sh->len;
	sym->auth.data.offset = 0;
	sym->auth.data.length = sh->hdr + sh->len;
	return vt_job_digest(ctx, job, sh->sep_digest ? NULL : m,
			sh->hdr + sh->len, init, s->auth->digest_len,
			&sym->auth.digest.data, &sym->auth.digest.phys_addr);
}

static int
build(struct vt_ctx *ctx, struct vt_job *job, const struct vt_chain_sess *s,
	struct vt_prng *rng, const struct vt_chain_shape *sh, uint8_t *plain)
{
	uint8_t iv[VT_MAX_IV], digest[VT_MAX_DIGEST], init[VT_MAX_DIGEST];
	uint8_t *out;
	int ret;

	ret = start(job, s, rng, sh, iv);
	if (ret == 0 && !s->encrypt)
		ret = decrypt_input(job, s, sh, iv, plain, init, rng);
	if (ret != 0)
		return ret;
	if (s->encrypt)
		vt_prng_fill(rng, init, s->auth->digest_len);
	memcpy(job->expect_src, job->src_before, job->buf_len);
	ret = vt_job_op(ctx, job, s->sess, job->expect_dst, sh->src_layout,
			sh->dst_layout);
	if (ret == 0)
		ret = set_op(ctx, job, s, sh, iv, init);
	if (ret != 0)
		return ret;
	/* The images the mbufs were made from become the expected results. */
	out = sh->oop ? job->expect_dst : job->expect_src;
	if (!s->encrypt) {
		memcpy(out + sh->hdr, plain + sh->hdr, sh->len);
		return vt_job_expect_digest(job, init);
	}
	ret = encrypt_result(s, sh, iv, job->src_before, out, digest);
	return ret != 0 ? ret : vt_job_expect_digest(job, digest);
}

int
vt_job_chain(struct vt_ctx *ctx, struct vt_job *job,
	const struct vt_chain_sess *s, struct vt_prng *rng,
	const struct vt_chain_shape *sh)
{
	uint8_t *plain = malloc(sh->hdr + sh->len + 1);
	int ret;

	if (plain == NULL)
		return -ENOMEM;
	ret = build(ctx, job, s, rng, sh, plain);
	free(plain);
	return ret;
}
