// SPDX-License-Identifier: GPL-2.0
/*
 * mmscope top: the data layer.  Live snapshots go through the requests and
 * parsers the sub-commands use; --record writes each tick as one JSON line
 * (top_json.c), --replay reads them back, so views cannot tell the two apart.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "model.h"
#include "top_data.h"
#include "util.h"

/* Fault events kept per tick at most (the module keeps as many per process). */
#define TOP_MAX_EVENTS		MMSCOPE_FAULT_EVENTS
/* Events shown when a tail starts: the last ones before it. */
#define TOP_EVENTS_BACKLOG	64
/* Entries of one window at most (a screen shows far fewer). */
#define TOP_MAX_WINDOW		(1 << 18)

uint64_t top_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* The thread's CPU time: user and system, netlink handlers and /proc readers included. */
static uint64_t cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

int top_src_live(struct top_src *s)
{
	memset(s, 0, sizeof(*s));
	s->page_size = sysconf(_SC_PAGESIZE);
	s->nl_open = true;
	return mms_nl_open(&s->nl);
}

int top_src_record(struct top_src *s, const char *path)
{
	s->rec = fopen(path, "w");
	return s->rec ? 0 : -errno;
}

static void record_flush(struct top_src *s)
{
	if (!s->rec || !s->pending)
		return;
	fprintf(s->rec, "%s\n", json_object_to_json_string_ext(s->pending, JSON_C_TO_STRING_PLAIN |
							       JSON_C_TO_STRING_NOSLASHESCAPE));
	fflush(s->rec);
	json_object_put(s->pending);
	s->pending = NULL;
}

int top_src_replay(struct top_src *s, const char *path)
{
	struct json_object **nl, *o;
	size_t cap = 0, len = 0;
	char *line = NULL;
	ssize_t n;
	FILE *f;
	int ret = 0;

	memset(s, 0, sizeof(*s));
	s->replay = true;
	s->page_size = sysconf(_SC_PAGESIZE);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	while ((n = getline(&line, &len, f)) > 0) {
		if (line[0] == '\n' || line[0] == '#')
			continue;
		o = json_tokener_parse(line);
		if (!o || !json_object_is_type(o, json_type_object)) {
			json_object_put(o);
			ret = -EBADMSG;
			break;
		}
		if (s->nr_lines == cap) {
			cap = cap ? 2 * cap : 16;
			nl = realloc(s->lines, cap * sizeof(*nl));
			if (!nl) {
				json_object_put(o);
				ret = -ENOMEM;
				break;
			}
			s->lines = nl;
		}
		s->lines[s->nr_lines++] = o;
	}
	free(line);
	fclose(f);
	if (!ret && !s->nr_lines)
		ret = -ENODATA;
	return ret;
}

void top_src_close(struct top_src *s)
{
	size_t i;

	record_flush(s);
	if (s->rec)
		fclose(s->rec);
	s->rec = NULL;
	for (i = 0; i < s->nr_lines; i++)
		json_object_put(s->lines[i]);
	free(s->lines);
	s->lines = NULL;
	s->nr_lines = 0;
	if (s->nl_open)
		mms_nl_close(&s->nl);
	s->nl_open = false;
}

int top_ptes_add(struct top_ptes *w, const struct mms_pte *p)
{
	struct mms_pte *n;
	size_t cap;

	if (w->n >= TOP_MAX_WINDOW)
		return -E2BIG;
	if (w->n == w->cap) {
		cap = w->cap ? 2 * w->cap : 256;
		n = realloc(w->e, cap * sizeof(*n));
		if (!n)
			return -ENOMEM;
		w->e = n;
		w->cap = cap;
	}
	w->e[w->n++] = *p;
	return 0;
}

static int window_cb(const struct mms_pte *p, void *data)
{
	return top_ptes_add(data, p);
}

struct event_list {
	struct mms_fault_event *e;
	size_t n;
};

static int event_cb(const struct mms_fault_event *e, void *data)
{
	struct event_list *l = data;

	/* The module keeps at most TOP_MAX_EVENTS: more means a bug, not a reason to grow. */
	if (l->n >= TOP_MAX_EVENTS)
		return -E2BIG;
	l->e[l->n++] = *e;
	return 0;
}

static int fetch_events(struct top_src *s, int pid, struct top_snap *out)
{
	struct event_list l = { 0 };
	struct mms_faults f;
	int ret;

	if (s->ev_pid != pid) {
		s->ev_pid = pid;
		s->ev_started = false;
	}
	if (!s->ev_started) {
		/* Start the tail a little before now. */
		if (out->have & TOP_NEED(TOP_FAULTS)) {
			f.events_next = out->faults.events_next;
		} else {
			ret = mms_get_faults(&s->nl, pid, &f);
			if (ret)
				return ret;
			mms_faults_free(&f);
		}
		s->ev_cursor = f.events_next > TOP_EVENTS_BACKLOG ?
			       f.events_next - TOP_EVENTS_BACKLOG : 0;
		s->ev_started = true;
	}
	l.e = malloc(TOP_MAX_EVENTS * sizeof(*l.e));
	if (!l.e)
		return -ENOMEM;
	ret = mms_get_fault_events(&s->nl, pid, &s->ev_cursor, event_cb, &l);
	if (ret && ret != -E2BIG) {
		free(l.e);
		return ret;
	}
	out->events = l.e;
	out->nr_events = l.n;
	return 0;
}

static int fetch_item(struct top_src *s, int i, int pid, uint64_t ws, uint64_t we,
		      struct top_snap *out)
{
	int ret;

	switch (i) {
	case TOP_MM:
		return mms_get_mm(&s->nl, pid, &out->mm);
	case TOP_VMAS:
		return mms_get_vmas(&s->nl, pid, &out->vmas, &out->nr_vmas);
	case TOP_FAULTS:
		ret = mms_get_faults(&s->nl, pid, &out->faults);
		/* Per-page counts are for `mmscope faults`; the views show VMAs. */
		free(out->faults.pages);
		out->faults.pages = NULL;
		out->faults.nr_pages = 0;
		return ret;
	case TOP_EVENTS:
		return fetch_events(s, pid, out);
	case TOP_BUDDY:
		out->buddy = malloc(sizeof(*out->buddy));
		if (!out->buddy)
			return -ENOMEM;
		return mms_get_buddy(&s->nl, out->buddy);
	case TOP_SLAB:
		return mms_slab_read("/proc/slabinfo", NULL, &out->slabs, &out->nr_slabs);
	case TOP_PROCS:
		return top_read_procs("/proc", &out->procs, &out->nr_procs);
	case TOP_PTES:
		out->win.start = out->win.cov_start = ws;
		out->win.end = out->win.cov_end = we;
		if (we <= ws)
			return 0;
		return mms_dump_ptes(&s->nl, pid, ws, we, 0, window_cb, &out->win);
	case TOP_POLICY:
		return top_fetch_policies(s, &out->policies);
	}
	return -EINVAL;
}

/* --record: a tick starts a line; what is fetched until the next one joins it. */
static void record(struct top_src *s, const struct top_snap *snap, bool tick)
{
	struct json_object *o, *old;
	size_t i;

	if (!s->rec)
		return;
	if (tick || !s->pending) {
		record_flush(s);
		s->pending = top_snap_to_json(snap);
		return;
	}
	o = top_snap_to_json(snap);
	json_object_object_foreach(o, k, v) {
		if (!strcmp(k, "ptes") && json_object_object_get_ex(s->pending, k, &old)) {
			for (i = 0; i < json_object_array_length(v); i++)
				json_object_array_add(old,
						      json_object_get(json_object_array_get_idx(v, i)));
			continue;
		}
		json_object_object_add(s->pending, k, json_object_get(v));
	}
	json_object_put(o);
}

static void record_answer(struct top_src *s, const char *key, struct json_object *ans)
{
	struct json_object *arr;

	if (!s->rec || !s->pending) {
		json_object_put(ans);
		return;
	}
	if (!json_object_object_get_ex(s->pending, key, &arr)) {
		arr = json_object_new_array();
		json_object_object_add(s->pending, key, arr);
	}
	json_object_array_add(arr, ans);
}

int top_fetch(struct top_src *s, int pid, unsigned int need, bool tick, uint64_t ws, uint64_t we,
	      struct top_snap *out)
{
	uint64_t t0, c0;
	int i, ret;

	memset(out, 0, sizeof(*out));
	out->pid = pid;
	if (!pid)
		need &= ~TOP_TARGET_ITEMS;
	if (s->replay) {
		if (tick && s->started && s->pos + 1 < s->nr_lines)
			s->pos++;
		s->started = true;
		ret = top_snap_from_json(s->lines[s->pos], out, ws, we);
		/* A recording of one process replays under its own PID. */
		if (!ret && !pid)
			out->pid = 0;
		return ret;
	}
	out->wall = time(NULL);
	for (i = 0; i < TOP_NR_ITEMS; i++) {
		if (!(need & TOP_NEED(i)))
			continue;
		t0 = top_now_ns();
		c0 = cpu_ns();
		ret = fetch_item(s, i, pid, ws, we, out);
		out->at[i] = t0;
		/* CPU time, not wall time: what the refresh costs the machine. */
		out->cost_us[i] = (uint32_t)((cpu_ns() - c0) / 1000);
		if (ret)
			out->err[i] = ret < 0 ? ret : -EIO;
		else
			out->have |= TOP_NEED(i);
	}
	record(s, out, tick);
	return 0;
}

#define MOVE(field) do { to->field = from->field; memset(&from->field, 0, sizeof(from->field)); } while (0)

void top_snap_carry(struct top_snap *to, struct top_snap *from, unsigned int items)
{
	int i;

	for (i = 0; i < TOP_NR_ITEMS; i++) {
		/* What @to fetched, well or not, is newer than anything @from knows. */
		if (!(items & TOP_NEED(i)) || (to->have & TOP_NEED(i)) || to->err[i])
			continue;
		if (!(from->have & TOP_NEED(i))) {
			to->err[i] = from->err[i];
			continue;
		}
		switch (i) {
		case TOP_MM:
			MOVE(mm);
			break;
		case TOP_VMAS:
			MOVE(vmas);
			MOVE(nr_vmas);
			break;
		case TOP_FAULTS:
			MOVE(faults);
			break;
		case TOP_EVENTS:
			/* Events are news of one tick: never carried. */
			continue;
		case TOP_BUDDY:
			MOVE(buddy);
			break;
		case TOP_SLAB:
			MOVE(slabs);
			MOVE(nr_slabs);
			break;
		case TOP_PROCS:
			MOVE(procs);
			MOVE(nr_procs);
			break;
		case TOP_PTES:
			MOVE(win);
			break;
		case TOP_POLICY:
			MOVE(policies);
			break;
		}
		to->have |= TOP_NEED(i);
		to->at[i] = from->at[i];
		to->cost_us[i] = from->cost_us[i];
		from->have &= ~TOP_NEED(i);
	}
}

void top_snap_free(struct top_snap *s)
{
	mms_vmas_free(s->vmas, s->nr_vmas);
	mms_faults_free(&s->faults);
	free(s->events);
	free(s->buddy);
	free(s->slabs);
	free(s->procs);
	free(s->win.e);
	top_policies_free(&s->policies);
	memset(s, 0, sizeof(*s));
}

/* ---- point queries ---- */

/* Replay: the answer in the current line, else in the nearest other one. */
static struct json_object *replay_find(struct top_src *s, const char *key,
				       bool (*match)(struct json_object *o, const void *q),
				       const void *q)
{
	struct json_object *arr;
	size_t d, i, k, idx;

	for (d = 0; d < s->nr_lines; d++) {
		for (k = 0; k < 2; k++) {
			if ((k == 0 && d > s->pos) || (k == 1 && (!d || s->pos + d >= s->nr_lines)))
				continue;
			idx = k == 0 ? s->pos - d : s->pos + d;
			if (!json_object_object_get_ex(s->lines[idx], key, &arr) ||
			    !json_object_is_type(arr, json_type_array))
				continue;
			for (i = json_object_array_length(arr); i-- > 0;)
				if (match(json_object_array_get_idx(arr, i), q))
					return json_object_array_get_idx(arr, i);
		}
	}
	return NULL;
}

struct xlate_q {
	int pid;
	uint64_t va;
};

static bool xlate_match(struct json_object *o, const void *q)
{
	const struct xlate_q *x = q;
	struct mms_xlate ans;
	int pid;

	return !top_xlate_from_json(o, &pid, &ans) && pid == x->pid && ans.va == x->va;
}

int top_query_xlate(struct top_src *s, int pid, uint64_t va, struct mms_xlate *x)
{
	struct xlate_q q = { pid, va };
	struct json_object *o;
	int ret;

	if (s->replay) {
		o = replay_find(s, "xlate", xlate_match, &q);
		if (!o)
			return -ENODATA;
		return top_xlate_from_json(o, &pid, x);
	}
	ret = mms_xlate(&s->nl, pid, va, x);
	if (!ret)
		record_answer(s, "xlate", top_xlate_to_json(pid, x));
	return ret;
}

struct rmap_q {
	int pid;
	uint64_t va, pfn;
};

static bool rmap_match(struct json_object *o, const void *q)
{
	const struct rmap_q *r = q;
	static struct mms_rmap ans;
	uint64_t va;
	int pid;

	if (top_rmap_from_json(o, &pid, &va, &ans) || pid != r->pid)
		return false;
	return pid ? va == r->va : ans.pfn == r->pfn;
}

int top_query_rmap(struct top_src *s, int pid, uint64_t va, uint64_t pfn, struct mms_rmap *r)
{
	struct rmap_q q = { pid, va, pfn };
	struct json_object *o;
	int ret;

	if (s->replay) {
		o = replay_find(s, "rmap", rmap_match, &q);
		if (!o)
			return -ENODATA;
		return top_rmap_from_json(o, &pid, &va, r);
	}
	ret = mms_get_rmap(&s->nl, pfn, pid, va, false, r);
	if (!ret)
		record_answer(s, "rmap", top_rmap_to_json(pid, va, r));
	return ret;
}

int top_clear_refs(struct top_src *s, int pid)
{
	char path[64];
	int fd, ret = 0;

	if (s->replay)
		return -EROFS;
	/* The kernel's own way: "1" clears the Accessed bits of every mapping. */
	snprintf(path, sizeof(path), "/proc/%d/clear_refs", pid);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, "1", 1) != 1)
		ret = -errno;
	close(fd);
	return ret;
}

int top_track(struct top_src *s, int pid, bool start)
{
	struct mms_faults f;
	int ret;

	if (s->replay)
		return -EROFS;
	ret = mms_faults_track(&s->nl, pid, start, &f);
	if (!ret)
		mms_faults_free(&f);
	if (start)
		s->ev_pid = 0;		/* a new tracking window: start the tail again */
	return ret;
}

/* Is "policy" among the module's features, and is it available?  Asked once. */
static int policy_feature(struct top_src *s)
{
	struct mms_info *info = malloc(sizeof(*info));
	unsigned int i;
	int ret;

	if (!info)
		return -ENOMEM;
	ret = mms_get_info(&s->nl, info);
	if (!ret) {
		s->policy_feature = -1;
		for (i = 0; i < info->nr_features; i++) {
			if (strcmp(info->features[i].name, "policy"))
				continue;
			s->policy_feature = 1;
			if (!info->features[i].available)
				snprintf(s->policy_reason, sizeof(s->policy_reason), "%s",
					 info->features[i].reason[0] ? info->features[i].reason :
					 "unavailable");
		}
	}
	free(info);
	return ret;
}

int top_fetch_policies(struct top_src *s, struct top_policies *out)
{
	char mnt[4096];
	int ret;

	memset(out, 0, sizeof(*out));
	if (!s->policy_feature) {
		ret = policy_feature(s);
		if (ret)
			return ret;
	}
	/* A module from before policies: it would not know POLICY_GET either. */
	if (s->policy_feature < 0)
		return -EOPNOTSUPP;
	snprintf(out->reclaim, sizeof(out->reclaim), "%s", mms_reclaim_path());
	snprintf(out->unavailable, sizeof(out->unavailable), "%s", s->policy_reason);
	return mms_policy_show_get(&s->nl, &out->list, mnt, sizeof(mnt));
}

void top_policies_free(struct top_policies *p)
{
	mms_policy_list_free(&p->list);
	memset(p, 0, sizeof(*p));
}

/* ---- processes ---- */

static int read_small(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

static int proc_one(const char *proc, int pid, struct top_proc *p)
{
	unsigned long long size, rss;
	char path[64], buf[512], *l, *r;
	long page = sysconf(_SC_PAGESIZE);
	struct stat st;

	memset(p, 0, sizeof(*p));
	p->pid = pid;
	snprintf(path, sizeof(path), "%s/%d/statm", proc, pid);
	if (read_small(path, buf, sizeof(buf)) || sscanf(buf, "%llu %llu", &size, &rss) != 2)
		return -ENOENT;
	/* Kernel threads have no address space. */
	if (!size)
		return -ENOENT;
	p->vsz_kib = size * page / 1024;
	p->rss_kib = rss * page / 1024;
	snprintf(path, sizeof(path), "%s/%d/stat", proc, pid);
	if (read_small(path, buf, sizeof(buf)))
		return -ENOENT;
	/* comm is between the first '(' and the last ')': it may hold either. */
	l = strchr(buf, '(');
	r = strrchr(buf, ')');
	if (!l || !r || r < l)
		return -ENOENT;
	*r = '\0';
	snprintf(p->comm, sizeof(p->comm), "%s", l + 1);
	snprintf(path, sizeof(path), "%s/%d", proc, pid);
	if (!stat(path, &st))
		p->uid = st.st_uid;
	return 0;
}

/* At most this many processes are listed (the picker's bound). */
#define TOP_MAX_PROCS 32768

int top_read_procs(const char *proc, struct top_proc **out, size_t *n)
{
	struct top_proc *arr = NULL, *na;
	size_t cap = 0, cnt = 0;
	struct dirent *d;
	DIR *dir;
	int pid;

	*out = NULL;
	*n = 0;
	dir = opendir(proc);
	if (!dir)
		return -errno;
	while ((d = readdir(dir)) && cnt < TOP_MAX_PROCS) {
		if (mms_parse_pid(d->d_name, &pid))
			continue;
		if (cnt == cap) {
			cap = cap ? 2 * cap : 256;
			na = realloc(arr, cap * sizeof(*na));
			if (!na) {
				free(arr);
				closedir(dir);
				return -ENOMEM;
			}
			arr = na;
		}
		if (!proc_one(proc, pid, &arr[cnt]))
			cnt++;
	}
	closedir(dir);
	*out = arr;
	*n = cnt;
	return 0;
}
