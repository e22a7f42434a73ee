/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include <rte_common.h>
#include <rte_kvargs.h>

#include "virtio_crypto_devargs.h"
#include "virtio_crypto_hw.h"

#define DEFAULT_CTRL_TIMEOUT_MS 2000
/* Far beyond any working device; only a dead one is given up on. */
#define DEFAULT_OP_TIMEOUT_MS 5000

const char * const vcrypto_devarg_keys[] = {
	VCRYPTO_ARG_CTRL_TIMEOUT_MS, VCRYPTO_ARG_PROBE_CAPS,
	VCRYPTO_ARG_OP_TIMEOUT_MS, VCRYPTO_ARG_EVENT_IDX,
	VCRYPTO_ARG_PACKED_RING, NULL
};

void
vcrypto_devarg_keys_with(const char * const *own, unsigned int n_own,
			 const char **keys, unsigned int room)
{
	unsigned int n = 0, i;

	for (i = 0; i < n_own && n < room - 1; i++)
		keys[n++] = own[i];
	for (i = 0; vcrypto_devarg_keys[i] != NULL && n < room - 1; i++)
		keys[n++] = vcrypto_devarg_keys[i];
	keys[n] = NULL;
}

int
vcrypto_kvarg_u32(const char *key __rte_unused, const char *value, void *out)
{
	unsigned long v;
	char *end;

	/* "-a BDF,key" without "=value" hands over NULL */
	if (value == NULL)
		return -EINVAL;
	errno = 0;
	v = strtoul(value, &end, 0);
	if (errno != 0 || *end != '\0' || end == value || v > UINT32_MAX)
		return -EINVAL;
	*(uint32_t *)out = (uint32_t)v;
	return 0;
}

void
vcrypto_options_default(struct vcrypto_options *o)
{
	o->ctrl_timeout_ms = DEFAULT_CTRL_TIMEOUT_MS;
	o->op_timeout_ms = DEFAULT_OP_TIMEOUT_MS;
	o->probe_caps = true;
	o->event_idx = false;
	/*
	 * Split rings by default: on QEMU's device the packed data path
	 * costs more instructions per op (doc/benchmarks), so it is taken
	 * only when asked for.
	 */
	o->packed_ring = false;
}

int
vcrypto_options_parse(const struct rte_kvargs *kv, struct vcrypto_options *o)
{
	uint32_t probe = o->probe_caps;
	uint32_t event_idx = o->event_idx;
	uint32_t packed = o->packed_ring;

	if (rte_kvargs_process(kv, VCRYPTO_ARG_CTRL_TIMEOUT_MS,
			       vcrypto_kvarg_u32, &o->ctrl_timeout_ms) < 0 ||
	    rte_kvargs_process(kv, VCRYPTO_ARG_PROBE_CAPS, vcrypto_kvarg_u32,
			       &probe) < 0 ||
	    rte_kvargs_process(kv, VCRYPTO_ARG_OP_TIMEOUT_MS,
			       vcrypto_kvarg_u32, &o->op_timeout_ms) < 0 ||
	    rte_kvargs_process(kv, VCRYPTO_ARG_EVENT_IDX, vcrypto_kvarg_u32,
			       &event_idx) < 0 ||
	    rte_kvargs_process(kv, VCRYPTO_ARG_PACKED_RING, vcrypto_kvarg_u32,
			       &packed) < 0 ||
	    o->ctrl_timeout_ms == 0 || probe > 1 || event_idx > 1 ||
	    packed > 1)
		return -EINVAL;
	o->probe_caps = probe != 0;
	o->event_idx = event_idx != 0;
	o->packed_ring = packed != 0;
	return 0;
}

int
vcrypto_options_from_string(const char *args, struct vcrypto_options *o)
{
	struct rte_kvargs *kv;
	int ret;

	vcrypto_options_default(o);
	if (args == NULL || *args == '\0')
		return 0;
	kv = rte_kvargs_parse(args, vcrypto_devarg_keys);
	if (kv == NULL)
		return -EINVAL;
	ret = vcrypto_options_parse(kv, o);
	rte_kvargs_free(kv);
	return ret;
}
