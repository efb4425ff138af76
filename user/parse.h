/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel-log parser: text in, struct lg_event out.  One parser serves
 * `lastgasp analyze` (files, stdin) and the log tails of module records.
 * It streams: lines are fed one at a time, events come out through a
 * callback as soon as they are complete, and memory stays bounded whatever
 * the input size.
 */
#ifndef LG_PARSE_H
#define LG_PARSE_H

#include <stdio.h>
#include "event.h"

struct lg_parser;

/*
 * Called once per complete event, in log order.  The callee owns @ev and
 * must lg_event_free() and free() it.
 */
typedef void (*lg_event_cb)(struct lg_event *ev, void *arg);

/* @source names the input in events and messages ("-" for stdin). */
struct lg_parser *lg_parser_new(const char *source, lg_event_cb cb, void *arg);
/* One line without its newline; any transport prefix is handled here. */
void lg_parser_feed(struct lg_parser *p, const char *line, size_t len);
/* End of input: flush the event in progress. */
void lg_parser_finish(struct lg_parser *p);
void lg_parser_free(struct lg_parser *p);

/* Conveniences over the four calls above.  Return 0, or -errno on read error. */
int lg_parse_file(FILE *f, const char *source, lg_event_cb cb, void *arg);
int lg_parse_buffer(const char *buf, size_t len, const char *source,
		    lg_event_cb cb, void *arg);

/*
 * One kernel symbol, "func+0x1a/0x40 [mod]" (also "[mod BUILDID]"),
 * "(func+0x1a/0x40 [mod])" or "0xaddr", into @f: the one parser of symbols,
 * for log lines and module records alike.
 */
bool lg_symbol_parse(const char *s, size_t len, struct lg_frame *f);
/*
 * A symbol name of @n bytes as a person reads it: C++ and Rust (v0 and
 * legacy) names demangled without arguments or hash, others unchanged.
 * Never NULL; the caller frees it.
 */
char *lg_symbol_name(const char *s, size_t n);
/* Free @f's strings and reset it (reliable, no address). */
void lg_frame_clear(struct lg_frame *f);


#endif /* LG_PARSE_H */
