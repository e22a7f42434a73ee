/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VCRYPTO_TEST_H
#define VCRYPTO_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_crypto.h>
#include <rte_cryptodev.h>
#include <rte_mempool.h>

#include <openssl/types.h>

struct rte_mbuf;

/*
 * The IV lives in the op private area right after the symmetric op, where
 * every cryptodev PMD looks for it through the session's iv.offset.
 */
#define VT_IV_OFFSET (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))
#define VT_MAX_IV 16
#define VT_MAX_KEY 64
#define VT_MAX_DIGEST 64
#define VT_NAME_LEN 96	/* case names: the longest so far has 65 characters */
#define VT_REASON_LEN 320
#define VT_LAYOUT_SEGS 6

/* Result of one test case. */
enum vt_result {
	VT_PASS,
	VT_FAIL,
	VT_SKIP,
};

/* How a reference implementation computes a cipher (see ref_cipher.c). */
enum vt_ref_kind {
	VT_REF_EVP,		/* a plain OpenSSL EVP cipher */
	VT_REF_DES_AS_EDE3,	/* single DES as DES-EDE3 with K1 = K2 = K3 */
	VT_REF_EDE3_CTR,	/* 3DES-CTR built from DES-EDE3 ECB blocks */
};

/* One cipher algorithm with a fixed key size, as the tests use it. */
struct vt_cipher_alg {
	const char *name;
	enum rte_crypto_cipher_algorithm algo;
	uint16_t key_len;
	uint16_t iv_len;
	uint16_t block;		/* lengths must be multiples of this */
	enum vt_ref_kind ref;
	const EVP_CIPHER *(*evp)(void);	/* getter for VT_REF_EVP */
};

extern const struct vt_cipher_alg vt_cipher_algs[];
extern const unsigned int vt_nb_cipher_algs;

int vt_ref_cipher(const struct vt_cipher_alg *alg, bool encrypt,
		const uint8_t *key, const uint8_t *iv,
		const uint8_t *in, uint8_t *out, size_t len);
const struct vt_cipher_alg *vt_find_alg(const char *name);

/* Everything the cases share: the device and the pools. */
struct vt_ctx {
	uint8_t dev_id;
	uint16_t qp_id;
	uint32_t nb_desc;
	int socket_id;
	struct rte_cryptodev_info info;
	struct rte_mempool *op_pool;
	struct rte_mempool *mbuf_pool;
	struct rte_mempool *big_pool;	/* made on demand for oversized ops */
	struct rte_mempool *sess_pool;
	/* Only when the PMD claims asymmetric crypto: NULL otherwise. */
	struct rte_mempool *asym_op_pool;
	struct rte_mempool *asym_sess_pool;
	uint32_t sess_cap;		/* most sessions the limit case may hold */
	uint64_t timeout_cycles;	/* give up after this long without progress */
	uint64_t max_size;		/* device's max request size, 0 if unknown */
	bool strict;			/* bad ops must come back, not be refused */
	bool verbose;
	/* Own accounting, compared with the device's stats at the end. */
	uint64_t nb_offered;
	uint64_t nb_accepted;
	uint64_t nb_dequeued;
	uint64_t nb_lost;
	unsigned int case_strays;	/* ops dequeued that the case never sent */
	/* The running case's name and its failure or skip reason. */
	const char *case_name;
	char reason[VT_REASON_LEN];
};

enum vt_result vt_fail(struct vt_ctx *ctx, const char *fmt, ...)
	__rte_format_printf(2, 3);
enum vt_result vt_skip(struct vt_ctx *ctx, const char *fmt, ...)
	__rte_format_printf(2, 3);
void vt_note(struct vt_ctx *ctx, const char *fmt, ...)
	__rte_format_printf(2, 3);

/* Device and pool setup (device.c). */
int vt_device_open(struct vt_ctx *ctx, const char *driver);
void vt_device_close(struct vt_ctx *ctx);

/* Test case registry. */
typedef enum vt_result (*vt_case_fn)(struct vt_ctx *ctx, const void *arg);

void vt_register(const char *name, vt_case_fn fn, const void *arg);
void vt_register_ref_cases(void);
void vt_register_kat_cases(void);
void vt_register_kat_random_cases(void);
void vt_register_auth_cases(void);
void vt_register_chain_cases(void);
void vt_register_null_auth_cases(void);
void vt_register_aead_cases(void);
void vt_register_sgl_cases(void);
void vt_register_bad_input_cases(void);
void vt_register_bad_service_cases(void);
void vt_register_bad_burst_case(void);
void vt_register_session_cases(void);
void vt_register_rsa_cases(void);
void vt_register_ecdsa_cases(void);
void vt_register_stats_case(void);

/* PEM text of the pre-generated RSA key of that size (rsa_keys.c), or NULL. */
const char *vt_rsa_key_pem(unsigned int bits);

/* Deterministic data: splitmix64 seeded from the case name. */
struct vt_prng {
	uint64_t state;
};

void vt_prng_seed(struct vt_prng *rng, const char *name);
uint64_t vt_prng_next(struct vt_prng *rng);
void vt_prng_fill(struct vt_prng *rng, uint8_t *buf, size_t len);
uint32_t vt_prng_below(struct vt_prng *rng, uint32_t n);

/* A cipher session together with the key the reference needs. */
struct vt_sess {
	void *sess;
	const struct vt_cipher_alg *alg;
	bool encrypt;
	uint8_t key[VT_MAX_KEY];
};

bool vt_alg_supported(const struct vt_ctx *ctx, const struct vt_cipher_alg *alg);
void vt_cipher_xform(struct rte_crypto_sym_xform *xf,
		const struct vt_cipher_alg *alg, bool encrypt,
		const uint8_t *key);
int vt_sess_create(struct vt_ctx *ctx, struct vt_sess *s,
		const struct vt_cipher_alg *alg, bool encrypt,
		struct vt_prng *rng);
int vt_sess_free(struct vt_ctx *ctx, struct vt_sess *s);

/* What became of an op handed to the device. */
enum vt_fate {
	VT_FATE_UNSENT,		/* never offered (or the run gave up first) */
	VT_FATE_IN_FLIGHT,	/* accepted by enqueue, not yet back */
	VT_FATE_REFUSED,	/* enqueue would not take it, even on an idle queue */
	VT_FATE_RETURNED,	/* came back from dequeue */
	VT_FATE_LOST,		/* accepted but never came back: owned by the PMD */
};

/*
 * How a buffer image is cut into mbuf segments (mbufs.c): the listed
 * sizes first, then segments of size every, or one for the rest.
 * A NULL layout means one segment (several only beyond 64 KiB).
 */
struct vt_layout {
	uint16_t seg[VT_LAYOUT_SEGS];	/* a 0 ends the list */
	uint16_t every;
};

struct rte_mbuf *vt_mbuf_build(struct vt_ctx *ctx, const uint8_t *data,
		uint32_t len, const struct vt_layout *lay);
uint64_t vt_mbuf_max_len(void);
void *vt_mbuf_at(struct rte_mbuf *m, uint32_t off, uint32_t len,
		rte_iova_t *iova);
int64_t vt_mbuf_diff(const struct rte_mbuf *m, const uint8_t *want,
		uint32_t len, uint8_t *got);

/* What an op must come back with. */
enum vt_expect {
	VT_EXPECT_SUCCESS,	/* SUCCESS, and every buffer as expected */
	VT_EXPECT_AUTH_FAILED,	/* AUTH_FAILED; out of place, src untouched */
	VT_EXPECT_ERROR,	/* any other failure; its buffers are not checked */
};

/* One op plus what its buffers must hold afterwards. */
struct vt_job {
	struct rte_crypto_op *op;
	uint32_t buf_len;
	uint8_t *src_before;	/* src contents as enqueued */
	uint8_t *expect_src;	/* src contents expected afterwards */
	uint8_t *expect_dst;	/* dst contents expected, NULL if in place */
	/* A digest or tag in a buffer of its own (rte_malloc: it has an IOVA). */
	uint8_t *digest;
	uint8_t *expect_digest;	/* what it must hold afterwards, NULL: anything */
	uint16_t digest_len;
	uint8_t *aad;		/* AEAD: the AAD buffer (rte_malloc) */
	enum vt_expect expect;
	bool want_invalid_args;	/* VT_EXPECT_ERROR: INVALID_ARGS when strict */
	char what[96];		/* short description for messages */
	enum vt_fate fate;
};

/* Shape of a cipher job: header and trailer bytes are not ciphered. */
struct vt_job_shape {
	uint32_t hdr;
	uint32_t len;
	uint32_t trl;
	bool oop;
	const struct vt_layout *src_layout;	/* NULL: one segment */
	const struct vt_layout *dst_layout;
};

int vt_job_init(struct vt_job *job, uint32_t buf_len, bool oop,
		enum vt_expect expect);
int vt_job_op(struct vt_ctx *ctx, struct vt_job *job, void *sess,
		const uint8_t *dst_init, const struct vt_layout *src_layout,
		const struct vt_layout *dst_layout);
void vt_job_set_iv(struct vt_job *job, const uint8_t *iv, uint16_t len);
void *vt_side_alloc(struct vt_ctx *ctx, size_t len, rte_iova_t *iova);
int vt_job_digest(struct vt_ctx *ctx, struct vt_job *job, struct rte_mbuf *m,
		uint32_t off, const uint8_t *init, uint16_t len,
		uint8_t **data, rte_iova_t *iova);
int vt_job_expect_digest(struct vt_job *job, const uint8_t *want);
void vt_job_make_bad(struct vt_job *job, const char *why);
void vt_flip(uint8_t *digest, uint16_t len, unsigned int flip);
int vt_job_cipher(struct vt_ctx *ctx, struct vt_job *job,
		const struct vt_sess *s, struct vt_prng *rng,
		const struct vt_job_shape *shape);
int vt_job_bad(struct vt_ctx *ctx, struct vt_job *job,
		const struct vt_sess *s, struct vt_prng *rng,
		uint32_t len, bool null_session, const char *what);
bool vt_job_src_untouched(const struct vt_job *job);
void vt_jobs_release(struct vt_job *jobs, unsigned int n);
enum vt_result vt_jobs_check(struct vt_ctx *ctx, struct vt_job *jobs,
		unsigned int n);

/* Enqueue/dequeue with a bounded wait (burst.c). */
unsigned int vt_enqueue(struct vt_ctx *ctx, struct vt_job *jobs,
		unsigned int first, unsigned int count);
unsigned int vt_poll(struct vt_ctx *ctx, struct vt_job *jobs, unsigned int n);
int vt_drain(struct vt_ctx *ctx, struct vt_job *jobs, unsigned int n);
int vt_run_jobs(struct vt_ctx *ctx, struct vt_job *jobs, unsigned int n);

const char *vt_status_name(enum rte_crypto_op_status st);

/* Helpers shared by the bad-input and session cases. */
const struct vt_cipher_alg *vt_base_alg(const struct vt_ctx *ctx);
enum vt_result vt_one_op(struct vt_ctx *ctx, const struct vt_sess *s,
		struct vt_prng *rng, const char *when);
enum vt_result vt_device_still_works(struct vt_ctx *ctx, struct vt_prng *rng,
		const char *when);

#endif /* VCRYPTO_TEST_H */
