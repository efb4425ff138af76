// SPDX-License-Identifier: GPL-2.0
/*
 * lg_cli_parse(), the subcommands' one option parser: flags and values
 * from the table, --help on stdout with 0, a bad option or too many
 * operands quoted with 1, operands left in order after the options.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "kselftest_harness.h"
#include "cli.h"
#include "commands.h"

struct opts {
	int json, keep;
	const char *dir;
};

static int parse(struct opts *o, int max, int argc, char **argv, int *first)
{
	const struct lg_cli_opt tab[] = {
		{ "json", 'j', &o->json, NULL },
		{ "keep", 'k', &o->keep, NULL },
		{ "dir", 'd', NULL, &o->dir },
		{ NULL },
	};
	const struct lg_cli cli = {
		.cmd = "test", .usage = "usage: test\n", .help = "help: test\n", .opts = tab, .max_operands = max,
	};

	memset(o, 0, sizeof(*o));
	return lg_cli_parse(&cli, argc, argv, first);
}

TEST(flags_values_and_operands)
{
	char *argv[] = { "test", "-j", "--dir", "/x", "a", "--keep", "b", NULL };
	struct opts o;
	int first = -1;

	ASSERT_EQ(LG_CLI_RUN, parse(&o, -1, 7, argv, &first));
	EXPECT_EQ(1, o.json);
	EXPECT_EQ(1, o.keep);
	EXPECT_STREQ("/x", o.dir);
	ASSERT_EQ(5, first);
	EXPECT_STREQ("a", argv[5]);
	EXPECT_STREQ("b", argv[6]);
}

TEST(help_is_zero)
{
	char *argv[] = { "test", "-j", "--help", NULL };
	struct opts o;
	int first;

	fflush(stdout);
	EXPECT_EQ(LG_EXIT_OK, parse(&o, 0, 3, argv, &first));
}

TEST(bad_option_and_extra_operand_are_usage_errors)
{
	char *bad[] = { "test", "--frobnicate", NULL };
	char *missing[] = { "test", "--dir", NULL };
	char *extra[] = { "test", "one", "two", NULL };
	struct opts o;
	int first;

	EXPECT_EQ(LG_EXIT_USAGE, parse(&o, 0, 2, bad, &first));
	EXPECT_EQ(LG_EXIT_USAGE, parse(&o, 0, 2, missing, &first));
	EXPECT_EQ(LG_EXIT_USAGE, parse(&o, 1, 3, extra, &first));
	EXPECT_EQ(LG_CLI_RUN, parse(&o, 2, 3, extra, &first));
	EXPECT_EQ(1, first);
}

TEST_HARNESS_MAIN
