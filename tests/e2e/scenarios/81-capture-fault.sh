#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lastgasp's own capture code faults, three times in a row on the one CPU
# (more faults than it has scratch slots): lastgasp_capfault.ko hands its
# die notifier a DIE_OOPS whose message pointer is not canonical.  Each
# fault kills the writing shell (comm TOKEN + "f") with an oops inside
# lastgasp; capture must recover every time, record those oopses, and
# still record the fatal NULL oops that follows (comm TOKEN).
. "$(dirname "$0")/../lib.sh"
token=$(e2e_token)

e2e_boot crash "insmod:lastgasp_capfault,load,loadtest,capfault,capfault,capfault,sysctl:kernel.panic_on_oops=1,crash:null" \
	"$E2E_MEMMAP lg.token=$token" || { e2e_finish; exit 0; }
e2e_step_ok crash insmod
e2e_step_ok crash load
e2e_step_ok crash loadtest
# The dying kernel's console is the oracle for how many times lastgasp's
# capture faulted on the bad message (each fault is one GPF at that address).
faults=$(tr -d '\r' <"$E2E_DIR/crash.console" |
	grep -ac 'general protection fault.*0xdead000000000bad')
if [ "$faults" -ge 1 ]; then
	e2e_ok "crash: the console shows $faults faults of the capture code on the bad message"
else
	e2e_not_ok "crash: the console shows the capture code faulting on the bad message"
	tr -d '\r' <"$E2E_DIR/crash.console" | grep -a -A3 'Oops' | head -n 30 | e2e_diag
fi
e2e_crashed crash "NULL dereference after the capture faults"

e2e_boot readback "load,report" "$E2E_MEMMAP" || { e2e_finish; exit 0; }
e2e_step_ok readback load
json=$(e2e_block readback report) || json='{}'
e2e_json_check "the final oops is recorded: comm $token, RIP lastgasp_test_null_deref, fatal" "$json" \
	'[.events[] | select(.comm == $tok and .rip.function == "lastgasp_test_null_deref" and .fatal)] | length == 1' \
	--arg tok "$token"
e2e_json_check "each of the 3 capfault writes faulted and was recorded as an oops of ${token}f ($faults on the console)" "$json" \
	'[.events[] | select(.comm == $tok + "f" and .class == "oops")] | length == 3 and $n == 3' \
	--arg tok "$token" --argjson n "$faults"
e2e_json_check "those oopses happened in lastgasp's capture, reached from lastgasp_capfault" "$json" \
	'[.events[] | select(.comm == $tok + "f")] | length > 0 and
		all(any(.call_trace[]?; .function == "lg_capture") and
		    any(.call_trace[]?; (.function // "") | startswith("lastgasp_capfault_badmsg")))' \
	--arg tok "$token"
e2e_finish
