/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transport: a generic-netlink socket speaking to the mmscope family (libmnl).
 * Knows nothing about what the messages mean; model.c does.
 */
#ifndef MMSCOPE_NL_H
#define MMSCOPE_NL_H

#include <stdint.h>
#include <libmnl/libmnl.h>

/*
 * Receive buffer: the kernel sizes dump messages to the largest read it has
 * seen (up to 32 KiB), so a large buffer means fewer, fuller messages.
 */
#define MMS_NL_BUFSIZE (64 * 1024)

struct mms_nl {
	struct mnl_socket *sock;
	uint32_t portid;
	uint32_t seq;
	uint16_t family;		/* resolved family id */
	uint32_t version;		/* family version the module announces */
	char *buf;			/* MMS_NL_BUFSIZE bytes */
	char ext_msg[256];		/* kernel's extended-ack message, if any */
};

/*
 * Open the socket and resolve the family.  Returns 0 or a negative errno:
 * -ENOENT when the module is not loaded, -EPROTO on a version mismatch
 * (nl->version then holds the module's version).
 */
int mms_nl_open(struct mms_nl *nl);
void mms_nl_close(struct mms_nl *nl);

/* Start a request for @cmd in the socket's buffer; add attributes, then transact. */
struct nlmsghdr *mms_nl_request(struct mms_nl *nl, uint8_t cmd, uint16_t flags);

/*
 * Send @req and run @cb on every reply message until the kernel's ack or the
 * end of a dump.  Returns 0, or a negative errno (the kernel's, or -EIO).
 */
int mms_nl_transact(struct mms_nl *nl, struct nlmsghdr *req, mnl_cb_t cb, void *data);

/*
 * Map a transport/kernel error to an exit code and print a message that says
 * what to do about it.  @what names the operation ("info", "mm 123").
 */
int mms_nl_report(const struct mms_nl *nl, int err, const char *what);

#endif
