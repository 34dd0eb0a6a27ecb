// SPDX-License-Identifier: GPL-2.0
/*
 * stress_target SECONDS [PROCS]: address spaces that never hold still, for
 * the stress test.  Keeps PROCS (default 4) short-lived processes alive
 * until SECONDS have passed.  Each lives 0.2-1.5 s with two threads that
 * loop over: anonymous mmap, touch, mremap (grow, move), mprotect,
 * MADV_DONTNEED, munmap; a 2 MiB-aligned MADV_HUGEPAGE region faulted in
 * (THP); MADV_PAGEOUT of touched pages (swap, when there is some); a shared
 * tmpfs file mapping; fork of a child that writes copy-on-write pages and
 * exits.  Some processes start by exec (of this program), some exec again
 * mid-life.  Every process is named stress_target (the stress driver finds
 * its targets by that name).  At the end it prints what it did.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

#define PG 4096UL
#define HUGE (2UL << 20)

/* What the processes did, summed in shared memory. */
struct counts {
	atomic_ulong procs, execs, forks, maps, remaps, protects, unmaps, thp, pageouts, files;
};

static struct counts *cnt;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned int rnd(unsigned int *s)
{
	*s = *s * 1103515245 + 12345;
	return *s >> 8;
}

static double life_end;
static char file_path[64];

static void churn_once(unsigned int *s)
{
	unsigned long n = 1 + rnd(s) % 256, i;
	char *p, *q;

	p = mmap(NULL, n * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return;
	cnt->maps++;
	for (i = 0; i < n; i += 1 + rnd(s) % 3)
		p[i * PG] = 1;
	if (rnd(s) % 16 == 0 && madvise(p, n * PG, MADV_PAGEOUT) == 0)
		cnt->pageouts++;
	q = mremap(p, n * PG, 2 * n * PG, MREMAP_MAYMOVE);
	if (q != MAP_FAILED) {
		cnt->remaps++;
		n *= 2;
	} else {
		q = p;
	}
	if (mprotect(q, PG, PROT_READ) == 0)
		cnt->protects++;
	madvise(q + PG, PG, MADV_DONTNEED);
	q[n * PG - 1] = 2;		/* fault back what was paged out, maybe */
	munmap(q, n * PG);
	cnt->unmaps++;
}

static void thp_once(unsigned int *s)
{
	char *p = mmap(NULL, 2 * HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *h;

	if (p == MAP_FAILED)
		return;
	h = (char *)(((uintptr_t)p + HUGE - 1) & ~(HUGE - 1));
	madvise(h, HUGE, MADV_HUGEPAGE);
	h[0] = 1;
	h[HUGE - 1] = 1;
	cnt->thp++;
	/* Part of it: the huge page is split, then swapped out. */
	if (rnd(s) % 4 == 0 && madvise(h, 16 * PG, MADV_PAGEOUT) == 0)
		cnt->pageouts++;
	munmap(p, 2 * HUGE);
}

static void file_once(void)
{
	int fd = open(file_path, O_RDWR | O_CREAT, 0600);
	char *p;

	if (fd < 0)
		return;
	if (ftruncate(fd, 64 * PG) == 0) {
		p = mmap(NULL, 64 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p != MAP_FAILED) {
			memset(p, 3, 16 * PG);
			cnt->files++;
			munmap(p, 64 * PG);
		}
	}
	close(fd);
}

static void *worker(void *arg)
{
	unsigned int s = (unsigned int)(uintptr_t)arg;

	while (now() < life_end) {
		switch (rnd(&s) % 8) {
		case 0: thp_once(&s); break;
		case 1: file_once(); break;
		case 2:
			if (fork() == 0) {
				/* A COW child: writes what it shares, then exits. */
				churn_once(&s);
				_exit(0);
			}
			cnt->forks++;
			break;
		default: churn_once(&s); break;
		}
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		/* Leave the walkers some CPU: the point is change, not load. */
		usleep(2000);
	}
	return NULL;
}

static void __attribute__((noreturn)) life(double seconds, const char *self)
{
	unsigned int s = getpid() ^ (unsigned int)(now() * 1000);
	pthread_t t;

	cnt->procs++;
	snprintf(file_path, sizeof(file_path), "/tmp/stress_target.%d", getpid());
	life_end = now() + seconds;
	pthread_create(&t, NULL, worker, (void *)(uintptr_t)(s * 7));
	/* Mid-life exec, sometimes: a new address space under the same PID. */
	if (rnd(&s) % 6 == 0) {
		char secs[32];

		life_end = now() + seconds / 2;
		worker((void *)(uintptr_t)s);
		snprintf(secs, sizeof(secs), "%.2f", seconds / 2);
		unlink(file_path);
		cnt->execs++;
		execl(self, "stress_target", "--life", secs, (char *)NULL);
		_exit(1);
	}
	worker((void *)(uintptr_t)s);
	pthread_join(t, NULL);
	unlink(file_path);
	while (wait(NULL) > 0)
		;
	_exit(0);
}

static struct counts *shared_counts(void)
{
	/* Exec'd processes find the counters again through this file. */
	int fd = open("/dev/shm/stress_target.counts", O_RDWR | O_CREAT, 0600);
	struct counts *c;

	if (fd < 0 || ftruncate(fd, sizeof(*c)))
		exit(1);
	c = mmap(NULL, sizeof(*c), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (c == MAP_FAILED)
		exit(1);
	return c;
}

int main(int argc, char **argv)
{
	char self[256];
	double end;
	unsigned int s = getpid(), procs, alive = 0;
	ssize_t n;

	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0)
		return 1;
	self[n] = '\0';
	if (argc > 2 && !strcmp(argv[1], "--life")) {
		cnt = shared_counts();
		life(atof(argv[2]), self);
	}
	if (argc < 2) {
		fprintf(stderr, "usage: stress_target SECONDS [PROCS]\n");
		return 2;
	}
	end = now() + atof(argv[1]);
	procs = argc > 2 ? atoi(argv[2]) : 4;
	unlink("/dev/shm/stress_target.counts");
	cnt = shared_counts();
	while (now() < end) {
		while (alive < procs) {
			double secs = 0.2 + rnd(&s) % 1300 / 1000.0;
			pid_t p = fork();

			if (p == 0) {
				if (rnd(&s) % 3 == 0) {
					char a[32];

					snprintf(a, sizeof(a), "%.2f", secs);
					cnt->execs++;
					execl(self, "stress_target", "--life", a, (char *)NULL);
					_exit(1);
				}
				life(secs, self);
			}
			if (p > 0)
				alive++;
			else
				break;
		}
		if (wait(NULL) > 0)
			alive--;
		else if (errno == ECHILD)
			alive = 0;
	}
	while (wait(NULL) > 0)
		;
	printf("stress_target: %lu processes (%lu execs), %lu forks, %lu mmaps, %lu mremaps, "
	       "%lu mprotects, %lu munmaps, %lu THP regions, %lu MADV_PAGEOUTs, %lu file maps\n",
	       cnt->procs, cnt->execs, cnt->forks, cnt->maps, cnt->remaps, cnt->protects,
	       cnt->unmaps, cnt->thp, cnt->pageouts, cnt->files);
	unlink("/dev/shm/stress_target.counts");
	return 0;
}
