/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * vhost-user front-end messages. Every request is written whole with its
 * descriptors; a reply is read with a bound, and a connection that
 * failed or went out of step (a short read, a reply to something else)
 * is closed, since nothing after it could be trusted to line up. It uses
 * no EAL service (the monotonic clock, not EAL's timer), so the unit
 * tests drive it against a scripted back-end without EAL.
 */

#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <linux/vhost_types.h>

#include <rte_common.h>
#include <rte_log.h>

#include "virtio_crypto_logs.h"
#include "virtio_crypto_vhost_user.h"

#define VHU_VERSION 0x1
#define VHU_FLAG_REPLY (1u << 2)
#define VHU_FLAG_NEED_REPLY (1u << 3)
#define VHU_VRING_NOFD (1u << 8)
#define VHU_MAX_CONFIG 256

/*
 * CREATE_CRYPTO_SESSION: session id (s64), [op_code (u32), DPDK 22.11
 * only], six u32 and four u8 session fields, two pointers the back-end
 * ignores, then the key buffers. Offsets are the protocol's.
 */
#define SESS_FIELDS_DPDK2211 12
#define SESS_FIELDS_QEMU71 8
#define SESS_CIPHER_KEY 56
#define SESS_AUTH_KEY (SESS_CIPHER_KEY + VHU_MAX_CIPHER_KEY)
#define SESS_SIZE (SESS_AUTH_KEY + VHU_MAX_AUTH_KEY)

struct vhu_region_wire {
	uint64_t guest_phys_addr;
	uint64_t memory_size;
	uint64_t userspace_addr;
	uint64_t mmap_offset;
};

struct vhu_hdr {
	uint32_t request;
	uint32_t flags;
	uint32_t size;
};

union vhu_payload {
	uint64_t u64;
	struct vhost_vring_state state;
	struct vhost_vring_addr addr;
	struct {
		uint32_t nregions;
		uint32_t padding;
		struct vhu_region_wire regions[VHU_MAX_REGIONS];
	} memory;
	struct {
		uint32_t offset;
		uint32_t size;
		uint32_t flags;
		uint8_t region[VHU_MAX_CONFIG];
	} config;
	uint8_t session[SESS_SIZE];
};

struct vhu_msg {
	struct vhu_hdr hdr;
	union vhu_payload p;
} __rte_packed;

static void
sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static uint64_t
deadline_in(uint32_t ms)
{
	return now_ms() + ms;
}

/* What poll() may wait before the deadline; 0 once it passed. */
static int
remaining_ms(uint64_t deadline)
{
	uint64_t now = now_ms();

	if (now >= deadline)
		return 0;
	return (int)RTE_MIN(deadline - now, (uint64_t)INT32_MAX);
}

/* A socket file nobody listens on (left by a process that ended). */
static bool
stale_socket(const struct sockaddr_un *sa)
{
	struct stat st;
	bool stale;
	int fd;

	if (stat(sa->sun_path, &st) != 0 || !S_ISSOCK(st.st_mode))
		return false;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	stale = connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) != 0 &&
		errno == ECONNREFUSED;
	close(fd);
	return stale;
}

static int
listen_on(const struct sockaddr_un *sa)
{
	int fd, ret, tries;

	for (tries = 0; tries < 2; tries++) {
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return -errno;
		if (bind(fd, (const struct sockaddr *)sa, sizeof(*sa)) == 0 &&
		    listen(fd, 1) == 0)
			return fd;
		ret = -errno;
		close(fd);
		/* Never take a path someone listens on, nor a file. */
		if (ret != -EADDRINUSE || !stale_socket(sa))
			return ret;
		unlink(sa->sun_path);
	}
	return ret;
}

/* Server mode: listen once, keep listening for later reconnects. */
static int
accept_one(struct vhu_conn *c, const struct sockaddr_un *sa,
	   uint64_t deadline)
{
	struct pollfd pfd;
	int fd, ret;

	if (c->listen_fd < 0) {
		fd = listen_on(sa);
		if (fd < 0)
			return fd;
		c->listen_fd = fd;
	}
	pfd = (struct pollfd){ .fd = c->listen_fd, .events = POLLIN };
	ret = poll(&pfd, 1, remaining_ms(deadline));
	if (ret <= 0)
		return ret == 0 ? -ETIMEDOUT : -errno;
	fd = accept4(c->listen_fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd < 0)
		return -errno;
	c->fd = fd;
	return 0;
}

static int
connect_one(struct vhu_conn *c, const struct sockaddr_un *sa,
	    uint64_t deadline)
{
	int fd, ret;

	for (;;) {
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return -errno;
		if (connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) == 0)
			break;
		ret = -errno;
		close(fd);
		/* The back-end may not listen yet: wait for it a while. */
		if ((ret != -ENOENT && ret != -ECONNREFUSED) ||
		    remaining_ms(deadline) == 0)
			return ret;
		sleep_ms(10);
	}
	c->fd = fd;
	return 0;
}

int
vhu_connect(struct vhu_conn *c, const char *path, bool server,
	    uint32_t timeout_ms)
{
	uint64_t deadline = deadline_in(timeout_ms);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	if (strlen(path) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	strcpy(sa.sun_path, path);
	vhu_disconnect(c);
	c->protocol_features = 0;
	return server ? accept_one(c, &sa, deadline) :
		connect_one(c, &sa, deadline);
}

void
vhu_disconnect(struct vhu_conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

void
vhu_stop_listening(struct vhu_conn *c, const char *path)
{
	if (c->listen_fd < 0)
		return;
	close(c->listen_fd);
	c->listen_fd = -1;
	unlink(path);
}

static int
send_msg(struct vhu_conn *c, struct vhu_msg *m, const int *fds,
	 unsigned int nfds)
{
	char control[CMSG_SPACE(sizeof(int) * VHU_MAX_REGIONS)];
	struct iovec iov = { m, sizeof(m->hdr) + m->hdr.size };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;
	ssize_t n;

	if (nfds > 0) {
		memset(control, 0, sizeof(control));
		mh.msg_control = control;
		mh.msg_controllen = CMSG_SPACE(sizeof(int) * nfds);
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int) * nfds);
		memcpy(CMSG_DATA(cm), fds, sizeof(int) * nfds);
	}
	do {
		n = sendmsg(c->fd, &mh, MSG_NOSIGNAL);
	} while (n < 0 && errno == EINTR);
	return n == (ssize_t)iov.iov_len ? 0 : -EIO;
}

/* Exactly len bytes before the deadline, or the connection is done. */
static int
recv_exact(struct vhu_conn *c, void *buf, size_t len, uint64_t deadline)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	size_t got = 0;
	ssize_t n;
	int ret;

	while (got < len) {
		ret = poll(&pfd, 1, remaining_ms(deadline));
		if (ret == 0)
			return -ETIMEDOUT;
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0)
			return -EIO;
		n = recv(c->fd, (uint8_t *)buf + got, len - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -EIO;
		got += (size_t)n;
	}
	return 0;
}

/* A reply to request, its payload into r: its size, or a negative errno. */
static int
recv_reply(struct vhu_conn *c, uint32_t request, union vhu_payload *r)
{
	uint64_t deadline = deadline_in(c->timeout_ms);
	struct vhu_hdr h;
	int ret;

	ret = recv_exact(c, &h, sizeof(h), deadline);
	if (ret == 0 && (h.request != request ||
			 (h.flags & 0x3) != VHU_VERSION ||
			 !(h.flags & VHU_FLAG_REPLY) || h.size > sizeof(*r)))
		ret = -EPROTO;
	if (ret == 0)
		ret = recv_exact(c, r, h.size, deadline);
	if (ret != 0) {
		VCRYPTO_LOG(ERR, "vhost-user: no good reply to request %u (%d): connection closed",
			    request, ret);
		vhu_disconnect(c);
		return ret;
	}
	return (int)h.size;
}

/* Write one request whole; a connection that fails to take it is closed. */
static int
send_request(struct vhu_conn *c, enum vhu_request req, uint32_t flags,
	     const union vhu_payload *p, uint32_t size, const int *fds,
	     unsigned int nfds)
{
	struct vhu_msg m;

	if (c->fd < 0)
		return -ENOTCONN;
	m.hdr = (struct vhu_hdr){ req, VHU_VERSION | flags, size };
	if (size > 0)
		memcpy(&m.p, p, size);
	if (send_msg(c, &m, fds, nfds) == 0)
		return 0;
	VCRYPTO_LOG(ERR, "vhost-user: sending request %u failed: connection closed",
		    req);
	vhu_disconnect(c);
	return -EIO;
}

/*
 * Send request with size bytes of payload and its fds. reply NULL: no
 * answer is read, except the acknowledgement REPLY_ACK gives (-EINVAL
 * when the back-end says it failed). Else the answer's payload size.
 */
static int
request(struct vhu_conn *c, enum vhu_request req, const union vhu_payload *p,
	uint32_t size, const int *fds, unsigned int nfds,
	union vhu_payload *reply)
{
	union vhu_payload ack;
	bool acked = reply == NULL &&
		vhu_has_protocol_feature(c, VHU_PROTOCOL_F_REPLY_ACK);
	int ret;

	ret = send_request(c, req, acked ? VHU_FLAG_NEED_REPLY : 0, p, size,
			   fds, nfds);
	if (ret != 0)
		return ret;
	if (reply != NULL)
		return recv_reply(c, req, reply);
	if (!acked)
		return 0;
	ret = recv_reply(c, req, &ack);
	if (ret < 0)
		return ret;
	return ret == sizeof(ack.u64) && ack.u64 == 0 ? 0 : -EINVAL;
}

int
vhu_get_u64(struct vhu_conn *c, enum vhu_request req, uint64_t *v)
{
	union vhu_payload r;
	int ret = request(c, req, NULL, 0, NULL, 0, &r);

	if (ret < 0)
		return ret;
	if (ret != sizeof(r.u64)) {
		vhu_disconnect(c);
		return -EPROTO;
	}
	*v = r.u64;
	return 0;
}

int
vhu_set_u64(struct vhu_conn *c, enum vhu_request req, uint64_t v)
{
	union vhu_payload p = { .u64 = v };

	/* SET_OWNER has no payload. */
	return request(c, req, &p, req == VHU_SET_OWNER ? 0 : sizeof(p.u64),
		       NULL, 0, NULL);
}

int
vhu_set_mem_table(struct vhu_conn *c, const struct vhu_region *r,
		  unsigned int n)
{
	union vhu_payload p;
	int fds[VHU_MAX_REGIONS];
	unsigned int i;

	if (n == 0 || n > VHU_MAX_REGIONS)
		return -EINVAL;
	memset(&p, 0, sizeof(p));
	p.memory.nregions = n;
	for (i = 0; i < n; i++) {
		p.memory.regions[i] = (struct vhu_region_wire){
			.guest_phys_addr = r[i].addr,
			.memory_size = r[i].size,
			.userspace_addr = r[i].addr,
			.mmap_offset = r[i].mmap_offset,
		};
		fds[i] = r[i].fd;
	}
	return request(c, VHU_SET_MEM_TABLE, &p,
		       offsetof(union vhu_payload, memory.regions) +
		       n * sizeof(p.memory.regions[0]), fds, n, NULL);
}

int
vhu_set_vring_state(struct vhu_conn *c, enum vhu_request req,
		    unsigned int index, unsigned int num)
{
	union vhu_payload p = { .state = { index, num } };

	return request(c, req, &p, sizeof(p.state), NULL, 0, NULL);
}

int
vhu_get_vring_base(struct vhu_conn *c, unsigned int index, unsigned int *base)
{
	union vhu_payload p = { .state = { index, 0 } }, r;
	int ret = request(c, VHU_GET_VRING_BASE, &p, sizeof(p.state), NULL, 0,
			  &r);

	if (ret < 0)
		return ret;
	if (ret != sizeof(r.state) || r.state.index != index) {
		vhu_disconnect(c);
		return -EPROTO;
	}
	*base = r.state.num;
	return 0;
}

int
vhu_set_vring_addr(struct vhu_conn *c, unsigned int index, uint64_t desc,
		   uint64_t avail, uint64_t used)
{
	union vhu_payload p;

	memset(&p, 0, sizeof(p));
	p.addr.index = index;
	p.addr.desc_user_addr = desc;
	p.addr.avail_user_addr = avail;
	p.addr.used_user_addr = used;
	return request(c, VHU_SET_VRING_ADDR, &p, sizeof(p.addr), NULL, 0,
		       NULL);
}

int
vhu_set_vring_fd(struct vhu_conn *c, enum vhu_request req, unsigned int index,
		 int fd)
{
	union vhu_payload p = { .u64 = index };

	if (fd < 0)
		p.u64 |= VHU_VRING_NOFD;
	return request(c, req, &p, sizeof(p.u64), &fd, fd < 0 ? 0 : 1, NULL);
}

int
vhu_get_config(struct vhu_conn *c, void *buf, uint32_t len)
{
	union vhu_payload p, r;
	uint32_t size = offsetof(union vhu_payload, config.region) + len;
	int ret;

	/*
	 * A back-end that offers CONFIG may still refuse it (DPDK's vhost
	 * library answers only for vDPA devices), and without REPLY_ACK a
	 * refusal closes the connection: ask only when it can say no.
	 */
	if (len > VHU_MAX_CONFIG ||
	    !vhu_has_protocol_feature(c, VHU_PROTOCOL_F_CONFIG) ||
	    !vhu_has_protocol_feature(c, VHU_PROTOCOL_F_REPLY_ACK))
		return -ENOTSUP;
	memset(&p, 0, sizeof(p));
	p.config.size = len;
	/* NEED_REPLY: a refusal then comes as an acknowledgement. */
	ret = send_request(c, VHU_GET_CONFIG, VHU_FLAG_NEED_REPLY, &p, size,
			   NULL, 0);
	if (ret != 0)
		return ret;
	/* The config, or only the acknowledgement of a refusal. */
	ret = recv_reply(c, VHU_GET_CONFIG, &r);
	if (ret < 0)
		return ret;
	if ((uint32_t)ret != size || r.config.size != len)
		return -ENOTSUP;
	memcpy(buf, r.config.region, len);
	return 0;
}

static void
put32(uint8_t *b, size_t off, uint32_t v)
{
	memcpy(b + off, &v, sizeof(v));
}

int
vhu_create_session(struct vhu_conn *c, enum vhu_session_layout layout,
		   const struct vhu_session *s, int64_t *id)
{
	size_t f = layout == VHU_SESSION_QEMU71 ? SESS_FIELDS_QEMU71 :
		SESS_FIELDS_DPDK2211;
	union vhu_payload p, r;
	uint8_t *b = p.session;
	int ret;

	if (s->cipher_key_len > VHU_MAX_CIPHER_KEY ||
	    s->auth_key_len > VHU_MAX_AUTH_KEY)
		return -EINVAL;
	memset(&p, 0, sizeof(p));
	put32(b, f, s->cipher_algo);
	put32(b, f + 4, s->cipher_key_len);
	put32(b, f + 8, s->hash_algo);
	put32(b, f + 12, s->digest_len);
	put32(b, f + 16, s->auth_key_len);
	put32(b, f + 20, s->aad_len);
	b[f + 24] = s->op_type;
	b[f + 25] = s->dir;
	b[f + 26] = s->hash_mode;
	b[f + 27] = s->chain_order;
	if (s->cipher_key_len != 0)
		memcpy(b + SESS_CIPHER_KEY, s->cipher_key, s->cipher_key_len);
	if (s->auth_key_len != 0)
		memcpy(b + SESS_AUTH_KEY, s->auth_key, s->auth_key_len);
	ret = request(c, VHU_CREATE_CRYPTO_SESSION, &p, SESS_SIZE, NULL, 0,
		      &r);
	/* The keys went out; do not leave them on the stack. */
	explicit_bzero(&p, sizeof(p));
	if (ret >= 0 && ret < (int)sizeof(int64_t)) {
		vhu_disconnect(c);
		ret = -EPROTO;
	}
	if (ret >= 0)
		memcpy(id, r.session, sizeof(*id));
	explicit_bzero(&r, sizeof(r));
	return ret < 0 ? ret : 0;
}

int
vhu_close_session(struct vhu_conn *c, uint64_t id)
{
	union vhu_payload p = { .u64 = id };

	/*
	 * DPDK's back-end closes the connection over a session it does not
	 * know unless asked for an acknowledgement: request() asks whenever
	 * REPLY_ACK was negotiated.
	 */
	return request(c, VHU_CLOSE_CRYPTO_SESSION, &p, sizeof(p.u64), NULL, 0,
		       NULL);
}
