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

#include <stddef.h>
#include <stdint.h>

#include <linux/virtio_crypto.h>

#include "vq_common.h"

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

/*
 * Laid out by what the device reads and writes for a single-segment op:
 * its indirect table (at most VCRYPTO_FAST_TABLE_ENTRIES entries), the
 * header, the status byte and a 16-byte IV share the slot's first three
 * cache lines, so each op moves three lines between the CPU that posts
 * it and the one that serves it (five with the table apart). The digest,
 * which only a verify uses, comes after them.
 */
struct vcrypto_data_slot {
	uint8_t table[VCRYPTO_FAST_TABLE_ENTRIES * 16];
	struct virtio_crypto_op_data_req req;
	struct virtio_crypto_inhdr inhdr;
	uint8_t iv[VCRYPTO_MAX_IV] __attribute__((aligned(16)));
	uint8_t digest[VCRYPTO_MAX_DIGEST];
};

/*
 * Three lines from the slot's start, which is a line's start when the
 * queue's tables have a multiple of 4 entries (32 unless the ring is
 * smaller): the engine puts a slot's private area right after its table.
 */
_Static_assert(offsetof(struct vcrypto_data_slot, iv) + 16 <= 3 * 64,
	       "table, header, status and a 16-byte IV in three lines");

#define VCRYPTO_DATA_SLOT_SIZE sizeof(struct vcrypto_data_slot)

/* The buffers every data request has: its header, and its status byte. */
static inline struct vq_buf
vcrypto_header_buf(uint64_t slot_iova)
{
	return (struct vq_buf){
		slot_iova + offsetof(struct vcrypto_data_slot, req),
		sizeof(struct virtio_crypto_op_data_req), 0 };
}

static inline struct vq_buf
vcrypto_status_buf(uint64_t slot_iova)
{
	return (struct vq_buf){
		slot_iova + offsetof(struct vcrypto_data_slot, inhdr),
		sizeof(struct virtio_crypto_inhdr), VQ_BUF_WRITE };
}

#endif /* VIRTIO_CRYPTO_REQ_H */
