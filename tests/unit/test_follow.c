// SPDX-License-Identifier: GPL-2.0
/*
 * analyze --follow: tail -F semantics on a real file.  New lines are read
 * as they come, a rotated file is finished and its successor read from its
 * start, a truncated file is read again from its start, and an event with
 * no line after it is complete once the log goes quiet.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kselftest_harness.h"
#include "follow.h"

/* A NULL-pointer oops as a 6.1 console prints it; the comm is the marker. */
#define OOPS(comm) \
	"[   11.1] BUG: kernel NULL pointer dereference, address: 0000000000000000\n" \
	"[   11.1] #PF: supervisor write access in kernel mode\n" \
	"[   11.1] Oops: 0002 [#1] PREEMPT SMP NOPTI\n" \
	"[   11.1] CPU: 0 PID: 99 Comm: " comm " Tainted: G           OE      6.1.0-57-amd64 #1  Debian 6.1.158-1\n" \
	"[   11.1] RIP: 0010:lastgasp_test_null_deref+0x5/0x10 [lastgasp_test]\n" \
	"[   11.1] Call Trace:\n" \
	"[   11.1]  <TASK>\n" \
	"[   11.1]  vfs_write+0xb7/0x3b0\n" \
	"[   11.1]  </TASK>\n" \
	"[   11.1] ---[ end trace 0000000000000000 ]---\n"

#define MAX_EV 16

struct got {
	char comm[MAX_EV][32];
	size_t n;
};

static void collect(struct lg_event *ev, void *arg)
{
	struct got *g = arg;

	if (g->n < MAX_EV)
		snprintf(g->comm[g->n++], 32, "%s", ev->comm ? ev->comm : "?");
	lg_event_free(ev);
	free(ev);
}

static void append(const char *path, const char *text, int flags)
{
	int fd = open(path, O_WRONLY | O_CREAT | flags, 0600);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	close(fd);
}

FIXTURE(fol) {
	char dir[64], path[96], old[96];
	struct got got;
	struct lg_parser *p;
	struct lg_follow f;
};

FIXTURE_SETUP(fol)
{
	strcpy(self->dir, "/tmp/lastgasp-follow-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	snprintf(self->path, sizeof(self->path), "%s/kern.log", self->dir);
	snprintf(self->old, sizeof(self->old), "%s/kern.log.1", self->dir);
	memset(&self->got, 0, sizeof(self->got));
	self->p = lg_parser_new(self->path, collect, &self->got);
	ASSERT_NE(NULL, self->p);
}

FIXTURE_TEARDOWN(fol)
{
	lg_follow_close(&self->f);
	lg_parser_free(self->p);
	unlink(self->path);
	unlink(self->old);
	rmdir(self->dir);
}

TEST_F(fol, waits_for_the_file_then_reads_lines_as_they_come)
{
	ASSERT_EQ(0, lg_follow_init(&self->f, self->path, self->p));
	EXPECT_EQ(0, lg_follow_poll(&self->f));
	append(self->path, "[   10.0] booting\n" OOPS("first"), 0);
	EXPECT_LT(0, lg_follow_poll(&self->f));
	append(self->path, OOPS("second"), O_APPEND);
	EXPECT_LT(0, lg_follow_poll(&self->f));
	lg_follow_idle(&self->f);
	ASSERT_EQ(2, self->got.n);
	EXPECT_STREQ("first", self->got.comm[0]);
	EXPECT_STREQ("second", self->got.comm[1]);
}

TEST_F(fol, an_event_is_complete_when_the_log_goes_quiet)
{
	/* A dying machine's last lines: no end marker, nothing after. */
	ASSERT_EQ(0, lg_follow_init(&self->f, self->path, self->p));
	append(self->path, "[   11.1] BUG: kernel NULL pointer dereference, address: 0000000000000000\n"
	       "[   11.1] CPU: 0 PID: 99 Comm: dying Not tainted 6.1.0-57-amd64 #1\n"
	       "[   11.1] RIP: 0010:sysrq_handle_crash+0x16/0x20\n", 0);
	lg_follow_poll(&self->f);
	EXPECT_EQ(0, self->got.n);
	lg_follow_idle(&self->f);
	ASSERT_EQ(1, self->got.n);
	EXPECT_STREQ("dying", self->got.comm[0]);
	/* Idle again with nothing new: no second delivery. */
	lg_follow_idle(&self->f);
	EXPECT_EQ(1, self->got.n);
}

TEST_F(fol, rotation_finishes_the_old_file_and_reads_the_new_one)
{
	ASSERT_EQ(0, lg_follow_init(&self->f, self->path, self->p));
	append(self->path, OOPS("before"), 0);
	lg_follow_poll(&self->f);
	/* logrotate: rename, the writer adds to the old file, then a new one. */
	ASSERT_EQ(0, rename(self->path, self->old));
	append(self->old, OOPS("late"), O_APPEND);
	append(self->path, OOPS("after"), 0);
	lg_follow_poll(&self->f);
	lg_follow_idle(&self->f);
	ASSERT_EQ(3, self->got.n);
	EXPECT_STREQ("before", self->got.comm[0]);
	EXPECT_STREQ("late", self->got.comm[1]);
	EXPECT_STREQ("after", self->got.comm[2]);
}

TEST_F(fol, truncation_reads_the_file_again_from_its_start)
{
	ASSERT_EQ(0, lg_follow_init(&self->f, self->path, self->p));
	append(self->path, OOPS("long-before") OOPS("long-before2"), 0);
	lg_follow_poll(&self->f);
	/* copytruncate: the file is cut to nothing, then written again. */
	append(self->path, OOPS("cut"), O_TRUNC);
	lg_follow_poll(&self->f);
	lg_follow_idle(&self->f);
	ASSERT_EQ(3, self->got.n);
	EXPECT_STREQ("cut", self->got.comm[2]);
}

TEST_HARNESS_MAIN
