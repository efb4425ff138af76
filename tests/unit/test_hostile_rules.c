// SPDX-License-Identifier: GPL-2.0
/*
 * The rule loader and matcher under hostile rule files (issue 10): limits
 * are enforced with a FILE:LINE message, big files load in linear time
 * (each test must finish inside the harness's 30 s guard; before the fix
 * they took minutes), and a regex that hits its match limit is reported
 * and hides no match on another line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unistr.h>
#include "kselftest_harness.h"
#include "causes.h"
#include "causes_int.h"	/* lg_causedb_count() */
#include "parse.h"
#include "test_events.h"

static char *make_dir(void)
{
	char tmpl[] = "/tmp/lg-hostile-XXXXXX";
	char *d = mkdtemp(tmpl);

	return d ? strdup(d) : NULL;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[8192];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void remove_dir(char *dir)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(dir);
}

/* Load @dir; the error text (malloc'd) comes back in *@errs. */
static struct lg_causedb *load(const char *dir, char **errs, int *nerr)
{
	const char *dirs[] = { dir, NULL };
	size_t len = 0;
	FILE *mem = open_memstream(errs, &len);
	struct lg_causedb *db = lg_causedb_load(dirs, mem, nerr);

	fclose(mem);
	return db;
}

static const char rule_head[] =
	"    title: t\n    explanation: e\n    remedy: r\n    confidence: 0.5\n";

static const struct lg_cause *find_cause(const struct lg_event *ev, const char *id)
{
	for (size_t i = 0; i < ev->ncauses; i++)
		if (!strcmp(ev->causes[i].id, id))
			return &ev->causes[i];
	return NULL;
}

/* #6: a named group numbered past the shared match data's 32 pairs. */
TEST(named_group_past_32)
{
	char *dir = make_dir(), *errs = NULL, text[1024];
	static const char log[] = "Oops: 0000 [#1] SMP\nRIP: 0010:f+0x1/0x2\n";
	struct lg_causedb *db;
	struct got g = { 0 };
	const struct lg_cause *c;
	int nerr = -1, k;

	ASSERT_NE(NULL, dir);
	k = snprintf(text, sizeof(text), "rules:\n  - id: many-groups\n"
		     "    title: 'tail {tail}'\n    explanation: e\n    remedy: r\n"
		     "    confidence: 0.5\n    lines: '");
	for (int i = 0; i < 40; i++)
		k += snprintf(text + k, sizeof(text) - k, "(x?)");
	snprintf(text + k, sizeof(text) - k, "(?<tail>Oops)'\n");
	write_file(dir, "groups.yaml", text);
	db = load(dir, &errs, &nerr);
	ASSERT_NE(NULL, db);
	EXPECT_EQ(0, nerr);
	lg_parse_buffer(log, sizeof(log) - 1, "t", collect, &g);
	ASSERT_EQ(1, g.n);
	lg_causedb_apply(db, g.ev[0]);
	c = find_cause(g.ev[0], "many-groups");
	ASSERT_NE(NULL, c);
	EXPECT_STREQ("tail Oops", c->title);
	got_free(&g);
	lg_causedb_free(db);
	free(errs);
	remove_dir(dir);
}

/* #10: 200 KB of nested "[": refused at once with FILE:LINE. */
TEST(flow_nesting_capped)
{
	char *dir = make_dir(), *errs = NULL, *text, path[4200];
	size_t n = 200000;
	struct lg_causedb *db;
	int nerr = 0;

	ASSERT_NE(NULL, dir);
	text = malloc(n + 16);
	ASSERT_NE(NULL, text);
	memcpy(text, "rules: ", 7);
	memset(text + 7, '[', n);
	strcpy(text + 7 + n, "\n");
	write_file(dir, "deep.yaml", text);
	free(text);
	db = load(dir, &errs, &nerr);
	snprintf(path, sizeof(path), "%s/deep.yaml:1: nesting deeper than 32 levels", dir);
	EXPECT_NE(NULL, strstr(errs, path));
	EXPECT_LE(1, nerr);
	lg_causedb_free(db);
	free(errs);
	remove_dir(dir);
}

/* #11: one list of 300 regexes repeated by 300 aliases is refused. */
TEST(alias_fan_out_capped)
{
	char *dir = make_dir(), *errs = NULL, want[4200];
	FILE *f;
	char path[4200];
	struct lg_causedb *db;
	int nerr = 0;

	ASSERT_NE(NULL, dir);
	snprintf(path, sizeof(path), "%s/alias.yaml", dir);
	f = fopen(path, "w");
	ASSERT_NE(NULL, f);
	fputs("rules:\n  - id: r0\n    title: t\n    explanation: e\n    remedy: r\n"
	      "    confidence: 0.5\n    lines: &big [", f);
	for (int i = 0; i < 300; i++)
		fprintf(f, "%s're%d[0-9]+'", i ? ", " : "", i);
	fputs("]\n", f);
	for (int i = 1; i <= 300; i++)
		fprintf(f, "  - id: r%d\n%s    lines: *big\n", i, rule_head);
	fclose(f);
	db = load(dir, &errs, &nerr);
	/* The list is 301 nodes: the fourth alias (line 31) passes 1024. */
	snprintf(want, sizeof(want),
		 "%s/alias.yaml:31: aliases repeat more than 1024 nodes in all (alias *big)",
		 dir);
	EXPECT_NE(NULL, strstr(errs, want));
	EXPECT_LE(1, nerr);
	lg_causedb_free(db);
	free(errs);
	remove_dir(dir);
}

/* The shipped rules' own use of aliases (a repeated text) still loads. */
TEST(small_aliases_still_load)
{
	char *dir = make_dir(), *errs = NULL;
	struct lg_causedb *db;
	int nerr = -1;

	ASSERT_NE(NULL, dir);
	write_file(dir, "ok.yaml",
		   "rules:\n  - id: a\n    title: &t shared title\n    explanation: e\n"
		   "    remedy: r\n    confidence: 0.5\n    class: oom\n"
		   "  - id: b\n    title: *t\n    explanation: e\n"
		   "    remedy: r\n    confidence: 0.5\n    class: oops\n");
	db = load(dir, &errs, &nerr);
	ASSERT_NE(NULL, db);
	EXPECT_EQ(0, nerr);
	EXPECT_STREQ("", errs);
	lg_causedb_free(db);
	free(errs);
	remove_dir(dir);
}

/*
 * #12: 100,000 rules (8 files of 12,500, each under the size cap) with one
 * duplicate per file and ids that later files override: linear checks.
 */
TEST(hundred_thousand_rules_linear)
{
	char *dir = make_dir(), *errs = NULL, path[4200], want[4200];
	struct lg_causedb *db;
	int nerr = 0;
	FILE *f;

	ASSERT_NE(NULL, dir);
	for (int file = 0; file < 8; file++) {
		snprintf(path, sizeof(path), "%s/f%d.yaml", dir, file);
		f = fopen(path, "w");
		ASSERT_NE(NULL, f);
		fputs("rules:\n", f);
		for (int i = 0; i < 12500; i++)
			/* ids 0..9 are in every file: later files override */
			fprintf(f, "- {id: r%d, title: t, explanation: e, remedy: r, confidence: 1, class: oom}\n",
				i < 10 ? i : file * 12500 + i);
		/* and one duplicate inside the file */
		fputs("- {id: r5, title: t, explanation: e, remedy: r, confidence: 1, class: oom}\n", f);
		fclose(f);
	}
	db = load(dir, &errs, &nerr);
	ASSERT_NE(NULL, db);
	EXPECT_EQ(8, nerr);
	snprintf(want, sizeof(want),
		 "%s/f3.yaml:12502: duplicate rule id \"r5\" (first defined on line 7)", dir);
	EXPECT_NE(NULL, strstr(errs, want));
	/* 8 * 12490 distinct ids plus r0..r9 once */
	EXPECT_EQ(8 * 12490 + 10, lg_causedb_count(db));
	lg_causedb_free(db);
	free(errs);
	remove_dir(dir);
}

/*
 * #13: a catastrophic pattern over "aaaa...!" lines hits the match limit;
 * the alternative that matches a later line must still match, and the
 * limit hit is said on stderr with the rule id and the event.
 */
TEST(match_limit_reported_and_hides_nothing)
{
	char *dir = make_dir(), *errs = NULL, *log, *p, diag[4096];
	struct lg_causedb *db;
	struct got g = { 0 };
	int nerr = -1, saved, fd;
	FILE *tmp;
	size_t n;

	ASSERT_NE(NULL, dir);
	write_file(dir, "slow.yaml",
		   "rules:\n  - id: slow-then-later\n    title: t\n    explanation: e\n"
		   "    remedy: r\n    confidence: 0.5\n"
		   "    lines: '^(a+)+$|^later marker line$'\n");
	db = load(dir, &errs, &nerr);
	ASSERT_NE(NULL, db);
	ASSERT_EQ(0, nerr);
	log = malloc(64 * 40 + 200);
	ASSERT_NE(NULL, log);
	p = stpcpy(log, "BUG: unable to handle page fault for address: 0000000000001234\n");
	for (int i = 0; i < 20; i++) {
		memset(p, 'a', 40);
		p = stpcpy(p + 40, "!\n");
	}
	p = stpcpy(p, "later marker line\nRIP: 0010:f+0x1/0x2\n");
	lg_parse_buffer(log, (size_t)(p - log), "hostile.log", collect, &g);
	free(log);
	ASSERT_EQ(1, g.n);
	/* stderr into a file for the length of the apply */
	tmp = tmpfile();
	ASSERT_NE(NULL, tmp);
	fflush(stderr);
	saved = dup(2);
	fd = fileno(tmp);
	dup2(fd, 2);
	lg_causedb_apply(db, g.ev[0]);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(diag, 1, sizeof(diag) - 1, tmp);
	diag[n] = '\0';
	fclose(tmp);
	EXPECT_NE(NULL, find_cause(g.ev[0], "slow-then-later"));
	EXPECT_NE(NULL, strstr(diag, "rule slow-then-later: \"lines\" pattern hit the PCRE2 match limit"));
	EXPECT_NE(NULL, strstr(diag, "(hostile.log line 2 and 19 more lines)"));
	got_free(&g);
	lg_causedb_free(db);
	free(errs);
	remove_dir(dir);
}

/* #13: `causes check` runs a rule's patterns on its own examples. */
TEST(causes_check_reports_limit_on_examples)
{
	char *dir = make_dir(), *errs = NULL, want[4200];
	struct lg_causedb *db;
	int nerr = 0;

	ASSERT_NE(NULL, dir);
	write_file(dir, "ex.yaml",
		   "rules:\n  - id: slow\n    title: t\n    explanation: e\n"
		   "    remedy: r\n    confidence: 0.5\n    lines: '(a+)+$'\n"
		   "    examples: ['BUG: x', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!']\n"
		   "  - id: fine\n    title: t\n    explanation: e\n"
		   "    remedy: r\n    confidence: 0.5\n    lines: 'a+!$'\n"
		   "    examples: ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!']\n");
	db = load(dir, &errs, &nerr);
	snprintf(want, sizeof(want),
		 "%s/ex.yaml:8: rule slow: \"lines\" pattern /(a+)+$/ hits the PCRE2 match limit on example 2",
		 dir);
	EXPECT_NE(NULL, strstr(errs, want));
	EXPECT_EQ(1, nerr);
	ASSERT_NE(NULL, db);
	EXPECT_EQ(1, lg_causedb_count(db));
	lg_causedb_free(db);
	free(errs);
	remove_dir(dir);
}

/* `causes list --json`: a rule file's name is any bytes, the JSON is UTF-8. */
TEST(causes_list_json_file_name_utf8)
{
	char *dir = make_dir(), sub[4200], *out = NULL;
	const char *dirs[2] = { sub, NULL };
	struct lg_causedb *db;
	size_t len = 0;
	FILE *mem;

	ASSERT_NE(NULL, dir);
	snprintf(sub, sizeof(sub), "%s/rules-\xff", dir);
	ASSERT_EQ(0, mkdir(sub, 0700));
	write_file(sub, "a.yaml",
		   "rules:\n  - id: a\n    title: t\n    explanation: e\n"
		   "    remedy: r\n    confidence: 0.5\n    class: oom\n");
	db = lg_causedb_load(dirs, NULL, NULL);
	ASSERT_NE(NULL, db);
	mem = open_memstream(&out, &len);
	lg_causedb_list(db, mem, 1);
	fclose(mem);
	EXPECT_EQ(NULL, u8_check((const uint8_t *)out, len));
	EXPECT_NE(NULL, strstr(out, "rules-\\\\xff/a.yaml"));
	free(out);
	lg_causedb_free(db);
	remove_dir(dir);
}

TEST_HARNESS_MAIN
