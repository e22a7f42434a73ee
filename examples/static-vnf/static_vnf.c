/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The smallest network function that links DPDK and the crypto_virtio
 * driver statically (doc/guides/cryptodevs/virtio.rst, "Linking the
 * driver statically"):
 *
 *   cc -O2 -o static-vnf static_vnf.c \
 *       $(pkg-config --cflags --static --libs libdpdk-crypto-virtio)
 *
 * It lists the crypto_virtio devices with what they offer, configures and
 * starts each with one queue pair, stops and closes it. Exit status 0 iff
 * there was at least one and every step worked.
 */

#include <stdio.h>
#include <string.h>

#include <rte_cryptodev.h>
#include <rte_eal.h>

static unsigned int
count_sym_caps(const struct rte_cryptodev_info *info)
{
	const struct rte_cryptodev_capabilities *cap;
	unsigned int n = 0;

	for (cap = info->capabilities;
	     cap->op != RTE_CRYPTO_OP_TYPE_UNDEFINED; cap++)
		n += cap->op == RTE_CRYPTO_OP_TYPE_SYMMETRIC;
	return n;
}

static int
bring_up_and_down(uint8_t id, int socket)
{
	struct rte_cryptodev_config conf = {
		.socket_id = socket,
		.nb_queue_pairs = 1,
	};
	struct rte_cryptodev_qp_conf qp = { .nb_descriptors = 128 };

	if (rte_cryptodev_configure(id, &conf) != 0 ||
	    rte_cryptodev_queue_pair_setup(id, 0, &qp, socket) != 0 ||
	    rte_cryptodev_start(id) != 0)
		return -1;
	rte_cryptodev_stop(id);
	return rte_cryptodev_close(id);
}

int
main(int argc, char **argv)
{
	unsigned int found = 0, failed = 0;
	uint8_t id;

	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "static-vnf: EAL init failed\n");
		return 1;
	}
	for (id = 0; id < rte_cryptodev_count(); id++) {
		struct rte_cryptodev_info info;
		int socket = rte_cryptodev_socket_id(id);

		rte_cryptodev_info_get(id, &info);
		if (strcmp(info.driver_name, "crypto_virtio") != 0)
			continue;
		found++;
		printf("%s: driver %s, %u queue pairs, %u symmetric capabilities\n",
		       rte_cryptodev_name_get(id), info.driver_name,
		       info.max_nb_queue_pairs, count_sym_caps(&info));
		if (bring_up_and_down(id, socket < 0 ? 0 : socket) != 0) {
			printf("%s: configure, start or close failed\n",
			       rte_cryptodev_name_get(id));
			failed++;
		}
	}
	printf("static-vnf: %u crypto_virtio device(s), %u failed\n",
	       found, failed);
	rte_eal_cleanup();
	return found > 0 && failed == 0 ? 0 : 1;
}
