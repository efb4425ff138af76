// SPDX-License-Identifier: GPL-2.0
/*
 * Sampled multi-literal search (see parse_prefilter.h).  Every occurrence of
 * a literal of length L >= S + 3 covers S consecutive 4-byte windows that
 * start inside it, so looking at every S-th window of the text and at the
 * windows at offsets 0..S-1 of each literal finds every occurrence.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "parse_prefilter.h"

#define HASH_BITS 16
#define BUCKET_SHIFT 4		/* 4096 buckets over the 65536 hashes */
#define NBUCKETS (1u << (HASH_BITS - BUCKET_SHIFT))
#define MAX_STRIDE 16

struct entry {
	uint32_t word;
	uint16_t hash;
	uint16_t off;
	uint32_t lit;
};

struct lg_prefilter {
	uint64_t bitmap[(1u << HASH_BITS) / 64];
	uint32_t start[NBUCKETS + 1];
	struct entry *entries;
	size_t nentries;
	const char *const *lits;
	size_t *lens;
	size_t stride;
};

static inline uint32_t load32(const char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint32_t hash32(uint32_t v)
{
	return (v * 0x9E3779B1u) >> (32 - HASH_BITS);
}

static int entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return (int)x->hash - (int)y->hash;
}

struct lg_prefilter *lg_prefilter_new(const char *const *lits, size_t n)
{
	struct lg_prefilter *pf;
	size_t minlen = SIZE_MAX, k = 0;

	for (size_t i = 0; i < n; i++)
		if (strlen(lits[i]) < minlen)
			minlen = strlen(lits[i]);
	if (n == 0 || minlen < 4)
		return NULL;
	pf = calloc(1, sizeof(*pf));
	if (!pf)
		return NULL;
	pf->stride = minlen - 3 > MAX_STRIDE ? MAX_STRIDE : minlen - 3;
	pf->lits = lits;
	pf->lens = calloc(n, sizeof(*pf->lens));
	pf->entries = calloc(n * pf->stride, sizeof(*pf->entries));
	if (!pf->lens || !pf->entries) {
		lg_prefilter_free(pf);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		pf->lens[i] = strlen(lits[i]);
		for (size_t off = 0; off < pf->stride; off++) {
			struct entry *en = &pf->entries[k++];

			en->word = load32(lits[i] + off);
			en->hash = (uint16_t)hash32(en->word);
			en->off = (uint16_t)off;
			en->lit = (uint32_t)i;
			pf->bitmap[en->hash / 64] |= 1ull << (en->hash % 64);
		}
	}
	pf->nentries = k;
	qsort(pf->entries, k, sizeof(*pf->entries), entry_cmp);
	for (size_t i = 0, b = 0; b <= NBUCKETS; b++) {
		while (i < k && (pf->entries[i].hash >> BUCKET_SHIFT) < b)
			i++;
		pf->start[b] = (uint32_t)i;
	}
	return pf;
}

void lg_prefilter_free(struct lg_prefilter *pf)
{
	if (!pf)
		return;
	free(pf->entries);
	free(pf->lens);
	free(pf);
}

static const char *verify(const struct lg_prefilter *pf, const char *i,
			  uint32_t v, uint32_t h, const char *p, const char *e)
{
	const char *best = NULL;
	uint32_t b = h >> BUCKET_SHIFT;

	for (uint32_t j = pf->start[b]; j < pf->start[b + 1]; j++) {
		const struct entry *en = &pf->entries[j];
		const char *q = i - en->off;
		size_t len = pf->lens[en->lit];

		if (en->hash != h || en->word != v || q < p ||
		    (size_t)(e - q) < len || (best && q >= best))
			continue;
		if (memcmp(q, pf->lits[en->lit], len) == 0)
			best = q;
	}
	return best;
}

const char *lg_prefilter_find(const struct lg_prefilter *pf,
			      const char *p, const char *e)
{
	const size_t s = pf->stride;

	size_t lim;

	if (e - p < 4)
		return NULL;
	lim = (size_t)(e - p) - 4;
	for (size_t o = 0;; o += s) {
		const char *i = p + o, *q;
		uint32_t v = load32(i), h = hash32(v);

		if (pf->bitmap[h / 64] & (1ull << (h % 64))) {
			q = verify(pf, i, v, h, p, e);
			if (q)
				return q;
		}
		if (lim - o < s)
			return NULL;
	}
}

/* SWAR: a byte of x is zero iff its high bit ends up set in the mask. */
size_t lg_count_newlines(const char *p, const char *e)
{
	const uint64_t ones = 0x0101010101010101ull, nl = ones * '\n';
	const uint64_t low7 = ones * 0x7f;
	size_t n = 0;

	while (e - p >= 8) {
		uint64_t w, x, t;

		memcpy(&w, p, 8);
		x = w ^ nl;
		t = ((x & low7) + low7) | x;
		n += (size_t)__builtin_popcountll(~t & (ones << 7));
		p += 8;
	}
	while (p < e)
		n += *p++ == '\n';
	return n;
}
