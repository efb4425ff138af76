#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepare a kernel source tree for scripts/kernel-matrix.sh: export REF of
# the git repository GITDIR into DEST (outside any lastgasp checkout: the
# tree is third-party code and is never committed), configure it and run
# modules_prepare.  The configuration is the tree's x86_64 defconfig plus
# the options lastgasp's hooks need (tracepoints, kallsyms), so every tree
# is built the same way and a difference in the table is the kernel's.
#
#   scripts/kernel-tree-prepare.sh GITDIR REF DEST [CC]
#
# CC defaults to gcc; trees older than 6.x want gcc-11 (bookworm's gcc-12
# trips their -Werror host tools).  Needs flex bison bc libelf-dev
# libssl-dev.  Slow on two cores: run one at a time, under nice.
set -euo pipefail

if [ $# -lt 3 ]; then
	echo "usage: $0 GITDIR REF DEST [CC]" >&2
	exit 2
fi
gitdir=$1 ref=$2 dest=$3 cc=${4:-gcc}

for tool in flex bison bc "$cc"; do
	command -v "$tool" >/dev/null || { echo "$0: $tool is missing" >&2; exit 1; }
done

if [ ! -e "$dest/.lastgasp-commit" ]; then
	rm -rf "$dest"
	mkdir -p "$dest"
	# Only what configuring, modules_prepare and an external module read:
	# the build system, x86, headers (a vendor's too: ubuntu/include),
	# host tools and every Kconfig.  A whole tree is ten times larger and
	# slow to write on a shared disk.
	# (git archive would read every blob, and a mirror may lack some.)
	index=$(mktemp)
	GIT_INDEX_FILE=$index git --git-dir="$gitdir" read-tree "$ref"
	GIT_INDEX_FILE=$index git --git-dir="$gitdir" ls-files |
		grep -E '^[^/]+$|(^|/)(Kconfig|Makefile)[^/]*$|^[a-z]+/include/|^(arch/x86|include|scripts|kernel|security/selinux/include|tools/(arch|build|include|lib|objtool|scripts))/' |
		GIT_INDEX_FILE=$index git --git-dir="$gitdir" --work-tree="$dest" \
			checkout-index --stdin
	rm -f "$index"
	git --git-dir="$gitdir" rev-parse "$ref^{commit}" >"$dest/.lastgasp-commit"
	git --git-dir="$gitdir" log -1 --format=%cs "$ref" >"$dest/.lastgasp-date"
	echo "$cc" >"$dest/.lastgasp-cc"
fi

cd "$dest"
mk() { make -s ARCH=x86_64 CC="$cc" HOSTCC="$cc" "$@"; }
mk x86_64_defconfig
scripts/config --enable MODULES --enable KALLSYMS --enable KALLSYMS_ALL \
	--enable FTRACE --enable TRACEPOINTS --enable STACKTRACE \
	--enable UNWINDER_ORC --enable PRINTK --enable MODULE_UNLOAD
mk olddefconfig
mk -j2 modules_prepare
echo "$dest: prepared ($(mk -s kernelrelease))"
