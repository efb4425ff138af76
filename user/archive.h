/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The archive of module records: one JSON file per record, written before
 * the record is cleared from the module, so a crash report is never lost.
 */
#ifndef LG_ARCHIVE_H
#define LG_ARCHIVE_H

#include <json-c/json.h>

#define LG_ARCHIVE_DIR "/var/lib/lastgasp"

/*
 * Write @obj to @dir/@name atomically (temporary file, fsync, rename, fsync
 * of the directory), creating @dir and its parents when missing.  Returns 0,
 * or a negative errno after printing why on stderr.
 */
int lg_archive_write(const char *dir, const char *name,
		     struct json_object *obj);

/* "BOOTID-SEQ.json" (boot id "unknown" when absent); malloc'd. */
char *lg_archive_name(const char *boot_id, unsigned long long seq);

#endif /* LG_ARCHIVE_H */
