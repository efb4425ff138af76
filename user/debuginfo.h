/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Source lines for the frames of an event (`--debuginfo`): each frame's
 * function+offset is looked up in the debug info of the kernel or module
 * it belongs to (elfutils' libdwfl), which gives file:line and the chain of
 * inlined callers.  Symbol + offset, never the address, so KASLR and module
 * load addresses do not matter.  A frame whose binary cannot be found, has
 * no DWARF, or is of another build than the crashed one stays unresolved
 * (source NULL): never a wrong line.
 */
#ifndef LG_DEBUGINFO_H
#define LG_DEBUGINFO_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include "event.h"

/* Seconds libdebuginfod may wait for a server, unless DEBUGINFOD_TIMEOUT says. */
#define LG_DEBUGINFOD_TIMEOUT 10
/* Seconds one download may take in all, unless DEBUGINFOD_MAXTIME says. */
#define LG_DEBUGINFOD_MAXTIME 120

struct lg_debuginfo_opts {
	const char *dir;	/* --debuginfo DIR, searched first; or NULL */
	bool debuginfod;	/* ask debuginfod (also when DEBUGINFOD_URLS is set) */
	const char *root;	/* prefix of /usr/lib/debug, /lib/modules; NULL = "" */
};

struct lg_debuginfo;

/* Problems (one line per binary) go to @msgs. */
struct lg_debuginfo *lg_debuginfo_new(const struct lg_debuginfo_opts *opts,
				      FILE *msgs);
/* Fill rip.source and trace[].source of @ev where the debug info allows. */
void lg_debuginfo_resolve(struct lg_debuginfo *di, struct lg_event *ev);
void lg_debuginfo_free(struct lg_debuginfo *di);

/* debuginfo_dwfl.c: one opened binary (a vmlinux or a .ko, with DWARF). */
struct lg_dbgfile;

/*
 * Open @path; NULL with @why (a sentence, static or in @whybuf) when it
 * cannot serve: unreadable, no DWARF (stripped), or a build id other than
 * @build_id (hex; NULL = unknown, not checked).
 */
struct lg_dbgfile *lg_dbgfile_open(const char *path, const char *build_id,
				   const char **why, char *whybuf,
				   size_t whylen);
void lg_dbgfile_close(struct lg_dbgfile *f);

enum lg_lookup {
	LG_LOOKUP_OK,
	LG_LOOKUP_NO_SYMBOL,	/* no (single) function of that name */
	LG_LOOKUP_SIZE_MISMATCH, /* the function has another size: other build */
	LG_LOOKUP_NO_LINE,	/* the address has no line information */
};

/*
 * Source of @function+@offset (+@size when known, 0 otherwise: checked
 * against the symbol).  @return_address: the frame is a return address, so
 * the line of the call (the byte before) is wanted.  *@symsize gets the
 * symbol's size for messages.
 */
enum lg_lookup lg_dbgfile_lookup(struct lg_dbgfile *f, const char *function,
				 uint64_t offset, uint64_t size,
				 bool return_address, struct lg_source **out,
				 uint64_t *symsize);

/* debuginfo_find.c: candidate files, in the order of lastgasp(8). */
typedef bool (*lg_dbg_try_fn)(const char *path, void *arg);

/*
 * Call @try on each candidate debug file of @module (NULL: the kernel) of
 * release @rel (may be NULL) with build id @build_id (may be NULL) until it
 * returns true.  Returns whether one did.
 */
bool lg_debuginfo_find(const struct lg_debuginfo_opts *opts,
		       const char *module, const char *rel,
		       const char *build_id, lg_dbg_try_fn try, void *arg);

/* Whether debuginfod may be asked: opts->debuginfod or DEBUGINFOD_URLS set. */
bool lg_debuginfo_wants_debuginfod(const struct lg_debuginfo_opts *opts);

/*
 * debuginfo_fetch.c: the debug file of @build_id from debuginfod, into
 * *@path (malloc'd).  0, or -errno with @why set.
 */
int lg_debuginfod_fetch(const char *build_id, char **path, const char **why);

/*
 * debuginfo_cli.c: the options of report and analyze, parsed by lg_cli as
 * its "more" options: .more = lg_debuginfo_options, .more_fn =
 * lg_debuginfo_option, .more_ctx = a struct lg_debuginfo_cli.
 */
#define LG_OPT_DEBUGINFO 0x100
#define LG_OPT_DEBUGINFOD 0x101
#define LG_DEBUGINFO_HELP \
	"      --debuginfo[=DIR]  add source lines (file:line, inlined callers)\n" \
	"                         to every frame; DIR is searched first\n" \
	"      --debuginfod       also ask debuginfod (DEBUGINFOD_URLS) by build id\n"

struct lg_debuginfo_cli {
	struct lg_debuginfo_opts opts;
	bool on;		/* either option given */
};

extern const struct option lg_debuginfo_options[];
void lg_debuginfo_option(int key, int argc, char **argv, void *ctx);
/* A resolver for the options given, or NULL when none asked for one. */
struct lg_debuginfo *lg_debuginfo_run(const struct lg_debuginfo_cli *c);

#endif /* LG_DEBUGINFO_H */
