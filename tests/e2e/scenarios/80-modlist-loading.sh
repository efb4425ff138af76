#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lastgasp.ko loads while another module is still loading (on the module
# list, no sysfs object yet: lastgasp_slowload sleeps in its parameter
# setter).  That module is then unloaded and the kernel oopses.  The oops
# must be recorded, listing every module the guest had loaded (its own
# /proc/modules just before the crash is the oracle), each with its name.
. "$(dirname "$0")/../lib.sh"
token=$(e2e_token)

e2e_boot crash "slowload:8000,load,modwait:lastgasp_slowload,rmmod:lastgasp_slowload,loadtest,modules,crash:null" \
	"$E2E_MEMMAP oops=panic lg.token=$token" || { e2e_finish; exit 0; }
if e2e_block crash slowload | grep -q '^lastgasp_slowload .* Loading '; then
	e2e_ok "crash: lastgasp_slowload was still loading when lastgasp.ko loaded"
else
	e2e_not_ok "crash: lastgasp_slowload was still loading when lastgasp.ko loaded"
	e2e_block crash slowload 2>/dev/null | e2e_diag
fi
e2e_step_ok crash load
e2e_step_ok crash rmmod
e2e_step_ok crash loadtest
e2e_crashed crash "NULL dereference after a half-loaded module went away"
loaded=$(e2e_block crash modules | awk '{print $1}' | sort | jq -Rnc '[inputs]')
e2e_boot readback "load,report" "$E2E_MEMMAP" || { e2e_finish; exit 0; }
e2e_step_ok readback load
if e2e_one_event readback; then
	e2e_json_check "comm is the token $token" "$E2E_EVENT" '.comm == $tok' --arg tok "$token"
	e2e_json_check "RIP is lastgasp_test_null_deref" "$E2E_EVENT" \
		'.rip.function == "lastgasp_test_null_deref"'
	e2e_json_check "modules are the guest's own list $loaded" "$E2E_EVENT" \
		'([.modules[].name] | sort) == $loaded' --argjson loaded "${loaded:-[]}"
	e2e_json_check "every module has a name" "$E2E_EVENT" \
		'(.modules | length) > 0 and all(.modules[]; (.name // "") != "")'
fi
e2e_finish
