/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * mmscope generic-netlink protocol.
 *
 * This header is the single definition of the protocol: the kernel module
 * and the userspace tool both include it.  Bump MMSCOPE_GENL_VERSION on any
 * incompatible change; the tool refuses to talk to a module whose family
 * version differs from its own.
 */
#ifndef _UAPI_MMSCOPE_H
#define _UAPI_MMSCOPE_H

#include <linux/const.h>
#include <linux/types.h>

/* Release of the module and tool built from this tree. */
#define MMSCOPE_RELEASE		"0.1.0"

#define MMSCOPE_GENL_NAME	"mmscope"
#define MMSCOPE_GENL_VERSION	3

/* Commands.  Every command requires CAP_SYS_ADMIN. */
enum mmscope_cmd {
	MMSCOPE_CMD_UNSPEC,
	MMSCOPE_CMD_GET_INFO,		/* do: module and kernel facts */
	/* address space */
	MMSCOPE_CMD_GET_MM,		/* do: A_PID -> A_MM */
	MMSCOPE_CMD_GET_VMAS,		/* dump: A_PID -> A_VMA per message */
	MMSCOPE_CMD_GET_PTES,		/* dump: A_PID [A_START A_END A_FILTER] -> A_PTE_RECS */
	MMSCOPE_CMD_XLATE,		/* do: A_PID A_VA -> A_XLATE */

	/* buddy, slab, demos */
	MMSCOPE_CMD_GET_BUDDY,		/* dump: one message per populated zone */
	MMSCOPE_CMD_DEMO_BUDDY_ALLOC,	/* do: hold ORDER blocks; reply: blocks, snapshots */
	MMSCOPE_CMD_DEMO_BUDDY_FREE,	/* do: release one block (PFN) or all (FREE_ALL) */
	MMSCOPE_CMD_DEMO_BUDDY_LIST,	/* dump: the blocks the module holds */
	MMSCOPE_CMD_DEMO_SLAB,		/* do: SLAB_OP on the mmscope_demo cache; reply: state */

	/* reverse mappings */
	MMSCOPE_CMD_GET_RMAP,		/* do: A_PFN or A_PID+A_VA [A_RMAP_SCAN] -> A_RMAP */
	/* page faults */
	MMSCOPE_CMD_GET_FAULTS,		/* dump: A_PID -> A_FAULTS [A_FAULT_VMA, PAGE_RECS] */
	MMSCOPE_CMD_GET_FAULT_EVENTS,	/* dump: A_PID [A_FAULT_CURSOR] -> A_FAULT_EVENT_RECS */
	MMSCOPE_CMD_FAULTS_TRACK,	/* do: A_PID A_FAULT_TRACK -> A_FAULTS */

	/* replacement policies per memory cgroup */
	MMSCOPE_CMD_POLICY_SET,		/* do: A_POLICY{CGROUP KIND [params] [BASE_*]} */
	MMSCOPE_CMD_POLICY_CLEAR,	/* do: A_POLICY{CGROUP} */
	MMSCOPE_CMD_POLICY_GET,		/* dump: one A_POLICY per installed policy */

	__MMSCOPE_CMD_MAX,
};

#define MMSCOPE_CMD_MAX (__MMSCOPE_CMD_MAX - 1)

/* Top-level attributes. */
enum mmscope_attr {
	MMSCOPE_A_UNSPEC,
	MMSCOPE_A_PAD,
	MMSCOPE_A_VERSION,		/* string: module version */
	MMSCOPE_A_KERNEL_RELEASE,	/* string: uname -r of the running kernel */
	MMSCOPE_A_PT_LEVELS,		/* u32: paging levels in use (4 or 5) */
	MMSCOPE_A_PAGE_SIZE,		/* u32: base page size in bytes */
	MMSCOPE_A_FEATURES,		/* nest: MMSCOPE_A_FEATURE, repeated */
	/* address space */
	MMSCOPE_A_PID,			/* u32: target process (or thread) ID */
	MMSCOPE_A_START,		/* u64: first virtual address of a range */
	MMSCOPE_A_END,			/* u64: end (exclusive) of a range */
	MMSCOPE_A_FILTER,		/* u32: MMSCOPE_FILTER_* bits */
	MMSCOPE_A_VA,			/* u64: one virtual address */
	MMSCOPE_A_MM,			/* nest: MMSCOPE_MM_* */
	MMSCOPE_A_VMA,			/* nest: MMSCOPE_VMA_* */
	MMSCOPE_A_PTE_RECS,		/* binary: struct mmscope_pte_rec array */
	MMSCOPE_A_XLATE,		/* nest: MMSCOPE_XL_* */
	MMSCOPE_A_PTE_REC_SIZE,		/* u32: bytes per struct mmscope_pte_rec */

	/* buddy, slab, demos */
	MMSCOPE_A_BUDDY_ZONE,		/* nest: one zone, MMSCOPE_BUDDY_* */
	MMSCOPE_A_DEMO_ORDER,		/* u32: block order (0 .. max order) */
	MMSCOPE_A_DEMO_COUNT,		/* u32: blocks in one request (1 .. MAX_COUNT) */
	MMSCOPE_A_DEMO_PFN,		/* u64: first PFN of a held block */
	MMSCOPE_A_DEMO_FREE_ALL,	/* flag: release everything of this kind */
	MMSCOPE_A_DEMO_BLOCK,		/* nest: one held block, MMSCOPE_DEMO_BLOCK_* */
	MMSCOPE_A_DEMO_BEFORE,		/* nest: zone snapshot, MMSCOPE_DEMO_SNAP_* */
	MMSCOPE_A_DEMO_AFTER,		/* nest: zone snapshot, MMSCOPE_DEMO_SNAP_* */
	MMSCOPE_A_DEMO_HELD_BYTES,	/* u64: bytes held by all demos */
	MMSCOPE_A_DEMO_CAP_BYTES,	/* u64: the cap on MMSCOPE_A_DEMO_HELD_BYTES */
	MMSCOPE_A_DEMO_SLAB_OP,		/* u8: enum mmscope_demo_slab_op */
	MMSCOPE_A_DEMO_SLAB_SIZE,	/* u32: object size for SLAB_OP_CREATE */
	MMSCOPE_A_DEMO_SLAB_COUNT,	/* u32: objects for SLAB_OP_ALLOC/FREE */
	MMSCOPE_A_DEMO_SLAB,		/* nest: demo cache state, MMSCOPE_DEMO_SLAB_* */

	/* reverse mappings */
	MMSCOPE_A_PFN,			/* u64: a physical frame number */
	MMSCOPE_A_RMAP_SCAN,		/* flag: search every process's page tables */
	MMSCOPE_A_RMAP,			/* nest: MMSCOPE_RMAP_* */
	/* page faults */
	MMSCOPE_A_FAULT_TRACK,		/* u8: enum mmscope_fault_track (request) */
	MMSCOPE_A_FAULT_CURSOR,		/* u64: first event sequence number wanted */
	MMSCOPE_A_FAULTS,		/* nest: MMSCOPE_FAULTS_* */
	MMSCOPE_A_FAULT_VMA,		/* nest: MMSCOPE_FAULT_VMA_* */
	MMSCOPE_A_FAULT_REC_SIZE,	/* u32: bytes per record of the next *_RECS */
	MMSCOPE_A_FAULT_PAGE_RECS,	/* binary: struct mmscope_fault_page_rec array */
	MMSCOPE_A_FAULT_EVENT_RECS,	/* binary: struct mmscope_fault_event_rec array */
	/* GET_PTES, version 3 */
	MMSCOPE_A_PTE_RUN,		/* binary: struct mmscope_pte_run and its entries */

	/* replacement policies */
	MMSCOPE_A_POLICY,		/* nest: MMSCOPE_POLICY_* (request and reply) */

	__MMSCOPE_A_MAX,
};

#define MMSCOPE_A_MAX (__MMSCOPE_A_MAX - 1)

/* Attributes inside one MMSCOPE_A_FEATURE nest. */
enum mmscope_feature_attr {
	MMSCOPE_FEAT_UNSPEC,
	MMSCOPE_FEAT_NAME,		/* string: short feature name */
	MMSCOPE_FEAT_AVAILABLE,		/* u8: 1 if usable on this kernel */
	MMSCOPE_FEAT_REASON,		/* string: why not, when unavailable */

	__MMSCOPE_FEAT_MAX,
};

#define MMSCOPE_FEAT_MAX (__MMSCOPE_FEAT_MAX - 1)

/* MMSCOPE_A_FEATURES nests carry this type for each entry. */
#define MMSCOPE_A_FEATURE	1

/* Page-table levels, as MMSCOPE_PTE_LEVEL / MMSCOPE_XL_STEP_LEVEL report them. */
enum mmscope_level {
	MMSCOPE_LEVEL_PTE = 1,
	MMSCOPE_LEVEL_PMD,
	MMSCOPE_LEVEL_PUD,
	MMSCOPE_LEVEL_P4D,
	MMSCOPE_LEVEL_PGD,
};

/* Names of the levels, as an initializer indexed by enum mmscope_level. */
#define MMSCOPE_LEVEL_NAMES { "?", "pte", "pmd", "pud", "p4d", "pgd" }

/* MMSCOPE_A_FILTER bits for GET_PTES; several bits: an entry must match all. */
#define MMSCOPE_FILTER_PRESENT	_BITUL(0)
#define MMSCOPE_FILTER_DIRTY	_BITUL(1)
#define MMSCOPE_FILTER_YOUNG	_BITUL(2)
#define MMSCOPE_FILTER_SWAP	_BITUL(3)
#define MMSCOPE_FILTER_HUGE	_BITUL(4)
#define MMSCOPE_FILTER_ALL	(_BITUL(5) - 1)

/* Decoded entry bits (MMSCOPE_PTE_FLAGS, MMSCOPE_XL_STEP_FLAGS). */
#define MMSCOPE_F_PRESENT	_BITUL(0)	/* maps a frame (pte_present) */
#define MMSCOPE_F_RW		_BITUL(1)
#define MMSCOPE_F_USER		_BITUL(2)
#define MMSCOPE_F_PWT		_BITUL(3)
#define MMSCOPE_F_PCD		_BITUL(4)
#define MMSCOPE_F_ACCESSED	_BITUL(5)
#define MMSCOPE_F_DIRTY		_BITUL(6)
#define MMSCOPE_F_PSE_PAT	_BITUL(7)	/* PAT on a PTE, PSE (leaf) above */
#define MMSCOPE_F_GLOBAL	_BITUL(8)
#define MMSCOPE_F_NX		_BITUL(9)
#define MMSCOPE_F_SOFT_DIRTY	_BITUL(10)
#define MMSCOPE_F_SWAP		_BITUL(11)	/* a swap entry */
#define MMSCOPE_F_HUGE		_BITUL(12)	/* a PMD or PUD leaf */
#define MMSCOPE_F_PROTNONE	_BITUL(13)	/* mapped, hardware P bit clear */
#define MMSCOPE_F_SPECIAL	_BITUL(14)	/* no struct page semantics */
#define MMSCOPE_F_HW_PRESENT	_BITUL(15)	/* the hardware P bit */

/*
 * The text views' bit column: one letter per MMSCOPE_F_* bit, by bit number
 * ('-' marks bits that are not shown as a letter).
 */
#define MMSCOPE_F_LETTERS	"PWUTCADSGXs--np-"

/* What backs a mapped frame. */
enum mmscope_kind {
	MMSCOPE_KIND_NONE,		/* not mapped / unknown */
	MMSCOPE_KIND_ANON,
	MMSCOPE_KIND_FILE,
	MMSCOPE_KIND_SHMEM,
	MMSCOPE_KIND_KSM,
	MMSCOPE_KIND_ZERO,		/* the shared zero page (4 KiB or huge) */
	MMSCOPE_KIND_PFNMAP,		/* raw PFN mapping (VM_PFNMAP/VM_IO/special) */
	MMSCOPE_KIND_SWAP,		/* swapped out */
	MMSCOPE_KIND_MIGRATION,		/* being migrated */
	MMSCOPE_KIND_OTHER,		/* another non-present entry (marker, hwpoison) */
};

/* Names of the kinds, as an initializer indexed by enum mmscope_kind. */
#define MMSCOPE_KIND_NAMES { "none", "anon", "file", "shmem", "ksm", "zero", \
			     "pfnmap", "swap", "migration", "other" }

/* MMSCOPE_A_MM nest. */
enum mmscope_mm_attr {
	MMSCOPE_MM_UNSPEC,
	MMSCOPE_MM_PAD,
	MMSCOPE_MM_PID,			/* u32 */
	MMSCOPE_MM_COMM,		/* string */
	MMSCOPE_MM_PT_LEVELS,		/* u32 */
	MMSCOPE_MM_PGD_PA,		/* u64: physical address of the PGD */
	MMSCOPE_MM_TOTAL_VM,		/* u64: pages */
	MMSCOPE_MM_RSS_ANON,		/* u64: pages */
	MMSCOPE_MM_RSS_FILE,		/* u64: pages */
	MMSCOPE_MM_RSS_SHMEM,		/* u64: pages */
	MMSCOPE_MM_SWAP_ENTS,		/* u64: pages */
	MMSCOPE_MM_PT_PTE,		/* u64: page-table pages holding PTEs */
	MMSCOPE_MM_PT_PMD,		/* u64 */
	MMSCOPE_MM_PT_PUD,		/* u64 */
	MMSCOPE_MM_PT_P4D,		/* u64: 0 with 4 levels */
	MMSCOPE_MM_PT_PGD,		/* u64: 1 */
	MMSCOPE_MM_PT_BYTES_KERNEL,	/* u64: the kernel's own count (VmPTE) */
	MMSCOPE_MM_MAP_COUNT,		/* u32 */
	MMSCOPE_MM_START_CODE,		/* u64, and the rest: addresses */
	MMSCOPE_MM_END_CODE,
	MMSCOPE_MM_START_DATA,
	MMSCOPE_MM_END_DATA,
	MMSCOPE_MM_START_BRK,
	MMSCOPE_MM_BRK,
	MMSCOPE_MM_START_STACK,
	MMSCOPE_MM_ARG_START,
	MMSCOPE_MM_ARG_END,
	MMSCOPE_MM_ENV_START,
	MMSCOPE_MM_ENV_END,
	MMSCOPE_MM_PT_DEPOSITED,	/* u64: PTE tables set aside for THP leaves */

	__MMSCOPE_MM_MAX,
};

#define MMSCOPE_MM_MAX (__MMSCOPE_MM_MAX - 1)

/* MMSCOPE_A_VMA nest: one VMA and the counts of a walk over it (in base pages). */
enum mmscope_vma_attr {
	MMSCOPE_VMA_UNSPEC,
	MMSCOPE_VMA_PAD,
	MMSCOPE_VMA_START,		/* u64 */
	MMSCOPE_VMA_END,		/* u64 */
	MMSCOPE_VMA_FLAGS,		/* u64: vm_flags */
	MMSCOPE_VMA_PGOFF,		/* u64: offset in the file, bytes */
	MMSCOPE_VMA_NAME,		/* string: path, [heap], [stack], [vdso]... */
	MMSCOPE_VMA_KIND,		/* u8: MMSCOPE_KIND_ANON/FILE/SHMEM/PFNMAP */
	MMSCOPE_VMA_PRESENT,		/* u64: mapped pages (pte_present) */
	MMSCOPE_VMA_RSS,		/* u64: present minus zero-page/special (smaps Rss) */
	MMSCOPE_VMA_YOUNG,		/* u64: A bit set */
	MMSCOPE_VMA_REFERENCED,		/* u64: young or PG_referenced (smaps Referenced) */
	MMSCOPE_VMA_DIRTY,		/* u64: D bit set */
	MMSCOPE_VMA_WRITABLE,		/* u64: RW bit set */
	MMSCOPE_VMA_NX,			/* u64: NX bit set */
	MMSCOPE_VMA_SWAP,		/* u64: swap entries */
	MMSCOPE_VMA_ZERO,		/* u64: zero-page mappings */
	MMSCOPE_VMA_HUGE_PMD,		/* u64: PMD leaves */
	MMSCOPE_VMA_HUGE_PUD,		/* u64: PUD leaves */
	MMSCOPE_VMA_ANON_HUGE,		/* u64: pages in anonymous PMD leaves (AnonHugePages) */
	MMSCOPE_VMA_SHARED,		/* u64: pages with mapcount > 1 */
	MMSCOPE_VMA_PT_PAGES,		/* u64: page-table pages covering the VMA */

	__MMSCOPE_VMA_MAX,
};

#define MMSCOPE_VMA_MAX (__MMSCOPE_VMA_MAX - 1)

/*
 * GET_PTES entries are packed, for speed: each message carries
 * MMSCOPE_A_PTE_REC_SIZE and then MMSCOPE_A_PTE_RECS, an array of records
 * of that size.  Readers step by the announced size and read the fields
 * they know; new fields are only ever appended.
 *
 * A record is 32 bytes: a dump moves four times the bytes of
 * /proc/PID/pagemap per mapped page, and every byte costs (the skb is
 * zeroed, filled and copied), so the rarely-needed small fields share the
 * low bits of the page-aligned virtual address, as pagemap packs its bits.
 * x86-64 only: an entry at level L maps 1 << MMSCOPE_LEVEL_SHIFT(L) bytes.
 */
struct mmscope_pte_rec {
	__u64 va_info;		/* VA | level, kind, swap type: MMSCOPE_REC_* */
	__u64 raw;		/* the entry as the MMU reads it */
	__u64 pfn;		/* present: the frame; swap entry: the swap offset */
	__u32 flags;		/* MMSCOPE_F_* */
	__s32 mapcount;		/* mappings of the page; -1: no struct page */
};

#define MMSCOPE_REC_VA(x)		((x) & ~0xfffULL)
#define MMSCOPE_REC_LEVEL(x)		((__u8)((x) & 0x7))		/* enum mmscope_level */
#define MMSCOPE_REC_KIND(x)		((__u8)(((x) >> 3) & 0xf))	/* enum mmscope_kind */
#define MMSCOPE_REC_SWAP_TYPE(x)	((__u8)(((x) >> 7) & 0x1f))	/* kind SWAP only */
#define MMSCOPE_REC_INFO(va, level, kind, swap_type) \
	((va) | ((level) & 0x7) | (((kind) & 0xf) << 3) | (((swap_type) & 0x1fULL) << 7))
#define MMSCOPE_LEVEL_SHIFT(level)	(12 + 9 * ((level) - 1))

/*
 * A run (MMSCOPE_A_PTE_RUN): consecutive PTEs of one page table, each mapped
 * with the hardware P bit set, packed closer than records because most
 * entries of a dump are such: the header, then
 *  - count raw entries, __u64 each; or, with MMSCOPE_RUN_PFN32, count
 *    frame numbers, __u32 each, every entry then being common | pfn << 12;
 *  - then, unless MMSCOPE_RUN_ONE_INFO (info is then every entry's),
 *    count __u16 infos (MMSCOPE_INFO_*).
 * Entry i maps va + i * 4096.  Fields are not aligned: read them with
 * memcpy().  What a record carries besides is derived from the raw value,
 * whose bits are the x86-64 architecture's (MMSCOPE_RAW_*): flags are
 * MMSCOPE_F_PRESENT, MMSCOPE_F_HW_PRESENT and the bits the raw value has;
 * the PFN is (raw & MMSCOPE_RAW_PFN_MASK) >> 12.  Everything else (swap
 * and other non-present entries, PROT_NONE, huge leaves, mapcounts above
 * MMSCOPE_INFO_MAX_MAPCOUNT) comes as a record.
 */
struct mmscope_pte_run {
	__u64 va;		/* page-aligned VA of the first entry */
	__u64 common;		/* MMSCOPE_RUN_PFN32: the bits all entries share */
	__u16 count;		/* entries, 1 .. MMSCOPE_RUN_MAX */
	__u16 flags;		/* MMSCOPE_RUN_* */
	__u16 info;		/* MMSCOPE_RUN_ONE_INFO: every entry's info */
	__u16 pad;
};

#define MMSCOPE_RUN_PFN32	_BITUL(0)
#define MMSCOPE_RUN_ONE_INFO	_BITUL(1)
#define MMSCOPE_RUN_MAX		512

/* An entry's info: its kind and its page's mapcount plus one (0: no struct page). */
#define MMSCOPE_INFO(kind, mapcount)	((__u16)(((kind) & 0xf) | (((mapcount) + 1) << 4)))
#define MMSCOPE_INFO_KIND(i)		((__u8)((i) & 0xf))		/* enum mmscope_kind */
#define MMSCOPE_INFO_MAPCOUNT(i)	((int)((i) >> 4) - 1)		/* -1: no struct page */
#define MMSCOPE_INFO_MAX_MAPCOUNT	4094

/* x86-64 page-table entry bits (architectural), as a run's reader decodes them. */
#define MMSCOPE_RAW_PRESENT	_BITULL(0)
#define MMSCOPE_RAW_FLAGS_AS_F	0x1feULL	/* bits 1-8 are MMSCOPE_F_RW .. _GLOBAL */
#define MMSCOPE_RAW_SPECIAL	_BITULL(9)	/* Linux: _PAGE_SPECIAL */
#define MMSCOPE_RAW_SOFT_DIRTY	_BITULL(11)	/* Linux: _PAGE_SOFT_DIRTY */
#define MMSCOPE_RAW_NX		_BITULL(63)
#define MMSCOPE_RAW_PFN_MASK	0x000ffffffffff000ULL

/* Why a translation stopped. */
enum mmscope_xlate_stop {
	MMSCOPE_XL_OK,			/* reached a frame */
	MMSCOPE_XL_NONE,		/* empty entry at STOP_LEVEL */
	MMSCOPE_XL_NOT_PRESENT,		/* non-present, non-swap entry */
	MMSCOPE_XL_SWAPPED,		/* swap entry at STOP_LEVEL */
	MMSCOPE_XL_BAD,			/* corrupt entry: the walk refuses to follow it */
};

/* MMSCOPE_A_XLATE nest. */
enum mmscope_xlate_attr {
	MMSCOPE_XL_UNSPEC,
	MMSCOPE_XL_PAD,
	MMSCOPE_XL_VA,			/* u64 */
	MMSCOPE_XL_LEVELS,		/* u32: paging levels */
	MMSCOPE_XL_STOP,		/* u8: enum mmscope_xlate_stop */
	MMSCOPE_XL_STOP_LEVEL,		/* u8: level of the last entry read */
	MMSCOPE_XL_PA,			/* u64: physical address (STOP == OK) */
	MMSCOPE_XL_PAGE_SIZE,		/* u64: size of the mapping (STOP == OK) */
	MMSCOPE_XL_SWAP_TYPE,		/* u32 (STOP == SWAPPED) */
	MMSCOPE_XL_SWAP_OFFSET,		/* u64 (STOP == SWAPPED) */
	MMSCOPE_XL_STEP,		/* nest: MMSCOPE_XL_STEP_*, one per level read */

	__MMSCOPE_XL_MAX,
};

#define MMSCOPE_XL_MAX (__MMSCOPE_XL_MAX - 1)

enum mmscope_xlate_step_attr {
	MMSCOPE_XL_STEP_UNSPEC,
	MMSCOPE_XL_STEP_PAD,
	MMSCOPE_XL_STEP_LEVEL,		/* u8: enum mmscope_level */
	MMSCOPE_XL_STEP_TABLE_PA,	/* u64: physical address of the table */
	MMSCOPE_XL_STEP_INDEX,		/* u32: index of the entry in the table */
	MMSCOPE_XL_STEP_RAW,		/* u64: the entry */
	MMSCOPE_XL_STEP_FLAGS,		/* u32: MMSCOPE_F_* */

	__MMSCOPE_XL_STEP_MAX,
};

#define MMSCOPE_XL_STEP_MAX (__MMSCOPE_XL_STEP_MAX - 1)
/*
 * Per-order arrays (MMSCOPE_BUDDY_FREE, ...) are nests of one attribute per
 * order, whose type is the order + 1; type 0 is alignment padding, which
 * architectures without efficient unaligned access may insert.
 */
#define MMSCOPE_ORDER_ATTR(order)	((order) + 1)

/* Attributes inside one MMSCOPE_A_BUDDY_ZONE nest. */
enum mmscope_buddy_attr {
	MMSCOPE_BUDDY_UNSPEC,
	MMSCOPE_BUDDY_PAD,
	MMSCOPE_BUDDY_NODE,		/* u32: NUMA node id */
	MMSCOPE_BUDDY_ZONE_NAME,	/* string: "DMA", "DMA32", "Normal", ... */
	MMSCOPE_BUDDY_MANAGED,		/* u64: pages managed by the buddy allocator */
	MMSCOPE_BUDDY_PRESENT,		/* u64: pages present (with holes removed) */
	MMSCOPE_BUDDY_SPANNED,		/* u64: pages spanned, holes included */
	MMSCOPE_BUDDY_FREE_PAGES,	/* u64: NR_FREE_PAGES */
	MMSCOPE_BUDDY_PCP_PAGES,	/* u64: pages cached on per-CPU lists */
	MMSCOPE_BUDDY_WMARK_MIN,	/* u64: min watermark, pages */
	MMSCOPE_BUDDY_WMARK_LOW,	/* u64: low watermark, pages */
	MMSCOPE_BUDDY_WMARK_HIGH,	/* u64: high watermark, pages */
	MMSCOPE_BUDDY_NR_ORDERS,	/* u32: number of orders (max order + 1) */
	MMSCOPE_BUDDY_FREE,		/* nest per order of u64: free blocks */
	MMSCOPE_BUDDY_MIGRATETYPE,	/* nest, repeated: MMSCOPE_BUDDY_MT_* */
	MMSCOPE_BUDDY_UNUSABLE,		/* nest per order of s32: index x 1000 */
	MMSCOPE_BUDDY_FRAGMENTATION,	/* nest per order of s32: index x 1000 */

	__MMSCOPE_BUDDY_MAX,
};

#define MMSCOPE_BUDDY_MAX (__MMSCOPE_BUDDY_MAX - 1)

/* Attributes inside one MMSCOPE_BUDDY_MIGRATETYPE nest. */
enum mmscope_buddy_mt_attr {
	MMSCOPE_BUDDY_MT_UNSPEC,
	MMSCOPE_BUDDY_MT_NAME,		/* string: as /proc/pagetypeinfo names it */
	MMSCOPE_BUDDY_MT_FREE,		/* nest per order of u64: free blocks */
	MMSCOPE_BUDDY_MT_TRUNCATED,	/* u32: bit N set: order N's list walk hit the bound */

	__MMSCOPE_BUDDY_MT_MAX,
};

#define MMSCOPE_BUDDY_MT_MAX (__MMSCOPE_BUDDY_MT_MAX - 1)

/* Attributes inside one MMSCOPE_A_DEMO_BLOCK nest. */
enum mmscope_demo_block_attr {
	MMSCOPE_DEMO_BLOCK_UNSPEC,
	MMSCOPE_DEMO_BLOCK_PAD,
	MMSCOPE_DEMO_BLOCK_PFN,		/* u64: first PFN */
	MMSCOPE_DEMO_BLOCK_ORDER,	/* u32 */
	MMSCOPE_DEMO_BLOCK_NODE,	/* u32 */
	MMSCOPE_DEMO_BLOCK_ZONE,	/* string: zone name */

	__MMSCOPE_DEMO_BLOCK_MAX,
};

#define MMSCOPE_DEMO_BLOCK_MAX (__MMSCOPE_DEMO_BLOCK_MAX - 1)

/*
 * Attributes inside MMSCOPE_A_DEMO_BEFORE/AFTER: one zone's free lists taken
 * under the zone lock right before and right after the operation.
 */
enum mmscope_demo_snap_attr {
	MMSCOPE_DEMO_SNAP_UNSPEC,
	MMSCOPE_DEMO_SNAP_PAD,
	MMSCOPE_DEMO_SNAP_NODE,		/* u32 */
	MMSCOPE_DEMO_SNAP_ZONE,		/* string */
	MMSCOPE_DEMO_SNAP_FREE,		/* nest per order of u64: free blocks, all types */
	MMSCOPE_DEMO_SNAP_UNMOVABLE,	/* nest per order of u64: Unmovable free blocks */
	MMSCOPE_DEMO_SNAP_PCP_PAGES,	/* u64: pages on the zone's per-CPU lists */

	__MMSCOPE_DEMO_SNAP_MAX,
};

#define MMSCOPE_DEMO_SNAP_MAX (__MMSCOPE_DEMO_SNAP_MAX - 1)

/* MMSCOPE_A_DEMO_SLAB_OP values. */
enum mmscope_demo_slab_op {
	MMSCOPE_SLAB_OP_UNSPEC,
	MMSCOPE_SLAB_OP_STATUS,		/* no change; report the state */
	MMSCOPE_SLAB_OP_CREATE,		/* create the cache (needs SLAB_SIZE) */
	MMSCOPE_SLAB_OP_ALLOC,		/* allocate COUNT objects */
	MMSCOPE_SLAB_OP_FREE,		/* free the COUNT oldest objects, or all */
	MMSCOPE_SLAB_OP_SHRINK,		/* kmem_cache_shrink(): release empty slabs */
	MMSCOPE_SLAB_OP_DESTROY,	/* free every object and destroy the cache */

	__MMSCOPE_SLAB_OP_MAX,
};

#define MMSCOPE_SLAB_OP_MAX (__MMSCOPE_SLAB_OP_MAX - 1)

/* Attributes inside MMSCOPE_A_DEMO_SLAB. */
enum mmscope_demo_slab_attr {
	MMSCOPE_DEMO_SLAB_UNSPEC,
	MMSCOPE_DEMO_SLAB_NAME,		/* string: "mmscope_demo" (present when created) */
	MMSCOPE_DEMO_SLAB_OBJECT_SIZE,	/* u32: requested object size */
	MMSCOPE_DEMO_SLAB_OBJECTS,	/* u32: objects the module holds */
	MMSCOPE_DEMO_SLAB_SLABS,	/* u32: distinct slabs holding them */
	MMSCOPE_DEMO_SLAB_HIST,		/* nest, repeated: MMSCOPE_DEMO_HIST_* */
	MMSCOPE_DEMO_SLAB_HIST_TRUNCATED, /* flag: more histogram entries than sent */

	__MMSCOPE_DEMO_SLAB_MAX,
};

#define MMSCOPE_DEMO_SLAB_MAX (__MMSCOPE_DEMO_SLAB_MAX - 1)

/* One histogram entry: SLABS slabs hold exactly OBJECTS demo objects each. */
enum mmscope_demo_hist_attr {
	MMSCOPE_DEMO_HIST_UNSPEC,
	MMSCOPE_DEMO_HIST_OBJECTS,	/* u32 */
	MMSCOPE_DEMO_HIST_SLABS,	/* u32 */

	__MMSCOPE_DEMO_HIST_MAX,
};

#define MMSCOPE_DEMO_HIST_MAX (__MMSCOPE_DEMO_HIST_MAX - 1)

/* Demo limits (the module enforces them; the tool quotes them). */
#define MMSCOPE_DEMO_CAP_BYTES		(64ULL << 20)	/* all demos together */
#define MMSCOPE_DEMO_MAX_COUNT		64		/* blocks per alloc request */
#define MMSCOPE_DEMO_SLAB_MAX_COUNT	4096		/* objects per alloc request */
#define MMSCOPE_DEMO_SLAB_MAX_OBJECTS	16384		/* objects held at once */
#define MMSCOPE_DEMO_SLAB_MIN_SIZE	8
#define MMSCOPE_DEMO_SLAB_MAX_SIZE	8192

/* What a frame is, as GET_RMAP (MMSCOPE_RMAP_FRAME) classifies it. */
enum mmscope_frame {
	MMSCOPE_FRAME_UNKNOWN,
	MMSCOPE_FRAME_ANON,		/* anonymous: mappers from its anon_vma tree */
	MMSCOPE_FRAME_FILE,		/* page cache: mappers from the file's i_mmap tree */
	MMSCOPE_FRAME_SHMEM,		/* tmpfs/shmem page cache (MAP_SHARED|MAP_ANONYMOUS too) */
	MMSCOPE_FRAME_KSM,		/* merged by KSM: not in any rmap tree (scan only) */
	MMSCOPE_FRAME_ZERO,		/* the shared zero page: untracked (scan only) */
	MMSCOPE_FRAME_HUGETLB,		/* hugetlbfs page: not supported (scan only) */
	MMSCOPE_FRAME_PAGETABLE,	/* a PTE or PMD table */
	MMSCOPE_FRAME_SLAB,		/* slab allocator page */
	MMSCOPE_FRAME_FREE,		/* free (buddy allocator, or being freed) */
	MMSCOPE_FRAME_RESERVED,		/* PG_reserved: firmware, kernel image, ... */
	MMSCOPE_FRAME_KERNEL,		/* in use without an owner the rmap knows */
};

#define MMSCOPE_FRAME_NAMES { "unknown", "anon", "file", "shmem", "ksm", "zero", \
			      "hugetlb", "pagetable", "slab", "free", "reserved", "kernel" }

/* How GET_RMAP found the mappers. */
enum mmscope_rmap_method {
	MMSCOPE_RMAP_M_NONE,		/* not looked for: see MMSCOPE_RMAP_NOTE */
	MMSCOPE_RMAP_M_ANON_VMA,	/* the folio's anon_vma interval tree */
	MMSCOPE_RMAP_M_I_MMAP,		/* the file's i_mmap interval tree */
	MMSCOPE_RMAP_M_SCAN,		/* every process's page tables (A_RMAP_SCAN) */
};

#define MMSCOPE_RMAP_METHOD_NAMES { "none", "anon_vma", "i_mmap", "scan" }

/* Mappers reported at most; MMSCOPE_RMAP_TRUNCATED says when more exist. */
#define MMSCOPE_RMAP_MAX_MAPPERS	64

/* MMSCOPE_A_RMAP nest. */
enum mmscope_rmap_attr {
	MMSCOPE_RMAP_UNSPEC,
	MMSCOPE_RMAP_PAD,
	MMSCOPE_RMAP_PFN,		/* u64: the frame */
	MMSCOPE_RMAP_VA,		/* u64: the VA it was resolved from (PID+VA requests) */
	MMSCOPE_RMAP_FRAME,		/* u8: enum mmscope_frame */
	MMSCOPE_RMAP_METHOD,		/* u8: enum mmscope_rmap_method */
	MMSCOPE_RMAP_MAPCOUNT,		/* s32: the page's mapcount, as /proc/kpagecount */
	MMSCOPE_RMAP_FOLIO_PAGES,	/* u32: pages in its folio (compound page) */
	MMSCOPE_RMAP_FILE_PATH,		/* string: file (FILE/SHMEM) */
	MMSCOPE_RMAP_FILE_OFFSET,	/* u64: byte offset of the page in the file */
	MMSCOPE_RMAP_FILE_INO,		/* u64: inode number */
	MMSCOPE_RMAP_FILE_DEV_MAJOR,	/* u32 */
	MMSCOPE_RMAP_FILE_DEV_MINOR,	/* u32 */
	MMSCOPE_RMAP_NR_MAPPERS,	/* u32: mappings found (may exceed the nests sent) */
	MMSCOPE_RMAP_TRUNCATED,		/* flag: more mappings than MMSCOPE_RMAP_MAX_MAPPERS */
	MMSCOPE_RMAP_CANDIDATES,	/* u32: VMAs looked at (tree nodes, or scanned mms) */
	MMSCOPE_RMAP_STALE,		/* u32: candidates mapping another frame there */
	MMSCOPE_RMAP_NOTE,		/* string: why no mapper is listed, when none is */
	MMSCOPE_RMAP_ELAPSED_NS,	/* u64: time the query took in the kernel */
	MMSCOPE_RMAP_MAPPER,		/* nest, repeated: MMSCOPE_MAPPER_* */

	__MMSCOPE_RMAP_MAX,
};

#define MMSCOPE_RMAP_MAX (__MMSCOPE_RMAP_MAX - 1)

/* One mapping of the frame: MMSCOPE_RMAP_MAPPER nest. */
enum mmscope_mapper_attr {
	MMSCOPE_MAPPER_UNSPEC,
	MMSCOPE_MAPPER_PAD,
	MMSCOPE_MAPPER_PID,		/* u32: owner's PID in the caller's namespace; 0: unknown */
	MMSCOPE_MAPPER_COMM,		/* string */
	MMSCOPE_MAPPER_VA,		/* u64: where the frame is mapped */
	MMSCOPE_MAPPER_VMA_START,	/* u64 */
	MMSCOPE_MAPPER_VMA_END,		/* u64 */
	MMSCOPE_MAPPER_VMA_FLAGS,	/* u64: vm_flags */
	MMSCOPE_MAPPER_VMA_PGOFF,	/* u64: VMA offset (file offset for file VMAs), bytes */
	MMSCOPE_MAPPER_LEVEL,		/* u8: enum mmscope_level of the mapping entry */
	MMSCOPE_MAPPER_FLAGS,		/* u32: MMSCOPE_F_* of the mapping entry */

	__MMSCOPE_MAPPER_MAX,
};

#define MMSCOPE_MAPPER_MAX (__MMSCOPE_MAPPER_MAX - 1)
/* ---- page faults ---------------------------------------------------- */

/* MMSCOPE_A_FAULT_TRACK values. */
enum mmscope_fault_track {
	MMSCOPE_FAULT_TRACK_STOP,
	MMSCOPE_FAULT_TRACK_START,
};

/* MMSCOPE_FAULTS_STATE: tracking of the process. */
enum mmscope_fault_state {
	MMSCOPE_FAULT_STATE_OFF,	/* never tracked (or its record was reused) */
	MMSCOPE_FAULT_STATE_ACTIVE,	/* counting now */
	MMSCOPE_FAULT_STATE_STOPPED,	/* stopped by request; counts kept */
	MMSCOPE_FAULT_STATE_EXITED,	/* the process exited while tracked; counts kept */
};

/* MMSCOPE_A_FAULTS nest. */
enum mmscope_faults_attr {
	MMSCOPE_FAULTS_UNSPEC,
	MMSCOPE_FAULTS_PAD,
	MMSCOPE_FAULTS_PID,		/* u32: thread-group ID */
	MMSCOPE_FAULTS_COMM,		/* string */
	MMSCOPE_FAULTS_THREADS,		/* u32: live threads now */
	MMSCOPE_FAULTS_MIN,		/* u64: process minor faults (/proc/PID/stat minflt) */
	MMSCOPE_FAULTS_MAJ,		/* u64: process major faults (majflt) */
	MMSCOPE_FAULTS_SYS_PGFAULT,	/* u64: vmstat pgfault (every handle_mm_fault call) */
	MMSCOPE_FAULTS_SYS_PGMAJFAULT,	/* u64: vmstat pgmajfault */
	MMSCOPE_FAULTS_STATE,		/* u8: enum mmscope_fault_state */
	/* the rest only when STATE is not OFF */
	MMSCOPE_FAULTS_TRACK_THREADS,	/* u32: threads tracked (at start, and born since) */
	MMSCOPE_FAULTS_START_NS,	/* u64: CLOCK_MONOTONIC at start */
	MMSCOPE_FAULTS_END_NS,		/* u64: at stop/exit (not while ACTIVE) */
	MMSCOPE_FAULTS_MIN_START,	/* u64: process minor faults at start */
	MMSCOPE_FAULTS_MAJ_START,	/* u64: process major faults at start */
	MMSCOPE_FAULTS_MIN_END,		/* u64: at stop (STOPPED only) */
	MMSCOPE_FAULTS_MAJ_END,		/* u64: at stop (STOPPED only) */
	MMSCOPE_FAULTS_T_MIN,		/* u64: minor faults attributed */
	MMSCOPE_FAULTS_T_MAJ,		/* u64: major faults attributed */
	MMSCOPE_FAULTS_T_READ,		/* u64: of which reads */
	MMSCOPE_FAULTS_T_WRITE,		/* u64: writes */
	MMSCOPE_FAULTS_T_EXEC,		/* u64: instruction fetches */
	MMSCOPE_FAULTS_T_OTHER_MM,	/* u64: faults of other processes in the mm (vfork) */
	MMSCOPE_FAULTS_T_DROPPED,	/* u64: faults lost: per-CPU buffer or thread table full */
	MMSCOPE_FAULTS_T_UNATTRIBUTED,	/* u64: counted by the kernel, not tied to a fault (GUP) */
	MMSCOPE_FAULTS_T_PAGES,		/* u32: pages with counts */
	MMSCOPE_FAULTS_T_PAGES_FULL,	/* u64: faults on pages beyond the page table's limit */
	MMSCOPE_FAULTS_T_VMAS_FULL,	/* u64: faults on VMAs beyond the VMA table's limit */
	MMSCOPE_FAULTS_EVENTS_NEXT,	/* u64: sequence number the next event will get */
	MMSCOPE_FAULTS_ACCESS_KNOWN,	/* u8: 1 if read/write/exec can be told apart */
	MMSCOPE_FAULTS_START_RACED,	/* flag: threads appeared while tracking started */

	__MMSCOPE_FAULTS_MAX,
};

#define MMSCOPE_FAULTS_MAX (__MMSCOPE_FAULTS_MAX - 1)

/* MMSCOPE_A_FAULT_VMA nest: faults attributed to one VMA. */
enum mmscope_fault_vma_attr {
	MMSCOPE_FAULT_VMA_UNSPEC,
	MMSCOPE_FAULT_VMA_PAD,
	MMSCOPE_FAULT_VMA_START,	/* u64; 0 with END 0: no VMA there any more */
	MMSCOPE_FAULT_VMA_END,		/* u64 */
	MMSCOPE_FAULT_VMA_FLAGS,	/* u64: vm_flags when first attributed */
	MMSCOPE_FAULT_VMA_NAME,		/* string: current name, if the VMA still exists */
	MMSCOPE_FAULT_VMA_MIN,		/* u64 */
	MMSCOPE_FAULT_VMA_MAJ,		/* u64 */
	MMSCOPE_FAULT_VMA_READ,		/* u64 */
	MMSCOPE_FAULT_VMA_WRITE,	/* u64 */
	MMSCOPE_FAULT_VMA_EXEC,		/* u64 */

	__MMSCOPE_FAULT_VMA_MAX,
};

#define MMSCOPE_FAULT_VMA_MAX (__MMSCOPE_FAULT_VMA_MAX - 1)

/* Access type, in bits 1-2 of an event's flags (unknown: see the docs). */
enum mmscope_fault_access {
	MMSCOPE_FAULT_ACC_UNKNOWN,
	MMSCOPE_FAULT_ACC_READ,
	MMSCOPE_FAULT_ACC_WRITE,
	MMSCOPE_FAULT_ACC_EXEC,
};

#define MMSCOPE_FAULT_F_MAJOR		_BITUL(0)
#define MMSCOPE_FAULT_F_ACC_SHIFT	1
#define MMSCOPE_FAULT_F_ACC_MASK	(3UL << MMSCOPE_FAULT_F_ACC_SHIFT)

/*
 * Packed records (read them by MMSCOPE_A_FAULT_REC_SIZE; fields are only
 * ever appended).  Page counts are per base page of the tracked process.
 */
struct mmscope_fault_page_rec {
	__u64 va;		/* page-aligned virtual address */
	__u32 minor;
	__u32 major;
	__u32 read;
	__u32 write;
	__u32 exec;
	__u32 pad;
};

struct mmscope_fault_event_rec {
	__u64 seq;		/* per-process sequence number, from 0 */
	__u64 time_ns;		/* CLOCK_MONOTONIC */
	__u64 va;		/* faulting address */
	__u64 vma_start;	/* VMA it was attributed to (0: none left) */
	__u32 tid;		/* faulting thread (initial PID namespace) */
	__u32 flags;		/* MMSCOPE_FAULT_F_* */
};

/* Fault-tracking limits (the module enforces them; the tool quotes them). */
#define MMSCOPE_FAULT_MAX_PROCS		8	/* processes tracked at once */
#define MMSCOPE_FAULT_MAX_THREADS	256	/* threads of a process at start */
#define MMSCOPE_FAULT_MAX_VMAS		512	/* VMAs with counts, per process */
#define MMSCOPE_FAULT_MAX_PAGES		16384	/* pages with counts, per process */
#define MMSCOPE_FAULT_EVENTS		4096	/* recent events kept, per process */

/* ---- replacement policies per memory cgroup -------------------------- */

/* MMSCOPE_POLICY_KIND values (Documentation/policies.rst). */
enum mmscope_policy_kind {
	MMSCOPE_POLICY_DEFAULT,		/* the kernel decides; candidates are only counted */
	MMSCOPE_POLICY_FIFO,		/* evict every candidate, references ignored */
	MMSCOPE_POLICY_CLOCK,		/* second chance: a set A bit buys one more round */
	MMSCOPE_POLICY_LRU,		/* aging: 8 reference-history bits per page */
	MMSCOPE_POLICY_LFU,		/* count of intervals with a reference, per page */
	MMSCOPE_POLICY_MRU,		/* keep the longest-resident pages, evict the newest */
	MMSCOPE_POLICY_RANDOM,		/* evict with a seeded probability */
	MMSCOPE_POLICY_ESC,		/* enhanced second chance on (A, D) classes */

	__MMSCOPE_POLICY_KIND_MAX,
};

#define MMSCOPE_POLICY_KIND_MAX (__MMSCOPE_POLICY_KIND_MAX - 1)
#define MMSCOPE_POLICY_NAMES { "default", "fifo", "clock", "lru", "lfu", "mru", "random", "esc" }

/*
 * MMSCOPE_A_POLICY nest.  SET takes CGROUP, KIND, the parameters that apply
 * to KIND and, optionally, the cgroup's memory.stat counters at install
 * (BASE_*: the module keeps and reports them so that a reader can tell the
 * growth since install); CLEAR takes CGROUP.  The rest are reply-only.
 */
enum mmscope_policy_attr {
	MMSCOPE_POLICY_UNSPEC,
	MMSCOPE_POLICY_PAD,
	MMSCOPE_POLICY_CGROUP,		/* string: path below the cgroup2 root ("/a/b") */
	MMSCOPE_POLICY_KIND,		/* u8: enum mmscope_policy_kind */
	MMSCOPE_POLICY_INTERVAL_MS,	/* u32: lru/lfu: A-bit sampling (aging) interval */
	MMSCOPE_POLICY_SEED,		/* u64: random's seed */
	MMSCOPE_POLICY_KEEP_PCT,	/* u32: mru's kept share of the limit, percent */
	MMSCOPE_POLICY_EVICT_PCT,	/* u32: random's eviction probability, percent */
	MMSCOPE_POLICY_MAX_PROTECT,	/* u32: protections in a row before a forced eviction */
	MMSCOPE_POLICY_BASE_REFAULT_ANON, /* u64: memory.stat workingset_refault_anon at install */
	MMSCOPE_POLICY_BASE_REFAULT_FILE, /* u64: memory.stat workingset_refault_file at install */
	MMSCOPE_POLICY_BASE_PGMAJFAULT,	/* u64: memory.stat pgmajfault at install */
	/* reply only */
	MMSCOPE_POLICY_CGROUP_ID,	/* u64: cgroup ID (the inode number of its directory) */
	MMSCOPE_POLICY_INSTALLED_NS,	/* u64: CLOCK_MONOTONIC at install */
	MMSCOPE_POLICY_EXAMINED,	/* u64: eviction candidates examined */
	MMSCOPE_POLICY_REFERENCED,	/* u64: of which referenced (A bit) since their last look */
	MMSCOPE_POLICY_EVICTED,		/* u64: candidates the policy told the kernel to reclaim */
	MMSCOPE_POLICY_PROTECTED,	/* u64: candidates it told the kernel to keep (activate) */
	MMSCOPE_POLICY_FORCED,		/* u64: evictions forced by MAX_PROTECT (in EVICTED) */
	MMSCOPE_POLICY_CONTENDED,	/* u64: left to the kernel: its rmap walk was contended */
	MMSCOPE_POLICY_AGED,		/* u64: active-list aging looks (classic LRU) */
	MMSCOPE_POLICY_TRACKED,		/* u32: pages (folios) with per-page state now */
	MMSCOPE_POLICY_SLOTS,		/* u32: capacity of the per-page table */
	MMSCOPE_POLICY_ENTRY_BYTES,	/* u32: bytes of state per tracked page */
	MMSCOPE_POLICY_TABLE_BYTES,	/* u64: bytes of the per-page table */
	MMSCOPE_POLICY_REPLACED,	/* u64: entries given up for room */
	MMSCOPE_POLICY_STALE,		/* u64: entries dropped: their page was freed or reused */
	MMSCOPE_POLICY_ROUNDS,		/* u64: lru/lfu: sampling (aging) rounds done */
	MMSCOPE_POLICY_KEPT,		/* u32: mru: pages in the kept set */
	MMSCOPE_POLICY_QUOTA,		/* u32: mru: the kept set's limit, pages */
	MMSCOPE_POLICY_HOOK_CALLS,	/* u64: folio_referenced() calls seen (all cgroups) */
	MMSCOPE_POLICY_HOOK_MATCHED,	/* u64: of which for a cgroup with a policy */
	MMSCOPE_POLICY_HOOK_NS,		/* u64: time in the hook's handlers (1 call in 64 timed) */
	MMSCOPE_POLICY_HOOK_MISSED,	/* u64: calls not hooked (no free kretprobe instance) */
	MMSCOPE_POLICY_SAMPLE_NS,	/* u64: lru/lfu: time the sampler took */
	MMSCOPE_POLICY_SAMPLE_REFS,	/* u64: lru/lfu: A bits the sampler found set */
	MMSCOPE_POLICY_TLB_FLUSHES,	/* u64: lru/lfu: TLB flushes after sampling (0 on 7.x) */

	__MMSCOPE_POLICY_MAX,
};

#define MMSCOPE_POLICY_MAX (__MMSCOPE_POLICY_MAX - 1)

/* Policy limits and defaults (the module enforces them; the tool quotes them). */
#define MMSCOPE_POLICY_MAX_CGROUPS	4	/* cgroups with a policy at once */
#define MMSCOPE_POLICY_MAX_SLOTS	65536	/* per-page table entries, at most */
#define MMSCOPE_POLICY_INTERVAL_MIN	10	/* ms */
#define MMSCOPE_POLICY_INTERVAL_MAX	60000	/* ms */
#define MMSCOPE_POLICY_INTERVAL_DEFAULT	100	/* ms */
#define MMSCOPE_POLICY_KEEP_DEFAULT	75
#define MMSCOPE_POLICY_KEEP_MAX		95
#define MMSCOPE_POLICY_EVICT_DEFAULT	25
#define MMSCOPE_POLICY_PROTECT_DEFAULT	128
#define MMSCOPE_POLICY_PROTECT_MAX	65536

#endif /* _UAPI_MMSCOPE_H */
