/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output helpers: aligned text tables and JSON documents.  Every sub-command
 * prints through these so that text and --json carry the same fields.
 */
#ifndef MMSCOPE_OUTPUT_H
#define MMSCOPE_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <json-c/json.h>

struct mms_table;

/* A table with @ncols columns named by @headers (NULL: no header line). */
struct mms_table *mms_table_new(unsigned int ncols, const char *const *headers);
/* Right-align column @col (numbers). */
void mms_table_align_right(struct mms_table *t, unsigned int col);
/* Start a new row; then add exactly ncols cells with mms_table_cell(). */
int mms_table_row(struct mms_table *t);
int mms_table_cell(struct mms_table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print with columns padded to their widest cell, two spaces apart. */
void mms_table_print(const struct mms_table *t, FILE *out);
void mms_table_free(struct mms_table *t);

/* Print @obj (pretty, newline-terminated) and release it.  Returns 0 or -EIO. */
int mms_json_print(struct json_object *obj, FILE *out);

/* A JSON string, or JSON null for NULL/empty @s. */
struct json_object *mms_json_str_or_null(const char *s);

/* A JSON string "0x..." for an address or raw value. */
struct json_object *mms_json_hex(uint64_t v);

#endif
