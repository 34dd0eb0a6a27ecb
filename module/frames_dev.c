// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/mmscope-frames: the front end of the frames lab (frames.c).
 *
 * A misc device rather than a debugfs file: it does not depend on debugfs
 * being mounted or writable (lockdown), its node can carry its own mode, and
 * every open file is an independent region, so several users can run their
 * own at once.
 *
 * The region is mapped VM_PFNMAP: the fault handler inserts the PFN of the
 * page's backing store and removes the PTE of the page referenced before, so
 * only the page referenced last is ever mapped and a reference to any other
 * page traps (the VAX/VMS technique for reference bits without hardware
 * help).  Shared writable mappings are write-notified (pfn_mkwrite), so a
 * write that follows a read of the same page traps too and makes the frame
 * dirty.  One mutex per region serialises faults, ioctls and reads; it is
 * taken under the mmap lock, never around a user copy (a copy could fault on
 * a region and take a region's mutex again).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "compat.h"
#include "internal.h"

#define NONE		MMSCOPE_FRAMES_NONE
#define READ_BATCH	64		/* events per read() call at most */

struct frames_file {
	struct mutex lock;		/* serialises everything below and the region */
	struct mmscope_frames *region;	/* NULL until SETUP; then fixed */
	struct vm_area_struct *vma;	/* the one mapping, or NULL */
	u32 mapped;			/* page whose PTE is present, or NONE */
	u64 spurious;
};

static vm_fault_t frames_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct frames_file *ff = vma->vm_private_data;
	u32 page = vmf->pgoff;		/* the mapping starts at offset 0 */
	vm_fault_t ret;

	if (vmf->pgoff >= mmscope_frames_pages(ff->region))
		return VM_FAULT_SIGBUS;
	mutex_lock(&ff->lock);
	if (ff->mapped == page) {
		/* Another thread mapped it after this one trapped. */
		ff->spurious++;
	} else {
		if (ff->mapped != NONE)
			mmscope_zap_pfn_range(vma, vma->vm_start + ff->mapped * PAGE_SIZE,
					      PAGE_SIZE);
		mmscope_frames_reference(ff->region, page, vmf->flags & FAULT_FLAG_WRITE);
		ff->mapped = page;
	}
	ret = vmf_insert_pfn(vma, vmf->address, mmscope_frames_pfn(ff->region, page));
	if (ret & VM_FAULT_ERROR)
		ff->mapped = NONE;
	mutex_unlock(&ff->lock);
	return ret;
}

/* A write to the page mapped read-only by the last (read) reference. */
static vm_fault_t frames_pfn_mkwrite(struct vm_fault *vmf)
{
	struct frames_file *ff = vmf->vma->vm_private_data;

	mutex_lock(&ff->lock);
	if (ff->mapped == vmf->pgoff)
		mmscope_frames_write(ff->region, vmf->pgoff);
	mutex_unlock(&ff->lock);
	return 0;
}

static void frames_vma_close(struct vm_area_struct *vma)
{
	struct frames_file *ff = vma->vm_private_data;

	mutex_lock(&ff->lock);
	if (ff->vma == vma) {
		ff->vma = NULL;
		ff->mapped = NONE;
	}
	mutex_unlock(&ff->lock);
}

/* The mapping is one piece: no partial munmap or mprotect, no move. */
static int frames_may_split(struct vm_area_struct *vma, unsigned long addr)
{
	return -EINVAL;
}

static int frames_mremap(struct vm_area_struct *vma)
{
	return -EINVAL;
}

static const struct vm_operations_struct frames_vm_ops = {
	.fault		= frames_fault,
	.pfn_mkwrite	= frames_pfn_mkwrite,
	.close		= frames_vma_close,
	.may_split	= frames_may_split,
	.mremap		= frames_mremap,
};

static int frames_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct frames_file *ff = file->private_data;
	int ret = 0;

	mutex_lock(&ff->lock);
	if (!ff->region)
		ret = -EINVAL;		/* set the region up first */
	else if (ff->vma)
		ret = -EBUSY;		/* one mapping per region */
	else if (!(vma->vm_flags & VM_SHARED) || vma->vm_pgoff ||
		 vma_pages(vma) > mmscope_frames_pages(ff->region))
		ret = -EINVAL;
	if (!ret) {
		/* PFNMAP: the zap helper works only on such VMAs. */
		mmscope_vm_flags_set(vma, VM_PFNMAP | VM_IO | VM_DONTEXPAND |
				     VM_DONTDUMP | VM_DONTCOPY);
		vma->vm_ops = &frames_vm_ops;
		vma->vm_private_data = ff;
		ff->vma = vma;
		ff->mapped = NONE;
	}
	mutex_unlock(&ff->lock);
	return ret;
}

static long frames_setup(struct frames_file *ff, void __user *arg)
{
	struct mmscope_frames_setup s;
	struct mmscope_frames *r;
	int ret;

	if (copy_from_user(&s, arg, sizeof(s)))
		return -EFAULT;
	/* Built unlocked: it copies the future string from user memory. */
	ret = mmscope_frames_create(&s, &r);
	if (ret == -EINVAL && copy_to_user(arg, &s, sizeof(s)))
		return -EFAULT;
	if (ret)
		return ret;
	mutex_lock(&ff->lock);
	if (ff->region) {
		ret = -EBUSY;		/* a region is set up once */
	} else {
		ff->region = r;
		r = NULL;
	}
	mutex_unlock(&ff->lock);
	mmscope_frames_destroy(r);
	return ret;
}

static long frames_state(struct frames_file *ff, void __user *arg)
{
	struct mmscope_frames_state *st;
	long ret = 0;

	st = kmalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	mutex_lock(&ff->lock);
	if (ff->region) {
		mmscope_frames_state(ff->region, st);
		st->mapped = ff->mapped;
		st->spurious = ff->spurious;
	} else {
		ret = -EINVAL;
	}
	mutex_unlock(&ff->lock);
	if (!ret && copy_to_user(arg, st, sizeof(*st)))
		ret = -EFAULT;
	kfree(st);
	return ret;
}

/* Unmap the page referenced last; only the mapping process can. */
static long frames_unmap(struct frames_file *ff)
{
	struct mm_struct *mm = current->mm;
	long ret = 0;

	if (!mm)
		return -EINVAL;
	mmap_read_lock(mm);
	mutex_lock(&ff->lock);
	/* close() clears ff->vma under this lock: the VMA is alive here. */
	if (!ff->vma || ff->vma->vm_mm != mm) {
		ret = -EINVAL;
	} else if (ff->mapped != NONE) {
		mmscope_zap_pfn_range(ff->vma, ff->vma->vm_start + ff->mapped * PAGE_SIZE,
				      PAGE_SIZE);
		ff->mapped = NONE;
	}
	mutex_unlock(&ff->lock);
	mmap_read_unlock(mm);
	return ret;
}

static long frames_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct frames_file *ff = file->private_data;

	switch (cmd) {
	case MMSCOPE_FRAMES_IOC_SETUP:
		return frames_setup(ff, (void __user *)arg);
	case MMSCOPE_FRAMES_IOC_STATE:
		return frames_state(ff, (void __user *)arg);
	case MMSCOPE_FRAMES_IOC_UNMAP:
		return frames_unmap(ff);
	}
	return -ENOTTY;
}

/*
 * Events from the file position on, which counts events, not bytes; the
 * position moves past the last one returned.  0 at the end of the log.
 */
static ssize_t frames_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
	struct frames_file *ff = file->private_data;
	struct mmscope_frames_event *ev;
	u32 n, max = min_t(size_t, len / sizeof(*ev), READ_BATCH);
	ssize_t ret;

	if (*ppos < 0)
		return -EINVAL;
	if (!max)
		return -EINVAL;		/* smaller than one event */
	ev = kmalloc_array(max, sizeof(*ev), GFP_KERNEL);
	if (!ev)
		return -ENOMEM;
	mutex_lock(&ff->lock);
	n = ff->region ? mmscope_frames_events(ff->region, *ppos, ev, max) : 0;
	mutex_unlock(&ff->lock);
	ret = n * sizeof(*ev);
	if (n && copy_to_user(buf, ev, ret))
		ret = -EFAULT;
	else if (n)
		*ppos = ev[n - 1].seq + 1;
	kfree(ev);
	return ret;
}

static int frames_open(struct inode *inode, struct file *file)
{
	struct frames_file *ff;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	ff = kzalloc(sizeof(*ff), GFP_KERNEL);
	if (!ff)
		return -ENOMEM;
	mutex_init(&ff->lock);
	ff->mapped = NONE;
	file->private_data = ff;
	return 0;
}

/* The last reference to the file: no VMA maps the region any more. */
static int frames_release(struct inode *inode, struct file *file)
{
	struct frames_file *ff = file->private_data;

	mmscope_frames_destroy(ff->region);
	mutex_destroy(&ff->lock);
	kfree(ff);
	return 0;
}

static const struct file_operations frames_fops = {
	.owner		= THIS_MODULE,
	.open		= frames_open,
	.release	= frames_release,
	.read		= frames_read,
	.unlocked_ioctl	= frames_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.mmap		= frames_mmap,
	.llseek		= default_llseek,
};

static struct miscdevice frames_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "mmscope-frames",
	.fops	= &frames_fops,
	.mode	= 0600,
};

static bool registered;

/**
 * mmscope_frames_dev_init() - create /dev/mmscope-frames
 *
 * Optional: without it the rest of mmscope works; `mmscope info` reports
 * the feature "frames" unavailable, with the reason.
 */
void mmscope_frames_dev_init(void)
{
	int ret = misc_register(&frames_misc);

	registered = !ret;
	if (ret)
		pr_warn("frames: cannot register the misc device (%d)\n", ret);
	mmscope_set_frames_state(registered,
				 registered ? NULL : "the misc device could not be registered");
}

/**
 * mmscope_frames_dev_exit() - remove /dev/mmscope-frames
 *
 * Open files hold a reference on the module (fops owner), so no region is
 * left when this runs at unload.
 */
void mmscope_frames_dev_exit(void)
{
	if (registered)
		misc_deregister(&frames_misc);
	registered = false;
}
