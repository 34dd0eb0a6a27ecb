// SPDX-License-Identifier: GPL-2.0
/*
 * pagemap_check PID < ptes.json
 *   Compare `mmscope ptes --json PID` (on stdin) with /proc/PID/pagemap for
 *   every page of every VMA in /proc/PID/maps: present, PFN, swap type and
 *   offset must agree page by page (huge leaves cover all their pages).
 *   Prints "pages N mismatches M" and the first mismatches; exits 1 on any.
 * pagemap_check --pfn PID VA
 *   Print the PFN of VA from pagemap (or "none").
 * pagemap_check --read PID START END
 *   Read [START, END) of pagemap (the benchmark's baseline).
 * Written independently of mmscope: it reads only the kernel's own files.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <json-c/json.h>

#define PG 4096ULL
#define PM_PRESENT (1ULL << 63)
#define PM_SWAP (1ULL << 62)
#define PM_PFN_MASK ((1ULL << 55) - 1)

struct ent {
	uint64_t va, size, pfn, stype, soff;
	int present, swap;
};

static struct ent *ents;
static size_t nents;

static uint64_t hex(struct json_object *o)
{
	return strtoull(json_object_get_string(o), NULL, 16);
}

static int load_json(void)
{
	struct json_object *arr, *e, *v, *sw;
	size_t i;
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			buf = realloc(buf, cap + 1);
			if (!buf)
				return -1;
		}
		n = fread(buf + len, 1, cap - len, stdin);
		if (!n)
			break;
		len += n;
	}
	buf[len] = '\0';
	arr = json_tokener_parse(buf);
	free(buf);
	if (!arr || !json_object_is_type(arr, json_type_array))
		return -1;
	nents = json_object_array_length(arr);
	ents = calloc(nents + 1, sizeof(*ents));
	for (i = 0; i < nents; i++) {
		e = json_object_array_get_idx(arr, i);
		json_object_object_get_ex(e, "va", &v);
		ents[i].va = hex(v);
		json_object_object_get_ex(e, "size", &v);
		ents[i].size = json_object_get_int64(v);
		json_object_object_get_ex(e, "present", &v);
		ents[i].present = json_object_get_boolean(v);
		json_object_object_get_ex(e, "pfn", &v);
		ents[i].pfn = v ? (uint64_t)json_object_get_int64(v) : 0;
		if (json_object_object_get_ex(e, "swap", &sw) && sw) {
			ents[i].swap = 1;
			json_object_object_get_ex(sw, "type", &v);
			ents[i].stype = json_object_get_int64(v);
			json_object_object_get_ex(sw, "offset", &v);
			ents[i].soff = json_object_get_int64(v);
		}
	}
	json_object_put(arr);
	return 0;
}

/* The entry covering va (entries are sorted by va). */
static const struct ent *find(uint64_t va)
{
	size_t lo = 0, hi = nents;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (ents[mid].va + ents[mid].size <= va)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nents && ents[lo].va <= va ? &ents[lo] : NULL;
}

int main(int argc, char **argv)
{
	unsigned long long start, end, va, pages = 0, bad = 0;
	char path[64], line[512];
	const struct ent *e;
	uint64_t pm;
	FILE *maps;
	int fd;

	if (argc == 5 && !strcmp(argv[1], "--read")) {
		/* The benchmark's baseline: read a range of pagemap, 64 KiB at a time. */
		static uint64_t buf[8192];
		unsigned long long s = strtoull(argv[3], NULL, 16) / PG * 8;
		unsigned long long e = strtoull(argv[4], NULL, 16) / PG * 8, sum = 0;
		ssize_t n;

		snprintf(path, sizeof(path), "/proc/%s/pagemap", argv[2]);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return 1;
		for (; s < e; s += n) {
			n = pread(fd, buf, e - s < sizeof(buf) ? e - s : sizeof(buf), s);
			if (n <= 0)
				return 1;
			sum += n / 8;
		}
		printf("%llu\n", sum);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "--pfn")) {
		snprintf(path, sizeof(path), "/proc/%s/pagemap", argv[2]);
		fd = open(path, O_RDONLY);
		va = strtoull(argv[3], NULL, 16);
		if (fd < 0 || pread(fd, &pm, 8, va / PG * 8) != 8)
			return 1;
		if (pm & PM_PRESENT)
			printf("%llu\n", (unsigned long long)(pm & PM_PFN_MASK));
		else
			printf("none\n");
		return 0;
	}
	if (argc != 2 || load_json()) {
		fprintf(stderr, "usage: pagemap_check PID < ptes.json\n");
		return 2;
	}
	snprintf(path, sizeof(path), "/proc/%s/maps", argv[1]);
	maps = fopen(path, "r");
	snprintf(path, sizeof(path), "/proc/%s/pagemap", argv[1]);
	fd = open(path, O_RDONLY);
	if (!maps || fd < 0)
		return 2;
	while (fgets(line, sizeof(line), maps)) {
		if (sscanf(line, "%llx-%llx", &start, &end) != 2 || start >= (1ULL << 56))
			continue;
		for (va = start; va < end; va += PG) {
			int mp, ms, ep, es;
			uint64_t mpfn, epfn = 0;

			if (pread(fd, &pm, 8, va / PG * 8) != 8)
				return 2;
			pages++;
			e = find(va);
			mp = !!(pm & PM_PRESENT);
			ms = !!(pm & PM_SWAP);
			mpfn = pm & PM_PFN_MASK;
			ep = e && e->present;
			es = e && e->swap;
			if (ep)
				epfn = e->pfn + (va - e->va) / PG;
			if (mp != ep || ms != es || (mp && mpfn != epfn) ||
			    (ms && mpfn != ((e->soff << 5) | e->stype))) {
				if (bad++ < 10)
					printf("# va %llx: pagemap present %d swap %d frame 0x%llx; mmscope present %d swap %d pfn 0x%llx\n",
					       va, mp, ms, (unsigned long long)mpfn, ep, es,
					       (unsigned long long)epfn);
			}
		}
	}
	printf("pages %llu mismatches %llu\n", pages, bad);
	return bad ? 1 : 0;
}
