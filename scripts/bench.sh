#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make bench`: the analyzer against a baseline measured in the same run.
#
# Input: a large syslog (LASTGASP_BENCH_MIB, default 512 MiB) of ordinary
# daemon and kernel chatter with real crash logs from the corpus spread
# through it, generated once into build/bench/ (never committed).
#
# Printed (each time the median of LASTGASP_BENCH_RUNS runs, default 3;
# runs of the different commands are interleaved so that load from other
# processes hits them alike):
#   - `grep -c -F -f TRIGGERS` over the file (TRIGGERS = the literals that
#     start crash events) in MiB/s, the baseline;
#   - the real `user/lastgasp analyze --json FILE >/dev/null` with the
#     shipped rules in MiB/s, and its speed relative to grep;
#   - peak RSS (getrusage via /usr/bin/time) on the first 64 MiB and on
#     the whole file: memory must not grow with the input;
#   - rule scaling: the same run with the shipped rules x10 (copies with
#     renamed ids, each pattern given a distinct alternative that never
#     matches, so the copies are distinct rules), as time(x10)/time(x1);
#   - the same rule scaling on an event-dense log (the corpus crash logs
#     back to back), where matching weighs far more than on a real syslog;
#   - hostile inputs (scripts/bench-hostile.sh): 1 GiB of random bytes, a
#     100 MB line, a log whose every line starts a crash report, each at
#     1/4, 1/2 and all of its size (time linear, memory flat).
# Wall-clock ratios move with other load on the machine; CPU-time
# (user+sys) ratios are printed beside them and move less.  With
# LASTGASP_BENCH_CALLGRIND=1 the rule scaling is also counted in
# instructions (valgrind --tool=callgrind, on the first 64 MiB of the
# syslog and 8 MiB of the dense log), which no other load disturbs.
# Nothing here asserts a time.
set -eu
cd "$(dirname "$0")/.."
top=$PWD
mib=${LASTGASP_BENCH_MIB:-512}
runs=${LASTGASP_BENCH_RUNS:-3}
corpus=${LASTGASP_CORPUS:-$top/../shared/corpus}
dir=$top/build/bench
log=$dir/syslog-${mib}M.log
dense=$dir/dense-32M.log
tool=$top/build/tests/accuracy/corpus-tool
lg=$top/user/lastgasp
mkdir -p "$dir"
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time missing (scripts/deps.sh installs it)" >&2; exit 1; }

make -s -C user
make -s -C tests "$tool"
"$tool" triggers >"$dir/triggers.txt"

# One chunk: ~4 MiB of syslog chatter plus one corpus crash log rewritten
# as "kernel:" syslog lines, placed in the middle of the chunk.
make_chunk() {
	local crash=$1 out=$2
	awk -v seed="$RANDOM" -v lines=40000 '
	BEGIN {
		srand(seed)
		split("sshd[%d]: Accepted publickey for deploy from 10.0.%d.%d port %d ssh2|" \
		      "systemd[1]: Started Session %d of user root.|" \
		      "CRON[%d]: (root) CMD (run-parts /etc/cron.hourly) %d %d %d|" \
		      "kernel: [%d.%06d] usb 1-1: new high-speed USB device number %d using xhci_hcd|" \
		      "kernel: [%d.%06d] IPv6: ADDRCONF(NETDEV_CHANGE): eth%d: link becomes ready|" \
		      "dockerd[%d]: time=\"2022-06-06T21:33:17\" level=info msg=\"ignoring event\" id=%d%d%d|" \
		      "systemd-logind[%d]: New session %d of user admin (%d, %d).|" \
		      "kernel: [%d.%06d] EXT4-fs (sda%d): re-mounted. Opts: errors=remount-ro|" \
		      "rsyslogd[%d]: action '\''action-%d-builtin:omfwd'\'' resumed %d %d|" \
		      "nginx[%d]: 10.1.%d.%d - - \"GET /api/v1/items HTTP/1.1\" 200 %d", fmt, "|")
		for (i = 0; i < lines; i++) {
			f = fmt[1 + int(rand() * 10)]
			printf "Nov %2d %02d:%02d:%02d web-%02d ", 1 + i % 28, i % 24, i % 60, (i * 7) % 60, i % 50
			printf f "\n", int(rand() * 90000), int(rand() * 250), int(rand() * 250), int(rand() * 65000)
		}
	}' >"$out.a"
	{
		head -n 20000 "$out.a"
		sed -e 's/\r$//' -e 's/^/Nov 21 10:00:00 web-01 kernel: /' "$crash"
		tail -n +20001 "$out.a"
	} >"$out"
	rm -f "$out.a"
}

if [ ! -s "$log" ]; then
	echo "bench: generating $log (${mib} MiB)"
	mapfile -t crashes < <(ls "$corpus"/abrt/*.log "$corpus"/satyr/*.log \
		"$corpus"/telemetrics-client/*.log 2>/dev/null | head -n 32)
	[ "${#crashes[@]}" -gt 0 ] || { echo "bench: no crash logs in $corpus" >&2; exit 1; }
	for i in "${!crashes[@]}"; do
		make_chunk "${crashes[$i]}" "$dir/chunk.$i"
	done
	: >"$log.tmp"
	i=0
	while [ "$(stat -c %s "$log.tmp")" -lt $((mib * 1024 * 1024)) ]; do
		cat "$dir/chunk.$((i % ${#crashes[@]}))" >>"$log.tmp"
		i=$((i + 1))
	done
	rm -f "$dir"/chunk.*
	mv "$log.tmp" "$log"
fi

if [ ! -s "$log" ]; then
	echo "bench: generating $log (${mib} MiB)"
	mapfile -t crashes < <(ls "$corpus"/abrt/*.log "$corpus"/satyr/*.log \
		"$corpus"/telemetrics-client/*.log 2>/dev/null | head -n 32)
	[ "${#crashes[@]}" -gt 0 ] || { echo "bench: no crash logs in $corpus" >&2; exit 1; }
	for i in "${!crashes[@]}"; do
		make_chunk "${crashes[$i]}" "$dir/chunk.$i"
	done
	: >"$log.tmp"
	i=0
	while [ "$(stat -c %s "$log.tmp")" -lt $((mib * 1024 * 1024)) ]; do
		cat "$dir/chunk.$((i % ${#crashes[@]}))" >>"$log.tmp"
		i=$((i + 1))
	done
	rm -f "$dir"/chunk.*
	mv "$log.tmp" "$log"
fi

# The corpus crash logs back to back: nearly every line belongs to an event.
if [ ! -s "$dense" ]; then
	echo "bench: generating $dense"
	find "$corpus" -name '*.log' -print0 | sort -z | xargs -0 cat >"$dense.one"
	: >"$dense.tmp"
	while [ "$(stat -c %s "$dense.tmp")" -lt $((32 * 1024 * 1024)) ]; do
		cat "$dense.one" >>"$dense.tmp"
	done
	rm -f "$dense.one"
	mv "$dense.tmp" "$dense"
fi

# Rule sets.  LASTGASP_DATADIR points at a directory without causes.d so
# that both sets load through --causes alone.
empty=$dir/no-datadir
x1=$top/user/causes
x10=$dir/rules-x10
mkdir -p "$empty"
rm -rf "$x10"
mkdir -p "$x10"
for f in "$x1"/*.yaml; do
	b=$(basename "$f")
	cp "$f" "$x10/c0-$b"
	for k in 1 2 3 4 5 6 7 8 9; do
		awk -v k="$k" '
		BEGIN {
			n = split("nvme0: controller fatal status|xhci_hcd: ring expansion failed|" \
				  "ext4 journal commit stalled on|i915 GuC firmware load timed out in|" \
				  "mlx5_core: health poll missed for|bnxt_en: firmware reset deferred by|" \
				  "zram: writeback budget exhausted at|btrfs: scrub stopped with csum gap|" \
				  "ixgbe: tx unit hang detected in|megaraid_sas: fw state fault from|" \
				  "ata7: hard reset failed retrying for|amdgpu: ring gfx timeout seq", w, "|")
		}
		# one never-logged alternative inside every single-quoted regex
		function vary(s,   i, r, q) {
			r = ""
			while ((i = index(s, "\047")) > 0) {
				r = r substr(s, 1, i)
				s = substr(s, i + 1)
				if ((q = index(s, "\047")) == 0)
					break
				nv++
				r = r substr(s, 1, q - 1) "|" w[1 + (k * 5 + nv) % n] " " id " " k "\047"
				s = substr(s, q + 1)
			}
			return r s
		}
		/^  - id: / { id = $3 "-copy" k; sub(/$/, "-copy" k); nv = 0; inlines = 0; print; next }
		/^    (event_title|panic_message|rip_regex|hardware|lines): *[\[\047]/ { print vary($0); next }
		/^    lines: *$/ { inlines = 1; print; next }
		inlines && /^      - \047/ { print vary($0); next }
		/^    [a-z_]+:/ { inlines = 0 }
		{ print }' "$f" >"$x10/c$k-$b"
	done
done
n1=$(LASTGASP_DATADIR=$empty "$lg" causes list --causes "$x1" | wc -l)
n10=$(LASTGASP_DATADIR=$empty "$lg" causes list --causes "$x10" | wc -l)
LASTGASP_DATADIR=$empty "$lg" causes check "$x10" >/dev/null
[ "$n10" -eq $((n1 * 10)) ] || { echo "bench: rules x10 has $n10 rules, want $((n1 * 10))" >&2; exit 1; }
varied=$(cat "$x10"/c*.yaml | grep -cE "copy[1-9] [1-9]$(printf '\047')" || true)

# run NAME OUT CMD...: one timed run writing to OUT; appends "wall cpu
# maxrss_kb" to $dir/NAME.t.  grep must not write to /dev/null: GNU grep
# sees that and stops at the first match.
run() {
	local name=$1 out=$2 t0 t1
	shift 2
	t0=$(date +%s.%N)
	/usr/bin/time -o "$dir/$name.rusage" -f '%U %S %M' "$@" >"$out"
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" '{ printf "%.4f %.4f %d\n", b - a, $1 + $2, $3 }' \
		"$dir/$name.rusage" >>"$dir/$name.t"
}
# med NAME COLUMN: the median of a column of $dir/NAME.t; maxcol: the max
med() { sort -g -k"$2,$2" "$dir/$1.t" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'; }
maxcol() { awk -v c="$2" '$c > m { m = $c } END { print m }' "$dir/$1.t"; }
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / 1048576 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

analyze=(env LASTGASP_DATADIR="$empty" "$lg" analyze --json --causes)
analyze_head() {	# the first 64 MiB through stdin
	head -c $((64 * 1024 * 1024)) "$1" | /usr/bin/time -o "$dir/head.rusage" -f '%M' \
		"${analyze[@]}" "$x1" - >/dev/null
	cat "$dir/head.rusage"
}

size=$(stat -c %s "$log")
dsize=$(stat -c %s "$dense")
rm -f "$dir"/*.t "$dir"/*.rusage
cat "$log" "$dense" >/dev/null	# every run starts from the page cache
events=$("${analyze[@]}" "$x1" "$log" | grep -c '^  "class":' || true)
for i in $(seq "$runs"); do
	run grep "$dir/grep.out" env LC_ALL=C grep -c -F -f "$dir/triggers.txt" "$log" || true
	run x1 /dev/null "${analyze[@]}" "$x1" "$log"
	run x10 /dev/null "${analyze[@]}" "$x10" "$log"
	run dense1 /dev/null "${analyze[@]}" "$x1" "$dense"
	run dense10 /dev/null "${analyze[@]}" "$x10" "$dense"
done
rss_head=$(analyze_head "$log")

hits=$(cat "$dir/grep.out")
g=$(med grep 1); a1=$(med x1 1); a10=$(med x10 1)
d1=$(med dense1 1); d10=$(med dense10 1)
echo "input:        $log ($((size / 1048576)) MiB, $hits trigger lines, $events events)"
echo "rules:        $n1 shipped; x10 = $n10 rules in $x10 ($varied patterns with a never-matching alternative)"
echo "runs:         median of $runs (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "grep -c -F -f TRIGGERS:         $(rate "$size" "$g") MiB/s"
echo "lastgasp analyze --json:        $(rate "$size" "$a1") MiB/s  (shipped rules)"
echo "lastgasp analyze --json:        $(rate "$size" "$a10") MiB/s  (rules x10)"
echo "speed analyzer/grep:            $(ratio "$g" "$a1")x wall, $(ratio "$(med grep 2)" "$(med x1 2)")x CPU  (>= 1 is at least as fast)"
echo "rule scaling time(x10)/time(x1): $(ratio "$a10" "$a1")x wall, $(ratio "$(med x10 2)" "$(med x1 2)")x CPU  (goal <= 1.2)"
echo "peak RSS:                       $rss_head kB on the first 64 MiB, $(maxcol x1 3) kB on $((size / 1048576)) MiB (x10 rules: $(maxcol x10 3) kB); grep $(maxcol grep 3) kB"
echo
echo "event-dense log: $dense ($((dsize / 1048576)) MiB of corpus crash logs back to back)"
echo "lastgasp analyze --json:        $(rate "$dsize" "$d1") MiB/s shipped rules, $(rate "$dsize" "$d10") MiB/s rules x10"
echo "rule scaling time(x10)/time(x1): $(ratio "$d10" "$d1")x wall, $(ratio "$(med dense10 2)" "$(med dense1 2)")x CPU"

# instr RULES FILE MIB: instructions of one analyzer run over FILE's first MIB MiB
instr() {
	head -c $(($3 * 1024 * 1024)) "$2" | LASTGASP_DATADIR="$empty" valgrind \
		--tool=callgrind --callgrind-out-file=/dev/null \
		"$lg" analyze --json --causes "$1" - 2>&1 >/dev/null |
		awk '/Collected :/ { print $NF }'
}
if [ "${LASTGASP_BENCH_CALLGRIND:-0}" = 1 ] && command -v valgrind >/dev/null; then
	echo
	s1=$(instr "$x1" "$log" 64); s10=$(instr "$x10" "$log" 64)
	e1=$(instr "$x1" "$dense" 8); e10=$(instr "$x10" "$dense" 8)
	echo "instructions (callgrind), x10/x1: $(ratio "$s10" "$s1")x on 64 MiB of syslog ($s1 -> $s10), $(ratio "$e10" "$e1")x on 8 MiB event-dense ($e1 -> $e10)"
fi

# Hostile inputs: linear time, flat memory (scripts/bench-hostile.sh).
echo
scripts/bench-hostile.sh

# The module's capture cost and record sizes, in a guest (scripts/bench-capture.sh).
[ "${LASTGASP_BENCH_CAPTURE:-1}" = 0 ] || { echo; scripts/bench-capture.sh; }
