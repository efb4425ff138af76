#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Netlink fuzzing of the live module: E2E_FUZZ_COUNT (default 10000; the
# issue's full run is 100000) random and mutated requests (tests/nltool
# fuzz.c): half as root, a quarter as nobody, a quarter as root with
# CAP_NET_ADMIN alone; dumps interrupted by CLEAR, once by a real CLEAR of
# the newest record.  The store holds a record of the previous boot (an
# oops) and one of this boot (a WARN, the newest).  Afterwards the kernel
# log holds no warning, BUG or oops, status still answers, and the records
# are what they were, less the one cleared on purpose.
. "$(dirname "$0")/../lib.sh"
: "${E2E_FUZZ_COUNT:=10000}"
token=$(e2e_token)

e2e_boot crash "load,loadtest,crash:null" "$E2E_MEMMAP oops=panic lg.token=$token" ||
	{ e2e_finish; exit 0; }
e2e_crashed crash "NULL oops"
E2E_TIMEOUT=$((E2E_TIMEOUT + E2E_FUZZ_COUNT / 200))
e2e_boot fuzz "load,loadtest,crash:warn,sleep:4,reportjsonkeep,dmesgclear,nlfuzz:$E2E_FUZZ_COUNT,dmesg,status,reportjsonkeep" \
	"$E2E_MEMMAP lg.token=$token" || { e2e_finish; exit 0; }
e2e_step_ok fuzz load
n=0
while IFS= read -r line; do
	case "$line" in
	"ok "*) n=$((n + 1)); e2e_ok "${line#ok [0-9]* }" ;;
	"not ok "*) n=$((n + 1)); e2e_not_ok "${line#not ok [0-9]* }" ;;
	esac
done < <(e2e_block fuzz nlfuzz)
[ "$n" -eq 3 ] || e2e_not_ok "fuzz: three fuzz runs reported (got $n, status $(e2e_block_rc fuzz nlfuzz))"
bad=$(e2e_block fuzz dmesg | grep -E 'WARNING:|BUG:|Oops|general protection|Call Trace')
if [ -z "$bad" ]; then
	e2e_ok "fuzz: the kernel log has no warning, BUG or oops afterwards"
else
	e2e_not_ok "fuzz: the kernel log has no warning, BUG or oops afterwards"
	printf '%s\n' "$bad" | head -n 30 | e2e_diag
fi
e2e_step_ok fuzz status
before=$(e2e_block fuzz reportjsonkeep 1) || before='{}'
after=$(e2e_block fuzz reportjsonkeep 2) || after='{}'
e2e_json_check "before: the oops of the previous boot and this boot's WARN, the newest" "$before" \
	'(.events | length) == 2 and (.events | max_by(.seq) | .class == "warning" and .comm == $tok)' \
	--arg tok "$token"
e2e_json_check "after: the records are intact, less the newest one cleared on purpose" \
	"$(jq -nc --argjson b "$before" --argjson a "$after" '{b: $b, a: $a}')" \
	'(.b.events | max_by(.seq) | .seq) as $newest |
		(.b.events | map(select(.seq != $newest))) as $keep |
		.a.events == $keep and ($keep | length) == 1'
e2e_finish
