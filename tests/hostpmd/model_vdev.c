/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/virtio_config.h>
#include <linux/virtio_crypto.h>
#include <linux/virtio_ring.h>

#include <bus_vdev_driver.h>
#include <cryptodev_pmd.h>
#include <rte_errno.h>
#include <rte_kvargs.h>

#include "model_vdev.h"
#include "vcdev_model.h"
#include "virtio_crypto_dev.h"
#include "virtio_crypto_devargs.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_transport.h"

/*
 * The vdev driver is named like the PCI one, so DPDK apps that look
 * devices up by driver name (--devtype crypto_virtio) find model devices
 * too; "--vdev crypto_virtio_model0" matches it by prefix.
 */
#define MODEL_DRIVER_NAME crypto_virtio

static const char * const model_own_keys[] = {
	"dataqueues", "queue_size", "max_size", "sessions", "threads",
	"masks", "offer_indirect", "offer_event_idx", "offer_packed", "strict",
	"offer_access_platform", "offer_order_platform", "dma",
};

/* The model's keys and then the driver's, so no driver devarg is missed. */
static const char *model_keys[RTE_DIM(model_own_keys) + 16];

RTE_INIT(model_keys_init)
{
	vcrypto_devarg_keys_with(model_own_keys, RTE_DIM(model_own_keys),
				 model_keys, RTE_DIM(model_keys));
}

static struct vcdev_model *models[RTE_CRYPTO_MAX_DEVS];

struct vcdev_model *
model_vdev_get(uint8_t dev_id)
{
	return dev_id < RTE_CRYPTO_MAX_DEVS ? models[dev_id] : NULL;
}

/* What QEMU's builtin backend advertises (FACTS: it performs more). */
static void
qemu_masks(struct vcdev_model_config *c)
{
	c->crypto_services = (1u << VIRTIO_CRYPTO_SERVICE_CIPHER) |
		(1u << VIRTIO_CRYPTO_SERVICE_HASH) |
		(1u << VIRTIO_CRYPTO_SERVICE_MAC);
	c->cipher_algo_l = 1u << VIRTIO_CRYPTO_CIPHER_AES_CBC;
	c->cipher_algo_h = 0;
	c->hash_algo = 1u << VIRTIO_CRYPTO_HASH_SHA1;
	c->mac_algo_l = 0;
	c->mac_algo_h = 0;
	c->aead_algo = 0;
	c->akcipher_algo = 0;
	c->accept_unadvertised = true;
}

static int
masks_arg(const char *key __rte_unused, const char *value, void *out)
{
	struct vcdev_model_config *c = out;

	if (value == NULL)
		return -EINVAL;
	if (strcmp(value, "qemu") == 0) {
		qemu_masks(c);
		/* QEMU 7.2's builtin backend, on nettle, adds RSA. */
		c->crypto_services |= 1u << VIRTIO_CRYPTO_SERVICE_AKCIPHER;
		c->akcipher_algo = 1u << VIRTIO_CRYPTO_AKCIPHER_RSA;
	} else if (strcmp(value, "vhost") == 0) {
		/* QEMU's vhost-user device advertises what its builtin does. */
		qemu_masks(c);
		c->vhost_sessions = true;
	} else if (strcmp(value, "full") != 0) {
		return -EINVAL;
	}
	return 0;
}

/* strict=vhost: data requests framed as DPDK's vhost-user back-end reads. */
/* A devarg naming one of two states: value yes or no, into a bool. */
static int
choice_arg(const char *value, const char *yes, const char *no, bool *out)
{
	if (value == NULL)
		return -EINVAL;
	if (strcmp(value, yes) == 0)
		*out = true;
	else if (strcmp(value, no) == 0)
		*out = false;
	else
		return -EINVAL;
	return 0;
}

static int
strict_arg(const char *key __rte_unused, const char *value, void *out)
{
	return choice_arg(value, "vhost", "none",
			  &((struct vcdev_model_config *)out)->strict_vhost);
}

/* dma=physical: the model says it bypasses the IOMMU, as PCI devices do. */
static int
dma_arg(const char *key __rte_unused, const char *value, void *out)
{
	return choice_arg(value, "physical", "iova",
			  &((struct vcdev_model_config *)out)->dma_physical);
}

static int
feature_arg(struct rte_kvargs *kv, const char *key, unsigned int bit,
	    struct vcdev_model_config *c)
{
	uint32_t on = (c->features >> bit) & 1;

	if (rte_kvargs_process(kv, key, vcrypto_kvarg_u32, &on) < 0 || on > 1)
		return -EINVAL;
	c->features = on ? c->features | (1ULL << bit) :
		c->features & ~(1ULL << bit);
	return 0;
}

static int
model_config(struct rte_kvargs *kv, struct vcdev_model_config *c)
{
	uint32_t qsize = c->queue_size, max_size = (uint32_t)c->max_size;
	uint32_t threads = 1;

	if (rte_kvargs_process(kv, "dataqueues", vcrypto_kvarg_u32,
			       &c->max_dataqueues) < 0 ||
	    rte_kvargs_process(kv, "queue_size", vcrypto_kvarg_u32, &qsize) < 0 ||
	    rte_kvargs_process(kv, "max_size", vcrypto_kvarg_u32, &max_size) < 0 ||
	    rte_kvargs_process(kv, "sessions", vcrypto_kvarg_u32,
			       &c->max_sessions) < 0 ||
	    rte_kvargs_process(kv, "threads", vcrypto_kvarg_u32, &threads) < 0 ||
	    rte_kvargs_process(kv, "masks", masks_arg, c) < 0 ||
	    rte_kvargs_process(kv, "strict", strict_arg, c) < 0 ||
	    feature_arg(kv, "offer_indirect", VIRTIO_RING_F_INDIRECT_DESC, c) != 0 ||
	    feature_arg(kv, "offer_event_idx", VIRTIO_RING_F_EVENT_IDX, c) != 0 ||
	    feature_arg(kv, "offer_packed", VIRTIO_F_RING_PACKED, c) != 0 ||
	    feature_arg(kv, "offer_access_platform", VIRTIO_F_ACCESS_PLATFORM,
			c) != 0 ||
	    feature_arg(kv, "offer_order_platform", VIRTIO_F_ORDER_PLATFORM,
			c) != 0 ||
	    rte_kvargs_process(kv, "dma", dma_arg, c) < 0 ||
	    qsize == 0 || qsize > UINT16_MAX)
		return -EINVAL;
	c->queue_size = (uint16_t)qsize;
	c->max_size = max_size;
	/*
	 * The driver waits on the controlq: the model must serve by itself,
	 * from its threads or, with threads=0, from the notify call.
	 */
	c->threaded = threads != 0;
	c->nb_threads = threads;
	return 0;
}

static int
parse_args(const char *args, struct vcdev_model_config *c,
	   struct vcrypto_options *o)
{
	struct rte_kvargs *kv;
	int ret;

	*c = vcdev_model_config_full();
	vcrypto_options_default(o);
	if (args == NULL || *args == '\0')
		return 0;
	kv = rte_kvargs_parse(args, model_keys);
	if (kv == NULL)
		return -EINVAL;
	ret = model_config(kv, c);
	if (ret == 0)
		ret = vcrypto_options_parse(kv, o);
	rte_kvargs_free(kv);
	return ret;
}

/*
 * threads=0: no device thread. A notify serves every queue at once, in
 * the driver's thread, as far as the faults let it; the application calls
 * vcdev_model_poll() for what only time would bring (held completions
 * coming due). Deterministic, and no handoff between threads.
 *
 * The model's notify cookie leads to a queue of the model, not to the
 * model: the transport is wrapped, and queue_enable hands the driver a
 * cookie of ours naming both.
 */
struct sync_queue {
	struct vcdev_model *m;
	void *cookie;		/* the model's */
};

struct sync_dev {
	struct vcdev_model *m;
	uint16_t nb_queues;
	struct sync_queue *queues;
};

static struct sync_dev sync_devs[RTE_CRYPTO_MAX_DEVS];
static struct vcrypto_transport_ops sync_ops;

static struct sync_dev *
sync_dev_of(const struct vcdev_model *m)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(sync_devs); i++)
		if (sync_devs[i].m == m)
			return &sync_devs[i];
	return NULL;
}

static void *
sync_queue_enable(struct vcrypto_hw *hw, uint16_t qid, uint16_t size,
		  uint64_t desc_iova, uint64_t avail_iova, uint64_t used_iova)
{
	struct sync_dev *sd = sync_dev_of(hw->transport_priv);
	void *cookie;

	if (sd == NULL || qid >= sd->nb_queues)
		return NULL;
	cookie = vcdev_model_transport_ops()->queue_enable(hw, qid, size,
		desc_iova, avail_iova, used_iova);
	if (cookie == NULL)
		return NULL;
	sd->queues[qid].cookie = cookie;
	return &sd->queues[qid];
}

static void
sync_notify(void *cookie)
{
	struct sync_queue *sq = cookie;

	/* Counted as a notification, then served as a device thread would. */
	vcdev_model_transport_ops()->notify(sq->cookie);
	vcdev_model_poll(sq->m);
}

static void
sync_detach(struct vcdev_model *m)
{
	struct sync_dev *sd = sync_dev_of(m);

	if (sd == NULL)
		return;
	free(sd->queues);
	memset(sd, 0, sizeof(*sd));
}

/* The served-inline queues, then the model. */
static void
sync_close(void *transport_priv)
{
	sync_detach(transport_priv);
	vcdev_model_destroy(transport_priv);
}

static int
sync_attach(struct vcrypto_hw *hw, struct vcdev_model *m, uint16_t nb_queues)
{
	struct sync_dev *sd = sync_dev_of(NULL);
	uint16_t i;

	if (sd == NULL)
		return -ENOSPC;
	sd->queues = calloc(nb_queues, sizeof(*sd->queues));
	if (sd->queues == NULL)
		return -ENOMEM;
	for (i = 0; i < nb_queues; i++)
		sd->queues[i].m = m;
	sd->nb_queues = nb_queues;
	sd->m = m;
	if (sync_ops.notify == NULL) {
		sync_ops = *vcdev_model_transport_ops();
		sync_ops.queue_enable = sync_queue_enable;
		sync_ops.notify = sync_notify;
		sync_ops.close = sync_close;
	}
	hw->ops = &sync_ops;
	return 0;
}


static int
model_attach(struct vcrypto_hw *hw, void *cfg)
{
	const struct vcdev_model_config *c = cfg;
	struct vcdev_model *m = vcdev_model_create(c);
	int ret;

	if (m == NULL)
		return -errno;
	vcdev_model_attach(m, hw);
	if (c->threaded)
		return 0;
	ret = sync_attach(hw, m, (uint16_t)(c->max_dataqueues + 1));
	if (ret != 0) {
		vcdev_model_destroy(m);
		hw->transport_priv = NULL;
	}
	return ret;
}


/*
 * In a secondary process. The model and its threads live in the primary,
 * which this process cannot call: it leaves new work to the threads, which
 * look at every queue at least once a millisecond. A model without
 * threads serves only from the primary's notify, so this process then
 * drives no queues.
 */
static void
model_secondary_notify(void *cookie __rte_unused)
{
}

static vq_notify_fn
model_secondary_map(const struct vcrypto_hw *hw __rte_unused,
		    struct rte_device *device)
{
	struct vcdev_model_config cfg;
	struct vcrypto_options opts;

	if (parse_args(rte_vdev_device_args(RTE_DEV_TO_VDEV(device)), &cfg,
		       &opts) != 0 || !cfg.threaded)
		return NULL;
	return model_secondary_notify;
}

static int
model_probe(struct rte_vdev_device *vdev)
{
	struct vcdev_model_config cfg;
	struct vcrypto_options opts;
	struct rte_cryptodev *dev;
	struct vcrypto_hw *hw;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return vcrypto_dev_attach_secondary(&vdev->device,
						    model_secondary_map, NULL);
	if (parse_args(rte_vdev_device_args(vdev), &cfg, &opts) != 0) {
		RTE_LOG(ERR, CRYPTODEV, "%s: bad arguments\n",
			rte_vdev_device_name(vdev));
		return -EINVAL;
	}
	dev = vcrypto_dev_create(&vdev->device, rte_socket_id(), &opts,
				 model_attach, &cfg);
	if (dev == NULL)
		return -rte_errno;
	hw = dev->data->dev_private;
	models[dev->data->dev_id] = hw->transport_priv;
	return 0;
}

static int
model_remove(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev);
	struct rte_cryptodev *dev = rte_cryptodev_pmd_get_named_dev(name);

	if (dev != NULL && rte_eal_process_type() == RTE_PROC_PRIMARY)
		models[dev->data->dev_id] = NULL;
	return vcrypto_vdev_remove(name);
}

static struct rte_vdev_driver model_vdev_driver = {
	.probe = model_probe,
	.remove = model_remove,
};

RTE_PMD_REGISTER_VDEV(MODEL_DRIVER_NAME, model_vdev_driver);
RTE_PMD_REGISTER_PARAM_STRING(MODEL_DRIVER_NAME,
	"dataqueues=<n> queue_size=<n> max_size=<n> sessions=<n> threads=<n> "
	"masks=full|qemu|vhost offer_indirect=0|1 offer_event_idx=0|1 "
	"offer_packed=0|1 "
	"offer_access_platform=0|1 offer_order_platform=0|1 dma=physical|iova "
	"strict=vhost|none " VCRYPTO_DEVARGS_HELP);
