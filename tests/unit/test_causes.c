// SPDX-License-Identifier: GPL-2.0
/*
 * The cause database: broken rule files are reported with the exact
 * FILE:LINE, each condition type matches and refuses, fixed releases
 * switch the remedy, causes come out best first, and later directories
 * override earlier ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kselftest_harness.h"
#include "causes.h"
#include "causes_int.h"

static char *make_dir(void)
{
	char tmpl[] = "/tmp/lg-causes-XXXXXX";
	char *d = mkdtemp(tmpl);

	return d ? strdup(d) : NULL;
}

static char *write_file(const char *dir, const char *name, const char *text)
{
	char *path;
	FILE *f;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return NULL;
	f = fopen(path, "w");
	if (!f)
		return NULL;
	fputs(text, f);
	fclose(f);
	return path;
}

static void remove_dir(char *dir)
{
	char *cmd;

	if (asprintf(&cmd, "rm -rf '%s'", dir) >= 0) {
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
		free(cmd);
	}
	free(dir);
}

/* Load @dirs and return the error text (malloc'd) and counts. */
static char *load_errors(const char *const *dirs, struct lg_causedb **db,
			 int *nerr)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);

	*db = lg_causedb_load(dirs, mem, nerr);
	fclose(mem);
	return buf;
}

#define RULE_HEAD(id) \
	"  - id: " id "\n    title: t\n    explanation: e\n    remedy: r\n"

static const char broken[] =
	"rules:\n"					/* 1 */
	RULE_HEAD("ok1")				/* 2-5 */
	"    confidence: 0.5\n"				/* 6 */
	"    class: oops\n"				/* 7 */
	RULE_HEAD("unknown-key")			/* 8-11 */
	"    confidence: 0.5\n"				/* 12 */
	"    bogus: 1\n"				/* 13 */
	RULE_HEAD("bad-number")				/* 14-17 */
	"    confidence: high\n"			/* 18 */
	"    class: nosuch\n"				/* 19 */
	RULE_HEAD("bad-regex")				/* 20-23 */
	"    confidence: 0.5\n"				/* 24 */
	"    lines: 'foo(bar'\n"			/* 25 */
	RULE_HEAD("bad-range")				/* 26-29 */
	"    confidence: 0.5\n"				/* 30 */
	"    release: '>= 5.0, < 4.0'\n"		/* 31 */
	RULE_HEAD("ok1")				/* 32-35 */
	"    confidence: 0.5\n"				/* 36 */
	"    class: bug\n"				/* 37 */
	"  - id: no-remedy\n"				/* 38 */
	"    title: t\n"				/* 39 */
	"    explanation: e\n"				/* 40 */
	"    confidence: 0.5\n"				/* 41 */
	"    class: oops\n"				/* 42 */
	RULE_HEAD("wrong-type")				/* 43-46 */
	"    confidence: 0.5\n"				/* 47 */
	"    rip: [a, b]\n"				/* 48 */
	"  - id: bad-template\n"			/* 49 */
	"    title: 'crash in {nosuch}'\n"		/* 50 */
	"    explanation: e\n"				/* 51 */
	"    remedy: r\n"				/* 52 */
	"    confidence: 0.5\n"				/* 53 */
	"    class: oops\n"				/* 54 */
	RULE_HEAD("fixed-no-remedy")			/* 55-58 */
	"    confidence: 0.5\n"				/* 59 */
	"    class: oops\n"				/* 60 */
	"    fixed_in: {el7: 3.10.0-1160.el7}\n"	/* 61 */
	RULE_HEAD("bad-family")				/* 62-65 */
	"    confidence: 0.5\n"				/* 66 */
	"    class: oops\n"				/* 67 */
	"    remedy_if_fixed: x\n"			/* 68 */
	"    fixed_in: {suse: 5.14.21}\n"		/* 69 */
	RULE_HEAD("no-condition")			/* 70-73 */
	"    confidence: 0.5\n";			/* 74 */

TEST(broken_rules_are_reported_with_file_and_line)
{
	char *dir = make_dir();
	char *path = write_file(dir, "bad.yaml", broken);
	const char *dirs[] = { dir, NULL };
	struct lg_causedb *db;
	int nerr = 0;
	char *errs = load_errors(dirs, &db, &nerr);
	char want[512];
	const char *const expect[] = {
		"13: unknown key \"bogus\"",
		"18: \"confidence\" must be a number, not \"high\"",
		"19: unknown class \"nosuch\"",
		"25: bad regex in \"lines\" at offset 7: missing closing parenthesis",
		"31: bad release range \">= 5.0, < 4.0\": no release can satisfy it",
		"32: duplicate rule id \"ok1\" (first defined on line 2)",
		"38: rule no-remedy lacks required key \"remedy\"",
		"48: \"rip\" must be a string",
		"50: unknown template variable {nosuch} in \"title\"",
		"55: rule fixed-no-remedy has fixed releases but no \"remedy_if_fixed\"",
		"69: unknown distribution family \"suse\" in \"fixed_in\"",
		"70: rule no-condition has no condition and would match every event",
	};

	ASSERT_NE(NULL, errs);
	TH_LOG("errors:\n%s", errs);
	for (size_t i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
		snprintf(want, sizeof(want), "%s:%s\n", path, expect[i]);
		EXPECT_NE(NULL, strstr(errs, want)) TH_LOG("missing: %s", want);
	}
	ASSERT_EQ((int)(sizeof(expect) / sizeof(expect[0])), nerr);
	/* The one good rule survives; the broken ones are left out. */
	ASSERT_NE(NULL, db);
	ASSERT_EQ(1U, lg_causedb_count(db));
	lg_causedb_free(db);
	free(errs);
	free(path);
	remove_dir(dir);
}

TEST(yaml_syntax_error_has_line)
{
	char *dir = make_dir();
	char *path = write_file(dir, "syntax.yaml",
				"rules:\n  - id: x\n    title: [unclosed\n    remedy: r\n");
	const char *dirs[] = { dir, NULL };
	struct lg_causedb *db;
	int nerr = 0;
	char *errs = load_errors(dirs, &db, &nerr);
	char want[512];

	snprintf(want, sizeof(want), "%s:4: YAML error:", path);
	TH_LOG("errors: %s", errs);
	ASSERT_NE(NULL, strstr(errs, want));
	ASSERT_EQ(1, nerr);
	ASSERT_EQ(NULL, db);	/* nothing usable */
	free(errs);
	free(path);
	remove_dir(dir);
}

TEST(file_structure_errors)
{
	char *dir = make_dir();
	char *p1 = write_file(dir, "a.yaml", "");
	char *p2 = write_file(dir, "b.yaml", "family: x\nrulez: []\n");
	const char *dirs[] = { dir, NULL };
	struct lg_causedb *db;
	int nerr = 0;
	char *errs = load_errors(dirs, &db, &nerr);
	char want[512];

	TH_LOG("errors: %s", errs);
	snprintf(want, sizeof(want), "%s:1: empty rule file", p1);
	ASSERT_NE(NULL, strstr(errs, want));
	snprintf(want, sizeof(want), "%s:2: unknown key \"rulez\"", p2);
	ASSERT_NE(NULL, strstr(errs, want));
	ASSERT_EQ(3, nerr);	/* plus "no rules list" for b.yaml */
	free(errs);
	free(p1);
	free(p2);
	lg_causedb_free(db);
	remove_dir(dir);
}

static void add_line(struct lg_event *ev, const char *text)
{
	ev->lines = realloc(ev->lines, (ev->nlines + 1) * sizeof(*ev->lines));
	ev->lines[ev->nlines].line = strdup(text);
	ev->lines[ev->nlines].lineno = ev->nlines + 10;
	ev->nlines++;
}

static void add_frame(struct lg_event *ev, const char *fn, const char *mod,
		      bool reliable)
{
	struct lg_frame *f;

	ev->trace = realloc(ev->trace, (ev->ntrace + 1) * sizeof(*ev->trace));
	f = &ev->trace[ev->ntrace++];
	memset(f, 0, sizeof(*f));
	f->function = strdup(fn);
	f->module = mod ? strdup(mod) : NULL;
	f->reliable = reliable;
}

static void add_module(struct lg_event *ev, const char *name, const char *taint)
{
	ev->modules = realloc(ev->modules, (ev->nmodules + 1) * sizeof(*ev->modules));
	ev->modules[ev->nmodules].name = strdup(name);
	ev->modules[ev->nmodules].taint = strdup(taint);
	ev->nmodules++;
	if (*taint) {
		ev->tainting_modules = realloc(ev->tainting_modules,
					       (ev->ntainting + 1) * sizeof(char *));
		ev->tainting_modules[ev->ntainting++] = strdup(name);
	}
}

/* A TCP oops with a tainting module as the direct caller of the RIP. */
static void build_event(struct lg_event *ev, const char *release)
{
	lg_event_init(ev);
	ev->cls = LG_CLASS_OOPS;
	ev->title = strdup("BUG: unable to handle kernel NULL pointer dereference in tcp_create_openreq_child");
	ev->panic_message = strdup("Fatal exception in interrupt");
	ev->kernel_release = strdup(release);
	ev->hardware = strdup("Alibaba Cloud Alibaba Cloud ECS, BIOS 449e491 04/01/2014");
	ev->taint = strdup("OE");
	ev->has_rip = true;
	ev->rip.function = strdup("tcp_create_openreq_child.cold.2");
	add_frame(ev, "secmod_hook", "secmod", true);
	add_frame(ev, "cookie_v4_check", NULL, true);
	add_frame(ev, "tcp_v4_rcv", NULL, false);
	add_module(ev, "virtio_net", "");
	add_module(ev, "secmod", "OE");
	add_line(ev, "BUG: unable to handle kernel NULL pointer dereference at 0000000000000008");
	add_line(ev, "Oops: 0002 [#1] SMP PTI");
	add_line(ev, "RIP: 0010:tcp_create_openreq_child.cold.2+0x2fd/0x410");
	add_line(ev, "Modules linked in: secmod(OE) virtio_net");
	add_line(ev, "Kernel panic - not syncing: Fatal exception in interrupt");
}

#define R(id, cond) \
	"  - id: " id "\n    title: 'title of " id "'\n    explanation: e\n" \
	"    remedy: 'remedy of " id "'\n    confidence: 0.5\n" cond

static const char conditions[] =
	"rules:\n"
	R("class-yes", "    class: oops\n")
	R("class-no", "    class: [bug, warning]\n")
	R("title-yes", "    event_title: '^BUG: unable'\n")
	R("title-no", "    event_title: '^WARNING'\n")
	R("panic-yes", "    panic_message: 'Fatal exception'\n")
	R("panic-no", "    panic_message: 'Out of memory'\n")
	R("line-yes", "    lines: ['Oops: (?<code>\\d+)', 'RIP: 0010:tcp_']\n")
	R("line-no", "    lines: ['Oops', 'no such line']\n")
	R("rip-yes", "    rip: tcp_create_openreq_child\n")
	R("rip-no", "    rip: tcp_v4_rcv\n")
	R("ripre-yes", "    rip_regex: '^tcp_create'\n")
	R("ripre-no", "    rip_regex: '^udp_'\n")
	R("any-yes", "    trace_any: [nothing_here, cookie_v4_check]\n")
	R("any-no", "    trace_any: [nothing_here, other]\n")
	R("all-yes", "    trace_all: [cookie_v4_check, tcp_v4_rcv]\n")
	R("all-no", "    trace_all: [cookie_v4_check, nothing_here]\n")
	R("tracemod-yes", "    trace_module: secmod\n")
	R("tracemod-no", "    trace_module: virtio_net\n")
	R("module-yes", "    module: virtio_net\n")
	R("module-no", "    module: eudp\n")
	R("tmod-yes", "    tainting_module: secmod\n")
	R("tmod-no", "    tainting_module: virtio_net\n")
	R("taint-yes", "    taint: E\n")
	R("taint-no", "    taint: P\n")
	R("release-yes", "    release: '>= 5.4.0-100-generic, < 5.4.0-123-generic'\n")
	R("release-no", "    release: '>= 5.4.0-123-generic'\n")
	R("release-family-no", "    release: '>= 3.10.0-1.el7'\n")
	R("hw-yes", "    hardware: 'Alibaba Cloud'\n")
	R("hw-no", "    hardware: 'Dell'\n")
	R("culprit-yes", "    culprit_taint: OE\n")
	R("culprit-no", "    culprit_taint: P\n")
	R("all-together-yes", "    class: [oops]\n    rip: tcp_create_openreq_child\n"
	  "    trace_any: [cookie_v4_check]\n    taint: O\n    hardware: ECS\n"
	  "    release: '< 5.4.0-123-generic'\n")
	R("all-together-no", "    class: [oops]\n    rip: tcp_create_openreq_child\n"
	  "    trace_any: [cookie_v4_check]\n    taint: P\n");

static const struct lg_cause *find_cause(const struct lg_event *ev, const char *id)
{
	for (size_t i = 0; i < ev->ncauses; i++)
		if (!strcmp(ev->causes[i].id, id))
			return &ev->causes[i];
	return NULL;
}

TEST(each_condition_matches_and_refuses)
{
	char *dir = make_dir();
	char *path = write_file(dir, "cond.yaml", conditions);
	const char *dirs[] = { dir, NULL };
	struct lg_causedb *db;
	struct lg_event ev;
	int nerr = 0;
	char *errs = load_errors(dirs, &db, &nerr);
	size_t yes = 0;

	TH_LOG("%s", errs);
	ASSERT_EQ(0, nerr);
	build_event(&ev, "5.4.0-122-generic");
	lg_causedb_apply(db, &ev);
	for (const char *p = conditions; (p = strstr(p, "- id: ")); p++) {
		char id[64];
		size_t n = strcspn(p + 6, "\n");

		snprintf(id, sizeof(id), "%.*s", (int)n, p + 6);
		bool want = strstr(id, "-yes") != NULL;

		yes += want;
		EXPECT_EQ(want, find_cause(&ev, id) != NULL) TH_LOG("rule %s", id);
	}
	ASSERT_EQ(yes, ev.ncauses);
	lg_event_free(&ev);
	lg_causedb_free(db);
	free(errs);
	free(path);
	remove_dir(dir);
}

static const char ranking[] =
	"rules:\n"
	"  - id: note\n    kind: class\n    class: oops\n    title: t\n"
	"    explanation: e\n    remedy: r\n    confidence: 0.9\n"
	"  - id: blame\n    kind: generic\n    culprit_taint: OEP\n"
	"    title: 'fault in {culprit}'\n    explanation: e\n"
	"    remedy: 'remove {culprit}; tainting: {tainting_modules}'\n"
	"    culprit_module: '{culprit}'\n    confidence: 0.75\n"
	"  - id: known-bug\n    rip: tcp_create_openreq_child\n"
	"    lines: ['Oops: (?<code>\\d+)']\n"
	"    title: 'known bug, code {code}'\n    explanation: e\n"
	"    remedy: 'upgrade to {fixed} (running {release})'\n"
	"    remedy_if_fixed: '{release} already has the fix'\n"
	"    fixed_in: {ubuntu: 5.4.0-123-generic, el7: 3.10.0-1160.el7}\n"
	"    guilty_frame: tcp_create_openreq_child\n"
	"    confidence: 0.6\n";

TEST(apply_ranks_fills_and_switches_when_fixed)
{
	char *dir = make_dir();
	char *path = write_file(dir, "rank.yaml", ranking);
	const char *dirs[] = { dir, NULL };
	struct lg_causedb *db;
	struct lg_event ev;
	int nerr = 0;
	char *errs = load_errors(dirs, &db, &nerr);

	TH_LOG("%s", errs);
	ASSERT_EQ(0, nerr);
	build_event(&ev, "5.4.0-122-generic");
	lg_causedb_apply(db, &ev);
	ASSERT_EQ(3U, ev.ncauses);
	/* specific first even with lower confidence, class note last */
	ASSERT_STREQ("known-bug", ev.causes[0].id);
	ASSERT_STREQ("known bug, code 0002", ev.causes[0].title);
	ASSERT_STREQ("upgrade to 5.4.0-123-generic (running 5.4.0-122-generic)",
		     ev.causes[0].remedy);
	ASSERT_STREQ("blame", ev.causes[1].id);
	ASSERT_STREQ("remove secmod; tainting: secmod", ev.causes[1].remedy);
	ASSERT_STREQ("note", ev.causes[2].id);
	ASSERT_STREQ("secmod", ev.culprit_module);
	ASSERT_STREQ("tcp_create_openreq_child", ev.guilty_frame);
	/* evidence: the lines the patterns and conditions matched */
	ASSERT_LE(1U, ev.causes[0].nevidence);
	ASSERT_STREQ("Oops: 0002 [#1] SMP PTI", ev.causes[0].evidence[0].line);
	ASSERT_EQ(11U, ev.causes[0].evidence[0].lineno);
	lg_event_free(&ev);

	/* A release at the fixed version: no upgrade advice, lower rank. */
	build_event(&ev, "5.4.0-123-generic");
	ev.guilty_frame = strdup("set_by_classifier");
	lg_causedb_apply(db, &ev);
	ASSERT_EQ(3U, ev.ncauses);
	ASSERT_STREQ("blame", ev.causes[0].id);
	ASSERT_STREQ("known-bug", ev.causes[1].id);
	ASSERT_STREQ("5.4.0-123-generic already has the fix", ev.causes[1].remedy);
	ASSERT_LT(ev.causes[1].confidence, 0.6);
	ASSERT_STREQ("set_by_classifier", ev.guilty_frame);
	lg_event_free(&ev);

	/* Another family's fixed release does not count. */
	build_event(&ev, "3.10.0-1160.99.1.el7");
	lg_causedb_apply(db, &ev);
	ASSERT_STREQ("3.10.0-1160.99.1.el7 already has the fix",
		     find_cause(&ev, "known-bug")->remedy);
	lg_event_free(&ev);
	build_event(&ev, "3.10.0-1127.el7");
	lg_causedb_apply(db, &ev);
	ASSERT_STREQ("upgrade to 3.10.0-1160.el7 (running 3.10.0-1127.el7)",
		     find_cause(&ev, "known-bug")->remedy);
	lg_event_free(&ev);
	lg_causedb_free(db);
	free(errs);
	free(path);
	remove_dir(dir);
}

TEST(later_directories_and_files_override)
{
	char *d1 = make_dir(), *d2 = make_dir();
	char *p[3];
	const char *dirs[] = { d1, "/nonexistent/lastgasp", d2, NULL };
	struct lg_causedb *db;
	struct lg_event ev;
	int nerr = 0;
	char *errs;

	p[0] = write_file(d1, "10-a.yaml", "rules:\n" R("x", "    class: oops\n")
			  R("y", "    class: oops\n"));
	p[1] = write_file(d1, "20-b.yaml", "rules:\n"
			  "  - id: y\n    title: 'y from 20-b'\n    explanation: e\n"
			  "    remedy: r\n    confidence: 0.5\n    class: oops\n");
	p[2] = write_file(d2, "10-a.yaml", "rules:\n"
			  "  - id: x\n    title: 'x from d2'\n    explanation: e\n"
			  "    remedy: r\n    confidence: 0.5\n    class: oops\n");
	errs = load_errors(dirs, &db, &nerr);
	ASSERT_EQ(0, nerr);
	ASSERT_EQ(2U, lg_causedb_count(db));
	build_event(&ev, "6.1.0-56-amd64");
	lg_causedb_apply(db, &ev);
	ASSERT_EQ(2U, ev.ncauses);
	ASSERT_STREQ("x from d2", find_cause(&ev, "x")->title);
	ASSERT_STREQ("y from 20-b", find_cause(&ev, "y")->title);
	lg_event_free(&ev);
	lg_causedb_free(db);
	free(errs);
	for (int i = 0; i < 3; i++)
		free(p[i]);
	remove_dir(d1);
	remove_dir(d2);
}

TEST(shipped_database_is_clean)
{
	const char *dirs[] = { LG_TOPDIR "/user/causes", NULL };
	struct lg_causedb *db;
	int nerr = -1;
	char *errs = load_errors(dirs, &db, &nerr);

	TH_LOG("%s", errs);
	ASSERT_EQ(0, nerr);
	ASSERT_LT(40U, lg_causedb_count(db));
	/* every event class has an explanation of its own */
	for (int c = 1; c < LG_CLASS_COUNT; c++) {
		struct lg_event ev;

		lg_event_init(&ev);
		ev.cls = (enum lg_class)c;
		lg_causedb_apply(db, &ev);
		EXPECT_LE(1U, ev.ncauses) TH_LOG("class %s", lg_class_name(c));
		lg_event_free(&ev);
	}
	lg_causedb_free(db);
	free(errs);
}

TEST_HARNESS_MAIN
