/* SPDX-License-Identifier: GPL-2.0 */
/* Formatting shared by the physical-memory commands (buddy, demo). */
#ifndef MMSCOPE_PHYS_OUTPUT_H
#define MMSCOPE_PHYS_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <json-c/json.h>

/* An index x1000 as the kernel prints it: "0.123", "-1.000". */
const char *mms_index_str(char *buf, size_t len, int32_t v);

/* A JSON array of @n unsigned counts (per-order arrays). */
struct json_object *mms_json_u64_array(const uint64_t *v, unsigned int n);

#endif
