#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: 6.1.0-* 5.10.0-*
#
# Crash on an older Debian kernel, come back on a newer one: 6.1 -> 6.12,
# and the matrix's oldest to its newest, bullseye's 5.10 -> sid's 7.x.  The
# record format is the module's, not the kernel's, so the newer build of
# lastgasp.ko must read what the older build wrote, and the event must
# name the kernel that died, not the one reading it.
. "$(dirname "$0")/../lib.sh"
token=$(e2e_token)
case "$E2E_REL" in
5.10.*) want='[7-9].*-amd64' ;;
*) want='6.12.*-amd64' ;;
esac
# The newest generic kernel of that series with headers (host or chroot).
newer=$("$e2e_top/scripts/kmake.sh" --list | grep -v -e '-rt-' -e '-cloud-' |
	while read -r rel; do
		# shellcheck disable=SC2053 # a glob on purpose
		[[ $rel == $want ]] && echo "$rel"
	done | tail -n 1)
if [ -z "$newer" ] || [ ! -s "$e2e_top/build/e2e/$newer/initramfs.cpio.gz" ]; then
	e2e_not_ok "no guest $want (headers and initramfs) to read back on"
	exit 0
fi

e2e_boot crash "load,uname,crash:sysrq" "$E2E_MEMMAP lg.token=$token" || { e2e_finish; exit 0; }
e2e_step_ok crash load
e2e_crashed crash "sysrq-c on $E2E_REL"
died=$(e2e_block crash uname)

E2E_BOOT_REL=$newer e2e_boot readback "load,uname,report" "$E2E_MEMMAP" || { e2e_finish; exit 0; }
e2e_step_ok readback load
reader=$(e2e_block readback uname)
if [ "$reader" = "$newer" ]; then
	e2e_ok "readback: the second boot runs $newer"
else
	e2e_not_ok "readback: the second boot runs $newer (got '$reader')"
fi
if e2e_one_event readback; then
	e2e_json_check "on $newer: the event names the kernel that died ($died)" "$E2E_EVENT" \
		'.kernel_release == $rel' --arg rel "$died"
	e2e_json_check "on $newer: panic, fatal, comm $token" "$E2E_EVENT" \
		'.class == "panic" and .fatal == true and .comm == $tok' --arg tok "$token"
	e2e_json_check "on $newer: title is \"kernel panic: sysrq triggered crash\"" "$E2E_EVENT" \
		'.title == "kernel panic: sysrq triggered crash"'
fi
e2e_finish
