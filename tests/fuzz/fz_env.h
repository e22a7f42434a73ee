/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef FZ_ENV_H
#define FZ_ENV_H

/*
 * The PMD's objects without EAL, for the targets that drive parts of the
 * driver directly. The link wraps (-Wl,--wrap) the few EAL services the
 * driver calls: its memory comes from malloc (IOVA = virtual address,
 * exact sizes, so ASan sees every overrun), delays do not sleep, and PCI
 * config space reads come from a buffer the target fills.
 *
 * fz_dev is a scriptable virtio-crypto device behind the driver's
 * transport interface: registers and config in memory, queues the
 * target serves itself (fz_dev_pop / fz_dev_used) when the driver
 * notifies, as a device with no thread of its own.
 */

#include <stdbool.h>
#include <stdint.h>

#include <linux/virtio_crypto.h>
#include <linux/virtio_ring.h>

#include "fz_common.h"
#include "virtio_crypto_hw.h"

#define FZ_MAX_QUEUES 4
#define FZ_MAX_CHAIN 64

/* One buffer of a chain, as the device sees it. */
struct fz_buf {
	uint8_t *addr;		/* IOVA is the virtual address */
	uint32_t len;
	bool write;
};

struct fz_chain {
	uint16_t head;
	uint16_t n;
	bool indirect;
	bool seen_write;
	uint32_t writable;
	struct fz_buf b[FZ_MAX_CHAIN];
};

struct fz_queue {
	bool enabled;
	uint16_t size;
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	uint16_t last_avail;
	uint16_t used_idx;
};

struct fz_dev;
typedef void (*fz_notify_fn)(struct fz_dev *d, uint16_t qid);

struct fz_dev {
	struct vcrypto_hw hw;
	uint8_t status;
	bool refuse_features;	/* FEATURES_OK does not stick */
	uint64_t offered;
	uint64_t accepted;
	uint8_t generation;
	struct virtio_crypto_config cfg;	/* little endian, as on PCI */
	uint16_t num_queues;
	uint16_t queue_max;
	struct fz_queue q[FZ_MAX_QUEUES];
	uint16_t notify_qid[FZ_MAX_QUEUES];
	fz_notify_fn on_notify;
	void *arg;
};

/* A device offering every service and algorithm bit, 1 data queue. */
void fz_dev_init(struct fz_dev *d, uint16_t queue_max);
/*
 * Negotiate and start the driver's side with nb_dataqs data queues;
 * the controlq is queue max_dataqueues. 0 or the driver's error.
 */
int fz_dev_start(struct fz_dev *d, uint16_t nb_dataqs);
/* Stop the driver's side and free what it holds. */
void fz_dev_stop(struct fz_dev *d);

/*
 * Take the next chain the driver made available on qid, walking it as a
 * device would; every rule the driver must keep is checked (abort).
 * False when none is available.
 */
bool fz_dev_pop(struct fz_dev *d, uint16_t qid, struct fz_chain *c);
/* Write one used entry (any id, any length) and publish it. */
void fz_dev_used(struct fz_dev *d, uint16_t qid, uint32_t id, uint32_t len);

/* PCI config space the wrapped rte_pci_read_config reads from. */
extern uint8_t fz_pci_config[4096];
extern uint32_t fz_pci_config_size;

/* rte_mem_virt2memseg finds nothing while this is false. */
extern bool fz_memseg_found;

/* Allocations made through the wrapped EAL allocators, not freed yet. */
extern long fz_live_allocs;

/* Quiet the PMD's logs unless FUZZ_VERBOSE is set. */
void fz_quiet_logs(void);

struct rte_cryptodev_sym_session;
/*
 * A zeroed session object sized as an application sizes it (what the
 * driver says it needs); free() it. NULL if out of memory.
 */
struct rte_cryptodev_sym_session *fz_session_alloc(void);

#endif /* FZ_ENV_H */
