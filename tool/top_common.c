// SPDX-License-Identifier: GPL-2.0
/* mmscope top: helpers the views share. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "top.h"
#include "util.h"

const char *top_size(char *buf, size_t len, uint64_t bytes)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
	double v = (double)bytes;
	unsigned int u = 0;

	while (v >= 1024 && u + 1 < sizeof(unit) / sizeof(unit[0])) {
		v /= 1024;
		u++;
	}
	if (!u)
		snprintf(buf, len, "%llu B", (unsigned long long)bytes);
	else
		snprintf(buf, len, v < 10 ? "%.1f %s" : "%.0f %s", v, unit[u]);
	return buf;
}

const char *top_count(char *buf, size_t len, uint64_t n)
{
	char tmp[32];
	size_t l, i, o = 0;

	l = (size_t)snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)n);
	for (i = 0; i < l && o + 2 < len; i++) {
		if (i && (l - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return buf;
}

void top_say(struct top *t, int style, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof(t->msg), fmt, ap);
	va_end(ap);
	t->msg_style = style;
}

void top_ask(struct top *t, const char *prompt, const char *initial,
	     void (*fn)(struct top *t, const char *text))
{
	t->prompting = true;
	snprintf(t->prompt, sizeof(t->prompt), "%s", prompt);
	snprintf(t->input, sizeof(t->input), "%s", initial ? initial : "");
	t->on_input = fn;
}

void top_show(struct top *t, const struct top_view *v)
{
	if (v != &top_view_picker)
		t->back = v;
	t->view = v;
	t->want |= v->needs & ~t->cur.have;
	t->msg[0] = '\0';
}

void top_set_target(struct top *t, int pid, const char *comm)
{
	int i;

	t->pid = pid;
	snprintf(t->comm, sizeof(t->comm), "%s", comm ? comm : "");
	t->exited = false;
	t->nr_rate = 0;
	t->have_last = false;
	t->nr_tail = 0;
	memset(&t->pm, 0, sizeof(t->pm));
	memset(&t->xl, 0, sizeof(t->xl));
	memset(&t->rm, 0, sizeof(t->rm));
	memset(&t->vmas, 0, sizeof(t->vmas));
	memset(t->next_fetch, 0, sizeof(t->next_fetch));
	/* What the views hold about the old process must not be shown as the new one's. */
	t->cur.have &= ~TOP_TARGET_ITEMS;
	for (i = 0; i < TOP_NR_ITEMS; i++)
		if (TOP_TARGET_ITEMS & TOP_NEED(i))
			t->cur.err[i] = 0;
	t->want |= TOP_TARGET_ITEMS & (t->back ? t->back->needs : 0);
}

static bool gone(int err)
{
	return err == -ESRCH || err == -ENOENT;
}

bool top_need(struct top *t, struct top_canvas *c, int y, int item)
{
	int err = t->cur.err[item];

	if (t->cur.have & TOP_NEED(item))
		return true;
	if (!t->pid && (TOP_TARGET_ITEMS & TOP_NEED(item)))
		tc_put(c, y, 1, TS_DIM, "No process chosen: press p to pick one.");
	else if (t->exited && (TOP_TARGET_ITEMS & TOP_NEED(item)))
		tc_printf(c, y, 1, TS_WARN, "Process %d has exited; this was not fetched before.",
			  t->pid);
	else if (!t->live && (err == -ENODATA || !err))
		tc_put(c, y, 1, TS_DIM, "Not in the recording.");
	else if (err == -EOPNOTSUPP)
		tc_put(c, y, 1, TS_DIM, "Not supported by this module.");
	else if (err == -EPERM || err == -EACCES)
		tc_put(c, y, 1, TS_WARN, "Permission denied: mmscope needs CAP_SYS_ADMIN.");
	else if (gone(err))
		tc_printf(c, y, 1, TS_WARN, "Process %d is gone.", t->pid);
	else if (err)
		tc_printf(c, y, 1, TS_WARN, "Could not fetch it: %s.", strerror(-err));
	else
		tc_put(c, y, 1, TS_DIM, "Fetching...");
	return false;
}

void top_age(struct top *t, struct top_canvas *c, int y, int x, int item)
{
	uint64_t now = 0, at = t->cur.at[item];
	double age, cost = t->cur.cost_us[item] / 1000.0;
	int i;

	if (!(t->cur.have & TOP_NEED(item)))
		return;
	if (t->live) {
		now = top_now_ns();
	} else {
		for (i = 0; i < TOP_NR_ITEMS; i++)
			if (t->cur.at[i] > now)
				now = t->cur.at[i];
	}
	age = now > at ? (now - at) / 1e9 : 0;
	if (t->exited && (TOP_TARGET_ITEMS & TOP_NEED(item)))
		tc_printf(c, y, x, TS_WARN, "last data before the exit, %.0f s ago", age);
	else if (age >= t->delay * 1.5 + 0.5)
		tc_printf(c, y, x, TS_DIM, "as of %.0f s ago (costs %.1f ms: refreshed less often)",
			  age, cost);
	else
		tc_printf(c, y, x, TS_DIM, "fetched in %.1f ms", cost);
}

int top_parse_hex(const char *text, uint64_t *v)
{
	char buf[40];

	while (*text == ' ')
		text++;
	if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
		return mms_parse_u64(text, v);
	snprintf(buf, sizeof(buf), "0x%s", text);
	return mms_parse_u64(buf, v);
}

uint64_t top_default_page(struct top *t)
{
	size_t i, best = 0;

	if (t->pm.cursor)
		return t->pm.cursor;
	if (!(t->cur.have & TOP_NEED(TOP_VMAS)) || !t->cur.nr_vmas)
		return 0;
	for (i = 1; i < t->cur.nr_vmas; i++)
		if (t->cur.vmas[i].rss > t->cur.vmas[best].rss)
			best = i;
	return t->cur.vmas[best].start;
}

void top_rate_graph(struct top *t, struct top_canvas *c, int y, int x, bool major)
{
	double v[TOP_HIST], max = 0;
	int n = c->cols - x - 16, i, first;

	if (n > TOP_HIST)
		n = TOP_HIST;
	if (n < 8)
		return;
	/* The newest at the right edge. */
	first = (int)t->nr_rate > n ? (int)t->nr_rate - n : 0;
	for (i = 0; i < n; i++) {
		v[i] = first + i < (int)t->nr_rate ?
		       (major ? t->rate[first + i].maj : t->rate[first + i].min) : 0;
		if (v[i] > max)
			max = v[i];
	}
	tc_spark(c, y, x, v, n, max, major ? TS_WARN : TS_BAR);
	tc_printf(c, y, x + n + 1, TS_DIM, "max %.0f/s", max);
}

const struct mms_vma *top_vma_at(const struct top *t, uint64_t va)
{
	size_t i;

	if (!(t->cur.have & TOP_NEED(TOP_VMAS)))
		return NULL;
	for (i = 0; i < t->cur.nr_vmas; i++)
		if (va >= t->cur.vmas[i].start && va < t->cur.vmas[i].end)
			return &t->cur.vmas[i];
	return NULL;
}

void top_scroll(int sel, int n, int h, int *first)
{
	if (h < 1)
		h = 1;
	if (sel < *first)
		*first = sel;
	if (sel >= *first + h)
		*first = sel - h + 1;
	if (*first > n - h)
		*first = n - h;
	if (*first < 0)
		*first = 0;
}

bool top_move(int key, int *sel, int n, int h)
{
	switch (key) {
	case TK_UP:
		(*sel)--;
		break;
	case TK_DOWN:
		(*sel)++;
		break;
	case TK_PGUP:
		*sel -= h > 1 ? h - 1 : 1;
		break;
	case TK_PGDN:
		*sel += h > 1 ? h - 1 : 1;
		break;
	case TK_HOME:
		*sel = 0;
		break;
	case TK_END:
		*sel = n - 1;
		break;
	default:
		return false;
	}
	if (*sel >= n)
		*sel = n - 1;
	if (*sel < 0)
		*sel = 0;
	return true;
}
