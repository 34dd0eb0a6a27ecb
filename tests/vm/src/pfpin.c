// SPDX-License-Identifier: GPL-2.0
/*
 * pfpin: hold the kernel's minor and major page-fault software events
 * enabled (one counting perf event of each on CPU 0) until killed.
 *
 * Why: the first such event to be created, and the last to go, flip a
 * static key, and the kernel patches the code of handle_mm_fault() while
 * other CPUs fault through it.  Under QEMU's TCG (7.2, Debian bookworm) a
 * vCPU faulting there at that moment can be left looping on the patching
 * breakpoint forever (a soft lockup at handle_mm_fault+0x229 on 6.1),
 * reproduced with nothing but perf_event_open() and close() in a loop next
 * to a faulting workload.  mmscope's fault tracking creates and releases
 * such events on every start and stop; the stress test holds them enabled
 * so it stresses the module, not the emulator's cross-modifying code.
 */
#include <linux/perf_event.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	static const unsigned long long ev[] = {
		PERF_COUNT_SW_PAGE_FAULTS_MIN, PERF_COUNT_SW_PAGE_FAULTS_MAJ,
	};
	struct perf_event_attr a;
	unsigned int i;

	for (i = 0; i < sizeof(ev) / sizeof(ev[0]); i++) {
		memset(&a, 0, sizeof(a));
		a.type = PERF_TYPE_SOFTWARE;
		a.size = sizeof(a);
		a.config = ev[i];
		if (syscall(SYS_perf_event_open, &a, -1, 0, -1, 0) < 0) {
			perror("pfpin: perf_event_open");
			return 1;
		}
	}
	printf("pfpin: page-fault software events held\n");
	fflush(stdout);
	for (;;)
		pause();
}
