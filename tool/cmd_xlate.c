// SPDX-License-Identifier: GPL-2.0
/* mmscope xlate PID VA: one address translated level by level. */
#include <stdio.h>
#include <unistd.h>

#include "aspace.h"
#include "commands.h"
#include "output.h"
#include "util.h"

static int print_json(const struct mms_xlate *x)
{
	struct json_object *o = json_object_new_object(), *steps, *s, *idx, *sw = NULL;
	unsigned int i;
	size_t b;
	int l;

	json_object_object_add(o, "va", mms_json_hex(x->va));
	json_object_object_add(o, "levels", json_object_new_int64(x->levels));
	idx = json_object_new_object();
	for (l = x->levels == 5 ? MMSCOPE_LEVEL_PGD : MMSCOPE_LEVEL_P4D; l >= MMSCOPE_LEVEL_PTE; l--)
		json_object_object_add(idx, mms_level_name(l == MMSCOPE_LEVEL_P4D &&
							  x->levels == 4 ? MMSCOPE_LEVEL_PGD : l),
				       json_object_new_int64(mms_va_index(x->va, l)));
	json_object_object_add(o, "indices", idx);
	json_object_object_add(o, "offset", json_object_new_int64(x->va & 0xfff));
	steps = json_object_new_array();
	for (i = 0; i < x->nr_steps; i++) {
		s = json_object_new_object();
		json_object_object_add(s, "level",
				       json_object_new_string(mms_level_name(x->steps[i].level)));
		json_object_object_add(s, "table_pa", mms_json_hex(x->steps[i].table_pa));
		json_object_object_add(s, "index", json_object_new_int64(x->steps[i].index));
		json_object_object_add(s, "raw", mms_json_hex(x->steps[i].raw));
		for (b = 0; b < mms_nr_entry_bits; b++)
			if (mms_entry_bits[b].bit != MMSCOPE_F_PRESENT)
				json_object_object_add(s, mms_entry_bits[b].json,
						       json_object_new_boolean(x->steps[i].flags &
									       mms_entry_bits[b].bit));
		json_object_object_add(s, "present", json_object_new_boolean(x->steps[i].flags &
									     MMSCOPE_F_HW_PRESENT));
		json_object_array_add(steps, s);
	}
	json_object_object_add(o, "steps", steps);
	json_object_object_add(o, "stop", json_object_new_string(mms_stop_name(x->stop)));
	json_object_object_add(o, "stop_level",
			       json_object_new_string(mms_level_name(x->stop_level)));
	json_object_object_add(o, "pa", x->has_pa ? mms_json_hex(x->pa) : NULL);
	json_object_object_add(o, "page_size",
			       x->has_pa ? json_object_new_int64((int64_t)x->page_size) : NULL);
	if (x->stop == MMSCOPE_XL_SWAPPED) {
		sw = json_object_new_object();
		json_object_object_add(sw, "type", json_object_new_int64(x->swap_type));
		json_object_object_add(sw, "offset", json_object_new_int64((int64_t)x->swap_offset));
	}
	json_object_object_add(o, "swap", sw);
	return mms_json_print(o, stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;
}

static int print_text(const struct mms_xlate *x)
{
	static const char *const hdr[] = { "LEVEL", "TABLE (PHYS)", "INDEX", "ENTRY",
					   "PWUTCADSGXsnp", "U/S" };
	struct mms_table *t = mms_table_new(6, hdr);
	char bits[32];
	unsigned int i;
	int l, user = 1;

	if (!t)
		return MMS_EXIT_FAIL;
	printf("virtual address 0x%016llx, %u-level paging:\n ", (unsigned long long)x->va,
	       x->levels);
	for (l = x->levels == 5 ? MMSCOPE_LEVEL_PGD : MMSCOPE_LEVEL_P4D; l >= MMSCOPE_LEVEL_PTE; l--)
		printf(" %s[%u]", mms_level_name(x->levels == 4 && l == MMSCOPE_LEVEL_P4D ?
						 MMSCOPE_LEVEL_PGD : l), mms_va_index(x->va, l));
	printf("  offset 0x%03llx\n\n", (unsigned long long)(x->va & 0xfff));
	mms_table_align_right(t, 2);
	for (i = 0; i < x->nr_steps; i++) {
		/* Effective U/S is the AND of every level's bit. */
		if (x->steps[i].raw && !(x->steps[i].flags & MMSCOPE_F_USER))
			user = 0;
		mms_flags_str(x->steps[i].flags & ~MMSCOPE_F_PRESENT, bits, sizeof(bits));
		bits[0] = x->steps[i].flags & MMSCOPE_F_HW_PRESENT ? 'P' : '-';
		mms_table_row(t);
		mms_table_cell(t, "%s", mms_level_name(x->steps[i].level));
		mms_table_cell(t, "0x%012llx", (unsigned long long)x->steps[i].table_pa);
		mms_table_cell(t, "%u", x->steps[i].index);
		mms_table_cell(t, "0x%016llx", (unsigned long long)x->steps[i].raw);
		mms_table_cell(t, "%s", bits);
		mms_table_cell(t, "%s", !x->steps[i].raw ? "" : user ? "user" : "kernel only");
	}
	mms_table_print(t, stdout);
	mms_table_free(t);
	printf("\n=> %s", mms_xlate_stop_text(x->stop));
	if (x->stop == MMSCOPE_XL_OK)
		printf(": physical address 0x%llx (%llu KiB page)", (unsigned long long)x->pa,
		       (unsigned long long)x->page_size / 1024);
	else if (x->stop == MMSCOPE_XL_SWAPPED)
		printf(" (type %u, offset 0x%llx)", x->swap_type,
		       (unsigned long long)x->swap_offset);
	printf("\n   walk stopped at the %s level\n", mms_level_name(x->stop_level));
	return MMS_EXIT_OK;
}

static int xlate_run(int argc, char **argv, struct mms_opts *opts)
{
	struct mms_xlate x;
	struct mms_nl nl;
	uint64_t va;
	int ret, pid;

	ret = mms_cmd_common_opts(&mms_cmd_xlate, argc, argv, opts);
	if (ret >= 0)
		return ret;
	ret = mms_cmd_pid(&mms_cmd_xlate, argv[optind], &pid);
	if (ret)
		return ret;
	if (optind + 1 >= argc || mms_parse_u64(argv[optind + 1], &va)) {
		mms_err("xlate: give a virtual address (hex with 0x, or decimal)");
		return MMS_EXIT_USAGE;
	}
	if (optind + 2 < argc) {
		mms_err("xlate: unexpected argument '%s'", argv[optind + 2]);
		return MMS_EXIT_USAGE;
	}
	ret = mms_connect(&nl, "xlate");
	if (ret)
		return ret;
	ret = mms_xlate(&nl, pid, va, &x);
	if (ret)
		ret = mms_nl_report(&nl, ret, "xlate");
	else
		ret = opts->json ? print_json(&x) : print_text(&x);
	mms_nl_close(&nl);
	return ret;
}

const struct mms_command mms_cmd_xlate = {
	.name = "xlate",
	.summary = "translate one virtual address step by step",
	.help =
"Usage: mmscope xlate [--json] PID VA\n"
"\n"
"Translate virtual address VA of process PID the way the MMU does: the VA\n"
"split into one 9-bit index per level and a 12-bit page offset; for each\n"
"level the physical address of the table, the index, the raw entry and its\n"
"bits; then the physical address and the page size (4 KiB, or 2 MiB / 1 GiB\n"
"for a huge leaf), or the level where the walk stops and why (empty entry,\n"
"not present, swap entry with its type and offset).  Kernel-half addresses\n"
"work too: the U/S column shows where the walk proves the page is kernel only.\n"
"\n"
"Options:\n"
"  -j, --json   one JSON object: va, levels, indices {pgd, p4d, pud, pmd,\n"
"               pte}, offset, steps [{level, table_pa, index, raw, present,\n"
"               rw, user, accessed, dirty, nx, ...}], stop, stop_level, pa\n"
"               (hex string or null), page_size, swap ({type, offset} or null)\n"
"  -h, --help   show this help\n"
"\n"
"A VA that is not canonical for the paging mode in use is refused (exit 1).\n",
	.run = xlate_run,
};
