// SPDX-License-Identifier: GPL-2.0
/*
 * aspace_workload DIR [FILEDIR]: sets up the regions the address-space
 * tests inspect, writes their addresses to DIR/regions ("name start end" per
 * line, hex), writes DIR/ready, then serves signals until killed:
 *   SIGUSR1  read the pages listed in DIR/touch (one hex VA per line)
 *   SIGUSR2  MADV_PAGEOUT the written part of the anon region
 *   SIGHUP   fork a child that writes anon page 0 on its own SIGUSR1
 *            (child's PID in DIR/child)
 * After each request it writes DIR/done.
 *
 * Regions (16 pages unless said): anon (64 pages: 0-31 written, 32-47 read
 * only: zero page, 48-63 untouched), fpriv (FILEDIR/file, default DIR/file,
 * mapped private, read), fshared (the same file mapped shared, pages 0-3
 * written), shmem (shared anonymous, pages 0-7 written), thp (4 MiB,
 * MADV_HUGEPAGE, one write per 2 MiB), ro (8 pages written, then PROT_READ).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PG 4096UL
#define HUGE (2UL << 20)

static const char *dir;
static volatile sig_atomic_t req;
static char *anon;

static void put_file(const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.tmp", dir, name);
	f = fopen(path, "w");
	if (!f)
		exit(1);
	fputs(text, f);
	fclose(f);
	{
		char final[512];

		snprintf(final, sizeof(final), "%s/%s", dir, name);
		rename(path, final);
	}
}

static void on_signal(int sig)
{
	req = sig;
}

static void touch_listed(void)
{
	char path[512], line[64];
	volatile char sink;
	FILE *f;

	snprintf(path, sizeof(path), "%s/touch", dir);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		sink = *(volatile char *)strtoul(line, NULL, 16);
	(void)sink;
	fclose(f);
}

static void child_loop(void)
{
	sigset_t set;
	char buf[32];

	sigemptyset(&set);
	req = 0;
	snprintf(buf, sizeof(buf), "%d\n", getpid());
	put_file("child", buf);
	while (req != SIGUSR1)
		sigsuspend(&set);
	anon[0] = 'c';
	put_file("child-done", "1\n");
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	char *fpriv, *fshared, *shm, *thp, *ro, *raw, path[512], out[2048];
	volatile char sink;
	sigset_t set;
	size_t i;
	int fd, n;

	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: aspace_workload DIR [FILEDIR]\n");
		return 2;
	}
	dir = argv[1];
	anon = mmap(NULL, 64 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	madvise(anon, 64 * PG, MADV_NOHUGEPAGE);
	for (i = 0; i < 32; i++)
		anon[i * PG] = (char)(i + 1);
	for (i = 32; i < 48; i++)
		sink = anon[i * PG];

	snprintf(path, sizeof(path), "%s/file", argc == 3 ? argv[2] : dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || ftruncate(fd, 16 * PG))
		return 1;
	fpriv = mmap(NULL, 16 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	fshared = mmap(NULL, 16 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	for (i = 0; i < 16; i++)
		sink = fpriv[i * PG];
	for (i = 0; i < 4; i++)
		fshared[i * PG] = 'f';

	shm = mmap(NULL, 16 * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	for (i = 0; i < 8; i++)
		shm[i * PG] = 's';

	raw = mmap(NULL, 3 * 2 * HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	thp = (char *)(((unsigned long)raw + HUGE - 1) & ~(HUGE - 1));
	madvise(thp, 2 * HUGE, MADV_HUGEPAGE);
	thp[0] = 't';
	thp[HUGE] = 't';

	ro = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (i = 0; i < 8; i++)
		ro[i * PG] = 'r';
	mprotect(ro, 8 * PG, PROT_READ);
	(void)sink;

	n = snprintf(out, sizeof(out),
		     "anon %lx %lx\nfpriv %lx %lx\nfshared %lx %lx\nshmem %lx %lx\nthp %lx %lx\nro %lx %lx\n",
		     (unsigned long)anon, (unsigned long)anon + 64 * PG,
		     (unsigned long)fpriv, (unsigned long)fpriv + 16 * PG,
		     (unsigned long)fshared, (unsigned long)fshared + 16 * PG,
		     (unsigned long)shm, (unsigned long)shm + 16 * PG,
		     (unsigned long)thp, (unsigned long)thp + 2 * HUGE,
		     (unsigned long)ro, (unsigned long)ro + 8 * PG);
	if (n < 0)
		return 1;
	put_file("regions", out);

	signal(SIGUSR1, on_signal);
	signal(SIGUSR2, on_signal);
	signal(SIGHUP, on_signal);
	sigemptyset(&set);
	put_file("ready", "1\n");
	for (;;) {
		while (!req)
			sigsuspend(&set);
		switch (req) {
		case SIGUSR1:
			touch_listed();
			break;
		case SIGUSR2:
			madvise(anon, 32 * PG, MADV_PAGEOUT);
			break;
		case SIGHUP:
			if (fork() == 0)
				child_loop();
			break;
		}
		req = 0;
		put_file("done", "1\n");
	}
}
