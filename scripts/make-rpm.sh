#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make rpm`: build packaging/rpm/lastgasp.spec with rpmbuild -bb into
# build/rpm, from a tarball of the checkout's sources.  On Debian the
# build dependencies are Debian packages that rpm's database does not
# know, so they are not checked (--nodeps); the RPMs are for RHEL-family
# machines and cannot be installed and tested here.
#
# usage: scripts/make-rpm.sh     (last line: the paths of the RPMs)
set -eu
cd "$(dirname "$0")/.."
top=$PWD
version=$(sed -n 's/^Version: *//p' packaging/rpm/lastgasp.spec)
out=$top/build/rpm
rm -rf "$out"
mkdir -p "$out/SOURCES" "$out/stage/lastgasp-$version"
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
	git -C "$top" ls-files -z -co --exclude-standard |
		xargs -0 cp --parents -t "$out/stage/lastgasp-$version"
else
	tar -C "$top" --exclude=./build --exclude='*.o' -cf - . |
		tar -C "$out/stage/lastgasp-$version" -xf -
fi
tar -C "$out/stage" -czf "$out/SOURCES/lastgasp-$version.tar.gz" "lastgasp-$version"
rpmbuild -bb --nodeps --define "_topdir $out" packaging/rpm/lastgasp.spec
find "$out/RPMS" -name '*.rpm' | sort | tr '\n' ' '
echo
