// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope top [PID]: the live view.  This file is the loop: options, the
 * refresh clock and its cost bound, keys, the screen through ncurses (or
 * text in batch mode).  Data come from top_data.c, views draw themselves.
 */
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "model.h"
#include "output.h"
#include "top.h"
#include "util.h"

const struct top_view *const top_tabs[] = {
	&top_view_overview, &top_view_vmas, &top_view_pagemap, &top_view_xlate, &top_view_faults,
	&top_view_rmap, &top_view_buddy, &top_view_slab, &top_view_policy,
};
const unsigned int top_nr_tabs = sizeof(top_tabs) / sizeof(top_tabs[0]);

/*
 * Every item is fetched again only once TOP_COST_FACTOR times its last cost
 * (CPU time, the kernel's part included) has passed, and at the refresh
 * interval at the most: each stays under 0.25% of a CPU, whatever the
 * process's size (walks cost in proportion to it) or the system's (slab
 * caches, zones).  Views show an item's age when it is older than a refresh.
 */
#define TOP_COST_FACTOR		400

#define TOP_MIN_ROWS	12
#define TOP_MIN_COLS	60
#define TOP_BATCH_ROWS	60

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* ---- fetching ---- */

static bool gone(int err)
{
	return err == -ESRCH || err == -ENOENT;
}

static void add_rate(struct top *t, const struct top_snap *n)
{
	const struct mms_faults *f = &n->faults;
	uint64_t at = n->at[TOP_FAULTS];
	struct top_rate *r;
	double dt;

	if (t->have_last && at > t->last_t) {
		dt = (at - t->last_t) / 1e9;
		if (t->nr_rate == TOP_HIST) {
			memmove(t->rate, t->rate + 1, (TOP_HIST - 1) * sizeof(t->rate[0]));
			t->nr_rate--;
		}
		r = &t->rate[t->nr_rate++];
		r->t = at;
		/* Counters only grow; a smaller one means another process (or a reuse). */
		r->min = f->min >= t->last_min ? (f->min - t->last_min) / dt : 0;
		r->maj = f->maj >= t->last_maj ? (f->maj - t->last_maj) / dt : 0;
		r->pgfault = f->sys_pgfault >= t->last_pgfault ?
			     (f->sys_pgfault - t->last_pgfault) / dt : 0;
		r->pgmajfault = f->sys_pgmajfault >= t->last_pgmajfault ?
				(f->sys_pgmajfault - t->last_pgmajfault) / dt : 0;
	}
	t->have_last = true;
	t->last_t = at;
	t->last_min = f->min;
	t->last_maj = f->maj;
	t->last_pgfault = f->sys_pgfault;
	t->last_pgmajfault = f->sys_pgmajfault;
}

static void add_events(struct top *t, const struct top_snap *n)
{
	uint64_t last = t->nr_tail ? t->tail[t->nr_tail - 1].seq : 0;
	size_t i;

	for (i = 0; i < n->nr_events; i++) {
		if (t->nr_tail && n->events[i].seq <= last)
			continue;
		if (t->nr_tail == TOP_TAIL) {
			memmove(t->tail, t->tail + 1, (TOP_TAIL - 1) * sizeof(t->tail[0]));
			t->nr_tail--;
		}
		t->tail[t->nr_tail++] = n->events[i];
		last = n->events[i].seq;
	}
}

/* Fetch @need (a tick: a new point in time) and make it the current snapshot. */
static void fetch(struct top *t, unsigned int need, bool tick)
{
	uint64_t now = top_now_ns(), gap;
	struct top_snap n;
	int i;

	/* Items wait for their turn, unless asked for (a view switched to them). */
	for (i = 0; i < TOP_NR_ITEMS; i++)
		if ((TOP_NEED(i) & need & ~t->want) && (t->cur.have & TOP_NEED(i)) &&
		    now < t->next_fetch[i])
			need &= ~TOP_NEED(i);
	if (t->exited)
		need &= ~TOP_TARGET_ITEMS;
	/* A recording holds the process list, so that a replay can show the picker. */
	if (t->src.rec && tick)
		need |= TOP_NEED(TOP_PROCS);
	/* No window yet (the VMA list comes first). */
	if (t->pm.we <= t->pm.ws)
		need &= ~TOP_NEED(TOP_PTES);
	if (need & TOP_NEED(TOP_PTES)) {
		t->pm.fws = t->pm.ws;
		t->pm.fwe = t->pm.we;
	}
	t->want = 0;
	if (top_fetch(&t->src, t->pid, need, tick, t->pm.ws, t->pm.we, &n))
		return;
	for (i = 0; i < TOP_NR_ITEMS; i++) {
		if (!(TOP_NEED(i) & n.have))
			continue;
		gap = (uint64_t)n.cost_us[i] * 1000 * TOP_COST_FACTOR;
		/* A little early, so that an item due at a tick is not put off to the next. */
		t->next_fetch[i] = n.at[i] + gap - (gap > 200000000ULL ? 200000000ULL : gap);
	}
	if (t->pid && !t->exited &&
	    (gone(n.err[TOP_MM]) || gone(n.err[TOP_VMAS]) || n.err[TOP_FAULTS] == -ESRCH ||
	     gone(n.err[TOP_PTES]))) {
		t->exited = true;
		top_say(t, TS_WARN, "Process %d has exited: its last data stay; p picks another.",
			t->pid);
		/* Keep showing what was last seen. */
		for (i = 0; i < TOP_NR_ITEMS; i++)
			if (TOP_TARGET_ITEMS & TOP_NEED(i)) {
				n.err[i] = 0;
				n.have &= ~TOP_NEED(i);
			}
	}
	if (n.have & TOP_NEED(TOP_MM) && n.mm.comm[0])
		snprintf(t->comm, sizeof(t->comm), "%s", n.mm.comm);
	else if (n.have & TOP_NEED(TOP_FAULTS) && n.faults.comm[0])
		snprintf(t->comm, sizeof(t->comm), "%s", n.faults.comm);
	if (tick && (n.have & TOP_NEED(TOP_FAULTS)))
		add_rate(t, &n);
	if (n.have & TOP_NEED(TOP_EVENTS))
		add_events(t, &n);
	top_snap_carry(&n, &t->cur, ~0u);
	top_snap_free(&t->cur);
	t->cur = n;
}

/* ---- the screen (a canvas; curses only shows it) ---- */

static void draw_header(struct top *t, struct top_canvas *c)
{
	char clock[16] = "", flags[64] = "";
	struct tm tm;
	time_t w = t->live ? time(NULL) : (time_t)t->cur.wall;
	int x;

	if (w && localtime_r(&w, &tm))
		strftime(clock, sizeof(clock), "%H:%M:%S", &tm);
	tc_fill(c, 0, 0, c->cols, L' ', TS_TITLE);
	if (t->pid)
		x = tc_printf(c, 0, 0, TS_TITLE, "mmscope top  pid %d (%s)  %s  every %gs", t->pid,
			      t->comm[0] ? t->comm : "?", clock, t->delay);
	else
		x = tc_printf(c, 0, 0, TS_TITLE, "mmscope top  no process  %s  every %gs", clock,
			      t->delay);
	if (!t->live)
		snprintf(flags, sizeof(flags), "REPLAY %zu/%zu", t->src.pos + 1, t->src.nr_lines);
	if (t->paused)
		snprintf(flags + strlen(flags), sizeof(flags) - strlen(flags), "%sPAUSED",
			 flags[0] ? " " : "");
	if (t->exited)
		snprintf(flags + strlen(flags), sizeof(flags) - strlen(flags), "%sEXITED",
			 flags[0] ? " " : "");
	if (flags[0])
		tc_put(c, 0, c->cols - (int)strlen(flags) - 1 > x + 1 ? c->cols - (int)strlen(flags) - 1 :
		       x + 1, TS_WARN | TS_REVERSE, flags);
}

static void draw_tabs(struct top *t, struct top_canvas *c)
{
	unsigned int i;
	int x = 0;

	for (i = 0; i < top_nr_tabs; i++) {
		bool cur = top_tabs[i] == t->view || (t->view == &top_view_picker && top_tabs[i] == t->back);

		x = tc_printf(c, 1, x, cur ? TS_TAB_ACTIVE : TS_TAB, "%u %s", i + 1, top_tabs[i]->name);
		x++;
	}
	if (t->view == &top_view_picker)
		tc_put(c, 1, x, TS_TAB_ACTIVE, "p Pick");
}

static void draw_help(struct top *t, struct top_canvas *c, int y, int h)
{
	static const char *const global[] = {
		"mmscope top: what the kernel's memory management holds for a process, live.",
		"",
		"  1-9, Tab, Shift-Tab  switch view      p  choose another process",
		"  space  pause/resume refreshing        n  refresh now (replay: next snapshot)",
		"  d  refresh interval                   Ctrl-L  redraw     q  quit",
		"  ?  this help (any key closes it)",
		"",
		NULL,
	};
	const char *const *l;
	int end = y + h;

	for (l = global; *l && y < end; l++)
		tc_put(c, y++, 0, l == global ? TS_BOLD : TS_NORMAL, *l);
	tc_printf(c, y++, 0, TS_BOLD, "%s view", t->view->name);
	for (l = t->view->help; l && *l && y < end; l++)
		tc_put(c, y++, 2, TS_NORMAL, *l);
}

static void draw_screen(struct top *t, struct top_canvas *c)
{
	int x;

	tc_clear(c);
	if (c->rows < TOP_MIN_ROWS || c->cols < TOP_MIN_COLS) {
		tc_printf(c, 0, 0, TS_WARN, "mmscope top needs %dx%d; this is %dx%d.", TOP_MIN_COLS,
			  TOP_MIN_ROWS, c->cols, c->rows);
		return;
	}
	t->body_h = c->rows - 4;
	draw_header(t, c);
	draw_tabs(t, c);
	if (t->help)
		draw_help(t, c, 2, t->body_h);
	else
		t->view->draw(t, c, 2, t->body_h);
	if (t->prompting) {
		x = tc_put(c, c->rows - 2, 0, TS_BOLD, t->prompt);
		x = tc_put(c, c->rows - 2, x, TS_NORMAL, t->input);
		tc_putwc(c, c->rows - 2, x, TS_NORMAL | TS_REVERSE, L' ');
	} else if (t->msg[0]) {
		tc_put(c, c->rows - 2, 0, t->msg_style, t->msg);
	} else if (t->exited) {
		tc_printf(c, c->rows - 2, 0, TS_WARN,
			  "Process %d has exited: its last data stay; p picks another.", t->pid);
	} else {
		tc_put(c, c->rows - 2, 0, TS_DIM,
		       "space pause  n now  d interval  p process  Tab/1-9 views");
	}
	tc_fill(c, c->rows - 1, 0, c->cols, L' ', TS_KEY);
	x = tc_put(c, c->rows - 1, 0, TS_KEY, t->help ? "any key: back" : t->view->keys);
	tc_put(c, c->rows - 1, x > c->cols - 17 ? x + 2 : c->cols - 17, TS_KEY, "? help  q quit");
}

/* ---- curses ---- */

static attr_t style_attr[TS_NR];

static void setup_styles(void)
{
	static const struct {
		int style, fg, bg;
		attr_t extra, mono;
	} map[] = {
		{ TS_NORMAL, -1, -1, 0, 0 },
		{ TS_BOLD, -1, -1, A_BOLD, A_BOLD },
		{ TS_DIM, -1, -1, A_DIM, A_DIM },
		{ TS_TITLE, COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
		{ TS_HEADER, COLOR_BLACK, COLOR_GREEN, 0, A_REVERSE },
		{ TS_SELECTED, COLOR_BLACK, COLOR_YELLOW, 0, A_REVERSE | A_BOLD },
		{ TS_TAB, -1, -1, 0, 0 },
		{ TS_TAB_ACTIVE, COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD },
		{ TS_WARN, COLOR_RED, -1, A_BOLD, A_BOLD },
		{ TS_GOOD, COLOR_GREEN, -1, 0, 0 },
		{ TS_KEY, COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
		{ TS_BAR, COLOR_CYAN, -1, 0, 0 },
		{ TS_PG_NONE, COLOR_BLUE, -1, A_DIM, A_DIM },
		{ TS_PG_PRESENT, -1, -1, 0, 0 },
		{ TS_PG_YOUNG, COLOR_GREEN, -1, A_BOLD, A_BOLD },
		{ TS_PG_DIRTY, COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE },
		{ TS_PG_SWAP, COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
		{ TS_PG_HUGE, COLOR_CYAN, -1, A_BOLD, A_BOLD },
		{ TS_PG_SHARED, COLOR_YELLOW, -1, A_BOLD, 0 },
		{ TS_PG_ZERO, COLOR_BLUE, -1, A_BOLD, A_DIM },
		{ TS_PG_OTHER, COLOR_MAGENTA, -1, 0, 0 },
		{ TS_PG_UNKNOWN, -1, -1, A_DIM, A_DIM },
	};
	bool colour = has_colors() && start_color() == OK;
	unsigned int i;

	if (colour)
		use_default_colors();
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (!colour) {
			style_attr[map[i].style] = map[i].mono;
			continue;
		}
		init_pair((short)(i + 1), (short)map[i].fg, (short)map[i].bg);
		style_attr[map[i].style] = COLOR_PAIR(i + 1) | map[i].extra;
	}
}

static attr_t attr_of(unsigned char style)
{
	attr_t a = TS_STYLE(style) < TS_NR ? style_attr[TS_STYLE(style)] : 0;

	return style & TS_REVERSE ? a ^ A_REVERSE : a;
}

/* Show the canvas: runs of one style at a time; curses sends only what changed. */
static void blit(const struct top_canvas *c)
{
	wchar_t run[1024];
	int y, x, x0, n;

	erase();
	for (y = 0; y < c->rows; y++) {
		for (x = 0; x < c->cols; x = x0 + n) {
			const struct tc_cell *row = &c->cell[(size_t)y * c->cols];

			x0 = x;
			for (n = 0; x0 + n < c->cols && n < 1023 &&
			     row[x0 + n].style == row[x0].style; n++)
				run[n] = row[x0 + n].ch;
			run[n] = L'\0';
			attrset(attr_of(row[x0].style));
			mvaddnwstr(y, x0, run, n);
		}
	}
	attrset(A_NORMAL);
	wnoutrefresh(stdscr);
	doupdate();
}

static int read_key(int timeout_ms)
{
	wint_t ch;
	int r;

	timeout(timeout_ms);
	r = get_wch(&ch);
	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP: return TK_UP;
		case KEY_DOWN: return TK_DOWN;
		case KEY_LEFT: return TK_LEFT;
		case KEY_RIGHT: return TK_RIGHT;
		case KEY_PPAGE: return TK_PGUP;
		case KEY_NPAGE: return TK_PGDN;
		case KEY_HOME: return TK_HOME;
		case KEY_END: return TK_END;
		case KEY_ENTER: return TK_ENTER;
		case KEY_BACKSPACE: return TK_BACKSPACE;
		case KEY_BTAB: return TK_BTAB;
		case KEY_RESIZE: return TK_RESIZE;
		}
		return -1;
	}
	switch (ch) {
	case '\n':
	case '\r':
		return TK_ENTER;
	case 27:
		return TK_ESC;
	case 127:
	case 8:
		return TK_BACKSPACE;
	case '\t':
		return TK_TAB;
	}
	return (int)ch;
}

/* ---- keys ---- */

static void set_delay(struct top *t, const char *text)
{
	char *end;
	double d = strtod(text, &end);

	if (end == text || *end || !(d >= 0.1 && d <= 3600)) {
		top_say(t, TS_WARN, "the interval is a number of seconds, 0.1 to 3600");
		return;
	}
	t->delay = d;
}

static void next_tab(struct top *t, int dir)
{
	unsigned int i;

	for (i = 0; i < top_nr_tabs && top_tabs[i] != t->view; i++)
		;
	i = (i + top_nr_tabs + dir) % top_nr_tabs;
	top_show(t, top_tabs[i]);
}

static void prompt_key(struct top *t, int k)
{
	size_t len = strlen(t->input);
	char text[sizeof(t->input)];

	if (k == TK_ESC) {
		t->prompting = false;
	} else if (k == TK_ENTER) {
		t->prompting = false;
		snprintf(text, sizeof(text), "%s", t->input);
		t->msg[0] = '\0';
		if (text[0])
			t->on_input(t, text);
	} else if (k == TK_BACKSPACE) {
		if (len)
			t->input[len - 1] = '\0';
	} else if (k >= ' ' && k < 0x7f && len + 1 < sizeof(t->input)) {
		t->input[len] = (char)k;
		t->input[len + 1] = '\0';
	}
}

/* Returns true to refresh at once. */
static bool handle_key(struct top *t, int k)
{
	if (t->prompting) {
		prompt_key(t, k);
		return false;
	}
	if (t->help) {
		t->help = false;
		return false;
	}
	if (t->view == &top_view_picker) {
		t->view->key(t, k);
		return false;
	}
	if (t->view->key && t->view->key(t, k))
		return false;
	t->msg[0] = '\0';
	switch (k) {
	case 'q':
		t->quit = true;
		break;
	case '?':
		t->help = true;
		break;
	case ' ':
		t->paused = !t->paused;
		top_say(t, TS_WARN, t->paused ? "Paused: the data stay as they are (space resumes)." :
			"Resumed.");
		if (!t->paused)
			return true;
		break;
	case 'n':
		return true;
	case 'd':
		top_ask(t, "refresh interval (seconds): ", NULL, set_delay);
		break;
	case 'p':
		if (t->live)
			t->want |= TOP_NEED(TOP_PROCS);
		t->pick.sel = 0;
		top_show(t, &top_view_picker);
		break;
	case TK_TAB:
		next_tab(t, 1);
		break;
	case TK_BTAB:
		next_tab(t, -1);
		break;
	case 12:	/* Ctrl-L */
		clearok(curscr, TRUE);
		break;
	default:
		if (k >= '1' && k < '1' + (int)top_nr_tabs)
			top_show(t, top_tabs[k - '1']);
		break;
	}
	return false;
}

static void prepare(struct top *t, const struct top_view *v, const struct top_canvas *c)
{
	if (v->prepare && c->rows >= TOP_MIN_ROWS && c->cols >= TOP_MIN_COLS)
		v->prepare(t, c, c->rows - 4);
}

static int run_tty(struct top *t, long count)
{
	struct top_canvas c = { 0 };
	uint64_t now, next = 0;
	long ticks = 0;
	bool now_please = true;
	int k, wait;

	c.utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	setup_styles();
	if (tc_resize(&c, LINES, COLS)) {
		endwin();
		return MMS_EXIT_FAIL;
	}
	while (!t->quit && !stop) {
		now = top_now_ns();
		prepare(t, t->view, &c);
		if (now_please || (!t->paused && now >= next)) {
			fetch(t, t->view->needs | t->want, true);
			/* A window known only now (the first VMA list) is fetched at once. */
			prepare(t, t->view, &c);
			if (t->want)
				fetch(t, t->want, false);
			if (t->view->query)
				t->view->query(t);
			next = now + (uint64_t)(t->delay * 1e9);
			now_please = false;
			if (count && ++ticks >= count)
				t->quit = true;
		} else if (t->want) {
			fetch(t, t->want, false);
			if (t->view->query)
				t->view->query(t);
		}
		draw_screen(t, &c);
		blit(&c);
		if (t->quit)
			break;
		now = top_now_ns();
		wait = t->paused ? -1 : next > now ? (int)((next - now) / 1000000) + 1 : 0;
		if (t->want)
			wait = 0;
		k = read_key(wait);
		if (k < 0)
			continue;
		if (k == TK_RESIZE) {
			tc_resize(&c, LINES, COLS);
			continue;
		}
		if (handle_key(t, k))
			now_please = true;
		/* A view switch or an action wants data: their queries run with it. */
		if (t->view->query && !t->want && (k == TK_ENTER || !t->prompting))
			t->view->query(t);
	}
	endwin();
	tc_free(&c);
	return MMS_EXIT_OK;
}

/* ---- batch mode ---- */

static int parse_views(const char *s, unsigned int *mask)
{
	char buf[256], *tok, *save = NULL;
	unsigned int i;
	bool found;

	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	*mask = 0;
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcasecmp(tok, "all")) {
			*mask = (1u << top_nr_tabs) - 1;
			continue;
		}
		found = false;
		for (i = 0; i < top_nr_tabs; i++) {
			if (!strcasecmp(tok, top_tabs[i]->name) ||
			    (tok[0] >= '1' && tok[0] <= '9' && !tok[1] && (unsigned int)(tok[0] - '1') == i)) {
				*mask |= 1u << i;
				found = true;
			}
		}
		if (!found)
			return -EINVAL;
	}
	return *mask ? 0 : -EINVAL;
}

static int run_batch(struct top *t, long count, unsigned int views, bool json)
{
	struct top_canvas c = { 0 };
	const char *cols = getenv("COLUMNS");
	unsigned int need, i;
	char clock[16] = "";
	struct tm tm;
	time_t w;
	long n;

	c.utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	if (tc_resize(&c, TOP_BATCH_ROWS, cols && atoi(cols) >= TOP_MIN_COLS ? atoi(cols) : 80))
		return MMS_EXIT_FAIL;
	t->body_h = TOP_BATCH_ROWS;
	for (n = 0; (!count || n < count) && !stop; n++) {
		need = 0;
		for (i = 0; i < top_nr_tabs; i++)
			if (views & (1u << i)) {
				need |= top_tabs[i]->needs;
				prepare(t, top_tabs[i], &c);
			}
		fetch(t, need | t->want, true);
		for (i = 0; i < top_nr_tabs; i++)
			if (views & (1u << i))
				prepare(t, top_tabs[i], &c);
		if (t->want)
			fetch(t, t->want, false);
		for (i = 0; i < top_nr_tabs; i++)
			if ((views & (1u << i)) && top_tabs[i]->query)
				top_tabs[i]->query(t);
		if (json) {
			struct json_object *o = top_snap_to_json(&t->cur);

			printf("%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
								      JSON_C_TO_STRING_NOSLASHESCAPE));
			json_object_put(o);
		} else {
			w = t->live ? time(NULL) : (time_t)t->cur.wall;
			if (localtime_r(&w, &tm))
				strftime(clock, sizeof(clock), "%H:%M:%S", &tm);
			printf("mmscope top - %s", clock);
			if (t->pid)
				printf(", pid %d (%s)%s", t->pid, t->comm, t->exited ? ", exited" : "");
			if (!t->live)
				printf(", replay %zu/%zu", t->src.pos + 1, t->src.nr_lines);
			printf("\n");
			if (t->msg[0])
				printf("%s\n", t->msg);
			for (i = 0; i < top_nr_tabs; i++) {
				if (!(views & (1u << i)))
					continue;
				tc_clear(&c);
				top_tabs[i]->draw(t, &c, 0, TOP_BATCH_ROWS);
				printf("\n== %s ==\n", top_tabs[i]->name);
				tc_print(&c, stdout, 0, TOP_BATCH_ROWS);
			}
			printf("\n");
		}
		if (fflush(stdout) || ferror(stdout))
			break;
		if (t->live && (!count || n + 1 < count)) {
			struct timespec d = { (time_t)t->delay,
					      (long)((t->delay - floor(t->delay)) * 1e9) };

			nanosleep(&d, NULL);
		}
	}
	tc_free(&c);
	return ferror(stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;
}

/* ---- the command ---- */

static int start_pid(struct top *t, int pid)
{
	struct mms_faults f;
	struct mms_info *info;
	int ret;

	if (!t->live)
		return 0;
	/* A cheap request, to refuse a wrong PID or user before the screen is taken. */
	if (!pid) {
		info = malloc(sizeof(*info));
		ret = info ? mms_get_info(&t->src.nl, info) : -ENOMEM;
		free(info);
		return ret;
	}
	ret = mms_get_faults(&t->src.nl, pid, &f);
	if (ret)
		return ret;
	snprintf(t->comm, sizeof(t->comm), "%s", f.comm);
	mms_faults_free(&f);
	return 0;
}

/* The PID a recording was made of: that of its first snapshot. */
static int recorded_pid(const struct top_src *s)
{
	struct json_object *v;

	if (s->nr_lines && json_object_object_get_ex(s->lines[0], "pid", &v))
		return json_object_get_int(v);
	return 0;
}

static int top_run(int argc, char **argv, struct mms_opts *opts)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "batch", no_argument, NULL, 'b' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "delay", required_argument, NULL, 'd' },
		{ "view", required_argument, NULL, 'v' },
		{ "record", required_argument, NULL, 'r' },
		{ "replay", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};
	const char *record = NULL, *replay = NULL, *view = NULL;
	struct top *t;
	unsigned int views = 1;
	uint64_t count = 0;
	bool batch = false;
	double delay = 1;
	int c, ret, pid = 0;
	char *end;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+jhbn:d:v:", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opts->json = true;
			break;
		case 'h':
			fputs(mms_cmd_top.help, stdout);
			return MMS_EXIT_OK;
		case 'b':
			batch = true;
			break;
		case 'n':
			if (mms_parse_u64(optarg, &count) || !count || count > 1000000000) {
				mms_err("top: -n wants a positive count, not '%s'", optarg);
				return MMS_EXIT_USAGE;
			}
			break;
		case 'd':
			delay = strtod(optarg, &end);
			if (end == optarg || *end || !(delay >= 0.1 && delay <= 3600)) {
				mms_err("top: -d wants seconds from 0.1 to 3600, not '%s'", optarg);
				return MMS_EXIT_USAGE;
			}
			break;
		case 'v':
			view = optarg;
			break;
		case 'r':
			record = optarg;
			break;
		case 'R':
			replay = optarg;
			break;
		default:
			fprintf(stderr, "See 'mmscope top --help'.\n");
			return MMS_EXIT_USAGE;
		}
	}
	if (optind < argc && mms_cmd_pid(&mms_cmd_top, argv[optind], &pid))
		return MMS_EXIT_USAGE;
	if (optind + 1 < argc) {
		mms_err("top: unexpected argument '%s'", argv[optind + 1]);
		return MMS_EXIT_USAGE;
	}
	if (view && parse_views(view, &views)) {
		mms_err("top: -v wants view names or numbers separated by commas (or all), not '%s'",
			view);
		return MMS_EXIT_USAGE;
	}
	if (record && replay) {
		mms_err("top: --record and --replay exclude each other");
		return MMS_EXIT_USAGE;
	}
	if (opts->json && !batch) {
		mms_err("top: --json needs batch mode (-b)");
		return MMS_EXIT_USAGE;
	}
	if (!batch && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		mms_err("top: the live view needs a terminal; -b prints the views as text");
		return MMS_EXIT_USAGE;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return MMS_EXIT_FAIL;
	t->delay = delay;
	t->batch = batch;
	if (replay) {
		ret = top_src_replay(&t->src, replay);
		if (ret) {
			mms_err("top: cannot replay %s: %s", replay,
				ret == -EBADMSG ? "not a recording (one JSON object per line)" :
				strerror(-ret));
			top_src_close(&t->src);
			free(t);
			return MMS_EXIT_FAIL;
		}
		if (!pid)
			pid = recorded_pid(&t->src);
	} else {
		t->live = true;
		ret = top_src_live(&t->src);
		if (!ret)
			ret = start_pid(t, pid);
		if (ret) {
			ret = mms_nl_report(&t->src.nl, ret, "top");
			top_src_close(&t->src);
			free(t);
			return ret;
		}
		if (record && top_src_record(&t->src, record)) {
			mms_err("top: cannot write %s: %s", record, strerror(errno));
			top_src_close(&t->src);
			free(t);
			return MMS_EXIT_FAIL;
		}
	}
	t->page_size = t->src.page_size;
	t->pid = pid;
	t->back = t->view = &top_view_overview;
	if (view && !batch) {
		for (c = 0; c < (int)top_nr_tabs; c++)
			if (views & (1u << c)) {
				t->back = t->view = top_tabs[c];
				break;
			}
	}
	if (!pid && !batch)
		top_show(t, &top_view_picker);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (batch)
		ret = run_batch(t, (long)count, views, opts->json);
	else
		ret = run_tty(t, (long)count);
	top_snap_free(&t->cur);
	top_src_close(&t->src);
	free(t);
	return ret;
}

const struct mms_command mms_cmd_top = {
	.name = "top",
	.summary = "live view of a process's memory and the system's (ncurses)",
	.help =
"Usage: mmscope top [-d SECONDS] [-v VIEW] [--record FILE] [PID]\n"
"       mmscope top -b [-n COUNT] [-d SECONDS] [-v VIEW,...] [--json] [PID]\n"
"       mmscope top --replay FILE [-b ...] [PID]\n"
"\n"
"Show process PID's memory live, as the kernel's memory management holds it,\n"
"in views switched with the keys 1-9 or Tab: Overview (resident and virtual\n"
"size, page tables per level, fault rates; the system's free memory, buddy\n"
"blocks and largest slab caches), VMAs (sortable, with the counts of a walk),\n"
"Pages (one cell per page of a VMA, lettered by its entry; the cursor\n"
"decodes it; c clears the Accessed bits), Xlate (a virtual address walked\n"
"level by level), Faults (rates, per-VMA counts and the latest events while\n"
"tracking), Rmap (who maps a frame), Buddy, Slab, and Policy (the installed\n"
"replacement policies and their counters, as `mmscope policy show` lists\n"
"them).  Without PID, a process picker opens first (p opens it later);\n"
"? shows every key.\n"
"\n"
"What is shown is fetched again only after 400 times what it last cost in\n"
"CPU time (the module's work included), so that each part stays under 0.25%\n"
"of a CPU: walks of a large process (the page-table census, the VMA counts)\n"
"are then refreshed less often than every interval, and say how old they\n"
"are.  The page map fetches only the rows on the screen.\n"
"\n"
"Options:\n"
"  -d, --delay SECONDS  refresh interval (default 1; 0.1 to 3600)\n"
"  -v, --view VIEWS     the view to start in; with -b, the views to print,\n"
"                       by name or number, separated by commas, or all\n"
"                       (default: overview)\n"
"  -b, --batch          print the views as text instead, every interval\n"
"  -n, --iterations N   stop after N refreshes (default: until interrupted)\n"
"  -j, --json           with -b: one JSON object per refresh, the format of\n"
"                       --record (see Documentation/tool.rst)\n"
"      --record FILE    also write every refresh to FILE, one JSON line each\n"
"      --replay FILE    show a recording instead of the live system (no\n"
"                       module needed); n steps to its next refresh\n"
"  -h, --help           show this help\n"
"\n"
"`mmscope` without a command opens this view when run on a terminal.\n",
	.run = top_run,
};
