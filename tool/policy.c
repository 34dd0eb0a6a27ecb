// SPDX-License-Identifier: GPL-2.0
/* Replacement-policy requests, their parsers, and the cgroup files the tool reads. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <linux/genetlink.h>

#include "aspace.h"
#include "policy.h"
#include "util.h"

#define F(type, m) { type, offsetof(struct mms_policy, m) }
#define NFIELDS(t) (sizeof(t) / sizeof(t[0]))

static const char *const kind_names[] = MMSCOPE_POLICY_NAMES;

int mms_policy_kind(const char *name)
{
	size_t i;

	for (i = 0; i < NFIELDS(kind_names); i++)
		if (!strcmp(name, kind_names[i]))
			return (int)i;
	return -1;
}

const char *mms_policy_kind_name(unsigned int kind)
{
	return kind < NFIELDS(kind_names) ? kind_names[kind] : "?";
}

/* ---- parameters ------------------------------------------------------------ */

struct param {
	const char *key;
	uint32_t bit;
	uint64_t min, max;
	const char *unit;		/* an optional suffix the value may carry */
};

static const struct param params[] = {
	{ "interval", MMS_PP_INTERVAL, MMSCOPE_POLICY_INTERVAL_MIN, MMSCOPE_POLICY_INTERVAL_MAX, "ms" },
	{ "seed", MMS_PP_SEED, 0, UINT64_MAX, NULL },
	{ "keep", MMS_PP_KEEP, 1, MMSCOPE_POLICY_KEEP_MAX, "%" },
	{ "evict", MMS_PP_EVICT, 1, 100, "%" },
	{ "max_protect", MMS_PP_MAX_PROTECT, 1, MMSCOPE_POLICY_PROTECT_MAX, NULL },
};

int mms_policy_param(const char *kv, struct mms_policy_req *r, char *err, size_t errlen)
{
	const char *eq = strchr(kv, '=');
	const struct param *p = NULL;
	char val[32];
	size_t klen, vlen, i, ulen;
	uint64_t v;

	if (!eq || eq == kv) {
		snprintf(err, errlen, "'%s' is not KEY=VALUE", kv);
		return -1;
	}
	klen = eq - kv;
	for (i = 0; i < NFIELDS(params); i++)
		if (strlen(params[i].key) == klen && !strncmp(kv, params[i].key, klen))
			p = &params[i];
	if (!p) {
		snprintf(err, errlen, "unknown parameter '%.*s' (interval, seed, keep, evict, max_protect)",
			 (int)klen, kv);
		return -1;
	}
	vlen = strlen(eq + 1);
	if (vlen >= sizeof(val)) {
		snprintf(err, errlen, "%s: value too long", p->key);
		return -1;
	}
	memcpy(val, eq + 1, vlen + 1);
	ulen = p->unit ? strlen(p->unit) : 0;
	if (ulen && vlen > ulen && !strcmp(val + vlen - ulen, p->unit))
		val[vlen - ulen] = '\0';
	if (mms_parse_u64(val, &v)) {
		snprintf(err, errlen, "%s: '%s' is not a number", p->key, eq + 1);
		return -1;
	}
	if (v < p->min || v > p->max) {
		snprintf(err, errlen, "%s: %llu is out of range (%llu..%llu)", p->key,
			 (unsigned long long)v, (unsigned long long)p->min,
			 (unsigned long long)p->max);
		return -1;
	}
	r->given |= p->bit;
	switch (p->bit) {
	case MMS_PP_INTERVAL:
		r->interval_ms = (uint32_t)v;
		break;
	case MMS_PP_SEED:
		r->seed = v;
		break;
	case MMS_PP_KEEP:
		r->keep_pct = (uint32_t)v;
		break;
	case MMS_PP_EVICT:
		r->evict_pct = (uint32_t)v;
		break;
	default:
		r->max_protect = (uint32_t)v;
	}
	return 0;
}

bool mms_policy_has_param(unsigned int kind, uint32_t bit)
{
	switch (kind) {
	case MMSCOPE_POLICY_LRU:
	case MMSCOPE_POLICY_LFU:
		return bit & (MMS_PP_INTERVAL | MMS_PP_MAX_PROTECT);
	case MMSCOPE_POLICY_MRU:
		return bit & (MMS_PP_KEEP | MMS_PP_MAX_PROTECT);
	case MMSCOPE_POLICY_RANDOM:
		return bit & (MMS_PP_SEED | MMS_PP_EVICT | MMS_PP_MAX_PROTECT);
	case MMSCOPE_POLICY_CLOCK:
	case MMSCOPE_POLICY_ESC:
		return bit & MMS_PP_MAX_PROTECT;
	}
	return false;
}

/* Append " " (unless at the start) and the text to @buf, as much as fits. */
static void __attribute__((format(printf, 4, 5)))
add_word(char *buf, size_t len, size_t *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*o && *o + 1 < len)
		buf[(*o)++] = ' ';
	buf[*o] = '\0';
	va_start(ap, fmt);
	n = vsnprintf(buf + *o, len - *o, fmt, ap);
	va_end(ap);
	if (n > 0)
		*o = (size_t)n < len - *o ? *o + n : len - 1;
}

void mms_policy_params(const struct mms_policy *p, char *buf, size_t len)
{
	size_t o = 0;

	if (!len)
		return;
	buf[0] = '\0';
	if (mms_policy_has_param(p->kind, MMS_PP_INTERVAL))
		add_word(buf, len, &o, "interval=%ums", p->interval_ms);
	if (mms_policy_has_param(p->kind, MMS_PP_SEED))
		add_word(buf, len, &o, "seed=%llu", (unsigned long long)p->seed);
	if (mms_policy_has_param(p->kind, MMS_PP_KEEP))
		add_word(buf, len, &o, "keep=%u%%", p->keep_pct);
	if (mms_policy_has_param(p->kind, MMS_PP_EVICT))
		add_word(buf, len, &o, "evict=%u%%", p->evict_pct);
	if (mms_policy_has_param(p->kind, MMS_PP_MAX_PROTECT))
		add_word(buf, len, &o, "max_protect=%u", p->max_protect);
}

/* ---- cgroup files ---------------------------------------------------------- */

void mms_cgroup2_mount_parse(const char *mountinfo, char *mnt, size_t len)
{
	const char *line = mountinfo, *end, *sep;
	char point[4096], fstype[64];

	mnt[0] = '\0';
	while (line && *line) {
		end = strchr(line, '\n');
		/* ID PARENT MAJ:MIN ROOT POINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE ... */
		sep = strstr(line, " - ");
		if (sep && (!end || sep < end) &&
		    sscanf(line, "%*s %*s %*s %*s %4095s", point) == 1 &&
		    sscanf(sep + 3, "%63s", fstype) == 1 && !strcmp(fstype, "cgroup2")) {
			snprintf(mnt, len, "%s", point);
			return;
		}
		line = end ? end + 1 : NULL;
	}
}

void mms_cgroup2_mount(char *mnt, size_t len)
{
	char *text = NULL;
	size_t cap = 0, n = 0, got;
	FILE *f = fopen("/proc/self/mountinfo", "r");
	char *nt;

	mnt[0] = '\0';
	if (!f)
		return;
	do {
		if (n + 4096 + 1 > cap) {
			cap = cap ? 2 * cap : 16384;
			nt = realloc(text, cap);
			if (!nt)
				goto out;
			text = nt;
		}
		got = fread(text + n, 1, cap - n - 1, f);
		n += got;
	} while (got);
	text[n] = '\0';
	mms_cgroup2_mount_parse(text, mnt, len);
out:
	free(text);
	fclose(f);
}

int mms_cgroup_path(const char *mnt, const char *arg, char *out, size_t len)
{
	size_t ml = strlen(mnt);
	const char *rest = arg;
	int n;

	if (!*arg)
		return -1;
	/* A directory of the mounted hierarchy: strip the mount point. */
	if (ml > 1 && !strncmp(arg, mnt, ml) && (arg[ml] == '/' || !arg[ml]))
		rest = arg + ml;
	n = snprintf(out, len, "%s%s", rest[0] == '/' ? "" : "/", rest);
	if (n < 0 || (size_t)n >= len)
		return -1;
	/* No trailing slashes ("/a/" is "/a"; "/" stays). */
	while (n > 1 && out[n - 1] == '/')
		out[--n] = '\0';
	return 0;
}

void mms_memstat_parse(const char *text, struct mms_memstat *m)
{
	static const struct { const char *key; size_t off; } keys[] = {
		{ "workingset_refault_anon", offsetof(struct mms_memstat, refault_anon) },
		{ "workingset_refault_file", offsetof(struct mms_memstat, refault_file) },
		{ "pgmajfault", offsetof(struct mms_memstat, pgmajfault) },
	};
	const char *line = text;
	unsigned long long v;
	char key[64];
	size_t i;

	memset(m, 0, sizeof(*m));
	while (line && *line) {
		if (sscanf(line, "%63s %llu", key, &v) == 2) {
			for (i = 0; i < NFIELDS(keys); i++) {
				if (!strcmp(key, keys[i].key)) {
					*(uint64_t *)((char *)m + keys[i].off) = v;
					m->ok = true;
				}
			}
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
}

void mms_memstat_read(const char *mnt, const char *cg, struct mms_memstat *m)
{
	char path[4200], text[8192];
	size_t n;
	FILE *f;

	memset(m, 0, sizeof(*m));
	if (!mnt[0] || snprintf(path, sizeof(path), "%s%s/memory.stat", mnt,
				 strcmp(cg, "/") ? cg : "") >= (int)sizeof(path))
		return;
	f = fopen(path, "r");
	if (!f)
		return;
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	mms_memstat_parse(text, m);
}

void mms_policy_read_stat(struct mms_policy *p, const char *mnt)
{
	char dir[4200];
	struct stat sb;

	memset(&p->now, 0, sizeof(p->now));
	if (!mnt[0]) {
		p->stat_note = MMS_STAT_NO_MOUNT;
		return;
	}
	/* Another cgroup namespace's mount may hold another cgroup at that path. */
	snprintf(dir, sizeof(dir), "%s%s", mnt, p->cgroup);
	if (stat(dir, &sb) || (uint64_t)sb.st_ino != p->cgroup_id) {
		p->stat_note = MMS_STAT_OTHER_NS;
		return;
	}
	mms_memstat_read(mnt, p->cgroup, &p->now);
	p->stat_note = p->now.ok ? MMS_STAT_READ : MMS_STAT_UNREADABLE;
}

const char *mms_policy_stat_note(unsigned int note)
{
	switch (note) {
	case MMS_STAT_READ:
		return NULL;
	case MMS_STAT_NO_MOUNT:
		return "no cgroup2 file system is mounted";
	case MMS_STAT_OTHER_NS:
		return "the cgroup's directory is not under this mount (another namespace?)";
	}
	return "memory.stat could not be read";
}

bool mms_policy_since(const struct mms_policy *p, struct mms_memstat *d)
{
	memset(d, 0, sizeof(*d));
	if (!p->now.ok || !p->has_base)
		return false;
	d->ok = true;
	d->refault_anon = p->now.refault_anon - p->base.refault_anon;
	d->refault_file = p->now.refault_file - p->base.refault_file;
	d->pgmajfault = p->now.pgmajfault - p->base.pgmajfault;
	return true;
}

const char *mms_reclaim_path(void)
{
	FILE *f = fopen("/sys/kernel/mm/lru_gen/enabled", "r");
	unsigned int v = 0;

	if (!f)
		return "classic";
	if (fscanf(f, "%x", &v) != 1)
		v = 0;
	fclose(f);
	return v & 1 ? "mglru" : "classic";
}

/* ---- messages -------------------------------------------------------------- */

static const struct u64_field policy_fields[] = {
	F(MMSCOPE_POLICY_SEED, seed),
	F(MMSCOPE_POLICY_CGROUP_ID, cgroup_id),
	F(MMSCOPE_POLICY_INSTALLED_NS, installed_ns),
	F(MMSCOPE_POLICY_EXAMINED, examined),
	F(MMSCOPE_POLICY_REFERENCED, referenced),
	F(MMSCOPE_POLICY_EVICTED, evicted),
	F(MMSCOPE_POLICY_PROTECTED, protected_),
	F(MMSCOPE_POLICY_FORCED, forced),
	F(MMSCOPE_POLICY_CONTENDED, contended),
	F(MMSCOPE_POLICY_AGED, aged),
	F(MMSCOPE_POLICY_TABLE_BYTES, table_bytes),
	F(MMSCOPE_POLICY_REPLACED, replaced),
	F(MMSCOPE_POLICY_STALE, stale),
	F(MMSCOPE_POLICY_ROUNDS, rounds),
	F(MMSCOPE_POLICY_HOOK_CALLS, hook_calls),
	F(MMSCOPE_POLICY_HOOK_MATCHED, hook_matched),
	F(MMSCOPE_POLICY_HOOK_NS, hook_ns),
	F(MMSCOPE_POLICY_HOOK_MISSED, hook_missed),
	F(MMSCOPE_POLICY_SAMPLE_NS, sample_ns),
	F(MMSCOPE_POLICY_SAMPLE_REFS, sample_refs),
	F(MMSCOPE_POLICY_TLB_FLUSHES, tlb_flushes),
	F(MMSCOPE_POLICY_BASE_REFAULT_ANON, base.refault_anon),
	F(MMSCOPE_POLICY_BASE_REFAULT_FILE, base.refault_file),
	F(MMSCOPE_POLICY_BASE_PGMAJFAULT, base.pgmajfault),
};

static const struct { uint16_t type; size_t off; } u32_fields[] = {
	{ MMSCOPE_POLICY_INTERVAL_MS, offsetof(struct mms_policy, interval_ms) },
	{ MMSCOPE_POLICY_KEEP_PCT, offsetof(struct mms_policy, keep_pct) },
	{ MMSCOPE_POLICY_EVICT_PCT, offsetof(struct mms_policy, evict_pct) },
	{ MMSCOPE_POLICY_MAX_PROTECT, offsetof(struct mms_policy, max_protect) },
	{ MMSCOPE_POLICY_TRACKED, offsetof(struct mms_policy, tracked) },
	{ MMSCOPE_POLICY_SLOTS, offsetof(struct mms_policy, slots) },
	{ MMSCOPE_POLICY_ENTRY_BYTES, offsetof(struct mms_policy, entry_bytes) },
	{ MMSCOPE_POLICY_KEPT, offsetof(struct mms_policy, kept) },
	{ MMSCOPE_POLICY_QUOTA, offsetof(struct mms_policy, quota) },
};

static int policy_nest(const struct nlattr *nest, struct mms_policy_list *l)
{
	struct mms_policy *p, *nv;
	const struct nlattr *a;
	const char *cg = "";
	size_t i;

	nv = realloc(l->v, (l->n + 1) * sizeof(*nv));
	if (!nv)
		return -ENOMEM;
	l->v = nv;
	p = &nv[l->n];
	memset(p, 0, sizeof(*p));
	mnl_attr_for_each_nested(a, nest) {
		uint16_t type = mnl_attr_get_type(a);

		if (put_u64_field(policy_fields, NFIELDS(policy_fields), a, p)) {
			if (type >= MMSCOPE_POLICY_BASE_REFAULT_ANON &&
			    type <= MMSCOPE_POLICY_BASE_PGMAJFAULT)
				p->has_base = p->base.ok = true;
			continue;
		}
		for (i = 0; i < NFIELDS(u32_fields); i++)
			if (type == u32_fields[i].type)
				set_u32(a, (uint32_t *)((char *)p + u32_fields[i].off));
		if (type == MMSCOPE_POLICY_KIND)
			set_u8(a, &p->kind);
		else if (type == MMSCOPE_POLICY_CGROUP &&
			 mnl_attr_validate(a, MNL_TYPE_NUL_STRING) >= 0)
			cg = mnl_attr_get_str(a);
	}
	p->cgroup = strdup(cg);
	if (!p->cgroup)
		return -ENOMEM;
	l->n++;
	return 0;
}

int mms_policy_parse(const struct nlmsghdr *nlh, void *data)
{
	struct mms_policy_list *l = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) != MMSCOPE_A_POLICY ||
		    mnl_attr_validate(a, MNL_TYPE_NESTED) < 0)
			continue;
		l->err = policy_nest(a, l);
		if (l->err)
			return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

void mms_policy_list_free(struct mms_policy_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].cgroup);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int mms_policy_set(struct mms_nl *nl, const char *cg, const struct mms_policy_req *r,
		   const struct mms_memstat *base)
{
	struct nlmsghdr *req = mms_nl_request(nl, MMSCOPE_CMD_POLICY_SET, 0);
	struct nlattr *n = mnl_attr_nest_start(req, MMSCOPE_A_POLICY);

	mnl_attr_put_strz(req, MMSCOPE_POLICY_CGROUP, cg);
	mnl_attr_put_u8(req, MMSCOPE_POLICY_KIND, r->kind);
	if (r->given & MMS_PP_INTERVAL)
		mnl_attr_put_u32(req, MMSCOPE_POLICY_INTERVAL_MS, r->interval_ms);
	if (r->given & MMS_PP_SEED)
		mnl_attr_put_u64(req, MMSCOPE_POLICY_SEED, r->seed);
	if (r->given & MMS_PP_KEEP)
		mnl_attr_put_u32(req, MMSCOPE_POLICY_KEEP_PCT, r->keep_pct);
	if (r->given & MMS_PP_EVICT)
		mnl_attr_put_u32(req, MMSCOPE_POLICY_EVICT_PCT, r->evict_pct);
	if (r->given & MMS_PP_MAX_PROTECT)
		mnl_attr_put_u32(req, MMSCOPE_POLICY_MAX_PROTECT, r->max_protect);
	if (base && base->ok) {
		mnl_attr_put_u64(req, MMSCOPE_POLICY_BASE_REFAULT_ANON, base->refault_anon);
		mnl_attr_put_u64(req, MMSCOPE_POLICY_BASE_REFAULT_FILE, base->refault_file);
		mnl_attr_put_u64(req, MMSCOPE_POLICY_BASE_PGMAJFAULT, base->pgmajfault);
	}
	mnl_attr_nest_end(req, n);
	return mms_nl_transact(nl, req, NULL, NULL);
}

int mms_policy_clear(struct mms_nl *nl, const char *cg)
{
	struct nlmsghdr *req = mms_nl_request(nl, MMSCOPE_CMD_POLICY_CLEAR, 0);
	struct nlattr *n = mnl_attr_nest_start(req, MMSCOPE_A_POLICY);

	mnl_attr_put_strz(req, MMSCOPE_POLICY_CGROUP, cg);
	mnl_attr_nest_end(req, n);
	return mms_nl_transact(nl, req, NULL, NULL);
}

int mms_policy_get(struct mms_nl *nl, struct mms_policy_list *l)
{
	struct nlmsghdr *req = mms_nl_request(nl, MMSCOPE_CMD_POLICY_GET, NLM_F_DUMP);
	int ret;

	memset(l, 0, sizeof(*l));
	ret = mms_nl_transact(nl, req, mms_policy_parse, l);
	if (l->err)
		ret = l->err;
	if (ret)
		mms_policy_list_free(l);
	return ret;
}

int mms_policy_show_get(struct mms_nl *nl, struct mms_policy_list *l, char *mnt, size_t len)
{
	size_t i;
	int ret;

	mnt[0] = '\0';
	ret = mms_policy_get(nl, l);
	if (ret)
		return ret;
	mms_cgroup2_mount(mnt, len);
	for (i = 0; i < l->n; i++)
		mms_policy_read_stat(&l->v[i], mnt);
	return 0;
}
