/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The archive of module records: one JSON file per record, written before
 * the record is cleared from the module, so a crash report is never lost.
 */
#ifndef LG_ARCHIVE_H
#define LG_ARCHIVE_H

#include <stddef.h>
#include <sys/types.h>
#include <json-c/json.h>

#define LG_ARCHIVE_DIR "/var/lib/lastgasp"

/*
 * Write @obj to @dir/@name atomically (temporary file, fsync, rename, fsync
 * of the directory), creating @dir and its parents when missing.  Returns 0,
 * or a negative errno after printing why on stderr.
 */
int lg_archive_write(const char *dir, const char *name,
		     struct json_object *obj);

/*
 * Replace @dir/@name with @len bytes of @text atomically and durably: a
 * temporary ".@name.XXXXXX" in @dir with @mode, fsync, rename, fsync of
 * @dir.  Returns 0 or a negative errno; prints nothing.
 */
int lg_file_replace(const char *dir, const char *name, const char *text,
		    size_t len, mode_t mode);

/* "BOOTID-SEQ.json" (boot id "unknown" when absent); malloc'd. */
char *lg_archive_name(const char *boot_id, unsigned long long seq);

#endif /* LG_ARCHIVE_H */
