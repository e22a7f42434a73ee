/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The vhost-user front-end messages (virtio_crypto_vhost_user.c) against
 * a scripted back-end on a real unix socket, without EAL or threads: each
 * reply is written into the socket before the call that reads it, and
 * the request the call sent is read back and checked byte by byte. What
 * a back-end writes is not trusted: replies to the wrong request, without
 * the reply flag, too long, too short, or never coming close the
 * connection with an error; a refusal acknowledged with REPLY_ACK does
 * not.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <linux/virtio_crypto.h>

#include "check.h"
#include "virtio_crypto_vhost_user.h"

#define HDR 12
#define REPLY_FLAGS 0x5		/* version 1, reply */
#define ACK_WANTED 0x8

static char path[80];
static int lfd = -1;		/* the back-end's listening socket */
static int bfd = -1;		/* the back-end's end of the connection */
static struct vhu_conn conn;

struct req {
	uint32_t request, flags, size;
	uint8_t payload[1024];
	int fds[VHU_MAX_REGIONS];
	unsigned int nfds;
};

static void
put32(uint8_t *b, size_t off, uint32_t v)
{
	memcpy(b + off, &v, sizeof(v));
}

static uint32_t
get32(const uint8_t *b, size_t off)
{
	uint32_t v;

	memcpy(&v, b + off, sizeof(v));
	return v;
}

/* A connected pair, nothing in flight, no protocol features. */
static void
fresh(void)
{
	vhu_disconnect(&conn);
	if (bfd >= 0)
		close(bfd);
	conn = (struct vhu_conn){ .fd = -1, .listen_fd = -1,
				  .timeout_ms = 200 };
	if (vhu_connect(&conn, path, false, 1000) != 0) {
		CHECK(false, "connect");
		exit(1);
	}
	bfd = accept(lfd, NULL, NULL);
}

/* What the back-end writes: a header and payload, as given. */
static void
reply(uint32_t request, uint32_t flags, uint32_t size, const void *payload,
      size_t len)
{
	uint8_t b[HDR + 1024];

	put32(b, 0, request);
	put32(b, 4, flags);
	put32(b, 8, size);
	memcpy(b + HDR, payload, len);
	if (write(bfd, b, HDR + len) != (ssize_t)(HDR + len))
		CHECK(false, "scripted reply written");
}

static void
reply_u64(uint32_t request, uint64_t v)
{
	reply(request, REPLY_FLAGS, 8, &v, 8);
}

/* The request the front-end sent, with its descriptors. */
static bool
read_req(struct req *r)
{
	char control[CMSG_SPACE(sizeof(int) * VHU_MAX_REGIONS)];
	uint8_t b[HDR];
	struct iovec iov = { b, HDR };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = control,
			     .msg_controllen = sizeof(control) };
	struct cmsghdr *cm;

	memset(r, 0, sizeof(*r));
	if (recvmsg(bfd, &mh, MSG_DONTWAIT) != HDR)
		return false;
	r->request = get32(b, 0);
	r->flags = get32(b, 4);
	r->size = get32(b, 8);
	for (cm = CMSG_FIRSTHDR(&mh); cm != NULL; cm = CMSG_NXTHDR(&mh, cm))
		if (cm->cmsg_type == SCM_RIGHTS) {
			r->nfds = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			memcpy(r->fds, CMSG_DATA(cm), r->nfds * sizeof(int));
		}
	return r->size <= sizeof(r->payload) &&
		(r->size == 0 || recv(bfd, r->payload, r->size, MSG_DONTWAIT) ==
		 (ssize_t)r->size);
}

static bool
nothing_sent(void)
{
	uint8_t b;

	return recv(bfd, &b, 1, MSG_DONTWAIT) < 0 && errno == EAGAIN;
}

static void
test_get(void)
{
	struct req r;
	uint64_t v = 0;

	fresh();
	reply_u64(VHU_GET_FEATURES, 0x140000000ULL);
	CHECK(vhu_get_u64(&conn, VHU_GET_FEATURES, &v) == 0 &&
	      v == 0x140000000ULL, "GET_FEATURES returns the reply's value");
	CHECK(read_req(&r) && r.request == VHU_GET_FEATURES && r.flags == 1 &&
	      r.size == 0 && r.nfds == 0, "GET_FEATURES: header only, version 1");
}

/* Each bad reply closes the connection: nothing after it lines up. */
static void
test_bad_replies(void)
{
	uint8_t big[300] = { 0 };
	uint64_t v;

	fresh();
	reply_u64(VHU_GET_PROTOCOL_FEATURES, 1);
	CHECK(vhu_get_u64(&conn, VHU_GET_FEATURES, &v) == -EPROTO &&
	      conn.fd < 0, "reply to another request: EPROTO, closed");
	fresh();
	reply(VHU_GET_FEATURES, 0x1, 8, &v, 8);
	CHECK(vhu_get_u64(&conn, VHU_GET_FEATURES, &v) == -EPROTO &&
	      conn.fd < 0, "reply without the reply flag: EPROTO, closed");
	fresh();
	reply(VHU_GET_FEATURES, 0x6, 8, &v, 8);
	CHECK(vhu_get_u64(&conn, VHU_GET_FEATURES, &v) == -EPROTO,
	      "reply of another protocol version: EPROTO");
	fresh();
	reply(VHU_GET_FEATURES, REPLY_FLAGS, 4096, big, sizeof(big));
	CHECK(vhu_get_u64(&conn, VHU_GET_FEATURES, &v) == -EPROTO &&
	      conn.fd < 0, "payload larger than any message: EPROTO, closed");
	fresh();
	reply(VHU_GET_FEATURES, REPLY_FLAGS, 4, big, 4);
	CHECK(vhu_get_u64(&conn, VHU_GET_FEATURES, &v) == -EPROTO &&
	      conn.fd < 0, "u64 reply of 4 bytes: EPROTO, closed");
	fresh();
	CHECK(vhu_get_u64(&conn, VHU_GET_FEATURES, &v) == -ETIMEDOUT &&
	      conn.fd < 0, "no reply: ETIMEDOUT after the bound, closed");
	fresh();
	reply(VHU_GET_FEATURES, REPLY_FLAGS, 8, &v, 3);
	shutdown(bfd, SHUT_WR);
	CHECK(vhu_get_u64(&conn, VHU_GET_FEATURES, &v) == -EIO &&
	      conn.fd < 0, "reply cut short by a close: EIO, closed");
	CHECK(vhu_get_u64(&conn, VHU_GET_FEATURES, &v) == -ENOTCONN,
	      "closed connection: ENOTCONN, nothing sent");
}

static void
test_ack(void)
{
	struct req r;

	fresh();
	CHECK(vhu_set_u64(&conn, VHU_SET_FEATURES, 0x100000000ULL) == 0,
	      "SET_FEATURES without REPLY_ACK: no reply awaited");
	CHECK(read_req(&r) && r.request == VHU_SET_FEATURES && r.flags == 1 &&
	      r.size == 8 && get32(r.payload, 4) == 1,
	      "SET_FEATURES: 8-byte payload, no NEED_REPLY");
	CHECK(vhu_set_u64(&conn, VHU_SET_OWNER, 0) == 0 && read_req(&r) &&
	      r.request == VHU_SET_OWNER && r.size == 0,
	      "SET_OWNER carries no payload");
	conn.protocol_features = 1ULL << VHU_PROTOCOL_F_REPLY_ACK;
	reply_u64(VHU_SET_VRING_NUM, 0);
	CHECK(vhu_set_vring_state(&conn, VHU_SET_VRING_NUM, 2, 256) == 0,
	      "acknowledged: 0");
	CHECK(read_req(&r) && r.flags == (1 | ACK_WANTED) && r.size == 8 &&
	      get32(r.payload, 0) == 2 && get32(r.payload, 4) == 256,
	      "SET_VRING_NUM asks for the acknowledgement; index, num");
	reply_u64(VHU_SET_VRING_ENABLE, 1);
	CHECK(vhu_set_vring_state(&conn, VHU_SET_VRING_ENABLE, 0, 1) ==
	      -EINVAL && conn.fd >= 0,
	      "refusal acknowledged: EINVAL, connection kept");
	read_req(&r);
	reply(VHU_SET_VRING_BASE, REPLY_FLAGS, 4, "\0\0\0\0", 4);
	CHECK(vhu_set_vring_state(&conn, VHU_SET_VRING_BASE, 0, 0) == -EINVAL,
	      "acknowledgement of 4 bytes is not a yes");
}

static void
test_vrings(void)
{
	uint8_t state[8];
	unsigned int base = 0;
	struct req r;

	fresh();
	CHECK(vhu_set_vring_addr(&conn, 1, 0x1000, 0x2000, 0x3000) == 0 &&
	      read_req(&r) && r.request == VHU_SET_VRING_ADDR && r.size == 40,
	      "SET_VRING_ADDR: 40-byte vhost_vring_addr");
	CHECK(get32(r.payload, 0) == 1 && get32(r.payload, 8) == 0x1000 &&
	      get32(r.payload, 16) == 0x3000 && get32(r.payload, 24) == 0x2000,
	      "index, desc, used, avail at the uapi offsets");
	CHECK(vhu_set_vring_fd(&conn, VHU_SET_VRING_CALL, 3, -1) == 0 &&
	      read_req(&r) && r.nfds == 0 && get32(r.payload, 0) == (3 | 0x100),
	      "no call fd: index with the no-fd flag, no descriptor");
	CHECK(vhu_set_vring_fd(&conn, VHU_SET_VRING_KICK, 0, 0) == 0 &&
	      read_req(&r) && r.nfds == 1 && get32(r.payload, 0) == 0,
	      "kick fd passed as a descriptor");
	if (r.nfds == 1)
		close(r.fds[0]);
	put32(state, 0, 0);
	put32(state, 4, 77);
	reply(VHU_GET_VRING_BASE, REPLY_FLAGS, 8, state, 8);
	CHECK(vhu_get_vring_base(&conn, 0, &base) == 0 && base == 77,
	      "GET_VRING_BASE: where the ring stopped");
	read_req(&r);
	put32(state, 0, 5);
	reply(VHU_GET_VRING_BASE, REPLY_FLAGS, 8, state, 8);
	CHECK(vhu_get_vring_base(&conn, 0, &base) == -EPROTO && conn.fd < 0,
	      "GET_VRING_BASE answered for another ring: EPROTO, closed");
}

static void
test_mem_table(void)
{
	struct vhu_region rg[2] = {
		{ 0x7f0000000000ULL, 1 << 20, 0, -1 },
		{ 0x7f1000000000ULL, 2 << 20, 4096, -1 },
	};
	struct vhu_region many[VHU_MAX_REGIONS + 1];
	struct stat a, b;
	struct req r;

	fresh();
	rg[0].fd = memfd_create("vhu-test-a", 0);
	rg[1].fd = memfd_create("vhu-test-b", 0);
	CHECK(vhu_set_mem_table(&conn, rg, 2) == 0 && read_req(&r) &&
	      r.request == VHU_SET_MEM_TABLE && r.size == 8 + 2 * 32,
	      "SET_MEM_TABLE: count, padding, two 32-byte regions");
	CHECK(r.nfds == 2 && fstat(r.fds[1], &a) == 0 &&
	      fstat(rg[1].fd, &b) == 0 && a.st_ino == b.st_ino,
	      "one descriptor per region, in order");
	CHECK(get32(r.payload, 0) == 2 && get32(r.payload, 8 + 32) == 0 &&
	      get32(r.payload, 8 + 32 + 4) == 0x7f10 &&
	      get32(r.payload, 8 + 32 + 8) == 2 << 20 &&
	      get32(r.payload, 8 + 32 + 20) == 0x7f10 &&
	      get32(r.payload, 8 + 32 + 24) == 4096,
	      "region: device address = our address, size, file offset");
	for (unsigned int i = 0; i < r.nfds; i++)
		close(r.fds[i]);
	memset(many, 0, sizeof(many));
	CHECK(vhu_set_mem_table(&conn, many, VHU_MAX_REGIONS + 1) == -EINVAL &&
	      vhu_set_mem_table(&conn, many, 0) == -EINVAL && nothing_sent(),
	      "no region or more than 8: EINVAL, nothing sent");
	close(rg[0].fd);
	close(rg[1].fd);
}

static void
test_config(void)
{
	struct virtio_crypto_config cfg, got;
	uint8_t p[12 + sizeof(cfg)];
	struct req r;

	fresh();
	CHECK(vhu_get_config(&conn, &got, sizeof(got)) == -ENOTSUP &&
	      nothing_sent(), "CONFIG not negotiated: ENOTSUP, not asked");
	conn.protocol_features = 1ULL << VHU_PROTOCOL_F_CONFIG;
	CHECK(vhu_get_config(&conn, &got, sizeof(got)) == -ENOTSUP &&
	      nothing_sent(), "CONFIG without REPLY_ACK: not asked (a refusal "
	      "would close the connection)");
	conn.protocol_features |= 1ULL << VHU_PROTOCOL_F_REPLY_ACK;
	memset(&cfg, 0, sizeof(cfg));
	cfg.max_dataqueues = 3;
	cfg.crypto_services = 0x1f;
	memset(p, 0, 12);
	put32(p, 4, sizeof(cfg));
	memcpy(p + 12, &cfg, sizeof(cfg));
	reply(VHU_GET_CONFIG, REPLY_FLAGS, sizeof(p), p, sizeof(p));
	CHECK(vhu_get_config(&conn, &got, sizeof(got)) == 0 &&
	      memcmp(&got, &cfg, sizeof(cfg)) == 0, "config as the back-end gave it");
	CHECK(read_req(&r) && r.request == VHU_GET_CONFIG &&
	      r.flags == (1 | ACK_WANTED) && r.size == sizeof(p) &&
	      get32(r.payload, 4) == sizeof(cfg), "GET_CONFIG: offset 0, size, NEED_REPLY");
	reply_u64(VHU_GET_CONFIG, 1);
	CHECK(vhu_get_config(&conn, &got, sizeof(got)) == -ENOTSUP &&
	      conn.fd >= 0, "refused (acknowledgement only): ENOTSUP, kept");
	read_req(&r);
	put32(p, 4, 8);
	reply(VHU_GET_CONFIG, REPLY_FLAGS, sizeof(p), p, sizeof(p));
	CHECK(vhu_get_config(&conn, &got, sizeof(got)) == -ENOTSUP,
	      "config of another size than asked: ENOTSUP");
}

static void
session_fields(struct vhu_session *s, const uint8_t *ck, const uint8_t *ak)
{
	memset(s, 0, sizeof(*s));
	s->op_type = VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING;
	s->cipher_algo = VIRTIO_CRYPTO_CIPHER_AES_CBC;
	s->cipher_key_len = 16;
	s->hash_algo = VIRTIO_CRYPTO_MAC_HMAC_SHA1;
	s->digest_len = 20;
	s->auth_key_len = 64;
	s->dir = VIRTIO_CRYPTO_OP_ENCRYPT;
	s->hash_mode = VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH;
	s->chain_order = VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH;
	s->cipher_key = ck;
	s->auth_key = ak;
}

/* The scalar fields start at 12 (DPDK 22.11) or 8 (QEMU 7.1). */
static bool
layout_is(const struct req *r, size_t f)
{
	return r->size == 632 && get32(r->payload, f) ==
		VIRTIO_CRYPTO_CIPHER_AES_CBC && get32(r->payload, f + 4) == 16 &&
		get32(r->payload, f + 8) == VIRTIO_CRYPTO_MAC_HMAC_SHA1 &&
		get32(r->payload, f + 12) == 20 &&
		get32(r->payload, f + 16) == 64 &&
		r->payload[f + 24] == VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING &&
		r->payload[f + 25] == VIRTIO_CRYPTO_OP_ENCRYPT &&
		r->payload[f + 26] == VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH &&
		r->payload[f + 27] ==
			VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH;
}

static void
test_sessions(void)
{
	uint8_t ck[16], ak[64], p[632];
	struct vhu_session s;
	int64_t id = 0;
	struct req r;

	memset(ck, 0xc1, sizeof(ck));
	memset(ak, 0xa7, sizeof(ak));
	session_fields(&s, ck, ak);
	fresh();
	memset(p, 0, sizeof(p));
	id = 7;
	memcpy(p, &id, 8);
	reply(VHU_CREATE_CRYPTO_SESSION, REPLY_FLAGS, sizeof(p), p, sizeof(p));
	id = 0;
	CHECK(vhu_create_session(&conn, VHU_SESSION_DPDK2211, &s, &id) == 0 &&
	      id == 7, "session id from the reply");
	CHECK(read_req(&r) && r.request == VHU_CREATE_CRYPTO_SESSION &&
	      layout_is(&r, 12) && get32(r.payload, 8) == 0,
	      "DPDK 22.11 layout: op_code 0, fields from offset 12");
	CHECK(memcmp(r.payload + 56, ck, 16) == 0 &&
	      memcmp(r.payload + 120, ak, 64) == 0 &&
	      r.payload[56 + 16] == 0 && r.payload[120 + 64] == 0,
	      "keys at 56 and 120, zeros after them");
	id = -VIRTIO_CRYPTO_NOTSUPP;
	memcpy(p, &id, 8);
	reply(VHU_CREATE_CRYPTO_SESSION, REPLY_FLAGS, sizeof(p), p, sizeof(p));
	CHECK(vhu_create_session(&conn, VHU_SESSION_QEMU71, &s, &id) == 0 &&
	      id == -VIRTIO_CRYPTO_NOTSUPP, "refusal: the negative status");
	CHECK(read_req(&r) && layout_is(&r, 8) &&
	      memcmp(r.payload + 56, ck, 16) == 0,
	      "QEMU 7.1 layout: fields from offset 8, keys where they were");
	reply(VHU_CREATE_CRYPTO_SESSION, REPLY_FLAGS, 4, p, 4);
	CHECK(vhu_create_session(&conn, VHU_SESSION_DPDK2211, &s, &id) ==
	      -EPROTO && conn.fd < 0, "reply shorter than an id: EPROTO, closed");
	fresh();
	s.cipher_key_len = VHU_MAX_CIPHER_KEY + 1;
	CHECK(vhu_create_session(&conn, VHU_SESSION_DPDK2211, &s, &id) ==
	      -EINVAL && nothing_sent(), "cipher key over 64 bytes: EINVAL");
	s.cipher_key_len = 16;
	s.auth_key_len = VHU_MAX_AUTH_KEY + 1;
	CHECK(vhu_create_session(&conn, VHU_SESSION_DPDK2211, &s, &id) ==
	      -EINVAL && nothing_sent(), "auth key over 512 bytes: EINVAL");
	CHECK(vhu_close_session(&conn, 9) == 0 && read_req(&r) &&
	      r.request == VHU_CLOSE_CRYPTO_SESSION && r.size == 8 &&
	      get32(r.payload, 0) == 9, "close: the id, no reply without REPLY_ACK");
	conn.protocol_features = 1ULL << VHU_PROTOCOL_F_REPLY_ACK;
	reply_u64(VHU_CLOSE_CRYPTO_SESSION, 1);
	CHECK(vhu_close_session(&conn, 9) == -EINVAL && conn.fd >= 0,
	      "close refused with REPLY_ACK: EINVAL, connection kept");
}

/* What already is at the path: only a socket nobody serves is replaced. */
static void
test_server_paths(const char *spath)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct vhu_conn s = { .fd = -1, .listen_fd = -1 };
	struct stat st;
	int fd;

	strcpy(sa.sun_path, spath);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	close(fd);	/* a socket file left behind */
	CHECK(vhu_connect(&s, spath, true, 0) == -ETIMEDOUT &&
	      s.listen_fd >= 0, "stale socket file: replaced, listening");
	vhu_stop_listening(&s, spath);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	listen(fd, 1);	/* somebody serves it */
	CHECK(vhu_connect(&s, spath, true, 0) == -EADDRINUSE &&
	      s.listen_fd < 0 && stat(spath, &st) == 0,
	      "socket another process listens on: EADDRINUSE, left alone");
	close(fd);
	unlink(spath);
	fd = open(spath, O_CREAT | O_WRONLY, 0600);
	close(fd);
	CHECK(vhu_connect(&s, spath, true, 0) == -EADDRINUSE &&
	      stat(spath, &st) == 0 && S_ISREG(st.st_mode),
	      "a regular file at the path: EADDRINUSE, not removed");
	unlink(spath);
}

static void
test_server(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char spath[108];
	struct vhu_conn s = { .fd = -1, .listen_fd = -1, .timeout_ms = 100 };
	struct stat st;
	char byte = 0;
	int cfd;

	snprintf(spath, sizeof(spath), "%s.server", path);
	CHECK(vhu_connect(&s, spath, true, 0) == -ETIMEDOUT &&
	      s.listen_fd >= 0 && stat(spath, &st) == 0,
	      "server: listens, nobody came: ETIMEDOUT");
	strcpy(sa.sun_path, spath);
	cfd = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(connect(cfd, (struct sockaddr *)&sa, sizeof(sa)) == 0,
	      "back-end connects to the front-end's socket");
	CHECK(vhu_connect(&s, spath, true, 1000) == 0 && s.fd >= 0,
	      "server: accepts the back-end");
	CHECK(write(cfd, "x", 1) == 1 && recv(s.fd, &byte, 1, 0) == 1 &&
	      byte == 'x', "the accepted connection carries bytes");
	vhu_disconnect(&s);
	vhu_stop_listening(&s, spath);
	CHECK(s.listen_fd < 0 && stat(spath, &st) != 0,
	      "stop listening removes the socket file");
	close(cfd);
	test_server_paths(spath);
}

int
main(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char dir[] = "/tmp/vhu-test.XXXXXX";
	struct vhu_conn none = { .fd = -1, .listen_fd = -1, .timeout_ms = 50 };

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/be.sock", dir);
	strcpy(sa.sun_path, path);
	CHECK(vhu_connect(&none, path, false, 50) == -ENOENT,
	      "no back-end: ENOENT after waiting");
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    listen(lfd, 4) != 0)
		return 1;
	conn = (struct vhu_conn){ .fd = -1, .listen_fd = -1 };
	test_get();
	test_bad_replies();
	test_ack();
	test_vrings();
	test_mem_table();
	test_config();
	test_sessions();
	test_server();
	vhu_disconnect(&conn);
	close(bfd);
	close(lfd);
	unlink(path);
	rmdir(dir);
	return check_done("vhost_user");
}
