// SPDX-License-Identifier: GPL-2.0
/*
 * The module at fault of a stuck task (issue 13 kind 6): a hung task or
 * lockup whose stack runs through a tainting module, or whose work item
 * belongs to one, names that module, and the shipped cause database says
 * so.  Logs written for these tests.
 */
#include <stdlib.h>
#include <string.h>
#include "kselftest_harness.h"
#include "causes.h"
#include "parse.h"

static struct lg_event *first;

static void keep_first(struct lg_event *ev, void *arg)
{
	(void)arg;
	if (!first) {
		first = ev;
		return;
	}
	lg_event_free(ev);
	free(ev);
}

/* Parse @text, apply the tree's cause rules, return the first event. */
static struct lg_event *analyze(const char *text)
{
	static const char *const dirs[] = { LG_TOPDIR "/user/causes", NULL };
	struct lg_causedb *db = lg_causedb_load(dirs, NULL, NULL);

	first = NULL;
	lg_parse_buffer(text, strlen(text), "test", keep_first, NULL);
	if (first && db)
		lg_causedb_apply(db, first);
	lg_causedb_free(db);
	return first;
}

static void drop(struct lg_event *ev)
{
	lg_event_free(ev);
	free(ev);
}

static const char *str(const char *s)
{
	return s ? s : "(null)";
}

/* Every frame of the modules is a wait: the module with most frames. */
static const char hung_zfs[] =
	"[ 4923.111111] INFO: task txg_sync:812 blocked for more than 120 seconds.\n"
	"[ 4923.111222]       Tainted: P           O      5.15.0-91-generic #101-Ubuntu\n"
	"[ 4923.111444] task:txg_sync        state:D stack:    0 pid:  812 ppid:     2 flags:0x00004000\n"
	"[ 4923.111555] Call Trace:\n"
	"[ 4923.111556]  <TASK>\n"
	"[ 4923.111666]  __schedule+0x2e3/0x740\n"
	"[ 4923.111777]  schedule+0x42/0xb0\n"
	"[ 4923.111888]  cv_wait_common+0x104/0x130 [spl]\n"
	"[ 4923.111899]  __cv_wait+0x15/0x20 [spl]\n"
	"[ 4923.111999]  txg_wait_synced_impl+0x8c/0xd0 [zfs]\n"
	"[ 4923.112000]  txg_wait_synced+0x10/0x40 [zfs]\n"
	"[ 4923.112001]  spa_wait_sync+0x1c0/0x3c0 [zfs]\n"
	"[ 4923.112111]  kthread+0x121/0x140\n"
	"[ 4923.112222]  ret_from_fork+0x35/0x40\n"
	"[ 4923.112223]  </TASK>\n";

TEST(hung_task_through_tainting_modules)
{
	struct lg_event *ev = analyze(hung_zfs);

	ASSERT_NE(NULL, ev);
	EXPECT_EQ(LG_CLASS_HUNG_TASK, ev->cls);
	EXPECT_STREQ("zfs", str(ev->culprit_module));
	ASSERT_LT(0, ev->ncauses);
	EXPECT_STREQ("out-of-tree-module-culprit", ev->causes[0].id);
	EXPECT_NE(NULL, strstr(ev->causes[0].title, "zfs"));
	drop(ev);
}

/* A soft lockup spinning in the core kernel, called by the module. */
static const char lockup_cas[] =
	"[ 5000.000001] watchdog: BUG: soft lockup - CPU#3 stuck for 23s! [cas_flush:9981]\n"
	"[ 5000.000002] Modules linked in: cas_cache(OE) cas_disk(OE) xfs sd_mod\n"
	"[ 5000.000003] CPU: 3 PID: 9981 Comm: cas_flush Tainted: G           OEL    4.18.0-348.el8.x86_64 #1\n"
	"[ 5000.000004] RIP: 0010:native_queued_spin_lock_slowpath+0x1a/0x1d0\n"
	"[ 5000.000005] Call Trace:\n"
	"[ 5000.000006]  _raw_spin_lock_irqsave+0x3d/0x40\n"
	"[ 5000.000007]  ocf_cleaner_run+0x88/0x120 [cas_cache]\n"
	"[ 5000.000008]  cas_flush_thread+0x44/0x90 [cas_cache]\n"
	"[ 5000.000009]  kthread+0x116/0x130\n";

TEST(lockup_names_the_module_on_its_stack)
{
	struct lg_event *ev = analyze(lockup_cas);

	ASSERT_NE(NULL, ev);
	EXPECT_EQ(LG_CLASS_SOFT_LOCKUP, ev->cls);
	EXPECT_STREQ("cas_cache", str(ev->culprit_module));
	drop(ev);
}

/* A warning in the core kernel from a tainting module's work item. */
static const char work_item[] =
	"[  512.104000] ------------[ cut here ]------------\n"
	"[  512.104211] WARNING: CPU: 2 PID: 3107 at lib/list_debug.c:53 __list_del_entry_valid+0x79/0x90\n"
	"[  512.104212] list_del corruption. prev->next should be ffff8f0c4a3b2000, but was ffff8f0c4a3b2100\n"
	"[  512.104530] Modules linked in: frobnic(OE) xfs libcrc32c sd_mod\n"
	"[  512.104721] CPU: 2 PID: 3107 Comm: kworker/2:1 Tainted: G           OE     5.4.0-150-generic #167-Ubuntu\n"
	"[  512.105002] Workqueue: events frob_work_fn [frobnic]\n"
	"[  512.105123] RIP: 0010:__list_del_entry_valid+0x79/0x90\n"
	"[  512.105601] Call Trace:\n"
	"[  512.105767]  process_one_work+0x1a7/0x360\n"
	"[  512.105845]  worker_thread+0x30/0x390\n"
	"[  512.106201] ---[ end trace 5e1f2a7c3b4d6e8f ]---\n";

TEST(work_item_names_the_module)
{
	struct lg_event *ev = analyze(work_item);

	ASSERT_NE(NULL, ev);
	EXPECT_EQ(LG_CLASS_LIST_CORRUPTION, ev->cls);
	EXPECT_STREQ("frobnic", str(ev->culprit_module));
	drop(ev);
}

/* An in-tree module on a stuck stack is not a culprit (it does not taint). */
static const char hung_intree[] =
	"[  242.000001] INFO: task kworker/0:1:51 blocked for more than 122 seconds.\n"
	"[  242.000002]       Not tainted 6.1.0-57-amd64 #1 Debian 6.1.158-1\n"
	"[  242.000004] Call Trace:\n"
	"[  242.000006]  __schedule+0x34d/0x9e0\n"
	"[  242.000007]  nfs_wait_bit_killable+0x1d/0x60 [nfs]\n"
	"[  242.000008]  nfs_commit_inode+0x40/0x90 [nfs]\n";

TEST(in_tree_module_is_not_a_culprit)
{
	struct lg_event *ev = analyze(hung_intree);

	ASSERT_NE(NULL, ev);
	EXPECT_EQ(NULL, ev->culprit_module);
	drop(ev);
}

/* RHEL 5 prints the module before the symbol. */
static const char hung_rhel5[] =
	"INFO: task kjournald2:1203 blocked for more than 120 seconds.\n"
	"\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n"
	"kjournald2    D ffff81000101d7a0     0  1203     63          1204  1180 (L-TLB)\n"
	"Call Trace:\n"
	" [<ffffffff8008cf5f>] find_busiest_group+0x20d/0x621\n"
	" [<ffffffff88582f6d>] :jbd2:jbd2_journal_commit_transaction+0x191/0x1068\n"
	" [<ffffffff8003dbe6>] lock_timer_base+0x1b/0x3c\n"
	" [<ffffffff88586f7c>] :jbd2:kjournald2+0x9a/0x1ec\n"
	" [<ffffffff80032974>] kthread+0xfe/0x132\n";

TEST(module_first_frames_of_rhel5)
{
	struct lg_event *ev = analyze(hung_rhel5);

	ASSERT_NE(NULL, ev);
	EXPECT_STREQ("jbd2_journal_commit_transaction", str(ev->guilty_frame));
	ASSERT_LE(2, ev->ntrace);
	EXPECT_STREQ("jbd2_journal_commit_transaction", str(ev->trace[1].function));
	EXPECT_STREQ("jbd2", str(ev->trace[1].module));
	drop(ev);
}

/* The allocator's entry point is not where a failed allocation comes from. */
static const char alloc_fail[] =
	"[ 9000.000001] EMT-0: page allocation failure: order:4, mode:0x40d0\n"
	"[ 9000.000002] CPU: 1 PID: 4410 Comm: EMT-0 Tainted: P           O    3.13.0-32-generic #57-Ubuntu\n"
	"[ 9000.000003] Call Trace:\n"
	"[ 9000.000004]  [<ffffffff8171a214>] dump_stack+0x45/0x56\n"
	"[ 9000.000005]  [<ffffffff81154e4b>] warn_alloc_failed+0xeb/0x140\n"
	"[ 9000.000006]  [<ffffffff81158fcb>] __alloc_pages_nodemask+0x7ab/0x990\n"
	"[ 9000.000007]  [<ffffffff811591d2>] __get_free_pages+0x12/0x50\n"
	"[ 9000.000008]  [<ffffffffa0262ae4>] rtR0MemAllocEx+0x154/0x250 [vboxdrv]\n"
	"[ 9000.000009]  [<ffffffffa025b5c5>] VBoxHost_RTMemAllocTag+0x15/0x30 [vboxdrv]\n";

TEST(allocation_failure_names_the_caller)
{
	struct lg_event *ev = analyze(alloc_fail);

	ASSERT_NE(NULL, ev);
	EXPECT_EQ(LG_CLASS_PAGE_ALLOC_FAILURE, ev->cls);
	EXPECT_STREQ("rtR0MemAllocEx", str(ev->guilty_frame));
	EXPECT_STREQ("vboxdrv", str(ev->culprit_module));
	drop(ev);
}

/* Machinery frames above the real user: not the guilty frame. */
static const char machinery[] =
	"[  300.000001] BUG: unable to handle page fault for address: ffffc90000a3f000\n"
	"[  300.000002] Oops: 0000 [#1] PREEMPT SMP\n"
	"[  300.000003] CPU: 2 PID: 777 Comm: btrfs Not tainted 6.1.0-57-amd64 #1 Debian 6.1.158-1\n"
	"[  300.000004] RIP: 0010:aes_encrypt+0x2a/0x4d0\n"
	"[  300.000005] Call Trace:\n"
	"[  300.000006]  <TASK>\n"
	"[  300.000007]  debug_smp_processor_id+0x17/0x20\n"
	"[  300.000008]  assertfail+0x19/0x1b\n"
	"[  300.000009]  seal_extent_key+0x61/0x90\n"
	"[  300.000010]  </TASK>\n";

TEST(machinery_is_not_guilty)
{
	struct lg_event *ev = analyze(machinery);

	ASSERT_NE(NULL, ev);
	EXPECT_STREQ("seal_extent_key", str(ev->guilty_frame));
	drop(ev);
}

/* A lockdep report cut before its backtrace: the "at:" line has the module. */
static const char lockdep_cut[] =
	"[ 1628.982100] ======================================================\n"
	"[ 1628.982110] WARNING: possible circular locking dependency detected\n"
	"[ 1628.982120] 6.1.0-57-arm64 #1 Not tainted\n"
	"[ 1628.982130] ------------------------------------------------------\n"
	"[ 1628.982140] kswapd0/64 is trying to acquire lock:\n"
	"[ 1628.982169] ffff0000489d1c08 (&obj->lock){+.+.}-{3:3}, at: gpu_unmap_all+0x2c/0x68 [gpudrv]\n"
	"[ 1628.982180] \n"
	"[ 1628.982190] but task is already holding lock:\n"
	"[ 1628.982200] ffff8000117b5e40 (fs_reclaim){+.+.}-{0:0}, at: __fs_reclaim_acquire+0x0/0x40\n";

TEST(fault_module_of_a_guilty_frame_outside_the_trace)
{
	struct lg_event *ev = analyze(lockdep_cut);

	ASSERT_NE(NULL, ev);
	EXPECT_EQ(LG_CLASS_LOCKDEP, ev->cls);
	EXPECT_STREQ("gpu_unmap_all", str(ev->guilty_frame));
	EXPECT_EQ(NULL, ev->culprit_module);
	EXPECT_STREQ("gpudrv", str(ev->fault_module));
	drop(ev);
}

TEST(fault_module_is_the_culprit_when_one_taints)
{
	struct lg_event *ev = analyze(lockup_cas);

	ASSERT_NE(NULL, ev);
	EXPECT_STREQ("cas_cache", str(ev->fault_module));
	drop(ev);
}

/* ARM prints a frame's module only in its "(FUNC+OFF/SIZE [mod])" form. */
static const char arm_warn[] =
	"[   42.000100] ------------[ cut here ]------------\n"
	"[   42.000110] WARNING: CPU: 0 PID: 0 at drivers/gpu/drm/drm_vblank.c:900 panel_irq+0x5c/0xa0 [lcdpanel]\n"
	"[   42.000120] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 5.4.0 #1\n"
	"[   42.000130] Hardware name: Allwinner sun8i Family\n"
	"[   42.000140] [<c010e1a8>] (unwind_backtrace) from [<c010b4c4>] (show_stack+0x10/0x14)\n"
	"[   42.000150] [<c010b4c4>] (show_stack) from [<c011bb20>] (__warn+0xd4/0xec)\n"
	"[   42.000160] [<c011bb20>] (__warn) from [<bf001ec0>] (panel_irq+0x5c/0xa0 [lcdpanel])\n"
	"[   42.000170] [<bf001ec0>] (panel_irq [lcdpanel]) from [<c0163548>] (__handle_irq_event_percpu+0x50/0x11c)\n"
	"[   42.000180] ---[ end trace 0000000000000002 ]---\n";

TEST(fault_module_of_an_arm_frame)
{
	struct lg_event *ev = analyze(arm_warn);

	ASSERT_NE(NULL, ev);
	EXPECT_STREQ("lcdpanel", str(ev->fault_module));
	drop(ev);
}

/* The guilty frame is named without the clone suffix the trace prints. */
static const char clone_warn[] =
	"[  310.000100] ------------[ cut here ]------------\n"
	"[  310.000110] WARNING: CPU: 2 PID: 811 at drivers/gpu/drm/vgpu/vgpu_mode.c:77 vgpu_stage_state.isra.12+0x1a/0x40 [vgpu]\n"
	"[  310.000120] CPU: 2 PID: 811 Comm: Xorg Not tainted 4.19.0-8-amd64 #1\n"
	"[  310.000130] Call Trace:\n"
	"[  310.000140]  dump_stack+0x66/0x90\n"
	"[  310.000150]  __warn+0xc4/0xe0\n"
	"[  310.000160]  vgpu_stage_state.isra.12+0x1a/0x40 [vgpu]\n"
	"[  310.000170]  vgpu_check_state+0x33/0x80 [vgpu]\n"
	"[  310.000180]  drm_atomic_check_only+0x1e1/0x3f0 [drm]\n"
	"[  310.000190] ---[ end trace 0000000000000003 ]---\n";

TEST(fault_module_of_a_cloned_function)
{
	struct lg_event *ev = analyze(clone_warn);

	ASSERT_NE(NULL, ev);
	EXPECT_STREQ("vgpu", str(ev->fault_module));
	drop(ev);
}

TEST_HARNESS_MAIN
