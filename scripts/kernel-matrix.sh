#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The compile-probe matrix: build lastgasp.ko at W=1 against each prepared
# kernel tree (scripts/kernel-tree-prepare.sh) and print one Markdown table
# row per tree: the tree, its kernel version, the source commit and date,
# the result and the number of compiler warnings.  For kernels that cannot
# be booted here (RHEL, openEuler, Ubuntu...); not part of `make check`.
#
#   scripts/kernel-matrix.sh TREE...
#
# A tree prepared with modules_prepare has no Module.symvers, so modpost's
# "undefined!" notes are expected and not counted (KBUILD_MODPOST_WARN=1);
# every other warning is.  The compiler is the one the tree was prepared
# with (TREE/.lastgasp-cc), else gcc.  Exits 1 if any tree failed to build.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# "4.18.0-553.66.1 (RHEL 8.10)" for a RHEL tree, the plain version otherwise.
version() {
	local t=$1 v rhel
	v=$(make -s -C "$t" kernelversion 2>/dev/null)
	if [ -f "$t/Makefile.rhelver" ]; then
		rhel=$(awk -F' *= *' '/^RHEL_(MAJOR|MINOR|RELEASE) *=/ { a[$1] = $2 }
			END { printf "%s %s.%s", a["RHEL_RELEASE"], a["RHEL_MAJOR"], a["RHEL_MINOR"] }' \
			"$t/Makefile.rhelver")
		v="$v-${rhel% *} (RHEL ${rhel#* })"
	fi
	echo "$v"
}

# Warnings in lastgasp's sources, and the rest: the tree's own headers
# or host tools meeting a newer compiler than the distribution's (RHEL 8
# is built with gcc 8, objtool 4.18 predates gcc 11's code layout).
count_ours() { grep -E "^$1/.*warning:" "$2" | grep -vc 'objtool:'; }
count_all() { grep -E 'warning:' "$2" | grep -vc 'undefined!'; }

echo "| tree | kernel | source commit (date) | result | W=1 warnings: lastgasp / tree or toolchain |"
echo "|---|---|---|---|---|"
failed=0
for t in "$@"; do
	t=$(cd "$t" && pwd) || { failed=1; continue; }
	name=$(basename "$t")
	# /lib/modules/RELEASE/build: name it after the release.
	[ "$name" = build ] && name=$(basename "$(dirname "$t")")
	cc=$(cat "$t/.lastgasp-cc" 2>/dev/null || echo gcc)
	if [ -f "$t/.lastgasp-commit" ]; then
		from="$(cut -c1-12 "$t/.lastgasp-commit") ($(cat "$t/.lastgasp-date"))"
	else
		from="installed headers"	# a distribution's package
	fi
	src=$work/$name
	mkdir -p "$src"
	cp -r "$top/Kbuild" "$top/dkms.conf" "$top/kmod" "$top/include" "$src/"
	log=$work/$name.log
	note=
	nice make -C "$t" M="$src" W=1 CC="$cc" KBUILD_MODPOST_WARN=1 modules >"$log" 2>&1
	if [ ! -f "$src/kmod/lastgasp.ko" ] && grep -q '^Segmentation fault' "$log" &&
	   ! grep -q 'error:' "$log"; then
		# The tree's objtool cannot read this compiler's objects: build
		# again without it, and say so.
		nice make -C "$t" M="$src" W=1 CC="$cc" KBUILD_MODPOST_WARN=1 \
			OBJECT_FILES_NON_STANDARD=y modules >>"$log" 2>&1
		note=" (objtool skipped: the tree's objtool crashes on $cc objects)"
	fi
	ours=$(count_ours "$src" "$log")
	rest=$(($(count_all "$src" "$log") - ours))
	if [ -f "$src/kmod/lastgasp.ko" ]; then
		result="builds$note"
	elif err=$(grep -m1 -oE '#error "[^"]*"|error: #error .*' "$log"); then
		err=${err#*#error }
		result="refused: ${err//\"/}"
		failed=1
	else
		err=$(grep -m1 -E 'error:' "$log" | sed 's/^.*error: //')
		result="fails: ${err:-see the build log}$note"
		failed=1
	fi
	echo "| $name | $(version "$t") | $from | $result | $ours / $rest |"
	if [ "$ours" -gt 0 ] || [ "$rest" -gt 0 ] || [ "$result" = "${result#builds}" ]; then
		grep -E 'warning:|error:' "$log" | grep -v 'undefined!' | sort | uniq -c | sort -rn |
			head -n 6 | sed "s|$src/||g; s/^/  $name: /" >&2
	fi
done
exit "$failed"
