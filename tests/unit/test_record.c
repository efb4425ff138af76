// SPDX-License-Identifier: GPL-2.0
/*
 * Module record -> struct lg_event, from attribute buffers built with libnl
 * exactly as the kernel module builds them (nla_put into an nl_msg).
 */
#include <string.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include "kselftest_harness.h"
#include "record.h"
#include "test_record_builders.h"

#define RIP_ADDR 0xffffffffc0a01234ULL

static const unsigned char boot_a[16] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
};
static const unsigned char boot_b[16] = { 0xff };

/* An x86 general protection fault in an out-of-tree module. */
static struct nlattr *put_die(struct nl_msg *msg, uint64_t seq,
			      const unsigned char *boot, const char *die_str,
			      bool unknown_attrs)
{
	struct nlattr *rec = record_start(msg, seq, boot, LASTGASP_KIND_DIE, 0);
	struct nlattr *n;

	nla_put_u32(msg, LASTGASP_R_STATE, LASTGASP_STATE_PREVIOUS_BOOT);
	nla_put_u64(msg, LASTGASP_R_TIME_NS, 1700000000123456789ULL);
	nla_put_u32(msg, LASTGASP_R_CPU, 1);
	nla_put_u32(msg, LASTGASP_R_PID, 42);
	nla_put_string(msg, LASTGASP_R_COMM, "insmod");
	nla_put_string(msg, LASTGASP_R_RELEASE, "6.1.0-28-amd64");
	nla_put_string(msg, LASTGASP_R_HARDWARE, "QEMU Standard PC (i440FX + PIIX, 1996)");
	nla_put_u64(msg, LASTGASP_R_TAINT, (1 << 12) | (1 << 13));
	nla_put_string(msg, LASTGASP_R_TAINT_LETTERS, "OE");
	nla_put_string(msg, LASTGASP_R_MESSAGE, die_str);
	nla_put_u32(msg, LASTGASP_R_TRAPNR, 13);
	nla_put_u64(msg, LASTGASP_R_ERROR_CODE, 0);
	nla_put_u64(msg, LASTGASP_R_RIP, RIP_ADDR);
	nla_put_string(msg, LASTGASP_R_RIP_SYMBOL, "lg_test_crash+0x14/0x30 [lgtest]");
	if (unknown_attrs)	/* attributes a newer kernel may send */
		nla_put_string(msg, LASTGASP_R_MAX + 3, "from the future");
	n = nla_nest_start(msg, LASTGASP_R_REGS);
	nla_put_u64(msg, LASTGASP_REG_IP, RIP_ADDR);
	nla_put_u64(msg, LASTGASP_REG_CR2, 0x1234);
	nla_nest_end(msg, n);
	n = nla_nest_start(msg, LASTGASP_R_STACK);
	put_frame(msg, RIP_ADDR + 0x10, "lg_test_crash+0x24/0x30 [lgtest]", true,
		  unknown_attrs);
	put_frame(msg, 0xffffffff81000100ULL, "some_helper+0x1/0x20", false, false);
	put_frame(msg, 0xffffffff81c00080ULL, "do_syscall_64+0x5b/0x80", true, false);
	nla_nest_end(msg, n);
	n = nla_nest_start(msg, LASTGASP_R_MODULES);
	put_module(msg, "lgtest", "OE");
	put_module(msg, "ext4", "");
	nla_nest_end(msg, n);
	nla_nest_end(msg, rec);
	return rec;
}

static struct nlattr *put_panic_pid(struct nl_msg *msg, uint64_t seq,
				    const unsigned char *boot, const char *text,
				    uint32_t reason, uint32_t pid)
{
	struct nlattr *rec = record_start(msg, seq, boot, LASTGASP_KIND_PANIC,
					  LASTGASP_RF_FATAL);

	nla_put_u32(msg, LASTGASP_R_CPU, 0);
	nla_put_u32(msg, LASTGASP_R_PID, pid);
	nla_put_string(msg, LASTGASP_R_COMM, "swapper/0");
	nla_put_string(msg, LASTGASP_R_MESSAGE, text);
	nla_put_u32(msg, LASTGASP_R_PANIC_REASON, reason);
	nla_nest_end(msg, rec);
	return rec;
}

static struct nlattr *put_panic(struct nl_msg *msg, uint64_t seq,
				const unsigned char *boot, const char *text,
				uint32_t reason)
{
	return put_panic_pid(msg, seq, boot, text, reason, 0);
}

FIXTURE(rec) {
	struct nl_msg *msg;
	struct lg_record r, r2;
	struct lg_event ev, ev2;
};

FIXTURE_SETUP(rec)
{
	self->msg = nlmsg_alloc_size(65536);
	ASSERT_NE(NULL, self->msg);
	memset(&self->r, 0, sizeof(self->r));
	memset(&self->r2, 0, sizeof(self->r2));
	lg_event_init(&self->ev);
	lg_event_init(&self->ev2);
}

FIXTURE_TEARDOWN(rec)
{
	lg_event_free(&self->ev);
	lg_event_free(&self->ev2);
	lg_record_free(&self->r);
	lg_record_free(&self->r2);
	nlmsg_free(self->msg);
}

static bool has_line(const struct lg_event *ev, const char *needle)
{
	for (size_t i = 0; i < ev->nlines; i++)
		if (strstr(ev->lines[i].line, needle))
			return true;
	return false;
}

TEST_F(rec, die_record_becomes_oops_event)
{
	struct nlattr *nest = put_die(self->msg, 7, boot_a,
				      "general protection fault", false);
	struct lg_event *ev = &self->ev;

	ASSERT_EQ(0, lg_record_parse(nest, &self->r));
	EXPECT_EQ(7, self->r.seq);
	EXPECT_EQ(LASTGASP_KIND_DIE, self->r.kind);
	ASSERT_EQ(0, lg_record_to_event(&self->r, ev));
	EXPECT_EQ(LG_CLASS_OOPS, ev->cls);
	EXPECT_FALSE(ev->fatal);
	EXPECT_STREQ("2023-11-14T22:13:20Z", ev->time);
	EXPECT_STREQ("6.1.0-28-amd64", ev->kernel_release);
	EXPECT_STREQ("insmod", ev->comm);
	EXPECT_EQ(1, ev->cpu);
	EXPECT_EQ(42, ev->pid);
	EXPECT_STREQ("OE", ev->taint);
	EXPECT_EQ(NULL, ev->panic_message);
	ASSERT_TRUE(ev->has_rip);
	EXPECT_TRUE(ev->rip.has_address);
	EXPECT_EQ(RIP_ADDR, ev->rip.address);
	EXPECT_STREQ("lg_test_crash", ev->rip.function);
	EXPECT_EQ(0x14, ev->rip.offset);
	EXPECT_EQ(0x30, ev->rip.size);
	EXPECT_STREQ("lgtest", ev->rip.module);
	ASSERT_EQ(3, ev->ntrace);
	EXPECT_STREQ("lg_test_crash", ev->trace[0].function);
	EXPECT_TRUE(ev->trace[0].reliable);
	EXPECT_FALSE(ev->trace[1].reliable);
	EXPECT_EQ(NULL, ev->trace[2].module);
	ASSERT_EQ(2, ev->nmodules);
	EXPECT_STREQ("OE", ev->modules[0].taint);
	EXPECT_STREQ("", ev->modules[1].taint);
	ASSERT_EQ(1, ev->ntainting);
	EXPECT_STREQ("lgtest", ev->tainting_modules[0]);
	EXPECT_STREQ("lgtest", ev->culprit_module);
	EXPECT_FALSE(ev->has_cr2);	/* trap 13: CR2 is stale, not a fault address */
	EXPECT_EQ(7, ev->seq);
	EXPECT_STREQ("000102030405060708090a0b0c0d0e0f", ev->boot_id);
	EXPECT_TRUE(ev->previous_boot);
	EXPECT_STREQ("record", ev->source);
	EXPECT_NE(NULL, ev->title);
	/* The classifier and the rules see what the kernel printed. */
	EXPECT_TRUE(has_line(ev, "general protection fault: 0000 [#1]"));
	EXPECT_TRUE(has_line(ev, "RIP: 0010:lg_test_crash+0x14/0x30 [lgtest]"));
	EXPECT_TRUE(has_line(ev, "Modules linked in: lgtest(OE) ext4"));
}

TEST_F(rec, unknown_attributes_are_ignored)
{
	struct nlattr *nest = put_die(self->msg, 8, boot_a,
				      "general protection fault", true);

	ASSERT_EQ(0, lg_record_parse(nest, &self->r));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	EXPECT_EQ(LG_CLASS_OOPS, self->ev.cls);
	EXPECT_STREQ("lg_test_crash", self->ev.rip.function);
	EXPECT_EQ(3, self->ev.ntrace);
	EXPECT_STREQ("lgtest", self->ev.culprit_module);
}

TEST_F(rec, malformed_attribute_is_rejected)
{
	struct nlattr *rec = nla_nest_start(self->msg, LASTGASP_A_RECORD);
	uint16_t short_seq = 1;

	/* A u64 attribute two bytes long: garbage from a torn record. */
	nla_put(self->msg, LASTGASP_R_SEQ, sizeof(short_seq), &short_seq);
	nla_nest_end(self->msg, rec);
	EXPECT_GT(0, lg_record_parse(rec, &self->r));
}

TEST_F(rec, kernel_mode_invalid_opcode_is_bug)
{
	struct nlattr *nest = put_die(self->msg, 9, boot_a, "invalid opcode",
				      false);

	ASSERT_EQ(0, lg_record_parse(nest, &self->r));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	EXPECT_EQ(LG_CLASS_BUG, self->ev.cls);
}

TEST_F(rec, fatal_exception_panic_merges_into_oops)
{
	struct nlattr *die = put_die(self->msg, 10, boot_a,
				     "general protection fault", false);
	struct nlattr *panic = put_panic(self->msg, 11, boot_a,
					 "Fatal exception in interrupt",
					 LASTGASP_PANIC_UNKNOWN);

	ASSERT_EQ(0, lg_record_parse(die, &self->r));
	ASSERT_EQ(0, lg_record_parse(panic, &self->r2));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	ASSERT_EQ(0, lg_record_to_event(&self->r2, &self->ev2));
	EXPECT_TRUE(self->ev2.fatal);
	ASSERT_TRUE(lg_record_merge_fatal(&self->r, &self->ev, &self->r2,
					  &self->ev2));
	EXPECT_TRUE(self->ev.fatal);
	EXPECT_EQ(LG_CLASS_OOPS, self->ev.cls);
	EXPECT_STREQ("Fatal exception in interrupt", self->ev.panic_message);
}

/* Two CPUs oopsing at once: the panicking task's die record can be
 * committed after its panic record; it is still the one the panic ends. */
TEST_F(rec, fatal_exception_merges_into_own_later_die_record)
{
	struct nlattr *panic = put_panic_pid(self->msg, 11, boot_a,
					     "Fatal exception",
					     LASTGASP_PANIC_OOPS, 42);
	struct nlattr *die = put_die(self->msg, 12, boot_a, "Oops", false);

	ASSERT_EQ(0, lg_record_parse(die, &self->r));
	ASSERT_EQ(0, lg_record_parse(panic, &self->r2));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	ASSERT_EQ(0, lg_record_to_event(&self->r2, &self->ev2));
	ASSERT_TRUE(lg_record_merge_fatal(&self->r, &self->ev, &self->r2,
					  &self->ev2));
	EXPECT_TRUE(self->ev.fatal);
	EXPECT_STREQ("Fatal exception", self->ev.panic_message);
}

TEST_F(rec, fatal_exception_skips_later_die_record_of_other_task)
{
	struct nlattr *panic = put_panic_pid(self->msg, 11, boot_a,
					     "Fatal exception",
					     LASTGASP_PANIC_OOPS, 7);
	struct nlattr *die = put_die(self->msg, 12, boot_a, "Oops", false);

	ASSERT_EQ(0, lg_record_parse(die, &self->r));
	ASSERT_EQ(0, lg_record_parse(panic, &self->r2));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	ASSERT_EQ(0, lg_record_to_event(&self->r2, &self->ev2));
	EXPECT_FALSE(lg_record_merge_fatal(&self->r, &self->ev, &self->r2,
					   &self->ev2));
	EXPECT_FALSE(self->ev.fatal);
}

TEST_F(rec, panic_of_another_boot_does_not_merge)
{
	struct nlattr *die = put_die(self->msg, 10, boot_a,
				     "general protection fault", false);
	struct nlattr *panic = put_panic(self->msg, 11, boot_b,
					 "Fatal exception",
					 LASTGASP_PANIC_OOPS);

	ASSERT_EQ(0, lg_record_parse(die, &self->r));
	ASSERT_EQ(0, lg_record_parse(panic, &self->r2));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	ASSERT_EQ(0, lg_record_to_event(&self->r2, &self->ev2));
	EXPECT_FALSE(lg_record_merge_fatal(&self->r, &self->ev, &self->r2,
					   &self->ev2));
	EXPECT_FALSE(self->ev.fatal);
	EXPECT_EQ(NULL, self->ev.panic_message);
}

TEST_F(rec, other_panic_does_not_merge)
{
	struct nlattr *die = put_die(self->msg, 10, boot_a,
				     "general protection fault", false);
	struct nlattr *panic = put_panic(self->msg, 11, boot_a,
					 "sysrq triggered crash\n",
					 LASTGASP_PANIC_SYSRQ);

	ASSERT_EQ(0, lg_record_parse(die, &self->r));
	ASSERT_EQ(0, lg_record_parse(panic, &self->r2));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	ASSERT_EQ(0, lg_record_to_event(&self->r2, &self->ev2));
	EXPECT_FALSE(lg_record_merge_fatal(&self->r, &self->ev, &self->r2,
					   &self->ev2));
	EXPECT_EQ(LG_CLASS_PANIC, self->ev2.cls);
	/* panic("sysrq triggered crash\n"): no newline in the report. */
	EXPECT_STREQ("sysrq triggered crash", self->ev2.panic_message);
}

TEST_F(rec, softlockup_panic_is_soft_lockup)
{
	struct nlattr *panic = put_panic(self->msg, 3, boot_a,
					 "softlockup: hung tasks",
					 LASTGASP_PANIC_SOFT_LOCKUP);

	ASSERT_EQ(0, lg_record_parse(panic, &self->r));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	EXPECT_EQ(LG_CLASS_SOFT_LOCKUP, self->ev.cls);
	EXPECT_TRUE(self->ev.fatal);
	EXPECT_STREQ("softlockup: hung tasks", self->ev.panic_message);
	EXPECT_TRUE(has_line(&self->ev,
			     "Kernel panic - not syncing: softlockup: hung tasks"));
}

TEST_F(rec, log_tail_fills_what_the_record_lacks)
{
	static const char log[] =
		"[   12.345678] BUG: kernel NULL pointer dereference, address: 0000000000000008\n"
		"[   12.345679] #PF: supervisor write access in kernel mode\n"
		"[   12.345680] Oops: 0002 [#1] PREEMPT SMP NOPTI\n"
		"[   12.345681] CPU: 1 PID: 42 Comm: insmod Tainted: G           OE      6.1.0-28-amd64 #1  Debian 6.1.119-1\n"
		"[   12.345682] RIP: 0010:lg_test_crash+0x14/0x30 [lgtest]\n"
		"[   12.345683] Call Trace:\n"
		"[   12.345684]  <TASK>\n"
		"[   12.345685]  do_one_initcall+0x41/0x200\n"
		"[   12.345686]  </TASK>\n";
	struct nlattr *rec = nla_nest_start(self->msg, LASTGASP_A_RECORD);

	nla_put_u64(self->msg, LASTGASP_R_SEQ, 4);
	nla_put_u32(self->msg, LASTGASP_R_KIND, LASTGASP_KIND_DIE);
	nla_put_string(self->msg, LASTGASP_R_MESSAGE, "Oops");
	nla_put_u64(self->msg, LASTGASP_R_RIP, RIP_ADDR);
	nla_put(self->msg, LASTGASP_R_LOG, sizeof(log) - 1, log);
	nla_nest_end(self->msg, rec);

	ASSERT_EQ(0, lg_record_parse(rec, &self->r));
	ASSERT_EQ(0, lg_record_to_event(&self->r, &self->ev));
	EXPECT_EQ(LG_CLASS_OOPS, self->ev.cls);
	/* The record had only an address: the log names the function. */
	EXPECT_STREQ("lg_test_crash", self->ev.rip.function);
	EXPECT_EQ(RIP_ADDR, self->ev.rip.address);
	EXPECT_STREQ("6.1.0-28-amd64", self->ev.kernel_release);
	EXPECT_NE(NULL, self->ev.title);
	EXPECT_TRUE(has_line(&self->ev, "BUG: kernel NULL pointer dereference"));
}

TEST(symbol_parser)
{
	struct lg_frame f = { 0 };

	ASSERT_TRUE(lg_frame_parse_symbol("tcp_v4_rcv+0x1a/0x40 [nf_x]", &f));
	EXPECT_STREQ("tcp_v4_rcv", f.function);
	EXPECT_EQ(0x1a, f.offset);
	EXPECT_EQ(0x40, f.size);
	EXPECT_STREQ("nf_x", f.module);
	ASSERT_TRUE(lg_frame_parse_symbol("schedule+0x5/0x90", &f));
	EXPECT_STREQ("schedule", f.function);
	EXPECT_EQ(NULL, f.module);
	/* %pSb adds a build id after the module name. */
	ASSERT_TRUE(lg_frame_parse_symbol("foo+0x1/0x2 [bar 0123abcd]", &f));
	EXPECT_STREQ("bar", f.module);
	EXPECT_FALSE(lg_frame_parse_symbol("0xffffffffc0001234", &f));
	EXPECT_FALSE(lg_frame_parse_symbol("", &f));
	EXPECT_FALSE(lg_frame_parse_symbol("foo+zz/0x2", &f));
	EXPECT_STREQ("foo", f.function);	/* untouched on failure */
	free(f.function);
	free(f.module);
}

TEST_HARNESS_MAIN
