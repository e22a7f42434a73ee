/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Fault injection against the whole crypto_virtio PMD on the host: the
 * software device model misbehaves in every way it knows (error statuses,
 * held, reordered and bogus completions, stalls, NEEDS_RESET) and the PMD
 * must cope without a crash, a hang or a lost op. Every op enqueued must
 * come back from dequeue within a bounded poll, with the right status,
 * and every op that succeeds with the right output (OpenSSL computes it).
 * After a fault that leaves the device needing a reset, start must fail
 * and a reconfigure must bring it back.
 *
 * Single lcore, deterministic: the model's device thread serves requests
 * in ring order and faults count requests per queue.
 */

#include <errno.h>
#include <pthread.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/virtio_config.h>
#include <linux/virtio_crypto.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cryptodev_pmd.h>
#include <rte_bus_vdev.h>
#include <rte_crypto.h>
#include <rte_cryptodev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>
#include <rte_mempool.h>

#include "check.h"
#include "model_vdev.h"
#include "vcdev_model.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_queue.h"

#define DEV_NAME "crypto_virtio_model0"
#define DEV_ARGS \
	"dataqueues=2,queue_size=256,ctrl_timeout_ms=300,op_timeout_ms=300"
/* Used only if the vdev refuses DEV_ARGS: the run goes on, slower. */
#define FALLBACK_NAME "crypto_virtio_model1"
#define FALLBACK_ARGS "dataqueues=2,queue_size=256,ctrl_timeout_ms=300"

#define NB_QPS 2
#define RING 256		/* model queue_size, queue pair descriptors */
#define DATA_LEN 64		/* four AES blocks */
#define BURST 32
#define MAX_JOBS 512
#define NB_MBUFS 1023
#define NB_OPS 1023
#define NB_SESSIONS 32
/*
 * Every wait for ops is bounded: POLL_MS, or if longer the driver's op
 * timeout plus TIMEOUT_MARGIN_MS, what a slow (sanitizer) build may add
 * to any driver timeout.
 */
#define POLL_MS 5000
#define TIMEOUT_MARGIN_MS 1700

/* The op's private area: IV, tag or digest, and who the op is. */
#define IV_OFF (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))
#define TAG_OFF (IV_OFF + 16)
#define ID_OFF (TAG_OFF + 32)
#define OP_PRIV 64

static const uint8_t cbc_key[16] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c };
static const uint8_t gcm_key[16] = {
	0xfe, 0xff, 0xe9, 0x92, 0x86, 0x65, 0x73, 0x1c,
	0x6d, 0x6a, 0x8f, 0x94, 0x67, 0x30, 0x83, 0x08 };
static const uint8_t hmac_key[32] = {
	0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b,
	0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b,
	0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b,
	0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b, 0x0b };

static uint8_t dev_id;
static int socket_id;
static struct vcdev_model *model;
static uint32_t op_timeout_ms;
static uint32_t ctrl_timeout_ms;
static uint64_t poll_ms;	/* bound on every wait for ops */
static struct rte_mempool *mbuf_pool;
static struct rte_mempool *op_pool;
static struct rte_mempool *sess_pool;
/* The AES-CBC encrypt session most scenarios use; renewed by a reset. */
static void *cbc_sess;

/* ---- small helpers ---- */

static uint64_t
now_ms(void)
{
	return rte_get_timer_cycles() / (rte_get_timer_hz() / 1000);
}

/* Deterministic data: xorshift32. */
static uint32_t rng_state = 0x9e3779b9;

static void
fill_random(uint8_t *p, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++) {
		rng_state ^= rng_state << 13;
		rng_state ^= rng_state >> 17;
		rng_state ^= rng_state << 5;
		p[i] = (uint8_t)rng_state;
	}
}

/*
 * The PMD logs every fault it meets at ERR: right for a user, noise when
 * the fault is the point. Quiet it only while a fault is expected, so an
 * unexpected error elsewhere still shows.
 */
static void
expect_pmd_errors(bool yes)
{
	rte_log_set_level_pattern("pmd.crypto.virtio",
				  yes ? RTE_LOG_CRIT : RTE_LOG_NOTICE);
}

static void
bail_out(const char *why)
{
	printf("Bail out! %s\n", why);
	exit(2);
}

static const char *
status_name(int status)
{
	switch (status) {
	case RTE_CRYPTO_OP_STATUS_SUCCESS: return "SUCCESS";
	case RTE_CRYPTO_OP_STATUS_NOT_PROCESSED: return "NOT_PROCESSED";
	case RTE_CRYPTO_OP_STATUS_AUTH_FAILED: return "AUTH_FAILED";
	case RTE_CRYPTO_OP_STATUS_INVALID_SESSION: return "INVALID_SESSION";
	case RTE_CRYPTO_OP_STATUS_INVALID_ARGS: return "INVALID_ARGS";
	case RTE_CRYPTO_OP_STATUS_ERROR: return "ERROR";
	default: return "?";
	}
}

static void
inject(const struct vcdev_fault *f)
{
	int ret = vcdev_model_inject(model, f);

	if (ret != 0) {
		printf("# vcdev_model_inject(type %d): %d\n", f->type, ret);
		bail_out("the model refused a fault");
	}
}

/* ---- OpenSSL reference ---- */

static void
ref_cbc_encrypt(const uint8_t *iv, const uint8_t *in, uint8_t *out)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int n = 0, f = 0;
	bool ok;

	ok = c != NULL &&
		EVP_EncryptInit_ex(c, EVP_aes_128_cbc(), NULL, cbc_key, iv) &&
		EVP_CIPHER_CTX_set_padding(c, 0) &&
		EVP_EncryptUpdate(c, out, &n, in, DATA_LEN) &&
		EVP_EncryptFinal_ex(c, out + n, &f) && n + f == DATA_LEN;
	EVP_CIPHER_CTX_free(c);
	if (!ok)
		bail_out("OpenSSL AES-CBC failed");
}

/* GCM with a 12-byte IV and no AAD: ciphertext and 16-byte tag. */
static void
ref_gcm_encrypt(const uint8_t *iv, const uint8_t *in, uint8_t *out,
		uint8_t *tag)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int n = 0, f = 0;
	bool ok;

	ok = c != NULL &&
		EVP_EncryptInit_ex(c, EVP_aes_128_gcm(), NULL, gcm_key, iv) &&
		EVP_EncryptUpdate(c, out, &n, in, DATA_LEN) &&
		EVP_EncryptFinal_ex(c, out + n, &f) && n + f == DATA_LEN &&
		EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, tag);
	EVP_CIPHER_CTX_free(c);
	if (!ok)
		bail_out("OpenSSL AES-GCM failed");
}

static void
ref_hmac_sha256(const uint8_t *in, uint8_t *md)
{
	unsigned int len = 0;

	if (HMAC(EVP_sha256(), hmac_key, sizeof(hmac_key), in, DATA_LEN, md,
		 &len) == NULL || len != 32)
		bail_out("OpenSSL HMAC-SHA256 failed");
}

/* ---- sessions ---- */

static void *
sess_cbc_on(uint8_t dev)
{
	struct rte_crypto_sym_xform x = {
		.type = RTE_CRYPTO_SYM_XFORM_CIPHER,
		.cipher = {
			.op = RTE_CRYPTO_CIPHER_OP_ENCRYPT,
			.algo = RTE_CRYPTO_CIPHER_AES_CBC,
			.key = { cbc_key, sizeof(cbc_key) },
			.iv = { IV_OFF, 16 },
		},
	};

	return rte_cryptodev_sym_session_create(dev, &x, sess_pool);
}

static void *
sess_cbc(void)
{
	return sess_cbc_on(dev_id);
}

static void *
sess_gcm_decrypt(void)
{
	struct rte_crypto_sym_xform x = {
		.type = RTE_CRYPTO_SYM_XFORM_AEAD,
		.aead = {
			.op = RTE_CRYPTO_AEAD_OP_DECRYPT,
			.algo = RTE_CRYPTO_AEAD_AES_GCM,
			.key = { gcm_key, sizeof(gcm_key) },
			.iv = { IV_OFF, 12 },
			.digest_length = 16,
			.aad_length = 0,
		},
	};

	return rte_cryptodev_sym_session_create(dev_id, &x, sess_pool);
}

static void *
sess_hmac_verify(void)
{
	struct rte_crypto_sym_xform x = {
		.type = RTE_CRYPTO_SYM_XFORM_AUTH,
		.auth = {
			.op = RTE_CRYPTO_AUTH_OP_VERIFY,
			.algo = RTE_CRYPTO_AUTH_SHA256_HMAC,
			.key = { hmac_key, sizeof(hmac_key) },
			.digest_length = 32,
		},
	};

	return rte_cryptodev_sym_session_create(dev_id, &x, sess_pool);
}

static void
sess_put(void **s)
{
	if (*s != NULL)
		rte_cryptodev_sym_session_free(dev_id, *s);
	*s = NULL;
}

/*
 * A session create that must fail with rte_errno err (0: any), within
 * the controlq bound; returns how long it took.
 */
static uint64_t
create_fails(int err, const char *what)
{
	uint64_t t0 = now_ms(), ms;
	char wanted[16] = "any";
	void *s;

	if (err != 0)
		snprintf(wanted, sizeof(wanted), "%d", err);
	rte_errno = 0;
	s = sess_cbc();
	ms = now_ms() - t0;
	CHECK(s == NULL && (err == 0 ? rte_errno != 0 : rte_errno == err),
	      "%s: session create fails, rte_errno %d (want %s)", what,
	      rte_errno, wanted);
	CHECK(ms < ctrl_timeout_ms + TIMEOUT_MARGIN_MS,
	      "%s: ...within %" PRIu64 " ms (ctrl_timeout_ms %u)", what, ms,
	      ctrl_timeout_ms);
	sess_put(&s);
	return ms;
}

static void *
create_works(const char *what)
{
	void *s = sess_cbc();

	CHECK(s != NULL, "%s: session create works (rte_errno %d)", what,
	      s != NULL ? 0 : rte_errno);
	return s;
}

/* ---- jobs: ops with what they must come back as ---- */

enum want_kind {
	WANT_EXACT,		/* exactly this status */
	WANT_FAILED,		/* not SUCCESS, not NOT_PROCESSED */
	WANT_OK_OR_ERROR,	/* SUCCESS (then correct) or ERROR */
};

struct job {
	struct rte_crypto_op *op;
	uint8_t expect[DATA_LEN];	/* the data once the op succeeded */
	uint8_t want;			/* enum rte_crypto_op_status */
	uint8_t how;			/* enum want_kind */
	bool enqueued;
	bool back;
};

struct batch {
	uint16_t qp;
	uint32_t id;		/* tells its ops from other batches' */
	unsigned int n;
	unsigned int enqueued;
	unsigned int returned;
	unsigned int strays;	/* dequeued ops not in flight here */
	unsigned int reordered;	/* came back before an earlier op */
	unsigned int last;
	struct job jobs[MAX_JOBS];
};

static struct batch batch_a, batch_b;
static uint32_t batch_ids;

static void
batch_init(struct batch *b, uint16_t qp)
{
	b->qp = qp;
	b->id = ++batch_ids;
	b->n = b->enqueued = b->returned = 0;
	b->strays = b->reordered = b->last = 0;
}

/* A fresh op for the next job of b, data in one mbuf. */
static struct job *
job_new(struct batch *b, void *sess, uint8_t **data)
{
	struct job *j;
	struct rte_mbuf *m;
	struct rte_crypto_op *op;

	if (b->n == MAX_JOBS)
		bail_out("batch full");
	op = rte_crypto_op_alloc(op_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC);
	m = rte_pktmbuf_alloc(mbuf_pool);
	*data = m == NULL ? NULL : (uint8_t *)rte_pktmbuf_append(m, DATA_LEN);
	if (op == NULL || *data == NULL)
		bail_out("out of ops or mbufs");
	op->sym->m_src = m;
	if (rte_crypto_op_attach_sym_session(op, sess) != 0)
		bail_out("cannot attach a session");
	*rte_crypto_op_ctod_offset(op, uint32_t *, ID_OFF) = b->id;
	*rte_crypto_op_ctod_offset(op, uint32_t *, ID_OFF + 4) = b->n;
	j = &b->jobs[b->n++];
	memset(j, 0, sizeof(*j));
	j->op = op;
	j->want = RTE_CRYPTO_OP_STATUS_SUCCESS;
	j->how = WANT_EXACT;
	return j;
}

static struct job *
add_cbc(struct batch *b, void *sess)
{
	uint8_t *iv, *data;
	struct job *j = job_new(b, sess, &data);

	iv = rte_crypto_op_ctod_offset(j->op, uint8_t *, IV_OFF);
	fill_random(iv, 16);
	fill_random(data, DATA_LEN);
	ref_cbc_encrypt(iv, data, j->expect);
	j->op->sym->cipher.data.offset = 0;
	j->op->sym->cipher.data.length = DATA_LEN;
	return j;
}

static void
add_cbc_n(struct batch *b, void *sess, unsigned int n)
{
	while (n-- > 0)
		add_cbc(b, sess);
}

/* Decrypt in place: the mbuf holds ciphertext, the tag is apart. */
static struct job *
add_gcm_decrypt(struct batch *b, void *sess)
{
	uint8_t *iv, *tag, *data;
	struct job *j = job_new(b, sess, &data);
	struct rte_crypto_sym_op *sym = j->op->sym;

	iv = rte_crypto_op_ctod_offset(j->op, uint8_t *, IV_OFF);
	tag = rte_crypto_op_ctod_offset(j->op, uint8_t *, TAG_OFF);
	fill_random(iv, 12);
	fill_random(j->expect, DATA_LEN);
	ref_gcm_encrypt(iv, j->expect, data, tag);
	sym->aead.data.offset = 0;
	sym->aead.data.length = DATA_LEN;
	sym->aead.digest.data = tag;
	sym->aead.digest.phys_addr = rte_crypto_op_ctophys_offset(j->op,
								  TAG_OFF);
	return j;
}

/* Verify: the data stays as it is, the digest to check is apart. */
static struct job *
add_hmac_verify(struct batch *b, void *sess)
{
	uint8_t *md, *data;
	struct job *j = job_new(b, sess, &data);
	struct rte_crypto_sym_op *sym = j->op->sym;

	md = rte_crypto_op_ctod_offset(j->op, uint8_t *, TAG_OFF);
	fill_random(data, DATA_LEN);
	memcpy(j->expect, data, DATA_LEN);
	ref_hmac_sha256(data, md);
	sym->auth.data.offset = 0;
	sym->auth.data.length = DATA_LEN;
	sym->auth.digest.data = md;
	sym->auth.digest.phys_addr = rte_crypto_op_ctophys_offset(j->op,
								  TAG_OFF);
	return j;
}

static void
want(struct batch *b, unsigned int lo, unsigned int hi, int status,
     enum want_kind how)
{
	for (; lo < hi && lo < b->n; lo++) {
		b->jobs[lo].want = (uint8_t)status;
		b->jobs[lo].how = (uint8_t)how;
	}
}

static unsigned int
batch_enqueue(struct batch *b, unsigned int first, unsigned int count)
{
	struct rte_crypto_op *ops[MAX_JOBS];
	unsigned int i;
	uint16_t k;

	for (i = 0; i < count; i++)
		ops[i] = b->jobs[first + i].op;
	k = rte_cryptodev_enqueue_burst(dev_id, b->qp, ops, (uint16_t)count);
	for (i = 0; i < k; i++)
		b->jobs[first + i].enqueued = true;
	b->enqueued += k;
	return k;
}

/* Which job of b an op is, or -1 if it is not one in flight. */
static int
job_of(const struct batch *b, struct rte_crypto_op *op)
{
	uint32_t id = *rte_crypto_op_ctod_offset(op, uint32_t *, ID_OFF);
	uint32_t idx = *rte_crypto_op_ctod_offset(op, uint32_t *, ID_OFF + 4);

	if (id != b->id || idx >= b->n || b->jobs[idx].op != op ||
	    !b->jobs[idx].enqueued || b->jobs[idx].back)
		return -1;
	return (int)idx;
}

/* One dequeue call on b's queue pair; returns the ops it gave. */
static unsigned int
batch_poll(struct batch *b)
{
	struct rte_crypto_op *ops[BURST];
	uint16_t i, k;
	int idx;

	k = rte_cryptodev_dequeue_burst(dev_id, b->qp, ops, BURST);
	for (i = 0; i < k; i++) {
		idx = job_of(b, ops[i]);
		if (idx < 0) {
			b->strays++;
			continue;
		}
		b->jobs[idx].back = true;
		if (b->returned++ != 0 && (unsigned int)idx < b->last)
			b->reordered++;
		b->last = (unsigned int)idx;
	}
	return k;
}

static bool
batch_done(const struct batch *b)
{
	return b == NULL || b->returned >= b->enqueued;
}

/*
 * Poll a (and b, if not NULL) until each has its enqueued ops back, or
 * until a has count back when count is not 0, or ms have passed.
 * Returns the milliseconds it took.
 */
static uint64_t
wait_ops(struct batch *a, struct batch *b, unsigned int count, uint64_t ms)
{
	uint64_t t0 = now_ms();
	unsigned int got;

	for (;;) {
		if (count != 0 ? a->returned >= count :
		    batch_done(a) && batch_done(b))
			break;
		if (now_ms() - t0 >= ms)
			break;
		got = batch_poll(a);
		if (b != NULL)
			got += batch_poll(b);
		/* Two CPUs: leave one to the device thread. */
		if (got == 0)
			rte_delay_us_sleep(50);
	}
	return now_ms() - t0;
}

static uint64_t
batch_wait(struct batch *b)
{
	return wait_ops(b, NULL, 0, poll_ms);
}

static bool
status_ok(const struct job *j)
{
	int st = j->op->status;

	switch (j->how) {
	case WANT_FAILED:
		return st != RTE_CRYPTO_OP_STATUS_SUCCESS &&
			st != RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
	case WANT_OK_OR_ERROR:
		return st == RTE_CRYPTO_OP_STATUS_SUCCESS ||
			st == RTE_CRYPTO_OP_STATUS_ERROR;
	default:
		return st == j->want;
	}
}

static bool
data_ok(const struct job *j)
{
	const struct rte_mbuf *m = j->op->sym->m_src;

	return j->op->status != RTE_CRYPTO_OP_STATUS_SUCCESS ||
		memcmp(rte_pktmbuf_mtod(m, const uint8_t *), j->expect,
		       DATA_LEN) == 0;
}

struct verdict {
	unsigned int lost;
	unsigned int bad_status;
	unsigned int bad_data;
	int first_bad;		/* job with a wrong status, or -1 */
};

static void
batch_verdict(const struct batch *b, struct verdict *v)
{
	unsigned int i;

	memset(v, 0, sizeof(*v));
	v->first_bad = -1;
	for (i = 0; i < b->n; i++) {
		const struct job *j = &b->jobs[i];

		if (!j->enqueued)
			continue;
		if (!j->back) {
			v->lost++;
			continue;
		}
		if (!status_ok(j)) {
			if (v->bad_status++ == 0)
				v->first_bad = (int)i;
		}
		if (!data_ok(j))
			v->bad_data++;
	}
}

static void
batch_check(const struct batch *b, const char *what)
{
	struct verdict v;
	char detail[96] = "";

	batch_verdict(b, &v);
	CHECK(v.lost == 0 && b->strays == 0,
	      "%s: all %u ops came back (%u lost, %u strays)", what,
	      b->enqueued, v.lost, b->strays);
	if (v.first_bad >= 0)
		snprintf(detail, sizeof(detail), " (op %d: %s, want %s%s)",
			 v.first_bad,
			 status_name(b->jobs[v.first_bad].op->status),
			 b->jobs[v.first_bad].how == WANT_EXACT ? "" : "not ",
			 status_name(b->jobs[v.first_bad].how == WANT_EXACT ?
				     b->jobs[v.first_bad].want :
				     RTE_CRYPTO_OP_STATUS_SUCCESS));
	CHECK(v.bad_status == 0, "%s: every status as expected%s", what,
	      detail);
	CHECK(v.bad_data == 0, "%s: every successful op has the right output"
	      " (%u wrong)", what, v.bad_data);
}

/*
 * Free what came back or never went. An op still in flight stays: the
 * device may yet write to it (the test has failed already).
 */
static void
batch_free(struct batch *b)
{
	unsigned int i;

	for (i = 0; i < b->n; i++) {
		struct job *j = &b->jobs[i];

		if (j->enqueued && !j->back)
			continue;
		rte_pktmbuf_free(j->op->sym->m_src);
		rte_crypto_op_free(j->op);
	}
	b->n = 0;
}

/* Enqueue all of b at once, wait for it, check it. */
static void
batch_run(struct batch *b, const char *what)
{
	unsigned int k = batch_enqueue(b, 0, b->n);

	CHECK(k == b->n, "%s: %u of %u ops enqueued", what, k, b->n);
	batch_wait(b);
	batch_check(b, what);
	batch_free(b);
}

/* A plain AES-CBC burst of n ops on qp, all to succeed. */
static void
cbc_burst(uint16_t qp, void *sess, unsigned int n, const char *what)
{
	batch_init(&batch_a, qp);
	add_cbc_n(&batch_a, sess, n);
	batch_run(&batch_a, what);
}

/* ---- the device ---- */

static int
dev_setup(void)
{
	struct rte_cryptodev_config conf = {
		.socket_id = socket_id,
		.nb_queue_pairs = NB_QPS,
	};
	struct rte_cryptodev_qp_conf qpc = {
		.nb_descriptors = RING,
		.mp_session = sess_pool,
	};
	uint16_t q;
	int ret;

	ret = rte_cryptodev_configure(dev_id, &conf);
	for (q = 0; q < NB_QPS && ret == 0; q++)
		ret = rte_cryptodev_queue_pair_setup(dev_id, q, &qpc,
						     socket_id);
	if (ret == 0)
		ret = rte_cryptodev_start(dev_id);
	return ret;
}

/* Every op a scenario enqueued was dequeued: none lost in the PMD. */
static void
check_balanced(const char *what)
{
	struct rte_cryptodev_stats st;

	if (rte_cryptodev_stats_get(dev_id, &st) != 0)
		memset(&st, 0xff, sizeof(st));
	CHECK(st.enqueued_count == st.dequeued_count,
	      "%s: stats enqueued %" PRIu64 " == dequeued %" PRIu64, what,
	      st.enqueued_count, st.dequeued_count);
}

static void
scenario_begin(const char *what)
{
	printf("# %s\n", what);
	rte_cryptodev_stats_reset(dev_id);
}

/* Disarm what did not trigger, so it cannot hit the next scenario. */
static void
scenario_end(const char *what)
{
	check_balanced(what);
	vcdev_model_clear_faults(model);
	expect_pmd_errors(false);
}

/*
 * After a fault the device cannot recover from by itself: start must be
 * refused (if broken), and configure must reset it into working order.
 * Sessions die with the reset: the CBC session is made anew.
 */
static void
recover(const char *what, bool broken)
{
	void *stale = cbc_sess;
	char label[128];
	int ret;

	rte_cryptodev_stop(dev_id);
	if (broken) {
		ret = rte_cryptodev_start(dev_id);
		CHECK(ret < 0, "%s: start refused until a reset (%d)", what,
		      ret);
		if (ret == 0)
			rte_cryptodev_stop(dev_id);
	}
	ret = dev_setup();
	CHECK(ret == 0, "%s: configure, queue pair setup and start work "
	      "again (%d)", what, ret);
	if (ret != 0)
		bail_out("device lost");

	/* The reset invalidated it: its ops must not reach the device. */
	snprintf(label, sizeof(label), "%s: old session after the reset", what);
	batch_init(&batch_a, 0);
	add_cbc_n(&batch_a, stale, 4);
	want(&batch_a, 0, 4, RTE_CRYPTO_OP_STATUS_INVALID_SESSION, WANT_EXACT);
	batch_run(&batch_a, label);
	sess_put(&stale);

	snprintf(label, sizeof(label), "%s: after the reset", what);
	cbc_sess = create_works(label);
	if (cbc_sess == NULL)
		bail_out("no session");
	snprintf(label, sizeof(label), "%s: queue pair 0 after the reset",
		 what);
	cbc_burst(0, cbc_sess, BURST, label);
	snprintf(label, sizeof(label), "%s: queue pair 1 after the reset",
		 what);
	cbc_burst(1, cbc_sess, BURST, label);
}

/* ---- scenarios ---- */

static void
test_baseline(void)
{
	scenario_begin("baseline: no fault");
	cbc_burst(0, cbc_sess, BURST, "baseline queue pair 0");
	cbc_burst(1, cbc_sess, BURST, "baseline queue pair 1");
	scenario_end("baseline");
}

static const struct {
	uint8_t status;
	int want;
	const char *name;
} data_statuses[] = {
	{ VIRTIO_CRYPTO_ERR, RTE_CRYPTO_OP_STATUS_ERROR, "ERR" },
	/* BADMSG without a tag to check: a bad argument */
	{ VIRTIO_CRYPTO_BADMSG, RTE_CRYPTO_OP_STATUS_INVALID_ARGS, "BADMSG" },
	{ VIRTIO_CRYPTO_NOTSUPP, RTE_CRYPTO_OP_STATUS_ERROR, "NOTSUPP" },
	{ VIRTIO_CRYPTO_INVSESS, RTE_CRYPTO_OP_STATUS_INVALID_SESSION,
	  "INVSESS" },
	{ VIRTIO_CRYPTO_NOSPC, RTE_CRYPTO_OP_STATUS_ERROR, "NOSPC" },
	/* a byte the spec does not define */
	{ 0x42, RTE_CRYPTO_OP_STATUS_ERROR, "0x42" },
};

/* 1. Error statuses on 4 ops in the middle of a burst. */
static void
test_data_status(void)
{
	struct vcdev_model_stats before, after;
	char what[64];
	unsigned int i;

	scenario_begin("1. data status faults on 4 of 32 AES-CBC ops");
	for (i = 0; i < RTE_DIM(data_statuses); i++) {
		snprintf(what, sizeof(what), "status %s",
			 data_statuses[i].name);
		vcdev_model_stats(model, &before);
		inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_STATUS,
			.qid = 0, .skip = 14, .count = 4,
			.status = data_statuses[i].status });
		batch_init(&batch_a, 0);
		add_cbc_n(&batch_a, cbc_sess, BURST);
		want(&batch_a, 14, 18, data_statuses[i].want, WANT_EXACT);
		batch_run(&batch_a, what);
		vcdev_model_stats(model, &after);
		CHECK(after.forced_status - before.forced_status == 4,
		      "%s: the model answered 4 ops with it", what);
	}
	scenario_end("data status faults");
}

/* 1b. BADMSG where there is a tag or digest to check. */
static void
test_auth_badmsg(void)
{
	void *gcm, *hmac;
	struct job *j;

	scenario_begin("1b. BADMSG on AES-GCM decrypt and HMAC-SHA256 verify");
	gcm = sess_gcm_decrypt();
	hmac = sess_hmac_verify();
	CHECK(gcm != NULL && hmac != NULL, "GCM and HMAC sessions (errno %d)",
	      gcm != NULL && hmac != NULL ? 0 : rte_errno);
	if (gcm == NULL || hmac == NULL)
		goto out;

	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_STATUS, .qid = 0,
		.skip = 1, .count = 1, .status = VIRTIO_CRYPTO_BADMSG });
	batch_init(&batch_a, 0);
	add_gcm_decrypt(&batch_a, gcm);
	j = add_gcm_decrypt(&batch_a, gcm);
	j->want = RTE_CRYPTO_OP_STATUS_AUTH_FAILED;
	add_gcm_decrypt(&batch_a, gcm);
	batch_run(&batch_a, "GCM decrypt, BADMSG on op 1: AUTH_FAILED");

	/*
	 * A hash session has no tag for the device to reject (the PMD
	 * compares the digest itself): BADMSG is a bad argument, and in no
	 * case a success.
	 */
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_STATUS, .qid = 0,
		.skip = 1, .count = 1, .status = VIRTIO_CRYPTO_BADMSG });
	batch_init(&batch_a, 0);
	add_hmac_verify(&batch_a, hmac);
	j = add_hmac_verify(&batch_a, hmac);
	j->how = WANT_FAILED;
	add_hmac_verify(&batch_a, hmac);
	batch_enqueue(&batch_a, 0, batch_a.n);
	batch_wait(&batch_a);
	printf("# HMAC verify with BADMSG came back %s\n",
	       status_name(batch_a.jobs[1].op->status));
	batch_check(&batch_a, "HMAC verify, BADMSG on op 1: not SUCCESS");
	batch_free(&batch_a);
out:
	sess_put(&gcm);
	sess_put(&hmac);
	scenario_end("BADMSG on authenticated ops");
}

static const struct {
	uint8_t status;
	int err;
	const char *name;
} ctrl_statuses[] = {
	{ VIRTIO_CRYPTO_NOTSUPP, ENOTSUP, "NOTSUPP" },
	{ VIRTIO_CRYPTO_NOSPC, ENOSPC, "NOSPC" },
	{ VIRTIO_CRYPTO_ERR, EINVAL, "ERR" },
};

/* 2. The controlq refuses a session create. */
static void
test_ctrl_status(void)
{
	struct vcdev_model_stats before, after;
	char what[64];
	unsigned int i;
	void *s;

	scenario_begin("2. controlq status faults on session create");
	for (i = 0; i < RTE_DIM(ctrl_statuses); i++) {
		snprintf(what, sizeof(what), "create answered %s",
			 ctrl_statuses[i].name);
		vcdev_model_stats(model, &before);
		inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_STATUS,
			.qid = VCDEV_CTRLQ, .count = 1,
			.status = ctrl_statuses[i].status });
		create_fails(ctrl_statuses[i].err, what);
		vcdev_model_stats(model, &after);
		CHECK(after.sessions_active == before.sessions_active,
		      "%s: no session left on the device", what);
	}
	s = create_works("then");
	if (s != NULL)
		cbc_burst(0, s, 8, "burst on that session");

	/* A refused destroy: the PMD forgets the session all the same. */
	vcdev_model_stats(model, &before);
	expect_pmd_errors(true);
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_STATUS,
		.qid = VCDEV_CTRLQ, .count = 1, .status = VIRTIO_CRYPTO_ERR });
	sess_put(&s);
	expect_pmd_errors(false);
	vcdev_model_stats(model, &after);
	CHECK(after.forced_status == before.forced_status + 1,
	      "destroy answered ERR: session freed without a crash");
	cbc_burst(0, cbc_sess, 8, "data path after the refused destroy");
	scenario_end("controlq status faults");
}

/* 3. Completions held back, then released; or held for a while. */
static void
test_delay(void)
{
	struct vcdev_model_stats before, after;
	unsigned int released;
	uint64_t ms;

	scenario_begin("3. DELAY: completions held");
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_DELAY, .qid = 0,
		.skip = 8, .count = 8, .hold_ms = 0 });
	batch_init(&batch_a, 0);
	add_cbc_n(&batch_a, cbc_sess, BURST);
	batch_enqueue(&batch_a, 0, BURST);
	wait_ops(&batch_a, NULL, BURST - 8, poll_ms);
	/*
	 * Poll on a little to see nothing more comes; well below
	 * op_timeout_ms, past which the PMD would give the queue up.
	 */
	wait_ops(&batch_a, NULL, BURST, 30);
	CHECK(batch_a.returned == BURST - 8,
	      "hold 8: dequeue gives the %u others only (%u)", BURST - 8,
	      batch_a.returned);
	released = vcdev_model_release(model, 0);
	CHECK(released == 8, "the model releases 8 (%u)", released);
	batch_wait(&batch_a);
	batch_check(&batch_a, "hold 8 then release");
	batch_free(&batch_a);

	vcdev_model_stats(model, &before);
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_DELAY, .qid = 0,
		.count = BURST, .hold_ms = 100 });
	batch_init(&batch_a, 0);
	add_cbc_n(&batch_a, cbc_sess, BURST);
	batch_enqueue(&batch_a, 0, BURST);
	ms = batch_wait(&batch_a);
	vcdev_model_stats(model, &after);
	CHECK(ms >= 90 && after.released - before.released == BURST,
	      "hold 100 ms: all come back by themselves after %" PRIu64
	      " ms", ms);
	batch_check(&batch_a, "hold 100 ms");
	batch_free(&batch_a);
	scenario_end("DELAY");
}

/* Wait (at most poll_ms) until the model holds completions up to held. */
static void
wait_held(uint64_t held)
{
	struct vcdev_model_stats st;
	uint64_t t0 = now_ms();

	do {
		vcdev_model_stats(model, &st);
		if (st.held >= held)
			return;
		rte_delay_us_sleep(200);
	} while (now_ms() - t0 < poll_ms);
}

/* Enqueue up to count jobs of b from first, in bursts; the count taken. */
static unsigned int
enqueue_bursts(struct batch *b, unsigned int first, unsigned int count)
{
	unsigned int done = 0, k;

	do {
		k = batch_enqueue(b, first + done,
				  RTE_MIN((unsigned int)BURST, count - done));
		done += k;
	} while (k != 0 && done < count);
	return done;
}

/*
 * 3b. A nearly full queue takes a burst only once the burst fits or a
 * batch of room is free (the avail index is not written op by op while
 * the device has plenty to do); nothing it refuses is lost.
 */
static void
test_enqueue_batches(void)
{
	unsigned int fill = RING - BURST / 2, released, k;
	struct vcdev_model_stats before;

	scenario_begin("3b. ENQUEUE in batches on a nearly full queue");
	vcdev_model_stats(model, &before);
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_DELAY, .qid = 0,
		.count = RING, .hold_ms = 0 });
	batch_init(&batch_a, 0);
	add_cbc_n(&batch_a, cbc_sess, RING + BURST);
	k = enqueue_bursts(&batch_a, 0, fill);
	CHECK(k == fill, "%u ops in flight, held by the device (%u)", fill, k);
	k = batch_enqueue(&batch_a, fill, BURST);
	CHECK(k == 0, "a burst of %d with %d entries free waits (took %u)",
	      BURST, BURST / 2, k);
	k = batch_enqueue(&batch_a, fill, BURST / 2);
	CHECK(k == BURST / 2, "a burst that fits goes in whole (took %u of %d)",
	      k, BURST / 2);
	/* The device thread serves them in its time: release all at once. */
	wait_held(before.held + RING);
	released = vcdev_model_release(model, 0);
	CHECK(released == RING, "the model releases %d (%u)", RING, released);
	batch_wait(&batch_a);
	k = enqueue_bursts(&batch_a, RING, BURST);
	CHECK(k == BURST, "with the queue drained, the waiting burst goes in "
	      "(took %u)", k);
	batch_wait(&batch_a);
	batch_check(&batch_a, "enqueued in batches");
	batch_free(&batch_a);
	scenario_end("ENQUEUE in batches");
}

/* 4. Completions in reverse order. */
static void
test_reorder(void)
{
	struct vcdev_model_stats before, after;

	scenario_begin("4. REORDER: completions out of order");
	vcdev_model_stats(model, &before);
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_REORDER, .qid = 0,
		.count = BURST });
	batch_init(&batch_a, 0);
	add_cbc_n(&batch_a, cbc_sess, BURST);
	batch_enqueue(&batch_a, 0, BURST);
	batch_wait(&batch_a);
	vcdev_model_stats(model, &after);
	CHECK(after.reordered - before.reordered == BURST,
	      "the model reordered %d completions", BURST);
	printf("# %u ops came back before an earlier one\n",
	       batch_a.reordered);
	batch_check(&batch_a, "reordered burst");
	batch_free(&batch_a);
	scenario_end("REORDER");
}

/* 5. A used length beyond what the chain could take. */
static void
test_bad_len(void)
{
	scenario_begin("5. BAD_LEN on one op");
	expect_pmd_errors(true);
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_BAD_LEN, .qid = 0,
		.skip = 5, .count = 1 });
	batch_init(&batch_a, 0);
	add_cbc_n(&batch_a, cbc_sess, BURST);
	want(&batch_a, 5, 6, RTE_CRYPTO_OP_STATUS_ERROR, WANT_EXACT);
	batch_run(&batch_a, "BAD_LEN on op 5");
	expect_pmd_errors(false);
	cbc_burst(0, cbc_sess, BURST, "the queue goes on after a bad length");
	scenario_end("BAD_LEN");
}

/*
 * 6. A completion with an id the driver never posted or is not waiting
 * for: the queue can no longer be trusted.
 */
static void
test_bad_id(enum vcdev_bad_id kind)
{
	const char *name = kind == VCDEV_BAD_ID_RANGE ? "RANGE" : "IDLE";
	char what[64];

	snprintf(what, sizeof(what), "6. BAD_ID %s", name);
	scenario_begin(what);
	expect_pmd_errors(true);
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_BAD_ID, .qid = 0,
		.skip = 10, .count = 1, .bad_id = kind });
	batch_init(&batch_a, 0);
	add_cbc_n(&batch_a, cbc_sess, BURST);
	/* Completions the PMD took before it broke may stand. */
	want(&batch_a, 0, BURST, RTE_CRYPTO_OP_STATUS_ERROR, WANT_OK_OR_ERROR);
	want(&batch_a, 10, 11, RTE_CRYPTO_OP_STATUS_ERROR, WANT_EXACT);
	batch_run(&batch_a, what);

	batch_init(&batch_a, 0);
	add_cbc_n(&batch_a, cbc_sess, 4);
	want(&batch_a, 0, 4, RTE_CRYPTO_OP_STATUS_ERROR, WANT_EXACT);
	batch_run(&batch_a, "ops on the broken queue fail at once");
	create_fails(EIO, "broken device");
	scenario_end(what);
	recover(what, true);
}

/* 7. The data queue stops being served: given up on after op_timeout. */
/*
 * A burst on queue pair 0 whose queue stops being served: its ops must
 * all come back with ERROR. Returns how long that took.
 */
static uint64_t
stalled_burst(void)
{
	expect_pmd_errors(true);
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_STALL, .qid = 0 });
	batch_init(&batch_a, 0);
	add_cbc_n(&batch_a, cbc_sess, BURST);
	want(&batch_a, 0, BURST, RTE_CRYPTO_OP_STATUS_ERROR, WANT_EXACT);
	batch_enqueue(&batch_a, 0, BURST);
	return batch_wait(&batch_a);
}

static void
test_data_stall(void)
{
	uint64_t ms;

	scenario_begin("7. data queue STALL");
	ms = stalled_burst();
	CHECK(ms + 50 >= op_timeout_ms && ms < op_timeout_ms +
	      TIMEOUT_MARGIN_MS, "stalled ops back after %" PRIu64
	      " ms (op_timeout_ms %u)", ms, op_timeout_ms);
	batch_check(&batch_a, "stalled burst");
	batch_free(&batch_a);
	scenario_end("data STALL");
	recover("data STALL", true);
}

/*
 * 7b. A stalled queue that resumes after the driver gave up on it: the
 * ops came back and the application reuses their buffers, so the device
 * must have been stopped before, never writing into them late.
 */
static void
test_stall_resumes(void)
{
	unsigned int i, changed = 0;

	scenario_begin("7b. data queue STALL, then the device resumes");
	stalled_burst();
	batch_check(&batch_a, "stalled burst");
	/* The application reuses the buffers; the device wakes up. */
	for (i = 0; i < batch_a.n; i++)
		memset(rte_pktmbuf_mtod(batch_a.jobs[i].op->sym->m_src,
					uint8_t *), 0x77, DATA_LEN);
	vcdev_model_unstall(model, 0);
	rte_delay_ms(100);
	for (i = 0; i < batch_a.n; i++) {
		const uint8_t *d = rte_pktmbuf_mtod(
			batch_a.jobs[i].op->sym->m_src, const uint8_t *);
		unsigned int k;

		for (k = 0; k < DATA_LEN; k++)
			changed += d[k] != 0x77;
	}
	CHECK(changed == 0, "resumed device wrote nothing into buffers "
	      "handed back (%u bytes changed)", changed);
	batch_free(&batch_a);
	scenario_end("data STALL, resumed");
	recover("data STALL, resumed", true);
}

/* 8. The controlq stops being served: session create bounded. */
static void
test_ctrl_stall(void)
{
	uint64_t ms;

	scenario_begin("8. controlq STALL");
	expect_pmd_errors(true);
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_STALL,
		.qid = VCDEV_CTRLQ });
	ms = create_fails(ETIMEDOUT, "stalled controlq");
	CHECK(ms + 50 >= ctrl_timeout_ms && ms < 2000,
	      "stalled controlq: gave up after %" PRIu64 " ms, under 2 s",
	      ms);
	create_fails(0, "stalled controlq, once more");
	expect_pmd_errors(false);
	cbc_burst(0, cbc_sess, BURST, "data queues work on meanwhile");
	scenario_end("controlq STALL");
	recover("controlq STALL", false);
}

/*
 * 8b. Controlq answers held: shorter than ctrl_timeout_ms they are just
 * slow; longer, the create times out and its late answer, when it comes,
 * must not be taken for another request's.
 */
static void
test_ctrl_delay(void)
{
	struct vcdev_model_stats before, after;
	uint64_t t0, ms;
	void *s, *s2;

	scenario_begin("8b. controlq DELAY");
	vcdev_model_stats(model, &before);
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_DELAY,
		.qid = VCDEV_CTRLQ, .hold_ms = ctrl_timeout_ms / 3 });
	t0 = now_ms();
	s = create_works("answer held ctrl_timeout_ms / 3");
	ms = now_ms() - t0;
	CHECK(ms + 10 >= ctrl_timeout_ms / 3,
	      "...and it took %" PRIu64 " ms", ms);
	sess_put(&s);

	expect_pmd_errors(true);
	t0 = now_ms();
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_DELAY,
		.qid = VCDEV_CTRLQ, .hold_ms = 2 * ctrl_timeout_ms });
	create_fails(ETIMEDOUT, "answer held 2 x ctrl_timeout_ms");
	expect_pmd_errors(false);
	s = create_works("late answer still held");
	/* Let the late answer arrive; the next request reads past it. */
	while (now_ms() - t0 < 2 * ctrl_timeout_ms + 100)
		rte_delay_us_sleep(10000);
	s2 = create_works("late answer arrived");
	if (s2 != NULL)
		cbc_burst(0, s2, 8, "burst on that session");
	sess_put(&s);
	sess_put(&s2);
	/* The driver destroys what the late answer made: nothing is left. */
	vcdev_model_stats(model, &after);
	CHECK(after.sessions_active == before.sessions_active,
	      "the session of the late answer is destroyed (%" PRIu64
	      " left on the device)",
	      after.sessions_active - before.sessions_active);
	scenario_end("controlq DELAY");
}

/* 8c. A controlq answer with a bogus id: the device needs a reset. */
static void
test_ctrl_bad_id(void)
{
	scenario_begin("8c. controlq BAD_ID");
	expect_pmd_errors(true);
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_BAD_ID,
		.qid = VCDEV_CTRLQ, .bad_id = VCDEV_BAD_ID_RANGE });
	create_fails(EIO, "answer with a bad id");
	create_fails(EIO, "then on the broken device");
	scenario_end("controlq BAD_ID");
	recover("controlq BAD_ID", true);
}

/* 8d. A controlq answer longer than the request could take. */
static void
test_ctrl_bad_len(void)
{
	void *s;

	scenario_begin("8d. controlq BAD_LEN");
	expect_pmd_errors(true);
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_BAD_LEN,
		.qid = VCDEV_CTRLQ });
	create_fails(EIO, "answer with a bad length");
	expect_pmd_errors(false);
	s = create_works("next create");
	sess_put(&s);
	scenario_end("controlq BAD_LEN");
}

/* 9. The device sets NEEDS_RESET and stops. */
static void
test_needs_reset(void)
{
	struct vcdev_model_stats before, after;
	uint64_t ms;

	scenario_begin("9. NEEDS_RESET");
	expect_pmd_errors(true);
	vcdev_model_stats(model, &before);
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_NEEDS_RESET,
		.qid = 0 });
	batch_init(&batch_a, 0);
	add_cbc_n(&batch_a, cbc_sess, BURST);
	want(&batch_a, 0, BURST, RTE_CRYPTO_OP_STATUS_ERROR, WANT_EXACT);
	batch_enqueue(&batch_a, 0, BURST);
	ms = batch_wait(&batch_a);
	vcdev_model_stats(model, &after);
	/* The driver reset it before handing the ops back: count, not status. */
	CHECK(after.injected_resets > before.injected_resets ||
	      (vcdev_model_status(model) & VIRTIO_CONFIG_S_NEEDS_RESET),
	      "the device said NEEDS_RESET");
	CHECK(ms < op_timeout_ms + TIMEOUT_MARGIN_MS,
	      "in-flight ops back after %" PRIu64 " ms", ms);
	batch_check(&batch_a, "burst in flight at NEEDS_RESET");
	batch_free(&batch_a);
	create_fails(0, "NEEDS_RESET");
	scenario_end("NEEDS_RESET");
	recover("NEEDS_RESET", true);
}

/*
 * 9b. NEEDS_RESET set on a controlq request: the create is not answered,
 * and the data queues, stopped with the device, time out.
 */
static void
test_ctrl_needs_reset(void)
{
	uint64_t ms;

	scenario_begin("9b. NEEDS_RESET on a session create");
	expect_pmd_errors(true);
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_NEEDS_RESET,
		.qid = VCDEV_CTRLQ });
	create_fails(0, "create at NEEDS_RESET");
	batch_init(&batch_a, 1);
	add_cbc_n(&batch_a, cbc_sess, 8);
	want(&batch_a, 0, 8, RTE_CRYPTO_OP_STATUS_ERROR, WANT_EXACT);
	batch_enqueue(&batch_a, 0, 8);
	ms = batch_wait(&batch_a);
	CHECK(ms < op_timeout_ms + TIMEOUT_MARGIN_MS,
	      "ops after NEEDS_RESET back after %" PRIu64 " ms", ms);
	batch_check(&batch_a, "burst after NEEDS_RESET");
	batch_free(&batch_a);
	scenario_end("NEEDS_RESET on the controlq");
	recover("NEEDS_RESET on the controlq", true);
}

/* 10. More ops than the ring holds: the PMD takes fewer, loses none. */
static void
test_overflow(void)
{
	struct rte_cryptodev_stats st;
	unsigned int offered = 0, taken = 0, k = BURST;

	scenario_begin("10. queue overflow");
	batch_init(&batch_a, 0);
	add_cbc_n(&batch_a, cbc_sess, RING + 2 * BURST);
	/* No dequeue: in flight only grows, whatever the device does. */
	while (k == BURST && offered + BURST <= batch_a.n) {
		k = batch_enqueue(&batch_a, offered, BURST);
		offered += BURST;
		taken += k;
	}
	CHECK(k < BURST && taken == RING,
	      "the PMD takes fewer than offered once full: %u of %u, ring %u",
	      taken, offered, RING);
	batch_wait(&batch_a);
	batch_check(&batch_a, "overflowed queue");
	batch_free(&batch_a);
	rte_cryptodev_stats_get(dev_id, &st);
	CHECK(st.enqueued_count == taken && st.dequeued_count == taken &&
	      st.enqueue_err_count == 0 && st.dequeue_err_count == 0,
	      "stats: enqueued %" PRIu64 " dequeued %" PRIu64 " errors %"
	      PRIu64 "/%" PRIu64, st.enqueued_count, st.dequeued_count,
	      st.enqueue_err_count, st.dequeue_err_count);
	scenario_end("overflow");
}

/* Faults on queue pair 1 that it survives; queue pair 0 unaffected. */
static void
two_queues_mild(void)
{
	unsigned int r;

	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_STATUS, .qid = 1,
		.skip = 3, .count = 2, .status = VIRTIO_CRYPTO_ERR });
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_BAD_LEN, .qid = 1,
		.skip = 9, .count = 1 });
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_REORDER, .qid = 1,
		.skip = 12, .count = 8 });
	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_DELAY, .qid = 1,
		.skip = 24, .count = 4, .hold_ms = 50 });
	batch_init(&batch_a, 0);
	batch_init(&batch_b, 1);
	add_cbc_n(&batch_a, cbc_sess, BURST);
	add_cbc_n(&batch_b, cbc_sess, BURST);
	want(&batch_b, 3, 5, RTE_CRYPTO_OP_STATUS_ERROR, WANT_EXACT);
	want(&batch_b, 9, 10, RTE_CRYPTO_OP_STATUS_ERROR, WANT_EXACT);
	/* Rounds of 8 on each, polling both in between. */
	for (r = 0; r < BURST / 8; r++) {
		batch_enqueue(&batch_a, r * 8, 8);
		batch_enqueue(&batch_b, r * 8, 8);
		batch_poll(&batch_a);
		batch_poll(&batch_b);
	}
	wait_ops(&batch_a, &batch_b, 0, poll_ms);
	batch_check(&batch_a, "queue pair 0 beside a faulty queue pair 1");
	batch_check(&batch_b, "queue pair 1 with status, length, order and "
		    "delay faults");
	batch_free(&batch_a);
	batch_free(&batch_b);
}

/* Queue pair 1 stalls; queue pair 0 keeps working meanwhile. */
static void
two_queues_stall(void)
{
	unsigned int rounds = 0, bad = 0;
	struct verdict v;
	uint64_t t0 = now_ms();

	inject(&(struct vcdev_fault){ .type = VCDEV_FAULT_STALL, .qid = 1 });
	batch_init(&batch_b, 1);
	add_cbc_n(&batch_b, cbc_sess, BURST);
	want(&batch_b, 0, BURST, RTE_CRYPTO_OP_STATUS_ERROR, WANT_EXACT);
	batch_enqueue(&batch_b, 0, BURST);
	while (!batch_done(&batch_b) && now_ms() - t0 < poll_ms) {
		batch_init(&batch_a, 0);
		add_cbc_n(&batch_a, cbc_sess, 8);
		batch_enqueue(&batch_a, 0, 8);
		wait_ops(&batch_a, &batch_b, 8, 1000);
		batch_verdict(&batch_a, &v);
		/*
		 * Giving up on queue pair 1 resets the device before its ops
		 * come back: queue pair 0's ops of that last round fail
		 * (come back with an error), none is lost or corrupted.
		 */
		bad += v.lost + v.bad_data + batch_a.strays +
			(batch_a.enqueued != 8) +
			(batch_done(&batch_b) ? 0 : v.bad_status);
		batch_free(&batch_a);
		rounds++;
	}
	CHECK(rounds > 0 && bad == 0, "queue pair 0 kept working while queue "
	      "pair 1 stalled: %u rounds, %u bad ops", rounds, bad);
	batch_check(&batch_b, "stalled queue pair 1");
	batch_free(&batch_b);
}

/* 11. Two queue pairs interleaved, faults on queue pair 1 only. */
static void
test_two_queues(void)
{
	scenario_begin("11. two queue pairs, faults on queue pair 1 only");
	expect_pmd_errors(true);
	two_queues_mild();
	two_queues_stall();
	scenario_end("two queue pairs");
	recover("queue pair 1 STALL", true);
}

/* ---- main ---- */

/* The timeouts the driver actually runs with. */
static void
read_timeouts(void)
{
	const struct vcrypto_hw *hw =
		rte_cryptodev_pmd_get_dev(dev_id)->data->dev_private;

	op_timeout_ms = hw->opts.op_timeout_ms;
	ctrl_timeout_ms = hw->opts.ctrl_timeout_ms;
	poll_ms = RTE_MAX((uint64_t)POLL_MS,
			  (uint64_t)op_timeout_ms + TIMEOUT_MARGIN_MS);
	printf("# op_timeout_ms %u ctrl_timeout_ms %u\n", op_timeout_ms,
	       ctrl_timeout_ms);
}

static void
find_device(void)
{
	int id = rte_cryptodev_get_dev_id(DEV_NAME);
	bool fallback = id < 0;

	CHECK(!fallback, "vdev " DEV_NAME "," DEV_ARGS " probed");
	if (fallback) {
		/* Still test the faults, with the driver's default timeout. */
		if (rte_vdev_init(FALLBACK_NAME, FALLBACK_ARGS) != 0)
			bail_out("no model device");
		id = rte_cryptodev_get_dev_id(FALLBACK_NAME);
		if (id < 0)
			bail_out("no model cryptodev");
	}
	dev_id = (uint8_t)id;
	model = model_vdev_get(dev_id);
	if (model == NULL)
		bail_out("the cryptodev has no model behind it");
	read_timeouts();
	if (!fallback)
		CHECK(op_timeout_ms == 300 && ctrl_timeout_ms == 300,
		      "devargs set both timeouts to 300 ms");
}

static void
create_pools(void)
{
	socket_id = rte_socket_id();
	mbuf_pool = rte_pktmbuf_pool_create("fa_mbuf", NB_MBUFS, 0, 0,
			RTE_MBUF_DEFAULT_BUF_SIZE, socket_id);
	op_pool = rte_crypto_op_pool_create("fa_op",
			RTE_CRYPTO_OP_TYPE_SYMMETRIC, NB_OPS, 0, OP_PRIV,
			socket_id);
	sess_pool = rte_cryptodev_sym_session_pool_create("fa_sess",
			NB_SESSIONS,
			rte_cryptodev_sym_get_private_session_size(dev_id),
			0, 0, socket_id);
	if (mbuf_pool == NULL || op_pool == NULL || sess_pool == NULL)
		bail_out("cannot create mempools");
}

/*
 * A device that takes addresses as physical without ACCESS_PLATFORM must
 * be refused while EAL hands out virtual IOVAs (this test runs with
 * --iova-mode=va); with ACCESS_PLATFORM it goes through the IOMMU.
 */
static void
test_iova_as_va(void)
{
	CHECK(rte_vdev_init("crypto_virtio_model_pa0", "dma=physical") != 0 &&
	      rte_cryptodev_get_dev_id("crypto_virtio_model_pa0") < 0,
	      "iova: a physical-DMA device without ACCESS_PLATFORM is refused "
	      "under IOVA as VA");
	CHECK(rte_vdev_init("crypto_virtio_model_pa1",
			    "dma=physical,offer_access_platform=1") == 0 &&
	      rte_cryptodev_get_dev_id("crypto_virtio_model_pa1") >= 0,
	      "iova: the same device with ACCESS_PLATFORM is taken");
	rte_vdev_uninit("crypto_virtio_model_pa1");
}

static void
count_zone(const struct rte_memzone *mz __rte_unused, void *arg)
{
	(*(unsigned int *)arg)++;
}

static unsigned int
memzones(void)
{
	unsigned int n = 0;

	rte_memzone_walk(count_zone, &n);
	return n;
}

/*
 * A device that does not reset may still write into its queue memory:
 * closing it must keep that memory allocated, not hand it back to EAL.
 */
static void
test_hung_reset(void)
{
	struct rte_cryptodev_config conf = { .socket_id = SOCKET_ID_ANY,
					     .nb_queue_pairs = 1 };
	struct rte_cryptodev_qp_conf qpc = { .nb_descriptors = 64 };
	struct vcdev_model *m;
	unsigned int before;
	int id;

	if (rte_vdev_init("crypto_virtio_model_hung0", "dataqueues=1") != 0 ||
	    (id = rte_cryptodev_get_dev_id("crypto_virtio_model_hung0")) < 0) {
		CHECK(false, "hung reset: model device");
		return;
	}
	if (rte_cryptodev_configure(id, &conf) != 0 ||
	    rte_cryptodev_queue_pair_setup(id, 0, &qpc, SOCKET_ID_ANY) != 0) {
		CHECK(false, "hung reset: configure");
		return;
	}
	m = model_vdev_get(id);
	before = memzones();
	vcdev_model_ignore_reset(m, true);
	rte_cryptodev_close(id);
	CHECK(memzones() == before,
	      "hung reset: queue memory of a device that did not reset is kept "
	      "(%u memzones, %u before)", memzones(), before);
	vcdev_model_ignore_reset(m, false);
	rte_vdev_uninit("crypto_virtio_model_hung0");
}

/* A device whose config does not say HW_READY is not brought up. */
static void
test_not_ready(void)
{
	struct rte_cryptodev_config conf = { .socket_id = SOCKET_ID_ANY,
					     .nb_queue_pairs = 1 };
	struct vcdev_model *m;
	int id;

	if (rte_vdev_init("crypto_virtio_model_nr0", "dataqueues=1") != 0 ||
	    (id = rte_cryptodev_get_dev_id("crypto_virtio_model_nr0")) < 0) {
		CHECK(false, "not ready: model device");
		return;
	}
	m = model_vdev_get(id);
	vcdev_model_set_hw_ready(m, false);
	CHECK(rte_cryptodev_configure(id, &conf) != 0,
	      "not ready: configure fails while the device is not HW_READY");
	vcdev_model_set_hw_ready(m, true);
	CHECK(rte_cryptodev_configure(id, &conf) == 0,
	      "not ready: configure works once it is");
	rte_vdev_uninit("crypto_virtio_model_nr0");
}

/* ---- lifecycle, on devices of their own ---- */

/* A model device, configured with one queue pair and started. */
static int
lifecycle_device(const char *name, const char *args)
{
	struct rte_cryptodev_config conf = { .socket_id = SOCKET_ID_ANY,
					     .nb_queue_pairs = 1 };
	struct rte_cryptodev_qp_conf qpc = { .nb_descriptors = RING,
					     .mp_session = sess_pool };
	int id;

	if (rte_vdev_init(name, args) != 0 ||
	    (id = rte_cryptodev_get_dev_id(name)) < 0 ||
	    rte_cryptodev_configure(id, &conf) != 0 ||
	    rte_cryptodev_queue_pair_setup(id, 0, &qpc, SOCKET_ID_ANY) != 0 ||
	    rte_cryptodev_start(id) != 0) {
		CHECK(false, "%s: model device up", name);
		return -1;
	}
	return id;
}

/* The batch helpers work on dev_id: point them at another device. */
static uint8_t
use_device(uint8_t id)
{
	uint8_t old = dev_id;

	dev_id = id;
	return old;
}

/*
 * Sessions carry their device: one made on another device of this
 * driver (same driver id, its own session ids) is refused per op.
 */
static void
test_foreign_session(void)
{
	int other = lifecycle_device("crypto_virtio_model_fs0", "dataqueues=1");
	uint8_t main_id;
	void *foreign;

	if (other < 0)
		return;
	main_id = use_device((uint8_t)other);
	foreign = sess_cbc();
	use_device(main_id);
	CHECK(foreign != NULL, "foreign session: made on the other device");
	if (foreign != NULL) {
		batch_init(&batch_a, 0);
		add_cbc_n(&batch_a, foreign, 4);
		want(&batch_a, 0, 4, RTE_CRYPTO_OP_STATUS_INVALID_SESSION,
		     WANT_EXACT);
		batch_run(&batch_a, "foreign session: ops on this device");
		use_device((uint8_t)other);
		sess_put(&foreign);
		use_device(main_id);
	}
	rte_cryptodev_stop(other);
	rte_vdev_uninit("crypto_virtio_model_fs0");
}

struct key_search {
	const uint8_t *key;
	size_t len;
	unsigned int found;
};

static void
search_zone(const struct rte_memzone *mz, void *arg)
{
	struct key_search *k = arg;

	if (strncmp(mz->name, "vcrypto_q", 9) == 0 &&
	    memmem(mz->addr, mz->len, k->key, k->len) != NULL)
		k->found++;
}

/* Key bytes are wiped from the controlq once the device answered. */
static void
test_keys_wiped(void)
{
	struct key_search k = { cbc_key, sizeof(cbc_key), 0 };
	void *s = create_works("key wipe");

	rte_memzone_walk(search_zone, &k);
	CHECK(k.found == 0, "key wipe: no queue memory holds the key after "
	      "the session is made (%u zones do)", k.found);
	sess_put(&s);
}

/*
 * Ops not dequeued yet come back, or the call that would drop them
 * fails: configure, queue pair setup and close refuse while a queue
 * pair holds some, in flight or refused at enqueue.
 */
static void
test_ops_outstanding(void)
{
	struct rte_cryptodev_config conf = { .socket_id = SOCKET_ID_ANY,
					     .nb_queue_pairs = 1 };
	struct rte_cryptodev_qp_conf qpc = { .nb_descriptors = RING,
					     .mp_session = sess_pool };
	int id = lifecycle_device("crypto_virtio_model_out0", "dataqueues=1");
	uint8_t main_id;
	void *s;
	unsigned int k;

	if (id < 0)
		return;
	main_id = use_device((uint8_t)id);
	s = create_works("outstanding");
	batch_init(&batch_a, 0);
	add_cbc_n(&batch_a, s, 8);
	/* A stale session: refused at enqueue, waiting to be dequeued. */
	add_cbc_n(&batch_a, cbc_sess, 2);
	want(&batch_a, 8, 10, RTE_CRYPTO_OP_STATUS_INVALID_SESSION,
	     WANT_EXACT);
	k = batch_enqueue(&batch_a, 0, batch_a.n);
	sess_put(&s);
	rte_cryptodev_stop(id);
	CHECK(k == 10 && rte_cryptodev_configure(id, &conf) == -EBUSY,
	      "outstanding: configure refused with 10 ops not dequeued");
	CHECK(rte_cryptodev_queue_pair_setup(id, 0, &qpc, SOCKET_ID_ANY) ==
	      -EBUSY, "outstanding: queue pair setup refused");
	CHECK(rte_cryptodev_close(id) == -EBUSY, "outstanding: close refused");
	/* A stopped device has no burst functions: start it to dequeue. */
	CHECK(rte_cryptodev_start(id) == 0,
	      "outstanding: the device starts again as it was");
	batch_wait(&batch_a);
	batch_check(&batch_a, "outstanding: ops dequeued after the refusals");
	batch_free(&batch_a);
	rte_cryptodev_stop(id);
	CHECK(rte_cryptodev_configure(id, &conf) == 0,
	      "outstanding: configure works once they are back");
	use_device(main_id);
	rte_vdev_uninit("crypto_virtio_model_out0");
}

struct racing_create {
	uint8_t dev;
	void *sess;
	int err;
};

static void *
create_on(void *arg)
{
	struct racing_create *r = arg;

	r->sess = sess_cbc_on(r->dev);
	r->err = r->sess == NULL ? rte_errno : 0;
	return NULL;
}

/*
 * A session create waiting on a silent controlq while another thread
 * reconfigures the device: the queues must not be freed under it.
 */
static void
test_teardown_race(void)
{
	struct rte_cryptodev_config conf = { .socket_id = SOCKET_ID_ANY,
					     .nb_queue_pairs = 1 };
	int id = lifecycle_device("crypto_virtio_model_race0",
				  "dataqueues=1,ctrl_timeout_ms=300");
	struct racing_create r = { 0 };
	pthread_t t;
	int ret;

	if (id < 0)
		return;
	r.dev = (uint8_t)id;
	expect_pmd_errors(true);
	vcdev_model_inject(model_vdev_get(id), &(struct vcdev_fault){
		.type = VCDEV_FAULT_STALL, .qid = VCDEV_CTRLQ });
	if (pthread_create(&t, NULL, create_on, &r) != 0) {
		CHECK(false, "teardown race: thread");
		return;
	}
	rte_delay_us_sleep(100 * 1000);
	rte_cryptodev_stop(id);
	ret = rte_cryptodev_configure(id, &conf);
	pthread_join(t, NULL);
	expect_pmd_errors(false);
	CHECK(r.sess == NULL && r.err == ETIMEDOUT,
	      "teardown race: the waiting create times out (rte_errno %d)",
	      r.err);
	CHECK(ret == 0, "teardown race: the reconfigure waits for it, then "
	      "works (%d)", ret);
	vcdev_model_clear_faults(model_vdev_get(id));
	if (r.sess != NULL)
		rte_cryptodev_sym_session_free(id, r.sess);
	rte_vdev_uninit("crypto_virtio_model_race0");
}

/*
 * A device offering ORDER_PLATFORM has it honoured by every queue; and
 * no indirect table is longer than its (small) queue.
 */
static void
test_queue_features(void)
{
	int id = lifecycle_device("crypto_virtio_model_qf0",
				  "dataqueues=1,queue_size=16,"
				  "offer_order_platform=1");
	const struct vcrypto_hw *hw;
	uint8_t main_id;
	void *s;

	if (id < 0)
		return;
	hw = rte_cryptodev_pmd_get_dev(id)->data->dev_private;
	CHECK(vcrypto_hw_has_feature(hw, VIRTIO_F_ORDER_PLATFORM) &&
	      hw->nb_dataqs == 1 && hw->dataqs[0]->vq.platform_order,
	      "order platform: negotiated, and the data queue orders for DMA");
	CHECK(hw->nb_dataqs == 1 && hw->dataqs[0]->vq.size == 16 &&
	      hw->dataqs[0]->vq.indirect_max == 16,
	      "small queue: 16-entry tables on a 16-entry queue (%u)",
	      hw->nb_dataqs == 1 ? hw->dataqs[0]->vq.indirect_max : 0);
	main_id = use_device((uint8_t)id);
	s = create_works("order platform, small queue");
	if (s != NULL)
		cbc_burst(0, s, 16, "order platform, small queue: a burst");
	sess_put(&s);
	use_device(main_id);
	rte_cryptodev_stop(id);
	rte_vdev_uninit("crypto_virtio_model_qf0");
}

static void
run_scenarios(void)
{
	test_iova_as_va();
	test_hung_reset();
	test_not_ready();
	test_foreign_session();
	test_keys_wiped();
	test_ops_outstanding();
	test_teardown_race();
	test_queue_features();
	test_baseline();
	test_data_status();
	test_auth_badmsg();
	test_ctrl_status();
	test_delay();
	test_enqueue_batches();
	test_reorder();
	test_bad_len();
	test_bad_id(VCDEV_BAD_ID_RANGE);
	test_bad_id(VCDEV_BAD_ID_IDLE);
	test_data_stall();
	test_stall_resumes();
	test_ctrl_stall();
	test_ctrl_delay();
	test_ctrl_bad_id();
	test_ctrl_bad_len();
	test_needs_reset();
	test_ctrl_needs_reset();
	test_overflow();
	test_two_queues();
}

int
main(void)
{
	char *eal_argv[] = {
		"test_faults", "--no-huge", "-m", "1024", "--iova-mode=va",
		"-l", "0", "--no-pci", "--no-shconf", "--no-telemetry",
		"--log-level=pmd.crypto.virtio:notice",
		"--vdev", DEV_NAME "," DEV_ARGS,
	};
	uint64_t t0;
	int ret;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (rte_eal_init(RTE_DIM(eal_argv), eal_argv) < 0)
		bail_out("rte_eal_init failed");
	t0 = now_ms();
	find_device();
	create_pools();
	ret = dev_setup();
	CHECK(ret == 0, "configure %d queue pairs and start (%d)", NB_QPS, ret);
	cbc_sess = sess_cbc();
	CHECK(cbc_sess != NULL, "AES-CBC session (errno %d)",
	      cbc_sess != NULL ? 0 : rte_errno);
	if (ret != 0 || cbc_sess == NULL)
		bail_out("device not usable");

	run_scenarios();

	sess_put(&cbc_sess);
	rte_cryptodev_stop(dev_id);
	printf("# %" PRIu64 " ms\n", now_ms() - t0);
	rte_mempool_free(sess_pool);
	rte_mempool_free(op_pool);
	rte_mempool_free(mbuf_pool);
	/* Removes the vdev too: the model and its threads go. */
	rte_eal_cleanup();
	printf("1..%u\n", n_checks);
	return check_done("test_faults");
}
