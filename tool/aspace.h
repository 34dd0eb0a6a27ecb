/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Data model of an address space: mm summary, VMAs with their counts,
 * page-table entries and translations, as the module reports them.
 */
#ifndef MMSCOPE_ASPACE_H
#define MMSCOPE_ASPACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>

#include "mmscope.h"
#include "nl.h"

struct mms_mm {
	uint32_t pid, pt_levels, map_count;
	char comm[17];
	uint64_t pgd_pa, total_vm, rss_anon, rss_file, rss_shmem, swap_ents;
	uint64_t pt[MMSCOPE_LEVEL_PGD + 1];	/* page-table pages per level */
	uint64_t pt_bytes_kernel, pt_deposited;
	uint64_t start_code, end_code, start_data, end_data, start_brk, brk;
	uint64_t start_stack, arg_start, arg_end, env_start, env_end;
};

struct mms_vma {
	uint64_t start, end, flags, pgoff;
	char *name;				/* malloc'ed; never NULL after parsing */
	uint8_t kind;
	uint64_t present, rss, young, referenced, dirty, writable, nx, swap, zero;
	uint64_t huge_pmd, huge_pud, anon_huge, shared, pt_pages;
};

struct mms_pte {
	uint64_t va, size, raw, pfn, swap_offset;
	uint32_t flags, mapcount, swap_type;
	uint8_t level, kind;
	bool has_pfn, has_mapcount, has_swap;
};

struct mms_xlate_step {
	uint8_t level;
	uint32_t index, flags;
	uint64_t table_pa, raw;
};

struct mms_xlate {
	uint64_t va, pa, page_size, swap_offset;
	uint32_t levels, swap_type;
	uint8_t stop, stop_level;
	bool has_pa;
	unsigned int nr_steps;
	struct mms_xlate_step steps[5];
};

/* u64 attributes stored at an offset of a structure (parsers' helper). */
struct u64_field {
	uint16_t type;
	size_t off;
};

/* If @a's type is in @f, store it (when it is a valid u64) and return true. */
bool put_u64_field(const struct u64_field *f, size_t n, const struct nlattr *a, void *obj);
/* Store a u32/u8 attribute; a malformed one leaves *dst as it was. */
bool set_u32(const struct nlattr *a, uint32_t *dst);
bool set_u8(const struct nlattr *a, uint8_t *dst);

/* libmnl data callbacks / nest parsers (exposed for the unit tests). */
int mms_mm_parse(const struct nlmsghdr *nlh, void *mm);
int mms_vma_parse(const struct nlattr *nest, struct mms_vma *v);
/* One packed GET_PTES record of @stride bytes (see struct mmscope_pte_rec). */
int mms_pte_from_rec(const void *rec, size_t stride, struct mms_pte *p);
typedef int (*mms_pte_cb)(const struct mms_pte *p, void *data);
/* One entry of a run (struct mmscope_pte_run): -EBADMSG unless mapped (P bit). */
int mms_pte_from_raw(uint64_t va, uint64_t raw, uint16_t info, struct mms_pte *p);
/* Every entry of one MMSCOPE_A_PTE_RUN payload to @cb; -EBADMSG if malformed. */
int mms_pte_run_parse(const void *payload, size_t len, mms_pte_cb cb, void *data);
/* Every record of one GET_PTES message to @cb; stops at @cb's first non-zero. */
int mms_ptes_msg_parse(const struct nlmsghdr *nlh, mms_pte_cb cb, void *data);
int mms_xlate_parse(const struct nlmsghdr *nlh, void *x);

/* Requests.  Each returns 0 or a negative errno (see mms_nl_report()). */
int mms_get_mm(struct mms_nl *nl, int pid, struct mms_mm *mm);
int mms_get_vmas(struct mms_nl *nl, int pid, struct mms_vma **vmas, size_t *nr);
void mms_vmas_free(struct mms_vma *vmas, size_t nr);
/* Stream entries of [start, end) (end 0: the whole user half) to @cb. */
int mms_dump_ptes(struct mms_nl *nl, int pid, uint64_t start, uint64_t end, uint32_t filter,
		  mms_pte_cb cb, void *data);
int mms_xlate(struct mms_nl *nl, int pid, uint64_t va, struct mms_xlate *x);

/* Names, one table each (bits.c). */
const char *mms_level_name(unsigned int level);		/* "pte", "pmd", ... */
const char *mms_kind_name(unsigned int kind);		/* "anon", "file", ... */
const char *mms_stop_name(unsigned int stop);		/* "ok", "none", ... */
/* What a translation's stop means, as a sentence. */
const char *mms_xlate_stop_text(unsigned int stop);
/* Index of @va in the table of @level: 9 bits each above the 12-bit offset. */
unsigned int mms_va_index(uint64_t va, int level);
/* "rwxp"-style permissions from vm_flags. */
void mms_vma_perms(uint64_t vm_flags, char out[5]);
/* smaps-style VmFlags mnemonics ("rd wr mr mw me ac"), into @buf. */
void mms_vm_flags_str(uint64_t vm_flags, char *buf, size_t len);
/* Entry bits as letters, one column each (MMSCOPE_F_LETTERS; '-' for clear). */
void mms_flags_str(uint32_t flags, char *buf, size_t len);

struct mms_bit_name {
	uint32_t bit;
	const char *json;			/* JSON member name */
};
extern const struct mms_bit_name mms_entry_bits[];
extern const size_t mms_nr_entry_bits;

#endif
