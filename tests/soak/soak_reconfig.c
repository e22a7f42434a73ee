/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The concurrency mode's last phase: with the data path quiet but the
 * control-plane threads still running (sessions, telemetry, stats), the
 * device is stopped, configured with another number of queue pairs and
 * started again, a few times. Configure frees and makes the queues that
 * the telemetry handler walks and that session calls share the control
 * queue with: a race there is a ThreadSanitizer report (or, in the plain
 * and ASan builds, a crash). Session calls may fail while the device is
 * down; those failures are counted apart, not errors.
 */

#include <stdio.h>

#include <rte_cryptodev.h>

#include "soak.h"

#define RECONFIG_ROUNDS 8

/* One stop/configure/setup/start cycle with nb_qps queue pairs. */
static int
cycle(struct soak *s, uint16_t nb_qps)
{
	rte_cryptodev_stop(s->dev_id);
	return soak_device_setup(s, nb_qps);
}

int
soak_reconfigure(struct soak *s)
{
	unsigned int r;
	uint16_t n;
	int ret = 0;

	soak_churn_tolerate(true);
	for (r = 0; r < RECONFIG_ROUNDS && ret == 0; r++) {
		/* Fewer queues, then all of them again: both get freed. */
		n = (uint16_t)(r % 2 == 0 ? 1 : s->o.qps);
		ret = cycle(s, n);
	}
	soak_churn_tolerate(false);
	if (ret != 0)
		fprintf(stderr, "ERROR reconfigure round %u: %d\n", r, ret);
	else
		printf("# reconfigured %u times under the control-plane threads\n",
			RECONFIG_ROUNDS);
	return ret;
}
