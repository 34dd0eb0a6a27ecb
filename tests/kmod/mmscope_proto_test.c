// SPDX-License-Identifier: GPL-2.0
/*
 * Test module: registers a generic-netlink family named like mmscope's but
 * announcing the next protocol version, so the tool's mismatch check can be
 * exercised against a real kernel.
 */
#include <linux/module.h>
#include <net/genetlink.h>

#include "uapi/mmscope.h"

static int proto_test_info(struct sk_buff *skb, struct genl_info *info)
{
	return -EOPNOTSUPP;
}

static const struct genl_small_ops proto_test_ops[] = {
	{
		.cmd	= MMSCOPE_CMD_GET_INFO,
		.flags	= GENL_ADMIN_PERM,
		.doit	= proto_test_info,
	},
};

static struct genl_family proto_test_family __ro_after_init = {
	.name		= MMSCOPE_GENL_NAME,
	.version	= MMSCOPE_GENL_VERSION + 1,
	.module		= THIS_MODULE,
	.small_ops	= proto_test_ops,
	.n_small_ops	= ARRAY_SIZE(proto_test_ops),
	.resv_start_op	= MMSCOPE_CMD_GET_INFO,
};

static int __init proto_test_init(void)
{
	return genl_register_family(&proto_test_family);
}

static void __exit proto_test_exit(void)
{
	genl_unregister_family(&proto_test_family);
}

module_init(proto_test_init);
module_exit(proto_test_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mmscope test: a family with a newer protocol version");
