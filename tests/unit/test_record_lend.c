// SPDX-License-Identifier: GPL-2.0
/*
 * Kernels before 5.13: die and panic records without a log tail, each
 * followed by the KMSG_DUMP record the module's kmsg dumper wrote from the
 * kernel's own dump (kmod/logdump.c).  The expected values are the log
 * text itself: what only the dying console printed must reach the event.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include "kselftest_harness.h"
#include "print.h"
#include "record.h"

static const unsigned char boot_a[16] = { 0xa1, 2, 3, 4, 5, 6, 7, 8 };
static const unsigned char boot_b[16] = { 0xb2, 9, 9, 9 };

/* What a 5.10 kernel printed for a NULL dereference in a module. */
static const char oops_log[] =
	"<1>[   41.201311] BUG: kernel NULL pointer dereference, address: 0000000000000000\n"
	"<1>[   41.202010] #PF: supervisor write access in kernel mode\n"
	"<1>[   41.202544] #PF: error_code(0x0002) - not-present page\n"
	"<6>[   41.203051] PGD 0 P4D 0 \n"
	"<4>[   41.203318] Oops: 0002 [#1] SMP NOPTI\n"
	"<4>[   41.203688] CPU: 0 PID: 97 Comm: sh Tainted: G           OE     5.10.0-32-amd64 #1 Debian 5.10.223-1\n"
	"<4>[   41.204613] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014\n"
	"<4>[   41.205481] RIP: 0010:lg_test_null_write+0x5/0x10 [lastgasp_test]\n"
	"<4>[   41.206080] Code: Unable to access opcode bytes at RIP 0xffffffffc04b1fdb.\n"
	"<4>[   41.206701] RSP: 0018:ffffa5c4c01f7e20 EFLAGS: 00010246\n"
	"<4>[   41.207200] Call Trace:\n"
	"<4>[   41.207431]  lg_test_write+0x9c/0x120 [lastgasp_test]\n"
	"<4>[   41.207930]  vfs_write+0xc0/0x260\n"
	"<4>[   41.208240]  ksys_write+0x5f/0xe0\n"
	"<4>[   41.208551]  do_syscall_64+0x33/0x80\n"
	"<4>[   41.208872]  entry_SYSCALL_64_after_hwframe+0x61/0xc6\n"
	"<4>[   41.209360] ---[ end trace 3b2d8c1e7f0a4d55 ]---\n";

static const char panic_tail[] =
	"<0>[   41.210001] Kernel panic - not syncing: Fatal exception\n";

static struct nlattr *put_rec(struct nl_msg *msg, uint64_t seq,
			      const unsigned char *boot, uint32_t kind,
			      const char *message, const char *log)
{
	struct nlattr *rec = nla_nest_start(msg, LASTGASP_A_RECORD);

	nla_put_u64(msg, LASTGASP_R_SEQ, seq);
	nla_put(msg, LASTGASP_R_BOOT_ID, 16, boot);
	nla_put_u32(msg, LASTGASP_R_KIND, kind);
	/* As the module on such a kernel flags its die and panic records. */
	nla_put_u32(msg, LASTGASP_R_FLAGS,
		    (kind == LASTGASP_KIND_PANIC ? LASTGASP_RF_FATAL : 0) |
		    (kind != LASTGASP_KIND_KMSG_DUMP && !log ?
		     LASTGASP_RF_NO_LOG_READER : 0));
	nla_put_u32(msg, LASTGASP_R_CPU, 0);
	nla_put_u32(msg, LASTGASP_R_PID, 97);
	nla_put_string(msg, LASTGASP_R_COMM, "sh");
	nla_put_string(msg, LASTGASP_R_RELEASE, "5.10.0-32-amd64");
	if (message)
		nla_put_string(msg, LASTGASP_R_MESSAGE, message);
	if (kind == LASTGASP_KIND_DIE) {
		nla_put_u32(msg, LASTGASP_R_TRAPNR, 14);
		nla_put_u64(msg, LASTGASP_R_RIP, 0xffffffffc04b2005ULL);
		nla_put_string(msg, LASTGASP_R_RIP_SYMBOL,
			       "lg_test_null_write+0x5/0x10 [lastgasp_test]");
	}
	if (kind == LASTGASP_KIND_PANIC)
		nla_put_u32(msg, LASTGASP_R_PANIC_REASON, LASTGASP_PANIC_OOPS);
	if (log)
		nla_put(msg, LASTGASP_R_LOG, strlen(log), log);
	nla_nest_end(msg, rec);
	return rec;
}

#define NREC 6

FIXTURE(lend) {
	struct nl_msg *msg;
	struct lg_record r[NREC];
	struct lg_record *p[NREC];
	bool lent[NREC];
	struct lg_event ev;
	char both[sizeof(oops_log) + sizeof(panic_tail)];
};

FIXTURE_SETUP(lend)
{
	self->msg = nlmsg_alloc_size(65536);
	ASSERT_NE(NULL, self->msg);
	memset(self->r, 0, sizeof(self->r));
	for (int i = 0; i < NREC; i++)
		self->p[i] = &self->r[i];
	lg_event_init(&self->ev);
	snprintf(self->both, sizeof(self->both), "%s%s", oops_log, panic_tail);
}

FIXTURE_TEARDOWN(lend)
{
	lg_event_free(&self->ev);
	for (int i = 0; i < NREC; i++)
		lg_record_free(&self->r[i]);
	nlmsg_free(self->msg);
}

static bool has_line(const struct lg_event *ev, const char *needle)
{
	for (size_t i = 0; i < ev->nlines; i++)
		if (strstr(ev->lines[i].line, needle))
			return true;
	return false;
}

static int parse(struct lg_record *r, struct nlattr *nest)
{
	return lg_record_parse(nest, r);
}

/* die, OOPS dump, panic, PANIC dump: each crash record gets its own dump's log. */
TEST_F(lend, oops_then_panic_each_borrow_the_dump_after_them)
{
	struct lg_record *r = self->r;

	ASSERT_EQ(0, parse(&r[0], put_rec(self->msg, 1, boot_a, LASTGASP_KIND_DIE,
					  "Oops", NULL)));
	ASSERT_EQ(0, parse(&r[1], put_rec(self->msg, 2, boot_a, LASTGASP_KIND_KMSG_DUMP,
					  NULL, oops_log)));
	ASSERT_EQ(0, parse(&r[2], put_rec(self->msg, 3, boot_a, LASTGASP_KIND_PANIC,
					  "Fatal exception", NULL)));
	ASSERT_EQ(0, parse(&r[3], put_rec(self->msg, 4, boot_a, LASTGASP_KIND_KMSG_DUMP,
					  NULL, self->both)));
	lg_records_lend_logs(self->p, 4, self->lent);
	EXPECT_FALSE(self->lent[0]);
	EXPECT_TRUE(self->lent[1]);
	EXPECT_FALSE(self->lent[2]);
	EXPECT_TRUE(self->lent[3]);
	ASSERT_NE(NULL, r[0].tb[LASTGASP_R_LOG]);
	EXPECT_EQ(strlen(oops_log), (size_t)nla_len(r[0].tb[LASTGASP_R_LOG]));
	ASSERT_NE(NULL, r[2].tb[LASTGASP_R_LOG]);
	EXPECT_EQ(strlen(self->both), (size_t)nla_len(r[2].tb[LASTGASP_R_LOG]));

	/* Only the dying console printed these: they reach the event. */
	ASSERT_EQ(0, lg_record_to_event(&r[0], &self->ev));
	EXPECT_TRUE(has_line(&self->ev, "#PF: supervisor write access in kernel mode"));
	EXPECT_TRUE(has_line(&self->ev, "lg_test_write+0x9c/0x120"));
	ASSERT_NE(NULL, self->ev.title);
	EXPECT_NE(NULL, strstr(self->ev.title, "NULL pointer dereference"));
}

/* Without a dump record the die record stays as it was: no log, no borrowing. */
TEST_F(lend, no_dump_record_no_log)
{
	struct lg_record *r = self->r;

	ASSERT_EQ(0, parse(&r[0], put_rec(self->msg, 1, boot_a, LASTGASP_KIND_DIE,
					  "Oops", NULL)));
	ASSERT_EQ(0, parse(&r[1], put_rec(self->msg, 2, boot_a, LASTGASP_KIND_WARN,
					  "WARNING: CPU: 0 PID: 1", NULL)));
	lg_records_lend_logs(self->p, 2, self->lent);
	EXPECT_FALSE(self->lent[0]);
	EXPECT_FALSE(self->lent[1]);
	EXPECT_EQ(NULL, r[0].tb[LASTGASP_R_LOG]);
	ASSERT_EQ(0, lg_record_to_event(&r[0], &self->ev));
	EXPECT_FALSE(has_line(&self->ev, "#PF: supervisor write access"));
}

/*
 * Only die and panic records of the dump's boot, since the previous dump,
 * that have no log of their own, borrow; a survivable event's record
 * (WARN here) does not take a later crash's log.
 */
TEST_F(lend, only_this_boots_crash_records_since_the_last_dump)
{
	struct lg_record *r = self->r;

	ASSERT_EQ(0, parse(&r[0], put_rec(self->msg, 1, boot_b, LASTGASP_KIND_DIE,
					  "Oops", NULL)));
	ASSERT_EQ(0, parse(&r[1], put_rec(self->msg, 2, boot_a, LASTGASP_KIND_DIE,
					  "Oops", NULL)));
	ASSERT_EQ(0, parse(&r[2], put_rec(self->msg, 3, boot_a, LASTGASP_KIND_KMSG_DUMP,
					  NULL, oops_log)));
	ASSERT_EQ(0, parse(&r[3], put_rec(self->msg, 4, boot_a, LASTGASP_KIND_WARN,
					  "WARNING: CPU: 0 PID: 1", NULL)));
	ASSERT_EQ(0, parse(&r[4], put_rec(self->msg, 5, boot_a, LASTGASP_KIND_DIE,
					  "Oops", "its own log\n")));
	ASSERT_EQ(0, parse(&r[5], put_rec(self->msg, 6, boot_a, LASTGASP_KIND_KMSG_DUMP,
					  NULL, self->both)));
	lg_records_lend_logs(self->p, NREC, self->lent);
	EXPECT_EQ(NULL, r[0].tb[LASTGASP_R_LOG]);	/* another boot */
	EXPECT_EQ(r[2].tb[LASTGASP_R_LOG], r[1].tb[LASTGASP_R_LOG]);
	EXPECT_TRUE(self->lent[2]);
	EXPECT_EQ(NULL, r[3].tb[LASTGASP_R_LOG]);	/* survivable */
	ASSERT_NE(NULL, r[4].tb[LASTGASP_R_LOG]);	/* kept its own */
	EXPECT_EQ(strlen("its own log\n"), (size_t)nla_len(r[4].tb[LASTGASP_R_LOG]));
	EXPECT_FALSE(self->lent[5]);	/* nobody borrowed: an event of its own */
}

/* The report says why a record has no log, unless one was lent to it. */
TEST_F(lend, a_record_without_log_says_why)
{
	struct lg_record *r = self->r;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	ASSERT_EQ(0, parse(&r[0], put_rec(self->msg, 1, boot_a, LASTGASP_KIND_WARN,
					  "WARNING: CPU: 0 PID: 1", NULL)));
	ASSERT_EQ(0, parse(&r[1], put_rec(self->msg, 2, boot_a, LASTGASP_KIND_DIE,
					  "Oops", NULL)));
	ASSERT_EQ(0, parse(&r[2], put_rec(self->msg, 3, boot_a, LASTGASP_KIND_KMSG_DUMP,
					  NULL, oops_log)));
	lg_records_lend_logs(self->p, 3, self->lent);
	ASSERT_EQ(0, lg_record_to_event(&r[0], &self->ev));
	EXPECT_TRUE(self->ev.log_unavailable);
	f = open_memstream(&text, &len);
	ASSERT_NE(NULL, f);
	lg_print_event_text(f, &self->ev);
	fclose(f);
	EXPECT_NE(NULL, strstr(text, LG_NO_LOG_SENTENCE));
	free(text);
	lg_event_free(&self->ev);
	lg_event_init(&self->ev);
	ASSERT_EQ(0, lg_record_to_event(&r[1], &self->ev));
	EXPECT_FALSE(self->ev.log_unavailable);	/* the dump lent it one */
}

TEST_HARNESS_MAIN
