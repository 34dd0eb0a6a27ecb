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
#include <linux/slab.h>
#include <net/genetlink.h>

#include "internal.h"
#include "uapi/mmscope.h"

static const struct nla_policy mmscope_policy[MMSCOPE_A_MAX + 1] = {
	/* Reply-only attributes: a request that carries them is rejected. */
	[MMSCOPE_A_VERSION]		= { .type = NLA_REJECT },
	[MMSCOPE_A_KERNEL_RELEASE]	= { .type = NLA_REJECT },
	[MMSCOPE_A_PT_LEVELS]		= { .type = NLA_REJECT },
	[MMSCOPE_A_PAGE_SIZE]		= { .type = NLA_REJECT },
	[MMSCOPE_A_FEATURES]		= { .type = NLA_REJECT },

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

static int mmscope_nl_get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct mmscope_info mi;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	ret = mmscope_nl_permitted(skb, info);
	if (ret)
		return ret;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &mmscope_family, 0, MMSCOPE_CMD_GET_INFO);
	if (!hdr)
		goto too_big;

	mmscope_get_info(&mi);
	if (nla_put_string(msg, MMSCOPE_A_VERSION, mi.version) ||
	    nla_put_string(msg, MMSCOPE_A_KERNEL_RELEASE, mi.release) ||
	    nla_put_u32(msg, MMSCOPE_A_PT_LEVELS, mi.pt_levels) ||
	    nla_put_u32(msg, MMSCOPE_A_PAGE_SIZE, mi.page_size) ||
	    put_features(msg))
		goto too_big;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

too_big:
	nlmsg_free(msg);
	return -EMSGSIZE;
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

static const struct genl_small_ops mmscope_ops[] = {
	{
		.cmd	= MMSCOPE_CMD_GET_INFO,
		.flags	= GENL_ADMIN_PERM,
		.doit	= mmscope_nl_get_info,
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
