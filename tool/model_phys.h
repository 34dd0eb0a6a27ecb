/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Data model for physical memory: buddy allocator zones (GET_BUDDY), the
 * allocator demonstrations (DEMO_*), and slab caches read from the kernel's
 * own /proc/slabinfo and /sys/kernel/slab/.
 */
#ifndef MMSCOPE_MODEL_PHYS_H
#define MMSCOPE_MODEL_PHYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>

#include "nl.h"

#define MMS_MAX_ORDERS		16
#define MMS_MAX_MT		8
#define MMS_MAX_ZONES		64
#define MMS_MAX_HIST		128

struct mms_buddy_mt {
	char name[16];
	uint64_t free[MMS_MAX_ORDERS];
	uint32_t truncated;		/* bit N: order N's count is a lower bound */
};

struct mms_buddy_zone {
	uint32_t node;
	char zone[16];
	uint64_t managed, present, spanned, free_pages, pcp_pages;
	uint64_t wmark_min, wmark_low, wmark_high;
	unsigned int nr_orders;
	uint64_t free[MMS_MAX_ORDERS];
	unsigned int nr_mt;
	struct mms_buddy_mt mt[MMS_MAX_MT];
	int32_t unusable[MMS_MAX_ORDERS];	/* x1000 */
	int32_t fragmentation[MMS_MAX_ORDERS];	/* x1000; -1000: a block is free */
};

struct mms_buddy {
	unsigned int nr_zones;
	struct mms_buddy_zone zones[MMS_MAX_ZONES];
};

/* libmnl data callback: one GET_BUDDY dump message (one zone) into struct mms_buddy. */
int mms_buddy_parse(const struct nlmsghdr *nlh, void *data);
int mms_get_buddy(struct mms_nl *nl, struct mms_buddy *b);

struct mms_demo_block {
	uint64_t pfn;
	uint32_t order;
	uint32_t node;
	char zone[16];
};

struct mms_buddy_snap {
	bool valid;
	uint32_t node;
	char zone[16];
	uint64_t free[MMS_MAX_ORDERS];
	uint64_t unmovable[MMS_MAX_ORDERS];
	uint64_t pcp_pages;
};

struct mms_demo_slab {
	bool present;			/* the reply carried the nest */
	bool created;
	char name[32];
	uint32_t object_size;
	uint32_t objects;
	uint32_t slabs;
	bool hist_truncated;
	unsigned int nr_hist;
	uint32_t hist_objects[MMS_MAX_HIST];
	uint32_t hist_slabs[MMS_MAX_HIST];
};

/* Any DEMO_* reply; blocks grow as needed (free with mms_demo_reply_free). */
struct mms_demo_reply {
	size_t nr_blocks, cap_blocks;
	struct mms_demo_block *blocks;
	struct mms_buddy_snap before, after;
	uint64_t held_bytes, cap_bytes;
	struct mms_demo_slab slab;
};

int mms_demo_parse(const struct nlmsghdr *nlh, void *data);
void mms_demo_reply_free(struct mms_demo_reply *r);

int mms_demo_buddy_alloc(struct mms_nl *nl, uint32_t order, uint32_t count,
			 struct mms_demo_reply *r);
/* @all: free every block; else the block starting at @pfn. */
int mms_demo_buddy_free(struct mms_nl *nl, bool all, uint64_t pfn, struct mms_demo_reply *r);
int mms_demo_buddy_list(struct mms_nl *nl, struct mms_demo_reply *r);
/* @op: enum mmscope_demo_slab_op; @arg: size (CREATE), count (ALLOC/FREE; 0 = all). */
int mms_demo_slab(struct mms_nl *nl, uint8_t op, uint32_t arg, struct mms_demo_reply *r);

/* One line of /proc/slabinfo, plus what /sys/kernel/slab/NAME/ adds (-1: absent). */
struct mms_slab {
	char name[64];
	uint64_t active_objs, num_objs, objsize, objperslab, pagesperslab;
	uint64_t active_slabs, num_slabs;
	int64_t order, partial, cpu_slabs;
	uint64_t memory;		/* num_slabs * pagesperslab * page size */
};

/*
 * Parse /proc/slabinfo text (version 2.x).  Returns 0 and a malloc'd array,
 * -EPROTO for an unknown format; malformed lines are skipped.
 */
int mms_slabinfo_parse(const char *text, long page_size, struct mms_slab **out, size_t *n);
/* Fill order/partial/cpu_slabs from SYSFS_DIR/NAME/ (e.g. /sys/kernel/slab). */
void mms_slab_add_sysfs(struct mms_slab *s, size_t n, const char *sysfs_dir);
/* Parse the leading number of a /sys/kernel/slab attribute ("5 N0=5"); -1 if none. */
int64_t mms_slab_sysfs_number(const char *text);

/*
 * Read PROC_PATH (/proc/slabinfo) and, if SYSFS_DIR is not NULL, the
 * per-cache files under it.  Returns 0 or a negative errno.
 */
int mms_slab_read(const char *proc_path, const char *sysfs_dir, struct mms_slab **out, size_t *n);

enum mms_slab_key {
	MMS_SLAB_NAME, MMS_SLAB_OBJSIZE, MMS_SLAB_ACTIVE, MMS_SLAB_TOTAL,
	MMS_SLAB_SLABS, MMS_SLAB_PARTIAL, MMS_SLAB_MEMORY,
};
/* Key by name ("name", "objsize", "active", "total", "slabs", "partial", "memory"). */
int mms_slab_key_parse(const char *s, enum mms_slab_key *key);
/* Sort: names ascending, numbers descending (ties by name). */
void mms_slab_sort(struct mms_slab *s, size_t n, enum mms_slab_key key);

#endif
