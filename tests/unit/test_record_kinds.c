// SPDX-License-Identifier: GPL-2.0
/*
 * Stall panics, survivable events (OOM kill, WARN, soft lockup, hung task)
 * and the panics that end them, from attribute buffers built with libnl the
 * way the kernel module builds them.  The log tails are the kernel's own
 * report formats (6.1 and 6.12 x86-64), shortened.
 */
#include <string.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include "kselftest_harness.h"
#include "print.h"
#include "record.h"
#include "test_record_builders.h"

static const unsigned char boot_a[16] = { 0xa0, 1, 2, 3 };

static const char softlockup_log[] =
	"[    7.745779] watchdog: BUG: soft lockup - CPU#0 stuck for 3s! [hog:131]\n"
	"[    7.746011] Modules linked in: lgtest(OE) lastgasp(OE)\n"
	"[    7.746396] CPU: 0 PID: 131 Comm: hog Tainted: G           OE      6.1.0-56-amd64 #1  Debian 6.1.192-2\n"
	"[    7.746598] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014\n"
	"[    7.746792] RIP: 0010:delay_tsc+0x33/0xa0\n"
	"[    7.747347] RSP: 0018:ff6b07004065fa68 EFLAGS: 00000203\n"
	"[    7.748226] Call Trace:\n"
	"[    7.748792]  <TASK>\n"
	"[    7.748926]  lgtest_spin+0x43/0x62 [lgtest]\n"
	"[    7.749313]  lgt_write.cold+0x139/0x1f0 [lgtest]\n"
	"[    7.749386]  proc_reg_write+0x56/0xa0\n"
	"[    7.749435]  vfs_write+0xc7/0x3f0\n"
	"[    7.749481]  ksys_write+0x6b/0xf0\n"
	"[    7.749518]  do_syscall_64+0x5d/0xb0\n"
	"[    7.754273]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8\n"
	"[    7.755299]  </TASK>\n"
	"[    7.755491] Kernel panic - not syncing: softlockup: hung tasks\n"
	"[    7.755640] CPU: 0 PID: 131 Comm: hog Tainted: G           OEL     6.1.0-56-amd64 #1  Debian 6.1.192-2\n"
	"[    7.755847] Call Trace:\n"
	"[    7.756001]  <IRQ>\n"
	"[    7.756028]  dump_stack_lvl+0x44/0x5c\n"
	"[    7.756071]  panic+0x118/0x2f4\n"
	"[    7.756114]  watchdog_timer_fn.cold+0xc/0x16\n"
	"[    7.756210]  __hrtimer_run_queues+0x10d/0x250\n"
	"[    7.756474]  </IRQ>\n";

static const char hung_log[] =
	"[    4.700000] INFO: task hog:130 blocked for more than 2 seconds.\n"
	"[    4.700001]       Tainted: G           OE      6.1.0-56-amd64 #1 Debian 6.1.192-2\n"
	"[    4.700002] \"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n"
	"[    4.700003] task:hog             state:D stack:0     pid:130   ppid:1      flags:0x00000000\n"
	"[    4.700004] Call Trace:\n"
	"[    4.700005]  <TASK>\n"
	"[    4.700006]  __schedule+0x34d/0x9e0\n"
	"[    4.700007]  schedule+0x5a/0xd0\n"
	"[    4.700008]  schedule_timeout+0x94/0x150\n"
	"[    4.700009]  lgtest_hang+0x1d/0x30 [lgtest]\n"
	"[    4.700010]  lgt_write+0x200/0x380 [lgtest]\n"
	"[    4.700011]  proc_reg_write+0x56/0xa0\n"
	"[    4.700012]  vfs_write+0xc7/0x3f0\n"
	"[    4.700013]  ksys_write+0x6b/0xf0\n"
	"[    4.700014]  do_syscall_64+0x5d/0xb0\n"
	"[    4.700015]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8\n"
	"[    4.700016]  </TASK>\n"
	"[    4.700017] Kernel panic - not syncing: hung_task: blocked tasks\n";

static const char memcg_log[] =
	"[   50.000000] hog invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
	"[   50.000001] CPU: 0 PID: 200 Comm: hog Not tainted 6.1.0-56-amd64 #1  Debian 6.1.192-2\n"
	"[   50.000002] memory: usage 65536kB, limit 65536kB, failcnt 12\n"
	"[   50.000003] Memory cgroup out of memory: Killed process 200 (hog) total-vm:80000kB, anon-rss:65000kB, file-rss:100kB, shmem-rss:0kB, UID:0 pgtables:200kB oom_score_adj:0\n";

static void put_modules(struct nl_msg *msg)
{
	struct nlattr *n = nla_nest_start(msg, LASTGASP_R_MODULES);

	put_module(msg, "lgtest", "OE");
	nla_nest_end(msg, n);
}

static struct nlattr *start(struct nl_msg *msg, uint64_t seq, uint32_t kind,
			    uint32_t flags, const char *comm)
{
	struct nlattr *rec = record_start(msg, seq, boot_a, kind, flags);

	nla_put_u32(msg, LASTGASP_R_STATE, LASTGASP_STATE_PREVIOUS_BOOT);
	nla_put_u32(msg, LASTGASP_R_CPU, 0);
	nla_put_u32(msg, LASTGASP_R_PID, 131);
	nla_put_string(msg, LASTGASP_R_COMM, comm);
	nla_put_string(msg, LASTGASP_R_RELEASE, "6.1.0-56-amd64");
	nla_put_string(msg, LASTGASP_R_TAINT_LETTERS, "OE");
	return rec;
}

/* A stall panic as the module takes it: on the watchdog's own stack. */
static struct nlattr *put_stall_panic(struct nl_msg *msg, uint64_t seq,
				      const char *text, uint32_t reason,
				      const char *rip, const char *log)
{
	struct nlattr *rec = start(msg, seq, LASTGASP_KIND_PANIC,
				   LASTGASP_RF_FATAL, "hog");
	struct nlattr *n;

	nla_put_string(msg, LASTGASP_R_MESSAGE, text);
	nla_put_u32(msg, LASTGASP_R_PANIC_REASON, reason);
	nla_put_u64(msg, LASTGASP_R_RIP, 0xffffffff9d60ca2eULL);
	nla_put_string(msg, LASTGASP_R_RIP_SYMBOL, rip);
	n = nla_nest_start(msg, LASTGASP_R_STACK);
	put_frame(msg, 0xffffffff9d601e27ULL, "panic+0x177/0x2f4", true, false);
	put_frame(msg, 0xffffffff9d60ca2eULL, rip, true, false);
	put_frame(msg, 0xffffffff9d800f06ULL, "asm_sysvec_apic_timer_interrupt+0x16/0x20", true, false);
	put_frame(msg, 0xffffffff9d5f77a3ULL, "delay_tsc+0x33/0xa0", true, false);
	put_frame(msg, 0xffffffffc02f5260ULL, "lgtest_spin+0x43/0x62 [lgtest]", true, false);
	put_frame(msg, 0xffffffff9d0058d6ULL, "proc_reg_write+0x56/0xa0", true, false);
	nla_nest_end(msg, n);
	put_modules(msg);
	if (log)
		nla_put(msg, LASTGASP_R_LOG, strlen(log), log);
	nla_nest_end(msg, rec);
	return rec;
}

static void put_task(struct nl_msg *msg, uint32_t pid, const char *comm,
		     uint64_t rss)
{
	struct nlattr *t = nla_nest_start(msg, LASTGASP_TASKS_TASK);

	nla_put_u32(msg, LASTGASP_T_PID, pid);
	nla_put_string(msg, LASTGASP_T_COMM, comm);
	nla_put_u64(msg, LASTGASP_T_RSS_KB, rss);
	nla_put_u32(msg, LASTGASP_T_OOM_SCORE_ADJ, 0);
	nla_nest_end(msg, t);
}

/* An OOM kill the kernel survived: invoker, victim, memory, tasks. */
static struct nlattr *put_oom_victim(struct nl_msg *msg, uint64_t seq,
				     const char *log)
{
	struct nlattr *rec = start(msg, seq, LASTGASP_KIND_OOM_VICTIM, 0, "hog");
	struct nlattr *n;

	nla_put_u32(msg, LASTGASP_R_VICTIM_PID, 200);
	nla_put_string(msg, LASTGASP_R_VICTIM_COMM, "hog");
	n = nla_nest_start(msg, LASTGASP_R_MEMINFO);
	nla_put_u64(msg, LASTGASP_MEM_TOTAL_KB, 200000);
	nla_put_u64(msg, LASTGASP_MEM_FREE_KB, 1000);
	nla_nest_end(msg, n);
	n = nla_nest_start(msg, LASTGASP_R_TASKS);
	put_task(msg, 200, "hog", 150000);
	put_task(msg, 1, "init", 1000);
	nla_nest_end(msg, n);
	if (log)
		nla_put(msg, LASTGASP_R_LOG, strlen(log), log);
	nla_nest_end(msg, rec);
	return rec;
}

static struct nlattr *put_panic(struct nl_msg *msg, uint64_t seq,
				const char *text, uint32_t reason)
{
	struct nlattr *rec = start(msg, seq, LASTGASP_KIND_PANIC,
				   LASTGASP_RF_FATAL, "hog");

	nla_put_string(msg, LASTGASP_R_MESSAGE, text);
	nla_put_u32(msg, LASTGASP_R_PANIC_REASON, reason);
	nla_put_u64(msg, LASTGASP_R_RIP, 0xffffffff8cb3d157ULL);
	nla_put_string(msg, LASTGASP_R_RIP_SYMBOL, "out_of_memory+0xe7/0x520");
	nla_nest_end(msg, rec);
	return rec;
}

FIXTURE(kinds) {
	struct nl_msg *msg;
	struct lg_record r, r2;
	struct lg_event ev, ev2;
};

FIXTURE_SETUP(kinds)
{
	self->msg = nlmsg_alloc_size(65536);
	ASSERT_NE(NULL, self->msg);
	memset(&self->r, 0, sizeof(self->r));
	memset(&self->r2, 0, sizeof(self->r2));
	lg_event_init(&self->ev);
	lg_event_init(&self->ev2);
}

FIXTURE_TEARDOWN(kinds)
{
	lg_event_free(&self->ev);
	lg_event_free(&self->ev2);
	lg_record_free(&self->r);
	lg_record_free(&self->r2);
	nlmsg_free(self->msg);
}

static bool frame_in_trace(const struct lg_event *ev, const char *fn)
{
	for (size_t i = 0; i < ev->ntrace; i++)
		if (ev->trace[i].function && !strcmp(ev->trace[i].function, fn))
			return true;
	return false;
}

TEST_F(kinds, soft_lockup_panic_takes_the_stuck_code_from_the_log)
{
	struct nlattr *nest = put_stall_panic(self->msg, 5, "softlockup: hung tasks",
					      LASTGASP_PANIC_SOFT_LOCKUP,
					      "watchdog_timer_fn.cold+0xc/0x16",
					      softlockup_log);
	struct lg_event *ev = &self->ev;

	ASSERT_EQ(0, lg_record_parse(nest, &self->r));
	ASSERT_EQ(0, lg_record_to_event(&self->r, ev));
	EXPECT_EQ(LG_CLASS_SOFT_LOCKUP, ev->cls);
	EXPECT_TRUE(ev->fatal);
	EXPECT_STREQ("softlockup: hung tasks", ev->panic_message);
	ASSERT_TRUE(ev->has_rip);
	EXPECT_STREQ("delay_tsc", ev->rip.function);
	/* The stuck task's frames come first (the panic's may follow). */
	ASSERT_TRUE(ev->ntrace > 0);
	EXPECT_STREQ("lgtest_spin", ev->trace[0].function);
	EXPECT_STREQ("lgtest_spin", ev->guilty_frame);
	ASSERT_NE(NULL, ev->title);
	EXPECT_EQ(0, strncmp(ev->title, "BUG: soft lockup in ", 20));
	EXPECT_EQ(NULL, strstr(ev->title, "watchdog"));
	EXPECT_STREQ("lgtest", ev->culprit_module);
	/* The record's modules (exact, with taint) stay. */
	ASSERT_EQ(1, ev->nmodules);
	EXPECT_STREQ("lgtest", ev->modules[0].name);
}

TEST_F(kinds, soft_lockup_panic_without_log_skips_the_watchdog_frames)
{
	struct nlattr *nest = put_stall_panic(self->msg, 5, "softlockup: hung tasks",
					      LASTGASP_PANIC_SOFT_LOCKUP,
					      "watchdog_timer_fn.cold+0xc/0x16",
					      NULL);

	ASSERT_EQ(0, lg_record_parse(nest, &self->r));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	EXPECT_EQ(LG_CLASS_SOFT_LOCKUP, self->ev.cls);
	EXPECT_STREQ("lgtest_spin", self->ev.guilty_frame);
}

TEST_F(kinds, hung_task_panic_takes_the_blocked_stack)
{
	struct nlattr *nest = put_stall_panic(self->msg, 6, "hung_task: blocked tasks",
					      LASTGASP_PANIC_HUNG_TASK,
					      "watchdog.cold+0xc/0xbb", hung_log);
	struct lg_event *ev = &self->ev;

	ASSERT_EQ(0, lg_record_parse(nest, &self->r));
	ASSERT_EQ(0, lg_record_to_event(&self->r, ev));
	EXPECT_EQ(LG_CLASS_HUNG_TASK, ev->cls);
	EXPECT_TRUE(ev->fatal);
	EXPECT_STREQ("INFO: task hung in lgtest_hang", ev->title);
	EXPECT_STREQ("lgtest_hang", ev->guilty_frame);
	/* khungtaskd's RIP is not where the task hangs; the report has none. */
	EXPECT_FALSE(ev->has_rip && ev->rip.function &&
		     strstr(ev->rip.function, "watchdog"));
	EXPECT_TRUE(frame_in_trace(ev, "lgtest_hang"));
	EXPECT_FALSE(frame_in_trace(ev, "watchdog.cold"));
	EXPECT_STREQ("lgtest", ev->culprit_module);
	EXPECT_STREQ("hung_task: blocked tasks", ev->panic_message);
}

TEST_F(kinds, oom_kill_is_survivable_with_victim_and_share)
{
	struct nlattr *nest = put_oom_victim(self->msg, 7, NULL);
	struct lg_event *ev = &self->ev;

	ASSERT_EQ(0, lg_record_parse(nest, &self->r));
	ASSERT_EQ(0, lg_record_to_event(&self->r, ev));
	EXPECT_EQ(LG_CLASS_OOM, ev->cls);
	EXPECT_FALSE(ev->fatal);
	ASSERT_TRUE(ev->oom.present);
	EXPECT_EQ(200, ev->oom.victim_pid);
	EXPECT_STREQ("hog", ev->oom.victim_comm);
	EXPECT_EQ(150000, ev->oom.victim_rss_kb);
	EXPECT_EQ(200000, ev->oom.mem_total_kb);
	EXPECT_TRUE(ev->oom.victim_ram_share > 0.74 && ev->oom.victim_ram_share < 0.76);
	EXPECT_EQ(2, ev->oom.ntasks);
	EXPECT_STREQ("Out of memory: Killed process hog", ev->title);
}

TEST_F(kinds, oom_kill_in_a_memory_cgroup_is_memcg_oom)
{
	struct nlattr *nest = put_oom_victim(self->msg, 8, memcg_log);

	ASSERT_EQ(0, lg_record_parse(nest, &self->r));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	EXPECT_EQ(LG_CLASS_MEMCG_OOM, self->ev.cls);
	EXPECT_FALSE(self->ev.fatal);
	EXPECT_STREQ("hog", self->ev.oom.victim_comm);
	EXPECT_STREQ("Memory cgroup out of memory: Killed process hog",
		     self->ev.title);
}

TEST_F(kinds, oom_panic_after_oom_record_is_one_fatal_event)
{
	struct nlattr *oom = put_oom_victim(self->msg, 9, NULL);
	struct nlattr *panic = put_panic(self->msg, 10,
		"Out of memory: system-wide panic_on_oom is enabled",
		LASTGASP_PANIC_OOM);

	ASSERT_EQ(0, lg_record_parse(oom, &self->r));
	ASSERT_EQ(0, lg_record_parse(panic, &self->r2));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	ASSERT_EQ(0, lg_record_to_event(&self->r2, &self->ev2));
	EXPECT_EQ(LG_CLASS_OOM, self->ev2.cls);
	EXPECT_STREQ("kernel panic: Out of memory: system-wide panic_on_oom is enabled",
		     self->ev2.title);
	ASSERT_TRUE(lg_record_merge_fatal(&self->r, &self->ev, &self->r2,
					  &self->ev2));
	EXPECT_TRUE(self->ev.fatal);
	EXPECT_EQ(LG_CLASS_OOM, self->ev.cls);
	EXPECT_STREQ("Out of memory: system-wide panic_on_oom is enabled",
		     self->ev.panic_message);
	EXPECT_STREQ("kernel panic: Out of memory: system-wide panic_on_oom is enabled",
		     self->ev.title);
	EXPECT_STREQ("out_of_memory", self->ev.rip.function);
}

TEST_F(kinds, other_panic_does_not_end_an_oom_kill)
{
	struct nlattr *oom = put_oom_victim(self->msg, 9, NULL);
	struct nlattr *panic = put_panic(self->msg, 10, "sysrq triggered crash",
					 LASTGASP_PANIC_SYSRQ);

	ASSERT_EQ(0, lg_record_parse(oom, &self->r));
	ASSERT_EQ(0, lg_record_parse(panic, &self->r2));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	ASSERT_EQ(0, lg_record_to_event(&self->r2, &self->ev2));
	EXPECT_FALSE(lg_record_merge_fatal(&self->r, &self->ev, &self->r2,
					   &self->ev2));
	EXPECT_FALSE(self->ev.fatal);
}

TEST_F(kinds, soft_lockup_record_then_its_panic_merge)
{
	struct nlattr *sl = start(self->msg, 11, LASTGASP_KIND_SOFT_LOCKUP, 0, "hog");
	struct nlattr *panic;

	nla_put_string(self->msg, LASTGASP_R_MESSAGE,
		       "watchdog: BUG: soft lockup - CPU#0 stuck for 3s! [hog:131]");
	put_modules(self->msg);
	nla_put(self->msg, LASTGASP_R_LOG, strlen(softlockup_log),
		softlockup_log);
	nla_nest_end(self->msg, sl);
	panic = put_stall_panic(self->msg, 12, "softlockup: hung tasks",
				LASTGASP_PANIC_SOFT_LOCKUP,
				"watchdog_timer_fn.cold+0xc/0x16", NULL);
	ASSERT_EQ(0, lg_record_parse(sl, &self->r));
	ASSERT_EQ(0, lg_record_parse(panic, &self->r2));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	ASSERT_EQ(0, lg_record_to_event(&self->r2, &self->ev2));
	EXPECT_EQ(LG_CLASS_SOFT_LOCKUP, self->ev.cls);
	EXPECT_FALSE(self->ev.fatal);
	EXPECT_STREQ("delay_tsc", self->ev.rip.function);
	EXPECT_STREQ("lgtest_spin", self->ev.guilty_frame);
	ASSERT_TRUE(lg_record_merge_fatal(&self->r, &self->ev, &self->r2,
					  &self->ev2));
	EXPECT_TRUE(self->ev.fatal);
	EXPECT_STREQ("softlockup: hung tasks", self->ev.panic_message);
	EXPECT_STREQ("delay_tsc", self->ev.rip.function);
}

TEST_F(kinds, warn_record_is_a_survivable_warning)
{
	static const char log[] =
		"[    2.937012] WARNING: CPU: 0 PID: 168 at drivers/lgtest.c:96 lgtest_warn+0x11/0x20 [lgtest]\n"
		"[    2.937013] Modules linked in: lgtest(OE)\n"
		"[    2.937014] CPU: 0 PID: 168 Comm: hog Tainted: G           OE      6.1.0-56-amd64 #1  Debian 6.1.192-2\n"
		"[    2.937015] RIP: 0010:lgtest_warn+0x11/0x20 [lgtest]\n"
		"[    2.937016] Call Trace:\n"
		"[    2.937017]  <TASK>\n"
		"[    2.937018]  lgt_write+0x200/0x380 [lgtest]\n"
		"[    2.937019]  proc_reg_write+0x56/0xa0\n"
		"[    2.937020]  </TASK>\n"
		"[    2.937021] ---[ end trace 0000000000000000 ]---\n";
	struct nlattr *w = start(self->msg, 13, LASTGASP_KIND_WARN, 0, "hog");

	nla_put_string(self->msg, LASTGASP_R_MESSAGE,
		       "WARNING: CPU: 0 PID: 168 at drivers/lgtest.c:96 lgtest_warn+0x11/0x20 [lgtest]");
	put_modules(self->msg);
	nla_put(self->msg, LASTGASP_R_LOG, sizeof(log) - 1, log);
	nla_nest_end(self->msg, w);
	ASSERT_EQ(0, lg_record_parse(w, &self->r));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	EXPECT_EQ(LG_CLASS_WARNING, self->ev.cls);
	EXPECT_FALSE(self->ev.fatal);
	EXPECT_STREQ("WARNING in lgtest_warn", self->ev.title);
	EXPECT_STREQ("lgtest_warn", self->ev.rip.function);
	EXPECT_STREQ("lgtest", self->ev.culprit_module);
}

/* An oops in a timer (IRQ stack) over a task: contexts and capture cost. */
static struct nlattr *put_irq_oops(struct nl_msg *msg, bool with_new_attrs)
{
	struct nlattr *rec = start(msg, 20, LASTGASP_KIND_DIE,
				   LASTGASP_RF_IN_INTERRUPT, "swapper/0");
	struct nlattr *n;

	nla_put_string(msg, LASTGASP_R_MESSAGE, "general protection fault");
	nla_put_u64(msg, LASTGASP_R_RIP, 0xffffffffc0001000ULL);
	nla_put_string(msg, LASTGASP_R_RIP_SYMBOL, "lgtest_timer+0x10/0x40 [lgtest]");
	if (with_new_attrs) {
		nla_put_u64(msg, LASTGASP_R_CAPTURE_NS, 123456);
		nla_put_u32(msg, LASTGASP_R_CONTEXT, LASTGASP_CTX_IRQ);
	}
	n = nla_nest_start(msg, LASTGASP_R_STACK);
	put_frame_ctx(msg, 0xffffffffc0001010ULL, "lgtest_timer+0x20/0x40 [lgtest]", true,
		      with_new_attrs ? LASTGASP_CTX_IRQ : -1, false);
	put_frame_ctx(msg, 0xffffffff81100000ULL, "call_timer_fn+0x20/0x100", true,
		      with_new_attrs ? LASTGASP_CTX_SOFTIRQ : -1, false);
	put_frame_ctx(msg, 0xffffffff81200000ULL, "default_idle+0x5/0x10", true,
		      with_new_attrs ? LASTGASP_CTX_TASK : -1, false);
	nla_nest_end(msg, n);
	put_modules(msg);
	nla_nest_end(msg, rec);
	return rec;
}

static const char *frame_ctx(struct json_object *ev, size_t i)
{
	struct json_object *trace, *f, *c;

	if (!json_object_object_get_ex(ev, "call_trace", &trace))
		return "missing";
	f = json_object_array_get_idx(trace, i);
	if (!f || !json_object_object_get_ex(f, "context", &c))
		return "missing";
	return c ? json_object_get_string(c) : NULL;
}

TEST_F(kinds, frame_context_and_capture_cost_reach_text_json_and_archive)
{
	struct nlattr *nest = put_irq_oops(self->msg, true);
	struct json_object *o, *v, *rec, *stack, *f0;
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	ASSERT_EQ(0, lg_record_parse(nest, &self->r));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	ASSERT_EQ(3, self->ev.ntrace);
	EXPECT_STREQ("IRQ", self->ev.trace[0].context);
	EXPECT_STREQ("SOFTIRQ", self->ev.trace[1].context);
	EXPECT_EQ(NULL, self->ev.trace[2].context);
	EXPECT_EQ(123456, self->ev.capture_ns);

	o = lg_event_to_json(&self->ev);
	ASSERT_NE(NULL, o);
	EXPECT_STREQ("IRQ", frame_ctx(o, 0));
	EXPECT_STREQ("SOFTIRQ", frame_ctx(o, 1));
	EXPECT_EQ(NULL, frame_ctx(o, 2));
	ASSERT_TRUE(json_object_object_get_ex(o, "capture_ns", &v));
	EXPECT_EQ(123456, json_object_get_int64(v));
	json_object_put(o);

	out = open_memstream(&text, &len);
	ASSERT_NE(NULL, out);
	lg_print_event_text(out, &self->ev);
	fclose(out);
	EXPECT_NE(NULL, strstr(text, "<IRQ> lgtest_timer+0x20/0x40 [lgtest]"));
	EXPECT_NE(NULL, strstr(text, "<SOFTIRQ> call_timer_fn"));
	EXPECT_NE(NULL, strstr(text, "captured in 0.123 ms"));
	free(text);

	rec = lg_record_to_json(&self->r);
	ASSERT_NE(NULL, rec);
	ASSERT_TRUE(json_object_object_get_ex(rec, "capture_ns", &v));
	EXPECT_EQ(123456, json_object_get_int64(v));
	ASSERT_TRUE(json_object_object_get_ex(rec, "context", &v));
	EXPECT_EQ(LASTGASP_CTX_IRQ, json_object_get_int(v));
	ASSERT_TRUE(json_object_object_get_ex(rec, "stack", &stack));
	f0 = json_object_array_get_idx(stack, 0);
	ASSERT_TRUE(json_object_object_get_ex(f0, "context", &v));
	EXPECT_EQ(LASTGASP_CTX_IRQ, json_object_get_int(v));
	json_object_put(rec);
}

TEST_F(kinds, without_the_new_attributes_context_and_capture_are_null)
{
	struct nlattr *nest = put_irq_oops(self->msg, false);
	struct json_object *o, *v;

	ASSERT_EQ(0, lg_record_parse(nest, &self->r));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	EXPECT_EQ(NULL, self->ev.trace[0].context);
	EXPECT_EQ(-1, self->ev.capture_ns);
	o = lg_event_to_json(&self->ev);
	ASSERT_TRUE(json_object_object_get_ex(o, "capture_ns", &v));
	EXPECT_EQ(NULL, v);
	EXPECT_EQ(NULL, frame_ctx(o, 0));
	json_object_put(o);
}

TEST_F(kinds, fatal_exception_panic_alone_takes_the_oops_from_the_log)
{
	static const char log[] =
		"[   12.345678] BUG: kernel NULL pointer dereference, address: 0000000000000008\n"
		"[   12.345679] #PF: supervisor write access in kernel mode\n"
		"[   12.345680] Oops: 0002 [#1] PREEMPT SMP NOPTI\n"
		"[   12.345681] CPU: 0 PID: 131 Comm: hog Tainted: G           OE      6.1.0-56-amd64 #1  Debian 6.1.192-2\n"
		"[   12.345682] RIP: 0010:lgtest_null+0x14/0x30 [lgtest]\n"
		"[   12.345683] Call Trace:\n"
		"[   12.345684]  <TASK>\n"
		"[   12.345685]  lgt_write+0x200/0x380 [lgtest]\n"
		"[   12.345686]  proc_reg_write+0x56/0xa0\n"
		"[   12.345687]  </TASK>\n"
		"[   12.345690] Kernel panic - not syncing: Fatal exception\n";
	struct nlattr *rec = start(self->msg, 30, LASTGASP_KIND_PANIC,
				   LASTGASP_RF_FATAL, "hog");

	nla_put_string(self->msg, LASTGASP_R_MESSAGE, "Fatal exception");
	nla_put_u32(self->msg, LASTGASP_R_PANIC_REASON, LASTGASP_PANIC_OOPS);
	nla_put_string(self->msg, LASTGASP_R_RIP_SYMBOL, "oops_end.cold+0x5/0x10");
	put_modules(self->msg);
	nla_put(self->msg, LASTGASP_R_LOG, sizeof(log) - 1, log);
	nla_nest_end(self->msg, rec);
	ASSERT_EQ(0, lg_record_parse(rec, &self->r));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	EXPECT_EQ(LG_CLASS_OOPS, self->ev.cls);
	EXPECT_TRUE(self->ev.fatal);
	EXPECT_STREQ("lgtest_null", self->ev.rip.function);
	EXPECT_STREQ("lgtest", self->ev.culprit_module);
	EXPECT_STREQ("Fatal exception", self->ev.panic_message);
}

TEST_F(kinds, sysrq_panic_keeps_its_own_rip)
{
	struct nlattr *rec = start(self->msg, 31, LASTGASP_KIND_PANIC,
				   LASTGASP_RF_FATAL, "sh");
	static const char log[] =
		"[    3.000000] sysrq: Trigger a crash\n"
		"[    3.000001] Kernel panic - not syncing: sysrq triggered crash\n"
		"[    3.000002] CPU: 0 PID: 99 Comm: sh Not tainted 6.1.0-56-amd64 #1  Debian 6.1.192-2\n"
		"[    3.000003] Call Trace:\n"
		"[    3.000004]  <TASK>\n"
		"[    3.000005]  dump_stack_lvl+0x44/0x5c\n"
		"[    3.000006]  panic+0x118/0x2f4\n"
		"[    3.000007]  sysrq_handle_crash+0x16/0x20\n"
		"[    3.000008]  </TASK>\n";

	nla_put_string(self->msg, LASTGASP_R_MESSAGE, "sysrq triggered crash");
	nla_put_u32(self->msg, LASTGASP_R_PANIC_REASON, LASTGASP_PANIC_SYSRQ);
	nla_put_string(self->msg, LASTGASP_R_RIP_SYMBOL, "sysrq_handle_crash+0x16/0x20");
	nla_put(self->msg, LASTGASP_R_LOG, sizeof(log) - 1, log);
	nla_nest_end(self->msg, rec);
	ASSERT_EQ(0, lg_record_parse(rec, &self->r));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	EXPECT_EQ(LG_CLASS_PANIC, self->ev.cls);
	EXPECT_STREQ("sysrq_handle_crash", self->ev.rip.function);
}

TEST_HARNESS_MAIN
