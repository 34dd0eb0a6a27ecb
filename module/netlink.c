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
};

static struct genl_family mmscope_family;

static int mmscope_nl_permitted(struct sk_buff *skb, struct genl_info *info)
{
	if (netlink_capable(skb, CAP_SYS_ADMIN))
		return 0;
	GENL_SET_ERR_MSG(info, "mmscope requires CAP_SYS_ADMIN");
	return -EPERM;
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

static const struct genl_small_ops mmscope_ops[] = {
	{
		.cmd	= MMSCOPE_CMD_GET_INFO,
		.flags	= GENL_ADMIN_PERM,
		.doit	= mmscope_nl_get_info,
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
