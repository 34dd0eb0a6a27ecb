// SPDX-License-Identifier: GPL-2.0
/*
 * Live allocator demonstrations: buddy blocks and slab objects the module
 * allocates and frees on request, so that the split and coalescing of buddy
 * blocks and the life of slabs (empty, partial, full) can be watched.
 *
 * Everything is bounded (MMSCOPE_DEMO_CAP_BYTES in total, per-request caps
 * in uapi/mmscope.h), serialised by demo_lock, and released at unload.
 */
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/topology.h>

#include "compat.h"
#include "internal.h"

#define DEMO_CACHE_NAME		"mmscope_demo"

struct held_block {
	struct list_head node;
	struct page *page;
	unsigned int order;
};

static DEFINE_MUTEX(demo_lock);
static LIST_HEAD(held_blocks);
static unsigned long held_block_pages;

static struct kmem_cache *demo_cache;
static unsigned int demo_size;
static void **demo_objs;		/* held objects, oldest first: [head, tail) */
static unsigned int demo_head, demo_tail;

static u64 held_bytes_locked(void)
{
	return ((u64)held_block_pages << PAGE_SHIFT) +
	       (u64)(demo_tail - demo_head) * demo_size;
}

/**
 * mmscope_demo_held_bytes() - bytes all demos hold right now
 */
u64 mmscope_demo_held_bytes(void)
{
	u64 n;

	mutex_lock(&demo_lock);
	n = held_bytes_locked();
	mutex_unlock(&demo_lock);
	return n;
}

static void describe(struct page *page, unsigned int order,
		     struct mmscope_demo_block *b)
{
	b->pfn = page_to_pfn(page);
	b->order = order;
	b->nid = page_to_nid(page);
	b->zone = page_zone(page)->name;
}

/**
 * mmscope_demo_buddy_alloc() - allocate and hold @count blocks of @order
 * @order:  0 .. MMSCOPE_MAX_ORDER
 * @count:  1 .. MMSCOPE_DEMO_MAX_COUNT
 * @blocks: @count entries, filled in
 * @res:    error message; snapshots of the first block's zone taken right
 *          before and right after the allocations
 *
 * All or nothing: if one allocation fails, the request's blocks are freed.
 *
 * Return: 0, -EINVAL, -ENOSPC (cap), or -ENOMEM.
 */
int mmscope_demo_buddy_alloc(unsigned int order, unsigned int count,
			     struct mmscope_demo_block *blocks,
			     struct mmscope_demo_result *res)
{
	struct mmscope_buddy_snap *before;
	struct held_block *hb, *tmp;
	pg_data_t *pgdat = NODE_DATA(numa_mem_id());
	struct zone *zone;
	LIST_HEAD(fresh);
	unsigned int i;
	int ret = 0;

	if (order > MMSCOPE_MAX_ORDER || !count || count > MMSCOPE_DEMO_MAX_COUNT) {
		res->msg = "order or count out of range";
		return -EINVAL;
	}
	before = kcalloc(MAX_NR_ZONES, sizeof(*before), GFP_KERNEL);
	if (!before)
		return -ENOMEM;
	/* Bookkeeping first, so that it does not disturb the snapshots. */
	for (i = 0; i < count; i++) {
		hb = kzalloc(sizeof(*hb), GFP_KERNEL);
		if (!hb) {
			ret = -ENOMEM;
			goto out_free_hb;
		}
		hb->order = order;
		list_add_tail(&hb->node, &fresh);
	}

	mutex_lock(&demo_lock);
	if (held_bytes_locked() + ((u64)count << (order + PAGE_SHIFT)) >
	    MMSCOPE_DEMO_CAP_BYTES) {
		res->msg = "the demos would hold more than their 64 MiB cap; free some first";
		ret = -ENOSPC;
		goto out_unlock;
	}
	for (i = 0; i < MAX_NR_ZONES; i++)
		if (populated_zone(&pgdat->node_zones[i]))
			mmscope_buddy_snapshot(&pgdat->node_zones[i], &before[i]);

	list_for_each_entry(hb, &fresh, node) {
		hb->page = alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, order);
		if (!hb->page) {
			res->msg = "the kernel has no free block of this order right now";
			ret = -ENOMEM;
			break;
		}
	}
	if (ret) {
		list_for_each_entry(hb, &fresh, node)
			if (hb->page)
				__free_pages(hb->page, order);
		goto out_unlock;
	}

	hb = list_first_entry(&fresh, struct held_block, node);
	zone = page_zone(hb->page);
	mmscope_buddy_snapshot(zone, &res->after);
	if (zone->zone_pgdat == pgdat) {
		res->before = before[zone_idx(zone)];
		res->have_snap = true;
	}
	i = 0;
	list_for_each_entry(hb, &fresh, node)
		describe(hb->page, order, &blocks[i++]);
	held_block_pages += (unsigned long)count << order;
	list_splice_tail_init(&fresh, &held_blocks);

out_unlock:
	mutex_unlock(&demo_lock);
out_free_hb:
	list_for_each_entry_safe(hb, tmp, &fresh, node)
		kfree(hb);
	kfree(before);
	return ret;
}

/**
 * mmscope_demo_buddy_free() - free the held block that starts at @pfn
 * @pfn:   first PFN of a block returned by mmscope_demo_buddy_alloc()
 * @block: filled in with the block that was freed
 * @res:   error message; snapshots of the block's zone around the free
 *
 * Return: 0, or -ENOENT when the demo holds no block starting at @pfn.
 */
int mmscope_demo_buddy_free(unsigned long pfn, struct mmscope_demo_block *block,
			    struct mmscope_demo_result *res)
{
	struct held_block *hb, *found = NULL;
	struct zone *zone;

	mutex_lock(&demo_lock);
	list_for_each_entry(hb, &held_blocks, node) {
		if (page_to_pfn(hb->page) == pfn) {
			found = hb;
			break;
		}
	}
	if (!found) {
		mutex_unlock(&demo_lock);
		res->msg = "the demo holds no block starting at this PFN";
		return -ENOENT;
	}
	list_del(&found->node);
	describe(found->page, found->order, block);
	zone = page_zone(found->page);
	mmscope_buddy_snapshot(zone, &res->before);
	__free_pages(found->page, found->order);
	mmscope_buddy_snapshot(zone, &res->after);
	res->have_snap = true;
	held_block_pages -= 1UL << found->order;
	mutex_unlock(&demo_lock);
	kfree(found);
	return 0;
}

static unsigned int free_all_blocks_locked(void)
{
	struct held_block *hb, *tmp;
	unsigned int n = 0;

	list_for_each_entry_safe(hb, tmp, &held_blocks, node) {
		list_del(&hb->node);
		__free_pages(hb->page, hb->order);
		kfree(hb);
		n++;
	}
	held_block_pages = 0;
	return n;
}

/**
 * mmscope_demo_buddy_free_all() - free every held block
 *
 * Return: the number of blocks freed.
 */
unsigned int mmscope_demo_buddy_free_all(void)
{
	unsigned int n;

	mutex_lock(&demo_lock);
	n = free_all_blocks_locked();
	mutex_unlock(&demo_lock);
	return n;
}

/**
 * mmscope_demo_buddy_walk() - report the held blocks, oldest first
 * @start: index of the first block to report
 * @fn:    called for each block from @start on, under the demo mutex; a
 *         non-zero return stops the walk before that block is counted
 * @arg:   passed to @fn
 *
 * Return: the index of the first block not reported (the next @start).
 */
unsigned int mmscope_demo_buddy_walk(unsigned int start,
				     int (*fn)(void *arg, const struct mmscope_demo_block *b),
				     void *arg)
{
	struct mmscope_demo_block b;
	struct held_block *hb;
	unsigned int idx = 0;

	mutex_lock(&demo_lock);
	list_for_each_entry(hb, &held_blocks, node) {
		if (idx < start) {
			idx++;
			continue;
		}
		describe(hb->page, hb->order, &b);
		if (fn(arg, &b))
			break;
		idx++;
	}
	mutex_unlock(&demo_lock);
	return idx;
}

/* ---- slab demo ---- */

static void free_objects_locked(unsigned int count)
{
	while (count-- && demo_head < demo_tail)
		kmem_cache_free(demo_cache, demo_objs[demo_head++]);
	if (demo_head == demo_tail) {
		demo_head = 0;
		demo_tail = 0;
	}
}

static int slab_create_locked(unsigned int size, struct mmscope_demo_result *res)
{
	if (demo_cache) {
		res->msg = "the demo cache exists; destroy it first";
		return -EEXIST;
	}
	if (size < MMSCOPE_DEMO_SLAB_MIN_SIZE || size > MMSCOPE_DEMO_SLAB_MAX_SIZE) {
		res->msg = "object size out of range";
		return -EINVAL;
	}
	demo_objs = kvcalloc(MMSCOPE_DEMO_SLAB_MAX_OBJECTS, sizeof(*demo_objs), GFP_KERNEL);
	if (!demo_objs)
		return -ENOMEM;
	demo_cache = mmscope_cache_create_unmerged(DEMO_CACHE_NAME, size);
	if (!demo_cache) {
		kvfree(demo_objs);
		demo_objs = NULL;
		res->msg = "kmem_cache_create failed";
		return -ENOMEM;
	}
	demo_size = size;
	demo_head = 0;
	demo_tail = 0;
	return 0;
}

static void slab_destroy_locked(void)
{
	if (!demo_cache)
		return;
	free_objects_locked(UINT_MAX);
	kmem_cache_destroy(demo_cache);
	demo_cache = NULL;
	kvfree(demo_objs);
	demo_objs = NULL;
	demo_size = 0;
}

static int slab_alloc_locked(unsigned int count, struct mmscope_demo_result *res)
{
	unsigned int held = demo_tail - demo_head, i;

	if (!count || count > MMSCOPE_DEMO_SLAB_MAX_COUNT) {
		res->msg = "count out of range";
		return -EINVAL;
	}
	if (held + count > MMSCOPE_DEMO_SLAB_MAX_OBJECTS) {
		res->msg = "the slab demo would hold more than 16384 objects; free some first";
		return -ENOSPC;
	}
	if (held_bytes_locked() + (u64)count * demo_size > MMSCOPE_DEMO_CAP_BYTES) {
		res->msg = "the demos would hold more than their 64 MiB cap; free some first";
		return -ENOSPC;
	}
	if (demo_tail + count > MMSCOPE_DEMO_SLAB_MAX_OBJECTS) {
		memmove(demo_objs, demo_objs + demo_head, held * sizeof(*demo_objs));
		demo_head = 0;
		demo_tail = held;
	}
	for (i = 0; i < count; i++) {
		demo_objs[demo_tail + i] = kmem_cache_alloc(demo_cache, GFP_KERNEL);
		if (!demo_objs[demo_tail + i])
			break;
	}
	if (i < count) {
		while (i--)
			kmem_cache_free(demo_cache, demo_objs[demo_tail + i]);
		res->msg = "kmem_cache_alloc failed";
		return -ENOMEM;
	}
	demo_tail += count;
	return 0;
}

/**
 * mmscope_demo_slab_op() - act on the mmscope_demo cache
 * @op:  enum mmscope_demo_slab_op
 * @arg: object size for CREATE; object count for ALLOC and FREE (UINT_MAX
 *       frees all)
 * @res: error message
 *
 * Return: 0, -EEXIST (CREATE twice), -ENOENT (no cache; freeing more
 * objects than are held), -ENOSPC (caps), -EINVAL, or -ENOMEM.
 */
int mmscope_demo_slab_op(unsigned int op, unsigned int arg,
			 struct mmscope_demo_result *res)
{
	int ret = 0;

	mutex_lock(&demo_lock);
	if (op != MMSCOPE_SLAB_OP_CREATE && op != MMSCOPE_SLAB_OP_STATUS && !demo_cache) {
		res->msg = "the demo cache does not exist; create it first";
		ret = -ENOENT;
		goto out;
	}
	switch (op) {
	case MMSCOPE_SLAB_OP_STATUS:
		break;
	case MMSCOPE_SLAB_OP_CREATE:
		ret = slab_create_locked(arg, res);
		break;
	case MMSCOPE_SLAB_OP_ALLOC:
		ret = slab_alloc_locked(arg, res);
		break;
	case MMSCOPE_SLAB_OP_FREE:
		if (arg != UINT_MAX && arg > demo_tail - demo_head) {
			res->msg = "the demo holds fewer objects than that";
			ret = -ENOENT;
			break;
		}
		free_objects_locked(arg);
		break;
	case MMSCOPE_SLAB_OP_SHRINK:
		kmem_cache_shrink(demo_cache);
		break;
	case MMSCOPE_SLAB_OP_DESTROY:
		slab_destroy_locked();
		break;
	default:
		res->msg = "unknown slab operation";
		ret = -EINVAL;
	}
out:
	mutex_unlock(&demo_lock);
	return ret;
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

static void hist_add(struct mmscope_demo_slab_state *st, unsigned int objects)
{
	unsigned int i;

	st->slabs++;
	for (i = 0; i < st->nr_hist; i++) {
		if (st->hist_objects[i] == objects) {
			st->hist_slabs[i]++;
			return;
		}
	}
	if (st->nr_hist == MMSCOPE_DEMO_HIST_MAX_ENTRIES) {
		st->hist_truncated = true;
		return;
	}
	st->hist_objects[st->nr_hist] = objects;
	st->hist_slabs[st->nr_hist++] = 1;
}

/**
 * mmscope_demo_slab_state() - the demo cache's objects grouped by slab
 * @st: filled in
 *
 * Every live object of the cache is one the module holds, so the slabs
 * found here are exactly the cache's non-empty slabs.
 *
 * Return: 0 or -ENOMEM.
 */
int mmscope_demo_slab_state(struct mmscope_demo_slab_state *st)
{
	unsigned long *base = NULL;
	unsigned int i, n, run;

	memset(st, 0, sizeof(*st));
	mutex_lock(&demo_lock);
	st->created = demo_cache;
	st->object_size = demo_size;
	n = demo_tail - demo_head;
	st->objects = n;
	if (n) {
		base = kvmalloc_array(n, sizeof(*base), GFP_KERNEL);
		if (!base) {
			mutex_unlock(&demo_lock);
			return -ENOMEM;
		}
		/* The slab an object lives in: its (compound) page. */
		for (i = 0; i < n; i++)
			base[i] = page_to_pfn(virt_to_head_page(demo_objs[demo_head + i]));
	}
	mutex_unlock(&demo_lock);

	if (!n)
		return 0;
	sort(base, n, sizeof(*base), cmp_ulong, NULL);
	for (i = 0, run = 1; i < n; i++, run++) {
		if (i + 1 == n || base[i + 1] != base[i]) {
			hist_add(st, run);
			run = 0;
		}
	}
	kvfree(base);
	return 0;
}

/**
 * mmscope_demo_exit() - release everything the demos hold (module unload)
 */
void mmscope_demo_exit(void)
{
	mutex_lock(&demo_lock);
	free_all_blocks_locked();
	slab_destroy_locked();
	mutex_unlock(&demo_lock);
}
