/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * The session table. An id is a sequence number above the slot index,
 * so a destroyed session's id never names the slot's next occupant, and
 * a lookup is one index and one compare. Data requests copy the session
 * out under the read lock and do their crypto without it; an RSA or ECDSA
 * key is not copied but referenced, and the copy's reference keeps it alive
 * when the session is destroyed meanwhile.
 */

#include <stdlib.h>
#include <string.h>

#include <linux/virtio_crypto.h>

#include "vcdev_internal.h"

#define SLOT_BITS 16	/* max_sessions <= 65536 */
#define SLOT_MASK ((1ULL << SLOT_BITS) - 1)

int
vcdev_sessions_init(struct vcdev_sessions *s, uint32_t max)
{
	s->tab = calloc(max, sizeof(*s->tab));
	if (s->tab == NULL)
		return -1;
	pthread_rwlock_init(&s->lock, NULL);
	s->max = max;
	s->seq = 1;
	return 0;
}

/* Let go of what a session in the table owns beyond its bytes. */
static void
release(struct vcdev_session *sess)
{
	vcdev_rsa_unref(sess->rsa.key);
	vcdev_ecdsa_unref(sess->ecdsa);
	memset(sess, 0, sizeof(*sess));
}

void
vcdev_sessions_fini(struct vcdev_sessions *s)
{
	uint32_t i;

	if (s->tab == NULL)
		return;
	for (i = 0; i < s->max; i++)
		release(&s->tab[i]);
	pthread_rwlock_destroy(&s->lock);
	free(s->tab);
	s->tab = NULL;
}

void
vcdev_sessions_clear(struct vcdev_sessions *s)
{
	uint32_t i;

	pthread_rwlock_wrlock(&s->lock);
	/* Keys should not outlive the sessions in memory either. */
	for (i = 0; i < s->max; i++)
		release(&s->tab[i]);
	s->active = 0;
	s->cursor = 0;
	pthread_rwlock_unlock(&s->lock);
}

uint8_t
vcdev_session_add(struct vcdev_sessions *s, const struct vcdev_session *sess,
		  uint64_t *id)
{
	uint32_t k, i = 0;

	pthread_rwlock_wrlock(&s->lock);
	if (s->active == s->max) {
		pthread_rwlock_unlock(&s->lock);
		return VIRTIO_CRYPTO_NOSPC;
	}
	for (k = 0; k < s->max; k++) {
		i = (s->cursor + k) % s->max;
		if (!s->tab[i].in_use)
			break;
	}
	s->tab[i] = *sess;
	s->tab[i].in_use = true;
	s->tab[i].id = (s->seq++ << SLOT_BITS) | i;
	*id = s->tab[i].id;
	s->active++;
	s->cursor = i + 1;
	pthread_rwlock_unlock(&s->lock);
	return VIRTIO_CRYPTO_OK;
}

static struct vcdev_session *
lookup(struct vcdev_sessions *s, uint64_t id)
{
	uint64_t i = id & SLOT_MASK;

	if (i >= s->max || !s->tab[i].in_use || s->tab[i].id != id)
		return NULL;
	return &s->tab[i];
}

uint8_t
vcdev_session_del(struct vcdev_sessions *s, uint64_t id, uint32_t service)
{
	struct vcdev_session *sess;
	uint8_t st = VIRTIO_CRYPTO_ERR;

	pthread_rwlock_wrlock(&s->lock);
	sess = lookup(s, id);
	if (sess != NULL && sess->service == service) {
		release(sess);
		s->active--;
		st = VIRTIO_CRYPTO_OK;
	}
	pthread_rwlock_unlock(&s->lock);
	return st;
}

bool
vcdev_session_get(struct vcdev_sessions *s, uint64_t id,
		  struct vcdev_session *out)
{
	struct vcdev_session *sess;

	pthread_rwlock_rdlock(&s->lock);
	sess = lookup(s, id);
	if (sess != NULL) {
		*out = *sess;
		vcdev_rsa_ref(out->rsa.key);
		vcdev_ecdsa_ref(out->ecdsa);
	}
	pthread_rwlock_unlock(&s->lock);
	return sess != NULL;
}

void
vcdev_session_put(struct vcdev_session *s)
{
	vcdev_rsa_unref(s->rsa.key);
	vcdev_ecdsa_unref(s->ecdsa);
	memset(s, 0, sizeof(*s));
}

uint32_t
vcdev_sessions_active(struct vcdev_sessions *s)
{
	uint32_t n;

	pthread_rwlock_rdlock(&s->lock);
	n = s->active;
	pthread_rwlock_unlock(&s->lock);
	return n;
}
