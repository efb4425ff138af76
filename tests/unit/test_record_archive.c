// SPDX-License-Identifier: GPL-2.0
/*
 * The record archive: files appear whole under their final name in a
 * directory created on demand, and a failure is reported, never silent.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kselftest_harness.h"
#include "archive.h"

FIXTURE(arch) {
	char root[64];
};

FIXTURE_SETUP(arch)
{
	strcpy(self->root, "/tmp/lastgasp-archive-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->root));
}

FIXTURE_TEARDOWN(arch)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", self->root);
	if (system(cmd) != 0)
		TH_LOG("could not remove %s", self->root);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.' || (strcmp(e->d_name, ".") &&
					     strcmp(e->d_name, ".."));
	closedir(d);
	return n;
}

TEST_F(arch, writes_whole_file_in_new_directories)
{
	char dir[128], path[192];
	struct json_object *o = json_object_new_object(), *back, *v;
	char *name = lg_archive_name("00112233445566778899aabbccddeeff", 42);

	ASSERT_STREQ("00112233445566778899aabbccddeeff-42.json", name);
	json_object_object_add(o, "seq", json_object_new_int(42));
	/* /var/lib may not exist in an initramfs: parents are created. */
	snprintf(dir, sizeof(dir), "%s/var/lib/lastgasp", self->root);
	ASSERT_EQ(0, lg_archive_write(dir, name, o));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	back = json_object_from_file(path);
	ASSERT_NE(NULL, back);
	ASSERT_TRUE(json_object_object_get_ex(back, "seq", &v));
	EXPECT_EQ(42, json_object_get_int(v));
	/* No temporary file is left behind. */
	EXPECT_EQ(1, count_entries(dir));
	/* Writing again replaces the file. */
	EXPECT_EQ(0, lg_archive_write(dir, name, o));
	EXPECT_EQ(1, count_entries(dir));
	json_object_put(back);
	json_object_put(o);
	free(name);
}

TEST_F(arch, failure_is_reported)
{
	char file[128], dir[160];
	struct json_object *o = json_object_new_object();
	FILE *f;

	/* A regular file where the directory should be. */
	snprintf(file, sizeof(file), "%s/not-a-dir", self->root);
	f = fopen(file, "w");
	ASSERT_NE(NULL, f);
	fclose(f);
	snprintf(dir, sizeof(dir), "%s/sub", file);
	EXPECT_GT(0, lg_archive_write(dir, "x.json", o));
	json_object_put(o);
}

TEST(name_without_boot_id)
{
	char *name = lg_archive_name(NULL, 7);

	EXPECT_STREQ("unknown-7.json", name);
	free(name);
}

TEST_HARNESS_MAIN
