/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where differences between supported kernels (Debian 6.1,
 * 6.12 and 7.x) are absorbed.  Other files include this header and call the
 * mmscope_* wrappers.  What a kernel offers is detected by Kbuild from its
 * headers (the MMSCOPE_HAVE_* flags), not guessed from version numbers.
 */
#ifndef _MMSCOPE_COMPAT_H
#define _MMSCOPE_COMPAT_H

#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/sched.h>

/* Number of paging levels the MMU walks right now (LA57 is a boot choice). */
static inline u32 mmscope_pt_levels(void)
{
#if CONFIG_PGTABLE_LEVELS >= 5
	if (pgtable_l5_enabled())
		return 5;
#endif
	return CONFIG_PGTABLE_LEVELS >= 4 ? 4 : CONFIG_PGTABLE_LEVELS;
}

/* Task name under task_lock (get_task_comm() wants an array, not a pointer). */
static inline void mmscope_get_task_comm(char *buf, struct task_struct *task)
{
	__get_task_comm(buf, TASK_COMM_LEN, task);
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

/* Mappings of the page (a subpage of a large folio counts its own too). */
static inline int mmscope_page_mapcount(struct page *page)
{
#ifdef MMSCOPE_HAVE_FOLIO_MAPCOUNT_INLINE
	return folio_mapcount(page_folio(page));
#else
	return page_mapcount(page);
#endif
}

/* The parsed request attributes of a generic-netlink dump. */
#define mmscope_dump_attrs(cb) __mmscope_dump_attrs(cb)
#ifdef MMSCOPE_HAVE_GENL_INFO_DUMP
#define __mmscope_dump_attrs(cb) (genl_info_dump(cb)->attrs)
#else
#define __mmscope_dump_attrs(cb) (genl_dumpit_info(cb)->attrs)
#endif

#endif /* _MMSCOPE_COMPAT_H */
