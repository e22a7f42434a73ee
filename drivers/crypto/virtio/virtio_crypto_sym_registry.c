/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The symmetric families, and the encoders a session's ops take.
 * Adding a family is one file and one line in each table.
 */

#include <rte_common.h>

#include "virtio_crypto_session.h"
#include "virtio_crypto_sym.h"

/*
 * Probe order: the hash and MAC family offers NULL auth only after the
 * cipher family found a cipher.
 */
const struct vcrypto_sym_family *const vcrypto_sym_families[] = {
	&vcrypto_sym_cipher,
	&vcrypto_sym_auth,
	&vcrypto_sym_chain,
	&vcrypto_sym_aead,
};

const unsigned int vcrypto_nb_sym_families = RTE_DIM(vcrypto_sym_families);

/*
 * By enum vcrypto_encoder. The table is per process (each maps the
 * driver at its own address): sessions, shared between processes, hold
 * only the index.
 */
const vcrypto_encode_fn vcrypto_encoders[VCRYPTO_NB_ENC] = {
	[VCRYPTO_ENC_CIPHER] = vcrypto_encode_cipher,
	[VCRYPTO_ENC_AUTH] = vcrypto_encode_auth,
	[VCRYPTO_ENC_CHAIN] = vcrypto_encode_chain,
	[VCRYPTO_ENC_AEAD] = vcrypto_encode_aead,
	[VCRYPTO_ENC_GMAC] = vcrypto_encode_gmac,
};
