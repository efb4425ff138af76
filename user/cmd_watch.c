// SPDX-License-Identifier: GPL-2.0
/*
 * `lastgasp watch`: wait for records of non-fatal events (warnings, OOM
 * kills, hung tasks, ...) the module stores while the system runs, and print
 * each one with its diagnosis as it arrives.  Records are left in the module
 * for `report` to archive and clear.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <json-c/json.h>
#include "causes.h"
#include "cli.h"
#include "commands.h"
#include "metrics.h"
#include "journal_send.h"
#include "netlink.h"
#include "print.h"
#include "record.h"

static const char usage[] =
	"usage: lastgasp watch [--json] [--journal] [--causes DIR] [--metrics FILE]\n";

static const char help[] =
	"usage: lastgasp watch [--json] [--journal] [--causes DIR] [--metrics FILE]\n"
	"\n"
	"Wait for the lastgasp module to store new records (non-fatal events\n"
	"such as warnings, OOM kills and hung tasks) and print each one with\n"
	"its diagnosis as it arrives.  Runs until interrupted, or until the\n"
	"module is unloaded (exit status 2).  Records stay in the module;\n"
	"`lastgasp report` archives and clears them.  Needs root.\n"
	"\n"
	"  -j, --json        one JSON EVENT object per line (JSON Lines)\n"
	"  -J, --journal     also send one structured journal entry per event\n"
	"  -c, --causes DIR  also load cause rules from DIR\n"
	"  -m, --metrics FILE  keep Prometheus counters in FILE (node_exporter's\n"
	"                    textfile collector)\n"
	"  -h, --help        show this help\n";

struct watcher {
	struct lg_nl *nl;
	const struct lg_causedb *db;
	int json, journal;
	const char *metrics;
	uint64_t last_seq;	/* newest record shown or already there */
	uint64_t *pending;	/* resync: records newer than last_seq */
	size_t npending;
};

static void print_event(const struct watcher *w, struct lg_event *ev)
{
	struct json_object *o;

	if (w->db)
		lg_causedb_apply(w->db, ev);
	if (w->json) {
		o = lg_event_to_json(ev);
		puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
					JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
	} else {
		lg_print_event_text(stdout, ev);
	}
	fflush(stdout);
	if (w->metrics)
		lg_metrics_add(w->metrics, (const struct lg_event *const[]){ ev }, 1);
	/* Not archived yet: `report` does that at the next boot or run. */
	if (w->journal)
		lg_journal_send(ev, NULL);
}

static int show(const struct nlattr *nest, void *arg)
{
	struct watcher *w = arg;
	struct lg_record rec;
	struct lg_event ev;

	if (lg_record_parse(nest, &rec) < 0)
		return 0;
	lg_event_init(&ev);
	/*
	 * A kmsg dump record (before 5.13) only carries the log of the oops
	 * or panic recorded just before it: `report` lends it to that
	 * record; here, where that record was already shown, it is no event.
	 */
	if (rec.kind != LASTGASP_KIND_KMSG_DUMP && lg_record_to_event(&rec, &ev) == 0)
		print_event(w, &ev);
	if (rec.seq > w->last_seq)
		w->last_seq = rec.seq;
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

/* Dump callback: note every record newer than the last one shown. */
static int note_newer(const struct nlattr *nest, void *arg)
{
	struct watcher *w = arg;
	struct lg_record rec;
	uint64_t *n;

	if (lg_record_parse(nest, &rec) < 0)
		return 0;
	if (rec.seq > w->last_seq) {
		n = realloc(w->pending, (w->npending + 1) * sizeof(*n));
		if (!n) {
			lg_record_free(&rec);
			return -ENOMEM;
		}
		w->pending = n;
		w->pending[w->npending++] = rec.seq;
	}
	lg_record_free(&rec);
	return 0;
}

/* Notifications were lost (ENOBUFS): the record list says what is new. */
static int resync(void *arg)
{
	struct watcher *w = arg;

	fputs("lastgasp: missed notifications (receive buffer overflow); re-reading the record list\n",
	      stderr);
	w->npending = 0;
	if (lg_nl_dump_records(w->nl, note_newer, w) == 0)
		for (size_t i = 0; i < w->npending; i++)
			on_new_record(w->pending[i], 0, w);
	return 0;
}

/* Records already stored are `report`'s; watch shows what comes next. */
static int note_last(const struct nlattr *nest, void *arg)
{
	struct watcher *w = arg;
	struct lg_record rec;

	if (lg_record_parse(nest, &rec) < 0)
		return 0;
	if (rec.seq > w->last_seq)
		w->last_seq = rec.seq;
	lg_record_free(&rec);
	return 0;
}

int cmd_watch(int argc, char **argv)
{
	static const struct lg_nl_watch_ops ops = {
		.record = on_new_record,
		.resync = resync,
	};
	struct watcher w = { 0 };
	const char *causes = NULL;
	const struct lg_cli_opt opts[] = {
		{ "json", 'j', &w.json, NULL },
		{ "journal", 'J', &w.journal, NULL },
		{ "causes", 'c', NULL, &causes },
		{ "metrics", 'm', NULL, &w.metrics },
		{ NULL },
	};
	const struct lg_cli cli = {
		.cmd = "watch", .usage = usage, .help = help, .opts = opts, .max_operands = 0,
	};
	struct lg_causedb *db;
	int err, nerr = 0, first;

	err = lg_cli_parse(&cli, argc, argv, &first);
	if (err != LG_CLI_RUN)
		return err;
	err = 0;
	w.nl = lg_nl_open(&err);
	if (!w.nl)
		return LG_EXIT_SYSTEM;
	db = lg_causedb_load(lg_causes_dirs(causes), stderr, &nerr);
	w.db = db;
	/* The series exist from the start, zeros included. */
	if (w.metrics)
		lg_metrics_add(w.metrics, NULL, 0);
	if (lg_nl_dump_records(w.nl, note_last, &w) == 0)
		fputs("lastgasp: waiting for new records (interrupt to stop)\n",
		      stderr);
	else
		err = -EIO;
	if (!err)
		err = lg_nl_watch(&ops, &w);
	if (db)
		lg_causedb_free(db);
	free(w.pending);
	lg_nl_close(w.nl);
	return err ? LG_EXIT_SYSTEM : LG_EXIT_OK;
}
