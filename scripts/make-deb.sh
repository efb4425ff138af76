#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make deb`: build the lastgasp and lastgasp-dkms packages with Debian's
# own tooling (debian/, debhelper, dh-dkms) from a clean copy of the
# sources, so the checkout gets no build products and dpkg-buildpackage's
# output lands in build/deb/ rather than beside the checkout.
#
# usage: scripts/make-deb.sh     (prints the paths of the .debs)
set -eu
cd "$(dirname "$0")/.."
top=$PWD
version=$(dpkg-parsechangelog -SVersion)
out=$top/build/deb
src=$out/lastgasp-$version
rm -rf "$out"
mkdir -p "$src"
# Tracked and new files, never ignored ones (objects, build/).
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
	git -C "$top" ls-files -z -co --exclude-standard | xargs -0 cp --parents -t "$src"
else
	tar -C "$top" --exclude=./build --exclude='*.o' -cf - . | tar -C "$src" -xf -
fi
(cd "$src" && dpkg-buildpackage -b -us -uc -j2) >"$out/build.log" 2>&1 ||
	{ tail -n 40 "$out/build.log" >&2; echo "make-deb: dpkg-buildpackage failed (build/deb/build.log)" >&2; exit 1; }
ls "$out"/*.deb
