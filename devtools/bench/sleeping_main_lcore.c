/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * LD_PRELOAD shim for the benchmarks: dpdk-test-crypto-perf's main lcore
 * waits for its workers in rte_eal_wait_lcore(), which spins. In a TCG
 * guest a spinning vCPU keeps a host thread busy, and on a 2-core host
 * that is the third busy thread beside the worker's vCPU and the
 * device's own thread (QEMU's main loop, or the vhost-user back-end's
 * worker): the host scheduler then decides the throughput, differently
 * from one process to the next. Here the main lcore sleeps until the
 * worker is done, then collects its result from EAL's own function.
 * The worker, which is what crypto-perf times, is not touched; both
 * drivers run under the same shim.
 */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <time.h>

#include <rte_launch.h>

int
rte_eal_wait_lcore(unsigned int worker_id)
{
	static int (*eal_wait)(unsigned int);
	const struct timespec nap = { .tv_sec = 0, .tv_nsec = 1000000 };

	if (eal_wait == NULL)
		eal_wait = (int (*)(unsigned int))dlsym(RTLD_NEXT,
							"rte_eal_wait_lcore");
	if (eal_wait == NULL)
		return -1;
	while (rte_eal_get_lcore_state(worker_id) == RUNNING)
		nanosleep(&nap, NULL);
	return eal_wait(worker_id);
}
