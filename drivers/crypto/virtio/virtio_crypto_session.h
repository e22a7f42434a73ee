/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_SESSION_H
#define VIRTIO_CRYPTO_SESSION_H

/*
 * A DPDK symmetric session mapped onto a device session: the device's
 * session id plus a request template and the per-op encoder chosen once,
 * when the session is configured.
 */

#include <stdbool.h>
#include <stdint.h>

#include <linux/virtio_crypto.h>

#include <rte_crypto.h>
#include <rte_cryptodev.h>

#include "vq_split.h"

struct vcrypto_hw;
struct vcrypto_session;
struct vcrypto_data_slot;
struct rte_cryptodev_sym_session;

/* Sessions whose single-segment ops take the fast path. */
#define VCRYPTO_FAST_NONE 0
#define VCRYPTO_FAST_CIPHER 1
#define VCRYPTO_FAST_CHAIN 2

/* Limits the encoder checks an op against. */
struct vcrypto_op_limits {
	uint64_t max_size;	/* device max_size: request bytes in total */
	uint16_t max_bufs;	/* buffers one chain may have */
	/*
	 * The op's bounce buffer, for a source with more segments than a
	 * request may have buffers (NULL: none); set per op.
	 */
	uint32_t bounce_size;
	uint8_t *bounce;
	uint64_t bounce_iova;
};

/* verify_len of an asymmetric op: no digest, its service completes it */
#define VCRYPTO_VERIFY_AKCIPHER 0xff

/* What dequeue must do with a completed request, kept per slot. */
struct vcrypto_op_meta {
	uint8_t verify_len;	/* compare this many digest bytes; 0: none */
	uint8_t auth;		/* BADMSG means the tag did not match */
	/*
	 * The device checked the digest itself: its ERR means it did not
	 * match (DPDK's vhost-user back-end has no other answer for it).
	 */
	uint8_t device_verify;
	/*
	 * An asymmetric op: its rte_crypto_asym_op_type + 1 (0: symmetric).
	 * Four bytes in all: copied with one move.
	 */
	uint8_t akcipher;
};

/*
 * Fill slot and bufs[] for op. Returns the number of buffers, or a
 * negated enum rte_crypto_op_status when the op cannot go to the device.
 */
typedef int (*vcrypto_encode_fn)(const struct vcrypto_session *s,
				 struct rte_crypto_op *op,
				 struct vcrypto_data_slot *slot,
				 uint64_t slot_iova, struct vq_buf *bufs,
				 const struct vcrypto_op_limits *lim);

/*
 * Which encoder a session's ops take: an index into vcrypto_encoders[],
 * not a function address, since sessions live in memory that several
 * processes share and each maps the driver at its own address.
 */
enum vcrypto_encoder {
	VCRYPTO_ENC_NONE,	/* not configured */
	VCRYPTO_ENC_CIPHER,
	VCRYPTO_ENC_AUTH,
	VCRYPTO_ENC_CHAIN,
	VCRYPTO_ENC_AEAD,
	VCRYPTO_ENC_GMAC,
	VCRYPTO_NB_ENC,
};

extern const vcrypto_encode_fn vcrypto_encoders[VCRYPTO_NB_ENC];

struct vcrypto_session {
	/* header and lengths shared by every op of the session */
	struct virtio_crypto_op_data_req tmpl;
	uint8_t encoder;	/* enum vcrypto_encoder */
	struct vcrypto_op_meta meta;
	uint64_t session_id;
	uint32_t generation;	/* hw->generation when created; 0: none */
	uint32_t fast_generation;	/* the same if fast_kind, else 0 */
	uint32_t destroy_opcode;
	uint16_t iv_offset;	/* in the op, where the device's IV starts */
	uint16_t iv_len;	/* bytes of IV the device takes */
	uint32_t len_align_mask;	/* cipher length: a multiple of this+1 */
	uint32_t min_len;
	uint16_t digest_len;
	uint16_t aad_len;
	uint8_t aad_skip;	/* CCM: DPDK's AAD starts 18 bytes in */
	uint8_t cipher_first;	/* chain: cipher, then hash its output */
	uint8_t device_verifies;	/* verify: the device compares digests */
	uint8_t fast_kind;	/* VCRYPTO_FAST_*: single-segment fast path */
	/*
	 * Fast path: cipher lengths from fast_len_min to fast_len_min +
	 * fast_len_span pass the cipher's minimum and the device's max_size
	 * (one unsigned compare); so does a chain's span up to the same end.
	 */
	uint32_t fast_len_min;
	uint32_t fast_len_span;
	uint8_t encrypt;	/* AEAD and GMAC: encrypt (generate) */
	uint8_t bit_lengths;	/* cipher offset and length come in bits */
};

unsigned int vcrypto_sym_session_get_size(struct rte_cryptodev *dev);
int vcrypto_sym_session_configure(struct rte_cryptodev *dev,
				  struct rte_crypto_sym_xform *xform,
				  struct rte_cryptodev_sym_session *sess);
void vcrypto_sym_session_clear(struct rte_cryptodev *dev,
			       struct rte_cryptodev_sym_session *sess);

#endif /* VIRTIO_CRYPTO_SESSION_H */
