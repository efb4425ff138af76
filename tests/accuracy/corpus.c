// SPDX-License-Identifier: GPL-2.0
/*
 * corpus [-v] [CORPUS_DIR]: run the log parser over the annotated logs of
 * ../shared/corpus (satyr, abrt, pstore, vmcore, telemetrics-client,
 * logspec, squad) and compare the extracted events with each
 * .expect.json.  Prints a table per source, TAP lines, and fails when fewer
 * than 90% of all annotated facts are right.  -v prints every mismatch.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "corpus.h"
#include "parse.h"

#define THRESHOLD 0.90
#define SOURCE_FLOOR 0.75
#define MAX_EVENTS 256

static const char *const sources[] = {
	"satyr", "abrt", "abrt-pstore", "abrt-vmcore", "telemetrics-client",
	"logspec", "squad",
};

void corpus_fact(struct corpus_score *s, const char *fact, bool ok,
		 const char *want, const char *got)
{
	s->total++;
	if (ok) {
		s->right++;
		return;
	}
	if (s->verbose)
		printf("# MISMATCH %s: %s: want <%s> got <%s>\n", s->log, fact,
		       want ? want : "(null)", got ? got : "(null)");
}

void corpus_fact_str(struct corpus_score *s, const char *fact,
		     const char *want, const char *got)
{
	bool ok = (!want && !got) || (want && got && !strcmp(want, got));

	corpus_fact(s, fact, ok, want, got);
}

void corpus_fact_int(struct corpus_score *s, const char *fact, long want,
		     long got)
{
	char w[32], g[32];

	snprintf(w, sizeof(w), "%ld", want);
	snprintf(g, sizeof(g), "%ld", got);
	corpus_fact(s, fact, want == got, w, g);
}

bool corpus_event_has_line(const struct lg_event *ev, const char *needle)
{
	for (size_t i = 0; i < ev->nlines; i++)
		if (strstr(ev->lines[i].line, needle))
			return true;
	return false;
}

const char *corpus_frame_name(const struct lg_frame *f)
{
	static char buf[512];

	if (f->function)
		snprintf(buf, sizeof(buf), "%s%s", f->reliable ? "" : "? ", f->function);
	else
		snprintf(buf, sizeof(buf), "%s0x%llx", f->reliable ? "" : "? ",
			 (unsigned long long)f->address);
	return buf;
}

static void collect(struct lg_event *ev, void *arg)
{
	struct corpus_events *e = arg;

	if (e->n >= MAX_EVENTS) {
		lg_event_free(ev);
		free(ev);
		return;
	}
	e->ev[e->n++] = ev;
}

static void free_events(struct corpus_events *e)
{
	for (size_t i = 0; i < e->n; i++) {
		lg_event_free(e->ev[i]);
		free(e->ev[i]);
	}
	e->n = 0;
}

static void check_log(struct corpus_score *s, const char *source,
		      const char *expect, const char *log)
{
	struct lg_event *store[MAX_EVENTS];
	struct corpus_events e = { store, 0 };
	json_object *j = json_object_from_file(expect), *v, *a = NULL;
	bool annotated = false;
	int has_crash = -1;	/* -1: not said */
	FILE *f;

	if (!j) {
		printf("# cannot read %s\n", expect);
		s->total++;
		return;
	}
	f = fopen(log, "r");
	if (!f) {
		printf("# cannot open %s\n", log);
		s->total++;
		json_object_put(j);
		return;
	}
	lg_parse_file(f, log, collect, &e);
	fclose(f);
	s->log = log;
	if (json_object_object_get_ex(j, "annotated", &v))
		annotated = json_object_get_boolean(v);
	if (json_object_object_get_ex(j, "has_crash", &v) && v)
		has_crash = json_object_get_boolean(v);
	json_object_object_get_ex(j, "annotations", &a);
	if (has_crash == 0)
		corpus_fact_int(s, "no events", 0, (long)e.n);
	else if (has_crash == 1)
		corpus_fact(s, "has events", e.n > 0, ">0", "0");
	if (annotated && a) {
		if (!strcmp(source, "satyr"))
			corpus_check_satyr(s, a, &e);
		else if (!strcmp(source, "abrt"))
			corpus_check_abrt(s, a, &e);
		else if (!strcmp(source, "telemetrics-client"))
			corpus_check_telemetrics(s, a, &e);
		else if (!strcmp(source, "logspec"))
			corpus_check_logspec(s, a, &e);
		else if (!strcmp(source, "squad"))
			corpus_check_squad(s, a, &e);
	}
	free_events(&e);
	json_object_put(j);
}

static void run_source(struct corpus_score *s, const char *dir,
		       const char *source)
{
	char pattern[4096], log[4096];
	glob_t g;

	snprintf(pattern, sizeof(pattern), "%s/%s/*.expect.json", dir, source);
	if (glob(pattern, 0, NULL, &g) != 0)
		return;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		size_t n = strlen(g.gl_pathv[i]) - strlen(".expect.json");

		snprintf(log, sizeof(log), "%.*s.log", (int)n, g.gl_pathv[i]);
		check_log(s, source, g.gl_pathv[i], log);
	}
	globfree(&g);
}

int main(int argc, char **argv)
{
	const char *dir = LG_TOPDIR "/../shared/corpus";
	struct corpus_score all = { 0 };
	bool verbose = false;
	int tap = 0, failed = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v"))
			verbose = true;
		else
			dir = argv[i];
	}
	printf("# %-20s %7s %7s %7s\n", "source", "right", "facts", "share");
	for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		struct corpus_score s = { .verbose = verbose };

		run_source(&s, dir, sources[i]);
		printf("# %-20s %7zu %7zu %6.1f%%\n", sources[i], s.right, s.total,
		       s.total ? 100.0 * (double)s.right / (double)s.total : 0.0);
		all.right += s.right;
		all.total += s.total;
		/* A source far below the rest points at a parser regression. */
		printf("%s %d corpus %s: %zu/%zu facts (floor %.0f%%)\n",
		       (double)s.right >= SOURCE_FLOOR * (double)s.total ? "ok" : "not ok",
		       ++tap, sources[i], s.right, s.total, SOURCE_FLOOR * 100);
		if ((double)s.right < SOURCE_FLOOR * (double)s.total)
			failed = 1;
	}
	printf("# %-20s %7zu %7zu %6.1f%%\n", "all", all.right, all.total,
	       all.total ? 100.0 * (double)all.right / (double)all.total : 0.0);
	if (all.total == 0) {
		printf("not ok %d corpus: no annotated facts found under %s\n", ++tap, dir);
		return 1;
	}
	if ((double)all.right < THRESHOLD * (double)all.total) {
		printf("not ok %d corpus accuracy %zu/%zu below %.0f%%\n", ++tap,
		       all.right, all.total, THRESHOLD * 100);
		return 1;
	}
	printf("ok %d corpus accuracy %zu/%zu at least %.0f%%\n", ++tap,
	       all.right, all.total, THRESHOLD * 100);
	return failed;
}
