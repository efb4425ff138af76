#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Put a bootable image of every installed Debian kernel header tree into
# build/guest/<release>/vmlinuz, so the QEMU tests boot exactly the kernel
# the module was compiled for (same vermagic).  Takes /boot/vmlinuz-<rel>
# when that kernel is installed, else downloads the Debian image package
# with `apt-get download` and unpacks its image.  Idempotent, quiet when
# there is nothing to do.
#
# Usage: scripts/fetch-guest-kernels.sh [RELEASE...]   (default: all)
#        scripts/fetch-guest-kernels.sh --modules RELEASE PATH...
# The second form is for a release whose modules are not installed on the
# host (e2e_initrd_with): it keeps the image package in
# build/guest/RELEASE/linux-image.deb (downloaded once) and unpacks the
# modules PATH (under kernel/, without .ko, e.g. drivers/net/virtio_net)
# into build/guest/RELEASE/modules/kernel/.
set -eu
cd "$(dirname "$0")/.."
top=$PWD
guest=$top/build/guest

# Only Debian's own flavours: 6.1.0-NN-amd64, 6.12.*-amd64, 6.12.*-rt-amd64.
is_debian_release() {
	case "$1" in
	6.1.0-[0-9]*-amd64) return 0 ;;
	6.12.*-rt-amd64 | 6.12.*-amd64) return 0 ;;
	esac
	return 1
}

releases() {
	local d rel
	for d in /lib/modules/*/build; do
		[ -d "$d" ] || continue
		rel=$(basename "$(dirname "$d")")
		is_debian_release "$rel" && echo "$rel"
	done
}

# download_image REL TMP: linux-image-REL's .deb into TMP (its -unsigned
# twin where only that exists); its path on stdout.
download_image() {
	local rel=$1 tmp=$2 deb
	# apt-get download runs as the _apt user when it can; give it a
	# directory it may write to.
	chmod 0777 "$tmp"
	if ! (cd "$tmp" && apt-get download -q "linux-image-$rel" >/dev/null 2>"$tmp/err" ||
		apt-get download -q "linux-image-$rel-unsigned" >/dev/null 2>>"$tmp/err"); then
		echo "lastgasp: cannot download linux-image-$rel:" >&2
		cat "$tmp/err" >&2
		return 1
	fi
	for deb in "$tmp"/linux-image-*.deb; do
		printf '%s\n' "$deb"
		return 0
	done
	return 1
}

fetch_one() {
	local rel=$1 dir=$guest/$1 tmp deb
	[ -s "$dir/vmlinuz" ] && return 0
	mkdir -p "$dir"
	if [ -s "/boot/vmlinuz-$rel" ]; then
		cp "/boot/vmlinuz-$rel" "$dir/vmlinuz.tmp"
		mv "$dir/vmlinuz.tmp" "$dir/vmlinuz"
		return 0
	fi
	echo "lastgasp: downloading the guest kernel linux-image-$rel"
	tmp=$(mktemp -d "$guest/.fetch.XXXXXX")
	if ! deb=$(download_image "$rel" "$tmp"); then
		rm -rf "$tmp"
		return 1
	fi
	# Only the image: the package's modules are not needed by the guest.
	dpkg-deb --fsys-tarfile "$deb" | tar -xOf - "./boot/vmlinuz-$rel" >"$dir/vmlinuz.tmp"
	mv "$dir/vmlinuz.tmp" "$dir/vmlinuz"
	rm -rf "$tmp"
}

# fetch_modules REL PATH...: see the usage above.  Serialised (flock) as
# parallel scenarios may ask for the same release.
fetch_modules() {
	local rel=$1 dir=$guest/$1 tmp m
	shift
	mkdir -p "$dir/modules"
	exec 8>"$dir/.modules.lock"
	flock 8
	if [ ! -s "$dir/linux-image.deb" ]; then
		echo "lastgasp: downloading linux-image-$rel for its modules" >&2
		tmp=$(mktemp -d "$guest/.fetch.XXXXXX")
		if ! m=$(download_image "$rel" "$tmp"); then
			rm -rf "$tmp"
			return 1
		fi
		mv "$m" "$dir/linux-image.deb"
		rm -rf "$tmp"
	fi
	for m in "$@"; do
		dpkg-deb --fsys-tarfile "$dir/linux-image.deb" |
			tar -xf - -C "$dir/modules" --strip-components=4 --wildcards \
				"./lib/modules/$rel/kernel/$m.ko*" 2>/dev/null || return 1
	done
}

mkdir -p "$guest"
if [ "${1:-}" = --modules ]; then
	shift
	fetch_modules "$@"
	exit
fi
if [ $# -eq 0 ]; then
	# shellcheck disable=SC2046 # releases are single words
	set -- $(releases)
fi
for rel in "$@"; do
	fetch_one "$rel"
done
