/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_HW_H
#define VIRTIO_CRYPTO_HW_H

/*
 * One virtio-crypto device, independent of its transport: status
 * handshake, feature negotiation, device configuration, queues.
 */

#include <stdbool.h>
#include <stdint.h>

#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>

#include <rte_cryptodev.h>
#include <pthread.h>

#include "virtio_crypto_transport.h"

/* Feature bits this driver can use; VERSION_1 is also required. */
#define VCRYPTO_WANTED_FEATURES ( \
	(1ULL << VIRTIO_F_VERSION_1) | \
	(1ULL << VIRTIO_F_ACCESS_PLATFORM) | \
	(1ULL << VIRTIO_F_ORDER_PLATFORM) | \
	(1ULL << VIRTIO_RING_F_INDIRECT_DESC) | \
	(1ULL << VIRTIO_F_RING_PACKED))

/* Host-endian copy of struct virtio_crypto_config. */
struct vcrypto_config {
	uint32_t status;
	uint32_t max_dataqueues;
	uint32_t crypto_services;
	uint32_t cipher_algo_l;
	uint32_t cipher_algo_h;
	uint32_t hash_algo;
	uint32_t mac_algo_l;
	uint32_t mac_algo_h;
	uint32_t aead_algo;
	uint32_t max_cipher_key_len;
	uint32_t max_auth_key_len;
	uint32_t akcipher_algo;
	uint64_t max_size;
};

/* Driver options, from devargs. */
struct vcrypto_options {
	uint32_t ctrl_timeout_ms;	/* bound on one controlq request */
	uint32_t op_timeout_ms;		/* data queue silence before giving up */
	bool probe_caps;		/* confirm capabilities with sessions */
	bool event_idx;			/* take VIRTIO_RING_F_EVENT_IDX */
	bool packed_ring;		/* take VIRTIO_F_RING_PACKED */
};

struct vcrypto_ctrlq;
struct vcrypto_queue;

struct vcrypto_hw {
	const struct vcrypto_transport_ops *ops;
	void *transport_priv;
	const char *name;		/* for logs */
	int socket_id;

	uint64_t features;		/* negotiated */
	struct vcrypto_config cfg;
	struct vcrypto_options opts;

	/* Sessions carry the generation they were made in; a reset makes
	 * every older session invalid on the device, so ops using one fail
	 * with INVALID_SESSION instead of reaching the device.
	 */
	uint32_t generation;
	bool driver_ok;
	bool broken;			/* device misbehaved: needs a reset */
	/*
	 * The device itself says it failed (NEEDS_RESET): no queue works,
	 * so ops fail at enqueue on every queue pair. A queue the driver
	 * gave up on breaks only that queue (and sets broken).
	 */
	bool device_failed;
	/*
	 * Queues given up on hand their ops back only once the device is
	 * stopped (VCRYPTO_QUIESCE_*), so it cannot write into them later.
	 */
	uint8_t quiesce;
	bool removing;			/* close cannot refuse: the device goes */

	/*
	 * Sessions and telemetry may come from any thread: this guards the
	 * controlq and the lifetime of every queue's memory.
	 */
	pthread_mutex_t ctrl_lock;
	struct vcrypto_ctrlq *ctrlq;

	struct vcrypto_queue **dataqs;
	uint16_t nb_dataqs;
	uint16_t max_dataqs;		/* what the device and transport allow */

	struct rte_cryptodev_capabilities *caps;
	uint64_t feature_flags;
	uint8_t chain_modes;		/* VCRYPTO_CHAIN_* it performs */
	/* Hash and MAC algorithms it performs only chained, by catalogue index */
	uint64_t auth_chain_only;
	bool device_verifies;		/* it checks the digest it is given */
	uint8_t rsa_variants;		/* RSA paddings and hashes it performs */
	uint8_t ecdsa_curves;		/* ECDSA curves it takes, by index */
	uint8_t driver_id;
	uint8_t dev_id;			/* the cryptodev's, in every process */
	/* Every data queue takes the fast path's requests (at configure). */
	bool fast_burst;
};

static inline bool
vcrypto_hw_has_feature(const struct vcrypto_hw *hw, unsigned int bit)
{
	return (hw->features >> bit) & 1;
}

#define VCRYPTO_QUIESCE_NONE 0
#define VCRYPTO_QUIESCE_BUSY 1	/* another queue's thread is at it */
#define VCRYPTO_QUIESCE_DONE 2	/* reset: it touches no memory */
#define VCRYPTO_QUIESCE_FAILED 3	/* did not reset: hand nothing back */

/* ctrl_lock, as every user of hw needs it (recursive). */
void vcrypto_hw_lock_init(struct vcrypto_hw *hw);
int vcrypto_hw_reset(struct vcrypto_hw *hw);
/*
 * From the data path, for a queue given up on: reset the device once,
 * and mark every data queue broken. True once the device is reset.
 */
bool vcrypto_hw_quiesced(struct vcrypto_hw *hw);
int vcrypto_hw_negotiate(struct vcrypto_hw *hw);
int vcrypto_hw_read_config(struct vcrypto_hw *hw);
int vcrypto_hw_driver_ok(struct vcrypto_hw *hw);
bool vcrypto_hw_check_needs_reset(struct vcrypto_hw *hw);

/*
 * Bring the device up with the controlq and nb_dataqs data queues:
 * reset, negotiate, program the queues, DRIVER_OK. On failure the device
 * is left reset and nothing stays allocated.
 */
int vcrypto_hw_start(struct vcrypto_hw *hw, uint16_t nb_dataqs);
/*
 * Reset the device and free its queues; sessions become invalid. -EIO:
 * it did not reset, and keeps its queue memory (see there).
 */
int vcrypto_hw_stop(struct vcrypto_hw *hw);

#endif /* VIRTIO_CRYPTO_HW_H */
