// SPDX-License-Identifier: GPL-2.0
/*
 * Records without a log tail, as on kernels before 5.13 (Debian bullseye's
 * 5.10), where a module cannot read the log from the die chain or the
 * panic notifier.  The record is all there is; its title says what the
 * record can tell, never more (cases seen on 5.10 in the boot matrix):
 * - an x86 kernel page fault, die("Oops") with trap number 0: CR2 may be
 *   stale, so only "Oops in FUNC" (the log tail, when there is one, names
 *   the NULL dereference);
 * - BUG()'s kernel-mode invalid opcode: "kernel BUG in FUNC";
 * - a panic_on_warn panic with the WARN site as RIP: "WARNING in FUNC".
 */
#include <string.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include "kselftest_harness.h"
#include "record.h"

static const unsigned char boot[16] = { 5, 10 };

static struct nlattr *put_die(struct nl_msg *msg, const char *die_str,
			      uint32_t trapnr, uint64_t cr2)
{
	struct nlattr *rec = nla_nest_start(msg, LASTGASP_A_RECORD);
	struct nlattr *n, *f;

	nla_put_u64(msg, LASTGASP_R_SEQ, 1);
	nla_put(msg, LASTGASP_R_BOOT_ID, 16, boot);
	nla_put_u32(msg, LASTGASP_R_STATE, LASTGASP_STATE_PREVIOUS_BOOT);
	nla_put_u32(msg, LASTGASP_R_KIND, LASTGASP_KIND_DIE);
	nla_put_u32(msg, LASTGASP_R_FLAGS, 0);
	nla_put_u32(msg, LASTGASP_R_CPU, 0);
	nla_put_u32(msg, LASTGASP_R_PID, 99);
	nla_put_string(msg, LASTGASP_R_COMM, "sh");
	nla_put_string(msg, LASTGASP_R_RELEASE, "5.10.0-46-amd64");
	nla_put_string(msg, LASTGASP_R_MESSAGE, die_str);
	nla_put_u32(msg, LASTGASP_R_TRAPNR, trapnr);
	nla_put_u64(msg, LASTGASP_R_ERROR_CODE, 2);
	nla_put_u64(msg, LASTGASP_R_RIP, 0xffffffffc03ce113ULL);
	nla_put_string(msg, LASTGASP_R_RIP_SYMBOL, "m_null+0xc/0x17 [m]");
	n = nla_nest_start(msg, LASTGASP_R_REGS);
	nla_put_u64(msg, LASTGASP_REG_IP, 0xffffffffc03ce113ULL);
	nla_put_u64(msg, LASTGASP_REG_CR2, cr2);
	nla_nest_end(msg, n);
	n = nla_nest_start(msg, LASTGASP_R_STACK);
	f = nla_nest_start(msg, LASTGASP_STACK_FRAME);
	nla_put_u64(msg, LASTGASP_F_ADDR, 0xffffffffc03ce42aULL);
	nla_put_string(msg, LASTGASP_F_SYMBOL, "m_write+0x35/0x230 [m]");
	nla_put_flag(msg, LASTGASP_F_RELIABLE);
	nla_nest_end(msg, f);
	nla_nest_end(msg, n);
	nla_nest_end(msg, rec);
	return rec;
}

FIXTURE(pf) {
	struct nl_msg *msg;
	struct lg_record r;
	struct lg_event ev;
};

FIXTURE_VARIANT(pf) {
	const char *die_str;
	uint32_t trapnr;
	uint64_t cr2;
	bool has_cr2;
	const char *title;
	enum lg_class cls;	/* 0: LG_CLASS_OOPS */
};

/*
 * A kernel page fault reaches the die chain after show_regs(), whose Code:
 * dump may itself fault (a function near the start of a module's text):
 * CR2 then holds that address, not the fault's.  5.10 did exactly that in
 * the boot matrix (a NULL write from a timer; CR2 ffffffffc03e1ff2), so
 * CR2 without a page-fault trap number must not choose the title.
 */
FIXTURE_VARIANT_ADD(pf, oops_ignores_cr2) {
	.die_str = "Oops", .trapnr = 0, .cr2 = 0xffffffffc03e1ff2ULL, .has_cr2 = false,
	.title = "Oops in m_null",
};

/* BUG()'s ud2: a kernel-mode invalid opcode, titled as the BUG it is. */
FIXTURE_VARIANT_ADD(pf, bug_is_kernel_bug) {
	.die_str = "invalid opcode", .trapnr = 6, .cr2 = 0, .has_cr2 = false,
	.title = "kernel BUG in m_null", .cls = LG_CLASS_BUG,
};

/* Any other trap leaves CR2 stale: it must not make a page-fault title. */
FIXTURE_VARIANT_ADD(pf, gpf_ignores_stale_cr2) {
	.die_str = "general protection fault", .trapnr = 13, .cr2 = 0, .has_cr2 = false,
	.title = "general protection fault in m_null",
};

FIXTURE_SETUP(pf)
{
	self->msg = nlmsg_alloc_size(8192);
	ASSERT_NE(NULL, self->msg);
	memset(&self->r, 0, sizeof(self->r));
	lg_event_init(&self->ev);
}

FIXTURE_TEARDOWN(pf)
{
	lg_event_free(&self->ev);
	lg_record_free(&self->r);
	nlmsg_free(self->msg);
}

TEST_F(pf, title_from_record_alone)
{
	struct nlattr *nest = put_die(self->msg, variant->die_str, variant->trapnr,
				      variant->cr2);

	ASSERT_EQ(0, lg_record_parse(nest, &self->r));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	EXPECT_EQ(variant->has_cr2, self->ev.has_cr2);
	EXPECT_EQ(variant->cls ? variant->cls : LG_CLASS_OOPS, self->ev.cls);
	ASSERT_NE(NULL, self->ev.title);
	EXPECT_STREQ(variant->title, self->ev.title);
}

/* 5.10.262's check_panic_on_warn("kernel"), RIP at the WARN site. */
TEST(panic_on_warn_is_titled_after_the_warning)
{
	struct nl_msg *msg = nlmsg_alloc_size(8192);
	struct lg_record r = { 0 };
	struct lg_event ev;
	struct nlattr *rec;

	ASSERT_NE(NULL, msg);
	lg_event_init(&ev);
	rec = nla_nest_start(msg, LASTGASP_A_RECORD);
	nla_put_u64(msg, LASTGASP_R_SEQ, 2);
	nla_put(msg, LASTGASP_R_BOOT_ID, 16, boot);
	nla_put_u32(msg, LASTGASP_R_KIND, LASTGASP_KIND_PANIC);
	nla_put_u32(msg, LASTGASP_R_FLAGS, LASTGASP_RF_FATAL);
	nla_put_u32(msg, LASTGASP_R_CPU, 0);
	nla_put_u32(msg, LASTGASP_R_PID, 110);
	nla_put_string(msg, LASTGASP_R_COMM, "sh");
	nla_put_string(msg, LASTGASP_R_MESSAGE, "kernel: panic_on_warn set ...");
	nla_put_u64(msg, LASTGASP_R_RIP, 0xffffffffc015a1c9ULL);
	nla_put_string(msg, LASTGASP_R_RIP_SYMBOL, "m_warn+0x11/0x18 [m]");
	nla_nest_end(msg, rec);

	ASSERT_EQ(0, lg_record_parse(rec, &r));
	ASSERT_EQ(0, lg_record_to_event(&r, &ev));
	EXPECT_EQ(LG_CLASS_WARNING, ev.cls);
	EXPECT_TRUE(ev.fatal);
	ASSERT_NE(NULL, ev.title);
	EXPECT_STREQ("WARNING in m_warn", ev.title);
	EXPECT_STREQ("kernel: panic_on_warn set ...", ev.panic_message);
	lg_event_free(&ev);
	lg_record_free(&r);
	nlmsg_free(msg);
}

TEST_HARNESS_MAIN
