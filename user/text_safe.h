/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Text from logs and records is untrusted: it may hold NUL bytes, bytes
 * that are not UTF-8, and fields of megabytes.  What the reporter prints
 * (text and JSON) goes through these, so that output is always valid
 * UTF-8, NUL bytes are visible and a field has a bounded size.
 */
#ifndef LG_TEXT_SAFE_H
#define LG_TEXT_SAFE_H

#include <stddef.h>

/* Longest event field (title, function, comm, ...) kept, in bytes. */
#define LG_FIELD_MAX 512
/* Longest log line or rule text printed, in bytes. */
#define LG_TEXT_MAX 16384

/*
 * A malloc'd copy of @s (@len bytes) that is valid UTF-8: each byte that
 * does not start a valid UTF-8 sequence becomes the four characters
 * "\xNN", a NUL becomes "\0".  With @max > 0 the copy holds at most about
 * @max bytes of text, cut at a character boundary, followed by a marker
 * "[... N bytes cut]".  NULL only on allocation failure.
 */
char *lg_text_safe(const char *s, size_t len, size_t max);

/*
 * Replace the malloc'd string *@s by lg_text_safe(*@s, ..., @max) when it
 * is not already short ASCII: valid UTF-8, cut with the marker.
 */
void lg_field_safe(char **s, size_t max);

#endif /* LG_TEXT_SAFE_H */
