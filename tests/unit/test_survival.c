// SPDX-License-Identifier: GPL-2.0
/*
 * The reboot-survival risks `lastgasp status` warns about.  The addresses
 * are the ones measured under QEMU on Debian 6.12 (issue 11): 0x3e700000
 * lay in the freed tail of the boot CPU's 2 MiB per-CPU unit
 * (0x3e600000-0x3e7fffff, tail from 0x3e642000) and came back zeroed at
 * every boot; 0x3f800000 and 0x3e400000 (reserve_mem=1M:2M:lastgasp) kept
 * their records.
 */
#include <string.h>
#include "kselftest_harness.h"
#include <linux/lastgasp.h>
#include "survival.h"

TEST(memmap_region_has_no_risk)
{
	EXPECT_EQ(0u, lg_survival_risks(LASTGASP_BACKEND_MEMMAP, 0x30000000));
	EXPECT_EQ(0u, lg_survival_risks(LASTGASP_BACKEND_MEMMAP, 0x3e700000));
}

TEST(volatile_or_unknown_backend_is_lost)
{
	EXPECT_EQ(LG_RISK_VOLATILE, lg_survival_risks(LASTGASP_BACKEND_VOLATILE, 0));
	EXPECT_EQ(LG_RISK_VOLATILE, lg_survival_risks(-1, 0));
	EXPECT_EQ(LG_RISK_VOLATILE, lg_survival_risks(99, 0x3f800000));
}

TEST(reserve_mem_in_a_percpu_tail_is_warned)
{
	EXPECT_EQ(LG_RISK_RELOCATES | LG_RISK_PERCPU,
		  lg_survival_risks(LASTGASP_BACKEND_RESERVE_MEM, 0x3e700000));
	/* 4 KiB aligned, as reserve_mem=1M:4096:lastgasp may give */
	EXPECT_EQ(LG_RISK_RELOCATES | LG_RISK_PERCPU,
		  lg_survival_risks(LASTGASP_BACKEND_RESERVE_MEM, 0x3f827000));
}

TEST(reserve_mem_on_2mib_boundary_only_relocates)
{
	EXPECT_EQ(LG_RISK_RELOCATES,
		  lg_survival_risks(LASTGASP_BACKEND_RESERVE_MEM, 0x3f800000));
	EXPECT_EQ(LG_RISK_RELOCATES,
		  lg_survival_risks(LASTGASP_BACKEND_RESERVE_MEM, 0x3e400000));
	EXPECT_EQ(LG_RISK_RELOCATES,
		  lg_survival_risks(LASTGASP_BACKEND_RESERVE_MEM, 0x100000000ULL));
}

TEST(each_risk_has_an_id_and_advice)
{
	const unsigned int bits[] = {
		LG_RISK_VOLATILE, LG_RISK_PERCPU, LG_RISK_RELOCATES,
	};

	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		ASSERT_NE(NULL, lg_survival_risk_id(bits[i]));
		ASSERT_NE(NULL, lg_survival_risk_text(bits[i]));
		for (size_t j = 0; j < i; j++)
			EXPECT_STRNE(lg_survival_risk_id(bits[j]),
				     lg_survival_risk_id(bits[i]));
	}
	EXPECT_EQ(NULL, lg_survival_risk_id(1u << 30));
	/* The per-CPU advice names the cure the e2e scenario proves. */
	EXPECT_NE(NULL, strstr(lg_survival_risk_text(LG_RISK_PERCPU),
			       "reserve_mem=1M:2M:lastgasp"));
}

TEST(lost_records_are_warnings_relocation_is_a_note)
{
	EXPECT_TRUE(lg_survival_risk_is_warning(LG_RISK_VOLATILE));
	EXPECT_TRUE(lg_survival_risk_is_warning(LG_RISK_PERCPU));
	EXPECT_FALSE(lg_survival_risk_is_warning(LG_RISK_RELOCATES));
}

TEST_HARNESS_MAIN
