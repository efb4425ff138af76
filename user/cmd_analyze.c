// SPDX-License-Identifier: GPL-2.0
/*
 * `lastgasp analyze [FILE...]`: the same parser and cause database as
 * `report`, on kernel-log text (dmesg, journalctl -k, vmcore-dmesg.txt,
 * /var/log/messages, pstore files).  Streams: each event is printed as soon
 * as the parser completes it, and JSON is written array element by element,
 * so memory stays bounded however large the input.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <json-c/json.h>
#include "causes.h"
#include "cli.h"
#include "commands.h"
#include "debuginfo.h"
#include "follow.h"
#include "parse.h"
#include "print.h"

static const char usage[] =
	"usage: lastgasp analyze [--json | --json-lines] [--causes DIR] [--debuginfo[=DIR]] [--debuginfod]\n"
	"                        [FILE...]\n"
	"       lastgasp analyze --follow [--json-lines] [--causes DIR] FILE\n";

static const char help[] =
	"usage: lastgasp analyze [--json | --json-lines] [--causes DIR] [--debuginfo[=DIR]] [--debuginfod]\n"
	"                        [FILE...]\n"
	"       lastgasp analyze --follow [--json-lines] [--causes DIR] FILE\n"
	"\n"
	"Find kernel crash reports (oops, BUG, panic, lockups, OOM, hung tasks,\n"
	"...) in kernel-log text and explain each one with the cause database.\n"
	"Reads each FILE, or standard input when none is given or FILE is -.\n"
	"Accepts dmesg, journalctl -k, /var/log/messages, vmcore-dmesg.txt and\n"
	"pstore files.  Needs no privileges and no kernel module.\n"
	"\n"
	"  -j, --json        print one JSON object (see lastgasp(8))\n"
	"  -l, --json-lines  one JSON event object per line, as each is found\n"
	"  -f, --follow      keep reading FILE as it grows, like tail -F (survives\n"
	"                    rotation and truncation); print each event as soon as\n"
	"                    it is complete; stop on SIGINT or SIGTERM\n"
	"  -c, --causes DIR  also load cause rules from DIR\n"
	LG_DEBUGINFO_HELP
	"  -h, --help        show this help\n";

struct analysis {
	const struct lg_causedb *db;
	struct lg_debuginfo *di;	/* --debuginfo, or NULL */
	int json;
	int json_lines;
	size_t events;		/* in the current file */
	size_t total;		/* in all files: JSON separators */
};

static void on_event(struct lg_event *ev, void *arg)
{
	struct analysis *a = arg;
	struct json_object *o;

	if (a->db)
		lg_causedb_apply(a->db, ev);
	if (a->di)
		lg_debuginfo_resolve(a->di, ev);
	if (a->json_lines) {
		o = lg_event_to_json(ev);
		puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
						    JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
	} else if (a->json) {
		o = lg_event_to_json(ev);
		printf("%s\n%s", a->total ? "," : "",
		       json_object_to_json_string_ext(o,
			JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
	} else {
		lg_print_event_text(stdout, ev);
	}
	/* A collector downstream (omprog, Vector, Fluent Bit) wants each
	 * event now, not when a buffer fills. */
	fflush(stdout);
	a->events++;
	a->total++;
	lg_event_free(ev);
	free(ev);
}

/* 0, or LG_EXIT_DATA after saying why @path could not be read. */
static int analyze_one(struct analysis *a, const char *path)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "r");
	int err;

	if (!f) {
		fprintf(stderr, "lastgasp: cannot read %s: %s\n", path,
			strerror(errno));
		return LG_EXIT_DATA;
	}
	a->events = 0;
	err = lg_parse_file(f, is_stdin ? "-" : path, on_event, a);
	if (!is_stdin)
		fclose(f);
	if (err < 0) {
		fflush(stdout);
		fprintf(stderr, "lastgasp: cannot read %s: %s\n",
			is_stdin ? "standard input" : path, strerror(-err));
		return LG_EXIT_DATA;
	}
	if (!a->events && !a->json && !a->json_lines)
		printf("No kernel crash found in %s.\n",
		       is_stdin ? "standard input" : path);
	return LG_EXIT_OK;
}

static volatile sig_atomic_t stop_following;

static void on_stop(int sig)
{
	(void)sig;
	stop_following = 1;
}

/* Poll every POLL_MS; an open event is complete after IDLE_MS of quiet. */
#define POLL_MS 200
#define IDLE_MS 1000

static int follow(struct analysis *a, const char *path)
{
	const struct timespec tick = { 0, POLL_MS * 1000000L };
	struct sigaction sa = { .sa_handler = on_stop };
	struct lg_parser *p = lg_parser_new(path, on_event, a);
	struct lg_follow f;
	int quiet = 0;

	if (!p || lg_follow_init(&f, path, p) < 0) {
		lg_parser_free(p);
		fprintf(stderr, "lastgasp: out of memory\n");
		return LG_EXIT_SYSTEM;
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	while (!stop_following) {
		if (lg_follow_poll(&f) > 0) {
			quiet = 0;
			continue;
		}
		nanosleep(&tick, NULL);
		quiet += POLL_MS;
		if (quiet >= IDLE_MS)
			lg_follow_idle(&f);
	}
	lg_follow_poll(&f);
	lg_parser_finish(p);
	lg_follow_close(&f);
	lg_parser_free(p);
	return LG_EXIT_OK;
}

int cmd_analyze(int argc, char **argv)
{
	static char *const dash[] = { "-", NULL };
	struct lg_debuginfo_cli dcli = { 0 };
	struct analysis a = { 0 };
	const char *causes = NULL;
	int following = 0;
	const struct lg_cli_opt opts[] = {
		{ "json", 'j', &a.json, NULL },
		{ "json-lines", 'l', &a.json_lines, NULL },
		{ "follow", 'f', &following, NULL },
		{ "causes", 'c', NULL, &causes },
		{ NULL },
	};
	const struct lg_cli cli = {
		.cmd = "analyze", .usage = usage, .help = help, .opts = opts, .max_operands = -1,
		.more = lg_debuginfo_options, .more_fn = lg_debuginfo_option, .more_ctx = &dcli,
	};
	struct lg_causedb *db;
	char *const *files;
	int first, rc, nerr = 0;

	rc = lg_cli_parse(&cli, argc, argv, &first);
	if (rc != LG_CLI_RUN)
		return rc;
	rc = LG_EXIT_OK;
	if (a.json && a.json_lines) {
		fprintf(stderr, "lastgasp: --json and --json-lines exclude each other\n");
		return lg_cli_usage_error(usage);
	}
	if (following && (first + 1 != argc || a.json ||
			  strcmp(argv[first], "-") == 0)) {
		fprintf(stderr, "lastgasp: --follow takes one FILE (not -) and no --json\n");
		return lg_cli_usage_error(usage);
	}
	files = first < argc ? argv + first : dash;
	a.di = lg_debuginfo_run(&dcli);
	db = lg_causedb_load(lg_causes_dirs(causes), stderr, &nerr);
	a.db = db;
	if (following) {
		rc = follow(&a, files[0]);
		if (db)
			lg_causedb_free(db);
		lg_debuginfo_free(a.di);
		return rc ? rc : nerr ? LG_EXIT_DATA : LG_EXIT_OK;
	}
	if (a.json)
		printf("{\n\"lastgasp\": %d,\n\"events\": [", LG_JSON_VERSION);
	for (; *files; files++)
		if (analyze_one(&a, *files))
			rc = LG_EXIT_DATA;
	if (a.json)
		puts("\n]\n}");
	if (db)
		lg_causedb_free(db);
	lg_debuginfo_free(a.di);
	if (nerr)
		rc = LG_EXIT_DATA;
	return rc;
}
