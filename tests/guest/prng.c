/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Deterministic test data. Each case seeds from its own name, so a case
 * sees the same keys, IVs and data whether it runs alone (--case) or in
 * the full list, and a failure can be reproduced in isolation.
 */

#include <string.h>

#include "vcrypto_test.h"

void
vt_prng_seed(struct vt_prng *rng, const char *name)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a offset basis */

	while (*name != '\0') {
		h ^= (uint8_t)*name++;
		h *= 0x100000001b3ULL;
	}
	rng->state = h;
}

/* splitmix64: tiny, good enough to make keys and data look random. */
uint64_t
vt_prng_next(struct vt_prng *rng)
{
	uint64_t z;

	rng->state += 0x9e3779b97f4a7c15ULL;
	z = rng->state;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
vt_prng_fill(struct vt_prng *rng, uint8_t *buf, size_t len)
{
	uint64_t v;
	size_t n;

	while (len > 0) {
		v = vt_prng_next(rng);
		n = RTE_MIN(len, sizeof(v));
		memcpy(buf, &v, n);
		buf += n;
		len -= n;
	}
}

/* A number below n (n > 0); the bias is irrelevant for picking sizes. */
uint32_t
vt_prng_below(struct vt_prng *rng, uint32_t n)
{
	return (uint32_t)(vt_prng_next(rng) % n);
}
