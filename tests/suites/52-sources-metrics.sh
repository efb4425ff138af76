#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Crash sources and metrics on the host, with the real programs: the
# journal source against a journal written by systemd-journal-remote, and
# --metrics scraped from a real prometheus-node-exporter.  (pstore and the
# netconsole -> rsyslog -> analyze --follow pipeline run in guests:
# e2e scenarios 95 and 96.)  Cheap: a few seconds.
set -u
cd "$(dirname "$0")/../.." || exit 1
if ! make -s -C user >build/sources-build.log 2>&1; then
	sed 's/^/# /' build/sources-build.log
	echo "not ok 1 sources and metrics: the reporter does not build"
	exit 1
fi
n=0
for t in tests/scripts/journal-source.sh tests/scripts/metrics-node-exporter.sh; do
	while IFS= read -r line; do
		case $line in
		"ok "* | "not ok "*)
			n=$((n + 1))
			status=${line%% -*}
			echo "$status $n ${line#* - }"
			;;
		*) echo "$line" ;;
		esac
	done < <("$t" 2>&1)
done
echo "1..$n"
