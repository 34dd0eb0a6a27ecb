/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmscope internal interfaces.
 *
 * The module is split the way mm/damon is: an engine that collects facts
 * (info.c; later the page-table walker, fault counters, rmap, ...) and knows
 * nothing about output formats, and thin front ends (debugfs.c, netlink.c)
 * that turn the engine's structures into text or netlink attributes.
 */
#ifndef _MMSCOPE_INTERNAL_H
#define _MMSCOPE_INTERNAL_H

#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/sched.h>
#include <linux/types.h>

#include "compat.h"
#include "uapi/mmscope.h"
#include "uapi/mmscope_frames.h"

#define MMSCOPE_VERSION MMSCOPE_RELEASE

/**
 * struct mmscope_info - facts about the module and the running kernel
 * @version:	module version string
 * @release:	kernel release (utsname()->release)
 * @pt_levels:	number of paging levels in use (4 or 5)
 * @page_size:	base page size in bytes
 */
struct mmscope_info {
	const char *version;
	const char *release;
	u32 pt_levels;
	u32 page_size;
};

/**
 * struct mmscope_feature - one capability and whether this kernel has it
 * @name:	short name shown by the tool
 * @available:	true when usable on this kernel
 * @reason:	why not, when @available is false (NULL otherwise)
 */
struct mmscope_feature {
	const char *name;
	bool available;
	const char *reason;
};

void mmscope_get_info(struct mmscope_info *info);
unsigned int mmscope_nr_features(void);
void mmscope_get_feature(unsigned int idx, struct mmscope_feature *feat);
void mmscope_set_debugfs_state(bool available, const char *reason);
void mmscope_set_frames_state(bool available, const char *reason);

struct mm_struct;
struct vm_area_struct;

/* target.c: from a PID to a referenced mm */
struct pid;
struct mm_struct *mmscope_get_mm(pid_t nr, char *comm, const char **why);
struct mm_struct *mmscope_get_pid_mm(struct pid *pid, char *comm, const char **why);

/**
 * struct mmscope_entry - one page-table entry, decoded
 * @va:		first virtual address it maps
 * @size:	bytes it maps (PAGE_SIZE, PMD_SIZE or PUD_SIZE)
 * @raw:	the entry's value
 * @pfn:	frame number (when MMSCOPE_F_PRESENT)
 * @flags:	MMSCOPE_F_* bits
 * @level:	enum mmscope_level
 * @kind:	enum mmscope_kind
 * @mapcount:	mappings of the page, or -1 when it has no struct page
 * @referenced:	young, or the page's PG_referenced (smaps' "Referenced")
 * @swap_type:	swap device (MMSCOPE_KIND_SWAP)
 * @swap_offset: slot on that device (MMSCOPE_KIND_SWAP)
 */
struct mmscope_entry {
	unsigned long va;
	unsigned long size;
	u64 raw;
	u64 pfn;
	u32 flags;
	u8 level;
	u8 kind;
	int mapcount;
	bool referenced;
	u32 swap_type;
	u64 swap_offset;
};

struct mmscope_walk;

/**
 * struct mmscope_walk_ops - consumers of a page-table walk
 * @vma_start:	a VMA is about to be walked (may sleep)
 * @table:	a page-table page at @level covers part of the current VMA
 *		(called once per table per VMA, in address order; may not sleep)
 * @entry:	a non-empty entry; runs under the page-table lock, must not
 *		sleep; a negative return stops the walk at this entry
 * @ptes:	optional: the entries of one PTE table covering [@addr, @end),
 *		@ptep pointing at @addr's, handed over undecoded under the
 *		table's lock (must not sleep); when set, @entry only sees huge
 *		leaves.  For consumers that need a few facts of many entries
 *		(counts, packed dumps): mmscope_frame_page(),
 *		mmscope_page_kind() and mmscope_fill_pte() decode.  A negative
 *		return stops the walk; the consumer then sets @w->next to the
 *		address to resume at.
 * @vma_end:	the VMA has been walked (may sleep)
 */
struct mmscope_walk_ops {
	int (*vma_start)(struct mmscope_walk *w, struct vm_area_struct *vma);
	void (*table)(struct mmscope_walk *w, int level, u64 table_pa);
	int (*entry)(struct mmscope_walk *w, const struct mmscope_entry *e);
	int (*ptes)(struct mmscope_walk *w, pte_t *ptep, unsigned long addr,
		    unsigned long end);
	int (*vma_end)(struct mmscope_walk *w, struct vm_area_struct *vma);
};

/**
 * struct mmscope_walk - one walk over [start, end) of an mm
 * @mm:		the address space; the caller holds mmap_read_lock
 * @start:	first address
 * @end:	end (exclusive)
 * @ops:	callbacks
 * @priv:	for the callbacks
 * @vma:	the VMA being walked
 * @vma_kind:	mmscope_vma_kind() of @vma
 * @next:	where to resume after a callback stopped the walk
 * @ptep:	during ->entry() of a PTE-level entry, the entry itself (its
 *		table's lock is held), for consumers that update its accessed
 *		bit; NULL for huge leaves
 */
struct mmscope_walk {
	struct mm_struct *mm;
	unsigned long start;
	unsigned long end;
	const struct mmscope_walk_ops *ops;
	void *priv;
	struct vm_area_struct *vma;
	u8 vma_kind;
	unsigned long next;
	pte_t *ptep;
};

int mmscope_walk_range(struct mmscope_walk *w);
void mmscope_fill_pte(struct mmscope_walk *w, struct mmscope_entry *e, pte_t pte,
		      unsigned long addr);

/**
 * struct mmscope_kind_cache - what mmscope_frame_page() keeps over one PTE table
 * @vma_kind:	mmscope_vma_kind() of the walk's VMA
 * @valid_sub:	subsection + 1 of the last frame pfn_valid() accepted (its
 *		answer is the same for a whole memory subsection, and frames
 *		mapped under the PTE lock cannot go offline); 0: none
 */
struct mmscope_kind_cache {
	u8 vma_kind;
	unsigned long valid_sub;
};

static inline void mmscope_kind_cache_init(struct mmscope_kind_cache *f,
					   const struct mmscope_walk *w)
{
	f->vma_kind = w->vma_kind;
	f->valid_sub = 0;
}

/**
 * mmscope_frame_page() - the struct page of a frame mapped in the walk's VMA
 * @f:       state over the current PTE table (mmscope_kind_cache_init())
 * @pfn:     the frame a present entry maps
 * @special: the entry's special bit (no struct page semantics)
 * @kind:    set to MMSCOPE_KIND_ZERO or MMSCOPE_KIND_PFNMAP when there is
 *           no page to look at (untouched otherwise)
 *
 * The caller holds what keeps the entry mapped (the PTE lock; the mmap lock
 * for leaves).  Inline: it runs once per mapped page of a dump or count.
 *
 * Return: the page when the VMA maps it normally (as vm_normal_page() would
 * return it), else NULL.
 */
static __always_inline struct page *mmscope_frame_page(struct mmscope_kind_cache *f,
						       unsigned long pfn, bool special,
						       u8 *kind)
{
	unsigned long sub = (pfn >> PFN_SUBSECTION_SHIFT) + 1;

	if (unlikely(is_zero_pfn(pfn))) {
		*kind = MMSCOPE_KIND_ZERO;
		return NULL;
	}
	if (unlikely(special || f->vma_kind == MMSCOPE_KIND_PFNMAP))
		goto pfnmap;
	if (unlikely(sub != f->valid_sub)) {
		if (!pfn_valid(pfn))
			goto pfnmap;
		f->valid_sub = sub;
	}
	return pfn_to_page(pfn);
pfnmap:
	*kind = MMSCOPE_KIND_PFNMAP;
	return NULL;
}

/**
 * mmscope_page_kind() - what backs a page mmscope_frame_page() returned
 * @f:    the same state
 * @page: the page
 *
 * Return: MMSCOPE_KIND_ANON or _KSM by the folio, else _SHMEM or _FILE by
 * the VMA.
 */
static __always_inline u8 mmscope_page_kind(const struct mmscope_kind_cache *f,
					    struct page *page)
{
	struct folio *folio = page_folio(page);

	if (folio_test_anon(folio))
		return folio_test_ksm(folio) ? MMSCOPE_KIND_KSM : MMSCOPE_KIND_ANON;
	return f->vma_kind == MMSCOPE_KIND_SHMEM ? MMSCOPE_KIND_SHMEM : MMSCOPE_KIND_FILE;
}

/* mm summary, VMA counts and translation, built on the walk */
struct mmscope_mm_summary {
	pid_t pid;
	char comm[16];
	u32 pt_levels;
	u64 pgd_pa;
	u64 total_vm, rss_anon, rss_file, rss_shmem, swap_ents;
	u64 pt_pages[MMSCOPE_LEVEL_PGD + 1];	/* indexed by enum mmscope_level */
	u64 pt_bytes_kernel;
	u64 pt_deposited;
	u32 map_count;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
};

struct mmscope_vma_counts {
	u64 present, rss, young, referenced, dirty, writable, nx, swap, zero;
	u64 huge_pmd, huge_pud, anon_huge, shared, pt_pages;
};

int mmscope_mm_summary(struct mm_struct *mm, struct mmscope_mm_summary *s);
int mmscope_vma_counts(struct mm_struct *mm, struct vm_area_struct *vma,
		       struct mmscope_vma_counts *c);
u8 mmscope_vma_kind(struct vm_area_struct *vma);
const char *mmscope_vma_name(struct vm_area_struct *vma, char *buf, size_t len);
bool mmscope_entry_match(const struct mmscope_entry *e, u32 filter);
u32 mmscope_decode_flags(u64 raw);

#define MMSCOPE_XLATE_MAX_STEPS 5

struct mmscope_xlate_step {
	u8 level;
	u32 index;
	u32 flags;
	u64 table_pa;
	u64 raw;
};

struct mmscope_xlate {
	unsigned long va;
	u32 levels;
	u8 stop;
	u8 stop_level;
	u64 pa;
	u64 page_size;
	u32 swap_type;
	u64 swap_offset;
	unsigned int nr_steps;
	struct mmscope_xlate_step steps[MMSCOPE_XLATE_MAX_STEPS];
};

int mmscope_xlate(struct mm_struct *mm, unsigned long va, struct mmscope_xlate *x);
bool mmscope_va_valid(unsigned long va);
/*
 * Free-list walks stop counting one list at this many entries, as
 * /proc/pagetypeinfo does (mm/vmstat.c), so a huge list cannot stall the
 * machine with the zone lock held.
 */
#define MMSCOPE_LIST_BOUND	100000

/**
 * struct mmscope_buddy_zone - one populated zone's buddy allocator state
 * @nid:	NUMA node
 * @name:	zone name ("DMA32", "Normal", ...)
 * @managed:	pages managed by the buddy allocator
 * @present:	physical pages in the zone, holes excluded
 * @spanned:	pages from the zone's first to last PFN, holes included
 * @free:	NR_FREE_PAGES
 * @pcp:	pages on the zone's per-CPU lists (not counted in @free)
 * @wmark_min:	min watermark (pages), boost included, as /proc/zoneinfo
 * @wmark_low:	low watermark
 * @wmark_high:	high watermark
 * @nr_free:	free blocks per order (free_area[order].nr_free)
 * @nr_free_mt:	free blocks per migratetype and order, counted on the lists
 * @truncated:	per migratetype, bit N: order N's walk stopped at the bound
 * @unusable:	unusable-free-space index per order, x1000 (0..1000)
 * @fragmentation: fragmentation index per order, x1000; -1000 when a block
 *		of that order is free (the index is then meaningless)
 */
struct mmscope_buddy_zone {
	int nid;
	const char *name;
	unsigned long managed;
	unsigned long present;
	unsigned long spanned;
	unsigned long free;
	unsigned long pcp;
	unsigned long wmark_min;
	unsigned long wmark_low;
	unsigned long wmark_high;
	unsigned long nr_free[MMSCOPE_NR_ORDERS];
	unsigned long nr_free_mt[MIGRATE_TYPES][MMSCOPE_NR_ORDERS];
	u32 truncated[MIGRATE_TYPES];
	int unusable[MMSCOPE_NR_ORDERS];
	int fragmentation[MMSCOPE_NR_ORDERS];
};

/**
 * struct mmscope_buddy_snap - one zone's free lists at one instant
 * @nid:	NUMA node
 * @name:	zone name
 * @nr_free:	free blocks per order, all migratetypes
 * @unmovable:	free blocks per order on the MIGRATE_UNMOVABLE lists (the
 *		type demo blocks are allocated from); bounded walk
 * @pcp:	pages on the zone's per-CPU lists
 */
struct mmscope_buddy_snap {
	int nid;
	const char *name;
	unsigned long nr_free[MMSCOPE_NR_ORDERS];
	unsigned long unmovable[MMSCOPE_NR_ORDERS];
	unsigned long pcp;
};

unsigned int mmscope_nr_migratetypes(void);
const char *mmscope_migratetype_name(unsigned int mt);
int mmscope_buddy_get_zone(unsigned int idx, struct mmscope_buddy_zone *bz);
void mmscope_buddy_snapshot(struct zone *zone, struct mmscope_buddy_snap *snap);

/**
 * struct mmscope_demo_block - a buddy block the demo holds, as reported
 * @pfn:	first PFN (aligned to 1 << @order)
 * @order:	block order
 * @nid:	node of the block
 * @zone:	zone name
 */
struct mmscope_demo_block {
	unsigned long pfn;
	unsigned int order;
	int nid;
	const char *zone;
};

/*
 * Demo results are handed back through this structure so that the engine
 * does not know about netlink: @msg is a static explanation for errors.
 */
struct mmscope_demo_result {
	const char *msg;
	bool have_snap;
	struct mmscope_buddy_snap before;
	struct mmscope_buddy_snap after;
};

/* Histogram entries the slab demo reports at most. */
#define MMSCOPE_DEMO_HIST_MAX_ENTRIES	128

/**
 * struct mmscope_demo_slab_state - the mmscope_demo cache as the demo sees it
 * @created:	the cache exists
 * @object_size: requested object size
 * @objects:	objects held by the module (every live object of the cache)
 * @slabs:	distinct slabs holding them
 * @nr_hist:	entries in @hist_objects/@hist_slabs
 * @hist_truncated: more distinct per-slab counts existed than fit
 * @hist_objects: per entry: objects held in one slab
 * @hist_slabs:	per entry: slabs holding exactly that many
 */
struct mmscope_demo_slab_state {
	bool created;
	unsigned int object_size;
	unsigned int objects;
	unsigned int slabs;
	unsigned int nr_hist;
	bool hist_truncated;
	unsigned int hist_objects[MMSCOPE_DEMO_HIST_MAX_ENTRIES];
	unsigned int hist_slabs[MMSCOPE_DEMO_HIST_MAX_ENTRIES];
};

int mmscope_demo_buddy_alloc(unsigned int order, unsigned int count,
			     struct mmscope_demo_block *blocks,
			     struct mmscope_demo_result *res);
int mmscope_demo_buddy_free(unsigned long pfn, struct mmscope_demo_block *block,
			    struct mmscope_demo_result *res);
unsigned int mmscope_demo_buddy_free_all(void);
unsigned int mmscope_demo_buddy_walk(unsigned int start,
				     int (*fn)(void *arg, const struct mmscope_demo_block *b),
				     void *arg);
u64 mmscope_demo_held_bytes(void);
int mmscope_demo_slab_op(unsigned int op, unsigned int arg,
			 struct mmscope_demo_result *res);
int mmscope_demo_slab_state(struct mmscope_demo_slab_state *st);
void mmscope_demo_exit(void);

/**
 * struct mmscope_rmap_mapper - one verified mapping of a frame
 * @pid:	owner of the mm (caller's PID namespace); 0 when unknown
 * @comm:	its command name
 * @va:		virtual address mapping the frame
 * @vm_start:	the VMA
 * @vm_end:	end of the VMA
 * @vm_flags:	its vm_flags
 * @vm_pgoff:	its offset, bytes
 * @flags:	MMSCOPE_F_* of the entry that maps the frame
 * @level:	enum mmscope_level of that entry
 */
struct mmscope_rmap_mapper {
	pid_t pid;
	char comm[TASK_COMM_LEN];
	unsigned long va;
	unsigned long vm_start;
	unsigned long vm_end;
	unsigned long vm_flags;
	u64 vm_pgoff;
	u32 flags;
	u8 level;
};

/**
 * struct mmscope_rmap - who maps one frame
 * @pfn:	the frame
 * @va:		the address it was resolved from (0 for a PFN query)
 * @frame:	enum mmscope_frame
 * @method:	enum mmscope_rmap_method
 * @mapcount:	the page's mapcount as /proc/kpagecount reports it
 * @folio_pages: pages in its folio
 * @file_offset: byte offset in the file (FILE/SHMEM)
 * @ino:	inode number (FILE/SHMEM)
 * @dev_major:	device of its filesystem
 * @dev_minor:	device of its filesystem
 * @path:	the file's path (points into @path_buf or a literal), or NULL
 * @note:	static text: why no mapper is listed, when that needs saying
 * @nr_mappers:	verified mappings found (may exceed @nr_stored)
 * @nr_stored:	entries of @mappers filled in
 * @candidates:	tree nodes (or, for a scan, address spaces) looked at
 * @stale:	candidate VMAs covering the offset whose tables map another frame
 * @truncated:	more mappings, or tree nodes, than the bounds allow
 * @elapsed_ns:	time the query took
 * @path_buf:	room for @path
 * @mappers:	the first MMSCOPE_RMAP_MAX_MAPPERS mappings
 */
struct mmscope_rmap {
	u64 pfn;
	unsigned long va;
	u8 frame;
	u8 method;
	int mapcount;
	u32 folio_pages;
	u64 file_offset;
	u64 ino;
	u32 dev_major;
	u32 dev_minor;
	const char *path;
	const char *note;
	u32 nr_mappers;
	u32 nr_stored;
	u32 candidates;
	u32 stale;
	bool truncated;
	u64 elapsed_ns;
	char path_buf[PATH_MAX];
	struct mmscope_rmap_mapper mappers[MMSCOPE_RMAP_MAX_MAPPERS];
};

int mmscope_rmap_check_pfn(u64 pfn, const char **why);
int mmscope_rmap_pfn(u64 pfn, bool scan, struct mmscope_rmap *r, const char **why);
int mmscope_rmap_va(pid_t nr, unsigned long va, bool scan, struct mmscope_rmap *r,
		    const char **why);
/* faults.c: fault counters and per-process fault tracking */

/**
 * struct mmscope_fault_counters - a process's and the system's fault counts
 * @pid:	thread-group ID (in the caller's namespace)
 * @comm:	command name
 * @threads:	live threads
 * @min:	minor faults of the process, as /proc/PID/stat's minflt
 * @maj:	major faults of the process, as majflt
 * @sys_pgfault: vmstat pgfault
 * @sys_pgmajfault: vmstat pgmajfault
 */
struct mmscope_fault_counters {
	pid_t pid;
	char comm[16];
	u32 threads;
	u64 min, maj;
	u64 sys_pgfault, sys_pgmajfault;
};

/**
 * struct mmscope_fault_summary - state and totals of a process's tracking
 *
 * Fields mirror MMSCOPE_FAULTS_* (uapi/mmscope.h); @state is
 * MMSCOPE_FAULT_STATE_OFF when the process is not tracked.
 */
struct mmscope_fault_summary {
	u8 state;
	bool access_known, start_raced;
	u32 track_threads, pages;
	u64 start_ns, end_ns;
	u64 min_start, maj_start, min_end, maj_end;
	u64 t_min, t_maj, t_read, t_write, t_exec;
	u64 other_mm, dropped, unattributed, pages_full, vmas_full;
	u64 events_next;
};

/* Faults attributed to one VMA (start = end = 0: no VMA was left there). */
struct mmscope_fault_vma {
	unsigned long start, end, flags;
	u64 min, maj, read, write, exec;
};

/* Callbacks run under the engine's lock: they must not sleep. */
typedef int (*mmscope_fault_vma_fn)(void *arg, const struct mmscope_fault_vma *v,
				    const char *name);
typedef int (*mmscope_fault_page_fn)(void *arg, const struct mmscope_fault_page_rec *r);
typedef int (*mmscope_fault_event_fn)(void *arg, const struct mmscope_fault_event_rec *e);

int mmscope_faults_counters(struct pid *pid, struct mmscope_fault_counters *c,
			    const char **why);
int mmscope_faults_track(struct pid *pid, bool start, const char **why);
int mmscope_faults_summary(struct pid *pid, struct mmscope_fault_summary *s);
int mmscope_faults_vmas(struct pid *pid, unsigned int *pos, mmscope_fault_vma_fn fn, void *arg);
int mmscope_faults_pages(struct pid *pid, unsigned int *pos, mmscope_fault_page_fn fn, void *arg);
int mmscope_faults_events(struct pid *pid, u64 *cursor, mmscope_fault_event_fn fn, void *arg);
unsigned int mmscope_faults_active(void);
const char *mmscope_faults_unavailable(void);
int mmscope_faults_init(void);
void mmscope_faults_exit(void);

/* frames.c: page replacement on a region with an exact frame budget */
struct mmscope_frames;

int mmscope_frames_create(struct mmscope_frames_setup *s, struct mmscope_frames **out);
void mmscope_frames_destroy(struct mmscope_frames *r);
u32 mmscope_frames_pages(const struct mmscope_frames *r);
unsigned long mmscope_frames_pfn(const struct mmscope_frames *r, u32 page);
bool mmscope_frames_reference(struct mmscope_frames *r, u32 page, bool write);
void mmscope_frames_write(struct mmscope_frames *r, u32 page);
void mmscope_frames_state(const struct mmscope_frames *r, struct mmscope_frames_state *st);
u32 mmscope_frames_events(const struct mmscope_frames *r, u64 from,
			  struct mmscope_frames_event *buf, u32 max);
/* frames_dev.c: the /dev/mmscope-frames front end */
void mmscope_frames_dev_init(void);
void mmscope_frames_dev_exit(void);

/* policy.c: replacement policies per memory cgroup */

/* Parameters of a policy; @given: MMSCOPE_PP_* bits of those the user set. */
#define MMSCOPE_PP_INTERVAL	BIT(0)
#define MMSCOPE_PP_SEED		BIT(1)
#define MMSCOPE_PP_KEEP		BIT(2)
#define MMSCOPE_PP_EVICT	BIT(3)
#define MMSCOPE_PP_MAX_PROTECT	BIT(4)

struct mmscope_policy_params {
	u8 kind;
	u32 given;
	u32 interval_ms, keep_pct, evict_pct, max_protect;
	u64 seed;
	bool has_base;
	u64 base_refault_anon, base_refault_file, base_pgmajfault;
};

/* One installed policy and its counters (fields mirror MMSCOPE_POLICY_*). */
struct mmscope_policy_stats {
	struct mmscope_policy_params pp;
	u64 cgroup_id, installed_ns;
	u64 examined, referenced, evicted, protected, forced, contended, aged;
	u64 replaced, stale, rounds, table_bytes;
	u32 tracked, slots, entry_bytes, kept, quota;
	u64 hook_calls, hook_matched, hook_ns, hook_missed;
	u64 sample_ns, sample_refs, tlb_flushes;
	char path[PATH_MAX];
};

int mmscope_policy_set(const char *path, const struct mmscope_policy_params *pp,
		       const char **why);
int mmscope_policy_clear(const char *path, const char **why);
int mmscope_policy_get(unsigned int idx, struct mmscope_policy_stats *st);
const char *mmscope_policy_name(unsigned int kind);
const char *mmscope_policy_unavailable(void);
void mmscope_policy_exit(void);

int mmscope_debugfs_init(void);
void mmscope_debugfs_exit(void);
int mmscope_netlink_init(void);
void mmscope_netlink_exit(void);

#endif /* _MMSCOPE_INTERNAL_H */
