/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The vhost-user transport (crypto_virtio_user). The device's status is
 * kept here; at DRIVER_OK the back-end gets DPDK's memory (the file
 * descriptors behind its memsegs) and the rings the core programmed, and
 * becomes ready. Descriptors carry IOVAs, which in IOVA-as-VA mode are
 * the addresses the memory table maps. A vhost-user crypto back-end has
 * no controlq: sessions travel as CREATE/CLOSE_CRYPTO_SESSION messages,
 * translated here from the control requests the core builds.
 *
 * A lost connection shows as NEEDS_RESET; the reset that follows
 * connects again.
 */

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>

#include <linux/virtio_crypto.h>

#include <rte_byteorder.h>
#include <rte_common.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_memory.h>

#include "virtio_crypto_ctrlq.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_user.h"

struct user_queue {
	uint64_t desc, avail, used;	/* as the core programmed them */
	uint16_t size;
	bool programmed;
	bool started;			/* the back-end has it */
	/* Both for the transport's life (see stop_rings()). */
	int kickfd;
	/*
	 * Never read: the driver polls, and asks for no interrupts in the
	 * avail ring. A back-end may want one all the same.
	 */
	int callfd;
};

struct user_dev {
	struct vhu_conn conn;
	struct vcrypto_user_args args;
	const char *name;		/* for logs */
	/*
	 * The connection: sessions come from control threads, memory
	 * events from whichever thread allocates. Taken after the memory
	 * lock where both are needed.
	 */
	pthread_mutex_t lock;
	uint64_t offered;		/* the back-end's virtio features */
	uint64_t driver_features;
	uint8_t status;
	bool running;			/* memory and rings sent */
	/*
	 * A ring was not confirmed stopped: the back-end did not answer
	 * GET_VRING_BASE (it hangs, and may wake up and write). No reset
	 * completes from then on, so the core keeps the queue memory.
	 */
	bool hung;
	bool mem_events;		/* callback registered */
	uint8_t config[sizeof(struct virtio_crypto_config)];
	struct user_queue q[];		/* args.queues data queues */
};

/*
 * Bound on each reply to a device message (handshake, memory table,
 * rings, stop); session messages have ctrl_timeout_ms. A back-end that
 * has just created its socket may not serve it yet, and one answers
 * SET_MEM_TABLE only after mapping all of our memory: on a loaded host
 * that took DPDK's back-end over 500 ms.
 */
#define DEVICE_REPLY_TIMEOUT_MS 5000u

static struct user_dev *
user_of(struct vcrypto_hw *hw)
{
	return hw->transport_priv;
}

static uint32_t
device_reply_timeout(const struct user_dev *u)
{
	return RTE_MAX(u->args.timeout_ms, DEVICE_REPLY_TIMEOUT_MS);
}

static bool
lost(const struct user_dev *u)
{
	return u->conn.fd < 0;
}

/* ---- memory ------------------------------------------------------- */

struct region_walk {
	struct vhu_region r[VHU_MAX_REGIONS];
	unsigned int n;
	int err;
};

/* Every memseg, merged into runs of one file, contiguous in both. */
static int
add_memseg(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
	   void *arg)
{
	struct region_walk *w = arg;
	struct vhu_region *last = w->n > 0 ? &w->r[w->n - 1] : NULL;
	size_t off;
	int fd;

	if (msl->external)
		return 0;
	fd = rte_memseg_get_fd_thread_unsafe(ms);
	if (fd < 0 || rte_memseg_get_fd_offset_thread_unsafe(ms, &off) != 0) {
		w->err = -ENOTSUP;
		return -1;
	}
	if (last != NULL && last->fd == fd &&
	    last->addr + last->size == (uintptr_t)ms->addr &&
	    last->mmap_offset + last->size == off) {
		last->size += ms->len;
		return 0;
	}
	if (w->n == VHU_MAX_REGIONS) {
		w->err = -E2BIG;
		return -1;
	}
	w->r[w->n++] = (struct vhu_region){
		(uintptr_t)ms->addr, ms->len, off, fd };
	return 0;
}

/* Caller holds the memory lock and u->lock. */
static int
send_memory(struct user_dev *u)
{
	struct region_walk w = { .n = 0 };

	rte_memseg_walk_thread_unsafe(add_memseg, &w);
	if (w.err == -ENOTSUP)
		VCRYPTO_DEV_LOG(ERR, u->name,
			"DPDK memory has no file to share with the back-end: run with --no-huge, or with --single-file-segments");
	else if (w.err == -E2BIG)
		VCRYPTO_DEV_LOG(ERR, u->name,
			"DPDK memory takes more than %u regions: run with --single-file-segments (and -m, or --legacy-mem)",
			VHU_MAX_REGIONS);
	if (w.err != 0)
		return w.err;
	return vhu_set_mem_table(&u->conn, w.r, w.n);
}

/*
 * The started rings on or off for the back-end; off keeps their state
 * (unlike GET_VRING_BASE, which makes DPDK's back-end drop its sessions).
 */
static int
enable_rings(struct user_dev *u, unsigned int on)
{
	unsigned int i;
	int ret = 0;

	if (!(u->offered & (1ULL << VHU_F_PROTOCOL_FEATURES)))
		return 0;
	for (i = 0; ret == 0 && i < u->args.queues; i++)
		if (u->q[i].started)
			ret = vhu_set_vring_state(&u->conn,
						  VHU_SET_VRING_ENABLE, i, on);
	return ret;
}

/*
 * Memory came or went while the back-end runs: tell it the new table.
 * The back-end unmaps the old table as it takes the new one, so the
 * rings are off meanwhile: DPDK 22.11's crypto back-end polls its rings
 * without their lock, and read one through the old mapping (it crashed).
 * It completes each burst within one poll, so nothing it holds refers
 * to the old mapping once a ring is off.
 */
static void
memory_event(enum rte_mem_event type __rte_unused,
	     const void *addr __rte_unused, size_t len __rte_unused,
	     void *arg)
{
	struct user_dev *u = arg;
	int ret;

	/* Called with the memory lock held: the order stays lock, u->lock. */
	pthread_mutex_lock(&u->lock);
	if (u->running && !lost(u)) {
		ret = enable_rings(u, 0);
		if (ret == 0)
			ret = send_memory(u);
		if (ret == 0)
			ret = enable_rings(u, 1);
		if (ret != 0)
			VCRYPTO_DEV_LOG(ERR, u->name,
				"back-end did not take the new memory table: %d",
				ret);
	}
	pthread_mutex_unlock(&u->lock);
}

/* ---- rings -------------------------------------------------------- */

static int
start_ring(struct user_dev *u, unsigned int idx, struct user_queue *q)
{
	struct vhu_conn *c = &u->conn;
	int ret;

	ret = vhu_set_vring_state(c, VHU_SET_VRING_NUM, idx, q->size);
	if (ret == 0)
		ret = vhu_set_vring_state(c, VHU_SET_VRING_BASE, idx, 0);
	if (ret == 0)
		ret = vhu_set_vring_addr(c, idx, q->desc, q->avail, q->used);
	if (ret == 0)
		ret = vhu_set_vring_fd(c, VHU_SET_VRING_KICK, idx, q->kickfd);
	if (ret == 0)
		ret = vhu_set_vring_fd(c, VHU_SET_VRING_CALL, idx, q->callfd);
	if (ret == 0 && (u->offered & (1ULL << VHU_F_PROTOCOL_FEATURES)))
		ret = vhu_set_vring_state(c, VHU_SET_VRING_ENABLE, idx, 1);
	/* Started as far as the back-end knows: stop it on reset. */
	q->started = true;
	return ret;
}

static void
stop_rings(struct user_dev *u)
{
	unsigned int i, base;

	for (i = 0; i < u->args.queues; i++) {
		struct user_queue *q = &u->q[i];

		/*
		 * GET_VRING_BASE stops the ring: after it, no more writes.
		 * A back-end gone (connection closed: it exited, or closed
		 * and tears down) writes no more either; one that hangs may.
		 */
		if (q->started && !lost(u) &&
		    vhu_get_vring_base(&u->conn, i, &base) == -ETIMEDOUT)
			u->hung = true;
		/*
		 * The fds stay open: an lcore may be kicking the queue right
		 * now, and a closed number could name another file.
		 */
		*q = (struct user_queue){ .kickfd = q->kickfd,
					  .callfd = q->callfd };
	}
	u->running = false;
}

static int
start_device(struct user_dev *u)
{
	unsigned int i, n = 0;
	int ret;

	rte_mcfg_mem_read_lock();
	pthread_mutex_lock(&u->lock);
	ret = vhu_set_u64(&u->conn, VHU_SET_FEATURES, u->driver_features |
			  (u->offered & (1ULL << VHU_F_PROTOCOL_FEATURES)));
	if (ret == 0)
		ret = send_memory(u);
	for (i = 0; ret == 0 && i < u->args.queues; i++) {
		if (!u->q[i].programmed)
			continue;
		ret = start_ring(u, i, &u->q[i]);
		n++;
	}
	if (ret == 0)
		u->running = true;
	pthread_mutex_unlock(&u->lock);
	rte_mcfg_mem_read_unlock();
	if (ret == 0 && n == 0)
		VCRYPTO_DEV_LOG(WARNING, u->name,
			"no data queue: the back-end will not take sessions");
	if (ret != 0)
		VCRYPTO_DEV_LOG(ERR, u->name, "back-end setup failed: %d", ret);
	return ret;
}

/* ---- connection --------------------------------------------------- */


#define WANTED_PROTOCOL_FEATURES ( \
	(1ULL << VHU_PROTOCOL_F_MQ) | \
	(1ULL << VHU_PROTOCOL_F_REPLY_ACK) | \
	(1ULL << VHU_PROTOCOL_F_CRYPTO_SESSION) | \
	(1ULL << VHU_PROTOCOL_F_CONFIG))

static int
negotiate_protocol(struct user_dev *u)
{
	struct vhu_conn *c = &u->conn;
	uint64_t pf, nb;
	int ret;

	if (!(u->offered & (1ULL << VHU_F_PROTOCOL_FEATURES)))
		return -ENOTSUP;
	ret = vhu_get_u64(c, VHU_GET_PROTOCOL_FEATURES, &pf);
	if (ret != 0)
		return ret;
	pf &= WANTED_PROTOCOL_FEATURES;
	if (!(pf & (1ULL << VHU_PROTOCOL_F_CRYPTO_SESSION)))
		return -ENOTSUP;
	ret = vhu_set_u64(c, VHU_SET_PROTOCOL_FEATURES, pf);
	if (ret != 0)
		return ret;
	c->protocol_features = pf;
	if (!(pf & (1ULL << VHU_PROTOCOL_F_MQ)))
		return u->args.queues == 1 ? 0 : -E2BIG;
	ret = vhu_get_u64(c, VHU_GET_QUEUE_NUM, &nb);
	if (ret == 0 && nb < u->args.queues)
		ret = -E2BIG;
	return ret;
}

/*
 * Connect, waiting up to timeout_ms for the back-end, and agree on
 * features; caller holds u->lock.
 */
static int
connect_backend(struct user_dev *u, uint32_t timeout_ms)
{
	struct vhu_conn *c = &u->conn;
	int ret;

	ret = vhu_connect(c, u->args.path, u->args.server, timeout_ms);
	if (ret == 0)
		ret = vhu_set_u64(c, VHU_SET_OWNER, 0);
	if (ret == 0)
		ret = vhu_get_u64(c, VHU_GET_FEATURES, &u->offered);
	if (ret == 0)
		ret = negotiate_protocol(u);
	if (ret == -ENOTSUP)
		VCRYPTO_DEV_LOG(ERR, u->name,
			"back-end at %s does not take crypto sessions (VHOST_USER_PROTOCOL_F_CRYPTO_SESSION)",
			u->args.path);
	else if (ret == -E2BIG)
		VCRYPTO_DEV_LOG(ERR, u->name,
			"back-end at %s has fewer than queues=%u queues",
			u->args.path, u->args.queues);
	else if (ret != 0)
		VCRYPTO_DEV_LOG(ERR, u->name, "cannot set up %s: %s",
			u->args.path, strerror(-ret));
	if (ret != 0)
		vhu_disconnect(c);
	return ret;
}

/*
 * What QEMU's cryptodev-vhost-user device advertises for such a back-end
 * (it has no way to ask): cipher, hash and MAC with AES-CBC and SHA1. The
 * driver's capability probe then finds what the back-end performs.
 */
static void
default_config(struct user_dev *u)
{
	struct virtio_crypto_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.status = rte_cpu_to_le_32(VIRTIO_CRYPTO_S_HW_READY);
	cfg.max_dataqueues = rte_cpu_to_le_32(u->args.queues);
	cfg.crypto_services = rte_cpu_to_le_32(
		(1u << VIRTIO_CRYPTO_SERVICE_CIPHER) |
		(1u << VIRTIO_CRYPTO_SERVICE_HASH) |
		(1u << VIRTIO_CRYPTO_SERVICE_MAC));
	cfg.cipher_algo_l = rte_cpu_to_le_32(1u << VIRTIO_CRYPTO_CIPHER_AES_CBC);
	cfg.hash_algo = rte_cpu_to_le_32(1u << VIRTIO_CRYPTO_HASH_SHA1);
	cfg.max_cipher_key_len = rte_cpu_to_le_32(VHU_MAX_CIPHER_KEY);
	cfg.max_auth_key_len = rte_cpu_to_le_32(VHU_MAX_AUTH_KEY);
	cfg.max_size = rte_cpu_to_le_64(UINT64_MAX);
	memcpy(u->config, &cfg, sizeof(cfg));
}

static void
read_backend_config(struct user_dev *u)
{
	struct virtio_crypto_config cfg;

	if (vhu_get_config(&u->conn, &cfg, sizeof(cfg)) != 0) {
		default_config(u);
		return;
	}
	/* Only as many data queues as we were told to use. */
	if (rte_le_to_cpu_32(cfg.max_dataqueues) > u->args.queues)
		cfg.max_dataqueues = rte_cpu_to_le_32(u->args.queues);
	memcpy(u->config, &cfg, sizeof(cfg));
	VCRYPTO_DEV_LOG(INFO, u->name, "config from the back-end");
}

/* ---- transport ops ------------------------------------------------ */

static uint8_t
user_get_status(struct vcrypto_hw *hw)
{
	struct user_dev *u = user_of(hw);

	if (u->hung)
		return u->status | VIRTIO_CONFIG_S_NEEDS_RESET |
			VIRTIO_CONFIG_S_FAILED;
	if (u->status != 0 && lost(u))
		return u->status | VIRTIO_CONFIG_S_NEEDS_RESET;
	return u->status;
}

static void
reset(struct user_dev *u)
{
	pthread_mutex_lock(&u->lock);
	stop_rings(u);
	if (u->hung) {
		/* The status stays: the reset does not complete. */
		VCRYPTO_DEV_LOG(ERR, u->name,
			"back-end hung with rings running: it may still write, the device keeps its memory");
		pthread_mutex_unlock(&u->lock);
		return;
	}
	u->status = 0;
	u->driver_features = 0;
	/*
	 * A back-end that went away: the reset is where we come back, with
	 * one try (a reset may come from an lcore giving up on a queue).
	 */
	if (lost(u) && connect_backend(u, 0) == 0)
		VCRYPTO_DEV_LOG(NOTICE, u->name, "connected again to %s",
				u->args.path);
	pthread_mutex_unlock(&u->lock);
}

static void
user_set_status(struct vcrypto_hw *hw, uint8_t status)
{
	struct user_dev *u = user_of(hw);
	uint8_t added = status & ~u->status;

	if (status == 0) {
		reset(u);
		return;
	}
	if ((added & VIRTIO_CONFIG_S_FEATURES_OK) &&
	    (u->driver_features & ~u->offered))
		status &= ~VIRTIO_CONFIG_S_FEATURES_OK;
	if ((added & VIRTIO_CONFIG_S_DRIVER_OK) && start_device(u) != 0)
		status |= VIRTIO_CONFIG_S_NEEDS_RESET;
	u->status = status;
}

static uint64_t
user_get_features(struct vcrypto_hw *hw)
{
	struct user_dev *u = user_of(hw);

	if (lost(u))
		return 0;
	/* Protocol features are the transport's business, not virtio's. */
	return u->offered & ~(1ULL << VHU_F_PROTOCOL_FEATURES);
}

static void
user_set_features(struct vcrypto_hw *hw, uint64_t features)
{
	user_of(hw)->driver_features = features;
}

static uint8_t
user_config_generation(struct vcrypto_hw *hw __rte_unused)
{
	return 0;
}

static void
user_read_config(struct vcrypto_hw *hw, size_t offset, void *dst, size_t len)
{
	struct user_dev *u = user_of(hw);

	memset(dst, 0, len);
	if (offset < sizeof(u->config))
		memcpy(dst, u->config + offset,
		       RTE_MIN(len, sizeof(u->config) - offset));
}

/* The data queues, then the controlq this transport answers itself. */
static uint16_t
user_num_queues(struct vcrypto_hw *hw)
{
	return user_of(hw)->args.queues + 1;
}

static uint16_t
user_queue_max_size(struct vcrypto_hw *hw, uint16_t qid)
{
	struct user_dev *u = user_of(hw);

	return qid < u->args.queues ? u->args.queue_size : 0;
}

static void *
user_queue_enable(struct vcrypto_hw *hw, uint16_t qid, uint16_t size,
		  uint64_t desc_iova, uint64_t avail_iova, uint64_t used_iova)
{
	struct user_dev *u = user_of(hw);
	struct user_queue *q;

	if (qid >= u->args.queues)
		return NULL;
	q = &u->q[qid];
	q->desc = desc_iova;
	q->avail = avail_iova;
	q->used = used_iova;
	q->size = size;
	q->programmed = true;
	return q;
}

static void
user_notify(void *cookie)
{
	const struct user_queue *q = cookie;
	uint64_t one = 1;

	/* Fails only when the counter is full: the back-end is kicked. */
	if (write(q->kickfd, &one, sizeof(one)) < 0)
		return;
}

/* The back-end maps our memory at our virtual addresses. */
static enum vcrypto_addr_mode
user_addr_mode(struct vcrypto_hw *hw __rte_unused)
{
	return VCRYPTO_ADDR_VIRTUAL;
}

/* Its connection, its socket file in server mode, its kick fds. */
static void
free_user(struct user_dev *u)
{
	unsigned int i;

	vhu_disconnect(&u->conn);
	vhu_stop_listening(&u->conn, u->args.path);
	for (i = 0; i < u->args.queues; i++) {
		if (u->q[i].kickfd >= 0)
			close(u->q[i].kickfd);
		if (u->q[i].callfd >= 0)
			close(u->q[i].callfd);
	}
	pthread_mutex_destroy(&u->lock);
	free(u);
}

static void
user_close(void *transport_priv)
{
	struct user_dev *u = transport_priv;

	if (u == NULL)
		return;
	if (u->mem_events)
		rte_mem_event_callback_unregister(u->name, u);
	pthread_mutex_lock(&u->lock);
	stop_rings(u);
	pthread_mutex_unlock(&u->lock);
	free_user(u);
}

/* ---- sessions ----------------------------------------------------- */

static void
answer(void *in, uint32_t in_len, uint32_t status, uint64_t session_id)
{
	struct virtio_crypto_session_input *si = in;
	struct virtio_crypto_inhdr *ih = in;

	if (in_len >= sizeof(*si)) {
		si->session_id = rte_cpu_to_le_64(session_id);
		si->status = rte_cpu_to_le_32(status);
	} else if (in_len >= sizeof(*ih)) {
		ih->status = (uint8_t)status;
	}
}

static void
cipher_of(struct vhu_session *s,
	  const struct virtio_crypto_cipher_session_para *p)
{
	s->cipher_algo = rte_le_to_cpu_32(p->algo);
	s->cipher_key_len = rte_le_to_cpu_32(p->keylen);
	s->dir = (uint8_t)rte_le_to_cpu_32(p->op);
}

/* The session message's fields; VIRTIO_CRYPTO_OK or why not. */
static uint32_t
session_of(const struct virtio_crypto_sym_create_session_req *sym,
	   const struct vcrypto_ctrl_keys *keys, struct vhu_session *s)
{
	const struct virtio_crypto_alg_chain_session_para *ch =
		&sym->u.chain.para;

	memset(s, 0, sizeof(*s));
	s->op_type = (uint8_t)rte_le_to_cpu_32(sym->op_type);
	if (s->op_type == VIRTIO_CRYPTO_SYM_OP_CIPHER) {
		cipher_of(s, &sym->u.cipher.para);
	} else if (s->op_type == VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING) {
		cipher_of(s, &ch->cipher_param);
		s->chain_order = (uint8_t)rte_le_to_cpu_32(ch->alg_chain_order);
		s->hash_mode = (uint8_t)rte_le_to_cpu_32(ch->hash_mode);
		s->aad_len = rte_le_to_cpu_32(ch->aad_len);
		if (s->hash_mode == VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH) {
			s->hash_algo = rte_le_to_cpu_32(ch->u.mac_param.algo);
			s->digest_len = rte_le_to_cpu_32(
				ch->u.mac_param.hash_result_len);
			s->auth_key_len = rte_le_to_cpu_32(
				ch->u.mac_param.auth_key_len);
		} else if (s->hash_mode == VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN) {
			s->hash_algo = rte_le_to_cpu_32(ch->u.hash_param.algo);
			s->digest_len = rte_le_to_cpu_32(
				ch->u.hash_param.hash_result_len);
		} else {
			return VIRTIO_CRYPTO_NOTSUPP;
		}
	} else {
		return VIRTIO_CRYPTO_NOTSUPP;
	}
	/* The keys follow the request: they must be what it says. */
	if (keys == NULL || keys->cipher_len != s->cipher_key_len ||
	    keys->auth_len != s->auth_key_len ||
	    s->cipher_key_len > VHU_MAX_CIPHER_KEY ||
	    s->auth_key_len > VHU_MAX_AUTH_KEY)
		return VIRTIO_CRYPTO_BADMSG;
	s->cipher_key = keys->cipher;
	s->auth_key = keys->auth;
	return VIRTIO_CRYPTO_OK;
}

/* A refused session comes back as -status; anything odd is an error. */
static uint32_t
status_of_refusal(int64_t id)
{
	return id >= -(int64_t)VIRTIO_CRYPTO_KEY_REJECTED ?
		(uint32_t)-id : VIRTIO_CRYPTO_ERR;
}

/* A session message: under the lock, bounded by ctrl_timeout_ms. */
static void
session_request_begin(struct user_dev *u)
{
	pthread_mutex_lock(&u->lock);
	u->conn.timeout_ms = u->args.timeout_ms;
}

static void
session_request_end(struct user_dev *u)
{
	u->conn.timeout_ms = device_reply_timeout(u);
	pthread_mutex_unlock(&u->lock);
}

static int
create_session(struct user_dev *u,
	       const struct virtio_crypto_sym_create_session_req *sym,
	       const struct vcrypto_ctrl_keys *keys, void *in, uint32_t in_len)
{
	struct vhu_session s;
	uint32_t status = session_of(sym, keys, &s);
	int64_t id = 0;
	int ret;

	if (status != VIRTIO_CRYPTO_OK) {
		answer(in, in_len, status, 0);
		return 0;
	}
	session_request_begin(u);
	ret = vhu_create_session(&u->conn, u->args.layout, &s, &id);
	session_request_end(u);
	if (ret != 0)
		return ret == -EINVAL ? -EINVAL : -EIO;
	if (id < 0)
		answer(in, in_len, status_of_refusal(id), 0);
	else
		answer(in, in_len, VIRTIO_CRYPTO_OK, (uint64_t)id);
	return 0;
}

static int
close_session(struct user_dev *u, uint64_t id, void *in, uint32_t in_len)
{
	int ret;

	session_request_begin(u);
	ret = vhu_close_session(&u->conn, id);
	session_request_end(u);
	if (ret != 0 && ret != -EINVAL)
		return -EIO;
	answer(in, in_len, ret == 0 ? VIRTIO_CRYPTO_OK : VIRTIO_CRYPTO_INVSESS,
	       0);
	return 0;
}

static int
user_control(struct vcrypto_hw *hw, const struct virtio_crypto_op_ctrl_req *req,
	     const struct vcrypto_ctrl_keys *keys, void *in, uint32_t in_len)
{
	struct user_dev *u = user_of(hw);

	switch (rte_le_to_cpu_32(req->header.opcode)) {
	case VIRTIO_CRYPTO_CIPHER_CREATE_SESSION:
		return create_session(u, &req->u.sym_create_session, keys, in,
				      in_len);
	case VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION:
		return close_session(u, rte_le_to_cpu_64(
			req->u.destroy_session.session_id), in, in_len);
	default:
		/* Hash, MAC, AEAD, akcipher: the message has no room. */
		answer(in, in_len, VIRTIO_CRYPTO_NOTSUPP, 0);
		return 0;
	}
}

static const struct vcrypto_transport_ops user_ops = {
	.get_status = user_get_status,
	.set_status = user_set_status,
	.get_features = user_get_features,
	.set_features = user_set_features,
	.config_generation = user_config_generation,
	.read_config = user_read_config,
	.num_queues = user_num_queues,
	.queue_max_size = user_queue_max_size,
	.queue_enable = user_queue_enable,
	.notify = user_notify,
	.addr_mode = user_addr_mode,
	.close = user_close,
	.control = user_control,
};

int
vcrypto_user_attach(struct vcrypto_hw *hw, const struct vcrypto_user_args *args)
{
	struct user_dev *u;
	unsigned int i;
	int ret;

	u = calloc(1, sizeof(*u) + args->queues * sizeof(u->q[0]));
	if (u == NULL)
		return -ENOMEM;
	u->args = *args;
	u->name = hw->name;
	u->conn = (struct vhu_conn){ .fd = -1, .listen_fd = -1,
				     .timeout_ms = device_reply_timeout(u) };
	pthread_mutex_init(&u->lock, NULL);
	ret = 0;
	for (i = 0; i < args->queues; i++)
		u->q[i].kickfd = u->q[i].callfd = -1;
	for (i = 0; i < args->queues && ret == 0; i++) {
		u->q[i].kickfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		u->q[i].callfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (u->q[i].kickfd < 0 || u->q[i].callfd < 0)
			ret = -errno;
	}
	if (ret == 0)
		ret = connect_backend(u, args->timeout_ms);
	if (ret != 0) {
		free_user(u);
		return ret;
	}
	read_backend_config(u);
	hw->ops = &user_ops;
	hw->transport_priv = u;
	if (rte_mem_event_callback_register(u->name, memory_event, u) == 0)
		u->mem_events = true;
	else if (rte_errno != ENOTSUP)
		VCRYPTO_DEV_LOG(WARNING, u->name,
			"no memory events: memory DPDK adds later is not shared with the back-end");
	VCRYPTO_DEV_LOG(INFO, u->name,
		"vhost-user %s at %s: features %#" PRIx64 ", protocol features %#" PRIx64,
		args->server ? "server" : "client", args->path, u->offered,
		u->conn.protocol_features);
	return 0;
}
