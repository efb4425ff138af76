#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# panic("lastgasp test TOKEN") from the test module: the read-back must be
# a fatal panic raised in lastgasp_test_panic whose message carries the
# token exactly, with the test module to blame.
. "$(dirname "$0")/../lib.sh"
token=$(e2e_token)

e2e_boot crash "load,loadtest,crash:panic" "$E2E_MEMMAP lg.token=$token" ||
	{ e2e_finish; exit 0; }
e2e_step_ok crash load
e2e_step_ok crash loadtest
e2e_crashed crash "panic from lastgasp_test"

e2e_boot readback "load,report" "$E2E_MEMMAP" || { e2e_finish; exit 0; }
e2e_step_ok readback load
if e2e_one_event readback; then
	ev=$E2E_EVENT
	e2e_json_check "class is panic, fatal" "$ev" '.class == "panic" and .fatal == true'
	e2e_json_check "panic message carries the token exactly" "$ev" \
		'.panic_message == "lastgasp test " + $tok' --arg tok "$token"
	e2e_json_check "RIP function is lastgasp_test_panic in lastgasp_test" "$ev" \
		'.rip.function == "lastgasp_test_panic" and .rip.module == "lastgasp_test"'
	e2e_json_check "culprit module is lastgasp_test" "$ev" \
		'.culprit_module == "lastgasp_test"'
	e2e_json_check "comm is the token $token" "$ev" '.comm == $tok' --arg tok "$token"
fi
e2e_finish
