// SPDX-License-Identifier: GPL-2.0
/*
 * Where a hardware error happened, from the lines of a machine check or a
 * memory controller report: the DIMM, the MCA bank, the CPU and the
 * physical address, for the event's hw_location and the remedy.
 *
 *   mce: [Hardware Error]: CPU 3: Machine Check: 0 Bank 8: cc00008000010090
 *   mce: [Hardware Error]: TSC 0 ADDR 1f5a3c040 MISC 90840200800028c
 *   EDAC MC0: 3 CE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0
 *	(channel:1 slot:0 page:0x1f5a3c offset:0x40 ...)
 *   {1}[Hardware Error]:   physical_address: 0x000000123456f000
 *   {1}[Hardware Error]:   DIMM location: CPU0_DIMM_A1
 */
#include <stdio.h>
#include <stdlib.h>
#include "parse_int.h"
#include "slice_num.h"

static size_t word_len(const char *p, const char *e)
{
	const char *q = p;

	while (q < e && *q != ' ' && *q != ',' && *q != '(' && *q != ')')
		q++;
	return (size_t)(q - p);
}

static void take(char **dst, const char *p, const char *e)
{
	size_t n;

	while (p < e && *p == ' ')
		p++;
	n = word_len(p, e);
	if (!*dst && n)
		*dst = strndup(p, n);
}

static void edac_line(struct lg_build *b, const char *s, size_t len)
{
	const char *e = s + len, *p, *on, *pg, *off;

	p = lg_find(s, len, ": ");
	if (!p || !(on = lg_find(s, len, " error on ")))
		return;
	p += 2;
	if (!b->mce_errors && p < e && *p >= '0' && *p <= '9') {
		const char *k = memchr(p, ' ', (size_t)(e - p));

		if (k && k + 3 <= e && (!memcmp(k + 1, "CE", 2) || !memcmp(k + 1, "UE", 2)))
			b->mce_errors = strndup(p, (size_t)(k + 3 - p));
	}
	take(&b->mce_dimm, on + 10, e);
	pg = lg_find(s, len, "page:0x");
	off = lg_find(s, len, "offset:0x");
	if (pg && !b->mce_has_addr) {
		b->mce_addr = lg_slice_u64(pg + 7, e, 16) << 12;
		if (off)
			b->mce_addr += lg_slice_u64(off + 9, e, 16);
		b->mce_has_addr = true;
	}
}

bool lg_mce_line(struct lg_build *b, const char *s, size_t len)
{
	const char *e = s + len, *p;

	if (lg_starts(s, len, "EDAC ")) {
		edac_line(b, s, len);
		return true;
	}
	if (!lg_find(s, len, "[Hardware Error]"))
		return false;
	if ((p = lg_find(s, len, " Bank ")) != NULL && b->mce_bank < 0)
		b->mce_bank = lg_slice_int(p + 6, e);
	if ((p = lg_find(s, len, "]: CPU ")) != NULL && b->mce_cpu < 0)
		b->mce_cpu = lg_slice_int(p + 7, e);
	if ((p = lg_find(s, len, " ADDR ")) != NULL && !b->mce_has_addr) {
		b->mce_addr = lg_slice_u64(p + 6, e, 16);
		b->mce_has_addr = true;
	}
	if ((p = lg_find(s, len, "physical_address: 0x")) != NULL && !b->mce_has_addr) {
		b->mce_addr = lg_slice_u64(p + 20, e, 16);
		b->mce_has_addr = true;
	}
	if ((p = lg_find(s, len, "DIMM location: ")) != NULL)
		take(&b->mce_dimm, p + 15, e);
	return true;
}

/* "DIMM CPU_SrcID#0_Ha#0_Chan#1_DIMM#0, bank 8, CPU 3, address 0x1f5a3c040 (3 CE)" */
void lg_mce_finish(struct lg_build *b)
{
	char buf[512];
	size_t n = 0;

#define PUT(...) (n += (size_t)snprintf(buf + n, n < sizeof(buf) ? sizeof(buf) - n : 0, __VA_ARGS__))
	if (b->mce_dimm)
		PUT("DIMM %s", b->mce_dimm);
	if (b->mce_bank >= 0)
		PUT("%sbank %d", n ? ", " : "", b->mce_bank);
	if (b->mce_cpu >= 0)
		PUT("%sCPU %d", n ? ", " : "", b->mce_cpu);
	if (b->mce_has_addr)
		PUT("%saddress 0x%llx", n ? ", " : "", (unsigned long long)b->mce_addr);
	if (b->mce_errors && n)
		PUT(" (%s)", b->mce_errors);
#undef PUT
	if (n && n < sizeof(buf) && !b->ev->hw_location)
		b->ev->hw_location = strdup(buf);
	free(b->mce_dimm);
	free(b->mce_errors);
	b->mce_dimm = b->mce_errors = NULL;
}
