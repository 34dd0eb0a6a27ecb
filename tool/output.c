// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

struct mms_table {
	unsigned int ncols;
	unsigned int nrows;		/* rows including the header, if any */
	unsigned int cap;		/* allocated rows */
	unsigned int filled;		/* cells filled in the last row */
	bool header;
	bool *right;
	char **cells;			/* nrows * ncols, row-major */
};

struct mms_table *mms_table_new(unsigned int ncols, const char *const *headers)
{
	struct mms_table *t;
	unsigned int i;

	if (!ncols)
		return NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->ncols = ncols;
	t->right = calloc(ncols, sizeof(*t->right));
	if (!t->right) {
		free(t);
		return NULL;
	}
	if (headers) {
		if (mms_table_row(t)) {
			mms_table_free(t);
			return NULL;
		}
		for (i = 0; i < ncols; i++)
			mms_table_cell(t, "%s", headers[i]);
		t->header = true;
	}
	return t;
}

void mms_table_align_right(struct mms_table *t, unsigned int col)
{
	if (col < t->ncols)
		t->right[col] = true;
}

int mms_table_row(struct mms_table *t)
{
	char **cells;
	unsigned int cap;

	if (t->nrows == t->cap) {
		cap = t->cap ? t->cap * 2 : 16;
		cells = realloc(t->cells, (size_t)cap * t->ncols * sizeof(*cells));
		if (!cells)
			return -ENOMEM;
		t->cells = cells;
		t->cap = cap;
	}
	memset(&t->cells[(size_t)t->nrows * t->ncols], 0, t->ncols * sizeof(*t->cells));
	t->nrows++;
	t->filled = 0;
	return 0;
}

int mms_table_cell(struct mms_table *t, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	if (!t->nrows || t->filled >= t->ncols)
		return -EINVAL;
	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -ENOMEM;
	t->cells[(size_t)(t->nrows - 1) * t->ncols + t->filled++] = s;
	return 0;
}

void mms_table_print(const struct mms_table *t, FILE *out)
{
	size_t *width = calloc(t->ncols, sizeof(*width));
	size_t len, pad;
	unsigned int r, c;
	const char *s;

	if (!width)
		return;
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			s = t->cells[(size_t)r * t->ncols + c];
			len = s ? strlen(s) : 0;
			if (len > width[c])
				width[c] = len;
		}
	for (r = 0; r < t->nrows; r++) {
		pad = 0;
		for (c = 0; c < t->ncols; c++) {
			s = t->cells[(size_t)r * t->ncols + c];
			if (!s)
				s = "";
			len = strlen(s);
			/* Padding is written lazily, so a line never ends in blanks. */
			if (t->right[c])
				pad += width[c] - len;
			if (*s) {
				fprintf(out, "%*s%s", (int)pad, "", s);
				pad = 0;
			}
			if (!t->right[c])
				pad += width[c] - len;
			pad += 2;
		}
		fputc('\n', out);
	}
	free(width);
}

void mms_table_free(struct mms_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < (size_t)t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->right);
	free(t);
}

int mms_json_print(struct json_object *obj, FILE *out)
{
	const char *s = json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY |
						       JSON_C_TO_STRING_SPACED |
						       JSON_C_TO_STRING_NOSLASHESCAPE);
	int ret = 0;

	if (!s || fprintf(out, "%s\n", s) < 0)
		ret = -EIO;
	json_object_put(obj);
	return ret;
}

struct json_object *mms_json_str_or_null(const char *s)
{
	return s && *s ? json_object_new_string(s) : NULL;
}

struct json_object *mms_json_hex(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)v);
	return json_object_new_string(buf);
}
