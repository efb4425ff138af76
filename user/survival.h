/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Will the records the module holds survive a reboot?  The risks
 * `lastgasp status` warns about, decided from the store's backend and the
 * region's physical address alone, so the rules are testable without a
 * kernel (tests/unit/test_survival.c).
 */
#ifndef LG_SURVIVAL_H
#define LG_SURVIVAL_H

#include <stdint.h>

/*
 * reserve_mem= is taken at "Kernel command line" time, after the per-CPU
 * areas were set up: each CPU's unit is a zeroed 2 MiB block whose unused
 * tail goes back to the boot allocator.  A region that starts inside such
 * a tail is zeroed by every boot before the module can read it; one that
 * starts on a 2 MiB boundary never can (unit starts stay in use).
 */
#define LG_PERCPU_UNIT_ALIGN	(2ULL << 20)

enum lg_survival_risk {
	LG_RISK_VOLATILE	= 1u << 0,	/* ordinary RAM: lost at reboot */
	LG_RISK_PERCPU		= 1u << 1,	/* may share zeroed per-CPU RAM */
	LG_RISK_RELOCATES	= 1u << 2,	/* reserve_mem: placed per boot */
};

/* LG_RISK_* bits for a store on @backend (enum lastgasp_backend, -1 unknown). */
unsigned int lg_survival_risks(int64_t backend, uint64_t region_addr);
/* Stable name of one risk bit for JSON ("volatile", ...), NULL if none. */
const char *lg_survival_risk_id(unsigned int risk);
/* What an operator reads: the risk and what to do about it. */
const char *lg_survival_risk_text(unsigned int risk);
/* The WARNING lines of `status`: PERCPU and VOLATILE; RELOCATES is a note. */
int lg_survival_risk_is_warning(unsigned int risk);

#endif
