#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A write to the guard page after a vmalloc area ("unable to handle page
# fault for address"), with oops=panic: a fatal oops whose syzbot-style
# title is the paging-request one, RIP in the test module's function, and
# the out-of-tree test module blamed first.
. "$(dirname "$0")/../lib.sh"
fn=lastgasp_test_paging
e2e_test_fn "$fn"
e2e_crash_cycle "" paging "oops=panic" || { e2e_finish; exit 0; }
e2e_console_has crash "BUG: unable to handle page fault for address" "a page fault oops"
if e2e_one_event readback; then
	e2e_expect_class oops
	e2e_expect_fatal true
	e2e_expect_title "BUG: unable to handle kernel paging request in $fn"
	e2e_expect_rip "$fn" lastgasp_test
	e2e_expect_cause out-of-tree-module-culprit
	e2e_json_check "comm is the token" "$E2E_EVENT" '.comm == $t' --arg t "$E2E_TOKEN"
	e2e_expect_text_title
fi
e2e_finish
