/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The akcipher service's core: DPDK asymmetric sessions handed to the
 * algorithm that owns their transform, request framing, and completion.
 * Each algorithm is one file with one vcrypto_akcipher_algo, listed in
 * algos[] below.
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <cryptodev_pmd.h>
#include <rte_byteorder.h>

#include "virtio_crypto_akcipher.h"
#include "virtio_crypto_ctrlq.h"
#include "virtio_crypto_hw.h"
#include "virtio_crypto_logs.h"
#include "virtio_crypto_qp.h"
#include "virtio_crypto_queue.h"
#include "virtio_crypto_req.h"

static const struct vcrypto_akcipher_algo *const algos[] = {
	&vcrypto_akcipher_rsa,
	&vcrypto_akcipher_ecdsa,
};
_Static_assert(RTE_DIM(algos) <= VCRYPTO_AKCIPHER_MAX_CAPS,
	       "one capability per algorithm fits what caps.c sets aside");

static const struct vcrypto_akcipher_algo *
algo_of_xform(enum rte_crypto_asym_xform_type type)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(algos); i++)
		if (algos[i]->xform_type == type)
			return algos[i];
	return NULL;
}

static const struct vcrypto_akcipher_algo *
algo_of_session(const struct vcrypto_asym_head *h)
{
	unsigned int i;

	for (i = 0; i < RTE_DIM(algos); i++)
		if (algos[i]->virtio_algo == h->algo)
			return algos[i];
	return NULL;
}

int
vcrypto_akcipher_session_create(struct vcrypto_hw *hw,
				const struct vcrypto_akcipher_key *key,
				const void *algo_para, size_t para_len,
				uint64_t *id)
{
	struct virtio_crypto_akcipher_session_para *para;
	struct vcrypto_ctrl_keys keys = { key->der, key->len, NULL, 0 };
	struct virtio_crypto_op_ctrl_req req;

	memset(&req, 0, sizeof(req));
	req.header.opcode =
		rte_cpu_to_le_32(VIRTIO_CRYPTO_AKCIPHER_CREATE_SESSION);
	req.header.algo = rte_cpu_to_le_32(key->algo);
	para = &req.u.akcipher_create_session.para;
	para->algo = rte_cpu_to_le_32(key->algo);
	para->keytype = rte_cpu_to_le_32(key->private_key ?
		VIRTIO_CRYPTO_AKCIPHER_KEY_TYPE_PRIVATE :
		VIRTIO_CRYPTO_AKCIPHER_KEY_TYPE_PUBLIC);
	para->keylen = rte_cpu_to_le_32(key->len);
	memcpy(&para->u, algo_para, RTE_MIN(para_len, sizeof(para->u)));
	return vcrypto_ctrlq_create_session(hw, &req, &keys, id);
}

void
vcrypto_akcipher_session_destroy(struct vcrypto_hw *hw, uint64_t id)
{
	int ret = vcrypto_ctrlq_destroy_session(hw,
		VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, id);

	if (ret != 0)
		VCRYPTO_DEV_LOG(ERR, hw->name,
			"destroying akcipher session %" PRIu64 ": %d", id, ret);
}

unsigned int
vcrypto_akcipher_caps(struct vcrypto_hw *hw,
		      struct rte_cryptodev_capabilities *cap,
		      uint64_t *feature_flags)
{
	unsigned int i, n = 0;

	for (i = 0; i < RTE_DIM(algos); i++)
		n += algos[i]->caps(hw, cap + n, feature_flags);
	return n;
}

unsigned int
vcrypto_asym_session_get_size(struct rte_cryptodev *dev __rte_unused)
{
	size_t size = 0;
	unsigned int i;

	for (i = 0; i < RTE_DIM(algos); i++)
		size = RTE_MAX(size, algos[i]->session_size);
	return (unsigned int)size;
}

static int
configure_locked(struct vcrypto_hw *hw, const struct rte_crypto_asym_xform *x,
		 struct vcrypto_asym_head *h)
{
	const struct vcrypto_akcipher_algo *a = algo_of_xform(x->xform_type);
	int ret;

	if (a == NULL || !hw->driver_ok || x->next != NULL)
		return -ENOTSUP;
	ret = a->configure(hw, x, h);
	if (ret == 0) {
		h->algo = a->virtio_algo;
		h->generation = hw->generation;
	}
	return ret;
}

int
vcrypto_asym_session_configure(struct rte_cryptodev *dev,
			       struct rte_crypto_asym_xform *xform,
			       struct rte_cryptodev_asym_session *sess)
{
	struct vcrypto_hw *hw = dev->data->dev_private;
	struct vcrypto_asym_head *h = (void *)sess->sess_private_data;
	size_t size = vcrypto_asym_session_get_size(dev);
	int ret;

	pthread_mutex_lock(&hw->ctrl_lock);
	memset(h, 0, size);
	ret = configure_locked(hw, xform, h);
	if (ret != 0) {
		VCRYPTO_DEV_LOG(DEBUG, hw->name, "asymmetric session: %d",
				ret);
		memset(h, 0, size);
	}
	pthread_mutex_unlock(&hw->ctrl_lock);
	return ret;
}

void
vcrypto_asym_session_clear(struct rte_cryptodev *dev,
			   struct rte_cryptodev_asym_session *sess)
{
	struct vcrypto_hw *hw = dev->data->dev_private;
	struct vcrypto_asym_head *h = (void *)sess->sess_private_data;
	const struct vcrypto_akcipher_algo *a = algo_of_session(h);

	pthread_mutex_lock(&hw->ctrl_lock);
	/* Sessions from before the last reset no longer exist there. */
	if (a != NULL && h->generation == hw->generation && hw->driver_ok)
		a->clear(hw, h);
	/* Keys stay in the private data of some algorithms: wipe them. */
	explicit_bzero(h, vcrypto_asym_session_get_size(dev));
	pthread_mutex_unlock(&hw->ctrl_lock);
}

/* The op's session, if one of ours and valid on this device now. */
static struct vcrypto_asym_head *
asym_session_of(const struct vcrypto_qp *qp, const struct rte_crypto_op *op,
		uint32_t generation)
{
	struct rte_cryptodev_asym_session *sess = op->asym->session;
	struct vcrypto_asym_head *h;

	if (op->sess_type != RTE_CRYPTO_OP_WITH_SESSION || sess == NULL ||
	    sess->driver_id != qp->driver_id)
		return NULL;
	h = (void *)sess->sess_private_data;
	return h->generation == generation ? h : NULL;
}

uint8_t *
vcrypto_akcipher_bounce(const struct vcrypto_qp *qp, uint16_t slot)
{
	return qp->bounce + (size_t)slot * VCRYPTO_BOUNCE_SIZE;
}

int
vcrypto_akcipher_frame(const struct vcrypto_qp *qp, uint16_t slot,
		       const struct vcrypto_akcipher_io *io,
		       struct vq_buf *bufs, struct vcrypto_op_meta *meta)
{
	struct vq_slot_mem mem = vcrypto_queue_slot_mem(qp->q, slot);
	struct vcrypto_data_slot *ds = mem.priv;
	uint64_t biova = qp->bounce_iova[slot];
	bool verify = io->opcode == VIRTIO_CRYPTO_AKCIPHER_VERIFY;
	int n = 0;

	memset(&ds->req, 0, sizeof(ds->req));
	ds->req.header.opcode = rte_cpu_to_le_32(io->opcode);
	ds->req.header.algo = rte_cpu_to_le_32(io->algo);
	ds->req.header.session_id = rte_cpu_to_le_64(io->session_id);
	ds->req.u.akcipher_req.para.src_data_len =
		rte_cpu_to_le_32(io->src_len);
	ds->req.u.akcipher_req.para.dst_data_len =
		rte_cpu_to_le_32(io->dst_len);
	ds->inhdr.status = VCRYPTO_STATUS_UNSET;

	bufs[n++] = vcrypto_header_buf(mem.priv_iova);
	bufs[n++] = (struct vq_buf){ biova, io->src_len, 0 };
	bufs[n++] = (struct vq_buf){ biova + VCRYPTO_AKCIPHER_OUT,
				     io->dst_len, verify ? 0 : VQ_BUF_WRITE };
	bufs[n++] = vcrypto_status_buf(mem.priv_iova);
	*meta = (struct vcrypto_op_meta){
		.verify_len = VCRYPTO_VERIFY_AKCIPHER,
		.auth = verify,
		.akcipher = (uint8_t)(io->op_type + 1),
	};
	return n;
}

int
vcrypto_akcipher_encode(const struct vcrypto_qp *qp, struct rte_crypto_op *op,
			uint32_t generation, uint16_t slot,
			struct vq_buf *bufs, struct vcrypto_op_meta *meta)
{
	struct vcrypto_asym_head *h = asym_session_of(qp, op, generation);
	const struct vcrypto_akcipher_algo *a;

	if (h == NULL || (a = algo_of_session(h)) == NULL)
		return -RTE_CRYPTO_OP_STATUS_INVALID_SESSION;
	if (qp->bounce == NULL)
		return -RTE_CRYPTO_OP_STATUS_ERROR;
	return a->encode(qp, op, h, slot, bufs, meta);
}

enum rte_crypto_op_status
vcrypto_akcipher_failed_status(uint8_t status, bool verify)
{
	switch (status) {
	case VIRTIO_CRYPTO_KEY_REJECTED:
	case VIRTIO_CRYPTO_BADMSG:
		/* The signature does not match; else a bad argument. */
		return verify ? RTE_CRYPTO_OP_STATUS_AUTH_FAILED :
			RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	case VIRTIO_CRYPTO_INVSESS:
		return RTE_CRYPTO_OP_STATUS_INVALID_SESSION;
	default:
		return RTE_CRYPTO_OP_STATUS_ERROR;
	}
}

bool
vcrypto_akcipher_complete(const struct vcrypto_qp *qp, const struct vq_done *d,
			  uint8_t status, uint8_t kind)
{
	struct rte_crypto_op *op = d->cookie;
	const struct vcrypto_asym_head *h =
		(const void *)op->asym->session->sess_private_data;
	const struct vcrypto_akcipher_algo *a = algo_of_session(h);
	const uint8_t *out = vcrypto_akcipher_bounce(qp, d->slot) +
		VCRYPTO_AKCIPHER_OUT;
	uint32_t written = d->len - 1;	/* the status byte is the last */
	bool ok;

	if (d->flags != 0 || d->len == 0 || a == NULL) {
		op->status = RTE_CRYPTO_OP_STATUS_ERROR;
		return false;
	}
	if (status != VIRTIO_CRYPTO_OK) {
		op->status = vcrypto_akcipher_failed_status(status,
			kind == RTE_CRYPTO_ASYM_OP_VERIFY + 1);
		return false;
	}
	ok = a->complete(op, h, out, written,
			 (enum rte_crypto_asym_op_type)(kind - 1));
	op->status = ok ? RTE_CRYPTO_OP_STATUS_SUCCESS :
		RTE_CRYPTO_OP_STATUS_ERROR;
	return ok;
}
