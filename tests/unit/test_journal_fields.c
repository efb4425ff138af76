// SPDX-License-Identifier: GPL-2.0
/*
 * The journal entry of an event (user/journal_send.c): the fixed
 * MESSAGE_ID and PRIORITY of each kind, every LASTGASP_* field present
 * (empty when unknown), the culprit module before the guilty function,
 * the best cause's id.  The IDs are compared with the catalog's text
 * (packaging/systemd/lastgasp.catalog), which journalctl -x reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kselftest_harness.h"
#include "event.h"
#include "journal_send.h"

/* The value of NAME among @f, or NULL. */
static const char *value(char **f, int n, const char *name)
{
	size_t len = strlen(name);

	for (int i = 0; i < n; i++)
		if (!strncmp(f[i], name, len) && f[i][len] == '=')
			return f[i] + len + 1;
	return NULL;
}

static int catalog_has(const char *id)
{
	char line[256], want[64];
	FILE *c = fopen(LG_TOPDIR "/packaging/systemd/lastgasp.catalog", "r");
	int found = 0;

	if (!c)
		return 0;
	snprintf(want, sizeof(want), "-- %s\n", id);
	while (fgets(line, sizeof(line), c))
		found |= !strcmp(line, want);
	fclose(c);
	return found;
}

TEST(fatal_event_has_every_field)
{
	struct lg_event ev;
	struct lg_cause cause = { .id = "sysrq-crash", .title = "requested" };
	char *f[LG_JOURNAL_NFIELDS];
	int n;

	lg_event_init(&ev);
	ev.cls = LG_CLASS_PANIC;
	ev.fatal = true;
	ev.title = "kernel panic: sysrq triggered crash";
	ev.signature = "5756c43c52bcff08";
	ev.guilty_frame = "sysrq_handle_crash";
	ev.kernel_release = "6.1.0-50-amd64";
	ev.boot_id = "8406d258392f497789713b612b73e3da";
	ev.causes = &cause;
	ev.ncauses = 1;
	n = lg_journal_fields(&ev, "/var/lib/lastgasp/x-1.json", f);
	ASSERT_EQ(LG_JOURNAL_NFIELDS, n);
	EXPECT_STREQ(LG_JOURNAL_ID_FATAL, value(f, n, "MESSAGE_ID"));
	EXPECT_STREQ("2", value(f, n, "PRIORITY"));
	EXPECT_STREQ("panic", value(f, n, "LASTGASP_CLASS"));
	EXPECT_STREQ(ev.title, value(f, n, "LASTGASP_TITLE"));
	EXPECT_STREQ(ev.signature, value(f, n, "LASTGASP_SIGNATURE"));
	EXPECT_STREQ("sysrq_handle_crash", value(f, n, "LASTGASP_CULPRIT"));
	EXPECT_STREQ("sysrq-crash", value(f, n, "LASTGASP_CAUSE"));
	EXPECT_STREQ(ev.kernel_release, value(f, n, "LASTGASP_KERNEL"));
	EXPECT_STREQ(ev.boot_id, value(f, n, "LASTGASP_BOOT_ID"));
	EXPECT_STREQ("/var/lib/lastgasp/x-1.json", value(f, n, "LASTGASP_ARCHIVE"));
	EXPECT_STREQ("crash: kernel panic: sysrq triggered crash; likely cause: requested",
		     value(f, n, "MESSAGE"));
	for (int i = 0; i < n; i++)
		free(f[i]);
}

TEST(survived_event_unknowns_are_empty)
{
	struct lg_event ev;
	char *f[LG_JOURNAL_NFIELDS];
	int n;

	lg_event_init(&ev);
	ev.cls = LG_CLASS_OOM;
	ev.fatal = false;
	ev.culprit_module = "badmod";
	ev.guilty_frame = "some_function";
	n = lg_journal_fields(&ev, NULL, f);
	ASSERT_EQ(LG_JOURNAL_NFIELDS, n);
	EXPECT_STREQ(LG_JOURNAL_ID_SURVIVED, value(f, n, "MESSAGE_ID"));
	EXPECT_STREQ("4", value(f, n, "PRIORITY"));
	EXPECT_STREQ("oom", value(f, n, "LASTGASP_CLASS"));
	/* The module is named before the function it was found in. */
	EXPECT_STREQ("badmod", value(f, n, "LASTGASP_CULPRIT"));
	EXPECT_STREQ("", value(f, n, "LASTGASP_SIGNATURE"));
	EXPECT_STREQ("", value(f, n, "LASTGASP_CAUSE"));
	EXPECT_STREQ("", value(f, n, "LASTGASP_KERNEL"));
	EXPECT_STREQ("", value(f, n, "LASTGASP_BOOT_ID"));
	EXPECT_STREQ("", value(f, n, "LASTGASP_ARCHIVE"));
	EXPECT_STREQ("unidentified event", value(f, n, "LASTGASP_TITLE"));
	for (int i = 0; i < n; i++)
		free(f[i]);
}

TEST(catalog_explains_both_ids)
{
	EXPECT_TRUE(catalog_has(LG_JOURNAL_ID_FATAL));
	EXPECT_TRUE(catalog_has(LG_JOURNAL_ID_SURVIVED));
	EXPECT_STRNE(LG_JOURNAL_ID_FATAL, LG_JOURNAL_ID_SURVIVED);
}

TEST_HARNESS_MAIN
