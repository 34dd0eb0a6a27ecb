// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for frames.c: reference strings, frame ranges, policy names and
 * the textbook table.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "frames.h"

static void test_refs_parse(void **state)
{
	struct mms_refs r = { 0 };
	const char *bad = NULL;

	(void)state;
	assert_int_equal(mms_refs_parse(&r, "1 2  3w,4", &bad), 0);
	assert_int_equal(mms_refs_parse(&r, "63W", &bad), 0);
	assert_int_equal(mms_refs_parse(&r, "", &bad), 0);
	assert_int_equal(r.n, 5);
	assert_int_equal(r.ref[0].page, 1);
	assert_false(r.ref[0].write);
	assert_int_equal(r.ref[2].page, 3);
	assert_true(r.ref[2].write);
	assert_int_equal(r.ref[3].page, 4);
	assert_int_equal(r.ref[4].page, 63);
	assert_true(r.ref[4].write);
	assert_int_equal(r.max_page, 63);
	mms_refs_free(&r);
	assert_int_equal(r.n, 0);
}

static void test_refs_bad(void **state)
{
	static const char *const malformed[] = { "x", "1x", "1ww", "-1", "1.5", "w", "2 3;" };
	struct mms_refs r = { 0 };
	const char *bad = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		assert_int_equal(mms_refs_parse(&r, malformed[i], &bad), -EINVAL);
		assert_non_null(bad);
	}
	mms_refs_free(&r);
	assert_int_equal(mms_refs_parse(&r, "1 64", &bad), -ERANGE);
	assert_string_equal(bad, "64");
	mms_refs_free(&r);
	assert_int_equal(mms_refs_parse(&r, "99999999999999999999", &bad), -ERANGE);
	mms_refs_free(&r);
}

static void test_refs_cap(void **state)
{
	struct mms_refs r = { 0 };
	const char *bad = NULL;
	size_t i;
	int ret = 0;

	(void)state;
	for (i = 0; i < MMSCOPE_FRAMES_MAX_FUTURE && !ret; i++)
		ret = mms_refs_parse(&r, "5", &bad);
	assert_int_equal(ret, 0);
	assert_int_equal(r.n, MMSCOPE_FRAMES_MAX_FUTURE);
	assert_int_equal(mms_refs_parse(&r, "5", &bad), -E2BIG);
	mms_refs_free(&r);
}

static void test_range(void **state)
{
	unsigned int lo = 0, hi = 0;

	(void)state;
	assert_int_equal(mms_frames_parse_range("3", &lo, &hi), 0);
	assert_int_equal(lo, 3);
	assert_int_equal(hi, 3);
	assert_int_equal(mms_frames_parse_range("1-7", &lo, &hi), 0);
	assert_int_equal(lo, 1);
	assert_int_equal(hi, 7);
	assert_int_equal(mms_frames_parse_range("64", &lo, &hi), 0);
	assert_int_equal(mms_frames_parse_range("0", &lo, &hi), -EINVAL);
	assert_int_equal(mms_frames_parse_range("65", &lo, &hi), -EINVAL);
	assert_int_equal(mms_frames_parse_range("7-1", &lo, &hi), -EINVAL);
	assert_int_equal(mms_frames_parse_range("1-", &lo, &hi), -EINVAL);
	assert_int_equal(mms_frames_parse_range("-3", &lo, &hi), -EINVAL);
	assert_int_equal(mms_frames_parse_range("1-3-5", &lo, &hi), -EINVAL);
	assert_int_equal(mms_frames_parse_range("", &lo, &hi), -EINVAL);
	/* Refused ranges leave the last good one alone. */
	assert_int_equal(lo, 64);
	assert_int_equal(hi, 64);
}

static void test_policy_names(void **state)
{
	unsigned int i;

	(void)state;
	for (i = 0; i < MMSCOPE_FRAMES_NR_POLICIES; i++)
		assert_int_equal(mms_frames_policy(mms_frames_policy_name(i)), (int)i);
	assert_int_equal(mms_frames_policy("lru"), MMSCOPE_FRAMES_LRU);
	assert_int_equal(mms_frames_policy("LRU"), -1);
	assert_int_equal(mms_frames_policy("nru"), -1);
	assert_string_equal(mms_frames_policy_name(MMSCOPE_FRAMES_NR_POLICIES), "?");
	assert_string_not_equal(mms_frames_bad_text(MMSCOPE_FRAMES_BAD_FRAMES),
				mms_frames_bad_text(MMSCOPE_FRAMES_BAD_PAGES));
}

/* One event of a 2-frame region: @f0 and @f1 in the frames after it. */
static struct mmscope_frames_event ev(uint64_t seq, uint8_t page, uint8_t flags, uint8_t victim,
				      uint8_t f0, uint8_t f1, uint64_t rbits, uint64_t dbits)
{
	struct mmscope_frames_event e;

	memset(&e, 0, sizeof(e));
	memset(e.frame, MMSCOPE_FRAMES_NONE, sizeof(e.frame));
	e.seq = seq;
	e.page = page;
	e.flags = flags;
	e.victim = victim;
	e.frame[0] = f0;
	e.frame[1] = f1;
	e.ref_bits = rbits;
	e.dirty_bits = dbits;
	return e;
}

static char *table(const struct mms_frames_result *res, bool marks, unsigned int width)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	mms_frames_print_table(f, res, marks, width);
	assert_int_equal(fclose(f), 0);
	assert_non_null(buf);
	return buf;
}

static void test_table(void **state)
{
	const uint8_t N = MMSCOPE_FRAMES_NONE, F = MMSCOPE_FRAMES_EV_FAULT,
		      W = MMSCOPE_FRAMES_EV_WRITE, B = MMSCOPE_FRAMES_EV_WRITEBACK;
	struct mmscope_frames_event e[4] = {
		ev(0, 1, F | W, N, 1, N, 1, 1),
		ev(1, 12, F, N, 1, 12, 3, 1),
		ev(2, 12, 0, N, 1, 12, 3, 1),
		ev(3, 3, F | B, 1, 3, 12, 1, 0),
	};
	struct mms_frames_result res = { .ev = e, .nr_ev = 4 };
	char *got;

	(void)state;
	res.st.frames = 2;
	got = table(&res, false, 80);
	assert_string_equal(got,
			    "ref      1w 12 12  3\n"
			    "frame 0   1  1  1  3\n"
			    "frame 1     12 12 12\n"
			    "fault     F  F     F\n"
			    "evicted           1+\n");
	free(got);
	got = table(&res, true, 80);
	assert_string_equal(got,
			    "ref       1w  12  12  3\n"
			    "frame 0  1*+ 1*+ 1*+ 3*\n"
			    "frame 1      12* 12* 12\n"
			    "fault      F   F      F\n"
			    "evicted              1+\n");
	free(got);
	/* Narrow: two columns per block, blocks apart by a blank line. */
	got = table(&res, false, 16);
	assert_string_equal(got,
			    "ref      1w 12\n"
			    "frame 0   1  1\n"
			    "frame 1     12\n"
			    "fault     F  F\n"
			    "evicted\n"
			    "\n"
			    "ref      12  3\n"
			    "frame 0   1  3\n"
			    "frame 1  12 12\n"
			    "fault        F\n"
			    "evicted     1+\n");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refs_parse),
		cmocka_unit_test(test_refs_bad),
		cmocka_unit_test(test_refs_cap),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_policy_names),
		cmocka_unit_test(test_table),
	};

	return cmocka_run_group_tests_name("frames", tests, NULL, NULL);
}
