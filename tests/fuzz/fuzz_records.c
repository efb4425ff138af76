// SPDX-License-Identifier: GPL-2.0
/*
 * The record decoder: any bytes as a netlink receive buffer.  The same
 * buffer goes through the three receive paths of the reporter:
 *   report   dump reply -> records -> events (log tail parsed, panic
 *            merged into the record it ends) -> causes -> text and JSON,
 *            and each record's archive JSON;
 *   status   the status reply handler;
 *   watch    the notification handler (NEW_RECORD, nlctrl DELFAMILY).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "causes.h"
#include "fuzz_common.h"
#include "netlink.h"
#include "record.h"

#define MAX_RECORDS 16
#define FAMILY 0x1d	/* the lastgasp family id the seeds use */

struct got {
	struct lg_record rec[MAX_RECORDS];
	struct lg_event ev[MAX_RECORDS];
	bool merged[MAX_RECORDS];
	size_t n;
};

static int on_record(const struct nlattr *nest, void *arg)
{
	struct got *g = arg;

	if (g->n < MAX_RECORDS && lg_record_parse(nest, &g->rec[g->n]) == 0)
		g->n++;
	return 0;
}

static int on_notify(uint64_t seq, uint32_t kind, void *arg)
{
	(void)seq;
	(void)kind;
	(void)arg;
	return 0;
}

static int on_resync(void *arg)
{
	(void)arg;
	return 0;
}

/* cmd_report.c's convert(): events, panics merged, then causes. */
static void report(struct got *g)
{
	for (size_t i = 0; i < g->n; i++) {
		lg_event_init(&g->ev[i]);
		lg_record_to_event(&g->rec[i], &g->ev[i]);
		lg_fuzz_check_json(lg_record_to_json(&g->rec[i]));
	}
	for (size_t i = 0; i < g->n; i++) {
		if (g->rec[i].kind != LASTGASP_KIND_PANIC)
			continue;
		for (size_t j = i; !g->merged[i] && j-- > 0;)
			if (!g->merged[j])
				g->merged[i] = lg_record_merge_fatal(&g->rec[j], &g->ev[j],
								     &g->rec[i], &g->ev[i]);
	}
	for (size_t i = 0; i < g->n; i++) {
		if (!g->merged[i]) {
			lg_causedb_apply(lg_fuzz_shipped_db(), &g->ev[i]);
			lg_fuzz_print_event(&g->ev[i]);
		}
		lg_event_free(&g->ev[i]);
		lg_record_free(&g->rec[i]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct lg_nl_watch_ops ops = {
		.record = on_notify, .resync = on_resync,
	};
	struct got *g = calloc(1, sizeof(*g));
	struct lg_status st;
	void *copy = malloc(size ? size : 1);

	if (!g || !copy) {
		free(g);
		free(copy);
		return 0;
	}
	lg_fuzz_null();
	memcpy(copy, data, size);
	lg_nl_feed_reply(copy, size, on_record, g, NULL);
	report(g);
	memset(&st, 0, sizeof(st));
	lg_nl_feed_reply(copy, size, NULL, NULL, &st);
	lg_nl_feed_watch(copy, size, FAMILY, &ops, NULL);
	free(copy);
	free(g);
	return 0;
}
