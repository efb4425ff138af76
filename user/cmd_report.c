// SPDX-License-Identifier: GPL-2.0
/*
 * `lastgasp report`: fetch every record from the module, explain each one,
 * archive it and only then clear it.  Nothing is lost: a record whose
 * archive file could not be written stays in the module.  When the module
 * has nothing from an earlier boot, or is not loaded, the other crash
 * sources (source.h: pstore, kdump, the journal) are read too, and a crash
 * two of them saw is reported once.
 */
#include <errno.h>
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
#include "debuginfo.h"
#include "metrics.h"
#include "journal_send.h"
#include "netlink.h"
#include "print.h"
#include "record.h"
#include "source.h"

static const char usage[] =
	"usage: lastgasp report [--json] [--keep] [--journal] [--archive-dir DIR]\n"
	"                       [--causes DIR] [--metrics FILE] [--source LIST]\n"
	"                       [--debuginfo[=DIR]] [--debuginfod]\n";

static const char help[] =
	"usage: lastgasp report [--json] [--keep] [--journal] [--archive-dir DIR]\n"
	"                       [--causes DIR] [--metrics FILE] [--source LIST]\n"
	"                       [--debuginfo[=DIR]] [--debuginfod]\n"
	"\n"
	"Read the crash records the lastgasp module kept (from this and earlier\n"
	"boots), explain each one (what happened, where, on what, the likely\n"
	"cause and what to do), save each record as JSON in the archive\n"
	"directory and then clear it from the module.  When the module has\n"
	"nothing from an earlier boot or is not loaded, also read pstore\n"
	"(" LG_PSTORE_DIR "), kdump's output (" LG_CRASH_DIR ") and the previous\n"
	"boot's kernel messages in the journal; archive what they gave and\n"
	"remove pstore files once archived.  Needs root.\n"
	"\n"
	"  -j, --json             print one JSON object (see lastgasp(8))\n"
	"  -k, --keep             leave the records in the module (and pstore files)\n"
	"  -J, --journal          also send one structured journal entry per\n"
	"                         event (MESSAGE_ID, LASTGASP_* fields)\n"
	"  -a, --archive-dir DIR  archive directory (default " LG_ARCHIVE_DIR ")\n"
	"  -c, --causes DIR       also load cause rules from DIR\n"
	"  -m, --metrics FILE     add the events to the Prometheus counters in FILE\n"
	"                         (node_exporter's textfile collector)\n"
	"  -s, --source LIST      read only these sources, comma separated:\n"
	"                         module, pstore, kdump, journal (default: all)\n"
	LG_DEBUGINFO_HELP
	"  -h, --help             show this help\n";

struct item {
	struct lg_record rec;
	struct lg_event ev;
	bool converted;
	bool merged;		/* folded into an earlier oops, or lent its log */
	bool archived;
	char *also;		/* other sources that saw this crash too */
};

struct report {
	struct item *items;
	size_t n, cap;
	size_t malformed;
	int json, keep, journal;
	const char *archive_dir, *causes_dir, *metrics, *source_list;
	unsigned int sources;	/* enum lg_source_kind bits */
	bool sources_asked;	/* --source was given */
	struct lg_harvest h;	/* events of the other sources */
	struct lg_debuginfo_cli dcli;	/* --debuginfo, --debuginfod */
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
	if (it->also)
		printf("  Also seen by: %s\n\n", it->also);
}

/* Event JSON plus "also_seen_by": the sources that saw the crash too. */
static struct json_object *event_json(const struct lg_event *ev, const char *also)
{
	struct json_object *o = lg_event_to_json(ev), *a = NULL;
	char *copy = also ? strdup(also) : NULL, *save = NULL, *w;

	if (copy) {
		a = json_object_new_array();
		for (w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save))
			json_object_array_add(a, json_object_new_string(w));
	}
	json_object_object_add(o, "also_seen_by", a);
	free(copy);
	return o;
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

/* The other sources' events, each with the archive file of its input. */
static void journal_found(struct report *rp)
{
	for (size_t i = 0; i < rp->h.nfound; i++) {
		const struct lg_found *f = &rp->h.found[i];
		const struct lg_input *in = &rp->h.in[f->input];
		char *path = NULL;

		if (f->dup_of)
			continue;
		if (in->archived &&
		    asprintf(&path, "%s/%s", rp->archive_dir, in->name) < 0)
			path = NULL;
		lg_journal_send(f->ev, path);
		free(path);
	}
}

static void json_one(struct report *rp, struct item *it, bool first, void *arg)
{
	(void)rp;
	(void)first;
	json_object_array_add(arg, event_json(&it->ev, it->also));
}

static size_t shown_found(const struct report *rp)
{
	size_t n = 0;

	for (size_t i = 0; i < rp->h.nfound; i++)
		n += !rp->h.found[i].dup_of;
	return n;
}

/* The other sources' events, after the module's, in the order read. */
static void print_found(struct report *rp, struct json_object *events)
{
	for (size_t i = 0; i < rp->h.nfound; i++) {
		const struct lg_found *f = &rp->h.found[i];
		const struct lg_input *in = &rp->h.in[f->input];

		if (f->dup_of)
			continue;
		if (events) {
			json_object_array_add(events, event_json(f->ev, f->also));
			continue;
		}
		printf("##### From %s: %s%s%s\n\n", lg_source_name(in->kind),
		       in->kind == LG_SOURCE_JOURNAL ? "boot " : "", in->path,
		       in->kind != LG_SOURCE_PSTORE ? "" :
		       !in->archived ? " (not archived: left in place)" :
		       in->remove ? " (archived, removed)" : " (archived, kept)");
		lg_print_event_text(stdout, f->ev);
		if (f->also)
			printf("  Also seen by: %s\n\n", f->also);
	}
}

/* --debuginfo: after archiving, so archives never depend on the host. */
static void resolve_lines(struct report *rp)
{
	struct lg_debuginfo *di;

	di = lg_debuginfo_run(&rp->dcli);
	for (size_t i = 0; di && i < rp->n; i++)
		if (rp->items[i].converted && !rp->items[i].merged)
			lg_debuginfo_resolve(di, &rp->items[i].ev);
	lg_debuginfo_free(di);
}

static void print(struct report *rp)
{
	struct json_object *top, *events;
	size_t shown = 0;

	for (size_t i = 0; i < rp->n; i++)
		shown += rp->items[i].converted && !rp->items[i].merged;
	shown += shown_found(rp);
	if (!rp->json) {
		if (!shown)
			puts("No crash records.");
		for_each_by_boot(rp, text_one, NULL);
		print_found(rp, NULL);
		return;
	}
	top = json_object_new_object();
	events = json_object_new_array();
	for_each_by_boot(rp, json_one, events);
	print_found(rp, events);
	json_object_object_add(top, "lastgasp",
			       json_object_new_int(LG_JSON_VERSION));
	json_object_object_add(top, "events", events);
	puts(json_object_to_json_string_ext(top, JSON_C_TO_STRING_PRETTY |
					    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(top);
}

/* Every event shown goes into the counters (each record only once). */
static void count(struct report *rp)
{
	const struct lg_event **evs = calloc(rp->n + rp->h.nfound + 1, sizeof(*evs));
	size_t n = 0;

	if (!evs) {
		fprintf(stderr, "lastgasp: out of memory counting events\n");
		return;
	}
	for (size_t i = 0; i < rp->n; i++)
		if (rp->items[i].converted && !rp->items[i].merged)
			evs[n++] = &rp->items[i].ev;
	for (size_t i = 0; i < rp->h.nfound; i++)
		if (!rp->h.found[i].dup_of)
			evs[n++] = rp->h.found[i].ev;
	lg_metrics_add(rp->metrics, evs, n);
	free(evs);
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
		free(rp->items[i].also);
	}
	free(rp->items);
	lg_harvest_free(&rp->h);
}

static int parse_args(struct report *rp, int argc, char **argv)
{
	const struct lg_cli_opt opts[] = {
		{ "json", 'j', &rp->json, NULL },
		{ "keep", 'k', &rp->keep, NULL },
		{ "journal", 'J', &rp->journal, NULL },
		{ "archive-dir", 'a', NULL, &rp->archive_dir },
		{ "causes", 'c', NULL, &rp->causes_dir },
		{ "metrics", 'm', NULL, &rp->metrics },
		{ "source", 's', NULL, &rp->source_list },
		{ NULL },
	};
	const struct lg_cli cli = {
		.cmd = "report", .usage = usage, .help = help, .opts = opts, .max_operands = 0,
		.more = lg_debuginfo_options, .more_fn = lg_debuginfo_option, .more_ctx = &rp->dcli,
	};
	int first, rc;

	rc = lg_cli_parse(&cli, argc, argv, &first);
	if (rc != LG_CLI_RUN || !rp->source_list)
		return rc;
	if (lg_source_parse(rp->source_list, &rp->sources) < 0)
		return lg_cli_usage_error(usage);
	rp->sources_asked = true;
	return LG_CLI_RUN;
}

/* The module's records come first; the other sources fill its gaps. */
static bool wants_logs(const struct report *rp)
{
	if (!(rp->sources & ~LG_SOURCE_MODULE))
		return false;
	if (rp->sources_asked)
		return true;
	for (size_t i = 0; i < rp->n; i++)
		if (rp->items[i].rec.previous_boot)
			return false;
	return true;
}

static void read_logs(struct report *rp, const struct lg_causedb *db)
{
	const struct lg_event **known;
	char **also;
	size_t n = 0;

	lg_harvest_init(&rp->h, rp->archive_dir);
	rp->h.asked = rp->sources_asked;
	rp->h.keep = rp->keep;
	if (rp->sources & LG_SOURCE_PSTORE)
		lg_source_pstore(&rp->h, lg_source_dir("LASTGASP_PSTORE_DIR", LG_PSTORE_DIR));
	if (rp->sources & LG_SOURCE_KDUMP)
		lg_source_kdump(&rp->h, lg_source_dir("LASTGASP_CRASH_DIR", LG_CRASH_DIR));
	if (rp->sources & LG_SOURCE_JOURNAL)
		lg_source_journal(&rp->h, lg_source_dir("LASTGASP_JOURNAL_DIR", NULL));
	for (size_t i = 0; db && i < rp->h.nfound; i++)
		lg_causedb_apply(db, rp->h.found[i].ev);
	known = calloc(rp->n + 1, sizeof(*known));
	also = calloc(rp->n + 1, sizeof(*also));
	if (!known || !also) {
		free(known);
		free(also);
		fprintf(stderr, "lastgasp: out of memory comparing sources\n");
		return;
	}
	for (size_t i = 0; i < rp->n; i++)
		if (rp->items[i].converted && !rp->items[i].merged)
			known[n++] = &rp->items[i].ev;
	lg_source_dedup(&rp->h, known, n, also);
	for (size_t i = 0, k = 0; i < rp->n; i++)
		if (rp->items[i].converted && !rp->items[i].merged)
			rp->items[i].also = also[k++];
	free(known);
	free(also);
}

int cmd_report(int argc, char **argv)
{
	struct report rp = { .archive_dir = LG_ARCHIVE_DIR, .sources = LG_SOURCE_ALL };
	struct lg_causedb *db;
	struct lg_nl *nl = NULL;
	int rc, err, nerr = 0, failed = 0;

	lg_harvest_init(&rp.h, rp.archive_dir);
	rc = parse_args(&rp, argc, argv);
	if (rc != LG_CLI_RUN)
		return rc;
	if (rp.sources & LG_SOURCE_MODULE) {
		nl = lg_nl_open(&err);
		if (!nl && !(rp.sources & ~LG_SOURCE_MODULE))
			return LG_EXIT_SYSTEM;
	}
	if (nl && fetch(nl, &rp)) {
		lg_nl_close(nl);
		report_free(&rp);
		return LG_EXIT_SYSTEM;
	}
	db = lg_causedb_load(lg_causes_dirs(rp.causes_dir), stderr, &nerr);
	convert(&rp, db);
	if (wants_logs(&rp))
		read_logs(&rp, db);
	/* Without the module and with nothing elsewhere, say only that. */
	if (!nl && (rp.sources & LG_SOURCE_MODULE) && !rp.h.nfound && !rp.h.errors) {
		if (db)
			lg_causedb_free(db);
		report_free(&rp);
		return LG_EXIT_SYSTEM;
	}
	failed = archive(&rp);
	lg_source_archive(&rp.h);
	resolve_lines(&rp);
	print(&rp);
	fflush(stdout);
	if (rp.journal) {
		for_each_by_boot(&rp, journal_one, NULL);
		journal_found(&rp);
	}
	if (rp.metrics)
		count(&rp);
	rc = rp.keep || !nl ? LG_EXIT_OK : clear(nl, &rp);
	if (rp.keep && failed)
		rc = LG_EXIT_SYSTEM;
	if (rc == LG_EXIT_OK && rp.h.errors)
		rc = LG_EXIT_SYSTEM;
	if (rc == LG_EXIT_OK && nerr)
		rc = LG_EXIT_DATA;
	if (db)
		lg_causedb_free(db);
	if (nl)
		lg_nl_close(nl);
	report_free(&rp);
	return rc;
}
