#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# One boot, two loads of lastgasp.ko (rmmod/insmod, as a DKMS upgrade
# does): a WARN recorded by the first load is still this boot's for the
# second, and both say so with the kernel's own boot id (the guest's
# /proc/sys/kernel/random/boot_id is the oracle).  The parameters are
# root's only (mode 0400: the region's physical address is nobody else's).
. "$(dirname "$0")/../lib.sh"
token=$(e2e_token)

e2e_boot reload "load,loadtest,params,bootid,crash:warn,sleep:4,unload,load,status,report" \
	"$E2E_MEMMAP lg.token=$token" || { e2e_finish; exit 0; }
e2e_step_ok reload load 1
e2e_step_ok reload unload
e2e_step_ok reload load 2
e2e_console_has reload "WARNING: .*lastgasp_test_warn" "the test module's WARN"
perms=$(e2e_block reload params | awk '{print $1}' | sort -u | tr '\n' ' ')
if [ "$perms" = "400 " ]; then
	e2e_ok "reload: every module parameter is mode 0400"
else
	e2e_not_ok "reload: every module parameter is mode 0400 (got: ${perms:-nothing})"
	e2e_block reload params 2>/dev/null | e2e_diag
fi
bootid=$(e2e_block reload bootid | tr -d -- '-\n ')
status=$(e2e_block reload status) || status='{}'
e2e_json_check "status after the reload: this boot's id is the kernel's ($bootid)" "$status" \
	'.status.boot_id == $id' --arg id "$bootid"
e2e_json_check "status after the reload: records, none from a previous boot" "$status" \
	'.status.records >= 1 and .status.previous_boot == 0'
json=$(e2e_block reload report) || json='{}'
e2e_json_check "the WARN of $token is reported as this boot's, with the kernel's boot id" "$json" \
	'[.events[] | select(.comm == $tok and .class == "warning")] | length == 1 and
		all(.previous_boot == false and .boot_id == $id)' \
	--arg tok "$token" --arg id "$bootid"
e2e_finish
