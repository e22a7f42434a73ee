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

bool vcrypto_caps_has_cipher(const struct vcrypto_hw *hw,
			     enum rte_crypto_cipher_algorithm algo);
bool vcrypto_caps_cipher_sizes_ok(const struct vcrypto_hw *hw,
				  enum rte_crypto_cipher_algorithm algo,
				  uint16_t key_len, uint16_t iv_len);

#endif /* VIRTIO_CRYPTO_CAPS_H */
