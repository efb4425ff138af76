// SPDX-License-Identifier: GPL-2.0
/*
 * The title engine: from the lines of one report, the syzbot-style title and
 * the guilty frame.  The report text is the trigger line and what follows
 * it, without unreliable "? func" frames and without a trailing panic or
 * lockdep report that a long first report provoked.  The rules of the
 * trigger's family (classify_title_rules.c) then pick the format and where to look
 * for the frame.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "classify_title_rules.h"
#include "parse.h"

#define MAX_ARGS 10
#define MAX_FRAMES 256	/* deep recursions (stack overflows) need them all */

struct strbuf {
	char *s;
	size_t n, cap;
};

static void sb_add(struct strbuf *b, const char *s, size_t len)
{
	if (b->n + len + 1 > b->cap) {
		b->cap = (b->n + len + 1) * 2 + 256;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
	}
	memcpy(b->s + b->n, s, len);
	b->n += len;
	b->s[b->n] = 0;
}

static bool questionable(const char *l)
{
	while (*l == ' ' || *l == '\t')
		l++;
	if (l[0] == '[' && l[1] == '<') {
		const char *e = strchr(l, ']');

		if (!e)
			return false;
		l = e + 1;
		while (*l == ' ')
			l++;
	}
	if (l[0] == '?' && l[1] == ' ')
		return !strstr(l, "<EOI>");
	size_t n = strlen(l);

	return n > 13 && !strcmp(l + n - 13, " (unreliable)");
}

/*
 * Messages that print a stack of their own: amid a report they mean the
 * rest of it is someone else's (syzbot cuts the report there too).
 */
static bool interrupts_report(const char *l)
{
	return strstr(l, "FAULT_INJECTION: forcing a failure") ||
	       strstr(l, "FAULT_FLAG_ALLOW_RETRY missing") ||
	       strstr(l, "vmalloc: allocation failure:");
}

static char *report_text(const char *const *lines, size_t nlines)
{
	struct strbuf b = { 0 };
	size_t kept = 0;

	sb_add(&b, "", 0);
	for (size_t i = 0; i < nlines; i++) {
		const char *l = lines[i] ? lines[i] : "";
		size_t len = strlen(l);

		if (len && l[len - 1] == '\r')
			len--;
		if (i > 0) {
			const struct lg_trigger *t = lg_trigger_find(l, len);

			if (t && !lg_trigger_continues(t) && !lg_trigger_is_condition(t))
				break;	/* a second report starts */
			if (interrupts_report(l))
				break;
			if (questionable(l) ||
			    strstr(l, "Disabling lock debugging due to kernel taint"))
				continue;
			if (kept > 22 && (strstr(l, "Kernel panic - not syncing") ||
			    strstr(l, "WARNING: possible circular locking dependency detected")))
				break;
		}
		sb_add(&b, l, len);
		sb_add(&b, "\n", 1);
		kept++;
	}
	return b.s;
}

struct re_cache {
	const char *pattern;
	pcre2_code *re;
};

/* Rule regexes are compiled once, on first use. */
static pcre2_code *re_get(const char *pattern)
{
	static struct re_cache cache[1024];
	static size_t n;

	for (size_t i = 0; i < n; i++)
		if (cache[i].pattern == pattern)
			return cache[i].re;
	if (n == sizeof(cache) / sizeof(cache[0]))
		abort();
	cache[n].pattern = pattern;
	cache[n].re = lg_re_compile(pattern);
	return cache[n++].re;
}

static bool any_re(const char *const *list, const char *s, size_t len)
{
	for (; list && *list; list++)
		if (lg_re_search(re_get(*list), s, len))
			return true;
	return false;
}

struct frames {
	char *f[MAX_FRAMES];
	size_t n;
};

/* Take every captured, non-skipped function of a matched line: an ARM
 * "(a) from (b)" line names a frame and its caller. */
static void add_frame(struct frames *fr, const char *line, const size_t *ov,
		      int pairs, const char *const *skip)
{
	for (int g = 1; g < pairs; g++) {
		if (ov[2 * g] == PCRE2_UNSET)
			continue;
		char *name = lg_symbol_name(line + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);

		if (lg_frame_skipped(name, skip)) {
			free(name);
			continue;
		}
		if (fr->n < MAX_FRAMES)
			fr->f[fr->n++] = name;
		else
			free(name);
	}
}

static void frames_free(struct frames *fr)
{
	for (size_t i = 0; i < fr->n; i++)
		free(fr->f[i]);
	fr->n = 0;
}

static char *pick(struct frames *fr, enum lg_extractor x)
{
	const char *f = NULL;

	if (x == LG_X_STALL)
		f = lg_stall_frame(fr->f, fr->n);
	else if (x == LG_X_HANG)
		f = lg_hang_frame(fr->f, fr->n);
	else if (fr->n)
		f = fr->f[0];
	return f ? strdup(lg_frame_strip_syscall(f)) : NULL;
}

/* A trace printed without its "Call Trace:" header starts at its first
 * frame line: while looking for the header, such a line ends the search. */
static bool headless_trace(const char *const *parts, size_t idx, size_t nparts,
			   const char *line, size_t len)
{
	return parts[idx] == LG_PART_CALLTRACE && idx + 1 < nparts &&
	       parts[idx + 1] == LG_PART_STACK &&
	       lg_re_search(re_get(lg_headless_trace_re), line, len);
}

/* Walk the spec's parts over the text's lines; see classify_title_rules.h. */
static char *stack_frame(const char *text, const char *const *parts,
			 const char *const *skip, enum lg_extractor x, bool *ok)
{
	struct frames fr = { .n = 0 };
	const char *p = text;
	size_t idx = 0, nparts = 0;
	char *result = NULL;
	bool corrupted = false;
	size_t ov[2 * MAX_ARGS];

	while (parts[nparts])
		nparts++;
	*ok = true;
	/* A fault injection stack mixed into the report: no frame can be
	 * trusted (syzbot's "corrupted"). */
	while (idx < nparts && *p && !corrupted) {
		const char *part = parts[idx];

		if (part == LG_PART_STACK) {
			bool next = false;

			while (*p && !next) {
				const char *e = strchr(p, '\n');
				size_t len = e ? (size_t)(e - p) : strlen(p);
				const char *line = p;

				p = e ? e + 1 : p + len;
				if (any_re(lg_corrupted_lines, line, len)) {
					corrupted = true;
					break;
				} else if (any_re(lg_stack_starts, line, len)) {
					next = true;
				} else if (idx + 1 < nparts && parts[idx + 1] != LG_PART_STACK) {
					int pr = lg_re_match(re_get(parts[idx + 1]), line, len, ov, MAX_ARGS);

					if (pr) {
						add_frame(&fr, line, ov, pr, skip);
						idx++;
						next = true;
						continue;
					}
				}
				if (!next) {
					int pr = lg_re_match(re_get(lg_frame_line_re), line, len, ov, MAX_ARGS);

					if (pr)
						add_frame(&fr, line, ov, pr, skip);
				}
			}
			idx++;
			continue;
		}
		while (*p) {
			const char *e = strchr(p, '\n');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			const char *line = p;
			int pr;

			p = e ? e + 1 : p + len;
			if (any_re(lg_corrupted_lines, line, len)) {
				corrupted = true;
				break;
			}
			if (headless_trace(parts, idx, nparts, line, len)) {
				p = line;	/* the stack part reads this line */
				break;
			}
			pr = lg_re_match(re_get(part), line, len, ov, MAX_ARGS);
			if (pr) {
				add_frame(&fr, line, ov, pr, skip);
				break;
			}
		}
		idx++;
	}
	result = corrupted ? NULL : pick(&fr, x);
	frames_free(&fr);
	if (!result)
		*ok = false;
	return result;
}

static char *format(const char *fmt, char **args, size_t nargs)
{
	struct strbuf b = { 0 };

	sb_add(&b, "", 0);
	for (const char *f = fmt; *f; f++) {
		if (f[0] == '%' && f[1] >= '1' && f[1] <= '9') {
			size_t i = (size_t)(f[1] - '1');

			if (i < nargs && args[i])
				sb_add(&b, args[i], strlen(args[i]));
			f++;
		} else {
			sb_add(&b, f, 1);
		}
	}
	return b.s;
}

static bool one_placeholder(const char *fmt)
{
	const char *p = strstr(fmt, "%1");

	return p && !strstr(p + 2, "%") && !memchr(fmt, '%', (size_t)(p - fmt));
}

/* Cut-short lockdep dependency reports keep their header line as title, as
 * syzbot's do ("WARNING: possible circular locking dependency detected"). */
static bool keeps_header(const struct lg_title_rule *r)
{
	return !strncmp(r->fmt, "possible deadlock", 17) ||
	       !strncmp(r->fmt, "inconsistent lock state", 23);
}

static char *apply_rule(const struct lg_title_rule *r, const char *text,
			size_t start, char **frame)
{
	char *args[MAX_ARGS + 1] = { 0 };
	size_t nargs = 0, ov[2 * MAX_ARGS];
	const char *re = r->report ? r->report : r->title;
	int pairs = lg_re_match(re_get(re), text, strlen(text), ov, MAX_ARGS);
	char *title;

	(void)start;
	if (!pairs)
		return NULL;
	for (int g = 1; g < pairs; g++)
		args[nargs++] = ov[2 * g] == PCRE2_UNSET ? strdup("") :
			lg_symbol_name(text + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
	if (r->parts) {
		bool ok;
		char *f = stack_frame(text + ov[0], r->parts, r->skip, r->x, &ok);

		if (!f && r->parts2)
			f = stack_frame(text + ov[0], r->parts2, r->skip, r->x, &ok);
		args[nargs++] = strdup(f ? f : "corrupted");
		*frame = f;
	}
	if (!r->parts) {
		/* "... in %N" from a report regex: that function is the frame. */
		const char *in = strstr(r->fmt, " in %");
		size_t i = in ? (size_t)(in[5] - '1') : nargs;

		if (in && !in[6] && i < nargs && args[i] && *args[i])
			*frame = strdup(args[i]);
	}
	title = format(r->fmt, args, nargs);
	for (size_t i = 0; i < nargs; i++)
		free(args[i]);
	return title;
}

char *lg_title_extract(const struct lg_trigger *t, const char *const *lines,
		       size_t nlines, char **frame, enum lg_class *cls)
{
	size_t n, best = (size_t)-1, ov[2];
	const struct lg_title_rule *rules = lg_title_rules(t->group, &n);
	char *text = report_text(lines, nlines), *title = NULL;

	const struct lg_title_rule *unmatched = NULL;

	*frame = NULL;
	*cls = t->cls;
	for (size_t i = 0; i < n; i++) {
		const struct lg_title_rule *r = &rules[i];

		if (!lg_re_match(re_get(r->title), text, strlen(text), ov, 1))
			continue;
		if (ov[0] > best || (ov[0] == best && title))
			continue;
		if (ov[0] < best) {
			free(title);
			free(*frame);
			title = NULL;
			*frame = NULL;
			unmatched = NULL;
			best = ov[0];
		}
		title = apply_rule(r, text, ov[0], frame);
		if (title && r->cls != LG_CLASS_NONE)
			*cls = r->cls;
		if (!title && !unmatched)
			unmatched = r;
	}
	if (!title && unmatched && !keeps_header(unmatched) &&
	    one_placeholder(unmatched->fmt)) {
		/* The header is there but the report is cut short: syzbot's
		 * "in corrupted" form keeps the title searchable. */
		char *args[1] = { (char *)"corrupted" };

		title = format(unmatched->fmt, args, 1);
		if (unmatched->cls != LG_CLASS_NONE)
			*cls = unmatched->cls;
	}
	if (!title && lines && nlines && lines[0]) {
		/* No rule: the trigger line itself, from the literal on. */
		const char *s = strstr(lines[0], t->literal);

		title = strdup(s ? s : lines[0]);
	}
	free(text);
	return title;
}
