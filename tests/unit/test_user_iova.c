/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Digest, tag and AAD buffers the application gave without an IOVA are
 * looked up in EAL's memory map. The device takes each as one buffer, so
 * one that runs past its memory segment into a segment at other IOVAs
 * (under IOVA as PA, the next hugepage may be anywhere) must be refused,
 * not sent as if contiguous. EAL's lookup is replaced here by a fake map
 * (the program links with --wrap=rte_mem_virt2memseg).
 */

#include <stdint.h>
#include <string.h>

#include <rte_memory.h>

#include "check.h"
#include "virtio_crypto_sym.h"

#define PAGE 4096u

static uint8_t area[3 * PAGE] __rte_aligned(PAGE);
static struct rte_memseg segs[3];

const struct rte_memseg *__wrap_rte_mem_virt2memseg(const void *addr,
		const struct rte_memseg_list *msl);

const struct rte_memseg *
__wrap_rte_mem_virt2memseg(const void *addr,
			   const struct rte_memseg_list *msl __rte_unused)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(segs); i++)
		if ((uintptr_t)addr - (uintptr_t)segs[i].addr < segs[i].len)
			return &segs[i];
	return NULL;
}

/* Three pages in a row at these IOVAs. */
static void
map(rte_iova_t a, rte_iova_t b, rte_iova_t c)
{
	const rte_iova_t iova[] = { a, b, c };
	unsigned int i;

	for (i = 0; i < RTE_DIM(segs); i++) {
		segs[i].addr = area + i * PAGE;
		segs[i].len = PAGE;
		segs[i].iova = iova[i];
	}
}

int
main(void)
{
	const uint8_t *end1 = area + PAGE;

	map(0x100000, 0x900000, 0x500000);
	CHECK(vcrypto_user_iova(area + 100, 0x1234, 64) == 0x1234,
	      "an IOVA the application gave is taken as it is");
	CHECK(vcrypto_user_iova(area + 100, 0, 64) == 0x100000 + 100,
	      "a digest inside a segment is looked up");
	CHECK(vcrypto_user_iova(end1 - 64, 0, 64) == 0x100000 + PAGE - 64,
	      "a digest ending at its segment's end is looked up");
	CHECK(vcrypto_user_iova(end1 - 16, 0, 64) == RTE_BAD_IOVA,
	      "a digest running into a segment at other IOVAs is refused");
	CHECK(vcrypto_user_iova(area + 100, 0, 2 * PAGE) == RTE_BAD_IOVA,
	      "an AAD over three discontiguous segments is refused");

	map(0x100000, 0x100000 + PAGE, 0x700000);
	CHECK(vcrypto_user_iova(end1 - 16, 0, 64) == 0x100000 + PAGE - 16,
	      "a digest running into a segment that continues the IOVAs is "
	      "taken");
	CHECK(vcrypto_user_iova(area + 100, 0, 2 * PAGE) == RTE_BAD_IOVA,
	      "an AAD reaching a third, discontiguous segment is refused");
	CHECK(vcrypto_user_iova(area + 3 * PAGE - 8, 0, 64) == RTE_BAD_IOVA,
	      "a digest running past EAL's memory is refused");
	segs[1].iova = RTE_BAD_IOVA;
	CHECK(vcrypto_user_iova(area + PAGE + 8, 0, 8) == RTE_BAD_IOVA,
	      "a segment without IOVA is refused");
	CHECK(vcrypto_user_iova(NULL, 0, 8) == RTE_BAD_IOVA,
	      "no buffer, no IOVA");
	return check_done("user_iova");
}
