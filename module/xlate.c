// SPDX-License-Identifier: GPL-2.0
/*
 * One virtual address, translated step by step as the MMU does it.
 *
 * The walk is lockless with interrupts disabled, like GUP-fast and
 * perf_get_pgtable_size(): page-table pages are freed only after an RCU grace
 * period or an IPI that waits for interrupts to be enabled again, so every
 * table reached stays valid until the walk ends.  This works for addresses
 * outside any VMA and for the kernel half, where no mmap lock would help.
 */
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <linux/pgtable.h>

#include "compat.h"
#include "internal.h"

/**
 * mmscope_va_valid() - is @va canonical for the paging mode in use?
 * @va: the address
 */
bool mmscope_va_valid(unsigned long va)
{
	unsigned int bits = mmscope_pt_levels() == 5 ? 57 : 48;

	return ((long)(va << (64 - bits)) >> (64 - bits)) == (long)va;
}

static void step(struct mmscope_xlate *x, int level, u64 table_pa, u32 index, u64 raw)
{
	struct mmscope_xlate_step *s = &x->steps[x->nr_steps++];

	s->level = level;
	s->table_pa = table_pa & PTE_PFN_MASK;
	s->index = index;
	s->raw = raw;
	s->flags = mmscope_decode_flags(raw);
	x->stop_level = level;
}

static void leaf(struct mmscope_xlate *x, u64 pfn, u64 size)
{
	x->stop = MMSCOPE_XL_OK;
	x->page_size = size;
	x->pa = (pfn << PAGE_SHIFT) + (x->va & (size - 1));
}

static void not_present(struct mmscope_xlate *x, pte_t pte)
{
	if (mmscope_pte_soft(pte, &x->swap_type, &x->swap_offset) == MMSCOPE_SOFT_SWAP)
		x->stop = MMSCOPE_XL_SWAPPED;
	else
		x->stop = MMSCOPE_XL_NOT_PRESENT;
}

static void walk(struct mm_struct *mm, struct mmscope_xlate *x)
{
	unsigned long va = x->va;
	pgd_t *pgdp, pgd;
	p4d_t *p4dp, p4d;
	pud_t *pudp, pud;
	pmd_t *pmdp, pmd;
	pte_t pte;
	u64 next_table;

	x->stop = MMSCOPE_XL_NONE;
	pgdp = pgd_offset(mm, va);
	pgd = READ_ONCE(*pgdp);
	step(x, MMSCOPE_LEVEL_PGD, __pa(mm->pgd), pgd_index(va), pgd_val(pgd));
	if (pgd_none(pgd))
		return;
	if (pgd_bad(pgd))
		goto bad;

	p4dp = p4d_offset(pgdp, va);
	p4d = READ_ONCE(*p4dp);
	if (x->levels == 5) {
		step(x, MMSCOPE_LEVEL_P4D, pgd_val(pgd), p4d_index(va), p4d_val(p4d));
		if (p4d_none(p4d))
			return;
		if (p4d_bad(p4d))
			goto bad;
	}
	next_table = p4d_val(p4d);

	pudp = pud_offset(p4dp, va);
	pud = READ_ONCE(*pudp);
	step(x, MMSCOPE_LEVEL_PUD, next_table, pud_index(va), pud_val(pud));
	if (pud_none(pud))
		return;
	if (!pud_present(pud)) {
		x->stop = MMSCOPE_XL_NOT_PRESENT;
		return;
	}
	if (pud_leaf(pud)) {
		leaf(x, pud_pfn(pud), PUD_SIZE);
		return;
	}
	if (pud_bad(pud))
		goto bad;

	pmdp = pmd_offset(pudp, va);
	pmd = mmscope_pmdp_get_lockless(pmdp);
	step(x, MMSCOPE_LEVEL_PMD, pud_val(pud), pmd_index(va), pmd_val(pmd));
	if (pmd_none(pmd))
		return;
	if (!pmd_present(pmd)) {
		x->stop = MMSCOPE_XL_NOT_PRESENT;
		return;
	}
	if (pmd_leaf(pmd)) {
		leaf(x, pmd_pfn(pmd), PMD_SIZE);
		return;
	}
	if (pmd_bad(pmd))
		goto bad;

	pte = ptep_get(pte_offset_kernel(&pmd, va));
	step(x, MMSCOPE_LEVEL_PTE, pmd_val(pmd), pte_index(va), pte_val(pte));
	if (pte_none(pte))
		return;
	if (pte_present(pte))
		leaf(x, pte_pfn(pte), PAGE_SIZE);
	else
		not_present(x, pte);
	return;
bad:
	x->stop = MMSCOPE_XL_BAD;
}

/**
 * mmscope_xlate() - translate @va in @mm, recording every level's entry
 * @mm: the address space (referenced by the caller)
 * @va: a canonical address, user or kernel half
 * @x:  the result
 *
 * Return: 0, or -EINVAL for a non-canonical address.
 */
int mmscope_xlate(struct mm_struct *mm, unsigned long va, struct mmscope_xlate *x)
{
	unsigned long flags;

	memset(x, 0, sizeof(*x));
	x->va = va;
	x->levels = mmscope_pt_levels();
	if (!mmscope_va_valid(va))
		return -EINVAL;
	local_irq_save(flags);
	walk(mm, x);
	local_irq_restore(flags);
	return 0;
}
