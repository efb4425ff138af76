#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Put the debug vmlinux of a guest kernel into build/debug/<release>/
# vmlinux-<release>, for the e2e scenario that resolves kernel frames to
# source lines.  Downloads only Debian's linux-image-<release>-dbg package
# (about 850 MB for 6.1) and extracts only usr/lib/debug/boot/vmlinux-<rel>
# from it (the package's module debug files are not needed).  Idempotent:
# quiet when the file is there.  Prints how long the download and the
# extraction took, for CI's time budget.
#
# Usage: scripts/fetch-debug-vmlinux.sh [RELEASE]   (default 6.1.0-*-amd64 of build/guest)
set -eu
cd "$(dirname "$0")/.."
top=$PWD
rel=${1:-$(basename "$(ls -d build/guest/6.1.0-*-amd64 2>/dev/null | head -n 1)")}
[ -n "$rel" ] || { echo "lastgasp: no 6.1 guest kernel in build/guest" >&2; exit 1; }
dir=$top/build/debug/$rel
[ -s "$dir/vmlinux-$rel" ] && exit 0
mkdir -p "$dir"
tmp=$(mktemp -d "$top/build/debug/.fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# apt-get download runs as the _apt user when it can: a directory it may write.
chmod 0777 "$tmp"
t0=$(date +%s)
if ! (cd "$tmp" && apt-get download -q -o DPkg::Lock::Timeout=900 \
	"linux-image-$rel-dbg" >/dev/null 2>"$tmp/err"); then
	echo "lastgasp: cannot download linux-image-$rel-dbg:" >&2
	cat "$tmp/err" >&2
	exit 1
fi
t1=$(date +%s)
deb=$(ls "$tmp"/linux-image-*-dbg_*.deb | head -n 1)
dpkg-deb --fsys-tarfile "$deb" |
	tar -xOf - "./usr/lib/debug/boot/vmlinux-$rel" >"$dir/vmlinux.tmp"
mv "$dir/vmlinux.tmp" "$dir/vmlinux-$rel"
t2=$(date +%s)
echo "lastgasp: debug vmlinux of $rel: download $((t1 - t0)) s ($(du -m "$deb" | cut -f1) MB), extract $((t2 - t1)) s"
