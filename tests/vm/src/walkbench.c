// SPDX-License-Identifier: GPL-2.0
/*
 * walkbench: the benchmark's in-process timer.  Process start-up (dynamic
 * linking is slow under TCG) would otherwise dominate both sides of a ratio,
 * so each side is timed inside one process, alternating, N runs, medians.
 *
 *   walkbench ptes N PID START END   GET_PTES dump of [START, END) versus
 *                                    pread() of the same range of
 *                                    /proc/PID/pagemap (64 KiB at a time)
 *   walkbench vmas N PID             GET_VMAS dump (with counts) versus
 *                                    reading /proc/PID/smaps
 *
 * Prints "MMSCOPE_US KERNEL_US ITEMS PAIR_RATIO MIN_MMSCOPE_US MIN_KERNEL_US":
 * medians in microseconds; ITEMS: entries or VMAs of the last mmscope run,
 * checked against the other side; the median of the runs' ratios (each run
 * times both sides back to back, so a pair shares the host's load); the
 * fastest run of each side.
 * Both sides look at every item they get: the dump's PFNs (of records and
 * of runs' entries) are summed, pagemap entries' PFNs are summed, VMA nests
 * and smaps lines are counted.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "../../../module/uapi/mmscope.h"
#include "genl_family.h"

#define BUFSZ (64 * 1024)

static struct mnl_socket *sock;
static unsigned int portid, seq;
static uint16_t family;
static char buf[BUFSZ];

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static struct nlmsghdr *request(uint16_t type, uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = type == GENL_ID_CTRL ? 1 : MMSCOPE_GENL_VERSION;
	return nlh;
}

/* Send a request and run every reply through cb until the end. */
static int transact(struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	unsigned int s = nlh->nlmsg_seq;
	ssize_t n;
	int ret;

	if (mnl_socket_sendto(sock, nlh, nlh->nlmsg_len) < 0)
		return -1;
	do {
		n = mnl_socket_recvfrom(sock, buf, sizeof(buf));
		if (n < 0)
			return -1;
		ret = mnl_cb_run(buf, n, s, portid, cb, data);
	} while (ret > MNL_CB_STOP);
	return ret;
}

struct tally {
	unsigned long items;
	uint64_t sum;
};

/* Entries of one MMSCOPE_A_PTE_RUN (struct mmscope_pte_run, then its entries). */
static void tally_run(const struct nlattr *a, struct tally *t)
{
	const unsigned char *d = mnl_attr_get_payload(a);
	struct mmscope_pte_run run;
	uint64_t raw;
	uint32_t pfn;
	unsigned int i;

	if (mnl_attr_get_payload_len(a) < sizeof(run))
		return;
	memcpy(&run, d, sizeof(run));
	d += sizeof(run);
	for (i = 0; i < run.count; i++) {
		if (run.flags & MMSCOPE_RUN_PFN32) {
			memcpy(&pfn, d + 4 * i, sizeof(pfn));
			t->sum += pfn;
		} else {
			memcpy(&raw, d + 8 * i, sizeof(raw));
			t->sum += (raw & MMSCOPE_RAW_PFN_MASK) >> 12;
		}
	}
	t->items += run.count;
}

static int ptes_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct mmscope_pte_rec *r;
	struct tally *t = data;
	const struct nlattr *a;
	unsigned int size = 0, n, i;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == MMSCOPE_A_PTE_REC_SIZE)
			size = mnl_attr_get_u32(a);
		if (mnl_attr_get_type(a) == MMSCOPE_A_PTE_RUN)
			tally_run(a, t);
		if (mnl_attr_get_type(a) != MMSCOPE_A_PTE_RECS || !size)
			continue;
		n = mnl_attr_get_payload_len(a) / size;
		for (i = 0; i < n; i++) {
			r = (const void *)((const char *)mnl_attr_get_payload(a) + i * size);
			t->sum += r->pfn;
		}
		t->items += n;
	}
	return MNL_CB_OK;
}

static int vmas_cb(const struct nlmsghdr *nlh, void *data)
{
	struct tally *t = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == MMSCOPE_A_VMA)
			t->items++;
	return MNL_CB_OK;
}

static int dump(uint8_t cmd, unsigned int pid, uint64_t start, uint64_t end, struct tally *t)
{
	struct nlmsghdr *nlh = request(family, cmd, NLM_F_DUMP);

	mnl_attr_put_u32(nlh, MMSCOPE_A_PID, pid);
	if (end) {
		mnl_attr_put_u64(nlh, MMSCOPE_A_START, start);
		mnl_attr_put_u64(nlh, MMSCOPE_A_END, end);
	}
	memset(t, 0, sizeof(*t));
	return transact(nlh, cmd == MMSCOPE_CMD_GET_PTES ? ptes_cb : vmas_cb, t) < 0 ? -1 : 0;
}

static int read_pagemap(unsigned int pid, uint64_t start, uint64_t end, struct tally *t)
{
	static uint64_t pm[BUFSZ / 8];
	uint64_t off = start / 4096 * 8, stop = end / 4096 * 8;
	char path[64];
	ssize_t n;
	int fd, i;

	snprintf(path, sizeof(path), "/proc/%u/pagemap", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	memset(t, 0, sizeof(*t));
	while (off < stop) {
		n = pread(fd, pm, stop - off < BUFSZ ? stop - off : BUFSZ, off);
		if (n <= 0)
			break;
		for (i = 0; i < n / 8; i++) {
			if (pm[i] >> 63)
				t->items++;
			t->sum += pm[i] & ((1ULL << 55) - 1);
		}
		off += n;
	}
	close(fd);
	return off == stop ? 0 : -1;
}

static int read_smaps(unsigned int pid, struct tally *t)
{
	char path[64];
	ssize_t n, i;
	int fd;

	snprintf(path, sizeof(path), "/proc/%u/smaps", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	memset(t, 0, sizeof(*t));
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (i = 0; i < n; i++)
			t->items += buf[i] == '\n';
	close(fd);
	return n < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	int ptes = argc == 6 && !strcmp(argv[1], "ptes");
	int vmas = argc == 4 && !strcmp(argv[1], "vmas");
	uint64_t start = 0, end = 0;
	struct tally tm = {}, tk = {};
	double *a, *b, *r, t0;
	unsigned int pid;
	int n, i;

	if (!ptes && !vmas) {
		fprintf(stderr, "usage: walkbench ptes N PID START END | walkbench vmas N PID\n");
		return 2;
	}
	n = atoi(argv[2]);
	pid = atoi(argv[3]);
	if (ptes) {
		start = strtoull(argv[4], NULL, 16);
		end = strtoull(argv[5], NULL, 16);
	}
	a = calloc(n, sizeof(*a));
	b = calloc(n, sizeof(*b));
	r = calloc(n, sizeof(*r));
	sock = mnl_socket_open(NETLINK_GENERIC);
	if (n < 1 || !a || !b || !r || !sock || mnl_socket_bind(sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		perror("walkbench");
		return 1;
	}
	portid = mnl_socket_get_portid(sock);
	{
		struct nlmsghdr *nlh = request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, NLM_F_ACK);

		mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, MMSCOPE_GENL_NAME);
		if (transact(nlh, genl_family_id_cb, &family) < 0 || !family) {
			fprintf(stderr, "walkbench: no mmscope family\n");
			return 1;
		}
	}
	for (i = 0; i < n; i++) {
		t0 = now_us();
		if (dump(ptes ? MMSCOPE_CMD_GET_PTES : MMSCOPE_CMD_GET_VMAS, pid, start, end, &tm)) {
			perror("walkbench: dump");
			return 1;
		}
		a[i] = now_us() - t0;
		t0 = now_us();
		if (ptes ? read_pagemap(pid, start, end, &tk) : read_smaps(pid, &tk)) {
			perror("walkbench: read");
			return 1;
		}
		b[i] = now_us() - t0;
	}
	for (i = 0; i < n; i++)
		r[i] = a[i] / b[i];
	qsort(a, n, sizeof(*a), cmp);
	qsort(b, n, sizeof(*b), cmp);
	qsort(r, n, sizeof(*r), cmp);
	printf("%.0f %.0f %lu %.2f %.0f %.0f\n", a[n / 2], b[n / 2], tm.items, r[n / 2], a[0], b[0]);
	/*
	 * The two sides must have seen the same memory.  Compaction may move
	 * a page between the two reads, so a differing PFN sum is checked once
	 * more with the reads back to back.
	 */
	if (ptes && tm.items == tk.items && tm.sum != tk.sum &&
	    !dump(MMSCOPE_CMD_GET_PTES, pid, start, end, &tm) &&
	    !read_pagemap(pid, start, end, &tk) && tm.sum == tk.sum)
		return 0;
	if (ptes && (tm.items != tk.items || tm.sum != tk.sum)) {
		fprintf(stderr, "walkbench: dump saw %lu entries, pagemap %lu present%s\n",
			tm.items, tk.items, tm.sum != tk.sum ? ", with other PFNs" : "");
		return 1;
	}
	return 0;
}
