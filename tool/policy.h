/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Replacement policies per memory cgroup: requests (POLICY_SET, POLICY_CLEAR,
 * POLICY_GET), their parsers, and the cgroup-side facts the tool reads itself
 * (the cgroup2 mount, memory.stat, the reclaim path in use).
 */
#ifndef MMSCOPE_POLICY_H
#define MMSCOPE_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>

#include "mmscope.h"
#include "nl.h"

/* Parameters given on the command line; @given: MMS_PP_* bits. */
#define MMS_PP_INTERVAL		(1u << 0)
#define MMS_PP_SEED		(1u << 1)
#define MMS_PP_KEEP		(1u << 2)
#define MMS_PP_EVICT		(1u << 3)
#define MMS_PP_MAX_PROTECT	(1u << 4)

struct mms_policy_req {
	uint8_t kind;
	uint32_t given;
	uint32_t interval_ms, keep_pct, evict_pct, max_protect;
	uint64_t seed;
};

/* The counters of a cgroup's memory.stat the reports use. */
struct mms_memstat {
	bool ok;
	uint64_t refault_anon, refault_file, pgmajfault;
};

/* Why a policy's memory.stat now is missing (MMS_STAT_READ: it is there). */
enum mms_stat_note {
	MMS_STAT_READ,
	MMS_STAT_NO_MOUNT,		/* no cgroup2 file system is mounted */
	MMS_STAT_OTHER_NS,		/* the mount's directory is another cgroup */
	MMS_STAT_UNREADABLE,		/* memory.stat could not be read */
};

/*
 * One installed policy as POLICY_GET reports it, and as `policy show` and
 * `top`'s Policy view present it: @now and @stat_note are the tool's part
 * (mms_policy_read_stat()), the rest the module's.
 */
struct mms_policy {
	char *cgroup;				/* malloc'ed; never NULL after parsing */
	uint8_t kind;
	uint32_t interval_ms, keep_pct, evict_pct, max_protect;
	uint64_t seed, cgroup_id, installed_ns;
	uint64_t examined, referenced, evicted, protected_, forced, contended, aged;
	uint64_t table_bytes, replaced, stale, rounds;
	uint32_t tracked, slots, entry_bytes, kept, quota;
	uint64_t hook_calls, hook_matched, hook_ns, hook_missed;
	uint64_t sample_ns, sample_refs, tlb_flushes;
	bool has_base;
	struct mms_memstat base;		/* memory.stat at install (has_base) */
	struct mms_memstat now;			/* memory.stat now (now.ok) */
	uint8_t stat_note;			/* enum mms_stat_note */
};

struct mms_policy_list {
	struct mms_policy *v;
	size_t n;
	int err;
};

/* enum mmscope_policy_kind from its name; -1 when unknown. */
int mms_policy_kind(const char *name);
const char *mms_policy_kind_name(unsigned int kind);

/*
 * One KEY=VALUE parameter into @r.  Returns 0, or -1 with a message in
 * @err (unknown key, malformed value or out of range).
 */
int mms_policy_param(const char *kv, struct mms_policy_req *r, char *err, size_t errlen);

/* The mount point of the cgroup2 file system in @mountinfo's text ("" if none). */
void mms_cgroup2_mount_parse(const char *mountinfo, char *mnt, size_t len);
/* The same, read from /proc/self/mountinfo. */
void mms_cgroup2_mount(char *mnt, size_t len);

/*
 * A cgroup named on the command line (a directory under the cgroup2 mount
 * @mnt, a path below the cgroup2 root, or a name relative to it) as a path
 * below the root: "/a/b".  Returns 0, or -1 when @arg is empty or too long.
 */
int mms_cgroup_path(const char *mnt, const char *arg, char *out, size_t len);

/* memory.stat's text; a counter it lacks stays 0.  Sets m->ok. */
void mms_memstat_parse(const char *text, struct mms_memstat *m);
/* Read @mnt/@cg/memory.stat; m->ok is false when it cannot be read. */
void mms_memstat_read(const char *mnt, const char *cg, struct mms_memstat *m);

/* "mglru" or "classic": the reclaim path the kernel uses now. */
const char *mms_reclaim_path(void);

/* Does policy @kind take parameter @bit (MMS_PP_*)? */
bool mms_policy_has_param(unsigned int kind, uint32_t bit);
/* The parameters @p's policy takes, as set would take them: "interval=100ms max_protect=128". */
void mms_policy_params(const struct mms_policy *p, char *buf, size_t len);

/*
 * Read memory.stat of the very cgroup the module reports (the directory
 * under the cgroup2 mount @mnt with inode p->cgroup_id) into p->now, or
 * say in p->stat_note why not.
 */
void mms_policy_read_stat(struct mms_policy *p, const char *mnt);
/* Why p->now is missing (enum mms_stat_note), or NULL when it is not. */
const char *mms_policy_stat_note(unsigned int note);
/* Growth of memory.stat since install into @d; false without both ends. */
bool mms_policy_since(const struct mms_policy *p, struct mms_memstat *d);

/* libmnl data callback: one POLICY_GET message into a struct mms_policy_list. */
int mms_policy_parse(const struct nlmsghdr *nlh, void *data);
void mms_policy_list_free(struct mms_policy_list *l);

/* Requests.  Each returns 0 or a negative errno (see mms_nl_report()). */
int mms_policy_set(struct mms_nl *nl, const char *cg, const struct mms_policy_req *r,
		   const struct mms_memstat *base);
int mms_policy_clear(struct mms_nl *nl, const char *cg);
int mms_policy_get(struct mms_nl *nl, struct mms_policy_list *l);
/*
 * What `policy show` reports: the installed policies (mms_policy_get()),
 * each with its cgroup's memory.stat now, read under the cgroup2 mount,
 * which is left in @mnt ("" if none).
 */
int mms_policy_show_get(struct mms_nl *nl, struct mms_policy_list *l, char *mnt, size_t len);

#endif
