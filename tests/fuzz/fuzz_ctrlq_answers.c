/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The control queue against a device whose answers the input writes:
 * any status word, any session id, any used length, answers held and
 * given late (after the driver timed out), bogus used ids, requests
 * never answered. The driver runs session create and destroy requests
 * the input picks, through vcrypto_ctrlq_create_session() and
 * vcrypto_ctrlq_destroy_session().
 *
 * Invariants: no memory error; the result is one the API documents; a
 * session is reported created only when the device answered this very
 * request with OK in a length that fits, and with the id it wrote; an
 * answered request's status maps to the documented errno; a timeout
 * means no valid answer came; once the driver saw the queue broken it
 * sends nothing more; every destroy the driver sends on its own names a
 * session a late OK answer made, with the matching opcode, at most once;
 * key bytes do not outlive an answered request.
 */

#include <errno.h>
#include <stdlib.h>

#include "fz_env.h"
#include "virtio_crypto_ctrlq.h"
#include "virtio_crypto_session_req.h"

#define CTRL_QID 1
#define MAX_REQS 64
#define MAX_LATE 64

struct req {
	uint16_t head;
	uint32_t seq;		/* API call that posted it */
	uint32_t notify;	/* notification that brought it */
	uint32_t opcode;
	bool create;
	uint8_t *keys;		/* key buffer, NULL without */
	uint32_t key_len;
	uint8_t *in;		/* the answer buffer */
	uint32_t in_len;
	/* the answer */
	bool answered;		/* a used entry with its id */
	bool fits;		/* ...and a length within in_len */
	uint32_t answer_seq;
	uint32_t answer_notify;
	uint32_t status;
	uint64_t session_id;
};

struct late_session {
	uint64_t id;
	uint32_t destroy_opcode;
	bool destroyed;
};

struct fx {
	struct fz_dev dev;
	struct fz_in *in;
	uint32_t seq;
	uint32_t notify;
	struct req reqs[MAX_REQS];
	unsigned int nb_reqs;
	/* requests waiting for an answer, by index into reqs[] */
	uint16_t pending[MAX_REQS];
	unsigned int nb_pending;
	/* popped in the current call: the first is the caller's own */
	unsigned int first_of_call;
	struct late_session late[MAX_LATE];
	unsigned int nb_late;
};

static uint32_t
destroy_of(uint32_t create)
{
	switch (create) {
	case VIRTIO_CRYPTO_CIPHER_CREATE_SESSION:
	case VIRTIO_CRYPTO_HASH_CREATE_SESSION:
	case VIRTIO_CRYPTO_MAC_CREATE_SESSION:
	case VIRTIO_CRYPTO_AEAD_CREATE_SESSION:
	case VIRTIO_CRYPTO_AKCIPHER_CREATE_SESSION:
		return create + 1;
	default:
		return 0;
	}
}

static bool
is_destroy(uint32_t opcode)
{
	return opcode == VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION ||
		opcode == VIRTIO_CRYPTO_HASH_DESTROY_SESSION ||
		opcode == VIRTIO_CRYPTO_MAC_DESTROY_SESSION ||
		opcode == VIRTIO_CRYPTO_AEAD_DESTROY_SESSION ||
		opcode == VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION;
}

/* A destroy the driver sent on its own: it must name a late session. */
static void
check_orphan_destroy(struct fx *f, const struct req *r, uint64_t id)
{
	unsigned int i;

	FZ_CHECK(is_destroy(r->opcode) && !r->create,
		 "driver sent opcode %#x on its own", r->opcode);
	for (i = 0; i < f->nb_late; i++) {
		struct late_session *l = &f->late[i];

		if (l->id == id && l->destroy_opcode == r->opcode &&
		    !l->destroyed) {
			l->destroyed = true;
			return;
		}
	}
	FZ_CHECK(false, "driver destroys session %llu (opcode %#x) that no "
		 "late answer made", (unsigned long long)id, r->opcode);
}

static void
take_request(struct fx *f, const struct fz_chain *c)
{
	const struct virtio_crypto_op_ctrl_req *cr;
	struct req *r;
	unsigned int nread = c->n - 1;

	FZ_CHECK(f->nb_reqs < MAX_REQS, "more than %u requests", MAX_REQS);
	r = &f->reqs[f->nb_reqs];
	memset(r, 0, sizeof(*r));
	FZ_CHECK(c->n == 2 || c->n == 3, "control chain of %u buffers", c->n);
	FZ_CHECK(!c->b[0].write && c->b[0].len == sizeof(*cr),
		 "request buffer: %u bytes, write %d", c->b[0].len,
		 c->b[0].write);
	FZ_CHECK(c->b[c->n - 1].write && (nread == 1 || !c->b[1].write),
		 "control chain: one answer buffer, last");
	cr = (const struct virtio_crypto_op_ctrl_req *)c->b[0].addr;
	r->head = c->head;
	r->seq = f->seq;
	r->notify = f->notify;
	r->opcode = le32toh(cr->header.opcode);
	if (c->n == 3) {
		r->keys = c->b[1].addr;
		r->key_len = c->b[1].len;
		FZ_CHECK(r->key_len != 0, "empty key buffer");
	}
	r->in = c->b[c->n - 1].addr;
	r->in_len = c->b[c->n - 1].len;
	/* The answer's size says what the driver asked: a create or not. */
	FZ_CHECK(r->in_len == sizeof(struct virtio_crypto_session_input) ||
		 r->in_len == sizeof(struct virtio_crypto_inhdr),
		 "answer buffer of %u bytes for opcode %#x", r->in_len,
		 r->opcode);
	r->create = r->in_len == sizeof(struct virtio_crypto_session_input);
	if (f->first_of_call != UINT32_MAX)
		check_orphan_destroy(f, r,
				     le64toh(cr->u.destroy_session.session_id));
	else
		f->first_of_call = f->nb_reqs;
	f->pending[f->nb_pending++] = (uint16_t)f->nb_reqs;
	f->nb_reqs++;
}

static void
answer(struct fx *f, struct req *r, uint32_t status, uint64_t id,
       uint32_t len)
{
	struct virtio_crypto_session_input si;

	if (r->create) {
		si.session_id = htole64(id);
		si.status = htole32(status);
		si.padding = 0;
		memcpy(r->in, &si, sizeof(si));
	} else {
		r->in[0] = (uint8_t)status;
		status &= 0xff;
	}
	fz_dev_used(&f->dev, CTRL_QID, r->head, len);
	r->answered = true;
	r->fits = len <= r->in_len;
	r->answer_seq = f->seq;
	r->answer_notify = f->notify;
	r->status = status;
	r->session_id = id;
	/*
	 * Answered in a later notification than the one that brought it:
	 * the driver's wait for it is over (it answers at once or never).
	 */
	if (r->notify != f->notify && r->create && r->fits && status == 0 &&
	    destroy_of(r->opcode) != 0 && f->nb_late < MAX_LATE)
		f->late[f->nb_late++] = (struct late_session){
			id, destroy_of(r->opcode), false };
}

/*
 * A used id the input made up can name a request still waiting: to the
 * driver that request is then answered, with what its buffer holds (the
 * driver's own "error" fill), and its descriptors are free for the next
 * request. It must not be answered again: that would write into a later
 * request's buffer and be that request's answer.
 */
static void
bogus_used(struct fx *f, uint32_t id, uint32_t len)
{
	const struct virtio_crypto_session_input *si;
	unsigned int i;
	struct req *r;

	fz_dev_used(&f->dev, CTRL_QID, id, len);
	for (i = 0; i < f->nb_pending; i++) {
		r = &f->reqs[f->pending[i]];
		if (r->answered || r->head != id)
			continue;
		si = (const struct virtio_crypto_session_input *)r->in;
		r->answered = true;
		r->fits = len <= r->in_len;
		r->answer_seq = f->seq;
		r->answer_notify = f->notify;
		r->status = r->create ? le32toh(si->status) : r->in[0];
		r->session_id = r->create ? le64toh(si->session_id) : 0;
	}
}

/* What the device does with each request waiting, as the input says. */
static void
serve(struct fx *f)
{
	unsigned int i, kept = 0;

	for (i = 0; i < f->nb_pending; i++) {
		struct req *r = &f->reqs[f->pending[i]];
		uint8_t act;
		uint32_t len = r->in_len;

		if (r->answered)
			continue;	/* by a made-up used id */
		act = fz_u8(f->in) % 12;
		switch (act) {
		case 0: case 1: case 2: case 3:
			answer(f, r, VIRTIO_CRYPTO_OK, fz_u64(f->in), len);
			break;
		case 4: case 5:
			answer(f, r, fz_bool(f->in) ? fz_u32(f->in) :
			       fz_u8(f->in) % 8, fz_u64(f->in), len);
			break;
		case 6:
			len = fz_bool(f->in) ? fz_u32(f->in) : fz_u8(f->in) % 24;
			answer(f, r, fz_u8(f->in) % 8, fz_u64(f->in), len);
			break;
		case 7: case 8:
			f->pending[kept++] = f->pending[i];	/* later */
			break;
		case 9:
			/* Any used id: never posted, out of range, or in use. */
			len = fz_u8(f->in);
			bogus_used(f, fz_bool(f->in) ? fz_u32(f->in) :
				   fz_u8(f->in) % 32, len);
			if (!r->answered)
				f->pending[kept++] = f->pending[i];
			break;
		case 10:
			/* Answered twice: the second is a stale id. */
			answer(f, r, VIRTIO_CRYPTO_OK, fz_u64(f->in), len);
			fz_dev_used(&f->dev, CTRL_QID, r->head, len);
			break;
		default:
			break;		/* never answered */
		}
	}
	f->nb_pending = kept;
}

static struct fx *cur;

static void
on_notify(struct fz_dev *d __rte_unused, uint16_t qid)
{
	struct fz_chain c;

	FZ_CHECK(qid == CTRL_QID, "notify of data queue %u", qid);
	cur->notify++;
	while (fz_dev_pop(&cur->dev, CTRL_QID, &c))
		take_request(cur, &c);
	serve(cur);
}

static void
build_request(struct fz_in *in, struct virtio_crypto_op_ctrl_req *req,
	      uint32_t *ck, uint32_t *ak)
{
	struct vcrypto_chain_auth auth;

	*ck = fz_pick(in, 80);
	*ak = 0;
	switch (fz_u8(in) % 6) {
	case 0:
		vcrypto_req_cipher_session(req, fz_u8(in), *ck, fz_u8(in) % 3);
		break;
	case 1:
		*ck = 0;
		vcrypto_req_hash_session(req, fz_u8(in), fz_u8(in));
		break;
	case 2:
		*ak = *ck * 7;
		*ck = 0;
		vcrypto_req_mac_session(req, fz_u8(in), fz_u8(in), *ak);
		break;
	case 3:
		vcrypto_req_aead_session(req, fz_u8(in), *ck, fz_u8(in),
					 fz_u8(in), fz_u8(in) % 3);
		break;
	case 4:
		auth.service = fz_bool(in) ? VIRTIO_CRYPTO_SERVICE_HASH :
			VIRTIO_CRYPTO_SERVICE_MAC;
		auth.algo = fz_u8(in);
		auth.digest_len = fz_u8(in);
		auth.key_len = *ak = fz_pick(in, 600);
		vcrypto_req_chain_session(req, fz_u8(in) % 3, fz_u8(in), *ck,
					  fz_u8(in) % 3, &auth);
		break;
	default:
		/* Anything at all in the header. */
		fz_bytes(in, req, sizeof(*req));
		break;
	}
}

static bool
documented(int ret)
{
	return ret == 0 || ret == -ENOTSUP || ret == -ENOSPC ||
		ret == -EINVAL || ret == -ENOENT || ret == -ETIMEDOUT ||
		ret == -EIO;
}

static int
errno_of(uint32_t status)
{
	switch (status) {
	case VIRTIO_CRYPTO_OK: return 0;
	case VIRTIO_CRYPTO_NOTSUPP: return -ENOTSUP;
	case VIRTIO_CRYPTO_NOSPC: return -ENOSPC;
	case VIRTIO_CRYPTO_INVSESS: return -ENOENT;
	default: return -EINVAL;
	}
}

/* Whether a later request took request i's slot (and its key area). */
static bool
reused(const struct fx *f, unsigned int i)
{
	unsigned int j;

	for (j = i + 1; j < f->nb_reqs; j++)
		if (f->reqs[j].in == f->reqs[i].in)
			return true;
	return false;
}

/* Key bytes of requests answered by now: gone, unless the queue broke. */
static void
check_keys_wiped(const struct fx *f)
{
	unsigned int i, k;

	if (f->dev.hw.broken)
		return;
	for (i = 0; i < f->nb_reqs; i++) {
		const struct req *r = &f->reqs[i];

		if (!r->answered || r->keys == NULL || reused(f, i))
			continue;
		for (k = 0; k < r->key_len; k++)
			FZ_CHECK(r->keys[k] == 0,
				 "key byte %u of answered request %u kept", k, i);
	}
}

static void
one_call(struct fx *f)
{
	static uint8_t keybuf[VCRYPTO_MAX_AUTH_KEY + 64];
	struct virtio_crypto_op_ctrl_req req;
	struct vcrypto_ctrl_keys keys;
	bool was_broken = f->dev.hw.broken;
	unsigned int before = f->nb_reqs;
	const struct req *own;
	uint64_t sid = 0;
	uint32_t ck, ak;
	bool create = fz_u8(f->in) % 3 != 0;
	int ret;

	f->seq++;
	f->first_of_call = UINT32_MAX;
	memset(keybuf, 0x3c, sizeof(keybuf));
	if (create) {
		memset(&req, 0, sizeof(req));
		build_request(f->in, &req, &ck, &ak);
		keys = (struct vcrypto_ctrl_keys){ keybuf, ck, keybuf, ak };
		ret = vcrypto_ctrlq_create_session(&f->dev.hw, &req,
			fz_u8(f->in) == 0x77 ? NULL : &keys, &sid);
	} else {
		uint32_t op = VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION +
			(fz_u8(f->in) % 5) * 0x100;

		ret = vcrypto_ctrlq_destroy_session(&f->dev.hw, op,
						    fz_u64(f->in));
	}
	FZ_CHECK(documented(ret), "undocumented result %d", ret);
	if (was_broken)
		FZ_CHECK(ret == -EIO || ret == -EINVAL,
			 "broken controlq: result %d", ret);
	if (was_broken || f->first_of_call == UINT32_MAX) {
		FZ_CHECK(f->nb_reqs == before || !was_broken,
			 "a request went to a controlq known broken");
		FZ_CHECK(ret != 0 && ret != -ETIMEDOUT,
			 "result %d for a request never posted", ret);
		check_keys_wiped(f);
		return;
	}
	own = &f->reqs[f->first_of_call];
	FZ_CHECK(own->create == create, "the caller's request has opcode %#x",
		 own->opcode);
	if (ret == 0) {
		FZ_CHECK(own->answered && own->fits &&
			 own->answer_notify == own->notify && own->status == 0,
			 "success without a fitting OK answer");
		if (create)
			FZ_CHECK(sid == own->session_id,
				 "session id %llu, the device said %llu",
				 (unsigned long long)sid,
				 (unsigned long long)own->session_id);
	}
	if (ret == -ETIMEDOUT)
		FZ_CHECK(!(own->answered && own->fits &&
			   own->answer_notify == own->notify),
			 "timeout although the device answered");
	if (ret != -EIO && own->answered && own->fits &&
	    own->answer_notify == own->notify)
		FZ_CHECK(ret == errno_of(own->status),
			 "status %u gave %d", own->status, ret);
	check_keys_wiped(f);
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
	struct fz_in in;
	struct fx *f;
	unsigned int calls = 0;
	long allocs = fz_live_allocs;

	fz_in_init(&in, data, size);
	f = calloc(1, sizeof(*f));
	if (f == NULL)
		return 0;
	cur = f;
	f->in = &in;
	fz_dev_init(&f->dev, 1u << (fz_u8(&in) % 6));	/* ring 1 .. 32 */
	f->dev.on_notify = on_notify;
	if (fz_dev_start(&f->dev, 0) == 0) {
		while (fz_more(&in) && calls++ < 48 && f->nb_reqs < MAX_REQS - 20)
			one_call(f);
		FZ_CHECK(vcrypto_ctrlq_timeouts(f->dev.hw.ctrlq) <= calls * 17,
			 "timeouts counted wrong");
	}
	fz_dev_stop(&f->dev);
	FZ_CHECK(fz_live_allocs == allocs, "%ld allocations leaked",
		 fz_live_allocs - allocs);
	free(f);
	cur = NULL;
	return 0;
}
