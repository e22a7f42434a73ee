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
#include "virtio_crypto_probe_op.h"
#include "virtio_crypto_session_req.h"

/* Beyond this many key sizes, only the smallest and largest are tried. */
#define PROBE_EACH_SIZE_MAX 4
/* HMAC keys are probed with one ordinary length. */
#define HMAC_PROBE_KEY 16

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

static struct rte_crypto_param_range
range_of(const struct vcrypto_size_set *s)
{
	return (struct rte_crypto_param_range){ s->min, s->max, s->increment };
}

/* Cut a range down to limit; false if nothing is left. */
static bool
range_limit(struct rte_crypto_param_range *r, uint32_t limit)
{
	if (r->increment == 0)
		return r->min <= limit;
	if (r->min > limit)
		return false;
	r->max = RTE_MIN(r->max, limit);
	r->max -= (r->max - r->min) % r->increment;
	return true;
}

/* Builds the control request that creates a session with key_len. */
typedef void (*probe_req_fn)(const void *algo, uint32_t key_len,
			     struct virtio_crypto_op_ctrl_req *req,
			     uint32_t *cipher_key, uint32_t *auth_key);

static bool
probe_key(struct vcrypto_hw *hw, probe_req_fn build, const void *algo,
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
probe_keys(struct vcrypto_hw *hw, probe_req_fn build, const void *algo,
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

/* Decide one algorithm: advertised, and (if probing) accepted. */
static bool
decide(struct vcrypto_hw *hw, bool advertised, probe_req_fn build,
       const void *algo, const char *name, struct rte_crypto_param_range *keys)
{
	bool have = hw->opts.probe_caps ?
		probe_keys(hw, build, algo, name, keys) : advertised;

	if (have != advertised)
		VCRYPTO_DEV_LOG(INFO, hw->name, "%s: device %s it but %s it",
			name, advertised ? "advertises" : "does not advertise",
			have ? "performs" : "refuses");
	return have;
}

static bool
has_service(const struct vcrypto_hw *hw, unsigned int service)
{
	return (hw->cfg.crypto_services >> service) & 1;
}

static void
cipher_probe_req(const void *algo, uint32_t key_len,
		 struct virtio_crypto_op_ctrl_req *req, uint32_t *ck,
		 uint32_t *ak __rte_unused)
{
	const struct vcrypto_cipher_algo *a = algo;

	vcrypto_req_cipher_session(req, a->virtio, key_len,
				   VIRTIO_CRYPTO_OP_ENCRYPT);
	*ck = key_len;
}

static unsigned int
cipher_caps(struct vcrypto_hw *hw, struct rte_cryptodev_capabilities *caps)
{
	const struct vcrypto_config *c = &hw->cfg;
	unsigned int i, n = 0;

	if (!has_service(hw, VIRTIO_CRYPTO_SERVICE_CIPHER))
		return 0;
	for (i = 0; i < vcrypto_nb_cipher_algos; i++) {
		const struct vcrypto_cipher_algo *a = &vcrypto_cipher_algos[i];
		struct rte_crypto_param_range keys = range_of(&a->key);
		struct rte_cryptodev_capabilities *cap = &caps[n];

		if (!range_limit(&keys, RTE_MIN(c->max_cipher_key_len,
						(uint32_t)VCRYPTO_MAX_CIPHER_KEY)) ||
		    !decide(hw, mask_has(c->cipher_algo_l, c->cipher_algo_h,
					 a->virtio),
			    cipher_probe_req, a, a->name, &keys))
			continue;
		cap->op = RTE_CRYPTO_OP_TYPE_SYMMETRIC;
		cap->sym.xform_type = RTE_CRYPTO_SYM_XFORM_CIPHER;
		cap->sym.cipher.algo = a->rte;
		cap->sym.cipher.block_size = a->block_size;
		cap->sym.cipher.key_size = keys;
		cap->sym.cipher.iv_size = range_of(&a->iv);
		n++;
	}
	return n;
}

static void
auth_probe_req(const void *algo, uint32_t key_len,
	       struct virtio_crypto_op_ctrl_req *req, uint32_t *ck __rte_unused,
	       uint32_t *ak)
{
	const struct vcrypto_auth_algo *a = algo;

	if (a->service == VIRTIO_CRYPTO_SERVICE_HASH) {
		vcrypto_req_hash_session(req, a->virtio, a->digest_len);
		return;
	}
	vcrypto_req_mac_session(req, a->virtio, a->digest_len, key_len);
	*ak = key_len;
}

static bool
auth_advertised(const struct vcrypto_hw *hw, const struct vcrypto_auth_algo *a)
{
	const struct vcrypto_config *c = &hw->cfg;

	if (!has_service(hw, a->service))
		return false;
	if (a->service == VIRTIO_CRYPTO_SERVICE_HASH)
		return mask_has(c->hash_algo, 0, a->virtio);
	return mask_has(c->mac_algo_l, c->mac_algo_h, a->virtio);
}

/* The key sizes to probe an auth algorithm with, and to advertise. */
static bool
auth_keys(const struct vcrypto_hw *hw, const struct vcrypto_auth_algo *a,
	  struct rte_crypto_param_range *probe, struct rte_crypto_param_range *adv)
{
	*adv = range_of(&a->key);
	if (a->service == VIRTIO_CRYPTO_SERVICE_HASH) {
		*probe = *adv;
		return true;
	}
	if (!range_limit(adv, RTE_MIN(hw->cfg.max_auth_key_len,
				      (uint32_t)VCRYPTO_MAX_AUTH_KEY)))
		return false;
	*probe = *adv;
	/* Any HMAC key length is as good as another: try one. */
	if (a->key.increment == 1)
		*probe = (struct rte_crypto_param_range){
			RTE_MIN(HMAC_PROBE_KEY, adv->max),
			RTE_MIN(HMAC_PROBE_KEY, adv->max), 0 };
	return true;
}

/*
 * Whether the device performs algo chained with a cipher: by running ops
 * when probing (every chaining mode with the first algorithm that
 * chains), else from what it advertises. Stops trying for good once the
 * device leaves an op unanswered.
 */
static bool
chains(struct vcrypto_hw *hw, const struct vcrypto_auth_algo *a,
       bool *device_silent)
{
	struct vcrypto_chain_probe res;
	bool first = hw->chain_modes == 0;
	int ret;

	if (!hw->opts.probe_caps) {
		hw->chain_modes = VCRYPTO_CHAIN_ALL;
		return auth_advertised(hw, a) &&
			has_service(hw, VIRTIO_CRYPTO_SERVICE_CIPHER);
	}
	if (*device_silent)
		return false;
	ret = vcrypto_probe_chain_op(hw, a, first ? &res : NULL);
	*device_silent = ret < 0;
	if (ret > 0 && first) {
		hw->chain_modes = res.modes;
		hw->device_verifies = res.device_verifies;
		VCRYPTO_DEV_LOG(INFO, hw->name,
			"chaining modes 0x%x (encrypt-then-MAC, MAC-then-encrypt, "
			"verify-then-decrypt, decrypt-then-verify)%s",
			res.modes, res.device_verifies ?
			"; the device verifies digests itself" : "");
	}
	return ret > 0;
}

static unsigned int
auth_caps(struct vcrypto_hw *hw, struct rte_cryptodev_capabilities *caps,
	  bool *chaining)
{
	bool silent = false, alone, chained;
	unsigned int i, n = 0;

	for (i = 0; i < vcrypto_nb_auth_algos; i++) {
		const struct vcrypto_auth_algo *a = &vcrypto_auth_algos[i];
		struct rte_crypto_param_range probe, keys;
		struct rte_cryptodev_capabilities *cap = &caps[n];

		if (!auth_keys(hw, a, &probe, &keys))
			continue;
		alone = has_service(hw, a->service) &&
			decide(hw, auth_advertised(hw, a), auth_probe_req, a,
			       a->name, &probe);
		chained = chains(hw, a, &silent);
		*chaining |= chained;
		if (!alone && !chained)
			continue;
		if (!alone) {
			VCRYPTO_DEV_LOG(INFO, hw->name,
				"%s: only chained with a cipher", a->name);
			hw->auth_chain_only |= UINT64_C(1) << i;
		}
		if (a->key.increment != 1)
			keys = probe;
		cap->op = RTE_CRYPTO_OP_TYPE_SYMMETRIC;
		cap->sym.xform_type = RTE_CRYPTO_SYM_XFORM_AUTH;
		cap->sym.auth.algo = a->rte;
		cap->sym.auth.block_size = a->block_size;
		cap->sym.auth.key_size = keys;
		cap->sym.auth.digest_size = (struct rte_crypto_param_range){
			a->min_digest, a->digest_len,
			a->min_digest == a->digest_len ? 0 : 1 };
		n++;
	}
	return n;
}

/*
 * NULL auth, offered chained with the ciphers the device has (the session
 * is then the cipher's alone, see the session code): no key, no digest,
 * no IV. It makes the device chain as far as DPDK can tell.
 */
static unsigned int
null_auth_cap(unsigned int nb_ciphers, struct rte_cryptodev_capabilities *cap,
	      bool *chaining)
{
	if (nb_ciphers == 0)
		return 0;
	memset(cap, 0, sizeof(*cap));
	cap->op = RTE_CRYPTO_OP_TYPE_SYMMETRIC;
	cap->sym.xform_type = RTE_CRYPTO_SYM_XFORM_AUTH;
	cap->sym.auth.algo = RTE_CRYPTO_AUTH_NULL;
	cap->sym.auth.block_size = 1;
	*chaining = true;
	return 1;
}

static void
aead_probe_req(const void *algo, uint32_t key_len,
	       struct virtio_crypto_op_ctrl_req *req, uint32_t *ck,
	       uint32_t *ak __rte_unused)
{
	const struct vcrypto_aead_algo *a = algo;

	vcrypto_req_aead_session(req, a->virtio, key_len, a->digest.max, 0,
				 VIRTIO_CRYPTO_OP_ENCRYPT);
	*ck = key_len;
}

/* GMAC rides on GCM (see virtio_crypto_sym_aead.c). */
static void
gmac_cap(struct rte_cryptodev_capabilities *cap,
	 const struct rte_cryptodev_capabilities *gcm)
{
	cap->op = RTE_CRYPTO_OP_TYPE_SYMMETRIC;
	cap->sym.xform_type = RTE_CRYPTO_SYM_XFORM_AUTH;
	cap->sym.auth.algo = RTE_CRYPTO_AUTH_AES_GMAC;
	cap->sym.auth.block_size = 16;
	cap->sym.auth.key_size = gcm->sym.aead.key_size;
	cap->sym.auth.digest_size = gcm->sym.aead.digest_size;
	cap->sym.auth.iv_size = gcm->sym.aead.iv_size;
}

static unsigned int
aead_caps(struct vcrypto_hw *hw, struct rte_cryptodev_capabilities *caps)
{
	const struct vcrypto_config *c = &hw->cfg;
	unsigned int i, n = 0;

	if (!has_service(hw, VIRTIO_CRYPTO_SERVICE_AEAD))
		return 0;
	for (i = 0; i < vcrypto_nb_aead_algos; i++) {
		const struct vcrypto_aead_algo *a = &vcrypto_aead_algos[i];
		struct rte_crypto_param_range keys = range_of(&a->key);
		struct rte_cryptodev_capabilities *cap = &caps[n];

		if (!range_limit(&keys, RTE_MIN(c->max_cipher_key_len,
						(uint32_t)VCRYPTO_MAX_CIPHER_KEY)) ||
		    !decide(hw, mask_has(c->aead_algo, 0, a->virtio),
			    aead_probe_req, a, a->name, &keys))
			continue;
		cap->op = RTE_CRYPTO_OP_TYPE_SYMMETRIC;
		cap->sym.xform_type = RTE_CRYPTO_SYM_XFORM_AEAD;
		cap->sym.aead.algo = a->rte;
		cap->sym.aead.block_size = a->block_size;
		cap->sym.aead.key_size = keys;
		cap->sym.aead.digest_size = range_of(&a->digest);
		cap->sym.aead.aad_size = range_of(&a->aad);
		cap->sym.aead.iv_size = range_of(&a->iv);
		n++;
		if (a->rte == RTE_CRYPTO_AEAD_AES_GCM)
			gmac_cap(&caps[n++], cap);
	}
	return n;
}

int
vcrypto_caps_build(struct vcrypto_hw *hw)
{
	struct rte_cryptodev_capabilities *caps;
	bool chaining = false;
	unsigned int n, max, nb_ciphers;

	/* Each catalogue algorithm once, NULL auth, GMAC, akcipher, the end. */
	max = vcrypto_nb_cipher_algos + vcrypto_nb_auth_algos +
		vcrypto_nb_aead_algos + 3 + VCRYPTO_AKCIPHER_MAX_CAPS;
	caps = rte_zmalloc_socket(NULL, sizeof(*caps) * max, 0, hw->socket_id);
	if (caps == NULL)
		return -ENOMEM;
	hw->chain_modes = 0;
	hw->device_verifies = false;
	hw->auth_chain_only = 0;
	nb_ciphers = cipher_caps(hw, caps);
	n = nb_ciphers;
	n += auth_caps(hw, caps + n, &chaining);
	n += null_auth_cap(nb_ciphers, caps + n, &chaining);
	n += aead_caps(hw, caps + n);
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
