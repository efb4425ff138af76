/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every fuzz target checks besides the sanitizers: the reporter's
 * output is the contract, so each event is printed as text and as JSON,
 * and the JSON must be valid UTF-8 that a strict JSON parser accepts
 * (no inf, no nan, no raw bytes).  A violation aborts: libFuzzer keeps
 * the input as a crash.
 */
#ifndef LG_FUZZ_COMMON_H
#define LG_FUZZ_COMMON_H

#include <stdio.h>
#include <json-c/json.h>
#include "event.h"

/* /dev/null as a FILE, for the text printer and rule diagnostics. */
FILE *lg_fuzz_null(void);
/* Serialise @o, check it as said above, release it. */
void lg_fuzz_check_json(struct json_object *o);
/* Text and JSON of @ev, both checked. */
void lg_fuzz_print_event(const struct lg_event *ev);
/* The shipped cause database (user/causes), loaded once. */
const struct lg_causedb *lg_fuzz_shipped_db(void);

#endif /* LG_FUZZ_COMMON_H */
