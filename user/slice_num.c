// SPDX-License-Identifier: GPL-2.0
/*
 * Bounded number parsing for slices that are not NUL-terminated
 * (slice_num.h).  No number the kernel prints needs more than 40
 * characters, so a longer run is cut, never read further.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "slice_num.h"

#define NUM_MAX 40

/* Copy [p, e) (at most NUM_MAX bytes) into @buf, NUL-terminated. */
static const char *copy(const char *p, const char *e, char buf[NUM_MAX + 1])
{
	size_t n = p && e > p ? (size_t)(e - p) : 0;

	if (n > NUM_MAX)
		n = NUM_MAX;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

int lg_slice_int(const char *p, const char *e)
{
	char buf[NUM_MAX + 1];
	long v = strtol(copy(p, e, buf), NULL, 10);

	if (v > INT_MAX)
		return INT_MAX;
	if (v < INT_MIN)
		return INT_MIN;
	return (int)v;
}

uint64_t lg_slice_u64(const char *p, const char *e, int base)
{
	char buf[NUM_MAX + 1];
	const char *s = copy(p, e, buf);

	/* strtoull() accepts "-1" as ULLONG_MAX: a count is never negative. */
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '-')
		return 0;
	return strtoull(s, NULL, base);
}

double lg_slice_double(const char *p, const char *e, double unknown)
{
	char buf[NUM_MAX + 1];
	const char *s = copy(p, e, buf);
	double v;

	while (*s == ' ' || *s == '\t')
		s++;
	/* Digits only: strtod() would also take "inf", "nan" and hex. */
	if (*s < '0' || *s > '9')
		return unknown;
	v = strtod(s, NULL);
	return isfinite(v) ? v : unknown;
}
