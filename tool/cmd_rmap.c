// SPDX-License-Identifier: GPL-2.0
/* mmscope rmap PFN | PID VA: every process and address that maps a frame. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "aspace.h"
#include "commands.h"
#include "output.h"
#include "rmap.h"
#include "util.h"

static struct json_object *mapper_json(const struct mms_mapper *m)
{
	struct json_object *o = json_object_new_object();
	char perms[5];

	mms_vma_perms(m->vm_flags, perms);
	json_object_object_add(o, "pid", json_object_new_int64(m->pid));
	json_object_object_add(o, "comm", json_object_new_string(m->comm));
	json_object_object_add(o, "va", mms_json_hex(m->va));
	json_object_object_add(o, "vma_start", mms_json_hex(m->vm_start));
	json_object_object_add(o, "vma_end", mms_json_hex(m->vm_end));
	json_object_object_add(o, "vma_flags", mms_json_hex(m->vm_flags));
	json_object_object_add(o, "vma_pgoff", json_object_new_int64((int64_t)m->vm_pgoff));
	json_object_object_add(o, "perms", json_object_new_string(perms));
	json_object_object_add(o, "level", json_object_new_string(mms_level_name(m->level)));
	json_object_object_add(o, "rw", json_object_new_boolean(m->flags & MMSCOPE_F_RW));
	json_object_object_add(o, "accessed",
			       json_object_new_boolean(m->flags & MMSCOPE_F_ACCESSED));
	json_object_object_add(o, "dirty", json_object_new_boolean(m->flags & MMSCOPE_F_DIRTY));
	json_object_object_add(o, "huge", json_object_new_boolean(m->flags & MMSCOPE_F_HUGE));
	return o;
}

static int print_json(const struct mms_rmap *r)
{
	struct json_object *o = json_object_new_object(), *f = NULL, *arr;
	char dev[24];
	unsigned int i;

	json_object_object_add(o, "pfn", json_object_new_int64((int64_t)r->pfn));
	json_object_object_add(o, "pa", mms_json_hex(r->pfn << 12));
	json_object_object_add(o, "va", r->has_va ? mms_json_hex(r->va) : NULL);
	json_object_object_add(o, "frame", json_object_new_string(mms_frame_name(r->frame)));
	json_object_object_add(o, "method",
			       json_object_new_string(mms_rmap_method_name(r->method)));
	json_object_object_add(o, "mapcount", json_object_new_int64(r->mapcount));
	json_object_object_add(o, "folio_pages", json_object_new_int64(r->folio_pages));
	if (r->has_file) {
		f = json_object_new_object();
		snprintf(dev, sizeof(dev), "%u:%u", r->dev_major, r->dev_minor);
		json_object_object_add(f, "path", json_object_new_string(r->path));
		json_object_object_add(f, "offset", json_object_new_int64((int64_t)r->file_offset));
		json_object_object_add(f, "ino", json_object_new_int64((int64_t)r->file_ino));
		json_object_object_add(f, "dev", json_object_new_string(dev));
	}
	json_object_object_add(o, "file", f);
	json_object_object_add(o, "nr_mappers", json_object_new_int64(r->nr_mappers));
	json_object_object_add(o, "truncated", json_object_new_boolean(r->truncated));
	json_object_object_add(o, "candidates", json_object_new_int64(r->candidates));
	json_object_object_add(o, "stale", json_object_new_int64(r->stale));
	json_object_object_add(o, "note", mms_json_str_or_null(r->note));
	json_object_object_add(o, "elapsed_ns", json_object_new_int64((int64_t)r->elapsed_ns));
	arr = json_object_new_array();
	for (i = 0; i < r->nr_stored; i++)
		json_object_array_add(arr, mapper_json(&r->mappers[i]));
	json_object_object_add(o, "mappers", arr);
	return mms_json_print(o, stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;
}

static int print_text(const struct mms_rmap *r)
{
	static const char *const hdr[] = { "PID", "COMM", "VA", "VMA", "PERM", "LEVEL",
					   "BITS" };
	struct mms_table *t;
	char perms[5], bits[32];
	unsigned int i;

	if (r->has_va)
		printf("VA 0x%llx maps ", (unsigned long long)r->va);
	printf("PFN 0x%llx (physical 0x%llx): %s page, mapcount %d", (unsigned long long)r->pfn,
	       (unsigned long long)r->pfn << 12, mms_frame_name(r->frame), r->mapcount);
	if (r->folio_pages > 1)
		printf(", in a folio of %u pages", r->folio_pages);
	printf("\n");
	if (r->has_file)
		printf("file: %s, offset 0x%llx (inode %llu on device %u:%u)\n", r->path,
		       (unsigned long long)r->file_offset, (unsigned long long)r->file_ino,
		       r->dev_major, r->dev_minor);
	printf("searched: %s", mms_rmap_method_text(r->method));
	if (r->method == MMSCOPE_RMAP_M_SCAN)
		printf(" (%u address spaces, %.3f ms)\n", r->candidates, r->elapsed_ns / 1e6);
	else if (r->method != MMSCOPE_RMAP_M_NONE)
		printf(" (%u VMAs looked at, %u cover the page but map another frame; %.3f ms)\n",
		       r->candidates, r->stale, r->elapsed_ns / 1e6);
	else
		printf("\n");
	if (r->note[0])
		printf("note: %s\n", r->note);
	printf("%u mapping%s", r->nr_mappers, r->nr_mappers == 1 ? "" : "s");
	if (r->truncated)
		printf(" (truncated: the first %u are listed; the bounds stopped the search)",
		       r->nr_stored);
	printf("%s\n", r->nr_stored ? ":" : "");
	if (!r->nr_stored)
		return MMS_EXIT_OK;
	t = mms_table_new(7, hdr);
	if (!t)
		return MMS_EXIT_FAIL;
	mms_table_align_right(t, 0);
	for (i = 0; i < r->nr_stored; i++) {
		const struct mms_mapper *m = &r->mappers[i];

		mms_vma_perms(m->vm_flags, perms);
		mms_flags_str(m->flags, bits, sizeof(bits));
		mms_table_row(t);
		mms_table_cell(t, "%u", m->pid);
		mms_table_cell(t, "%s", m->comm);
		mms_table_cell(t, "0x%llx", (unsigned long long)m->va);
		mms_table_cell(t, "0x%llx-0x%llx", (unsigned long long)m->vm_start,
			       (unsigned long long)m->vm_end);
		mms_table_cell(t, "%s", perms);
		mms_table_cell(t, "%s", mms_level_name(m->level));
		mms_table_cell(t, "%s", bits);
	}
	mms_table_print(t, stdout);
	mms_table_free(t);
	return MMS_EXIT_OK;
}

static int rmap_run(int argc, char **argv, struct mms_opts *opts)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "scan", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct mms_rmap *r;
	uint64_t pfn = 0, va = 0;
	bool scan = false;
	struct mms_nl nl;
	int c, ret, pid = 0, nops;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+jhs", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opts->json = true;
			break;
		case 'h':
			fputs(mms_cmd_rmap.help, stdout);
			return MMS_EXIT_OK;
		case 's':
			scan = true;
			break;
		default:
			fprintf(stderr, "See 'mmscope rmap --help'.\n");
			return MMS_EXIT_USAGE;
		}
	}
	nops = argc - optind;
	if (nops == 1) {
		if (mms_parse_u64(argv[optind], &pfn)) {
			mms_err("rmap: '%s' is not a PFN (hex with 0x, or decimal)", argv[optind]);
			return MMS_EXIT_USAGE;
		}
	} else if (nops == 2) {
		ret = mms_cmd_pid(&mms_cmd_rmap, argv[optind], &pid);
		if (ret)
			return ret;
		if (mms_parse_u64(argv[optind + 1], &va)) {
			mms_err("rmap: '%s' is not a virtual address (hex with 0x, or decimal)",
				argv[optind + 1]);
			return MMS_EXIT_USAGE;
		}
	} else {
		mms_err("rmap: give a PFN, or a PID and a VA (see 'mmscope rmap --help')");
		return MMS_EXIT_USAGE;
	}
	r = malloc(sizeof(*r));
	if (!r)
		return MMS_EXIT_FAIL;
	ret = mms_connect(&nl, "rmap");
	if (ret) {
		free(r);
		return ret;
	}
	ret = mms_get_rmap(&nl, pfn, pid, va, scan, r);
	if (ret)
		ret = mms_nl_report(&nl, ret, "rmap");
	else
		ret = opts->json ? print_json(r) : print_text(r);
	mms_nl_close(&nl);
	free(r);
	return ret;
}

const struct mms_command mms_cmd_rmap = {
	.name = "rmap",
	.summary = "which processes map a physical frame (reverse mapping)",
	.help =
"Usage: mmscope rmap [--json] [--scan] PFN\n"
"       mmscope rmap [--json] [--scan] PID VA\n"
"\n"
"List every mapping of one physical frame: the process (PID and command),\n"
"the virtual address and the VMA that maps it, with the entry's level and\n"
"bits.  The frame is given by its number PFN, or as the frame that process\n"
"PID maps at virtual address VA (numbers: hex with 0x, or decimal).\n"
"\n"
"The frame is classified first: anon, file, shmem (tmpfs, shared anonymous\n"
"memory), ksm, zero (the shared zero page), hugetlb, pagetable, slab, free,\n"
"reserved, or kernel (in use, owned by no file or anon_vma).  The kernel's\n"
"mapcount is shown as /proc/kpagecount reports it.  Mappers are found the\n"
"way the kernel's own reverse map finds them: an anonymous page through its\n"
"anon_vma tree, a file or shmem page through the file's i_mmap tree (then\n"
"the file's path and the page's offset are shown).  Every candidate VMA is\n"
"checked against its page table, so only real mappings are listed; VMAs that\n"
"cover the page but map another frame (after copy-on-write) are counted as\n"
"\"stale\".  KSM, zero, hugetlb and reserved pages have no tree to walk: the\n"
"answer says so, and --scan finds their mappers.\n"
"\n"
"At most 64 mappings are listed; the count goes on, and the answer says when\n"
"it is truncated.\n"
"\n"
"Options:\n"
"  -s, --scan   search the page tables of every process instead: finds\n"
"               mappings of any frame, at a cost proportional to all the\n"
"               memory mapped in the system (use sparingly)\n"
"  -j, --json   one JSON object: pfn, pa, va (hex string or null), frame,\n"
"               method (none, anon_vma, i_mmap, scan), mapcount, folio_pages,\n"
"               file ({path, offset, ino, dev} or null), nr_mappers,\n"
"               truncated, candidates, stale, note (string or null),\n"
"               elapsed_ns, mappers [{pid, comm, va, vma_start, vma_end,\n"
"               vma_flags, vma_pgoff, perms, level, rw, accessed, dirty,\n"
"               huge}]\n"
"  -h, --help   show this help\n"
"\n"
"A PFN with no memory behind it (beyond the end of RAM, or a hole), a VA\n"
"with nothing mapped (or swapped out) and a non-canonical VA are refused\n"
"with the reason (exit 1).\n",
	.run = rmap_run,
};
