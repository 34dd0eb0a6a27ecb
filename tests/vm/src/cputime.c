// SPDX-License-Identifier: GPL-2.0
/*
 * cputime CMD [ARGS...]: run CMD (stdout to /dev/null) and print its wall,
 * user and system time in microseconds: "WALL USER SYS".  A process's
 * system time includes what the kernel does on its behalf, netlink
 * handlers and dumps included.  Exits 1 if CMD fails.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long us(struct timeval tv)
{
	return (long long)tv.tv_sec * 1000000 + tv.tv_usec;
}

int main(int argc, char **argv)
{
	struct timespec a, b;
	struct rusage ru;
	int status, fd;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: cputime CMD [ARGS...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	pid = fork();
	if (pid < 0)
		return 1;
	if (!pid) {
		fd = open("/dev/null", O_WRONLY);
		if (fd >= 0)
			dup2(fd, 1);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%lld %lld %lld\n",
	       (long long)(b.tv_sec - a.tv_sec) * 1000000 + (b.tv_nsec - a.tv_nsec) / 1000,
	       us(ru.ru_utime), us(ru.ru_stime));
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : 1;
}
