// SPDX-License-Identifier: GPL-2.0
/* mmscope top: Faults -- rates, per-VMA counts and a tail of fault events. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "top.h"

static int draw_vmas(struct top *t, struct top_canvas *c, int y, int rows)
{
	const struct mms_faults *f = &t->cur.faults;
	char perms[5];
	size_t i;

	tc_fill(c, y, 0, c->cols, L' ', TS_HEADER);
	tc_put(c, y++, 0, TS_HEADER, "START         PERM     MINOR   MAJOR    READ   WRITE    EXEC  NAME");
	for (i = 0; i < f->nr_vmas && (int)i < rows; i++) {
		const struct mms_fault_vma *v = &f->vmas[i];

		mms_vma_perms(v->flags, perms);
		tc_printf(c, y++, 0, TS_NORMAL, "%012llx  %-4s %9llu %7llu %7llu %7llu %7llu  %s",
			  (unsigned long long)v->start, v->end ? perms : "-",
			  (unsigned long long)v->min, (unsigned long long)v->maj,
			  (unsigned long long)v->read, (unsigned long long)v->write,
			  (unsigned long long)v->exec, v->end ? v->name : "[unmapped]");
	}
	if (f->nr_vmas > (size_t)rows)
		tc_printf(c, y++, 0, TS_DIM, "... %zu more VMAs", f->nr_vmas - rows);
	return y;
}

static void draw_tail(struct top *t, struct top_canvas *c, int y, int rows)
{
	unsigned int first, i;
	const struct mms_fault_event *e;
	uint64_t t0;

	tc_fill(c, y, 0, c->cols, L' ', TS_HEADER);
	tc_put(c, y++, 0, TS_HEADER, "     SEQ    TIME (s)     TID  ADDRESS       KIND   ACCESS   VMA");
	if (!t->nr_tail) {
		tc_put(c, y, 1, TS_DIM, "no fault since tracking started");
		return;
	}
	first = (int)t->nr_tail > rows ? t->nr_tail - rows : 0;
	t0 = t->cur.faults.start_ns;
	for (i = first; i < t->nr_tail; i++) {
		e = &t->tail[i];
		tc_printf(c, y++, 0, e->flags & MMSCOPE_FAULT_F_MAJOR ? TS_WARN : TS_NORMAL,
			  "%8llu %11.6f %7u  %012llx  %-5s  %-7s  %012llx",
			  (unsigned long long)e->seq, e->time_ns >= t0 ? (e->time_ns - t0) / 1e9 : 0,
			  e->tid, (unsigned long long)e->va,
			  e->flags & MMSCOPE_FAULT_F_MAJOR ? "major" : "minor",
			  mms_fault_access_name(e->flags), (unsigned long long)e->vma_start);
	}
}

static void draw(struct top *t, struct top_canvas *c, int y, int h)
{
	const struct mms_faults *f = &t->cur.faults;
	const struct top_rate *r = t->nr_rate ? &t->rate[t->nr_rate - 1] : NULL;
	char a[32], b[32], d[32], e[32];
	int end = y + h, rows;
	double secs;

	if (!top_need(t, c, y, TOP_FAULTS))
		return;
	tc_printf(c, y++, 0, TS_NORMAL, "process  minor %s (%s/s)  major %s (%s/s)  %u thread%s",
		  top_count(a, sizeof(a), f->min), r ? top_count(b, sizeof(b), (uint64_t)(r->min + 0.5)) : "-",
		  top_count(d, sizeof(d), f->maj), r ? top_count(e, sizeof(e), (uint64_t)(r->maj + 0.5)) : "-",
		  f->threads, f->threads == 1 ? "" : "s");
	tc_printf(c, y++, 0, TS_NORMAL, "system   pgfault %s/s  pgmajfault %s/s",
		  r ? top_count(a, sizeof(a), (uint64_t)(r->pgfault + 0.5)) : "-",
		  r ? top_count(b, sizeof(b), (uint64_t)(r->pgmajfault + 0.5)) : "-");
	tc_put(c, y, 0, TS_NORMAL, "minor/s");
	top_rate_graph(t, c, y++, 9, false);
	tc_put(c, y, 0, TS_NORMAL, "major/s");
	top_rate_graph(t, c, y++, 9, true);
	if (f->state == MMSCOPE_FAULT_STATE_OFF) {
		tc_put(c, ++y, 0, TS_NORMAL,
		       "Tracking is off: press t to count faults per VMA and see them as they happen.");
		return;
	}
	secs = ((f->end_ns ? f->end_ns : (t->live ? top_now_ns() : t->cur.at[TOP_FAULTS])) -
		f->start_ns) / 1e9;
	tc_printf(c, y++, 0, f->state == MMSCOPE_FAULT_STATE_ACTIVE ? TS_GOOD : TS_WARN,
		  "tracking %s, %.0f s: minor %llu major %llu (read %llu write %llu exec %llu), "
		  "dropped %llu", mms_fault_state_name(f->state), secs < 0 ? 0 : secs,
		  (unsigned long long)f->t_min, (unsigned long long)f->t_maj,
		  (unsigned long long)f->t_read, (unsigned long long)f->t_write,
		  (unsigned long long)f->t_exec, (unsigned long long)f->dropped);
	/* Half of what is left for the VMAs, the rest for the tail. */
	rows = (end - y) / 2 - 1;
	if (rows < 1)
		rows = 1;
	y = draw_vmas(t, c, y, rows);
	if (end - y > 2)
		draw_tail(t, c, y, end - y - 1);
}

static bool key(struct top *t, int k)
{
	bool start;
	int err;

	if (k != 't')
		return false;
	if (!t->pid)
		return true;
	start = !(t->cur.have & TOP_NEED(TOP_FAULTS)) ||
		t->cur.faults.state != MMSCOPE_FAULT_STATE_ACTIVE;
	err = top_track(&t->src, t->pid, start);
	if (err)
		top_say(t, TS_WARN, "%s tracking failed: %s", start ? "starting" : "stopping",
			err == -EROFS ? "this is a replay" : strerror(-err));
	else
		top_say(t, TS_GOOD, "fault tracking %s", start ? "started" : "stopped");
	if (start)
		t->nr_tail = 0;
	t->want |= TOP_NEED(TOP_FAULTS) | TOP_NEED(TOP_EVENTS);
	return true;
}

static const char *const help[] = {
	"Faults: the process's minor and major faults per second (as minflt and",
	"majflt in /proc/PID/stat) and the system's (vmstat pgfault, pgmajfault).",
	"While tracking (t), the faults per VMA split by access, and the latest",
	"fault events: sequence number, time since tracking began, thread,",
	"address, minor/major, access, VMA.",
	"  t  start or stop tracking this process",
	NULL,
};

const struct top_view top_view_faults = {
	.name = "Faults",
	.needs = TOP_NEED(TOP_FAULTS) | TOP_NEED(TOP_EVENTS),
	.keys = "t track on/off",
	.help = help,
	.draw = draw,
	.key = key,
};
