/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Numbers read from a slice [p, e) of a line.  Lines handed to the field
 * parsers are not NUL-terminated (the last line of a buffer, a record's log
 * tail), so strtol() and friends must never see them directly: they would
 * read past the slice.  These copy at most a few dozen bytes into a
 * terminated buffer first, clamp to the target type and never return a
 * non-finite double.
 */
#ifndef LG_SLICE_NUM_H
#define LG_SLICE_NUM_H

#include <stdint.h>

/* Leading blanks and a sign allowed, as atoi(); 0 when no digits. */
int lg_slice_int(const char *p, const char *e);
/* Unsigned in @base (10 or 16, "0x" allowed for 16); 0 when no digits. */
uint64_t lg_slice_u64(const char *p, const char *e, int base);
/*
 * A decimal number such as "22" or "0.5": @unknown when there are no
 * digits or the value is not finite ("1e999", "inf", "nan").
 */
double lg_slice_double(const char *p, const char *e, double unknown);

#endif /* LG_SLICE_NUM_H */
