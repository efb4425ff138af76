// SPDX-License-Identifier: GPL-2.0
/*
 * lg_title_normalise(): syzbot's normalisation, one rule per test, then the
 * rules together, the length limit and the clean-up of bytes and spaces.
 */
#include <stdlib.h>
#include <string.h>
#include "kselftest_harness.h"
#include "classify.h"

static void expect(struct __test_metadata *_metadata, const char *in,
		   const char *want)
{
	char *got = lg_title_normalise(in);

	ASSERT_NE(NULL, got);
	EXPECT_STREQ(want, got) TH_LOG("input: \"%s\"", in);
	free(got);
}

TEST(executor_number)
{
	expect(_metadata, "INFO: task syz-executor.3:123 blocked", "INFO: task syz-executor:NUM blocked");
	expect(_metadata, "WARNING in syz-executor5", "WARNING in syz-executor");
}

TEST(address)
{
	expect(_metadata, "KASAN: slab-out-of-bounds in f at addr ffff8801d0c6b080",
	       "KASAN: slab-out-of-bounds in f at addr ADDR");
	expect(_metadata, "paging request at 0xffffc90001691000", "paging request at ADDR");
	/* five hex digits or a run glued to a word are not addresses */
	expect(_metadata, "value abcde", "value abcde");
	expect(_metadata, "nl802154_add_llsec_key", "nl802154_add_llsec_key");
}

TEST(ipv4)
{
	expect(_metadata, "peer 10.1.22.3 went away", "peer IP went away");
}

TEST(source_line)
{
	expect(_metadata, "kernel BUG at fs/ext4/inode.c:2069!", "kernel BUG at fs/ext4/inode.c:LINE!");
}

TEST(function_offset)
{
	expect(_metadata, "stack is corrupted in: foo_bar+0x1a/0x2b", "stack is corrupted in: foo_bar");
}

TEST(cpu_number)
{
	expect(_metadata, "stuck on CPU#3 for 22 s", "stuck on CPU for NUM s");
}

TEST(standalone_number)
{
	expect(_metadata, "unknown-block(0,0)", "unknown-block(NUM,NUM)");
	expect(_metadata, "failed(-12) to start app 4", "failed(-NUM) to start app NUM");
	/* digits inside identifiers stay */
	expect(_metadata, "ext4_fill_super x25_connect ip6_xmit", "ext4_fill_super x25_connect ip6_xmit");
	/* long decimal runs go even when glued to a word */
	expect(_metadata, "mkdir ./testdir264563108: failed", "mkdir ./testdirNUM: failed");
}

TEST(until_stable)
{
	expect(_metadata, "a syz-executor.1 b CPU#1 at 0x1234567 c.c:9 d 1.2.3.4",
	       "a syz-executor b CPU at ADDR c.c:LINE d IP");
}

TEST(control_bytes_and_spaces)
{
	expect(_metadata, "  WARNING\tin \x01" "foo   bar \r", "WARNING in foo bar");
}

TEST(at_most_120_bytes)
{
	char in[300];
	char *got;

	memset(in, 'x', sizeof(in) - 1);
	in[sizeof(in) - 1] = 0;
	got = lg_title_normalise(in);
	ASSERT_NE(NULL, got);
	EXPECT_EQ(120, strlen(got));
	free(got);
}

TEST(null_title)
{
	EXPECT_EQ(NULL, lg_title_normalise(NULL));
}

TEST_HARNESS_MAIN
