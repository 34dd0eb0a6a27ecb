// SPDX-License-Identifier: GPL-2.0
/*
 * Replacement policies per memory cgroup: the module decides which of a
 * cgroup's pages the kernel's own reclaim evicts.
 *
 * Both reclaim paths (the classic active/inactive lists and MGLRU) ask
 * folio_referenced() about every eviction candidate, and act on its return
 * value: 0 reclaims the folio; non-zero keeps it (one more round on its list,
 * or activated when its PG_referenced was set as well).  A
 * kretprobe on folio_referenced() therefore steers reclaim: its entry handler
 * notes the folio when the folio is charged to a cgroup that has a policy,
 * and its return handler, after the kernel has read (and cleared) the
 * folio's accessed bits, replaces the return value with the policy's
 * verdict.  Calls for other cgroups' folios pass untouched, so every other
 * cgroup keeps the kernel's behaviour.
 *
 * The kernel chooses the candidates and their order (the inactive list's
 * tail, or MGLRU's oldest generation); a policy can only say "evict" or
 * "keep" to each.  A kept folio comes back later (after a trip along the
 * inactive list, or from a younger generation), so each policy is a rule
 * over the candidate stream; Documentation/policies.rst says how that
 * differs from the textbook algorithm.
 *
 * lru and lfu also sample the hardware accessed (A) bits every interval, as
 * the textbook's aging does: a worker walks the page tables of the cgroup's
 * processes (the module's walk engine), clears each set A bit of a page
 * charged to the cgroup and records the reference; then it ages every
 * tracked page (shifts the history in, or counts) and computes the median
 * value, at or below which a candidate is evicted.  The other policies only
 * read what folio_referenced() found at the candidate itself.
 *
 * Per-page state lives in a fixed-size, set-associative table per policy
 * (struct pol_page, 16 bytes), indexed by the folio's PFN and checked against
 * the folio's identity (mapping and index), so a freed and reused frame is a
 * new page.  Table entries are replaced oldest first when a bucket is full;
 * a worker drops entries whose page went away and removes policies whose
 * cgroup was deleted.
 *
 * Locking: the handlers run in atomic context; each policy's state is under
 * its spinlock (irqsave, no allocation).  Installed policies are published
 * through RCU; removal unpublishes, waits for handlers (synchronize_rcu, or
 * unregister_kretprobe() for the last one) and only then frees.  The return
 * handler finds its policy again by slot and checks the cgroup, so a policy
 * replaced or removed between a call's entry and return is never touched
 * after it is freed.
 *
 * Progress: a policy never keeps candidates forever; after max_protect
 * protections in a row the next candidate is evicted whatever the policy
 * says, so reclaim always frees something.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/hash.h>
#include <linux/jiffies.h>
#include <linux/kprobes.h>
#include <linux/log2.h>
#include <linux/memcontrol.h>
#include <linux/mm_inline.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/page_counter.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/spinlock.h>
#include <linux/stringify.h>
#include <linux/timekeeping.h>
#include <linux/trace_clock.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>

#include "compat.h"
#include "internal.h"

#define BUCKET		8		/* entries per hash bucket */
#define MIN_SLOTS	1024
#define ESC_WINDOW	32		/* esc: a "pass" of the clock, in candidates */
#define REAP_MS		500		/* cgroup and stale-entry checks */
#define SWEEP_CHUNK	512		/* entries checked per lock hold */
#define VERDICT_ROUND	1		/* with PG_referenced clear: one more round */
#define VERDICT_ACTIVATE 2		/* activate */
#define SAMPLE_MAX_MMS	32		/* address spaces sampled per round */
#define AGE_CHUNK	4096		/* entries aged per lock hold */

/* Per-page state: 16 bytes. */
struct pol_page {
	u32 key;			/* PFN + 1; 0: free */
	u32 ident;			/* hash of the folio's mapping and index */
	u32 stamp;			/* jiffies of the last update */
	u16 count;			/* lfu: intervals with a reference */
	u8 hist;			/* lru: reference history, bit 7 the newest */
	u8 flags;			/* PF_*; bits 4-7: folio order */
};

#define PF_REF		BIT(0)		/* referenced at an active-list look, not yet used */
#define PF_KEPT		BIT(1)		/* mru: in the kept set */
#define PF_SAMPLED	BIT(2)		/* lru/lfu: A bit found set in this interval */
#define PF_ORDER_SHIFT	4

enum verdict { V_KERNEL, V_EVICT, V_PROTECT };

struct policy {
	/* Set at install, then read-only. */
	struct mem_cgroup *memcg;	/* css reference held */
	u64 cgroup_id;
	struct mmscope_policy_params pp;
	u64 installed_ns;
	unsigned long interval_j;	/* lru/lfu: sampling interval; else 0 */
	struct pol_page *table;		/* NULL for stateless policies */
	u32 nr_slots;
	u32 bucket_bits;
	struct delayed_work sample_work;	/* lru/lfu */
	bool dying;			/* the sampler must not queue itself again */
	u64 rounds, sample_ns, sample_refs, flushes;	/* the sampler's own */

	spinlock_t lock;		/* the rest; taken by the handlers, irqs off */
	u64 rng;
	u32 streak;			/* protections in a row */
	u32 threshold;			/* lru/lfu: the tracked pages' median value */
	u64 last00;			/* esc: @examined at the last (0,0) candidate */
	u32 tracked, kept;
	u64 examined, referenced, evicted, protected, forced, contended, aged;
	u64 replaced, stale;
};

/* What the entry handler hands to the return handler. */
struct ref_call {
	struct folio *folio;
	struct mem_cgroup *memcg;	/* compared only, never dereferenced */
	u16 slot;
	bool locked;
	bool timed;			/* one of the HOOK_SAMPLE calls timed */
};

/*
 * Reading the clock costs about as much as the rest of a handler, so the
 * handlers time one call in HOOK_SAMPLE and the reported time is scaled up.
 * The clock is the tracers' (sched_clock()): a handler starts and ends on
 * one CPU, and local_clock()'s correction between CPUs cost 170 ns a read
 * under QEMU TCG with the TSC marked unstable, against about 70 ns.
 */
#define HOOK_SAMPLE	64

struct hook_stat {
	u64 calls, matched;
	u64 ns;				/* the timed calls' handlers only */
};

static DEFINE_MUTEX(policy_lock);
static struct policy __rcu *slots[MMSCOPE_POLICY_MAX_CGROUPS];
/* The handlers' filter: the memcg of each slot, or NULL. */
static struct mem_cgroup *slot_memcg[MMSCOPE_POLICY_MAX_CGROUPS];
static unsigned int nr_policies;	/* under policy_lock */
static bool probe_on, exiting;
static struct kretprobe ref_probe;
static DEFINE_PER_CPU(struct hook_stat, hook_stat);

static void reap_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(reap_work, reap_fn);

static const char *const kind_names[] = MMSCOPE_POLICY_NAMES;

/**
 * mmscope_policy_name() - a policy kind's name
 * @kind: enum mmscope_policy_kind
 */
const char *mmscope_policy_name(unsigned int kind)
{
	return kind < ARRAY_SIZE(kind_names) ? kind_names[kind] : "?";
}

static bool uses_table(u8 kind)
{
	return kind != MMSCOPE_POLICY_DEFAULT && kind != MMSCOPE_POLICY_FIFO &&
	       kind != MMSCOPE_POLICY_RANDOM;
}

/* ---- per-page table ------------------------------------------------------ */

static u32 folio_ident(struct folio *folio)
{
	unsigned long m = (unsigned long)READ_ONCE(folio->mapping);

	return hash_64(m ^ ((u64)READ_ONCE(folio->index) * GOLDEN_RATIO_64), 32);
}

static void drop(struct policy *p, struct pol_page *e)
{
	if (e->flags & PF_KEPT)
		p->kept -= 1U << (e->flags >> PF_ORDER_SHIFT);
	e->key = 0;
	p->tracked--;
}

/*
 * The folio's entry; with @insert, a new one when it has none (replacing the
 * bucket's oldest entry, preferring ones outside mru's kept set, when the
 * bucket is full).  NULL when the folio has no entry (or its PFN does not
 * fit).  Called under p->lock.
 */
static struct pol_page *lookup(struct policy *p, struct folio *folio, bool insert)
{
	unsigned long pfn = folio_pfn(folio);
	struct pol_page *b, *victim = NULL;
	u32 key, ident, now;
	u64 age, oldest = 0;
	unsigned int i;

	if (pfn >= U32_MAX)
		return NULL;
	key = pfn + 1;
	ident = folio_ident(folio);
	b = &p->table[hash_32(key, p->bucket_bits) * BUCKET];
	for (i = 0; i < BUCKET; i++) {
		if (b[i].key != key)
			continue;
		if (b[i].ident == ident)
			return &b[i];
		/* The frame holds another page now. */
		drop(p, &b[i]);
		p->stale++;
		victim = &b[i];
		break;
	}
	if (!insert)
		return NULL;
	if (!victim) {
		now = jiffies;
		for (i = 0; i < BUCKET && b[i].key; i++) {
			age = (u32)(now - b[i].stamp) + (b[i].flags & PF_KEPT ? 0 : 1ULL << 32);
			if (!victim || age > oldest) {
				victim = &b[i];
				oldest = age;
			}
		}
		if (i < BUCKET) {
			victim = &b[i];
		} else {
			drop(p, victim);
			p->replaced++;
		}
	}
	victim->key = key;
	victim->ident = ident;
	victim->stamp = jiffies;
	victim->count = 0;
	victim->hist = 0;
	victim->flags = min(folio_order(folio), 15U) << PF_ORDER_SHIFT;
	p->tracked++;
	return victim;
}

/* ---- decisions ------------------------------------------------------------- */

/* xorshift64*, seeded through splitmix64: reproducible from the seed. */
static u64 rng_seed(u64 seed)
{
	u64 z = seed + 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return z ? z : 1;
}

static u32 rng_next(struct policy *p)
{
	u64 x = p->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	p->rng = x;
	return (x * 0x2545f4914f6cdd1dULL) >> 32;
}

/*
 * lru/lfu: evict a candidate whose value is at most the median of the tracked
 * pages' values.  lru's value is the reference history (bit 7: the latest
 * interval), lfu's the number of intervals with a reference; a reference
 * folio_referenced() just found counts as one in the current interval.
 */
static enum verdict value_verdict(struct policy *p, struct pol_page *e, bool ref)
{
	u32 v;

	if (p->pp.kind == MMSCOPE_POLICY_LRU)
		v = (e ? e->hist : 0) | (ref ? 0x80 : 0);
	else
		v = (e ? e->count : 0) + ref;
	return v <= p->threshold ? V_EVICT : V_PROTECT;
}

/* The kept set's limit: keep% of memory.max (or memory.high), else of usage. */
static u32 mru_quota(const struct policy *p)
{
	unsigned long limit = min(READ_ONCE(p->memcg->memory.max),
				  READ_ONCE(p->memcg->memory.high));

	if (limit >= PAGE_COUNTER_MAX)
		limit = page_counter_read(&p->memcg->memory);
	return min_t(u64, (u64)limit * p->pp.keep_pct / 100, U32_MAX);
}

static enum verdict mru_verdict(struct policy *p, struct folio *folio)
{
	unsigned int nr = folio_nr_pages(folio);
	struct pol_page *e = lookup(p, folio, false);

	if (e && (e->flags & PF_KEPT))
		return V_PROTECT;
	if (p->kept + nr > mru_quota(p))
		return V_EVICT;
	e = lookup(p, folio, true);
	if (!e)
		return V_EVICT;
	e->flags |= PF_KEPT;
	p->kept += 1U << (e->flags >> PF_ORDER_SHIFT);
	return V_PROTECT;
}

/* Writing the folio back is needed to evict it: the "D" of (A, D). */
static bool needs_write(struct folio *folio)
{
	return folio_test_dirty(folio) ||
	       (folio_test_swapbacked(folio) && !folio_test_swapcache(folio));
}

static enum verdict esc_verdict(struct policy *p, struct folio *folio, bool ref)
{
	if (ref)
		return V_PROTECT;
	if (!needs_write(folio)) {
		p->last00 = p->examined;
		return V_EVICT;
	}
	/* (0,1): only when a whole pass found no (0,0) page. */
	return p->examined - p->last00 > ESC_WINDOW ? V_EVICT : V_PROTECT;
}

/* lru and lfu: the kernel cleared A bits the sampler would have found. */
static bool sampled(const struct policy *p)
{
	return p->pp.kind == MMSCOPE_POLICY_LRU || p->pp.kind == MMSCOPE_POLICY_LFU;
}

/*
 * An active-list look (classic LRU): keep its reference for the next
 * decision, and for lru/lfu in this interval's sample.
 */
static void note_aging(struct policy *p, struct folio *folio, int orig)
{
	struct pol_page *e;

	p->aged++;
	if (orig <= 0 || !p->table || p->pp.kind == MMSCOPE_POLICY_MRU)
		return;
	e = lookup(p, folio, true);
	if (e)
		e->flags |= sampled(p) ? PF_REF | PF_SAMPLED : PF_REF;
}

/*
 * How to keep a folio.  folio_check_references() activates a folio when
 * folio_referenced() returns 2 or more, and otherwise (1) keeps it on its
 * list for one more round, setting PG_referenced, unless that was set
 * already (then it activates).  Activating every kept folio can fill the
 * active list, which the kernel ages only when its inactive list looks
 * short by its lazily flushed statistics: reclaim then finds nothing to
 * scan and the cgroup goes out of memory (seen on 6.12).  So a kept folio
 * is activated while the cgroup's active list on its node is shorter than
 * the inactive one (the kernel's own target for small cgroups), and goes
 * round its list once more otherwise.  The caller holds the folio lock.
 */
static int keep(struct policy *p, struct folio *folio)
{
	/* mem_cgroup_lruvec() would need root_mem_cgroup, not exported before 7.x. */
	struct mem_cgroup_per_node *mz = p->memcg->nodeinfo[folio_nid(folio)];
	enum lru_list lru = folio_is_file_lru(folio) ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON;
	unsigned long inactive = 0, active = 0;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		inactive += READ_ONCE(mz->lru_zone_size[z][lru]);
		active += READ_ONCE(mz->lru_zone_size[z][lru + LRU_ACTIVE]);
	}
	if (active < inactive)
		return VERDICT_ACTIVATE;
	folio_clear_referenced(folio);
	return VERDICT_ROUND;
}

/* The policy's answer for one folio_referenced() call that returned @orig. */
static int decide(struct policy *p, struct folio *folio, bool locked, int orig)
{
	enum verdict v = V_KERNEL;
	struct pol_page *e = NULL;
	unsigned long flags;
	bool ref = orig > 0;
	int ret = orig;

	spin_lock_irqsave(&p->lock, flags);
	if (!locked) {
		note_aging(p, folio, orig);
		goto out;
	}
	p->examined++;
	if (orig < 0) {
		/* The rmap walk gave up: the kernel rotates the folio. */
		p->contended++;
		goto out;
	}
	if (p->table && p->pp.kind != MMSCOPE_POLICY_MRU) {
		e = lookup(p, folio, true);
		if (e && (e->flags & PF_REF))
			ref = true;
		if (e && orig > 0 && sampled(p))
			e->flags |= PF_SAMPLED;
	}
	if (ref)
		p->referenced++;
	switch (p->pp.kind) {
	case MMSCOPE_POLICY_FIFO:
		v = V_EVICT;
		break;
	case MMSCOPE_POLICY_CLOCK:
		v = ref ? V_PROTECT : V_EVICT;
		break;
	case MMSCOPE_POLICY_LRU:
	case MMSCOPE_POLICY_LFU:
		v = value_verdict(p, e, ref);
		break;
	case MMSCOPE_POLICY_MRU:
		v = mru_verdict(p, folio);
		if (v == V_PROTECT)
			e = lookup(p, folio, false);
		break;
	case MMSCOPE_POLICY_RANDOM:
		v = rng_next(p) % 100 < p->pp.evict_pct ? V_EVICT : V_PROTECT;
		break;
	case MMSCOPE_POLICY_ESC:
		v = esc_verdict(p, folio, ref);
		break;
	}
	if (v == V_PROTECT && ++p->streak > p->pp.max_protect) {
		v = V_EVICT;
		p->forced++;
	}
	if (v == V_EVICT) {
		p->streak = 0;
		p->evicted++;
		if (!e && p->pp.kind == MMSCOPE_POLICY_MRU)
			e = lookup(p, folio, false);
		if (e)
			drop(p, e);
		ret = 0;
	} else if (v == V_PROTECT) {
		p->protected++;
		if (e)
			e->flags &= ~PF_REF;
		ret = keep(p, folio);
	}
out:
	spin_unlock_irqrestore(&p->lock, flags);
	return ret;
}

/* ---- the A-bit sampler (lru, lfu) ------------------------------------------------ */

struct sample_ctx {
	struct policy *p;
	u64 refs;
};

/* Under the PTE lock: take a set A bit of a page of the cgroup as a reference. */
static int sample_entry(struct mmscope_walk *w, const struct mmscope_entry *e)
{
	struct sample_ctx *c = w->priv;
	struct policy *p = c->p;
	struct pol_page *pe;
	unsigned long flags;
	struct folio *folio;
	struct page *page;
	bool ours;

	if (!w->ptep || !(e->flags & MMSCOPE_F_PRESENT) || !(e->flags & MMSCOPE_F_ACCESSED) ||
	    (e->flags & MMSCOPE_F_SPECIAL) || e->kind == MMSCOPE_KIND_ZERO)
		return 0;
	page = pfn_to_online_page(e->pfn);
	if (!page)
		return 0;
	folio = page_folio(page);
	rcu_read_lock();
	ours = folio_memcg(folio) == p->memcg;
	rcu_read_unlock();
	if (!ours)
		return 0;
	/*
	 * What ptep_test_and_clear_young() does on x86, under the same lock;
	 * the round ends with a TLB flush (sample_fn()).
	 */
	if (!test_and_clear_bit(_PAGE_BIT_ACCESSED, (unsigned long *)&w->ptep->pte))
		return 0;
	spin_lock_irqsave(&p->lock, flags);
	pe = lookup(p, folio, true);
	if (pe) {
		pe->flags |= PF_SAMPLED;
		pe->stamp = jiffies;
	}
	spin_unlock_irqrestore(&p->lock, flags);
	c->refs++;
	return 0;
}

static const struct mmscope_walk_ops sample_ops = {
	.entry = sample_entry,
};

/* The address spaces of the cgroup's processes, referenced; at most @max. */
static unsigned int cgroup_mms(struct mem_cgroup *memcg, struct mm_struct **mms,
			       unsigned int max)
{
	struct task_struct *t;
	struct mm_struct *mm;
	unsigned int n = 0, i;

	rcu_read_lock();
	for_each_process(t) {
		if (n == max)
			break;
		if (mem_cgroup_from_task(t) != memcg || (t->flags & PF_KTHREAD))
			continue;
		mm = get_task_mm(t);
		if (!mm)
			continue;
		for (i = 0; i < n && mms[i] != mm; i++)
			;
		if (i < n) {
			mmput_async(mm);
			continue;
		}
		mms[n++] = mm;
	}
	rcu_read_unlock();
	return n;
}

/*
 * One aging round: shift in (lru) or count (lfu) this interval's references;
 * then the median value becomes the threshold.
 */
static void age(struct policy *p)
{
	u32 hist[256] = { 0 }, i, end, v, sum = 0, half;
	bool lru = p->pp.kind == MMSCOPE_POLICY_LRU;
	unsigned long flags;
	struct pol_page *e;

	for (i = 0; i < p->nr_slots; i = end) {
		end = min(i + AGE_CHUNK, p->nr_slots);
		spin_lock_irqsave(&p->lock, flags);
		for (; i < end; i++) {
			e = &p->table[i];
			if (!e->key)
				continue;
			if (lru)
				e->hist = (e->hist >> 1) | (e->flags & PF_SAMPLED ? 0x80 : 0);
			else if (e->flags & PF_SAMPLED && e->count < U16_MAX)
				e->count++;
			e->flags &= ~PF_SAMPLED;
			v = lru ? e->hist : min_t(u32, e->count, 255);
			hist[v]++;
			sum++;
		}
		spin_unlock_irqrestore(&p->lock, flags);
	}
	/* The median; above it a candidate is kept. */
	half = sum / 2;
	for (v = 0, i = 0; v < 255; v++) {
		i += hist[v];
		if (i > half)
			break;
	}
	WRITE_ONCE(p->threshold, v);
}

static void sample_fn(struct work_struct *work)
{
	struct policy *p = container_of(to_delayed_work(work), struct policy, sample_work);
	struct mm_struct *mms[SAMPLE_MAX_MMS];
	struct sample_ctx c = { .p = p };
	struct mmscope_walk w = {
		.start = 0,
		.end = TASK_SIZE_MAX,
		.ops = &sample_ops,
		.priv = &c,
	};
	unsigned int n, i;
	u64 t0 = ktime_get_ns();

	n = cgroup_mms(p->memcg, mms, SAMPLE_MAX_MMS);
	for (i = 0; i < n; i++) {
		w.mm = mms[i];
		/* A writer (mmap, munmap) is busy: its pages wait for the next round. */
		if (mmap_read_trylock(mms[i])) {
			mmscope_walk_range(&w);
			mmap_read_unlock(mms[i]);
		}
		mmput(mms[i]);
	}
	/*
	 * A translation still cached in a TLB would let the page be used
	 * without its A bit being set again: x86's own aging accepts that
	 * (ptep_clear_flush_young() does not flush), a history sampled every
	 * interval cannot.  Where the kernel lets a module, flush.
	 */
	if (c.refs && mmscope_flush_tlb_all_cpus())
		WRITE_ONCE(p->flushes, p->flushes + 1);
	age(p);
	WRITE_ONCE(p->rounds, p->rounds + 1);
	WRITE_ONCE(p->sample_refs, p->sample_refs + c.refs);
	WRITE_ONCE(p->sample_ns, p->sample_ns + ktime_get_ns() - t0);
	if (!READ_ONCE(p->dying))
		queue_delayed_work(system_unbound_wq, &p->sample_work, p->interval_j);
}

/* Stop the sampler before @p is freed (it may be running: wait for it). */
static void policy_free(struct policy *p)
{
	WRITE_ONCE(p->dying, true);
	cancel_delayed_work_sync(&p->sample_work);
	vfree(p->table);
	css_put(&p->memcg->css);
	kfree(p);
}

/* ---- the hook -------------------------------------------------------------- */

static int ref_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct folio *folio = (struct folio *)regs_get_kernel_argument(regs, 0);
	struct ref_call *c = (struct ref_call *)ri->data;
	struct mem_cgroup *memcg;
	bool timed = !(this_cpu_inc_return(hook_stat.calls) % HOOK_SAMPLE);
	u64 t0 = timed ? trace_clock_local() : 0;
	int i, hit = -1;

	rcu_read_lock();
	memcg = folio_memcg(folio);
	for (i = 0; memcg && i < MMSCOPE_POLICY_MAX_CGROUPS; i++) {
		if (READ_ONCE(slot_memcg[i]) == memcg) {
			hit = i;
			break;
		}
	}
	rcu_read_unlock();
	if (hit >= 0) {
		c->folio = folio;
		c->memcg = memcg;
		c->slot = hit;
		c->locked = regs_get_kernel_argument(regs, 1);
		c->timed = timed;
		this_cpu_inc(hook_stat.matched);
	}
	if (timed)
		this_cpu_add(hook_stat.ns, trace_clock_local() - t0);
	/* Non-zero: this call needs no return handler. */
	return hit < 0;
}

NOKPROBE_SYMBOL(ref_entry);

static int ref_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct ref_call *c = (struct ref_call *)ri->data;
	int orig = (int)regs_return_value(regs), ret;
	u64 t0 = c->timed ? trace_clock_local() : 0;
	struct policy *p;

	rcu_read_lock();
	p = rcu_dereference(slots[c->slot]);
	if (p && p->memcg == c->memcg) {
		ret = decide(p, c->folio, c->locked, orig);
		if (ret != orig)
			regs_set_return_value(regs, ret);
	}
	rcu_read_unlock();
	if (c->timed)
		this_cpu_add(hook_stat.ns, trace_clock_local() - t0);
	return 0;
}

NOKPROBE_SYMBOL(ref_return);

static int probe_register(void)
{
	int cpu, ret;

	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(&hook_stat, cpu), 0, sizeof(struct hook_stat));
	/* register_kretprobe() fills the structure in: start from a clean one. */
	memset(&ref_probe, 0, sizeof(ref_probe));
	ref_probe.kp.symbol_name = "folio_referenced";
	ref_probe.entry_handler = ref_entry;
	ref_probe.handler = ref_return;
	ref_probe.data_size = sizeof(struct ref_call);
	/* Reclaimers on every CPU, and some preempted inside the call. */
	ref_probe.maxactive = max(16U, 4 * num_possible_cpus());
	ret = register_kretprobe(&ref_probe);
	if (!ret)
		probe_on = true;
	return ret;
}

/* Unpublish slot @i, wait for the handlers, free the policy. */
static void remove_slot(unsigned int i)
{
	struct policy *p = rcu_dereference_protected(slots[i], lockdep_is_held(&policy_lock));

	WRITE_ONCE(slot_memcg[i], NULL);
	rcu_assign_pointer(slots[i], NULL);
	if (--nr_policies == 0 && probe_on) {
		/* Waits for running handlers; pending returns are not handled. */
		unregister_kretprobe(&ref_probe);
		probe_on = false;
	} else {
		synchronize_rcu();
	}
	policy_free(p);
}

/* ---- install and remove ------------------------------------------------------ */

/* Explanations too long for one line: static text the front ends pass on. */
enum policy_text { T_NO_MEMCG, T_ROOT, T_PROTECT_DEFAULT, T_TOO_MANY, T_NO_PROBE };

static const char *const texts[] = {
	[T_NO_MEMCG] =
		"the memory controller is not enabled for this cgroup (add +memory to its parent's cgroup.subtree_control)",
	[T_ROOT] =
		"the root cgroup cannot have a policy: it would steer the whole system's reclaim",
	[T_PROTECT_DEFAULT] =
		"parameter 'max_protect' does not apply to default and fifo (they never protect)",
	[T_TOO_MANY] =
		"at most " __stringify(MMSCOPE_POLICY_MAX_CGROUPS)
		" cgroups can have a policy at once",
	[T_NO_PROBE] =
		"cannot hook folio_referenced() (kprobes disabled or the symbol is not probe-able)",
};

/* The memcg of cgroup @path with a css reference, or an error and @why. */
static struct mem_cgroup *path_memcg(const char *path, const char **why)
{
	struct cgroup_subsys_state *css;
	struct mem_cgroup *memcg;
	struct cgroup *cgrp;

	if (mem_cgroup_disabled()) {
		*why = "memory cgroups are disabled on this kernel (cgroup_disable=memory)";
		return ERR_PTR(-EOPNOTSUPP);
	}
	if (!cgroup_subsys_on_dfl(memory_cgrp_subsys)) {
		*why = "the memory controller is mounted on cgroup v1: policies need cgroup v2";
		return ERR_PTR(-EOPNOTSUPP);
	}
	if (path[0] != '/') {
		*why = "a cgroup path starts with '/' (relative to the cgroup2 root, e.g. /test)";
		return ERR_PTR(-EINVAL);
	}
	cgrp = cgroup_get_from_path(path);
	if (IS_ERR(cgrp)) {
		*why = "no such cgroup (the path is relative to the cgroup2 mount, e.g. /test)";
		return ERR_CAST(cgrp);
	}
	css = cgroup_get_e_css(cgrp, &memory_cgrp_subsys);
	if (!css || css->cgroup != cgrp) {
		*why = texts[T_NO_MEMCG];
		memcg = ERR_PTR(-EINVAL);
		goto out;
	}
	memcg = mem_cgroup_from_css(css);
	if (!parent_mem_cgroup(memcg)) {
		*why = texts[T_ROOT];
		memcg = ERR_PTR(-EINVAL);
		goto out;
	}
	if (!mem_cgroup_online(memcg)) {
		*why = "the cgroup is being removed";
		memcg = ERR_PTR(-ENOENT);
		goto out;
	}
	css = NULL;		/* the reference goes with @memcg */
out:
	if (css)
		css_put(css);
	cgroup_put(cgrp);
	return memcg;
}

static int find_slot(struct mem_cgroup *memcg)
{
	int i;

	for (i = 0; i < MMSCOPE_POLICY_MAX_CGROUPS; i++)
		if (slot_memcg[i] == memcg)
			return i;
	return -1;
}

/* Which parameters each policy takes (MMSCOPE_PP_*). */
static u32 params_of(u8 kind)
{
	switch (kind) {
	case MMSCOPE_POLICY_LRU:
	case MMSCOPE_POLICY_LFU:
		return MMSCOPE_PP_INTERVAL | MMSCOPE_PP_MAX_PROTECT;
	case MMSCOPE_POLICY_MRU:
		return MMSCOPE_PP_KEEP | MMSCOPE_PP_MAX_PROTECT;
	case MMSCOPE_POLICY_RANDOM:
		return MMSCOPE_PP_SEED | MMSCOPE_PP_EVICT | MMSCOPE_PP_MAX_PROTECT;
	case MMSCOPE_POLICY_CLOCK:
	case MMSCOPE_POLICY_ESC:
		return MMSCOPE_PP_MAX_PROTECT;
	}
	return 0;
}

/* Fill in defaults and check @pp; returns 0 or -EINVAL with @why. */
static int check_params(struct mmscope_policy_params *pp, const char **why)
{
	u32 extra;

	if (pp->kind > MMSCOPE_POLICY_KIND_MAX) {
		*why = "unknown policy";
		return -EINVAL;
	}
	extra = pp->given & ~params_of(pp->kind);
	if (extra) {
		if (extra & MMSCOPE_PP_INTERVAL)
			*why = "parameter 'interval' applies to lru and lfu only";
		else if (extra & MMSCOPE_PP_SEED)
			*why = "parameter 'seed' applies to random only";
		else if (extra & MMSCOPE_PP_KEEP)
			*why = "parameter 'keep' applies to mru only";
		else if (extra & MMSCOPE_PP_EVICT)
			*why = "parameter 'evict' applies to random only";
		else
			*why = texts[T_PROTECT_DEFAULT];
		return -EINVAL;
	}
	if (!(pp->given & MMSCOPE_PP_INTERVAL))
		pp->interval_ms = params_of(pp->kind) & MMSCOPE_PP_INTERVAL ?
				  MMSCOPE_POLICY_INTERVAL_DEFAULT : 0;
	if (!(pp->given & MMSCOPE_PP_SEED))
		pp->seed = 1;
	if (!(pp->given & MMSCOPE_PP_KEEP))
		pp->keep_pct = MMSCOPE_POLICY_KEEP_DEFAULT;
	if (!(pp->given & MMSCOPE_PP_EVICT))
		pp->evict_pct = MMSCOPE_POLICY_EVICT_DEFAULT;
	if (!(pp->given & MMSCOPE_PP_MAX_PROTECT))
		pp->max_protect = MMSCOPE_POLICY_PROTECT_DEFAULT;
	if ((params_of(pp->kind) & MMSCOPE_PP_INTERVAL) &&
	    (pp->interval_ms < MMSCOPE_POLICY_INTERVAL_MIN ||
	     pp->interval_ms > MMSCOPE_POLICY_INTERVAL_MAX)) {
		*why = "interval: from 10 to 60000 ms";
		return -EINVAL;
	}
	if (pp->keep_pct < 1 || pp->keep_pct > MMSCOPE_POLICY_KEEP_MAX) {
		*why = "keep: a percentage from 1 to 95";
		return -EINVAL;
	}
	if (pp->evict_pct < 1 || pp->evict_pct > 100) {
		*why = "evict: a percentage from 1 to 100";
		return -EINVAL;
	}
	if (pp->max_protect < 1 || pp->max_protect > MMSCOPE_POLICY_PROTECT_MAX) {
		*why = "max_protect: from 1 to 65536";
		return -EINVAL;
	}
	return 0;
}

/* Table size: twice the cgroup's limit in pages, within [MIN_SLOTS, MAX_SLOTS]. */
static u32 table_slots(struct mem_cgroup *memcg)
{
	unsigned long limit = min(READ_ONCE(memcg->memory.max), READ_ONCE(memcg->memory.high));

	if (limit >= MMSCOPE_POLICY_MAX_SLOTS / 2)
		return MMSCOPE_POLICY_MAX_SLOTS;
	return max_t(u32, MIN_SLOTS, roundup_pow_of_two(2 * limit));
}

static struct policy *policy_alloc(struct mem_cgroup *memcg,
				   const struct mmscope_policy_params *pp)
{
	struct policy *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	if (uses_table(pp->kind)) {
		p->nr_slots = table_slots(memcg);
		p->bucket_bits = ilog2(p->nr_slots / BUCKET);
		p->table = vzalloc(array_size(p->nr_slots, sizeof(struct pol_page)));
		if (!p->table) {
			kfree(p);
			return NULL;
		}
	}
	spin_lock_init(&p->lock);
	INIT_DELAYED_WORK(&p->sample_work, sample_fn);
	p->memcg = memcg;
	p->cgroup_id = cgroup_id(memcg->css.cgroup);
	p->pp = *pp;
	p->installed_ns = ktime_get_ns();
	p->interval_j = pp->interval_ms ? max(1UL, msecs_to_jiffies(pp->interval_ms)) : 0;
	p->rng = rng_seed(pp->seed);
	return p;
}

/**
 * mmscope_policy_set() - install (or replace) the policy of a memory cgroup
 * @path:	cgroup path below the cgroup2 root
 * @pp:		policy and parameters (MMSCOPE_PP_* in @pp->given)
 * @why:	static explanation on error
 *
 * Return: 0, or -EINVAL/-ENOENT/-EOPNOTSUPP/-ENOSPC/-ENOMEM or the error of
 * register_kretprobe().  On error nothing changed.
 */
int mmscope_policy_set(const char *path, const struct mmscope_policy_params *pp,
		       const char **why)
{
	struct mmscope_policy_params params = *pp;
	struct mem_cgroup *memcg;
	struct policy *p, *old;
	int ret, i;

	ret = check_params(&params, why);
	if (ret)
		return ret;
	if (!IS_ENABLED(CONFIG_KPROBES)) {
		*why = "the kernel was built without kprobes: policies cannot hook reclaim";
		return -EOPNOTSUPP;
	}
	memcg = path_memcg(path, why);
	if (IS_ERR(memcg))
		return PTR_ERR(memcg);
	p = policy_alloc(memcg, &params);
	if (!p) {
		css_put(&memcg->css);
		*why = "out of memory for the policy's page table";
		return -ENOMEM;
	}
	mutex_lock(&policy_lock);
	i = find_slot(memcg);
	if (i < 0)
		i = find_slot(NULL);
	if (i < 0) {
		*why = texts[T_TOO_MANY];
		ret = -ENOSPC;
		goto fail;
	}
	if (!probe_on) {
		ret = probe_register();
		if (ret) {
			*why = texts[T_NO_PROBE];
			goto fail;
		}
	}
	old = rcu_dereference_protected(slots[i], lockdep_is_held(&policy_lock));
	if (old) {
		/* Replace: the new policy starts from a clean state. */
		rcu_assign_pointer(slots[i], p);
		synchronize_rcu();
		policy_free(old);
	} else {
		rcu_assign_pointer(slots[i], p);
		WRITE_ONCE(slot_memcg[i], memcg);
		nr_policies++;
	}
	if (p->interval_j)
		queue_delayed_work(system_unbound_wq, &p->sample_work, p->interval_j);
	if (!exiting)
		mod_delayed_work(system_wq, &reap_work, msecs_to_jiffies(REAP_MS));
	mutex_unlock(&policy_lock);
	return 0;
fail:
	mutex_unlock(&policy_lock);
	policy_free(p);
	return ret;
}

/**
 * mmscope_policy_clear() - remove the policy of a memory cgroup
 * @path:	cgroup path below the cgroup2 root
 * @why:	static explanation on error
 *
 * Return: 0, -ENOENT when the cgroup has no policy, or path_memcg()'s error.
 */
int mmscope_policy_clear(const char *path, const char **why)
{
	struct mem_cgroup *memcg = path_memcg(path, why);
	int i, ret = 0;

	if (IS_ERR(memcg))
		return PTR_ERR(memcg);
	mutex_lock(&policy_lock);
	i = find_slot(memcg);
	if (i < 0) {
		*why = "this cgroup has no policy";
		ret = -ENOENT;
	} else {
		remove_slot(i);
	}
	mutex_unlock(&policy_lock);
	css_put(&memcg->css);
	return ret;
}

/* ---- reports ------------------------------------------------------------------- */

static void hook_totals(struct mmscope_policy_stats *st)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct hook_stat *h = per_cpu_ptr(&hook_stat, cpu);

		st->hook_calls += READ_ONCE(h->calls);
		st->hook_matched += READ_ONCE(h->matched);
		st->hook_ns += READ_ONCE(h->ns) * HOOK_SAMPLE;
	}
	st->hook_missed = probe_on ? READ_ONCE(ref_probe.nmissed) : 0;
}

/**
 * mmscope_policy_get() - report the @idx-th installed policy
 * @idx:	0 .. number installed - 1
 * @st:		filled in
 *
 * Return: 0, or -ENOENT when fewer policies are installed.
 */
int mmscope_policy_get(unsigned int idx, struct mmscope_policy_stats *st)
{
	unsigned long flags;
	struct policy *p;
	int i, ret = -ENOENT;

	memset(st, 0, offsetof(struct mmscope_policy_stats, path));
	mutex_lock(&policy_lock);
	for (i = 0; i < MMSCOPE_POLICY_MAX_CGROUPS; i++) {
		p = rcu_dereference_protected(slots[i], lockdep_is_held(&policy_lock));
		if (!p || idx--)
			continue;
		st->pp = p->pp;
		st->cgroup_id = p->cgroup_id;
		st->installed_ns = p->installed_ns;
		st->slots = p->nr_slots;
		st->entry_bytes = p->table ? sizeof(struct pol_page) : 0;
		st->table_bytes = (u64)p->nr_slots * sizeof(struct pol_page);
		st->rounds = READ_ONCE(p->rounds);
		st->sample_ns = READ_ONCE(p->sample_ns);
		st->sample_refs = READ_ONCE(p->sample_refs);
		st->tlb_flushes = READ_ONCE(p->flushes);
		if (p->pp.kind == MMSCOPE_POLICY_MRU)
			st->quota = mru_quota(p);
		spin_lock_irqsave(&p->lock, flags);
		st->examined = p->examined;
		st->referenced = p->referenced;
		st->evicted = p->evicted;
		st->protected = p->protected;
		st->forced = p->forced;
		st->contended = p->contended;
		st->aged = p->aged;
		st->replaced = p->replaced;
		st->stale = p->stale;
		st->tracked = p->tracked;
		st->kept = p->kept;
		spin_unlock_irqrestore(&p->lock, flags);
		if (cgroup_path_ns(p->memcg->css.cgroup, st->path, sizeof(st->path),
				   current->nsproxy->cgroup_ns) < 0)
			strscpy(st->path, "?", sizeof(st->path));
		hook_totals(st);
		ret = 0;
		break;
	}
	mutex_unlock(&policy_lock);
	return ret;
}

/**
 * mmscope_policy_unavailable() - why policies cannot work here, or NULL
 */
const char *mmscope_policy_unavailable(void)
{
	if (!IS_ENABLED(CONFIG_KPROBES))
		return "kernel built without CONFIG_KPROBES: reclaim cannot be hooked";
	if (!IS_ENABLED(CONFIG_MEMCG) || mem_cgroup_disabled())
		return "memory cgroups are not available";
	if (!cgroup_subsys_on_dfl(memory_cgrp_subsys))
		return "the memory controller is mounted on cgroup v1: policies need cgroup v2";
	return NULL;
}

/* ---- upkeep ----------------------------------------------------------------------- */

/* Drop entries whose frame no longer holds the page they describe. */
static void sweep(struct policy *p)
{
	unsigned long flags, pfn;
	struct pol_page *e;
	struct page *page;
	u32 i, end;

	for (i = 0; i < p->nr_slots; i = end) {
		end = min(i + SWEEP_CHUNK, p->nr_slots);
		spin_lock_irqsave(&p->lock, flags);
		for (; i < end; i++) {
			e = &p->table[i];
			if (!e->key)
				continue;
			pfn = e->key - 1;
			page = pfn_to_online_page(pfn);
			if (page && folio_pfn(page_folio(page)) == pfn &&
			    folio_ident(page_folio(page)) == e->ident)
				continue;
			drop(p, e);
			p->stale++;
		}
		spin_unlock_irqrestore(&p->lock, flags);
		cond_resched();
	}
}

static void reap_fn(struct work_struct *work)
{
	struct policy *p;
	int i;

	mutex_lock(&policy_lock);
	for (i = 0; i < MMSCOPE_POLICY_MAX_CGROUPS; i++) {
		p = rcu_dereference_protected(slots[i], lockdep_is_held(&policy_lock));
		if (!p)
			continue;
		if (mem_cgroup_online(p->memcg)) {
			if (p->table)
				sweep(p);
			continue;
		}
		pr_info("policy %s removed: cgroup %llu was deleted\n",
			mmscope_policy_name(p->pp.kind), p->cgroup_id);
		remove_slot(i);
	}
	if (nr_policies && !exiting)
		schedule_delayed_work(&reap_work, msecs_to_jiffies(REAP_MS));
	mutex_unlock(&policy_lock);
}

/**
 * mmscope_policy_exit() - remove every policy and the hook (module unload)
 */
void mmscope_policy_exit(void)
{
	int i;

	mutex_lock(&policy_lock);
	exiting = true;
	mutex_unlock(&policy_lock);
	cancel_delayed_work_sync(&reap_work);
	mutex_lock(&policy_lock);
	for (i = 0; i < MMSCOPE_POLICY_MAX_CGROUPS; i++)
		if (rcu_access_pointer(slots[i]))
			remove_slot(i);
	mutex_unlock(&policy_lock);
}
