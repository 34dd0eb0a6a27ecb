/* SPDX-License-Identifier: GPL-2.0 */
/* Small helpers shared by every sub-command: exit codes, messages, parsing. */
#ifndef MMSCOPE_UTIL_H
#define MMSCOPE_UTIL_H

#include <stdbool.h>
#include <stdint.h>

/* Exit codes: documented in `mmscope --help` and Documentation/tool.rst. */
enum mms_exit {
	MMS_EXIT_OK = 0,
	MMS_EXIT_FAIL = 1,		/* the operation failed (kernel said no) */
	MMS_EXIT_USAGE = 2,		/* bad command line */
	MMS_EXIT_NO_MODULE = 3,		/* mmscope.ko is not loaded */
	MMS_EXIT_PERM = 4,		/* not privileged (CAP_SYS_ADMIN needed) */
	MMS_EXIT_PROTO = 5,		/* tool and module speak different protocols */
};

extern const char *mms_progname;

void mms_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Parse a decimal or 0x/0X-prefixed hex unsigned number; the whole string must match. */
int mms_parse_u64(const char *s, uint64_t *out);
/* Parse a PID: a positive decimal (digits only) that fits pid_t. */
int mms_parse_pid(const char *s, int *pid);

#endif
