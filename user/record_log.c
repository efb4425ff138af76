// SPDX-License-Identifier: GPL-2.0
/*
 * The log tail of a module record, and the one merge across records.
 *
 * A record's LASTGASP_R_LOG holds the newest kernel log text at capture
 * time.  It goes through the same parser as `analyze`; of the events found
 * the one that best matches the record (same RIP function, same class, the
 * latest) fills what the record's fields cannot say.  Only the best event is
 * kept while parsing, so memory stays bounded whatever the log holds.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "parse.h"
#include "classify.h"
#include "record_int.h"

struct pick {
	struct lg_event *best;
	int best_score;
	enum lg_class base;
	const char *rip_function;
	int pid;		/* the record's task, -1 when unknown */
};

static void pick_event(struct lg_event *ev, void *arg)
{
	struct pick *p = arg;
	int score = 1;

	if (ev->cls != LG_CLASS_NONE && ev->cls == p->base)
		score += 2;
	if (p->rip_function && ev->has_rip && ev->rip.function &&
	    strcmp(ev->rip.function, p->rip_function) == 0)
		score += 4;
	/* Several CPUs crashing at once print one report each: ours names
	 * the record's task (and is of the record's kind: a panic's stack
	 * dump names the task too). */
	if (p->pid >= 0 && ev->pid == p->pid &&
	    (p->base == LG_CLASS_NONE || ev->cls == p->base))
		score += 8;
	/* Ties go to the later event: the crash is at the end of the log. */
	if (score >= p->best_score) {
		if (p->best) {
			lg_event_free(p->best);
			free(p->best);
		}
		p->best = ev;
		p->best_score = score;
		return;
	}
	lg_event_free(ev);
	free(ev);
}

#define TAKE(field) do {				\
		if (!ev->field) {			\
			ev->field = log->field;		\
			log->field = NULL;		\
		}					\
	} while (0)

static void swap_frames(struct lg_frame *a, struct lg_frame *b)
{
	struct lg_frame t = *a;

	*a = *b;
	*b = t;
}

static void merge_oom(struct lg_event *ev, struct lg_event *log)
{
	struct lg_oom rec = ev->oom, *o = &ev->oom;

	if (!log->oom.present)
		return;
	/* The log's OOM report is richer; the record fills its gaps. */
	ev->oom = log->oom;
	log->oom = rec;
	if (!o->invoker) {
		o->invoker = rec.invoker;
		o->invoker_pid = rec.invoker_pid;
		log->oom.invoker = NULL;
	}
	if (!o->victim_pid) {
		o->victim_pid = rec.victim_pid;
		o->victim_rss_kb = rec.victim_rss_kb;
		o->victim_ram_share = rec.victim_ram_share;
	}
	if (!o->victim_comm) {
		o->victim_comm = rec.victim_comm;
		log->oom.victim_comm = NULL;
	}
	if (!o->ntasks) {
		free(o->tasks);
		o->tasks = rec.tasks;
		o->ntasks = rec.ntasks;
		log->oom.tasks = NULL;
		log->oom.ntasks = 0;
	}
#define FILL(f) do { if (!o->f) o->f = rec.f; } while (0)
	FILL(mem_total_kb);
	FILL(mem_free_kb);
	FILL(mem_available_kb);
	FILL(swap_total_kb);
	FILL(swap_free_kb);
	FILL(slab_unreclaimable_kb);
#undef FILL
}

static void merge_stall(struct lg_event *ev, struct lg_event *log)
{
	struct lg_stall rec = ev->stall;

	if (!log->stall.present)
		return;
	ev->stall = log->stall;
	log->stall = rec;
	if (ev->stall.cpu < 0)
		ev->stall.cpu = rec.cpu;
	if (!ev->stall.task) {
		ev->stall.task = rec.task;
		ev->stall.pid = rec.pid;
		log->stall.task = NULL;
	}
}

static bool has_line(const struct lg_evidence *lines, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(lines[i].line, s) == 0)
			return true;
	return false;
}

/* The log's real lines first, then the rebuilt ones it does not repeat. */
static int merge_lines(struct lg_event *ev, struct lg_event *log)
{
	struct lg_evidence *n;
	size_t k = log->nlines;

	n = realloc(log->lines, (log->nlines + ev->nlines + 1) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	log->lines = n;
	for (size_t i = 0; i < ev->nlines; i++) {
		if (has_line(n, log->nlines, ev->lines[i].line)) {
			free(ev->lines[i].line);
			continue;
		}
		n[k++] = ev->lines[i];
	}
	free(ev->lines);
	ev->lines = n;
	ev->nlines = k;
	log->lines = NULL;
	log->nlines = 0;
	return 0;
}

/*
 * The log's report replaces the record's RIP and stack: a stall panic's
 * are the watchdog's.  A report without a RIP line (a hung task's stack)
 * leaves no RIP at all rather than the watchdog's.
 */
static void log_frames_win(struct lg_event *ev, struct lg_event *log)
{
	struct lg_frame *trace = ev->trace;
	size_t ntrace = ev->ntrace;

	if (!log->has_rip && !log->ntrace)
		return;
	swap_frames(&ev->rip, &log->rip);
	ev->has_rip = log->has_rip;
	log->has_rip = false;	/* the record's RIP must not come back */
	ev->rip_user = log->rip_user;
	ev->has_cr2 = false;
	if (log->ntrace) {
		ev->trace = log->trace;
		ev->ntrace = log->ntrace;
		log->trace = trace;
		log->ntrace = ntrace;
	}
}

static void merge_frames(struct lg_event *ev, struct lg_event *log,
			 bool log_wins)
{
	if (log_wins)
		log_frames_win(ev, log);
	if (!ev->has_rip && log->has_rip) {
		swap_frames(&ev->rip, &log->rip);
		ev->has_rip = true;
		ev->rip_user = log->rip_user;
	} else if (ev->has_rip && !ev->rip.function && log->has_rip &&
		   log->rip.function &&
		   (!ev->rip.has_address || !log->rip.has_address ||
		    ev->rip.address == log->rip.address)) {
		ev->rip.function = log->rip.function;
		ev->rip.offset = log->rip.offset;
		ev->rip.size = log->rip.size;
		log->rip.function = NULL;
		if (!ev->rip.module) {
			ev->rip.module = log->rip.module;
			log->rip.module = NULL;
		}
	}
	if (!ev->has_cr2 && log->has_cr2) {
		ev->has_cr2 = true;
		ev->cr2 = log->cr2;
	}
	/* The record's arrays may exist with no entry (frames that were
	 * all unusable): free them before taking the log's. */
	if (!ev->ntrace && log->ntrace) {
		free(ev->trace);
		ev->trace = log->trace;
		ev->ntrace = log->ntrace;
		log->trace = NULL;
		log->ntrace = 0;
	}
	if (!ev->nmodules && log->nmodules) {
		free(ev->modules);
		ev->modules = log->modules;
		ev->nmodules = log->nmodules;
		log->modules = NULL;
		log->nmodules = 0;
		free(ev->tainting_modules);
		ev->tainting_modules = log->tainting_modules;
		ev->ntainting = log->ntainting;
		log->tainting_modules = NULL;
		log->ntainting = 0;
	}
}

static int merge_event(struct lg_event *ev, struct lg_event *log,
		       bool log_wins)
{
	ev->cls = log->cls;
	TAKE(title);
	TAKE(signature);
	TAKE(time);
	TAKE(kernel_release);
	TAKE(hardware);
	TAKE(comm);
	TAKE(taint);
	TAKE(panic_message);
	TAKE(guilty_frame);
	TAKE(culprit_module);
	TAKE(workqueue);
	if (ev->cpu < 0)
		ev->cpu = log->cpu;
	if (ev->pid < 0)
		ev->pid = log->pid;
	if (ev->uptime < 0)
		ev->uptime = log->uptime;
	merge_frames(ev, log, log_wins);
	merge_oom(ev, log);
	merge_stall(ev, log);
	return merge_lines(ev, log);
}
#undef TAKE

int lg_record_merge_log(const struct lg_record *r, struct lg_event *ev)
{
	struct nlattr *log = r->tb[LASTGASP_R_LOG];
	struct pick p = {
		.base = lg_record_base_class(r),
		.rip_function = ev->has_rip ? ev->rip.function : NULL,
		.pid = ev->pid,
	};
	int err;

	if (!log || nla_len(log) <= 0)
		return 0;
	err = lg_parse_buffer(nla_data(log), nla_len(log), "record",
			      pick_event, &p);
	if (err < 0 || !p.best)
		return err == -ENOMEM ? err : 0;
	err = merge_event(ev, p.best, lg_record_log_wins(r, p.best->cls));
	lg_event_free(p.best);
	free(p.best);
	return err;
}

static bool is_fatal_exception(const struct lg_record *r)
{
	struct nlattr *m = r->tb[LASTGASP_R_MESSAGE];
	struct nlattr *reason = r->tb[LASTGASP_R_PANIC_REASON];

	if (reason && nla_get_u32(reason) == LASTGASP_PANIC_OOPS)
		return true;
	/* oops_end(): "Fatal exception" or "Fatal exception in interrupt" */
	return m && strncmp(nla_get_string(m), "Fatal exception", 15) == 0;
}

/*
 * Which record a panic ends: a die record when the panic is oops_end()'s
 * "Fatal exception"; a survivable event's record (OOM kill, WARN, soft
 * lockup, hung task, RCU stall) when the panic names the same class
 * (panic_on_oom, panic_on_warn, softlockup_panic, hung_task_panic,
 * panic_on_rcu_stall).
 */
static bool panic_ends(const struct lg_record *first,
		       const struct lg_record *panic)
{
	switch (first->kind) {
	case LASTGASP_KIND_DIE:
		return is_fatal_exception(panic);
	case LASTGASP_KIND_OOM:
	case LASTGASP_KIND_OOM_VICTIM:
	case LASTGASP_KIND_WARN:
	case LASTGASP_KIND_SOFT_LOCKUP:
	case LASTGASP_KIND_HUNG_TASK:
	case LASTGASP_KIND_RCU_STALL:
		return lg_record_base_class(first) == lg_record_base_class(panic);
	default:
		return false;
	}
}

/* What only the panic's event knows, into the event it ends. */
static void take_from_panic(struct lg_event *ev, struct lg_event *panic)
{
	if (!ev->has_rip && panic->has_rip) {
		swap_frames(&ev->rip, &panic->rip);
		ev->has_rip = true;
		panic->has_rip = false;
		ev->rip_user = panic->rip_user;
	}
	if (!ev->ntrace && panic->ntrace) {
		free(ev->trace);
		ev->trace = panic->trace;
		ev->ntrace = panic->ntrace;
		panic->trace = NULL;
		panic->ntrace = 0;
	}
	if (panic->oom.present) {
		ev->oom.panic_on_oom |= panic->oom.panic_on_oom;
		ev->oom.no_killable |= panic->oom.no_killable;
	}
}

bool lg_record_same_task(const struct lg_record *a, const struct lg_record *b)
{
	struct nlattr *pa = a->tb[LASTGASP_R_PID], *pb = b->tb[LASTGASP_R_PID];

	return pa && pb && nla_get_u32(pa) == nla_get_u32(pb);
}

bool lg_record_merge_fatal(const struct lg_record *first_rec,
			   struct lg_event *first,
			   const struct lg_record *panic_rec,
			   struct lg_event *panic)
{
	const char *msg;

	/*
	 * A die record normally comes first; when several CPUs oops at once
	 * the panicking task's own die record may be committed after the
	 * panic record (it raced another CPU for the store).
	 */
	if (panic_rec->kind != LASTGASP_KIND_PANIC || !first_rec->boot_id[0] ||
	    strcmp(first_rec->boot_id, panic_rec->boot_id) != 0 ||
	    (panic_rec->seq <= first_rec->seq &&
	     !(first_rec->kind == LASTGASP_KIND_DIE &&
	       lg_record_same_task(first_rec, panic_rec))) ||
	    !panic_ends(first_rec, panic_rec))
		return false;
	first->fatal = true;
	msg = panic->panic_message;
	if (!msg && panic_rec->tb[LASTGASP_R_MESSAGE])
		msg = nla_get_string(panic_rec->tb[LASTGASP_R_MESSAGE]);
	if (msg && !first->panic_message)
		first->panic_message = strdup(msg);
	if (first_rec->kind != LASTGASP_KIND_DIE) {
		take_from_panic(first, panic);
		lg_oom_verdict(first);
	}
	return true;
}
