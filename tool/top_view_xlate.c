// SPDX-License-Identifier: GPL-2.0
/* mmscope top: Translate -- one virtual address walked level by level. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "top.h"

static uint64_t target_va(struct top *t)
{
	return t->xl.set ? t->xl.va : top_default_page(t);
}

static void query(struct top *t)
{
	uint64_t va = target_va(t);

	t->xl.have = false;
	if (!t->pid || !va || t->exited)
		return;
	t->xl.err = top_query_xlate(&t->src, t->pid, va, &t->xl.x);
	t->xl.have = !t->xl.err;
}

static void draw(struct top *t, struct top_canvas *c, int y, int h)
{
	const struct mms_xlate *x = &t->xl.x;
	char bits[32];
	unsigned int i;
	int l, user = 1, xx;

	(void)h;
	if (!t->pid) {
		tc_put(c, y, 1, TS_DIM, "No process chosen: press p to pick one.");
		return;
	}
	if (!target_va(t)) {
		tc_put(c, y, 1, TS_DIM, "Press g to type a virtual address (or x on a page of the page map).");
		return;
	}
	if (!t->xl.have) {
		if (t->exited)
			tc_printf(c, y, 1, TS_WARN, "Process %d has exited.", t->pid);
		else if (!t->live && t->xl.err == -ENODATA)
			tc_printf(c, y, 1, TS_DIM, "The translation of %llx is not in the recording.",
				  (unsigned long long)target_va(t));
		else
			tc_printf(c, y, 1, TS_WARN, "Translating %llx failed: %s",
				  (unsigned long long)target_va(t),
				  t->xl.err ? strerror(-t->xl.err) : "no answer yet");
		return;
	}
	tc_printf(c, y++, 0, TS_BOLD, "virtual address 0x%016llx, %u-level paging",
		  (unsigned long long)x->va, x->levels);
	xx = 2;
	for (l = x->levels == 5 ? MMSCOPE_LEVEL_PGD : MMSCOPE_LEVEL_P4D; l >= MMSCOPE_LEVEL_PTE; l--)
		xx = tc_printf(c, y, xx, TS_NORMAL, "%s[%u] ",
			       mms_level_name(x->levels == 4 && l == MMSCOPE_LEVEL_P4D ?
					      MMSCOPE_LEVEL_PGD : l), mms_va_index(x->va, l));
	tc_printf(c, y++, xx, TS_NORMAL, " offset 0x%03llx", (unsigned long long)(x->va & 0xfff));
	y++;
	tc_fill(c, y, 0, c->cols, L' ', TS_HEADER);
	tc_put(c, y++, 0, TS_HEADER,
	       "LEVEL  TABLE (PHYS)    INDEX  ENTRY               PWUTCADSGXsnp  U/S");
	for (i = 0; i < x->nr_steps; i++) {
		const struct mms_xlate_step *s = &x->steps[i];

		/* Effective U/S is the AND of every level's bit. */
		if (s->raw && !(s->flags & MMSCOPE_F_USER))
			user = 0;
		mms_flags_str(s->flags & ~MMSCOPE_F_PRESENT, bits, sizeof(bits));
		bits[0] = s->flags & MMSCOPE_F_HW_PRESENT ? 'P' : '-';
		tc_printf(c, y++, 0, TS_NORMAL, "%-5s  0x%012llx  %5u  0x%016llx  %-13s  %s",
			  mms_level_name(s->level), (unsigned long long)s->table_pa, s->index,
			  (unsigned long long)s->raw, bits,
			  !s->raw ? "" : user ? "user" : "kernel only");
	}
	y++;
	xx = tc_printf(c, y, 0, x->stop == MMSCOPE_XL_OK ? TS_GOOD : TS_WARN, "=> %s",
		       mms_xlate_stop_text(x->stop));
	if (x->stop == MMSCOPE_XL_OK)
		tc_printf(c, ++y, 3, TS_BOLD, "physical address 0x%llx (%llu KiB page)",
			  (unsigned long long)x->pa, (unsigned long long)x->page_size / 1024);
	else if (x->stop == MMSCOPE_XL_SWAPPED)
		tc_printf(c, y, xx, TS_NORMAL, " (type %u, offset 0x%llx)", x->swap_type,
			  (unsigned long long)x->swap_offset);
	tc_printf(c, ++y, 3, TS_DIM, "walk stopped at the %s level", mms_level_name(x->stop_level));
}

static void set_va(struct top *t, const char *text)
{
	uint64_t va;

	if (top_parse_hex(text, &va)) {
		top_say(t, TS_WARN, "'%s' is not an address (hex)", text);
		return;
	}
	t->xl.va = va;
	t->xl.set = true;
	query(t);
}

static bool key(struct top *t, int k)
{
	if (k != 'g' && k != TK_ENTER && k != '/')
		return false;
	top_ask(t, "virtual address (hex): ", NULL, set_va);
	return true;
}

static const char *const help[] = {
	"Translate: the walk the MMU does for one virtual address: the index at",
	"each level, the table's physical address, the entry and its bits, then",
	"the physical address and the page size, or where and why the walk stops.",
	"Bits: P present, W writable, U user, T write-through, C cache-disabled,",
	"A accessed, D dirty, S PAT/PSE, G global, X no-execute, s soft-dirty,",
	"n PROT_NONE, p special.  The address is re-translated every refresh.",
	"  g  type an address (hex)     x in the page map: translate its cursor",
	NULL,
};

const struct top_view top_view_xlate = {
	.name = "Xlate",
	.needs = 0,
	.keys = "g type an address",
	.help = help,
	.query = query,
	.draw = draw,
	.key = key,
};
