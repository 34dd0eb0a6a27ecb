/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Data model: what the module reports, as plain C structures.  Parsers turn
 * netlink messages into these; views and sub-commands only read them.
 */
#ifndef MMSCOPE_MODEL_H
#define MMSCOPE_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/netlink.h>

#include "nl.h"

#define MMS_MAX_FEATURES 64

struct mms_feature {
	char name[32];
	bool available;
	char reason[160];		/* empty when available */
};

struct mms_info {
	char version[32];
	char release[72];
	uint32_t pt_levels;
	uint32_t page_size;
	unsigned int nr_features;
	struct mms_feature features[MMS_MAX_FEATURES];
};

/* libmnl data callback: parse a GET_INFO reply into @data (struct mms_info). */
int mms_info_parse(const struct nlmsghdr *nlh, void *data);

/* Ask the module for its info.  Returns 0 or a negative errno. */
int mms_get_info(struct mms_nl *nl, struct mms_info *info);

#endif
