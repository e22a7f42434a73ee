/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/* Finding, configuring and starting the cryptodev, and the pools. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include "vcrypto_test.h"

#define VT_NB_MBUFS 8192
#define VT_NB_OPS 8192
#define VT_MBUF_DATA 4096	/* largest KAT buffer plus margin */
#define VT_WANT_DESC 512
#define VT_MIN_DESC 16
#define VT_SESS_CAP_DEFAULT 4096	/* QEMU's device holds 256, the model 1024 */
#define VT_SESS_CAP_MAX 65536
#define VT_SESS_SPARE 64
#define VT_NB_ASYM_OPS 64
#define VT_NB_ASYM_SESS 32	/* one live at a time, plus those of lost ops */

static int
find_device(struct vt_ctx *ctx, const char *driver)
{
	uint8_t ids[RTE_CRYPTO_MAX_DEVS];

	if (rte_cryptodev_devices_get(driver, ids, RTE_DIM(ids)) == 0) {
		fprintf(stderr, "vcrypto-test: no cryptodev with driver '%s'\n",
			driver);
		return -ENODEV;
	}
	ctx->dev_id = ids[0];
	ctx->qp_id = 0;
	ctx->socket_id = rte_cryptodev_socket_id(ctx->dev_id);
	if (ctx->socket_id < 0)
		ctx->socket_id = (int)rte_socket_id();
	rte_cryptodev_info_get(ctx->dev_id, &ctx->info);
	return 0;
}

/*
 * Room for the session-limit case: past the advertised maximum (or a
 * guess when the PMD claims none), plus what other cases hold meanwhile.
 */
static int
make_session_pool(struct vt_ctx *ctx)
{
	unsigned int max = ctx->info.sym.max_nb_sessions;
	unsigned int priv = rte_cryptodev_sym_get_private_session_size(ctx->dev_id);

	ctx->sess_cap = max == 0 ? VT_SESS_CAP_DEFAULT :
		RTE_MIN(max + 16, (unsigned int)VT_SESS_CAP_MAX);
	ctx->sess_pool = rte_cryptodev_sym_session_pool_create("vt_sess",
			ctx->sess_cap + VT_SESS_SPARE, priv, 0, 0,
			ctx->socket_id);
	if (ctx->sess_pool == NULL) {
		fprintf(stderr, "vcrypto-test: session pool: %s\n",
			rte_strerror(rte_errno));
		return -ENOMEM;
	}
	return 0;
}

static int
make_data_pools(struct vt_ctx *ctx)
{
	if (ctx->info.min_mbuf_headroom_req > RTE_PKTMBUF_HEADROOM ||
			ctx->info.min_mbuf_tailroom_req > 0)
		printf("# warning: device wants mbuf headroom %u tailroom %u\n",
			ctx->info.min_mbuf_headroom_req,
			ctx->info.min_mbuf_tailroom_req);
	ctx->op_pool = rte_crypto_op_pool_create("vt_ops",
			RTE_CRYPTO_OP_TYPE_SYMMETRIC, VT_NB_OPS, 0, VT_MAX_IV,
			ctx->socket_id);
	ctx->mbuf_pool = rte_pktmbuf_pool_create("vt_mbuf", VT_NB_MBUFS, 0, 0,
			RTE_PKTMBUF_HEADROOM + VT_MBUF_DATA, ctx->socket_id);
	if (ctx->op_pool == NULL || ctx->mbuf_pool == NULL) {
		fprintf(stderr, "vcrypto-test: op/mbuf pool: %s\n",
			rte_strerror(rte_errno));
		return -ENOMEM;
	}
	return 0;
}

/*
 * Pools of their own for the RSA cases, so the symmetric ones see the
 * same pools as ever. Made only when the PMD claims asymmetric crypto,
 * and a failure only makes those cases fail: the rest still runs.
 */
static void
make_asym_pools(struct vt_ctx *ctx)
{
	if ((ctx->info.feature_flags & RTE_CRYPTODEV_FF_ASYMMETRIC_CRYPTO) == 0)
		return;
	ctx->asym_op_pool = rte_crypto_op_pool_create("vt_asym_ops",
			RTE_CRYPTO_OP_TYPE_ASYMMETRIC, VT_NB_ASYM_OPS, 0, 0,
			ctx->socket_id);
	/* Sized for the largest asym session of any device probed now. */
	ctx->asym_sess_pool = rte_cryptodev_asym_session_pool_create(
			"vt_asym_sess", VT_NB_ASYM_SESS, 0, 0, ctx->socket_id);
	if (ctx->asym_op_pool == NULL || ctx->asym_sess_pool == NULL)
		printf("# warning: asymmetric op/session pool: %s\n",
			rte_strerror(rte_errno));
}

/* The wanted queue depth, or the largest the PMD accepts below it. */
static int
setup_queue_pair(struct vt_ctx *ctx)
{
	struct rte_cryptodev_qp_conf qc;
	uint32_t n;
	int ret = -EINVAL;

	for (n = VT_WANT_DESC; n >= VT_MIN_DESC; n /= 2) {
		memset(&qc, 0, sizeof(qc));
		qc.nb_descriptors = n;
		qc.mp_session = ctx->sess_pool;
		ret = rte_cryptodev_queue_pair_setup(ctx->dev_id, ctx->qp_id,
				&qc, ctx->socket_id);
		if (ret == 0) {
			ctx->nb_desc = n;
			return 0;
		}
	}
	fprintf(stderr, "vcrypto-test: queue pair setup failed: %d\n", ret);
	return ret;
}

int
vt_device_open(struct vt_ctx *ctx, const char *driver)
{
	struct rte_cryptodev_config conf;
	int ret;

	ret = find_device(ctx, driver);
	if (ret != 0)
		return ret;
	memset(&conf, 0, sizeof(conf));
	conf.socket_id = ctx->socket_id;
	conf.nb_queue_pairs = 1;
	ret = rte_cryptodev_configure(ctx->dev_id, &conf);
	if (ret != 0) {
		fprintf(stderr, "vcrypto-test: configure failed: %d\n", ret);
		return ret;
	}
	ret = make_session_pool(ctx);
	if (ret == 0)
		ret = make_data_pools(ctx);
	if (ret == 0) {
		make_asym_pools(ctx);
		ret = setup_queue_pair(ctx);
	}
	if (ret != 0)
		return ret;
	ret = rte_cryptodev_start(ctx->dev_id);
	if (ret != 0) {
		fprintf(stderr, "vcrypto-test: start failed: %d\n", ret);
		return ret;
	}
	/* The stats case compares the device's counts with our own. */
	rte_cryptodev_stats_reset(ctx->dev_id);
	printf("# device %u (%s), queue pair %u with %u descriptors, max sessions %u%s\n",
		ctx->dev_id, ctx->info.driver_name, ctx->qp_id, ctx->nb_desc,
		ctx->info.sym.max_nb_sessions,
		ctx->info.sym.max_nb_sessions == 0 ? " (no limit claimed)" : "");
	return 0;
}

void
vt_device_close(struct vt_ctx *ctx)
{
	rte_cryptodev_stop(ctx->dev_id);
	rte_cryptodev_close(ctx->dev_id);
	/* Pools stay if ops were lost: the PMD may still point into them. */
	if (ctx->nb_lost != 0)
		return;
	rte_mempool_free(ctx->sess_pool);
	rte_mempool_free(ctx->op_pool);
	rte_mempool_free(ctx->mbuf_pool);
	rte_mempool_free(ctx->big_pool);
	rte_mempool_free(ctx->asym_sess_pool);
	rte_mempool_free(ctx->asym_op_pool);
}
