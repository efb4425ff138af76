// SPDX-License-Identifier: GPL-2.0
/*
 * pstore: the kernel's own crash dumps (ramoops, EFI variables), mounted at
 * /sys/fs/pstore.  Its back ends have few slots, so, as systemd-pstore
 * does, a file is removed once it is safely archived: the next crash then
 * has room.  A file that cannot be read is left where it is.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "source.h"
#include "source_read.h"

/* Kernel log dumps; console-ramoops, ftrace-ramoops, ... are not crashes. */
static bool is_dump(const char *name)
{
	static const char *const prefixes[] = {
		"dmesg-ramoops-", "dmesg-efi-", "dmesg-efi_pstore-",
	};

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int dump_only(const struct dirent *e)
{
	return is_dump(e->d_name);
}

/*
 * The archive name carries the file's time: ramoops reuses its names
 * (dmesg-ramoops-0) for every crash.
 */
static void one(struct lg_harvest *h, const char *dir, const char *file)
{
	char *path = NULL, *name = NULL, *text;
	struct stat st;
	size_t len;

	if (asprintf(&path, "%s/%s", dir, file) < 0)
		return;
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		goto out;
	if (asprintf(&name, "pstore-%s-%lld.json", file, (long long)st.st_mtime) < 0)
		goto out;
	if (lg_harvest_archived(h, name)) {
		/* Archived by an earlier run that could not (or, with --keep,
		 * would not) remove it. */
		if (!h->keep && unlink(path) < 0)
			fprintf(stderr, "lastgasp: %s is archived but cannot be removed: %m\n",
				path);
		goto out;
	}
	text = lg_source_read(path, &len);
	if (!text) {
		fprintf(stderr, "lastgasp: %s is left in place\n", path);
		h->errors++;
		goto out;
	}
	if (lg_harvest_add(h, LG_SOURCE_PSTORE, path, name, text, len,
			   st.st_mtime, !h->keep) < 0)
		h->errors++;
out:
	free(name);
	free(path);
}

void lg_source_pstore(struct lg_harvest *h, const char *dir)
{
	struct dirent **list;
	int n = scandir(dir, &list, dump_only, by_name);

	if (n < 0)
		return;		/* no pstore here: nothing to say */
	for (int i = 0; i < n; i++) {
		one(h, dir, list[i]->d_name);
		free(list[i]);
	}
	free(list);
}
