// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope frames run|sweep: a reference string through a region whose
 * replacement policy manages exactly N frames (/dev/mmscope-frames), every
 * reference a real MMU trap; the textbook table, or faults per frame count.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "commands.h"
#include "frames.h"
#include "output.h"
#include "util.h"

#define U(v) json_object_new_int64((int64_t)(v))
#define DEFAULT_SEED	1

struct frames_args {
	bool json;
	bool sweep;
	int policy;
	unsigned int lo, hi;		/* frames (run: lo == hi) */
	bool have_frames;
	unsigned int pages;		/* 0: from the string */
	unsigned int seed;
	bool have_seed;
	struct mms_refs refs;
};

static int usage_err(const char *what)
{
	mms_err("frames: %s (see 'mmscope frames --help')", what);
	return MMS_EXIT_USAGE;
}

static int parse_args(int argc, char **argv, struct frames_args *a)
{
	static const struct option longopts[] = {
		{ "frames", required_argument, NULL, 'f' },
		{ "policy", required_argument, NULL, 'p' },
		{ "pages", required_argument, NULL, 'P' },
		{ "seed", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *bad = NULL;
	uint64_t v;
	int c, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+f:p:s:jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (mms_frames_parse_range(optarg, &a->lo, &a->hi) ||
			    (!a->sweep && a->lo != a->hi))
				return usage_err(a->sweep ?
						 "--frames takes N or LO-HI, from 1 to 64" :
						 "--frames takes a number from 1 to 64");
			a->have_frames = true;
			break;
		case 'p':
			a->policy = mms_frames_policy(optarg);
			if (a->policy < 0)
				return usage_err("--policy takes fifo, lru, opt, clock, esc, lfu, mfu or random");
			break;
		case 'P':
			if (mms_parse_u64(optarg, &v) || !v || v > MMSCOPE_FRAMES_MAX_PAGES)
				return usage_err("--pages takes a number from 1 to 64");
			a->pages = (unsigned int)v;
			break;
		case 's':
			if (mms_parse_u64(optarg, &v) || !v || v >= MMSCOPE_FRAMES_RANDOM_MOD)
				return usage_err("--seed takes a number from 1 to 2147483646");
			a->seed = (unsigned int)v;
			a->have_seed = true;
			break;
		case 'j':
			a->json = true;
			break;
		case 'h':
			fputs(mms_cmd_frames.help, stdout);
			return MMS_EXIT_OK;
		default:
			return usage_err("unknown option");
		}
	}
	if (a->policy < 0)
		return usage_err("--policy is required");
	if (!a->have_frames && !a->sweep)
		return usage_err("--frames is required");
	if (a->have_seed && a->policy != MMSCOPE_FRAMES_RANDOM)
		return usage_err("--seed is for --policy random only");
	if (a->policy == MMSCOPE_FRAMES_RANDOM && !a->have_seed)
		a->seed = DEFAULT_SEED;
	for (; optind < argc; optind++) {
		ret = mms_refs_parse(&a->refs, argv[optind], &bad);
		if (ret == -ENOMEM) {
			mms_err("frames: out of memory");
			return MMS_EXIT_FAIL;
		}
		if (ret == -E2BIG)
			return usage_err("more than 65536 references");
		if (ret) {
			mms_err("frames: '%.*s' is not a reference (a page number from 0 to 63, 'w' after it for a write; see 'mmscope frames --help')",
				(int)strcspn(bad, " \t\n,"), bad);
			return MMS_EXIT_USAGE;
		}
	}
	if (!a->refs.n)
		return usage_err("no reference string (give it after --)");
	if (!a->pages) {
		a->pages = a->refs.max_page + 1;
		if (a->sweep && a->have_frames && a->hi > a->pages)
			a->pages = a->hi;
	} else if (a->refs.max_page >= a->pages) {
		mms_err("frames: reference %u is beyond the region's %u pages (0 to %u)",
			a->refs.max_page, a->pages, a->pages - 1);
		return MMS_EXIT_USAGE;
	}
	if (a->sweep && !a->have_frames) {
		a->lo = 1;
		a->hi = a->pages;
	}
	return -1;
}

/* An exit code and a message for a run that failed. */
static int report(int err, const char *where, unsigned int bad)
{
	if (err == -ENOENT && !strncmp(where, "open", 4)) {
		if (access("/sys/module/mmscope", F_OK)) {
			mms_err("the mmscope kernel module is not loaded; load it with: sudo insmod module/mmscope.ko");
			return MMS_EXIT_NO_MODULE;
		}
		mms_err("frames: %s does not exist ('mmscope info' tells why: feature frames)",
			MMSCOPE_FRAMES_DEVICE);
		return MMS_EXIT_FAIL;
	}
	if (err == -EPERM || err == -EACCES) {
		mms_err("frames: permission denied: the frames lab needs CAP_SYS_ADMIN (run it as root)");
		return MMS_EXIT_PERM;
	}
	if (err == -EINVAL && bad == MMSCOPE_FRAMES_BAD_ABI) {
		mms_err("frames: protocol version mismatch: this tool speaks frames ABI %d; build and load both from the same tree",
			MMSCOPE_FRAMES_ABI);
		return MMS_EXIT_PROTO;
	}
	if (err == -EINVAL && bad != MMSCOPE_FRAMES_BAD_NONE) {
		mms_err("frames: the module refused the region: %s", mms_frames_bad_text(bad));
		return MMS_EXIT_FAIL;
	}
	if (err == -ENOSPC) {
		mms_err("frames: %d regions are set up already (the system-wide limit); close some",
			MMSCOPE_FRAMES_MAX_REGIONS);
		return MMS_EXIT_FAIL;
	}
	mms_err("frames: %s: %s", where, strerror(-err));
	return MMS_EXIT_FAIL;
}

/* One run; checks that the module saw every reference the tool made. */
static int run_once(const struct frames_args *a, unsigned int frames, struct mms_frames_result *res)
{
	struct mms_frames_cfg cfg = {
		.pages = a->pages,
		.frames = frames,
		.policy = (unsigned int)a->policy,
		.seed = a->policy == MMSCOPE_FRAMES_RANDOM ? a->seed : 0,
	};
	const char *where;
	unsigned int bad;
	int ret;

	ret = mms_frames_run(&cfg, &a->refs, res, &where, &bad);
	if (ret)
		return report(ret, where, bad);
	if (res->st.references != a->refs.n) {
		mms_err("frames: the module counted %llu references for the %zu the tool made",
			(unsigned long long)res->st.references, a->refs.n);
		mms_frames_result_free(res);
		return MMS_EXIT_FAIL;
	}
	return MMS_EXIT_OK;
}

static struct json_object *page_or_null(uint8_t pg)
{
	return pg == MMSCOPE_FRAMES_NONE ? NULL : U(pg);
}

static struct json_object *counters_json(const struct mmscope_frames_state *st)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "references", U(st->references));
	json_object_object_add(o, "hits", U(st->hits));
	json_object_object_add(o, "faults", U(st->faults));
	json_object_object_add(o, "evictions", U(st->evictions));
	json_object_object_add(o, "writebacks", U(st->writebacks));
	json_object_object_add(o, "spurious", U(st->spurious));
	json_object_object_add(o, "off_script", U(st->off_script));
	return o;
}

static void add_config(struct json_object *o, const struct frames_args *a)
{
	json_object_object_add(o, "policy",
			       json_object_new_string(mms_frames_policy_name((unsigned int)a->policy)));
	json_object_object_add(o, "pages", U(a->pages));
	json_object_object_add(o, "seed", a->policy == MMSCOPE_FRAMES_RANDOM ? U(a->seed) : NULL);
}

static struct json_object *refs_json(const struct mms_refs *refs)
{
	struct json_object *arr = json_object_new_array();
	char buf[8];
	size_t i;

	for (i = 0; i < refs->n; i++) {
		snprintf(buf, sizeof(buf), "%u%s", refs->ref[i].page, refs->ref[i].write ? "w" : "");
		json_object_array_add(arr, json_object_new_string(buf));
	}
	return arr;
}

static int run_json(const struct frames_args *a, const struct mms_frames_result *res)
{
	struct json_object *o = json_object_new_object(), *arr, *e, *fr, *rb, *db;
	unsigned int f;
	size_t i;

	add_config(o, a);
	json_object_object_add(o, "frames", U(res->st.frames));
	json_object_object_add(o, "reference_string", refs_json(&a->refs));
	json_object_object_add(o, "counters", counters_json(&res->st));
	json_object_object_add(o, "events_lost", U(res->lost));
	arr = json_object_new_array();
	for (i = 0; i < res->nr_ev; i++) {
		const struct mmscope_frames_event *ev = &res->ev[i];

		e = json_object_new_object();
		json_object_object_add(e, "seq", U(ev->seq));
		json_object_object_add(e, "page", U(ev->page));
		json_object_object_add(e, "write",
				       json_object_new_boolean(ev->flags & MMSCOPE_FRAMES_EV_WRITE));
		json_object_object_add(e, "fault",
				       json_object_new_boolean(ev->flags & MMSCOPE_FRAMES_EV_FAULT));
		json_object_object_add(e, "victim", page_or_null(ev->victim));
		json_object_object_add(e, "writeback",
				       json_object_new_boolean(ev->flags & MMSCOPE_FRAMES_EV_WRITEBACK));
		json_object_object_add(e, "frame", U(ev->slot));
		json_object_object_add(e, "hand", U(ev->hand));
		fr = json_object_new_array();
		rb = json_object_new_array();
		db = json_object_new_array();
		for (f = 0; f < res->st.frames; f++) {
			json_object_array_add(fr, page_or_null(ev->frame[f]));
			json_object_array_add(rb, json_object_new_boolean(ev->ref_bits >> f & 1));
			json_object_array_add(db, json_object_new_boolean(ev->dirty_bits >> f & 1));
		}
		json_object_object_add(e, "frames", fr);
		json_object_object_add(e, "referenced", rb);
		json_object_object_add(e, "dirty", db);
		json_object_array_add(arr, e);
	}
	json_object_object_add(o, "events", arr);
	return mms_json_print(o, stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;
}

static unsigned int term_width(void)
{
	struct winsize ws;
	const char *c = getenv("COLUMNS");

	if (c && atoi(c) > 0)
		return (unsigned int)atoi(c);
	if (isatty(STDOUT_FILENO) && !ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_col)
		return ws.ws_col;
	return 80;
}

static void print_summary(const struct mmscope_frames_state *st)
{
	printf("faults %llu, hits %llu, references %llu; evictions %llu, of them dirty %llu\n",
	       (unsigned long long)st->faults, (unsigned long long)st->hits,
	       (unsigned long long)st->references, (unsigned long long)st->evictions,
	       (unsigned long long)st->writebacks);
	if (st->spurious)
		printf("%llu traps on the page mapped already (threads racing) were not counted\n",
		       (unsigned long long)st->spurious);
	if (st->off_script)
		printf("opt: %llu references differed from the string given ahead\n",
		       (unsigned long long)st->off_script);
}

static int run_text(const struct frames_args *a, const struct mms_frames_result *res)
{
	bool marks = a->policy == MMSCOPE_FRAMES_CLOCK || a->policy == MMSCOPE_FRAMES_ESC;

	printf("policy %s", mms_frames_policy_name((unsigned int)a->policy));
	if (a->policy == MMSCOPE_FRAMES_RANDOM)
		printf(" (seed %u)", a->seed);
	printf(", %u frame%s, region of %u pages, %zu references\n\n", res->st.frames,
	       res->st.frames == 1 ? "" : "s", a->pages, a->refs.n);
	if (res->lost)
		printf("(the module keeps the last %d events: the first %llu are not shown)\n\n",
		       MMSCOPE_FRAMES_LOG, (unsigned long long)res->lost);
	mms_frames_print_table(stdout, res, marks, term_width());
	printf("\n");
	if (marks)
		printf("* reference bit set, + dirty (written since loaded)\n");
	print_summary(&res->st);
	return MMS_EXIT_OK;
}

static int frames_run(struct frames_args *a)
{
	struct mms_frames_result res;
	int ret;

	ret = run_once(a, a->lo, &res);
	if (ret)
		return ret;
	ret = a->json ? run_json(a, &res) : run_text(a, &res);
	mms_frames_result_free(&res);
	return ret;
}

static int frames_sweep(struct frames_args *a)
{
	unsigned int n = a->hi - a->lo + 1, i, last, anomalies = 0;
	struct mmscope_frames_state *st = calloc(n, sizeof(*st));
	struct mms_frames_result res;
	struct json_object *o, *arr, *r;
	int ret = MMS_EXIT_OK;

	if (!st) {
		mms_err("frames: out of memory");
		return MMS_EXIT_FAIL;
	}
	for (i = 0; i < n && !ret; i++) {
		ret = run_once(a, a->lo + i, &res);
		if (!ret) {
			st[i] = res.st;
			mms_frames_result_free(&res);
		}
	}
	if (ret)
		goto out;
	for (i = 1; i < n; i++)
		anomalies += st[i].faults > st[i - 1].faults;
	if (a->json) {
		o = json_object_new_object();
		add_config(o, a);
		json_object_object_add(o, "reference_string", refs_json(&a->refs));
		arr = json_object_new_array();
		for (i = 0; i < n; i++) {
			r = json_object_new_object();
			json_object_object_add(r, "frames", U(a->lo + i));
			json_object_object_add(r, "counters", counters_json(&st[i]));
			json_object_object_add(r, "anomaly",
					       json_object_new_boolean(i && st[i].faults > st[i - 1].faults));
			json_object_array_add(arr, r);
		}
		json_object_object_add(o, "runs", arr);
		json_object_object_add(o, "anomalies", U(anomalies));
		ret = mms_json_print(o, stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;
		goto out;
	}
	printf("policy %s", mms_frames_policy_name((unsigned int)a->policy));
	if (a->policy == MMSCOPE_FRAMES_RANDOM)
		printf(" (seed %u)", a->seed);
	printf(", region of %u pages, %zu references\n\n", a->pages, a->refs.n);
	printf("%-7s", "frames");
	for (i = 0; i < n; i++)
		printf(" %6u", a->lo + i);
	printf("\n%-7s", "faults");
	for (i = 0; i < n; i++)
		printf(" %6llu", (unsigned long long)st[i].faults);
	printf("\n%-7s", "hits");
	for (i = 0; i < n; i++)
		printf(" %6llu", (unsigned long long)st[i].hits);
	printf("\n");
	if (anomalies) {
		/* A ^ under each count above the one before it. */
		for (last = n - 1; !(st[last].faults > st[last - 1].faults); last--)
			;
		printf("%-7s", "");
		for (i = 0; i <= last; i++)
			printf(" %6s", i && st[i].faults > st[i - 1].faults ? "^" : "");
		printf("\n");
	}
	for (i = 1; i < n; i++)
		if (st[i].faults > st[i - 1].faults)
			printf("Belady's anomaly: %u frames take %llu faults, more than %u frames (%llu)\n",
			       a->lo + i, (unsigned long long)st[i].faults, a->lo + i - 1,
			       (unsigned long long)st[i - 1].faults);
	if (!anomalies)
		printf("no anomaly: more frames never took more faults\n");
out:
	free(st);
	return ret;
}

static int frames_main(int argc, char **argv, struct mms_opts *opts)
{
	struct frames_args a = { .json = opts->json, .policy = -1 };
	int ret;

	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
			  !strcmp(argv[1], "help"))) {
		fputs(mms_cmd_frames.help, stdout);
		return MMS_EXIT_OK;
	}
	if (argc < 2 || (strcmp(argv[1], "run") && strcmp(argv[1], "sweep")))
		return usage_err("expected 'run' or 'sweep'");
	a.sweep = !strcmp(argv[1], "sweep");
	ret = parse_args(argc - 1, argv + 1, &a);
	if (ret < 0)
		ret = a.sweep ? frames_sweep(&a) : frames_run(&a);
	mms_refs_free(&a.refs);
	return ret;
}

const struct mms_command mms_cmd_frames = {
	.name = "frames",
	.summary = "page replacement with exactly N frames, every reference an MMU trap",
	.help =
"Usage: mmscope frames run --frames N --policy P [--pages M] [--seed S] [--json] -- REF...\n"
"       mmscope frames sweep --policy P [--frames LO-HI] [--pages M] [--seed S] [--json] -- REF...\n"
"\n"
"Run a reference string through a region of the mmscope module\n"
"(/dev/mmscope-frames) in which replacement policy P keeps at most N pages\n"
"resident, and show what happened: hits, page faults and victims, as the\n"
"textbooks tabulate them.  The references are real: the tool maps the\n"
"region and reads (or writes) each page in turn, and the module keeps only\n"
"the page referenced last mapped, so every reference is an MMU trap its\n"
"fault handler counts as a hit (the page is resident) or a page fault (it\n"
"is not: the policy evicts a victim when all N frames are in use).  The\n"
"pages' contents live in memory the module owns and survive eviction: the\n"
"frame budget limits residency, not memory.\n"
"\n"
"REF is a page number (0 to 63), with 'w' after it for a write (3w);\n"
"references are separated by blanks or commas, in one argument or many.\n"
"A page named twice in a row is unmapped in between, so the second\n"
"reference traps too (a hit).\n"
"\n"
"run\n"
"    Print the table: one column per reference, under it the page in each\n"
"    frame after it, F under page faults, and the page evicted (+: it was\n"
"    dirty).  For clock and esc, * marks a frame's reference bit and + its\n"
"    dirty bit.  Then the totals.\n"
"sweep\n"
"    Run the string once per frame count from LO to HI (default 1 to the\n"
"    region's pages) and print the faults of each.  A count that takes more\n"
"    faults than the one before it is Belady's anomaly (marked ^).\n"
"\n"
"Policies:\n"
"  fifo    evict the page loaded first\n"
"  lru     evict the page referenced least recently\n"
"  opt     evict the page whose next reference is farthest away (Belady's\n"
"          optimal policy; the string is given to the module ahead)\n"
"  clock   second chance: a hand sweeps the frames, clearing reference bits,\n"
"          and evicts the first frame whose bit is clear\n"
"  esc     enhanced second chance: by class (referenced, dirty), looking for\n"
"          (0,0), then (0,1) while clearing reference bits, repeated\n"
"  lfu     evict the page with the fewest references since it was loaded\n"
"  mfu     evict the page with the most references since it was loaded\n"
"  random  evict a frame chosen by a seeded generator (Park-Miller)\n"
"Ties (opt, lfu, mfu) go to the page loaded first.  Documentation/frames.rst\n"
"gives each rule exactly.\n"
"\n"
"Options:\n"
"  -f, --frames N|LO-HI  frames (run: required; sweep: default 1 to pages)\n"
"  -p, --policy P        the replacement policy (required)\n"
"      --pages M         region size in pages (1 to 64; default: the\n"
"                        highest page referenced + 1, and for sweep at least\n"
"                        HI)\n"
"  -s, --seed S          random: the generator's seed (1 to 2147483646,\n"
"                        default 1)\n"
"  -j, --json            run: {policy, pages, seed, frames, reference_string,\n"
"                        counters: {references, hits, faults, evictions,\n"
"                        writebacks, spurious, off_script}, events_lost,\n"
"                        events: [{seq, page, write, fault, victim, writeback,\n"
"                        frame, hand, frames, referenced, dirty}]};\n"
"                        sweep: {policy, pages, seed, reference_string,\n"
"                        runs: [{frames, counters, anomaly}], anomalies}\n"
"  -h, --help            show this help\n"
"\n"
"The module keeps the last 1024 events of a region (the counters are\n"
"exact however long the string).  Needs CAP_SYS_ADMIN.  Exit status 1 when\n"
"the module refuses the region (more frames than pages, ...), or counts\n"
"another number of references than the tool made; 2 for a bad command line\n"
"(--frames 0, a reference beyond --pages, an unknown policy, ...).\n"
"\n"
"Example (Belady's anomaly):\n"
"  mmscope frames sweep --policy fifo --frames 1-7 -- 1 2 3 4 1 2 5 1 2 3 4 5\n",
	.run = frames_main,
};
