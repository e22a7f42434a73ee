/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * soak: the PMD over the device model for a long time.
 *
 *   soak [--ops N] [--seed S] [--qps N] [--workers N] [--sample N]
 *        [--depth N] [--dev-threads N] [--churn N] [--progress-ms N]
 *        [--stall-ms N] [--max-errors N] [--max-print N] [--vdev-args KV]
 *
 * It makes its own EAL arguments (no hugepages, IOVA as VA, the model as
 * crypto_virtio_model0 with --qps data queues), prints a progress line
 * every --progress-ms, and ends with a summary and "RESULT: PASS" or
 * "RESULT: FAIL"; the exit status is 0 iff it passed.
 */

#include <getopt.h>
#include <inttypes.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_lcore.h>

#include "soak.h"

#define EAL_ARGS_MAX 24
#define ARG_LEN 256

struct soak soak;
static unsigned int workers_done;

static void
usage(void)
{
	printf("usage: soak [options]\n"
		"  --ops N          ops in all (default 100000)\n"
		"  --seed S         seed of every random choice (default 1)\n"
		"  --qps N          queue pairs (default 2, at most %u)\n"
		"  --workers N      lcores driving them (default min(qps, 2))\n"
		"  --sample N       check 1 op in N byte for byte (default 64)\n"
		"  --depth N        ops in flight per queue pair (default 128)\n"
		"  --dev-threads N  device model threads (default 2)\n"
		"  --churn N        concurrency mode: N threads each creating and\n"
		"                   freeing sessions, calling telemetry, reading stats\n"
		"  --progress-ms N  progress line period (default 2000, 0: none)\n"
		"  --stall-ms N     ops not back after N ms are lost (default 20000)\n"
		"  --max-errors N   stop after N errors (default 100)\n"
		"  --max-print N    print at most N error messages (default 20)\n"
		"  --vdev-args KV   more devargs for crypto_virtio_model0\n",
		SOAK_MAX_QPS);
}

static const struct option long_opts[] = {
	{ "ops", required_argument, NULL, 'o' },
	{ "seed", required_argument, NULL, 's' },
	{ "qps", required_argument, NULL, 'q' },
	{ "workers", required_argument, NULL, 'w' },
	{ "sample", required_argument, NULL, 'S' },
	{ "depth", required_argument, NULL, 'd' },
	{ "dev-threads", required_argument, NULL, 't' },
	{ "churn", required_argument, NULL, 'c' },
	{ "progress-ms", required_argument, NULL, 'p' },
	{ "stall-ms", required_argument, NULL, 'T' },
	{ "max-errors", required_argument, NULL, 'E' },
	{ "max-print", required_argument, NULL, 'P' },
	{ "vdev-args", required_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int
set_opt(struct soak_opts *o, int c, const char *arg)
{
	uint64_t v = strtoull(arg != NULL ? arg : "0", NULL, 0);

	switch (c) {
	case 'o': o->ops = v; break;
	case 's': o->seed = v; break;
	case 'q': o->qps = (unsigned int)v; break;
	case 'w': o->workers = (unsigned int)v; break;
	case 'S': o->sample = (unsigned int)v; break;
	case 'd': o->depth = (unsigned int)v; break;
	case 't': o->dev_threads = (unsigned int)v; break;
	case 'c': o->churn = (unsigned int)v; break;
	case 'p': o->progress_ms = (unsigned int)v; break;
	case 'T': o->stall_ms = (unsigned int)v; break;
	case 'E': o->max_errors = v; break;
	case 'P': o->max_print = (unsigned int)v; break;
	case 'v': o->vdev_extra = arg; break;
	default: return -1;
	}
	return 0;
}

static int
parse(struct soak_opts *o, int argc, char **argv)
{
	int c;

	*o = (struct soak_opts){ .ops = 100000, .seed = 1, .qps = 2,
		.sample = 64, .depth = 128, .dev_threads = 2,
		.progress_ms = 2000, .stall_ms = 20000, .max_errors = 100,
		.max_print = 20 };
	while ((c = getopt_long(argc, argv, "h", long_opts, NULL)) != -1)
		if (c == 'h' || set_opt(o, c, optarg) != 0)
			return -1;
	if (optind != argc)
		return -1;
	if (o->workers == 0)
		o->workers = RTE_MIN(o->qps, 2u);
	if (o->qps == 0 || o->qps > SOAK_MAX_QPS || o->workers > o->qps ||
			o->sample == 0 || o->depth == 0 || o->dev_threads == 0 ||
			o->ops < o->qps || o->stall_ms == 0)
		return -1;
	return 0;
}

/* "(0,1)": every CPU this process may run on, for each lcore. */
static void
cpu_set_str(char *buf, size_t len)
{
	cpu_set_t set;
	size_t n = 0;
	int i;

	buf[n++] = '(';
	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		for (i = 0; i < CPU_SETSIZE && n + 8 < len; i++)
			if (CPU_ISSET(i, &set))
				n += snprintf(buf + n, len - n, "%d,", i);
	if (buf[n - 1] == ',')
		n--;
	else
		n += snprintf(buf + n, len - n, "0");
	snprintf(buf + n, len - n, ")");
}

static int
eal_init(const struct soak_opts *o)
{
	static char lcores[ARG_LEN * 4], vdev[ARG_LEN], prefix[64], cpus[128];
	char *argv[EAL_ARGS_MAX];
	size_t n = 0;
	int argc = 0;
	unsigned int i;

	cpu_set_str(cpus, sizeof(cpus));
	/* Lcore 0 watches; 1..workers drive queue pairs; all share the CPUs. */
	for (i = 0; i <= o->workers; i++)
		n += snprintf(lcores + n, sizeof(lcores) - n, "%s%u@%s",
			i == 0 ? "" : ",", i, cpus);
	snprintf(vdev, sizeof(vdev), "crypto_virtio_model0,dataqueues=%u,threads=%u%s%s",
		o->qps, o->dev_threads, o->vdev_extra != NULL ? "," : "",
		o->vdev_extra != NULL ? o->vdev_extra : "");
	/* A run of its own: telemetry socket and runtime files. */
	snprintf(prefix, sizeof(prefix), "--file-prefix=soak%d", (int)getpid());
	argv[argc++] = "soak";
	argv[argc++] = "--no-huge";
	argv[argc++] = "-m";
	argv[argc++] = "1024";
	argv[argc++] = "--iova-mode=va";
	argv[argc++] = "--no-pci";
	/*
	 * No multi-process channel: nothing to share, and its thread,
	 * cancelled in rte_eal_cleanup(), trips ThreadSanitizer's checks.
	 */
	argv[argc++] = "--no-shconf";
	argv[argc++] = prefix;
	argv[argc++] = "--lcores";
	argv[argc++] = lcores;
	argv[argc++] = "--log-level=pmd.crypto.virtio:notice";
	argv[argc++] = "--vdev";
	argv[argc++] = vdev;
	if (o->churn == 0)
		argv[argc++] = "--no-telemetry";
	return rte_eal_init(argc, argv);
}

struct totals {
	struct soak_counts c;
	uint64_t submitted;
	bool stalled;
};

static void
sum(struct soak *s, struct totals *t)
{
	unsigned int i, k;
	struct soak_counts *c;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < s->o.qps; i++) {
		c = &s->qp[i].c;
		t->c.enqueued += soak_load(&c->enqueued);
		t->c.dequeued += soak_load(&c->dequeued);
		t->c.sampled += soak_load(&c->sampled);
		t->c.replayed += soak_load(&c->replayed);
		t->c.errors += soak_load(&c->errors);
		t->c.auth_failed += soak_load(&c->auth_failed);
		t->c.bad += soak_load(&c->bad);
		t->c.many_segs += soak_load(&c->many_segs);
		t->c.build_retry += soak_load(&c->build_retry);
		t->c.nomem += soak_load(&c->nomem);
		for (k = 0; k < SOAK_NB_SVC; k++)
			t->c.by_svc[k] += soak_load(&c->by_svc[k]);
	}
}

static void
hms(char *buf, size_t len, double sec)
{
	uint64_t s = sec > 0 ? (uint64_t)sec : 0;

	snprintf(buf, len, "%" PRIu64 ":%02" PRIu64 ":%02" PRIu64, s / 3600,
		s / 60 % 60, s % 60);
}

static void
progress(struct soak *s, uint64_t t0)
{
	double el = (double)(rte_rdtsc() - t0) / rte_get_tsc_hz();
	char e[32], eta[32];
	struct totals t;
	double rate;

	sum(s, &t);
	rate = el > 0 ? t.c.dequeued / el : 0;
	hms(e, sizeof(e), el);
	hms(eta, sizeof(eta), rate > 0 ? (s->o.ops - t.c.dequeued) / rate : 0);
	printf("progress: %" PRIu64 "/%" PRIu64 " ops (%.1f%%), %.0f ops/s, elapsed %s, eta %s, in flight %" PRIu64 ", errors %" PRIu64 "\n",
		t.c.dequeued, s->o.ops, 100.0 * t.c.dequeued / s->o.ops, rate,
		e, eta, t.c.enqueued - t.c.dequeued, t.c.errors);
	fflush(stdout);
}

/* What must hold at any time, seen from outside the workers. */
static void
watch(struct soak *s)
{
	uint64_t enq, deq;
	unsigned int i;

	for (i = 0; i < s->o.qps; i++) {
		deq = soak_load(&s->qp[i].c.dequeued);
		enq = soak_load(&s->qp[i].c.enqueued);
		if (deq > enq || enq - deq > s->o.depth)
			soak_error(s, &s->qp[i], "watch: enqueued %" PRIu64 ", dequeued %" PRIu64 " with %u templates",
				enq, deq, s->o.depth);
	}
}

static int
worker_entry(void *arg)
{
	int ret = soak_worker(arg);

	__atomic_fetch_add(&workers_done, 1, __ATOMIC_RELEASE);
	return ret;
}

static void
run(struct soak *s, uint64_t *t0, double *secs)
{
	uint64_t next, period;
	unsigned int lcore, w = 0;

	period = rte_get_tsc_hz() / 1000 * (s->o.progress_ms ? s->o.progress_ms : 1000);
	*t0 = rte_rdtsc();
	RTE_LCORE_FOREACH_WORKER(lcore)
		if (rte_eal_remote_launch(worker_entry, (void *)(uintptr_t)w++,
				lcore) != 0)
			rte_exit(EXIT_FAILURE, "soak: cannot launch lcore %u\n",
				lcore);
	next = *t0 + period;
	while (__atomic_load_n(&workers_done, __ATOMIC_ACQUIRE) < s->o.workers) {
		usleep(10000);
		if (rte_rdtsc() < next)
			continue;
		next += period;
		watch(s);
		if (s->o.progress_ms != 0)
			progress(s, *t0);
	}
	rte_eal_mp_wait_lcore();
	*secs = (double)(rte_rdtsc() - *t0) / rte_get_tsc_hz();
}

static int
qp_verdict(struct soak *s)
{
	unsigned int i;
	int bad = 0;

	for (i = 0; i < s->o.qps; i++) {
		struct soak_qp *q = &s->qp[i];

		printf("# qp %u: enqueued %" PRIu64 ", dequeued %" PRIu64 " of %" PRIu64 "%s\n",
			i, q->c.enqueued, q->c.dequeued, q->quota,
			q->stalled ? ", STALLED" : "");
		if (q->stalled || q->c.enqueued != q->c.dequeued ||
				q->c.enqueued != q->quota)
			bad = 1;
	}
	return bad;
}

static void
summary(struct soak *s, double secs)
{
	struct totals t;
	char el[32];

	sum(s, &t);
	hms(el, sizeof(el), secs);
	printf("== soak summary (seed %" PRIu64 ", %u queue pairs, %u workers, %u device threads%s)\n",
		s->o.seed, s->o.qps, s->o.workers, s->o.dev_threads,
		s->o.churn ? ", concurrency mode" : "");
	printf("ops: %" PRIu64 " of %" PRIu64 " in %s (%.1f s): %.0f ops/s\n",
		t.c.dequeued, s->o.ops, el, secs, secs > 0 ? t.c.dequeued / secs : 0);
	printf("checked byte for byte against OpenSSL: %" PRIu64 " (1 in %u asked); by status: %" PRIu64 "\n",
		t.c.sampled, s->o.sample, t.c.replayed);
	printf("by service: cipher %" PRIu64 ", hash/mac %" PRIu64 ", chain %" PRIu64 ", aead %" PRIu64 "\n",
		t.c.by_svc[SOAK_CIPHER], t.c.by_svc[SOAK_AUTH],
		t.c.by_svc[SOAK_CHAIN], t.c.by_svc[SOAK_AEAD]);
	printf("expected failures: auth %" PRIu64 ", too many segments %" PRIu64 "; good ops past 32 buffers %" PRIu64 "\n",
		t.c.auth_failed, t.c.bad, t.c.many_segs);
	printf("builds: %" PRIu64 " redone in one segment, %" PRIu64 " deferred (pool empty)\n",
		t.c.build_retry, t.c.nomem);
	printf("errors: %" PRIu64 "\n", t.c.errors);
}

int
main(int argc, char **argv)
{
	struct soak *s = &soak;
	int fail = 0, churn_failed = 0, pools;
	double secs = 0;
	unsigned int i;
	uint64_t t0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (parse(&s->o, argc, argv) != 0) {
		usage();
		return 2;
	}
	pthread_mutex_init(&s->print_lock, NULL);
	if (eal_init(&s->o) < 0) {
		fprintf(stderr, "soak: rte_eal_init failed\n");
		return 1;
	}
	for (i = 0; i < s->o.qps; i++)
		s->qp[i].quota = s->o.ops / s->o.qps + (i == 0 ? s->o.ops % s->o.qps : 0);
	if (soak_device_open(s) != 0 || soak_sessions_create(s) != 0) {
		printf("RESULT: FAIL (setup)\n");
		return 1;
	}
	if (s->o.churn != 0 && soak_churn_start(s) != 0)
		fail = 1;
	run(s, &t0, &secs);
	fail |= soak_device_check_stats(s) != 0;
	if (s->o.churn != 0) {
		fail |= soak_reconfigure(s) != 0;
		churn_failed = soak_churn_stop(s);
	}
	fail |= qp_verdict(s);
	for (i = 0; i < s->o.qps; i++)
		soak_qp_fini(&s->qp[i]);
	soak_sessions_free(s);
	fail |= soak_device_close(s) != 0;
	pools = soak_pools_full(s);
	fail |= pools != 0;
	summary(s, secs);
	for (i = 0; i < s->o.qps; i++)
		fail |= s->qp[i].c.errors != 0;
	fail |= churn_failed != 0;
	printf("pools (ops, mbufs, sessions): %s\n",
		pools == 0 ? "every object back" : "NOT every object back");
	printf("RESULT: %s\n", fail ? "FAIL" : "PASS");
	rte_eal_cleanup();
	return fail ? 1 : 0;
}
