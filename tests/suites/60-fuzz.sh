#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The reporter's fuzz targets (tests/fuzz), short: each replays its kept
# corpus tests/fuzz/corpus/TARGET (seeds and every input that once found
# a bug) and then runs a fixed number of mutations from a fixed seed.  Any
# crash, leak, sanitizer report, timeout or invalid output fails the
# target.  `make fuzz SECONDS=N` is the long run.
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$PWD
out=$top/build/fuzz/check
runs=${LASTGASP_FUZZ_RUNS:-3000}
n=0
mkdir -p "$top/build"
if ! make -s -C tests/fuzz >"$top/build/fuzz-build.log" 2>&1; then
	sed 's/^/# /' "$top/build/fuzz-build.log"
	echo "not ok 1 fuzz targets: build failed"
	exit 1
fi
# Seeds kept elsewhere in the tree: the shipped rule files.
seeds() { [ "$1" != rules ] || echo user/causes; }
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in analyze rules records; do
	n=$((n + 1))
	rm -rf "${out:?}/$t" && mkdir -p "$out/$t/new" "$out/$t/artifacts"
	kept=$(find "tests/fuzz/corpus/$t" -type f | wc -l)
	# The first directory receives new inputs; the kept corpus is read only.
	"$top/build/fuzz/fuzz_$t" -runs="$runs" -seed=1 -timeout=25 -rss_limit_mb=2048 \
		-max_len=65536 -artifact_prefix="$out/$t/artifacts/" \
		"$out/$t/new" "tests/fuzz/corpus/$t" $(seeds "$t") >"$out/$t.log" 2>&1
	rc=$?
	found=$(find "$out/$t/artifacts" -type f | wc -l)
	if [ "$rc" -eq 0 ] && [ "$found" -eq 0 ]; then
		echo "ok $n fuzz $t: $kept kept inputs and $runs executions, no crash, leak or timeout"
	else
		grep -E 'ERROR|SUMMARY|fuzz:|runtime error' "$out/$t.log" | head -n 5 | sed 's/^/# /'
		echo "not ok $n fuzz $t: exit $rc, $found finding(s) in $out/$t/artifacts (log $out/$t.log)"
	fi
done
