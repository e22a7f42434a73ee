/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_PROBE_OP_H
#define VIRTIO_CRYPTO_PROBE_OP_H

/*
 * Probing by operation: some devices accept a session and then fail
 * every op on it (QEMU's builtin backend with chained sessions), and some
 * refuse a hash or MAC session alone yet perform it chained with a cipher
 * (QEMU in front of a vhost-user backend). Only running an op tells.
 */

struct vcrypto_hw;
struct vcrypto_auth_algo;

/*
 * Run one AES-CBC-128 then algo op on data queue 0 (which must be set up
 * and idle): 1 if the device performed it, 0 if it refused it, -1 if it
 * did not answer (then probe no more: reset the device).
 */
int vcrypto_probe_chain_op(struct vcrypto_hw *hw,
			    const struct vcrypto_auth_algo *algo);

#endif /* VIRTIO_CRYPTO_PROBE_OP_H */
