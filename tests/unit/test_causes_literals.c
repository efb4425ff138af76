// SPDX-License-Identifier: GPL-2.0
/*
 * The cause database's literal prefilter: the literals read from a line
 * pattern are ones every match contains (checked against PCRE2 itself on
 * sample lines and on every line of the crash corpus for the shipped
 * rules), unreadable patterns give none, and a rule is skipped exactly
 * when its required literals are missing from the event.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kselftest_harness.h"
#include "causes.h"
#include "causes_int.h"

/* The literals of @re, sorted and joined by '|'; "" for none. */
static char *literals_of(const char *re)
{
	char **lits, *out;
	size_t n, len = 1;

	lg_regex_literals(re, &lits, &n);
	for (size_t i = 0; i < n; i++)
		len += strlen(lits[i]) + 1;
	out = calloc(len, 1);
	for (size_t i = 0; i < n; i++)	/* selection sort: n is tiny */
		for (size_t j = i + 1; j < n; j++)
			if (strcmp(lits[j], lits[i]) < 0) {
				char *t = lits[i];

				lits[i] = lits[j];
				lits[j] = t;
			}
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, "|");
		strcat(out, lits[i]);
		free(lits[i]);
	}
	free(lits);
	return out;
}

static const struct {
	const char *re, *want;
} cases[] = {
	{ "divide error", "divide error" },
	{ "soft lockup - CPU#\\d+ stuck|softlockup: hung tasks",
	  "soft lockup - CPU#|softlockup: hung tasks" },
	{ "unable to handle (kernel )?NULL pointer dereference",
	  "NULL pointer dereference" },
	{ "Killed process (?<pid>\\d+) \\((?<name>[^)]*)\\)", "Killed process " },
	{ "\\bdown_read_trylock\\b", "down_read_trylock" },
	{ "\\[Hardware Error\\]", "[Hardware Error]" },
	{ "[abc]def", "def" },
	{ "colou?rful", "colo" },		/* "colo" and "rful": the first */
	{ "coloured?x", "coloure" },
	{ "abc+def", "abc" },
	{ "lit{2}eral", "eral" },
	{ "x{0,3}yzw", "yzw" },
	{ "q{,2}abc", "abc" },
	{ "a{b}cde", "a{b}cde" },		/* not a quantifier: literal */
	{ "BUG: (?:foo|bar) done", "BUG: " },
	{ "same|same|other", "other|same" },
	{ "Oops.*here", "Oops" },
	{ "^kernel BUG at (?<file>\\S+):\\d+!$", "kernel BUG at " },
	/* no literal every match must hold, or a form not read: none */
	{ "foo|ba", "" },
	{ "(?i)panic", "" },
	{ "a\\Qb.c\\E", "" },
	{ "\\x{41}BCD", "" },
	{ "(a)\\1xyz", "" },
	{ "\\N{U+41}xyz", "" },
	{ "(*UTF)hello", "" },
	{ "ab", "" },
	{ "", "" },
};

TEST(literals_of_patterns)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = literals_of(cases[i].re);

		EXPECT_STREQ(cases[i].want, got) {
			TH_LOG("pattern '%s'", cases[i].re);
		}
		free(got);
	}
}

/* When @re matches @s, one of its literals is in @s. */
static bool sound_on(const char *re, pcre2_code *code, pcre2_match_data *md,
		     const char *s)
{
	char **lits;
	size_t n;
	bool ok;

	if (pcre2_match(code, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, 0, md,
			NULL) < 0)
		return true;
	if (lg_regex_literals(re, &lits, &n) == 0)
		return true;
	ok = false;
	for (size_t i = 0; i < n; i++) {
		ok = ok || strstr(s, lits[i]);
		free(lits[i]);
	}
	free(lits);
	return ok;
}

static pcre2_code *compile(const char *re)
{
	int ec;
	PCRE2_SIZE off;

	return pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
			     PCRE2_MULTILINE, &ec, &off, NULL);
}

TEST(literals_are_in_every_match)
{
	static const char *const subjects[] = {
		"divide error: 0000 [#1] SMP", "colorful", "colourful",
		"colouredx", "colourex", "abcccdef", "litteral", "yzw", "xxxyzw",
		"abc", "qqabc", "a{b}cde", "BUG: foo done", "BUG: bar done",
		"Oops here", "kernel BUG at mm/slub.c:12!",
		"unable to handle NULL pointer dereference",
		"unable to handle kernel NULL pointer dereference",
		"Killed process 12 (java)", "[Hardware Error]: x",
	};
	pcre2_match_data *md = pcre2_match_data_create(8, NULL);

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pcre2_code *code = compile(cases[i].re);

		if (!code)	/* \N{U+..} needs UTF mode; nothing to check */
			continue;
		for (size_t k = 0; k < sizeof(subjects) / sizeof(subjects[0]); k++) {
			EXPECT_TRUE(sound_on(cases[i].re, code, md, subjects[k])) {
				TH_LOG("'%s' on '%s'", cases[i].re, subjects[k]);
			}
		}
		pcre2_code_free(code);
	}
	pcre2_match_data_free(md);
}

/* Every corpus log line a shipped line pattern matches holds one of its literals. */
static void check_file(struct __test_metadata *_metadata, const char *path,
		       struct cause_rule **rules, size_t n, pcre2_match_data *md,
		       size_t *matched)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;

	if (!f)
		return;
	while (getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		for (size_t r = 0; r < n; r++) {
			for (size_t i = 0; i < rules[r]->nlines; i++) {
				const struct cause_regex *re = &rules[r]->lines[i];

				if (pcre2_match(re->re, (PCRE2_SPTR)line,
						PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) >= 0)
					(*matched)++;
				EXPECT_TRUE(sound_on(re->src, re->re, md, line)) {
					TH_LOG("%s: rule %s on '%s'", path, rules[r]->id, line);
				}
			}
		}
	}
	free(line);
	fclose(f);
}

TEST(shipped_patterns_on_corpus)
{
	const char *corpus = getenv("LASTGASP_CORPUS") ?: LG_TOPDIR "/../shared/corpus";
	struct cause_rule **rules = NULL;
	size_t n = 0, order = 0, matched = 0, nfiles = 0;
	pcre2_match_data *md = pcre2_match_data_create(8, NULL);
	struct dirent **ents;
	int cnt;

	cnt = scandir(LG_TOPDIR "/user/causes", &ents, NULL, alphasort);
	ASSERT_GT(cnt, 0);
	for (int i = 0; i < cnt; i++) {
		char *p;

		if (strstr(ents[i]->d_name, ".yaml") &&
		    asprintf(&p, "%s/user/causes/%s", LG_TOPDIR, ents[i]->d_name) >= 0) {
			ASSERT_EQ(0, lg_causes_load_file(p, &rules, &n, &order, NULL));
			free(p);
		}
		free(ents[i]);
	}
	free(ents);
	cnt = scandir(corpus, &ents, NULL, alphasort);
	for (int s = 0; s < cnt; s++) {
		char *dir;
		struct dirent *d;
		DIR *dh;

		if (ents[s]->d_name[0] == '.' ||
		    asprintf(&dir, "%s/%s", corpus, ents[s]->d_name) < 0) {
			free(ents[s]);
			continue;
		}
		free(ents[s]);
		dh = opendir(dir);
		while (dh && (d = readdir(dh))) {
			char *p;

			if (!strstr(d->d_name, ".log") ||
			    asprintf(&p, "%s/%s", dir, d->d_name) < 0)
				continue;
			check_file(_metadata, p, rules, n, md, &matched);
			nfiles++;
			free(p);
		}
		if (dh)
			closedir(dh);
		free(dir);
	}
	if (cnt > 0)
		free(ents);
	for (size_t i = 0; i < n; i++)
		lg_cause_rule_free(rules[i]);
	free(rules);
	pcre2_match_data_free(md);
	if (!nfiles)
		SKIP(return, "no corpus at %s", corpus);
	TH_LOG("%zu corpus files, %zu pattern matches checked", nfiles, matched);
	EXPECT_GT(matched, 0);
}

/* A rule runs only when each filterable line pattern's literal is there. */
TEST(rules_skipped_only_without_their_literals)
{
	struct cause_regex pats[2] = {
		{ .src = "soft lockup - CPU#\\d+|hung tasks" },
		{ .src = "x|y" },		/* no literal: never filters */
	};
	struct cause_rule rule = { .id = "r", .lines = pats, .nlines = 2 };
	struct cause_rule bare = { .id = "b" };
	struct cause_rule *rules[] = { &rule, &bare };
	struct lg_litindex *x = lg_litindex_build(rules, 2);
	static const struct {
		const char *line;
		bool pass;
	} evs[] = {
		{ "watchdog: BUG: soft lockup - CPU#3 stuck for 22s!", true },
		{ "softlockup: hung tasks", true },
		{ "soft lockup - CPU", false },	/* the literal needs the '#' */
		{ "nothing to see", false },
	};

	ASSERT_NE(NULL, x);
	for (size_t i = 0; i < sizeof(evs) / sizeof(evs[0]); i++) {
		struct lg_evidence lines[2] = {
			{ .line = "kernel: first line", .lineno = 1 },
			{ .line = (char *)evs[i].line, .lineno = 2 },
		};
		struct lg_event ev = { .lines = lines, .nlines = 2 };
		struct match_text *t = lg_match_text_new(&ev);
		struct lg_litscan sc = { 0 };

		ASSERT_NE(NULL, t);
		EXPECT_EQ(evs[i].pass, lg_litindex_pass(x, 0, &sc, t, &ev)) {
			TH_LOG("line '%s'", evs[i].line);
		}
		EXPECT_TRUE(lg_litindex_pass(x, 1, &sc, t, &ev));
		free(sc.seen);
		lg_match_text_free(t);
	}
	lg_litindex_free(x);
}

TEST_HARNESS_MAIN
