/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * LD_PRELOAD shim for dpdk-test: DPDK 22.11 has no asymmetric autotest
 * for crypto_virtio, and its asymmetric suites pick their device by
 * driver name. With this shim, "crypto_openssl" names our driver, so
 * cryptodev_openssl_asym_autotest (the suite with the most cases, RSA
 * among them) runs on the first crypto_virtio device; the model's vdev
 * driver on the host is called crypto_virtio too (tests/hostpmd). No
 * other name changes meaning, so nothing else dpdk-test looks up is
 * affected. The suite's own "is it the OpenSSL driver, then make sure
 * an OpenSSL vdev exists" finds our device there and creates nothing.
 *
 * The first substitution is announced on stderr: without it in the log,
 * the shim was not loaded and the suite ran on whatever crypto_openssl
 * is (Debian's plugin directory has one), so the suites' verdicts
 * require the line.
 */

#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <rte_cryptodev.h>

#define ALIAS_OF "crypto_openssl"
#define ALIAS_TO "crypto_virtio"

int
rte_cryptodev_driver_id_get(const char *name)
{
	static int (*driver_id_get)(const char *);
	static bool announced;
	int id;

	if (driver_id_get == NULL)
		driver_id_get = (int (*)(const char *))dlsym(RTLD_NEXT,
					"rte_cryptodev_driver_id_get");
	if (driver_id_get == NULL)
		return -1;
	if (name == NULL || strcmp(name, ALIAS_OF) != 0)
		return driver_id_get(name);
	id = driver_id_get(ALIAS_TO);
	if (!announced) {
		fprintf(stderr, "openssl_is_virtio: driver %s is %s (id %d)\n",
			ALIAS_OF, ALIAS_TO, id);
		announced = true;
	}
	return id;
}
