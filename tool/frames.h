/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The frames lab (/dev/mmscope-frames): reference strings, running one
 * through a region, and the textbook table of the result.
 */
#ifndef MMSCOPE_FRAMES_H
#define MMSCOPE_FRAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mmscope_frames.h"

/* One reference of a string: a page, read or (suffix w) written. */
struct mms_ref {
	uint8_t page;
	bool write;
};

struct mms_refs {
	struct mms_ref *ref;
	size_t n, cap;
	unsigned int max_page;		/* the highest page named */
};

/*
 * Append the references in @arg: page numbers (0 .. MAX_PAGES - 1), each
 * optionally followed by 'w', separated by blanks or commas.  Returns 0,
 * -EINVAL (malformed; *bad points at the offending text), -ERANGE (a page
 * beyond MAX_PAGES - 1), -E2BIG (more than MAX_FUTURE references) or -ENOMEM.
 */
int mms_refs_parse(struct mms_refs *refs, const char *arg, const char **bad);
void mms_refs_free(struct mms_refs *refs);

/* "N" or "LO-HI" (1 <= LO <= HI <= MAX_PAGES) into *lo, *hi; 0 or -EINVAL. */
int mms_frames_parse_range(const char *s, unsigned int *lo, unsigned int *hi);

/* enum mmscope_frames_policy of @name, or -1. */
int mms_frames_policy(const char *name);
const char *mms_frames_policy_name(unsigned int policy);

struct mms_frames_cfg {
	unsigned int pages;
	unsigned int frames;
	unsigned int policy;
	unsigned int seed;
};

/* What one run produced: the region's final state and its events. */
struct mms_frames_result {
	struct mmscope_frames_state st;
	struct mmscope_frames_event *ev;	/* oldest first */
	size_t nr_ev;
	uint64_t lost;				/* events the ring dropped */
};

/*
 * Set up a region, map it, drive @refs through it (a read or a write of each
 * page; the page referenced last is unmapped first when the string names it
 * again) and collect the result.  Returns 0, or a negative errno with
 * *where naming the step that failed and, on a refused setup, *bad the
 * field (enum mmscope_frames_bad).
 */
int mms_frames_run(const struct mms_frames_cfg *cfg, const struct mms_refs *refs,
		   struct mms_frames_result *res, const char **where, unsigned int *bad);
void mms_frames_result_free(struct mms_frames_result *res);

/* Why the module refused a setup, for a message. */
const char *mms_frames_bad_text(unsigned int bad);

/*
 * The textbook table: one column per event (the reference, the frames'
 * pages under it, F under faults, the evicted page), wrapped to @width
 * columns.  @marks adds the frames' reference (*) and dirty (+) bits.
 */
void mms_frames_print_table(FILE *out, const struct mms_frames_result *res, bool marks,
			    unsigned int width);

#endif
