/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VCDEV_INTERNAL_H
#define VCDEV_INTERNAL_H

/*
 * Internals of the device model, shared by its files:
 *   vcdev_device.c    registers: status, features, config, queues, reset
 *   vcdev_transport.c the PMD transport ops over the registers
 *   vcdev_ring.c      split ring, device side: pop chains, push used
 *   vcdev_serve.c     serving queues: passes, batches, threads, notify
 *   vcdev_ctrl.c      controlq requests
 *   vcdev_session.c   the session table
 *   vcdev_data.c      data requests, per service
 *   vcdev_crypto.c    OpenSSL backend
 *   vcdev_rsa.c       OpenSSL backend: RSA (akcipher)
 *   vcdev_ecdsa.c     OpenSSL backend: ECDSA (akcipher): strict DER
 *                     ECPrivateKey / uncompressed point keys, DER
 *                     ECDSA-Sig-Value signatures of a given digest
 *   vcdev_fault.c     fault injection
 *
 * Locking, outermost first: m->lock (registers) > q->lock (one queue:
 * ring state and scratch, held for a whole serving pass) > sessions lock
 * > faults lock. Serving never takes m->lock; reset takes m->lock and then
 * every q->lock, so once it returns no thread touches driver memory.
 * Status and negotiated features are read lock-free (atomics).
 */

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/virtio_ring.h>

#include "vcdev_crypto.h"
#include "vcdev_model.h"

/* Requests one serving pass of a queue takes at most. */
#define VCDEV_PASS_BUDGET 64
/* Size of a control request and of a data request's fixed part. */
#define VCDEV_REQ_LEN 72

#define VCDEV_ADD(m, field, n) \
	__atomic_fetch_add(&(m)->stats.field, (n), __ATOMIC_RELAXED)

/* A mapped device-visible buffer. */
struct vcdev_seg {
	uint8_t *p;
	uint32_t len;
};

/*
 * One request as popped: readable segments first, then writable ones,
 * one a descriptor, in chain order.
 */
struct vcdev_chain {
	uint16_t head;
	uint16_t slot;		/* avail ring entry it came from */
	bool indirect;		/* the head referred to a table ... */
	uint32_t table_len;	/* ... of this many descriptors */
	uint16_t nr;
	uint16_t nw;
	uint64_t rlen;
	uint64_t wlen;
	struct vcdev_seg *seg;	/* the queue's scratch array */
};

/* A completion waiting to be written to the used ring. */
struct vcdev_done {
	uint32_t id;
	uint32_t len;
	bool reorder;
};

struct vcdev_held {
	uint32_t id;
	uint32_t len;
	uint64_t deadline_ns;	/* 0: until vcdev_model_release() */
};

/* What the armed faults do to one request. */
struct vcdev_action {
	bool stall;
	bool needs_reset;
	bool force_status;
	uint8_t status;
	bool delay;
	uint32_t hold_ms;
	bool reorder;
	bool bad_id;
	enum vcdev_bad_id bad_id_kind;
	bool bad_len;
};

struct vcdev_thread;

struct vcdev_queue {
	struct vcdev_model *m;
	struct vcdev_thread *thr;
	pthread_mutex_t lock;
	uint16_t qid;
	bool is_ctrl;

	/* ring, valid while enabled */
	bool enabled;
	bool stalled;
	uint16_t size;
	uint16_t mask;
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	uint16_t last_avail;	/* next avail entry to consume */
	uint16_t used_idx;	/* next used entry to write */

	/*
	 * Packed ring (VIRTIO_F_RING_PACKED negotiated): last_avail and
	 * used_idx are ring positions, with their wrap counters; desc,
	 * avail and used above stay NULL.
	 */
	bool packed;
	struct vring_packed_desc *pdesc;
	struct vring_packed_desc_event *driver_event;
	struct vring_packed_desc_event *device_event;
	bool avail_wrap;
	bool used_wrap;
	uint16_t *chain_len;	/* per buffer id: ring positions it took */

	/* scratch, owned by whoever holds the lock */
	struct vcdev_seg *segs;		/* VCDEV_MAX_CHAIN */
	uint8_t *rbuf;			/* readable bytes, gathered */
	size_t rcap;
	uint8_t *wbuf;			/* bytes to scatter */
	size_t wcap;
	struct vcdev_done *batch;	/* VCDEV_PASS_BUDGET + size */
	unsigned int nbatch;
	struct vcdev_held *held;	/* size entries */
	unsigned int nheld;

	uint64_t requests;		/* consumed, atomic */
};

struct vcdev_thread {
	struct vcdev_model *m;
	pthread_t tid;
	pthread_mutex_t mtx;
	pthread_cond_t cond;
	uint64_t kicks;
	bool stop;
	bool started;
	uint32_t index;
};

struct vcdev_session {
	uint64_t id;
	bool in_use;
	uint32_t service;	/* VIRTIO_CRYPTO_SERVICE_* */
	uint32_t op_type;	/* sym: VIRTIO_CRYPTO_SYM_OP_* */
	uint32_t chain_order;
	uint32_t hash_mode;	/* chain: VIRTIO_CRYPTO_SYM_HASH_MODE_* */
	uint32_t aad_len;	/* as created; requests carry their own */
	struct {
		uint32_t algo;
		uint32_t key_len;
		uint32_t op;	/* VIRTIO_CRYPTO_OP_* */
		uint8_t key[VCDEV_MAX_CIPHER_KEY];
	} cipher;		/* cipher, chain cipher, aead */
	struct {
		uint32_t algo;	/* VIRTIO_CRYPTO_HASH_* or _MAC_* */
		bool keyed;	/* MAC, or chain in AUTH mode */
		uint32_t result_len;	/* digest or tag length */
		uint32_t key_len;
		uint8_t key[VCDEV_MAX_AUTH_KEY];
	} auth;			/* hash, mac, chain hash, aead tag length */
	struct {
		uint32_t padding;	/* VIRTIO_CRYPTO_RSA_*_PADDING */
		uint32_t hash;		/* VIRTIO_CRYPTO_RSA_* hash */
		/* The table's reference; a copy out holds its own. */
		struct vcdev_rsa *key;
	} rsa;			/* akcipher RSA */
	/* akcipher ECDSA (rsa.key is NULL): referenced as rsa.key is. */
	struct vcdev_ecdsa *ecdsa;
};

struct vcdev_sessions {
	pthread_rwlock_t lock;
	struct vcdev_session *tab;
	uint32_t max;
	uint32_t active;
	uint32_t cursor;	/* where the next free-slot search starts */
	uint64_t seq;		/* makes ids unique across reuse */
};

struct vcdev_fault_slot {
	struct vcdev_fault f;
	bool armed;
};

struct vcdev_faults {
	pthread_mutex_t lock;
	struct vcdev_fault_slot slot[VCDEV_MAX_FAULTS];
};

struct vcdev_model {
	struct vcdev_model_config cfg;
	struct vcdev_crypto *crypto;

	pthread_mutex_t lock;	/* registers; outermost */
	uint8_t status;		/* device status, atomic */
	bool ignore_reset;	/* a hung device: writing 0 does nothing */
	uint64_t drv_features;	/* written by the driver */
	uint64_t features;	/* accepted at FEATURES_OK, atomic */
	uint8_t config_gen;	/* atomic */
	uint32_t cfg_status;	/* config.status */

	uint16_t nb_queues;
	struct vcdev_queue *queues;

	struct vcdev_sessions sessions;
	struct vcdev_faults faults;

	uint32_t nb_threads;
	struct vcdev_thread *threads;

	struct vcdev_model_stats stats;	/* atomics */
	uint32_t logged;	/* VCDEV_LOG_* said once already, atomic */
};

/* What the model tells stderr once per model: strict rules, then these. */
#define VCDEV_LOG_ZERO_SIZED VCDEV_STRICT_NB

/* vcdev_device.c */
bool vcdev_running(struct vcdev_model *m);
bool vcdev_has_feature(struct vcdev_model *m, unsigned int bit);
/* The device detected an error: DEVICE_NEEDS_RESET, every queue stops. */
void vcdev_device_error(struct vcdev_model *m, bool malformed);
uint8_t vcdev_get_status(struct vcdev_model *m);
void vcdev_set_status(struct vcdev_model *m, uint8_t status);
uint64_t vcdev_get_features(struct vcdev_model *m);
void vcdev_set_features(struct vcdev_model *m, uint64_t features);
uint8_t vcdev_config_generation(struct vcdev_model *m);
void vcdev_read_config(struct vcdev_model *m, size_t off, void *dst,
		       size_t len);
uint16_t vcdev_num_queues(struct vcdev_model *m);
bool vcdev_dma_physical(struct vcdev_model *m);
uint16_t vcdev_queue_max_size(struct vcdev_model *m, uint16_t qid);
void *vcdev_queue_enable(struct vcdev_model *m, uint16_t qid, uint16_t size,
			 uint64_t desc, uint64_t avail, uint64_t used);
/* Host pointer of driver memory, or NULL. */
void *vcdev_map(struct vcdev_model *m, uint64_t iova, uint64_t len,
		bool write);
/* Grow a scratch buffer to at least need bytes; false if it cannot. */
bool vcdev_scratch(uint8_t **buf, size_t *cap, size_t need);

/* Print a line to stderr if message key was not printed yet. */
void vcdev_log_once(struct vcdev_model *m, unsigned int key, const char *fmt,
		    ...) __attribute__((format(printf, 3, 4)));

/* vcdev_ring.c */
#define VCDEV_POP_EMPTY 0
#define VCDEV_POP_OK 1
#define VCDEV_POP_BAD (-1)
static inline void
vcdev_bit_set(uint64_t *bm, uint32_t id, uint16_t size)
{
	if (id < size)
		bm[id / 64] |= 1ULL << (id % 64);
}

/*
 * The packed ring's side of the five below (vcdev_ring_packed.c);
 * vcdev_packed_in_flight() adds the ids made available and not popped.
 */
bool vcdev_packed_pending(struct vcdev_queue *q);
int vcdev_packed_pop(struct vcdev_queue *q, struct vcdev_chain *ch);
void vcdev_packed_push(struct vcdev_queue *q, uint32_t id, uint32_t len);
void vcdev_packed_in_flight(struct vcdev_queue *q, uint64_t *bitmap);
/*
 * The indirect table ind points to, checked (feature, flags, length, at
 * most VCDEV_MAX_CHAIN entries) and mapped; ch records it. NULL if bad.
 */
const void *vcdev_ring_map_table(struct vcdev_queue *q,
				 struct vcdev_chain *ch,
				 const struct vring_desc *ind);
/* A buffer as a split descriptor, for the checks both layouts share. */
int vcdev_ring_add_seg(struct vcdev_queue *q, struct vcdev_chain *ch,
		       const struct vring_desc *d, bool *seen_write);

bool vcdev_ring_pending(struct vcdev_queue *q);
int vcdev_ring_pop(struct vcdev_queue *q, struct vcdev_chain *ch);
void vcdev_ring_push(struct vcdev_queue *q, uint32_t id, uint32_t len);
void vcdev_ring_publish(struct vcdev_queue *q);
/* Heads the driver has in flight on q, as a bitmap of q->size bits. */
void vcdev_ring_in_flight(struct vcdev_queue *q, uint64_t *bitmap);
/* Copy readable bytes [0, len) of ch to dst. */
void vcdev_chain_read(const struct vcdev_chain *ch, uint8_t *dst,
		      size_t len);
/* Write len bytes at writable offset off of ch (caller checked bounds). */
void vcdev_chain_write(const struct vcdev_chain *ch, uint64_t off,
		       const uint8_t *src, size_t len);

/* vcdev_serve.c */
/* One pass over q; returns used entries written, *consumed requests. */
unsigned int vcdev_serve_queue(struct vcdev_queue *q, unsigned int *consumed);
unsigned int vcdev_release_held(struct vcdev_queue *q, bool all);
int vcdev_threads_start(struct vcdev_model *m);
void vcdev_threads_stop(struct vcdev_model *m);
void vcdev_notify(void *cookie);
void vcdev_thread_kick(struct vcdev_thread *t);
uint64_t vcdev_now_ns(void);

/*
 * Request handlers: do the request of ch with the faults' action. Return
 * the used length, or -1 if the device cannot answer it (the caller then
 * sets NEEDS_RESET).
 */
int64_t vcdev_ctrl_request(struct vcdev_queue *q, struct vcdev_chain *ch,
			   const struct vcdev_action *act);
int64_t vcdev_data_request(struct vcdev_queue *q, struct vcdev_chain *ch,
			   const struct vcdev_action *act);
/* Count an answer with status st. */
void vcdev_count_status(struct vcdev_model *m, uint8_t st);

/* vcdev_strict.c */
/* Most descriptors strict vhost framing lets a request have. */
#define VCDEV_STRICT_MAX_DESC 32
/*
 * Check data request ch against strict vhost framing. If it passes,
 * *out is ch cut down to exactly the fields the back-end reads and
 * writes (header, iv, src | dst, digest, status), over segs[] of
 * VCDEV_STRICT_MAX_DESC entries, and true is returned. If not, the
 * violation is counted and logged and false is returned: the caller
 * makes it a device error.
 */
bool vcdev_strict_frame(struct vcdev_queue *q, const struct vcdev_chain *ch,
			struct vcdev_chain *out, struct vcdev_seg *segs);

/* vcdev_session.c */
int vcdev_sessions_init(struct vcdev_sessions *s, uint32_t max);
void vcdev_sessions_fini(struct vcdev_sessions *s);
void vcdev_sessions_clear(struct vcdev_sessions *s);
/*
 * Store *sess; returns VIRTIO_CRYPTO_OK with *id set (the table then owns
 * sess->rsa.key or sess->ecdsa), or NOSPC.
 */
uint8_t vcdev_session_add(struct vcdev_sessions *s,
			  const struct vcdev_session *sess, uint64_t *id);
/* Destroy id if it is of service; OK or ERR. */
uint8_t vcdev_session_del(struct vcdev_sessions *s, uint64_t id,
			  uint32_t service);
/*
 * Copy session id to *out; false if there is none. A copy must be let go
 * with vcdev_session_put().
 */
bool vcdev_session_get(struct vcdev_sessions *s, uint64_t id,
		       struct vcdev_session *out);
/* Drop what a copy holds (a key reference) and wipe its keys. */
void vcdev_session_put(struct vcdev_session *s);
uint32_t vcdev_sessions_active(struct vcdev_sessions *s);

/* vcdev_fault.c */
void vcdev_faults_init(struct vcdev_faults *f);
void vcdev_faults_fini(struct vcdev_faults *f);
/* What the armed faults do to the next request of q (counts it). */
void vcdev_fault_next(struct vcdev_model *m, struct vcdev_queue *q,
		      struct vcdev_action *act);
/* An id for a BAD_ID completion on q; current is the request's head. */
uint32_t vcdev_fault_bad_id(struct vcdev_queue *q, enum vcdev_bad_id kind,
			    uint16_t current);

#endif /* VCDEV_INTERNAL_H */
