// SPDX-License-Identifier: GPL-2.0
/*
 * Records under hostile content (issue 10 #5): a STACK nest whose only
 * frame has neither address nor symbol leaves an empty frame array, which
 * the log tail's call trace then replaces; nothing may leak (a long-running
 * `watch` converts records for ever).  Leaks are counted by LeakSanitizer
 * in the ASan build and by glibc's allocator statistics otherwise.
 */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include "kselftest_harness.h"
#include "record.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

static const char log_tail[] =
	"<4>[   42.1] general protection fault, probably for non-canonical address 0xdead: 0000 [#1] SMP\n"
	"<4>[   42.2] CPU: 1 PID: 42 Comm: insmod Tainted: G O 6.1.0-28-amd64 #1\n"
	"<4>[   42.3] RIP: 0010:crash_fn+0x14/0x30 [lgtest]\n"
	"<4>[   42.4] Call Trace:\n"
	"<4>[   42.5]  <TASK>\n"
	"<4>[   42.6]  caller_fn+0x1/0x2 [lgtest]\n"
	"<4>[   42.7]  do_one_initcall+0x5b/0x220\n"
	"<4>[   42.8]  </TASK>\n"
	"<4>[   42.9] Modules linked in: lgtest(O)\n";

/* A die record: a frame with nothing usable, a module nest with nothing. */
static struct nlattr *put_record(struct nl_msg *msg)
{
	struct nlattr *rec = nla_nest_start(msg, LASTGASP_A_RECORD), *n, *f;

	nla_put_u64(msg, LASTGASP_R_SEQ, 7);
	nla_put_u32(msg, LASTGASP_R_KIND, LASTGASP_KIND_DIE);
	nla_put_u32(msg, LASTGASP_R_PID, 42);
	n = nla_nest_start(msg, LASTGASP_R_STACK);
	f = nla_nest_start(msg, LASTGASP_STACK_FRAME);
	nla_put_flag(msg, LASTGASP_F_RELIABLE);
	nla_nest_end(msg, f);
	nla_nest_end(msg, n);
	n = nla_nest_start(msg, LASTGASP_R_MODULES);
	f = nla_nest_start(msg, LASTGASP_MODULES_MODULE);
	nla_nest_end(msg, f);
	nla_nest_end(msg, n);
	nla_put(msg, LASTGASP_R_LOG, sizeof(log_tail) - 1, log_tail);
	nla_nest_end(msg, rec);
	return rec;
}

static void convert(struct nlattr *rec, size_t *ntrace)
{
	struct lg_record r;
	struct lg_event ev;

	lg_event_init(&ev);
	if (lg_record_parse(rec, &r) == 0) {
		if (lg_record_to_event(&r, &ev) == 0)
			*ntrace = ev.ntrace;
		lg_record_free(&r);
	}
	lg_event_free(&ev);
}

TEST(empty_frames_then_log_trace_no_leak)
{
	struct nl_msg *msg = nlmsg_alloc_size(65536);
	struct nlattr *rec;
	size_t ntrace = 0;

	ASSERT_NE(NULL, msg);
	rec = put_record(msg);
	/* The first conversions fill caches that live for the process. */
	for (int i = 0; i < 200; i++)
		convert(rec, &ntrace);
	/* The log's call trace is what the event shows. */
	EXPECT_LE(2, ntrace);
#if defined(__SANITIZE_ADDRESS__)
	EXPECT_EQ(0, __lsan_do_recoverable_leak_check());
#else
	{
		size_t before = mallinfo2().uordblks;

		for (int i = 0; i < 20; i++)
			convert(rec, &ntrace);
		EXPECT_EQ(before, mallinfo2().uordblks);
	}
#endif
	nlmsg_free(msg);
}

TEST_HARNESS_MAIN
