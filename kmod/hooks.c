// SPDX-License-Identifier: GPL-2.0
/*
 * The capture hooks: the die chain (oopses) and the panic notifier, which
 * must work for the module to load, then the optional ones (OOM in oom.c,
 * warnings and stalls in stalls.c, the log-tail dumper of older kernels in
 * logdump.c), which only set their LASTGASP_HOOK_* bit when they could be
 * attached.
 */
#include "lastgasp.h"
#include "panic_reasons.h"

#include <linux/kdebug.h>
#include <linux/kprobes.h>
#include <linux/notifier.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

static u32 lg_armed;

/*
 * Only DIE_OOPS makes a record.  On x86 every fatal kernel-mode trap (page
 * fault, GPF, BUG, divide error, invalid opcode...) ends in __die(), which
 * sends DIE_OOPS with the trap number, error code and the most specific
 * text ("general protection fault, probably for non-canonical address").
 * DIE_TRAP and DIE_GPF come earlier for the same event, and also for
 * user-mode traps and for exceptions the kernel then fixes up; INT3, DEBUG
 * and the NMI values belong to kprobes, debuggers and perf.  Recording them
 * would store one crash twice or store events that are not crashes.
 */
static notrace bool lg_die_wanted(unsigned long val, const struct die_args *args)
{
	return val == DIE_OOPS && args && args->regs;
}

NOKPROBE_SYMBOL(lg_die_wanted);

static notrace int lg_die_notify(struct notifier_block *nb, unsigned long val,
				 void *data)
{
	struct die_args *args = data;
	struct lg_event ev = {};

	if (!lg_die_wanted(val, args))
		return NOTIFY_DONE;
	/*
	 * Not FATAL: whether panic_on_oops turns this into a panic is not
	 * known here.  If it does, a panic record follows ("Fatal exception")
	 * and the reporter merges the two.
	 */
	ev.kind = LASTGASP_KIND_DIE;
	ev.message = args->str;
	ev.regs = args->regs;
	ev.die_val = val;
	ev.trapnr = args->trapnr;
	ev.error_code = args->err;
	ev.signr = args->signr;
	lg_capture(&ev);
	return NOTIFY_DONE;
}

NOKPROBE_SYMBOL(lg_die_notify);

/* The panic messages the kernel itself uses, as of 4.18 to 6.12. */
static notrace u32 lg_panic_reason(const char *msg)
{
	int i;

	if (!msg)
		return LASTGASP_PANIC_UNKNOWN;
	for (i = 0; i < ARRAY_SIZE(lg_panic_reasons); i++)
		if (strnstr(msg, lg_panic_reasons[i].text, LG_MESSAGE_MAX))
			return lg_panic_reasons[i].reason;
	return LASTGASP_PANIC_OTHER;
}

NOKPROBE_SYMBOL(lg_panic_reason);

static notrace int lg_panic_notify(struct notifier_block *nb, unsigned long val,
				   void *data)
{
	struct lg_event ev = {};

	ev.kind = LASTGASP_KIND_PANIC;
	ev.flags = LASTGASP_RF_FATAL;
	ev.message = data;	/* the formatted panic() message */
	ev.panic_reason = lg_panic_reason(data);
	lg_capture(&ev);
	return NOTIFY_DONE;
}

NOKPROBE_SYMBOL(lg_panic_notify);

static struct notifier_block lg_die_nb = {
	.notifier_call = lg_die_notify,
	.priority = INT_MAX,	/* before anything that might not return */
};

static struct notifier_block lg_panic_nb = {
	.notifier_call = lg_panic_notify,
	.priority = INT_MAX,
};

int lg_hooks_init(void)
{
	int err;

	err = register_die_notifier(&lg_die_nb);
	if (err)
		return err;
	lg_armed |= LASTGASP_HOOK_DIE;
	err = atomic_notifier_chain_register(&panic_notifier_list, &lg_panic_nb);
	if (err) {
		unregister_die_notifier(&lg_die_nb);
		lg_armed = 0;
		return err;
	}
	lg_armed |= LASTGASP_HOOK_PANIC;
	lg_armed |= lg_oom_init();
	lg_armed |= lg_stalls_init();
	lg_armed |= lg_logdump_init();
	return 0;
}

void lg_hooks_exit(void)
{
	lg_logdump_exit();
	lg_stalls_detach();
	lg_oom_exit();
	/* No probe runs any more, then no deferred capture is left. */
	tracepoint_synchronize_unregister();
	lg_stalls_exit();
	/* Both unregister calls wait for running notifiers (RCU). */
	atomic_notifier_chain_unregister(&panic_notifier_list, &lg_panic_nb);
	unregister_die_notifier(&lg_die_nb);
	lg_armed = 0;
}

u32 lg_hooks_armed(void)
{
	return READ_ONCE(lg_armed);
}
