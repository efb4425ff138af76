/* SPDX-License-Identifier: GPL-2.0 */
/* Per-category counters and the reports of the syzkaller accuracy test. */
#ifndef SYZKALLER_STATS_H
#define SYZKALLER_STATS_H

#include <stdbool.h>
#include <stdio.h>

#define SYZ_MAX_CATEGORIES 64

struct syz_row {
	char name[48];
	unsigned int logs, crash_ok, crashes, title_ok;
};

struct syz_stats {
	struct syz_row rows[SYZ_MAX_CATEGORIES];
	unsigned int nrows;
	struct syz_row total;
};

void syz_stats_init(struct syz_stats *st);
void syz_stats_add(struct syz_stats *st, const char *category, bool crash,
		   bool crash_ok, bool title_ok);
void syz_stats_table(const struct syz_stats *st, FILE *out);
/* Two TAP lines; true when both thresholds (percent) are met. */
bool syz_stats_tap(const struct syz_stats *st, double crash_pct,
		   double title_pct, FILE *out);

#endif /* SYZKALLER_STATS_H */
