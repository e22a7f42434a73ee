/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_malloc.h>
#include <rte_pause.h>

#include "virtio_crypto_ctrlq.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_queue.h"

/* A few slots: a request that timed out keeps its slot until answered. */
#define CTRLQ_SIZE 16
#define CTRLQ_SPIN_POLLS 1000
#define CTRLQ_SLEEP_US 20

/* Room for the larger of a sym session's two keys and an akcipher key. */
#define CTRL_KEY_BYTES VCRYPTO_MAX_AKCIPHER_KEY
static_assert(VCRYPTO_MAX_AKCIPHER_KEY >=
	      VCRYPTO_MAX_CIPHER_KEY + VCRYPTO_MAX_AUTH_KEY, "key room");

/* One request in a slot's private area, as the device reads it. */
struct ctrl_slot {
	struct virtio_crypto_op_ctrl_req req;
	uint8_t keys[CTRL_KEY_BYTES];
	union {
		struct virtio_crypto_session_input session;
		struct virtio_crypto_inhdr inhdr;
	} in;
};

/*
 * A session the device made for a request we stopped waiting for: the
 * caller got an error, so nobody else will ever destroy it.
 */
struct ctrl_orphan {
	uint64_t session_id;
	uint32_t destroy_opcode;
};

struct vcrypto_ctrlq {
	struct vcrypto_queue *q;
	uint64_t timeouts;
	uint64_t orphans_destroyed;
	uint16_t nb_orphans;
	struct ctrl_orphan orphans[CTRLQ_SIZE];
};

int
vcrypto_ctrlq_create(struct vcrypto_hw *hw, uint16_t qid)
{
	struct vcrypto_ctrlq *cq;
	int ret;

	cq = rte_zmalloc_socket(NULL, sizeof(*cq), 0, hw->socket_id);
	if (cq == NULL)
		return -ENOMEM;
	/* The transport answers control requests itself: no queue. */
	if (hw->ops->control != NULL) {
		hw->ctrlq = cq;
		return 0;
	}
	/* No indirect tables: requests are short direct chains. */
	ret = vcrypto_queue_create(hw, qid, CTRLQ_SIZE,
				   sizeof(struct ctrl_slot), 0, &cq->q);
	if (ret != 0) {
		rte_free(cq);
		return ret;
	}
	hw->ctrlq = cq;
	return 0;
}

/* Key bytes must not outlive the request in memory EAL hands out again. */
static void
wipe_keys(struct ctrl_slot *slot)
{
	explicit_bzero(slot->keys, sizeof(slot->keys));
}

void
vcrypto_ctrlq_free(struct vcrypto_ctrlq *cq)
{
	uint16_t i;

	if (cq == NULL)
		return;
	/* Requests never answered still hold their keys. */
	for (i = 0; cq->q != NULL && i < vcrypto_queue_size(cq->q); i++)
		wipe_keys(vcrypto_queue_slot_mem(cq->q, i).priv);
	vcrypto_queue_free(cq->q);
	rte_free(cq);
}

uint64_t
vcrypto_ctrlq_timeouts(const struct vcrypto_ctrlq *cq)
{
	return cq == NULL ? 0 : cq->timeouts;
}

uint64_t
vcrypto_ctrlq_orphans_destroyed(const struct vcrypto_ctrlq *cq)
{
	return cq == NULL ? 0 : cq->orphans_destroyed;
}

static uint32_t
destroy_opcode_of(uint32_t create_opcode)
{
	switch (create_opcode) {
	case VIRTIO_CRYPTO_CIPHER_CREATE_SESSION:
		return VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION;
	case VIRTIO_CRYPTO_HASH_CREATE_SESSION:
		return VIRTIO_CRYPTO_HASH_DESTROY_SESSION;
	case VIRTIO_CRYPTO_MAC_CREATE_SESSION:
		return VIRTIO_CRYPTO_MAC_DESTROY_SESSION;
	case VIRTIO_CRYPTO_AEAD_CREATE_SESSION:
		return VIRTIO_CRYPTO_AEAD_DESTROY_SESSION;
	case VIRTIO_CRYPTO_AKCIPHER_CREATE_SESSION:
		return VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION;
	default:
		return 0;
	}
}

/*
 * The answer to a request we gave up on: a session it made is remembered
 * for destruction once the current request is done.
 */
static void
late_answer(struct vcrypto_hw *hw, const struct vq_done *done)
{
	struct vcrypto_ctrlq *cq = hw->ctrlq;
	const struct ctrl_slot *slot = done->cookie;
	uint32_t destroy = destroy_opcode_of(
		rte_le_to_cpu_32(slot->req.header.opcode));

	/* The status was prefilled with "error": OK is the device's word. */
	if (destroy == 0 || (done->flags & VQ_DONE_BAD_LEN) ||
	    rte_le_to_cpu_32(slot->in.session.status) != VIRTIO_CRYPTO_OK ||
	    cq->nb_orphans == RTE_DIM(cq->orphans))
		return;
	cq->orphans[cq->nb_orphans++] = (struct ctrl_orphan){
		.session_id = rte_le_to_cpu_64(slot->in.session.session_id),
		.destroy_opcode = destroy,
	};
}

static int
ctrl_wait(struct vcrypto_hw *hw, struct vcrypto_queue *q, void *cookie)
{
	uint64_t hz = rte_get_timer_hz();
	uint64_t deadline = rte_get_timer_cycles() +
		hz * hw->opts.ctrl_timeout_ms / 1000;
	struct vq_done done[CTRLQ_SIZE];
	unsigned int polls = 0;
	uint16_t i, n;

	for (;;) {
		n = vcrypto_queue_harvest(q, done, RTE_DIM(done));
		for (i = 0; i < n; i++) {
			wipe_keys(done[i].cookie);
			if (done[i].cookie != cookie)
				late_answer(hw, &done[i]);
		}
		for (i = 0; i < n; i++)
			if (done[i].cookie == cookie)
				return (done[i].flags & VQ_DONE_BAD_LEN) ?
					-EIO : 0;
		if (vcrypto_queue_broken(q)) {
			VCRYPTO_DEV_LOG(ERR, hw->name,
				"bad used entry on the controlq");
			hw->broken = true;
			return -EIO;
		}
		if (rte_get_timer_cycles() > deadline)
			return -ETIMEDOUT;
		if (++polls < CTRLQ_SPIN_POLLS)
			rte_pause();
		else
			rte_delay_us_sleep(CTRLQ_SLEEP_US);
	}
}

/* Post one request from the next slot and wait for its answer. */
static int
ctrl_request(struct vcrypto_hw *hw, const struct virtio_crypto_op_ctrl_req *req,
	     const struct vcrypto_ctrl_keys *keys, uint32_t in_len,
	     struct ctrl_slot *answer)
{
	struct vq_buf bufs[3];
	struct ctrl_slot *slot;
	struct vcrypto_queue *q;
	struct vq_slot_mem mem;
	uint32_t key_len = 0;
	uint64_t iova;
	uint16_t n = 0;
	int id, ret;

	/* Stopped under us (the caller holds ctrl_lock, stop takes it). */
	if (hw->ctrlq == NULL || !hw->driver_ok || hw->broken)
		return -EIO;
	if (hw->ops->control != NULL) {
		memset(&answer->in, 0xff, sizeof(answer->in));
		ret = hw->ops->control(hw, req, keys, &answer->in, in_len);
		/* A device out of reach: the data path stops too. */
		if (ret != 0)
			vcrypto_hw_check_needs_reset(hw);
		return ret;
	}
	q = hw->ctrlq->q;
	id = vcrypto_queue_next_slot(q);
	if (id < 0)
		return -EIO;
	mem = vcrypto_queue_slot_mem(q, (uint16_t)id);
	slot = mem.priv;
	iova = mem.priv_iova;

	slot->req = *req;
	if (keys != NULL) {
		/* memcpy from a NULL key is undefined even for 0 bytes */
		if (keys->cipher_len != 0)
			memcpy(slot->keys, keys->cipher, keys->cipher_len);
		if (keys->auth_len != 0)
			memcpy(slot->keys + keys->cipher_len, keys->auth,
			       keys->auth_len);
		key_len = keys->cipher_len + keys->auth_len;
	}
	/* The device must overwrite this to say anything but "error". */
	memset(&slot->in, 0xff, sizeof(slot->in));

	bufs[n++] = (struct vq_buf){ iova, sizeof(slot->req), 0 };
	if (key_len != 0)
		bufs[n++] = (struct vq_buf){
			iova + offsetof(struct ctrl_slot, keys), key_len, 0 };
	bufs[n++] = (struct vq_buf){ iova + offsetof(struct ctrl_slot, in),
				     in_len, VQ_BUF_WRITE };
	ret = vcrypto_queue_post(q, bufs, n, slot);
	if (ret < 0) {
		wipe_keys(slot);
		return -EIO;
	}
	vcrypto_queue_kick(q);

	ret = ctrl_wait(hw, q, slot);
	if (ret == -ETIMEDOUT) {
		hw->ctrlq->timeouts++;
		VCRYPTO_DEV_LOG(ERR, hw->name,
			"controlq request %#x not answered in %u ms",
			rte_le_to_cpu_32(req->header.opcode),
			hw->opts.ctrl_timeout_ms);
		vcrypto_hw_check_needs_reset(hw);
	}
	if (ret == 0)
		answer->in = slot->in;
	return ret;
}

static int
status_to_errno(uint32_t status)
{
	switch (status) {
	case VIRTIO_CRYPTO_OK:
		return 0;
	case VIRTIO_CRYPTO_NOTSUPP:
		return -ENOTSUP;
	case VIRTIO_CRYPTO_NOSPC:
		return -ENOSPC;
	case VIRTIO_CRYPTO_INVSESS:
		return -ENOENT;
	default:
		return -EINVAL;
	}
}

static int
destroy_request(struct vcrypto_hw *hw, uint32_t opcode, uint64_t session_id)
{
	struct virtio_crypto_op_ctrl_req req;
	struct ctrl_slot answer;
	int ret;

	memset(&req, 0, sizeof(req));
	req.header.opcode = rte_cpu_to_le_32(opcode);
	req.u.destroy_session.session_id = rte_cpu_to_le_64(session_id);
	ret = ctrl_request(hw, &req, NULL, sizeof(answer.in.inhdr), &answer);
	if (ret != 0)
		return ret;
	return status_to_errno(answer.in.inhdr.status);
}

/* Destroy the sessions late answers made; ctrl_lock held. */
static void
destroy_orphans(struct vcrypto_hw *hw)
{
	struct ctrl_orphan o;

	while (hw->ctrlq != NULL && hw->ctrlq->nb_orphans > 0) {
		o = hw->ctrlq->orphans[--hw->ctrlq->nb_orphans];
		if (destroy_request(hw, o.destroy_opcode, o.session_id) != 0)
			continue;
		hw->ctrlq->orphans_destroyed++;
		VCRYPTO_DEV_LOG(INFO, hw->name,
			"destroyed session %" PRIu64 " of a late answer",
			o.session_id);
	}
}

static bool
keys_fit(const struct virtio_crypto_op_ctrl_req *req,
	 const struct vcrypto_ctrl_keys *keys)
{
	if (keys == NULL)
		return true;
	if (rte_le_to_cpu_32(req->header.opcode) ==
	    VIRTIO_CRYPTO_AKCIPHER_CREATE_SESSION)
		return keys->cipher_len <= VCRYPTO_MAX_AKCIPHER_KEY &&
			keys->auth_len == 0;
	return keys->cipher_len <= VCRYPTO_MAX_CIPHER_KEY &&
		keys->auth_len <= VCRYPTO_MAX_AUTH_KEY;
}

int
vcrypto_ctrlq_create_session(struct vcrypto_hw *hw,
			     const struct virtio_crypto_op_ctrl_req *req,
			     const struct vcrypto_ctrl_keys *keys,
			     uint64_t *session_id)
{
	struct ctrl_slot answer;
	int ret;

	if (!keys_fit(req, keys))
		return -EINVAL;
	pthread_mutex_lock(&hw->ctrl_lock);
	ret = ctrl_request(hw, req, keys, sizeof(answer.in.session), &answer);
	destroy_orphans(hw);
	pthread_mutex_unlock(&hw->ctrl_lock);
	if (ret != 0)
		return ret;
	ret = status_to_errno(rte_le_to_cpu_32(answer.in.session.status));
	if (ret == 0)
		*session_id = rte_le_to_cpu_64(answer.in.session.session_id);
	return ret;
}

int
vcrypto_ctrlq_destroy_session(struct vcrypto_hw *hw, uint32_t opcode,
			      uint64_t session_id)
{
	int ret;

	pthread_mutex_lock(&hw->ctrl_lock);
	ret = destroy_request(hw, opcode, session_id);
	destroy_orphans(hw);
	pthread_mutex_unlock(&hw->ctrl_lock);
	return ret;
}

int
vcrypto_ctrlq_probe_session(struct vcrypto_hw *hw,
			    const struct virtio_crypto_op_ctrl_req *req,
			    uint32_t cipher_key_len, uint32_t auth_key_len)
{
	static uint8_t key[VCRYPTO_MAX_AUTH_KEY];
	struct vcrypto_ctrl_keys keys = {
		key, cipher_key_len, key, auth_key_len };
	uint32_t destroy;
	unsigned int i;
	uint64_t id;
	int ret;

	/* Not all zeros: a backend may refuse weak DES keys. */
	if (key[0] == 0)
		for (i = 0; i < sizeof(key); i++)
			key[i] = (uint8_t)(i * 0x3b + 0x11);
	ret = vcrypto_ctrlq_create_session(hw, req, &keys, &id);
	if (ret != 0)
		return ret;
	/* CREATE and DESTROY opcodes of a service differ by one. */
	destroy = rte_le_to_cpu_32(req->header.opcode) + 1;
	vcrypto_ctrlq_destroy_session(hw, destroy, id);
	return 0;
}
