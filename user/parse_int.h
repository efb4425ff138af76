/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Field extraction: one stripped line at a time into the event being built.
 * parse.c decides where events begin and end; these functions only read a
 * line and fill struct lg_event.  Every list is capped so that memory stays
 * bounded whatever the input.
 */
#ifndef LG_PARSE_INT_H
#define LG_PARSE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "event.h"
#include "parse.h"

#define LG_MAX_LINES	512		/* lines kept in ev->lines */
#define LG_MAX_BYTES	(64 * 1024)	/* bytes kept in ev->lines */
#define LG_MAX_FRAMES	256
#define LG_MAX_MODULES	1024
#define LG_MAX_TASKS	4096

enum trace_state { TRACE_NONE, TRACE_OPEN, TRACE_DONE };

/* An event being built, with the state its multi-line fields need. */
struct lg_build {
	struct lg_event *ev;
	size_t cap_lines, cap_trace, cap_modules, cap_tasks, cap_tainting;
	size_t bytes;			/* text kept in ev->lines */
	bool truncated;			/* a cap dropped something */
	enum trace_state trace;
	bool trace_gap;			/* one non-frame line inside the trace */
	char context[8];		/* current stack: "", "IRQ", "NMI", ... */
	bool in_modules;		/* a "Modules linked in:" may continue */
	bool has_header;		/* "CPU: N PID:" / "Pid:" seen */
	bool stall_wants_cpu;		/* RCU stall: CPU is on a later line */
	int task_rss_col, task_adj_col;	/* OOM task table columns, -1 unknown */
	uint64_t ram_pages;		/* "N pages RAM" */
	uint64_t present_kb;		/* sum of Node "present:" */
};

/* Whole-string helpers over (s, len) text that is not NUL-terminated. */
static inline bool lg_starts(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);

	return len >= n && memcmp(s, lit, n) == 0;
}

static inline const char *lg_find(const char *s, size_t len, const char *lit)
{
	return memmem(s, len, lit, strlen(lit));
}

char *lg_strndup_trim(const char *s, size_t len);

/*
 * Read one line into b->ev.  Returns true when the line is recognisably
 * part of a kernel report (used to decide where an event ends).
 */
bool lg_fields_line(struct lg_build *b, const char *s, size_t len);
/* Fields derived once the event is complete (tainting modules, RAM share). */
void lg_fields_finish(struct lg_build *b);

/* parse_frame.c: "func+0x1a/0x40 [mod]" and the other stack line shapes. */
/*
 * STRONG shapes start a trace anywhere, BARE ones only after a header,
 * ADDR (a lone "0x...") only extends an open trace.
 */
enum frame_kind { FRAME_NO, FRAME_STRONG, FRAME_BARE, FRAME_ADDR };
enum frame_kind lg_frame_parse(const char *s, size_t len, struct lg_frame *f);

/* parse_oom.c: OOM report lines. */
bool lg_oom_line(struct lg_build *b, const char *s, size_t len);
void lg_oom_finish(struct lg_build *b);

#endif /* LG_PARSE_INT_H */
