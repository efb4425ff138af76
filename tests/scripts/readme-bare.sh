#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The README's "Try it" block on a bare machine.  A minimal Debian 12
# (mmdebstrap --variant=minbase, made once and kept in build/bare/bookworm)
# has no make, so the block's lines before its first `make` must get it.
# Each run copies the cached root, puts this checkout's tracked files in
# /root/lastgasp, runs those lines there as root with sh -e (they need the
# network, as the README says), then checks that make reads our Makefile
# (`make -n check` runs scripts/check.sh).  It stops there: the rest needs
# QEMU, kernels and hours, which `make check` tests on the host.  TAP.
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$PWD
cache=$top/build/bare/bookworm
work=$top/build/bare/run
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n $*"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n $*"; }
diag() { sed 's/^/# /' | tail -n 15; }

# The block under "## Try it", and its lines before the first `make`.
block=$(awk '/^## Try it/ { f = 1 } f && /^```sh/ { g = 1; next } g && /^```/ { exit } g' README.md)
setup=$(printf '%s\n' "$block" | awk '/^make / { exit } { print }')
if [ -n "$setup" ]; then
	ok "the README's Try-it block says how to get make before using it"
else
	not_ok "the README's Try-it block says how to get make before using it"
	printf '%s\n' "$block" | diag
	exit 1
fi

if [ "$(id -u)" != 0 ] || ! command -v mmdebstrap >/dev/null; then
	echo "ok $((n + 1)) README set-up lines in a minimal Debian 12 # SKIP needs root and mmdebstrap"
	exit 0
fi

mkdir -p "$top/build/bare"
exec 8>"$top/build/bare/.lock"
flock 8
if [ ! -x "$cache/bin/sh" ]; then
	rm -rf "$cache.new"
	if ! mmdebstrap --quiet --variant=minbase \
		--dpkgopt='path-exclude=/usr/share/doc/*' \
		--dpkgopt='path-exclude=/usr/share/man/*' \
		--dpkgopt='path-exclude=/usr/share/locale/*' \
		bookworm "$cache.new" "deb http://deb.debian.org/debian bookworm main" \
		>"$top/build/bare/mmdebstrap.log" 2>&1; then
		not_ok "mmdebstrap makes a minimal Debian 12"
		diag <"$top/build/bare/mmdebstrap.log"
		exit 1
	fi
	mv "$cache.new" "$cache"
fi

rm -rf "$work"
cp -a "$cache" "$work"
cp /etc/resolv.conf "$work/etc/resolv.conf" 2>/dev/null
if chroot "$work" sh -c 'command -v make' >/dev/null 2>&1; then
	not_ok "a minimal Debian 12 has no make (the reason for the README's first line)"
else
	ok "a minimal Debian 12 has no make (the reason for the README's first line)"
fi

mkdir -p "$work/root/lastgasp"
if git rev-parse --git-dir >/dev/null 2>&1; then
	git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$work/root/lastgasp"
else
	tar --exclude=./build -cf - . | tar -xf - -C "$work/root/lastgasp"
fi
# The lines as a person pastes them: one shell, stop at the first failure.
if chroot "$work" /bin/sh -ec "cd /root/lastgasp
$setup" >"$top/build/bare/setup.log" 2>&1; then
	ok "the README's set-up lines run in a minimal Debian 12"
else
	not_ok "the README's set-up lines run in a minimal Debian 12"
	diag <"$top/build/bare/setup.log"
fi
if chroot "$work" sh -c 'cd /root/lastgasp && make -n check' 2>&1 | grep -q 'scripts/check.sh'; then
	ok "then make reads the Makefile (make -n check runs scripts/check.sh)"
else
	not_ok "then make reads the Makefile (make -n check runs scripts/check.sh)"
	chroot "$work" sh -c 'cd /root/lastgasp && make -n check' 2>&1 | diag
fi
rm -rf "$work"
exit $failed
