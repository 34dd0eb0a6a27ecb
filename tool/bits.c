// SPDX-License-Identifier: GPL-2.0
/* Names of levels, kinds, entry bits and VMA flags: one table per fact. */
#include <stdio.h>
#include <string.h>

#include "aspace.h"

static const char *const level_names[] = MMSCOPE_LEVEL_NAMES;
static const char *const kind_names[] = MMSCOPE_KIND_NAMES;

static const char *const stop_names[] = {
	[MMSCOPE_XL_OK] = "ok",
	[MMSCOPE_XL_NONE] = "none",
	[MMSCOPE_XL_NOT_PRESENT] = "not-present",
	[MMSCOPE_XL_SWAPPED] = "swapped",
	[MMSCOPE_XL_BAD] = "bad",
};

#define NAME(tab, i) ((i) < sizeof(tab) / sizeof(tab[0]) && tab[i] ? tab[i] : "?")

const char *mms_level_name(unsigned int level)
{
	return NAME(level_names, level);
}

const char *mms_kind_name(unsigned int kind)
{
	return NAME(kind_names, kind);
}

const char *mms_stop_name(unsigned int stop)
{
	return NAME(stop_names, stop);
}

unsigned int mms_va_index(uint64_t va, int level)
{
	return (va >> MMSCOPE_LEVEL_SHIFT(level)) & 0x1ff;
}

const char *mms_xlate_stop_text(unsigned int stop)
{
	switch (stop) {
	case MMSCOPE_XL_OK:
		return "translated";
	case MMSCOPE_XL_NONE:
		return "empty entry: nothing is mapped here (a fault would be a segfault or demand paging)";
	case MMSCOPE_XL_NOT_PRESENT:
		return "entry not present (not swap: migration, marker or PROT_NONE-like)";
	case MMSCOPE_XL_SWAPPED:
		return "swap entry: the page is on swap; touching it is a major fault";
	case MMSCOPE_XL_BAD:
		return "corrupt entry: the walk refuses to follow it";
	}
	return "?";
}

/* Entry bits and their JSON names. */
const struct mms_bit_name mms_entry_bits[] = {
	{ MMSCOPE_F_PRESENT, "present" },
	{ MMSCOPE_F_RW, "rw" },
	{ MMSCOPE_F_USER, "user" },
	{ MMSCOPE_F_PWT, "pwt" },
	{ MMSCOPE_F_PCD, "pcd" },
	{ MMSCOPE_F_ACCESSED, "accessed" },
	{ MMSCOPE_F_DIRTY, "dirty" },
	{ MMSCOPE_F_PSE_PAT, "pse_pat" },
	{ MMSCOPE_F_GLOBAL, "global" },
	{ MMSCOPE_F_NX, "nx" },
	{ MMSCOPE_F_SOFT_DIRTY, "soft_dirty" },
	{ MMSCOPE_F_PROTNONE, "protnone" },
	{ MMSCOPE_F_SPECIAL, "special" },
};
const size_t mms_nr_entry_bits = sizeof(mms_entry_bits) / sizeof(mms_entry_bits[0]);

void mms_flags_str(uint32_t flags, char *buf, size_t len)
{
	static const char letters[] = MMSCOPE_F_LETTERS;
	size_t i, n = 0;

	if (!len)
		return;
	for (i = 0; i < sizeof(letters) - 1 && n + 1 < len; i++)
		if (letters[i] != '-')
			buf[n++] = flags & (1U << i) ? letters[i] : '-';
	buf[n] = '\0';
}

void mms_vma_perms(uint64_t f, char out[5])
{
	out[0] = f & 0x1 ? 'r' : '-';
	out[1] = f & 0x2 ? 'w' : '-';
	out[2] = f & 0x4 ? 'x' : '-';
	out[3] = f & 0x80 ? 's' : 'p';	/* VM_MAYSHARE, as /proc/PID/maps */
	out[4] = '\0';
}

/* The kernel's vm_flags bits, with the mnemonics of smaps' VmFlags line. */
static const struct {
	uint64_t bit;
	const char *name;
} vm_flag_names[] = {
	{ 0x00000001, "rd" }, { 0x00000002, "wr" }, { 0x00000004, "ex" },
	{ 0x00000008, "sh" }, { 0x00000010, "mr" }, { 0x00000020, "mw" },
	{ 0x00000040, "me" }, { 0x00000080, "ms" }, { 0x00000100, "gd" },
	{ 0x00000200, "um" }, { 0x00000400, "pf" }, { 0x00001000, "uw" },
	{ 0x00002000, "lo" }, { 0x00004000, "io" }, { 0x00080000, "lf" },
	{ 0x00008000, "sr" }, { 0x00010000, "rr" }, { 0x00020000, "dc" },
	{ 0x00040000, "de" }, { 0x00100000, "ac" }, { 0x00200000, "nr" },
	{ 0x00400000, "ht" }, { 0x00800000, "sf" }, { 0x01000000, "ar" },
	{ 0x02000000, "wf" },
	{ 0x04000000, "dd" }, { 0x08000000, "sd" }, { 0x10000000, "mm" },
	{ 0x20000000, "hg" }, { 0x40000000, "nh" }, { 0x80000000, "mg" },
};

void mms_vm_flags_str(uint64_t f, char *buf, size_t len)
{
	size_t i, n = 0;
	int w;

	if (!len)
		return;
	buf[0] = '\0';
	for (i = 0; i < sizeof(vm_flag_names) / sizeof(vm_flag_names[0]); i++) {
		if (!(f & vm_flag_names[i].bit))
			continue;
		w = snprintf(buf + n, len - n, "%s%s", n ? " " : "", vm_flag_names[i].name);
		if (w < 0 || (size_t)w >= len - n)
			break;
		n += w;
	}
}
