#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: 6.* [7-9].*
#
# Not on bullseye's 5.10: it has no preemptible RCU (CONFIG_PREEMPT_RCU is
# off, rcu_sched), so a reader that reschedules is in a quiescent state and
# this provocation stalls nothing (seen in the boot matrix: no stall
# warning in 60 s).
#
# The test module spins inside rcu_read_lock() (rescheduling, so only RCU
# complains).  rcupdate.rcu_cpu_stall_timeout=3 (the kernel's minimum) and
# kernel.panic_on_rcu_stall=1 make the stall fatal.  The read-back must be
# a fatal RCU stall titled "INFO: rcu detected stall in" the spinning
# function, which is the guilty frame.
. "$(dirname "$0")/../lib.sh"
fn=lastgasp_test_rcu_stall
e2e_test_fn "$fn"
e2e_crash_cycle "sysctl:kernel.panic_on_rcu_stall=1" rcu "rcupdate.rcu_cpu_stall_timeout=3" || {
	e2e_finish
	exit 0
}
e2e_step_ok crash sysctl
e2e_console_has crash "rcu: INFO: rcu_preempt (self-)?detected stalls? on" "RCU's stall warning"
if e2e_one_event readback; then
	e2e_expect_class rcu_stall
	e2e_expect_fatal true
	# syzbot names a stall after the function the dispatch point (here
	# vfs_write) called, or the looping function itself; never the
	# timer or delay frames on top of it.
	e2e_expect_title_re "^INFO: rcu detected stall in ($fn|proc_reg_write)\$" \
		"is \"INFO: rcu detected stall in\" $fn or proc_reg_write (the callee of vfs_write)"
	e2e_expect_guilty "$fn"
	e2e_expect_cause out-of-tree-module-culprit
	e2e_json_check "panic message is RCU's" "$E2E_EVENT" \
		'(.panic_message // "") | test("RCU Stall")'
	e2e_expect_text_title
fi
e2e_finish
