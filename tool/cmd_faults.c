// SPDX-License-Identifier: GPL-2.0
/* mmscope faults PID: fault counters; tracking per VMA, page and event. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "aspace.h"
#include "commands.h"
#include "faults.h"
#include "output.h"
#include "util.h"

#define U(v) json_object_new_int64((int64_t)(v))
#define FOLLOW_POLL_MS 200
#define STR_(x) #x
#define STR(x) STR_(x)

enum action { SHOW, TRACK, STOP, EVENTS, FOLLOW };

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static uint64_t unknown_access(const struct mms_faults *f)
{
	return f->t_min + f->t_maj - f->t_read - f->t_write - f->t_exec;
}

static struct json_object *tracking_json(const struct mms_faults *f)
{
	struct json_object *t = json_object_new_object();

	json_object_object_add(t, "state", json_object_new_string(mms_fault_state_name(f->state)));
	if (f->state == MMSCOPE_FAULT_STATE_OFF)
		return t;
	json_object_object_add(t, "threads", U(f->track_threads));
	json_object_object_add(t, "start_raced", json_object_new_boolean(f->start_raced));
	json_object_object_add(t, "access_known", json_object_new_boolean(f->access_known));
	json_object_object_add(t, "start_ns", U(f->start_ns));
	json_object_object_add(t, "end_ns", f->end_ns ? U(f->end_ns) : NULL);
	json_object_object_add(t, "minor_start", U(f->min_start));
	json_object_object_add(t, "major_start", U(f->maj_start));
	if (f->state == MMSCOPE_FAULT_STATE_STOPPED) {
		json_object_object_add(t, "minor_end", U(f->min_end));
		json_object_object_add(t, "major_end", U(f->maj_end));
	}
	json_object_object_add(t, "minor", U(f->t_min));
	json_object_object_add(t, "major", U(f->t_maj));
	json_object_object_add(t, "read", U(f->t_read));
	json_object_object_add(t, "write", U(f->t_write));
	json_object_object_add(t, "exec", U(f->t_exec));
	json_object_object_add(t, "unknown", U(unknown_access(f)));
	json_object_object_add(t, "other_mm", U(f->other_mm));
	json_object_object_add(t, "dropped", U(f->dropped));
	json_object_object_add(t, "unattributed", U(f->unattributed));
	json_object_object_add(t, "pages", U(f->pages_with_counts));
	json_object_object_add(t, "pages_full", U(f->pages_full));
	json_object_object_add(t, "vmas_full", U(f->vmas_full));
	json_object_object_add(t, "events_next", U(f->events_next));
	return t;
}

static int print_json(const struct mms_faults *f)
{
	struct json_object *o = json_object_new_object(), *x, *arr;
	char perms[5];
	size_t i;

	json_object_object_add(o, "pid", U(f->pid));
	json_object_object_add(o, "comm", json_object_new_string(f->comm));
	json_object_object_add(o, "threads", U(f->threads));
	x = json_object_new_object();
	json_object_object_add(x, "minor", U(f->min));
	json_object_object_add(x, "major", U(f->maj));
	json_object_object_add(o, "process", x);
	x = json_object_new_object();
	json_object_object_add(x, "pgfault", U(f->sys_pgfault));
	json_object_object_add(x, "pgmajfault", U(f->sys_pgmajfault));
	json_object_object_add(o, "system", x);
	json_object_object_add(o, "tracking", tracking_json(f));
	if (f->state == MMSCOPE_FAULT_STATE_OFF)
		return mms_json_print(o, stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;

	arr = json_object_new_array();
	for (i = 0; i < f->nr_vmas; i++) {
		const struct mms_fault_vma *v = &f->vmas[i];

		x = json_object_new_object();
		mms_vma_perms(v->flags, perms);
		json_object_object_add(x, "start", mms_json_hex(v->start));
		json_object_object_add(x, "end", mms_json_hex(v->end));
		json_object_object_add(x, "perms", json_object_new_string(v->end ? perms : ""));
		json_object_object_add(x, "name", json_object_new_string(v->end ? v->name :
									 "[unmapped]"));
		json_object_object_add(x, "minor", U(v->min));
		json_object_object_add(x, "major", U(v->maj));
		json_object_object_add(x, "read", U(v->read));
		json_object_object_add(x, "write", U(v->write));
		json_object_object_add(x, "exec", U(v->exec));
		json_object_array_add(arr, x);
	}
	json_object_object_add(o, "vmas", arr);
	arr = json_object_new_array();
	for (i = 0; i < f->nr_pages; i++) {
		const struct mms_fault_page *p = &f->pages[i];

		x = json_object_new_object();
		json_object_object_add(x, "va", mms_json_hex(p->va));
		json_object_object_add(x, "minor", U(p->min));
		json_object_object_add(x, "major", U(p->maj));
		json_object_object_add(x, "read", U(p->read));
		json_object_object_add(x, "write", U(p->write));
		json_object_object_add(x, "exec", U(p->exec));
		json_object_array_add(arr, x);
	}
	json_object_object_add(o, "pages", arr);
	return mms_json_print(o, stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;
}

static void print_vmas(const struct mms_faults *f)
{
	static const char *const hdr[] = {
		"START", "END", "PERM", "MINOR", "MAJOR", "READ", "WRITE", "EXEC", "NAME",
	};
	const unsigned int ncols = sizeof(hdr) / sizeof(hdr[0]);
	struct mms_table *t = mms_table_new(ncols, hdr);
	char perms[5];
	unsigned int c;
	size_t i;

	if (!t)
		return;
	for (c = 3; c < ncols - 1; c++)
		mms_table_align_right(t, c);
	for (i = 0; i < f->nr_vmas; i++) {
		const struct mms_fault_vma *v = &f->vmas[i];

		mms_vma_perms(v->flags, perms);
		mms_table_row(t);
		mms_table_cell(t, "%012llx", (unsigned long long)v->start);
		mms_table_cell(t, "%012llx", (unsigned long long)v->end);
		mms_table_cell(t, "%s", v->end ? perms : "-");
		mms_table_cell(t, "%llu", (unsigned long long)v->min);
		mms_table_cell(t, "%llu", (unsigned long long)v->maj);
		mms_table_cell(t, "%llu", (unsigned long long)v->read);
		mms_table_cell(t, "%llu", (unsigned long long)v->write);
		mms_table_cell(t, "%llu", (unsigned long long)v->exec);
		mms_table_cell(t, "%s", v->end ? v->name : "[unmapped]");
	}
	mms_table_print(t, stdout);
	mms_table_free(t);
}

static int cmp_busiest(const void *a, const void *b)
{
	const struct mms_fault_page *x = a, *y = b;
	uint64_t nx = (uint64_t)x->min + x->maj, ny = (uint64_t)y->min + y->maj;

	if (nx != ny)
		return nx > ny ? -1 : 1;
	return x->va < y->va ? -1 : x->va > y->va;
}

static void print_pages(struct mms_faults *f, size_t max)
{
	static const char *const hdr[] = { "VA", "MINOR", "MAJOR", "READ", "WRITE", "EXEC" };
	struct mms_table *t = mms_table_new(6, hdr);
	size_t i, n = max && max < f->nr_pages ? max : f->nr_pages;
	unsigned int c;

	if (!t)
		return;
	for (c = 1; c < 6; c++)
		mms_table_align_right(t, c);
	if (n < f->nr_pages)
		qsort(f->pages, f->nr_pages, sizeof(*f->pages), cmp_busiest);
	for (i = 0; i < n; i++) {
		const struct mms_fault_page *p = &f->pages[i];

		mms_table_row(t);
		mms_table_cell(t, "%012llx", (unsigned long long)p->va);
		mms_table_cell(t, "%u", p->min);
		mms_table_cell(t, "%u", p->maj);
		mms_table_cell(t, "%u", p->read);
		mms_table_cell(t, "%u", p->write);
		mms_table_cell(t, "%u", p->exec);
	}
	printf("\n%s (%zu of %zu):\n", n < f->nr_pages ? "Pages with the most faults" : "Pages",
	       n, f->nr_pages);
	mms_table_print(t, stdout);
	mms_table_free(t);
}

static int print_text(struct mms_faults *f, size_t max_pages)
{
	double secs;

	printf("pid %u (%s), %u thread%s\n", f->pid, f->comm, f->threads, f->threads == 1 ? "" : "s");
	printf("process faults: minor %llu major %llu   (as /proc/PID/stat)\n",
	       (unsigned long long)f->min, (unsigned long long)f->maj);
	printf("system faults:  pgfault %llu pgmajfault %llu   (as /proc/vmstat)\n",
	       (unsigned long long)f->sys_pgfault, (unsigned long long)f->sys_pgmajfault);
	if (f->state == MMSCOPE_FAULT_STATE_OFF) {
		printf("tracking: off (start it with 'mmscope faults --track %u')\n", f->pid);
		return MMS_EXIT_OK;
	}
	secs = ((f->end_ns ? f->end_ns : now_ns()) - f->start_ns) / 1e9;
	printf("tracking: %s, %.2f s, %u thread%s%s\n",
	       mms_fault_state_name(f->state), secs, f->track_threads,
	       f->track_threads == 1 ? "" : "s",
	       f->start_raced ? " (threads appeared during the start: their first faults may be missed)" : "");
	printf("  attributed:  minor %llu major %llu (read %llu write %llu exec %llu unknown %llu)\n",
	       (unsigned long long)f->t_min, (unsigned long long)f->t_maj,
	       (unsigned long long)f->t_read, (unsigned long long)f->t_write,
	       (unsigned long long)f->t_exec, (unsigned long long)unknown_access(f));
	if (f->state == MMSCOPE_FAULT_STATE_STOPPED)
		printf("  process counters over the window: minor +%llu major +%llu\n",
		       (unsigned long long)(f->min_end - f->min_start),
		       (unsigned long long)(f->maj_end - f->maj_start));
	else if (f->state == MMSCOPE_FAULT_STATE_ACTIVE)
		printf("  process counters since start: minor +%llu major +%llu\n",
		       (unsigned long long)(f->min - f->min_start),
		       (unsigned long long)(f->maj - f->maj_start));
	printf("  not attributed: %llu without registers (GUP), %llu of other processes, %llu dropped\n",
	       (unsigned long long)f->unattributed, (unsigned long long)f->other_mm,
	       (unsigned long long)f->dropped);
	if (f->pages_full || f->vmas_full)
		printf("  over the table limits: %llu faults on further pages, %llu on further VMAs\n",
		       (unsigned long long)f->pages_full, (unsigned long long)f->vmas_full);
	printf("\n");
	print_vmas(f);
	print_pages(f, max_pages);
	return MMS_EXIT_OK;
}

/* ---- events ------------------------------------------------------------- */

struct event_out {
	bool json;
	struct json_object *arr;	/* --events --json: one array */
	uint64_t expect;		/* --follow: the next sequence number */
	uint64_t lost;
};

static struct json_object *event_json(const struct mms_fault_event *e)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "seq", U(e->seq));
	json_object_object_add(o, "time_ns", U(e->time_ns));
	json_object_object_add(o, "tid", U(e->tid));
	json_object_object_add(o, "va", mms_json_hex(e->va));
	json_object_object_add(o, "vma_start", e->vma_start ? mms_json_hex(e->vma_start) : NULL);
	json_object_object_add(o, "major", json_object_new_boolean(e->flags & MMSCOPE_FAULT_F_MAJOR));
	json_object_object_add(o, "access", json_object_new_string(mms_fault_access_name(e->flags)));
	return o;
}

static int print_event(const struct mms_fault_event *e, void *data)
{
	struct event_out *out = data;
	struct json_object *o;

	if (e->seq > out->expect)
		out->lost += e->seq - out->expect;
	out->expect = e->seq + 1;
	if (out->arr) {
		json_object_array_add(out->arr, event_json(e));
		return 0;
	}
	if (out->json) {
		o = event_json(e);
		printf("%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
		json_object_put(o);
		return 0;
	}
	printf("%8llu %6llu.%06llu %7u %012llx %012llx %-5s %s\n",
	       (unsigned long long)e->seq, (unsigned long long)(e->time_ns / 1000000000ULL),
	       (unsigned long long)(e->time_ns / 1000 % 1000000), e->tid,
	       (unsigned long long)e->va, (unsigned long long)e->vma_start,
	       e->flags & MMSCOPE_FAULT_F_MAJOR ? "major" : "minor",
	       mms_fault_access_name(e->flags));
	return 0;
}

static void event_header(const struct event_out *out)
{
	if (!out->json)
		printf("%8s %13s %7s %-12s %-12s %-5s %s\n", "SEQ", "TIME", "TID", "VA",
		       "VMA", "KIND", "ACCESS");
}

static int show_events(struct mms_nl *nl, int pid, bool json)
{
	struct event_out out = { .json = json };
	uint64_t cursor = 0;
	int ret;

	if (json)
		out.arr = json_object_new_array();
	else
		event_header(&out);
	ret = mms_get_fault_events(nl, pid, &cursor, print_event, &out);
	if (ret) {
		json_object_put(out.arr);
		return mms_nl_report(nl, ret, "faults --events");
	}
	if (json)
		return mms_json_print(out.arr, stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;
	return MMS_EXIT_OK;
}

static volatile sig_atomic_t stop_following;

static void on_signal(int sig)
{
	(void)sig;
	stop_following = 1;
}

/* Poll for new events until tracking ends, the process goes, or a signal. */
static int follow_events(struct mms_nl *nl, int pid, bool json)
{
	struct event_out out = { .json = json };
	const struct timespec pause = { 0, FOLLOW_POLL_MS * 1000000L };
	struct mms_faults f;
	uint64_t cursor;
	int ret;

	ret = mms_get_faults(nl, pid, &f);
	if (ret)
		return mms_nl_report(nl, ret, "faults --follow");
	cursor = f.events_next;
	mms_faults_free(&f);
	if (f.state != MMSCOPE_FAULT_STATE_ACTIVE) {
		mms_err("faults --follow: process %d is not being tracked (start with --track)", pid);
		return MMS_EXIT_FAIL;
	}
	out.expect = cursor;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	event_header(&out);
	fflush(stdout);
	while (!stop_following) {
		ret = mms_get_fault_events(nl, pid, &cursor, print_event, &out);
		fflush(stdout);
		if (ret == -ESRCH || ret == -ENOENT)
			break;		/* the process is gone or its record was reused */
		if (ret)
			return mms_nl_report(nl, ret, "faults --follow");
		ret = mms_get_faults(nl, pid, &f);
		if (ret == -ESRCH)
			break;
		if (ret)
			return mms_nl_report(nl, ret, "faults --follow");
		mms_faults_free(&f);
		if (f.state != MMSCOPE_FAULT_STATE_ACTIVE && cursor >= f.events_next)
			break;
		nanosleep(&pause, NULL);
	}
	if (out.lost)
		fprintf(stderr, "%s: faults --follow: %llu events were overwritten before they were read\n",
			mms_progname, (unsigned long long)out.lost);
	return MMS_EXIT_OK;
}

static int faults_run(int argc, char **argv, struct mms_opts *opts)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "track", no_argument, NULL, 't' },
		{ "stop", no_argument, NULL, 's' },
		{ "events", no_argument, NULL, 'e' },
		{ "follow", no_argument, NULL, 'f' },
		{ "pages", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	enum action act = SHOW;
	struct mms_faults f;
	uint64_t max_pages = 20;
	int c, n_act = 0, ret = 0, pid;
	struct mms_nl nl;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+jhtsefp:", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opts->json = true;
			break;
		case 'h':
			fputs(mms_cmd_faults.help, stdout);
			return MMS_EXIT_OK;
		case 't':
			act = TRACK;
			n_act++;
			break;
		case 's':
			act = STOP;
			n_act++;
			break;
		case 'e':
			act = EVENTS;
			n_act++;
			break;
		case 'f':
			act = FOLLOW;
			n_act++;
			break;
		case 'p':
			if (mms_parse_u64(optarg, &max_pages)) {
				mms_err("faults: --pages wants a number, not '%s'", optarg);
				return MMS_EXIT_USAGE;
			}
			break;
		default:
			fprintf(stderr, "See 'mmscope faults --help'.\n");
			return MMS_EXIT_USAGE;
		}
	}
	if (n_act > 1) {
		mms_err("faults: give at most one of --track, --stop, --events and --follow");
		return MMS_EXIT_USAGE;
	}
	ret = mms_cmd_pid(&mms_cmd_faults, argv[optind], &pid);
	if (ret)
		return ret;
	if (optind + 1 < argc) {
		mms_err("faults: unexpected argument '%s'", argv[optind + 1]);
		return MMS_EXIT_USAGE;
	}
	ret = mms_connect(&nl, "faults");
	if (ret)
		return ret;
	switch (act) {
	case EVENTS:
		ret = show_events(&nl, pid, opts->json);
		break;
	case FOLLOW:
		ret = follow_events(&nl, pid, opts->json);
		break;
	default:
		/* The track reply is the summary alone; the report has it all. */
		if (act != SHOW) {
			ret = mms_faults_track(&nl, pid, act == TRACK, &f);
			mms_faults_free(&f);
		}
		if (!ret)
			ret = mms_get_faults(&nl, pid, &f);
		if (ret) {
			ret = mms_nl_report(&nl, ret, act == TRACK ? "faults --track" :
						      act == STOP ? "faults --stop" : "faults");
			break;
		}
		ret = opts->json ? print_json(&f) : print_text(&f, max_pages);
		mms_faults_free(&f);
	}
	mms_nl_close(&nl);
	return ret;
}

const struct mms_command mms_cmd_faults = {
	.name = "faults",
	.summary = "page-fault counters; track a process's faults per VMA, page and event",
	.help =
"Usage: mmscope faults [--json] [--pages N] PID\n"
"       mmscope faults --track | --stop [--json] PID\n"
"       mmscope faults --events | --follow [--json] PID\n"
"\n"
"Show the page-fault counters of process PID (minor and major, summed over\n"
"its threads exactly as /proc/PID/stat's minflt and majflt) and of the system\n"
"(/proc/vmstat's pgfault and pgmajfault).  While the process is tracked, also\n"
"show what tracking attributed: faults per VMA and per page, each split into\n"
"minor/major and read/write/exec, and the totals.\n"
"\n"
"Tracking reads the kernel's own per-thread minflt/majflt: when a thread's\n"
"fault begins, the module notes the address, the access and the thread's two\n"
"counters; what the counters grew by until its next fault is what the kernel\n"
"counted for it (minor, major, or nothing when it failed).  Every thread of\n"
"the process is covered, those created later too.  Growth that no fault\n"
"explains comes from faults the kernel takes on the thread's behalf without\n"
"a page-fault exception (get_user_pages(): O_DIRECT, futexes, ...): it is\n"
"counted as 'without registers', not attributed.  Faults of other processes\n"
"in the same address space (a vfork() child before its exec) are counted\n"
"apart; child processes and a new program after exec are not seen.\n"
"Tracking ends on --stop, when\n"
"the process exits or execs, or when the module is unloaded; the counts stay\n"
"readable while the process exists (a zombie too) until the record is reused.\n"
"At most " STR(MMSCOPE_FAULT_MAX_PROCS) " processes are tracked at once, with at most "
STR(MMSCOPE_FAULT_MAX_THREADS) " threads each\n"
"(those at start and those born since); " STR(MMSCOPE_FAULT_MAX_VMAS) " VMAs and " STR(MMSCOPE_FAULT_MAX_PAGES)
" pages keep counts (further ones are totalled\n"
"as 'over the table limits'); the last " STR(MMSCOPE_FAULT_EVENTS) " events are kept.\n"
"\n"
"Actions (at most one):\n"
"  -t, --track    start tracking PID, then show the (empty) report\n"
"  -s, --stop     stop tracking PID, then show the final report; the report\n"
"                 then also holds the process counters' growth over the window\n"
"  -e, --events   list the recent fault events kept (oldest first): sequence\n"
"                 number, CLOCK_MONOTONIC time, thread, address, start of the\n"
"                 VMA it was attributed to, minor/major, access\n"
"  -f, --follow   print new events as they happen (polled every 200 ms) until\n"
"                 tracking ends, the process exits, or SIGINT/SIGTERM\n"
"\n"
"Options:\n"
"  -p, --pages N  text report: the N pages with the most faults (default 20;\n"
"                 0: every page, by address)\n"
"  -j, --json     the report as one JSON object: pid, comm, threads,\n"
"                 process {minor, major}, system {pgfault, pgmajfault},\n"
"                 tracking {state (off, active, stopped, exited); unless off:\n"
"                 threads, start_raced, access_known, start_ns, end_ns,\n"
"                 minor_start, major_start, minor_end and major_end (stopped\n"
"                 only), minor, major, read, write, exec, unknown, other_mm,\n"
"                 dropped, unattributed, pages, pages_full, vmas_full,\n"
"                 events_next},\n"
"                 and unless off: vmas [{start, end, perms, name, minor, major,\n"
"                 read, write, exec}] and pages [{va, minor, major, read, write,\n"
"                 exec}] by address.  --events: an array of {seq, time_ns, tid,\n"
"                 va, vma_start, major, access}; --follow: one such object per\n"
"                 line.  Addresses are \"0x...\" strings.\n"
"  -h, --help     show this help\n"
"\n"
"VMAs are identified when the module attributes a fault, within about 20 ms\n"
"of it: a fault on a VMA unmapped by then is listed under [unmapped].\n"
"Events of one thread are in time order; another thread's event can come\n"
"after later ones, by at most that fault's duration (Documentation/faults.rst).\n",
	.run = faults_run,
};
