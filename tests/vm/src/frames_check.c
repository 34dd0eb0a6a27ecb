// SPDX-License-Identifier: GPL-2.0
/*
 * frames_check CHECK: exercises /dev/mmscope-frames directly, for what the
 * tool does not do, and prints TAP lines ("ok - frames: ...").
 *
 *   errors    every refused setup and mapping, with its errno and field
 *   persist   page contents survive eviction (dirty or clean)
 *   mkwrite   a write after a read of the same page: one reference, dirty
 *   vma       fork, partial munmap, mprotect, mremap, mapping twice, remap
 *   traps     each reference is one page fault the kernel counts (getrusage)
 *   threads   threads faulting on one region at once
 *   log       read(): sizes, the position, the ring
 *   off-script  opt touched in another order than its string
 *   limit     the system-wide number of regions
 *   hold FILE set a region up, map it, touch it, create FILE, sleep
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../../module/uapi/mmscope_frames.h"

static size_t ps;

static void ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%s - frames: ", cond ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static int dev(void)
{
	int fd = open(MMSCOPE_FRAMES_DEVICE, O_RDWR);

	if (fd < 0) {
		perror(MMSCOPE_FRAMES_DEVICE);
		exit(1);
	}
	return fd;
}

/* SETUP on a fresh file: returns the errno (0: success); *bad the field. */
static int setup(int fd, struct mmscope_frames_setup s, unsigned int *bad)
{
	int ret = ioctl(fd, MMSCOPE_FRAMES_IOC_SETUP, &s) ? errno : 0;

	if (bad)
		*bad = s.bad;
	return ret;
}

static struct mmscope_frames_setup cfg(unsigned int pages, unsigned int frames,
				       unsigned int policy)
{
	return (struct mmscope_frames_setup){
		.abi = MMSCOPE_FRAMES_ABI, .pages = pages, .frames = frames, .policy = policy,
	};
}

static struct mmscope_frames_state state(int fd)
{
	struct mmscope_frames_state st;

	memset(&st, 0xa5, sizeof(st));
	if (ioctl(fd, MMSCOPE_FRAMES_IOC_STATE, &st))
		perror("STATE");
	return st;
}

static void refused(struct mmscope_frames_setup s, unsigned int want_bad, const char *what)
{
	int fd = dev();
	unsigned int bad = 99;
	int err = setup(fd, s, &bad);

	ok(err == EINVAL && bad == want_bad, "setup refused: %s (errno %d, field %u; want %d, %u)",
	   what, err, bad, EINVAL, want_bad);
	ok(ioctl(fd, MMSCOPE_FRAMES_IOC_STATE, &(struct mmscope_frames_state){ 0 }) &&
	   errno == EINVAL, "  and nothing was set up (STATE: EINVAL)");
	close(fd);
}

static void check_errors(void)
{
	struct mmscope_frames_setup s;
	uint8_t fut[3] = { 0, 1, 9 };
	unsigned int bad;
	void *p;
	int fd;

	s = cfg(0, 1, MMSCOPE_FRAMES_FIFO);
	refused(s, MMSCOPE_FRAMES_BAD_PAGES, "pages 0");
	s = cfg(MMSCOPE_FRAMES_MAX_PAGES + 1, 1, MMSCOPE_FRAMES_FIFO);
	refused(s, MMSCOPE_FRAMES_BAD_PAGES, "pages over the cap");
	s = cfg(4, 0, MMSCOPE_FRAMES_FIFO);
	refused(s, MMSCOPE_FRAMES_BAD_FRAMES, "frames 0");
	s = cfg(4, 5, MMSCOPE_FRAMES_LRU);
	refused(s, MMSCOPE_FRAMES_BAD_FRAMES, "more frames than pages");
	s = cfg(4, 2, MMSCOPE_FRAMES_NR_POLICIES);
	refused(s, MMSCOPE_FRAMES_BAD_POLICY, "an unknown policy");
	s = cfg(4, 2, MMSCOPE_FRAMES_RANDOM);
	refused(s, MMSCOPE_FRAMES_BAD_SEED, "random with seed 0");
	s.seed = MMSCOPE_FRAMES_RANDOM_MOD;
	refused(s, MMSCOPE_FRAMES_BAD_SEED, "random with a seed out of range");
	s = cfg(4, 2, MMSCOPE_FRAMES_FIFO);
	s.seed = 3;
	refused(s, MMSCOPE_FRAMES_BAD_SEED, "a seed for fifo");
	s = cfg(4, 2, MMSCOPE_FRAMES_OPT);
	refused(s, MMSCOPE_FRAMES_BAD_FUTURE, "opt without a reference string");
	s.nr_future = 3;
	s.future = (uintptr_t)fut;
	refused(s, MMSCOPE_FRAMES_BAD_FUTURE, "opt with a reference beyond the region");
	s = cfg(4, 2, MMSCOPE_FRAMES_LRU);
	s.nr_future = 2;
	s.future = (uintptr_t)fut;
	refused(s, MMSCOPE_FRAMES_BAD_FUTURE, "a reference string for lru");
	s = cfg(4, 2, MMSCOPE_FRAMES_FIFO);
	s.abi = MMSCOPE_FRAMES_ABI + 1;
	refused(s, MMSCOPE_FRAMES_BAD_ABI, "another ABI version");
	s = cfg(4, 2, MMSCOPE_FRAMES_FIFO);
	s.flags = 1;
	refused(s, MMSCOPE_FRAMES_BAD_FLAGS, "unknown flags");

	fd = dev();
	s = cfg(4, 2, MMSCOPE_FRAMES_OPT);
	s.nr_future = 2;
	s.future = 8;		/* an address nobody maps */
	ok(setup(fd, s, NULL) == EFAULT, "opt with an unreadable reference string: EFAULT");
	p = mmap(NULL, ps, PROT_READ, MAP_SHARED, fd, 0);
	ok(p == MAP_FAILED && errno == EINVAL, "mmap before setup: EINVAL");
	ok(setup(fd, cfg(4, 2, MMSCOPE_FRAMES_FIFO), &bad) == 0 && bad == 0,
	   "a valid setup after refused ones succeeds");
	ok(setup(fd, cfg(4, 2, MMSCOPE_FRAMES_LRU), NULL) == EBUSY, "a second setup: EBUSY");
	ok(state(fd).policy == MMSCOPE_FRAMES_FIFO, "  and the first one stands");
	p = mmap(NULL, 5 * ps, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ok(p == MAP_FAILED && errno == EINVAL, "mmap larger than the region: EINVAL");
	p = mmap(NULL, ps, PROT_READ | PROT_WRITE, MAP_SHARED, fd, ps);
	ok(p == MAP_FAILED && errno == EINVAL, "mmap at a non-zero offset: EINVAL");
	p = mmap(NULL, 4 * ps, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ok(p == MAP_FAILED && errno == EINVAL, "a private mapping: EINVAL");
	ok(ioctl(fd, MMSCOPE_FRAMES_IOC_UNMAP) && errno == EINVAL, "UNMAP while not mapped: EINVAL");
	ok(ioctl(fd, _IO(MMSCOPE_FRAMES_IOC_MAGIC, 99)) && errno == ENOTTY, "an unknown ioctl: ENOTTY");
	close(fd);
}

static void check_persist(void)
{
	int fd = dev(), bad = 0, i, j, pages = 8;
	struct mmscope_frames_state st;
	volatile uint64_t *w;
	unsigned char *p;

	setup(fd, cfg(pages, 2, MMSCOPE_FRAMES_FIFO), NULL);
	p = mmap(NULL, pages * ps, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		ok(0, "persist: mmap: %s", strerror(errno));
		return;
	}
	/* Fill every page (each write evicts a dirty page after the first two). */
	for (i = 0; i < pages; i++)
		for (j = 0; j < 512; j += 64) {
			w = (volatile uint64_t *)(p + i * ps) + j;
			*w = 0x5eed0000ULL + i * 1000 + j;
		}
	st = state(fd);
	ok(st.evictions == (uint64_t)pages - 2 && st.writebacks == (uint64_t)pages - 2,
	   "8 pages written through 2 frames: 6 evictions, all dirty (got %llu, %llu)",
	   (unsigned long long)st.evictions, (unsigned long long)st.writebacks);
	for (i = 0; i < pages; i++)
		for (j = 0; j < 512; j += 64) {
			w = (volatile uint64_t *)(p + i * ps) + j;
			bad += *w != 0x5eed0000ULL + i * 1000 + j;
		}
	ok(!bad, "every page's contents survived its eviction (%d words differ)", bad);
	st = state(fd);
	ok(st.references == 2ULL * pages && st.faults == 2ULL * pages,
	   "each page referenced twice (written, read back): 16 references, 16 faults (got %llu, %llu)",
	   (unsigned long long)st.references, (unsigned long long)st.faults);
	ok(st.writebacks == (uint64_t)pages, "reading back evicts the 2 dirty pages left: 8 dirty evictions (got %llu)",
	   (unsigned long long)st.writebacks);
	munmap(p, pages * ps);
	/* A new mapping of the same region sees the same pages. */
	p = mmap(NULL, pages * ps, PROT_READ, MAP_SHARED, fd, 0);
	ok(p != MAP_FAILED && *(volatile uint64_t *)(p + 3 * ps) == 0x5eed0000ULL + 3000,
	   "after munmap, a new mapping of the region shows the same contents");
	close(fd);
}

static void check_mkwrite(void)
{
	int fd = dev();
	struct mmscope_frames_event ev[4];
	struct mmscope_frames_state st;
	volatile uint64_t *p;
	ssize_t n;

	setup(fd, cfg(4, 2, MMSCOPE_FRAMES_ESC), NULL);
	p = mmap(NULL, 4 * ps, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	(void)p[0];
	st = state(fd);
	ok(st.references == 1 && !(st.dirty_bits & 1), "a read: one reference, frame clean");
	p[0] = 7;
	st = state(fd);
	ok(st.references == 1 && (st.dirty_bits & 1), "a write to the same page right after: still one reference, frame dirty");
	p[ps / 8] = 1;
	n = read(fd, ev, sizeof(ev));
	ok(n == 2 * (ssize_t)sizeof(ev[0]) && (ev[0].flags & MMSCOPE_FRAMES_EV_WRITE) &&
	   (ev[1].flags & MMSCOPE_FRAMES_EV_WRITE) && ev[1].page == 1,
	   "the events: the first marked a write after all, the second a write fault");
	st = state(fd);
	ok(st.references == 2 && st.dirty_bits == 3, "two frames, both dirty");
	munmap((void *)p, 4 * ps);
	close(fd);
}

static void check_vma(void)
{
	int fd = dev(), status = 0;
	struct mmscope_frames_state st;
	unsigned char *p, *q;
	pid_t pid;

	setup(fd, cfg(4, 2, MMSCOPE_FRAMES_LRU), NULL);
	p = mmap(NULL, 4 * ps, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	p[0] = 1;
	q = mmap(NULL, 4 * ps, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ok(q == MAP_FAILED && errno == EBUSY, "mapping the region twice: EBUSY");
	ok(munmap(p + ps, ps) && errno == EINVAL, "munmap of part of it: EINVAL");
	ok(mprotect(p, ps, PROT_READ) && errno == EINVAL, "mprotect of part of it: EINVAL");
	/* A place to move to: an anonymous mapping mremap may replace. */
	q = mmap(NULL, 4 * ps, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	q = mremap(p, 4 * ps, 4 * ps, MREMAP_MAYMOVE | MREMAP_FIXED, q);
	ok(q == MAP_FAILED, "mremap to another address refused (%s)", strerror(errno));
	q = mremap(p, 4 * ps, 8 * ps, MREMAP_MAYMOVE);
	ok(q == MAP_FAILED, "mremap larger refused (%s)", strerror(errno));
	p[ps] = 2;
	st = state(fd);
	ok(st.references == 2 && st.mapped == 1, "the region still works: 2 references, page 1 mapped");

	pid = fork();
	if (pid == 0) {
		/* The child has no copy of the mapping (VM_DONTCOPY): SIGSEGV. */
		signal(SIGSEGV, SIG_DFL);
		ok(ioctl(fd, MMSCOPE_FRAMES_IOC_UNMAP) && errno == EINVAL,
		   "UNMAP from a child that does not map the region: EINVAL");
		fflush(stdout);
		(void)*(volatile unsigned char *)p;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "a forked child has no mapping: SIGSEGV");
	st = state(fd);
	ok(st.references == 2, "the child's attempts counted nothing");
	ok(ioctl(fd, MMSCOPE_FRAMES_IOC_UNMAP) == 0 && state(fd).mapped == MMSCOPE_FRAMES_NONE,
	   "UNMAP in the mapping process: nothing mapped");
	(void)*(volatile unsigned char *)(p + ps);
	st = state(fd);
	ok(st.references == 3 && st.hits == 1, "touching the same page again traps: a hit");
	munmap(p, 4 * ps);
	ok(state(fd).mapped == MMSCOPE_FRAMES_NONE, "munmap: nothing mapped");
	p = mmap(NULL, 2 * ps, PROT_READ, MAP_SHARED, fd, 0);
	ok(p != MAP_FAILED && p[0] == 1 && p[ps] == 2, "mapped again (2 of 4 pages): contents kept");
	st = state(fd);
	ok(st.references == 5 && st.hits == 3, "and the counters go on: 5 references, 3 hits");
	close(fd);
	ok(p[0] == 1, "the mapping outlives the file descriptor");
	munmap(p, 2 * ps);
}

static long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/*
 * The kernel's own count: every reference the module counts is a page fault
 * of this process (a read: one; a write to a page not mapped: the fault and
 * the write-enable, two).
 */
static void check_traps(void)
{
	int fd = dev(), i, n = 1000;
	struct mmscope_frames_state st;
	volatile unsigned char *p;
	unsigned int x = 1, page = 0, prev;
	long m0, m1;

	setup(fd, cfg(8, 3, MMSCOPE_FRAMES_LRU), NULL);
	p = mmap(NULL, 8 * ps, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	m0 = minflt();
	for (i = 0; i < n; i++) {
		prev = page;
		do {
			x = x * 1103515245 + 12345;
			page = (x >> 16) % 8;
		} while (page == prev);
		(void)p[page * ps];
	}
	m1 = minflt();
	st = state(fd);
	ok(st.references == (uint64_t)n && m1 - m0 == n,
	   "%d reads of pages other than the last: %llu references, %ld page faults in getrusage",
	   n, (unsigned long long)st.references, m1 - m0);
	ioctl(fd, MMSCOPE_FRAMES_IOC_UNMAP);
	m0 = minflt();
	for (i = 0; i < n; i++)
		p[(i % 2) * ps] = 1;
	m1 = minflt();
	st = state(fd);
	ok(st.references == 2ULL * n && m1 - m0 == 2 * n,
	   "%d writes alternating two pages: %d more references, %ld page faults (fault and write-enable)",
	   n, n, m1 - m0);
	munmap((void *)p, 8 * ps);
	close(fd);
}

#define THREADS		4
#define THREAD_REFS	2000
#define TURNS		200

static unsigned char *tbase;
static pthread_barrier_t tstart;
static volatile int turn;

/* Free-running: each thread increments its own page as fast as it can. */
static void *worker(void *arg)
{
	long t = (long)arg;
	volatile uint64_t *mine = (volatile uint64_t *)(tbase + t * ps);
	int i;

	pthread_barrier_wait(&tstart);
	for (i = 0; i < THREAD_REFS; i++) {
		*mine = *mine + 1;
		if (i % 16 == 0)
			sched_yield();
	}
	return NULL;
}

/* Taking turns: thread t touches its page on turns t, t + THREADS, ... */
static void *taker(void *arg)
{
	long t = (long)arg;
	volatile uint64_t *mine = (volatile uint64_t *)(tbase + t * ps);
	int i;

	for (i = 0; i < TURNS; i++) {
		while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != i * THREADS + t)
			sched_yield();
		*mine = *mine + 1;
		__atomic_store_n(&turn, turn + 1, __ATOMIC_RELEASE);
	}
	return NULL;
}

static void run_threads(void *(*fn)(void *))
{
	pthread_t th[THREADS];
	long t;

	for (t = 0; t < THREADS; t++)
		pthread_create(&th[t], NULL, fn, (void *)t);
	for (t = 0; t < THREADS; t++)
		pthread_join(th[t], NULL);
}

static void check_threads(void)
{
	int fd = dev(), bad = 0;
	struct mmscope_frames_state st, st2;
	long t, m0, m1;
	uint64_t n;

	setup(fd, cfg(THREADS, 2, MMSCOPE_FRAMES_CLOCK), NULL);
	tbase = mmap(NULL, THREADS * ps, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	run_threads(taker);
	st = state(fd);		/* before reading the pages back: those are references too */
	for (t = 0; t < THREADS; t++)
		bad += *(volatile uint64_t *)(tbase + t * ps) != TURNS;
	ok(!bad && st.references == THREADS * TURNS && st.faults == THREADS * TURNS,
	   "%d threads taking turns on their own pages, %d turns each: %d references, all faults (clock, 2 frames; got %llu, %llu)",
	   THREADS, TURNS, THREADS * TURNS, (unsigned long long)st.references,
	   (unsigned long long)st.faults);

	pthread_barrier_init(&tstart, NULL, THREADS);
	m0 = minflt();
	run_threads(worker);
	m1 = minflt();
	st2 = state(fd);
	n = st2.references - st.references - THREADS + st2.spurious - st.spurious;
	for (t = 0; t < THREADS; t++)
		bad += *(volatile uint64_t *)(tbase + t * ps) != TURNS + THREAD_REFS;
	ok(!bad, "%d threads at once incrementing their own page %d times: every count exact",
	   THREADS, THREAD_REFS);
	ok(st2.hits + st2.faults == st2.references && m1 - m0 >= (long)n,
	   "  each trap the module saw was a page fault: %llu references and spurious traps, %ld faults in getrusage",
	   (unsigned long long)n, m1 - m0);
	munmap(tbase, THREADS * ps);
	close(fd);
}

static void check_log(void)
{
	int fd = dev(), i, n = MMSCOPE_FRAMES_LOG + 476, bad = 0;
	struct mmscope_frames_event ev[8];
	struct mmscope_frames_state st;
	unsigned char *p;
	uint64_t next;
	ssize_t got;

	setup(fd, cfg(3, 2, MMSCOPE_FRAMES_FIFO), NULL);
	ok(read(fd, ev, sizeof(ev)) == 0, "read() before any reference: 0");
	p = mmap(NULL, 3 * ps, PROT_READ, MAP_SHARED, fd, 0);
	for (i = 0; i < n; i++)
		(void)*(volatile unsigned char *)(p + (i % 3) * ps);
	st = state(fd);
	ok(st.references == (uint64_t)n && st.faults == (uint64_t)n && st.events_next == (uint64_t)n,
	   "%d references cycling over 3 pages with 2 frames: all faults", n);
	ok(read(fd, ev, sizeof(ev[0]) - 1) < 0 && errno == EINVAL, "read() into less than one event: EINVAL");
	next = n - MMSCOPE_FRAMES_LOG;
	while ((got = read(fd, ev, sizeof(ev))) > 0) {
		for (i = 0; i < got / (ssize_t)sizeof(ev[0]); i++) {
			bad += ev[i].seq != next || ev[i].page != next % 3 ||
			       !(ev[i].flags & MMSCOPE_FRAMES_EV_FAULT);
			next++;
		}
	}
	ok(!bad && next == (uint64_t)n, "the ring holds the last %d events, in order (%d wrong, ended at %llu)",
	   MMSCOPE_FRAMES_LOG, bad, (unsigned long long)next);
	ok(lseek(fd, n - 1, SEEK_SET) == n - 1 && read(fd, ev, sizeof(ev)) == sizeof(ev[0]) &&
	   ev[0].seq == (uint64_t)n - 1, "lseek() to an event number reads from there");
	munmap(p, 3 * ps);
	close(fd);
}

/* opt, touched in another order than the string it was given. */
static void check_off_script(void)
{
	uint8_t fut[4] = { 0, 1, 2, 0 };
	struct mmscope_frames_setup s = cfg(3, 2, MMSCOPE_FRAMES_OPT);
	struct mmscope_frames_event ev[8];
	struct mmscope_frames_state st;
	static const int order[] = { 0, 2, 1, 0, 2 };
	volatile unsigned char *p;
	int fd = dev(), i;
	ssize_t n;

	s.nr_future = 4;
	s.future = (uintptr_t)fut;
	setup(fd, s, NULL);
	p = mmap(NULL, 3 * ps, PROT_READ, MAP_SHARED, fd, 0);
	for (i = 0; i < 5; i++)
		(void)p[order[i] * ps];
	st = state(fd);
	n = read(fd, ev, sizeof(ev));
	/*
	 * 0 2 1 0 2 against 0 1 2 0: positions 1, 2 and 4 (past the end) differ.
	 * At 2 (page 1) the frames hold 0 and 2, whose next uses after 2 are 3
	 * and never: 2 goes.  At 4 (page 2) nothing is named again: the page
	 * loaded first, 0, goes.
	 */
	ok(st.references == 5 && st.off_script == 3 && n == 5 * (ssize_t)sizeof(ev[0]) &&
	   ev[2].victim == 2 && ev[4].victim == 0,
	   "opt off the script: served, 3 references counted off_script, victims from the string after them (got %llu, %u, %u)",
	   (unsigned long long)st.off_script, ev[2].victim, ev[4].victim);
	munmap((void *)p, 3 * ps);
	close(fd);
}

static void check_limit(void)
{
	int fd[MMSCOPE_FRAMES_MAX_REGIONS + 1], i, set = 0, err = 0;

	for (i = 0; i <= MMSCOPE_FRAMES_MAX_REGIONS; i++) {
		fd[i] = dev();
		err = setup(fd[i], cfg(1, 1, MMSCOPE_FRAMES_FIFO), NULL);
		if (err)
			break;
		set++;
	}
	ok(set == MMSCOPE_FRAMES_MAX_REGIONS && err == ENOSPC, "%d regions set up, the next refused with ENOSPC (got %d, %s)",
	   set, set, strerror(err));
	if (i > MMSCOPE_FRAMES_MAX_REGIONS)
		i = MMSCOPE_FRAMES_MAX_REGIONS;
	for (; i >= 0; i--)
		close(fd[i]);
	fd[0] = dev();
	ok(setup(fd[0], cfg(1, 1, MMSCOPE_FRAMES_FIFO), NULL) == 0, "closing them frees the slots");
	close(fd[0]);
}

static int hold(const char *file)
{
	int fd = dev(), f;
	unsigned char *p;

	setup(fd, cfg(2, 1, MMSCOPE_FRAMES_FIFO), NULL);
	p = mmap(NULL, 2 * ps, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return 1;
	p[0] = 1;
	p[ps] = 2;
	close(fd);		/* the mapping alone keeps the region */
	f = open(file, O_CREAT | O_WRONLY, 0644);
	close(f);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	ps = (size_t)sysconf(_SC_PAGESIZE);
	if (argc < 2)
		goto usage;
	if (!strcmp(argv[1], "errors"))
		check_errors();
	else if (!strcmp(argv[1], "persist"))
		check_persist();
	else if (!strcmp(argv[1], "mkwrite"))
		check_mkwrite();
	else if (!strcmp(argv[1], "vma"))
		check_vma();
	else if (!strcmp(argv[1], "traps"))
		check_traps();
	else if (!strcmp(argv[1], "threads"))
		check_threads();
	else if (!strcmp(argv[1], "log"))
		check_log();
	else if (!strcmp(argv[1], "off-script"))
		check_off_script();
	else if (!strcmp(argv[1], "limit"))
		check_limit();
	else if (!strcmp(argv[1], "hold") && argc == 3)
		return hold(argv[2]);
	else
		goto usage;
	return 0;
usage:
	fprintf(stderr, "usage: frames_check errors|persist|mkwrite|vma|traps|threads|log|off-script|limit|hold FILE\n");
	return 2;
}
