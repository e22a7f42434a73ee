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
 * NOT_PROCESSED; and no sanitizer report. Slow by nature (a device with
 * threads, timeouts of some milliseconds): see doc/guides/fuzzing.rst.
 */

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <rte_cryptodev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "fz_common.h"
#include "model_vdev.h"
#include "vcdev_model.h"

#define DEV_NAME "crypto_virtio_model0"
#define DEV_ARGS "dataqueues=1,queue_size=64,ctrl_timeout_ms=40," \
	"op_timeout_ms=20,probe_caps=0"
#define RING 64
#define MAX_OPS 96
#define BURST 16
#define DATA_LEN 64
#define IV_OFF (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))
#define WAIT_MS 4000

static uint8_t dev_id;
static struct vcdev_model *model;
static struct rte_mempool *mbuf_pool, *op_pool, *sess_pool;
static bool ready;

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
now_ms(void)
{
	return rte_get_timer_cycles() / (rte_get_timer_hz() / 1000);
}

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

static void
arm_faults(struct fz_in *in)
{
	unsigned int n = fz_pick(in, 5), i;

	for (i = 0; i < n; i++) {
		struct vcdev_fault f = {
			.type = fz_pick(in, 7),
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
	start = now_ms();
	while (r->deq < r->enq) {
		vcdev_model_release(model, VCDEV_ANY_DATAQ);
		dequeue_some(r);
		FZ_CHECK(now_ms() - start < WAIT_MS,
			 "%u ops enqueued, %u came back in %u ms", r->enq,
			 r->deq, WAIT_MS);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in;
	struct run *r;
	void *sess;
	unsigned int i;

	if (!ready)
		return 0;
	fz_in_init(&in, data, size);
	vcdev_model_clear_faults(model);
	vcdev_model_release(model, VCDEV_CTRLQ);
	if (!dev_up())
		return 0;
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
	if (sess != NULL)
		rte_cryptodev_sym_session_free(dev_id, sess);
	rte_cryptodev_stop(dev_id);
	return 0;
}
