// SPDX-License-Identifier: GPL-2.0
/*
 * The module at fault of a finished event (culprit_module): a module that
 * taints the kernel (out-of-tree O, unsigned E, proprietary P) and holds
 * the RIP or the guilty frame; for a task that is stuck (hung task, lockup,
 * RCU stall, list corruption, sleeping in atomic context) the tainting
 * module its stack runs through, or the module of the work item that the
 * "Workqueue:" line names.  A stuck task's top frames are the scheduler and
 * the wait or lock it sits in, so the first frame rarely names the driver.
 * fault_module names the module at fault whether or not it taints: the
 * culprit, else the module of the guilty frame.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "parse.h"
#include "parse_int.h"

/* Where a stuck task waits: these frames are machinery, not the driver. */
static const char *const waiting[] = {
	"sched", "wait", "_lock", "lock_", "down", "rwsem", "mutex", "completion",
	"sleep", "spin", "cond_resched", "kthread", "worker_thread", NULL
};

static bool is_tainting_module(const struct lg_event *ev, const char *mod)
{
	for (size_t i = 0; i < ev->ntainting; i++)
		if (!strcmp(ev->tainting_modules[i], mod))
			return true;
	/* No module list printed: the kernel's own taint has to speak for it. */
	return !ev->nmodules && ev->taint && strpbrk(ev->taint, "POE");
}

static bool is_waiting(const char *func)
{
	for (const char *const *w = waiting; *w; w++)
		if (strstr(func, *w))
			return true;
	return false;
}

static bool is_stuck_class(enum lg_class c)
{
	return c == LG_CLASS_HUNG_TASK || c == LG_CLASS_SOFT_LOCKUP ||
	       c == LG_CLASS_HARD_LOCKUP || c == LG_CLASS_RCU_STALL ||
	       c == LG_CLASS_LIST_CORRUPTION || c == LG_CLASS_ATOMIC_SLEEP;
}

static size_t frames_of(const struct lg_event *ev, const char *mod)
{
	size_t n = 0;

	for (size_t i = 0; i < ev->ntrace; i++)
		n += ev->trace[i].module && !strcmp(ev->trace[i].module, mod);
	return n;
}

/*
 * The first tainting module frame that is not a wait or lock primitive
 * (zfs's txg code, not spl's cv_wait); when all of them wait, the
 * tainting module with the most frames on the stack.
 */
static const char *stack_module(const struct lg_event *ev)
{
	const char *best = NULL;
	size_t most = 0;

	for (size_t i = 0; i < ev->ntrace; i++) {
		const struct lg_frame *f = &ev->trace[i];

		if (!f->reliable || !f->module || !is_tainting_module(ev, f->module))
			continue;
		if (f->function && !is_waiting(f->function))
			return f->module;
		if (frames_of(ev, f->module) > most) {
			most = frames_of(ev, f->module);
			best = f->module;
		}
	}
	return best;
}

/* "Workqueue: events frob_work_fn [frobnic]" */
static char *workqueue_module(const struct lg_event *ev)
{
	const char *open, *close;

	if (!ev->workqueue || !(open = strrchr(ev->workqueue, '[')) ||
	    !(close = strchr(open, ']')) || close == open + 1)
		return NULL;
	return strndup(open + 1, (size_t)(close - open - 1));
}

static void set_culprit(struct lg_event *ev);

/* "GUILTY+0x2c/0x68 [mod]" anywhere in the text (lockdep's "at:" lines). */
static char *module_in_text(const struct lg_event *ev, const char *func)
{
	size_t n = strlen(func);

	for (size_t i = 0; i < ev->nlines; i++) {
		const char *l = ev->lines[i].line, *p = l, *open, *close;

		while (l && (p = strstr(p, func)) != NULL) {
			bool word = (p == l || !(isalnum((unsigned char)p[-1]) || p[-1] == '_'));

			p += n;
			if (!word || strncmp(p, "+0x", 3))
				continue;
			open = strchr(p, ' ');
			if (open && open[1] == '[' && (close = strchr(open + 2, ']')) &&
			    close > open + 2 && !memchr(open + 2, ' ', (size_t)(close - open - 2)))
				return strndup(open + 2, (size_t)(close - open - 2));
		}
	}
	return NULL;
}

/*
 * The module at fault that the event names (fault_module): the culprit;
 * else the module of the guilty frame (or, with none, of the RIP) as the
 * call trace, the RIP line or any line printing "FUNC+0x../0x.. [mod]"
 * gives it (ARM prints the module only in its "(FUNC+OFF/SIZE [mod])"
 * form, a WARNING line names it after the function).
 */
static void set_fault_module(struct lg_event *ev)
{
	const char *g = ev->guilty_frame;

	if (ev->fault_module)
		return;
	if (ev->culprit_module) {
		ev->fault_module = strdup(ev->culprit_module);
		return;
	}
	if (!g && ev->has_rip)
		g = ev->rip.function;
	if (!g)
		return;
	for (size_t i = 0; i < ev->ntrace; i++)
		if (ev->trace[i].module && lg_func_same(ev->trace[i].function, g)) {
			ev->fault_module = strdup(ev->trace[i].module);
			return;
		}
	if (ev->has_rip && ev->rip.module && lg_func_same(ev->rip.function, g)) {
		ev->fault_module = strdup(ev->rip.module);
		return;
	}
	ev->fault_module = module_in_text(ev, g);
}

void lg_set_culprit(struct lg_event *ev)
{
	set_culprit(ev);
	set_fault_module(ev);
}

static void set_culprit(struct lg_event *ev)
{
	const char *mod = NULL;
	char *wq;

	if (ev->culprit_module)
		return;
	if (ev->has_rip && ev->rip.module && is_tainting_module(ev, ev->rip.module))
		mod = ev->rip.module;
	for (size_t i = 0; !mod && ev->guilty_frame && i < ev->ntrace; i++)
		if (ev->trace[i].function && ev->trace[i].module &&
		    !strcmp(ev->trace[i].function, ev->guilty_frame) &&
		    is_tainting_module(ev, ev->trace[i].module))
			mod = ev->trace[i].module;
	if (!mod && is_stuck_class(ev->cls))
		mod = stack_module(ev);
	if (mod) {
		ev->culprit_module = strdup(mod);
		return;
	}
	wq = workqueue_module(ev);
	if (wq && is_tainting_module(ev, wq))
		ev->culprit_module = wq;
	else
		free(wq);
}
