// SPDX-License-Identifier: GPL-2.0
/*
 * Titles on the report formats of each kernel of the boot matrix that
 * differ from 6.1's.  7.x prints a WARNING's header as
 *   WARNING: [COND] FILE:LINE at FUNC+OFF/SIZE, CPU#N: COMM/PID
 * (the bracketed condition only for WARN_ON(COND)), where 6.1 printed
 *   WARNING: CPU: N PID: N at FILE:LINE FUNC+OFF/SIZE
 * syzbot titles both "WARNING in FUNC", and a refcount warning "WARNING:
 * refcount bug in" the caller of the refcount helpers.  The header lines
 * are the 7.2 guest's own (tests/fixtures/consoles/7.2-warn.log), the
 * bracketed form as the issue describes it.
 */
#include "kselftest_harness.h"
#include "test_classify_helpers.h"

FIXTURE(title) {
	struct lg_event *ev;
};

FIXTURE_VARIANT(title) {
	const char *text;
	const char *title;
	enum lg_class cls;
};

#define REGS_72 \
	"CPU: 0 UID: 0 PID: 136 Comm: t Tainted: G           OE       " \
	"7.2.13+deb14-amd64 #1 PREEMPT(lazy)  Debian 7.2.13-1\n"

FIXTURE_VARIANT_ADD(title, warn_7x_in_module) {
	.text = "------------[ cut here ]------------\n"
		"lastgasp test warning\n"
		"WARNING: lastgasp_test.c:96 at lastgasp_test_warn+0xc/0x20 [lastgasp_test], CPU#0: t/136\n"
		"Modules linked in: lastgasp_test(OE) lastgasp(OE)\n"
		REGS_72
		"RIP: 0010:lastgasp_test_warn+0xc/0x20 [lastgasp_test]\n"
		"Call Trace:\n"
		" <TASK>\n"
		" lgt_write.cold+0x11c/0x273 [lastgasp_test]\n"
		" proc_reg_write+0x5a/0xb0\n"
		" vfs_write+0xe6/0x560\n",
	.title = "WARNING in lastgasp_test_warn",
	.cls = LG_CLASS_WARNING,
};

FIXTURE_VARIANT_ADD(title, warn_7x_with_condition) {
	.text = "------------[ cut here ]------------\n"
		"WARNING: [!list_empty(&wq->head)] kernel/sched/wait.c:412 at "
		"prepare_to_wait_event+0x1c/0x120, CPU#1: kworker/1:1/33\n"
		"Modules linked in:\n"
		REGS_72
		"RIP: 0010:prepare_to_wait_event+0x1c/0x120\n"
		"Call Trace:\n"
		" <TASK>\n"
		" xfs_buf_wait+0x31/0x80\n"
		" process_one_work+0x17e/0x330\n",
	.title = "WARNING in prepare_to_wait_event",
	.cls = LG_CLASS_WARNING,
};

/* The refcount helpers warn; the title names the first frame outside them. */
FIXTURE_VARIANT_ADD(title, refcount_7x) {
	.text = "------------[ cut here ]------------\n"
		"refcount_t: underflow; use-after-free.\n"
		"WARNING: lib/refcount.c:28 at refcount_warn_saturate+0x9c/0x110, CPU#0: t/136\n"
		"Modules linked in:\n"
		REGS_72
		"RIP: 0010:refcount_warn_saturate+0x9c/0x110\n"
		"Call Trace:\n"
		" <TASK>\n"
		" __refcount_sub_and_test+0x1/0x2\n"
		" nfs4_put_stid+0x40/0x90\n"
		" nfsd4_close+0x1/0x2\n",
	.title = "WARNING: refcount bug in nfs4_put_stid",
	.cls = LG_CLASS_WARNING,
};

FIXTURE_VARIANT_ADD(title, refcount_7x_with_condition) {
	.text = "------------[ cut here ]------------\n"
		"WARNING: [refcount_read(r) == 0] lib/refcount.c:31 at "
		"refcount_warn_saturate+0x9c/0x110, CPU#2: sh/1\n"
		"Modules linked in:\n"
		REGS_72
		"RIP: 0010:refcount_warn_saturate+0x9c/0x110\n"
		"Call Trace:\n"
		" <TASK>\n"
		" sock_put+0x1/0x2\n"
		" tcp_close+0x1/0x2\n",
	.title = "WARNING: refcount bug in sock_put",
	.cls = LG_CLASS_WARNING,
};

/* __warn() without a source file; also what a 5.10 record without a log
 * tail is read as (user/record_class.c). */
FIXTURE_VARIANT_ADD(title, warn_without_source_file) {
	.text = "WARNING: CPU: 0 PID: 110 at m_warn+0x11/0x18 [m]\n"
		"Modules linked in: m(OE)\n"
		"RIP: 0010:m_warn+0x11/0x18 [m]\n"
		"Call Trace:\n"
		" m_write+0x1/0x2 [m]\n",
	.title = "WARNING in m_warn",
	.cls = LG_CLASS_WARNING,
};

FIXTURE_SETUP(title)
{
	self->ev = event_from_text(variant->text);
	lg_classify_event(self->ev);
}

FIXTURE_TEARDOWN(title)
{
	event_put(self->ev);
}

TEST_F(title, syzbot_title_and_class)
{
	ASSERT_NE(NULL, self->ev->title);
	EXPECT_STREQ(variant->title, self->ev->title);
	EXPECT_EQ(variant->cls, self->ev->cls);
}

/* The same WARN on another CPU, in another task: the same signature. */
TEST(warn_7x_signature_ignores_cpu_and_task)
{
	struct lg_event *x = event_from_text(
		"WARNING: a/b.c:1 at foo+0x1/0x2, CPU#0: sh/1\nRIP: 0010:foo+0x1/0x2\n");
	struct lg_event *y = event_from_text(
		"WARNING: a/b.c:1 at foo+0x1/0x2, CPU#7: kworker/7:2/99\nRIP: 0010:foo+0x1/0x2\n");

	lg_classify_event(x);
	lg_classify_event(y);
	ASSERT_NE(NULL, x->signature);
	EXPECT_STREQ("WARNING in foo", x->title);
	EXPECT_STREQ(x->signature, y->signature);
	event_put(x);
	event_put(y);
}

TEST_HARNESS_MAIN
