# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# e2e_initrd_with MODULE...: a copy of the scenario's initramfs with some of
# the guest kernel's own modules added (paths under kernel/, without .ko;
# e.g. fs/pstore/ramoops), taken from the release's modules installed on
# the host, else from its Debian image package (unpacked into build/guest
# by fetch-guest-kernels.sh --modules), as /lib/lastgasp/NAME.ko.  Sets
# E2E_INITRD to the copy.  Returns 1 (after saying which) when one cannot
# be had: skip then.  Sourced after lib.sh by the scenarios that need it
# (47, 95-99).

# e2e_ko_in DIR MODULE...: DIR (a kernel/ tree) holds every MODULE.
e2e_ko_in() {
	local dir=$1 m
	shift
	for m in "$@"; do
		[ -n "$(find "$(dirname "$dir/$m")" -maxdepth 1 -name "$(basename "$m").ko*" 2>/dev/null)" ] ||
			return 1
	done
}

e2e_initrd_with() {
	local mods=/lib/modules/$E2E_REL/kernel root=$E2E_DIR/initramfs m f
	if ! e2e_ko_in "$mods" "$@"; then
		mods=$e2e_top/build/guest/$E2E_REL/modules/kernel
		if ! e2e_ko_in "$mods" "$@" &&
			! "$e2e_top/scripts/fetch-guest-kernels.sh" --modules "$E2E_REL" "$@"; then
			echo "$* of $E2E_REL: neither installed on the host nor in its image package"
			return 1
		fi
	fi
	rm -rf "$root" && mkdir -p "$root"
	(cd "$root" && gzip -dc "$E2E_INITRD" | cpio -id --quiet)
	for m in "$@"; do
		f=$(find "$(dirname "$mods/$m")" -maxdepth 1 -name "$(basename "$m").ko*" | head -n 1)
		case "$f" in
		*.xz) xz -dc "$f" ;;
		*.zst) zstd -qdc "$f" ;;
		*) cat "$f" ;;
		esac >"$root/lib/lastgasp/$(basename "$m").ko"
	done
	(cd "$root" && find . -print0 | sort -z | cpio --null -o -H newc --owner=0:0 --quiet) |
		gzip -1 >"$E2E_DIR/initramfs-extra.cpio.gz"
	rm -rf "$root"
	E2E_INITRD=$E2E_DIR/initramfs-extra.cpio.gz
}
