// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel-log parser: segmentation of a stream of lines into events.
 *
 * A line that lg_trigger_find() recognises opens an event, unless it
 * continues the open one (the die banner after "BUG: unable to handle",
 * "Kernel panic - not syncing" after an oops, the victim line of an OOM
 * report).  Lines then go to the open event until its "---[ end trace"
 * marker, a new report, a new boot, or a run of lines that do not look like
 * report text.  With printk caller ids, lines of other tasks are left out.
 * While no event is open, a sampled multi-literal prefilter skips the lines
 * that cannot start one, which is what keeps analysis of a large syslog
 * about as fast as grep.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "classify.h"
#include "parse.h"
#include "parse_int.h"
#include "parse_prefilter.h"
#include "parse_prefix.h"

/* Unrecognised lines in a row that end an event. */
#define IDLE_MAX 40
/* Seconds of log time between two lines that end an event. */
#define GAP_MAX 60.0
#define READ_SIZE (4u << 20)
#define MAX_LINE 8192
#define WEAK_MAX 32
/* Other tasks' lines after which their reports no longer wait. */
#define FOREIGN_MAX 200

enum state { IDLE, OPEN, TAIL };

struct lg_parser {
	char *source;
	lg_event_cb cb;
	void *arg;
	size_t lineno;
	enum state state;
	struct lg_build b;
	enum lg_class cls;	/* class of the trigger that opened the event */
	int idle;		/* unrecognised lines in a row */
	size_t trailing;	/* of them, kept at the end of ev->lines */
	char owner;		/* printk caller of the opening line */
	int owner_id;
	bool open_has_stamp;	/* the opening line itself had a stamp */
	bool cpu_dump;
	bool replay;		/* the console replays the last, cut message */
	int foreign;		/* other writers' lines since the event opened */
	bool late_unstamped;	/* opened unstamped after the kernel stamped lines */		/* "Sending NMI from CPU": all CPUs' lines count */
	double last_uptime;
	bool open_stamped;	/* the opening line had a time stamp */
	bool open_condition;	/* ... and was a condition trigger */
	bool seen_stamp;	/* some kernel line of the input had one */
	bool orphan;		/* opened by a register dump, not a trigger */
	/* Events that may be firmware chatter, held until a boot shows it. */
	struct lg_event *weak[WEAK_MAX];
	size_t nweak;
	bool pstore_part;	/* the open event is a pstore part header's */
	/* A pstore part whose text held no report: delivered at the end only
	 * when the input held no event at all ("Panic#1 Part1" alone). */
	struct lg_event *pstore_only;
	bool delivered;
	char *release;		/* from the last "Linux version" line */
	char *scratch;		/* line without CR and ANSI escapes, NUL shown */
	struct lg_prefilter *pf;
	const char **lits;
};

/* Boot markers and pstore part headers ("Panic#2 Part1") matter too. */
static const char *const own_literals[] = {
	"Linux version ", "Booting Linux", " Part", " Comm: ",
};
#define NOWN (sizeof(own_literals) / sizeof(own_literals[0]))

struct lg_parser *lg_parser_new(const char *source, lg_event_cb cb, void *arg)
{
	struct lg_parser *p = calloc(1, sizeof(*p));
	const char *const *tl;
	size_t n = 0, k = 0;

	if (!p)
		return NULL;
	p->source = strdup(source ? source : "-");
	p->scratch = malloc(2 * MAX_LINE);
	p->cb = cb;
	p->arg = arg;
	p->last_uptime = -1;
	tl = lg_trigger_literals(&n);
	p->lits = calloc(n + NOWN, sizeof(*p->lits));
	if (!p->source || !p->scratch || !p->lits) {
		lg_parser_free(p);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		p->lits[k++] = tl[i];
	for (size_t i = 0; i < NOWN; i++)
		p->lits[k++] = own_literals[i];
	p->pf = lg_prefilter_new(p->lits, k);
	return p;
}

static void drop_event(struct lg_event **ev)
{
	if (*ev) {
		lg_event_free(*ev);
		free(*ev);
		*ev = NULL;
	}
}

static void flush_weak(struct lg_parser *p, bool drop)
{
	for (size_t i = 0; i < p->nweak; i++) {
		if (drop) {
			lg_event_free(p->weak[i]);
			free(p->weak[i]);
		} else {
			p->delivered = true;
			drop_event(&p->pstore_only);
			p->cb(p->weak[i], p->arg);
		}
	}
	p->nweak = 0;
}

/*
 * A trigger line without a time stamp and nothing of a kernel report after
 * it: bootloaders and firmware print "WARNING:" and "INFO:" lines on the
 * same serial console before the kernel starts.
 */
static bool is_weak(const struct lg_parser *p, const struct lg_event *ev)
{
	return !p->open_stamped && !p->open_condition && !p->b.has_header &&
	       !ev->ntrace && !ev->has_rip && !ev->nmodules && !ev->panic_message &&
	       !ev->oom.present && !ev->stall.present;
}

static void deliver(struct lg_parser *p, struct lg_event *ev, bool weak)
{
	p->delivered = true;
	drop_event(&p->pstore_only);
	if (!weak) {
		flush_weak(p, false);
		p->cb(ev, p->arg);
		return;
	}
	if (p->nweak == WEAK_MAX) {
		p->cb(p->weak[0], p->arg);
		memmove(p->weak, p->weak + 1, (WEAK_MAX - 1) * sizeof(p->weak[0]));
		p->nweak--;
	}
	p->weak[p->nweak++] = ev;
}

static void close_event(struct lg_parser *p)
{
	struct lg_event *ev = p->b.ev;
	bool weak;

	if (p->state == IDLE)
		return;
	/* Unrecognised trailing lines are noise only when they ended the
	 * event; before a new report or the end of input they are usually
	 * the rest of a report no field parser knows (lockdep, old KASAN). */
	if (p->idle < IDLE_MAX)
		p->trailing = 0;
	while (p->trailing && ev->nlines) {
		free(ev->lines[--ev->nlines].line);
		p->trailing--;
	}
	lg_fields_finish(&p->b);
	if (!ev->kernel_release && p->release)
		ev->kernel_release = strdup(p->release);
	ev->truncated = p->b.truncated;
	ev->source = strdup(p->source);
	lg_classify_event(ev);
	/* A pstore part with a trace but no report line (cut above it): the
	 * kernel saved it because it oopsed or panicked. */
	if (p->pstore_part && ev->cls == LG_CLASS_NONE && (ev->ntrace || ev->has_rip)) {
		ev->cls = ev->fatal ? LG_CLASS_PANIC : LG_CLASS_OOPS;
		lg_classify_event(ev);
	}
	lg_fields_warn_rip(&p->b);
	/* A kernel register dump whose first line was cut off: a fault. */
	if (p->orphan && ev->has_rip && ev->cls == LG_CLASS_NONE)
		ev->cls = LG_CLASS_OOPS;
	lg_set_culprit(ev);
	lg_event_bound_fields(ev);
	weak = is_weak(p, ev);
	if (p->pstore_part && ev->cls == LG_CLASS_NONE) {
		memset(&p->b, 0, sizeof(p->b));
		p->state = IDLE;
		drop_event(&p->pstore_only);
		if (!p->delivered)
			p->pstore_only = ev;
		else
			drop_event(&ev);
		return;
	}
	memset(&p->b, 0, sizeof(p->b));
	p->state = IDLE;
	/* An unstamped trigger line amid stamped kernel lines is a program's
	 * output unless a kernel report (header, RIP, trace) follows it. */
	if (weak && p->late_unstamped) {
		lg_event_free(ev);
		free(ev);
		return;
	}
	/* A header without a kernel RIP is a dump_stack(), not a crash. */
	if (p->orphan && !ev->has_rip && p->cls == LG_CLASS_NONE) {
		lg_event_free(ev);
		free(ev);
		return;
	}
	deliver(p, ev, weak);
}

static void add_text(struct lg_parser *p, const char *s, size_t len)
{
	struct lg_build *b = &p->b;
	struct lg_event *ev = b->ev;

	if (ev->nlines >= LG_MAX_LINES || b->bytes + len > LG_MAX_BYTES) {
		b->truncated = true;
		return;
	}
	if (ev->nlines == b->cap_lines) {
		size_t ncap = b->cap_lines ? b->cap_lines * 2 : 32;
		void *np = realloc(ev->lines, ncap * sizeof(*ev->lines));

		if (!np)
			return;
		ev->lines = np;
		b->cap_lines = ncap;
	}
	ev->lines[ev->nlines].line = strndup(s, len);
	ev->lines[ev->nlines].lineno = p->lineno;
	ev->nlines++;
	b->bytes += len;
}

/* "? func+0x1/0x2", "[<c01>] ? func+0x1/0x2": a stale stack word. */
static bool is_unreliable_frame(const char *s, size_t len)
{
	const char *q = lg_starts(s, len, "[<") ? memchr(s, ']', len) : NULL;

	if (q)
		len -= (size_t)(q + 1 - s), s = q + 1;
	while (len && *s == ' ')
		s++, len--;
	return lg_starts(s, len, "? ");
}

/* Add a line to the open event; returns whether it looked like report text. */
static bool add_line(struct lg_parser *p, const char *s, size_t len)
{
	bool known = lg_fields_line(&p->b, s, len);

	/* A deep recursion fills the event with stale stack words; the
	 * text keeps room for the frames that count. */
	if (!(p->b.ev->nlines >= LG_MAX_LINES / 2 && is_unreliable_frame(s, len)))
		add_text(p, s, len);
	if (known) {
		p->idle = 0;
		p->trailing = 0;
	} else {
		p->idle++;
		p->trailing++;
	}
	return known;
}

static void open_event(struct lg_parser *p, const struct lg_line *l,
		       const struct lg_trigger *t, const char *s, size_t len)
{
	enum lg_class cls = lg_trigger_class(t);
	struct lg_event *ev = calloc(1, sizeof(*ev));

	if (!ev)
		return;
	lg_event_init(ev);
	memset(&p->b, 0, sizeof(p->b));
	p->b.ev = ev;
	p->b.task_rss_col = p->b.task_adj_col = -1;
	p->b.mce_bank = p->b.mce_cpu = -1;
	p->state = OPEN;
	p->cls = cls;
	p->idle = 0;
	p->trailing = 0;
	p->owner = l->caller;
	p->owner_id = l->caller_id;
	p->cpu_dump = false;
	p->foreign = 0;
	p->open_has_stamp = l->stamped;
	p->late_unstamped = !l->stamped && !l->pstore && p->seen_stamp;
	p->open_stamped = l->stamped || l->pstore;
	p->open_condition = lg_trigger_is_condition(t);
	p->orphan = false;
	p->pstore_part = false;
	if (l->time)
		ev->time = strndup(l->time, l->timelen);
	ev->uptime = l->uptime;
	add_line(p, s, len);
	/* The opening line is report text even when no field parser knows it. */
	p->idle = 0;
	p->trailing = 0;
}

static bool is_oom_class(enum lg_class c)
{
	return c == LG_CLASS_OOM || c == LG_CLASS_MEMCG_OOM;
}

/* "Oops: 0000 [#1] SMP", "invalid opcode: 0000 [#1]": the die() banner. */
static bool is_die_banner(const char *s, size_t len)
{
	const char *p = lg_find(s, len, "[#");

	return p && p + 2 < s + len && p[2] >= '0' && p[2] <= '9';
}

/* Does a trigger line continue the open event rather than start one? */
static bool continues(struct lg_parser *p, const struct lg_trigger *t,
		      const char *s, size_t len)
{
	const struct lg_build *b = &p->b;
	const struct lg_event *ev = b->ev;
	enum lg_class cls = lg_trigger_class(t);

	/*
	 * A panic ends the report before it, except after an OOM kill that
	 * found its victim: the system survived that, and a panic that does
	 * not say memory (panic_on_oom, "deadlocked on memory") is a crash of
	 * its own (sysrq-c after an OOM kill in the same boot).
	 */
	if (lg_find(s, len, "Kernel panic - not syncing"))
		return !(is_oom_class(p->cls) && ev->oom.victim_pid &&
			 !lg_find(s, len, "memory"));
	if (lg_starts(s, len, "---[ end Kernel panic"))
		return true;
	if (p->state == TAIL)
		return false;
	/* The classifier marks the lines that belong to a report in progress. */
	if (lg_trigger_continues(t) && !is_oom_class(cls))
		return true;
	if (lg_find(s, len, "NMI backtrace for cpu") ||
	    lg_find(s, len, "Sending NMI from CPU"))
		return true;
	if (is_oom_class(p->cls) && (is_oom_class(cls) || lg_find(s, len, "Killed process")))
		return !ev->oom.victim_pid || lg_find(s, len, "Killed process") ||
		       lg_find(s, len, "oom_reaper");
	/* One machine check prints many "[Hardware Error]" and EDAC lines. */
	if (p->cls == LG_CLASS_MCE && cls == LG_CLASS_MCE && ev->nlines < 64)
		return true;
	/* slub and lockdep reports carry "INFO:" lines of their own. */
	if (lg_starts(s, len, "INFO: ") && cls == LG_CLASS_BUG && ev->nlines < 20)
		return true;
	if (b->has_header || ev->ntrace || ev->has_rip || ev->nlines > 8)
		return false;
	if (is_die_banner(s, len) || p->cls == LG_CLASS_NONE)
		return true;
	/* The text of a WARN/BUG right after its first line ("WARNING: at
	 * x.c:1" then "Watchdog detected hard LOCKUP"), not a repeat of it. */
	return ev->nlines <= 3 && !lg_trigger_is_condition(t) &&
	       (ev->nlines == 0 || strlen(ev->lines[0].line) != len ||
		memcmp(ev->lines[0].line, s, len));
}

/*
 * A line that is not part of the open report although it arrived while the
 * report was printed: with printk caller ids, the line of another task or
 * CPU (except the CPUs' backtraces that the report asked for with an NMI)
 * or a line without a caller id (another kernel's, pasted in);
 * once the kernel stamps its lines, an unstamped line (a program writing to
 * the same console).
 */
static bool foreign_line(const struct lg_parser *p, const struct lg_line *l)
{
	if (p->open_has_stamp && !l->stamped)
		return true;
	if (!p->owner)
		return false;
	if (!l->caller)
		return true;	/* the kernel that prints caller ids prints them all */
	if (l->caller == p->owner && l->caller_id == p->owner_id)
		return false;
	return !(p->cpu_dump && l->caller == 'C');
}

/*
 * Another task's report that starts while ours is printed waits until our
 * call trace is complete (syzkaller's rule: with caller ids, the first
 * report keeps its own lines); not behind a condition or a register dump
 * that no trigger opened, nor for ever.
 */
static bool report_waits(const struct lg_parser *p, const struct lg_line *l)
{
	return l->caller && p->owner && !p->open_condition && !p->orphan &&
	       p->state == OPEN && p->b.trace != TRACE_DONE && p->foreign < FOREIGN_MAX;
}

/*
 * The console printed the start of a message, then "** replaying previous
 * printk message **" and the whole message again: forget the cut copy (and
 * the event it alone opened).
 */
static void drop_cut_message(struct lg_parser *p, const char *s, size_t len)
{
	struct lg_event *ev = p->b.ev;
	const char *last;

	if (p->state == IDLE || !ev->nlines)
		return;
	last = ev->lines[ev->nlines - 1].line;
	if (strlen(last) > len || strncmp(last, s, strlen(last)))
		return;
	if (ev->nlines == 1) {
		lg_event_free(ev);
		free(ev);
		lg_frame_clear(&p->b.warn_rip);
		memset(&p->b, 0, sizeof(p->b));
		p->state = IDLE;
		return;
	}
	p->b.bytes -= strlen(last);
	free(ev->lines[--ev->nlines].line);
}

/* Stamped and unstamped lines come from different writers (the kernel, a
 * program on the same console); a pstore dump holds the kernel's only. */
static bool same_writer(const struct lg_parser *p, const struct lg_line *l)
{
	return l->stamped == p->open_has_stamp || p->open_stamped != p->open_has_stamp;
}

static bool ends_report(const char *s, size_t len)
{
	return lg_starts(s, len, "---[ end trace") ||
	       lg_starts(s, len, "---[ end Kernel panic");
}

static void handle_text(struct lg_parser *p, const struct lg_line *l,
			const char *s, size_t len)
{
	const struct lg_trigger *t;
	bool known;

	if (l->stamped)
		p->seen_stamp = true;
	if (lg_starts(s, len, "Linux version ") || lg_starts(s, len, "Booting Linux")) {
		close_event(p);
		/* A kernel with stamps starts: unstamped reports were firmware's. */
		if (l->stamped)
			flush_weak(p, true);
		/* "Booting Linux" is shorter than "Linux version ": only then. */
		if (s[0] == 'L') {
			const char *v = s + 14, *e = memchr(v, ' ', len - 14);

			free(p->release);
			p->release = strndup(v, e ? (size_t)(e - v) : len - 14);
		}
		return;
	}
	if (lg_starts(s, len, "** replaying previous printk message **")) {
		p->replay = true;
		return;
	}
	if (p->replay) {
		p->replay = false;
		drop_cut_message(p, s, len);
	}
	t = lg_trigger_find(s, len);
	/* Once the kernel stamps its lines, unstamped ones are someone else's
	 * while it prints a bug report. */
	if (t && !l->stamped && p->seen_stamp && p->state != IDLE && !p->open_condition)
		t = NULL;
	/* Other tasks' lines interleave with a report, their stamps out of
	 * order: they neither end it nor join it. */
	if (p->state != IDLE && foreign_line(p, l)) {
		p->foreign++;
		if (!t || report_waits(p, l))
			return;
	}
	/*
	 * A long silence ends a report, and so does a new boot's first second.
	 * Stamps that merely go backwards do not: consoles print lines of
	 * several CPUs out of order, and excerpts are spliced together.
	 */
	if (p->state != IDLE && l->uptime >= 0 && p->last_uptime >= 0 &&
	    (l->uptime > p->last_uptime + GAP_MAX ||
	     (l->uptime < 1.0 && l->uptime + 1 < p->last_uptime)))
		close_event(p);
	if (l->uptime >= 0)
		p->last_uptime = l->uptime;
	if (t) {
		enum lg_class cls = lg_trigger_class(t);

		/* A report of another writer (stamped or not) is not ours. */
		if (p->state != IDLE && same_writer(p, l) && continues(p, t, s, len)) {
			if (p->cls == LG_CLASS_NONE)
				p->cls = cls;
			add_line(p, s, len);
			if (ends_report(s, len))
				p->state = TAIL;
			return;
		}
		close_event(p);
		open_event(p, l, t, s, len);
		return;
	}
	if (p->state == IDLE) {
		/*
		 * A register dump whose opening line is missing (cut logs,
		 * excerpts): "CPU: 2 PID: 1426 Comm: x ..." then "RIP:".
		 */
		if (lg_starts(s, len, "CPU: ") && lg_find(s, len, " PID: ") &&
		    lg_find(s, len, " Comm: ")) {
			open_event(p, l, NULL, s, len);
			p->orphan = true;
		}
		return;
	}
	if (lg_find(s, len, "Sending NMI from CPU"))
		p->cpu_dump = true;
	if (p->state == TAIL) {
		/* x86 prints the registers again after "---[ end trace" when
		 * the oops then panics: the same crash, not a new event. */
		if (!lg_fields_line(&p->b, s, len) && !lg_starts(s, len, "Code: ") &&
		    !lg_starts(s, len, "Kernel Offset:") &&
		    !lg_starts(s, len, "Rebooting in") && !ends_report(s, len)) {
			close_event(p);
			return;
		}
		add_text(p, s, len);
		return;
	}
	known = add_line(p, s, len);
	if (ends_report(s, len))
		p->state = TAIL;
	else if (!known && p->idle >= IDLE_MAX)
		close_event(p);
}

static void handle_line(struct lg_parser *p, const char *line, size_t len)
{
	struct lg_line l;
	const char *s, *e, *sep;

	if (len > MAX_LINE)
		len = MAX_LINE;
	if (lg_line_needs_clean(line, len)) {
		len = lg_line_clean(line, len, p->scratch);
		line = p->scratch;
	}
	lg_strip_prefix(line, len, &l);
	if (l.pstore) {
		/* A pstore dump part: the kernel saved it because it crashed. */
		close_event(p);
		open_event(p, &l, NULL, l.text, l.len);
		p->b.ev->fatal = lg_starts(l.text, l.len, "Panic");
		p->pstore_part = true;
		return;
	}
	if (l.meta || l.foreign)
		return;
	/* rsyslog escapes the newlines of multi-line records as "#012". */
	s = l.text;
	e = l.text + l.len;
	while ((sep = memmem(s, (size_t)(e - s), "#012", 4)) != NULL) {
		handle_text(p, &l, s, (size_t)(sep - s));
		s = sep + 4;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
	}
	handle_text(p, &l, s, (size_t)(e - s));
}

void lg_parser_feed(struct lg_parser *p, const char *line, size_t len)
{
	p->lineno++;
	if (p->state == IDLE && p->pf && !lg_prefilter_find(p->pf, line, line + len))
		return;
	handle_line(p, line, len);
}

/* The dump's header is all there is: the kernel saved it as it died. */
static void deliver_pstore_only(struct lg_parser *p)
{
	struct lg_event *ev = p->pstore_only;
	const char *head = ev->nlines ? ev->lines[0].line : "pstore";
	size_t len = strlen(head) + 16;

	p->pstore_only = NULL;
	ev->cls = ev->fatal ? LG_CLASS_PANIC : LG_CLASS_OOPS;
	free(ev->title);
	ev->title = malloc(len);
	if (ev->title)
		snprintf(ev->title, len, "pstore: %s", head);
	p->cb(ev, p->arg);
}

void lg_parser_finish(struct lg_parser *p)
{
	close_event(p);
	flush_weak(p, false);
	if (p->pstore_only && !p->delivered)
		deliver_pstore_only(p);
}

void lg_parser_free(struct lg_parser *p)
{
	if (!p)
		return;
	if (p->state != IDLE) {
		lg_event_free(p->b.ev);
		free(p->b.ev);
		lg_frame_clear(&p->b.warn_rip);
	}
	flush_weak(p, true);
	drop_event(&p->pstore_only);
	lg_prefilter_free(p->pf);
	free(p->lits);
	free(p->release);
	free(p->scratch);
	free(p->source);
	free(p);
}

/*
 * Complete lines of [buf, end) (end is just after a '\n').  While no event
 * is open, jump from one prefilter candidate to the next and only count the
 * lines in between.
 */
static void feed_block(struct lg_parser *p, const char *buf, const char *end)
{
	const char *s = buf, *nl, *m;

	while (s < end) {
		if (p->state == IDLE && p->pf) {
			m = lg_prefilter_find(p->pf, s, end);
			if (!m) {
				p->lineno += lg_count_newlines(s, end);
				return;
			}
			nl = memrchr(s, '\n', (size_t)(m - s));
			if (nl) {
				p->lineno += lg_count_newlines(s, nl + 1);
				s = nl + 1;
			}
		}
		nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			nl = end;
		p->lineno++;
		handle_line(p, s, (size_t)(nl - s));
		s = nl + 1;
	}
}

int lg_parse_buffer(const char *buf, size_t len, const char *source,
		    lg_event_cb cb, void *arg)
{
	struct lg_parser *p = lg_parser_new(source, cb, arg);
	const char *last;

	if (!p)
		return -ENOMEM;
	last = len ? memrchr(buf, '\n', len) : NULL;
	if (last)
		feed_block(p, buf, last + 1);
	else
		last = buf - 1;
	if (buf + len > last + 1)
		lg_parser_feed(p, last + 1, (size_t)(buf + len - last - 1));
	lg_parser_finish(p);
	lg_parser_free(p);
	return 0;
}

int lg_parse_file(FILE *f, const char *source, lg_event_cb cb, void *arg)
{
	struct lg_parser *p = lg_parser_new(source, cb, arg);
	char *buf = malloc(READ_SIZE);
	size_t have = 0, n;
	bool discard = false;
	int rc = 0;

	if (!p || !buf) {
		lg_parser_free(p);
		free(buf);
		return -ENOMEM;
	}
	while ((n = fread(buf + have, 1, READ_SIZE - have, f)) > 0) {
		const char *last;

		have += n;
		if (discard) {
			last = memchr(buf, '\n', have);
			if (!last) {
				have = 0;
				continue;
			}
			discard = false;
			have -= (size_t)(last + 1 - buf);
			memmove(buf, last + 1, have);
		}
		last = memrchr(buf, '\n', have);
		if (!last) {
			if (have < READ_SIZE)
				continue;
			/* One line longer than the buffer: keep its start. */
			lg_parser_feed(p, buf, MAX_LINE);
			have = 0;
			discard = true;
			continue;
		}
		feed_block(p, buf, last + 1);
		have -= (size_t)(last + 1 - buf);
		memmove(buf, last + 1, have);
	}
	if (ferror(f))
		rc = -EIO;
	if (have)
		lg_parser_feed(p, buf, have);
	lg_parser_finish(p);
	lg_parser_free(p);
	free(buf);
	return rc;
}
