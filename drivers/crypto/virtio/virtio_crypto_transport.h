/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_TRANSPORT_H
#define VIRTIO_CRYPTO_TRANSPORT_H

/*
 * How the driver reaches a virtio device. The PCI modern transport
 * implements it over mapped BARs (virtio_crypto_pci.c); the vhost-user
 * transport over a unix socket to a back-end (virtio_crypto_user.c); a
 * test transport over a software device model, so the whole PMD can run
 * on the host. Adding a transport is one file behind this table.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vcrypto_hw;
struct vcrypto_ctrl_keys;
struct virtio_crypto_op_ctrl_req;

/* The addresses a device takes in descriptors and queue registers. */
enum vcrypto_addr_mode {
	/* EAL's IOVAs, whichever mode EAL is in */
	VCRYPTO_ADDR_IOVA,
	/*
	 * Guest-physical unless VIRTIO_F_ACCESS_PLATFORM puts an IOMMU in
	 * between (a PCI device): IOVAs only when they are physical.
	 */
	VCRYPTO_ADDR_PHYSICAL,
	/*
	 * This process's virtual addresses (a vhost-user back-end maps our
	 * memory at them): IOVAs only when they are virtual.
	 */
	VCRYPTO_ADDR_VIRTUAL,
};

struct vcrypto_transport_ops {
	uint8_t (*get_status)(struct vcrypto_hw *hw);
	void (*set_status)(struct vcrypto_hw *hw, uint8_t status);
	uint64_t (*get_features)(struct vcrypto_hw *hw);
	void (*set_features)(struct vcrypto_hw *hw, uint64_t features);
	uint8_t (*config_generation)(struct vcrypto_hw *hw);
	void (*read_config)(struct vcrypto_hw *hw, size_t offset, void *dst,
			    size_t len);
	uint16_t (*num_queues)(struct vcrypto_hw *hw);
	/* Largest ring the device takes for qid; 0 if the queue is absent. */
	uint16_t (*queue_max_size)(struct vcrypto_hw *hw, uint16_t qid);
	/*
	 * Program size and ring addresses of qid and enable it. Returns the
	 * notify cookie the data path passes to notify(), or NULL on error.
	 */
	void *(*queue_enable)(struct vcrypto_hw *hw, uint16_t qid,
			      uint16_t size, uint64_t desc_iova,
			      uint64_t avail_iova, uint64_t used_iova);
	/* Fast path: tell the device a queue has new buffers. */
	void (*notify)(void *notify_cookie);
	/* Which addresses the device takes: the core checks EAL's mode. */
	enum vcrypto_addr_mode (*addr_mode)(struct vcrypto_hw *hw);
	/*
	 * Let go of what the transport holds for a device, once the device
	 * is destroyed: hw is gone then, so only its transport_priv comes.
	 * NULL: nothing to let go.
	 */
	void (*close)(void *transport_priv);
	/*
	 * A device whose control requests go some other way than a
	 * virtqueue (a vhost-user back-end takes sessions as socket
	 * messages) answers them here, in the caller's thread: req and its
	 * keys as the controlq would carry them; the answer goes to in
	 * (in_len bytes, prefilled with "error") as the device would write
	 * it. Returns 0 once answered, a negative errno when the device
	 * could not be reached. NULL: the controlq is the queue after the
	 * data queues.
	 */
	int (*control)(struct vcrypto_hw *hw,
		       const struct virtio_crypto_op_ctrl_req *req,
		       const struct vcrypto_ctrl_keys *keys,
		       void *in, uint32_t in_len);
};

#endif /* VIRTIO_CRYPTO_TRANSPORT_H */
