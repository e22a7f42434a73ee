/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Errors and counters. The guest test's checks report through vt_fail()
 * (tests/guest/vcrypto_test.c) into the queue pair's context; the soak
 * turns that into one line per error (the first --max-print of them) and
 * counts every one. Counters have one writer, the queue pair's worker
 * (but errors, which the main lcore's watch adds to as well), and are
 * read by the main lcore for progress: relaxed atomics, so neither side
 * tears a value.
 */

#include <stdarg.h>
#include <stdio.h>

#include "soak.h"

uint64_t
soak_load(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

void
soak_store(uint64_t *p, uint64_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
}

void
soak_inc(uint64_t *p)
{
	soak_store(p, *p + 1);
}

void
soak_error(struct soak *s, struct soak_qp *q, const char *fmt, ...)
{
	char msg[SOAK_MAX_ERR_LEN];
	uint64_t total = 0;
	unsigned int i;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* The main lcore's watch reports here too: not one writer. */
	__atomic_fetch_add(&q->c.errors, 1, __ATOMIC_RELAXED);
	pthread_mutex_lock(&s->print_lock);
	if (s->printed++ < s->o.max_print)
		fprintf(stderr, "ERROR qp %u: %s\n", q->ctx.qp_id, msg);
	pthread_mutex_unlock(&s->print_lock);
	for (i = 0; i < s->o.qps; i++)
		total += soak_load(&s->qp[i].c.errors);
	if (total >= s->o.max_errors)
		__atomic_store_n(&s->stop, true, __ATOMIC_RELAXED);
}
