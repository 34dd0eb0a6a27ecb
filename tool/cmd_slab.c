// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope slab: per-cache slab statistics.
 *
 * Source: the kernel's own /proc/slabinfo, plus /sys/kernel/slab/NAME/
 * (order, partial, cpu_slabs) where SLUB's sysfs exists.  struct kmem_cache
 * is private to mm/ from 6.12 on, so the module has no robust way to read
 * it; these files are the kernel's stable interface on 6.1, 6.12 and 7.x.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "model_phys.h"
#include "output.h"
#include "util.h"

#define SLABINFO	"/proc/slabinfo"
#define SLAB_SYSFS	"/sys/kernel/slab"

static struct json_object *opt_int(int64_t v)
{
	return v >= 0 ? json_object_new_int64(v) : NULL;
}

static int print_json(const struct mms_slab *s, size_t n, const char *key)
{
	struct json_object *o = json_object_new_object(), *a = json_object_new_array(), *c;
	size_t i;

	for (i = 0; i < n; i++) {
		c = json_object_new_object();
		json_object_object_add(c, "name", json_object_new_string(s[i].name));
		json_object_object_add(c, "object_size", json_object_new_int64(s[i].objsize));
		json_object_object_add(c, "objects_per_slab", json_object_new_int64(s[i].objperslab));
		json_object_object_add(c, "pages_per_slab", json_object_new_int64(s[i].pagesperslab));
		json_object_object_add(c, "order", opt_int(s[i].order));
		json_object_object_add(c, "active_objects", json_object_new_int64(s[i].active_objs));
		json_object_object_add(c, "total_objects", json_object_new_int64(s[i].num_objs));
		json_object_object_add(c, "active_slabs", json_object_new_int64(s[i].active_slabs));
		json_object_object_add(c, "total_slabs", json_object_new_int64(s[i].num_slabs));
		json_object_object_add(c, "partial_slabs", opt_int(s[i].partial));
		json_object_object_add(c, "cpu_slabs", opt_int(s[i].cpu_slabs));
		json_object_object_add(c, "memory_bytes", json_object_new_int64((int64_t)s[i].memory));
		json_object_array_add(a, c);
	}
	json_object_object_add(o, "source", json_object_new_string(SLABINFO));
	json_object_object_add(o, "sort", json_object_new_string(key));
	json_object_object_add(o, "caches", a);
	return mms_json_print(o, stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;
}

static void cell_opt(struct mms_table *t, int64_t v)
{
	if (v >= 0)
		mms_table_cell(t, "%" PRId64, v);
	else
		mms_table_cell(t, "-");
}

static int print_text(const struct mms_slab *s, size_t n)
{
	static const char *const hdr[] = {
		"NAME", "OBJSIZE", "OBJ/SLAB", "PAGES/SLAB", "ORDER", "ACTIVE", "TOTAL",
		"SLABS", "PARTIAL", "CPU", "MEMORY(KiB)",
	};
	struct mms_table *t = mms_table_new(11, hdr);
	unsigned int c;
	size_t i;

	if (!t) {
		mms_err("out of memory");
		return MMS_EXIT_FAIL;
	}
	for (c = 1; c < 11; c++)
		mms_table_align_right(t, c);
	for (i = 0; i < n; i++) {
		mms_table_row(t);
		mms_table_cell(t, "%s", s[i].name);
		mms_table_cell(t, "%" PRIu64, s[i].objsize);
		mms_table_cell(t, "%" PRIu64, s[i].objperslab);
		mms_table_cell(t, "%" PRIu64, s[i].pagesperslab);
		cell_opt(t, s[i].order);
		mms_table_cell(t, "%" PRIu64, s[i].active_objs);
		mms_table_cell(t, "%" PRIu64, s[i].num_objs);
		mms_table_cell(t, "%" PRIu64, s[i].num_slabs);
		cell_opt(t, s[i].partial);
		cell_opt(t, s[i].cpu_slabs);
		mms_table_cell(t, "%" PRIu64, s[i].memory / 1024);
	}
	mms_table_print(t, stdout);
	mms_table_free(t);
	return MMS_EXIT_OK;
}

static int slab_run(int argc, char **argv, struct mms_opts *opts)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "sort", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	enum mms_slab_key key = MMS_SLAB_MEMORY;
	const char *keyname = "memory";
	struct mms_slab *s;
	size_t n;
	int c, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+jhs:", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opts->json = true;
			break;
		case 'h':
			fputs(mms_cmd_slab.help, stdout);
			return MMS_EXIT_OK;
		case 's':
			if (mms_slab_key_parse(optarg, &key)) {
				mms_err("slab: unknown sort key '%s' (name, objsize, active, total, slabs, partial, memory)",
					optarg);
				return MMS_EXIT_USAGE;
			}
			keyname = optarg;
			break;
		default:
			fprintf(stderr, "See 'mmscope slab --help'.\n");
			return MMS_EXIT_USAGE;
		}
	}
	if (optind != argc) {
		mms_err("slab: unexpected argument '%s' (see 'mmscope slab --help')", argv[optind]);
		return MMS_EXIT_USAGE;
	}
	ret = mms_slab_read(SLABINFO, SLAB_SYSFS, &s, &n);
	if (ret == -EACCES || ret == -EPERM) {
		mms_err("slab: permission denied reading %s (run it as root)", SLABINFO);
		return MMS_EXIT_PERM;
	}
	if (ret == -EPROTO) {
		mms_err("slab: %s has a format this tool does not know", SLABINFO);
		return MMS_EXIT_FAIL;
	}
	if (ret) {
		mms_err("slab: cannot read %s: %s", SLABINFO, strerror(-ret));
		return MMS_EXIT_FAIL;
	}
	mms_slab_sort(s, n, key);
	ret = opts->json ? print_json(s, n, keyname) : print_text(s, n);
	free(s);
	return ret;
}

const struct mms_command mms_cmd_slab = {
	.name = "slab",
	.summary = "show slab caches: object sizes, objects, slabs, memory",
	.help =
"Usage: mmscope slab [--sort KEY] [--json]\n"
"\n"
"Show every slab cache: object size, objects per slab, pages per slab and\n"
"slab order, active and total objects, total slabs, slabs on the nodes'\n"
"partial lists and per-CPU slabs, and the memory its slabs take (total slabs\n"
"x pages per slab x page size).\n"
"\n"
"The numbers come from the kernel's own /proc/slabinfo and, for ORDER,\n"
"PARTIAL and CPU, from /sys/kernel/slab/NAME/{order,partial,cpu_slabs}\n"
"(SLUB with sysfs; '-' or null where absent).  The kernel keeps struct\n"
"kmem_cache private from 6.12 on, so these files are the one source that\n"
"works on every supported kernel; reading /proc/slabinfo needs root.\n"
"Under SLUB, ACTIVE counts every object not on a node's partial list as in\n"
"use (objects free in per-CPU slabs included), as /proc/slabinfo does.\n"
"\n"
"Options:\n"
"  -s, --sort KEY  order by KEY: name (ascending), or objsize, active, total,\n"
"                  slabs, partial, memory (descending; the default: memory)\n"
"  -j, --json      print {source, sort, caches: [...]}; each cache has name,\n"
"                  object_size, objects_per_slab, pages_per_slab, order,\n"
"                  active_objects, total_objects, active_slabs, total_slabs,\n"
"                  partial_slabs, cpu_slabs, memory_bytes (null: unknown)\n"
"  -h, --help      show this help\n"
"\n"
"Exit status: 0; 1 when /proc/slabinfo cannot be read or parsed; 2 usage;\n"
"4 permission denied.\n",
	.run = slab_run,
};
