#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A dump interrupted by CLEAR.  Two records with 12 KiB of log each (one
# per dump message) are stored; nltool starts a dump, takes the first
# message, clears everything, has three new records stored, and reads the
# rest.  The store started over, so the old dump position means nothing:
# each of the three new records must come once (the self-test's own list
# of what it committed is the oracle), and no record twice.
. "$(dirname "$0")/../lib.sh"

e2e_boot dump "loadselftest,selftest:fill:2,nltool:dump-clear,dmesg" "$E2E_MEMMAP" ||
	{ e2e_finish; exit 0; }
e2e_step_ok dump loadselftest
e2e_step_ok dump selftest
e2e_step_ok dump nltool-dump-clear
got=$(e2e_block dump nltool-dump-clear | sed -n 's/^dump-clear://p')
new=$(e2e_block dump dmesg | sed -n 's/.*lastgasp-selftest: fill: committed\(.*\) (0)$/\1/p' | sed -n 2p)
after=${got#*|}
echo "# dump: $got; stored after the CLEAR:$new"
if [ -n "$new" ] && [ "$after" != "$got" ]; then
	for s in $new; do
		n=$(tr ' ' '\n' <<<"$after" | grep -cx "$s")
		if [ "$n" = 1 ]; then
			e2e_ok "dump: record $s, stored after the CLEAR, came once"
		else
			e2e_not_ok "dump: record $s, stored after the CLEAR, came once (got it $n times)"
		fi
	done
else
	e2e_not_ok "dump: the dump was interrupted by a CLEAR and new records were stored"
	{ e2e_block dump nltool-dump-clear; e2e_block dump dmesg | grep selftest; } | e2e_diag
fi
dups=$(tr ' |' '\n\n' <<<"$got" | grep . | sort | uniq -d | tr '\n' ' ')
if [ -z "$dups" ]; then
	e2e_ok "dump: no record came twice"
else
	e2e_not_ok "dump: no record came twice (twice: $dups)"
fi
e2e_finish
