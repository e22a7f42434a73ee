/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The encoders a session's ops take, by enum vcrypto_encoder. The table
 * is per process (each maps the driver at its own address): sessions,
 * shared between processes, hold only the index.
 */

#include "virtio_crypto_session.h"
#include "virtio_crypto_sym.h"

const vcrypto_encode_fn vcrypto_encoders[VCRYPTO_NB_ENC] = {
	[VCRYPTO_ENC_CIPHER] = vcrypto_encode_cipher,
	[VCRYPTO_ENC_AUTH] = vcrypto_encode_auth,
	[VCRYPTO_ENC_CHAIN] = vcrypto_encode_chain,
	[VCRYPTO_ENC_AEAD] = vcrypto_encode_aead,
	[VCRYPTO_ENC_GMAC] = vcrypto_encode_gmac,
};
