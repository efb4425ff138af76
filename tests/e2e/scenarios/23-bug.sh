#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: * *-cloud-*
#
# BUG() in the test module, with oops=panic: class bug, fatal, titled
# "kernel BUG in" the function (or "kernel BUG at" the source line of the
# BUG() call, which we take from the test module's source).
. "$(dirname "$0")/../lib.sh"
fn=lastgasp_test_bug
e2e_test_fn "$fn"
line=$(grep -n 'BUG();' "$e2e_top/tests/kmod/lastgasp_test.c" | head -n 1 | cut -d: -f1)
e2e_crash_cycle "" bug "oops=panic" || { e2e_finish; exit 0; }
e2e_console_has crash "kernel BUG at [^ ]*lastgasp_test\\.c:$line!" "kernel BUG at lastgasp_test.c:$line"
if e2e_one_event readback; then
	e2e_expect_class bug
	e2e_expect_fatal true
	e2e_expect_title_re "^kernel BUG (in $fn|at [^ ]*lastgasp_test\\.c:$line!?)\$" \
		"is \"kernel BUG in $fn\" or \"kernel BUG at ...lastgasp_test.c:$line\""
	e2e_expect_rip "$fn" lastgasp_test
	e2e_expect_cause out-of-tree-module-culprit
	e2e_json_check "comm is the token" "$E2E_EVENT" '.comm == $t' --arg t "$E2E_TOKEN"
	e2e_expect_text_title
fi
e2e_finish
