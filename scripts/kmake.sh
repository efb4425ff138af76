#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run Kbuild for one kernel release, wherever its headers are: on the host
# (/lib/modules/REL/build) or in a build chroot of scripts/guest-chroot.sh
# (bullseye, sid), whose compiler and C library those headers need.  In a
# chroot the checkout is bind-mounted at its own path inside a private
# mount namespace, so M= paths and logs read the same as on the host and
# nothing stays mounted when make ends.
#
# usage: scripts/kmake.sh REL MAKE_ARGS...   make -C <headers of REL> MAKE_ARGS
#        scripts/kmake.sh --list             every release with headers, sorted
#        scripts/kmake.sh --where REL        "host" or the chroot's directory
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)

chroot_of() {
	local f
	for f in "$top"/build/chroot/*/lastgasp-kernels; do
		[ -f "$f" ] && grep -qxF -- "$1" "$f" && { dirname "$f"; return 0; }
	done
	return 1
}

list() {
	local d
	{
		for d in /lib/modules/*/build; do
			[ -d "$d" ] && basename "$(dirname "$d")"
		done
		cat "$top"/build/chroot/*/lastgasp-kernels 2>/dev/null
	} | sort -uV
}

case "${1:-}" in
--list) list; exit 0 ;;
--where)
	[ -d "/lib/modules/$2/build" ] && { echo host; exit 0; }
	chroot_of "$2" || { echo "kmake: no headers for $2" >&2; exit 1; }
	exit 0
	;;
"") echo "usage: $0 REL MAKE_ARGS... | --list | --where REL" >&2; exit 2 ;;
esac

rel=$1
shift
if [ -d "/lib/modules/$rel/build" ]; then
	exec make -C "/lib/modules/$rel/build" "$@"
fi
c=$(chroot_of "$rel") || { echo "kmake: no headers for $rel (scripts/guest-chroot.sh)" >&2; exit 1; }
mkdir -p "$c$top"
# shellcheck disable=SC2016 # expanded by the inner shell
exec unshare -m --propagation private sh -c '
	mount --bind "$1" "$2$1" || exit 1
	# objtool reads its limits from /proc.
	mount -t proc proc "$2/proc" || exit 1
	c=$2 rel=$3
	shift 3
	exec chroot "$c" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
		make -C "/lib/modules/$rel/build" "$@"
' kmake "$top" "$c" "$rel" "$@"
