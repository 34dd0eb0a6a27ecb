// SPDX-License-Identifier: GPL-2.0
/*
 * frames_sim POLICY FRAMES SEED REF...: an independent simulation of the
 * replacement policies of the frames lab, written from the rules in
 * Documentation/frames.rst and sharing no code with the module, for
 * t-frames.sh to compare with what the module did on a real MMU.
 *
 * Prints one line per reference, "F VICTIM" (VICTIM "-" when a free frame
 * was used) or "H", then "faults N hits N".  REF is a page number, with 'w'
 * for a write.  SEED is used by random only.
 *
 * The resident set is kept as a plain list of records, each with its frame
 * number: queues and scans instead of the module's per-frame arrays.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct res {
	int page;
	int frame;
	long loaded;		/* time of load */
	long used;		/* time of the latest reference */
	long uses;		/* references since load */
	int r, m;		/* reference and dirty bits */
};

static struct res set[64];
static int nset, nframes;
static int *refs, *wr;
static long nrefs;

static int find_page(int page)
{
	for (int i = 0; i < nset; i++)
		if (set[i].page == page)
			return i;
	return -1;
}

static int find_frame(int frame)
{
	for (int i = 0; i < nset; i++)
		if (set[i].frame == frame)
			return i;
	return -1;
}

/* Index in set[] of the record minimising key(), first loaded on ties. */
static int argmin(long (*key)(const struct res *, long), long now)
{
	int best = 0;

	for (int i = 1; i < nset; i++) {
		long a = key(&set[i], now), b = key(&set[best], now);

		if (a < b || (a == b && set[i].loaded < set[best].loaded))
			best = i;
	}
	return best;
}

static long k_loaded(const struct res *x, long now) { (void)now; return x->loaded; }
static long k_used(const struct res *x, long now) { (void)now; return x->used; }
static long k_uses(const struct res *x, long now) { (void)now; return x->uses; }
static long k_neg_uses(const struct res *x, long now) { (void)now; return -x->uses; }

/* Minus the time of the page's next reference (never: below every other). */
static long k_opt(const struct res *x, long now)
{
	for (long t = now + 1; t < nrefs; t++)
		if (refs[t] == x->page)
			return -t;
	return -(nrefs + 1);
}

int main(int argc, char **argv)
{
	const char *policy;
	uint64_t rng;
	int hand = 0;
	long faults = 0, hits = 0;

	if (argc < 4) {
		fprintf(stderr, "usage: frames_sim POLICY FRAMES SEED REF...\n");
		return 2;
	}
	policy = argv[1];
	nframes = atoi(argv[2]);
	rng = strtoull(argv[3], NULL, 10);
	nrefs = argc - 4;
	refs = calloc(nrefs + 1, sizeof(*refs));
	wr = calloc(nrefs + 1, sizeof(*wr));
	if (!refs || !wr || nframes < 1 || nframes > 64)
		return 2;
	for (long t = 0; t < nrefs; t++) {
		refs[t] = atoi(argv[t + 4]);
		wr[t] = strchr(argv[t + 4], 'w') != NULL;
	}

	for (long t = 0; t < nrefs; t++) {
		int i = find_page(refs[t]), frame, v;

		if (i >= 0) {
			hits++;
			set[i].used = t;
			set[i].uses++;
			set[i].r = 1;
			set[i].m |= wr[t];
			printf("H\n");
			continue;
		}
		faults++;
		if (nset < nframes) {
			/* Frames fill in order: the lowest free one is nset. */
			frame = nset;
			set[nset++] = (struct res){ refs[t], frame, t, t, 1, 1, wr[t] };
			printf("F -\n");
			continue;
		}
		if (!strcmp(policy, "fifo")) {
			v = argmin(k_loaded, t);
		} else if (!strcmp(policy, "lru")) {
			v = argmin(k_used, t);
		} else if (!strcmp(policy, "opt")) {
			v = argmin(k_opt, t);
		} else if (!strcmp(policy, "lfu")) {
			v = argmin(k_uses, t);
		} else if (!strcmp(policy, "mfu")) {
			v = argmin(k_neg_uses, t);
		} else if (!strcmp(policy, "random")) {
			rng = rng * 48271 % 2147483647;
			v = find_frame((int)(rng % (uint64_t)nframes));
		} else if (!strcmp(policy, "clock")) {
			for (;;) {
				v = find_frame(hand);
				if (!set[v].r)
					break;
				set[v].r = 0;
				hand = (hand + 1) % nframes;
			}
		} else if (!strcmp(policy, "esc")) {
			v = -1;
			while (v < 0) {
				for (int n = 0; n < nframes && v < 0; n++) {
					int j = find_frame((hand + n) % nframes);

					if (!set[j].r && !set[j].m)
						v = j;
				}
				for (int n = 0; n < nframes && v < 0; n++) {
					int j = find_frame((hand + n) % nframes);

					if (!set[j].r && set[j].m)
						v = j;
					else
						set[j].r = 0;
				}
			}
		} else {
			fprintf(stderr, "frames_sim: unknown policy %s\n", policy);
			return 2;
		}
		printf("F %d\n", set[v].page);
		frame = set[v].frame;
		hand = (frame + 1) % nframes;
		set[v] = (struct res){ refs[t], frame, t, t, 1, 1, wr[t] };
	}
	printf("faults %ld hits %ld\n", faults, hits);
	return 0;
}
