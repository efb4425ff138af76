/* SPDX-License-Identifier: GPL-2.0 */
/* Build an event from report text, as the parser would, for classifier tests. */
#ifndef TEST_CLASSIFY_HELPERS_H
#define TEST_CLASSIFY_HELPERS_H

#include <stdlib.h>
#include <string.h>
#include "classify.h"
#include "event.h"

/* @text: lines separated by '\n', transport prefixes already stripped. */
static inline struct lg_event *event_from_text(const char *text)
{
	struct lg_event *ev = calloc(1, sizeof(*ev));
	const char *p = text;

	lg_event_init(ev);
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		ev->lines = realloc(ev->lines, (ev->nlines + 1) * sizeof(*ev->lines));
		ev->lines[ev->nlines].line = strndup(p, len);
		ev->lines[ev->nlines].lineno = ev->nlines + 1;
		ev->nlines++;
		p = e ? e + 1 : p + len;
	}
	return ev;
}

static inline void event_put(struct lg_event *ev)
{
	lg_event_free(ev);
	free(ev);
}

#endif /* TEST_CLASSIFY_HELPERS_H */
