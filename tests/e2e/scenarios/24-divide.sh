#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# An integer division by zero in the test module, with oops=panic: a fatal
# oops titled "divide error in" the function.
. "$(dirname "$0")/../lib.sh"
fn=lastgasp_test_divide
e2e_test_fn "$fn"
e2e_crash_cycle "" divide "oops=panic" || { e2e_finish; exit 0; }
e2e_console_has crash "divide error: 0000" "a divide error"
if e2e_one_event readback; then
	e2e_expect_class oops
	e2e_expect_fatal true
	e2e_expect_title "divide error in $fn"
	e2e_expect_rip "$fn" lastgasp_test
	e2e_expect_cause out-of-tree-module-culprit
	e2e_json_check "comm is the token" "$E2E_EVENT" '.comm == $t' --arg t "$E2E_TOKEN"
	e2e_expect_text_title
fi
e2e_finish
