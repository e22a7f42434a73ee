/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * vcrypto-mp-qp: a secondary process drives a queue pair of the
 * primary's device, with the primary's session, and the primary goes on
 * afterwards. Run as two processes on one device:
 *
 *   vcrypto-mp-qp EAL... -- primary OPS    (starts first)
 *   vcrypto-mp-qp EAL... --proc-type=secondary -- secondary
 *
 * 1. The primary probes the device, publishes a shared area and waits
 *    for a secondary to attach: the secondary starts before the device
 *    is configured.
 * 2. The primary configures the device (one queue pair), starts it and
 *    creates an AES-128-CBC encrypt session in a shared pool.
 * 3. The secondary runs OPS ops of random sizes on queue pair 0 with that
 *    session, checks each against OpenSSL, reports and exits.
 * 4. The primary then runs OPS ops on the same queue pair (the
 *    secondary's exit must not have disturbed the device), checks them,
 *    and says whether both halves passed.
 * One line per half: "<role>: N ops, N right, N wrong, N failed".
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	uint8_t dev_id;
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

/* One burst of random ops; counts what came back right. */
static int
burst(const struct area *a, struct rte_mempool *mbufs,
      struct rte_mempool *ops_pool, struct tally *t)
{
	struct rte_crypto_op *ops[BURST], *done[BURST];
	uint8_t plain[BURST][MAX_BLOCKS * 16], want[MAX_BLOCKS * 16];
	uint16_t len[BURST], i, n = 0, got = 0;
	uint64_t end;

	if (rte_crypto_op_bulk_alloc(ops_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC,
				     ops, BURST) != BURST)
		return -1;
	for (i = 0; i < BURST; i++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mbufs);
		uint8_t *iv = rte_crypto_op_ctod_offset(ops[i], uint8_t *,
							IV_OFFSET);
		uint16_t j;

		if (m == NULL)
			return -1;
		len[i] = (uint16_t)(16 * (1 + rte_rand_max(MAX_BLOCKS)));
		for (j = 0; j < len[i]; j++)
			plain[i][j] = (uint8_t)rte_rand();
		for (j = 0; j < 16; j++)
			iv[j] = (uint8_t)rte_rand();
		memcpy(rte_pktmbuf_append(m, len[i]), plain[i], len[i]);
		ops[i]->sym->m_src = m;
		ops[i]->sym->cipher.data.offset = 0;
		ops[i]->sym->cipher.data.length = len[i];
		rte_crypto_op_attach_sym_session(ops[i], a->session);
	}
	while (n < BURST)
		n += rte_cryptodev_enqueue_burst(a->dev_id, 0, ops + n,
						 BURST - n);
	end = rte_get_timer_cycles() + WAIT_S * rte_get_timer_hz();
	while (got < BURST && rte_get_timer_cycles() < end)
		got += rte_cryptodev_dequeue_burst(a->dev_id, 0, done + got,
						   BURST - got);
	if (got < BURST) {
		fprintf(stderr, "%u of %u ops did not come back\n",
			BURST - got, BURST);
		return -1;
	}
	/* Ops come back in order on this queue pair. */
	for (i = 0; i < BURST; i++) {
		const uint8_t *iv = rte_crypto_op_ctod_offset(done[i],
						const uint8_t *, IV_OFFSET);

		if (done[i]->status != RTE_CRYPTO_OP_STATUS_SUCCESS)
			t->failed++;
		else if (reference(a->key, iv, plain[i], want, len[i]) == 0 &&
			 memcmp(rte_pktmbuf_mtod(done[i]->sym->m_src, void *),
				want, len[i]) == 0)
			t->right++;
		else
			t->wrong++;
		rte_pktmbuf_free(done[i]->sym->m_src);
		rte_crypto_op_free(done[i]);
	}
	return 0;
}

static int
run(const char *role, const struct area *a, unsigned int nb)
{
	struct rte_mempool *mbufs = rte_mempool_lookup(MBUFS);
	struct rte_mempool *ops = rte_mempool_lookup(OPS);
	struct tally t = { 0, 0, 0 };
	unsigned int i;
	int ret = 0;

	if (mbufs == NULL || ops == NULL) {
		fprintf(stderr, "%s: shared pools not found\n", role);
		return -1;
	}
	for (i = 0; i < nb / BURST && ret == 0; i++)
		ret = burst(a, mbufs, ops, &t);
	printf("%s: %u ops, %u right, %u wrong, %u failed%s\n", role,
	       i * BURST, t.right, t.wrong, t.failed, ret ? " (stopped)" : "");
	return ret == 0 && t.right == i * BURST ? 0 : -1;
}

static int
setup_device(struct area *a)
{
	struct rte_cryptodev_config conf = {
		.socket_id = (int)rte_socket_id(),
		.nb_queue_pairs = 1,
	};
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
	    rte_pktmbuf_pool_create(MBUFS, 2 * BURST, 0, 0,
				    RTE_MBUF_DEFAULT_BUF_SIZE,
				    (int)rte_socket_id()) == NULL ||
	    rte_crypto_op_pool_create(OPS, RTE_CRYPTO_OP_TYPE_SYMMETRIC,
				      2 * BURST, 0, 16,
				      (int)rte_socket_id()) == NULL)
		return -1;
	qp.mp_session = sess;
	if (rte_cryptodev_configure(a->dev_id, &conf) != 0 ||
	    rte_cryptodev_queue_pair_setup(a->dev_id, 0, &qp,
					   (int)rte_socket_id()) != 0 ||
	    rte_cryptodev_start(a->dev_id) != 0)
		return -1;
	a->session = rte_cryptodev_sym_session_create(a->dev_id, &xf, sess);
	return a->session != NULL ? 0 : -1;
}

static int
primary(unsigned int nb)
{
	const struct rte_memzone *mz;
	struct area *a;
	int sec;

	if (rte_cryptodev_count() < 1) {
		fprintf(stderr, "primary: no cryptodev\n");
		return -1;
	}
	mz = rte_memzone_reserve(AREA, sizeof(*a), SOCKET_ID_ANY, 0);
	if (mz == NULL)
		return -1;
	a = mz->addr;
	memset(a, 0, sizeof(*a));
	printf("primary: device probed, waiting for the secondary\n");
	fflush(stdout);
	if (wait_for(&a->attached, "the secondary to attach") != 0)
		return -1;
	if (setup_device(a) != 0) {
		fprintf(stderr, "primary: device setup failed: %s\n",
			rte_strerror(rte_errno));
		return -1;
	}
	a->ready = 1;
	if (wait_for(&a->done, "the secondary's ops") != 0)
		return -1;
	sec = a->done;
	/* The secondary is gone: the device must work on as before. */
	if (run("primary after the secondary", a, nb) != 0 || sec != 1)
		return -1;
	rte_cryptodev_stop(a->dev_id);
	return 0;
}

static int
secondary(unsigned int nb)
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
	printf("secondary: %s, %u queue pair(s) configured\n", info.driver_name,
	       rte_cryptodev_queue_pair_count(a->dev_id));
	ret = run("secondary", a, nb);
	a->done = ret == 0 ? 1 : 2;
	return ret;
}

int
main(int argc, char **argv)
{
	unsigned int nb = 1024;
	int n, ret;

	n = rte_eal_init(argc, argv);
	if (n < 0)
		return 2;
	argc -= n;
	argv += n;
	if (argc >= 3)
		nb = (unsigned int)strtoul(argv[2], NULL, 0);
	if (argc >= 2 && strcmp(argv[1], "primary") == 0)
		ret = primary(nb);
	else if (argc >= 2 && strcmp(argv[1], "secondary") == 0)
		ret = secondary(nb);
	else {
		fprintf(stderr, "usage: %s EAL... -- primary|secondary [OPS]\n",
			argv[0]);
		ret = -1;
	}
	rte_eal_cleanup();
	return ret == 0 ? 0 : 1;
}
