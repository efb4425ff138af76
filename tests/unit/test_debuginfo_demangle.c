// SPDX-License-Identifier: GPL-2.0
/*
 * --debuginfo on a C++ module: the frame names the function demangled
 * ("lgcxx::Ring::push", as lg_symbol_name prints it) while the symbol table
 * holds "_ZN5lgcxx4Ring4pushEi"; the lookup must still find it.  The
 * object is compiled with -g from unit/debuginfo_sample_cxx.cc; the
 * expected line is the one its source marks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kselftest_harness.h"
#include "debuginfo.h"

#define SRC LG_TOPDIR "/tests/unit/debuginfo_sample_cxx.cc"
#define KO LG_SAMPLE_DIR "/cxx/lgsample_cxx.ko"

static unsigned int mark_line(const char *want)
{
	char line[512];
	unsigned int n = 0;
	FILE *f = fopen(SRC, "r");

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

TEST(demangled_frame_finds_mangled_symbol)
{
	char buf[400];
	const char *why = NULL;
	struct lg_dbgfile *f = lg_dbgfile_open(KO, NULL, &why, buf, sizeof(buf));
	unsigned int push = mark_line("LG-MARK ring-push");
	struct lg_source *s = NULL;
	uint64_t size = 0;

	ASSERT_NE(NULL, f) TH_LOG("%s: %s", KO, why);
	ASSERT_NE(0, push);
	ASSERT_EQ(LG_LOOKUP_OK, lg_dbgfile_lookup(f, "lgcxx::Ring::push", 0, 0,
						  false, &s, &size));
	ASSERT_NE(NULL, s);
	EXPECT_NE(NULL, strstr(s->file, "debuginfo_sample_cxx.cc"));
	EXPECT_GE(s->line, push - 2);
	EXPECT_LE(s->line, push);
	lg_source_free(s);
	/* The mangled spelling still works, and a C name is not demangled. */
	EXPECT_EQ(LG_LOOKUP_OK, lg_dbgfile_lookup(f, "_ZN5lgcxx4Ring4pushEi", 0, 0,
						  false, &s, &size));
	lg_source_free(s);
	EXPECT_EQ(LG_LOOKUP_OK, lg_dbgfile_lookup(f, "lg_cxx_entry", 0, 0,
						  false, &s, &size));
	lg_source_free(s);
	lg_dbgfile_close(f);
}

TEST_HARNESS_MAIN
