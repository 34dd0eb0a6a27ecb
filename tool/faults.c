// SPDX-License-Identifier: GPL-2.0
/* Page-fault requests and their parsers (GET_FAULTS, FAULTS_TRACK, GET_FAULT_EVENTS). */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>

#include "aspace.h"
#include "faults.h"

#define F(type, s, m) { type, offsetof(s, m) }
#define NFIELDS(t) (sizeof(t) / sizeof(t[0]))

static const struct u64_field faults_fields[] = {
	F(MMSCOPE_FAULTS_MIN, struct mms_faults, min),
	F(MMSCOPE_FAULTS_MAJ, struct mms_faults, maj),
	F(MMSCOPE_FAULTS_SYS_PGFAULT, struct mms_faults, sys_pgfault),
	F(MMSCOPE_FAULTS_SYS_PGMAJFAULT, struct mms_faults, sys_pgmajfault),
	F(MMSCOPE_FAULTS_START_NS, struct mms_faults, start_ns),
	F(MMSCOPE_FAULTS_END_NS, struct mms_faults, end_ns),
	F(MMSCOPE_FAULTS_MIN_START, struct mms_faults, min_start),
	F(MMSCOPE_FAULTS_MAJ_START, struct mms_faults, maj_start),
	F(MMSCOPE_FAULTS_MIN_END, struct mms_faults, min_end),
	F(MMSCOPE_FAULTS_MAJ_END, struct mms_faults, maj_end),
	F(MMSCOPE_FAULTS_T_MIN, struct mms_faults, t_min),
	F(MMSCOPE_FAULTS_T_MAJ, struct mms_faults, t_maj),
	F(MMSCOPE_FAULTS_T_READ, struct mms_faults, t_read),
	F(MMSCOPE_FAULTS_T_WRITE, struct mms_faults, t_write),
	F(MMSCOPE_FAULTS_T_EXEC, struct mms_faults, t_exec),
	F(MMSCOPE_FAULTS_T_OTHER_MM, struct mms_faults, other_mm),
	F(MMSCOPE_FAULTS_T_DROPPED, struct mms_faults, dropped),
	F(MMSCOPE_FAULTS_T_UNATTRIBUTED, struct mms_faults, unattributed),
	F(MMSCOPE_FAULTS_T_PAGES_FULL, struct mms_faults, pages_full),
	F(MMSCOPE_FAULTS_T_VMAS_FULL, struct mms_faults, vmas_full),
	F(MMSCOPE_FAULTS_EVENTS_NEXT, struct mms_faults, events_next),
};

static const struct u64_field vma_fields[] = {
	F(MMSCOPE_FAULT_VMA_START, struct mms_fault_vma, start),
	F(MMSCOPE_FAULT_VMA_END, struct mms_fault_vma, end),
	F(MMSCOPE_FAULT_VMA_FLAGS, struct mms_fault_vma, flags),
	F(MMSCOPE_FAULT_VMA_MIN, struct mms_fault_vma, min),
	F(MMSCOPE_FAULT_VMA_MAJ, struct mms_fault_vma, maj),
	F(MMSCOPE_FAULT_VMA_READ, struct mms_fault_vma, read),
	F(MMSCOPE_FAULT_VMA_WRITE, struct mms_fault_vma, write),
	F(MMSCOPE_FAULT_VMA_EXEC, struct mms_fault_vma, exec),
};

static void faults_nest(const struct nlattr *nest, struct mms_faults *f)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, nest) {
		if (put_u64_field(faults_fields, NFIELDS(faults_fields), a, f))
			continue;
		switch (mnl_attr_get_type(a)) {
		case MMSCOPE_FAULTS_PID:
			set_u32(a, &f->pid);
			break;
		case MMSCOPE_FAULTS_THREADS:
			set_u32(a, &f->threads);
			break;
		case MMSCOPE_FAULTS_COMM:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) >= 0)
				snprintf(f->comm, sizeof(f->comm), "%s", mnl_attr_get_str(a));
			break;
		case MMSCOPE_FAULTS_STATE:
			set_u8(a, &f->state);
			break;
		case MMSCOPE_FAULTS_TRACK_THREADS:
			set_u32(a, &f->track_threads);
			break;
		case MMSCOPE_FAULTS_T_PAGES:
			set_u32(a, &f->pages_with_counts);
			break;
		case MMSCOPE_FAULTS_ACCESS_KNOWN:
			set_u8(a, &f->access_known);
			break;
		case MMSCOPE_FAULTS_START_RACED:
			f->start_raced = true;
			break;
		}
	}
}

static int vma_nest(const struct nlattr *nest, struct mms_faults *f)
{
	struct mms_fault_vma *v, *nv;
	const struct nlattr *a;
	const char *name = "";

	nv = realloc(f->vmas, (f->nr_vmas + 1) * sizeof(*nv));
	if (!nv)
		return -ENOMEM;
	f->vmas = nv;
	v = &nv[f->nr_vmas];
	memset(v, 0, sizeof(*v));
	mnl_attr_for_each_nested(a, nest) {
		if (put_u64_field(vma_fields, NFIELDS(vma_fields), a, v))
			continue;
		if (mnl_attr_get_type(a) == MMSCOPE_FAULT_VMA_NAME &&
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) >= 0)
			name = mnl_attr_get_str(a);
	}
	v->name = strdup(name);
	if (!v->name)
		return -ENOMEM;
	f->nr_vmas++;
	return 0;
}

/* A record may be shorter (older module) or longer (newer) than ours. */
static void rec_copy(void *dst, size_t size, const void *rec, size_t stride)
{
	memset(dst, 0, size);
	memcpy(dst, rec, stride < size ? stride : size);
}

void mms_fault_page_from_rec(const void *rec, size_t stride, struct mms_fault_page *p)
{
	struct mmscope_fault_page_rec r;

	rec_copy(&r, sizeof(r), rec, stride);
	p->va = r.va;
	p->min = r.minor;
	p->maj = r.major;
	p->read = r.read;
	p->write = r.write;
	p->exec = r.exec;
}

void mms_fault_event_from_rec(const void *rec, size_t stride, struct mms_fault_event *e)
{
	struct mmscope_fault_event_rec r;

	rec_copy(&r, sizeof(r), rec, stride);
	e->seq = r.seq;
	e->time_ns = r.time_ns;
	e->va = r.va;
	e->vma_start = r.vma_start;
	e->tid = r.tid;
	e->flags = r.flags;
}

/* Records of a message are preceded by their size; a nonsensical size skips them. */
static bool rec_stride_ok(uint32_t stride)
{
	return stride >= 8 && stride <= 4096;
}

static int page_recs(const struct nlattr *a, uint32_t stride, struct mms_faults *f)
{
	size_t n = mnl_attr_get_payload_len(a) / stride, i;
	const char *rec = mnl_attr_get_payload(a);
	struct mms_fault_page *np;

	if (!n)
		return 0;
	np = realloc(f->pages, (f->nr_pages + n) * sizeof(*np));
	if (!np)
		return -ENOMEM;
	f->pages = np;
	for (i = 0; i < n; i++, rec += stride)
		mms_fault_page_from_rec(rec, stride, &f->pages[f->nr_pages++]);
	return 0;
}

int mms_faults_parse(const struct nlmsghdr *nlh, void *data)
{
	struct mms_faults *f = data;
	const struct nlattr *a;
	uint32_t stride = 0;
	int err = 0;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case MMSCOPE_A_FAULTS:
			if (mnl_attr_validate(a, MNL_TYPE_NESTED) >= 0)
				faults_nest(a, f);
			break;
		case MMSCOPE_A_FAULT_VMA:
			if (mnl_attr_validate(a, MNL_TYPE_NESTED) >= 0)
				err = vma_nest(a, f);
			break;
		case MMSCOPE_A_FAULT_REC_SIZE:
			set_u32(a, &stride);
			break;
		case MMSCOPE_A_FAULT_PAGE_RECS:
			if (rec_stride_ok(stride))
				err = page_recs(a, stride, f);
			break;
		}
		if (err) {
			f->err = err;
			return MNL_CB_ERROR;
		}
	}
	return MNL_CB_OK;
}

int mms_fault_events_msg_parse(const struct nlmsghdr *nlh, mms_fault_event_cb cb, void *data)
{
	const struct nlattr *a;
	struct mms_fault_event e;
	uint32_t stride = 0;
	const char *rec;
	size_t i, n;
	int err;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == MMSCOPE_A_FAULT_REC_SIZE) {
			set_u32(a, &stride);
			continue;
		}
		if (mnl_attr_get_type(a) != MMSCOPE_A_FAULT_EVENT_RECS || !rec_stride_ok(stride))
			continue;
		rec = mnl_attr_get_payload(a);
		n = mnl_attr_get_payload_len(a) / stride;
		for (i = 0; i < n; i++, rec += stride) {
			mms_fault_event_from_rec(rec, stride, &e);
			err = cb(&e, data);
			if (err)
				return err;
		}
	}
	return 0;
}

void mms_faults_free(struct mms_faults *f)
{
	size_t i;

	for (i = 0; i < f->nr_vmas; i++)
		free(f->vmas[i].name);
	free(f->vmas);
	free(f->pages);
	f->vmas = NULL;
	f->pages = NULL;
	f->nr_vmas = f->nr_pages = 0;
}

static int cmp_page(const void *a, const void *b)
{
	const struct mms_fault_page *x = a, *y = b;

	return x->va < y->va ? -1 : x->va > y->va;
}

static int faults_request(struct mms_nl *nl, struct nlmsghdr *req, struct mms_faults *f)
{
	int ret;

	memset(f, 0, sizeof(*f));
	ret = mms_nl_transact(nl, req, mms_faults_parse, f);
	if (f->err)
		ret = f->err;
	if (ret) {
		mms_faults_free(f);
		return ret;
	}
	/* The module sends pages in hash order. */
	if (f->nr_pages)
		qsort(f->pages, f->nr_pages, sizeof(*f->pages), cmp_page);
	return 0;
}

int mms_get_faults(struct mms_nl *nl, int pid, struct mms_faults *f)
{
	struct nlmsghdr *req = mms_nl_request(nl, MMSCOPE_CMD_GET_FAULTS, NLM_F_DUMP);

	mnl_attr_put_u32(req, MMSCOPE_A_PID, pid);
	return faults_request(nl, req, f);
}

int mms_faults_track(struct mms_nl *nl, int pid, bool start, struct mms_faults *f)
{
	struct nlmsghdr *req = mms_nl_request(nl, MMSCOPE_CMD_FAULTS_TRACK, 0);

	mnl_attr_put_u32(req, MMSCOPE_A_PID, pid);
	mnl_attr_put_u8(req, MMSCOPE_A_FAULT_TRACK,
			start ? MMSCOPE_FAULT_TRACK_START : MMSCOPE_FAULT_TRACK_STOP);
	return faults_request(nl, req, f);
}

struct event_stream {
	mms_fault_event_cb cb;
	void *data;
	uint64_t *cursor;
	int err;
};

static int track_cursor(const struct mms_fault_event *e, void *data)
{
	struct event_stream *s = data;

	*s->cursor = e->seq + 1;
	return s->cb(e, s->data);
}

static int events_cb(const struct nlmsghdr *nlh, void *data)
{
	struct event_stream *s = data;

	s->err = mms_fault_events_msg_parse(nlh, track_cursor, s);
	return s->err ? MNL_CB_ERROR : MNL_CB_OK;
}

int mms_get_fault_events(struct mms_nl *nl, int pid, uint64_t *cursor, mms_fault_event_cb cb,
			 void *data)
{
	struct nlmsghdr *req = mms_nl_request(nl, MMSCOPE_CMD_GET_FAULT_EVENTS, NLM_F_DUMP);
	struct event_stream s = { .cb = cb, .data = data, .cursor = cursor };
	int ret;

	mnl_attr_put_u32(req, MMSCOPE_A_PID, pid);
	mnl_attr_put_u64(req, MMSCOPE_A_FAULT_CURSOR, *cursor);
	ret = mms_nl_transact(nl, req, events_cb, &s);
	return s.err ? s.err : ret;
}

const char *mms_fault_state_name(unsigned int state)
{
	static const char *const names[] = { "off", "active", "stopped", "exited" };

	return state < sizeof(names) / sizeof(names[0]) ? names[state] : "?";
}

const char *mms_fault_access_name(uint32_t flags)
{
	static const char *const names[] = { "unknown", "read", "write", "exec" };

	return names[(flags & MMSCOPE_FAULT_F_ACC_MASK) >> MMSCOPE_FAULT_F_ACC_SHIFT];
}
