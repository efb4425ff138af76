#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: crash a Debian kernel inside QEMU with lastgasp loaded, boot
# it again on the same RAM, and show what `lastgasp report` says.  Nothing
# runs on the host kernel: the module is only ever loaded in the guest.
#
#   DEMO_KERNEL  guest release (default: the installed Debian 6.1 kernel)
set -eu
cd "$(dirname "$0")/.."
top=$PWD

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

say "Installing what the demo needs (Debian packages, guest kernels)"
scripts/deps.sh

rel=${DEMO_KERNEL:-$(ls -d /lib/modules/6.1.0-*-amd64/build 2>/dev/null |
	sort -V | tail -n 1 | xargs -r dirname | xargs -r basename)}
[ -n "$rel" ] || { echo "demo: no Debian 6.1 kernel headers installed" >&2; exit 1; }

say "Building lastgasp.ko and the test module for $rel, the reporter, and a tiny initramfs"
tests/e2e/build.sh "$rel" || { echo "demo: the build failed (see above)" >&2; exit 1; }

export E2E_REL=$rel E2E_DIR=$top/build/demo E2E_NAME=demo
. tests/e2e/lib.sh
rm -f "$E2E_DIR/ram.img"
boot() {
	"$top/scripts/qemu-run.sh" -k "$E2E_KERNEL" -i "$E2E_INITRD" \
		-r "$E2E_DIR/ram.img" -m "$E2E_MEM_MB" -t 300 \
		-c "$E2E_DIR/$1.console" -o "$E2E_DIR/$1.results" -a "lg.steps=$2 $3"
}

if [ -f "build/e2e/$rel/ko/lastgasp_test.ko" ]; then
	how="a NULL-pointer dereference inside the test module lastgasp_test (oops=panic)"
	steps="load,loadtest,crash:null" extra="oops=panic"
else
	how="echo c > /proc/sysrq-trigger"
	steps="load,crash:sysrq" extra=
fi
token=$(e2e_token)

say "Boot 1: Debian $rel in QEMU, 1 GiB RAM kept in build/demo/ram.img,"
echo "    1 MiB reserved at $E2E_REGION_ADDR (memmap=1M\$$E2E_REGION_ADDR), lastgasp.ko loaded there."
echo "    Then the guest dies: $how, from a shell named $token."
boot crash "$steps" "$E2E_MEMMAP $extra lg.token=$token"
if grep -aq '^LG-DONE' "$E2E_DIR/crash.results"; then
	echo "demo: the guest survived instead of crashing; its console is build/demo/crash.console" >&2
	exit 1
fi
echo "    The guest's last words on its console:"
tr -d '\r' <"$E2E_DIR/crash.console" | grep -aE 'BUG:|Oops|RIP: 0010|Kernel panic|Comm:' |
	sed 's/^\[[ 0-9.]*\] //' | awk '!seen[$0]++' | head -n 6 | sed 's/^/      /'

say "Boot 2: a new QEMU on the same RAM file; lastgasp.ko finds the record and \`lastgasp report\` reads it"
boot readback "load,reporttext" "$E2E_MEMMAP"
echo
if ! report=$(e2e_block readback reporttext) || [ -z "$report" ]; then
	echo "demo: the second boot printed no report; its console:" >&2
	tail -n 30 "$E2E_DIR/readback.console" >&2
	exit 1
fi
printf '%s\n' "$report"
rc=$(e2e_block_rc readback reporttext)
say "That report came from the second guest (lastgasp report exited $rc). Logs: build/demo/"
rm -f "$E2E_DIR/ram.img"
