// SPDX-License-Identifier: GPL-2.0
/*
 * The debug-info resolver (user/debuginfo*.c) on ELF files tests/Makefile
 * compiled with -g from unit/debuginfo_sample.c.  Expected lines come from
 * that source's LG-MARK comments, build ids from readelf: never from the
 * resolver.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "debuginfo.h"
#include "event.h"
#include "kselftest_harness.h"

#define SRC LG_TOPDIR "/tests/unit/debuginfo_sample.c"
#define KO LG_SAMPLE_DIR "/lgsample.ko"
#define OTHER_KO LG_SAMPLE_DIR "/other/lgsample.ko"
#define STRIPPED_KO LG_SAMPLE_DIR "/stripped/lgsample.ko"
#define SO LG_SAMPLE_DIR "/bid/lgsample.ko"
#define OTHER_SO LG_SAMPLE_DIR "/bid-other/lgsample.ko"

/* The line of the source that carries "LG-MARK @name". */
static unsigned int mark(const char *name)
{
	char line[512], want[64];
	unsigned int n = 0;
	FILE *f = fopen(SRC, "r");

	snprintf(want, sizeof(want), "LG-MARK %s ", name);
	while (f && fgets(line, sizeof(line), f)) {
		n++;
		if (strstr(line, want)) {
			fclose(f);
			return n;
		}
	}
	if (f)
		fclose(f);
	return 0;
}

/* The GNU build id of @path as readelf prints it, or "" */
static void readelf_build_id(const char *path, char *out, size_t len)
{
	char cmd[1024], line[512];
	FILE *p;

	out[0] = '\0';
	snprintf(cmd, sizeof(cmd), "readelf -n '%s'", path);
	p = popen(cmd, "r");
	while (p && fgets(line, sizeof(line), p))
		if (sscanf(line, " Build ID: %127s", out) == 1)
			break;
	if (p)
		pclose(p);
	(void)len;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t a = s ? strlen(s) : 0, b = strlen(tail);

	return a >= b && !strcmp(s + a - b, tail);
}

static struct lg_dbgfile *open_ok(const char *path, const char *bid)
{
	char buf[400];
	const char *why = NULL;
	struct lg_dbgfile *f = lg_dbgfile_open(path, bid, &why, buf, sizeof(buf));

	if (!f)
		fprintf(stderr, "# %s: %s\n", path, why);
	return f;
}

/* Every offset of lg_sample_leaf resolves inside it; one to the store. */
TEST(leaf_offsets_resolve_to_its_lines)
{
	struct lg_dbgfile *f = open_ok(KO, NULL);
	unsigned int store = mark("leaf-store"), hits = 0;
	uint64_t size = 0;
	struct lg_source *s;

	ASSERT_NE(NULL, f);
	ASSERT_NE(0, store);
	lg_dbgfile_lookup(f, "lg_sample_leaf", 0, 0, false, &s, &size);
	lg_source_free(s);
	ASSERT_GT(size, 0);
	for (uint64_t off = 0; off < size; off++) {
		ASSERT_EQ(LG_LOOKUP_OK, lg_dbgfile_lookup(f, "lg_sample_leaf",
			  off, 0, false, &s, &size));
		EXPECT_TRUE(ends_with(s->file, "unit/debuginfo_sample.c"));
		EXPECT_GE(s->line, store - 2);
		EXPECT_LE(s->line, store + 1);
		hits += s->line == store;
		EXPECT_EQ(0, s->ninlined);
		lg_source_free(s);
	}
	EXPECT_GT(hits, 0);
	lg_dbgfile_close(f);
}

/* The inlined store names its caller and the line of the call. */
TEST(inlined_store_names_caller_and_call_line)
{
	struct lg_dbgfile *f = open_ok(KO, NULL);
	unsigned int store = mark("inner-store"), call = mark("inner-call");
	uint64_t size = 0;
	struct lg_source *s;
	int found = 0;

	ASSERT_NE(NULL, f);
	lg_dbgfile_lookup(f, "lg_sample_outer", 0, 0, false, &s, &size);
	lg_source_free(s);
	for (uint64_t off = 0; off < size; off++) {
		if (lg_dbgfile_lookup(f, "lg_sample_outer", off, 0, false, &s,
				      &size) != LG_LOOKUP_OK)
			continue;
		if (s->line == store) {
			found++;
			ASSERT_EQ(1, s->ninlined);
			EXPECT_STREQ("lg_sample_outer", s->inlined[0].function);
			EXPECT_EQ(call, s->inlined[0].line);
			EXPECT_TRUE(ends_with(s->inlined[0].file,
					      "unit/debuginfo_sample.c"));
		}
		lg_source_free(s);
	}
	EXPECT_GT(found, 0);
	lg_dbgfile_close(f);
}

/* A return address names the call: the byte before it. */
TEST(return_address_is_the_byte_before)
{
	struct lg_dbgfile *f = open_ok(KO, NULL);
	struct lg_source *a, *b;
	uint64_t size = 0;

	ASSERT_NE(NULL, f);
	lg_dbgfile_lookup(f, "lg_sample_leaf", 0, 0, false, &a, &size);
	lg_source_free(a);
	for (uint64_t off = 1; off < size; off++) {
		ASSERT_EQ(LG_LOOKUP_OK, lg_dbgfile_lookup(f, "lg_sample_leaf",
			  off - 1, 0, false, &a, &size));
		ASSERT_EQ(LG_LOOKUP_OK, lg_dbgfile_lookup(f, "lg_sample_leaf",
			  off, 0, true, &b, &size));
		EXPECT_EQ(a->line, b->line);
		lg_source_free(a);
		lg_source_free(b);
	}
	lg_dbgfile_close(f);
}

TEST(unknown_function_and_offset_past_the_end)
{
	struct lg_dbgfile *f = open_ok(KO, NULL);
	struct lg_source *s;
	uint64_t size;

	ASSERT_NE(NULL, f);
	EXPECT_EQ(LG_LOOKUP_NO_SYMBOL, lg_dbgfile_lookup(f, "no_such_fn", 0, 0,
			false, &s, &size));
	EXPECT_EQ(NULL, s);
	lg_dbgfile_lookup(f, "lg_sample_leaf", 0, 0, false, &s, &size);
	lg_source_free(s);
	EXPECT_NE(LG_LOOKUP_OK, lg_dbgfile_lookup(f, "lg_sample_leaf",
			size + 1, 0, false, &s, &size));
	EXPECT_EQ(NULL, s);
	lg_dbgfile_close(f);
}

TEST(stripped_file_is_refused)
{
	char buf[400];
	const char *why = NULL;

	EXPECT_EQ(NULL, lg_dbgfile_open(STRIPPED_KO, NULL, &why, buf, sizeof(buf)));
	ASSERT_NE(NULL, why);
	EXPECT_NE(NULL, strstr(why, "stripped"));
}

TEST(build_id_must_match)
{
	char bid[130], other[130], buf[400];
	const char *why = NULL;
	struct lg_dbgfile *f;

	readelf_build_id(SO, bid, sizeof(bid));
	readelf_build_id(OTHER_SO, other, sizeof(other));
	ASSERT_NE(0, strlen(bid));
	ASSERT_STRNE(bid, other);
	f = open_ok(SO, bid);
	EXPECT_NE(NULL, f);
	lg_dbgfile_close(f);
	EXPECT_EQ(NULL, lg_dbgfile_open(OTHER_SO, bid, &why, buf, sizeof(buf)));
	ASSERT_NE(NULL, why);
	EXPECT_NE(NULL, strstr(why, "another build"));
	EXPECT_NE(NULL, strstr(why, bid));
}

/* Without a build id, the size the kernel printed must fit the symbol. */
TEST(other_build_caught_by_function_size)
{
	struct lg_dbgfile *f = open_ok(KO, NULL), *o = open_ok(OTHER_KO, NULL);
	struct lg_source *s;
	uint64_t size, osize;

	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, o);
	lg_dbgfile_lookup(f, "lg_sample_outer", 0, 0, false, &s, &size);
	lg_source_free(s);
	lg_dbgfile_lookup(o, "lg_sample_outer", 0, 0, false, &s, &osize);
	lg_source_free(s);
	ASSERT_NE(size, osize);
	EXPECT_EQ(LG_LOOKUP_OK, lg_dbgfile_lookup(f, "lg_sample_outer", 1, size,
			false, &s, &size));
	lg_source_free(s);
	EXPECT_EQ(LG_LOOKUP_SIZE_MISMATCH, lg_dbgfile_lookup(o,
			"lg_sample_outer", 1, size, false, &s, &osize));
	EXPECT_EQ(NULL, s);
	lg_dbgfile_close(f);
	lg_dbgfile_close(o);
}

/* An oops-like event in module lgsample: RIP in leaf, caller outer. */
static void sample_event(struct lg_event *ev, uint64_t leaf_size)
{
	lg_event_init(ev);
	ev->has_rip = true;
	ev->rip.function = strdup("lg_sample_leaf");
	ev->rip.module = strdup("lgsample");
	ev->rip.offset = 0;
	ev->rip.size = leaf_size;
	ev->trace = calloc(2, sizeof(*ev->trace));
	ev->ntrace = 2;
	ev->trace[0].function = strdup("lg_sample_outer");
	ev->trace[0].module = strdup("lgsample");
	ev->trace[0].offset = 4;
	ev->trace[0].reliable = true;
	ev->trace[1].function = strdup("vfs_write");
	ev->trace[1].offset = 0x10;
	ev->trace[1].reliable = true;
	ev->kernel_release = strdup("0.0.0-lgtest");
}

static char *resolve(const struct lg_debuginfo_opts *o, struct lg_event *ev)
{
	char *msgs = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&msgs, &len);
	struct lg_debuginfo *di = lg_debuginfo_new(o, m);

	lg_debuginfo_resolve(di, ev);
	lg_debuginfo_free(di);
	fclose(m);
	return msgs;
}

static int lines(const char *s)
{
	int n = 0;

	for (; s && *s; s++)
		n += *s == '\n';
	return n;
}

TEST(event_frames_from_a_directory)
{
	struct lg_debuginfo_opts o = { .dir = LG_SAMPLE_DIR, .root = "/nonexistent" };
	struct lg_event ev;
	char *msgs;

	unsetenv("DEBUGINFOD_URLS");
	sample_event(&ev, 0);
	msgs = resolve(&o, &ev);
	ASSERT_NE(NULL, ev.rip.source);
	EXPECT_EQ(mark("leaf-store"), ev.rip.source->line);
	EXPECT_NE(NULL, ev.trace[0].source);
	EXPECT_EQ(NULL, ev.trace[1].source);
	/* The kernel's vmlinux is nowhere: one line says so. */
	EXPECT_EQ(1, lines(msgs));
	EXPECT_NE(NULL, strstr(msgs, "the kernel"));
	free(msgs);
	lg_event_free(&ev);
}

TEST(stripped_module_leaves_frames_with_one_message)
{
	struct lg_debuginfo_opts o = { .dir = LG_SAMPLE_DIR "/stripped",
				       .root = "/nonexistent" };
	struct lg_event ev;
	char *msgs;

	unsetenv("DEBUGINFOD_URLS");
	sample_event(&ev, 0);
	ev.trace[1].function[0] = '\0';	/* no kernel frame: one message */
	free(ev.trace[1].function);
	ev.trace[1].function = NULL;
	msgs = resolve(&o, &ev);
	EXPECT_EQ(NULL, ev.rip.source);
	EXPECT_EQ(NULL, ev.trace[0].source);
	EXPECT_EQ(1, lines(msgs));
	EXPECT_NE(NULL, strstr(msgs, "lgsample"));
	EXPECT_NE(NULL, strstr(msgs, "stripped"));
	free(msgs);
	lg_event_free(&ev);
}

/* The record's build id rules out a file of another build. */
TEST(build_id_mismatch_leaves_frames_with_one_message)
{
	struct lg_debuginfo_opts o = { .dir = LG_SAMPLE_DIR "/bid-other",
				       .root = "/nonexistent" };
	struct lg_event ev;
	char bid[130];
	char *msgs;

	unsetenv("DEBUGINFOD_URLS");
	readelf_build_id(SO, bid, sizeof(bid));
	sample_event(&ev, 0);
	free(ev.trace[1].function);
	ev.trace[1].function = NULL;
	ev.build_ids = calloc(1, sizeof(*ev.build_ids));
	ev.build_ids[0].module = strdup("lgsample");
	ev.build_ids[0].hex = strdup(bid);
	ev.nbuild_ids = 1;
	msgs = resolve(&o, &ev);
	EXPECT_EQ(NULL, ev.rip.source);
	EXPECT_EQ(NULL, ev.trace[0].source);
	EXPECT_EQ(1, lines(msgs));
	EXPECT_NE(NULL, strstr(msgs, "another build"));
	free(msgs);
	lg_event_free(&ev);
}

/* With the record's build id, the matching file serves. */
TEST(build_id_match_resolves)
{
	struct lg_debuginfo_opts o = { .dir = LG_SAMPLE_DIR "/bid",
				       .root = "/nonexistent" };
	struct lg_event ev;
	char bid[130];
	char *msgs;

	unsetenv("DEBUGINFOD_URLS");
	readelf_build_id(SO, bid, sizeof(bid));
	sample_event(&ev, 0);
	free(ev.trace[1].function);
	ev.trace[1].function = NULL;
	ev.build_ids = calloc(1, sizeof(*ev.build_ids));
	ev.build_ids[0].module = strdup("lgsample");
	ev.build_ids[0].hex = strdup(bid);
	ev.nbuild_ids = 1;
	msgs = resolve(&o, &ev);
	ASSERT_NE(NULL, ev.rip.source);
	EXPECT_EQ(mark("leaf-store"), ev.rip.source->line);
	EXPECT_EQ(0, lines(msgs));
	free(msgs);
	lg_event_free(&ev);
}

/* A server nobody listens on: one message, no wait, nothing resolved. */
TEST(unreachable_debuginfod_leaves_frames_with_one_message)
{
	struct lg_debuginfo_opts o = { .debuginfod = true, .root = "/nonexistent" };
	char cache[] = "/tmp/lg-debuginfod-XXXXXX";
	struct lg_event ev;
	char *msgs;

	ASSERT_NE(NULL, mkdtemp(cache));
	setenv("DEBUGINFOD_CACHE_PATH", cache, 1);
	setenv("DEBUGINFOD_URLS", "http://127.0.0.1:1/", 1);
	sample_event(&ev, 0);
	free(ev.trace[1].function);
	ev.trace[1].function = NULL;
	ev.build_ids = calloc(1, sizeof(*ev.build_ids));
	ev.build_ids[0].module = strdup("lgsample");
	ev.build_ids[0].hex = strdup("0123456789abcdef0123456789abcdef01234567");
	ev.nbuild_ids = 1;
	msgs = resolve(&o, &ev);
	EXPECT_EQ(NULL, ev.rip.source);
	EXPECT_EQ(NULL, ev.trace[0].source);
	EXPECT_EQ(1, lines(msgs));
	EXPECT_NE(NULL, strstr(msgs, "debuginfod"));
	TH_LOG("%s", msgs);
	free(msgs);
	lg_event_free(&ev);
	unsetenv("DEBUGINFOD_URLS");
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", cache);
		EXPECT_EQ(0, system(cmd));
	}
}

TEST_HARNESS_MAIN
