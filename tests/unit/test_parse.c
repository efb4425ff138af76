// SPDX-License-Identifier: GPL-2.0
/*
 * The log parser: every transport prefix, segmentation into events, and the
 * fields it extracts (release, taint, RIP, trace, modules, OOM, stalls).
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kselftest_harness.h"
#include "parse.h"
#include "test_events.h"


static void parse_text(struct got *g, const char *text)
{
	memset(g, 0, sizeof(*g));
	lg_parse_buffer(text, strlen(text), "test", collect, g);
}

static int parse_path(struct got *g, const char *pattern)
{
	glob_t gl;
	FILE *f;
	int rc;

	memset(g, 0, sizeof(*g));
	if (glob(pattern, 0, NULL, &gl) != 0)
		return -1;
	f = fopen(gl.gl_pathv[0], "r");
	globfree(&gl);
	if (!f)
		return -1;
	rc = lg_parse_file(f, pattern, collect, g);
	fclose(f);
	return rc;
}

/* An x86 oops of a 5.x kernel, one line per entry, without any prefix. */
static const char *const oops_lines[] = {
	"BUG: kernel NULL pointer dereference, address: 0000000000000008",
	"#PF: supervisor read access in kernel mode",
	"Oops: 0000 [#1] SMP PTI",
	"CPU: 3 PID: 4242 Comm: insmod Tainted: G           OE     5.4.0-122-generic #138-Ubuntu",
	"Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.13.0 04/01/2014",
	"RIP: 0010:crashme_init+0x1a/0x40 [crashme]",
	"Code: 48 8b 04 25 08 00 00 00 <48> 8b 00 c3",
	"RSP: 0018:ffffb3c9c0a7bd80 EFLAGS: 00010246",
	"CR2: 0000000000000008 CR3: 000000010c1e2000 CR4: 00000000003606e0",
	"Call Trace:",
	" do_one_initcall+0x4a/0x200",
	" ? kmem_cache_alloc_trace+0x165/0x220",
	" do_init_module+0x60/0x230",
	" load_module+0x2296/0x2550 [mod_helper]",
	" __x64_sys_finit_module+0xba/0x100",
	" do_syscall_64+0x57/0x190",
	"Modules linked in: crashme(OE) xt_conntrack nf_nat(E) ip_tables",
	" x_tables autofs4",
	"CR2: 0000000000000008",
	"---[ end trace 5d2b5b2d1e1e1e1e ]---",
};

#define NOOPS (sizeof(oops_lines) / sizeof(oops_lines[0]))

/* Build the oops with @prefix (printf format taking the line number). */
static char *oops_with(const char *prefix, const char *suffix)
{
	size_t cap = 16384, n = 0;
	char *buf = malloc(cap);

	n += (size_t)snprintf(buf + n, cap - n, "some unrelated line before\n");
	for (size_t i = 0; i < NOOPS; i++) {
		if (strchr(prefix, '%'))
			n += (size_t)snprintf(buf + n, cap - n, prefix, (int)i);
		else
			n += (size_t)snprintf(buf + n, cap - n, "%s", prefix);
		n += (size_t)snprintf(buf + n, cap - n, "%s%s\n", oops_lines[i], suffix);
	}
	n += (size_t)snprintf(buf + n, cap - n, "systemd[1]: Started Session 3 of user root.\n");
	return buf;
}

FIXTURE(format) {
	struct got g;
};

FIXTURE_VARIANT(format) {
	const char *prefix;	/* printf format with one %d */
	const char *suffix;
	double uptime;		/* <0: none expected */
	const char *time;	/* NULL: none expected */
};

FIXTURE_VARIANT_ADD(format, plain) { .prefix = "", .uptime = -1 };
FIXTURE_VARIANT_ADD(format, dmesg) { .prefix = "[  123.45678%d] ", .uptime = 123.456780 };
FIXTURE_VARIANT_ADD(format, dmesg_ctime) {
	.prefix = "[Mon Nov 21 10:00:0%d 2022] ", .uptime = -1,
	.time = "Mon Nov 21 10:00:00 2022" };
FIXTURE_VARIANT_ADD(format, caller_task) {
	.prefix = "[  123.45678%d] [  T4242] ", .uptime = 123.456780 };
FIXTURE_VARIANT_ADD(format, caller_only) { .prefix = "[    C3] ", .uptime = -1 };
FIXTURE_VARIANT_ADD(format, syzkaller) {
	.prefix = "[  123.45678%d][ T4242] ", .uptime = 123.456780 };
FIXTURE_VARIANT_ADD(format, syslog) {
	.prefix = "Nov 21 10:00:%02d myhost kernel: ", .uptime = -1,
	.time = "Nov 21 10:00:00" };
FIXTURE_VARIANT_ADD(format, syslog_dmesg) {
	.prefix = "Nov  1 10:00:00 myhost kernel: [  123.45678%d] ",
	.uptime = 123.456780, .time = "Nov  1 10:00:00" };
FIXTURE_VARIANT_ADD(format, rfc3339) {
	.prefix = "2022-11-21T10:00:0%d.123456+01:00 myhost kernel: ", .uptime = -1,
	.time = "2022-11-21T10:00:00.123456+01:00" };
FIXTURE_VARIANT_ADD(format, journal_short_iso) {
	.prefix = "2022-11-21T10:00:0%d+0100 myhost kernel: ", .uptime = -1,
	.time = "2022-11-21T10:00:00+0100" };
FIXTURE_VARIANT_ADD(format, journal_short_full) {
	.prefix = "Mon 2022-11-21 10:00:%02d CET myhost kernel: ", .uptime = -1,
	.time = "Mon 2022-11-21 10:00:00 CET" };
FIXTURE_VARIANT_ADD(format, dmesg_iso) {
	.prefix = "2022-11-21T10:00:%02d,123456+01:00 ", .uptime = -1,
	.time = "2022-11-21T10:00:00,123456+01:00" };
FIXTURE_VARIANT_ADD(format, journal_monotonic) {
	.prefix = "[  123.45678%d] myhost kernel: ", .uptime = 123.456780 };
FIXTURE_VARIANT_ADD(format, kmsg) { .prefix = "4,10%d,123456780,-;", .uptime = 123.456780 };
FIXTURE_VARIANT_ADD(format, level) { .prefix = "<4>", .uptime = -1 };
FIXTURE_VARIANT_ADD(format, level_dmesg) {
	.prefix = "<4>[  123.45678%d] ", .uptime = 123.456780 };
FIXTURE_VARIANT_ADD(format, dmesg_decode) {
	.prefix = "kern  :warn  : [  123.45678%d] ", .uptime = 123.456780 };
FIXTURE_VARIANT_ADD(format, serial_noise) {
	.prefix = "\033[0;32m[  123.45678%d]\033[0m ", .suffix = "\r", .uptime = 123.456780 };

FIXTURE_SETUP(format)
{
	char *text = oops_with(variant->prefix, variant->suffix ? variant->suffix : "");

	parse_text(&self->g, text);
	free(text);
}

FIXTURE_TEARDOWN(format)
{
	got_free(&self->g);
}

TEST_F(format, one_event_with_fields)
{
	struct lg_event *ev;

	ASSERT_EQ(1, self->g.n);
	ev = self->g.ev[0];
	EXPECT_STREQ("5.4.0-122-generic", ev->kernel_release);
	EXPECT_STREQ("OE", ev->taint);
	EXPECT_EQ(3, ev->cpu);
	EXPECT_EQ(4242, ev->pid);
	EXPECT_STREQ("insmod", ev->comm);
	ASSERT_TRUE(ev->has_rip);
	EXPECT_STREQ("crashme_init", ev->rip.function);
	EXPECT_STREQ("crashme", ev->rip.module);
	EXPECT_EQ(0x1a, ev->rip.offset);
	EXPECT_FALSE(ev->rip_user);
	EXPECT_TRUE(ev->has_cr2);
	EXPECT_EQ(8, ev->cr2);
	ASSERT_EQ(6, ev->ntrace);
	EXPECT_STREQ("do_one_initcall", ev->trace[0].function);
	EXPECT_FALSE(ev->trace[1].reliable);
	EXPECT_STREQ("mod_helper", ev->trace[3].module);
	ASSERT_EQ(6, ev->nmodules);
	EXPECT_STREQ("crashme", ev->modules[0].name);
	EXPECT_STREQ("OE", ev->modules[0].taint);
	EXPECT_STREQ("autofs4", ev->modules[5].name);
	ASSERT_EQ(2, ev->ntainting);
	EXPECT_STREQ("crashme", ev->culprit_module);
	EXPECT_STREQ("QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.13.0 04/01/2014",
		     ev->hardware);
	/* The first line of the event is the trigger, stripped, on line 2. */
	ASSERT_GE(ev->nlines, NOOPS - 1);
	EXPECT_STREQ(oops_lines[0], ev->lines[0].line);
	EXPECT_EQ(2, ev->lines[0].lineno);
	if (variant->uptime >= 0) {
		EXPECT_TRUE(ev->uptime > variant->uptime - 1e-6 &&
			    ev->uptime < variant->uptime + 1e-6);
	} else {
		EXPECT_TRUE(ev->uptime < 0);
	}
	if (variant->time) {
		EXPECT_STREQ(variant->time, ev->time);
	} else {
		EXPECT_EQ(NULL, ev->time);
	}
}

TEST(no_crash_no_event)
{
	struct got g;

	parse_text(&g, "[    1.000000] Linux version 6.1.0 (x@y) #1 SMP\n"
		       "[    2.000000] usb 1-1: new high-speed USB device\n"
		       "[    3.000000] EXT4-fs (sda1): mounted filesystem\n");
	EXPECT_EQ(0, g.n);
	got_free(&g);
}

TEST(two_oopses_two_events_in_order)
{
	char *a = oops_with("[  100.00000%d] ", ""), *b = oops_with("[  200.00000%d] ", "");
	char *both = malloc(strlen(a) + strlen(b) + 1);
	struct got g;

	strcpy(both, a);
	strcat(both, b);
	parse_text(&g, both);
	ASSERT_EQ(2, g.n);
	EXPECT_TRUE(g.ev[0]->uptime < 101);
	EXPECT_TRUE(g.ev[1]->uptime > 199);
	EXPECT_EQ(6, g.ev[1]->ntrace);
	got_free(&g);
	free(a);
	free(b);
	free(both);
}

TEST(panic_after_oops_joins_it)
{
	struct got g;
	struct lg_event *ev;

	parse_text(&g, "BUG: unable to handle kernel paging request at ffff8800deadbeef\n"
		       "IP: [<ffffffffa0010020>] foo_ioctl+0x20/0x90 [foo]\n"
		       "Oops: 0002 [#1] SMP\n"
		       "Modules linked in: foo(PO) bar\n"
		       "Pid: 77, comm: foo-tool Tainted: P           O 3.10.0-1160.el7.x86_64 #1\n"
		       "Call Trace:\n"
		       " [<ffffffff811a2b3c>] do_vfs_ioctl+0x2cc/0x4b0\n"
		       " [<ffffffff811a2db1>] SyS_ioctl+0x91/0xb0\n"
		       "---[ end trace 0123456789abcdef ]---\n"
		       "Kernel panic - not syncing: Fatal exception\n"
		       "Rebooting in 10 seconds..\n");
	ASSERT_EQ(1, g.n);
	ev = g.ev[0];
	EXPECT_TRUE(ev->fatal);
	EXPECT_STREQ("Fatal exception", ev->panic_message);
	EXPECT_STREQ("foo_ioctl", ev->rip.function);
	EXPECT_EQ(0xffffffffa0010020ull, ev->rip.address);
	EXPECT_STREQ("3.10.0-1160.el7.x86_64", ev->kernel_release);
	EXPECT_STREQ("PO", ev->taint);
	EXPECT_EQ(77, ev->pid);
	EXPECT_EQ(2, ev->ntrace);
	EXPECT_STREQ("foo", ev->culprit_module);
	got_free(&g);
}

TEST(interleaved_cpus_seed_001_one_event)
{
	struct got g;
	struct lg_event *ev;

	if (parse_path(&g, LG_TOPDIR "/../shared/seeds/001_*.txt"))
		SKIP(return, "seed 001 is not available");
	ASSERT_EQ(1, g.n);
	ev = g.ev[0];
	EXPECT_TRUE(ev->stall.present);
	EXPECT_EQ(7, ev->stall.cpu);
	EXPECT_STREQ("split_v2", ev->stall.task);
	EXPECT_EQ(28356, ev->stall.pid);
	EXPECT_TRUE(ev->stall.seconds > 10.9 && ev->stall.seconds < 11.1);
	EXPECT_STREQ("softlockup: hung tasks", ev->panic_message);
	EXPECT_TRUE(ev->fatal);
	EXPECT_STREQ("4.19.91-19.1.al7.x86_64", ev->kernel_release);
	got_free(&g);
}

TEST(oom_seed_002)
{
	struct got g;
	struct lg_event *ev = NULL;
	const struct lg_oom *o;

	if (parse_path(&g, LG_TOPDIR "/../shared/seeds/002_*.txt"))
		SKIP(return, "seed 002 is not available");
	ASSERT_GE(g.n, 1);
	for (size_t i = 0; i < g.n && !ev; i++)
		if (g.ev[i]->oom.present)
			ev = g.ev[i];
	ASSERT_NE(NULL, ev);
	o = &ev->oom;
	EXPECT_STREQ("stream_convert", o->invoker);
	EXPECT_EQ(11545, o->invoker_pid);
	EXPECT_STREQ("0x24280ca", o->gfp_mask);
	EXPECT_EQ(0, o->order);
	EXPECT_EQ(30002, o->victim_pid);
	EXPECT_STREQ("stream_convert", o->victim_comm);
	EXPECT_EQ(24027836, o->victim_rss_kb);
	EXPECT_EQ(8388477ull * 4, o->mem_total_kb);
	EXPECT_TRUE(o->victim_ram_share > 0.71 && o->victim_ram_share < 0.72);
	EXPECT_EQ(0, o->swap_total_kb);
	EXPECT_GE(o->ntasks, 50);
	EXPECT_EQ(999, o->tasks[0].pid);
	EXPECT_STREQ("systemd-journal", o->tasks[0].comm);
	EXPECT_EQ(9334ull * 4, o->tasks[0].rss_kb);
	EXPECT_EQ(-1000, o->tasks[2].oom_score_adj);
	EXPECT_FALSE(o->panic_on_oom);
	EXPECT_STREQ("4.4.0-150-generic", ev->kernel_release);
	EXPECT_STREQ("OE", ev->taint);
	got_free(&g);
}

TEST(oom_memcg_and_panic)
{
	struct got g;
	struct lg_event *ev;

	parse_text(&g,
		"[ 50.1] java invoked oom-killer: gfp_mask=0x6200ca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
		"[ 50.1] CPU: 1 PID: 900 Comm: java Not tainted 5.15.0-1 #1\n"
		"[ 50.1] memory: usage 1048576kB, limit 1048576kB, failcnt 12\n"
		"[ 50.1] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/kubepods/pod1,task_memcg=/kubepods/pod1/c1,task=java,pid=900,uid=0\n"
		"[ 50.1] Memory cgroup out of memory: Killed process 900 (java) total-vm:2000000kB, anon-rss:1000000kB, file-rss:2000kB, shmem-rss:0kB, UID:0 pgtables:2400kB oom_score_adj:0\n"
		"[ 60.0] Out of memory and no killable processes...\n"
		"[ 60.0] Kernel panic - not syncing: System is deadlocked on memory\n");
	ASSERT_GE(g.n, 1);
	ev = g.ev[0];
	EXPECT_STREQ("0x6200ca(GFP_HIGHUSER_MOVABLE)", ev->oom.gfp_mask);
	EXPECT_STREQ("CONSTRAINT_MEMCG", ev->oom.constraint);
	EXPECT_STREQ("/kubepods/pod1", ev->oom.memcg);
	EXPECT_EQ(900, ev->oom.victim_pid);
	EXPECT_EQ(1002000, ev->oom.victim_rss_kb);
	EXPECT_EQ(900, ev->oom.invoker_pid);
	got_free(&g);
}

TEST(stalls)
{
	struct got g;

	parse_text(&g, "[ 10.0] watchdog: BUG: soft lockup - CPU#3 stuck for 22s! [kworker/3:1:123]\n"
		       "[ 10.0] CPU: 3 PID: 123 Comm: kworker/3:1 Not tainted 6.1.0-18-amd64 #1 Debian 6.1.76-1\n"
		       "[ 10.0] Workqueue: events foo_work_fn [foo]\n"
		       "[ 10.0] RIP: 0010:foo_work_fn+0x10/0x20 [foo]\n"
		       "[ 20.0] ---[ end trace 0000000000000000 ]---\n"
		       "[ 300.0] INFO: task jbd2/sda1-8:250 blocked for more than 120 seconds.\n"
		       "[ 300.0]       Not tainted 6.1.0-18-amd64 #1\n"
		       "[ 300.0] task:jbd2/sda1-8     state:D stack:0     pid:250   ppid:2      flags:0x00004000\n"
		       "[ 300.0] Call Trace:\n"
		       "[ 300.0]  <TASK>\n"
		       "[ 300.0]  __schedule+0x34d/0x9e0\n"
		       "[ 300.0]  </TASK>\n"
		       "[ 900.0] rcu: INFO: rcu_sched self-detected stall on CPU\n"
		       "[ 900.0] rcu: \t5-....: (20999 ticks this GP) idle=b8e/1/0x4000000000000002\n");
	ASSERT_EQ(3, g.n);
	EXPECT_EQ(3, g.ev[0]->stall.cpu);
	EXPECT_TRUE(g.ev[0]->stall.seconds > 21.9 && g.ev[0]->stall.seconds < 22.1);
	EXPECT_STREQ("kworker/3:1", g.ev[0]->stall.task);
	EXPECT_EQ(123, g.ev[0]->stall.pid);
	EXPECT_STREQ("events foo_work_fn [foo]", g.ev[0]->workqueue);
	EXPECT_STREQ("6.1.0-18-amd64", g.ev[0]->kernel_release);
	EXPECT_STREQ("jbd2/sda1-8", g.ev[1]->stall.task);
	EXPECT_EQ(250, g.ev[1]->stall.pid);
	EXPECT_TRUE(g.ev[1]->stall.seconds > 119 && g.ev[1]->stall.seconds < 121);
	EXPECT_STREQ("6.1.0-18-amd64", g.ev[1]->kernel_release);
	ASSERT_EQ(1, g.ev[1]->ntrace);
	EXPECT_EQ(NULL, g.ev[1]->trace[0].context);
	EXPECT_TRUE(g.ev[2]->stall.present);
	EXPECT_EQ(5, g.ev[2]->stall.cpu);
	got_free(&g);

	parse_text(&g, "INFO: rcu_sched detected stalls on CPUs/tasks: { 6} (detected by 0, t=60002 jiffies)\n");
	ASSERT_EQ(1, g.n);
	EXPECT_EQ(6, g.ev[0]->stall.cpu);
	got_free(&g);
}

TEST(user_mode_rip)
{
	struct got g;
	struct lg_event *ev;

	parse_text(&g, "[ 5.0] general protection fault: 0000 [#1] SMP\n"
		       "[ 5.0] CPU: 0 PID: 1 Comm: init Not tainted 5.10.0-9-amd64 #1\n"
		       "[ 5.0] RIP: 0033:0x7f3a1c2b4e10\n"
		       "[ 5.0] Code: Bad RIP value.\n"
		       "[ 5.0] RSP: 002b:00007ffd5b0c1e98 EFLAGS: 00010246\n");
	ASSERT_EQ(1, g.n);
	ev = g.ev[0];
	EXPECT_TRUE(ev->rip_user);
	EXPECT_FALSE(ev->has_rip);
	got_free(&g);
}

TEST(irq_context_and_old_frames)
{
	struct got g;
	struct lg_event *ev;

	parse_text(&g, "WARNING: at net/ipv4/tcp_input.c:2840 tcp_fastretrans_alert+0xc7a/0xd10()\n"
		       "Call Trace:\n"
		       " <IRQ>  [<ffffffff81656735>] dump_stack+0x19/0x1b\n"
		       " [<ffffffff8105d670>] warn_slowpath_common+0x70/0xa0\n"
		       " [<ffffffff81666a63>] do_IRQ+0x63/0xe0\n"
		       " <EOI>  [<ffffffff8101c06b>] cpu_idle+0x11b/0x140\n"
		       "---[ end trace 1 ]---\n");
	ASSERT_EQ(1, g.n);
	ev = g.ev[0];
	ASSERT_EQ(4, ev->ntrace);
	EXPECT_STREQ("IRQ", ev->trace[0].context);
	EXPECT_STREQ("IRQ", ev->trace[2].context);
	EXPECT_EQ(NULL, ev->trace[3].context);
	EXPECT_STREQ("cpu_idle", ev->trace[3].function);
	got_free(&g);
}

TEST(arm_ppc_s390_rip)
{
	struct got g;

	parse_text(&g, "[ 1.0] Unable to handle kernel paging request at virtual address 00000008\n"
		       "[ 1.0] PC is at foo_probe+0x24/0x100 [foo]\n"
		       "[ 1.0] LR is at platform_drv_probe+0x50/0xa0\n"
		       "[ 1.0] Backtrace:\n"
		       "[ 1.0] [<c0014318>] (foo_probe) from [<c001457c>] (platform_drv_probe+0x50/0xa0)\n"
		       "[ 9.0] ---[ end trace 1 ]---\n"
		       "[ 20.0] kernel BUG at arch/powerpc/kernel/x.c:1!\n"
		       "[ 20.0] Oops: Exception in kernel mode, sig: 5 [#1]\n"
		       "[ 20.0] NIP [c000000008068dfc] .eeh_dev_check_failure+0x27c/0x390\n"
		       "[ 20.0] Call Trace:\n"
		       "[ 20.0] [c000000010f930b0] [c000000008068df8] .eeh_dev_check_failure+0x278/0x390 (unreliable)\n"
		       "[ 20.0] [c000000010f93150] [c000000008028668] .rtas_read_config+0x128/0x170\n"
		       "[ 29.0] ---[ end trace 2 ]---\n"
		       "[ 40.0] kernel BUG at drivers/scsi/scsi_lib.c:660!\n"
		       "[ 40.0] Krnl PSW : 0704f00180000000 000003ff8086d03a (will_oops_init+0x3a/0x1000 [will_oops])\n");
	ASSERT_EQ(3, g.n);
	EXPECT_STREQ("foo_probe", g.ev[0]->rip.function);
	EXPECT_STREQ("foo", g.ev[0]->rip.module);
	ASSERT_EQ(1, g.ev[0]->ntrace);
	EXPECT_STREQ("foo_probe", g.ev[0]->trace[0].function);
	EXPECT_STREQ("eeh_dev_check_failure", g.ev[1]->rip.function);
	ASSERT_EQ(2, g.ev[1]->ntrace);
	EXPECT_FALSE(g.ev[1]->trace[0].reliable);
	EXPECT_STREQ("will_oops_init", g.ev[2]->rip.function);
	EXPECT_STREQ("will_oops", g.ev[2]->rip.module);
	got_free(&g);
}

TEST(modules_continued_over_lines)
{
	struct got g;
	struct lg_event *ev;

	parse_text(&g, "WARNING: at arch/x86/kernel/cpu/mtrr/generic.c:467\n"
		       "Modules linked in: radeon(+)(U) ttm(U) drm_kms_helper(U) drm(U) i2c_algo_bit(U)\n"
		       "i2c_core(U) dm_mod(U) nvidia(PO)\n"
		       "Pid: 143, comm: modprobe Not tainted 2.6.32-19.el6.x86_64 #1\n"
		       "Call Trace:\n"
		       "[<ffffffff81067c33>] warn_slowpath_common+0x83/0xc0\n");
	ASSERT_EQ(1, g.n);
	ev = g.ev[0];
	ASSERT_EQ(8, ev->nmodules);
	EXPECT_STREQ("+U", ev->modules[0].taint);
	EXPECT_STREQ("dm_mod", ev->modules[6].name);
	ASSERT_EQ(1, ev->ntainting);
	EXPECT_STREQ("nvidia", ev->tainting_modules[0]);
	EXPECT_EQ(143, ev->pid);
	EXPECT_STREQ("2.6.32-19.el6.x86_64", ev->kernel_release);
	got_free(&g);
}

TEST(other_tasks_lines_left_out)
{
	struct got g;
	struct lg_event *ev;

	parse_text(&g, "[   12.000001][ T100] WARNING: CPU: 0 PID: 100 at mm/x.c:1 f+0x1/0x2\n"
		       "[   12.000002][ T200] audit: type=1400 noise from another task\n"
		       "[   12.000003][ T100] Modules linked in:\n"
		       "[   12.000004][ T100] CPU: 0 PID: 100 Comm: syz-executor Not tainted 6.1.0 #1\n"
		       "[   12.000005][ T200] netlink: 4 bytes leftover after parsing\n"
		       "[   12.000006][ T100] Call Trace:\n"
		       "[   12.000007][ T100]  f+0x1/0x2\n");
	ASSERT_EQ(1, g.n);
	ev = g.ev[0];
	for (size_t i = 0; i < ev->nlines; i++)
		EXPECT_EQ(NULL, strstr(ev->lines[i].line, "another task"));
	EXPECT_EQ(1, ev->ntrace);
	got_free(&g);
}

/* Lines of another CPU context, out-of-order stamps included, neither join
 * nor end a task's report; the CPUs' NMI backtraces it asked for do join. */
TEST(other_contexts_and_their_stamps_left_out)
{
	struct got g;
	struct lg_event *ev;

	parse_text(&g, "[   12.000001][ T100] WARNING: CPU: 0 PID: 100 at mm/x.c:1 f+0x1/0x2\n"
		       "[   11.000002][    C1] net: irq noise from cpu 1\n"
		       "[   12.000003][ T100] Call Trace:\n"
		       "[   12.000004][ T100]  g+0x1/0x2\n"
		       "[    8.400447]  should_fail.cold+0xa/0x10\n"
		       "[   12.000005][ T100] Sending NMI from CPU 0 to CPUs 1:\n"
		       "[   12.000006][    C1] NMI backtrace for cpu 1\n"
		       "[   12.000007][ T100]  h+0x1/0x2\n");
	ASSERT_EQ(1, g.n);
	ev = g.ev[0];
	for (size_t i = 0; i < ev->nlines; i++)
		EXPECT_EQ(NULL, strstr(ev->lines[i].line, "irq noise"));
	for (size_t i = 0; i < ev->nlines; i++)
		EXPECT_EQ(NULL, strstr(ev->lines[i].line, "should_fail"));
	EXPECT_LE(1, ev->ntrace);
	EXPECT_NE(NULL, strstr(ev->lines[ev->nlines - 2].line, "NMI backtrace"));
	got_free(&g);
}

/* A program's unstamped output amid the kernel's stamped report is not
 * report text; it does not end the report either. */
TEST(unstamped_program_output_left_out_of_a_stamped_report)
{
	struct got g;
	struct lg_event *ev;
	char text[8192];
	size_t n = 0;

	n += snprintf(text + n, sizeof(text) - n,
		      "[   10.000001] BUG: KASAN: use-after-free in f+0x1/0x2\n"
		      "[   10.000002] Read of size 8 at addr ffff888000000000 by task x/1\n"
		      "[   10.000003] Call Trace:\n");
	for (int i = 0; i < 50; i++)
		n += snprintf(text + n, sizeof(text) - n,
			      "mmap(&(0x7f0000000000/0x1000)=nil, 0x1000, 0x3, 0x32, 0x%d)\n", i);
	n += snprintf(text + n, sizeof(text) - n,
		      "WARNING: this program line is no kernel report\n"
		      "[   10.000004]  f+0x1/0x2\n"
		      "[   10.000005]  g+0x1/0x2\n");
	parse_text(&g, text);
	ASSERT_EQ(1, g.n);
	ev = g.ev[0];
	EXPECT_EQ(2, ev->ntrace);
	for (size_t i = 0; i < ev->nlines; i++)
		EXPECT_EQ(NULL, strstr(ev->lines[i].line, "mmap("));
	got_free(&g);
}

/* An unstamped kernel report after stamped lines (the console lost its
 * stamps) is still a report; a lone unstamped trigger line is not. */
TEST(unstamped_report_after_stamped_lines)
{
	struct got g;

	parse_text(&g, "[   10.000001][ T10] x[10]: segfault at 4 ip 0000000000401000 sp 00007ffd00000000 error 15\n"
		       "*** stack smashing detected ***: terminated\n"
		       "WARNING: CPU: 1 PID: 6576 at fs/overlayfs/dir.c:212 ovl_create_real+0x272/0x520\n"
		       "Modules linked in:\n"
		       "CPU: 1 PID: 6576 Comm: syz-executor088 Not tainted 5.14.0 #0\n"
		       "RIP: 0010:ovl_create_real+0x272/0x520\n"
		       "Call Trace:\n"
		       " ovl_workdir_create+0x3a9/0x5b0\n");
	ASSERT_EQ(2, g.n);
	EXPECT_EQ(LG_CLASS_FATAL_SIGNAL, g.ev[0]->cls);
	EXPECT_EQ(LG_CLASS_WARNING, g.ev[1]->cls);
	EXPECT_STREQ("WARNING in ovl_create_real", g.ev[1]->title);
	got_free(&g);
}

/* Two tasks' reports printed at the same time: the first keeps its lines
 * until its trace is complete, then the second is an event of its own. */
TEST(interleaved_reports_of_two_tasks)
{
	struct got g;

	parse_text(&g, "[   20.000001][ T1560] general protection fault: 0000 [#1] PREEMPT SMP KASAN\n"
		       "[   20.000002][ T1533] BUG: KASAN: null-ptr-deref in refcount_sub+0x87/0x200\n"
		       "[   20.000003][ T1560] CPU: 0 PID: 1560 Comm: syz-executor.2 Not tainted 5.2.0 #26\n"
		       "[   20.000004][ T1533] Read of size 4 at addr 00000000000000c8 by task syz/1533\n"
		       "[   20.000005][ T1560] RIP: 0010:refcount_sub+0x8e/0x200\n"
		       "[   20.000006][ T1533] Call Trace:\n"
		       "[   20.000007][ T1560] Call Trace:\n"
		       "[   20.000008][ T1533]  x25_connect+0x8d8/0xea0\n"
		       "[   20.000009][ T1560]  x25_connect+0x8d8/0xea0\n"
		       "[   20.000010][ T1560]  __sys_connect+0x264/0x330\n"
		       "[   20.000011][ T1560] Modules linked in:\n"
		       "[   20.000012][ T1560] ---[ end trace 1 ]---\n"
		       "[   20.000013][ T1533] BUG: KASAN: null-ptr-deref in refcount_sub+0x87/0x200\n"
		       "[   20.000014][ T1533] Call Trace:\n"
		       "[   20.000015][ T1533]  x25_connect+0x8d8/0xea0\n");
	ASSERT_EQ(2, g.n);
	EXPECT_EQ(LG_CLASS_OOPS, g.ev[0]->cls);
	EXPECT_STREQ("refcount_sub", g.ev[0]->rip.function);
	EXPECT_EQ(2, g.ev[0]->ntrace);
	EXPECT_EQ(LG_CLASS_KASAN, g.ev[1]->cls);
	got_free(&g);
}

/* The console cut a message, said so, and printed it again whole. */
TEST(replayed_printk_message_replaces_its_cut_copy)
{
	struct got g;

	parse_text(&g, "[  584.319520][   T31] INFO: t\n"
		       "** replaying previous printk message **\n"
		       "[  584.319520][   T31] INFO: task udevd:5612 blocked for more than 143 seconds.\n"
		       "[  584.319601][   T31] Call trace:\n"
		       "[  584.319605][   T31]  __switch_to+0x2b0/0x6e0 (T)\n"
		       "[  584.319668][   T31]  read_part_sector+0xcc/0x6e8\n");
	ASSERT_EQ(1, g.n);
	EXPECT_EQ(LG_CLASS_HUNG_TASK, g.ev[0]->cls);
	EXPECT_STREQ("INFO: task hung in read_part_sector", g.ev[0]->title);
	EXPECT_NE(NULL, strstr(g.ev[0]->lines[0].line, "udevd"));
	got_free(&g);
}

/* A deep recursion prints hundreds of stale "? func" words: past half the
 * line cap they are left out of the text, so the frames that count fit. */
TEST(long_report_keeps_reliable_frames_over_stale_words)
{
	struct got g;
	size_t cap = 64 * 1024, n = 0;
	char *text = malloc(cap);
	struct lg_event *ev;
	bool seen_anchor = false;

	ASSERT_NE(NULL, text);
	n += snprintf(text + n, cap - n, "BUG: stack guard page was hit at ffffc900190cfff8\n"
		      "RIP: 0010:netdev_next_lower_dev_rcu+0x8/0xb0\nCall Trace:\n");
	for (int i = 0; i < 200; i++)
		n += snprintf(text + n, cap - n, " ? stale_%d+0x1/0x2\n ? stale+0x1/0x2\n"
			      " dev_get_stats+0xa5/0x2b0\n", i);
	n += snprintf(text + n, cap - n, " rtnl_newlink+0x1/0x2\n rtnetlink_rcv_msg+0x1/0x2\n");
	parse_text(&g, text);
	ASSERT_EQ(1, g.n);
	ev = g.ev[0];
	for (size_t i = 0; i < ev->nlines; i++)
		seen_anchor |= strstr(ev->lines[i].line, "rtnetlink_rcv_msg") != NULL;
	EXPECT_TRUE(seen_anchor);
	EXPECT_STREQ("BUG: stack guard page was hit in rtnl_newlink", ev->title);
	got_free(&g);
	free(text);
}

/* Stamps going back do not cut a report; a new boot's first second does. */
TEST(stamps_going_backwards)
{
	struct got g;

	parse_text(&g, "[   76.825838] BUG: using __this_cpu_add() in preemptible [00000000] code: syz/10076\n"
		       "[   35.193222] caller is __this_cpu_preempt_check+0x1c/0x20\n"
		       "[   35.198727] CPU: 1 PID: 3344 Comm: syz Not tainted 4.9.68 #107\n"
		       "[   35.239734] Call Trace:\n"
		       "[   35.247625]  [<ffffffff81df7854>] check_preemption_disabled+0x1d4/0x200\n"
		       "[   35.266833]  [<ffffffff833f3f78>] ipcomp_init_state+0x188/0x930\n"
		       "[    0.000000] Command line: BOOT_IMAGE=/vmlinuz root=/dev/sda1\n"
		       "[    0.000001] CPU: 0 PID: 0 Comm: swapper Not tainted 4.9.68 #107\n");
	ASSERT_EQ(1, g.n);
	EXPECT_STREQ("BUG: using __this_cpu_add() in preemptible code in ipcomp_init_state",
		     g.ev[0]->title);
	EXPECT_EQ(3344, g.ev[0]->pid);
	for (size_t i = 0; i < g.ev[0]->nlines; i++)
		EXPECT_EQ(NULL, strstr(g.ev[0]->lines[i].line, "Command line"));
	got_free(&g);
}

TEST(kmsg_dictionary_and_pstore)
{
	struct got g;

	parse_text(&g, "4,200,5000000,-;general protection fault: 0000 [#1] SMP\n"
		       " SUBSYSTEM=pci\n"
		       " DEVICE=+pci:0000:00:1f.2\n"
		       "4,201,5000001,-;RIP: 0010:bar+0x1/0x10\n"
		       "Panic#1 Part1\n"
		       "<4> Call Trace:\n"
		       "<4> [<f88e11c7>] radeon_cp_resume+0x7d/0xbc [radeon]\n");
	ASSERT_EQ(2, g.n);
	EXPECT_STREQ("bar", g.ev[0]->rip.function);
	for (size_t i = 0; i < g.ev[0]->nlines; i++)
		EXPECT_EQ(NULL, strstr(g.ev[0]->lines[i].line, "SUBSYSTEM"));
	EXPECT_TRUE(g.ev[1]->fatal);
	ASSERT_EQ(1, g.ev[1]->ntrace);
	EXPECT_STREQ("radeon", g.ev[1]->trace[0].module);
	got_free(&g);
}

TEST(firmware_lines_before_the_kernel_are_not_events)
{
	struct got g;

	parse_text(&g, "WARNING: Caches not enabled\n"
		       "INFO:    BL31: Preparing for EL3 exit to normal world\n"
		       "[    0.000000] Booting Linux on physical CPU 0x0\n"
		       "[    0.000000] Linux version 6.10.0 (x@y) #1 SMP\n"
		       "[    1.000000] usb 1-1: new device\n"
		       "WARNING: can't convert coreboot GPIOs, 'lid' won't be resampled\n");
	EXPECT_EQ(0, g.n);
	got_free(&g);
}

/* Excerpts that start at the register dump still make an event. */
TEST(register_dump_without_its_first_line)
{
	struct got g;

	parse_text(&g, "[ 7262.774113] CPU: 1 PID: 3818 Comm: bash Not tainted 3.10.0-514.el7.x86_64 #1\n"
		       "[ 7262.775904] RIP: 0010:[<ffffffff813ee1d6>]  [<ffffffff813ee1d6>] sysrq_handle_crash+0x16/0x20\n"
		       "[ 7262.784790] Call Trace:\n"
		       "[ 7262.784992]  [<ffffffff813ee9f7>] __handle_sysrq+0x107/0x170\n"
		       "[ 7400.000000] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 3.10.0-514.el7.x86_64 #1\n"
		       "[ 7400.000001] Call Trace:\n"
		       "[ 7400.000002]  [<ffffffff813ee9f7>] dump_stack+0x19/0x1b\n");
	ASSERT_EQ(1, g.n);
	EXPECT_EQ(LG_CLASS_OOPS, g.ev[0]->cls);
	EXPECT_STREQ("sysrq_handle_crash", g.ev[0]->rip.function);
	EXPECT_EQ(0xffffffff813ee1d6ull, g.ev[0]->rip.address);
	EXPECT_EQ(1, g.ev[0]->ntrace);
	got_free(&g);
}

TEST(crash_utility_exception_rip)
{
	struct got g;

	parse_text(&g, "PANIC: \"BUG: unable to handle kernel NULL pointer dereference at 0000000000000008\"\n"
		       "crash> bt PID: 76 #8 [ffff88044bef3890] page_fault at ffffffff8163d408 "
		       "[exception RIP: down_read_trylock+9] RIP: ffffffff810aa989\n");
	ASSERT_EQ(1, g.n);
	EXPECT_STREQ("down_read_trylock", g.ev[0]->rip.function);
	EXPECT_EQ(9, g.ev[0]->rip.offset);
	got_free(&g);
}

TEST(feed_api_matches_buffer)
{
	struct got g = { 0 };
	struct lg_parser *p = lg_parser_new("fed", collect, &g);
	char *text = oops_with("[  1.00000%d] ", ""), *line, *save = NULL;

	ASSERT_NE(NULL, p);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		lg_parser_feed(p, line, strlen(line));
	lg_parser_finish(p);
	lg_parser_free(p);
	ASSERT_EQ(1, g.n);
	EXPECT_STREQ("fed", g.ev[0]->source);
	EXPECT_EQ(2, g.ev[0]->lines[0].lineno);
	EXPECT_EQ(6, g.ev[0]->ntrace);
	got_free(&g);
	free(text);
}

/* 100k lines: noise gives no event; a runaway report stays capped. */
TEST(memory_bounded_on_100k_lines)
{
	size_t n = 100000, cap = n * 48 + 256, len = 0;
	char *buf = malloc(cap);
	struct got g = { 0 };
	struct lg_event *ev;

	ASSERT_NE(NULL, buf);
	len += (size_t)snprintf(buf + len, cap - len,
				"[ 1.0] BUG: unable to handle kernel NULL pointer dereference at 0\n"
				"[ 1.0] Call Trace:\n");
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len,
					"[ 1.0]  recurse_%zu+0x10/0x20 [loop]\n", i);
	lg_parse_buffer(buf, len, "big", collect, &g);
	ASSERT_EQ(1, g.n);
	ev = g.ev[0];
	EXPECT_TRUE(ev->truncated);
	EXPECT_LE(ev->nlines, 512);
	EXPECT_LE(ev->ntrace, 256);
	EXPECT_EQ(ev->ntrace, 256);
	got_free(&g);

	len = 0;
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len,
					"Nov 21 10:00:00 host sshd[%zu]: Accepted key\n", i);
	lg_parse_buffer(buf, len, "noise", collect, &g);
	EXPECT_EQ(0, g.n);
	got_free(&g);
	free(buf);
}

TEST_HARNESS_MAIN
