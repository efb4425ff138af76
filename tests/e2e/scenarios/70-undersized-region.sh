#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A region smaller than the module's minimum (64 KiB) is refused, never
# grown over the memory behind it.  memmap: 16 KiB reserved for lastgasp
# and, right behind it, another reserved range holding random bytes that
# must come out of the guest unchanged (the host's RAM file is the
# oracle).  reserve_mem=16K:4096:lastgasp (kernels that have it): the
# region the kernel set aside is 16 KiB of System RAM; growing it would
# zero live kernel memory, so the guest must survive the refused load.
. "$(dirname "$0")/../lib.sh"

addr=$E2E_REGION_ADDR
behind=$((addr + 0x4000))
rm -f "$E2E_DIR/ram.img"
truncate -s "${E2E_MEM_MB}M" "$E2E_DIR/ram.img"
head -c $((0x10000)) /dev/urandom >"$E2E_DIR/behind.bin"
dd if="$E2E_DIR/behind.bin" of="$E2E_DIR/ram.img" bs=4096 seek=$((behind / 4096)) \
	conv=notrunc status=none

if e2e_boot memmap "load:$addr:0x4000,uname" \
	"memmap=16K\$$addr memmap=1M\$$(printf '0x%x' $behind)"; then
	rc=$(e2e_block_rc memmap load)
	if [ -n "$rc" ] && [ "$rc" != 0 ]; then
		e2e_ok "memmap: a 16 KiB region is refused"
	else
		e2e_not_ok "memmap: a 16 KiB region is refused (load status ${rc:-missing})"
		e2e_block memmap load 2>/dev/null | e2e_diag
	fi
	if e2e_block memmap load | grep -q 'at least 65536'; then
		e2e_ok "memmap: the refusal names the minimum size"
	else
		e2e_not_ok "memmap: the refusal names the minimum size"
	fi
	e2e_step_ok memmap uname
fi
if dd if="$E2E_DIR/ram.img" bs=4096 skip=$((behind / 4096)) count=16 status=none |
	cmp -s - "$E2E_DIR/behind.bin"; then
	e2e_ok "memmap: the 48 KiB behind the region are untouched"
else
	e2e_not_ok "memmap: the 48 KiB behind the region are untouched"
fi

# reserve_mem= exists where the module's own probe (kmod/Kbuild) finds it:
# in the kernel's common header tree.
base=${E2E_REL%-amd64}
base=${base%-rt}
if cat /usr/src/linux-headers-"$base"-common*/include/linux/mm.h 2>/dev/null |
	grep -q reserve_mem_find_by_name; then
	if e2e_boot reservemem "load,uname,status" "reserve_mem=16K:4096:lastgasp"; then
		rc=$(e2e_block_rc reservemem load)
		if [ -n "$rc" ] && [ "$rc" != 0 ]; then
			e2e_ok "reserve_mem: a 16 KiB region is refused"
		else
			e2e_not_ok "reserve_mem: a 16 KiB region is refused (load status ${rc:-missing})"
			tail -n 20 "$E2E_DIR/reservemem.console" | e2e_diag
		fi
		e2e_step_ok reservemem uname
	fi
else
	echo "# $E2E_REL has no reserve_mem=: only the memmap case runs"
fi
e2e_finish
