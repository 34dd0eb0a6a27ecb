// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for model.c: parsing MMSCOPE_CMD_GET_INFO replies.  The replies
 * are built with libmnl the way module/netlink.c builds them with nla_put_*().
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "mmscope.h"
#include "model.h"

#define TEST_FAMILY_ID	0x1d	/* any dynamic genetlink family id */
#define TEST_SEQ	4242
#define TEST_PORTID	0	/* replies come from the kernel */

static union {
	struct nlmsghdr nlh;
	char buf[64 * 1024];
} msg;

/*
 * The parser fills what it finds and leaves the rest alone, so the output is
 * zeroed first as mms_get_info() does.  The canary catches writes past the
 * end of features[].
 */
static struct {
	struct mms_info info;
	unsigned char canary[2 * sizeof(struct mms_feature)];
} out;

#define CANARY	0xa5

static void out_reset(void)
{
	memset(&out.info, 0, sizeof(out.info));
	memset(out.canary, CANARY, sizeof(out.canary));
}

static void assert_canary(void)
{
	size_t i;

	for (i = 0; i < sizeof(out.canary); i++)
		assert_int_equal(out.canary[i], CANARY);
}

/* Start a GET_INFO reply: netlink header and genetlink header. */
static struct nlmsghdr *reply_start(void)
{
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;

	memset(&msg, 0, sizeof(msg));
	nlh = mnl_nlmsg_put_header(msg.buf);
	nlh->nlmsg_type = TEST_FAMILY_ID;
	nlh->nlmsg_flags = 0;
	nlh->nlmsg_seq = TEST_SEQ;
	nlh->nlmsg_pid = TEST_PORTID;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = MMSCOPE_CMD_GET_INFO;
	genl->version = MMSCOPE_GENL_VERSION;
	return nlh;
}

/* One MMSCOPE_A_FEATURE nest, as put_features() emits it. */
static void put_feature(struct nlmsghdr *nlh, const char *name, uint8_t available,
			const char *reason)
{
	struct nlattr *one = mnl_attr_nest_start(nlh, MMSCOPE_A_FEATURE);

	if (name)
		mnl_attr_put_strz(nlh, MMSCOPE_FEAT_NAME, name);
	mnl_attr_put_u8(nlh, MMSCOPE_FEAT_AVAILABLE, available);
	if (reason)
		mnl_attr_put_strz(nlh, MMSCOPE_FEAT_REASON, reason);
	mnl_attr_nest_end(nlh, one);
}

static void put_header_attrs(struct nlmsghdr *nlh)
{
	mnl_attr_put_strz(nlh, MMSCOPE_A_VERSION, MMSCOPE_RELEASE);
	mnl_attr_put_strz(nlh, MMSCOPE_A_KERNEL_RELEASE, "6.8.0-31-generic");
	mnl_attr_put_u32(nlh, MMSCOPE_A_PT_LEVELS, 5);
	mnl_attr_put_u32(nlh, MMSCOPE_A_PAGE_SIZE, 16384);
}

/* Parse the reply in msg into out.info. */
static void parse(const struct nlmsghdr *nlh)
{
	assert_true(nlh->nlmsg_len <= sizeof(msg.buf));
	out_reset();
	assert_int_equal(mms_info_parse(nlh, &out.info), MNL_CB_OK);
	assert_canary();
}

static void assert_feature(unsigned int i, const char *name, bool available,
			   const char *reason)
{
	const struct mms_feature *f;

	assert_true(i < out.info.nr_features);
	f = &out.info.features[i];
	assert_string_equal(f->name, name);
	assert_int_equal(f->available, available);
	assert_string_equal(f->reason, reason);
}

static void test_info_full_reply(void **state)
{
	struct nlmsghdr *nlh = reply_start();
	struct nlattr *list;

	(void)state;
	put_header_attrs(nlh);
	list = mnl_attr_nest_start(nlh, MMSCOPE_A_FEATURES);
	put_feature(nlh, "debugfs", 1, NULL);
	put_feature(nlh, "debugfs-write", 0,
		    "kernel lockdown forbids writable debugfs files; use netlink");
	put_feature(nlh, "kprobes", 0, "kernel built without CONFIG_KPROBES");
	put_feature(nlh, "perf-events", 1, NULL);
	put_feature(nlh, "mglru", 1, NULL);
	mnl_attr_nest_end(nlh, list);

	parse(nlh);
	assert_string_equal(out.info.version, MMSCOPE_RELEASE);
	assert_string_equal(out.info.release, "6.8.0-31-generic");
	assert_int_equal(out.info.pt_levels, 5);
	assert_int_equal(out.info.page_size, 16384);
	assert_int_equal(out.info.nr_features, 5);
	assert_feature(0, "debugfs", true, "");
	assert_feature(1, "debugfs-write", false,
		       "kernel lockdown forbids writable debugfs files; use netlink");
	assert_feature(2, "kprobes", false, "kernel built without CONFIG_KPROBES");
	assert_feature(3, "perf-events", true, "");
	assert_feature(4, "mglru", true, "");
}

/* The parser works as the data callback of mnl_cb_run(), as nl.c uses it. */
static void test_info_via_mnl_cb_run(void **state)
{
	struct nlmsghdr *nlh = reply_start();
	struct nlattr *list;

	(void)state;
	put_header_attrs(nlh);
	list = mnl_attr_nest_start(nlh, MMSCOPE_A_FEATURES);
	put_feature(nlh, "thp", 0, "kernel built without CONFIG_TRANSPARENT_HUGEPAGE");
	mnl_attr_nest_end(nlh, list);

	out_reset();
	assert_true(mnl_cb_run(msg.buf, nlh->nlmsg_len, TEST_SEQ, TEST_PORTID,
			       mms_info_parse, &out.info) >= MNL_CB_STOP);
	assert_canary();
	assert_string_equal(out.info.version, MMSCOPE_RELEASE);
	assert_int_equal(out.info.page_size, 16384);
	assert_int_equal(out.info.nr_features, 1);
	assert_feature(0, "thp", false, "kernel built without CONFIG_TRANSPARENT_HUGEPAGE");
}

static void test_info_empty_reply(void **state)
{
	struct nlmsghdr *nlh = reply_start();
	struct nlattr *list;

	(void)state;
	parse(nlh);
	assert_string_equal(out.info.version, "");
	assert_string_equal(out.info.release, "");
	assert_int_equal(out.info.pt_levels, 0);
	assert_int_equal(out.info.page_size, 0);
	assert_int_equal(out.info.nr_features, 0);

	/* An empty MMSCOPE_A_FEATURES nest: no features. */
	nlh = reply_start();
	put_header_attrs(nlh);
	list = mnl_attr_nest_start(nlh, MMSCOPE_A_FEATURES);
	mnl_attr_nest_end(nlh, list);
	parse(nlh);
	assert_int_equal(out.info.pt_levels, 5);
	assert_int_equal(out.info.nr_features, 0);
}

/*
 * Attributes of the wrong size or shape are ignored: a value already parsed
 * is not overwritten by them, and those after them are still parsed.
 */
static void test_info_wrong_types(void **state)
{
	static const char no_nul[] = { 'b', 'a', 'd' };
	struct nlmsghdr *nlh = reply_start();
	struct nlattr *list, *one;

	(void)state;
	/* A string without its NUL, and an empty string payload. */
	mnl_attr_put(nlh, MMSCOPE_A_VERSION, sizeof(no_nul), no_nul);
	mnl_attr_put(nlh, MMSCOPE_A_KERNEL_RELEASE, 0, "");
	/* A u16 and a u64 where a u32 is expected; a u8; a string. */
	mnl_attr_put_u16(nlh, MMSCOPE_A_PT_LEVELS, 4);
	mnl_attr_put_u64(nlh, MMSCOPE_A_PAGE_SIZE, 4096);
	mnl_attr_put_u8(nlh, MMSCOPE_A_PT_LEVELS, 4);
	mnl_attr_put_strz(nlh, MMSCOPE_A_PAGE_SIZE, "4096");
	/* A "nest" too short to hold even one attribute header. */
	mnl_attr_put_u16(nlh, MMSCOPE_A_FEATURES, 1);
	parse(nlh);
	assert_string_equal(out.info.version, "");
	assert_string_equal(out.info.release, "");
	assert_int_equal(out.info.pt_levels, 0);
	assert_int_equal(out.info.page_size, 0);
	assert_int_equal(out.info.nr_features, 0);

	/* Good values first, then malformed duplicates: the good ones stay. */
	nlh = reply_start();
	put_header_attrs(nlh);
	mnl_attr_put(nlh, MMSCOPE_A_VERSION, sizeof(no_nul), no_nul);
	mnl_attr_put(nlh, MMSCOPE_A_KERNEL_RELEASE, 0, "");
	mnl_attr_put_u16(nlh, MMSCOPE_A_PT_LEVELS, 4);
	mnl_attr_put_u64(nlh, MMSCOPE_A_PAGE_SIZE, 4096);
	list = mnl_attr_nest_start(nlh, MMSCOPE_A_FEATURES);
	/* Name without NUL: no name, so the feature is skipped. */
	one = mnl_attr_nest_start(nlh, MMSCOPE_A_FEATURE);
	mnl_attr_put(nlh, MMSCOPE_FEAT_NAME, sizeof(no_nul), no_nul);
	mnl_attr_put_u8(nlh, MMSCOPE_FEAT_AVAILABLE, 1);
	mnl_attr_nest_end(nlh, one);
	/* AVAILABLE as a u32 and a flag: ignored, so not available. */
	one = mnl_attr_nest_start(nlh, MMSCOPE_A_FEATURE);
	mnl_attr_put_strz(nlh, MMSCOPE_FEAT_NAME, "swap");
	mnl_attr_put_u32(nlh, MMSCOPE_FEAT_AVAILABLE, 1);
	mnl_attr_put(nlh, MMSCOPE_FEAT_AVAILABLE, 0, "");
	mnl_attr_put(nlh, MMSCOPE_FEAT_REASON, sizeof(no_nul), no_nul);
	mnl_attr_nest_end(nlh, one);
	/* A reason that is not a string is ignored; the name stays. */
	one = mnl_attr_nest_start(nlh, MMSCOPE_A_FEATURE);
	mnl_attr_put_strz(nlh, MMSCOPE_FEAT_NAME, "memcg");
	mnl_attr_put_u8(nlh, MMSCOPE_FEAT_AVAILABLE, 1);
	mnl_attr_put_u32(nlh, MMSCOPE_FEAT_REASON, 0x41414141);
	mnl_attr_nest_end(nlh, one);
	/* A MMSCOPE_A_FEATURE that is not a nest at all. */
	mnl_attr_put_u16(nlh, MMSCOPE_A_FEATURE, 7);
	put_feature(nlh, "thp", 1, NULL);
	mnl_attr_nest_end(nlh, list);
	parse(nlh);
	assert_string_equal(out.info.version, MMSCOPE_RELEASE);
	assert_string_equal(out.info.release, "6.8.0-31-generic");
	assert_int_equal(out.info.pt_levels, 5);
	assert_int_equal(out.info.page_size, 16384);
	assert_int_equal(out.info.nr_features, 3);
	assert_feature(0, "swap", false, "");
	assert_feature(1, "memcg", true, "");
	assert_feature(2, "thp", true, "");
}

static void test_info_feature_without_name(void **state)
{
	struct nlmsghdr *nlh = reply_start();
	struct nlattr *list;

	(void)state;
	put_header_attrs(nlh);
	list = mnl_attr_nest_start(nlh, MMSCOPE_A_FEATURES);
	put_feature(nlh, "debugfs", 1, NULL);
	put_feature(nlh, NULL, 1, "leaked reason");
	put_feature(nlh, "kprobes", 0, "kernel built without CONFIG_KPROBES");
	put_feature(nlh, "", 0, "empty name");
	/* Must not inherit anything from the skipped entry before it. */
	put_feature(nlh, "swap", 0, NULL);
	mnl_attr_nest_end(nlh, list);

	parse(nlh);
	assert_int_equal(out.info.nr_features, 3);
	assert_feature(0, "debugfs", true, "");
	assert_feature(1, "kprobes", false, "kernel built without CONFIG_KPROBES");
	assert_feature(2, "swap", false, "");
}

static void test_info_too_many_features(void **state)
{
	struct nlmsghdr *nlh = reply_start();
	struct nlattr *list;
	char name[32], reason[64];
	unsigned int i;

	(void)state;
	put_header_attrs(nlh);
	list = mnl_attr_nest_start(nlh, MMSCOPE_A_FEATURES);
	for (i = 0; i < MMS_MAX_FEATURES + 10; i++) {
		snprintf(name, sizeof(name), "feature-%u", i);
		snprintf(reason, sizeof(reason), "reason %u", i);
		put_feature(nlh, name, i & 1, i & 1 ? NULL : reason);
	}
	mnl_attr_nest_end(nlh, list);
	/* Attributes after the features are still parsed. */
	mnl_attr_put_u32(nlh, MMSCOPE_A_PT_LEVELS, 4);

	parse(nlh);
	assert_int_equal(out.info.nr_features, MMS_MAX_FEATURES);
	for (i = 0; i < MMS_MAX_FEATURES; i++) {
		snprintf(name, sizeof(name), "feature-%u", i);
		snprintf(reason, sizeof(reason), "reason %u", i);
		assert_feature(i, name, i & 1, i & 1 ? "" : reason);
	}
	assert_int_equal(out.info.pt_levels, 4);

	/* A second MMSCOPE_A_FEATURES nest cannot push past the limit either. */
	nlh = reply_start();
	for (i = 0; i < 2; i++) {
		unsigned int j;

		list = mnl_attr_nest_start(nlh, MMSCOPE_A_FEATURES);
		for (j = 0; j < MMS_MAX_FEATURES / 2 + 1; j++) {
			snprintf(name, sizeof(name), "n%u-%u", i, j);
			put_feature(nlh, name, 1, NULL);
		}
		mnl_attr_nest_end(nlh, list);
	}
	parse(nlh);
	assert_int_equal(out.info.nr_features, MMS_MAX_FEATURES);
	assert_feature(MMS_MAX_FEATURES - 1, "n1-30", true, "");
}

static void test_info_unknown_attrs(void **state)
{
	struct nlmsghdr *nlh = reply_start();
	struct nlattr *list, *one;

	(void)state;
	mnl_attr_put_u32(nlh, MMSCOPE_A_UNSPEC, 1);
	mnl_attr_put_u64(nlh, MMSCOPE_A_PAD, 0);
	mnl_attr_put_strz(nlh, MMSCOPE_A_MAX + 1, "future");
	mnl_attr_put_u32(nlh, 0x3fff, 0xdeadbeef);
	put_header_attrs(nlh);
	list = mnl_attr_nest_start(nlh, MMSCOPE_A_FEATURES);
	/* Entries of another type inside MMSCOPE_A_FEATURES are not features. */
	one = mnl_attr_nest_start(nlh, MMSCOPE_A_FEATURE + 1);
	mnl_attr_put_strz(nlh, MMSCOPE_FEAT_NAME, "not-a-feature");
	mnl_attr_nest_end(nlh, one);
	one = mnl_attr_nest_start(nlh, MMSCOPE_A_FEATURE);
	mnl_attr_put_u32(nlh, MMSCOPE_FEAT_UNSPEC, 1);
	mnl_attr_put_strz(nlh, MMSCOPE_FEAT_NAME, "thp");
	mnl_attr_put_strz(nlh, MMSCOPE_FEAT_MAX + 1, "future");
	mnl_attr_put_u8(nlh, MMSCOPE_FEAT_AVAILABLE, 1);
	mnl_attr_put_u64(nlh, 200, 1);
	mnl_attr_nest_end(nlh, one);
	mnl_attr_nest_end(nlh, list);
	mnl_attr_put_strz(nlh, MMSCOPE_A_MAX + 7, "trailing");

	parse(nlh);
	assert_string_equal(out.info.version, MMSCOPE_RELEASE);
	assert_string_equal(out.info.release, "6.8.0-31-generic");
	assert_int_equal(out.info.pt_levels, 5);
	assert_int_equal(out.info.page_size, 16384);
	assert_int_equal(out.info.nr_features, 1);
	assert_feature(0, "thp", true, "");
}

/* Fill @buf with @len - 1 characters cycling through the alphabet. */
static void long_string(char *buf, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++)
		buf[i] = 'a' + i % 26;
	buf[len - 1] = '\0';
}

/* @got is the first @size - 1 characters of @full, NUL-terminated. */
static void assert_truncated(const char *got, size_t size, const char *full)
{
	assert_int_equal(strnlen(got, size), size - 1);
	assert_memory_equal(got, full, size - 1);
}

static void test_info_long_strings(void **state)
{
	struct nlmsghdr *nlh = reply_start();
	struct nlattr *list;
	char huge[1024];

	(void)state;
	long_string(huge, sizeof(huge));
	/* The release goes first: the longer version must not spill into it. */
	mnl_attr_put_strz(nlh, MMSCOPE_A_KERNEL_RELEASE, "6.1.0");
	mnl_attr_put_strz(nlh, MMSCOPE_A_VERSION, huge);
	mnl_attr_put_u32(nlh, MMSCOPE_A_PT_LEVELS, 4);
	list = mnl_attr_nest_start(nlh, MMSCOPE_A_FEATURES);
	put_feature(nlh, huge, 0, huge);
	put_feature(nlh, "after", 1, NULL);
	mnl_attr_nest_end(nlh, list);

	parse(nlh);
	assert_truncated(out.info.version, sizeof(out.info.version), huge);
	assert_string_equal(out.info.release, "6.1.0");
	assert_int_equal(out.info.pt_levels, 4);
	assert_int_equal(out.info.nr_features, 2);
	assert_truncated(out.info.features[0].name, sizeof(out.info.features[0].name), huge);
	assert_false(out.info.features[0].available);
	assert_truncated(out.info.features[0].reason, sizeof(out.info.features[0].reason), huge);
	assert_feature(1, "after", true, "");

	/* Now the release is too long, and exactly one byte too long. */
	nlh = reply_start();
	mnl_attr_put_strz(nlh, MMSCOPE_A_KERNEL_RELEASE, huge);
	huge[sizeof(out.info.version)] = '\0';
	mnl_attr_put_strz(nlh, MMSCOPE_A_VERSION, huge);
	parse(nlh);
	long_string(huge, sizeof(huge));
	assert_truncated(out.info.release, sizeof(out.info.release), huge);
	assert_truncated(out.info.version, sizeof(out.info.version), huge);

	/* Strings that fit exactly are kept whole. */
	nlh = reply_start();
	huge[sizeof(out.info.version) - 1] = '\0';
	mnl_attr_put_strz(nlh, MMSCOPE_A_VERSION, huge);
	parse(nlh);
	assert_string_equal(out.info.version, huge);
}

/* Attributes whose length runs past the message end are not followed. */
static void test_info_truncated_message(void **state)
{
	struct nlmsghdr *nlh = reply_start();
	struct nlattr *a;

	(void)state;
	mnl_attr_put_strz(nlh, MMSCOPE_A_VERSION, MMSCOPE_RELEASE);
	a = mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put_u32(nlh, MMSCOPE_A_PT_LEVELS, 4);
	a->nla_len = 200;
	parse(nlh);
	assert_string_equal(out.info.version, MMSCOPE_RELEASE);
	assert_int_equal(out.info.pt_levels, 0);

	/* A message too short for its own genetlink header. */
	nlh = reply_start();
	mnl_attr_put_strz(nlh, MMSCOPE_A_VERSION, MMSCOPE_RELEASE);
	nlh->nlmsg_len = MNL_NLMSG_HDRLEN;
	parse(nlh);
	assert_string_equal(out.info.version, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_info_full_reply),
		cmocka_unit_test(test_info_via_mnl_cb_run),
		cmocka_unit_test(test_info_empty_reply),
		cmocka_unit_test(test_info_wrong_types),
		cmocka_unit_test(test_info_feature_without_name),
		cmocka_unit_test(test_info_too_many_features),
		cmocka_unit_test(test_info_unknown_attrs),
		cmocka_unit_test(test_info_long_strings),
		cmocka_unit_test(test_info_truncated_message),
	};

	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
