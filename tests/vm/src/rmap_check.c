// SPDX-License-Identifier: GPL-2.0
/*
 * rmap_check [N [SEED]]
 *   Ground truth for `mmscope rmap`: reads /proc/PID/maps and pagemap of
 *   every process (but itself) and records which (PID, VA) maps which PFN.
 *   Then, for N PFNs sampled at random (default 40), runs
 *   `mmscope rmap --json PFN` (with --scan for frames the kernel keeps no
 *   reverse map of: zero, reserved, ...) and checks:
 *     - the mappers it lists among the recorded processes are exactly the
 *       recorded ones; a disagreement is re-read from pagemap, so a page
 *       that changed in between is not counted as an error;
 *     - its mapcount equals /proc/kpagecount read afterwards, plus the
 *       mappings it lists of processes that have exited since (the
 *       mmscope process itself maps library pages while it asks);
 *     - for frames found through an rmap tree, the number of mappers equals
 *       the mapcount;
 *     when the counts disagree, the frame is asked again while kpagecount
 *     holds still (up to 5 times) before it counts as a mismatch.
 *   Prints "frames N scanned S mapcount M mismatches X" and each mismatch;
 *   exits 1 on any.  Reads only the kernel's own files besides mmscope's
 *   answers.
 * rmap_check --kpage PFN
 *   Print "flags 0xF count N": PFN's /proc/kpageflags and /proc/kpagecount.
 */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <json-c/json.h>

#define PG		4096ULL
#define PM_PRESENT	(1ULL << 63)
#define PM_PFN_MASK	((1ULL << 55) - 1)
#define MAX_PIDS	4096

struct map {
	uint64_t pfn, va;
	int pid;
};

static struct map *maps;
static size_t nmaps, capmaps;
static int pids[MAX_PIDS];
static size_t npids;
static int mismatches, retried;

static void add(int pid, uint64_t va, uint64_t pfn)
{
	if (nmaps == capmaps) {
		capmaps = capmaps ? capmaps * 2 : 65536;
		maps = realloc(maps, capmaps * sizeof(*maps));
		if (!maps)
			exit(2);
	}
	maps[nmaps++] = (struct map){ .pfn = pfn, .va = va, .pid = pid };
}

static int known_pid(int pid)
{
	size_t i;

	for (i = 0; i < npids; i++)
		if (pids[i] == pid)
			return 1;
	return 0;
}

/* The PFN @pid maps at @va now, or -1. */
static int64_t pagemap_pfn(int pid, uint64_t va)
{
	char path[64];
	uint64_t e = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	if (pread(fd, &e, 8, (va / PG) * 8) != 8)
		e = 0;
	close(fd);
	return e & PM_PRESENT ? (int64_t)(e & PM_PFN_MASK) : -1;
}

static void scan_pid(int pid)
{
	char path[64], line[512];
	uint64_t s, e, va, *buf;
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "r");
	if (!f)
		return;
	snprintf(path, sizeof(path), "/proc/%d/pagemap", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fclose(f);
		return;
	}
	pids[npids++] = pid;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%" SCNx64 "-%" SCNx64, &s, &e) != 2 || strstr(line, "[vsyscall]"))
			continue;
		buf = malloc((e - s) / PG * 8);
		if (!buf)
			exit(2);
		if (pread(fd, buf, (e - s) / PG * 8, s / PG * 8) == (ssize_t)((e - s) / PG * 8))
			for (va = s; va < e; va += PG)
				if (buf[(va - s) / PG] & PM_PRESENT)
					add(pid, va, buf[(va - s) / PG] & PM_PFN_MASK);
		free(buf);
	}
	close(fd);
	fclose(f);
}

static int cmp_pfn(const void *a, const void *b)
{
	const struct map *x = a, *y = b;

	return x->pfn < y->pfn ? -1 : x->pfn > y->pfn;
}

static int64_t kpage(const char *file, uint64_t pfn)
{
	uint64_t v;
	int fd = open(file, O_RDONLY);

	if (fd < 0)
		return -1;
	if (pread(fd, &v, 8, pfn * 8) != 8)
		v = (uint64_t)-1;
	close(fd);
	return (int64_t)v;
}

static struct json_object *ask(uint64_t pfn, int scan)
{
	char cmd[128], *buf = NULL;
	size_t len = 0, cap = 0, n;
	struct json_object *o;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "mmscope rmap --json %s0x%" PRIx64, scan ? "--scan " : "", pfn);
	p = popen(cmd, "r");
	if (!p)
		return NULL;
	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap + 1);
			if (!buf)
				exit(2);
		}
		n = fread(buf + len, 1, cap - len, p);
		if (!n)
			break;
		len += n;
	}
	pclose(p);
	buf[len] = '\0';
	o = json_tokener_parse(buf);
	free(buf);
	return o;
}

static int64_t get_int(struct json_object *o, const char *k)
{
	struct json_object *v;

	return json_object_object_get_ex(o, k, &v) ? json_object_get_int64(v) : -1;
}

static const char *get_str(struct json_object *o, const char *k)
{
	struct json_object *v;

	return json_object_object_get_ex(o, k, &v) && v ? json_object_get_string(v) : "";
}

static void mismatch(uint64_t pfn, const char *fmt, int pid, uint64_t va)
{
	mismatches++;
	if (mismatches <= 20)
		printf("pfn 0x%" PRIx64 ": %s pid %d va 0x%" PRIx64 "\n", pfn, fmt, pid, va);
}

/*
 * The answer's mapcount, less the mappings of processes that have exited
 * since (mmscope itself maps library pages while it asks), against
 * kpagecount; for a tree answer, the mappers found against the mapcount.
 */
static int counts_agree(struct json_object *o, int scan, int64_t kpc, int verbose)
{
	int64_t mapcount = get_int(o, "mapcount"), found = get_int(o, "nr_mappers");
	struct json_object *arr = NULL;
	int transient = 0;
	size_t j, nm;

	json_object_object_get_ex(o, "mappers", &arr);
	nm = arr ? json_object_array_length(arr) : 0;
	/* This program maps library pages too, and it has not exited. */
	for (j = 0; j < nm; j++) {
		int64_t pid = get_int(json_object_array_get_idx(arr, j), "pid");

		if (!known_pid(pid) && pid != getpid())
			transient++;
	}
	if (verbose && mapcount - transient != kpc)
		printf("pfn 0x%" PRIx64 ": mapcount %" PRId64 " minus %d exited mappers != kpagecount %" PRId64 "\n",
		       (uint64_t)get_int(o, "pfn"), mapcount, transient, kpc);
	if (verbose && !scan && found != mapcount)
		printf("pfn 0x%" PRIx64 ": %" PRId64 " mappers found, mapcount %" PRId64 "\n",
		       (uint64_t)get_int(o, "pfn"), found, mapcount);
	return mapcount - transient == kpc && (scan || found == mapcount);
}

/*
 * A live system moves between the kernel's answer and the read of
 * kpagecount: an answer that disagrees is asked again (up to 5 times) with
 * kpagecount read right before and after, and counts as a mismatch only if
 * no answer taken while kpagecount held still agrees.
 */
static void counts_settle(struct json_object *o, uint64_t pfn, int scan)
{
	struct json_object *again;
	int64_t k0, k1;
	int tries;

	if (counts_agree(o, scan, kpage("/proc/kpagecount", pfn), 0))
		return;
	for (tries = 0; tries < 5; tries++) {
		k0 = kpage("/proc/kpagecount", pfn);
		again = ask(pfn, scan);
		k1 = kpage("/proc/kpagecount", pfn);
		if (again && k0 == k1 && counts_agree(again, scan, k1, 0)) {
			json_object_put(again);
			retried++;
			return;
		}
		json_object_put(again);
	}
	counts_agree(o, scan, kpage("/proc/kpagecount", pfn), 1);
	mismatches++;
}

/* Check one frame whose recorded mappings are maps[lo, hi). */
static void check(size_t lo, size_t hi, int *scanned, int *counted)
{
	uint64_t pfn = maps[lo].pfn, va;
	struct json_object *o, *arr = NULL, *m;
	size_t i, j, nm;
	int found, pid, scan = 0;
	const char *frame, *method;

	o = ask(pfn, 0);
	if (!o) {
		mismatch(pfn, "no answer from mmscope", 0, 0);
		return;
	}
	method = get_str(o, "method");
	if (!strcmp(method, "none") || !strcmp(method, "")) {
		frame = get_str(o, "frame");
		if (strcmp(frame, "zero") && strcmp(frame, "reserved") && strcmp(frame, "ksm") &&
		    strcmp(frame, "hugetlb") && strcmp(frame, "kernel")) {
			printf("pfn 0x%" PRIx64 ": mapped, but mmscope says frame %s, method %s\n",
			       pfn, frame, method);
			mismatches++;
		}
		json_object_put(o);
		o = ask(pfn, 1);
		scan = 1;
		(*scanned)++;
		if (!o) {
			mismatch(pfn, "no answer from mmscope --scan", 0, 0);
			return;
		}
	}
	json_object_object_get_ex(o, "mappers", &arr);
	nm = arr ? json_object_array_length(arr) : 0;
	/* Every recorded mapping that still holds must be listed. */
	if (!json_object_get_boolean(json_object_object_get(o, "truncated"))) {
		for (i = lo; i < hi; i++) {
			found = 0;
			for (j = 0; j < nm && !found; j++) {
				m = json_object_array_get_idx(arr, j);
				found = get_int(m, "pid") == maps[i].pid &&
					strtoull(get_str(m, "va"), NULL, 16) == maps[i].va;
			}
			if (!found && pagemap_pfn(maps[i].pid, maps[i].va) == (int64_t)pfn)
				mismatch(pfn, "not listed:", maps[i].pid, maps[i].va);
		}
	}
	/* Every listed mapping of a recorded process must be real. */
	for (j = 0; j < nm; j++) {
		m = json_object_array_get_idx(arr, j);
		pid = get_int(m, "pid");
		va = strtoull(get_str(m, "va"), NULL, 16);
		if (!known_pid(pid))
			continue;
		for (i = lo, found = 0; i < hi && !found; i++)
			found = maps[i].pid == pid && maps[i].va == va;
		if (!found && pagemap_pfn(pid, va) != (int64_t)pfn)
			mismatch(pfn, "listed but pagemap disagrees:", pid, va);
	}
	if (!json_object_get_boolean(json_object_object_get(o, "truncated")) &&
	    strcmp(get_str(o, "frame"), "zero")) {
		(*counted)++;
		counts_settle(o, pfn, scan);
	}
	json_object_put(o);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 40, self = getpid(), scanned = 0, counted = 0, done = 0;
	unsigned int seed = argc > 2 ? strtoul(argv[2], NULL, 0) : (unsigned int)self;
	size_t *starts, nstarts = 0, i, k, lo;
	struct dirent *d;
	DIR *proc;

	if (argc == 3 && !strcmp(argv[1], "--kpage")) {
		uint64_t pfn = strtoull(argv[2], NULL, 0);

		printf("flags 0x%" PRIx64 " count %" PRId64 "\n",
		       (uint64_t)kpage("/proc/kpageflags", pfn), kpage("/proc/kpagecount", pfn));
		return 0;
	}
	proc = opendir("/proc");
	if (!proc)
		return 2;
	while ((d = readdir(proc)) && npids < MAX_PIDS)
		if (isdigit((unsigned char)d->d_name[0]) && atoi(d->d_name) != self)
			scan_pid(atoi(d->d_name));
	closedir(proc);
	if (!nmaps) {
		printf("no mapped page found\n");
		return 1;
	}
	qsort(maps, nmaps, sizeof(*maps), cmp_pfn);
	starts = malloc((nmaps + 1) * sizeof(*starts));
	for (i = 0; i < nmaps; i++)
		if (!i || maps[i].pfn != maps[i - 1].pfn)
			starts[nstarts++] = i;
	starts[nstarts] = nmaps;
	srand(seed);
	/* n distinct frames: a random walk over the sorted list of frames. */
	for (k = rand() % nstarts; done < n && done < (int)nstarts; done++) {
		lo = starts[k];
		check(lo, starts[k + 1], &scanned, &counted);
		k = (k + 1 + rand() % (nstarts / (n ? n : 1) + 1)) % nstarts;
	}
	printf("frames %d of %zu (processes %zu, mappings %zu) scanned %d mapcount %d (asked again %d) mismatches %d seed %u\n",
	       done, nstarts, npids, nmaps, scanned, counted, retried, mismatches, seed);
	return mismatches ? 1 : 0;
}
