// SPDX-License-Identifier: GPL-2.0
/*
 * Module and kernel facts: version, paging geometry, and the capabilities
 * of the running kernel that mmscope's features depend on.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/security.h>
#include <linux/utsname.h>

#include "compat.h"
#include "internal.h"

static bool debugfs_ok;
static const char *debugfs_reason = "debugfs not initialised";
static bool frames_ok;
static const char *frames_reason = "/dev/mmscope-frames not initialised";

/* Called once by the debugfs front end after it tried to create its files. */
void mmscope_set_debugfs_state(bool available, const char *reason)
{
	debugfs_ok = available;
	debugfs_reason = reason;
}

/* Called once by the frames front end after it tried to register its device. */
void mmscope_set_frames_state(bool available, const char *reason)
{
	frames_ok = available;
	frames_reason = reason;
}

/**
 * mmscope_get_info() - fill in module and kernel facts
 * @info: filled in; strings point to static or utsname storage
 */
void mmscope_get_info(struct mmscope_info *info)
{
	info->version = MMSCOPE_VERSION;
	info->release = utsname()->release;
	info->pt_levels = mmscope_pt_levels();
	info->page_size = PAGE_SIZE;
}

enum mmscope_feature_id {
	FEAT_DEBUGFS,
	FEAT_DEBUGFS_WRITE,
	FEAT_KPROBES,
	FEAT_FAULT_TP,
	FEAT_MEMCG,
	FEAT_SWAP,
	FEAT_THP,
	FEAT_MGLRU,
	FEAT_SLAB_DIRECT,
	FEAT_FRAMES,
	FEAT_POLICY,
	NR_FEATURES,
};

static const char *const feature_names[NR_FEATURES] = {
	[FEAT_DEBUGFS]		= "debugfs",
	[FEAT_DEBUGFS_WRITE]	= "debugfs-write",
	[FEAT_KPROBES]		= "kprobes",
	[FEAT_FAULT_TP]		= "fault-tracepoints",
	[FEAT_MEMCG]		= "memcg",
	[FEAT_SWAP]		= "swap",
	[FEAT_THP]		= "thp",
	[FEAT_MGLRU]		= "mglru",
	[FEAT_SLAB_DIRECT]	= "slab-direct",
	[FEAT_FRAMES]		= "frames",
	[FEAT_POLICY]		= "policy",
};

/**
 * mmscope_nr_features() - number of entries mmscope_get_feature() serves
 */
unsigned int mmscope_nr_features(void)
{
	return NR_FEATURES;
}

static void config_feature(struct mmscope_feature *f, bool built, const char *why)
{
	f->available = built;
	f->reason = built ? NULL : why;
}

/**
 * mmscope_get_feature() - describe one capability of the running kernel
 * @idx:  0 .. mmscope_nr_features() - 1
 * @feat: filled in
 */
void mmscope_get_feature(unsigned int idx, struct mmscope_feature *feat)
{
	feat->name = feature_names[idx];
	switch (idx) {
	case FEAT_DEBUGFS:
		feat->available = debugfs_ok;
		feat->reason = debugfs_ok ? NULL : debugfs_reason;
		break;
	case FEAT_DEBUGFS_WRITE:
		/* Lockdown serves read-only debugfs files only. */
		if (!debugfs_ok)
			config_feature(feat, false, debugfs_reason);
		else if (security_locked_down(LOCKDOWN_DEBUGFS))
			config_feature(feat, false,
				       "kernel lockdown forbids writable debugfs files; use netlink");
		else
			config_feature(feat, true, NULL);
		break;
	case FEAT_KPROBES:
		config_feature(feat, IS_ENABLED(CONFIG_KPROBES),
			       "kernel built without CONFIG_KPROBES");
		break;
	case FEAT_FAULT_TP:
		/* Fault tracking (faults.c) hangs on them. */
		feat->reason = mmscope_faults_unavailable();
		feat->available = !feat->reason;
		break;
	case FEAT_MEMCG:
		config_feature(feat, IS_ENABLED(CONFIG_MEMCG),
			       "kernel built without CONFIG_MEMCG");
		break;
	case FEAT_SWAP:
		config_feature(feat, IS_ENABLED(CONFIG_SWAP),
			       "kernel built without CONFIG_SWAP");
		break;
	case FEAT_THP:
		config_feature(feat, IS_ENABLED(CONFIG_TRANSPARENT_HUGEPAGE),
			       "kernel built without CONFIG_TRANSPARENT_HUGEPAGE");
		break;
	case FEAT_MGLRU:
		config_feature(feat, IS_ENABLED(CONFIG_LRU_GEN),
			       "kernel built without CONFIG_LRU_GEN");
		break;
	case FEAT_SLAB_DIRECT:
		/* The slab demo's objects come straight from its cache's slabs. */
		config_feature(feat, !MMSCOPE_SLAB_SHEAVES,
			       "SLUB (7.0+) serves objects through per-CPU sheaves a module cannot turn off: the slab demo's layout is exact only after a shrink");
		break;
	case FEAT_FRAMES:
		/* The frames lab region, /dev/mmscope-frames (frames_dev.c). */
		config_feature(feat, frames_ok, frames_reason);
		break;
	case FEAT_POLICY:
		/* Both reclaim paths (classic LRU and MGLRU) are hooked. */
		feat->reason = mmscope_policy_unavailable();
		feat->available = !feat->reason;
		break;
	}
}
