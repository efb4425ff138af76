// SPDX-License-Identifier: GPL-2.0
/*
 * The one parser of kernel symbols (lg_symbol_parse) for log lines and
 * module records: "func+0x1a/0x40 [mod]", and "[mod BUILDID]" as %pSb
 * prints it when the kernel has CONFIG_STACKTRACE_BUILD_ID.
 */
#include <stdlib.h>
#include <string.h>
#include "kselftest_harness.h"
#include "parse.h"
#include "record.h"

static struct lg_frame parse(const char *s)
{
	struct lg_frame f = { 0 };

	lg_symbol_parse(s, strlen(s), &f);
	return f;
}

TEST(module_with_and_without_build_id)
{
	struct lg_frame a = parse("lgtest_crash+0x14/0x30 [lgtest]");
	struct lg_frame b = parse("lgtest_crash+0x14/0x30 [lgtest 5a0f3c1e9b2d77aa01]");
	struct lg_frame c = parse("ext4_map_blocks+0x1/0x2 fs/ext4/inode.c:12 [inline]");

	EXPECT_STREQ("lgtest_crash", a.function);
	EXPECT_STREQ("lgtest", a.module);
	EXPECT_STREQ("lgtest_crash", b.function);
	EXPECT_STREQ("lgtest", b.module);
	EXPECT_EQ(0x14, b.offset);
	EXPECT_EQ(0x30, b.size);
	EXPECT_STREQ("ext4_map_blocks", c.function);
	EXPECT_EQ(NULL, c.module);
	lg_frame_clear(&a);
	lg_frame_clear(&b);
	lg_frame_clear(&c);
}

/* "[a b]" whose second word is not a build id names no module. */
TEST(bracket_with_words_is_no_module)
{
	struct lg_frame f = parse("foo+0x1/0x2 [not a module]");

	EXPECT_STREQ("foo", f.function);
	EXPECT_EQ(NULL, f.module);
	lg_frame_clear(&f);
}

/* A record's symbol goes through the same parser. */
TEST(record_symbol_is_the_same_parse)
{
	struct lg_frame f = { 0 };

	ASSERT_TRUE(lg_frame_parse_symbol("lgtest_crash+0x14/0x30 [lgtest 5a0f3c1e]", &f));
	EXPECT_STREQ("lgtest_crash", f.function);
	EXPECT_STREQ("lgtest", f.module);
	free(f.function);
	free(f.module);
}

TEST_HARNESS_MAIN
