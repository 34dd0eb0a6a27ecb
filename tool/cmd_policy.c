// SPDX-License-Identifier: GPL-2.0
/* mmscope policy: replacement policies per memory cgroup (set, clear, show). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "output.h"
#include "policy.h"
#include "util.h"

#define U(v) json_object_new_int64((int64_t)(v))
#define STR_(x) #x
#define STR(x) STR_(x)

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static struct json_object *params_json(const struct mms_policy *p)
{
	struct json_object *o = json_object_new_object();

	if (mms_policy_has_param(p->kind, MMS_PP_INTERVAL))
		json_object_object_add(o, "interval_ms", U(p->interval_ms));
	if (mms_policy_has_param(p->kind, MMS_PP_SEED))
		json_object_object_add(o, "seed", U(p->seed));
	if (mms_policy_has_param(p->kind, MMS_PP_KEEP))
		json_object_object_add(o, "keep_pct", U(p->keep_pct));
	if (mms_policy_has_param(p->kind, MMS_PP_EVICT))
		json_object_object_add(o, "evict_pct", U(p->evict_pct));
	if (mms_policy_has_param(p->kind, MMS_PP_MAX_PROTECT))
		json_object_object_add(o, "max_protect", U(p->max_protect));
	return o;
}

static struct json_object *memstat_json(const struct mms_memstat *m)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "workingset_refault_anon", U(m->refault_anon));
	json_object_object_add(o, "workingset_refault_file", U(m->refault_file));
	json_object_object_add(o, "pgmajfault", U(m->pgmajfault));
	return o;
}

static struct json_object *policy_json(const struct mms_policy *p, double age_s)
{
	struct json_object *o = json_object_new_object(), *x;
	struct mms_memstat d;

	json_object_object_add(o, "cgroup", json_object_new_string(p->cgroup));
	json_object_object_add(o, "cgroup_id", U(p->cgroup_id));
	json_object_object_add(o, "policy", json_object_new_string(mms_policy_kind_name(p->kind)));
	json_object_object_add(o, "params", params_json(p));
	json_object_object_add(o, "installed_ns", U(p->installed_ns));
	json_object_object_add(o, "age_s", json_object_new_double(age_s));
	x = json_object_new_object();
	json_object_object_add(x, "examined", U(p->examined));
	json_object_object_add(x, "referenced", U(p->referenced));
	json_object_object_add(x, "evicted", U(p->evicted));
	json_object_object_add(x, "protected", U(p->protected_));
	json_object_object_add(x, "forced", U(p->forced));
	json_object_object_add(x, "contended", U(p->contended));
	json_object_object_add(x, "aged", U(p->aged));
	json_object_object_add(o, "candidates", x);
	x = json_object_new_object();
	json_object_object_add(x, "tracked", U(p->tracked));
	json_object_object_add(x, "slots", U(p->slots));
	json_object_object_add(x, "entry_bytes", U(p->entry_bytes));
	json_object_object_add(x, "table_bytes", U(p->table_bytes));
	json_object_object_add(x, "replaced", U(p->replaced));
	json_object_object_add(x, "stale", U(p->stale));
	json_object_object_add(x, "rounds", U(p->rounds));
	json_object_object_add(x, "sample_refs", U(p->sample_refs));
	json_object_object_add(x, "sample_ns", U(p->sample_ns));
	json_object_object_add(x, "tlb_flushes", U(p->tlb_flushes));
	json_object_object_add(x, "kept", U(p->kept));
	json_object_object_add(x, "quota", U(p->quota));
	json_object_object_add(o, "state", x);
	x = json_object_new_object();
	json_object_object_add(x, "note", mms_json_str_or_null(mms_policy_stat_note(p->stat_note)));
	json_object_object_add(x, "now", p->now.ok ? memstat_json(&p->now) : NULL);
	json_object_object_add(x, "at_install", p->has_base ? memstat_json(&p->base) : NULL);
	json_object_object_add(x, "since_install",
			       mms_policy_since(p, &d) ? memstat_json(&d) : NULL);
	json_object_object_add(o, "memory_stat", x);
	return o;
}

static void print_policy(const struct mms_policy *p, double age_s)
{
	struct mms_memstat d;
	char params[128];

	mms_policy_params(p, params, sizeof(params));
	printf("%s (cgroup id %llu): %s%s%s", p->cgroup, (unsigned long long)p->cgroup_id,
	       mms_policy_kind_name(p->kind), params[0] ? " " : "", params);
	printf(", installed %.1f s ago\n", age_s);
	printf("  candidates: examined %llu (referenced %llu), evicted %llu (forced %llu), protected %llu, contended %llu\n",
	       (unsigned long long)p->examined, (unsigned long long)p->referenced,
	       (unsigned long long)p->evicted, (unsigned long long)p->forced,
	       (unsigned long long)p->protected_, (unsigned long long)p->contended);
	printf("  active-list looks: %llu\n", (unsigned long long)p->aged);
	if (p->slots)
		printf("  state: %u pages tracked, %u B each; table %u slots, %llu KiB; %llu replaced, %llu stale\n",
		       p->tracked, p->entry_bytes, p->slots,
		       (unsigned long long)(p->table_bytes / 1024),
		       (unsigned long long)p->replaced, (unsigned long long)p->stale);
	else
		printf("  state: none per page\n");
	if (mms_policy_has_param(p->kind, MMS_PP_INTERVAL))
		printf("  aging rounds: %llu, %llu A bits harvested, %.3f ms sampling, %llu TLB flushes\n",
		       (unsigned long long)p->rounds, (unsigned long long)p->sample_refs,
		       p->sample_ns / 1e6, (unsigned long long)p->tlb_flushes);
	if (p->kind == MMSCOPE_POLICY_MRU)
		printf("  kept set: %u of %u pages\n", p->kept, p->quota);
	if (!p->now.ok)
		printf("  memory.stat: %s\n", mms_policy_stat_note(p->stat_note));
	else if (mms_policy_since(p, &d))
		printf("  since install (memory.stat): workingset_refault_anon +%llu, workingset_refault_file +%llu, pgmajfault +%llu\n",
		       (unsigned long long)d.refault_anon, (unsigned long long)d.refault_file,
		       (unsigned long long)d.pgmajfault);
	else
		printf("  memory.stat now (no baseline from install): workingset_refault_anon %llu, workingset_refault_file %llu, pgmajfault %llu\n",
		       (unsigned long long)p->now.refault_anon,
		       (unsigned long long)p->now.refault_file,
		       (unsigned long long)p->now.pgmajfault);
}

/* Print the installed policies (all, or only the one on @only). */
static int show(struct mms_nl *nl, bool json, const char *only, const char *what)
{
	struct json_object *o, *arr, *h;
	struct mms_policy_list l;
	const struct mms_policy *hp = NULL;
	char mnt[4096];
	double age_s;
	size_t i;
	int ret;

	ret = mms_policy_show_get(nl, &l, mnt, sizeof(mnt));
	if (ret)
		return mms_nl_report(nl, ret, what);
	arr = json ? json_object_new_array() : NULL;
	for (i = 0; i < l.n; i++) {
		if (only && strcmp(only, l.v[i].cgroup))
			continue;
		hp = &l.v[i];
		age_s = now_s() - hp->installed_ns / 1e9;
		if (json)
			json_object_array_add(arr, policy_json(hp, age_s));
		else
			print_policy(hp, age_s);
	}
	if (json) {
		o = json_object_new_object();
		json_object_object_add(o, "reclaim", json_object_new_string(mms_reclaim_path()));
		json_object_object_add(o, "cgroup2_mount", mms_json_str_or_null(mnt));
		json_object_object_add(o, "policies", arr);
		h = NULL;
		if (hp) {
			h = json_object_new_object();
			json_object_object_add(h, "calls", U(hp->hook_calls));
			json_object_object_add(h, "matched", U(hp->hook_matched));
			json_object_object_add(h, "ns", U(hp->hook_ns));
			json_object_object_add(h, "missed", U(hp->hook_missed));
		}
		json_object_object_add(o, "hook", h);
		ret = mms_json_print(o, stdout) ? MMS_EXIT_FAIL : MMS_EXIT_OK;
	} else if (!hp) {
		printf("no policy installed (reclaim path: %s)\n", mms_reclaim_path());
	} else {
		printf("hook on folio_referenced(): %llu calls, %llu for these cgroups, %.3f ms in handlers, %llu missed; reclaim path: %s\n",
		       (unsigned long long)hp->hook_calls, (unsigned long long)hp->hook_matched,
		       hp->hook_ns / 1e6, (unsigned long long)hp->hook_missed, mms_reclaim_path());
	}
	mms_policy_list_free(&l);
	return ret;
}

static int cgroup_arg(const char *arg, char *cg, size_t len, char *mnt, size_t mlen)
{
	mms_cgroup2_mount(mnt, mlen);
	if (!arg) {
		mms_err("policy: missing CGROUP (see 'mmscope policy --help')");
		return MMS_EXIT_USAGE;
	}
	if (mms_cgroup_path(mnt, arg, cg, len)) {
		mms_err("policy: '%s' is not a cgroup path", arg);
		return MMS_EXIT_USAGE;
	}
	return MMS_EXIT_OK;
}

static int do_set(int argc, char **argv, bool json)
{
	struct mms_policy_req r = { 0 };
	char cg[4096], mnt[4096], err[160], what[4200];
	struct mms_memstat base;
	struct mms_nl nl;
	int kind, i, ret;

	ret = cgroup_arg(argv[0], cg, sizeof(cg), mnt, sizeof(mnt));
	if (ret)
		return ret;
	if (argc < 2) {
		mms_err("policy set: missing POLICY (default, fifo, clock, lru, lfu, mru, random, esc)");
		return MMS_EXIT_USAGE;
	}
	kind = mms_policy_kind(argv[1]);
	if (kind < 0) {
		mms_err("policy set: unknown policy '%s' (default, fifo, clock, lru, lfu, mru, random, esc)",
			argv[1]);
		return MMS_EXIT_USAGE;
	}
	r.kind = (uint8_t)kind;
	for (i = 2; i < argc; i++) {
		if (mms_policy_param(argv[i], &r, err, sizeof(err))) {
			mms_err("policy set: %s", err);
			return MMS_EXIT_USAGE;
		}
	}
	/* The baseline for "since install": the cgroup's counters right now. */
	mms_memstat_read(mnt, cg, &base);
	ret = mms_connect(&nl, "policy set");
	if (ret)
		return ret;
	snprintf(what, sizeof(what), "policy set %s %s", cg, argv[1]);
	ret = mms_policy_set(&nl, cg, &r, &base);
	if (ret)
		ret = mms_nl_report(&nl, ret, what);
	else
		ret = show(&nl, json, cg, what);
	mms_nl_close(&nl);
	return ret;
}

static int do_clear(int argc, char **argv)
{
	char cg[4096], mnt[4096], what[4200];
	struct mms_nl nl;
	int ret;

	ret = cgroup_arg(argv[0], cg, sizeof(cg), mnt, sizeof(mnt));
	if (ret)
		return ret;
	if (argc > 1) {
		mms_err("policy clear: unexpected argument '%s'", argv[1]);
		return MMS_EXIT_USAGE;
	}
	ret = mms_connect(&nl, "policy clear");
	if (ret)
		return ret;
	snprintf(what, sizeof(what), "policy clear %s", cg);
	ret = mms_nl_report(&nl, mms_policy_clear(&nl, cg), what);
	mms_nl_close(&nl);
	return ret;
}

static int policy_run(int argc, char **argv, struct mms_opts *opts)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct mms_nl nl;
	const char *act;
	int c, ret;

	/*
	 * Options may follow the action too ("policy show --json"): a fresh
	 * getopt (optind 0) that permutes, unlike main()'s.
	 */
	optind = 0;
	while ((c = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opts->json = true;
			break;
		case 'h':
			fputs(mms_cmd_policy.help, stdout);
			return MMS_EXIT_OK;
		default:
			fprintf(stderr, "See 'mmscope policy --help'.\n");
			return MMS_EXIT_USAGE;
		}
	}
	act = argv[optind];
	if (!act) {
		mms_err("policy: missing action: set, clear or show (see 'mmscope policy --help')");
		return MMS_EXIT_USAGE;
	}
	argc -= optind + 1;
	argv += optind + 1;
	if (!strcmp(act, "set"))
		return do_set(argc, argv, opts->json);
	if (!strcmp(act, "clear"))
		return do_clear(argc, argv);
	if (strcmp(act, "show")) {
		mms_err("policy: unknown action '%s' (set, clear or show)", act);
		return MMS_EXIT_USAGE;
	}
	if (argc > 0) {
		mms_err("policy show: unexpected argument '%s'", argv[0]);
		return MMS_EXIT_USAGE;
	}
	ret = mms_connect(&nl, "policy show");
	if (ret)
		return ret;
	ret = show(&nl, opts->json, NULL, "policy show");
	mms_nl_close(&nl);
	return ret;
}

const struct mms_command mms_cmd_policy = {
	.name = "policy",
	.summary = "replacement policies per memory cgroup: steer the kernel's reclaim",
	.help =
"Usage: mmscope policy set [--json] CGROUP POLICY [KEY=VALUE...]\n"
"       mmscope policy clear CGROUP\n"
"       mmscope policy show [--json]\n"
"\n"
"Install a page-replacement policy for one memory cgroup (cgroup v2).  When\n"
"the kernel reclaims memory and looks at an eviction candidate charged to that\n"
"cgroup (its memory.max or memory.high pressure, a write to memory.reclaim,\n"
"or global pressure), the policy decides whether the page is evicted or kept;\n"
"the kernel then really evicts it (to swap or by dropping it) or keeps it.\n"
"Pages charged to other cgroups, child cgroups included, keep the kernel's\n"
"own decisions.  The kernel still chooses which pages are candidates and in\n"
"what order (the inactive list's tail, or MGLRU's oldest generation); both\n"
"reclaim paths are supported.  See Documentation/policies.rst for what each\n"
"policy does on a real kernel and how it differs from the textbook.\n"
"\n"
"CGROUP is a directory of the cgroup2 file system (/sys/fs/cgroup/test), or\n"
"its path below the cgroup2 root (/test, or test).  The root cgroup cannot\n"
"have a policy; the memory controller must be enabled for CGROUP (+memory in\n"
"its parent's cgroup.subtree_control).  At most " STR(MMSCOPE_POLICY_MAX_CGROUPS)
" cgroups have a policy at once;\n"
"set on a cgroup that has one replaces it (counters start again).  A policy\n"
"goes away when its cgroup is removed, on clear, and when the module is\n"
"unloaded; the kernel's behaviour is then restored.\n"
"\n"
"Policies:\n"
"  default   the kernel decides; the module only counts the candidates\n"
"  fifo      evict every candidate, references ignored (the kernel offers\n"
"            candidates in the order they entered its lists)\n"
"  clock     second chance: a candidate referenced since its last look (A bit)\n"
"            is kept for one more round, else evicted\n"
"  lru       aging: every interval the module samples (and clears) the A bits\n"
"            of the cgroup's pages into an 8-bit history per page; candidates\n"
"            whose history is at or below the median are evicted\n"
"  lfu       the same sampling, counting the intervals with a reference;\n"
"            candidates whose count is at or below the median are evicted\n"
"  mru       keep the longest-resident pages (up to keep% of the cgroup's\n"
"            limit), evict the newest arrivals\n"
"  random    evict a candidate with probability evict%, from a seeded generator\n"
"  esc       enhanced second chance on (A, D): unreferenced clean pages first,\n"
"            unreferenced dirty ones only when a pass found no clean one\n"
"\n"
"Parameters (KEY=VALUE; each policy takes only those listed for it):\n"
"  interval=MS     lru, lfu: sampling (aging) interval (" STR(MMSCOPE_POLICY_INTERVAL_MIN) ".."
STR(MMSCOPE_POLICY_INTERVAL_MAX) ",\n"
"                  default " STR(MMSCOPE_POLICY_INTERVAL_DEFAULT) ")\n"
"  seed=N          random: generator seed (default 1)\n"
"  keep=PCT        mru: kept share of memory.max or memory.high, else of the\n"
"                  usage (1.." STR(MMSCOPE_POLICY_KEEP_MAX) ", default " STR(MMSCOPE_POLICY_KEEP_DEFAULT) ")\n"
"  evict=PCT       random: eviction probability (1..100, default " STR(MMSCOPE_POLICY_EVICT_DEFAULT) ")\n"
"  max_protect=N   every policy that keeps pages: after N candidates kept in a\n"
"                  row the next one is evicted regardless, so reclaim always\n"
"                  makes progress (1.." STR(MMSCOPE_POLICY_PROTECT_MAX) ", default "
STR(MMSCOPE_POLICY_PROTECT_DEFAULT) ")\n"
"\n"
"show lists every installed policy with its counters: candidates examined\n"
"(and referenced), evicted (and of them forced by max_protect), protected,\n"
"contended (left to the kernel: its rmap walk gave up), active-list looks\n"
"(classic LRU's aging, whose references the policy remembers); per-page\n"
"state: pages tracked, bytes per page, table size, entries replaced for room\n"
"or dropped as stale, aging rounds with the A bits they found and the time\n"
"they took, mru's kept set; and the cgroup's\n"
"memory.stat workingset_refault_anon/file and pgmajfault (major faults of its\n"
"tasks) since install, which the tool reads itself (set records them as the\n"
"baseline).  The last line is about the hook: folio_referenced() calls seen\n"
"for all cgroups, those for cgroups with a policy, time spent in its handlers\n"
"and calls it missed, and the reclaim path in use (classic or mglru).\n"
"\n"
"Options:\n"
"  -j, --json     set and show: {reclaim, cgroup2_mount, policies: [{cgroup,\n"
"                 cgroup_id, policy, params {the policy's parameters},\n"
"                 installed_ns, age_s, candidates {examined, referenced, evicted,\n"
"                 protected, forced, contended, aged}, state {tracked, slots,\n"
"                 entry_bytes, table_bytes, replaced, stale, rounds, kept,\n"
"                 quota, sample_refs, sample_ns, tlb_flushes}, memory_stat\n"
"                 {note, now, at_install, since_install},\n"
"                 each of now/at_install/since_install {workingset_refault_anon,\n"
"                 workingset_refault_file, pgmajfault} or null}], hook {calls,\n"
"                 matched, ns, missed} or null}\n"
"  -h, --help     show this help\n"
"\n"
"Exit status: 0 done; 1 the module refused (message says why: no such cgroup,\n"
"root cgroup, no memory controller, a parameter that does not apply, too many\n"
"policies, no policy to clear); 2 usage error (unknown policy or parameter,\n"
"malformed or out-of-range value); 3 module not loaded; 4 not privileged;\n"
"5 protocol mismatch.\n",
	.run = policy_run,
};
