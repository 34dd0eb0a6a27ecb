// SPDX-License-Identifier: GPL-2.0
/*
 * nlperm denied|allowed: send every command of the mmscope family, numbers
 * 1 to MMSCOPE_CMD_MAX (so commands added later are covered without a
 * change here), both as a request and as a dump, each carrying this
 * process's PID, and print one line per command and mode with the errno
 * the kernel answered ("ok" for an answer).
 *
 *   denied:  every command must be refused with EPERM in the mode it
 *            supports; the other mode may only be EOPNOTSUPP; nothing is
 *            answered.
 *   allowed: no command is refused with EPERM.
 *
 * Exit 0 when the expectation holds, 1 otherwise, 2 on usage errors.
 */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "../../../module/uapi/mmscope.h"
#include "genl_family.h"

static char buf[65536];
static struct mnl_socket *sock;
static unsigned int seq, portid;

/* NLMSG_DONE carries a dump's final status: libmnl's default ignores it. */
static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	int status = 0;

	(void)data;
	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int))
		memcpy(&status, mnl_nlmsg_get_payload(nlh), sizeof(int));
	if (status < 0) {
		errno = -status;
		return MNL_CB_ERROR;
	}
	return MNL_CB_STOP;
}

static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

	(void)data;
	if (e->error == 0)
		return MNL_CB_STOP;
	errno = -e->error;
	return MNL_CB_ERROR;
}

static mnl_cb_t ctl_cbs[NLMSG_MIN_TYPE] = {
	[NLMSG_ERROR] = error_cb,
	[NLMSG_DONE] = done_cb,
};

/* Send one request; 0 if answered, else the errno it ended with. */
static int send_req(uint16_t type, uint8_t cmd, bool dump, mnl_cb_t cb, void *data,
		    const char *family_name)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct pollfd p = { .fd = mnl_socket_get_fd(sock), .events = POLLIN };
	struct genlmsghdr *g;
	ssize_t n;
	int ret;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (dump ? NLM_F_DUMP : 0);
	nlh->nlmsg_seq = ++seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = family_name ? 1 : MMSCOPE_GENL_VERSION;
	if (family_name)
		mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, family_name);
	else
		mnl_attr_put_u32(nlh, MMSCOPE_A_PID, getpid());
	if (mnl_socket_sendto(sock, nlh, nlh->nlmsg_len) < 0)
		return errno;
	do {
		if (poll(&p, 1, 60000) <= 0)
			return ETIMEDOUT;
		n = mnl_socket_recvfrom(sock, buf, sizeof(buf));
		if (n < 0)
			return errno;
		ret = mnl_cb_run2(buf, n, seq, portid, cb, data, ctl_cbs, NLMSG_MIN_TYPE);
	} while (ret > 0);
	return ret < 0 ? errno : 0;
}

int main(int argc, char **argv)
{
	bool denied;
	uint16_t family = 0;
	unsigned int cmd, bad = 0;
	int e[2], m;

	if (argc != 2 || (strcmp(argv[1], "denied") && strcmp(argv[1], "allowed"))) {
		fprintf(stderr, "usage: nlperm denied|allowed\n");
		return 2;
	}
	denied = !strcmp(argv[1], "denied");
	sock = mnl_socket_open(NETLINK_GENERIC);
	if (!sock || mnl_socket_bind(sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("nlperm: socket");
		return 1;
	}
	portid = mnl_socket_get_portid(sock);
	/* Resolving the family is open to everyone, as for any genetlink family. */
	if (send_req(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, false, genl_family_id_cb, &family,
		     MMSCOPE_GENL_NAME) || !family) {
		printf("nlperm: the mmscope family is not registered\n");
		return 1;
	}
	for (cmd = 1; cmd <= MMSCOPE_CMD_MAX; cmd++) {
		for (m = 0; m < 2; m++)
			e[m] = send_req(family, cmd, m, NULL, NULL, NULL);
		printf("command %2u: request %s, dump %s\n", cmd,
		       e[0] ? strerrorname_np(e[0]) : "ok", e[1] ? strerrorname_np(e[1]) : "ok");
		if (denied) {
			for (m = 0; m < 2; m++)
				if (e[m] != EPERM && e[m] != EOPNOTSUPP)
					bad++;
			if (e[0] != EPERM && e[1] != EPERM)
				bad++;
		} else if (e[0] == EPERM || e[1] == EPERM) {
			bad++;
		}
	}
	printf("nlperm: %u commands, %s expected: %s\n", MMSCOPE_CMD_MAX, argv[1],
	       bad ? "NOT MET" : "met");
	return bad ? 1 : 0;
}
