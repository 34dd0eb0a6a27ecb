// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for model_phys.c: GET_BUDDY and DEMO_* replies (built with
 * libmnl the way module/netlink.c builds them), /proc/slabinfo parsing,
 * /sys/kernel/slab numbers, and sorting.
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
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "mmscope.h"
#include "model_phys.h"
#include "phys_output.h"

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

static void put_orders(struct nlmsghdr *nlh, int type, const uint64_t *v, unsigned int n)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);
	unsigned int o;

	for (o = 0; o < n; o++)
		mnl_attr_put_u64(nlh, MMSCOPE_ORDER_ATTR(o), v[o]);
	mnl_attr_nest_end(nlh, nest);
}

static void put_zone(struct nlmsghdr *nlh, uint32_t node, const char *name, uint64_t base)
{
	static const char *const types[] = { "Unmovable", "Movable" };
	struct nlattr *zone, *mt, *idx;
	uint64_t v[11];
	unsigned int o, t;

	for (o = 0; o < 11; o++)
		v[o] = base + o;
	zone = mnl_attr_nest_start(nlh, MMSCOPE_A_BUDDY_ZONE);
	mnl_attr_put_u32(nlh, MMSCOPE_BUDDY_NODE, node);
	mnl_attr_put_strz(nlh, MMSCOPE_BUDDY_ZONE_NAME, name);
	mnl_attr_put_u64(nlh, MMSCOPE_BUDDY_MANAGED, 1000);
	mnl_attr_put_u64(nlh, MMSCOPE_BUDDY_PRESENT, 1100);
	mnl_attr_put_u64(nlh, MMSCOPE_BUDDY_SPANNED, 1200);
	mnl_attr_put_u64(nlh, MMSCOPE_BUDDY_FREE_PAGES, 900);
	mnl_attr_put_u64(nlh, MMSCOPE_BUDDY_PCP_PAGES, 12);
	mnl_attr_put_u64(nlh, MMSCOPE_BUDDY_WMARK_MIN, 10);
	mnl_attr_put_u64(nlh, MMSCOPE_BUDDY_WMARK_LOW, 12);
	mnl_attr_put_u64(nlh, MMSCOPE_BUDDY_WMARK_HIGH, 14);
	mnl_attr_put_u32(nlh, MMSCOPE_BUDDY_NR_ORDERS, 11);
	put_orders(nlh, MMSCOPE_BUDDY_FREE, v, 11);
	for (t = 0; t < 2; t++) {
		mt = mnl_attr_nest_start(nlh, MMSCOPE_BUDDY_MIGRATETYPE);
		mnl_attr_put_strz(nlh, MMSCOPE_BUDDY_MT_NAME, types[t]);
		for (o = 0; o < 11; o++)
			v[o] = base + o + 100 * (t + 1);
		put_orders(nlh, MMSCOPE_BUDDY_MT_FREE, v, 11);
		mnl_attr_put_u32(nlh, MMSCOPE_BUDDY_MT_TRUNCATED, t ? 0x400 : 0);
		mnl_attr_nest_end(nlh, mt);
	}
	idx = mnl_attr_nest_start(nlh, MMSCOPE_BUDDY_FRAGMENTATION);
	for (o = 0; o < 11; o++)
		mnl_attr_put_u32(nlh, MMSCOPE_ORDER_ATTR(o), (uint32_t)(o < 10 ? -1000 : 734));
	mnl_attr_nest_end(nlh, idx);
	mnl_attr_nest_end(nlh, zone);
}

static void test_buddy_two_messages(void **state)
{
	static struct mms_buddy b;
	struct nlmsghdr *nlh;

	(void)state;
	memset(&b, 0, sizeof(b));
	nlh = reply_start(MMSCOPE_CMD_GET_BUDDY);
	put_zone(nlh, 0, "DMA", 1);
	assert_int_equal(mms_buddy_parse(nlh, &b), MNL_CB_OK);
	nlh = reply_start(MMSCOPE_CMD_GET_BUDDY);
	put_zone(nlh, 1, "Normal", 50);
	assert_int_equal(mms_buddy_parse(nlh, &b), MNL_CB_OK);

	assert_int_equal(b.nr_zones, 2);
	assert_string_equal(b.zones[0].zone, "DMA");
	assert_int_equal(b.zones[1].node, 1);
	assert_string_equal(b.zones[1].zone, "Normal");
	assert_int_equal(b.zones[0].nr_orders, 11);
	/* Attribute type = order + 1: order 0 is the first entry, order 10 the last. */
	assert_int_equal(b.zones[0].free[0], 1);
	assert_int_equal(b.zones[0].free[10], 11);
	assert_int_equal(b.zones[1].free[3], 53);
	assert_int_equal(b.zones[0].managed, 1000);
	assert_int_equal(b.zones[0].present, 1100);
	assert_int_equal(b.zones[0].spanned, 1200);
	assert_int_equal(b.zones[0].free_pages, 900);
	assert_int_equal(b.zones[0].pcp_pages, 12);
	assert_int_equal(b.zones[0].wmark_min, 10);
	assert_int_equal(b.zones[0].wmark_high, 14);
	assert_int_equal(b.zones[0].nr_mt, 2);
	assert_string_equal(b.zones[0].mt[1].name, "Movable");
	assert_int_equal(b.zones[0].mt[0].free[2], 103);
	assert_int_equal(b.zones[0].mt[1].free[10], 211);
	assert_int_equal(b.zones[0].mt[1].truncated, 0x400);
	assert_int_equal(b.zones[0].fragmentation[0], -1000);
	assert_int_equal(b.zones[0].fragmentation[10], 734);
}

static void test_buddy_bad_orders(void **state)
{
	static struct mms_buddy b;
	struct nlattr *zone, *nest;
	struct nlmsghdr *nlh;

	(void)state;
	memset(&b, 0, sizeof(b));
	nlh = reply_start(MMSCOPE_CMD_GET_BUDDY);
	zone = mnl_attr_nest_start(nlh, MMSCOPE_A_BUDDY_ZONE);
	mnl_attr_put_strz(nlh, MMSCOPE_BUDDY_ZONE_NAME, "DMA32");
	mnl_attr_put_u32(nlh, MMSCOPE_BUDDY_NR_ORDERS, 1000);
	nest = mnl_attr_nest_start(nlh, MMSCOPE_BUDDY_FREE);
	mnl_attr_put_u64(nlh, 0, 77);			/* type 0: no order */
	mnl_attr_put_u64(nlh, MMS_MAX_ORDERS + 1, 77);	/* beyond the array */
	mnl_attr_put_u32(nlh, MMSCOPE_ORDER_ATTR(2), 5);	/* wrong width */
	mnl_attr_put_u64(nlh, MMSCOPE_ORDER_ATTR(1), 9);
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_nest_end(nlh, zone);
	/* A zone without a name is dropped. */
	zone = mnl_attr_nest_start(nlh, MMSCOPE_A_BUDDY_ZONE);
	mnl_attr_put_u32(nlh, MMSCOPE_BUDDY_NODE, 3);
	mnl_attr_nest_end(nlh, zone);
	mms_buddy_parse(nlh, &b);

	assert_int_equal(b.nr_zones, 1);
	assert_int_equal(b.zones[0].nr_orders, MMS_MAX_ORDERS);
	assert_int_equal(b.zones[0].free[0], 0);
	assert_int_equal(b.zones[0].free[1], 9);
	assert_int_equal(b.zones[0].free[2], 0);
}

static void test_demo_blocks_and_snaps(void **state)
{
	struct mms_demo_reply r;
	struct nlattr *nest;
	struct nlmsghdr *nlh;
	uint64_t v[11] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
	unsigned int i;

	(void)state;
	memset(&r, 0, sizeof(r));
	nlh = reply_start(MMSCOPE_CMD_DEMO_BUDDY_ALLOC);
	for (i = 0; i < 100; i++) {
		nest = mnl_attr_nest_start(nlh, MMSCOPE_A_DEMO_BLOCK);
		mnl_attr_put_u64(nlh, MMSCOPE_DEMO_BLOCK_PFN, 0x1000 + 8 * i);
		mnl_attr_put_u32(nlh, MMSCOPE_DEMO_BLOCK_ORDER, 3);
		mnl_attr_put_u32(nlh, MMSCOPE_DEMO_BLOCK_NODE, 0);
		mnl_attr_put_strz(nlh, MMSCOPE_DEMO_BLOCK_ZONE, "DMA32");
		mnl_attr_nest_end(nlh, nest);
	}
	nest = mnl_attr_nest_start(nlh, MMSCOPE_A_DEMO_BEFORE);
	mnl_attr_put_strz(nlh, MMSCOPE_DEMO_SNAP_ZONE, "DMA32");
	put_orders(nlh, MMSCOPE_DEMO_SNAP_FREE, v, 11);
	put_orders(nlh, MMSCOPE_DEMO_SNAP_UNMOVABLE, v, 5);
	mnl_attr_put_u64(nlh, MMSCOPE_DEMO_SNAP_PCP_PAGES, 4096);
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u64(nlh, MMSCOPE_A_DEMO_HELD_BYTES, 3276800);
	mnl_attr_put_u64(nlh, MMSCOPE_A_DEMO_CAP_BYTES, MMSCOPE_DEMO_CAP_BYTES);
	mms_demo_parse(nlh, &r);

	assert_int_equal(r.nr_blocks, 100);	/* grows past the first allocation */
	assert_int_equal(r.blocks[99].pfn, 0x1000 + 8 * 99);
	assert_int_equal(r.blocks[0].order, 3);
	assert_string_equal(r.blocks[5].zone, "DMA32");
	assert_true(r.before.valid);
	assert_false(r.after.valid);		/* absent: not valid */
	assert_int_equal(r.before.free[10], 11);
	assert_int_equal(r.before.unmovable[4], 5);
	assert_int_equal(r.before.unmovable[5], 0);
	assert_int_equal(r.before.pcp_pages, 4096);
	assert_int_equal(r.held_bytes, 3276800);
	assert_int_equal(r.cap_bytes, 64 << 20);
	mms_demo_reply_free(&r);
	assert_null(r.blocks);
}

static void test_demo_slab(void **state)
{
	struct mms_demo_reply r;
	struct nlattr *nest, *h;
	struct nlmsghdr *nlh;
	unsigned int i;

	(void)state;
	memset(&r, 0, sizeof(r));
	nlh = reply_start(MMSCOPE_CMD_DEMO_SLAB);
	nest = mnl_attr_nest_start(nlh, MMSCOPE_A_DEMO_SLAB);
	mnl_attr_put_strz(nlh, MMSCOPE_DEMO_SLAB_NAME, "mmscope_demo");
	mnl_attr_put_u32(nlh, MMSCOPE_DEMO_SLAB_OBJECT_SIZE, 64);
	mnl_attr_put_u32(nlh, MMSCOPE_DEMO_SLAB_OBJECTS, 131);
	mnl_attr_put_u32(nlh, MMSCOPE_DEMO_SLAB_SLABS, 3);
	for (i = 0; i < MMS_MAX_HIST + 2; i++) {
		h = mnl_attr_nest_start(nlh, MMSCOPE_DEMO_SLAB_HIST);
		mnl_attr_put_u32(nlh, MMSCOPE_DEMO_HIST_OBJECTS, i + 1);
		mnl_attr_put_u32(nlh, MMSCOPE_DEMO_HIST_SLABS, 2);
		mnl_attr_nest_end(nlh, h);
	}
	mnl_attr_nest_end(nlh, nest);
	mms_demo_parse(nlh, &r);

	assert_true(r.slab.present);
	assert_true(r.slab.created);
	assert_string_equal(r.slab.name, "mmscope_demo");
	assert_int_equal(r.slab.object_size, 64);
	assert_int_equal(r.slab.objects, 131);
	assert_int_equal(r.slab.slabs, 3);
	assert_int_equal(r.slab.nr_hist, MMS_MAX_HIST);
	assert_true(r.slab.hist_truncated);
	assert_int_equal(r.slab.hist_objects[1], 2);

	/* No cache: the nest has no name. */
	memset(&r, 0, sizeof(r));
	nlh = reply_start(MMSCOPE_CMD_DEMO_SLAB);
	nest = mnl_attr_nest_start(nlh, MMSCOPE_A_DEMO_SLAB);
	mnl_attr_put_u32(nlh, MMSCOPE_DEMO_SLAB_OBJECTS, 0);
	mnl_attr_nest_end(nlh, nest);
	mms_demo_parse(nlh, &r);
	assert_true(r.slab.present);
	assert_false(r.slab.created);
}

static const char slabinfo[] =
"slabinfo - version: 2.1\n"
"# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n"
"mmscope_demo         128    128     64   64    1 : tunables    0    0    0 : slabdata      2      2      0\n"
"kmalloc-8k            40     44   8192    4    8 : tunables    0    0    0 : slabdata     11     11      0\n"
"broken line\n"
"kmem_cache          160    160    256   16    1 : tunables    0    0    0 : slabdata     10     10      0\n"
"ext4_inode_cache      0      0   1176   27    8 : tunables    0    0    0 : slabdata      0      0      0";

static void test_slabinfo_parse(void **state)
{
	struct mms_slab *s;
	size_t n;

	(void)state;
	assert_int_equal(mms_slabinfo_parse(slabinfo, 4096, &s, &n), 0);
	assert_int_equal(n, 4);		/* the broken line is skipped */
	assert_string_equal(s[0].name, "mmscope_demo");
	assert_int_equal(s[0].active_objs, 128);
	assert_int_equal(s[0].objsize, 64);
	assert_int_equal(s[0].objperslab, 64);
	assert_int_equal(s[0].num_slabs, 2);
	assert_int_equal(s[0].memory, 2 * 4096);
	assert_int_equal(s[1].pagesperslab, 8);
	assert_int_equal(s[1].active_slabs, 11);
	assert_int_equal(s[1].memory, 11 * 8 * 4096);
	assert_int_equal(s[1].partial, -1);
	assert_string_equal(s[3].name, "ext4_inode_cache");	/* last line, no newline */
	free(s);

	assert_int_equal(mms_slabinfo_parse("slabinfo - version: 1.1\n", 4096, &s, &n), -EPROTO);
	assert_int_equal(mms_slabinfo_parse("garbage", 4096, &s, &n), -EPROTO);
	assert_int_equal(mms_slabinfo_parse(NULL, 4096, &s, &n), -EPROTO);
}

static void test_slab_sort(void **state)
{
	enum mms_slab_key key;
	struct mms_slab *s;
	size_t n;

	(void)state;
	assert_int_equal(mms_slabinfo_parse(slabinfo, 4096, &s, &n), 0);
	assert_int_equal(mms_slab_key_parse("memory", &key), 0);
	mms_slab_sort(s, n, key);
	assert_string_equal(s[0].name, "kmalloc-8k");
	assert_string_equal(s[1].name, "kmem_cache");
	assert_string_equal(s[3].name, "ext4_inode_cache");
	assert_int_equal(mms_slab_key_parse("name", &key), 0);
	mms_slab_sort(s, n, key);
	assert_string_equal(s[0].name, "ext4_inode_cache");
	assert_string_equal(s[3].name, "mmscope_demo");
	assert_int_equal(mms_slab_key_parse("objsize", &key), 0);
	mms_slab_sort(s, n, key);
	assert_string_equal(s[0].name, "kmalloc-8k");
	assert_int_equal(mms_slab_key_parse("colour", &key), -EINVAL);
	free(s);
}

static void test_sysfs_number(void **state)
{
	(void)state;
	assert_int_equal(mms_slab_sysfs_number("5 N0=5\n"), 5);
	assert_int_equal(mms_slab_sysfs_number("0\n"), 0);
	assert_int_equal(mms_slab_sysfs_number("12"), 12);
	assert_int_equal(mms_slab_sysfs_number(""), -1);
	assert_int_equal(mms_slab_sysfs_number("-3"), -1);
	assert_int_equal(mms_slab_sysfs_number("4x"), -1);
	assert_int_equal(mms_slab_sysfs_number(NULL), -1);
}

static void test_index_str(void **state)
{
	char buf[16];

	(void)state;
	assert_string_equal(mms_index_str(buf, sizeof(buf), 0), "0.000");
	assert_string_equal(mms_index_str(buf, sizeof(buf), 16), "0.016");
	assert_string_equal(mms_index_str(buf, sizeof(buf), 1000), "1.000");
	assert_string_equal(mms_index_str(buf, sizeof(buf), -1000), "-1.000");
	assert_string_equal(mms_index_str(buf, sizeof(buf), -5), "-0.005");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buddy_two_messages),
		cmocka_unit_test(test_buddy_bad_orders),
		cmocka_unit_test(test_demo_blocks_and_snaps),
		cmocka_unit_test(test_demo_slab),
		cmocka_unit_test(test_slabinfo_parse),
		cmocka_unit_test(test_slab_sort),
		cmocka_unit_test(test_sysfs_number),
		cmocka_unit_test(test_index_str),
	};

	return cmocka_run_group_tests_name("phys", tests, NULL, NULL);
}
