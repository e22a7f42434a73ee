/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * vcrypto-test: cryptodev conformance cases for the virtio-crypto PMD.
 *
 *   vcrypto-test [EAL args] -- [--driver NAME] [--list] [--case SUBSTR]...
 *
 * One line per case (PASS/FAIL/SKIP), then a summary line; the exit
 * status is 0 iff no case failed. This file holds the case registry,
 * option parsing and the run loop; the cases live in *_cases.c.
 */

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>

#include "vcrypto_test.h"

#define VT_MAX_CASES 1024
#define VT_MAX_FILTERS 16
#define VT_DEFAULT_DRIVER "crypto_virtio"
/* The same PMD on the host, over the software device model (tests/hostpmd). */
#define VT_MODEL_DRIVER "crypto_virtio_model"
/* Our PMD on a vhost-user back-end (the crypto_virtio_user vdev). */
#define VT_USER_DRIVER "crypto_virtio_user"
#define VT_DEFAULT_TIMEOUT_MS 2000

struct vt_case {
	char name[VT_NAME_LEN];
	vt_case_fn fn;
	const void *arg;
};

struct vt_opts {
	const char *driver;
	const char *filters[VT_MAX_FILTERS];
	unsigned int nb_filters;
	bool list;
	bool verbose;
	int strict;		/* -1: default for the driver */
	uint64_t max_size;
	unsigned int timeout_ms;
};

static struct vt_case cases[VT_MAX_CASES];
static unsigned int nb_cases;

void
vt_register(const char *name, vt_case_fn fn, const void *arg)
{
	if (nb_cases == VT_MAX_CASES) {
		fprintf(stderr, "vcrypto-test: too many cases, dropping %s\n",
			name);
		return;
	}
	snprintf(cases[nb_cases].name, VT_NAME_LEN, "%s", name);
	cases[nb_cases].fn = fn;
	cases[nb_cases].arg = arg;
	nb_cases++;
}

static enum vt_result
set_reason(struct vt_ctx *ctx, enum vt_result r, const char *fmt, va_list ap)
{
	vsnprintf(ctx->reason, sizeof(ctx->reason), fmt, ap);
	return r;
}

enum vt_result
vt_fail(struct vt_ctx *ctx, const char *fmt, ...)
{
	enum vt_result r;
	va_list ap;

	va_start(ap, fmt);
	r = set_reason(ctx, VT_FAIL, fmt, ap);
	va_end(ap);
	return r;
}

enum vt_result
vt_skip(struct vt_ctx *ctx, const char *fmt, ...)
{
	enum vt_result r;
	va_list ap;

	va_start(ap, fmt);
	r = set_reason(ctx, VT_SKIP, fmt, ap);
	va_end(ap);
	return r;
}

/* Information that is neither a result nor a reason: "# " lines. */
void
vt_note(struct vt_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	printf("# %s: ", ctx->case_name != NULL ? ctx->case_name : "setup");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void
usage(const char *prog)
{
	printf("usage: %s [EAL args] -- [options]\n"
		"  --driver NAME     cryptodev driver to test (default %s, or\n"
		"                    " VT_MODEL_DRIVER " or " VT_USER_DRIVER " if there is none)\n"
		"  --list            print the case names and exit\n"
		"  --case SUBSTR     run only cases whose name contains SUBSTR (repeatable)\n"
		"  --max-size N      device's max request size, enables the oversized case\n"
		"  --timeout-ms N    give up on ops after N ms without progress (default %u)\n"
		"  --strict          bad ops must come back from dequeue (default for %s)\n"
		"  --lenient         bad ops may instead be refused by enqueue\n"
		"  -v, --verbose     print the status of every bad op\n",
		prog, VT_DEFAULT_DRIVER, VT_DEFAULT_TIMEOUT_MS, VT_DEFAULT_DRIVER);
}

enum {
	OPT_DRIVER = 256,
	OPT_LIST,
	OPT_CASE,
	OPT_MAX_SIZE,
	OPT_TIMEOUT,
	OPT_STRICT,
	OPT_LENIENT,
};

static const struct option long_opts[] = {
	{ "driver", required_argument, NULL, OPT_DRIVER },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "case", required_argument, NULL, OPT_CASE },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "timeout-ms", required_argument, NULL, OPT_TIMEOUT },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "lenient", no_argument, NULL, OPT_LENIENT },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int
parse_number(const char *s, uint64_t *out)
{
	char *end;

	*out = strtoull(s, &end, 0);
	return (*s == '\0' || *end != '\0') ? -1 : 0;
}

static int
apply_opt(struct vt_opts *o, int c, const char *arg)
{
	uint64_t v;

	switch (c) {
	case OPT_DRIVER: o->driver = arg; return 0;
	case OPT_LIST: o->list = true; return 0;
	case OPT_STRICT: o->strict = 1; return 0;
	case OPT_LENIENT: o->strict = 0; return 0;
	case 'v': o->verbose = true; return 0;
	case OPT_CASE:
		if (o->nb_filters == VT_MAX_FILTERS)
			return -1;
		o->filters[o->nb_filters++] = arg;
		return 0;
	case OPT_MAX_SIZE:
		return parse_number(arg, &o->max_size);
	case OPT_TIMEOUT:
		if (parse_number(arg, &v) != 0 || v == 0 || v > 3600000)
			return -1;
		o->timeout_ms = (unsigned int)v;
		return 0;
	}
	return -1;
}

/* App options come after "--"; they are parsed before EAL starts. */
static int
parse_opts(struct vt_opts *o, int argc, char **argv)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->driver = NULL;	/* chosen once EAL has probed: see pick_driver() */
	o->strict = -1;
	o->timeout_ms = VT_DEFAULT_TIMEOUT_MS;
	optind = 1;
	while ((c = getopt_long(argc, argv, "vh", long_opts, NULL)) != -1) {
		if (c == 'h') {
			usage(argv[0]);
			exit(0);
		}
		if (apply_opt(o, c, optarg) != 0) {
			usage(argv[0]);
			return -1;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "vcrypto-test: unexpected argument '%s'\n",
			argv[optind]);
		return -1;
	}
	optind = 1;	/* EAL runs getopt next */
	return 0;
}

static bool
selected(const struct vt_opts *o, const char *name)
{
	unsigned int i;

	if (o->nb_filters == 0)
		return true;
	for (i = 0; i < o->nb_filters; i++)
		if (strstr(name, o->filters[i]) != NULL)
			return true;
	return false;
}

static void
register_all(void)
{
	vt_register_ref_cases();
	vt_register_kat_cases();
	vt_register_kat_random_cases();
	vt_register_auth_cases();
	vt_register_chain_cases();
	vt_register_null_auth_cases();
	vt_register_aead_cases();
	vt_register_sgl_cases();
	vt_register_bad_input_cases();
	vt_register_bad_service_cases();
	vt_register_bad_burst_case();
	vt_register_session_cases();
	vt_register_rsa_cases();
	vt_register_ecdsa_cases();
	/* Last: it checks the counts every other case left behind. */
	vt_register_stats_case();
}

static unsigned int
run_cases(struct vt_ctx *ctx, const struct vt_opts *o)
{
	unsigned int i, n[3] = { 0, 0, 0 };
	enum vt_result r;

	for (i = 0; i < nb_cases; i++) {
		if (!selected(o, cases[i].name))
			continue;
		ctx->case_name = cases[i].name;
		ctx->case_strays = 0;
		ctx->reason[0] = '\0';
		r = cases[i].fn(ctx, cases[i].arg);
		if (r == VT_PASS)
			printf("PASS %s\n", cases[i].name);
		else
			printf("%s %s: %s\n", r == VT_FAIL ? "FAIL" : "SKIP",
				cases[i].name, ctx->reason);
		n[r]++;
	}
	ctx->case_name = NULL;
	printf("vcrypto-test: %u passed, %u failed, %u skipped\n",
		n[VT_PASS], n[VT_FAIL], n[VT_SKIP]);
	return n[VT_FAIL];
}

static int
find_dashdash(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0)
			return i;
	return argc;
}

static bool
has_device(const char *driver)
{
	uint8_t id;

	return rte_cryptodev_devices_get(driver, &id, 1) != 0;
}

/* Our PMD by default: on a virtio-crypto device, or else over the model. */
static const char *
pick_driver(const struct vt_opts *o)
{
	if (o->driver != NULL)
		return o->driver;
	if (has_device(VT_DEFAULT_DRIVER))
		return VT_DEFAULT_DRIVER;
	if (has_device(VT_MODEL_DRIVER))
		return VT_MODEL_DRIVER;
	if (has_device(VT_USER_DRIVER))
		return VT_USER_DRIVER;
	return VT_DEFAULT_DRIVER;
}

static bool
is_our_pmd(const char *driver)
{
	return strcmp(driver, VT_DEFAULT_DRIVER) == 0 ||
		strcmp(driver, VT_MODEL_DRIVER) == 0 ||
		strcmp(driver, VT_USER_DRIVER) == 0;
}

static void
list_cases(const struct vt_opts *o)
{
	unsigned int i;

	for (i = 0; i < nb_cases; i++)
		if (selected(o, cases[i].name))
			printf("%s\n", cases[i].name);
}

int
main(int argc, char **argv)
{
	static struct vt_ctx ctx;
	const char *driver;
	struct vt_opts o;
	int dd, ret;
	unsigned int failed;

	/* Results must survive a crash of the PMD under test. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	dd = find_dashdash(argc, argv);
	/* getopt wants a program name first: reuse the "--" slot. */
	if (dd < argc) {
		argv[dd] = argv[0];
		ret = parse_opts(&o, argc - dd, argv + dd);
	} else {
		ret = parse_opts(&o, 1, (char *[]){ argv[0], NULL });
	}
	if (ret != 0)
		return 2;
	register_all();
	if (o.list) {
		list_cases(&o);
		return 0;
	}
	ret = rte_eal_init(dd, argv);
	if (ret < 0) {
		fprintf(stderr, "vcrypto-test: EAL init failed\n");
		return 2;
	}
	driver = pick_driver(&o);
	ctx.strict = o.strict >= 0 ? o.strict != 0 : is_our_pmd(driver);
	ctx.verbose = o.verbose;
	ctx.max_size = o.max_size;
	ctx.timeout_cycles = rte_get_timer_hz() / 1000 * o.timeout_ms;
	if (vt_device_open(&ctx, driver) != 0) {
		rte_eal_cleanup();
		return 2;
	}
	failed = run_cases(&ctx, &o);
	vt_device_close(&ctx);
	rte_eal_cleanup();
	return failed == 0 ? 0 : 1;
}
