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
#include <linux/slab.h>

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

/*
 * buddy: one zone per seq_file record, so a read streams zone by zone and
 * the zone lock is never held across a copy to user space.
 */
static void *buddy_start(struct seq_file *m, loff_t *pos)
{
	struct mmscope_buddy_zone *bz = kmalloc(sizeof(*bz), GFP_KERNEL);

	if (!bz)
		return ERR_PTR(-ENOMEM);
	if (mmscope_buddy_get_zone(*pos, bz)) {
		kfree(bz);
		return NULL;
	}
	return bz;
}

static void *buddy_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct mmscope_buddy_zone *bz = v;

	++*pos;
	if (mmscope_buddy_get_zone(*pos, bz)) {
		kfree(bz);
		return NULL;
	}
	return bz;
}

static void buddy_stop(struct seq_file *m, void *v)
{
	if (!IS_ERR_OR_NULL(v))
		kfree(v);
}

/* An index x1000 printed as /sys/kernel/debug/extfrag/ does: "%d.%03d". */
static void put_index(struct seq_file *m, int v)
{
	seq_printf(m, " %s%d.%03d", v < 0 ? "-" : "", abs(v) / 1000, abs(v) % 1000);
}

static int buddy_show(struct seq_file *m, void *v)
{
	struct mmscope_buddy_zone *bz = v;
	unsigned int o, mt;

	seq_printf(m, "node %d zone %s managed %lu present %lu spanned %lu free %lu pcp %lu min %lu low %lu high %lu\n",
		   bz->nid, bz->name, bz->managed, bz->present, bz->spanned, bz->free,
		   bz->pcp, bz->wmark_min, bz->wmark_low, bz->wmark_high);
	seq_printf(m, "node %d zone %s free", bz->nid, bz->name);
	for (o = 0; o < MMSCOPE_NR_ORDERS; o++)
		seq_printf(m, " %lu", bz->nr_free[o]);
	seq_putc(m, '\n');
	for (mt = 0; mt < mmscope_nr_migratetypes(); mt++) {
		seq_printf(m, "node %d zone %s type %s", bz->nid, bz->name,
			   mmscope_migratetype_name(mt));
		/* ">" marks a list whose walk stopped at the bound, as pagetypeinfo. */
		for (o = 0; o < MMSCOPE_NR_ORDERS; o++)
			seq_printf(m, " %s%lu", bz->truncated[mt] & (1U << o) ? ">" : "",
				   bz->nr_free_mt[mt][o]);
		seq_putc(m, '\n');
	}
	seq_printf(m, "node %d zone %s unusable", bz->nid, bz->name);
	for (o = 0; o < MMSCOPE_NR_ORDERS; o++)
		put_index(m, bz->unusable[o]);
	seq_printf(m, "\nnode %d zone %s fragmentation", bz->nid, bz->name);
	for (o = 0; o < MMSCOPE_NR_ORDERS; o++)
		put_index(m, bz->fragmentation[o]);
	seq_putc(m, '\n');
	return 0;
}

static const struct seq_operations buddy_sops = {
	.start	= buddy_start,
	.next	= buddy_next,
	.stop	= buddy_stop,
	.show	= buddy_show,
};
DEFINE_SEQ_ATTRIBUTE(buddy);

static int show_block(void *arg, const struct mmscope_demo_block *b)
{
	seq_printf(arg, "block pfn %#lx order %u node %d zone %s\n",
		   b->pfn, b->order, b->nid, b->zone);
	return 0;
}

/* demo: what the demonstrations hold right now. */
static int demo_show(struct seq_file *m, void *v)
{
	struct mmscope_demo_slab_state *st;
	unsigned int i;

	seq_printf(m, "held_bytes %llu cap_bytes %llu\n", mmscope_demo_held_bytes(),
		   MMSCOPE_DEMO_CAP_BYTES);
	mmscope_demo_buddy_walk(0, show_block, m);
	st = kmalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	if (!mmscope_demo_slab_state(st) && st->created) {
		seq_printf(m, "slab mmscope_demo object_size %u objects %u slabs %u\n",
			   st->object_size, st->objects, st->slabs);
		for (i = 0; i < st->nr_hist; i++)
			seq_printf(m, "slab_hist objects %u slabs %u\n",
				   st->hist_objects[i], st->hist_slabs[i]);
	}
	kfree(st);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(demo);

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
	debugfs_create_file("buddy", 0400, dir, NULL, &buddy_fops);
	debugfs_create_file("demo", 0400, dir, NULL, &demo_fops);
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
