#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build everything a test guest needs, for each kernel release given:
#   build/e2e/<rel>/ko/{lastgasp,lastgasp_test}.ko  against that release's
#       headers, on the host or in a build chroot (a copy of the sources per release, so two releases, or a
#       developer's own `make module`, never share object files)
#   build/e2e/user/lastgasp       the reporter, PREFIX=/usr
#   build/e2e/nltool/...          the raw-netlink test tool
#   build/e2e/lg-memhog           the OOM scenarios' memory hog (static)
#   build/e2e/<rel>/initramfs.cpio.gz
# Prints what failed to stderr and exits non-zero if anything did; the
# pieces that did build are still packed, so the scenarios report the rest.
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$PWD
out=$top/build/e2e
status=0
mkdir -p "$out"

"$top/scripts/fetch-guest-kernels.sh" "$@" || status=1

# The reporter, with its data where the initramfs puts it.
reporter=$out/user/lastgasp
if ! make -s -C user O="$out/user" PREFIX=/usr >"$out/user.log" 2>&1; then
	echo "e2e-build: the reporter does not build (build/e2e/user.log):" >&2
	tail -n 15 "$out/user.log" >&2
	status=1
fi

# The raw-netlink tool, if it has landed.
nltool=
if [ -f tests/nltool/Makefile ]; then
	if make -s -C tests/nltool O="$out/nltool" >"$out/nltool.log" 2>&1; then
		nltool=$(find "$out/nltool" tests/nltool -maxdepth 1 -type f -perm -u+x \
			-name 'nltool*' 2>/dev/null | head -n 1)
	else
		echo "e2e-build: tests/nltool does not build (build/e2e/nltool.log):" >&2
		tail -n 15 "$out/nltool.log" >&2
		status=1
	fi
fi

# The memory hog of the OOM scenarios: static, the guest has no libc.
memhog=$out/lg-memhog
if ! ${CC:-cc} -static -Os -Wall -Wextra -Werror -o "$memhog" tests/e2e/memhog.c \
	2>"$out/memhog.log"; then
	echo "e2e-build: tests/e2e/memhog.c does not build (build/e2e/memhog.log):" >&2
	tail -n 15 "$out/memhog.log" >&2
	rm -f "$memhog"
	status=1
fi

build_modules() {
	local rel=$1 dir=$out/$1 src=$out/$1/src
	# Headers on the host or in a build chroot (scripts/kmake.sh).
	"$top/scripts/kmake.sh" --where "$rel" >/dev/null || return 1
	mkdir -p "$src" "$dir/ko"
	rm -f "$dir"/ko/*.ko
	# Refresh the copy with sources only (a developer's in-tree objects
	# belong to another kernel); cp -p keeps times so make rebuilds only
	# what changed.
	# dkms.conf holds the version the module is built with.
	find Kbuild dkms.conf kmod include tests/kmod \( -name '*.[ch]' ! -name '*.mod.c' -o -name Kbuild \
		-o -name Makefile -o -name dkms.conf \) -type f -print0 2>/dev/null |
		xargs -0 cp -p --parents -t "$src"
	if ! "$top/scripts/kmake.sh" "$rel" M="$src" modules >"$dir/kmod.log" 2>&1; then
		echo "e2e-build: lastgasp.ko does not build for $rel ($dir/kmod.log):" >&2
		grep -E 'error|Error' "$dir/kmod.log" | head -n 15 >&2
		return 1
	fi
	if [ -f "$src/tests/kmod/Kbuild" ] || [ -f "$src/tests/kmod/Makefile" ]; then
		if ! "$top/scripts/kmake.sh" "$rel" M="$src/tests/kmod" modules >"$dir/testkmod.log" 2>&1; then
			echo "e2e-build: the test module does not build for $rel ($dir/testkmod.log):" >&2
			grep -E 'error|Error' "$dir/testkmod.log" | head -n 15 >&2
			return 1
		fi
	fi
	find "$src" -name '*.ko' -exec cp {} "$dir/ko/" \;
	build_selftest "$rel" "$src" "$dir"
}

# The self-test build of lastgasp.ko (LG_SELFTEST=y: store test hooks and
# the region fuzzer, never in a real build), packed as lastgasp_selftest.ko.
build_selftest() {
	local rel=$1 src=$2 dir=$3 st=$3/src-selftest
	mkdir -p "$st"
	(cd "$src" && find Kbuild dkms.conf kmod include \( -name '*.[ch]' ! -name '*.mod.c' -o \
		-name Kbuild -o -name dkms.conf \) -type f -print0 | xargs -0 cp -p --parents -t "$st")
	# W=1 here, as the suite 30-module holds the real build to it.
	if ! "$top/scripts/kmake.sh" "$rel" M="$st" LG_SELFTEST=y W=1 modules >"$dir/selftest.log" 2>&1 ||
		grep -q 'warning:' "$dir/selftest.log"; then
		echo "e2e-build: the self-test build fails or warns for $rel ($dir/selftest.log):" >&2
		grep -E 'error|Error|warning:' "$dir/selftest.log" | head -n 15 >&2
		return 1
	fi
	cp "$st/kmod/lastgasp.ko" "$dir/ko/lastgasp_selftest.ko"
}

for rel in "$@"; do
	build_modules "$rel" || status=1
	"$top/scripts/mkinitramfs.sh" -o "$out/$rel/initramfs.cpio.gz" -k "$out/$rel/ko" \
		-u "$reporter" ${nltool:+-n "$nltool"} -x "$memhog" || status=1
done
exit $status
