/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cause database: rule files (YAML) that map evidence in an event to a
 * cause and a remedy.  Loaded from the shipped directory, then the admin's
 * override directory, then any --causes DIR; a rule id defined again later
 * replaces the earlier one.
 */
#ifndef LG_CAUSES_H
#define LG_CAUSES_H

#include <stdio.h>
#include "event.h"

struct lg_causedb;

/*
 * Load every *.yaml file of each directory in @dirs (NULL-terminated; a
 * missing directory is skipped).  Each broken rule is reported on @errs as
 * "FILE:LINE: message"; the return value is NULL only when nothing usable
 * could be loaded.  *@nerrors counts the messages written.
 */
struct lg_causedb *lg_causedb_load(const char *const *dirs, FILE *errs,
				   int *nerrors);
void lg_causedb_free(struct lg_causedb *db);

/*
 * Cause-database directories in load order, NULL-terminated: the shipped
 * directory ($LASTGASP_DATADIR/causes.d or LG_DATADIR/causes.d), then
 * /etc/lastgasp/causes.d, then @extra (from --causes) when not NULL.
 */
const char *const *lg_causes_dirs(const char *extra);

/* Fill ev->causes (best first) and, where unset, guilty frame and culprit. */
void lg_causedb_apply(const struct lg_causedb *db, struct lg_event *ev);

/* `lastgasp causes list`: one line (or JSON object) per rule. */
void lg_causedb_list(const struct lg_causedb *db, FILE *out, int json);

/*
 * Compare two kernel releases the way their distribution orders them
 * (rpm order for el7/el8/al7, Debian/Ubuntu ABI numbers): <0, 0, >0.
 */
int lg_release_cmp(const char *a, const char *b);

#endif /* LG_CAUSES_H */
