#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A NULL write from a timer callback: an oops in interrupt (softirq)
# context.  No oops=panic: the kernel panics anyway ("Fatal exception in
# interrupt").  The record must be that oops with the timer function as
# RIP, and the frames must say they ran in interrupt context.
. "$(dirname "$0")/../lib.sh"
fn=lastgasp_test_timer_null
e2e_test_fn "$fn"
e2e_crash_cycle "" irq "" || { e2e_finish; exit 0; }
e2e_console_has crash "Kernel panic - not syncing: Fatal exception in interrupt" \
	"the panic of an oops in interrupt context"
if e2e_one_event readback; then
	e2e_expect_class oops
	e2e_expect_fatal true
	e2e_expect_title "BUG: unable to handle kernel NULL pointer dereference in $fn"
	e2e_expect_rip "$fn" lastgasp_test
	e2e_expect_cause out-of-tree-module-culprit
	e2e_json_check "panic message is \"Fatal exception in interrupt\"" "$E2E_EVENT" \
		'.panic_message == "Fatal exception in interrupt"'
	# On a busy host the timer softirq may run in ksoftirqd, on the task's
	# own stack: then no frame is on an IRQ stack, and run_ksoftirqd in
	# the trace is what says the callback ran as a softirq.
	e2e_json_check "the call trace has frames in interrupt context (or ksoftirqd's softirq)" \
		"$E2E_EVENT" '[.call_trace[]?.context // empty] | any(test("IRQ")) or
		([.call_trace[]?.function] | index(["run_ksoftirqd"]) != null)'
	e2e_expect_text_title
fi
e2e_finish
