/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Data model of page-fault reports: a process's and the system's counters,
 * the state of its tracking, per-VMA and per-page counts, recent events.
 */
#ifndef MMSCOPE_FAULTS_H
#define MMSCOPE_FAULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>

#include "mmscope.h"
#include "nl.h"

struct mms_fault_vma {
	uint64_t start, end, flags;
	uint64_t min, maj, read, write, exec;
	char *name;				/* malloc'ed; never NULL after parsing */
};

struct mms_fault_page {
	uint64_t va;
	uint32_t min, maj, read, write, exec;
};

struct mms_fault_event {
	uint64_t seq, time_ns, va, vma_start;
	uint32_t tid, flags;
};

struct mms_faults {
	uint32_t pid, threads;
	char comm[17];
	uint64_t min, maj, sys_pgfault, sys_pgmajfault;
	uint8_t state;				/* enum mmscope_fault_state */
	/* tracking (state != OFF) */
	uint32_t track_threads, pages_with_counts;
	uint8_t access_known;
	bool start_raced;
	uint64_t start_ns, end_ns, min_start, maj_start, min_end, maj_end;
	uint64_t t_min, t_maj, t_read, t_write, t_exec;
	uint64_t other_mm, dropped, unattributed, pages_full, vmas_full, events_next;
	struct mms_fault_vma *vmas;
	size_t nr_vmas;
	struct mms_fault_page *pages;
	size_t nr_pages;
	int err;				/* parse error (-ENOMEM) */
};

/* libmnl data callback: one GET_FAULTS / FAULTS_TRACK message into @data. */
int mms_faults_parse(const struct nlmsghdr *nlh, void *data);
void mms_faults_free(struct mms_faults *f);

/* Packed records of @stride bytes (see struct mmscope_fault_*_rec). */
void mms_fault_page_from_rec(const void *rec, size_t stride, struct mms_fault_page *p);
void mms_fault_event_from_rec(const void *rec, size_t stride, struct mms_fault_event *e);
typedef int (*mms_fault_event_cb)(const struct mms_fault_event *e, void *data);
/* Every event of one GET_FAULT_EVENTS message to @cb; stops at a non-zero return. */
int mms_fault_events_msg_parse(const struct nlmsghdr *nlh, mms_fault_event_cb cb, void *data);

/* Requests.  Each returns 0 or a negative errno (see mms_nl_report()). */
int mms_get_faults(struct mms_nl *nl, int pid, struct mms_faults *f);
int mms_faults_track(struct mms_nl *nl, int pid, bool start, struct mms_faults *f);
/* Events from *cursor on; *cursor becomes the next one to ask for. */
int mms_get_fault_events(struct mms_nl *nl, int pid, uint64_t *cursor, mms_fault_event_cb cb,
			 void *data);

/* Names. */
const char *mms_fault_state_name(unsigned int state);	/* "off", "active", ... */
const char *mms_fault_access_name(uint32_t flags);	/* from an event's flags */

#endif
