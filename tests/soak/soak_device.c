/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The device and the pools: one cryptodev (the model vdev) with a queue
 * pair per --qps, and pools sized so that the soak never runs them dry in
 * normal operation. At the end every object must be back in its pool.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_mbuf.h>

#include "soak.h"

#define QP_DESC 512
#define MBUF_DATA 4096		/* the largest image the soak builds */
#define MBUFS_PER_TMPL 16	/* average segments of a job, generously */
#define POOL_CACHE 64
#define SESS_SPARE 256		/* room for the concurrency mode's sessions */
#define OP_SPARE 256
#define TIMEOUT_MS 5000

static int
make_pools(struct soak *s)
{
	unsigned int priv = rte_cryptodev_sym_get_private_session_size(s->dev_id);
	unsigned int tmpls = s->o.qps * s->o.depth;

	s->sess_pool = rte_cryptodev_sym_session_pool_create("soak_sess",
			SOAK_MAX_SESS + SESS_SPARE, priv, 0, 0, SOCKET_ID_ANY);
	s->op_pool = rte_crypto_op_pool_create("soak_ops",
			RTE_CRYPTO_OP_TYPE_SYMMETRIC, tmpls + OP_SPARE, POOL_CACHE,
			SOAK_OP_PRIV, SOCKET_ID_ANY);
	s->mbuf_pool = rte_pktmbuf_pool_create("soak_mbuf",
			tmpls * MBUFS_PER_TMPL, POOL_CACHE, 0,
			RTE_PKTMBUF_HEADROOM + MBUF_DATA, SOCKET_ID_ANY);
	if (s->sess_pool == NULL || s->op_pool == NULL || s->mbuf_pool == NULL) {
		fprintf(stderr, "soak: pools: %s\n", rte_strerror(rte_errno));
		return -ENOMEM;
	}
	return 0;
}

int
soak_device_setup(struct soak *s, uint16_t nb_qps)
{
	struct rte_cryptodev_config conf = {
		.socket_id = SOCKET_ID_ANY,
		.nb_queue_pairs = nb_qps,
	};
	struct rte_cryptodev_qp_conf qc = {
		.nb_descriptors = QP_DESC,
		.mp_session = s->sess_pool,
	};
	unsigned int i;
	int ret;

	ret = rte_cryptodev_configure(s->dev_id, &conf);
	for (i = 0; i < nb_qps && ret == 0; i++)
		ret = rte_cryptodev_queue_pair_setup(s->dev_id, (uint16_t)i,
				&qc, SOCKET_ID_ANY);
	if (ret == 0)
		ret = rte_cryptodev_start(s->dev_id);
	if (ret != 0)
		fprintf(stderr, "soak: device setup (%u queue pairs): %d\n",
			nb_qps, ret);
	return ret;
}

/* What the guest test's helpers need to know, for every queue pair. */
static void
fill_ctx(struct soak *s, struct vt_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->dev_id = s->dev_id;
	ctx->nb_desc = QP_DESC;
	ctx->socket_id = SOCKET_ID_ANY;
	ctx->info = s->info;
	ctx->op_pool = s->op_pool;
	ctx->mbuf_pool = s->mbuf_pool;
	ctx->sess_pool = s->sess_pool;
	ctx->sess_cap = SOAK_MAX_SESS;
	ctx->timeout_cycles = rte_get_tsc_hz() / 1000 * TIMEOUT_MS;
	/* Our PMD hands bad ops back from dequeue with INVALID_ARGS. */
	ctx->strict = true;
}

int
soak_device_open(struct soak *s)
{
	uint8_t ids[RTE_CRYPTO_MAX_DEVS];
	unsigned int i;
	int ret;

	if (rte_cryptodev_devices_get("crypto_virtio", ids, RTE_DIM(ids)) == 0) {
		fprintf(stderr, "soak: no crypto_virtio device\n");
		return -ENODEV;
	}
	s->dev_id = ids[0];
	rte_cryptodev_info_get(s->dev_id, &s->info);
	if (s->info.max_nb_queue_pairs < s->o.qps) {
		fprintf(stderr, "soak: the device has %u queue pairs, not %u\n",
			s->info.max_nb_queue_pairs, s->o.qps);
		return -EINVAL;
	}
	ret = make_pools(s);
	if (ret == 0)
		ret = soak_device_setup(s, (uint16_t)s->o.qps);
	for (i = 0; i < s->o.qps && ret == 0; i++) {
		fill_ctx(s, &s->qp[i].ctx);
		ret = soak_qp_init(s, &s->qp[i], (uint16_t)i);
	}
	if (ret == 0)
		rte_cryptodev_stats_reset(s->dev_id);
	return ret;
}

static int
pool_full(struct rte_mempool *mp)
{
	unsigned int avail = rte_mempool_avail_count(mp);

	if (avail == mp->size)
		return 0;
	fprintf(stderr, "soak: pool %s: %u of %u objects back\n", mp->name,
		avail, mp->size);
	return -1;
}

/* Every op, mbuf and session back where it came from. */
int
soak_pools_full(struct soak *s)
{
	int ret = 0;

	ret |= pool_full(s->op_pool);
	ret |= pool_full(s->mbuf_pool);
	ret |= pool_full(s->sess_pool);
	return ret;
}

/* The device's own counts against ours. */
int
soak_device_check_stats(struct soak *s)
{
	struct rte_cryptodev_stats st;
	uint64_t enq = 0, deq = 0;
	unsigned int i;
	int ret = 0;

	for (i = 0; i < s->o.qps; i++) {
		enq += s->qp[i].c.enqueued;
		deq += s->qp[i].c.dequeued;
	}
	if (rte_cryptodev_stats_get(s->dev_id, &st) != 0 ||
			st.enqueued_count != enq || st.dequeued_count != deq) {
		fprintf(stderr, "soak: device stats: enqueued %" PRIu64 " dequeued %" PRIu64 ", the soak counted %" PRIu64 " and %" PRIu64 "\n",
			st.enqueued_count, st.dequeued_count, enq, deq);
		ret = -1;
	}
	printf("# device stats: enqueued %" PRIu64 ", dequeued %" PRIu64 ", enqueue errors %" PRIu64 ", dequeue errors %" PRIu64 "\n",
		st.enqueued_count, st.dequeued_count, st.enqueue_err_count,
		st.dequeue_err_count);
	return ret;
}

int
soak_device_close(struct soak *s)
{
	rte_cryptodev_stop(s->dev_id);
	return rte_cryptodev_close(s->dev_id) != 0 ? -1 : 0;
}
