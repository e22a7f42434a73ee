/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <errno.h>
#include <string.h>

#ifdef VCRYPTO_HAVE_LIBCRYPTO
#include <openssl/bn.h>
#endif

#include "virtio_crypto_rsa_key.h"

enum { KP_N, KP_E, KP_D, KP_P, KP_Q, KP_DP, KP_DQ, KP_QINV, KP_NB };

/* Derived values: one buffer each, wiped once the key is encoded. */
struct derived {
	uint8_t buf[KP_NB][VCRYPTO_RSA_MAX_BYTES];
};

static bool
present(struct vcrypto_bn x)
{
	return vcrypto_bn_bytes(x) != 0;
}

static bool
has_crt(const struct vcrypto_rsa_parts *k)
{
	return present(k->p) && present(k->q) && present(k->dp) &&
		present(k->dq) && present(k->qinv);
}

#ifdef VCRYPTO_HAVE_LIBCRYPTO

/* x into slot i of dv, as a big-endian number of its own length. */
static int
bn_out(const BIGNUM *x, struct derived *dv, int i, struct vcrypto_bn *to)
{
	int len = BN_num_bytes(x);

	if (len > VCRYPTO_RSA_MAX_BYTES || len == 0)
		return -EINVAL;
	BN_bn2bin(x, dv->buf[i]);
	*to = (struct vcrypto_bn){ dv->buf[i], (size_t)len };
	return 0;
}

/*
 * n's factors from d: with k = d e - 1 = 2^s r (r odd), some g^(r 2^i)
 * is a square root of 1 mod n other than +-1 for half of all g, and
 * gcd(root - 1, n) is a factor (NIST SP 800-56B, appendix C).
 */
static int
factor(const BIGNUM *n, const BIGNUM *e, const BIGNUM *d, BIGNUM *p,
       BN_CTX *ctx)
{
	BIGNUM *k = BN_CTX_get(ctx), *r = BN_CTX_get(ctx);
	BIGNUM *y = BN_CTX_get(ctx), *x = BN_CTX_get(ctx);
	BIGNUM *n1 = BN_CTX_get(ctx), *g = BN_CTX_get(ctx);
	int s, i, tries;

	if (g == NULL || !BN_mul(k, d, e, ctx) || !BN_sub_word(k, 1) ||
	    BN_is_odd(k) || !BN_copy(r, k) || !BN_copy(n1, n) ||
	    !BN_sub_word(n1, 1))
		return -EINVAL;
	for (s = 0; !BN_is_odd(r); s++)
		if (!BN_rshift1(r, r))
			return -ENOMEM;
	for (tries = 0; tries < 100; tries++) {
		if (!BN_set_word(g, 2 + tries) ||
		    !BN_mod_exp(y, g, r, n, ctx))
			return -ENOMEM;
		if (BN_is_one(y) || BN_cmp(y, n1) == 0)
			continue;
		for (i = 0; i < s; i++) {
			if (!BN_mod_sqr(x, y, n, ctx))
				return -ENOMEM;
			if (BN_is_one(x)) {
				if (!BN_sub_word(y, 1) || !BN_gcd(p, y, n, ctx))
					return -ENOMEM;
				return 0;
			}
			if (BN_cmp(x, n1) == 0)
				break;
			if (!BN_copy(y, x))
				return -ENOMEM;
		}
	}
	return -EINVAL;	/* d does not belong to (n, e) */
}

/* dP, dQ, qInv (and d when absent) from p, q, e and maybe d. */
static int
crt_values(BIGNUM *const bn[KP_NB], bool have_d, BN_CTX *ctx)
{
	BIGNUM *p1 = BN_CTX_get(ctx), *q1 = BN_CTX_get(ctx);
	BIGNUM *l = BN_CTX_get(ctx), *gcd = BN_CTX_get(ctx);

	if (l == NULL || !BN_sub(p1, bn[KP_P], BN_value_one()) ||
	    !BN_sub(q1, bn[KP_Q], BN_value_one()))
		return -ENOMEM;
	if (!have_d) {
		/* d = e^-1 mod lcm(p-1, q-1) */
		if (!BN_gcd(gcd, p1, q1, ctx) || !BN_mul(l, p1, q1, ctx) ||
		    !BN_div(l, NULL, l, gcd, ctx) ||
		    BN_mod_inverse(bn[KP_D], bn[KP_E], l, ctx) == NULL)
			return -EINVAL;
	}
	if (!BN_mod(bn[KP_DP], bn[KP_D], p1, ctx) ||
	    !BN_mod(bn[KP_DQ], bn[KP_D], q1, ctx) ||
	    BN_mod_inverse(bn[KP_QINV], bn[KP_Q], bn[KP_P], ctx) == NULL)
		return -EINVAL;
	return 0;
}

/* Fill in d or the CRT values, whichever is missing, into dv. */
static int
complete_key(struct vcrypto_rsa_parts *k, struct derived *dv)
{
	struct vcrypto_bn *const out[KP_NB] = { &k->n, &k->e, &k->d, &k->p,
		&k->q, &k->dp, &k->dq, &k->qinv };
	bool have_d = present(k->d);
	BN_CTX *ctx = BN_CTX_secure_new();
	BIGNUM *bn[KP_NB];
	int i, ret = -ENOMEM;

	if (ctx == NULL)
		return -ENOMEM;
	BN_CTX_start(ctx);
	for (i = 0; i < KP_NB; i++)
		bn[i] = BN_CTX_get(ctx);
	if (bn[KP_NB - 1] == NULL)
		goto out;
	for (i = 0; i < KP_NB; i++)
		if (BN_bin2bn(out[i]->data, (int)out[i]->len, bn[i]) == NULL)
			goto out;
	if (have_d) {
		ret = factor(bn[KP_N], bn[KP_E], bn[KP_D], bn[KP_P], ctx);
		if (ret == 0 && !BN_div(bn[KP_Q], NULL, bn[KP_N], bn[KP_P],
					ctx))
			ret = -ENOMEM;
	} else {
		ret = 0;
	}
	if (ret == 0)
		ret = crt_values(bn, have_d, ctx);
	for (i = KP_D; ret == 0 && i < KP_NB; i++)
		ret = bn_out(bn[i], dv, i, out[i]);
out:
	BN_CTX_end(ctx);
	BN_CTX_free(ctx);
	return ret;
}

#else

static int
complete_key(struct vcrypto_rsa_parts *k, struct derived *dv)
{
	(void)k;
	(void)dv;
	return -ENOTSUP;
}

#endif

int
vcrypto_rsa_key_der(const struct vcrypto_rsa_parts *key, bool private_key,
		    uint8_t *out)
{
	static const uint8_t zero;
	struct vcrypto_rsa_parts k = *key;
	struct derived dv;
	int ret;

	if (vcrypto_bn_bytes(k.n) == 0 || vcrypto_bn_bytes(k.e) == 0 ||
	    vcrypto_bn_bytes(k.n) > VCRYPTO_RSA_MAX_BYTES)
		return -EINVAL;
	if (!private_key) {
		struct vcrypto_bn pub[2] = { k.n, k.e };

		return vcrypto_der_int_sequence(pub, 2, out,
						VCRYPTO_RSA_MAX_KEY_DER);
	}
	if (!present(k.d) && !has_crt(&k))
		return -EINVAL;
	ret = present(k.d) && has_crt(&k) ? 0 : complete_key(&k, &dv);
	if (ret == 0) {
		struct vcrypto_bn priv[9] = { { &zero, 1 }, k.n, k.e, k.d,
			k.p, k.q, k.dp, k.dq, k.qinv };

		ret = vcrypto_der_int_sequence(priv, 9, out,
					       VCRYPTO_RSA_MAX_KEY_DER);
	}
	explicit_bzero(&dv, sizeof(dv));
	return ret;
}
