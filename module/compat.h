/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where differences between supported kernels (Debian 6.1,
 * 6.12 and 7.x) are absorbed.  Other files include this header and call the
 * mmscope_* wrappers; they never test LINUX_VERSION_CODE themselves.
 */
#ifndef _MMSCOPE_COMPAT_H
#define _MMSCOPE_COMPAT_H

#include <linux/version.h>
#include <linux/pgtable.h>

/* Number of paging levels the MMU walks right now (LA57 is a boot choice). */
static inline u32 mmscope_pt_levels(void)
{
#if CONFIG_PGTABLE_LEVELS >= 5
	if (pgtable_l5_enabled())
		return 5;
#endif
	return CONFIG_PGTABLE_LEVELS >= 4 ? 4 : CONFIG_PGTABLE_LEVELS;
}

#endif /* _MMSCOPE_COMPAT_H */
