/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VCDEV_MODEL_H
#define VCDEV_MODEL_H

/*
 * A software virtio-crypto DEVICE for host tests.
 *
 * The model plays the device side of a virtio 1.x crypto device with split
 * rings and the fixed padded request layouts of <linux/virtio_crypto.h>
 * (VIRTIO_CRYPTO_F_REVISION_1 is never offered). A driver reaches it
 * through the PMD's transport interface (virtio_crypto_transport.h):
 *
 *	struct vcdev_model *m = vcdev_model_create(&cfg);
 *	vcdev_model_attach(m, hw);	// hw->ops, hw->transport_priv = m
 *	... driver runs: reset, features, queues, DRIVER_OK, requests ...
 *	vcdev_model_destroy(m);		// after the driver reset the device
 *
 * Memory: an IOVA the driver gives (rings, descriptors) is the host virtual
 * address (DPDK with --no-huge / --iova-mode=va), unless cfg.iova_map
 * translates it. Everything read from driver memory is validated; the
 * model never trusts an index, a length or a chain. Without iova_map it
 * can only refuse NULL and wrapping ranges: a descriptor pointing at
 * unmapped memory faults the process, as DMA to it would fault; give an
 * iova_map that knows the driver's memory to police that too.
 *
 * Queues: max_dataqueues data queues (0 .. N-1), then the controlq (N).
 *
 * Serving: with cfg.threaded the model runs nb_threads device threads
 * (queue q is served by thread q % nb_threads); otherwise queues are only
 * served by vcdev_model_poll(), for deterministic single-threaded tests.
 * vcdev_model_poll() is safe in threaded mode too.
 *
 * Request semantics (session mode only, no stateless mode):
 *  - Readable bytes are one stream, writable bytes another, however the
 *    driver splits them over descriptors. Readable parts:
 *      controlq create:  72-byte request, cipher key, auth key
 *      controlq destroy: 72-byte request
 *      cipher:  72-byte request, iv, src
 *      chain:   72-byte request, iv, src, aad (iv, aad, src with
 *               cfg.chain_aad_before_src, as QEMU reads it)
 *      hash/mac: 72-byte request, src
 *      aead:    72-byte request, iv, src, aad
 *      controlq akcipher create: 72-byte request, key[keylen]
 *      akcipher: 72-byte request, src (verify: src, dst)
 *    Writable parts:
 *      controlq create:  struct virtio_crypto_session_input (16 bytes)
 *      controlq destroy: struct virtio_crypto_inhdr (1 byte)
 *      cipher:  dst[dst_data_len], status
 *      chain:   dst[dst_data_len], hash_result[hash_result_len], status
 *      hash/mac: hash_result[hash_result_len], status
 *      aead:    dst[dst_data_len], status
 *      akcipher: dst[dst_data_len], status (verify: status)
 *    The data status byte is the LAST writable byte; a longer readable or
 *    writable part is accepted (the excess is ignored / left alone).
 *  - Used length = bytes the model wrote: data + digest + status byte
 *    (1 for a failed request), 16 for a session create, 1 for a destroy.
 *  - cipher: src_data_len must equal dst_data_len. CBC/ECB lengths must
 *    be whole blocks; iv_len must be the block size (16 for XTS); ECB
 *    ignores the IV. 3DES takes 16- or 24-byte keys; 3DES-CTR counts
 *    with a 64-bit big-endian counter. XTS needs >= 16 bytes, and
 *    OpenSSL refuses to encrypt with identical key halves: such a
 *    session is created (capability probes use zero keys) but its
 *    encrypt requests answer ERR.
 *  - chain: dst is src with [cipher_start_src_offset, +len_to_cipher)
 *    ciphered (the session's direction); dst_data_len == src_data_len.
 *    The digest covers aad || region [hash_start_src_offset,
 *    +len_to_hash), taken from src for HASH_THEN_CIPHER and from dst for
 *    CIPHER_THEN_HASH, whatever the direction: encrypt-then-MAC
 *    (CIPHER_THEN_HASH, encrypt) and verify-then-decrypt
 *    (HASH_THEN_CIPHER, decrypt) hash the ciphertext, MAC-then-encrypt
 *    (HASH_THEN_CIPHER, encrypt) and decrypt-then-verify
 *    (CIPHER_THEN_HASH, decrypt) the plaintext. The digest is always
 *    written, never checked: the driver compares it for verify. Hash
 *    mode PLAIN (hash_param) or AUTH (mac_param); NESTED is NOTSUPP.
 *  - hash/mac/chain: hash_result_len must equal the session's, which is
 *    1 .. the algorithm's full size (truncated digests).
 *  - GMAC-AES (MAC service only): the first 12 bytes of src are the IV,
 *    the MAC covers the rest (virtio has no field for a MAC IV). The PMD
 *    sends GMAC as AEAD GCM with no plaintext and the data as AAD,
 *    which needs no such convention.
 *  - aead: the tag length is the session's hash_result_len. Encrypt
 *    writes ciphertext then tag (dst_data_len >= src + tag). Decrypt
 *    reads ciphertext then tag as src, writes the plaintext
 *    (dst_data_len >= src - tag), or nothing and BADMSG if the tag does
 *    not verify. The IV is iv_len bytes of IV/nonce (GCM 1..16, a 16-byte
 *    IV is an IV, not J0; CCM nonce 7..13 at iv[0]; ChaCha20 12).
 *  - The request's aad_len is used; the session's aad_len is only stored.
 *  - akcipher RSA: keys of 512 .. 8192 bits in PKCS#1 DER:
 *    RSAPrivateKey (KEY_TYPE_PRIVATE; d may be 0, the CRT values are
 *    used) or RSAPublicKey, exactly keylen <= VCDEV_MAX_AKCIPHER_KEY
 *    bytes (else ERR, as a key that does not parse). Padding RAW or
 *    PKCS1; hash NO_HASH, MD5, SHA1, SHA224/256/384/512, used with PKCS1
 *    only. Unknown algo, keytype, padding or hash: NOTSUPP. k is the
 *    modulus size in bytes; RAW operands are big-endian integers of at
 *    most k bytes, below n. ENCRYPT (any key): PKCS1 type 2 of src (at
 *    most k - 11) or RAW src^e; DECRYPT (private): the plaintext (ERR if
 *    the padding is bad) or RAW k bytes; SIGN (private): PKCS1 with the
 *    DigestInfo of the hash (src: exactly its digest; NO_HASH: src as is,
 *    at most k - 11) or RAW src^d. Results of ENCRYPT and SIGN are k
 *    bytes; dst_data_len must hold the result and fit the writable part.
 *    VERIFY (any key): src is a k-byte signature, dst the digest (the
 *    hash's length), message (NO_HASH) or RAW value; OK if it verifies,
 *    else KEY_REJECTED. DECRYPT or SIGN with a public key: ERR.
 *  - akcipher ECDSA: para.u.ecdsa.curve_id NIST_P192, P224, P256, P384 or
 *    P521 (else NOTSUPP, as an unknown keytype; its padding field is not
 *    looked at); B is the curve's size, 24, 28, 32, 48 or 66 bytes. Keys
 *    are exactly keylen bytes (else ERR, as a key that does not parse):
 *    KEY_TYPE_PRIVATE a DER ECPrivateKey (RFC 5915) SEQUENCE { INTEGER
 *    1, OCTET STRING of exactly B bytes, the big-endian scalar in
 *    [1, n - 1], [0] EXPLICIT OID of the session's curve (optional),
 *    [1] EXPLICIT BIT STRING, no unused bits, of the uncompressed point
 *    of the scalar (optional) }, nothing after it; KEY_TYPE_PUBLIC the
 *    uncompressed point 04 || X || Y (2B + 1 bytes) on the curve.
 *    SIGN (private; public: ERR): src is the digest, 1 .. 64 bytes (else
 *    ERR), signed as it is (ECDSA cuts it to the order's bits), with a
 *    random k; the result is the DER ECDSA-Sig-Value SEQUENCE { INTEGER
 *    r, INTEGER s } in minimal DER, of varying length (at most 2B + 8);
 *    dst_data_len must hold it (else ERR, nothing written) and fit the
 *    writable part; used length = its length + 1. VERIFY (any key): src
 *    is the DER signature, dst the digest (1 .. 64 bytes, else ERR); OK
 *    if it verifies, KEY_REJECTED if not (r or s not below n included),
 *    BADMSG if src is not exactly one DER SEQUENCE of two INTEGERs above
 *    0 (definite lengths in the fewest octets, minimal INTEGERs, nothing
 *    after it). ENCRYPT and DECRYPT: NOTSUPP.
 *  - The data header's opcode must match the session's service and
 *    direction (else INVSESS for another service, ERR for the direction).
 *  - cfg.vhost_sessions: only what a vhost-user device (QEMU 7.2 over
 *    DPDK 22.11's back-end) creates: AES-CBC and 3DES-CBC cipher
 *    sessions, and chains of those with HMAC-MD5/SHA-1/SHA-2, AES-CMAC or
 *    AES-XCBC in AUTH hash mode; any other session is NOTSUPP.
 *  - Statuses: NOTSUPP for an unknown/unadvertised algorithm or key size,
 *    KEY_REJECTED for an RSA or ECDSA signature that does not verify,
 *    BADMSG for an AEAD tag that does not verify or a malformed ECDSA
 *    signature, NOSPC when max_sessions are in use, INVSESS for an
 *    unknown session, ERR for malformed parameters or sizes beyond
 *    max_size.
 *  - Device errors (DEVICE_NEEDS_RESET set, every queue stops until a
 *    reset), as a real device does: a bad avail index or head, a
 *    descriptor chain with a loop or more than VCDEV_MAX_CHAIN buffers,
 *    a buffer of length 0 (QEMU: "zero sized buffers are not allowed"),
 *    a readable buffer after a writable one, an unmappable buffer, an
 *    indirect descriptor without INDIRECT_DESC, with NEXT, not at the
 *    head, nested, or with a length not a non-zero multiple of 16, and a
 *    request whose writable part cannot hold its status. With
 *    cfg.strict_needs_reset also oversize requests and cipher or chain
 *    requests with src_data_len != dst_data_len (as QEMU 8.1+).
 *
 * Strict vhost framing (cfg.strict_vhost): data requests are parsed the
 * way DPDK 22.11's vhost-user crypto back-end parses them
 * (lib/vhost/vhost_crypto.c, zero copy disabled), and a request it would
 * not process, or would process from the wrong bytes, is a device error
 * (that back-end never completes such a request: its queue stalls). Each
 * violation counts in stats.strict[rule] and is logged to stderr once per
 * rule ("vcdev: strict vhost violation [rule-id]: ..."). The back-end:
 *  - takes one indirect table per request (the avail slot's head must
 *    have VRING_DESC_F_INDIRECT), of at most 32 descriptors;
 *  - completes correctly only while avail slot i carries head i;
 *  - consumes descriptors whole, one field after the other, in chain
 *    order: header (the first buffer, >= 72 bytes, only 72 read) | IV
 *    (iv_len > 0) | src | dst (from the first writable buffer after src)
 *    | digest (chains) | status. A field may span buffers; one that ends
 *    inside a buffer wastes the rest of it;
 *  - serves CIPHER_ENCRYPT/DECRYPT opcodes with op_type CIPHER or
 *    ALGORITHM_CHAINING only, never reads AAD (aad_len must be 0), and
 *    caps lengths: iv_len <= 32; cipher src, dst <= 2176 (the mbuf); chain
 *    src, dst, offsets and lengths <= 4096, dst + digest <= 4096; dst >=
 *    src; zero-length iv, src or digest fail;
 *  - writes a chain's dst back from cipher_start_src_offset on (bytes
 *    before it are left alone), and from the wrong source bytes if that
 *    offset reaches past the first dst buffer (refused here).
 * The model is stricter where the back-end would read what is not part
 * of the request: the header, iv or src in a writable buffer, a field
 * running past the chain's last buffer (the back-end reads stale
 * descriptors), and buffers after the status (which must be the last,
 * of length 1, where every device's error path looks). It does not do
 * what the back-end does to chain sessions (HASH_THEN_CIPHER always
 * decrypts and verifies the digest it reads from the digest buffer,
 * CIPHER_THEN_HASH always encrypts and generates). The controlq (QEMU's
 * own in a vhost setup), sessions (but see cfg.vhost_sessions) and
 * crypto results are unchanged.
 */

#include <stdbool.h>
#include <stdint.h>

struct vcrypto_hw;
struct vcrypto_transport_ops;
struct vcdev_model;

/* Longest descriptor chain (direct or indirect) a request may have. */
#define VCDEV_MAX_CHAIN 1024
/* Largest keys a session takes. */
#define VCDEV_MAX_CIPHER_KEY 64
#define VCDEV_MAX_AUTH_KEY 512
/* An 8192-bit PKCS#1 RSAPrivateKey is about 4.7 KB of DER. */
#define VCDEV_MAX_AKCIPHER_KEY 8192
/* Queue selectors of faults besides a queue index. */
#define VCDEV_ANY_DATAQ 0xffff
#define VCDEV_CTRLQ 0xfffe

/*
 * Translate driver IOVA [iova, iova + len) to a host pointer, or NULL if
 * the device may not access it. write tells whether the device writes.
 */
typedef void *(*vcdev_iova_map_fn)(void *arg, uint64_t iova, uint64_t len,
				   bool write);

struct vcdev_model_config {
	uint32_t max_dataqueues;	/* 1 .. 1024 */
	uint16_t queue_size;		/* largest ring, power of 2 */
	uint64_t max_size;		/* config max_size, enforced */
	uint32_t crypto_services;	/* 1 << VIRTIO_CRYPTO_SERVICE_* */
	uint32_t cipher_algo_l;
	uint32_t cipher_algo_h;
	uint32_t hash_algo;
	uint32_t mac_algo_l;
	uint32_t mac_algo_h;
	uint32_t aead_algo;
	uint32_t akcipher_algo;		/* 1 << VIRTIO_CRYPTO_AKCIPHER_RSA,
					 * _ECDSA */
	uint32_t max_cipher_key_len;	/* <= VCDEV_MAX_CIPHER_KEY */
	uint32_t max_auth_key_len;	/* <= VCDEV_MAX_AUTH_KEY */
	uint64_t features;		/* offered; must include VERSION_1 */
	uint32_t max_sessions;		/* 1 .. 65536 */
	bool threaded;			/* serve from device threads */
	uint32_t nb_threads;		/* device threads; 0 means 1 */
	bool chain_aad_before_src;	/* chain reads iv, aad, src (QEMU) */
	bool strict_needs_reset;	/* oversize / src != dst: NEEDS_RESET */
	bool strict_vhost;		/* data requests framed as vhost needs */
	bool vhost_sessions;		/* only sessions a vhost device makes */
	bool accept_unadvertised;	/* take algorithms not in the masks */
	/*
	 * Declare, as a PCI device would, that without ACCESS_PLATFORM the
	 * addresses are guest-physical (the model still maps them as
	 * usual): a driver with virtual IOVAs must then refuse it.
	 */
	bool dma_physical;
	vcdev_iova_map_fn iova_map;	/* NULL: IOVA is the host address */
	void *iova_map_arg;
};

/*
 * Every symmetric algorithm the model implements (and this OpenSSL has),
 * RSA and ECDSA as the akcipher service,
 * 4 data queues of 1024 entries, max_size 1 MiB, 1024 sessions, keys
 * 64/512, features VERSION_1 | INDIRECT_DESC | EVENT_IDX, threaded.
 */
struct vcdev_model_config vcdev_model_config_full(void);

/* NULL with errno EINVAL (bad config) or ENOMEM. */
struct vcdev_model *vcdev_model_create(const struct vcdev_model_config *cfg);
/* Stops the device threads; the driver should have reset it first. */
void vcdev_model_destroy(struct vcdev_model *m);

/*
 * The transport: each op finds the model in hw->transport_priv; notify's
 * cookie is what queue_enable returned.
 */
const struct vcrypto_transport_ops *vcdev_model_transport_ops(void);
/* hw->ops = vcdev_model_transport_ops(), hw->transport_priv = m. */
void vcdev_model_attach(struct vcdev_model *m, struct vcrypto_hw *hw);

/*
 * Serve every enabled queue until nothing is available (bounded per
 * call). Returns the number of used entries written.
 */
unsigned int vcdev_model_poll(struct vcdev_model *m);

/* The device status register, as the driver would read it. */
uint8_t vcdev_model_status(struct vcdev_model *m);
/*
 * A stalled queue (VCDEV_FAULT_STALL) resumes: what is on its avail ring
 * is served, late. A reset since the stall leaves nothing to serve.
 */
void vcdev_model_unstall(struct vcdev_model *m, uint16_t qid);
/* A hung device: while set, a reset (status 0) is ignored. */
void vcdev_model_ignore_reset(struct vcdev_model *m, bool ignore);
/* Set DEVICE_NEEDS_RESET now: every queue stops until a reset. */
void vcdev_model_set_needs_reset(struct vcdev_model *m);
/* Change config.status (VIRTIO_CRYPTO_S_HW_READY), bumping the generation. */
void vcdev_model_set_hw_ready(struct vcdev_model *m, bool ready);

/* ---- fault injection ---- */

enum vcdev_fault_type {
	VCDEV_FAULT_STATUS,	/* answer .status without doing the work */
	VCDEV_FAULT_DELAY,	/* do the work, hold the completion */
	VCDEV_FAULT_REORDER,	/* complete each batch in reverse order */
	VCDEV_FAULT_BAD_ID,	/* used entry with an id not in flight */
	VCDEV_FAULT_BAD_LEN,	/* used length beyond the writable bytes */
	VCDEV_FAULT_STALL,	/* stop consuming the queue until reset */
	VCDEV_FAULT_NEEDS_RESET,	/* set DEVICE_NEEDS_RESET */
};

enum vcdev_bad_id {
	VCDEV_BAD_ID_RANGE,	/* id >= queue size */
	VCDEV_BAD_ID_IDLE,	/* an id < size that is not in flight */
};

/*
 * A fault applies to requests of queue qid (an index, VCDEV_ANY_DATAQ or
 * VCDEV_CTRLQ): it lets skip of them through untouched, then affects the
 * next count (0 means 1) and is spent. STALL and NEEDS_RESET last until
 * the reset once triggered. Several faults may be armed; each counts
 * requests on its own and all that apply combine. A request hit by
 * STATUS is answered with .status and not performed (for session create
 * no session is made, for destroy none is destroyed). BAD_ID replaces
 * the request's completion (the request is never completed). DELAY
 * holds completions until vcdev_model_release() or, with hold_ms, until
 * that long has passed. REORDER: the affected requests of one serving
 * pass (all that were available) complete in reverse order.
 * Armed faults survive a reset; stalls, NEEDS_RESET and held completions
 * do not.
 */
struct vcdev_fault {
	enum vcdev_fault_type type;
	uint16_t qid;
	uint32_t skip;
	uint32_t count;
	uint8_t status;			/* STATUS: VIRTIO_CRYPTO_* */
	uint32_t hold_ms;		/* DELAY: 0 = until released */
	enum vcdev_bad_id bad_id;	/* BAD_ID */
};

#define VCDEV_MAX_FAULTS 16

/* 0, -EINVAL (bad fault) or -ENOSPC (VCDEV_MAX_FAULTS armed). */
int vcdev_model_inject(struct vcdev_model *m, const struct vcdev_fault *f);
/* Disarm faults not yet triggered (stalls last until the reset). */
void vcdev_model_clear_faults(struct vcdev_model *m);
/*
 * Complete now the held completions of qid (or all queues with
 * VCDEV_ANY_DATAQ). Returns how many were released.
 */
unsigned int vcdev_model_release(struct vcdev_model *m, uint16_t qid);

/* The rules of strict vhost framing, for stats.strict[] and the log. */
enum vcdev_strict_rule {
	VCDEV_STRICT_NOT_INDIRECT,	/* head without VRING_DESC_F_INDIRECT */
	VCDEV_STRICT_TABLE_SIZE,	/* indirect table > 32 descriptors */
	VCDEV_STRICT_OUT_OF_ORDER,	/* avail slot i does not carry head i */
	VCDEV_STRICT_HEADER,		/* first buffer < 72 bytes */
	VCDEV_STRICT_OPCODE,		/* not CIPHER_ENCRYPT/DECRYPT */
	VCDEV_STRICT_OP_TYPE,		/* neither CIPHER nor CHAINING */
	VCDEV_STRICT_SESSION,		/* unknown session id */
	VCDEV_STRICT_LIMITS,		/* a length beyond the back-end's caps */
	VCDEV_STRICT_EMPTY,		/* iv, src or digest of length 0 */
	VCDEV_STRICT_AAD,		/* chain aad_len != 0 */
	VCDEV_STRICT_WRITABLE,		/* header, iv or src in a writable buffer */
	VCDEV_STRICT_NO_DST,		/* no writable buffer after src */
	VCDEV_STRICT_SHORT,		/* a field runs past the last buffer */
	VCDEV_STRICT_STATUS_LEN,	/* status buffer length != 1 */
	VCDEV_STRICT_TRAILING,		/* buffers after the status */
	VCDEV_STRICT_DST_OFFSET,	/* chain cipher offset past 1st dst buf */
	VCDEV_STRICT_NB
};

/* Short name of a rule ("not-indirect", ...), as the log prints it. */
const char *vcdev_strict_rule_name(enum vcdev_strict_rule rule);

struct vcdev_model_stats {
	uint64_t resets;		/* status 0 written */
	uint64_t notifications;		/* notify() calls */
	uint64_t ctrl_requests;		/* controlq requests consumed */
	uint64_t data_requests;		/* data requests consumed */
	uint64_t used;			/* used entries written, all kinds */
	uint64_t by_status[8];		/* answers by VIRTIO_CRYPTO_* status */
	uint64_t sessions_created;
	uint64_t sessions_destroyed;
	uint64_t sessions_active;
	uint64_t device_errors;		/* times NEEDS_RESET was set */
	uint64_t malformed;		/* ...of which for what the driver
					 * sent: ring, chain, no room for a
					 * status, strict-mode request */
	uint64_t zero_sized;		/* 0-length buffers refused */
	uint64_t strict_violations;	/* requests breaking strict vhost rules */
	uint64_t strict[VCDEV_STRICT_NB];	/* ...by rule */
	uint64_t features_refused;	/* FEATURES_OK not kept */
	/* fault injection: what the model did */
	uint64_t forced_status;
	uint64_t held;
	uint64_t released;
	uint64_t reordered;
	uint64_t bad_ids;
	uint64_t bad_lens;
	uint64_t stalls;
	uint64_t injected_resets;
};

void vcdev_model_stats(struct vcdev_model *m, struct vcdev_model_stats *st);
/* Requests consumed from queue qid since creation; 0 for a bad qid. */
uint64_t vcdev_model_queue_requests(struct vcdev_model *m, uint16_t qid);

#endif /* VCDEV_MODEL_H */
