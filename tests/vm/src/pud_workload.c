// SPDX-License-Identifier: GPL-2.0
/*
 * pud_workload FILE: map one 1 GiB hugetlb page (MAP_HUGETLB | MAP_HUGE_1GB),
 * write its first and last base page, write "start end" (hex) to FILE, then
 * sleep until killed.  Exits 3 when no 1 GiB page can be had (the kernel
 * was not booted with hugepagesz=1G hugepages=1).  The target of t-pud.
 */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_HUGE_1GB
#define MAP_HUGE_1GB (30 << 26)
#endif
#define GIB (1UL << 30)

int main(int argc, char **argv)
{
	FILE *out;
	char *p;

	if (argc != 2) {
		fprintf(stderr, "usage: pud_workload FILE\n");
		return 2;
	}
	p = mmap(NULL, GIB, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_HUGE_1GB, -1, 0);
	if (p == MAP_FAILED) {
		perror("pud_workload: mmap of a 1 GiB huge page");
		return 3;
	}
	p[0] = 1;
	p[GIB - 4096] = 2;
	out = fopen(argv[1], "w");
	if (!out)
		return 1;
	fprintf(out, "%lx %lx\n", (unsigned long)p, (unsigned long)p + GIB);
	fclose(out);
	for (;;)
		pause();
}
