// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for output.c: aligned text tables and JSON documents.
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
#include <json-c/json.h>

#include "output.h"

/* Everything mms_table_print() writes, as one malloc'ed string. */
static char *table_to_string(const struct mms_table *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	mms_table_print(t, f);
	assert_int_equal(fclose(f), 0);
	assert_non_null(buf);
	return buf;
}

/* No line of @s ends in a blank, and @s is empty or ends in a newline. */
static void assert_no_trailing_blanks(const char *s)
{
	const char *p;

	for (p = s; *p; p++)
		if (*p == '\n' && p > s)
			assert_false(p[-1] == ' ' || p[-1] == '\t');
	if (p > s)
		assert_int_equal(p[-1], '\n');
}

/* Print @t, compare with @want exactly, and free @t. */
static void assert_table(struct mms_table *t, const char *want)
{
	char *got = table_to_string(t);

	assert_string_equal(got, want);
	assert_no_trailing_blanks(got);
	free(got);
	mms_table_free(t);
}

static void add_row(struct mms_table *t, unsigned int n, ...)
{
	unsigned int i;
	va_list ap;

	assert_int_equal(mms_table_row(t), 0);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_int_equal(mms_table_cell(t, "%s", va_arg(ap, const char *)), 0);
	va_end(ap);
}

static void test_table_left_aligned(void **state)
{
	static const char *const hdr[] = { "NAME", "VALUE" };
	struct mms_table *t = mms_table_new(2, hdr);

	(void)state;
	assert_non_null(t);
	add_row(t, 2, "a", "1");
	add_row(t, 2, "longer", "22");
	assert_table(t,
		     "NAME    VALUE\n"
		     "a       1\n"
		     "longer  22\n");
}

static void test_table_right_aligned(void **state)
{
	static const char *const hdr[] = { "NAME", "SIZE", "UNIT" };
	struct mms_table *t = mms_table_new(3, hdr);

	(void)state;
	assert_non_null(t);
	mms_table_align_right(t, 1);
	add_row(t, 3, "a", "1", "B");
	add_row(t, 3, "bb", "4096", "KiB");
	add_row(t, 3, "ccccc", "12345", "B");
	assert_table(t,
		     "NAME    SIZE  UNIT\n"
		     "a          1  B\n"
		     "bb      4096  KiB\n"
		     "ccccc  12345  B\n");
}

/* A right-aligned last column ends exactly at its width, with no blanks. */
static void test_table_right_aligned_last(void **state)
{
	static const char *const hdr[] = { "K", "N" };
	struct mms_table *t = mms_table_new(2, hdr);

	(void)state;
	assert_non_null(t);
	mms_table_align_right(t, 0);
	mms_table_align_right(t, 1);
	add_row(t, 2, "key", "7");
	add_row(t, 2, "k", "1000");
	add_row(t, 2, "x", "");
	assert_table(t,
		     "  K     N\n"
		     "key     7\n"
		     "  k  1000\n"
		     "  x\n");
}

static void test_table_empty_trailing_cells(void **state)
{
	static const char *const hdr[] = { "FEATURE", "STATE", "REASON" };
	struct mms_table *t = mms_table_new(3, hdr);

	(void)state;
	assert_non_null(t);
	add_row(t, 3, "a", "available", "");
	add_row(t, 3, "bbbb", "unavailable", "no debugfs");
	add_row(t, 3, "c", "", "");
	add_row(t, 3, "d", "", "why");
	add_row(t, 3, "", "", "");
	/* Cells never added print as empty cells. */
	add_row(t, 1, "e");
	add_row(t, 0);
	assert_table(t,
		     "FEATURE  STATE        REASON\n"
		     "a        available\n"
		     "bbbb     unavailable  no debugfs\n"
		     "c\n"
		     "d                     why\n"
		     "\n"
		     "e\n"
		     "\n");
}

static void test_table_no_header(void **state)
{
	struct mms_table *t = mms_table_new(2, NULL);

	(void)state;
	assert_non_null(t);
	/* No row started yet: nowhere to put a cell. */
	assert_int_equal(mms_table_cell(t, "x"), -EINVAL);
	assert_int_equal(mms_table_row(t), 0);
	assert_int_equal(mms_table_cell(t, "module version:"), 0);
	assert_int_equal(mms_table_cell(t, "%s (tool %s, protocol %d)", "0.1.0", "0.1.0", 1), 0);
	assert_int_equal(mms_table_row(t), 0);
	assert_int_equal(mms_table_cell(t, "page size:"), 0);
	assert_int_equal(mms_table_cell(t, "%u", 4096u), 0);
	assert_table(t,
		     "module version:  0.1.0 (tool 0.1.0, protocol 1)\n"
		     "page size:       4096\n");
}

static void test_table_header_only(void **state)
{
	static const char *const hdr[] = { "A", "BB", "C" };
	struct mms_table *t = mms_table_new(3, hdr);

	(void)state;
	assert_non_null(t);
	assert_table(t, "A  BB  C\n");
}

static void test_table_empty(void **state)
{
	struct mms_table *t = mms_table_new(4, NULL);

	(void)state;
	assert_non_null(t);
	assert_table(t, "");
}

static void test_table_cell_beyond_ncols(void **state)
{
	static const char *const hdr[] = { "A", "B" };
	struct mms_table *t = mms_table_new(2, hdr);

	(void)state;
	assert_non_null(t);
	/* The header row is full already. */
	assert_int_equal(mms_table_cell(t, "extra"), -EINVAL);
	assert_int_equal(mms_table_row(t), 0);
	assert_int_equal(mms_table_cell(t, "1"), 0);
	assert_int_equal(mms_table_cell(t, "2"), 0);
	assert_int_equal(mms_table_cell(t, "too-wide-and-rejected"), -EINVAL);
	assert_int_equal(mms_table_cell(t, "again"), -EINVAL);
	/* A new row accepts cells again. */
	assert_int_equal(mms_table_row(t), 0);
	assert_int_equal(mms_table_cell(t, "3"), 0);
	assert_table(t,
		     "A  B\n"
		     "1  2\n"
		     "3\n");
}

static void test_table_new_invalid(void **state)
{
	static const char *const hdr[] = { "A" };

	(void)state;
	assert_null(mms_table_new(0, NULL));
	assert_null(mms_table_new(0, hdr));
	mms_table_free(NULL);
}

/* Out-of-range columns are ignored by mms_table_align_right(). */
static void test_table_align_right_out_of_range(void **state)
{
	static const char *const hdr[] = { "A", "B" };
	struct mms_table *t = mms_table_new(2, hdr);

	(void)state;
	assert_non_null(t);
	mms_table_align_right(t, 2);
	mms_table_align_right(t, 1000);
	mms_table_align_right(t, ~0u);
	add_row(t, 2, "long", "long");
	assert_table(t,
		     "A     B\n"
		     "long  long\n");
}

static void test_table_many_rows(void **state)
{
	static const char *const hdr[] = { "N", "NAME", "HEX" };
	struct mms_table *t = mms_table_new(3, hdr);
	char *want = NULL, name[16];
	size_t len = 0;
	unsigned int i;
	FILE *f;

	(void)state;
	assert_non_null(t);
	mms_table_align_right(t, 0);
	f = open_memstream(&want, &len);
	assert_non_null(f);
	/* Widest cells: "999" and "row999"; the last column is never padded. */
	fprintf(f, "  N  NAME    HEX\n");
	for (i = 0; i < 1000; i++) {
		assert_int_equal(mms_table_row(t), 0);
		assert_int_equal(mms_table_cell(t, "%u", i), 0);
		assert_int_equal(mms_table_cell(t, "row%u", i), 0);
		assert_int_equal(mms_table_cell(t, "%#x", i), 0);
		snprintf(name, sizeof(name), "row%u", i);
		fprintf(f, "%3u  %-6s  %#x\n", i, name, i);
	}
	assert_int_equal(fclose(f), 0);
	assert_table(t, want);
	free(want);
}

static void test_table_print_twice(void **state)
{
	static const char *const hdr[] = { "A", "B" };
	struct mms_table *t = mms_table_new(2, hdr);
	char *a, *b;

	(void)state;
	assert_non_null(t);
	add_row(t, 2, "x", "y");
	a = table_to_string(t);
	b = table_to_string(t);
	assert_string_equal(a, "A  B\nx  y\n");
	assert_string_equal(a, b);
	free(a);
	free(b);
	mms_table_free(t);
}

/* Print @obj with mms_json_print() into a string; expect @ret. */
static char *json_to_string(struct json_object *obj, int ret)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(mms_json_print(obj, f), ret);
	assert_int_equal(fclose(f), 0);
	assert_non_null(buf);
	return buf;
}

static void test_json_print_roundtrip(void **state)
{
	struct json_object *o = json_object_new_object(), *feats, *f, *v;
	struct json_object *back;
	size_t len;
	char *s;

	(void)state;
	assert_non_null(o);
	json_object_object_add(o, "version", json_object_new_string("0.1.0"));
	json_object_object_add(o, "page_size", json_object_new_int64(4096));
	json_object_object_add(o, "path", json_object_new_string("/sys/kernel/debug"));
	json_object_object_add(o, "quote", json_object_new_string("a \"b\"\n"));
	feats = json_object_new_array();
	f = json_object_new_object();
	json_object_object_add(f, "name", json_object_new_string("debugfs"));
	json_object_object_add(f, "available", json_object_new_boolean(0));
	json_object_object_add(f, "reason", mms_json_str_or_null("not mounted"));
	json_object_array_add(feats, f);
	f = json_object_new_object();
	json_object_object_add(f, "name", json_object_new_string("thp"));
	json_object_object_add(f, "available", json_object_new_boolean(1));
	json_object_object_add(f, "reason", mms_json_str_or_null(""));
	json_object_array_add(feats, f);
	json_object_object_add(o, "features", feats);

	s = json_to_string(o, 0);
	len = strlen(s);
	assert_true(len > 1);
	assert_int_equal(s[len - 1], '\n');
	assert_true(len < 2 || s[len - 2] != '\n');
	/* Slashes are not escaped. */
	assert_non_null(strstr(s, "\"/sys/kernel/debug\""));

	back = json_tokener_parse(s);
	assert_non_null(back);
	assert_true(json_object_is_type(back, json_type_object));
	assert_true(json_object_object_get_ex(back, "version", &v));
	assert_string_equal(json_object_get_string(v), "0.1.0");
	assert_true(json_object_object_get_ex(back, "page_size", &v));
	assert_true(json_object_is_type(v, json_type_int));
	assert_int_equal(json_object_get_int64(v), 4096);
	assert_true(json_object_object_get_ex(back, "path", &v));
	assert_string_equal(json_object_get_string(v), "/sys/kernel/debug");
	assert_true(json_object_object_get_ex(back, "quote", &v));
	assert_string_equal(json_object_get_string(v), "a \"b\"\n");
	assert_true(json_object_object_get_ex(back, "features", &feats));
	assert_true(json_object_is_type(feats, json_type_array));
	assert_int_equal(json_object_array_length(feats), 2);
	f = json_object_array_get_idx(feats, 0);
	assert_true(json_object_object_get_ex(f, "name", &v));
	assert_string_equal(json_object_get_string(v), "debugfs");
	assert_true(json_object_object_get_ex(f, "available", &v));
	assert_true(json_object_is_type(v, json_type_boolean));
	assert_false(json_object_get_boolean(v));
	assert_true(json_object_object_get_ex(f, "reason", &v));
	assert_string_equal(json_object_get_string(v), "not mounted");
	f = json_object_array_get_idx(feats, 1);
	assert_true(json_object_object_get_ex(f, "available", &v));
	assert_true(json_object_get_boolean(v));
	/* Present, and JSON null. */
	assert_true(json_object_object_get_ex(f, "reason", &v));
	assert_null(v);
	json_object_put(back);
	free(s);
}

/* mms_json_print() drops the caller's reference. */
static void test_json_print_releases(void **state)
{
	struct json_object *o = json_object_new_object(), *back;
	char *s;

	(void)state;
	assert_non_null(o);
	json_object_get(o);
	s = json_to_string(o, 0);
	assert_int_equal(s[strlen(s) - 1], '\n');
	back = json_tokener_parse(s);
	assert_non_null(back);
	assert_true(json_object_is_type(back, json_type_object));
	assert_int_equal(json_object_object_length(back), 0);
	json_object_put(back);
	/* Ours was the last reference left: this put frees the object. */
	assert_int_equal(json_object_put(o), 1);
	free(s);
}

static void test_json_print_null(void **state)
{
	enum json_tokener_error err = json_tokener_error_depth;
	struct json_object *back;
	char *s;

	(void)state;
	s = json_to_string(NULL, 0);
	assert_string_equal(s, "null\n");
	/* Valid JSON: the literal null. */
	back = json_tokener_parse_verbose(s, &err);
	assert_int_equal(err, json_tokener_success);
	assert_null(back);
	free(s);
}

/* A stream that refuses writes yields -EIO, and the object is still released. */
static void test_json_print_error(void **state)
{
	struct json_object *o = json_object_new_object();
	char buf[64] = "";
	FILE *f;

	(void)state;
	assert_non_null(o);
	json_object_object_add(o, "k", json_object_new_string("v"));
	json_object_get(o);
	f = fmemopen(buf, sizeof(buf), "r");
	assert_non_null(f);
	assert_int_equal(mms_json_print(o, f), -EIO);
	fclose(f);
	assert_int_equal(json_object_put(o), 1);
}

static void test_json_str_or_null(void **state)
{
	struct json_object *s;

	(void)state;
	assert_null(mms_json_str_or_null(NULL));
	assert_null(mms_json_str_or_null(""));
	s = mms_json_str_or_null("x");
	assert_non_null(s);
	assert_true(json_object_is_type(s, json_type_string));
	assert_string_equal(json_object_get_string(s), "x");
	json_object_put(s);
	s = mms_json_str_or_null(" ");
	assert_non_null(s);
	assert_string_equal(json_object_get_string(s), " ");
	json_object_put(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_left_aligned),
		cmocka_unit_test(test_table_right_aligned),
		cmocka_unit_test(test_table_right_aligned_last),
		cmocka_unit_test(test_table_empty_trailing_cells),
		cmocka_unit_test(test_table_no_header),
		cmocka_unit_test(test_table_header_only),
		cmocka_unit_test(test_table_empty),
		cmocka_unit_test(test_table_cell_beyond_ncols),
		cmocka_unit_test(test_table_new_invalid),
		cmocka_unit_test(test_table_align_right_out_of_range),
		cmocka_unit_test(test_table_many_rows),
		cmocka_unit_test(test_table_print_twice),
		cmocka_unit_test(test_json_print_roundtrip),
		cmocka_unit_test(test_json_print_releases),
		cmocka_unit_test(test_json_print_null),
		cmocka_unit_test(test_json_print_error),
		cmocka_unit_test(test_json_str_or_null),
	};

	return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}
