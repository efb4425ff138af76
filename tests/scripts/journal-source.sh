#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `lastgasp report --source journal` against a real journal: the dying
# console of a WARN (tests/fixtures/consoles/7.2-warn-panic.log, up to the
# panic: a boot that survived its warning) is written as kernel messages of
# an earlier boot by systemd-journal-remote, followed by one message of
# this boot.  The report must find the warning in the previous boot, say
# the journal was its source, archive it once, and not report it again.
# Expected values come from the console text itself.
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$PWD
bin=${LASTGASP_BIN:-$top/user/lastgasp}
remote=$(command -v systemd-journal-remote || ls /lib/systemd/systemd-journal-remote 2>/dev/null)
console=$top/tests/fixtures/consoles/7.2-warn-panic.log
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { echo "ok - journal source: $*"; }
not_ok() { echo "not ok - journal source: $*"; }

if [ -z "$remote" ]; then
	echo "ok - journal source # SKIP systemd-journal-remote is not installed"
	exit 0
fi
# The oracle: the warning's task and function, as the console prints them.
comm=$(sed -n 's/.* Comm: \([^ ]*\) .*/\1/p' "$console" | head -n 1)
fn=$(sed -n 's/.*WARNING: .* at \([a-z_0-9]*\)+.*/\1/p' "$console" | head -n 1)
prev=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
now=$(tr -d - </proc/sys/kernel/random/boot_id)
t0=$(($(date +%s) - 3600))

# Export format (systemd's journal-export-format): one entry per kernel
# line, the console's own uptime stamp as the monotonic time.
{
	n=0
	sed -n '/Kernel panic/q; /^\[ *[0-9.]*\] /p' "$console" | while IFS= read -r line; do
		up=${line#[}; up=${up%%]*}; up=${up// /}
		printf '__REALTIME_TIMESTAMP=%d\n__MONOTONIC_TIMESTAMP=%d\n_BOOT_ID=%s\n_TRANSPORT=kernel\nSYSLOG_IDENTIFIER=kernel\nPRIORITY=4\nMESSAGE=%s\n\n' \
			$(((t0 + n) * 1000000)) "${up/./}" "$prev" "${line#*] }"
		n=$((n + 1))
	done
	printf '__REALTIME_TIMESTAMP=%d\n__MONOTONIC_TIMESTAMP=1000000\n_BOOT_ID=%s\n_TRANSPORT=kernel\nSYSLOG_IDENTIFIER=kernel\nMESSAGE=Linux version of this boot\n\n' \
		$(((t0 + 1800) * 1000000)) "$now"
} >"$tmp/export"
mkdir -p "$tmp/journal"
if ! "$remote" --output="$tmp/journal/remote.journal" - <"$tmp/export" >"$tmp/remote.log" 2>&1; then
	not_ok "systemd-journal-remote wrote the journal"
	sed 's/^/# /' "$tmp/remote.log"
	exit 1
fi
ok "systemd-journal-remote wrote $(grep -c '^MESSAGE=' "$tmp/export") kernel messages of two boots"

# The tree's own rules (a binary run from the tree reads user/causes).
export LASTGASP_JOURNAL_DIR=$tmp/journal
"$bin" report --source journal --json --archive-dir "$tmp/archive" >"$tmp/out.json" 2>"$tmp/err"
rc=$?
ev=$(jq -c --arg c "$comm" '[.events[] | select(.comm == $c)] | first // empty' "$tmp/out.json" 2>/dev/null)
if [ "$rc" = 0 ] && [ -n "$ev" ]; then
	ok "report finds the warning of $comm in the previous boot"
else
	not_ok "report finds the warning of $comm in the previous boot (status $rc)"
	sed 's/^/# /' "$tmp/out.json" "$tmp/err" | head -n 40
	exit 1
fi
check() {
	if jq -e "$2" --arg fn "$fn" --arg b "$prev" <<<"$ev" >/dev/null; then
		ok "$1"
	else
		not_ok "$1"
		echo "# $ev" | cut -c1-400
	fi
}
check "class warning, not fatal" '.class == "warning" and .fatal == false'
check "its title names $fn" '.title | contains($fn)'
check "its source is the journal, boot $prev" '.source == "journal:" + $b and .boot_id == $b'
if [ -s "$tmp/archive/journal-$prev.json" ]; then
	ok "the boot is archived as journal-$prev.json"
else
	not_ok "the boot is archived as journal-$prev.json"
fi
"$bin" report --source journal --json --archive-dir "$tmp/archive" >"$tmp/again.json" 2>"$tmp/again.err"
n=$(jq '.events | length' "$tmp/again.json" 2>/dev/null)
[ "$n" = 0 ] && ok "a second report does not report the archived boot again" ||
	not_ok "a second report does not report the archived boot again (${n:-no JSON})"
# A journal that is not there: one clear sentence, status 2.
LASTGASP_JOURNAL_DIR=$tmp/none "$bin" report --source journal --archive-dir "$tmp/archive" \
	>/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" = 2 ] && grep -q "cannot open the journal in $tmp/none" "$tmp/err"; then
	ok "a missing journal is said, status 2"
else
	not_ok "a missing journal is said, status 2 (status $rc)"
	sed 's/^/# /' "$tmp/err"
fi
