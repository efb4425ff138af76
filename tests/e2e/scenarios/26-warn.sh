#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: * *-cloud-*
#
# WARN() in the test module with kernel.panic_on_warn=1: the warning itself
# is the event (class warning, not a bare panic), fatal because it panicked,
# titled "WARNING in" the function, RIP in that function (not in panic()).
. "$(dirname "$0")/../lib.sh"
fn=lastgasp_test_warn
e2e_test_fn "$fn"
e2e_crash_cycle "sysctl:kernel.panic_on_warn=1" warn || { e2e_finish; exit 0; }
e2e_step_ok crash sysctl
# Up to 6.x "WARNING: CPU: N PID: N at FILE:LINE FN+...", from 7.x
# "WARNING: FILE:LINE at FN+..., CPU#N: COMM/PID".
e2e_console_has crash "WARNING: (CPU: [0-9]+ PID: [0-9]+ at .*$fn|.* at $fn\+0x[0-9a-f]+/0x[0-9a-f]+.*, CPU#[0-9]+: )" \
	"WARNING ... at $fn"
if e2e_one_event readback; then
	e2e_expect_class warning
	e2e_expect_fatal true
	e2e_expect_title "WARNING in $fn"
	e2e_expect_rip "$fn" lastgasp_test
	e2e_expect_cause out-of-tree-module-culprit
	e2e_json_check "panic message is panic_on_warn's" "$E2E_EVENT" \
		'(.panic_message // "") | test("panic_on_warn")'
	e2e_json_check "comm is the token" "$E2E_EVENT" '.comm == $t' --arg t "$E2E_TOKEN"
	e2e_expect_text_title
fi
e2e_finish
