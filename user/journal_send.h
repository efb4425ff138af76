/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Structured journal entries for events (`report --journal`, `watch
 * --journal`), so a fleet finds crashes with `journalctl MESSAGE_ID=...`
 * the way it finds coredumps.  The MESSAGE_IDs are fixed forever: the
 * catalog (systemd/lastgasp.catalog) and operators' queries name them.
 */
#ifndef LG_JOURNAL_SEND_H
#define LG_JOURNAL_SEND_H

#include "event.h"

/* An event that ended its boot (PRIORITY 2, crit). */
#define LG_JOURNAL_ID_FATAL "1a037f1809f2591811b109874723b2e9"
/* An event the machine survived (PRIORITY 4, warning). */
#define LG_JOURNAL_ID_SURVIVED "3d5beb0313025b94fa228bc526340366"

/* MESSAGE, MESSAGE_ID, PRIORITY, SYSLOG_IDENTIFIER and the 8 LASTGASP_*. */
#define LG_JOURNAL_NFIELDS 12

/*
 * The "NAME=value" strings of @ev's entry, malloc'd into @f (free each
 * with free()).  Returns the number of fields, or -ENOMEM with nothing
 * left allocated.
 */
int lg_journal_fields(const struct lg_event *ev, const char *archive,
		      char *f[LG_JOURNAL_NFIELDS]);

/*
 * Send one entry for @ev.  @archive is the JSON file the record was saved
 * to, or NULL (watch: not archived yet).  Returns 0 or a negative errno
 * after saying why on stderr.
 */
int lg_journal_send(const struct lg_event *ev, const char *archive);

#endif /* LG_JOURNAL_SEND_H */
