/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Telemetry: /crypto_virtio/info,<dev_id> reports what the cryptodev
 * stats cannot: negotiated features, device state, and per data queue
 * virtqueue counters (including bad used-ring entries from the device).
 */

#include <stdio.h>
#include <stdlib.h>

#include <cryptodev_pmd.h>
#include <rte_telemetry.h>

#include "virtio_crypto_ctrlq.h"
#include "virtio_crypto_dev.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_queue.h"

static void
add_queue(struct rte_tel_data *d, const struct vcrypto_queue *q)
{
	const struct vq_stats *st = vcrypto_queue_stats(q);
	char key[64];

#define ADD(field) do { \
		snprintf(key, sizeof(key), "dataq%u_%s", q->qid, #field); \
		rte_tel_data_add_dict_u64(d, key, \
			__atomic_load_n(&st->field, __ATOMIC_RELAXED)); \
	} while (0)
	ADD(posted);
	ADD(completed);
	ADD(notifications);
	ADD(bad_id);
	ADD(bad_len);
#undef ADD
	snprintf(key, sizeof(key), "dataq%u_in_flight", q->qid);
	rte_tel_data_add_dict_u64(d, key, vcrypto_queue_in_flight(q));
	snprintf(key, sizeof(key), "dataq%u_broken", q->qid);
	rte_tel_data_add_dict_int(d, key, vcrypto_queue_broken(q));
	snprintf(key, sizeof(key), "dataq%u_ring", q->qid);
	rte_tel_data_add_dict_string(d, key, q->packed ? "packed" : "split");
}

static int
info_cmd(const char *cmd __rte_unused, const char *params,
	 struct rte_tel_data *d)
{
	struct rte_cryptodev *dev;
	struct vcrypto_hw *hw;
	char *end;
	long id;
	uint16_t i;

	if (params == NULL || *params == '\0')
		return -EINVAL;
	id = strtol(params, &end, 10);
	if (*end != '\0' || id < 0 || id >= RTE_CRYPTO_MAX_DEVS ||
	    !rte_cryptodev_is_valid_dev((uint8_t)id))
		return -EINVAL;
	dev = rte_cryptodev_pmd_get_dev((uint8_t)id);
	if (dev->dev_ops != &vcrypto_dev_ops)
		return -EINVAL;
	hw = dev->data->dev_private;

	/* configure and close free the queues under this lock */
	pthread_mutex_lock(&hw->ctrl_lock);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "features", hw->features);
	rte_tel_data_add_dict_int(d, "driver_ok", hw->driver_ok);
	rte_tel_data_add_dict_int(d, "needs_reset",
		__atomic_load_n(&hw->broken, __ATOMIC_RELAXED));
	rte_tel_data_add_dict_u64(d, "generation", hw->generation);
	rte_tel_data_add_dict_u64(d, "max_dataqueues", hw->max_dataqs);
	rte_tel_data_add_dict_u64(d, "configured_dataqueues", hw->nb_dataqs);
	rte_tel_data_add_dict_u64(d, "ctrl_timeouts",
				  vcrypto_ctrlq_timeouts(hw->ctrlq));
	rte_tel_data_add_dict_u64(d, "ctrl_late_sessions_destroyed",
				  vcrypto_ctrlq_orphans_destroyed(hw->ctrlq));
	for (i = 0; i < hw->nb_dataqs; i++)
		add_queue(d, hw->dataqs[i]);
	pthread_mutex_unlock(&hw->ctrl_lock);
	return 0;
}

RTE_INIT(vcrypto_telemetry_init)
{
	rte_telemetry_register_cmd("/crypto_virtio/info", info_cmd,
		"Negotiated features, state and virtqueue counters of a crypto_virtio device. Parameters: int dev_id");
}
