/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module records: a LASTGASP_A_RECORD nest as received over netlink, and its
 * conversion into the one event model.  A struct lg_record owns a private
 * copy of the nest, so records outlive the netlink message they came in and
 * can be archived, converted and cleared in any order.
 */
#ifndef LG_RECORD_H
#define LG_RECORD_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/attr.h>
#include <linux/lastgasp.h>
#include "event.h"

struct json_object;

struct lg_record {
	struct nlattr *nest;		/* malloc'd copy of LASTGASP_A_RECORD */
	struct nlattr *tb[LASTGASP_R_MAX + 1];	/* known attributes, or NULL */
	uint64_t seq;
	uint32_t kind;			/* enum lastgasp_kind */
	uint32_t flags;			/* LASTGASP_RF_* */
	char boot_id[2 * LASTGASP_BOOT_ID_LEN + 1];	/* hex, "" when absent */
	bool previous_boot;
	bool log_borrowed;		/* tb[LOG] is a later KMSG_DUMP record's */
};

/*
 * Copy and validate @nest.  Attributes this reporter does not know are
 * ignored.  Returns 0, or a negative libnl error code for a malformed nest
 * (wrong length of a known attribute).
 */
int lg_record_parse(const struct nlattr *nest, struct lg_record *r);
/* What lg_record_parse() accepts: the module's policy, the UAPI's sizes. */
extern const struct nla_policy lg_record_policy[LASTGASP_R_MAX + 1];
void lg_record_free(struct lg_record *r);

/* "die", "panic", ... for enum lastgasp_kind; "unknown" otherwise. */
const char *lg_record_kind_name(uint32_t kind);

/*
 * Fill @ev (initialised by the caller) from @r: structured fields first, then
 * the log tail (parsed with the log parser) for what the record lacks, then
 * the classifier.  Returns 0 or -ENOMEM.
 */
int lg_record_to_event(const struct lg_record *r, struct lg_event *ev);

/*
 * Before 5.13 die and panic records have no log tail; the KMSG_DUMP record
 * the module writes right after them has it (kmod/logdump.c).  Point the
 * LOG of each die and panic record without one at the log of the first
 * KMSG_DUMP record that follows it in its boot, with no other KMSG_DUMP
 * record between them.  @recs in sequence order; @lent[i] tells whether
 * recs[i] lent its log (it is then no event of its own).  The borrowed
 * LOG lives as long as the lending record.
 */
void lg_records_lend_logs(struct lg_record *const *recs, size_t n, bool *lent);

/* Both records name the same task (pid). */
bool lg_record_same_task(const struct lg_record *a, const struct lg_record *b);

/*
 * A panic record that ends an earlier record of the same boot is not a
 * second event: "Fatal exception" after a die record, or a panic of the
 * same class after an OOM kill, WARN, soft lockup, hung task or RCU stall
 * record (panic_on_oom, panic_on_warn, softlockup_panic, ...).  Mark
 * @first fatal, give it the panic message (and what only the panic's event
 * knows) and return true.  @panic is left for the caller to free.
 */
bool lg_record_merge_fatal(const struct lg_record *first_rec,
			   struct lg_event *first,
			   const struct lg_record *panic_rec,
			   struct lg_event *panic);

/* The record, attribute by attribute, for the archive.  NULL on ENOMEM. */
struct json_object *lg_record_to_json(const struct lg_record *r);

/*
 * Parse a kernel symbol "func+0x1a/0x40 [mod]" (module part optional, a
 * build id after the module name tolerated) into @f's function, offset, size
 * and module.  Returns false (and leaves @f alone) when @sym is not a symbol.
 */
bool lg_frame_parse_symbol(const char *sym, struct lg_frame *f);

#endif /* LG_RECORD_H */
