/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * ECDSA through the akcipher service.
 *
 * A virtio ECDSA session holds its key; DPDK 22.11 gives the curve in
 * the session and the key in each op (pkey to sign, q to verify). So a
 * DPDK session binds up to VCRYPTO_ECDSA_KEYS keys, each to a device
 * session made on the control queue the first time an op names it (a
 * slow path, in the primary process only, under the control lock); ops
 * with a key already bound find it without a lock. The device picks the
 * per-message secret k: an op that gives one is refused.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <cryptodev_pmd.h>
#include <rte_byteorder.h>
#include <rte_eal.h>

#include "virtio_crypto_akcipher.h"
#include "virtio_crypto_ec_key.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_qp.h"

/* Keys one DPDK session binds; an op with another key is refused. */
#define VCRYPTO_ECDSA_KEYS 4
/* Longest digest an op signs or verifies (SHA-512). */
#define ECDSA_MAX_DIGEST 64

/* A key bound to a device session: the scalar, or the point. */
struct bound_key {
	uint64_t id;
	uint8_t private_key;
	uint8_t len;
	uint8_t key[1 + 2 * VCRYPTO_EC_MAX_BYTES];
};

struct ecdsa_session {
	struct vcrypto_asym_head head;
	uint8_t curve;		/* index for vcrypto_ec_curve_at() */
	/* Keys bound: written under hw->ctrl_lock, read without it. */
	uint32_t nb_keys;
	struct bound_key keys[VCRYPTO_ECDSA_KEYS];
};

static int
create_session(struct vcrypto_hw *hw, const struct vcrypto_ec_curve *c,
	       bool private_key, const uint8_t *key, int key_len, uint64_t *id)
{
	struct vcrypto_akcipher_key k = { VIRTIO_CRYPTO_AKCIPHER_ECDSA,
		private_key, key, (uint32_t)key_len };
	struct virtio_crypto_ecdsa_session_para ecdsa = {
		.curve_id = rte_cpu_to_le_32(c->virtio_id),
	};

	return vcrypto_akcipher_session_create(hw, &k, &ecdsa, sizeof(ecdsa),
					       id);
}

/* Whether the device takes a session on curve c: 1, 0, or -1 (silent). */
static int
probe_curve(struct vcrypto_hw *hw, const struct vcrypto_ec_curve *c)
{
	static const uint8_t one = 1;
	uint8_t der[VCRYPTO_EC_MAX_KEY];
	uint64_t id;
	int len, ret;

	/* The scalar 1 is a valid private key on every curve. */
	len = vcrypto_ec_private_der(c, (struct vcrypto_bn){ &one, 1 }, der);
	if (len < 0)
		return 0;
	ret = create_session(hw, c, true, der, len, &id);
	if (ret == -ETIMEDOUT || ret == -EIO)
		return -1;
	if (ret != 0)
		return 0;
	vcrypto_akcipher_session_destroy(hw, id);
	return 1;
}

static unsigned int
ecdsa_caps(struct vcrypto_hw *hw,
	   struct rte_cryptodev_capabilities *cap, uint64_t *feature_flags)
{
	const struct vcrypto_ec_curve *c;
	unsigned int i;
	int ret;

	hw->ecdsa_curves = 0;
	if (!((hw->cfg.crypto_services >> VIRTIO_CRYPTO_SERVICE_AKCIPHER) & 1) ||
	    !((hw->cfg.akcipher_algo >> VIRTIO_CRYPTO_AKCIPHER_ECDSA) & 1))
		return 0;
	for (i = 0; (c = vcrypto_ec_curve_at(i)) != NULL; i++) {
		ret = probe_curve(hw, c);
		if (ret < 0)
			break;
		if (ret > 0)
			hw->ecdsa_curves |= 1u << i;
	}
	VCRYPTO_DEV_LOG(INFO, hw->name, "ECDSA curves %#x", hw->ecdsa_curves);
	if (hw->ecdsa_curves == 0)
		return 0;
	memset(cap, 0, sizeof(*cap));
	cap->op = RTE_CRYPTO_OP_TYPE_ASYMMETRIC;
	cap->asym.xform_capa.xform_type = RTE_CRYPTO_ASYM_XFORM_ECDSA;
	cap->asym.xform_capa.op_types = (1u << RTE_CRYPTO_ASYM_OP_SIGN) |
		(1u << RTE_CRYPTO_ASYM_OP_VERIFY);
	*feature_flags |= RTE_CRYPTODEV_FF_ASYMMETRIC_CRYPTO;
	return 1;
}

static int
ecdsa_configure(struct vcrypto_hw *hw, const struct rte_crypto_asym_xform *x,
		void *priv)
{
	struct ecdsa_session *s = priv;
	int i = vcrypto_ec_curve_index(x->ec.curve_id);

	if (i < 0 || !(hw->ecdsa_curves & (1u << i)))
		return -ENOTSUP;
	s->curve = (uint8_t)i;
	return 0;
}

static void
ecdsa_clear(struct vcrypto_hw *hw, void *priv)
{
	struct ecdsa_session *s = priv;
	uint32_t i;

	for (i = 0; i < s->nb_keys; i++)
		vcrypto_akcipher_session_destroy(hw, s->keys[i].id);
	s->nb_keys = 0;
}

/* A bound key equal to key, or NULL. */
static const struct bound_key *
find_key(const struct ecdsa_session *s, uint32_t nb,
	 const struct bound_key *key)
{
	uint32_t i;

	for (i = 0; i < nb; i++)
		if (s->keys[i].private_key == key->private_key &&
		    s->keys[i].len == key->len &&
		    memcmp(s->keys[i].key, key->key, key->len) == 0)
			return &s->keys[i];
	return NULL;
}

/* Bind key to a new device session; under hw->ctrl_lock. */
static int
bind_locked(struct vcrypto_hw *hw, struct ecdsa_session *s,
	    const struct vcrypto_ec_curve *c, struct bound_key *key)
{
	uint8_t der[VCRYPTO_EC_MAX_KEY];
	const uint8_t *wire = key->key;
	int len = key->len, ret;

	if (s->nb_keys == VCRYPTO_ECDSA_KEYS)
		return -E2BIG;
	/* A reset since the session was made: the device forgot it. */
	if (!hw->driver_ok || s->head.generation != hw->generation)
		return -ESTALE;
	if (key->private_key) {
		len = vcrypto_ec_private_der(c,
			(struct vcrypto_bn){ key->key, key->len }, der);
		wire = der;
	}
	ret = len < 0 ? len :
		create_session(hw, c, key->private_key, wire, len, &key->id);
	explicit_bzero(der, sizeof(der));
	if (ret != 0)
		return ret;
	s->keys[s->nb_keys] = *key;
	__atomic_store_n(&s->nb_keys, s->nb_keys + 1, __ATOMIC_RELEASE);
	return 0;
}

/*
 * The device session of the op's key, bound now if it is new: *id.
 * Returns 0 or a negated op status.
 */
static int
session_of_key(const struct vcrypto_qp *qp, struct ecdsa_session *s,
	       const struct vcrypto_ec_curve *c, struct bound_key *key,
	       uint64_t *id)
{
	const struct bound_key *b;
	int ret;

	b = find_key(s, __atomic_load_n(&s->nb_keys, __ATOMIC_ACQUIRE), key);
	if (b != NULL) {
		*id = b->id;
		return 0;
	}
	/* Secondary processes cannot drive the control queue. */
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	pthread_mutex_lock(&qp->hw->ctrl_lock);
	b = find_key(s, s->nb_keys, key);
	if (b != NULL) {
		*id = b->id;
		ret = 0;
	} else {
		ret = bind_locked(qp->hw, s, c, key);
		if (ret == 0)
			*id = key->id;
	}
	pthread_mutex_unlock(&qp->hw->ctrl_lock);
	if (ret == 0)
		return 0;
	VCRYPTO_DEV_LOG(DEBUG, qp->hw->name, "ECDSA key not bound: %d", ret);
	switch (ret) {
	case -ESTALE:
		return -RTE_CRYPTO_OP_STATUS_INVALID_SESSION;
	case -E2BIG:	/* the session's keys are all bound */
	case -EINVAL:	/* the device refused the key */
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	default:	/* no answer, or no room on the device */
		return -RTE_CRYPTO_OP_STATUS_ERROR;
	}
}

/* The op's key, as the session compares it: false if it has none. */
static bool
op_key(const struct rte_crypto_ecdsa_op_param *e,
       const struct vcrypto_ec_curve *c, struct bound_key *key)
{
	int len;

	key->private_key = e->op_type == RTE_CRYPTO_ASYM_OP_SIGN;
	if (key->private_key)
		/* the scalar at its full width, the same however given */
		len = vcrypto_ec_scalar(c, vcrypto_bn_of(e->pkey), key->key);
	else
		len = vcrypto_ec_public_point(c, vcrypto_bn_of(e->q.x),
					      vcrypto_bn_of(e->q.y), key->key);
	key->len = len > 0 ? (uint8_t)len : 0;
	return len > 0;
}

static bool
digest_ok(const rte_crypto_param *m)
{
	return m->data != NULL && m->length != 0 &&
		m->length <= ECDSA_MAX_DIGEST;
}

/* The op's arguments, apart from its key; false if they are wrong. */
static bool
op_args_ok(const struct rte_crypto_ecdsa_op_param *e)
{
	if (!digest_ok(&e->message) || e->r.data == NULL || e->s.data == NULL)
		return false;
	if (e->op_type == RTE_CRYPTO_ASYM_OP_SIGN)
		/* the device picks k: one given cannot be honoured */
		return e->k.data == NULL || e->k.length == 0;
	return e->op_type == RTE_CRYPTO_ASYM_OP_VERIFY;
}

static int
ecdsa_encode(const struct vcrypto_qp *qp, struct rte_crypto_op *op, void *priv,
	     uint16_t slot, struct vq_buf *bufs, struct vcrypto_op_meta *meta)
{
	struct ecdsa_session *s = priv;
	const struct rte_crypto_ecdsa_op_param *e = &op->asym->ecdsa;
	const struct vcrypto_ec_curve *c = vcrypto_ec_curve_at(s->curve);
	uint8_t *bounce = vcrypto_akcipher_bounce(qp, slot);
	struct vcrypto_akcipher_io io = {
		.algo = VIRTIO_CRYPTO_AKCIPHER_ECDSA,
		.op_type = e->op_type,
	};
	struct bound_key key;
	int ret;

	if (!op_args_ok(e) || !op_key(e, c, &key)) {
		VCRYPTO_DEV_LOG(DEBUG, qp->hw->name,
				"ECDSA op %d refused: bad arguments",
				e->op_type);
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	}
	ret = session_of_key(qp, s, c, &key, &io.session_id);
	explicit_bzero(&key, sizeof(key));
	if (ret != 0)
		return ret;
	if (e->op_type == RTE_CRYPTO_ASYM_OP_SIGN) {
		io.opcode = VIRTIO_CRYPTO_AKCIPHER_SIGN;
		io.src_len = e->message.length;
		memcpy(bounce, e->message.data, e->message.length);
		io.dst_len = VCRYPTO_ECDSA_MAX_SIG;
	} else {
		io.opcode = VIRTIO_CRYPTO_AKCIPHER_VERIFY;
		ret = vcrypto_ecdsa_sig_der(c, vcrypto_bn_of(e->r),
					    vcrypto_bn_of(e->s), bounce);
		if (ret < 0)
			return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
		io.src_len = (uint32_t)ret;
		io.dst_len = e->message.length;
		memcpy(bounce + VCRYPTO_AKCIPHER_OUT, e->message.data,
		       e->message.length);
	}
	return vcrypto_akcipher_frame(qp, slot, &io, bufs, meta);
}

static bool
ecdsa_complete(struct rte_crypto_op *op, const void *priv, const uint8_t *out,
	       uint32_t written, enum rte_crypto_asym_op_type op_type)
{
	const struct ecdsa_session *s = priv;
	struct rte_crypto_ecdsa_op_param *e = &op->asym->ecdsa;
	const struct vcrypto_ec_curve *c = vcrypto_ec_curve_at(s->curve);
	uint8_t r[VCRYPTO_EC_MAX_BYTES], sv[VCRYPTO_EC_MAX_BYTES];

	if (op_type != RTE_CRYPTO_ASYM_OP_SIGN)
		return true;
	/* Nothing reaches the op unless the whole signature is good. */
	if (written > VCRYPTO_ECDSA_MAX_SIG ||
	    !vcrypto_ecdsa_sig_parse(c, out, written, r, sv))
		return false;
	/* r and s at the curve's width, as DPDK's own vectors give them */
	memcpy(e->r.data, r, c->bytes);
	memcpy(e->s.data, sv, c->bytes);
	e->r.length = c->bytes;
	e->s.length = c->bytes;
	return true;
}

const struct vcrypto_akcipher_algo vcrypto_akcipher_ecdsa = {
	.name = "ECDSA",
	.xform_type = RTE_CRYPTO_ASYM_XFORM_ECDSA,
	.virtio_algo = VIRTIO_CRYPTO_AKCIPHER_ECDSA,
	.session_size = sizeof(struct ecdsa_session),
	.caps = ecdsa_caps,
	.configure = ecdsa_configure,
	.clear = ecdsa_clear,
	.encode = ecdsa_encode,
	.complete = ecdsa_complete,
};
