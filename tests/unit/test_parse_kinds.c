// SPDX-License-Identifier: GPL-2.0
/*
 * Issue 13's kinds of log the parser got wrong, one test per kind, on logs
 * written for these tests: one crash printed as oops then panic, pstore
 * part headers, notices that say WARNING, the task named only on the first line, the program
 * counter of other architectures.  Expected values are read off the log text itself.
 */
#include <stdlib.h>
#include <string.h>
#include "kselftest_harness.h"
#include "parse.h"
#include "test_events.h"


static void parse_lines(struct got *g, const char *const *lines)
{
	size_t len = 0;
	char *buf, *p;

	for (const char *const *l = lines; *l; l++)
		len += strlen(*l) + 1;
	buf = malloc(len + 1);
	p = buf;
	for (const char *const *l = lines; *l; l++)
		p += sprintf(p, "%s\n", *l);
	memset(g, 0, sizeof(*g));
	lg_parse_buffer(buf, len, "test", collect, g);
	free(buf);
}

static const char *str(const char *s)
{
	return s ? s : "(null)";
}

/* RHEL 8 / Ubuntu 5.4 shape: registers again after the end marker, then
 * the panic that the oops caused. */
static const char *const oops_then_panic[] = {
	"[  512.104211] BUG: unable to handle kernel NULL pointer dereference at 0000000000000010",
	"[  512.104610] Oops: 0000 [#1] SMP NOPTI",
	"[  512.104721] CPU: 2 PID: 3107 Comm: kworker/2:1 Kdump: loaded Tainted: G           OE    --------- -  - 4.18.0-305.el8.x86_64 #1",
	"[  512.105002] Workqueue: events frob_work_fn [frobnic]",
	"[  512.105123] RIP: 0010:frob_reset+0x2c/0x90 [frobnic]",
	"[  512.105244] Code: 00 00 48 89 fb 48 8b 47 10 <8b> 40 10 85 c0 74 2a 48 8b",
	"[  512.105311] RSP: 0018:ffffa8e3c6b3fe40 EFLAGS: 00010246",
	"[  512.105601] Call Trace:",
	"[  512.105688]  frob_work_fn+0x41/0x70 [frobnic]",
	"[  512.105767]  process_one_work+0x1a7/0x360",
	"[  512.105845]  worker_thread+0x30/0x390",
	"[  512.106034] Modules linked in: frobnic(OE) xfs libcrc32c sd_mod",
	"[  512.106201] ---[ end trace 5e1f2a7c3b4d6e8f ]---",
	"[  512.106302] RIP: 0010:frob_reset+0x2c/0x90 [frobnic]",
	"[  512.106388] Code: 00 00 48 89 fb 48 8b 47 10 <8b> 40 10 85 c0 74 2a 48 8b",
	"[  512.106456] RSP: 0018:ffffa8e3c6b3fe40 EFLAGS: 00010246",
	"[  512.106543] RAX: 0000000000000000 RBX: ffff8f0c4a3b2000 RCX: 0000000000000000",
	"[  512.106712] Kernel panic - not syncing: Fatal exception in interrupt",
	"[  512.108012] ---[ end Kernel panic - not syncing: Fatal exception in interrupt ]---",
	NULL
};

TEST(oops_then_panic_is_one_fatal_event)
{
	struct got g;

	parse_lines(&g, oops_then_panic);
	ASSERT_EQ(1, g.n);
	EXPECT_EQ(LG_CLASS_OOPS, g.ev[0]->cls);
	EXPECT_TRUE(g.ev[0]->fatal);
	EXPECT_STREQ("Fatal exception in interrupt", str(g.ev[0]->panic_message));
	EXPECT_STREQ("BUG: unable to handle kernel NULL pointer dereference in frob_reset",
		     str(g.ev[0]->title));
	got_free(&g);
}

/* Each report below names its task only on its first line. */
static const char *const first_line_tasks[] = {
	"[ 4923.111111] INFO: task jbd2/sdc1-8:412 blocked for more than 120 seconds.",
	"[ 4923.111222]       Tainted: P           O      5.4.0-150-generic #167-Ubuntu",
	"[ 4923.111444] jbd2/sdc1-8     D    0   412      2 0x80004000",
	"[ 4923.111555] Call Trace:",
	"[ 4923.111666]  __schedule+0x2e3/0x740",
	"[ 4923.111999]  txg_wait_open+0x8c/0xd0 [zfs]",
	"[ 5000.000001] watchdog: BUG: soft lockup - CPU#3 stuck for 22s! [python3:9981]",
	"[ 5000.000003] RIP: 0010:_raw_spin_lock+0x1a/0x20",
	"[ 5100.000001] BUG: scheduling while atomic: kworker/u8:2/1234/0x00000002",
	"[ 5100.000003] Call Trace:",
	"[ 5100.000008]  cas_flush_fn+0x88/0x120 [cas_cache]",
	"[ 5200.000001] nginx invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0",
	"[ 5200.000002] Call Trace:",
	"[ 5200.000004]  out_of_memory+0x1c0/0x4a0",
	NULL
};

TEST(task_from_the_first_line)
{
	static const struct {
		enum lg_class cls;
		const char *comm;
		int pid;
	} want[] = {
		{ LG_CLASS_HUNG_TASK, "jbd2/sdc1-8", 412 },
		{ LG_CLASS_SOFT_LOCKUP, "python3", 9981 },
		{ LG_CLASS_ATOMIC_SLEEP, "kworker/u8:2", 1234 },
		{ LG_CLASS_OOM, "nginx", -1 },
	};
	struct got g;

	parse_lines(&g, first_line_tasks);
	ASSERT_EQ(4, g.n);
	for (size_t i = 0; i < 4; i++) {
		EXPECT_EQ(want[i].cls, g.ev[i]->cls);
		EXPECT_STREQ(want[i].comm, str(g.ev[i]->comm));
		if (want[i].pid > 0)
			EXPECT_EQ(want[i].pid, g.ev[i]->pid);
	}
	got_free(&g);
}

/* More reports that name their task only in their text. */
static const char *const named_tasks[] = {
	"[  10.000001] ======================================================",
	"[  10.000002] WARNING: possible circular locking dependency detected",
	"[  10.000003] 6.1.0-57-amd64 #1 Not tainted",
	"[  10.000004] ------------------------------------------------------",
	"[  10.000005] kswapd0/123 is trying to acquire lock:",
	"[  10.000006] ffff0000c1d2e0a8 (&pool->lock){+.+.}-{3:3}, at: pool_shrink+0x30/0x120 [gpupool]",
	"[  20.000001] BUG: sleeping function called from invalid context at mm/slub.c:993",
	"[  20.000002] in_atomic(): 1, irqs_disabled(): 0, pid: 1, name: swapper/0",
	"[  20.000003] Call Trace:",
	"[  20.000004]  gov_init+0x40/0x100",
	"[  30.000001] Thread-28: page allocation failure. order:4, mode:0xd0",
	"[  30.000002] Call Trace:",
	"[  30.000003]  handle_batch+0x2c/0x40",
	"[  40.000001] BUG: Bad page state in process rrdtool  pfn:1a2b3",
	"[  40.000002] Call Trace:",
	"[  40.000003]  free_pages_prepare+0x2c/0x40",
	"[  50.000001] Unable to handle kernel NULL pointer dereference at virtual address 00000010",
	"[  50.000002] Internal error: Oops: 96000005 [#1] SMP",
	"[  50.000003] CPU: 0 PID: 1 Comm: Not tainted 4.6.0-rc1+ #22",
	"[  50.000004] Process (pid: 1, stack limit = 0xffff8002f20c4020)",
	"[  50.000005] pc : gpio_set+0x1c/0x40",
	NULL
};

TEST(task_named_in_the_text)
{
	static const char *const want[] = {
		"kswapd0", "swapper/0", "Thread-28", "rrdtool", NULL
	};
	struct got g;

	parse_lines(&g, named_tasks);
	ASSERT_EQ(5, g.n);
	for (size_t i = 0; i < 4; i++)
		EXPECT_STREQ(want[i], str(g.ev[i]->comm));
	/* An empty "Comm:" is no name, and "Process (pid:" none either. */
	EXPECT_EQ(NULL, g.ev[4]->comm);
	EXPECT_EQ(1, g.ev[4]->pid);
	got_free(&g);
}

/* The hung task's own name wins over khungtaskd's header. */
static const char *const hung_panic[] = {
	"[  242.000001] INFO: task dd:5151 blocked for more than 122 seconds.",
	"[  242.000002]       Not tainted 6.1.0-57-amd64 #1 Debian 6.1.158-1",
	"[  242.000003] task:dd              state:D stack:0     pid:5151  ppid:1      flags:0x00004002",
	"[  242.000004] Call Trace:",
	"[  242.000005]  <TASK>",
	"[  242.000006]  __schedule+0x34d/0x9e0",
	"[  242.000007]  io_schedule+0x46/0x70",
	"[  242.000008]  </TASK>",
	"[  242.000009] Kernel panic - not syncing: hung_task: blocked tasks",
	"[  242.000010] CPU: 1 PID: 38 Comm: khungtaskd Not tainted 6.1.0-57-amd64 #1 Debian 6.1.158-1",
	NULL
};

TEST(hung_task_names_the_blocked_task)
{
	struct got g;

	parse_lines(&g, hung_panic);
	ASSERT_EQ(1, g.n);
	EXPECT_EQ(LG_CLASS_HUNG_TASK, g.ev[0]->cls);
	EXPECT_STREQ("dd", str(g.ev[0]->comm));
	EXPECT_EQ(5151, g.ev[0]->pid);
	got_free(&g);
}

/* Boot notices of subsystems that merely say WARNING, then two real WARNs
 * in 7.x's header form (the second with its condition in brackets). */
static const char *const warnings[] = {
	"[    0.061203] Spectre V2 : WARNING: Unprivileged eBPF is enabled with eIBRS on, data leaks possible via Spectre v2 BHB attacks!",
	"[    0.061209] RETBleed: WARNING: Spectre v2 mitigation leaves CPU vulnerable to RETBleed attacks, data leaks possible!",
	"[    3.402112] EXT4-fs (sda1): WARNING: mount option \"nobh\" is deprecated",
	"[    4.100001] fbcon: WARNING: fb1 is not a DRM driver, console takeover disabled",
	"[    4.100002] [drm] WARNING: display pipe B underrun notice",
	"[  101.000001] ------------[ cut here ]------------",
	"[  101.000002] WARNING: drivers/gpu/drm/drm_vblank.c:728 at vblank_fetch_timestamp+0x2f1/0x310 [drm], CPU#3: kworker/3:2/211",
	"[  101.000004] CPU: 3 UID: 0 PID: 211 Comm: kworker/3:2 Not tainted 7.2.13-amd64 #1 Debian 7.2.13-1",
	"[  101.000005] RIP: 0010:vblank_fetch_timestamp+0x2f1/0x310 [drm]",
	"[  101.000006] Call Trace:",
	"[  101.000008]  drm_get_last_vbltimestamp+0x4d/0x70 [drm]",
	"[  101.000010] ---[ end trace 0000000000000000 ]---",
	"[  201.000001] ------------[ cut here ]------------",
	"[  201.000002] WARNING: [refcount_t: underflow; use-after-free.] lib/refcount.c:28 at refcount_warn_saturate+0xba/0x110, CPU#0: swapper/0/0",
	"[  201.000004] CPU: 0 UID: 0 PID: 0 Comm: swapper/0 Not tainted 7.2.13-amd64 #1 Debian 7.2.13-1",
	"[  201.000005] RIP: 0010:refcount_warn_saturate+0xba/0x110",
	"[  201.000006] Call Trace:",
	"[  201.000008]  sock_put_last+0x4d/0x70",
	"[  201.000010] ---[ end trace 0000000000000000 ]---",
	"[  301.000001] WARNING: CPU: 1 PID: 77 at drivers/usb/core/hub.c:503 hub_port_poll+0x5c/0x60",
	"[  301.000002] CPU: 1 PID: 77 Comm: kworker/1:1 Not tainted 6.1.0-57-amd64 #1 Debian 6.1.158-1",
	"[  301.000003] RIP: 0010:hub_port_poll+0x5c/0x60",
	"[  301.000004] Call Trace:",
	"[  301.000005]  <TASK>",
	"[  301.000006]  hub_event+0x21/0x90",
	"[  301.000007]  </TASK>",
	NULL
};

TEST(notices_are_not_warnings)
{
	struct got g;

	parse_lines(&g, warnings);
	ASSERT_EQ(3, g.n);
	for (size_t i = 0; i < g.n; i++)
		EXPECT_EQ(LG_CLASS_WARNING, g.ev[i]->cls);
	EXPECT_STREQ("WARNING in vblank_fetch_timestamp", str(g.ev[0]->title));
	EXPECT_STREQ("WARNING: refcount bug in sock_put_last", str(g.ev[1]->title));
	EXPECT_STREQ("WARNING in hub_port_poll", str(g.ev[2]->title));
	got_free(&g);
}

/* A pstore dump: parts in reverse order, the report in Part1. */
static const char *const pstore_dump[] = {
	"Panic#1 Part2",
	"<6>[    1.000000] usb 1-1: new high-speed USB device number 2 using ehci-pci",
	"<6>[    1.100000] EXT4-fs (sda1): mounted filesystem with ordered data mode",
	"Panic#1 Part1",
	"<6>[   50.000000] random: crng init done",
	"<0>[  100.000000] sysrq: Trigger a crash",
	"<0>[  100.000100] Kernel panic - not syncing: sysrq triggered crash",
	"<0>[  100.000200] CPU: 0 PID: 712 Comm: bash Not tainted 6.1.0-57-amd64 #1 Debian 6.1.158-1",
	"<0>[  100.000300] Call Trace:",
	"<0>[  100.000600]  panic+0x118/0x2ed",
	"<0>[  100.000700]  sysrq_handle_crash+0x16/0x20",
	NULL
};

/* A part that kept no report text: the header alone says it crashed. */
static const char *const pstore_header_only[] = {
	"Oops#1 Part1",
	"<4>[  100.000000] usb 1-1: reset high-speed USB device number 2 using ehci-pci",
	NULL
};

TEST(pstore_header_is_not_an_event)
{
	struct got g;

	parse_lines(&g, pstore_dump);
	ASSERT_EQ(1, g.n);
	EXPECT_EQ(LG_CLASS_PANIC, g.ev[0]->cls);
	EXPECT_STREQ("kernel panic: sysrq triggered crash", str(g.ev[0]->title));
	got_free(&g);
	parse_lines(&g, pstore_header_only);
	ASSERT_EQ(1, g.n);
	EXPECT_EQ(LG_CLASS_OOPS, g.ev[0]->cls);
	EXPECT_NE(NULL, g.ev[0]->title);
	got_free(&g);
}

FIXTURE(pc) {
	struct got g;
};

FIXTURE_VARIANT(pc) {
	const char *const *lines;
	const char *function, *module;
};

FIXTURE_SETUP(pc)
{
	parse_lines(&self->g, variant->lines);
}

FIXTURE_TEARDOWN(pc)
{
	got_free(&self->g);
}

static const char *const arm64_log[] = {
	"[ 1234.567890] Unable to handle kernel NULL pointer dereference at virtual address 0000000000000008",
	"[ 1234.567950] Internal error: Oops: 0000000096000006 [#1] PREEMPT SMP",
	"[ 1234.567960] Modules linked in: widgetdrv(O) brcmfmac cfg80211",
	"[ 1234.567970] CPU: 1 PID: 812 Comm: widgetd Tainted: G           O       6.6.31-v8+ #1761",
	"[ 1234.568000] pc : widget_poll+0x44/0x120 [widgetdrv]",
	"[ 1234.568010] lr : widget_poll+0x30/0x120 [widgetdrv]",
	"[ 1234.568040] Call trace:",
	"[ 1234.568050]  widget_poll+0x44/0x120 [widgetdrv]",
	"[ 1234.568060]  do_sys_poll+0x2a8/0x4f0",
	NULL
};

static const char *const arm_log[] = {
	"[   77.100000] Unable to handle kernel NULL pointer dereference at virtual address 00000010",
	"[   77.100100] Internal error: Oops: 17 [#1] SMP ARM",
	"[   77.100200] Modules linked in: spidrv",
	"[   77.100300] CPU: 0 PID: 99 Comm: spitool Not tainted 5.10.110 #1",
	"[   77.100400] PC is at spi_xfer_one+0x24/0x90 [spidrv]",
	"[   77.100500] LR is at spi_xfer_one+0x18/0x90 [spidrv]",
	NULL
};

static const char *const mips_log[] = {
	"[  88.123000] CPU 0 Unable to handle kernel paging request at virtual address 00000004, epc == 8f0c1234, ra == 8f0c1220",
	"[  88.123100] Oops[#1]:",
	"[  88.123200] CPU: 0 PID: 1501 Comm: hostapd Tainted: G           O    5.15.150 #0",
	"[  88.123300] $ 0   : 00000000 00000001 00000000 00000001",
	"[  88.123600] epc   : 8f0c1234 radio_tx_done+0x54/0x1a0 [mt76x]",
	"[  88.123700] ra    : 8f0c1220 radio_tx_done+0x40/0x1a0 [mt76x]",
	"[  88.123900] Call Trace:",
	"[  88.124000] [<8f0c1234>] radio_tx_done+0x54/0x1a0 [mt76x]",
	NULL
};

static const char *const riscv_log[] = {
	"[   12.345678] Unable to handle kernel NULL pointer dereference at virtual address 0000000000000010",
	"[   12.345700] Oops [#1]",
	"[   12.345720] CPU: 2 PID: 144 Comm: modprobe Not tainted 6.8.0-rc3 #4",
	"[   12.345740] epc : gpio_probe+0x3e/0xd2 [gpiodrv]",
	"[   12.345750]  ra : gpio_probe+0x30/0xd2 [gpiodrv]",
	"[   12.345760] epc : ffffffff0161203e ra : ffffffff01612030 sp : ff20000000d3b9a0",
	"[   12.345780] [<ffffffff0161203e>] gpio_probe+0x3e/0xd2 [gpiodrv]",
	NULL
};

static const char *const ppc_log[] = {
	"[  300.100000] BUG: Kernel NULL pointer dereference on read at 0x00000010",
	"[  300.100200] Oops: Kernel access of bad area, sig: 11 [#1]",
	"[  300.100500] CPU: 4 PID: 2210 Comm: kworker/4:2 Tainted: G            E     5.14.0-70.el9.ppc64le #1",
	"[  300.100600] NIP:  c008000001234abc LR: c008000001234a80 CTR: c000000000123456",
	"[  300.100800] NIP [c008000001234abc] ibmvnic_reset+0x9c/0x440 [ibmvnic]",
	"[  300.100900] LR [c008000001234a80] ibmvnic_reset+0x60/0x440 [ibmvnic]",
	NULL
};

FIXTURE_VARIANT_ADD(pc, arm64) { .lines = arm64_log, .function = "widget_poll", .module = "widgetdrv" };
FIXTURE_VARIANT_ADD(pc, arm) { .lines = arm_log, .function = "spi_xfer_one", .module = "spidrv" };
FIXTURE_VARIANT_ADD(pc, mips) { .lines = mips_log, .function = "radio_tx_done", .module = "mt76x" };
FIXTURE_VARIANT_ADD(pc, riscv) { .lines = riscv_log, .function = "gpio_probe", .module = "gpiodrv" };
FIXTURE_VARIANT_ADD(pc, powerpc) { .lines = ppc_log, .function = "ibmvnic_reset", .module = "ibmvnic" };

TEST_F(pc, fills_rip_and_titles_by_it)
{
	const struct lg_event *ev;
	char in[128];

	ASSERT_EQ(1, self->g.n);
	ev = self->g.ev[0];
	ASSERT_TRUE(ev->has_rip);
	EXPECT_STREQ(variant->function, str(ev->rip.function));
	EXPECT_STREQ(variant->module, str(ev->rip.module));
	snprintf(in, sizeof(in), " in %s", variant->function);
	ASSERT_NE(NULL, ev->title);
	EXPECT_NE(NULL, strstr(ev->title, in)) TH_LOG("title: %s", ev->title);
}

/* An OOM kill the machine survived, later a panic of its own (sysrq-c),
 * and a panic_on_oom panic that is the OOM's. */
static const char *const oom_then_sysrq[] = {
	"[  140.200100] hog invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=0",
	"[  140.200110] CPU: 1 PID: 733 Comm: hog Not tainted 6.12.9-amd64 #1",
	"[  140.200120] Call Trace:",
	"[  140.200130]  <TASK>",
	"[  140.200140]  dump_stack_lvl+0x5d/0x80",
	"[  140.200150]  dump_header+0x43/0x1aa",
	"[  140.200160]  oom_kill_process+0xfa/0x200",
	"[  140.200170]  out_of_memory+0x25b/0x570",
	"[  140.200180]  </TASK>",
	"[  140.200190] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=hog,pid=733,uid=0",
	"[  140.200200] Out of memory: Killed process 733 (hog) total-vm:912004kB, anon-rss:880112kB, file-rss:4kB, shmem-rss:0kB, UID:0 pgtables:1780kB oom_score_adj:0",
	"[  143.500000] sysrq: Trigger a crash",
	"[  143.500010] Kernel panic - not syncing: sysrq triggered crash",
	"[  143.500020] CPU: 0 PID: 802 Comm: bash Not tainted 6.12.9-amd64 #1",
	"[  143.500030] Call Trace:",
	"[  143.500040]  <TASK>",
	"[  143.500050]  panic+0x11d/0x310",
	"[  143.500060]  sysrq_handle_crash+0x16/0x20",
	"[  143.500070]  __handle_sysrq+0x9a/0x190",
	"[  143.500080]  </TASK>",
	NULL,
};

static const char *const oom_then_its_panic[] = {
	"[   88.100100] hog invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=0",
	"[   88.100110] CPU: 1 PID: 640 Comm: hog Not tainted 6.12.9-amd64 #1",
	"[   88.100120] Call Trace:",
	"[   88.100130]  dump_header+0x43/0x1aa",
	"[   88.100140]  out_of_memory+0x25b/0x570",
	"[   88.100150] Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled",
	"[   88.100160] CPU: 1 PID: 640 Comm: hog Not tainted 6.12.9-amd64 #1",
	NULL,
};

TEST(panic_after_a_survived_oom_is_its_own_event)
{
	struct got g;

	parse_lines(&g, oom_then_sysrq);
	ASSERT_EQ(2, g.n);
	EXPECT_EQ(LG_CLASS_OOM, g.ev[0]->cls);
	EXPECT_FALSE(g.ev[0]->fatal);
	EXPECT_STREQ("hog", str(g.ev[0]->comm));
	EXPECT_EQ(LG_CLASS_PANIC, g.ev[1]->cls);
	EXPECT_TRUE(g.ev[1]->fatal);
	EXPECT_STREQ("bash", str(g.ev[1]->comm));
	got_free(&g);

	parse_lines(&g, oom_then_its_panic);
	ASSERT_EQ(1, g.n);
	EXPECT_TRUE(g.ev[0]->fatal);
	EXPECT_STREQ("hog", str(g.ev[0]->comm));
	got_free(&g);
}

/* A 32-bit x86 BUG cut before its trace ("EIP is at") and an x86-64 one
 * of the 3.x/4.x RIP form (two addresses before the function): the PC
 * names the frame, no "in corrupted". */
static const char *const i386_bug_cut[] = {
	"[ 5120.400100] kernel BUG at mm/frobscan.c:311!",
	"[ 5120.400110] invalid opcode: 0000 [#1] SMP",
	"[ 5120.400120] Pid: 61, comm: frobd Not tainted 3.2.0-4-686-pae #1",
	"[ 5120.400130] EIP: 0060:[<c10a1234>] EFLAGS: 00010206 CPU: 1",
	"[ 5120.400140] EIP is at frob_scan_range+0x4b/0x120",
	"[ 5120.400150] EAX: ffffff60 EBX: 00000064 ECX: 000018e5 EDX: 003ff000",
	NULL,
};

static const char *const x64_old_rip_cut[] = {
	"[  402.100100] kernel BUG at drivers/block/frob.c:88!",
	"[  402.100110] invalid opcode: 0000 [#1] SMP",
	"[  402.100120] CPU: 3 PID: 900 Comm: frobctl Not tainted 4.4.0-81-generic #104-Ubuntu",
	"[  402.100130] RIP: 0010:[<ffffffffa01f22cd>]  [<ffffffffa01f22cd>] frob_queue_cmd+0x4d/0x90",
	"[  402.100140] RSP: 0018:ffff8800b773fac0  EFLAGS: 00010006",
	NULL,
};

TEST(pc_line_titles_a_cut_bug_report)
{
	struct got g;

	parse_lines(&g, i386_bug_cut);
	ASSERT_EQ(1, g.n);
	EXPECT_STREQ("kernel BUG in frob_scan_range", str(g.ev[0]->title));
	got_free(&g);
	parse_lines(&g, x64_old_rip_cut);
	ASSERT_EQ(1, g.n);
	EXPECT_STREQ("kernel BUG in frob_queue_cmd", str(g.ev[0]->title));
	got_free(&g);
}

TEST_HARNESS_MAIN
