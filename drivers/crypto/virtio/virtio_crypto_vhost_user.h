/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VIRTIO_CRYPTO_VHOST_USER_H
#define VIRTIO_CRYPTO_VHOST_USER_H

/*
 * The front-end side of the vhost-user protocol, as far as a crypto
 * device needs it: one connection on a unix socket, requests with their
 * file descriptors, replies read with a bound. Nothing here knows the
 * driver; the crypto_virtio_user transport drives it.
 */

#include <stdbool.h>
#include <stdint.h>

/* vhost-user request codes (the protocol's numbering). */
enum vhu_request {
	VHU_GET_FEATURES = 1,
	VHU_SET_FEATURES = 2,
	VHU_SET_OWNER = 3,
	VHU_SET_MEM_TABLE = 5,
	VHU_SET_VRING_NUM = 8,
	VHU_SET_VRING_ADDR = 9,
	VHU_SET_VRING_BASE = 10,
	VHU_GET_VRING_BASE = 11,
	VHU_SET_VRING_KICK = 12,
	VHU_SET_VRING_CALL = 13,
	VHU_GET_PROTOCOL_FEATURES = 15,
	VHU_SET_PROTOCOL_FEATURES = 16,
	VHU_GET_QUEUE_NUM = 17,
	VHU_SET_VRING_ENABLE = 18,
	VHU_GET_CONFIG = 24,
	VHU_CREATE_CRYPTO_SESSION = 26,
	VHU_CLOSE_CRYPTO_SESSION = 27,
};

/* Protocol feature bits. */
#define VHU_PROTOCOL_F_MQ 0
#define VHU_PROTOCOL_F_REPLY_ACK 3
#define VHU_PROTOCOL_F_CRYPTO_SESSION 7
#define VHU_PROTOCOL_F_CONFIG 9
/* The virtio feature bit that says protocol features exist. */
#define VHU_F_PROTOCOL_FEATURES 30

/* What a SET_MEM_TABLE carries at most (the protocol's fd limit). */
#define VHU_MAX_REGIONS 8

struct vhu_region {
	uint64_t addr;		/* device address = our virtual address */
	uint64_t size;
	uint64_t mmap_offset;	/* of addr within fd */
	int fd;
};

/*
 * Two layouts of CREATE_CRYPTO_SESSION are in use, of the same size:
 * DPDK 22.11's VhostUserCryptoSessionParam (session id, op_code, then the
 * session fields) and QEMU 7.1+'s, which has no op_code (every scalar
 * field 4 bytes earlier). The message cannot say which: the front-end
 * must send what its back-end reads.
 */
enum vhu_session_layout {
	VHU_SESSION_DPDK2211,
	VHU_SESSION_QEMU71,
};

/* A symmetric session as the vhost-user message describes it. */
struct vhu_session {
	uint32_t cipher_algo;	/* VIRTIO_CRYPTO_CIPHER_* */
	uint32_t cipher_key_len;
	uint32_t hash_algo;	/* VIRTIO_CRYPTO_HASH_* / _MAC_* */
	uint32_t digest_len;
	uint32_t auth_key_len;
	uint32_t aad_len;
	uint8_t op_type;	/* VIRTIO_CRYPTO_SYM_OP_* */
	uint8_t dir;		/* VIRTIO_CRYPTO_OP_ENCRYPT/DECRYPT */
	uint8_t hash_mode;	/* VIRTIO_CRYPTO_SYM_HASH_MODE_* */
	uint8_t chain_order;	/* VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_* */
	const uint8_t *cipher_key;
	const uint8_t *auth_key;
};

/* Largest keys the session message has room for. */
#define VHU_MAX_CIPHER_KEY 64
#define VHU_MAX_AUTH_KEY 512

struct vhu_conn {
	int fd;			/* -1: not connected */
	int listen_fd;		/* server mode; -1: not listening */
	uint32_t timeout_ms;	/* bound on each reply */
	uint64_t protocol_features;	/* negotiated */
};

/*
 * Connect to path: as a client (the back-end listens), or as a server
 * (listen on path, wait for the back-end to connect). Both give up after
 * timeout_ms. 0 or a negative errno.
 */
int vhu_connect(struct vhu_conn *c, const char *path, bool server,
		uint32_t timeout_ms);
void vhu_disconnect(struct vhu_conn *c);
/* Server mode: stop listening and remove the socket file. */
void vhu_stop_listening(struct vhu_conn *c, const char *path);

static inline bool
vhu_has_protocol_feature(const struct vhu_conn *c, unsigned int bit)
{
	return (c->protocol_features >> bit) & 1;
}

/* GET_FEATURES, GET_PROTOCOL_FEATURES, GET_QUEUE_NUM. */
int vhu_get_u64(struct vhu_conn *c, enum vhu_request req, uint64_t *v);
/* SET_FEATURES, SET_PROTOCOL_FEATURES, SET_OWNER (v ignored). */
int vhu_set_u64(struct vhu_conn *c, enum vhu_request req, uint64_t v);
int vhu_set_mem_table(struct vhu_conn *c, const struct vhu_region *r,
		      unsigned int n);
/* SET_VRING_NUM, SET_VRING_BASE, SET_VRING_ENABLE. */
int vhu_set_vring_state(struct vhu_conn *c, enum vhu_request req,
			unsigned int index, unsigned int num);
/* Stops the ring in the back-end; *base: where it stopped. */
int vhu_get_vring_base(struct vhu_conn *c, unsigned int index,
		       unsigned int *base);
int vhu_set_vring_addr(struct vhu_conn *c, unsigned int index,
		       uint64_t desc, uint64_t avail, uint64_t used);
/* SET_VRING_KICK, SET_VRING_CALL; fd < 0: none (polling). */
int vhu_set_vring_fd(struct vhu_conn *c, enum vhu_request req,
		     unsigned int index, int fd);
/*
 * The device config, len bytes from offset 0. -ENOTSUP when the back-end
 * does not give it (not offered, or refused).
 */
int vhu_get_config(struct vhu_conn *c, void *buf, uint32_t len);
/*
 * Create a session: *id is the back-end's id, or a negative
 * VIRTIO_CRYPTO_* status for one it refused. Returns 0 once answered.
 */
int vhu_create_session(struct vhu_conn *c, enum vhu_session_layout layout,
		       const struct vhu_session *s, int64_t *id);
/* 0, -EINVAL when the back-end refused (it says so only with REPLY_ACK). */
int vhu_close_session(struct vhu_conn *c, uint64_t id);

#endif /* VIRTIO_CRYPTO_VHOST_USER_H */
