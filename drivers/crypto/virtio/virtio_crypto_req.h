/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_REQ_H
#define VIRTIO_CRYPTO_REQ_H

/*
 * What one data request keeps in its virtqueue slot: the request the
 * device reads (header, and the IV in a buffer of its own), and the bytes
 * the device writes besides the data (digest, status).
 */

#include <stdint.h>

#include <linux/virtio_crypto.h>

#define VCRYPTO_MAX_IV 32
#define VCRYPTO_MAX_DIGEST 64
#define VCRYPTO_STATUS_UNSET 0xff

/* Data queue geometry. */
#define VCRYPTO_DATAQ_MAX_SIZE 4096
/*
 * Buffers one op may use: header, IV, src and dst segments, digest,
 * status. DPDK's vhost-user back-end takes at most 32 descriptors per
 * request (VHOST_CRYPTO_MAX_N_DESC) and stalls the queue on more.
 */
#define VCRYPTO_DATA_INDIRECT_MAX 32
/* Entries the fast path writes at most: header, IV, src, dst, digest, status */
#define VCRYPTO_FAST_TABLE_ENTRIES 6
/*
 * A source with more segments than that is copied into a buffer of this
 * size per slot (larger ones fail): DPDK's own tests go up to 16 segments
 * in and out; vhost-user takes 4 KiB requests at most.
 */
#define VCRYPTO_BOUNCE_SIZE 4096

struct vcrypto_data_slot {
	struct virtio_crypto_op_data_req req;
	uint8_t iv[VCRYPTO_MAX_IV];	/* a buffer of its own */
	uint8_t digest[VCRYPTO_MAX_DIGEST];
	struct virtio_crypto_inhdr inhdr;
};

#define VCRYPTO_DATA_SLOT_SIZE sizeof(struct vcrypto_data_slot)

#endif /* VIRTIO_CRYPTO_REQ_H */
