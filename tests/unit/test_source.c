// SPDX-License-Identifier: GPL-2.0
/*
 * The crash sources besides the module: pstore files are archived and only
 * then removed, an unreadable one or one that cannot be archived stays, a
 * compressed dump is inflated, kdump logs are read once, a corrupt archive
 * is set aside and its source read again, and one crash seen by two
 * sources is reported once.  Inputs are real files in a temporary tree;
 * the oops text is the 7.2 test-module console of tests/fixtures.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "kselftest_harness.h"
#include "source.h"
#include "source_read.h"

#define OOPS_LOG LG_TOPDIR "/tests/fixtures/consoles/7.2-null-oops.log"
/* From that console, independently of the parser: the faulting function. */
#define OOPS_FN "lastgasp_test_null_deref"

FIXTURE(src) {
	char root[64], pstore[96], crash[96], archive[96];
	char *oops;
	size_t len;
	struct lg_harvest h;
};

static void put(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || write(fd, data, len) != (ssize_t)len)
		abort();
	close(fd);
}

static bool exists(const char *dir, const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

FIXTURE_SETUP(src)
{
	strcpy(self->root, "/tmp/lastgasp-source-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->root));
	snprintf(self->pstore, sizeof(self->pstore), "%s/pstore", self->root);
	snprintf(self->crash, sizeof(self->crash), "%s/crash", self->root);
	snprintf(self->archive, sizeof(self->archive), "%s/archive", self->root);
	ASSERT_EQ(0, mkdir(self->pstore, 0700));
	ASSERT_EQ(0, mkdir(self->crash, 0700));
	self->oops = lg_source_read(OOPS_LOG, &self->len);
	ASSERT_NE(NULL, self->oops);
	ASSERT_NE(NULL, strstr(self->oops, OOPS_FN));
	lg_harvest_init(&self->h, self->archive);
}

FIXTURE_TEARDOWN(src)
{
	char cmd[128];

	lg_harvest_free(&self->h);
	free(self->oops);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", self->root);
	if (system(cmd) != 0)
		TH_LOG("could not remove %s", self->root);
}

static size_t shown_with(const struct lg_harvest *h, const char *fn)
{
	size_t n = 0;

	for (size_t i = 0; i < h->nfound; i++)
		n += !h->found[i].dup_of && h->found[i].ev->title &&
		     strstr(h->found[i].ev->title, fn);
	return n;
}

TEST_F(src, pstore_file_is_archived_then_removed)
{
	char path[160];

	snprintf(path, sizeof(path), "%s/dmesg-ramoops-0", self->pstore);
	put(path, self->oops, self->len);
	snprintf(path, sizeof(path), "%s/console-ramoops-0", self->pstore);
	put(path, "not a crash\n", 12);
	lg_source_pstore(&self->h, self->pstore);
	ASSERT_EQ(1, self->h.nin);
	EXPECT_EQ(1, shown_with(&self->h, OOPS_FN));
	EXPECT_EQ(0, strncmp(self->h.found[0].ev->source, "pstore:", 7));
	EXPECT_TRUE(exists(self->pstore, "dmesg-ramoops-0"));
	EXPECT_EQ(0, lg_source_archive(&self->h));
	EXPECT_FALSE(exists(self->pstore, "dmesg-ramoops-0"));
	/* Not a dump: never touched. */
	EXPECT_TRUE(exists(self->pstore, "console-ramoops-0"));
	EXPECT_TRUE(self->h.in[0].archived);
	EXPECT_TRUE(exists(self->archive, self->h.in[0].name));
}

TEST_F(src, pstore_file_stays_with_keep)
{
	char path[160];

	snprintf(path, sizeof(path), "%s/dmesg-ramoops-0", self->pstore);
	put(path, self->oops, self->len);
	self->h.keep = true;
	lg_source_pstore(&self->h, self->pstore);
	EXPECT_EQ(0, lg_source_archive(&self->h));
	EXPECT_TRUE(self->h.in[0].archived);
	EXPECT_TRUE(exists(self->pstore, "dmesg-ramoops-0"));
	/* Archived already: not reported again, and still kept. */
	lg_harvest_free(&self->h);
	lg_harvest_init(&self->h, self->archive);
	self->h.keep = true;
	lg_source_pstore(&self->h, self->pstore);
	EXPECT_EQ(0, self->h.nin);
	EXPECT_TRUE(exists(self->pstore, "dmesg-ramoops-0"));
	/* Without --keep, the archived file goes. */
	self->h.keep = false;
	lg_source_pstore(&self->h, self->pstore);
	EXPECT_FALSE(exists(self->pstore, "dmesg-ramoops-0"));
}

TEST_F(src, pstore_file_that_cannot_be_archived_stays)
{
	char path[160], blocker[160];

	snprintf(path, sizeof(path), "%s/dmesg-efi-177000000101001", self->pstore);
	put(path, self->oops, self->len);
	/* The archive directory's place is taken by a file. */
	snprintf(blocker, sizeof(blocker), "%s/archive", self->root);
	put(blocker, "x", 1);
	lg_source_pstore(&self->h, self->pstore);
	EXPECT_EQ(1, shown_with(&self->h, OOPS_FN));
	EXPECT_EQ(1, lg_source_archive(&self->h));
	EXPECT_TRUE(exists(self->pstore, "dmesg-efi-177000000101001"));
	EXPECT_LT(0, self->h.errors);
}

TEST_F(src, unreadable_pstore_file_is_left_in_place)
{
	char path[160];

	/* Root reads any mode: a file whose read fails (EIO) stands in. */
	snprintf(path, sizeof(path), "%s/dmesg-ramoops-1", self->pstore);
	ASSERT_EQ(0, symlink("/proc/self/mem", path));
	lg_source_pstore(&self->h, self->pstore);
	EXPECT_EQ(0, self->h.nfound);
	EXPECT_EQ(1, self->h.errors);
	EXPECT_EQ(0, lg_source_archive(&self->h));
	EXPECT_TRUE(exists(self->pstore, "dmesg-ramoops-1"));
}

TEST_F(src, compressed_pstore_dump_is_inflated)
{
	char path[160];
	unsigned char *z = malloc(self->len + 1024);
	z_stream s;

	ASSERT_NE(NULL, z);
	/* As the kernel writes it: raw deflate, no zlib header. */
	memset(&s, 0, sizeof(s));
	ASSERT_EQ(Z_OK, deflateInit2(&s, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY));
	s.next_in = (Bytef *)self->oops;
	s.avail_in = (uInt)self->len;
	s.next_out = z;
	s.avail_out = (uInt)(self->len + 1024);
	ASSERT_EQ(Z_STREAM_END, deflate(&s, Z_FINISH));
	snprintf(path, sizeof(path), "%s/dmesg-ramoops-0.enc.z", self->pstore);
	put(path, (char *)z, s.total_out);
	deflateEnd(&s);
	free(z);
	lg_source_pstore(&self->h, self->pstore);
	EXPECT_EQ(1, shown_with(&self->h, OOPS_FN));
	ASSERT_EQ(1, self->h.nin);
	EXPECT_EQ(self->len, self->h.in[0].len);
}

TEST_F(src, kdump_log_is_read_once_and_kept)
{
	char dir[160], path[200];

	snprintf(dir, sizeof(dir), "%s/202612061813", self->crash);
	ASSERT_EQ(0, mkdir(dir, 0700));
	snprintf(path, sizeof(path), "%s/dmesg.202612061813", dir);
	put(path, self->oops, self->len);
	snprintf(dir, sizeof(dir), "%s/127.0.0.1-2026-12-06-18:13:07", self->crash);
	ASSERT_EQ(0, mkdir(dir, 0700));
	snprintf(path, sizeof(path), "%s/vmcore-dmesg.txt", dir);
	put(path, self->oops, self->len);
	lg_source_kdump(&self->h, self->crash);
	EXPECT_EQ(2, self->h.nin);
	/* The same source twice is two crashes (a crash loop), not one. */
	EXPECT_EQ(2, shown_with(&self->h, OOPS_FN));
	EXPECT_EQ(0, lg_source_archive(&self->h));
	EXPECT_TRUE(access(path, F_OK) == 0);
	lg_harvest_free(&self->h);
	lg_harvest_init(&self->h, self->archive);
	lg_source_kdump(&self->h, self->crash);
	EXPECT_EQ(0, self->h.nin);
}

TEST_F(src, corrupt_archive_is_set_aside_and_the_source_read_again)
{
	char dir[160], path[200], name[200];

	snprintf(dir, sizeof(dir), "%s/202612061813", self->crash);
	ASSERT_EQ(0, mkdir(dir, 0700));
	snprintf(path, sizeof(path), "%s/dmesg.202612061813", dir);
	put(path, self->oops, self->len);
	ASSERT_EQ(0, mkdir(self->archive, 0700));
	snprintf(name, sizeof(name), "%s/kdump-202612061813-dmesg.202612061813.json",
		 self->archive);
	put(name, "{\"lastgasp\": 1, \"tru", 20);
	lg_source_kdump(&self->h, self->crash);
	EXPECT_EQ(1, shown_with(&self->h, OOPS_FN));
	EXPECT_TRUE(exists(self->archive, "kdump-202612061813-dmesg.202612061813.json.corrupt"));
	EXPECT_EQ(0, lg_source_archive(&self->h));
	EXPECT_TRUE(exists(self->archive, "kdump-202612061813-dmesg.202612061813.json"));
}

TEST_F(src, one_crash_in_two_sources_is_reported_once)
{
	char dir[160], path[200];
	struct lg_event *known;
	char *also[1] = { NULL };

	snprintf(path, sizeof(path), "%s/dmesg-ramoops-0", self->pstore);
	put(path, self->oops, self->len);
	snprintf(dir, sizeof(dir), "%s/202612061813", self->crash);
	ASSERT_EQ(0, mkdir(dir, 0700));
	snprintf(path, sizeof(path), "%s/dmesg.202612061813", dir);
	put(path, self->oops, self->len);
	lg_source_pstore(&self->h, self->pstore);
	lg_source_kdump(&self->h, self->crash);
	ASSERT_EQ(4, self->h.nfound);	/* the oops and its panic, twice */
	lg_source_dedup(&self->h, NULL, 0, NULL);
	EXPECT_EQ(1, shown_with(&self->h, OOPS_FN));
	EXPECT_STREQ("kdump", self->h.found[0].also);
	EXPECT_STREQ("pstore", self->h.found[2].dup_of);

	/* The module's record of it comes first of all. */
	known = self->h.found[0].ev;
	free(self->h.found[0].dup_of);
	free(self->h.found[2].dup_of);
	self->h.found[0].dup_of = self->h.found[2].dup_of = NULL;
	lg_source_dedup(&self->h, (const struct lg_event *const[]){ known }, 1, also);
	EXPECT_STREQ("module", self->h.found[2].dup_of);
	EXPECT_NE(NULL, also[0]);
	free(also[0]);
}

TEST_F(src, different_crashes_far_apart_are_both_reported)
{
	char path[200];

	snprintf(path, sizeof(path), "%s/dmesg-ramoops-0", self->pstore);
	put(path, self->oops, self->len);
	snprintf(path, sizeof(path), "%s/dmesg-ramoops-1", self->pstore);
	put(path, self->oops, self->len);
	lg_source_pstore(&self->h, self->pstore);
	ASSERT_EQ(2, self->h.nin);
	/* Same signature, a day apart, from kdump: another crash. */
	self->h.in[1].kind = LG_SOURCE_KDUMP;
	for (size_t i = 0; i < self->h.nfound; i++)
		if (self->h.found[i].input == 1)
			self->h.found[i].when = self->h.found[0].when + 86400;
	lg_source_dedup(&self->h, NULL, 0, NULL);
	EXPECT_EQ(2, shown_with(&self->h, OOPS_FN));
}

TEST_F(src, missing_journal_is_said_and_an_error_only_when_asked)
{
	char dir[160];

	snprintf(dir, sizeof(dir), "%s/no-journal", self->root);
	lg_source_journal(&self->h, dir);
	EXPECT_EQ(0, self->h.errors);
	self->h.asked = true;
	lg_source_journal(&self->h, dir);
	EXPECT_EQ(1, self->h.errors);
	EXPECT_EQ(0, self->h.nin);
}

TEST(source_list_parses_and_refuses_unknown_words)
{
	unsigned int m;

	EXPECT_EQ(0, lg_source_parse("module,journal", &m));
	EXPECT_EQ(LG_SOURCE_MODULE | LG_SOURCE_JOURNAL, m);
	EXPECT_EQ(-1, lg_source_parse("pstore,dmesg", &m));
	EXPECT_EQ(-1, lg_source_parse(",", &m));
}

TEST_HARNESS_MAIN
