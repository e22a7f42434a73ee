/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef SOAK_H
#define SOAK_H

/*
 * The soak: many millions of symmetric ops of every service through the
 * whole PMD over the software device model, several queue pairs at once.
 * Ops are built by the guest test's job helpers (tests/guest), so a
 * freshly built op carries the bytes OpenSSL says it must produce.
 *
 * Each queue pair owns a set of templates (jobs). A template is either
 * built afresh, and then checked byte for byte when it comes back (the
 * sampled ops, one in --sample), or resubmitted as it is, its source
 * restored first, and then checked for its status and, out of place, an
 * untouched source. So every op is accounted for and checked, and the
 * expensive reference work is done for a sample only.
 */

#include <stdbool.h>
#include <stdint.h>
#include <pthread.h>

#include "vt_sym.h"

#define SOAK_MAX_QPS 16
#define SOAK_MAX_SESS 512
#define SOAK_MAX_ERR_LEN 400
/* Each op's tag (soak_worker.c) sits in its private area after the IV. */
#define SOAK_TAG_OFFSET (VT_IV_OFFSET + 32)
#define SOAK_OP_PRIV 48

/* The services a session (and so an op) belongs to. */
enum soak_svc {
	SOAK_CIPHER,
	SOAK_AUTH,
	SOAK_CHAIN,
	SOAK_AEAD,
	SOAK_NB_SVC,
};

extern const char *const soak_svc_names[SOAK_NB_SVC];

struct soak_sess {
	enum soak_svc svc;
	bool forward;		/* encrypt / generate */
	char name[64];
	union {
		struct vt_sess cipher;
		struct vt_auth_sess auth;
		struct vt_chain_sess chain;
		struct vt_aead_sess aead;
	} u;
};

struct soak_opts {
	uint64_t ops;
	uint64_t seed;
	unsigned int qps;
	unsigned int workers;	/* lcores, each drives every workers-th qp */
	unsigned int sample;	/* byte-exact check of one op in this many */
	unsigned int depth;	/* templates (ops in flight at most) per qp */
	unsigned int dev_threads;
	unsigned int churn;	/* concurrency mode: threads of each kind */
	unsigned int progress_ms;
	unsigned int stall_ms;	/* no op back for this long: lost */
	unsigned int max_print;	/* error messages printed at most */
	uint64_t max_errors;	/* stop after this many errors */
	const char *vdev_extra;
};

/* Per queue pair counters; written by its worker, read by anyone. */
struct soak_counts {
	uint64_t enqueued;
	uint64_t dequeued;
	uint64_t sampled;	/* ops checked byte for byte */
	uint64_t replayed;	/* ops checked by status */
	uint64_t errors;
	uint64_t by_svc[SOAK_NB_SVC];
	uint64_t auth_failed;	/* ops that had to fail verification */
	uint64_t bad;		/* ops that had to fail (too many segments) */
	uint64_t many_segs;	/* good ops with more segments than buffers */
	uint64_t build_retry;	/* templates built again without segments */
	uint64_t nomem;		/* builds deferred: pool empty */
};

struct soak_tmpl;

struct soak_qp {
	struct vt_ctx ctx;	/* the guest helpers' view: pools, qp_id */
	uint64_t quota;		/* ops to submit */
	struct soak_tmpl *tmpl;
	unsigned int nb_tmpl;
	unsigned int *idle;	/* stack of idle template indices */
	unsigned int nb_idle;
	unsigned int pending[64];	/* prepared, not yet accepted */
	unsigned int nb_pending;
	uint64_t submitted;	/* prepared for the quota so far */
	struct vt_prng rng;
	uint64_t last_progress;	/* tsc of the last dequeue */
	bool done;
	bool stalled;
	struct soak_counts c;
};

struct soak {
	struct soak_opts o;
	uint8_t dev_id;
	struct rte_cryptodev_info info;
	struct rte_mempool *op_pool;
	struct rte_mempool *mbuf_pool;
	struct rte_mempool *sess_pool;
	struct soak_sess *sess;
	unsigned int nb_sess;
	struct soak_qp qp[SOAK_MAX_QPS];
	bool stop;		/* too many errors: finish what is in flight */
	uint64_t printed;
	pthread_mutex_t print_lock;
};

/* soak_device.c */
int soak_device_open(struct soak *s);
int soak_device_setup(struct soak *s, uint16_t nb_qps);
int soak_device_check_stats(struct soak *s);
int soak_device_close(struct soak *s);
int soak_pools_full(struct soak *s);

/* soak_sessions.c */
int soak_sessions_create(struct soak *s);
void soak_sessions_free(struct soak *s);
int soak_sess_make(struct vt_ctx *ctx, struct soak_sess *ss,
		struct vt_prng *rng);
void soak_sess_release(struct vt_ctx *ctx, struct soak_sess *ss);

/* soak_build.c: a fresh random job of session ss; flags say its kind */
#define SOAK_JOB_MANY 1u	/* more segments than a request has buffers */
#define SOAK_JOB_BAD 2u		/* must fail: too many segments for the PMD */
#define SOAK_JOB_RETRIED 4u	/* built again in one segment */
#define SOAK_MANY_ONE_IN 32
#define SOAK_BAD_ONE_IN 256
int soak_build(struct vt_ctx *ctx, struct vt_job *job,
		const struct soak_sess *ss, struct vt_prng *rng,
		unsigned int *flags);

/* soak_worker.c */
int soak_worker(void *arg);
int soak_qp_init(struct soak *s, struct soak_qp *q, uint16_t qp_id);
void soak_qp_fini(struct soak_qp *q);

/* soak_report.c */
void soak_error(struct soak *s, struct soak_qp *q, const char *fmt, ...)
	__rte_format_printf(3, 4);
uint64_t soak_load(const uint64_t *p);
void soak_store(uint64_t *p, uint64_t v);
void soak_inc(uint64_t *p);

/* soak_churn.c: the concurrency mode */
int soak_churn_start(struct soak *s);
int soak_churn_stop(struct soak *s);
void soak_churn_tolerate(bool on);

/* soak_reconfig.c: the concurrency mode's reconfiguration phase */
int soak_reconfigure(struct soak *s);

extern struct soak soak;

#endif /* SOAK_H */
