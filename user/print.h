/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One report format for every source: the text a person reads and the JSON
 * a fleet aggregates, both from struct lg_event.
 */
#ifndef LG_PRINT_H
#define LG_PRINT_H

#include <stdio.h>
#include <json-c/json.h>
#include "event.h"

#define LG_JSON_VERSION 1

/* Said of a record whose kernel could not save its log (before 5.13). */
#define LG_NO_LOG_SENTENCE \
	"not saved: this kernel (before 5.13) cannot read its log where this event was caught"

void lg_print_event_text(FILE *out, const struct lg_event *ev);
/* EVENT object of the JSON contract (README). */
struct json_object *lg_event_to_json(const struct lg_event *ev);

#endif /* LG_PRINT_H */
