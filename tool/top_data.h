/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmscope top: the data layer.  A snapshot holds what the views show; it is
 * fetched live through the same requests and parsers as the sub-commands
 * (aspace.c, faults.c, model_phys.c, rmap.c, policy.c), or replayed from a
 * file that `mmscope top --record` wrote (one JSON object per snapshot and
 * line).
 */
#ifndef MMSCOPE_TOP_DATA_H
#define MMSCOPE_TOP_DATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <json-c/json.h>

#include "aspace.h"
#include "faults.h"
#include "model_phys.h"
#include "nl.h"
#include "policy.h"
#include "rmap.h"

/* What a snapshot can hold; views ask for a set of them (TOP_NEED). */
enum top_item {
	TOP_MM,			/* GET_MM: summary with the page-table census (walks) */
	TOP_VMAS,		/* GET_VMAS with counts (walks every entry) */
	TOP_FAULTS,		/* GET_FAULTS: counters, tracking, per-VMA counts */
	TOP_EVENTS,		/* GET_FAULT_EVENTS: events since the last tick */
	TOP_BUDDY,		/* GET_BUDDY */
	TOP_SLAB,		/* /proc/slabinfo (SLUB's sysfs files cost too much per refresh) */
	TOP_PROCS,		/* the process list (/proc), for the picker */
	TOP_PTES,		/* GET_PTES of one window (the visible part of a page map) */
	TOP_POLICY,		/* POLICY_GET and memory.stat: the installed policies */
	TOP_NR_ITEMS
};

#define TOP_NEED(item)		(1u << (item))
/* Items about the target process (nothing to fetch without one). */
#define TOP_TARGET_ITEMS	(TOP_NEED(TOP_MM) | TOP_NEED(TOP_VMAS) | TOP_NEED(TOP_FAULTS) | \
				 TOP_NEED(TOP_EVENTS) | TOP_NEED(TOP_PTES))

struct top_proc {
	int pid;
	uint32_t uid;
	char comm[17];
	uint64_t rss_kib, vsz_kib;
};

/* Entries of [start, end); @cov_start..@cov_end is the part the data covers. */
struct top_ptes {
	uint64_t start, end, cov_start, cov_end;
	struct mms_pte *e;		/* by address */
	size_t n, cap;
};

/* The installed replacement policies, as `mmscope policy show` reports them. */
struct top_policies {
	struct mms_policy_list list;	/* with each cgroup's memory.stat now */
	char reclaim[8];		/* the reclaim path: "mglru" or "classic" */
	char unavailable[160];		/* why the policy feature cannot work here ("": it can) */
};

struct top_snap {
	int pid;
	unsigned int have;		/* TOP_NEED() of the items held */
	int err[TOP_NR_ITEMS];		/* negative errno of an item that failed */
	uint64_t at[TOP_NR_ITEMS];	/* CLOCK_MONOTONIC (ns) when each was fetched */
	uint32_t cost_us[TOP_NR_ITEMS];	/* CPU time fetching it took (the kernel's part too) */
	int64_t wall;			/* time() of the snapshot */
	struct mms_mm mm;
	struct mms_vma *vmas;
	size_t nr_vmas;
	struct mms_faults faults;	/* summary and per-VMA counts (no pages) */
	struct mms_fault_event *events;	/* new since the previous tick, oldest first */
	size_t nr_events;
	struct mms_buddy *buddy;
	struct mms_slab *slabs;
	size_t nr_slabs;
	struct top_proc *procs;
	size_t nr_procs;
	struct top_ptes win;
	struct top_policies policies;
};

struct top_src {
	bool replay;
	long page_size;
	/* live */
	struct mms_nl nl;
	bool nl_open;
	int ev_pid;			/* events: the process and the next sequence number */
	uint64_t ev_cursor;
	bool ev_started;
	FILE *rec;			/* --record: one line per tick */
	struct json_object *pending;	/* the tick being recorded */
	int policy_feature;		/* in GET_INFO's features: 0 not asked yet, 1 yes, -1 no */
	char policy_reason[160];	/* why it is unavailable, from GET_INFO ("": it is not) */
	/* --replay */
	struct json_object **lines;
	size_t nr_lines, pos;
	bool started;
};

/* Live source: opens the netlink socket; on failure use mms_nl_report(&s->nl, ...). */
int top_src_live(struct top_src *s);
/* Also write every snapshot (and query answer) to @path. */
int top_src_record(struct top_src *s, const char *path);
/* Replay source: the snapshots of @path.  Returns 0 or a negative errno. */
int top_src_replay(struct top_src *s, const char *path);
void top_src_close(struct top_src *s);

/*
 * Fetch the items of @need for @pid (0: none) into @out, which this zeroes.
 * @tick: a new point in time (replay: the next recorded snapshot); otherwise
 * fill in at the same point (a view switched, a window moved).  @ws/@we: the
 * GET_PTES window.  Per-item errors are left in out->err[]; returns 0, or a
 * negative errno when nothing could be asked at all.
 */
int top_fetch(struct top_src *s, int pid, unsigned int need, bool tick, uint64_t ws, uint64_t we,
	      struct top_snap *out);
/* Move the items of @from that @to lacks into @to (only those in @items). */
void top_snap_carry(struct top_snap *to, struct top_snap *from, unsigned int items);
void top_snap_free(struct top_snap *s);

/*
 * Point queries; answers are recorded / replayed too.  0 or a negative errno
 * (-ENODATA: a replay without this answer).
 */
int top_query_xlate(struct top_src *s, int pid, uint64_t va, struct mms_xlate *x);
/* @pid != 0: the frame mapped at @va in @pid; else frame @pfn. */
int top_query_rmap(struct top_src *s, int pid, uint64_t va, uint64_t pfn, struct mms_rmap *r);
/* Actions (live only: -EROFS when replaying). */
int top_clear_refs(struct top_src *s, int pid);
int top_track(struct top_src *s, int pid, bool start);

/*
 * The installed policies, through the request and parser of `mmscope policy
 * show` (mms_policy_show_get()), with the reclaim path and, from GET_INFO's
 * features (asked once), why policies cannot work on this kernel.  Returns 0,
 * -EOPNOTSUPP when the module has no policy feature, or another negative errno.
 */
int top_fetch_policies(struct top_src *s, struct top_policies *out);
/* Free what top_fetch_policies() or a replay left in @p. */
void top_policies_free(struct top_policies *p);

/* The process list from /proc (processes with an address space only). */
int top_read_procs(const char *proc, struct top_proc **out, size_t *n);

/* Snapshots as JSON (top_json.c): the recording format, one object per tick. */
struct json_object *top_snap_to_json(const struct top_snap *s);
/*
 * Read a recorded snapshot.  The page-map window is the recorded one that
 * covers most of [@ws, @we); s->win.cov_start/cov_end say which part.
 */
int top_snap_from_json(struct json_object *o, struct top_snap *s, uint64_t ws, uint64_t we);
struct json_object *top_xlate_to_json(int pid, const struct mms_xlate *x);
int top_xlate_from_json(struct json_object *o, int *pid, struct mms_xlate *x);
struct json_object *top_rmap_to_json(int pid, uint64_t va, const struct mms_rmap *r);
int top_rmap_from_json(struct json_object *o, int *pid, uint64_t *va, struct mms_rmap *r);
/* Entries of a window, appended (kept sorted by the caller). */
int top_ptes_add(struct top_ptes *w, const struct mms_pte *p);

uint64_t top_now_ns(void);

#endif
