// SPDX-License-Identifier: GPL-2.0
/*
 * demo_workload [SECONDS]: a small process worth inspecting.  It maps 16 MiB
 * of anonymous memory and touches every other page (writing every fourth),
 * maps its own executable read-only, and maps 16 pages of a shared file
 * (/tmp/demo_workload.data, on tmpfs) that it only reads: present and clean.
 * Then, once a second until SECONDS have passed (default: forever), it
 * writes a small hot set and reads one page it never touched (a minor fault
 * mapping the zero page).  SIGUSR1 makes it write the first page of the
 * shared file mapping once, which turns that page dirty.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define ANON_SIZE (16UL << 20)
#define SHARED_PAGES 16
#define SHARED_PATH "/tmp/demo_workload.data"

static volatile sig_atomic_t write_shared;

static void on_usr1(int sig)
{
	(void)sig;
	write_shared = 1;
}

int main(int argc, char **argv)
{
	long page = sysconf(_SC_PAGESIZE), secs = argc > 1 ? atol(argv[1]) : -1;
	volatile char *anon, *shared;
	struct sigaction sa = { .sa_handler = on_usr1 };
	unsigned long i, next_fault = 65;
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
	/* A read fault maps a shared page writable but clean: the MMU sets D on a write. */
	fd = open(SHARED_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || ftruncate(fd, SHARED_PAGES * page)) {
		perror(SHARED_PATH);
		return 1;
	}
	shared = mmap(NULL, SHARED_PAGES * page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (shared == MAP_FAILED) {
		perror("mmap " SHARED_PATH);
		return 1;
	}
	for (i = 0; i < SHARED_PAGES; i++)
		(void)shared[i * page];
	sigaction(SIGUSR1, &sa, NULL);
	printf("demo workload: pid %d, anon %p (16 MiB), file %p, shared %p (%d pages of %s)\n",
	       getpid(), (void *)anon, (void *)file, (void *)shared, SHARED_PAGES, SHARED_PATH);
	fflush(stdout);
	for (; secs != 0; secs--) {
		for (i = 0; i < 64; i++)
			anon[i * page]++;
		/* Odd pages past the hot set were never touched: one more fault per second. */
		if (next_fault < ANON_SIZE / page) {
			(void)anon[next_fault * page];
			next_fault += 2;
		}
		if (write_shared) {
			write_shared = 0;
			shared[0] = 1;
		}
		sleep(1);
	}
	return 0;
}
