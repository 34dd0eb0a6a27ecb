// SPDX-License-Identifier: GPL-2.0
/* mmscope top: Overview -- the process at a glance, and the system's memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "top.h"

#define TOP_SLABS_SHOWN 5

static int draw_process(struct top *t, struct top_canvas *c, int y)
{
	const struct mms_mm *m = &t->cur.mm;
	const struct top_rate *r = t->nr_rate ? &t->rate[t->nr_rate - 1] : NULL;
	char a[32], b[32], d[32], e[32], f[32];
	uint64_t pt = 0, pg = t->page_size;
	int l, x;

	x = tc_printf(c, y, 0, TS_BOLD, "Process %d", t->pid);
	if (t->comm[0])
		x = tc_printf(c, y, x, TS_BOLD, " (%s)", t->comm);
	if (t->cur.have & TOP_NEED(TOP_FAULTS))
		x = tc_printf(c, y, x, TS_NORMAL, ", %u thread%s", t->cur.faults.threads,
			      t->cur.faults.threads == 1 ? "" : "s");
	y++;
	if (top_need(t, c, y, TOP_MM)) {
		top_age(t, c, y - 1, x + 3, TOP_MM);
		tc_printf(c, y++, 2, TS_NORMAL, "resident %-9s anon %s  file %s  shmem %s  swap %s",
			  top_size(a, sizeof(a), (m->rss_anon + m->rss_file + m->rss_shmem) * pg),
			  top_size(b, sizeof(b), m->rss_anon * pg), top_size(d, sizeof(d), m->rss_file * pg),
			  top_size(e, sizeof(e), m->rss_shmem * pg), top_size(f, sizeof(f), m->swap_ents * pg));
		tc_printf(c, y++, 2, TS_NORMAL, "virtual  %-9s in %u VMAs, %u-level page tables",
			  top_size(a, sizeof(a), m->total_vm * pg), m->map_count, m->pt_levels);
		for (l = MMSCOPE_LEVEL_PTE; l <= MMSCOPE_LEVEL_PGD; l++)
			pt += m->pt[l];
		tc_printf(c, y++, 2, TS_NORMAL,
			  "tables   pgd %llu  p4d %llu  pud %llu  pmd %llu  pte %llu  = %s (VmPTE %s)",
			  (unsigned long long)m->pt[MMSCOPE_LEVEL_PGD],
			  (unsigned long long)m->pt[MMSCOPE_LEVEL_P4D],
			  (unsigned long long)m->pt[MMSCOPE_LEVEL_PUD],
			  (unsigned long long)m->pt[MMSCOPE_LEVEL_PMD],
			  (unsigned long long)m->pt[MMSCOPE_LEVEL_PTE], top_size(a, sizeof(a), pt * pg),
			  top_size(b, sizeof(b), m->pt_bytes_kernel));
	} else {
		y++;
	}
	if (top_need(t, c, y, TOP_FAULTS)) {
		tc_printf(c, y++, 2, TS_NORMAL, "faults   minor %s (%s/s)   major %s (%s/s)",
			  top_count(a, sizeof(a), t->cur.faults.min),
			  r ? top_count(b, sizeof(b), (uint64_t)(r->min + 0.5)) : "-",
			  top_count(d, sizeof(d), t->cur.faults.maj),
			  r ? top_count(e, sizeof(e), (uint64_t)(r->maj + 0.5)) : "-");
		tc_put(c, y, 2, TS_NORMAL, "minor/s");
		top_rate_graph(t, c, y++, 11, false);
		tc_put(c, y, 2, TS_NORMAL, "major/s");
		top_rate_graph(t, c, y++, 11, true);
	} else {
		y++;
	}
	return y;
}

static int cmp_memory(const void *pa, const void *pb)
{
	const struct mms_slab *a = pa, *b = pb;

	if (a->memory != b->memory)
		return a->memory > b->memory ? -1 : 1;
	return strcmp(a->name, b->name);
}

static int draw_system(struct top *t, struct top_canvas *c, int y, int h)
{
	const struct mms_buddy *bd = t->cur.buddy;
	uint64_t freep = 0, managed = 0, per_order[MMS_MAX_ORDERS] = { 0 };
	struct mms_slab top[TOP_SLABS_SHOWN];
	unsigned int z, o, norders = 0;
	char a[32], b[32];
	size_t i, n;
	int x;

	x = tc_put(c, y, 0, TS_BOLD, "System");
	top_age(t, c, y++, x + 3, TOP_BUDDY);
	if (top_need(t, c, y, TOP_BUDDY)) {
		for (z = 0; z < bd->nr_zones; z++) {
			freep += bd->zones[z].free_pages;
			managed += bd->zones[z].managed;
			for (o = 0; o < bd->zones[z].nr_orders; o++)
				per_order[o] += bd->zones[z].free[o];
			if (bd->zones[z].nr_orders > norders)
				norders = bd->zones[z].nr_orders;
		}
		x = tc_printf(c, y, 2, TS_NORMAL, "memory   free %s of %s (%.0f%%) ",
			      top_size(a, sizeof(a), freep * t->page_size),
			      top_size(b, sizeof(b), managed * t->page_size),
			      managed ? 100.0 * freep / managed : 0);
		tc_bar(c, y++, x, c->cols - x - 1 > 30 ? 30 : c->cols - x - 1,
		       managed ? (double)freep / managed : 0, TS_GOOD);
		x = tc_put(c, y, 2, TS_NORMAL, "buddy    free blocks by order:");
		for (o = 0; o < norders; o++)
			x = tc_printf(c, y, x, TS_NORMAL, " %u:%llu", o, (unsigned long long)per_order[o]);
		y++;
	} else {
		y++;
	}
	if (y >= h || !top_need(t, c, y, TOP_SLAB))
		return y + 1;
	n = t->cur.nr_slabs < TOP_SLABS_SHOWN ? t->cur.nr_slabs : TOP_SLABS_SHOWN;
	/* The largest few, without reordering the snapshot the Slab view sorts. */
	for (i = 0; i < n; i++)
		top[i] = t->cur.slabs[i];
	qsort(top, n, sizeof(top[0]), cmp_memory);
	for (i = n; i < t->cur.nr_slabs; i++) {
		if (cmp_memory(&t->cur.slabs[i], &top[n - 1]) >= 0)
			continue;
		top[n - 1] = t->cur.slabs[i];
		qsort(top, n, sizeof(top[0]), cmp_memory);
	}
	tc_put(c, y, 2, TS_NORMAL, "slab     largest caches:");
	for (i = 0; i < n && y + 1 < h; i++)
		tc_printf(c, ++y, 11, TS_NORMAL, "%-24s %10s  %s objects", top[i].name,
			  top_size(a, sizeof(a), top[i].memory),
			  top_count(b, sizeof(b), top[i].active_objs));
	return y + 1;
}

static void draw(struct top *t, struct top_canvas *c, int y, int h)
{
	int end = y + h;

	if (t->pid)
		y = draw_process(t, c, y) + 1;
	else
		tc_put(c, y++, 0, TS_DIM, "No process chosen: press p to pick one.");
	if (y < end)
		draw_system(t, c, y, end);
}

static const char *const help[] = {
	"Overview: the process's resident and virtual size, its page tables per",
	"level (counted by walking them, next to the kernel's VmPTE), its fault",
	"counters with per-second rates and their history; the system's free",
	"memory, free blocks per order and largest slab caches.",
	NULL,
};

const struct top_view top_view_overview = {
	.name = "Overview",
	.needs = TOP_NEED(TOP_MM) | TOP_NEED(TOP_FAULTS) | TOP_NEED(TOP_BUDDY) | TOP_NEED(TOP_SLAB),
	.keys = "",
	.help = help,
	.draw = draw,
};
