/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/* The PCI driver: probe and remove, devargs, registration. */

#include <errno.h>
#include <stdlib.h>

#include <linux/virtio_ids.h>

#include <bus_pci_driver.h>
#include <cryptodev_pmd.h>
#include <rte_devargs.h>
#include <rte_kvargs.h>

#include "virtio_crypto_dev.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_pci.h"

#define VIRTIO_PCI_VENDOR_ID 0x1af4
/* Modern-only id: 0x1040 + device type (spec 4.1.2.1). */
#define VIRTIO_CRYPTO_PCI_DEVICE_ID (0x1040 + VIRTIO_ID_CRYPTO)

#define ARG_CTRL_TIMEOUT_MS "ctrl_timeout_ms"
#define ARG_PROBE_CAPS "probe_caps"

#define DEFAULT_CTRL_TIMEOUT_MS 2000

RTE_LOG_REGISTER_DEFAULT(vcrypto_logtype, NOTICE);

static uint8_t vcrypto_driver_id;

static const struct rte_pci_id pci_id_vcrypto_map[] = {
	{ RTE_PCI_DEVICE(VIRTIO_PCI_VENDOR_ID, VIRTIO_CRYPTO_PCI_DEVICE_ID) },
	{ .vendor_id = 0 },
};

static int
parse_uint(const char *key __rte_unused, const char *value, void *out)
{
	char *end;
	unsigned long v;

	if (value == NULL)
		return -EINVAL;
	errno = 0;
	v = strtoul(value, &end, 0);
	if (errno != 0 || *end != '\0' || end == value || v > UINT32_MAX)
		return -EINVAL;
	*(uint32_t *)out = (uint32_t)v;
	return 0;
}

static int
parse_devargs(const struct rte_devargs *devargs, struct vcrypto_options *o)
{
	static const char * const keys[] = {
		ARG_CTRL_TIMEOUT_MS, ARG_PROBE_CAPS, NULL
	};
	struct rte_kvargs *kv;
	uint32_t probe = 1;
	int ret = 0;

	o->ctrl_timeout_ms = DEFAULT_CTRL_TIMEOUT_MS;
	o->probe_caps = true;
	if (devargs == NULL || devargs->args == NULL)
		return 0;
	kv = rte_kvargs_parse(devargs->args, keys);
	if (kv == NULL)
		return -EINVAL;
	if (rte_kvargs_process(kv, ARG_CTRL_TIMEOUT_MS, parse_uint,
			       &o->ctrl_timeout_ms) < 0 ||
	    rte_kvargs_process(kv, ARG_PROBE_CAPS, parse_uint, &probe) < 0 ||
	    o->ctrl_timeout_ms == 0 || probe > 1)
		ret = -EINVAL;
	o->probe_caps = probe != 0;
	rte_kvargs_free(kv);
	return ret;
}

static int
vcrypto_pci_probe(struct rte_pci_driver *drv __rte_unused,
		  struct rte_pci_device *pci)
{
	struct rte_cryptodev_pmd_init_params params = {
		.private_data_size = sizeof(struct vcrypto_hw),
		.socket_id = pci->device.numa_node,
		.max_nb_queue_pairs = 0,
	};
	struct rte_cryptodev *dev;
	struct vcrypto_hw *hw;
	int ret;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return -ENOTSUP;
	rte_strscpy(params.name, pci->device.name, sizeof(params.name));
	dev = rte_cryptodev_pmd_create(pci->device.name, &pci->device, &params);
	if (dev == NULL)
		return -ENODEV;
	dev->driver_id = vcrypto_driver_id;
	hw = dev->data->dev_private;
	hw->name = dev->data->name;
	ret = parse_devargs(pci->device.devargs, &hw->opts);
	if (ret != 0) {
		VCRYPTO_DEV_LOG(ERR, hw->name, "bad devargs");
		goto fail;
	}
	ret = vcrypto_pci_init(hw, pci);
	if (ret == 0)
		ret = vcrypto_dev_init(dev);
	if (ret != 0)
		goto fail;
	rte_cryptodev_pmd_probing_finish(dev);
	VCRYPTO_DEV_LOG(INFO, hw->name, "probed: %u data queues",
			hw->max_dataqs);
	return 0;
fail:
	vcrypto_pci_uninit(hw);
	rte_cryptodev_pmd_destroy(dev);
	return ret;
}

static int
vcrypto_pci_remove(struct rte_pci_device *pci)
{
	struct rte_cryptodev *dev;
	struct vcrypto_hw hw;
	int ret;

	dev = rte_cryptodev_pmd_get_named_dev(pci->device.name);
	if (dev == NULL)
		return -ENODEV;
	if (dev->data->dev_started)
		rte_cryptodev_stop(dev->data->dev_id);
	/*
	 * Destroying closes the device through our ops (which still need the
	 * transport) and frees dev_private: keep what to free afterwards.
	 */
	hw = *(struct vcrypto_hw *)dev->data->dev_private;
	ret = rte_cryptodev_pmd_destroy(dev);
	if (ret != 0)
		return ret;
	vcrypto_dev_uninit_hw(&hw);
	vcrypto_pci_uninit(&hw);
	return 0;
}

static struct rte_pci_driver vcrypto_pci_driver = {
	.id_table = pci_id_vcrypto_map,
	.drv_flags = RTE_PCI_DRV_NEED_MAPPING,
	.probe = vcrypto_pci_probe,
	.remove = vcrypto_pci_remove,
};

static struct cryptodev_driver vcrypto_crypto_drv;

RTE_PMD_REGISTER_PCI(VCRYPTO_DRIVER_NAME, vcrypto_pci_driver);
RTE_PMD_REGISTER_PCI_TABLE(VCRYPTO_DRIVER_NAME, pci_id_vcrypto_map);
RTE_PMD_REGISTER_KMOD_DEP(VCRYPTO_DRIVER_NAME,
			  "* igb_uio | uio_pci_generic | vfio-pci");
RTE_PMD_REGISTER_PARAM_STRING(VCRYPTO_DRIVER_NAME,
			      ARG_CTRL_TIMEOUT_MS "=<ms> "
			      ARG_PROBE_CAPS "=<0|1>");
RTE_PMD_REGISTER_CRYPTO_DRIVER(vcrypto_crypto_drv, vcrypto_pci_driver.driver,
			       vcrypto_driver_id);
