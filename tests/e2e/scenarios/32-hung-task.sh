#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: * *-cloud-*
#
# The writer sleeps in D state in the test module.  hung_task_timeout_secs=2
# and hung_task_panic=1 make khungtaskd panic after a few seconds.  The
# read-back must be a fatal hung task titled "INFO: task hung in" the
# sleeping function, naming the token as the blocked task.
. "$(dirname "$0")/../lib.sh"
fn=lastgasp_test_hung
e2e_test_fn "$fn"
e2e_crash_cycle "sysctl:kernel.hung_task_timeout_secs=2,sysctl:kernel.hung_task_panic=1" hung || {
	e2e_finish
	exit 0
}
e2e_step_ok crash sysctl 1
e2e_step_ok crash sysctl 2
e2e_console_has crash "INFO: task $E2E_TOKEN:[0-9]+ blocked for more than" \
	"khungtaskd reporting the token's task"
if e2e_one_event readback; then
	e2e_expect_class hung_task
	e2e_expect_fatal true
	e2e_expect_title "INFO: task hung in $fn"
	e2e_expect_guilty "$fn"
	e2e_expect_cause out-of-tree-module-culprit
	e2e_json_check "panic message is hung_task's" "$E2E_EVENT" \
		'(.panic_message // "") | test("^hung_task")'
	e2e_json_check "the stall names the blocked task, the token" "$E2E_EVENT" \
		'.stall.task == $t' --arg t "$E2E_TOKEN"
	e2e_expect_text_title
fi
e2e_finish
