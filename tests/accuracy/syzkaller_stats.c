// SPDX-License-Identifier: GPL-2.0
/* Per-category counters and the reports of the syzkaller accuracy test. */
#include <string.h>
#include "syzkaller_stats.h"

void syz_stats_init(struct syz_stats *st)
{
	memset(st, 0, sizeof(*st));
	strcpy(st->total.name, "TOTAL");
}

static struct syz_row *row(struct syz_stats *st, const char *name)
{
	for (unsigned int i = 0; i < st->nrows; i++)
		if (!strcmp(st->rows[i].name, name))
			return &st->rows[i];
	if (st->nrows == SYZ_MAX_CATEGORIES)
		return &st->rows[SYZ_MAX_CATEGORIES - 1];
	struct syz_row *r = &st->rows[st->nrows++];

	snprintf(r->name, sizeof(r->name), "%s", name);
	return r;
}

static void count(struct syz_row *r, bool crash, bool crash_ok, bool title_ok)
{
	r->logs++;
	r->crash_ok += crash_ok;
	r->crashes += crash;
	r->title_ok += crash && title_ok;
}

void syz_stats_add(struct syz_stats *st, const char *category, bool crash,
		   bool crash_ok, bool title_ok)
{
	count(row(st, category), crash, crash_ok, title_ok);
	count(&st->total, crash, crash_ok, title_ok);
}

static double pct(unsigned int a, unsigned int b)
{
	return b ? 100.0 * a / b : 100.0;
}

static void print_row(const struct syz_row *r, FILE *out)
{
	fprintf(out, "# %-28s %5u %6u %6.1f%% %6u %6.1f%%\n", r->name, r->logs,
		r->crash_ok, pct(r->crash_ok, r->logs), r->title_ok,
		pct(r->title_ok, r->crashes));
}

void syz_stats_table(const struct syz_stats *st, FILE *out)
{
	fprintf(out, "# %-28s %5s %6s %7s %6s %7s\n", "category", "logs",
		"crash", "crash%", "title", "title%");
	for (unsigned int i = 0; i < st->nrows; i++)
		print_row(&st->rows[i], out);
	print_row(&st->total, out);
}

bool syz_stats_tap(const struct syz_stats *st, double crash_pct,
		   double title_pct, FILE *out)
{
	double c = pct(st->total.crash_ok, st->total.logs);
	double t = pct(st->total.title_ok, st->total.crashes);
	bool cok = st->total.logs && c >= crash_pct, tok = st->total.crashes && t >= title_pct;

	fprintf(out, "1..2\n");
	fprintf(out, "%sok 1 syzkaller crash/no-crash %.1f%% of %u logs (>= %.0f%%)\n",
		cok ? "" : "not ", c, st->total.logs, crash_pct);
	fprintf(out, "%sok 2 syzkaller titles %.1f%% of %u crashes (>= %.0f%%)\n",
		tok ? "" : "not ", t, st->total.crashes, title_pct);
	return cok && tok;
}
