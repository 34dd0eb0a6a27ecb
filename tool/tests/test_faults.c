// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for faults.c: parsing GET_FAULTS messages (summary nest, VMA
 * nests, packed page records), GET_FAULT_EVENTS records, and the names.
 * Replies are built with libmnl the way module/netlink.c builds them.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "faults.h"
#include "mmscope.h"

static union {
	struct nlmsghdr nlh;
	char buf[64 * 1024];
} msg;

static struct nlmsghdr *reply_start(uint8_t cmd)
{
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;

	memset(&msg, 0, sizeof(msg));
	nlh = mnl_nlmsg_put_header(msg.buf);
	nlh->nlmsg_type = 0x1d;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = MMSCOPE_GENL_VERSION;
	return nlh;
}

static void put_summary(struct nlmsghdr *nlh, uint8_t state)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, MMSCOPE_A_FAULTS);

	mnl_attr_put_u32(nlh, MMSCOPE_FAULTS_PID, 321);
	mnl_attr_put_strz(nlh, MMSCOPE_FAULTS_COMM, "a-very-long-command-name");
	mnl_attr_put_u32(nlh, MMSCOPE_FAULTS_THREADS, 3);
	mnl_attr_put(nlh, MMSCOPE_FAULTS_PAD, 0, "");
	mnl_attr_put_u64(nlh, MMSCOPE_FAULTS_MIN, 0x100000001ULL);
	mnl_attr_put_u64(nlh, MMSCOPE_FAULTS_MAJ, 7);
	mnl_attr_put_u64(nlh, MMSCOPE_FAULTS_SYS_PGFAULT, 1000);
	mnl_attr_put_u64(nlh, MMSCOPE_FAULTS_SYS_PGMAJFAULT, 10);
	mnl_attr_put_u8(nlh, MMSCOPE_FAULTS_STATE, state);
	if (state != MMSCOPE_FAULT_STATE_OFF) {
		mnl_attr_put_u32(nlh, MMSCOPE_FAULTS_TRACK_THREADS, 2);
		mnl_attr_put_u32(nlh, MMSCOPE_FAULTS_T_PAGES, 5);
		mnl_attr_put_u8(nlh, MMSCOPE_FAULTS_ACCESS_KNOWN, 1);
		mnl_attr_put(nlh, MMSCOPE_FAULTS_START_RACED, 0, "");
		mnl_attr_put_u64(nlh, MMSCOPE_FAULTS_T_MIN, 60);
		mnl_attr_put_u64(nlh, MMSCOPE_FAULTS_T_MAJ, 4);
		mnl_attr_put_u64(nlh, MMSCOPE_FAULTS_T_WRITE, 50);
		mnl_attr_put_u64(nlh, MMSCOPE_FAULTS_MIN_END, 99);
		mnl_attr_put_u64(nlh, MMSCOPE_FAULTS_EVENTS_NEXT, 64);
	}
	mnl_attr_nest_end(nlh, n);
}

static void test_summary_off(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_FAULTS);
	struct mms_faults f;

	(void)state;
	memset(&f, 0, sizeof(f));
	put_summary(nlh, MMSCOPE_FAULT_STATE_OFF);
	assert_int_equal(mms_faults_parse(nlh, &f), MNL_CB_OK);
	assert_int_equal(f.pid, 321);
	assert_string_equal(f.comm, "a-very-long-comm");	/* truncated to its buffer */
	assert_int_equal(f.threads, 3);
	assert_true(f.min == 0x100000001ULL);
	assert_true(f.maj == 7 && f.sys_pgfault == 1000 && f.sys_pgmajfault == 10);
	assert_int_equal(f.state, MMSCOPE_FAULT_STATE_OFF);
	assert_false(f.start_raced);
	assert_int_equal(f.track_threads, 0);
	mms_faults_free(&f);
}

static void test_summary_tracked(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_FAULTS);
	struct mms_faults f;

	(void)state;
	memset(&f, 0, sizeof(f));
	put_summary(nlh, MMSCOPE_FAULT_STATE_STOPPED);
	assert_int_equal(mms_faults_parse(nlh, &f), MNL_CB_OK);
	assert_int_equal(f.state, MMSCOPE_FAULT_STATE_STOPPED);
	assert_int_equal(f.track_threads, 2);
	assert_int_equal(f.pages_with_counts, 5);
	assert_int_equal(f.access_known, 1);
	assert_true(f.start_raced);
	assert_true(f.t_min == 60 && f.t_maj == 4 && f.t_write == 50 && f.min_end == 99);
	assert_true(f.events_next == 64);
	mms_faults_free(&f);
}

/* Malformed attributes are skipped and never overwrite a good value. */
static void test_summary_malformed(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_FAULTS);
	struct nlattr *n;
	struct mms_faults f;

	(void)state;
	memset(&f, 0, sizeof(f));
	put_summary(nlh, MMSCOPE_FAULT_STATE_ACTIVE);
	n = mnl_attr_nest_start(nlh, MMSCOPE_A_FAULTS);
	mnl_attr_put_u32(nlh, MMSCOPE_FAULTS_MIN, 1);		/* not a u64 */
	mnl_attr_put_u64(nlh, MMSCOPE_FAULTS_PID, 5);		/* not a u32 */
	mnl_attr_put_u32(nlh, MMSCOPE_FAULTS_STATE, 0);		/* not a u8 */
	mnl_attr_put(nlh, MMSCOPE_FAULTS_COMM, 3, "abc");	/* no NUL */
	mnl_attr_put_u64(nlh, 200, 5);				/* unknown */
	mnl_attr_nest_end(nlh, n);
	assert_int_equal(mms_faults_parse(nlh, &f), MNL_CB_OK);
	assert_true(f.min == 0x100000001ULL);
	assert_int_equal(f.pid, 321);
	assert_int_equal(f.state, MMSCOPE_FAULT_STATE_ACTIVE);
	assert_string_equal(f.comm, "a-very-long-comm");
	mms_faults_free(&f);
}

static void put_vma(struct nlmsghdr *nlh, uint64_t start, const char *name)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, MMSCOPE_A_FAULT_VMA);

	if (name)
		mnl_attr_put_strz(nlh, MMSCOPE_FAULT_VMA_NAME, name);
	mnl_attr_put_u64(nlh, MMSCOPE_FAULT_VMA_START, start);
	mnl_attr_put_u64(nlh, MMSCOPE_FAULT_VMA_END, start + 0x4000);
	mnl_attr_put_u64(nlh, MMSCOPE_FAULT_VMA_FLAGS, 0x73);
	mnl_attr_put_u64(nlh, MMSCOPE_FAULT_VMA_MIN, 3);
	mnl_attr_put_u64(nlh, MMSCOPE_FAULT_VMA_MAJ, 1);
	mnl_attr_put_u64(nlh, MMSCOPE_FAULT_VMA_READ, 1);
	mnl_attr_put_u64(nlh, MMSCOPE_FAULT_VMA_WRITE, 2);
	mnl_attr_put_u64(nlh, MMSCOPE_FAULT_VMA_EXEC, 1);
	mnl_attr_nest_end(nlh, n);
}

/* VMA nests accumulate over messages; a missing name is "". */
static void test_vmas_over_messages(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_FAULTS);
	struct mms_faults f;

	(void)state;
	memset(&f, 0, sizeof(f));
	put_vma(nlh, 0x10000, "/bin/true");
	put_vma(nlh, 0x20000, NULL);
	assert_int_equal(mms_faults_parse(nlh, &f), MNL_CB_OK);
	nlh = reply_start(MMSCOPE_CMD_GET_FAULTS);
	put_vma(nlh, 0x30000, "[heap]");
	assert_int_equal(mms_faults_parse(nlh, &f), MNL_CB_OK);
	assert_int_equal(f.nr_vmas, 3);
	assert_true(f.vmas[0].start == 0x10000 && f.vmas[0].end == 0x14000);
	assert_string_equal(f.vmas[0].name, "/bin/true");
	assert_string_equal(f.vmas[1].name, "");
	assert_string_equal(f.vmas[2].name, "[heap]");
	assert_true(f.vmas[2].min == 3 && f.vmas[2].maj == 1 && f.vmas[2].read == 1 &&
		    f.vmas[2].write == 2 && f.vmas[2].exec == 1 && f.vmas[2].flags == 0x73);
	mms_faults_free(&f);
	assert_int_equal(f.nr_vmas, 0);
}

static void put_page_recs(struct nlmsghdr *nlh, uint32_t stride, unsigned int n)
{
	char buf[8 * 64];
	struct mmscope_fault_page_rec r;
	unsigned int i;

	memset(buf, 0xee, sizeof(buf));
	for (i = 0; i < n; i++) {
		memset(&r, 0, sizeof(r));
		r.va = 0x7f0000000000ULL + i * 4096;
		r.minor = i + 1;
		r.major = 2;
		r.read = 3;
		r.write = 4;
		r.exec = 5;
		memcpy(buf + i * stride, &r, stride < sizeof(r) ? stride : sizeof(r));
	}
	mnl_attr_put_u32(nlh, MMSCOPE_A_FAULT_REC_SIZE, stride);
	mnl_attr_put(nlh, MMSCOPE_A_FAULT_PAGE_RECS, n * stride, buf);
}

static void test_pages_strides(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_FAULTS);
	struct mms_faults f;

	(void)state;
	memset(&f, 0, sizeof(f));
	put_page_recs(nlh, sizeof(struct mmscope_fault_page_rec), 3);
	assert_int_equal(mms_faults_parse(nlh, &f), MNL_CB_OK);
	/* A longer record (newer module): the known fields, the rest skipped. */
	nlh = reply_start(MMSCOPE_CMD_GET_FAULTS);
	put_page_recs(nlh, sizeof(struct mmscope_fault_page_rec) + 16, 2);
	assert_int_equal(mms_faults_parse(nlh, &f), MNL_CB_OK);
	/* A shorter one (older module): the missing fields read as 0. */
	nlh = reply_start(MMSCOPE_CMD_GET_FAULTS);
	put_page_recs(nlh, 12, 1);
	assert_int_equal(mms_faults_parse(nlh, &f), MNL_CB_OK);
	assert_int_equal(f.nr_pages, 6);
	assert_true(f.pages[2].va == 0x7f0000002000ULL && f.pages[2].min == 3);
	assert_true(f.pages[2].maj == 2 && f.pages[2].read == 3 && f.pages[2].write == 4 &&
		    f.pages[2].exec == 5);
	assert_true(f.pages[4].min == 2 && f.pages[4].exec == 5);
	assert_true(f.pages[5].va == 0x7f0000000000ULL && f.pages[5].min == 1);
	assert_true(f.pages[5].maj == 0 && f.pages[5].exec == 0);
	mms_faults_free(&f);
}

/* Records before their size, or of an absurd size, are skipped. */
static void test_pages_bad_stride(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_FAULTS);
	char junk[64] = { 0 };
	struct mms_faults f;

	(void)state;
	memset(&f, 0, sizeof(f));
	mnl_attr_put(nlh, MMSCOPE_A_FAULT_PAGE_RECS, sizeof(junk), junk);
	mnl_attr_put_u32(nlh, MMSCOPE_A_FAULT_REC_SIZE, 4);
	mnl_attr_put(nlh, MMSCOPE_A_FAULT_PAGE_RECS, sizeof(junk), junk);
	mnl_attr_put_u32(nlh, MMSCOPE_A_FAULT_REC_SIZE, 100000);
	mnl_attr_put(nlh, MMSCOPE_A_FAULT_PAGE_RECS, sizeof(junk), junk);
	assert_int_equal(mms_faults_parse(nlh, &f), MNL_CB_OK);
	assert_int_equal(f.nr_pages, 0);
	mms_faults_free(&f);
}

struct seen {
	unsigned int n, stop_at;
	struct mms_fault_event ev[8];
};

static int collect(const struct mms_fault_event *e, void *data)
{
	struct seen *s = data;

	if (s->n < 8)
		s->ev[s->n] = *e;
	s->n++;
	return s->stop_at && s->n == s->stop_at ? -ECANCELED : 0;
}

static void put_events(struct nlmsghdr *nlh, unsigned int n)
{
	struct mmscope_fault_event_rec r[4];
	unsigned int i;

	for (i = 0; i < n; i++) {
		r[i].seq = 10 + i;
		r[i].time_ns = 1000 + i;
		r[i].va = 0x1000 * (i + 1) + 0x12;
		r[i].vma_start = 0x1000;
		r[i].tid = 77;
		r[i].flags = (i == 1 ? MMSCOPE_FAULT_F_MAJOR : 0) |
			     ((i % 4) << MMSCOPE_FAULT_F_ACC_SHIFT);
	}
	mnl_attr_put_u32(nlh, MMSCOPE_A_FAULT_REC_SIZE, sizeof(r[0]));
	mnl_attr_put(nlh, MMSCOPE_A_FAULT_EVENT_RECS, n * sizeof(r[0]), r);
}

static void test_events(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_FAULT_EVENTS);
	struct seen s = { 0 };

	(void)state;
	put_events(nlh, 4);
	assert_int_equal(mms_fault_events_msg_parse(nlh, collect, &s), 0);
	assert_int_equal(s.n, 4);
	assert_true(s.ev[0].seq == 10 && s.ev[3].seq == 13);
	assert_true(s.ev[2].va == 0x3012 && s.ev[2].vma_start == 0x1000 && s.ev[2].tid == 77);
	assert_true(s.ev[1].flags & MMSCOPE_FAULT_F_MAJOR);
	assert_string_equal(mms_fault_access_name(s.ev[0].flags), "unknown");
	assert_string_equal(mms_fault_access_name(s.ev[1].flags), "read");
	assert_string_equal(mms_fault_access_name(s.ev[2].flags), "write");
	assert_string_equal(mms_fault_access_name(s.ev[3].flags), "exec");
}

static void test_events_cb_stops(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_FAULT_EVENTS);
	struct seen s = { .stop_at = 2 };

	(void)state;
	put_events(nlh, 4);
	assert_int_equal(mms_fault_events_msg_parse(nlh, collect, &s), -ECANCELED);
	assert_int_equal(s.n, 2);
}

static void test_events_partial_record(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_FAULT_EVENTS);
	struct mmscope_fault_event_rec r[2] = { { .seq = 5 }, { .seq = 6 } };
	struct seen s = { 0 };

	(void)state;
	mnl_attr_put_u32(nlh, MMSCOPE_A_FAULT_REC_SIZE, sizeof(r[0]));
	/* One record and a half: the half is not a record. */
	mnl_attr_put(nlh, MMSCOPE_A_FAULT_EVENT_RECS, sizeof(r[0]) + sizeof(r[0]) / 2, r);
	assert_int_equal(mms_fault_events_msg_parse(nlh, collect, &s), 0);
	assert_int_equal(s.n, 1);
	assert_true(s.ev[0].seq == 5);
}

static void test_state_names(void **state)
{
	(void)state;
	assert_string_equal(mms_fault_state_name(MMSCOPE_FAULT_STATE_OFF), "off");
	assert_string_equal(mms_fault_state_name(MMSCOPE_FAULT_STATE_ACTIVE), "active");
	assert_string_equal(mms_fault_state_name(MMSCOPE_FAULT_STATE_STOPPED), "stopped");
	assert_string_equal(mms_fault_state_name(MMSCOPE_FAULT_STATE_EXITED), "exited");
	assert_string_equal(mms_fault_state_name(200), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary_off),
		cmocka_unit_test(test_summary_tracked),
		cmocka_unit_test(test_summary_malformed),
		cmocka_unit_test(test_vmas_over_messages),
		cmocka_unit_test(test_pages_strides),
		cmocka_unit_test(test_pages_bad_stride),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_events_cb_stops),
		cmocka_unit_test(test_events_partial_record),
		cmocka_unit_test(test_state_names),
	};

	return cmocka_run_group_tests_name("faults", tests, NULL, NULL);
}
