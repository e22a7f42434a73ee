/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <errno.h>
#include <string.h>

#include <cryptodev_pmd.h>
#include <rte_errno.h>
#include <rte_string_fns.h>

#include "virtio_crypto_akcipher.h"
#include "virtio_crypto_caps.h"
#include "virtio_crypto_dev.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_local.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_mp.h"
#include "virtio_crypto_qp.h"
#include "virtio_crypto_queue.h"
#include "virtio_crypto_req.h"
#include "virtio_crypto_session.h"

/*
 * All or nothing: one queue pair holding ops keeps every one. Secondary
 * processes stop using them first (they may hold the ops in flight), and
 * go on if they stay.
 */
static int
release_qps(struct rte_cryptodev *dev)
{
	uint16_t i;
	int ret;

	ret = vcrypto_mp_fence_secondaries(dev);
	for (i = 0; i < dev->data->nb_queue_pairs && ret == 0; i++)
		if (vcrypto_qp_outstanding(dev->data->queue_pairs[i]) != 0)
			ret = vcrypto_qp_release(dev, i);
	if (ret != 0) {
		vcrypto_mp_unfence_secondaries(dev);
		return ret;
	}
	for (i = 0; i < dev->data->nb_queue_pairs; i++)
		vcrypto_qp_release(dev, i);
	return 0;
}

/* Every data queue has indirect tables the fast path's requests fit in. */
static bool
fast_tables(const struct vcrypto_hw *hw)
{
	uint16_t i;

	for (i = 0; i < hw->nb_dataqs; i++)
		if (vcrypto_queue_indirect_max(hw->dataqs[i]) <
		    VCRYPTO_FAST_TABLE_ENTRIES)
			return false;
	return hw->nb_dataqs != 0;
}

static int configure_locked(struct rte_cryptodev *dev,
			    struct rte_cryptodev_config *config);
static int close_locked(struct rte_cryptodev *dev);

/*
 * Configure and close hold ctrl_lock (recursive: hw start and stop take
 * it too), so stats, telemetry and session calls on other threads never
 * see queue pairs or queues half gone.
 */
static int
vcrypto_dev_configure(struct rte_cryptodev *dev,
		      struct rte_cryptodev_config *config)
{
	struct vcrypto_hw *hw = dev->data->dev_private;
	int ret;

	pthread_mutex_lock(&hw->ctrl_lock);
	ret = configure_locked(dev, config);
	pthread_mutex_unlock(&hw->ctrl_lock);
	return ret;
}

static int
vcrypto_dev_close(struct rte_cryptodev *dev)
{
	struct vcrypto_hw *hw = dev->data->dev_private;
	int ret;

	pthread_mutex_lock(&hw->ctrl_lock);
	ret = close_locked(dev);
	pthread_mutex_unlock(&hw->ctrl_lock);
	return ret;
}

static int
configure_locked(struct rte_cryptodev *dev,
		 struct rte_cryptodev_config *config)
{
	struct vcrypto_hw *hw = dev->data->dev_private;
	int ret;

	if (config->nb_queue_pairs == 0 ||
	    config->nb_queue_pairs > hw->max_dataqs) {
		VCRYPTO_DEV_LOG(ERR, hw->name, "%u queue pairs asked, %u possible",
				config->nb_queue_pairs, hw->max_dataqs);
		return -EINVAL;
	}
	/*
	 * Every queue is programmed before DRIVER_OK, as the spec wants, so
	 * queue pair setup later only attaches to its ring. A reconfigure
	 * resets the device: its sessions are gone; ops not dequeued yet
	 * would be too, so it waits until there are none.
	 */
	ret = release_qps(dev);
	if (ret != 0)
		return ret;
	if (hw->driver_ok)
		vcrypto_hw_stop(hw);
	ret = vcrypto_hw_start(hw, config->nb_queue_pairs);
	/*
	 * The burst function, once: with indirect descriptors, single-
	 * segment ops are written straight into their slot's table
	 * (rte_cryptodev_start() copies it into the fast-path ops).
	 */
	if (ret == 0) {
		hw->fast_burst = fast_tables(hw);
		vcrypto_pick_bursts(hw, &dev->enqueue_burst,
				    &dev->dequeue_burst);
		/* Their queue pairs are set up again: theirs to use. */
		vcrypto_mp_unfence_secondaries(dev);
	}
	return ret;
}

static int
vcrypto_dev_start(struct rte_cryptodev *dev)
{
	struct vcrypto_hw *hw = dev->data->dev_private;

	if (!hw->driver_ok || vcrypto_hw_check_needs_reset(hw))
		return -EIO;
	return 0;
}

static void
vcrypto_dev_stop(struct rte_cryptodev *dev __rte_unused)
{
	/* Queues and sessions stay: start may follow. */
}

static int
close_locked(struct rte_cryptodev *dev)
{
	struct vcrypto_hw *hw = dev->data->dev_private;
	uint16_t i;
	int ret;

	ret = release_qps(dev);
	if (ret != 0 && !hw->removing)
		return ret;
	if (ret != 0)	/* release_qps let the secondaries go on */
		vcrypto_mp_fence_secondaries(dev);
	/*
	 * Removal cannot wait for them: ops not dequeued are lost, and what
	 * they use is freed once the device is reset, not before.
	 */
	for (i = 0; i < dev->data->nb_queue_pairs; i++)
		if (vcrypto_qp_outstanding(dev->data->queue_pairs[i]) != 0)
			VCRYPTO_DEV_LOG(WARNING, hw->name,
				"queue pair %u removed with %u ops not dequeued",
				i, vcrypto_qp_outstanding(
					dev->data->queue_pairs[i]));
	if (vcrypto_hw_stop(hw) != 0)
		return 0;
	for (i = 0; i < dev->data->nb_queue_pairs; i++)
		vcrypto_qp_free(dev, i);
	return 0;
}

void
vcrypto_dev_info_get(struct rte_cryptodev *dev, struct rte_cryptodev_info *info)
{
	struct vcrypto_hw *hw = dev->data->dev_private;

	info->driver_id = hw->driver_id;
	info->driver_name = dev->device->driver->name;
	info->device = dev->device;
	info->feature_flags = dev->feature_flags;
	info->capabilities = hw->caps;
	info->max_nb_queue_pairs = hw->max_dataqs;
	/* The device has a limit but does not say it: 0 means unknown. */
	info->sym.max_nb_sessions = 0;
	info->min_mbuf_headroom_req = 0;
	info->min_mbuf_tailroom_req = 0;
}

static uint64_t
stat_read(const uint64_t *c)
{
	return __atomic_load_n(c, __ATOMIC_RELAXED);
}

void
vcrypto_dev_stats_sum(const struct rte_cryptodev *dev,
		      struct rte_cryptodev_stats *stats)
{
	struct vcrypto_qp *qp;
	uint16_t i;

	memset(stats, 0, sizeof(*stats));
	for (i = 0; i < dev->data->nb_queue_pairs; i++) {
		qp = dev->data->queue_pairs[i];
		if (qp == NULL)
			continue;
		stats->enqueued_count += stat_read(&qp->stats.enqueued_count);
		stats->dequeued_count += stat_read(&qp->stats.dequeued_count);
		stats->enqueue_err_count +=
			stat_read(&qp->stats.enqueue_err_count);
		stats->dequeue_err_count +=
			stat_read(&qp->stats.dequeue_err_count);
	}
}

static void
vcrypto_dev_stats_get(struct rte_cryptodev *dev,
		      struct rte_cryptodev_stats *stats)
{
	struct vcrypto_hw *hw = dev->data->dev_private;

	/* Queue pairs come and go under the lock; the lcores count on. */
	pthread_mutex_lock(&hw->ctrl_lock);
	vcrypto_dev_stats_sum(dev, stats);
	vcrypto_hw_check_needs_reset(hw);
	pthread_mutex_unlock(&hw->ctrl_lock);
}

static void
vcrypto_dev_stats_reset(struct rte_cryptodev *dev)
{
	struct vcrypto_hw *hw = dev->data->dev_private;
	struct vcrypto_qp *qp;
	uint16_t i;

	pthread_mutex_lock(&hw->ctrl_lock);
	for (i = 0; i < dev->data->nb_queue_pairs; i++) {
		qp = dev->data->queue_pairs[i];
		if (qp == NULL)
			continue;
		__atomic_store_n(&qp->stats.enqueued_count, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&qp->stats.dequeued_count, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&qp->stats.enqueue_err_count, 0,
				 __ATOMIC_RELAXED);
		__atomic_store_n(&qp->stats.dequeue_err_count, 0,
				 __ATOMIC_RELAXED);
	}
	pthread_mutex_unlock(&hw->ctrl_lock);
}

struct rte_cryptodev_ops vcrypto_dev_ops = {
	.dev_configure = vcrypto_dev_configure,
	.dev_start = vcrypto_dev_start,
	.dev_stop = vcrypto_dev_stop,
	.dev_close = vcrypto_dev_close,
	.dev_infos_get = vcrypto_dev_info_get,
	.stats_get = vcrypto_dev_stats_get,
	.stats_reset = vcrypto_dev_stats_reset,
	.queue_pair_setup = vcrypto_qp_setup,
	.queue_pair_release = vcrypto_qp_release,
	.sym_session_get_size = vcrypto_sym_session_get_size,
	.sym_session_configure = vcrypto_sym_session_configure,
	.sym_session_clear = vcrypto_sym_session_clear,
	.asym_session_get_size = vcrypto_asym_session_get_size,
	.asym_session_configure = vcrypto_asym_session_configure,
	.asym_session_clear = vcrypto_asym_session_clear,
};

/*
 * Learn what the device does, with the controlq and one data queue for
 * probing by operation, then reset it.
 */
static int
learn_device(struct vcrypto_hw *hw)
{
	int ret;

	ret = vcrypto_hw_negotiate(hw);
	if (ret == 0)
		ret = vcrypto_hw_start(hw, RTE_MIN(hw->max_dataqs, 1));
	if (ret != 0)
		return ret;
	ret = vcrypto_caps_build(hw);
	vcrypto_hw_stop(hw);
	return ret;
}

static int
dev_init(struct rte_cryptodev *dev)
{
	struct vcrypto_hw *hw = dev->data->dev_private;
	int ret;

	vcrypto_hw_lock_init(hw);
	hw->name = dev->data->name;
	hw->socket_id = dev->data->socket_id;
	hw->driver_id = dev->driver_id;
	ret = learn_device(hw);
	if (ret == 0 && hw->max_dataqs == 0) {
		VCRYPTO_DEV_LOG(ERR, hw->name, "device has no data queue");
		ret = -ENODEV;
	}
	if (ret != 0) {
		VCRYPTO_DEV_LOG(ERR, hw->name, "device init failed: %d", ret);
		vcrypto_caps_free(hw);
		return ret;
	}
	dev->dev_ops = &vcrypto_dev_ops;
	vcrypto_locals[dev->data->dev_id].notify = hw->ops->notify;
	dev->enqueue_burst = vcrypto_enqueue_burst;
	dev->dequeue_burst = vcrypto_dequeue_burst;
	dev->feature_flags = hw->feature_flags;
	return 0;
}

static void
close_transport(const struct vcrypto_transport_ops *ops, void *transport)
{
	if (ops != NULL && ops->close != NULL)
		ops->close(transport);
}

struct rte_cryptodev *
vcrypto_dev_create(struct rte_device *device, int socket_id,
		   const struct vcrypto_options *opts, vcrypto_attach_fn attach,
		   void *arg)
{
	struct rte_cryptodev_pmd_init_params params = {
		.private_data_size = sizeof(struct vcrypto_hw),
		.socket_id = socket_id,
	};
	struct rte_cryptodev *dev;
	struct vcrypto_hw *hw;
	int ret;

	rte_strscpy(params.name, device->name, sizeof(params.name));
	dev = rte_cryptodev_pmd_create(device->name, device, &params);
	if (dev == NULL) {
		rte_errno = ENODEV;
		return NULL;
	}
	dev->driver_id = vcrypto_driver_id;
	hw = dev->data->dev_private;
	hw->name = dev->data->name;
	hw->dev_id = dev->data->dev_id;
	hw->opts = *opts;
	ret = attach(hw, arg);
	if (ret == 0) {
		ret = dev_init(dev);
		if (ret != 0)
			close_transport(hw->ops, hw->transport_priv);
	}
	if (ret != 0) {
		rte_cryptodev_pmd_destroy(dev);
		rte_errno = -ret;
		return NULL;
	}
	rte_cryptodev_pmd_probing_finish(dev);
	VCRYPTO_DEV_LOG(INFO, hw->name,
			"probed by virtio-crypto PMD %s: %u data queues",
			VCRYPTO_PMD_VERSION, hw->max_dataqs);
	return dev;
}

int
vcrypto_dev_destroy(struct rte_cryptodev *dev)
{
	struct vcrypto_hw *hw = dev->data->dev_private;
	const struct vcrypto_transport_ops *ops = hw->ops;
	void *transport = hw->transport_priv;
	uint8_t dev_id = dev->data->dev_id;
	struct rte_cryptodev_capabilities *caps;
	int ret;

	if (dev->data->dev_started)
		rte_cryptodev_stop(dev->data->dev_id);
	hw->removing = true;
	vcrypto_mp_remove_secondaries(dev);
	/*
	 * Destroying closes the device through the transport, then frees hw:
	 * the transport and the capabilities are let go of afterwards.
	 */
	caps = hw->caps;
	ret = rte_cryptodev_pmd_destroy(dev);
	if (ret != 0)
		return ret;
	vcrypto_locals[dev_id].notify = NULL;
	rte_free(caps);
	close_transport(ops, transport);
	return 0;
}

int
vcrypto_vdev_remove(const char *name)
{
	struct rte_cryptodev *dev = rte_cryptodev_pmd_get_named_dev(name);

	if (dev == NULL)
		return -ENODEV;
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return vcrypto_dev_detach_secondary(dev);
	return vcrypto_dev_destroy(dev);
}
