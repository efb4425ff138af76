// SPDX-License-Identifier: GPL-2.0
/*
 * Out of memory.  Two hooks, one record:
 *
 * - The OOM notifier runs in out_of_memory() for a global OOM, before a
 *   victim is chosen, in the allocating task under oom_lock.  It only takes
 *   a snapshot (memory totals, the biggest processes) into static memory:
 *   nothing may be allocated there, and it never reports freed memory
 *   (*freed > 0 would cancel the OOM kill).
 * - oom:mark_victim (attached by name) fires when the killer has chosen,
 *   for global and memory cgroup OOMs alike, in the same task, with the
 *   victim's task_lock held.  It writes the OOM_VICTIM record (a survivable
 *   event: announced on the events group) with that snapshot.
 *
 * With panic_on_oom the kernel panics after the notifier instead of
 * choosing; the panic record takes the same snapshot (see capture.c).
 * Writers and readers of the snapshot all run under oom_lock, except a
 * panic on another CPU: the generation count lets it skip a torn snapshot.
 */
#include "lastgasp.h"

#include <linux/kprobes.h>
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/swap.h>
#include <linux/timekeeping.h>
#include <linux/vmstat.h>

#define LG_OOM_TASKS		8	/* biggest processes kept */
#define LG_OOM_SCAN_MAX		16384	/* processes looked at per snapshot */
/* A snapshot belongs to the OOM of the task that took it, shortly after. */
#define LG_OOM_FRESH_NS		(10ULL * NSEC_PER_SEC)
/*
 * OOM-victim records: at most LG_OOM_BURST per LG_OOM_WINDOW_NS, the rest
 * counted as dropped.  Any user can loop a memory cgroup into OOM kills;
 * the store must keep room for the events after them.
 */
#define LG_OOM_BURST		5
#define LG_OOM_WINDOW_NS	(300ULL * NSEC_PER_SEC)

struct lg_oom_task {
	u32 pid;
	s32 oom_score_adj;
	u64 rss_kb;
	char comm[TASK_COMM_LEN];
};

struct lg_meminfo {
	u64 total_kb;
	u64 free_kb;
	u64 available_kb;
	u64 swap_free_kb;
	u64 slab_unreclaimable_kb;
};

static struct {
	atomic_t gen;		/* odd while the notifier writes */
	u32 pid;		/* the allocating task; 0: used up */
	u64 time_ns;		/* ktime_get_mono_fast_ns() */
	struct lg_meminfo mem;
	u32 ntasks;
	struct lg_oom_task tasks[LG_OOM_TASKS];
} lg_snap;

static notrace u64 lg_pages_kb(unsigned long pages)
{
	return (u64)pages << (PAGE_SHIFT - 10);
}

NOKPROBE_SYMBOL(lg_pages_kb);

/*
 * Lockless counters only (crash path too).  si_meminfo() is not used: it
 * counts block device pages under a spinlock.  The swap total is not
 * exported (si_swapinfo, total_swap_pages): the record leaves it out.
 */
static notrace void lg_meminfo_now(struct lg_meminfo *m)
{
	m->total_kb = lg_pages_kb(totalram_pages());
	m->free_kb = lg_pages_kb(global_zone_page_state(NR_FREE_PAGES));
	m->available_kb = lg_pages_kb(si_mem_available());
	m->swap_free_kb = lg_pages_kb(max_t(long, get_nr_swap_pages(), 0));
	m->slab_unreclaimable_kb =
		lg_pages_kb(global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B));
}

NOKPROBE_SYMBOL(lg_meminfo_now);

/* Keep tasks[] sorted by RSS, largest first, at most LG_OOM_TASKS. */
static void lg_snap_offer(const struct lg_oom_task *t)
{
	u32 i = min_t(u32, lg_snap.ntasks, LG_OOM_TASKS - 1);

	if (lg_snap.ntasks == LG_OOM_TASKS &&
	    t->rss_kb <= lg_snap.tasks[LG_OOM_TASKS - 1].rss_kb)
		return;
	while (i > 0 && lg_snap.tasks[i - 1].rss_kb < t->rss_kb) {
		lg_snap.tasks[i] = lg_snap.tasks[i - 1];
		i--;
	}
	lg_snap.tasks[i] = *t;
	if (lg_snap.ntasks < LG_OOM_TASKS)
		lg_snap.ntasks++;
}

/*
 * The processes holding the most resident memory, as dump_tasks() sees
 * them: under rcu_read_lock(), each mm read under its task_lock.  A task
 * whose lock is busy is skipped rather than waited for.
 */
static void lg_snap_tasks(void)
{
	struct task_struct *p;
	struct lg_oom_task t;
	u32 scanned = 0;

	lg_snap.ntasks = 0;
	rcu_read_lock();
	for_each_process(p) {
		if (++scanned > LG_OOM_SCAN_MAX)
			break;
		if (p->flags & PF_KTHREAD || !spin_trylock(&p->alloc_lock))
			continue;
		if (!p->mm) {
			task_unlock(p);
			continue;
		}
		t.pid = p->pid;
		t.rss_kb = lg_pages_kb(get_mm_rss(p->mm));
		memcpy(t.comm, p->comm, sizeof(t.comm));
		t.comm[sizeof(t.comm) - 1] = '\0';
		t.oom_score_adj = READ_ONCE(p->signal->oom_score_adj);
		task_unlock(p);
		lg_snap_offer(&t);
	}
	rcu_read_unlock();
}

static int lg_oom_notify(struct notifier_block *nb, unsigned long val,
			 void *freed)
{
	/* *freed stays as it is: we free nothing and must not say so. */
	atomic_inc(&lg_snap.gen);
	smp_wmb();	/* odd generation before the data changes */
	lg_snap.pid = current->pid;
	lg_snap.time_ns = ktime_get_mono_fast_ns();
	lg_meminfo_now(&lg_snap.mem);
	lg_snap_tasks();
	smp_wmb();	/* data before the even generation */
	atomic_inc(&lg_snap.gen);
	return NOTIFY_DONE;
}

static struct notifier_block lg_oom_nb = {
	.notifier_call = lg_oom_notify,
};

static notrace void lg_put_meminfo(struct lg_tlv *w, const struct lg_meminfo *m)
{
	u32 nest = lg_tlv_nest_start(w, LASTGASP_R_MEMINFO);

	if (nest == U32_MAX)
		return;
	lg_tlv_put_u64(w, LASTGASP_MEM_TOTAL_KB, m->total_kb);
	lg_tlv_put_u64(w, LASTGASP_MEM_FREE_KB, m->free_kb);
	lg_tlv_put_u64(w, LASTGASP_MEM_AVAILABLE_KB, m->available_kb);
	lg_tlv_put_u64(w, LASTGASP_MEM_SWAP_FREE_KB, m->swap_free_kb);
	lg_tlv_put_u64(w, LASTGASP_MEM_SLAB_UNRECLAIMABLE_KB,
		       m->slab_unreclaimable_kb);
	lg_tlv_nest_end(w, nest);
}

NOKPROBE_SYMBOL(lg_put_meminfo);

static notrace void lg_put_task(struct lg_tlv *w, const struct lg_oom_task *t)
{
	u32 nest = lg_tlv_nest_start(w, LASTGASP_TASKS_TASK);

	if (nest == U32_MAX)
		return;
	lg_tlv_put_u32(w, LASTGASP_T_PID, t->pid);
	lg_tlv_put_str(w, LASTGASP_T_COMM, t->comm, TASK_COMM_LEN - 1);
	lg_tlv_put_u64(w, LASTGASP_T_RSS_KB, t->rss_kb);
	lg_tlv_put_u32(w, LASTGASP_T_OOM_SCORE_ADJ, (u32)t->oom_score_adj);
	lg_tlv_nest_end(w, nest);
}

NOKPROBE_SYMBOL(lg_put_task);

/* The snapshot, if the current task took it for this OOM; else false. */
static notrace bool lg_put_snapshot(struct lg_tlv *w)
{
	u32 start = w->len, nest, i;
	int gen = atomic_read(&lg_snap.gen);

	smp_rmb();	/* the generation before the data */
	if ((gen & 1) || READ_ONCE(lg_snap.pid) != current->pid ||
	    ktime_get_mono_fast_ns() - lg_snap.time_ns > LG_OOM_FRESH_NS)
		return false;
	lg_put_meminfo(w, &lg_snap.mem);
	nest = lg_tlv_nest_start(w, LASTGASP_R_TASKS);
	if (nest != U32_MAX) {
		for (i = 0; i < min_t(u32, lg_snap.ntasks, LG_OOM_TASKS); i++)
			lg_put_task(w, &lg_snap.tasks[i]);
		lg_tlv_nest_end(w, nest);
	}
	smp_rmb();	/* the data before the generation again */
	if (atomic_read(&lg_snap.gen) != gen) {
		w->len = start;		/* torn by a notifier meanwhile */
		return false;
	}
	return true;
}

NOKPROBE_SYMBOL(lg_put_snapshot);

/* A memory cgroup OOM (no notifier): live totals and the victim alone. */
static notrace void lg_put_live(struct lg_tlv *w, const struct lg_event *ev)
{
	struct lg_meminfo m;
	struct lg_oom_task t = {};
	struct mm_struct *mm;
	u32 nest;

	lg_meminfo_now(&m);
	lg_put_meminfo(w, &m);
	if (!ev->victim)
		return;
	mm = READ_ONCE(ev->victim->mm);
	if (!mm)
		return;
	t.pid = ev->victim_pid;
	t.rss_kb = lg_pages_kb(get_mm_rss(mm));
	strscpy(t.comm, ev->victim_comm ?: "", sizeof(t.comm));
	t.oom_score_adj = READ_ONCE(ev->victim->signal->oom_score_adj);
	nest = lg_tlv_nest_start(w, LASTGASP_R_TASKS);
	if (nest == U32_MAX)
		return;
	lg_put_task(w, &t);
	lg_tlv_nest_end(w, nest);
}

NOKPROBE_SYMBOL(lg_put_live);

/* Crash path: MEMINFO and TASKS (and the victim) of an OOM record. */
notrace void lg_oom_put(struct lg_tlv *w, const struct lg_event *ev)
{
	if (ev->kind == LASTGASP_KIND_OOM_VICTIM) {
		lg_tlv_put_u32(w, LASTGASP_R_VICTIM_PID, ev->victim_pid);
		if (ev->victim_comm)
			lg_tlv_put_str(w, LASTGASP_R_VICTIM_COMM, ev->victim_comm,
				       TASK_COMM_LEN - 1);
	}
	if (!lg_put_snapshot(w))
		lg_put_live(w, ev);
}

NOKPROBE_SYMBOL(lg_oom_put);

/*
 * Rate limit of OOM-victim records.  mark_victim fires under oom_lock
 * (global and memory cgroup OOMs alike), so one caller at a time.
 */
static u64 lg_oom_window_start;
static u32 lg_oom_in_window;

static notrace bool lg_oom_victim_allowed(void)
{
	u64 now = ktime_get_mono_fast_ns();
	u32 n = READ_ONCE(lg_oom_in_window);

	if (!n || now - READ_ONCE(lg_oom_window_start) >= LG_OOM_WINDOW_NS) {
		WRITE_ONCE(lg_oom_window_start, now);
		n = 0;
	}
	if (n >= LG_OOM_BURST)
		return false;
	WRITE_ONCE(lg_oom_in_window, n + 1);
	return true;
}

NOKPROBE_SYMBOL(lg_oom_victim_allowed);

/*
 * oom:mark_victim, in the task that ran out of memory.  With the (task,
 * uid) signature the caller holds the victim's task_lock (or the victim is
 * current), so its comm and mm are stable here.
 */
static notrace void lg_mark_victim(LG_MARK_VICTIM_ARGS)
{
	struct task_struct *victim = lg_mark_victim_task();
	struct lg_event ev = {};

	ev.kind = LASTGASP_KIND_OOM_VICTIM;
	ev.victim_pid = lg_mark_victim_pid();
	ev.victim = victim;
	ev.victim_comm = victim ? victim->comm : NULL;
	if (lg_oom_victim_allowed())
		lg_capture(&ev);
	else
		lg_store_count_drop();
	/* One OOM, one snapshot: a later memcg OOM must not reuse it. */
	WRITE_ONCE(lg_snap.pid, 0);
}

NOKPROBE_SYMBOL(lg_mark_victim);

static struct lg_tp lg_mark_victim_tp = {
	.name = "mark_victim",
	.probe = lg_mark_victim,
};

u32 lg_oom_init(void)
{
	u32 armed = 0;

	if (!register_oom_notifier(&lg_oom_nb))
		armed |= LASTGASP_HOOK_OOM;
	if (!lg_tp_attach(&lg_mark_victim_tp))
		armed |= LASTGASP_HOOK_OOM_VICTIM;
	else
		pr_warn("tracepoint oom:mark_victim not found, OOM kills are not recorded\n");
	return armed;
}

/* The caller then waits for running probes (tracepoint_synchronize_unregister). */
void lg_oom_exit(void)
{
	lg_tp_detach(&lg_mark_victim_tp);
	unregister_oom_notifier(&lg_oom_nb);
}
