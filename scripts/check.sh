#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make check`: install what the tests need, then run every suite.  A suite
# is a command that prints TAP lines ("ok N name", "not ok N name",
# "ok N name # SKIP why"); this script counts them and ends with the line
# "N passed, N failed".  A suite that exits non-zero without printing a
# failure counts as one failure, so a crashing suite is never silent.
set -u
cd "$(dirname "$0")/.."
top=$PWD
logs=$top/build/logs
mkdir -p "$logs"

passed=0 failed=0 skipped=0
# Warnings are errors here and in CI (user/Makefile, tests/Makefile), not in
# a plain `make`: a distribution's newer compiler must not break its build.
export WERROR=${WERROR:-1}

run_suite() {
	local name=$1; shift
	local log=$logs/$name.log rc p f s
	echo "== $name: $*"
	"$@" >"$log" 2>&1
	rc=$?
	grep -E '^(not )?ok ' "$log" | sed 's/^/   /'
	s=$(grep -cE '^ok .*# *SKIP' "$log")
	p=$(( $(grep -cE '^ok ' "$log") - s ))
	f=$(grep -cE '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "   not ok - $name exited with status $rc (see $log)"
		tail -n 20 "$log" | sed 's/^/   | /'
		f=1
	fi
	if [ "$f" -gt 0 ]; then
		echo "   (details: $log)"
	fi
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}

if [ "${LASTGASP_SKIP_DEPS:-0}" != 1 ]; then
	scripts/deps.sh || { echo "0 passed, 1 failed"; exit 1; }
fi

# Suites live in tests/suites (they moved from scripts/suites): one left in
# the old place would silently not run, so it fails instead.
for stray in scripts/suites/*.sh; do
	[ -e "$stray" ] || continue
	echo "== $stray"
	echo "   not ok - $stray: suites live in tests/suites/ now (git mv it there)"
	failed=$((failed + 1))
done

for suite in tests/suites/*.sh; do
	name=$(basename "$suite" .sh)
	case " ${LASTGASP_SUITES:-} " in
	"  ") ;;
	*" $name "*) ;;
	*) continue ;;
	esac
	run_suite "$name" "$suite"
done

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
