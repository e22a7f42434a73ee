/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The PMD's transport interface over the model's registers. This is the
 * only file that sees the driver's struct vcrypto_hw (and so DPDK
 * headers): the model itself is plain C.
 */

#include "virtio_crypto_hw.h"
#include "virtio_crypto_transport.h"

#include "vcdev_internal.h"

static struct vcdev_model *
model_of(struct vcrypto_hw *hw)
{
	return hw->transport_priv;
}

static uint8_t
t_get_status(struct vcrypto_hw *hw)
{
	return vcdev_get_status(model_of(hw));
}

static void
t_set_status(struct vcrypto_hw *hw, uint8_t status)
{
	vcdev_set_status(model_of(hw), status);
}

static uint64_t
t_get_features(struct vcrypto_hw *hw)
{
	return vcdev_get_features(model_of(hw));
}

static void
t_set_features(struct vcrypto_hw *hw, uint64_t features)
{
	vcdev_set_features(model_of(hw), features);
}

static uint8_t
t_config_generation(struct vcrypto_hw *hw)
{
	return vcdev_config_generation(model_of(hw));
}

static void
t_read_config(struct vcrypto_hw *hw, size_t offset, void *dst, size_t len)
{
	vcdev_read_config(model_of(hw), offset, dst, len);
}

static uint16_t
t_num_queues(struct vcrypto_hw *hw)
{
	return vcdev_num_queues(model_of(hw));
}

static uint16_t
t_queue_max_size(struct vcrypto_hw *hw, uint16_t qid)
{
	return vcdev_queue_max_size(model_of(hw), qid);
}

static void *
t_queue_enable(struct vcrypto_hw *hw, uint16_t qid, uint16_t size,
	       uint64_t desc_iova, uint64_t avail_iova, uint64_t used_iova)
{
	return vcdev_queue_enable(model_of(hw), qid, size, desc_iova,
				  avail_iova, used_iova);
}

/* dma=physical: as a PCI device; else whatever EAL's IOVAs are. */
static enum vcrypto_addr_mode
t_addr_mode(struct vcrypto_hw *hw)
{
	return vcdev_dma_physical(model_of(hw)) ? VCRYPTO_ADDR_PHYSICAL :
		VCRYPTO_ADDR_IOVA;
}

/* The model goes with the device the driver destroyed. */
static void
t_close(void *transport_priv)
{
	vcdev_model_destroy(transport_priv);
}

static const struct vcrypto_transport_ops vcdev_ops = {
	.get_status = t_get_status,
	.set_status = t_set_status,
	.get_features = t_get_features,
	.set_features = t_set_features,
	.config_generation = t_config_generation,
	.read_config = t_read_config,
	.num_queues = t_num_queues,
	.queue_max_size = t_queue_max_size,
	.queue_enable = t_queue_enable,
	.notify = vcdev_notify,
	.addr_mode = t_addr_mode,
	.close = t_close,
};

const struct vcrypto_transport_ops *
vcdev_model_transport_ops(void)
{
	return &vcdev_ops;
}

void
vcdev_model_attach(struct vcdev_model *m, struct vcrypto_hw *hw)
{
	hw->ops = &vcdev_ops;
	hw->transport_priv = m;
}
