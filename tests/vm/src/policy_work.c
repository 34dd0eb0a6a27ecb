// SPDX-License-Identifier: GPL-2.0
/*
 * Workloads for t-policy and the policy benchmark.  Run inside a memory
 * cgroup with a small memory.max and swap, they make the kernel reclaim.
 *
 *   policy_work loop MIB CYCLES
 *	fill MIB MiB of anonymous memory, then read it page by page CYCLES
 *	times in the same order (the classic loop that LRU serves worst);
 *	CYCLES 0: until SIGTERM (then the pass ends and the pages are checked)
 *   policy_work hotscan HOT_MIB SCAN_MIB
 *	fill a hot set of HOT_MIB and use it for a second (read every
 *	100 ms), then write SCAN_MIB of cold data once, in 1 MiB steps,
 *	reading the whole hot set after every step
 *
 * Every page holds a pattern derived from its number: each access checks
 * one word of it, every 64th page is checked whole on each pass, and every
 * page is checked whole at the end, so a page that came back from swap with
 * other content is counted in "bad".  Buffers are MADV_NOHUGEPAGE: the
 * policies' unit is then the base page.
 *
 * One line on stdout: maj (major faults while the measured passes ran, from
 * getrusage), hot_maj and scan_maj (hotscan: during hot-set reads and during
 * scan writes), ms (the measured passes' time), cpu (their user + system CPU
 * time, ms: direct reclaim runs in this process), bad, pages.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define PAGE		4096UL
#define WORDS		(PAGE / sizeof(uint64_t))

static uint64_t bad;
static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static uint64_t word(uint64_t page, uint64_t i)
{
	uint64_t x = (page + 1) * 0x9e3779b97f4a7c15ULL + i * 0xbf58476d1ce4e5b9ULL;

	return x ^ (x >> 29);
}

static void fill(uint64_t *p, uint64_t page)
{
	uint64_t i;

	for (i = 0; i < WORDS; i++)
		p[i] = word(page, i);
}

static void check_whole(const uint64_t *p, uint64_t page)
{
	uint64_t i;

	for (i = 0; i < WORDS; i++) {
		if (p[i] != word(page, i)) {
			bad++;
			return;
		}
	}
}

static void check_one(const volatile uint64_t *p, uint64_t page)
{
	if (p[page % WORDS] != word(page, page % WORDS))
		bad++;
}

static long majflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_majflt;
}

static double cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static uint64_t *buffer(uint64_t pages)
{
	void *b = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (b == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	madvise(b, pages * PAGE, MADV_NOHUGEPAGE);
	return b;
}

static uint64_t *page_at(uint64_t *b, uint64_t i)
{
	return b + i * WORDS;
}

static int loop(uint64_t mib, unsigned int cycles)
{
	uint64_t pages = mib << 20 >> 12, i;
	uint64_t *b = buffer(pages);
	unsigned int c;
	double t0, c0;
	long m0;

	for (i = 0; i < pages; i++)
		fill(page_at(b, i), i);
	signal(SIGTERM, on_term);
	m0 = majflt();
	t0 = now_ms();
	c0 = cpu_ms();
	for (c = 0; cycles ? c < cycles : !stop; c++) {
		for (i = 0; i < pages; i++) {
			check_one(page_at(b, i), i);
			if (i % 64 == c % 64)
				check_whole(page_at(b, i), i);
		}
	}
	printf("maj=%ld ms=%.0f cpu=%.0f", majflt() - m0, now_ms() - t0, cpu_ms() - c0);
	for (i = 0; i < pages; i++)
		check_whole(page_at(b, i), i);
	printf(" bad=%llu pages=%llu\n", (unsigned long long)bad, (unsigned long long)pages);
	return bad != 0;
}

static int hotscan(uint64_t hot_mib, uint64_t scan_mib)
{
	uint64_t hot = hot_mib << 20 >> 12, scan = scan_mib << 20 >> 12, step = 256, i, s;
	uint64_t *h = buffer(hot), *c = buffer(scan);
	long m0, hot_maj = 0, scan_maj = 0, m;
	double t0, c0;

	for (i = 0; i < hot; i++)
		fill(page_at(h, i), i);
	/* The hot set is in use before the scan starts. */
	for (s = 0; s < 10; s++) {
		for (i = 0; i < hot; i++)
			check_one(page_at(h, i), i);
		usleep(100000);
	}
	m0 = majflt();
	t0 = now_ms();
	c0 = cpu_ms();
	for (s = 0; s < scan; s += step) {
		m = majflt();
		for (i = s; i < s + step && i < scan; i++)
			fill(page_at(c, i), hot + i);
		scan_maj += majflt() - m;
		m = majflt();
		for (i = 0; i < hot; i++) {
			check_one(page_at(h, i), i);
			if (i % 64 == (s / step) % 64)
				check_whole(page_at(h, i), i);
		}
		hot_maj += majflt() - m;
		if (getenv("POLICY_WORK_VERBOSE"))
			fprintf(stderr, "step %llu: hot_maj %ld\n", (unsigned long long)(s / step),
				majflt() - m);
	}
	printf("maj=%ld hot_maj=%ld scan_maj=%ld ms=%.0f cpu=%.0f", majflt() - m0, hot_maj,
	       scan_maj, now_ms() - t0, cpu_ms() - c0);
	for (i = 0; i < hot; i++)
		check_whole(page_at(h, i), i);
	for (i = 0; i < scan; i++)
		check_whole(page_at(c, i), hot + i);
	printf(" bad=%llu pages=%llu\n", (unsigned long long)bad,
	       (unsigned long long)(hot + scan));
	return bad != 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "loop"))
		return loop(strtoull(argv[2], NULL, 0), strtoul(argv[3], NULL, 0));
	if (argc == 4 && !strcmp(argv[1], "hotscan"))
		return hotscan(strtoull(argv[2], NULL, 0), strtoull(argv[3], NULL, 0));
	fprintf(stderr, "usage: policy_work loop MIB CYCLES | hotscan HOT_MIB SCAN_MIB\n");
	return 2;
}
