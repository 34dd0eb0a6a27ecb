/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmscope internal interfaces.
 *
 * The module is split the way mm/damon is: an engine that collects facts
 * (info.c; later the page-table walker, fault counters, rmap, ...) and knows
 * nothing about output formats, and thin front ends (debugfs.c, netlink.c)
 * that turn the engine's structures into text or netlink attributes.
 */
#ifndef _MMSCOPE_INTERNAL_H
#define _MMSCOPE_INTERNAL_H

#include <linux/types.h>

#include "uapi/mmscope.h"

#define MMSCOPE_VERSION MMSCOPE_RELEASE

/**
 * struct mmscope_info - facts about the module and the running kernel
 * @version:	module version string
 * @release:	kernel release (utsname()->release)
 * @pt_levels:	number of paging levels in use (4 or 5)
 * @page_size:	base page size in bytes
 */
struct mmscope_info {
	const char *version;
	const char *release;
	u32 pt_levels;
	u32 page_size;
};

/**
 * struct mmscope_feature - one capability and whether this kernel has it
 * @name:	short name shown by the tool
 * @available:	true when usable on this kernel
 * @reason:	why not, when @available is false (NULL otherwise)
 */
struct mmscope_feature {
	const char *name;
	bool available;
	const char *reason;
};

void mmscope_get_info(struct mmscope_info *info);
unsigned int mmscope_nr_features(void);
void mmscope_get_feature(unsigned int idx, struct mmscope_feature *feat);
void mmscope_set_debugfs_state(bool available, const char *reason);

int mmscope_debugfs_init(void);
void mmscope_debugfs_exit(void);
int mmscope_netlink_init(void);
void mmscope_netlink_exit(void);

#endif /* _MMSCOPE_INTERNAL_H */
