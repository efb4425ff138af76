#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: * *-rt-* *-cloud-*
#
# sysrq-c from a shell whose comm is a fresh token: after a reboot onto the
# same RAM, `lastgasp report --json` must describe that very crash (panic,
# fatal, in sysrq_handle_crash, this kernel, this comm), and a second
# report must find nothing left, because the first one cleared the record.
. "$(dirname "$0")/../lib.sh"
token=$(e2e_token)

e2e_boot crash "load,status,crash:sysrq" "$E2E_MEMMAP lg.token=$token" || { e2e_finish; exit 0; }
e2e_step_ok crash load
e2e_crashed crash "sysrq-c"

e2e_boot readback "load,uname,status,report,report" "$E2E_MEMMAP" || { e2e_finish; exit 0; }
e2e_step_ok readback load
release=$(e2e_block readback uname)
e2e_json_check "readback: status finds the previous boot's record in a valid store" \
	"$(e2e_block readback status)" \
	'.status.persistent == true and .status.previous_boot >= 1 and .status.reinitialised == false'
if e2e_one_event readback; then
	ev=$E2E_EVENT
	e2e_json_check "class is panic" "$ev" '.class == "panic"'
	e2e_json_check "fatal is true" "$ev" '.fatal == true'
	# 6.1 and 6.12 crash with panic("sysrq triggered crash").
	e2e_json_check "title is \"kernel panic: sysrq triggered crash\"" "$ev" \
		'.title == "kernel panic: sysrq triggered crash"'
	e2e_json_check "RIP function is sysrq_handle_crash" "$ev" \
		'.rip.function == "sysrq_handle_crash"'
	e2e_json_check "guilty frame is sysrq_handle_crash" "$ev" \
		'(.guilty_frame // "") | sub("\\+.*"; "") == "sysrq_handle_crash"'
	e2e_json_check "kernel_release is the guest's ($release)" "$ev" \
		'.kernel_release == $rel' --arg rel "$release"
	e2e_json_check "comm is the token $token" "$ev" '.comm == $tok' --arg tok "$token"
	e2e_json_check "the first cause is sysrq-crash (CAUSES.md #3)" "$ev" \
		'.causes[0].id == "sysrq-crash"'
fi
e2e_json_check "a second report finds no events" \
	"$(e2e_block readback report 2)" '.events == []'
e2e_finish
