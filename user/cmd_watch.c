// SPDX-License-Identifier: GPL-2.0
/*
 * `lastgasp watch`: wait for records of non-fatal events (warnings, OOM
 * kills, hung tasks, ...) the module stores while the system runs, and print
 * each one with its diagnosis as it arrives.  Records are left in the module
 * for `report` to archive and clear.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <json-c/json.h>
#include "causes.h"
#include "cli.h"
#include "commands.h"
#include "netlink.h"
#include "print.h"
#include "record.h"

static const char usage[] =
	"usage: lastgasp watch [--json] [--causes DIR]\n";

static const char help[] =
	"usage: lastgasp watch [--json] [--causes DIR]\n"
	"\n"
	"Wait for the lastgasp module to store new records (non-fatal events\n"
	"such as warnings, OOM kills and hung tasks) and print each one with\n"
	"its diagnosis as it arrives.  Runs until interrupted.  Records stay in\n"
	"the module; `lastgasp report` archives and clears them.  Needs root.\n"
	"\n"
	"  -j, --json        one JSON EVENT object per line (JSON Lines)\n"
	"  -c, --causes DIR  also load cause rules from DIR\n"
	"  -h, --help        show this help\n";

struct watcher {
	struct lg_nl *nl;
	const struct lg_causedb *db;
	int json;
};

static int show(const struct nlattr *nest, void *arg)
{
	struct watcher *w = arg;
	struct lg_record rec;
	struct lg_event ev;
	struct json_object *o;

	if (lg_record_parse(nest, &rec) < 0)
		return 0;
	lg_event_init(&ev);
	if (lg_record_to_event(&rec, &ev) == 0) {
		if (w->db)
			lg_causedb_apply(w->db, &ev);
		if (w->json) {
			o = lg_event_to_json(&ev);
			puts(json_object_to_json_string_ext(o,
				JSON_C_TO_STRING_PLAIN |
				JSON_C_TO_STRING_NOSLASHESCAPE));
			json_object_put(o);
		} else {
			lg_print_event_text(stdout, &ev);
		}
		fflush(stdout);
	}
	lg_event_free(&ev);
	lg_record_free(&rec);
	return 0;
}

static int on_new_record(uint64_t seq, uint32_t kind, void *arg)
{
	struct watcher *w = arg;

	(void)kind;
	/* A record cleared meanwhile is not an error worth stopping for. */
	lg_nl_get_record(w->nl, seq, show, w);
	return 0;
}

int cmd_watch(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "causes", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct watcher w = { 0 };
	const char *causes = NULL;
	struct lg_causedb *db;
	int c, err, nerr = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jc:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': w.json = 1; break;
		case 'c': causes = optarg; break;
		case 'h': fputs(help, stdout); return LG_EXIT_OK;
		default: return lg_cli_usage_error(usage);
		}
	}
	if (optind < argc)
		return lg_cli_bad_operand("watch", argv[optind], usage);
	w.nl = lg_nl_open(&err);
	if (!w.nl)
		return LG_EXIT_SYSTEM;
	db = lg_causedb_load(lg_causes_dirs(causes), stderr, &nerr);
	w.db = db;
	fputs("lastgasp: waiting for new records (interrupt to stop)\n", stderr);
	err = lg_nl_watch(on_new_record, &w);
	if (db)
		lg_causedb_free(db);
	lg_nl_close(w.nl);
	return err ? LG_EXIT_SYSTEM : LG_EXIT_OK;
}
