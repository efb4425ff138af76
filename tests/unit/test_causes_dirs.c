// SPDX-License-Identifier: GPL-2.0
/*
 * Where the cause database comes from (issue 13 kind 10): a binary run
 * from its build tree reads the tree's user/causes, and a load that finds
 * no rule says on stderr which directories it searched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kselftest_harness.h"
#include "causes.h"
#include "causes_int.h"
#include "commands.h"

/* These tests run from build/tests/unit, inside the tree. */
TEST(tree_binary_reads_tree_rules)
{
	const char *const *dirs;
	struct lg_causedb *db;
	int nerr = 0;

	unsetenv("LASTGASP_DATADIR");
	dirs = lg_causes_dirs(NULL);
	ASSERT_NE(NULL, dirs[0]);
	EXPECT_STREQ(LG_TOPDIR "/user/causes", dirs[0]);
	db = lg_causedb_load(dirs, NULL, &nerr);
	ASSERT_NE(NULL, db);
	EXPECT_LT(10, lg_causedb_count(db));
	lg_causedb_free(db);
}

TEST(datadir_overrides_the_tree)
{
	setenv("LASTGASP_DATADIR", "/nonexistent-lg", 1);
	EXPECT_STREQ("/nonexistent-lg/causes.d", lg_causes_dirs(NULL)[0]);
	unsetenv("LASTGASP_DATADIR");
}

TEST(no_rules_names_the_directories)
{
	static const char *const dirs[] = { "/nonexistent-lg/a", "/nonexistent-lg/b", NULL };
	char *text = NULL;
	size_t len = 0;
	FILE *errs = open_memstream(&text, &len);
	struct lg_causedb *db;

	ASSERT_NE(NULL, errs);
	db = lg_causedb_load(dirs, errs, NULL);
	fclose(errs);
	ASSERT_NE(NULL, db);
	EXPECT_EQ(0, lg_causedb_count(db));
	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, "/nonexistent-lg/a")) TH_LOG("stderr: %s", text);
	EXPECT_NE(NULL, strstr(text, "/nonexistent-lg/b")) TH_LOG("stderr: %s", text);
	lg_causedb_free(db);
	free(text);
}

TEST_HARNESS_MAIN
