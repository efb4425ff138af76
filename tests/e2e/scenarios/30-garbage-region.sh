#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The reserved region starts out full of random bytes, as after a cold
# boot or a firmware that left junk.  The module must load on it, count it
# invalid (or reinitialise the header), export nothing from it, and then
# still record a crash that the next boot reads back exactly.
. "$(dirname "$0")/../lib.sh"
token=$(e2e_token)

# A fresh RAM file with 1 MiB of random bytes where the region will be:
# the file offset is the guest physical address.
rm -f "$E2E_DIR/ram.img"
truncate -s "${E2E_MEM_MB}M" "$E2E_DIR/ram.img"
head -c $((E2E_REGION_SIZE)) /dev/urandom |
	dd of="$E2E_DIR/ram.img" bs=1M seek=$((E2E_REGION_ADDR >> 20)) conv=notrunc status=none

e2e_boot garbage "load,status,report,crash:sysrq" "$E2E_MEMMAP lg.token=$token" ||
	{ e2e_finish; exit 0; }
e2e_step_ok garbage load
e2e_step_ok garbage status
e2e_json_check "garbage: status counts invalid records or reinitialised the store" \
	"$(e2e_block garbage status)" \
	'.status.invalid > 0 or .status.reinitialised == true'
e2e_json_check "garbage: report exports no events" \
	"$(e2e_block garbage report)" '.events == []'
e2e_crashed garbage "sysrq-c"

e2e_boot readback "load,report" "$E2E_MEMMAP" || { e2e_finish; exit 0; }
e2e_step_ok readback load
if e2e_one_event readback; then
	e2e_json_check "the crash after the garbage is read back (panic, comm $token)" \
		"$E2E_EVENT" '.class == "panic" and .fatal == true and .comm == $tok' \
		--arg tok "$token"
fi
e2e_finish
