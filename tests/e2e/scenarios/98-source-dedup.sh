#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: 6.12.*
#
# Issue 7, one crash seen by two sources is reported once: lastgasp on its
# region and ramoops on another, both loaded; the test module's NULL
# dereference with oops=panic.  At the next boot `lastgasp report --source
# module,pstore` (sources named, so pstore is read although the module has
# the crash) must list the crash once, from the module, with pstore in
# also_seen_by, and still archive and remove the pstore file.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../extra-modules.sh"

if ! e2e_initrd_with fs/pstore/ramoops lib/reed_solomon/reed_solomon >"$E2E_DIR/modules.why"; then
	echo "ok $E2E_NAME [$E2E_REL]: source de-duplication # SKIP $(cat "$E2E_DIR/modules.why")"
	exit 0
fi
token=$(e2e_token)
# ramoops on the MiB above lastgasp's region, reserved the same way.
ro_addr=$(printf '0x%x' $((E2E_REGION_ADDR + 0x100000)))
args="$E2E_MEMMAP memmap=1M\$$ro_addr oops=panic lg.token=$token"
ramoops=ramoopsat:$ro_addr:0x100000
e2e_boot crash "load,$ramoops,loadtest,crash:null" "$args" || { e2e_finish; exit 0; }
e2e_step_ok crash load
e2e_step_ok crash ramoopsat
e2e_crashed crash "NULL dereference in lastgasp_test"

e2e_boot readback "load,$ramoops,dedupreport" "$E2E_MEMMAP memmap=1M\$$ro_addr lg.token=$token" ||
	{ e2e_finish; exit 0; }
out=$(e2e_block readback dedupreport)
section() { sed -n "/^LG-$1\$/,/^LG-$2\$/p" <<<"$out" | sed '1d;$d'; }
before=$(section BEFORE JSON)
json=$(section JSON STDERR)
after=$(section PSTORE ARCHIVE)
dump=$(grep -m1 '^dmesg-ramoops-' <<<"$before")
[ -n "$dump" ] && e2e_ok "readback: pstore held $dump" ||
	{ e2e_not_ok "readback: pstore held a dump"; echo "$out" | head -n 30 | e2e_diag; }
n=$(jq --arg t "$token" '[.events[] | select(.comm == $t)] | length' <<<"$json" 2>/dev/null)
if [ "$n" = 1 ]; then
	e2e_ok "readback: the crash of $token is reported once"
else
	e2e_not_ok "readback: the crash of $token is reported once (${n:-no JSON} times)"
	jq -c '.events[] | [.title, .source, .signature, .time, .also_seen_by]' <<<"$json" 2>&1 | e2e_diag
fi
E2E_EVENT=$(jq -c --arg t "$token" '[.events[] | select(.comm == $t)] | first // empty' <<<"$json" 2>/dev/null)
e2e_json_check "it is the module's record, pstore named in also_seen_by" "$E2E_EVENT" \
	'.source == "record" and .also_seen_by == ["pstore"]'
if [ -n "$dump" ] && ! grep -qx "$dump" <<<"$after"; then
	e2e_ok "readback: $dump is archived and removed all the same"
else
	e2e_not_ok "readback: the dump is archived and removed all the same"
fi
e2e_finish
