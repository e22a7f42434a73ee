/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Sessions: a DPDK xform chain goes to the family that serves it
 * (virtio_crypto_sym_*.c), which checks it against the capabilities,
 * sends it to the device as a control request, and turns it into the
 * template and encoder its ops will use. Here: what all families share.
 */

#include <errno.h>
#include <string.h>

#include <cryptodev_pmd.h>
#include <rte_byteorder.h>

#include "virtio_crypto_ctrlq.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_session.h"
#include "virtio_crypto_sym.h"

unsigned int
vcrypto_sym_session_get_size(struct rte_cryptodev *dev __rte_unused)
{
	return sizeof(struct vcrypto_session);
}

static int
parse_xforms(const struct rte_crypto_sym_xform *x, struct vcrypto_xform_set *set)
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

int
vcrypto_session_create(struct vcrypto_hw *hw,
		       const struct virtio_crypto_op_ctrl_req *req,
		       const struct vcrypto_ctrl_keys *keys,
		       struct vcrypto_session *s)
{
	if ((keys->cipher == NULL && keys->cipher_len != 0) ||
	    (keys->auth == NULL && keys->auth_len != 0))
		return -EINVAL;
	/* DESTROY follows CREATE in every service's opcode numbering. */
	s->destroy_opcode = rte_le_to_cpu_32(req->header.opcode) + 1;
	return vcrypto_ctrlq_create_session(hw, req, keys, &s->session_id);
}

void
vcrypto_session_device_verify(const struct vcrypto_hw *hw,
			      struct vcrypto_session *s)
{
	s->device_verifies = hw->device_verifies;
	s->meta.device_verify = hw->device_verifies && s->meta.verify_len != 0;
}

/* The family whose sessions serve the xforms configures it. */
static int
session_for(struct vcrypto_hw *hw, const struct vcrypto_xform_set *set,
	    struct vcrypto_session *s)
{
	unsigned int i;

	for (i = 0; i < vcrypto_nb_sym_families; i++)
		if (vcrypto_sym_families[i]->takes(set))
			return vcrypto_sym_families[i]->configure(hw, set, s);
	return -ENOTSUP;
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
	struct vcrypto_xform_set set;
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
