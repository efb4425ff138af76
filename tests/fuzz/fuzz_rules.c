// SPDX-License-Identifier: GPL-2.0
/*
 * The rule loader and matcher: any bytes as a rule file -> rules (every
 * limit of causes_int.h applies) -> `causes list` in text and JSON -> the
 * rules applied to the events of a fixed sample log (tests/fuzz/sample.log)
 * -> text and JSON of each event.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "causes.h"
#include "causes_int.h"
#include "fuzz_common.h"
#include "parse.h"

static char *sample;
static size_t sample_len;

static void load_sample(void)
{
	FILE *f = fopen(LG_TOPDIR "/tests/fuzz/sample.log", "r");
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET))
		abort();
	sample = malloc((size_t)n);
	if (!sample || fread(sample, 1, (size_t)n, f) != (size_t)n)
		abort();
	sample_len = (size_t)n;
	fclose(f);
}

static void on_event(struct lg_event *ev, void *arg)
{
	lg_causedb_apply(arg, ev);
	lg_fuzz_print_event(ev);
	lg_event_free(ev);
	free(ev);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lg_causedb *db;
	int nerr = 0;

	if (!sample)
		load_sample();
	db = lg_causedb_load_mem("fuzz.yaml", data, size, lg_fuzz_null(), &nerr);
	if (!db)
		return 0;
	lg_causedb_list(db, lg_fuzz_null(), 0);
	lg_causedb_list(db, lg_fuzz_null(), 1);
	lg_parse_buffer(sample, sample_len, "sample", on_event, db);
	lg_causedb_free(db);
	return 0;
}
