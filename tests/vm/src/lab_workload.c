// SPDX-License-Identifier: GPL-2.0
/*
 * lab_workload DIR: the process the classroom labs (scripts/labs/) inspect.
 * It does one memory operation per command, so that a lab can predict what
 * each one does to the page tables.  Commands are lines written to the FIFO
 * DIR/cmd; after each one the answer is in DIR/out and DIR/done exists.
 * DIR/ready appears when the loop runs; DIR/pid holds the process ID.
 *
 *   map NAME SIZE [OPT...]  map a region of SIZE bytes (suffix k, m, g) in a
 *                           VMA of its own; out: its start address (hex).
 *                           OPT: nothp (MADV_NOHUGEPAGE), thp (2 MiB aligned,
 *                           MADV_HUGEPAGE), align=SIZE (start aligned to
 *                           SIZE, a power of two), noreserve, ro
 *                           (PROT_READ), shared
 *                           (MAP_SHARED|MAP_ANONYMOUS), code (one page of
 *                           machine code "ret", mapped read+exec from a memfd)
 *   read NAME FIRST N [STRIDE]   read one byte of N pages, from page FIRST,
 *                                every STRIDE pages (default 1)
 *   write NAME FIRST N [STRIDE]  the same, writing
 *   cycle NAME PASSES       read every page of NAME in order, PASSES times
 *   pageout NAME            madvise(MADV_PAGEOUT) the whole region
 *   protect NAME ro|rw|none mprotect the whole region
 *   call NAME               call the code in a "code" region
 *   crash NAME read|write|exec PAGE
 *                           a child process makes that access to page PAGE
 *                           of NAME (exec: jumps there) and nothing else;
 *                           out: "signal N" or "exit N", as the parent saw it
 *   fork                    a child process that serves commands on
 *                           DIR/child/cmd the same way (it dies with its
 *                           parent); out: its PID
 *   quit                    exit (a forked child: the child exits)
 *
 * Numbers are decimal or 0x-prefixed hex.  Unknown commands or names answer
 * "error ..." in DIR/out.  The command loop takes no page faults of its own
 * once it has run once (it reads into static buffers).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define PG		4096UL
#define HUGE		(2UL << 20)
#define MAX_REGIONS	16

struct region {
	char name[32];
	char *start;
	unsigned long pages;
};

static struct region regions[MAX_REGIONS];
static char dir[256], path[320], line[256], answer[256];

static const char *file(const char *name)
{
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static void put_file(const char *name, const char *text)
{
	int fd = open(file(name), O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return;
	if (write(fd, text, strlen(text)) < 0)
		perror("lab_workload: write");
	close(fd);
}

static unsigned long number(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	switch (*end) {
	case 'k': case 'K': return v << 10;
	case 'm': case 'M': return v << 20;
	case 'g': case 'G': return v << 30;
	default: return v;
	}
}

static struct region *find(const char *name)
{
	int i;

	for (i = 0; i < MAX_REGIONS; i++)
		if (regions[i].start && !strcmp(regions[i].name, name))
			return &regions[i];
	return NULL;
}

/* A VMA of its own: PROT_NONE guard pages keep it from merging with neighbours. */
static char *map_region(unsigned long size, char **opt, int nopt)
{
	static const unsigned char ret_insn = 0xc3;
	int prot = PROT_READ | PROT_WRITE, flags = MAP_PRIVATE | MAP_ANONYMOUS, fd = -1;
	int thp = 0, nothp = 0, ro = 0, i;
	unsigned long len, align = PG;
	char *p, *q;

	for (i = 0; i < nopt; i++) {
		if (!strcmp(opt[i], "nothp")) {
			nothp = 1;
		} else if (!strcmp(opt[i], "thp")) {
			thp = 1;
			if (align < HUGE)
				align = HUGE;
		} else if (!strncmp(opt[i], "align=", 6)) {
			align = number(opt[i] + 6);
			if (align < PG || (align & (align - 1)))
				return NULL;
		} else if (!strcmp(opt[i], "noreserve")) {
			flags |= MAP_NORESERVE;
		} else if (!strcmp(opt[i], "ro")) {
			ro = 1;
		} else if (!strcmp(opt[i], "shared")) {
			flags = MAP_SHARED | MAP_ANONYMOUS;
		} else if (!strcmp(opt[i], "code")) {
			fd = memfd_create("lab_code", 0);
			if (fd < 0 || write(fd, &ret_insn, 1) != 1 || ftruncate(fd, size))
				return NULL;
			prot = PROT_READ | PROT_EXEC;
			flags = MAP_PRIVATE;
		} else {
			return NULL;
		}
	}
	/* Reserve room for alignment and the guards, then place the region. */
	len = size + align + 2 * PG;
	p = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	q = (char *)(((unsigned long)p + PG + align - 1) & ~(align - 1));
	q = mmap(q, size, prot, flags | MAP_FIXED, fd, 0);
	if (fd >= 0)
		close(fd);
	if (q == MAP_FAILED)
		return NULL;
	if (thp)
		madvise(q, size, MADV_HUGEPAGE);
	if (nothp)
		madvise(q, size, MADV_NOHUGEPAGE);
	if (ro)
		mprotect(q, size, PROT_READ);
	return q;
}

static void access_pages(struct region *r, unsigned long first, unsigned long n,
			 unsigned long stride, int do_write)
{
	unsigned long i, pg;

	for (i = 0; i < n; i++) {
		pg = first + i * stride;
		if (pg >= r->pages)
			break;
		if (do_write)
			((volatile char *)r->start)[pg * PG] = (char)(pg + 1);
		else
			(void)((volatile char *)r->start)[pg * PG];
	}
}

static void crash(struct region *r, const char *how, unsigned long page)
{
	volatile char *p = r->start + page * PG;
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		signal(SIGSEGV, SIG_DFL);
		if (!strcmp(how, "write"))
			*p = 1;
		else if (!strcmp(how, "exec"))
			((void (*)(void))p)();
		else
			(void)*p;
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		snprintf(answer, sizeof(answer), "error fork\n");
	else if (WIFSIGNALED(status))
		snprintf(answer, sizeof(answer), "signal %d\n", WTERMSIG(status));
	else
		snprintf(answer, sizeof(answer), "exit %d\n", WEXITSTATUS(status));
}

static void serve(void);

static void run(char *cmd)
{
	char *arg[12];
	struct region *r = NULL;
	int n = 0, i, prot;
	pid_t pid;

	answer[0] = '\0';
	for (arg[n] = strtok(cmd, " \t"); arg[n] && n < 11; arg[++n] = strtok(NULL, " \t"))
		;
	if (n == 0 || !strcmp(arg[0], "nop"))
		goto out;
	if (n >= 2 && strcmp(arg[0], "map"))
		r = find(arg[1]);
	if (!strcmp(arg[0], "map") && n >= 3) {
		for (i = 0; i < MAX_REGIONS && regions[i].start; i++)
			;
		if (i == MAX_REGIONS || find(arg[1])) {
			snprintf(answer, sizeof(answer), "error no room for %s\n", arg[1]);
			goto out;
		}
		regions[i].start = map_region(number(arg[2]), arg + 3, n - 3);
		if (!regions[i].start) {
			snprintf(answer, sizeof(answer), "error map: %s\n", strerror(errno));
			goto out;
		}
		snprintf(regions[i].name, sizeof(regions[i].name), "%s", arg[1]);
		regions[i].pages = number(arg[2]) / PG;
		snprintf(answer, sizeof(answer), "%lx\n", (unsigned long)regions[i].start);
	} else if (!strcmp(arg[0], "fork")) {
		pid = fork();
		if (pid == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			snprintf(dir + strlen(dir), sizeof(dir) - strlen(dir), "/child");
			mkdir(dir, 0755);
			serve();
			_exit(0);
		}
		snprintf(answer, sizeof(answer), "%d\n", pid);
	} else if (!r) {
		snprintf(answer, sizeof(answer), "error unknown command or region: %s\n", arg[0]);
	} else if ((!strcmp(arg[0], "read") || !strcmp(arg[0], "write")) && n >= 4) {
		access_pages(r, number(arg[2]), number(arg[3]), n > 4 ? number(arg[4]) : 1,
			     arg[0][0] == 'w');
	} else if (!strcmp(arg[0], "cycle") && n == 3) {
		for (i = 0; i < (int)number(arg[2]); i++)
			access_pages(r, 0, r->pages, 1, 0);
	} else if (!strcmp(arg[0], "pageout")) {
		if (madvise(r->start, r->pages * PG, MADV_PAGEOUT))
			snprintf(answer, sizeof(answer), "error madvise: %s\n", strerror(errno));
	} else if (!strcmp(arg[0], "protect") && n == 3) {
		prot = !strcmp(arg[2], "rw") ? PROT_READ | PROT_WRITE :
		       !strcmp(arg[2], "ro") ? PROT_READ : PROT_NONE;
		if (mprotect(r->start, r->pages * PG, prot))
			snprintf(answer, sizeof(answer), "error mprotect: %s\n", strerror(errno));
	} else if (!strcmp(arg[0], "call")) {
		((void (*)(void))r->start)();
	} else if (!strcmp(arg[0], "crash") && n == 4) {
		crash(r, arg[2], number(arg[3]));
	} else {
		snprintf(answer, sizeof(answer), "error bad arguments for %s\n", arg[0]);
	}
out:
	put_file("out", answer);
	put_file("done", "");
}

/* The command loop, in the directory dir. */
static void serve(void)
{
	char buf[32];
	ssize_t n;
	int fd;

	unlink(file("cmd"));
	if (mkfifo(file("cmd"), 0600))
		exit(1);
	snprintf(buf, sizeof(buf), "%d\n", getpid());
	put_file("pid", buf);
	strcpy(line, "nop");
	run(line);
	put_file("ready", "");
	for (;;) {
		fd = open(file("cmd"), O_RDONLY);
		if (fd < 0)
			exit(1);
		n = read(fd, line, sizeof(line) - 1);
		close(fd);
		if (n <= 0)
			continue;
		line[n] = '\0';
		line[strcspn(line, "\n")] = '\0';
		if (!strcmp(line, "quit")) {
			put_file("done", "");
			exit(0);
		}
		run(line);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: lab_workload DIR\n");
		return 2;
	}
	snprintf(dir, sizeof(dir), "%s", argv[1]);
	signal(SIGCHLD, SIG_DFL);
	serve();
	return 0;
}
