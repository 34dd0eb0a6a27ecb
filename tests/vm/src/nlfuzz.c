// SPDX-License-Identifier: GPL-2.0
/*
 * nlfuzz: malformed and random requests against mmscope's interfaces.
 *
 *   nlfuzz [--seed N] [--iterations N] [--debugfs DIR] [--verbose]
 *
 * Each iteration is one of:
 *   - a generic-netlink request to the mmscope family: a known command with
 *     plausible attributes (interesting values: 0, -1, huge ranges, this
 *     process, a forked target, init, a kernel thread, absent PIDs), then
 *     0-3 mutations (unknown command, dump flag flipped, attribute dropped,
 *     duplicated, retyped, resized to 0..4000 bytes, wrapped in a nest,
 *     unknown attribute, garbage genl version, truncated nla_len);
 *   - a dump interrupted by closing the socket after 0 or 1 messages;
 *   - a random write (text or binary, 0..4200 bytes) to a writable file of
 *     the debugfs directory (default /sys/kernel/debug/mmscope), then a read
 *     of a random file there.
 *
 * Every netlink request must be answered by an error (NLMSG_ERROR < 0, or
 * NLMSG_DONE with an error) or by valid replies: messages of the family,
 * the request's command, well-formed attributes and nests, and no u64 that
 * looks like a kernel virtual address.  A request unanswered for 60 s is a
 * hang.  The first violation stops the run with exit 1 and prints how to
 * replay it.  The seed (random unless given) is printed first.
 *
 * State the requests create (demo blocks and slab objects, fault tracking)
 * is released every 512 iterations and at the end.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "../../../module/uapi/mmscope.h"
#include "genl_family.h"

#define BUFSZ		(64 * 1024)
#define REPLY_TIMEOUT_MS 60000

static uint64_t rng;
static bool verbose;
static uint64_t seed;
static unsigned long iterations = 20000, iter;

static uint64_t rnd(void)
{
	/* xorshift64*: reproducible from the printed seed on any libc. */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static unsigned int below(unsigned int n)
{
	return n ? rnd() % n : 0;
}

static bool chance(unsigned int one_in)
{
	return below(one_in) == 0;
}

/* ---- counters ----------------------------------------------------------- */

static struct {
	unsigned long requests, answered, errors, dumps, interrupted;
	unsigned long dbg_writes, dbg_write_errors, dbg_reads, cleanups;
} st;

static unsigned long errnos[256];

static void __attribute__((noreturn, format(printf, 1, 2))) fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stdout, "nlfuzz: FAIL at iteration %lu: ", iter);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	printf("\nnlfuzz: replay with: nlfuzz --seed %" PRIu64 " --iterations %lu\n",
	       seed, iter + 1);
	fflush(stdout);
	exit(1);
}

/* ---- netlink ------------------------------------------------------------ */

static struct mnl_socket *sock;
static unsigned int portid, seqno;
static uint16_t family;
static char buf[BUFSZ], rbuf[BUFSZ];

static void open_sock(void)
{
	int one = 1;

	sock = mnl_socket_open(NETLINK_GENERIC);
	if (!sock || mnl_socket_bind(sock, 0, MNL_SOCKET_AUTOPID) < 0)
		fail("netlink socket: %s", strerror(errno));
	/* Error messages (extack) are part of what is checked. */
	mnl_socket_setsockopt(sock, NETLINK_EXT_ACK, &one, sizeof(one));
	portid = mnl_socket_get_portid(sock);
}

static void resolve_family(void)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;
	ssize_t n;
	int ret;

	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++seqno;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, MMSCOPE_GENL_NAME);
	if (mnl_socket_sendto(sock, nlh, nlh->nlmsg_len) < 0)
		fail("send: %s", strerror(errno));
	do {
		n = mnl_socket_recvfrom(sock, rbuf, sizeof(rbuf));
		if (n < 0)
			fail("recv: %s", strerror(errno));
		ret = mnl_cb_run(rbuf, n, seqno, portid, genl_family_id_cb, &family);
	} while (ret > 0);
	if (!family) {
		printf("nlfuzz: the mmscope family is not registered (module loaded?)\n");
		exit(1);
	}
}

/* Plausible values for the request attributes, by kind. */
static pid_t pids[8];
static unsigned long target_lo, target_hi;

static uint32_t pick_pid(void)
{
	switch (below(10)) {
	case 0: return 0;
	case 1: return UINT32_MAX;
	case 2: return 4194304 + below(8);	/* PID_MAX_LIMIT and around */
	case 3: return 1 + below(400);
	default: return pids[below(8)];
	}
}

static uint64_t pick_addr(void)
{
	static const uint64_t v[] = {
		0, 1, 4095, 4096, 0x7ffffffff000ULL, 0x800000000000ULL,
		0x00fffffffffff000ULL, 0x0100000000000000ULL, 0xffff800000000000ULL,
		0xff11000000000000ULL, 0xffffffffffffffffULL, 0x8000000000000000ULL,
		0x400000, 0x7fffffffffffULL,
	};

	switch (below(4)) {
	case 0: return v[below(sizeof(v) / sizeof(v[0]))];
	case 1: return rnd();
	default: return target_lo + (below(16) ? rnd() % (target_hi - target_lo + 1) : 0);
	}
}

static uint64_t pick_num(void)
{
	static const uint64_t v[] = {
		0, 1, 2, 7, 8, 9, 10, 11, 12, 31, 32, 63, 64, 65, 255, 256, 4096, 4097,
		8192, 8193, 16384, 16385, 0x7fffffff, 0x80000000, 0xffffffff,
		0x100000000ULL, 0xffffffffffffffffULL,
	};

	return below(3) ? v[below(sizeof(v) / sizeof(v[0]))] : rnd();
}

/* What a request attribute holds, for the generator. */
enum kind { K_PID, K_ADDR, K_NUM, K_FLAG, K_PFN };

struct attr_spec {
	uint16_t type;
	uint8_t len;		/* 0: flag */
	enum kind kind;
};

/*
 * The commands and the attributes they take.  New commands go here, one
 * line each; commands the module does not know are generated anyway.
 */
struct cmd_spec {
	uint8_t cmd;
	bool dump;
	struct attr_spec attrs[5];
};

#define A(t, l, k) { MMSCOPE_A_##t, l, k }
static const struct cmd_spec cmds[] = {
	{ MMSCOPE_CMD_GET_INFO, false, { { 0 } } },
	{ MMSCOPE_CMD_GET_MM, false, { A(PID, 4, K_PID) } },
	{ MMSCOPE_CMD_GET_VMAS, true, { A(PID, 4, K_PID), A(START, 8, K_ADDR), A(END, 8, K_ADDR) } },
	{ MMSCOPE_CMD_GET_PTES, true, { A(PID, 4, K_PID), A(START, 8, K_ADDR), A(END, 8, K_ADDR),
					A(FILTER, 4, K_NUM) } },
	{ MMSCOPE_CMD_XLATE, false, { A(PID, 4, K_PID), A(VA, 8, K_ADDR) } },
	{ MMSCOPE_CMD_GET_BUDDY, true, { { 0 } } },
	{ MMSCOPE_CMD_DEMO_BUDDY_ALLOC, false, { A(DEMO_ORDER, 4, K_NUM), A(DEMO_COUNT, 4, K_NUM) } },
	{ MMSCOPE_CMD_DEMO_BUDDY_FREE, false, { A(DEMO_PFN, 8, K_PFN), A(DEMO_FREE_ALL, 0, K_FLAG) } },
	{ MMSCOPE_CMD_DEMO_BUDDY_LIST, true, { { 0 } } },
	{ MMSCOPE_CMD_DEMO_SLAB, false, { A(DEMO_SLAB_OP, 1, K_NUM), A(DEMO_SLAB_SIZE, 4, K_NUM),
					  A(DEMO_SLAB_COUNT, 4, K_NUM) } },
	{ MMSCOPE_CMD_GET_RMAP, false, { A(PFN, 8, K_PFN), A(PID, 4, K_PID), A(VA, 8, K_ADDR),
					 A(RMAP_SCAN, 0, K_FLAG) } },
	{ MMSCOPE_CMD_GET_FAULTS, true, { A(PID, 4, K_PID) } },
	{ MMSCOPE_CMD_GET_FAULT_EVENTS, true, { A(PID, 4, K_PID), A(FAULT_CURSOR, 8, K_NUM) } },
	{ MMSCOPE_CMD_FAULTS_TRACK, false, { A(PID, 4, K_PID), A(FAULT_TRACK, 1, K_NUM) } },
};
#undef A

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static uint64_t pfn_seen[64];

/* u64 values of the request: replies may echo them (XL_VA, RMAP_VA...). */
static uint64_t sent[64];
static unsigned int nsent;

static bool was_sent(uint64_t v)
{
	unsigned int i;

	for (i = 0; i < nsent && i < 64; i++)
		if (sent[i] == v)
			return true;
	return false;
}

static uint64_t pick_pfn(void)
{
	switch (below(4)) {
	case 0: return pick_num();
	case 1: return below(1 << 20);
	default: return pfn_seen[below(64)];
	}
}

static void put_value(struct nlmsghdr *nlh, uint16_t type, unsigned int len, enum kind kind)
{
	uint64_t v;
	unsigned char raw[8];

	switch (kind) {
	case K_PID: v = pick_pid(); break;
	case K_ADDR: v = pick_addr(); break;
	case K_PFN: v = pick_pfn(); break;
	case K_FLAG: mnl_attr_put(nlh, type, 0, NULL); return;
	default: v = pick_num(); break;
	}
	/* Small values for u8 ops half of the time, so handlers run. */
	if (len == 1 && below(2))
		v = below(8);
	if (len == 4 && kind == K_NUM && below(2))
		v = below(20);
	if (len == 8 && nsent < 64)
		sent[nsent++] = v;
	memcpy(raw, &v, sizeof(raw));	/* little endian: the low bytes first */
	mnl_attr_put(nlh, type, len, raw);
}

/* Random bytes, or a nest of random attributes, as an attribute's payload. */
static void put_garbage(struct nlmsghdr *nlh, uint16_t type)
{
	static unsigned char junk[4096];
	unsigned int len, i;
	struct nlattr *nest;

	if (chance(3)) {
		nest = mnl_attr_nest_start(nlh, type);
		for (i = below(5); i > 0; i--)
			put_value(nlh, below(MMSCOPE_A_MAX + 4), (unsigned int[]){ 0, 1, 4, 8 }[below(4)],
				  (enum kind)below(5));
		mnl_attr_nest_end(nlh, nest);
		return;
	}
	switch (below(4)) {
	case 0: len = below(17); break;
	case 1: len = 3 + 4 * below(4); break;
	case 2: len = below(sizeof(junk)); break;
	default: len = (unsigned int[]){ 0, 1, 2, 3, 5, 7, 9, 16, 255, 256 }[below(10)]; break;
	}
	for (i = 0; i < len; i++)
		junk[i] = below(4) ? rnd() : (below(2) ? 0xff : 0);
	mnl_attr_put(nlh, type, len, junk);
}

static void check_value(uint64_t v, const char *what, unsigned int type)
{
	/* Kernel virtual addresses: 0xffff8... (4-level), 0xff11... (5-level). */
	if (v >> 56 == 0xff && v != UINT64_MAX && !was_sent(v))
		fail("reply attribute %s %u holds 0x%016" PRIx64 ", which looks like a kernel address",
		     what, type, v);
}

/*
 * Walk attributes recursively: well-formed TLVs and nests, and no u64 that
 * looks like a kernel address (except raw page-table entries: XL_STEP_RAW).
 */
static void check_attrs(const void *start, int len, int depth, int parent, bool in_xl_step)
{
	const struct nlattr *a = start;
	uint64_t v;

	if (depth > 8)
		fail("reply nests deeper than 8 levels");
	while (mnl_attr_ok(a, len)) {
		uint16_t type = mnl_attr_get_type(a);
		uint16_t plen = mnl_attr_get_payload_len(a);

		if (a->nla_type & NLA_F_NESTED) {
			check_attrs(mnl_attr_get_payload(a), plen, depth + 1, type,
				    parent == MMSCOPE_A_XLATE && type == MMSCOPE_XL_STEP);
		} else if (plen == 8 && !(in_xl_step && type == MMSCOPE_XL_STEP_RAW)) {
			memcpy(&v, mnl_attr_get_payload(a), sizeof(v));
			check_value(v, depth ? "nested" : "top-level", type);
			if ((depth == 0 && type == MMSCOPE_A_DEMO_PFN) ||
			    (parent == MMSCOPE_A_RMAP && type == MMSCOPE_RMAP_PFN) ||
			    (parent == MMSCOPE_A_DEMO_BLOCK && type == MMSCOPE_DEMO_BLOCK_PFN))
				pfn_seen[below(64)] = v;
		}
		if ((int)MNL_ALIGN(a->nla_len) >= len) {
			len = 0;
			break;
		}
		len -= MNL_ALIGN(a->nla_len);
		a = (const struct nlattr *)((const char *)a + MNL_ALIGN(a->nla_len));
	}
	if (len)
		fail("malformed attribute in a reply (%d bytes left at depth %d)", len, depth);
}

/*
 * Text with a kernel address: a run of exactly 16 hex digits (0x or not)
 * whose value is 0xff..., not all ones.  Raw entries print as 18 digits.
 */
static const char *text_kaddr(const char *t, size_t len)
{
	size_t i = 0, j;

	while (i < len) {
		if (!isxdigit((unsigned char)t[i])) {
			i++;
			continue;
		}
		for (j = i; j < len && isxdigit((unsigned char)t[j]); j++)
			;
		if (j - i == 16 && (t[i] == 'f' || t[i] == 'F') && (t[i + 1] == 'f' || t[i + 1] == 'F') &&
		    strspn(t + i, "fF") < 16)
			return t + i;
		i = j;
	}
	return NULL;
}

struct outcome {
	int error;		/* < 0: the request was refused */
	bool done;
	unsigned int msgs;
};

/* Check one received buffer; returns true when the request is finished. */
static bool check_buffer(const char *b, ssize_t n, uint32_t seq, uint8_t cmd, struct outcome *o)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)b;
	int len = (int)n;

	while (mnl_nlmsg_ok(nlh, len)) {
		if (nlh->nlmsg_seq != seq)
			fail("reply with sequence %u to request %u", nlh->nlmsg_seq, seq);
		if (nlh->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

			if (e->error > 0 || e->error < -4095)
				fail("NLMSG_ERROR with error %d", e->error);
			if (e->error < 0)
				o->error = e->error;
			o->done = true;
			return true;
		}
		if (nlh->nlmsg_type == NLMSG_DONE) {
			int status = 0;

			if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int))
				memcpy(&status, mnl_nlmsg_get_payload(nlh), sizeof(int));
			if (status > 0 || status < -4095)
				fail("NLMSG_DONE with status %d", status);
			if (status < 0)
				o->error = status;
			o->done = true;
			return true;
		}
		if (nlh->nlmsg_type != family)
			fail("reply of type %u (family %u)", nlh->nlmsg_type, family);
		if (mnl_nlmsg_get_payload_len(nlh) < sizeof(struct genlmsghdr))
			fail("reply too short for a genl header");
		if (((const struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd != cmd)
			fail("reply to command %u carries command %u", cmd,
			     ((const struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd);
		check_attrs(mnl_nlmsg_get_payload_offset(nlh, sizeof(struct genlmsghdr)),
			    mnl_nlmsg_get_payload_len(nlh) - sizeof(struct genlmsghdr), 0, 0, false);
		o->msgs++;
		nlh = mnl_nlmsg_next(nlh, &len);
	}
	if (len)
		fail("%d stray bytes after the replies", len);
	return false;
}

static void wait_readable(void)
{
	struct pollfd p = { .fd = mnl_socket_get_fd(sock), .events = POLLIN };
	int r;

	do {
		r = poll(&p, 1, REPLY_TIMEOUT_MS);
	} while (r < 0 && errno == EINTR);
	if (r == 0)
		fail("no answer within %d s", REPLY_TIMEOUT_MS / 1000);
	if (r < 0)
		fail("poll: %s", strerror(errno));
}

/*
 * Send @nlh; read until the request is finished, or, if @stop_after >= 0,
 * until that many replies came (then the caller closes the socket).
 */
static struct outcome transact(struct nlmsghdr *nlh, uint8_t cmd, int stop_after)
{
	struct outcome o = { 0 };
	ssize_t n;

	st.requests++;
	if (mnl_socket_sendto(sock, nlh, nlh->nlmsg_len) < 0) {
		/* The socket layer itself may refuse a malformed message. */
		o.error = -errno;
		o.done = true;
		st.errors++;
		return o;
	}
	for (;;) {
		if (stop_after >= 0 && o.msgs >= (unsigned int)stop_after)
			return o;
		wait_readable();
		n = recv(mnl_socket_get_fd(sock), rbuf, sizeof(rbuf), 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			/* The receive queue overflowed: an answer, of a kind. */
			if (errno == ENOBUFS) {
				o.error = -ENOBUFS;
				break;
			}
			fail("recv: %s", strerror(errno));
		}
		if (check_buffer(rbuf, n, nlh->nlmsg_seq, cmd, &o))
			break;
	}
	if (o.error) {
		st.errors++;
		if (-o.error < 256)
			errnos[-o.error]++;
	} else
		st.answered++;
	return o;
}

static struct nlmsghdr *start_msg(uint8_t cmd, bool dump, uint8_t version)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (dump ? NLM_F_DUMP : 0);
	nlh->nlmsg_seq = ++seqno;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = version;
	nsent = 0;
	return nlh;
}

/* One fuzzed request.  @interrupt: close the socket after 0 or 1 replies. */
static void fuzz_request(bool interrupt)
{
	const struct cmd_spec *c = &cmds[below(NCMDS)];
	uint8_t cmd = c->cmd;
	bool dump = c->dump;
	struct nlmsghdr *nlh;
	unsigned int i, nmut;

	if (interrupt) {
		/* A dump that has something to send. */
		static const uint8_t d[] = { MMSCOPE_CMD_GET_PTES, MMSCOPE_CMD_GET_VMAS,
					     MMSCOPE_CMD_GET_BUDDY, MMSCOPE_CMD_GET_PTES };

		cmd = d[below(4)];
		nlh = start_msg(cmd, true, MMSCOPE_GENL_VERSION);
		if (cmd != MMSCOPE_CMD_GET_BUDDY)
			mnl_attr_put_u32(nlh, MMSCOPE_A_PID, pids[below(3)]);
		transact(nlh, cmd, below(2));
		st.interrupted++;
		mnl_socket_close(sock);
		open_sock();
		return;
	}

	nmut = below(2) ? 0 : 1 + below(3);
	if (nmut && chance(8))
		cmd = chance(2) ? below(256) : MMSCOPE_CMD_MAX + 1 + below(4);
	if (nmut && chance(8))
		dump = !dump;
	nlh = start_msg(cmd, dump, chance(16) ? below(256) : MMSCOPE_GENL_VERSION);
	for (i = 0; i < sizeof(c->attrs) / sizeof(c->attrs[0]) && c->attrs[i].type; i++) {
		const struct attr_spec *a = &c->attrs[i];

		if (nmut && chance(6))
			continue;			/* missing */
		if (nmut && chance(8)) {
			put_garbage(nlh, a->type);	/* wrong type, size or a nest */
			continue;
		}
		put_value(nlh, a->type, a->len, a->kind);
		if (nmut && chance(10))
			put_value(nlh, a->type, a->len, a->kind);	/* duplicated */
	}
	for (i = 0; i < nmut; i++) {
		switch (below(5)) {
		case 0:	/* another known attribute, maybe not this command's */
			put_garbage(nlh, 1 + below(MMSCOPE_A_MAX));
			break;
		case 1:	/* unknown attribute types */
			put_garbage(nlh, MMSCOPE_A_MAX + 1 + below(chance(2) ? 4 : 0x3fff));
			break;
		case 2:	/* a correctly typed value of a random request attribute */
			put_value(nlh, 1 + below(MMSCOPE_A_MAX), (unsigned int[]){ 0, 1, 4, 8 }[below(4)],
				  (enum kind)below(5));
			break;
		case 3:	/* the last attribute claims more than the message holds */
			put_value(nlh, MMSCOPE_A_PID, 4, K_PID);
			((struct nlattr *)((char *)nlh + nlh->nlmsg_len - 8))->nla_len =
				8 + 4 * (1 + below(8));
			break;
		default: /* trailing bytes that are not an attribute */
			if (nlh->nlmsg_len + 3 < BUFSZ)
				nlh->nlmsg_len += 1 + below(3);
			break;
		}
	}
	if (verbose)
		printf("# %lu: cmd %u%s len %u\n", iter, cmd, dump ? " dump" : "", nlh->nlmsg_len);
	if (nlh->nlmsg_flags & NLM_F_DUMP)
		st.dumps++;
	transact(nlh, cmd, -1);
}

/* Release what requests may hold: demo memory, tracked processes. */
static void cleanup(void)
{
	struct nlmsghdr *nlh;
	unsigned int i;

	st.cleanups++;
	nlh = start_msg(MMSCOPE_CMD_DEMO_BUDDY_FREE, false, MMSCOPE_GENL_VERSION);
	mnl_attr_put(nlh, MMSCOPE_A_DEMO_FREE_ALL, 0, NULL);
	transact(nlh, MMSCOPE_CMD_DEMO_BUDDY_FREE, -1);
	nlh = start_msg(MMSCOPE_CMD_DEMO_SLAB, false, MMSCOPE_GENL_VERSION);
	mnl_attr_put_u8(nlh, MMSCOPE_A_DEMO_SLAB_OP, MMSCOPE_SLAB_OP_DESTROY);
	transact(nlh, MMSCOPE_CMD_DEMO_SLAB, -1);
	for (i = 0; i < 8; i++) {
		nlh = start_msg(MMSCOPE_CMD_FAULTS_TRACK, false, MMSCOPE_GENL_VERSION);
		mnl_attr_put_u32(nlh, MMSCOPE_A_PID, pids[i]);
		mnl_attr_put_u8(nlh, MMSCOPE_A_FAULT_TRACK, MMSCOPE_FAULT_TRACK_STOP);
		transact(nlh, MMSCOPE_CMD_FAULTS_TRACK, -1);
	}
}

/* ---- debugfs ------------------------------------------------------------ */

static char dbg_dir[256] = "/sys/kernel/debug/mmscope";
static char dbg_files[32][600];
static bool dbg_writable[32];
static unsigned int ndbg;

static void scan_debugfs(void)
{
	struct dirent *d;
	struct stat sb;
	DIR *dir = opendir(dbg_dir);

	if (!dir)
		return;
	while ((d = readdir(dir)) && ndbg < 32) {
		snprintf(dbg_files[ndbg], sizeof(dbg_files[0]), "%s/%s", dbg_dir, d->d_name);
		if (stat(dbg_files[ndbg], &sb) || !S_ISREG(sb.st_mode))
			continue;
		dbg_writable[ndbg] = sb.st_mode & 0222;
		ndbg++;
	}
	closedir(dir);
}

static void fuzz_debugfs(void)
{
	static const char *const words[] = {
		"0", "1", "-1", "0x", "0x0", "0xffffffffffffffff", "18446744073709551615",
		"99999999999999999999999", "4194304", "4194305", " 1", "1 ", "1\n", "\n", "",
		"0x1000", "1 2", "abc", "+5", "--1", "0b101", "0777", "2147483648", "-2147483649",
	};
	static char data[4200];
	unsigned int i, w = 0, len;
	int fd;
	ssize_t r;

	for (i = 0; i < ndbg; i++)
		w += dbg_writable[i];
	if (w) {
		do {
			i = below(ndbg);
		} while (!dbg_writable[i]);
		switch (below(4)) {
		case 0:
			len = below(sizeof(data));
			for (w = 0; w < len; w++)
				data[w] = rnd();
			break;
		case 1:
			len = snprintf(data, sizeof(data), "%d", (int)pick_pid());
			break;
		case 2:
			len = snprintf(data, sizeof(data), "%s", words[below(sizeof(words) / sizeof(words[0]))]);
			break;
		default:
			len = snprintf(data, sizeof(data), "0x%" PRIx64 "\n", pick_pfn());
			break;
		}
		fd = open(dbg_files[i], O_WRONLY);
		if (fd >= 0) {
			r = write(fd, data, len);
			st.dbg_writes++;
			if (r < 0)
				st.dbg_write_errors++;
			close(fd);
		}
	}
	/* Read a file back (a prefix of it, so big files stay cheap). */
	i = below(ndbg);
	fd = open(dbg_files[i], O_RDONLY);
	if (fd >= 0) {
		r = read(fd, data, sizeof(data));
		const char *k = r > 0 ? text_kaddr(data, r) : NULL;

		if (k)
			fail("%s shows what looks like a kernel address: %.16s", dbg_files[i], k);
		st.dbg_reads++;
		close(fd);
	}
}

/* ---- targets ------------------------------------------------------------ */

static pid_t spawn_target(void)
{
	size_t len = 8 << 20;
	pid_t p = fork();
	char *m;
	size_t i;

	if (p)
		return p;
	/* A target with something to walk: 8 MiB, half of it touched. */
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m != MAP_FAILED)
		for (i = 0; i < len / 2; i += 4096)
			m[i] = 1;
	for (;;)
		pause();
}

static void find_target_range(void)
{
	char path[64], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", pids[1]);
	f = fopen(path, "r");
	target_lo = 0x400000;
	target_hi = 0x7ffffffff000ULL;
	if (!f)
		return;
	if (fgets(line, sizeof(line), f))
		sscanf(line, "%lx", &target_lo);
	while (fgets(line, sizeof(line), f))
		sscanf(line, "%*x-%lx", &target_hi);
	fclose(f);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "debugfs", required_argument, NULL, 'd' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct timespec ts;
	int o;

	clock_gettime(CLOCK_REALTIME, &ts);
	seed = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ getpid();
	while ((o = getopt_long(argc, argv, "s:n:d:vh", opts, NULL)) != -1) {
		switch (o) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'n': iterations = strtoul(optarg, NULL, 0); break;
		case 'd': snprintf(dbg_dir, sizeof(dbg_dir), "%s", optarg); break;
		case 'v': verbose = true; break;
		default:
			printf("usage: nlfuzz [--seed N] [--iterations N] [--debugfs DIR] [--verbose]\n");
			return o == 'h' ? 0 : 2;
		}
	}
	rng = seed ? seed : 1;
	printf("nlfuzz: seed %" PRIu64 ", %lu iterations\n", seed, iterations);
	fflush(stdout);

	pids[0] = getpid();
	pids[1] = spawn_target();
	pids[2] = 1;
	pids[3] = 2;		/* kthreadd: no user address space */
	pids[4] = getppid();
	pids[5] = pids[1];
	pids[6] = 0x3fffff;	/* almost certainly unused */
	pids[7] = pids[0];
	usleep(200000);
	find_target_range();
	open_sock();
	resolve_family();
	scan_debugfs();

	for (iter = 0; iter < iterations; iter++) {
		unsigned int what = below(100);

		if (what < 3)
			fuzz_request(true);
		else if (what < 13 && ndbg)
			fuzz_debugfs();
		else
			fuzz_request(false);
		if (iter % 512 == 511)
			cleanup();
	}
	cleanup();
	kill(pids[1], SIGKILL);
	waitpid(pids[1], NULL, 0);
	printf("nlfuzz: %lu iterations: %lu netlink requests (%lu answered, %lu refused; "
	       "%lu dumps, %lu interrupted by close), %lu debugfs writes (%lu refused), "
	       "%lu debugfs reads; 0 failures\n",
	       iterations, st.requests, st.answered, st.errors, st.dumps, st.interrupted,
	       st.dbg_writes, st.dbg_write_errors, st.dbg_reads);
	printf("nlfuzz: refusals by errno:");
	for (o = 0; o < 256; o++)
		if (errnos[o])
			printf(" %s %lu,", strerrorname_np(o) ?: "?", errnos[o]);
	printf("\n");
	return 0;
}
