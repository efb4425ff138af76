// SPDX-License-Identifier: GPL-2.0
/*
 * Seed accuracy: every case of shared/CAUSES.md, cut out of the seed
 * documents by tests/accuracy/seed-cases.yaml, goes through the real
 * parser and the shipped cause database.  Each case must give the expected
 * class, RIP function, culprit module, top cause and remedy facts; a case
 * with a fixed release is run again on that release and must then not
 * advise the upgrade.  Prints TAP (or a table with
 * LASTGASP_ACCURACY_TABLE=1).
 *
 * usage: seeds [CASES.yaml [SEED_DIR [CAUSES_DIR]]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "causes.h"
#include "causes_int.h"
#include "parse.h"

#define MAX_LIST 8

struct seed_case {
	char *name, *seed, *anchor, *cls, *rip, *culprit, *cause;
	char *fixed_release, *release;
	char *remedy_has[MAX_LIST], *fixed_lacks[MAX_LIST];
	int nhas, nlacks;
	long lines, event;
};

struct events {
	struct lg_event **v;
	size_t n;
};

static void collect(struct lg_event *ev, void *arg)
{
	struct events *e = arg;
	struct lg_event **v = realloc(e->v, (e->n + 1) * sizeof(*v));

	if (!v) {
		lg_event_free(ev);
		free(ev);
		return;
	}
	e->v = v;
	v[e->n++] = ev;
}

static void events_free(struct events *e)
{
	for (size_t i = 0; i < e->n; i++) {
		lg_event_free(e->v[i]);
		free(e->v[i]);
	}
	free(e->v);
	e->v = NULL;
	e->n = 0;
}

/* ---- the case table ---------------------------------------------------- */

static const char *scalar(yaml_document_t *d, yaml_node_t *n)
{
	(void)d;
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static void set_list(yaml_document_t *d, yaml_node_t *v, char **out, int *n)
{
	if (v->type != YAML_SEQUENCE_NODE)
		return;
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	     it < v->data.sequence.items.top && *n < MAX_LIST; it++) {
		const char *s = scalar(d, yaml_document_get_node(d, *it));

		if (s)
			out[(*n)++] = strdup(s);
	}
}

static int read_case(yaml_document_t *d, yaml_node_t *m, struct seed_case *c)
{
	memset(c, 0, sizeof(*c));
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
	     p < m->data.mapping.pairs.top; p++) {
		const char *k = scalar(d, yaml_document_get_node(d, p->key));
		yaml_node_t *vn = yaml_document_get_node(d, p->value);
		const char *v = scalar(d, vn);

#define S(key, field) if (!strcmp(k, key)) { c->field = strdup(v ? v : ""); continue; }
		S("name", name) S("seed", seed) S("anchor", anchor) S("class", cls)
		S("rip", rip) S("culprit", culprit) S("cause", cause)
		S("fixed_release", fixed_release) S("release", release)
#undef S
		if (!strcmp(k, "lines") && v) {
			c->lines = strtol(v, NULL, 10);
		} else if (!strcmp(k, "event") && v) {
			c->event = strtol(v, NULL, 10);
		} else if (!strcmp(k, "remedy_has")) {
			set_list(d, vn, c->remedy_has, &c->nhas);
		} else if (!strcmp(k, "fixed_lacks")) {
			set_list(d, vn, c->fixed_lacks, &c->nlacks);
		} else {
			fprintf(stderr, "seed cases: unknown key \"%s\" on line %zu\n",
				k, p->key ? yaml_document_get_node(d, p->key)->start_mark.line + 1 : 0);
			return -1;
		}
	}
	if (!c->name || !c->seed || !c->anchor || !c->cls || !c->rip ||
	    !c->culprit || !c->cause || c->lines <= 0 || !c->nhas) {
		fprintf(stderr, "seed cases: case on line %zu lacks a required key\n",
			m->start_mark.line + 1);
		return -1;
	}
	return 0;
}

static void case_free(struct seed_case *c)
{
	free(c->name);
	free(c->seed);
	free(c->anchor);
	free(c->cls);
	free(c->rip);
	free(c->culprit);
	free(c->cause);
	free(c->fixed_release);
	free(c->release);
	for (int i = 0; i < c->nhas; i++)
		free(c->remedy_has[i]);
	for (int i = 0; i < c->nlacks; i++)
		free(c->fixed_lacks[i]);
}

static int load_cases(const char *path, struct seed_case **out, size_t *n)
{
	FILE *f = fopen(path, "r");
	yaml_parser_t p;
	yaml_document_t d;
	yaml_node_t *root, *seq = NULL;
	int rc = 0;

	if (!f) {
		perror(path);
		return -1;
	}
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, f);
	if (!yaml_parser_load(&p, &d)) {
		fprintf(stderr, "%s:%zu: %s\n", path, p.problem_mark.line + 1, p.problem);
		yaml_parser_delete(&p);
		fclose(f);
		return -1;
	}
	root = yaml_document_get_root_node(&d);
	for (yaml_node_pair_t *pp = root && root->type == YAML_MAPPING_NODE ?
	     root->data.mapping.pairs.start : NULL;
	     pp && pp < root->data.mapping.pairs.top; pp++)
		if (!strcmp(scalar(&d, yaml_document_get_node(&d, pp->key)), "cases"))
			seq = yaml_document_get_node(&d, pp->value);
	*n = 0;
	*out = NULL;
	if (!seq || seq->type != YAML_SEQUENCE_NODE) {
		fprintf(stderr, "%s: no \"cases\" list\n", path);
		rc = -1;
	} else {
		size_t cnt = seq->data.sequence.items.top - seq->data.sequence.items.start;

		*out = calloc(cnt + 1, sizeof(**out));
		for (size_t i = 0; *out && i < cnt && rc == 0; i++) {
			rc = read_case(&d, yaml_document_get_node(&d,
				seq->data.sequence.items.start[i]), &(*out)[i]);
			*n = i + 1;
		}
	}
	yaml_document_delete(&d);
	yaml_parser_delete(&p);
	fclose(f);
	return rc;
}

/* ---- excerpts --------------------------------------------------------- */

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0;

	if (!f)
		return NULL;
	FILE *mem = open_memstream(&buf, &len);
	char chunk[4096];
	size_t r;

	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		fwrite(chunk, 1, r, mem);
	fclose(mem);
	fclose(f);
	return buf;
}

/*
 * @lines lines from the one holding @anchor, without the indentation the
 * document adds around its embedded logs.
 */
static char *excerpt(const char *doc, const char *anchor, long lines)
{
	const char *a = strstr(doc, anchor), *p;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;

	if (!a)
		return NULL;
	while (a > doc && a[-1] != '\n')
		a--;
	mem = open_memstream(&buf, &len);
	for (p = a; *p && lines > 0; lines--) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		size_t skip = strspn(p, " \t");

		if (skip > n)
			skip = n;
		fwrite(p + skip, 1, n - skip, mem);
		fputc('\n', mem);
		p += n + (nl ? 1 : 0);
	}
	fclose(mem);
	return buf;
}

static char *replace_all(const char *s, const char *from, const char *to)
{
	char *buf = NULL;
	size_t len = 0, fl = strlen(from);
	FILE *mem = open_memstream(&buf, &len);
	const char *p;

	while ((p = strstr(s, from))) {
		fwrite(s, 1, p - s, mem);
		fputs(to, mem);
		s = p + fl;
	}
	fputs(s, mem);
	fclose(mem);
	return buf;
}

/* ---- checks ----------------------------------------------------------- */

struct outcome {
	char detail[1024];
	char got_class[32], got_rip[96], got_culprit[64], got_cause[96];
	bool ok;
};

static void fail(struct outcome *o, const char *fmt, const char *a, const char *b)
{
	if (o->ok)
		snprintf(o->detail, sizeof(o->detail), fmt, a, b);
	o->ok = false;
}

static bool same_func(const char *got, const char *want)
{
	if (!*want)
		return !got || !*got;
	return got && lg_func_base_len(got) == strlen(want) &&
	       !strncmp(got, want, strlen(want));
}

static struct lg_event *run(const char *text, const struct lg_causedb *db,
			    const struct seed_case *c, struct events *evs)
{
	lg_parse_buffer(text, strlen(text), c->name, collect, evs);
	if ((size_t)c->event >= evs->n)
		return NULL;
	lg_causedb_apply(db, evs->v[c->event]);
	return evs->v[c->event];
}

static void check_case(const struct seed_case *c, const char *text,
		       const struct lg_causedb *db, struct outcome *o)
{
	struct events evs = { 0 };
	struct lg_event *ev = run(text, db, c, &evs);
	const char *rip;

	o->ok = true;
	if (!ev) {
		fail(o, "the parser found %s events%s", "too few", "");
		events_free(&evs);
		return;
	}
	rip = ev->has_rip && ev->rip.function ? ev->rip.function : "";
	snprintf(o->got_class, sizeof(o->got_class), "%s", lg_class_name(ev->cls));
	snprintf(o->got_rip, sizeof(o->got_rip), "%s", rip);
	snprintf(o->got_culprit, sizeof(o->got_culprit), "%s",
		 ev->culprit_module ? ev->culprit_module : "");
	snprintf(o->got_cause, sizeof(o->got_cause), "%s",
		 ev->ncauses ? ev->causes[0].id : "");
	if (strcmp(o->got_class, c->cls))
		fail(o, "class %s, expected %s", o->got_class, c->cls);
	if (!same_func(rip, c->rip))
		fail(o, "RIP %s, expected %s", rip, c->rip);
	if (strcmp(o->got_culprit, c->culprit))
		fail(o, "culprit \"%s\", expected \"%s\"", o->got_culprit, c->culprit);
	if (strcmp(o->got_cause, c->cause))
		fail(o, "top cause %s, expected %s", o->got_cause, c->cause);
	for (int i = 0; ev->ncauses && i < c->nhas; i++)
		if (!strstr(ev->causes[0].remedy, c->remedy_has[i]))
			fail(o, "remedy lacks \"%s\": %s", c->remedy_has[i],
			     ev->causes[0].remedy);
	events_free(&evs);
}

/* @text (freed) with the kernel release the parser found set to c->release. */
static char *with_release(char *text, const struct lg_causedb *db,
			  const struct seed_case *c)
{
	struct events evs = { 0 };
	struct lg_event *ev = run(text, db, c, &evs);
	char *out = ev && ev->kernel_release ?
		replace_all(text, ev->kernel_release, c->release) : NULL;

	events_free(&evs);
	free(text);
	return out;
}

/* The same log on the fixed release must not advise the upgrade. */
static void check_fixed(const struct seed_case *c, const char *text,
			const struct lg_causedb *db, struct outcome *o)
{
	struct events evs = { 0 };
	struct lg_event *ev = run(text, db, c, &evs);
	char *bumped = NULL;

	o->ok = true;
	if (!ev || !ev->kernel_release) {
		fail(o, "no event or no kernel release in %s%s", c->name, "");
		events_free(&evs);
		return;
	}
	bumped = replace_all(text, ev->kernel_release, c->fixed_release);
	events_free(&evs);
	ev = run(bumped, db, c, &evs);
	free(bumped);
	if (!ev || !ev->kernel_release ||
	    lg_release_cmp(ev->kernel_release, c->fixed_release)) {
		fail(o, "release not replaced (%s -> %s)",
		     ev && ev->kernel_release ? ev->kernel_release : "none",
		     c->fixed_release);
		events_free(&evs);
		return;
	}
	bool seen = false;

	for (size_t i = 0; i < ev->ncauses; i++) {
		seen |= !strcmp(ev->causes[i].id, c->cause);
		for (int k = 0; k < c->nlacks; k++)
			if (strstr(ev->causes[i].remedy, c->fixed_lacks[k]))
				fail(o, "still advises \"%s\" on %s", c->fixed_lacks[k],
				     c->fixed_release);
	}
	/* The rule must still speak, saying the known fix is present. */
	if (!seen)
		fail(o, "rule %s silent on the fixed release %s", c->cause,
		     c->fixed_release);
	snprintf(o->got_cause, sizeof(o->got_cause), "%s",
		 ev->ncauses ? ev->causes[0].id : "");
	events_free(&evs);
}

int main(int argc, char **argv)
{
	const char *cases_path = argc > 1 ? argv[1] : LG_TOPDIR "/tests/accuracy/seed-cases.yaml";
	const char *seed_dir = argc > 2 ? argv[2] : LG_TOPDIR "/../shared/seeds";
	const char *causes_dir = argc > 3 ? argv[3] : LG_TOPDIR "/user/causes";
	const char *dirs[] = { causes_dir, NULL };
	bool table = getenv("LASTGASP_ACCURACY_TABLE") &&
		     !strcmp(getenv("LASTGASP_ACCURACY_TABLE"), "1");
	struct seed_case *cases;
	size_t ncases, passed = 0, total = 0;
	struct lg_causedb *db;
	int nerr = 0, tap = 0;

	if (load_cases(cases_path, &cases, &ncases) < 0)
		return 2;
	db = lg_causedb_load(dirs, stderr, &nerr);
	if (!db || nerr) {
		fprintf(stderr, "seeds: the cause database in %s has %d errors\n",
			causes_dir, nerr);
		return 2;
	}
	if (table)
		printf("%-36s %-16s %-36s %-12s %-32s %s\n", "case", "class", "rip",
		       "culprit", "top cause", "result");
	for (size_t i = 0; i < ncases; i++) {
		struct seed_case *c = &cases[i];
		char *path, *doc, *text;
		struct outcome o = { .ok = false };

		if (asprintf(&path, "%s/%s", seed_dir, c->seed) < 0)
			return 2;
		doc = read_all(path);
		text = doc ? excerpt(doc, c->anchor, c->lines) : NULL;
		if (!text)
			snprintf(o.detail, sizeof(o.detail), "anchor not found in %s", path);
		else if (c->release && !(text = with_release(text, db, c)))
			snprintf(o.detail, sizeof(o.detail), "no kernel release in the excerpt");
		else
			check_case(c, text, db, &o);
		total++;
		passed += o.ok;
		if (table)
			printf("%-36s %-16s %-36s %-12s %-32s %s%s\n", c->name, o.got_class,
			       o.got_rip, o.got_culprit, o.got_cause, o.ok ? "ok" : "FAIL: ",
			       o.ok ? "" : o.detail);
		else
			printf("%sok %d seed %s%s%s\n", o.ok ? "" : "not ", ++tap, c->name,
			       o.ok ? "" : " # ", o.ok ? "" : o.detail);
		if (text && c->fixed_release) {
			struct outcome f = { .ok = false };

			check_fixed(c, text, db, &f);
			total++;
			passed += f.ok;
			if (table)
				printf("%-36s %-16s %-36s %-12s %-32s %s%s\n", "  on fixed release",
				       c->fixed_release, "", "", f.got_cause,
				       f.ok ? "ok" : "FAIL: ", f.ok ? "" : f.detail);
			else
				printf("%sok %d seed %s on fixed release %s%s%s\n",
				       f.ok ? "" : "not ", ++tap, c->name, c->fixed_release,
				       f.ok ? "" : " # ", f.ok ? "" : f.detail);
		}
		free(text);
		free(doc);
		free(path);
	}
	if (table)
		printf("seed cases: %zu/%zu passed (100%% required)\n", passed, total);
	for (size_t i = 0; i < ncases; i++)
		case_free(&cases[i]);
	free(cases);
	lg_causedb_free(db);
	return passed == total ? 0 : 1;
}
