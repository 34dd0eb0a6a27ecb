// SPDX-License-Identifier: GPL-2.0
/* mmscope top: VMAs -- every mapping with the counts of a walk over it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "top.h"

enum col_id { C_START, C_END, C_SIZE, C_PERM, C_KIND, C_RSS, C_PRESENT, C_YOUNG, C_DIRTY,
	      C_SWAP, C_ZERO, C_HUGE, C_SHARED, C_PT, C_NAME, NR_COLS };

static const struct {
	const char *hdr;
	int width;
	bool right;
	int prio;		/* 0: always shown; higher numbers go first when narrow */
} cols[NR_COLS] = {
	[C_START] = { "START", 12, false, 0 },
	[C_END] = { "END", 12, false, 6 },
	[C_SIZE] = { "SIZE", 8, true, 1 },
	[C_PERM] = { "PERM", 4, false, 0 },
	[C_KIND] = { "KIND", 6, false, 2 },
	[C_RSS] = { "RSS", 8, true, 1 },
	[C_PRESENT] = { "PRESENT", 7, true, 3 },
	[C_YOUNG] = { "YOUNG", 6, true, 2 },
	[C_DIRTY] = { "DIRTY", 6, true, 2 },
	[C_SWAP] = { "SWAP", 5, true, 3 },
	[C_ZERO] = { "ZERO", 5, true, 5 },
	[C_HUGE] = { "HUGE", 4, true, 4 },
	[C_SHARED] = { "SHARED", 6, true, 4 },
	[C_PT] = { "PT", 4, true, 5 },
	[C_NAME] = { "NAME", 0, false, 0 },
};

#define NAME_MIN 14

static uint64_t value(const struct mms_vma *v, int col)
{
	switch (col) {
	case C_START:
		return v->start;
	case C_END:
		return v->end;
	case C_SIZE:
		return v->end - v->start;
	case C_PERM:
		return v->flags & 0xf;
	case C_KIND:
		return v->kind;
	case C_RSS:
		return v->rss;
	case C_PRESENT:
		return v->present;
	case C_YOUNG:
		return v->young;
	case C_DIRTY:
		return v->dirty;
	case C_SWAP:
		return v->swap;
	case C_ZERO:
		return v->zero;
	case C_HUGE:
		return v->huge_pmd + v->huge_pud;
	case C_SHARED:
		return v->shared;
	case C_PT:
		return v->pt_pages;
	}
	return 0;
}

static void cell(const struct top *t, const struct mms_vma *v, int col, char *buf, size_t len)
{
	char perms[5];

	switch (col) {
	case C_START:
	case C_END:
		snprintf(buf, len, "%012llx", (unsigned long long)value(v, col));
		return;
	case C_SIZE:
		top_size(buf, len, v->end - v->start);
		return;
	case C_RSS:
		top_size(buf, len, v->rss * t->page_size);
		return;
	case C_PERM:
		mms_vma_perms(v->flags, perms);
		snprintf(buf, len, "%s", perms);
		return;
	case C_KIND:
		snprintf(buf, len, "%s", mms_kind_name(v->kind));
		return;
	case C_NAME:
		snprintf(buf, len, "%s", v->name);
		return;
	}
	snprintf(buf, len, "%llu", (unsigned long long)value(v, col));
}

static const struct mms_vma *sort_vmas;
static int sort_col;
static bool sort_rev;

static int cmp(const void *pa, const void *pb)
{
	const struct mms_vma *a = &sort_vmas[*(const int *)pa], *b = &sort_vmas[*(const int *)pb];
	uint64_t x, y;
	int r = 0;

	if (sort_col == C_NAME) {
		r = strcmp(a->name, b->name);
	} else {
		x = value(a, sort_col);
		y = value(b, sort_col);
		/* Addresses ascend; counts and sizes descend (the largest first). */
		if (x != y)
			r = (x < y ? -1 : 1) * (sort_col <= C_END || sort_col == C_PERM ? 1 : -1);
	}
	if (!r)
		r = a->start < b->start ? -1 : a->start > b->start;
	return sort_rev ? -r : r;
}

/* VMA indices in display order (malloc'd), or NULL. */
static int *order(struct top *t)
{
	int *idx = malloc((t->cur.nr_vmas + 1) * sizeof(*idx));
	size_t i;

	if (!idx)
		return NULL;
	for (i = 0; i < t->cur.nr_vmas; i++)
		idx[i] = (int)i;
	sort_vmas = t->cur.vmas;
	sort_col = t->vmas.sort;
	sort_rev = t->vmas.reverse;
	qsort(idx, t->cur.nr_vmas, sizeof(*idx), cmp);
	return idx;
}

/* Columns that fit @width, the name last with what is left. */
static int layout(int width, bool *shown)
{
	int used, c, prio;

	for (prio = 6; prio >= 0; prio--) {
		used = 0;
		for (c = 0; c < NR_COLS; c++) {
			shown[c] = cols[c].prio <= prio;
			if (shown[c] && c != C_NAME)
				used += cols[c].width + 1;
		}
		if (used + NAME_MIN <= width)
			return used;
	}
	return used;
}

static int rows(int h)
{
	return h - 2;
}

static void draw(struct top *t, struct top_canvas *c, int y, int h)
{
	bool shown[NR_COLS];
	char buf[4096];
	int *idx, r, col, x, n, style;

	if (!top_need(t, c, y, TOP_VMAS))
		return;
	n = (int)t->cur.nr_vmas;
	x = tc_printf(c, y, 0, TS_NORMAL, "%d VMAs, by %s%s", n, cols[t->vmas.sort].hdr,
		      t->vmas.reverse ? " (reversed)" : "");
	top_age(t, c, y, x + 3, TOP_VMAS);
	layout(c->cols, shown);
	x = 0;
	tc_fill(c, y + 1, 0, c->cols, L' ', TS_HEADER);
	for (col = 0; col < NR_COLS; col++) {
		if (!shown[col])
			continue;
		style = col == t->vmas.sort ? TS_HEADER | TS_REVERSE : TS_HEADER;
		if (cols[col].right)
			tc_printf(c, y + 1, x, style, "%*s", cols[col].width, cols[col].hdr);
		else
			tc_printf(c, y + 1, x, style, "%-*s", cols[col].width, cols[col].hdr);
		x += cols[col].width + 1;
	}
	if (t->vmas.sel >= n)
		t->vmas.sel = n - 1;
	if (t->vmas.sel < 0)
		t->vmas.sel = 0;
	top_scroll(t->vmas.sel, n, rows(h), &t->vmas.first);
	idx = order(t);
	if (!idx)
		return;
	for (r = 0; r < rows(h) && t->vmas.first + r < n; r++) {
		const struct mms_vma *v = &t->cur.vmas[idx[t->vmas.first + r]];
		bool sel = t->vmas.first + r == t->vmas.sel && !t->batch;

		style = sel ? TS_SELECTED : TS_NORMAL;
		if (sel)
			tc_fill(c, y + 2 + r, 0, c->cols, L' ', style);
		x = 0;
		for (col = 0; col < NR_COLS; col++) {
			if (!shown[col])
				continue;
			cell(t, v, col, buf, sizeof(buf));
			if (col == C_NAME)
				tc_put_tail(c, y + 2 + r, x, style, buf);
			else if (cols[col].right)
				tc_printf(c, y + 2 + r, x, style, "%*s", cols[col].width, buf);
			else
				tc_printf(c, y + 2 + r, x, style, "%-*s", cols[col].width, buf);
			x += cols[col].width + 1;
		}
	}
	free(idx);
}

static bool key(struct top *t, int k)
{
	int n = (int)t->cur.nr_vmas, *idx;

	switch (k) {
	case '<':
		t->vmas.sort = (t->vmas.sort + NR_COLS - 1) % NR_COLS;
		return true;
	case '>':
		t->vmas.sort = (t->vmas.sort + 1) % NR_COLS;
		return true;
	case 'R':
		t->vmas.reverse = !t->vmas.reverse;
		return true;
	case TK_ENTER:
		if (!n || !(t->cur.have & TOP_NEED(TOP_VMAS)))
			return true;
		idx = order(t);
		if (!idx)
			return true;
		t->pm.vma_start = t->cur.vmas[idx[t->vmas.sel]].start;
		t->pm.cursor = t->pm.first = t->pm.vma_start;
		free(idx);
		top_show(t, &top_view_pagemap);
		return true;
	}
	return n && top_move(k, &t->vmas.sel, n, rows(t->body_h));
}

static const char *const help[] = {
	"VMAs: every mapping of the process with the counts of a walk of its page",
	"tables: RSS (present pages but the zero page, as smaps' Rss), PRESENT",
	"(mapped entries), YOUNG (Accessed bit), DIRTY (Dirty bit), SWAP, ZERO",
	"(zero-page mappings), HUGE (PMD/PUD leaves), SHARED (mapcount > 1),",
	"PT (page-table pages).  Counts are in pages.",
	"  < >  sort by the previous/next column    R  reverse the order",
	"  Enter  the page map of the selected VMA",
	NULL,
};

const struct top_view top_view_vmas = {
	.name = "VMAs",
	.needs = TOP_NEED(TOP_VMAS),
	.keys = "</> sort  R reverse  Enter page map",
	.help = help,
	.draw = draw,
	.key = key,
};
