// SPDX-License-Identifier: GPL-2.0
/*
 * Workloads for the reverse-mapping tests (t-rmap.sh).
 *
 * rmap_workload files DIR FILE [N]
 *   Creates FILE (4 pages, page k filled with 'a' + k), then forks N
 *   children (default 3, at most 1000); child k maps FILE MAP_SHARED at its
 *   own fixed address (BASE + k GiB), reads its 4 pages and writes
 *   DIR/files.K ("PID VA", VA in hex).  When all are set up, the parent
 *   writes DIR/files.ready, then waits.
 *
 * rmap_workload fork DIR
 *   Maps one private anonymous page and one MAP_SHARED|MAP_ANONYMOUS page,
 *   writes both, forks; the child reads the shared page (fork copies no
 *   page-table entries of shared mappings: the child faults it in) and
 *   writes DIR/fork ("PARENT CHILD PRIVATE_VA SHARED_VA").
 *   On SIGUSR1 the child writes its private page (copy-on-write) and
 *   writes DIR/fork.written.
 *
 * Children die with their parent (PR_SET_PDEATHSIG); kill the parent to end.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#define PG	4096UL
#define NPAGES	4
#define BASE	0x100000000000UL

static const char *dir;
static volatile sig_atomic_t got;

static void on_signal(int sig)
{
	got = sig;
}

/* Write DIR/NAME atomically (rename), so a reader never sees half a line. */
static void put_file(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put_file(const char *name, const char *fmt, ...)
{
	char tmp[512], final[512];
	va_list ap;
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s/%s.tmp", dir, name);
	snprintf(final, sizeof(final), "%s/%s", dir, name);
	f = fopen(tmp, "w");
	if (!f) {
		perror(tmp);
		exit(1);
	}
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
	if (rename(tmp, final)) {
		perror(final);
		exit(1);
	}
}

static void die_with_parent(void)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		exit(0);
}

static void files_child(const char *file, int k, int ready)
{
	void *want = (void *)(BASE + ((unsigned long)k << 30));
	volatile char sum = 0;
	char name[32];
	char *p;
	int fd, i;

	die_with_parent();
	fd = open(file, O_RDONLY);
	if (fd < 0) {
		perror(file);
		exit(1);
	}
	p = mmap(want, NPAGES * PG, PROT_READ, MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0);
	if (p == MAP_FAILED || p != want) {
		perror("mmap");
		exit(1);
	}
	for (i = 0; i < NPAGES; i++)
		sum += p[i * PG];
	(void)sum;
	snprintf(name, sizeof(name), "files.%d", k);
	put_file(name, "%d %lx\n", getpid(), (unsigned long)p);
	if (write(ready, "", 1) != 1)
		exit(1);
	close(ready);
	for (;;)
		pause();
}

static int files(const char *file, int n)
{
	char page[PG], c;
	int fd, i, k, ready[2];

	fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror(file);
		return 1;
	}
	for (i = 0; i < NPAGES; i++) {
		memset(page, 'a' + i, sizeof(page));
		if (write(fd, page, sizeof(page)) != (ssize_t)sizeof(page)) {
			perror("write");
			return 1;
		}
	}
	close(fd);
	if (pipe(ready)) {
		perror("pipe");
		return 1;
	}
	for (k = 0; k < n; k++)
		if (fork() == 0) {
			close(ready[0]);
			files_child(file, k, ready[1]);
		}
	close(ready[1]);
	/* One byte per child once it is set up; EOF early means one failed. */
	for (k = 0; k < n; k++)
		if (read(ready[0], &c, 1) != 1) {
			fprintf(stderr, "rmap_workload: a child failed\n");
			return 1;
		}
	put_file("files.ready", "%d\n", getpid());
	for (;;)
		pause();
}

static int forked(void)
{
	char *priv, *shared;
	sigset_t set, old;
	pid_t parent = getpid(), child;

	priv = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	shared = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (priv == MAP_FAILED || shared == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	priv[0] = 'p';
	shared[0] = 's';
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	signal(SIGUSR1, on_signal);
	child = fork();
	if (child < 0) {
		perror("fork");
		return 1;
	}
	if (child == 0) {
		die_with_parent();
		if (*(volatile char *)shared != 's')
			exit(1);
		put_file("fork", "%d %d %lx %lx\n", parent, getpid(), (unsigned long)priv,
			 (unsigned long)shared);
		while (!got)
			sigsuspend(&old);
		priv[0] = 'c';
		put_file("fork.written", "%d\n", getpid());
		for (;;)
			pause();
	}
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "files")) {
		int n = argc == 5 ? atoi(argv[4]) : 3;

		if (n < 1 || n > 1000)
			return 2;
		dir = argv[2];
		return files(argv[3], n);
	}
	if (argc == 3 && !strcmp(argv[1], "fork")) {
		dir = argv[2];
		return forked();
	}
	fprintf(stderr, "usage: rmap_workload files DIR FILE [N] | fork DIR\n");
	return 2;
}
