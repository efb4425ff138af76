#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make bench`, module part: what a capture costs, measured in a real guest
# (the end-to-end pieces: tests/e2e/build.sh, scripts/qemu-run.sh, the
# guest /init steps), for a NULL-dereference oops (oops=panic), sysrq-c
# and an OOM kill.  Printed per kernel and class:
#   - capture: LASTGASP_R_CAPTURE_NS of each record (local_clock() time
#     spent building it, inside the hook);
#   - kernel: the time the kernel spent printing its own report of the same
#     crash, from the printk timestamps of the dying kernel's console
#     (first line of the report to its last; for the oops and the OOM our
#     hook runs inside that interval, so its capture time is taken out);
#   - the ratio capture / kernel;
#   - record sizes (region bytes used / records, read back with nltool)
#     and how many such crashes fit the default 1 MiB region.
# TCG timings are slow and noisy; the ratios are what to look at.  Nothing
# here asserts a time.
#
#   LASTGASP_BENCH_KERNELS  guest releases (default: the installed 6.1 and
#                           6.12 non-rt trees)
set -u
cd "$(dirname "$0")/.." || exit 1
top=$PWD
out=$top/build/bench-capture
mkdir -p "$out"
region=$((1024 * 1024))
region_hdr=64

kernels=${LASTGASP_BENCH_KERNELS:-$(for d in /lib/modules/*/build; do
	r=$(basename "$(dirname "$d")")
	case "$r" in *-rt-*) ;; 6.1.0-*-amd64 | 6.12.*-amd64) echo "$r" ;; esac
done | sort -V)}
[ -n "$kernels" ] || { echo "bench-capture: no guest kernel headers installed" >&2; exit 1; }

# Build under the end-to-end lock, then work on copies: an e2e run may
# rebuild build/e2e meanwhile.
(
	mkdir -p "$top/build/e2e"
	exec 9>"$top/build/e2e/.lock"
	flock 9
	# shellcheck disable=SC2086
	tests/e2e/build.sh $kernels >"$out/build.log" 2>&1 || exit 1
	for rel in $kernels; do
		mkdir -p "$out/$rel"
		cp "build/e2e/$rel/initramfs.cpio.gz" "build/guest/$rel/vmlinuz" "$out/$rel/"
	done
) || { echo "bench-capture: build failed (build/bench-capture/build.log)" >&2; exit 1; }

# boot REL DIR PHASE MEM STEPS EXTRA
boot() {
	"$top/scripts/qemu-run.sh" -k "$out/$1/vmlinuz" -i "$out/$1/initramfs.cpio.gz" \
		-r "$2/ram.img" -m "$4" -s 1 -t 300 -c "$2/$3.console" -o "$2/$3.results" \
		-a "lg.steps=$5 $(memmap "$4") lg.token=lgbench $6" >"$2/$3.qemu" 2>&1
}

# The e2e layout: 1 MiB at 3/4 of guest RAM.
memmap() {
	local addr
	addr=$(printf '0x%x' $((($1 * 3 / 4) << 20)))
	echo "memmap=1M\$$addr lg.mem=$addr,0x100000"
}

# block FILE STEP: one step's output from the results port.
block() {
	tr -d '\r' <"$1" | sed -n "/^LG-RESULT-BEGIN $2#1\$/,/^LG-RESULT-END $2#1 rc=/p" | sed '1d;$d'
}

# stamp CONSOLE ERE [last]: printk seconds of the first (or last) match.
stamp() {
	tr -d '\r' <"$1" | grep -aE -- "$2" | { if [ "${3:-}" = last ]; then tail -n 1; else head -n 1; fi; } |
		sed -n 's/^\[ *\([0-9]*\.[0-9]*\)\].*/\1/p'
}

# The span of the kernel's report in the console, in ns.
span_ns() {
	local a b
	a=$(stamp "$1" "$2") b=$(stamp "$1" "$3" last)
	if [ -z "$a" ] || [ -z "$b" ]; then echo 0; return; fi
	awk -v a="$a" -v b="$b" 'BEGIN { printf "%d", (b - a) * 1e9 }'
}

# "kind capture_ns" per record of an nltool dump.
captures() {
	local a b k=''
	while read -r a b; do
		case "$a" in
		record) k='' ;;
		kind) k=$b ;;
		capture_ns) echo "$k $((b))" ;;
		esac
	done
}

kind_name() {
	case "$1" in 1) echo die ;; 2) echo panic ;; 4) echo oom_victim ;; *) echo "kind$1" ;; esac
}

# report REL CLASS DIR STATUS DUMP KERNEL_NS RECORDS_PER_CRASH
report() {
	local rel=$1 class=$2 status=$4 dump=$5 kns=$6 per=$7 used recs size line k ns
	used=$(printf '%s\n' "$status" | awk '$1 == "used_bytes" { print $2 }')
	recs=$(printf '%s\n' "$status" | awk '$1 == "records" { print $2 }')
	if [ -z "$used" ] || [ -z "$recs" ] || [ "$recs" -eq 0 ]; then
		echo "  $class: no records read back (see $3)"
		return
	fi
	used=$((used))
	size=$((used / recs))
	printf '  %-6s records %d, %d bytes each on average, a crash takes %d bytes: %d such crashes fit 1 MiB\n' \
		"$class" "$recs" "$size" $((size * per)) $(((region - region_hdr) / (size * per)))
	printf '%s\n' "$dump" | captures | while read -r k ns; do
		line=$(printf '    %-10s capture %8.3f ms' "$(kind_name "$k")" "$(awk -v n="$ns" 'BEGIN { print n / 1e6 }')")
		if [ "$kns" -gt 0 ]; then
			line+=$(awk -v c="$ns" -v k="$kns" \
				'BEGIN { printf ", kernel report %8.3f ms, capture/kernel %.3f", k / 1e6, c / k }')
		fi
		echo "$line"
	done
}

echo "# capture cost and record sizes (TCG guest; times are indicative, ratios matter)"
for rel in $kernels; do
	echo "$rel:"
	# NULL dereference, oops=panic: a DIE and a PANIC record per crash.
	d=$out/$rel/null
	rm -rf "$d"
	mkdir -p "$d"
	if boot "$rel" "$d" crash 1024 "load,loadtest,crash:null" "oops=panic" &&
		boot "$rel" "$d" readback 1024 "load,nltool:status,nltool:dump" ""; then
		dump=$(block "$d/readback.results" nltool-dump)
		die_ns=$(printf '%s\n' "$dump" | captures | awk '$1 == 1 { print $2; exit }')
		kns=$(span_ns "$d/crash.console" 'BUG: kernel NULL pointer dereference' '---\[ end trace')
		[ "$kns" -gt "${die_ns:-0}" ] && kns=$((kns - ${die_ns:-0}))
		report "$rel" null "$d" "$(block "$d/readback.results" nltool-status)" "$dump" "$kns" 2
	else
		echo "  null: a QEMU run failed (see $d)"
	fi

	# sysrq-c: one PANIC record; the report runs from sysrq's line to the
	# end of panic()'s stack dump, before the notifiers (Kernel Offset).
	d=$out/$rel/sysrq
	rm -rf "$d"
	mkdir -p "$d"
	if boot "$rel" "$d" crash 1024 "load,crash:sysrq" "" &&
		boot "$rel" "$d" readback 1024 "load,nltool:status,nltool:dump" ""; then
		kns=$(span_ns "$d/crash.console" 'sysrq: Trigger a crash' '</TASK>')
		report "$rel" sysrq "$d" "$(block "$d/readback.results" nltool-status)" \
			"$(block "$d/readback.results" nltool-dump)" "$kns" 1
	else
		echo "  sysrq: a QEMU run failed (see $d)"
	fi

	# OOM kill in a 256 MiB guest: one OOM_VICTIM record, same boot.  The
	# kernel's report runs from "invoked oom-killer" to "Killed process".
	d=$out/$rel/oom
	rm -rf "$d"
	mkdir -p "$d"
	if boot "$rel" "$d" oom 256 "load,sysctl:vm.panic_on_oom=0,memhog,nltool:status,nltool:dump" ""; then
		dump=$(block "$d/oom.results" nltool-dump)
		ns=$(printf '%s\n' "$dump" | captures | awk '$1 == 4 { print $2; exit }')
		kns=$(span_ns "$d/oom.console" 'invoked oom-killer' 'Out of memory: Killed process')
		[ "$kns" -gt "${ns:-0}" ] && kns=$((kns - ${ns:-0}))
		report "$rel" oom "$d" "$(block "$d/oom.results" nltool-status)" \
			"$dump" "$kns" 1
	else
		echo "  oom: the QEMU run failed (see $d)"
	fi
done
