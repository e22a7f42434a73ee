/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The virtio-crypto PMD authors
 */

#ifndef VQ_COMMON_H
#define VQ_COMMON_H

/*
 * What the split and the packed virtqueue engines share: how a caller
 * describes a chain and learns of its completion, per-slot memory (an
 * indirect table and a private area per buffer id), byte order, barriers
 * and the counters other threads read. Nothing here depends on the ring
 * layout.
 */

#include <stdbool.h>
#include <stddef.h>
#include <errno.h>
#include <stdint.h>

#include <linux/virtio_ring.h>

/*
 * Virtio 1.x rings are little endian. These convert both ways; on x86
 * they are no-ops, a big-endian port gets the swaps for free.
 */
static inline uint16_t
vq_le16(uint16_t v)
{
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap16(v);
#else
	return v;
#endif
}

static inline uint32_t
vq_le32(uint32_t v)
{
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap32(v);
#else
	return v;
#endif
}

static inline uint64_t
vq_le64(uint64_t v)
{
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap64(v);
#else
	return v;
#endif
}

#define VQ_BUF_WRITE 1u	/* device-writable buffer */

/* One buffer of a chain, as the caller describes it to a post. */
struct vq_buf {
	uint64_t iova;
	uint32_t len;
	uint32_t flags;		/* VQ_BUF_WRITE or 0 */
};

/*
 * The spec forbids readable buffers after writable ones; catching it here
 * beats a device rejecting the request. Also sums the writable bytes,
 * saturating so the length check can never be fooled by a wrap.
 */
static inline int
vq_chain_check(const struct vq_buf *bufs, uint16_t n, uint32_t *writable)
{
	uint64_t sum = 0;
	bool seen_write = false;
	uint16_t i;

	for (i = 0; i < n; i++) {
		if ((bufs[i].flags & ~VQ_BUF_WRITE) != 0)
			return -EINVAL;
		if (bufs[i].flags & VQ_BUF_WRITE) {
			seen_write = true;
			sum += bufs[i].len;
		} else if (seen_write) {
			return -EINVAL;
		}
	}
	*writable = sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum;
	return 0;
}

/* Completion of one chain. */
#define VQ_DONE_BAD_LEN 1u
struct vq_done {
	void *cookie;		/* as given to the post */
	uint32_t len;		/* bytes the device says it wrote */
	uint16_t slot;
	uint16_t flags;		/* VQ_DONE_BAD_LEN or 0 */
};

typedef void (*vq_notify_fn)(void *arg);

/* A queue's shape, for either layout. */
struct vq_config {
	/* ring entries: split, a power of 2 <= 32768; packed, 1..32768 */
	uint16_t size;
	uint16_t indirect_max;	/* entries per slot's table, <= size; 0: none */
	uint32_t slot_priv_size;	/* bytes of private area per slot */
	/*
	 * VIRTIO_RING_F_EVENT_IDX negotiated: the device says at which
	 * position it wants to be notified.
	 */
	bool event_idx;
	/*
	 * VIRTIO_F_ORDER_PLATFORM negotiated: order ring accesses with the
	 * platform's DMA barriers, not only the ones between CPUs.
	 */
	bool platform_order;
};

/* Counters of one queue, whatever its layout. */
struct vq_stats {
	uint64_t posted;	/* chains made available */
	uint64_t completed;	/* good used entries harvested */
	uint64_t notifications;	/* notify callback calls */
	uint64_t bad_id;	/* used entries with a bad or stale id */
	uint64_t bad_len;	/* used entries with len > writable bytes */
};

/* Per-slot bookkeeping; internal, exposed only for inline fast paths. */
struct vq_slot_state {
	void *cookie;		/* NULL when the slot is not in flight */
	uint32_t writable;	/* sum of VQ_BUF_WRITE lengths */
	uint16_t ndesc;		/* ring descriptors the chain holds */
	uint16_t last;		/* last ring descriptor of a direct chain */
};

/*
 * Counters and state that other threads read (telemetry, stats) while
 * the queue's own thread writes them: one writer, relaxed atomics, so a
 * reader sees a whole value and nothing races. Plain moves on x86.
 */
static inline void
vq_count(uint64_t *c, uint64_t n)
{
	__atomic_store_n(c, __atomic_load_n(c, __ATOMIC_RELAXED) + n,
			 __ATOMIC_RELAXED);
}

/*
 * Barriers for a device that orders its accesses as the platform orders
 * DMA (VIRTIO_F_ORDER_PLATFORM): on arm64 these reach the outer-shareable
 * domain, where the CPUs' own (inner-shareable) ones do not; x86 orders
 * DMA as it orders CPUs. Elsewhere, full fences, which order everything.
 */
#if defined(__aarch64__)
#define vq_dma_wmb() __asm__ volatile("dmb oshst" : : : "memory")
#define vq_dma_rmb() __asm__ volatile("dmb oshld" : : : "memory")
#define vq_dma_mb() __asm__ volatile("dmb osh" : : : "memory")
#elif defined(__x86_64__) || defined(__i386__)
#define vq_dma_wmb() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define vq_dma_rmb() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define vq_dma_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#else
#define vq_dma_wmb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define vq_dma_rmb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define vq_dma_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif

/* Internal: v rounded up to align, a power of 2. */
static inline uint64_t
vq_align_up(uint64_t v, uint64_t align)
{
	return (v + align - 1) & ~(align - 1);
}

#define VQ_MEM_ALIGN	4096u	/* the caller's block, and so the ring */
#define VQ_SLOT_ALIGN	64u	/* a cache line per slot area */

/*
 * Internal: bytes per slot (a table of indirect_max 16-byte entries, then
 * the private area, cache-line aligned); false if that overflows.
 */
_Static_assert(sizeof(struct vring_desc) == 16 &&
	       sizeof(struct vring_packed_desc) == 16,
	       "table entries are 16 bytes in both layouts");

static inline bool
vq_slot_stride(const struct vq_config *cfg, uint32_t *stride)
{
	uint64_t s = vq_align_up((uint64_t)cfg->indirect_max * 16u +
				 cfg->slot_priv_size, VQ_SLOT_ALIGN);

	*stride = (uint32_t)s;
	return s <= UINT32_MAX;
}

/*
 * Internal: the caller's memory fits the contract: the block 4096-aligned
 * in both address spaces (natural alignment of every ring element
 * follows), the bookkeeping aligned for slot states.
 */
static inline bool
vq_memory_usable(const void *mem, uint64_t iova, const void *meta)
{
	return mem != NULL && meta != NULL &&
		(((uintptr_t)mem | iova) & (VQ_MEM_ALIGN - 1)) == 0 &&
		(uintptr_t)meta % _Alignof(struct vq_slot_state) == 0;
}

/* A slot's table and private area with their IOVAs, computed once. */
struct vq_slot_mem {
	struct vring_desc *table;
	uint64_t table_iova;
	void *priv;
	uint64_t priv_iova;
};

/*
 * Where a queue's per-slot areas are, in the caller's block: slot i at
 * base + i * stride, its table first and its private area at priv_off.
 */
struct vq_slot_area {
	uint8_t *base;
	uint64_t base_iova;
	uint32_t stride;
	uint32_t priv_off;
};

/* Internal: areas at off in the block, tables of indirect_max entries. */
static inline struct vq_slot_area
vq_slot_area_at(uint8_t *block, uint64_t iova, size_t off, uint32_t stride,
		uint16_t indirect_max)
{
	return (struct vq_slot_area){ block + off, iova + off, stride,
		(uint32_t)indirect_max * 16u };
}

/* Slot i's table and private area, with their IOVAs. */
static inline struct vq_slot_mem
vq_slot_area_mem(const struct vq_slot_area *a, uint16_t slot)
{
	size_t off = (size_t)slot * a->stride;
	uint8_t *base = a->base + off;
	uint64_t iova = a->base_iova + off;

	return (struct vq_slot_mem){ (struct vring_desc *)base, iova,
		base + a->priv_off, iova + a->priv_off };
}

#endif /* VQ_COMMON_H */
