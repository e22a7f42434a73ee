/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_PROBE_OP_H
#define VIRTIO_CRYPTO_PROBE_OP_H

/*
 * Probing by operation: some devices accept a session and then fail
 * every op on it (QEMU's builtin backend with chained sessions), some
 * refuse a hash or MAC session alone yet perform it chained with a cipher
 * (QEMU in front of a vhost-user backend), and some take a chained session
 * in any order but perform it in one fixed order (DPDK's vhost-user
 * back-end: hash-then-cipher is always verify-then-decrypt there). Only
 * running ops, and checking their results against each other, tells.
 */

#include <stdbool.h>
#include <stdint.h>

struct vcrypto_hw;
struct vcrypto_auth_algo;

/* Chained sessions: which step runs first, and the cipher direction. */
#define VCRYPTO_CHAIN_ENCRYPT_THEN_MAC		(1u << 0)
#define VCRYPTO_CHAIN_MAC_THEN_ENCRYPT		(1u << 1)
#define VCRYPTO_CHAIN_VERIFY_THEN_DECRYPT	(1u << 2)
#define VCRYPTO_CHAIN_DECRYPT_THEN_VERIFY	(1u << 3)
#define VCRYPTO_CHAIN_ALL			0xfu

/* What the full chain probe learnt of the device. */
struct vcrypto_chain_probe {
	uint8_t modes;		/* VCRYPTO_CHAIN_* the device performs */
	bool device_verifies;	/* it checks the digest it is given */
};

/*
 * Run AES-CBC-128 + algo ops on data queue 0 (set up and idle). With
 * res NULL, one encrypt-then-MAC op; else every chaining mode, each
 * checked against the others' results, into *res. Returns 1 if the
 * device performed encrypt-then-MAC, 0 if it refused it, -1 if it did
 * not answer (then probe no more: reset the device).
 */
int vcrypto_probe_chain_op(struct vcrypto_hw *hw,
			   const struct vcrypto_auth_algo *algo,
			   struct vcrypto_chain_probe *res);

/*
 * Encrypt one byte with RSA raw padding on session_id (a k-byte public
 * key) on data queue 0: devices may take a raw session and then fail its
 * ops (QEMU's nettle backend does). Returns as vcrypto_probe_chain_op().
 */
int vcrypto_probe_rsa_raw(struct vcrypto_hw *hw, uint64_t session_id,
			  uint16_t k);

#endif /* VIRTIO_CRYPTO_PROBE_OP_H */
