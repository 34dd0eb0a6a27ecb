// SPDX-License-Identifier: GPL-2.0
/* Generic-netlink transport for the mmscope family, on libmnl. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "mmscope.h"
#include "nl.h"
#include "util.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif

static void copy_ext_msg(struct mms_nl *nl, const struct nlmsghdr *nlh, unsigned int off)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, off) {
		if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) >= 0) {
			snprintf(nl->ext_msg, sizeof(nl->ext_msg), "%s", mnl_attr_get_str(a));
			return;
		}
	}
}

/* One request in flight: libmnl hands the same pointer to data and control callbacks. */
struct transact {
	struct mms_nl *nl;
	mnl_cb_t cb;
	void *data;
};

static int data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct transact *t = data;

	return t->cb ? t->cb(nlh, t->data) : MNL_CB_OK;
}

/* NLMSG_ERROR: an ack (error 0) ends a request; anything else is the kernel's errno. */
static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	struct mms_nl *nl = ((struct transact *)data)->nl;
	unsigned int off;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (e->error == 0)
		return MNL_CB_STOP;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		off = sizeof(*e);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
		copy_ext_msg(nl, nlh, off);
	}
	errno = e->error < 0 ? -e->error : e->error;
	return MNL_CB_ERROR;
}

/* NLMSG_DONE ends a dump; its payload is the dump's final status. */
static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct mms_nl *nl = ((struct transact *)data)->nl;
	int status = 0;

	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int))
		memcpy(&status, mnl_nlmsg_get_payload(nlh), sizeof(int));
	if (status < 0) {
		if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
			copy_ext_msg(nl, nlh, sizeof(int));
		errno = -status;
		return MNL_CB_ERROR;
	}
	return MNL_CB_STOP;
}

static mnl_cb_t ctl_cbs[NLMSG_MIN_TYPE] = {
	[NLMSG_ERROR] = error_cb,
	[NLMSG_DONE] = done_cb,
};

static struct nlmsghdr *put_header(struct mms_nl *nl, uint16_t type, uint8_t cmd,
				   uint8_t version, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(nl->buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++nl->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = version;
	return nlh;
}

int mms_nl_transact(struct mms_nl *nl, struct nlmsghdr *req, mnl_cb_t cb, void *data)
{
	struct transact t = { .nl = nl, .cb = cb, .data = data };
	uint32_t seq = req->nlmsg_seq;
	ssize_t n;
	int ret;

	nl->ext_msg[0] = '\0';
	if (!(req->nlmsg_flags & NLM_F_DUMP))
		req->nlmsg_flags |= NLM_F_ACK;
	if (mnl_socket_sendto(nl->sock, req, req->nlmsg_len) < 0)
		return -errno;
	do {
		n = mnl_socket_recvfrom(nl->sock, nl->buf, MMS_NL_BUFSIZE);
		if (n < 0)
			return -errno;
		errno = 0;
		ret = mnl_cb_run2(nl->buf, n, seq, nl->portid, data_cb, &t,
				  ctl_cbs, NLMSG_MIN_TYPE);
		if (ret == MNL_CB_ERROR && errno == 0)
			return -EIO;
	} while (ret > MNL_CB_STOP);
	return ret == MNL_CB_ERROR ? -errno : 0;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct mms_nl *nl = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case CTRL_ATTR_FAMILY_ID:
			if (mnl_attr_validate(a, MNL_TYPE_U16) >= 0)
				nl->family = mnl_attr_get_u16(a);
			break;
		case CTRL_ATTR_VERSION:
			if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
				nl->version = mnl_attr_get_u32(a);
			break;
		}
	}
	return MNL_CB_OK;
}

int mms_nl_open(struct mms_nl *nl)
{
	struct nlmsghdr *nlh;
	int one = 1, ret;

	memset(nl, 0, sizeof(*nl));
	nl->buf = malloc(MMS_NL_BUFSIZE);
	if (!nl->buf)
		return -ENOMEM;
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock)
		return -errno;
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0)
		return -errno;
	/* Best effort: older kernels simply do not send extended acks. */
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (uint32_t)time(NULL);

	nlh = put_header(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, MMSCOPE_GENL_NAME);
	ret = mms_nl_transact(nl, nlh, family_cb, nl);
	if (ret)
		return ret;
	if (!nl->family)
		return -ENOENT;
	if (nl->version != MMSCOPE_GENL_VERSION)
		return -EPROTO;
	return 0;
}

void mms_nl_close(struct mms_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl->buf);
	nl->sock = NULL;
	nl->buf = NULL;
}

struct nlmsghdr *mms_nl_request(struct mms_nl *nl, uint8_t cmd, uint16_t flags)
{
	return put_header(nl, nl->family, cmd, MMSCOPE_GENL_VERSION, flags);
}

int mms_nl_report(const struct mms_nl *nl, int err, const char *what)
{
	if (err >= 0)
		return MMS_EXIT_OK;
	if (err == -ENOENT && !nl->family) {
		mms_err("the mmscope kernel module is not loaded; load it with: sudo insmod module/mmscope.ko");
		return MMS_EXIT_NO_MODULE;
	}
	if (err == -EPROTO && nl->family && nl->version != MMSCOPE_GENL_VERSION) {
		mms_err("protocol version mismatch: this tool speaks %d, the loaded module speaks %u; build and load both from the same tree",
			MMSCOPE_GENL_VERSION, nl->version);
		return MMS_EXIT_PROTO;
	}
	if (err == -EPERM || err == -EACCES) {
		mms_err("%s: permission denied: mmscope needs CAP_SYS_ADMIN (run it as root)", what);
		return MMS_EXIT_PERM;
	}
	if (nl->ext_msg[0])
		mms_err("%s: %s (%s)", what, nl->ext_msg, strerror(-err));
	else
		mms_err("%s: %s", what, strerror(-err));
	return MMS_EXIT_FAIL;
}
