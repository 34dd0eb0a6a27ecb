// SPDX-License-Identifier: GPL-2.0
/*
 * nocap CMD [ARGS...]: run CMD as the current user but without CAP_SYS_ADMIN
 * (dropped from the bounding, permitted, effective and inheritable sets), so
 * tests can check that root without the capability is refused.
 */
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	const unsigned int bit = CAP_SYS_ADMIN;

	if (argc < 2) {
		fprintf(stderr, "usage: nocap CMD [ARGS...]\n");
		return 2;
	}
	if (prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0)) {
		perror("nocap: PR_CAPBSET_DROP");
		return 1;
	}
	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &hdr, data)) {
		perror("nocap: capget");
		return 1;
	}
	data[bit / 32].effective &= ~(1u << (bit % 32));
	data[bit / 32].permitted &= ~(1u << (bit % 32));
	data[bit / 32].inheritable &= ~(1u << (bit % 32));
	if (syscall(SYS_capset, &hdr, data)) {
		perror("nocap: capset");
		return 1;
	}
	execvp(argv[1], argv + 1);
	perror("nocap: exec");
	return 127;
}
