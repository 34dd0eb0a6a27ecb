// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/genetlink.h>

#include "mmscope.h"
#include "model_phys.h"

static void copy_str(char *dst, size_t len, const struct nlattr *a)
{
	if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
		return;
	snprintf(dst, len, "%s", mnl_attr_get_str(a));
}

static uint64_t get_u64(const struct nlattr *a, uint64_t dflt)
{
	return mnl_attr_validate(a, MNL_TYPE_U64) >= 0 ? mnl_attr_get_u64(a) : dflt;
}

static uint32_t get_u32(const struct nlattr *a, uint32_t dflt)
{
	return mnl_attr_validate(a, MNL_TYPE_U32) >= 0 ? mnl_attr_get_u32(a) : dflt;
}

/* A per-order nest: attribute type = order + 1.  Returns orders seen (max + 1). */
static unsigned int parse_orders_u64(const struct nlattr *nest, uint64_t *v)
{
	const struct nlattr *a;
	unsigned int n = 0, o;

	if (mnl_attr_validate(nest, MNL_TYPE_NESTED) < 0)
		return 0;
	mnl_attr_for_each_nested(a, nest) {
		o = mnl_attr_get_type(a);
		if (o < MMSCOPE_ORDER_ATTR(0) || o > MMS_MAX_ORDERS ||
		    mnl_attr_validate(a, MNL_TYPE_U64) < 0)
			continue;
		v[o - 1] = mnl_attr_get_u64(a);
		if (o > n)
			n = o;
	}
	return n;
}

static void parse_orders_s32(const struct nlattr *nest, int32_t *v)
{
	const struct nlattr *a;
	unsigned int o;

	if (mnl_attr_validate(nest, MNL_TYPE_NESTED) < 0)
		return;
	mnl_attr_for_each_nested(a, nest) {
		o = mnl_attr_get_type(a);
		if (o < MMSCOPE_ORDER_ATTR(0) || o > MMS_MAX_ORDERS ||
		    mnl_attr_validate(a, MNL_TYPE_U32) < 0)
			continue;
		v[o - 1] = (int32_t)mnl_attr_get_u32(a);
	}
}

static void parse_mt(const struct nlattr *nest, struct mms_buddy_zone *z)
{
	struct mms_buddy_mt *mt;
	const struct nlattr *a;

	if (z->nr_mt >= MMS_MAX_MT)
		return;
	mt = &z->mt[z->nr_mt];
	memset(mt, 0, sizeof(*mt));
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case MMSCOPE_BUDDY_MT_NAME:
			copy_str(mt->name, sizeof(mt->name), a);
			break;
		case MMSCOPE_BUDDY_MT_FREE:
			parse_orders_u64(a, mt->free);
			break;
		case MMSCOPE_BUDDY_MT_TRUNCATED:
			mt->truncated = get_u32(a, 0);
			break;
		}
	}
	if (mt->name[0])
		z->nr_mt++;
}

static void parse_zone(const struct nlattr *nest, struct mms_buddy_zone *z)
{
	const struct nlattr *a;

	memset(z, 0, sizeof(*z));
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case MMSCOPE_BUDDY_NODE:
			z->node = get_u32(a, 0);
			break;
		case MMSCOPE_BUDDY_ZONE_NAME:
			copy_str(z->zone, sizeof(z->zone), a);
			break;
		case MMSCOPE_BUDDY_MANAGED:
			z->managed = get_u64(a, 0);
			break;
		case MMSCOPE_BUDDY_PRESENT:
			z->present = get_u64(a, 0);
			break;
		case MMSCOPE_BUDDY_SPANNED:
			z->spanned = get_u64(a, 0);
			break;
		case MMSCOPE_BUDDY_FREE_PAGES:
			z->free_pages = get_u64(a, 0);
			break;
		case MMSCOPE_BUDDY_PCP_PAGES:
			z->pcp_pages = get_u64(a, 0);
			break;
		case MMSCOPE_BUDDY_WMARK_MIN:
			z->wmark_min = get_u64(a, 0);
			break;
		case MMSCOPE_BUDDY_WMARK_LOW:
			z->wmark_low = get_u64(a, 0);
			break;
		case MMSCOPE_BUDDY_WMARK_HIGH:
			z->wmark_high = get_u64(a, 0);
			break;
		case MMSCOPE_BUDDY_NR_ORDERS:
			z->nr_orders = get_u32(a, 0);
			break;
		case MMSCOPE_BUDDY_FREE:
			parse_orders_u64(a, z->free);
			break;
		case MMSCOPE_BUDDY_MIGRATETYPE:
			if (mnl_attr_validate(a, MNL_TYPE_NESTED) >= 0)
				parse_mt(a, z);
			break;
		case MMSCOPE_BUDDY_UNUSABLE:
			parse_orders_s32(a, z->unusable);
			break;
		case MMSCOPE_BUDDY_FRAGMENTATION:
			parse_orders_s32(a, z->fragmentation);
			break;
		}
	}
	if (z->nr_orders > MMS_MAX_ORDERS)
		z->nr_orders = MMS_MAX_ORDERS;
}

int mms_buddy_parse(const struct nlmsghdr *nlh, void *data)
{
	struct mms_buddy *b = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		if (mnl_attr_get_type(a) != MMSCOPE_A_BUDDY_ZONE ||
		    mnl_attr_validate(a, MNL_TYPE_NESTED) < 0 || b->nr_zones >= MMS_MAX_ZONES)
			continue;
		parse_zone(a, &b->zones[b->nr_zones]);
		if (b->zones[b->nr_zones].zone[0])
			b->nr_zones++;
	}
	return MNL_CB_OK;
}

int mms_get_buddy(struct mms_nl *nl, struct mms_buddy *b)
{
	struct nlmsghdr *req;

	memset(b, 0, sizeof(*b));
	req = mms_nl_request(nl, MMSCOPE_CMD_GET_BUDDY, NLM_F_DUMP);
	return mms_nl_transact(nl, req, mms_buddy_parse, b);
}

static void parse_block(const struct nlattr *nest, struct mms_demo_reply *r)
{
	struct mms_demo_block *b, *nb;
	const struct nlattr *a;
	size_t cap;

	if (r->nr_blocks == r->cap_blocks) {
		cap = r->cap_blocks ? 2 * r->cap_blocks : 64;
		nb = realloc(r->blocks, cap * sizeof(*nb));
		if (!nb)
			return;
		r->blocks = nb;
		r->cap_blocks = cap;
	}
	b = &r->blocks[r->nr_blocks];
	memset(b, 0, sizeof(*b));
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case MMSCOPE_DEMO_BLOCK_PFN:
			b->pfn = get_u64(a, 0);
			break;
		case MMSCOPE_DEMO_BLOCK_ORDER:
			b->order = get_u32(a, 0);
			break;
		case MMSCOPE_DEMO_BLOCK_NODE:
			b->node = get_u32(a, 0);
			break;
		case MMSCOPE_DEMO_BLOCK_ZONE:
			copy_str(b->zone, sizeof(b->zone), a);
			break;
		}
	}
	r->nr_blocks++;
}

static void parse_snap(const struct nlattr *nest, struct mms_buddy_snap *s)
{
	const struct nlattr *a;

	memset(s, 0, sizeof(*s));
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case MMSCOPE_DEMO_SNAP_NODE:
			s->node = get_u32(a, 0);
			break;
		case MMSCOPE_DEMO_SNAP_ZONE:
			copy_str(s->zone, sizeof(s->zone), a);
			break;
		case MMSCOPE_DEMO_SNAP_FREE:
			parse_orders_u64(a, s->free);
			break;
		case MMSCOPE_DEMO_SNAP_UNMOVABLE:
			parse_orders_u64(a, s->unmovable);
			break;
		case MMSCOPE_DEMO_SNAP_PCP_PAGES:
			s->pcp_pages = get_u64(a, 0);
			break;
		}
	}
	s->valid = s->zone[0] != '\0';
}

static void parse_hist(const struct nlattr *nest, struct mms_demo_slab *s)
{
	const struct nlattr *a;
	uint32_t objs = 0, slabs = 0;

	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) == MMSCOPE_DEMO_HIST_OBJECTS)
			objs = get_u32(a, 0);
		else if (mnl_attr_get_type(a) == MMSCOPE_DEMO_HIST_SLABS)
			slabs = get_u32(a, 0);
	}
	if (s->nr_hist >= MMS_MAX_HIST) {
		s->hist_truncated = true;
		return;
	}
	s->hist_objects[s->nr_hist] = objs;
	s->hist_slabs[s->nr_hist++] = slabs;
}

static void parse_slab(const struct nlattr *nest, struct mms_demo_slab *s)
{
	const struct nlattr *a;

	memset(s, 0, sizeof(*s));
	s->present = true;
	mnl_attr_for_each_nested(a, nest) {
		switch (mnl_attr_get_type(a)) {
		case MMSCOPE_DEMO_SLAB_NAME:
			copy_str(s->name, sizeof(s->name), a);
			s->created = s->name[0] != '\0';
			break;
		case MMSCOPE_DEMO_SLAB_OBJECT_SIZE:
			s->object_size = get_u32(a, 0);
			break;
		case MMSCOPE_DEMO_SLAB_OBJECTS:
			s->objects = get_u32(a, 0);
			break;
		case MMSCOPE_DEMO_SLAB_SLABS:
			s->slabs = get_u32(a, 0);
			break;
		case MMSCOPE_DEMO_SLAB_HIST:
			if (mnl_attr_validate(a, MNL_TYPE_NESTED) >= 0)
				parse_hist(a, s);
			break;
		case MMSCOPE_DEMO_SLAB_HIST_TRUNCATED:
			s->hist_truncated = true;
			break;
		}
	}
}

int mms_demo_parse(const struct nlmsghdr *nlh, void *data)
{
	struct mms_demo_reply *r = data;
	const struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(a)) {
		case MMSCOPE_A_DEMO_BLOCK:
			if (mnl_attr_validate(a, MNL_TYPE_NESTED) >= 0)
				parse_block(a, r);
			break;
		case MMSCOPE_A_DEMO_BEFORE:
			if (mnl_attr_validate(a, MNL_TYPE_NESTED) >= 0)
				parse_snap(a, &r->before);
			break;
		case MMSCOPE_A_DEMO_AFTER:
			if (mnl_attr_validate(a, MNL_TYPE_NESTED) >= 0)
				parse_snap(a, &r->after);
			break;
		case MMSCOPE_A_DEMO_HELD_BYTES:
			r->held_bytes = get_u64(a, 0);
			break;
		case MMSCOPE_A_DEMO_CAP_BYTES:
			r->cap_bytes = get_u64(a, 0);
			break;
		case MMSCOPE_A_DEMO_SLAB:
			if (mnl_attr_validate(a, MNL_TYPE_NESTED) >= 0)
				parse_slab(a, &r->slab);
			break;
		}
	}
	return MNL_CB_OK;
}

void mms_demo_reply_free(struct mms_demo_reply *r)
{
	free(r->blocks);
	r->blocks = NULL;
	r->nr_blocks = 0;
	r->cap_blocks = 0;
}

int mms_demo_buddy_alloc(struct mms_nl *nl, uint32_t order, uint32_t count,
			 struct mms_demo_reply *r)
{
	struct nlmsghdr *req = mms_nl_request(nl, MMSCOPE_CMD_DEMO_BUDDY_ALLOC, 0);

	memset(r, 0, sizeof(*r));
	mnl_attr_put_u32(req, MMSCOPE_A_DEMO_ORDER, order);
	mnl_attr_put_u32(req, MMSCOPE_A_DEMO_COUNT, count);
	return mms_nl_transact(nl, req, mms_demo_parse, r);
}

int mms_demo_buddy_free(struct mms_nl *nl, bool all, uint64_t pfn, struct mms_demo_reply *r)
{
	struct nlmsghdr *req = mms_nl_request(nl, MMSCOPE_CMD_DEMO_BUDDY_FREE, 0);

	memset(r, 0, sizeof(*r));
	if (all)
		mnl_attr_put(req, MMSCOPE_A_DEMO_FREE_ALL, 0, NULL);
	else
		mnl_attr_put_u64(req, MMSCOPE_A_DEMO_PFN, pfn);
	return mms_nl_transact(nl, req, mms_demo_parse, r);
}

int mms_demo_buddy_list(struct mms_nl *nl, struct mms_demo_reply *r)
{
	struct nlmsghdr *req = mms_nl_request(nl, MMSCOPE_CMD_DEMO_BUDDY_LIST, NLM_F_DUMP);

	memset(r, 0, sizeof(*r));
	return mms_nl_transact(nl, req, mms_demo_parse, r);
}

int mms_demo_slab(struct mms_nl *nl, uint8_t op, uint32_t arg, struct mms_demo_reply *r)
{
	struct nlmsghdr *req = mms_nl_request(nl, MMSCOPE_CMD_DEMO_SLAB, 0);

	memset(r, 0, sizeof(*r));
	mnl_attr_put_u8(req, MMSCOPE_A_DEMO_SLAB_OP, op);
	if (op == MMSCOPE_SLAB_OP_CREATE)
		mnl_attr_put_u32(req, MMSCOPE_A_DEMO_SLAB_SIZE, arg);
	else if (op == MMSCOPE_SLAB_OP_ALLOC || (op == MMSCOPE_SLAB_OP_FREE && arg))
		mnl_attr_put_u32(req, MMSCOPE_A_DEMO_SLAB_COUNT, arg);
	else if (op == MMSCOPE_SLAB_OP_FREE)
		mnl_attr_put(req, MMSCOPE_A_DEMO_FREE_ALL, 0, NULL);
	return mms_nl_transact(nl, req, mms_demo_parse, r);
}

/* ---- /proc/slabinfo and /sys/kernel/slab ---- */

int mms_slabinfo_parse(const char *text, long page_size, struct mms_slab **out, size_t *n)
{
	struct mms_slab *arr = NULL, *na, s;
	size_t cap = 0, cnt = 0;
	const char *line = text, *nl;
	char buf[512];
	int major, minor;

	*out = NULL;
	*n = 0;
	if (!text || sscanf(text, "slabinfo - version: %d.%d", &major, &minor) != 2 || major != 2)
		return -EPROTO;
	for (; line && *line; line = nl ? nl + 1 : NULL) {
		size_t len;

		nl = strchr(line, '\n');
		len = nl ? (size_t)(nl - line) : strlen(line);
		if (len >= sizeof(buf) || line[0] == '#' || !strncmp(line, "slabinfo", 8))
			continue;
		memcpy(buf, line, len);
		buf[len] = '\0';
		memset(&s, 0, sizeof(s));
		if (sscanf(buf, "%63s %lu %lu %lu %lu %lu : tunables %*u %*u %*u : slabdata %lu %lu %*u",
			   s.name, &s.active_objs, &s.num_objs, &s.objsize, &s.objperslab,
			   &s.pagesperslab, &s.active_slabs, &s.num_slabs) != 8)
			continue;
		s.order = s.partial = s.cpu_slabs = -1;
		s.memory = s.num_slabs * s.pagesperslab * (uint64_t)page_size;
		if (cnt == cap) {
			cap = cap ? cap * 2 : 128;
			na = realloc(arr, cap * sizeof(*arr));
			if (!na) {
				free(arr);
				return -ENOMEM;
			}
			arr = na;
		}
		arr[cnt++] = s;
	}
	*out = arr;
	*n = cnt;
	return 0;
}

int64_t mms_slab_sysfs_number(const char *text)
{
	char *end;
	long long v;

	if (!text || *text < '0' || *text > '9')
		return -1;
	v = strtoll(text, &end, 10);
	if (*end && *end != ' ' && *end != '\n')
		return -1;
	return v;
}

static int64_t read_sysfs_number(const char *dir, const char *cache, const char *attr)
{
	char path[512], buf[64];
	size_t len;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, cache, attr);
	f = fopen(path, "r");
	if (!f)
		return -1;
	len = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[len] = '\0';
	return mms_slab_sysfs_number(buf);
}

void mms_slab_add_sysfs(struct mms_slab *s, size_t n, const char *sysfs_dir)
{
	size_t i;

	for (i = 0; i < n; i++) {
		s[i].order = read_sysfs_number(sysfs_dir, s[i].name, "order");
		s[i].partial = read_sysfs_number(sysfs_dir, s[i].name, "partial");
		s[i].cpu_slabs = read_sysfs_number(sysfs_dir, s[i].name, "cpu_slabs");
	}
}

static const char *const key_names[] = {
	[MMS_SLAB_NAME] = "name",
	[MMS_SLAB_OBJSIZE] = "objsize",
	[MMS_SLAB_ACTIVE] = "active",
	[MMS_SLAB_TOTAL] = "total",
	[MMS_SLAB_SLABS] = "slabs",
	[MMS_SLAB_PARTIAL] = "partial",
	[MMS_SLAB_MEMORY] = "memory",
};

int mms_slab_key_parse(const char *s, enum mms_slab_key *key)
{
	size_t i;

	for (i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++) {
		if (!strcmp(s, key_names[i])) {
			*key = (enum mms_slab_key)i;
			return 0;
		}
	}
	return -EINVAL;
}

static enum mms_slab_key sort_key;

static int64_t key_value(const struct mms_slab *s)
{
	switch (sort_key) {
	case MMS_SLAB_OBJSIZE:
		return (int64_t)s->objsize;
	case MMS_SLAB_ACTIVE:
		return (int64_t)s->active_objs;
	case MMS_SLAB_TOTAL:
		return (int64_t)s->num_objs;
	case MMS_SLAB_SLABS:
		return (int64_t)s->num_slabs;
	case MMS_SLAB_PARTIAL:
		return s->partial;
	case MMS_SLAB_MEMORY:
		return (int64_t)s->memory;
	case MMS_SLAB_NAME:
		break;
	}
	return 0;
}

static int cmp_slab(const void *pa, const void *pb)
{
	const struct mms_slab *a = pa, *b = pb;
	int64_t va, vb;

	if (sort_key != MMS_SLAB_NAME) {
		va = key_value(a);
		vb = key_value(b);
		if (va != vb)
			return va > vb ? -1 : 1;
	}
	return strcmp(a->name, b->name);
}

void mms_slab_sort(struct mms_slab *s, size_t n, enum mms_slab_key key)
{
	sort_key = key;
	qsort(s, n, sizeof(*s), cmp_slab);
}

int mms_slab_read(const char *proc_path, const char *sysfs_dir, struct mms_slab **out, size_t *n)
{
	size_t len = 0, cap = 0, got;
	char *text = NULL, *nt;
	long page_size;
	FILE *f;
	int ret;

	*out = NULL;
	*n = 0;
	f = fopen(proc_path, "r");
	if (!f)
		return -errno;
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 65536;
			nt = realloc(text, cap + 1);
			if (!nt) {
				free(text);
				fclose(f);
				return -ENOMEM;
			}
			text = nt;
		}
		got = fread(text + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	text[len] = '\0';
	page_size = sysconf(_SC_PAGESIZE);
	ret = mms_slabinfo_parse(text, page_size, out, n);
	free(text);
	if (!ret && sysfs_dir)
		mms_slab_add_sysfs(*out, *n, sysfs_dir);
	return ret;
}
