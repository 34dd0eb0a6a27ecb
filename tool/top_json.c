// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope top: snapshots as JSON, the format of --record and --replay.
 *
 * One object per line and tick.  Each item is a member named after it, with
 * "at" (CLOCK_MONOTONIC ns), "cost_us", and either "value" or "err" (a
 * negative errno); "ptes" is an array of such windows, "xlate" and "rmap"
 * arrays of the answers given during the tick.  Structures are written and
 * read through one field table each, so the two directions cannot disagree.
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "top_data.h"

enum ftype { FT_U64, FT_HEX, FT_U32, FT_S32, FT_S64, FT_U8, FT_BOOL, FT_STR, FT_U64A, FT_S32A };

struct jfield {
	const char *name;
	size_t off;
	unsigned char type;
	size_t size;
};

#define JF(name, s, m, t) { name, offsetof(s, m), t, sizeof(((s *)0)->m) }
#define NF(t) (sizeof(t) / sizeof(t[0]))

static struct json_object *hex(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
	return json_object_new_string(buf);
}

static uint64_t get_u64(struct json_object *o)
{
	const char *s;

	if (json_object_is_type(o, json_type_string)) {
		s = json_object_get_string(o);
		return strtoull(s, NULL, 0);
	}
	return json_object_get_uint64(o);
}

static struct json_object *to_json(const void *obj, const struct jfield *f, size_t n)
{
	struct json_object *o = json_object_new_object(), *a;
	const char *p;
	uint64_t u;
	size_t i, k;

	for (i = 0; i < n; i++) {
		p = (const char *)obj + f[i].off;
		switch (f[i].type) {
		case FT_U64:
			memcpy(&u, p, 8);
			json_object_object_add(o, f[i].name, json_object_new_uint64(u));
			break;
		case FT_HEX:
			memcpy(&u, p, 8);
			json_object_object_add(o, f[i].name, hex(u));
			break;
		case FT_U32:
			json_object_object_add(o, f[i].name,
					       json_object_new_uint64(*(const uint32_t *)p));
			break;
		case FT_S32:
			json_object_object_add(o, f[i].name, json_object_new_int(*(const int32_t *)p));
			break;
		case FT_S64:
			json_object_object_add(o, f[i].name,
					       json_object_new_int64(*(const int64_t *)p));
			break;
		case FT_U8:
			json_object_object_add(o, f[i].name, json_object_new_int(*(const uint8_t *)p));
			break;
		case FT_BOOL:
			json_object_object_add(o, f[i].name, json_object_new_boolean(*(const bool *)p));
			break;
		case FT_STR:
			json_object_object_add(o, f[i].name, json_object_new_string(p));
			break;
		case FT_U64A:
			a = json_object_new_array();
			for (k = 0; k < f[i].size / 8; k++)
				json_object_array_add(a, json_object_new_uint64(((const uint64_t *)p)[k]));
			json_object_object_add(o, f[i].name, a);
			break;
		case FT_S32A:
			a = json_object_new_array();
			for (k = 0; k < f[i].size / 4; k++)
				json_object_array_add(a, json_object_new_int(((const int32_t *)p)[k]));
			json_object_object_add(o, f[i].name, a);
			break;
		}
	}
	return o;
}

/* Members that are missing or of another type leave the field as it is. */
static void from_json(struct json_object *o, void *obj, const struct jfield *f, size_t n)
{
	struct json_object *v;
	uint64_t u;
	size_t i, k, len;
	char *p;

	for (i = 0; i < n; i++) {
		if (!json_object_object_get_ex(o, f[i].name, &v) || !v)
			continue;
		p = (char *)obj + f[i].off;
		switch (f[i].type) {
		case FT_U64:
		case FT_HEX:
			u = get_u64(v);
			memcpy(p, &u, 8);
			break;
		case FT_U32:
			*(uint32_t *)p = (uint32_t)get_u64(v);
			break;
		case FT_S32:
			*(int32_t *)p = json_object_get_int(v);
			break;
		case FT_S64:
			*(int64_t *)p = json_object_get_int64(v);
			break;
		case FT_U8:
			*(uint8_t *)p = (uint8_t)json_object_get_int(v);
			break;
		case FT_BOOL:
			*(bool *)p = json_object_get_boolean(v);
			break;
		case FT_STR:
			snprintf(p, f[i].size, "%s", json_object_get_string(v));
			break;
		case FT_U64A:
		case FT_S32A:
			if (!json_object_is_type(v, json_type_array))
				break;
			len = json_object_array_length(v);
			for (k = 0; k < len; k++) {
				struct json_object *e = json_object_array_get_idx(v, k);

				if (f[i].type == FT_U64A && k < f[i].size / 8)
					((uint64_t *)p)[k] = get_u64(e);
				else if (f[i].type == FT_S32A && k < f[i].size / 4)
					((int32_t *)p)[k] = json_object_get_int(e);
			}
			break;
		}
	}
}

/* ---- field tables ---- */

static const struct jfield mm_f[] = {
	JF("pid", struct mms_mm, pid, FT_U32),
	JF("comm", struct mms_mm, comm, FT_STR),
	JF("pt_levels", struct mms_mm, pt_levels, FT_U32),
	JF("map_count", struct mms_mm, map_count, FT_U32),
	JF("pgd_pa", struct mms_mm, pgd_pa, FT_HEX),
	JF("total_vm", struct mms_mm, total_vm, FT_U64),
	JF("rss_anon", struct mms_mm, rss_anon, FT_U64),
	JF("rss_file", struct mms_mm, rss_file, FT_U64),
	JF("rss_shmem", struct mms_mm, rss_shmem, FT_U64),
	JF("swap_ents", struct mms_mm, swap_ents, FT_U64),
	JF("pt", struct mms_mm, pt, FT_U64A),
	JF("pt_bytes_kernel", struct mms_mm, pt_bytes_kernel, FT_U64),
	JF("pt_deposited", struct mms_mm, pt_deposited, FT_U64),
	JF("start_code", struct mms_mm, start_code, FT_HEX),
	JF("end_code", struct mms_mm, end_code, FT_HEX),
	JF("start_data", struct mms_mm, start_data, FT_HEX),
	JF("end_data", struct mms_mm, end_data, FT_HEX),
	JF("start_brk", struct mms_mm, start_brk, FT_HEX),
	JF("brk", struct mms_mm, brk, FT_HEX),
	JF("start_stack", struct mms_mm, start_stack, FT_HEX),
	JF("arg_start", struct mms_mm, arg_start, FT_HEX),
	JF("arg_end", struct mms_mm, arg_end, FT_HEX),
	JF("env_start", struct mms_mm, env_start, FT_HEX),
	JF("env_end", struct mms_mm, env_end, FT_HEX),
};

static const struct jfield vma_f[] = {
	JF("start", struct mms_vma, start, FT_HEX),
	JF("end", struct mms_vma, end, FT_HEX),
	JF("flags", struct mms_vma, flags, FT_HEX),
	JF("pgoff", struct mms_vma, pgoff, FT_U64),
	JF("kind", struct mms_vma, kind, FT_U8),
	JF("present", struct mms_vma, present, FT_U64),
	JF("rss", struct mms_vma, rss, FT_U64),
	JF("young", struct mms_vma, young, FT_U64),
	JF("referenced", struct mms_vma, referenced, FT_U64),
	JF("dirty", struct mms_vma, dirty, FT_U64),
	JF("writable", struct mms_vma, writable, FT_U64),
	JF("nx", struct mms_vma, nx, FT_U64),
	JF("swap", struct mms_vma, swap, FT_U64),
	JF("zero", struct mms_vma, zero, FT_U64),
	JF("huge_pmd", struct mms_vma, huge_pmd, FT_U64),
	JF("huge_pud", struct mms_vma, huge_pud, FT_U64),
	JF("anon_huge", struct mms_vma, anon_huge, FT_U64),
	JF("shared", struct mms_vma, shared, FT_U64),
	JF("pt_pages", struct mms_vma, pt_pages, FT_U64),
};

static const struct jfield faults_f[] = {
	JF("pid", struct mms_faults, pid, FT_U32),
	JF("threads", struct mms_faults, threads, FT_U32),
	JF("comm", struct mms_faults, comm, FT_STR),
	JF("min", struct mms_faults, min, FT_U64),
	JF("maj", struct mms_faults, maj, FT_U64),
	JF("sys_pgfault", struct mms_faults, sys_pgfault, FT_U64),
	JF("sys_pgmajfault", struct mms_faults, sys_pgmajfault, FT_U64),
	JF("state", struct mms_faults, state, FT_U8),
	JF("track_threads", struct mms_faults, track_threads, FT_U32),
	JF("pages_with_counts", struct mms_faults, pages_with_counts, FT_U32),
	JF("access_known", struct mms_faults, access_known, FT_U8),
	JF("start_raced", struct mms_faults, start_raced, FT_BOOL),
	JF("start_ns", struct mms_faults, start_ns, FT_U64),
	JF("end_ns", struct mms_faults, end_ns, FT_U64),
	JF("min_start", struct mms_faults, min_start, FT_U64),
	JF("maj_start", struct mms_faults, maj_start, FT_U64),
	JF("min_end", struct mms_faults, min_end, FT_U64),
	JF("maj_end", struct mms_faults, maj_end, FT_U64),
	JF("t_min", struct mms_faults, t_min, FT_U64),
	JF("t_maj", struct mms_faults, t_maj, FT_U64),
	JF("t_read", struct mms_faults, t_read, FT_U64),
	JF("t_write", struct mms_faults, t_write, FT_U64),
	JF("t_exec", struct mms_faults, t_exec, FT_U64),
	JF("other_mm", struct mms_faults, other_mm, FT_U64),
	JF("dropped", struct mms_faults, dropped, FT_U64),
	JF("unattributed", struct mms_faults, unattributed, FT_U64),
	JF("pages_full", struct mms_faults, pages_full, FT_U64),
	JF("vmas_full", struct mms_faults, vmas_full, FT_U64),
	JF("events_next", struct mms_faults, events_next, FT_U64),
};

static const struct jfield fvma_f[] = {
	JF("start", struct mms_fault_vma, start, FT_HEX),
	JF("end", struct mms_fault_vma, end, FT_HEX),
	JF("flags", struct mms_fault_vma, flags, FT_HEX),
	JF("min", struct mms_fault_vma, min, FT_U64),
	JF("maj", struct mms_fault_vma, maj, FT_U64),
	JF("read", struct mms_fault_vma, read, FT_U64),
	JF("write", struct mms_fault_vma, write, FT_U64),
	JF("exec", struct mms_fault_vma, exec, FT_U64),
};

static const struct jfield event_f[] = {
	JF("seq", struct mms_fault_event, seq, FT_U64),
	JF("time_ns", struct mms_fault_event, time_ns, FT_U64),
	JF("va", struct mms_fault_event, va, FT_HEX),
	JF("vma_start", struct mms_fault_event, vma_start, FT_HEX),
	JF("tid", struct mms_fault_event, tid, FT_U32),
	JF("flags", struct mms_fault_event, flags, FT_U32),
};

static const struct jfield zone_f[] = {
	JF("node", struct mms_buddy_zone, node, FT_U32),
	JF("zone", struct mms_buddy_zone, zone, FT_STR),
	JF("managed", struct mms_buddy_zone, managed, FT_U64),
	JF("present", struct mms_buddy_zone, present, FT_U64),
	JF("spanned", struct mms_buddy_zone, spanned, FT_U64),
	JF("free_pages", struct mms_buddy_zone, free_pages, FT_U64),
	JF("pcp_pages", struct mms_buddy_zone, pcp_pages, FT_U64),
	JF("wmark_min", struct mms_buddy_zone, wmark_min, FT_U64),
	JF("wmark_low", struct mms_buddy_zone, wmark_low, FT_U64),
	JF("wmark_high", struct mms_buddy_zone, wmark_high, FT_U64),
	JF("nr_orders", struct mms_buddy_zone, nr_orders, FT_U32),
	JF("free", struct mms_buddy_zone, free, FT_U64A),
	JF("unusable", struct mms_buddy_zone, unusable, FT_S32A),
	JF("fragmentation", struct mms_buddy_zone, fragmentation, FT_S32A),
};

static const struct jfield mt_f[] = {
	JF("name", struct mms_buddy_mt, name, FT_STR),
	JF("free", struct mms_buddy_mt, free, FT_U64A),
	JF("truncated", struct mms_buddy_mt, truncated, FT_U32),
};

static const struct jfield slab_f[] = {
	JF("name", struct mms_slab, name, FT_STR),
	JF("active_objs", struct mms_slab, active_objs, FT_U64),
	JF("num_objs", struct mms_slab, num_objs, FT_U64),
	JF("objsize", struct mms_slab, objsize, FT_U64),
	JF("objperslab", struct mms_slab, objperslab, FT_U64),
	JF("pagesperslab", struct mms_slab, pagesperslab, FT_U64),
	JF("active_slabs", struct mms_slab, active_slabs, FT_U64),
	JF("num_slabs", struct mms_slab, num_slabs, FT_U64),
	JF("order", struct mms_slab, order, FT_S64),
	JF("partial", struct mms_slab, partial, FT_S64),
	JF("cpu_slabs", struct mms_slab, cpu_slabs, FT_S64),
	JF("memory", struct mms_slab, memory, FT_U64),
};

static const struct jfield proc_f[] = {
	JF("pid", struct top_proc, pid, FT_S32),
	JF("uid", struct top_proc, uid, FT_U32),
	JF("comm", struct top_proc, comm, FT_STR),
	JF("rss_kib", struct top_proc, rss_kib, FT_U64),
	JF("vsz_kib", struct top_proc, vsz_kib, FT_U64),
};

static const struct jfield policies_f[] = {
	JF("reclaim", struct top_policies, reclaim, FT_STR),
	JF("unavailable", struct top_policies, unavailable, FT_STR),
};

/* Named as in `mmscope policy show --json` where it has the field. */
static const struct jfield policy_f[] = {
	JF("kind", struct mms_policy, kind, FT_U8),
	JF("cgroup_id", struct mms_policy, cgroup_id, FT_U64),
	JF("installed_ns", struct mms_policy, installed_ns, FT_U64),
	JF("interval_ms", struct mms_policy, interval_ms, FT_U32),
	JF("seed", struct mms_policy, seed, FT_U64),
	JF("keep_pct", struct mms_policy, keep_pct, FT_U32),
	JF("evict_pct", struct mms_policy, evict_pct, FT_U32),
	JF("max_protect", struct mms_policy, max_protect, FT_U32),
	JF("examined", struct mms_policy, examined, FT_U64),
	JF("referenced", struct mms_policy, referenced, FT_U64),
	JF("evicted", struct mms_policy, evicted, FT_U64),
	JF("protected", struct mms_policy, protected_, FT_U64),
	JF("forced", struct mms_policy, forced, FT_U64),
	JF("contended", struct mms_policy, contended, FT_U64),
	JF("aged", struct mms_policy, aged, FT_U64),
	JF("tracked", struct mms_policy, tracked, FT_U32),
	JF("slots", struct mms_policy, slots, FT_U32),
	JF("entry_bytes", struct mms_policy, entry_bytes, FT_U32),
	JF("table_bytes", struct mms_policy, table_bytes, FT_U64),
	JF("replaced", struct mms_policy, replaced, FT_U64),
	JF("stale", struct mms_policy, stale, FT_U64),
	JF("rounds", struct mms_policy, rounds, FT_U64),
	JF("kept", struct mms_policy, kept, FT_U32),
	JF("quota", struct mms_policy, quota, FT_U32),
	JF("sample_refs", struct mms_policy, sample_refs, FT_U64),
	JF("sample_ns", struct mms_policy, sample_ns, FT_U64),
	JF("tlb_flushes", struct mms_policy, tlb_flushes, FT_U64),
	JF("hook_calls", struct mms_policy, hook_calls, FT_U64),
	JF("hook_matched", struct mms_policy, hook_matched, FT_U64),
	JF("hook_ns", struct mms_policy, hook_ns, FT_U64),
	JF("hook_missed", struct mms_policy, hook_missed, FT_U64),
	JF("has_base", struct mms_policy, has_base, FT_BOOL),
	JF("stat_note", struct mms_policy, stat_note, FT_U8),
};

static const struct jfield memstat_f[] = {
	JF("ok", struct mms_memstat, ok, FT_BOOL),
	JF("workingset_refault_anon", struct mms_memstat, refault_anon, FT_U64),
	JF("workingset_refault_file", struct mms_memstat, refault_file, FT_U64),
	JF("pgmajfault", struct mms_memstat, pgmajfault, FT_U64),
};

static const struct jfield xlate_f[] = {
	JF("va", struct mms_xlate, va, FT_HEX),
	JF("pa", struct mms_xlate, pa, FT_HEX),
	JF("page_size", struct mms_xlate, page_size, FT_U64),
	JF("swap_offset", struct mms_xlate, swap_offset, FT_U64),
	JF("levels", struct mms_xlate, levels, FT_U32),
	JF("swap_type", struct mms_xlate, swap_type, FT_U32),
	JF("stop", struct mms_xlate, stop, FT_U8),
	JF("stop_level", struct mms_xlate, stop_level, FT_U8),
	JF("has_pa", struct mms_xlate, has_pa, FT_BOOL),
};

static const struct jfield step_f[] = {
	JF("level", struct mms_xlate_step, level, FT_U8),
	JF("index", struct mms_xlate_step, index, FT_U32),
	JF("flags", struct mms_xlate_step, flags, FT_U32),
	JF("table_pa", struct mms_xlate_step, table_pa, FT_HEX),
	JF("raw", struct mms_xlate_step, raw, FT_HEX),
};

static const struct jfield rmap_f[] = {
	JF("pfn", struct mms_rmap, pfn, FT_U64),
	JF("va", struct mms_rmap, va, FT_HEX),
	JF("file_offset", struct mms_rmap, file_offset, FT_U64),
	JF("file_ino", struct mms_rmap, file_ino, FT_U64),
	JF("elapsed_ns", struct mms_rmap, elapsed_ns, FT_U64),
	JF("folio_pages", struct mms_rmap, folio_pages, FT_U32),
	JF("nr_mappers", struct mms_rmap, nr_mappers, FT_U32),
	JF("candidates", struct mms_rmap, candidates, FT_U32),
	JF("stale", struct mms_rmap, stale, FT_U32),
	JF("dev_major", struct mms_rmap, dev_major, FT_U32),
	JF("dev_minor", struct mms_rmap, dev_minor, FT_U32),
	JF("mapcount", struct mms_rmap, mapcount, FT_S32),
	JF("frame", struct mms_rmap, frame, FT_U8),
	JF("method", struct mms_rmap, method, FT_U8),
	JF("has_va", struct mms_rmap, has_va, FT_BOOL),
	JF("has_file", struct mms_rmap, has_file, FT_BOOL),
	JF("truncated", struct mms_rmap, truncated, FT_BOOL),
	JF("path", struct mms_rmap, path, FT_STR),
	JF("note", struct mms_rmap, note, FT_STR),
};

static const struct jfield mapper_f[] = {
	JF("pid", struct mms_mapper, pid, FT_U32),
	JF("flags", struct mms_mapper, flags, FT_U32),
	JF("comm", struct mms_mapper, comm, FT_STR),
	JF("level", struct mms_mapper, level, FT_U8),
	JF("va", struct mms_mapper, va, FT_HEX),
	JF("vm_start", struct mms_mapper, vm_start, FT_HEX),
	JF("vm_end", struct mms_mapper, vm_end, FT_HEX),
	JF("vm_flags", struct mms_mapper, vm_flags, FT_HEX),
	JF("vm_pgoff", struct mms_mapper, vm_pgoff, FT_U64),
};

/* ---- arrays of structures ---- */

typedef struct json_object *(*elem_out)(const void *elem);

static struct json_object *array_out(const void *base, size_t n, size_t size, elem_out fn)
{
	struct json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_object_array_add(a, fn((const char *)base + i * size));
	return a;
}

/* A malloc'd array of @size-byte elements from JSON array @a; @fn fills one. */
static int array_in(struct json_object *a, void **out, size_t *n, size_t size,
		    int (*fn)(struct json_object *o, void *elem))
{
	size_t len, i;
	char *arr;

	*out = NULL;
	*n = 0;
	if (!a || !json_object_is_type(a, json_type_array))
		return -EINVAL;
	len = json_object_array_length(a);
	if (!len)
		return 0;
	arr = calloc(len, size);
	if (!arr)
		return -ENOMEM;
	for (i = 0; i < len; i++) {
		if (fn(json_object_array_get_idx(a, i), arr + i * size)) {
			*out = arr;
			*n = i;
			return -ENOMEM;
		}
	}
	*out = arr;
	*n = len;
	return 0;
}

static struct json_object *vma_out(const void *e)
{
	const struct mms_vma *v = e;
	struct json_object *o = to_json(v, vma_f, NF(vma_f));

	json_object_object_add(o, "name", json_object_new_string(v->name ? v->name : ""));
	return o;
}

static const char *str_member(struct json_object *o, const char *name)
{
	struct json_object *v;

	if (json_object_object_get_ex(o, name, &v) && json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	return "";
}

static int vma_in(struct json_object *o, void *e)
{
	struct mms_vma *v = e;

	from_json(o, v, vma_f, NF(vma_f));
	v->name = strdup(str_member(o, "name"));
	return v->name ? 0 : -ENOMEM;
}

static struct json_object *fvma_out(const void *e)
{
	const struct mms_fault_vma *v = e;
	struct json_object *o = to_json(v, fvma_f, NF(fvma_f));

	json_object_object_add(o, "name", json_object_new_string(v->name ? v->name : ""));
	return o;
}

static int fvma_in(struct json_object *o, void *e)
{
	struct mms_fault_vma *v = e;

	from_json(o, v, fvma_f, NF(fvma_f));
	v->name = strdup(str_member(o, "name"));
	return v->name ? 0 : -ENOMEM;
}

static struct json_object *event_out(const void *e)
{
	return to_json(e, event_f, NF(event_f));
}

static int event_in(struct json_object *o, void *e)
{
	from_json(o, e, event_f, NF(event_f));
	return 0;
}

static struct json_object *slab_out(const void *e)
{
	return to_json(e, slab_f, NF(slab_f));
}

static int slab_in(struct json_object *o, void *e)
{
	from_json(o, e, slab_f, NF(slab_f));
	return 0;
}

static struct json_object *proc_out(const void *e)
{
	return to_json(e, proc_f, NF(proc_f));
}

static int proc_in(struct json_object *o, void *e)
{
	from_json(o, e, proc_f, NF(proc_f));
	return 0;
}

/* A policy: its fields, "cgroup", and memory.stat at install ("base") and now. */
static struct json_object *policy_out(const void *e)
{
	const struct mms_policy *p = e;
	struct json_object *o = to_json(p, policy_f, NF(policy_f));

	json_object_object_add(o, "cgroup", json_object_new_string(p->cgroup ? p->cgroup : ""));
	json_object_object_add(o, "base", to_json(&p->base, memstat_f, NF(memstat_f)));
	json_object_object_add(o, "now", to_json(&p->now, memstat_f, NF(memstat_f)));
	return o;
}

static int policy_in(struct json_object *o, void *e)
{
	struct mms_policy *p = e;
	struct json_object *m;

	from_json(o, p, policy_f, NF(policy_f));
	if (json_object_object_get_ex(o, "base", &m) && json_object_is_type(m, json_type_object))
		from_json(m, &p->base, memstat_f, NF(memstat_f));
	if (json_object_object_get_ex(o, "now", &m) && json_object_is_type(m, json_type_object))
		from_json(m, &p->now, memstat_f, NF(memstat_f));
	p->cgroup = strdup(str_member(o, "cgroup"));
	return p->cgroup ? 0 : -ENOMEM;
}

/* The Policy view's item: {reclaim, unavailable, policies: [...]}. */
static struct json_object *policies_out(const struct top_policies *p)
{
	struct json_object *o = to_json(p, policies_f, NF(policies_f));

	json_object_object_add(o, "policies", array_out(p->list.v, p->list.n, sizeof(*p->list.v),
							policy_out));
	return o;
}

static int policies_in(struct json_object *o, struct top_policies *p)
{
	struct json_object *a;

	if (!json_object_is_type(o, json_type_object))
		return -EINVAL;
	from_json(o, p, policies_f, NF(policies_f));
	if (!json_object_object_get_ex(o, "policies", &a))
		return -EINVAL;
	return array_in(a, (void **)&p->list.v, &p->list.n, sizeof(*p->list.v), policy_in);
}

static struct json_object *zone_out(const void *e)
{
	const struct mms_buddy_zone *z = e;
	struct json_object *o = to_json(z, zone_f, NF(zone_f)), *a = json_object_new_array();
	unsigned int i;

	for (i = 0; i < z->nr_mt && i < MMS_MAX_MT; i++)
		json_object_array_add(a, to_json(&z->mt[i], mt_f, NF(mt_f)));
	json_object_object_add(o, "migratetypes", a);
	return o;
}

static void zone_in(struct json_object *o, struct mms_buddy_zone *z)
{
	struct json_object *a;
	size_t i;

	from_json(o, z, zone_f, NF(zone_f));
	if (z->nr_orders > MMS_MAX_ORDERS)
		z->nr_orders = MMS_MAX_ORDERS;
	if (!json_object_object_get_ex(o, "migratetypes", &a) || !json_object_is_type(a, json_type_array))
		return;
	for (i = 0; i < json_object_array_length(a) && z->nr_mt < MMS_MAX_MT; i++)
		from_json(json_object_array_get_idx(a, i), &z->mt[z->nr_mt++], mt_f, NF(mt_f));
}

/* Entries of a window, compact: [va, level, kind, raw, pfn|null, flags, mapcount|null, swap]. */
static struct json_object *pte_out(const void *e)
{
	const struct mms_pte *p = e;
	struct json_object *a = json_object_new_array();

	json_object_array_add(a, json_object_new_uint64(p->va));
	json_object_array_add(a, json_object_new_int(p->level));
	json_object_array_add(a, json_object_new_int(p->kind));
	json_object_array_add(a, json_object_new_uint64(p->raw));
	json_object_array_add(a, p->has_pfn ? json_object_new_uint64(p->pfn) : NULL);
	json_object_array_add(a, json_object_new_uint64(p->flags));
	json_object_array_add(a, p->has_mapcount ? json_object_new_uint64(p->mapcount) : NULL);
	if (p->has_swap) {
		json_object_array_add(a, json_object_new_int(p->swap_type));
		json_object_array_add(a, json_object_new_uint64(p->swap_offset));
	}
	return a;
}

static int pte_in(struct json_object *a, struct mms_pte *p)
{
	struct json_object *v;

	memset(p, 0, sizeof(*p));
	if (!json_object_is_type(a, json_type_array) || json_object_array_length(a) < 7)
		return -EINVAL;
	p->va = get_u64(json_object_array_get_idx(a, 0));
	p->level = (uint8_t)json_object_get_int(json_object_array_get_idx(a, 1));
	p->kind = (uint8_t)json_object_get_int(json_object_array_get_idx(a, 2));
	if (p->level < MMSCOPE_LEVEL_PTE || p->level > MMSCOPE_LEVEL_PUD)
		return -EINVAL;
	p->size = 1ULL << MMSCOPE_LEVEL_SHIFT(p->level);
	p->raw = get_u64(json_object_array_get_idx(a, 3));
	v = json_object_array_get_idx(a, 4);
	if (v) {
		p->pfn = get_u64(v);
		p->has_pfn = true;
	}
	p->flags = (uint32_t)get_u64(json_object_array_get_idx(a, 5));
	v = json_object_array_get_idx(a, 6);
	if (v) {
		p->mapcount = (uint32_t)get_u64(v);
		p->has_mapcount = true;
	}
	if (json_object_array_length(a) >= 9) {
		p->swap_type = (uint32_t)json_object_get_int(json_object_array_get_idx(a, 7));
		p->swap_offset = get_u64(json_object_array_get_idx(a, 8));
		p->has_swap = true;
	}
	return 0;
}

/* ---- snapshots ---- */

static const char *const item_names[TOP_NR_ITEMS] = {
	[TOP_MM] = "mm",
	[TOP_VMAS] = "vmas",
	[TOP_FAULTS] = "faults",
	[TOP_EVENTS] = "events",
	[TOP_BUDDY] = "buddy",
	[TOP_SLAB] = "slab",
	[TOP_PROCS] = "procs",
	[TOP_PTES] = "ptes",
	[TOP_POLICY] = "policies",
};

static struct json_object *item_value(const struct top_snap *s, int i)
{
	struct json_object *o, *a;
	unsigned int z;

	switch (i) {
	case TOP_MM:
		return to_json(&s->mm, mm_f, NF(mm_f));
	case TOP_VMAS:
		return array_out(s->vmas, s->nr_vmas, sizeof(*s->vmas), vma_out);
	case TOP_FAULTS:
		o = to_json(&s->faults, faults_f, NF(faults_f));
		json_object_object_add(o, "vmas", array_out(s->faults.vmas, s->faults.nr_vmas,
							    sizeof(*s->faults.vmas), fvma_out));
		return o;
	case TOP_EVENTS:
		return array_out(s->events, s->nr_events, sizeof(*s->events), event_out);
	case TOP_BUDDY:
		a = json_object_new_array();
		for (z = 0; s->buddy && z < s->buddy->nr_zones; z++)
			json_object_array_add(a, zone_out(&s->buddy->zones[z]));
		return a;
	case TOP_SLAB:
		return array_out(s->slabs, s->nr_slabs, sizeof(*s->slabs), slab_out);
	case TOP_PROCS:
		return array_out(s->procs, s->nr_procs, sizeof(*s->procs), proc_out);
	case TOP_PTES:
		o = json_object_new_object();
		json_object_object_add(o, "start", hex(s->win.start));
		json_object_object_add(o, "end", hex(s->win.end));
		json_object_object_add(o, "entries",
				       array_out(s->win.e, s->win.n, sizeof(*s->win.e), pte_out));
		return o;
	case TOP_POLICY:
		return policies_out(&s->policies);
	}
	return NULL;
}

struct json_object *top_snap_to_json(const struct top_snap *s)
{
	struct json_object *o = json_object_new_object(), *it;
	int i;

	json_object_object_add(o, "pid", json_object_new_int(s->pid));
	json_object_object_add(o, "wall", json_object_new_int64(s->wall));
	for (i = 0; i < TOP_NR_ITEMS; i++) {
		if (!(s->have & TOP_NEED(i)) && !s->err[i])
			continue;
		it = json_object_new_object();
		json_object_object_add(it, "at", json_object_new_uint64(s->at[i]));
		json_object_object_add(it, "cost_us", json_object_new_uint64(s->cost_us[i]));
		if (s->have & TOP_NEED(i))
			json_object_object_add(it, "value", item_value(s, i));
		else
			json_object_object_add(it, "err", json_object_new_int(s->err[i]));
		/* Windows accumulate over a tick (see top_data.c's recorder). */
		if (i == TOP_PTES) {
			struct json_object *a = json_object_new_array();

			json_object_array_add(a, it);
			it = a;
		}
		json_object_object_add(o, item_names[i], it);
	}
	return o;
}

/* The recorded window that covers most of [ws, we), cut to it. */
static int window_in(struct json_object *arr, uint64_t ws, uint64_t we, struct top_snap *s)
{
	struct json_object *best = NULL, *it, *v, *e;
	uint64_t best_cov = 0, a, b, cs = 0, ce = 0;
	struct mms_pte p;
	size_t i, n;
	int ret;

	for (i = 0; i < json_object_array_length(arr); i++) {
		it = json_object_array_get_idx(arr, i);
		if (!json_object_object_get_ex(it, "value", &v))
			continue;
		a = strtoull(str_member(v, "start"), NULL, 0);
		b = strtoull(str_member(v, "end"), NULL, 0);
		if (a < ws)
			a = ws;
		if (b > we)
			b = we;
		if (b > a && b - a > best_cov) {
			best_cov = b - a;
			best = it;
			cs = a;
			ce = b;
		}
	}
	s->win.start = ws;
	s->win.end = we;
	if (!best)
		return -ENODATA;
	json_object_object_get_ex(best, "value", &v);
	json_object_object_get_ex(v, "entries", &e);
	n = e && json_object_is_type(e, json_type_array) ? json_object_array_length(e) : 0;
	for (i = 0; i < n; i++) {
		if (pte_in(json_object_array_get_idx(e, i), &p))
			continue;
		/* Entries overlapping the covered part (a huge leaf may start before it). */
		if (p.va + p.size <= cs || p.va >= ce)
			continue;
		ret = top_ptes_add(&s->win, &p);
		if (ret)
			return ret;
	}
	s->win.cov_start = cs;
	s->win.cov_end = ce;
	it = best;
	s->at[TOP_PTES] = json_object_object_get_ex(it, "at", &v) ? get_u64(v) : 0;
	return 0;
}

static int item_in(struct json_object *v, int i, struct top_snap *s)
{
	struct json_object *a;
	size_t n, z;

	switch (i) {
	case TOP_MM:
		from_json(v, &s->mm, mm_f, NF(mm_f));
		return 0;
	case TOP_VMAS:
		return array_in(v, (void **)&s->vmas, &s->nr_vmas, sizeof(*s->vmas), vma_in);
	case TOP_FAULTS:
		from_json(v, &s->faults, faults_f, NF(faults_f));
		if (!json_object_object_get_ex(v, "vmas", &a))
			return 0;
		return array_in(a, (void **)&s->faults.vmas, &s->faults.nr_vmas,
				sizeof(*s->faults.vmas), fvma_in);
	case TOP_EVENTS:
		return array_in(v, (void **)&s->events, &s->nr_events, sizeof(*s->events),
				event_in);
	case TOP_BUDDY:
		if (!json_object_is_type(v, json_type_array))
			return -EINVAL;
		s->buddy = calloc(1, sizeof(*s->buddy));
		if (!s->buddy)
			return -ENOMEM;
		n = json_object_array_length(v);
		for (z = 0; z < n && z < MMS_MAX_ZONES; z++)
			zone_in(json_object_array_get_idx(v, z), &s->buddy->zones[s->buddy->nr_zones++]);
		return 0;
	case TOP_SLAB:
		return array_in(v, (void **)&s->slabs, &s->nr_slabs, sizeof(*s->slabs), slab_in);
	case TOP_PROCS:
		return array_in(v, (void **)&s->procs, &s->nr_procs, sizeof(*s->procs), proc_in);
	case TOP_POLICY:
		return policies_in(v, &s->policies);
	}
	return -EINVAL;
}

int top_snap_from_json(struct json_object *o, struct top_snap *s, uint64_t ws, uint64_t we)
{
	struct json_object *it, *v;
	int i, ret;

	memset(s, 0, sizeof(*s));
	if (!json_object_is_type(o, json_type_object))
		return -EINVAL;
	if (json_object_object_get_ex(o, "pid", &v))
		s->pid = json_object_get_int(v);
	if (json_object_object_get_ex(o, "wall", &v))
		s->wall = json_object_get_int64(v);
	for (i = 0; i < TOP_NR_ITEMS; i++) {
		if (!json_object_object_get_ex(o, item_names[i], &it) || !it)
			continue;
		if (i == TOP_PTES) {
			if (!json_object_is_type(it, json_type_array) || we <= ws)
				continue;
			ret = window_in(it, ws, we, s);
			if (ret == -ENOMEM)
				return ret;
			if (!ret)
				s->have |= TOP_NEED(i);
			else
				s->err[i] = -ENODATA;
			continue;
		}
		if (json_object_object_get_ex(it, "at", &v))
			s->at[i] = get_u64(v);
		if (json_object_object_get_ex(it, "cost_us", &v))
			s->cost_us[i] = (uint32_t)get_u64(v);
		if (json_object_object_get_ex(it, "err", &v)) {
			s->err[i] = json_object_get_int(v);
			continue;
		}
		if (!json_object_object_get_ex(it, "value", &v))
			continue;
		ret = item_in(v, i, s);
		if (ret == -ENOMEM)
			return ret;
		if (!ret)
			s->have |= TOP_NEED(i);
	}
	return 0;
}

struct json_object *top_xlate_to_json(int pid, const struct mms_xlate *x)
{
	struct json_object *o = to_json(x, xlate_f, NF(xlate_f)), *a = json_object_new_array();
	unsigned int i;

	json_object_object_add(o, "pid", json_object_new_int(pid));
	for (i = 0; i < x->nr_steps && i < 5; i++)
		json_object_array_add(a, to_json(&x->steps[i], step_f, NF(step_f)));
	json_object_object_add(o, "steps", a);
	return o;
}

int top_xlate_from_json(struct json_object *o, int *pid, struct mms_xlate *x)
{
	struct json_object *a, *v;
	size_t i;

	memset(x, 0, sizeof(*x));
	if (!json_object_is_type(o, json_type_object))
		return -EINVAL;
	from_json(o, x, xlate_f, NF(xlate_f));
	*pid = json_object_object_get_ex(o, "pid", &v) ? json_object_get_int(v) : 0;
	if (json_object_object_get_ex(o, "steps", &a) && json_object_is_type(a, json_type_array))
		for (i = 0; i < json_object_array_length(a) && i < 5; i++)
			from_json(json_object_array_get_idx(a, i), &x->steps[x->nr_steps++],
				  step_f, NF(step_f));
	return 0;
}

struct json_object *top_rmap_to_json(int pid, uint64_t va, const struct mms_rmap *r)
{
	struct json_object *o = to_json(r, rmap_f, NF(rmap_f)), *a = json_object_new_array();
	unsigned int i;

	json_object_object_add(o, "query_pid", json_object_new_int(pid));
	json_object_object_add(o, "query_va", hex(va));
	for (i = 0; i < r->nr_stored && i < MMSCOPE_RMAP_MAX_MAPPERS; i++)
		json_object_array_add(a, to_json(&r->mappers[i], mapper_f, NF(mapper_f)));
	json_object_object_add(o, "mappers", a);
	return o;
}

int top_rmap_from_json(struct json_object *o, int *pid, uint64_t *va, struct mms_rmap *r)
{
	struct json_object *a, *v;
	size_t i;

	memset(r, 0, sizeof(*r));
	if (!json_object_is_type(o, json_type_object))
		return -EINVAL;
	from_json(o, r, rmap_f, NF(rmap_f));
	*pid = json_object_object_get_ex(o, "query_pid", &v) ? json_object_get_int(v) : 0;
	*va = strtoull(str_member(o, "query_va"), NULL, 0);
	if (json_object_object_get_ex(o, "mappers", &a) && json_object_is_type(a, json_type_array))
		for (i = 0; i < json_object_array_length(a) && i < MMSCOPE_RMAP_MAX_MAPPERS; i++)
			from_json(json_object_array_get_idx(a, i), &r->mappers[r->nr_stored++],
				  mapper_f, NF(mapper_f));
	return 0;
}
