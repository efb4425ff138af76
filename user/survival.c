// SPDX-License-Identifier: GPL-2.0
/*
 * Whether records survive a reboot: see survival.h.  What was measured
 * under QEMU (README, "reserve_mem="; tests/e2e/scenarios/39-reserve-mem-
 * ramoops.sh): a reserve_mem region that the kernel placed in the freed
 * tail of the boot CPU's per-CPU unit was all zeros at every boot, while a
 * 2 MiB aligned one kept its records; the place itself depends on
 * everything the kernel allocated before (initramfs size, memory size,
 * other reserve_mem= entries, where KASLR put the kernel).
 */
#include <stddef.h>
#include <linux/lastgasp.h>
#include "survival.h"

static const struct {
	unsigned int risk;
	const char *id;
	const char *text;
	int warning;
} risks[] = {
	{ LG_RISK_VOLATILE, "volatile",
	  "records will NOT survive a reboot.  Give the module a reserved region "
	  "(memmap= or reserve_mem=, see lastgasp(8)) to keep crash records "
	  "across a warm reboot.", 1 },
	{ LG_RISK_PERCPU, "reserve_mem_unaligned",
	  "records may be lost at every reboot: this reserve_mem region does not "
	  "start on a 2 MiB boundary, so it can lie in per-CPU memory that the "
	  "kernel zeroes earlier in the same boot.  Boot with "
	  "reserve_mem=1M:2M:lastgasp, or pin the region with memmap=.", 1 },
	{ LG_RISK_RELOCATES, "reserve_mem_relocates",
	  "the kernel places a reserve_mem region anew at every boot, and "
	  "KASLR may put the next kernel over it: records survive a reboot "
	  "into the same kernel, initramfs, memory size and command line, "
	  "and not always then.  memmap= keeps a fixed address that KASLR "
	  "avoids.", 0 },
};

unsigned int lg_survival_risks(int64_t backend, uint64_t region_addr)
{
	switch (backend) {
	case LASTGASP_BACKEND_MEMMAP:
		return 0;
	case LASTGASP_BACKEND_RESERVE_MEM:
		return LG_RISK_RELOCATES |
		       (region_addr % LG_PERCPU_UNIT_ALIGN ? LG_RISK_PERCPU : 0);
	default:	/* volatile, or a backend this reporter does not know */
		return LG_RISK_VOLATILE;
	}
}

static size_t find(unsigned int risk)
{
	size_t i;

	for (i = 0; i < sizeof(risks) / sizeof(risks[0]); i++)
		if (risks[i].risk == risk)
			break;
	return i;
}

const char *lg_survival_risk_id(unsigned int risk)
{
	size_t i = find(risk);

	return i < sizeof(risks) / sizeof(risks[0]) ? risks[i].id : NULL;
}

const char *lg_survival_risk_text(unsigned int risk)
{
	size_t i = find(risk);

	return i < sizeof(risks) / sizeof(risks[0]) ? risks[i].text : NULL;
}

int lg_survival_risk_is_warning(unsigned int risk)
{
	size_t i = find(risk);

	return i < sizeof(risks) / sizeof(risks[0]) && risks[i].warning;
}
