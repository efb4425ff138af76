#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Analyzer accuracy on real crash reports quoted by people in public places
# (tests/realworld, see its README): detection, class, fatal, RIP function,
# module at fault, kernel release and task, each >= 95%.
set -u
cd "$(dirname "$0")/../.." || exit 1
out=$PWD/build/realworld
mkdir -p "$out"
if ! make -s -C user O="$out/user" >"$out/build.log" 2>&1; then
	echo "1..1"
	echo "not ok 1 realworld accuracy: the reporter does not build"
	sed 's/^/# /' "$out/build.log" | tail -n 20
	exit 1
fi
exec tests/accuracy/realworld.sh "$out/user/lastgasp" tests/realworld 95
