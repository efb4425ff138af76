#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: 6.1.0-*
#
# Issue 8: kernel frames to source lines with Debian's debug vmlinux
# (linux-image-REL-dbg, only its vmlinux extracted to build/debug/REL by
# scripts/fetch-debug-vmlinux.sh).  A sysrq crash; `lastgasp analyze
# --debuginfo build/debug/REL` on the dying console must put
# sysrq_handle_crash, __handle_sysrq and write_sysrq_trigger at
# drivers/tty/sysrq.c:LINE.  The oracle is binutils: `nm` gives the
# symbol's address in the same debug file, `addr2line` (its own DWARF
# reader, not libdw) the line at address + offset (- 1: a return address
# names its call).  The module record must carry the build id `readelf -n`
# reads from that file and from lastgasp.ko.
. "$(dirname "$0")/../lib.sh"
token=$(e2e_token)
reporter=$e2e_top/build/e2e/user/lastgasp
dbgdir=$e2e_top/build/debug/$E2E_REL
dbg=$dbgdir/vmlinux-$E2E_REL

if [ ! -s "$dbg" ]; then
	"$e2e_top/scripts/fetch-debug-vmlinux.sh" "$E2E_REL" 2>&1 | e2e_diag
fi
if [ -s "$dbg" ]; then
	e2e_ok "Debian's debug vmlinux of $E2E_REL is in build/debug"
else
	e2e_not_ok "Debian's debug vmlinux of $E2E_REL is in build/debug"
	e2e_finish
	exit 0
fi

e2e_boot crash "load,crash:sysrq" "$E2E_MEMMAP lg.token=$token" || { e2e_finish; exit 0; }
e2e_crashed crash "sysrq-c"
console=$E2E_DIR/console.txt
tr -d '\r' <"$E2E_DIR/crash.console" >"$console"
json=$("$reporter" analyze --json --debuginfo "$dbgdir" "$console" 2>"$E2E_DIR/analyze.err")

# frame_check FUNCTION_PREFIX : its first frame's line is addr2line's.
frame_check() {
	local fn off size addr want got
	read -r fn off size < <(printf '%s\n' "$json" | jq -r --arg p "$1" \
		'[.events[0].call_trace[] | select(.function | startswith($p))][0] |
		 "\(.function) \(.offset) \(.size)"')
	addr=$(nm "$dbg" | awk -v f="$fn" '$3 == f { print $1; exit }')
	if [ -z "$addr" ] || [ "$off" = null ]; then
		e2e_not_ok "analyze --debuginfo: a frame of $1 with a symbol nm knows (got '$fn')"
		return
	fi
	want=$(addr2line -e "$dbg" "$(printf '0x%x' $((0x$addr + off - 1)))" | head -n 1)
	want=${want% (discriminator*}
	got=$(printf '%s\n' "$json" | jq -r --arg f "$fn" \
		'[.events[0].call_trace[] | select(.function == $f)][0].source |
		 "\(.file):\(.line)"')
	case $want in
	*/drivers/tty/sysrq.c:* | drivers/tty/sysrq.c:*) ;;
	*) e2e_not_ok "addr2line puts $fn in drivers/tty/sysrq.c (got $want)"; return ;;
	esac
	if [ "$got" = "drivers/tty/sysrq.c:${want##*:}" ]; then
		e2e_ok "analyze --debuginfo: $fn+$off at drivers/tty/sysrq.c:${want##*:}, as addr2line says"
	else
		e2e_not_ok "analyze --debuginfo: $fn+$off at drivers/tty/sysrq.c:${want##*:}, as addr2line says (got $got)"
		e2e_diag <"$E2E_DIR/analyze.err"
	fi
}
frame_check sysrq_handle_crash
frame_check __handle_sysrq
frame_check write_sysrq_trigger

# The record names the exact kernel and module builds.
e2e_boot readback "load,report" "$E2E_MEMMAP" || { e2e_finish; exit 0; }
kbid=$(readelf -n "$dbg" | sed -n 's/^ *Build ID: //p' | head -n 1)
mbid=$(readelf -n "$e2e_top/build/e2e/$E2E_REL/ko/lastgasp.ko" | sed -n 's/^ *Build ID: //p' | head -n 1)
if e2e_one_event readback; then
	e2e_json_check "the record's kernel_build_id is the debug vmlinux's ($kbid)" "$E2E_EVENT" \
		'.kernel_build_id == $b' --arg b "$kbid"
	e2e_json_check "the record's build id of lastgasp is lastgasp.ko's ($mbid)" "$E2E_EVENT" \
		'[.modules[] | select(.name == "lastgasp")][0].build_id == $b' --arg b "$mbid"
fi
e2e_finish
