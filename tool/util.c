// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

const char *mms_progname = "mmscope";

void mms_err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", mms_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int mms_parse_u64(const char *s, uint64_t *out)
{
	unsigned long long v;
	int base = 10;
	char *end;

	/* strtoull alone would skip blanks, accept signs and read 010 as octal. */
	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		if (!isxdigit((unsigned char)*s))
			return -EINVAL;
	}
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno == ERANGE)
		return -ERANGE;
	if (*end || end == s)
		return -EINVAL;
	*out = v;
	return 0;
}

int mms_parse_pid(const char *s, int *pid)
{
	uint64_t v;
	int ret;

	const char *p;

	if (!s || !*s)
		return -EINVAL;
	for (p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return -EINVAL;
	ret = mms_parse_u64(s, &v);
	if (ret)
		return ret;
	/* The kernel caps PIDs at 2^22 (PID_MAX_LIMIT); INT_MAX is the type's bound. */
	if (v == 0 || v > INT_MAX)
		return -ERANGE;
	*pid = (int)v;
	return 0;
}
