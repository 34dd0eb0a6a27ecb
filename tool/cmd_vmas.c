// SPDX-License-Identifier: GPL-2.0
/* mmscope vmas PID: VMAs with the counts of a page-table walk over each. */
#include <stdio.h>
#include <unistd.h>

#include "aspace.h"
#include "commands.h"
#include "output.h"
#include "util.h"

#define U(v) json_object_new_int64((int64_t)(v))

static int print_json(const struct mms_vma *v, size_t n)
{
	struct json_object *arr = json_object_new_array(), *o;
	char perms[5], vmf[128];
	size_t i;

	for (i = 0; i < n; i++, v++) {
		o = json_object_new_object();
		mms_vma_perms(v->flags, perms);
		mms_vm_flags_str(v->flags, vmf, sizeof(vmf));
		json_object_object_add(o, "start", mms_json_hex(v->start));
		json_object_object_add(o, "end", mms_json_hex(v->end));
		json_object_object_add(o, "perms", json_object_new_string(perms));
		json_object_object_add(o, "vm_flags", mms_json_hex(v->flags));
		json_object_object_add(o, "vm_flags_names", json_object_new_string(vmf));
		json_object_object_add(o, "offset", U(v->pgoff));
		json_object_object_add(o, "name", json_object_new_string(v->name));
		json_object_object_add(o, "kind", json_object_new_string(mms_kind_name(v->kind)));
		json_object_object_add(o, "present", U(v->present));
		json_object_object_add(o, "rss", U(v->rss));
		json_object_object_add(o, "young", U(v->young));
		json_object_object_add(o, "referenced", U(v->referenced));
		json_object_object_add(o, "dirty", U(v->dirty));
		json_object_object_add(o, "writable", U(v->writable));
		json_object_object_add(o, "nx", U(v->nx));
		json_object_object_add(o, "swap", U(v->swap));
		json_object_object_add(o, "zero", U(v->zero));
		json_object_object_add(o, "huge_pmd", U(v->huge_pmd));
		json_object_object_add(o, "huge_pud", U(v->huge_pud));
		json_object_object_add(o, "anon_huge", U(v->anon_huge));
		json_object_object_add(o, "shared", U(v->shared));
		json_object_object_add(o, "page_table_pages", U(v->pt_pages));
		json_object_array_add(arr, o);
	}
	return mms_json_print(arr, stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;
}

static int print_text(const struct mms_vma *v, size_t n)
{
	static const char *const hdr[] = {
		"START", "END", "PERM", "KIND", "PRESENT", "YOUNG", "DIRTY", "WRITE", "NX",
		"SWAP", "ZERO", "HUGE", "SHARED", "PT", "NAME",
	};
	const unsigned int ncols = sizeof(hdr) / sizeof(hdr[0]);
	struct mms_table *t = mms_table_new(ncols, hdr);
	char perms[5];
	unsigned int c;
	size_t i;

	if (!t)
		return MMS_EXIT_FAIL;
	for (c = 4; c < ncols - 1; c++)
		mms_table_align_right(t, c);
	for (i = 0; i < n; i++, v++) {
		mms_vma_perms(v->flags, perms);
		mms_table_row(t);
		mms_table_cell(t, "%012llx", (unsigned long long)v->start);
		mms_table_cell(t, "%012llx", (unsigned long long)v->end);
		mms_table_cell(t, "%s", perms);
		mms_table_cell(t, "%s", mms_kind_name(v->kind));
		mms_table_cell(t, "%llu", (unsigned long long)v->present);
		mms_table_cell(t, "%llu", (unsigned long long)v->young);
		mms_table_cell(t, "%llu", (unsigned long long)v->dirty);
		mms_table_cell(t, "%llu", (unsigned long long)v->writable);
		mms_table_cell(t, "%llu", (unsigned long long)v->nx);
		mms_table_cell(t, "%llu", (unsigned long long)v->swap);
		mms_table_cell(t, "%llu", (unsigned long long)v->zero);
		mms_table_cell(t, "%llu", (unsigned long long)(v->huge_pmd + v->huge_pud));
		mms_table_cell(t, "%llu", (unsigned long long)v->shared);
		mms_table_cell(t, "%llu", (unsigned long long)v->pt_pages);
		mms_table_cell(t, "%s", v->name);
	}
	mms_table_print(t, stdout);
	mms_table_free(t);
	return MMS_EXIT_OK;
}

static int vmas_run(int argc, char **argv, struct mms_opts *opts)
{
	struct mms_vma *v = NULL;
	struct mms_nl nl;
	size_t n = 0;
	int ret, pid;

	ret = mms_cmd_common_opts(&mms_cmd_vmas, argc, argv, opts);
	if (ret >= 0)
		return ret;
	ret = mms_cmd_pid(&mms_cmd_vmas, argv[optind], &pid);
	if (ret)
		return ret;
	if (optind + 1 < argc) {
		mms_err("vmas: unexpected argument '%s'", argv[optind + 1]);
		return MMS_EXIT_USAGE;
	}
	ret = mms_connect(&nl, "vmas");
	if (ret)
		return ret;
	ret = mms_get_vmas(&nl, pid, &v, &n);
	if (ret)
		ret = mms_nl_report(&nl, ret, "vmas");
	else
		ret = opts->json ? print_json(v, n) : print_text(v, n);
	mms_vmas_free(v, n);
	mms_nl_close(&nl);
	return ret;
}

const struct mms_command mms_cmd_vmas = {
	.name = "vmas",
	.summary = "list a process's VMAs with page-table counts",
	.help =
"Usage: mmscope vmas [--json] PID\n"
"\n"
"List the virtual memory areas of process PID, as /proc/PID/maps does, each\n"
"with what a walk of its page tables finds.  Counts are in base pages (a\n"
"2 MiB leaf counts 512), except HUGE (leaves) and PT (tables):\n"
"  PRESENT  entries that map a frame (pte_present)\n"
"  YOUNG    Accessed bit set        DIRTY   Dirty bit set\n"
"  WRITE    RW bit set              NX      no-execute bit set\n"
"  SWAP     swap entries            ZERO    mappings of the shared zero page\n"
"  HUGE     PMD and PUD leaves      SHARED  pages mapped more than once\n"
"  PT       page-table pages covering the VMA (shared tables count in each)\n"
"KIND is anon, file, shmem, pfnmap or other ([vdso]).\n"
"\n"
"Options:\n"
"  -j, --json   a JSON array, one object per VMA: start, end (hex strings),\n"
"               perms, vm_flags, vm_flags_names (smaps' VmFlags mnemonics),\n"
"               offset, name, kind, present, rss (present minus zero page and\n"
"               raw PFN mappings: smaps' Rss), young, referenced (young or\n"
"               PG_referenced: smaps' Referenced), dirty, writable, nx, swap,\n"
"               zero, huge_pmd, huge_pud, anon_huge (smaps' AnonHugePages),\n"
"               shared, page_table_pages\n"
"  -h, --help   show this help\n",
	.run = vmas_run,
};
