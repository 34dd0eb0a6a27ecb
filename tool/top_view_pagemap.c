// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope top: Page map -- one cell per page of a VMA, lettered and
 * coloured by what its entry says.  Only the rows on screen are fetched
 * (GET_PTES of that range), so a large VMA costs what a screen shows.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "top.h"

/* A cell's state; the letter order is the precedence (first match wins). */
enum cell { CELL_OUT, CELL_UNKNOWN, CELL_NONE, CELL_OTHER, CELL_SWAP, CELL_ZERO, CELL_HUGE,
	    CELL_SHARED, CELL_DIRTY, CELL_YOUNG, CELL_PRESENT };

static const struct {
	wchar_t ch;
	int style;
	const char *name;
} cells[] = {
	[CELL_OUT] = { L' ', TS_NORMAL, NULL },
	[CELL_UNKNOWN] = { L'~', TS_PG_UNKNOWN, "not recorded" },
	[CELL_NONE] = { L'.', TS_PG_NONE, "none" },
	[CELL_OTHER] = { L'o', TS_PG_OTHER, "other" },
	[CELL_SWAP] = { L'S', TS_PG_SWAP, "swap" },
	[CELL_ZERO] = { L'Z', TS_PG_ZERO, "zero" },
	[CELL_HUGE] = { L'H', TS_PG_HUGE, "huge" },
	[CELL_SHARED] = { L'M', TS_PG_SHARED, "shared" },
	[CELL_DIRTY] = { L'D', TS_PG_DIRTY, "dirty" },
	[CELL_YOUNG] = { L'Y', TS_PG_YOUNG, "young" },
	[CELL_PRESENT] = { L'P', TS_PG_PRESENT, "present" },
};

static enum cell classify(const struct mms_pte *p)
{
	if (!p)
		return CELL_NONE;
	if (p->has_swap)
		return CELL_SWAP;
	if (!(p->flags & MMSCOPE_F_PRESENT))
		return CELL_OTHER;
	if (p->kind == MMSCOPE_KIND_ZERO)
		return CELL_ZERO;
	if (p->level > MMSCOPE_LEVEL_PTE)
		return CELL_HUGE;
	if (p->has_mapcount && p->mapcount > 1)
		return CELL_SHARED;
	if (p->flags & MMSCOPE_F_DIRTY)
		return CELL_DIRTY;
	if (p->flags & MMSCOPE_F_ACCESSED)
		return CELL_YOUNG;
	return CELL_PRESENT;
}

/* The VMA shown: the one chosen, else the one with the most resident pages. */
static const struct mms_vma *shown_vma(struct top *t)
{
	const struct mms_vma *v = NULL;

	if (!(t->cur.have & TOP_NEED(TOP_VMAS)) || !t->cur.nr_vmas)
		return NULL;
	if (t->pm.vma_start)
		v = top_vma_at(t, t->pm.vma_start);
	if (v)
		return v;
	t->pm.cursor = 0;
	v = top_vma_at(t, top_default_page(t));
	t->pm.vma_start = t->pm.cursor = t->pm.first = v->start;
	return v;
}

static uint64_t row_bytes(const struct top *t)
{
	return (uint64_t)t->pm.per_row * t->page_size;
}

/* Cells per row: a power of two, in groups of 16 with a blank between. */
static int per_row(int cols)
{
	int n = 16;

	while (13 + 2 * n + 2 * n / 16 - 1 <= cols && n < 512)
		n *= 2;
	return n;
}

static int map_rows(int h)
{
	return h > 5 ? h - 4 : 1;
}

static void prepare(struct top *t, const struct top_canvas *c, int h)
{
	const struct mms_vma *v = shown_vma(t);
	uint64_t rb, last;

	t->pm.per_row = per_row(c->cols);
	t->pm.rows = map_rows(h);
	/* Batch output shows a screenful, not the whole VMA. */
	if (t->batch && t->pm.rows > 16)
		t->pm.rows = 16;
	if (!v) {
		t->pm.ws = t->pm.we = 0;
		return;
	}
	rb = row_bytes(t);
	if (t->pm.cursor < v->start || t->pm.cursor >= v->end)
		t->pm.cursor = v->start;
	t->pm.cursor &= ~((uint64_t)t->page_size - 1);
	/* Rows start at multiples of their size: addresses read as round numbers. */
	t->pm.first -= t->pm.first % rb;
	if (t->pm.cursor < t->pm.first)
		t->pm.first = t->pm.cursor - t->pm.cursor % rb;
	last = t->pm.first + (uint64_t)t->pm.rows * rb;
	if (t->pm.cursor >= last)
		t->pm.first = t->pm.cursor - t->pm.cursor % rb - (uint64_t)(t->pm.rows - 1) * rb;
	if (t->pm.first + rb <= v->start)
		t->pm.first = v->start - v->start % rb;
	t->pm.ws = t->pm.first > v->start ? t->pm.first : v->start;
	t->pm.we = t->pm.first + (uint64_t)t->pm.rows * rb;
	if (t->pm.we > v->end)
		t->pm.we = v->end;
	if (t->pm.fws != t->pm.ws || t->pm.fwe != t->pm.we)
		t->want |= TOP_NEED(TOP_PTES);
}

/* The entry mapping @va in the window, from index *@j on (addresses ascend). */
static const struct mms_pte *entry_at(const struct top_ptes *w, size_t *j, uint64_t va)
{
	while (*j < w->n && w->e[*j].va + w->e[*j].size <= va)
		(*j)++;
	if (*j < w->n && w->e[*j].va <= va)
		return &w->e[*j];
	return NULL;
}

static enum cell cell_at(const struct top_ptes *w, size_t *j, uint64_t va, const struct mms_vma *v,
			 const struct mms_pte **pp)
{
	*pp = NULL;
	if (va < v->start || va >= v->end)
		return CELL_OUT;
	if (va < w->cov_start || va >= w->cov_end)
		return CELL_UNKNOWN;
	*pp = entry_at(w, j, va);
	return classify(*pp);
}

static void draw_legend(struct top_canvas *c, int y)
{
	static const enum cell order[] = { CELL_NONE, CELL_PRESENT, CELL_YOUNG, CELL_DIRTY,
					   CELL_SHARED, CELL_HUGE, CELL_ZERO, CELL_SWAP,
					   CELL_OTHER };
	unsigned int i;
	int x = 0;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		tc_putwc(c, y, x, cells[order[i]].style, cells[order[i]].ch);
		x = tc_printf(c, y, x + 1, TS_DIM, " %s  ", cells[order[i]].name);
	}
}

static void bit_names(uint32_t flags, char *buf, size_t len)
{
	size_t i, n = 0;
	int w;

	buf[0] = '\0';
	for (i = 0; i < mms_nr_entry_bits; i++) {
		if (!(flags & mms_entry_bits[i].bit))
			continue;
		w = snprintf(buf + n, len - n, "%s%s", n ? " " : "", mms_entry_bits[i].json);
		if (w < 0 || (size_t)w >= len - n)
			break;
		n += w;
	}
}

static void draw_cursor(struct top *t, struct top_canvas *c, int y, const struct mms_vma *v)
{
	const struct mms_pte *p;
	enum cell st;
	char bits[32], names[160];
	size_t j = 0;
	int x;

	st = cell_at(&t->cur.win, &j, t->pm.cursor, v, &p);
	x = tc_printf(c, y, 0, TS_BOLD, "%012llx", (unsigned long long)t->pm.cursor);
	if (st == CELL_UNKNOWN) {
		tc_put(c, y, x + 2, TS_DIM, "not in the recording");
		return;
	}
	if (!p) {
		tc_put(c, y, x + 2, TS_NORMAL,
		       "no entry: not mapped yet (touching it faults the page in)");
		return;
	}
	mms_flags_str(p->flags, bits, sizeof(bits));
	x = tc_printf(c, y, x + 2, TS_NORMAL, "%s %s", cells[st].name, mms_level_name(p->level));
	if (p->level > MMSCOPE_LEVEL_PTE)
		x = tc_printf(c, y, x, TS_NORMAL, " leaf at %llx (%llu KiB)",
			      (unsigned long long)p->va, (unsigned long long)p->size / 1024);
	if (p->has_pfn)
		x = tc_printf(c, y, x, TS_NORMAL, "  pfn 0x%llx",
			      (unsigned long long)(p->pfn + (t->pm.cursor - p->va) / t->page_size));
	if (p->has_swap)
		x = tc_printf(c, y, x, TS_NORMAL, "  swap %u:0x%llx", p->swap_type,
			      (unsigned long long)p->swap_offset);
	if (p->has_mapcount)
		x = tc_printf(c, y, x, TS_NORMAL, "  mapcount %u", p->mapcount);
	tc_printf(c, y, x, TS_NORMAL, "  %s  raw 0x%016llx", mms_kind_name(p->kind),
		  (unsigned long long)p->raw);
	bit_names(p->flags, names, sizeof(names));
	tc_printf(c, y + 1, 0, TS_NORMAL, "bits %s  %s", bits, names);
}

static void draw(struct top *t, struct top_canvas *c, int y, int h)
{
	const struct mms_vma *v;
	const struct mms_pte *p;
	uint64_t va, row;
	enum cell st;
	char perms[5], size[32];
	size_t j = 0;
	int r, i, x, idx = 0, rows;

	if (!top_need(t, c, y, TOP_VMAS))
		return;
	v = shown_vma(t);
	if (!v) {
		tc_put(c, y, 1, TS_DIM, "The process has no VMA.");
		return;
	}
	for (idx = 0; idx < (int)t->cur.nr_vmas && &t->cur.vmas[idx] != v; idx++)
		;
	mms_vma_perms(v->flags, perms);
	x = tc_printf(c, y, 0, TS_BOLD, "%012llx-%012llx %s %s %s", (unsigned long long)v->start,
		      (unsigned long long)v->end, perms, mms_kind_name(v->kind),
		      top_size(size, sizeof(size), v->end - v->start));
	x = tc_printf(c, y, x + 1, TS_NORMAL, "%s", v->name);
	tc_printf(c, y, x + 2, TS_DIM, "VMA %d/%zu", idx + 1, t->cur.nr_vmas);
	/* prepare() sized the rows for this height. */
	rows = t->pm.rows < h - 3 ? t->pm.rows : h - 3;
	/* A replay without this window still draws it, as unknown cells. */
	if (!(t->cur.have & TOP_NEED(TOP_PTES)) && t->cur.err[TOP_PTES] != -ENODATA &&
	    !top_need(t, c, y + 1, TOP_PTES))
		return;
	for (r = 0; r < rows; r++) {
		row = t->pm.first + (uint64_t)r * row_bytes(t);
		if (row >= v->end)
			break;
		tc_printf(c, y + 1 + r, 0, TS_DIM, "%012llx", (unsigned long long)row);
		x = 13;
		for (i = 0; i < t->pm.per_row; i++) {
			va = row + (uint64_t)i * t->page_size;
			if (i && i % 16 == 0)
				x++;
			st = cell_at(&t->cur.win, &j, va, v, &p);
			tc_putwc(c, y + 1 + r, x++,
				 cells[st].style | (va == t->pm.cursor && !t->batch ? TS_REVERSE : 0),
				 cells[st].ch);
		}
	}
	draw_legend(c, y + 1 + rows);
	draw_cursor(t, c, y + 2 + rows, v);
}

static void go_to(struct top *t, const char *text)
{
	const struct mms_vma *v;
	uint64_t va;

	if (top_parse_hex(text, &va)) {
		top_say(t, TS_WARN, "'%s' is not an address (hex)", text);
		return;
	}
	v = top_vma_at(t, va);
	if (!v) {
		top_say(t, TS_WARN, "no VMA contains %llx", (unsigned long long)va);
		return;
	}
	t->pm.vma_start = v->start;
	t->pm.cursor = va;
}

static void other_vma(struct top *t, int dir)
{
	const struct mms_vma *v = shown_vma(t);
	size_t i;

	if (!v)
		return;
	i = (size_t)(v - t->cur.vmas);
	if ((dir < 0 && i == 0) || (dir > 0 && i + 1 >= t->cur.nr_vmas))
		return;
	v = &t->cur.vmas[i + dir];
	t->pm.vma_start = t->pm.cursor = t->pm.first = v->start;
}

static bool key(struct top *t, int k)
{
	const struct mms_vma *v = shown_vma(t);
	uint64_t pg = t->page_size, rb = row_bytes(t), c;
	int err;

	if (!v)
		return false;
	c = t->pm.cursor;
	switch (k) {
	case TK_LEFT:
		c -= pg;
		break;
	case TK_RIGHT:
		c += pg;
		break;
	case TK_UP:
		c -= rb;
		break;
	case TK_DOWN:
		c += rb;
		break;
	case TK_PGUP:
		c -= rb * (uint64_t)(t->pm.rows > 1 ? t->pm.rows - 1 : 1);
		break;
	case TK_PGDN:
		c += rb * (uint64_t)(t->pm.rows > 1 ? t->pm.rows - 1 : 1);
		break;
	case TK_HOME:
		c = v->start;
		break;
	case TK_END:
		c = v->end - pg;
		break;
	case '[':
		other_vma(t, -1);
		return true;
	case ']':
		other_vma(t, 1);
		return true;
	case 'g':
		top_ask(t, "go to address (hex): ", NULL, go_to);
		return true;
	case 'c':
		err = top_clear_refs(&t->src, t->pid);
		if (err)
			top_say(t, TS_WARN, "clearing the Accessed bits failed: %s",
				err == -EROFS ? "this is a replay" : strerror(-err));
		else
			top_say(t, TS_GOOD,
				"Accessed bits cleared (/proc/%d/clear_refs): watch the working set come back",
				t->pid);
		t->want |= TOP_NEED(TOP_PTES) | TOP_NEED(TOP_VMAS);
		return true;
	case 'x':
		t->xl.va = t->pm.cursor;
		t->xl.set = true;
		top_show(t, &top_view_xlate);
		return true;
	case 'w':
		t->rm.by_pfn = false;
		t->rm.set = true;
		t->rm.pid = t->pid;
		t->rm.va = t->pm.cursor;
		top_show(t, &top_view_rmap);
		return true;
	default:
		return false;
	}
	/* Moves stop at the VMA's ends (arithmetic wrapped below 0 lands beyond the end). */
	if (c < v->start)
		c = v->start;
	if (c >= v->end)
		c = v->end - pg;
	t->pm.cursor = c;
	return true;
}

static const char *const help[] = {
	"Page map: one cell per page of the VMA, from its entry (first match):",
	"  .  no entry          o  other non-present (migration, marker)",
	"  S  swap entry        Z  the shared zero page     H  huge leaf (PMD/PUD)",
	"  M  shared (mapcount > 1)   D  dirty   Y  young (Accessed)   P  present",
	"  ~  not in the recording (replay)",
	"The line below the map decodes the entry under the cursor.",
	"  arrows/PgUp/PgDn/Home/End  move     [ ]  previous/next VMA",
	"  g  go to an address    c  clear the Accessed bits (clear_refs)",
	"  x  translate the page  w  who maps the page (Rmap)",
	NULL,
};

const struct top_view top_view_pagemap = {
	.name = "Pages",
	.needs = TOP_NEED(TOP_VMAS) | TOP_NEED(TOP_PTES),
	.keys = "arrows move  [] VMA  g goto  c clear A  x xlate  w who maps",
	.help = help,
	.prepare = prepare,
	.draw = draw,
	.key = key,
};
