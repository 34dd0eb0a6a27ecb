// SPDX-License-Identifier: GPL-2.0
/*
 * Buddy allocator statistics: per populated zone, the counters
 * /proc/zoneinfo shows, the free blocks per order (/proc/buddyinfo), per
 * order and migratetype (/proc/pagetypeinfo), and the unusable-free-space
 * and fragmentation indices (debugfs extfrag/, mm/vmstat.c).
 *
 * for_each_populated_zone() does not link from a module (next_zone() is not
 * exported): zones are enumerated through NODE_DATA(nid)->node_zones[].
 */
#include <linux/cpumask.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/vmstat.h>

#include "compat.h"
#include "internal.h"

/* The snapshot holds the zone lock once for all orders: a tighter bound. */
#define MMSCOPE_SNAP_BOUND	10000

/**
 * mmscope_nr_migratetypes() - number of migratetypes of this kernel
 */
unsigned int mmscope_nr_migratetypes(void)
{
	return MIGRATE_TYPES;
}

/**
 * mmscope_migratetype_name() - name of a migratetype, as /proc/pagetypeinfo
 * @mt: 0 .. mmscope_nr_migratetypes() - 1
 */
const char *mmscope_migratetype_name(unsigned int mt)
{
	return mmscope_mt_name(mt);
}

static struct zone *nth_populated_zone(unsigned int idx)
{
	struct zone *zone;
	int nid, zid;

	for_each_online_node(nid) {
		for (zid = 0; zid < MAX_NR_ZONES; zid++) {
			zone = &NODE_DATA(nid)->node_zones[zid];
			if (!populated_zone(zone))
				continue;
			if (idx-- == 0)
				return zone;
		}
	}
	return NULL;
}

/* Pages on the per-CPU lists, summed as /proc/zoneinfo's pagesets do. */
static unsigned long zone_pcp_pages(struct zone *zone)
{
	unsigned long n = 0;
	int cpu;

	for_each_online_cpu(cpu)
		n += READ_ONCE(per_cpu_ptr(zone->per_cpu_pageset, cpu)->count);
	return n;
}

/* Entries on one free list, counting at most @bound. */
static unsigned long count_list(struct list_head *head, unsigned long bound,
				bool *truncated)
{
	struct list_head *curr;
	unsigned long n = 0;

	list_for_each(curr, head) {
		if (++n >= bound) {
			*truncated = true;
			break;
		}
	}
	return n;
}

/*
 * The indices of mm/vmstat.c, from one consistent set of nr_free counts:
 * unusable_free_index() and __fragmentation_index() over fill_contig_page_info().
 */
static void compute_indices(struct mmscope_buddy_zone *bz)
{
	unsigned long free_pages = 0, blocks = 0, suitable;
	unsigned int order, o;

	for (o = 0; o < MMSCOPE_NR_ORDERS; o++) {
		blocks += bz->nr_free[o];
		free_pages += bz->nr_free[o] << o;
	}
	for (order = 0; order < MMSCOPE_NR_ORDERS; order++) {
		suitable = 0;
		for (o = order; o < MMSCOPE_NR_ORDERS; o++)
			suitable += bz->nr_free[o] << (o - order);

		if (!free_pages)
			bz->unusable[order] = 1000;
		else
			bz->unusable[order] =
				div64_u64((free_pages - (suitable << order)) * 1000ULL,
					  free_pages);

		if (!blocks)
			bz->fragmentation[order] = 0;
		else if (suitable)
			bz->fragmentation[order] = -1000;
		else
			bz->fragmentation[order] = 1000 -
				div64_u64(1000 + div64_u64(free_pages * 1000ULL, 1UL << order),
					  blocks);
	}
}

/**
 * mmscope_buddy_get_zone() - collect the buddy state of one populated zone
 * @idx: 0-based index over the populated zones of the online nodes
 * @bz:  filled in
 *
 * Takes zone->lock (irqsave) while reading the free lists, dropping it and
 * yielding after each list as /proc/pagetypeinfo does; may sleep.
 *
 * Return: 0, or -ENOENT when @idx is past the last populated zone.
 */
int mmscope_buddy_get_zone(unsigned int idx, struct mmscope_buddy_zone *bz)
{
	struct zone *zone = nth_populated_zone(idx);
	unsigned int order, mt;
	unsigned long flags;
	bool trunc;

	if (!zone)
		return -ENOENT;
	memset(bz, 0, sizeof(*bz));
	bz->nid = zone_to_nid(zone);
	bz->name = zone->name;
	bz->managed = zone_managed_pages(zone);
	bz->present = zone->present_pages;
	bz->spanned = zone->spanned_pages;
	bz->wmark_min = min_wmark_pages(zone);
	bz->wmark_low = low_wmark_pages(zone);
	bz->wmark_high = high_wmark_pages(zone);

	spin_lock_irqsave(&zone->lock, flags);
	bz->free = zone_page_state(zone, NR_FREE_PAGES);
	for (order = 0; order < MMSCOPE_NR_ORDERS; order++)
		bz->nr_free[order] = zone->free_area[order].nr_free;
	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		for (order = 0; order < MMSCOPE_NR_ORDERS; order++) {
			trunc = false;
			bz->nr_free_mt[mt][order] =
				count_list(&zone->free_area[order].free_list[mt],
					   MMSCOPE_LIST_BOUND, &trunc);
			if (trunc)
				bz->truncated[mt] |= 1U << order;
			spin_unlock_irqrestore(&zone->lock, flags);
			cond_resched();
			spin_lock_irqsave(&zone->lock, flags);
		}
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	bz->pcp = zone_pcp_pages(zone);
	compute_indices(bz);
	return 0;
}

/**
 * mmscope_buddy_snapshot() - one zone's free-block counts at one instant
 * @zone: the zone
 * @snap: filled in
 *
 * Reads nr_free and counts the Unmovable lists (each up to
 * MMSCOPE_SNAP_BOUND entries) in one hold of zone->lock, so that the
 * counts are mutually consistent.  Does not sleep.
 */
void mmscope_buddy_snapshot(struct zone *zone, struct mmscope_buddy_snap *snap)
{
	unsigned long flags;
	unsigned int order;
	bool trunc;

	snap->nid = zone_to_nid(zone);
	snap->name = zone->name;
	spin_lock_irqsave(&zone->lock, flags);
	for (order = 0; order < MMSCOPE_NR_ORDERS; order++) {
		snap->nr_free[order] = zone->free_area[order].nr_free;
		snap->unmovable[order] =
			count_list(&zone->free_area[order].free_list[MIGRATE_UNMOVABLE],
				   MMSCOPE_SNAP_BOUND, &trunc);
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	snap->pcp = zone_pcp_pages(zone);
}
