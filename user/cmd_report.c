// SPDX-License-Identifier: GPL-2.0
/*
 * `lastgasp report`: fetch every record from the module, explain each one,
 * archive it and only then clear it.  Nothing is lost: a record whose
 * archive file could not be written stays in the module.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <json-c/json.h>
#include "archive.h"
#include "causes.h"
#include "cli.h"
#include "commands.h"
#include "journal_send.h"
#include "netlink.h"
#include "print.h"
#include "record.h"

static const char usage[] =
	"usage: lastgasp report [--json] [--keep] [--journal] [--archive-dir DIR]\n"
	"                       [--causes DIR]\n";

static const char help[] =
	"usage: lastgasp report [--json] [--keep] [--journal] [--archive-dir DIR]\n"
	"                       [--causes DIR]\n"
	"\n"
	"Read the crash records the lastgasp module kept (from this and earlier\n"
	"boots), explain each one (what happened, where, on what, the likely\n"
	"cause and what to do), save each record as JSON in the archive\n"
	"directory and then clear it from the module.  Needs root.\n"
	"\n"
	"  -j, --json             print one JSON object (see lastgasp(8))\n"
	"  -k, --keep             leave the records in the module\n"
	"  -J, --journal          also send one structured journal entry per\n"
	"                         event (MESSAGE_ID, LASTGASP_* fields)\n"
	"  -a, --archive-dir DIR  archive directory (default " LG_ARCHIVE_DIR ")\n"
	"  -c, --causes DIR       also load cause rules from DIR\n"
	"  -h, --help             show this help\n";

struct item {
	struct lg_record rec;
	struct lg_event ev;
	bool converted;
	bool merged;		/* folded into an earlier oops, or lent its log */
	bool archived;
};

struct report {
	struct item *items;
	size_t n, cap;
	size_t malformed;
	int json, keep, journal;
	const char *archive_dir, *causes_dir;
};

static int collect(const struct nlattr *nest, void *arg)
{
	struct report *rp = arg;
	struct item *it;

	if (rp->n == rp->cap) {
		size_t cap = rp->cap ? 2 * rp->cap : 16;

		it = realloc(rp->items, cap * sizeof(*it));
		if (!it)
			return -ENOMEM;
		rp->items = it;
		rp->cap = cap;
	}
	it = &rp->items[rp->n];
	memset(it, 0, sizeof(*it));
	if (lg_record_parse(nest, &it->rec) < 0) {
		rp->malformed++;
		return 0;
	}
	rp->n++;
	return 0;
}

/* GET_RECORD by SEQ replaces a record whose dump copy lacked its log. */
static int replace(const struct nlattr *nest, void *arg)
{
	struct lg_record fresh, *old = arg;

	if (lg_record_parse(nest, &fresh) < 0)
		return 0;
	lg_record_free(old);
	*old = fresh;
	return 0;
}

static int fetch(struct lg_nl *nl, struct report *rp)
{
	int err = lg_nl_dump_records(nl, collect, rp);

	if (err)
		return err;
	for (size_t i = 0; i < rp->n; i++) {
		struct lg_record *r = &rp->items[i].rec;

		if (!(r->flags & LASTGASP_RF_LOG_OMITTED))
			continue;
		/* On failure the dump copy, without its log tail, is used. */
		lg_nl_get_record(nl, r->seq, replace, r);
	}
	if (rp->malformed)
		fprintf(stderr, "lastgasp: skipped %zu malformed record(s)\n",
			rp->malformed);
	return 0;
}

/* Log tails written after the die and panic records (kernels before 5.13). */
static int lend_logs(struct report *rp)
{
	struct lg_record **recs = calloc(rp->n ? rp->n : 1, sizeof(*recs));
	bool *lent = calloc(rp->n ? rp->n : 1, sizeof(*lent));

	if (!recs || !lent) {
		free(recs);
		free(lent);
		return -ENOMEM;
	}
	for (size_t i = 0; i < rp->n; i++)
		recs[i] = &rp->items[i].rec;
	lg_records_lend_logs(recs, rp->n, lent);
	for (size_t i = 0; i < rp->n; i++)
		rp->items[i].merged = lent[i];
	free(recs);
	free(lent);
	return 0;
}

static void convert(struct report *rp, const struct lg_causedb *db)
{
	if (lend_logs(rp) < 0)
		fprintf(stderr, "lastgasp: out of memory lending log tails\n");
	for (size_t i = 0; i < rp->n; i++) {
		struct item *it = &rp->items[i];

		lg_event_init(&it->ev);
		if (lg_record_to_event(&it->rec, &it->ev) < 0) {
			fprintf(stderr, "lastgasp: out of memory converting record %" PRIu64 "\n",
				it->rec.seq);
			continue;
		}
		it->converted = true;
	}
	/*
	 * A panic ends the record just before it in its boot when it is that
	 * event's outcome ("Fatal exception" after an oops, panic_on_oom
	 * after an OOM kill, softlockup_panic after a soft lockup, ...).
	 */
	for (size_t i = 0; i < rp->n; i++) {
		struct item *p = &rp->items[i];

		if (!p->converted || p->rec.kind != LASTGASP_KIND_PANIC)
			continue;
		/* First the die record of the task that panicked, in either
		 * order (several CPUs oopsing at once), then the record just
		 * before the panic. */
		for (size_t j = 0; j < rp->n && !p->merged; j++) {
			struct item *o = &rp->items[j];

			if (j != i && o->converted && !o->merged &&
			    o->rec.kind == LASTGASP_KIND_DIE &&
			    strcmp(o->rec.boot_id, p->rec.boot_id) == 0 &&
			    lg_record_same_task(&o->rec, &p->rec))
				p->merged = lg_record_merge_fatal(&o->rec, &o->ev,
								  &p->rec, &p->ev);
		}
		for (size_t j = i; !p->merged && j-- > 0;) {
			struct item *o = &rp->items[j];

			if (!o->converted || o->merged ||
			    strcmp(o->rec.boot_id, p->rec.boot_id) != 0)
				continue;
			p->merged = lg_record_merge_fatal(&o->rec, &o->ev,
							  &p->rec, &p->ev);
			break;
		}
	}
	/* After the merge: rules see the fatal, merged event. */
	for (size_t i = 0; db && i < rp->n; i++)
		if (rp->items[i].converted && !rp->items[i].merged)
			lg_causedb_apply(db, &rp->items[i].ev);
}

static struct json_object *archive_object(const struct item *it)
{
	struct json_object *o = json_object_new_object();
	time_t now = time(NULL);
	struct tm tm;
	char stamp[40] = "";

	if (gmtime_r(&now, &tm))
		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_object_object_add(o, "lastgasp", json_object_new_int(LG_JSON_VERSION));
	json_object_object_add(o, "archived", json_object_new_string(stamp));
	json_object_object_add(o, "record", lg_record_to_json(&it->rec));
	json_object_object_add(o, "event", it->converted ?
			       lg_event_to_json(&it->ev) : NULL);
	return o;
}

static int archive(struct report *rp)
{
	int failed = 0;

	for (size_t i = 0; i < rp->n; i++) {
		struct item *it = &rp->items[i];
		char *name = lg_archive_name(it->rec.boot_id, it->rec.seq);
		struct json_object *o = archive_object(it);

		it->archived = name && o &&
			       lg_archive_write(rp->archive_dir, name, o) == 0;
		if (!it->archived)
			failed++;
		json_object_put(o);
		free(name);
	}
	return failed;
}

/* Boots in order of their first record; events of one boot together. */
static void for_each_by_boot(struct report *rp,
			     void (*fn)(struct report *, struct item *, bool,
					void *), void *arg)
{
	for (size_t i = 0; i < rp->n; i++) {
		bool first = true, seen = false;

		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(rp->items[k].rec.boot_id,
				      rp->items[i].rec.boot_id) == 0;
		if (seen)
			continue;
		for (size_t j = i; j < rp->n; j++) {
			struct item *it = &rp->items[j];

			if (strcmp(it->rec.boot_id, rp->items[i].rec.boot_id) ||
			    !it->converted || it->merged)
				continue;
			fn(rp, it, first, arg);
			first = false;
		}
	}
}

static void text_one(struct report *rp, struct item *it, bool first, void *arg)
{
	(void)rp;
	(void)arg;
	/* A crash loop reads boot by boot, oldest first: say which boot. */
	if (first)
		printf("##### Boot %s: %s, kernel %s, first record at %s\n\n",
		       it->rec.boot_id[0] ? it->rec.boot_id : "unknown",
		       it->rec.previous_boot ? "a previous boot" : "this boot",
		       it->ev.kernel_release ? it->ev.kernel_release : "unknown",
		       it->ev.time ? it->ev.time : "an unknown time");
	lg_print_event_text(stdout, &it->ev);
}

/* The archive file of @it: the one that holds the (merged) event. */
static void journal_one(struct report *rp, struct item *it, bool first,
			void *arg)
{
	char *name = lg_archive_name(it->rec.boot_id, it->rec.seq);
	char *path = NULL;

	(void)first;
	(void)arg;
	if (name && it->archived &&
	    asprintf(&path, "%s/%s", rp->archive_dir, name) < 0)
		path = NULL;
	lg_journal_send(&it->ev, path);
	free(path);
	free(name);
}

static void json_one(struct report *rp, struct item *it, bool first, void *arg)
{
	(void)rp;
	(void)first;
	json_object_array_add(arg, lg_event_to_json(&it->ev));
}

static void print(struct report *rp)
{
	struct json_object *top, *events;
	size_t shown = 0;

	for (size_t i = 0; i < rp->n; i++)
		shown += rp->items[i].converted && !rp->items[i].merged;
	if (!rp->json) {
		if (!shown)
			puts("No crash records.");
		else
			for_each_by_boot(rp, text_one, NULL);
		return;
	}
	top = json_object_new_object();
	events = json_object_new_array();
	for_each_by_boot(rp, json_one, events);
	json_object_object_add(top, "lastgasp",
			       json_object_new_int(LG_JSON_VERSION));
	json_object_object_add(top, "events", events);
	puts(json_object_to_json_string_ext(top, JSON_C_TO_STRING_PRETTY |
					    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(top);
}

static int clear(struct lg_nl *nl, struct report *rp)
{
	int rc = LG_EXIT_OK;

	for (size_t i = 0; i < rp->n; i++) {
		struct item *it = &rp->items[i];

		if (!it->archived) {
			fprintf(stderr, "lastgasp: record %" PRIu64 " was not archived, so it stays in the module\n",
				it->rec.seq);
			rc = LG_EXIT_SYSTEM;
			continue;
		}
		if (lg_nl_clear(nl, it->rec.seq) < 0)
			rc = LG_EXIT_SYSTEM;
	}
	return rc;
}

static void report_free(struct report *rp)
{
	for (size_t i = 0; i < rp->n; i++) {
		lg_event_free(&rp->items[i].ev);
		lg_record_free(&rp->items[i].rec);
	}
	free(rp->items);
}

static int parse_args(struct report *rp, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "keep", no_argument, NULL, 'k' },
		{ "journal", no_argument, NULL, 'J' },
		{ "archive-dir", required_argument, NULL, 'a' },
		{ "causes", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jkJa:c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': rp->json = 1; break;
		case 'k': rp->keep = 1; break;
		case 'J': rp->journal = 1; break;
		case 'a': rp->archive_dir = optarg; break;
		case 'c': rp->causes_dir = optarg; break;
		case 'h': fputs(help, stdout); return -1;
		default: return lg_cli_usage_error(usage);
		}
	}
	if (optind < argc)
		return lg_cli_bad_operand("report", argv[optind], usage);
	return LG_EXIT_OK;
}

int cmd_report(int argc, char **argv)
{
	struct report rp = { .archive_dir = LG_ARCHIVE_DIR };
	struct lg_causedb *db;
	struct lg_nl *nl;
	int rc, err, nerr = 0, failed;

	rc = parse_args(&rp, argc, argv);
	if (rc)
		return rc < 0 ? LG_EXIT_OK : rc;
	nl = lg_nl_open(&err);
	if (!nl)
		return LG_EXIT_SYSTEM;
	if (fetch(nl, &rp)) {
		lg_nl_close(nl);
		report_free(&rp);
		return LG_EXIT_SYSTEM;
	}
	db = lg_causedb_load(lg_causes_dirs(rp.causes_dir), stderr, &nerr);
	convert(&rp, db);
	failed = archive(&rp);
	print(&rp);
	fflush(stdout);
	if (rp.journal)
		for_each_by_boot(&rp, journal_one, NULL);
	rc = rp.keep ? LG_EXIT_OK : clear(nl, &rp);
	if (rp.keep && failed)
		rc = LG_EXIT_SYSTEM;
	if (rc == LG_EXIT_OK && nerr)
		rc = LG_EXIT_DATA;
	if (db)
		lg_causedb_free(db);
	lg_nl_close(nl);
	report_free(&rp);
	return rc;
}
