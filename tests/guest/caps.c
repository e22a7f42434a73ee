/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * What the device claims, asked the way applications ask: a case whose
 * algorithm or sizes are not claimed SKIPs before it builds anything, so
 * a device with ciphers only (QEMU's) runs through the rest quickly.
 */

#include "vt_sym.h"

bool
vt_alg_supported(const struct vt_ctx *ctx, const struct vt_cipher_alg *alg)
{
	const struct rte_cryptodev_symmetric_capability *cap;
	struct rte_cryptodev_sym_capability_idx idx = {
		.type = RTE_CRYPTO_SYM_XFORM_CIPHER,
		.algo.cipher = alg->algo,
	};

	cap = rte_cryptodev_sym_capability_get(ctx->dev_id, &idx);
	return cap != NULL &&
		rte_cryptodev_sym_capability_check_cipher(cap, alg->key_len,
				alg->iv_len) == 0;
}

bool
vt_auth_claimed(const struct vt_ctx *ctx, const struct vt_auth_alg *alg,
	uint16_t key_len)
{
	const struct rte_cryptodev_symmetric_capability *cap;
	struct rte_cryptodev_sym_capability_idx idx = {
		.type = RTE_CRYPTO_SYM_XFORM_AUTH,
		.algo.auth = alg->algo,
	};

	cap = rte_cryptodev_sym_capability_get(ctx->dev_id, &idx);
	return cap != NULL &&
		rte_cryptodev_sym_capability_check_auth(cap, key_len,
				alg->digest_len, alg->iv_len) == 0;
}

bool
vt_aead_claimed(const struct vt_ctx *ctx, const struct vt_aead_alg *alg)
{
	const struct rte_cryptodev_symmetric_capability *cap;
	struct rte_cryptodev_sym_capability_idx idx = {
		.type = RTE_CRYPTO_SYM_XFORM_AEAD,
		.algo.aead = alg->algo,
	};

	cap = rte_cryptodev_sym_capability_get(ctx->dev_id, &idx);
	return cap != NULL &&
		rte_cryptodev_sym_capability_check_aead(cap, alg->key_len,
				alg->tag_len, alg->aad_len, alg->iv_len) == 0;
}

/* NULL if the device claims the pair chained, else why not. */
const char *
vt_chain_unclaimed_why(const struct vt_ctx *ctx,
	const struct vt_cipher_alg *cipher, const struct vt_auth_alg *auth)
{
	if (!(ctx->info.feature_flags & RTE_CRYPTODEV_FF_SYM_OPERATION_CHAINING))
		return "device does not claim chaining";
	if (!vt_alg_supported(ctx, cipher))
		return "device does not claim the cipher";
	if (!vt_auth_claimed(ctx, auth, auth->key_len))
		return "device does not claim the hash/MAC";
	return NULL;
}
