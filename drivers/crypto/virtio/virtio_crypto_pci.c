/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/pci_regs.h>
#include <linux/virtio_crypto.h>
#include <linux/virtio_pci.h>

#include <bus_pci_driver.h>
#include <rte_byteorder.h>
#include <rte_common.h>
#include <rte_io.h>
#include <rte_malloc.h>

#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_pci.h"

/* Capability lists are short; a loop in one must not hang the probe. */
#define MAX_PCI_CAPS 48

/* A queue's notify cookie, in shared memory: addr is the primary's. */
struct pci_notify {
	void *addr;
	uint16_t qid;
	uint8_t dev_id;
};

struct vcrypto_pci {
	struct rte_pci_device *pci;
	uint8_t *common;
	uint8_t *isr;
	uint8_t *device;
	uint8_t *notify_base;
	uint32_t notify_len;
	uint32_t notify_mult;
	uint8_t notify_bar;
	void *notify_bar_va;		/* where the primary mapped that BAR */
	uint16_t num_queues;
	struct pci_notify *notify;	/* one per queue */
};

#define COMMON(p, field) \
	((void *)((p)->common + offsetof(struct virtio_pci_common_cfg, field)))

static struct vcrypto_pci *
pci_of(struct vcrypto_hw *hw)
{
	return hw->transport_priv;
}

static uint8_t
pci_get_status(struct vcrypto_hw *hw)
{
	return rte_read8(COMMON(pci_of(hw), device_status));
}

static void
pci_set_status(struct vcrypto_hw *hw, uint8_t status)
{
	rte_write8(status, COMMON(pci_of(hw), device_status));
}

static uint64_t
pci_get_features(struct vcrypto_hw *hw)
{
	struct vcrypto_pci *p = pci_of(hw);
	uint64_t lo, hi;

	rte_write32(0, COMMON(p, device_feature_select));
	lo = rte_read32(COMMON(p, device_feature));
	rte_write32(1, COMMON(p, device_feature_select));
	hi = rte_read32(COMMON(p, device_feature));
	return lo | hi << 32;
}

static void
pci_set_features(struct vcrypto_hw *hw, uint64_t features)
{
	struct vcrypto_pci *p = pci_of(hw);

	rte_write32(0, COMMON(p, guest_feature_select));
	rte_write32((uint32_t)features, COMMON(p, guest_feature));
	rte_write32(1, COMMON(p, guest_feature_select));
	rte_write32((uint32_t)(features >> 32), COMMON(p, guest_feature));
}

static uint8_t
pci_config_generation(struct vcrypto_hw *hw)
{
	return rte_read8(COMMON(pci_of(hw), config_generation));
}

static void
pci_read_config(struct vcrypto_hw *hw, size_t offset, void *dst, size_t len)
{
	uint8_t *src = pci_of(hw)->device + offset;
	uint8_t *d = dst;
	uint32_t v;

	/* Config fields are read with their own width (spec 4.1.3.1). */
	if (len == 4 && (offset & 3) == 0) {
		v = rte_read32(src);
		memcpy(dst, &v, 4);
		return;
	}
	while (len--)
		*d++ = rte_read8(src++);
}

static uint16_t
pci_num_queues(struct vcrypto_hw *hw)
{
	return pci_of(hw)->num_queues;
}

static uint16_t
pci_queue_max_size(struct vcrypto_hw *hw, uint16_t qid)
{
	struct vcrypto_pci *p = pci_of(hw);

	if (qid >= p->num_queues)
		return 0;
	rte_write16(qid, COMMON(p, queue_select));
	return rte_read16(COMMON(p, queue_size));
}

static void
write64_split(uint64_t v, void *lo, void *hi)
{
	rte_write32((uint32_t)v, lo);
	rte_write32((uint32_t)(v >> 32), hi);
}

bool
vcrypto_pci_notify_mult_valid(uint32_t mult)
{
	/* The spec allows 0 (one address for all) or an even power of 2. */
	return mult == 0 || (rte_is_power_of_2(mult) && mult >= 2);
}

uint64_t
vcrypto_pci_notify_offset(uint16_t notify_off, uint32_t mult, uint32_t len)
{
	/* 16 x 32 bits: computed in 64, never wrapped into the area. */
	uint64_t off = (uint64_t)notify_off * mult;

	return off + sizeof(uint16_t) > len ? UINT64_MAX : off;
}

static void *
pci_queue_enable(struct vcrypto_hw *hw, uint16_t qid, uint16_t size,
		 uint64_t desc, uint64_t avail, uint64_t used)
{
	struct vcrypto_pci *p = pci_of(hw);
	uint64_t off;

	if (qid >= p->num_queues)
		return NULL;
	rte_write16(qid, COMMON(p, queue_select));
	rte_write16(size, COMMON(p, queue_size));
	/* Polled: no interrupt for the queue. */
	rte_write16(VIRTIO_MSI_NO_VECTOR, COMMON(p, queue_msix_vector));
	write64_split(desc, COMMON(p, queue_desc_lo), COMMON(p, queue_desc_hi));
	write64_split(avail, COMMON(p, queue_avail_lo), COMMON(p, queue_avail_hi));
	write64_split(used, COMMON(p, queue_used_lo), COMMON(p, queue_used_hi));
	off = vcrypto_pci_notify_offset(rte_read16(COMMON(p, queue_notify_off)),
					p->notify_mult, p->notify_len);
	if (off == UINT64_MAX) {
		VCRYPTO_DEV_LOG(ERR, hw->name,
			"queue %u notify offset outside the notify area", qid);
		return NULL;
	}
	p->notify[qid].addr = p->notify_base + off;
	p->notify[qid].qid = qid;
	p->notify[qid].dev_id = hw->dev_id;
	rte_write16(1, COMMON(p, queue_enable));
	return &p->notify[qid];
}

static void
pci_notify(void *cookie)
{
	struct pci_notify *n = cookie;

	rte_write16(n->qid, n->addr);
}

/* Guest-physical, unless the device goes through an IOMMU. */
static enum vcrypto_addr_mode
pci_addr_mode(struct vcrypto_hw *hw __rte_unused)
{
	return VCRYPTO_ADDR_PHYSICAL;
}

/* The BARs stay mapped: the PCI driver unmaps them after this. */
static void
pci_close(void *transport_priv)
{
	struct vcrypto_pci *p = transport_priv;

	if (p == NULL)
		return;
	rte_free(p->notify);
	rte_free(p);
}

static const struct vcrypto_transport_ops pci_ops = {
	.get_status = pci_get_status,
	.set_status = pci_set_status,
	.get_features = pci_get_features,
	.set_features = pci_set_features,
	.config_generation = pci_config_generation,
	.read_config = pci_read_config,
	.num_queues = pci_num_queues,
	.queue_max_size = pci_queue_max_size,
	.queue_enable = pci_queue_enable,
	.notify = pci_notify,
	.addr_mode = pci_addr_mode,
	.close = pci_close,
};

/* Address of a capability's structure, checked against its BAR. */
static uint8_t *
cap_address(struct rte_pci_device *pci, const struct virtio_pci_cap *cap)
{
	const struct rte_mem_resource *res;

	if (cap->bar >= PCI_MAX_RESOURCE)
		return NULL;
	res = &pci->mem_resource[cap->bar];
	if (res->addr == NULL ||
	    (uint64_t)cap->offset + cap->length > res->len)
		return NULL;
	return (uint8_t *)res->addr + cap->offset;
}

static void
take_cap(struct vcrypto_pci *p, const struct virtio_pci_cap *cap,
	 uint8_t *addr, uint8_t pos)
{
	uint32_t mult;

	switch (cap->cfg_type) {
	case VIRTIO_PCI_CAP_COMMON_CFG:
		if (p->common == NULL &&
		    cap->length >= sizeof(struct virtio_pci_common_cfg))
			p->common = addr;
		break;
	case VIRTIO_PCI_CAP_NOTIFY_CFG:
		if (p->notify_base != NULL ||
		    rte_pci_read_config(p->pci, &mult, sizeof(mult),
			pos + offsetof(struct virtio_pci_notify_cap,
				       notify_off_multiplier)) != sizeof(mult))
			break;
		mult = rte_le_to_cpu_32(mult);
		if (!vcrypto_pci_notify_mult_valid(mult))
			break;
		p->notify_base = addr;
		p->notify_len = cap->length;
		p->notify_mult = mult;
		p->notify_bar = cap->bar;
		p->notify_bar_va = p->pci->mem_resource[cap->bar].addr;
		break;
	case VIRTIO_PCI_CAP_ISR_CFG:
		if (p->isr == NULL)
			p->isr = addr;
		break;
	case VIRTIO_PCI_CAP_DEVICE_CFG:
		if (p->device == NULL &&
		    cap->length >= sizeof(struct virtio_crypto_config))
			p->device = addr;
		break;
	default:
		break;
	}
}

static int
find_caps(struct vcrypto_pci *p)
{
	struct virtio_pci_cap cap;
	uint16_t status;
	uint8_t pos;
	uint8_t *addr;
	int i;

	if (rte_pci_read_config(p->pci, &status, sizeof(status),
				PCI_STATUS) != sizeof(status) ||
	    !(status & PCI_STATUS_CAP_LIST) ||
	    rte_pci_read_config(p->pci, &pos, 1, PCI_CAPABILITY_LIST) != 1)
		return -ENODEV;
	for (i = 0; i < MAX_PCI_CAPS && pos != 0; i++) {
		if (rte_pci_read_config(p->pci, &cap, sizeof(cap), pos) !=
		    sizeof(cap))
			return -EIO;
		if (cap.cap_vndr == PCI_CAP_ID_VNDR) {
			addr = cap_address(p->pci, &cap);
			if (addr != NULL)
				take_cap(p, &cap, addr, pos);
		}
		pos = cap.cap_next;
	}
	if (p->common == NULL || p->notify_base == NULL || p->device == NULL)
		return -ENODEV;
	return 0;
}

int
vcrypto_pci_init(struct vcrypto_hw *hw, struct rte_pci_device *pci)
{
	struct vcrypto_pci *p;
	int ret;

	p = rte_zmalloc_socket(NULL, sizeof(*p), 0, pci->device.numa_node);
	if (p == NULL)
		return -ENOMEM;
	p->pci = pci;
	ret = find_caps(p);
	if (ret != 0) {
		VCRYPTO_DEV_LOG(ERR, hw->name,
			"no usable virtio 1.x PCI capabilities (legacy-only device?)");
		rte_free(p);
		return ret;
	}
	p->num_queues = rte_read16(COMMON(p, num_queues));
	p->notify = rte_zmalloc_socket(NULL,
		sizeof(*p->notify) * RTE_MAX(p->num_queues, 1), 0,
		pci->device.numa_node);
	if (p->notify == NULL) {
		rte_free(p);
		return -ENOMEM;
	}
	hw->transport_priv = p;
	hw->ops = &pci_ops;
	return 0;
}


/*
 * A secondary process's own mapping of each device's notify BAR, and its
 * distance from the primary's: the queues' notify cookies, shared, hold
 * the primary's addresses.
 */
struct pci_remap {
	void *va;
	size_t len;		/* 0: mapped by EAL (vfio) */
	struct rte_pci_device *pci;
	intptr_t shift;
};

static struct pci_remap pci_remaps[RTE_CRYPTO_MAX_DEVS];

static void
pci_notify_remapped(void *cookie)
{
	const struct pci_notify *n = cookie;

	rte_write16(n->qid, RTE_PTR_ADD(n->addr, pci_remaps[n->dev_id].shift));
}

/*
 * Under vfio-pci, through EAL (the VFIO device file of this process; the
 * primary's stays open, so closing this one resets nothing). The kernel
 * refuses sysfs mappings of BARs a driver holds.
 */
static void *
map_vfio(const struct vcrypto_hw *hw, struct rte_pci_device *pci, uint8_t bar)
{
	if (rte_pci_map_device(pci) != 0) {
		VCRYPTO_DEV_LOG(ERR, hw->name, "cannot map the BARs through VFIO");
		return NULL;
	}
	pci_remaps[hw->dev_id].pci = pci;
	return pci->mem_resource[bar].addr;
}

/*
 * Otherwise the BAR's sysfs file, not EAL's mapping: in a secondary that
 * opens /dev/uioN, and its close makes uio_pci_generic clear bus
 * mastering under the running primary. Closing this file changes nothing.
 */
static void *
map_sysfs(const struct vcrypto_hw *hw, const struct rte_pci_device *pci,
	  uint8_t bar)
{
	char name[PCI_PRI_STR_SIZE], path[PATH_MAX];
	size_t len = pci->mem_resource[bar].len;
	void *va;
	int fd;

	rte_pci_device_name(&pci->addr, name, sizeof(name));
	snprintf(path, sizeof(path), "%s/%s/resource%u",
		 rte_pci_get_sysfs_path(), name, bar);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		VCRYPTO_DEV_LOG(ERR, hw->name, "cannot open %s: %s", path,
				strerror(errno));
		return NULL;
	}
	va = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (va == MAP_FAILED) {
		VCRYPTO_DEV_LOG(ERR, hw->name, "cannot map %s: %s", path,
				strerror(errno));
		return NULL;
	}
	pci_remaps[hw->dev_id].len = len;
	return va;
}

vq_notify_fn
vcrypto_pci_secondary_map(const struct vcrypto_hw *hw,
			  struct rte_device *device)
{
	struct rte_pci_device *pci = RTE_DEV_TO_PCI(device);
	const struct vcrypto_pci *p = hw->transport_priv;
	struct pci_remap *r = &pci_remaps[hw->dev_id];
	void *va;

	if (p == NULL || p->notify_bar >= PCI_MAX_RESOURCE)
		return NULL;
	memset(r, 0, sizeof(*r));
	va = pci->kdrv == RTE_PCI_KDRV_VFIO ?
		map_vfio(hw, pci, p->notify_bar) :
		map_sysfs(hw, pci, p->notify_bar);
	if (va == NULL)
		return NULL;
	r->va = va;
	r->shift = (intptr_t)va - (intptr_t)p->notify_bar_va;
	return pci_notify_remapped;
}

void
vcrypto_pci_secondary_unmap(const struct vcrypto_hw *hw)
{
	struct pci_remap *r = &pci_remaps[hw->dev_id];

	if (r->pci != NULL)
		rte_pci_unmap_device(r->pci);
	else if (r->va != NULL)
		munmap(r->va, r->len);
	memset(r, 0, sizeof(*r));
}
