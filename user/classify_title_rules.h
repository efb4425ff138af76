/* SPDX-License-Identifier: GPL-2.0 */
/* The data of syzbot-style titles: one rule list per report family. */
#ifndef LG_CLASSIFY_TITLE_RULES_H
#define LG_CLASSIFY_TITLE_RULES_H

#include "classify_int.h"

enum lg_extractor { LG_X_FIRST, LG_X_STALL, LG_X_HANG };

/* In a stack spec: "parse a stack trace from here". */
extern const char LG_PART_STACK[];
/*
 * In a stack spec: the "Call Trace:" header (any architecture's spelling).
 * A trace that starts without one (old ARM kernels print the "(a) from (b)"
 * lines right after the report line) starts at its first frame line,
 * lg_headless_trace_re.
 */
extern const char LG_PART_CALLTRACE[];
extern const char *const lg_headless_trace_re;

struct lg_title_rule {
	enum lg_class cls;		/* LG_CLASS_NONE: keep the trigger's */
	const char *title;		/* regex on the report text */
	const char *report;		/* regex whose groups are the args, or NULL */
	const char *fmt;		/* %1..%9: regex groups, then frames */
	const char *const *parts;	/* stack spec, NULL when no frame */
	const char *const *parts2;	/* tried when parts yields nothing */
	const char *const *skip;	/* extra frames to skip (regexes) */
	enum lg_extractor x;
	bool corrupted;
};

const struct lg_title_rule *lg_title_rules(enum lg_group g, size_t *n);
/* Regexes that end a stack trace, and the global skip list. */
extern const char *const lg_stack_starts[];
extern const char *const lg_corrupted_lines[];
extern const char *const lg_frame_line_re;

#endif /* LG_CLASSIFY_TITLE_RULES_H */
