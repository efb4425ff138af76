# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# e2e_initrd_with MODULE...: a copy of the scenario's initramfs with some of
# the guest kernel's own modules added (paths under kernel/, without .ko;
# e.g. fs/pstore/ramoops), taken from the release's modules installed on
# the host, as /lib/lastgasp/NAME.ko.  Sets E2E_INITRD to the copy.
# Returns 1 (after saying which) when one is not installed: skip then.
# Sourced after lib.sh by the scenarios that need it (95-99).

e2e_initrd_with() {
	local mods=/lib/modules/$E2E_REL/kernel root=$E2E_DIR/initramfs m f
	for m in "$@"; do
		f=$(find "$(dirname "$mods/$m")" -maxdepth 1 -name "$(basename "$m").ko*" 2>/dev/null | head -n 1)
		if [ -z "$f" ]; then
			echo "$m.ko of $E2E_REL is not installed on the host"
			return 1
		fi
	done
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
