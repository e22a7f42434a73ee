/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/* Another crypto_virtio driver loaded in the same process. */

#include <dlfcn.h>
#include <stdbool.h>
#include <string.h>

#include <rte_common.h>
#include <rte_cryptodev.h>

#include "virtio_crypto_dev.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_rival.h"

static const char vcrypto_name[] = RTE_STR(VCRYPTO_DRIVER_NAME);
static bool rival_reported;

/* The cryptodev driver id of another driver with our name, or -1. */
static int
rival_driver_id(void)
{
	unsigned int id;

	for (id = 0; id <= UINT8_MAX; id++) {
		const char *name = rte_cryptodev_driver_name_get(id);

		if (id != vcrypto_driver_id && name != NULL &&
		    strcmp(name, vcrypto_name) == 0)
			return id;
	}
	return -1;
}

/* Where this driver was loaded from: what the user has to look for. */
static const char *
own_path(void)
{
	Dl_info info;

	if (dladdr((void *)(uintptr_t)own_path, &info) == 0 ||
	    info.dli_fname == NULL || info.dli_fname[0] == '\0')
		return "the application itself";
	return info.dli_fname;
}

void
vcrypto_rival_note_probe(const char *devname)
{
	int rival = rival_driver_id();

	if (rival < 0 || rival_reported)
		return;
	rival_reported = true;
	VCRYPTO_LOG(WARNING,
		    "two %s drivers are loaded: this one (virtio-crypto PMD %s, %s) "
		    "registered first and drives %s and every later device; the "
		    "other (cryptodev driver id %d) is unused",
		    vcrypto_name, VCRYPTO_PMD_VERSION, own_path(), devname,
		    rival);
}

/*
 * When this driver is loaded after the other one, the other one takes
 * every device and this one is never called again: the only chance to
 * tell. A constructor without priority runs after every RTE_INIT of this
 * object (the linker sorts prioritised ones first), so our own
 * registration has set vcrypto_driver_id by then.
 */
static void __attribute__((constructor))
rival_note_load(void)
{
	int rival = rival_driver_id();

	if (rival < 0)
		return;
	rival_reported = true;
	VCRYPTO_LOG(WARNING,
		    "two %s drivers are loaded: another one (cryptodev driver id "
		    "%d) registered first and takes every virtio-crypto device, "
		    "so this one (virtio-crypto PMD %s, %s) will not probe; load "
		    "only one (with the dpdk-pmd-crypto-virtio package installed, "
		    "no -d is needed)",
		    vcrypto_name, rival, VCRYPTO_PMD_VERSION, own_path());
}
