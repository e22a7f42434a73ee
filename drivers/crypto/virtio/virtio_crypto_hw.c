/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <errno.h>
#include <stddef.h>

#include <linux/virtio_crypto.h>

#include <rte_eal.h>
#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_malloc.h>

#include "virtio_crypto_ctrlq.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_queue.h"
#include "virtio_crypto_req.h"

#define RESET_TIMEOUT_US 1000000
#define CONFIG_READ_TRIES 16

/* Write status 0; the reset is complete only once it reads back 0. */
static int
reset_and_wait(struct vcrypto_hw *hw)
{
	uint64_t waited = 0;

	hw->ops->set_status(hw, 0);
	while (hw->ops->get_status(hw) != 0) {
		if (waited >= RESET_TIMEOUT_US)
			return -ETIMEDOUT;
		rte_delay_us_sleep(100);
		waited += 100;
	}
	return 0;
}

/*
 * Generations are unique across devices too, so the one compare that
 * catches a session from before a reset also catches one made on another
 * device of this driver (same driver id, its own session ids).
 */
static uint32_t
next_generation(void)
{
	static uint32_t last;
	uint32_t g;

	/* 0 marks a cleared session: never a device's generation. */
	do {
		g = __atomic_add_fetch(&last, 1, __ATOMIC_RELAXED);
	} while (g == 0);
	return g;
}

int
vcrypto_hw_reset(struct vcrypto_hw *hw)
{
	int ret = reset_and_wait(hw);

	hw->driver_ok = false;
	hw->generation = next_generation();
	if (ret != 0) {
		VCRYPTO_DEV_LOG(ERR, hw->name, "device does not reset");
		return ret;
	}
	__atomic_store_n(&hw->broken, false, __ATOMIC_RELAXED);
	__atomic_store_n(&hw->device_failed, false, __ATOMIC_RELAXED);
	__atomic_store_n(&hw->quiesce, VCRYPTO_QUIESCE_NONE, __ATOMIC_RELEASE);
	return 0;
}

static uint8_t
quiesce(struct vcrypto_hw *hw)
{
	uint16_t i;

	if (reset_and_wait(hw) != 0) {
		VCRYPTO_DEV_LOG(ERR, hw->name,
			"device does not reset: the ops it holds stay with it");
		return VCRYPTO_QUIESCE_FAILED;
	}
	/* Every queue's ops come back now; new ones fail at enqueue. */
	for (i = 0; i < hw->nb_dataqs; i++)
		vcrypto_queue_break(hw->dataqs[i]);
	__atomic_store_n(&hw->device_failed, true, __ATOMIC_RELAXED);
	VCRYPTO_DEV_LOG(ERR, hw->name,
		"device reset after a queue was given up on: reconfigure it");
	return VCRYPTO_QUIESCE_DONE;
}

bool
vcrypto_hw_quiesced(struct vcrypto_hw *hw)
{
	uint8_t st = __atomic_load_n(&hw->quiesce, __ATOMIC_ACQUIRE);

	/*
	 * Only the primary process resets the device (the transport's
	 * functions are its own): a secondary waits for it to.
	 */
	if (st == VCRYPTO_QUIESCE_NONE &&
	    rte_eal_process_type() == RTE_PROC_PRIMARY &&
	    __atomic_compare_exchange_n(&hw->quiesce, &st,
					VCRYPTO_QUIESCE_BUSY, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		st = quiesce(hw);
		__atomic_store_n(&hw->quiesce, st, __ATOMIC_RELEASE);
	}
	return st == VCRYPTO_QUIESCE_DONE;
}

static void
add_status(struct vcrypto_hw *hw, uint8_t bits)
{
	hw->ops->set_status(hw, hw->ops->get_status(hw) | bits);
}

/*
 * EAL's IOVAs are virtual addresses; a device that bypasses the IOMMU
 * (no ACCESS_PLATFORM) would read them as physical ones and write its
 * answers into unrelated memory. Refuse, and say how out.
 */
static bool
iova_usable(struct vcrypto_hw *hw)
{
	bool va = rte_eal_iova_mode() == RTE_IOVA_VA;

	switch (hw->ops->addr_mode(hw)) {
	case VCRYPTO_ADDR_PHYSICAL:
		if (!va || (hw->features & (1ULL << VIRTIO_F_ACCESS_PLATFORM)))
			return true;
		VCRYPTO_DEV_LOG(ERR, hw->name,
			"EAL uses virtual addresses as IOVAs, but the device does not "
			"offer VIRTIO_F_ACCESS_PLATFORM and would take them as "
			"physical: run with --iova-mode=pa, or give the device an "
			"IOMMU (QEMU: iommu_platform=on)");
		return false;
	case VCRYPTO_ADDR_VIRTUAL:
		if (va)
			return true;
		VCRYPTO_DEV_LOG(ERR, hw->name,
			"the device takes virtual addresses, but EAL's IOVAs are "
			"physical: run with --iova-mode=va (--no-huge implies it)");
		return false;
	default:
		return true;
	}
}

int
vcrypto_hw_negotiate(struct vcrypto_hw *hw)
{
	uint64_t offered;
	int ret;

	ret = vcrypto_hw_reset(hw);
	if (ret != 0)
		return ret;
	add_status(hw, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	add_status(hw, VIRTIO_CONFIG_S_DRIVER);

	offered = hw->ops->get_features(hw);
	if (!(offered & (1ULL << VIRTIO_F_VERSION_1))) {
		VCRYPTO_DEV_LOG(ERR, hw->name,
				"device does not offer VERSION_1 (features %#" PRIx64 ")",
				offered);
		goto failed;
	}
	/*
	 * ACCESS_PLATFORM is taken whenever offered: the device then goes
	 * through the (v)IOMMU, which is what IOVAs from EAL expect.
	 */
	/*
	 * EVENT_IDX only on request: a polling driver wants no interrupts,
	 * and QEMU's crypto device suppresses kicks while it works only
	 * through VRING_USED_F_NO_NOTIFY (with EVENT_IDX it re-arms instead),
	 * so without it a busy device costs fewer notifications.
	 */
	hw->features = offered & (VCRYPTO_WANTED_FEATURES |
		(hw->opts.event_idx ? 1ULL << VIRTIO_RING_F_EVENT_IDX : 0));
	/* The packed ring only when offered and asked for (packed_ring=1). */
	if (!hw->opts.packed_ring)
		hw->features &= ~(1ULL << VIRTIO_F_RING_PACKED);
	if (!iova_usable(hw))
		goto failed;
	hw->ops->set_features(hw, hw->features);
	add_status(hw, VIRTIO_CONFIG_S_FEATURES_OK);
	if (!(hw->ops->get_status(hw) & VIRTIO_CONFIG_S_FEATURES_OK)) {
		VCRYPTO_DEV_LOG(ERR, hw->name, "device refused features %#" PRIx64,
				hw->features);
		goto failed;
	}
	VCRYPTO_DEV_LOG(INFO, hw->name, "features offered %#" PRIx64 " negotiated %#" PRIx64,
			offered, hw->features);
	return vcrypto_hw_read_config(hw);
failed:
	add_status(hw, VIRTIO_CONFIG_S_FAILED);
	return -ENOTSUP;
}

static uint32_t
cfg32(struct vcrypto_hw *hw, size_t off)
{
	uint32_t v;

	hw->ops->read_config(hw, off, &v, sizeof(v));
	return rte_le_to_cpu_32(v);
}

static uint64_t
cfg64(struct vcrypto_hw *hw, size_t off)
{
	/* 64-bit fields may be read as two halves: generation covers it. */
	return cfg32(hw, off) | (uint64_t)cfg32(hw, off + 4) << 32;
}

#define CFG32(hw, f) cfg32(hw, offsetof(struct virtio_crypto_config, f))

static void
read_config_once(struct vcrypto_hw *hw, struct vcrypto_config *c)
{
	c->status = CFG32(hw, status);
	c->max_dataqueues = CFG32(hw, max_dataqueues);
	c->crypto_services = CFG32(hw, crypto_services);
	c->cipher_algo_l = CFG32(hw, cipher_algo_l);
	c->cipher_algo_h = CFG32(hw, cipher_algo_h);
	c->hash_algo = CFG32(hw, hash_algo);
	c->mac_algo_l = CFG32(hw, mac_algo_l);
	c->mac_algo_h = CFG32(hw, mac_algo_h);
	c->aead_algo = CFG32(hw, aead_algo);
	c->max_cipher_key_len = CFG32(hw, max_cipher_key_len);
	c->max_auth_key_len = CFG32(hw, max_auth_key_len);
	c->akcipher_algo = CFG32(hw, akcipher_algo);
	c->max_size = cfg64(hw, offsetof(struct virtio_crypto_config,
					 max_size));
}

int
vcrypto_hw_read_config(struct vcrypto_hw *hw)
{
	struct vcrypto_config c;
	uint8_t before, after;
	int tries;

	/* A consistent snapshot: retry while the device changes it. */
	for (tries = 0; tries < CONFIG_READ_TRIES; tries++) {
		before = hw->ops->config_generation(hw);
		read_config_once(hw, &c);
		after = hw->ops->config_generation(hw);
		if (before == after)
			break;
	}
	if (tries == CONFIG_READ_TRIES) {
		VCRYPTO_DEV_LOG(ERR, hw->name, "device config keeps changing");
		return -EIO;
	}
	if (!(c.status & VIRTIO_CRYPTO_S_HW_READY)) {
		VCRYPTO_DEV_LOG(ERR, hw->name,
			"device not ready (config status %#x)", c.status);
		return -EAGAIN;
	}
	/*
	 * The controlq is the queue after the data queues: it must be a
	 * queue of the device, and never one a data queue pair also uses.
	 */
	if (c.max_dataqueues == 0 ||
	    c.max_dataqueues >= hw->ops->num_queues(hw)) {
		VCRYPTO_DEV_LOG(ERR, hw->name,
			"max_dataqueues %u with %u queues: no controlq",
			c.max_dataqueues, hw->ops->num_queues(hw));
		return -EIO;
	}
	hw->cfg = c;
	hw->max_dataqs = (uint16_t)c.max_dataqueues;
	VCRYPTO_DEV_LOG(INFO, hw->name,
		"config: status %#x dataqueues %u services %#x cipher %#x:%#x hash %#x mac %#x:%#x aead %#x akcipher %#x keys %u/%u max_size %" PRIu64,
		c.status, c.max_dataqueues, c.crypto_services, c.cipher_algo_l,
		c.cipher_algo_h, c.hash_algo, c.mac_algo_l, c.mac_algo_h,
		c.aead_algo, c.akcipher_algo, c.max_cipher_key_len,
		c.max_auth_key_len, c.max_size);
	return 0;
}

int
vcrypto_hw_driver_ok(struct vcrypto_hw *hw)
{
	add_status(hw, VIRTIO_CONFIG_S_DRIVER_OK);
	if (vcrypto_hw_check_needs_reset(hw))
		return -EIO;
	hw->driver_ok = true;
	return 0;
}

bool
vcrypto_hw_check_needs_reset(struct vcrypto_hw *hw)
{
	uint8_t status = hw->ops->get_status(hw);

	if (status & (VIRTIO_CONFIG_S_NEEDS_RESET | VIRTIO_CONFIG_S_FAILED)) {
		if (!__atomic_load_n(&hw->broken, __ATOMIC_RELAXED))
			VCRYPTO_DEV_LOG(ERR, hw->name,
					"device needs reset (status %#x)", status);
		/* the data path reads these on its lcores */
		__atomic_store_n(&hw->broken, true, __ATOMIC_RELAXED);
		__atomic_store_n(&hw->device_failed, true, __ATOMIC_RELAXED);
	}
	return __atomic_load_n(&hw->broken, __ATOMIC_RELAXED);
}

static void
free_queues(struct vcrypto_hw *hw)
{
	uint16_t i;

	vcrypto_ctrlq_free(hw->ctrlq);
	hw->ctrlq = NULL;
	for (i = 0; i < hw->nb_dataqs; i++)
		vcrypto_queue_free(hw->dataqs[i]);
	rte_free(hw->dataqs);
	hw->dataqs = NULL;
	hw->nb_dataqs = 0;
}

static int
create_dataqs(struct vcrypto_hw *hw, uint16_t nb_dataqs)
{
	uint16_t i;
	int ret;

	if (nb_dataqs == 0)
		return 0;
	hw->dataqs = rte_zmalloc_socket(NULL, sizeof(*hw->dataqs) * nb_dataqs,
					0, hw->socket_id);
	if (hw->dataqs == NULL)
		return -ENOMEM;
	for (i = 0; i < nb_dataqs; i++) {
		ret = vcrypto_queue_create(hw, i, VCRYPTO_DATAQ_MAX_SIZE,
					   VCRYPTO_DATA_SLOT_SIZE,
					   VCRYPTO_DATA_INDIRECT_MAX,
					   &hw->dataqs[i]);
		if (ret != 0)
			return ret;
		hw->nb_dataqs = i + 1;
	}
	return 0;
}

static int stop_locked(struct vcrypto_hw *hw);

static int
start_locked(struct vcrypto_hw *hw, uint16_t nb_dataqs)
{
	int ret;

	if (nb_dataqs > hw->max_dataqs)
		return -EINVAL;
	ret = vcrypto_hw_negotiate(hw);
	if (ret != 0)
		return ret;
	/* Queues 0..max_dataqueues-1 are data queues, then the controlq. */
	ret = create_dataqs(hw, nb_dataqs);
	if (ret == 0)
		ret = vcrypto_ctrlq_create(hw, hw->cfg.max_dataqueues);
	if (ret == 0)
		ret = vcrypto_hw_driver_ok(hw);
	if (ret != 0)
		stop_locked(hw);
	return ret;
}

static int
stop_locked(struct vcrypto_hw *hw)
{
	/* Reset first so the device stops touching queue memory. */
	if (vcrypto_hw_reset(hw) == 0) {
		free_queues(hw);
		return 0;
	}
	/*
	 * A device that did not reset may still write into its rings and
	 * request memory: leave that memory to it rather than let it land
	 * in whatever is allocated there next.
	 */
	VCRYPTO_DEV_LOG(ERR, hw->name,
		"device did not reset: keeping its queue memory");
	hw->ctrlq = NULL;
	hw->dataqs = NULL;
	hw->nb_dataqs = 0;
	return -EIO;
}

/*
 * Queue memory comes and goes under ctrl_lock: a session call or a
 * telemetry request on another thread holds it while it uses the queues.
 */
int
vcrypto_hw_start(struct vcrypto_hw *hw, uint16_t nb_dataqs)
{
	int ret;

	pthread_mutex_lock(&hw->ctrl_lock);
	ret = start_locked(hw, nb_dataqs);
	pthread_mutex_unlock(&hw->ctrl_lock);
	return ret;
}

int
vcrypto_hw_stop(struct vcrypto_hw *hw)
{
	int ret;

	pthread_mutex_lock(&hw->ctrl_lock);
	ret = stop_locked(hw);
	pthread_mutex_unlock(&hw->ctrl_lock);
	return ret;
}

/*
 * Recursive: configure and close hold it around hw start and stop, which
 * take it too, as session calls do around their controlq requests.
 */
void
vcrypto_hw_lock_init(struct vcrypto_hw *hw)
{
	pthread_mutexattr_t attr;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&hw->ctrl_lock, &attr);
	pthread_mutexattr_destroy(&attr);
}
