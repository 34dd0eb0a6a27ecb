// SPDX-License-Identifier: GPL-2.0
/* mmscope: command-line entry point and sub-command dispatch. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "mmscope.h"
#include "util.h"

static const struct mms_command *const commands[] = {
	&mms_cmd_info,
	&mms_cmd_mm,
	&mms_cmd_vmas,
	&mms_cmd_ptes,
	&mms_cmd_xlate,
	&mms_cmd_buddy,
	&mms_cmd_slab,
	&mms_cmd_demo,
	&mms_cmd_rmap,
	&mms_cmd_faults,
	&mms_cmd_frames,
	&mms_cmd_top,
	&mms_cmd_policy,
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	size_t i;

	fprintf(out,
"Usage: mmscope [-j|--json] COMMAND [ARGS...]\n"
"       mmscope -h|--help | -V|--version | help COMMAND\n"
"\n"
"Inspect a live process's memory as the MMU and the kernel's mm subsystem see\n"
"it, through the mmscope kernel module (generic netlink family \"mmscope\").\n"
"Every command needs CAP_SYS_ADMIN (run as root).\n"
"\n"
"Commands:\n");
	for (i = 0; i < NR_COMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(out,
"\n"
"Options:\n"
"  -j, --json     JSON output (also accepted after the command)\n"
"  -h, --help     show this help; 'mmscope COMMAND --help' for a command\n"
"  -V, --version  show the tool's version and protocol\n"
"\n"
"Exit status:\n"
"  0  success\n"
"  1  the operation failed (the kernel refused it or it could not be done)\n"
"  2  usage error\n"
"  3  the mmscope module is not loaded\n"
"  4  permission denied (CAP_SYS_ADMIN needed)\n"
"  5  the tool and the loaded module speak different protocol versions\n");
}

static const struct mms_command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(commands[i]->name, name))
			return commands[i];
	return NULL;
}

int mms_cmd_common_opts(const struct mms_command *cmd, int argc, char **argv,
			struct mms_opts *opts)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opts->json = true;
			break;
		case 'h':
			fputs(cmd->help, stdout);
			return MMS_EXIT_OK;
		default:
			fprintf(stderr, "See 'mmscope %s --help'.\n", cmd->name);
			return MMS_EXIT_USAGE;
		}
	}
	return -1;
}

int mms_cmd_pid(const struct mms_command *cmd, const char *arg, int *pid)
{
	if (!arg) {
		mms_err("%s: missing PID (see 'mmscope %s --help')", cmd->name, cmd->name);
		return MMS_EXIT_USAGE;
	}
	if (mms_parse_pid(arg, pid)) {
		mms_err("%s: '%s' is not a PID (a positive decimal number)", cmd->name, arg);
		return MMS_EXIT_USAGE;
	}
	return MMS_EXIT_OK;
}

int mms_connect(struct mms_nl *nl, const char *what)
{
	int ret = mms_nl_open(nl);

	if (!ret)
		return MMS_EXIT_OK;
	ret = mms_nl_report(nl, ret, what);
	mms_nl_close(nl);
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct mms_opts opts = { 0 };
	const struct mms_command *cmd;
	int c;

	while ((c = getopt_long(argc, argv, "+jhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opts.json = true;
			break;
		case 'h':
			usage(stdout);
			return MMS_EXIT_OK;
		case 'V':
			printf("mmscope %s (netlink protocol %d)\n", MMSCOPE_RELEASE,
			       MMSCOPE_GENL_VERSION);
			return MMS_EXIT_OK;
		default:
			usage(stderr);
			return MMS_EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		/* On a terminal, no command means the live view. */
		if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
			return mms_cmd_top.run(1, (char *[]){ "top", NULL }, &opts);
		usage(stderr);
		return MMS_EXIT_USAGE;
	}
	if (!strcmp(argv[0], "help")) {
		if (argc < 2) {
			usage(stdout);
			return MMS_EXIT_OK;
		}
		cmd = find_command(argv[1]);
		if (!cmd) {
			mms_err("unknown command '%s' (see 'mmscope --help')", argv[1]);
			return MMS_EXIT_USAGE;
		}
		fputs(cmd->help, stdout);
		return MMS_EXIT_OK;
	}
	cmd = find_command(argv[0]);
	if (!cmd) {
		mms_err("unknown command '%s' (see 'mmscope --help')", argv[0]);
		return MMS_EXIT_USAGE;
	}
	return cmd->run(argc, argv, &opts);
}
