// SPDX-License-Identifier: GPL-2.0
/* mmscope top: Buddy -- free blocks per zone and order, with bars. */
#include <stdio.h>

#include "top.h"

#define ZONE_MIN_WIDTH 22

static void draw(struct top *t, struct top_canvas *c, int y, int h)
{
	const struct mms_buddy *b = t->cur.buddy;
	unsigned int z, o, norders = 0, nz, shown;
	int w, x, bar;
	char s1[32], s2[32];

	if (!top_need(t, c, y, TOP_BUDDY))
		return;
	nz = b->nr_zones;
	if (!nz) {
		tc_put(c, y, 1, TS_DIM, "No populated zone.");
		return;
	}
	for (z = 0; z < nz; z++)
		if (b->zones[z].nr_orders > norders)
			norders = b->zones[z].nr_orders;
	shown = (unsigned int)((c->cols - 6) / ZONE_MIN_WIDTH);
	if (shown < 1)
		shown = 1;
	if (shown > nz)
		shown = nz;
	if (t->buddy.first > (int)(nz - shown))
		t->buddy.first = nz - shown;
	if (t->buddy.first < 0)
		t->buddy.first = 0;
	w = (c->cols - 6) / (int)shown;
	x = tc_printf(c, y, 0, TS_NORMAL, "free blocks per order; bars: share of the zone's free pages%s",
		      shown < nz ? "  (left/right: more zones)" : "");
	top_age(t, c, y++, x + 3, TOP_BUDDY);
	tc_fill(c, y, 0, c->cols, L' ', TS_HEADER);
	tc_put(c, y, 0, TS_HEADER, "order");
	for (z = 0; z < shown; z++) {
		const struct mms_buddy_zone *zn = &b->zones[t->buddy.first + z];

		tc_printf(c, y, 6 + (int)z * w, TS_HEADER, "node %u %s", zn->node, zn->zone);
		tc_printf(c, y + 1, 6 + (int)z * w, TS_DIM, "%s free of %s",
			  top_size(s1, sizeof(s1), zn->free_pages * t->page_size),
			  top_size(s2, sizeof(s2), zn->managed * t->page_size));
	}
	y += 2;
	for (o = 0; o < norders && (int)o < h - 4; o++) {
		tc_printf(c, y, 0, TS_NORMAL, "%5u", o);
		for (z = 0; z < shown; z++) {
			const struct mms_buddy_zone *zn = &b->zones[t->buddy.first + z];
			double frac = zn->free_pages ?
				      (double)(zn->free[o] << o) / zn->free_pages : 0;

			x = 6 + (int)z * w;
			tc_printf(c, y, x, TS_NORMAL, "%8llu ", (unsigned long long)zn->free[o]);
			bar = w - 11;
			if (bar > 0)
				tc_bar(c, y, x + 9, bar, frac, TS_BAR);
		}
		y++;
	}
	y++;
	for (z = 0; z < shown && y < c->rows; z++) {
		const struct mms_buddy_zone *zn = &b->zones[t->buddy.first + z];

		tc_printf(c, y, 6 + (int)z * w, TS_DIM, "wmark %llu/%llu/%llu",
			  (unsigned long long)zn->wmark_min, (unsigned long long)zn->wmark_low,
			  (unsigned long long)zn->wmark_high);
		tc_printf(c, y + 1, 6 + (int)z * w, TS_DIM, "per-CPU %llu pages",
			  (unsigned long long)zn->pcp_pages);
	}
}

static bool key(struct top *t, int k)
{
	if (k == TK_LEFT) {
		t->buddy.first--;
		return true;
	}
	if (k == TK_RIGHT) {
		t->buddy.first++;
		return true;
	}
	return false;
}

static const char *const help[] = {
	"Buddy: each populated zone's free blocks per order (as /proc/buddyinfo),",
	"with a bar for the share of the zone's free pages each order holds, its",
	"free and managed memory, the min/low/high watermarks (pages) and the",
	"pages on the per-CPU lists.",
	"  left/right  other zones, when they do not all fit",
	NULL,
};

const struct top_view top_view_buddy = {
	.name = "Buddy",
	.needs = TOP_NEED(TOP_BUDDY),
	.keys = "left/right zones",
	.help = help,
	.draw = draw,
	.key = key,
};
