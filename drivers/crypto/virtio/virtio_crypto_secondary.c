/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The cryptodev in a DPDK secondary process (dpdk-proc-info, monitoring
 * agents). The primary owns the device: a secondary never resets it,
 * negotiates, programs queues or writes a register. What the primary
 * keeps in shared memory it may read: what the device is and the queue
 * pairs' counters. Everything else is refused with a clear error, until
 * the driver's per-process state (transport, notify and encode function
 * pointers, all process-local addresses today) is kept apart.
 */

#include <errno.h>
#include <string.h>

#include <cryptodev_pmd.h>
#include <rte_errno.h>
#include <rte_string_fns.h>

#include "virtio_crypto_dev.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_session.h"

static int
refuse(const struct rte_cryptodev *dev, const char *what)
{
	VCRYPTO_DEV_LOG(ERR, dev->data->name,
			"%s is not possible from a secondary process: the "
			"primary owns the device", what);
	return -ENOTSUP;
}

static int
secondary_configure(struct rte_cryptodev *dev,
		    struct rte_cryptodev_config *config __rte_unused)
{
	return refuse(dev, "configure");
}

static int
secondary_close(struct rte_cryptodev *dev)
{
	return refuse(dev, "close");
}

static void
secondary_stats_get(struct rte_cryptodev *dev,
		    struct rte_cryptodev_stats *stats)
{
	/*
	 * Without the primary's lock (not shared between processes): a
	 * reconfigure in the primary meanwhile can make one reading wrong,
	 * never a crash (queue memory stays mapped).
	 */
	vcrypto_dev_stats_sum(dev, stats);
}

static void
secondary_stats_reset(struct rte_cryptodev *dev)
{
	refuse(dev, "stats reset");
}

static int
secondary_qp_setup(struct rte_cryptodev *dev, uint16_t qp_id __rte_unused,
		   const struct rte_cryptodev_qp_conf *conf __rte_unused,
		   int socket_id __rte_unused)
{
	return refuse(dev, "queue pair setup");
}

static int
secondary_qp_release(struct rte_cryptodev *dev, uint16_t qp_id __rte_unused)
{
	return refuse(dev, "queue pair release");
}

static int
secondary_session_configure(struct rte_cryptodev *dev,
			    struct rte_crypto_sym_xform *xform __rte_unused,
			    struct rte_cryptodev_sym_session *sess __rte_unused)
{
	return refuse(dev, "session create");
}

static void
secondary_session_clear(struct rte_cryptodev *dev __rte_unused,
			struct rte_cryptodev_sym_session *sess __rte_unused)
{
}

/*
 * No dev_start and dev_stop: cryptodev then returns -ENOTSUP before it
 * changes dev_started, which the primary's data lives in.
 */
static struct rte_cryptodev_ops secondary_ops = {
	.dev_configure = secondary_configure,
	.dev_close = secondary_close,
	.dev_infos_get = vcrypto_dev_info_get,
	.stats_get = secondary_stats_get,
	.stats_reset = secondary_stats_reset,
	.queue_pair_setup = secondary_qp_setup,
	.queue_pair_release = secondary_qp_release,
	.sym_session_get_size = vcrypto_sym_session_get_size,
	.sym_session_configure = secondary_session_configure,
	.sym_session_clear = secondary_session_clear,
};

static uint16_t
secondary_enqueue(void *qp __rte_unused, struct rte_crypto_op **ops __rte_unused,
		  uint16_t nb_ops __rte_unused)
{
	rte_errno = ENOTSUP;
	return 0;
}

static uint16_t
secondary_dequeue(void *qp __rte_unused, struct rte_crypto_op **ops __rte_unused,
		  uint16_t nb_ops __rte_unused)
{
	return 0;
}

int
vcrypto_dev_attach_secondary(struct rte_device *device)
{
	struct rte_cryptodev_pmd_init_params params = {
		.private_data_size = sizeof(struct vcrypto_hw),
		.socket_id = device->numa_node,
	};
	struct rte_cryptodev *dev;
	struct vcrypto_hw *hw;

	rte_strscpy(params.name, device->name, sizeof(params.name));
	/* In a secondary this finds the primary's device data by name. */
	dev = rte_cryptodev_pmd_create(device->name, device, &params);
	if (dev == NULL) {
		VCRYPTO_LOG(ERR, "%s: the primary process has no such device",
			    device->name);
		return -ENODEV;
	}
	hw = dev->data->dev_private;
	dev->driver_id = vcrypto_driver_id;
	dev->dev_ops = &secondary_ops;
	dev->feature_flags = hw->feature_flags;
	dev->enqueue_burst = secondary_enqueue;
	dev->dequeue_burst = secondary_dequeue;
	rte_cryptodev_pmd_probing_finish(dev);
	VCRYPTO_DEV_LOG(INFO, dev->data->name,
			"attached in a secondary process (information and "
			"statistics only)");
	return 0;
}

int
vcrypto_dev_detach_secondary(struct rte_cryptodev *dev)
{
	/*
	 * Without dev_ops, cryptodev releases the device without closing
	 * it, and a secondary frees neither the shared data nor dev_private.
	 */
	dev->dev_ops = NULL;
	return rte_cryptodev_pmd_destroy(dev);
}
