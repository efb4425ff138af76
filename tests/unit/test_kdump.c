// SPDX-License-Identifier: GPL-2.0
/*
 * The kdump state that decides whether a panic reaches lastgasp, read from
 * and written to a sysfs tree laid out like the kernel's ($LASTGASP_SYSFS).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kselftest_harness.h"
#include "kdump.h"

FIXTURE(sysfs) {
	char root[64];
};

static void put(const char *root, const char *rel, const char *text)
{
	char path[256], dir[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	snprintf(dir, sizeof(dir), "%s", path);
	for (char *p = dir + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(dir, 0755);
		*p = '/';
	}
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

static char *get(const char *root, const char *rel, char *buf, size_t n)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "r");
	if (!f || !fgets(buf, (int)n, f))
		buf[0] = '\0';
	if (f)
		fclose(f);
	return buf;
}

#define LOADED "kernel/kexec_crash_loaded"
#define POST "module/kernel/parameters/crash_kexec_post_notifiers"

FIXTURE_SETUP(sysfs)
{
	snprintf(self->root, sizeof(self->root), "/tmp/lg-sysfs.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->root));
	setenv("LASTGASP_SYSFS", self->root, 1);
}

FIXTURE_TEARDOWN(sysfs)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", self->root);
	if (system(cmd) != 0)
		TH_LOG("could not remove %s", self->root);
	unsetenv("LASTGASP_SYSFS");
}

TEST_F(sysfs, no_crash_kernel_is_full_capture)
{
	struct lg_kdump k;

	put(self->root, LOADED, "0\n");
	put(self->root, POST, "N\n");
	lg_kdump_read(&k);
	EXPECT_EQ(0, k.crash_loaded);
	EXPECT_EQ(0, k.post_notifiers);
	EXPECT_TRUE(lg_kdump_full_capture(&k));
}

TEST_F(sysfs, crash_kernel_without_post_notifiers_is_partial)
{
	struct lg_kdump k;

	put(self->root, LOADED, "1\n");
	put(self->root, POST, "N\n");
	lg_kdump_read(&k);
	EXPECT_EQ(1, k.crash_loaded);
	EXPECT_FALSE(lg_kdump_full_capture(&k));
}

TEST_F(sysfs, setting_post_notifiers_makes_it_full)
{
	struct lg_kdump k;
	char buf[8];

	put(self->root, LOADED, "1\n");
	put(self->root, POST, "N\n");
	ASSERT_EQ(0, lg_kdump_set_post_notifiers(true));
	EXPECT_STREQ("Y\n", get(self->root, POST, buf, sizeof(buf)));
	lg_kdump_read(&k);
	EXPECT_EQ(1, k.post_notifiers);
	EXPECT_TRUE(lg_kdump_full_capture(&k));
	ASSERT_EQ(0, lg_kdump_set_post_notifiers(false));
	EXPECT_STREQ("N\n", get(self->root, POST, buf, sizeof(buf)));
}

TEST_F(sysfs, missing_files_are_unknown_and_setting_fails)
{
	struct lg_kdump k;

	lg_kdump_read(&k);
	EXPECT_EQ(-1, k.crash_loaded);
	EXPECT_EQ(-1, k.post_notifiers);
	/* Nothing says a crash kernel is loaded: panics reach lastgasp. */
	EXPECT_TRUE(lg_kdump_full_capture(&k));
	EXPECT_EQ(-ENOENT, lg_kdump_set_post_notifiers(true));
}

TEST_HARNESS_MAIN
