/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The crypto_virtio_user vdev: the PMD on a vhost-user crypto back-end,
 * e.g. --vdev crypto_virtio_user0,path=/run/vhost-crypto.sock. Devargs,
 * probe and remove; the transport is virtio_crypto_user.c.
 */

#include <errno.h>
#include <string.h>

#include <bus_vdev_driver.h>
#include <cryptodev_pmd.h>
#include <rte_errno.h>
#include <rte_kvargs.h>
#include <rte_lcore.h>

#include "virtio_crypto_dev.h"
#include "virtio_crypto_devargs.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_user.h"

#define USER_DRIVER_NAME crypto_virtio_user

#define ARG_PATH "path"
#define ARG_QUEUES "queues"
#define ARG_QUEUE_SIZE "queue_size"
#define ARG_SERVER "server"
#define ARG_SESSION_LAYOUT "session_layout"

#define VCRYPTO_USER_DEVARGS_HELP \
	ARG_PATH "=<socket> " ARG_QUEUES "=<n> " ARG_QUEUE_SIZE "=<n> " \
	ARG_SERVER "=<0|1> " ARG_SESSION_LAYOUT "=<dpdk2211|qemu71> " \
	VCRYPTO_DEVARGS_HELP

#define DEFAULT_QUEUE_SIZE 1024
/* vrings a back-end is asked for at most (DPDK's vhost takes 128 pairs) */
#define MAX_QUEUES 64

static const char * const user_own_keys[] = {
	ARG_PATH, ARG_QUEUES, ARG_QUEUE_SIZE, ARG_SERVER, ARG_SESSION_LAYOUT,
};

/* Ours and then the driver's, so no driver devarg is missed. */
static const char *user_keys[RTE_DIM(user_own_keys) + 16];

RTE_INIT(user_keys_init)
{
	vcrypto_devarg_keys_with(user_own_keys, RTE_DIM(user_own_keys),
				 user_keys, RTE_DIM(user_keys));
}

static int
path_arg(const char *key __rte_unused, const char *value, void *out)
{
	struct vcrypto_user_args *a = out;

	if (value == NULL || *value == '\0' || strlen(value) >= sizeof(a->path))
		return -EINVAL;
	strcpy(a->path, value);
	return 0;
}

static int
layout_arg(const char *key __rte_unused, const char *value, void *out)
{
	enum vhu_session_layout *layout = out;

	if (value == NULL)
		return -EINVAL;
	if (strcmp(value, "dpdk2211") == 0)
		*layout = VHU_SESSION_DPDK2211;
	else if (strcmp(value, "qemu71") == 0)
		*layout = VHU_SESSION_QEMU71;
	else
		return -EINVAL;
	return 0;
}

static int
user_args(struct rte_kvargs *kv, struct vcrypto_user_args *a)
{
	uint32_t queues = 1, size = DEFAULT_QUEUE_SIZE, server = 0;

	if (rte_kvargs_count(kv, ARG_PATH) != 1 ||
	    rte_kvargs_process(kv, ARG_PATH, path_arg, a) < 0 ||
	    rte_kvargs_process(kv, ARG_QUEUES, vcrypto_kvarg_u32, &queues) < 0 ||
	    rte_kvargs_process(kv, ARG_QUEUE_SIZE, vcrypto_kvarg_u32,
			       &size) < 0 ||
	    rte_kvargs_process(kv, ARG_SERVER, vcrypto_kvarg_u32, &server) < 0 ||
	    rte_kvargs_process(kv, ARG_SESSION_LAYOUT, layout_arg,
			       &a->layout) < 0)
		return -EINVAL;
	/* A power of two the split ring can index, as virtio requires. */
	if (queues == 0 || queues > MAX_QUEUES || server > 1 || size < 2 ||
	    size > 32768 || (size & (size - 1)) != 0)
		return -EINVAL;
	a->queues = (uint16_t)queues;
	a->queue_size = (uint16_t)size;
	a->server = server != 0;
	return 0;
}

static int
parse_args(const char *args, struct vcrypto_user_args *a,
	   struct vcrypto_options *o)
{
	struct rte_kvargs *kv;
	int ret;

	memset(a, 0, sizeof(*a));
	/* What DPDK 22.11's vhost library reads, unpatched. */
	a->layout = VHU_SESSION_DPDK2211;
	vcrypto_options_default(o);
	if (args == NULL)
		return -EINVAL;
	kv = rte_kvargs_parse(args, user_keys);
	if (kv == NULL)
		return -EINVAL;
	ret = user_args(kv, a);
	if (ret == 0)
		ret = vcrypto_options_parse(kv, o);
	rte_kvargs_free(kv);
	a->timeout_ms = o->ctrl_timeout_ms;
	return ret;
}

static int
user_attach(struct vcrypto_hw *hw, void *args)
{
	return vcrypto_user_attach(hw, args);
}

/*
 * Another process cannot use our connection or kick fds: a secondary
 * sees the device, and drives no queue.
 */
static vq_notify_fn
user_secondary_map(const struct vcrypto_hw *hw __rte_unused,
		   struct rte_device *device __rte_unused)
{
	return NULL;
}

static int
user_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev);
	struct vcrypto_user_args args;
	struct vcrypto_options opts;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return vcrypto_dev_attach_secondary(&vdev->device,
						    user_secondary_map, NULL);
	if (parse_args(rte_vdev_device_args(vdev), &args, &opts) != 0) {
		VCRYPTO_LOG(ERR, "%s: bad devargs (path= is required): %s",
			    name, VCRYPTO_USER_DEVARGS_HELP);
		return -EINVAL;
	}
	if (vcrypto_dev_create(&vdev->device, (int)rte_socket_id(), &opts,
			       user_attach, &args) == NULL)
		return -rte_errno;
	return 0;
}

static int
user_remove(struct rte_vdev_device *vdev)
{
	return vcrypto_vdev_remove(rte_vdev_device_name(vdev));
}

static struct rte_vdev_driver user_vdev_driver = {
	.probe = user_probe,
	.remove = user_remove,
};

RTE_PMD_REGISTER_VDEV(USER_DRIVER_NAME, user_vdev_driver);
RTE_PMD_REGISTER_PARAM_STRING(USER_DRIVER_NAME, VCRYPTO_USER_DEVARGS_HELP);
