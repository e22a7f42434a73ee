/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cryptodev_pmd.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_string_fns.h>

#include "virtio_crypto_dev.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_mp.h"

#define VCRYPTO_MP_ACTION "vcrypto_mp"
/*
 * Long enough for a secondary to finish the bursts it is in; what a
 * close waits for each secondary that does not answer (one without this
 * driver).
 */
#define VCRYPTO_MP_TIMEOUT_S 2

enum vcrypto_mp_op {
	VCRYPTO_MP_FENCE = 1,
	VCRYPTO_MP_UNFENCE = 2,
	VCRYPTO_MP_REMOVE = 3,
};

struct vcrypto_mp_request {
	uint32_t op;			/* enum vcrypto_mp_op */
	char name[RTE_CRYPTODEV_NAME_MAX_LEN];	/* the cryptodev's */
};

struct vcrypto_mp_answer {
	int32_t result;			/* 0, or a negative errno */
};

static_assert(sizeof(struct vcrypto_mp_request) <= RTE_MP_MAX_PARAM_LEN,
	      "the request fits a message");

/* Ask every secondary; -EBUSY if one says it could not. */
static int
ask_secondaries(const struct rte_cryptodev *dev, enum vcrypto_mp_op op)
{
	struct rte_mp_msg msg;
	struct rte_mp_reply reply;
	struct timespec ts = { .tv_sec = VCRYPTO_MP_TIMEOUT_S };
	struct vcrypto_mp_request *req = (void *)msg.param;
	int i, refused = 0;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return 0;
	memset(&msg, 0, sizeof(msg));
	memset(&reply, 0, sizeof(reply));
	rte_strscpy(msg.name, VCRYPTO_MP_ACTION, sizeof(msg.name));
	req->op = op;
	rte_strscpy(req->name, dev->data->name, sizeof(req->name));
	msg.len_param = sizeof(*req);
	if (rte_mp_request_sync(&msg, &reply, &ts) != 0) {
		/* ENOTSUP: no shared config, so there are no secondaries. */
		if (rte_errno != ENOTSUP)
			VCRYPTO_DEV_LOG(WARNING, dev->data->name,
				"cannot ask the secondary processes: %s",
				rte_strerror(rte_errno));
		return 0;
	}
	if (reply.nb_received < reply.nb_sent)
		VCRYPTO_DEV_LOG(INFO, dev->data->name,
			"%d of %d secondary processes did not answer (without "
			"this driver, they cannot use the device)",
			reply.nb_sent - reply.nb_received, reply.nb_sent);
	for (i = 0; i < reply.nb_received; i++) {
		const struct vcrypto_mp_answer *a =
			(const void *)reply.msgs[i].param;

		if (reply.msgs[i].len_param < (int)sizeof(*a) || a->result != 0)
			refused++;
	}
	free(reply.msgs);
	if (refused != 0)
		VCRYPTO_DEV_LOG(ERR, dev->data->name,
			"%d secondary processes are still in a burst", refused);
	return refused != 0 ? -EBUSY : 0;
}

int
vcrypto_mp_fence_secondaries(const struct rte_cryptodev *dev)
{
	return ask_secondaries(dev, VCRYPTO_MP_FENCE);
}

void
vcrypto_mp_unfence_secondaries(const struct rte_cryptodev *dev)
{
	ask_secondaries(dev, VCRYPTO_MP_UNFENCE);
}

void
vcrypto_mp_remove_secondaries(const struct rte_cryptodev *dev)
{
	ask_secondaries(dev, VCRYPTO_MP_REMOVE);
}

static int32_t
serve(const struct vcrypto_mp_request *req)
{
	char name[RTE_CRYPTODEV_NAME_MAX_LEN];
	struct rte_cryptodev *dev;

	rte_strscpy(name, req->name, sizeof(name));
	dev = rte_cryptodev_pmd_get_named_dev(name);
	/* Not attached here: nothing here can be using it. */
	if (dev == NULL || dev->driver_id != vcrypto_driver_id)
		return 0;
	switch (req->op) {
	case VCRYPTO_MP_FENCE:
		return vcrypto_secondary_fence(dev);
	case VCRYPTO_MP_UNFENCE:
		vcrypto_secondary_unfence(dev);
		return 0;
	case VCRYPTO_MP_REMOVE:
		return vcrypto_secondary_forget(dev);
	default:
		return -EINVAL;
	}
}

/* In a secondary's multi-process thread. */
static int
answer(const struct rte_mp_msg *msg, const void *peer)
{
	struct rte_mp_msg ans;
	struct vcrypto_mp_answer *a = (void *)ans.param;

	memset(&ans, 0, sizeof(ans));
	rte_strscpy(ans.name, msg->name, sizeof(ans.name));
	ans.len_param = sizeof(*a);
	a->result = msg->len_param < (int)sizeof(struct vcrypto_mp_request) ?
		-EINVAL : serve((const void *)msg->param);
	return rte_mp_reply(&ans, peer);
}

int
vcrypto_mp_secondary_init(void)
{
	if (rte_mp_action_register(VCRYPTO_MP_ACTION, answer) == 0 ||
	    rte_errno == EEXIST)
		return 0;
	return -rte_errno;
}
