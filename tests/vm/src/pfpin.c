// SPDX-License-Identifier: GPL-2.0
/*
 * pfpin: hold the kernel's minor and major page-fault software events
 * enabled (one counting perf event of each on CPU 0, and one attached to
 * this process) until killed.
 *
 * Why: the first such event to be created, and the last to go, flip static
 * keys (one per software event, and perf_sched_events for events attached
 * to tasks), and the kernel patches the code of handle_mm_fault() and
 * __schedule() while other CPUs run through it.  Under QEMU's TCG (7.2,
 * Debian bookworm) a vCPU there at that moment can execute the patching
 * breakpoint after the kernel removed it: on 6.1 it loops on it forever (a
 * soft lockup at handle_mm_fault+0x229), reproduced with nothing but
 * perf_event_open() and close() in a loop next to a faulting workload; on
 * 6.12 the kernel dies on it ("Oops: int3" there).  mmscope's fault
 * tracking creates and releases such events on every start and stop; the
 * stress test holds them enabled so it stresses the module, not the
 * emulator's cross-modifying code.
 */
#include <linux/perf_event.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	static const struct {
		unsigned long long config;
		int pid, cpu;
	} ev[] = {
		{ PERF_COUNT_SW_PAGE_FAULTS_MIN, -1, 0 },
		{ PERF_COUNT_SW_PAGE_FAULTS_MAJ, -1, 0 },
		{ PERF_COUNT_SW_PAGE_FAULTS_MIN, 0, -1 },	/* a task's: perf_sched_events */
	};
	struct perf_event_attr a;
	unsigned int i;

	for (i = 0; i < sizeof(ev) / sizeof(ev[0]); i++) {
		memset(&a, 0, sizeof(a));
		a.type = PERF_TYPE_SOFTWARE;
		a.size = sizeof(a);
		a.config = ev[i].config;
		if (syscall(SYS_perf_event_open, &a, ev[i].pid, ev[i].cpu, -1, 0) < 0) {
			perror("pfpin: perf_event_open");
			return 1;
		}
	}
	printf("pfpin: page-fault software events held\n");
	fflush(stdout);
	for (;;)
		pause();
}
