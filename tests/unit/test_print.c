// SPDX-License-Identifier: GPL-2.0
/*
 * The two printers: JSON keys, types and nulls of the contract for a full
 * and an empty event; the text report names the facts an operator needs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kselftest_harness.h"
#include "print.h"

static void full_event(struct lg_event *ev)
{
	lg_event_init(ev);
	ev->cls = LG_CLASS_OOPS;
	ev->fatal = true;
	ev->title = strdup("general protection fault in lg_test_crash");
	ev->signature = strdup("0123abcd");
	ev->time = strdup("2023-11-14T22:13:20Z");
	ev->uptime = 12.5;
	ev->kernel_release = strdup("6.1.0-28-amd64");
	ev->hardware = strdup("QEMU Standard PC");
	ev->cpu = 1;
	ev->pid = 42;
	ev->comm = strdup("insmod");
	ev->taint = strdup("OE");
	ev->panic_message = strdup("Fatal exception");
	ev->has_rip = true;
	ev->rip.has_address = true;
	ev->rip.address = 0xffffffffc0a01234ULL;
	ev->rip.function = strdup("lg_test_crash");
	ev->rip.offset = 0x14;
	ev->rip.size = 0x30;
	ev->rip.module = strdup("lgtest");
	ev->has_cr2 = true;
	ev->cr2 = 0x8;
	ev->ntrace = 2;
	ev->trace = calloc(2, sizeof(*ev->trace));
	ev->trace[0].function = strdup("lg_test_init");
	ev->trace[0].module = strdup("lgtest");
	ev->trace[0].reliable = true;
	ev->trace[1].has_address = true;
	ev->trace[1].address = 0xffffffff81000100ULL;
	ev->nmodules = 1;
	ev->modules = calloc(1, sizeof(*ev->modules));
	ev->modules[0].name = strdup("lgtest");
	ev->modules[0].taint = strdup("OE");
	ev->ntainting = 1;
	ev->tainting_modules = calloc(1, sizeof(char *));
	ev->tainting_modules[0] = strdup("lgtest");
	ev->guilty_frame = strdup("lg_test_crash");
	ev->culprit_module = strdup("lgtest");
	ev->ncauses = 1;
	ev->causes = calloc(1, sizeof(*ev->causes));
	ev->causes[0].id = strdup("third-party-module");
	ev->causes[0].title = strdup("Bug in a third-party module");
	ev->causes[0].explanation = strdup("The fault is in out-of-tree code.");
	ev->causes[0].remedy = strdup("Remove or update the module lgtest.");
	ev->causes[0].confidence = 0.8;
	ev->causes[0].nevidence = 1;
	ev->causes[0].evidence = calloc(1, sizeof(struct lg_evidence));
	ev->causes[0].evidence[0].line = strdup("RIP: 0010:lg_test_crash+0x14/0x30 [lgtest]");
	ev->causes[0].evidence[0].lineno = 5;
	ev->seq = 7;
	ev->boot_id = strdup("000102030405060708090a0b0c0d0e0f");
	ev->previous_boot = true;
	ev->source = strdup("record");
}

/* The key must exist (null included) and have this type. */
static bool key_is(struct json_object *o, const char *key, enum json_type t)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v))
		return false;
	return json_object_get_type(v) == t;
}

static const char *str_of(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static const char *const contract[] = {
	"class", "fatal", "title", "time", "kernel_release", "hardware", "cpu",
	"pid", "comm", "taint", "panic_message", "rip", "call_trace", "modules",
	"tainting_modules", "guilty_frame", "culprit_module", "causes",
	"signature", "cr2", "workqueue", "oom", "stall", "seq", "boot_id",
	"previous_boot", "source",
};

TEST(json_full_event)
{
	struct lg_event ev;
	struct json_object *o, *rip, *a, *frame, *cause, *evid;

	full_event(&ev);
	o = lg_event_to_json(&ev);
	for (size_t i = 0; i < sizeof(contract) / sizeof(contract[0]); i++) {
		EXPECT_TRUE(json_object_object_get_ex(o, contract[i], NULL))
			TH_LOG("missing key %s", contract[i]);
	}
	EXPECT_STREQ("oops", str_of(o, "class"));
	EXPECT_TRUE(key_is(o, "fatal", json_type_boolean));
	EXPECT_STREQ("6.1.0-28-amd64", str_of(o, "kernel_release"));
	EXPECT_TRUE(key_is(o, "cpu", json_type_int));
	EXPECT_STREQ("0x0000000000000008", str_of(o, "cr2"));
	EXPECT_TRUE(key_is(o, "workqueue", json_type_null));
	EXPECT_TRUE(key_is(o, "oom", json_type_null));
	ASSERT_TRUE(json_object_object_get_ex(o, "rip", &rip));
	EXPECT_STREQ("0xffffffffc0a01234", str_of(rip, "address"));
	EXPECT_STREQ("lg_test_crash", str_of(rip, "function"));
	EXPECT_STREQ("lgtest", str_of(rip, "module"));
	EXPECT_TRUE(key_is(rip, "offset", json_type_int));
	ASSERT_TRUE(json_object_object_get_ex(o, "call_trace", &a));
	ASSERT_EQ(2, json_object_array_length(a));
	frame = json_object_array_get_idx(a, 1);
	EXPECT_STREQ("0xffffffff81000100", str_of(frame, "address"));
	EXPECT_TRUE(key_is(frame, "function", json_type_null));
	EXPECT_TRUE(key_is(frame, "reliable", json_type_boolean));
	frame = json_object_array_get_idx(a, 0);
	EXPECT_TRUE(key_is(frame, "address", json_type_null));
	ASSERT_TRUE(json_object_object_get_ex(o, "causes", &a));
	ASSERT_EQ(1, json_object_array_length(a));
	cause = json_object_array_get_idx(a, 0);
	EXPECT_STREQ("third-party-module", str_of(cause, "id"));
	EXPECT_TRUE(key_is(cause, "confidence", json_type_double));
	ASSERT_TRUE(json_object_object_get_ex(cause, "evidence", &a));
	evid = json_object_array_get_idx(a, 0);
	EXPECT_TRUE(key_is(evid, "lineno", json_type_int));
	EXPECT_STREQ("lgtest", str_of(o, "culprit_module"));
	EXPECT_TRUE(key_is(o, "seq", json_type_int));
	EXPECT_TRUE(key_is(o, "previous_boot", json_type_boolean));
	json_object_put(o);
	lg_event_free(&ev);
}

TEST(json_empty_event_is_all_nulls)
{
	static const char *const nulls[] = {
		"class", "title", "time", "kernel_release", "hardware", "cpu",
		"pid", "comm", "taint", "panic_message", "rip", "guilty_frame",
		"culprit_module", "signature", "cr2", "workqueue", "oom",
		"stall", "seq", "boot_id", "previous_boot", "source",
	};
	static const char *const empty[] = {
		"call_trace", "modules", "tainting_modules", "causes",
	};
	struct lg_event ev;
	struct json_object *o, *a;

	lg_event_init(&ev);
	o = lg_event_to_json(&ev);
	for (size_t i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++) {
		EXPECT_TRUE(key_is(o, nulls[i], json_type_null))
			TH_LOG("%s is not null", nulls[i]);
	}
	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		ASSERT_TRUE(json_object_object_get_ex(o, empty[i], &a));
		EXPECT_TRUE(json_object_is_type(a, json_type_array));
		EXPECT_EQ(0, json_object_array_length(a));
	}
	EXPECT_TRUE(key_is(o, "fatal", json_type_boolean));
	json_object_put(o);
}

static char *render(const struct lg_event *ev)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	lg_print_event_text(f, ev);
	fclose(f);
	return buf;
}

TEST(text_names_the_key_facts)
{
	static const char *const facts[] = {
		"FATAL",
		"general protection fault in lg_test_crash",
		"oops",
		"lg_test_crash+0x14/0x30 [lgtest]",
		"Culprit:   module lgtest",
		"2023-11-14T22:13:20Z",
		"6.1.0-28-amd64",
		"QEMU Standard PC",
		"O = out-of-tree module loaded",
		"E = unsigned module loaded",
		"Tainting modules: lgtest",
		"Bug in a third-party module (80% sure)",
		"Do:  Remove or update the module lgtest.",
		"Evidence (line 5): RIP: 0010:lg_test_crash",
		"Fatal exception",
		"insmod (pid 42) on CPU 1",
	};
	struct lg_event ev;
	char *text;

	full_event(&ev);
	text = render(&ev);
	for (size_t i = 0; i < sizeof(facts) / sizeof(facts[0]); i++) {
		EXPECT_NE(NULL, strstr(text, facts[i]))
			TH_LOG("missing \"%s\" in:\n%s", facts[i], text);
	}
	free(text);
	lg_event_free(&ev);
}

TEST(text_empty_event_says_unknown)
{
	struct lg_event ev;
	char *text;

	lg_event_init(&ev);
	text = render(&ev);
	EXPECT_NE(NULL, strstr(text, "Kernel:    unknown"));
	EXPECT_NE(NULL, strstr(text, "no known cause matched"));
	EXPECT_EQ(NULL, strstr(text, "(null)"));
	free(text);
}

TEST_HARNESS_MAIN
