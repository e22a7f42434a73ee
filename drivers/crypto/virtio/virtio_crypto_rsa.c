/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * RSA for the akcipher service. A virtio RSA session fixes padding and
 * hash; DPDK names them per op. So a DPDK session holds one device
 * session per (padding, hash) the device performs, all made when it is
 * configured, and each op takes the one its padding and hash name.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <cryptodev_pmd.h>
#include <rte_byteorder.h>

#include "virtio_crypto_akcipher.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_probe_op.h"
#include "virtio_crypto_qp.h"
#include "virtio_crypto_req.h"
#include "virtio_crypto_rsa_key.h"

/* Smallest modulus a session takes (512 bits: what nettle insists on). */
#define RSA_MIN_BYTES 64
/* PKCS#1 v1.5 takes 11 bytes of every block for its padding. */
#define PKCS1_OVERHEAD 11
/* In the slot's bounce buffer: src first, dst (or the verify input) here. */
#define BOUNCE_DST VCRYPTO_AKCIPHER_OUT
_Static_assert(BOUNCE_DST >= VCRYPTO_RSA_MAX_BYTES &&
	       BOUNCE_DST + VCRYPTO_RSA_MAX_BYTES <= VCRYPTO_BOUNCE_SIZE,
	       "an RSA block in and one out fit a slot's bounce buffer");

/* One (padding, hash) a device session fixes. */
enum rsa_variant {
	RSA_V_RAW,
	RSA_V_PKCS1,		/* PKCS#1 v1.5 without a DigestInfo */
	RSA_V_MD5,
	RSA_V_SHA1,
	RSA_V_SHA224,
	RSA_V_SHA256,
	RSA_V_SHA384,
	RSA_V_SHA512,
	RSA_V_NB,
};

struct rsa_variant_info {
	uint32_t padding;	/* VIRTIO_CRYPTO_RSA_*_PADDING */
	uint32_t hash;		/* VIRTIO_CRYPTO_RSA_* */
	enum rte_crypto_auth_algorithm rte_hash;
	uint8_t digest_len;	/* what a sign or verify op gives: 0, any */
};

static const struct rsa_variant_info variants[RSA_V_NB] = {
	[RSA_V_RAW] = { VIRTIO_CRYPTO_RSA_RAW_PADDING,
		VIRTIO_CRYPTO_RSA_NO_HASH, RTE_CRYPTO_AUTH_NULL, 0 },
	[RSA_V_PKCS1] = { VIRTIO_CRYPTO_RSA_PKCS1_PADDING,
		VIRTIO_CRYPTO_RSA_NO_HASH, RTE_CRYPTO_AUTH_NULL, 0 },
	[RSA_V_MD5] = { VIRTIO_CRYPTO_RSA_PKCS1_PADDING,
		VIRTIO_CRYPTO_RSA_MD5, RTE_CRYPTO_AUTH_MD5, 16 },
	[RSA_V_SHA1] = { VIRTIO_CRYPTO_RSA_PKCS1_PADDING,
		VIRTIO_CRYPTO_RSA_SHA1, RTE_CRYPTO_AUTH_SHA1, 20 },
	[RSA_V_SHA224] = { VIRTIO_CRYPTO_RSA_PKCS1_PADDING,
		VIRTIO_CRYPTO_RSA_SHA224, RTE_CRYPTO_AUTH_SHA224, 28 },
	[RSA_V_SHA256] = { VIRTIO_CRYPTO_RSA_PKCS1_PADDING,
		VIRTIO_CRYPTO_RSA_SHA256, RTE_CRYPTO_AUTH_SHA256, 32 },
	[RSA_V_SHA384] = { VIRTIO_CRYPTO_RSA_PKCS1_PADDING,
		VIRTIO_CRYPTO_RSA_SHA384, RTE_CRYPTO_AUTH_SHA384, 48 },
	[RSA_V_SHA512] = { VIRTIO_CRYPTO_RSA_PKCS1_PADDING,
		VIRTIO_CRYPTO_RSA_SHA512, RTE_CRYPTO_AUTH_SHA512, 64 },
};

#define PKCS1_VARIANTS (((1u << RSA_V_NB) - 1) & ~(1u << RSA_V_RAW))

/* A DPDK RSA session: the device sessions of one key. */
struct rsa_session {
	struct vcrypto_asym_head head;
	uint64_t ids[RSA_V_NB];
	uint16_t k;		/* modulus bytes */
	uint8_t made;		/* RSA_V_* bits with a device session */
	uint8_t private_key;	/* sign and decrypt allowed */
	uint8_t enc_variant;	/* PKCS#1 encrypt/decrypt: any hash will do */
};

/* The probe's key: a 1024-bit public key, e = 65537. */
static const uint8_t probe_n[128] = {
	0xc2, 0x5c, 0xc2, 0x16, 0x98, 0x57, 0xa4, 0xe8,
	0x5e, 0x7e, 0x58, 0x55, 0x0b, 0xf9, 0xa4, 0x2b,
	0x9d, 0xaf, 0x26, 0xf1, 0x38, 0xb6, 0x9d, 0x71,
	0x46, 0x82, 0x6d, 0xdd, 0xec, 0xcf, 0x05, 0x09,
	0x0f, 0xfe, 0xd1, 0x86, 0xec, 0x8f, 0xc0, 0x5f,
	0xaa, 0xaf, 0xab, 0xd1, 0x57, 0xed, 0xc9, 0x14,
	0x2d, 0x20, 0xed, 0xaf, 0x45, 0xf9, 0x56, 0xb0,
	0x87, 0xdd, 0x8e, 0x46, 0xad, 0x0e, 0x5b, 0xa5,
	0xa3, 0x4f, 0x26, 0xdc, 0x1e, 0xf2, 0x57, 0x1a,
	0xbe, 0x24, 0xe6, 0x53, 0x08, 0xe6, 0x86, 0xd4,
	0x38, 0x24, 0xbd, 0xd5, 0x23, 0x30, 0x5d, 0x14,
	0x2c, 0xff, 0xdc, 0x25, 0xe1, 0x44, 0xbb, 0x9e,
	0x2d, 0x52, 0x36, 0x3f, 0x0b, 0x2b, 0x6d, 0x83,
	0x30, 0xe1, 0x1d, 0x19, 0x9d, 0xb6, 0xd1, 0xb7,
	0xc8, 0xa0, 0x74, 0x85, 0x4a, 0x9a, 0x18, 0xa2,
	0x14, 0x06, 0x28, 0xeb, 0x19, 0x91, 0x92, 0xc7,
};
static const uint8_t probe_e[3] = { 0x01, 0x00, 0x01 };

static int
create_session(struct vcrypto_hw *hw, enum rsa_variant v, bool private_key,
	       const uint8_t *der, int der_len, uint64_t *id)
{
	struct vcrypto_akcipher_key key = { VIRTIO_CRYPTO_AKCIPHER_RSA,
		private_key, der, (uint32_t)der_len };
	struct virtio_crypto_rsa_session_para rsa = {
		.padding_algo = rte_cpu_to_le_32(variants[v].padding),
		.hash_algo = rte_cpu_to_le_32(variants[v].hash),
	};

	return vcrypto_akcipher_session_create(hw, &key, &rsa, sizeof(rsa),
					       id);
}

/*
 * Whether the device performs variant v: it takes a session, and, for
 * raw padding, an op too. -1: it stopped answering.
 */
static int
probe_variant(struct vcrypto_hw *hw, enum rsa_variant v, const uint8_t *der,
	      int der_len)
{
	uint64_t id;
	int ret;

	ret = create_session(hw, v, false, der, der_len, &id);
	if (ret == -ETIMEDOUT || ret == -EIO)
		return -1;
	if (ret != 0)
		return 0;
	ret = 1;
	if (v == RSA_V_RAW)
		ret = vcrypto_probe_rsa_raw(hw, id, sizeof(probe_n));
	vcrypto_akcipher_session_destroy(hw, id);
	return ret;
}

/* The RSA capability, if the device performs any RSA variant: 1, else 0. */
static unsigned int
rsa_caps(struct vcrypto_hw *hw, struct rte_cryptodev_capabilities *cap,
	 uint64_t *feature_flags)
{
	struct vcrypto_rsa_parts key = { .n = { probe_n, sizeof(probe_n) },
		.e = { probe_e, sizeof(probe_e) } };
	uint8_t der[VCRYPTO_RSA_MAX_KEY_DER];
	unsigned int v;
	int der_len, ret;

	hw->rsa_variants = 0;
	if (!((hw->cfg.crypto_services >> VIRTIO_CRYPTO_SERVICE_AKCIPHER) & 1) ||
	    !((hw->cfg.akcipher_algo >> VIRTIO_CRYPTO_AKCIPHER_RSA) & 1))
		return 0;
	der_len = vcrypto_rsa_key_der(&key, false, der);
	for (v = 0; der_len > 0 && v < RSA_V_NB; v++) {
		ret = probe_variant(hw, v, der, der_len);
		if (ret < 0)
			break;
		if (ret > 0)
			hw->rsa_variants |= 1u << v;
	}
	VCRYPTO_DEV_LOG(INFO, hw->name, "RSA variants %#x", hw->rsa_variants);
	if (hw->rsa_variants == 0)
		return 0;
	cap->op = RTE_CRYPTO_OP_TYPE_ASYMMETRIC;
	cap->asym.xform_capa.xform_type = RTE_CRYPTO_ASYM_XFORM_RSA;
	cap->asym.xform_capa.op_types = (1u << RTE_CRYPTO_ASYM_OP_ENCRYPT) |
		(1u << RTE_CRYPTO_ASYM_OP_DECRYPT) |
		(1u << RTE_CRYPTO_ASYM_OP_SIGN) |
		(1u << RTE_CRYPTO_ASYM_OP_VERIFY);
	cap->asym.xform_capa.modlen.min = RSA_MIN_BYTES;
	cap->asym.xform_capa.modlen.max = VCRYPTO_RSA_MAX_BYTES;
	cap->asym.xform_capa.modlen.increment = 1;
	*feature_flags |= RTE_CRYPTODEV_FF_ASYMMETRIC_CRYPTO;
#ifdef VCRYPTO_HAVE_LIBCRYPTO
	/* A half-given private key is completed with libcrypto. */
	*feature_flags |= RTE_CRYPTODEV_FF_RSA_PRIV_OP_KEY_EXP |
		RTE_CRYPTODEV_FF_RSA_PRIV_OP_KEY_QT;
#endif
	return 1;
}

/* The key as DER into der; *private_key: d or the CRT values given. */
static int
rsa_key(const struct rte_crypto_rsa_xform *x, uint8_t *der, bool *private_key)
{
	struct vcrypto_rsa_parts k = { .n = vcrypto_bn_of(x->n),
		.e = vcrypto_bn_of(x->e) };

	if (x->key_type == RTE_RSA_KEY_TYPE_EXP) {
		k.d = vcrypto_bn_of(x->d);
	} else if (x->key_type == RTE_RSA_KEY_TYPE_QT) {
		k.p = vcrypto_bn_of(x->qt.p);
		k.q = vcrypto_bn_of(x->qt.q);
		k.dp = vcrypto_bn_of(x->qt.dP);
		k.dq = vcrypto_bn_of(x->qt.dQ);
		k.qinv = vcrypto_bn_of(x->qt.qInv);
	} else {
		return -EINVAL;
	}
	*private_key = vcrypto_bn_bytes(k.d) != 0 ||
		vcrypto_bn_bytes(k.p) != 0;
	return vcrypto_rsa_key_der(&k, *private_key, der);
}

static void
destroy_all(struct vcrypto_hw *hw, void *priv)
{
	struct rsa_session *s = priv;
	unsigned int v;

	for (v = 0; v < RSA_V_NB; v++)
		if (s->made & (1u << v))
			vcrypto_akcipher_session_destroy(hw, s->ids[v]);
	s->made = 0;
}

/* One device session per variant the device performs. */
static int
make_sessions(struct vcrypto_hw *hw, struct rsa_session *s,
	      const uint8_t *der, int der_len)
{
	unsigned int v;
	int ret, last = -ENOTSUP;

	for (v = 0; v < RSA_V_NB; v++) {
		if (!(hw->rsa_variants & (1u << v)))
			continue;
		ret = create_session(hw, v, s->private_key, der, der_len,
				     &s->ids[v]);
		if (ret == -ETIMEDOUT || ret == -EIO || ret == -ENOSPC) {
			destroy_all(hw, s);
			return ret;
		}
		if (ret == 0)
			s->made |= 1u << v;
		else
			last = ret;
	}
	if (s->made & PKCS1_VARIANTS)
		s->enc_variant = (uint8_t)__builtin_ctz(s->made & PKCS1_VARIANTS);
	return s->made != 0 ? 0 : last;
}

static int
rsa_configure(struct vcrypto_hw *hw, const struct rte_crypto_asym_xform *x,
	      void *priv)
{
	struct rsa_session *s = priv;
	uint8_t der[VCRYPTO_RSA_MAX_KEY_DER];
	bool private_key = false;
	size_t k;
	int len, ret;

	if (hw->rsa_variants == 0)
		return -ENOTSUP;
	k = vcrypto_bn_bytes(vcrypto_bn_of(x->rsa.n));
	if (k < RSA_MIN_BYTES || k > VCRYPTO_RSA_MAX_BYTES)
		return -EINVAL;
	len = rsa_key(&x->rsa, der, &private_key);
	if (len < 0)
		return len;
	s->k = (uint16_t)k;
	s->private_key = private_key;
	ret = make_sessions(hw, s, der, len);
	explicit_bzero(der, sizeof(der));
	return ret;
}

/* The device session an op's padding and hash name; -1: none. */
static int
variant_of(const struct rsa_session *s,
	   const struct rte_crypto_rsa_op_param *rsa)
{
	/* 0 is no algorithm at all: DPDK's own tests leave it so for "none" */
	enum rte_crypto_auth_algorithm hash = rsa->padding.hash == 0 ?
		RTE_CRYPTO_AUTH_NULL : rsa->padding.hash;
	unsigned int v;

	if (rsa->padding.type == RTE_CRYPTO_RSA_PADDING_NONE)
		return (s->made & (1u << RSA_V_RAW)) ? RSA_V_RAW : -1;
	if (rsa->padding.type != RTE_CRYPTO_RSA_PADDING_PKCS1_5)
		return -1;
	if (rsa->op_type == RTE_CRYPTO_ASYM_OP_ENCRYPT ||
	    rsa->op_type == RTE_CRYPTO_ASYM_OP_DECRYPT)
		return (s->made & PKCS1_VARIANTS) ? s->enc_variant : -1;
	for (v = RSA_V_PKCS1; v < RSA_V_NB; v++)
		if (variants[v].rte_hash == hash)
			return (s->made & (1u << v)) ? (int)v : -1;
	return -1;
}

/* Longest input variant v takes, in a k-byte block. */
static size_t
max_input(enum rsa_variant v, size_t k)
{
	if (v == RSA_V_RAW)
		return k;
	return k - PKCS1_OVERHEAD;
}

/* A message (or digest) the op gives as input: present and sized. */
static bool
message_ok(const rte_crypto_param *m, enum rsa_variant v, size_t k,
	   bool signing)
{
	if (m->data == NULL || m->length == 0)
		return false;
	if (signing && variants[v].digest_len != 0)
		return m->length == variants[v].digest_len;
	return m->length <= max_input(v, k);
}

struct akcipher_io {
	const rte_crypto_param *src;	/* what the device reads first */
	const rte_crypto_param *in2;	/* verify: the message it checks */
	uint32_t dst_len;		/* bytes it may write (0: none) */
	uint32_t opcode;
};

/* What an op reads and writes; false if its arguments are wrong. */
static bool
op_io(const struct rsa_session *s,
      const struct rte_crypto_rsa_op_param *rsa, enum rsa_variant v,
      struct akcipher_io *io)
{
	size_t k = s->k;

	memset(io, 0, sizeof(*io));
	switch (rsa->op_type) {
	case RTE_CRYPTO_ASYM_OP_SIGN:
		io->opcode = VIRTIO_CRYPTO_AKCIPHER_SIGN;
		io->src = &rsa->message;
		io->dst_len = k;
		return s->private_key && rsa->sign.data != NULL &&
			message_ok(&rsa->message, v, k, true);
	case RTE_CRYPTO_ASYM_OP_VERIFY:
		io->opcode = VIRTIO_CRYPTO_AKCIPHER_VERIFY;
		io->src = &rsa->sign;
		io->in2 = &rsa->message;
		return rsa->sign.data != NULL && rsa->sign.length != 0 &&
			rsa->sign.length <= k &&
			message_ok(&rsa->message, v, k, true);
	case RTE_CRYPTO_ASYM_OP_ENCRYPT:
		io->opcode = VIRTIO_CRYPTO_AKCIPHER_ENCRYPT;
		io->src = &rsa->message;
		io->dst_len = k;
		return rsa->cipher.data != NULL &&
			message_ok(&rsa->message, v, k, false);
	case RTE_CRYPTO_ASYM_OP_DECRYPT:
		io->opcode = VIRTIO_CRYPTO_AKCIPHER_DECRYPT;
		io->src = &rsa->cipher;
		io->dst_len = k;
		return s->private_key && rsa->message.data != NULL &&
			rsa->cipher.data != NULL && rsa->cipher.length != 0 &&
			rsa->cipher.length <= k;
	default:
		return false;
	}
}

/* An RSA op into the slot's bounce buffer and bufs[]. */
static int
rsa_encode(const struct vcrypto_qp *qp, struct rte_crypto_op *op, void *priv,
	   uint16_t slot, struct vq_buf *bufs, struct vcrypto_op_meta *meta)
{
	const struct rsa_session *s = priv;
	const struct rte_crypto_rsa_op_param *rsa = &op->asym->rsa;
	uint8_t *bounce = vcrypto_akcipher_bounce(qp, slot);
	struct vcrypto_akcipher_io frame;
	struct akcipher_io io;
	int v;

	v = variant_of(s, rsa);
	if (v < 0 || !op_io(s, rsa, v, &io)) {
		/* RSA ops are slow anyway: say why, for whoever looks */
		VCRYPTO_DEV_LOG(DEBUG, qp->hw->name,
			"RSA op %d refused: padding %d hash %d (device: %s)",
			rsa->op_type, rsa->padding.type, rsa->padding.hash,
			v < 0 ? "does not perform them" : "bad arguments");
		return -RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	}
	frame = (struct vcrypto_akcipher_io){
		.session_id = s->ids[v],
		.algo = VIRTIO_CRYPTO_AKCIPHER_RSA,
		.opcode = io.opcode,
		.op_type = rsa->op_type,
		/* A signature goes out as a full block: leading zeros too. */
		.src_len = io.in2 != NULL ? s->k : io.src->length,
		.dst_len = io.in2 != NULL ? io.in2->length : io.dst_len,
	};
	memset(bounce, 0, frame.src_len - io.src->length);
	memcpy(bounce + frame.src_len - io.src->length, io.src->data,
	       io.src->length);
	if (io.in2 != NULL)
		memcpy(bounce + BOUNCE_DST, io.in2->data, io.in2->length);
	return vcrypto_akcipher_frame(qp, slot, &frame, bufs, meta);
}

/* Copy the device's output to out, if its length is one it may have. */
static bool
take_output(rte_crypto_param *out, const uint8_t *from, uint32_t written,
	    uint32_t min, uint32_t max)
{
	if (written < min || written > max)
		return false;
	memcpy(out->data, from, written);
	out->length = written;
	return true;
}

/* A successful RSA op: its output taken if it has a length it may have. */
static bool
rsa_complete(struct rte_crypto_op *op, const void *priv, const uint8_t *out,
	     uint32_t written, enum rte_crypto_asym_op_type op_type)
{
	const struct rsa_session *s = priv;
	struct rte_crypto_rsa_op_param *rsa = &op->asym->rsa;
	bool ok = false;

	/*
	 * Signatures and ciphertexts are whole blocks: a device that drops
	 * a leading zero byte (QEMU 7.2 cuts the last byte off then) gave
	 * a wrong answer.
	 */
	switch (op_type) {
	case RTE_CRYPTO_ASYM_OP_SIGN:
		ok = take_output(&rsa->sign, out, written, s->k, s->k);
		break;
	case RTE_CRYPTO_ASYM_OP_ENCRYPT:
		ok = take_output(&rsa->cipher, out, written, s->k, s->k);
		break;
	case RTE_CRYPTO_ASYM_OP_DECRYPT:
		ok = take_output(&rsa->message, out, written, 0, s->k);
		break;
	case RTE_CRYPTO_ASYM_OP_VERIFY:
		ok = true;
		break;
	default:
		break;
	}
	return ok;
}

const struct vcrypto_akcipher_algo vcrypto_akcipher_rsa = {
	.name = "RSA",
	.xform_type = RTE_CRYPTO_ASYM_XFORM_RSA,
	.virtio_algo = VIRTIO_CRYPTO_AKCIPHER_RSA,
	.session_size = sizeof(struct rsa_session),
	.caps = rsa_caps,
	.configure = rsa_configure,
	.clear = destroy_all,
	.encode = rsa_encode,
	.complete = rsa_complete,
};
