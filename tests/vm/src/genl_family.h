/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The test programs' shared piece of generic-netlink family resolution: the
 * libmnl callback for a CTRL_CMD_GETFAMILY answer.  Each program sends the
 * request with its own plumbing (blocking, per thread, through its checker).
 */
#ifndef MMSCOPE_TEST_GENL_FAMILY_H
#define MMSCOPE_TEST_GENL_FAMILY_H

#include <stdint.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

/* mnl_cb_run() callback: store the family id in the uint16_t at @data. */
static inline int genl_family_id_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID)
			*(uint16_t *)data = mnl_attr_get_u16(a);
	return MNL_CB_OK;
}

#endif
