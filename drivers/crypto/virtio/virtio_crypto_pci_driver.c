/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/* The PCI driver: probe and remove, devargs, registration. */

#include <errno.h>

#include <linux/virtio_ids.h>

#include <bus_pci_driver.h>
#include <cryptodev_pmd.h>
#include <rte_devargs.h>
#include <rte_errno.h>
#include <rte_lcore.h>

#include "virtio_crypto_dev.h"
#include "virtio_crypto_devargs.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_pci.h"
#include "virtio_crypto_rival.h"

#define VIRTIO_PCI_VENDOR_ID 0x1af4
/* Modern-only id: 0x1040 + device type (spec 4.1.2.1). */
#define VIRTIO_CRYPTO_PCI_DEVICE_ID (0x1040 + VIRTIO_ID_CRYPTO)

RTE_LOG_REGISTER_DEFAULT(vcrypto_logtype, NOTICE);

uint8_t vcrypto_driver_id;

static const struct rte_pci_id pci_id_vcrypto_map[] = {
	{ RTE_PCI_DEVICE(VIRTIO_PCI_VENDOR_ID, VIRTIO_CRYPTO_PCI_DEVICE_ID) },
	{ .vendor_id = 0 },
};

static int
pci_attach(struct vcrypto_hw *hw, void *pci)
{
	return vcrypto_pci_init(hw, pci);
}

/*
 * The NUMA socket the cryptodev reports. A virtual machine's PCI devices
 * mostly have none (sysfs says -1), and applications such as l2fwd-crypto
 * take rte_cryptodev_socket_id() as an index, as cryptodev's API allows.
 * Memory and lcores are then on the probing lcore's socket (0 in such a
 * guest): report that one.
 */
static int
device_socket(const struct rte_pci_device *pci)
{
	int socket = pci->device.numa_node;

	if (socket < 0)
		socket = (int)rte_socket_id();
	return socket < 0 || socket >= RTE_MAX_NUMA_NODES ? 0 : socket;
}

static int
vcrypto_pci_probe(struct rte_pci_driver *drv __rte_unused,
		  struct rte_pci_device *pci)
{
	struct vcrypto_options opts;
	struct rte_cryptodev *dev;

	int ret;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return vcrypto_dev_attach_secondary(&pci->device,
						    vcrypto_pci_secondary_map,
						    vcrypto_pci_secondary_unmap);
	if (vcrypto_options_from_string(pci->device.devargs == NULL ? NULL :
					pci->device.devargs->args, &opts) != 0) {
		VCRYPTO_LOG(ERR, "%s: bad devargs", pci->device.name);
		return -EINVAL;
	}
	ret = rte_pci_map_device(pci);
	if (ret != 0) {
		VCRYPTO_LOG(ERR, "%s: cannot map its BARs", pci->device.name);
		return ret < 0 ? ret : -ENODEV;
	}
	vcrypto_rival_note_probe(pci->device.name);
	dev = vcrypto_dev_create(&pci->device, device_socket(pci), &opts,
				 pci_attach, pci);
	if (dev == NULL) {
		ret = -rte_errno;
		rte_pci_unmap_device(pci);
		return ret;
	}
	return 0;
}

static int
vcrypto_pci_remove(struct rte_pci_device *pci)
{
	struct rte_cryptodev *dev;
	int ret;

	dev = rte_cryptodev_pmd_get_named_dev(pci->device.name);
	if (dev == NULL)
		return -ENODEV;
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return vcrypto_dev_detach_secondary(dev);
	ret = vcrypto_dev_destroy(dev);
	if (ret == 0)
		rte_pci_unmap_device(pci);
	return ret;
}

/*
 * No RTE_PCI_DRV_NEED_MAPPING: the primary maps the BARs itself, and a
 * secondary process, which never touches the device, does not map them
 * at all. EAL's mapping in a secondary opens /dev/uioN, and when that is
 * closed (at the latest when the process exits) uio_pci_generic clears
 * the device's bus mastering; QEMU's virtio device then drops DRIVER_OK
 * and goes silent under the primary.
 */
static struct rte_pci_driver vcrypto_pci_driver = {
	.id_table = pci_id_vcrypto_map,
	.drv_flags = 0,
	.probe = vcrypto_pci_probe,
	.remove = vcrypto_pci_remove,
};

static struct cryptodev_driver vcrypto_crypto_drv;

RTE_PMD_REGISTER_PCI(VCRYPTO_DRIVER_NAME, vcrypto_pci_driver);
RTE_PMD_REGISTER_PCI_TABLE(VCRYPTO_DRIVER_NAME, pci_id_vcrypto_map);
RTE_PMD_REGISTER_KMOD_DEP(VCRYPTO_DRIVER_NAME,
			  "* igb_uio | uio_pci_generic | vfio-pci");
RTE_PMD_REGISTER_PARAM_STRING(VCRYPTO_DRIVER_NAME, VCRYPTO_DEVARGS_HELP);
RTE_PMD_REGISTER_CRYPTO_DRIVER(vcrypto_crypto_drv, vcrypto_pci_driver.driver,
			       vcrypto_driver_id);
