#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The raw-netlink test tool (tests/nltool) sends malformed and unprivileged
# requests to the live module inside the guest; its TAP lines come through
# here, renamed with this scenario's prefix.
. "$(dirname "$0")/../lib.sh"

e2e_boot nltool "load,nltool" "$E2E_MEMMAP" || { e2e_finish; exit 0; }
e2e_step_ok nltool load
out=$(e2e_block nltool nltool) || out=
rc=$(e2e_block_rc nltool nltool)
n=0
while IFS= read -r line; do
	case "$line" in
	"ok "* | "not ok "*)
		n=$((n + 1))
		verdict=${line%%ok *}ok
		rest=${line#"$verdict" }
		rest=$(echo "$rest" | sed 's/^[0-9]* *-* *//')
		case "$verdict" in
		ok) e2e_ok "nltool: $rest" ;;
		*) e2e_not_ok "nltool: $rest" ;;
		esac
		;;
	esac
done <<<"$out"
if [ "$n" -eq 0 ]; then
	e2e_not_ok "nltool: printed TAP lines (status ${rc:-missing})"
	{ echo "$out"; tail -n 20 "$E2E_DIR/nltool.console"; } | e2e_diag
elif [ "$rc" != 0 ]; then
	e2e_not_ok "nltool: exited with status $rc"
fi
e2e_finish
