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

/* Release of the module and tool built from this tree. */
#define MMSCOPE_RELEASE		"0.1.0"

#define MMSCOPE_GENL_NAME	"mmscope"
#define MMSCOPE_GENL_VERSION	1

/* Commands.  Every command requires CAP_SYS_ADMIN. */
enum mmscope_cmd {
	MMSCOPE_CMD_UNSPEC,
	MMSCOPE_CMD_GET_INFO,		/* do: module and kernel facts */

	/* buddy, slab, demos */
	MMSCOPE_CMD_GET_BUDDY,		/* dump: one message per populated zone */
	MMSCOPE_CMD_DEMO_BUDDY_ALLOC,	/* do: hold ORDER blocks; reply: blocks, snapshots */
	MMSCOPE_CMD_DEMO_BUDDY_FREE,	/* do: release one block (PFN) or all (FREE_ALL) */
	MMSCOPE_CMD_DEMO_BUDDY_LIST,	/* dump: the blocks the module holds */
	MMSCOPE_CMD_DEMO_SLAB,		/* do: SLAB_OP on the mmscope_demo cache; reply: state */

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

#endif /* _UAPI_MMSCOPE_H */
