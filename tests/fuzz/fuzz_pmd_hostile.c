/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The whole PMD (EAL, cryptodev API, crypto_virtio over the software
 * device model as the vdev crypto_virtio_model0) with a hostile device:
 * the input arms the model's faults (forced statuses, held, reordered
 * and bogus completions, used lengths past the buffers, stalls,
 * NEEDS_RESET) on the data queue and the controlq, then picks sessions
 * and bursts of AES-CBC ops and when held completions are released.
 *
 * Invariant: every op enqueued comes back from dequeue exactly once,
 * within a bounded time, never one that was not enqueued, never still
 * NOT_PROCESSED; and no sanitizer report.
 *
 * Fast by construction (see doc/guides/fuzzing.rst): the model has no
 * thread and serves in the driver's notify call (threads=0), timeouts
 * are the shortest the PMD takes (1 ms), the faults that can only end in
 * a timeout are drawn less often than the others, and the device stays
 * configured and started from one input to the next unless an input left
 * a trace on it (a stall, NEEDS_RESET, a session, a broken queue).
 */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <linux/virtio_config.h>

#include <rte_cryptodev.h>
#include <rte_eal.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "fz_common.h"
#include "model_vdev.h"
#include "vcdev_model.h"

#define DEV_NAME "crypto_virtio_model0"
#define DEV_ARGS "dataqueues=1,queue_size=32,sessions=16,threads=0," \
	"ctrl_timeout_ms=1,op_timeout_ms=1,probe_caps=0"
#define RING 32
#define MAX_OPS 48
#define BURST 16
#define DATA_LEN 64
#define IV_OFF (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))
#define WAIT_MS 4000

static uint8_t dev_id;
static struct vcdev_model *model;
static struct rte_mempool *mbuf_pool, *op_pool, *sess_pool;
static bool ready;
/* Configured, started, and nothing of an earlier input left on it. */
static bool clean;

int
LLVMFuzzerInitialize(int *argc __rte_unused, char ***argv __rte_unused)
{
	char prefix[64];
	char *eal_argv[] = {
		"fuzz_pmd_hostile", "--no-huge", "-m", "256", "--iova-mode=va",
		"-l", "0", "--no-pci", "--no-shconf", "--no-telemetry",
		"--file-prefix", prefix, "--log-level=lib.*:error",
		"--vdev", DEV_NAME "," DEV_ARGS,
	};
	int id;

	snprintf(prefix, sizeof(prefix), "fuzzpmd%d", (int)getpid());
	if (rte_eal_init(RTE_DIM(eal_argv), eal_argv) < 0) {
		fprintf(stderr, "fuzz_pmd_hostile: rte_eal_init failed\n");
		abort();
	}
	if (!fz_verbose())
		rte_log_set_global_level(RTE_LOG_EMERG);
	id = rte_cryptodev_get_dev_id(DEV_NAME);
	FZ_CHECK(id >= 0, "no %s", DEV_NAME);
	dev_id = (uint8_t)id;
	model = model_vdev_get(dev_id);
	mbuf_pool = rte_pktmbuf_pool_create("fz_mbuf", 2 * MAX_OPS, 0, 0,
					    256, 0);
	op_pool = rte_crypto_op_pool_create("fz_op",
		RTE_CRYPTO_OP_TYPE_SYMMETRIC, 2 * MAX_OPS, 0, 32, 0);
	sess_pool = rte_cryptodev_sym_session_pool_create("fz_sess", 8,
		rte_cryptodev_sym_get_private_session_size(dev_id), 0, 0, 0);
	FZ_CHECK(model != NULL && mbuf_pool != NULL && op_pool != NULL &&
		 sess_pool != NULL, "setup");
	ready = true;
	return 0;
}

static uint64_t
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Reconfigure: the device is reset, its queues and sessions made anew. */
static bool
dev_up(void)
{
	struct rte_cryptodev_config conf = { .socket_id = 0,
					     .nb_queue_pairs = 1 };
	struct rte_cryptodev_qp_conf qp = { .nb_descriptors = RING,
					    .mp_session = sess_pool };

	rte_cryptodev_stop(dev_id);
	return rte_cryptodev_configure(dev_id, &conf) == 0 &&
		rte_cryptodev_queue_pair_setup(dev_id, 0, &qp, 0) == 0 &&
		rte_cryptodev_start(dev_id) == 0;
}

/*
 * Whether the next input may start on the device as this one left it:
 * the driver still takes it (a restart fails on a device it gave up on),
 * and the model has no stalled queue, NEEDS_RESET or session left (a
 * session a lying destroy kept, or a late answer made). Anything else
 * an input changes (armed faults, held completions) is undone at its end.
 */
static bool
dev_clean(const struct vcdev_model_stats *before)
{
	struct vcdev_model_stats st;
	uint8_t status = vcdev_model_status(model);

	vcdev_model_stats(model, &st);
	rte_cryptodev_stop(dev_id);
	return rte_cryptodev_start(dev_id) == 0 &&
		(status & VIRTIO_CONFIG_S_DRIVER_OK) &&
		!(status & (VIRTIO_CONFIG_S_NEEDS_RESET |
			    VIRTIO_CONFIG_S_FAILED)) &&
		st.stalls == before->stalls &&
		st.injected_resets == before->injected_resets &&
		st.device_errors == before->device_errors &&
		st.sessions_active == 0;
}

/*
 * Fault types by weight out of 256. A stall or NEEDS_RESET ends only in
 * the driver giving the queue up after op_timeout_ms (ctrl_timeout_ms on
 * the controlq): the one fault class that costs real time, so it is
 * drawn 1 time in 16 instead of 2 in 7, and from the middle of the byte
 * range, away from the values libFuzzer's mutations favour (0x00, 0xff,
 * 0x7f, 0x80).
 */
static enum vcdev_fault_type
fault_type(struct fz_in *in)
{
	static const struct {
		uint16_t below;
		enum vcdev_fault_type type;
	} w[] = {
		{ 64, VCDEV_FAULT_STATUS },
		{ 92, VCDEV_FAULT_DELAY },
		{ 100, VCDEV_FAULT_STALL },
		{ 108, VCDEV_FAULT_NEEDS_RESET },
		{ 128, VCDEV_FAULT_DELAY },
		{ 168, VCDEV_FAULT_REORDER },
		{ 208, VCDEV_FAULT_BAD_ID },
		{ 256, VCDEV_FAULT_BAD_LEN },
	};
	uint8_t v = fz_u8(in);
	unsigned int i;

	for (i = 0; v >= w[i].below; i++)
		;
	return w[i].type;
}

static void
arm_faults(struct fz_in *in)
{
	unsigned int n = fz_pick(in, 5), i;

	for (i = 0; i < n; i++) {
		struct vcdev_fault f = {
			.type = fault_type(in),
			.qid = fz_u8(in) < 200 ? 0 : VCDEV_CTRLQ,
			.skip = fz_pick(in, 12),
			.count = 1 + fz_pick(in, 4),
			.status = fz_u8(in) < 128 ? fz_pick(in, 7) : fz_u8(in),
			.hold_ms = fz_bool(in) ? 0 : fz_pick(in, 8),
			.bad_id = fz_pick(in, 2),
		};

		vcdev_model_inject(model, &f);
	}
}

static void *
make_session(struct fz_in *in)
{
	static uint8_t key[16] = { 0x2b, 0x7e, 0x15, 0x16 };
	struct rte_crypto_sym_xform x = {
		.type = RTE_CRYPTO_SYM_XFORM_CIPHER,
		.cipher = {
			.algo = RTE_CRYPTO_CIPHER_AES_CBC,
			.op = fz_bool(in) ? RTE_CRYPTO_CIPHER_OP_ENCRYPT :
				RTE_CRYPTO_CIPHER_OP_DECRYPT,
			.key = { key, 16 },
			.iv = { IV_OFF, 16 },
		},
	};

	return rte_cryptodev_sym_session_create(dev_id, &x, sess_pool);
}

struct run {
	struct rte_crypto_op *ops[MAX_OPS];
	uint8_t back[MAX_OPS];
	unsigned int made, enq, deq;
};

static void
dequeue_some(struct run *r)
{
	struct rte_crypto_op *out[BURST];
	uint16_t got, i;
	unsigned int k;

	got = rte_cryptodev_dequeue_burst(dev_id, 0, out, BURST);
	for (i = 0; i < got; i++) {
		for (k = 0; k < r->enq && r->ops[k] != out[i]; k++)
			;
		FZ_CHECK(k < r->enq, "dequeued an op never enqueued (%p)",
			 (void *)out[i]);
		FZ_CHECK(r->back[k]++ == 0, "op %u dequeued twice", k);
		FZ_CHECK(out[i]->status != RTE_CRYPTO_OP_STATUS_NOT_PROCESSED,
			 "op %u dequeued NOT_PROCESSED", k);
	}
	r->deq += got;
}

static void
run_ops(struct fz_in *in, void *sess, struct run *r)
{
	unsigned int total = 1 + fz_pick(in, MAX_OPS), i;
	uint64_t start;

	for (i = 0; i < total; i++) {
		struct rte_crypto_op *op =
			rte_crypto_op_alloc(op_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC);
		struct rte_mbuf *m = rte_pktmbuf_alloc(mbuf_pool);

		if (op == NULL || m == NULL) {
			rte_crypto_op_free(op);
			rte_pktmbuf_free(m);
			break;
		}
		rte_pktmbuf_append(m, DATA_LEN);
		op->sym->m_src = m;
		op->sym->cipher.data.offset = 0;
		op->sym->cipher.data.length = fz_u8(in) < 240 ? DATA_LEN :
			fz_pick(in, DATA_LEN + 1);
		rte_crypto_op_attach_sym_session(op, sess);
		r->ops[r->made++] = op;
	}
	/* Bursts of input-chosen sizes, dequeues and releases between. */
	while (r->enq < r->made) {
		uint16_t want = RTE_MIN(1 + fz_pick(in, BURST),
					r->made - r->enq);
		uint16_t n = rte_cryptodev_enqueue_burst(dev_id, 0,
			r->ops + r->enq, want);

		r->enq += n;
		switch (fz_u8(in) % 4) {
		case 0:
			vcdev_model_release(model, VCDEV_ANY_DATAQ);
			break;
		case 1:
			dequeue_some(r);
			break;
		default:
			break;
		}
		if (n == 0)
			dequeue_some(r);
		if (!fz_more(in) && n == 0)
			break;
	}
	/*
	 * What the model holds comes now; the rest is the driver's to end
	 * (a queue it gives up on after op_timeout_ms comes back failed).
	 * The wait is then mostly dequeues, so the driver's count of empty
	 * polls runs up quickly: releasing only now and then.
	 */
	/*
	 * Bounded in this thread's CPU time: the driver's own timeouts run on
	 * the wall clock, so a process descheduled under load only gets its
	 * ops back sooner by this measure, while a driver that never gives
	 * them back still runs into it.
	 */
	start = cpu_ms();
	for (i = 0; r->deq < r->enq; i++) {
		if (i % 256 == 0)
			vcdev_model_release(model, VCDEV_ANY_DATAQ);
		dequeue_some(r);
		FZ_CHECK(cpu_ms() - start < WAIT_MS,
			 "%u ops enqueued, %u came back in %u ms of CPU", r->enq,
			 r->deq, WAIT_MS);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vcdev_model_stats before;
	struct fz_in in;
	struct run *r;
	void *sess;
	unsigned int i;

	if (!ready)
		return 0;
	if (!clean && !dev_up())
		return 0;
	clean = false;
	vcdev_model_stats(model, &before);
	fz_in_init(&in, data, size);
	arm_faults(&in);
	sess = make_session(&in);
	r = calloc(1, sizeof(*r));
	if (sess != NULL && r != NULL)
		run_ops(&in, sess, r);
	vcdev_model_clear_faults(model);
	vcdev_model_release(model, VCDEV_ANY_DATAQ);
	vcdev_model_release(model, VCDEV_CTRLQ);
	if (r != NULL)
		for (i = 0; i < r->made; i++) {
			rte_pktmbuf_free(r->ops[i]->sym->m_src);
			rte_crypto_op_free(r->ops[i]);
		}
	free(r);
	/*
	 * Without a session, a late answer to its create may still wait
	 * on the controlq: only a session's destroy would have taken it.
	 */
	if (sess == NULL)
		return 0;
	rte_cryptodev_sym_session_free(dev_id, sess);
	clean = dev_clean(&before);
	return 0;
}
