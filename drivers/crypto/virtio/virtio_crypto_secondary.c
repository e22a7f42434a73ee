/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The cryptodev in a DPDK secondary process (dpdk-proc-info, monitoring
 * agents, workers). The primary owns the device: a secondary never
 * resets it, negotiates, programs queues or writes a register other than
 * a queue's notify. It reads what the primary keeps in shared memory:
 * what the device is, the queue pairs' counters; and it drives queue
 * pairs the primary set up, with sessions the primary created: rings,
 * queue pairs and sessions are shared, and what is not (the notify
 * mapping, function addresses) each process keeps for itself
 * (virtio_crypto_local.h, the session's encoder index). Control calls
 * (configure, queue pair setup, sessions, close) are refused with a clear
 * error: the control queue is the primary's.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cryptodev_pmd.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_pause.h>
#include <rte_string_fns.h>

#include "virtio_crypto_akcipher.h"
#include "virtio_crypto_dev.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_local.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_mp.h"
#include "virtio_crypto_qp.h"
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

/*
 * cryptodev points a secondary's fast path at the queue pairs once, when
 * probing ends: one that attached before the primary configured points
 * at none. Look again whenever the application asks what the device is,
 * as it does before using it.
 */
static void
secondary_info_get(struct rte_cryptodev *dev, struct rte_cryptodev_info *info)
{
	rte_cryptodev_pmd_probing_finish(dev);
	vcrypto_dev_info_get(dev, info);
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

static int
secondary_asym_configure(struct rte_cryptodev *dev,
			 struct rte_crypto_asym_xform *xform __rte_unused,
			 struct rte_cryptodev_asym_session *sess __rte_unused)
{
	return refuse(dev, "session create");
}

static void
secondary_asym_clear(struct rte_cryptodev *dev __rte_unused,
		     struct rte_cryptodev_asym_session *sess __rte_unused)
{
}

/*
 * No dev_start and dev_stop: cryptodev then returns -ENOTSUP before it
 * changes dev_started, which the primary's data lives in.
 */
static struct rte_cryptodev_ops secondary_ops = {
	.dev_configure = secondary_configure,
	.dev_close = secondary_close,
	.dev_infos_get = secondary_info_get,
	.stats_get = secondary_stats_get,
	.stats_reset = secondary_stats_reset,
	.queue_pair_setup = secondary_qp_setup,
	.queue_pair_release = secondary_qp_release,
	.sym_session_get_size = vcrypto_sym_session_get_size,
	.sym_session_configure = secondary_session_configure,
	.sym_session_clear = secondary_session_clear,
	.asym_session_get_size = vcrypto_asym_session_get_size,
	.asym_session_configure = secondary_asym_configure,
	.asym_session_clear = secondary_asym_clear,
};

/*
 * Fencing. The primary frees queue pairs (close, reconfigure) only after
 * each secondary said it stopped using them (virtio_crypto_mp.c). A burst
 * here enters first, announcing itself in its lcore's counter, and only
 * then looks at the queue pair; a fence marks the device and waits for
 * the bursts that entered before it. Both sides are sequentially
 * consistent, so either the fence waits for a burst or the burst sees the
 * fence, never neither.
 *
 * A burst has only the queue pair's address, which may be freed memory
 * once its device is fenced: while any device is, a burst first looks for
 * the address among the queue pairs of devices that are not (the shared
 * device data, which outlives its queue pairs).
 */
struct burst_count {
	/* EAL lcores: odd while in a burst. Non-EAL threads: how many are. */
	uint32_t n;
} __rte_cache_aligned;

static struct burst_count bursts[RTE_MAX_LCORE + 1];
static uint32_t fenced_devices;
#define FENCE_WAIT_MS 500

static uint32_t *
burst_counter(void)
{
	unsigned int id = rte_lcore_id();

	return &bursts[id < RTE_MAX_LCORE ? id : RTE_MAX_LCORE].n;
}

static bool
published(const void *qp)
{
	unsigned int d;
	uint16_t i;

	for (d = 0; d < RTE_CRYPTO_MAX_DEVS; d++) {
		const struct rte_cryptodev *dev = rte_cryptodev_pmd_get_dev(d);

		if (vcrypto_locals[d].notify == NULL ||
		    __atomic_load_n(&vcrypto_locals[d].fenced, __ATOMIC_SEQ_CST) ||
		    dev->data == NULL || dev->data->queue_pairs == NULL)
			continue;
		for (i = 0; i < dev->data->nb_queue_pairs; i++)
			if (dev->data->queue_pairs[i] == qp)
				return true;
	}
	return false;
}

static bool
burst_enter(const void *qp, uint32_t *n)
{
	if (qp == NULL)		/* released by the primary */
		return false;
	__atomic_fetch_add(n, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&fenced_devices, __ATOMIC_SEQ_CST) == 0 ||
	    published(qp))
		return true;
	__atomic_fetch_add(n, 1, __ATOMIC_RELEASE);
	return false;
}

static void
burst_leave(uint32_t *n)
{
	__atomic_fetch_add(n, 1, __ATOMIC_RELEASE);
}

/* Until the burst in progress (if any) on this counter has left. */
static bool
burst_wait(uint32_t *n, bool shared, uint64_t deadline)
{
	uint32_t seen = __atomic_load_n(n, __ATOMIC_SEQ_CST);

	/* Shared by threads, its count goes down and up: wait for zero. */
	while (shared ? __atomic_load_n(n, __ATOMIC_ACQUIRE) != 0 :
	       (seen & 1) != 0 && __atomic_load_n(n, __ATOMIC_ACQUIRE) == seen) {
		if (rte_get_timer_cycles() > deadline)
			return false;
		rte_pause();
	}
	return true;
}

int
vcrypto_secondary_fence(struct rte_cryptodev *dev)
{
	struct vcrypto_local *l = &vcrypto_locals[dev->data->dev_id];
	uint64_t deadline = rte_get_timer_cycles() +
		rte_get_timer_hz() * FENCE_WAIT_MS / 1000;
	unsigned int i;

	if (!__atomic_exchange_n(&l->fenced, true, __ATOMIC_SEQ_CST))
		__atomic_fetch_add(&fenced_devices, 1, __ATOMIC_SEQ_CST);
	for (i = 0; i <= RTE_MAX_LCORE; i++)
		if (!burst_wait(&bursts[i].n, i == RTE_MAX_LCORE, deadline)) {
			VCRYPTO_DEV_LOG(ERR, dev->data->name,
				"a burst on lcore %u did not end in %u ms",
				i, FENCE_WAIT_MS);
			return -EBUSY;
		}
	VCRYPTO_DEV_LOG(DEBUG, dev->data->name,
			"fenced: the primary releases its queue pairs");
	return 0;
}

void
vcrypto_secondary_unfence(struct rte_cryptodev *dev)
{
	struct vcrypto_local *l = &vcrypto_locals[dev->data->dev_id];

	if (__atomic_exchange_n(&l->fenced, false, __ATOMIC_SEQ_CST))
		__atomic_fetch_sub(&fenced_devices, 1, __ATOMIC_SEQ_CST);
}

/*
 * The primary picks its burst function when it configures, which may
 * come after this process attached: look at its choice each burst.
 */
static uint16_t
secondary_enqueue(void *qpv, struct rte_crypto_op **ops, uint16_t nb_ops)
{
	const struct vcrypto_qp *qp = qpv;
	uint32_t *n = burst_counter();
	enqueue_pkt_burst_t enqueue;
	dequeue_pkt_burst_t dequeue;
	uint16_t done;

	if (!burst_enter(qp, n)) {
		rte_errno = ENODEV;
		return 0;
	}
	vcrypto_pick_bursts(qp->hw, &enqueue, &dequeue);
	done = enqueue(qpv, ops, nb_ops);
	burst_leave(n);
	return done;
}

static uint16_t
secondary_dequeue(void *qpv, struct rte_crypto_op **ops, uint16_t nb_ops)
{
	const struct vcrypto_qp *qp = qpv;
	uint32_t *n = burst_counter();
	enqueue_pkt_burst_t enqueue;
	dequeue_pkt_burst_t dequeue;
	uint16_t done;

	if (!burst_enter(qp, n))
		return 0;
	vcrypto_pick_bursts(qp->hw, &enqueue, &dequeue);
	done = dequeue(qpv, ops, nb_ops);
	burst_leave(n);
	return done;
}

/* Without a notify mapping of its own, a process drives no queue. */
static uint16_t
unmapped_enqueue(void *qp __rte_unused, struct rte_crypto_op **ops __rte_unused,
		 uint16_t nb_ops __rte_unused)
{
	rte_errno = ENOTSUP;
	return 0;
}

static uint16_t
unmapped_dequeue(void *qp __rte_unused, struct rte_crypto_op **ops __rte_unused,
		 uint16_t nb_ops __rte_unused)
{
	return 0;
}

/*
 * cryptodev 22.11's burst functions read each queue pair's callback list
 * (enq_cbs, deq_cbs: per process) without checking that it exists, and
 * only rte_cryptodev_configure() makes them, which a secondary never
 * calls: give this process empty lists for every queue pair there can be.
 */
static int
callback_lists(struct rte_cryptodev *dev, const struct vcrypto_hw *hw)
{
	size_t n = RTE_MAX(hw->max_dataqs, 1);

	dev->enq_cbs = calloc(n, sizeof(*dev->enq_cbs));
	dev->deq_cbs = calloc(n, sizeof(*dev->deq_cbs));
	if (dev->enq_cbs != NULL && dev->deq_cbs != NULL)
		return 0;
	free(dev->enq_cbs);
	free(dev->deq_cbs);
	dev->enq_cbs = NULL;
	dev->deq_cbs = NULL;
	return -ENOMEM;
}

int
vcrypto_dev_attach_secondary(struct rte_device *device,
			     vcrypto_local_map_fn map, vcrypto_local_unmap_fn unmap)
{
	struct rte_cryptodev_pmd_init_params params = {
		.private_data_size = sizeof(struct vcrypto_hw),
		.socket_id = device->numa_node,
	};
	struct rte_cryptodev *dev;
	struct vcrypto_hw *hw;
	vq_notify_fn notify = NULL;

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
	/* Without the primary's fence, this process must not burst. */
	if (callback_lists(dev, hw) == 0 && vcrypto_mp_secondary_init() == 0)
		notify = map(hw, device);
	vcrypto_locals[dev->data->dev_id].fenced = false;
	vcrypto_locals[dev->data->dev_id].notify = notify;
	vcrypto_locals[dev->data->dev_id].unmap = unmap;
	dev->enqueue_burst = notify != NULL ? secondary_enqueue :
		unmapped_enqueue;
	dev->dequeue_burst = notify != NULL ? secondary_dequeue :
		unmapped_dequeue;
	rte_cryptodev_pmd_probing_finish(dev);
	VCRYPTO_DEV_LOG(INFO, dev->data->name,
			"attached in a secondary process (%s)", notify != NULL ?
			"queue pairs the primary set up, its sessions, statistics" :
			"information and statistics only: no notify mapping");
	return 0;
}

/* What this process mapped for the device, and its fast-path state. */
static void
forget(struct rte_cryptodev *dev)
{
	struct vcrypto_local *l = &vcrypto_locals[dev->data->dev_id];

	l->notify = NULL;
	if (l->unmap != NULL)
		l->unmap(dev->data->dev_private);
	l->unmap = NULL;
	/*
	 * Without dev_ops, cryptodev releases the device without closing
	 * it, and a secondary frees neither the shared data nor dev_private.
	 */
	dev->dev_ops = NULL;
}

int
vcrypto_dev_detach_secondary(struct rte_cryptodev *dev)
{
	vcrypto_secondary_unfence(dev);
	forget(dev);
	free(dev->enq_cbs);
	free(dev->deq_cbs);
	dev->enq_cbs = NULL;
	dev->deq_cbs = NULL;
	return rte_cryptodev_pmd_destroy(dev);
}

/*
 * The device stays fenced, so a burst that read its queue pair before
 * the primary freed it still finds nothing; for the same reason its
 * callback lists stay (a few bytes).
 */
int
vcrypto_secondary_forget(struct rte_cryptodev *dev)
{
	int ret = vcrypto_secondary_fence(dev);

	if (ret != 0)
		return ret;
	VCRYPTO_DEV_LOG(INFO, dev->data->name,
			"the primary removes the device: detached");
	forget(dev);
	dev->enq_cbs = NULL;
	dev->deq_cbs = NULL;
	return rte_cryptodev_pmd_destroy(dev);
}
