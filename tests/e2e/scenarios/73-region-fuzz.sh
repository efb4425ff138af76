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

images=10000
# A fixed seed keeps make check reproducible; E2E_FUZZ_SEED=random (or a
# number) explores.  Seed 24493 is a known open defect on 7.2: a bit-flipped
# image (8662) gave back a record that was not written intact.
seed=${E2E_FUZZ_SEED:-19396}
[ "$seed" = random ] && seed=$((RANDOM + 1))
e2e_boot fuzz "loadselftest,selftest:fuzz:$images:$seed,selftest:crafted,status" \
	"$E2E_MEMMAP" || { e2e_finish; exit 0; }
e2e_step_ok fuzz loadselftest
if e2e_step_ok fuzz selftest 1; then
	e2e_block fuzz selftest 1 | grep ' fuzz: ' | e2e_diag
fi
if e2e_block fuzz selftest 1 | grep -q " fuzz: $images images (seed $seed): .* 0 defects"; then
	e2e_ok "fuzz: $images mutated images (seed $seed), no defect"
else
	e2e_not_ok "fuzz: $images mutated images (seed $seed), no defect"
	e2e_block fuzz selftest 1 | e2e_diag
fi
if e2e_step_ok fuzz selftest 2; then
	e2e_block fuzz selftest 2 | grep ' crafted: ' | e2e_diag
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
