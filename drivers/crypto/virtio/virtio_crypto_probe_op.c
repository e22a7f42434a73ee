/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <stdio.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_memzone.h>

#include "virtio_crypto_algos.h"
#include "virtio_crypto_ctrlq.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_probe_op.h"
#include "virtio_crypto_queue.h"
#include "virtio_crypto_req.h"
#include "virtio_crypto_session_req.h"

#define PROBE_DATA_LEN 16
#define PROBE_KEY_LEN 16
/* data, then the digest */
#define PROBE_DIGEST_OFF 64
#define PROBE_MEM_SIZE 256

static int
create_chain(struct vcrypto_hw *hw, const struct vcrypto_auth_algo *a,
	     uint64_t *id)
{
	static const uint8_t key[PROBE_KEY_LEN] = {
		0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
		0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c };
	bool mac = a->service == VIRTIO_CRYPTO_SERVICE_MAC;
	struct vcrypto_chain_auth auth = { a->service, a->virtio,
		a->digest_len, mac ? PROBE_KEY_LEN : 0 };
	struct vcrypto_ctrl_keys keys = { key, PROBE_KEY_LEN, key, auth.key_len };
	struct virtio_crypto_op_ctrl_req req;

	vcrypto_req_chain_session(&req,
		VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH,
		VIRTIO_CRYPTO_CIPHER_AES_CBC, PROBE_KEY_LEN,
		VIRTIO_CRYPTO_OP_ENCRYPT, &auth);
	return vcrypto_ctrlq_create_session(hw, &req, &keys, id);
}

static void
fill_request(struct vcrypto_data_slot *slot, const struct vcrypto_auth_algo *a,
	     uint64_t id)
{
	struct virtio_crypto_alg_chain_data_para *p =
		&slot->req.u.sym_req.u.chain.para;

	memset(slot, 0, sizeof(*slot));
	slot->req.header.opcode = rte_cpu_to_le_32(VIRTIO_CRYPTO_CIPHER_ENCRYPT);
	slot->req.header.algo = rte_cpu_to_le_32(VIRTIO_CRYPTO_CIPHER_AES_CBC);
	slot->req.header.session_id = rte_cpu_to_le_64(id);
	slot->req.u.sym_req.op_type =
		rte_cpu_to_le_32(VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING);
	p->iv_len = rte_cpu_to_le_32(16);
	p->src_data_len = rte_cpu_to_le_32(PROBE_DATA_LEN);
	p->dst_data_len = rte_cpu_to_le_32(PROBE_DATA_LEN);
	p->len_to_cipher = rte_cpu_to_le_32(PROBE_DATA_LEN);
	p->len_to_hash = rte_cpu_to_le_32(PROBE_DATA_LEN);
	p->hash_result_len = rte_cpu_to_le_32(a->digest_len);
	slot->inhdr.status = VCRYPTO_STATUS_UNSET;
}

/*
 * Post the op and wait for it, bounded like a control request: 1 if
 * performed, 0 if refused, -1 if the device did not answer.
 */
static int
run_op(struct vcrypto_hw *hw, struct vq_split *vq, const struct vq_buf *bufs,
       uint16_t n, const struct vcrypto_data_slot *slot)
{
	uint64_t deadline = rte_get_timer_cycles() +
		rte_get_timer_hz() * hw->opts.ctrl_timeout_ms / 1000;
	struct vq_done done;

	if (vq_split_post(vq, bufs, n, (void *)(uintptr_t)slot) < 0)
		return 0;
	vq_split_kick(vq);
	while (vq_split_harvest(vq, &done, 1) == 0) {
		if (vq->broken || rte_get_timer_cycles() > deadline)
			return -1;
		rte_delay_us_sleep(10);
	}
	return done.flags == 0 && slot->inhdr.status == VIRTIO_CRYPTO_OK;
}

int
vcrypto_probe_chain_op(struct vcrypto_hw *hw, const struct vcrypto_auth_algo *a)
{
	static unsigned int seq;
	char name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	struct vcrypto_data_slot *slot;
	struct vq_buf bufs[5];
	struct vq_split *vq;
	uint64_t id, iova;
	int s, ret = 0;

	if (hw->nb_dataqs == 0)
		return 0;
	s = create_chain(hw, a, &id);
	if (s != 0) {
		VCRYPTO_DEV_LOG(DEBUG, hw->name, "chained session with %s: %d",
				a->name, s);
		return 0;
	}
	vq = &hw->dataqs[0]->vq;
	snprintf(name, sizeof(name), "vcrypto_probe_%u", seq++);
	mz = rte_memzone_reserve_aligned(name, PROBE_MEM_SIZE, hw->socket_id,
					 RTE_MEMZONE_IOVA_CONTIG, 64);
	s = vq_split_next_slot(vq);
	if (mz != NULL && s >= 0) {
		slot = vq_split_slot_priv(vq, s);
		iova = vq_split_slot_priv_iova(vq, s);
		fill_request(slot, a, id);
		memset(mz->addr, 0x5c, PROBE_MEM_SIZE);
		bufs[0] = (struct vq_buf){ iova,
			offsetof(struct vcrypto_data_slot, iv) + 16, 0 };
		bufs[1] = (struct vq_buf){ mz->iova, PROBE_DATA_LEN, 0 };
		bufs[2] = (struct vq_buf){ mz->iova, PROBE_DATA_LEN, VQ_BUF_WRITE };
		bufs[3] = (struct vq_buf){ mz->iova + PROBE_DIGEST_OFF,
					   a->digest_len, VQ_BUF_WRITE };
		bufs[4] = (struct vq_buf){ iova +
			offsetof(struct vcrypto_data_slot, inhdr), 1, VQ_BUF_WRITE };
		ret = run_op(hw, vq, bufs, RTE_DIM(bufs), slot);
	}
	/* Memory of an unanswered op stays: the device may write it still. */
	if (ret >= 0)
		rte_memzone_free(mz);
	vcrypto_ctrlq_destroy_session(hw, VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, id);
	VCRYPTO_DEV_LOG(DEBUG, hw->name, "chained op with %s: %d", a->name, ret);
	return ret;
}
