#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lastgasp-setup (installed as /usr/sbin/lastgasp-setup): where should
# this machine keep lastgasp's records?
#
# Without a reservation on this boot's kernel command line it proposes
# one: reserve_mem=SIZE:4096:lastgasp when the kernel has reserve_mem
# (Linux 6.12 and later; the module finds it by name), else
# memmap=SIZE$ADDR at the top of the largest System RAM range below
# 4 GiB, clear of the kernel image and a crash kernel, in RAM the
# firmware's own map calls usable.  With a memmap=SIZE$ADDR reservation
# on the command line it checks the range the way the module will
# (kmod/region.c) and, with --write, writes the module's options to
# /etc/modprobe.d/lastgasp.conf.  It refuses a range that the kernel
# uses as System RAM, that firmware tables, persistent memory or soft
# reserved memory overlap, that the firmware map does not call usable
# RAM, or that is smaller than the module's 64 KiB minimum.
#
# usage: lastgasp-setup [--write] [--size MiB]
# Exit status: 0 proposal printed or options written, 1 usage, 2 refused
# or nothing safe found.  LG_SETUP_ROOT=DIR reads proc/iomem,
# proc/cmdline, proc/kallsyms, sys/firmware/memmap and writes
# etc/modprobe.d under DIR instead of / (the tests' fixtures).
set -eu
root=${LG_SETUP_ROOT:-}
write=0 size_mib=1
while [ $# -gt 0 ]; do
	case "$1" in
	--write) write=1 ;;
	--size) size_mib=${2:?--size needs MiB}; shift ;;
	-h | --help) sed -n '3,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "usage: lastgasp-setup [--write] [--size MiB]" >&2; exit 1 ;;
	esac
	shift
done
case "$size_mib" in
'' | *[!0-9]*) echo "lastgasp-setup: --size takes whole MiB" >&2; exit 1 ;;
esac
min=$((64 * 1024))
iomem=$root/proc/iomem
conf=$root/etc/modprobe.d/lastgasp.conf

die() { echo "lastgasp-setup: $*" >&2; exit 2; }

[ -r "$iomem" ] || die "cannot read $iomem"
grep -q 'System RAM' "$iomem" || die "no System RAM in $iomem"
! grep -q '^00000000-00000000 : System RAM' "$iomem" ||
	die "$iomem shows zeroed addresses; run as root"

# "SIZE" with an optional K/M/G suffix, in bytes.
bytes() {
	local n=${1%[KkMmGg]}
	case "$1" in
	*[Kk]) echo $((n << 10)) ;;
	*[Mm]) echo $((n << 20)) ;;
	*[Gg]) echo $((n << 30)) ;;
	*) echo $((n)) ;;
	esac
}

# Print "START END NAME" (END exclusive) of each /proc/iomem line whose
# name is one of the arguments, at any nesting depth.
ranges() {
	local line range name want
	while IFS= read -r line; do
		range=${line%% : *} name=${line#* : }
		range=${range// /}
		for want in "$@"; do
			[ "$name" = "$want" ] || continue
			echo "$((16#${range%-*})) $((16#${range#*-} + 1)) $name"
		done
	done <"$iomem"
}

# The firmware's own map (e820 as the firmware gave it, before memmap=).
fw_ram() {
	local d
	for d in "$root"/sys/firmware/memmap/*/; do
		[ -r "$d/type" ] || continue
		[ "$(cat "$d/type")" = "System RAM" ] || continue
		echo "$(($(cat "$d/start"))) $(($(cat "$d/end") + 1))"
	done
}

# Why [ADDR, ADDR+SIZE) must not hold the records, or nothing when it may.
# A third argument "proposal": the range is System RAM today (memmap=
# takes it away at the next boot), so that overlap is expected.
unsafe() {
	local addr=$1 size=$2 s e name fw=0 any=0 ram="System RAM"
	[ "${3:-}" != proposal ] || ram=
	[ "$size" -ge "$min" ] || { echo "it is smaller than 64 KiB"; return; }
	[ $((addr & 4095)) -eq 0 ] || { echo "it is not page aligned"; return; }
	while read -r s e name; do
		if [ "$addr" -lt "$e" ] && [ $((addr + size)) -gt "$s" ]; then
			echo "it overlaps '$name' in /proc/iomem"
			return
		fi
	done < <(ranges "$ram" "ACPI Tables" "ACPI Non-volatile Storage" \
		"Persistent Memory" "Persistent Memory (legacy)" "Soft Reserved" \
		"Kernel code" "Kernel data" "Kernel bss" "Crash kernel")
	while read -r s e; do
		any=1
		[ "$addr" -ge "$s" ] && [ $((addr + size)) -le "$e" ] && fw=1
	done < <(fw_ram)
	if [ "$any" = 1 ] && [ "$fw" = 0 ]; then
		echo "the firmware's memory map (/sys/firmware/memmap) does not call it usable RAM"
	fi
}

cmdline=$(cat "$root/proc/cmdline" 2>/dev/null) || die "cannot read $root/proc/cmdline"

# reserve_mem=SIZE:ALIGN:lastgasp: the module finds it by name.
for arg in $cmdline; do
	case "$arg" in
	reserve_mem=*:lastgasp)
		echo "lastgasp-setup: this boot reserves ${arg#reserve_mem=}; the module finds it by name"
		if [ "$write" = 1 ]; then
			mkdir -p "$(dirname "$conf")"
			printf '# %s on the kernel command line: no options needed.\n' \
				"$arg" >"$conf"
			echo "lastgasp-setup: wrote $conf"
		fi
		exit 0
		;;
	esac
done

# memmap=SIZE$ADDR (several may be given, also comma-separated).
found=0
for arg in $cmdline; do
	case "$arg" in memmap=*) ;; *) continue ;; esac
	for spec in $(echo "${arg#memmap=}" | tr , ' '); do
		case "$spec" in *'$'*) ;; *) continue ;; esac
		found=1
		size=$(bytes "${spec%%\$*}") addr=$((${spec#*\$}))
		why=$(unsafe "$addr" "$size")
		if [ -n "$why" ]; then
			echo "lastgasp-setup: refusing memmap=$spec: $why" >&2
			continue
		fi
		line=$(printf 'options lastgasp mem_address=0x%x mem_size=0x%x' "$addr" "$size")
		echo "lastgasp-setup: memmap=$spec is reserved and safe: $line"
		if [ "$write" = 1 ]; then
			mkdir -p "$(dirname "$conf")"
			printf '# Written by lastgasp-setup for memmap=%s.\n%s\n' "$spec" "$line" >"$conf"
			echo "lastgasp-setup: wrote $conf"
		fi
		exit 0
	done
done
[ "$found" = 0 ] || die "no memmap=SIZE\$ADDR reservation on the command line is safe"

# Nothing reserved yet: propose.
size=$((size_mib << 20))
if grep -q ' reserve_mem_find_by_name$' "$root/proc/kallsyms" 2>/dev/null; then
	echo "lastgasp-setup: add to the kernel command line (GRUB_CMDLINE_LINUX in /etc/default/grub):"
	echo "  reserve_mem=${size_mib}M:4096:lastgasp"
	echo "then run update-grub and reboot; the module needs no options for it."
	exit 0
fi
best_s=0 best_e=0
while read -r s e _; do
	[ "$s" -ge $((1 << 32)) ] && continue
	[ "$e" -gt $((1 << 32)) ] && e=$((1 << 32))
	if [ $((e - s)) -gt $((best_e - best_s)) ]; then
		best_s=$s best_e=$e
	fi
done < <(ranges "System RAM")
# 16 MiB below the top (firmware tables and late allocations sit there),
# aligned down to 1 MiB.
addr=$(((best_e - (16 << 20) - size) & ~((1 << 20) - 1)))
[ "$addr" -gt "$best_s" ] || die "no System RAM range below 4 GiB is large enough"
why=$(unsafe "$addr" "$size" proposal)
[ -z "$why" ] || die "the candidate memmap=${size_mib}M\$$(printf 0x%x "$addr") is not safe: $why; choose by hand"
printf 'lastgasp-setup: add to the kernel command line (in /etc/default/grub write the $ as \\\\\\$):\n'
printf '  memmap=%dM$0x%x\n' "$size_mib" "$addr"
echo "then run update-grub, reboot and run lastgasp-setup --write."
