/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * ECDSA on the NIST curves for the akcipher service: see vcdev_crypto.h.
 * OpenSSL 3 decodes an ECPrivateKey only through the deprecated EC_KEY,
 * so keys and signatures are parsed here, as strict DER: everything in
 * them comes from the driver and is checked before OpenSSL sees it. The
 * key is then built from its parts (group name, scalar, point) in the
 * engine's library context.
 */

#include <stdlib.h>
#include <string.h>

#include <linux/virtio_crypto.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>

#include "vcdev_crypto.h"

/* The largest curve, P-521: 66-byte coordinates and scalars. */
#define MAX_BYTES 66
#define MAX_POINT (2 * MAX_BYTES + 1)
/* What a digest to sign or verify may be. */
#define MAX_DIGEST VCDEV_MAX_DIGEST

/* DER tags of ECPrivateKey (RFC 5915) and ECDSA-Sig-Value (RFC 3279). */
#define T_INTEGER 0x02
#define T_BIT_STRING 0x03
#define T_OCTET_STRING 0x04
#define T_OID 0x06
#define T_SEQUENCE 0x30
#define T_PARAMS 0xa0		/* [0] EXPLICIT */
#define T_PUBLIC 0xa1		/* [1] EXPLICIT */
#define EC_PRIVKEY_VERSION 1
#define POINT_UNCOMPRESSED 0x04

struct curve {
	const char *name;	/* OpenSSL's group name */
	int nid;
	uint32_t bytes;		/* of the order, a scalar and a coordinate */
	uint8_t oid_len;
	uint8_t oid[8];		/* namedCurve, the OID's contents */
};

/* Indexed by VIRTIO_CRYPTO_CURVE_*. */
static const struct curve curves[] = {
	[VIRTIO_CRYPTO_CURVE_NIST_P192] = { "prime192v1",
		NID_X9_62_prime192v1, 24,
		8, { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x01 } },
	[VIRTIO_CRYPTO_CURVE_NIST_P224] = { "secp224r1",
		NID_secp224r1, 28, 5, { 0x2b, 0x81, 0x04, 0x00, 0x21 } },
	[VIRTIO_CRYPTO_CURVE_NIST_P256] = { "prime256v1",
		NID_X9_62_prime256v1, 32,
		8, { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07 } },
	[VIRTIO_CRYPTO_CURVE_NIST_P384] = { "secp384r1",
		NID_secp384r1, 48, 5, { 0x2b, 0x81, 0x04, 0x00, 0x22 } },
	[VIRTIO_CRYPTO_CURVE_NIST_P521] = { "secp521r1",
		NID_secp521r1, 66, 5, { 0x2b, 0x81, 0x04, 0x00, 0x23 } },
};

struct vcdev_ecdsa {
	EVP_PKEY *pkey;
	const struct curve *curve;
	uint32_t sig_max;	/* DER signature bytes at most */
	bool private;
	uint32_t refs;		/* atomic */
};

static const struct curve *
curve_of(uint32_t id)
{
	if (id >= sizeof(curves) / sizeof(curves[0]) ||
	    curves[id].name == NULL)
		return NULL;
	return &curves[id];
}

bool
vcdev_ecdsa_curve_ok(uint32_t curve)
{
	return curve_of(curve) != NULL;
}

bool
vcdev_ecdsa_available(const struct vcdev_crypto *c)
{
	OSSL_LIB_CTX *lib = vcdev_crypto_lib(c);
	EVP_KEYMGMT *km = EVP_KEYMGMT_fetch(lib, "EC", NULL);
	EVP_SIGNATURE *sig = EVP_SIGNATURE_fetch(lib, "ECDSA", NULL);
	bool ok = km != NULL && sig != NULL;

	EVP_KEYMGMT_free(km);
	EVP_SIGNATURE_free(sig);
	ERR_clear_error();
	return ok;
}

/* ---- strict DER ---- */

struct der {
	const uint8_t *p;
	size_t len;
};

/*
 * Take the next element off d if it has tag: its contents in *body.
 * DER only: definite lengths in the fewest octets. Nothing here is
 * longer than 4 GiB, so more than 4 length octets is refused too.
 */
static bool
der_take(struct der *d, uint8_t tag, struct der *body)
{
	size_t n = 0, hdr = 2, i, k;

	if (d->len < 2 || d->p[0] != tag)
		return false;
	if (d->p[1] < 0x80) {
		n = d->p[1];
	} else {
		k = d->p[1] & 0x7f;
		/* k == 0: BER's indefinite length. */
		if (k == 0 || k > 4 || d->len - 2 < k || d->p[2] == 0)
			return false;
		for (i = 0; i < k; i++)
			n = n << 8 | d->p[2 + i];
		if (n < 0x80)
			return false;	/* the short form was due */
		hdr += k;
	}
	if (d->len - hdr < n)
		return false;
	body->p = d->p + hdr;
	body->len = n;
	d->p += hdr + n;
	d->len -= hdr + n;
	return true;
}

/* An element with tag comes next (optional fields). */
static bool
der_next_is(const struct der *d, uint8_t tag)
{
	return d->len != 0 && d->p[0] == tag;
}

/* A DER INTEGER's contents above 0: minimal and not negative. */
static bool
der_positive(const struct der *v)
{
	if (v->len == 0 || (v->p[0] & 0x80) != 0)
		return false;
	if (v->p[0] == 0)	/* only as a sign byte, or it is 0 */
		return v->len > 1 && (v->p[1] & 0x80) != 0;
	return true;
}

/* The one element of a [n] EXPLICIT wrapper, of tag. */
static bool
der_explicit(struct der *d, uint8_t wrapper, uint8_t tag, struct der *body)
{
	struct der w;

	return der_take(d, wrapper, &w) && der_take(&w, tag, body) &&
		w.len == 0;
}

/*
 * ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING scalar (exactly the
 * curve's bytes), [0] namedCurve OPTIONAL (the session's curve),
 * [1] BIT STRING point OPTIONAL (uncompressed) }. *point is NULL if
 * the key has none.
 */
static bool
parse_private(const struct curve *cv, const uint8_t *key, size_t len,
	      const uint8_t **scalar, const uint8_t **point)
{
	struct der in = { key, len }, seq, v;

	*point = NULL;
	if (!der_take(&in, T_SEQUENCE, &seq) || in.len != 0)
		return false;
	if (!der_take(&seq, T_INTEGER, &v) || v.len != 1 ||
	    v.p[0] != EC_PRIVKEY_VERSION)
		return false;
	if (!der_take(&seq, T_OCTET_STRING, &v) || v.len != cv->bytes)
		return false;
	*scalar = v.p;
	if (der_next_is(&seq, T_PARAMS) &&
	    (!der_explicit(&seq, T_PARAMS, T_OID, &v) ||
	     v.len != cv->oid_len || memcmp(v.p, cv->oid, v.len) != 0))
		return false;
	if (der_next_is(&seq, T_PUBLIC)) {
		/* A BIT STRING of whole bytes: no unused bits. */
		if (!der_explicit(&seq, T_PUBLIC, T_BIT_STRING, &v) ||
		    v.len != 2 * cv->bytes + 2 || v.p[0] != 0)
			return false;
		*point = v.p + 1;
	}
	return seq.len == 0;
}

/* ---- keys ---- */

struct ec_math {
	EC_GROUP *group;
	EC_POINT *point;
	BN_CTX *bn;
};

static bool
math_new(const struct vcdev_crypto *c, const struct curve *cv,
	 struct ec_math *em)
{
	OSSL_LIB_CTX *lib = vcdev_crypto_lib(c);

	em->group = EC_GROUP_new_by_curve_name_ex(lib, NULL, cv->nid);
	em->point = em->group != NULL ? EC_POINT_new(em->group) : NULL;
	em->bn = BN_CTX_new_ex(lib);
	return em->point != NULL && em->bn != NULL;
}

static void
math_free(struct ec_math *em)
{
	EC_POINT_free(em->point);
	EC_GROUP_free(em->group);
	BN_CTX_free(em->bn);
}

/* An uncompressed point of the curve's size that is on the curve. */
static bool
point_ok(const struct curve *cv, struct ec_math *em, const uint8_t *pt,
	 size_t len)
{
	return len == 2 * cv->bytes + 1 && pt[0] == POINT_UNCOMPRESSED &&
		EC_POINT_oct2point(em->group, em->point, pt, len,
				   em->bn) == 1 &&
		EC_POINT_is_on_curve(em->group, em->point, em->bn) == 1;
}

/* d * G into pt (uncompressed); false unless 1 <= d < n. */
static bool
derive_point(const struct curve *cv, struct ec_math *em, const BIGNUM *d,
	     uint8_t *pt)
{
	size_t len = 2 * cv->bytes + 1;

	return !BN_is_zero(d) &&
		BN_cmp(d, EC_GROUP_get0_order(em->group)) < 0 &&
		EC_POINT_mul(em->group, em->point, d, NULL, NULL,
			     em->bn) == 1 &&
		EC_POINT_point2oct(em->group, em->point,
				   POINT_CONVERSION_UNCOMPRESSED, pt, len,
				   em->bn) == len;
}

/* The key from its parts; d NULL for a public key. */
static EVP_PKEY *
build(const struct vcdev_crypto *c, const struct curve *cv,
      const uint8_t *pt, const BIGNUM *d)
{
	OSSL_PARAM_BLD *b = OSSL_PARAM_BLD_new();
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *pkey = NULL;
	bool ok;

	ok = b != NULL &&
		OSSL_PARAM_BLD_push_utf8_string(b, OSSL_PKEY_PARAM_GROUP_NAME,
						cv->name, 0) == 1 &&
		OSSL_PARAM_BLD_push_octet_string(b, OSSL_PKEY_PARAM_PUB_KEY,
						 pt, 2 * cv->bytes + 1) == 1 &&
		(d == NULL || OSSL_PARAM_BLD_push_BN(b,
			OSSL_PKEY_PARAM_PRIV_KEY, d) == 1);
	if (ok)
		params = OSSL_PARAM_BLD_to_param(b);
	if (params != NULL)
		ctx = EVP_PKEY_CTX_new_from_name(vcdev_crypto_lib(c), "EC",
						 NULL);
	if (ctx == NULL || EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, &pkey, d != NULL ? EVP_PKEY_KEYPAIR :
			      EVP_PKEY_PUBLIC_KEY, params) != 1)
		pkey = NULL;
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);	/* clears the private part */
	OSSL_PARAM_BLD_free(b);
	return pkey;
}

static EVP_PKEY *
private_key(const struct vcdev_crypto *c, const struct curve *cv,
	    struct ec_math *em, const uint8_t *key, size_t len)
{
	const uint8_t *scalar, *given;
	uint8_t pt[MAX_POINT];
	EVP_PKEY *pkey = NULL;
	BIGNUM *d;

	if (!parse_private(cv, key, len, &scalar, &given))
		return NULL;
	d = BN_secure_new();
	if (d != NULL && BN_bin2bn(scalar, (int)cv->bytes, d) != NULL &&
	    derive_point(cv, em, d, pt) &&
	    (given == NULL || memcmp(given, pt, 2 * cv->bytes + 1) == 0))
		pkey = build(c, cv, pt, d);
	BN_clear_free(d);
	return pkey;
}

uint8_t
vcdev_ecdsa_parse(const struct vcdev_crypto *c, uint32_t curve, bool private,
		  const uint8_t *key, size_t len, struct vcdev_ecdsa **out)
{
	const struct curve *cv = curve_of(curve);
	EVP_PKEY *pkey = NULL;
	struct vcdev_ecdsa *k;
	struct ec_math em;

	*out = NULL;
	if (cv == NULL)
		return VIRTIO_CRYPTO_NOTSUPP;
	if (math_new(c, cv, &em)) {
		if (private)
			pkey = private_key(c, cv, &em, key, len);
		else if (point_ok(cv, &em, key, len))
			pkey = build(c, cv, key, NULL);
	}
	math_free(&em);
	ERR_clear_error();
	k = pkey != NULL ? calloc(1, sizeof(*k)) : NULL;
	if (k == NULL) {
		EVP_PKEY_free(pkey);
		return VIRTIO_CRYPTO_ERR;
	}
	k->pkey = pkey;
	k->curve = cv;
	k->sig_max = (uint32_t)EVP_PKEY_get_size(pkey);
	k->private = private;
	k->refs = 1;
	*out = k;
	return VIRTIO_CRYPTO_OK;
}

struct vcdev_ecdsa *
vcdev_ecdsa_ref(struct vcdev_ecdsa *k)
{
	if (k != NULL)
		__atomic_fetch_add(&k->refs, 1, __ATOMIC_RELAXED);
	return k;
}

void
vcdev_ecdsa_unref(struct vcdev_ecdsa *k)
{
	if (k == NULL || __atomic_sub_fetch(&k->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	EVP_PKEY_free(k->pkey);
	free(k);
}

bool
vcdev_ecdsa_private(const struct vcdev_ecdsa *k)
{
	return k->private;
}

uint32_t
vcdev_ecdsa_sig_max(const struct vcdev_ecdsa *k)
{
	return k->sig_max;
}

/* ---- operations ---- */

static bool
digest_ok(size_t len)
{
	return len >= 1 && len <= MAX_DIGEST;
}

/* No digest is set: OpenSSL signs the bytes given, cut to the order. */
static EVP_PKEY_CTX *
new_ctx(const struct vcdev_crypto *c, const struct vcdev_ecdsa *k)
{
	return EVP_PKEY_CTX_new_from_pkey(vcdev_crypto_lib(c), k->pkey, NULL);
}

uint8_t
vcdev_ecdsa_sign(const struct vcdev_crypto *c, const struct vcdev_ecdsa *k,
		 const uint8_t *dg, size_t dg_len, uint8_t *out,
		 size_t *out_len)
{
	EVP_PKEY_CTX *ctx;
	bool ok;

	*out_len = k->sig_max;
	if (!k->private || !digest_ok(dg_len))
		return VIRTIO_CRYPTO_ERR;
	ctx = new_ctx(c, k);
	ok = ctx != NULL && EVP_PKEY_sign_init(ctx) == 1 &&
		EVP_PKEY_sign(ctx, out, out_len, dg, dg_len) == 1 &&
		*out_len <= k->sig_max;
	EVP_PKEY_CTX_free(ctx);
	ERR_clear_error();
	return ok ? VIRTIO_CRYPTO_OK : VIRTIO_CRYPTO_ERR;
}

/*
 * ECDSA-Sig-Value: exactly SEQUENCE { INTEGER r, INTEGER s }, both
 * positive, in DER. *in_range: neither is longer than an integer below
 * the order can be (one more byte for a sign byte).
 */
static bool
parse_sig(const struct curve *cv, const uint8_t *sig, size_t len,
	  bool *in_range)
{
	struct der in = { sig, len }, seq, r, s;

	if (!der_take(&in, T_SEQUENCE, &seq) || in.len != 0 ||
	    !der_take(&seq, T_INTEGER, &r) || !der_take(&seq, T_INTEGER, &s) ||
	    seq.len != 0 || !der_positive(&r) || !der_positive(&s))
		return false;
	*in_range = r.len <= cv->bytes + 1 && s.len <= cv->bytes + 1;
	return true;
}

uint8_t
vcdev_ecdsa_verify(const struct vcdev_crypto *c, const struct vcdev_ecdsa *k,
		   const uint8_t *sig, size_t sig_len, const uint8_t *dg,
		   size_t dg_len)
{
	EVP_PKEY_CTX *ctx;
	bool in_range;
	int ret;

	if (!digest_ok(dg_len))
		return VIRTIO_CRYPTO_ERR;
	if (!parse_sig(k->curve, sig, sig_len, &in_range))
		return VIRTIO_CRYPTO_BADMSG;
	/* Well-formed, but r or s is no less than n: it cannot verify. */
	if (!in_range)
		return VIRTIO_CRYPTO_KEY_REJECTED;
	ctx = new_ctx(c, k);
	if (ctx == NULL || EVP_PKEY_verify_init(ctx) != 1) {
		EVP_PKEY_CTX_free(ctx);
		ERR_clear_error();
		return VIRTIO_CRYPTO_ERR;
	}
	/* 0: does not verify (including r or s not below n). */
	ret = EVP_PKEY_verify(ctx, sig, sig_len, dg, dg_len);
	EVP_PKEY_CTX_free(ctx);
	ERR_clear_error();
	if (ret < 0)
		return VIRTIO_CRYPTO_ERR;
	return ret == 1 ? VIRTIO_CRYPTO_OK : VIRTIO_CRYPTO_KEY_REJECTED;
}
