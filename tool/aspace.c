// SPDX-License-Identifier: GPL-2.0
/* Address-space requests and their parsers (GET_MM, GET_VMAS, GET_PTES, XLATE). */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>

#include "aspace.h"

bool put_u64_field(const struct u64_field *f, size_t n, const struct nlattr *a, void *obj)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (f[i].type != mnl_attr_get_type(a))
			continue;
		if (mnl_attr_validate(a, MNL_TYPE_U64) >= 0)
			memcpy((char *)obj + f[i].off, &(uint64_t){ mnl_attr_get_u64(a) },
			       sizeof(uint64_t));
		return true;
	}
	return false;
}

bool set_u32(const struct nlattr *a, uint32_t *dst)
{
	if (mnl_attr_validate(a, MNL_TYPE_U32) < 0)
		return false;
	*dst = mnl_attr_get_u32(a);
	return true;
}

bool set_u8(const struct nlattr *a, uint8_t *dst)
{
	if (mnl_attr_validate(a, MNL_TYPE_U8) < 0)
		return false;
	*dst = mnl_attr_get_u8(a);
	return true;
}

#define F(type, s, m) { type, offsetof(s, m) }

static const struct u64_field mm_fields[] = {
	F(MMSCOPE_MM_PGD_PA, struct mms_mm, pgd_pa),
	F(MMSCOPE_MM_TOTAL_VM, struct mms_mm, total_vm),
	F(MMSCOPE_MM_RSS_ANON, struct mms_mm, rss_anon),
	F(MMSCOPE_MM_RSS_FILE, struct mms_mm, rss_file),
	F(MMSCOPE_MM_RSS_SHMEM, struct mms_mm, rss_shmem),
	F(MMSCOPE_MM_SWAP_ENTS, struct mms_mm, swap_ents),
	F(MMSCOPE_MM_PT_PTE, struct mms_mm, pt[MMSCOPE_LEVEL_PTE]),
	F(MMSCOPE_MM_PT_PMD, struct mms_mm, pt[MMSCOPE_LEVEL_PMD]),
	F(MMSCOPE_MM_PT_PUD, struct mms_mm, pt[MMSCOPE_LEVEL_PUD]),
	F(MMSCOPE_MM_PT_P4D, struct mms_mm, pt[MMSCOPE_LEVEL_P4D]),
	F(MMSCOPE_MM_PT_PGD, struct mms_mm, pt[MMSCOPE_LEVEL_PGD]),
	F(MMSCOPE_MM_PT_BYTES_KERNEL, struct mms_mm, pt_bytes_kernel),
	F(MMSCOPE_MM_PT_DEPOSITED, struct mms_mm, pt_deposited),
	F(MMSCOPE_MM_START_CODE, struct mms_mm, start_code),
	F(MMSCOPE_MM_END_CODE, struct mms_mm, end_code),
	F(MMSCOPE_MM_START_DATA, struct mms_mm, start_data),
	F(MMSCOPE_MM_END_DATA, struct mms_mm, end_data),
	F(MMSCOPE_MM_START_BRK, struct mms_mm, start_brk),
	F(MMSCOPE_MM_BRK, struct mms_mm, brk),
	F(MMSCOPE_MM_START_STACK, struct mms_mm, start_stack),
	F(MMSCOPE_MM_ARG_START, struct mms_mm, arg_start),
	F(MMSCOPE_MM_ARG_END, struct mms_mm, arg_end),
	F(MMSCOPE_MM_ENV_START, struct mms_mm, env_start),
	F(MMSCOPE_MM_ENV_END, struct mms_mm, env_end),
};

static const struct u64_field vma_fields[] = {
	F(MMSCOPE_VMA_START, struct mms_vma, start),
	F(MMSCOPE_VMA_END, struct mms_vma, end),
	F(MMSCOPE_VMA_FLAGS, struct mms_vma, flags),
	F(MMSCOPE_VMA_PGOFF, struct mms_vma, pgoff),
	F(MMSCOPE_VMA_PRESENT, struct mms_vma, present),
	F(MMSCOPE_VMA_RSS, struct mms_vma, rss),
	F(MMSCOPE_VMA_YOUNG, struct mms_vma, young),
	F(MMSCOPE_VMA_REFERENCED, struct mms_vma, referenced),
	F(MMSCOPE_VMA_DIRTY, struct mms_vma, dirty),
	F(MMSCOPE_VMA_WRITABLE, struct mms_vma, writable),
	F(MMSCOPE_VMA_NX, struct mms_vma, nx),
	F(MMSCOPE_VMA_SWAP, struct mms_vma, swap),
	F(MMSCOPE_VMA_ZERO, struct mms_vma, zero),
	F(MMSCOPE_VMA_HUGE_PMD, struct mms_vma, huge_pmd),
	F(MMSCOPE_VMA_HUGE_PUD, struct mms_vma, huge_pud),
	F(MMSCOPE_VMA_ANON_HUGE, struct mms_vma, anon_huge),
	F(MMSCOPE_VMA_SHARED, struct mms_vma, shared),
	F(MMSCOPE_VMA_PT_PAGES, struct mms_vma, pt_pages),
};

#define NFIELDS(t) (sizeof(t) / sizeof(t[0]))

static int mm_nest(const struct nlattr *nest, struct mms_mm *mm)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, nest) {
		if (put_u64_field(mm_fields, NFIELDS(mm_fields), a, mm))
			continue;
		switch (mnl_attr_get_type(a)) {
		case MMSCOPE_MM_PID:
			set_u32(a, &mm->pid);
			break;
		case MMSCOPE_MM_PT_LEVELS:
			set_u32(a, &mm->pt_levels);
			break;
		case MMSCOPE_MM_MAP_COUNT:
			set_u32(a, &mm->map_count);
			break;
		case MMSCOPE_MM_COMM:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) >= 0)
				snprintf(mm->comm, sizeof(mm->comm), "%s", mnl_attr_get_str(a));
			break;
		}
	}
	return MNL_CB_OK;
}

int mms_mm_parse(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == MMSCOPE_A_MM &&
		    mnl_attr_validate(a, MNL_TYPE_NESTED) >= 0)
			mm_nest(a, data);
	return MNL_CB_OK;
}

int mms_vma_parse(const struct nlattr *nest, struct mms_vma *v)
{
	const struct nlattr *a;
	const char *name = "";

	memset(v, 0, sizeof(*v));
	mnl_attr_for_each_nested(a, nest) {
		if (put_u64_field(vma_fields, NFIELDS(vma_fields), a, v))
			continue;
		switch (mnl_attr_get_type(a)) {
		case MMSCOPE_VMA_NAME:
			if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) >= 0)
				name = mnl_attr_get_str(a);
			break;
		case MMSCOPE_VMA_KIND:
			set_u8(a, &v->kind);
			break;
		}
	}
	v->name = strdup(name);
	return v->name ? 0 : -ENOMEM;
}

int mms_pte_from_rec(const void *rec, size_t stride, struct mms_pte *p)
{
	struct mmscope_pte_rec r;

	/* A record may be shorter (older module) or longer (newer) than ours. */
	memset(p, 0, sizeof(*p));
	if (stride < sizeof(r.va_info))
		return -EBADMSG;
	memset(&r, 0, sizeof(r));
	memcpy(&r, rec, stride < sizeof(r) ? stride : sizeof(r));
	p->va = MMSCOPE_REC_VA(r.va_info);
	p->level = MMSCOPE_REC_LEVEL(r.va_info);
	p->kind = MMSCOPE_REC_KIND(r.va_info);
	if (p->level < MMSCOPE_LEVEL_PTE || p->level > MMSCOPE_LEVEL_PUD)
		return -EBADMSG;
	p->size = 1ULL << MMSCOPE_LEVEL_SHIFT(p->level);
	p->raw = r.raw;
	p->flags = r.flags;
	if (r.flags & MMSCOPE_F_PRESENT) {
		p->pfn = r.pfn;
		p->has_pfn = true;
	}
	if (r.mapcount >= 0) {
		p->mapcount = r.mapcount;
		p->has_mapcount = true;
	}
	if (p->kind == MMSCOPE_KIND_SWAP) {
		p->swap_type = MMSCOPE_REC_SWAP_TYPE(r.va_info);
		p->swap_offset = r.pfn;
		p->has_swap = true;
	}
	return 0;
}

/* MMSCOPE_F_* bits of a run's entry, from its raw value (x86-64 bit positions). */
static uint32_t raw_flags(uint64_t raw)
{
	uint32_t f = (raw & MMSCOPE_RAW_FLAGS_AS_F) | MMSCOPE_F_PRESENT | MMSCOPE_F_HW_PRESENT;

	if (raw & MMSCOPE_RAW_NX)
		f |= MMSCOPE_F_NX;
	if (raw & MMSCOPE_RAW_SOFT_DIRTY)
		f |= MMSCOPE_F_SOFT_DIRTY;
	if (raw & MMSCOPE_RAW_SPECIAL)
		f |= MMSCOPE_F_SPECIAL;
	return f;
}

int mms_pte_from_raw(uint64_t va, uint64_t raw, uint16_t info, struct mms_pte *p)
{
	memset(p, 0, sizeof(*p));
	if (!(raw & MMSCOPE_RAW_PRESENT))
		return -EBADMSG;
	p->va = va;
	p->level = MMSCOPE_LEVEL_PTE;
	p->size = 1ULL << MMSCOPE_LEVEL_SHIFT(MMSCOPE_LEVEL_PTE);
	p->raw = raw;
	p->flags = raw_flags(raw);
	p->pfn = (raw & MMSCOPE_RAW_PFN_MASK) >> 12;
	p->has_pfn = true;
	p->kind = MMSCOPE_INFO_KIND(info);
	if (MMSCOPE_INFO_MAPCOUNT(info) >= 0) {
		p->mapcount = MMSCOPE_INFO_MAPCOUNT(info);
		p->has_mapcount = true;
	}
	return 0;
}

int mms_pte_run_parse(const void *payload, size_t len, mms_pte_cb cb, void *data)
{
	const unsigned char *d = payload, *infos;
	struct mmscope_pte_run run;
	size_t width, i;
	uint64_t raw;
	uint32_t pfn;
	uint16_t info;
	struct mms_pte p;
	int err;

	if (len < sizeof(run))
		return -EBADMSG;
	memcpy(&run, d, sizeof(run));
	d += sizeof(run);
	width = run.flags & MMSCOPE_RUN_PFN32 ? sizeof(pfn) : sizeof(raw);
	if (!run.count || run.count > MMSCOPE_RUN_MAX || (run.va & 0xfff) ||
	    (run.flags & ~(MMSCOPE_RUN_PFN32 | MMSCOPE_RUN_ONE_INFO)) ||
	    len != sizeof(run) + run.count * width +
		   (run.flags & MMSCOPE_RUN_ONE_INFO ? 0 : run.count * sizeof(info)))
		return -EBADMSG;
	infos = d + run.count * width;
	info = run.info;
	for (i = 0; i < run.count; i++) {
		if (run.flags & MMSCOPE_RUN_PFN32) {
			memcpy(&pfn, d + i * width, sizeof(pfn));
			raw = run.common | (uint64_t)pfn << 12;
		} else {
			memcpy(&raw, d + i * width, sizeof(raw));
		}
		if (!(run.flags & MMSCOPE_RUN_ONE_INFO))
			memcpy(&info, infos + i * sizeof(info), sizeof(info));
		if (mms_pte_from_raw(run.va + i * 4096, raw, info, &p))
			return -EBADMSG;
		err = cb(&p, data);
		if (err)
			return err;
	}
	return 0;
}

static void xlate_step(const struct nlattr *nest, struct mms_xlate *x)
{
	struct mms_xlate_step *s;
	const struct nlattr *a;

	if (x->nr_steps >= sizeof(x->steps) / sizeof(x->steps[0]))
		return;
	s = &x->steps[x->nr_steps++];
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case MMSCOPE_XL_STEP_LEVEL:
			set_u8(a, &s->level);
			break;
		case MMSCOPE_XL_STEP_INDEX:
			set_u32(a, &s->index);
			break;
		case MMSCOPE_XL_STEP_FLAGS:
			set_u32(a, &s->flags);
			break;
		case MMSCOPE_XL_STEP_TABLE_PA:
			if (mnl_attr_validate(a, MNL_TYPE_U64) >= 0)
				s->table_pa = mnl_attr_get_u64(a);
			break;
		case MMSCOPE_XL_STEP_RAW:
			if (mnl_attr_validate(a, MNL_TYPE_U64) >= 0)
				s->raw = mnl_attr_get_u64(a);
			break;
		}
	}
}

static void xlate_nest(const struct nlattr *nest, struct mms_xlate *x)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case MMSCOPE_XL_VA:
			if (mnl_attr_validate(a, MNL_TYPE_U64) >= 0)
				x->va = mnl_attr_get_u64(a);
			break;
		case MMSCOPE_XL_PA:
			if (mnl_attr_validate(a, MNL_TYPE_U64) >= 0) {
				x->pa = mnl_attr_get_u64(a);
				x->has_pa = true;
			}
			break;
		case MMSCOPE_XL_PAGE_SIZE:
			if (mnl_attr_validate(a, MNL_TYPE_U64) >= 0)
				x->page_size = mnl_attr_get_u64(a);
			break;
		case MMSCOPE_XL_SWAP_OFFSET:
			if (mnl_attr_validate(a, MNL_TYPE_U64) >= 0)
				x->swap_offset = mnl_attr_get_u64(a);
			break;
		case MMSCOPE_XL_SWAP_TYPE:
			set_u32(a, &x->swap_type);
			break;
		case MMSCOPE_XL_LEVELS:
			set_u32(a, &x->levels);
			break;
		case MMSCOPE_XL_STOP:
			set_u8(a, &x->stop);
			break;
		case MMSCOPE_XL_STOP_LEVEL:
			set_u8(a, &x->stop_level);
			break;
		case MMSCOPE_XL_STEP:
			if (mnl_attr_validate(a, MNL_TYPE_NESTED) >= 0)
				xlate_step(a, x);
			break;
		}
	}
}

int mms_xlate_parse(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == MMSCOPE_A_XLATE &&
		    mnl_attr_validate(a, MNL_TYPE_NESTED) >= 0)
			xlate_nest(a, data);
	return MNL_CB_OK;
}

int mms_get_mm(struct mms_nl *nl, int pid, struct mms_mm *mm)
{
	struct nlmsghdr *req = mms_nl_request(nl, MMSCOPE_CMD_GET_MM, 0);

	memset(mm, 0, sizeof(*mm));
	mnl_attr_put_u32(req, MMSCOPE_A_PID, pid);
	return mms_nl_transact(nl, req, mms_mm_parse, mm);
}

struct vma_list {
	struct mms_vma *v;
	size_t nr, cap;
	int err;
};

static int vmas_cb(const struct nlmsghdr *nlh, void *data)
{
	struct vma_list *l = data;
	const struct nlattr *a;
	struct mms_vma *nv;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) != MMSCOPE_A_VMA ||
		    mnl_attr_validate(a, MNL_TYPE_NESTED) < 0)
			continue;
		if (l->nr == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 64;
			nv = realloc(l->v, l->cap * sizeof(*nv));
			if (!nv) {
				l->err = -ENOMEM;
				return MNL_CB_ERROR;
			}
			l->v = nv;
		}
		if (mms_vma_parse(a, &l->v[l->nr])) {
			l->err = -ENOMEM;
			return MNL_CB_ERROR;
		}
		l->nr++;
	}
	return MNL_CB_OK;
}

void mms_vmas_free(struct mms_vma *vmas, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		free(vmas[i].name);
	free(vmas);
}

int mms_get_vmas(struct mms_nl *nl, int pid, struct mms_vma **vmas, size_t *nr)
{
	struct nlmsghdr *req = mms_nl_request(nl, MMSCOPE_CMD_GET_VMAS, NLM_F_DUMP);
	struct vma_list l = { 0 };
	int ret;

	mnl_attr_put_u32(req, MMSCOPE_A_PID, pid);
	ret = mms_nl_transact(nl, req, vmas_cb, &l);
	if (l.err)
		ret = l.err;
	if (ret) {
		mms_vmas_free(l.v, l.nr);
		return ret;
	}
	*vmas = l.v;
	*nr = l.nr;
	return 0;
}

struct pte_stream {
	mms_pte_cb cb;
	void *data;
	int err;
};

int mms_ptes_msg_parse(const struct nlmsghdr *nlh, mms_pte_cb cb, void *data)
{
	const struct nlattr *a;
	uint32_t stride = 0;
	struct mms_pte p;
	const char *rec;
	size_t i, n;
	int err;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) == MMSCOPE_A_PTE_REC_SIZE) {
			set_u32(a, &stride);
			continue;
		}
		if (mnl_attr_get_type(a) == MMSCOPE_A_PTE_RUN) {
			err = mms_pte_run_parse(mnl_attr_get_payload(a),
						mnl_attr_get_payload_len(a), cb, data);
			if (err)
				return err;
			continue;
		}
		/* Records before their size, or of a nonsensical size, are skipped. */
		if (mnl_attr_get_type(a) != MMSCOPE_A_PTE_RECS || stride < 8 || stride > 4096)
			continue;
		rec = mnl_attr_get_payload(a);
		n = mnl_attr_get_payload_len(a) / stride;
		for (i = 0; i < n; i++, rec += stride) {
			if (mms_pte_from_rec(rec, stride, &p))
				continue;
			err = cb(&p, data);
			if (err)
				return err;
		}
	}
	return 0;
}

static int ptes_cb(const struct nlmsghdr *nlh, void *data)
{
	struct pte_stream *s = data;

	s->err = mms_ptes_msg_parse(nlh, s->cb, s->data);
	return s->err ? MNL_CB_ERROR : MNL_CB_OK;
}

int mms_dump_ptes(struct mms_nl *nl, int pid, uint64_t start, uint64_t end, uint32_t filter,
		  mms_pte_cb cb, void *data)
{
	struct nlmsghdr *req = mms_nl_request(nl, MMSCOPE_CMD_GET_PTES, NLM_F_DUMP);
	struct pte_stream s = { .cb = cb, .data = data };
	int ret;

	mnl_attr_put_u32(req, MMSCOPE_A_PID, pid);
	/* Without a range the module walks the whole user half. */
	if (start)
		mnl_attr_put_u64(req, MMSCOPE_A_START, start);
	if (end)
		mnl_attr_put_u64(req, MMSCOPE_A_END, end);
	if (filter)
		mnl_attr_put_u32(req, MMSCOPE_A_FILTER, filter);
	ret = mms_nl_transact(nl, req, ptes_cb, &s);
	return s.err ? s.err : ret;
}

int mms_xlate(struct mms_nl *nl, int pid, uint64_t va, struct mms_xlate *x)
{
	struct nlmsghdr *req = mms_nl_request(nl, MMSCOPE_CMD_XLATE, 0);

	memset(x, 0, sizeof(*x));
	mnl_attr_put_u32(req, MMSCOPE_A_PID, pid);
	mnl_attr_put_u64(req, MMSCOPE_A_VA, va);
	return mms_nl_transact(nl, req, mms_xlate_parse, x);
}
