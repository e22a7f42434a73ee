/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The concurrency mode (--churn N): while the workers drive their queue
 * pairs, N threads of each kind do what control-plane threads of an
 * application do meanwhile: create and free sessions, ask telemetry for
 * /crypto_virtio/info (through the telemetry socket, so the handler runs
 * in DPDK's telemetry thread, as it does for dpdk-telemetry.py), and read
 * the device's stats. Built with ThreadSanitizer this is the race test;
 * without it, a check that all of that works under load.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>

#include "soak.h"

#define MAX_CHURN 4
#define TEL_SOCKET "dpdk_telemetry.v2"
#define TEL_BUF 16384

enum churn_kind {
	CHURN_SESSIONS,
	CHURN_TELEMETRY,
	CHURN_STATS,
	CHURN_NB_KINDS,
};

static const char *const kind_names[CHURN_NB_KINDS] = {
	"session create/free", "telemetry /crypto_virtio/info", "stats reads",
};

struct churn {
	struct soak *s;
	enum churn_kind kind;
	unsigned int id;
	struct vt_ctx ctx;	/* a copy: the workers' own ones keep changing */
	pthread_t tid;
	bool started;
	uint64_t rounds;
	uint64_t errors;
	uint64_t tolerated;	/* session failures while reconfiguring */
	char first_error[SOAK_MAX_ERR_LEN];
};

static struct churn churns[CHURN_NB_KINDS * MAX_CHURN];
static unsigned int nb_churns;
static bool churn_stop;
static unsigned int churn_epoch;	/* odd while the device is reconfigured */

/*
 * While the device is being reconfigured a session call may fail, the
 * device may have no queues to report, and its stats start again: each
 * round takes the epoch before its call, and is lenient if a
 * reconfiguration was under way then or began or ended since.
 */
static unsigned int
epoch(void)
{
	return __atomic_load_n(&churn_epoch, __ATOMIC_ACQUIRE);
}

void
soak_churn_tolerate(bool on)
{
	if (on != (epoch() % 2 == 1))
		__atomic_fetch_add(&churn_epoch, 1, __ATOMIC_ACQ_REL);
}

static bool
tolerant(unsigned int e0)
{
	return e0 % 2 == 1 || epoch() != e0;
}

static bool
stopped(void)
{
	return __atomic_load_n(&churn_stop, __ATOMIC_RELAXED);
}

static void
churn_error(struct churn *c, const char *fmt, ...) __rte_format_printf(2, 3);

static void
churn_error(struct churn *c, const char *fmt, ...)
{
	va_list ap;

	if (c->errors++ != 0)
		return;
	va_start(ap, fmt);
	vsnprintf(c->first_error, sizeof(c->first_error), fmt, ap);
	va_end(ap);
}

/* Sessions like the soak's own, made and freed again at once. */
static void
sessions_round(struct churn *c, struct vt_ctx *ctx, struct vt_prng *rng)
{
	struct soak *s = c->s;
	struct soak_sess ss = s->sess[vt_prng_below(rng, s->nb_sess)];
	unsigned int e0 = epoch();
	int ret = soak_sess_make(ctx, &ss, rng);

	/* A hash the device takes only chained says so every time. */
	if (ret == -ENOTSUP)
		return;
	if (ret != 0 && tolerant(e0)) {
		c->tolerated++;
		return;
	}
	if (ret != 0) {
		churn_error(c, "session %s: %s", ss.name, rte_strerror(-ret));
		return;
	}
	soak_sess_release(ctx, &ss);
}

static int
tel_connect(struct churn *c, char *buf)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd;

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/%s",
		rte_eal_get_runtime_dir(), TEL_SOCKET);
	fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0 ||
			recv(fd, buf, TEL_BUF - 1, 0) <= 0) {
		churn_error(c, "telemetry socket %s: %s", sun.sun_path,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/*
 * One request; the answer must be the driver's info of our device, with
 * its queues unless it is being reconfigured.
 */
static void
telemetry_round(struct churn *c, int fd, char *buf)
{
	unsigned int e0 = epoch();
	char cmd[64];
	ssize_t n;

	snprintf(cmd, sizeof(cmd), "/crypto_virtio/info,%u", c->s->dev_id);
	if (send(fd, cmd, strlen(cmd), 0) < 0) {
		churn_error(c, "telemetry send: %s", strerror(errno));
		return;
	}
	n = recv(fd, buf, TEL_BUF - 1, 0);
	if (n <= 0) {
		churn_error(c, "telemetry: no answer to %s", cmd);
		return;
	}
	buf[n] = '\0';
	if (strstr(buf, "\"configured_dataqueues\"") == NULL ||
			(strstr(buf, "\"dataq0_posted\"") == NULL && !tolerant(e0)))
		churn_error(c, "telemetry: %s answered %.200s", cmd, buf);
}

/* The device's counts only grow, but for a reconfiguration. */
static void
stats_round(struct churn *c, struct rte_cryptodev_stats *last,
	unsigned int *last_epoch)
{
	unsigned int e0 = epoch();
	struct rte_cryptodev_stats st;

	if (rte_cryptodev_stats_get(c->s->dev_id, &st) != 0) {
		churn_error(c, "stats_get failed");
		return;
	}
	if (*last_epoch == e0 && !tolerant(e0) &&
			(st.enqueued_count < last->enqueued_count ||
			 st.dequeued_count < last->dequeued_count))
		churn_error(c, "stats went backwards: enqueued %" PRIu64 " after %" PRIu64 ", dequeued %" PRIu64 " after %" PRIu64,
			st.enqueued_count, last->enqueued_count,
			st.dequeued_count, last->dequeued_count);
	*last = st;
	*last_epoch = e0;
}

static void *
churn_main(void *arg)
{
	struct churn *c = arg;
	struct rte_cryptodev_stats last = { 0 };
	unsigned int last_epoch = 0;
	struct vt_prng rng;
	char *buf = NULL;
	int fd = -1;

	vt_prng_seed(&rng, kind_names[c->kind]);
	rng.state ^= c->s->o.seed + c->id;
	if (c->kind == CHURN_TELEMETRY) {
		buf = malloc(TEL_BUF);
		fd = buf != NULL ? tel_connect(c, buf) : -1;
		if (fd < 0) {
			free(buf);
			return NULL;
		}
	}
	while (!stopped()) {
		if (c->kind == CHURN_SESSIONS)
			sessions_round(c, &c->ctx, &rng);
		else if (c->kind == CHURN_TELEMETRY)
			telemetry_round(c, fd, buf);
		else
			stats_round(c, &last, &last_epoch);
		c->rounds++;
		/* Control-plane pace: often, but leave the cores to the workers. */
		usleep(200);
	}
	if (fd >= 0)
		close(fd);
	free(buf);
	return NULL;
}

int
soak_churn_start(struct soak *s)
{
	unsigned int k, i;
	struct churn *c;

	for (k = 0; k < CHURN_NB_KINDS; k++)
		for (i = 0; i < RTE_MIN(s->o.churn, (unsigned int)MAX_CHURN); i++) {
			c = &churns[nb_churns++];
			*c = (struct churn){ .s = s, .kind = k, .id = i,
				.ctx = s->qp[0].ctx };
			if (pthread_create(&c->tid, NULL, churn_main, c) != 0) {
				fprintf(stderr, "soak: cannot start a %s thread\n",
					kind_names[k]);
				return -1;
			}
			c->started = true;
		}
	return 0;
}

/* Stop and join; the number of failures (a thread that never ran is one). */
int
soak_churn_stop(struct soak *s __rte_unused)
{
	unsigned int i, failed = 0;
	struct churn *c;

	__atomic_store_n(&churn_stop, true, __ATOMIC_RELAXED);
	for (i = 0; i < nb_churns; i++) {
		c = &churns[i];
		if (c->started)
			pthread_join(c->tid, NULL);
		printf("# churn %s #%u: %" PRIu64 " rounds, %" PRIu64 " errors, %" PRIu64 " failures while reconfiguring\n",
			kind_names[c->kind], c->id, c->rounds, c->errors,
			c->tolerated);
		if (c->errors != 0)
			fprintf(stderr, "ERROR churn %s #%u: %s\n",
				kind_names[c->kind], c->id, c->first_error);
		else if (c->rounds == 0)
			fprintf(stderr, "ERROR churn %s #%u: never ran\n",
				kind_names[c->kind], c->id);
		failed += c->errors != 0 || c->rounds == 0;
	}
	return (int)failed;
}
