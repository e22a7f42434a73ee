/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Chained ops run at probe time, framed exactly as the data path frames
 * them (header | IV | src | dst | digest | status, one field a buffer),
 * so a strict device parses them like any other request.
 *
 * The modes are checked against each other rather than against a
 * reference implementation: encrypt-then-MAC gives ciphertext C and
 * tag H(C) of plaintext P; verify-then-decrypt must turn C back into P
 * with H(C); MAC-then-encrypt must give C again with a tag H(P), which
 * decrypt-then-verify must find when turning C back into P.
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

#define PROBE_DATA_LEN 64
#define PROBE_KEY_LEN 16
#define PROBE_IV_LEN 16
/* Areas of the probe memory: plaintext, ciphertext, output, digest. */
#define PROBE_PLAIN 0
#define PROBE_CIPHER 64
#define PROBE_OUT 128
#define PROBE_DIGEST 192
#define PROBE_MEM_SIZE 256

struct probe {
	struct vcrypto_hw *hw;
	const struct vcrypto_auth_algo *algo;
	struct vcrypto_queue *q;
	uint8_t *mem;
	uint64_t iova;
};

/* A chain step as the virtio session names it. */
struct chain_mode {
	uint32_t order;
	uint32_t cipher_op;
};

static const struct chain_mode etm = {
	VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH,
	VIRTIO_CRYPTO_OP_ENCRYPT };
static const struct chain_mode vtd = {
	VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER,
	VIRTIO_CRYPTO_OP_DECRYPT };
static const struct chain_mode mte = {
	VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER,
	VIRTIO_CRYPTO_OP_ENCRYPT };
static const struct chain_mode dtv = {
	VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH,
	VIRTIO_CRYPTO_OP_DECRYPT };

static int
create_chain(const struct probe *p, const struct chain_mode *m, uint64_t *id)
{
	static const uint8_t key[PROBE_KEY_LEN] = {
		0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
		0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c };
	const struct vcrypto_auth_algo *a = p->algo;
	bool mac = a->service == VIRTIO_CRYPTO_SERVICE_MAC;
	struct vcrypto_chain_auth auth = { a->service, a->virtio,
		a->digest_len, mac ? PROBE_KEY_LEN : 0 };
	struct vcrypto_ctrl_keys keys = { key, PROBE_KEY_LEN, key, auth.key_len };
	struct virtio_crypto_op_ctrl_req req;

	vcrypto_req_chain_session(&req, m->order, VIRTIO_CRYPTO_CIPHER_AES_CBC,
				  PROBE_KEY_LEN, m->cipher_op, &auth);
	return vcrypto_ctrlq_create_session(p->hw, &req, &keys, id);
}

static void
fill_request(struct vcrypto_data_slot *slot, const struct chain_mode *m,
	     uint32_t digest_len, uint64_t id)
{
	struct virtio_crypto_alg_chain_data_para *para =
		&slot->req.u.sym_req.u.chain.para;
	unsigned int i;

	memset(slot, 0, sizeof(*slot));
	slot->req.header.opcode = rte_cpu_to_le_32(
		m->cipher_op == VIRTIO_CRYPTO_OP_ENCRYPT ?
		VIRTIO_CRYPTO_CIPHER_ENCRYPT : VIRTIO_CRYPTO_CIPHER_DECRYPT);
	slot->req.header.algo = rte_cpu_to_le_32(VIRTIO_CRYPTO_CIPHER_AES_CBC);
	slot->req.header.session_id = rte_cpu_to_le_64(id);
	slot->req.u.sym_req.op_type =
		rte_cpu_to_le_32(VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING);
	para->iv_len = rte_cpu_to_le_32(PROBE_IV_LEN);
	para->src_data_len = rte_cpu_to_le_32(PROBE_DATA_LEN);
	para->dst_data_len = rte_cpu_to_le_32(PROBE_DATA_LEN);
	para->len_to_cipher = rte_cpu_to_le_32(PROBE_DATA_LEN);
	para->len_to_hash = rte_cpu_to_le_32(PROBE_DATA_LEN);
	para->hash_result_len = rte_cpu_to_le_32(digest_len);
	for (i = 0; i < PROBE_IV_LEN; i++)
		slot->iv[i] = (uint8_t)(0xa0 + i);
	slot->inhdr.status = VCRYPTO_STATUS_UNSET;
}

/*
 * Post one op and wait for it, bounded like a control request: 1 if
 * performed, 0 if refused, -1 if the device did not answer.
 */
static int
run_op(const struct probe *p, const struct vq_buf *bufs, uint16_t n,
       const struct vcrypto_data_slot *slot)
{
	struct vcrypto_hw *hw = p->hw;
	uint64_t deadline = rte_get_timer_cycles() +
		rte_get_timer_hz() * hw->opts.ctrl_timeout_ms / 1000;
	struct vq_done done;

	if (vcrypto_queue_post(p->q, bufs, n, (void *)(uintptr_t)slot) < 0)
		return 0;
	vcrypto_queue_kick(p->q);
	while (vcrypto_queue_harvest(p->q, &done, 1) == 0) {
		if (vcrypto_queue_broken(p->q) ||
		    rte_get_timer_cycles() > deadline)
			return -1;
		rte_delay_us_sleep(10);
	}
	return done.flags == 0 && slot->inhdr.status == VIRTIO_CRYPTO_OK;
}

/*
 * One op of mode m on PROBE_DATA_LEN bytes at offset in, into PROBE_OUT,
 * the digest buffer holding digest_in beforehand (the expected digest
 * for a device that verifies). Returns as run_op(), or 0 if the session
 * was refused.
 */
static int
run_chain(const struct probe *p, const struct chain_mode *m, uint32_t in,
	  const uint8_t *digest_in)
{
	uint32_t dlen = p->algo->digest_len;
	struct vcrypto_data_slot *slot;
	struct vq_slot_mem mem;
	struct vq_buf bufs[6];
	uint64_t id, iova;
	int s, ret;

	if (create_chain(p, m, &id) != 0)
		return 0;
	s = vcrypto_queue_next_slot(p->q);
	if (s < 0) {
		vcrypto_ctrlq_destroy_session(p->hw,
			VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, id);
		return 0;
	}
	mem = vcrypto_queue_slot_mem(p->q, (uint16_t)s);
	slot = mem.priv;
	iova = mem.priv_iova;
	fill_request(slot, m, dlen, id);
	memset(p->mem + PROBE_OUT, 0x5c, PROBE_DATA_LEN);
	memcpy(p->mem + PROBE_DIGEST, digest_in, dlen);
	bufs[0] = vcrypto_header_buf(iova);
	bufs[1] = (struct vq_buf){
		iova + offsetof(struct vcrypto_data_slot, iv), PROBE_IV_LEN, 0 };
	bufs[2] = (struct vq_buf){ p->iova + in, PROBE_DATA_LEN, 0 };
	bufs[3] = (struct vq_buf){ p->iova + PROBE_OUT, PROBE_DATA_LEN,
				   VQ_BUF_WRITE };
	bufs[4] = (struct vq_buf){ p->iova + PROBE_DIGEST, dlen, VQ_BUF_WRITE };
	bufs[5] = vcrypto_status_buf(iova);
	ret = run_op(p, bufs, RTE_DIM(bufs), slot);
	vcrypto_ctrlq_destroy_session(p->hw,
		VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, id);
	return ret;
}

static bool
area_equals(const struct probe *p, uint32_t off, const uint8_t *want,
	    uint32_t len)
{
	return memcmp(p->mem + off, want, len) == 0;
}

static void
complement(uint8_t *dst, const uint8_t *src, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		dst[i] = (uint8_t)~src[i];
}

/*
 * Verify-then-decrypt of C: back to P with tag H(C). A device that
 * writes the tag it computed passes with any digest given; one that
 * verifies the digest it is given fails the complement and passes H(C).
 */
static int
probe_vtd(const struct probe *p, const uint8_t *plain, const uint8_t *tag_c,
	  struct vcrypto_chain_probe *res)
{
	uint32_t dlen = p->algo->digest_len;
	uint8_t wrong[VCRYPTO_MAX_DIGEST];
	int ret;

	complement(wrong, tag_c, dlen);
	ret = run_chain(p, &vtd, PROBE_CIPHER, wrong);
	if (ret == 0) {
		ret = run_chain(p, &vtd, PROBE_CIPHER, tag_c);
		res->device_verifies = ret > 0;
	}
	if (ret > 0 && area_equals(p, PROBE_OUT, plain, PROBE_DATA_LEN) &&
	    area_equals(p, PROBE_DIGEST, tag_c, dlen))
		res->modes |= VCRYPTO_CHAIN_VERIFY_THEN_DECRYPT;
	return ret;
}

/*
 * MAC-then-encrypt of P must give C again (its tag H(P) is unknown so
 * far); decrypt-then-verify of C must give P, and H(P) when the former
 * worked.
 */
static int
probe_mte_dtv(const struct probe *p, const uint8_t *plain,
	      const uint8_t *cipher, const uint8_t *tag_c,
	      struct vcrypto_chain_probe *res)
{
	uint32_t dlen = p->algo->digest_len;
	uint8_t tag_p[VCRYPTO_MAX_DIGEST], given[VCRYPTO_MAX_DIGEST];
	bool have_tag_p = false;
	int ret;

	memset(given, 0, sizeof(given));
	ret = run_chain(p, &mte, PROBE_PLAIN, given);
	if (ret < 0)
		return ret;
	/*
	 * Same ciphertext, and a tag other than H(C): a device that took
	 * the session for encrypt-then-MAC would give H(C) again.
	 */
	if (ret > 0 && area_equals(p, PROBE_OUT, cipher, PROBE_DATA_LEN) &&
	    !area_equals(p, PROBE_DIGEST, tag_c, dlen)) {
		memcpy(tag_p, p->mem + PROBE_DIGEST, dlen);
		have_tag_p = true;
	}
	if (have_tag_p && res->device_verifies)
		memcpy(given, tag_p, dlen);
	else if (have_tag_p)
		complement(given, tag_p, dlen);
	ret = run_chain(p, &dtv, PROBE_CIPHER, given);
	if (ret < 0)
		return ret;
	if (ret > 0 && area_equals(p, PROBE_OUT, plain, PROBE_DATA_LEN) &&
	    (!have_tag_p || area_equals(p, PROBE_DIGEST, tag_p, dlen))) {
		res->modes |= VCRYPTO_CHAIN_DECRYPT_THEN_VERIFY;
		if (have_tag_p)
			res->modes |= VCRYPTO_CHAIN_MAC_THEN_ENCRYPT;
	}
	return 0;
}

/* Every mode, starting from an encrypt-then-MAC result in memory. */
static int
probe_modes(const struct probe *p, struct vcrypto_chain_probe *res)
{
	uint32_t dlen = p->algo->digest_len;
	uint8_t plain[PROBE_DATA_LEN], cipher[PROBE_DATA_LEN];
	uint8_t tag_c[VCRYPTO_MAX_DIGEST];
	int ret;

	memcpy(plain, p->mem + PROBE_PLAIN, PROBE_DATA_LEN);
	memcpy(cipher, p->mem + PROBE_OUT, PROBE_DATA_LEN);
	memcpy(tag_c, p->mem + PROBE_DIGEST, dlen);
	memcpy(p->mem + PROBE_CIPHER, cipher, PROBE_DATA_LEN);
	res->modes = VCRYPTO_CHAIN_ENCRYPT_THEN_MAC;
	res->device_verifies = false;
	ret = probe_vtd(p, plain, tag_c, res);
	if (ret < 0)
		return ret;
	return probe_mte_dtv(p, plain, cipher, tag_c, res);
}

/* Probe memory and data queue 0 (set up and idle); false if none. */
static bool
probe_open(struct vcrypto_hw *hw, const struct vcrypto_auth_algo *a,
	   struct probe *p, const struct rte_memzone **mz)
{
	static unsigned int seq;
	char name[RTE_MEMZONE_NAMESIZE];

	if (hw->nb_dataqs == 0)
		return false;
	snprintf(name, sizeof(name), "vcrypto_probe_%u", seq++);
	*mz = rte_memzone_reserve_aligned(name, PROBE_MEM_SIZE, hw->socket_id,
					  RTE_MEMZONE_IOVA_CONTIG, 64);
	if (*mz == NULL)
		return false;
	*p = (struct probe){ hw, a, hw->dataqs[0], (*mz)->addr, (*mz)->iova };
	return true;
}

/* Memory of an unanswered op stays: the device may write it still. */
static void
probe_close(const struct rte_memzone *mz, int ret)
{
	if (ret >= 0)
		rte_memzone_free(mz);
}

int
vcrypto_probe_chain_op(struct vcrypto_hw *hw, const struct vcrypto_auth_algo *a,
		       struct vcrypto_chain_probe *res)
{
	const struct rte_memzone *mz;
	uint8_t zeros[VCRYPTO_MAX_DIGEST] = { 0 };
	struct probe p;
	unsigned int i;
	int ret;

	if (a->digest_len > VCRYPTO_MAX_DIGEST || !probe_open(hw, a, &p, &mz))
		return 0;
	for (i = 0; i < PROBE_DATA_LEN; i++)
		p.mem[PROBE_PLAIN + i] = (uint8_t)(i * 7 + 1);
	ret = run_chain(&p, &etm, PROBE_PLAIN, zeros);
	if (ret > 0 && res != NULL && probe_modes(&p, res) < 0)
		ret = -1;
	probe_close(mz, ret);
	VCRYPTO_DEV_LOG(DEBUG, hw->name, "chained ops with %s: %d", a->name, ret);
	return ret;
}

int
vcrypto_probe_rsa_raw(struct vcrypto_hw *hw, uint64_t session_id, uint16_t k)
{
	const struct rte_memzone *mz;
	struct vcrypto_data_slot *slot;
	struct vq_slot_mem mem;
	struct vq_buf bufs[4];
	struct probe p;
	int s, ret;

	if (k > PROBE_MEM_SIZE - PROBE_CIPHER || !probe_open(hw, NULL, &p, &mz))
		return 0;
	s = vcrypto_queue_next_slot(p.q);
	if (s < 0) {
		probe_close(mz, 0);
		return 0;
	}
	mem = vcrypto_queue_slot_mem(p.q, (uint16_t)s);
	slot = mem.priv;
	memset(slot, 0, sizeof(*slot));
	slot->req.header.opcode = rte_cpu_to_le_32(VIRTIO_CRYPTO_AKCIPHER_ENCRYPT);
	slot->req.header.algo = rte_cpu_to_le_32(VIRTIO_CRYPTO_AKCIPHER_RSA);
	slot->req.header.session_id = rte_cpu_to_le_64(session_id);
	slot->req.u.akcipher_req.para.src_data_len = rte_cpu_to_le_32(1);
	slot->req.u.akcipher_req.para.dst_data_len = rte_cpu_to_le_32(k);
	slot->inhdr.status = VCRYPTO_STATUS_UNSET;
	p.mem[PROBE_PLAIN] = 2;
	bufs[0] = vcrypto_header_buf(mem.priv_iova);
	bufs[1] = (struct vq_buf){ p.iova + PROBE_PLAIN, 1, 0 };
	bufs[2] = (struct vq_buf){ p.iova + PROBE_CIPHER, k, VQ_BUF_WRITE };
	bufs[3] = vcrypto_status_buf(mem.priv_iova);
	ret = run_op(&p, bufs, RTE_DIM(bufs), slot);
	probe_close(mz, ret);
	VCRYPTO_DEV_LOG(DEBUG, hw->name, "RSA raw op: %d", ret);
	return ret;
}
