#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `lastgasp report --metrics` read by a real node_exporter (Debian's
# prometheus-node-exporter) through its textfile collector: a pstore dump
# of a WARN that panicked (tests/fixtures/consoles/7.2-warn-panic.log) is
# reported, node_exporter is started on the loopback with only the textfile
# collector, and its /metrics must carry the lastgasp counters: one crash
# of class warning (the console says panic_on_warn made the WARN fatal),
# no survived event, and the last crash's signature as the report's JSON
# gives it.
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$PWD
bin=${LASTGASP_BIN:-$top/user/lastgasp}
ne=$(command -v prometheus-node-exporter || command -v node_exporter)
console=$top/tests/fixtures/consoles/7.2-warn-panic.log
tmp=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
ok() { echo "ok - metrics: $*"; }
not_ok() { echo "not ok - metrics: $*"; }

if [ -z "$ne" ]; then
	echo "ok - metrics # SKIP prometheus-node-exporter is not installed"
	exit 0
fi
mkdir -p "$tmp/pstore" "$tmp/textfile"
cp "$console" "$tmp/pstore/dmesg-ramoops-0"
export LASTGASP_PSTORE_DIR=$tmp/pstore
"$bin" report --source pstore --json --archive-dir "$tmp/archive" \
	--metrics "$tmp/textfile/lastgasp.prom" >"$tmp/report.json" 2>"$tmp/err"
rc=$?
sig=$(jq -r '[.events[] | select(.fatal)] | last | .signature // empty' "$tmp/report.json" 2>/dev/null)
if [ "$rc" = 0 ] && [ -n "$sig" ] && [ -s "$tmp/textfile/lastgasp.prom" ]; then
	ok "report wrote $tmp/textfile/lastgasp.prom (last crash $sig)"
else
	not_ok "report wrote the metrics file (status $rc)"
	sed 's/^/# /' "$tmp/err" "$tmp/report.json" | head -n 30
	exit 1
fi

# A free loopback port: nothing answers a connection to it.
for _ in $(seq 1 50); do
	port=$((20000 + RANDOM % 20000))
	(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done
"$ne" --web.listen-address="127.0.0.1:$port" --collector.disable-defaults \
	--collector.textfile --collector.textfile.directory="$tmp/textfile" \
	>"$tmp/ne.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
	curl -sf "http://127.0.0.1:$port/metrics" >"$tmp/metrics" 2>/dev/null && break
	sleep 0.2
done
if ! grep -q '^lastgasp_' "$tmp/metrics" 2>/dev/null; then
	not_ok "node_exporter on 127.0.0.1:$port serves the lastgasp counters"
	sed 's/^/# /' "$tmp/ne.log" | tail -n 20
	exit 1
fi
ok "node_exporter on 127.0.0.1:$port serves $(grep -c '^lastgasp_' "$tmp/metrics") lastgasp samples"
has() {
	if grep -qxF "$2" "$tmp/metrics"; then ok "$1"; else
		not_ok "$1"
		grep "^${2%%\{*}" "$tmp/metrics" | grep -v ' 0$' | sed 's/^/# /'
	fi
}
grep -q 'Kernel panic - not syncing: .*panic_on_warn' "$console" ||
	not_ok "the fixture's console shows panic_on_warn ending the WARN"
has "one crash of class warning" 'lastgasp_crashes_total{class="warning"} 1'
has "the fatal warning is no survived event" 'lastgasp_survived_events_total{class="warning"} 0'
has "no oops counted" 'lastgasp_crashes_total{class="oops"} 0'
if grep -q "^lastgasp_last_crash_info{.*signature=\"$sig\".*} 1$" "$tmp/metrics"; then
	ok "the last crash's signature is the report's ($sig)"
else
	not_ok "the last crash's signature is the report's ($sig)"
	grep '^lastgasp_last_crash' "$tmp/metrics" | sed 's/^/# /'
fi
if grep -q '^node_textfile_scrape_error 0$' "$tmp/metrics"; then
	ok "node_exporter parsed the file without error"
else
	not_ok "node_exporter parsed the file without error"
	grep textfile "$tmp/metrics" "$tmp/ne.log" | sed 's/^/# /'
fi
