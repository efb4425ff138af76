#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Userspace unit tests: build every tests/unit/test_*.c against
# liblastgasp.a (tests/Makefile; SAN=1 in the environment builds with
# ASan+UBSan into build/tests-san) and run each binary.  Their kselftest TAP
# lines are renumbered into one stream; a binary that cannot be built, dies
# without a failing test, or reports nothing counts as a failure.
set -u
cd "$(dirname "$0")/../.." || exit 1
san=${SAN:-0}
out=$PWD/build/tests$([ "$san" = 1 ] && echo -san)
mkdir -p build
n=0
if ! make -s -C tests SAN="$san" O="$out" unit >"build/unit-build-$san.log" 2>&1; then
	sed 's/^/# /' "build/unit-build-$san.log"
	echo "not ok 1 unit tests: build failed (SAN=$san)"
	exit 1
fi
for t in "$out"/unit/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	log=$out/unit/$name.log
	"$t" >"$log" 2>&1
	rc=$?
	seen=0
	while IFS= read -r line; do
		case $line in
		"ok "*|"not ok "*)
			seen=1
			n=$((n + 1))
			status=${line%% [0-9]*}
			rest=${line#"$status" }
			rest=${rest#* }
			echo "$status $n $name: $rest"
			;;
		"#"*) echo "$line" ;;
		esac
	done <"$log"
	if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$log"; then
		n=$((n + 1))
		echo "not ok $n $name: exited with status $rc without a failing test (see $log)"
	elif [ "$seen" = 0 ]; then
		n=$((n + 1))
		echo "not ok $n $name: printed no test results"
	fi
done
[ "$n" -gt 0 ] || { echo "not ok 1 unit tests: none found"; exit 1; }
