/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Sessions: a DPDK xform chain is checked against the capabilities, sent
 * to the device as a control request, and turned into the template and
 * encoder its ops will use.
 */

#include <errno.h>
#include <string.h>

#include <cryptodev_pmd.h>
#include <rte_byteorder.h>

#include "virtio_crypto_algos.h"
#include "virtio_crypto_caps.h"
#include "virtio_crypto_ctrlq.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_probe_op.h"
#include "virtio_crypto_session.h"
#include "virtio_crypto_session_req.h"
#include "virtio_crypto_sym.h"

unsigned int
vcrypto_sym_session_get_size(struct rte_cryptodev *dev __rte_unused)
{
	return sizeof(struct vcrypto_session);
}

/* The xforms of a session, by kind, and in which order they came. */
struct xform_set {
	const struct rte_crypto_cipher_xform *cipher;
	const struct rte_crypto_auth_xform *auth;
	const struct rte_crypto_aead_xform *aead;
	bool cipher_first;
};

static int
parse_xforms(const struct rte_crypto_sym_xform *x, struct xform_set *set)
{
	int n;

	memset(set, 0, sizeof(*set));
	for (n = 0; x != NULL; x = x->next, n++) {
		if (n == 2)
			return -ENOTSUP;
		switch (x->type) {
		case RTE_CRYPTO_SYM_XFORM_CIPHER:
			if (set->cipher != NULL)
				return -ENOTSUP;
			set->cipher = &x->cipher;
			set->cipher_first = set->auth == NULL;
			break;
		case RTE_CRYPTO_SYM_XFORM_AUTH:
			if (set->auth != NULL)
				return -ENOTSUP;
			set->auth = &x->auth;
			break;
		case RTE_CRYPTO_SYM_XFORM_AEAD:
			set->aead = &x->aead;
			break;
		default:
			return -ENOTSUP;
		}
	}
	if (set->aead != NULL && n != 1)
		return -ENOTSUP;
	return n == 0 ? -EINVAL : 0;
}

static uint32_t
virtio_cipher_op(const struct rte_crypto_cipher_xform *x)
{
	return x->op == RTE_CRYPTO_CIPHER_OP_ENCRYPT ?
		VIRTIO_CRYPTO_OP_ENCRYPT : VIRTIO_CRYPTO_OP_DECRYPT;
}

static int
create(struct vcrypto_hw *hw, const struct virtio_crypto_op_ctrl_req *req,
       const struct vcrypto_ctrl_keys *keys, struct vcrypto_session *s)
{
	if ((keys->cipher == NULL && keys->cipher_len != 0) ||
	    (keys->auth == NULL && keys->auth_len != 0))
		return -EINVAL;
	/* DESTROY follows CREATE in every service's opcode numbering. */
	s->destroy_opcode = rte_le_to_cpu_32(req->header.opcode) + 1;
	return vcrypto_ctrlq_create_session(hw, req, keys, &s->session_id);
}

static int
cipher_session(struct vcrypto_hw *hw, const struct rte_crypto_cipher_xform *x,
	       struct vcrypto_session *s)
{
	const struct vcrypto_cipher_algo *algo;
	struct virtio_crypto_op_ctrl_req req;
	struct vcrypto_ctrl_keys keys = { x->key.data, x->key.length, NULL, 0 };
	int ret;

	ret = vcrypto_caps_check_cipher(hw, x);
	if (ret != 0)
		return ret;
	algo = vcrypto_cipher_algo_find(x->algo);
	vcrypto_req_cipher_session(&req, algo->virtio, x->key.length,
				   virtio_cipher_op(x));
	ret = create(hw, &req, &keys, s);
	if (ret == 0)
		vcrypto_cipher_session_init(s, algo, x);
	return ret;
}

/* A verify session on a device that checks digests itself. */
static void
set_device_verify(const struct vcrypto_hw *hw, struct vcrypto_session *s)
{
	s->device_verifies = hw->device_verifies;
	s->meta.device_verify = hw->device_verifies && s->meta.verify_len != 0;
}

static int
gmac_session(struct vcrypto_hw *hw, const struct rte_crypto_auth_xform *x,
	     struct vcrypto_session *s)
{
	struct virtio_crypto_op_ctrl_req req;
	struct vcrypto_ctrl_keys keys = { x->key.data, x->key.length, NULL, 0 };
	bool generate = x->op == RTE_CRYPTO_AUTH_OP_GENERATE;
	int ret;

	/*
	 * GMAC is GCM with no plaintext and the data as AAD; the MAC service
	 * has no IV, so it goes to the device as an AEAD session.
	 */
	vcrypto_req_aead_session(&req, VIRTIO_CRYPTO_AEAD_GCM, x->key.length,
		x->digest_length, 0, generate ? VIRTIO_CRYPTO_OP_ENCRYPT :
		VIRTIO_CRYPTO_OP_DECRYPT);
	ret = create(hw, &req, &keys, s);
	if (ret == 0)
		vcrypto_gmac_session_init(s, x);
	return ret;
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
	if (x->algo == RTE_CRYPTO_AUTH_AES_GMAC)
		return gmac_session(hw, x, s);
	algo = vcrypto_auth_algo_find(x->algo);
	if (vcrypto_caps_auth_chain_only(hw, algo))
		return -ENOTSUP;
	if (algo->service == VIRTIO_CRYPTO_SERVICE_HASH)
		vcrypto_req_hash_session(&req, algo->virtio, x->digest_length);
	else
		vcrypto_req_mac_session(&req, algo->virtio, x->digest_length,
					x->key.length);
	ret = create(hw, &req, &keys, s);
	if (ret == 0) {
		vcrypto_auth_session_init(s, algo, x);
		set_device_verify(hw, s);
	}
	return ret;
}

/*
 * The four chaining modes, each where the device performs it: encrypt
 * then MAC the ciphertext, MAC the plaintext then encrypt, verify the
 * ciphertext then decrypt, decrypt then verify the plaintext. Generating
 * goes with encrypting and verifying with decrypting. When the MAC comes
 * before the cipher, the digest is written apart, never encrypted (DPDK's
 * "digest encrypted" layout is not offered).
 */
static bool
chain_mode_ok(const struct vcrypto_hw *hw, const struct xform_set *set)
{
	bool encrypt = set->cipher->op == RTE_CRYPTO_CIPHER_OP_ENCRYPT;
	bool generate = set->auth->op == RTE_CRYPTO_AUTH_OP_GENERATE;
	unsigned int mode;

	if (encrypt != generate)
		return false;
	if (set->cipher_first)
		mode = encrypt ? VCRYPTO_CHAIN_ENCRYPT_THEN_MAC :
			VCRYPTO_CHAIN_DECRYPT_THEN_VERIFY;
	else
		mode = encrypt ? VCRYPTO_CHAIN_MAC_THEN_ENCRYPT :
			VCRYPTO_CHAIN_VERIFY_THEN_DECRYPT;
	return (hw->chain_modes & mode) != 0;
}

static int
chain_session(struct vcrypto_hw *hw, const struct xform_set *set,
	      struct vcrypto_session *s)
{
	const struct rte_crypto_cipher_xform *c = set->cipher;
	const struct rte_crypto_auth_xform *a = set->auth;
	const struct vcrypto_cipher_algo *calgo;
	const struct vcrypto_auth_algo *aalgo;
	struct vcrypto_chain_auth auth;
	struct virtio_crypto_op_ctrl_req req;
	struct vcrypto_ctrl_keys keys = {
		c->key.data, c->key.length, a->key.data, a->key.length };
	int ret;

	if (!chain_mode_ok(hw, set))
		return -ENOTSUP;
	ret = vcrypto_caps_check_cipher(hw, c);
	if (ret == 0)
		ret = vcrypto_caps_check_auth(hw, a);
	if (ret != 0)
		return ret;
	/* GMAC is AEAD on the device: it does not chain. */
	aalgo = vcrypto_auth_algo_find(a->algo);
	if (aalgo == NULL)
		return -ENOTSUP;
	calgo = vcrypto_cipher_algo_find(c->algo);
	auth = (struct vcrypto_chain_auth){ aalgo->service, aalgo->virtio,
		a->digest_length, a->key.length };
	vcrypto_req_chain_session(&req, set->cipher_first ?
		VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH :
		VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER,
		calgo->virtio, c->key.length, virtio_cipher_op(c), &auth);
	ret = create(hw, &req, &keys, s);
	if (ret == 0) {
		vcrypto_chain_session_init(s, calgo, c, a, set->cipher_first);
		set_device_verify(hw, s);
	}
	return ret;
}

static int
aead_session(struct vcrypto_hw *hw, const struct rte_crypto_aead_xform *x,
	     struct vcrypto_session *s)
{
	const struct vcrypto_aead_algo *algo;
	struct virtio_crypto_op_ctrl_req req;
	struct vcrypto_ctrl_keys keys = { x->key.data, x->key.length, NULL, 0 };
	uint32_t op = x->op == RTE_CRYPTO_AEAD_OP_ENCRYPT ?
		VIRTIO_CRYPTO_OP_ENCRYPT : VIRTIO_CRYPTO_OP_DECRYPT;
	int ret;

	ret = vcrypto_caps_check_aead(hw, x);
	if (ret != 0)
		return ret;
	algo = vcrypto_aead_algo_find(x->algo);
	vcrypto_req_aead_session(&req, algo->virtio, x->key.length,
				 x->digest_length, x->aad_length, op);
	ret = create(hw, &req, &keys, s);
	if (ret == 0)
		vcrypto_aead_session_init(s, algo, x);
	return ret;
}

/*
 * A cipher chained with NULL auth (no key, no digest) is the cipher alone:
 * the auth half gives the device nothing to do. ipsec-secgw builds its
 * ESP without integrity this way, and a device without chaining serves
 * it. NULL auth alone would be an op the device never sees: refused.
 */
static int
null_auth_chain_session(struct vcrypto_hw *hw, const struct xform_set *set,
			struct vcrypto_session *s)
{
	int ret;

	if (set->cipher == NULL)
		return -ENOTSUP;
	ret = vcrypto_caps_check_auth(hw, set->auth);
	if (ret != 0)
		return ret;
	return cipher_session(hw, set->cipher, s);
}

static int
session_for(struct vcrypto_hw *hw, const struct xform_set *set,
	    struct vcrypto_session *s)
{
	if (set->aead != NULL)
		return aead_session(hw, set->aead, s);
	if (set->auth != NULL && set->auth->algo == RTE_CRYPTO_AUTH_NULL)
		return null_auth_chain_session(hw, set, s);
	if (set->cipher != NULL && set->auth != NULL)
		return chain_session(hw, set, s);
	if (set->cipher != NULL)
		return cipher_session(hw, set->cipher, s);
	return auth_session(hw, set->auth, s);
}

/*
 * What the fast path checks an op's length against, as one range: at
 * least a byte and the cipher's minimum; at most what max_size leaves for
 * the data in and out (besides IV and digest) and what a segment holds.
 * A session the fast path cannot serve (bit lengths, no IV: an empty
 * buffer is not allowed) goes generic.
 */
static void
fast_limits(struct vcrypto_session *s, const struct vcrypto_hw *hw)
{
	uint64_t max_size = hw->cfg.max_size != 0 ? hw->cfg.max_size :
		UINT64_MAX;
	uint64_t fixed = (uint64_t)s->iv_len + s->digest_len;
	uint64_t max_len = max_size < fixed ? 0 : (max_size - fixed) / 2;

	max_len = RTE_MIN(max_len, (uint64_t)UINT16_MAX);
	s->fast_len_min = RTE_MAX(s->min_len, 1u);
	if (s->bit_lengths || s->iv_len == 0 || s->iv_len > VCRYPTO_MAX_IV ||
	    max_len < s->fast_len_min) {
		s->fast_kind = VCRYPTO_FAST_NONE;
		return;
	}
	s->fast_len_span = (uint32_t)max_len - s->fast_len_min;
}

static int configure_locked(struct vcrypto_hw *hw,
			    struct rte_crypto_sym_xform *xform,
			    struct vcrypto_session *s);

/* Under ctrl_lock: a reconfigure on another thread changes the device. */
int
vcrypto_sym_session_configure(struct rte_cryptodev *dev,
			      struct rte_crypto_sym_xform *xform,
			      struct rte_cryptodev_sym_session *sess)
{
	struct vcrypto_hw *hw = dev->data->dev_private;
	int ret;

	pthread_mutex_lock(&hw->ctrl_lock);
	ret = configure_locked(hw, xform, CRYPTODEV_GET_SYM_SESS_PRIV(sess));
	pthread_mutex_unlock(&hw->ctrl_lock);
	return ret;
}

static int
configure_locked(struct vcrypto_hw *hw, struct rte_crypto_sym_xform *xform,
		 struct vcrypto_session *s)
{
	struct xform_set set;
	int ret;

	memset(s, 0, sizeof(*s));
	if (!hw->driver_ok) {
		VCRYPTO_DEV_LOG(ERR, hw->name, "session before configure");
		return -EINVAL;
	}
	ret = parse_xforms(xform, &set);
	if (ret == 0)
		ret = session_for(hw, &set, s);
	if (ret != 0) {
		VCRYPTO_DEV_LOG(DEBUG, hw->name, "session not created: %d", ret);
		memset(s, 0, sizeof(*s));
		return ret;
	}
	fast_limits(s, hw);
	s->generation = hw->generation;
	if (s->fast_kind != VCRYPTO_FAST_NONE)
		s->fast_generation = s->generation;
	return 0;
}

void
vcrypto_sym_session_clear(struct rte_cryptodev *dev,
			  struct rte_cryptodev_sym_session *sess)
{
	struct vcrypto_hw *hw = dev->data->dev_private;
	struct vcrypto_session *s = CRYPTODEV_GET_SYM_SESS_PRIV(sess);
	int ret;

	pthread_mutex_lock(&hw->ctrl_lock);
	/* A session from before the last reset no longer exists there. */
	if (s->encoder != VCRYPTO_ENC_NONE && s->generation == hw->generation &&
	    hw->driver_ok) {
		ret = vcrypto_ctrlq_destroy_session(hw, s->destroy_opcode,
						    s->session_id);
		if (ret != 0)
			VCRYPTO_DEV_LOG(ERR, hw->name,
				"destroying session %" PRIu64 ": %d",
				s->session_id, ret);
	}
	memset(s, 0, sizeof(*s));
	pthread_mutex_unlock(&hw->ctrl_lock);
}
