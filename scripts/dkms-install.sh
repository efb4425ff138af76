#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install lastgasp.ko with DKMS from this source tree: copy what the module
# needs (Kbuild, kmod/, include/, dkms.conf) to the DKMS source tree as
# lastgasp-VERSION, then dkms add, build and install it for each kernel.
#
#   usage: dkms-install.sh [KERNELRELEASE...]
#     default: every kernel with headers under /lib/modules/*/build
#   DKMS_TREES="--dkmstree D --sourcetree S --installtree I" installs into
#     scratch trees instead of the system's (what the test suite does).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
trees=${DKMS_TREES:-}
srctree=/usr/src installtree=
set -- ${trees} -- "$@"
while [ "$1" != -- ]; do
	[ "$1" = --sourcetree ] && srctree=$2
	[ "$1" = --installtree ] && installtree=$2
	shift
done
shift
dkms() { command dkms $trees "$@"; }

kernels=("$@")
if [ "${#kernels[@]}" -eq 0 ]; then
	for b in /lib/modules/*/build; do
		[ -d "$b" ] && kernels+=("$(basename "$(dirname "$b")")")
	done
fi
[ "${#kernels[@]}" -gt 0 ] || { echo "dkms-install: no kernel headers installed" >&2; exit 1; }

dest=$srctree/lastgasp-$version
# A previous add of this version: remove it so the new sources are used.
if dkms status -m lastgasp -v "$version" 2>/dev/null | grep -q .; then
	dkms remove -m lastgasp -v "$version" --all >/dev/null
fi
rm -rf "$dest"
mkdir -p "$dest"
cp -r "$top/Kbuild" "$top/dkms.conf" "$top/kmod" "$top/include" "$dest/"
find "$dest/kmod" \( -name '*.o' -o -name '*.ko' -o -name '*.mod*' -o -name '.*.cmd' \
	-o -name modules.order -o -name Module.symvers \) -delete

dkms add -m lastgasp -v "$version"
for k in "${kernels[@]}"; do
	echo "dkms-install: $k"
	# A scratch install tree has no /lib/modules/$k of its own yet.
	[ -z "$installtree" ] || mkdir -p "$installtree/$k"
	dkms build -m lastgasp -v "$version" -k "$k"
	dkms install -m lastgasp -v "$version" -k "$k" --force
done
