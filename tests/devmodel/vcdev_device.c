/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

/*
 * Device state and registers: status handshake and reset, feature
 * negotiation, device configuration, queue programming; model lifetime.
 */

#include <endian.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/virtio_config.h>
#include <linux/virtio_crypto.h>

#include "vcdev_internal.h"

#define VCDEV_MAX_DATAQUEUES 1024
#define VCDEV_MAX_SESSIONS 65536
/* Keeps every length the model computes well inside int and size_t. */
#define VCDEV_MAX_MAX_SIZE (1ULL << 30)

#define RUNNING_BITS (VIRTIO_CONFIG_S_FEATURES_OK | VIRTIO_CONFIG_S_DRIVER_OK)
#define STOPPED_BITS (VIRTIO_CONFIG_S_NEEDS_RESET | VIRTIO_CONFIG_S_FAILED)

struct vcdev_model_config
vcdev_model_config_full(void)
{
	struct vcdev_model_config cfg = {
		.max_dataqueues = 4,
		.queue_size = 1024,
		.max_size = 1u << 20,
		.max_cipher_key_len = VCDEV_MAX_CIPHER_KEY,
		.max_auth_key_len = VCDEV_MAX_AUTH_KEY,
		.features = (1ULL << VIRTIO_F_VERSION_1) |
			(1ULL << VIRTIO_RING_F_INDIRECT_DESC) |
			(1ULL << VIRTIO_RING_F_EVENT_IDX),
		.max_sessions = 1024,
		.threaded = true,
		.nb_threads = 1,
	};
	/* Advertise what this OpenSSL really has (single DES is legacy). */
	struct vcdev_crypto *c = vcdev_crypto_create();
	uint64_t mask;

	if (c == NULL)
		return cfg;
	mask = vcdev_crypto_cipher_mask(c);
	cfg.cipher_algo_l = (uint32_t)mask;
	cfg.cipher_algo_h = (uint32_t)(mask >> 32);
	if (mask != 0)
		cfg.crypto_services |= 1u << VIRTIO_CRYPTO_SERVICE_CIPHER;
	cfg.hash_algo = vcdev_crypto_hash_mask(c);
	if (cfg.hash_algo != 0)
		cfg.crypto_services |= 1u << VIRTIO_CRYPTO_SERVICE_HASH;
	mask = vcdev_crypto_mac_mask(c);
	cfg.mac_algo_l = (uint32_t)mask;
	cfg.mac_algo_h = (uint32_t)(mask >> 32);
	if (mask != 0)
		cfg.crypto_services |= 1u << VIRTIO_CRYPTO_SERVICE_MAC;
	cfg.aead_algo = vcdev_crypto_aead_mask(c);
	if (cfg.aead_algo != 0)
		cfg.crypto_services |= 1u << VIRTIO_CRYPTO_SERVICE_AEAD;
	cfg.akcipher_algo = vcdev_crypto_akcipher_mask(c);
	if (cfg.akcipher_algo != 0)
		cfg.crypto_services |= 1u << VIRTIO_CRYPTO_SERVICE_AKCIPHER;
	vcdev_crypto_destroy(c);
	return cfg;
}

static bool
config_valid(const struct vcdev_model_config *cfg)
{
	return cfg->max_dataqueues >= 1 &&
		cfg->max_dataqueues <= VCDEV_MAX_DATAQUEUES &&
		cfg->queue_size != 0 &&
		(cfg->queue_size & (cfg->queue_size - 1)) == 0 &&
		cfg->max_size != 0 && cfg->max_size <= VCDEV_MAX_MAX_SIZE &&
		cfg->max_sessions >= 1 &&
		cfg->max_sessions <= VCDEV_MAX_SESSIONS &&
		cfg->max_cipher_key_len <= VCDEV_MAX_CIPHER_KEY &&
		cfg->max_auth_key_len <= VCDEV_MAX_AUTH_KEY &&
		(cfg->features & (1ULL << VIRTIO_F_VERSION_1)) &&
		cfg->nb_threads <= VCDEV_MAX_DATAQUEUES + 1;
}

static void
queue_free(struct vcdev_queue *q)
{
	pthread_mutex_destroy(&q->lock);
	free(q->segs);
	free(q->rbuf);
	free(q->wbuf);
	free(q->batch);
	free(q->held);
	free(q->chain_len);
}

void
vcdev_model_destroy(struct vcdev_model *m)
{
	uint16_t i;

	if (m == NULL)
		return;
	vcdev_threads_stop(m);
	if (m->queues != NULL) {
		for (i = 0; i < m->nb_queues; i++)
			queue_free(&m->queues[i]);
		free(m->queues);
	}
	vcdev_sessions_fini(&m->sessions);
	vcdev_faults_fini(&m->faults);
	vcdev_crypto_destroy(m->crypto);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

struct vcdev_model *
vcdev_model_create(const struct vcdev_model_config *cfg)
{
	struct vcdev_model *m;
	uint16_t i;

	if (cfg == NULL || !config_valid(cfg)) {
		errno = EINVAL;
		return NULL;
	}
	m = calloc(1, sizeof(*m));
	if (m == NULL)
		goto nomem;
	m->cfg = *cfg;
	m->nb_threads = cfg->nb_threads != 0 ? cfg->nb_threads : 1;
	m->cfg_status = VIRTIO_CRYPTO_S_HW_READY;
	pthread_mutex_init(&m->lock, NULL);
	vcdev_faults_init(&m->faults);
	m->crypto = vcdev_crypto_create();
	m->nb_queues = (uint16_t)(cfg->max_dataqueues + 1);
	m->queues = calloc(m->nb_queues, sizeof(*m->queues));
	if (m->crypto == NULL || m->queues == NULL ||
	    vcdev_sessions_init(&m->sessions, cfg->max_sessions) != 0)
		goto nomem;
	for (i = 0; i < m->nb_queues; i++) {
		struct vcdev_queue *q = &m->queues[i];

		q->m = m;
		q->qid = i;
		q->is_ctrl = i == cfg->max_dataqueues;
		pthread_mutex_init(&q->lock, NULL);
	}
	if (cfg->threaded && vcdev_threads_start(m) != 0)
		goto nomem;
	return m;
nomem:
	vcdev_model_destroy(m);
	errno = ENOMEM;
	return NULL;
}

/* ---- status ---- */

bool
vcdev_running(struct vcdev_model *m)
{
	uint8_t st = __atomic_load_n(&m->status, __ATOMIC_ACQUIRE);

	return (st & RUNNING_BITS) == RUNNING_BITS && !(st & STOPPED_BITS);
}

bool
vcdev_has_feature(struct vcdev_model *m, unsigned int bit)
{
	return (__atomic_load_n(&m->features, __ATOMIC_ACQUIRE) >> bit) & 1;
}

void
vcdev_device_error(struct vcdev_model *m, bool malformed)
{
	uint8_t old = __atomic_fetch_or(&m->status, VIRTIO_CONFIG_S_NEEDS_RESET,
					__ATOMIC_ACQ_REL);

	if (old & VIRTIO_CONFIG_S_NEEDS_RESET)
		return;
	VCDEV_ADD(m, device_errors, 1);
	if (malformed)
		VCDEV_ADD(m, malformed, 1);
}

void
vcdev_log_once(struct vcdev_model *m, unsigned int key, const char *fmt, ...)
{
	uint32_t bit = 1u << key;
	va_list ap;

	if (__atomic_fetch_or(&m->logged, bit, __ATOMIC_RELAXED) & bit)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

uint8_t
vcdev_get_status(struct vcdev_model *m)
{
	return __atomic_load_n(&m->status, __ATOMIC_ACQUIRE);
}

/*
 * Status 0: forget everything. Clearing the status first stops new
 * passes; taking each queue lock waits for a pass in progress, so when
 * this returns no device thread touches driver memory any more.
 */
static void
reset_locked(struct vcdev_model *m)
{
	uint16_t i;

	__atomic_store_n(&m->status, 0, __ATOMIC_RELEASE);
	for (i = 0; i < m->nb_queues; i++) {
		struct vcdev_queue *q = &m->queues[i];

		pthread_mutex_lock(&q->lock);
		q->enabled = false;
		q->stalled = false;
		q->desc = NULL;
		q->avail = NULL;
		q->used = NULL;
		q->packed = false;
		q->pdesc = NULL;
		q->driver_event = NULL;
		q->device_event = NULL;
		q->size = 0;
		q->mask = 0;
		q->last_avail = 0;
		q->used_idx = 0;
		q->nbatch = 0;
		q->nheld = 0;
		pthread_mutex_unlock(&q->lock);
	}
	vcdev_sessions_clear(&m->sessions);
	m->drv_features = 0;
	__atomic_store_n(&m->features, 0, __ATOMIC_RELEASE);
	/*
	 * A pass that was running may have set NEEDS_RESET after the first
	 * store; with every queue disabled none can now, so this one holds
	 * and the driver reads back 0.
	 */
	__atomic_store_n(&m->status, 0, __ATOMIC_RELEASE);
	VCDEV_ADD(m, resets, 1);
}

static bool
features_acceptable(const struct vcdev_model *m)
{
	return (m->drv_features & ~m->cfg.features) == 0 &&
		(m->drv_features & (1ULL << VIRTIO_F_VERSION_1));
}

static void
wake_threads(struct vcdev_model *m)
{
	uint32_t i;

	for (i = 0; m->threads != NULL && i < m->nb_threads; i++)
		vcdev_thread_kick(&m->threads[i]);
}

void
vcdev_set_status(struct vcdev_model *m, uint8_t v)
{
	uint8_t old, new;

	pthread_mutex_lock(&m->lock);
	if (v == 0 && m->ignore_reset) {
		pthread_mutex_unlock(&m->lock);
		return;
	}
	if (v == 0) {
		reset_locked(m);
		pthread_mutex_unlock(&m->lock);
		return;
	}
	old = __atomic_load_n(&m->status, __ATOMIC_ACQUIRE);
	/* FEATURES_OK sticks only for a subset of the offer with VERSION_1. */
	if ((v & VIRTIO_CONFIG_S_FEATURES_OK) &&
	    !(old & VIRTIO_CONFIG_S_FEATURES_OK)) {
		if (features_acceptable(m)) {
			__atomic_store_n(&m->features, m->drv_features,
					 __ATOMIC_RELEASE);
		} else {
			v &= (uint8_t)~VIRTIO_CONFIG_S_FEATURES_OK;
			VCDEV_ADD(m, features_refused, 1);
		}
	}
	/* A device thread may set NEEDS_RESET meanwhile: keep it. */
	do {
		new = v | (old & VIRTIO_CONFIG_S_NEEDS_RESET);
	} while (!__atomic_compare_exchange_n(&m->status, &old, new, false,
					      __ATOMIC_ACQ_REL,
					      __ATOMIC_ACQUIRE));
	pthread_mutex_unlock(&m->lock);
	if ((new & VIRTIO_CONFIG_S_DRIVER_OK) &&
	    !(old & VIRTIO_CONFIG_S_DRIVER_OK))
		wake_threads(m);
}

void
vcdev_model_unstall(struct vcdev_model *m, uint16_t qid)
{
	if (qid >= m->nb_queues)
		return;
	pthread_mutex_lock(&m->queues[qid].lock);
	m->queues[qid].stalled = false;
	pthread_mutex_unlock(&m->queues[qid].lock);
	wake_threads(m);
}

void
vcdev_model_ignore_reset(struct vcdev_model *m, bool ignore)
{
	pthread_mutex_lock(&m->lock);
	m->ignore_reset = ignore;
	pthread_mutex_unlock(&m->lock);
}

uint8_t
vcdev_model_status(struct vcdev_model *m)
{
	return vcdev_get_status(m);
}

void
vcdev_model_set_needs_reset(struct vcdev_model *m)
{
	vcdev_device_error(m, false);
	VCDEV_ADD(m, injected_resets, 1);
}

/* ---- features and config ---- */

uint64_t
vcdev_get_features(struct vcdev_model *m)
{
	return m->cfg.features;
}

void
vcdev_set_features(struct vcdev_model *m, uint64_t features)
{
	pthread_mutex_lock(&m->lock);
	/* Only before FEATURES_OK, as the spec has it. */
	if (!(vcdev_get_status(m) & VIRTIO_CONFIG_S_FEATURES_OK))
		m->drv_features = features;
	pthread_mutex_unlock(&m->lock);
}

uint8_t
vcdev_config_generation(struct vcdev_model *m)
{
	return __atomic_load_n(&m->config_gen, __ATOMIC_ACQUIRE);
}

void
vcdev_model_set_hw_ready(struct vcdev_model *m, bool ready)
{
	pthread_mutex_lock(&m->lock);
	m->cfg_status = ready ? VIRTIO_CRYPTO_S_HW_READY : 0;
	__atomic_fetch_add(&m->config_gen, 1, __ATOMIC_ACQ_REL);
	pthread_mutex_unlock(&m->lock);
}

void
vcdev_read_config(struct vcdev_model *m, size_t off, void *dst, size_t len)
{
	const struct vcdev_model_config *c = &m->cfg;
	struct virtio_crypto_config cfg;
	size_t n = 0;

	memset(&cfg, 0, sizeof(cfg));
	pthread_mutex_lock(&m->lock);
	cfg.status = htole32(m->cfg_status);
	pthread_mutex_unlock(&m->lock);
	cfg.max_dataqueues = htole32(c->max_dataqueues);
	cfg.crypto_services = htole32(c->crypto_services);
	cfg.cipher_algo_l = htole32(c->cipher_algo_l);
	cfg.cipher_algo_h = htole32(c->cipher_algo_h);
	cfg.hash_algo = htole32(c->hash_algo);
	cfg.mac_algo_l = htole32(c->mac_algo_l);
	cfg.mac_algo_h = htole32(c->mac_algo_h);
	cfg.aead_algo = htole32(c->aead_algo);
	cfg.max_cipher_key_len = htole32(c->max_cipher_key_len);
	cfg.max_auth_key_len = htole32(c->max_auth_key_len);
	cfg.akcipher_algo = htole32(c->akcipher_algo);
	cfg.max_size = htole64(c->max_size);

	/* Beyond the structure reads as zero, as unimplemented registers. */
	if (off < sizeof(cfg))
		n = len < sizeof(cfg) - off ? len : sizeof(cfg) - off;
	memcpy(dst, (uint8_t *)&cfg + off, n);
	memset((uint8_t *)dst + n, 0, len - n);
}

/* ---- queues ---- */

bool
vcdev_dma_physical(struct vcdev_model *m)
{
	return m->cfg.dma_physical;
}

uint16_t
vcdev_num_queues(struct vcdev_model *m)
{
	return m->nb_queues;
}

uint16_t
vcdev_queue_max_size(struct vcdev_model *m, uint16_t qid)
{
	return qid < m->nb_queues ? m->cfg.queue_size : 0;
}

void *
vcdev_map(struct vcdev_model *m, uint64_t iova, uint64_t len, bool write)
{
	if (m->cfg.iova_map != NULL)
		return m->cfg.iova_map(m->cfg.iova_map_arg, iova, len, write);
	/* IOVA is VA: only what cannot be an object is refused. */
	if (iova == 0 || len > UINTPTR_MAX - iova)
		return NULL;
	return (void *)(uintptr_t)iova;
}

bool
vcdev_scratch(uint8_t **buf, size_t *cap, size_t need)
{
	size_t ncap = *cap != 0 ? *cap : 4096;
	uint8_t *p;

	if (need <= *cap)
		return true;
	while (ncap < need)
		ncap *= 2;
	p = realloc(*buf, ncap);
	if (p == NULL)
		return false;
	*buf = p;
	*cap = ncap;
	return true;
}

/* Scratch sized by the ring: made on enable, kept for a bigger ring. */
static bool
queue_scratch(struct vcdev_queue *q, uint16_t size)
{
	struct vcdev_done *batch;
	struct vcdev_held *held;
	uint16_t *chain_len;

	if (q->segs == NULL)
		q->segs = calloc(VCDEV_MAX_CHAIN, sizeof(*q->segs));
	if (q->segs == NULL)
		return false;
	batch = realloc(q->batch, sizeof(*batch) * (VCDEV_PASS_BUDGET + size));
	if (batch == NULL)
		return false;
	q->batch = batch;
	held = realloc(q->held, sizeof(*held) * size);
	if (held == NULL)
		return false;
	q->held = held;
	chain_len = realloc(q->chain_len, sizeof(*chain_len) * size);
	if (chain_len == NULL)
		return false;
	q->chain_len = chain_len;
	return true;
}

void *
vcdev_queue_enable(struct vcdev_model *m, uint16_t qid, uint16_t size,
		   uint64_t desc, uint64_t avail, uint64_t used)
{
	uint8_t st = vcdev_get_status(m);
	bool packed = vcdev_has_feature(m, VIRTIO_F_RING_PACKED);
	struct vcdev_queue *q;
	void *d, *a, *u;
	void *cookie = NULL;

	/* Queues are programmed after FEATURES_OK and before DRIVER_OK. */
	if (qid >= m->nb_queues || !(st & VIRTIO_CONFIG_S_FEATURES_OK) ||
	    (st & VIRTIO_CONFIG_S_DRIVER_OK) || size == 0 ||
	    size > m->cfg.queue_size || (size & (size - 1)) != 0 ||
	    (desc & 15) != 0 || (avail & (packed ? 3 : 1)) != 0 ||
	    (used & 3) != 0)
		return NULL;
	/*
	 * Rings as virtio 1.x lays them out, event words included; packed:
	 * the descriptor ring, the driver's and the device's event areas.
	 */
	d = vcdev_map(m, desc, 16ULL * size, packed);
	a = vcdev_map(m, avail, packed ? 4 : 6 + 2ULL * size, false);
	u = vcdev_map(m, used, packed ? 4 : 6 + 8ULL * size, true);
	if (d == NULL || a == NULL || u == NULL)
		return NULL;

	pthread_mutex_lock(&m->lock);
	q = &m->queues[qid];
	pthread_mutex_lock(&q->lock);
	if (queue_scratch(q, size)) {
		q->packed = packed;
		q->pdesc = packed ? d : NULL;
		q->driver_event = packed ? a : NULL;
		q->device_event = packed ? u : NULL;
		q->avail_wrap = true;
		q->used_wrap = true;
		q->desc = packed ? NULL : d;
		q->avail = packed ? NULL : a;
		q->used = packed ? NULL : u;
		q->size = size;
		q->mask = size - 1;
		q->last_avail = 0;
		q->used_idx = 0;
		q->nbatch = 0;
		q->nheld = 0;
		q->stalled = false;
		q->enabled = true;
		cookie = q;
	}
	pthread_mutex_unlock(&q->lock);
	pthread_mutex_unlock(&m->lock);
	return cookie;
}

/* ---- model API ---- */

unsigned int
vcdev_model_poll(struct vcdev_model *m)
{
	unsigned int total = 0, n, consumed, c, round;
	uint16_t i;

	/* Bounded: a driver that keeps posting cannot keep us here. */
	for (round = 0; round < 1024; round++) {
		n = 0;
		consumed = 0;
		for (i = 0; i < m->nb_queues; i++) {
			n += vcdev_serve_queue(&m->queues[i], &c);
			consumed += c;
		}
		total += n;
		if (n == 0 && consumed == 0)
			break;
	}
	return total;
}

void
vcdev_model_stats(struct vcdev_model *m, struct vcdev_model_stats *st)
{
	const uint64_t *src = (const uint64_t *)&m->stats;
	uint64_t *dst = (uint64_t *)st;
	size_t i;

	for (i = 0; i < sizeof(*st) / sizeof(uint64_t); i++)
		dst[i] = __atomic_load_n(&src[i], __ATOMIC_RELAXED);
	st->sessions_active = vcdev_sessions_active(&m->sessions);
}

uint64_t
vcdev_model_queue_requests(struct vcdev_model *m, uint16_t qid)
{
	if (qid >= m->nb_queues)
		return 0;
	return __atomic_load_n(&m->queues[qid].requests, __ATOMIC_RELAXED);
}
