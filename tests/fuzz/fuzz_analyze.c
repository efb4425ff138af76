// SPDX-License-Identifier: GPL-2.0
/*
 * `lastgasp analyze`: any bytes as a kernel log -> events -> the shipped
 * cause database -> text and JSON.  The input is copied into a buffer of
 * its exact size without a terminating NUL, as a record's log tail is.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "causes.h"
#include "fuzz_common.h"
#include "parse.h"

static void on_event(struct lg_event *ev, void *arg)
{
	(void)arg;
	lg_causedb_apply(lg_fuzz_shipped_db(), ev);
	lg_fuzz_print_event(ev);
	lg_event_free(ev);
	free(ev);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size ? size : 1);

	if (!copy)
		return 0;
	lg_fuzz_null();
	memcpy(copy, data, size);
	lg_parse_buffer(copy, size, "fuzz", on_event, NULL);
	free(copy);
	return 0;
}
