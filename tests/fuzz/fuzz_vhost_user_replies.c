/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * What a vhost-user back-end writes back, as the front-end of
 * crypto_virtio_user reads it (virtio_crypto_vhost_user.c): the input,
 * after a first byte that picks the negotiated protocol features and the
 * session layout, is everything the back-end sends on the connection. The
 * front-end then makes the requests of a device's life, in order (features,
 * protocol features, config, a session, a ring's base, a close), each
 * reading its reply from that stream, until one fails. Checks: a call
 * that fails with anything but a refusal leaves the connection closed
 * (nothing after it could line up), and a closed connection stays so;
 * ASan: no read past what was received. What the values mean is the
 * unit test's business (tests/unit/test_vhost_user.c).
 */

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include <linux/virtio_crypto.h>

#include "fz_common.h"
#include "virtio_crypto_vhost_user.h"

/* More than this could block our own write into the socket. */
#define MAX_STREAM 65536

/* 0, or a refusal the back-end acknowledged: the connection stays. */
static void
after(const struct vhu_conn *c, int ret, const char *what)
{
	if (ret == 0 || ret == -EINVAL || ret == -ENOTSUP)
		FZ_CHECK(c->fd >= 0 || ret == -ENOTSUP,
			 "%s: %d, yet the connection is gone", what, ret);
	else
		FZ_CHECK(c->fd < 0, "%s failed (%d), connection left open",
			 what, ret);
}

static void
session(struct vhu_conn *c, enum vhu_session_layout layout)
{
	static const uint8_t key[64];
	struct vhu_session s = {
		.cipher_algo = VIRTIO_CRYPTO_CIPHER_AES_CBC,
		.cipher_key_len = 16,
		.hash_algo = VIRTIO_CRYPTO_MAC_HMAC_SHA1,
		.digest_len = 20,
		.auth_key_len = 64,
		.op_type = VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING,
		.dir = VIRTIO_CRYPTO_OP_ENCRYPT,
		.hash_mode = VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH,
		.chain_order = VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH,
		.cipher_key = key,
		.auth_key = key,
	};
	int64_t id;

	/* Any id may come back, INT64_MIN included: the transport judges. */
	after(c, vhu_create_session(c, layout, &s, &id), "create session");
}

static void
life(struct vhu_conn *c, enum vhu_session_layout layout)
{
	struct virtio_crypto_config cfg;
	unsigned int base;
	uint64_t v;
	int ret;

	ret = vhu_get_u64(c, VHU_GET_FEATURES, &v);
	after(c, ret, "GET_FEATURES");
	ret = vhu_get_u64(c, VHU_GET_PROTOCOL_FEATURES, &v);
	after(c, ret, "GET_PROTOCOL_FEATURES");
	ret = vhu_set_u64(c, VHU_SET_FEATURES, 1ULL << 32);
	after(c, ret, "SET_FEATURES");
	ret = vhu_get_config(c, &cfg, sizeof(cfg));
	after(c, ret, "GET_CONFIG");
	session(c, layout);
	ret = vhu_get_vring_base(c, 0, &base);
	after(c, ret, "GET_VRING_BASE");
	ret = vhu_close_session(c, 1);
	after(c, ret, "CLOSE_CRYPTO_SESSION");
	if (c->fd < 0)
		FZ_CHECK(vhu_get_u64(c, VHU_GET_FEATURES, &v) == -ENOTCONN,
			 "closed connection used again");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vhu_conn c = { .fd = -1, .listen_fd = -1, .timeout_ms = 0 };
	int sv[2];

	if (size == 0 || size > MAX_STREAM + 1)
		return 0;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return 0;
	/* Room for the whole stream, and for what we send. */
	setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &(int){ 4 * MAX_STREAM },
		   sizeof(int));
	if (write(sv[1], data + 1, size - 1) != (ssize_t)(size - 1)) {
		close(sv[0]);
		close(sv[1]);
		return 0;
	}
	/* Then the back-end is silent: a read past it ends, not waits. */
	shutdown(sv[1], SHUT_WR);
	c.fd = sv[0];
	if (data[0] & 1)
		c.protocol_features |= 1ULL << VHU_PROTOCOL_F_REPLY_ACK;
	if (data[0] & 2)
		c.protocol_features |= 1ULL << VHU_PROTOCOL_F_CONFIG;
	life(&c, data[0] & 4 ? VHU_SESSION_QEMU71 : VHU_SESSION_DPDK2211);
	vhu_disconnect(&c);
	close(sv[1]);
	return 0;
}
