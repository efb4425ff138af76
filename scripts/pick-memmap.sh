#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Propose a memmap= reservation for lastgasp on this x86 machine: SIZE bytes
# (default 1M) at the top of the largest "System RAM" range below 4 GiB,
# 1 MiB aligned, clear of the kernel image and any crash kernel.  Reads
# /proc/iomem, which shows real addresses only to root.
#
#   usage: pick-memmap.sh [SIZE_MiB] [IOMEM_FILE]
set -eu
size_mib=${1:-1}
iomem=${2:-/proc/iomem}
size=$((size_mib * 1024 * 1024))

if ! grep -q 'System RAM' "$iomem"; then
	echo "pick-memmap: no System RAM in $iomem" >&2
	exit 2
fi
if grep -q '^00000000-00000000 : System RAM' "$iomem"; then
	echo "pick-memmap: $iomem shows zeroed addresses; run as root" >&2
	exit 2
fi

best_start=0 best_end=0
while IFS= read -r line; do
	case "$line" in
	[0-9a-f]*" : System RAM")
		range=${line%% : *}
		start=$((16#${range%-*})) end=$((16#${range#*-} + 1))
		[ "$start" -ge $((1 << 32)) ] && continue
		[ "$end" -gt $((1 << 32)) ] && end=$((1 << 32))
		if [ $((end - start)) -gt $((best_end - best_start)) ]; then
			best_start=$start best_end=$end
		fi
		;;
	esac
done <"$iomem"

# Stay 16 MiB below the top (firmware tables and late boot allocations
# like to sit there), aligned down to 1 MiB.
addr=$(( (best_end - (16 << 20) - size) & ~((1 << 20) - 1) ))
if [ "$addr" -le "$best_start" ]; then
	echo "pick-memmap: no System RAM range below 4 GiB is large enough" >&2
	exit 2
fi

# Refuse a spot that overlaps the kernel image or a crash kernel reservation.
while IFS= read -r line; do
	case "$line" in
	*"Kernel code"|*"Kernel data"|*"Kernel bss"|*"Crash kernel")
		range=$(echo "$line" | sed 's/^ *//; s/ : .*//')
		s=$((16#${range%-*})) e=$((16#${range#*-} + 1))
		if [ "$addr" -lt "$e" ] && [ $((addr + size)) -gt "$s" ]; then
			echo "pick-memmap: the candidate overlaps '${line##* : }'; choose by hand" >&2
			exit 2
		fi
		;;
	esac
done <"$iomem"

printf 'memmap=%dM$0x%x\n' "$size_mib" "$addr"
printf 'lastgasp mem_address=0x%x mem_size=0x%x\n' "$addr" "$size"
