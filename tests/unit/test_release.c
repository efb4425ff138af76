// SPDX-License-Identifier: GPL-2.0
/*
 * lg_release_cmp orders releases the way their distributions do, and the
 * family detection that decides which fixed release applies.
 */
#include <string.h>
#include "kselftest_harness.h"
#include "causes.h"
#include "causes_int.h"

struct order_case {
	const char *older, *newer;
};

static const struct order_case order_cases[] = {
	/* RHEL/CentOS 7: rpm order of the release field */
	{ "3.10.0-1160.80.1.el7", "3.10.0-1160.88.1.el7" },
	{ "3.10.0-1160.88.1.el7", "3.10.0-1160.90.1.el7" },
	{ "3.10.0-1160.80.1.el7.x86_64", "3.10.0-1160.88.1.el7" },
	{ "3.10.0-957.21.3.el7", "3.10.0-957.27.2.el7" },
	{ "3.10.0-957.27.2.el7", "3.10.0-1062.el7" },
	{ "3.10.0-1062.1.2.el7", "3.10.0-1160.6.1.el7" },
	{ "3.10.0-327.el7", "3.10.0-327.4.5.el7" },
	/* RHEL 8: minor-release dist tags */
	{ "4.18.0-305.3.1.el8", "4.18.0-305.12.1.el8_4" },
	{ "4.18.0-305.12.1.el8", "4.18.0-305.12.1.el8_4" },
	{ "4.18.0-80.el8", "4.18.0-305.3.1.el8" },
	/* Ubuntu ABI numbers, flavour ignored */
	{ "5.4.0-122-generic", "5.4.0-123-generic" },
	{ "5.4.0-99-generic", "5.4.0-100-generic" },
	{ "5.4.0-122-generic", "5.4.0-123.139" },
	{ "4.4.0-150-generic", "5.4.0-1-generic" },
	/* Alibaba Cloud Linux */
	{ "4.19.91-18.al7", "4.19.91-19.1.al7" },
	{ "4.19.91-19.1.al7", "4.19.91-23.al7" },
	{ "4.19.91-23.al7.x86_64", "4.19.91-24.1.al7" },
	/* upstream and Debian */
	{ "6.1.0-55-amd64", "6.1.0-56-amd64" },
	{ "6.1.0-56-amd64", "6.12.117+deb12-amd64" },
	{ "5.10.9", "5.10.10" },
	{ "6.1", "6.1.1" },
	{ "6.8.0-rc7", "6.8.0" },
	{ "3.10.0-1127.19.1.el7", "4.18" },
	{ "4.9.0", "4.18.0-80.el8" },
};

TEST(release_order_table)
{
	for (size_t i = 0; i < sizeof(order_cases) / sizeof(order_cases[0]); i++) {
		const struct order_case *c = &order_cases[i];

		TH_LOG("%s < %s", c->older, c->newer);
		ASSERT_LT(lg_release_cmp(c->older, c->newer), 0);
		ASSERT_GT(lg_release_cmp(c->newer, c->older), 0);
		ASSERT_EQ(0, lg_release_cmp(c->older, c->older));
	}
}

TEST(release_equal_ignoring_arch_and_flavour)
{
	ASSERT_EQ(0, lg_release_cmp("3.10.0-1160.80.1.el7.x86_64",
				    "3.10.0-1160.80.1.el7"));
	ASSERT_EQ(0, lg_release_cmp("5.4.0-123-generic", "5.4.0-123"));
	ASSERT_EQ(0, lg_release_cmp("5.4.0-123-generic", "5.4.0-123-lowlatency"));
	ASSERT_EQ(0, lg_release_cmp("4.18", "4.18.0"));
}

struct family_case {
	const char *release, *family;
};

static const struct family_case family_cases[] = {
	{ "3.10.0-1160.80.1.el7.x86_64", "el7" },
	{ "4.18.0-305.12.1.el8_4", "el8" },
	{ "2.6.32-504.16.2.el6.x86_64", "el6" },
	{ "4.19.91-19.1.al7.x86_64", "al7" },
	{ "5.4.0-122-generic", "ubuntu" },
	{ "5.15.0-1034-azure", "ubuntu" },
	{ "6.1.0-56-amd64", "debian" },
	{ "6.12.117+deb12-rt-amd64", "debian" },
	{ "6.8.0", "upstream" },
	{ "4.18", "upstream" },
};

TEST(release_family_table)
{
	char fam[16];

	for (size_t i = 0; i < sizeof(family_cases) / sizeof(family_cases[0]); i++) {
		lg_release_family(family_cases[i].release, fam, sizeof(fam));
		TH_LOG("%s", family_cases[i].release);
		ASSERT_STREQ(family_cases[i].family, fam);
	}
}

TEST(release_range_parse)
{
	struct release_bound *b;
	size_t n;
	char err[256];

	ASSERT_EQ(0, lg_release_range_parse(">= 4.19.91-19.1.al7, <= 4.19.91-23.al7",
					    &b, &n, err, sizeof(err)));
	ASSERT_EQ(2U, n);
	ASSERT_TRUE(lg_release_op_holds("4.19.91-21.al7", &b[0]));
	ASSERT_TRUE(lg_release_op_holds("4.19.91-21.al7", &b[1]));
	ASSERT_FALSE(lg_release_op_holds("4.19.91-24.al7", &b[1]));
	for (size_t i = 0; i < n; i++)
		free(b[i].version);
	free(b);

	ASSERT_EQ(-1, lg_release_range_parse("~ 4.19", &b, &n, err, sizeof(err)));
	ASSERT_NE(NULL, strstr(err, "expected <, <=, =, >= or >"));
	ASSERT_EQ(-1, lg_release_range_parse(">= abc", &b, &n, err, sizeof(err)));
	ASSERT_NE(NULL, strstr(err, "must start with a digit"));
	ASSERT_EQ(-1, lg_release_range_parse(">= 5.0, < 4.0", &b, &n, err, sizeof(err)));
	ASSERT_NE(NULL, strstr(err, "no release can satisfy it"));
	ASSERT_EQ(-1, lg_release_range_parse(">= 3.10.0-1.el7, < 5.4.0-1-generic",
					     &b, &n, err, sizeof(err)));
	ASSERT_NE(NULL, strstr(err, "mixes el7 and ubuntu"));
}

TEST_HARNESS_MAIN
