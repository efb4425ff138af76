#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make bench`, analyzer part: throughput of the log parser against a
# baseline measured in the same run, `grep -c -F -f TRIGGERS` over the same
# file (TRIGGERS = the classifier's trigger literals).  The input is a large
# syslog (LASTGASP_BENCH_MIB, default 512 MiB) of ordinary daemon and kernel
# chatter with real crash logs from the corpus spread through it, generated
# once into build/bench/.  Prints MiB/s of both, the ratio and the peak RSS
# of the analyzer.  Nothing here asserts a time.
set -eu
cd "$(dirname "$0")/.."
top=$PWD
mib=${LASTGASP_BENCH_MIB:-512}
corpus=${LASTGASP_CORPUS:-/work/shared/corpus}
dir=$top/build/bench
log=$dir/syslog-${mib}M.log
tool=$top/build/tests/accuracy/corpus-tool
mkdir -p "$dir"

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

size=$(stat -c %s "$log")
cat "$log" >/dev/null	# both runs start from the page cache

now() { date +%s.%N; }
rate() { awk -v b="$size" -v s="$1" 'BEGIN { printf "%.0f", b / 1048576 / s }'; }

t0=$(now)
hits=$(LC_ALL=C grep -c -F -f "$dir/triggers.txt" "$log" || true)
t1=$(now)
out=$(/usr/bin/time -f 'maxrss_kb %M' "$tool" count "$log" 2>&1)
t2=$(now)

g=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
a=$(awk -v a="$t1" -v b="$t2" 'BEGIN { print b - a }')
events=$(echo "$out" | awk '/^events/ { print $2 }')
rss=$(echo "$out" | awk '/^maxrss_kb/ { v = $2 } END { print v }')

echo "input:    $log ($((size / 1048576)) MiB)"
echo "grep -c -F -f TRIGGERS:  $(rate "$g") MiB/s ($hits lines with a trigger literal)"
echo "analyzer (parse only):   $(rate "$a") MiB/s ($events events), peak RSS ${rss} kB"
awk -v g="$g" -v a="$a" 'BEGIN { printf "ratio analyzer/grep:     %.2fx\n", g / a }'
