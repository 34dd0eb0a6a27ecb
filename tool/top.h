/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmscope top, the live view.  Its parts:
 *   top_data.c    snapshots: fetched live, or replayed from a recording
 *   top_canvas.c  the character grid views draw on (no curses)
 *   top_view_*.c  one view each: what to fetch, how to draw, its keys
 *   top_common.c  helpers the views share (sizes, tables, prompts)
 *   cmd_top.c     the loop: curses, keys, refresh, resize, batch mode
 */
#ifndef MMSCOPE_TOP_H
#define MMSCOPE_TOP_H

#include <stdbool.h>
#include <stdint.h>

#include "top_canvas.h"
#include "top_data.h"

/* Keys beyond characters (curses' KEY_* are translated to these). */
enum top_key {
	TK_UP = 0x110000, TK_DOWN, TK_LEFT, TK_RIGHT, TK_PGUP, TK_PGDN, TK_HOME, TK_END,
	TK_ENTER, TK_ESC, TK_BACKSPACE, TK_TAB, TK_BTAB, TK_RESIZE,
};

struct top;

struct top_view {
	const char *name;		/* tab label */
	unsigned int needs;		/* TOP_NEED() of the items it shows */
	const char *keys;		/* its own keys, for the footer */
	const char *const *help;	/* lines for the help screen (NULL-terminated) */
	/* Before a fetch: set what the view wants (window, queries).  Optional. */
	void (*prepare)(struct top *t, const struct top_canvas *c, int h);
	/* After a fetch: its point queries (xlate, rmap).  Optional. */
	void (*query)(struct top *t);
	/* Draw rows @y .. @y + @h - 1. */
	void (*draw)(struct top *t, struct top_canvas *c, int y, int h);
	/* A key: true when the view used it. */
	bool (*key)(struct top *t, int key);
};

extern const struct top_view top_view_overview, top_view_vmas, top_view_pagemap,
	top_view_xlate, top_view_faults, top_view_rmap, top_view_buddy, top_view_slab,
	top_view_policy, top_view_picker;

/* Seconds of fault-rate history (the graphs). */
#define TOP_HIST	120
/* Fault events kept for the tail. */
#define TOP_TAIL	256

struct top_rate {
	uint64_t t;			/* ns */
	double min, maj, pgfault, pgmajfault;	/* per second */
};

struct top {
	struct top_src src;
	int pid;
	char comm[17];
	bool batch, paused, exited, live, quit;
	double delay;			/* seconds between ticks */
	long page_size;
	struct top_snap cur;		/* what the views show */
	const struct top_view *view;	/* the current view (a tab, or the picker) */
	const struct top_view *back;	/* the view the picker returns to */
	bool help;			/* the help screen is shown */
	int body_h;			/* rows a view has (the last drawn screen) */

	/* fault rates, one per tick, oldest first */
	struct top_rate rate[TOP_HIST];
	unsigned int nr_rate;
	uint64_t last_min, last_maj, last_pgfault, last_pgmajfault, last_t;
	bool have_last;
	/* the event tail, oldest first */
	struct mms_fault_event tail[TOP_TAIL];
	unsigned int nr_tail;

	/* the status line */
	char msg[256];
	int msg_style;
	/* a prompt: the text typed goes to on_input on Enter */
	bool prompting;
	char prompt[48];
	char input[80];
	void (*on_input)(struct top *t, const char *text);

	/* items to fetch at once (a view switched, a window moved) */
	unsigned int want;
	/* the earliest time an item may be fetched again (its cost bound) */
	uint64_t next_fetch[TOP_NR_ITEMS];

	/* per-view state */
	struct {
		int sel, first, sort;
		bool reverse;
	} vmas;
	struct {
		uint64_t vma_start;	/* the VMA shown (0: choose one) */
		uint64_t cursor;	/* VA of the cursor's page */
		uint64_t first;		/* VA of the first row */
		uint64_t ws, we;	/* window wanted */
		uint64_t fws, fwe;	/* window last asked for */
		int per_row, rows;	/* cells per row, rows shown */
	} pm;
	struct {
		uint64_t va;
		bool set, have;
		int err;
		struct mms_xlate x;
	} xl;
	struct {
		bool by_pfn, set, have;
		int pid, err;
		uint64_t va, pfn;
		struct mms_rmap r;
	} rm;
	struct {
		int sort, first;
	} slab;
	struct {
		int first;
	} buddy;
	struct {
		int sel, first;
		char filter[32];
	} pick;
	struct {
		int first;
	} faults;
	struct {
		int first;		/* the first policy shown */
		/* counters of the last two snapshots shown, for the rates */
		uint64_t at[2];
		struct top_pol_count {
			uint64_t id, installed_ns, examined, evicted;
		} c[2][MMSCOPE_POLICY_MAX_CGROUPS];
		unsigned int n[2];
	} policy;
};

/* Views in tab order (keys 1-9). */
extern const struct top_view *const top_tabs[];
extern const unsigned int top_nr_tabs;

/* ---- shared helpers (top_common.c) ---- */

/* "1.5 MiB"-style size of @bytes into @buf. */
const char *top_size(char *buf, size_t len, uint64_t bytes);
/* "12,345" */
const char *top_count(char *buf, size_t len, uint64_t n);
/* Status line message. */
void top_say(struct top *t, int style, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Ask for a line of text; @fn gets it on Enter. */
void top_ask(struct top *t, const char *prompt, const char *initial,
	     void (*fn)(struct top *t, const char *text));
/* Look at process @pid from now on (0: none), forgetting the last one's state. */
void top_set_target(struct top *t, int pid, const char *comm);
/* Go to another view (a tab or the picker), fetching what it needs at once. */
void top_show(struct top *t, const struct top_view *v);
/* Is item @i in the snapshot?  Else draw why not at (@y, 0) and return false. */
bool top_need(struct top *t, struct top_canvas *c, int y, int item);
/* Dim text: what fetching item @i costs, and how old it is when older than a refresh. */
void top_age(struct top *t, struct top_canvas *c, int y, int x, int item);
/* An address typed by the user: hex, with or without 0x.  0 or -EINVAL. */
int top_parse_hex(const char *text, uint64_t *v);
/* The page the point views (Translate, Rmap) look at by default: the page map's cursor. */
uint64_t top_default_page(struct top *t);
/* The history of minor (or @major) faults per second, from column @x to the edge. */
void top_rate_graph(struct top *t, struct top_canvas *c, int y, int x, bool major);
/* The VMA containing @va in the snapshot, or NULL. */
const struct mms_vma *top_vma_at(const struct top *t, uint64_t va);
/* Keep @sel visible in a list of @n rows shown @h at a time from *@first. */
void top_scroll(int sel, int n, int h, int *first);
/* Move a selection by @key (arrows, pages, home/end); true if it was such a key. */
bool top_move(int key, int *sel, int n, int h);

#endif
