// SPDX-License-Identifier: GPL-2.0
/*
 * Output-safe text (text_safe.h).  UTF-8 decoding is libunistring's
 * u8_mbtoucr(), which rejects overlong forms, surrogates and code points
 * above U+10FFFF as RFC 3629 requires.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include "text_safe.h"

#define MARKER_MAX 40

static size_t marker(char *buf, size_t cut)
{
	return (size_t)snprintf(buf, MARKER_MAX, "[... %zu bytes cut]", cut);
}

char *lg_text_safe(const char *s, size_t len, size_t max)
{
	size_t keep = max && len > max ? max : len;
	/* Worst case: every byte escaped as four characters. */
	char *out = malloc(4 * keep + MARKER_MAX + 1), *o = out;
	const uint8_t *p = (const uint8_t *)s, *e = p + len;

	if (!out)
		return NULL;
	while (p < e) {
		ucs4_t uc;
		int n = u8_mbtoucr(&uc, p, (size_t)(e - p));

		if ((size_t)(o - out) >= keep && max && keep < len) {
			o += marker(o, (size_t)(e - p));
			break;
		}
		if (n > 0 && uc != 0) {
			memcpy(o, p, (size_t)n);
			o += n;
			p += n;
		} else if (n > 0) {
			memcpy(o, "\\0", 2);
			o += 2;
			p++;
		} else {
			o += sprintf(o, "\\x%02x", *p);
			p++;
		}
	}
	*o = '\0';
	return out;
}

void lg_field_safe(char **s, size_t max)
{
	const unsigned char *p;
	char *safe;

	if (!*s)
		return;
	/* Fast path: short ASCII needs nothing. */
	for (p = (const unsigned char *)*s; *p && *p < 0x80; p++)
		;
	if (!*p && (size_t)(p - (const unsigned char *)*s) <= max)
		return;
	safe = lg_text_safe(*s, strlen(*s), max);
	if (!safe)
		return;
	free(*s);
	*s = safe;
}
