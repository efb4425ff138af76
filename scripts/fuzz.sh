#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make fuzz [SECONDS=N] [TARGETS="analyze rules records"]`: run each
# libFuzzer target of tests/fuzz for N seconds (default 600), all at once,
# at the lowest CPU priority.  Each grows a working corpus in
# build/fuzz/run/TARGET, started from the kept corpus tests/fuzz/corpus/TARGET
# (which is never written); crashes, leaks and timeouts are saved there as
# crash-*/leak-*/timeout-* files.  Ends with one line per target:
# executions, coverage (libFuzzer's cov and ft) and findings.  Keep an
# input that found a bug by copying it into tests/fuzz/corpus/TARGET:
# `make check` replays the kept corpus (tests/suites/60-fuzz.sh).
set -u
cd "$(dirname "$0")/.." || exit 1
top=$PWD
secs=${SECONDS_TO_RUN:-${1:-600}}
targets=${TARGETS:-analyze rules records}
run=$top/build/fuzz/run
make -s -C tests/fuzz >"$top/build/fuzz-build.log" 2>&1 ||
	{ cat "$top/build/fuzz-build.log"; exit 1; }
# Seeds kept elsewhere in the tree: the shipped rule files.
seeds() { [ "$1" != rules ] || echo user/causes; }
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
pids=()
for t in $targets; do
	mkdir -p "$run/$t/corpus" "$run/$t/artifacts"
	nice -n 19 "$top/build/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=25 \
		-rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$run/$t/artifacts/" \
		"$run/$t/corpus" "tests/fuzz/corpus/$t" $(seeds "$t") >"$run/$t.log" 2>&1 &
	pids+=($!)
done
rc=0
for p in "${pids[@]}"; do
	wait "$p" || rc=1
done
for t in $targets; do
	log=$run/$t.log
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
	cov=$(sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1 ft \2/p' <<<"$last")
	found=$(find "$run/$t/artifacts" -type f | wc -l)
	echo "fuzz $t: ${execs:-?} executions in ${secs}s, ${cov:-cov ?}, $found crash/leak/timeout file(s)"
done
exit $rc
