// SPDX-License-Identifier: GPL-2.0
/* mmscope top: the process picker -- choose the process to look at. */
#include <ctype.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "top.h"

static bool matches(const struct top_proc *p, const char *filter)
{
	char pid[16];

	if (!filter[0])
		return true;
	snprintf(pid, sizeof(pid), "%d", p->pid);
	return strcasestr(p->comm, filter) || strstr(pid, filter) == pid;
}

static const struct top_proc *sort_procs;

static int by_rss(const void *pa, const void *pb)
{
	const struct top_proc *a = &sort_procs[*(const int *)pa], *b = &sort_procs[*(const int *)pb];

	if (a->rss_kib != b->rss_kib)
		return a->rss_kib > b->rss_kib ? -1 : 1;
	return a->pid - b->pid;
}

/* Indices of the processes that match, largest first (malloc'd); *@n of them. */
static int *listed(struct top *t, int *n)
{
	int *idx = malloc((t->cur.nr_procs + 1) * sizeof(*idx));
	size_t i;

	*n = 0;
	if (!idx)
		return NULL;
	for (i = 0; i < t->cur.nr_procs; i++)
		if (matches(&t->cur.procs[i], t->pick.filter))
			idx[(*n)++] = (int)i;
	sort_procs = t->cur.procs;
	qsort(idx, *n, sizeof(*idx), by_rss);
	return idx;
}

static const char *user_name(uint32_t uid, char *buf, size_t len)
{
	struct passwd *pw = getpwuid(uid);

	if (pw)
		snprintf(buf, len, "%s", pw->pw_name);
	else
		snprintf(buf, len, "%u", uid);
	return buf;
}

static void draw(struct top *t, struct top_canvas *c, int y, int h)
{
	char user[32], rss[32], vsz[32];
	int *idx, n, r, rows = h - 2;

	tc_printf(c, y, 0, TS_BOLD, "Choose a process:");
	tc_printf(c, y, 18, TS_NORMAL, " type to search [%s]", t->pick.filter);
	if (t->exited)
		tc_printf(c, y, 50, TS_WARN, "(%d has exited)", t->pid);
	if (!top_need(t, c, y + 1, TOP_PROCS))
		return;
	idx = listed(t, &n);
	if (!idx)
		return;
	if (t->pick.sel >= n)
		t->pick.sel = n - 1;
	if (t->pick.sel < 0)
		t->pick.sel = 0;
	top_scroll(t->pick.sel, n, rows, &t->pick.first);
	tc_fill(c, y + 1, 0, c->cols, L' ', TS_HEADER);
	tc_put(c, y + 1, 0, TS_HEADER, "    PID USER          RESIDENT   VIRTUAL  COMMAND");
	for (r = 0; r < rows && t->pick.first + r < n; r++) {
		const struct top_proc *p = &t->cur.procs[idx[t->pick.first + r]];
		int style = t->pick.first + r == t->pick.sel ? TS_SELECTED : TS_NORMAL;

		if (style == TS_SELECTED)
			tc_fill(c, y + 2 + r, 0, c->cols, L' ', style);
		tc_printf(c, y + 2 + r, 0, style, "%7d %-12s %9s %9s  %s%s", p->pid,
			  user_name(p->uid, user, sizeof(user)),
			  top_size(rss, sizeof(rss), p->rss_kib * 1024),
			  top_size(vsz, sizeof(vsz), p->vsz_kib * 1024), p->comm,
			  p->pid == t->pid ? "  (current)" : "");
	}
	if (!n)
		tc_put(c, y + 2, 1, TS_DIM, "No process matches.");
	free(idx);
}

static bool key(struct top *t, int k)
{
	size_t len = strlen(t->pick.filter);
	int *idx, n;

	switch (k) {
	case TK_ESC:
		if (t->pick.filter[0]) {
			t->pick.filter[0] = '\0';
			return true;
		}
		top_show(t, t->back ? t->back : &top_view_overview);
		return true;
	case TK_BACKSPACE:
		if (len)
			t->pick.filter[len - 1] = '\0';
		return true;
	case TK_ENTER:
		idx = listed(t, &n);
		if (idx && n) {
			const struct top_proc *p = &t->cur.procs[idx[t->pick.sel]];

			top_set_target(t, p->pid, p->comm);
			top_show(t, t->back ? t->back : &top_view_overview);
		}
		free(idx);
		return true;
	}
	if (k < 0x80 && isprint(k) && k != ' ') {
		if (len + 1 < sizeof(t->pick.filter)) {
			t->pick.filter[len] = (char)k;
			t->pick.filter[len + 1] = '\0';
			t->pick.sel = 0;
		}
		return true;
	}
	free(listed(t, &n));
	return top_move(k, &t->pick.sel, n, t->body_h - 2);
}

static const char *const help[] = {
	"Process picker: every process with an address space, the largest first.",
	"Type to search by name or PID; Enter looks at the selected one;",
	"Esc clears the search, or goes back.",
	NULL,
};

const struct top_view top_view_picker = {
	.name = "Pick",
	.needs = TOP_NEED(TOP_PROCS),
	.keys = "type to search  Enter choose  Esc back",
	.help = help,
	.draw = draw,
	.key = key,
};
