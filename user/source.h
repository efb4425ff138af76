/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Crash sources other than the module, for `lastgasp report`: pstore, kdump
 * output and the previous boot's journal.  Each source adds what it read
 * (an input) and the events found in it to one harvest; duplicates of an
 * event another source already has are marked, the inputs archived, and
 * pstore files removed only once their archive is on disk.
 */
#ifndef LG_SOURCE_H
#define LG_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "event.h"

enum lg_source_kind {
	LG_SOURCE_MODULE = 1 << 0,
	LG_SOURCE_PSTORE = 1 << 1,
	LG_SOURCE_KDUMP = 1 << 2,
	LG_SOURCE_JOURNAL = 1 << 3,
	LG_SOURCE_ALL = (1 << 4) - 1,
};

/* Default places, each overridable by an environment variable (tests). */
#define LG_PSTORE_DIR "/sys/fs/pstore"		/* $LASTGASP_PSTORE_DIR */
#define LG_CRASH_DIR "/var/crash"		/* $LASTGASP_CRASH_DIR */
/* $LASTGASP_JOURNAL_DIR: a journal directory instead of the system's. */

/* "module,pstore" -> mask; -1 after naming the unknown word on stderr. */
int lg_source_parse(const char *list, unsigned int *mask);
/* "module", "pstore", "kdump", "journal". */
const char *lg_source_name(enum lg_source_kind s);
/* @env's value when set and not empty, @def otherwise. */
const char *lg_source_dir(const char *env, const char *def);

/* One thing read: a pstore file, a kdump file, a boot's kernel journal. */
struct lg_input {
	enum lg_source_kind kind;
	char *path;		/* the file, or "journal:BOOT_ID" */
	char *name;		/* archive file name */
	char *text;		/* what was read; NULL for the journal */
	size_t len;
	time_t when;		/* when the source dates it; 0 unknown */
	bool remove;		/* a pstore file: remove once archived */
	bool archived;
	size_t nevents;
};

struct lg_found {
	struct lg_event *ev;
	size_t input;		/* index into lg_harvest.in */
	time_t when;		/* of the event; 0 unknown */
	char *dup_of;		/* the source that reported it first, or NULL */
	char *also;		/* sources that saw it too (comma separated) */
};

struct lg_harvest {
	const char *archive_dir;
	struct lg_input *in;
	size_t nin;
	struct lg_found *found;
	size_t nfound;
	int errors;		/* inputs that could not be read or archived */
	bool asked;		/* the sources were named (--source): say
				 * when one has nothing to read at all */
	bool keep;		/* report --keep: remove no pstore file */
};

void lg_harvest_init(struct lg_harvest *h, const char *archive_dir);
void lg_harvest_free(struct lg_harvest *h);
/*
 * Add an input (takes @text, malloc'd or NULL) and return its index, or
 * -ENOMEM.  @text, when given, is parsed now; its events are dated @when.
 */
long lg_harvest_add(struct lg_harvest *h, enum lg_source_kind kind, const char *path,
		    const char *name, char *text, size_t len, time_t when,
		    bool remove);
/* Add one event (taken) found in input @input. */
int lg_harvest_event(struct lg_harvest *h, size_t input, struct lg_event *ev,
		     time_t when);
/*
 * Whether @name is in the archive already.  A file there that is not
 * valid JSON is said to be corrupt, set aside as NAME.corrupt, and
 * counts as absent (its source is read again).
 */
bool lg_harvest_archived(const struct lg_harvest *h, const char *name);

/* The sources, each reading what it finds (missing places are no error). */
void lg_source_pstore(struct lg_harvest *h, const char *dir);
void lg_source_kdump(struct lg_harvest *h, const char *dir);
void lg_source_journal(struct lg_harvest *h, const char *dir);

/*
 * The same crash seen twice: same signature, within LG_DEDUP_WINDOW
 * seconds (or either time unknown), from two different sources.  The
 * first one keeps it; module events (@known, dated @known_when) come
 * first of all.  Sets dup_of and also.  @known_also[i] gets the sources
 * that saw module event i too (malloc'd or NULL).
 */
#define LG_DEDUP_WINDOW 600
void lg_source_dedup(struct lg_harvest *h, const struct lg_event *const *known,
		     size_t nknown, char **known_also);

/*
 * Archive every input that has events (pstore files always), then remove
 * the pstore files whose archive is on disk.  Returns the number of
 * inputs that could not be archived (they stay where they are).
 */
int lg_source_archive(struct lg_harvest *h);

/* Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ"; 0 otherwise. */
time_t lg_source_parse_time(const char *iso);

#endif /* LG_SOURCE_H */
