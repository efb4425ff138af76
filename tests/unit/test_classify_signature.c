// SPDX-License-Identifier: GPL-2.0
/*
 * Signatures: the same bug gives the same signature whatever the addresses,
 * time stamps, CPUs, PIDs and executor numbers; another bug gives another.
 * The logs go through the real parser, as `lastgasp analyze` does.
 */
#include "kselftest_harness.h"
#include "parse.h"
#include "test_classify_helpers.h"


static const char log_a[] =
	"[  101.123456] BUG: kernel NULL pointer dereference, address: 0000000000000008\n"
	"[  101.123460] #PF: supervisor read access in kernel mode\n"
	"[  101.123470] Oops: 0000 [#1] PREEMPT SMP NOPTI\n"
	"[  101.123480] CPU: 1 PID: 4242 Comm: syz-executor.3 Not tainted 6.1.0 #1\n"
	"[  101.123490] RIP: 0010:tcp_create_openreq_child+0x1d/0x90\n"
	"[  101.123500] RSP: 0018:ffffb2c1c0a3fe00 EFLAGS: 00010246\n"
	"[  101.123510] Call Trace:\n"
	"[  101.123520]  <IRQ>\n"
	"[  101.123530]  tcp_v4_syn_recv_sock+0x4d/0x3a0\n"
	"[  101.123540]  ? tcp_v4_send_check+0x10/0x20\n"
	"[  101.123550]  cookie_v4_check+0x5f2/0x6e0\n"
	"[  101.123560]  tcp_v4_do_rcv+0x1b0/0x200\n";

static const char log_b[] =
	"[ 7.000001] BUG: kernel NULL pointer dereference, address: 0000000000000008\n"
	"[ 7.000002] #PF: supervisor read access in kernel mode\n"
	"[ 7.000003] Oops: 0000 [#1] PREEMPT SMP NOPTI\n"
	"[ 7.000004] CPU: 3 PID: 17 Comm: syz-executor.0 Not tainted 6.1.0 #1\n"
	"[ 7.000005] RIP: 0010:tcp_create_openreq_child+0x1d/0x90\n"
	"[ 7.000006] RSP: 0018:ffff9d4e80003c40 EFLAGS: 00010282\n"
	"[ 7.000007] Call Trace:\n"
	"[ 7.000008]  <IRQ>\n"
	"[ 7.000009]  tcp_v4_syn_recv_sock+0x4d/0x3a0\n"
	"[ 7.000010]  ? ip_rcv_finish+0x1/0x2\n"
	"[ 7.000011]  cookie_v4_check+0x5f2/0x6e0\n"
	"[ 7.000012]  tcp_v4_do_rcv+0x1b0/0x200\n";

/* Same place, different bug: a GPF instead of a NULL dereference. */
static const char log_c[] =
	"[  101.123456] general protection fault, probably for non-canonical address 0xdead000000000100: 0000 [#1] SMP\n"
	"[  101.123480] CPU: 1 PID: 4242 Comm: foo Not tainted 6.1.0 #1\n"
	"[  101.123490] RIP: 0010:tcp_create_openreq_child+0x1d/0x90\n"
	"[  101.123510] Call Trace:\n"
	"[  101.123530]  tcp_v4_syn_recv_sock+0x4d/0x3a0\n"
	"[  101.123550]  cookie_v4_check+0x5f2/0x6e0\n";

/* Same title, reached another way. */
static const char log_d[] =
	"[  101.123456] BUG: kernel NULL pointer dereference, address: 0000000000000008\n"
	"[  101.123470] Oops: 0000 [#1] PREEMPT SMP NOPTI\n"
	"[  101.123490] RIP: 0010:tcp_create_openreq_child+0x1d/0x90\n"
	"[  101.123510] Call Trace:\n"
	"[  101.123530]  tcp_v6_syn_recv_sock+0x4d/0x3a0\n"
	"[  101.123550]  tcp_v6_do_rcv+0x5f2/0x6e0\n";

static void first_event(struct lg_event *ev, void *arg)
{
	struct lg_event **out = arg;

	if (!*out) {
		*out = ev;
		return;
	}
	event_put(ev);
}

static struct lg_event *analyze(const char *text)
{
	struct lg_event *ev = NULL;

	lg_parse_buffer(text, strlen(text), "test", first_event, &ev);
	return ev;
}

FIXTURE(sig) {
	struct lg_event *a, *b, *c, *d;
};

FIXTURE_SETUP(sig)
{
	self->a = analyze(log_a);
	self->b = analyze(log_b);
	self->c = analyze(log_c);
	self->d = analyze(log_d);
	ASSERT_NE(NULL, self->a);
	ASSERT_NE(NULL, self->b);
	ASSERT_NE(NULL, self->c);
	ASSERT_NE(NULL, self->d);
	ASSERT_NE(NULL, self->a->signature);
	ASSERT_NE(NULL, self->b->signature);
	ASSERT_NE(NULL, self->c->signature);
	ASSERT_NE(NULL, self->d->signature);
}

FIXTURE_TEARDOWN(sig)
{
	event_put(self->a);
	event_put(self->b);
	event_put(self->c);
	event_put(self->d);
}

TEST_F(sig, shape)
{
	EXPECT_EQ(16, strlen(self->a->signature));
	EXPECT_EQ(strspn(self->a->signature, "0123456789abcdef"), 16);
}

TEST_F(sig, same_bug_same_signature)
{
	EXPECT_STREQ(self->a->title, self->b->title);
	EXPECT_STREQ(self->a->signature, self->b->signature);
}

TEST_F(sig, other_bug_other_signature)
{
	EXPECT_STRNE(self->a->signature, self->c->signature);
}

TEST_F(sig, other_path_other_signature)
{
	EXPECT_STREQ(self->a->title, self->d->title);
	EXPECT_STRNE(self->a->signature, self->d->signature);
}

/* Without a parsed trace (e.g. a bare event) the title alone decides. */
TEST(title_only)
{
	struct lg_event *x = event_from_text("WARNING: CPU: 0 PID: 1 at a/b.c:1 foo+0x1/0x2\nRIP: 0010:foo+0x1/0x2\n");
	struct lg_event *y = event_from_text("WARNING: CPU: 7 PID: 99 at a/b.c:1 foo+0x1/0x2\nRIP: 0010:foo+0x1/0x2\n");

	lg_classify_event(x);
	lg_classify_event(y);
	ASSERT_NE(NULL, x->signature);
	EXPECT_STREQ(x->signature, y->signature);
	event_put(x);
	event_put(y);
}

TEST_HARNESS_MAIN
