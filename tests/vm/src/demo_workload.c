// SPDX-License-Identifier: GPL-2.0
/*
 * demo_workload [SECONDS]: a small process worth inspecting.  It maps 16 MiB
 * of anonymous memory and touches every other page (writing every fourth),
 * maps its own executable read-only, then keeps touching a small hot set
 * once a second until SECONDS have passed (default: forever).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define ANON_SIZE (16UL << 20)

int main(int argc, char **argv)
{
	long page = sysconf(_SC_PAGESIZE), secs = argc > 1 ? atol(argv[1]) : -1;
	volatile char *anon;
	unsigned long i;
	char *file;
	int fd;

	anon = mmap(NULL, ANON_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (anon == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	madvise((void *)anon, ANON_SIZE, MADV_NOHUGEPAGE);
	for (i = 0; i < ANON_SIZE / page; i += 2) {
		if (i % 4 == 0)
			anon[i * page] = (char)i;
		else
			(void)anon[i * page];
	}
	fd = open("/proc/self/exe", O_RDONLY);
	file = fd < 0 ? MAP_FAILED : mmap(NULL, page, PROT_READ, MAP_PRIVATE, fd, 0);
	printf("demo workload: pid %d, anon %p (16 MiB), file %p\n", getpid(), (void *)anon,
	       (void *)file);
	fflush(stdout);
	for (; secs != 0; secs--) {
		for (i = 0; i < 64; i++)
			anon[i * page]++;
		sleep(1);
	}
	return 0;
}
