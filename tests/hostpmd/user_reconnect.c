/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * vcrypto-user-reconnect: crypto_virtio_user across a back-end restart.
 *
 *   vcrypto-user-reconnect EAL... -- [grow] SOCKET BACKEND [ARGS...]
 *
 * EAL's arguments name the vdev on SOCKET (with a short op_timeout_ms);
 * BACKEND is started by this program (before EAL, so the vdev finds it),
 * killed and started again:
 * 1. AES-128-CBC ops of a session all succeed and match OpenSSL.
 * 2. The back-end is killed (SIGKILL). A burst enqueued then comes back
 *    whole, every op failed, within the op timeout and a margin.
 * 3. The back-end is started again; the application stops, reconfigures
 *    and starts the device (the driver connects again) and makes a new
 *    session: its ops succeed and match OpenSSL.
 * 4. The back-end is stopped (SIGSTOP), not killed: alive, it may still
 *    write into the ops' buffers. A burst enqueued then does not come
 *    back (the driver keeps ops a device may write to), and the device
 *    cannot be started again.
 * With "grow" (EAL in dynamic memory mode, huge pages in one file per
 * segment list), the steps after 1 are instead:
 * 2. A pool created while the device runs takes memory EAL adds then;
 *    the driver sends the back-end a new memory table from EAL's memory
 *    event. Ops on that pool's mbufs succeed and match OpenSSL.
 * One line per step, "reconnect: ok <step>" or "reconnect: FAILED <step>:
 * why"; the exit status is the number of failed steps.
 */

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <openssl/evp.h>

#include <rte_cryptodev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_mbuf.h>

#define BURST 32
#define LEN 256
#define IV_OFFSET (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))
#define DRAIN_SECONDS 10
/* A pool of about 36 MB: far more than EAL holds free, so new pages. */
#define GROW_MBUFS 16384
/* Op timeout, the unanswered GET_VRING_BASE and the reset, with margin. */
#define HUNG_WAIT_SECONDS 8

static const uint8_t key[16] = "reconnect-key-16";
static pid_t backend = -1;
static const char *sock;
static char **backend_argv;
static int failures;

static void
step(bool ok, const char *what, const char *why)
{
	if (ok) {
		printf("reconnect: ok %s\n", what);
	} else {
		printf("reconnect: FAILED %s: %s\n", what, why);
		failures++;
	}
	fflush(stdout);
}

static bool
start_backend(void)
{
	struct stat st;
	int i;

	unlink(sock);
	backend = fork();
	if (backend == 0) {
		execv(backend_argv[0], backend_argv);
		_exit(127);
	}
	for (i = 0; backend > 0 && i < 400; i++) {
		if (stat(sock, &st) == 0 && S_ISSOCK(st.st_mode))
			return true;
		if (waitpid(backend, NULL, WNOHANG) == backend)
			break;
		usleep(25000);
	}
	return false;
}

static void
kill_backend(void)
{
	if (backend <= 0)
		return;
	kill(backend, SIGKILL);
	waitpid(backend, NULL, 0);
	backend = -1;
}

static bool
reference(const uint8_t *iv, const uint8_t *in, uint8_t *out)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int n = 0;
	bool ok = c != NULL &&
		EVP_EncryptInit_ex(c, EVP_aes_128_cbc(), NULL, key, iv) == 1 &&
		EVP_CIPHER_CTX_set_padding(c, 0) == 1 &&
		EVP_EncryptUpdate(c, out, &n, in, LEN) == 1 && n == LEN;

	EVP_CIPHER_CTX_free(c);
	return ok;
}

struct rig {
	uint8_t dev;
	struct rte_mempool *mbufs, *ops, *sessions;
	void *session;
};

static int
start_device(struct rig *r)
{
	struct rte_cryptodev_config conf = {
		.socket_id = (int)rte_socket_id(), .nb_queue_pairs = 1 };
	struct rte_cryptodev_qp_conf qp = {
		.nb_descriptors = 256, .mp_session = r->sessions };
	struct rte_crypto_sym_xform xf = {
		.type = RTE_CRYPTO_SYM_XFORM_CIPHER,
		.cipher = {
			.op = RTE_CRYPTO_CIPHER_OP_ENCRYPT,
			.algo = RTE_CRYPTO_CIPHER_AES_CBC,
			.key = { .data = key, .length = sizeof(key) },
			.iv = { .offset = IV_OFFSET, .length = 16 },
		},
	};

	if (rte_cryptodev_configure(r->dev, &conf) != 0 ||
	    rte_cryptodev_queue_pair_setup(r->dev, 0, &qp, conf.socket_id) != 0 ||
	    rte_cryptodev_start(r->dev) != 0)
		return -1;
	r->session = rte_cryptodev_sym_session_create(r->dev, &xf, r->sessions);
	return r->session == NULL ? -1 : 0;
}

static void
stop_device(struct rig *r)
{
	if (r->session != NULL)
		rte_cryptodev_sym_session_free(r->dev, r->session);
	r->session = NULL;
	rte_cryptodev_stop(r->dev);
}

/* A burst of ops with random data and IVs; their mbufs keep the input. */
static int
make_burst(struct rig *r, struct rte_crypto_op **ops, uint8_t in[][LEN])
{
	unsigned int i;

	if (rte_crypto_op_bulk_alloc(r->ops, RTE_CRYPTO_OP_TYPE_SYMMETRIC, ops,
				     BURST) != BURST)
		return -1;
	for (i = 0; i < BURST; i++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(r->mbufs);
		uint8_t *iv = rte_crypto_op_ctod_offset(ops[i], uint8_t *,
							IV_OFFSET);

		if (m == NULL || rte_pktmbuf_append(m, LEN) == NULL)
			return -1;
		for (unsigned int j = 0; j < LEN; j++)
			in[i][j] = (uint8_t)rand();
		for (unsigned int j = 0; j < 16; j++)
			iv[j] = (uint8_t)rand();
		memcpy(rte_pktmbuf_mtod(m, uint8_t *), in[i], LEN);
		ops[i]->sym->m_src = m;
		ops[i]->sym->cipher.data.offset = 0;
		ops[i]->sym->cipher.data.length = LEN;
		rte_crypto_op_attach_sym_session(ops[i], r->session);
	}
	return 0;
}

/*
 * Enqueue a burst and dequeue until all came back (or the drain time is
 * up): how many came back, how many succeeded with OpenSSL's output.
 */
static void
run_burst(struct rig *r, unsigned int seconds, unsigned int *back,
	  unsigned int *right)
{
	static uint8_t in[BURST][LEN];
	struct rte_crypto_op *ops[BURST], *done[BURST];
	uint64_t end = rte_get_timer_cycles() + rte_get_timer_hz() * seconds;
	uint8_t expect[LEN];
	uint16_t sent = 0, n, i;

	*back = *right = 0;
	if (make_burst(r, ops, in) != 0)
		return;
	while (sent < BURST && rte_get_timer_cycles() < end)
		sent += rte_cryptodev_enqueue_burst(r->dev, 0, ops + sent,
						    BURST - sent);
	while (*back < sent && rte_get_timer_cycles() < end) {
		n = rte_cryptodev_dequeue_burst(r->dev, 0, done, BURST);
		for (i = 0; i < n; i++) {
			unsigned int k = 0;

			while (ops[k] != done[i])
				k++;
			if (done[i]->status == RTE_CRYPTO_OP_STATUS_SUCCESS &&
			    reference(rte_crypto_op_ctod_offset(done[i],
					uint8_t *, IV_OFFSET), in[k], expect) &&
			    memcmp(expect, rte_pktmbuf_mtod(done[i]->sym->m_src,
					uint8_t *), LEN) == 0)
				(*right)++;
			rte_pktmbuf_free(done[i]->sym->m_src);
			rte_crypto_op_free(done[i]);
		}
		*back += n;
	}
}

static void
check_burst(struct rig *r, const char *what, bool want_success)
{
	unsigned int back, right;
	char why[128];

	run_burst(r, DRAIN_SECONDS, &back, &right);
	snprintf(why, sizeof(why), "%u of %u back, %u right", back, BURST,
		 right);
	step(back == BURST && right == (want_success ? BURST : 0), what, why);
}

static void
check_hung(struct rig *r)
{
	unsigned int back, right;
	char why[128];
	int st;

	/* Stopped once waitpid() says so: a signal lands asynchronously. */
	kill(backend, SIGSTOP);
	if (waitpid(backend, &st, WUNTRACED) != backend || !WIFSTOPPED(st)) {
		step(false, "stop the back-end", "it did not stop");
		return;
	}
	run_burst(r, HUNG_WAIT_SECONDS, &back, &right);
	snprintf(why, sizeof(why), "%u of %u came back", back, BURST);
	step(back == 0, "ops of a hung back-end stay with it", why);
	stop_device(r);
	step(start_device(r) != 0, "a hung back-end's device does not start",
	     "it started");
	kill_backend();
}

static void
check_grown_memory(struct rig *r)
{
	struct rte_mempool *before = r->mbufs, *late;

	late = rte_pktmbuf_pool_create("rc_late", GROW_MBUFS, 0, 0,
				       RTE_MBUF_DEFAULT_BUF_SIZE,
				       (int)rte_socket_id());
	step(late != NULL, "pool in memory added while the device runs",
	     rte_strerror(rte_errno));
	if (late == NULL)
		return;
	r->mbufs = late;
	check_burst(r, "ops on memory added while the device runs", true);
	r->mbufs = before;
}

int
main(int argc, char **argv)
{
	struct rig r = { 0 };
	bool grow;
	int sep, first, ret;

	for (sep = 1; sep < argc && strcmp(argv[sep], "--") != 0; sep++)
		;
	first = sep + 1;
	grow = first < argc && strcmp(argv[first], "grow") == 0;
	if (grow)
		first++;
	if (argc - first < 2) {
		fprintf(stderr, "usage: %s EAL... -- [grow] SOCKET BACKEND [ARGS...]\n",
			argv[0]);
		return 2;
	}
	sock = argv[first];
	backend_argv = argv + first + 1;
	argv[sep] = NULL;
	if (!start_backend()) {
		step(false, "start back-end", "it did not listen");
		return 1;
	}
	ret = rte_eal_init(sep, argv);
	if (ret < 0 || rte_cryptodev_count() == 0) {
		step(false, "probe", "no device");
		kill_backend();
		return 1;
	}
	r.dev = 0;
	r.mbufs = rte_pktmbuf_pool_create("rc_mbufs", 4 * BURST, 0, 0,
					  RTE_MBUF_DEFAULT_BUF_SIZE,
					  (int)rte_socket_id());
	r.ops = rte_crypto_op_pool_create("rc_ops", RTE_CRYPTO_OP_TYPE_SYMMETRIC,
					  4 * BURST, 0, 16, (int)rte_socket_id());
	r.sessions = rte_cryptodev_sym_session_pool_create("rc_sess", 16,
		rte_cryptodev_sym_get_private_session_size(r.dev), 0, 0,
		(int)rte_socket_id());
	if (r.mbufs == NULL || r.ops == NULL || r.sessions == NULL) {
		step(false, "pools", rte_strerror(rte_errno));
		kill_backend();
		return 1;
	}
	step(start_device(&r) == 0, "start device", "configure or session");
	check_burst(&r, "ops before the restart", true);
	if (grow) {
		check_grown_memory(&r);
		goto out;
	}

	kill_backend();
	check_burst(&r, "ops in flight when the back-end died fail", false);

	step(start_backend(), "restart back-end", "it did not listen");
	stop_device(&r);
	step(start_device(&r) == 0, "reconfigure after the restart",
	     "configure or session");
	check_burst(&r, "ops after the reconnect", true);

	check_hung(&r);
out:
	stop_device(&r);
	rte_cryptodev_close(r.dev);
	kill_backend();
	rte_eal_cleanup();
	return failures;
}
