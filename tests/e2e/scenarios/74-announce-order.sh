#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Sequence numbers are taken when a capture starts and records committed
# when it ends, so a lower number can be committed after a higher one has
# been announced.  Both must reach `lastgasp watch`.  The self-test build
# takes two numbers, commits the higher one, waits for its announcement,
# then commits the lower one; the numbers it printed are the oracle.
. "$(dirname "$0")/../lib.sh"

e2e_boot order "loadselftest,watch:start,selftest:announce-order,watch:stop:3" \
	"$E2E_MEMMAP" || { e2e_finish; exit 0; }
e2e_step_ok order loadselftest
e2e_step_ok order watch-start
e2e_step_ok order selftest
line=$(e2e_block order selftest | grep -o 'announce-order: committed [0-9]*, then [0-9]*')
high=$(sed -n 's/.*committed \([0-9]*\), then.*/\1/p' <<<"$line")
low=$(sed -n 's/.*, then \([0-9]*\)$/\1/p' <<<"$line")
seqs=$(e2e_block order watch-stop | grep '^{' | jq -s -c '[.[].seq]' 2>/dev/null)
for s in "$high" "$low"; do
	e2e_json_check "watch printed record ${s:-?} (committed $([ "$s" = "$low" ] && echo second || echo first))" \
		"${seqs:-[]}" 'any(.[]; . == ($s | tonumber))' --arg s "${s:-0}"
done
e2e_finish
