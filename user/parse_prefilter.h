/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A multi-literal prefilter for the hot path.  Most lines of a system log
 * belong to no kernel report; while no event is open the parser only needs
 * the lines holding a trigger literal.  The filter samples one 4-byte window
 * every (shortest literal - 3) bytes and looks it up in a 64 Kibit bitmap,
 * so it touches a fraction of the input before verifying a candidate with
 * memcmp.
 */
#ifndef LG_PARSE_PREFILTER_H
#define LG_PARSE_PREFILTER_H

#include <stddef.h>

struct lg_prefilter;

/* NULL when the literals are too short to sample (every line is a candidate). */
struct lg_prefilter *lg_prefilter_new(const char *const *lits, size_t n);
void lg_prefilter_free(struct lg_prefilter *pf);

/* First byte of the first literal occurrence in [p, e), or NULL. */
const char *lg_prefilter_find(const struct lg_prefilter *pf,
			      const char *p, const char *e);

/* Number of '\n' bytes in [p, e). */
size_t lg_count_newlines(const char *p, const char *e);

#endif /* LG_PARSE_PREFILTER_H */
