#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian kernels of the test matrix that the host's own apt does not
# serve: bullseye (5.10 LTS) and sid (7.x).  Their header packages want
# their own compiler and C library, so each suite gets a build chroot,
# build/chroot/SUITE, made by mmdebstrap from the apt sources in
# tests/e2e/apt/SUITE.list (the host's apt configuration is never touched)
# with only what a module build needs: make and the headers of the newest
# kernel of that suite, in the flavours listed below.  The kernel images
# are unpacked to build/guest/REL/vmlinuz, beside the host's own guest
# kernels; scripts/kmake.sh builds against the headers inside the chroot.
#
# The newest kernel of a suite is taken when its chroot is made, and its
# releases and package versions are printed and kept in
# build/chroot/SUITE/lastgasp-kernels.  To reproduce a run, pin the ABI:
# LG_KERNEL_bullseye=5.10.0-46 LG_KERNEL_sid=7.2.13+deb14 (a pin that
# differs from an existing chroot makes it again).  Idempotent, quiet when
# there is nothing to do.  Needs root (chroot) and network for a new chroot.
#
# usage: scripts/guest-chroot.sh [SUITE...]     (default: bullseye sid)
set -eu
cd "$(dirname "$0")/.."
top=$PWD

# Flavours whose headers each chroot holds: every suite's generic one, and
# the cloud flavour of sid for the matrix's cloud kernel.
flavours() {
	case "$1" in
	bullseye) echo amd64 ;;
	sid) echo amd64 cloud-amd64 ;;
	*) echo "guest-chroot: unknown suite $1 (tests/e2e/apt/ has none)" >&2; return 1 ;;
	esac
}

# The releases a chroot holds: one per headers tree of a flavour.
releases() {
	local c=$1 d rel
	for d in "$c"/usr/src/linux-headers-*; do
		[ -e "$d/Makefile" ] || continue
		rel=${d##*/linux-headers-}
		case "$rel" in *-common | *-common-rt) continue ;; esac
		echo "$rel"
	done | sort -V
}

# Unpack the image of REL from the suite's archive: sid splits it into
# linux-binary-REL, older suites ship it in linux-image-REL.
fetch_image() {
	local c=$1 rel=$2 dir=$top/build/guest/$2 pkg deb member
	[ -s "$dir/vmlinuz" ] && return 0
	mkdir -p "$dir"
	rm -rf "$c/tmp/lg-image"
	mkdir -p "$c/tmp/lg-image"
	# mmdebstrap leaves no package lists behind.
	if [ -z "$lists_ready" ]; then
		chroot "$c" apt-get update -q >/dev/null
		lists_ready=1
	fi
	for pkg in "linux-binary-$rel" "linux-image-$rel" "linux-image-$rel-unsigned"; do
		# shellcheck disable=SC2016 # $1 is the inner shell's
		chroot "$c" sh -c 'cd /tmp/lg-image && apt-get download -q \
			-o APT::Sandbox::User=root "$1"' sh "$pkg" >/dev/null 2>&1 && break
	done
	deb=$(find "$c/tmp/lg-image" -name '*.deb' | head -n 1)
	if [ -z "$deb" ]; then
		echo "guest-chroot: no image package for $rel" >&2
		return 1
	fi
	# /boot/vmlinuz-REL up to bookworm, /usr/lib/modules/REL/vmlinuz in sid.
	member=$(dpkg-deb --fsys-tarfile "$deb" | tar -tf - |
		grep -xF -e "./boot/vmlinuz-$rel" -e "./usr/lib/modules/$rel/vmlinuz" | head -n 1)
	[ -n "$member" ] || { echo "guest-chroot: no kernel image in $(basename "$deb")" >&2; return 1; }
	dpkg-deb --fsys-tarfile "$deb" | tar -xOf - "$member" >"$dir/vmlinuz.tmp"
	mv "$dir/vmlinuz.tmp" "$dir/vmlinuz"
	echo "guest-chroot: $rel image from $(basename "$deb")"
	rm -rf "$c/tmp/lg-image"
}

make_chroot() {
	local suite=$1 c=$2 pin=$3 f pkgs=make tmp
	for f in $(flavours "$suite"); do
		# Without a pin the flavour's metapackage brings the newest ABI.
		pkgs="$pkgs,linux-headers-${pin:+$pin-}$f"
	done
	command -v mmdebstrap >/dev/null ||
		{ echo "guest-chroot: mmdebstrap is not installed (scripts/deps.sh installs it)" >&2; return 1; }
	echo "guest-chroot: making build/chroot/$suite with $pkgs"
	tmp=$c.new
	rm -rf "$tmp"
	# variant apt: essential packages and apt, then only our packages
	# and their dependencies (no recommends, no documentation).  A mirror
	# whose Release file has passed its Valid-Until (sid's lasts a week;
	# mirrors and snapshots lag) is still signed: accept it.
	mmdebstrap --quiet --variant=apt --include="$pkgs" \
		--aptopt='APT::Install-Recommends "false"' \
		--aptopt='Acquire::Check-Valid-Until "false"' \
		--dpkgopt='path-exclude=/usr/share/doc/*' \
		--dpkgopt='path-exclude=/usr/share/man/*' \
		--dpkgopt='path-exclude=/usr/share/locale/*' \
		"$suite" "$tmp" "$top/tests/e2e/apt/$suite.list"
	echo "$pin" >"$tmp/lastgasp-pin"
	rm -rf "$c"
	mv "$tmp" "$c"
}

one_suite() {
	local suite=$1 c=$top/build/chroot/$1 pinvar pin rel
	lists_ready=
	pinvar=LG_KERNEL_$suite
	# Two runs (deps.sh and a test suite) must not make the same chroot.
	exec 8>"$top/build/chroot/.lock-$suite"
	flock 8
	pin=${!pinvar:-}
	flavours "$suite" >/dev/null
	if [ ! -s "$c/lastgasp-kernels" ] ||
		{ [ -n "$pin" ] && [ "$(cat "$c/lastgasp-pin" 2>/dev/null)" != "$pin" ]; }; then
		make_chroot "$suite" "$c" "$pin"
		releases "$c" >"$c/lastgasp-kernels.tmp"
		[ -s "$c/lastgasp-kernels.tmp" ] ||
			{ echo "guest-chroot: no headers in build/chroot/$suite" >&2; return 1; }
		# shellcheck disable=SC2016 # dpkg-query's fields, not the shell's
		chroot "$c" dpkg-query -W -f='${db:Status-Abbrev}${Package} ${Version}\n' \
			'linux-headers-*' 'linux-kbuild-*' 'gcc-[0-9]*' 'linux-compiler-*' 2>/dev/null |
			sed -n "s/^ii *\([^ ]*\)/guest-chroot: $suite uses \1/p"
		mv "$c/lastgasp-kernels.tmp" "$c/lastgasp-kernels"
	fi
	while read -r rel; do
		fetch_image "$c" "$rel"
	done <"$c/lastgasp-kernels"
}

[ $# -gt 0 ] || set -- bullseye sid
mkdir -p "$top/build/chroot"
for suite in "$@"; do
	one_suite "$suite"
done
