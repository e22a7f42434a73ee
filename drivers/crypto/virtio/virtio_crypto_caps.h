/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_CAPS_H
#define VIRTIO_CRYPTO_CAPS_H

/*
 * Capabilities computed from what the device says (services, algorithm
 * masks, key limits) and, unless disabled, confirmed by creating a
 * throw-away session per algorithm and key size: real devices both
 * advertise algorithms they refuse and perform ones they do not advertise.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_crypto_sym.h>

struct vcrypto_hw;

/* Needs the controlq up when hw->opts.probe_caps is set. */
int vcrypto_caps_build(struct vcrypto_hw *hw);
void vcrypto_caps_free(struct vcrypto_hw *hw);

/*
 * Whether an xform is within the capabilities: 0 or -ENOTSUP (algorithm
 * absent or a size out of range: DPDK's tests skip on -ENOTSUP only).
 */
int vcrypto_caps_check_cipher(const struct vcrypto_hw *hw,
			      const struct rte_crypto_cipher_xform *x);
int vcrypto_caps_check_auth(const struct vcrypto_hw *hw,
			    const struct rte_crypto_auth_xform *x);
int vcrypto_caps_check_aead(const struct vcrypto_hw *hw,
			    const struct rte_crypto_aead_xform *x);

struct vcrypto_auth_algo;
struct vcrypto_size_set;
struct virtio_crypto_op_ctrl_req;

/*
 * Whether the device performs a hash or MAC only chained with a cipher:
 * it is in the capabilities (chains need it), but a session of it alone
 * fails with -ENOTSUP without asking the device.
 */
bool vcrypto_caps_auth_chain_only(const struct vcrypto_hw *hw,
				  const struct vcrypto_auth_algo *a);

/* ---- For the families' probes (virtio_crypto_sym_*.c) ---- */

/* Bit "bit" of the 64-bit mask (hi:lo) the device config gives. */
bool vcrypto_mask_has(uint32_t lo, uint32_t hi, uint32_t bit);
bool vcrypto_has_service(const struct vcrypto_hw *hw, unsigned int service);
struct rte_crypto_param_range vcrypto_range_of(const struct vcrypto_size_set *s);
/* Cut a range down to limit; false if nothing is left. */
bool vcrypto_range_limit(struct rte_crypto_param_range *r, uint32_t limit);

/* Builds the control request that creates a session with key_len. */
typedef void (*vcrypto_probe_req_fn)(const void *algo, uint32_t key_len,
				     struct virtio_crypto_op_ctrl_req *req,
				     uint32_t *cipher_key, uint32_t *auth_key);

/*
 * Decide one algorithm: advertised, and (if probing) accepted, with keys
 * narrowed to the sizes the device takes. Logs a disagreement.
 */
bool vcrypto_decide(struct vcrypto_hw *hw, bool advertised,
		    vcrypto_probe_req_fn build, const void *algo,
		    const char *name, struct rte_crypto_param_range *keys);

#endif /* VIRTIO_CRYPTO_CAPS_H */
