/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_USER_H
#define VIRTIO_CRYPTO_USER_H

/*
 * The vhost-user transport: the device is a vhost-user crypto back-end
 * on a unix socket. Its virtio status and config live here; queues are
 * handed to the back-end with the memory they sit in; control requests
 * become the protocol's session messages.
 */

#include <stdbool.h>
#include <stdint.h>
#include <sys/un.h>

#include "virtio_crypto_vhost_user.h"

struct vcrypto_hw;

struct vcrypto_user_args {
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	bool server;			/* we listen, the back-end connects */
	uint16_t queues;		/* data queues */
	uint16_t queue_size;		/* entries per data queue */
	enum vhu_session_layout layout;
	uint32_t timeout_ms;		/* connect, and each reply */
};

/*
 * Connect and set the back-end up: the transport of hw. 0 or a negative
 * errno (nothing left open).
 */
int vcrypto_user_attach(struct vcrypto_hw *hw,
			const struct vcrypto_user_args *args);

#endif /* VIRTIO_CRYPTO_USER_H */
