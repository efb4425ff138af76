#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Room for the final crash.  On a small region (256 KiB), any user's
# memory cgroup OOM loop (12 kills) and 8 oopses the kernel survives
# (panic_on_oops=0) come first; then the kernel panics.  The panic must be
# recorded; the OOM-victim records stop at the module's burst limit
# (LG_OOM_BURST in kmod/oom.c), the rest counted as dropped.
E2E_MEM_MB=512
. "$(dirname "$0")/../lib.sh"
token=$(e2e_token)
region="memmap=1M\$$E2E_REGION_ADDR lg.mem=$E2E_REGION_ADDR,0x40000"
kills=12
oopses=8
burst=$(sed -n 's/^#define LG_OOM_BURST[[:space:]]*\([0-9]*\).*/\1/p' "$e2e_top/kmod/oom.c")

steps="load,loadtest,sysctl:kernel.panic_on_oops=0,oomloop:$kills"
for _ in $(seq "$oopses"); do steps="$steps,crash:null"; done
e2e_boot crash "$steps,crash:panic" "$region lg.token=$token" ||
	{ e2e_finish; exit 0; }
e2e_step_ok crash load
e2e_step_ok crash oomloop
oom_kills=$(tr -d '\r' <"$E2E_DIR/crash.console" | grep -ac "Killed process [0-9]* ($token)")
if [ "$oom_kills" -ge "$kills" ]; then
	e2e_ok "crash: the console shows $oom_kills OOM kills of $token"
else
	e2e_not_ok "crash: the console shows $kills OOM kills of $token (got $oom_kills)"
fi
nonfatal=$(tr -d '\r' <"$E2E_DIR/crash.console" | grep -ac 'RIP: 0010:lastgasp_test_null_deref')
if [ "$nonfatal" -ge "$oopses" ]; then
	e2e_ok "crash: the console shows $nonfatal oopses the kernel survived"
else
	e2e_not_ok "crash: the console shows $oopses oopses the kernel survived (got $nonfatal)"
fi
e2e_console_has crash "Kernel panic - not syncing: lastgasp test $token" "the final panic"

e2e_boot readback "load,status,report" "$region" || { e2e_finish; exit 0; }
e2e_step_ok readback load
json=$(e2e_block readback report) || json='{}'
e2e_json_check "the final panic is recorded (\"lastgasp test $token\")" "$json" \
	'[.events[] | select(.class == "panic" and .panic_message == "lastgasp test " + $tok)] | length == 1' \
	--arg tok "$token"
e2e_json_check "OOM-victim records: at most the burst limit ($burst) of the $kills kills" "$json" \
	'[.events[] | select(.class == "oom" and .oom.victim_comm == $tok)] | length | . >= 1 and . <= ($b | tonumber)' \
	--arg tok "$token" --arg b "${burst:-0}"
e2e_json_check "the OOM kills left out are counted as dropped" "$(e2e_block readback status)" \
	'.status.dropped >= ($k - ($b | tonumber))' --argjson k "$kills" --arg b "${burst:-0}"
e2e_finish
