// SPDX-License-Identifier: GPL-2.0
/* mmscope top: Rmap -- who maps a frame: the page under the cursor, or a PFN. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "top.h"
#include "util.h"

static void query(struct top *t)
{
	t->rm.have = false;
	if (!t->rm.set) {
		t->rm.pid = t->pid;
		t->rm.va = top_default_page(t);
		if (!t->pid || !t->rm.va || t->exited)
			return;
	}
	t->rm.err = t->rm.by_pfn ? top_query_rmap(&t->src, 0, 0, t->rm.pfn, &t->rm.r) :
		    top_query_rmap(&t->src, t->rm.pid, t->rm.va, 0, &t->rm.r);
	t->rm.have = !t->rm.err;
}

static void draw(struct top *t, struct top_canvas *c, int y, int h)
{
	const struct mms_rmap *r = &t->rm.r;
	char perms[5], what[80];
	unsigned int i;
	int x;

	if (t->rm.by_pfn)
		snprintf(what, sizeof(what), "frame 0x%llx", (unsigned long long)t->rm.pfn);
	else
		snprintf(what, sizeof(what), "the page at %llx of %d", (unsigned long long)t->rm.va,
			 t->rm.pid);
	if (!t->rm.by_pfn && !t->rm.va) {
		tc_put(c, y, 1, TS_DIM, "Press f to type a frame number, or w on a page of the page map.");
		return;
	}
	if (!t->rm.have) {
		if (!t->live && t->rm.err == -ENODATA)
			tc_printf(c, y, 1, TS_DIM, "Who maps %s is not in the recording.", what);
		else
			tc_printf(c, y, 1, TS_WARN, "Who maps %s: %s", what,
				  t->rm.err ? strerror(-t->rm.err) : "no answer yet");
		return;
	}
	x = tc_printf(c, y, 0, TS_BOLD, "Who maps pfn 0x%llx (physical 0x%llx)",
		      (unsigned long long)r->pfn, (unsigned long long)r->pfn * t->page_size);
	if (r->has_va)
		tc_printf(c, y, x, TS_NORMAL, ", mapped at %llx in %d", (unsigned long long)r->va,
			  t->rm.pid);
	y++;
	tc_printf(c, y++, 2, TS_NORMAL, "frame %s, mapcount %d, folio of %u page%s",
		  mms_frame_name(r->frame), r->mapcount, r->folio_pages,
		  r->folio_pages == 1 ? "" : "s");
	tc_printf(c, y++, 2, TS_NORMAL, "found through %s (%u candidates, %llu us in the kernel)",
		  mms_rmap_method_text(r->method), r->candidates, (unsigned long long)r->elapsed_ns / 1000);
	if (r->has_file)
		tc_printf(c, y++, 2, TS_NORMAL, "file %s, offset 0x%llx (dev %u:%u, inode %llu)",
			  r->path, (unsigned long long)r->file_offset, r->dev_major, r->dev_minor,
			  (unsigned long long)r->file_ino);
	if (r->note[0])
		tc_printf(c, y++, 2, TS_DIM, "%s", r->note);
	y++;
	tc_printf(c, y++, 0, TS_BOLD, "%u mapping%s%s", r->nr_mappers, r->nr_mappers == 1 ? "" : "s",
		  r->truncated ? " (more than listed)" : "");
	tc_fill(c, y, 0, c->cols, L' ', TS_HEADER);
	tc_put(c, y++, 0, TS_HEADER,
	       "    PID COMM            VA           VMA                       PERM LVL A D");
	for (i = 0; i < r->nr_stored && y < c->rows && i < (unsigned int)h; i++) {
		const struct mms_mapper *m = &r->mappers[i];

		mms_vma_perms(m->vm_flags, perms);
		tc_printf(c, y++, 0, m->pid == (uint32_t)t->pid ? TS_BOLD : TS_NORMAL,
			  "%7u %-15s %012llx %012llx-%012llx %s %-3s %c %c", m->pid, m->comm,
			  (unsigned long long)m->va, (unsigned long long)m->vm_start,
			  (unsigned long long)m->vm_end, perms, mms_level_name(m->level),
			  m->flags & MMSCOPE_F_ACCESSED ? 'A' : '-',
			  m->flags & MMSCOPE_F_DIRTY ? 'D' : '-');
	}
}

static void set_pfn(struct top *t, const char *text)
{
	uint64_t pfn;

	/* Frame numbers: decimal, or hex with 0x (as /proc/kpageflags readers write them). */
	if (mms_parse_u64(text, &pfn)) {
		top_say(t, TS_WARN, "'%s' is not a frame number", text);
		return;
	}
	t->rm.by_pfn = true;
	t->rm.set = true;
	t->rm.pfn = pfn;
	query(t);
}

static bool key(struct top *t, int k)
{
	switch (k) {
	case 'f':
		top_ask(t, "frame number (PFN, decimal or 0x...): ", NULL, set_pfn);
		return true;
	case 'w':
		/* Back to the page under the page map's cursor. */
		t->rm.set = false;
		t->rm.by_pfn = false;
		query(t);
		return true;
	}
	return false;
}

static const char *const help[] = {
	"Rmap: every process and address that maps a frame, from the kernel's own",
	"reverse-mapping trees (anon_vma for anonymous pages, i_mmap for files).",
	"By default the frame under the page map's cursor (w there shows it).",
	"  f  type a frame number       w  back to the page map's cursor",
	NULL,
};

const struct top_view top_view_rmap = {
	.name = "Rmap",
	.needs = 0,
	.keys = "f type a PFN  w cursor's page",
	.help = help,
	.query = query,
	.draw = draw,
	.key = key,
};
