// SPDX-License-Identifier: GPL-2.0
/* Output checks shared by the fuzz targets (fuzz_common.h). */
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include "causes.h"
#include "causes_int.h"
#include "fuzz_common.h"
#include "print.h"

FILE *lg_fuzz_null(void)
{
	static FILE *null;

	if (!null) {
		null = fopen("/dev/null", "w");
		if (!null)
			abort();
		lg_causes_set_diag(null);
	}
	return null;
}

void lg_fuzz_check_json(struct json_object *o)
{
	const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
						       JSON_C_TO_STRING_NOSLASHESCAPE);
	struct json_tokener *tok;
	struct json_object *back;

	if (!s || u8_check((const uint8_t *)s, strlen(s)) != NULL) {
		fprintf(stderr, "fuzz: JSON output is not valid UTF-8\n");
		abort();
	}
	tok = json_tokener_new();
	if (!tok)
		abort();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	back = json_tokener_parse_ex(tok, s, (int)strlen(s));
	if (!back || json_tokener_get_error(tok) != json_tokener_success) {
		fprintf(stderr, "fuzz: output is not strict JSON: %.200s\n", s);
		abort();
	}
	json_object_put(back);
	json_tokener_free(tok);
	json_object_put(o);
}

void lg_fuzz_print_event(const struct lg_event *ev)
{
	lg_print_event_text(lg_fuzz_null(), ev);
	lg_fuzz_check_json(lg_event_to_json(ev));
}

const struct lg_causedb *lg_fuzz_shipped_db(void)
{
	static struct lg_causedb *db;
	static const char *const dirs[] = { LG_TOPDIR "/user/causes", NULL };

	if (!db) {
		db = lg_causedb_load(dirs, stderr, NULL);
		if (!db)
			abort();
	}
	return db;
}
