/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transport prefixes: what dmesg, syslog, journald, /dev/kmsg, pstore and
 * serial consoles put in front of a kernel message.  The parser strips them
 * all (in any order, several on one line) and keeps the stamps it found.
 */
#ifndef LG_PARSE_PREFIX_H
#define LG_PARSE_PREFIX_H

#include <stdbool.h>
#include <stddef.h>

struct lg_line {
	const char *text;	/* the message, leading blanks removed */
	size_t len;
	double uptime;		/* seconds since boot, <0 when absent */
	const char *time;	/* wall-clock stamp as printed, or NULL */
	size_t timelen;
	char caller;		/* 'T' (task) or 'C' (CPU) printk caller, or 0 */
	int caller_id;
	bool foreign;		/* a syslog line of another program, not the kernel */
	bool meta;		/* kmsg KEY=value or pstore part header: no text */
	bool pstore;		/* "Oops#1 Part1" / "Panic#2 Part1": a dump begins */
	bool stamped;		/* a time or uptime stamp was found */
};

/*
 * Strip every prefix of @s (@len bytes, no newline, already free of CR and
 * ANSI escapes) into @out; out->text points into @s.
 */
void lg_strip_prefix(const char *s, size_t len, struct lg_line *out);

/*
 * Copy @s into @buf (at least 2 * @len bytes) without CR characters and
 * ANSI escape sequences, with each NUL byte shown as the two characters
 * "\0"; returns the new length.  Only needed when lg_line_needs_clean()
 * says so.
 */
size_t lg_line_clean(const char *s, size_t len, char *buf);
bool lg_line_needs_clean(const char *s, size_t len);

#endif /* LG_PARSE_PREFIX_H */
