/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a report is: the lines that open a kernel report ("triggers"), the
 * class and fatality of a finished event, its syzbot-style title, its guilty
 * frame and its signature.  The parser (parse_*.c) uses the triggers to cut
 * the log into events, fills lines/RIP/trace/modules/..., then calls
 * lg_classify_event().
 */
#ifndef LG_CLASSIFY_H
#define LG_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>
#include "event.h"

struct lg_trigger;

/*
 * The trigger that @line (transport prefix already stripped) opens, or NULL.
 * Called for every line of the input: must be fast for lines that are not
 * triggers.
 */
const struct lg_trigger *lg_trigger_find(const char *line, size_t len);
enum lg_class lg_trigger_class(const struct lg_trigger *t);
/* The trigger's literal strings, for fast prefilters and the bench. */
const char *const *lg_trigger_literals(size_t *n);
/*
 * A trigger that continues the open event (a second report inside one
 * crash) rather than opening a new one, and a condition (an I/O error, say)
 * that a kernel bug report may follow in the same event.
 */
bool lg_trigger_continues(const struct lg_trigger *t);
bool lg_trigger_is_condition(const struct lg_trigger *t);

/*
 * Decide class, fatal, title, guilty_frame and signature of a complete
 * event from its lines, RIP and call trace.  Leaves fields that are already
 * set (e.g. by a module record) alone unless they are empty.
 */
void lg_classify_event(struct lg_event *ev);

/*
 * OOM and memcg OOM events: victim size and share of RAM, and the title
 * from the kernel's verdict (panic, killed process) rather than from the
 * first "invoked oom-killer" line.  Other classes are left alone.
 */
void lg_oom_verdict(struct lg_event *ev);

/*
 * What a panic message names: one table (classify_panic.c) for log text
 * and module records.  lg_panic_message_class() is LG_CLASS_PANIC when the
 * message names nothing more specific; lg_panic_reason_class() takes a
 * record's LASTGASP_R_PANIC_REASON first and the message when the module
 * could not tell (UNKNOWN, OTHER).
 */
struct lg_panic_class {
	const char *needle;
	enum lg_class cls;
};
const struct lg_panic_class *lg_panic_class_table(size_t *n);
enum lg_class lg_panic_message_class(const char *msg);
enum lg_class lg_panic_reason_class(unsigned int reason, const char *msg);

/* syzbot's title normalisation (numbers, addresses, offsets become fixed words); malloc'd. */
char *lg_title_normalise(const char *title);

/* True for helpers that are never the guilty frame (memcpy, panic, ...). */
bool lg_frame_is_generic(const char *function);

#endif /* LG_CLASSIFY_H */
