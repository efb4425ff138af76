// SPDX-License-Identifier: GPL-2.0
/*
 * lg_classify_event(): class, fatality, title, guilty frame and signature of
 * one finished event.  The first trigger line of the event decides the
 * family; the title rules may make the class more precise (a "BUG:" line
 * can be a KASAN report or a soft lockup); a panic names its reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "classify_int.h"
#include "parse.h"

static bool any_line_has(const struct lg_event *ev, const char *needle)
{
	for (size_t i = 0; i < ev->nlines; i++)
		if (ev->lines[i].line && strstr(ev->lines[i].line, needle))
			return true;
	return false;
}

/* A panic usually says why; keep the most specific class. */
static enum lg_class refine(const struct lg_event *ev, enum lg_class cls)
{
	if (cls == LG_CLASS_PANIC || cls == LG_CLASS_OOM) {
		if (any_line_has(ev, "Memory cgroup out of memory") ||
		    any_line_has(ev, "CONSTRAINT_MEMCG") ||
		    (ev->oom.constraint && strstr(ev->oom.constraint, "MEMCG")))
			return LG_CLASS_MEMCG_OOM;
		if (any_line_has(ev, "not syncing: Out of memory") ||
		    (cls == LG_CLASS_OOM))
			return LG_CLASS_OOM;
	}
	if (cls == LG_CLASS_PANIC) {
		size_t n;
		const struct lg_panic_class *why = lg_panic_class_table(&n);

		/*
		 * A log prints the oops that panic_on_oops ends in ("Fatal
		 * exception") as an event of its own: the panic stays a panic.
		 */
		for (size_t i = 0; i < n; i++)
			if (why[i].cls != LG_CLASS_OOPS &&
			    any_line_has(ev, why[i].needle))
				return why[i].cls;
	}
	if ((cls == LG_CLASS_BUG || cls == LG_CLASS_WARNING || cls == LG_CLASS_OOPS) &&
	    (any_line_has(ev, "list_del corruption") ||
	     any_line_has(ev, "list_add corruption")))
		return LG_CLASS_LIST_CORRUPTION;
	return cls;
}

static bool always_fatal(enum lg_class cls)
{
	return cls == LG_CLASS_PANIC || cls == LG_CLASS_MOUNT_ROOT_FAILURE;
}

static char *strip_sys(const char *f)
{
	if (!strncmp(f, "ksys_", 5) && f[5])
		f += 5;
	else if (!strncmp(f, "sys_", 4) && f[4])
		f += 4;
	return strdup(f);
}

/* Without title rules (records, our own classes): the first reliable frame
 * that is not a generic helper. */
static const char *frame_from_trace(const struct lg_event *ev)
{
	if (ev->has_rip && ev->rip.function && !ev->rip_user &&
	    !lg_frame_is_generic(ev->rip.function))
		return ev->rip.function;
	for (size_t i = 0; i < ev->ntrace; i++) {
		const struct lg_frame *f = &ev->trace[i];

		if (f->reliable && f->function && !lg_frame_is_generic(f->function))
			return f->function;
	}
	return NULL;
}

static char *line_title(const char *line, const char *literal)
{
	const char *s = line;

	/* A condition line reads best whole ("sda: I/O error ..."), but
	 * from the literal on when a long prefix precedes it. */
	if (literal && strstr(line, literal) && strstr(line, literal) - line > 60)
		s = strstr(line, literal);
	while (*s == ' ')
		s++;
	return lg_title_normalise(s);
}

void lg_classify_event(struct lg_event *ev)
{
	const struct lg_trigger *t = NULL;
	size_t first = 0;
	enum lg_class cls = LG_CLASS_NONE;
	char *frame = NULL, *title = NULL;

	/* The first trigger, unless it is a condition (an I/O error, say)
	 * that a kernel bug report follows in the same event. */
	for (size_t i = 0; i < ev->nlines; i++) {
		const char *l = ev->lines[i].line;
		const struct lg_trigger *u = l ? lg_trigger_find(l, strlen(l)) : NULL;

		if (!u || (t && (lg_trigger_is_condition(u) || lg_trigger_continues(u))))
			continue;
		t = u;
		first = i;
		if (!lg_trigger_is_condition(t))
			break;
	}
	if (t) {
		size_t n = ev->nlines - first;
		const char **lines = calloc(n + 1, sizeof(*lines));

		if (!lines)
			abort();
		for (size_t i = 0; i < n; i++)
			lines[i] = ev->lines[first + i].line;
		cls = t->cls;
		if (t->group != LG_G_NONE)
			title = lg_title_extract(t, lines, n, &frame, &cls);
		else
			title = line_title(lines[0], t->literal);
		free(lines);
		cls = refine(ev, cls);
	}
	if (ev->cls == LG_CLASS_NONE)
		ev->cls = cls;
	if (!frame) {
		const char *f = frame_from_trace(ev);

		frame = f ? strdup(lg_frame_strip_syscall(f)) : NULL;
	}
	if (!ev->guilty_frame && frame)
		ev->guilty_frame = strip_sys(frame);
	if (!ev->title) {
		if (!title && ev->cls != LG_CLASS_NONE) {
			/* A record without log text: class and frame. */
			size_t len = 64 + (frame ? strlen(frame) : 9);

			title = malloc(len);
			if (!title)
				abort();
			snprintf(title, len, "%s in %s", lg_class_name(ev->cls),
				 frame ? frame : "corrupted");
		}
		ev->title = title ? lg_title_normalise(title) : NULL;
	}
	free(title);
	free(frame);
	if (ev->panic_message || any_line_has(ev, "Kernel panic - not syncing") ||
	    always_fatal(ev->cls))
		ev->fatal = true;
	if (!ev->signature && ev->title)
		ev->signature = lg_classify_signature(ev);
	lg_oom_verdict(ev);
}
