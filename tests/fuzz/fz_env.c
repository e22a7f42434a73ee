/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <linux/virtio_config.h>

#include <bus_pci_driver.h>
#include <cryptodev_pmd.h>
#include <rte_log.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "fz_env.h"
#include "virtio_crypto_local.h"
#include "virtio_crypto_session.h"

uint8_t fz_pci_config[4096];
uint32_t fz_pci_config_size;
bool fz_memseg_found = true;
long fz_live_allocs;

/* ---- EAL, wrapped ---- */

void *__wrap_rte_malloc_socket(const char *type, size_t size, unsigned int align,
			       int socket);
void *__wrap_rte_zmalloc_socket(const char *type, size_t size,
				unsigned int align, int socket);
void __wrap_rte_free(void *p);
const struct rte_memzone *__wrap_rte_memzone_reserve_aligned(const char *name,
	size_t len, int socket_id, unsigned int flags, unsigned int align);
int __wrap_rte_memzone_free(const struct rte_memzone *mz);
struct rte_memseg *__wrap_rte_mem_virt2memseg(const void *virt,
					      const struct rte_memseg_list *msl);
int __wrap_rte_pci_read_config(const struct rte_pci_device *dev, void *buf,
			       size_t len, off_t offset);
void __wrap_rte_delay_us_sleep(unsigned int us);

void *
__wrap_rte_malloc_socket(const char *type __rte_unused, size_t size,
			 unsigned int align, int socket __rte_unused)
{
	void *p = NULL;

	if (align < sizeof(void *))
		align = sizeof(void *);
	if ((align & (align - 1)) != 0 || size == 0 ||
	    posix_memalign(&p, align, size) != 0)
		return NULL;
	fz_live_allocs++;
	return p;
}

void *
__wrap_rte_zmalloc_socket(const char *type, size_t size, unsigned int align,
			  int socket)
{
	void *p;

	/*
	 * calloc where its alignment does: a large block then comes zeroed
	 * from fresh pages that nobody touches, where a memset faults in
	 * every one (a device that claims 65535 queues costs the transport
	 * about 1 MB of notification entries per input).
	 */
	if (align <= _Alignof(max_align_t) && (align & (align - 1)) == 0) {
		p = size == 0 ? NULL : calloc(1, size);
		if (p != NULL)
			fz_live_allocs++;
		return p;
	}
	p = __wrap_rte_malloc_socket(type, size, align, socket);
	if (p != NULL)
		memset(p, 0, size);
	return p;
}

void
__wrap_rte_free(void *p)
{
	if (p != NULL)
		fz_live_allocs--;
	free(p);
}

const struct rte_memzone *
__wrap_rte_memzone_reserve_aligned(const char *name, size_t len,
				   int socket_id, unsigned int flags __rte_unused,
				   unsigned int align)
{
	struct rte_memzone *mz;
	void *p;

	mz = calloc(1, sizeof(*mz));
	if (mz == NULL)
		return NULL;
	if (align < 64)
		align = 64;
	/* Exactly len bytes: the device and the driver stay inside. */
	if (len == 0 || posix_memalign(&p, align, len) != 0) {
		free(mz);
		return NULL;
	}
	memset(p, 0x6b, len);
	snprintf(mz->name, sizeof(mz->name), "%s", name);
	mz->addr = p;
	mz->iova = (uintptr_t)p;
	mz->len = len;
	mz->socket_id = socket_id;
	fz_live_allocs++;
	return mz;
}

int
__wrap_rte_memzone_free(const struct rte_memzone *mz)
{
	if (mz == NULL)
		return -EINVAL;
	free(mz->addr);
	free((void *)(uintptr_t)mz);
	fz_live_allocs--;
	return 0;
}

/* One segment spanning the address space: IOVA is the address. */
struct rte_memseg *
__wrap_rte_mem_virt2memseg(const void *virt __rte_unused,
			   const struct rte_memseg_list *msl __rte_unused)
{
	static struct rte_memseg all = {
		.iova = 0, .addr = NULL, .len = SIZE_MAX,
	};

	return fz_memseg_found ? &all : NULL;
}

int
__wrap_rte_pci_read_config(const struct rte_pci_device *dev __rte_unused,
			   void *buf, size_t len, off_t offset)
{
	if (offset < 0 || (uint64_t)offset >= fz_pci_config_size)
		return -1;
	if ((uint64_t)offset + len > fz_pci_config_size)
		len = fz_pci_config_size - (size_t)offset;
	memcpy(buf, fz_pci_config + offset, len);
	return (int)len;
}

void
__wrap_rte_delay_us_sleep(unsigned int us __rte_unused)
{
}

void
fz_quiet_logs(void)
{
	if (!fz_verbose())
		rte_log_set_global_level(RTE_LOG_EMERG);
}

/* ---- the device behind the transport interface ---- */

static struct fz_dev *
dev_of(struct vcrypto_hw *hw)
{
	return hw->transport_priv;
}

static uint8_t
t_get_status(struct vcrypto_hw *hw)
{
	return dev_of(hw)->status;
}

static void
t_set_status(struct vcrypto_hw *hw, uint8_t status)
{
	struct fz_dev *d = dev_of(hw);
	unsigned int i;

	if (status == 0) {
		for (i = 0; i < FZ_MAX_QUEUES; i++)
			memset(&d->q[i], 0, sizeof(d->q[i]));
		d->accepted = 0;
	}
	if (d->refuse_features)
		status &= ~VIRTIO_CONFIG_S_FEATURES_OK;
	d->status = status;
}

static uint64_t
t_get_features(struct vcrypto_hw *hw)
{
	return dev_of(hw)->offered;
}

static void
t_set_features(struct vcrypto_hw *hw, uint64_t features)
{
	struct fz_dev *d = dev_of(hw);

	FZ_CHECK((features & ~d->offered) == 0,
		 "driver took features %#llx not offered (%#llx)",
		 (unsigned long long)features, (unsigned long long)d->offered);
	d->accepted = features;
}

static uint8_t
t_config_generation(struct vcrypto_hw *hw)
{
	return dev_of(hw)->generation;
}

static void
t_read_config(struct vcrypto_hw *hw, size_t offset, void *dst, size_t len)
{
	struct fz_dev *d = dev_of(hw);

	FZ_CHECK(offset + len <= sizeof(d->cfg),
		 "config read at %zu+%zu past the config", offset, len);
	memcpy(dst, (uint8_t *)&d->cfg + offset, len);
}

static uint16_t
t_num_queues(struct vcrypto_hw *hw)
{
	return dev_of(hw)->num_queues;
}

static uint16_t
t_queue_max_size(struct vcrypto_hw *hw, uint16_t qid)
{
	struct fz_dev *d = dev_of(hw);

	return qid < d->num_queues && qid < FZ_MAX_QUEUES ? d->queue_max : 0;
}

static void *
t_queue_enable(struct vcrypto_hw *hw, uint16_t qid, uint16_t size,
	       uint64_t desc, uint64_t avail, uint64_t used)
{
	struct fz_dev *d = dev_of(hw);
	struct fz_queue *q;

	if (qid >= FZ_MAX_QUEUES || qid >= d->num_queues)
		return NULL;
	FZ_CHECK(size != 0 && (size & (size - 1)) == 0 && size <= d->queue_max,
		 "queue %u: size %u (max %u)", qid, size, d->queue_max);
	FZ_CHECK(d->status & VIRTIO_CONFIG_S_FEATURES_OK,
		 "queue enabled before FEATURES_OK");
	q = &d->q[qid];
	memset(q, 0, sizeof(*q));
	q->enabled = true;
	q->size = size;
	q->desc = (struct vring_desc *)(uintptr_t)desc;
	q->avail = (struct vring_avail *)(uintptr_t)avail;
	q->used = (struct vring_used *)(uintptr_t)used;
	d->notify_qid[qid] = qid;
	return &d->notify_qid[qid];
}

static struct fz_dev *notify_dev;

static void
t_notify(void *cookie)
{
	uint16_t qid = *(uint16_t *)cookie;

	FZ_CHECK(notify_dev != NULL && qid < FZ_MAX_QUEUES &&
		 notify_dev->q[qid].enabled, "notify of queue %u", qid);
	if (notify_dev->on_notify != NULL)
		notify_dev->on_notify(notify_dev, qid);
}

static enum vcrypto_addr_mode
t_addr_mode(struct vcrypto_hw *hw __rte_unused)
{
	return VCRYPTO_ADDR_IOVA;
}

static const struct vcrypto_transport_ops fz_ops = {
	.get_status = t_get_status,
	.set_status = t_set_status,
	.get_features = t_get_features,
	.set_features = t_set_features,
	.config_generation = t_config_generation,
	.read_config = t_read_config,
	.num_queues = t_num_queues,
	.queue_max_size = t_queue_max_size,
	.queue_enable = t_queue_enable,
	.notify = t_notify,
	.addr_mode = t_addr_mode,
};

void
fz_dev_init(struct fz_dev *d, uint16_t queue_max)
{
	struct virtio_crypto_config *c = &d->cfg;

	memset(d, 0, sizeof(*d));
	d->offered = (1ULL << VIRTIO_F_VERSION_1) |
		(1ULL << VIRTIO_RING_F_INDIRECT_DESC);
	d->num_queues = 2;
	d->queue_max = queue_max;
	c->status = htole32(VIRTIO_CRYPTO_S_HW_READY);
	c->max_dataqueues = htole32(1);
	c->crypto_services = htole32((1u << VIRTIO_CRYPTO_SERVICE_CIPHER) |
		(1u << VIRTIO_CRYPTO_SERVICE_HASH) |
		(1u << VIRTIO_CRYPTO_SERVICE_MAC) |
		(1u << VIRTIO_CRYPTO_SERVICE_AEAD));
	c->cipher_algo_l = htole32(0xffffffff);
	c->cipher_algo_h = htole32(0xffffffff);
	c->hash_algo = htole32(0xffffffff);
	c->mac_algo_l = htole32(0xffffffff);
	c->mac_algo_h = htole32(0xffffffff);
	c->aead_algo = htole32(0xffffffff);
	c->max_cipher_key_len = htole32(64);
	c->max_auth_key_len = htole32(512);
	c->max_size = htole64(1u << 20);

	d->hw.name = "fuzz0";
	d->hw.socket_id = 0;
	d->hw.ops = &fz_ops;
	d->hw.transport_priv = d;
	/* No waiting: a request not answered at once has timed out. */
	d->hw.opts.ctrl_timeout_ms = 0;
	d->hw.opts.op_timeout_ms = 0;
	d->hw.opts.probe_caps = false;
	vcrypto_hw_lock_init(&d->hw);
	notify_dev = d;
	/* What the PMD's probe sets for a device (id 0 here). */
	vcrypto_locals[d->hw.dev_id].notify = fz_ops.notify;
}

int
fz_dev_start(struct fz_dev *d, uint16_t nb_dataqs)
{
	int ret = vcrypto_hw_negotiate(&d->hw);

	if (ret != 0)
		return ret;
	return vcrypto_hw_start(&d->hw, nb_dataqs);
}

void
fz_dev_stop(struct fz_dev *d)
{
	vcrypto_hw_stop(&d->hw);
	pthread_mutex_destroy(&d->hw.ctrl_lock);
	if (notify_dev == d)
		notify_dev = NULL;
}

static void
add_buf(struct fz_chain *c, const struct vring_desc *dsc)
{
	uint16_t flags = le16toh(dsc->flags);
	struct fz_buf *b;

	FZ_CHECK(c->n < FZ_MAX_CHAIN, "chain longer than %u", FZ_MAX_CHAIN);
	b = &c->b[c->n++];
	b->addr = (uint8_t *)(uintptr_t)le64toh(dsc->addr);
	b->len = le32toh(dsc->len);
	b->write = flags & VRING_DESC_F_WRITE;
	FZ_CHECK(b->write || !c->seen_write,
		 "readable buffer after a writable one");
	if (b->write) {
		c->seen_write = true;
		c->writable += b->len;
	}
}

static void
walk_indirect(struct fz_chain *c, const struct vring_desc *rd)
{
	uint32_t len = le32toh(rd->len);
	const struct vring_desc *t =
		(const struct vring_desc *)(uintptr_t)le64toh(rd->addr);
	uint32_t i, cnt = len / sizeof(*t);

	FZ_CHECK(len != 0 && len % sizeof(*t) == 0,
		 "indirect table of %u bytes", len);
	FZ_CHECK(!(le16toh(rd->flags) & VRING_DESC_F_NEXT),
		 "indirect head with NEXT");
	c->indirect = true;
	for (i = 0; i < cnt; i++) {
		uint16_t fl = le16toh(t[i].flags);

		FZ_CHECK(!(fl & VRING_DESC_F_INDIRECT), "nested indirect table");
		add_buf(c, &t[i]);
		if (!(fl & VRING_DESC_F_NEXT)) {
			FZ_CHECK(i + 1 == cnt, "table ends at %u of %u", i, cnt);
			return;
		}
		FZ_CHECK(le16toh(t[i].next) == i + 1, "table entry %u links to %u",
			 i, le16toh(t[i].next));
	}
	FZ_CHECK(false, "indirect table's last entry has NEXT");
}

bool
fz_dev_pop(struct fz_dev *d, uint16_t qid, struct fz_chain *c)
{
	struct fz_queue *q = &d->q[qid];
	uint16_t avail_idx, id, i;

	if (!q->enabled)
		return false;
	avail_idx = le16toh(__atomic_load_n(&q->avail->idx, __ATOMIC_ACQUIRE));
	if (avail_idx == q->last_avail)
		return false;
	FZ_CHECK((uint16_t)(avail_idx - q->last_avail) <= q->size,
		 "avail index %u runs %u ahead of a ring of %u", avail_idx,
		 (uint16_t)(avail_idx - q->last_avail), q->size);
	memset(c, 0, offsetof(struct fz_chain, b));
	c->head = le16toh(q->avail->ring[q->last_avail & (q->size - 1)]);
	q->last_avail++;
	FZ_CHECK(c->head < q->size, "avail head %u of %u", c->head, q->size);
	id = c->head;
	for (i = 0; i < q->size; i++) {
		const struct vring_desc *dsc = &q->desc[id];
		uint16_t fl = le16toh(dsc->flags);

		if (fl & VRING_DESC_F_INDIRECT) {
			FZ_CHECK(i == 0 && !(fl & VRING_DESC_F_NEXT),
				 "indirect descriptor inside a chain");
			walk_indirect(c, dsc);
			return true;
		}
		add_buf(c, dsc);
		if (!(fl & VRING_DESC_F_NEXT))
			return true;
		id = le16toh(dsc->next);
		FZ_CHECK(id < q->size, "next %u of %u", id, q->size);
	}
	FZ_CHECK(false, "descriptor chain loops");
	return false;
}

void
fz_dev_used(struct fz_dev *d, uint16_t qid, uint32_t id, uint32_t len)
{
	struct fz_queue *q = &d->q[qid];
	struct vring_used_elem *e = &q->used->ring[q->used_idx & (q->size - 1)];

	e->id = htole32(id);
	e->len = htole32(len);
	q->used_idx++;
	__atomic_store_n(&q->used->idx, htole16(q->used_idx), __ATOMIC_RELEASE);
}

struct rte_cryptodev_sym_session *
fz_session_alloc(void)
{
	return calloc(1, sizeof(struct rte_cryptodev_sym_session) +
		      RTE_MAX(vcrypto_sym_session_get_size(NULL),
			      sizeof(struct vcrypto_session)));
}
