/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_LOGS_H
#define VIRTIO_CRYPTO_LOGS_H

#include <rte_log.h>

extern int vcrypto_logtype;

#define VCRYPTO_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, vcrypto_logtype, "%s(): " fmt "\n", \
		__func__, ##__VA_ARGS__)

#define VCRYPTO_DEV_LOG(level, name, fmt, ...) \
	VCRYPTO_LOG(level, "%s: " fmt, name, ##__VA_ARGS__)

#endif /* VIRTIO_CRYPTO_LOGS_H */
