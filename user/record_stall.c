// SPDX-License-Identifier: GPL-2.0
/*
 * Records whose own RIP and stack are not the answer.  A panic record of a
 * soft lockup, hard lockup, hung task or RCU stall was taken on the
 * watchdog's stack (watchdog_timer_fn, khungtaskd, rcu_sched_clock_irq),
 * and WARN/stall records carry no stack at all: the report the kernel
 * printed into the log tail names the stuck code, so its RIP and call trace
 * win.  A die record is the opposite: its registers and stack are the
 * fault's own, exact and symbolised at capture, and they win.
 */
#include <stdlib.h>
#include <string.h>
#include "classify.h"
#include "record_int.h"

bool lg_record_log_wins(const struct lg_record *r, enum lg_class log_cls)
{
	enum lg_class base = lg_record_base_class(r);

	if (r->kind == LASTGASP_KIND_DIE)
		return false;
	/*
	 * "Fatal exception" without the die record before it (dropped, or a
	 * kernel whose die chain did not run): the oops in the log is where
	 * the kernel faulted, the panic record's RIP only oops_end()'s caller.
	 */
	if (r->kind == LASTGASP_KIND_PANIC && base == LG_CLASS_OOPS &&
	    log_cls != LG_CLASS_NONE && log_cls != LG_CLASS_PANIC)
		return true;
	if (log_cls != base)
		return false;
	switch (base) {
	case LG_CLASS_SOFT_LOCKUP:
	case LG_CLASS_HARD_LOCKUP:
	case LG_CLASS_RCU_STALL:
	case LG_CLASS_HUNG_TASK:
	case LG_CLASS_WARNING:
		return true;
	default:
		return false;
	}
}

/* Where a CPU spins or waits while stuck: the loop is in their caller. */
static bool busy_helper(const char *fn)
{
	static const char *const busy[] = {
		"delay", "cpu_relax", "rep_nop", "native_halt", "native_safe_halt",
		"queued_spin", "_raw_spin", "do_raw_spin", "pv_wait", "pv_kick",
		"__pv_queued", "csd_lock_wait", NULL
	};

	for (const char *const *b = busy; *b; b++)
		if (strstr(fn, *b))
			return true;
	return lg_frame_is_generic(fn);
}

/* The entry of the interrupt that caught the stuck code (x86 and arm64). */
static bool interrupt_entry(const char *fn)
{
	return !strncmp(fn, "asm_sysvec_", 11) ||
	       !strncmp(fn, "asm_common_interrupt", 20) ||
	       !strncmp(fn, "asm_exc_nmi", 11) ||
	       strstr(fn, "apic_timer_interrupt") == fn ||
	       !strncmp(fn, "el1h_64_irq", 11) || !strncmp(fn, "el1_interrupt", 13);
}

/* A RIP among the frames above the interrupt entry is the watchdog's. */
static bool in_handler(const struct lg_event *ev, size_t start)
{
	for (size_t i = 0; i < start; i++)
		if (ev->trace[i].function &&
		    !strcmp(ev->trace[i].function, ev->rip.function))
			return true;
	return false;
}

/*
 * The looping function of a soft/hard lockup or RCU stall: the first frame
 * of the interrupted code that is not a delay, spin or generic helper.
 * Frames above the interrupt entry belong to the watchdog and are skipped.
 */
static const char *stuck_function(const struct lg_event *ev)
{
	size_t start = 0;

	for (size_t i = 0; i < ev->ntrace; i++)
		if (ev->trace[i].function && interrupt_entry(ev->trace[i].function))
			start = i + 1;
	if (ev->has_rip && !ev->rip_user && ev->rip.function &&
	    !busy_helper(ev->rip.function) && !in_handler(ev, start))
		return ev->rip.function;
	for (size_t i = start; i < ev->ntrace; i++) {
		const struct lg_frame *f = &ev->trace[i];

		if (f->reliable && f->function && !f->context &&
		    !busy_helper(f->function))
			return f->function;
	}
	return NULL;
}

void lg_record_stall_guilty(struct lg_event *ev)
{
	const char *fn;
	char *dup;

	if (ev->cls != LG_CLASS_SOFT_LOCKUP && ev->cls != LG_CLASS_HARD_LOCKUP &&
	    ev->cls != LG_CLASS_RCU_STALL)
		return;
	fn = stuck_function(ev);
	if (!fn)
		return;
	dup = strdup(fn);
	if (!dup)
		return;
	free(ev->guilty_frame);
	ev->guilty_frame = dup;
}
