// SPDX-License-Identifier: GPL-2.0
/* Parsing GET_RMAP replies; malformed attributes are ignored, never trusted. */
#include <string.h>
#include <linux/genetlink.h>

#include "rmap.h"

static const char *const frame_names[] = MMSCOPE_FRAME_NAMES;
static const char *const method_names[] = MMSCOPE_RMAP_METHOD_NAMES;

#define NAME(tab, i) ((i) < sizeof(tab) / sizeof(tab[0]) ? tab[i] : "?")

const char *mms_frame_name(unsigned int frame)
{
	return NAME(frame_names, frame);
}

const char *mms_rmap_method_name(unsigned int method)
{
	return NAME(method_names, method);
}

const char *mms_rmap_method_text(unsigned int method)
{
	switch (method) {
	case MMSCOPE_RMAP_M_ANON_VMA:
		return "the page's anon_vma tree";
	case MMSCOPE_RMAP_M_I_MMAP:
		return "the file's i_mmap tree";
	case MMSCOPE_RMAP_M_SCAN:
		return "a scan of every process's page tables";
	}
	return "nothing: no reverse mapping is kept for this frame";
}

static void get_u8(const struct nlattr *a, uint8_t *dst)
{
	if (mnl_attr_validate(a, MNL_TYPE_U8) >= 0)
		*dst = mnl_attr_get_u8(a);
}

static void get_u32(const struct nlattr *a, uint32_t *dst)
{
	if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
		*dst = mnl_attr_get_u32(a);
}

static bool get_u64(const struct nlattr *a, uint64_t *dst)
{
	if (mnl_attr_validate(a, MNL_TYPE_U64) < 0)
		return false;
	*dst = mnl_attr_get_u64(a);
	return true;
}

static bool get_str(const struct nlattr *a, char *dst, size_t len)
{
	if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
		return false;
	strncpy(dst, mnl_attr_get_str(a), len - 1);
	dst[len - 1] = '\0';
	return true;
}

/* One mapper; kept only if it says where the frame is mapped (a VA). */
static void mapper_nest(const struct nlattr *nest, struct mms_rmap *r)
{
	struct mms_mapper *m;
	const struct nlattr *a;
	bool has_va = false;

	if (r->nr_stored >= MMSCOPE_RMAP_MAX_MAPPERS)
		return;
	m = &r->mappers[r->nr_stored];
	memset(m, 0, sizeof(*m));
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case MMSCOPE_MAPPER_PID:
			get_u32(a, &m->pid);
			break;
		case MMSCOPE_MAPPER_COMM:
			get_str(a, m->comm, sizeof(m->comm));
			break;
		case MMSCOPE_MAPPER_VA:
			has_va |= get_u64(a, &m->va);
			break;
		case MMSCOPE_MAPPER_VMA_START:
			get_u64(a, &m->vm_start);
			break;
		case MMSCOPE_MAPPER_VMA_END:
			get_u64(a, &m->vm_end);
			break;
		case MMSCOPE_MAPPER_VMA_FLAGS:
			get_u64(a, &m->vm_flags);
			break;
		case MMSCOPE_MAPPER_VMA_PGOFF:
			get_u64(a, &m->vm_pgoff);
			break;
		case MMSCOPE_MAPPER_LEVEL:
			get_u8(a, &m->level);
			break;
		case MMSCOPE_MAPPER_FLAGS:
			get_u32(a, &m->flags);
			break;
		}
	}
	if (has_va)
		r->nr_stored++;
}

static void rmap_nest(const struct nlattr *nest, struct mms_rmap *r)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case MMSCOPE_RMAP_PFN:
			get_u64(a, &r->pfn);
			break;
		case MMSCOPE_RMAP_VA:
			r->has_va |= get_u64(a, &r->va);
			break;
		case MMSCOPE_RMAP_FRAME:
			get_u8(a, &r->frame);
			break;
		case MMSCOPE_RMAP_METHOD:
			get_u8(a, &r->method);
			break;
		case MMSCOPE_RMAP_MAPCOUNT:
			get_u32(a, (uint32_t *)&r->mapcount);
			break;
		case MMSCOPE_RMAP_FOLIO_PAGES:
			get_u32(a, &r->folio_pages);
			break;
		case MMSCOPE_RMAP_FILE_PATH:
			r->has_file |= get_str(a, r->path, sizeof(r->path));
			break;
		case MMSCOPE_RMAP_FILE_OFFSET:
			get_u64(a, &r->file_offset);
			break;
		case MMSCOPE_RMAP_FILE_INO:
			get_u64(a, &r->file_ino);
			break;
		case MMSCOPE_RMAP_FILE_DEV_MAJOR:
			get_u32(a, &r->dev_major);
			break;
		case MMSCOPE_RMAP_FILE_DEV_MINOR:
			get_u32(a, &r->dev_minor);
			break;
		case MMSCOPE_RMAP_NR_MAPPERS:
			get_u32(a, &r->nr_mappers);
			break;
		case MMSCOPE_RMAP_TRUNCATED:
			r->truncated = true;
			break;
		case MMSCOPE_RMAP_CANDIDATES:
			get_u32(a, &r->candidates);
			break;
		case MMSCOPE_RMAP_STALE:
			get_u32(a, &r->stale);
			break;
		case MMSCOPE_RMAP_NOTE:
			get_str(a, r->note, sizeof(r->note));
			break;
		case MMSCOPE_RMAP_ELAPSED_NS:
			get_u64(a, &r->elapsed_ns);
			break;
		case MMSCOPE_RMAP_MAPPER:
			if (mnl_attr_validate(a, MNL_TYPE_NESTED) >= 0)
				mapper_nest(a, r);
			break;
		}
	}
}

int mms_rmap_parse(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr))
		if (mnl_attr_get_type(a) == MMSCOPE_A_RMAP &&
		    mnl_attr_validate(a, MNL_TYPE_NESTED) >= 0)
			rmap_nest(a, data);
	return MNL_CB_OK;
}

int mms_get_rmap(struct mms_nl *nl, uint64_t pfn, int pid, uint64_t va, bool scan,
		 struct mms_rmap *r)
{
	struct nlmsghdr *req = mms_nl_request(nl, MMSCOPE_CMD_GET_RMAP, 0);

	memset(r, 0, sizeof(*r));
	if (pid) {
		mnl_attr_put_u32(req, MMSCOPE_A_PID, pid);
		mnl_attr_put_u64(req, MMSCOPE_A_VA, va);
	} else {
		mnl_attr_put_u64(req, MMSCOPE_A_PFN, pfn);
	}
	if (scan)
		mnl_attr_put(req, MMSCOPE_A_RMAP_SCAN, 0, NULL);
	return mms_nl_transact(nl, req, mms_rmap_parse, r);
}
