#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Take kselftest_harness.h (and the kselftest.h it includes) from Debian's
# linux-source package into build/kselftest/ and print that directory.  The
# header is never copied into the repository.
set -eu
cd "$(dirname "$0")/.."
out=$PWD/build/kselftest
if [ ! -f "$out/kselftest_harness.h" ]; then
	tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1)
	[ -n "$tarball" ] || { echo "lastgasp: linux-source is not installed" >&2; exit 1; }
	top=$(basename "$tarball" .tar.xz)
	mkdir -p "$out"
	tar -xJf "$tarball" -C "$out" --strip-components=4 \
		"$top/tools/testing/selftests/kselftest_harness.h" \
		"$top/tools/testing/selftests/kselftest.h"
fi
echo "$out"
