#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: * *-rt-* *-cloud-*
#
# A NULL-pointer dereference in the test module, with oops=panic, written
# by a shell whose comm is a fresh token.  The read-back must say: oops,
# fatal, RIP in the test module's crash function (the function the dying
# kernel itself printed on its console), the test module tainting and
# to blame, this kernel, and exactly this token.
. "$(dirname "$0")/../lib.sh"
token=$(e2e_token)

e2e_boot crash "load,loadtest,crash:null" "$E2E_MEMMAP oops=panic lg.token=$token" ||
	{ e2e_finish; exit 0; }
e2e_step_ok crash load
e2e_step_ok crash loadtest
e2e_crashed crash "NULL dereference in lastgasp_test"
# The kernel's own oops text is the oracle for the function name.
rip_fn=$(tr -d '\r' <"$E2E_DIR/crash.console" |
	sed -n 's/.*RIP: 0010:\([A-Za-z0-9_.]*\)+0x.*\[lastgasp_test\].*/\1/p' | head -n 1)
if [ -n "$rip_fn" ]; then
	e2e_ok "crash: the console shows RIP $rip_fn in [lastgasp_test]"
else
	e2e_not_ok "crash: the console shows a RIP in [lastgasp_test]"
	tail -n 40 "$E2E_DIR/crash.console" | e2e_diag
	rip_fn="(unknown)"
fi

e2e_boot readback "load,uname,report,report" "$E2E_MEMMAP" || { e2e_finish; exit 0; }
e2e_step_ok readback load
release=$(e2e_block readback uname)
if e2e_one_event readback; then
	ev=$E2E_EVENT
	e2e_json_check "class is oops" "$ev" '.class == "oops"'
	e2e_json_check "fatal is true" "$ev" '.fatal == true'
	e2e_json_check "title is the NULL dereference one, in lastgasp_test_null_deref" "$ev" \
		'.title == "BUG: unable to handle kernel NULL pointer dereference in lastgasp_test_null_deref"'
	e2e_json_check "the first cause blames the out-of-tree test module" "$ev" \
		'.causes[0].id == "out-of-tree-module-culprit"'
	e2e_json_check "RIP is $rip_fn in module lastgasp_test" "$ev" \
		'.rip.function == $fn and .rip.module == "lastgasp_test"' --arg fn "$rip_fn"
	e2e_json_check "lastgasp_test is among the tainting modules" "$ev" \
		'.tainting_modules | index(["lastgasp_test"]) != null'
	e2e_json_check "culprit module is lastgasp_test" "$ev" \
		'.culprit_module == "lastgasp_test"'
	e2e_json_check "kernel_release is the guest's ($release)" "$ev" \
		'.kernel_release == $rel' --arg rel "$release"
	e2e_json_check "comm is the token $token" "$ev" '.comm == $tok' --arg tok "$token"
	e2e_json_check "panic message is oops=panic's \"Fatal exception\"" "$ev" \
		'.panic_message == "Fatal exception"'
	# The log tail came back (on kernels before 5.13 through the module's
	# kmsg dumper): a cause quotes a line of it, one the dying console printed.
	quoted=$(printf '%s\n' "$ev" | jq -r '[.causes[].evidence[] | select(.lineno != null)
		| .line][0] // empty')
	if [ -n "$quoted" ] && tr -d '\r' <"$E2E_DIR/crash.console" | grep -qF -- "$quoted"; then
		e2e_ok "a cause quotes the saved log tail, as the console printed it"
	else
		e2e_not_ok "a cause quotes the saved log tail, as the console printed it (got '${quoted}')"
		printf '%s\n' "$ev" | jq -c '.causes' | head -c 2000 | e2e_diag
	fi
fi
e2e_json_check "a second report finds no events" \
	"$(e2e_block readback report 2)" '.events == []'
e2e_finish
