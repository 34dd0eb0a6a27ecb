/* SPDX-License-Identifier: GPL-2.0 */
/* Sub-commands: one file each, registered in main.c's table. */
#ifndef MMSCOPE_COMMANDS_H
#define MMSCOPE_COMMANDS_H

#include <stdbool.h>

#include "nl.h"

/* Options given before the sub-command, shared by all of them. */
struct mms_opts {
	bool json;
};

struct mms_command {
	const char *name;
	const char *summary;		/* one line for the command list */
	const char *help;		/* full text for `mmscope CMD --help` */
	int (*run)(int argc, char **argv, struct mms_opts *opts);
};

extern const struct mms_command mms_cmd_info;
extern const struct mms_command mms_cmd_mm;
extern const struct mms_command mms_cmd_vmas;
extern const struct mms_command mms_cmd_ptes;
extern const struct mms_command mms_cmd_xlate;

/*
 * The operand PID of an address-space command: prints the reason and returns
 * an exit code when it is missing or malformed, 0 otherwise.
 */
int mms_cmd_pid(const struct mms_command *cmd, const char *arg, int *pid);
extern const struct mms_command mms_cmd_buddy;
extern const struct mms_command mms_cmd_slab;
extern const struct mms_command mms_cmd_demo;
extern const struct mms_command mms_cmd_rmap;
extern const struct mms_command mms_cmd_faults;
extern const struct mms_command mms_cmd_frames;
extern const struct mms_command mms_cmd_top;
extern const struct mms_command mms_cmd_policy;

/*
 * Parse the options every sub-command accepts (--json, --help).  Returns -1
 * to go on, or an exit code to return at once.  On return, optind indexes the
 * first operand.
 */
int mms_cmd_common_opts(const struct mms_command *cmd, int argc, char **argv,
			struct mms_opts *opts);

/* Open the netlink transport; prints the reason and returns an exit code on failure. */
int mms_connect(struct mms_nl *nl, const char *what);

#endif
