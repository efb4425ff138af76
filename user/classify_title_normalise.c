// SPDX-License-Identifier: GPL-2.0
/*
 * syzbot's title normalisation, as its dashboard titles show it: what differs
 * between two reports of one bug (executor numbers, addresses, IPs, line
 * numbers, offsets, CPU numbers, other numbers) becomes a fixed word, so
 * titles compare equal and can be searched for.  Applied until stable.
 */
#include <stdlib.h>
#include <string.h>
#include "classify_int.h"

#define TITLE_MAX 120

static const struct {
	const char *re, *with;
} rules[] = {
	{ "syz-executor\\.?[0-9]+", "syz-executor" },
	{ "([a-zA-Z0-9_.]+)\\+0x[0-9a-f]+/0x[0-9a-f]+", "$1" },
	{ "(\\.[a-zA-Z]+):[0-9]+", "$1:LINE" },
	{ "(^|[^a-zA-Z0-9])(?:[0-9]{1,3}\\.){3}[0-9]{1,3}(?![0-9])", "$1IP" },
	{ "([^a-zA-Z0-9])(?:0x)?[0-9a-f]{6,}", "$1ADDR" },
	{ "CPU#[0-9]+", "CPU" },
	{ "(?<![a-zA-Z0-9_])[0-9]+(?![a-zA-Z0-9_])", "NUM" },
	{ "[0-9]{5,}(?![a-zA-Z0-9_])", "NUM" },
};

#define NRULES (sizeof(rules) / sizeof(rules[0]))

static char *substitute(const pcre2_code *re, const char *in, const char *with)
{
	size_t cap = strlen(in) * 2 + 64;

	for (;;) {
		char *out = malloc(cap);
		PCRE2_SIZE outlen = cap;
		int rc;

		if (!out)
			abort();
		rc = pcre2_substitute(re, (PCRE2_SPTR)in, PCRE2_ZERO_TERMINATED, 0,
				      PCRE2_SUBSTITUTE_GLOBAL |
				      PCRE2_SUBSTITUTE_OVERFLOW_LENGTH,
				      NULL, NULL, (PCRE2_SPTR)with,
				      PCRE2_ZERO_TERMINATED, (PCRE2_UCHAR *)out,
				      &outlen);
		if (rc >= 0)
			return out;
		free(out);
		if (rc != PCRE2_ERROR_NOMEMORY)
			return strdup(in);
		cap = outlen + 1;
	}
}

/* Control bytes out, runs of spaces to one, no leading/trailing space. */
static void tidy(char *s)
{
	char *w = s;
	bool space = true;

	for (const char *r = s; *r; r++) {
		unsigned char c = (unsigned char)*r;

		if (c == '\t')
			c = ' ';
		if (c < 0x20 || c == 0x7f)
			continue;
		if (c == ' ' && space)
			continue;
		space = c == ' ';
		*w++ = (char)c;
	}
	while (w > s && w[-1] == ' ')
		w--;
	*w = 0;
}

char *lg_title_normalise(const char *title)
{
	static pcre2_code *re[NRULES];
	char *cur;

	if (!title)
		return NULL;
	if (!re[0])
		for (size_t i = 0; i < NRULES; i++)
			re[i] = lg_re_compile(rules[i].re);
	cur = strdup(title);
	if (!cur)
		abort();
	for (int round = 0; round < 8; round++) {
		char *before = strdup(cur);

		if (!before)
			abort();
		for (size_t i = 0; i < NRULES; i++) {
			char *next = substitute(re[i], cur, rules[i].with);

			free(cur);
			cur = next;
		}
		bool same = !strcmp(before, cur);

		free(before);
		if (same)
			break;
	}
	tidy(cur);
	if (strlen(cur) > TITLE_MAX) {
		cur[TITLE_MAX] = 0;
		tidy(cur);
	}
	return cur;
}
