/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef MODEL_VDEV_H
#define MODEL_VDEV_H

/*
 * The crypto_virtio PMD on the host: a virtual device "crypto_virtio_model"
 * whose transport is the software device model (tests/devmodel). The
 * cryptodev it creates is a crypto_virtio device in every respect (driver
 * name and id, ops, data path); only the registers and rings are served
 * by the model instead of a PCI function.
 *
 *   --vdev crypto_virtio_model0[,key=value...]
 *
 * Keys: dataqueues, queue_size, max_size, sessions, threads (device
 * threads, default 1; 0: none, the model serves every queue from the
 * driver's notify call, in the driver's thread, and held completions come
 * due only at a vcdev_model_poll() or vcdev_model_release() of the
 * application's, so a controlq answer held times out in the driver),
 * masks=full|qemu|vhost (qemu: the masks QEMU's
 * builtin backend advertises, with the model performing unadvertised
 * algorithms too, as QEMU does for ciphers; vhost: the same masks, but
 * only the sessions a vhost-user device with DPDK 22.11's back-end makes,
 * see cfg.vhost_sessions), offer_indirect=0|1, offer_event_idx=0|1
 * (feature bits the model offers), strict=vhost|none (vhost: data
 * requests must be framed as DPDK 22.11's vhost-user back-end reads them,
 * cfg.strict_vhost; a violation sets DEVICE_NEEDS_RESET and prints
 * "vcdev: strict vhost violation [rule] ..." to stderr once per rule),
 * plus every devarg of the driver itself (virtio_crypto_devargs.h).
 * A vhost-user device: --vdev crypto_virtio_model0,strict=vhost,masks=vhost
 * EAL must run with IOVA as VA (--iova-mode=va): the model reads driver
 * memory at the IOVA it is given.
 */

#include <stdint.h>

struct vcdev_model;

/* The model behind cryptodev dev_id, or NULL if it is not a model device. */
struct vcdev_model *model_vdev_get(uint8_t dev_id);

#endif /* MODEL_VDEV_H */
