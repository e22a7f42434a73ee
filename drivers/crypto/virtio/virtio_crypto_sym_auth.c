/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The hash and MAC family (VIRTIO_CRYPTO_SERVICE_HASH and _MAC): their
 * algorithms, probe (alone, and through the chain family chained with a
 * cipher), session requests, auth-only sessions, and op encoding. NULL
 * auth is offered here too; its sessions are the cipher family's.
 */

#include <errno.h>
#include <string.h>

#include <rte_common.h>

#include "virtio_crypto_caps.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_session_req.h"
#include "virtio_crypto_sgl.h"
#include "virtio_crypto_sym.h"

#define SIZES(mn, mx, inc) { .min = (mn), .max = (mx), .increment = (inc) }
/* HMAC keys are probed with one ordinary length. */
#define HMAC_PROBE_KEY 16

#define HASH(r, v, n, blk, dig) { RTE_CRYPTO_AUTH_ ## r, VIRTIO_CRYPTO_HASH_ ## v, \
	VIRTIO_CRYPTO_SERVICE_HASH, n, blk, dig, dig, SIZES(0, 0, 0) }
/* HMAC keys: any length; the device's max_auth_key_len narrows it. */
#define HMAC(r, v, n, blk, dig) { RTE_CRYPTO_AUTH_ ## r, VIRTIO_CRYPTO_MAC_ ## v, \
	VIRTIO_CRYPTO_SERVICE_MAC, n, blk, dig, 1, SIZES(1, 1024, 1) }

const struct vcrypto_auth_algo vcrypto_auth_algos[] = {
	HASH(MD5, MD5, "md5", 64, 16),
	HASH(SHA1, SHA1, "sha1", 64, 20),
	HASH(SHA224, SHA_224, "sha224", 64, 28),
	HASH(SHA256, SHA_256, "sha256", 64, 32),
	HASH(SHA384, SHA_384, "sha384", 128, 48),
	HASH(SHA512, SHA_512, "sha512", 128, 64),
	HASH(SHA3_224, SHA3_224, "sha3-224", 144, 28),
	HASH(SHA3_256, SHA3_256, "sha3-256", 136, 32),
	HASH(SHA3_384, SHA3_384, "sha3-384", 104, 48),
	HASH(SHA3_512, SHA3_512, "sha3-512", 72, 64),
	HMAC(MD5_HMAC, HMAC_MD5, "hmac-md5", 64, 16),
	HMAC(SHA1_HMAC, HMAC_SHA1, "hmac-sha1", 64, 20),
	HMAC(SHA224_HMAC, HMAC_SHA_224, "hmac-sha224", 64, 28),
	HMAC(SHA256_HMAC, HMAC_SHA_256, "hmac-sha256", 64, 32),
	HMAC(SHA384_HMAC, HMAC_SHA_384, "hmac-sha384", 128, 48),
	HMAC(SHA512_HMAC, HMAC_SHA_512, "hmac-sha512", 128, 64),
	{ RTE_CRYPTO_AUTH_AES_CMAC, VIRTIO_CRYPTO_MAC_CMAC_AES, VIRTIO_CRYPTO_SERVICE_MAC,
	  "aes-cmac", 16, 16, 4, SIZES(16, 32, 8) },
	{ RTE_CRYPTO_AUTH_AES_XCBC_MAC, VIRTIO_CRYPTO_MAC_XCBC_AES,
	  VIRTIO_CRYPTO_SERVICE_MAC, "aes-xcbc-mac", 16, 16, 12, SIZES(16, 16, 0) },
	{ RTE_CRYPTO_AUTH_AES_CBC_MAC, VIRTIO_CRYPTO_MAC_CBCMAC_AES,
	  VIRTIO_CRYPTO_SERVICE_MAC, "aes-cbc-mac", 16, 16, 4, SIZES(16, 32, 8) },
};

const unsigned int vcrypto_nb_auth_algos = RTE_DIM(vcrypto_auth_algos);
/* hw->auth_chain_only has a bit per entry. */
_Static_assert(RTE_DIM(vcrypto_auth_algos) <= 64, "auth catalogue over 64");

void
vcrypto_req_hash_session(struct virtio_crypto_op_ctrl_req *req, uint32_t algo,
			 uint32_t digest_len)
{
	struct virtio_crypto_hash_session_para *p =
		&req->u.hash_create_session.para;

	vcrypto_req_header(req, VIRTIO_CRYPTO_HASH_CREATE_SESSION, algo);
	p->algo = rte_cpu_to_le_32(algo);
	p->hash_result_len = rte_cpu_to_le_32(digest_len);
}

void
vcrypto_req_mac_session(struct virtio_crypto_op_ctrl_req *req, uint32_t algo,
			uint32_t digest_len, uint32_t key_len)
{
	struct virtio_crypto_mac_session_para *p =
		&req->u.mac_create_session.para;

	vcrypto_req_header(req, VIRTIO_CRYPTO_MAC_CREATE_SESSION, algo);
	p->algo = rte_cpu_to_le_32(algo);
	p->hash_result_len = rte_cpu_to_le_32(digest_len);
	p->auth_key_len = rte_cpu_to_le_32(key_len);
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

bool
vcrypto_auth_advertised(const struct vcrypto_hw *hw,
			const struct vcrypto_auth_algo *a)
{
	const struct vcrypto_config *c = &hw->cfg;

	if (!vcrypto_has_service(hw, a->service))
		return false;
	if (a->service == VIRTIO_CRYPTO_SERVICE_HASH)
		return vcrypto_mask_has(c->hash_algo, 0, a->virtio);
	return vcrypto_mask_has(c->mac_algo_l, c->mac_algo_h, a->virtio);
}

/* The key sizes to probe an auth algorithm with, and to advertise. */
static bool
auth_keys(const struct vcrypto_hw *hw, const struct vcrypto_auth_algo *a,
	  struct rte_crypto_param_range *probe, struct rte_crypto_param_range *adv)
{
	*adv = vcrypto_range_of(&a->key);
	if (a->service == VIRTIO_CRYPTO_SERVICE_HASH) {
		*probe = *adv;
		return true;
	}
	if (!vcrypto_range_limit(adv, RTE_MIN(hw->cfg.max_auth_key_len,
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

static unsigned int
algo_caps(struct vcrypto_hw *hw, struct rte_cryptodev_capabilities *caps,
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
		alone = vcrypto_has_service(hw, a->service) &&
			vcrypto_decide(hw, vcrypto_auth_advertised(hw, a), auth_probe_req, a,
			       a->name, &probe);
		chained = vcrypto_chain_probe_auth(hw, a, &silent);
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

/* The algorithms, then NULL auth if the cipher family offered any. */
static unsigned int
auth_caps(struct vcrypto_hw *hw, struct rte_cryptodev_capabilities *all,
	  unsigned int nb_before, bool *chaining)
{
	unsigned int i, nb_ciphers = 0;
	unsigned int n = algo_caps(hw, all + nb_before, chaining);

	for (i = 0; i < nb_before; i++)
		nb_ciphers += all[i].sym.xform_type == RTE_CRYPTO_SYM_XFORM_CIPHER;
	return n + null_auth_cap(nb_ciphers, all + nb_before + n, chaining);
}

void
vcrypto_auth_session_init(struct vcrypto_session *s,
			  const struct vcrypto_auth_algo *algo,
			  const struct rte_crypto_auth_xform *x)
{
	bool hash = algo->service == VIRTIO_CRYPTO_SERVICE_HASH;

	vcrypto_tmpl_header(s, hash ? VIRTIO_CRYPTO_HASH : VIRTIO_CRYPTO_MAC,
			    algo->virtio);
	/*
	 * Hash and MAC requests share one layout (struct virtio_crypto_
	 * mac_para wraps a hash_para): fill it through hash_req.
	 */
	s->tmpl.u.hash_req.para.hash_result_len =
		rte_cpu_to_le_32(x->digest_length);
	s->digest_len = x->digest_length;
	s->meta.verify_len = x->op == RTE_CRYPTO_AUTH_OP_VERIFY ?
		x->digest_length : 0;
	s->encoder = VCRYPTO_ENC_AUTH;
}

static int
auth_session(struct vcrypto_hw *hw, const struct rte_crypto_auth_xform *x,
	     struct vcrypto_session *s)
{
	const struct vcrypto_auth_algo *algo;
	struct virtio_crypto_op_ctrl_req req;
	struct vcrypto_ctrl_keys keys = { NULL, 0, x->key.data, x->key.length };
	int ret;

	ret = vcrypto_caps_check_auth(hw, x);
	if (ret != 0)
		return ret;
	algo = vcrypto_auth_algo_find(x->algo);
	if (vcrypto_caps_auth_chain_only(hw, algo))
		return -ENOTSUP;
	if (algo->service == VIRTIO_CRYPTO_SERVICE_HASH)
		vcrypto_req_hash_session(&req, algo->virtio, x->digest_length);
	else
		vcrypto_req_mac_session(&req, algo->virtio, x->digest_length,
					x->key.length);
	ret = vcrypto_session_create(hw, &req, &keys, s);
	if (ret == 0) {
		vcrypto_auth_session_init(s, algo, x);
		vcrypto_session_device_verify(hw, s);
	}
	return ret;
}

/* A hash or MAC alone; GMAC is the AEAD family's, NULL the cipher's. */
static bool
auth_takes(const struct vcrypto_xform_set *set)
{
	return set->auth != NULL && set->cipher == NULL &&
		set->auth->algo != RTE_CRYPTO_AUTH_AES_GMAC &&
		set->auth->algo != RTE_CRYPTO_AUTH_NULL;
}

static int
auth_configure(struct vcrypto_hw *hw, const struct vcrypto_xform_set *set,
	       struct vcrypto_session *s)
{
	return auth_session(hw, set->auth, s);
}

int
vcrypto_encode_auth(const struct vcrypto_session *s, struct rte_crypto_op *op,
		    struct vcrypto_data_slot *slot, uint64_t slot_iova,
		    struct vq_buf *bufs, const struct vcrypto_op_limits *lim)
{
	struct rte_crypto_sym_op *sym = op->sym;
	uint32_t len = sym->auth.data.length;
	int n;

	if (unlikely((uint64_t)len + s->digest_len > lim->max_size))
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	n = vcrypto_req_bufs(s, op, slot, slot_iova, bufs);
	slot->req.u.hash_req.para.src_data_len = rte_cpu_to_le_32(len);
	/* Keep two buffers free: digest and status. */
	n = vcrypto_sgl_src(bufs, n, lim->max_bufs - 2, sym->m_src,
			    sym->auth.data.offset, len, lim);
	return vcrypto_digest_and_status(s, sym, bufs, n, slot, slot_iova);
}

const struct vcrypto_sym_family vcrypto_sym_auth = {
	.name = "hash and MAC",
	.max_caps = RTE_DIM(vcrypto_auth_algos) + 1,	/* NULL auth */
	.caps = auth_caps,
	.takes = auth_takes,
	.configure = auth_configure,
};
