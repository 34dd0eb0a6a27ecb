// SPDX-License-Identifier: GPL-2.0
/*
 * fault_workload DIR: a process whose page faults the tests cause one command
 * at a time, so that each fault can be predicted.  Commands are lines written
 * to the FIFO DIR/cmd; after each one the workload writes its answer to
 * DIR/out and creates DIR/done.  At start it writes DIR/regions
 * ("name start end" per line, hex) and creates DIR/ready.
 *
 *   touch      write one byte to each page of region "touch" (fresh, no THP)
 *   read       read one byte of each page of region "read" (maps the zero page)
 *   pageout    MADV_PAGEOUT region "swap" (its pages were written at start)
 *   swapin     read one byte of each page of region "swap" again
 *   thread     a new thread writes each page of region "thread", then exits
 *   threads    N_PAR new threads write region "many" at once, a share each
 *   exec       map code from a memfd, executable, and call it; out: its address
 *   fork       fork a child that writes the page of region "cow" on SIGUSR1,
 *              then creates DIR/child-done; out and DIR/child: its PID
 *   loop N     the benchmark: N times mmap 64 pages, write each, munmap;
 *              out: the time it took, in microseconds (CLOCK_MONOTONIC)
 *   nop        nothing (warms up the command path)
 *
 * The command loop itself takes no page faults once warmed up: it reads into
 * a static buffer and answers with write(2); the tests send "nop" first.
 */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PG	4096UL
#define N_TOUCH	64
#define N_READ	8
#define N_SWAP	16
#define N_THR	32
#define N_LOOP	64
#define N_PAR	4
#define N_MANY	1024

static const char *dir;
static char path[256], line[256], answer[256];
static char *touch_r, *read_r, *swap_r, *thr_r, *cow_r, *many_r;
static pthread_barrier_t par_start;

/* A VMA of its own: a PROT_NONE guard page keeps it from merging with the next. */
static char *region(size_t pages)
{
	char *p = mmap(NULL, (pages + 1) * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || mprotect(p + pages * PG, PG, PROT_NONE)) {
		perror("mmap");
		exit(1);
	}
	madvise(p, pages * PG, MADV_NOHUGEPAGE);
	return p;
}

static const char *file(const char *name)
{
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static void put_file(const char *name, const char *text)
{
	int fd = open(file(name), O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			perror("write");
		close(fd);
	}
}

static void *thread_fn(void *arg)
{
	size_t i;

	(void)arg;
	for (i = 0; i < N_THR; i++)
		((volatile char *)thr_r)[i * PG] = 1;
	return NULL;
}

static void *par_fn(void *arg)
{
	size_t i, k = (size_t)arg;

	pthread_barrier_wait(&par_start);
	for (i = k; i < N_MANY; i += N_PAR)
		((volatile char *)many_r)[i * PG] = 1;
	return NULL;
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void cow_child(void)
{
	sigset_t set, old;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	signal(SIGUSR1, on_usr1);
	sigsuspend(&old);
	*(volatile char *)cow_r = 2;
	put_file("child-done", "");
	for (;;)
		pause();
}

static long bench_loop(long n)
{
	struct timespec t0, t1;
	long i, j;
	char *p;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		p = mmap(NULL, N_LOOP * PG, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return -1;
		madvise(p, N_LOOP * PG, MADV_NOHUGEPAGE);
		for (j = 0; j < N_LOOP; j++)
			((volatile char *)p)[j * PG] = 1;
		munmap(p, N_LOOP * PG);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000;
}

static void run(const char *cmd)
{
	static const unsigned char ret_insn = 0xc3;
	pthread_t th;
	size_t i;
	pid_t pid;
	void (*fn)(void);
	int fd;

	answer[0] = '\0';
	if (!strcmp(cmd, "touch")) {
		for (i = 0; i < N_TOUCH; i++)
			((volatile char *)touch_r)[i * PG] = 1;
	} else if (!strcmp(cmd, "read")) {
		for (i = 0; i < N_READ; i++)
			(void)((volatile char *)read_r)[i * PG];
	} else if (!strcmp(cmd, "pageout")) {
		if (madvise(swap_r, N_SWAP * PG, MADV_PAGEOUT))
			snprintf(answer, sizeof(answer), "error\n");
	} else if (!strcmp(cmd, "swapin")) {
		for (i = 0; i < N_SWAP; i++)
			(void)((volatile char *)swap_r)[i * PG];
	} else if (!strcmp(cmd, "thread")) {
		if (pthread_create(&th, NULL, thread_fn, NULL) == 0)
			pthread_join(th, NULL);
	} else if (!strcmp(cmd, "threads")) {
		pthread_t par[N_PAR];
		size_t k;

		pthread_barrier_init(&par_start, NULL, N_PAR);
		for (k = 0; k < N_PAR; k++)
			if (pthread_create(&par[k], NULL, par_fn, (void *)k))
				exit(1);
		for (k = 0; k < N_PAR; k++)
			pthread_join(par[k], NULL);
		pthread_barrier_destroy(&par_start);
	} else if (!strcmp(cmd, "exec")) {
		fd = memfd_create("fault_workload_code", 0);
		if (fd < 0 || write(fd, &ret_insn, 1) != 1 || ftruncate(fd, PG))
			exit(1);
		fn = (void (*)(void))mmap(NULL, PG, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
		close(fd);
		if (fn == MAP_FAILED)
			exit(1);
		fn();
		snprintf(answer, sizeof(answer), "%lx\n", (unsigned long)fn);
	} else if (!strcmp(cmd, "fork")) {
		pid = fork();
		if (pid == 0)
			cow_child();
		snprintf(answer, sizeof(answer), "%d\n", pid);
		put_file("child", answer);
	} else if (!strncmp(cmd, "loop ", 5)) {
		snprintf(answer, sizeof(answer), "%ld\n", bench_loop(atol(cmd + 5)));
	}
	put_file("out", answer);
	put_file("done", "");
}

int main(int argc, char **argv)
{
	char buf[512];
	ssize_t n;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: fault_workload DIR\n");
		return 2;
	}
	dir = argv[1];
	signal(SIGCHLD, SIG_IGN);	/* no zombies from the COW child */
	touch_r = region(N_TOUCH);
	read_r = region(N_READ);
	swap_r = region(N_SWAP);
	thr_r = region(N_THR);
	cow_r = region(1);
	many_r = region(N_MANY);
	memset(swap_r, 7, N_SWAP * PG);
	*cow_r = 1;
	snprintf(buf, sizeof(buf),
		 "touch %lx %lx\nread %lx %lx\nswap %lx %lx\nthread %lx %lx\ncow %lx %lx\nmany %lx %lx\n",
		 (unsigned long)touch_r, (unsigned long)touch_r + N_TOUCH * PG,
		 (unsigned long)read_r, (unsigned long)read_r + N_READ * PG,
		 (unsigned long)swap_r, (unsigned long)swap_r + N_SWAP * PG,
		 (unsigned long)thr_r, (unsigned long)thr_r + N_THR * PG,
		 (unsigned long)cow_r, (unsigned long)cow_r + PG,
		 (unsigned long)many_r, (unsigned long)many_r + N_MANY * PG);
	put_file("regions", buf);
	if (mkfifo(file("cmd"), 0600))
		return 1;
	run("nop");
	put_file("ready", "");
	for (;;) {
		fd = open(file("cmd"), O_RDONLY);
		if (fd < 0)
			return 1;
		n = read(fd, line, sizeof(line) - 1);
		close(fd);
		if (n <= 0)
			continue;
		line[n] = '\0';
		line[strcspn(line, "\n")] = '\0';
		if (!strcmp(line, "quit"))
			return 0;
		run(line);
	}
}
