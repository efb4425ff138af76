// SPDX-License-Identifier: GPL-2.0
/*
 * lg_classify_event() on representative reports of each class: class,
 * fatality, syzbot-style title and guilty frame.  The reports are short but
 * keep the lines real kernels print, in their order.
 */
#include "kselftest_harness.h"
#include "test_classify_helpers.h"

FIXTURE(report) {
	struct lg_event *ev;
};

FIXTURE_VARIANT(report) {
	const char *text;
	enum lg_class cls;
	bool fatal;
	const char *title;
	const char *frame;	/* NULL: none expected */
};

#define NULL_DEREF \
	"BUG: kernel NULL pointer dereference, address: 0000000000000008\n" \
	"#PF: supervisor read access in kernel mode\n" \
	"Oops: 0000 [#1] PREEMPT SMP NOPTI\n" \
	"CPU: 1 PID: 4242 Comm: foo Tainted: G           OE      6.1.0-56-amd64 #1\n" \
	"RIP: 0010:foo_ioctl+0x1d/0x90 [foo]\n" \
	"RSP: 0018:ffffb2c1c0a3fe00 EFLAGS: 00010246\n" \
	"Call Trace:\n" \
	" <TASK>\n" \
	" __x64_sys_ioctl+0x8d/0xd0\n" \
	" do_syscall_64+0x55/0xb0\n" \
	" entry_SYSCALL_64_after_hwframe+0x6e/0xd8\n" \
	" </TASK>\n"

FIXTURE_VARIANT_ADD(report, null_deref) {
	.text = NULL_DEREF, .cls = LG_CLASS_OOPS, .fatal = false,
	.title = "BUG: unable to handle kernel NULL pointer dereference in foo_ioctl",
	.frame = "foo_ioctl",
};

FIXTURE_VARIANT_ADD(report, null_deref_panic) {
	.text = NULL_DEREF "Kernel panic - not syncing: Fatal exception\n",
	.cls = LG_CLASS_OOPS, .fatal = true,
	.title = "BUG: unable to handle kernel NULL pointer dereference in foo_ioctl",
	.frame = "foo_ioctl",
};

FIXTURE_VARIANT_ADD(report, gpf_skips_memcpy) {
	.text = "general protection fault, probably for non-canonical address 0xdffffc0000000003: 0000 [#1] PREEMPT SMP KASAN\n"
		"CPU: 0 PID: 77 Comm: mount Not tainted 6.1.0 #1\n"
		"RIP: 0010:memcpy_erms+0x6/0x10\n"
		"Call Trace:\n"
		" <TASK>\n"
		" ? memcpy+0x1/0x2\n"
		" ext4_fill_super+0x1234/0x5678\n"
		" mount_bdev+0x2c9/0x3f0\n",
	.cls = LG_CLASS_OOPS, .title = "general protection fault in ext4_fill_super",
	.frame = "ext4_fill_super",
};

FIXTURE_VARIANT_ADD(report, paging_request) {
	.text = "BUG: unable to handle page fault for address: ffffc90001691000\n"
		"RIP: 0010:snd_pcm_oss_write+0x438/0x880\n"
		"Call Trace:\n"
		" vfs_write+0x189/0x510\n",
	.cls = LG_CLASS_OOPS,
	.title = "BUG: unable to handle kernel paging request in snd_pcm_oss_write",
	.frame = "snd_pcm_oss_write",
};

FIXTURE_VARIANT_ADD(report, kasan) {
	.text = "BUG: KASAN: use-after-free in foo_release+0x40/0x50\n"
		"Read of size 8 at addr ffff888012345678 by task syz-executor.0/1234\n"
		"Call Trace:\n"
		" dump_stack_lvl+0x1/0x2\n"
		" print_report+0x1/0x2\n"
		" kasan_report+0x1/0x2\n"
		" foo_release+0x40/0x50\n"
		" __fput+0x1/0x2\n",
	.cls = LG_CLASS_KASAN, .title = "KASAN: use-after-free Read in foo_release",
	.frame = "foo_release",
};

FIXTURE_VARIANT_ADD(report, warning) {
	.text = "WARNING: CPU: 1 PID: 218 at net/core/dev.c:1234 bar+0x18c/0x22c\n"
		"Modules linked in:\n"
		"RIP: 0010:bar+0x18c/0x22c\n"
		"Call Trace:\n"
		" baz+0x1/0x2\n"
		"---[ end trace 0000000000000000 ]---\n",
	.cls = LG_CLASS_WARNING, .title = "WARNING in bar", .frame = "bar",
};

FIXTURE_VARIANT_ADD(report, kernel_bug) {
	.text = "------------[ cut here ]------------\n"
		"kernel BUG at fs/ext4/inode.c:2069!\n"
		"invalid opcode: 0000 [#1] SMP\n"
		"RIP: 0010:baz+0xd5/0xf0\n"
		"Call Trace:\n"
		" ext4_writepages+0x1/0x2\n"
		"Kernel panic - not syncing: Fatal exception\n",
	.cls = LG_CLASS_BUG, .fatal = true, .title = "kernel BUG in baz",
	.frame = "baz",
};

FIXTURE_VARIANT_ADD(report, list_corruption) {
	.text = "list_del corruption, ffff88810b1a2b40->prev is LIST_POISON2 (dead000000000122)\n"
		"------------[ cut here ]------------\n"
		"kernel BUG at lib/list_debug.c:56!\n"
		"invalid opcode: 0000 [#1] SMP\n"
		"RIP: 0010:__list_del_entry_valid+0x8b/0xb0\n"
		"Call Trace:\n"
		" css_release_work_fn+0x3e/0x1d0\n"
		" process_one_work+0x1d3/0x3a0\n",
	.cls = LG_CLASS_LIST_CORRUPTION, .title = "BUG: corrupted list in css_release_work_fn",
	.frame = "css_release_work_fn",
};

FIXTURE_VARIANT_ADD(report, divide_error) {
	.text = "divide error: 0000 [#1] SMP\n"
		"RIP: 0010:get_target_pstate_use_performance+0x9d/0x1c0\n"
		"Call Trace:\n"
		" intel_pstate_update_util+0x1/0x2\n",
	.cls = LG_CLASS_OOPS, .title = "divide error in get_target_pstate_use_performance",
	.frame = "get_target_pstate_use_performance",
};

FIXTURE_VARIANT_ADD(report, soft_lockup) {
	.text = "watchdog: BUG: soft lockup - CPU#3 stuck for 22s! [nginx:1234]\n"
		"RIP: 0010:_raw_spin_lock+0x10/0x20\n"
		"Call Trace:\n"
		" tcp_push+0x1/0x2\n"
		" tcp_sendmsg+0x1/0x2\n"
		" sock_sendmsg+0x1/0x2\n"
		" __sys_sendto+0x1/0x2\n"
		" do_syscall_64+0x1/0x2\n",
	.cls = LG_CLASS_SOFT_LOCKUP, .title = "BUG: soft lockup in tcp_sendmsg",
	.frame = "tcp_sendmsg",
};

FIXTURE_VARIANT_ADD(report, hung_task) {
	.text = "INFO: task kworker/0:1:12 blocked for more than 143 seconds.\n"
		"      Not tainted 6.1.0 #1\n"
		"\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n"
		"Call Trace:\n"
		" __schedule+0x1/0x2\n"
		" schedule+0x1/0x2\n"
		" schedule_timeout+0x1/0x2\n"
		" wait_for_completion+0x1/0x2\n"
		" __synchronize_srcu+0x1/0x2\n"
		" cleanup_net+0x1/0x2\n",
	.cls = LG_CLASS_HUNG_TASK, .title = "INFO: task hung in synchronize_rcu",
	.frame = "synchronize_rcu",
};

FIXTURE_VARIANT_ADD(report, rcu_stall) {
	.text = "rcu: INFO: rcu_preempt self-detected stall on CPU\n"
		"rcu: \t0-....: (10500 ticks this GP)\n"
		"Call Trace:\n"
		" <IRQ>\n"
		" rcu_sched_clock_irq+0x1/0x2\n"
		" sysvec_apic_timer_interrupt+0x98/0xb0\n"
		" </IRQ>\n"
		"RIP: 0010:hash_walk+0x1/0x2\n"
		" hash_walk+0x1/0x2\n"
		" ip_set_uadd+0x1/0x2\n"
		" nfnetlink_rcv_msg+0x1/0x2\n",
	.cls = LG_CLASS_RCU_STALL, .title = "INFO: rcu detected stall in ip_set_uadd",
	.frame = "ip_set_uadd",
};

FIXTURE_VARIANT_ADD(report, lockdep) {
	.text = "WARNING: possible circular locking dependency detected\n"
		"6.1.0 #1 Not tainted\n"
		"------------------------------------------------------\n"
		"syz-executor.1/9999 is trying to acquire lock:\n"
		"ffff88807c4a8c38 (&tun->lock){+.+.}-{3:3}, at: tun_device_event+0x1/0x2\n",
	.cls = LG_CLASS_LOCKDEP, .title = "possible deadlock in tun_device_event",
	.frame = "tun_device_event",
};

FIXTURE_VARIANT_ADD(report, atomic_sleep) {
	.text = "BUG: sleeping function called from invalid context at mm/slab.h:742\n"
		"in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: 1, name: swapper\n"
		"Call Trace:\n"
		" dump_stack_lvl+0x1/0x2\n"
		" __might_resched+0x1/0x2\n"
		" kmem_cache_alloc+0x1/0x2\n"
		" __alloc_skb+0x1/0x2\n",
	.cls = LG_CLASS_ATOMIC_SLEEP,
	.title = "BUG: sleeping function called from invalid context in __alloc_skb",
	.frame = "__alloc_skb",
};

FIXTURE_VARIANT_ADD(report, memory_leak) {
	.text = "BUG: memory leak\n"
		"unreferenced object 0xffff888112345678 (size 32):\n"
		"  backtrace:\n"
		"    [<ffffffff81234567>] kmemleak_alloc+0x1/0x2\n"
		"    [<ffffffff81234567>] kmalloc_trace+0x1/0x2\n"
		"    [<ffffffff81234567>] inet6_create+0x1/0x2\n",
	.cls = LG_CLASS_MEMORY_LEAK, .title = "memory leak in inet6_create",
	.frame = "inet6_create",
};

FIXTURE_VARIANT_ADD(report, ubsan) {
	.text = "UBSAN: shift-out-of-bounds in net/foo/bar.c:12:34\n"
		"shift exponent 64 is too large\n"
		"Call Trace:\n"
		" dump_stack_lvl+0x1/0x2\n"
		" __ubsan_handle_shift_out_of_bounds+0x1/0x2\n"
		" foo_parse+0x1/0x2\n",
	.cls = LG_CLASS_UBSAN, .title = "UBSAN: shift-out-of-bounds in foo_parse",
	.frame = "foo_parse",
};

FIXTURE_VARIANT_ADD(report, kmsan) {
	.text = "BUG: KMSAN: uninit-value in ppp_send_frame+0x1/0x2\n"
		" ppp_send_frame+0x1/0x2\n"
		" ppp_xmit_process+0x1/0x2\n",
	.cls = LG_CLASS_KMSAN, .title = "KMSAN: uninit-value in ppp_send_frame",
	.frame = "ppp_send_frame",
};

FIXTURE_VARIANT_ADD(report, truncated) {
	.text = "general protection fault: 0000 [#1] SMP KASAN\n"
		"CPU: 0 PID: 1 Comm: init Not tainted 4.14.0 #1\n",
	.cls = LG_CLASS_OOPS, .title = "general protection fault in corrupted",
	.frame = NULL,
};

FIXTURE_VARIANT_ADD(report, oom_panic) {
	.text = "stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0\n"
		"Out of memory: Killed process 30002 (stress) total-vm:2000kB, anon-rss:1000kB\n"
		"Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled\n",
	.cls = LG_CLASS_OOM, .fatal = true, .frame = NULL,
};

FIXTURE_VARIANT_ADD(report, memcg_oom) {
	.text = "java invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
		"oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0\n"
		"Memory cgroup out of memory: Killed process 4321 (java)\n",
	.cls = LG_CLASS_MEMCG_OOM, .frame = NULL,
};

FIXTURE_VARIANT_ADD(report, mce) {
	.text = "mce: [Hardware Error]: Machine check events logged\n",
	.cls = LG_CLASS_MCE, .frame = NULL,
};

FIXTURE_VARIANT_ADD(report, io_error) {
	.text = "blk_update_request: I/O error, dev sda, sector 12345 op 0x0:(READ)\n",
	.cls = LG_CLASS_IO_ERROR, .frame = NULL,
};

FIXTURE_VARIANT_ADD(report, fs_error) {
	.text = "EXT4-fs error (device sda1): ext4_find_entry:1455: inode #2: comm ls: reading directory lblock 0\n",
	.cls = LG_CLASS_FS_ERROR, .frame = NULL,
};

FIXTURE_VARIANT_ADD(report, fatal_signal) {
	.text = "a.out[4321]: segfault at 0 ip 000055d0c0a0b0c0 sp 00007ffd1234 error 6 in a.out[55d0c0a0a000+1000]\n",
	.cls = LG_CLASS_FATAL_SIGNAL, .frame = NULL,
};

FIXTURE_VARIANT_ADD(report, mount_root) {
	.text = "VFS: Cannot open root device \"sda1\" or unknown-block(0,0): error -6\n"
		"Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)\n",
	.cls = LG_CLASS_MOUNT_ROOT_FAILURE, .fatal = true,
	.title = "kernel panic: VFS: Unable to mount root fs on unknown-block(NUM,NUM)",
	.frame = NULL,
};

FIXTURE_VARIANT_ADD(report, unregister_netdevice) {
	.text = "unregister_netdevice: waiting for lo to become free. Usage count = 2\n",
	.cls = LG_CLASS_HUNG_TASK,
	.title = "unregister_netdevice: waiting for DEV to become free",
	.frame = NULL,
};

FIXTURE_SETUP(report)
{
	self->ev = event_from_text(variant->text);
	lg_classify_event(self->ev);
}

FIXTURE_TEARDOWN(report)
{
	event_put(self->ev);
}

TEST_F(report, classified)
{
	struct lg_event *ev = self->ev;

	EXPECT_STREQ(lg_class_name(variant->cls), lg_class_name(ev->cls));
	EXPECT_EQ(variant->fatal, ev->fatal);
	ASSERT_NE(NULL, ev->title);
	if (variant->title)
		EXPECT_STREQ(variant->title, ev->title);
	if (variant->frame) {
		ASSERT_NE(NULL, ev->guilty_frame);
		EXPECT_STREQ(variant->frame, ev->guilty_frame);
	} else {
		EXPECT_EQ(NULL, ev->guilty_frame);
	}
	ASSERT_NE(NULL, ev->signature);
	EXPECT_EQ(16, strlen(ev->signature));
}

/* Fields a module record already set are kept. */
TEST(keeps_record_fields)
{
	struct lg_event *ev = event_from_text(NULL_DEREF);

	ev->cls = LG_CLASS_PANIC;
	ev->title = strdup("from the record");
	lg_classify_event(ev);
	EXPECT_EQ(LG_CLASS_PANIC, ev->cls);
	EXPECT_STREQ("from the record", ev->title);
	event_put(ev);
}

/* A record without log text: title from class and the parsed trace. */
TEST(record_without_lines)
{
	struct lg_event ev;

	lg_event_init(&ev);
	ev.cls = LG_CLASS_OOPS;
	ev.has_rip = true;
	ev.rip.function = strdup("memcpy_orig");
	ev.ntrace = 2;
	ev.trace = calloc(2, sizeof(*ev.trace));
	ev.trace[0].function = strdup("stale_helper");
	ev.trace[0].reliable = false;
	ev.trace[1].function = strdup("__x64_sys_foo");
	ev.trace[1].reliable = true;
	lg_classify_event(&ev);
	EXPECT_STREQ("foo", ev.guilty_frame);
	EXPECT_STREQ("oops in sys_foo", ev.title);
	lg_event_free(&ev);
}

TEST_HARNESS_MAIN
