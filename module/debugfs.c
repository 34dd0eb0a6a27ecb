// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs front end: /sys/kernel/debug/mmscope/.
 *
 * Files are 0400 (read) or 0600 (read/write): root only, and debugfs itself
 * is mounted root-only on most distributions; opening one also takes
 * CAP_SYS_ADMIN.  debugfs's file proxies make removal wait for running
 * handlers, so unloading mid-read is safe.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched/mm.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "internal.h"

static struct dentry *mmscope_dir;

/*
 * debugfs modes admit any uid 0, capabilities or not: like the netlink
 * family, every file also demands CAP_SYS_ADMIN when it is opened.
 */
static bool admin(void)
{
	return capable(CAP_SYS_ADMIN);
}

/* DEFINE_SHOW_ATTRIBUTE and DEFINE_SEQ_ATTRIBUTE, with that check. */
#define MMSCOPE_SHOW_ATTRIBUTE(name)					\
static int name##_open(struct inode *inode, struct file *file)		\
{									\
	return admin() ? single_open(file, name##_show, NULL) : -EPERM;	\
}									\
static const struct file_operations name##_fops = {			\
	.owner		= THIS_MODULE,					\
	.open		= name##_open,					\
	.read		= seq_read,					\
	.llseek		= seq_lseek,					\
	.release	= single_release,				\
}

#define MMSCOPE_SEQ_ATTRIBUTE(name)					\
static int name##_open(struct inode *inode, struct file *file)		\
{									\
	return admin() ? seq_open(file, &name##_sops) : -EPERM;	\
}									\
static const struct file_operations name##_fops = {			\
	.owner		= THIS_MODULE,					\
	.open		= name##_open,					\
	.read		= seq_read,					\
	.llseek		= seq_lseek,					\
	.release	= seq_release,					\
}

static const char *const level_names[] = MMSCOPE_LEVEL_NAMES;
static const char *const kind_names[] = MMSCOPE_KIND_NAMES;

/*
 * The target of the address-space files: a struct pid reference, so a
 * recycled PID number never silently changes what the files show.
 */
static DEFINE_MUTEX(target_lock);
static struct pid *target;

static ssize_t target_write(struct file *file, const char __user *ubuf, size_t len,
			    loff_t *ppos)
{
	struct mm_struct *mm;
	struct pid *pid = NULL;
	const char *why;
	int nr, ret;

	ret = kstrtoint_from_user(ubuf, len, 10, &nr);
	if (ret)
		return ret;
	if (nr < 0)
		return -EINVAL;
	if (nr) {
		/* Only a process with a user address space can be a target. */
		mm = mmscope_get_mm(nr, NULL, &why);
		if (IS_ERR(mm))
			return PTR_ERR(mm);
		mmput(mm);
		pid = find_get_pid(nr);
		if (!pid)
			return -ESRCH;
	}
	mutex_lock(&target_lock);
	put_pid(target);
	target = pid;
	mutex_unlock(&target_lock);
	return len;
}

static int target_show(struct seq_file *m, void *v)
{
	mutex_lock(&target_lock);
	seq_printf(m, "%d\n", target ? pid_vnr(target) : 0);
	mutex_unlock(&target_lock);
	return 0;
}

static int target_open(struct inode *inode, struct file *file)
{
	if (!admin())
		return -EPERM;
	return single_open(file, target_show, NULL);
}

static const struct file_operations target_fops = {
	.owner		= THIS_MODULE,
	.open		= target_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.write		= target_write,
	.release	= single_release,
};

/* The target's mm and PID number; -ENOENT when no PID was written yet. */
static struct mm_struct *target_mm(pid_t *nr, char *comm)
{
	struct mm_struct *mm = ERR_PTR(-ENOENT);
	const char *why;

	mutex_lock(&target_lock);
	*nr = target ? pid_vnr(target) : 0;
	if (target)
		mm = mmscope_get_pid_mm(target, comm, &why);
	mutex_unlock(&target_lock);
	return mm;
}

static int mm_show(struct seq_file *m, void *v)
{
	struct mmscope_mm_summary *s;
	struct mm_struct *mm;
	int ret, l;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	mm = target_mm(&s->pid, s->comm);
	if (IS_ERR(mm)) {
		ret = PTR_ERR(mm);
		goto out;
	}
	ret = mmscope_mm_summary(mm, s);
	mmput(mm);
	if (ret)
		goto out;
	seq_printf(m, "pid:              %d (%s)\n", s->pid, s->comm);
	seq_printf(m, "paging levels:    %u\n", s->pt_levels);
	seq_printf(m, "pgd physical:     0x%llx\n", s->pgd_pa);
	seq_puts(m, "page-table pages:");
	for (l = MMSCOPE_LEVEL_PGD; l >= MMSCOPE_LEVEL_PTE; l--)
		seq_printf(m, " %s %llu", level_names[l], s->pt_pages[l]);
	seq_printf(m, "\ndeposited:        %llu PTE tables set aside for THP\n", s->pt_deposited);
	seq_printf(m, "kernel's count:   %llu bytes (VmPTE)\n", s->pt_bytes_kernel);
	seq_printf(m, "total_vm:         %llu pages\n", s->total_vm);
	seq_printf(m, "rss:              anon %llu file %llu shmem %llu pages\n",
		   s->rss_anon, s->rss_file, s->rss_shmem);
	seq_printf(m, "swap entries:     %llu\n", s->swap_ents);
	seq_printf(m, "map_count:        %u\n", s->map_count);
	seq_printf(m, "code:             0x%lx-0x%lx\n", s->start_code, s->end_code);
	seq_printf(m, "data:             0x%lx-0x%lx\n", s->start_data, s->end_data);
	seq_printf(m, "brk:              0x%lx-0x%lx\n", s->start_brk, s->brk);
	seq_printf(m, "stack:            0x%lx\n", s->start_stack);
	seq_printf(m, "arg:              0x%lx-0x%lx\n", s->arg_start, s->arg_end);
	seq_printf(m, "env:              0x%lx-0x%lx\n", s->env_start, s->env_end);
out:
	kfree(s);
	return ret;
}

static int mm_open(struct inode *inode, struct file *file)
{
	if (!admin())
		return -EPERM;
	return single_open(file, mm_show, NULL);
}

static const struct file_operations mm_fops = {
	.owner		= THIS_MODULE,
	.open		= mm_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= single_release,
};

/*
 * vmas and pagetable stream with seq_file: the position is the next virtual
 * address to look at, so each read() resumes where the last one stopped,
 * whatever changed in between.  The mmap lock is held from ->start to ->stop
 * only, never across read() calls.
 */
#define PT_BATCH 64		/* entries per pagetable record */

struct aspace_iter {
	struct mm_struct *mm;
	pid_t pid;
	char *path;			/* vmas: room for a file name */
	struct mmscope_vma_counts counts;
	bool locked;			/* mmap lock held (between ->start and ->stop) */
	unsigned int nr;		/* pagetable: entries in batch */
	unsigned long next;		/* pagetable: where the batch ended */
	struct mmscope_entry batch[PT_BATCH];
};

static int aspace_open(struct inode *inode, struct file *file, const struct seq_operations *ops)
{
	struct aspace_iter *it;
	struct mm_struct *mm;
	pid_t nr;

	if (!admin())
		return -EPERM;
	mm = target_mm(&nr, NULL);
	if (IS_ERR(mm))
		return PTR_ERR(mm);
	it = __seq_open_private(file, ops, sizeof(*it));
	if (!it) {
		mmput(mm);
		return -ENOMEM;
	}
	it->mm = mm;
	it->pid = nr;
	return 0;
}

static int aspace_release(struct inode *inode, struct file *file)
{
	struct aspace_iter *it = ((struct seq_file *)file->private_data)->private;

	mmput(it->mm);
	kfree(it->path);
	return seq_release_private(inode, file);
}

static void *vmas_start(struct seq_file *m, loff_t *pos)
{
	struct aspace_iter *it = m->private;
	struct vm_area_struct *vma;

	if (mmap_read_lock_killable(it->mm))
		return ERR_PTR(-EINTR);
	it->locked = true;
	if (*pos == 0)
		return SEQ_START_TOKEN;
	vma = find_vma(it->mm, *pos);
	return vma;
}

static void *vmas_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct aspace_iter *it = m->private;
	struct vm_area_struct *vma;

	*pos = v == SEQ_START_TOKEN ? 1 : ((struct vm_area_struct *)v)->vm_end;
	vma = find_vma(it->mm, *pos);
	if (!vma)
		*pos = TASK_SIZE_MAX;	/* past every VMA: the end */
	return vma;
}

static void vmas_stop(struct seq_file *m, void *v)
{
	struct aspace_iter *it = m->private;

	if (it->locked)
		mmap_read_unlock(it->mm);
	it->locked = false;
}

static int vmas_show(struct seq_file *m, void *v)
{
	struct aspace_iter *it = m->private;
	struct vm_area_struct *vma = v;
	const struct mmscope_vma_counts *c = &it->counts;
	vm_flags_t f;
	int ret;

	if (v == SEQ_START_TOKEN) {
		seq_printf(m, "%-12s %-12s %-4s %-6s %7s %7s %7s %7s %7s %7s %7s %5s %6s %4s %s\n",
			   "start", "end", "perm", "kind", "present", "young", "dirty", "write",
			   "nx", "swap", "zero", "huge", "shared", "pt", "name");
		return 0;
	}
	if (!it->path) {
		it->path = kmalloc(PATH_MAX, GFP_KERNEL);
		if (!it->path)
			return -ENOMEM;
	}
	ret = mmscope_vma_counts(it->mm, vma, &it->counts);
	if (ret)
		return ret;
	f = vma->vm_flags;
	seq_printf(m, "%012lx %012lx %c%c%c%c %-6s %7llu %7llu %7llu %7llu %7llu %7llu %7llu %5llu %6llu %4llu %s\n",
		   vma->vm_start, vma->vm_end,
		   f & VM_READ ? 'r' : '-', f & VM_WRITE ? 'w' : '-', f & VM_EXEC ? 'x' : '-',
		   f & VM_MAYSHARE ? 's' : 'p', kind_names[mmscope_vma_kind(vma)],
		   c->present, c->young, c->dirty, c->writable, c->nx, c->swap, c->zero,
		   c->huge_pmd + c->huge_pud, c->shared, c->pt_pages,
		   mmscope_vma_name(vma, it->path, PATH_MAX));
	return 0;
}

static const struct seq_operations vmas_sops = {
	.start	= vmas_start,
	.next	= vmas_next,
	.stop	= vmas_stop,
	.show	= vmas_show,
};

static int vmas_open(struct inode *inode, struct file *file)
{
	return aspace_open(inode, file, &vmas_sops);
}

static const struct file_operations vmas_fops = {
	.owner		= THIS_MODULE,
	.open		= vmas_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= aspace_release,
};

static int batch_entry(struct mmscope_walk *w, const struct mmscope_entry *e)
{
	struct aspace_iter *it = w->priv;

	if (it->nr == PT_BATCH)
		return -ENOSPC;		/* batch full: resume here next time */
	it->batch[it->nr++] = *e;
	return 0;
}

static const struct mmscope_walk_ops batch_ops = {
	.entry = batch_entry,
};

/* Collect the next batch of entries from *pos; NULL at the end. */
static void *pt_collect(struct aspace_iter *it, loff_t pos)
{
	struct mmscope_walk w = {
		.mm = it->mm, .start = pos, .end = TASK_SIZE_MAX,
		.ops = &batch_ops, .priv = it,
	};
	int ret;

	if (pos >= TASK_SIZE_MAX)
		return NULL;
	it->nr = 0;
	ret = mmscope_walk_range(&w);
	if (ret && ret != -ENOSPC)
		return ERR_PTR(ret);
	it->next = ret ? w.next : TASK_SIZE_MAX;
	return it->nr ? it : NULL;
}

static void *pt_start(struct seq_file *m, loff_t *pos)
{
	struct aspace_iter *it = m->private;

	if (mmap_read_lock_killable(it->mm))
		return ERR_PTR(-EINTR);
	it->locked = true;
	if (*pos == 0)
		return SEQ_START_TOKEN;
	return pt_collect(it, *pos);
}

static void *pt_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct aspace_iter *it = m->private;

	*pos = v == SEQ_START_TOKEN ? 1 : it->next;
	return pt_collect(it, *pos);
}

static int pt_show(struct seq_file *m, void *v)
{
	static const char letters[] = MMSCOPE_F_LETTERS;
	struct aspace_iter *it = m->private;
	const struct mmscope_entry *e;
	char bits[sizeof(letters)];
	unsigned int i, b, n;

	if (v == SEQ_START_TOKEN) {
		seq_printf(m, "# pid %d; bits: %s\n", it->pid, letters);
		seq_printf(m, "%-16s %-3s %5s %-12s %-18s %-13s %-9s %s\n", "va", "lvl",
			   "size", "pfn", "raw", "bits", "kind", "map/swap");
		return 0;
	}
	for (i = 0; i < it->nr; i++) {
		e = &it->batch[i];
		for (b = 0, n = 0; b < sizeof(letters) - 1; b++)
			if (letters[b] != '-')
				bits[n++] = e->flags & BIT(b) ? letters[b] : '-';
		bits[n] = '\0';
		seq_printf(m, "%016lx %-3s %4luK ", e->va, level_names[e->level], e->size >> 10);
		if (e->flags & MMSCOPE_F_PRESENT)
			seq_printf(m, "0x%-10llx ", e->pfn);
		else
			seq_printf(m, "%-12s ", "-");
		seq_printf(m, "%018llx %-13s %-9s ", e->raw, bits, kind_names[e->kind]);
		if (e->kind == MMSCOPE_KIND_SWAP)
			seq_printf(m, "swap %u:0x%llx\n", e->swap_type, e->swap_offset);
		else if (e->mapcount >= 0)
			seq_printf(m, "map %d\n", e->mapcount);
		else
			seq_putc(m, '\n');
	}
	return 0;
}

static const struct seq_operations pt_sops = {
	.start	= pt_start,
	.next	= pt_next,
	.stop	= vmas_stop,
	.show	= pt_show,
};

static int pt_open(struct inode *inode, struct file *file)
{
	return aspace_open(inode, file, &pt_sops);
}

static const struct file_operations pt_fops = {
	.owner		= THIS_MODULE,
	.open		= pt_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= aspace_release,
};

static int version_show(struct seq_file *m, void *v)
{
	struct mmscope_info info;

	mmscope_get_info(&info);
	seq_printf(m, "%s\n", info.version);
	return 0;
}
MMSCOPE_SHOW_ATTRIBUTE(version);

/*
 * buddy: one zone per seq_file record, so a read streams zone by zone and
 * the zone lock is never held across a copy to user space.
 */
static void *buddy_start(struct seq_file *m, loff_t *pos)
{
	struct mmscope_buddy_zone *bz = kmalloc(sizeof(*bz), GFP_KERNEL);

	if (!bz)
		return ERR_PTR(-ENOMEM);
	if (mmscope_buddy_get_zone(*pos, bz)) {
		kfree(bz);
		return NULL;
	}
	return bz;
}

static void *buddy_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct mmscope_buddy_zone *bz = v;

	++*pos;
	if (mmscope_buddy_get_zone(*pos, bz)) {
		kfree(bz);
		return NULL;
	}
	return bz;
}

static void buddy_stop(struct seq_file *m, void *v)
{
	if (!IS_ERR_OR_NULL(v))
		kfree(v);
}

/* An index x1000 printed as /sys/kernel/debug/extfrag/ does: "%d.%03d". */
static void put_index(struct seq_file *m, int v)
{
	seq_printf(m, " %s%d.%03d", v < 0 ? "-" : "", abs(v) / 1000, abs(v) % 1000);
}

static int buddy_show(struct seq_file *m, void *v)
{
	struct mmscope_buddy_zone *bz = v;
	unsigned int o, mt;

	seq_printf(m, "node %d zone %s managed %lu present %lu spanned %lu free %lu pcp %lu min %lu low %lu high %lu\n",
		   bz->nid, bz->name, bz->managed, bz->present, bz->spanned, bz->free,
		   bz->pcp, bz->wmark_min, bz->wmark_low, bz->wmark_high);
	seq_printf(m, "node %d zone %s free", bz->nid, bz->name);
	for (o = 0; o < MMSCOPE_NR_ORDERS; o++)
		seq_printf(m, " %lu", bz->nr_free[o]);
	seq_putc(m, '\n');
	for (mt = 0; mt < mmscope_nr_migratetypes(); mt++) {
		seq_printf(m, "node %d zone %s type %s", bz->nid, bz->name,
			   mmscope_migratetype_name(mt));
		/* ">" marks a list whose walk stopped at the bound, as pagetypeinfo. */
		for (o = 0; o < MMSCOPE_NR_ORDERS; o++)
			seq_printf(m, " %s%lu", bz->truncated[mt] & (1U << o) ? ">" : "",
				   bz->nr_free_mt[mt][o]);
		seq_putc(m, '\n');
	}
	seq_printf(m, "node %d zone %s unusable", bz->nid, bz->name);
	for (o = 0; o < MMSCOPE_NR_ORDERS; o++)
		put_index(m, bz->unusable[o]);
	seq_printf(m, "\nnode %d zone %s fragmentation", bz->nid, bz->name);
	for (o = 0; o < MMSCOPE_NR_ORDERS; o++)
		put_index(m, bz->fragmentation[o]);
	seq_putc(m, '\n');
	return 0;
}

static const struct seq_operations buddy_sops = {
	.start	= buddy_start,
	.next	= buddy_next,
	.stop	= buddy_stop,
	.show	= buddy_show,
};
MMSCOPE_SEQ_ATTRIBUTE(buddy);

static int show_block(void *arg, const struct mmscope_demo_block *b)
{
	seq_printf(arg, "block pfn %#lx order %u node %d zone %s\n",
		   b->pfn, b->order, b->nid, b->zone);
	return 0;
}

/* demo: what the demonstrations hold right now. */
static int demo_show(struct seq_file *m, void *v)
{
	struct mmscope_demo_slab_state *st;
	unsigned int i;

	seq_printf(m, "held_bytes %llu cap_bytes %llu\n", mmscope_demo_held_bytes(),
		   MMSCOPE_DEMO_CAP_BYTES);
	mmscope_demo_buddy_walk(0, show_block, m);
	st = kmalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	if (!mmscope_demo_slab_state(st) && st->created) {
		seq_printf(m, "slab mmscope_demo object_size %u objects %u slabs %u\n",
			   st->object_size, st->objects, st->slabs);
		for (i = 0; i < st->nr_hist; i++)
			seq_printf(m, "slab_hist objects %u slabs %u\n",
				   st->hist_objects[i], st->hist_slabs[i]);
	}
	kfree(st);
	return 0;
}
MMSCOPE_SHOW_ATTRIBUTE(demo);

/*
 * rmap: write a PFN (decimal, or hex with 0x), read who maps it.  The PFN
 * is checked when written (garbage -EINVAL, no memory there -ENXIO) and
 * the query runs afresh on every read.
 */
static DEFINE_MUTEX(rmap_lock);
static u64 rmap_pfn = U64_MAX;

static ssize_t rmap_write(struct file *file, const char __user *ubuf, size_t len,
			  loff_t *ppos)
{
	const char *why;
	u64 pfn;
	int ret;

	ret = kstrtou64_from_user(ubuf, len, 0, &pfn);
	if (ret)
		return ret;
	ret = mmscope_rmap_check_pfn(pfn, &why);
	if (ret)
		return ret;
	mutex_lock(&rmap_lock);
	rmap_pfn = pfn;
	mutex_unlock(&rmap_lock);
	return len;
}

static int rmap_show(struct seq_file *m, void *v)
{
	static const char *const frame_names[] = MMSCOPE_FRAME_NAMES;
	static const char *const method_names[] = MMSCOPE_RMAP_METHOD_NAMES;
	const struct mmscope_rmap_mapper *p;
	struct mmscope_rmap *r;
	const char *why;
	unsigned int i;
	u64 pfn;
	int ret;

	mutex_lock(&rmap_lock);
	pfn = rmap_pfn;
	mutex_unlock(&rmap_lock);
	if (pfn == U64_MAX) {
		seq_puts(m, "write a PFN to this file first\n");
		return 0;
	}
	r = kmalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	ret = mmscope_rmap_pfn(pfn, false, r, &why);
	if (ret) {
		seq_printf(m, "pfn 0x%llx error: %s\n", pfn, why);
		goto out;
	}
	seq_printf(m, "pfn 0x%llx frame %s mapcount %d folio_pages %u method %s\n", r->pfn,
		   frame_names[r->frame], r->mapcount, r->folio_pages, method_names[r->method]);
	if (r->path)
		seq_printf(m, "file %s offset 0x%llx ino %llu dev %u:%u\n", r->path,
			   r->file_offset, r->ino, r->dev_major, r->dev_minor);
	if (r->note)
		seq_printf(m, "note %s\n", r->note);
	seq_printf(m, "mappers %u candidates %u stale %u%s elapsed_ns %llu\n", r->nr_mappers,
		   r->candidates, r->stale, r->truncated ? " truncated" : "", r->elapsed_ns);
	for (i = 0; i < r->nr_stored; i++) {
		p = &r->mappers[i];
		seq_printf(m, "pid %d comm %s va 0x%lx vma 0x%lx-0x%lx level %s %s\n", p->pid,
			   p->comm, p->va, p->vm_start, p->vm_end, level_names[p->level],
			   p->flags & MMSCOPE_F_RW ? "rw" : "ro");
	}
out:
	kfree(r);
	return 0;
}

static int rmap_open(struct inode *inode, struct file *file)
{
	if (!admin())
		return -EPERM;
	return single_open(file, rmap_show, NULL);
}

static const struct file_operations rmap_fops = {
	.owner		= THIS_MODULE,
	.open		= rmap_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.write		= rmap_write,
	.release	= single_release,
};

/* faults: the target's fault counters and, if tracked, its attribution. */
static const char *const fault_states[] = { "off", "active", "stopped", "exited" };
static const char *const fault_access[] = { "?", "read", "write", "exec" };

static int show_fault_vma(void *arg, const struct mmscope_fault_vma *v, const char *name)
{
	seq_printf(arg, "vma %012lx-%012lx minor %llu major %llu read %llu write %llu exec %llu %s\n",
		   v->start, v->end, v->min, v->maj, v->read, v->write, v->exec,
		   v->end ? name : "[unmapped]");
	return 0;
}

static int show_fault_page(void *arg, const struct mmscope_fault_page_rec *r)
{
	seq_printf(arg, "page %012llx minor %u major %u read %u write %u exec %u\n",
		   r->va, r->minor, r->major, r->read, r->write, r->exec);
	return 0;
}

static int show_fault_event(void *arg, const struct mmscope_fault_event_rec *e)
{
	u32 acc = (e->flags & MMSCOPE_FAULT_F_ACC_MASK) >> MMSCOPE_FAULT_F_ACC_SHIFT;

	seq_printf(arg, "event %llu ns %llu tid %u va %012llx vma %012llx %s %s\n",
		   e->seq, e->time_ns, e->tid, e->va, e->vma_start,
		   e->flags & MMSCOPE_FAULT_F_MAJOR ? "major" : "minor",
		   fault_access[acc]);
	return 0;
}

/* Events shown at the end of the file: the most recent ones. */
#define FAULTS_SHOWN_EVENTS 32

static int faults_show(struct seq_file *m, void *v)
{
	struct mmscope_fault_counters c;
	struct mmscope_fault_summary *s;
	unsigned int pos = 0;
	struct pid *pid;
	const char *why;
	u64 cursor;
	int ret;

	seq_printf(m, "tracked processes: %u active (limit %u)\n", mmscope_faults_active(),
		   MMSCOPE_FAULT_MAX_PROCS);
	mutex_lock(&target_lock);
	pid = get_pid(target);
	mutex_unlock(&target_lock);
	if (!pid)
		return 0;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	ret = s ? mmscope_faults_counters(pid, &c, &why) : -ENOMEM;
	if (ret) {
		if (s)
			seq_printf(m, "target: %s\n", why);
		ret = ret == -ENOMEM ? ret : 0;
		goto out;
	}
	mmscope_faults_summary(pid, s);
	seq_printf(m, "pid %d (%s) threads %u\n", c.pid, c.comm, c.threads);
	seq_printf(m, "process minflt %llu majflt %llu\n", c.min, c.maj);
	seq_printf(m, "system pgfault %llu pgmajfault %llu\n", c.sys_pgfault, c.sys_pgmajfault);
	seq_printf(m, "tracking %s\n", fault_states[s->state]);
	if (s->state == MMSCOPE_FAULT_STATE_OFF)
		goto out;
	seq_printf(m, "threads %u%s start_ns %llu end_ns %llu minflt_start %llu majflt_start %llu\n",
		   s->track_threads, s->start_raced ? " (raced)" : "", s->start_ns, s->end_ns,
		   s->min_start, s->maj_start);
	seq_printf(m, "minor %llu major %llu read %llu write %llu exec %llu unattributed %llu\n",
		   s->t_min, s->t_maj, s->t_read, s->t_write, s->t_exec, s->unattributed);
	seq_printf(m, "other_mm %llu dropped %llu pages %u pages_full %llu vmas_full %llu",
		   s->other_mm, s->dropped, s->pages, s->pages_full, s->vmas_full);
	seq_printf(m, " events %llu\n", s->events_next);
	mmscope_faults_vmas(pid, &pos, show_fault_vma, m);
	pos = 0;
	mmscope_faults_pages(pid, &pos, show_fault_page, m);
	cursor = s->events_next > FAULTS_SHOWN_EVENTS ? s->events_next - FAULTS_SHOWN_EVENTS : 0;
	mmscope_faults_events(pid, &cursor, show_fault_event, m);
out:
	kfree(s);
	put_pid(pid);
	return ret;
}
MMSCOPE_SHOW_ATTRIBUTE(faults);

/* ---- policy: installed replacement policies and their counters ---- */

static int policy_show(struct seq_file *m, void *v)
{
	struct mmscope_policy_stats *st = kmalloc(sizeof(*st), GFP_KERNEL);
	unsigned int i;

	if (!st)
		return -ENOMEM;
	for (i = 0; !mmscope_policy_get(i, st); i++) {
		if (!i)
			seq_printf(m, "hook calls %llu matched %llu ns %llu missed %llu\n",
				   st->hook_calls, st->hook_matched, st->hook_ns, st->hook_missed);
		seq_printf(m, "%s id %llu policy %s interval_ms %u seed %llu keep %u evict %u max_protect %u\n",
			   st->path, st->cgroup_id, mmscope_policy_name(st->pp.kind),
			   st->pp.interval_ms, st->pp.seed, st->pp.keep_pct, st->pp.evict_pct,
			   st->pp.max_protect);
		seq_printf(m, "  examined %llu referenced %llu evicted %llu protected %llu forced %llu contended %llu aged %llu\n",
			   st->examined, st->referenced, st->evicted, st->protected, st->forced,
			   st->contended, st->aged);
		seq_printf(m, "  tracked %u slots %u entry_bytes %u table_bytes %llu replaced %llu stale %llu kept %u quota %u\n",
			   st->tracked, st->slots, st->entry_bytes, st->table_bytes, st->replaced,
			   st->stale, st->kept, st->quota);
		seq_printf(m, "  rounds %llu sample_refs %llu sample_ns %llu tlb_flushes %llu\n",
			   st->rounds, st->sample_refs, st->sample_ns, st->tlb_flushes);
		if (st->pp.has_base)
			seq_printf(m, "  at install: workingset_refault_anon %llu workingset_refault_file %llu pgmajfault %llu\n",
				   st->pp.base_refault_anon, st->pp.base_refault_file,
				   st->pp.base_pgmajfault);
	}
	if (!i)
		seq_puts(m, "no policy installed\n");
	kfree(st);
	return 0;
}
MMSCOPE_SHOW_ATTRIBUTE(policy);

/**
 * mmscope_debugfs_init() - create /sys/kernel/debug/mmscope and its files
 *
 * Return: 0, or a negative errno when debugfs is unavailable (the module
 * keeps working through netlink; the reason is listed as a feature).
 */
int mmscope_debugfs_init(void)
{
	struct dentry *dir;

	dir = debugfs_create_dir("mmscope", NULL);
	if (IS_ERR(dir)) {
		mmscope_set_debugfs_state(false,
					  "debugfs is disabled in this kernel or by its command line");
		return PTR_ERR(dir);
	}
	mmscope_dir = dir;
	debugfs_create_file("version", 0400, dir, NULL, &version_fops);
	debugfs_create_file("target", 0600, dir, NULL, &target_fops);
	debugfs_create_file("mm", 0400, dir, NULL, &mm_fops);
	debugfs_create_file("vmas", 0400, dir, NULL, &vmas_fops);
	debugfs_create_file("pagetable", 0400, dir, NULL, &pt_fops);
	debugfs_create_file("buddy", 0400, dir, NULL, &buddy_fops);
	debugfs_create_file("demo", 0400, dir, NULL, &demo_fops);
	debugfs_create_file("faults", 0400, dir, NULL, &faults_fops);
	debugfs_create_file("rmap", 0600, dir, NULL, &rmap_fops);
	debugfs_create_file("policy", 0400, dir, NULL, &policy_fops);
	mmscope_set_debugfs_state(true, NULL);
	return 0;
}

/**
 * mmscope_debugfs_exit() - remove the files; waits for running handlers
 */
void mmscope_debugfs_exit(void)
{
	debugfs_remove_recursive(mmscope_dir);
	mmscope_dir = NULL;
	put_pid(target);
	target = NULL;
}
