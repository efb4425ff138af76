// SPDX-License-Identifier: GPL-2.0
/*
 * The log tail on kernels that cannot read the log from a notifier.
 *
 * Before the lockless kmsg_dump_iter (5.13; RHEL 8.6 backported it) the
 * kernel log can only be read from inside a kmsg dumper's callback, with
 * the dumper as the cursor.  There the die and panic records carry no log
 * tail, so this dumper writes one more record right after them: kind
 * KMSG_DUMP, the usual identity, and LOG only.  The kernel calls it from
 * oops_exit() (reason OOPS, after the die notifier) and from panic()
 * (reason PANIC, after the panic notifiers), so it follows the record it
 * completes in the same boot; the reporter lends its log to the die and
 * panic records committed since the previous dump record of that boot.
 *
 * On kernels with the iterator every record reads the log itself and this
 * dumper is not registered.
 */
#include "lastgasp.h"

#include <linux/kmsg_dump.h>
#include <linux/kprobes.h>

#if !LG_CAN_READ_LOG

static notrace void lg_log_dump(LG_KMSG_DUMPER_ARGS)
{
	enum kmsg_dump_reason why = lg_kmsg_dump_reason();
	struct lg_event ev = {};

	if (why != KMSG_DUMP_OOPS && why != KMSG_DUMP_PANIC)
		return;
	ev.kind = LASTGASP_KIND_KMSG_DUMP;
	ev.flags = why == KMSG_DUMP_PANIC ? LASTGASP_RF_FATAL : 0;
	ev.no_stack = true;	/* the crash's own record has the stack */
	ev.dumper = dumper;
	lg_capture(&ev);
}

NOKPROBE_SYMBOL(lg_log_dump);

static struct kmsg_dumper lg_dumper = {
	.dump = lg_log_dump,
	.max_reason = KMSG_DUMP_OOPS,	/* OOPS and PANIC, not reboots */
};

static bool lg_dumper_registered;

u32 lg_logdump_init(void)
{
	if (kmsg_dump_register(&lg_dumper)) {
		pr_warn("cannot register a kmsg dumper, crash records carry no log tail\n");
		return 0;
	}
	lg_dumper_registered = true;
	return LASTGASP_HOOK_KMSG_DUMP;
}

void lg_logdump_exit(void)
{
	/* Waits for a running callback (RCU). */
	if (lg_dumper_registered)
		kmsg_dump_unregister(&lg_dumper);
	lg_dumper_registered = false;
}

#else

u32 lg_logdump_init(void)
{
	return 0;
}

void lg_logdump_exit(void)
{
}

#endif
