/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The panic() messages the kernel itself uses (4.18 to 7.x) and the
 * LASTGASP_PANIC_* reason each names; the first match wins.  Included by
 * hooks.c only, and by the reporter's unit test that checks the reporter
 * classes every message as the reason says (tests/unit/test_classify_panic.c),
 * so plain C types only.
 */
#ifndef LG_PANIC_REASONS_H
#define LG_PANIC_REASONS_H

static const struct {
	const char *text;
	unsigned int reason;
} lg_panic_reasons[] = {
	{ "Fatal exception", LASTGASP_PANIC_OOPS },
	{ "softlockup: hung tasks", LASTGASP_PANIC_SOFT_LOCKUP },
	{ "Hard LOCKUP", LASTGASP_PANIC_HARD_LOCKUP },
	{ "hung_task: blocked tasks", LASTGASP_PANIC_HUNG_TASK },
	{ "RCU Stall", LASTGASP_PANIC_RCU_STALL },
	{ "Out of memory", LASTGASP_PANIC_OOM },
	{ "System is deadlocked on memory", LASTGASP_PANIC_OOM },
	{ ": panic_on_warn set", LASTGASP_PANIC_WARN },
	{ ": system warned too often", LASTGASP_PANIC_WARN },
	{ "sysrq triggered crash", LASTGASP_PANIC_SYSRQ },
};

#endif /* LG_PANIC_REASONS_H */
