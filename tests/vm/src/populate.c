// SPDX-License-Identifier: GPL-2.0
/*
 * populate MIB [FILE]: map MIB MiB of anonymous memory in 4 KiB pages (THP
 * off), write every page, print "start end" (hex) to FILE or stdout, then
 * sleep until killed.  The benchmark's target.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t len = (size_t)(argc > 1 ? atol(argv[1]) : 256) << 20, i;
	FILE *out = argc > 2 ? fopen(argv[2], "w") : stdout;
	char *p;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || !out)
		return 1;
	madvise(p, len, MADV_NOHUGEPAGE);
	for (i = 0; i < len; i += 4096)
		p[i] = 1;
	fprintf(out, "%lx %lx\n", (unsigned long)p, (unsigned long)p + len);
	fclose(out);
	for (;;)
		pause();
}
