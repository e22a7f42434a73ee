/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * vcrypto-mp-qp: a secondary process drives a queue pair of the
 * primary's device, with the primary's session. Run as two processes on
 * one device, the primary first:
 *
 *   vcrypto-mp-qp EAL... -- primary [OPS [SCENARIO]]
 *   vcrypto-mp-qp EAL... --proc-type=secondary -- secondary [OPS [SCENARIO]]
 *
 * Both scenarios begin alike. The primary probes the device, publishes a
 * shared area and waits for a secondary to attach: the secondary starts
 * before the device is configured. The primary then configures the
 * device (two queue pairs where it has them, else one), starts it and
 * creates an AES-128-CBC encrypt session in a shared pool.
 *
 * SCENARIO "share" (the default):
 * 1. The secondary runs OPS ops of random sizes with that session on the
 *    last queue pair, checks each against OpenSSL and exits. With two
 *    queue pairs, the primary runs OPS ops on queue pair 0 meanwhile.
 * 2. The primary then runs OPS ops on the secondary's queue pair (the
 *    secondary's exit must not have disturbed the device).
 *
 * SCENARIO "close": the primary closes the device and exits while the
 * secondary is attached.
 * 1. The secondary enqueues a burst and leaves it in flight. The
 *    primary's close must fail (EBUSY): ops would be lost.
 * 2. The secondary dequeues and checks them all; the primary's close
 *    succeeds now, and the primary exits.
 * 3. In the secondary, before and after the primary is gone: enqueue
 *    refuses (0, rte_errno ENODEV), dequeue returns nothing, statistics
 *    and information still come; no crash.
 *
 * One line per part: "<role>: N ops, N right, N wrong, N failed", and
 * "<role>: ok|FAILED <what>" for the checks of "close".
 */

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <rte_cryptodev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>
#include <rte_random.h>

#define AREA "vcrypto_mp_qp"
#define MBUFS "vcrypto_mp_mbufs"
#define OPS "vcrypto_mp_ops"
#define SESSIONS "vcrypto_mp_sess"
#define BURST 32
#define MAX_BLOCKS 64
#define IV_OFFSET (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))
#define WAIT_S 120

/* What the two processes share (a memzone). */
struct area {
	volatile int attached;	/* the secondary is up */
	volatile int ready;	/* device configured, session made */
	volatile int done;	/* the secondary finished: 1 passed, 2 failed */
	/* "close": the steps, in order, and the primary's close results */
	volatile int in_flight;	/* the secondary has a burst in flight */
	volatile int refused;	/* the first close returned (close1) */
	volatile int drained;	/* the secondary dequeued its burst */
	volatile int closed;	/* the second close returned (close2) */
	volatile int checked;	/* the secondary looked at the closed device */
	int close1, close2;
	pid_t primary;
	uint8_t dev_id;
	uint16_t nb_qps;
	void *session;
	uint8_t key[16];
};

struct tally {
	unsigned int right, wrong, failed;
};

static int
wait_for(volatile int *flag, const char *what)
{
	uint64_t end = rte_get_timer_cycles() + WAIT_S * rte_get_timer_hz();

	while (*flag == 0) {
		if (rte_get_timer_cycles() > end) {
			fprintf(stderr, "timed out waiting for %s\n", what);
			return -1;
		}
		usleep(1000);
	}
	return 0;
}

static int
reference(const uint8_t *key, const uint8_t *iv, const uint8_t *in,
	  uint8_t *out, int len)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int n = 0, ok;

	ok = c != NULL &&
		EVP_EncryptInit_ex(c, EVP_aes_128_cbc(), NULL, key, iv) == 1 &&
		EVP_CIPHER_CTX_set_padding(c, 0) == 1 &&
		EVP_EncryptUpdate(c, out, &n, in, len) == 1 && n == len;
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -1;
}

/* A burst of random ops in flight, and what it needs to check them. */
struct flight {
	struct rte_crypto_op *ops[BURST];
	uint8_t plain[BURST][MAX_BLOCKS * 16];
	uint16_t len[BURST];
};

static int
submit(const struct area *a, uint16_t qp, struct rte_mempool *mbufs,
       struct rte_mempool *ops_pool, struct flight *f)
{
	uint16_t i, n = 0;

	if (rte_crypto_op_bulk_alloc(ops_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC,
				     f->ops, BURST) != BURST)
		return -1;
	for (i = 0; i < BURST; i++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mbufs);
		uint8_t *iv = rte_crypto_op_ctod_offset(f->ops[i], uint8_t *,
							IV_OFFSET);
		uint16_t j;

		if (m == NULL)
			return -1;
		f->len[i] = (uint16_t)(16 * (1 + rte_rand_max(MAX_BLOCKS)));
		for (j = 0; j < f->len[i]; j++)
			f->plain[i][j] = (uint8_t)rte_rand();
		for (j = 0; j < 16; j++)
			iv[j] = (uint8_t)rte_rand();
		memcpy(rte_pktmbuf_append(m, f->len[i]), f->plain[i], f->len[i]);
		f->ops[i]->sym->m_src = m;
		f->ops[i]->sym->cipher.data.offset = 0;
		f->ops[i]->sym->cipher.data.length = f->len[i];
		rte_crypto_op_attach_sym_session(f->ops[i], a->session);
	}
	while (n < BURST)
		n += rte_cryptodev_enqueue_burst(a->dev_id, qp, f->ops + n,
						 BURST - n);
	return 0;
}

/* Takes the burst back and counts what came back right. */
static int
collect(const struct area *a, uint16_t qp, struct flight *f, struct tally *t)
{
	struct rte_crypto_op *done[BURST];
	uint8_t want[MAX_BLOCKS * 16];
	uint64_t end = rte_get_timer_cycles() + WAIT_S * rte_get_timer_hz();
	uint16_t i, got = 0;

	while (got < BURST && rte_get_timer_cycles() < end)
		got += rte_cryptodev_dequeue_burst(a->dev_id, qp, done + got,
						   BURST - got);
	if (got < BURST) {
		fprintf(stderr, "%u of %u ops did not come back\n",
			BURST - got, BURST);
		return -1;
	}
	/* Ops come back in order on a queue pair. */
	for (i = 0; i < BURST; i++) {
		const uint8_t *iv = rte_crypto_op_ctod_offset(done[i],
						const uint8_t *, IV_OFFSET);

		if (done[i] != f->ops[i])
			t->wrong++;
		else if (done[i]->status != RTE_CRYPTO_OP_STATUS_SUCCESS)
			t->failed++;
		else if (reference(a->key, iv, f->plain[i], want, f->len[i]) == 0 &&
			 memcmp(rte_pktmbuf_mtod(done[i]->sym->m_src, void *),
				want, f->len[i]) == 0)
			t->right++;
		else
			t->wrong++;
		rte_pktmbuf_free(done[i]->sym->m_src);
		rte_crypto_op_free(done[i]);
	}
	return 0;
}

static int
report(const char *role, const struct tally *t, unsigned int nb, int ret)
{
	printf("%s: %u ops, %u right, %u wrong, %u failed%s\n", role, nb,
	       t->right, t->wrong, t->failed, ret ? " (stopped)" : "");
	fflush(stdout);
	return ret == 0 && t->right == nb ? 0 : -1;
}

static int
pools(struct rte_mempool **mbufs, struct rte_mempool **ops)
{
	*mbufs = rte_mempool_lookup(MBUFS);
	*ops = rte_mempool_lookup(OPS);
	if (*mbufs != NULL && *ops != NULL)
		return 0;
	fprintf(stderr, "shared pools not found\n");
	return -1;
}

static int
run(const char *role, const struct area *a, uint16_t qp, unsigned int nb)
{
	struct rte_mempool *mbufs, *ops;
	struct tally t = { 0, 0, 0 };
	struct flight f;
	unsigned int i;
	int ret;

	ret = pools(&mbufs, &ops);
	for (i = 0; i < nb / BURST && ret == 0; i++) {
		ret = submit(a, qp, mbufs, ops, &f);
		if (ret == 0)
			ret = collect(a, qp, &f, &t);
	}
	return report(role, &t, i * BURST, ret);
}

static int
setup_device(struct area *a)
{
	struct rte_cryptodev_config conf = {
		.socket_id = (int)rte_socket_id(),
	};
	struct rte_cryptodev_info info;
	struct rte_cryptodev_qp_conf qp = { .nb_descriptors = 512 };
	struct rte_crypto_sym_xform xf = {
		.type = RTE_CRYPTO_SYM_XFORM_CIPHER,
		.cipher = {
			.op = RTE_CRYPTO_CIPHER_OP_ENCRYPT,
			.algo = RTE_CRYPTO_CIPHER_AES_CBC,
			.key = { .data = a->key, .length = 16 },
			.iv = { .offset = IV_OFFSET, .length = 16 },
		},
	};
	struct rte_mempool *sess;
	unsigned int i;

	for (i = 0; i < sizeof(a->key); i++)
		a->key[i] = (uint8_t)rte_rand();
	sess = rte_cryptodev_sym_session_pool_create(SESSIONS, 16,
		rte_cryptodev_sym_get_private_session_size(a->dev_id), 0, 0,
		(int)rte_socket_id());
	if (sess == NULL ||
	    rte_pktmbuf_pool_create(MBUFS, 4 * BURST, 0, 0,
				    RTE_MBUF_DEFAULT_BUF_SIZE,
				    (int)rte_socket_id()) == NULL ||
	    rte_crypto_op_pool_create(OPS, RTE_CRYPTO_OP_TYPE_SYMMETRIC,
				      4 * BURST, 0, 16,
				      (int)rte_socket_id()) == NULL)
		return -1;
	qp.mp_session = sess;
	rte_cryptodev_info_get(a->dev_id, &info);
	a->nb_qps = info.max_nb_queue_pairs > 1 ? 2 : 1;
	conf.nb_queue_pairs = a->nb_qps;
	if (rte_cryptodev_configure(a->dev_id, &conf) != 0)
		return -1;
	for (i = 0; i < a->nb_qps; i++)
		if (rte_cryptodev_queue_pair_setup(a->dev_id, (uint16_t)i, &qp,
						   (int)rte_socket_id()) != 0)
			return -1;
	if (rte_cryptodev_start(a->dev_id) != 0)
		return -1;
	a->session = rte_cryptodev_sym_session_create(a->dev_id, &xf, sess);
	return a->session != NULL ? 0 : -1;
}

/* "share": both processes run ops, on queue pairs of their own if any. */
static int
primary_share(struct area *a, unsigned int nb)
{
	uint16_t last = (uint16_t)(a->nb_qps - 1);
	int ret = 0;

	if (a->nb_qps > 1)
		ret = run("primary alongside the secondary", a, 0, nb);
	if (wait_for(&a->done, "the secondary's ops") != 0)
		return -1;
	/* The secondary is gone: the device must work on as before. */
	if (run("primary after the secondary", a, last, nb) != 0 ||
	    a->done != 1 || ret != 0)
		return -1;
	rte_cryptodev_stop(a->dev_id);
	return 0;
}

/* "close": close while the secondary has ops in flight, and after. */
static int
primary_close(struct area *a)
{
	if (wait_for(&a->in_flight, "the secondary's burst") != 0)
		return -1;
	rte_cryptodev_stop(a->dev_id);
	a->close1 = rte_cryptodev_close(a->dev_id);
	a->refused = 1;
	if (wait_for(&a->drained, "the secondary's dequeue") != 0)
		return -1;
	a->close2 = rte_cryptodev_close(a->dev_id);
	a->closed = 1;
	/* Then exit, which removes the device (EAL's cleanup). */
	if (wait_for(&a->checked, "the secondary's look at it") != 0)
		return -1;
	printf("primary: close with ops in flight: %d (%s), after: %d\n",
	       a->close1, a->close1 == -EBUSY ? "EBUSY, ok" : "FAILED",
	       a->close2);
	return a->close1 == -EBUSY && a->close2 == 0 ? 0 : -1;
}

static int
primary(unsigned int nb, bool closing)
{
	const struct rte_memzone *mz;
	struct area *a;

	if (rte_cryptodev_count() < 1) {
		fprintf(stderr, "primary: no cryptodev\n");
		return -1;
	}
	mz = rte_memzone_reserve(AREA, sizeof(*a), SOCKET_ID_ANY, 0);
	if (mz == NULL)
		return -1;
	a = mz->addr;
	memset(a, 0, sizeof(*a));
	a->primary = getpid();
	printf("primary: device probed, waiting for the secondary\n");
	fflush(stdout);
	if (wait_for(&a->attached, "the secondary to attach") != 0)
		return -1;
	if (setup_device(a) != 0) {
		fprintf(stderr, "primary: device setup failed: %s\n",
			rte_strerror(rte_errno));
		return -1;
	}
	printf("primary: %u queue pair(s)\n", a->nb_qps);
	a->ready = 1;
	return closing ? primary_close(a) : primary_share(a, nb);
}

/*
 * The device closed under this process: refusals, never a crash. Once
 * the primary has removed it (at its exit), the device is not there for
 * this process either: cryptodev's own refusals.
 */
static int
check_closed(const struct area *a, const char *when, bool gone)
{
	struct rte_crypto_op *ops[BURST];
	struct rte_mempool *mbufs, *pool;
	struct rte_cryptodev_stats st;
	struct rte_cryptodev_info info;
	uint16_t n, qp = (uint16_t)(a->nb_qps - 1);
	int ok, stats;

	memset(&st, 0, sizeof(st));
	memset(&info, 0, sizeof(info));
	if (pools(&mbufs, &pool) != 0 ||
	    rte_crypto_op_bulk_alloc(pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC, ops,
				     BURST) != BURST)
		return -1;
	rte_errno = 0;
	n = rte_cryptodev_enqueue_burst(a->dev_id, qp, ops, BURST);
	ok = n == 0 && rte_errno == (gone ? ENOTSUP : ENODEV);
	printf("secondary %s: enqueue %u (%s)", when, n, rte_strerror(rte_errno));
	for (; n < BURST; n++)	/* all of them, if right */
		rte_crypto_op_free(ops[n]);
	n = rte_cryptodev_dequeue_burst(a->dev_id, qp, ops, BURST);
	ok = ok && n == 0;
	stats = rte_cryptodev_stats_get(a->dev_id, &st);
	rte_cryptodev_info_get(a->dev_id, &info);
	if (gone)
		ok = ok && stats == -ENODEV && !rte_cryptodev_is_valid_dev(a->dev_id);
	else
		ok = ok && stats == 0 && info.driver_name != NULL;
	printf(", dequeue %u, stats %d: %" PRIu64 " enqueued, %" PRIu64
	       " dequeued; device %s; %s\n", n, stats, st.enqueued_count,
	       st.dequeued_count, rte_cryptodev_is_valid_dev(a->dev_id) ?
	       "present" : "gone", ok ? "ok" : "FAILED");
	fflush(stdout);
	return ok ? 0 : -1;
}

static int
secondary_close(struct area *a)
{
	struct rte_mempool *mbufs, *ops;
	uint16_t qp = (uint16_t)(a->nb_qps - 1);
	struct tally t = { 0, 0, 0 };
	struct flight f;
	int i, ret;

	ret = pools(&mbufs, &ops);
	if (ret == 0)
		ret = submit(a, qp, mbufs, ops, &f);
	a->in_flight = 1;
	if (ret != 0 || wait_for(&a->refused, "the primary's close") != 0)
		return -1;
	ret = collect(a, qp, &f, &t);
	a->drained = 1;
	if (report("secondary, ops in flight at close", &t, BURST, ret) != 0 ||
	    wait_for(&a->closed, "the primary's second close") != 0 ||
	    check_closed(a, "after the close", false) != 0) {
		a->checked = 1;
		return -1;
	}
	a->checked = 1;
	for (i = 0; i < WAIT_S * 10 && kill(a->primary, 0) == 0; i++)
		usleep(100 * 1000);
	if (kill(a->primary, 0) == 0) {
		fprintf(stderr, "secondary: the primary did not exit\n");
		return -1;
	}
	return check_closed(a, "after the primary exited", true);
}

static int
secondary(unsigned int nb, bool closing)
{
	const struct rte_memzone *mz = rte_memzone_lookup(AREA);
	struct rte_cryptodev_info info;
	struct area *a;
	int ret;

	if (mz == NULL) {
		fprintf(stderr, "secondary: no shared area (primary not up)\n");
		return -1;
	}
	a = mz->addr;
	printf("secondary: attached, %u cryptodev(s)\n", rte_cryptodev_count());
	a->attached = 1;
	if (wait_for(&a->ready, "the primary to configure") != 0)
		return -1;
	/* What applications do before using a device; see the guide. */
	rte_cryptodev_info_get(a->dev_id, &info);
	printf("secondary: %s, %u queue pair(s) configured, using %u\n",
	       info.driver_name, rte_cryptodev_queue_pair_count(a->dev_id),
	       a->nb_qps - 1);
	if (closing)
		return secondary_close(a);
	ret = run("secondary", a, (uint16_t)(a->nb_qps - 1), nb);
	a->done = ret == 0 ? 1 : 2;
	return ret;
}

int
main(int argc, char **argv)
{
	unsigned int nb = 1024;
	bool closing;
	int n, ret;

	n = rte_eal_init(argc, argv);
	if (n < 0)
		return 2;
	argc -= n;
	argv += n;
	if (argc >= 3)
		nb = (unsigned int)strtoul(argv[2], NULL, 0);
	closing = argc >= 4 && strcmp(argv[3], "close") == 0;
	if (argc >= 4 && !closing && strcmp(argv[3], "share") != 0)
		argc = 0;
	if (argc >= 2 && strcmp(argv[1], "primary") == 0)
		ret = primary(nb, closing);
	else if (argc >= 2 && strcmp(argv[1], "secondary") == 0)
		ret = secondary(nb, closing);
	else {
		fprintf(stderr, "usage: %s EAL... -- primary|secondary "
			"[OPS [share|close]]\n", argv[0]);
		ret = -1;
	}
	rte_eal_cleanup();
	return ret == 0 ? 0 : 1;
}
