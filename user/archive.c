// SPDX-License-Identifier: GPL-2.0
/*
 * Atomic archive files.  A record is cleared from the module only after its
 * file is durably on disk: written to a temporary name, fsync'd, renamed
 * into place and the directory fsync'd, so a crash during `report` leaves
 * either the old state or the complete file, never half of one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "archive.h"

/* mkdir -p: the initramfs of the VM tests has no /var/lib. */
static int make_dirs(const char *dir)
{
	char *path = strdup(dir);
	int err = 0;

	if (!path)
		return -ENOMEM;
	for (char *p = path + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			err = -errno;
			break;
		}
		*p = c;
		if (!c)
			break;
	}
	free(path);
	return err;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int err = 0;

	if (fd < 0)
		return -errno;
	if (fsync(fd) < 0)
		err = -errno;
	close(fd);
	return err;
}

int lg_file_replace(const char *dir, const char *name, const char *text,
		    size_t len, mode_t mode)
{
	char *tmp = NULL, *dst = NULL;
	int fd = -1, err = 0;

	if (asprintf(&tmp, "%s/.%s.XXXXXX", dir, name) < 0 ||
	    asprintf(&dst, "%s/%s", dir, name) < 0)
		err = -ENOMEM;
	if (!err) {
		fd = mkstemp(tmp);
		if (fd < 0)
			err = -errno;
	}
	if (!err && fchmod(fd, mode) < 0)
		err = -errno;
	if (!err)
		err = write_all(fd, text, len);
	if (!err && fsync(fd) < 0)
		err = -errno;
	if (fd >= 0 && close(fd) < 0 && !err)
		err = -errno;
	if (!err && rename(tmp, dst) < 0)
		err = -errno;
	if (!err)
		err = sync_dir(dir);
	if (err && fd >= 0)
		unlink(tmp);
	free(tmp);
	free(dst);
	return err;
}

int lg_archive_write(const char *dir, const char *name,
		     struct json_object *obj)
{
	const char *json;
	char *text = NULL;
	int len = -1, err;

	json = json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY |
					      JSON_C_TO_STRING_NOSLASHESCAPE);
	err = make_dirs(dir);
	if (!err) {
		len = asprintf(&text, "%s\n", json);
		err = len < 0 ? -ENOMEM :
		      lg_file_replace(dir, name, text, (size_t)len, 0600);
	}
	if (err)
		fprintf(stderr, "lastgasp: cannot archive to %s/%s: %s\n", dir,
			name, strerror(-err));
	if (len >= 0)
		free(text);
	return err;
}

char *lg_archive_name(const char *boot_id, unsigned long long seq)
{
	char *name;

	if (asprintf(&name, "%s-%llu.json", boot_id && *boot_id ? boot_id :
		     "unknown", seq) < 0)
		return NULL;
	return name;
}
