// SPDX-License-Identifier: GPL-2.0
/*
 * nlstress [--threads N] [--seconds S] [--comm NAME]: valid mmscope
 * requests from N threads at once (default 4, for 30 s), against the
 * processes named NAME (default stress_target, see stress_target.c), while
 * the test unloads and reloads the module.
 *
 * Each thread has its own socket and loops over the operations of ops[]
 * (one line each: page-table and VMA dumps, mm, xlate, rmap by VA, by PFN
 * and by scan, fault tracking start/stop and its dumps, buddy) against a
 * random target.  Each request must end with well-formed replies or an
 * error; errors are counted by errno and the test decides which are
 * acceptable.  While the family is gone (module unloaded) requests fail
 * with ENOENT and the thread resolves the family again.  A request
 * unanswered for 60 s is a hang: exit 1.  Prints one line of totals and
 * one line of errors by errno.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <getopt.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "../../../module/uapi/mmscope.h"
#include "genl_family.h"

#define BUFSZ		(64 * 1024)
#define REPLY_TIMEOUT_MS 60000
#define MAX_TARGETS	64

struct thread {
	struct mnl_socket *sock;
	unsigned int portid, seq, rng;
	uint16_t family;
	char buf[BUFSZ];
	/* From the last reply: a frame and a mapped VA of the target. */
	uint64_t pfn, va;
	pid_t tracked;
};

struct op {
	const char *name;
	uint8_t cmd;
	bool dump;
	void (*put)(struct nlmsghdr *nlh, struct thread *t, pid_t pid);
	int weight;		/* relative frequency */
};

static const char *comm = "stress_target";
static double deadline;
static atomic_ulong total_ops, answered, away, errnos[256];
static atomic_ulong by_op[32];
static atomic_int failed;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned int rnd(struct thread *t)
{
	t->rng = t->rng * 1103515245 + 12345;
	return t->rng >> 8;
}

/* ---- targets: processes named @comm, rescanned now and then --------------- */

static pthread_mutex_t targets_lock = PTHREAD_MUTEX_INITIALIZER;
static pid_t targets[MAX_TARGETS];
static unsigned int ntargets;
static double targets_at;

static void scan_targets(void)
{
	char path[300], name[64];
	struct dirent *d;
	unsigned int n = 0;
	DIR *dir;
	FILE *f;

	dir = opendir("/proc");
	if (!dir)
		return;
	while ((d = readdir(dir)) && n < MAX_TARGETS) {
		if (d->d_name[0] < '0' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", d->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(name, sizeof(name), f)) {
			name[strcspn(name, "\n")] = '\0';
			if (!strcmp(name, comm))
				targets[n++] = atoi(d->d_name);
		}
		fclose(f);
	}
	closedir(dir);
	ntargets = n;
	targets_at = now();
}

static pid_t pick_target(struct thread *t)
{
	pid_t p = 0;

	pthread_mutex_lock(&targets_lock);
	if (now() - targets_at > 0.2)
		scan_targets();
	if (ntargets)
		p = targets[rnd(t) % ntargets];
	pthread_mutex_unlock(&targets_lock);
	return p ? p : getpid();
}

/* ---- request builders -------------------------------------------------- */

static void put_pid(struct nlmsghdr *nlh, struct thread *t, pid_t pid)
{
	(void)t;
	mnl_attr_put_u32(nlh, MMSCOPE_A_PID, pid);
}

static void put_pid_va(struct nlmsghdr *nlh, struct thread *t, pid_t pid)
{
	mnl_attr_put_u32(nlh, MMSCOPE_A_PID, pid);
	mnl_attr_put_u64(nlh, MMSCOPE_A_VA, t->va ? t->va : 0x400000);
}

static void put_pfn(struct nlmsghdr *nlh, struct thread *t, pid_t pid)
{
	(void)pid;
	mnl_attr_put_u64(nlh, MMSCOPE_A_PFN, t->pfn ? t->pfn : 0x1000 + rnd(t) % 0x10000);
}

static void put_pfn_scan(struct nlmsghdr *nlh, struct thread *t, pid_t pid)
{
	put_pfn(nlh, t, pid);
	mnl_attr_put(nlh, MMSCOPE_A_RMAP_SCAN, 0, NULL);
}

static void put_track(struct nlmsghdr *nlh, struct thread *t, pid_t pid)
{
	/* Start on a target, or stop the one this thread tracks. */
	if (t->tracked && rnd(t) % 2) {
		mnl_attr_put_u32(nlh, MMSCOPE_A_PID, t->tracked);
		mnl_attr_put_u8(nlh, MMSCOPE_A_FAULT_TRACK, MMSCOPE_FAULT_TRACK_STOP);
		t->tracked = 0;
	} else {
		mnl_attr_put_u32(nlh, MMSCOPE_A_PID, pid);
		mnl_attr_put_u8(nlh, MMSCOPE_A_FAULT_TRACK, MMSCOPE_FAULT_TRACK_START);
		t->tracked = pid;
	}
}

static void put_nothing(struct nlmsghdr *nlh, struct thread *t, pid_t pid)
{
	(void)nlh, (void)t, (void)pid;
}

/*
 * The operations, one line each.  To stress a new command, add a line (and
 * a put_* builder if it takes attributes of its own).
 */
static const struct op ops[] = {
	{ "ptes",	  MMSCOPE_CMD_GET_PTES,		true,  put_pid,	     6 },
	{ "vmas",	  MMSCOPE_CMD_GET_VMAS,		true,  put_pid,	     4 },
	{ "mm",		  MMSCOPE_CMD_GET_MM,		false, put_pid,	     2 },
	{ "xlate",	  MMSCOPE_CMD_XLATE,		false, put_pid_va,   4 },
	{ "rmap-va",	  MMSCOPE_CMD_GET_RMAP,		false, put_pid_va,   4 },
	{ "rmap-pfn",	  MMSCOPE_CMD_GET_RMAP,		false, put_pfn,	     4 },
	{ "rmap-scan",	  MMSCOPE_CMD_GET_RMAP,		false, put_pfn_scan, 1 },
	{ "faults-track", MMSCOPE_CMD_FAULTS_TRACK,	false, put_track,    3 },
	{ "faults",	  MMSCOPE_CMD_GET_FAULTS,	true,  put_pid,	     2 },
	{ "fault-events", MMSCOPE_CMD_GET_FAULT_EVENTS, true,  put_pid,	     2 },
	{ "buddy",	  MMSCOPE_CMD_GET_BUDDY,	true,  put_nothing,  1 },
};

#define NOPS (sizeof(ops) / sizeof(ops[0]))

/* ---- netlink ------------------------------------------------------------ */

static void fail(const char *what, const char *detail)
{
	printf("nlstress: FAIL: %s: %s\n", what, detail);
	fflush(stdout);
	failed = 1;
}

static bool wait_readable(struct thread *t)
{
	struct pollfd p = { .fd = mnl_socket_get_fd(t->sock), .events = POLLIN };

	if (poll(&p, 1, REPLY_TIMEOUT_MS) > 0)
		return true;
	fail("hang", "no answer within 60 s");
	return false;
}

/* Resolve the family; false while it is not registered (module unloaded). */
static bool resolve(struct thread *t)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(t->buf);
	struct genlmsghdr *g;
	ssize_t n;
	int ret;

	t->family = 0;
	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++t->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, MMSCOPE_GENL_NAME);
	if (mnl_socket_sendto(t->sock, nlh, nlh->nlmsg_len) < 0)
		return false;
	do {
		if (!wait_readable(t))
			return false;
		n = mnl_socket_recvfrom(t->sock, t->buf, BUFSZ);
		if (n < 0)
			return false;
		ret = mnl_cb_run(t->buf, n, t->seq, t->portid, genl_family_id_cb, &t->family);
	} while (ret > 0);
	return t->family != 0;
}

/* Remember a PFN and a VA from replies, to aim the next requests. */
static void harvest(struct thread *t, const struct nlattr *a, int depth)
{
	const struct nlattr *in;

	if (depth > 2)
		return;
	if (mnl_attr_get_type(a) == MMSCOPE_A_PTE_RECS && depth == 0 &&
	    mnl_attr_get_payload_len(a) >= sizeof(struct mmscope_pte_rec)) {
		const struct mmscope_pte_rec *r = mnl_attr_get_payload(a);
		unsigned int n = mnl_attr_get_payload_len(a) / sizeof(*r);

		r += rnd(t) % n;
		if (r->flags & MMSCOPE_F_PRESENT) {
			t->pfn = r->pfn;
			t->va = MMSCOPE_REC_VA(r->va_info);
		}
		return;
	}
	if (a->nla_type & NLA_F_NESTED)
		mnl_attr_for_each_nested(in, a)
			harvest(t, in, depth + 1);
}

/* One request; returns 0, or the errno it ended with. */
static int request(struct thread *t, const struct op *op, pid_t pid)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(t->buf);
	struct genlmsghdr *g;
	const struct nlattr *a;
	int err = 0, len;
	ssize_t n;

	nlh->nlmsg_type = t->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (op->dump ? NLM_F_DUMP : 0);
	nlh->nlmsg_seq = ++t->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = op->cmd;
	g->version = MMSCOPE_GENL_VERSION;
	op->put(nlh, t, pid);
	if (mnl_socket_sendto(t->sock, nlh, nlh->nlmsg_len) < 0)
		return errno;
	for (;;) {
		if (!wait_readable(t))
			return ETIMEDOUT;
		n = recv(mnl_socket_get_fd(t->sock), t->buf, BUFSZ, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		len = (int)n;
		for (nlh = (struct nlmsghdr *)t->buf; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_seq != t->seq) {
				fail(op->name, "reply to another request");
				return EPROTO;
			}
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				err = -((const struct nlmsgerr *)mnl_nlmsg_get_payload(nlh))->error;
				return err;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int))
					memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(int));
				return -err;
			}
			if (nlh->nlmsg_type != t->family ||
			    mnl_nlmsg_get_payload_len(nlh) < sizeof(*g) ||
			    ((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd != op->cmd) {
				fail(op->name, "reply of another family or command");
				return EPROTO;
			}
			mnl_attr_for_each(a, nlh, sizeof(*g))
				harvest(t, a, 0);
		}
		if (len) {
			fail(op->name, "malformed reply");
			return EPROTO;
		}
	}
}

static void *thread_main(void *arg)
{
	struct thread *t = arg;
	unsigned int total = 0, i, w;
	int err;

	t->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!t->sock || mnl_socket_bind(t->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		fail("socket", strerror(errno));
		return NULL;
	}
	t->portid = mnl_socket_get_portid(t->sock);
	for (i = 0; i < NOPS; i++)
		total += ops[i].weight;
	while (now() < deadline && !failed) {
		if (!t->family && !resolve(t)) {
			away++;
			usleep(10000);
			continue;
		}
		for (w = rnd(t) % total, i = 0; w >= (unsigned int)ops[i].weight; i++)
			w -= ops[i].weight;
		err = request(t, &ops[i], pick_target(t));
		total_ops++;
		by_op[i]++;
		if (!err) {
			answered++;
			continue;
		}
		errnos[err < 256 ? err : 255]++;
		/* The family went away (unload) or came back under another ID. */
		if (err == ENOENT || err == EOPNOTSUPP)
			t->family = 0;
		if (err == ETIMEDOUT || err == EPROTO)
			break;
	}
	mnl_socket_close(t->sock);
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "threads", required_argument, NULL, 't' },
		{ "seconds", required_argument, NULL, 's' },
		{ "comm", required_argument, NULL, 'c' },
		{ 0 }
	};
	unsigned int nthreads = 4, i;
	double seconds = 30;
	struct thread *th;
	pthread_t *tid;
	int o;

	while ((o = getopt_long(argc, argv, "t:s:c:", opts, NULL)) != -1) {
		switch (o) {
		case 't': nthreads = atoi(optarg); break;
		case 's': seconds = atof(optarg); break;
		case 'c': comm = optarg; break;
		default:
			fprintf(stderr, "usage: nlstress [--threads N] [--seconds S] [--comm NAME]\n");
			return 2;
		}
	}
	th = calloc(nthreads, sizeof(*th));
	tid = calloc(nthreads, sizeof(*tid));
	if (!th || !tid)
		return 1;
	deadline = now() + seconds;
	for (i = 0; i < nthreads; i++) {
		th[i].rng = getpid() * 31 + i * 7919;
		pthread_create(&tid[i], NULL, thread_main, &th[i]);
	}
	for (i = 0; i < nthreads; i++)
		pthread_join(tid[i], NULL);
	printf("nlstress: %u threads, %.0f s: %lu operations, %lu answered, %lu refused, "
	       "%lu waits for the module;",
	       nthreads, seconds, (unsigned long)total_ops, (unsigned long)answered,
	       (unsigned long)(total_ops - answered), (unsigned long)away);
	for (i = 0; i < NOPS; i++)
		printf(" %s %lu", ops[i].name, (unsigned long)by_op[i]);
	printf("\nnlstress: errors:");
	for (i = 1; i < 256; i++)
		if (errnos[i])
			printf(" %s %lu", strerrorname_np(i) ?: "?", (unsigned long)errnos[i]);
	printf("\n");
	return failed ? 1 : 0;
}
