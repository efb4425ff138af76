// SPDX-License-Identifier: GPL-2.0
/*
 * Remedies that name things (issue 13 kind 9) and hardware errors with
 * their location (kind 7): the shipped rules, applied to logs written for
 * these tests, name the device, process, module, sysctl, release and
 * DIMM of the event, and leave a named part out when the event lacks it.
 */
#include <stdlib.h>
#include <string.h>
#include "kselftest_harness.h"
#include "causes.h"
#include "causes_int.h"
#include "parse.h"
#include "test_events.h"


static void analyze(struct got *g, const char *text)
{
	static const char *const dirs[] = { LG_TOPDIR "/user/causes", NULL };
	struct lg_causedb *db = lg_causedb_load(dirs, NULL, NULL);

	memset(g, 0, sizeof(*g));
	lg_parse_buffer(text, strlen(text), "test", collect, g);
	for (size_t i = 0; db && i < g->n; i++)
		lg_causedb_apply(db, g->ev[i]);
	lg_causedb_free(db);
}

/* The remedy of cause @id, or "". */
static const char *remedy(const struct lg_event *ev, const char *id)
{
	for (size_t i = 0; i < ev->ncauses; i++)
		if (!strcmp(ev->causes[i].id, id))
			return ev->causes[i].remedy ? ev->causes[i].remedy : "";
	return "";
}

static const char machine_check[] =
	"[ 8812.000001] mce: [Hardware Error]: Machine check events logged\n"
	"[ 8812.000002] mce: [Hardware Error]: CPU 3: Machine Check: 0 Bank 8: cc00008000010090\n"
	"[ 8812.000003] mce: [Hardware Error]: TSC 0 ADDR 1f5a3c040 MISC 90840200800028c\n"
	"[ 8812.000005] EDAC MC0: 3 CE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0 (channel:1 slot:0 page:0x1f5a3c offset:0x40 grain:32 syndrome:0x0 - area:DRAM err_code:0101:0091 socket:0 ha:0 channel_mask:2 rank:0)\n";

TEST(machine_check_is_one_event_with_its_location)
{
	struct got g;

	analyze(&g, machine_check);
	ASSERT_EQ(1, g.n);
	EXPECT_EQ(LG_CLASS_MCE, g.ev[0]->cls);
	ASSERT_NE(NULL, g.ev[0]->hw_location);
	EXPECT_NE(NULL, strstr(g.ev[0]->hw_location, "DIMM CPU_SrcID#0_Ha#0_Chan#1_DIMM#0"));
	EXPECT_NE(NULL, strstr(g.ev[0]->hw_location, "bank 8"));
	EXPECT_NE(NULL, strstr(g.ev[0]->hw_location, "address 0x1f5a3c040"));
	EXPECT_NE(NULL, strstr(remedy(g.ev[0], "machine-check"), "CPU_SrcID#0_Ha#0_Chan#1_DIMM#0"));
	got_free(&g);
}

static const char edac_only[] =
	"Mar  3 04:11:52 db7 kernel: [91000.100000] EDAC MC1: 1 UE memory read error on CPU_SrcID#1_Ha#0_Chan#2_DIMM#1 (channel:2 slot:1 page:0x88aa1 offset:0x0 grain:32 - area:DRAM err_code:0001:0090 socket:1 ha:0 channel_mask:4 rank:1)\n";

TEST(edac_error_is_an_mce_event)
{
	struct got g;

	analyze(&g, edac_only);
	ASSERT_EQ(1, g.n);
	EXPECT_EQ(LG_CLASS_MCE, g.ev[0]->cls);
	ASSERT_NE(NULL, g.ev[0]->hw_location);
	EXPECT_NE(NULL, strstr(g.ev[0]->hw_location, "CPU_SrcID#1_Ha#0_Chan#2_DIMM#1"));
	EXPECT_NE(NULL, strstr(g.ev[0]->hw_location, "1 UE"));
	got_free(&g);
}

static const char io_error[] =
	"[ 3000.100000] sd 2:0:0:0: [sdc] tag#12 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_OK\n"
	"[ 3000.100001] blk_update_request: I/O error, dev sdc, sector 2048 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0\n";

TEST(io_error_remedy_names_the_device)
{
	struct got g;

	analyze(&g, io_error);
	ASSERT_LE(1, g.n);
	EXPECT_EQ(LG_CLASS_IO_ERROR, g.ev[g.n - 1]->cls);
	EXPECT_NE(NULL, strstr(remedy(g.ev[g.n - 1], "class-io-error"), "/dev/sdc"))
		TH_LOG("%s", remedy(g.ev[g.n - 1], "class-io-error"));
	got_free(&g);
}

static const char lockup[] =
	"[ 5000.000001] watchdog: BUG: soft lockup - CPU#3 stuck for 22s! [python3:9981]\n"
	"[ 5000.000002] Modules linked in: zfs(PO) spl(O)\n"
	"[ 5000.000003] CPU: 3 PID: 9981 Comm: python3 Tainted: P           O L    5.15.0-91-generic #101-Ubuntu\n"
	"[ 5000.000004] RIP: 0010:_raw_spin_lock+0x1a/0x20\n"
	"[ 5000.000005] Call Trace:\n"
	"[ 5000.000006]  arc_buf_thaw+0x44/0x90 [zfs]\n"
	"[ 5000.000007]  do_syscall_64+0x57/0x190\n";

TEST(lockup_remedy_names_process_module_and_release)
{
	struct got g;
	const char *r;

	analyze(&g, lockup);
	ASSERT_EQ(1, g.n);
	r = remedy(g.ev[0], "class-soft-lockup");
	EXPECT_NE(NULL, strstr(r, "python3")) TH_LOG("%s", r);
	EXPECT_NE(NULL, strstr(r, "9981")) TH_LOG("%s", r);
	EXPECT_NE(NULL, strstr(r, "zfs")) TH_LOG("%s", r);
	EXPECT_NE(NULL, strstr(r, "5.15.0-91-generic")) TH_LOG("%s", r);
	got_free(&g);
}

static const char hung_panic[] =
	"[  242.000001] INFO: task dd:5151 blocked for more than 122 seconds.\n"
	"[  242.000002]       Not tainted 6.1.0-57-amd64 #1 Debian 6.1.158-1\n"
	"[  242.000004] Call Trace:\n"
	"[  242.000006]  __schedule+0x34d/0x9e0\n"
	"[  242.000007]  io_schedule+0x46/0x70\n"
	"[  242.000008]  blkdev_read_iter+0x40/0x90\n"
	"[  242.000009] Kernel panic - not syncing: hung_task: blocked tasks\n";

TEST(panic_remedy_names_the_sysctl)
{
	struct got g;
	const char *r;

	analyze(&g, hung_panic);
	ASSERT_EQ(1, g.n);
	r = remedy(g.ev[0], "class-hung-task");
	EXPECT_NE(NULL, strstr(r, "dd, pid 5151")) TH_LOG("%s", r);
	/* Nothing taints: the module sentence is left out, not "unknown". */
	EXPECT_EQ(NULL, strstr(r, "unknown")) TH_LOG("%s", r);
	EXPECT_EQ(NULL, strstr(r, "taints the kernel")) TH_LOG("%s", r);
	EXPECT_STREQ("kernel.hung_task_panic", lg_event_sysctl(g.ev[0]));
	got_free(&g);
}

TEST(optional_part_needs_every_variable)
{
	struct lg_event ev;
	char *a, *b;

	lg_event_init(&ev);
	ev.comm = strdup("nginx");
	a = lg_template_expand("task[[ {comm}]][[ pid {pid}]].", &ev, NULL, NULL, 0, NULL, NULL);
	ev.pid = 77;
	b = lg_template_expand("task[[ {comm}]][[ pid {pid}]].", &ev, NULL, NULL, 0, NULL, NULL);
	EXPECT_STREQ("task nginx.", a);
	EXPECT_STREQ("task nginx pid 77.", b);
	free(a);
	free(b);
	lg_event_free(&ev);
}

TEST_HARNESS_MAIN
