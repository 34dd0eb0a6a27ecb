// SPDX-License-Identifier: GPL-2.0
/*
 * Generic-netlink front end: the "mmscope" family.
 *
 * Every operation carries GENL_ADMIN_PERM (genetlink checks CAP_NET_ADMIN) and
 * starts with mmscope_nl_permitted(), which demands CAP_SYS_ADMIN in the
 * initial user namespace of both the socket's opener and the caller: page
 * tables and physical addresses are as sensitive as /proc/PID/pagemap's PFNs.
 * Attribute validation is strict (resv_start_op covers every command): unknown
 * or malformed attributes are rejected by the core before a handler runs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/threads.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "compat.h"

#include "internal.h"
#include "uapi/mmscope.h"

static struct netlink_range_validation pid_range = {
	.min = 1,
	.max = PID_MAX_LIMIT,
};

static struct netlink_range_validation interval_range = {
	.min = MMSCOPE_POLICY_INTERVAL_MIN,
	.max = MMSCOPE_POLICY_INTERVAL_MAX,
};

static struct netlink_range_validation protect_range = {
	.min = 1,
	.max = MMSCOPE_POLICY_PROTECT_MAX,
};

/* Inside MMSCOPE_A_POLICY: request attributes, and reply-only ones rejected. */
static const struct nla_policy policy_nest_policy[MMSCOPE_POLICY_MAX + 1] = {
	[MMSCOPE_POLICY_CGROUP]		= { .type = NLA_NUL_STRING, .len = PATH_MAX - 1 },
	[MMSCOPE_POLICY_KIND]		= NLA_POLICY_MAX(NLA_U8, MMSCOPE_POLICY_KIND_MAX),
	[MMSCOPE_POLICY_INTERVAL_MS]	= NLA_POLICY_FULL_RANGE(NLA_U32, &interval_range),
	[MMSCOPE_POLICY_SEED]		= { .type = NLA_U64 },
	[MMSCOPE_POLICY_KEEP_PCT]	= NLA_POLICY_RANGE(NLA_U32, 1, MMSCOPE_POLICY_KEEP_MAX),
	[MMSCOPE_POLICY_EVICT_PCT]	= NLA_POLICY_RANGE(NLA_U32, 1, 100),
	[MMSCOPE_POLICY_MAX_PROTECT]	= NLA_POLICY_FULL_RANGE(NLA_U32, &protect_range),
	[MMSCOPE_POLICY_BASE_REFAULT_ANON] = { .type = NLA_U64 },
	[MMSCOPE_POLICY_BASE_REFAULT_FILE] = { .type = NLA_U64 },
	[MMSCOPE_POLICY_BASE_PGMAJFAULT] = { .type = NLA_U64 },
	[MMSCOPE_POLICY_CGROUP_ID ... MMSCOPE_POLICY_MAX] = { .type = NLA_REJECT },
};

static const struct nla_policy mmscope_policy[MMSCOPE_A_MAX + 1] = {
	/* Reply-only attributes: a request that carries them is rejected. */
	[MMSCOPE_A_VERSION]		= { .type = NLA_REJECT },
	[MMSCOPE_A_KERNEL_RELEASE]	= { .type = NLA_REJECT },
	[MMSCOPE_A_PT_LEVELS]		= { .type = NLA_REJECT },
	[MMSCOPE_A_PAGE_SIZE]		= { .type = NLA_REJECT },
	[MMSCOPE_A_FEATURES]		= { .type = NLA_REJECT },
	[MMSCOPE_A_PID]			= NLA_POLICY_FULL_RANGE(NLA_U32, &pid_range),
	[MMSCOPE_A_START]		= { .type = NLA_U64 },
	[MMSCOPE_A_END]			= { .type = NLA_U64 },
	[MMSCOPE_A_FILTER]		= NLA_POLICY_MASK(NLA_U32, MMSCOPE_FILTER_ALL),
	[MMSCOPE_A_VA]			= { .type = NLA_U64 },
	[MMSCOPE_A_MM]			= { .type = NLA_REJECT },
	[MMSCOPE_A_VMA]			= { .type = NLA_REJECT },
	[MMSCOPE_A_PTE_RECS]		= { .type = NLA_REJECT },
	[MMSCOPE_A_PTE_REC_SIZE]	= { .type = NLA_REJECT },
	[MMSCOPE_A_XLATE]		= { .type = NLA_REJECT },

	/* buddy, slab, demos */
	[MMSCOPE_A_BUDDY_ZONE]		= { .type = NLA_REJECT },
	[MMSCOPE_A_DEMO_ORDER]		= NLA_POLICY_MAX(NLA_U32, MMSCOPE_MAX_ORDER),
	[MMSCOPE_A_DEMO_COUNT]		= NLA_POLICY_RANGE(NLA_U32, 1, MMSCOPE_DEMO_MAX_COUNT),
	[MMSCOPE_A_DEMO_PFN]		= { .type = NLA_U64 },
	[MMSCOPE_A_DEMO_FREE_ALL]	= { .type = NLA_FLAG },
	[MMSCOPE_A_DEMO_BLOCK]		= { .type = NLA_REJECT },
	[MMSCOPE_A_DEMO_BEFORE]		= { .type = NLA_REJECT },
	[MMSCOPE_A_DEMO_AFTER]		= { .type = NLA_REJECT },
	[MMSCOPE_A_DEMO_HELD_BYTES]	= { .type = NLA_REJECT },
	[MMSCOPE_A_DEMO_CAP_BYTES]	= { .type = NLA_REJECT },
	[MMSCOPE_A_DEMO_SLAB_OP]	= NLA_POLICY_RANGE(NLA_U8, MMSCOPE_SLAB_OP_STATUS,
							   MMSCOPE_SLAB_OP_MAX),
	[MMSCOPE_A_DEMO_SLAB_SIZE]	= NLA_POLICY_RANGE(NLA_U32, MMSCOPE_DEMO_SLAB_MIN_SIZE,
							   MMSCOPE_DEMO_SLAB_MAX_SIZE),
	[MMSCOPE_A_DEMO_SLAB_COUNT]	= NLA_POLICY_RANGE(NLA_U32, 1,
							   MMSCOPE_DEMO_SLAB_MAX_COUNT),
	[MMSCOPE_A_DEMO_SLAB]		= { .type = NLA_REJECT },

	/* page faults */
	[MMSCOPE_A_FAULT_TRACK]		= NLA_POLICY_MAX(NLA_U8, MMSCOPE_FAULT_TRACK_START),
	[MMSCOPE_A_FAULT_CURSOR]	= { .type = NLA_U64 },
	[MMSCOPE_A_FAULTS]		= { .type = NLA_REJECT },
	[MMSCOPE_A_FAULT_VMA]		= { .type = NLA_REJECT },
	[MMSCOPE_A_FAULT_REC_SIZE]	= { .type = NLA_REJECT },
	[MMSCOPE_A_FAULT_PAGE_RECS]	= { .type = NLA_REJECT },
	[MMSCOPE_A_FAULT_EVENT_RECS]	= { .type = NLA_REJECT },

	/* reverse mappings */
	[MMSCOPE_A_PFN]			= { .type = NLA_U64 },
	[MMSCOPE_A_RMAP_SCAN]		= { .type = NLA_FLAG },
	[MMSCOPE_A_RMAP]		= { .type = NLA_REJECT },

	/* replacement policies */
	[MMSCOPE_A_POLICY]		= NLA_POLICY_NESTED(policy_nest_policy),
};

static struct genl_family mmscope_family;

static int mmscope_nl_permitted(struct sk_buff *skb, struct genl_info *info)
{
	if (netlink_capable(skb, CAP_SYS_ADMIN))
		return 0;
	GENL_SET_ERR_MSG(info, "mmscope requires CAP_SYS_ADMIN");
	return -EPERM;
}

/* Dumps have no genl_info: the same rule, checked on the callback. */
static int mmscope_nl_dump_permitted(struct netlink_callback *cb)
{
	if (netlink_capable(cb->skb, CAP_SYS_ADMIN))
		return 0;
	NL_SET_ERR_MSG(cb->extack, "mmscope requires CAP_SYS_ADMIN");
	return -EPERM;
}

/*
 * The engine explains its errors with static strings; NL_SET_ERR_MSG wants
 * a literal, so set the (same) extack fields directly.
 */
static void set_err(struct netlink_ext_ack *extack, const char *msg,
		    const struct nlattr *attr)
{
	if (!extack || !msg)
		return;
	extack->_msg = msg;
	extack->bad_attr = attr;
}

static int put_features(struct sk_buff *skb)
{
	struct nlattr *list, *one;
	struct mmscope_feature f;
	unsigned int i;

	list = nla_nest_start(skb, MMSCOPE_A_FEATURES);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < mmscope_nr_features(); i++) {
		mmscope_get_feature(i, &f);
		one = nla_nest_start(skb, MMSCOPE_A_FEATURE);
		if (!one ||
		    nla_put_string(skb, MMSCOPE_FEAT_NAME, f.name) ||
		    nla_put_u8(skb, MMSCOPE_FEAT_AVAILABLE, f.available) ||
		    (f.reason && nla_put_string(skb, MMSCOPE_FEAT_REASON, f.reason)))
			return -EMSGSIZE;
		nla_nest_end(skb, one);
	}
	nla_nest_end(skb, list);
	return 0;
}

/*
 * Reply to a do request with one message holding what @put adds.  Every
 * reply-building step that fails for lack of room is -EMSGSIZE.
 */
static int reply(struct genl_info *info, u8 cmd,
		 int (*put)(struct sk_buff *msg, const void *arg), const void *arg)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &mmscope_family, 0, cmd);
	if (!hdr || put(msg, arg)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int put_info(struct sk_buff *msg, const void *arg)
{
	const struct mmscope_info *mi = arg;

	if (nla_put_string(msg, MMSCOPE_A_VERSION, mi->version) ||
	    nla_put_string(msg, MMSCOPE_A_KERNEL_RELEASE, mi->release) ||
	    nla_put_u32(msg, MMSCOPE_A_PT_LEVELS, mi->pt_levels) ||
	    nla_put_u32(msg, MMSCOPE_A_PAGE_SIZE, mi->page_size) ||
	    put_features(msg))
		return -EMSGSIZE;
	return 0;
}

static int mmscope_nl_get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct mmscope_info mi;
	int ret;

	ret = mmscope_nl_permitted(skb, info);
	if (ret)
		return ret;
	mmscope_get_info(&mi);
	return reply(info, MMSCOPE_CMD_GET_INFO, put_info, &mi);
}

/* ---- address space ---------------------------------------------------- */

/* The target's mm, from the request's MMSCOPE_A_PID; errors carry a message. */
static struct mm_struct *request_mm(struct nlattr **attrs, struct netlink_ext_ack *extack,
				    char *comm)
{
	struct mm_struct *mm;
	const char *why;

	if (!attrs[MMSCOPE_A_PID]) {
		NL_SET_ERR_MSG(extack, "missing PID attribute");
		return ERR_PTR(-EINVAL);
	}
	mm = mmscope_get_mm(nla_get_u32(attrs[MMSCOPE_A_PID]), comm, &why);
	/* @why is a static string, as NL_SET_ERR_MSG() requires of its literal. */
	if (IS_ERR(mm) && extack)
		extack->_msg = why;
	return mm;
}

/* Put @n u64 attributes given as {type, value} pairs. */
struct u64_attr {
	int type;
	u64 val;
};

static int put_u64s(struct sk_buff *skb, const struct u64_attr *a, unsigned int n, int pad)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (nla_put_u64_64bit(skb, a[i].type, a[i].val, pad))
			return -EMSGSIZE;
	return 0;
}

static int put_mm(struct sk_buff *skb, const void *arg)
{
	const struct mmscope_mm_summary *s = arg;
	const struct u64_attr v[] = {
		{ MMSCOPE_MM_PGD_PA, s->pgd_pa },
		{ MMSCOPE_MM_TOTAL_VM, s->total_vm },
		{ MMSCOPE_MM_RSS_ANON, s->rss_anon },
		{ MMSCOPE_MM_RSS_FILE, s->rss_file },
		{ MMSCOPE_MM_RSS_SHMEM, s->rss_shmem },
		{ MMSCOPE_MM_SWAP_ENTS, s->swap_ents },
		{ MMSCOPE_MM_PT_PTE, s->pt_pages[MMSCOPE_LEVEL_PTE] },
		{ MMSCOPE_MM_PT_PMD, s->pt_pages[MMSCOPE_LEVEL_PMD] },
		{ MMSCOPE_MM_PT_PUD, s->pt_pages[MMSCOPE_LEVEL_PUD] },
		{ MMSCOPE_MM_PT_P4D, s->pt_pages[MMSCOPE_LEVEL_P4D] },
		{ MMSCOPE_MM_PT_PGD, s->pt_pages[MMSCOPE_LEVEL_PGD] },
		{ MMSCOPE_MM_PT_BYTES_KERNEL, s->pt_bytes_kernel },
		{ MMSCOPE_MM_PT_DEPOSITED, s->pt_deposited },
		{ MMSCOPE_MM_START_CODE, s->start_code },
		{ MMSCOPE_MM_END_CODE, s->end_code },
		{ MMSCOPE_MM_START_DATA, s->start_data },
		{ MMSCOPE_MM_END_DATA, s->end_data },
		{ MMSCOPE_MM_START_BRK, s->start_brk },
		{ MMSCOPE_MM_BRK, s->brk },
		{ MMSCOPE_MM_START_STACK, s->start_stack },
		{ MMSCOPE_MM_ARG_START, s->arg_start },
		{ MMSCOPE_MM_ARG_END, s->arg_end },
		{ MMSCOPE_MM_ENV_START, s->env_start },
		{ MMSCOPE_MM_ENV_END, s->env_end },
	};
	struct nlattr *n = nla_nest_start(skb, MMSCOPE_A_MM);

	if (!n ||
	    nla_put_u32(skb, MMSCOPE_MM_PID, s->pid) ||
	    nla_put_string(skb, MMSCOPE_MM_COMM, s->comm) ||
	    nla_put_u32(skb, MMSCOPE_MM_PT_LEVELS, s->pt_levels) ||
	    nla_put_u32(skb, MMSCOPE_MM_MAP_COUNT, s->map_count) ||
	    put_u64s(skb, v, ARRAY_SIZE(v), MMSCOPE_MM_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, n);
	return 0;
}

static int mmscope_nl_get_mm(struct sk_buff *skb, struct genl_info *info)
{
	struct mmscope_mm_summary *s;
	struct mm_struct *mm;
	int ret;

	ret = mmscope_nl_permitted(skb, info);
	if (ret)
		return ret;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	mm = request_mm(info->attrs, info->extack, s->comm);
	if (IS_ERR(mm)) {
		ret = PTR_ERR(mm);
		goto out;
	}
	s->pid = nla_get_u32(info->attrs[MMSCOPE_A_PID]);
	ret = mmscope_mm_summary(mm, s);
	mmput(mm);
	if (!ret)
		ret = reply(info, MMSCOPE_CMD_GET_MM, put_mm, s);
out:
	kfree(s);
	return ret;
}

/* State of one GET_VMAS / GET_PTES dump call. */
struct dump_ctx {
	struct sk_buff *skb;
	u32 filter;
	unsigned int added;		/* nests or entries put into this message */
	struct mmscope_vma_counts counts;
	char *path;			/* PATH_MAX buffer for VMA names */
	struct nlattr *recs;		/* PTE dumps: records attribute at the tail, or NULL */
	u16 *info;			/* PTE dumps: a run's infos, MMSCOPE_RUN_MAX of them */
	u64 need;			/* PTE dumps: raw bits the filter wants */
	bool runs;			/* PTE dumps: entries may be packed into runs */
};

/* One entry as a record; consecutive records share one attribute. */
static int put_record(struct dump_ctx *c, const struct mmscope_entry *e)
{
	struct mmscope_pte_rec *r;

	if (c->filter && !mmscope_entry_match(e, c->filter))
		return 0;
	if (c->recs) {
		if (skb_tailroom(c->skb) < (int)sizeof(*r))
			return -EMSGSIZE;
		r = skb_put(c->skb, sizeof(*r));
		c->recs->nla_len += sizeof(*r);
	} else {
		c->recs = nla_reserve(c->skb, MMSCOPE_A_PTE_RECS, sizeof(*r));
		if (!c->recs)
			return -EMSGSIZE;
		r = nla_data(c->recs);
	}
	c->added++;
	/* The skb's memory is not cleared: every byte is written. */
	r->va_info = MMSCOPE_REC_INFO((u64)e->va, e->level, e->kind,
				      e->kind == MMSCOPE_KIND_SWAP ? e->swap_type : 0);
	r->raw = e->raw;
	r->pfn = e->flags & MMSCOPE_F_PRESENT ? e->pfn :
		 e->kind == MMSCOPE_KIND_SWAP ? e->swap_offset : 0;
	r->flags = e->flags;
	r->mapcount = e->mapcount;
	return 0;
}

static int pte_entry(struct mmscope_walk *w, const struct mmscope_entry *e)
{
	return put_record(w->priv, e);
}

/*
 * Are the tool's readings of a raw entry (MMSCOPE_RAW_*) this kernel's?  The
 * PFN mask narrows when memory encryption takes an address bit; soft-dirty
 * is 0 without CONFIG_MEM_SOFT_DIRTY.  The rest is fixed on x86-64.
 */
static bool raw_decodable(void)
{
	u64 pfn_mask = PTE_PFN_MASK;

	BUILD_BUG_ON(MMSCOPE_RAW_PRESENT != _PAGE_PRESENT || MMSCOPE_RAW_NX != _PAGE_NX ||
		     MMSCOPE_RAW_SPECIAL != _PAGE_SPECIAL);
	BUILD_BUG_ON(IS_ENABLED(CONFIG_MEM_SOFT_DIRTY) &&
		     MMSCOPE_RAW_SOFT_DIRTY != _PAGE_SOFT_DIRTY);
	/* Bits 1-8 are the same MMSCOPE_F_* bits (walk.c checks them against _PAGE_*). */
	BUILD_BUG_ON(MMSCOPE_RAW_FLAGS_AS_F != (MMSCOPE_F_RW | MMSCOPE_F_USER | MMSCOPE_F_PWT |
						MMSCOPE_F_PCD | MMSCOPE_F_ACCESSED |
						MMSCOPE_F_DIRTY | MMSCOPE_F_PSE_PAT |
						MMSCOPE_F_GLOBAL));
	return pfn_mask == MMSCOPE_RAW_PFN_MASK && IS_ENABLED(CONFIG_MEM_SOFT_DIRTY);
}

/*
 * Pack the entries from @ptep on into one run (struct mmscope_pte_run) for
 * as long as they are mapped with the P bit set, pass the filter and have a
 * mapcount an info can hold.  PFNs go into the message first, as most runs
 * have every other bit alike; otherwise the raw values are read again from
 * the table (under its lock only the hardware can change them, by setting
 * A or D) and written in full.
 *
 * Return: entries packed (0: the first one does not belong in a run), or
 * -EMSGSIZE when not even one fits.
 */
static int put_run(struct mmscope_walk *w, struct dump_ctx *c, pte_t *ptep,
		   unsigned long addr, unsigned long end)
{
	const int head = NLA_HDRLEN + sizeof(struct mmscope_pte_run);
	struct mmscope_pte_run run = { .va = addr };
	u64 v, pfn64, first, differ = 0, pfns = 0, need = c->need;
	int room, max, n, mapcount, len, i;
	u16 info, info0, infos = 0, *ibuf = c->info;
	struct mmscope_kind_cache f;
	struct nlattr *nla;
	struct page *page;
	u8 *data, kind;
	u32 pfn;

	room = skb_tailroom(c->skb) - head - NLA_ALIGNTO;
	max = min_t(unsigned long, (end - addr) >> PAGE_SHIFT, MMSCOPE_RUN_MAX);
	max = min(max, room / (int)(sizeof(u64) + sizeof(u16)));
	if (max <= 0)
		return -EMSGSIZE;
	nla = (struct nlattr *)skb_tail_pointer(c->skb);
	data = (u8 *)nla + head;
	mmscope_kind_cache_init(&f, w);
	first = pte_val(ptep_get(ptep));
	info0 = 0;
	for (n = 0; n < max; n++) {
		v = pte_val(ptep_get(ptep + n));
		if (!(v & _PAGE_PRESENT) || (v & need) != need)
			break;
		/* P set: no PFN inversion (see pte_pfn()); the mask: raw_decodable(). */
		pfn64 = (v & MMSCOPE_RAW_PFN_MASK) >> PAGE_SHIFT;
		page = mmscope_frame_page(&f, pfn64, v & _PAGE_SPECIAL, &kind);
		mapcount = -1;
		if (page) {
			kind = mmscope_page_kind(&f, page);
			mapcount = mmscope_page_mapcount(page);
		}
		if (mapcount > MMSCOPE_INFO_MAX_MAPCOUNT)
			break;
		info = MMSCOPE_INFO(kind, mapcount);
		if (!n)
			info0 = info;
		pfn = pfn64;
		memcpy(data + n * sizeof(u32), &pfn, sizeof(pfn));
		ibuf[n] = info;
		infos |= info ^ info0;
		differ |= (v ^ first) & ~MMSCOPE_RAW_PFN_MASK;
		pfns |= pfn64;
	}
	if (!n)
		return 0;
	run.count = n;
	len = sizeof(run) + n * sizeof(u32);
	if (!differ && pfns <= U32_MAX) {
		run.flags |= MMSCOPE_RUN_PFN32;
		run.common = first & ~MMSCOPE_RAW_PFN_MASK;
	} else {
		/* Over the PFNs, which the raw values hold too. */
		for (i = 0; i < n; i++) {
			v = pte_val(ptep_get(ptep + i));
			memcpy(data + i * sizeof(u64), &v, sizeof(v));
		}
		len = sizeof(run) + n * sizeof(u64);
	}
	if (!infos) {
		run.flags |= MMSCOPE_RUN_ONE_INFO;
		run.info = info0;
	} else {
		memcpy((u8 *)nla + NLA_HDRLEN + len, ibuf, n * sizeof(u16));
		len += n * sizeof(u16);
	}
	memcpy(nla_data(nla), &run, sizeof(run));
	nla->nla_type = MMSCOPE_A_PTE_RUN;
	nla->nla_len = nla_attr_size(len);
	memset((u8 *)nla + nla->nla_len, 0, nla_padlen(len));
	skb_put(c->skb, nla_total_size(len));
	c->recs = NULL;
	c->added += n;
	return n;
}

/* One PTE table: runs where the entries allow, records elsewhere. */
static int pte_table(struct mmscope_walk *w, pte_t *ptep, unsigned long addr,
		     unsigned long end)
{
	struct dump_ctx *c = w->priv;
	struct mmscope_entry e;
	pte_t pte;
	int n;

	while (addr < end) {
		pte = ptep_get(ptep);
		n = 1;
		if (pte_none(pte))
			goto next;
		n = c->runs && (pte_val(pte) & _PAGE_PRESENT) ? put_run(w, c, ptep, addr, end) : 0;
		if (!n) {
			mmscope_fill_pte(w, &e, pte, addr);
			n = put_record(c, &e) ?: 1;
		}
		if (n < 0) {
			w->next = addr;
			return n;
		}
next:
		ptep += n;
		addr += (unsigned long)n << PAGE_SHIFT;
	}
	return 0;
}

static const struct mmscope_walk_ops pte_dump_ops = {
	.entry = pte_entry,
	.ptes = pte_table,
};

static int put_vma(struct dump_ctx *c, struct vm_area_struct *vma)
{
	const struct mmscope_vma_counts *k = &c->counts;
	const struct u64_attr v[] = {
		{ MMSCOPE_VMA_START, vma->vm_start },
		{ MMSCOPE_VMA_END, vma->vm_end },
		{ MMSCOPE_VMA_FLAGS, vma->vm_flags },
		{ MMSCOPE_VMA_PGOFF, (u64)vma->vm_pgoff << PAGE_SHIFT },
		{ MMSCOPE_VMA_PRESENT, k->present },
		{ MMSCOPE_VMA_RSS, k->rss },
		{ MMSCOPE_VMA_YOUNG, k->young },
		{ MMSCOPE_VMA_REFERENCED, k->referenced },
		{ MMSCOPE_VMA_DIRTY, k->dirty },
		{ MMSCOPE_VMA_WRITABLE, k->writable },
		{ MMSCOPE_VMA_NX, k->nx },
		{ MMSCOPE_VMA_SWAP, k->swap },
		{ MMSCOPE_VMA_ZERO, k->zero },
		{ MMSCOPE_VMA_HUGE_PMD, k->huge_pmd },
		{ MMSCOPE_VMA_HUGE_PUD, k->huge_pud },
		{ MMSCOPE_VMA_ANON_HUGE, k->anon_huge },
		{ MMSCOPE_VMA_SHARED, k->shared },
		{ MMSCOPE_VMA_PT_PAGES, k->pt_pages },
	};
	struct sk_buff *skb = c->skb;
	struct nlattr *n;

	n = nla_nest_start(skb, MMSCOPE_A_VMA);
	if (!n ||
	    nla_put_string(skb, MMSCOPE_VMA_NAME, mmscope_vma_name(vma, c->path, PATH_MAX)) ||
	    nla_put_u8(skb, MMSCOPE_VMA_KIND, mmscope_vma_kind(vma)) ||
	    put_u64s(skb, v, ARRAY_SIZE(v), MMSCOPE_VMA_PAD)) {
		if (n)
			nla_nest_cancel(skb, n);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, n);
	c->added++;
	return 0;
}

/*
 * Fill functions of the dumps: put what [start, end) holds into the message
 * (mmap lock held); on -EMSGSIZE, *next says where the next message resumes.
 */
static int fill_vmas(struct dump_ctx *c, struct mm_struct *mm, unsigned long start,
		     unsigned long end, unsigned long *next)
{
	VMA_ITERATOR(vmi, mm, start);
	struct vm_area_struct *vma;
	int ret;

	for_each_vma_range(vmi, vma, end) {
		ret = mmscope_vma_counts(mm, vma, &c->counts);
		if (!ret)
			ret = put_vma(c, vma);
		if (ret) {
			*next = max(start, vma->vm_start);
			return ret;
		}
	}
	return 0;
}

static int fill_ptes(struct dump_ctx *c, struct mm_struct *mm, unsigned long start,
		     unsigned long end, unsigned long *next)
{
	struct mmscope_walk w = {
		.mm = mm, .start = start, .end = end, .ops = &pte_dump_ops, .priv = c,
	};
	int ret;

	BUILD_BUG_ON(sizeof(struct mmscope_pte_rec) != 32);
	BUILD_BUG_ON(sizeof(struct mmscope_pte_run) != 24);
	if (nla_put_u32(c->skb, MMSCOPE_A_PTE_REC_SIZE, sizeof(struct mmscope_pte_rec)))
		return -EMSGSIZE;
	c->runs = raw_decodable() &&
		  !(c->filter & (MMSCOPE_FILTER_SWAP | MMSCOPE_FILTER_HUGE));
	c->need = (c->filter & MMSCOPE_FILTER_DIRTY ? _PAGE_DIRTY : 0) |
		  (c->filter & MMSCOPE_FILTER_YOUNG ? _PAGE_ACCESSED : 0);
	ret = mmscope_walk_range(&w);
	*next = w.next;
	return ret;
}

/*
 * Dump state in cb->args: where to resume, whether the walk is done, the
 * range's end, and whether the range was set up.  Each call takes a fresh
 * reference on the target and its mmap lock, so a target that exits
 * mid-dump ends the dump with an error.
 */
enum { DUMP_NEXT, DUMP_DONE, DUMP_END, DUMP_INIT };

/* Validate and store the requested range (the whole user half by default). */
static int dump_range(struct netlink_callback *cb, struct nlattr **attrs)
{
	u64 start = 0, end = TASK_SIZE_MAX;

	if (attrs[MMSCOPE_A_START])
		start = nla_get_u64(attrs[MMSCOPE_A_START]);
	if (attrs[MMSCOPE_A_END])
		end = nla_get_u64(attrs[MMSCOPE_A_END]);
	if (start >= end) {
		NL_SET_ERR_MSG(cb->extack, "empty or reversed range");
		return -EINVAL;
	}
	if (end > TASK_SIZE_MAX) {
		NL_SET_ERR_MSG(cb->extack,
			       "range reaches past the user half of the address space");
		return -EINVAL;
	}
	cb->args[DUMP_NEXT] = start & PAGE_MASK;
	cb->args[DUMP_END] = PAGE_ALIGN(end);
	cb->args[DUMP_INIT] = 1;
	return 0;
}

static int address_dump(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd,
			int (*fill)(struct dump_ctx *c, struct mm_struct *mm, unsigned long start,
				    unsigned long end, unsigned long *next))
{
	struct nlattr **attrs = mmscope_dump_attrs(cb);
	struct dump_ctx c = { .skb = skb };
	unsigned long next = 0;
	struct mm_struct *mm;
	void *hdr;
	int ret;

	if (!netlink_capable(cb->skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(cb->extack, "mmscope requires CAP_SYS_ADMIN");
		return -EPERM;
	}
	if (cb->args[DUMP_DONE])
		return 0;
	if (!cb->args[DUMP_INIT]) {
		ret = dump_range(cb, attrs);
		if (ret)
			return ret;
	}
	if (attrs[MMSCOPE_A_FILTER])
		c.filter = nla_get_u32(attrs[MMSCOPE_A_FILTER]);
	mm = request_mm(attrs, cb->extack, NULL);
	if (IS_ERR(mm))
		return PTR_ERR(mm);
	if (fill == fill_vmas)
		c.path = kmalloc(PATH_MAX, GFP_KERNEL);
	else
		c.info = kmalloc_array(MMSCOPE_RUN_MAX, sizeof(*c.info), GFP_KERNEL);
	if (!c.path && !c.info) {
		mmput(mm);
		return -ENOMEM;
	}
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &mmscope_family, NLM_F_MULTI, cmd);
	if (!hdr) {
		ret = -EMSGSIZE;
		goto out;
	}
	ret = mmap_read_lock_killable(mm);
	if (ret)
		goto cancel;
	ret = fill(&c, mm, cb->args[DUMP_NEXT], cb->args[DUMP_END], &next);
	mmap_read_unlock(mm);
	if (ret == -EMSGSIZE && c.added) {
		cb->args[DUMP_NEXT] = next;
		ret = 0;
	} else if (ret == 0) {
		cb->args[DUMP_DONE] = 1;
	} else {
		if (ret == -EAGAIN)
			NL_SET_ERR_MSG(cb->extack,
				       "page tables kept changing during the walk; try again");
		goto cancel;
	}
	genlmsg_end(skb, hdr);
	ret = skb->len;
	goto out;
cancel:
	genlmsg_cancel(skb, hdr);
out:
	kfree(c.path);
	kfree(c.info);
	mmput(mm);
	return ret;
}

static int mmscope_nl_vmas_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return address_dump(skb, cb, MMSCOPE_CMD_GET_VMAS, fill_vmas);
}

static int mmscope_nl_ptes_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return address_dump(skb, cb, MMSCOPE_CMD_GET_PTES, fill_ptes);
}

static int put_xlate(struct sk_buff *skb, const void *arg)
{
	const struct mmscope_xlate *x = arg;
	struct nlattr *n = nla_nest_start(skb, MMSCOPE_A_XLATE), *st;
	unsigned int i;

	if (!n ||
	    nla_put_u64_64bit(skb, MMSCOPE_XL_VA, x->va, MMSCOPE_XL_PAD) ||
	    nla_put_u32(skb, MMSCOPE_XL_LEVELS, x->levels) ||
	    nla_put_u8(skb, MMSCOPE_XL_STOP, x->stop) ||
	    nla_put_u8(skb, MMSCOPE_XL_STOP_LEVEL, x->stop_level))
		return -EMSGSIZE;
	if (x->stop == MMSCOPE_XL_OK &&
	    (nla_put_u64_64bit(skb, MMSCOPE_XL_PA, x->pa, MMSCOPE_XL_PAD) ||
	     nla_put_u64_64bit(skb, MMSCOPE_XL_PAGE_SIZE, x->page_size, MMSCOPE_XL_PAD)))
		return -EMSGSIZE;
	if (x->stop == MMSCOPE_XL_SWAPPED &&
	    (nla_put_u32(skb, MMSCOPE_XL_SWAP_TYPE, x->swap_type) ||
	     nla_put_u64_64bit(skb, MMSCOPE_XL_SWAP_OFFSET, x->swap_offset, MMSCOPE_XL_PAD)))
		return -EMSGSIZE;
	for (i = 0; i < x->nr_steps; i++) {
		st = nla_nest_start(skb, MMSCOPE_XL_STEP);
		if (!st ||
		    nla_put_u8(skb, MMSCOPE_XL_STEP_LEVEL, x->steps[i].level) ||
		    nla_put_u64_64bit(skb, MMSCOPE_XL_STEP_TABLE_PA, x->steps[i].table_pa,
				      MMSCOPE_XL_STEP_PAD) ||
		    nla_put_u32(skb, MMSCOPE_XL_STEP_INDEX, x->steps[i].index) ||
		    nla_put_u64_64bit(skb, MMSCOPE_XL_STEP_RAW, x->steps[i].raw,
				      MMSCOPE_XL_STEP_PAD) ||
		    nla_put_u32(skb, MMSCOPE_XL_STEP_FLAGS, x->steps[i].flags))
			return -EMSGSIZE;
		nla_nest_end(skb, st);
	}
	nla_nest_end(skb, n);
	return 0;
}

static int mmscope_nl_xlate(struct sk_buff *skb, struct genl_info *info)
{
	struct mmscope_xlate x;
	struct mm_struct *mm;
	int ret;

	ret = mmscope_nl_permitted(skb, info);
	if (ret)
		return ret;
	if (!info->attrs[MMSCOPE_A_VA]) {
		GENL_SET_ERR_MSG(info, "missing VA attribute");
		return -EINVAL;
	}
	mm = request_mm(info->attrs, info->extack, NULL);
	if (IS_ERR(mm))
		return PTR_ERR(mm);
	ret = mmscope_xlate(mm, nla_get_u64(info->attrs[MMSCOPE_A_VA]), &x);
	mmput(mm);
	if (ret) {
		GENL_SET_ERR_MSG(info, "address is not canonical for this paging mode");
		return ret;
	}
	return reply(info, MMSCOPE_CMD_XLATE, put_xlate, &x);
}

/*
 * A nest of one u64 per order (attribute type MMSCOPE_ORDER_ATTR(order)).
 * Alignment padding, where an architecture needs it, is type 0: never an order.
 */
static int put_orders_u64(struct sk_buff *skb, int type, const unsigned long *v)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	unsigned int o;

	if (!nest)
		return -EMSGSIZE;
	for (o = 0; o < MMSCOPE_NR_ORDERS; o++)
		if (nla_put_u64_64bit(skb, MMSCOPE_ORDER_ATTR(o), v[o], 0))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_orders_s32(struct sk_buff *skb, int type, const int *v)
{
	struct nlattr *nest = nla_nest_start(skb, type);
	unsigned int o;

	if (!nest)
		return -EMSGSIZE;
	for (o = 0; o < MMSCOPE_NR_ORDERS; o++)
		if (nla_put_s32(skb, MMSCOPE_ORDER_ATTR(o), v[o]))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_buddy_zone(struct sk_buff *skb, const struct mmscope_buddy_zone *bz)
{
	struct nlattr *zone, *mtn;
	unsigned int mt;

	zone = nla_nest_start(skb, MMSCOPE_A_BUDDY_ZONE);
	if (!zone ||
	    nla_put_u32(skb, MMSCOPE_BUDDY_NODE, bz->nid) ||
	    nla_put_string(skb, MMSCOPE_BUDDY_ZONE_NAME, bz->name) ||
	    nla_put_u64_64bit(skb, MMSCOPE_BUDDY_MANAGED, bz->managed, MMSCOPE_BUDDY_PAD) ||
	    nla_put_u64_64bit(skb, MMSCOPE_BUDDY_PRESENT, bz->present, MMSCOPE_BUDDY_PAD) ||
	    nla_put_u64_64bit(skb, MMSCOPE_BUDDY_SPANNED, bz->spanned, MMSCOPE_BUDDY_PAD) ||
	    nla_put_u64_64bit(skb, MMSCOPE_BUDDY_FREE_PAGES, bz->free, MMSCOPE_BUDDY_PAD) ||
	    nla_put_u64_64bit(skb, MMSCOPE_BUDDY_PCP_PAGES, bz->pcp, MMSCOPE_BUDDY_PAD) ||
	    nla_put_u64_64bit(skb, MMSCOPE_BUDDY_WMARK_MIN, bz->wmark_min, MMSCOPE_BUDDY_PAD) ||
	    nla_put_u64_64bit(skb, MMSCOPE_BUDDY_WMARK_LOW, bz->wmark_low, MMSCOPE_BUDDY_PAD) ||
	    nla_put_u64_64bit(skb, MMSCOPE_BUDDY_WMARK_HIGH, bz->wmark_high, MMSCOPE_BUDDY_PAD) ||
	    nla_put_u32(skb, MMSCOPE_BUDDY_NR_ORDERS, MMSCOPE_NR_ORDERS) ||
	    put_orders_u64(skb, MMSCOPE_BUDDY_FREE, bz->nr_free))
		return -EMSGSIZE;
	for (mt = 0; mt < mmscope_nr_migratetypes(); mt++) {
		mtn = nla_nest_start(skb, MMSCOPE_BUDDY_MIGRATETYPE);
		if (!mtn ||
		    nla_put_string(skb, MMSCOPE_BUDDY_MT_NAME, mmscope_migratetype_name(mt)) ||
		    put_orders_u64(skb, MMSCOPE_BUDDY_MT_FREE, bz->nr_free_mt[mt]) ||
		    nla_put_u32(skb, MMSCOPE_BUDDY_MT_TRUNCATED, bz->truncated[mt]))
			return -EMSGSIZE;
		nla_nest_end(skb, mtn);
	}
	if (put_orders_s32(skb, MMSCOPE_BUDDY_UNUSABLE, bz->unusable) ||
	    put_orders_s32(skb, MMSCOPE_BUDDY_FRAGMENTATION, bz->fragmentation))
		return -EMSGSIZE;
	nla_nest_end(skb, zone);
	return 0;
}

/* GET_BUDDY dump: one message per zone; cb->args[0] is the next zone. */
static int mmscope_nl_dump_buddy(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct mmscope_buddy_zone *bz;
	void *hdr;
	int ret;

	ret = mmscope_nl_dump_permitted(cb);
	if (ret)
		return ret;
	bz = kmalloc(sizeof(*bz), GFP_KERNEL);
	if (!bz)
		return -ENOMEM;
	for (;;) {
		if (mmscope_buddy_get_zone(cb->args[0], bz))
			break;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &mmscope_family, NLM_F_MULTI, MMSCOPE_CMD_GET_BUDDY);
		if (!hdr)
			break;
		if (put_buddy_zone(skb, bz)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0]++;
	}
	kfree(bz);
	return skb->len;
}

static int put_block(struct sk_buff *skb, const struct mmscope_demo_block *b)
{
	struct nlattr *nest = nla_nest_start(skb, MMSCOPE_A_DEMO_BLOCK);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, MMSCOPE_DEMO_BLOCK_PFN, b->pfn, MMSCOPE_DEMO_BLOCK_PAD) ||
	    nla_put_u32(skb, MMSCOPE_DEMO_BLOCK_ORDER, b->order) ||
	    nla_put_u32(skb, MMSCOPE_DEMO_BLOCK_NODE, b->nid) ||
	    nla_put_string(skb, MMSCOPE_DEMO_BLOCK_ZONE, b->zone)) {
		/* A dump resumes with this block in the next message. */
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int dump_block(void *arg, const struct mmscope_demo_block *b)
{
	return put_block(arg, b);
}

static int put_snap(struct sk_buff *skb, int type, const struct mmscope_buddy_snap *s)
{
	struct nlattr *nest = nla_nest_start(skb, type);

	if (!nest ||
	    nla_put_u32(skb, MMSCOPE_DEMO_SNAP_NODE, s->nid) ||
	    nla_put_string(skb, MMSCOPE_DEMO_SNAP_ZONE, s->name) ||
	    put_orders_u64(skb, MMSCOPE_DEMO_SNAP_FREE, s->nr_free) ||
	    put_orders_u64(skb, MMSCOPE_DEMO_SNAP_UNMOVABLE, s->unmovable) ||
	    nla_put_u64_64bit(skb, MMSCOPE_DEMO_SNAP_PCP_PAGES, s->pcp, MMSCOPE_DEMO_SNAP_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_held(struct sk_buff *skb)
{
	if (nla_put_u64_64bit(skb, MMSCOPE_A_DEMO_HELD_BYTES, mmscope_demo_held_bytes(),
			      MMSCOPE_A_PAD) ||
	    nla_put_u64_64bit(skb, MMSCOPE_A_DEMO_CAP_BYTES, MMSCOPE_DEMO_CAP_BYTES,
			      MMSCOPE_A_PAD))
		return -EMSGSIZE;
	return 0;
}

/* Reply to a buddy demo request: its blocks, the snapshots and the totals. */
static int reply_blocks(struct genl_info *info, u8 cmd,
			const struct mmscope_demo_block *blocks, unsigned int n,
			const struct mmscope_demo_result *res)
{
	struct sk_buff *msg;
	unsigned int i;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &mmscope_family, 0, cmd);
	if (!hdr)
		goto too_big;
	for (i = 0; i < n; i++)
		if (put_block(msg, &blocks[i]))
			goto too_big;
	if (res->have_snap &&
	    (put_snap(msg, MMSCOPE_A_DEMO_BEFORE, &res->before) ||
	     put_snap(msg, MMSCOPE_A_DEMO_AFTER, &res->after)))
		goto too_big;
	if (put_held(msg))
		goto too_big;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

too_big:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int mmscope_nl_demo_buddy_alloc(struct sk_buff *skb, struct genl_info *info)
{
	struct mmscope_demo_result *res;
	struct mmscope_demo_block *blocks;
	u32 order, count = 1;
	int ret;

	ret = mmscope_nl_permitted(skb, info);
	if (ret)
		return ret;
	if (GENL_REQ_ATTR_CHECK(info, MMSCOPE_A_DEMO_ORDER))
		return -EINVAL;
	order = nla_get_u32(info->attrs[MMSCOPE_A_DEMO_ORDER]);
	if (info->attrs[MMSCOPE_A_DEMO_COUNT])
		count = nla_get_u32(info->attrs[MMSCOPE_A_DEMO_COUNT]);

	res = kzalloc(sizeof(*res), GFP_KERNEL);
	blocks = kcalloc(count, sizeof(*blocks), GFP_KERNEL);
	if (!res || !blocks) {
		ret = -ENOMEM;
		goto out;
	}
	ret = mmscope_demo_buddy_alloc(order, count, blocks, res);
	if (ret) {
		set_err(info->extack, res->msg, NULL);
		goto out;
	}
	ret = reply_blocks(info, MMSCOPE_CMD_DEMO_BUDDY_ALLOC, blocks, count, res);
out:
	kfree(blocks);
	kfree(res);
	return ret;
}

static int mmscope_nl_demo_buddy_free(struct sk_buff *skb, struct genl_info *info)
{
	struct mmscope_demo_result *res;
	struct mmscope_demo_block block;
	bool all;
	int ret;

	ret = mmscope_nl_permitted(skb, info);
	if (ret)
		return ret;
	all = nla_get_flag(info->attrs[MMSCOPE_A_DEMO_FREE_ALL]);
	if (all == !!info->attrs[MMSCOPE_A_DEMO_PFN]) {
		GENL_SET_ERR_MSG(info, "give exactly one of a PFN and FREE_ALL");
		return -EINVAL;
	}
	res = kzalloc(sizeof(*res), GFP_KERNEL);
	if (!res)
		return -ENOMEM;
	if (all) {
		mmscope_demo_buddy_free_all();
		ret = reply_blocks(info, MMSCOPE_CMD_DEMO_BUDDY_FREE, NULL, 0, res);
	} else {
		ret = mmscope_demo_buddy_free(nla_get_u64(info->attrs[MMSCOPE_A_DEMO_PFN]),
					      &block, res);
		if (ret)
			set_err(info->extack, res->msg, info->attrs[MMSCOPE_A_DEMO_PFN]);
		else
			ret = reply_blocks(info, MMSCOPE_CMD_DEMO_BUDDY_FREE, &block, 1, res);
	}
	kfree(res);
	return ret;
}

/* DEMO_BUDDY_LIST dump: blocks oldest first; cb->args[0] is the next one. */
static int mmscope_nl_dump_demo_buddy(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned int next;
	void *hdr;
	int ret;

	ret = mmscope_nl_dump_permitted(cb);
	if (ret)
		return ret;
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &mmscope_family, NLM_F_MULTI, MMSCOPE_CMD_DEMO_BUDDY_LIST);
	if (!hdr)
		return -EMSGSIZE;
	next = mmscope_demo_buddy_walk(cb->args[0], dump_block, skb);
	if (next == cb->args[0]) {
		/* Nothing (more) to send: an empty message would never end the dump. */
		genlmsg_cancel(skb, hdr);
		return 0;
	}
	cb->args[0] = next;
	genlmsg_end(skb, hdr);
	return skb->len;
}

static int put_slab_state(struct sk_buff *skb, const struct mmscope_demo_slab_state *st)
{
	struct nlattr *nest, *h;
	unsigned int i;

	nest = nla_nest_start(skb, MMSCOPE_A_DEMO_SLAB);
	if (!nest)
		return -EMSGSIZE;
	if (st->created &&
	    (nla_put_string(skb, MMSCOPE_DEMO_SLAB_NAME, "mmscope_demo") ||
	     nla_put_u32(skb, MMSCOPE_DEMO_SLAB_OBJECT_SIZE, st->object_size)))
		return -EMSGSIZE;
	if (nla_put_u32(skb, MMSCOPE_DEMO_SLAB_OBJECTS, st->objects) ||
	    nla_put_u32(skb, MMSCOPE_DEMO_SLAB_SLABS, st->slabs) ||
	    (st->hist_truncated && nla_put_flag(skb, MMSCOPE_DEMO_SLAB_HIST_TRUNCATED)))
		return -EMSGSIZE;
	for (i = 0; i < st->nr_hist; i++) {
		h = nla_nest_start(skb, MMSCOPE_DEMO_SLAB_HIST);
		if (!h ||
		    nla_put_u32(skb, MMSCOPE_DEMO_HIST_OBJECTS, st->hist_objects[i]) ||
		    nla_put_u32(skb, MMSCOPE_DEMO_HIST_SLABS, st->hist_slabs[i]))
			return -EMSGSIZE;
		nla_nest_end(skb, h);
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int mmscope_nl_demo_slab(struct sk_buff *skb, struct genl_info *info)
{
	struct mmscope_demo_slab_state *st = NULL;
	struct mmscope_demo_result res = { };
	struct nlattr **a = info->attrs;
	struct sk_buff *msg = NULL;
	unsigned int arg = 0;
	void *hdr;
	u8 op;
	int ret;

	ret = mmscope_nl_permitted(skb, info);
	if (ret)
		return ret;
	if (GENL_REQ_ATTR_CHECK(info, MMSCOPE_A_DEMO_SLAB_OP))
		return -EINVAL;
	op = nla_get_u8(a[MMSCOPE_A_DEMO_SLAB_OP]);
	switch (op) {
	case MMSCOPE_SLAB_OP_CREATE:
		if (GENL_REQ_ATTR_CHECK(info, MMSCOPE_A_DEMO_SLAB_SIZE))
			return -EINVAL;
		arg = nla_get_u32(a[MMSCOPE_A_DEMO_SLAB_SIZE]);
		break;
	case MMSCOPE_SLAB_OP_ALLOC:
		if (GENL_REQ_ATTR_CHECK(info, MMSCOPE_A_DEMO_SLAB_COUNT))
			return -EINVAL;
		arg = nla_get_u32(a[MMSCOPE_A_DEMO_SLAB_COUNT]);
		break;
	case MMSCOPE_SLAB_OP_FREE:
		if (nla_get_flag(a[MMSCOPE_A_DEMO_FREE_ALL]) == !!a[MMSCOPE_A_DEMO_SLAB_COUNT]) {
			GENL_SET_ERR_MSG(info, "give exactly one of a count and FREE_ALL");
			return -EINVAL;
		}
		arg = a[MMSCOPE_A_DEMO_SLAB_COUNT] ?
		      nla_get_u32(a[MMSCOPE_A_DEMO_SLAB_COUNT]) : UINT_MAX;
		break;
	}
	ret = mmscope_demo_slab_op(op, arg, &res);
	if (ret) {
		set_err(info->extack, res.msg, NULL);
		return ret;
	}

	st = kmalloc(sizeof(*st), GFP_KERNEL);
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!st || !msg) {
		ret = -ENOMEM;
		goto out;
	}
	ret = mmscope_demo_slab_state(st);
	if (ret)
		goto out;
	ret = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &mmscope_family, 0, MMSCOPE_CMD_DEMO_SLAB);
	if (!hdr || put_slab_state(msg, st) || put_held(msg))
		goto out;
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
	msg = NULL;
out:
	nlmsg_free(msg);
	kfree(st);
	return ret;
}

/* ---- reverse mappings ------------------------------------------------- */

/* Room for the largest GET_RMAP reply: every mapper and a full path. */
#define RMAP_REPLY_SIZE	(MMSCOPE_RMAP_MAX_MAPPERS * 160 + PATH_MAX + 512)

static int put_mapper(struct sk_buff *skb, const struct mmscope_rmap_mapper *m)
{
	const struct u64_attr v[] = {
		{ MMSCOPE_MAPPER_VA, m->va },
		{ MMSCOPE_MAPPER_VMA_START, m->vm_start },
		{ MMSCOPE_MAPPER_VMA_END, m->vm_end },
		{ MMSCOPE_MAPPER_VMA_FLAGS, m->vm_flags },
		{ MMSCOPE_MAPPER_VMA_PGOFF, m->vm_pgoff },
	};
	struct nlattr *n = nla_nest_start(skb, MMSCOPE_RMAP_MAPPER);

	if (!n ||
	    nla_put_u32(skb, MMSCOPE_MAPPER_PID, m->pid) ||
	    nla_put_string(skb, MMSCOPE_MAPPER_COMM, m->comm) ||
	    nla_put_u8(skb, MMSCOPE_MAPPER_LEVEL, m->level) ||
	    nla_put_u32(skb, MMSCOPE_MAPPER_FLAGS, m->flags) ||
	    put_u64s(skb, v, ARRAY_SIZE(v), MMSCOPE_MAPPER_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, n);
	return 0;
}

static int put_rmap(struct sk_buff *skb, const struct mmscope_rmap *r)
{
	struct nlattr *n = nla_nest_start(skb, MMSCOPE_A_RMAP);
	unsigned int i;

	if (!n ||
	    nla_put_u64_64bit(skb, MMSCOPE_RMAP_PFN, r->pfn, MMSCOPE_RMAP_PAD) ||
	    (r->va && nla_put_u64_64bit(skb, MMSCOPE_RMAP_VA, r->va, MMSCOPE_RMAP_PAD)) ||
	    nla_put_u8(skb, MMSCOPE_RMAP_FRAME, r->frame) ||
	    nla_put_u8(skb, MMSCOPE_RMAP_METHOD, r->method) ||
	    nla_put_s32(skb, MMSCOPE_RMAP_MAPCOUNT, r->mapcount) ||
	    nla_put_u32(skb, MMSCOPE_RMAP_FOLIO_PAGES, r->folio_pages) ||
	    nla_put_u32(skb, MMSCOPE_RMAP_NR_MAPPERS, r->nr_mappers) ||
	    nla_put_u32(skb, MMSCOPE_RMAP_CANDIDATES, r->candidates) ||
	    nla_put_u32(skb, MMSCOPE_RMAP_STALE, r->stale) ||
	    nla_put_u64_64bit(skb, MMSCOPE_RMAP_ELAPSED_NS, r->elapsed_ns, MMSCOPE_RMAP_PAD) ||
	    (r->truncated && nla_put_flag(skb, MMSCOPE_RMAP_TRUNCATED)) ||
	    (r->note && nla_put_string(skb, MMSCOPE_RMAP_NOTE, r->note)))
		return -EMSGSIZE;
	if (r->path &&
	    (nla_put_string(skb, MMSCOPE_RMAP_FILE_PATH, r->path) ||
	     nla_put_u64_64bit(skb, MMSCOPE_RMAP_FILE_OFFSET, r->file_offset, MMSCOPE_RMAP_PAD) ||
	     nla_put_u64_64bit(skb, MMSCOPE_RMAP_FILE_INO, r->ino, MMSCOPE_RMAP_PAD) ||
	     nla_put_u32(skb, MMSCOPE_RMAP_FILE_DEV_MAJOR, r->dev_major) ||
	     nla_put_u32(skb, MMSCOPE_RMAP_FILE_DEV_MINOR, r->dev_minor)))
		return -EMSGSIZE;
	for (i = 0; i < r->nr_stored; i++)
		if (put_mapper(skb, &r->mappers[i]))
			return -EMSGSIZE;
	nla_nest_end(skb, n);
	return 0;
}

static int mmscope_nl_get_rmap(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	const char *why = NULL;
	struct mmscope_rmap *r;
	struct sk_buff *msg;
	bool scan;
	void *hdr;
	int ret;

	ret = mmscope_nl_permitted(skb, info);
	if (ret)
		return ret;
	if (!a[MMSCOPE_A_PFN] == !(a[MMSCOPE_A_PID] || a[MMSCOPE_A_VA])) {
		GENL_SET_ERR_MSG(info, "give either a PFN, or a PID and a VA");
		return -EINVAL;
	}
	if (!a[MMSCOPE_A_PFN] && (!a[MMSCOPE_A_PID] || !a[MMSCOPE_A_VA])) {
		GENL_SET_ERR_MSG(info, "a VA needs a PID, and a PID a VA");
		return -EINVAL;
	}
	scan = nla_get_flag(a[MMSCOPE_A_RMAP_SCAN]);
	r = kmalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	if (a[MMSCOPE_A_PFN])
		ret = mmscope_rmap_pfn(nla_get_u64(a[MMSCOPE_A_PFN]), scan, r, &why);
	else
		ret = mmscope_rmap_va(nla_get_u32(a[MMSCOPE_A_PID]),
				      nla_get_u64(a[MMSCOPE_A_VA]), scan, r, &why);
	if (ret) {
		set_err(info->extack, why,
			a[MMSCOPE_A_PFN] ? a[MMSCOPE_A_PFN] : a[MMSCOPE_A_VA]);
		goto out;
	}
	ret = -ENOMEM;
	msg = genlmsg_new(RMAP_REPLY_SIZE, GFP_KERNEL);
	if (!msg)
		goto out;
	hdr = genlmsg_put_reply(msg, info, &mmscope_family, 0, MMSCOPE_CMD_GET_RMAP);
	if (!hdr || put_rmap(msg, r)) {
		nlmsg_free(msg);
		ret = -EMSGSIZE;
		goto out;
	}
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
out:
	kfree(r);
	return ret;
}

/* ---- page faults ----------------------------------------------------- */

/* The request's PID as a struct pid (put_pid() it); errors carry a message. */
static struct pid *request_pid(struct nlattr **attrs, struct netlink_ext_ack *extack)
{
	struct pid *pid;

	if (!attrs[MMSCOPE_A_PID]) {
		NL_SET_ERR_MSG(extack, "missing PID attribute");
		return ERR_PTR(-EINVAL);
	}
	pid = find_get_pid(nla_get_u32(attrs[MMSCOPE_A_PID]));
	if (!pid) {
		NL_SET_ERR_MSG(extack, "no such process");
		return ERR_PTR(-ESRCH);
	}
	return pid;
}

struct faults_msg {
	struct mmscope_fault_counters c;
	struct mmscope_fault_summary s;
};

static int put_faults(struct sk_buff *skb, const void *arg)
{
	const struct faults_msg *f = arg;
	const struct mmscope_fault_summary *s = &f->s;
	const struct u64_attr v[] = {
		{ MMSCOPE_FAULTS_MIN, f->c.min },
		{ MMSCOPE_FAULTS_MAJ, f->c.maj },
		{ MMSCOPE_FAULTS_SYS_PGFAULT, f->c.sys_pgfault },
		{ MMSCOPE_FAULTS_SYS_PGMAJFAULT, f->c.sys_pgmajfault },
	};
	const struct u64_attr t[] = {
		{ MMSCOPE_FAULTS_START_NS, s->start_ns },
		{ MMSCOPE_FAULTS_MIN_START, s->min_start },
		{ MMSCOPE_FAULTS_MAJ_START, s->maj_start },
		{ MMSCOPE_FAULTS_T_MIN, s->t_min },
		{ MMSCOPE_FAULTS_T_MAJ, s->t_maj },
		{ MMSCOPE_FAULTS_T_READ, s->t_read },
		{ MMSCOPE_FAULTS_T_WRITE, s->t_write },
		{ MMSCOPE_FAULTS_T_EXEC, s->t_exec },
		{ MMSCOPE_FAULTS_T_OTHER_MM, s->other_mm },
		{ MMSCOPE_FAULTS_T_DROPPED, s->dropped },
		{ MMSCOPE_FAULTS_T_UNATTRIBUTED, s->unattributed },
		{ MMSCOPE_FAULTS_T_PAGES_FULL, s->pages_full },
		{ MMSCOPE_FAULTS_T_VMAS_FULL, s->vmas_full },
		{ MMSCOPE_FAULTS_EVENTS_NEXT, s->events_next },
	};
	const struct u64_attr end[] = {
		{ MMSCOPE_FAULTS_END_NS, s->end_ns },
		{ MMSCOPE_FAULTS_MIN_END, s->min_end },
		{ MMSCOPE_FAULTS_MAJ_END, s->maj_end },
	};
	struct nlattr *n = nla_nest_start(skb, MMSCOPE_A_FAULTS);

	if (!n ||
	    nla_put_u32(skb, MMSCOPE_FAULTS_PID, f->c.pid) ||
	    nla_put_string(skb, MMSCOPE_FAULTS_COMM, f->c.comm) ||
	    nla_put_u32(skb, MMSCOPE_FAULTS_THREADS, f->c.threads) ||
	    put_u64s(skb, v, ARRAY_SIZE(v), MMSCOPE_FAULTS_PAD) ||
	    nla_put_u8(skb, MMSCOPE_FAULTS_STATE, s->state))
		return -EMSGSIZE;
	if (s->state != MMSCOPE_FAULT_STATE_OFF &&
	    (nla_put_u32(skb, MMSCOPE_FAULTS_TRACK_THREADS, s->track_threads) ||
	     nla_put_u32(skb, MMSCOPE_FAULTS_T_PAGES, s->pages) ||
	     nla_put_u8(skb, MMSCOPE_FAULTS_ACCESS_KNOWN, s->access_known) ||
	     (s->start_raced && nla_put_flag(skb, MMSCOPE_FAULTS_START_RACED)) ||
	     put_u64s(skb, t, ARRAY_SIZE(t), MMSCOPE_FAULTS_PAD)))
		return -EMSGSIZE;
	/* END_NS for both ended states; the process counters at the end for STOPPED. */
	if (s->state == MMSCOPE_FAULT_STATE_EXITED &&
	    put_u64s(skb, end, 1, MMSCOPE_FAULTS_PAD))
		return -EMSGSIZE;
	if (s->state == MMSCOPE_FAULT_STATE_STOPPED &&
	    put_u64s(skb, end, ARRAY_SIZE(end), MMSCOPE_FAULTS_PAD))
		return -EMSGSIZE;
	nla_nest_end(skb, n);
	return 0;
}

static int get_faults_msg(struct pid *pid, struct faults_msg *f, struct netlink_ext_ack *extack)
{
	const char *why;
	int ret;

	ret = mmscope_faults_counters(pid, &f->c, &why);
	if (ret) {
		set_err(extack, why, NULL);
		return ret;
	}
	return mmscope_faults_summary(pid, &f->s);
}

static int mmscope_nl_faults_track(struct sk_buff *skb, struct genl_info *info)
{
	struct faults_msg *f;
	const char *why;
	struct pid *pid;
	int ret;

	ret = mmscope_nl_permitted(skb, info);
	if (ret)
		return ret;
	if (GENL_REQ_ATTR_CHECK(info, MMSCOPE_A_FAULT_TRACK))
		return -EINVAL;
	pid = request_pid(info->attrs, info->extack);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	ret = mmscope_faults_track(pid, nla_get_u8(info->attrs[MMSCOPE_A_FAULT_TRACK]) ==
				   MMSCOPE_FAULT_TRACK_START, &why);
	if (ret) {
		set_err(info->extack, why, info->attrs[MMSCOPE_A_PID]);
		goto out;
	}
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	ret = f ? get_faults_msg(pid, f, info->extack) : -ENOMEM;
	if (!ret)
		ret = reply(info, MMSCOPE_CMD_FAULTS_TRACK, put_faults, f);
	kfree(f);
out:
	put_pid(pid);
	return ret;
}

/* Packed records filling the rest of a message (trimmed by recs_end()). */
struct recs {
	struct sk_buff *skb;
	struct nlattr *attr;
	unsigned int size, cap, n;
};

static int recs_start(struct recs *r, struct sk_buff *skb, int type, unsigned int size)
{
	int room;

	r->skb = skb;
	r->size = size;
	r->n = 0;
	if (nla_put_u32(skb, MMSCOPE_A_FAULT_REC_SIZE, size))
		return -EMSGSIZE;
	room = skb_tailroom(skb) - NLA_HDRLEN - NLA_ALIGNTO;
	if (room < (int)size)
		return -EMSGSIZE;
	r->cap = room / size;
	r->attr = nla_reserve(skb, type, r->cap * size);
	return r->attr ? 0 : -EMSGSIZE;
}

static void *recs_add(struct recs *r)
{
	return r->n < r->cap ? (char *)nla_data(r->attr) + r->size * r->n++ : NULL;
}

static void recs_end(struct recs *r)
{
	int len = r->n * r->size;

	r->attr->nla_len = nla_attr_size(len);
	skb_trim(r->skb, (unsigned char *)r->attr + nla_total_size(len) - r->skb->data);
}

static int add_page_rec(void *arg, const struct mmscope_fault_page_rec *p)
{
	void *dst = recs_add(arg);

	if (!dst)
		return -EMSGSIZE;
	memcpy(dst, p, sizeof(*p));
	return 0;
}

static int add_event_rec(void *arg, const struct mmscope_fault_event_rec *e)
{
	void *dst = recs_add(arg);

	if (!dst)
		return -EMSGSIZE;
	memcpy(dst, e, sizeof(*e));
	return 0;
}

static int put_fault_vma(void *arg, const struct mmscope_fault_vma *v, const char *name)
{
	const struct u64_attr a[] = {
		{ MMSCOPE_FAULT_VMA_START, v->start },
		{ MMSCOPE_FAULT_VMA_END, v->end },
		{ MMSCOPE_FAULT_VMA_FLAGS, v->flags },
		{ MMSCOPE_FAULT_VMA_MIN, v->min },
		{ MMSCOPE_FAULT_VMA_MAJ, v->maj },
		{ MMSCOPE_FAULT_VMA_READ, v->read },
		{ MMSCOPE_FAULT_VMA_WRITE, v->write },
		{ MMSCOPE_FAULT_VMA_EXEC, v->exec },
	};
	struct sk_buff *skb = arg;
	struct nlattr *n = nla_nest_start(skb, MMSCOPE_A_FAULT_VMA);

	if (!n)
		return -EMSGSIZE;
	if (nla_put_string(skb, MMSCOPE_FAULT_VMA_NAME, name) ||
	    put_u64s(skb, a, ARRAY_SIZE(a), MMSCOPE_FAULT_VMA_PAD)) {
		nla_nest_cancel(skb, n);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, n);
	return 0;
}

/* GET_FAULTS dump phases, in cb->args[0]; cb->args[1] is the position in one. */
enum { FD_SUMMARY, FD_VMAS, FD_PAGES, FD_DONE };

/* Fill one message of the current phase; *added: whether it holds anything. */
static int faults_fill(struct sk_buff *skb, struct netlink_callback *cb, struct pid *pid,
		       bool *added)
{
	unsigned int pos = cb->args[1];
	struct faults_msg *f;
	struct recs r;
	int ret;

	switch (cb->args[0]) {
	case FD_SUMMARY:
		f = kzalloc(sizeof(*f), GFP_KERNEL);
		ret = f ? get_faults_msg(pid, f, cb->extack) : -ENOMEM;
		if (!ret)
			ret = put_faults(skb, f);
		if (!ret)
			cb->args[0] = f->s.state == MMSCOPE_FAULT_STATE_OFF ? FD_DONE : FD_VMAS;
		kfree(f);
		*added = !ret;
		return ret;
	case FD_VMAS:
		ret = mmscope_faults_vmas(pid, &pos, put_fault_vma, skb);
		*added = pos != cb->args[1];
		break;
	default:
		if (recs_start(&r, skb, MMSCOPE_A_FAULT_PAGE_RECS,
			       sizeof(struct mmscope_fault_page_rec)))
			return -EMSGSIZE;
		ret = mmscope_faults_pages(pid, &pos, add_page_rec, &r);
		recs_end(&r);
		*added = r.n;
		break;
	}
	if (ret < 0)
		return ret;
	if (ret && !*added)
		return -EMSGSIZE;	/* one entry does not fit in a message */
	cb->args[1] = pos;
	if (ret == 0) {
		cb->args[0]++;
		cb->args[1] = 0;
	}
	return 0;
}

static int mmscope_nl_faults_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct pid *pid;
	bool added = false;
	void *hdr;
	int ret;

	ret = mmscope_nl_dump_permitted(cb);
	if (ret)
		return ret;
	pid = request_pid(mmscope_dump_attrs(cb), cb->extack);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	while (cb->args[0] != FD_DONE && !added) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &mmscope_family, NLM_F_MULTI, MMSCOPE_CMD_GET_FAULTS);
		if (!hdr) {
			ret = -EMSGSIZE;
			break;
		}
		ret = faults_fill(skb, cb, pid, &added);
		if (ret || !added) {
			genlmsg_cancel(skb, hdr);
			if (ret)
				break;
			continue;
		}
		genlmsg_end(skb, hdr);
	}
	put_pid(pid);
	return ret ? ret : (added ? skb->len : 0);
}

/* GET_FAULT_EVENTS: cb->args[0] set once started, cb->args[1] the cursor. */
static int mmscope_nl_fault_events_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **attrs = mmscope_dump_attrs(cb);
	u64 cursor;
	struct pid *pid;
	struct recs r;
	void *hdr;
	int ret;

	ret = mmscope_nl_dump_permitted(cb);
	if (ret)
		return ret;
	if (!cb->args[0]) {
		cb->args[0] = 1;
		cb->args[1] = attrs[MMSCOPE_A_FAULT_CURSOR] ?
			      nla_get_u64(attrs[MMSCOPE_A_FAULT_CURSOR]) : 0;
	}
	cursor = cb->args[1];
	pid = request_pid(attrs, cb->extack);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &mmscope_family, NLM_F_MULTI, MMSCOPE_CMD_GET_FAULT_EVENTS);
	ret = hdr ? recs_start(&r, skb, MMSCOPE_A_FAULT_EVENT_RECS,
			       sizeof(struct mmscope_fault_event_rec)) : -EMSGSIZE;
	if (!ret) {
		ret = mmscope_faults_events(pid, &cursor, add_event_rec, &r);
		recs_end(&r);
		if (ret == -ENOENT)
			NL_SET_ERR_MSG(cb->extack, "this process is not being tracked");
	}
	put_pid(pid);
	if (ret < 0 || !r.n) {
		if (hdr)
			genlmsg_cancel(skb, hdr);
		return ret < 0 ? ret : 0;
	}
	cb->args[1] = cursor;
	genlmsg_end(skb, hdr);
	return skb->len;
}

/* ---- replacement policies ------------------------------------------------- */

/* The request's MMSCOPE_A_POLICY nest, parsed (validated by the family policy). */
static int policy_request(struct genl_info *info, struct nlattr **tb, bool need_kind)
{
	struct nlattr *nest = info->attrs[MMSCOPE_A_POLICY];
	int ret;

	if (!nest) {
		NL_SET_ERR_MSG(info->extack, "missing POLICY attribute");
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, MMSCOPE_POLICY_MAX, nest, policy_nest_policy, info->extack);
	if (ret)
		return ret;
	if (!tb[MMSCOPE_POLICY_CGROUP]) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest, "missing cgroup path");
		return -EINVAL;
	}
	if (need_kind && !tb[MMSCOPE_POLICY_KIND]) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest, "missing policy kind");
		return -EINVAL;
	}
	return 0;
}

static void policy_params(struct nlattr **tb, struct mmscope_policy_params *pp)
{
	static const struct { int type; u32 bit; } u32s[] = {
		{ MMSCOPE_POLICY_INTERVAL_MS, MMSCOPE_PP_INTERVAL },
		{ MMSCOPE_POLICY_KEEP_PCT, MMSCOPE_PP_KEEP },
		{ MMSCOPE_POLICY_EVICT_PCT, MMSCOPE_PP_EVICT },
		{ MMSCOPE_POLICY_MAX_PROTECT, MMSCOPE_PP_MAX_PROTECT },
	};
	u32 *dst[] = { &pp->interval_ms, &pp->keep_pct, &pp->evict_pct, &pp->max_protect };
	unsigned int i;

	pp->kind = nla_get_u8(tb[MMSCOPE_POLICY_KIND]);
	for (i = 0; i < ARRAY_SIZE(u32s); i++) {
		if (tb[u32s[i].type]) {
			*dst[i] = nla_get_u32(tb[u32s[i].type]);
			pp->given |= u32s[i].bit;
		}
	}
	if (tb[MMSCOPE_POLICY_SEED]) {
		pp->seed = nla_get_u64(tb[MMSCOPE_POLICY_SEED]);
		pp->given |= MMSCOPE_PP_SEED;
	}
	pp->has_base = tb[MMSCOPE_POLICY_BASE_REFAULT_ANON] ||
		       tb[MMSCOPE_POLICY_BASE_REFAULT_FILE] ||
		       tb[MMSCOPE_POLICY_BASE_PGMAJFAULT];
	if (tb[MMSCOPE_POLICY_BASE_REFAULT_ANON])
		pp->base_refault_anon = nla_get_u64(tb[MMSCOPE_POLICY_BASE_REFAULT_ANON]);
	if (tb[MMSCOPE_POLICY_BASE_REFAULT_FILE])
		pp->base_refault_file = nla_get_u64(tb[MMSCOPE_POLICY_BASE_REFAULT_FILE]);
	if (tb[MMSCOPE_POLICY_BASE_PGMAJFAULT])
		pp->base_pgmajfault = nla_get_u64(tb[MMSCOPE_POLICY_BASE_PGMAJFAULT]);
}

static int put_policy(struct sk_buff *skb, const struct mmscope_policy_stats *st)
{
	const struct mmscope_policy_params *pp = &st->pp;
	const struct u64_attr v[] = {
		{ MMSCOPE_POLICY_SEED, pp->seed },
		{ MMSCOPE_POLICY_CGROUP_ID, st->cgroup_id },
		{ MMSCOPE_POLICY_INSTALLED_NS, st->installed_ns },
		{ MMSCOPE_POLICY_EXAMINED, st->examined },
		{ MMSCOPE_POLICY_REFERENCED, st->referenced },
		{ MMSCOPE_POLICY_EVICTED, st->evicted },
		{ MMSCOPE_POLICY_PROTECTED, st->protected },
		{ MMSCOPE_POLICY_FORCED, st->forced },
		{ MMSCOPE_POLICY_CONTENDED, st->contended },
		{ MMSCOPE_POLICY_AGED, st->aged },
		{ MMSCOPE_POLICY_TABLE_BYTES, st->table_bytes },
		{ MMSCOPE_POLICY_REPLACED, st->replaced },
		{ MMSCOPE_POLICY_STALE, st->stale },
		{ MMSCOPE_POLICY_ROUNDS, st->rounds },
		{ MMSCOPE_POLICY_HOOK_CALLS, st->hook_calls },
		{ MMSCOPE_POLICY_HOOK_MATCHED, st->hook_matched },
		{ MMSCOPE_POLICY_HOOK_NS, st->hook_ns },
		{ MMSCOPE_POLICY_HOOK_MISSED, st->hook_missed },
		{ MMSCOPE_POLICY_SAMPLE_NS, st->sample_ns },
		{ MMSCOPE_POLICY_SAMPLE_REFS, st->sample_refs },
		{ MMSCOPE_POLICY_TLB_FLUSHES, st->tlb_flushes },
	};
	const struct u64_attr base[] = {
		{ MMSCOPE_POLICY_BASE_REFAULT_ANON, pp->base_refault_anon },
		{ MMSCOPE_POLICY_BASE_REFAULT_FILE, pp->base_refault_file },
		{ MMSCOPE_POLICY_BASE_PGMAJFAULT, pp->base_pgmajfault },
	};
	struct nlattr *n = nla_nest_start(skb, MMSCOPE_A_POLICY);

	if (!n ||
	    nla_put_string(skb, MMSCOPE_POLICY_CGROUP, st->path) ||
	    nla_put_u8(skb, MMSCOPE_POLICY_KIND, pp->kind) ||
	    nla_put_u32(skb, MMSCOPE_POLICY_INTERVAL_MS, pp->interval_ms) ||
	    nla_put_u32(skb, MMSCOPE_POLICY_KEEP_PCT, pp->keep_pct) ||
	    nla_put_u32(skb, MMSCOPE_POLICY_EVICT_PCT, pp->evict_pct) ||
	    nla_put_u32(skb, MMSCOPE_POLICY_MAX_PROTECT, pp->max_protect) ||
	    nla_put_u32(skb, MMSCOPE_POLICY_TRACKED, st->tracked) ||
	    nla_put_u32(skb, MMSCOPE_POLICY_SLOTS, st->slots) ||
	    nla_put_u32(skb, MMSCOPE_POLICY_ENTRY_BYTES, st->entry_bytes) ||
	    nla_put_u32(skb, MMSCOPE_POLICY_KEPT, st->kept) ||
	    nla_put_u32(skb, MMSCOPE_POLICY_QUOTA, st->quota) ||
	    put_u64s(skb, v, ARRAY_SIZE(v), MMSCOPE_POLICY_PAD) ||
	    (pp->has_base && put_u64s(skb, base, ARRAY_SIZE(base), MMSCOPE_POLICY_PAD))) {
		nla_nest_cancel(skb, n);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, n);
	return 0;
}

static int mmscope_nl_policy_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[MMSCOPE_POLICY_MAX + 1];
	struct mmscope_policy_params pp = { };
	const char *why = NULL;
	int ret;

	ret = mmscope_nl_permitted(skb, info);
	if (!ret)
		ret = policy_request(info, tb, true);
	if (ret)
		return ret;
	policy_params(tb, &pp);
	ret = mmscope_policy_set(nla_data(tb[MMSCOPE_POLICY_CGROUP]), &pp, &why);
	if (ret)
		set_err(info->extack, why, info->attrs[MMSCOPE_A_POLICY]);
	return ret;
}

static int mmscope_nl_policy_clear(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[MMSCOPE_POLICY_MAX + 1];
	const char *why = NULL;
	int ret;

	ret = mmscope_nl_permitted(skb, info);
	if (!ret)
		ret = policy_request(info, tb, false);
	if (ret)
		return ret;
	ret = mmscope_policy_clear(nla_data(tb[MMSCOPE_POLICY_CGROUP]), &why);
	if (ret)
		set_err(info->extack, why, info->attrs[MMSCOPE_A_POLICY]);
	return ret;
}

/* POLICY_GET: one message per installed policy; cb->args[0] is the next index. */
static int mmscope_nl_policy_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct mmscope_policy_stats *st;
	void *hdr;
	int ret;

	ret = mmscope_nl_dump_permitted(cb);
	if (ret)
		return ret;
	st = kmalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	while (!mmscope_policy_get(cb->args[0], st)) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &mmscope_family, NLM_F_MULTI, MMSCOPE_CMD_POLICY_GET);
		if (hdr && put_policy(skb, st)) {
			genlmsg_cancel(skb, hdr);
			hdr = NULL;
		}
		if (!hdr) {
			/* A message that does not fit in an empty buffer never will. */
			ret = skb->len ? 0 : -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0]++;
	}
	kfree(st);
	return ret ? ret : skb->len;
}

static const struct genl_small_ops mmscope_ops[] = {
	{
		.cmd	= MMSCOPE_CMD_GET_INFO,
		.flags	= GENL_ADMIN_PERM,
		.doit	= mmscope_nl_get_info,
	},
	{
		.cmd	= MMSCOPE_CMD_GET_MM,
		.flags	= GENL_ADMIN_PERM,
		.doit	= mmscope_nl_get_mm,
	},
	{
		.cmd	= MMSCOPE_CMD_XLATE,
		.flags	= GENL_ADMIN_PERM,
		.doit	= mmscope_nl_xlate,
	},
	{
		.cmd	= MMSCOPE_CMD_GET_VMAS,
		.flags	= GENL_ADMIN_PERM,
		.dumpit	= mmscope_nl_vmas_dump,
	},
	{
		.cmd	= MMSCOPE_CMD_GET_PTES,
		.flags	= GENL_ADMIN_PERM,
		.dumpit	= mmscope_nl_ptes_dump,
	},
	/* buddy, slab, demos */
	{
		.cmd	= MMSCOPE_CMD_GET_BUDDY,
		.flags	= GENL_ADMIN_PERM,
		.dumpit	= mmscope_nl_dump_buddy,
	},
	{
		.cmd	= MMSCOPE_CMD_DEMO_BUDDY_ALLOC,
		.flags	= GENL_ADMIN_PERM,
		.doit	= mmscope_nl_demo_buddy_alloc,
	},
	{
		.cmd	= MMSCOPE_CMD_DEMO_BUDDY_FREE,
		.flags	= GENL_ADMIN_PERM,
		.doit	= mmscope_nl_demo_buddy_free,
	},
	{
		.cmd	= MMSCOPE_CMD_DEMO_BUDDY_LIST,
		.flags	= GENL_ADMIN_PERM,
		.dumpit	= mmscope_nl_dump_demo_buddy,
	},
	{
		.cmd	= MMSCOPE_CMD_DEMO_SLAB,
		.flags	= GENL_ADMIN_PERM,
		.doit	= mmscope_nl_demo_slab,
	},
	/* reverse mappings */
	{
		.cmd	= MMSCOPE_CMD_GET_RMAP,
		.flags	= GENL_ADMIN_PERM,
		.doit	= mmscope_nl_get_rmap,
	},
	/* page faults */
	{
		.cmd	= MMSCOPE_CMD_GET_FAULTS,
		.flags	= GENL_ADMIN_PERM,
		.dumpit	= mmscope_nl_faults_dump,
	},
	{
		.cmd	= MMSCOPE_CMD_GET_FAULT_EVENTS,
		.flags	= GENL_ADMIN_PERM,
		.dumpit	= mmscope_nl_fault_events_dump,
	},
	{
		.cmd	= MMSCOPE_CMD_FAULTS_TRACK,
		.flags	= GENL_ADMIN_PERM,
		.doit	= mmscope_nl_faults_track,
	},
	/* replacement policies */
	{
		.cmd	= MMSCOPE_CMD_POLICY_SET,
		.flags	= GENL_ADMIN_PERM,
		.doit	= mmscope_nl_policy_set,
	},
	{
		.cmd	= MMSCOPE_CMD_POLICY_CLEAR,
		.flags	= GENL_ADMIN_PERM,
		.doit	= mmscope_nl_policy_clear,
	},
	{
		.cmd	= MMSCOPE_CMD_POLICY_GET,
		.flags	= GENL_ADMIN_PERM,
		.dumpit	= mmscope_nl_policy_dump,
	},
};

static struct genl_family mmscope_family __ro_after_init = {
	.name		= MMSCOPE_GENL_NAME,
	.version	= MMSCOPE_GENL_VERSION,
	.maxattr	= MMSCOPE_A_MAX,
	.policy		= mmscope_policy,
	.module		= THIS_MODULE,
	.small_ops	= mmscope_ops,
	.n_small_ops	= ARRAY_SIZE(mmscope_ops),
	.resv_start_op	= MMSCOPE_CMD_GET_INFO,
};

/**
 * mmscope_netlink_init() - register the generic-netlink family
 *
 * Return: 0 or a negative errno from genl_register_family().
 */
int mmscope_netlink_init(void)
{
	int ret = genl_register_family(&mmscope_family);

	if (ret)
		pr_err("cannot register generic netlink family: %d\n", ret);
	return ret;
}

/**
 * mmscope_netlink_exit() - unregister the family; waits for running handlers
 */
void mmscope_netlink_exit(void)
{
	genl_unregister_family(&mmscope_family);
}
