// SPDX-License-Identifier: GPL-2.0
/*
 * Issue 13 kind 8: C++ and Rust symbol names are demangled in frames, the
 * RIP, the guilty frame and the title.  The logs are written for this test;
 * the expected names are what the mangling grammar encodes (Itanium ABI,
 * Rust legacy and v0), worked out by hand from the mangled text.
 */
#include <stdlib.h>
#include <string.h>
#include "kselftest_harness.h"
#include "event.h"
#include "parse.h"

static void first_event(struct lg_event *ev, void *arg)
{
	struct lg_event **out = arg;

	if (!*out) {
		*out = ev;
		return;
	}
	lg_event_free(ev);
	free(ev);
}

static struct lg_event *analyze(const char *text)
{
	struct lg_event *ev = NULL;

	lg_parse_buffer(text, strlen(text), "test", first_event, &ev);
	return ev;
}

static void put(struct lg_event *ev)
{
	lg_event_free(ev);
	free(ev);
}

static void expect_name(struct __test_metadata *_metadata, const char *mangled,
			const char *want)
{
	char *got = lg_symbol_name(mangled, strlen(mangled));

	EXPECT_STREQ(want, got);
	free(got);
}

TEST(names)
{
	/* Itanium: N 3foo 3bar E, parameters v(oid) not printed. */
	expect_name(_metadata, "_ZN3foo3barEv", "foo::bar");
	/* Rust legacy: the trailing 17h<16 hex> is the hash, dropped. */
	expect_name(_metadata, "_ZN6kernel5print11call_printk17h0123456789abcdefE",
		    "kernel::print::call_printk");
	/* Rust v0: Nv (value) in Nt (type ns) in Cs<disambiguator>_ crate. */
	expect_name(_metadata, "_RNvNtCs1234_6kernel5print11call_printk",
		    "kernel::print::call_printk");
	/* A clone suffix is kept as printed; C names are untouched. */
	expect_name(_metadata, "_ZN3foo3barEv.cold", "foo::bar.cold");
	expect_name(_metadata, "ext4_map_blocks", "ext4_map_blocks");
	expect_name(_metadata, "_Rsomething_not_mangled", "_Rsomething_not_mangled");
	expect_name(_metadata, "_R", "_R");
}

/* An oops in a Rust driver (v0 names): RIP, frames, guilty frame, title. */
TEST(rust_v0_oops)
{
	struct lg_event *ev = analyze(
		"BUG: kernel NULL pointer dereference, address: 0000000000000008\n"
		"#PF: supervisor read access in kernel mode\n"
		"Oops: 0000 [#1] PREEMPT SMP NOPTI\n"
		"CPU: 1 PID: 812 Comm: insmod Tainted: G           O       6.12.0 #1\n"
		"RIP: 0010:_RNvMCsd1e2f3_9rust_demoNtB2_6Device4read+0x1c/0x60 [rust_demo]\n"
		"Call Trace:\n"
		" <TASK>\n"
		" _RNvMCsd1e2f3_9rust_demoNtB2_6Device4read+0x1c/0x60 [rust_demo]\n"
		" _RNvNtCs1234_6kernel5print11call_printk+0x10/0x20\n"
		" do_one_initcall+0x5b/0x310\n"
		" do_init_module+0x90/0x250\n"
		" </TASK>\n");

	ASSERT_NE(NULL, ev);
	ASSERT_NE(NULL, ev->rip.function);
	EXPECT_STREQ("<rust_demo::Device>::read", ev->rip.function);
	ASSERT_LE(2, ev->ntrace);
	EXPECT_STREQ("<rust_demo::Device>::read", ev->trace[0].function);
	EXPECT_STREQ("kernel::print::call_printk", ev->trace[1].function);
	EXPECT_STREQ("<rust_demo::Device>::read", ev->guilty_frame);
	EXPECT_STREQ("BUG: unable to handle kernel NULL pointer dereference in "
		     "<rust_demo::Device>::read", ev->title);
	put(ev);
}

/* A WARN in Rust code printed with legacy names: no hash in the title. */
TEST(rust_legacy_warning)
{
	struct lg_event *ev = analyze(
		"------------[ cut here ]------------\n"
		"WARNING: CPU: 0 PID: 77 at rust/kernel/sync/arc.rs:120 "
		"_ZN6kernel4sync3arc3Arc4drop17h00112233aabbccddE+0x30/0x50\n"
		"Modules linked in: rust_demo(O)\n"
		"CPU: 0 PID: 77 Comm: kworker/0:2 Tainted: G           O       6.12.0 #1\n"
		"RIP: 0010:_ZN6kernel4sync3arc3Arc4drop17h00112233aabbccddE+0x30/0x50\n"
		"Call Trace:\n"
		" <TASK>\n"
		" _ZN9rust_demo5Queue5flush17hffeeddccbbaa9988E+0x44/0x90 [rust_demo]\n"
		" process_one_work+0x1f0/0x3e0\n"
		" worker_thread+0x50/0x3b0\n"
		" </TASK>\n"
		"---[ end trace 0000000000000000 ]---\n");

	ASSERT_NE(NULL, ev);
	EXPECT_STREQ("kernel::sync::arc::Arc::drop", ev->rip.function);
	ASSERT_LE(1, ev->ntrace);
	EXPECT_STREQ("rust_demo::Queue::flush", ev->trace[0].function);
	EXPECT_STREQ("rust_demo", ev->trace[0].module);
	EXPECT_STREQ("WARNING in kernel::sync::arc::Arc::drop", ev->title);
	put(ev);
}

/* An out-of-tree C++ module's paging fault on arm64. */
TEST(cxx_module_arm64)
{
	struct lg_event *ev = analyze(
		"Unable to handle kernel paging request at virtual address dead000000000108\n"
		"Internal error: Oops: 0000000096000044 [#1] SMP\n"
		"Modules linked in: cxxdrv(O)\n"
		"CPU: 2 PID: 301 Comm: cxxd Tainted: G           O      6.1.0 #1\n"
		"pc : _ZN6cxxdrv4Ring4pushEPv+0x28/0x70 [cxxdrv]\n"
		"lr : _ZN6cxxdrv6Device4sendEPKvm+0x40/0xa0 [cxxdrv]\n"
		"Call trace:\n"
		" _ZN6cxxdrv4Ring4pushEPv+0x28/0x70 [cxxdrv]\n"
		" _ZN6cxxdrv6Device4sendEPKvm+0x40/0xa0 [cxxdrv]\n"
		" vfs_write+0xc8/0x2f0\n"
		" ksys_write+0x70/0x100\n");

	ASSERT_NE(NULL, ev);
	EXPECT_STREQ("cxxdrv::Ring::push", ev->rip.function);
	EXPECT_STREQ("cxxdrv", ev->rip.module);
	ASSERT_LE(2, ev->ntrace);
	EXPECT_STREQ("cxxdrv::Device::send", ev->trace[1].function);
	EXPECT_STREQ("cxxdrv::Ring::push", ev->guilty_frame);
	EXPECT_NE(NULL, strstr(ev->title, "in cxxdrv::Ring::push"));
	put(ev);
}

TEST_HARNESS_MAIN
