/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * PCI capability list and device configuration parsing of the modern
 * virtio transport (virtio_crypto_pci.c) and the device handshake and
 * config reading above it (virtio_crypto_hw.c), capabilities derived
 * from the config (virtio_crypto_caps.c): PCI config space is what the
 * input says (the wrapped rte_pci_read_config reads it), and so are the
 * BARs' sizes and contents. Half the inputs build a plausible capability
 * list with input-chosen fields, the other half are raw config space.
 *
 * Every BAR is a heap block of exactly its length, so any access outside
 * one (a structure placed past its BAR, a notify offset out of its area)
 * is an ASan report. When the transport comes up, its registers are
 * exercised: handshake, config snapshot, capabilities, queue sizes,
 * queue programming and notification.
 */

#include <linux/pci_regs.h>
#include <linux/virtio_pci.h>
#include <stdlib.h>

#include <bus_pci_driver.h>

#include "fz_env.h"
#include "virtio_crypto_caps.h"
#include "virtio_crypto_pci.h"

#define NB_BARS 6

static const uint32_t bar_sizes[] = { 0, 64, 256, 4096, 8192, 16384 };

static void
build_caps(struct fz_in *in)
{
	uint8_t pos = 0x40 + (fz_u8(in) & 0x3c);
	unsigned int n = fz_pick(in, 8), i;
	uint16_t status = PCI_STATUS_CAP_LIST;

	memcpy(fz_pci_config + PCI_STATUS, &status, sizeof(status));
	fz_pci_config[PCI_CAPABILITY_LIST] = fz_bool(in) ? pos : fz_u8(in);
	for (i = 0; i < n; i++) {
		struct virtio_pci_notify_cap nc;
		uint8_t next = i + 1 < n ? (uint8_t)(pos + 20 +
			(fz_u8(in) & 0x1c)) : 0;

		if (pos >= fz_pci_config_size)
			break;
		memset(&nc, 0, sizeof(nc));
		nc.cap.cap_vndr = fz_u8(in) < 230 ? PCI_CAP_ID_VNDR : fz_u8(in);
		nc.cap.cap_next = fz_u8(in) < 240 ? next : fz_u8(in);
		nc.cap.cap_len = sizeof(nc);
		nc.cap.cfg_type = 1 + fz_pick(in, 6);
		nc.cap.bar = fz_pick(in, 8);
		if (fz_bool(in)) {
			nc.cap.offset = htole32(fz_pick(in, 64) * 64);
			nc.cap.length = htole32(fz_pick(in, 9) * 32);
		} else {
			nc.cap.offset = htole32(fz_u32(in));
			nc.cap.length = htole32(fz_u32(in));
		}
		nc.notify_off_multiplier = htole32(fz_bool(in) ?
			1u << fz_pick(in, 5) : fz_u32(in));
		/* A list that runs off the end of config space is allowed. */
		memcpy(fz_pci_config + pos, &nc,
		       RTE_MIN(sizeof(nc), fz_pci_config_size - pos));
		if (next == 0 || next + sizeof(nc) > fz_pci_config_size)
			break;
		pos = next;
	}
}

static void
exercise(struct vcrypto_hw *hw, struct fz_in *in)
{
	uint16_t nq = hw->ops->num_queues(hw), i;
	void *cookie;

	if (vcrypto_hw_negotiate(hw) == 0) {
		hw->opts.probe_caps = false;
		if (vcrypto_caps_build(hw) == 0) {
			const struct rte_cryptodev_capabilities *c;

			for (c = hw->caps;
			     c->op != RTE_CRYPTO_OP_TYPE_UNDEFINED; c++)
				FZ_CHECK(c->op == RTE_CRYPTO_OP_TYPE_SYMMETRIC,
					 "capability of op type %d", c->op);
		}
		vcrypto_caps_free(hw);
	}
	/* Queue registers, with fake ring addresses: nothing is served. */
	for (i = 0; i < 4 && i <= nq; i++) {
		uint16_t qid = fz_bool(in) ? i : fz_u16(in);
		uint16_t size = hw->ops->queue_max_size(hw, qid);

		cookie = hw->ops->queue_enable(hw, qid, size, 0x1000, 0x2000,
					       0x3000);
		if (cookie != NULL)
			hw->ops->notify(cookie);
	}
	vcrypto_hw_check_needs_reset(hw);
	vcrypto_hw_reset(hw);
}

int
LLVMFuzzerInitialize(int *argc __rte_unused, char ***argv __rte_unused)
{
	fz_quiet_logs();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rte_pci_device *pci;
	struct vcrypto_hw hw;
	long allocs = fz_live_allocs;
	struct fz_in in;
	unsigned int i;

	fz_in_init(&in, data, size);
	pci = calloc(1, sizeof(*pci));
	if (pci == NULL)
		return 0;
	memset(&hw, 0, sizeof(hw));
	hw.name = "fuzz-pci";
	vcrypto_hw_lock_init(&hw);

	fz_pci_config_size = fz_bool(&in) ? 256 : 64 + fz_pick(&in, 4033);
	memset(fz_pci_config, 0, sizeof(fz_pci_config));
	if (fz_bool(&in))
		fz_bytes(&in, fz_pci_config, RTE_MIN(fz_pci_config_size, 256u));
	else
		build_caps(&in);

	for (i = 0; i < NB_BARS; i++) {
		uint32_t len = bar_sizes[fz_pick(&in, RTE_DIM(bar_sizes))];

		if (len == 0)
			continue;
		pci->mem_resource[i].addr = malloc(len);
		pci->mem_resource[i].len = len;
		pci->mem_resource[i].phys_addr = 0xfe000000ull + i * 0x100000;
		if (pci->mem_resource[i].addr == NULL)
			continue;
		/* Registers: the first bytes from the input, the rest zero. */
		memset(pci->mem_resource[i].addr, 0, len);
		fz_bytes(&in, pci->mem_resource[i].addr, RTE_MIN(len, 96u));
	}
	/* Device config: somewhere in some BAR, from the remaining input. */
	for (i = 0; i < NB_BARS && fz_more(&in); i++)
		if (pci->mem_resource[i].addr != NULL &&
		    pci->mem_resource[i].len >= 4096)
			fz_bytes(&in, (uint8_t *)pci->mem_resource[i].addr +
				 0x400 * fz_pick(&in, 4), 128);

	if (vcrypto_pci_init(&hw, pci) == 0) {
		FZ_CHECK(hw.ops != NULL && hw.transport_priv != NULL,
			 "init succeeded without a transport");
		exercise(&hw, &in);
		hw.ops->close(hw.transport_priv);
	}
	FZ_CHECK(fz_live_allocs == allocs, "%ld allocations leaked",
		 fz_live_allocs - allocs);
	for (i = 0; i < NB_BARS; i++)
		free(pci->mem_resource[i].addr);
	pthread_mutex_destroy(&hw.ctrl_lock);
	free(pci);
	return 0;
}
