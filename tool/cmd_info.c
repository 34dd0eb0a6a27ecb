// SPDX-License-Identifier: GPL-2.0
/* mmscope info: what the loaded module and the running kernel offer. */
#include <stdio.h>
#include <unistd.h>

#include "commands.h"
#include "mmscope.h"
#include "model.h"
#include "output.h"
#include "util.h"

static int print_json(const struct mms_info *info)
{
	struct json_object *o = json_object_new_object(), *feats, *f;
	unsigned int i;

	json_object_object_add(o, "module_version", json_object_new_string(info->version));
	json_object_object_add(o, "tool_version", json_object_new_string(MMSCOPE_RELEASE));
	json_object_object_add(o, "protocol_version", json_object_new_int(MMSCOPE_GENL_VERSION));
	json_object_object_add(o, "kernel_release", json_object_new_string(info->release));
	json_object_object_add(o, "page_table_levels", json_object_new_int64(info->pt_levels));
	json_object_object_add(o, "page_size", json_object_new_int64(info->page_size));
	feats = json_object_new_array();
	for (i = 0; i < info->nr_features; i++) {
		f = json_object_new_object();
		json_object_object_add(f, "name", json_object_new_string(info->features[i].name));
		json_object_object_add(f, "available",
				       json_object_new_boolean(info->features[i].available));
		json_object_object_add(f, "reason", mms_json_str_or_null(info->features[i].reason));
		json_object_array_add(feats, f);
	}
	json_object_object_add(o, "features", feats);
	return mms_json_print(o, stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;
}

static int print_text(const struct mms_info *info)
{
	static const char *const hdr[] = { "FEATURE", "STATUS", "REASON" };
	struct mms_table *kv = mms_table_new(2, NULL), *t = mms_table_new(3, hdr);
	unsigned int i;

	if (!kv || !t) {
		mms_table_free(kv);
		mms_table_free(t);
		mms_err("out of memory");
		return MMS_EXIT_FAIL;
	}
	mms_table_row(kv);
	mms_table_cell(kv, "module version:");
	mms_table_cell(kv, "%s (tool %s, protocol %d)", info->version, MMSCOPE_RELEASE,
		       MMSCOPE_GENL_VERSION);
	mms_table_row(kv);
	mms_table_cell(kv, "kernel release:");
	mms_table_cell(kv, "%s", info->release);
	mms_table_row(kv);
	mms_table_cell(kv, "page-table levels:");
	mms_table_cell(kv, "%u", info->pt_levels);
	mms_table_row(kv);
	mms_table_cell(kv, "page size:");
	mms_table_cell(kv, "%u", info->page_size);
	mms_table_print(kv, stdout);

	for (i = 0; i < info->nr_features; i++) {
		mms_table_row(t);
		mms_table_cell(t, "%s", info->features[i].name);
		mms_table_cell(t, "%s", info->features[i].available ? "available" : "unavailable");
		mms_table_cell(t, "%s", info->features[i].reason);
	}
	fputc('\n', stdout);
	mms_table_print(t, stdout);
	mms_table_free(kv);
	mms_table_free(t);
	return MMS_EXIT_OK;
}

static int info_run(int argc, char **argv, struct mms_opts *opts)
{
	struct mms_info info;
	struct mms_nl nl;
	int ret;

	ret = mms_cmd_common_opts(&mms_cmd_info, argc, argv, opts);
	if (ret >= 0)
		return ret;
	if (optind != argc) {
		mms_err("info: unexpected argument '%s' (see 'mmscope info --help')", argv[optind]);
		return MMS_EXIT_USAGE;
	}
	ret = mms_connect(&nl, "info");
	if (ret)
		return ret;
	ret = mms_get_info(&nl, &info);
	if (ret)
		ret = mms_nl_report(&nl, ret, "info");
	else
		ret = opts->json ? print_json(&info) : print_text(&info);
	mms_nl_close(&nl);
	return ret;
}

const struct mms_command mms_cmd_info = {
	.name = "info",
	.summary = "show the module's version, the kernel's paging geometry and features",
	.help =
"Usage: mmscope info [--json]\n"
"\n"
"Show what the loaded mmscope module reports about itself and the running\n"
"kernel: module, tool and protocol versions, the kernel release, how many\n"
"page-table levels the MMU walks (4, or 5 with LA57), the base page size, and\n"
"the kernel capabilities mmscope's features rely on, each marked available or\n"
"unavailable with the reason.\n"
"\n"
"Options:\n"
"  -j, --json   print one JSON object: module_version, tool_version,\n"
"               protocol_version, kernel_release, page_table_levels, page_size,\n"
"               features (array of {name, available, reason})\n"
"  -h, --help   show this help\n",
	.run = info_run,
};
