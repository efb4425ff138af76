// SPDX-License-Identifier: GPL-2.0
/*
 * Log tails written after the fact.  A kernel older than 5.13 (no lockless
 * kmsg_dump_iter) cannot read its log from the die chain or the panic
 * notifier, so its die and panic records come without LOG.  The module's
 * kmsg dumper, which the kernel calls right after those notifiers (OOPS
 * from oops_exit(), PANIC from panic()), then writes a KMSG_DUMP record
 * holding only the log tail (kmod/logdump.c).  Its log belongs to the die
 * and panic records committed since the previous dump record of the same
 * boot: they borrow it, and the dump record itself is no event of its own.
 */
#include <string.h>
#include "record.h"

static bool wants_log(const struct lg_record *r)
{
	return (r->kind == LASTGASP_KIND_DIE || r->kind == LASTGASP_KIND_PANIC) &&
	       !r->tb[LASTGASP_R_LOG];
}

static bool same_boot(const struct lg_record *a, const struct lg_record *b)
{
	return a->boot_id[0] && strcmp(a->boot_id, b->boot_id) == 0;
}

void lg_records_lend_logs(struct lg_record *const *recs, size_t n, bool *lent)
{
	for (size_t i = 0; i < n; i++) {
		const struct lg_record *dump = recs[i];
		struct nlattr *log = dump->tb[LASTGASP_R_LOG];

		lent[i] = false;
		if (dump->kind != LASTGASP_KIND_KMSG_DUMP || !log ||
		    nla_len(log) <= 0)
			continue;
		for (size_t j = i; j-- > 0;) {
			struct lg_record *r = recs[j];

			if (!same_boot(r, dump) || r->seq >= dump->seq)
				continue;
			if (r->kind == LASTGASP_KIND_KMSG_DUMP)
				break;	/* the records before it had their tail */
			if (!wants_log(r))
				continue;
			/* Points into the dump record's copy, freed with it. */
			r->tb[LASTGASP_R_LOG] = log;
			r->log_borrowed = true;
			lent[i] = true;
		}
	}
}
