// SPDX-License-Identifier: GPL-2.0
/*
 * The cause database: load the rule directories in order (a rule id
 * defined again later replaces the earlier one), index the rules by event
 * class so that an event only meets the rules that can match it, skip
 * the rules whose line patterns need literals the event lacks (one scan
 * per event, causes_literals.c), and apply them best first.
 */
#include <dirent.h>
#include <errno.h>
#include <json-c/json.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "causes.h"
#include "causes_int.h"
#include "text_safe.h"

struct lg_causedb {
	struct cause_rule **rules;
	size_t nrules;
	/* Indexes into rules[] per class: that class's rules plus any-class. */
	size_t *byclass[LG_CLASS_COUNT];
	size_t nbyclass[LG_CLASS_COUNT];
	struct lg_litindex *lits;	/* NULL: every rule runs its regexes */
};

#ifndef LG_DATADIR
#define LG_DATADIR "/usr/share/lastgasp"
#endif

const char *const *lg_causes_dirs(const char *extra)
{
	static char shipped[4096];
	static const char *dirs[4];
	const char *env = getenv("LASTGASP_DATADIR");
	size_t n = 0;

	snprintf(shipped, sizeof(shipped), "%s/causes.d",
		 env && *env ? env : LG_DATADIR);
	dirs[n++] = shipped;
	dirs[n++] = "/etc/lastgasp/causes.d";
	if (extra)
		dirs[n++] = extra;
	dirs[n] = NULL;
	return dirs;
}

static int yaml_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 5 && !strcmp(d->d_name + n - 5, ".yaml");
}

static int load_dir(const char *dir, struct cause_rule ***rules, size_t *n,
		    size_t *order, FILE *errs, int *nerr)
{
	struct dirent **ents;
	int cnt = scandir(dir, &ents, yaml_filter, alphasort);
	int rc = 0;

	if (cnt < 0)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -errno;
	for (int i = 0; i < cnt; i++) {
		char *path;

		if (rc == 0 && asprintf(&path, "%s/%s", dir, ents[i]->d_name) >= 0) {
			int e = lg_causes_load_file(path, rules, n, order, errs);

			if (e < 0)
				rc = e;
			else
				*nerr += e;
			free(path);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

/*
 * Keep only the last definition of each id, in load order.  Walking from
 * the end, the first time an id is seen (hash table: linear in the number
 * of rules) is its last definition.
 */
static int apply_overrides(struct lg_causedb *db)
{
	struct hsearch_data seen = { 0 };
	bool *drop;
	size_t w = 0;

	if (!db->nrules)
		return 0;
	drop = calloc(db->nrules, sizeof(*drop));
	if (!drop || !hcreate_r(2 * db->nrules + 1, &seen)) {
		free(drop);
		return -ENOMEM;
	}
	for (size_t i = db->nrules; i > 0; i--) {
		ENTRY want = { .key = db->rules[i - 1]->id, .data = db->rules[i - 1] };
		ENTRY *found;

		if (!hsearch_r(want, ENTER, &found, &seen)) {
			hdestroy_r(&seen);
			free(drop);
			return -ENOMEM;
		}
		drop[i - 1] = found->data != db->rules[i - 1];
	}
	hdestroy_r(&seen);
	for (size_t i = 0; i < db->nrules; i++) {
		if (drop[i])
			lg_cause_rule_free(db->rules[i]);
		else
			db->rules[w++] = db->rules[i];
	}
	free(drop);
	db->nrules = w;
	return 0;
}

static int build_index(struct lg_causedb *db)
{
	for (int c = 0; c < LG_CLASS_COUNT; c++) {
		db->byclass[c] = calloc(db->nrules + 1, sizeof(size_t));
		if (!db->byclass[c])
			return -ENOMEM;
		for (size_t i = 0; i < db->nrules; i++) {
			uint64_t m = db->rules[i]->class_mask;

			if (!m || (m & (1ULL << c)))
				db->byclass[c][db->nbyclass[c]++] = i;
		}
	}
	return 0;
}

/* Overrides, literal index and class index of the rules loaded. */
static struct lg_causedb *finish(struct lg_causedb *db, int rc, int nerr)
{
	if (rc == 0)
		rc = apply_overrides(db);
	/* without the literal index matching is only slower, never wrong */
	if (rc == 0)
		db->lits = lg_litindex_build(db->rules, db->nrules);
	if ((rc == 0 && build_index(db) == 0) && (db->nrules || !nerr))
		return db;
	lg_causedb_free(db);
	return NULL;
}

struct lg_causedb *lg_causedb_load(const char *const *dirs, FILE *errs,
				   int *nerrors)
{
	struct lg_causedb *db = calloc(1, sizeof(*db));
	size_t order = 0;
	int nerr = 0, rc = 0;

	if (!db)
		return NULL;
	for (size_t i = 0; dirs && dirs[i] && rc == 0; i++)
		rc = load_dir(dirs[i], &db->rules, &db->nrules, &order, errs, &nerr);
	if (rc && errs) {
		fprintf(errs, "lastgasp: loading cause rules: %s\n", strerror(-rc));
		nerr++;
	}
	if (nerrors)
		*nerrors = nerr;
	return finish(db, rc, nerr);
}

struct lg_causedb *lg_causedb_load_mem(const char *name, const unsigned char *buf,
				       size_t len, FILE *errs, int *nerrors)
{
	struct lg_causedb *db = calloc(1, sizeof(*db));
	size_t order = 0;
	int rc;

	if (!db)
		return NULL;
	rc = lg_causes_load_mem(name, buf, len, &db->rules, &db->nrules, &order, errs);
	if (nerrors)
		*nerrors = rc > 0 ? rc : 0;
	return finish(db, rc < 0 ? rc : 0, rc > 0 ? rc : 0);
}

size_t lg_causedb_count(const struct lg_causedb *db)
{
	return db ? db->nrules : 0;
}

void lg_causedb_free(struct lg_causedb *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->nrules; i++)
		lg_cause_rule_free(db->rules[i]);
	free(db->rules);
	for (int c = 0; c < LG_CLASS_COUNT; c++)
		free(db->byclass[c]);
	lg_litindex_free(db->lits);
	free(db);
}

struct hit {
	struct lg_cause cause;
	int tier;
	size_t order;
	char *culprit, *guilty;
};

static int hit_cmp(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->tier != y->tier)
		return x->tier - y->tier;
	if (x->cause.confidence != y->cause.confidence)
		return x->cause.confidence > y->cause.confidence ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* A template that found nothing ("unknown", "") names no module. */
static bool usable(const char *s)
{
	return s && *s && strcmp(s, "unknown") != 0;
}

static void fill_unset(struct lg_event *ev, struct hit *hits, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!ev->culprit_module && usable(hits[i].culprit)) {
			ev->culprit_module = hits[i].culprit;
			hits[i].culprit = NULL;
		}
		if (!ev->guilty_frame && usable(hits[i].guilty)) {
			ev->guilty_frame = hits[i].guilty;
			hits[i].guilty = NULL;
		}
		free(hits[i].culprit);
		free(hits[i].guilty);
	}
}

void lg_causedb_apply(const struct lg_causedb *db, struct lg_event *ev)
{
	unsigned int cls = (unsigned int)ev->cls < LG_CLASS_COUNT ? ev->cls : 0;
	struct lg_litscan scan = { 0 };
	struct match_text *text = NULL;
	struct hit *hits;
	size_t nhits = 0;

	if (!db)
		return;
	hits = calloc(db->nbyclass[cls] + 1, sizeof(*hits));
	if (!hits)
		return;
	text = lg_match_text_new(ev);
	for (size_t k = 0; text && k < db->nbyclass[cls]; k++) {
		size_t idx = db->byclass[cls][k];
		const struct cause_rule *r = db->rules[idx];
		struct hit *h = &hits[nhits];
		bool fixed;

		if (!lg_litindex_pass(db->lits, idx, &scan, text, ev))
			continue;
		if (!lg_rule_match(r, ev, &text, &h->cause, &h->culprit,
				   &h->guilty, &fixed))
			continue;
		if (!h->cause.id || !h->cause.title || !h->cause.remedy ||
		    !h->cause.explanation) {
			lg_cause_free(&h->cause);
			free(h->culprit);
			free(h->guilty);
			continue;
		}
		h->tier = r->kind == CAUSE_SPECIFIC && fixed ? CAUSE_GENERIC : (int)r->kind;
		h->order = r->order;
		nhits++;
	}
	lg_match_text_free(text);
	free(scan.seen);
	qsort(hits, nhits, sizeof(*hits), hit_cmp);
	fill_unset(ev, hits, nhits);

	for (size_t i = 0; i < ev->ncauses; i++)
		lg_cause_free(&ev->causes[i]);
	free(ev->causes);
	ev->causes = NULL;
	ev->ncauses = 0;
	if (!nhits) {
		free(hits);
		return;
	}
	ev->causes = calloc(nhits, sizeof(*ev->causes));
	for (size_t i = 0; i < nhits; i++) {
		if (ev->causes)
			ev->causes[ev->ncauses++] = hits[i].cause;
		else
			lg_cause_free(&hits[i].cause);
	}
	free(hits);
}

static const char *kind_name(enum cause_kind k)
{
	return k == CAUSE_CLASS ? "class" : k == CAUSE_GENERIC ? "generic" : "specific";
}

static void classes_text(const struct cause_rule *r, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	if (!r->class_mask) {
		snprintf(buf, len, "any");
		return;
	}
	for (int c = 1; c < LG_CLASS_COUNT && off < len; c++)
		if (r->class_mask & (1ULL << c))
			off += snprintf(buf + off, len - off, "%s%s", off ? "," : "",
					lg_class_name(c));
}

void lg_causedb_list(const struct lg_causedb *db, FILE *out, int json)
{
	struct json_object *arr = json ? json_object_new_array() : NULL;
	char cls[512];

	for (size_t i = 0; db && i < db->nrules; i++) {
		const struct cause_rule *r = db->rules[i];

		classes_text(r, cls, sizeof(cls));
		if (!json) {
			fprintf(out, "%-32s %-24s %s (%s:%d)\n", r->id, cls, r->title,
				r->file, r->line);
			continue;
		}
		struct json_object *o = json_object_new_object();
		struct json_object *ca = json_object_new_array();

		for (int c = 1; c < LG_CLASS_COUNT; c++)
			if (r->class_mask & (1ULL << c))
				json_object_array_add(ca, json_object_new_string(lg_class_name(c)));
		json_object_object_add(o, "id", json_object_new_string(r->id));
		json_object_object_add(o, "kind", json_object_new_string(kind_name(r->kind)));
		json_object_object_add(o, "classes", ca);
		json_object_object_add(o, "title", json_object_new_string(r->title));
		json_object_object_add(o, "confidence", json_object_new_double(r->confidence));
		/* A file name is any bytes; JSON is UTF-8. */
		char *file = lg_text_safe(r->file, strlen(r->file), 0);

		json_object_object_add(o, "file", file ? json_object_new_string(file) : NULL);
		free(file);
		json_object_object_add(o, "line", json_object_new_int(r->line));
		json_object_array_add(arr, o);
	}
	if (json) {
		fprintf(out, "%s\n", json_object_to_json_string_ext(arr,
			JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(arr);
	}
}
