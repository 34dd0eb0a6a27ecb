// SPDX-License-Identifier: GPL-2.0
/* mmscope top: Policy -- installed replacement policies and their counters. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "top.h"

static void draw(struct top *t, struct top_canvas *c, int y, int h)
{
	const struct top_policy *p;
	unsigned int k;
	size_t i;
	int x, end = y + h;

	if (!(t->cur.have & TOP_NEED(TOP_POLICY))) {
		if (t->cur.err[TOP_POLICY] == -EOPNOTSUPP ||
		    (!t->live && !t->cur.err[TOP_POLICY]))
			tc_put(c, y, 1, TS_DIM,
			       "No policies: not supported by this module (it has no policy command).");
		else
			top_need(t, c, y, TOP_POLICY);
		return;
	}
	if (!t->cur.nr_policies) {
		tc_put(c, y, 1, TS_DIM, "No policies installed.");
		return;
	}
	tc_fill(c, y, 0, c->cols, L' ', TS_HEADER);
	tc_put(c, y++, 0, TS_HEADER, "NAME             KIND         TARGET");
	for (i = 0; i < t->cur.nr_policies && y < end; i++) {
		p = &t->cur.policies[i];
		tc_printf(c, y++, 0, TS_BOLD, "%-16s %-12s %s", p->name, p->kind, p->target);
		x = 4;
		for (k = 0; k < p->nr && k < TOP_POLICY_COUNTERS; k++) {
			char v[64];

			snprintf(v, sizeof(v), "%s %llu  ", p->counter[k], (unsigned long long)p->value[k]);
			if (x + (int)strlen(v) > c->cols && x > 4) {
				if (++y >= end)
					return;
				x = 4;
			}
			x = tc_put(c, y, x, TS_NORMAL, v);
		}
		y++;
	}
}

static const char *const help[] = {
	"Policy: the replacement policies installed in the module, what each",
	"applies to, and their counters, refreshed live.",
	NULL,
};

const struct top_view top_view_policy = {
	.name = "Policy",
	.needs = TOP_NEED(TOP_POLICY),
	.keys = "",
	.help = help,
	.draw = draw,
};
