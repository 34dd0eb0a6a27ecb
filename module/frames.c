// SPDX-License-Identifier: GPL-2.0
/*
 * The frames lab: page replacement with an exact frame budget.
 *
 * A region is a small array of pages the module owns (the backing store:
 * kernel memory, so a page's contents survive its eviction) and a set of N
 * frames: the pages that count as resident.  The front end (frames_dev.c)
 * maps the region so that every reference to a page is an MMU trap and hands
 * each one to mmscope_frames_reference(), which decides hit or fault and,
 * when all N frames are in use, picks the victim with the region's policy.
 * The frame budget is a residency limit kept here, not memory the kernel
 * reclaims.
 *
 * Nothing here touches page tables or knows about output formats; the caller
 * serialises every call on one region.  Documentation/frames.rst says how
 * each policy decides and where that differs from the textbooks.
 */
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/gfp.h>
#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "internal.h"

#define NONE		MMSCOPE_FRAMES_NONE
#define FOREVER		U64_MAX		/* opt: a page the future never names */
#define RANDOM_MUL	48271u		/* Park and Miller's minimal standard */

/* Per-frame bookkeeping; the frame's page is in frame[] of the region. */
struct frame_info {
	u64 loaded;			/* reference number that loaded the page */
	u64 last;			/* its latest reference */
	u64 next_use;			/* opt: its next reference in the future */
	u32 count;			/* references since it was loaded */
};

struct mmscope_frames {
	u32 pages, frames, policy, seed;
	u8 slot_of[MMSCOPE_FRAMES_MAX_PAGES];	/* page -> frame, or NONE */
	u8 frame[MMSCOPE_FRAMES_MAX_PAGES];	/* frame -> page, or NONE */
	struct frame_info info[MMSCOPE_FRAMES_MAX_PAGES];
	u64 ref_bits, dirty_bits;
	u32 hand;
	u32 used;			/* frames holding a page */
	u64 rng;			/* random: the generator's state */

	u8 *future;			/* opt: the reference string given ahead */
	u32 nr_future;

	u64 references, hits, faults, evictions, writebacks, off_script;
	struct mmscope_frames_event *log;	/* MMSCOPE_FRAMES_LOG, a ring */

	struct page *store[MMSCOPE_FRAMES_MAX_PAGES];
};

static atomic_t nr_regions = ATOMIC_INIT(0);

static int bad(struct mmscope_frames_setup *s, u32 field)
{
	s->bad = field;
	return -EINVAL;
}

/* Validate a setup request; the future string itself is checked on copy. */
static int check_setup(struct mmscope_frames_setup *s)
{
	bool random = s->policy == MMSCOPE_FRAMES_RANDOM;

	if (s->abi != MMSCOPE_FRAMES_ABI)
		return bad(s, MMSCOPE_FRAMES_BAD_ABI);
	if (s->flags)
		return bad(s, MMSCOPE_FRAMES_BAD_FLAGS);
	if (!s->pages || s->pages > MMSCOPE_FRAMES_MAX_PAGES)
		return bad(s, MMSCOPE_FRAMES_BAD_PAGES);
	if (!s->frames || s->frames > s->pages)
		return bad(s, MMSCOPE_FRAMES_BAD_FRAMES);
	if (s->policy >= MMSCOPE_FRAMES_NR_POLICIES)
		return bad(s, MMSCOPE_FRAMES_BAD_POLICY);
	if (random ? !s->seed || s->seed >= MMSCOPE_FRAMES_RANDOM_MOD : s->seed)
		return bad(s, MMSCOPE_FRAMES_BAD_SEED);
	if (s->policy == MMSCOPE_FRAMES_OPT ?
	    !s->nr_future || s->nr_future > MMSCOPE_FRAMES_MAX_FUTURE : s->nr_future)
		return bad(s, MMSCOPE_FRAMES_BAD_FUTURE);
	return 0;
}

/**
 * mmscope_frames_create() - a new region, set up as @s asks
 * @s:		the request (user memory for the future string); on -EINVAL
 *		its @bad field names the wrong field
 * @out:	the region
 *
 * Return: 0, -EINVAL, -EFAULT (future string), -ENOSPC (MAX_REGIONS
 * regions exist) or -ENOMEM.
 */
int mmscope_frames_create(struct mmscope_frames_setup *s, struct mmscope_frames **out)
{
	struct mmscope_frames *r;
	u32 i;
	int ret;

	s->bad = MMSCOPE_FRAMES_BAD_NONE;
	ret = check_setup(s);
	if (ret)
		return ret;
	if (atomic_inc_return(&nr_regions) > MMSCOPE_FRAMES_MAX_REGIONS) {
		atomic_dec(&nr_regions);
		return -ENOSPC;
	}
	ret = -ENOMEM;
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		goto out_dec;
	r->pages = s->pages;
	r->frames = s->frames;
	r->policy = s->policy;
	r->seed = s->seed;
	r->rng = s->seed;
	memset(r->slot_of, NONE, sizeof(r->slot_of));
	memset(r->frame, NONE, sizeof(r->frame));
	r->log = kvcalloc(MMSCOPE_FRAMES_LOG, sizeof(*r->log), GFP_KERNEL);
	if (!r->log)
		goto out_free;
	for (i = 0; i < r->pages; i++) {
		r->store[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!r->store[i])
			goto out_free;
	}
	if (s->nr_future) {
		r->future = kvmalloc(s->nr_future, GFP_KERNEL);
		if (!r->future)
			goto out_free;
		ret = -EFAULT;
		if (copy_from_user(r->future, u64_to_user_ptr(s->future), s->nr_future))
			goto out_free;
		r->nr_future = s->nr_future;
		for (i = 0; i < r->nr_future; i++) {
			if (r->future[i] >= r->pages) {
				ret = bad(s, MMSCOPE_FRAMES_BAD_FUTURE);
				goto out_free;
			}
		}
	}
	*out = r;
	return 0;

out_free:
	mmscope_frames_destroy(r);
	return ret;
out_dec:
	atomic_dec(&nr_regions);
	return ret;
}

/**
 * mmscope_frames_destroy() - free a region and its pages
 * @r:	the region; nothing may map its pages any more
 */
void mmscope_frames_destroy(struct mmscope_frames *r)
{
	u32 i;

	if (!r)
		return;
	for (i = 0; i < MMSCOPE_FRAMES_MAX_PAGES; i++)
		if (r->store[i])
			__free_page(r->store[i]);
	kvfree(r->future);
	kvfree(r->log);
	kfree(r);
	atomic_dec(&nr_regions);
}

/**
 * mmscope_frames_pages() - the region's size in pages
 * @r:	the region
 */
u32 mmscope_frames_pages(const struct mmscope_frames *r)
{
	return r->pages;
}

/**
 * mmscope_frames_pfn() - the frame number of a page's backing store
 * @r:		the region
 * @page:	0 .. pages - 1
 */
unsigned long mmscope_frames_pfn(const struct mmscope_frames *r, u32 page)
{
	return page_to_pfn(r->store[page]);
}

/* opt: the first reference after @now that names @page, from the future given. */
static u64 next_use(const struct mmscope_frames *r, u8 page, u64 now)
{
	u64 i;

	for (i = now + 1; i < r->nr_future; i++)
		if (r->future[i] == page)
			return i;
	return FOREVER;
}

/*
 * opt: a page's next use was found when it was last referenced.  Off the
 * script (a reference other than the string's), the string may have named
 * it since without its being referenced: look again from now on.
 */
static void refresh_next_use(struct mmscope_frames *r)
{
	u64 now = r->references;
	u32 f;

	for (f = 0; f < r->frames; f++)
		if (r->info[f].next_use <= now)
			r->info[f].next_use = next_use(r, r->frame[f], now);
}

/* The frame that holds the earliest loaded page among those @better keeps. */
static u32 pick(const struct mmscope_frames *r, bool (*better)(const struct frame_info *a,
							       const struct frame_info *b))
{
	u32 f, v = 0;

	for (f = 1; f < r->frames; f++) {
		const struct frame_info *a = &r->info[f], *b = &r->info[v];

		if (better(a, b) || (!better(b, a) && a->loaded < b->loaded))
			v = f;
	}
	return v;
}

static bool older_load(const struct frame_info *a, const struct frame_info *b)
{
	return a->loaded < b->loaded;
}

static bool older_use(const struct frame_info *a, const struct frame_info *b)
{
	return a->last < b->last;
}

static bool later_next_use(const struct frame_info *a, const struct frame_info *b)
{
	return a->next_use > b->next_use;
}

static bool fewer_uses(const struct frame_info *a, const struct frame_info *b)
{
	return a->count < b->count;
}

static bool more_uses(const struct frame_info *a, const struct frame_info *b)
{
	return a->count > b->count;
}

/* Second chance: the first frame at or after the hand whose bit is clear. */
static u32 clock_victim(struct mmscope_frames *r)
{
	u32 n;

	/* Two turns at most: the first clears every bit it passes. */
	for (n = 0; n < 2 * r->frames; n++) {
		if (!(r->ref_bits & BIT_ULL(r->hand)))
			break;
		r->ref_bits &= ~BIT_ULL(r->hand);
		r->hand = (r->hand + 1) % r->frames;
	}
	return r->hand;
}

/*
 * Enhanced second chance: a turn looking for (referenced, dirty) = (0, 0)
 * that changes nothing, then a turn looking for (0, 1) that clears the
 * reference bit of every frame it passes; again until found (at most twice).
 */
static u32 esc_victim(struct mmscope_frames *r)
{
	u32 round, i, f;

	for (round = 0; round < 2; round++) {
		for (i = 0; i < r->frames; i++) {
			f = (r->hand + i) % r->frames;
			if (!(r->ref_bits & BIT_ULL(f)) && !(r->dirty_bits & BIT_ULL(f)))
				return f;
		}
		for (i = 0; i < r->frames; i++) {
			f = (r->hand + i) % r->frames;
			if (!(r->ref_bits & BIT_ULL(f)) && (r->dirty_bits & BIT_ULL(f)))
				return f;
			r->ref_bits &= ~BIT_ULL(f);
		}
	}
	return r->hand;		/* not reached: the second round clears every bit */
}

static u32 victim(struct mmscope_frames *r)
{
	switch (r->policy) {
	case MMSCOPE_FRAMES_FIFO:
		return pick(r, older_load);
	case MMSCOPE_FRAMES_LRU:
		return pick(r, older_use);
	case MMSCOPE_FRAMES_OPT:
		refresh_next_use(r);
		return pick(r, later_next_use);
	case MMSCOPE_FRAMES_CLOCK:
		return clock_victim(r);
	case MMSCOPE_FRAMES_ESC:
		return esc_victim(r);
	case MMSCOPE_FRAMES_LFU:
		return pick(r, fewer_uses);
	case MMSCOPE_FRAMES_MFU:
		return pick(r, more_uses);
	default:
		r->rng = r->rng * RANDOM_MUL % MMSCOPE_FRAMES_RANDOM_MOD;
		return r->rng % r->frames;
	}
}

static void log_event(struct mmscope_frames *r, u8 page, u8 flags, u8 victim, u8 slot)
{
	struct mmscope_frames_event *e = &r->log[r->references % MMSCOPE_FRAMES_LOG];

	memset(e, 0, sizeof(*e));
	e->seq = r->references;
	e->page = page;
	e->flags = flags;
	e->victim = victim;
	e->slot = slot;
	e->hand = r->hand;
	e->ref_bits = r->ref_bits;
	e->dirty_bits = r->dirty_bits;
	memcpy(e->frame, r->frame, sizeof(e->frame));
}

/**
 * mmscope_frames_reference() - account one reference to @page
 * @r:		the region
 * @page:	0 .. pages - 1
 * @write:	the access was a write (the page becomes dirty)
 *
 * A hit when the page is resident; otherwise a fault that loads it into the
 * lowest free frame or, when every frame is in use, into the victim's frame.
 * The event is logged.
 *
 * Return: true for a fault.
 */
bool mmscope_frames_reference(struct mmscope_frames *r, u32 page, bool write)
{
	u64 now = r->references;
	u8 flags = 0, gone = NONE;
	u32 f = r->slot_of[page];
	struct frame_info *fi;

	if (r->policy == MMSCOPE_FRAMES_OPT &&
	    (now >= r->nr_future || r->future[now] != page))
		r->off_script++;
	if (f != NONE) {
		r->hits++;
		fi = &r->info[f];
		fi->count++;
	} else {
		flags |= MMSCOPE_FRAMES_EV_FAULT;
		r->faults++;
		if (r->used < r->frames) {
			f = r->used++;
		} else {
			f = victim(r);
			gone = r->frame[f];
			r->slot_of[gone] = NONE;
			r->evictions++;
			if (r->dirty_bits & BIT_ULL(f)) {
				flags |= MMSCOPE_FRAMES_EV_WRITEBACK;
				r->writebacks++;
			}
			r->dirty_bits &= ~BIT_ULL(f);
			r->hand = (f + 1) % r->frames;
		}
		r->frame[f] = page;
		r->slot_of[page] = f;
		fi = &r->info[f];
		fi->loaded = now;
		fi->count = 1;
	}
	fi->last = now;
	if (r->policy == MMSCOPE_FRAMES_OPT)
		fi->next_use = next_use(r, page, now);
	r->ref_bits |= BIT_ULL(f);
	if (write) {
		flags |= MMSCOPE_FRAMES_EV_WRITE;
		r->dirty_bits |= BIT_ULL(f);
	}
	log_event(r, page, flags, gone, f);
	r->references++;
	return flags & MMSCOPE_FRAMES_EV_FAULT;
}

/**
 * mmscope_frames_write() - the page referenced last is written after all
 * @r:		the region
 * @page:	that page (resident: it was just referenced)
 *
 * A read made the page accessible read-only; a write that follows without
 * another reference in between is part of the same reference: it makes the
 * frame dirty and marks the logged event a write.
 */
void mmscope_frames_write(struct mmscope_frames *r, u32 page)
{
	struct mmscope_frames_event *e;
	u32 f = r->slot_of[page];

	if (f == NONE || !r->references)
		return;
	r->dirty_bits |= BIT_ULL(f);
	e = &r->log[(r->references - 1) % MMSCOPE_FRAMES_LOG];
	if (e->page == page) {
		e->flags |= MMSCOPE_FRAMES_EV_WRITE;
		e->dirty_bits = r->dirty_bits;
	}
}

/**
 * mmscope_frames_state() - the region's counters and frames now
 * @r:		the region
 * @st:		filled in, except @mapped and @spurious (the front end's)
 */
void mmscope_frames_state(const struct mmscope_frames *r, struct mmscope_frames_state *st)
{
	u32 f;

	memset(st, 0, sizeof(*st));
	st->pages = r->pages;
	st->frames = r->frames;
	st->policy = r->policy;
	st->seed = r->seed;
	st->nr_future = r->nr_future;
	st->hand = r->hand;
	st->references = r->references;
	st->hits = r->hits;
	st->faults = r->faults;
	st->evictions = r->evictions;
	st->writebacks = r->writebacks;
	st->off_script = r->off_script;
	st->events_next = r->references;
	st->ref_bits = r->ref_bits;
	st->dirty_bits = r->dirty_bits;
	memset(st->frame, NONE, sizeof(st->frame));
	for (f = 0; f < r->frames; f++) {
		st->frame[f] = r->frame[f];
		st->count[f] = r->frame[f] == NONE ? 0 : r->info[f].count;
	}
}

/**
 * mmscope_frames_events() - copy logged events, oldest first
 * @r:		the region
 * @from:	the first sequence number wanted; events the ring no longer
 *		holds are skipped
 * @buf:	room for @max events
 * @max:	at most this many
 *
 * Return: the number of events copied.
 */
u32 mmscope_frames_events(const struct mmscope_frames *r, u64 from,
			  struct mmscope_frames_event *buf, u32 max)
{
	u64 oldest = r->references > MMSCOPE_FRAMES_LOG ? r->references - MMSCOPE_FRAMES_LOG : 0;
	u32 n = 0;

	if (from < oldest)
		from = oldest;
	for (; from < r->references && n < max; from++)
		buf[n++] = r->log[from % MMSCOPE_FRAMES_LOG];
	return n;
}
