// SPDX-License-Identifier: GPL-2.0
/*
 * pagemap_dump PID START N [STRIDE]
 *   The kernel's own view of N pages of process PID, from virtual address
 *   START (hex), every STRIDE pages (default 1), read from /proc/PID/pagemap
 *   (Documentation/admin-guide/mm/pagemap.rst).  One line per page:
 *     VA STATE FRAME FLAGS
 *   STATE is "present", "swap" or "none"; FRAME the PFN (present; 0 when
 *   the reader lacks CAP_SYS_ADMIN), the swap offset (swap) or 0, in hex;
 *   FLAGS a comma list of "exclusive" (bit 56: mapped by this process
 *   only), "file" (bit 61: file page or shared anonymous), "soft-dirty"
 *   (bit 55), or "-".
 * pagemap_dump --kpage PFN [N]
 *   N frames (default 1) from PFN (decimal, or hex with 0x): one line each,
 *   "PFN FLAGS COUNT": the frame's /proc/kpageflags (hex) and
 *   /proc/kpagecount (Documentation/admin-guide/mm/pagemap.rst).
 * Used by the labs as ground truth; reads only the kernel's files.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PG		4096ULL
#define PM_PRESENT	(1ULL << 63)
#define PM_SWAP		(1ULL << 62)
#define PM_FILE		(1ULL << 61)
#define PM_EXCLUSIVE	(1ULL << 56)
#define PM_SOFT_DIRTY	(1ULL << 55)
#define PM_PFN_MASK	((1ULL << 55) - 1)

static int kpage(unsigned long long pfn, unsigned long long n)
{
	int ff = open("/proc/kpageflags", O_RDONLY), fc = open("/proc/kpagecount", O_RDONLY);
	uint64_t flags, count;

	if (ff < 0 || fc < 0) {
		perror("pagemap_dump: /proc/kpage*");
		return 1;
	}
	for (; n; n--, pfn++) {
		if (pread(ff, &flags, 8, pfn * 8) != 8 || pread(fc, &count, 8, pfn * 8) != 8) {
			perror("pagemap_dump: pread");
			return 1;
		}
		printf("%llu %" PRIx64 " %" PRIu64 "\n", pfn, flags, count);
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long va, n, stride, i;
	char path[64], flags[40];
	uint64_t pm;
	int fd;

	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "--kpage"))
		return kpage(strtoull(argv[2], NULL, 0), argc > 3 ? strtoull(argv[3], NULL, 0) : 1);
	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: pagemap_dump PID START N [STRIDE] | --kpage PFN [N]\n");
		return 2;
	}
	snprintf(path, sizeof(path), "/proc/%s/pagemap", argv[1]);
	va = strtoull(argv[2], NULL, 16) & ~(PG - 1);
	n = strtoull(argv[3], NULL, 0);
	stride = argc > 4 ? strtoull(argv[4], NULL, 0) : 1;
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	for (i = 0; i < n; i++, va += stride * PG) {
		if (pread(fd, &pm, sizeof(pm), va / PG * sizeof(pm)) != sizeof(pm)) {
			perror("pagemap_dump: pread");
			return 1;
		}
		snprintf(flags, sizeof(flags), "%s%s%s",
			 pm & PM_EXCLUSIVE ? ",exclusive" : "", pm & PM_FILE ? ",file" : "",
			 pm & PM_SOFT_DIRTY ? ",soft-dirty" : "");
		printf("%llx %s %" PRIx64 " %s\n", va,
		       pm & PM_PRESENT ? "present" : pm & PM_SWAP ? "swap" : "none",
		       (uint64_t)(pm & PM_PRESENT ? pm & PM_PFN_MASK : pm & PM_SWAP ? (pm & PM_PFN_MASK) >> 5 : 0),
		       flags[0] ? flags + 1 : "-");
	}
	close(fd);
	return 0;
}
