// SPDX-License-Identifier: GPL-2.0
/*
 * One crash, one report: pstore, kdump and the journal often hold the same
 * oops the module recorded.  Two events are the same crash when their
 * signatures agree and their times are close (each source dates it its
 * own way: the record's clock, the pstore file's time, the journal
 * entry's, the kdump file's); events of one source are never merged with
 * each other (a crash loop repeats the signature).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "source.h"

static const char *key(const struct lg_event *ev)
{
	return ev->signature ? ev->signature : ev->title;
}

static bool close_in_time(time_t a, time_t b)
{
	if (!a || !b)
		return true;
	return (a > b ? a - b : b - a) <= LG_DEDUP_WINDOW;
}

static void add_also(char **also, const char *src)
{
	char *n = NULL;

	if (*also && strstr(*also, src))
		return;
	if (asprintf(&n, "%s%s%s", *also ? *also : "", *also ? "," : "", src) < 0)
		return;
	free(*also);
	*also = n;
}

void lg_source_dedup(struct lg_harvest *h, const struct lg_event *const *known,
		     size_t nknown, char **known_also)
{
	for (size_t i = 0; i < h->nfound; i++) {
		struct lg_found *f = &h->found[i];
		enum lg_source_kind kind = h->in[f->input].kind;
		const char *k = key(f->ev), *src = lg_source_name(kind);

		if (!k)
			continue;
		for (size_t m = 0; m < nknown && !f->dup_of; m++) {
			const char *mk = key(known[m]);

			if (mk && !strcmp(mk, k) &&
			    close_in_time(lg_source_parse_time(known[m]->time), f->when)) {
				f->dup_of = strdup("module");
				add_also(&known_also[m], src);
			}
		}
		for (size_t e = 0; e < i && !f->dup_of; e++) {
			struct lg_found *g = &h->found[e];
			const char *gk = key(g->ev);

			if (g->dup_of || h->in[g->input].kind == kind || !gk ||
			    strcmp(gk, k) || !close_in_time(g->when, f->when))
				continue;
			f->dup_of = strdup(lg_source_name(h->in[g->input].kind));
			add_also(&g->also, src);
		}
	}
}
