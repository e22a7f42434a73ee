/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * One representative algorithm per service, for the cases that test how
 * the PMD handles ops (segments, sizes, failures in a burst) rather than
 * algorithms. Its jobs are in place, digests and tags in buffers of their
 * own, so any length and any segment layout goes.
 */

#include <errno.h>
#include <string.h>

#include "vt_sym.h"

#define SVC_CHAIN "aes-cbc+hmac-sha256"

const char *const vt_service_names[VT_NB_SERVICES] = {
	[VT_SVC_CIPHER] = "cipher",
	[VT_SVC_HASH] = "hash",
	[VT_SVC_MAC] = "mac",
	[VT_SVC_GMAC] = "gmac",
	[VT_SVC_CHAIN] = "chain",
	[VT_SVC_AEAD] = "aead",
};

static const struct vt_auth_alg *
auth_alg(enum vt_service svc)
{
	switch (svc) {
	case VT_SVC_HASH:
		return vt_find_auth_alg("sha256");
	case VT_SVC_MAC:
		return vt_find_auth_alg("hmac-sha256");
	case VT_SVC_GMAC:
		return vt_find_auth_alg("aes-gmac-128");
	default:
		return NULL;
	}
}

static const struct vt_aead_alg *
aead_alg(void)
{
	return vt_find_aead_alg("aes-gcm-128", "aad20");
}

/* NULL if the device claims what the service's jobs need, else why not. */
const char *
vt_svc_unclaimed(const struct vt_ctx *ctx, enum vt_service svc)
{
	const struct vt_chain_alg *ch = vt_find_chain_alg(SVC_CHAIN);

	switch (svc) {
	case VT_SVC_CIPHER:
		return vt_base_alg(ctx) == NULL ?
			"device does not claim aes-128-cbc" : NULL;
	case VT_SVC_HASH:
		return vt_auth_claimed(ctx, auth_alg(svc), 0) ? NULL :
			"device does not claim sha256";
	case VT_SVC_MAC:
		return vt_auth_claimed(ctx, auth_alg(svc),
				auth_alg(svc)->key_len) ? NULL :
			"device does not claim hmac-sha256";
	case VT_SVC_GMAC:
		return vt_auth_claimed(ctx, auth_alg(svc),
				auth_alg(svc)->key_len) ? NULL :
			"device does not claim aes-gmac-128";
	case VT_SVC_CHAIN:
		return vt_chain_unclaimed_why(ctx, vt_find_alg(ch->cipher),
				vt_find_auth_alg(ch->auth));
	case VT_SVC_AEAD:
		return vt_aead_claimed(ctx, aead_alg()) ? NULL :
			"device does not claim aes-gcm-128";
	case VT_NB_SERVICES:
		break;
	}
	return "no such service";
}

int
vt_svc_create(struct vt_ctx *ctx, struct vt_svc *v, enum vt_service svc,
	bool forward, struct vt_prng *rng)
{
	const struct vt_chain_alg *ch = vt_find_chain_alg(SVC_CHAIN);

	memset(v, 0, sizeof(*v));
	v->svc = svc;
	v->forward = forward;
	switch (svc) {
	case VT_SVC_CIPHER:
		return vt_sess_create(ctx, &v->cipher, vt_base_alg(ctx),
				forward, rng);
	case VT_SVC_HASH:
	case VT_SVC_MAC:
	case VT_SVC_GMAC:
		return vt_auth_sess_create(ctx, &v->auth, auth_alg(svc),
				forward, auth_alg(svc)->key_len, rng);
	case VT_SVC_CHAIN:
		return vt_chain_sess_create(ctx, &v->chain,
				vt_find_alg(ch->cipher),
				vt_find_auth_alg(ch->auth), forward ?
				VT_CHAIN_ENC_THEN_MAC : VT_CHAIN_VERIFY_THEN_DEC,
				rng);
	case VT_SVC_AEAD:
		return vt_aead_sess_create(ctx, &v->aead, aead_alg(), forward,
				rng);
	case VT_NB_SERVICES:
		break;
	}
	return -EINVAL;
}

void
vt_svc_free(struct vt_ctx *ctx, struct vt_svc *v)
{
	vt_sess_free(ctx, &v->cipher);
	vt_sym_sess_free(ctx, &v->auth.sess);
	vt_sym_sess_free(ctx, &v->chain.sess);
	vt_sym_sess_free(ctx, &v->aead.sess);
}

/* Lengths of the service's data must be multiples of this. */
uint32_t
vt_svc_block(enum vt_service svc)
{
	return svc == VT_SVC_CIPHER || svc == VT_SVC_CHAIN ? 16 : 1;
}

/* flip damages the digest of a verify or decrypt (see vt_flip()). */
int
vt_svc_job(struct vt_ctx *ctx, struct vt_job *job, const struct vt_svc *v,
	struct vt_prng *rng, uint32_t len, const struct vt_layout *lay,
	unsigned int flip)
{
	const struct vt_job_shape cs = { .len = len, .src_layout = lay };
	const struct vt_auth_shape hs = { .len = len, .sep_digest = true,
		.flip = flip, .layout = lay };
	const struct vt_chain_shape ch = { .len = len, .sep_digest = true,
		.flip = flip, .src_layout = lay };
	const struct vt_aead_shape as = { .len = len, .sep_tag = true,
		.flip = flip, .src_layout = lay };

	switch (v->svc) {
	case VT_SVC_CIPHER:
		return vt_job_cipher(ctx, job, &v->cipher, rng, &cs);
	case VT_SVC_HASH:
	case VT_SVC_MAC:
	case VT_SVC_GMAC:
		return vt_job_auth(ctx, job, &v->auth, rng, &hs);
	case VT_SVC_CHAIN:
		return vt_job_chain(ctx, job, &v->chain, rng, &ch);
	case VT_SVC_AEAD:
		return vt_job_aead(ctx, job, &v->aead, rng, &as);
	case VT_NB_SERVICES:
		break;
	}
	return -EINVAL;
}
