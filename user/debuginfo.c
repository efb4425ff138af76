// SPDX-License-Identifier: GPL-2.0
/*
 * `--debuginfo`: source lines for every frame of an event.  Each binary (the
 * kernel of a release, or one module of it) is looked for once per run and
 * kept open; when none serves, or one turns out to be of another build, one
 * line on stderr says why and that binary's frames stay unresolved, the
 * rest of the report unchanged.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "debuginfo.h"

#define MAX_BINARIES 256

struct binary {
	char *module;		/* NULL: the kernel */
	char *rel;
	struct lg_dbgfile *file;	/* NULL: none serves */
	char *path;
	bool failed;		/* no file, or found to be of another build */
};

struct lg_debuginfo {
	struct lg_debuginfo_opts opts;
	FILE *msgs;
	struct binary bins[MAX_BINARIES];
	size_t n;
	bool debuginfod_down;	/* it failed once: do not wait again */
};

struct attempt {
	const char *build_id;
	struct lg_dbgfile *file;
	char *path;
	char why[512];		/* the last rejection: "PATH: reason" */
	int rejected;
};

struct lg_debuginfo *lg_debuginfo_new(const struct lg_debuginfo_opts *opts,
				      FILE *msgs)
{
	struct lg_debuginfo *di = calloc(1, sizeof(*di));

	if (di) {
		di->opts = *opts;
		di->msgs = msgs;
	}
	return di;
}

void lg_debuginfo_free(struct lg_debuginfo *di)
{
	if (!di)
		return;
	for (size_t i = 0; i < di->n; i++) {
		free(di->bins[i].module);
		free(di->bins[i].rel);
		free(di->bins[i].path);
		lg_dbgfile_close(di->bins[i].file);
	}
	free(di);
}

static bool try_file(const char *path, void *arg)
{
	struct attempt *a = arg;
	char buf[400];
	const char *why;

	if (access(path, F_OK) != 0)
		return false;	/* not there: not a rejection */
	a->file = lg_dbgfile_open(path, a->build_id, &why, buf, sizeof(buf));
	if (a->file) {
		a->path = strdup(path);
		return true;
	}
	snprintf(a->why, sizeof(a->why), "%s: %s", path, why);
	a->rejected++;
	return false;
}

static const char *name_of(const struct binary *b)
{
	return b->module ? b->module : "the kernel";
}

static void say_none(struct lg_debuginfo *di, const struct binary *b,
		     const struct attempt *a, const char *build_id)
{
	fprintf(di->msgs, "lastgasp: no source lines for %s (%s): ", name_of(b),
		b->rel ? b->rel : "release unknown");
	if (a->rejected > 1)
		fprintf(di->msgs, "%s (and %d other unusable files)\n", a->why,
			a->rejected - 1);
	else if (a->rejected)
		fprintf(di->msgs, "%s\n", a->why);
	else
		fprintf(di->msgs, "no debug file found%s\n",
			build_id ? "" : " (and no build id to ask debuginfod with)");
}

static void fetch(struct lg_debuginfo *di, struct attempt *a)
{
	const char *why;
	char *path;
	int err;

	if (di->debuginfod_down || !a->build_id ||
	    !lg_debuginfo_wants_debuginfod(&di->opts))
		return;
	err = lg_debuginfod_fetch(a->build_id, &path, &why);
	if (err) {
		snprintf(a->why, sizeof(a->why), "%s", why);
		a->rejected = 1;
		/* A missing file is news about one binary, the rest about the server. */
		di->debuginfod_down = err != -ENOENT;
		return;
	}
	if (!try_file(path, a))
		a->rejected = a->rejected ? a->rejected : 1;
	free(path);
}

static bool same_name(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	for (; *a && *b; a++, b++)
		if ((*a == '-' ? '_' : *a) != (*b == '-' ? '_' : *b))
			return false;
	return *a == *b;
}

static bool same_rel(const char *a, const char *b)
{
	return a && b ? !strcmp(a, b) : a == b;
}

static struct binary *binary(struct lg_debuginfo *di, const char *module,
			     const char *rel, const char *build_id)
{
	struct attempt a = { .build_id = build_id };
	struct binary *b;

	for (size_t i = 0; i < di->n; i++)
		if (same_name(di->bins[i].module, module) &&
		    same_rel(di->bins[i].rel, rel))
			return &di->bins[i];
	if (di->n == MAX_BINARIES)
		return NULL;
	b = &di->bins[di->n++];
	b->module = module ? strdup(module) : NULL;
	b->rel = rel ? strdup(rel) : NULL;
	if (!lg_debuginfo_find(&di->opts, module, rel, build_id, try_file, &a))
		fetch(di, &a);
	b->file = a.file;
	b->path = a.path;
	b->failed = !a.file;
	if (b->failed)
		say_none(di, b, &a, build_id);
	return b;
}

static const char *module_build_id(const struct lg_event *ev, const char *mod)
{
	if (!mod)
		return ev->kernel_build_id;
	for (size_t i = 0; i < ev->nbuild_ids; i++)
		if (same_name(ev->build_ids[i].module, mod))
			return ev->build_ids[i].hex;
	return NULL;
}

/* Resolve @f; returns its binary (to drop its lines if it proves wrong). */
static struct binary *resolve_frame(struct lg_debuginfo *di,
				    const struct lg_event *ev,
				    struct lg_frame *f, bool return_address)
{
	struct binary *b;
	uint64_t symsize;

	if (!f->function || f->source)
		return NULL;
	b = binary(di, f->module, ev->kernel_release,
		   module_build_id(ev, f->module));
	if (!b || b->failed)
		return b;
	if (lg_dbgfile_lookup(b->file, f->function, f->offset, f->size,
			      return_address, &f->source, &symsize) ==
	    LG_LOOKUP_SIZE_MISMATCH) {
		fprintf(di->msgs,
			"lastgasp: no source lines for %s (%s): %s: it is of another build (%s+0x%llx/0x%llx does not fit its %s of 0x%llx bytes)\n",
			name_of(b), b->rel ? b->rel : "release unknown",
			b->path, f->function, (unsigned long long)f->offset,
			(unsigned long long)f->size, f->function,
			(unsigned long long)symsize);
		b->failed = true;
	}
	return b;
}

void lg_debuginfo_resolve(struct lg_debuginfo *di, struct lg_event *ev)
{
	struct binary *rip = NULL, **trace;

	trace = calloc(ev->ntrace ? ev->ntrace : 1, sizeof(*trace));
	if (!trace)
		return;
	if (ev->has_rip && !ev->rip_user)
		rip = resolve_frame(di, ev, &ev->rip, false);
	for (size_t i = 0; i < ev->ntrace; i++)
		trace[i] = resolve_frame(di, ev, &ev->trace[i], true);
	/* A binary that proved to be of another build gives no line at all. */
	if (rip && rip->failed) {
		lg_source_free(ev->rip.source);
		ev->rip.source = NULL;
	}
	for (size_t i = 0; i < ev->ntrace; i++)
		if (trace[i] && trace[i]->failed) {
			lg_source_free(ev->trace[i].source);
			ev->trace[i].source = NULL;
		}
	free(trace);
}
