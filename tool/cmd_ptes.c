// SPDX-License-Identifier: GPL-2.0
/* mmscope ptes PID: every present or swap entry of a range, streamed. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "aspace.h"
#include "commands.h"
#include "output.h"
#include "util.h"

struct ptes_out {
	bool json;
	unsigned long long n;
};

static int count_entry(const struct mms_pte *p, void *data)
{
	(void)p;
	((struct ptes_out *)data)->n++;
	return 0;
}

static int print_entry_json(const struct mms_pte *p, void *data)
{
	struct ptes_out *out = data;
	struct json_object *o = json_object_new_object(), *sw = NULL;
	const char *s;
	size_t i;

	json_object_object_add(o, "va", mms_json_hex(p->va));
	json_object_object_add(o, "level", json_object_new_string(mms_level_name(p->level)));
	json_object_object_add(o, "size", json_object_new_int64((int64_t)p->size));
	json_object_object_add(o, "pfn", p->has_pfn ? json_object_new_int64((int64_t)p->pfn) : NULL);
	json_object_object_add(o, "raw", mms_json_hex(p->raw));
	json_object_object_add(o, "kind", json_object_new_string(mms_kind_name(p->kind)));
	for (i = 0; i < mms_nr_entry_bits; i++)
		json_object_object_add(o, mms_entry_bits[i].json,
				       json_object_new_boolean(p->flags & mms_entry_bits[i].bit));
	json_object_object_add(o, "huge", json_object_new_boolean(p->flags & MMSCOPE_F_HUGE));
	if (p->has_swap) {
		sw = json_object_new_object();
		json_object_object_add(sw, "type", json_object_new_int64(p->swap_type));
		json_object_object_add(sw, "offset", json_object_new_int64((int64_t)p->swap_offset));
	}
	json_object_object_add(o, "swap", sw);
	json_object_object_add(o, "mapcount",
			       p->has_mapcount ? json_object_new_int64(p->mapcount) : NULL);
	s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
					   JSON_C_TO_STRING_NOSLASHESCAPE);
	if (printf("%s\n  %s", out->n ? "," : "", s) < 0) {
		json_object_put(o);
		return -EIO;
	}
	json_object_put(o);
	out->n++;
	return 0;
}

static int print_entry_text(const struct mms_pte *p, void *data)
{
	struct ptes_out *out = data;
	char bits[32], pfn[24] = "-", extra[64] = "";

	mms_flags_str(p->flags, bits, sizeof(bits));
	if (p->has_pfn)
		snprintf(pfn, sizeof(pfn), "0x%llx", (unsigned long long)p->pfn);
	if (p->has_swap)
		snprintf(extra, sizeof(extra), "swap %u:0x%llx", p->swap_type,
			 (unsigned long long)p->swap_offset);
	else if (p->has_mapcount)
		snprintf(extra, sizeof(extra), "map %u", p->mapcount);
	if (!out->n)
		printf("%-16s %-3s %5s %-12s %-18s %-13s %-9s %s\n", "VA", "LVL", "SIZE", "PFN",
		       "RAW", "PWUTCADSGXsnp", "KIND", "MAP/SWAP");
	if (printf("%016llx %-3s %4lluK %-12s %018llx %-13s %-9s %s\n",
		   (unsigned long long)p->va, mms_level_name(p->level),
		   (unsigned long long)p->size / 1024, pfn, (unsigned long long)p->raw, bits,
		   mms_kind_name(p->kind), extra) < 0)
		return -EIO;
	out->n++;
	return 0;
}

static int parse_range(const char *s, uint64_t *start, uint64_t *end)
{
	char buf[64], *dash;

	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	dash = strchr(buf, '-');
	if (!dash)
		return -EINVAL;
	*dash = '\0';
	if (mms_parse_u64(buf, start) || mms_parse_u64(dash + 1, end))
		return -EINVAL;
	return 0;
}

static int ptes_run(int argc, char **argv, struct mms_opts *opts)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "range", required_argument, NULL, 'r' },
		{ "present", no_argument, NULL, 'P' },
		{ "dirty", no_argument, NULL, 'D' },
		{ "young", no_argument, NULL, 'Y' },
		{ "swap", no_argument, NULL, 'S' },
		{ "huge", no_argument, NULL, 'H' },
		{ "count", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	struct ptes_out out = { .json = opts->json };
	bool count = false;
	uint64_t start = 0, end = 0;
	uint32_t filter = 0;
	struct mms_nl nl;
	int c, ret, pid;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+jhr:", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			out.json = true;
			break;
		case 'h':
			fputs(mms_cmd_ptes.help, stdout);
			return MMS_EXIT_OK;
		case 'r':
			if (parse_range(optarg, &start, &end) || start >= end) {
				mms_err("ptes: --range wants START-END with START < END (hex with 0x, or decimal), not '%s'",
					optarg);
				return MMS_EXIT_USAGE;
			}
			break;
		case 'P':
			filter |= MMSCOPE_FILTER_PRESENT;
			break;
		case 'D':
			filter |= MMSCOPE_FILTER_DIRTY;
			break;
		case 'Y':
			filter |= MMSCOPE_FILTER_YOUNG;
			break;
		case 'S':
			filter |= MMSCOPE_FILTER_SWAP;
			break;
		case 'H':
			filter |= MMSCOPE_FILTER_HUGE;
			break;
		case 'c':
			count = true;
			break;
		default:
			fprintf(stderr, "See 'mmscope ptes --help'.\n");
			return MMS_EXIT_USAGE;
		}
	}
	ret = mms_cmd_pid(&mms_cmd_ptes, argv[optind], &pid);
	if (ret)
		return ret;
	if (optind + 1 < argc) {
		mms_err("ptes: unexpected argument '%s'", argv[optind + 1]);
		return MMS_EXIT_USAGE;
	}
	ret = mms_connect(&nl, "ptes");
	if (ret)
		return ret;
	if (count) {
		ret = mms_dump_ptes(&nl, pid, start, end, filter, count_entry, &out);
		if (!ret && out.json)
			printf("{ \"count\": %llu }\n", out.n);
		else if (!ret)
			printf("%llu\n", out.n);
	} else {
		if (out.json)
			fputs("[", stdout);
		ret = mms_dump_ptes(&nl, pid, start, end, filter,
				    out.json ? print_entry_json : print_entry_text, &out);
		if (out.json)
			fputs(out.n ? "\n]\n" : "]\n", stdout);
	}
	if (ret)
		ret = mms_nl_report(&nl, ret, "ptes");
	mms_nl_close(&nl);
	return ret;
}

const struct mms_command mms_cmd_ptes = {
	.name = "ptes",
	.summary = "list every present or swap page-table entry of a process",
	.help =
"Usage: mmscope ptes [--json] [--count] [--range START-END] [--present]\n"
"                    [--dirty] [--young] [--swap] [--huge] PID\n"
"\n"
"List the page-table entries that map process PID's user address space\n"
"(or START-END): every present entry and every non-present one that holds\n"
"something (swap, migration).  A huge leaf (PMD 2 MiB, PUD 1 GiB) appears\n"
"once, with its size.  Output is streamed as the kernel walks.\n"
"\n"
"Columns: VA, level (pte, pmd, pud), size, PFN, the raw entry, its bits,\n"
"what backs the frame (anon, file, shmem, ksm, zero, pfnmap, swap,\n"
"migration, other), and the page's mapcount or the swap type:offset.\n"
"Bits, one letter each or '-': P present, W writable, U user, T write-through\n"
"(PWT), C cache-disabled (PCD), A accessed, D dirty, S PAT (pte) or PSE\n"
"(leaf), G global, X no-execute, s soft-dirty, n PROT_NONE (mapped with the\n"
"hardware P bit clear), p special (no struct page semantics).\n"
"\n"
"Options:\n"
"  --range START-END  only entries in [START, END) (hex with 0x, or decimal)\n"
"  --present          only present entries    --dirty   only dirty ones\n"
"  --young            only accessed ones      --swap    only swap entries\n"
"  --huge             only huge leaves        (filters combine: all must hold)\n"
"  --count            print only how many entries match ({\"count\": N} with\n"
"                     --json)\n"
"  -j, --json         a JSON array, one object per entry: va (hex string),\n"
"                     level, size, pfn (integer or null), raw, kind, present,\n"
"                     rw, user, pwt, pcd, accessed, dirty, pse_pat, global,\n"
"                     nx, soft_dirty, protnone, special, huge, swap ({type,\n"
"                     offset} or null), mapcount (integer or null)\n"
"  -h, --help         show this help\n",
	.run = ptes_run,
};
