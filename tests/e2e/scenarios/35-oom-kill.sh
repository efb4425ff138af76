#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: * *-cloud-*
#
# The same memory hog without panic_on_oom: the OOM killer ends it, the
# guest lives on and powers off cleanly.  The next boot must still report
# that OOM kill, non-fatal, with the hog as the victim and the
# one-process OOM rule first.
E2E_MEM_MB=256
. "$(dirname "$0")/../lib.sh"
token=$(e2e_token)

e2e_boot oom "load,sysctl:vm.panic_on_oom=0,memhog,uname" "$E2E_MEMMAP lg.token=$token" ||
	{ e2e_finish; exit 0; }
e2e_step_ok oom load
rc=$(e2e_block_rc oom memhog)
if [ "$rc" = 137 ]; then
	e2e_ok "oom: the hog was killed by SIGKILL (status 137)"
else
	e2e_not_ok "oom: the hog was killed by SIGKILL (status ${rc:-missing})"
	{ e2e_block oom memhog; tail -n 30 "$E2E_DIR/oom.console"; } 2>/dev/null | e2e_diag
fi
if grep -aq '^LG-DONE' "$E2E_DIR/oom.results"; then
	e2e_ok "oom: the guest survived and powered off cleanly"
else
	e2e_not_ok "oom: the guest survived and powered off cleanly"
	tail -n 30 "$E2E_DIR/oom.console" | e2e_diag
fi
e2e_console_has oom "Out of memory: Killed process [0-9]+ \\($token\\)" "the OOM killer killing $token"

e2e_boot readback "load,reportkeep,report" "$E2E_MEMMAP" || { e2e_finish; exit 0; }
e2e_step_ok readback load
json=$(e2e_block readback report | jq -c . 2>/dev/null) || json='{}'
E2E_EVENT=$(printf '%s\n' "$json" |
	jq -c '[.events[]? | select(.class == "oom")] |
		(map(select(.oom.victim_comm != null)) + .) | first // null' 2>/dev/null)
e2e_json_check "the report holds an OOM event from the previous boot" "${E2E_EVENT:-null}" \
	'. != null and .previous_boot == true' || E2E_EVENT=null
if [ "${E2E_EVENT:-null}" != null ]; then
	e2e_expect_fatal false
	e2e_expect_title_re '(?i)out of memory|oom' "names the OOM"
	e2e_json_check "the OOM victim is the hog $token" "$E2E_EVENT" \
		'.oom.victim_comm == $t' --arg t "$token"
	# The dying kernel's own "Killed process PID (COMM) ... anon-rss:NkB"
	# line is the oracle for the victim's pid and size.
	killed=$(tr -d '\r' <"$E2E_DIR/oom.console" |
		sed -n "s/.*Out of memory: Killed process \([0-9]*\) ($token).*anon-rss:\([0-9]*\)kB.*/\1 \2/p" |
		head -n 1)
	e2e_json_check "the victim's pid and RSS match the kernel's own line (pid, anon-rss kB: ${killed:-none})" \
		"$E2E_EVENT" '($k | split(" ") | map(tonumber)) as [$pid, $anon] |
			.oom.victim_pid == $pid and .oom.victim_rss_kb >= $anon' --arg k "${killed:-x x}"
	e2e_expect_cause oom-single-process
	e2e_expect_text_title
fi
e2e_json_check "no event of that boot is fatal" "$json" '[.events[]? | select(.fatal)] == []'
e2e_finish
