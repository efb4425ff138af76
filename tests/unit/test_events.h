/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The events a parse of test text produced, for the unit tests that feed
 * the parser logs of their own: collect() is the parser's callback, the
 * first MAX_EV events are kept (the rest freed at once, so a flood stays
 * bounded), got_free() frees what was kept.
 */
#ifndef LG_TEST_EVENTS_H
#define LG_TEST_EVENTS_H

#include <stdlib.h>
#include "event.h"

#define MAX_EV 64

struct got {
	struct lg_event *ev[MAX_EV];
	size_t n;
};

static inline void collect(struct lg_event *ev, void *arg)
{
	struct got *g = arg;

	if (g->n < MAX_EV) {
		g->ev[g->n++] = ev;
		return;
	}
	lg_event_free(ev);
	free(ev);
}

static inline void got_free(struct got *g)
{
	for (size_t i = 0; i < g->n; i++) {
		lg_event_free(g->ev[i]);
		free(g->ev[i]);
	}
	g->n = 0;
}

#endif /* LG_TEST_EVENTS_H */
