/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "fz_common.h"

void
fz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "FUZZ INVARIANT BROKEN at %s:%d: %s\n  ", file, line,
		cond);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	abort();
}

bool
fz_verbose(void)
{
	const char *v = getenv("FUZZ_VERBOSE");

	return v != NULL && *v != '\0' && *v != '0';
}
