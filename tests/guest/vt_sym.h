/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VT_SYM_H
#define VT_SYM_H

/*
 * The services beyond plain ciphers: hash, MAC (GMAC included), cipher
 * chained with a hash or MAC, and AEAD. For each: the algorithms under
 * test, their OpenSSL references, sessions, and jobs (one op plus what
 * it must produce). Ciphers themselves are in vcrypto_test.h.
 */

#include "vcrypto_test.h"

#define VT_MAX_AUTH_KEY 256
#define VT_AEAD_MAX_KEY 32
#define VT_AEAD_MAX_TAG 16
/* DPDK's CCM layout: the nonce starts one byte into the IV field... */
#define VT_CCM_IV_SKIP 1
/* ...and the AAD 18 bytes into its buffer (room for B0 and its length). */
#define VT_CCM_AAD_SKIP 18
/* A shape whose digest is left intact (see vt_flip()). */
#define VT_FLIP_NONE 0u

/* How the reference computes an auth algorithm (ref_auth.c). */
enum vt_auth_ref {
	VT_AUTH_DIGEST,		/* EVP_Digest */
	VT_AUTH_HMAC,		/* EVP_MAC HMAC */
	VT_AUTH_CMAC,		/* EVP_MAC CMAC */
	VT_AUTH_XCBC,		/* RFC 3566, built on AES-ECB (ref_xcbc.c) */
	VT_AUTH_GMAC,		/* GCM with the data as AAD and no plaintext */
};

/* One hash or MAC with a fixed key and digest size, as the tests use it. */
struct vt_auth_alg {
	const char *name;
	enum rte_crypto_auth_algorithm algo;
	enum vt_auth_ref ref;
	const char *evp;	/* digest name; cipher name for CMAC/GMAC */
	uint16_t key_len;	/* 0: unkeyed */
	uint16_t digest_len;	/* shorter than the full output: truncated */
	uint16_t iv_len;	/* GMAC only */
	uint16_t block;		/* HMAC: random key lengths go up to twice this */
};

extern const struct vt_auth_alg vt_auth_algs[];
extern const unsigned int vt_nb_auth_algs;
const struct vt_auth_alg *vt_find_auth_alg(const char *name);

int vt_ref_auth(const struct vt_auth_alg *alg, const uint8_t *key,
		uint16_t key_len, const uint8_t *iv, const uint8_t *data,
		size_t len, uint8_t *digest);
int vt_ref_xcbc(const uint8_t *key, const uint8_t *data, size_t len,
		uint8_t *mac);

/* One AEAD algorithm with fixed sizes ("aes-ccm-128" "n13-aad20"). */
struct vt_aead_alg {
	const char *name;
	const char *params;
	enum rte_crypto_aead_algorithm algo;
	const char *evp;
	uint16_t key_len;
	uint16_t iv_len;	/* CCM: the nonce, without the reserved byte */
	uint16_t aad_len;
	uint16_t tag_len;
};

extern const struct vt_aead_alg vt_aead_algs[];
extern const unsigned int vt_nb_aead_algs;
const struct vt_aead_alg *vt_find_aead_alg(const char *name,
		const char *params);

/* The inputs of one reference AEAD encryption. */
struct vt_aead_in {
	const char *evp;	/* OpenSSL cipher name; CCM if it says so */
	const uint8_t *key;
	const uint8_t *iv;
	uint16_t iv_len;
	const uint8_t *aad;
	size_t aad_len;
	uint16_t tag_len;
};

int vt_ref_aead_encrypt(const struct vt_aead_in *in, const uint8_t *pt,
		uint8_t *ct, size_t len, uint8_t *tag);

/* A cipher chained with a hash or MAC, both from the tables above. */
struct vt_chain_alg {
	const char *name;
	const char *cipher;	/* in vt_cipher_algs */
	const char *auth;	/* in vt_auth_algs */
};

extern const struct vt_chain_alg vt_chain_algs[];
extern const unsigned int vt_nb_chain_algs;

/*
 * The four ways to chain a cipher with a hash or MAC. Generating goes
 * with encrypting, verifying with decrypting; the digest always sits
 * apart from the ciphered data (never "digest encrypted").
 */
enum vt_chain_mode {
	VT_CHAIN_ENC_THEN_MAC,		/* cipher xform first: MAC the ciphertext */
	VT_CHAIN_VERIFY_THEN_DEC,	/* auth xform first: verify the ciphertext */
	VT_CHAIN_MAC_THEN_ENC,		/* auth xform first: MAC the plaintext */
	VT_CHAIN_DEC_THEN_VERIFY,	/* cipher xform first: verify the plaintext */
	VT_NB_CHAIN_MODES,
};

extern const char *const vt_chain_mode_names[VT_NB_CHAIN_MODES];

static inline bool
vt_chain_mode_encrypts(enum vt_chain_mode m)
{
	return m == VT_CHAIN_ENC_THEN_MAC || m == VT_CHAIN_MAC_THEN_ENC;
}

/* The digest covers the plaintext (header and payload before ciphering). */
static inline bool
vt_chain_mode_macs_plaintext(enum vt_chain_mode m)
{
	return m == VT_CHAIN_MAC_THEN_ENC || m == VT_CHAIN_DEC_THEN_VERIFY;
}

/* The cipher xform comes first in the chain of xforms. */
static inline bool
vt_chain_mode_cipher_first(enum vt_chain_mode m)
{
	return m == VT_CHAIN_ENC_THEN_MAC || m == VT_CHAIN_DEC_THEN_VERIFY;
}

/* What the device claims (caps.c). */
bool vt_auth_claimed(const struct vt_ctx *ctx, const struct vt_auth_alg *alg,
		uint16_t key_len);
bool vt_aead_claimed(const struct vt_ctx *ctx, const struct vt_aead_alg *alg);
const char *vt_chain_unclaimed_why(const struct vt_ctx *ctx,
		const struct vt_cipher_alg *cipher,
		const struct vt_auth_alg *auth);

/* Sessions (sessions.c): keys are kept for the references. */
struct vt_auth_sess {
	void *sess;
	const struct vt_auth_alg *alg;
	bool generate;
	uint16_t key_len;
	uint8_t key[VT_MAX_AUTH_KEY];
};

struct vt_chain_sess {
	void *sess;
	const struct vt_cipher_alg *cipher;
	const struct vt_auth_alg *auth;
	enum vt_chain_mode mode;
	bool encrypt;		/* encrypt and generate, else decrypt and verify */
	uint8_t ckey[VT_MAX_KEY];
	uint8_t akey[VT_MAX_AUTH_KEY];
};

struct vt_aead_sess {
	void *sess;
	const struct vt_aead_alg *alg;
	bool encrypt;
	uint8_t key[VT_AEAD_MAX_KEY];
};

int vt_sym_sess_create(struct vt_ctx *ctx, struct rte_crypto_sym_xform *xf,
		void **sess);
void vt_sym_sess_free(struct vt_ctx *ctx, void **sess);
void vt_auth_xform(struct rte_crypto_sym_xform *xf,
		const struct vt_auth_alg *alg, bool generate,
		const uint8_t *key, uint16_t key_len);
void vt_aead_xform(struct rte_crypto_sym_xform *xf,
		const struct vt_aead_alg *alg, bool encrypt,
		const uint8_t *key);
int vt_auth_sess_create(struct vt_ctx *ctx, struct vt_auth_sess *s,
		const struct vt_auth_alg *alg, bool generate,
		uint16_t key_len, struct vt_prng *rng);
int vt_chain_sess_create(struct vt_ctx *ctx, struct vt_chain_sess *s,
		const struct vt_cipher_alg *cipher,
		const struct vt_auth_alg *auth, enum vt_chain_mode mode,
		struct vt_prng *rng);
int vt_aead_sess_create(struct vt_ctx *ctx, struct vt_aead_sess *s,
		const struct vt_aead_alg *alg, bool encrypt,
		struct vt_prng *rng);

/*
 * Job shapes. flip, unless VT_FLIP_NONE (0), damages the digest before a
 * verify (the op must then fail with AUTH_FAILED): see vt_flip(). A
 * digest not sep(arate) sits right after the data in the mbuf, as
 * applications keep it.
 */
struct vt_auth_shape {
	uint32_t off;		/* bytes before the authenticated data */
	uint32_t len;
	bool sep_digest;
	unsigned int flip;
	const struct vt_layout *layout;
};

/* ESP-like: [hdr: authenticated][len: ciphered and authenticated][digest] */
struct vt_chain_shape {
	uint32_t hdr;
	uint32_t len;
	bool oop;
	bool sep_digest;
	unsigned int flip;
	const struct vt_layout *src_layout;
	const struct vt_layout *dst_layout;
};

/* [off: left alone][len: ciphered][tag]; the AAD is a buffer of its own. */
struct vt_aead_shape {
	uint32_t off;
	uint32_t len;
	bool oop;
	bool sep_tag;
	unsigned int flip;
	const struct vt_layout *src_layout;
	const struct vt_layout *dst_layout;
};

int vt_job_auth(struct vt_ctx *ctx, struct vt_job *job,
		const struct vt_auth_sess *s, struct vt_prng *rng,
		const struct vt_auth_shape *shape);
int vt_job_chain(struct vt_ctx *ctx, struct vt_job *job,
		const struct vt_chain_sess *s, struct vt_prng *rng,
		const struct vt_chain_shape *shape);
int vt_job_aead(struct vt_ctx *ctx, struct vt_job *job,
		const struct vt_aead_sess *s, struct vt_prng *rng,
		const struct vt_aead_shape *shape);

/* What a service case does (the names differ per service). */
enum vt_dir {
	VT_DIR_FORWARD,		/* generate, encrypt, a chain that encrypts */
	VT_DIR_REVERSE,		/* verify, decrypt, a chain that decrypts */
	VT_DIR_REVERSE_BAD,	/* the same, every other digest damaged */
	VT_DIR_RANDOM,		/* random keys, sizes and directions */
	VT_NB_DIRS,
};

/*
 * The case functions of each service: one session (several for random)
 * and a burst of one op per shape. Other files register them with their
 * own shapes (sgl_cases.c).
 */
struct vt_auth_case {
	const struct vt_auth_alg *alg;
	enum vt_dir dir;
	const struct vt_auth_shape *shapes;
	unsigned int nb_shapes;
};

/*
 * A chain case: dir FORWARD, REVERSE or REVERSE_BAD with a mode that
 * encrypts (FORWARD) or decrypts; RANDOM goes through every mode.
 */
struct vt_chain_case {
	const struct vt_chain_alg *alg;
	enum vt_dir dir;
	enum vt_chain_mode mode;
	const struct vt_chain_shape *shapes;
	unsigned int nb_shapes;
};

struct vt_aead_case {
	const struct vt_aead_alg *alg;
	enum vt_dir dir;
	const struct vt_aead_shape *shapes;
	unsigned int nb_shapes;
};

enum vt_result vt_auth_case(struct vt_ctx *ctx, const void *arg);
enum vt_result vt_chain_case(struct vt_ctx *ctx, const void *arg);
enum vt_result vt_aead_case(struct vt_ctx *ctx, const void *arg);

/* The bit a REVERSE_BAD case flips in op i (even ops only). */
unsigned int vt_bad_flip(unsigned int i);

/*
 * One representative algorithm per service (svc.c), for the cases that
 * are about the PMD's handling of ops rather than about algorithms: too
 * many segments, oversized ops, bad ops in a burst of good ones.
 */
enum vt_service {
	VT_SVC_CIPHER,		/* aes-128-cbc */
	VT_SVC_HASH,		/* sha256 */
	VT_SVC_MAC,		/* hmac-sha256 */
	VT_SVC_GMAC,		/* aes-gmac-128 */
	VT_SVC_CHAIN,		/* aes-cbc+hmac-sha256 */
	VT_SVC_AEAD,		/* aes-gcm-128, 20 bytes of AAD */
	VT_NB_SERVICES,
};

struct vt_svc {
	enum vt_service svc;
	bool forward;		/* encrypt or generate */
	struct vt_sess cipher;
	struct vt_auth_sess auth;
	struct vt_chain_sess chain;
	struct vt_aead_sess aead;
};

extern const char *const vt_service_names[VT_NB_SERVICES];
const char *vt_svc_unclaimed(const struct vt_ctx *ctx, enum vt_service svc);
int vt_svc_create(struct vt_ctx *ctx, struct vt_svc *v, enum vt_service svc,
		bool forward, struct vt_prng *rng);
void vt_svc_free(struct vt_ctx *ctx, struct vt_svc *v);
uint32_t vt_svc_block(enum vt_service svc);
int vt_svc_job(struct vt_ctx *ctx, struct vt_job *job, const struct vt_svc *v,
		struct vt_prng *rng, uint32_t len, const struct vt_layout *lay,
		unsigned int flip);

const struct vt_chain_alg *vt_find_chain_alg(const char *name);

/* A batch: n jobs built by build(), run as one burst, checked, freed. */
typedef int (*vt_build_fn)(struct vt_ctx *ctx, struct vt_job *job,
		unsigned int i, const void *arg, struct vt_prng *rng);

enum vt_result vt_run_batch(struct vt_ctx *ctx, unsigned int n,
		vt_build_fn build, const void *arg, struct vt_prng *rng);

#endif /* VT_SYM_H */
