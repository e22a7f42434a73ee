/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Session configure (vcrypto_sym_session_configure) with xform chains the
 * input makes: one to three xforms of any type, any algorithm number,
 * operation, key (exact-size buffers, or NULL), IV, digest and AAD
 * lengths; against capabilities built from a device config the input may
 * narrow (masks, key limits), sometimes confirmed by probing sessions on
 * the device. The device answers session requests OK or with a status
 * the input picks, and checks each request as it comes.
 *
 * Invariants: no memory error (keys are read from blocks of exactly their
 * length); a result the API documents; the request's key buffer holds
 * exactly the xforms' keys, cipher key first, within the spec's limits;
 * a configured session has an encoder, the device's session id and IV,
 * digest and verify lengths that fit the request slot; a failed one is
 * left zeroed; clearing a configured session destroys that id with the
 * service's opcode, and leaks nothing.
 */

#include <errno.h>
#include <stdlib.h>

#include <cryptodev_pmd.h>

#include "fz_env.h"
#include "virtio_crypto_caps.h"
#include "virtio_crypto_ctrlq.h"
#include "virtio_crypto_req.h"
#include "virtio_crypto_session.h"

#define CTRL_QID 1
#define MAX_XFORMS 3

struct fx {
	struct fz_dev dev;
	struct fz_in *in;
	bool probing;
	/* what the app configures, for the device's checks */
	const uint8_t *cipher_key;
	uint32_t cipher_key_len;
	const uint8_t *auth_key;
	uint32_t auth_key_len;
	/* the last request seen */
	uint32_t opcode;
	uint64_t created_id;
	bool created;
	uint64_t destroyed_id;
	uint32_t destroyed_opcode;
	unsigned int destroys;
};

static struct fx *cur;

static void
check_keys(const struct fx *f, const struct fz_chain *c)
{
	uint32_t want = f->cipher_key_len + f->auth_key_len;

	if (want == 0) {
		FZ_CHECK(c->n == 2, "a request without keys has %u buffers",
			 c->n);
		return;
	}
	FZ_CHECK(c->n == 3 && c->b[1].len == want,
		 "key buffer of %u bytes for keys of %u + %u",
		 c->n == 3 ? c->b[1].len : 0, f->cipher_key_len,
		 f->auth_key_len);
	FZ_CHECK(f->cipher_key_len <= VCRYPTO_MAX_CIPHER_KEY &&
		 f->auth_key_len <= VCRYPTO_MAX_AUTH_KEY,
		 "keys of %u and %u bytes sent", f->cipher_key_len,
		 f->auth_key_len);
	FZ_CHECK(f->cipher_key_len == 0 ||
		 memcmp(c->b[1].addr, f->cipher_key, f->cipher_key_len) == 0,
		 "cipher key bytes differ");
	FZ_CHECK(f->auth_key_len == 0 ||
		 memcmp(c->b[1].addr + f->cipher_key_len, f->auth_key,
			f->auth_key_len) == 0, "auth key bytes differ");
}

static void
on_notify(struct fz_dev *d, uint16_t qid)
{
	struct fx *f = cur;
	struct fz_chain c;

	FZ_CHECK(qid == CTRL_QID, "notify of data queue %u", qid);
	while (fz_dev_pop(d, qid, &c)) {
		const struct virtio_crypto_op_ctrl_req *req =
			(const void *)c.b[0].addr;
		uint8_t *in = c.b[c.n - 1].addr;
		uint8_t pick = fz_u8(f->in);
		uint32_t status = pick < 200 ? VIRTIO_CRYPTO_OK : pick % 8;

		FZ_CHECK(c.b[0].len == sizeof(*req), "request of %u bytes",
			 c.b[0].len);
		if (c.b[c.n - 1].len == sizeof(struct virtio_crypto_inhdr)) {
			f->destroys++;
			f->destroyed_opcode = le32toh(req->header.opcode);
			f->destroyed_id =
				le64toh(req->u.destroy_session.session_id);
			in[0] = VIRTIO_CRYPTO_OK;
		} else {
			struct virtio_crypto_session_input si = {
				.session_id = htole64(fz_u64(f->in)),
				.status = htole32(status),
			};

			FZ_CHECK(c.b[c.n - 1].len == sizeof(si),
				 "answer buffer of %u bytes", c.b[c.n - 1].len);
			f->opcode = le32toh(req->header.opcode);
			if (!f->probing)
				check_keys(f, &c);
			memcpy(in, &si, sizeof(si));
			f->created = status == VIRTIO_CRYPTO_OK;
			f->created_id = le64toh(si.session_id);
		}
		fz_dev_used(d, qid, c.head, c.b[c.n - 1].len);
	}
}

/* Exactly len bytes (none: NULL, or a pointer that must not be read). */
static uint8_t *
make_key(struct fz_in *in, uint16_t len, uint8_t **keep)
{
	uint8_t *k;

	if (fz_u8(in) == 0x42)
		return NULL;
	k = malloc(len != 0 ? len : 1);
	if (k != NULL)
		fz_bytes(in, k, len);
	*keep = k;
	return k;
}

static uint16_t
any_len(struct fz_in *in, uint16_t typical)
{
	uint8_t b = fz_u8(in);

	if (b < 160)
		return typical;
	if (b < 240)
		return b % 80;
	return fz_u16(in) % 1100;
}

static void
make_xform(struct fz_in *in, struct rte_crypto_sym_xform *x, uint8_t **keep)
{
	static const uint16_t keys[] = { 16, 24, 32, 64, 8, 20 };
	static const uint16_t digests[] = { 12, 16, 20, 32, 64, 4 };
	uint16_t klen = any_len(in, keys[fz_pick(in, RTE_DIM(keys))]);

	memset(x, 0, sizeof(*x));
	x->type = fz_u8(in) < 250 ? 1 + fz_pick(in, 3) : fz_u8(in);
	switch (x->type) {
	case RTE_CRYPTO_SYM_XFORM_CIPHER:
		x->cipher.algo = fz_pick(in, 24);
		x->cipher.op = fz_pick(in, 3);
		x->cipher.key.length = klen;
		x->cipher.key.data = make_key(in, klen, keep);
		x->cipher.iv.offset = fz_u16(in);
		x->cipher.iv.length = any_len(in, 16);
		x->cipher.dataunit_len = fz_bool(in) ? fz_u32(in) : 0;
		break;
	case RTE_CRYPTO_SYM_XFORM_AUTH:
		x->auth.algo = fz_pick(in, 26);
		x->auth.op = fz_pick(in, 3);
		x->auth.key.length = fz_bool(in) ? 0 : klen;
		x->auth.key.data = make_key(in, x->auth.key.length, keep);
		x->auth.iv.offset = fz_u16(in);
		x->auth.iv.length = any_len(in, fz_bool(in) ? 12 : 0);
		x->auth.digest_length =
			any_len(in, digests[fz_pick(in, RTE_DIM(digests))]);
		break;
	case RTE_CRYPTO_SYM_XFORM_AEAD:
		x->aead.algo = fz_pick(in, 5);
		x->aead.op = fz_pick(in, 3);
		x->aead.key.length = klen;
		x->aead.key.data = make_key(in, klen, keep);
		x->aead.iv.offset = fz_u16(in);
		x->aead.iv.length = any_len(in, 12);
		x->aead.digest_length = any_len(in, 16);
		x->aead.aad_length = any_len(in, fz_pick(in, 3) * 8);
		break;
	default:
		break;
	}
}

/* The keys the request should carry: cipher (or AEAD, GMAC) key first. */
static void
expected_keys(struct fx *f, const struct rte_crypto_sym_xform *x)
{
	bool gmac = false;

	f->cipher_key = f->auth_key = NULL;
	f->cipher_key_len = f->auth_key_len = 0;
	for (; x != NULL; x = x->next) {
		gmac = x->type == RTE_CRYPTO_SYM_XFORM_AUTH &&
			x->auth.algo == RTE_CRYPTO_AUTH_AES_GMAC;
		if (x->type == RTE_CRYPTO_SYM_XFORM_CIPHER) {
			f->cipher_key = x->cipher.key.data;
			f->cipher_key_len = x->cipher.key.length;
		} else if (x->type == RTE_CRYPTO_SYM_XFORM_AEAD) {
			f->cipher_key = x->aead.key.data;
			f->cipher_key_len = x->aead.key.length;
		} else if (x->type == RTE_CRYPTO_SYM_XFORM_AUTH) {
			f->auth_key = x->auth.key.data;
			f->auth_key_len = x->auth.key.length;
		}
	}
	/* GMAC alone goes as an AEAD session: its key is the cipher key. */
	if (f->cipher_key_len == 0 && f->cipher_key == NULL && gmac) {
		f->cipher_key = f->auth_key;
		f->cipher_key_len = f->auth_key_len;
		f->auth_key = NULL;
		f->auth_key_len = 0;
	}
}

static void
random_config(struct fz_dev *d, struct fz_in *in)
{
	struct virtio_crypto_config *c = &d->cfg;

	if (fz_bool(in))
		return;		/* everything */
	c->crypto_services = htole32(fz_u8(in) & 0x1f);
	c->cipher_algo_l = htole32(fz_u32(in));
	c->hash_algo = htole32(fz_u16(in));
	c->mac_algo_l = htole32(fz_u32(in));
	c->aead_algo = htole32(fz_u8(in));
	c->max_cipher_key_len = htole32(fz_pick(in, 80));
	c->max_auth_key_len = htole32(fz_pick(in, 600));
	c->max_size = htole64(fz_bool(in) ? 0 : fz_u32(in));
}

static bool
documented(int ret)
{
	return ret == 0 || ret == -ENOTSUP || ret == -ENOSPC ||
		ret == -EINVAL || ret == -ENOENT || ret == -ETIMEDOUT ||
		ret == -EIO;
}

static void
one_session(struct fx *f, struct rte_cryptodev *dev,
	    struct rte_cryptodev_sym_session *sess)
{
	struct rte_crypto_sym_xform xf[MAX_XFORMS];
	uint8_t *keep[MAX_XFORMS] = { NULL };
	struct vcrypto_session *s = CRYPTODEV_GET_SYM_SESS_PRIV(sess);
	unsigned int n = 1 + fz_pick(f->in, MAX_XFORMS), i;
	struct vcrypto_session zero;
	int ret;

	for (i = 0; i < n; i++) {
		make_xform(f->in, &xf[i], &keep[i]);
		xf[i].next = i + 1 < n ? &xf[i + 1] : NULL;
	}
	expected_keys(f, xf);
	f->created = false;
	memset(s, 0xa5, sizeof(*s));
	ret = vcrypto_sym_session_configure(dev, xf, sess);
	FZ_CHECK(documented(ret), "configure: %d", ret);
	memset(&zero, 0, sizeof(zero));
	if (ret != 0) {
		FZ_CHECK(memcmp(s, &zero, sizeof(zero)) == 0,
			 "failed session not zeroed");
	} else {
		FZ_CHECK(f->created && s->session_id == f->created_id,
			 "session id %llu, the device made %llu (%d)",
			 (unsigned long long)s->session_id,
			 (unsigned long long)f->created_id, f->created);
		FZ_CHECK(s->encoder > VCRYPTO_ENC_NONE && s->encoder < VCRYPTO_NB_ENC,
			 "configured without an encoder");
		FZ_CHECK(s->iv_len <= VCRYPTO_MAX_IV &&
			 s->digest_len <= VCRYPTO_MAX_DIGEST &&
			 s->meta.verify_len <= s->digest_len,
			 "iv %u digest %u verify %u", s->iv_len, s->digest_len,
			 s->meta.verify_len);
		FZ_CHECK(s->destroy_opcode == f->opcode + 1,
			 "destroy opcode %#x for create %#x", s->destroy_opcode,
			 f->opcode);
		f->destroys = 0;
		vcrypto_sym_session_clear(dev, sess);
		FZ_CHECK(f->destroys == 1 && f->destroyed_id == f->created_id &&
			 f->destroyed_opcode == f->opcode + 1,
			 "clear: %u destroys of %llu (%#x)", f->destroys,
			 (unsigned long long)f->destroyed_id,
			 f->destroyed_opcode);
		FZ_CHECK(memcmp(s, &zero, sizeof(zero)) == 0,
			 "cleared session not zeroed");
	}
	for (i = 0; i < n; i++)
		free(keep[i]);
}

int
LLVMFuzzerInitialize(int *argc __rte_unused, char ***argv __rte_unused)
{
	fz_quiet_logs();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rte_cryptodev_data ddata;
	struct rte_cryptodev dev;
	struct rte_cryptodev_sym_session *sess;
	long allocs = fz_live_allocs;
	unsigned int k = 0;
	struct fz_in in;
	struct fx *f;

	fz_in_init(&in, data, size);
	f = calloc(1, sizeof(*f));
	sess = fz_session_alloc();
	if (f == NULL || sess == NULL)
		goto out;
	cur = f;
	f->in = &in;
	fz_dev_init(&f->dev, 16);
	f->dev.on_notify = on_notify;
	random_config(&f->dev, &in);
	memset(&dev, 0, sizeof(dev));
	memset(&ddata, 0, sizeof(ddata));
	dev.data = &ddata;
	ddata.dev_private = &f->dev.hw;
	if (fz_dev_start(&f->dev, 0) == 0) {
		f->probing = f->dev.hw.opts.probe_caps = fz_u8(&in) < 16;
		if (vcrypto_caps_build(&f->dev.hw) == 0) {
			f->probing = false;
			while (fz_more(&in) && k++ < 16)
				one_session(f, &dev, sess);
		}
		vcrypto_caps_free(&f->dev.hw);
	}
	fz_dev_stop(&f->dev);
	FZ_CHECK(fz_live_allocs == allocs, "%ld allocations leaked",
		 fz_live_allocs - allocs);
out:
	free(sess);
	free(f);
	cur = NULL;
	return 0;
}
