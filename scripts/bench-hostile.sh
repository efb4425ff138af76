#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Part of `make bench`: `lastgasp analyze --json` with the shipped rules on
# three hostile inputs, each at 1/4, 1/2 and all of its size, to show that
# time grows linearly with the input and peak memory stays flat:
#   - random bytes (LASTGASP_BENCH_RANDOM_MIB, default 1024 MiB);
#   - one line (LASTGASP_BENCH_LINE_MIB, default 100 MiB) after a crash
#     start: "BUG: kernel NULL pointer dereference xxxx...";
#   - a log whose every line starts a crash report
#     (LASTGASP_BENCH_STARTS_MIB, default 16 MiB, ~260,000 events).
# Printed per input and size: wall and CPU (user+sys) seconds and peak RSS,
# then the ratios full/quarter (linear: about 4; wall time moves with other
# load on the machine, CPU time less) and RSS full/quarter (flat: about 1).
# Inputs are generated once into build/bench/ (never committed).  Nothing
# here asserts a time.
set -eu
cd "$(dirname "$0")/.."
top=$PWD
dir=$top/build/bench
lg=$top/build/bench-user/lastgasp
mkdir -p "$dir/no-datadir"
make -s -C user O="$top/build/bench-user" "$lg"

# gen NAME MIB CMD...: CMD writes the full input to stdout, once.
gen() {
	local name=$1 mib=$2 f=$dir/hostile-$1-$2M
	shift 2
	[ -s "$f" ] || { echo "bench: generating $f" >&2; "$@" | head -c $((mib * 1048576)) >"$f.tmp"; mv "$f.tmp" "$f"; }
	echo "$f"
}
starts() {
	yes 'BUG: kernel NULL pointer dereference, address: 0000000000000010' || true
}
long_line() {
	printf 'BUG: kernel NULL pointer dereference '
	tr '\0' 'x' </dev/zero || true
}

# measure FILE BYTES: "wall cpu rss_kb" of one analyze over the first BYTES.
measure() {
	local t0 t1
	t0=$(date +%s.%N)
	head -c "$2" "$1" | LASTGASP_DATADIR="$dir/no-datadir" /usr/bin/time \
		-o "$dir/hostile.rusage" -f '%U %S %M' \
		"$lg" analyze --json --causes "$top/user/causes" - >/dev/null
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" '{ printf "%.2f %.2f %d\n", b - a, $1 + $2, $3 }' \
		"$dir/hostile.rusage"
}

# row LABEL FILE MIB: the three sizes and the ratios.
row() {
	local label=$1 f=$2 mib=$3 q h w
	q=$(measure "$f" $((mib * 1048576 / 4)))
	h=$(measure "$f" $((mib * 1048576 / 2)))
	w=$(measure "$f" $((mib * 1048576)))
	printf '%s\n' "$q" "$h" "$w" | awk -v l="$label" -v m="$mib" '
	{ wall[NR] = $1; cpu[NR] = $2; rss[NR] = $3 }
	END {
		split("1/4 1/2 1", part, " ")
		for (i = 1; i <= 3; i++)
			printf "%-28s %4s of %5d MiB: %7.2f s wall %7.2f s CPU %7d kB peak RSS\n",
				l, part[i], m, wall[i], cpu[i], rss[i]
		printf "%-28s full/quarter: %.2fx wall, %.2fx CPU (linear: 4), RSS %.2fx (flat: 1)\n",
			l, wall[3] / (wall[1] > 0 ? wall[1] : 0.01),
			cpu[3] / (cpu[1] > 0 ? cpu[1] : 0.01), rss[3] / rss[1]
	}'
}

rmib=${LASTGASP_BENCH_RANDOM_MIB:-1024}
lmib=${LASTGASP_BENCH_LINE_MIB:-100}
smib=${LASTGASP_BENCH_STARTS_MIB:-16}
random=$(gen random "$rmib" head -c $((rmib * 1048576)) /dev/urandom)
line=$(gen line "$lmib" long_line)
crash=$(gen starts "$smib" starts)
echo "hostile inputs, lastgasp analyze --json with the shipped rules (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
row "random bytes" "$random" "$rmib"
row "one long line" "$line" "$lmib"
row "every line a crash start" "$crash" "$smib"
