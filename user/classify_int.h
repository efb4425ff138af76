/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals shared by the classifier's files (classify*.c).  Not part of the reporter's public interfaces:
 * everything else uses classify.h.
 */
#ifndef LG_CLASSIFY_INT_H
#define LG_CLASSIFY_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>
#include "classify.h"

/* Families of reports that share title rules (syzkaller's "oops" headers). */
enum lg_group {
	LG_G_NONE,	/* our own classes syzkaller does not title */
	LG_G_BUG, LG_G_WARNING, LG_G_INFO, LG_G_ARM_PAGING, LG_G_GPF,
	LG_G_STACKSEG, LG_G_PANIC, LG_G_DOUBLE_FAULT, LG_G_KERNEL_BUG,
	LG_G_KERNEL_BUG2, LG_G_KMALLOC, LG_G_DIVIDE, LG_G_INVALID_OP,
	LG_G_UBSAN, LG_G_UNREGISTER, LG_G_ARM_FAULT, LG_G_VFS, LG_G_TRUSTY,
	LG_G_OOPS,
	LG_G_COUNT
};

/* Trigger flags. */
#define LG_TF_CONTINUES	0x1	/* joins an event in progress, never cuts it */
#define LG_TF_CONDITION	0x2	/* a condition (OOM, I/O error, ...), not a kernel bug */

struct lg_trigger {
	const char *literal;		/* must occur in the line */
	enum lg_class cls;
	enum lg_group group;
	unsigned int flags;
	const char *confirm;		/* regex that must also match, or NULL */
	const char *const *suppress;	/* regexes that veto the trigger */
};

/* PCRE2 with our placeholders {{PC}} {{FUNC}} {{SRC}} {{ADDR}}; aborts on a
 * bad built-in pattern (a programming error, caught by the unit tests). */
pcre2_code *lg_re_compile(const char *pattern);
/* Match @re in s[0..len); fills ovector (pairs) up to @nvec pairs.  Returns
 * the number of pairs set (>0) or 0 for no match. */
int lg_re_match(const pcre2_code *re, const char *s, size_t len,
		size_t *ovec, int nvec);
bool lg_re_search(const pcre2_code *re, const char *s, size_t len);

/* Title engine: build the syzbot-style title of the report that starts at
 * lines[0] (which the trigger @t opened).  Returns a malloc'd raw title (not
 * yet normalised), sets *frame to the malloc'd guilty frame or NULL
 * ("corrupted"), *cls to a more precise class when the rule has one. */
char *lg_title_extract(const struct lg_trigger *t, const char *const *lines,
		       size_t nlines, char **frame, enum lg_class *cls);

/* Frame helpers (classify_frames.c). */
bool lg_frame_skipped(const char *func, const char *const *extra);
const char *lg_frame_strip_syscall(const char *func);
const char *lg_stall_frame(char *const *frames, size_t n);
const char *lg_hang_frame(char *const *frames, size_t n);

/* The event's signature: normalised title and top frames, hashed (classify_signature.c). */
char *lg_classify_signature(const struct lg_event *ev);

#endif /* LG_CLASSIFY_INT_H */
