/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include "virtio_crypto_local.h"

struct vcrypto_local vcrypto_locals[RTE_CRYPTO_MAX_DEVS];
