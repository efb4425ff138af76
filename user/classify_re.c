// SPDX-License-Identifier: GPL-2.0
/*
 * PCRE2 helpers for the classifier: placeholder expansion so the rule tables
 * stay readable, JIT when available, and a match call that never allocates
 * per line beyond PCRE2's match data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "classify_int.h"

static const struct {
	const char *name, *text;
} placeholders[] = {
	{ "{{ADDR}}", "0x[0-9a-f]+" },
	{ "{{PC}}", "\\[\\<?(?:0x)?[0-9a-f]+\\>?\\]" },
	{ "{{FUNC}}", "([a-zA-Z0-9_]+)(?:\\.|\\+)" },
	{ "{{SRC}}", "([a-zA-Z0-9\\-_/.+]+\\.[a-z]+:[0-9]+)" },
};

static char *expand(const char *pattern)
{
	size_t cap = strlen(pattern) * 4 + 64, n = 0;
	char *out = malloc(cap);

	if (!out)
		abort();
	while (*pattern) {
		size_t i, len = 0;
		const char *text = NULL;

		for (i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++) {
			len = strlen(placeholders[i].name);
			if (strncmp(pattern, placeholders[i].name, len) == 0) {
				text = placeholders[i].text;
				break;
			}
		}
		if (!text) {
			text = pattern;
			len = 1;
		}
		size_t tlen = text == pattern ? 1 : strlen(text);

		if (n + tlen + 1 > cap) {
			cap = (n + tlen + 1) * 2;
			out = realloc(out, cap);
			if (!out)
				abort();
		}
		memcpy(out + n, text, tlen);
		n += tlen;
		pattern += len;
	}
	out[n] = 0;
	return out;
}

pcre2_code *lg_re_compile(const char *pattern)
{
	char *p = expand(pattern);
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)p, PCRE2_ZERO_TERMINATED, 0,
				       &err, &off, NULL);

	if (!re) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(err, msg, sizeof(msg));
		fprintf(stderr, "lastgasp: bad built-in pattern %s at %zu: %s\n",
			p, (size_t)off, (char *)msg);
		abort();
	}
	free(p);
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back silently */
	return re;
}

int lg_re_match(const pcre2_code *re, const char *s, size_t len,
		size_t *ovec, int nvec)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	int rc, i;

	if (!md)
		return 0;
	rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, md, NULL);
	if (rc <= 0) {
		pcre2_match_data_free(md);
		return 0;
	}
	PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);
	int pairs = (int)pcre2_get_ovector_count(md);

	if (pairs > nvec)
		pairs = nvec;
	for (i = 0; i < pairs; i++) {
		ovec[2 * i] = v[2 * i];
		ovec[2 * i + 1] = v[2 * i + 1];
		if (i >= rc) /* groups beyond the last set one did not take part */
			ovec[2 * i] = ovec[2 * i + 1] = PCRE2_UNSET;
	}
	pcre2_match_data_free(md);
	return pairs;
}

bool lg_re_search(const pcre2_code *re, const char *s, size_t len)
{
	size_t ov[2];

	return lg_re_match(re, s, len, ov, 1) > 0;
}
