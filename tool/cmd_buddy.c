// SPDX-License-Identifier: GPL-2.0
/* mmscope buddy: the buddy allocator's free lists, per node and zone. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "commands.h"
#include "model_phys.h"
#include "output.h"
#include "phys_output.h"
#include "util.h"

static struct json_object *index_array(const int32_t *v, unsigned int n)
{
	struct json_object *a = json_object_new_array();
	char buf[16];
	unsigned int i;

	for (i = 0; i < n; i++) {
		mms_index_str(buf, sizeof(buf), v[i]);
		json_object_array_add(a, json_object_new_double_s(v[i] / 1000.0, buf));
	}
	return a;
}

static int print_json(const struct mms_buddy *b)
{
	struct json_object *o = json_object_new_object(), *zones = json_object_new_array();
	struct json_object *z, *bt, *tr, *orders;
	const struct mms_buddy_zone *bz;
	unsigned int i, m, k;

	for (i = 0; i < b->nr_zones; i++) {
		bz = &b->zones[i];
		z = json_object_new_object();
		json_object_object_add(z, "node", json_object_new_int64(bz->node));
		json_object_object_add(z, "zone", json_object_new_string(bz->zone));
		json_object_object_add(z, "managed_pages", json_object_new_int64(bz->managed));
		json_object_object_add(z, "present_pages", json_object_new_int64(bz->present));
		json_object_object_add(z, "spanned_pages", json_object_new_int64(bz->spanned));
		json_object_object_add(z, "free_pages", json_object_new_int64(bz->free_pages));
		json_object_object_add(z, "pcp_pages", json_object_new_int64(bz->pcp_pages));
		json_object_object_add(z, "watermark_min", json_object_new_int64(bz->wmark_min));
		json_object_object_add(z, "watermark_low", json_object_new_int64(bz->wmark_low));
		json_object_object_add(z, "watermark_high", json_object_new_int64(bz->wmark_high));
		json_object_object_add(z, "nr_orders", json_object_new_int64(bz->nr_orders));
		json_object_object_add(z, "free_blocks", mms_json_u64_array(bz->free, bz->nr_orders));
		bt = json_object_new_object();
		tr = json_object_new_object();
		for (m = 0; m < bz->nr_mt; m++) {
			json_object_object_add(bt, bz->mt[m].name,
					       mms_json_u64_array(bz->mt[m].free, bz->nr_orders));
			orders = json_object_new_array();
			for (k = 0; k < bz->nr_orders; k++)
				if (bz->mt[m].truncated & (1U << k))
					json_object_array_add(orders, json_object_new_int(k));
			json_object_object_add(tr, bz->mt[m].name, orders);
		}
		json_object_object_add(z, "free_blocks_by_type", bt);
		json_object_object_add(z, "truncated_orders_by_type", tr);
		json_object_object_add(z, "unusable_free_index",
				       index_array(bz->unusable, bz->nr_orders));
		json_object_object_add(z, "fragmentation_index",
				       index_array(bz->fragmentation, bz->nr_orders));
		json_object_array_add(zones, z);
	}
	json_object_object_add(o, "zones", zones);
	return mms_json_print(o, stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;
}

static int print_zone(const struct mms_buddy_zone *bz)
{
	const char *hdr[3 + MMS_MAX_MT + 2];
	struct mms_table *kv, *t;
	unsigned int m, k, ncols = 0;
	char buf[16];

	kv = mms_table_new(2, NULL);
	hdr[ncols++] = "ORDER";
	hdr[ncols++] = "PAGES";
	hdr[ncols++] = "FREE";
	for (m = 0; m < bz->nr_mt; m++)
		hdr[ncols++] = bz->mt[m].name;
	hdr[ncols++] = "UNUSABLE";
	hdr[ncols++] = "FRAGMENTATION";
	t = mms_table_new(ncols, hdr);
	if (!kv || !t) {
		mms_table_free(kv);
		mms_table_free(t);
		mms_err("out of memory");
		return MMS_EXIT_FAIL;
	}
	printf("node %u, zone %s\n", bz->node, bz->zone);
#define KV(label, fmt, ...) do {			\
	mms_table_row(kv);				\
	mms_table_cell(kv, "  %s", label);		\
	mms_table_cell(kv, fmt, __VA_ARGS__);		\
} while (0)
	KV("managed pages:", "%lu", (unsigned long)bz->managed);
	KV("present pages:", "%lu", (unsigned long)bz->present);
	KV("spanned pages:", "%lu", (unsigned long)bz->spanned);
	KV("free pages:", "%lu", (unsigned long)bz->free_pages);
	KV("per-CPU list pages:", "%lu", (unsigned long)bz->pcp_pages);
	KV("watermarks:", "min %lu  low %lu  high %lu", (unsigned long)bz->wmark_min,
	   (unsigned long)bz->wmark_low, (unsigned long)bz->wmark_high);
#undef KV
	mms_table_print(kv, stdout);
	for (k = 0; k < ncols; k++)
		mms_table_align_right(t, k);
	for (k = 0; k < bz->nr_orders; k++) {
		mms_table_row(t);
		mms_table_cell(t, "%u", k);
		mms_table_cell(t, "%lu", 1UL << k);
		mms_table_cell(t, "%lu", (unsigned long)bz->free[k]);
		for (m = 0; m < bz->nr_mt; m++)
			mms_table_cell(t, "%s%lu", bz->mt[m].truncated & (1U << k) ? ">" : "",
				       (unsigned long)bz->mt[m].free[k]);
		mms_table_cell(t, "%s", mms_index_str(buf, sizeof(buf), bz->unusable[k]));
		mms_table_cell(t, "%s", mms_index_str(buf, sizeof(buf), bz->fragmentation[k]));
	}
	fputc('\n', stdout);
	mms_table_print(t, stdout);
	mms_table_free(kv);
	mms_table_free(t);
	return MMS_EXIT_OK;
}

static int print_text(const struct mms_buddy *b)
{
	unsigned int i;
	int ret = MMS_EXIT_OK;

	for (i = 0; i < b->nr_zones && ret == MMS_EXIT_OK; i++) {
		if (i)
			fputc('\n', stdout);
		ret = print_zone(&b->zones[i]);
	}
	return ret;
}

static int buddy_run(int argc, char **argv, struct mms_opts *opts)
{
	struct mms_buddy *b;
	struct mms_nl nl;
	int ret;

	ret = mms_cmd_common_opts(&mms_cmd_buddy, argc, argv, opts);
	if (ret >= 0)
		return ret;
	if (optind != argc) {
		mms_err("buddy: unexpected argument '%s' (see 'mmscope buddy --help')", argv[optind]);
		return MMS_EXIT_USAGE;
	}
	b = malloc(sizeof(*b));
	if (!b) {
		mms_err("out of memory");
		return MMS_EXIT_FAIL;
	}
	ret = mms_connect(&nl, "buddy");
	if (ret) {
		free(b);
		return ret;
	}
	ret = mms_get_buddy(&nl, b);
	if (ret)
		ret = mms_nl_report(&nl, ret, "buddy");
	else
		ret = opts->json ? print_json(b) : print_text(b);
	mms_nl_close(&nl);
	free(b);
	return ret;
}

const struct mms_command mms_cmd_buddy = {
	.name = "buddy",
	.summary = "show the buddy allocator's free blocks per node, zone, order and type",
	.help =
"Usage: mmscope buddy [--json]\n"
"\n"
"Show the buddy (page) allocator of every populated zone of every online\n"
"node: managed, present and spanned pages, free pages, pages cached on the\n"
"per-CPU lists, the min/low/high watermarks, and for each order the number\n"
"of free blocks (as /proc/buddyinfo), the free blocks of each migratetype\n"
"(as /proc/pagetypeinfo; a list is counted up to 100000 entries, and a\n"
"count that hit that bound is shown as >N), the unusable-free-space index\n"
"and the fragmentation index (as /sys/kernel/debug/extfrag/; see\n"
"Documentation/tool.rst for their definitions).\n"
"\n"
"UNUSABLE is the fraction of free memory that lies in blocks smaller than\n"
"the order (0: all of it is usable for that order, 1: none).  FRAGMENTATION\n"
"says, for an order with no free block, whether an allocation would fail for\n"
"lack of memory (towards 0) or because of fragmentation (towards 1); it is\n"
"-1.000 when a block of that order is free.\n"
"\n"
"Options:\n"
"  -j, --json   print {\"zones\": [...]}; each zone has node, zone,\n"
"               managed_pages, present_pages, spanned_pages, free_pages,\n"
"               pcp_pages, watermark_min, watermark_low, watermark_high,\n"
"               nr_orders, free_blocks (array by order), free_blocks_by_type\n"
"               (object: type -> array by order), truncated_orders_by_type\n"
"               (object: type -> orders whose count hit the bound),\n"
"               unusable_free_index and fragmentation_index (arrays by order)\n"
"  -h, --help   show this help\n",
	.run = buddy_run,
};
