// SPDX-License-Identifier: GPL-2.0
/*
 * Events the kernel reports and survives, with no die or panic to hook:
 * WARN() (panic_on_warn=0), soft lockups (softlockup_panic=0), RCU stalls
 * (panic_on_rcu_stall=0) and hung tasks (hung_task_panic=0).
 *
 * Detection: the printk:console tracepoint sees every log record as it is
 * stored (5.19+), in the context of whoever prints: any context, NMI
 * included, possibly with the printk machinery's locks held.  Its probe
 * does a bounded compare of the record's start with a few fixed prefixes
 * and, on a match, notes the event in static memory and queues an
 * irq_work (NMI-safe).  Hung tasks come from sched:sched_process_hang,
 * which names the blocked task.  Nothing on these paths may printk: that
 * would recurse into the probe.
 *
 * Before 5.19 the tracepoint only saw records the consoles printed, so
 * with a quiet console level these events go unrecorded there.
 *
 * The CPU that printed may be the stuck one (soft lockup, RCU stall: it
 * spins with preemption off, for good if nothing panics).  Nothing may
 * wait for it: the irq_work is a hard one (PREEMPT_RT would otherwise run
 * it in that CPU's irq_work thread), its timer is armed on another CPU
 * (RT runs timers in a per-CPU thread too) and the work is unbound.
 * Arming a timer and queueing work take raw spinlocks only, fine in hard
 * interrupt context on RT.
 *
 * Capture: the irq_work (re)arms a delayed work, so the record is made a
 * little later in process context, when the report is complete in the log,
 * and announced like every survivable record.  If the event turns into a
 * panic meanwhile (the panic_on_* knobs), the panic record is the one.
 * At most one record per kind per LG_STALL_INTERVAL, and the same task
 * (a hung task khungtaskd reports at every check) once per
 * LG_STALL_SAME_INTERVAL; the rest count as dropped.
 */
#include "lastgasp.h"

#include <linux/cpumask.h>
#include <linux/irq_work.h>
#include <linux/jiffies.h>
#include <linux/kprobes.h>
#include <linux/pid.h>
#include <linux/sched/task.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#define LG_STALL_DELAY		msecs_to_jiffies(1500)
#define LG_STALL_INTERVAL	(10 * HZ)
/* The same task reported again (a hung task every check): once per this. */
#define LG_STALL_SAME_INTERVAL	(300 * HZ)
#define LG_STALL_LINE		160	/* the matched log line kept as MESSAGE */

enum lg_stall_type {
	LG_ST_WARN,
	LG_ST_SOFT_LOCKUP,
	LG_ST_RCU_STALL,
	LG_ST_HUNG_TASK,
	LG_ST_N
};

static const u32 lg_stall_kind[LG_ST_N] = {
	[LG_ST_WARN] = LASTGASP_KIND_WARN,
	[LG_ST_SOFT_LOCKUP] = LASTGASP_KIND_SOFT_LOCKUP,
	[LG_ST_RCU_STALL] = LASTGASP_KIND_RCU_STALL,
	[LG_ST_HUNG_TASK] = LASTGASP_KIND_HUNG_TASK,
};

#define LG_PREFIX(s, t)	{ s, sizeof(s) - 1, t }

/*
 * The first line of each report, without log level (printk strips it
 * before the tracepoint).  Not "------------[ cut here ]": BUG() and other
 * oopses print it too.
 */
static const struct {
	const char *text;
	size_t len;
	enum lg_stall_type type;
} lg_prefixes[] = {
	LG_PREFIX("WARNING: CPU:", LG_ST_WARN),
	LG_PREFIX("watchdog: BUG: soft lockup", LG_ST_SOFT_LOCKUP),
	LG_PREFIX("BUG: soft lockup", LG_ST_SOFT_LOCKUP),
	LG_PREFIX("rcu: INFO: rcu_", LG_ST_RCU_STALL),
	LG_PREFIX("INFO: rcu_", LG_ST_RCU_STALL),
};

/*
 * The claimed bit of a type is taken by the hook that notes the event and
 * given back by the work once it copied the note: one writer at a time.
 * The ready bit is set only once the note is complete: the work copies
 * nothing half-written.
 */
struct lg_stall_note {
	struct lg_who who;
	char line[LG_STALL_LINE];
};

static unsigned long lg_claimed;
static unsigned long lg_ready;
static struct lg_stall_note lg_notes[LG_ST_N];
static bool lg_stalls_ready;

/* Work side only. */
static unsigned long lg_last[LG_ST_N];
static u32 lg_last_pid[LG_ST_N];
static bool lg_recorded[LG_ST_N];

static void lg_stall_irq_work_fn(struct irq_work *iw);
static void lg_stall_work_fn(struct work_struct *work);
static struct irq_work lg_stall_iw;
static DECLARE_DELAYED_WORK(lg_stall_work, lg_stall_work_fn);

static notrace void lg_note(enum lg_stall_type type, const struct task_struct *t,
			    u32 cpu, const char *text, size_t len)
{
	struct lg_stall_note *n = &lg_notes[type];

	if (!READ_ONCE(lg_stalls_ready))
		return;
	if (test_and_set_bit(type, &lg_claimed)) {
		lg_store_count_drop();	/* one record covers it */
		return;
	}
	n->who.pid = t->pid;
	n->who.cpu = cpu;
	memcpy(n->who.comm, t->comm, sizeof(n->who.comm));
	n->who.comm[sizeof(n->who.comm) - 1] = '\0';
	len = min(len, sizeof(n->line) - 1);
	memcpy(n->line, text, len);
	n->line[len] = '\0';
	strim(n->line);		/* the trailing newline */
	smp_mb__before_atomic();	/* the note before the ready bit */
	set_bit(type, &lg_ready);
	irq_work_queue(&lg_stall_iw);
}

NOKPROBE_SYMBOL(lg_note);

/*
 * 7.x prints a WARN's first line as "WARNING: [COND] FILE:LINE at
 * FUNC+OFF/SIZE, CPU#N: COMM/PID", where 6.x printed "WARNING: CPU: N
 * PID: N at ...".  Other reports that start with "WARNING: " (lockdep,
 * suspicious RCU usage) have no ", CPU#" on their first line.  Bounded:
 * the first line, at most LG_WARN_SCAN bytes of it.
 */
#define LG_WARN_SCAN	512

static __always_inline bool lg_is_warn_header(const char *text, size_t len)
{
	static const char head[] = "WARNING: ", cpu[] = ", CPU#";
	size_t i;

	if (len < sizeof(head) - 1 || memcmp(text, head, sizeof(head) - 1))
		return false;
	len = min_t(size_t, len, LG_WARN_SCAN);
	for (i = sizeof(head) - 1; i + sizeof(cpu) - 1 <= len && text[i] != '\n'; i++)
		if (text[i] == ',' && !memcmp(text + i, cpu, sizeof(cpu) - 1))
			return true;
	return false;
}

/*
 * Before 5.19 the tracepoint sees the line as the consoles print it, after
 * the "[    8.476321] " timestamp of printk.time: skip one.  Bounded.
 */
#define LG_STAMP_MAX	24

static __always_inline size_t lg_skip_stamp(const char *text, size_t len)
{
	size_t i;

	if (!len || text[0] != '[')
		return 0;
	for (i = 1; i < len && i < LG_STAMP_MAX; i++)
		if (text[i] == ']')
			return i + 1 < len && text[i + 1] == ' ' ? i + 2 : 0;
	return 0;
}

/* printk:console, for every record stored in the log. */
static notrace void lg_console_probe(void *data, const char *text, size_t len)
{
	size_t skip = lg_skip_stamp(text, len);
	int i;

	text += skip;
	len -= skip;

	for (i = 0; i < ARRAY_SIZE(lg_prefixes); i++) {
		if (len >= lg_prefixes[i].len &&
		    !memcmp(text, lg_prefixes[i].text, lg_prefixes[i].len)) {
			lg_note(lg_prefixes[i].type, current,
				raw_smp_processor_id(), text, len);
			return;
		}
	}
	if (lg_is_warn_header(text, len))
		lg_note(LG_ST_WARN, current, raw_smp_processor_id(), text, len);
}

NOKPROBE_SYMBOL(lg_console_probe);

/* sched:sched_process_hang, from khungtaskd before it prints. */
static notrace void lg_hang_probe(void *data, struct task_struct *tsk)
{
	char line[LG_STALL_LINE];
	int len;

	len = snprintf(line, sizeof(line), "INFO: task %s:%d blocked",
		       tsk->comm, tsk->pid);
	lg_note(LG_ST_HUNG_TASK, tsk, task_cpu(tsk), line,
		min_t(size_t, len, sizeof(line) - 1));
}

NOKPROBE_SYMBOL(lg_hang_probe);

static void lg_stall_irq_work_fn(struct irq_work *iw)
{
	unsigned int cpu = cpumask_any_but(cpu_online_mask, smp_processor_id());

	if (cpu >= nr_cpu_ids)
		cpu = WORK_CPU_UNBOUND;		/* the only CPU */
	/* Each new event pushes the capture back: the log is complete then. */
	mod_delayed_work_on(cpu, system_unbound_wq, &lg_stall_work, LG_STALL_DELAY);
}

#ifdef LG_HAVE_STACK_TRACE_SAVE_TSK
/*
 * The blocked task's stack, walked here in process context by
 * stack_trace_save_tsk(), which pins the stack for the walk (a task can
 * exit and free its stack at any moment; try_get_task_stack() alone is
 * no use to a module, put_task_stack() is not exported).  Where that is
 * not exported, nothing is walked: the record carries the stack the
 * kernel printed, in its log tail, and the reporter takes it from there.
 */
static unsigned long lg_hung_entries[LG_STACK_FRAMES];	/* the work's own */

static struct task_struct *lg_blocked_task(u32 pid)
{
	struct pid *p = find_get_pid(pid);
	struct task_struct *t = p ? get_pid_task(p, PIDTYPE_PID) : NULL;

	put_pid(p);
	if (t && (lg_task_is_running(t) || (t->flags & PF_EXITING) ||
		  !(lg_task_state(t) & TASK_UNINTERRUPTIBLE))) {
		put_task_struct(t);
		t = NULL;
	}
	return t;
}

static unsigned int lg_hung_stack(u32 pid)
{
	struct task_struct *t = lg_blocked_task(pid);
	unsigned int n;

	if (!t)
		return 0;
	n = stack_trace_save_tsk(t, lg_hung_entries, ARRAY_SIZE(lg_hung_entries), 0);
	put_task_struct(t);
	return n;
}
#else
static unsigned long lg_hung_entries[1];

static unsigned int lg_hung_stack(u32 pid)
{
	return 0;
}
#endif

static void lg_stall_record(enum lg_stall_type type, const struct lg_stall_note *n)
{
	struct lg_event ev = {};

	ev.kind = lg_stall_kind[type];
	ev.message = n->line;
	ev.who = &n->who;
	if (type == LG_ST_HUNG_TASK)
		ev.nr_entries = lg_hung_stack(n->who.pid);
	if (ev.nr_entries)
		ev.entries = lg_hung_entries;
	ev.no_stack = !ev.nr_entries;
	lg_capture(&ev);
}

static void lg_stall_work_fn(struct work_struct *work)
{
	struct lg_stall_note n;
	int type;

	for (type = 0; type < LG_ST_N; type++) {
		if (!test_bit(type, &lg_ready))
			continue;
		smp_rmb();	/* pairs with the barrier in lg_note() */
		n = lg_notes[type];
		clear_bit(type, &lg_ready);
		clear_bit_unlock(type, &lg_claimed);
		if (lg_recorded[type] &&
		    (time_before(jiffies, lg_last[type] + LG_STALL_INTERVAL) ||
		     (n.who.pid == lg_last_pid[type] &&
		      time_before(jiffies, lg_last[type] + LG_STALL_SAME_INTERVAL)))) {
			lg_store_count_drop();
			continue;
		}
		lg_recorded[type] = true;
		lg_last[type] = jiffies;
		lg_last_pid[type] = n.who.pid;
		lg_stall_record(type, &n);
	}
}

static struct lg_tp lg_console_tp = {
	.name = "console",
	.probe = lg_console_probe,
};

static struct lg_tp lg_hang_tp = {
	.name = "sched_process_hang",
	.probe = lg_hang_probe,
};

u32 lg_stalls_init(void)
{
	u32 armed = 0;

	lg_irq_work_init_hard(&lg_stall_iw, lg_stall_irq_work_fn);
	WRITE_ONCE(lg_stalls_ready, true);
	if (!lg_tp_attach(&lg_console_tp))
		armed |= LASTGASP_HOOK_CONSOLE;
	else
		pr_warn("tracepoint printk:console not found, warnings and stalls are not recorded\n");
	if (!lg_tp_attach(&lg_hang_tp))
		armed |= LASTGASP_HOOK_HUNG_TASK;
	else
		pr_warn("tracepoint sched:sched_process_hang not found, hung tasks are not recorded\n");
	return armed;
}

/* Detach first; the caller waits for running probes, then lg_stalls_exit(). */
void lg_stalls_detach(void)
{
	lg_tp_detach(&lg_console_tp);
	lg_tp_detach(&lg_hang_tp);
}

void lg_stalls_exit(void)
{
	WRITE_ONCE(lg_stalls_ready, false);
	irq_work_sync(&lg_stall_iw);
	cancel_delayed_work_sync(&lg_stall_work);
}
