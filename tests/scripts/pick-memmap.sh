#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# TAP tests of scripts/pick-memmap.sh on synthetic /proc/iomem contents.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
check() {	# name expected-output-or-FAIL iomem-text
	n=$((n + 1))
	printf '%s\n' "$3" >"$tmp/iomem"
	out=$(scripts/pick-memmap.sh 1 "$tmp/iomem" 2>/dev/null | head -n 1)
	rc=$?
	if [ "$2" = FAIL ]; then
		[ -z "$out" ] && echo "ok $n $1" || echo "not ok $n $1 # got '$out'"
	else
		[ "$out" = "$2" ] && echo "ok $n $1" || echo "not ok $n $1 # got '$out' rc=$rc, want '$2'"
	fi
}
check "largest range below 4 GiB, 16 MiB from its top" 'memmap=1M$0xbee00000' \
'00001000-0009fbff : System RAM
00100000-bffdffff : System RAM
  1b000000-1c002576 : Kernel code
100000000-23fffffff : System RAM'
check "range crossing 4 GiB is clipped at 4 GiB" 'memmap=1M$0xfef00000' \
'00100000-1ffffffff : System RAM'
check "zeroed addresses (not root) are refused" FAIL \
'00000000-00000000 : System RAM
00000000-00000000 : System RAM'
check "overlap with a crash kernel is refused" FAIL \
'00100000-3fffffff : System RAM
  3e000000-3effffff : Crash kernel'
check "no RAM below 4 GiB is refused" FAIL \
'100000000-23fffffff : System RAM'
echo "1..$n"
