// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>

#include "mmscope.h"
#include "model.h"

static void copy_str(char *dst, size_t len, const struct nlattr *a)
{
	if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
		return;
	snprintf(dst, len, "%s", mnl_attr_get_str(a));
}

static void parse_feature(const struct nlattr *nest, struct mms_info *info)
{
	struct mms_feature *f;
	const struct nlattr *a;

	if (info->nr_features >= MMS_MAX_FEATURES)
		return;
	f = &info->features[info->nr_features];
	memset(f, 0, sizeof(*f));
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case MMSCOPE_FEAT_NAME:
			copy_str(f->name, sizeof(f->name), a);
			break;
		case MMSCOPE_FEAT_AVAILABLE:
			if (mnl_attr_validate(a, MNL_TYPE_U8) >= 0)
				f->available = mnl_attr_get_u8(a);
			break;
		case MMSCOPE_FEAT_REASON:
			copy_str(f->reason, sizeof(f->reason), a);
			break;
		}
	}
	if (f->name[0])
		info->nr_features++;
}

int mms_info_parse(const struct nlmsghdr *nlh, void *data)
{
	struct mms_info *info = data;
	const struct nlattr *a, *f;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case MMSCOPE_A_VERSION:
			copy_str(info->version, sizeof(info->version), a);
			break;
		case MMSCOPE_A_KERNEL_RELEASE:
			copy_str(info->release, sizeof(info->release), a);
			break;
		case MMSCOPE_A_PT_LEVELS:
			if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
				info->pt_levels = mnl_attr_get_u32(a);
			break;
		case MMSCOPE_A_PAGE_SIZE:
			if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
				info->page_size = mnl_attr_get_u32(a);
			break;
		case MMSCOPE_A_FEATURES:
			if (mnl_attr_validate(a, MNL_TYPE_NESTED) < 0)
				break;
			mnl_attr_for_each_nested(f, a)
				if (mnl_attr_get_type(f) == MMSCOPE_A_FEATURE &&
				    mnl_attr_validate(f, MNL_TYPE_NESTED) >= 0)
					parse_feature(f, info);
			break;
		}
	}
	return MNL_CB_OK;
}

int mms_get_info(struct mms_nl *nl, struct mms_info *info)
{
	struct nlmsghdr *req;

	memset(info, 0, sizeof(*info));
	req = mms_nl_request(nl, MMSCOPE_CMD_GET_INFO, 0);
	return mms_nl_transact(nl, req, mms_info_parse, info);
}
