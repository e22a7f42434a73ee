/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_DEVARGS_H
#define VIRTIO_CRYPTO_DEVARGS_H

/* Driver options given as devargs (-a BDF,key=value,...). */

struct rte_kvargs;
struct vcrypto_options;

#define VCRYPTO_ARG_CTRL_TIMEOUT_MS "ctrl_timeout_ms"
#define VCRYPTO_ARG_PROBE_CAPS "probe_caps"
#define VCRYPTO_ARG_OP_TIMEOUT_MS "op_timeout_ms"
#define VCRYPTO_ARG_EVENT_IDX "event_idx"
#define VCRYPTO_ARG_PACKED_RING "packed_ring"
#define VCRYPTO_DEVARGS_HELP \
	VCRYPTO_ARG_CTRL_TIMEOUT_MS "=<ms> " VCRYPTO_ARG_PROBE_CAPS "=<0|1> " \
	VCRYPTO_ARG_OP_TIMEOUT_MS "=<ms> " VCRYPTO_ARG_EVENT_IDX "=<0|1> " \
	VCRYPTO_ARG_PACKED_RING "=<0|1>"

/* The keys, NULL-terminated, for rte_kvargs_parse(). */
extern const char * const vcrypto_devarg_keys[];
/*
 * A vdev's key list: its own n_own keys, then the driver's, then NULL,
 * in keys (room entries). For rte_kvargs_parse(), so that no driver
 * devarg is missed.
 */
void vcrypto_devarg_keys_with(const char * const *own, unsigned int n_own,
			      const char **keys, unsigned int room);

void vcrypto_options_default(struct vcrypto_options *o);
/* Apply the driver's keys found in kv; 0 or -EINVAL. */
int vcrypto_options_parse(const struct rte_kvargs *kv,
			  struct vcrypto_options *o);
/* Parse a devargs string holding only the driver's keys. */
int vcrypto_options_from_string(const char *args, struct vcrypto_options *o);

/* rte_kvargs_process() handler for an unsigned 32-bit value. */
int vcrypto_kvarg_u32(const char *key, const char *value, void *out);

#endif /* VIRTIO_CRYPTO_DEVARGS_H */
