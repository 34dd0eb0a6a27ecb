// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope: inspect a process's memory as the MMU and the mm subsystem see it.
 *
 * Module entry and exit.  Front ends are registered last and removed first,
 * so no request can reach the engine while it is being set up or torn down.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "internal.h"

static int __init mmscope_init(void)
{
	int ret;

	ret = mmscope_faults_init();
	if (ret)
		return ret;
	/* debugfs is optional: without it, netlink still serves everything. */
	mmscope_debugfs_init();

	ret = mmscope_netlink_init();
	if (ret) {
		mmscope_debugfs_exit();
		mmscope_faults_exit();
		return ret;
	}
	/*
	 * The frames lab's device is optional too; registered last, because an
	 * open file of it holds the module and a failed load could not wait.
	 */
	mmscope_frames_dev_init();
	pr_info("version %s loaded\n", MMSCOPE_VERSION);
	return 0;
}

static void __exit mmscope_exit(void)
{
	mmscope_frames_dev_exit();
	mmscope_netlink_exit();
	mmscope_debugfs_exit();
	/* No front end can reach the demos any more: release what they hold. */
	mmscope_demo_exit();
	/* ... and stop fault tracking: no tracepoint probe is left behind. */
	mmscope_faults_exit();
	/* Policies go last: the kernel's own reclaim decisions are restored. */
	mmscope_policy_exit();
	pr_info("unloaded\n");
}

module_init(mmscope_init);
module_exit(mmscope_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mmscope: page tables, faults, rmap, allocators and reclaim policies of live processes");
MODULE_AUTHOR("mmscope developers");
MODULE_VERSION(MMSCOPE_VERSION);
