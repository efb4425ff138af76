// SPDX-License-Identifier: GPL-2.0
/*
 * lastgasp_test.ko: TEST ONLY.  Crashes the kernel on demand so the
 * end-to-end tests can check what lastgasp.ko records.  Never load it on a
 * machine you care about.
 *
 * Write one word (optionally followed by an argument) to /proc/lastgasp_test;
 * the crash happens in the writer's own context (pid, comm), except "irq":
 *
 *   null           NULL pointer write          RIP lastgasp_test_null_deref
 *                  (with panic_on_oops=0 this is the "oops_nopanic" case)
 *   panic TOKEN    panic("lastgasp test TOKEN") RIP lastgasp_test_panic
 *   paging         write to a vmalloc guard page ("unable to handle page
 *                  fault")                      RIP lastgasp_test_paging
 *   gpf            read a non-canonical address RIP lastgasp_test_gpf
 *   bug            BUG()                        RIP lastgasp_test_bug
 *   divide         integer division by zero     RIP lastgasp_test_divide
 *   warn           WARN() (fatal with panic_on_warn) RIP lastgasp_test_warn
 *   list           list_del() of a corrupted entry (list debugging)
 *                                               from lastgasp_test_list_corrupt
 *   softlockup [S] spin S seconds (default 30) with preemption off
 *                                               in lastgasp_test_softlockup
 *   hung [S]       sleep S seconds (default 300) in D state
 *                                               in lastgasp_test_hung
 *   rcu [S]        spin S seconds (default 60) inside rcu_read_lock(),
 *                  letting the CPU reschedule, so only RCU complains
 *                                               in lastgasp_test_rcu_stall
 *   irq            NULL write from a timer callback (softirq context);
 *                  the writer waits for it      RIP lastgasp_test_timer_null
 *   together       NULL write once a second writer has said "together" too
 *                  (or after 10 s), so two CPUs oops at the same moment
 *                                               RIP lastgasp_test_null_together
 */
#include <linux/bug.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/poison.h>
#include <linux/proc_fs.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/smp.h>
#include <linux/timer.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

/* Read with READ_ONCE(), so the compiler cannot prove the crashes away. */
static int *lgt_null_ptr;
static int lgt_zero;
static int lgt_ten = 10;

static noinline void lastgasp_test_null_deref(void)
{
	WRITE_ONCE(*READ_ONCE(lgt_null_ptr), 0x1a57);
}

static noinline void lastgasp_test_panic(const char *token)
{
	panic("lastgasp test %s", token);
}

static noinline void lastgasp_test_paging(void)
{
	char *p = vmalloc(PAGE_SIZE);

	if (!p)
		return;
	/* The page after a vmalloc area is an unmapped guard page. */
	WRITE_ONCE(p[PAGE_SIZE], 1);
	vfree(p);
}

static noinline void lastgasp_test_gpf(void)
{
	int v = READ_ONCE(*(int *)0xdead000000000100UL);

	pr_info("lastgasp_test: read %d from a non-canonical address\n", v);
}

static noinline void lastgasp_test_bug(void)
{
	BUG();
}

static noinline void lastgasp_test_divide(void)
{
	/* Both operands unknown: 1 / x would compile to a compare, no div. */
	pr_info("lastgasp_test: %d\n", READ_ONCE(lgt_ten) / READ_ONCE(lgt_zero));
}

static noinline void lastgasp_test_warn(void)
{
	WARN(1, "lastgasp test warning");
}

static noinline void lastgasp_test_list_corrupt(void)
{
	LIST_HEAD(head);
	struct list_head entry;

	list_add(&entry, &head);
	entry.next = LIST_POISON1;
	list_del(&entry);
}

static noinline void lastgasp_test_softlockup(unsigned int secs)
{
	unsigned long end = jiffies + secs * HZ;

	preempt_disable();
	while (time_before(jiffies, end))
		mdelay(10);
	preempt_enable();
}

static noinline void lastgasp_test_hung(unsigned int secs)
{
	long left;

	set_current_state(TASK_UNINTERRUPTIBLE);
	left = schedule_timeout(secs * HZ);
	/*
	 * Not a tail call: this function stays on the sleeping stack, so
	 * the hung task report names it, not its caller.
	 */
	pr_info("lastgasp_test: hung for %u s, %ld jiffies left\n", secs, left);
}

static struct rcu_head lgt_rcu_head;
static atomic_t lgt_rcu_queued = ATOMIC_INIT(0);

static void lgt_rcu_cb(struct rcu_head *head)
{
}

static noinline void lastgasp_test_rcu_stall(unsigned int secs)
{
	unsigned long end = jiffies + secs * HZ;

	rcu_read_lock();
	/*
	 * RCU only reports a stall of a grace period in progress; on an idle
	 * guest nothing may ask for one.  A callback does.
	 */
	if (!atomic_xchg(&lgt_rcu_queued, 1))
		call_rcu(&lgt_rcu_head, lgt_rcu_cb);
	while (time_before(jiffies, end)) {
		mdelay(10);
		cond_resched();
	}
	rcu_read_unlock();
}

static noinline void lastgasp_test_timer_null(struct timer_list *t)
{
	WRITE_ONCE(*READ_ONCE(lgt_null_ptr), 0x1a57);
}

static DEFINE_TIMER(lgt_timer, lastgasp_test_timer_null);

/* Two writers on two CPUs meet here and then fault together. */
static atomic_t lgt_arrived = ATOMIC_INIT(0);

static noinline void lastgasp_test_null_together(void)
{
	unsigned long end = jiffies + 10 * HZ;

	atomic_inc(&lgt_arrived);
	pr_info("lastgasp_test: CPU %d at the rendezvous\n",
		raw_smp_processor_id());
	while (atomic_read(&lgt_arrived) < 2 && time_before(jiffies, end))
		cpu_relax();
	WRITE_ONCE(*READ_ONCE(lgt_null_ptr), 0x1a57);
}

static void lgt_irq(void)
{
	mod_timer(&lgt_timer, jiffies + 1);
	msleep(2000);
}

static unsigned int lgt_secs(const char *arg, unsigned int def)
{
	unsigned int v;

	return arg && !kstrtouint(arg, 10, &v) && v ? v : def;
}

static int lgt_run(const char *word, const char *arg)
{
	if (!strcmp(word, "null"))
		lastgasp_test_null_deref();
	else if (!strcmp(word, "panic"))
		lastgasp_test_panic(arg ?: "");
	else if (!strcmp(word, "paging"))
		lastgasp_test_paging();
	else if (!strcmp(word, "gpf"))
		lastgasp_test_gpf();
	else if (!strcmp(word, "bug"))
		lastgasp_test_bug();
	else if (!strcmp(word, "divide"))
		lastgasp_test_divide();
	else if (!strcmp(word, "warn"))
		lastgasp_test_warn();
	else if (!strcmp(word, "list"))
		lastgasp_test_list_corrupt();
	else if (!strcmp(word, "softlockup"))
		lastgasp_test_softlockup(lgt_secs(arg, 30));
	else if (!strcmp(word, "hung"))
		lastgasp_test_hung(lgt_secs(arg, 300));
	else if (!strcmp(word, "rcu"))
		lastgasp_test_rcu_stall(lgt_secs(arg, 60));
	else if (!strcmp(word, "irq"))
		lgt_irq();
	else if (!strcmp(word, "together"))
		lastgasp_test_null_together();
	else
		return -EINVAL;
	return 0;
}

static ssize_t lgt_write(struct file *file, const char __user *ubuf,
			 size_t len, loff_t *ppos)
{
	char buf[128], *word, *arg;
	int err;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	arg = strim(buf);
	word = strsep(&arg, " \t");
	if (arg)
		arg = skip_spaces(arg);
	pr_info("lastgasp_test: %s%s%s\n", word, arg ? " " : "", arg ?: "");
	err = lgt_run(word, arg);
	return err ? err : len;
}

static const struct proc_ops lgt_proc_ops = {
	.proc_write = lgt_write,
	.proc_lseek = noop_llseek,
};

static int __init lgt_init(void)
{
	if (!proc_create("lastgasp_test", 0200, NULL, &lgt_proc_ops))
		return -ENOMEM;
	return 0;
}

static void __exit lgt_exit(void)
{
	remove_proc_entry("lastgasp_test", NULL);
	timer_delete_sync(&lgt_timer);
	rcu_barrier();
}

module_init(lgt_init);
module_exit(lgt_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("TEST ONLY: crash the kernel on demand for lastgasp's tests");
