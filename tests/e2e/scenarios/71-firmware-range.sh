#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Only a range reserved for lastgasp may hold the store.  The firmware's
# own reserved range holding the ACPI tables is refused with a message
# naming the range and its owner as /proc/iomem names it, and the tables
# stay readable and unchanged; the memmap= region is accepted and claimed:
# /proc/iomem shows "lastgasp" inside it.  Oracles: the kernel's own ACPI
# table listing (dmesg) and /proc/iomem of a first boot without the module.
. "$(dirname "$0")/../lib.sh"

e2e_boot probe "dmesg,iomem" "$E2E_MEMMAP" || { e2e_finish; exit 0; }
dsdt=$(e2e_block probe dmesg | sed -n 's/.*ACPI: DSDT 0x\([0-9A-Fa-f]*\).*/\1/p' | head -n 1)
range='' owner=''
if [ -n "$dsdt" ]; then
	# The top-level /proc/iomem entry holding the DSDT.
	while IFS= read -r line; do
		case "$line" in " "*) continue ;; esac
		r=${line%% :*} name=${line#*: }
		s=$((16#${r%-*})) e=$((16#${r#*-}))
		if [ "$s" -le $((16#$dsdt)) ] && [ $((16#$dsdt)) -le "$e" ]; then
			range=$r owner=$name
		fi
	done < <(e2e_block probe iomem)
fi
if [ -z "$range" ]; then
	e2e_not_ok "probe: the DSDT (0x${dsdt:-?}) lies in a /proc/iomem range"
	e2e_block probe iomem | e2e_diag
	e2e_finish
	exit 0
fi
e2e_ok "probe: the DSDT (0x$dsdt) lies in $range ($owner)"
start=$((16#${range%-*})) size=$((16#${range#*-} - 16#${range%-*} + 1))
where=$(printf '0x%x:0x%x' "$start" "$size")

e2e_boot firmware "acpidsdt,load:$where,acpidsdt,load,iomem" "$E2E_MEMMAP" ||
	{ e2e_finish; exit 0; }
rc=$(e2e_block_rc firmware load 1)
if [ -n "$rc" ] && [ "$rc" != 0 ]; then
	e2e_ok "firmware: mem_address on $range ($owner) is refused"
else
	e2e_not_ok "firmware: mem_address on $range ($owner) is refused (load status ${rc:-missing})"
fi
msg=$(e2e_block firmware load 1)
if grep -qiF -- "$range" <<<"$msg" && grep -qF -- "$owner" <<<"$msg"; then
	e2e_ok "firmware: the refusal names $range and its owner \"$owner\""
else
	e2e_not_ok "firmware: the refusal names $range and its owner \"$owner\""
	printf '%s\n' "$msg" | e2e_diag
fi
before=$(e2e_block firmware acpidsdt 1) after=$(e2e_block firmware acpidsdt 2)
if [ -n "$before" ] && [ "$(head -n 1 <<<"$before")" -gt 0 ] && [ "$before" = "$after" ]; then
	e2e_ok "firmware: the ACPI DSDT reads back unchanged"
else
	e2e_not_ok "firmware: the ACPI DSDT reads back unchanged"
	printf 'before: %s\nafter: %s\n' "$before" "$after" | e2e_diag
fi
e2e_step_ok firmware load 2
claim=$(e2e_block firmware iomem | grep -i ' : lastgasp$')
if grep -qi "^ *${E2E_REGION_ADDR#0x}-" <<<"$claim"; then
	e2e_ok "firmware: /proc/iomem shows the region claimed by lastgasp"
else
	e2e_not_ok "firmware: /proc/iomem shows the region claimed by lastgasp"
	e2e_block firmware iomem | grep -i -B1 -A1 "${E2E_REGION_ADDR#0x}" | e2e_diag
fi
e2e_finish
