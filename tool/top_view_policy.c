// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope top: Policy -- the installed replacement policies (`mmscope policy
 * show`, live): each cgroup's policy and parameters, what it did with the
 * candidates reclaim offered, its per-page state, and memory.stat's refaults
 * and major faults since it was installed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "top.h"

/* Text that flows: words go on while they fit, then on the next row at @x0. */
struct flow {
	struct top_canvas *c;
	int y, x, x0, end;
};

/* Room for @len more columns: the column to draw at, or -1 below the end. */
static int place(struct flow *f, int len)
{
	int x;

	if (f->x > f->x0 && f->x + len > f->c->cols) {
		f->y++;
		f->x = f->x0;
	}
	x = f->x;
	f->x += len + 2;
	return f->y < f->end ? x : -1;
}

static void __attribute__((format(printf, 3, 4)))
word(struct flow *f, int style, const char *fmt, ...)
{
	char buf[160];
	va_list ap;
	int len, x;

	va_start(ap, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	x = place(f, len);
	if (x >= 0)
		tc_put(f->c, f->y, x, style, buf);
}

/* A labelled group of words: "  label       word  word". */
static void group(struct flow *f, const char *label)
{
	f->y++;
	f->x0 = 16;
	f->x = f->x0;
	if (f->y < f->end)
		tc_put(f->c, f->y, 2, TS_DIM, label);
}

static const char *age(char *buf, size_t len, double s)
{
	if (s < 0)
		s = 0;
	if (s < 100)
		snprintf(buf, len, "%.0f s", s);
	else if (s < 6000)
		snprintf(buf, len, "%.0f min", s / 60);
	else
		snprintf(buf, len, "%.1f h", s / 3600);
	return buf;
}

/* Keep the counters of the snapshot shown, and of the one before, for the rates. */
static void keep_counts(struct top *t)
{
	const struct mms_policy_list *l = &t->cur.policies.list;
	uint64_t at = t->cur.at[TOP_POLICY];
	size_t i;

	if (at == t->policy.at[1])
		return;
	t->policy.at[0] = t->policy.at[1];
	t->policy.n[0] = t->policy.n[1];
	memcpy(t->policy.c[0], t->policy.c[1], sizeof(t->policy.c[0]));
	t->policy.at[1] = at;
	t->policy.n[1] = 0;
	for (i = 0; i < l->n && i < MMSCOPE_POLICY_MAX_CGROUPS; i++) {
		t->policy.c[1][i].id = l->v[i].cgroup_id;
		t->policy.c[1][i].installed_ns = l->v[i].installed_ns;
		t->policy.c[1][i].examined = l->v[i].examined;
		t->policy.c[1][i].evicted = l->v[i].evicted;
		t->policy.n[1]++;
	}
}

/* The previous snapshot's counters of the same installation of @p, or NULL. */
static const struct top_pol_count *before(const struct top *t, const struct mms_policy *p)
{
	unsigned int i;

	if (!t->policy.at[0] || t->policy.at[1] <= t->policy.at[0])
		return NULL;
	for (i = 0; i < t->policy.n[0]; i++)
		if (t->policy.c[0][i].id == p->cgroup_id &&
		    t->policy.c[0][i].installed_ns == p->installed_ns)
			return &t->policy.c[0][i];
	return NULL;
}

/* "@label N", and "(N/s)" after it when the counter's last value (@was) is known. */
static void counter(struct flow *f, const struct top *t, const char *label, uint64_t v,
		    const uint64_t *was)
{
	double dt = (t->policy.at[1] - t->policy.at[0]) / 1e9;
	char text[64], r[40] = "", a[32];
	int len, x;

	len = snprintf(text, sizeof(text), "%s %s", label, top_count(a, sizeof(a), v));
	if (was && v >= *was && dt > 0)
		snprintf(r, sizeof(r), " (%s/s)", top_count(a, sizeof(a),
							    (uint64_t)((v - *was) / dt + 0.5)));
	x = place(f, len + (int)strlen(r));
	if (x < 0)
		return;
	x = tc_put(f->c, f->y, x, TS_NORMAL, text);
	tc_put(f->c, f->y, x, TS_GOOD, r);
}

/* One policy; returns the row after it (which may be past f->end: it did not fit). */
static int draw_one(struct top *t, struct top_canvas *c, int y, int end,
		    const struct mms_policy *p)
{
	const struct top_pol_count *b = before(t, p);
	struct flow f = { c, y, 0, 0, end };
	char params[128], a[32], d[32];
	struct mms_memstat since;
	const char *note;
	int x;

	mms_policy_params(p, params, sizeof(params));
	x = tc_printf(c, y, 0, TS_BOLD, "%s", p->cgroup);
	x = tc_printf(c, y, x + 2, TS_GOOD, "%s", mms_policy_kind_name(p->kind));
	f.x = tc_printf(c, y, x + 1, TS_NORMAL, "%s", params) + 2;
	word(&f, TS_DIM, "installed %s ago",
	     age(a, sizeof(a), (t->cur.at[TOP_POLICY] - (double)p->installed_ns) / 1e9));

	group(&f, "candidates");
	counter(&f, t, "examined", p->examined, b ? &b->examined : NULL);
	word(&f, TS_NORMAL, "referenced %s", top_count(a, sizeof(a), p->referenced));
	counter(&f, t, "evicted", p->evicted, b ? &b->evicted : NULL);
	word(&f, TS_NORMAL, "forced %s", top_count(a, sizeof(a), p->forced));
	word(&f, TS_NORMAL, "protected %s", top_count(a, sizeof(a), p->protected_));
	word(&f, TS_NORMAL, "contended %s", top_count(a, sizeof(a), p->contended));
	word(&f, TS_NORMAL, "active-list looks %s", top_count(a, sizeof(a), p->aged));

	group(&f, "state");
	if (p->slots) {
		word(&f, TS_NORMAL, "%s pages tracked, %u B each",
		     top_count(a, sizeof(a), p->tracked), p->entry_bytes);
		word(&f, TS_NORMAL, "table %s slots, %s", top_count(a, sizeof(a), p->slots),
		     top_size(d, sizeof(d), p->table_bytes));
		word(&f, TS_NORMAL, "replaced %s", top_count(a, sizeof(a), p->replaced));
		word(&f, TS_NORMAL, "stale %s", top_count(a, sizeof(a), p->stale));
	} else {
		word(&f, TS_DIM, "none per page");
	}
	if (mms_policy_has_param(p->kind, MMS_PP_INTERVAL)) {
		group(&f, "aging");
		word(&f, TS_NORMAL, "%s rounds", top_count(a, sizeof(a), p->rounds));
		word(&f, TS_NORMAL, "%s A bits", top_count(a, sizeof(a), p->sample_refs));
		word(&f, TS_NORMAL, "%.1f ms sampling", p->sample_ns / 1e6);
		word(&f, TS_NORMAL, "%s TLB flushes", top_count(a, sizeof(a), p->tlb_flushes));
	}
	if (p->kind == MMSCOPE_POLICY_MRU) {
		group(&f, "kept set");
		word(&f, TS_NORMAL, "%s of %s pages", top_count(a, sizeof(a), p->kept),
		     top_count(d, sizeof(d), p->quota));
	}
	note = mms_policy_stat_note(p->stat_note);
	if (mms_policy_since(p, &since)) {
		group(&f, "since install");
		word(&f, TS_NORMAL, "refaults anon +%s", top_count(a, sizeof(a), since.refault_anon));
		word(&f, TS_NORMAL, "file +%s", top_count(a, sizeof(a), since.refault_file));
		word(&f, TS_NORMAL, "major faults +%s", top_count(a, sizeof(a), since.pgmajfault));
	} else if (p->now.ok) {
		group(&f, "memory.stat");
		word(&f, TS_NORMAL, "refaults anon %s", top_count(a, sizeof(a), p->now.refault_anon));
		word(&f, TS_NORMAL, "file %s", top_count(a, sizeof(a), p->now.refault_file));
		word(&f, TS_NORMAL, "major faults %s", top_count(a, sizeof(a), p->now.pgmajfault));
		word(&f, TS_DIM, "(no baseline from install)");
	} else {
		group(&f, "memory.stat");
		word(&f, TS_DIM, "%s", note ? note : "not read");
	}
	return f.y + 1;
}

static void draw(struct top *t, struct top_canvas *c, int y, int h)
{
	const struct top_policies *pol = &t->cur.policies;
	const struct mms_policy *hp;
	int end = y + h, x, next, limit;
	struct flow f;
	char a[32];
	size_t i, n;

	if (!(t->cur.have & TOP_NEED(TOP_POLICY))) {
		/* Only a module without the policy feature (GET_INFO) says -EOPNOTSUPP. */
		if (t->cur.err[TOP_POLICY] == -EOPNOTSUPP)
			tc_put(c, y, 1, TS_DIM,
			       "No policies: not supported by this module (it has no policy command).");
		else
			top_need(t, c, y, TOP_POLICY);
		return;
	}
	keep_counts(t);
	n = pol->list.n;
	if (pol->unavailable[0])
		tc_printf(c, y++, 0, TS_WARN, "Policies cannot work here: %s", pol->unavailable);
	if (!n) {
		x = tc_printf(c, y, 1, TS_NORMAL, "No policy installed (reclaim path %s).",
			      pol->reclaim);
		top_age(t, c, y++, x + 3, TOP_POLICY);
		if (!pol->unavailable[0])
			tc_put(c, ++y, 1, TS_DIM,
			       "mmscope policy set CGROUP POLICY installs one (mmscope policy --help).");
		return;
	}
	x = tc_printf(c, y, 0, TS_NORMAL, "%zu polic%s (at most %d), reclaim path %s", n,
		      n == 1 ? "y" : "ies", MMSCOPE_POLICY_MAX_CGROUPS, pol->reclaim);
	top_age(t, c, y++, x + 3, TOP_POLICY);
	/* The hook is shared: every policy reports the same counters. */
	hp = &pol->list.v[0];
	f = (struct flow){ c, y, 0, 2, end };
	word(&f, TS_DIM, "hook: %s calls", top_count(a, sizeof(a), hp->hook_calls));
	word(&f, TS_DIM, "%s for these cgroups", top_count(a, sizeof(a), hp->hook_matched));
	word(&f, TS_DIM, "%.1f ms in handlers", hp->hook_ns / 1e6);
	word(&f, TS_DIM, "%s missed", top_count(a, sizeof(a), hp->hook_missed));
	y = f.y + 1;
	if (t->policy.first >= (int)n)
		t->policy.first = (int)n - 1;
	if (t->policy.first > 0 && y < end)
		tc_printf(c, y++, 0, TS_DIM, "... %d more above", t->policy.first);
	for (i = t->policy.first; i < n; i++) {
		/* A row for "more below" while others follow. */
		limit = i + 1 < n ? end - 1 : end;
		y++;
		next = y < limit ? draw_one(t, c, y, limit, &pol->list.v[i]) : limit + 1;
		if (next > limit) {
			tc_fill(c, end - 1, 0, c->cols, L' ', TS_NORMAL);
			tc_printf(c, end - 1, 0, TS_DIM, "... %zu more below (arrows scroll)", n - i);
			return;
		}
		y = next;
	}
}

static bool key(struct top *t, int k)
{
	int n = (int)t->cur.policies.list.n;

	/* One policy per step: they are a few (MMSCOPE_POLICY_MAX_CGROUPS) and tall. */
	return n > 0 && top_move(k, &t->policy.first, n, 2);
}

static const char *const help[] = {
	"Policy: the replacement policies installed per memory cgroup, as",
	"mmscope policy show lists them, refreshed live: the cgroup, its policy",
	"and parameters; the candidates reclaim offered it (examined, referenced,",
	"evicted and of them forced, protected, contended) with the rates since",
	"the last refresh; its per-page state (pages tracked, bytes each, the",
	"table); lru and lfu's aging rounds; mru's kept set; and from the",
	"cgroup's memory.stat, the refaults and major faults since install.",
	"  arrows/PgUp/PgDn  scroll by policy",
	NULL,
};

const struct top_view top_view_policy = {
	.name = "Policy",
	.needs = TOP_NEED(TOP_POLICY),
	.keys = "arrows scroll",
	.help = help,
	.draw = draw,
	.key = key,
};
