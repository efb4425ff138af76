#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two vCPUs oops at once: two writers pinned to CPUs 0 and 1 (comms TOKEN0
# and TOKEN1) meet in the test module and write through NULL together,
# with oops=panic.  Which CPU's oops reaches panic() first is a race; the
# other CPU may still record its oops before panic() stops it, or not.
# So: one or two events, each a writer's NULL oops on the CPU its comm was
# pinned to (no mixed-up fields between the two), at most one per CPU, and
# exactly one of them fatal with oops=panic's "Fatal exception".
#
# The panicking task's own die record may be committed after the panic
# record (the two CPUs race for the store): the report still folds the
# panic into that task's oops.
E2E_SMP=2
. "$(dirname "$0")/../lib.sh"
fn=lastgasp_test_null_together
e2e_test_fn "$fn"
e2e_crash_cycle "" together "oops=panic" || { e2e_finish; exit 0; }
e2e_console_has crash "lastgasp_test: CPU 0 at the rendezvous" "CPU 0 reaching the rendezvous"
e2e_console_has crash "lastgasp_test: CPU 1 at the rendezvous" "CPU 1 reaching the rendezvous"
json=$(e2e_block readback report | jq -c . 2>/dev/null) || json='{}'
e2e_json_check "readback: one or two events" "$json" \
	'(.events | length) as $n | $n >= 1 and $n <= 2'
e2e_json_check "exactly one event is fatal, with \"Fatal exception\"" "$json" \
	'[.events[] | select(.fatal)] | length == 1 and .[0].panic_message == "Fatal exception"'
E2E_EVENT=$(printf '%s\n' "$json" | jq -c '[.events[]? | select(.fatal)][0] // null' 2>/dev/null)
E2E_EVENT=${E2E_EVENT:-null}
e2e_expect_class oops
e2e_expect_title "BUG: unable to handle kernel NULL pointer dereference in $fn"
e2e_expect_rip "$fn" lastgasp_test
e2e_expect_cause out-of-tree-module-culprit
e2e_json_check "every event is a writer's NULL oops in $fn on the CPU its comm was pinned to" \
	"$json" 'all(.events[]; .class == "oops" and .rip.function == $fn and
		((.comm == $t + "0" and .cpu == 0) or (.comm == $t + "1" and .cpu == 1)))' \
	--arg fn "$fn" --arg t "$E2E_TOKEN"
e2e_json_check "at most one event per CPU" "$json" '[.events[].cpu] | length == (unique | length)'
e2e_json_check "status: the store is valid (nothing invalid, not reinitialised)" \
	"$(e2e_block readback status)" '.status.invalid == 0 and .status.reinitialised == false'
e2e_expect_text_title
e2e_finish
