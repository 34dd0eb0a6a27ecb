// SPDX-License-Identifier: GPL-2.0
/*
 * Page faults: the kernel's own counters, and tracking of one process.
 *
 * The kernel counts a thread's faults in mm_account_fault(): min_flt or
 * maj_flt of the thread that took it.  Tracking reads those very counters.
 * The exceptions:page_fault_user/_kernel tracepoints fire when a fault
 * begins, with its address and error code (the access type); the probe
 * notes the thread's two counters then.  When the same thread's next fault
 * begins, the counters' growth since the note is what the kernel counted
 * for the earlier fault (one minor or one major; nothing if it failed), plus
 * any fault taken without registers (GUP) in between, which is counted as
 * unattributed.  A thread's last fault is settled by the drain, which reads
 * the thread's counters once they have grown, or at the end.  No perf event
 * is involved: on every other fault of the system the cost is the probe's
 * look-up of the address space (Documentation/faults.rst).
 *
 * The probe runs in the faulting thread with interrupts off: it appends a
 * small record to a per-CPU ring and returns.  A worker (unbound: it may run
 * on an idle CPU rather than the faulting one) drains the rings every
 * DRAIN_MS (sooner when they fill), and every reader drains first; the drain
 * merges them by time, attributes each fault to its VMA and page under the
 * target's mmap lock (yielding it to writers) and keeps the recent events.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/hash.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/pid.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/stringify.h>
#include <linux/trace_clock.h>
#include <linux/tracepoint.h>
#include <linux/vmstat.h>
#include <linux/workqueue.h>
#include <asm/trap_pf.h>

#include "compat.h"
#include "internal.h"

#define DRAIN_MS	20
#define RING_SIZE	4096		/* records per CPU; a power of two */
#define BATCH		2048		/* records attributed per drain pass */
/* The most faults in progress a drain can settle: one per thread. */
#define SETTLE_MAX	(MMSCOPE_FAULT_MAX_PROCS * MMSCOPE_FAULT_MAX_THREADS)
#define BATCH_CAP	(SETTLE_MAX + BATCH)
#define DRAIN_PASSES	16
#define PAGE_SLOTS	(2 * MMSCOPE_FAULT_MAX_PAGES)	/* open addressing, load <= 1/2 */
#define THR_SLOTS	(2 * MMSCOPE_FAULT_MAX_THREADS)	/* likewise */

#define RAW_F_EXTRA	0x80		/* no fault: counter growth between faults */

/* One settled fault (or, with RAW_F_EXTRA, unattributed growth). */
struct raw_rec {
	u64 ns;				/* when the fault began: trace_clock_local() */
	unsigned long va;
	u32 tid;
	u32 dmin, dmaj;			/* growth of min_flt/maj_flt it settled */
	u8 flags;			/* access << MMSCOPE_FAULT_F_ACC_SHIFT, RAW_F_* */
	u8 slot;			/* sessions[] index */
	u8 gen;				/* the session's generation */
};

/* Single producer (this CPU's probe, irqs off), single consumer (the drain). */
struct pcpu_ring {
	unsigned int head;
	unsigned int tail;
	struct raw_rec *rec;		/* RING_SIZE records, on the CPU's node */
};

/*
 * A thread of a tracked process.  Its fault in progress (the last one that
 * began) is "pending" under a nonzero ID until someone settles it: the
 * thread itself when its next fault begins, or the drain once the thread's
 * counters have grown (or at the end).  Whoever swaps the ID for 0 settles
 * it; the other leaves it alone.  Only the thread writes the fault's fields,
 * and only while nothing is pending.
 */
struct thr {
	u32 tid;			/* 0: free slot; claimed with cmpxchg() */
	u32 pending;			/* ID of the unsettled fault; 0: none */
	struct task_struct *task;	/* a reference; published last */
	/* The thread's own: */
	u32 id;				/* the last ID it handed out; 0: no fault yet */
	u8 acc;
	unsigned long va;
	u64 ns;
	unsigned long snap_min, snap_maj;	/* its counters when the fault began */
	/*
	 * The counters accounted for up to the thread's next fault: set when
	 * the slot is entered, and by the drain before it takes a pending fault.
	 */
	unsigned long res_min, res_maj;
};

struct page_stat {
	unsigned long key;		/* page number + 1; 0: empty slot */
	u32 min, maj, read, write, exec;
};

struct session {
	/* Read by the probe. */
	struct mm_struct *mm;		/* the tracked mm while ACTIVE, else NULL */
	pid_t tgid;			/* the thread group, in the initial namespace */
	u8 slot, gen;
	atomic64_t dropped, other_mm;
	atomic_t nr_thr;		/* claimed slots of @thr */
	struct thr *thr;		/* THR_SLOTS */
	bool raced;			/* a thread older than the start was missed */

	/* Everything else: under faults_lock. */
	u8 state;			/* enum mmscope_fault_state */
	bool collecting;		/* the drain attributes records of @gen */
	struct pid *pid;		/* the thread group */
	struct mm_struct *mm_held;	/* mmgrab()bed; NULL once the mm is gone */
	u64 start_ns, end_ns, min_start, maj_start, min_end, maj_end;
	u64 t_min, t_maj, t_read, t_write, t_exec, unattr, pages_full, vmas_full;
	struct mmscope_fault_vma *vmas;
	unsigned int nr_vmas, last_vma;
	struct page_stat *pages;
	unsigned int nr_pages;
	struct mmscope_fault_event_rec *ring;
	u64 seq;
};

static DEFINE_MUTEX(faults_lock);
static struct session sessions[MMSCOPE_FAULT_MAX_PROCS];
static unsigned int nr_active;
static bool shutting_down;
static struct pcpu_ring __percpu *rings;
static bool rings_ready;		/* records allocated (at the first start) */
static struct raw_rec *batch;		/* BATCH_CAP records */
static struct raw_rec *settled_recs;	/* SETTLE_MAX records */
static s64 mono_offset;			/* CLOCK_MONOTONIC - trace_clock_local(), per drain */

static void drain_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(drain_work, drain_fn);

/* The tracked address spaces, compact for the probe (which runs on every fault). */
static struct mm_struct *tracked_mm[MMSCOPE_FAULT_MAX_PROCS];
static struct tracepoint *tp_user, *tp_kernel;
static bool tp_registered;

/* ---- the hot path --------------------------------------------------------- */

/* Append a record to this CPU's ring (interrupts are off). */
static void emit(struct session *s, const struct thr *t, unsigned long dmin,
		 unsigned long dmaj, bool extra)
{
	struct pcpu_ring *r = this_cpu_ptr(rings);
	unsigned int head = r->head;
	struct raw_rec *rec;

	/* Pairs with the drain's release of tail: it has read the slots it freed. */
	if (unlikely(head - smp_load_acquire(&r->tail) >= RING_SIZE)) {
		atomic64_inc(&s->dropped);
		return;
	}
	rec = &r->rec[head & (RING_SIZE - 1)];
	rec->ns = t->ns;
	rec->va = extra ? 0 : t->va;
	rec->tid = t->tid;
	rec->dmin = min_t(unsigned long, dmin, U32_MAX);
	rec->dmaj = min_t(unsigned long, dmaj, U32_MAX);
	rec->flags = extra ? RAW_F_EXTRA : t->acc << MMSCOPE_FAULT_F_ACC_SHIFT;
	rec->slot = s->slot;
	rec->gen = s->gen;
	/* Publish the record: pairs with the drain's acquire of head. */
	smp_store_release(&r->head, head + 1);
}

/*
 * Claim a slot of @s's thread table for @tid (counting it against the
 * limit); lock-free, for the probe.  NULL: table full.
 */
static struct thr *thr_claim(struct session *s, u32 tid)
{
	unsigned int i = hash_32(tid, ilog2(THR_SLOTS)), n;
	struct thr *t;

	if (atomic_inc_return(&s->nr_thr) > MMSCOPE_FAULT_MAX_THREADS) {
		atomic_dec(&s->nr_thr);
		return NULL;
	}
	for (n = 0; n < THR_SLOTS; n++, i = (i + 1) & (THR_SLOTS - 1)) {
		t = &s->thr[i];
		if (!READ_ONCE(t->tid) && !cmpxchg(&t->tid, 0, tid))
			return t;
	}
	return NULL;	/* cannot happen: the table is at most half full */
}

/* The calling thread's slot; claimed at its first fault.  NULL: table full. */
static struct thr *thr_self(struct session *s, unsigned long min, unsigned long maj)
{
	u32 tid = current->pid;
	unsigned int i = hash_32(tid, ilog2(THR_SLOTS)), n;
	struct thr *t;

	for (n = 0; n < THR_SLOTS; n++, i = (i + 1) & (THR_SLOTS - 1)) {
		t = &s->thr[i];
		if (READ_ONCE(t->tid) == tid)
			return t;
		if (!READ_ONCE(t->tid))
			break;
	}
	/* A thread the start did not see: created since, or raced it. */
	t = thr_claim(s, tid);
	if (!t)
		return NULL;
	/* A thread born after the start counts from zero. */
	if (current->start_time < s->start_ns) {
		t->res_min = min;
		t->res_maj = maj;
		WRITE_ONCE(s->raced, true);
	}
	get_task_struct(current);
	/* The drain reads the slot once the task is there. */
	smp_store_release(&t->task, current);
	return t;
}

static void fault_entry_probe(void *data, unsigned long address, struct pt_regs *regs,
			      unsigned long error_code)
{
	struct mm_struct *mm = current->mm;
	unsigned long min, maj;
	struct session *s;
	unsigned int i;
	struct thr *t;

	if (!mm || address >= TASK_SIZE_MAX)
		return;
	for (i = 0; i < MMSCOPE_FAULT_MAX_PROCS; i++)
		if (READ_ONCE(tracked_mm[i]) == mm)
			break;
	if (i == MMSCOPE_FAULT_MAX_PROCS)
		return;
	/* The session was set up before its mm was published. */
	smp_rmb();
	s = &sessions[i];
	/* vfork() children and CLONE_VM processes share the mm: not ours. */
	if (unlikely(current->tgid != s->tgid)) {
		atomic64_inc(&s->other_mm);
		return;
	}
	min = current->min_flt;
	maj = current->maj_flt;
	t = thr_self(s, min, maj);
	if (unlikely(!t)) {
		atomic64_inc(&s->dropped);
		return;
	}
	/*
	 * Settle the previous fault with what the kernel counted since it
	 * began.  If there was none, or the drain settled it (up to res_*:
	 * ordered by the cmpxchg()), what grew since is not a fault's.
	 */
	if (t->id && cmpxchg(&t->pending, t->id, 0) == t->id)
		emit(s, t, min - t->snap_min, maj - t->snap_maj, false);
	else if (min != t->res_min || maj != t->res_maj)
		emit(s, t, min - t->res_min, maj - t->res_maj, true);
	t->va = address;
	/*
	 * The tracers' clock: sched_clock() without local_clock()'s
	 * cross-CPU correction, which cost 2% of a fault in the test VM.
	 */
	t->ns = trace_clock_local();
	t->snap_min = min;
	t->snap_maj = maj;
	if (error_code & X86_PF_INSTR)
		t->acc = MMSCOPE_FAULT_ACC_EXEC;
	else if (error_code & X86_PF_WRITE)
		t->acc = MMSCOPE_FAULT_ACC_WRITE;
	else
		t->acc = MMSCOPE_FAULT_ACC_READ;
	if (!++t->id)
		t->id = 1;
	/* The fields above are complete for whoever takes the ID. */
	smp_store_release(&t->pending, t->id);
}

static void find_tp(struct tracepoint *tp, void *priv)
{
	if (!strcmp(tp->name, "page_fault_user"))
		tp_user = tp;
	else if (!strcmp(tp->name, "page_fault_kernel"))
		tp_kernel = tp;
}

static int tp_register(void)
{
	int ret;

	if (tp_registered)
		return 0;
	ret = tracepoint_probe_register(tp_user, (void *)fault_entry_probe, NULL);
	if (ret)
		return ret;
	ret = tracepoint_probe_register(tp_kernel, (void *)fault_entry_probe, NULL);
	if (ret) {
		tracepoint_probe_unregister(tp_user, (void *)fault_entry_probe, NULL);
		tracepoint_synchronize_unregister();
		return ret;
	}
	tp_registered = true;
	return 0;
}

/* Waits until no probe runs any more. */
static void tp_unregister(void)
{
	if (!tp_registered)
		return;
	tracepoint_probe_unregister(tp_user, (void *)fault_entry_probe, NULL);
	tracepoint_probe_unregister(tp_kernel, (void *)fault_entry_probe, NULL);
	tracepoint_synchronize_unregister();
	tp_registered = false;
}

/* ---- attribution (faults_lock held) -------------------------------------- */

static void count_vma(struct session *s, struct vm_area_struct *vma, bool major, u8 acc)
{
	unsigned long start = vma ? vma->vm_start : 0, end = vma ? vma->vm_end : 0;
	struct mmscope_fault_vma *v = NULL;
	unsigned int i;

	if (s->last_vma < s->nr_vmas && s->vmas[s->last_vma].start == start &&
	    s->vmas[s->last_vma].end == end) {
		v = &s->vmas[s->last_vma];
	} else {
		for (i = 0; i < s->nr_vmas; i++)
			if (s->vmas[i].start == start && s->vmas[i].end == end)
				break;
		if (i == s->nr_vmas) {
			if (i == MMSCOPE_FAULT_MAX_VMAS) {
				s->vmas_full++;
				return;
			}
			s->vmas[i].start = start;
			s->vmas[i].end = end;
			s->vmas[i].flags = vma ? vma->vm_flags : 0;
			s->nr_vmas++;
		}
		s->last_vma = i;
		v = &s->vmas[i];
	}
	if (major)
		v->maj++;
	else
		v->min++;
	v->read += acc == MMSCOPE_FAULT_ACC_READ;
	v->write += acc == MMSCOPE_FAULT_ACC_WRITE;
	v->exec += acc == MMSCOPE_FAULT_ACC_EXEC;
}

static void count_page(struct session *s, unsigned long va, bool major, u8 acc)
{
	unsigned long key = (va >> PAGE_SHIFT) + 1;
	unsigned int i = hash_long(key, ilog2(PAGE_SLOTS)), n;
	struct page_stat *p;

	for (n = 0; n < PAGE_SLOTS; n++, i = (i + 1) & (PAGE_SLOTS - 1)) {
		p = &s->pages[i];
		if (p->key == key)
			break;
		if (!p->key) {
			if (s->nr_pages == MMSCOPE_FAULT_MAX_PAGES) {
				s->pages_full++;
				return;
			}
			p->key = key;
			s->nr_pages++;
			break;
		}
	}
	if (n == PAGE_SLOTS)
		return;		/* cannot happen: the table is at most half full */
	if (major)
		p->maj++;
	else
		p->min++;
	p->read += acc == MMSCOPE_FAULT_ACC_READ;
	p->write += acc == MMSCOPE_FAULT_ACC_WRITE;
	p->exec += acc == MMSCOPE_FAULT_ACC_EXEC;
}

/* A fault the kernel counted, with an address (not unattributed growth). */
static bool is_fault(const struct raw_rec *r)
{
	return !(r->flags & RAW_F_EXTRA) && (r->dmin || r->dmaj);
}

static void attribute(struct session *s, const struct raw_rec *r, struct vm_area_struct *vma)
{
	u8 acc = (r->flags & MMSCOPE_FAULT_F_ACC_MASK) >> MMSCOPE_FAULT_F_ACC_SHIFT;
	struct mmscope_fault_event_rec *e;
	bool major;

	/* Unattributed growth; or no growth: the fault failed (SIGSEGV, -EFAULT). */
	if (!is_fault(r)) {
		s->unattr += (u64)r->dmin + r->dmaj;
		return;
	}
	/*
	 * Growth by more than one: faults without registers came in between.
	 * If both counters grew, the fault is taken to be the major one: the
	 * usual faults without registers (direct I/O, futexes) are minor.
	 */
	major = r->dmaj;
	s->unattr += (u64)r->dmin + r->dmaj - 1;
	if (major)
		s->t_maj++;
	else
		s->t_min++;
	s->t_read += acc == MMSCOPE_FAULT_ACC_READ;
	s->t_write += acc == MMSCOPE_FAULT_ACC_WRITE;
	s->t_exec += acc == MMSCOPE_FAULT_ACC_EXEC;
	count_vma(s, vma, major, acc);
	count_page(s, r->va, major, acc);

	e = &s->ring[s->seq % MMSCOPE_FAULT_EVENTS];
	e->seq = s->seq++;
	e->time_ns = r->ns + mono_offset;
	e->va = r->va;
	e->vma_start = vma ? vma->vm_start : 0;
	e->tid = r->tid;
	e->flags = (r->flags & MMSCOPE_FAULT_F_ACC_MASK) | (major ? MMSCOPE_FAULT_F_MAJOR : 0);
}

/*
 * Take up to BATCH records from the per-CPU rings into batch[] from @n on,
 * merged by time (each ring is in time order) eight rings at a time.
 * Returns the new count; *busiest is the most records one ring held, and
 * *groups how many sets of rings had records (more than one: the records
 * are in time order set by set only).
 */
static unsigned int collect(unsigned int n, unsigned int *busiest, unsigned int *groups)
{
	struct { struct pcpu_ring *r; unsigned int t, h; } src[8];
	unsigned int end = n + BATCH, nsrc, i, best;
	int cpu = -1;

	*busiest = 0;
	*groups = 0;
	while (rings_ready && n < end) {
		/* A few CPUs at a time keeps the merge cheap on big machines. */
		nsrc = 0;
		while (nsrc < ARRAY_SIZE(src)) {
			cpu = cpumask_next(cpu, cpu_possible_mask);
			if (cpu >= nr_cpu_ids)
				break;
			src[nsrc].r = per_cpu_ptr(rings, cpu);
			/* Records up to head are complete: pairs with the handler's release. */
			src[nsrc].h = smp_load_acquire(&src[nsrc].r->head);
			src[nsrc].t = src[nsrc].r->tail;
			if (src[nsrc].h != src[nsrc].t) {
				*busiest = max(*busiest, src[nsrc].h - src[nsrc].t);
				nsrc++;
			}
		}
		if (!nsrc)
			break;
		(*groups)++;
		while (n < end) {
			best = nsrc;
			for (i = 0; i < nsrc; i++)
				if (src[i].t != src[i].h &&
				    (best == nsrc || src[i].r->rec[src[i].t & (RING_SIZE - 1)].ns <
				     src[best].r->rec[src[best].t & (RING_SIZE - 1)].ns))
					best = i;
			if (best == nsrc)
				break;
			batch[n++] = src[best].r->rec[src[best].t++ & (RING_SIZE - 1)];
		}
		for (i = 0; i < nsrc; i++)	/* release: the slots were copied out */
			smp_store_release(&src[i].r->tail, src[i].t);
		if (cpu >= nr_cpu_ids)
			break;
	}
	return n;
}

/* Records between two checks for a writer waiting on the mmap lock. */
#define LOCK_CHECK	16

/* Attribute @n records of @s to the VMAs they hit, looked up now. */
static void attribute_batch(struct session *s, unsigned int n)
{
	struct mm_struct *mm = s->mm_held;
	struct vm_area_struct *vma = NULL;
	/* Addresses known to have no VMA: a region unmapped since its faults. */
	unsigned long gap_lo = 1, gap_hi = 0, va;
	const struct raw_rec *r;
	bool locked = false;
	unsigned int i;

	if (mm && mmget_not_zero(mm)) {
		mmap_read_lock(mm);
		locked = true;
	}
	for (i = 0; i < n; i++) {
		r = &batch[i];
		if (r->slot != s->slot || r->gen != s->gen)
			continue;
		/* No address to look up. */
		if (!is_fault(r)) {
			attribute(s, r, NULL);
			continue;
		}
		/* Never make the process's mmap()/munmap() wait for the drain. */
		if (locked && i % LOCK_CHECK == 0 && mmap_lock_is_contended(mm)) {
			mmap_read_unlock(mm);
			cond_resched();
			mmap_read_lock(mm);
			vma = NULL;
			gap_hi = 0;
		}
		va = r->va;
		if (!locked || (va >= gap_lo && va < gap_hi)) {
			vma = NULL;
		} else if (!vma || va < vma->vm_start || va >= vma->vm_end) {
			vma = find_vma(mm, va);
			if (!vma || vma->vm_start > va) {
				gap_lo = va;
				gap_hi = vma ? vma->vm_start : ULONG_MAX;
				vma = NULL;
			}
		}
		attribute(s, r, vma);
	}
	if (locked) {
		mmap_read_unlock(mm);
		mmput(mm);
	}
}

static int cmp_ns(const void *a, const void *b)
{
	const struct raw_rec *x = a, *y = b;

	return x->ns < y->ns ? -1 : x->ns > y->ns;
}

/*
 * Settle the faults in progress of @s whose thread's counters have grown
 * since they began (all of them if @final: no probe runs any more); the
 * records go to @out from @n on (room for SETTLE_MAX in all).  Returns the
 * new count.
 */
static unsigned int settle(struct session *s, struct raw_rec *out, unsigned int n,
			   bool final)
{
	unsigned long min, maj, snap_min, snap_maj;
	struct task_struct *task;
	struct raw_rec *r;
	struct thr *t;
	unsigned int i;
	u32 id;

	for (i = 0; i < THR_SLOTS; i++) {
		t = &s->thr[i];
		/* Pairs with the release in thr_self(). */
		task = smp_load_acquire(&t->task);
		if (!task)
			continue;
		/* The fault's fields are complete: pairs with the probe's release. */
		id = smp_load_acquire(&t->pending);
		if (!id)
			continue;
		snap_min = READ_ONCE(t->snap_min);
		snap_maj = READ_ONCE(t->snap_maj);
		r = &out[n];
		r->ns = READ_ONCE(t->ns);
		r->va = READ_ONCE(t->va);
		r->flags = READ_ONCE(t->acc) << MMSCOPE_FAULT_F_ACC_SHIFT;
		/* Exited threads keep their last counts in their task_struct. */
		min = READ_ONCE(task->min_flt);
		maj = READ_ONCE(task->maj_flt);
		/* Not counted yet: still being handled, or it failed. */
		if (min == snap_min && maj == snap_maj && !final)
			continue;
		WRITE_ONCE(t->res_min, min);
		WRITE_ONCE(t->res_maj, maj);
		/* Unless the thread took it meanwhile (and changed the fields). */
		if (cmpxchg(&t->pending, id, 0) != id)
			continue;
		r->tid = t->tid;
		r->dmin = min_t(unsigned long, min - snap_min, U32_MAX);
		r->dmaj = min_t(unsigned long, maj - snap_maj, U32_MAX);
		r->slot = s->slot;
		r->gen = s->gen;
		n++;
	}
	return n;
}

/*
 * Merge the @k settled records, sorted, with the collected ones in
 * batch[SETTLE_MAX..@end), in time order, into batch[] from 0.  Writing
 * never overtakes reading: k <= SETTLE_MAX.  On a tie the collected record
 * goes first: a thread's previous fault, if its clock read the same.
 * Returns the count.
 */
static unsigned int merge_settled(unsigned int k, unsigned int end)
{
	unsigned int i = 0, j = SETTLE_MAX, w = 0;

	sort(settled_recs, k, sizeof(*settled_recs), cmp_ns, NULL);
	while (i < k || j < end) {
		if (j == end || (i < k && settled_recs[i].ns < batch[j].ns))
			batch[w++] = settled_recs[i++];
		else
			batch[w++] = batch[j++];
	}
	return w;
}

/* Returns the most records one CPU had waiting, for the drain's pace. */
static unsigned int drain_locked(void)
{
	unsigned int pass, n, i, busiest, groups, start, most = 0, settled;

	lockdep_assert_held(&faults_lock);
	/* The records are at most a drain period old: the drift is negligible. */
	mono_offset = ktime_get_ns() - trace_clock_local();
	for (pass = 0; pass < DRAIN_PASSES; pass++) {
		/*
		 * Once, and before the rings: the faults in progress that the
		 * kernel has counted since.  A thread publishes its previous
		 * fault's record before it makes the next fault pending, so
		 * every record older than one settled here is in a ring by now
		 * (the acquire in settle() pairs with the probe's release) and
		 * the merge puts them in order.  The rings' records are merged
		 * by time already (unless more than eight rings had records);
		 * a sort of the whole batch cost more than the rest of the
		 * drain.
		 */
		settled = 0;
		for (i = 0; !pass && i < MMSCOPE_FAULT_MAX_PROCS; i++)
			if (sessions[i].state == MMSCOPE_FAULT_STATE_ACTIVE)
				settled = settle(&sessions[i], settled_recs, settled, false);
		start = settled ? SETTLE_MAX : 0;
		n = collect(start, &busiest, &groups);
		if (groups > 1)
			sort(batch + start, n - start, sizeof(*batch), cmp_ns, NULL);
		if (settled)
			n = merge_settled(settled, n);
		most = max(most, busiest);
		if (!n)
			break;
		for (i = 0; i < MMSCOPE_FAULT_MAX_PROCS; i++)
			if (sessions[i].collecting)
				attribute_batch(&sessions[i], n);
	}
	return most;
}

/* ---- counters -------------------------------------------------------------- */

/* As /proc/PID/stat sums them: exited threads' share plus each live thread's. */
static void proc_counters(struct task_struct *task, u64 *min, u64 *maj, u32 *threads)
{
	struct signal_struct *sig = task->signal;
	struct task_struct *t;
	unsigned long flags;
	int seq, nextseq = 0;
	u32 n;

	rcu_read_lock();
	do {
		seq = nextseq;
		flags = read_seqbegin_or_lock_irqsave(&sig->stats_lock, &seq);
		*min = sig->min_flt;
		*maj = sig->maj_flt;
		n = 0;
		__for_each_thread(sig, t) {
			*min += READ_ONCE(t->min_flt);
			*maj += READ_ONCE(t->maj_flt);
			n++;
		}
		nextseq = 1;	/* the second pass takes the lock */
	} while (need_seqretry(&sig->stats_lock, seq));
	done_seqretry_irqrestore(&sig->stats_lock, seq, flags);
	rcu_read_unlock();
	if (threads)
		*threads = n;
}

/* The task behind @pid, if it is a user process; *why says why not. */
static struct task_struct *user_task(struct pid *pid, const char **why)
{
	struct task_struct *task = get_pid_task(pid, PIDTYPE_PID);

	if (!task) {
		*why = "no such process";
		return ERR_PTR(-ESRCH);
	}
	if (task->flags & PF_KTHREAD) {
		put_task_struct(task);
		*why = "kernel thread: it has no user address space";
		return ERR_PTR(-EINVAL);
	}
	return task;
}

/**
 * mmscope_faults_counters() - a process's fault counters and the system's
 * @pid: any thread of the process
 * @c:   filled in
 * @why: a message for the user on failure
 *
 * Return: 0, -ESRCH (no such process), -EINVAL (kernel thread) or -ENOMEM.
 */
int mmscope_faults_counters(struct pid *pid, struct mmscope_fault_counters *c,
			    const char **why)
{
	struct task_struct *task = user_task(pid, why);
	unsigned long *ev;

	if (IS_ERR(task))
		return PTR_ERR(task);
	ev = kmalloc_array(NR_VM_EVENT_ITEMS, sizeof(*ev), GFP_KERNEL);
	if (!ev) {
		put_task_struct(task);
		return -ENOMEM;
	}
	c->pid = task_tgid_vnr(task);
	mmscope_get_task_comm(c->comm, task);
	proc_counters(task, &c->min, &c->maj, &c->threads);
	put_task_struct(task);
	all_vm_events(ev);
	c->sys_pgfault = ev[PGFAULT];
	c->sys_pgmajfault = ev[PGMAJFAULT];
	kfree(ev);
	return 0;
}

/* ---- sessions (faults_lock held) ------------------------------------------- */

static struct session *find_session(struct pid *pid)
{
	struct task_struct *task = get_pid_task(pid, PIDTYPE_PID);
	struct session *s = NULL;
	unsigned int i;

	if (!task)
		return NULL;
	for (i = 0; i < MMSCOPE_FAULT_MAX_PROCS; i++)
		if (sessions[i].state != MMSCOPE_FAULT_STATE_OFF &&
		    sessions[i].pid == task_tgid(task))
			s = &sessions[i];
	put_task_struct(task);
	return s;
}

/* A free record, else the one that ended longest ago; NULL if all are active. */
static struct session *free_session(void)
{
	struct session *s = NULL;
	unsigned int i;

	for (i = 0; i < MMSCOPE_FAULT_MAX_PROCS; i++) {
		if (sessions[i].state == MMSCOPE_FAULT_STATE_OFF)
			return &sessions[i];
		if (sessions[i].state != MMSCOPE_FAULT_STATE_ACTIVE &&
		    (!s || sessions[i].end_ns < s->end_ns))
			s = &sessions[i];
	}
	return s;
}

static void release_session(struct session *s)
{
	put_pid(s->pid);
	s->pid = NULL;
	if (s->mm_held)
		mmdrop(s->mm_held);
	s->mm_held = NULL;
	s->state = MMSCOPE_FAULT_STATE_OFF;
}

/* Drop the references the thread table holds (no probe runs any more). */
static void put_threads(struct session *s)
{
	unsigned int i;

	for (i = 0; i < THR_SLOTS; i++) {
		if (s->thr[i].task)
			put_task_struct(s->thr[i].task);
		s->thr[i].task = NULL;
	}
}

/* End an active session: no probe can reach it once this returns. */
static void end_session(struct session *s, u8 state)
{
	struct task_struct *task;
	unsigned int n;

	WRITE_ONCE(s->mm, NULL);
	WRITE_ONCE(tracked_mm[s->slot], NULL);
	if (--nr_active == 0)
		tp_unregister();
	else
		tracepoint_synchronize_unregister();	/* probes that saw the mm */
	drain_locked();
	/* The faults still in progress: those the kernel counted by now. */
	n = settle(s, batch, 0, true);
	if (n)
		attribute_batch(s, n);
	put_threads(s);
	s->collecting = false;
	s->end_ns = ktime_get_ns();
	if (state == MMSCOPE_FAULT_STATE_STOPPED) {
		task = get_pid_task(s->pid, PIDTYPE_TGID);
		if (task) {
			proc_counters(task, &s->min_end, &s->maj_end, NULL);
			put_task_struct(task);
		}
	} else {
		/* The address space is gone: nothing left to name VMAs with. */
		mmdrop(s->mm_held);
		s->mm_held = NULL;
	}
	s->state = state;
}

static int alloc_tables(struct session *s)
{
	if (!s->vmas)
		s->vmas = kvcalloc(MMSCOPE_FAULT_MAX_VMAS, sizeof(*s->vmas), GFP_KERNEL);
	if (!s->pages)
		s->pages = kvcalloc(PAGE_SLOTS, sizeof(*s->pages), GFP_KERNEL);
	if (!s->ring)
		s->ring = kvcalloc(MMSCOPE_FAULT_EVENTS, sizeof(*s->ring), GFP_KERNEL);
	if (!s->thr)
		s->thr = kvcalloc(THR_SLOTS, sizeof(*s->thr), GFP_KERNEL);
	if (!s->vmas || !s->pages || !s->ring || !s->thr)
		return -ENOMEM;
	memset(s->vmas, 0, MMSCOPE_FAULT_MAX_VMAS * sizeof(*s->vmas));
	memset(s->pages, 0, PAGE_SLOTS * sizeof(*s->pages));
	memset(s->thr, 0, THR_SLOTS * sizeof(*s->thr));
	return 0;
}

static void reset_counts(struct session *s)
{
	s->nr_vmas = 0;
	s->last_vma = 0;
	s->nr_pages = 0;
	s->seq = 0;
	s->t_min = 0;
	s->t_maj = 0;
	s->t_read = 0;
	s->t_write = 0;
	s->t_exec = 0;
	s->unattr = 0;
	s->pages_full = 0;
	s->vmas_full = 0;
	s->min_end = 0;
	s->maj_end = 0;
	s->end_ns = 0;
	atomic64_set(&s->dropped, 0);
	atomic64_set(&s->other_mm, 0);
	atomic_set(&s->nr_thr, 0);
	s->raced = false;
}

/*
 * Enter the threads in @tasks (their references pass to the table) with
 * their counters now; the process's counters at the start are the exited
 * threads' share plus these, so that both begin at the same moment.
 */
static void enter_threads(struct session *s, struct task_struct *leader,
			  struct task_struct **tasks, unsigned int n)
{
	unsigned int i;
	struct thr *t;

	s->min_start = READ_ONCE(leader->signal->min_flt);
	s->maj_start = READ_ONCE(leader->signal->maj_flt);
	for (i = 0; i < n; i++) {
		t = thr_claim(s, tasks[i]->pid);	/* n <= the limit: never NULL */
		t->task = tasks[i];
		t->res_min = READ_ONCE(tasks[i]->min_flt);
		t->res_maj = READ_ONCE(tasks[i]->maj_flt);
		s->min_start += t->res_min;
		s->maj_start += t->res_maj;
		tasks[i] = NULL;
	}
}

static void free_rings(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		kvfree(per_cpu_ptr(rings, cpu)->rec);
		per_cpu_ptr(rings, cpu)->rec = NULL;
	}
	rings_ready = false;
}

/* The records are allocated when first needed: nothing is tracked before. */
static int alloc_rings(void)
{
	struct pcpu_ring *r;
	int cpu;

	if (rings_ready)
		return 0;
	for_each_possible_cpu(cpu) {
		r = per_cpu_ptr(rings, cpu);
		r->rec = kvmalloc_node(RING_SIZE * sizeof(*r->rec), GFP_KERNEL, cpu_to_node(cpu));
		if (!r->rec) {
			free_rings();
			return -ENOMEM;
		}
	}
	rings_ready = true;
	return 0;
}

static int start_session(struct task_struct *task, const char **why)
{
	struct task_struct **tasks;
	struct mm_struct *mm;
	struct session *s;
	struct task_struct *t;
	unsigned int n = 0, i;
	int ret;

	if (mmscope_faults_unavailable()) {
		*why = mmscope_faults_unavailable();
		return -EOPNOTSUPP;
	}
	s = find_session(task_tgid(task));
	if (s && s->state == MMSCOPE_FAULT_STATE_ACTIVE) {
		*why = "already tracking this process";
		return -EBUSY;
	}
	if (!s)
		s = free_session();
	if (!s) {
		*why = "too many tracked processes (the limit is "
		       __stringify(MMSCOPE_FAULT_MAX_PROCS) ")";
		return -EBUSY;
	}
	mm = get_task_mm(task);
	if (!mm) {
		*why = "process has exited: its address space is gone";
		return -ENOENT;
	}
	tasks = kcalloc(MMSCOPE_FAULT_MAX_THREADS, sizeof(*tasks), GFP_KERNEL);
	ret = tasks ? alloc_rings() : -ENOMEM;
	if (!ret)
		ret = alloc_tables(s);
	if (ret)
		goto out;

	/* Threads born from now on count from zero (thr_self()). */
	s->start_ns = ktime_get_ns();
	rcu_read_lock();
	for_each_thread(task, t) {
		if (n == MMSCOPE_FAULT_MAX_THREADS) {
			ret = -E2BIG;
			break;
		}
		get_task_struct(t);
		tasks[n++] = t;
	}
	rcu_read_unlock();
	if (ret) {
		*why = "process has more threads than can be tracked ("
		       __stringify(MMSCOPE_FAULT_MAX_THREADS) ")";
		goto put;
	}
	ret = tp_register();
	if (ret) {
		*why = "cannot register on the page-fault tracepoints";
		goto put;
	}

	if (s->state != MMSCOPE_FAULT_STATE_OFF)
		release_session(s);
	reset_counts(s);
	enter_threads(s, task, tasks, n);
	s->pid = get_pid(task_tgid(task));
	s->tgid = task->tgid;
	mmgrab(mm);
	s->mm_held = mm;
	s->gen++;
	s->collecting = true;
	s->state = MMSCOPE_FAULT_STATE_ACTIVE;
	nr_active++;
	WRITE_ONCE(s->mm, mm);
	/* The session is complete before the probe can find it: pairs with its smp_rmb(). */
	smp_wmb();
	WRITE_ONCE(tracked_mm[s->slot], mm);
	if (!shutting_down)
		mod_delayed_work(system_unbound_wq, &drain_work, msecs_to_jiffies(DRAIN_MS));
put:
	for (i = 0; i < n; i++)
		if (tasks[i])
			put_task_struct(tasks[i]);
out:
	kfree(tasks);
	mmput(mm);
	return ret;
}

/**
 * mmscope_faults_track() - start or stop tracking the faults of a process
 * @pid:   any thread of the process
 * @start: true to start, false to stop
 * @why:   a message for the user on failure
 *
 * Return: 0; -ESRCH, -EINVAL (kernel thread), -ENOENT (exited; or stop
 * without tracking), -EBUSY (already tracked; too many tracked), -E2BIG (too
 * many threads), -EOPNOTSUPP (no page-fault tracepoints), -ENOMEM, or an
 * error from registering the probe.
 */
int mmscope_faults_track(struct pid *pid, bool start, const char **why)
{
	struct task_struct *task = user_task(pid, why);
	struct session *s;
	int ret = 0;

	if (IS_ERR(task))
		return PTR_ERR(task);
	mutex_lock(&faults_lock);
	if (shutting_down) {
		ret = -ENODEV;
		*why = "the module is unloading";
	} else if (start) {
		ret = start_session(task, why);
	} else {
		s = find_session(task_tgid(task));
		if (!s || s->state != MMSCOPE_FAULT_STATE_ACTIVE) {
			*why = "this process is not being tracked";
			ret = -ENOENT;
		} else {
			end_session(s, MMSCOPE_FAULT_STATE_STOPPED);
		}
	}
	mutex_unlock(&faults_lock);
	put_task_struct(task);
	return ret;
}

/* A tracked address space that lost its last user: its process exited or exec'd. */
static void reap_locked(void)
{
	struct session *s;
	unsigned int i;

	for (i = 0; i < MMSCOPE_FAULT_MAX_PROCS; i++) {
		s = &sessions[i];
		if (s->state == MMSCOPE_FAULT_STATE_ACTIVE &&
		    !atomic_read(&s->mm_held->mm_users))
			end_session(s, MMSCOPE_FAULT_STATE_EXITED);
	}
}

static void drain_fn(struct work_struct *work)
{
	unsigned long delay = msecs_to_jiffies(DRAIN_MS);

	mutex_lock(&faults_lock);
	/* A ring that filled a quarter since the last time: come back sooner. */
	if (drain_locked() > RING_SIZE / 4)
		delay = 1;
	reap_locked();
	if (nr_active && !shutting_down)
		queue_delayed_work(system_unbound_wq, &drain_work, delay);
	mutex_unlock(&faults_lock);
}

/* The session of @pid with everything drained; NULL when never tracked. */
static struct session *fresh_session(struct pid *pid)
{
	struct session *s = find_session(pid);

	if (s && s->state == MMSCOPE_FAULT_STATE_ACTIVE) {
		drain_locked();
		reap_locked();
	}
	return s;
}

/**
 * mmscope_faults_summary() - state and totals of the tracking of a process
 * @pid: any thread of the process
 * @out: filled in; state MMSCOPE_FAULT_STATE_OFF when not tracked
 *
 * Return: 0.
 */
int mmscope_faults_summary(struct pid *pid, struct mmscope_fault_summary *out)
{
	struct session *s;

	memset(out, 0, sizeof(*out));
	mutex_lock(&faults_lock);
	s = fresh_session(pid);
	if (s) {
		out->state = s->state;
		out->access_known = true;
		out->start_raced = READ_ONCE(s->raced);
		out->track_threads = atomic_read(&s->nr_thr);
		out->pages = s->nr_pages;
		out->start_ns = s->start_ns;
		out->end_ns = s->end_ns;
		out->min_start = s->min_start;
		out->maj_start = s->maj_start;
		out->min_end = s->min_end;
		out->maj_end = s->maj_end;
		out->t_min = s->t_min;
		out->t_maj = s->t_maj;
		out->t_read = s->t_read;
		out->t_write = s->t_write;
		out->t_exec = s->t_exec;
		out->other_mm = atomic64_read(&s->other_mm);
		out->dropped = atomic64_read(&s->dropped);
		out->unattributed = s->unattr;
		out->pages_full = s->pages_full;
		out->vmas_full = s->vmas_full;
		out->events_next = s->seq;
	}
	mutex_unlock(&faults_lock);
	return 0;
}

/**
 * mmscope_faults_vmas() - per-VMA counts of a tracked process
 * @pid: any thread of the process
 * @pos: index of the first VMA to report; on return, where to resume
 * @fn:  called per VMA (with its current name, "" if gone); nonzero stops
 * @arg: for @fn
 *
 * Return: 0 (finished), 1 (@fn stopped), -ENOENT if never tracked, -ENOMEM.
 */
int mmscope_faults_vmas(struct pid *pid, unsigned int *pos, mmscope_fault_vma_fn fn, void *arg)
{
	struct vm_area_struct *vma;
	struct mm_struct *mm = NULL;
	struct mmscope_fault_vma *v;
	const char *name;
	struct session *s;
	char *path;
	int ret = 0;

	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	mutex_lock(&faults_lock);
	s = fresh_session(pid);
	if (!s) {
		ret = -ENOENT;
		goto out;
	}
	if (s->mm_held && mmget_not_zero(s->mm_held)) {
		mm = s->mm_held;
		mmap_read_lock(mm);
	}
	for (; *pos < s->nr_vmas; ++*pos) {
		v = &s->vmas[*pos];
		name = "";
		vma = mm && v->end ? find_vma(mm, v->start) : NULL;
		if (vma && vma->vm_start == v->start && vma->vm_end == v->end)
			name = mmscope_vma_name(vma, path, PATH_MAX);
		if (fn(arg, v, name)) {
			ret = 1;
			break;
		}
	}
	if (mm) {
		mmap_read_unlock(mm);
		mmput(mm);
	}
out:
	mutex_unlock(&faults_lock);
	kfree(path);
	return ret;
}

/**
 * mmscope_faults_pages() - per-page counts of a tracked process
 * @pid: any thread of the process
 * @pos: table slot to start at (0 first); on return, where to resume
 * @fn:  called per page, in no particular order; nonzero stops
 * @arg: for @fn
 *
 * Return: 0 (finished), 1 (@fn stopped) or -ENOENT if never tracked.
 */
int mmscope_faults_pages(struct pid *pid, unsigned int *pos, mmscope_fault_page_fn fn, void *arg)
{
	struct mmscope_fault_page_rec r = { };
	const struct page_stat *p;
	struct session *s;
	int ret = 0;

	mutex_lock(&faults_lock);
	s = fresh_session(pid);
	if (!s) {
		ret = -ENOENT;
		goto out;
	}
	for (; *pos < PAGE_SLOTS; ++*pos) {
		p = &s->pages[*pos];
		if (!p->key)
			continue;
		r.va = (u64)(p->key - 1) << PAGE_SHIFT;
		r.minor = p->min;
		r.major = p->maj;
		r.read = p->read;
		r.write = p->write;
		r.exec = p->exec;
		if (fn(arg, &r)) {
			ret = 1;
			break;
		}
	}
out:
	mutex_unlock(&faults_lock);
	return ret;
}

/**
 * mmscope_faults_events() - recent fault events of a tracked process
 * @pid:    any thread of the process
 * @cursor: first sequence number wanted (older ones that were overwritten
 *          are skipped); on return, the one to ask for next time
 * @fn:     called per event, oldest first; nonzero stops
 * @arg:    for @fn
 *
 * Return: 0 (finished), 1 (@fn stopped) or -ENOENT if never tracked.
 */
int mmscope_faults_events(struct pid *pid, u64 *cursor, mmscope_fault_event_fn fn, void *arg)
{
	struct session *s;
	int ret = 0;
	u64 first;

	mutex_lock(&faults_lock);
	s = fresh_session(pid);
	if (!s) {
		ret = -ENOENT;
		goto out;
	}
	first = s->seq > MMSCOPE_FAULT_EVENTS ? s->seq - MMSCOPE_FAULT_EVENTS : 0;
	if (*cursor < first)
		*cursor = first;
	for (; *cursor < s->seq; ++*cursor) {
		if (fn(arg, &s->ring[*cursor % MMSCOPE_FAULT_EVENTS])) {
			ret = 1;
			break;
		}
	}
out:
	mutex_unlock(&faults_lock);
	return ret;
}

/**
 * mmscope_faults_active() - number of processes being tracked now
 */
unsigned int mmscope_faults_active(void)
{
	unsigned int n;

	mutex_lock(&faults_lock);
	reap_locked();
	n = nr_active;
	mutex_unlock(&faults_lock);
	return n;
}

/**
 * mmscope_faults_unavailable() - why tracking cannot work here; NULL if it can
 */
const char *mmscope_faults_unavailable(void)
{
	if (tp_user && tp_kernel)
		return NULL;
	return "kernel without the exceptions:page_fault_user/_kernel tracepoints";
}

/**
 * mmscope_faults_init() - allocate the per-CPU rings; find the tracepoints
 *
 * Return: 0 or -ENOMEM.
 */
int mmscope_faults_init(void)
{
	unsigned int i;

	rings = alloc_percpu(struct pcpu_ring);
	batch = kvmalloc_array(BATCH_CAP, sizeof(*batch), GFP_KERNEL);
	settled_recs = kvmalloc_array(SETTLE_MAX, sizeof(*settled_recs), GFP_KERNEL);
	if (!rings || !batch || !settled_recs) {
		free_percpu(rings);
		kvfree(batch);
		kvfree(settled_recs);
		return -ENOMEM;
	}
	for (i = 0; i < MMSCOPE_FAULT_MAX_PROCS; i++)
		sessions[i].slot = i;
	for_each_kernel_tracepoint(find_tp, NULL);
	return 0;
}

/**
 * mmscope_faults_exit() - stop all tracking and free everything
 *
 * The front ends are gone: nothing can start tracking any more.
 */
void mmscope_faults_exit(void)
{
	struct session *s;
	unsigned int i;

	mutex_lock(&faults_lock);
	shutting_down = true;
	mutex_unlock(&faults_lock);
	cancel_delayed_work_sync(&drain_work);

	mutex_lock(&faults_lock);
	for (i = 0; i < MMSCOPE_FAULT_MAX_PROCS; i++) {
		s = &sessions[i];
		if (s->state == MMSCOPE_FAULT_STATE_ACTIVE)
			end_session(s, MMSCOPE_FAULT_STATE_STOPPED);
		if (s->state != MMSCOPE_FAULT_STATE_OFF)
			release_session(s);
		kvfree(s->vmas);
		kvfree(s->pages);
		kvfree(s->ring);
		kvfree(s->thr);
	}
	if (rings_ready)
		free_rings();
	mutex_unlock(&faults_lock);
	free_percpu(rings);
	kvfree(batch);
	kvfree(settled_recs);
}
