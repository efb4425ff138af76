// SPDX-License-Identifier: GPL-2.0
/*
 * Accuracy of the analyzer on syzkaller's annotated console logs
 * (shared/corpus/syzkaller: N.log + N.expect.json, only the first crash of
 * each log annotated).  Every log goes through the real parser and
 * classifier; the first event that is a kernel crash is compared with the
 * annotation.  Prints a per-category table (LASTGASP_ACCURACY_TABLE=1),
 * the mismatches (LASTGASP_ACCURACY_VERBOSE=1) and two TAP lines with the
 * thresholds.
 *
 * usage: syzkaller CORPUS_DIR [CRASH_PCT TITLE_PCT]
 */
#include <dirent.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "event.h"
#include "parse.h"
#include "syzkaller_stats.h"

struct first_crash {
	struct lg_event *ev;
};

/* What syzkaller calls a crash: a kernel bug, or anything that killed the
 * kernel; not the conditions an operator also wants to hear about. */
static bool is_crash(const struct lg_event *ev)
{
	switch (ev->cls) {
	case LG_CLASS_NONE:
	case LG_CLASS_OOM:
	case LG_CLASS_MEMCG_OOM:
	case LG_CLASS_PAGE_ALLOC_FAILURE:
	case LG_CLASS_IO_ERROR:
	case LG_CLASS_FS_ERROR:
	case LG_CLASS_MCE:
	case LG_CLASS_FATAL_SIGNAL:
		return ev->fatal;
	default:
		return true;
	}
}

static void on_event(struct lg_event *ev, void *arg)
{
	struct first_crash *fc = arg;

	if (!fc->ev && is_crash(ev)) {
		fc->ev = ev;
		return;
	}
	lg_event_free(ev);
	free(ev);
}

static bool title_matches(const char *got, struct json_object *exp)
{
	struct json_object *t, *alts;

	if (!got)
		return false;
	if (json_object_object_get_ex(exp, "title", &t) &&
	    !strcmp(got, json_object_get_string(t)))
		return true;
	if (json_object_object_get_ex(exp, "alt_titles", &alts))
		for (size_t i = 0; i < json_object_array_length(alts); i++)
			if (!strcmp(got, json_object_get_string(
					json_object_array_get_idx(alts, i))))
				return true;
	return false;
}

static int check_one(const char *dir, const char *id, struct syz_stats *st,
		     bool verbose)
{
	char path[4096];
	struct json_object *exp, *v;
	struct first_crash fc = { NULL };
	bool want_crash, got_crash;
	const char *category = "no-crash", *want_title = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.expect.json", dir, id);
	exp = json_object_from_file(path);
	if (!exp) {
		fprintf(stderr, "syzkaller: cannot read %s\n", path);
		return -1;
	}
	want_crash = json_object_object_get_ex(exp, "has_crash", &v) &&
		     json_object_get_boolean(v);
	if (want_crash && json_object_object_get_ex(exp, "category", &v) &&
	    json_object_get_string(v))
		category = json_object_get_string(v);
	if (json_object_object_get_ex(exp, "title", &v) && json_object_get_string(v))
		want_title = json_object_get_string(v);
	snprintf(path, sizeof(path), "%s/%s.log", dir, id);
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "syzkaller: cannot open %s\n", path);
		json_object_put(exp);
		return -1;
	}
	lg_parse_file(f, path, on_event, &fc);
	fclose(f);
	got_crash = fc.ev != NULL;

	bool crash_ok = got_crash == want_crash;
	bool title_ok = want_crash && got_crash && title_matches(fc.ev->title, exp);

	syz_stats_add(st, category, want_crash, crash_ok, title_ok);
	if (verbose && (!crash_ok || (want_crash && !title_ok)))
		printf("# MISMATCH %s.log [%s] want %s%s | got %s%s [%s]\n", id,
		       category, want_crash ? "" : "no crash",
		       want_title, got_crash ? "" : "no crash",
		       got_crash && fc.ev->title ? fc.ev->title : "",
		       got_crash ? lg_class_name(fc.ev->cls) : "-");
	if (fc.ev) {
		lg_event_free(fc.ev);
		free(fc.ev);
	}
	json_object_put(exp);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : LG_TOPDIR "/../shared/corpus/syzkaller";
	double crash_pct = argc > 2 ? atof(argv[2]) : 98.0;
	double title_pct = argc > 3 ? atof(argv[3]) : 90.0;
	const char *e = getenv("LASTGASP_ACCURACY_VERBOSE");
	bool verbose = e && *e == '1';
	struct syz_stats st;
	char **ids = NULL;
	size_t nids = 0;
	struct dirent *d;
	DIR *dd = opendir(dir);

	if (!dd) {
		printf("1..2\nok 1 syzkaller crash detection # SKIP no corpus at %s\n"
		       "ok 2 syzkaller titles # SKIP no corpus\n", dir);
		return 0;
	}
	while ((d = readdir(dd))) {
		size_t n = strlen(d->d_name);

		if (n < 13 || strcmp(d->d_name + n - 12, ".expect.json"))
			continue;
		ids = realloc(ids, (nids + 1) * sizeof(*ids));
		if (!ids)
			return 2;
		ids[nids++] = strndup(d->d_name, n - 12);
	}
	closedir(dd);
	qsort(ids, nids, sizeof(*ids), cmp_str);
	syz_stats_init(&st);
	for (size_t i = 0; i < nids; i++) {
		check_one(dir, ids[i], &st, verbose);
		free(ids[i]);
	}
	free(ids);
	e = getenv("LASTGASP_ACCURACY_TABLE");
	if (e && *e == '1')
		syz_stats_table(&st, stdout);
	return syz_stats_tap(&st, crash_pct, title_pct, stdout) ? 0 : 1;
}
