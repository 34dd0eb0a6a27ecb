// SPDX-License-Identifier: GPL-2.0
/*
 * churn SECONDS: an address space that never holds still.  Loops over
 * mmap, touch, mremap (grow and move), mprotect, MADV_DONTNEED, munmap,
 * and forks short-lived children, until SECONDS have passed; then exits.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PG 4096UL

int main(int argc, char **argv)
{
	time_t end = time(NULL) + (argc > 1 ? atoi(argv[1]) : 2);
	unsigned long i, n;
	char *p, *q;

	srand(getpid());
	while (time(NULL) < end) {
		n = 1 + rand() % 64;
		p = mmap(NULL, n * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			continue;
		for (i = 0; i < n; i += 1 + rand() % 3)
			p[i * PG] = 1;
		q = mremap(p, n * PG, 2 * n * PG, MREMAP_MAYMOVE);
		if (q == MAP_FAILED)
			q = p;
		else
			n *= 2;
		mprotect(q, PG, PROT_READ);
		madvise(q + PG, PG, MADV_DONTNEED);
		if (rand() % 16 == 0 && fork() == 0) {
			q[n * PG - 1] = 2;
			_exit(0);
		}
		munmap(q, n * PG);
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
	return 0;
}
