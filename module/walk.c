// SPDX-License-Identifier: GPL-2.0
/*
 * The page-table walk engine: pgd -> p4d -> pud -> pmd -> pte over the VMAs
 * of an mm, decoding every non-empty entry into struct mmscope_entry and
 * handing it to the consumers in struct mmscope_walk_ops (or, to those that
 * ask for it, each PTE table undecoded).  It knows nothing about output
 * formats: debugfs and netlink are consumers.
 *
 * Locking (the rules fs/proc/task_mmu.c and mm/pagewalk.c follow):
 *  - The caller holds mmap_read_lock(mm).  VMAs cannot change, and the
 *    page tables above PTE level that cover a VMA cannot be freed:
 *    free_pgtables() only runs for ranges whose VMAs are already gone.  The
 *    walk therefore only descends inside VMAs.
 *  - A PTE table is reached through a snapshot of its PMD inside
 *    rcu_read_lock() (khugepaged frees retracted PTE tables by RCU on 6.6+),
 *    read under its PTE lock, and the PMD is re-checked under the lock as
 *    __pte_offset_map_lock() does.  Entries handed to ->entry() or ->ptes()
 *    are thus a consistent snapshot of one table (but for the A and D bits,
 *    which the MMU sets without the lock), and the pages they map stay
 *    mapped while the callback runs.  If the PMD keeps changing, the walk
 *    gives up with -EAGAIN rather than return torn data.
 *  - Huge leaves (PMD, PUD) are read with one untorn load.
 */
#include <linux/magic.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/pgtable.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>

#include "compat.h"
#include "internal.h"

#define PMD_CHANGED	1	/* internal: the PMD changed under us, retry */
#define PMD_RETRIES	5

/* MMSCOPE_F_* bits that are numbered as x86 numbers the entry's bits. */
#define F_AS_X86	(MMSCOPE_F_RW | MMSCOPE_F_USER | MMSCOPE_F_PWT | MMSCOPE_F_PCD | \
			 MMSCOPE_F_ACCESSED | MMSCOPE_F_DIRTY | MMSCOPE_F_PSE_PAT | \
			 MMSCOPE_F_GLOBAL)

/* Decode the x86 bits of an entry at any level (same layout at all levels). */
static u32 decode_hw_flags(u64 v)
{
	u32 f = v & F_AS_X86;

	BUILD_BUG_ON(MMSCOPE_F_RW != _PAGE_RW || MMSCOPE_F_USER != _PAGE_USER ||
		     MMSCOPE_F_PWT != _PAGE_PWT || MMSCOPE_F_PCD != _PAGE_PCD ||
		     MMSCOPE_F_ACCESSED != _PAGE_ACCESSED || MMSCOPE_F_DIRTY != _PAGE_DIRTY ||
		     MMSCOPE_F_PSE_PAT != _PAGE_PSE || MMSCOPE_F_GLOBAL != _PAGE_GLOBAL);
	if (v & _PAGE_PRESENT)
		f |= MMSCOPE_F_HW_PRESENT;
	if (v & _PAGE_NX)
		f |= MMSCOPE_F_NX;
	if (v & _PAGE_SOFT_DIRTY)
		f |= MMSCOPE_F_SOFT_DIRTY;
	if (v & _PAGE_SPECIAL)
		f |= MMSCOPE_F_SPECIAL;
	return f;
}

/**
 * mmscope_decode_flags() - MMSCOPE_F_* bits of a raw entry's hardware bits
 * @raw: the entry
 */
u32 mmscope_decode_flags(u64 raw)
{
	return decode_hw_flags(raw);
}

static bool vma_is_shmem_backed(struct vm_area_struct *vma)
{
	return vma->vm_file &&
	       file_inode(vma->vm_file)->i_sb->s_magic == TMPFS_MAGIC;
}

/**
 * mmscope_vma_kind() - what backs a VMA: anon, file, shmem, pfnmap or other
 * @vma: the VMA (mmap lock held)
 */
u8 mmscope_vma_kind(struct vm_area_struct *vma)
{
	if (vma->vm_flags & (VM_PFNMAP | VM_IO))
		return MMSCOPE_KIND_PFNMAP;
	if (vma_is_anonymous(vma))
		return MMSCOPE_KIND_ANON;
	if (vma_is_shmem_backed(vma))
		return MMSCOPE_KIND_SHMEM;
	if (vma->vm_file)
		return MMSCOPE_KIND_FILE;
	return MMSCOPE_KIND_OTHER;	/* special mappings: [vdso] */
}

/*
 * Fill in what backs a mapped frame (mmscope_frame_page(), mmscope_page_kind()).
 * The page stays mapped (PTE lock, or mmap lock for leaves) while its
 * fields are read.
 */
static void describe_frame(struct mmscope_entry *e, struct mmscope_walk *w,
			   bool special)
{
	struct mmscope_kind_cache f;
	struct page *page;

	mmscope_kind_cache_init(&f, w);
	e->mapcount = -1;
	page = mmscope_frame_page(&f, e->pfn, special, &e->kind);
	if (!page)
		return;
	e->kind = mmscope_page_kind(&f, page);
	/* A huge leaf in an anonymous VMA that is not anon: the huge zero page. */
	if (e->level != MMSCOPE_LEVEL_PTE && !w->vma->vm_file &&
	    e->kind != MMSCOPE_KIND_ANON && e->kind != MMSCOPE_KIND_KSM) {
		e->kind = MMSCOPE_KIND_ZERO;
		return;
	}
	e->mapcount = mmscope_page_mapcount(page);
	if (folio_test_referenced(page_folio(page)))
		e->referenced = true;
}

static void describe_swap(struct mmscope_entry *e, pte_t pte)
{
	switch (mmscope_pte_soft(pte, &e->swap_type, &e->swap_offset)) {
	case MMSCOPE_SOFT_SWAP:
		e->kind = MMSCOPE_KIND_SWAP;
		e->flags |= MMSCOPE_F_SWAP;
		break;
	case MMSCOPE_SOFT_MIGRATION:
		e->kind = MMSCOPE_KIND_MIGRATION;
		break;
	default:
		e->kind = MMSCOPE_KIND_OTHER;
		break;
	}
}

/**
 * mmscope_fill_pte() - decode one PTE into an entry
 * @w:    the walk (its VMA)
 * @e:    filled in; every field is written
 * @pte:  a non-none PTE read under its table's lock (the lock still held)
 * @addr: the address it maps
 *
 * For ->ptes consumers, which get the raw table and decode what they need.
 */
void mmscope_fill_pte(struct mmscope_walk *w, struct mmscope_entry *e, pte_t pte,
		      unsigned long addr)
{
	e->va = addr;
	e->size = PAGE_SIZE;
	e->level = MMSCOPE_LEVEL_PTE;
	e->raw = pte_val(pte);
	e->swap_type = 0;
	e->swap_offset = 0;
	if (pte_present(pte)) {
		e->flags = decode_hw_flags(e->raw) | MMSCOPE_F_PRESENT;
		if (!(e->flags & MMSCOPE_F_HW_PRESENT))
			e->flags |= MMSCOPE_F_PROTNONE;
		e->pfn = pte_pfn(pte);
		e->referenced = e->flags & MMSCOPE_F_ACCESSED;
		describe_frame(e, w, e->flags & MMSCOPE_F_SPECIAL);
		return;
	}
	e->flags = pte_swp_soft_dirty(pte) ? MMSCOPE_F_SOFT_DIRTY : 0;
	e->pfn = 0;
	e->mapcount = -1;
	e->referenced = false;
	describe_swap(e, pte);
}

static void fill_leaf(struct mmscope_walk *w, struct mmscope_entry *e, u64 raw,
		      u64 pfn, int level, unsigned long addr)
{
	memset(e, 0, sizeof(*e));
	e->size = level == MMSCOPE_LEVEL_PMD ? PMD_SIZE : PUD_SIZE;
	e->va = addr & ~(e->size - 1);
	e->level = level;
	e->raw = raw;
	e->flags = decode_hw_flags(raw) | MMSCOPE_F_PRESENT | MMSCOPE_F_HUGE;
	if (!(e->flags & MMSCOPE_F_HW_PRESENT))
		e->flags |= MMSCOPE_F_PROTNONE;
	e->pfn = pfn;
	e->referenced = e->flags & MMSCOPE_F_ACCESSED;
	describe_frame(e, w, false);
}

static int emit(struct mmscope_walk *w, struct mmscope_entry *e)
{
	int ret = w->ops->entry ? w->ops->entry(w, e) : 0;

	if (ret)
		w->next = max(e->va, w->start);
	return ret;
}

static void table(struct mmscope_walk *w, int level, u64 pa)
{
	if (w->ops->table)
		w->ops->table(w, level, pa & PTE_PFN_MASK);
}

static int walk_pte_range(struct mmscope_walk *w, pmd_t *pmdp, pmd_t pmdval,
			  unsigned long addr, unsigned long end)
{
	struct mmscope_entry e;
	spinlock_t *ptl;	/* the PTE table's lock (split PTE locks) */
	pte_t *ptep, pte;
	int ret = 0;

	rcu_read_lock();
	ptl = pte_lockptr(w->mm, &pmdval);
	spin_lock(ptl);
	if (!pmd_same(pmdval, mmscope_pmdp_get_lockless(pmdp))) {
		ret = PMD_CHANGED;
		goto out;
	}
	ptep = pte_offset_kernel(&pmdval, addr);
	if (w->ops->ptes) {
		ret = w->ops->ptes(w, ptep, addr, end);
		goto out;
	}
	for (; addr < end; addr += PAGE_SIZE, ptep++) {
		pte = ptep_get(ptep);
		if (pte_none(pte))
			continue;
		mmscope_fill_pte(w, &e, pte, addr);
		w->ptep = ptep;
		ret = emit(w, &e);
		w->ptep = NULL;
		if (ret)
			break;
	}
out:
	spin_unlock(ptl);
	rcu_read_unlock();
	return ret;
}

static int walk_pmd_range(struct mmscope_walk *w, pud_t *pudp, unsigned long addr,
			  unsigned long end)
{
	struct mmscope_entry e;
	pmd_t *pmdp, pmd;
	unsigned long next;
	int ret, tries;

	pmdp = pmd_offset(pudp, addr);
	do {
		next = pmd_addr_end(addr, end);
		tries = 0;
again:
		pmd = mmscope_pmdp_get_lockless(pmdp);
		if (pmd_none(pmd))
			continue;
		if (!pmd_present(pmd)) {
			/* A THP being migrated: a swap-format entry at PMD level. */
			memset(&e, 0, sizeof(e));
			e.va = addr & PMD_MASK;
			e.size = PMD_SIZE;
			e.level = MMSCOPE_LEVEL_PMD;
			e.raw = pmd_val(pmd);
			e.mapcount = -1;
			e.kind = MMSCOPE_KIND_MIGRATION;
			ret = emit(w, &e);
			if (ret)
				return ret;
			continue;
		}
		if (pmd_leaf(pmd)) {
			fill_leaf(w, &e, pmd_val(pmd), pmd_pfn(pmd), MMSCOPE_LEVEL_PMD, addr);
			ret = emit(w, &e);
			if (ret)
				return ret;
			continue;
		}
		if (pmd_bad(pmd))
			continue;
		table(w, MMSCOPE_LEVEL_PTE, pmd_val(pmd));
		ret = walk_pte_range(w, pmdp, pmd, addr, next);
		if (ret == PMD_CHANGED) {
			if (++tries < PMD_RETRIES)
				goto again;
			w->next = addr;
			return -EAGAIN;
		}
		if (ret)
			return ret;
		cond_resched();
	} while (pmdp++, addr = next, addr != end);
	return 0;
}

static int walk_pud_range(struct mmscope_walk *w, p4d_t *p4dp, unsigned long addr,
			  unsigned long end)
{
	struct mmscope_entry e;
	pud_t *pudp, pud;
	unsigned long next;
	int ret;

	pudp = pud_offset(p4dp, addr);
	do {
		next = pud_addr_end(addr, end);
		pud = READ_ONCE(*pudp);
		if (pud_none(pud) || !pud_present(pud))
			continue;
		if (pud_leaf(pud)) {
			fill_leaf(w, &e, pud_val(pud), pud_pfn(pud), MMSCOPE_LEVEL_PUD, addr);
			ret = emit(w, &e);
			if (ret)
				return ret;
			continue;
		}
		if (pud_bad(pud))
			continue;
		table(w, MMSCOPE_LEVEL_PMD, pud_val(pud));
		ret = walk_pmd_range(w, pudp, addr, next);
		if (ret)
			return ret;
	} while (pudp++, addr = next, addr != end);
	return 0;
}

static int walk_p4d_range(struct mmscope_walk *w, pgd_t *pgdp, unsigned long addr,
			  unsigned long end)
{
	p4d_t *p4dp, p4d;
	unsigned long next;
	int ret;

	p4dp = p4d_offset(pgdp, addr);
	do {
		next = p4d_addr_end(addr, end);
		p4d = READ_ONCE(*p4dp);
		if (p4d_none(p4d) || p4d_bad(p4d))
			continue;
		table(w, MMSCOPE_LEVEL_PUD, p4d_val(p4d));
		ret = walk_pud_range(w, p4dp, addr, next);
		if (ret)
			return ret;
	} while (p4dp++, addr = next, addr != end);
	return 0;
}

static int walk_pgd_range(struct mmscope_walk *w, unsigned long addr, unsigned long end)
{
	pgd_t *pgdp, pgd;
	unsigned long next;
	int ret;

	pgdp = pgd_offset(w->mm, addr);
	do {
		next = pgd_addr_end(addr, end);
		pgd = READ_ONCE(*pgdp);
		if (pgd_none(pgd) || pgd_bad(pgd))
			continue;
		/* With 4 levels the p4d is folded into the pgd: no table of its own. */
		if (mmscope_pt_levels() == 5)
			table(w, MMSCOPE_LEVEL_P4D, pgd_val(pgd));
		ret = walk_p4d_range(w, pgdp, addr, next);
		if (ret)
			return ret;
	} while (pgdp++, addr = next, addr != end);
	return 0;
}

/**
 * mmscope_walk_range() - walk the page tables of @w->mm over [@w->start, @w->end)
 * @w: the walk; the caller holds mmap_read_lock(@w->mm)
 *
 * Only addresses inside VMAs are walked (see the locking notes above).
 * A callback's non-zero return stops the walk; @w->next then says where to
 * resume.
 *
 * Return: 0, a callback's return value, -EAGAIN when page tables kept
 * changing under the walk, or -EINTR on a fatal signal.
 */
int mmscope_walk_range(struct mmscope_walk *w)
{
	VMA_ITERATOR(vmi, w->mm, w->start);
	struct vm_area_struct *vma;
	unsigned long s, e;
	int ret = 0;

	mmscope_assert_mmap_locked(w->mm);
	w->next = w->end;
	w->ptep = NULL;
	for_each_vma_range(vmi, vma, w->end) {
		s = max(w->start, vma->vm_start);
		e = min(w->end, vma->vm_end);
		w->vma = vma;
		w->vma_kind = mmscope_vma_kind(vma);
		if (w->ops->vma_start) {
			ret = w->ops->vma_start(w, vma);
			if (ret) {
				w->next = s;
				break;
			}
		}
		ret = walk_pgd_range(w, s, e);
		if (ret)
			break;
		if (w->ops->vma_end) {
			ret = w->ops->vma_end(w, vma);
			if (ret) {
				w->next = s;
				break;
			}
		}
		if (fatal_signal_pending(current)) {
			w->next = e;
			ret = -EINTR;
			break;
		}
		cond_resched();
	}
	w->vma = NULL;
	return ret;
}

/**
 * mmscope_entry_match() - does an entry pass a MMSCOPE_FILTER_* mask?
 * @e:      the entry
 * @filter: MMSCOPE_FILTER_* bits; all must match
 */
bool mmscope_entry_match(const struct mmscope_entry *e, u32 filter)
{
	if ((filter & MMSCOPE_FILTER_PRESENT) && !(e->flags & MMSCOPE_F_PRESENT))
		return false;
	if ((filter & MMSCOPE_FILTER_DIRTY) && !(e->flags & MMSCOPE_F_DIRTY))
		return false;
	if ((filter & MMSCOPE_FILTER_YOUNG) && !(e->flags & MMSCOPE_F_ACCESSED))
		return false;
	if ((filter & MMSCOPE_FILTER_SWAP) && e->kind != MMSCOPE_KIND_SWAP)
		return false;
	if ((filter & MMSCOPE_FILTER_HUGE) && !(e->flags & MMSCOPE_F_HUGE))
		return false;
	return true;
}
