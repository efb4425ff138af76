// SPDX-License-Identifier: GPL-2.0
/*
 * Which stack frames can be the guilty one.  Generic helpers (sanitizer,
 * panic/warn internals, allocators, locking, mem and str helpers, user
 * copies, list helpers, printk, refcount) are never guilty: the bug is in
 * their caller.  Patterns match as substrings, as syzbot's do, so their
 * titles and ours agree.
 */
#include <stdlib.h>
#include <string.h>
#include "classify_int.h"

static const char *const generic[] = {
	"__sanitizer", "__asan", "kasan", "__msan", "kmsan", "kcsan",
	"check_memory_region", "read_word_at_a_time", "print_address_description",
	"panic", "invalid_op", "report_bug", "fixup_bug", "do_error", "_trap",
	"dump_stack", "show_stack", "warn_slowpath", "warn_alloc", "__warn",
	"debug_object", "timer_is_static_object", "work_is_static_object",
	"lockdep", "perf_trace", "lock_acquire", "lock_release", "lock_class",
	"reacquire_held_locks", "spin_lock", "spin_trylock", "spin_unlock",
	"raw_read_lock", "raw_read_trylock", "raw_write_lock", "raw_write_trylock",
	"^down$", "down_read", "down_write", "up_read", "up_write", "mutex_lock",
	"mutex_trylock", "mutex_unlock", "mutex_remove_waiter", "osq_lock",
	"osq_unlock", "__wake_up", "refcount_add", "refcount_sub", "refcount_inc",
	"refcount_dec", "refcount_set", "refcount_read", "refcount_warn",
	"kref_put", "kref_get", "memcpy", "memcmp", "memset", "memchr", "memmove",
	"strcmp", "strncmp", "strcpy", "strlcpy", "strncpy", "strscpy", "strlen",
	"strnstr", "strnlen", "strchr", "copy_to_user", "copy_from_user",
	"put_user", "get_user", "might_fault", "might_sleep", "list_add",
	"list_del", "list_replace", "list_move", "list_splice", "_indirect_thunk_",
	"string", "pointer", "snprintf", "scnprintf", "kasprintf", "kvasprintf",
	"printk", "va_format", "dev_info", "dev_notice", "dev_warn", "dev_err",
	"dev_alert", "dev_crit", "dev_emerg", "program_check_exception",
	"program_check_common", "del_timer", "flush_work", "__cancel_work_timer",
	"cancel_work_sync", "try_to_grab_pending", "flush_workqueue",
	"drain_workqueue", "destroy_workqueue", "finish_wait", "kthread_stop",
	"kobject_del", "kobject_put", "kobject_uevent_env", "add_uevent_var",
	"get_device_parent", "device_add", "device_del", "device_unregister",
	"device_destroy", "device_release", "devres_release_all",
	"hwrng_unregister", "i2c_del_adapter", "__unregister_client",
	"device_for_each_child", "rollback_registered", "unregister_netdev",
	"sysfs_remove", "device_remove_file", "tty_unregister_device",
	"dummy_urb_enqueue", "usb_kill_urb", "usb_kill_anchored_urbs",
	"usb_control_msg", "usb_hcd_submit_urb", "usb_submit_urb",
	"^complete$", "wait_for_completion", "^kfree$", "kfree_skb",
	"^__kmalloc", "^kmalloc", "kmem_cache_alloc", "^kmem_cache_free",
	"^__alloc_pages", "^alloc_pages", "^vmalloc", "^__vmalloc", "^kvmalloc",
	"^kvfree", "^vfree", "^krealloc", "^kzalloc", "^kcalloc",
	"^slab_", "^__slab_", "^___slab_", "^__do_kmalloc",
	"^sysvec_", "^asm_", "^exc_", "^handle_bug", "^bad_page", "^__bad_page",
	"^bug_handler", "^do_trap", "^do_invalid_op",
	"should_fail", "^fail_dump",
	/* Tree, hash, bit and atomic helpers, unwinders, tracing hooks. */
	"^rb_", "^__rb_", "^klist_", "_optimistic_spin", "^rhashtable_", "^__rhashtable_",
	"^atomic_", "^arch_atomic", "^_atomic_dec_and", "^test_and_", "^test_bit",
	"^set_bit", "^clear_bit", "^__set_bit", "^__clear_bit", "^crc", "^__crc",
	"queue_work", "lock_timer_base", "^print_report", "dump_backtrace",
	"walk_stackframe", "arch_stack_walk", "^unwind_", "trace_hardirqs",
	"might_resched", "local_bh_enable", "ref_tracker", "_noprof$",
	"^alloc_page", "^memdup", "^kstrdup", "kernel_fault", "warn_bogus_irq",
	"^do_[a-z_]*fault$", "^__do_[a-z_]*fault$", "^exc_page_fault$", "__seqprop",
	"fortify", "copy_to_iter", "copy_page_to_iter", "copy_from_iter", "^strstr$",
	"timer_delete", "^mod_timer", "^__mod_timer", "kmalloc_large", "_kmalloc",
	"srcu_struct", "^unlock_page$", "^folio_unlock$", "^mark_lock", "^lock_sock",
	"^release_sock", "do_tag_check_fault", "^el1_", "^el1h_", "do_translation_fault", "do_mem_abort",
	"do_page_fault", "do_user_addr_fault", "do_kern_addr_fault", "stop_timer",
	/* Page cache and inode plumbing, lock and refcount internals, more
	 * allocator spellings: the bug is in the caller (syzbot skips them). */
	"do_read_cache_folio", "read_cache_page", "folio_alloc", "filemap_alloc_folio",
	"__filemap_get_folio", "find_or_create_page", "pagecache_get_page",
	"grab_cache_page_write_begin", "^iput$", "^iput_final$", "^ihold$", "dput",
	"drop_nlink", "xas_start", "xas_load", "xas_find", "find_lock_entries",
	"truncate_inode_pages_range", "malloc", "zalloc", "calloc", "krealloc",
	"kmem_cache", "allocate_slab", "imbalance_bug", "print_usage_bug",
	"bh_enable", "bh_disable", "mark_held_locks", "raw_spin_rq", "read_lock",
	"write_lock", "read_unlock", "write_unlock", "down_trylock", "^__mutex_",
	"^mutex_", "^rt_mutex_", "owner_on_cpu", "^refcount_", "^kref_", "kobject_",
	"check_heap_object", "check_object", "__phys_addr", "^put_device$",
	"print_tainted", "insert_work", "__queue_delayed_work", "queue_delayed_work_on",
	"ida_free", "stack_trace_save", "stack_trace_consume_entry", "hex_dump",
	"__timer_delete_sync", "sk_stop_timer_sync", "cleanup_srcu_struct",
	"rhashtable_lookup", "extract_user_to_sg", "extract_iter_to_sg", "^get_taint$",
	"copy_folio_to_iter", "copy_page_from_iter", "readb$", "readw$", "readl$",
	"readq$", "writeb$", "writew$", "writel$", "writeq$", "__fortify_report",
	NULL
};

/* Substring match with optional ^ and $ anchors: enough for these lists. */
static bool pattern_match(const char *func, const char *pat)
{
	bool head = pat[0] == '^';
	size_t plen, flen = strlen(func);
	bool tail;

	if (head)
		pat++;
	plen = strlen(pat);
	tail = plen && pat[plen - 1] == '$';
	if (tail)
		plen--;
	if (plen > flen)
		return false;
	if (head && tail)
		return plen == flen && !strncmp(func, pat, plen);
	if (head)
		return !strncmp(func, pat, plen);
	if (tail)
		return !strncmp(func + flen - plen, pat, plen);
	for (size_t i = 0; i + plen <= flen; i++)
		if (!strncmp(func + i, pat, plen))
			return true;
	return false;
}

static bool any_match(const char *func, const char *const *list)
{
	for (; list && *list; list++)
		if (pattern_match(func, *list))
			return true;
	return false;
}

bool lg_frame_skipped(const char *func, const char *const *extra)
{
	return any_match(func, generic) || any_match(func, extra);
}

bool lg_frame_is_generic(const char *function)
{
	return function && *function && lg_frame_skipped(function, NULL);
}

/* Arch and wrapper prefixes of syscall entry points: the same syscall has
 * one title on every architecture. */
static const char *const syscall_prefixes[] = {
	"__x64_", "__ia32_", "__arm64_", "__riscv_", "__s390x_", "__se_",
	"__do_", "compat_SyS_", "compat_SYSC_", "SyS_", "SYSC_", "ksys_", NULL
};

const char *lg_frame_strip_syscall(const char *func)
{
	bool again = true;

	while (again) {
		again = false;
		for (const char *const *p = syscall_prefixes; *p; p++) {
			size_t n = strlen(*p);

			if (!strncmp(func, *p, n) && func[n]) {
				func += n;
				again = true;
			}
		}
	}
	return func;
}

/* Where work is dispatched: the frame just above one of these names what the
 * stalled CPU or task was doing. */
static const char *const stall_anchors[] = {
	"process_one_work", "do_syscall_", "do_fast_syscall_", "sysenter_dispatch",
	"tracesys_phase2", "netif_receive_skb", "do_softirq", "call_timer_fn",
	"_run_timers", "run_timer_softirq", "run_ksoftirqd", "smpboot_thread_fn",
	"^kthread$", "start_secondary", "cpu_startup_entry", "ret_from_fork",
	"vfs_write", "vfs_read", "vfs_iter_read", "vfs_iter_write", "do_iter_read",
	"do_iter_write", "vfs_ioctl", "ksys_ioctl", "compat_ioctl",
	"compat_sys_ioctl", "blkdev_driver_ioctl", "blkdev_ioctl",
	"^call_read_iter", "^call_write_iter", "do_iter_readv_writev",
	"^call_mmap", "mmap_region", "do_mmap", "do_dentry_open", "vfs_open",
	"^sock_sendmsg", "^sock_recvmsg", "^sock_release", "^__sock_release",
	"__sys_setsockopt", "kernel_setsockopt", "sock_common_setsockopt",
	"__sys_listen", "kernel_listen", "sk_common_release", "^sock_mmap",
	"__sys_accept", "kernel_accept", "^sock_do_ioctl", "^sock_ioctl",
	"^compat_sock_ioctl", "^nfnetlink_rcv_msg", "^rtnetlink_rcv_msg",
	"_sys_socketpair", "_sys_connect", "_sys_ioctl", "SyS_ioctl", "SyS_connect",
	"__fput", "task_work_run", "exit_to_usermode", "tasklet_action",
	"smp_call_function", "el0_svc", "invoke_syscall", "ret_fast_syscall",
	"new_sync_read", "new_sync_write", "^netlink_dump",
	/* Page fault entry points, more timer and syscall dispatchers. */
	"__do_fault", "do_page_fault", "^page_fault$", "hrtimer_run",
	"el0_svc_handler", "tasklet_hi_action",
	NULL
};

const char *lg_stall_frame(char *const *frames, size_t n)
{
	const char *prev;

	if (!n)
		return NULL;
	prev = frames[0];
	for (size_t i = 0; i < n; i++) {
		if (any_match(frames[i], stall_anchors)) {
			if (strstr(frames[i], "smp_call_function"))
				prev = "smp_call_function";
			return prev;
		}
		prev = frames[i];
	}
	/* No dispatch point printed (short ARM traces): the syscall entry. */
	for (size_t i = n; i-- > 0;)
		if (!strncmp(lg_frame_strip_syscall(frames[i]), "sys_", 4))
			return frames[i];
	return NULL;
}

const char *lg_hang_frame(char *const *frames, size_t n)
{
	static const char *const skip[] = {
		"sched", "_lock", "_slowlock", "down", "rwsem", "completion",
		"kthread", "wait", "synchronize", "context_switch", "__switch_to",
		"cancel_delayed_work", "rcu_barrier", NULL
	};

	for (size_t i = 0; i < n; i++) {
		if (strstr(frames[i], "rtnl_lock"))
			return frames[i];
		if (strstr(frames[i], "synchronize_rcu") ||
		    strstr(frames[i], "synchronize_srcu") ||
		    strstr(frames[i], "synchronize_net") ||
		    strstr(frames[i], "synchronize_sched"))
			return "synchronize_rcu";
	}
	for (size_t i = 0; i < n; i++)
		if (!any_match(frames[i], skip))
			return frames[i];
	return NULL;
}
