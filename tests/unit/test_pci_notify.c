/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * A queue's notify address, from what the device says: queue_notify_off
 * times notify_off_multiplier must land, with the 16-bit write there, in
 * the notify area; the product must not wrap; and the multiplier must be
 * one the spec allows (0, or an even power of 2).
 */

#include <stdint.h>

#include "check.h"
#include "virtio_crypto_pci.h"

int
main(void)
{
	CHECK(vcrypto_pci_notify_mult_valid(0), "multiplier 0 (one address)");
	CHECK(vcrypto_pci_notify_mult_valid(2) &&
	      vcrypto_pci_notify_mult_valid(4) &&
	      vcrypto_pci_notify_mult_valid(0x80000000u),
	      "multipliers 2, 4 and 2^31");
	CHECK(!vcrypto_pci_notify_mult_valid(1), "multiplier 1 refused");
	CHECK(!vcrypto_pci_notify_mult_valid(3) &&
	      !vcrypto_pci_notify_mult_valid(6) &&
	      !vcrypto_pci_notify_mult_valid(0xffffffffu),
	      "multipliers 3, 6 and 2^32-1 refused");

	CHECK(vcrypto_pci_notify_offset(3, 4, 4096) == 12,
	      "queue 3, multiplier 4: offset 12");
	CHECK(vcrypto_pci_notify_offset(7, 0, 2) == 0,
	      "multiplier 0: every queue at offset 0");
	CHECK(vcrypto_pci_notify_offset(1023, 4, 4094) == 4092 &&
	      vcrypto_pci_notify_offset(1023, 4, 4093) == UINT64_MAX,
	      "the 16-bit write must fit in the area");
	CHECK(vcrypto_pci_notify_offset(0x8000, 0x20000, 0x1000) == UINT64_MAX,
	      "an offset that wraps in 32 bits to 0 is refused");
	CHECK(vcrypto_pci_notify_offset(0xffff, 0x80000000u, UINT32_MAX) ==
	      UINT64_MAX, "the largest product is refused, not wrapped");
	return check_done("pci_notify");
}
