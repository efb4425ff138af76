// SPDX-License-Identifier: GPL-2.0
/*
 * Where debug files come from, in the order lastgasp(8) gives: the
 * --debuginfo directory; the distribution's debug files for the release
 * (/usr/lib/debug: boot/vmlinux-REL, lib/modules/REL, .build-id); the
 * module's own .ko under /lib/modules/REL (DKMS builds keep their DWARF);
 * debuginfod by build id.  Each candidate is offered to the caller, which
 * checks it (DWARF present, build id equal) and says whether it serves.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "debuginfo.h"

#define MAX_DEPTH 8

struct search {
	const char *module;
	lg_dbg_try_fn try;
	void *arg;
};

static bool try_path(struct search *s, const char *fmt, const char *a,
		     const char *b, const char *c)
{
	char path[4096];

	if (snprintf(path, sizeof(path), fmt, a, b, c) >= (int)sizeof(path))
		return false;
	return s->try(path, s->arg);
}

/* "foo-bar.ko", "foo_bar.ko.debug", "foo_bar.ko.xz" name module foo_bar. */
static bool names_module(const char *file, const char *module)
{
	static const char *const ext[] = {
		".ko", ".ko.debug", ".ko.xz", ".ko.gz", ".ko.zst",
	};
	size_t n = strlen(module);

	for (size_t i = 0; i < n; i++) {
		char a = file[i] == '-' ? '_' : file[i];
		char b = module[i] == '-' ? '_' : module[i];

		if (!file[i] || a != b)
			return false;
	}
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (!strcmp(file + n, ext[i]))
			return true;
	return false;
}

static bool walk(struct search *s, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool found = false;

	if (!d)
		return false;
	while (!found && (e = readdir(d))) {
		char path[4096];

		if (e->d_name[0] == '.' && strcmp(e->d_name, ".build-id"))
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >=
		    (int)sizeof(path))
			continue;
		if (e->d_type == DT_DIR) {
			if (depth < MAX_DEPTH && strcmp(e->d_name, ".build-id"))
				found = walk(s, path, depth + 1);
		} else if (names_module(e->d_name, s->module)) {
			found = s->try(path, s->arg);
		}
	}
	closedir(d);
	return found;
}

static bool build_id_tree(struct search *s, const char *top,
			  const char *build_id)
{
	char head[3];

	if (!build_id || strlen(build_id) < 4)
		return false;
	memcpy(head, build_id, 2);
	head[2] = '\0';
	return try_path(s, "%s/.build-id/%s/%s.debug", top, head, build_id + 2);
}

static bool kernel_in(struct search *s, const char *top, const char *rel)
{
	if (rel && (try_path(s, "%s/vmlinux-%s%s", top, rel, "") ||
		    try_path(s, "%s/boot/vmlinux-%s%s", top, rel, "") ||
		    try_path(s, "%s/lib/modules/%s/vmlinux%s", top, rel, "")))
		return true;
	return try_path(s, "%s/vmlinux%s%s", top, "", "");
}

static bool in_dir(struct search *s, const char *dir, const char *rel,
		   const char *build_id)
{
	if (build_id_tree(s, dir, build_id))
		return true;
	return s->module ? walk(s, dir, 0) : kernel_in(s, dir, rel);
}

static bool distro_debug(struct search *s, const char *root, const char *rel,
			 const char *build_id)
{
	char top[4096];

	snprintf(top, sizeof(top), "%s/usr/lib/debug", root);
	if (build_id_tree(s, top, build_id))
		return true;
	if (!rel)
		return false;
	if (!s->module)
		return try_path(s, "%s/boot/vmlinux-%s%s", top, rel, "") ||
		       try_path(s, "%s/lib/modules/%s/vmlinux%s", top, rel, "");
	snprintf(top, sizeof(top), "%s/usr/lib/debug/lib/modules/%s", root, rel);
	return walk(s, top, 0);
}

static bool installed_module(struct search *s, const char *root,
			     const char *rel)
{
	char top[4096];

	if (!s->module || !rel)
		return false;
	snprintf(top, sizeof(top), "%s/lib/modules/%s", root, rel);
	return walk(s, top, 0);
}

static bool wants_debuginfod(const struct lg_debuginfo_opts *opts)
{
	const char *urls = getenv("DEBUGINFOD_URLS");

	return opts->debuginfod || (urls && *urls);
}

bool lg_debuginfo_find(const struct lg_debuginfo_opts *opts,
		       const char *module, const char *rel,
		       const char *build_id, lg_dbg_try_fn try, void *arg)
{
	struct search s = { module, try, arg };
	const char *root = opts->root ? opts->root : "";

	if (rel && (strchr(rel, '/') || !strcmp(rel, "..")))
		rel = NULL;	/* from a crash record: never a path */
	if (opts->dir && in_dir(&s, opts->dir, rel, build_id))
		return true;
	if (distro_debug(&s, root, rel, build_id) ||
	    installed_module(&s, root, rel))
		return true;
	return false;
}

bool lg_debuginfo_wants_debuginfod(const struct lg_debuginfo_opts *opts)
{
	return wants_debuginfod(opts);
}
