#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# TAP tests of scripts/lastgasp-setup.sh on synthetic machines: /proc/iomem,
# the command line, the firmware's memory map and kallsyms under
# LG_SETUP_ROOT.  Expected values come from the fixtures themselves.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n lastgasp-setup: $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n lastgasp-setup: $*"; }

# machine CMDLINE IOMEM [FW_TYPE_OF_0x30000000 [KALLSYMS]]: a fresh root.
# The firmware map has usable RAM 0x100000-0x3ffdffff unless told otherwise.
machine() {
	rm -rf "$tmp/r"
	mkdir -p "$tmp/r/proc" "$tmp/r/sys/firmware/memmap/0" "$tmp/r/sys/firmware/memmap/1"
	printf '%s\n' "$1" >"$tmp/r/proc/cmdline"
	printf '%s\n' "$2" >"$tmp/r/proc/iomem"
	echo 0x100000 >"$tmp/r/sys/firmware/memmap/0/start"
	echo 0x2fffffff >"$tmp/r/sys/firmware/memmap/0/end"
	echo "System RAM" >"$tmp/r/sys/firmware/memmap/0/type"
	echo 0x30000000 >"$tmp/r/sys/firmware/memmap/1/start"
	echo 0x3ffdffff >"$tmp/r/sys/firmware/memmap/1/end"
	echo "${3:-System RAM}" >"$tmp/r/sys/firmware/memmap/1/type"
	printf '%s\n' "${4:-ffffffff81000000 T _stext}" >"$tmp/r/proc/kallsyms"
}
run() { out=$(LG_SETUP_ROOT=$tmp/r scripts/lastgasp-setup.sh "$@" 2>&1); rc=$?; }
conf=$tmp/r/etc/modprobe.d/lastgasp.conf

reserved='00001000-0009fbff : System RAM
00100000-2fffffff : System RAM
  01000000-01e00000 : Kernel code
30000000-300fffff : reserved
30100000-3ffdffff : System RAM'

machine 'root=/dev/vda memmap=1M$0x30000000 quiet' "$reserved"
run --write
if [ "$rc" = 0 ] && grep -qx 'options lastgasp mem_address=0x30000000 mem_size=0x100000' "$conf"; then
	ok "a reserved memmap= range gets its module options written"
else
	not_ok "a reserved memmap= range gets its module options written # rc=$rc $out"
fi

refused() {	# DESCRIPTION WHY-REGEX
	if [ "$rc" = 2 ] && [ ! -e "$conf" ] && printf '%s' "$out" | grep -qE "$2"; then
		ok "$1"
	else
		not_ok "$1 # rc=$rc out: $out"
	fi
}
machine 'memmap=1M$0x30000000' '00100000-3ffdffff : System RAM'
run --write
refused "a memmap= range the kernel still uses as System RAM is refused" "overlaps 'System RAM'"

machine 'memmap=1M$0x30000000' '00100000-2fffffff : System RAM
30000000-300fffff : reserved
  30080000-30080fff : ACPI Tables'
run --write
refused "a range holding ACPI tables is refused" "overlaps 'ACPI Tables'"

machine 'memmap=1M$0x30000000' "$reserved" Reserved
run --write
refused "a range the firmware map calls Reserved is refused" "firmware's memory map"

machine 'memmap=32K$0x30000000' "$reserved"
run --write
refused "a range under 64 KiB is refused" "smaller than 64 KiB"

machine 'quiet' '00100000-bffdffff : System RAM' "System RAM" \
	'ffffffff8a000000 T reserve_mem_find_by_name'
run
if [ "$rc" = 0 ] && printf '%s' "$out" | grep -qx '  reserve_mem=1M:4096:lastgasp'; then
	ok "a kernel with reserve_mem gets reserve_mem proposed"
else
	not_ok "a kernel with reserve_mem gets reserve_mem proposed # rc=$rc $out"
fi

# Largest range below 4 GiB ends at 0xbffe0000: minus 16 MiB minus 1 MiB,
# aligned down to 1 MiB = 0xbee00000.
machine 'quiet' '00001000-0009fbff : System RAM
00100000-bffdffff : System RAM
100000000-23fffffff : System RAM'
echo 0xbffdffff >"$tmp/r/sys/firmware/memmap/1/end"
run
if [ "$rc" = 0 ] && printf '%s' "$out" | grep -qxF '  memmap=1M$0xbee00000'; then
	ok "without reserve_mem a memmap= range is proposed"
else
	not_ok "without reserve_mem a memmap= range is proposed # rc=$rc $out"
fi

machine 'reserve_mem=1M:4096:lastgasp' '00100000-bffdffff : System RAM'
run --write
if [ "$rc" = 0 ] && [ -e "$conf" ] && ! grep -q '^options' "$conf"; then
	ok "a reserve_mem= reservation needs no options"
else
	not_ok "a reserve_mem= reservation needs no options # rc=$rc $out"
fi
echo "1..$n"
