/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mmscope generic-netlink protocol.
 *
 * This header is the single definition of the protocol: the kernel module
 * and the userspace tool both include it.  Bump MMSCOPE_GENL_VERSION on any
 * incompatible change; the tool refuses to talk to a module whose family
 * version differs from its own.
 */
#ifndef _UAPI_MMSCOPE_H
#define _UAPI_MMSCOPE_H

/* Release of the module and tool built from this tree. */
#define MMSCOPE_RELEASE		"0.1.0"

#define MMSCOPE_GENL_NAME	"mmscope"
#define MMSCOPE_GENL_VERSION	1

/* Commands.  Every command requires CAP_SYS_ADMIN. */
enum mmscope_cmd {
	MMSCOPE_CMD_UNSPEC,
	MMSCOPE_CMD_GET_INFO,		/* do: module and kernel facts */

	__MMSCOPE_CMD_MAX,
};

#define MMSCOPE_CMD_MAX (__MMSCOPE_CMD_MAX - 1)

/* Top-level attributes. */
enum mmscope_attr {
	MMSCOPE_A_UNSPEC,
	MMSCOPE_A_PAD,
	MMSCOPE_A_VERSION,		/* string: module version */
	MMSCOPE_A_KERNEL_RELEASE,	/* string: uname -r of the running kernel */
	MMSCOPE_A_PT_LEVELS,		/* u32: paging levels in use (4 or 5) */
	MMSCOPE_A_PAGE_SIZE,		/* u32: base page size in bytes */
	MMSCOPE_A_FEATURES,		/* nest: MMSCOPE_A_FEATURE, repeated */

	__MMSCOPE_A_MAX,
};

#define MMSCOPE_A_MAX (__MMSCOPE_A_MAX - 1)

/* Attributes inside one MMSCOPE_A_FEATURE nest. */
enum mmscope_feature_attr {
	MMSCOPE_FEAT_UNSPEC,
	MMSCOPE_FEAT_NAME,		/* string: short feature name */
	MMSCOPE_FEAT_AVAILABLE,		/* u8: 1 if usable on this kernel */
	MMSCOPE_FEAT_REASON,		/* string: why not, when unavailable */

	__MMSCOPE_FEAT_MAX,
};

#define MMSCOPE_FEAT_MAX (__MMSCOPE_FEAT_MAX - 1)

/* MMSCOPE_A_FEATURES nests carry this type for each entry. */
#define MMSCOPE_A_FEATURE	1

#endif /* _UAPI_MMSCOPE_H */
