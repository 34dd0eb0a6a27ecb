// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for rmap.c: parsing GET_RMAP replies (built with libmnl the way
 * module/netlink.c builds them, pad attributes included) and the names of
 * frame kinds and methods.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "rmap.h"

static union {
	struct nlmsghdr nlh;
	char buf[128 * 1024];
} msg;

static struct mms_rmap r;

static struct nlmsghdr *reply_start(void)
{
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;

	memset(&msg, 0, sizeof(msg));
	nlh = mnl_nlmsg_put_header(msg.buf);
	nlh->nlmsg_type = 0x1d;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = MMSCOPE_CMD_GET_RMAP;
	genl->version = MMSCOPE_GENL_VERSION;
	return nlh;
}

static void parse(const struct nlmsghdr *nlh)
{
	memset(&r, 0, sizeof(r));
	assert_int_equal(mms_rmap_parse(nlh, &r), MNL_CB_OK);
}

static void put_mapper(struct nlmsghdr *nlh, uint32_t pid, const char *comm, uint64_t va)
{
	struct nlattr *m = mnl_attr_nest_start(nlh, MMSCOPE_RMAP_MAPPER);

	mnl_attr_put_u32(nlh, MMSCOPE_MAPPER_PID, pid);
	mnl_attr_put_strz(nlh, MMSCOPE_MAPPER_COMM, comm);
	mnl_attr_put_u8(nlh, MMSCOPE_MAPPER_LEVEL, MMSCOPE_LEVEL_PTE);
	mnl_attr_put_u32(nlh, MMSCOPE_MAPPER_FLAGS, MMSCOPE_F_PRESENT | MMSCOPE_F_RW);
	mnl_attr_put(nlh, MMSCOPE_MAPPER_PAD, 0, "");
	mnl_attr_put_u64(nlh, MMSCOPE_MAPPER_VA, va);
	mnl_attr_put_u64(nlh, MMSCOPE_MAPPER_VMA_START, va & ~0xfffffULL);
	mnl_attr_put_u64(nlh, MMSCOPE_MAPPER_VMA_END, (va & ~0xfffffULL) + 0x100000);
	mnl_attr_put_u64(nlh, MMSCOPE_MAPPER_VMA_FLAGS, 0x73);
	mnl_attr_put_u64(nlh, MMSCOPE_MAPPER_VMA_PGOFF, 0x2000);
	mnl_attr_nest_end(nlh, m);
}

static void test_file_reply(void **state)
{
	struct nlmsghdr *nlh = reply_start();
	struct nlattr *n;

	(void)state;
	n = mnl_attr_nest_start(nlh, MMSCOPE_A_RMAP);
	mnl_attr_put(nlh, MMSCOPE_RMAP_PAD, 0, "");
	mnl_attr_put_u64(nlh, MMSCOPE_RMAP_PFN, 0x12345);
	mnl_attr_put_u8(nlh, MMSCOPE_RMAP_FRAME, MMSCOPE_FRAME_FILE);
	mnl_attr_put_u8(nlh, MMSCOPE_RMAP_METHOD, MMSCOPE_RMAP_M_I_MMAP);
	mnl_attr_put_u32(nlh, MMSCOPE_RMAP_MAPCOUNT, 3);
	mnl_attr_put_u32(nlh, MMSCOPE_RMAP_FOLIO_PAGES, 1);
	mnl_attr_put_u32(nlh, MMSCOPE_RMAP_NR_MAPPERS, 3);
	mnl_attr_put_u32(nlh, MMSCOPE_RMAP_CANDIDATES, 5);
	mnl_attr_put_u32(nlh, MMSCOPE_RMAP_STALE, 2);
	mnl_attr_put_u64(nlh, MMSCOPE_RMAP_ELAPSED_NS, 81000);
	mnl_attr_put_strz(nlh, MMSCOPE_RMAP_FILE_PATH, "/usr/lib/libc.so.6");
	mnl_attr_put_u64(nlh, MMSCOPE_RMAP_FILE_OFFSET, 0x3000);
	mnl_attr_put_u64(nlh, MMSCOPE_RMAP_FILE_INO, 4242);
	mnl_attr_put_u32(nlh, MMSCOPE_RMAP_FILE_DEV_MAJOR, 8);
	mnl_attr_put_u32(nlh, MMSCOPE_RMAP_FILE_DEV_MINOR, 1);
	put_mapper(nlh, 100, "cat", 0x7f0000003000ULL);
	put_mapper(nlh, 101, "a-very-long-comm-name", 0x7f1000003000ULL);
	put_mapper(nlh, 102, "sh", 0x7f2000003000ULL);
	mnl_attr_nest_end(nlh, n);

	parse(nlh);
	assert_int_equal(r.pfn, 0x12345);
	assert_false(r.has_va);
	assert_int_equal(r.frame, MMSCOPE_FRAME_FILE);
	assert_int_equal(r.method, MMSCOPE_RMAP_M_I_MMAP);
	assert_int_equal(r.mapcount, 3);
	assert_int_equal(r.folio_pages, 1);
	assert_int_equal(r.nr_mappers, 3);
	assert_int_equal(r.candidates, 5);
	assert_int_equal(r.stale, 2);
	assert_int_equal(r.elapsed_ns, 81000);
	assert_false(r.truncated);
	assert_true(r.has_file);
	assert_string_equal(r.path, "/usr/lib/libc.so.6");
	assert_int_equal(r.file_offset, 0x3000);
	assert_int_equal(r.file_ino, 4242);
	assert_int_equal(r.dev_major, 8);
	assert_int_equal(r.dev_minor, 1);
	assert_string_equal(r.note, "");
	assert_int_equal(r.nr_stored, 3);
	assert_int_equal(r.mappers[0].pid, 100);
	assert_string_equal(r.mappers[0].comm, "cat");
	assert_int_equal(r.mappers[0].va, 0x7f0000003000ULL);
	assert_int_equal(r.mappers[0].vm_start, 0x7f0000000000ULL);
	assert_int_equal(r.mappers[0].vm_end, 0x7f0000100000ULL);
	assert_int_equal(r.mappers[0].vm_flags, 0x73);
	assert_int_equal(r.mappers[0].vm_pgoff, 0x2000);
	assert_int_equal(r.mappers[0].level, MMSCOPE_LEVEL_PTE);
	assert_int_equal(r.mappers[0].flags, MMSCOPE_F_PRESENT | MMSCOPE_F_RW);
	/* A comm longer than the kernel's is cut, never overflows. */
	assert_string_equal(r.mappers[1].comm, "a-very-long-comm");
	assert_int_equal(r.mappers[2].pid, 102);
}

static void test_anon_va_negative_mapcount(void **state)
{
	struct nlmsghdr *nlh = reply_start();
	struct nlattr *n;

	(void)state;
	n = mnl_attr_nest_start(nlh, MMSCOPE_A_RMAP);
	mnl_attr_put_u64(nlh, MMSCOPE_RMAP_PFN, 7);
	mnl_attr_put_u64(nlh, MMSCOPE_RMAP_VA, 0x555555554000ULL);
	mnl_attr_put_u8(nlh, MMSCOPE_RMAP_FRAME, MMSCOPE_FRAME_ZERO);
	mnl_attr_put_u32(nlh, MMSCOPE_RMAP_MAPCOUNT, (uint32_t)-1);
	mnl_attr_put_strz(nlh, MMSCOPE_RMAP_NOTE, "the shared zero page");
	mnl_attr_nest_end(nlh, n);

	parse(nlh);
	assert_true(r.has_va);
	assert_int_equal(r.va, 0x555555554000ULL);
	assert_int_equal(r.mapcount, -1);
	assert_int_equal(r.method, MMSCOPE_RMAP_M_NONE);
	assert_false(r.has_file);
	assert_string_equal(r.note, "the shared zero page");
	assert_int_equal(r.nr_stored, 0);
}

/* More mapper nests than the model holds: the rest is ignored, nothing overflows. */
static void test_too_many_mappers(void **state)
{
	struct nlmsghdr *nlh = reply_start();
	struct nlattr *n;
	unsigned int i;

	(void)state;
	n = mnl_attr_nest_start(nlh, MMSCOPE_A_RMAP);
	mnl_attr_put_u32(nlh, MMSCOPE_RMAP_NR_MAPPERS, 500);
	mnl_attr_put(nlh, MMSCOPE_RMAP_TRUNCATED, 0, NULL);
	for (i = 0; i < MMSCOPE_RMAP_MAX_MAPPERS + 10; i++)
		put_mapper(nlh, 1000 + i, "w", 0x1000ULL * (i + 1));
	mnl_attr_nest_end(nlh, n);

	parse(nlh);
	assert_true(r.truncated);
	assert_int_equal(r.nr_mappers, 500);
	assert_int_equal(r.nr_stored, MMSCOPE_RMAP_MAX_MAPPERS);
	assert_int_equal(r.mappers[MMSCOPE_RMAP_MAX_MAPPERS - 1].pid,
			 1000 + MMSCOPE_RMAP_MAX_MAPPERS - 1);
}

/* Malformed attributes are ignored and never overwrite good values. */
static void test_malformed(void **state)
{
	struct nlmsghdr *nlh = reply_start();
	struct nlattr *n, *m;
	char long_path[5000];

	(void)state;
	memset(long_path, 'p', sizeof(long_path) - 1);
	long_path[0] = '/';
	long_path[sizeof(long_path) - 1] = '\0';
	n = mnl_attr_nest_start(nlh, MMSCOPE_A_RMAP);
	mnl_attr_put_u64(nlh, MMSCOPE_RMAP_PFN, 99);
	mnl_attr_put_u32(nlh, MMSCOPE_RMAP_PFN, 1);		/* u32 where a u64 belongs */
	mnl_attr_put_u8(nlh, MMSCOPE_RMAP_FRAME, MMSCOPE_FRAME_ANON);
	mnl_attr_put_u64(nlh, MMSCOPE_RMAP_FRAME, 5);		/* u64 where a u8 belongs */
	mnl_attr_put(nlh, MMSCOPE_RMAP_NOTE, 3, "abc");	/* not NUL-terminated */
	mnl_attr_put_strz(nlh, MMSCOPE_RMAP_FILE_PATH, long_path);
	mnl_attr_put_u32(nlh, MMSCOPE_RMAP_MAPPER, 7);		/* not a nest */
	m = mnl_attr_nest_start(nlh, MMSCOPE_RMAP_MAPPER);	/* no VA: dropped */
	mnl_attr_put_u32(nlh, MMSCOPE_MAPPER_PID, 5);
	mnl_attr_nest_end(nlh, m);
	m = mnl_attr_nest_start(nlh, MMSCOPE_RMAP_MAPPER);
	mnl_attr_put_u64(nlh, MMSCOPE_MAPPER_VA, 0x1000);
	mnl_attr_put_u64(nlh, MMSCOPE_MAPPER_PID, 5);		/* wrong size */
	mnl_attr_put(nlh, MMSCOPE_MAPPER_COMM, 2, "xy");	/* not NUL-terminated */
	mnl_attr_nest_end(nlh, m);
	mnl_attr_put_u32(nlh, 0x7ff, 1);			/* unknown: ignored */
	mnl_attr_nest_end(nlh, n);

	parse(nlh);
	assert_int_equal(r.pfn, 99);
	assert_int_equal(r.frame, MMSCOPE_FRAME_ANON);
	assert_string_equal(r.note, "");
	assert_true(r.has_file);
	assert_int_equal(strlen(r.path), sizeof(r.path) - 1);
	assert_int_equal(r.nr_stored, 1);
	assert_int_equal(r.mappers[0].va, 0x1000);
	assert_int_equal(r.mappers[0].pid, 0);
	assert_string_equal(r.mappers[0].comm, "");
}

static void test_names(void **state)
{
	static const char *const frames[] = MMSCOPE_FRAME_NAMES;
	static const char *const methods[] = MMSCOPE_RMAP_METHOD_NAMES;
	unsigned int i;

	(void)state;
	assert_int_equal(sizeof(frames) / sizeof(frames[0]), MMSCOPE_FRAME_KERNEL + 1);
	assert_int_equal(sizeof(methods) / sizeof(methods[0]), MMSCOPE_RMAP_M_SCAN + 1);
	for (i = 0; i <= MMSCOPE_FRAME_KERNEL; i++)
		assert_string_equal(mms_frame_name(i), frames[i]);
	assert_string_equal(mms_frame_name(MMSCOPE_FRAME_SHMEM), "shmem");
	assert_string_equal(mms_frame_name(MMSCOPE_FRAME_KERNEL + 1), "?");
	assert_string_equal(mms_frame_name(255), "?");
	assert_string_equal(mms_rmap_method_name(MMSCOPE_RMAP_M_ANON_VMA), "anon_vma");
	assert_string_equal(mms_rmap_method_name(MMSCOPE_RMAP_M_SCAN + 1), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_reply),
		cmocka_unit_test(test_anon_va_negative_mapcount),
		cmocka_unit_test(test_too_many_mappers),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests_name("rmap", tests, NULL, NULL);
}
