#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A crash loop: three boots in a row crash before anyone reads the store
# (a NULL oops, sysrq-c, a panic), each under its own token.  The fourth
# boot must report all three, oldest first, each with its own token,
# class and boot id, all from earlier boots.
. "$(dirname "$0")/../lib.sh"
t1=$(e2e_token) t2=$(e2e_token) t3=$(e2e_token)

e2e_boot crash1 "load,loadtest,crash:null" "$E2E_MEMMAP oops=panic lg.token=$t1" ||
	{ e2e_finish; exit 0; }
e2e_crashed crash1 "NULL oops"
e2e_boot crash2 "load,crash:sysrq" "$E2E_MEMMAP lg.token=$t2" || { e2e_finish; exit 0; }
e2e_step_ok crash2 load
e2e_crashed crash2 "sysrq-c"
e2e_boot crash3 "load,loadtest,crash:panic" "$E2E_MEMMAP lg.token=$t3" || { e2e_finish; exit 0; }
e2e_step_ok crash3 load
e2e_crashed crash3 "panic"

e2e_boot readback "load,report,report" "$E2E_MEMMAP" || { e2e_finish; exit 0; }
e2e_step_ok readback load
json=$(e2e_block readback report) || json='{}'
e2e_json_check "readback: three events" "$json" '(.events | length) == 3'
e2e_json_check "in crash order: comms $t1, $t2, $t3" "$json" \
	'[.events | sort_by(.seq)[] | .comm] == [$a, $b, $c]' --arg a "$t1" --arg b "$t2" --arg c "$t3"
e2e_json_check "classes oops, panic, panic; all fatal" "$json" \
	'[.events | sort_by(.seq)[] | .class] == ["oops", "panic", "panic"] and all(.events[]; .fatal)'
e2e_json_check "the report lists them oldest first" "$json" \
	'[.events[] | .seq] == ([.events[] | .seq] | sort)'
e2e_json_check "three distinct boot ids, all earlier boots" "$json" \
	'([.events[] | .boot_id] | unique | length) == 3 and all(.events[]; .previous_boot)'
e2e_json_check "the oops is in lastgasp_test_null_deref, the panic carries $t3" "$json" \
	'(.events | sort_by(.seq)) as $e | $e[0].rip.function == "lastgasp_test_null_deref" and $e[2].panic_message == "lastgasp test " + $t3' \
	--arg t3 "$t3"
e2e_json_check "a second report finds no events" "$(e2e_block readback report 2)" '.events == []'
e2e_finish
