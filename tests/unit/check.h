/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef TEST_CHECK_H
#define TEST_CHECK_H

/* One "ok N - what" / "not ok N - what" line per check, TAP style. */

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static unsigned int n_checks;
static unsigned int n_failed;

static inline void
check_(bool ok, int line, const char *fmt, ...)
{
	va_list ap;

	n_checks++;
	printf("%s %u - ", ok ? "ok" : "not ok", n_checks);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!ok) {
		printf("  (line %d)", line);
		n_failed++;
	}
	putchar('\n');
}

#define CHECK(cond, ...) check_(!!(cond), __LINE__, __VA_ARGS__)

/* Summary line and exit status for main(). */
static inline int
check_done(const char *name)
{
	printf("%s: %u checks, %u failed\n", name, n_checks, n_failed);
	return n_failed == 0 ? 0 : 1;
}

#endif /* TEST_CHECK_H */
