/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Session xforms against a device's capabilities. The IV of an auth
 * algorithm that takes none is not read, whatever it says: DPDK's
 * l2fwd-crypto leaves it uninitialised for HMAC, and a check on it made
 * its sessions fail at random. Where an IV is used (AES-GMAC), its length
 * is checked.
 */

#include <errno.h>
#include <string.h>

#include "check.h"
#include "virtio_crypto_caps.h"
#include "virtio_crypto_hw.h"

static struct rte_cryptodev_capabilities caps[] = {
	{ .op = RTE_CRYPTO_OP_TYPE_SYMMETRIC, .sym = {
		.xform_type = RTE_CRYPTO_SYM_XFORM_AUTH,
		.auth = { .algo = RTE_CRYPTO_AUTH_SHA1_HMAC, .block_size = 64,
			  .key_size = { 1, 512, 1 },
			  .digest_size = { 1, 20, 1 } } } },
	{ .op = RTE_CRYPTO_OP_TYPE_SYMMETRIC, .sym = {
		.xform_type = RTE_CRYPTO_SYM_XFORM_AUTH,
		.auth = { .algo = RTE_CRYPTO_AUTH_AES_GMAC, .block_size = 16,
			  .key_size = { 16, 32, 8 },
			  .digest_size = { 16, 16, 0 },
			  .iv_size = { 12, 12, 0 } } } },
	{ .op = RTE_CRYPTO_OP_TYPE_UNDEFINED },
};

static struct rte_crypto_auth_xform
auth(enum rte_crypto_auth_algorithm algo, uint16_t key, uint16_t digest,
     uint16_t iv)
{
	struct rte_crypto_auth_xform x;

	memset(&x, 0, sizeof(x));
	x.algo = algo;
	x.key.length = key;
	x.digest_length = digest;
	x.iv.length = iv;
	return x;
}

int
main(void)
{
	struct vcrypto_hw hw;
	struct rte_crypto_auth_xform x;

	memset(&hw, 0, sizeof(hw));
	hw.caps = caps;

	x = auth(RTE_CRYPTO_AUTH_SHA1_HMAC, 64, 20, 0);
	CHECK(vcrypto_caps_check_auth(&hw, &x) == 0, "HMAC-SHA1, no IV");
	x = auth(RTE_CRYPTO_AUTH_SHA1_HMAC, 64, 20, 33650);
	CHECK(vcrypto_caps_check_auth(&hw, &x) == 0,
	      "HMAC-SHA1 with a stray IV length: not read, accepted");
	x = auth(RTE_CRYPTO_AUTH_SHA1_HMAC, 64, 21, 0);
	CHECK(vcrypto_caps_check_auth(&hw, &x) == -ENOTSUP,
	      "HMAC-SHA1 digest 21: refused");
	x = auth(RTE_CRYPTO_AUTH_SHA1_HMAC, 0, 20, 0);
	CHECK(vcrypto_caps_check_auth(&hw, &x) == -ENOTSUP,
	      "HMAC-SHA1 without a key: refused");
	x = auth(RTE_CRYPTO_AUTH_AES_GMAC, 16, 16, 12);
	CHECK(vcrypto_caps_check_auth(&hw, &x) == 0, "AES-GMAC, IV 12");
	x = auth(RTE_CRYPTO_AUTH_AES_GMAC, 16, 16, 16);
	CHECK(vcrypto_caps_check_auth(&hw, &x) == -ENOTSUP,
	      "AES-GMAC, IV 16: refused (its IV is read)");
	x = auth(RTE_CRYPTO_AUTH_SHA256_HMAC, 32, 32, 0);
	CHECK(vcrypto_caps_check_auth(&hw, &x) == -ENOTSUP,
	      "an algorithm without a capability: refused");
	return check_done("caps_check");
}
