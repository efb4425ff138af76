#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: * *-cloud-*
#
# The test module spins 30 s with preemption off.  watchdog_thresh=1 makes
# the soft lockup threshold 2 s and softlockup_panic=1 turns the report
# into a panic.  The read-back must be a fatal soft lockup titled "BUG:
# soft lockup in" the spinning function, which is the guilty frame (the
# RIP is somewhere in the delay loop it calls).
. "$(dirname "$0")/../lib.sh"
fn=lastgasp_test_softlockup
e2e_test_fn "$fn"
e2e_crash_cycle "sysctl:kernel.watchdog_thresh=1,sysctl:kernel.softlockup_panic=1" softlockup || {
	e2e_finish
	exit 0
}
e2e_step_ok crash sysctl 1
e2e_step_ok crash sysctl 2
e2e_console_has crash "BUG: soft lockup - CPU#[0-9]+ stuck for" "the soft lockup watchdog firing"
if e2e_one_event readback; then
	e2e_expect_class soft_lockup
	e2e_expect_fatal true
	# syzbot names a stall after the function the dispatch point (here
	# vfs_write) called, or the looping function itself; never the
	# watchdog, timer or delay frames on top of it.
	e2e_expect_title_re "^BUG: soft lockup in ($fn|proc_reg_write)\$" \
		"is \"BUG: soft lockup in\" $fn or proc_reg_write (the callee of vfs_write)"
	e2e_expect_guilty "$fn"
	e2e_expect_cause out-of-tree-module-culprit
	e2e_json_check "panic message is softlockup's" "$E2E_EVENT" \
		'(.panic_message // "") | test("^softlockup")'
	e2e_json_check "the stall names the stuck task, the token" "$E2E_EVENT" \
		'.stall.task == $t' --arg t "$E2E_TOKEN"
	e2e_expect_text_title
fi
e2e_finish
