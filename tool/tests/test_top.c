// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for mmscope top's data layer and canvas: snapshots through
 * JSON and back (the --record/--replay format), the choice of a recorded
 * page-map window, moving items between snapshots, the process list from a
 * /proc-like directory, the canvas's clipping and text, and the Policy view
 * drawn from a recording (tests/data/policy.jsonl).
 */
#include <errno.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "top.h"

/* top_common.c's top_show() knows the picker; the views tested here never go there. */
const struct top_view top_view_picker = { .name = "Picker" };

static struct mms_pte pte(uint64_t va, uint8_t level, uint8_t kind, uint32_t flags)
{
	struct mms_pte p = { .va = va, .level = level, .kind = kind, .flags = flags };

	p.size = 1ULL << MMSCOPE_LEVEL_SHIFT(level);
	p.raw = 0x8000000000000867ULL | (va >> 4);
	if (flags & MMSCOPE_F_PRESENT) {
		p.pfn = va >> 12;
		p.has_pfn = true;
		p.mapcount = 1;
		p.has_mapcount = true;
	}
	return p;
}

/* A snapshot with every item, values that survive only if every field does. */
static void fill(struct top_snap *s)
{
	struct mms_pte sw = pte(0x7f0000003000, MMSCOPE_LEVEL_PTE, MMSCOPE_KIND_SWAP, MMSCOPE_F_SWAP);
	struct mms_pte p;

	memset(s, 0, sizeof(*s));
	s->pid = 4321;
	s->wall = 1700000000;
	s->have = TOP_NEED(TOP_MM) | TOP_NEED(TOP_VMAS) | TOP_NEED(TOP_FAULTS) |
		  TOP_NEED(TOP_EVENTS) | TOP_NEED(TOP_BUDDY) | TOP_NEED(TOP_SLAB) |
		  TOP_NEED(TOP_PROCS) | TOP_NEED(TOP_PTES) | TOP_NEED(TOP_POLICY);
	s->err[TOP_POLICY] = 0;
	s->at[TOP_MM] = 123456789012ULL;
	s->cost_us[TOP_MM] = 4242;
	s->mm.pid = 4321;
	strcpy(s->mm.comm, "workload");
	s->mm.pt_levels = 5;
	s->mm.pgd_pa = 0x1234000;
	s->mm.rss_anon = 1000;
	s->mm.pt[MMSCOPE_LEVEL_PTE] = 13;
	s->mm.pt[MMSCOPE_LEVEL_PGD] = 1;
	s->mm.env_end = 0x7ffffffff000ULL;

	s->nr_vmas = 2;
	s->vmas = calloc(2, sizeof(*s->vmas));
	s->vmas[0].start = 0x400000;
	s->vmas[0].end = 0x401000;
	s->vmas[0].flags = 0x875;
	s->vmas[0].kind = MMSCOPE_KIND_FILE;
	s->vmas[0].name = strdup("/bin/\"quoted\" name");
	s->vmas[1].start = 0x7f0000000000;
	s->vmas[1].end = 0x7f0001000000;
	s->vmas[1].dirty = 77;
	s->vmas[1].rss = 1u << 31;
	s->vmas[1].name = strdup("");

	s->faults.pid = 4321;
	s->faults.min = 0x100000001ULL;
	s->faults.state = MMSCOPE_FAULT_STATE_ACTIVE;
	s->faults.start_raced = true;
	s->faults.events_next = 99;
	s->faults.nr_vmas = 1;
	s->faults.vmas = calloc(1, sizeof(*s->faults.vmas));
	s->faults.vmas[0].start = 0x7f0000000000;
	s->faults.vmas[0].write = 5;
	s->faults.vmas[0].name = strdup("[heap]");

	s->nr_events = 2;
	s->events = calloc(2, sizeof(*s->events));
	s->events[0].seq = 97;
	s->events[1].seq = 98;
	s->events[1].va = 0x7f0000001000;
	s->events[1].flags = MMSCOPE_FAULT_F_MAJOR;

	s->buddy = calloc(1, sizeof(*s->buddy));
	s->buddy->nr_zones = 1;
	strcpy(s->buddy->zones[0].zone, "DMA32");
	s->buddy->zones[0].nr_orders = 11;
	s->buddy->zones[0].free[10] = 345;
	s->buddy->zones[0].fragmentation[3] = -1000;
	s->buddy->zones[0].nr_mt = 1;
	strcpy(s->buddy->zones[0].mt[0].name, "Movable");
	s->buddy->zones[0].mt[0].free[2] = 8;

	s->nr_slabs = 1;
	s->slabs = calloc(1, sizeof(*s->slabs));
	strcpy(s->slabs[0].name, "dentry");
	s->slabs[0].memory = 2 << 20;
	s->slabs[0].partial = -1;

	s->nr_procs = 1;
	s->procs = calloc(1, sizeof(*s->procs));
	s->procs[0].pid = 1;
	strcpy(s->procs[0].comm, "init");
	s->procs[0].rss_kib = 1024;

	s->win.start = s->win.cov_start = 0x7f0000000000;
	s->win.end = s->win.cov_end = 0x7f0000400000;
	p = pte(0x7f0000000000, MMSCOPE_LEVEL_PTE, MMSCOPE_KIND_ANON,
		MMSCOPE_F_PRESENT | MMSCOPE_F_DIRTY);
	top_ptes_add(&s->win, &p);
	sw.has_swap = true;
	sw.swap_type = 1;
	sw.swap_offset = 0xabc;
	top_ptes_add(&s->win, &sw);
	p = pte(0x7f0000200000, MMSCOPE_LEVEL_PMD, MMSCOPE_KIND_ANON,
		MMSCOPE_F_PRESENT | MMSCOPE_F_HUGE);
	top_ptes_add(&s->win, &p);

	strcpy(s->policies.reclaim, "mglru");
	s->policies.list.n = 1;
	s->policies.list.v = calloc(1, sizeof(*s->policies.list.v));
	s->policies.list.v[0].cgroup = strdup("/a/\"b\"");
	s->policies.list.v[0].kind = MMSCOPE_POLICY_RANDOM;
	s->policies.list.v[0].seed = 0xfedcba9876543210ULL;
	s->policies.list.v[0].evict_pct = 40;
	s->policies.list.v[0].evicted = 12;
	s->policies.list.v[0].tlb_flushes = 3;
	s->policies.list.v[0].hook_missed = 1;
	s->policies.list.v[0].has_base = true;
	s->policies.list.v[0].base.ok = true;
	s->policies.list.v[0].base.pgmajfault = 5;
	s->policies.list.v[0].now.ok = true;
	s->policies.list.v[0].now.refault_file = 1ULL << 40;
	s->policies.list.v[0].stat_note = MMS_STAT_OTHER_NS;
}

static void same_pte(const struct mms_pte *x, const struct mms_pte *y)
{
	assert_int_equal(x->va, y->va);
	assert_int_equal(x->size, y->size);
	assert_int_equal(x->raw, y->raw);
	assert_int_equal(x->pfn, y->pfn);
	assert_int_equal(x->swap_offset, y->swap_offset);
	assert_int_equal(x->flags, y->flags);
	assert_int_equal(x->mapcount, y->mapcount);
	assert_int_equal(x->swap_type, y->swap_type);
	assert_int_equal(x->level, y->level);
	assert_int_equal(x->kind, y->kind);
	assert_int_equal(x->has_pfn, y->has_pfn);
	assert_int_equal(x->has_mapcount, y->has_mapcount);
	assert_int_equal(x->has_swap, y->has_swap);
}

/* Through text, as a recording goes through a file. */
static struct json_object *through_text(struct json_object *o)
{
	struct json_object *r = json_tokener_parse(json_object_to_json_string(o));

	json_object_put(o);
	return r;
}

static void test_snapshot_round_trip(void **state)
{
	struct top_snap a, b;
	struct json_object *o;
	char *cg;
	size_t i;

	(void)state;
	fill(&a);
	o = through_text(top_snap_to_json(&a));
	assert_non_null(o);
	assert_int_equal(top_snap_from_json(o, &b, 0x7f0000000000, 0x7f0000400000), 0);
	assert_int_equal(b.have, a.have);
	assert_int_equal(b.pid, 4321);
	assert_int_equal(b.wall, 1700000000);
	assert_int_equal(b.at[TOP_MM], 123456789012ULL);
	assert_int_equal(b.cost_us[TOP_MM], 4242);
	assert_memory_equal(&b.mm, &a.mm, sizeof(a.mm));
	assert_int_equal(b.nr_vmas, 2);
	assert_string_equal(b.vmas[0].name, "/bin/\"quoted\" name");
	assert_string_equal(b.vmas[1].name, "");
	assert_int_equal(b.vmas[0].flags, 0x875);
	assert_int_equal(b.vmas[1].rss, 1u << 31);
	assert_int_equal(b.vmas[1].dirty, 77);
	assert_int_equal(b.faults.min, 0x100000001ULL);
	assert_true(b.faults.start_raced);
	assert_int_equal(b.faults.state, MMSCOPE_FAULT_STATE_ACTIVE);
	assert_int_equal(b.faults.nr_vmas, 1);
	assert_string_equal(b.faults.vmas[0].name, "[heap]");
	assert_int_equal(b.faults.vmas[0].write, 5);
	assert_int_equal(b.nr_events, 2);
	assert_int_equal(b.events[1].seq, 98);
	assert_int_equal(b.events[1].flags, MMSCOPE_FAULT_F_MAJOR);
	assert_int_equal(b.buddy->nr_zones, 1);
	assert_string_equal(b.buddy->zones[0].zone, "DMA32");
	assert_int_equal(b.buddy->zones[0].free[10], 345);
	assert_int_equal(b.buddy->zones[0].fragmentation[3], -1000);
	assert_int_equal(b.buddy->zones[0].nr_mt, 1);
	assert_int_equal(b.buddy->zones[0].mt[0].free[2], 8);
	assert_int_equal(b.nr_slabs, 1);
	assert_memory_equal(&b.slabs[0], &a.slabs[0], sizeof(a.slabs[0]));
	assert_int_equal(b.nr_procs, 1);
	assert_string_equal(b.procs[0].comm, "init");
	/* Policies: every field (the cgroup is compared below, it is a pointer). */
	assert_string_equal(b.policies.reclaim, "mglru");
	assert_string_equal(b.policies.unavailable, "");
	assert_int_equal(b.policies.list.n, 1);
	cg = b.policies.list.v[0].cgroup;
	assert_string_equal(cg, "/a/\"b\"");
	b.policies.list.v[0].cgroup = a.policies.list.v[0].cgroup;
	assert_memory_equal(&b.policies.list.v[0], &a.policies.list.v[0], sizeof(a.policies.list.v[0]));
	b.policies.list.v[0].cgroup = cg;
	/* Entries, every field; a raw value with bit 63 set survives. */
	assert_int_equal(b.win.n, 3);
	for (i = 0; i < 3; i++)
		same_pte(&b.win.e[i], &a.win.e[i]);
	assert_int_equal(b.win.cov_start, 0x7f0000000000);
	assert_int_equal(b.win.cov_end, 0x7f0000400000);
	json_object_put(o);
	top_snap_free(&a);
	top_snap_free(&b);
}

static void test_errors_recorded(void **state)
{
	struct top_snap a = { 0 }, b;
	struct json_object *o;

	(void)state;
	a.pid = 7;
	a.err[TOP_VMAS] = -ESRCH;
	a.err[TOP_POLICY] = -EOPNOTSUPP;
	o = through_text(top_snap_to_json(&a));
	assert_int_equal(top_snap_from_json(o, &b, 0, 0), 0);
	assert_int_equal(b.have, 0);
	assert_int_equal(b.err[TOP_VMAS], -ESRCH);
	assert_int_equal(b.err[TOP_POLICY], -EOPNOTSUPP);
	assert_int_equal(b.err[TOP_MM], 0);
	json_object_put(o);
	top_snap_free(&b);
}

/* A replay's window: the recorded one covering most of the request, cut to it. */
static void test_window_choice(void **state)
{
	struct top_snap a, b;
	struct json_object *o, *w1, *arr;

	(void)state;
	fill(&a);
	o = top_snap_to_json(&a);
	/* A second window, further up, with one entry. */
	top_snap_free(&a);
	memset(&a, 0, sizeof(a));
	a.have = TOP_NEED(TOP_PTES);
	a.win.start = 0x7f0000400000;
	a.win.end = 0x7f0000500000;
	{
		struct mms_pte p = pte(0x7f0000401000, MMSCOPE_LEVEL_PTE, MMSCOPE_KIND_ANON,
				       MMSCOPE_F_PRESENT);

		top_ptes_add(&a.win, &p);
	}
	w1 = top_snap_to_json(&a);
	json_object_object_get_ex(o, "ptes", &arr);
	json_object_array_add(arr, json_object_get(json_object_array_get_idx(
		json_object_object_get(w1, "ptes"), 0)));
	json_object_put(w1);
	top_snap_free(&a);
	o = through_text(o);

	/* Mostly in the second window: its part only. */
	assert_int_equal(top_snap_from_json(o, &b, 0x7f00003f0000, 0x7f0000480000), 0);
	assert_true(b.have & TOP_NEED(TOP_PTES));
	assert_int_equal(b.win.cov_start, 0x7f0000400000);
	assert_int_equal(b.win.cov_end, 0x7f0000480000);
	assert_int_equal(b.win.n, 1);
	assert_int_equal(b.win.e[0].va, 0x7f0000401000);
	top_snap_free(&b);
	/* A huge leaf starting before the request still covers it. */
	assert_int_equal(top_snap_from_json(o, &b, 0x7f0000300000, 0x7f0000310000), 0);
	assert_int_equal(b.win.n, 1);
	assert_int_equal(b.win.e[0].level, MMSCOPE_LEVEL_PMD);
	top_snap_free(&b);
	/* Nothing recorded there. */
	assert_int_equal(top_snap_from_json(o, &b, 0x10000, 0x20000), 0);
	assert_false(b.have & TOP_NEED(TOP_PTES));
	assert_int_equal(b.err[TOP_PTES], -ENODATA);
	assert_int_equal(b.win.start, 0x10000);
	top_snap_free(&b);
	json_object_put(o);
}

static void test_queries_round_trip(void **state)
{
	struct mms_xlate x, y;
	struct mms_rmap *r = calloc(1, sizeof(*r)), *q = calloc(1, sizeof(*q));
	struct json_object *o;
	uint64_t va;
	int pid;

	(void)state;
	/* Compared as memory: no uninitialised padding. */
	memset(&x, 0, sizeof(x));
	x.va = 0x7f0000001234;
	x.pa = 0x5678234;
	x.page_size = 4096;
	x.levels = 5;
	x.stop = MMSCOPE_XL_OK;
	x.stop_level = 1;
	x.has_pa = true;
	x.nr_steps = 2;
	x.steps[1].raw = 0x8000000005678867ULL;
	x.steps[1].index = 511;
	o = through_text(top_xlate_to_json(99, &x));
	assert_int_equal(top_xlate_from_json(o, &pid, &y), 0);
	assert_int_equal(pid, 99);
	assert_memory_equal(&x, &y, sizeof(x));
	json_object_put(o);

	r->pfn = 0x1234;
	r->mapcount = -1;
	r->has_file = true;
	strcpy(r->path, "/lib/x86_64-linux-gnu/libc.so.6");
	r->nr_mappers = 70;
	r->truncated = true;
	r->nr_stored = 1;
	r->mappers[0].pid = 99;
	strcpy(r->mappers[0].comm, "w");
	r->mappers[0].vm_flags = 0x8000000000000075ULL;
	o = through_text(top_rmap_to_json(99, 0x7f0000001000, r));
	assert_int_equal(top_rmap_from_json(o, &pid, &va, q), 0);
	assert_int_equal(pid, 99);
	assert_int_equal(va, 0x7f0000001000);
	assert_memory_equal(r, q, sizeof(*r));
	json_object_put(o);
	free(r);
	free(q);
}

static void test_carry(void **state)
{
	struct top_snap old, new = { 0 };

	(void)state;
	fill(&old);
	old.err[TOP_POLICY] = -EOPNOTSUPP;
	old.have &= ~TOP_NEED(TOP_POLICY);
	/* The new one fetched the mm (and failed the slab list). */
	new.have = TOP_NEED(TOP_MM);
	new.mm.pid = 1;
	new.err[TOP_SLAB] = -EIO;
	top_snap_carry(&new, &old, ~0u);
	assert_int_equal(new.mm.pid, 1);
	assert_int_equal(new.nr_vmas, 2);
	assert_null(old.vmas);
	assert_true(new.have & TOP_NEED(TOP_VMAS));
	assert_int_equal(new.at[TOP_MM], 0);
	/* A failure is newer than the old data; events are never carried. */
	assert_false(new.have & TOP_NEED(TOP_SLAB));
	assert_int_equal(new.err[TOP_SLAB], -EIO);
	assert_false(new.have & TOP_NEED(TOP_EVENTS));
	assert_int_equal(new.err[TOP_POLICY], -EOPNOTSUPP);
	top_snap_free(&old);
	top_snap_free(&new);
}

static void put_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_procs(void **state)
{
	char dir[] = "/tmp/mmscope-test-proc-XXXXXX", sub[600];
	struct top_proc *p;
	size_t n;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/42", dir);
	mkdir(sub, 0700);
	put_file(sub, "statm", "1000 256 10 1 0 100 0\n");
	put_file(sub, "stat", "42 (a) (b) S 1 42 42 0 -1 4194560 100 0 0 0\n");
	snprintf(sub, sizeof(sub), "%s/2", dir);
	mkdir(sub, 0700);
	put_file(sub, "statm", "0 0 0 0 0 0 0\n");
	put_file(sub, "stat", "2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0\n");
	snprintf(sub, sizeof(sub), "%s/self", dir);
	mkdir(sub, 0700);
	assert_int_equal(top_read_procs(dir, &p, &n), 0);
	/* The kernel thread and the non-PID entry are left out. */
	assert_int_equal(n, 1);
	assert_int_equal(p[0].pid, 42);
	assert_string_equal(p[0].comm, "a) (b");
	assert_int_equal(p[0].rss_kib, 256 * sysconf(_SC_PAGESIZE) / 1024);
	free(p);
	assert_int_equal(system("rm -rf /tmp/mmscope-test-proc-*"), 0);
}

static void test_canvas(void **state)
{
	struct top_canvas c = { 0 };
	char buf[128];

	(void)state;
	assert_int_equal(tc_resize(&c, 3, 10), 0);
	/* Clipped at the right edge; the column after the text is returned. */
	assert_int_equal(tc_put(&c, 0, 6, TS_BOLD, "abcdef"), 10);
	assert_string_equal(tc_row_text(&c, 0, buf, sizeof(buf)), "      abcd");
	assert_int_equal(c.cell[6].style, TS_BOLD);
	/* Control characters never reach the screen. */
	tc_put(&c, 1, 0, TS_NORMAL, "a\tb\x1b");
	assert_string_equal(tc_row_text(&c, 1, buf, sizeof(buf)), "a?b?");
	/* Too long: the end is kept. */
	tc_put_tail(&c, 2, 0, TS_NORMAL, "/usr/lib/libc.so.6");
	assert_string_equal(tc_row_text(&c, 2, buf, sizeof(buf)), "...bc.so.6");
	tc_clear(&c);
	assert_string_equal(tc_row_text(&c, 2, buf, sizeof(buf)), "");
	/* Bars without block characters: any non-zero share shows. */
	tc_bar(&c, 1, 0, 10, 0.001, TS_BAR);
	assert_string_equal(tc_row_text(&c, 1, buf, sizeof(buf)), "#.........");
	tc_bar(&c, 1, 0, 10, 0.5, TS_BAR);
	assert_string_equal(tc_row_text(&c, 1, buf, sizeof(buf)), "#####.....");
	tc_free(&c);
}

/* ---- the Policy view ---- */

/* "12,345", written here so that the view's own formatting is what is tested. */
static const char *commas(char *buf, size_t len, uint64_t v)
{
	char tmp[32];
	size_t n, i, o = 0;

	n = (size_t)snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)v);
	for (i = 0; i < n && o + 2 < len; i++) {
		if (i && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return buf;
}

/* The screen's text, rows joined by newlines. */
static char *screen(const struct top_canvas *c)
{
	static char text[24 * 512];
	char row[512];
	size_t o = 0;
	int y;

	text[0] = '\0';
	for (y = 0; y < c->rows; y++)
		o += snprintf(text + o, sizeof(text) - o, "%s\n", tc_row_text(c, y, row, sizeof(row)));
	return text;
}

static void has(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("\"%s\" is not on the screen:\n%s", want, text);
}

/* An 80x24 screen's body (rows 2-21) drawn by the Policy view. */
static char *draw_policy(struct top *t, struct top_canvas *c)
{
	char *text;
	int y;

	tc_clear(c);
	top_view_policy.draw(t, c, 2, 20);
	text = screen(c);
	/* Nothing outside the body: the header, tabs, status and keys are cmd_top.c's. */
	for (y = 0; y < 24; y++) {
		char row[512];

		if (y >= 2 && y < 22)
			continue;
		assert_string_equal(tc_row_text(c, y, row, sizeof(row)), "");
	}
	return text;
}

static struct json_object *member(struct json_object *o, const char *path)
{
	char buf[128], *k, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (k = strtok_r(buf, ".", &save); k && o; k = strtok_r(NULL, ".", &save)) {
		if (json_object_is_type(o, json_type_array))
			o = json_object_array_get_idx(o, atoi(k));
		else if (!json_object_object_get_ex(o, k, &o))
			o = NULL;
	}
	assert_non_null(o);
	return o;
}

static uint64_t num(struct json_object *o, const char *path)
{
	return json_object_get_uint64(member(o, path));
}

static void test_policy_view_recorded(void **state)
{
	static const char *const names[] = MMSCOPE_POLICY_NAMES;
	const char *path = access("tests/data/policy.jsonl", R_OK) ? "data/policy.jsonl" :
			   "tests/data/policy.jsonl";
	struct top_canvas c = { 0 };
	struct top *t = calloc(1, sizeof(*t));
	struct json_object *l0, *l1, *p0, *p1;
	char want[160], a[32], b[32];
	uint64_t rate;
	char *text;

	(void)state;
	assert_non_null(t);
	t->delay = 3600;
	assert_int_equal(top_src_replay(&t->src, path), 0);
	assert_int_equal(t->src.nr_lines, 3);
	assert_int_equal(tc_resize(&c, 24, 80), 0);
	/* What the recording holds, read without the tool's parser. */
	l0 = t->src.lines[0];
	l1 = t->src.lines[1];
	p0 = member(l0, "policies.value.policies.0");
	p1 = member(l1, "policies.value.policies.0");

	/* One policy installed. */
	assert_int_equal(top_fetch(&t->src, 0, TOP_NEED(TOP_POLICY), true, 0, 0, &t->cur), 0);
	assert_true(t->cur.have & TOP_NEED(TOP_POLICY));
	text = draw_policy(t, &c);
	has(text, "1 policy (at most 4), reclaim path ");
	snprintf(want, sizeof(want), "%s  %s interval=%llums max_protect=%llu",
		 json_object_get_string(member(p0, "cgroup")), names[num(p0, "kind")],
		 (unsigned long long)num(p0, "interval_ms"),
		 (unsigned long long)num(p0, "max_protect"));
	has(text, want);
	snprintf(want, sizeof(want), "evicted %s", commas(a, sizeof(a), num(p0, "evicted")));
	has(text, want);
	snprintf(want, sizeof(want), "examined %s", commas(a, sizeof(a), num(p0, "examined")));
	has(text, want);
	snprintf(want, sizeof(want), "%s pages tracked, %llu B each",
		 commas(a, sizeof(a), num(p0, "tracked")), (unsigned long long)num(p0, "entry_bytes"));
	has(text, want);
	snprintf(want, sizeof(want), "%s rounds", commas(a, sizeof(a), num(p0, "rounds")));
	has(text, want);
	snprintf(want, sizeof(want), "major faults +%s",
		 commas(a, sizeof(a), num(p0, "now.pgmajfault") - num(p0, "base.pgmajfault")));
	has(text, want);
	snprintf(want, sizeof(want), "refaults anon +%s",
		 commas(a, sizeof(a), num(p0, "now.workingset_refault_anon") -
			num(p0, "base.workingset_refault_anon")));
	has(text, want);
	snprintf(want, sizeof(want), "installed %.0f s ago",
		 (num(l0, "policies.at") - (double)num(p0, "installed_ns")) / 1e9);
	has(text, want);
	/* No rate before a second snapshot. */
	assert_null(strstr(text, "/s)"));

	/* A second later: the counters went on; rates over the time between the two. */
	top_snap_free(&t->cur);
	assert_int_equal(top_fetch(&t->src, 0, TOP_NEED(TOP_POLICY), true, 0, 0, &t->cur), 0);
	text = draw_policy(t, &c);
	rate = (uint64_t)((num(p1, "evicted") - num(p0, "evicted")) /
			  ((num(l1, "policies.at") - num(l0, "policies.at")) / 1e9) + 0.5);
	snprintf(want, sizeof(want), "evicted %s (%s/s)", commas(a, sizeof(a), num(p1, "evicted")),
		 commas(b, sizeof(b), rate));
	has(text, want);

	/* Cleared: none installed, said so. */
	top_snap_free(&t->cur);
	assert_int_equal(top_fetch(&t->src, 0, TOP_NEED(TOP_POLICY), true, 0, 0, &t->cur), 0);
	assert_true(t->cur.have & TOP_NEED(TOP_POLICY));
	assert_int_equal(t->cur.policies.list.n, 0);
	text = draw_policy(t, &c);
	has(text, "No policy installed (reclaim path ");
	assert_null(strstr(text, json_object_get_string(member(p0, "cgroup"))));
	assert_null(strstr(text, "not supported"));

	top_snap_free(&t->cur);
	top_src_close(&t->src);
	tc_free(&c);
	free(t);
}

static void test_policy_view_states(void **state)
{
	struct top_canvas c = { 0 };
	struct top *t = calloc(1, sizeof(*t));
	struct mms_policy *v;
	char *text;
	int i;

	(void)state;
	assert_non_null(t);
	t->delay = 1;
	assert_int_equal(tc_resize(&c, 24, 80), 0);

	/* A module without the policy feature: the fetch says -EOPNOTSUPP. */
	t->cur.err[TOP_POLICY] = -EOPNOTSUPP;
	text = draw_policy(t, &c);
	has(text, "not supported by this module (it has no policy command)");
	/* Any other failure is not that. */
	t->cur.err[TOP_POLICY] = -EPERM;
	text = draw_policy(t, &c);
	has(text, "Permission denied");
	assert_null(strstr(text, "not supported"));
	/* A recording without the item. */
	t->cur.err[TOP_POLICY] = 0;
	text = draw_policy(t, &c);
	has(text, "Not in the recording.");

	/* The feature is there but cannot work on this kernel: its reason. */
	t->cur.have = TOP_NEED(TOP_POLICY);
	strcpy(t->cur.policies.reclaim, "classic");
	strcpy(t->cur.policies.unavailable, "memory cgroups are not available");
	text = draw_policy(t, &c);
	has(text, "Policies cannot work here: memory cgroups are not available");
	has(text, "No policy installed (reclaim path classic)");
	assert_null(strstr(text, "installs one"));

	/* As many as the module allows: they do not all fit, the rest is said to be below. */
	t->cur.policies.unavailable[0] = '\0';
	v = calloc(MMSCOPE_POLICY_MAX_CGROUPS, sizeof(*v));
	assert_non_null(v);
	for (i = 0; i < MMSCOPE_POLICY_MAX_CGROUPS; i++) {
		char cg[16];

		snprintf(cg, sizeof(cg), "/cg%d", i);
		v[i].cgroup = strdup(cg);
		v[i].kind = MMSCOPE_POLICY_LRU;
		v[i].slots = 1024;
		v[i].stat_note = MMS_STAT_OTHER_NS;
	}
	t->cur.policies.list.v = v;
	t->cur.policies.list.n = MMSCOPE_POLICY_MAX_CGROUPS;
	text = draw_policy(t, &c);
	has(text, "4 policies (at most 4)");
	has(text, "/cg0  lru interval=0ms max_protect=0");
	has(text, "the cgroup's directory is not under this mount");
	has(text, "more below (arrows scroll)");
	assert_null(strstr(text, "/cg3"));
	/* Down scrolls by one policy. */
	assert_true(top_view_policy.key(t, TK_END));
	text = draw_policy(t, &c);
	has(text, "... 3 more above");
	has(text, "/cg3  lru");
	assert_null(strstr(text, "more below"));
	assert_true(top_view_policy.key(t, TK_HOME));
	/* The smallest screen (60x12: 8 rows) shows what fits, nothing beyond. */
	assert_int_equal(tc_resize(&c, 12, 60), 0);
	top_view_policy.draw(t, &c, 2, 8);
	text = screen(&c);
	has(text, "/cg0  lru");
	{
		char row[128];

		assert_string_equal(tc_row_text(&c, 10, row, sizeof(row)), "");
		assert_string_equal(tc_row_text(&c, 11, row, sizeof(row)), "");
	}

	top_snap_free(&t->cur);
	tc_free(&c);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_snapshot_round_trip),
		cmocka_unit_test(test_errors_recorded),
		cmocka_unit_test(test_window_choice),
		cmocka_unit_test(test_queries_round_trip),
		cmocka_unit_test(test_carry),
		cmocka_unit_test(test_procs),
		cmocka_unit_test(test_canvas),
		cmocka_unit_test(test_policy_view_recorded),
		cmocka_unit_test(test_policy_view_states),
	};

	setlocale(LC_ALL, "C");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
