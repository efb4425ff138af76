#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the initramfs of the end-to-end test guest: busybox-static, the
# modules built for one kernel release, the reporter with its shared
# libraries and cause database, the raw-netlink test tool, and the /init
# from tests/e2e/guest/init that runs what the kernel command line says.
#
# usage: mkinitramfs.sh -o OUT.cpio.gz [-k DIR_WITH_KO_FILES]
#                       [-u LASTGASP_BINARY] [-n NLTOOL_BINARY]
#                       [-x STATIC_TEST_BINARY]...  (copied to /bin)
# A piece not given (or not built yet) is left out; the guest then reports
# the missing file as the failure of the step that needs it.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out='' kodir='' reporter='' nltool='' extras=()
while getopts o:k:u:n:x: opt; do
	case "$opt" in
	o) out=$OPTARG ;;
	k) kodir=$OPTARG ;;
	u) reporter=$OPTARG ;;
	n) nltool=$OPTARG ;;
	x) extras+=("$OPTARG") ;;
	*) echo "usage: $0 -o OUT.cpio.gz [-k KODIR] [-u LASTGASP] [-n NLTOOL] [-x BIN]..." >&2; exit 1 ;;
	esac
done
[ -n "$out" ] || { echo "mkinitramfs: -o OUT.cpio.gz is required" >&2; exit 1; }

busybox=/bin/busybox
# ldd refuses a static binary: that is the test.
! ldd "$busybox" >/dev/null 2>&1 ||
	{ echo "mkinitramfs: $busybox is not busybox-static" >&2; exit 1; }

root=$(mktemp -d "${TMPDIR:-/tmp}/lg-initramfs.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,run,lib/lastgasp}
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
install -m 0755 "$top/tests/e2e/guest/init" "$root/init"

# Copy a dynamically linked binary's libraries (and the loader) to the
# paths ldd resolved them to, which are the loader's own search paths.
copy_libs() {
	local lib
	for lib in $(ldd "$1" | grep -o '/[^ ]*'); do
		[ -e "$root$lib" ] && continue
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

if [ -n "$kodir" ]; then
	for ko in "$kodir"/*.ko; do
		[ -e "$ko" ] && cp "$ko" "$root/lib/lastgasp/"
	done
fi
if [ -n "$reporter" ] && [ -x "$reporter" ]; then
	# `make install` into the guest root, exactly as a package would: the
	# guest proves that an installed copy finds everything it reads.
	make -s -C "$top/user" O="$(cd "$(dirname "$reporter")" && pwd)" \
		PREFIX=/usr DESTDIR="$root" install >/dev/null
	copy_libs "$root/usr/bin/lastgasp"
fi
if [ -n "$nltool" ] && [ -x "$nltool" ]; then
	cp "$nltool" "$root/bin/lastgasp-nltool"
	copy_libs "$nltool"
fi
for x in "${extras[@]}"; do
	[ -x "$x" ] && cp "$x" "$root/bin/"
done

mkdir -p "$(dirname "$out")"
(cd "$root" && find . -print0 | sort -z |
	cpio --null -o -H newc --owner=0:0 --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
