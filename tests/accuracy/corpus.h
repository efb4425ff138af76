/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Accuracy of the log parser on the shared corpus of other projects'
 * annotated crash logs: one checker per source, each comparing the events
 * we extract with the facts the source's own test suite asserts.
 */
#ifndef LG_CORPUS_H
#define LG_CORPUS_H

#include <stdbool.h>
#include <stddef.h>
#include <json-c/json.h>
#include "event.h"

struct corpus_events {
	struct lg_event **ev;
	size_t n;
};

struct corpus_score {
	const char *log;	/* the log being checked, for messages */
	size_t right, total;
	bool verbose;
};

/* Record one fact; prints the mismatch in verbose mode. */
void corpus_fact(struct corpus_score *s, const char *fact, bool ok,
		 const char *want, const char *got);
void corpus_fact_str(struct corpus_score *s, const char *fact,
		     const char *want, const char *got);
void corpus_fact_int(struct corpus_score *s, const char *fact, long want,
		     long got);

/* Helpers over events. */
bool corpus_event_has_line(const struct lg_event *ev, const char *needle);
/* "func" or "? func" ("" for an address-only frame) into a static buffer. */
const char *corpus_frame_name(const struct lg_frame *f);

/* Per-source checkers (corpus_sources.c); @a is the "annotations" object. */
void corpus_check_satyr(struct corpus_score *s, json_object *a,
			const struct corpus_events *e);
void corpus_check_abrt(struct corpus_score *s, json_object *a,
		       const struct corpus_events *e);
void corpus_check_telemetrics(struct corpus_score *s, json_object *a,
			      const struct corpus_events *e);
void corpus_check_logspec(struct corpus_score *s, json_object *a,
			  const struct corpus_events *e);
void corpus_check_squad(struct corpus_score *s, json_object *a,
			const struct corpus_events *e);

#endif /* LG_CORPUS_H */
