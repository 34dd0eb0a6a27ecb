// SPDX-License-Identifier: GPL-2.0
/* The frames lab: reference strings, runs through a region, the table. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "frames.h"
#include "output.h"

#define STR_(x) #x
#define STR(x) STR_(x)

static const char *const policy_names[] = MMSCOPE_FRAMES_POLICY_NAMES;

int mms_frames_policy(const char *name)
{
	unsigned int i;

	for (i = 0; i < MMSCOPE_FRAMES_NR_POLICIES; i++)
		if (!strcmp(name, policy_names[i]))
			return (int)i;
	return -1;
}

const char *mms_frames_policy_name(unsigned int policy)
{
	return policy < MMSCOPE_FRAMES_NR_POLICIES ? policy_names[policy] : "?";
}

static int refs_push(struct mms_refs *refs, unsigned int page, bool write)
{
	struct mms_ref *r;
	size_t cap;

	if (refs->n == MMSCOPE_FRAMES_MAX_FUTURE)
		return -E2BIG;
	if (refs->n == refs->cap) {
		cap = refs->cap ? refs->cap * 2 : 64;
		r = realloc(refs->ref, cap * sizeof(*r));
		if (!r)
			return -ENOMEM;
		refs->ref = r;
		refs->cap = cap;
	}
	if (!refs->n || page > refs->max_page)
		refs->max_page = page;
	refs->ref[refs->n].page = (uint8_t)page;
	refs->ref[refs->n].write = write;
	refs->n++;
	return 0;
}

int mms_refs_parse(struct mms_refs *refs, const char *arg, const char **bad)
{
	const char *p = arg, *start;
	unsigned int page;
	bool write;
	int ret;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == ',')
			p++;
		if (!*p)
			return 0;
		start = p;
		if (*p < '0' || *p > '9') {
			*bad = start;
			return -EINVAL;
		}
		page = 0;
		while (*p >= '0' && *p <= '9') {
			if (page < 1000)
				page = page * 10 + (unsigned int)(*p - '0');
			p++;
		}
		write = *p == 'w' || *p == 'W';
		if (write)
			p++;
		if (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != ',') {
			*bad = start;
			return -EINVAL;
		}
		if (page >= MMSCOPE_FRAMES_MAX_PAGES) {
			*bad = start;
			return -ERANGE;
		}
		ret = refs_push(refs, page, write);
		if (ret)
			return ret;
	}
}

void mms_refs_free(struct mms_refs *refs)
{
	free(refs->ref);
	memset(refs, 0, sizeof(*refs));
}

static int parse_small(const char *s, const char **end, unsigned int *v)
{
	unsigned int n = 0;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	while (*s >= '0' && *s <= '9') {
		n = n * 10 + (unsigned int)(*s++ - '0');
		if (n > MMSCOPE_FRAMES_MAX_PAGES)
			return -EINVAL;
	}
	*end = s;
	*v = n;
	return 0;
}

int mms_frames_parse_range(const char *s, unsigned int *lo, unsigned int *hi)
{
	unsigned int a, b;
	const char *p;

	if (parse_small(s, &p, &a))
		return -EINVAL;
	b = a;
	if (*p == '-' && parse_small(p + 1, &p, &b))
		return -EINVAL;
	if (*p || !a || a > b)
		return -EINVAL;
	*lo = a;
	*hi = b;
	return 0;
}

const char *mms_frames_bad_text(unsigned int bad)
{
	switch (bad) {
	case MMSCOPE_FRAMES_BAD_ABI:
		return "the module speaks another version of the frames interface";
	case MMSCOPE_FRAMES_BAD_PAGES:
		return "the region must have 1 to " STR(MMSCOPE_FRAMES_MAX_PAGES) " pages";
	case MMSCOPE_FRAMES_BAD_FRAMES:
		return "frames must be at least 1 and at most the region's pages";
	case MMSCOPE_FRAMES_BAD_POLICY:
		return "the module does not know this policy";
	case MMSCOPE_FRAMES_BAD_SEED:
		return "the random policy takes a seed from 1 to 2147483646; the others none";
	case MMSCOPE_FRAMES_BAD_FUTURE:
		return "opt needs the reference string (1 to " STR(MMSCOPE_FRAMES_MAX_FUTURE)
		       " references, each a page of the region); the others none";
	case MMSCOPE_FRAMES_BAD_FLAGS:
		return "unknown flags";
	}
	return "invalid argument";
}

/* Touch one page: the read or write is the reference (and the MMU trap). */
static void touch(unsigned char *base, size_t ps, const struct mms_ref *r, uint64_t n)
{
	volatile uint64_t *p = (volatile uint64_t *)(base + r->page * ps);

	if (r->write)
		*p = n;
	else
		(void)*p;
}

static int read_events(int fd, struct mms_frames_result *res)
{
	struct mmscope_frames_event buf[64];
	size_t cap = 0;
	ssize_t got;
	size_t i, n;
	void *p;

	for (;;) {
		got = read(fd, buf, sizeof(buf));
		if (got < 0)
			return -errno;
		if (!got)
			return 0;
		n = (size_t)got / sizeof(buf[0]);
		if (res->nr_ev + n > cap) {
			cap = cap ? cap * 2 : 256;
			while (cap < res->nr_ev + n)
				cap *= 2;
			p = realloc(res->ev, cap * sizeof(*res->ev));
			if (!p)
				return -ENOMEM;
			res->ev = p;
		}
		for (i = 0; i < n; i++)
			res->ev[res->nr_ev++] = buf[i];
	}
}

int mms_frames_run(const struct mms_frames_cfg *cfg, const struct mms_refs *refs,
		   struct mms_frames_result *res, const char **where, unsigned int *bad)
{
	struct mmscope_frames_setup s = {
		.abi = MMSCOPE_FRAMES_ABI,
		.pages = cfg->pages,
		.frames = cfg->frames,
		.policy = cfg->policy,
		.seed = cfg->seed,
	};
	size_t ps = (size_t)sysconf(_SC_PAGESIZE), len, i;
	unsigned char *base = MAP_FAILED;
	uint8_t *future = NULL;
	int fd, ret = 0;

	memset(res, 0, sizeof(*res));
	*bad = MMSCOPE_FRAMES_BAD_NONE;
	*where = "open " MMSCOPE_FRAMES_DEVICE;
	fd = open(MMSCOPE_FRAMES_DEVICE, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (cfg->policy == MMSCOPE_FRAMES_OPT) {
		future = malloc(refs->n ? refs->n : 1);
		if (!future) {
			ret = -ENOMEM;
			goto out;
		}
		for (i = 0; i < refs->n; i++)
			future[i] = refs->ref[i].page;
		s.nr_future = (uint32_t)refs->n;
		s.future = (uint64_t)(uintptr_t)future;
	}
	*where = "set up the region";
	if (ioctl(fd, MMSCOPE_FRAMES_IOC_SETUP, &s)) {
		ret = -errno;
		*bad = s.bad;
		goto out;
	}
	*where = "map the region";
	len = cfg->pages * ps;
	base = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (base == MAP_FAILED) {
		ret = -errno;
		goto out;
	}
	*where = "unmap the page referenced last";
	for (i = 0; i < refs->n; i++) {
		/* The same page twice in a row: make the second reference trap too. */
		if (i && refs->ref[i].page == refs->ref[i - 1].page &&
		    ioctl(fd, MMSCOPE_FRAMES_IOC_UNMAP)) {
			ret = -errno;
			goto out;
		}
		touch(base, ps, &refs->ref[i], i + 1);
	}
	*where = "read the region's state";
	if (ioctl(fd, MMSCOPE_FRAMES_IOC_STATE, &res->st)) {
		ret = -errno;
		goto out;
	}
	*where = "read the region's events";
	ret = read_events(fd, res);
	if (!ret && res->nr_ev)
		res->lost = res->ev[0].seq;
out:
	if (base != MAP_FAILED)
		munmap(base, len);
	free(future);
	close(fd);
	if (ret)
		mms_frames_result_free(res);
	return ret;
}

void mms_frames_result_free(struct mms_frames_result *res)
{
	free(res->ev);
	res->ev = NULL;
	res->nr_ev = 0;
}

/* ---- the table ---------------------------------------------------------- */

#define LABEL_WIDTH	8		/* "frame 63" */

/* Rows of the table: the reference, one per frame, then these two. */
enum { ROW_REF = -1, ROW_FAULT = -2, ROW_EVICTED = -3 };

static void row_label(char *buf, size_t len, int row)
{
	if (row >= 0)
		snprintf(buf, len, "frame %d", row);
	else
		snprintf(buf, len, "%s", row == ROW_REF ? "ref" : row == ROW_FAULT ? "fault" : "evicted");
}

/* Event @e's cell in @row. */
static void row_cell(char *buf, size_t len, const struct mmscope_frames_event *e, int row,
		     bool marks)
{
	buf[0] = '\0';
	if (row == ROW_REF) {
		snprintf(buf, len, "%u%s", e->page, e->flags & MMSCOPE_FRAMES_EV_WRITE ? "w" : "");
	} else if (row == ROW_FAULT) {
		snprintf(buf, len, "%s", e->flags & MMSCOPE_FRAMES_EV_FAULT ? "F" : "");
	} else if (row == ROW_EVICTED) {
		if (e->victim != MMSCOPE_FRAMES_NONE)
			snprintf(buf, len, "%u%s", e->victim,
				 e->flags & MMSCOPE_FRAMES_EV_WRITEBACK ? "+" : "");
	} else if (e->frame[row] != MMSCOPE_FRAMES_NONE) {
		snprintf(buf, len, "%u%s%s", e->frame[row],
			 marks && (e->ref_bits >> row & 1) ? "*" : "",
			 marks && (e->dirty_bits >> row & 1) ? "+" : "");
	}
}

/* Width of event @i's column: its widest cell. */
static unsigned int col_width(const struct mms_frames_result *res, size_t i, bool marks)
{
	unsigned int w = 2;
	char buf[24];
	int row;

	for (row = ROW_EVICTED; row < (int)res->st.frames; row++) {
		row_cell(buf, sizeof(buf), &res->ev[i], row, marks);
		if (strlen(buf) > w)
			w = (unsigned int)strlen(buf);
	}
	return w;
}

/* Rows of columns [from, to), right-aligned, without trailing blanks. */
static void print_block(FILE *out, const struct mms_frames_result *res, size_t from,
			size_t to, const unsigned int *w, bool marks)
{
	static const int tail[] = { ROW_FAULT, ROW_EVICTED };
	unsigned int k, nrows = res->st.frames + 3;
	char buf[24], *line, *p;
	size_t i, len = LABEL_WIDTH + 1;
	int row;

	for (i = from; i < to; i++)
		len += 1 + w[i];
	line = malloc(len);
	if (!line)
		return;
	for (k = 0; k < nrows; k++) {
		row = k == 0 ? ROW_REF : k <= res->st.frames ? (int)k - 1 :
		      tail[k - res->st.frames - 1];
		row_label(buf, sizeof(buf), row);
		p = line + sprintf(line, "%-*s", LABEL_WIDTH, buf);
		for (i = from; i < to; i++) {
			row_cell(buf, sizeof(buf), &res->ev[i], row, marks);
			p += sprintf(p, " %*s", (int)w[i], buf);
		}
		while (p > line && p[-1] == ' ')
			p--;
		*p = '\0';
		fprintf(out, "%s\n", line);
	}
	free(line);
}

void mms_frames_print_table(FILE *out, const struct mms_frames_result *res, bool marks,
			    unsigned int width)
{
	unsigned int *w, used;
	size_t i, from;

	if (!res->nr_ev)
		return;
	w = calloc(res->nr_ev, sizeof(*w));
	if (!w)
		return;
	for (i = 0; i < res->nr_ev; i++)
		w[i] = col_width(res, i, marks);
	if (width < LABEL_WIDTH + 8)
		width = LABEL_WIDTH + 8;
	for (from = 0; from < res->nr_ev; from = i) {
		used = LABEL_WIDTH;
		for (i = from; i < res->nr_ev && (i == from || used + 1 + w[i] <= width); i++)
			used += 1 + w[i];
		if (from)
			fputc('\n', out);
		print_block(out, res, from, i, w, marks);
	}
	free(w);
}
