// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for aspace.c (parsing GET_MM, GET_VMAS, GET_PTES and XLATE
 * replies) and bits.c (names of levels, kinds, stops, entry bits and VMA
 * flags).  The replies are built with libmnl the way module/netlink.c builds
 * them with nla_put_*(); its nla_put_u64_64bit() is mnl_attr_put_u64() here,
 * with the zero-length pad attribute it may put before a u64 added by hand.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <cmocka.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "aspace.h"
#include "mmscope.h"

#define TEST_FAMILY_ID	0x1d	/* any dynamic genetlink family id */
#define TEST_SEQ	4243
#define TEST_PORTID	0	/* replies come from the kernel */

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static union {
	struct nlmsghdr nlh;
	char buf[64 * 1024];
} msg;

/* Start a reply to @cmd: netlink header and genetlink header. */
static struct nlmsghdr *reply_start(uint8_t cmd)
{
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;

	memset(&msg, 0, sizeof(msg));
	nlh = mnl_nlmsg_put_header(msg.buf);
	nlh->nlmsg_type = TEST_FAMILY_ID;
	nlh->nlmsg_flags = 0;
	nlh->nlmsg_seq = TEST_SEQ;
	nlh->nlmsg_pid = TEST_PORTID;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = MMSCOPE_GENL_VERSION;
	return nlh;
}

/* What nla_align_64bit() puts before a u64 that would be misaligned. */
static void put_pad(struct nlmsghdr *nlh, uint16_t pad)
{
	mnl_attr_put(nlh, pad, 0, "");
}

/* A pad attribute with a payload the size of a u64, which is still not one. */
static void put_fat_pad(struct nlmsghdr *nlh, uint16_t pad)
{
	mnl_attr_put_u64(nlh, pad, 0xdeadbeefcafef00dULL);
}

/*
 * Variant @k % (number of variants) of an attribute of @type that is not a u8,
 * a u32, a u64, or a NUL-terminated string.  Each variant goes in a message of
 * its own where it must be ignored, or all of them after a good value.
 */
#define NR_BAD	5

static void put_not_u8(struct nlmsghdr *nlh, uint16_t type, unsigned int k)
{
	switch (k % 4) {
	case 0:
		mnl_attr_put_u16(nlh, type, 0x4242);
		break;
	case 1:
		mnl_attr_put_u32(nlh, type, 0x42424242);
		break;
	case 2:
		mnl_attr_put_u64(nlh, type, 0x4242424242424242ULL);
		break;
	case 3:
		mnl_attr_put(nlh, type, 0, "");
		break;
	}
}

static void put_not_u32(struct nlmsghdr *nlh, uint16_t type, unsigned int k)
{
	switch (k % 5) {
	case 0:
		mnl_attr_put_u8(nlh, type, 0x42);
		break;
	case 1:
		mnl_attr_put_u16(nlh, type, 0x4242);
		break;
	case 2:
		mnl_attr_put_u64(nlh, type, 0x4242424242424242ULL);
		break;
	case 3:
		mnl_attr_put(nlh, type, 3, "BBB");
		break;
	case 4:
		mnl_attr_put(nlh, type, 0, "");
		break;
	}
}

static void put_not_u64(struct nlmsghdr *nlh, uint16_t type, unsigned int k)
{
	static const char sixteen[] = "BBBBBBBBBBBBBBB";

	switch (k % 5) {
	case 0:
		mnl_attr_put_u8(nlh, type, 0x42);
		break;
	case 1:
		mnl_attr_put_u32(nlh, type, 0x42424242);
		break;
	case 2:
		mnl_attr_put(nlh, type, 7, sixteen);
		break;
	case 3:
		mnl_attr_put(nlh, type, sizeof(sixteen), sixteen);
		break;
	case 4:
		mnl_attr_put(nlh, type, 0, "");
		break;
	}
}

static void put_not_string(struct nlmsghdr *nlh, uint16_t type, unsigned int k)
{
	static const char no_nul[] = { 'b', 'o', 'g', 'u', 's' };

	switch (k % 3) {
	case 0:
		mnl_attr_put(nlh, type, sizeof(no_nul), no_nul);
		break;
	case 1:
		mnl_attr_put(nlh, type, 0, "");
		break;
	case 2:
		mnl_attr_put_u32(nlh, type, 0x41414141);
		break;
	}
}

/* Fill @buf with @len - 1 characters cycling through the alphabet. */
static void long_string(char *buf, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++)
		buf[i] = 'a' + i % 26;
	buf[len - 1] = '\0';
}

/* ------------------------------------------------------------------------ */
/* GET_MM */

#define MM_PID		4321
#define MM_PT_LEVELS	5
#define MM_MAP_COUNT	77

/* A value per attribute type, above 32 bits so a truncation shows. */
#define MMV(t)		(0xa5a5000000000000ULL | ((uint64_t)(t) << 32) | (0x1000u + (t)))

/* The u64 attributes of the nest, in the order put_mm() puts them. */
static const uint16_t mm_u64_types[] = {
	MMSCOPE_MM_PGD_PA, MMSCOPE_MM_TOTAL_VM, MMSCOPE_MM_RSS_ANON, MMSCOPE_MM_RSS_FILE,
	MMSCOPE_MM_RSS_SHMEM, MMSCOPE_MM_SWAP_ENTS, MMSCOPE_MM_PT_PTE, MMSCOPE_MM_PT_PMD,
	MMSCOPE_MM_PT_PUD, MMSCOPE_MM_PT_P4D, MMSCOPE_MM_PT_PGD, MMSCOPE_MM_PT_BYTES_KERNEL,
	MMSCOPE_MM_PT_DEPOSITED, MMSCOPE_MM_START_CODE, MMSCOPE_MM_END_CODE,
	MMSCOPE_MM_START_DATA, MMSCOPE_MM_END_DATA, MMSCOPE_MM_START_BRK, MMSCOPE_MM_BRK,
	MMSCOPE_MM_START_STACK, MMSCOPE_MM_ARG_START, MMSCOPE_MM_ARG_END,
	MMSCOPE_MM_ENV_START, MMSCOPE_MM_ENV_END,
};

/* The u32 attributes. */
static const uint16_t mm_u32_types[] = {
	MMSCOPE_MM_PID, MMSCOPE_MM_PT_LEVELS, MMSCOPE_MM_MAP_COUNT,
};

/* The MMSCOPE_A_MM nest of a reply, as put_mm() emits it; @pad: pads everywhere. */
static void put_mm(struct nlmsghdr *nlh, const char *comm, bool pad)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, MMSCOPE_A_MM);
	size_t i;

	if (pad)
		put_pad(nlh, MMSCOPE_MM_PAD);
	mnl_attr_put_u32(nlh, MMSCOPE_MM_PID, MM_PID);
	if (pad)
		put_fat_pad(nlh, MMSCOPE_MM_PAD);
	mnl_attr_put_strz(nlh, MMSCOPE_MM_COMM, comm);
	if (pad)
		mnl_attr_put_u32(nlh, MMSCOPE_MM_PAD, 0x12345678);
	mnl_attr_put_u32(nlh, MMSCOPE_MM_PT_LEVELS, MM_PT_LEVELS);
	mnl_attr_put_u32(nlh, MMSCOPE_MM_MAP_COUNT, MM_MAP_COUNT);
	for (i = 0; i < ARRAY_SIZE(mm_u64_types); i++) {
		if (pad)
			(i % 2 ? put_fat_pad : put_pad)(nlh, MMSCOPE_MM_PAD);
		mnl_attr_put_u64(nlh, mm_u64_types[i], MMV(mm_u64_types[i]));
	}
	if (pad)
		put_pad(nlh, MMSCOPE_MM_PAD);
	mnl_attr_nest_end(nlh, n);
}

/* What put_mm() says, written member by member. */
static void mm_expected(struct mms_mm *w, const char *comm)
{
	memset(w, 0, sizeof(*w));
	w->pid = MM_PID;
	w->pt_levels = MM_PT_LEVELS;
	w->map_count = MM_MAP_COUNT;
	assert_true(strlen(comm) < sizeof(w->comm));
	memcpy(w->comm, comm, strlen(comm) + 1);
	w->pgd_pa = MMV(MMSCOPE_MM_PGD_PA);
	w->total_vm = MMV(MMSCOPE_MM_TOTAL_VM);
	w->rss_anon = MMV(MMSCOPE_MM_RSS_ANON);
	w->rss_file = MMV(MMSCOPE_MM_RSS_FILE);
	w->rss_shmem = MMV(MMSCOPE_MM_RSS_SHMEM);
	w->swap_ents = MMV(MMSCOPE_MM_SWAP_ENTS);
	w->pt[MMSCOPE_LEVEL_PTE] = MMV(MMSCOPE_MM_PT_PTE);
	w->pt[MMSCOPE_LEVEL_PMD] = MMV(MMSCOPE_MM_PT_PMD);
	w->pt[MMSCOPE_LEVEL_PUD] = MMV(MMSCOPE_MM_PT_PUD);
	w->pt[MMSCOPE_LEVEL_P4D] = MMV(MMSCOPE_MM_PT_P4D);
	w->pt[MMSCOPE_LEVEL_PGD] = MMV(MMSCOPE_MM_PT_PGD);
	w->pt_bytes_kernel = MMV(MMSCOPE_MM_PT_BYTES_KERNEL);
	w->pt_deposited = MMV(MMSCOPE_MM_PT_DEPOSITED);
	w->start_code = MMV(MMSCOPE_MM_START_CODE);
	w->end_code = MMV(MMSCOPE_MM_END_CODE);
	w->start_data = MMV(MMSCOPE_MM_START_DATA);
	w->end_data = MMV(MMSCOPE_MM_END_DATA);
	w->start_brk = MMV(MMSCOPE_MM_START_BRK);
	w->brk = MMV(MMSCOPE_MM_BRK);
	w->start_stack = MMV(MMSCOPE_MM_START_STACK);
	w->arg_start = MMV(MMSCOPE_MM_ARG_START);
	w->arg_end = MMV(MMSCOPE_MM_ARG_END);
	w->env_start = MMV(MMSCOPE_MM_ENV_START);
	w->env_end = MMV(MMSCOPE_MM_ENV_END);
}

/* Member by member (for a readable failure), then every byte. */
static void assert_mm_equal(const struct mms_mm *g, const struct mms_mm *w)
{
	unsigned int l;

	assert_int_equal(g->pid, w->pid);
	assert_int_equal(g->pt_levels, w->pt_levels);
	assert_int_equal(g->map_count, w->map_count);
	assert_string_equal(g->comm, w->comm);
	assert_int_equal(g->pgd_pa, w->pgd_pa);
	assert_int_equal(g->total_vm, w->total_vm);
	assert_int_equal(g->rss_anon, w->rss_anon);
	assert_int_equal(g->rss_file, w->rss_file);
	assert_int_equal(g->rss_shmem, w->rss_shmem);
	assert_int_equal(g->swap_ents, w->swap_ents);
	for (l = 0; l <= MMSCOPE_LEVEL_PGD; l++)
		assert_int_equal(g->pt[l], w->pt[l]);
	assert_int_equal(g->pt_bytes_kernel, w->pt_bytes_kernel);
	assert_int_equal(g->pt_deposited, w->pt_deposited);
	assert_int_equal(g->start_code, w->start_code);
	assert_int_equal(g->end_code, w->end_code);
	assert_int_equal(g->start_data, w->start_data);
	assert_int_equal(g->end_data, w->end_data);
	assert_int_equal(g->start_brk, w->start_brk);
	assert_int_equal(g->brk, w->brk);
	assert_int_equal(g->start_stack, w->start_stack);
	assert_int_equal(g->arg_start, w->arg_start);
	assert_int_equal(g->arg_end, w->arg_end);
	assert_int_equal(g->env_start, w->env_start);
	assert_int_equal(g->env_end, w->env_end);
	assert_memory_equal(g, w, sizeof(*g));
}

/* Parse into a zeroed summary, as mms_get_mm() does. */
static void mm_parse(const struct nlmsghdr *nlh, struct mms_mm *mm)
{
	assert_true(nlh->nlmsg_len <= sizeof(msg.buf));
	memset(mm, 0, sizeof(*mm));
	assert_int_equal(mms_mm_parse(nlh, mm), MNL_CB_OK);
}

static void test_mm_full_reply(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_MM);
	struct mms_mm got, want;
	unsigned int t, n;
	size_t i;

	(void)state;
	/* The test covers every attribute of the nest but the pad. */
	for (t = MMSCOPE_MM_PAD + 1; t <= MMSCOPE_MM_MAX; t++) {
		n = t == MMSCOPE_MM_COMM;
		for (i = 0; i < ARRAY_SIZE(mm_u64_types); i++)
			n += mm_u64_types[i] == t;
		for (i = 0; i < ARRAY_SIZE(mm_u32_types); i++)
			n += mm_u32_types[i] == t;
		if (n != 1)
			fail_msg("MMSCOPE_MM attribute %u covered %u times", t, n);
	}

	put_mm(nlh, "postgres", false);
	mm_parse(nlh, &got);
	mm_expected(&want, "postgres");
	assert_mm_equal(&got, &want);
	assert_int_equal(got.pt[0], 0);
	assert_int_equal(got.pt[MMSCOPE_LEVEL_PTE], MMV(MMSCOPE_MM_PT_PTE));
	assert_int_equal(got.pt[MMSCOPE_LEVEL_PGD], MMV(MMSCOPE_MM_PT_PGD));
	assert_int_equal(got.pt_deposited, MMV(MMSCOPE_MM_PT_DEPOSITED));
}

/* The parser works as the data callback of mnl_cb_run(), as nl.c uses it. */
static void test_mm_via_mnl_cb_run(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_MM);
	struct mms_mm got, want;

	(void)state;
	mnl_attr_put_u32(nlh, MMSCOPE_A_PID, MM_PID);
	put_mm(nlh, "sshd", false);
	memset(&got, 0, sizeof(got));
	assert_true(mnl_cb_run(msg.buf, nlh->nlmsg_len, TEST_SEQ, TEST_PORTID,
			       mms_mm_parse, &got) >= MNL_CB_STOP);
	mm_expected(&want, "sshd");
	assert_mm_equal(&got, &want);
}

/* MMSCOPE_MM_PAD, empty or not, between any two attributes is ignored. */
static void test_mm_pad_ignored(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_MM);
	struct mms_mm got, want;

	(void)state;
	put_mm(nlh, "kworker/u16:2", true);
	mm_parse(nlh, &got);
	mm_expected(&want, "kworker/u16:2");
	assert_mm_equal(&got, &want);
}

static void test_mm_comm_truncated(void **state)
{
	struct nlmsghdr *nlh;
	struct mms_mm got;
	char huge[300];
	size_t len;

	(void)state;
	long_string(huge, sizeof(huge));
	/* 15 characters (TASK_COMM_LEN - 1) and 16 fit; 17 and more do not. */
	for (len = 0; len < sizeof(huge); len++) {
		char c = huge[len];

		huge[len] = '\0';
		nlh = reply_start(MMSCOPE_CMD_GET_MM);
		put_mm(nlh, huge, false);
		huge[len] = c;
		mm_parse(nlh, &got);
		if (len < sizeof(got.comm)) {
			assert_int_equal(strlen(got.comm), len);
		} else {
			assert_int_equal(strnlen(got.comm, sizeof(got.comm)), sizeof(got.comm) - 1);
			assert_int_equal(sizeof(got.comm) - 1, 16);
		}
		assert_memory_equal(got.comm, huge, strlen(got.comm));
		/* Its neighbours on either side are intact. */
		assert_int_equal(got.map_count, MM_MAP_COUNT);
		assert_int_equal(got.pgd_pa, MMV(MMSCOPE_MM_PGD_PA));
	}

	/* A second COMM replaces the first entirely. */
	nlh = reply_start(MMSCOPE_CMD_GET_MM);
	put_mm(nlh, "a-rather-long-command", false);
	put_mm(nlh, "sh", false);
	mm_parse(nlh, &got);
	assert_string_equal(got.comm, "sh");
}

/* Attributes of the wrong size or shape are ignored. */
static void test_mm_wrong_types(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_MM);
	struct mms_mm got, zero, want;
	struct nlattr *n;
	unsigned int k;
	size_t i;

	(void)state;
	memset(&zero, 0, sizeof(zero));
	for (k = 0; k < NR_BAD; k++) {
		nlh = reply_start(MMSCOPE_CMD_GET_MM);
		n = mnl_attr_nest_start(nlh, MMSCOPE_A_MM);
		for (i = 0; i < ARRAY_SIZE(mm_u32_types); i++)
			put_not_u32(nlh, mm_u32_types[i], k);
		for (i = 0; i < ARRAY_SIZE(mm_u64_types); i++)
			put_not_u64(nlh, mm_u64_types[i], k);
		put_not_string(nlh, MMSCOPE_MM_COMM, k);
		mnl_attr_nest_end(nlh, n);
		mm_parse(nlh, &got);
		assert_mm_equal(&got, &zero);
	}

	/* Good u64s and COMM first, then malformed duplicates: the good ones stay. */
	nlh = reply_start(MMSCOPE_CMD_GET_MM);
	put_mm(nlh, "bash", false);
	n = mnl_attr_nest_start(nlh, MMSCOPE_A_MM);
	for (k = 0; k < NR_BAD; k++) {
		for (i = 0; i < ARRAY_SIZE(mm_u64_types); i++)
			put_not_u64(nlh, mm_u64_types[i], k);
		put_not_string(nlh, MMSCOPE_MM_COMM, k);
	}
	mnl_attr_nest_end(nlh, n);
	mm_parse(nlh, &got);
	mm_expected(&want, "bash");
	assert_mm_equal(&got, &want);

	/* An MMSCOPE_A_MM that is not a nest, and MM attributes outside the nest. */
	nlh = reply_start(MMSCOPE_CMD_GET_MM);
	mnl_attr_put_u16(nlh, MMSCOPE_A_MM, 1);
	mnl_attr_put_u32(nlh, MMSCOPE_MM_PID, MM_PID);
	mnl_attr_put_u64(nlh, MMSCOPE_MM_PGD_PA, 0x1000);
	mnl_attr_put_strz(nlh, MMSCOPE_MM_COMM, "top");
	/* MM attributes inside the wrong nest. */
	n = mnl_attr_nest_start(nlh, MMSCOPE_A_VMA);
	mnl_attr_put_u32(nlh, MMSCOPE_MM_PID, MM_PID);
	mnl_attr_put_u64(nlh, MMSCOPE_MM_TOTAL_VM, 0x1000);
	mnl_attr_nest_end(nlh, n);
	mm_parse(nlh, &got);
	assert_mm_equal(&got, &zero);
}

/* The parser fills what it finds and leaves the rest of the summary alone. */
static void test_mm_absent_untouched(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_MM);
	struct mms_mm got, want;
	struct nlattr *n;

	(void)state;
	n = mnl_attr_nest_start(nlh, MMSCOPE_A_MM);
	mnl_attr_put_u32(nlh, MMSCOPE_MM_PID, 1);
	mnl_attr_put_u64(nlh, MMSCOPE_MM_PT_PMD, 3);
	mnl_attr_put_u32(nlh, MMSCOPE_MM_MAX + 1, 7);
	mnl_attr_put_u64(nlh, MMSCOPE_MM_UNSPEC, 7);
	mnl_attr_nest_end(nlh, n);

	memset(&got, 0x5a, sizeof(got));
	memset(&want, 0x5a, sizeof(want));
	want.pid = 1;
	want.pt[MMSCOPE_LEVEL_PMD] = 3;
	assert_int_equal(mms_mm_parse(nlh, &got), MNL_CB_OK);
	assert_memory_equal(&got, &want, sizeof(got));

	/* An empty nest, and no nest at all. */
	nlh = reply_start(MMSCOPE_CMD_GET_MM);
	n = mnl_attr_nest_start(nlh, MMSCOPE_A_MM);
	mnl_attr_nest_end(nlh, n);
	assert_int_equal(mms_mm_parse(nlh, &got), MNL_CB_OK);
	nlh = reply_start(MMSCOPE_CMD_GET_MM);
	assert_int_equal(mms_mm_parse(nlh, &got), MNL_CB_OK);
	assert_memory_equal(&got, &want, sizeof(got));
}

/* ------------------------------------------------------------------------ */
/* GET_VMAS */

#define VMA_START	0x00007f3a1c200000ULL
#define VMA_END		0x00007f3a1c228000ULL
#define VMA_FLAGS	0x0000000008000075ULL	/* rd ex mr mw me sd */
#define VMA_PGOFF	0x0000000000028000ULL
#define VMA_NAME	"/usr/lib/x86_64-linux-gnu/libc.so.6"

/* A count per attribute type, above 32 bits so a truncation shows. */
#define VV(t)		(0x5a00000000000000ULL | ((uint64_t)(t) << 40) | (0x2000u + (t)))

static const uint16_t vma_count_types[] = {
	MMSCOPE_VMA_PRESENT, MMSCOPE_VMA_RSS, MMSCOPE_VMA_YOUNG, MMSCOPE_VMA_REFERENCED,
	MMSCOPE_VMA_DIRTY, MMSCOPE_VMA_WRITABLE, MMSCOPE_VMA_NX, MMSCOPE_VMA_SWAP,
	MMSCOPE_VMA_ZERO, MMSCOPE_VMA_HUGE_PMD, MMSCOPE_VMA_HUGE_PUD, MMSCOPE_VMA_ANON_HUGE,
	MMSCOPE_VMA_SHARED, MMSCOPE_VMA_PT_PAGES,
};

/* One MMSCOPE_A_VMA nest as vma_end() emits it (@name NULL: none). */
static struct nlattr *put_vma(struct nlmsghdr *nlh, const char *name, uint8_t kind, bool pad)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, MMSCOPE_A_VMA);
	size_t i;

	if (name)
		mnl_attr_put_strz(nlh, MMSCOPE_VMA_NAME, name);
	mnl_attr_put_u8(nlh, MMSCOPE_VMA_KIND, kind);
	if (pad)
		put_pad(nlh, MMSCOPE_VMA_PAD);
	mnl_attr_put_u64(nlh, MMSCOPE_VMA_START, VMA_START);
	if (pad)
		put_fat_pad(nlh, MMSCOPE_VMA_PAD);
	mnl_attr_put_u64(nlh, MMSCOPE_VMA_END, VMA_END);
	mnl_attr_put_u64(nlh, MMSCOPE_VMA_FLAGS, VMA_FLAGS);
	mnl_attr_put_u64(nlh, MMSCOPE_VMA_PGOFF, VMA_PGOFF);
	for (i = 0; i < ARRAY_SIZE(vma_count_types); i++) {
		if (pad)
			put_pad(nlh, MMSCOPE_VMA_PAD);
		mnl_attr_put_u64(nlh, vma_count_types[i], VV(vma_count_types[i]));
	}
	mnl_attr_nest_end(nlh, n);
	return n;
}

static void assert_vma(const struct mms_vma *v, const char *name, uint8_t kind)
{
	assert_int_equal(v->start, VMA_START);
	assert_int_equal(v->end, VMA_END);
	assert_int_equal(v->flags, VMA_FLAGS);
	assert_int_equal(v->pgoff, VMA_PGOFF);
	assert_non_null(v->name);
	assert_string_equal(v->name, name);
	assert_int_equal(v->kind, kind);
	assert_int_equal(v->present, VV(MMSCOPE_VMA_PRESENT));
	assert_int_equal(v->rss, VV(MMSCOPE_VMA_RSS));
	assert_int_equal(v->young, VV(MMSCOPE_VMA_YOUNG));
	assert_int_equal(v->referenced, VV(MMSCOPE_VMA_REFERENCED));
	assert_int_equal(v->dirty, VV(MMSCOPE_VMA_DIRTY));
	assert_int_equal(v->writable, VV(MMSCOPE_VMA_WRITABLE));
	assert_int_equal(v->nx, VV(MMSCOPE_VMA_NX));
	assert_int_equal(v->swap, VV(MMSCOPE_VMA_SWAP));
	assert_int_equal(v->zero, VV(MMSCOPE_VMA_ZERO));
	assert_int_equal(v->huge_pmd, VV(MMSCOPE_VMA_HUGE_PMD));
	assert_int_equal(v->huge_pud, VV(MMSCOPE_VMA_HUGE_PUD));
	assert_int_equal(v->anon_huge, VV(MMSCOPE_VMA_ANON_HUGE));
	assert_int_equal(v->shared, VV(MMSCOPE_VMA_SHARED));
	assert_int_equal(v->pt_pages, VV(MMSCOPE_VMA_PT_PAGES));
}

/* A VMA of zeroes with the name "". */
static void assert_vma_empty(const struct mms_vma *v)
{
	struct mms_vma zero;

	memset(&zero, 0, sizeof(zero));
	assert_non_null(v->name);
	assert_string_equal(v->name, "");
	zero.name = v->name;
	assert_memory_equal(v, &zero, sizeof(zero));
}

static void test_vma_full(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_VMAS);
	struct nlattr *n;
	struct mms_vma v;
	unsigned int t, c;
	size_t i;

	(void)state;
	/* The test covers every attribute of the nest but the pad. */
	for (t = MMSCOPE_VMA_PAD + 1; t <= MMSCOPE_VMA_MAX; t++) {
		c = t == MMSCOPE_VMA_START || t == MMSCOPE_VMA_END || t == MMSCOPE_VMA_FLAGS ||
		    t == MMSCOPE_VMA_PGOFF || t == MMSCOPE_VMA_NAME || t == MMSCOPE_VMA_KIND;
		for (i = 0; i < ARRAY_SIZE(vma_count_types); i++)
			c += vma_count_types[i] == t;
		if (c != 1)
			fail_msg("MMSCOPE_VMA attribute %u covered %u times", t, c);
	}

	n = put_vma(nlh, VMA_NAME, MMSCOPE_KIND_FILE, false);
	assert_int_equal(mms_vma_parse(n, &v), 0);
	assert_vma(&v, VMA_NAME, MMSCOPE_KIND_FILE);
	free(v.name);

	/* Pads between the attributes are ignored. */
	nlh = reply_start(MMSCOPE_CMD_GET_VMAS);
	n = put_vma(nlh, "[heap]", MMSCOPE_KIND_ANON, true);
	assert_int_equal(mms_vma_parse(n, &v), 0);
	assert_vma(&v, "[heap]", MMSCOPE_KIND_ANON);
	free(v.name);
}

/* The name is a copy: it outlives the message. */
static void test_vma_name_strdup(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_VMAS);
	static char path[4096];
	struct nlattr *n;
	struct mms_vma v;

	(void)state;
	long_string(path, sizeof(path));
	path[0] = '/';
	n = put_vma(nlh, path, MMSCOPE_KIND_SHMEM, false);
	assert_int_equal(mms_vma_parse(n, &v), 0);
	assert_true((uintptr_t)v.name < (uintptr_t)msg.buf ||
		    (uintptr_t)v.name >= (uintptr_t)(msg.buf + sizeof(msg.buf)));
	memset(&msg, 0, sizeof(msg));
	assert_string_equal(v.name, path);
	free(v.name);
}

static void test_vma_missing_name(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_VMAS);
	struct nlattr *n;
	struct mms_vma v;

	(void)state;
	n = put_vma(nlh, NULL, MMSCOPE_KIND_ANON, false);
	assert_int_equal(mms_vma_parse(n, &v), 0);
	assert_vma(&v, "", MMSCOPE_KIND_ANON);
	free(v.name);

	/* An empty name is "" too, and an empty nest is all zeroes. */
	nlh = reply_start(MMSCOPE_CMD_GET_VMAS);
	n = put_vma(nlh, "", MMSCOPE_KIND_ANON, false);
	assert_int_equal(mms_vma_parse(n, &v), 0);
	assert_vma(&v, "", MMSCOPE_KIND_ANON);
	free(v.name);

	nlh = reply_start(MMSCOPE_CMD_GET_VMAS);
	n = mnl_attr_nest_start(nlh, MMSCOPE_A_VMA);
	mnl_attr_nest_end(nlh, n);
	memset(&v, 0x5a, sizeof(v));
	assert_int_equal(mms_vma_parse(n, &v), 0);
	assert_vma_empty(&v);
	free(v.name);
}

static void test_vma_wrong_types(void **state)
{
	struct nlmsghdr *nlh;
	struct nlattr *n;
	struct mms_vma v;
	unsigned int k;
	size_t i;

	(void)state;
	for (k = 0; k < NR_BAD; k++) {
		nlh = reply_start(MMSCOPE_CMD_GET_VMAS);
		n = mnl_attr_nest_start(nlh, MMSCOPE_A_VMA);
		put_not_string(nlh, MMSCOPE_VMA_NAME, k);
		put_not_u8(nlh, MMSCOPE_VMA_KIND, k);
		put_not_u64(nlh, MMSCOPE_VMA_START, k);
		put_not_u64(nlh, MMSCOPE_VMA_END, k);
		put_not_u64(nlh, MMSCOPE_VMA_FLAGS, k);
		put_not_u64(nlh, MMSCOPE_VMA_PGOFF, k);
		for (i = 0; i < ARRAY_SIZE(vma_count_types); i++)
			put_not_u64(nlh, vma_count_types[i], k);
		mnl_attr_nest_end(nlh, n);
		assert_int_equal(mms_vma_parse(n, &v), 0);
		assert_vma_empty(&v);
		free(v.name);
	}

	/* Good values first, then malformed duplicates: the good ones stay. */
	nlh = reply_start(MMSCOPE_CMD_GET_VMAS);
	n = mnl_attr_nest_start(nlh, MMSCOPE_A_VMA);
	mnl_attr_put_strz(nlh, MMSCOPE_VMA_NAME, "[stack]");
	mnl_attr_put_u8(nlh, MMSCOPE_VMA_KIND, MMSCOPE_KIND_ANON);
	mnl_attr_put_u64(nlh, MMSCOPE_VMA_START, VMA_START);
	mnl_attr_put_u64(nlh, MMSCOPE_VMA_END, VMA_END);
	mnl_attr_put_u64(nlh, MMSCOPE_VMA_FLAGS, VMA_FLAGS);
	mnl_attr_put_u64(nlh, MMSCOPE_VMA_PGOFF, VMA_PGOFF);
	for (i = 0; i < ARRAY_SIZE(vma_count_types); i++)
		mnl_attr_put_u64(nlh, vma_count_types[i], VV(vma_count_types[i]));
	for (k = 0; k < NR_BAD; k++) {
		put_not_string(nlh, MMSCOPE_VMA_NAME, k);
		put_not_u64(nlh, MMSCOPE_VMA_START, k);
		put_not_u64(nlh, MMSCOPE_VMA_END, k);
		put_not_u64(nlh, MMSCOPE_VMA_FLAGS, k);
		put_not_u64(nlh, MMSCOPE_VMA_PGOFF, k);
		for (i = 0; i < ARRAY_SIZE(vma_count_types); i++)
			put_not_u64(nlh, vma_count_types[i], k);
	}
	mnl_attr_nest_end(nlh, n);
	assert_int_equal(mms_vma_parse(n, &v), 0);
	assert_vma(&v, "[stack]", MMSCOPE_KIND_ANON);
	free(v.name);
}

/* Each VMA starts from zero: nothing carries over from the previous one. */
static void test_vma_several_in_a_message(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_VMAS);
	struct nlattr *n, *a;
	struct mms_vma v;
	unsigned int nr = 0;

	(void)state;
	put_vma(nlh, VMA_NAME, MMSCOPE_KIND_FILE, false);
	n = mnl_attr_nest_start(nlh, MMSCOPE_A_VMA);
	mnl_attr_put_u64(nlh, MMSCOPE_VMA_MAX + 1, 1);
	mnl_attr_nest_end(nlh, n);
	put_vma(nlh, "[vdso]", MMSCOPE_KIND_PFNMAP, true);

	memset(&v, 0x5a, sizeof(v));
	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		assert_int_equal(mnl_attr_get_type(a), MMSCOPE_A_VMA);
		assert_int_equal(mms_vma_parse(a, &v), 0);
		switch (nr++) {
		case 0:
			assert_vma(&v, VMA_NAME, MMSCOPE_KIND_FILE);
			break;
		case 1:
			assert_vma_empty(&v);
			break;
		case 2:
			assert_vma(&v, "[vdso]", MMSCOPE_KIND_PFNMAP);
			break;
		}
		free(v.name);
	}
	assert_int_equal(nr, 3);
}

/* ------------------------------------------------------------------------ */
/* GET_PTES */

#define REC_SIZE	sizeof(struct mmscope_pte_rec)
#define REC_JUNK	0xa5	/* bytes of a longer record beyond struct mmscope_pte_rec */

/* A present, dirty, writable 4 KiB anonymous page. */
static const struct mmscope_pte_rec rec_anon = {
	.va_info = MMSCOPE_REC_INFO(0x00007ffd5e3a1000ULL, MMSCOPE_LEVEL_PTE, MMSCOPE_KIND_ANON, 0),
	.raw = 0x8000000123456867ULL, .pfn = 0x123456,
	.flags = MMSCOPE_F_PRESENT | MMSCOPE_F_RW | MMSCOPE_F_USER |
	MMSCOPE_F_ACCESSED | MMSCOPE_F_DIRTY | MMSCOPE_F_NX | MMSCOPE_F_HW_PRESENT,
	.mapcount = 1,
};

static const struct mms_pte want_anon = {
	.va = 0x00007ffd5e3a1000ULL, .size = 4096, .raw = 0x8000000123456867ULL,
	.pfn = 0x123456, .flags = MMSCOPE_F_PRESENT | MMSCOPE_F_RW | MMSCOPE_F_USER |
	MMSCOPE_F_ACCESSED | MMSCOPE_F_DIRTY | MMSCOPE_F_NX | MMSCOPE_F_HW_PRESENT,
	.mapcount = 1, .level = MMSCOPE_LEVEL_PTE, .kind = MMSCOPE_KIND_ANON,
	.has_pfn = true, .has_mapcount = true,
};

/* A swapped-out page: no PFN, no struct page. */
static const struct mmscope_pte_rec rec_swap = {
	.va_info = MMSCOPE_REC_INFO(0x0000555555559000ULL, MMSCOPE_LEVEL_PTE, MMSCOPE_KIND_SWAP, 3),
	.raw = 0xfffffffffff3fd00ULL, .pfn = 0x1234567890ULL,
	.flags = MMSCOPE_F_SWAP | MMSCOPE_F_SOFT_DIRTY,
	.mapcount = -1,
};

static const struct mms_pte want_swap = {
	.va = 0x0000555555559000ULL, .size = 4096, .raw = 0xfffffffffff3fd00ULL,
	.swap_offset = 0x1234567890ULL, .flags = MMSCOPE_F_SWAP | MMSCOPE_F_SOFT_DIRTY,
	.swap_type = 3, .level = MMSCOPE_LEVEL_PTE, .kind = MMSCOPE_KIND_SWAP,
	.has_swap = true,
};

/* A 2 MiB anonymous PMD leaf (THP), mapped by two processes. */
static const struct mmscope_pte_rec rec_pmd = {
	.va_info = MMSCOPE_REC_INFO(0x00007f3a1c200000ULL, MMSCOPE_LEVEL_PMD, MMSCOPE_KIND_ANON, 0),
	.raw = 0x80000002a4a008e7ULL, .pfn = 0x2a4a00,
	.flags = MMSCOPE_F_PRESENT | MMSCOPE_F_RW | MMSCOPE_F_USER |
	MMSCOPE_F_ACCESSED | MMSCOPE_F_DIRTY | MMSCOPE_F_PSE_PAT | MMSCOPE_F_NX |
	MMSCOPE_F_HUGE | MMSCOPE_F_HW_PRESENT,
	.mapcount = 2,
};

static const struct mms_pte want_pmd = {
	.va = 0x00007f3a1c200000ULL, .size = 2ULL << 20, .raw = 0x80000002a4a008e7ULL,
	.pfn = 0x2a4a00, .flags = MMSCOPE_F_PRESENT | MMSCOPE_F_RW | MMSCOPE_F_USER |
	MMSCOPE_F_ACCESSED | MMSCOPE_F_DIRTY | MMSCOPE_F_PSE_PAT | MMSCOPE_F_NX |
	MMSCOPE_F_HUGE | MMSCOPE_F_HW_PRESENT,
	.mapcount = 2, .level = MMSCOPE_LEVEL_PMD, .kind = MMSCOPE_KIND_ANON,
	.has_pfn = true, .has_mapcount = true,
};

/* A 1 GiB PUD leaf of a file, beyond 32 bits everywhere. */
static const struct mmscope_pte_rec rec_pud = {
	.va_info = MMSCOPE_REC_INFO(0x00007f0000000000ULL, MMSCOPE_LEVEL_PUD, MMSCOPE_KIND_FILE, 0),
	.raw = 0x00000003c00000e7ULL, .pfn = 0x10003c0000ULL,
	.flags = MMSCOPE_F_PRESENT | MMSCOPE_F_PSE_PAT |
	MMSCOPE_F_HUGE | MMSCOPE_F_HW_PRESENT,
	.mapcount = INT32_MAX - 1,
};

static const struct mms_pte want_pud = {
	.va = 0x00007f0000000000ULL, .size = 1ULL << 30, .raw = 0x00000003c00000e7ULL,
	.pfn = 0x10003c0000ULL, .flags = MMSCOPE_F_PRESENT | MMSCOPE_F_PSE_PAT |
	MMSCOPE_F_HUGE | MMSCOPE_F_HW_PRESENT, .mapcount = INT32_MAX - 1,
	.level = MMSCOPE_LEVEL_PUD, .kind = MMSCOPE_KIND_FILE,
	.has_pfn = true, .has_mapcount = true,
};

/* A raw PFN mapping: a frame, but no struct page and so no mapcount. */
static const struct mmscope_pte_rec rec_pfnmap = {
	.va_info = MMSCOPE_REC_INFO(0x00007f3a1c300000ULL, MMSCOPE_LEVEL_PTE, MMSCOPE_KIND_PFNMAP, 0),
	.raw = 0x80000000fed00173ULL, .pfn = 0xfed00,
	.flags = MMSCOPE_F_PRESENT | MMSCOPE_F_RW | MMSCOPE_F_PCD |
	MMSCOPE_F_SPECIAL | MMSCOPE_F_NX | MMSCOPE_F_HW_PRESENT,
	.mapcount = -1,
};

static const struct mms_pte want_pfnmap = {
	.va = 0x00007f3a1c300000ULL, .size = 4096, .raw = 0x80000000fed00173ULL,
	.pfn = 0xfed00, .flags = MMSCOPE_F_PRESENT | MMSCOPE_F_RW | MMSCOPE_F_PCD |
	MMSCOPE_F_SPECIAL | MMSCOPE_F_NX | MMSCOPE_F_HW_PRESENT,
	.level = MMSCOPE_LEVEL_PTE, .kind = MMSCOPE_KIND_PFNMAP,
	.has_pfn = true,
};

static void assert_pte(const struct mms_pte *p, const struct mms_pte *w)
{
	assert_int_equal(p->va, w->va);
	assert_int_equal(p->size, w->size);
	assert_int_equal(p->raw, w->raw);
	assert_int_equal(p->level, w->level);
	assert_int_equal(p->kind, w->kind);
	assert_int_equal(p->flags, w->flags);
	assert_int_equal(p->has_pfn, w->has_pfn);
	assert_int_equal(p->pfn, w->pfn);
	assert_int_equal(p->has_mapcount, w->has_mapcount);
	assert_int_equal(p->mapcount, w->mapcount);
	assert_int_equal(p->has_swap, w->has_swap);
	assert_int_equal(p->swap_type, w->swap_type);
	assert_int_equal(p->swap_offset, w->swap_offset);
}

/* mms_pte_from_rec() over a poisoned entry: everything must be written. */
static int pte_from_rec(const void *rec, size_t stride, struct mms_pte *p)
{
	memset(p, 0x5a, sizeof(*p));
	return mms_pte_from_rec(rec, stride, p);
}

/* Records as they go into MMSCOPE_A_PTE_RECS (see pack_recs()). */
static unsigned char recs_buf[60 * 1024];

/* Lay @n records out @stride bytes apart in recs_buf; the length in bytes. */
static size_t pack_recs(size_t stride, const struct mmscope_pte_rec *const *r, size_t n)
{
	size_t i;

	assert_true(stride * n <= sizeof(recs_buf));
	memset(recs_buf, REC_JUNK, stride * n);
	for (i = 0; i < n; i++)
		memcpy(recs_buf + i * stride, r[i], stride < REC_SIZE ? stride : REC_SIZE);
	return stride * n;
}

/* An MMSCOPE_A_PTE_RECS attribute of @n records, without a size. */
static void put_recs(struct nlmsghdr *nlh, size_t stride, const struct mmscope_pte_rec *const *r,
		     size_t n)
{
	size_t len = pack_recs(stride, r, n);

	assert_true(nlh->nlmsg_len + MNL_ATTR_HDRLEN + len <= sizeof(msg.buf));
	mnl_attr_put(nlh, MMSCOPE_A_PTE_RECS, len, recs_buf);
}

/* What pte_recs_start()/pte_entry() emit: the record size, then the records. */
static void put_ptes(struct nlmsghdr *nlh, uint32_t stride, const struct mmscope_pte_rec *const *r,
		     size_t n)
{
	mnl_attr_put_u32(nlh, MMSCOPE_A_PTE_REC_SIZE, stride);
	put_recs(nlh, stride, r, n);
}

/* What the callback of mms_ptes_msg_parse() was given. */
#define MAX_GOT	64

static struct {
	struct mms_pte p[MAX_GOT];
	unsigned int n;
	unsigned int stop_at;		/* return ret from this call (1-based); 0: never */
	int ret;
} ptes_got;

static int collect_pte(const struct mms_pte *p, void *data)
{
	assert_ptr_equal(data, &ptes_got);
	assert_true(ptes_got.n < MAX_GOT);
	ptes_got.p[ptes_got.n++] = *p;
	return ptes_got.n == ptes_got.stop_at ? ptes_got.ret : 0;
}

/* Parse a message; the callback returns @ret at its @stop_at'th call. */
static int ptes_parse_stop(const struct nlmsghdr *nlh, unsigned int stop_at, int ret)
{
	assert_true(nlh->nlmsg_len <= sizeof(msg.buf));
	memset(&ptes_got, 0x5a, sizeof(ptes_got));
	ptes_got.n = 0;
	ptes_got.stop_at = stop_at;
	ptes_got.ret = ret;
	return mms_ptes_msg_parse(nlh, collect_pte, &ptes_got);
}

static int ptes_parse(const struct nlmsghdr *nlh)
{
	return ptes_parse_stop(nlh, 0, 0);
}

static void test_pte_rec_present(void **state)
{
	struct nlmsghdr *nlh;
	struct mms_pte p;

	(void)state;
	assert_int_equal(pte_from_rec(&rec_anon, REC_SIZE, &p), 0);
	assert_pte(&p, &want_anon);
	assert_true(p.has_pfn);
	assert_true(p.has_mapcount);
	assert_false(p.has_swap);

	/* A frame without a struct page. */
	assert_int_equal(pte_from_rec(&rec_pfnmap, REC_SIZE, &p), 0);
	assert_pte(&p, &want_pfnmap);

	/* The same through a message. */
	nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	put_ptes(nlh, REC_SIZE, (const struct mmscope_pte_rec *[]){ &rec_anon }, 1);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 1);
	assert_pte(&ptes_got.p[0], &want_anon);
}

static void test_pte_rec_swap(void **state)
{
	struct nlmsghdr *nlh;
	struct mms_pte p;

	(void)state;
	assert_int_equal(pte_from_rec(&rec_swap, REC_SIZE, &p), 0);
	assert_pte(&p, &want_swap);
	assert_true(p.has_swap);
	assert_false(p.has_pfn);
	assert_false(p.has_mapcount);

	nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	put_ptes(nlh, REC_SIZE, (const struct mmscope_pte_rec *[]){ &rec_swap }, 1);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 1);
	assert_pte(&ptes_got.p[0], &want_swap);
}

static void test_pte_rec_huge(void **state)
{
	struct nlmsghdr *nlh;
	struct mms_pte p;

	(void)state;
	assert_int_equal(pte_from_rec(&rec_pmd, REC_SIZE, &p), 0);
	assert_pte(&p, &want_pmd);
	assert_int_equal(p.level, MMSCOPE_LEVEL_PMD);
	assert_int_equal(p.size, 2 * 1024 * 1024);
	assert_true(p.flags & MMSCOPE_F_HUGE);

	assert_int_equal(pte_from_rec(&rec_pud, REC_SIZE, &p), 0);
	assert_pte(&p, &want_pud);

	nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	put_ptes(nlh, REC_SIZE, (const struct mmscope_pte_rec *[]){ &rec_pmd, &rec_pud }, 2);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 2);
	assert_pte(&ptes_got.p[0], &want_pmd);
	assert_pte(&ptes_got.p[1], &want_pud);
}

/*
 * has_pfn follows MMSCOPE_F_PRESENT alone, has_mapcount a mapcount >= 0 alone,
 * has_swap MMSCOPE_KIND_SWAP alone; the values come only with their has_*.
 */
static void test_pte_rec_has_derivations(void **state)
{
	static const struct {
		uint32_t flags;
		bool has_pfn;
	} flags[] = {
		{ MMSCOPE_F_PRESENT, true },
		{ MMSCOPE_F_PRESENT | MMSCOPE_F_PROTNONE, true },	/* P bit clear */
		{ MMSCOPE_F_PRESENT | MMSCOPE_F_SWAP, true },
		{ UINT32_MAX, true },
		{ 0, false },
		{ MMSCOPE_F_HW_PRESENT, false },
		{ MMSCOPE_F_SWAP | MMSCOPE_F_SOFT_DIRTY, false },
		{ UINT32_MAX & ~(uint32_t)MMSCOPE_F_PRESENT, false },
	};
	static const struct {
		int32_t mapcount;
		bool has_mapcount;
	} counts[] = {
		{ 0, true }, { 1, true }, { 2, true }, { INT32_MAX, true },
		{ -1, false }, { -2, false }, { INT32_MIN, false },
	};
	struct mmscope_pte_rec r;
	struct mms_pte p, w;
	unsigned int f, c, kind;

	(void)state;
	for (f = 0; f < ARRAY_SIZE(flags); f++) {
		for (c = 0; c < ARRAY_SIZE(counts); c++) {
			for (kind = 0; kind <= 15; kind++) {
				/* Every conditional field non-zero, to see it copied or not. */
				memset(&r, 0, sizeof(r));
				r.va_info = MMSCOPE_REC_INFO(0x7f0000001000ULL, MMSCOPE_LEVEL_PTE,
							     kind, 0x1f);
				r.raw = 0x8000000123456867ULL;
				r.pfn = 0xabcdef123ULL;
				r.flags = flags[f].flags;
				r.mapcount = counts[c].mapcount;

				memset(&w, 0, sizeof(w));
				w.va = 0x7f0000001000ULL;
				w.size = 4096;
				w.raw = r.raw;
				w.flags = r.flags;
				w.level = MMSCOPE_LEVEL_PTE;
				w.kind = kind;
				w.has_pfn = flags[f].has_pfn;
				if (w.has_pfn)
					w.pfn = 0xabcdef123ULL;
				w.has_mapcount = counts[c].has_mapcount;
				if (w.has_mapcount)
					w.mapcount = (uint32_t)counts[c].mapcount;
				w.has_swap = kind == MMSCOPE_KIND_SWAP;
				if (w.has_swap) {
					w.swap_type = 0x1f;
					w.swap_offset = 0xabcdef123ULL;
				}
				assert_int_equal(pte_from_rec(&r, REC_SIZE, &p), 0);
				assert_pte(&p, &w);
			}
		}
	}

	/* A swap entry of the first device at offset 0 is still a swap entry. */
	r = rec_swap;
	r.va_info = MMSCOPE_REC_INFO(0x1000ULL, MMSCOPE_LEVEL_PTE, MMSCOPE_KIND_SWAP, 0);
	r.pfn = 0;
	assert_int_equal(pte_from_rec(&r, REC_SIZE, &p), 0);
	assert_true(p.has_swap);
	assert_int_equal(p.swap_type, 0);
	assert_int_equal(p.swap_offset, 0);

	/* PFN 0 with PRESENT is a PFN; mapcount 0 is a mapcount. */
	r = rec_anon;
	r.pfn = 0;
	r.mapcount = 0;
	assert_int_equal(pte_from_rec(&r, REC_SIZE, &p), 0);
	assert_true(p.has_pfn);
	assert_int_equal(p.pfn, 0);
	assert_true(p.has_mapcount);
	assert_int_equal(p.mapcount, 0);

	/* mapcount -1: none, and not 0xffffffff either. */
	r.mapcount = -1;
	assert_int_equal(pte_from_rec(&r, REC_SIZE, &p), 0);
	assert_false(p.has_mapcount);
	assert_int_equal(p.mapcount, 0);
}

static void test_pte_rec_level_zero(void **state)
{
	struct mmscope_pte_rec r;
	struct nlmsghdr *nlh;
	struct mms_pte p;
	unsigned int l;

	(void)state;
	/* Everything but the level. */
	r = rec_anon;
	r.va_info &= ~0x7ULL;
	assert_int_equal(pte_from_rec(&r, REC_SIZE, &p), -EBADMSG);
	r = rec_swap;
	r.va_info &= ~0x7ULL;
	assert_int_equal(pte_from_rec(&r, REC_SIZE, &p), -EBADMSG);

	/* A record of zeroes. */
	memset(&r, 0, sizeof(r));
	assert_int_equal(pte_from_rec(&r, REC_SIZE, &p), -EBADMSG);

	/* Levels that map pages are levels; P4D, PGD and beyond are not. */
	for (l = 1; l <= 7; l++) {
		r = rec_anon;
		r.va_info = (r.va_info & ~0x7ULL) | l;
		if (l > MMSCOPE_LEVEL_PUD) {
			assert_int_equal(pte_from_rec(&r, REC_SIZE, &p), -EBADMSG);
			continue;
		}
		assert_int_equal(pte_from_rec(&r, REC_SIZE, &p), 0);
		assert_int_equal(p.level, l);
		assert_int_equal(p.size, 1ULL << (12 + 9 * (l - 1)));
	}

	/* In a message, a record without a level is skipped and the others are not. */
	r = rec_pmd;
	r.va_info &= ~0x7ULL;
	nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	put_ptes(nlh, REC_SIZE, (const struct mmscope_pte_rec *[]){ &rec_anon, &r, &rec_swap }, 3);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 2);
	assert_pte(&ptes_got.p[0], &want_anon);
	assert_pte(&ptes_got.p[1], &want_swap);
}

/* The last @len bytes of a readable page followed by an unreadable one. */
static unsigned char *guarded_tail(size_t len)
{
	static unsigned char *pages;
	static size_t page_size;

	if (!pages) {
		page_size = sysconf(_SC_PAGESIZE);
		pages = mmap(NULL, 2 * page_size, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		assert_true(pages != MAP_FAILED);
		assert_int_equal(mprotect(pages + page_size, page_size, PROT_NONE), 0);
	}
	assert_true(len <= page_size);
	return pages + page_size - len;
}

/* @stride bytes of @r right before a guard page: reading past the record faults. */
static int pte_from_rec_guarded(const struct mmscope_pte_rec *r, size_t stride, struct mms_pte *p)
{
	unsigned char *rec = guarded_tail(stride);

	memset(rec, REC_JUNK, stride);
	memcpy(rec, r, stride < REC_SIZE ? stride : REC_SIZE);
	return pte_from_rec(rec, stride, p);
}

/* Parse a copy of the message that ends right before a guard page. */
static int ptes_parse_guarded(const struct nlmsghdr *nlh)
{
	struct nlmsghdr *copy = (struct nlmsghdr *)guarded_tail(nlh->nlmsg_len);

	assert_int_equal(nlh->nlmsg_len % 4, 0);
	memcpy(copy, nlh, nlh->nlmsg_len);
	return ptes_parse(copy);
}

/* An older module's record: what it lacks reads as zero. */
static void test_pte_rec_short_stride(void **state)
{
	struct mmscope_pte_rec r = rec_swap;
	struct nlmsghdr *nlh;
	struct mms_pte p, w;
	uint64_t lo = 0;
	size_t stride;

	(void)state;
	r.flags |= MMSCOPE_F_PRESENT;
	r.mapcount = 7;

	/* 4 bytes: half of va_info, so neither the VA nor the level. */
	assert_int_equal(pte_from_rec_guarded(&r, 4, &p), -EBADMSG);

	/* 8 bytes: VA, level, kind and swap type only. */
	assert_int_equal(pte_from_rec_guarded(&r, 8, &p), 0);
	memset(&w, 0, sizeof(w));
	w.va = 0x0000555555559000ULL;
	w.size = 4096;
	w.level = MMSCOPE_LEVEL_PTE;
	w.kind = MMSCOPE_KIND_SWAP;
	w.has_swap = true;
	w.swap_type = 3;
	w.has_mapcount = true;		/* a zero mapcount is a mapcount */
	assert_pte(&p, &w);

	/* 20 bytes: raw, and half of the pfn field. */
	assert_int_equal(pte_from_rec_guarded(&r, 20, &p), 0);
	memcpy(&lo, &r.pfn, 4);
	assert_int_equal(p.raw, r.raw);
	assert_int_equal(p.swap_offset, lo);
	assert_int_equal(p.flags, 0);
	assert_false(p.has_pfn);

	/* 28 bytes: everything but the mapcount. */
	assert_int_equal(pte_from_rec_guarded(&r, 28, &p), 0);
	w.raw = r.raw;
	w.flags = r.flags;
	w.has_pfn = true;
	w.pfn = r.pfn;
	w.swap_offset = r.pfn;
	assert_pte(&p, &w);

	/* Every length: nothing read past it, nothing beyond it but zeroes. */
	for (stride = 1; stride <= REC_SIZE; stride++) {
		int ret = pte_from_rec_guarded(&r, stride, &p);

		assert_int_equal(ret, stride >= 8 ? 0 : -EBADMSG);
		if (stride < 8)
			continue;
		assert_int_equal(p.va, w.va);
		assert_int_equal(p.kind, MMSCOPE_KIND_SWAP);
		assert_int_equal(p.swap_type, 3);
		if (stride <= offsetof(struct mmscope_pte_rec, raw))
			assert_int_equal(p.raw, 0);
		if (stride <= offsetof(struct mmscope_pte_rec, pfn))
			assert_int_equal(p.swap_offset, 0);
		if (stride <= offsetof(struct mmscope_pte_rec, flags)) {
			assert_int_equal(p.flags, 0);
			assert_false(p.has_pfn);
			assert_int_equal(p.pfn, 0);
		}
		if (stride <= offsetof(struct mmscope_pte_rec, mapcount))
			assert_int_equal(p.mapcount, 0);
		if (stride >= offsetof(struct mmscope_pte_rec, raw) + 8)
			assert_int_equal(p.raw, r.raw);
		if (stride >= offsetof(struct mmscope_pte_rec, pfn) + 8)
			assert_int_equal(p.swap_offset, r.pfn);
		if (stride >= offsetof(struct mmscope_pte_rec, mapcount) + 4) {
			assert_true(p.has_mapcount);
			assert_int_equal(p.mapcount, 7);
		}
	}

	/* In a message: 4-byte records carry no VA and are all skipped... */
	nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	put_ptes(nlh, 4, (const struct mmscope_pte_rec *[]){ &rec_anon, &rec_swap }, 2);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 0);

	/* ...shorter ones are read at their own stride, not ours, and not past their end. */
	for (stride = 8; stride < REC_SIZE; stride++) {
		nlh = reply_start(MMSCOPE_CMD_GET_PTES);
		put_ptes(nlh, stride, (const struct mmscope_pte_rec *[]){ &rec_pmd, &rec_pud }, 2);
		assert_int_equal(ptes_parse_guarded(nlh), 0);
		assert_int_equal(ptes_got.n, 2);
		assert_int_equal(ptes_got.p[0].va, MMSCOPE_REC_VA(rec_pmd.va_info));
		assert_int_equal(ptes_got.p[0].level, MMSCOPE_LEVEL_PMD);
		assert_int_equal(ptes_got.p[0].size, 2ULL << 20);
		assert_int_equal(ptes_got.p[1].va, MMSCOPE_REC_VA(rec_pud.va_info));
		assert_int_equal(ptes_got.p[1].level, MMSCOPE_LEVEL_PUD);
		assert_int_equal(ptes_got.p[1].size, 1ULL << 30);
		if (stride >= offsetof(struct mmscope_pte_rec, mapcount))
			assert_int_equal(ptes_got.p[1].pfn, rec_pud.pfn);
	}

	/* A level beyond PUD is not a record this tool can read. */
	r = rec_anon;
	r.va_info = MMSCOPE_REC_INFO(0x1000ULL, MMSCOPE_LEVEL_P4D, MMSCOPE_KIND_ANON, 0);
	assert_int_equal(pte_from_rec_guarded(&r, REC_SIZE, &p), -EBADMSG);
	r.va_info = 0x1000ULL;
	assert_int_equal(pte_from_rec_guarded(&r, REC_SIZE, &p), -EBADMSG);
}

/* A newer module's record: what follows struct mmscope_pte_rec is ignored. */
static void test_pte_rec_long_stride(void **state)
{
	static const size_t strides[] = { REC_SIZE + 4, 64, 100, 4096 };
	struct mms_pte p;
	struct nlmsghdr *nlh;
	size_t i;

	(void)state;
	assert_int_equal(REC_SIZE, 32);
	for (i = 0; i < ARRAY_SIZE(strides); i++) {
		assert_int_equal(pte_from_rec_guarded(&rec_anon, strides[i], &p), 0);
		assert_pte(&p, &want_anon);
		assert_int_equal(pte_from_rec_guarded(&rec_swap, strides[i], &p), 0);
		assert_pte(&p, &want_swap);

		nlh = reply_start(MMSCOPE_CMD_GET_PTES);
		put_ptes(nlh, strides[i],
			 (const struct mmscope_pte_rec *[]){ &rec_swap, &rec_pmd, &rec_anon }, 3);
		assert_int_equal(ptes_parse(nlh), 0);
		assert_int_equal(ptes_got.n, 3);
		assert_pte(&ptes_got.p[0], &want_swap);
		assert_pte(&ptes_got.p[1], &want_pmd);
		assert_pte(&ptes_got.p[2], &want_anon);
	}
}

/* Records reach the callback in order, and nothing carries over between them. */
static void test_ptes_several_in_a_message(void **state)
{
	static const struct mmscope_pte_rec *const in[] = {
		&rec_anon, &rec_swap, &rec_pmd, &rec_pfnmap, &rec_swap, &rec_pud, &rec_anon,
	};
	static const struct mms_pte *const want[] = {
		&want_anon, &want_swap, &want_pmd, &want_pfnmap, &want_swap, &want_pud,
		&want_anon,
	};
	const struct mmscope_pte_rec *many[MAX_GOT];
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	unsigned int i;

	(void)state;
	put_ptes(nlh, REC_SIZE, in, ARRAY_SIZE(in));
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, ARRAY_SIZE(in));
	for (i = 0; i < ARRAY_SIZE(in); i++)
		assert_pte(&ptes_got.p[i], want[i]);

	/* Several RECS attributes, and a second size for the ones after it. */
	nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	put_ptes(nlh, REC_SIZE, in, 2);
	put_recs(nlh, REC_SIZE, in + 2, 2);
	put_ptes(nlh, 72, in + 4, 3);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, ARRAY_SIZE(in));
	for (i = 0; i < ARRAY_SIZE(in); i++)
		assert_pte(&ptes_got.p[i], want[i]);

	/* Many records. */
	nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	for (i = 0; i < MAX_GOT; i++)
		many[i] = in[i % ARRAY_SIZE(in)];
	put_ptes(nlh, REC_SIZE, many, MAX_GOT);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, MAX_GOT);
	for (i = 0; i < MAX_GOT; i++)
		assert_pte(&ptes_got.p[i], want[i % ARRAY_SIZE(in)]);

	/* No records, or an empty RECS, is no call. */
	nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 0);
	mnl_attr_put_u32(nlh, MMSCOPE_A_PTE_REC_SIZE, REC_SIZE);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 0);
	mnl_attr_put(nlh, MMSCOPE_A_PTE_RECS, 0, "");
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 0);
}

/* Records whose size is not known yet are skipped. */
static void test_ptes_recs_before_rec_size(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_PTES);

	(void)state;
	put_recs(nlh, REC_SIZE, (const struct mmscope_pte_rec *[]){ &rec_anon, &rec_pmd }, 2);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 0);

	/* The size applies to the records after it only. */
	put_ptes(nlh, REC_SIZE, (const struct mmscope_pte_rec *[]){ &rec_swap }, 1);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 1);
	assert_pte(&ptes_got.p[0], &want_swap);

	/* Nor does it carry over from one message to the next. */
	nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	mnl_attr_put_u32(nlh, MMSCOPE_A_PTE_REC_SIZE, REC_SIZE);
	assert_int_equal(ptes_parse(nlh), 0);
	nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	put_recs(nlh, REC_SIZE, (const struct mmscope_pte_rec *[]){ &rec_anon }, 1);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 0);
}

/* A record size that is not a u32 is no size; after a good one, the good one stays. */
static void test_ptes_malformed_rec_size(void **state)
{
	static const uint8_t three[3] = { REC_SIZE, 0, 0 };
	struct nlmsghdr *nlh;
	unsigned int k;

	(void)state;
	for (k = 0; k < 5; k++) {
		nlh = reply_start(MMSCOPE_CMD_GET_PTES);
		switch (k) {
		case 0:
			mnl_attr_put_u8(nlh, MMSCOPE_A_PTE_REC_SIZE, REC_SIZE);
			break;
		case 1:
			mnl_attr_put_u16(nlh, MMSCOPE_A_PTE_REC_SIZE, REC_SIZE);
			break;
		case 2:
			mnl_attr_put_u64(nlh, MMSCOPE_A_PTE_REC_SIZE, REC_SIZE);
			break;
		case 3:
			mnl_attr_put(nlh, MMSCOPE_A_PTE_REC_SIZE, sizeof(three), three);
			break;
		case 4:
			mnl_attr_put(nlh, MMSCOPE_A_PTE_REC_SIZE, 0, "");
			break;
		}
		put_recs(nlh, REC_SIZE, (const struct mmscope_pte_rec *[]){ &rec_anon }, 1);
		assert_int_equal(ptes_parse(nlh), 0);
		assert_int_equal(ptes_got.n, 0);
	}

	nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	mnl_attr_put_u32(nlh, MMSCOPE_A_PTE_REC_SIZE, REC_SIZE);
	mnl_attr_put_u64(nlh, MMSCOPE_A_PTE_REC_SIZE, 64);
	mnl_attr_put_u16(nlh, MMSCOPE_A_PTE_REC_SIZE, 64);
	put_recs(nlh, REC_SIZE, (const struct mmscope_pte_rec *[]){ &rec_anon, &rec_swap }, 2);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 2);
	assert_pte(&ptes_got.p[0], &want_anon);
	assert_pte(&ptes_got.p[1], &want_swap);
}

/* Record sizes below 8 or above 4096 make no sense: their records are skipped. */
static void test_ptes_absurd_stride(void **state)
{
	static const uint32_t absurd[] = {
		0, 1, 2, 3, 4, 5, 6, 7, 4097, 8192, 65535, 65536, INT32_MAX, UINT32_MAX,
	};
	struct nlmsghdr *nlh;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(absurd); i++) {
		/* Whole records of that size where they fit, else of ours. */
		size_t stride = absurd[i] >= 8 && absurd[i] <= 8192 ? absurd[i] : REC_SIZE;

		nlh = reply_start(MMSCOPE_CMD_GET_PTES);
		mnl_attr_put_u32(nlh, MMSCOPE_A_PTE_REC_SIZE, absurd[i]);
		put_recs(nlh, stride, (const struct mmscope_pte_rec *[]){ &rec_anon, &rec_swap }, 2);
		assert_int_equal(ptes_parse(nlh), 0);
		assert_int_equal(ptes_got.n, 0);

		/* A good size after it makes the records after it readable again. */
		put_ptes(nlh, REC_SIZE, (const struct mmscope_pte_rec *[]){ &rec_pud }, 1);
		assert_int_equal(ptes_parse(nlh), 0);
		assert_int_equal(ptes_got.n, 1);
		assert_pte(&ptes_got.p[0], &want_pud);
	}

	/* 4096 is still sensible. */
	nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	put_ptes(nlh, 4096, (const struct mmscope_pte_rec *[]){ &rec_pmd, &rec_swap }, 2);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 2);
	assert_pte(&ptes_got.p[0], &want_pmd);
	assert_pte(&ptes_got.p[1], &want_swap);

	/* 4097, with a whole record of it: still skipped. */
	nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	put_ptes(nlh, 4097, (const struct mmscope_pte_rec *[]){ &rec_pmd, &rec_swap }, 2);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 0);
}

/* The bytes after the last whole record are not a record. */
static void test_ptes_partial_trailing_record(void **state)
{
	static const size_t strides[] = { REC_SIZE, 64 };
	struct nlmsghdr *nlh;
	size_t i, len, cut;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(strides); i++) {
		/* All but the last byte of a third record: its level and kind included. */
		for (cut = 1; cut < strides[i]; cut++) {
			nlh = reply_start(MMSCOPE_CMD_GET_PTES);
			mnl_attr_put_u32(nlh, MMSCOPE_A_PTE_REC_SIZE, strides[i]);
			len = pack_recs(strides[i], (const struct mmscope_pte_rec *[]){
						&rec_anon, &rec_swap, &rec_pmd }, 3);
			mnl_attr_put(nlh, MMSCOPE_A_PTE_RECS, len - cut, recs_buf);
			assert_int_equal(ptes_parse(nlh), 0);
			assert_int_equal(ptes_got.n, 2);
			assert_pte(&ptes_got.p[0], &want_anon);
			assert_pte(&ptes_got.p[1], &want_swap);
		}

		/* Less than one record. */
		nlh = reply_start(MMSCOPE_CMD_GET_PTES);
		mnl_attr_put_u32(nlh, MMSCOPE_A_PTE_REC_SIZE, strides[i]);
		len = pack_recs(strides[i], (const struct mmscope_pte_rec *[]){ &rec_pmd }, 1);
		mnl_attr_put(nlh, MMSCOPE_A_PTE_RECS, len - 1, recs_buf);
		assert_int_equal(ptes_parse(nlh), 0);
		assert_int_equal(ptes_got.n, 0);

		/* A partial record ends its attribute only: the next one is read. */
		put_recs(nlh, strides[i], (const struct mmscope_pte_rec *[]){ &rec_pud }, 1);
		assert_int_equal(ptes_parse(nlh), 0);
		assert_int_equal(ptes_got.n, 1);
		assert_pte(&ptes_got.p[0], &want_pud);
	}
}

/* The callback's first non-zero return stops the walk and is what comes back. */
static void test_ptes_cb_stops(void **state)
{
	static const struct mmscope_pte_rec *const in[] = {
		&rec_anon, &rec_swap, &rec_pmd, &rec_pud, &rec_pfnmap,
	};
	static const struct mms_pte *const want[] = {
		&want_anon, &want_swap, &want_pmd, &want_pud, &want_pfnmap,
	};
	static const int rets[] = { -EINTR, -ENOMEM, -1, 1, 42, INT_MIN, INT_MAX };
	struct nlmsghdr *nlh;
	unsigned int at, r, i;

	(void)state;
	for (r = 0; r < ARRAY_SIZE(rets); r++) {
		for (at = 1; at <= ARRAY_SIZE(in); at++) {
			/* The records in one attribute, then in two. */
			nlh = reply_start(MMSCOPE_CMD_GET_PTES);
			put_ptes(nlh, REC_SIZE, in, ARRAY_SIZE(in));
			assert_int_equal(ptes_parse_stop(nlh, at, rets[r]), rets[r]);
			assert_int_equal(ptes_got.n, at);
			for (i = 0; i < at; i++)
				assert_pte(&ptes_got.p[i], want[i]);

			nlh = reply_start(MMSCOPE_CMD_GET_PTES);
			put_ptes(nlh, REC_SIZE, in, 2);
			put_recs(nlh, REC_SIZE, in + 2, ARRAY_SIZE(in) - 2);
			assert_int_equal(ptes_parse_stop(nlh, at, rets[r]), rets[r]);
			assert_int_equal(ptes_got.n, at);
			for (i = 0; i < at; i++)
				assert_pte(&ptes_got.p[i], want[i]);
		}
	}

	/* A callback that never says stop sees them all, and 0 comes back. */
	nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	put_ptes(nlh, REC_SIZE, in, ARRAY_SIZE(in));
	assert_int_equal(ptes_parse_stop(nlh, ARRAY_SIZE(in) + 1, -EIO), 0);
	assert_int_equal(ptes_got.n, ARRAY_SIZE(in));
}

/* Attributes other than REC_SIZE and RECS, wherever they are, change nothing. */
static void test_ptes_unrelated_attrs(void **state)
{
	static const struct mmscope_pte_rec *const in[] = { &rec_anon, &rec_swap, &rec_pmd };
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	struct nlattr *n;
	size_t len;

	(void)state;
	put_pad(nlh, MMSCOPE_A_PAD);
	mnl_attr_put_u32(nlh, MMSCOPE_A_PID, 1234);
	mnl_attr_put_u64(nlh, MMSCOPE_A_START, 0x1000);
	mnl_attr_put_u64(nlh, MMSCOPE_A_END, 0x00007ffffffff000ULL);
	mnl_attr_put_u32(nlh, MMSCOPE_A_FILTER, MMSCOPE_FILTER_ALL);
	/* Records under other types, before and after the size. */
	len = pack_recs(REC_SIZE, in, 1);
	mnl_attr_put(nlh, MMSCOPE_A_UNSPEC, len, recs_buf);
	mnl_attr_put(nlh, MMSCOPE_A_VMA, len, recs_buf);
	mnl_attr_put_u32(nlh, MMSCOPE_A_PTE_REC_SIZE, REC_SIZE);
	put_fat_pad(nlh, MMSCOPE_A_PAD);
	mnl_attr_put_u64(nlh, MMSCOPE_A_VA, 0x1000);
	len = pack_recs(REC_SIZE, in, 1);
	mnl_attr_put(nlh, MMSCOPE_A_MAX + 1, len, recs_buf);
	mnl_attr_put(nlh, MMSCOPE_A_XLATE, len, recs_buf);
	mnl_attr_put(nlh, MMSCOPE_A_PAD, len, recs_buf);
	n = mnl_attr_nest_start(nlh, MMSCOPE_A_MM);
	mnl_attr_put_u32(nlh, MMSCOPE_MM_PID, 1);
	mnl_attr_nest_end(nlh, n);
	put_recs(nlh, REC_SIZE, in, 2);
	/* Between two RECS, and after them. */
	put_vma(nlh, "[heap]", MMSCOPE_KIND_ANON, true);
	mnl_attr_put_strz(nlh, MMSCOPE_A_VERSION, MMSCOPE_RELEASE);
	put_recs(nlh, REC_SIZE, in + 2, 1);
	mnl_attr_put_u32(nlh, MMSCOPE_A_PAGE_SIZE, 4096);
	mnl_attr_put(nlh, MMSCOPE_A_MAX + 7, len, recs_buf);

	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 3);
	assert_pte(&ptes_got.p[0], &want_anon);
	assert_pte(&ptes_got.p[1], &want_swap);
	assert_pte(&ptes_got.p[2], &want_pmd);
}

/* ------------------------------------------------------------------------ */
/* XLATE */

/* The reply is parsed into this, zeroed as mms_xlate() does; the canary catches
 * writes past the end of steps[]. */
static struct {
	struct mms_xlate x;
	unsigned char canary[4 * sizeof(struct mms_xlate_step)];
} xout;

#define CANARY	0xa5

/* Directly, or as mnl_cb_run()'s data callback (@cb_run) as nl.c uses it. */
static void xlate_parse_how(const struct nlmsghdr *nlh, bool cb_run)
{
	size_t i;

	assert_true(nlh->nlmsg_len <= sizeof(msg.buf));
	memset(&xout.x, 0, sizeof(xout.x));
	memset(xout.canary, CANARY, sizeof(xout.canary));
	if (cb_run)
		assert_true(mnl_cb_run(msg.buf, nlh->nlmsg_len, TEST_SEQ, TEST_PORTID,
				       mms_xlate_parse, &xout.x) >= MNL_CB_STOP);
	else
		assert_int_equal(mms_xlate_parse(nlh, &xout.x), MNL_CB_OK);
	for (i = 0; i < sizeof(xout.canary); i++)
		assert_int_equal(xout.canary[i], CANARY);
}

static void xlate_parse(const struct nlmsghdr *nlh)
{
	xlate_parse_how(nlh, false);
}

/* Step @i of a walk: distinct values everywhere. */
static struct mms_xlate_step xl_step(unsigned int i, uint8_t level)
{
	struct mms_xlate_step s = {
		.level = level,
		.index = 0x100 + i,
		.flags = MMSCOPE_F_PRESENT | MMSCOPE_F_RW | (i << 5),
		.table_pa = 0x0000001000000000ULL + ((uint64_t)i << 12),
		.raw = 0x8000001000000067ULL + ((uint64_t)(i + 1) << 12),
	};

	return s;
}

static void put_step(struct nlmsghdr *nlh, const struct mms_xlate_step *s, bool pad)
{
	struct nlattr *st = mnl_attr_nest_start(nlh, MMSCOPE_XL_STEP);

	mnl_attr_put_u8(nlh, MMSCOPE_XL_STEP_LEVEL, s->level);
	if (pad)
		put_pad(nlh, MMSCOPE_XL_STEP_PAD);
	mnl_attr_put_u64(nlh, MMSCOPE_XL_STEP_TABLE_PA, s->table_pa);
	mnl_attr_put_u32(nlh, MMSCOPE_XL_STEP_INDEX, s->index);
	if (pad)
		put_fat_pad(nlh, MMSCOPE_XL_STEP_PAD);
	mnl_attr_put_u64(nlh, MMSCOPE_XL_STEP_RAW, s->raw);
	mnl_attr_put_u32(nlh, MMSCOPE_XL_STEP_FLAGS, s->flags);
	mnl_attr_nest_end(nlh, st);
}

static void assert_step(unsigned int i, const struct mms_xlate_step *w)
{
	const struct mms_xlate_step *s;

	assert_true(i < xout.x.nr_steps);
	s = &xout.x.steps[i];
	assert_int_equal(s->level, w->level);
	assert_int_equal(s->index, w->index);
	assert_int_equal(s->flags, w->flags);
	assert_int_equal(s->table_pa, w->table_pa);
	assert_int_equal(s->raw, w->raw);
}

static unsigned int counted;

static int count_only(const struct mms_pte *p, void *data)
{
	(void)p;
	(void)data;
	counted++;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* GET_PTES runs (struct mmscope_pte_run) */

static unsigned char run_buf[8 * 1024];

/*
 * Lay a run out as the module does: header, then @n PFNs (MMSCOPE_RUN_PFN32)
 * or raw values, then @n infos unless MMSCOPE_RUN_ONE_INFO.  The length.
 */
static size_t pack_run(uint64_t va, uint16_t flags, uint64_t common, uint16_t info,
		       const uint64_t *vals, const uint16_t *infos, size_t n)
{
	struct mmscope_pte_run run = {
		.va = va, .common = common, .count = n, .flags = flags, .info = info,
	};
	unsigned char *d = run_buf + sizeof(run);
	uint32_t pfn;
	size_t i;

	memcpy(run_buf, &run, sizeof(run));
	for (i = 0; i < n; i++) {
		if (flags & MMSCOPE_RUN_PFN32) {
			pfn = vals[i];
			memcpy(d, &pfn, sizeof(pfn));
			d += sizeof(pfn);
		} else {
			memcpy(d, &vals[i], sizeof(vals[i]));
			d += sizeof(vals[i]);
		}
	}
	if (!(flags & MMSCOPE_RUN_ONE_INFO)) {
		memcpy(d, infos, n * sizeof(*infos));
		d += n * sizeof(*infos);
	}
	return d - run_buf;
}

static void put_run(struct nlmsghdr *nlh, uint64_t va, uint16_t flags, uint64_t common,
		    uint16_t info, const uint64_t *vals, const uint16_t *infos, size_t n)
{
	size_t len = pack_run(va, flags, common, info, vals, infos, n);

	mnl_attr_put(nlh, MMSCOPE_A_PTE_RUN, len, run_buf);
}

/* What the module's record would say for a mapped PTE of @raw (walk.c's decoding). */
static struct mms_pte want_raw(uint64_t va, uint64_t raw, uint8_t kind, int mapcount)
{
	struct mms_pte p = {
		.va = va, .size = 4096, .raw = raw, .pfn = (raw >> 12) & ((1ULL << 40) - 1),
		.flags = MMSCOPE_F_PRESENT | MMSCOPE_F_HW_PRESENT, .level = MMSCOPE_LEVEL_PTE,
		.kind = kind, .has_pfn = true,
	};
	static const struct { uint64_t raw; uint32_t f; } bit[] = {
		{ 1ULL << 1, MMSCOPE_F_RW }, { 1ULL << 2, MMSCOPE_F_USER },
		{ 1ULL << 3, MMSCOPE_F_PWT }, { 1ULL << 4, MMSCOPE_F_PCD },
		{ 1ULL << 5, MMSCOPE_F_ACCESSED }, { 1ULL << 6, MMSCOPE_F_DIRTY },
		{ 1ULL << 7, MMSCOPE_F_PSE_PAT }, { 1ULL << 8, MMSCOPE_F_GLOBAL },
		{ 1ULL << 9, MMSCOPE_F_SPECIAL }, { 1ULL << 11, MMSCOPE_F_SOFT_DIRTY },
		{ 1ULL << 63, MMSCOPE_F_NX },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bit); i++)
		if (raw & bit[i].raw)
			p.flags |= bit[i].f;
	if (mapcount >= 0) {
		p.mapcount = mapcount;
		p.has_mapcount = true;
	}
	return p;
}

/* The common case: PFNs only, one info for all. */
static void test_pte_run_pfn32_one_info(void **state)
{
	static const uint64_t pfns[] = { 0x123456, 0x123457, 0x1, 0xffffffff };
	const uint64_t va = 0x00007f0000200000ULL, common = 0x8000000000000867ULL;
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	struct mms_pte want;
	size_t i;

	(void)state;
	mnl_attr_put_u32(nlh, MMSCOPE_A_PTE_REC_SIZE, REC_SIZE);
	put_run(nlh, va, MMSCOPE_RUN_PFN32 | MMSCOPE_RUN_ONE_INFO, common,
		MMSCOPE_INFO(MMSCOPE_KIND_ANON, 1), pfns, NULL, ARRAY_SIZE(pfns));
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, ARRAY_SIZE(pfns));
	for (i = 0; i < ARRAY_SIZE(pfns); i++) {
		want = want_raw(va + i * 4096, common | pfns[i] << 12, MMSCOPE_KIND_ANON, 1);
		assert_pte(&ptes_got.p[i], &want);
	}
}

/* Raw values and an info per entry: kinds, mapcounts, PFNs beyond 32 bits. */
static void test_pte_run_raw_infos(void **state)
{
	static const uint64_t raws[] = {
		0x8000000123456867ULL,		/* anon, soft-dirty */
		0x0000000004000025ULL,		/* file, read-only, executable */
		0x8000000000a0b225ULL,		/* the zero page: special */
		0x800ffffffffff07fULL,		/* widest PFN, PWT PCD PAT */
		0x0000001000000165ULL,		/* global, PFN 1 << 28 */
	};
	static const uint16_t infos[] = {
		MMSCOPE_INFO(MMSCOPE_KIND_ANON, 1),
		MMSCOPE_INFO(MMSCOPE_KIND_FILE, 3),
		MMSCOPE_INFO(MMSCOPE_KIND_ZERO, -1),
		MMSCOPE_INFO(MMSCOPE_KIND_PFNMAP, -1),
		MMSCOPE_INFO(MMSCOPE_KIND_SHMEM, MMSCOPE_INFO_MAX_MAPCOUNT),
	};
	static const int mapcounts[] = { 1, 3, -1, -1, MMSCOPE_INFO_MAX_MAPCOUNT };
	const uint64_t va = 0x0000555555554000ULL;
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	struct mms_pte want;
	size_t i;

	(void)state;
	put_run(nlh, va, 0, 0, 0, raws, infos, ARRAY_SIZE(raws));
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, ARRAY_SIZE(raws));
	for (i = 0; i < ARRAY_SIZE(raws); i++) {
		want = want_raw(va + i * 4096, raws[i], MMSCOPE_INFO_KIND(infos[i]), mapcounts[i]);
		assert_pte(&ptes_got.p[i], &want);
	}
	assert_int_equal(ptes_got.p[3].pfn, 0xffffffffffULL);
	assert_true(ptes_got.p[2].flags & MMSCOPE_F_SPECIAL);
	assert_false(ptes_got.p[2].has_mapcount);

	/* The other two layouts of the same header fields. */
	nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	put_run(nlh, va, MMSCOPE_RUN_ONE_INFO, 0, infos[1], raws, NULL, 2);
	put_run(nlh, va + 2 * 4096, MMSCOPE_RUN_PFN32, 0x25, 0,
		(const uint64_t[]){ 7, 8 }, infos, 2);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 4);
	want = want_raw(va, raws[0], MMSCOPE_KIND_FILE, 3);
	assert_pte(&ptes_got.p[0], &want);
	want = want_raw(va + 4096, raws[1], MMSCOPE_KIND_FILE, 3);
	assert_pte(&ptes_got.p[1], &want);
	want = want_raw(va + 2 * 4096, 0x7025, MMSCOPE_KIND_ANON, 1);
	assert_pte(&ptes_got.p[2], &want);
	want = want_raw(va + 3 * 4096, 0x8025, MMSCOPE_KIND_FILE, 3);
	assert_pte(&ptes_got.p[3], &want);
}

/* Records and runs interleave in address order; all come out in that order. */
static void test_pte_runs_and_records(void **state)
{
	const uint64_t common = 0x8000000000000867ULL;
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	struct mms_pte want;

	(void)state;
	mnl_attr_put_u32(nlh, MMSCOPE_A_PTE_REC_SIZE, REC_SIZE);
	put_recs(nlh, REC_SIZE, (const struct mmscope_pte_rec *[]){ &rec_swap }, 1);
	put_run(nlh, 0x7ffd5e39f000ULL, MMSCOPE_RUN_PFN32 | MMSCOPE_RUN_ONE_INFO, common,
		MMSCOPE_INFO(MMSCOPE_KIND_ANON, 1), (const uint64_t[]){ 0x10, 0x11 }, NULL, 2);
	put_recs(nlh, REC_SIZE, (const struct mmscope_pte_rec *[]){ &rec_anon, &rec_pmd }, 2);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 5);
	assert_pte(&ptes_got.p[0], &want_swap);
	want = want_raw(0x7ffd5e39f000ULL, common | 0x10000, MMSCOPE_KIND_ANON, 1);
	assert_pte(&ptes_got.p[1], &want);
	want = want_raw(0x7ffd5e3a0000ULL, common | 0x11000, MMSCOPE_KIND_ANON, 1);
	assert_pte(&ptes_got.p[2], &want);
	assert_pte(&ptes_got.p[3], &want_anon);
	assert_pte(&ptes_got.p[4], &want_pmd);
}

/* A malformed run fails the message with EBADMSG; what came before was delivered. */
static void test_pte_run_malformed(void **state)
{
	static const uint64_t raws[] = { 0x8000000123456867ULL, 0x8000000123457867ULL };
	static const uint16_t infos[] = { 0x12, 0x12 };
	struct nlmsghdr *nlh;
	struct mmscope_pte_run run;
	size_t len, i;
	static const struct {
		size_t cut;		/* bytes taken off the end (or added, if negative) */
		uint16_t count, flags;
		uint64_t va;
	} bad[] = {
		{ 1, 2, 0, 0x1000 },			/* one byte short */
		{ 2 * 2 + 8, 2, 0, 0x1000 },		/* an entry short */
		{ (size_t)-2, 2, 0, 0x1000 },		/* two bytes too many */
		{ 0, 0, 0, 0x1000 },			/* no entries */
		{ 0, 2, 0, 0x1008 },			/* VA not page aligned */
		{ 0, 2, 1 << 2, 0x1000 },		/* a flag this tool does not know */
	};

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		len = pack_run(bad[i].va, bad[i].flags, 0, 0, raws, infos, 2);
		memcpy(&run, run_buf, sizeof(run));
		run.count = bad[i].count;
		memcpy(run_buf, &run, sizeof(run));
		nlh = reply_start(MMSCOPE_CMD_GET_PTES);
		mnl_attr_put_u32(nlh, MMSCOPE_A_PTE_REC_SIZE, REC_SIZE);
		put_recs(nlh, REC_SIZE, (const struct mmscope_pte_rec *[]){ &rec_swap }, 1);
		mnl_attr_put(nlh, MMSCOPE_A_PTE_RUN, len - bad[i].cut, run_buf);
		assert_int_equal(ptes_parse(nlh), -EBADMSG);
		assert_int_equal(ptes_got.n, 1);
		assert_pte(&ptes_got.p[0], &want_swap);
	}

	/* Shorter than a header; more entries than a table has; an entry without P. */
	assert_int_equal(mms_pte_run_parse(run_buf, sizeof(run) - 1, collect_pte, &ptes_got),
			 -EBADMSG);
	run.count = MMSCOPE_RUN_MAX + 1;
	run.flags = MMSCOPE_RUN_PFN32 | MMSCOPE_RUN_ONE_INFO;
	memcpy(run_buf, &run, sizeof(run));
	assert_int_equal(mms_pte_run_parse(run_buf, sizeof(run) + 4 * run.count, collect_pte,
					   &ptes_got), -EBADMSG);
	ptes_got.n = 0;
	len = pack_run(0x1000, 0, 0, 0, (const uint64_t[]){ 0x8000000123456867ULL, 0x1234000 },
		       infos, 2);
	assert_int_equal(mms_pte_run_parse(run_buf, len, collect_pte, &ptes_got), -EBADMSG);
	assert_int_equal(ptes_got.n, 1);

	/* The largest run parses. */
	ptes_got.n = 0;
	ptes_got.stop_at = 0;
	len = pack_run(0x1000, MMSCOPE_RUN_PFN32 | MMSCOPE_RUN_ONE_INFO, 0x67, 0x12, raws, NULL, 0);
	memcpy(&run, run_buf, sizeof(run));
	run.count = MMSCOPE_RUN_MAX;
	memcpy(run_buf, &run, sizeof(run));
	memset(run_buf + len, 0, 4 * MMSCOPE_RUN_MAX);
	assert_int_equal(mms_pte_run_parse(run_buf, len + 4 * MMSCOPE_RUN_MAX, count_only, NULL),
			 0);
	assert_int_equal(counted, MMSCOPE_RUN_MAX);
}

/* The callback's non-zero return inside a run stops there and comes back. */
static void test_pte_run_cb_stops(void **state)
{
	static const uint64_t pfns[] = { 1, 2, 3, 4 };
	struct nlmsghdr *nlh;
	unsigned int at;

	(void)state;
	for (at = 1; at <= ARRAY_SIZE(pfns); at++) {
		nlh = reply_start(MMSCOPE_CMD_GET_PTES);
		put_run(nlh, 0x1000, MMSCOPE_RUN_PFN32 | MMSCOPE_RUN_ONE_INFO, 0x67, 0x12,
			pfns, NULL, ARRAY_SIZE(pfns));
		assert_int_equal(ptes_parse_stop(nlh, at, -EINTR), -EINTR);
		assert_int_equal(ptes_got.n, at);
		assert_int_equal(ptes_got.p[at - 1].pfn, pfns[at - 1]);
	}
}

/* The head of an MMSCOPE_A_XLATE nest, as put_xlate() emits it. */
static struct nlattr *put_xlate_head(struct nlmsghdr *nlh, uint64_t va, uint32_t levels,
				     uint8_t stop, uint8_t stop_level, bool pad)
{
	struct nlattr *n = mnl_attr_nest_start(nlh, MMSCOPE_A_XLATE);

	if (pad)
		put_pad(nlh, MMSCOPE_XL_PAD);
	mnl_attr_put_u64(nlh, MMSCOPE_XL_VA, va);
	mnl_attr_put_u32(nlh, MMSCOPE_XL_LEVELS, levels);
	mnl_attr_put_u8(nlh, MMSCOPE_XL_STOP, stop);
	mnl_attr_put_u8(nlh, MMSCOPE_XL_STOP_LEVEL, stop_level);
	return n;
}

static void test_xlate_ok(void **state)
{
	static const uint8_t levels[] = {
		MMSCOPE_LEVEL_PGD, MMSCOPE_LEVEL_PUD, MMSCOPE_LEVEL_PMD, MMSCOPE_LEVEL_PTE,
	};
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_XLATE);
	struct mms_xlate_step s[ARRAY_SIZE(levels)];
	struct nlattr *n;
	unsigned int i;

	(void)state;
	mnl_attr_put_u32(nlh, MMSCOPE_A_PID, 1);
	n = put_xlate_head(nlh, 0x00007ffd5e3a1abcULL, 4, MMSCOPE_XL_OK, MMSCOPE_LEVEL_PTE,
			   false);
	mnl_attr_put_u64(nlh, MMSCOPE_XL_PA, 0x0000000123456abcULL);
	mnl_attr_put_u64(nlh, MMSCOPE_XL_PAGE_SIZE, 4096);
	for (i = 0; i < ARRAY_SIZE(levels); i++) {
		s[i] = xl_step(i, levels[i]);
		put_step(nlh, &s[i], false);
	}
	mnl_attr_nest_end(nlh, n);

	xlate_parse_how(nlh, true);
	assert_int_equal(xout.x.va, 0x00007ffd5e3a1abcULL);
	assert_int_equal(xout.x.levels, 4);
	assert_int_equal(xout.x.stop, MMSCOPE_XL_OK);
	assert_int_equal(xout.x.stop_level, MMSCOPE_LEVEL_PTE);
	assert_true(xout.x.has_pa);
	assert_int_equal(xout.x.pa, 0x0000000123456abcULL);
	assert_int_equal(xout.x.page_size, 4096);
	assert_int_equal(xout.x.swap_type, 0);
	assert_int_equal(xout.x.swap_offset, 0);
	assert_int_equal(xout.x.nr_steps, ARRAY_SIZE(levels));
	for (i = 0; i < ARRAY_SIZE(levels); i++)
		assert_step(i, &s[i]);
	assert_int_equal(xout.x.steps[ARRAY_SIZE(levels)].level, 0);
}

static void test_xlate_swapped(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_XLATE);
	struct mms_xlate_step s[2];
	struct nlattr *n;

	(void)state;
	n = put_xlate_head(nlh, 0x555555559000ULL, 4, MMSCOPE_XL_SWAPPED, MMSCOPE_LEVEL_PMD,
			   true);
	mnl_attr_put_u32(nlh, MMSCOPE_XL_SWAP_TYPE, 3);
	put_pad(nlh, MMSCOPE_XL_PAD);
	mnl_attr_put_u64(nlh, MMSCOPE_XL_SWAP_OFFSET, 0x123456789aULL);
	s[0] = xl_step(0, MMSCOPE_LEVEL_PGD);
	s[1] = xl_step(1, MMSCOPE_LEVEL_PUD);
	put_step(nlh, &s[0], true);
	put_fat_pad(nlh, MMSCOPE_XL_PAD);
	put_step(nlh, &s[1], true);
	mnl_attr_nest_end(nlh, n);

	xlate_parse(nlh);
	assert_int_equal(xout.x.va, 0x555555559000ULL);
	assert_int_equal(xout.x.levels, 4);
	assert_int_equal(xout.x.stop, MMSCOPE_XL_SWAPPED);
	assert_int_equal(xout.x.stop_level, MMSCOPE_LEVEL_PMD);
	assert_int_equal(xout.x.swap_type, 3);
	assert_int_equal(xout.x.swap_offset, 0x123456789aULL);
	assert_false(xout.x.has_pa);
	assert_int_equal(xout.x.pa, 0);
	assert_int_equal(xout.x.page_size, 0);
	assert_int_equal(xout.x.nr_steps, 2);
	assert_step(0, &s[0]);
	assert_step(1, &s[1]);
}

/* Five levels, five steps: all kept, in the order they came. */
static void test_xlate_five_steps(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_XLATE);
	struct mms_xlate_step s[5];
	struct nlattr *n;
	unsigned int i;

	(void)state;
	n = put_xlate_head(nlh, 0x00ff000000200000ULL, 5, MMSCOPE_XL_OK, MMSCOPE_LEVEL_PMD,
			   false);
	for (i = 0; i < 5; i++) {
		/* PGD..PTE, then a repeat: order is the message's, not the levels'. */
		s[i] = xl_step(i, i < 4 ? MMSCOPE_LEVEL_PGD - i : MMSCOPE_LEVEL_PGD);
		put_step(nlh, &s[i], i & 1);
	}
	mnl_attr_put_u64(nlh, MMSCOPE_XL_PA, 0x40200000);
	mnl_attr_put_u64(nlh, MMSCOPE_XL_PAGE_SIZE, 2 << 20);
	mnl_attr_nest_end(nlh, n);

	xlate_parse(nlh);
	assert_int_equal(xout.x.levels, 5);
	assert_int_equal(xout.x.nr_steps, 5);
	for (i = 0; i < 5; i++)
		assert_step(i, &s[i]);
	assert_true(xout.x.has_pa);
	assert_int_equal(xout.x.pa, 0x40200000);
	assert_int_equal(xout.x.page_size, 2 << 20);
}

static void test_xlate_too_many_steps(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_XLATE);
	struct mms_xlate_step s[9];
	struct nlattr *n;
	unsigned int i;

	(void)state;
	assert_int_equal(ARRAY_SIZE(xout.x.steps), 5);
	n = put_xlate_head(nlh, 0x1000, 5, MMSCOPE_XL_BAD, MMSCOPE_LEVEL_PTE, false);
	for (i = 0; i < ARRAY_SIZE(s); i++) {
		s[i] = xl_step(i, 1 + i % 5);
		put_step(nlh, &s[i], false);
	}
	/* Attributes after the steps are still parsed. */
	mnl_attr_put_u64(nlh, MMSCOPE_XL_PA, 0x2000);
	mnl_attr_nest_end(nlh, n);

	xlate_parse(nlh);
	assert_int_equal(xout.x.nr_steps, 5);
	for (i = 0; i < 5; i++)
		assert_step(i, &s[i]);
	assert_int_equal(xout.x.stop, MMSCOPE_XL_BAD);
	assert_true(xout.x.has_pa);
	assert_int_equal(xout.x.pa, 0x2000);

	/* A second XLATE nest cannot push past the limit either. */
	nlh = reply_start(MMSCOPE_CMD_XLATE);
	n = put_xlate_head(nlh, 0x1000, 5, MMSCOPE_XL_OK, MMSCOPE_LEVEL_PTE, false);
	for (i = 0; i < 3; i++)
		put_step(nlh, &s[i], false);
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, MMSCOPE_A_XLATE);
	for (i = 3; i < 9; i++)
		put_step(nlh, &s[i], false);
	mnl_attr_nest_end(nlh, n);
	xlate_parse(nlh);
	assert_int_equal(xout.x.nr_steps, 5);
	for (i = 0; i < 5; i++)
		assert_step(i, &s[i]);
}

/* has_pa: MMSCOPE_XL_PA is there and is a u64, whatever its value. */
static void test_xlate_has_pa(void **state)
{
	struct nlmsghdr *nlh;
	struct nlattr *n;
	unsigned int k;

	(void)state;
	nlh = reply_start(MMSCOPE_CMD_XLATE);
	n = put_xlate_head(nlh, 0, 4, MMSCOPE_XL_OK, MMSCOPE_LEVEL_PTE, false);
	mnl_attr_put_u64(nlh, MMSCOPE_XL_PA, 0);
	mnl_attr_nest_end(nlh, n);
	xlate_parse(nlh);
	assert_true(xout.x.has_pa);
	assert_int_equal(xout.x.pa, 0);

	/* Page size alone is not a PA. */
	nlh = reply_start(MMSCOPE_CMD_XLATE);
	n = put_xlate_head(nlh, 0x1000, 4, MMSCOPE_XL_NONE, MMSCOPE_LEVEL_PMD, false);
	mnl_attr_put_u64(nlh, MMSCOPE_XL_PAGE_SIZE, 4096);
	mnl_attr_nest_end(nlh, n);
	xlate_parse(nlh);
	assert_false(xout.x.has_pa);
	assert_int_equal(xout.x.stop, MMSCOPE_XL_NONE);
	assert_int_equal(xout.x.page_size, 4096);

	/* A PA of the wrong size is no PA. */
	for (k = 0; k < NR_BAD; k++) {
		nlh = reply_start(MMSCOPE_CMD_XLATE);
		n = put_xlate_head(nlh, 0x1000, 4, MMSCOPE_XL_OK, MMSCOPE_LEVEL_PTE, false);
		put_not_u64(nlh, MMSCOPE_XL_PA, k);
		mnl_attr_nest_end(nlh, n);
		xlate_parse(nlh);
		assert_false(xout.x.has_pa);
		assert_int_equal(xout.x.pa, 0);
		assert_int_equal(xout.x.va, 0x1000);
	}
}

static void test_xlate_wrong_types(void **state)
{
	struct mms_xlate_step s = xl_step(2, MMSCOPE_LEVEL_PMD), zero_step;
	struct nlattr *n, *st;
	struct nlmsghdr *nlh;
	unsigned int k;

	(void)state;
	memset(&zero_step, 0, sizeof(zero_step));
	for (k = 0; k < NR_BAD; k++) {
		nlh = reply_start(MMSCOPE_CMD_XLATE);
		/* An XLATE that is not a nest; XL attributes outside the nest. */
		mnl_attr_put_u16(nlh, MMSCOPE_A_XLATE, 1);
		mnl_attr_put_u64(nlh, MMSCOPE_XL_VA, 0x1000);
		n = mnl_attr_nest_start(nlh, MMSCOPE_A_XLATE);
		put_not_u64(nlh, MMSCOPE_XL_VA, k);
		put_not_u32(nlh, MMSCOPE_XL_LEVELS, k);
		put_not_u8(nlh, MMSCOPE_XL_STOP, k);
		put_not_u8(nlh, MMSCOPE_XL_STOP_LEVEL, k);
		put_not_u64(nlh, MMSCOPE_XL_PA, k);
		put_not_u64(nlh, MMSCOPE_XL_PAGE_SIZE, k);
		put_not_u32(nlh, MMSCOPE_XL_SWAP_TYPE, k);
		put_not_u64(nlh, MMSCOPE_XL_SWAP_OFFSET, k);
		/* Steps too short to be nests are not steps. */
		mnl_attr_put_u8(nlh, MMSCOPE_XL_STEP, 1);
		mnl_attr_put_u16(nlh, MMSCOPE_XL_STEP, 1);
		/* A step whose attributes are all malformed is a step of zeroes. */
		st = mnl_attr_nest_start(nlh, MMSCOPE_XL_STEP);
		put_not_u8(nlh, MMSCOPE_XL_STEP_LEVEL, k);
		put_not_u64(nlh, MMSCOPE_XL_STEP_TABLE_PA, k);
		put_not_u32(nlh, MMSCOPE_XL_STEP_INDEX, k);
		put_not_u64(nlh, MMSCOPE_XL_STEP_RAW, k);
		put_not_u32(nlh, MMSCOPE_XL_STEP_FLAGS, k);
		mnl_attr_put_u64(nlh, MMSCOPE_XL_STEP_MAX + 1, 1);
		mnl_attr_nest_end(nlh, st);
		/* Good u64s in a step, then malformed duplicates: the good ones stay. */
		st = mnl_attr_nest_start(nlh, MMSCOPE_XL_STEP);
		mnl_attr_put_u8(nlh, MMSCOPE_XL_STEP_LEVEL, s.level);
		mnl_attr_put_u64(nlh, MMSCOPE_XL_STEP_TABLE_PA, s.table_pa);
		mnl_attr_put_u32(nlh, MMSCOPE_XL_STEP_INDEX, s.index);
		mnl_attr_put_u64(nlh, MMSCOPE_XL_STEP_RAW, s.raw);
		mnl_attr_put_u32(nlh, MMSCOPE_XL_STEP_FLAGS, s.flags);
		put_not_u64(nlh, MMSCOPE_XL_STEP_TABLE_PA, k);
		put_not_u64(nlh, MMSCOPE_XL_STEP_RAW, k);
		mnl_attr_nest_end(nlh, st);
		mnl_attr_put_u64(nlh, MMSCOPE_XL_MAX + 1, 1);
		mnl_attr_nest_end(nlh, n);

		xlate_parse(nlh);
		assert_int_equal(xout.x.va, 0);
		assert_int_equal(xout.x.levels, 0);
		assert_int_equal(xout.x.stop, 0);
		assert_int_equal(xout.x.stop_level, 0);
		assert_false(xout.x.has_pa);
		assert_int_equal(xout.x.pa, 0);
		assert_int_equal(xout.x.page_size, 0);
		assert_int_equal(xout.x.swap_type, 0);
		assert_int_equal(xout.x.swap_offset, 0);
		assert_int_equal(xout.x.nr_steps, 2);
		assert_step(0, &zero_step);
		assert_step(1, &s);
	}
}

/* ------------------------------------------------------------------------ */
/* bits.c */

static void test_level_names(void **state)
{
	(void)state;
	assert_string_equal(mms_level_name(MMSCOPE_LEVEL_PTE), "pte");
	assert_string_equal(mms_level_name(MMSCOPE_LEVEL_PMD), "pmd");
	assert_string_equal(mms_level_name(MMSCOPE_LEVEL_PUD), "pud");
	assert_string_equal(mms_level_name(MMSCOPE_LEVEL_P4D), "p4d");
	assert_string_equal(mms_level_name(MMSCOPE_LEVEL_PGD), "pgd");
	assert_string_equal(mms_level_name(1), "pte");
	assert_string_equal(mms_level_name(5), "pgd");
	assert_string_equal(mms_level_name(0), "?");
	assert_string_equal(mms_level_name(6), "?");
	assert_string_equal(mms_level_name(99), "?");
	assert_string_equal(mms_level_name(UINT_MAX), "?");
}

static void test_kind_names(void **state)
{
	static const char *const names[] = MMSCOPE_KIND_NAMES;

	(void)state;
	assert_string_equal(mms_kind_name(MMSCOPE_KIND_NONE), "none");
	assert_string_equal(mms_kind_name(MMSCOPE_KIND_ANON), "anon");
	assert_string_equal(mms_kind_name(MMSCOPE_KIND_FILE), "file");
	assert_string_equal(mms_kind_name(MMSCOPE_KIND_SHMEM), "shmem");
	assert_string_equal(mms_kind_name(MMSCOPE_KIND_KSM), "ksm");
	assert_string_equal(mms_kind_name(MMSCOPE_KIND_ZERO), "zero");
	assert_string_equal(mms_kind_name(MMSCOPE_KIND_PFNMAP), "pfnmap");
	assert_string_equal(mms_kind_name(MMSCOPE_KIND_SWAP), "swap");
	assert_string_equal(mms_kind_name(MMSCOPE_KIND_MIGRATION), "migration");
	assert_string_equal(mms_kind_name(MMSCOPE_KIND_OTHER), "other");
	/* The enum ends at OTHER, and so does the table. */
	assert_int_equal(ARRAY_SIZE(names), MMSCOPE_KIND_OTHER + 1);
	assert_string_equal(mms_kind_name(MMSCOPE_KIND_OTHER + 1), "?");
	assert_string_equal(mms_kind_name(255), "?");
	assert_string_equal(mms_kind_name(UINT_MAX), "?");
}

static void test_stop_names(void **state)
{
	(void)state;
	assert_string_equal(mms_stop_name(MMSCOPE_XL_OK), "ok");
	assert_string_equal(mms_stop_name(MMSCOPE_XL_NONE), "none");
	assert_string_equal(mms_stop_name(MMSCOPE_XL_NOT_PRESENT), "not-present");
	assert_string_equal(mms_stop_name(MMSCOPE_XL_SWAPPED), "swapped");
	assert_string_equal(mms_stop_name(MMSCOPE_XL_BAD), "bad");
	assert_string_equal(mms_stop_name(MMSCOPE_XL_BAD + 1), "?");
	assert_string_equal(mms_stop_name(UINT_MAX), "?");
}

static void assert_perms(uint64_t f, const char *want)
{
	char out[6];

	memset(out, 'Z', sizeof(out));
	mms_vma_perms(f, out);
	assert_string_equal(out, want);
	assert_int_equal(out[5], 'Z');
}

static void test_vma_perms(void **state)
{
	(void)state;
	assert_perms(0x1 | 0x2 | 0x80, "rw-s");
	assert_perms(0x4, "--xp");
	assert_perms(0, "---p");
	assert_perms(0x1, "r--p");
	assert_perms(0x1 | 0x4 | 0x10 | 0x20 | 0x40, "r-xp");
	assert_perms(0x1 | 0x2 | 0x4 | 0x8 | 0x80, "rwxs");
	/*
	 * maps shows VM_MAYSHARE, not VM_SHARED: a read-only shared file mapping
	 * has only the former, and is "s".
	 */
	assert_perms(0x1 | 0x80, "r--s");
	assert_perms(0x8, "---p");
	/* Everything else is irrelevant. */
	assert_perms(~(uint64_t)(0x1 | 0x2 | 0x4 | 0x80), "---p");
	assert_perms(~(uint64_t)0, "rwxs");
}

static void assert_vm_flags(uint64_t f, const char *want)
{
	char buf[256];

	memset(buf, 'Z', sizeof(buf));
	mms_vm_flags_str(f, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void test_vm_flags_str(void **state)
{
	(void)state;
	assert_vm_flags(0x1 | 0x2 | 0x10 | 0x20 | 0x40 | 0x100000, "rd wr mr mw me ac");
	assert_vm_flags(0, "");
	/* A stack, as smaps shows it. */
	assert_vm_flags(0x00100173, "rd wr mr mw me gd ac");
	/* Text of a shared library. */
	assert_vm_flags(0x75, "rd ex mr mw me");
	/* A shared file mapping with madvise and mlock flags. */
	assert_vm_flags(0x1 | 0x2 | 0x8 | 0x10 | 0x20 | 0x40 | 0x80 | 0x2000 | 0x8000,
			"rd wr sh mr mw me ms lo sr");
	/* Bit order, whatever the order of the mnemonics. */
	assert_vm_flags(0x80000000ULL | 0x1, "rd mg");
	assert_vm_flags(0x40000000ULL | 0x20000000ULL | 0x10000000ULL | 0x08000000ULL |
			0x04000000ULL | 0x02000000ULL,
			"wf dd sd mm hg nh");
	assert_vm_flags(0x400 | 0x4000 | 0x10000 | 0x20000 | 0x40000 | 0x200000 | 0x400000 |
			0x800000,
			"pf io rr dc de nr ht sf");
	/* VM_DENYWRITE (gone from the kernel) has no mnemonic. */
	assert_vm_flags(0x800, "");
}

static void test_vm_flags_str_truncation(void **state)
{
	static const char full[] = "rd wr mr mw me ac";
	const uint64_t f = 0x1 | 0x2 | 0x10 | 0x20 | 0x40 | 0x100000;
	char buf[64];
	size_t len, i, n;

	(void)state;
	for (len = 0; len < 40; len++) {
		memset(buf, 'Z', sizeof(buf));
		mms_vm_flags_str(f, buf, len);
		/* Nothing is written at or past @len. */
		for (i = len; i < sizeof(buf); i++)
			assert_int_equal(buf[i], 'Z');
		if (!len)
			continue;
		/* NUL-terminated inside @len, and a prefix of the whole. */
		n = strnlen(buf, len);
		assert_true(n < len);
		assert_memory_equal(buf, full, n);
		if (len > strlen(full))
			assert_string_equal(buf, full);
	}
}

static void assert_flags(uint32_t f, const char *want)
{
	char buf[64];

	memset(buf, 'Z', sizeof(buf));
	mms_flags_str(f, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void test_flags_str(void **state)
{
	static const char letters[] = MMSCOPE_F_LETTERS;
	char want[32];
	unsigned int i, j, n;

	(void)state;
	assert_flags(MMSCOPE_F_PRESENT | MMSCOPE_F_RW | MMSCOPE_F_NX, "PW-------X---");
	assert_flags(0, "-------------");
	assert_flags(0xffff, "PWUTCADSGXsnp");
	assert_flags(UINT32_MAX, "PWUTCADSGXsnp");
	assert_flags(MMSCOPE_F_USER | MMSCOPE_F_ACCESSED | MMSCOPE_F_DIRTY | MMSCOPE_F_GLOBAL,
		     "--U--AD-G----");
	assert_flags(MMSCOPE_F_PWT | MMSCOPE_F_PCD | MMSCOPE_F_PSE_PAT, "---TC--S-----");
	assert_flags(MMSCOPE_F_SOFT_DIRTY | MMSCOPE_F_PROTNONE | MMSCOPE_F_SPECIAL,
		     "----------snp");
	/* The bits without a letter take no column. */
	assert_flags(MMSCOPE_F_SWAP | MMSCOPE_F_HUGE | MMSCOPE_F_HW_PRESENT, "-------------");
	assert_flags(0xffff0000, "-------------");

	/* Each bit alone: its letter in its column, or nothing at all. */
	assert_int_equal(strlen(letters), 16);
	for (i = 0; i < strlen(letters); i++) {
		n = 0;
		for (j = 0; j < strlen(letters); j++)
			if (letters[j] != '-')
				want[n++] = j == i ? letters[j] : '-';
		want[n] = '\0';
		assert_int_equal(n, 13);
		assert_flags(1U << i, want);
	}
}

static void test_flags_str_truncation(void **state)
{
	static const char full[] = "PW-------X---";
	const uint32_t f = MMSCOPE_F_PRESENT | MMSCOPE_F_RW | MMSCOPE_F_NX;
	char buf[32];
	size_t len, i;

	(void)state;
	for (len = 1; len < 24; len++) {
		memset(buf, 'Z', sizeof(buf));
		mms_flags_str(f, buf, len);
		for (i = len; i < sizeof(buf); i++)
			assert_int_equal(buf[i], 'Z');
		assert_true(strnlen(buf, len) < len);
		if (len > strlen(full)) {
			assert_string_equal(buf, full);
		} else {
			assert_int_equal(strlen(buf), len - 1);
			assert_memory_equal(buf, full, len - 1);
		}
	}
}

static void test_entry_bits(void **state)
{
	/* Members the ptes and xlate JSON objects put next to the bits. */
	static const char *const others[] = {
		"va", "level", "size", "pfn", "raw", "kind", "huge", "swap", "mapcount",
		"table_pa", "index",
	};
	static const char letters[] = MMSCOPE_F_LETTERS;
	const struct mms_bit_name *a, *b;
	uint32_t all = 0;
	size_t i, j;

	(void)state;
	assert_true(mms_nr_entry_bits > 0);
	for (i = 0; i < mms_nr_entry_bits; i++) {
		a = &mms_entry_bits[i];
		assert_non_null(a->json);
		assert_true(a->json[0] != '\0');
		/* One bit each, a known one, and each bit once. */
		assert_true(a->bit && !(a->bit & (a->bit - 1)));
		assert_true(a->bit < 1U << strlen(letters));
		assert_false(all & a->bit);
		all |= a->bit;
		for (j = 0; j < i; j++) {
			b = &mms_entry_bits[j];
			if (!strcmp(a->json, b->json))
				fail_msg("JSON name \"%s\" used by bits %#x and %#x", a->json,
					 b->bit, a->bit);
		}
		for (j = 0; j < ARRAY_SIZE(others); j++)
			if (!strcmp(a->json, others[j]))
				fail_msg("JSON name \"%s\" of bit %#x is taken", a->json, a->bit);
	}
	assert_true(all & MMSCOPE_F_PRESENT);
	/* Every bit with a letter in the text views has a JSON name too. */
	for (i = 0; i < strlen(letters); i++)
		if (letters[i] != '-' && !(all & (1U << i)))
			fail_msg("bit %zu ('%c') has no JSON name", i, letters[i]);
}

/* ------------------------------------------------------------------------ */
/* Regressions: bugs these tests found, fixed in aspace.c and bits.c. */
/* A malformed u32/u8 duplicate zeroes the good value before it (u64s stay). */
static void test_bug_malformed_duplicate_zeroes(void **state)
{
	struct nlmsghdr *nlh = reply_start(MMSCOPE_CMD_GET_PTES);
	struct nlattr *n;
	struct mms_mm mm;

	(void)state;
	/* (GET_PTES: a u64 REC_SIZE after the u32 one.) */
	mnl_attr_put_u32(nlh, MMSCOPE_A_PTE_REC_SIZE, REC_SIZE);
	mnl_attr_put_u64(nlh, MMSCOPE_A_PTE_REC_SIZE, REC_SIZE);
	put_recs(nlh, REC_SIZE, (const struct mmscope_pte_rec *[]){ &rec_anon }, 1);
	assert_int_equal(ptes_parse(nlh), 0);
	assert_int_equal(ptes_got.n, 1);

	nlh = reply_start(MMSCOPE_CMD_GET_MM);
	put_mm(nlh, "bash", false);
	n = mnl_attr_nest_start(nlh, MMSCOPE_A_MM);
	mnl_attr_put_u64(nlh, MMSCOPE_MM_PID, 1);
	mnl_attr_nest_end(nlh, n);
	mm_parse(nlh, &mm);
	assert_int_equal(mm.pid, MM_PID);
}

/* mms_flags_str() writes buf[0] even when told the buffer has no room. */
static void test_bug_flags_str_len_zero(void **state)
{
	char buf[2] = { 'Z', 'Z' };

	(void)state;
	mms_flags_str(MMSCOPE_F_PRESENT, buf, 0);
	assert_int_equal(buf[0], 'Z');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mm_full_reply),
		cmocka_unit_test(test_mm_via_mnl_cb_run),
		cmocka_unit_test(test_mm_pad_ignored),
		cmocka_unit_test(test_mm_comm_truncated),
		cmocka_unit_test(test_mm_wrong_types),
		cmocka_unit_test(test_mm_absent_untouched),
		cmocka_unit_test(test_vma_full),
		cmocka_unit_test(test_vma_name_strdup),
		cmocka_unit_test(test_vma_missing_name),
		cmocka_unit_test(test_vma_wrong_types),
		cmocka_unit_test(test_vma_several_in_a_message),
		cmocka_unit_test(test_pte_rec_present),
		cmocka_unit_test(test_pte_rec_swap),
		cmocka_unit_test(test_pte_rec_huge),
		cmocka_unit_test(test_pte_rec_has_derivations),
		cmocka_unit_test(test_pte_rec_level_zero),
		cmocka_unit_test(test_pte_rec_short_stride),
		cmocka_unit_test(test_pte_rec_long_stride),
		cmocka_unit_test(test_ptes_several_in_a_message),
		cmocka_unit_test(test_ptes_recs_before_rec_size),
		cmocka_unit_test(test_ptes_malformed_rec_size),
		cmocka_unit_test(test_ptes_absurd_stride),
		cmocka_unit_test(test_ptes_partial_trailing_record),
		cmocka_unit_test(test_ptes_cb_stops),
		cmocka_unit_test(test_ptes_unrelated_attrs),
		cmocka_unit_test(test_pte_run_pfn32_one_info),
		cmocka_unit_test(test_pte_run_raw_infos),
		cmocka_unit_test(test_pte_runs_and_records),
		cmocka_unit_test(test_pte_run_malformed),
		cmocka_unit_test(test_pte_run_cb_stops),
		cmocka_unit_test(test_xlate_ok),
		cmocka_unit_test(test_xlate_swapped),
		cmocka_unit_test(test_xlate_five_steps),
		cmocka_unit_test(test_xlate_too_many_steps),
		cmocka_unit_test(test_xlate_has_pa),
		cmocka_unit_test(test_xlate_wrong_types),
		cmocka_unit_test(test_level_names),
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_stop_names),
		cmocka_unit_test(test_vma_perms),
		cmocka_unit_test(test_vm_flags_str),
		cmocka_unit_test(test_vm_flags_str_truncation),
		cmocka_unit_test(test_flags_str),
		cmocka_unit_test(test_flags_str_truncation),
		cmocka_unit_test(test_entry_bits),
		cmocka_unit_test(test_bug_malformed_duplicate_zeroes),
		cmocka_unit_test(test_bug_flags_str_len_zero),
	};

	return cmocka_run_group_tests_name("aspace", tests, NULL, NULL);
}
