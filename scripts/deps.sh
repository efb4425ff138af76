#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install every Debian package lastgasp's build, tests and demo need, and
# fetch the guest kernels the QEMU tests boot (with the build chroots of
# the ones the host's apt does not serve).  Idempotent: does nothing
# when everything is there.  Needs root for apt-get.
set -eu
cd "$(dirname "$0")/.."

pkgs=(
	build-essential pkg-config bc kmod cpio xz-utils
	linux-headers-amd64 linux-headers-6.12-amd64 linux-headers-6.12-rt-amd64
	linux-source-6.1
	qemu-system-x86 busybox-static jq time
	libnl-3-dev libnl-genl-3-dev libmnl-dev libpcre2-dev libyaml-dev libjson-c-dev
	libunistring-dev libiberty-dev clang libclang-rt-14-dev
	dkms
	mmdebstrap e2fsprogs
	libdw-dev libdebuginfod-dev debuginfod elfutils
	debhelper dh-dkms lintian rpm libsystemd-dev
	zlib1g-dev rsyslog prometheus-node-exporter systemd-journal-remote
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
		missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "lastgasp: these packages are missing and installing them needs root: ${missing[*]}" >&2
		exit 1
	fi
	echo "lastgasp: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

scripts/fetch-guest-kernels.sh
# e2e 46 resolves kernel frames with the 6.1 guest's Debian debug vmlinux.
scripts/fetch-debug-vmlinux.sh
# Bullseye (5.10) and sid (7.x) kernels: build chroots and guest images.
scripts/guest-chroot.sh
# The systemd guest's Debian 12 root (tests/e2e/sdguest).
scripts/sdguest-root.sh
scripts/kselftest-harness.sh >/dev/null
