// SPDX-License-Identifier: GPL-2.0
/*
 * lastgasp_capfault.ko: TEST ONLY.  Makes lastgasp's capture code fault:
 * writing "badmsg" to /proc/lastgasp_capfault hands lastgasp's die
 * notifier a DIE_OOPS notification whose message pointer is not
 * canonical.  lastgasp.ko reads the message while building the record and
 * takes a general protection fault inside its own capture; the writer dies
 * of that oops.  Never load it on a machine you care about.
 *
 * notify_die() is not exported, so this module joins the die chain itself,
 * before lastgasp.ko is loaded and with the same priority: lastgasp's
 * notifier_block then sits right after ours, and we call it the way the
 * chain would.  Load it first:
 *
 *   insmod lastgasp_capfault.ko; insmod lastgasp.ko
 */
#include <linux/kallsyms.h>
#include <linux/kdebug.h>
#include <linux/kernel.h>
#include <linux/notifier.h>
#include <linux/rcupdate.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/ptrace.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/segment.h>
#include <asm/trapnr.h>

/* Bits 63..47 differ: any access raises #GP. */
#define LGC_BAD_MESSAGE	((const char *)0xdead000000000badUL)

static int lgc_die_nop(struct notifier_block *nb, unsigned long val, void *data)
{
	return NOTIFY_DONE;
}

static struct notifier_block lgc_nb = {
	.notifier_call = lgc_die_nop,
	.priority = INT_MAX,	/* lastgasp's, registered later, comes next */
};

static noinline int lastgasp_capfault_badmsg(void)
{
	char sym[KSYM_SYMBOL_LEN];
	struct notifier_block *next;
	struct pt_regs regs = {};
	struct die_args args = {
		.regs = &regs,
		.str = LGC_BAD_MESSAGE,
		.trapnr = X86_TRAP_GP,
		.signr = SIGSEGV,
	};

	/* This very frame, so an unwinder starting here finds a real stack. */
	regs.ip = _THIS_IP_;
	regs.sp = current_stack_pointer;
	regs.bp = (unsigned long)__builtin_frame_address(0);
	regs.cs = __KERNEL_CS;
	regs.ss = __KERNEL_DS;
	regs.flags = X86_EFLAGS_FIXED;

	rcu_read_lock();	/* as notify_die() does */
	next = rcu_dereference(lgc_nb.next);
	if (!next) {
		rcu_read_unlock();
		pr_err("lastgasp_capfault: no die notifier after ours; load lastgasp.ko after this module\n");
		return -ENOENT;
	}
	sprint_symbol(sym, (unsigned long)next->notifier_call);
	if (!strstr(sym, "[lastgasp]")) {
		rcu_read_unlock();
		pr_err("lastgasp_capfault: the next die notifier is %s, not lastgasp's\n", sym);
		return -ENOENT;
	}
	pr_info("lastgasp_capfault: DIE_OOPS with a bad message to %s\n", sym);
	next->notifier_call(next, DIE_OOPS, &args);
	rcu_read_unlock();
	pr_info("lastgasp_capfault: the notification came back\n");
	return 0;
}

static ssize_t lgc_write(struct file *file, const char __user *ubuf,
			 size_t len, loff_t *ppos)
{
	char buf[16];

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (strcmp(strim(buf), "badmsg"))
		return -EINVAL;
	return lastgasp_capfault_badmsg() ?: len;
}

static const struct proc_ops lgc_proc_ops = {
	.proc_write = lgc_write,
	.proc_lseek = noop_llseek,
};

static int __init lgc_init(void)
{
	int err = register_die_notifier(&lgc_nb);

	if (err)
		return err;
	if (!proc_create("lastgasp_capfault", 0200, NULL, &lgc_proc_ops)) {
		unregister_die_notifier(&lgc_nb);
		return -ENOMEM;
	}
	return 0;
}

static void __exit lgc_exit(void)
{
	remove_proc_entry("lastgasp_capfault", NULL);
	unregister_die_notifier(&lgc_nb);
}

module_init(lgc_init);
module_exit(lgc_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("TEST ONLY: make lastgasp's capture code fault");
