// SPDX-License-Identifier: GPL-2.0
/*
 * kdump's output: the crashed kernel's log that makedumpfile extracted,
 * /var/crash/DIR/vmcore-dmesg.txt (RHEL family, kexec-tools) or
 * /var/crash/STAMP/dmesg.STAMP (Debian and Ubuntu, kdump-tools).  The
 * files belong to kdump (they sit next to the vmcore): they are archived
 * once and never removed; the archive says they were seen.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "source.h"
#include "source_read.h"

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static bool is_log(const char *name)
{
	return !strcmp(name, "vmcore-dmesg.txt") || !strncmp(name, "dmesg.", 6);
}

static void one(struct lg_harvest *h, const char *sub, const char *file)
{
	char *name = NULL, *text, *base = strrchr(sub, '/');
	struct stat st;
	size_t len;

	if (stat(file, &st) < 0 || !S_ISREG(st.st_mode))
		return;
	if (asprintf(&name, "kdump-%s-%s.json", base ? base + 1 : sub,
		     strrchr(file, '/') + 1) < 0)
		return;
	/* kexec-tools names directories "127.0.0.1-2026-12-06-18:13:07". */
	for (char *p = name; *p; p++)
		if (*p == ':' || *p == '/')
			*p = '-';
	if (lg_harvest_archived(h, name)) {
		free(name);
		return;
	}
	text = lg_source_read(file, &len);
	if (!text) {
		h->errors++;
	} else if (lg_harvest_add(h, LG_SOURCE_KDUMP, file, name, text, len,
				  st.st_mtime, false) < 0) {
		h->errors++;
	}
	free(name);
}

static void scan(struct lg_harvest *h, const char *sub)
{
	struct dirent **list;
	char *file;
	int n = scandir(sub, &list, NULL, by_name);

	if (n < 0)
		return;
	for (int i = 0; i < n; i++) {
		if (is_log(list[i]->d_name) &&
		    asprintf(&file, "%s/%s", sub, list[i]->d_name) >= 0) {
			one(h, sub, file);
			free(file);
		}
		free(list[i]);
	}
	free(list);
}

void lg_source_kdump(struct lg_harvest *h, const char *dir)
{
	struct dirent **list;
	char *sub;
	int n = scandir(dir, &list, NULL, by_name);

	if (n < 0)
		return;
	for (int i = 0; i < n; i++) {
		if (list[i]->d_name[0] != '.' &&
		    asprintf(&sub, "%s/%s", dir, list[i]->d_name) >= 0) {
			scan(h, sub);
			free(sub);
		}
		free(list[i]);
	}
	free(list);
}
