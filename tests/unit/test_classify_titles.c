// SPDX-License-Identifier: GPL-2.0
/*
 * Title rules learnt from syzbot's report formats: one variant per rule,
 * each a short report in the shape real kernels print, with the title and
 * guilty frame syzbot gives it.
 */
#include "kselftest_harness.h"
#include "test_classify_helpers.h"

FIXTURE(title) {
	struct lg_event *ev;
};

FIXTURE_VARIANT(title) {
	const char *text;
	const char *title;
};

/* Hung tasks waiting for I/O say so (6.x); the page cache read helpers
 * above the filesystem are skipped like the other generic frames. */
FIXTURE_VARIANT_ADD(title, hung_in_io_wait) {
	.text = "INFO: task udevd:5612 blocked in I/O wait for more than 143 seconds.\n"
		"      Tainted: G             L      syzkaller #0\n"
		"task:udevd           state:D stack:0     pid:5612\n"
		"Call trace:\n"
		" __switch_to+0x2b0/0x6e0 (T)\n"
		" __schedule+0x1b74/0x2d24\n"
		" io_schedule+0x1c/0xe0\n"
		" folio_wait_bit_common+0x674/0x9ec\n"
		" do_read_cache_folio+0x240/0x5b8\n"
		" read_cache_folio+0x68/0x84\n"
		" read_part_sector+0xcc/0x6e8\n",
	.title = "INFO: task hung in read_cache_folio",
};

/* A task name with a newline in it breaks the header line in two. */
FIXTURE_VARIANT_ADD(title, hung_task_comm_with_newline) {
	.text = "INFO: task \xef\xbf\xbd\n"
		"\xef\xbf\xbd:18088 blocked for more than 143 seconds.\n"
		"Call Trace:\n"
		" <TASK>\n"
		" __schedule+0x10e9/0x6820\n"
		" schedule_timeout+0x1b2/0x280\n"
		" __wait_for_common+0x2e7/0x4c0\n"
		" p9_fd_close+0x1/0x2\n",
	.title = "INFO: task hung in p9_fd_close",
};

/* iput() and dput() only drop the reference: the caller is guilty. */
FIXTURE_VARIANT_ADD(title, kasan_skips_iput) {
	.text = "BUG: KASAN: stack-out-of-bounds in iput+0x1/0x2\n"
		"Read of size 8 at addr ffffc90000000000 by task syz/1\n"
		"Call Trace:\n"
		" <TASK>\n"
		" dump_stack_lvl+0x1/0x2\n"
		" kasan_report+0x1/0x2\n"
		" iput+0x1/0x2\n"
		" ntfs_fill_super+0x1/0x2\n",
	.title = "KASAN: stack-out-of-bounds Read in ntfs_fill_super",
};

FIXTURE_VARIANT_ADD(title, warning_skips_fast_dput) {
	.text = "WARNING: CPU: 0 PID: 1 at fs/dcache.c:12 fast_dput+0x1/0x2\n"
		"RIP: 0010:fast_dput+0x1/0x2\n"
		"Call Trace:\n"
		" dput+0x1/0x2\n"
		" ovl_stack_put+0x1/0x2\n",
	.title = "WARNING in ovl_stack_put",
};

/* Two CPUs faulting at once: the second report's "BUG: kernel NULL
 * pointer dereference" header was printed inside the first report, so its
 * own part starts at the Oops banner; CR2 still tells what faulted. */
FIXTURE_VARIANT_ADD(title, oops_banner_without_header_null) {
	.text = "Oops: 0002 [#2] PREEMPT SMP NOPTI\n"
		"CPU: 1 PID: 117 Comm: t Tainted: G      D    OE      6.1.0-56-amd64 #1\n"
		"RIP: 0010:m_null+0x40/0x63 [m]\n"
		"CR2: 0000000000000000 CR3: 0000000001fc2000 CR4: 0000000000751ee0\n"
		"Call Trace:\n"
		" m_write+0x1/0x2 [m]\n",
	.title = "BUG: unable to handle kernel NULL pointer dereference in m_null",
};

FIXTURE_VARIANT_ADD(title, oops_banner_without_header_paging) {
	.text = "Oops: 0000 [#2] PREEMPT SMP NOPTI\n"
		"RIP: 0010:m_read+0x40/0x63 [m]\n"
		"CR2: ffffc90000a3d000 CR3: 0000000001fc2000 CR4: 0000000000751ee0\n"
		"Call Trace:\n"
		" m_write+0x1/0x2 [m]\n",
	.title = "BUG: unable to handle kernel paging request in m_read",
};

/* Out-of-tree modules are often built in a directory named after a
 * distribution release, which may hold a '+' (6.12.117+deb12-amd64). */
FIXTURE_VARIANT_ADD(title, warning_source_path_with_plus) {
	.text = "WARNING: CPU: 0 PID: 97 at /var/lib/dkms/m/6.12.117+deb12-amd64/src/m.c:40 m_warn+0x1/0x2 [m]\n"
		"RIP: 0010:m_warn+0x1/0x2 [m]\n"
		"Call Trace:\n"
		" m_write+0x1/0x2 [m]\n",
	.title = "WARNING in m_warn",
};

/* A work item's pseudo-lock is taken in process_one_work(): the function
 * that flushes the workqueue in the dependency chain is the culprit. */
FIXTURE_VARIANT_ADD(title, circular_lock_skips_workqueue) {
	.text = "WARNING: possible circular locking dependency detected\n"
		"5.5.0-rc7 #10 Not tainted\n"
		"kworker/u8:2/43 is trying to acquire lock:\n"
		"ffffc9000027fdf0 ((work_completion)(&peer->work)){+.+.}, at: process_one_work+0x8c0/0x17b0\n"
		"but task is already holding lock:\n"
		"ffff8880649b0d28 ((wq_completion)wg-kex){+.+.}, at: process_one_work+0x88b/0x17b0\n"
		"the existing dependency chain (in reverse order) is:\n"
		"-> #2 ((wq_completion)wg-kex){+.+.}:\n"
		"       flush_workqueue+0x115/0x1520\n"
		"       peer_remove_after_dead+0x16a/0x230\n"
		"       wg_peer_remove+0x23f/0x340\n",
	.title = "possible deadlock in peer_remove_after_dead",
};

FIXTURE_VARIANT_ADD(title, circular_lock_acquired_at) {
	.text = "WARNING: possible circular locking dependency detected\n"
		"syz/1 is trying to acquire lock:\n"
		"ffff88801 (&sb->s_type->i_mutex_key#9){+.+.}, at: inode_lock include/linux/fs.h:1 [inline]\n"
		"ffff88801 (&sb->s_type->i_mutex_key#9){+.+.}, at: ext4_setattr+0x1/0x2\n"
		"but task is already holding lock:\n"
		"ffff88802 (jbd2_handle){++++}, at: start_this_handle+0x1/0x2\n",
	.title = "possible deadlock in ext4_setattr",
};

/* A lock order report: where the lock became irq-safe. */
FIXTURE_VARIANT_ADD(title, irq_safe_lock_order) {
	.text = "WARNING: HARDIRQ-safe -> HARDIRQ-unsafe lock order detected\n"
		"syz-executor.4/17509 [HC0[0]:SC0[0]:HE0:SE1] is trying to acquire:\n"
		"ffff8880120b9168 (&new->fa_lock){.?.+}-{2:2}, at: kill_fasync+0x14b/0x460\n"
		"but this new dependency connects a HARDIRQ-irq-safe lock:\n"
		" (&dev->event_lock){-.-.}-{2:2}\n"
		"... which became HARDIRQ-irq-safe at:\n"
		"  lock_acquire+0x29d/0x740\n"
		"  _raw_spin_lock_irqsave+0x39/0x50\n"
		"  input_event+0x7b/0xb0\n"
		"  psmouse_report_standard_buttons+0x2c/0x80\n",
	.title = "possible deadlock in input_event",
};

/* Inconsistent lock state: the stack that took the lock the wrong way. */
FIXTURE_VARIANT_ADD(title, inconsistent_lock_state_from_call_trace) {
	.text = "WARNING: inconsistent lock state\n"
		"inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.\n"
		"syz/5 [HC0[0]:SC0[0]:HE1:SE1] takes:\n"
		"ffff888 (&sbi->lock){?.+.}-{2:2}, at: _atomic_dec_and_lock+0x1/0x2\n"
		"{IN-HARDIRQ-W} state was registered at:\n"
		"  lock_acquire+0x1/0x2\n"
		"  some_irq_handler+0x1/0x2\n"
		"stack backtrace:\n"
		"Call Trace:\n"
		" <TASK>\n"
		" dump_stack_lvl+0x1/0x2\n"
		" mark_lock+0x1/0x2\n"
		" _raw_spin_lock+0x1/0x2\n"
		" _atomic_dec_and_lock+0x1/0x2\n"
		" iput+0x1/0x2\n"
		" ntfs_fill_super+0x1/0x2\n",
	.title = "inconsistent lock state in ntfs_fill_super",
};

/* Bad page state: the stack that allocated the page, above the allocator
 * and page cache helpers. */
FIXTURE_VARIANT_ADD(title, bad_page_state_allocation_stack) {
	.text = "BUG: Bad page state in process syz-executor209  pfn:7deea\n"
		"page: refcount:0 mapcount:0 mapping:0000000000000000 index:0x2e pfn:0x7deea\n"
		"page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set\n"
		"page_owner tracks the page as allocated\n"
		"page last allocated via order 0, migratetype Unmovable, gfp_mask 0x40c40(GFP_NOFS|__GFP_COMP), pid 5096\n"
		" post_alloc_hook+0x1f3/0x230\n"
		" get_page_from_freelist+0x2e4c/0x2f10\n"
		" __alloc_pages_noprof+0x256/0x6c0\n"
		" folio_alloc_noprof+0x128/0x180\n"
		" __filemap_get_folio+0x44e/0xc10\n"
		" pagecache_get_page+0x2c/0x200\n"
		" __get_metapage+0x2b4/0x1050\n"
		" diNewExt+0xacf/0x37e0\n"
		"page last free pid 5083 tgid 5083 stack trace:\n"
		" free_unref_page+0xd19/0xea0\n"
		"Call Trace:\n"
		" <TASK>\n"
		" bad_page+0x1/0x2\n"
		" free_unref_folios+0x1/0x2\n"
		" folio_batch_move_lru+0x1/0x2\n",
	.title = "BUG: Bad page state in __get_metapage",
};

/* Without the page owner's stack the report cannot name a culprit. */
FIXTURE_VARIANT_ADD(title, bad_page_state_without_owner) {
	.text = "BUG: Bad page state in process syz  pfn:7deea\n"
		"page dumped because: nonzero mapcount\n"
		"Call Trace:\n"
		" bad_page+0x1/0x2\n"
		" free_pages_prepare+0x1/0x2\n"
		" release_pages+0x1/0x2\n",
	.title = "BUG: Bad page state in corrupted",
};

/* A stack overflow is named by the frame above the dispatch point, as a
 * stall is: the recursion itself repeats all over the trace. */
FIXTURE_VARIANT_ADD(title, stack_guard_page_from_dispatch_point) {
	.text = "BUG: TASK stack guard page was hit at ffffc9000e4aff58 (stack is ffffc9000e4b0000..ffffc9000e4b8000)\n"
		"stack guard page: 0000 [#1] PREEMPT SMP KASAN\n"
		"RIP: 0010:mark_lock+0x23/0x17b0\n"
		"Call Trace:\n"
		" <TASK>\n"
		" __lock_acquire+0x8a7/0x54a0\n"
		" psi_group_change+0x135/0xc20\n"
		" bond_compute_features+0x56c/0xaa0\n"
		" netdev_change_features+0x61/0xb0\n"
		" rtnl_newlink+0x1/0x2\n"
		" rtnetlink_rcv_msg+0x413/0xb80\n"
		" netlink_rcv_skb+0x1/0x2\n",
	.title = "BUG: stack guard page was hit in rtnl_newlink",
};

/* A call through a NULL pointer: the PC is a bare address, the backtrace
 * names the caller. */
FIXTURE_VARIANT_ADD(title, arm_pc_is_a_bare_address) {
	.text = "Unable to handle kernel NULL pointer dereference at virtual address 00000000\n"
		"Internal error: Oops: 80000207 [#1] PREEMPT SMP ARM\n"
		"CPU: 1 PID: 8604 Comm: syz-executor.1 Not tainted 6.0.0-rc3-syzkaller #0\n"
		"PC is at 0x0\n"
		"LR is at gsmld_receive_buf+0xc0/0x15c\n"
		"pc : [<00000000>]    lr : [<808eaab4>]    psr: 60000013\n"
		"Backtrace:\n"
		"[<808ea9f4>] (gsmld_receive_buf) from [<808dcfac>] (tty_ioctl+0x1/0x2)\n"
		"[<808dc804>] (tty_ioctl) from [<804b9814>] (sys_ioctl+0x1/0x2)\n",
	.title = "BUG: unable to handle kernel NULL pointer dereference in gsmld_receive_buf",
};

/* A fault injection stack inside the report: no frame is trustworthy. */
FIXTURE_VARIANT_ADD(title, fault_injection_stack_is_corrupted) {
	.text = "WARNING: CPU: 1 PID: 1798 at lib/debugobjects.c:287 debug_print_object+0x16a/0x250\n"
		"CPU: 0 PID: 26531 Comm: syz-executor1 Not tainted 4.14.90+ #1\n"
		"Call Trace:\n"
		"dump_stack+0x101/0x1b4\n"
		"should_fail.cold+0xa/0x10\n"
		"should_failslab+0xde/0x140\n"
		"__alloc_skb+0x17d/0x760\n"
		"unix_dgram_sendmsg+0x401/0x1570\n",
	.title = "WARNING: ODEBUG bug in corrupted",
};

/* A message with a stack of its own cuts the report short: what follows
 * is not the report's. */
FIXTURE_VARIANT_ADD(title, fault_injection_message_cuts_report) {
	.text = "BUG: bad unlock balance detected!\n"
		"4.9.65-g8ae26d1 #98 Not tainted\n"
		"-------------------------------------\n"
		"FAULT_FLAG_ALLOW_RETRY missing 30\n"
		"CPU: 0 PID: 14413 Comm: syz-executor0 Not tainted 4.9.65 #98\n"
		"Call Trace:\n"
		"syz-executor2/14420 is trying to release lock (mrt_lock) at:\n"
		"[<ffffffff834dea24>] ipmr_mfc_seq_stop+0xe4/0x140\n",
	.title = "BUG: bad unlock balance in corrupted",
};

/* Cut short before the source line that names it: the header alone. */
FIXTURE_VARIANT_ADD(title, suspicious_rcu_usage_cut_short) {
	.text = "WARNING: suspicious RCU usage\n"
		"4.15.0+ #222 Not tainted\n"
		"FAULT_INJECTION: forcing a failure.\n"
		"-----------------------------\n"
		"./include/linux/rcupdate.h:302 Illegal context switch in RCU read-side critical section!\n",
	.title = "WARNING: suspicious RCU usage",
};

/* A stall in a page fault: the frame above the fault entry point. */
FIXTURE_VARIANT_ADD(title, stall_in_page_fault) {
	.text = "INFO: rcu_preempt detected stalls on CPUs/tasks:\n"
		"\tTasks blocked on level-0 rcu_node (CPUs 0-1): P2270\n"
		"Call Trace:\n"
		" <IRQ>  [<ffffffff8138d924>] sched_show_task+0x378/0x387\n"
		" [<ffffffff82691edd>] apic_timer_interrupt+0x9d/0xb0\n"
		" <EOI>  [<ffffffff81214699>] ? console_unlock+0x659/0xa10\n"
		" [<ffffffff81214e45>] vprintk_emit+0x3f5/0x830\n"
		" [<ffffffff813a9d8e>] out_of_memory+0x48e/0xab0\n"
		" [<ffffffff813a5a22>] filemap_fault+0x802/0xbe0\n"
		" [<ffffffff81634781>] ext4_filemap_fault+0x71/0xa0\n"
		" [<ffffffff8140dee7>] __do_fault+0x1d7/0x360\n"
		" [<ffffffff8141abd9>] handle_mm_fault+0x1cd9/0x2f30\n",
	.title = "INFO: rcu detected stall in ext4_filemap_fault",
};

/* Only kthread() itself is the dispatch point, not kthread_should_park(). */
FIXTURE_VARIANT_ADD(title, stall_in_kernel_thread) {
	.text = "rcu: INFO: rcu_sched self-detected stall on CPU\n"
		"Call Trace:\n"
		" <IRQ>\n"
		" [<ffffffff84a019a3>] apic_timer_interrupt+0x93/0xa0\n"
		" </IRQ>\n"
		"RIP: 0010:write_comp_data+0x9/0x70\n"
		" [<ffffffff81492f64>] kthread_should_park+0x54/0xd0\n"
		" [<ffffffff81d0a9d3>] io_sq_thread+0x213/0xc80\n"
		" [<ffffffff81496355>] kthread+0x345/0x410\n"
		" [<ffffffff84a0019f>] ret_from_fork+0x3f/0x50\n",
	.title = "INFO: rcu detected stall in io_sq_thread",
};

/* ARM "(a) from (b+0x0)": a noreturn call's return address is the start
 * of the next function, which is the one syzbot names. */
FIXTURE_VARIANT_ADD(title, arm_from_frame_at_offset_zero) {
	.text = "WARNING: CPU: 0 PID: 3004 at lib/string_helpers.c:1029 __fortify_report+0x6c/0x74\n"
		"strnlen: detected buffer overflow: 17 byte read of buffer size 16\n"
		"Call trace:\n"
		"[<818df678>] (dump_backtrace) from [<818df774>] (show_stack+0x18/0x1c)\n"
		"[<80244050>] (warn_slowpath_fmt) from [<8080fe7c>] (__fortify_report+0x6c/0x74)\n"
		"[<8080fe10>] (__fortify_report) from [<818e9a40>] (__fortify_panic+0x10/0x14)\n"
		"[<818e9a30>] (__fortify_panic) from [<8062a3b0>] (ext4_fileattr_get+0x0/0x78)\n"
		"[<8062829c>] (__ext4_ioctl) from [<8062aaac>] (ext4_ioctl+0x10/0x14)\n",
	.title = "WARNING in ext4_fileattr_get",
};

/* ARM stall: the syscall return named only as a caller in "from (b)" is
 * the dispatch point. */
FIXTURE_VARIANT_ADD(title, arm_stall_dispatch_named_as_caller) {
	.text = "INFO: rcu_sched detected stalls on CPUs/tasks:\n"
		"Backtrace:\n"
		"[<805eb204>] (gic_handle_irq) from [<80101a0c>] (__irq_svc+0x6c/0x90)\n"
		"[<80101a0c>] (__irq_svc) from [<80b2f268>] (_raw_spin_unlock_irqrestore+0x1c/0x20)\n"
		"[<8016fb5c>] (prepare_to_wait_event) from [<803b18e8>] (nfs_wait_client_init_complete+0x4c/0x84)\n"
		"[<802918b8>] (do_mount) from [<80292a90>] (ksys_mount+0x9c/0x100)\n"
		"[<80292a90>] (ksys_mount) from [<80101000>] (ret_fast_syscall+0x0/0x54)\n"
		"RCU grace-period kthread stack dump:\n"
		"[<80b2b144>] (schedule) from [<80b2e4d4>] (schedule_timeout+0x120/0x1ac)\n"
		"[<8018c188>] (rcu_gp_kthread) from [<80156c74>] (kthread+0x168/0x174)\n",
	.title = "INFO: rcu detected stall in mount",
};

FIXTURE_SETUP(title)
{
	self->ev = event_from_text(variant->text);
	lg_classify_event(self->ev);
}

FIXTURE_TEARDOWN(title)
{
	event_put(self->ev);
}

TEST_F(title, syzbot_title)
{
	ASSERT_NE(NULL, self->ev->title);
	EXPECT_STREQ(variant->title, self->ev->title);
}

TEST_HARNESS_MAIN
