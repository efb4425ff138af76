#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# list_del() of an entry whose next is LIST_POISON1.  Debian's 6.1 and 6.12
# kernels have CONFIG_DEBUG_LIST and CONFIG_BUG_ON_DATA_CORRUPTION, so the
# list checker reports "list_del corruption" and BUG()s in lib/list_debug.c.
# The read-back must be a list corruption (not a bare BUG) titled "BUG:
# corrupted list in" the test module's function, which is also the guilty
# frame (the RIP is the list checker's, a generic helper).
. "$(dirname "$0")/../lib.sh"
fn=lastgasp_test_list_corrupt
e2e_test_fn "$fn"
e2e_crash_cycle "" list "oops=panic" || { e2e_finish; exit 0; }
e2e_console_has crash "list_del corruption" "the list checker's list_del corruption"
if e2e_one_event readback; then
	e2e_expect_class list_corruption
	e2e_expect_fatal true
	e2e_expect_title "BUG: corrupted list in $fn"
	# Kernel facts: 6.1 BUG()s in __list_del_entry_valid, 6.12 in
	# __list_del_entry_valid_or_report (both lib/list_debug.c).
	e2e_json_check "RIP is the list checker in lib/list_debug.c" "$E2E_EVENT" \
		'(.rip.function // "") | test("^__list_del_entry_valid(_or_report)?(\\.cold)?$")'
	e2e_expect_guilty "$fn"
	e2e_expect_cause out-of-tree-module-culprit
	e2e_json_check "comm is the token" "$E2E_EVENT" '.comm == $t' --arg t "$E2E_TOKEN"
	e2e_expect_text_title
fi
e2e_finish
