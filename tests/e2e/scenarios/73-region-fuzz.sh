#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Region fuzzing inside a guest: the self-test build of the module (the
# Debian kernels have no KUnit) feeds 10,000 mutated region images (bit
# flips, truncated used, overlapping and truncated lengths, valid
# checksums over bad contents, wrapped sequence numbers, torn records,
# garbage) through its own load code.  The fuzzer wrote every record
# itself, so it knows which came through intact: all of those must come
# back byte for byte and nothing else.  Then the costliest crafted region
# (a committed header every 64 bytes of 1 MiB) must load at a bounded
# cost.  The guest kernel's own console is the oracle for
# "no warning, no oops, no soft lockup".
. "$(dirname "$0")/../lib.sh"

images=${E2E_FUZZ_IMAGES:-10000}
# Fixed seeds keep make check reproducible; E2E_FUZZ_SEED=random (or a
# number) explores a third, E2E_FUZZ_IMAGES=N runs longer.  Seed 24493
# stays as a regression: its image 8662 flips one bit twice, which the
# fuzzer once counted as damage.
seeds="19396 24493"
extra=${E2E_FUZZ_SEED:-}
[ "$extra" = random ] && extra=$((RANDOM + 1))
[ -n "$extra" ] && seeds="$seeds $extra"
steps=loadselftest
for seed in $seeds; do
	steps="$steps,selftest:fuzz:$images:$seed"
done
e2e_boot fuzz "$steps,selftest:crafted,status" "$E2E_MEMMAP" || { e2e_finish; exit 0; }
e2e_step_ok fuzz loadselftest
n=0
for seed in $seeds; do
	n=$((n + 1))
	if e2e_step_ok fuzz selftest $n; then
		e2e_block fuzz selftest $n | grep " fuzz: .*(seed $seed)" | e2e_diag
	fi
	if e2e_block fuzz selftest $n |
		grep -q " fuzz: $images images (seed $seed): .* 0 defects"; then
		e2e_ok "fuzz: $images mutated images (seed $seed), no defect"
	else
		e2e_not_ok "fuzz: $images mutated images (seed $seed), no defect"
		e2e_block fuzz selftest $n | e2e_diag
	fi
done
n=$((n + 1))
if e2e_step_ok fuzz selftest $n; then
	e2e_block fuzz selftest $n | grep ' crafted: ' | e2e_diag
fi
if tr -d '\r' <"$E2E_DIR/fuzz.console" |
	grep -Eaq 'WARNING:|BUG:|Oops|soft lockup|rcu_sched self-detected|Call Trace'; then
	e2e_not_ok "fuzz: the console shows no warning, oops or lockup"
	tr -d '\r' <"$E2E_DIR/fuzz.console" | grep -Ea -A5 'WARNING:|BUG:|Oops|soft lockup' |
		head -n 30 | e2e_diag
else
	e2e_ok "fuzz: the console shows no warning, oops or lockup"
fi
e2e_json_check "fuzz: the module's own store still answers status" \
	"$(e2e_block fuzz status)" '.status.records == 0'
e2e_finish
