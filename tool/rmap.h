/* SPDX-License-Identifier: GPL-2.0 */
/* Data model of a reverse-mapping answer (GET_RMAP), as the module reports it. */
#ifndef MMSCOPE_RMAP_H
#define MMSCOPE_RMAP_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/netlink.h>

#include "mmscope.h"
#include "nl.h"

struct mms_mapper {
	uint32_t pid, flags;
	char comm[17];
	uint8_t level;
	uint64_t va, vm_start, vm_end, vm_flags, vm_pgoff;
};

struct mms_rmap {
	uint64_t pfn, va, file_offset, file_ino, elapsed_ns;
	uint32_t folio_pages, nr_mappers, candidates, stale, dev_major, dev_minor;
	int32_t mapcount;
	uint8_t frame, method;
	bool has_va, has_file, truncated;
	char path[4096];
	char note[256];
	unsigned int nr_stored;			/* entries of @mappers filled in */
	struct mms_mapper mappers[MMSCOPE_RMAP_MAX_MAPPERS];
};

/* libmnl data callback: parse a GET_RMAP reply into @r (struct mms_rmap). */
int mms_rmap_parse(const struct nlmsghdr *nlh, void *r);

/*
 * Ask who maps frame @pfn (@pid 0), or the frame mapped at @va in process
 * @pid; @scan: search every process's page tables.  Returns 0 or a negative
 * errno (see mms_nl_report()).
 */
int mms_get_rmap(struct mms_nl *nl, uint64_t pfn, int pid, uint64_t va, bool scan,
		 struct mms_rmap *r);

const char *mms_frame_name(unsigned int frame);		/* "anon", "file", ... */
const char *mms_rmap_method_name(unsigned int method);	/* "anon_vma", ... */
/* How the mappers were found, as words ("the page's anon_vma tree"). */
const char *mms_rmap_method_text(unsigned int method);

#endif
