// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for util.c: number and PID parsing.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util.h"

/* A value no successful parse of the inputs below produces. */
#define U64_POISON	0x5a5a5a5a5a5a5a5aULL
#define PID_POISON	-12345

/* Parse @s, expect success and @want. */
static void u64_ok(const char *s, uint64_t want)
{
	uint64_t v = U64_POISON;

	assert_int_equal(mms_parse_u64(s, &v), 0);
	assert_true(v == want);
}

/* Parse @s, expect @err and the output left untouched. */
static void u64_err(const char *s, int err)
{
	uint64_t v = U64_POISON;

	assert_int_equal(mms_parse_u64(s, &v), err);
	assert_true(v == U64_POISON);
}

static void pid_ok(const char *s, int want)
{
	int pid = PID_POISON;

	assert_int_equal(mms_parse_pid(s, &pid), 0);
	assert_int_equal(pid, want);
}

static void pid_err(const char *s, int err)
{
	int pid = PID_POISON;

	assert_int_equal(mms_parse_pid(s, &pid), err);
	assert_int_equal(pid, PID_POISON);
}

static void test_u64_decimal(void **state)
{
	(void)state;
	u64_ok("0", 0);
	u64_ok("1", 1);
	u64_ok("42", 42);
	u64_ok("4096", 4096);
	u64_ok("4294967296", 4294967296ULL);
}

static void test_u64_hex(void **state)
{
	(void)state;
	u64_ok("0x0", 0);
	u64_ok("0x10", 16);
	u64_ok("0xff", 255);
	u64_ok("0xFF", 255);
	u64_ok("0x7f0000001000", 0x7f0000001000ULL);
	u64_ok("0xffffffffffffffff", UINT64_MAX);
}

static void test_u64_max(void **state)
{
	(void)state;
	u64_ok("18446744073709551615", UINT64_MAX);
	u64_ok("18446744073709551614", UINT64_MAX - 1);
}

static void test_u64_overflow(void **state)
{
	(void)state;
	u64_err("18446744073709551616", -ERANGE);
	u64_err("99999999999999999999999999", -ERANGE);
	u64_err("0x10000000000000000", -ERANGE);
}

static void test_u64_invalid(void **state)
{
	(void)state;
	u64_err("", -EINVAL);
	u64_err(NULL, -EINVAL);
	u64_err("-1", -EINVAL);
	u64_err("-0", -EINVAL);
	u64_err("+1", -EINVAL);
	u64_err(" 1", -EINVAL);
	u64_err("1 ", -EINVAL);
	u64_err("12abc", -EINVAL);
	u64_err("abc", -EINVAL);
	u64_err("0x", -EINVAL);
	u64_err("0xg", -EINVAL);
	u64_err("1.5", -EINVAL);
}

static void test_pid_ok(void **state)
{
	(void)state;
	pid_ok("1", 1);
	pid_ok("42", 42);
	pid_ok("4194304", 4194304);	/* PID_MAX_LIMIT */
	pid_ok("2147483647", INT_MAX);	/* the contract is "fits pid_t" */
}

static void test_pid_range(void **state)
{
	(void)state;
	pid_err("0", -ERANGE);
	pid_err("2147483648", -ERANGE);
	pid_err("4294967296", -ERANGE);
	pid_err("18446744073709551615", -ERANGE);
	pid_err("18446744073709551616", -ERANGE);
}

static void test_pid_invalid(void **state)
{
	(void)state;
	pid_err(NULL, -EINVAL);
	pid_err("", -EINVAL);
	pid_err("-1", -EINVAL);
	pid_err("+1", -EINVAL);
	pid_err(" 1", -EINVAL);
	pid_err("\t1", -EINVAL);
	pid_err("\n1", -EINVAL);
	pid_err("0x10", -EINVAL);
	pid_err("abc", -EINVAL);
	pid_err("12abc", -EINVAL);
	pid_err("1 ", -EINVAL);
}

/* "decimal or 0x-prefixed": a leading 0 does not switch to octal. */
static void test_u64_no_octal(void **state)
{
	uint64_t v = U64_POISON;
	int ret;

	(void)state;
	/* Either decimal 10 or a rejection is fine; octal 8 is not. */
	ret = mms_parse_u64("010", &v);
	assert_true(ret == -EINVAL || (ret == 0 && v == 10));
	ret = mms_parse_u64("08", &v);
	assert_true(ret == -EINVAL || (ret == 0 && v == 8));
}

/* "The whole string must match": no leading white space of any kind. */
static void test_u64_leading_whitespace(void **state)
{
	(void)state;
	u64_err("\t1", -EINVAL);
	u64_err("\n1", -EINVAL);
	u64_err("\t-1", -EINVAL);
	u64_err("\v-2", -EINVAL);
	u64_err("\f+1", -EINVAL);
}

/* "a positive decimal": no hex with 0X, no octal. */
static void test_pid_decimal_only(void **state)
{
	int pid = PID_POISON;
	int ret;

	(void)state;
	pid_err("0X10", -EINVAL);
	ret = mms_parse_pid("010", &pid);
	assert_true(ret == -EINVAL || (ret == 0 && pid == 10));
	ret = mms_parse_pid("08", &pid);
	assert_true(ret == -EINVAL || (ret == 0 && pid == 8));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_u64_decimal),
		cmocka_unit_test(test_u64_hex),
		cmocka_unit_test(test_u64_max),
		cmocka_unit_test(test_u64_overflow),
		cmocka_unit_test(test_u64_invalid),
		cmocka_unit_test(test_pid_ok),
		cmocka_unit_test(test_pid_range),
		cmocka_unit_test(test_pid_invalid),
		cmocka_unit_test(test_u64_no_octal),
		cmocka_unit_test(test_u64_leading_whitespace),
		cmocka_unit_test(test_pid_decimal_only),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
