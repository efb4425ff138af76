#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the systemd guest once: the kernel and initrd of build/sdguest
# (scripts/sdguest-root.sh), its root on DISK (scripts/sdguest-image.sh),
# systemd as init, guest RAM in RAM_FILE.  N boots are N runs on the same
# DISK and RAM_FILE: like the e2e suite's phases, the next boot finds what
# the crashed one left in the reserved region (memmap= in ARGS) and on
# the disk.  Results come from the guest's second serial port
# (tests/e2e/sdguest/steps: lg.steps= and lg.token= in ARGS).
#
# usage: sdguest-boot.sh -d DISK -r RAM_FILE -c CONSOLE_LOG -o RESULTS_LOG
#                        [-m MiB] [-t TIMEOUT_S] [-a "extra kernel args"]
# Exit status: scripts/qemu-run.sh's (124: timeout).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
g=$top/build/sdguest
args=() extra=''
while getopts d:r:c:o:m:t:a: opt; do
	case "$opt" in
	a) extra=$OPTARG ;;
	d | r | c | o | m | t) args+=("-$opt" "$OPTARG") ;;
	*) echo "sdguest-boot: bad option (see the header of $0)" >&2; exit 2 ;;
	esac
done
[ -s "$g/vmlinuz" ] && [ -s "$g/initrd.img" ] ||
	{ echo "sdguest-boot: no guest kernel; run scripts/sdguest-root.sh" >&2; exit 2; }
# systemd's status lines would only slow the serial console down.
exec "$top/scripts/qemu-run.sh" -k "$g/vmlinuz" -i "$g/initrd.img" "${args[@]}" \
	-a "root=/dev/vda rw systemd.show_status=0 $extra"
