// SPDX-License-Identifier: GPL-2.0
/*
 * Guilty frames: generic helpers are skipped, unreliable "? func" frames are
 * ignored, syscall prefixes are stripped, and stalls and hung tasks pick
 * the frame above the dispatch point.  Also the trigger table's contract
 * with the parser.
 */
#include "kselftest_harness.h"
#include "test_classify_helpers.h"

static char *frame_of(const char *text)
{
	struct lg_event *ev = event_from_text(text);
	char *f;

	lg_classify_event(ev);
	f = ev->guilty_frame ? strdup(ev->guilty_frame) : NULL;
	event_put(ev);
	return f;
}

TEST(generic_helpers)
{
	static const char *const generic[] = {
		"memcpy", "memset_erms", "strnlen", "_copy_from_user", "copy_to_user",
		"__list_del_entry_valid", "list_add", "printk", "_printk", "dump_stack_lvl",
		"panic", "__warn", "warn_slowpath_fmt", "kasan_report", "__asan_load8",
		"_raw_spin_lock_irqsave", "mutex_lock_nested", "down_read", "refcount_warn_saturate",
		"kref_put", "kfree", "__kmalloc", "kmem_cache_alloc", "lock_acquire",
		"down", "iput", "fast_dput", "do_read_cache_folio", "kvzalloc",
		NULL
	};
	static const char *const specific[] = {
		"ext4_fill_super", "tcp_sendmsg", "foo_ioctl", "css_release_work_fn",
		"blk_mq_rq_timed_out", "l2cap_sock_teardown_cb", "iput_inode_of",
		"read_cache_folio", NULL
	};

	for (size_t i = 0; generic[i]; i++) {
		const char *f = generic[i];

		EXPECT_TRUE(lg_frame_is_generic(f)) TH_LOG("%s", f);
	}
	for (size_t i = 0; specific[i]; i++) {
		const char *f = specific[i];

		EXPECT_FALSE(lg_frame_is_generic(f)) TH_LOG("%s", f);
	}
	EXPECT_FALSE(lg_frame_is_generic(NULL));
	EXPECT_FALSE(lg_frame_is_generic(""));
}

TEST(skips_helpers_and_unreliable_frames)
{
	char *f = frame_of("BUG: unable to handle page fault for address: ffff888000000000\n"
			   "RIP: 0010:strnlen+0x10/0x30\n"
			   "Call Trace:\n"
			   " ? stale_function+0x1/0x2\n"
			   " vsnprintf+0x1/0x2\n"
			   " eudp_send+0x30/0x90 [eudp]\n"
			   " sock_sendmsg+0x1/0x2\n");

	ASSERT_NE(NULL, f);
	EXPECT_STREQ("eudp_send", f);
	free(f);
}

TEST(strips_syscall_prefixes)
{
	char *f = frame_of("BUG: sleeping function called from invalid context at kernel/a.c:1\n"
			   "Call Trace:\n"
			   " __might_sleep+0x1/0x2\n"
			   " __do_sys_memfd_secret+0x1/0x2\n"
			   " do_syscall_64+0x1/0x2\n");

	ASSERT_NE(NULL, f);
	EXPECT_STREQ("memfd_secret", f);
	free(f);
}

TEST(stall_picks_frame_above_dispatch)
{
	char *f = frame_of("watchdog: BUG: soft lockup - CPU#0 stuck for 23s! [kworker/0:1:12]\n"
			   "RIP: 0010:deep_loop+0x1/0x2\n"
			   "Call Trace:\n"
			   " helper_a+0x1/0x2\n"
			   " bpf_map_free_deferred+0x1/0x2\n"
			   " process_one_work+0x1/0x2\n"
			   " worker_thread+0x1/0x2\n");

	ASSERT_NE(NULL, f);
	EXPECT_STREQ("bpf_map_free_deferred", f);
	free(f);
}

TEST(hung_task_skips_scheduler)
{
	char *f = frame_of("INFO: task syz-executor.2:4242 blocked for more than 143 seconds.\n"
			   "Call Trace:\n"
			   " __schedule+0x1/0x2\n"
			   " schedule+0x1/0x2\n"
			   " rwsem_down_write_slowpath+0x1/0x2\n"
			   " down_write+0x1/0x2\n"
			   " mount_bdev+0x1/0x2\n");

	ASSERT_NE(NULL, f);
	EXPECT_STREQ("mount_bdev", f);
	free(f);
}

TEST(trigger_table)
{
	size_t n = 0;
	const char *const *lits = lg_trigger_literals(&n);
	const struct lg_trigger *t;
	const char *line;

	ASSERT_GT(n, 20);
	for (size_t i = 0; i < n; i++) {
		const char *lit = lits[i];

		EXPECT_GE(strlen(lit), 4) TH_LOG("%s", lit);
	}
	line = "BUG: KASAN: use-after-free in foo+0x1/0x2";
	t = lg_trigger_find(line, strlen(line));
	ASSERT_NE(NULL, t);
	EXPECT_EQ(LG_CLASS_KASAN, lg_trigger_class(t));
	line = "Kernel panic - not syncing: Fatal exception";
	EXPECT_EQ(LG_CLASS_PANIC, lg_trigger_class(lg_trigger_find(line, strlen(line))));
	/* ordinary lines and benign look-alikes are not triggers */
	line = "e1000e: eth0 NIC Link is Up 1000 Mbps Full Duplex";
	EXPECT_EQ(NULL, lg_trigger_find(line, strlen(line)));
	line = "INFO: lockdep is turned off.";
	EXPECT_EQ(NULL, lg_trigger_find(line, strlen(line)));
	line = "---[ end Kernel panic - not syncing: Fatal exception ]---";
	EXPECT_EQ(NULL, lg_trigger_find(line, strlen(line)));
	line = "traps: a.out[77] general protection fault ip:4004f1 sp:7ffd error:0 in a.out";
	EXPECT_EQ(LG_CLASS_FATAL_SIGNAL, lg_trigger_class(lg_trigger_find(line, strlen(line))));
	EXPECT_EQ(NULL, lg_trigger_find("BUG", 3));
	EXPECT_EQ(NULL, lg_trigger_find("", 0));
}

TEST_HARNESS_MAIN
