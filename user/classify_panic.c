// SPDX-License-Identifier: GPL-2.0
/*
 * The one table from a panic message to the class it names, for both
 * `analyze` (the "Kernel panic - not syncing:" line of a log) and `report`
 * (a module record's message and panic reason).  The module keeps its own
 * table from message to panic reason (kmod/panic_reasons.h), because it
 * must decide in the dying kernel; tests/unit/test_classify_panic.c checks
 * that every message the module knows lands in the same class both ways.
 */
#include <string.h>
#include <linux/lastgasp.h>
#include "classify.h"

/* First match wins: "softlockup: hung tasks" is a soft lockup, not a hung task. */
static const struct lg_panic_class lg_panic_classes[] = {
	{ "Fatal exception", LG_CLASS_OOPS },
	{ "softlockup", LG_CLASS_SOFT_LOCKUP },
	{ "soft lockup", LG_CLASS_SOFT_LOCKUP },
	{ "hard LOCKUP", LG_CLASS_HARD_LOCKUP },
	{ "Hard LOCKUP", LG_CLASS_HARD_LOCKUP },
	{ "hung_task", LG_CLASS_HUNG_TASK },
	{ "RCU Stall", LG_CLASS_RCU_STALL },
	{ "Out of memory", LG_CLASS_OOM },
	{ "System is deadlocked on memory", LG_CLASS_OOM },
	{ "panic_on_warn", LG_CLASS_WARNING },
	{ "system warned too often", LG_CLASS_WARNING },
	{ "Unable to mount root", LG_CLASS_MOUNT_ROOT_FAILURE },
	/* "Machine check", "Fatal machine check" */
	{ "achine check", LG_CLASS_MCE },
	{ "MCE", LG_CLASS_MCE },
};

const struct lg_panic_class *lg_panic_class_table(size_t *n)
{
	*n = sizeof(lg_panic_classes) / sizeof(lg_panic_classes[0]);
	return lg_panic_classes;
}

enum lg_class lg_panic_message_class(const char *msg)
{
	size_t n;
	const struct lg_panic_class *t = lg_panic_class_table(&n);

	for (size_t i = 0; msg && i < n; i++)
		if (strstr(msg, t[i].needle))
			return t[i].cls;
	return LG_CLASS_PANIC;
}

enum lg_class lg_panic_reason_class(unsigned int reason, const char *msg)
{
	switch (reason) {
	case LASTGASP_PANIC_SOFT_LOCKUP: return LG_CLASS_SOFT_LOCKUP;
	case LASTGASP_PANIC_HARD_LOCKUP: return LG_CLASS_HARD_LOCKUP;
	case LASTGASP_PANIC_HUNG_TASK: return LG_CLASS_HUNG_TASK;
	case LASTGASP_PANIC_RCU_STALL: return LG_CLASS_RCU_STALL;
	case LASTGASP_PANIC_OOM: return LG_CLASS_OOM;
	case LASTGASP_PANIC_WARN: return LG_CLASS_WARNING;
	case LASTGASP_PANIC_OOPS: return LG_CLASS_OOPS;
	case LASTGASP_PANIC_SYSRQ: return LG_CLASS_PANIC;
	default: return lg_panic_message_class(msg);
	}
}
