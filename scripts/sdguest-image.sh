#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Make the systemd guest's disk: a copy of the cached Debian 12 root
# (scripts/sdguest-root.sh), changed by the caller (packages installed,
# the test harness added), as an ext4 image made with mke2fs -d.
#
# usage: sdguest-image.sh copy DIR      copy build/sdguest/base to DIR
#        sdguest-image.sh harness DIR   add tests/e2e/sdguest's step runner
#                                       and the memory hog (tests/e2e/memhog.c)
#        sdguest-image.sh image DIR IMG the ext4 image of DIR (raw, sparse)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
case "${1:-}" in
copy)
	rm -rf "$2"
	mkdir -p "$(dirname "$2")"
	cp -a --reflink=auto "$top/build/sdguest/base" "$2"
	;;
harness)
	h=$top/tests/e2e/sdguest
	install -D -m 0755 "$h/steps" "$2/usr/local/sbin/lastgasp-e2e-steps"
	install -D -m 0644 "$h/lastgasp-e2e.service" \
		"$2/etc/systemd/system/lastgasp-e2e.service"
	mkdir -p "$2/etc/systemd/system/multi-user.target.wants" "$2/lastgasp-e2e"
	ln -sf ../lastgasp-e2e.service \
		"$2/etc/systemd/system/multi-user.target.wants/lastgasp-e2e.service"
	# The OOM scenarios' memory hog (static: no libc version to match).
	${CC:-cc} -static -Os -Wall -Wextra -Werror -o "$2/usr/local/bin/lg-memhog" \
		"$top/tests/e2e/memhog.c"
	;;
image)
	# Room for the journal, DKMS builds and archives: 512 MiB free.
	mb=$(( $(du -sm "$2" | cut -f1) * 12 / 10 + 512 ))
	rm -f "$3"
	mke2fs -q -t ext4 -L sdguest -d "$2" "$3" "${mb}M" >/dev/null
	;;
*)
	echo "usage: sdguest-image.sh copy DIR | harness DIR | image DIR IMG" >&2
	exit 2
	;;
esac
