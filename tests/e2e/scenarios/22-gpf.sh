#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A read of the non-canonical address 0xdead000000000100 (LIST_POISON1):
# x86 raises a general protection fault, not a page fault.  With oops=panic
# the read-back is a fatal oops titled "general protection fault in" the
# test module's function.
. "$(dirname "$0")/../lib.sh"
fn=lastgasp_test_gpf
e2e_test_fn "$fn"
e2e_crash_cycle "" gpf "oops=panic" || { e2e_finish; exit 0; }
e2e_console_has crash "general protection fault, probably for non-canonical address 0xdead000000000100" \
	"a general protection fault on the non-canonical address"
if e2e_one_event readback; then
	e2e_expect_class oops
	e2e_expect_fatal true
	e2e_expect_title "general protection fault in $fn"
	e2e_expect_rip "$fn" lastgasp_test
	e2e_expect_cause out-of-tree-module-culprit
	e2e_json_check "comm is the token" "$E2E_EVENT" '.comm == $t' --arg t "$E2E_TOKEN"
	e2e_expect_text_title
fi
e2e_finish
