/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where differences between supported kernels (Debian 6.1,
 * 6.12 and 7.x) are absorbed.  Other files include this header and call the
 * mmscope_* wrappers.  What a kernel offers is detected by Kbuild from its
 * headers (the MMSCOPE_HAVE_* flags), not guessed from version numbers.
 *
 * Sections, by topic: paging geometry; tasks; page tables (PMD reads,
 * non-present entries); TLB; mm counters; pages and folios; module-backed
 * mappings; generic netlink; buddy allocator; slab.  Add a wrapper to its
 * topic's section, saying which kernels each branch is for.
 */
#ifndef _MMSCOPE_COMPAT_H
#define _MMSCOPE_COMPAT_H

#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#ifdef MMSCOPE_HAVE_LEAFOPS
#include <linux/leafops.h>
#endif
#include <asm/tlbflush.h>

/* ------------------------------------------------------- paging geometry */

/* Number of paging levels the MMU walks right now (LA57 is a boot choice). */
static inline u32 mmscope_pt_levels(void)
{
#if CONFIG_PGTABLE_LEVELS >= 5
	if (pgtable_l5_enabled())
		return 5;
#endif
	return CONFIG_PGTABLE_LEVELS >= 4 ? 4 : CONFIG_PGTABLE_LEVELS;
}

/* ----------------------------------------------------------------- tasks */

/*
 * The task's name into @buf (TASK_COMM_LEN bytes).  get_task_comm() wants an
 * array, not a pointer.  Up to 6.12 __get_task_comm() copies it under
 * task_lock; 6.13 dropped it (and the lock) because comm is always
 * NUL-terminated and padded, and copies it with strscpy_pad() alone.
 */
static inline void mmscope_get_task_comm(char *buf, struct task_struct *task)
{
#ifdef MMSCOPE_HAVE_GET_TASK_COMM_FN
	__get_task_comm(buf, TASK_COMM_LEN, task);
#else
	strscpy_pad(buf, task->comm, TASK_COMM_LEN);
#endif
}

/* ----------------------------------------------------------- page tables */

/*
 * Assert that the caller holds @mm's mmap lock.  6.1's mmap_assert_locked()
 * reports through dump_mm(), which 6.1 does not export: with
 * CONFIG_DEBUG_VM a module calling it does not link.  6.12 and 7.x assert
 * with rwsem_assert_held(); these are the same checks, on every kernel.
 */
static inline void mmscope_assert_mmap_locked(struct mm_struct *mm)
{
	lockdep_assert_held(&mm->mmap_lock);
	VM_WARN_ON_ONCE(!rwsem_is_locked(&mm->mmap_lock));
}

/* A PMD read that is not torn; pmdp_get_lockless() is not in 6.1. */
static inline pmd_t mmscope_pmdp_get_lockless(pmd_t *pmdp)
{
#ifdef MMSCOPE_HAVE_PMDP_GET_LOCKLESS
	return pmdp_get_lockless(pmdp);
#else
	return READ_ONCE(*pmdp);
#endif
}

/*
 * What a non-present, non-none PTE holds.  7.2 replaced pte_to_swp_entry(),
 * non_swap_entry() and is_migration_entry() by <linux/leafops.h>
 * (softleaf_t, the same type as swp_entry_t, so swp_type()/swp_offset()
 * read both).
 */
enum mmscope_soft_pte {
	MMSCOPE_SOFT_SWAP,		/* a swap slot: *type, *offset */
	MMSCOPE_SOFT_MIGRATION,		/* a page under migration */
	MMSCOPE_SOFT_OTHER,		/* device, hwpoison, marker, ... */
};

static inline enum mmscope_soft_pte mmscope_pte_soft(pte_t pte, u32 *type, u64 *offset)
{
#ifdef MMSCOPE_HAVE_LEAFOPS
	softleaf_t s = softleaf_from_pte(pte);
	bool swap = softleaf_is_swap(s), migration = softleaf_is_migration(s);
#else
	swp_entry_t s = pte_to_swp_entry(pte);
	bool swap = !non_swap_entry(s), migration = is_migration_entry(s);
#endif

	if (swap) {
		*type = swp_type(s);
		*offset = swp_offset(s);
		return MMSCOPE_SOFT_SWAP;
	}
	return migration ? MMSCOPE_SOFT_MIGRATION : MMSCOPE_SOFT_OTHER;
}

/* ------------------------------------------------------------------- TLB */

#ifdef MMSCOPE_HAVE_FLUSH_TLB_ALL
static inline void mmscope_flush_tlb_one_cpu(void *unused)
{
	__flush_tlb_all();
}
#endif

/*
 * Flush every CPU's TLB, so that the next access to a page whose accessed
 * bit was cleared sets it again.  Flushing one mm's TLB is not exported;
 * __flush_tlb_all() is, to every module up to 6.x; 7.x exports it to KVM's
 * modules only, and there nothing is flushed.  Returns whether it flushed.
 */
static inline bool mmscope_flush_tlb_all_cpus(void)
{
#ifdef MMSCOPE_HAVE_FLUSH_TLB_ALL
	on_each_cpu(mmscope_flush_tlb_one_cpu, NULL, 1);
	return true;
#else
	return false;
#endif
}

/* --------------------------------------------------------- mm counters */

/*
 * An mm's RSS counter (MM_ANONPAGES, ...), exact, as /proc/PID/status shows
 * it.  6.2 made the counters per-CPU: get_mm_counter() is then an
 * approximate read, and status sums them (get_mm_counter_sum(), also in
 * stable 6.12).  On 6.1 get_mm_counter() is the atomic counter itself.
 */
static inline unsigned long mmscope_mm_counter(struct mm_struct *mm, int member)
{
#ifdef MMSCOPE_HAVE_GET_MM_COUNTER_SUM
	return get_mm_counter_sum(mm, member);
#else
	return get_mm_counter(mm, member);
#endif
}

/* -------------------------------------------------------- pages and folios */

/* Mappings of the page (a subpage of a large folio counts its own too). */
static inline int mmscope_page_mapcount(struct page *page)
{
#ifdef MMSCOPE_HAVE_FOLIO_MAPCOUNT_INLINE
	return folio_mapcount(page_folio(page));
#else
	return page_mapcount(page);
#endif
}

/*
 * The low bits of folio->mapping that mark an anon_vma (and KSM / movable
 * pages); renamed from PAGE_MAPPING_* to FOLIO_MAPPING_* in 6.17.
 */
#ifdef FOLIO_MAPPING_ANON
#define MMSCOPE_MAPPING_ANON	FOLIO_MAPPING_ANON
#define MMSCOPE_MAPPING_FLAGS	FOLIO_MAPPING_FLAGS
#else
#define MMSCOPE_MAPPING_ANON	PAGE_MAPPING_ANON
#define MMSCOPE_MAPPING_FLAGS	PAGE_MAPPING_FLAGS
#endif

/* ------------------------------------------------- module-backed mappings */

/* Set VMA flags in a driver's mmap: vm_flags is const from 6.3 (6.12, 7.x). */
static inline void mmscope_vm_flags_set(struct vm_area_struct *vma, vm_flags_t flags)
{
#ifdef MMSCOPE_HAVE_VM_FLAGS_SET
	vm_flags_set(vma, flags);
#else
	vma->vm_flags |= flags;
#endif
}

/*
 * Remove the PTEs of [addr, addr + size) of a VM_PFNMAP VMA, flushing the
 * TLB.  zap_vma_ptes() (6.1, 6.12) was renamed zap_special_vma_range() in
 * 7.x; both do nothing unless the VMA is VM_PFNMAP (or, on 7.x, MIXEDMAP).
 */
static inline void mmscope_zap_pfn_range(struct vm_area_struct *vma, unsigned long addr,
					 unsigned long size)
{
#ifdef MMSCOPE_HAVE_ZAP_SPECIAL_VMA_RANGE
	zap_special_vma_range(vma, addr, size);
#else
	zap_vma_ptes(vma, addr, size);
#endif
}

/* -------------------------------------------------------- generic netlink */

/* The parsed request attributes of a generic-netlink dump. */
#define mmscope_dump_attrs(cb) __mmscope_dump_attrs(cb)
#ifdef MMSCOPE_HAVE_GENL_INFO_DUMP
#define __mmscope_dump_attrs(cb) (genl_info_dump(cb)->attrs)
#else
#define __mmscope_dump_attrs(cb) (genl_dumpit_info(cb)->attrs)
#endif

/* ------------------------------------------------------- buddy allocator */

/*
 * Buddy orders: up to 6.3 MAX_ORDER is the exclusive bound (11 on x86-64);
 * 6.8 added NR_PAGE_ORDERS for it (MAX_PAGE_ORDER, inclusive, is 10).
 * 6.4-6.7 (inclusive MAX_ORDER, no NR_PAGE_ORDERS) are not supported.
 */
#ifdef NR_PAGE_ORDERS
#define MMSCOPE_NR_ORDERS	NR_PAGE_ORDERS
#else
#define MMSCOPE_NR_ORDERS	MAX_ORDER
#endif
#define MMSCOPE_MAX_ORDER	(MMSCOPE_NR_ORDERS - 1)

/*
 * Migratetype names as /proc/pagetypeinfo prints them.  The kernel's
 * migratetype_names[] is not exported; this mirrors it (mm/page_alloc.c):
 * MIGRATE_CMA and MIGRATE_ISOLATE exist only with their config options.
 */
static inline const char *mmscope_mt_name(unsigned int mt)
{
	switch (mt) {
	case MIGRATE_UNMOVABLE:
		return "Unmovable";
	case MIGRATE_MOVABLE:
		return "Movable";
	case MIGRATE_RECLAIMABLE:
		return "Reclaimable";
	case MIGRATE_HIGHATOMIC:
		return "HighAtomic";
#ifdef CONFIG_CMA
	case MIGRATE_CMA:
		return "CMA";
#endif
#ifdef CONFIG_MEMORY_ISOLATION
	case MIGRATE_ISOLATE:
		return "Isolate";
#endif
	}
	return "Unknown";
}

/* ------------------------------------------------------------------ slab */

/*
 * A slab cache that SLUB must not merge with another of the same geometry,
 * so that /proc/slabinfo lists it under its own name.  SLAB_NO_MERGE exists
 * from 6.5; before that, a usercopy whitelist makes a cache unmergeable
 * (kmem_cache_create_usercopy() skips __kmem_cache_alias() when usersize is
 * set) without changing its layout as a constructor would.
 */
static inline struct kmem_cache *
mmscope_cache_create_unmerged(const char *name, unsigned int size)
{
#ifdef SLAB_NO_MERGE
	return kmem_cache_create(name, size, 0, SLAB_NO_MERGE, NULL);
#else
	return kmem_cache_create_usercopy(name, size, 0, 0, 0, size, NULL);
#endif
}

/*
 * Per-CPU sheaves: from 7.0 SLUB serves every cache through per-CPU arrays
 * of objects refilled from and flushed to the slabs in batches, unless the
 * cache is a debug one; SLAB_NO_SHEAVES is not a flag kmem_cache_create()
 * accepts.  Objects a module frees may then stay allocated in a sheaf until
 * kmem_cache_shrink() flushes them.
 */
#ifdef MMSCOPE_HAVE_SLAB_SHEAVES
#define MMSCOPE_SLAB_SHEAVES	true
#else
#define MMSCOPE_SLAB_SHEAVES	false
#endif

#endif /* _MMSCOPE_COMPAT_H */
