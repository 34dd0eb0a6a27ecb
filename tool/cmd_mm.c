// SPDX-License-Identifier: GPL-2.0
/* mmscope mm PID: the address space's summary. */
#include <stdio.h>
#include <unistd.h>

#include "aspace.h"
#include "commands.h"
#include "output.h"
#include "util.h"

static uint64_t pt_total(const struct mms_mm *m)
{
	uint64_t n = 0;
	int l;

	for (l = MMSCOPE_LEVEL_PTE; l <= MMSCOPE_LEVEL_PGD; l++)
		n += m->pt[l];
	return n;
}

static int print_json(const struct mms_mm *m, long page)
{
	struct json_object *o = json_object_new_object(), *rss, *pt, *lay;
	int l;

	json_object_object_add(o, "pid", json_object_new_int64(m->pid));
	json_object_object_add(o, "comm", json_object_new_string(m->comm));
	json_object_object_add(o, "page_table_levels", json_object_new_int64(m->pt_levels));
	json_object_object_add(o, "pgd_pa", mms_json_hex(m->pgd_pa));
	json_object_object_add(o, "total_vm_pages", json_object_new_int64(m->total_vm));
	rss = json_object_new_object();
	json_object_object_add(rss, "anon", json_object_new_int64(m->rss_anon));
	json_object_object_add(rss, "file", json_object_new_int64(m->rss_file));
	json_object_object_add(rss, "shmem", json_object_new_int64(m->rss_shmem));
	json_object_object_add(o, "rss_pages", rss);
	json_object_object_add(o, "swap_entries", json_object_new_int64(m->swap_ents));
	pt = json_object_new_object();
	for (l = MMSCOPE_LEVEL_PTE; l <= MMSCOPE_LEVEL_PGD; l++)
		json_object_object_add(pt, mms_level_name(l), json_object_new_int64(m->pt[l]));
	json_object_object_add(o, "page_table_pages", pt);
	json_object_object_add(o, "page_table_bytes", json_object_new_int64(pt_total(m) * page));
	json_object_object_add(o, "page_table_bytes_kernel",
			       json_object_new_int64(m->pt_bytes_kernel));
	json_object_object_add(o, "page_tables_deposited", json_object_new_int64(m->pt_deposited));
	json_object_object_add(o, "map_count", json_object_new_int64(m->map_count));
	lay = json_object_new_object();
	json_object_object_add(lay, "start_code", mms_json_hex(m->start_code));
	json_object_object_add(lay, "end_code", mms_json_hex(m->end_code));
	json_object_object_add(lay, "start_data", mms_json_hex(m->start_data));
	json_object_object_add(lay, "end_data", mms_json_hex(m->end_data));
	json_object_object_add(lay, "start_brk", mms_json_hex(m->start_brk));
	json_object_object_add(lay, "brk", mms_json_hex(m->brk));
	json_object_object_add(lay, "start_stack", mms_json_hex(m->start_stack));
	json_object_object_add(lay, "arg_start", mms_json_hex(m->arg_start));
	json_object_object_add(lay, "arg_end", mms_json_hex(m->arg_end));
	json_object_object_add(lay, "env_start", mms_json_hex(m->env_start));
	json_object_object_add(lay, "env_end", mms_json_hex(m->env_end));
	json_object_object_add(o, "layout", lay);
	return mms_json_print(o, stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;
}

static int print_text(const struct mms_mm *m, long page)
{
	struct mms_table *t = mms_table_new(2, NULL);

	if (!t)
		return MMS_EXIT_FAIL;
#define ROW(k, ...) do { mms_table_row(t); mms_table_cell(t, "%s", k); \
	mms_table_cell(t, __VA_ARGS__); } while (0)
	ROW("process:", "%u (%s)", m->pid, m->comm);
	ROW("paging:", "%u levels, pgd at physical 0x%llx", m->pt_levels,
	    (unsigned long long)m->pgd_pa);
	ROW("page tables:", "pte %llu, pmd %llu, pud %llu, p4d %llu, pgd %llu pages = %llu KiB",
	    (unsigned long long)m->pt[MMSCOPE_LEVEL_PTE],
	    (unsigned long long)m->pt[MMSCOPE_LEVEL_PMD],
	    (unsigned long long)m->pt[MMSCOPE_LEVEL_PUD],
	    (unsigned long long)m->pt[MMSCOPE_LEVEL_P4D],
	    (unsigned long long)m->pt[MMSCOPE_LEVEL_PGD],
	    (unsigned long long)(pt_total(m) * page / 1024));
	ROW("", "+ %llu PTE tables deposited for THP leaves (unreachable by a walk)",
	    (unsigned long long)m->pt_deposited);
	ROW("", "(the kernel counts %llu KiB: PTE, PMD, PUD and deposited tables: VmPTE)",
	    (unsigned long long)m->pt_bytes_kernel / 1024);
	ROW("virtual size:", "%llu pages (%llu KiB) in %u VMAs",
	    (unsigned long long)m->total_vm, (unsigned long long)(m->total_vm * page / 1024),
	    m->map_count);
	ROW("resident:", "anon %llu, file %llu, shmem %llu pages; swap entries %llu",
	    (unsigned long long)m->rss_anon, (unsigned long long)m->rss_file,
	    (unsigned long long)m->rss_shmem, (unsigned long long)m->swap_ents);
	ROW("code:", "0x%llx-0x%llx", (unsigned long long)m->start_code,
	    (unsigned long long)m->end_code);
	ROW("data:", "0x%llx-0x%llx", (unsigned long long)m->start_data,
	    (unsigned long long)m->end_data);
	ROW("heap (brk):", "0x%llx-0x%llx", (unsigned long long)m->start_brk,
	    (unsigned long long)m->brk);
	ROW("stack start:", "0x%llx", (unsigned long long)m->start_stack);
	ROW("arguments:", "0x%llx-0x%llx", (unsigned long long)m->arg_start,
	    (unsigned long long)m->arg_end);
	ROW("environment:", "0x%llx-0x%llx", (unsigned long long)m->env_start,
	    (unsigned long long)m->env_end);
#undef ROW
	mms_table_print(t, stdout);
	mms_table_free(t);
	return MMS_EXIT_OK;
}

static int mm_run(int argc, char **argv, struct mms_opts *opts)
{
	long page = sysconf(_SC_PAGESIZE);
	struct mms_nl nl;
	struct mms_mm m;
	int ret, pid;

	ret = mms_cmd_common_opts(&mms_cmd_mm, argc, argv, opts);
	if (ret >= 0)
		return ret;
	ret = mms_cmd_pid(&mms_cmd_mm, argv[optind], &pid);
	if (ret)
		return ret;
	if (optind + 1 < argc) {
		mms_err("mm: unexpected argument '%s'", argv[optind + 1]);
		return MMS_EXIT_USAGE;
	}
	ret = mms_connect(&nl, "mm");
	if (ret)
		return ret;
	ret = mms_get_mm(&nl, pid, &m);
	if (ret)
		ret = mms_nl_report(&nl, ret, "mm");
	else
		ret = opts->json ? print_json(&m, page) : print_text(&m, page);
	mms_nl_close(&nl);
	return ret;
}

const struct mms_command mms_cmd_mm = {
	.name = "mm",
	.summary = "summarise a process's address space and page tables",
	.help =
"Usage: mmscope mm [--json] PID\n"
"\n"
"Summarise the address space of process PID: paging levels and the physical\n"
"address of its top-level table (PGD); how many page-table pages each level\n"
"uses (counted by walking the tables under every VMA, each table once) next\n"
"to the kernel's own count (VmPTE); total virtual size; resident pages split\n"
"into anonymous, file and shmem (as RssAnon/RssFile/RssShmem); swap entries;\n"
"the number of VMAs; and where code, data, heap, stack, arguments and\n"
"environment start and end.\n"
"\n"
"Options:\n"
"  -j, --json   one JSON object: pid, comm, page_table_levels, pgd_pa,\n"
"               total_vm_pages, rss_pages {anon, file, shmem}, swap_entries,\n"
"               page_table_pages {pte, pmd, pud, p4d, pgd}, page_table_bytes,\n"
"               page_table_bytes_kernel, page_tables_deposited (PTE tables\n"
"               the kernel sets aside beside THP leaves), map_count,\n"
"               layout {start_code, ...};\n"
"               addresses are hex strings\n"
"  -h, --help   show this help\n"
"\n"
"Errors: an unknown PID, a kernel thread (no address space) and an exited\n"
"process are reported with exit status 1.\n",
	.run = mm_run,
};
