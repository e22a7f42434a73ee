/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef FZ_COMMON_H
#define FZ_COMMON_H

/*
 * What every fuzz target shares: a reader that turns the input into
 * decisions (running dry yields zeros, so every input is a valid one),
 * and the failure of a broken invariant, which must stop the run the way
 * a sanitizer report does: libFuzzer saves the input, the replay fails.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct fz_in {
	const uint8_t *p;
	size_t n;
};

static inline void
fz_in_init(struct fz_in *in, const uint8_t *data, size_t size)
{
	in->p = data;
	in->n = size;
}

static inline bool
fz_more(const struct fz_in *in)
{
	return in->n != 0;
}

static inline uint8_t
fz_u8(struct fz_in *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

static inline uint16_t
fz_u16(struct fz_in *in)
{
	uint16_t lo = fz_u8(in);

	return (uint16_t)(lo | fz_u8(in) << 8);
}

static inline uint32_t
fz_u32(struct fz_in *in)
{
	uint32_t lo = fz_u16(in);

	return lo | (uint32_t)fz_u16(in) << 16;
}

static inline uint64_t
fz_u64(struct fz_in *in)
{
	uint64_t lo = fz_u32(in);

	return lo | (uint64_t)fz_u32(in) << 32;
}

static inline bool
fz_bool(struct fz_in *in)
{
	return fz_u8(in) & 1;
}

/* A value in [0, n), n > 0: small inputs still reach every choice. */
static inline uint32_t
fz_pick(struct fz_in *in, uint32_t n)
{
	return n <= 256 ? fz_u8(in) % n : fz_u32(in) % n;
}

/* len bytes into dst; what the input lacks is zeros. */
static inline void
fz_bytes(struct fz_in *in, void *dst, size_t len)
{
	size_t k = len < in->n ? len : in->n;

	memcpy(dst, in->p, k);
	memset((uint8_t *)dst + k, 0, len - k);
	in->p += k;
	in->n -= k;
}

/* Print where and why, then abort(): a crash for libFuzzer and meson. */
__attribute__((noreturn, format(printf, 4, 5)))
void fz_fail(const char *file, int line, const char *cond,
	     const char *fmt, ...);

#define FZ_CHECK(cond, ...) do { \
	if (!(cond)) \
		fz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__); \
} while (0)

/* Whether FUZZ_VERBOSE is set: keep the PMD's logs. */
bool fz_verbose(void);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#endif /* FZ_COMMON_H */
