#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# module-params.sh KO: TAP lines (unnumbered) saying whether lastgasp.ko's
# parameters are what the README promises, read from the module's own
# __param section (struct kernel_param, x86-64: name@0, perm@24 (u16),
# level@26, flags@27, 40 bytes each):
#   - mem_address is a hardware parameter (KERNEL_PARAM_FL_HWPARAM, 1<<1),
#     which kernel lockdown refuses;
#   - every parameter is mode 0400 (the region's address is root's only).
set -u
ko=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
objcopy -O binary --only-section=__param "$ko" "$tmp/param.bin" 2>/dev/null
objcopy -O binary --only-section=.rodata "$ko" "$tmp/rodata.bin" 2>/dev/null
size=$(stat -c %s "$tmp/param.bin" 2>/dev/null || echo 0)
if [ "$size" -eq 0 ] || [ $((size % 40)) -ne 0 ]; then
	echo "not ok $(basename "$ko"): __param holds whole struct kernel_param entries (size $size)"
	exit 0
fi
# name pointers: relocations at entry offsets against .rodata + addend.
declare -A name_of
while read -r off addend; do
	name_of[$((16#$off))]=$(dd if="$tmp/rodata.bin" bs=1 skip=$((16#$addend)) count=64 \
		2>/dev/null | tr '\0' '\n' | head -n 1)
done < <(readelf -r -W "$ko" | sed -n '/^Relocation section .\.rela__param/,/^$/p' |
	awk '$5 == ".rodata" && $6 == "+" { print $1, $7 }')
hw=no all0400=yes seen=
for ((i = 0; i < size / 40; i++)); do
	name=${name_of[$((i * 40))]:-?}
	perm=$(od -An -tu2 -j $((i * 40 + 24)) -N2 "$tmp/param.bin" | tr -d ' ')
	flags=$(od -An -tu1 -j $((i * 40 + 27)) -N1 "$tmp/param.bin" | tr -d ' ')
	seen="$seen $name=$(printf '%o' "$perm")/flags=$flags"
	[ "$perm" -eq 256 ] || all0400=no
	[ "$name" = mem_address ] && [ $((flags & 2)) -ne 0 ] && hw=yes
done
if [ "$hw" = yes ]; then
	echo "ok $(basename "$ko"): mem_address is a hardware parameter (lockdown refuses it)"
else
	echo "not ok $(basename "$ko"): mem_address is a hardware parameter (lockdown refuses it)"
	echo "#$seen"
fi
if [ "$all0400" = yes ]; then
	echo "ok $(basename "$ko"): every parameter is mode 0400"
else
	echo "not ok $(basename "$ko"): every parameter is mode 0400"
	echo "#$seen"
fi
