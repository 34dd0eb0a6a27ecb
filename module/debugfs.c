// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs front end: /sys/kernel/debug/mmscope/.
 *
 * Files are 0400 (read) or 0600 (read/write): root only, and debugfs itself
 * is mounted root-only on most distributions.  debugfs's file proxies make
 * removal wait for running handlers, so unloading mid-read is safe.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/seq_file.h>

#include "internal.h"

static struct dentry *mmscope_dir;

static int version_show(struct seq_file *m, void *v)
{
	struct mmscope_info info;

	mmscope_get_info(&info);
	seq_printf(m, "%s\n", info.version);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(version);

/**
 * mmscope_debugfs_init() - create /sys/kernel/debug/mmscope and its files
 *
 * Return: 0, or a negative errno when debugfs is unavailable (the module
 * keeps working through netlink; the reason is listed as a feature).
 */
int mmscope_debugfs_init(void)
{
	struct dentry *dir;

	dir = debugfs_create_dir("mmscope", NULL);
	if (IS_ERR(dir)) {
		mmscope_set_debugfs_state(false,
					  "debugfs is disabled in this kernel or by its command line");
		return PTR_ERR(dir);
	}
	mmscope_dir = dir;
	debugfs_create_file("version", 0400, dir, NULL, &version_fops);
	mmscope_set_debugfs_state(true, NULL);
	return 0;
}

/**
 * mmscope_debugfs_exit() - remove the files; waits for running handlers
 */
void mmscope_debugfs_exit(void)
{
	debugfs_remove_recursive(mmscope_dir);
	mmscope_dir = NULL;
}
