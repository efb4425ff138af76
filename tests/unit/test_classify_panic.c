// SPDX-License-Identifier: GPL-2.0
/*
 * One class per panic message.  The module names a panic's reason from its
 * message in the dying kernel (kmod/panic_reasons.h, included here as the
 * oracle); the reporter classes a record by that reason, a record whose
 * module could not tell by its message, and a log by its "Kernel panic"
 * line.  All three must agree for every message the module knows (in a
 * log, the oops a "Fatal exception" panic ends is an event of its own).
 */
#include <stdio.h>
#include <linux/lastgasp.h>
#include "kselftest_harness.h"
#include "test_classify_helpers.h"
#include "../../kmod/panic_reasons.h"

#define NREASONS (sizeof(lg_panic_reasons) / sizeof(lg_panic_reasons[0]))

/* A record whose reason the module could not name: the message decides. */
TEST(record_message_agrees_with_module_reason)
{
	for (size_t i = 0; i < NREASONS; i++) {
		const char *text = lg_panic_reasons[i].text;
		enum lg_class want = lg_panic_reason_class(lg_panic_reasons[i].reason, NULL);

		EXPECT_EQ(want, lg_panic_reason_class(LASTGASP_PANIC_OTHER, text))
			TH_LOG("\"%s\": %s", text, lg_class_name(want));
		EXPECT_EQ(want, lg_panic_message_class(text))
			TH_LOG("\"%s\": %s", text, lg_class_name(want));
	}
}

/* `analyze` on the kernel's panic line alone: the same class. */
TEST(log_panic_line_agrees_with_module_reason)
{
	for (size_t i = 0; i < NREASONS; i++) {
		enum lg_class want = lg_panic_reason_class(lg_panic_reasons[i].reason, NULL);
		char line[160];

		/* The oops before "Fatal exception" is an event of its own. */
		if (want == LG_CLASS_OOPS)
			want = LG_CLASS_PANIC;
		struct lg_event *ev;

		snprintf(line, sizeof(line), "Kernel panic - not syncing: %s",
			 lg_panic_reasons[i].text);
		ev = event_from_text(line);
		lg_classify_event(ev);
		EXPECT_EQ(want, ev->cls) TH_LOG("\"%s\": %s, want %s", line,
						lg_class_name(ev->cls), lg_class_name(want));
		event_put(ev);
	}
}

/* A message the reporter's table does not know stays a plain panic. */
TEST(unknown_message_is_panic)
{
	EXPECT_EQ(LG_CLASS_PANIC, lg_panic_message_class("VFS: Busy inodes after unmount"));
	EXPECT_EQ(LG_CLASS_PANIC, lg_panic_message_class(NULL));
	EXPECT_EQ(LG_CLASS_PANIC, lg_panic_reason_class(LASTGASP_PANIC_SYSRQ, "Out of memory"));
}

TEST_HARNESS_MAIN
