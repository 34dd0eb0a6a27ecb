// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>

#include "phys_output.h"

const char *mms_index_str(char *buf, size_t len, int32_t v)
{
	snprintf(buf, len, "%s%d.%03d", v < 0 ? "-" : "", abs(v) / 1000, abs(v) % 1000);
	return buf;
}

struct json_object *mms_json_u64_array(const uint64_t *v, unsigned int n)
{
	struct json_object *a = json_object_new_array();
	unsigned int i;

	for (i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_int64((int64_t)v[i]));
	return a;
}
