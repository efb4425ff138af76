/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Prometheus textfile metrics (--metrics FILE of report and watch), for
 * node_exporter's textfile collector: crash and survived-event counters by
 * class, the last crash's time and signature.
 */
#ifndef LG_METRICS_H
#define LG_METRICS_H

#include <stddef.h>
#include "event.h"

/*
 * Add @n events to the counters kept in @path and rewrite it atomically
 * (temporary file in the same directory, rename).  The file itself holds
 * the counts: report and watch, and successive runs, add to what it
 * says, under a lock (@path.lock) so they do not lose each other's
 * updates.  A module record (boot id and sequence number) already counted
 * by an earlier call is not counted again.  @n == 0 only (re)writes the file.  An unreadable or foreign
 * file is reported on stderr and counting starts again from zero.
 * Returns 0 or a negative errno (after saying why on stderr).
 */
int lg_metrics_add(const char *path, const struct lg_event *const *evs,
		   size_t n);

#endif /* LG_METRICS_H */
