#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: 6.12.*
#
# Issue 7, pstore as a crash source: ramoops on the reserved range and
# lastgasp NOT loaded.  sysrq-c from a shell named after the token; on the
# next boot (same RAM) `lastgasp report` finds no module, reads
# /sys/fs/pstore, reports the crash (its comm is the token, its source the
# pstore file), archives the file and only then removes it.  The dying
# console is the oracle that the crash happened and what pstore should
# hold.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../extra-modules.sh"

if ! e2e_initrd_with fs/pstore/ramoops lib/reed_solomon/reed_solomon >"$E2E_DIR/modules.why"; then
	echo "ok $E2E_NAME [$E2E_REL]: pstore source # SKIP $(cat "$E2E_DIR/modules.why")"
	exit 0
fi
token=$(e2e_token)
ramoops=ramoopsat:$E2E_REGION_ADDR:$E2E_REGION_SIZE
# memmap= keeps the range out of the kernel's hands; lg.mem is unused.
e2e_boot crash "$ramoops,crash:sysrq" "$E2E_MEMMAP lg.token=$token" || { e2e_finish; exit 0; }
e2e_step_ok crash ramoopsat
e2e_crashed crash "sysrq-c"
if tr -d '\r' <"$E2E_DIR/crash.console" | grep -q "Comm: $token "; then
	e2e_ok "crash: the dying console shows the crash of $token"
else
	e2e_not_ok "crash: the dying console shows the crash of $token"
fi

e2e_boot readback "$ramoops,sourcereport" "$E2E_MEMMAP lg.token=$token" || { e2e_finish; exit 0; }
e2e_step_ok readback ramoopsat
out=$(e2e_block readback sourcereport)
section() { sed -n "/^LG-$1\$/,/^LG-$2\$/p" <<<"$out" | sed '1d;$d'; }
before=$(section BEFORE JSON)
json=$(section JSON STDERR)
err=$(section STDERR PSTORE)
after=$(section PSTORE ARCHIVE)
archived=$(sed -n '/^LG-ARCHIVE$/,$p' <<<"$out" | sed '1d')
rc=$(e2e_block_rc readback sourcereport)

if grep -q 'module is not loaded' <<<"$err"; then
	e2e_ok "readback: report says the module is not loaded"
else
	e2e_not_ok "readback: report says the module is not loaded"
fi
[ "$rc" = 0 ] && e2e_ok "readback: report exits 0 with the pstore event" ||
	{ e2e_not_ok "readback: report exits 0 with the pstore event (status $rc)"; echo "$out" | e2e_diag; }
E2E_EVENT=$(jq -c --arg t "$token" '[.events[] | select(.comm == $t)] | first // empty' <<<"$json" 2>/dev/null)
if [ -n "$E2E_EVENT" ]; then
	e2e_ok "readback: report has the crash of $token"
	e2e_json_check "its source is a pstore dump file" "$E2E_EVENT" \
		'.source | test("^pstore:/sys/fs/pstore/dmesg-ramoops-[0-9]+$")'
	e2e_json_check "it is fatal" "$E2E_EVENT" '.fatal == true'
else
	e2e_not_ok "readback: report has the crash of $token"
	echo "$out" | head -n 40 | e2e_diag
fi
# pstore listed the dump before the report, not after; the archive has it.
dump=$(grep -m1 '^dmesg-ramoops-' <<<"$before")
if [ -n "$dump" ]; then
	e2e_ok "readback: pstore held $dump before the report"
	if grep -qx "$dump" <<<"$after"; then
		e2e_not_ok "readback: $dump is removed after the report"
	else
		e2e_ok "readback: $dump is removed after the report"
	fi
else
	e2e_not_ok "readback: pstore held a dump before the report"
	echo "$before" | e2e_diag
fi
[ "${archived:-0}" -ge 1 ] 2>/dev/null && e2e_ok "readback: the archive holds the crash of $token" ||
	e2e_not_ok "readback: the archive holds the crash of $token"
e2e_finish
