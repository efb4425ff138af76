// SPDX-License-Identifier: GPL-2.0
/*
 * --metrics FILE: Prometheus textfile counters that only grow, whichever
 * run or command wrote them last, with each module record counted once.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kselftest_harness.h"
#include "metrics.h"

FIXTURE(met) {
	char dir[64], path[96];
};

FIXTURE_SETUP(met)
{
	strcpy(self->dir, "/tmp/lastgasp-metrics-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	snprintf(self->path, sizeof(self->path), "%s/lastgasp.prom", self->dir);
}

FIXTURE_TEARDOWN(met)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", self->dir);
	if (system(cmd) != 0)
		TH_LOG("could not remove %s", self->dir);
}

/* The value of the sample line starting with @key, or -1. */
static double sample(const char *path, const char *key)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	double v = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)) && line[strlen(key)] == ' ')
			v = strtod(line + strlen(key) + 1, NULL);
	fclose(f);
	return v;
}

static bool has_line(const char *path, const char *want)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	bool found = false;

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		found |= strcmp(line, want) == 0;
	fclose(f);
	return found;
}

static struct lg_event ev(enum lg_class cls, bool fatal, const char *boot,
			  unsigned long long seq)
{
	struct lg_event e;

	lg_event_init(&e);
	e.cls = cls;
	e.fatal = fatal;
	e.boot_id = (char *)boot;
	e.seq = seq;
	e.signature = (char *)"0123abcd";
	e.title = (char *)"BUG: \"odd\" title\\";
	e.time = (char *)"2026-12-06T18:00:00Z";
	return e;
}

TEST_F(met, counts_by_class_and_remembers_the_last_crash)
{
	struct lg_event a = ev(LG_CLASS_WARNING, false, NULL, 0);
	struct lg_event b = ev(LG_CLASS_OOPS, true, NULL, 0);
	const struct lg_event *evs[] = { &a, &a, &b };

	ASSERT_EQ(0, lg_metrics_add(self->path, NULL, 0));
	EXPECT_EQ(0, sample(self->path, "lastgasp_crashes_total{class=\"oops\"}"));
	EXPECT_EQ(0, sample(self->path, "lastgasp_last_crash_timestamp_seconds"));
	ASSERT_EQ(0, lg_metrics_add(self->path, evs, 3));
	EXPECT_EQ(2, sample(self->path, "lastgasp_survived_events_total{class=\"warning\"}"));
	EXPECT_EQ(1, sample(self->path, "lastgasp_crashes_total{class=\"oops\"}"));
	EXPECT_EQ(0, sample(self->path, "lastgasp_crashes_total{class=\"warning\"}"));
	/* date -u -d 2026-12-06T18:00:00Z +%s */
	EXPECT_EQ(1796580000, sample(self->path, "lastgasp_last_crash_timestamp_seconds"));
	EXPECT_TRUE(has_line(self->path,
		"lastgasp_last_crash_info{class=\"oops\",signature=\"0123abcd\","
		"title=\"BUG: \\\"odd\\\" title\\\\\"} 1\n"));
	/* A second run adds to what the file says. */
	ASSERT_EQ(0, lg_metrics_add(self->path, evs, 1));
	EXPECT_EQ(3, sample(self->path, "lastgasp_survived_events_total{class=\"warning\"}"));
	EXPECT_EQ(1, sample(self->path, "lastgasp_crashes_total{class=\"oops\"}"));
	EXPECT_TRUE(has_line(self->path,
		"lastgasp_last_crash_info{class=\"oops\",signature=\"0123abcd\","
		"title=\"BUG: \\\"odd\\\" title\\\\\"} 1\n"));
}

TEST_F(met, a_record_seen_by_watch_is_not_counted_again_by_report)
{
	const char *boot = "00112233445566778899aabbccddeeff";
	struct lg_event w1 = ev(LG_CLASS_WARNING, false, boot, 1);
	struct lg_event w2 = ev(LG_CLASS_HUNG_TASK, false, boot, 2);
	struct lg_event crash = ev(LG_CLASS_PANIC, true, boot, 3);
	const struct lg_event *watch[] = { &w1 }, *report[] = { &w1, &w2, &crash };

	ASSERT_EQ(0, lg_metrics_add(self->path, watch, 1));
	ASSERT_EQ(0, lg_metrics_add(self->path, report, 3));
	ASSERT_EQ(0, lg_metrics_add(self->path, report, 3));	/* report --keep again */
	EXPECT_EQ(1, sample(self->path, "lastgasp_survived_events_total{class=\"warning\"}"));
	EXPECT_EQ(1, sample(self->path, "lastgasp_survived_events_total{class=\"hung_task\"}"));
	EXPECT_EQ(1, sample(self->path, "lastgasp_crashes_total{class=\"panic\"}"));
}

TEST_F(met, a_foreign_file_is_replaced_and_no_temporary_file_stays)
{
	struct lg_event a = ev(LG_CLASS_OOM, false, NULL, 0);
	const struct lg_event *evs[] = { &a };
	FILE *f = fopen(self->path, "w");
	struct dirent *e;
	DIR *d;
	int others = 0;

	ASSERT_NE(NULL, f);
	fputs("garbage that is not ours\n", f);
	fclose(f);
	ASSERT_EQ(0, lg_metrics_add(self->path, evs, 1));
	EXPECT_EQ(1, sample(self->path, "lastgasp_survived_events_total{class=\"oom\"}"));
	EXPECT_FALSE(has_line(self->path, "garbage that is not ours\n"));
	d = opendir(self->dir);
	ASSERT_NE(NULL, d);
	while ((e = readdir(d)))
		others += e->d_name[0] != '.' && strcmp(e->d_name, "lastgasp.prom") &&
			  strcmp(e->d_name, "lastgasp.prom.lock");
	closedir(d);
	EXPECT_EQ(0, others);
}

TEST_HARNESS_MAIN
