/* SPDX-License-Identifier: GPL-2.0 */
/* Reading a source file whole, bounded, for the log sources. */
#ifndef LG_SOURCE_READ_H
#define LG_SOURCE_READ_H

#include <stddef.h>

/* Larger files are cut here (their start kept): a dump is far smaller. */
#define LG_SOURCE_MAX (16u << 20)

/*
 * Read @path (at most LG_SOURCE_MAX bytes) into a malloc'd, NUL-terminated
 * buffer; a name ending in ".enc.z" (pstore could not decompress it) is
 * inflated.  NULL after saying why on stderr.
 */
char *lg_source_read(const char *path, size_t *len);

#endif /* LG_SOURCE_READ_H */
