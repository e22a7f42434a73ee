/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_AKCIPHER_H
#define VIRTIO_CRYPTO_AKCIPHER_H

/*
 * The akcipher service: DPDK asymmetric sessions, their capabilities and
 * probes, op framing and completion. The core (virtio_crypto_akcipher.c)
 * hands each transform to its algorithm, one file each
 * (virtio_crypto_rsa.c, virtio_crypto_ecdsa.c), through a
 * vcrypto_akcipher_algo; a session's head says which algorithm owns it.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_crypto.h>
#include <rte_cryptodev.h>

#include "virtio_crypto_der.h"
#include "vq_common.h"

struct vcrypto_hw;
struct vcrypto_qp;
struct vcrypto_op_meta;
struct rte_cryptodev_asym_session;

/* Buffers of an akcipher request: header, src, dst, status. */
#define VCRYPTO_AKCIPHER_BUFS 4
/*
 * In a slot's bounce buffer, src starts at 0 and dst (or the second
 * input of a verify) here.
 */
#define VCRYPTO_AKCIPHER_OUT 1024

/*
 * What every asymmetric session's private data starts with: an
 * algorithm's session struct has it as its first member. The core sets
 * it once the algorithm configured the session.
 */
struct vcrypto_asym_head {
	uint32_t generation;	/* hw->generation when made; 0: none */
	uint32_t algo;		/* VIRTIO_CRYPTO_AKCIPHER_* */
};

/* One asymmetric algorithm: every hook gets its session's private data. */
struct vcrypto_akcipher_algo {
	const char *name;
	enum rte_crypto_asym_xform_type xform_type;
	uint32_t virtio_algo;		/* VIRTIO_CRYPTO_AKCIPHER_* */
	size_t session_size;		/* its session struct, head included */
	/*
	 * Probe the device (controlq and data queue 0 up); fill *cap and
	 * add to *feature_flags if it performs the algorithm: 1, else 0.
	 */
	unsigned int (*caps)(struct vcrypto_hw *hw,
			     struct rte_cryptodev_capabilities *cap,
			     uint64_t *feature_flags);
	/* Under hw->ctrl_lock, into zeroed private data: 0 or -errno. */
	int (*configure)(struct vcrypto_hw *hw,
			 const struct rte_crypto_asym_xform *x, void *priv);
	/* Under hw->ctrl_lock: destroy its device sessions. */
	void (*clear)(struct vcrypto_hw *hw, void *priv);
	/*
	 * Frame op (qp->bounce present) with vcrypto_akcipher_frame(): the
	 * number of buffers, or a negated enum rte_crypto_op_status.
	 */
	int (*encode)(const struct vcrypto_qp *qp, struct rte_crypto_op *op,
		      void *priv, uint16_t slot, struct vq_buf *bufs,
		      struct vcrypto_op_meta *meta);
	/*
	 * The device answered OK after writing written bytes at out (the
	 * bounce buffer): take the output into op. False if it cannot be.
	 */
	bool (*complete)(struct rte_crypto_op *op, const void *priv,
			 const uint8_t *out, uint32_t written,
			 enum rte_crypto_asym_op_type op_type);
};

extern const struct vcrypto_akcipher_algo vcrypto_akcipher_rsa;
extern const struct vcrypto_akcipher_algo vcrypto_akcipher_ecdsa;
/* A DPDK big-endian number as the key and signature encoders take it. */
static inline struct vcrypto_bn
vcrypto_bn_of(rte_crypto_param x)
{
	return (struct vcrypto_bn){ x.data, x.data == NULL ? 0 : x.length };
}

/* Capabilities vcrypto_akcipher_caps() may fill: one per algorithm. */
#define VCRYPTO_AKCIPHER_MAX_CAPS 2

/* The key of a device session to create. */
struct vcrypto_akcipher_key {
	uint32_t algo;		/* VIRTIO_CRYPTO_AKCIPHER_* */
	bool private_key;
	const uint8_t *der;	/* as the algorithm encodes it */
	uint32_t len;
};

/*
 * Create a device session for key with the algorithm's parameters
 * (para_len bytes, little-endian: the union of the session request).
 * Under hw->ctrl_lock. As vcrypto_ctrlq_create_session().
 */
int vcrypto_akcipher_session_create(struct vcrypto_hw *hw,
				    const struct vcrypto_akcipher_key *key,
				    const void *algo_para, size_t para_len,
				    uint64_t *id);
/* Destroy it (logged if the device refuses). */
void vcrypto_akcipher_session_destroy(struct vcrypto_hw *hw, uint64_t id);

/* One akcipher request, its src and dst already in the bounce buffer. */
struct vcrypto_akcipher_io {
	uint64_t session_id;
	uint32_t algo;		/* VIRTIO_CRYPTO_AKCIPHER_* */
	uint32_t opcode;	/* VIRTIO_CRYPTO_AKCIPHER_SIGN ... */
	enum rte_crypto_asym_op_type op_type;
	uint32_t src_len;
	/* bytes the device may write at VCRYPTO_AKCIPHER_OUT; verify: reads */
	uint32_t dst_len;
};

/*
 * Probe every algorithm (controlq and data queue 0 up): fill cap[] with
 * one capability per algorithm the device performs; their count.
 * *feature_flags gains the asymmetric flags then.
 */
unsigned int vcrypto_akcipher_caps(struct vcrypto_hw *hw,
				   struct rte_cryptodev_capabilities *cap,
				   uint64_t *feature_flags);

unsigned int vcrypto_asym_session_get_size(struct rte_cryptodev *dev);
int vcrypto_asym_session_configure(struct rte_cryptodev *dev,
				   struct rte_crypto_asym_xform *xform,
				   struct rte_cryptodev_asym_session *sess);
void vcrypto_asym_session_clear(struct rte_cryptodev *dev,
				struct rte_cryptodev_asym_session *sess);

/*
 * Frame an asymmetric op in slot (its bounce buffer holds src and dst)
 * into bufs[VCRYPTO_AKCIPHER_BUFS] and *meta. Returns the number of
 * buffers, or a negated enum rte_crypto_op_status.
 */
int vcrypto_akcipher_encode(const struct vcrypto_qp *qp,
			    struct rte_crypto_op *op, uint32_t generation,
			    uint16_t slot, struct vq_buf *bufs,
			    struct vcrypto_op_meta *meta);

/* The bounce buffer of a slot of qp. */
uint8_t *vcrypto_akcipher_bounce(const struct vcrypto_qp *qp, uint16_t slot);

/* Header, src, dst and status of io into slot and bufs[]; their count. */
int vcrypto_akcipher_frame(const struct vcrypto_qp *qp, uint16_t slot,
			   const struct vcrypto_akcipher_io *io,
			   struct vq_buf *bufs, struct vcrypto_op_meta *meta);

/* A device status other than OK as an op status. */
enum rte_crypto_op_status vcrypto_akcipher_failed_status(uint8_t status,
							 bool verify);

/*
 * Complete an akcipher op from its used entry and status byte: the
 * output copied to the op, its length checked. False if it failed.
 */
bool vcrypto_akcipher_complete(const struct vcrypto_qp *qp,
			       const struct vq_done *d, uint8_t status,
			       uint8_t kind);

#endif /* VIRTIO_CRYPTO_AKCIPHER_H */
