/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <errno.h>

#include <linux/virtio_crypto.h>

#include <rte_common.h>
#include <rte_cryptodev.h>
#include <rte_malloc.h>

#include "virtio_crypto_algos.h"
#include "virtio_crypto_caps.h"
#include "virtio_crypto_ctrlq.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_session.h"

/* Beyond this many key sizes, only the smallest and largest are tried. */
#define PROBE_EACH_SIZE_MAX 4

static bool
mask_has(uint32_t lo, uint32_t hi, uint32_t bit)
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

/* Key sizes of the algorithm the device may take, before probing. */
static bool
candidate_keys(const struct vcrypto_hw *hw,
	       const struct vcrypto_cipher_algo *a,
	       struct rte_crypto_param_range *r)
{
	uint32_t limit = RTE_MIN(hw->cfg.max_cipher_key_len,
				 (uint32_t)VCRYPTO_MAX_CIPHER_KEY);

	r->min = a->key.min;
	r->increment = a->key.increment;
	r->max = a->key.max;
	while (r->max > limit && r->max > r->min && r->increment != 0)
		r->max -= r->increment;
	return r->max <= limit;
}

static bool
probe_key(struct vcrypto_hw *hw, const struct vcrypto_cipher_algo *a,
	  uint16_t key_len)
{
	int ret = vcrypto_session_probe_cipher(hw, a->virtio, key_len);

	VCRYPTO_DEV_LOG(DEBUG, hw->name, "probe %s key %u: %d", a->name,
			key_len, ret);
	return ret == 0;
}

/*
 * Narrow r to the key sizes the device accepts: the longest run of
 * accepted sizes from the smallest one, so the range stays exact.
 */
static bool
probe_keys(struct vcrypto_hw *hw, const struct vcrypto_cipher_algo *a,
	   struct rte_crypto_param_range *r)
{
	unsigned int count = r->increment == 0 ? 1 :
		(r->max - r->min) / r->increment + 1;
	uint16_t step = r->increment != 0 ? r->increment : 1;
	uint16_t k, last_ok = 0;
	bool any = false;

	if (count > PROBE_EACH_SIZE_MAX) {
		if (!probe_key(hw, a, r->min))
			return false;
		if (!probe_key(hw, a, r->max))
			r->max = r->min;
		return true;
	}
	for (k = r->min; k <= r->max; k += step) {
		if (!probe_key(hw, a, k)) {
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

static void
fill_cipher_cap(struct rte_cryptodev_capabilities *cap,
		const struct vcrypto_cipher_algo *a,
		const struct rte_crypto_param_range *keys)
{
	cap->op = RTE_CRYPTO_OP_TYPE_SYMMETRIC;
	cap->sym.xform_type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	cap->sym.cipher.algo = a->rte;
	cap->sym.cipher.block_size = a->block_size;
	cap->sym.cipher.key_size = *keys;
	cap->sym.cipher.iv_size.min = a->iv.min;
	cap->sym.cipher.iv_size.max = a->iv.max;
	cap->sym.cipher.iv_size.increment = a->iv.increment;
}

static unsigned int
build_cipher_caps(struct vcrypto_hw *hw, struct rte_cryptodev_capabilities *caps)
{
	const struct vcrypto_config *c = &hw->cfg;
	bool service = c->crypto_services & (1u << VIRTIO_CRYPTO_SERVICE_CIPHER);
	unsigned int i, n = 0;

	if (!service)
		return 0;
	for (i = 0; i < vcrypto_nb_cipher_algos; i++) {
		const struct vcrypto_cipher_algo *a = &vcrypto_cipher_algos[i];
		bool advertised = mask_has(c->cipher_algo_l, c->cipher_algo_h,
					   a->virtio);
		struct rte_crypto_param_range keys;
		bool have;

		if (!candidate_keys(hw, a, &keys))
			continue;
		have = hw->opts.probe_caps ? probe_keys(hw, a, &keys) :
			advertised;
		if (have != advertised)
			VCRYPTO_DEV_LOG(INFO, hw->name,
				"%s: device %s it but %s it", a->name,
				advertised ? "advertises" : "does not advertise",
				have ? "performs" : "refuses");
		if (have)
			fill_cipher_cap(&caps[n++], a, &keys);
	}
	return n;
}

int
vcrypto_caps_build(struct vcrypto_hw *hw)
{
	struct rte_cryptodev_capabilities *caps;
	unsigned int n;

	/* One entry per catalogue algorithm at most, plus the end marker. */
	caps = rte_zmalloc_socket(NULL,
		sizeof(*caps) * (vcrypto_nb_cipher_algos + 1), 0,
		hw->socket_id);
	if (caps == NULL)
		return -ENOMEM;
	n = build_cipher_caps(hw, caps);
	caps[n].op = RTE_CRYPTO_OP_TYPE_UNDEFINED;
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
find_cipher(const struct vcrypto_hw *hw, enum rte_crypto_cipher_algorithm algo)
{
	const struct rte_cryptodev_capabilities *c;

	for (c = hw->caps; c != NULL && c->op != RTE_CRYPTO_OP_TYPE_UNDEFINED; c++)
		if (c->sym.xform_type == RTE_CRYPTO_SYM_XFORM_CIPHER &&
		    c->sym.cipher.algo == algo)
			return &c->sym;
	return NULL;
}

bool
vcrypto_caps_has_cipher(const struct vcrypto_hw *hw,
			enum rte_crypto_cipher_algorithm algo)
{
	return find_cipher(hw, algo) != NULL;
}

bool
vcrypto_caps_cipher_sizes_ok(const struct vcrypto_hw *hw,
			     enum rte_crypto_cipher_algorithm algo,
			     uint16_t key_len, uint16_t iv_len)
{
	const struct rte_cryptodev_symmetric_capability *c =
		find_cipher(hw, algo);

	return c != NULL && range_ok(&c->cipher.key_size, key_len) &&
		range_ok(&c->cipher.iv_size, iv_len);
}
