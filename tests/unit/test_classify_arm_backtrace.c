// SPDX-License-Identifier: GPL-2.0
/*
 * Issue 13 kind 8: an ARM backtrace is the call trace wherever it starts.
 * Old ARM kernels print "[<pc>] (func+0x0/0xe0) from [<pc>] (caller+...)"
 * right after the report line, with no "Call Trace:" header, and 6.x prints
 * "func from caller+0x10/0x14"; the title must come from those frames, not
 * say "in corrupted".  The scheduler's own frames in a "scheduling while
 * atomic" report and ARM's exception entry (abort handlers, alignment
 * fixup) are machinery: the guilty frame is the code they interrupted.
 * The logs are written for this test; the expected frame is read off them.
 */
#include <stdlib.h>
#include <string.h>
#include "kselftest_harness.h"
#include "event.h"
#include "parse.h"

static void first_event(struct lg_event *ev, void *arg)
{
	struct lg_event **out = arg;

	if (!*out) {
		*out = ev;
		return;
	}
	lg_event_free(ev);
	free(ev);
}

FIXTURE(arm) {
	struct lg_event *ev;
};

FIXTURE_VARIANT(arm) {
	const char *text;
	const char *title;
	const char *guilty;
};

/* 3.x: offsets in both parentheses, an exception stack dump amid the trace. */
FIXTURE_VARIANT_ADD(arm, sched_atomic_headless_with_abort) {
	.text = "BUG: scheduling while atomic: swapper/0/0x40000100\n"
		"Modules linked in: wlx200 mac80211 cfg80211\n"
		"[<c0014a10>] (unwind_backtrace+0x0/0xf0) from [<c0045c20>] (__schedule_bug+0x4c/0x60)\n"
		"[<c0045c20>] (__schedule_bug+0x4c/0x60) from [<c0301a44>] (__schedule+0x50/0x4c0)\n"
		"[<c0301a44>] (__schedule+0x50/0x4c0) from [<c0046a10>] (__cond_resched+0x20/0x30)\n"
		"[<c0046a10>] (__cond_resched+0x20/0x30) from [<c0302000>] (_cond_resched+0x30/0x40)\n"
		"[<c0302000>] (_cond_resched+0x30/0x40) from [<c0018200>] (do_alignment+0x2a0/0x780)\n"
		"[<c0018200>] (do_alignment+0x2a0/0x780) from [<c0008400>] (do_DataAbort+0x34/0x98)\n"
		"[<c0008400>] (do_DataAbort+0x34/0x98) from [<c000dc00>] (__dabt_svc+0x40/0x60)\n"
		"Exception stack(0xc0451bb8 to 0xc0451c00)\n"
		"1ba0:                                                       00000001 bf500ebc\n"
		"1bc0: c6700026 00028000 00000003 c6a00120 c6700823 c6700800 c6700818 000006c8\n"
		"[<c000dc00>] (__dabt_svc+0x40/0x60) from [<bf5010c4>] (wlx200_tx_frame+0x1f8/0x640 [wlx200])\n"
		"[<bf5010c4>] (wlx200_tx_frame+0x1f8/0x640 [wlx200]) from [<bf4a2210>] (ieee80211_tx_frags+0x120/0x1a0 [mac80211])\n",
	.title = "BUG: scheduling while atomic in wlx200_tx_frame",
	.guilty = "wlx200_tx_frame",
};

/* 4.x: the callee without its offset, still no header. */
FIXTURE_VARIANT_ADD(arm, sched_atomic_headless_callee_without_offset) {
	.text = "BUG: scheduling while atomic: kworker/0:1/31/0x00000002\n"
		"CPU: 0 PID: 31 Comm: kworker/0:1 Not tainted 4.19.0 #1\n"
		"Hardware name: BCM2835\n"
		"[<c0111a10>] (unwind_backtrace) from [<c010c3c8>] (show_stack+0x20/0x24)\n"
		"[<c010c3c8>] (show_stack) from [<c0150e00>] (__schedule_bug+0x80/0xa4)\n"
		"[<c0150e00>] (__schedule_bug) from [<c07a1d50>] (__schedule+0x4d0/0x6a0)\n"
		"[<c07a1d50>] (__schedule) from [<c07a1f70>] (schedule+0x50/0xa8)\n"
		"[<c07a1f70>] (schedule) from [<c07a55a0>] (schedule_timeout+0x1c0/0x340)\n"
		"[<c07a55a0>] (schedule_timeout) from [<c04f2a88>] (spi_sync_frame+0x98/0x120)\n"
		"[<c04f2a88>] (spi_sync_frame) from [<bf0221d4>] (panelx_refresh+0x4c/0x90 [panelx])\n",
	.title = "BUG: scheduling while atomic in spi_sync_frame",
	.guilty = "spi_sync_frame",
};

/* 6.x: "func from caller+0x../0x..", no header either. */
FIXTURE_VARIANT_ADD(arm, sched_atomic_headless_6x) {
	.text = "BUG: scheduling while atomic: irq/42-gpiokey/120/0x00010002\n"
		"CPU: 1 PID: 120 Comm: irq/42-gpiokey Not tainted 6.1.0 #1\n"
		" unwind_backtrace from show_stack+0x10/0x14\n"
		" show_stack from dump_stack_lvl+0x40/0x4c\n"
		" dump_stack_lvl from __schedule_bug+0x5c/0x70\n"
		" __schedule_bug from __schedule+0x5a8/0x6e4\n"
		" __schedule from schedule+0x58/0xb8\n"
		" schedule from gpiokey_debounce+0x30/0x70 [gpiokey]\n"
		" gpiokey_debounce [gpiokey] from irq_thread_fn+0x1c/0x78\n",
	.title = "BUG: scheduling while atomic in gpiokey_debounce",
	.guilty = "gpiokey_debounce",
};

/* The same trace after a "Backtrace:" header still titles the same. */
FIXTURE_VARIANT_ADD(arm, sched_atomic_with_header) {
	.text = "BUG: scheduling while atomic: kworker/0:1/31/0x00000002\n"
		"Backtrace:\n"
		"[<c0111a10>] (unwind_backtrace+0x0/0xf0) from [<c0150e00>] (__schedule_bug+0x80/0xa4)\n"
		"[<c0150e00>] (__schedule_bug+0x80/0xa4) from [<c07a1d50>] (__schedule+0x4d0/0x6a0)\n"
		"[<c07a1d50>] (__schedule+0x4d0/0x6a0) from [<c07a1f70>] (schedule+0x50/0xa8)\n"
		"[<c07a1f70>] (schedule+0x50/0xa8) from [<c04f2a88>] (spi_sync_frame+0x98/0x120)\n",
	.title = "BUG: scheduling while atomic in spi_sync_frame",
	.guilty = "spi_sync_frame",
};

/* A lockup report (another rule with a trace part), headless, old form. */
FIXTURE_VARIANT_ADD(arm, spinlock_lockup_headless) {
	.text = "BUG: spinlock lockup suspected on CPU#1, kworker/1:2/77\n"
		" lock: uartx_port_lock+0x0/0x10, .magic: dead4ead, .owner: swapper/0/0, .owner_cpu: 0\n"
		"[<c0014a10>] (unwind_backtrace+0x0/0xf0) from [<c01c0d00>] (do_raw_spin_lock+0x100/0x160)\n"
		"[<c01c0d00>] (do_raw_spin_lock+0x100/0x160) from [<c02a3344>] (uartx_console_write+0x44/0xb0)\n"
		"[<c02a3344>] (uartx_console_write+0x44/0xb0) from [<c0060a00>] (call_console_drivers+0xc0/0x110)\n",
	.title = "BUG: spinlock lockup suspected in uartx_console_write",
	.guilty = "uartx_console_write",
};

FIXTURE_SETUP(arm)
{
	self->ev = NULL;
	lg_parse_buffer(variant->text, strlen(variant->text), "test",
			first_event, &self->ev);
	ASSERT_NE(NULL, self->ev);
}

FIXTURE_TEARDOWN(arm)
{
	if (self->ev) {
		lg_event_free(self->ev);
		free(self->ev);
	}
}

TEST_F(arm, title_and_guilty_frame)
{
	ASSERT_NE(NULL, self->ev->title);
	EXPECT_STREQ(variant->title, self->ev->title);
	EXPECT_STREQ(variant->guilty, self->ev->guilty_frame);
	EXPECT_EQ(NULL, strstr(self->ev->title, "corrupted"));
}

TEST_HARNESS_MAIN
