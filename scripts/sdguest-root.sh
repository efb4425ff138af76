#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The systemd guest: a clean Debian 12 (bookworm) root, made once with
# mmdebstrap and cached as the directory build/sdguest/base, that boots its own
# Debian kernel with systemd as init under QEMU (scripts/sdguest-boot.sh).
# It holds what a real machine would have before lastgasp's packages
# arrive: systemd, the kernel image and its headers, DKMS with its
# compiler, and the shared libraries the reporter links (so the .debs
# install with dpkg alone, without network), but none of lastgasp itself.
#
# Beside it: base.kernel (the kernel release), vmlinuz and
# initrd.img (the root's own, unpacked for QEMU's -kernel/-initrd) and
# base.packages (dpkg -l of the root, to reproduce it).  The kernel is
# whatever linux-image-amd64 names on the day the root is made.
#
# Idempotent (quiet when the cache exists and was made from this
# script's package list; SDGUEST_REBUILD=1 makes it
# again).  Needs root and network for a new root; takes about 3 minutes
# and 350 MB of downloads, about 1.3 GB on disk.
#
# usage: scripts/sdguest-root.sh
set -eu
cd "$(dirname "$0")/.."
top=$PWD
out=$top/build/sdguest
mkdir -p "$out"
exec 8>"$out/.lock"
flock 8

# What the reporter links (user/Makefile's pkg-config list) in bookworm's
# names, and what DKMS needs to build the module for the installed kernel.
pkgs=(
	systemd-sysv udev kmod procps
	linux-image-amd64 linux-headers-amd64
	dkms make gcc libc6-dev
	libnl-3-200 libnl-genl-3-200 libmnl0 libpcre2-8-0 libyaml-0-2
	libjson-c5 libunistring2 libsystemd0 libdw1 libdebuginfod1 zlib1g
)
inc=$(IFS=,; echo "${pkgs[*]}")

# A root made from another package list (the reporter links a new
# library) is made again.
if [ "$(cat "$out/base.include" 2>/dev/null)" = "$inc" ] &&
	[ -s "$out/base.kernel" ] && [ -d "$out/base/etc" ] && [ -s "$out/vmlinuz" ] && [ -s "$out/initrd.img" ] &&
	[ -z "${SDGUEST_REBUILD:-}" ]; then
	exit 0
fi
command -v mmdebstrap >/dev/null ||
	{ echo "sdguest-root: mmdebstrap is not installed (scripts/deps.sh installs it)" >&2; exit 1; }

tmp=$out/base.new
rm -rf "$tmp" "$out/base.kernel"
echo "sdguest-root: making build/sdguest/base (Debian 12 with systemd)"
# Serial console login is not needed: the test unit in the image reports
# over ttyS1.  A persistent journal, as a fleet machine has.  Docs and
# locales are left out to keep the root small; man pages stay (the
# package ships one).
mmdebstrap --quiet --variant=apt --include="$inc" \
	--aptopt='APT::Install-Recommends "false"' \
	--dpkgopt='path-exclude=/usr/share/doc/*' \
	--dpkgopt='path-include=/usr/share/doc/*/copyright' \
	--dpkgopt='path-exclude=/usr/share/locale/*' \
	--customize-hook='echo sdguest >"$1/etc/hostname"' \
	--customize-hook='echo "/dev/vda / ext4 rw,errors=remount-ro 0 1" >"$1/etc/fstab"' \
	--customize-hook='mkdir -p "$1/var/log/journal"' \
	--customize-hook='chroot "$1" passwd -d root' \
	bookworm "$tmp" "deb http://deb.debian.org/debian bookworm main"

# The kernel and its initrd are needed outside the root for QEMU.
k=$(ls "$tmp/lib/modules" | head -n 1)
cp "$tmp/boot/vmlinuz-$k" "$out/vmlinuz"
cp "$tmp/boot/initrd.img-$k" "$out/initrd.img"
chroot "$tmp" dpkg-query -W >"$out/base.packages"
rm -rf "$out/base"
mv "$tmp" "$out/base"
echo "$k" >"$out/base.kernel"
echo "$inc" >"$out/base.include"
echo "sdguest-root: kernel $k, $(wc -l <"$out/base.packages") packages, $(du -sh "$out/base" | cut -f1)"
