// SPDX-License-Identifier: GPL-2.0
/* mmscope top: Slab -- the caches, sortable, like slabtop. */
#include <stdio.h>

#include "top.h"

static const char *const keys[] = { "memory", "active", "total", "objsize", "slabs", "name" };
#define NR_KEYS (sizeof(keys) / sizeof(keys[0]))

static void draw(struct top *t, struct top_canvas *c, int y, int h)
{
	uint64_t active = 0, total = 0, mem = 0;
	enum mms_slab_key k = MMS_SLAB_MEMORY;
	char a[32], b[32], d[32];
	int n, r, rows = h - 2;
	size_t i;

	if (!top_need(t, c, y, TOP_SLAB))
		return;
	n = (int)t->cur.nr_slabs;
	for (i = 0; i < t->cur.nr_slabs; i++) {
		active += t->cur.slabs[i].active_objs;
		total += t->cur.slabs[i].num_objs;
		mem += t->cur.slabs[i].memory;
	}
	mms_slab_key_parse(keys[t->slab.sort % NR_KEYS], &k);
	mms_slab_sort(t->cur.slabs, t->cur.nr_slabs, k);
	r = tc_printf(c, y, 0, TS_NORMAL, "%d caches, %s of %s objects active, %s; by %s", n,
		      top_count(a, sizeof(a), active), top_count(b, sizeof(b), total),
		      top_size(d, sizeof(d), mem), keys[t->slab.sort % NR_KEYS]);
	top_age(t, c, y++, r + 3, TOP_SLAB);
	tc_fill(c, y, 0, c->cols, L' ', TS_HEADER);
	tc_put(c, y++, 0, TS_HEADER,
	       "    OBJS   ACTIVE  USE OBJSIZE  SLABS OBJ/SLAB    MEMORY NAME");
	top_scroll(t->slab.first, n, rows, &t->slab.first);
	for (r = 0; r < rows && t->slab.first + r < n; r++) {
		const struct mms_slab *s = &t->cur.slabs[t->slab.first + r];

		tc_printf(c, y++, 0, TS_NORMAL, "%8llu %8llu %3.0f%% %7llu %6llu %8llu %9s %s",
			  (unsigned long long)s->num_objs, (unsigned long long)s->active_objs,
			  s->num_objs ? 100.0 * s->active_objs / s->num_objs : 0,
			  (unsigned long long)s->objsize, (unsigned long long)s->num_slabs,
			  (unsigned long long)s->objperslab, top_size(a, sizeof(a), s->memory),
			  s->name);
	}
}

static bool key(struct top *t, int k)
{
	int n = (int)t->cur.nr_slabs, sel = t->slab.first;

	switch (k) {
	case '<':
		t->slab.sort = (t->slab.sort + NR_KEYS - 1) % NR_KEYS;
		return true;
	case '>':
		t->slab.sort = (t->slab.sort + 1) % NR_KEYS;
		return true;
	}
	/* The list scrolls as a whole: its first row is the "selection". */
	if (!top_move(k, &sel, n, t->body_h - 2))
		return false;
	t->slab.first = sel;
	return true;
}

static const char *const help[] = {
	"Slab: every cache from the kernel's /proc/slabinfo: objects, active",
	"objects, object size, slabs, objects per slab and memory (slabs x pages",
	"per slab x page size).  (mmscope slab adds SLUB's partial and per-CPU",
	"slabs: reading those files for every cache is too slow to repeat.)",
	"  < >  sort by memory, active, total, object size, slabs, name",
	"  arrows/PgUp/PgDn  scroll",
	NULL,
};

const struct top_view top_view_slab = {
	.name = "Slab",
	.needs = TOP_NEED(TOP_SLAB),
	.keys = "</> sort  arrows scroll",
	.help = help,
	.draw = draw,
	.key = key,
};
