// SPDX-License-Identifier: GPL-2.0
/*
 * Reverse mappings: from a physical frame to every process, virtual address
 * and VMA that maps it.
 *
 * The kernel's rmap_walk() is not exported (and is sealed on IBT kernels),
 * but the structures it walks are public, so this file walks them the same
 * way with exported primitives only:
 *
 *  - anonymous folio: folio->mapping points to an anon_vma whose interval
 *    tree (rb_root of anon_vma_chain) holds every VMA that may map it.  As
 *    the kernel's folio_lock_anon_vma_read() fast path does: under RCU read
 *    folio->mapping, check folio_mapped(), down_read_trylock() the root
 *    anon_vma's rwsem and re-check folio_mapped().  anon_vma memory is
 *    SLAB_TYPESAFE_BY_RCU and a locked root cannot be freed, so no anon_vma
 *    reference is taken (dropping one would need the unexported
 *    __put_anon_vma()).  A contended trylock is retried a bounded number of
 *    times, then the query fails with -EBUSY.
 *  - file and shmem folio: under the folio lock (which pins folio->mapping
 *    against truncation) take i_mmap_rwsem for read and walk the
 *    address_space's i_mmap tree of VMAs.
 *
 * Holding either lock keeps every VMA in the tree, its mm and its page
 * tables alive (munmap and exit unlink a VMA from these trees before freeing
 * its page tables).  The interval-tree iterators are not exported either, so
 * the whole tree is walked and each VMA's page-offset range tested.  For every
 * VMA whose range covers the page, the address is computed from the page's
 * index and the VMA's pgoff, then VERIFIED with a lockless, IRQ-off walk of
 * that mm's page tables (mmscope_xlate()): a VMA can cover a page's offset
 * without mapping it (not faulted in, COW-broken, another folio).
 *
 * The owner of each mm is mm->owner (CONFIG_MEMCG), read under RCU.
 *
 * KSM pages (KSM's private stable tree), the zero page (never rmap-tracked),
 * hugetlb pages and PG_reserved pages have no tree this module can walk:
 * the answer says so, and a brute-force scan of every process's page tables
 * (MMSCOPE_A_RMAP_SCAN) finds their mappers at O(all mapped pages) cost.
 *
 * Everything is bounded: MMSCOPE_RMAP_MAX_MAPPERS mappers are reported (the
 * rest counted), at most RMAP_MAX_CANDIDATES tree nodes are visited.
 */
#include <linux/dcache.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/magic.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/nodemask.h>
#include <linux/pagemap.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/rbtree.h>
#include <linux/rcupdate.h>
#include <linux/rmap.h>
#include <linux/rwsem.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>

#include "compat.h"
#include "internal.h"

/* Tree nodes (VMAs) looked at, at most, per query. */
#define RMAP_MAX_CANDIDATES	100000
/* Attempts at a contended anon_vma or folio lock, about 100 us apart. */
#define RMAP_LOCK_TRIES		100

/*
 * Notes (why no mapper is listed) and errors, all static text: the front
 * ends hand them to the user as they are.
 */
enum rmap_text {
	T_ANON_UNMAPPED,
	T_NO_FILE,
	T_ZERO,
	T_RESERVED,
	T_SLAB,
	T_PAGETABLE,
	T_FREE_BUDDY,
	T_FREE_REF,
	T_HUGETLB,
	T_KSM,
	T_KERNEL,
	T_ANON_BUSY,
	T_FOLIO_BUSY,
	T_CHANGED,
	T_BEYOND,
	T_HOLE,
	T_NOT_PRESENT,
};

static const char *const texts[] = {
	[T_ANON_UNMAPPED] =
		"anonymous page mapped by no process (in the swap cache, or being freed)",
	[T_NO_FILE] =
		"page in no file's page cache (truncated, or a driver page): nothing maps it through a file",
	[T_ZERO] =
		"the shared zero page: the kernel neither counts nor tracks its mappings; a scan finds them",
	[T_RESERVED] =
		"reserved page (firmware, kernel image, vDSO...): the kernel keeps no reverse mappings of it; a scan finds user mappings",
	[T_SLAB] =
		"slab page: kernel objects, never mapped into user space",
	[T_PAGETABLE] =
		"page-table page (PTE or PMD table): part of an address space's translation, not mapped into it",
	[T_FREE_BUDDY] =
		"free page (first page of a free buddy block)",
	[T_FREE_REF] =
		"free page (no reference: in a free block, or being freed or split)",
	[T_HUGETLB] =
		"hugetlbfs page: not supported by the rmap walk (hugetlb locking and index units differ); a scan finds its mappers",
	[T_KSM] =
		"KSM page: its mappers live in KSM's stable tree, which is private to mm/ksm.c; a scan finds them",
	[T_KERNEL] =
		"in use but owned by no file or anon_vma: a kernel or driver allocation (upper page-table levels, the huge zero page, buffers...)",
	[T_ANON_BUSY] =
		"the page's anon_vma stayed write-locked (fork, munmap or reclaim in progress); try again",
	[T_FOLIO_BUSY] =
		"the page stayed locked (I/O, migration or truncation in progress); try again",
	[T_CHANGED] =
		"the page changed hands during the query (split or freed); try again",
	[T_BEYOND] =
		"PFN is beyond the end of physical memory",
	[T_HOLE] =
		"no online memory at this PFN (a hole in the physical address map, or offline memory)",
	[T_NOT_PRESENT] =
		"the page-table entry at this address maps no frame (not present, migrating or corrupt)",
};

/* The frame is @frame and nothing more will be listed: say why. */
static void untracked(struct mmscope_rmap *r, u8 frame, enum rmap_text t)
{
	r->frame = frame;
	r->note = texts[t];
}

static void lock_backoff(void)
{
	usleep_range(50, 150);
}

/* The mm's owning process: PID in the caller's namespace and command name. */
static void mm_owner(struct mm_struct *mm, struct mmscope_rmap_mapper *m)
{
#ifdef CONFIG_MEMCG
	struct task_struct *t;

	rcu_read_lock();
	t = rcu_dereference(mm->owner);
	if (t) {
		m->pid = task_tgid_vnr(t);
		mmscope_get_task_comm(m->comm, t);
	}
	rcu_read_unlock();
#endif
	/* Without CONFIG_MEMCG an mm does not know its process: pid 0, comm "?". */
	if (!m->comm[0])
		strscpy(m->comm, "?", sizeof(m->comm));
}

/* Record one verified mapping; the count goes on past the stored maximum. */
static struct mmscope_rmap_mapper *add_mapper(struct mmscope_rmap *r)
{
	struct mmscope_rmap_mapper *m;

	if (r->nr_mappers++ >= MMSCOPE_RMAP_MAX_MAPPERS) {
		r->truncated = true;
		return NULL;
	}
	m = &r->mappers[r->nr_stored++];
	memset(m, 0, sizeof(*m));
	return m;
}

static void fill_vma(struct mmscope_rmap_mapper *m, struct vm_area_struct *vma)
{
	m->vm_start = vma->vm_start;
	m->vm_end = vma->vm_end;
	m->vm_flags = vma->vm_flags;
	m->vm_pgoff = (u64)vma->vm_pgoff << PAGE_SHIFT;
}

/*
 * One candidate VMA from an rmap tree (its lock held): does it cover page
 * offset @pgoff, and does its page table really map @r->pfn there?
 */
static void candidate(struct mmscope_rmap *r, struct vm_area_struct *vma, pgoff_t pgoff)
{
	struct mmscope_rmap_mapper *m;
	struct mmscope_xlate x;
	unsigned long va;

	r->candidates++;
	if (pgoff < vma->vm_pgoff || pgoff - vma->vm_pgoff >= vma_pages(vma))
		return;
	va = vma->vm_start + ((pgoff - vma->vm_pgoff) << PAGE_SHIFT);
	if (mmscope_xlate(vma->vm_mm, va, &x) || x.stop != MMSCOPE_XL_OK ||
	    (x.pa >> PAGE_SHIFT) != r->pfn) {
		r->stale++;
		return;
	}
	m = add_mapper(r);
	if (!m)
		return;
	m->va = va;
	m->level = x.stop_level;
	m->flags = x.steps[x.nr_steps - 1].flags | MMSCOPE_F_PRESENT;
	if (m->level != MMSCOPE_LEVEL_PTE)
		m->flags |= MMSCOPE_F_HUGE;
	fill_vma(m, vma);
	mm_owner(vma->vm_mm, m);
}

static void anon_tree(struct mmscope_rmap *r, struct anon_vma *av, pgoff_t pgoff)
{
	struct anon_vma_chain *avc;
	struct rb_node *node;

	for (node = rb_first_cached(&av->rb_root); node; node = rb_next(node)) {
		if (r->candidates == RMAP_MAX_CANDIDATES) {
			r->truncated = true;
			break;
		}
		avc = rb_entry(node, struct anon_vma_chain, rb);
		candidate(r, avc->vma, pgoff);
		cond_resched();
	}
}

static int rmap_anon(struct mmscope_rmap *r, struct folio *folio, pgoff_t pgoff,
		     const char **why)
{
	struct anon_vma *av, *root;
	unsigned long mapping;
	int tries = 0;

	r->method = MMSCOPE_RMAP_M_ANON_VMA;
	for (;;) {
		rcu_read_lock();
		mapping = (unsigned long)READ_ONCE(folio->mapping);
		if ((mapping & MMSCOPE_MAPPING_FLAGS) != MMSCOPE_MAPPING_ANON ||
		    !folio_mapped(folio))
			goto unmapped;
		av = (struct anon_vma *)(mapping - MMSCOPE_MAPPING_ANON);
		root = READ_ONCE(av->root);
		if (down_read_trylock(&root->rwsem)) {
			/* Still mapped: @av is still its anon_vma, and the lock pins it. */
			if (folio_mapped(folio))
				break;
			up_read(&root->rwsem);
			goto unmapped;
		}
		rcu_read_unlock();
		if (++tries == RMAP_LOCK_TRIES) {
			*why = texts[T_ANON_BUSY];
			return -EBUSY;
		}
		lock_backoff();
	}
	rcu_read_unlock();
	anon_tree(r, av, pgoff);
	up_read(&root->rwsem);
	return 0;

unmapped:
	rcu_read_unlock();
	r->note = texts[T_ANON_UNMAPPED];
	return 0;
}

static void frame_file_name(struct mmscope_rmap *r, struct address_space *mapping,
			    struct vm_area_struct *vma)
{
	struct inode *inode = mapping->host;
	struct dentry *d;
	char *p;

	r->ino = inode->i_ino;
	r->dev_major = MAJOR(inode->i_sb->s_dev);
	r->dev_minor = MINOR(inode->i_sb->s_dev);
	if (vma && vma->vm_file) {
		p = d_path(&vma->vm_file->f_path, r->path_buf, sizeof(r->path_buf));
		r->path = IS_ERR(p) ? "?" : p;
		return;
	}
	/* Not mapped: the name within its filesystem, if it has one. */
	d = d_find_alias(inode);
	if (!d) {
		r->path = "?";
		return;
	}
	p = dentry_path_raw(d, r->path_buf, sizeof(r->path_buf));
	r->path = IS_ERR(p) ? "?" : p;
	dput(d);
}

static void file_tree(struct mmscope_rmap *r, struct address_space *mapping, pgoff_t pgoff)
{
	struct vm_area_struct *vma, *first = NULL;
	struct rb_node *node;

	i_mmap_lock_read(mapping);
	for (node = rb_first_cached(&mapping->i_mmap); node; node = rb_next(node)) {
		if (r->candidates == RMAP_MAX_CANDIDATES) {
			r->truncated = true;
			break;
		}
		vma = rb_entry(node, struct vm_area_struct, shared.rb);
		if (!first)
			first = vma;
		candidate(r, vma, pgoff);
		cond_resched();
	}
	/* The VMAs (and their files) stay alive while i_mmap_rwsem is held. */
	frame_file_name(r, mapping, first);
	i_mmap_unlock_read(mapping);
}

static int rmap_file(struct mmscope_rmap *r, struct folio *folio, pgoff_t pgoff,
		     const char **why)
{
	struct address_space *mapping;
	int tries = 0;

	/* The folio lock keeps folio->mapping (and so the inode) from going away. */
	while (!folio_trylock(folio)) {
		if (++tries == RMAP_LOCK_TRIES) {
			*why = texts[T_FOLIO_BUSY];
			return -EBUSY;
		}
		lock_backoff();
	}
	mapping = folio->mapping;
	if (!mapping || ((unsigned long)mapping & MMSCOPE_MAPPING_FLAGS)) {
		untracked(r, MMSCOPE_FRAME_KERNEL, T_NO_FILE);
		goto out;
	}
	r->frame = mapping->host->i_sb->s_magic == TMPFS_MAGIC ?
		   MMSCOPE_FRAME_SHMEM : MMSCOPE_FRAME_FILE;
	r->method = MMSCOPE_RMAP_M_I_MMAP;
	r->file_offset = (u64)pgoff << PAGE_SHIFT;
	file_tree(r, mapping, pgoff);
out:
	folio_unlock(folio);
	return 0;
}

/* The end of physical memory: the highest PFN any online node spans. */
static unsigned long memory_end_pfn(void)
{
	unsigned long end = 0;
	int nid;

	for_each_online_node(nid)
		end = max(end, pgdat_end_pfn(NODE_DATA(nid)));
	return end;
}

/*
 * What the frame is, from its struct page, before any reference is taken.
 * Returns true when that is the whole answer (no tree to walk).
 */
static bool classify_untracked(struct mmscope_rmap *r, struct page *page)
{
	if (is_zero_pfn(r->pfn))
		untracked(r, MMSCOPE_FRAME_ZERO, T_ZERO);
	else if (!PageCompound(page) && PageReserved(page))	/* never compound */
		untracked(r, MMSCOPE_FRAME_RESERVED, T_RESERVED);
	else if (PageSlab(page))
		untracked(r, MMSCOPE_FRAME_SLAB, T_SLAB);
	else if (PageTable(page))
		untracked(r, MMSCOPE_FRAME_PAGETABLE, T_PAGETABLE);
	else if (PageBuddy(page))
		untracked(r, MMSCOPE_FRAME_FREE, T_FREE_BUDDY);
	else
		return false;
	return true;
}

/* Pages whose mapcount field holds something else count 0, as /proc/kpagecount. */
static int kpage_mapcount(struct page *page)
{
	if (PageSlab(page) || page_has_type(page))
		return 0;
	return mmscope_page_mapcount(page);
}

static int rmap_tree(struct mmscope_rmap *r, struct page *page, const char **why)
{
	struct folio *folio;
	pgoff_t pgoff;
	int ret = 0;

	folio = page_folio(page);
	if (!folio_try_get(folio)) {
		untracked(r, MMSCOPE_FRAME_FREE, T_FREE_REF);
		return 0;
	}
	/* The folio may have been split or freed and reused before the get. */
	if (page_folio(page) != folio) {
		folio_put(folio);
		*why = texts[T_CHANGED];
		return -EAGAIN;
	}
	r->folio_pages = folio_nr_pages(folio);
	r->mapcount = kpage_mapcount(page);
	pgoff = folio->index + folio_page_idx(folio, page);
	if (folio_test_hugetlb(folio)) {
		untracked(r, MMSCOPE_FRAME_HUGETLB, T_HUGETLB);
	} else if (folio_test_ksm(folio)) {
		untracked(r, MMSCOPE_FRAME_KSM, T_KSM);
	} else if (folio_test_anon(folio)) {
		r->frame = MMSCOPE_FRAME_ANON;
		ret = rmap_anon(r, folio, pgoff, why);
	} else if (!folio->mapping) {
		untracked(r, MMSCOPE_FRAME_KERNEL, T_KERNEL);
	} else {
		ret = rmap_file(r, folio, pgoff, why);
	}
	folio_put(folio);
	return ret;
}

/* ---- brute force: every process's page tables ------------------------- */

struct scan_ctx {
	struct mmscope_rmap *r;
	pid_t pid;
	char comm[TASK_COMM_LEN];
};

static int scan_entry(struct mmscope_walk *w, const struct mmscope_entry *e)
{
	struct scan_ctx *c = w->priv;
	struct mmscope_rmap *r = c->r;
	struct mmscope_rmap_mapper *m;
	u64 pages = e->size >> PAGE_SHIFT;

	if (!(e->flags & MMSCOPE_F_PRESENT) || r->pfn < e->pfn || r->pfn >= e->pfn + pages)
		return 0;
	m = add_mapper(r);
	if (!m)
		return 0;
	m->va = e->va + ((r->pfn - e->pfn) << PAGE_SHIFT);
	m->level = e->level;
	m->flags = e->flags;
	m->pid = c->pid;
	memcpy(m->comm, c->comm, sizeof(m->comm));
	fill_vma(m, w->vma);
	return 0;
}

static const struct mmscope_walk_ops scan_ops = {
	.entry = scan_entry,
};

/* The next thread-group leader with a user mm at or after PID @nr. */
static struct mm_struct *next_mm(struct pid_namespace *ns, int *nr, struct scan_ctx *c)
{
	struct task_struct *task;
	struct mm_struct *mm;
	struct pid *pid;

	for (;;) {
		rcu_read_lock();
		pid = find_ge_pid(*nr, ns);
		if (!pid) {
			rcu_read_unlock();
			return NULL;
		}
		*nr = pid_nr_ns(pid, ns);
		task = pid_task(pid, PIDTYPE_TGID);
		if (task && !(task->flags & PF_KTHREAD))
			get_task_struct(task);
		else
			task = NULL;
		rcu_read_unlock();
		(*nr)++;
		if (!task)
			continue;
		mm = get_task_mm(task);
		if (mm) {
			c->pid = task_tgid_vnr(task);
			mmscope_get_task_comm(c->comm, task);
		}
		put_task_struct(task);
		if (mm)
			return mm;
	}
}

static int rmap_scan(struct mmscope_rmap *r)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct scan_ctx c = { .r = r };
	struct mmscope_walk w = {
		.start = 0, .end = TASK_SIZE_MAX, .ops = &scan_ops, .priv = &c,
	};
	struct mm_struct *mm;
	int nr = 1, ret = 0;

	r->method = MMSCOPE_RMAP_M_SCAN;
	while ((mm = next_mm(ns, &nr, &c))) {
		r->candidates++;
		ret = mmap_read_lock_killable(mm);
		if (!ret) {
			w.mm = mm;
			ret = mmscope_walk_range(&w);
			mmap_read_unlock(mm);
		}
		mmput(mm);
		/* A process whose tables kept changing is skipped, not fatal. */
		if (ret == -EAGAIN)
			ret = 0;
		if (ret)
			return ret;
	}
	return 0;
}

/* The struct page of @pfn if it is online memory; else NULL and why. */
static struct page *online_page(u64 pfn, const char **why)
{
	struct page *page = pfn_to_online_page(pfn);

	if (!page)
		*why = texts[pfn >= memory_end_pfn() ? T_BEYOND : T_HOLE];
	return page;
}

/**
 * mmscope_rmap_check_pfn() - is there online memory at @pfn?
 * @pfn: the frame
 * @why: a message for the user when there is not
 *
 * Return: 0, or -ENXIO.
 */
int mmscope_rmap_check_pfn(u64 pfn, const char **why)
{
	return online_page(pfn, why) ? 0 : -ENXIO;
}

static int rmap_frame(u64 pfn, unsigned long va, bool scan, struct mmscope_rmap *r,
		      const char **why)
{
	u64 t0 = ktime_get_ns();
	struct page *page;
	int ret = 0;

	memset(r, 0, offsetof(struct mmscope_rmap, mappers));
	r->pfn = pfn;
	r->va = va;
	page = online_page(pfn, why);
	if (!page)
		return -ENXIO;
	r->folio_pages = 1;
	if (classify_untracked(r, page))
		r->mapcount = kpage_mapcount(page);
	else
		ret = rmap_tree(r, page, why);
	if (!ret && scan) {
		/* Keep the classification; replace the tree's answer by the scan's. */
		r->nr_mappers = 0;
		r->nr_stored = 0;
		r->candidates = 0;
		r->stale = 0;
		r->truncated = false;
		r->note = NULL;
		ret = rmap_scan(r);
		if (ret)
			*why = "scan interrupted";
	}
	r->elapsed_ns = ktime_get_ns() - t0;
	return ret;
}

/**
 * mmscope_rmap_pfn() - who maps physical frame @pfn?
 * @pfn:  the frame
 * @scan: search every process's page tables instead of the rmap trees
 * @r:    the answer
 * @why:  a message for the user on failure
 *
 * Return: 0 (also for frames nothing maps: r->frame and r->note say why),
 * -ENXIO for a PFN with no memory, -EBUSY when an rmap lock stayed
 * contended, -EAGAIN when the page changed under the query, -EINTR on a
 * fatal signal during a scan.
 */
int mmscope_rmap_pfn(u64 pfn, bool scan, struct mmscope_rmap *r, const char **why)
{
	return rmap_frame(pfn, 0, scan, r, why);
}

/**
 * mmscope_rmap_va() - mmscope_rmap_pfn() for the frame mapped at @va in process @nr
 * @nr:   PID
 * @va:   virtual address
 * @scan: as for mmscope_rmap_pfn()
 * @r:    the answer
 * @why:  a message for the user on failure
 *
 * Return: as mmscope_rmap_pfn(), or -ESRCH/-EINVAL/-ENOENT for the PID (see
 * mmscope_get_mm()), -EINVAL for a non-canonical address, -ENOENT when
 * nothing is mapped at @va.
 */
int mmscope_rmap_va(pid_t nr, unsigned long va, bool scan, struct mmscope_rmap *r,
		    const char **why)
{
	struct mmscope_xlate x;
	struct mm_struct *mm;
	int ret;

	mm = mmscope_get_mm(nr, NULL, why);
	if (IS_ERR(mm))
		return PTR_ERR(mm);
	ret = mmscope_xlate(mm, va, &x);
	mmput(mm);
	if (ret) {
		*why = "address is not canonical for this paging mode";
		return ret;
	}
	switch (x.stop) {
	case MMSCOPE_XL_OK:
		break;
	case MMSCOPE_XL_SWAPPED:
		*why = "the page at this address is swapped out: no frame maps it";
		return -ENOENT;
	case MMSCOPE_XL_NONE:
		*why = "nothing is mapped at this address (empty page-table entry)";
		return -ENOENT;
	default:
		*why = texts[T_NOT_PRESENT];
		return -ENOENT;
	}
	return rmap_frame(x.pa >> PAGE_SHIFT, va, scan, r, why);
}
