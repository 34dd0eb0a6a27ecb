/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mmscope frames lab: the character device /dev/mmscope-frames.
 *
 * Each open file is one region of up to MMSCOPE_FRAMES_MAX_PAGES pages in
 * which a replacement policy keeps at most N pages resident.  Set it up with
 * MMSCOPE_FRAMES_IOC_SETUP, then mmap() it (MAP_SHARED, offset 0, at most
 * the region's size) and touch its pages: every reference to a page other
 * than the one touched last is an MMU trap the module counts as a hit or a
 * page fault.  read() returns struct mmscope_frames_event records.
 *
 * This interface is separate from the generic-netlink protocol of
 * uapi/mmscope.h: it versions itself with MMSCOPE_FRAMES_ABI.
 */
#ifndef _UAPI_MMSCOPE_FRAMES_H
#define _UAPI_MMSCOPE_FRAMES_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define MMSCOPE_FRAMES_DEVICE		"/dev/mmscope-frames"
#define MMSCOPE_FRAMES_ABI		1

/* Pages in a region (and frames) at most; page numbers fit a __u8. */
#define MMSCOPE_FRAMES_MAX_PAGES	64
/* References an opt region may be given ahead of the run. */
#define MMSCOPE_FRAMES_MAX_FUTURE	65536
/* Events kept per region: the latest ones, in a ring. */
#define MMSCOPE_FRAMES_LOG		1024
/* Regions set up at once, system-wide (each holds its pages and log). */
#define MMSCOPE_FRAMES_MAX_REGIONS	64
/* "No page" in a frame, and "no victim". */
#define MMSCOPE_FRAMES_NONE		0xff
/* The random policy's generator: seed = x0, x(n+1) = x(n) * 48271 mod M. */
#define MMSCOPE_FRAMES_RANDOM_MOD	2147483647u

enum mmscope_frames_policy {
	MMSCOPE_FRAMES_FIFO,
	MMSCOPE_FRAMES_LRU,
	MMSCOPE_FRAMES_OPT,
	MMSCOPE_FRAMES_CLOCK,
	MMSCOPE_FRAMES_ESC,		/* enhanced second chance */
	MMSCOPE_FRAMES_LFU,
	MMSCOPE_FRAMES_MFU,
	MMSCOPE_FRAMES_RANDOM,
	MMSCOPE_FRAMES_NR_POLICIES,
};

/* Names as the tool takes them, indexed by enum mmscope_frames_policy. */
#define MMSCOPE_FRAMES_POLICY_NAMES \
	{ "fifo", "lru", "opt", "clock", "esc", "lfu", "mfu", "random" }

/* Which field of a refused SETUP was wrong (struct mmscope_frames_setup.bad). */
enum mmscope_frames_bad {
	MMSCOPE_FRAMES_BAD_NONE,
	MMSCOPE_FRAMES_BAD_ABI,		/* abi is not MMSCOPE_FRAMES_ABI */
	MMSCOPE_FRAMES_BAD_PAGES,	/* 0 or more than MAX_PAGES */
	MMSCOPE_FRAMES_BAD_FRAMES,	/* 0 or more than pages */
	MMSCOPE_FRAMES_BAD_POLICY,	/* not an enum mmscope_frames_policy */
	MMSCOPE_FRAMES_BAD_SEED,	/* random: not 1 .. RANDOM_MOD - 1; others: not 0 */
	MMSCOPE_FRAMES_BAD_FUTURE,	/* opt: none, too many, a page >= pages; others: any */
	MMSCOPE_FRAMES_BAD_FLAGS,	/* unknown flags or non-zero padding */
};

/**
 * struct mmscope_frames_setup - MMSCOPE_FRAMES_IOC_SETUP argument
 * @abi:	MMSCOPE_FRAMES_ABI
 * @pages:	region size in pages, 1 .. MMSCOPE_FRAMES_MAX_PAGES
 * @frames:	resident pages at most, 1 .. @pages
 * @policy:	enum mmscope_frames_policy
 * @seed:	random: first state of the generator; 0 for the others
 * @nr_future:	opt: references in @future (1 .. MAX_FUTURE); 0 for the others
 * @flags:	0
 * @bad:	out: on EINVAL, the enum mmscope_frames_bad of the wrong field
 * @future:	opt: user pointer to @nr_future __u8 page numbers, the
 *		reference string the run will follow
 */
struct mmscope_frames_setup {
	__u32 abi;
	__u32 pages;
	__u32 frames;
	__u32 policy;
	__u32 seed;
	__u32 nr_future;
	__u32 flags;
	__u32 bad;
	__u64 future;
};

/**
 * struct mmscope_frames_state - MMSCOPE_FRAMES_IOC_STATE result
 * @pages, @frames, @policy, @seed, @nr_future: as set up
 * @mapped:	page mapped right now (its reference was the last), or NONE
 * @hand:	clock/esc: the frame the hand points at
 * @references:	traps counted as references
 * @hits:	references to a resident page
 * @faults:	references to a page that was not resident
 * @evictions:	faults that evicted a resident page
 * @writebacks:	evictions of a page written while resident (dirty)
 * @spurious:	traps on the page already mapped (threads racing), not counted
 * @off_script:	opt: references that differed from the given string, or
 *		went past its end
 * @events_next: sequence number of the next event (= @references)
 * @ref_bits:	bit F: frame F's reference bit
 * @dirty_bits:	bit F: frame F's dirty bit
 * @frame:	page in each frame, NONE when free
 * @count:	lfu/mfu: references to the page in each frame since it was
 *		loaded
 */
struct mmscope_frames_state {
	__u32 pages;
	__u32 frames;
	__u32 policy;
	__u32 seed;
	__u32 nr_future;
	__u8 mapped;
	__u8 hand;
	__u8 pad[2];
	__u64 references;
	__u64 hits;
	__u64 faults;
	__u64 evictions;
	__u64 writebacks;
	__u64 spurious;
	__u64 off_script;
	__u64 events_next;
	__u64 ref_bits;
	__u64 dirty_bits;
	__u8 frame[MMSCOPE_FRAMES_MAX_PAGES];
	__u32 count[MMSCOPE_FRAMES_MAX_PAGES];
};

/* struct mmscope_frames_event.flags */
#define MMSCOPE_FRAMES_EV_FAULT		0x01	/* the page was not resident */
#define MMSCOPE_FRAMES_EV_WRITE		0x02	/* a write (or a write followed) */
#define MMSCOPE_FRAMES_EV_WRITEBACK	0x04	/* the victim was dirty */

/**
 * struct mmscope_frames_event - one reference, as read() returns it
 * @seq:	its number, from 0 (gaps: older events the ring dropped)
 * @page:	the page referenced
 * @flags:	MMSCOPE_FRAMES_EV_*
 * @victim:	the page evicted, or NONE
 * @slot:	the frame that holds @page now
 * @hand:	clock/esc: the hand after the reference
 * @ref_bits:	reference bits of the frames after the reference
 * @dirty_bits:	dirty bits after the reference
 * @frame:	page in each frame after the reference (NONE: free)
 */
struct mmscope_frames_event {
	__u64 seq;
	__u8 page;
	__u8 flags;
	__u8 victim;
	__u8 slot;
	__u8 hand;
	__u8 pad[3];
	__u64 ref_bits;
	__u64 dirty_bits;
	__u8 frame[MMSCOPE_FRAMES_MAX_PAGES];
};

#define MMSCOPE_FRAMES_IOC_MAGIC	0xF7
/* Set the region up (once, before mmap). */
#define MMSCOPE_FRAMES_IOC_SETUP \
	_IOWR(MMSCOPE_FRAMES_IOC_MAGIC, 1, struct mmscope_frames_setup)
/* Counters and frames now. */
#define MMSCOPE_FRAMES_IOC_STATE \
	_IOR(MMSCOPE_FRAMES_IOC_MAGIC, 2, struct mmscope_frames_state)
/*
 * Unmap the page referenced last, so that the next access to it traps too
 * (a reference string may name the same page twice in a row).  The caller
 * must be the process that mapped the region.
 */
#define MMSCOPE_FRAMES_IOC_UNMAP	_IO(MMSCOPE_FRAMES_IOC_MAGIC, 3)

#endif /* _UAPI_MMSCOPE_FRAMES_H */
