#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `lastgasp watch --json` running while the kernel survives an oops: the
# test module's NULL dereference with panic_on_oops=0, written by a shell
# whose comm is a fresh token.  watch must print that event as it happens
# (class oops, not fatal, this boot, the token's comm, the RIP the dying
# task's console shows), leave the record in the module for `report`, and
# when the module is unloaded say so and exit with status 2.
. "$(dirname "$0")/../lib.sh"
token=$(e2e_token)

e2e_boot live "load,loadtest,sysctl:kernel.panic_on_oops=0,watch:start,crash:null,watch:stop,watch:start,unload,watch:stop:10" \
	"$E2E_MEMMAP lg.token=$token" || { e2e_finish; exit 0; }
e2e_step_ok live load
e2e_step_ok live loadtest
e2e_step_ok live watch-start
if grep -aq '^LG-DONE' "$E2E_DIR/live.results"; then
	e2e_ok "live: the kernel survived the oops"
else
	e2e_not_ok "live: the kernel survived the oops"
	tail -n 30 "$E2E_DIR/live.console" | e2e_diag
fi
e2e_console_has live "RIP: 0010:[A-Za-z0-9_.]+\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[lastgasp_test\\]" \
	"the oops in lastgasp_test"
rip_fn=$(tr -d '\r' <"$E2E_DIR/live.console" |
	sed -n 's/.*RIP: 0010:\([A-Za-z0-9_.]*\)+0x.*\[lastgasp_test\].*/\1/p' | head -n 1)

out=$(e2e_block live watch-stop 1)
events=$(printf '%s\n' "$out" | grep '^{' | jq -cs '.' 2>/dev/null)
[ -n "$events" ] || events='[]'
E2E_EVENT=$(printf '%s\n' "$events" |
	jq -c '[.[] | select(.comm == $t)] | first // null' --arg t "$token")
if e2e_json_check "watch printed the oops of $token as a JSON line" "$E2E_EVENT" '. != null'; then
	e2e_expect_class oops
	e2e_expect_fatal false
	e2e_json_check "it is a record of this boot with a sequence number" "$E2E_EVENT" \
		'.previous_boot == false and (.seq | type) == "number" and (.boot_id | length) == 32'
	e2e_json_check "RIP is $rip_fn in [lastgasp_test]" "$E2E_EVENT" \
		'.rip.function == $fn and .rip.module == "lastgasp_test"' --arg fn "${rip_fn:-?}"
	e2e_expect_cause out-of-tree-module-culprit
fi
e2e_json_check "watch printed nothing but that event" "$events" 'length == 1'
if printf '%s\n' "$out" | grep -q '^watch-status: still running, stopped'; then
	e2e_ok "watch kept running after the oops until stopped"
else
	e2e_not_ok "watch kept running after the oops until stopped"
	printf '%s\n' "$out" | e2e_diag
fi

e2e_step_ok live unload
out=$(e2e_block live watch-stop 2)
if printf '%s\n' "$out" | grep -q '^watch-status: 2$'; then
	e2e_ok "watch exits with status 2 when the module is unloaded"
else
	e2e_not_ok "watch exits with status 2 when the module is unloaded"
	printf '%s\n' "$out" | e2e_diag
fi
if printf '%s\n' "$out" | grep -q '^watch-stderr: .*module was unloaded'; then
	e2e_ok "watch says the module was unloaded"
else
	e2e_not_ok "watch says the module was unloaded"
	printf '%s\n' "$out" | e2e_diag
fi
e2e_finish
