// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope demo: live allocator demonstrations.  The module allocates buddy
 * blocks and slab objects on request and holds them until they are freed
 * (or the module is unloaded), so that the kernel's own counters move.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "mmscope.h"
#include "model_phys.h"
#include "output.h"
#include "phys_output.h"
#include "util.h"

#define SLABINFO	"/proc/slabinfo"
#define SLAB_SYSFS	"/sys/kernel/slab"
#define DEMO_CACHE	"mmscope_demo"

/* ---- buddy ---- */

static struct json_object *block_json(const struct mms_demo_block *b)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "pfn", json_object_new_int64((int64_t)b->pfn));
	json_object_object_add(o, "order", json_object_new_int64(b->order));
	json_object_object_add(o, "buddy_pfn",
			       json_object_new_int64((int64_t)(b->pfn ^ (1ULL << b->order))));
	json_object_object_add(o, "node", json_object_new_int64(b->node));
	json_object_object_add(o, "zone", json_object_new_string(b->zone));
	return o;
}

static struct json_object *snap_json(const struct mms_buddy_snap *s, unsigned int nr_orders)
{
	struct json_object *o;

	if (!s->valid)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "node", json_object_new_int64(s->node));
	json_object_object_add(o, "zone", json_object_new_string(s->zone));
	json_object_object_add(o, "free_blocks", mms_json_u64_array(s->free, nr_orders));
	json_object_object_add(o, "unmovable_blocks", mms_json_u64_array(s->unmovable, nr_orders));
	json_object_object_add(o, "pcp_pages", json_object_new_int64((int64_t)s->pcp_pages));
	return o;
}

/* Orders in a snapshot: the last non-zero position is not enough, use the kernel's. */
static unsigned int nr_orders_of(struct mms_nl *nl)
{
	static struct mms_buddy b;

	if (mms_get_buddy(nl, &b) || !b.nr_zones)
		return 0;
	return b.zones[0].nr_orders;
}

static void print_blocks(const struct mms_demo_reply *r)
{
	static const char *const hdr[] = { "PFN", "ORDER", "PAGES", "BUDDY PFN", "NODE", "ZONE" };
	struct mms_table *t = mms_table_new(6, hdr);
	size_t i;

	if (!t)
		return;
	for (i = 0; i < r->nr_blocks; i++) {
		const struct mms_demo_block *b = &r->blocks[i];

		mms_table_row(t);
		mms_table_cell(t, "%#" PRIx64, b->pfn);
		mms_table_cell(t, "%u", b->order);
		mms_table_cell(t, "%llu", 1ULL << b->order);
		mms_table_cell(t, "%#" PRIx64, b->pfn ^ ((uint64_t)1 << b->order));
		mms_table_cell(t, "%u", b->node);
		mms_table_cell(t, "%s", b->zone);
	}
	mms_table_print(t, stdout);
	mms_table_free(t);
}

static void print_snaps(const struct mms_demo_reply *r, unsigned int nr_orders)
{
	static const char *const hdr[] = { "ORDER", "FREE BEFORE", "AFTER", "CHANGE",
					   "UNMOVABLE BEFORE", "AFTER", "CHANGE" };
	struct mms_table *t;
	unsigned int k, c;

	if (!r->before.valid || !r->after.valid)
		return;
	t = mms_table_new(7, hdr);
	if (!t)
		return;
	for (c = 0; c < 7; c++)
		mms_table_align_right(t, c);
	for (k = 0; k < nr_orders; k++) {
		mms_table_row(t);
		mms_table_cell(t, "%u", k);
		mms_table_cell(t, "%" PRIu64, r->before.free[k]);
		mms_table_cell(t, "%" PRIu64, r->after.free[k]);
		mms_table_cell(t, "%+" PRId64, (int64_t)(r->after.free[k] - r->before.free[k]));
		mms_table_cell(t, "%" PRIu64, r->before.unmovable[k]);
		mms_table_cell(t, "%" PRIu64, r->after.unmovable[k]);
		mms_table_cell(t, "%+" PRId64,
			       (int64_t)(r->after.unmovable[k] - r->before.unmovable[k]));
	}
	printf("\nfree blocks of node %u, zone %s right before and right after:\n",
	       r->after.node, r->after.zone);
	mms_table_print(t, stdout);
	printf("per-CPU list pages: %" PRIu64 " -> %" PRIu64 "\n", r->before.pcp_pages,
	       r->after.pcp_pages);
	mms_table_free(t);
}

static int print_buddy(const struct mms_demo_reply *r, unsigned int nr_orders, bool json,
		       const char *what)
{
	struct json_object *o, *blocks, *s;
	size_t i;

	if (json) {
		o = json_object_new_object();
		blocks = json_object_new_array();
		for (i = 0; i < r->nr_blocks; i++)
			json_object_array_add(blocks, block_json(&r->blocks[i]));
		json_object_object_add(o, "blocks", blocks);
		s = snap_json(&r->before, nr_orders);
		json_object_object_add(o, "before", s);
		s = snap_json(&r->after, nr_orders);
		json_object_object_add(o, "after", s);
		json_object_object_add(o, "held_bytes", json_object_new_int64((int64_t)r->held_bytes));
		json_object_object_add(o, "cap_bytes", json_object_new_int64((int64_t)r->cap_bytes));
		return mms_json_print(o, stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;
	}
	printf("%s %zu block%s\n", what, r->nr_blocks, r->nr_blocks == 1 ? "" : "s");
	if (r->nr_blocks)
		print_blocks(r);
	print_snaps(r, nr_orders);
	printf("held by the demos: %" PRIu64 " of %" PRIu64 " bytes\n", r->held_bytes,
	       r->cap_bytes);
	return MMS_EXIT_OK;
}

static int parse_u32(const char *s, const char *what, uint32_t *v)
{
	uint64_t x;

	if (mms_parse_u64(s, &x) || x > UINT32_MAX) {
		mms_err("demo: invalid %s '%s' (see 'mmscope demo --help')", what, s);
		return MMS_EXIT_USAGE;
	}
	*v = (uint32_t)x;
	return 0;
}

static int buddy_alloc(struct mms_nl *nl, int argc, char **argv, bool json)
{
	struct mms_demo_reply r = { 0 };
	uint32_t order, count = 1;
	unsigned int n;
	int ret;

	if (argc < 1 || argc > 2) {
		mms_err("demo buddy alloc: expected ORDER [COUNT] (see 'mmscope demo --help')");
		return MMS_EXIT_USAGE;
	}
	if (parse_u32(argv[0], "ORDER", &order) ||
	    (argc == 2 && parse_u32(argv[1], "COUNT", &count)))
		return MMS_EXIT_USAGE;
	ret = mms_connect(nl, "demo");
	if (ret)
		return ret;
	ret = mms_demo_buddy_alloc(nl, order, count, &r);
	if (ret == -ERANGE) {
		if (count < 1 || count > MMSCOPE_DEMO_MAX_COUNT) {
			mms_err("demo buddy alloc: COUNT %u is out of range: 1 to %d blocks per request",
				count, MMSCOPE_DEMO_MAX_COUNT);
		} else {
			n = nr_orders_of(nl);
			mms_err("demo buddy alloc: order %u is above this kernel's maximum order %d",
				order, (int)n - 1);
		}
		return MMS_EXIT_FAIL;
	}
	if (ret)
		return mms_nl_report(nl, ret, "demo buddy alloc");
	n = nr_orders_of(nl);
	ret = print_buddy(&r, n, json, "allocated");
	mms_demo_reply_free(&r);
	return ret;
}

static int buddy_free(struct mms_nl *nl, int argc, char **argv, bool json)
{
	struct mms_demo_reply r;
	bool all;
	uint64_t pfn = 0;
	int ret;

	if (argc != 1) {
		mms_err("demo buddy free: expected PFN or 'all' (see 'mmscope demo --help')");
		return MMS_EXIT_USAGE;
	}
	all = !strcmp(argv[0], "all");
	if (!all && mms_parse_u64(argv[0], &pfn)) {
		mms_err("demo buddy free: invalid PFN '%s'", argv[0]);
		return MMS_EXIT_USAGE;
	}
	ret = mms_connect(nl, "demo");
	if (ret)
		return ret;
	ret = mms_demo_buddy_free(nl, all, pfn, &r);
	if (ret)
		return mms_nl_report(nl, ret, "demo buddy free");
	ret = print_buddy(&r, nr_orders_of(nl), json, all ? "freed all; now holding" : "freed");
	mms_demo_reply_free(&r);
	return ret;
}

static int buddy_list(struct mms_nl *nl, int argc, bool json)
{
	struct mms_demo_reply r;
	int ret;

	if (argc) {
		mms_err("demo buddy list: no arguments expected");
		return MMS_EXIT_USAGE;
	}
	ret = mms_connect(nl, "demo");
	if (ret)
		return ret;
	ret = mms_demo_buddy_list(nl, &r);
	if (ret)
		return mms_nl_report(nl, ret, "demo buddy list");
	/* A dump carries no totals: the debugfs file and alloc/free replies do. */
	if (json) {
		struct json_object *o = json_object_new_object(), *a = json_object_new_array();
		size_t i;

		for (i = 0; i < r.nr_blocks; i++)
			json_object_array_add(a, block_json(&r.blocks[i]));
		json_object_object_add(o, "blocks", a);
		ret = mms_json_print(o, stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;
	} else {
		printf("holding %zu block%s\n", r.nr_blocks, r.nr_blocks == 1 ? "" : "s");
		if (r.nr_blocks)
			print_blocks(&r);
	}
	mms_demo_reply_free(&r);
	return ret;
}

/* ---- slab ---- */

/* The kernel's view of the demo cache (NULL if /proc/slabinfo does not list it). */
static struct mms_slab *kernel_cache(struct mms_slab **all, size_t *n)
{
	size_t i;

	if (mms_slab_read(SLABINFO, SLAB_SYSFS, all, n))
		return NULL;
	for (i = 0; i < *n; i++)
		if (!strcmp((*all)[i].name, DEMO_CACHE))
			return &(*all)[i];
	return NULL;
}

static int print_slab(const struct mms_demo_reply *r, bool json)
{
	const struct mms_demo_slab *s = &r->slab;
	struct json_object *o, *h, *e, *k;
	struct mms_slab *all = NULL, *kc;
	uint32_t full = 0, partial = 0;
	int64_t empty = -1;
	size_t n = 0;
	unsigned int i;
	bool known;

	kc = s->created ? kernel_cache(&all, &n) : NULL;
	known = kc && kc->objperslab && !s->hist_truncated;
	for (i = 0; known && i < s->nr_hist; i++) {
		if (s->hist_objects[i] >= kc->objperslab)
			full += s->hist_slabs[i];
		else
			partial += s->hist_slabs[i];
	}
	/* Every object of the cache is the demo's: the kernel's other slabs are empty. */
	if (kc && kc->num_slabs >= s->slabs)
		empty = (int64_t)(kc->num_slabs - s->slabs);
	if (json) {
		o = json_object_new_object();
		json_object_object_add(o, "cache", mms_json_str_or_null(s->name));
		json_object_object_add(o, "object_size", json_object_new_int64(s->object_size));
		json_object_object_add(o, "objects", json_object_new_int64(s->objects));
		json_object_object_add(o, "slabs", json_object_new_int64(s->slabs));
		json_object_object_add(o, "full_slabs", known ? json_object_new_int64(full) : NULL);
		json_object_object_add(o, "partial_slabs",
				       known ? json_object_new_int64(partial) : NULL);
		json_object_object_add(o, "empty_slabs",
				       empty >= 0 ? json_object_new_int64(empty) : NULL);
		h = json_object_new_array();
		for (i = 0; i < s->nr_hist; i++) {
			e = json_object_new_object();
			json_object_object_add(e, "objects", json_object_new_int64(s->hist_objects[i]));
			json_object_object_add(e, "slabs", json_object_new_int64(s->hist_slabs[i]));
			json_object_array_add(h, e);
		}
		json_object_object_add(o, "histogram", h);
		json_object_object_add(o, "histogram_truncated",
				       json_object_new_boolean(s->hist_truncated));
		k = NULL;
		if (kc) {
			k = json_object_new_object();
			json_object_object_add(k, "active_objs", json_object_new_int64(kc->active_objs));
			json_object_object_add(k, "num_objs", json_object_new_int64(kc->num_objs));
			json_object_object_add(k, "objsize", json_object_new_int64(kc->objsize));
			json_object_object_add(k, "objperslab", json_object_new_int64(kc->objperslab));
			json_object_object_add(k, "pagesperslab",
					       json_object_new_int64(kc->pagesperslab));
			json_object_object_add(k, "num_slabs", json_object_new_int64(kc->num_slabs));
			json_object_object_add(k, "partial_slabs", kc->partial >= 0 ?
					       json_object_new_int64(kc->partial) : NULL);
			json_object_object_add(k, "cpu_slabs", kc->cpu_slabs >= 0 ?
					       json_object_new_int64(kc->cpu_slabs) : NULL);
		}
		json_object_object_add(o, "kernel", k);
		json_object_object_add(o, "held_bytes", json_object_new_int64((int64_t)r->held_bytes));
		json_object_object_add(o, "cap_bytes", json_object_new_int64((int64_t)r->cap_bytes));
		free(all);
		return mms_json_print(o, stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;
	}
	if (!s->created) {
		printf("the demo cache does not exist ('mmscope demo slab create SIZE')\n");
	} else {
		printf("cache %s: object size %u\n", s->name, s->object_size);
		printf("the demo holds %u objects in %u slabs", s->objects, s->slabs);
		if (known)
			printf(": %u full, %u partial (%" PRIu64 " objects per slab)", full, partial,
			       kc->objperslab);
		printf("\n");
		if (empty >= 0)
			printf("empty slabs the allocator keeps: %" PRId64 "\n", empty);
		if (kc) {
			printf("kernel (/proc/slabinfo): %" PRIu64 " slabs of %" PRIu64
			       " pages, %" PRIu64 " objects, %" PRIu64 " active",
			       kc->num_slabs, kc->pagesperslab, kc->num_objs, kc->active_objs);
			if (kc->partial >= 0)
				printf("; node partial slabs %" PRId64, kc->partial);
			if (kc->cpu_slabs >= 0)
				printf("; per-CPU slabs %" PRId64, kc->cpu_slabs);
			printf("\n");
		}
	}
	printf("held by the demos: %" PRIu64 " of %" PRIu64 " bytes\n", r->held_bytes,
	       r->cap_bytes);
	free(all);
	return MMS_EXIT_OK;
}

static int slab_cmd(struct mms_nl *nl, int argc, char **argv, bool json)
{
	struct mms_demo_reply r;
	const char *op = argc ? argv[0] : "status";
	uint32_t arg = 0;
	uint8_t code;
	int ret, want = 0;

	if (!strcmp(op, "status")) {
		code = MMSCOPE_SLAB_OP_STATUS;
	} else if (!strcmp(op, "create")) {
		code = MMSCOPE_SLAB_OP_CREATE;
		want = 1;
	} else if (!strcmp(op, "alloc")) {
		code = MMSCOPE_SLAB_OP_ALLOC;
		want = 1;
	} else if (!strcmp(op, "free")) {
		code = MMSCOPE_SLAB_OP_FREE;
		want = 1;
	} else if (!strcmp(op, "shrink")) {
		code = MMSCOPE_SLAB_OP_SHRINK;
	} else if (!strcmp(op, "destroy")) {
		code = MMSCOPE_SLAB_OP_DESTROY;
	} else {
		mms_err("demo slab: unknown operation '%s' (see 'mmscope demo --help')", op);
		return MMS_EXIT_USAGE;
	}
	if (argc > 0 && argc - 1 != want) {
		mms_err("demo slab %s: wrong number of arguments (see 'mmscope demo --help')", op);
		return MMS_EXIT_USAGE;
	}
	if (want) {
		if (code == MMSCOPE_SLAB_OP_FREE && !strcmp(argv[1], "all"))
			arg = 0;
		else if (parse_u32(argv[1], code == MMSCOPE_SLAB_OP_CREATE ? "SIZE" : "COUNT", &arg))
			return MMS_EXIT_USAGE;
		if (code == MMSCOPE_SLAB_OP_FREE && strcmp(argv[1], "all") && arg == 0) {
			mms_err("demo slab free: COUNT must be at least 1");
			return MMS_EXIT_USAGE;
		}
	}
	ret = mms_connect(nl, "demo");
	if (ret)
		return ret;
	ret = mms_demo_slab(nl, code, arg, &r);
	if (ret == -ERANGE) {
		if (code == MMSCOPE_SLAB_OP_CREATE)
			mms_err("demo slab create: SIZE %u is out of range: %d to %d bytes", arg,
				MMSCOPE_DEMO_SLAB_MIN_SIZE, MMSCOPE_DEMO_SLAB_MAX_SIZE);
		else
			mms_err("demo slab %s: COUNT %u is out of range: 1 to %d objects per request",
				op, arg, MMSCOPE_DEMO_SLAB_MAX_COUNT);
		return MMS_EXIT_FAIL;
	}
	if (ret) {
		char what[32];

		snprintf(what, sizeof(what), "demo slab %s", op);
		return mms_nl_report(nl, ret, what);
	}
	ret = print_slab(&r, json);
	mms_demo_reply_free(&r);
	return ret;
}

/* --json and --help are accepted anywhere after 'demo'. */
static int strip_opts(int *argc, char **argv, struct mms_opts *opts)
{
	int i, j = 0;

	for (i = 0; i < *argc; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			opts->json = true;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(mms_cmd_demo.help, stdout);
			return MMS_EXIT_OK;
		} else if (argv[i][0] == '-' && argv[i][1] && (argv[i][1] < '0' || argv[i][1] > '9')) {
			mms_err("demo: unknown option '%s' (see 'mmscope demo --help')", argv[i]);
			return MMS_EXIT_USAGE;
		} else {
			argv[j++] = argv[i];
		}
	}
	*argc = j;
	return -1;
}

static int demo_run(int argc, char **argv, struct mms_opts *opts)
{
	struct mms_nl nl = { 0 };
	int ret;

	argc--;
	argv++;
	ret = strip_opts(&argc, argv, opts);
	if (ret >= 0)
		return ret;
	if (argc < 1 || (strcmp(argv[0], "buddy") && strcmp(argv[0], "slab"))) {
		mms_err("demo: expected 'buddy' or 'slab' (see 'mmscope demo --help')");
		return MMS_EXIT_USAGE;
	}
	if (!strcmp(argv[0], "buddy") &&
	    (argc < 2 || (strcmp(argv[1], "alloc") && strcmp(argv[1], "free") &&
			  strcmp(argv[1], "list")))) {
		mms_err("demo buddy: expected alloc, free or list (see 'mmscope demo --help')");
		return MMS_EXIT_USAGE;
	}
	/* Each operation checks its arguments, then connects. */
	if (!strcmp(argv[0], "slab"))
		ret = slab_cmd(&nl, argc - 1, argv + 1, opts->json);
	else if (!strcmp(argv[1], "alloc"))
		ret = buddy_alloc(&nl, argc - 2, argv + 2, opts->json);
	else if (!strcmp(argv[1], "free"))
		ret = buddy_free(&nl, argc - 2, argv + 2, opts->json);
	else
		ret = buddy_list(&nl, argc - 2, opts->json);
	if (nl.sock)
		mms_nl_close(&nl);
	return ret;
}

const struct mms_command mms_cmd_demo = {
	.name = "demo",
	.summary = "allocate and free buddy blocks and slab objects, live",
	.help =
"Usage: mmscope demo buddy alloc ORDER [COUNT]\n"
"       mmscope demo buddy free PFN|all\n"
"       mmscope demo buddy list\n"
"       mmscope demo slab [status]\n"
"       mmscope demo slab create SIZE | alloc COUNT | free COUNT|all | shrink | destroy\n"
"       (each accepts --json)\n"
"\n"
"Make the kernel's allocators move, and watch them.  The mmscope module\n"
"allocates and holds what is asked for until it is freed, or until the\n"
"module is unloaded.  The demos together hold at most 64 MiB.\n"
"\n"
"buddy alloc ORDER [COUNT]\n"
"    Allocate COUNT (1 to 64, default 1) blocks of 2^ORDER pages from the\n"
"    buddy allocator (GFP_KERNEL: the Unmovable free lists).  Prints each\n"
"    block's first PFN (aligned to 2^ORDER) and its buddy's PFN\n"
"    (PFN ^ 2^ORDER), and the zone's free blocks per order, of all types\n"
"    and of the Unmovable type, taken by the module under the zone lock\n"
"    right before and right after the allocation.  An allocation takes the\n"
"    smallest free block of at least ORDER and splits it, leaving one free\n"
"    block at each order in between; orders up to 3 (and the THP order)\n"
"    are served through the per-CPU lists, which refill in batches, so\n"
"    their change can be several blocks (see per-CPU list pages).\n"
"buddy free PFN|all\n"
"    Free the held block starting at PFN (it coalesces with its buddy when\n"
"    that is free), or every held block.\n"
"buddy list\n"
"    The blocks the module holds.\n"
"slab create SIZE\n"
"    Create the slab cache \"mmscope_demo\" with objects of SIZE bytes\n"
"    (8 to 8192).  It is never merged with another cache, so\n"
"    /proc/slabinfo lists it under its own name.\n"
"slab alloc COUNT | free COUNT|all\n"
"    Allocate COUNT objects (1 to 4096 per request, 16384 held at most), or\n"
"    free the COUNT oldest ones (or all).\n"
"slab shrink\n"
"    kmem_cache_shrink(): let the allocator release its empty slabs.\n"
"slab destroy\n"
"    Free every object and destroy the cache.\n"
"slab [status]\n"
"    Show the demo's objects grouped by slab: how many slabs hold them,\n"
"    how many of those are full and how many partial (objects per slab\n"
"    from /proc/slabinfo), how many empty slabs the allocator keeps (its\n"
"    slab count minus those), and the kernel's own figures for the cache\n"
"    from /proc/slabinfo and /sys/kernel/slab/mmscope_demo/.\n"
"\n"
"Options:\n"
"  -j, --json   buddy: {blocks: [{pfn, order, buddy_pfn, node, zone}],\n"
"               before, after: {node, zone, free_blocks, unmovable_blocks,\n"
"               pcp_pages} or null, held_bytes, cap_bytes}; list: {blocks}.\n"
"               slab: {cache, object_size, objects, slabs, full_slabs,\n"
"               partial_slabs, empty_slabs, histogram: [{objects, slabs}],\n"
"               histogram_truncated, kernel: {active_objs, num_objs, objsize,\n"
"               objperslab, pagesperslab, num_slabs, partial_slabs,\n"
"               cpu_slabs} or null, held_bytes, cap_bytes}\n"
"  -h, --help   show this help\n"
"\n"
"Errors (exit 1): an order above the kernel's maximum, a count over the\n"
"per-request cap, more than 64 MiB held, freeing a PFN the demo does not\n"
"hold or more objects than it holds, a second create.\n",
	.run = demo_run,
};
