// SPDX-License-Identifier: GPL-2.0
/*
 * The log parser and the printers under hostile input (issue 10): each
 * input comes in a buffer of its exact size with no NUL after it, as a
 * record's log tail does, so that the ASan build (suite 11) catches any
 * read past a line.  Expected values come from the input text itself.
 */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include "kselftest_harness.h"
#include "causes.h"
#include "causes_int.h"	/* lg_template_expand() */
#include "parse.h"
#include "test_events.h"
#include "print.h"


/* Parse @len bytes from a heap copy of exactly that size. */
static void parse_exact(struct got *g, const char *text, size_t len)
{
	char *copy = malloc(len ? len : 1);

	memset(g, 0, sizeof(*g));
	if (!copy)
		return;
	memcpy(copy, text, len);
	lg_parse_buffer(copy, len, "hostile", collect, g);
	free(copy);
}

/* The JSON of @ev, as `analyze --json` prints it; malloc'd. */
static char *json_of(const struct lg_event *ev)
{
	struct json_object *o = lg_event_to_json(ev);
	char *s = strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));

	json_object_put(o);
	return s;
}

/* A strict JSON parser accepts @s (no inf, nan or bad UTF-8). */
static bool strict_json(const char *s)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *o;
	bool ok;

	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, s, (int)strlen(s));
	ok = o && json_tokener_get_error(tok) == json_tokener_success;
	json_object_put(o);
	json_tokener_free(tok);
	return ok;
}

/* #1: a line cut at an embedded NUL, compared with a longer next line. */
TEST(nul_inside_repeated_warning_line)
{
	static const char head[] = "WARNING: x\0a\nWARNING: x\0";
	size_t len = sizeof(head) - 1 + 8192 + 1;
	char *text = malloc(len);
	struct got g;

	ASSERT_NE(NULL, text);
	memcpy(text, head, sizeof(head) - 1);
	memset(text + sizeof(head) - 1, 'b', 8192);
	text[len - 1] = '\n';
	parse_exact(&g, text, len);
	free(text);
	ASSERT_LE(1, g.n);
	/* The NUL is shown, not the end of the line. */
	ASSERT_LE(1, g.ev[0]->nlines);
	EXPECT_STREQ("WARNING: x\\0a", g.ev[0]->lines[0].line);
	got_free(&g);
}

/* Fields are not silently cut at a NUL: the title shows it. */
TEST(nul_shown_in_title_and_comm)
{
	static const char text[] =
		"BUG: kernel NULL\0 pointer dereference, address: 0000000000000010\n"
		"CPU: 1 PID: 42 Comm: ins\0mod Not tainted 6.1.0-28-amd64 #1\n"
		"RIP: 0010:crash_fn+0x14/0x30 [lgtest]\n";
	struct got g;

	parse_exact(&g, text, sizeof(text) - 1);
	ASSERT_EQ(1, g.n);
	ASSERT_NE(NULL, g.ev[0]->comm);
	EXPECT_STREQ("ins\\0mod", g.ev[0]->comm);
	ASSERT_NE(NULL, g.ev[0]->lines);
	EXPECT_NE(NULL, strstr(g.ev[0]->lines[0].line, "NULL\\0 pointer dereference"));
	got_free(&g);
}

/* #2: an OOM report, then a stamp with no text at the very end. */
TEST(oom_then_empty_line_at_end)
{
	static const char text[] =
		"[    1.000000] Out of memory: Killed process 12 (hog) total-vm:10kB\n"
		"[    2.000000] ";
	struct got g;

	parse_exact(&g, text, sizeof(text) - 1);
	ASSERT_EQ(1, g.n);
	EXPECT_EQ(12, g.ev[0]->oom.victim_pid);
	got_free(&g);
}

/* #2: rsyslog's "#012" as the last bytes of the input. */
TEST(oom_then_rsyslog_newline_at_end)
{
	static const char text[] =
		"Jun  6 21:33:13 host kernel: Out of memory: Killed process 12 (hog)#012";
	struct got g;

	parse_exact(&g, text, sizeof(text) - 1);
	ASSERT_EQ(1, g.n);
	EXPECT_EQ(12, g.ev[0]->oom.victim_pid);
	got_free(&g);
}

/* #3: numbers at the very end of the input are read within it. */
TEST(number_at_end_of_input)
{
	static const char lockup[] = "watchdog: BUG: soft lockup - CPU#1";
	static const char killed[] = "Out of memory: Killed process 12";
	struct got g;

	parse_exact(&g, lockup, sizeof(lockup) - 1);
	ASSERT_EQ(1, g.n);
	EXPECT_EQ(1, g.ev[0]->stall.cpu);
	got_free(&g);
	parse_exact(&g, killed, sizeof(killed) - 1);
	ASSERT_EQ(1, g.n);
	EXPECT_EQ(12, g.ev[0]->oom.victim_pid);
	got_free(&g);
}

/* #3: a number longer than any the kernel prints is not read to its end. */
TEST(number_run_is_bounded)
{
	size_t n = 100000, len = strlen("watchdog: BUG: soft lockup - CPU#") + n;
	char *text = malloc(len);
	struct got g;

	ASSERT_NE(NULL, text);
	memcpy(text, "watchdog: BUG: soft lockup - CPU#", len - n);
	memset(text + len - n, '7', n);
	parse_exact(&g, text, len);
	free(text);
	ASSERT_EQ(1, g.n);
	/* clamped, never undefined */
	EXPECT_EQ(2147483647, g.ev[0]->stall.cpu);
	got_free(&g);
}

/* #4: a '#' as the last byte (pstore header check). */
TEST(hash_as_last_byte)
{
	static const char text[] = "BUG: kernel NULL pointer dereference\nx#";
	struct got g;

	parse_exact(&g, text, sizeof(text) - 1);
	ASSERT_EQ(1, g.n);
	EXPECT_EQ(LG_CLASS_OOPS, g.ev[0]->cls);
	got_free(&g);
}

/* Found in review for issue 10: "Booting Linux" as the last bytes of the input. */
TEST(booting_linux_at_end_of_input)
{
	static const char text[] =
		"BUG: kernel NULL pointer dereference, address: 0000000000000010\n"
		"Booting Linux";
	struct got g;

	parse_exact(&g, text, sizeof(text) - 1);
	/* The new boot ends the report before it. */
	ASSERT_EQ(1, g.n);
	EXPECT_EQ(LG_CLASS_OOPS, g.ev[0]->cls);
	got_free(&g);
}

/* Found by fuzz_records: a digits-only line after the module list, at the end. */
TEST(module_list_then_digits_at_end)
{
	static const char text[] =
		"BUG: kernel NULL pointer dereference, address: 0000000000000010\n"
		"Modules linked in: lgtest(OE) ext4\n"
		"0123456789";
	struct got g;

	parse_exact(&g, text, sizeof(text) - 1);
	ASSERT_EQ(1, g.n);
	/* digits are a stack word or a count, not a module */
	EXPECT_EQ(2, g.ev[0]->nmodules);
	got_free(&g);
}

/* #7: "stuck for 1e999s" is not a number of seconds. */
TEST(stall_seconds_not_finite)
{
	static const char text[] =
		"watchdog: BUG: soft lockup - CPU#1 stuck for 1e999s! [spin:99]\n";
	struct got g;
	char *js, *t;

	parse_exact(&g, text, sizeof(text) - 1);
	ASSERT_EQ(1, g.n);
	EXPECT_EQ(1, g.ev[0]->stall.cpu);
	js = json_of(g.ev[0]);
	EXPECT_TRUE(strict_json(js));
	EXPECT_NE(NULL, strstr(js, "\"seconds\":null"));
	free(js);
	t = lg_template_expand("{stall_seconds}", g.ev[0], NULL, NULL, 0, NULL, NULL);
	EXPECT_STREQ("unknown", t);
	free(t);
	got_free(&g);
}

/* #7: a finite value that printf would show as "inf" never reaches JSON. */
TEST(non_finite_double_is_null)
{
	struct lg_event ev;
	char *js;

	lg_event_init(&ev);
	ev.cls = LG_CLASS_SOFT_LOCKUP;
	ev.stall.present = true;
	ev.stall.seconds = 1.0 / 0.0;
	ev.oom.present = true;
	ev.oom.victim_ram_share = 0.0 / 0.0;
	js = json_of(&ev);
	EXPECT_TRUE(strict_json(js));
	EXPECT_NE(NULL, strstr(js, "\"seconds\":null"));
	EXPECT_NE(NULL, strstr(js, "\"victim_ram_share\":null"));
	free(js);
	lg_event_free(&ev);
}

/* #9: bytes that are not UTF-8 inside a report: JSON stays valid UTF-8. */
TEST(invalid_utf8_in_json)
{
	static const char text[] =
		"BUG: kernel NULL pointer dereference \xff\xfe\xc3 at \xe2\x82" "\n"
		"CPU: 1 PID: 42 Comm: b\xc0\xaf" "d Not tainted 6.1.0-28-amd64 #1\n"
		"RIP: 0010:fn\x80" "+0x14/0x30\n"
		"Hardware name: caf\xc3\xa9 \xed\xa0\x80 \xf4\x90\x80\x80" "\n";
	struct got g;
	char *js;

	parse_exact(&g, text, sizeof(text) - 1);
	ASSERT_EQ(1, g.n);
	js = json_of(g.ev[0]);
	EXPECT_EQ(NULL, u8_check((const uint8_t *)js, strlen(js)));
	EXPECT_TRUE(strict_json(js));
	/* valid text is kept, invalid bytes are shown as \xNN */
	EXPECT_NE(NULL, strstr(js, "caf\xc3\xa9"));
	EXPECT_NE(NULL, strstr(js, "\\\\xed\\\\xa0\\\\x80"));
	free(js);
	/* the text report shows the same */
	{
		char *txt = NULL;
		size_t tlen = 0;
		FILE *mem = open_memstream(&txt, &tlen);

		lg_print_event_text(mem, g.ev[0]);
		fclose(mem);
		EXPECT_EQ(NULL, u8_check((const uint8_t *)txt, tlen));
		EXPECT_NE(NULL, strstr(txt, "caf\xc3\xa9 \\xed\\xa0\\x80"));
		free(txt);
	}
	got_free(&g);
}

/* A 100 MB RIP line: the function name is cut with a marker. */
TEST(long_field_cut_with_marker)
{
	size_t n = 1 << 20, len = strlen("BUG: x\nRIP: 0010:") + n + strlen("+0x1/0x2\n");
	char *text = malloc(len), *p;
	struct got g;

	ASSERT_NE(NULL, text);
	p = stpcpy(text, "BUG: x\nRIP: 0010:");
	memset(p, 'f', n);
	memcpy(p + n, "+0x1/0x2\n", 9);
	parse_exact(&g, text, len);
	free(text);
	ASSERT_EQ(1, g.n);
	ASSERT_TRUE(g.ev[0]->has_rip);
	ASSERT_NE(NULL, g.ev[0]->rip.function);
	EXPECT_GE(600, strlen(g.ev[0]->rip.function));
	EXPECT_NE(NULL, strstr(g.ev[0]->rip.function, "bytes cut]"));
	got_free(&g);
}

TEST_HARNESS_MAIN
