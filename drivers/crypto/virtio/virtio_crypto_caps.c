/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <linux/virtio_crypto.h>

#include <rte_common.h>
#include <rte_cryptodev.h>
#include <rte_malloc.h>

#include "virtio_crypto_akcipher.h"
#include "virtio_crypto_algos.h"
#include "virtio_crypto_caps.h"
#include "virtio_crypto_ctrlq.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_sym.h"

/* Beyond this many key sizes, only the smallest and largest are tried. */
#define PROBE_EACH_SIZE_MAX 4

bool
vcrypto_mask_has(uint32_t lo, uint32_t hi, uint32_t bit)
{
	return bit < 32 ? (lo >> bit) & 1 : bit < 64 && ((hi >> (bit - 32)) & 1);
}

static bool
range_ok(const struct rte_crypto_param_range *r, uint16_t v)
{
	if (v < r->min || v > r->max)
		return false;
	return r->increment == 0 ? v == r->min :
		(v - r->min) % r->increment == 0;
}

struct rte_crypto_param_range
vcrypto_range_of(const struct vcrypto_size_set *s)
{
	return (struct rte_crypto_param_range){ s->min, s->max, s->increment };
}

bool
vcrypto_range_limit(struct rte_crypto_param_range *r, uint32_t limit)
{
	if (r->increment == 0)
		return r->min <= limit;
	if (r->min > limit)
		return false;
	r->max = RTE_MIN(r->max, limit);
	r->max -= (r->max - r->min) % r->increment;
	return true;
}

static bool
probe_key(struct vcrypto_hw *hw, vcrypto_probe_req_fn build, const void *algo,
	  const char *name, uint16_t key_len)
{
	struct virtio_crypto_op_ctrl_req req;
	uint32_t ck = 0, ak = 0;
	int ret;

	build(algo, key_len, &req, &ck, &ak);
	ret = vcrypto_ctrlq_probe_session(hw, &req, ck, ak);
	VCRYPTO_DEV_LOG(DEBUG, hw->name, "probe %s key %u: %d", name, key_len,
			ret);
	return ret == 0;
}

/*
 * Narrow r to the key sizes the device accepts: the longest run of
 * accepted sizes from the smallest one, so the range stays exact.
 */
static bool
probe_keys(struct vcrypto_hw *hw, vcrypto_probe_req_fn build, const void *algo,
	   const char *name, struct rte_crypto_param_range *r)
{
	unsigned int count = r->increment == 0 ? 1 :
		(r->max - r->min) / r->increment + 1;
	uint16_t step = r->increment != 0 ? r->increment : 1;
	uint16_t k, last_ok = 0;
	bool any = false;

	if (count > PROBE_EACH_SIZE_MAX) {
		if (!probe_key(hw, build, algo, name, r->min))
			return false;
		if (!probe_key(hw, build, algo, name, r->max))
			r->max = r->min;
		return true;
	}
	for (k = r->min; k <= r->max; k += step) {
		if (!probe_key(hw, build, algo, name, k)) {
			if (any)
				break;
			continue;
		}
		if (!any)
			r->min = k;
		any = true;
		last_ok = k;
	}
	r->max = last_ok;
	if (r->min == r->max)
		r->increment = 0;
	return any;
}

bool
vcrypto_decide(struct vcrypto_hw *hw, bool advertised,
	       vcrypto_probe_req_fn build, const void *algo, const char *name,
	       struct rte_crypto_param_range *keys)
{
	bool have = hw->opts.probe_caps ?
		probe_keys(hw, build, algo, name, keys) : advertised;

	if (have != advertised)
		VCRYPTO_DEV_LOG(INFO, hw->name, "%s: device %s it but %s it",
			name, advertised ? "advertises" : "does not advertise",
			have ? "performs" : "refuses");
	return have;
}

bool
vcrypto_has_service(const struct vcrypto_hw *hw, unsigned int service)
{
	return (hw->cfg.crypto_services >> service) & 1;
}

int
vcrypto_caps_build(struct vcrypto_hw *hw)
{
	struct rte_cryptodev_capabilities *caps;
	bool chaining = false;
	unsigned int i, n = 0, max = 1 + VCRYPTO_AKCIPHER_MAX_CAPS;	/* the end */

	for (i = 0; i < vcrypto_nb_sym_families; i++)
		max += vcrypto_sym_families[i]->max_caps;
	caps = rte_zmalloc_socket(NULL, sizeof(*caps) * max, 0, hw->socket_id);
	if (caps == NULL)
		return -ENOMEM;
	hw->chain_modes = 0;
	hw->device_verifies = false;
	hw->auth_chain_only = 0;
	/* In table order: a family may read the rows of those before it. */
	for (i = 0; i < vcrypto_nb_sym_families; i++)
		if (vcrypto_sym_families[i]->caps != NULL)
			n += vcrypto_sym_families[i]->caps(hw, caps, n,
							   &chaining);
	hw->feature_flags = 0;
	n += vcrypto_akcipher_caps(hw, caps + n, &hw->feature_flags);
	caps[n].op = RTE_CRYPTO_OP_TYPE_UNDEFINED;
	hw->feature_flags |= RTE_CRYPTODEV_FF_SYMMETRIC_CRYPTO |
		RTE_CRYPTODEV_FF_HW_ACCELERATED |
		RTE_CRYPTODEV_FF_IN_PLACE_SGL |
		RTE_CRYPTODEV_FF_OOP_SGL_IN_SGL_OUT |
		RTE_CRYPTODEV_FF_OOP_SGL_IN_LB_OUT |
		RTE_CRYPTODEV_FF_OOP_LB_IN_SGL_OUT |
		RTE_CRYPTODEV_FF_OOP_LB_IN_LB_OUT |
		(chaining ? RTE_CRYPTODEV_FF_SYM_OPERATION_CHAINING : 0);
	VCRYPTO_DEV_LOG(INFO, hw->name, "%u capabilities", n);
	rte_free(hw->caps);
	hw->caps = caps;
	return 0;
}

void
vcrypto_caps_free(struct vcrypto_hw *hw)
{
	rte_free(hw->caps);
	hw->caps = NULL;
}

static const struct rte_cryptodev_symmetric_capability *
find_cap(const struct vcrypto_hw *hw, enum rte_crypto_sym_xform_type type,
	 int algo)
{
	const struct rte_cryptodev_capabilities *c;

	for (c = hw->caps; c != NULL && c->op != RTE_CRYPTO_OP_TYPE_UNDEFINED;
	     c++) {
		if (c->sym.xform_type != type)
			continue;
		if ((type == RTE_CRYPTO_SYM_XFORM_CIPHER &&
		     (int)c->sym.cipher.algo == algo) ||
		    (type == RTE_CRYPTO_SYM_XFORM_AUTH &&
		     (int)c->sym.auth.algo == algo) ||
		    (type == RTE_CRYPTO_SYM_XFORM_AEAD &&
		     (int)c->sym.aead.algo == algo))
			return &c->sym;
	}
	return NULL;
}

int
vcrypto_caps_check_cipher(const struct vcrypto_hw *hw,
			  const struct rte_crypto_cipher_xform *x)
{
	const struct rte_cryptodev_symmetric_capability *c =
		find_cap(hw, RTE_CRYPTO_SYM_XFORM_CIPHER, x->algo);

	if (c == NULL)
		return -ENOTSUP;
	return range_ok(&c->cipher.key_size, x->key.length) &&
		range_ok(&c->cipher.iv_size, x->iv.length) ? 0 : -ENOTSUP;
}

bool
vcrypto_caps_auth_chain_only(const struct vcrypto_hw *hw,
			     const struct vcrypto_auth_algo *a)
{
	return (hw->auth_chain_only >> (a - vcrypto_auth_algos)) & 1;
}

int
vcrypto_caps_check_auth(const struct vcrypto_hw *hw,
			const struct rte_crypto_auth_xform *x)
{
	const struct rte_cryptodev_symmetric_capability *c =
		find_cap(hw, RTE_CRYPTO_SYM_XFORM_AUTH, x->algo);

	if (c == NULL)
		return -ENOTSUP;
	/*
	 * The IV of an algorithm that takes none is not read, and cryptodev
	 * says so: DPDK's l2fwd-crypto leaves it uninitialised for HMAC.
	 */
	return range_ok(&c->auth.key_size, x->key.length) &&
		range_ok(&c->auth.digest_size, x->digest_length) &&
		(c->auth.iv_size.max == 0 ||
		 range_ok(&c->auth.iv_size, x->iv.length)) ? 0 : -ENOTSUP;
}

int
vcrypto_caps_check_aead(const struct vcrypto_hw *hw,
			const struct rte_crypto_aead_xform *x)
{
	const struct rte_cryptodev_symmetric_capability *c =
		find_cap(hw, RTE_CRYPTO_SYM_XFORM_AEAD, x->algo);

	if (c == NULL)
		return -ENOTSUP;
	return range_ok(&c->aead.key_size, x->key.length) &&
		range_ok(&c->aead.digest_size, x->digest_length) &&
		range_ok(&c->aead.aad_size, x->aad_length) &&
		range_ok(&c->aead.iv_size, x->iv.length) ? 0 : -ENOTSUP;
}
