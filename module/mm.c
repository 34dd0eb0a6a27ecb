// SPDX-License-Identifier: GPL-2.0
/*
 * Consumers of the walk that summarise: the mm summary (with page-table
 * pages per level) and the per-VMA counts.
 */
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mmap_lock.h>
#include <linux/sched/mm.h>

#include "compat.h"
#include "internal.h"

/* Page-table pages, each counted once although several VMAs may share it. */
struct pt_census {
	u64 last[MMSCOPE_LEVEL_PGD + 1];
	u64 *count;
	u64 deposited;
};

static void census_table(struct mmscope_walk *w, int level, u64 pa)
{
	struct pt_census *c = w->priv;

	/* VMAs and tables are visited in address order: a shared table comes back at once. */
	if (c->last[level] == pa)
		return;
	c->last[level] = pa;
	c->count[level]++;
}

/*
 * A PMD leaf in an anonymous VMA (a THP or the huge zero page) has a PTE
 * table deposited beside it for a later split; the kernel counts it in
 * VmPTE although no walk can reach it.
 */
static int census_entry(struct mmscope_walk *w, const struct mmscope_entry *e)
{
	struct pt_census *c = w->priv;

	if (e->level == MMSCOPE_LEVEL_PMD && vma_is_anonymous(w->vma))
		c->deposited++;
	return 0;
}

static const struct mmscope_walk_ops census_ops = {
	.table = census_table,
	.entry = census_entry,
};

/**
 * mmscope_mm_summary() - the address space's sizes, RSS, layout and page tables
 * @mm: the mm (referenced by the caller, not locked)
 * @s:  filled in (pid and comm are the caller's)
 *
 * Return: 0, or the walk's error (-EINTR, -EAGAIN).
 */
int mmscope_mm_summary(struct mm_struct *mm, struct mmscope_mm_summary *s)
{
	struct pt_census census = { .count = s->pt_pages };
	struct mmscope_walk w = {
		.mm = mm,
		.start = 0,
		.end = TASK_SIZE_MAX,
		.ops = &census_ops,
		.priv = &census,
	};
	int ret;

	memset(s->pt_pages, 0, sizeof(s->pt_pages));
	s->pt_levels = mmscope_pt_levels();
	s->pgd_pa = __pa(mm->pgd);
	s->pt_pages[MMSCOPE_LEVEL_PGD] = 1;
	if (mmap_read_lock_killable(mm))
		return -EINTR;
	ret = mmscope_walk_range(&w);
	s->total_vm = mm->total_vm;
	s->rss_anon = mmscope_mm_counter(mm, MM_ANONPAGES);
	s->rss_file = mmscope_mm_counter(mm, MM_FILEPAGES);
	s->rss_shmem = mmscope_mm_counter(mm, MM_SHMEMPAGES);
	s->swap_ents = mmscope_mm_counter(mm, MM_SWAPENTS);
	s->pt_bytes_kernel = mm_pgtables_bytes(mm);
	s->pt_deposited = census.deposited;
	s->map_count = mm->map_count;
	s->start_code = mm->start_code;
	s->end_code = mm->end_code;
	s->start_data = mm->start_data;
	s->end_data = mm->end_data;
	s->start_brk = mm->start_brk;
	s->brk = mm->brk;
	s->start_stack = mm->start_stack;
	s->arg_start = mm->arg_start;
	s->arg_end = mm->arg_end;
	s->env_start = mm->env_start;
	s->env_end = mm->env_end;
	mmap_read_unlock(mm);
	return ret;
}

/*
 * Account one PTE table's entries: the lean path, one pass reading the
 * entries' bits and only the struct page fields the counts need.  The
 * counts mean what count_entry() counts for a decoded entry.
 */
static int count_ptes(struct mmscope_walk *w, pte_t *ptep, unsigned long addr,
		      unsigned long end)
{
	struct mmscope_vma_counts *c = w->priv;
	const u64 pfn_mask = PTE_PFN_MASK;
	u64 v, lanes = 0, present = 0, rss = 0, referenced = 0, shared = 0;
	struct mmscope_kind_cache f;
	struct page *page;
	unsigned long pfn;
	u64 offset;
	u32 type;
	u8 kind;

	mmscope_kind_cache_init(&f, w);
	for (; addr < end; addr += PAGE_SIZE, ptep++) {
		v = pte_val(ptep_get(ptep));
		if (pte_none(__pte(v)))
			continue;
		/* pte_present(); PROT_NONE entries have their PFN inverted. */
		if (unlikely(!(v & _PAGE_PRESENT))) {
			if (v & _PAGE_PROTNONE) {
				pfn = pte_pfn(__pte(v));
			} else {
				if (mmscope_pte_soft(__pte(v), &type, &offset) == MMSCOPE_SOFT_SWAP)
					c->swap++;
				continue;
			}
		} else {
			pfn = (v & pfn_mask) >> PAGE_SHIFT;
		}
		present++;
		/* A, D, RW and NX counted in 16-bit lanes: a table has 512 entries. */
		lanes += ((v >> _PAGE_BIT_ACCESSED) & 1) |
			 ((v >> _PAGE_BIT_DIRTY) & 1) << 16 |
			 ((v >> _PAGE_BIT_RW) & 1) << 32 |
			 (v >> _PAGE_BIT_NX) << 48;
		page = mmscope_frame_page(&f, pfn, v & _PAGE_SPECIAL, &kind);
		if (!page) {
			c->zero += kind == MMSCOPE_KIND_ZERO;
			continue;
		}
		rss++;
		if ((v & _PAGE_ACCESSED) || folio_test_referenced(page_folio(page)))
			referenced++;
		shared += mmscope_page_mapcount(page) > 1;
	}
	BUILD_BUG_ON(PTRS_PER_PTE >= 1 << 16 || _PAGE_BIT_NX != 63);
	c->present += present;
	c->young += lanes & 0xffff;
	c->dirty += (lanes >> 16) & 0xffff;
	c->writable += (lanes >> 32) & 0xffff;
	c->nx += lanes >> 48;
	c->rss += rss;
	c->referenced += referenced;
	c->shared += shared;
	return 0;
}

/* Account one entry (huge leaves); counts are in base pages. */
static int count_entry(struct mmscope_walk *w, const struct mmscope_entry *e)
{
	struct mmscope_vma_counts *c = w->priv;
	u64 pages = e->size >> PAGE_SHIFT;
	bool normal;

	if (!(e->flags & MMSCOPE_F_PRESENT)) {
		if (e->kind == MMSCOPE_KIND_SWAP)
			c->swap += pages;
		return 0;
	}
	/* smaps counts only frames with a struct page it may touch. */
	normal = e->kind != MMSCOPE_KIND_ZERO && e->kind != MMSCOPE_KIND_PFNMAP;
	c->present += pages;
	if (normal)
		c->rss += pages;
	else if (e->kind == MMSCOPE_KIND_ZERO)
		c->zero += pages;
	if (e->flags & MMSCOPE_F_ACCESSED)
		c->young += pages;
	if (normal && e->referenced)
		c->referenced += pages;
	if (e->flags & MMSCOPE_F_DIRTY)
		c->dirty += pages;
	if (e->flags & MMSCOPE_F_RW)
		c->writable += pages;
	if (e->flags & MMSCOPE_F_NX)
		c->nx += pages;
	if (e->level == MMSCOPE_LEVEL_PMD) {
		c->huge_pmd++;
		if (e->kind == MMSCOPE_KIND_ANON)
			c->anon_huge += pages;
	} else if (e->level == MMSCOPE_LEVEL_PUD) {
		c->huge_pud++;
	}
	if (e->mapcount > 1)
		c->shared += pages;
	return 0;
}

static void count_table(struct mmscope_walk *w, int level, u64 pa)
{
	((struct mmscope_vma_counts *)w->priv)->pt_pages++;
}

static const struct mmscope_walk_ops count_ops = {
	.table = count_table,
	.entry = count_entry,
	.ptes = count_ptes,
};

/**
 * mmscope_vma_counts() - walk one VMA and count what its page tables map
 * @mm:  the address space; the caller holds mmap_read_lock(@mm)
 * @vma: a VMA of @mm
 * @c:   the counts, zeroed first
 *
 * Return: 0, or the walk's error (-EAGAIN, -EINTR).
 */
int mmscope_vma_counts(struct mm_struct *mm, struct vm_area_struct *vma,
		       struct mmscope_vma_counts *c)
{
	struct mmscope_walk w = {
		.mm = mm,
		.start = vma->vm_start,
		.end = vma->vm_end,
		.ops = &count_ops,
		.priv = c,
	};

	memset(c, 0, sizeof(*c));
	return mmscope_walk_range(&w);
}

/**
 * mmscope_vma_name() - what /proc/PID/maps would call a VMA
 * @vma: the VMA (mmap lock held)
 * @buf: room for a path
 * @len: size of @buf
 *
 * Return: the name: a path, [heap], [stack], the special mapping's name
 * ([vdso], [vvar]), or "" for other anonymous memory.
 */
const char *mmscope_vma_name(struct vm_area_struct *vma, char *buf, size_t len)
{
	struct mm_struct *mm = vma->vm_mm;
	const char *name;

	if (vma->vm_ops && vma->vm_ops->name) {
		name = vma->vm_ops->name(vma);
		if (name)
			return name;
	}
	if (vma->vm_file) {
		name = d_path(&vma->vm_file->f_path, buf, len);
		return IS_ERR(name) ? "?" : name;
	}
	if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk)
		return "[heap]";
	if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
		return "[stack]";
	return "";
}
