#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: 6.1.0-*
#
# Issue 8: debug info by build id.  A NULL dereference in the test module;
# after the reboot, `lastgasp report --debuginfod` in the guest must resolve
# the RIP to the line of tests/kmod/lastgasp_test.c that dereferences NULL
# (read from the source) through a real debuginfod (Debian's elfutils
# server, added to this scenario's initramfs, on the guest's loopback: the
# test guest has no network to reach the host's) serving a directory with
# the test module, while no local file is searched (no --debuginfo, no
# /usr/lib/debug, no /lib/modules).  The build id it asks by is the
# record's; it must be what `readelf -n` reads from the .ko.
# Bad input, each leaving the frames unresolved with one message and the
# report otherwise unchanged: a debug file of another build (the .ko with
# its build id changed), a server nobody listens on, a server that never
# answers (busybox httpd running a CGI that sleeps; bounded by lastgasp's
# DEBUGINFOD_TIMEOUT).
. "$(dirname "$0")/../lib.sh"
token=$(e2e_token)
src=$e2e_top/tests/kmod/lastgasp_test.c
ko=$e2e_top/build/e2e/$E2E_REL/ko/lastgasp_test.ko
want=$(awk '/^static noinline void lastgasp_test_null_deref\(/ { f = 1 }
	f && /lgt_null_ptr/ { print NR; exit }' "$src")
bid=$(readelf -n "$ko" | sed -n 's/^ *Build ID: //p' | head -n 1)

# The initramfs plus a second cpio: debuginfod with its libraries, the
# served directory, and the .ko of "another build" (build id changed).
stage=$E2E_DIR/stage
rm -rf "$stage"
mkdir -p "$stage/usr/bin" "$stage/srv/debuginfod" "$stage/srv/other"
cp "$(command -v debuginfod)" "$stage/usr/bin/"
for lib in $(ldd "$(command -v debuginfod)" | grep -o '/[^ ]*'); do
	mkdir -p "$stage$(dirname "$lib")"
	cp -L "$lib" "$stage$lib"
done
cp "$ko" "$stage/srv/debuginfod/"
objcopy --dump-section .note.gnu.build-id="$E2E_DIR/note" "$ko"
last=$(tail -c 1 "$E2E_DIR/note" | od -An -tu1 | tr -d ' ')
{ head -c -1 "$E2E_DIR/note"; printf "\\$(printf '%03o' $(((last + 1) % 256)))"; } >"$E2E_DIR/note.other"
objcopy --update-section .note.gnu.build-id="$E2E_DIR/note.other" "$ko" "$stage/srv/other/lastgasp_test.ko"
other=$(readelf -n "$stage/srv/other/lastgasp_test.ko" | sed -n 's/^ *Build ID: //p')
if [ -n "$want" ] && [ -n "$bid" ] && [ -n "$other" ] && [ "$bid" != "$other" ]; then
	e2e_ok "oracles: NULL written at lastgasp_test.c:$want; build id $bid, the other build's $other"
else
	e2e_not_ok "oracles: the NULL line ($want) and two build ids ($bid, $other)"
fi
(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) >"$E2E_DIR/extra.cpio.gz"
cat "$E2E_INITRD" "$E2E_DIR/extra.cpio.gz" >"$E2E_DIR/initramfs.cpio.gz"
rm -rf "$stage"

e2e_boot crash "load,loadtest,crash:null" "$E2E_MEMMAP oops=panic lg.token=$token" ||
	{ e2e_finish; exit 0; }
e2e_crashed crash "NULL dereference in lastgasp_test"

E2E_INITRD=$E2E_DIR/initramfs.cpio.gz
e2e_boot readback "load,reportjsonkeep,debuginfod:$bid,reportdebuginfod:http://127.0.0.1:8002/,reportdebuginfo:/srv/other,reportdebuginfod:http://127.0.0.1:1/,reportdebuginfod:http://127.0.0.1:8003/cgi-bin/mute" \
	"$E2E_MEMMAP" || { e2e_finish; exit 0; }
e2e_step_ok readback debuginfod
plain=$(e2e_block readback reportjsonkeep | jq -c '.events[0]')
e2e_json_check "the record's build id of lastgasp_test is the .ko's" "$plain" \
	'[.modules[] | select(.name == "lastgasp_test")][0].build_id == $b' --arg b "$bid"

# part N : the event and the messages of the Nth debug-info report.
part() {
	local out
	out=$(e2e_block readback "$1" "${2:-1}")
	ev=$(printf '%s\n' "$out" | sed '/^LG-DEBUGINFO-MESSAGES$/,$d' | jq -c '.events[0]')
	msgs=$(printf '%s\n' "$out" | sed '1,/^LG-DEBUGINFO-MESSAGES$/d')
}
# unresolved DESC WORD : no frame resolved, one message about lastgasp_test
# saying WORD, and the event otherwise the plain report's.
unresolved() {
	e2e_json_check "$1: no frame resolves" "$ev" \
		'[.rip.source, .call_trace[].source] | all(. == null)'
	if [ "$(printf '%s\n' "$msgs" | grep -Ec 'lastgasp_test.*'"$2")" = 1 ]; then
		e2e_ok "$1: one message says so ($2)"
	else
		e2e_not_ok "$1: one message says so ($2)"
		printf '%s\n' "$msgs" | e2e_diag
	fi
	if [ "$(printf '%s\n' "$ev" | jq -S 'del(.rip.source, .call_trace[].source)')" = \
	     "$(printf '%s\n' "$plain" | jq -S 'del(.rip.source, .call_trace[].source)')" ]; then
		e2e_ok "$1: the report is otherwise unchanged"
	else
		e2e_not_ok "$1: the report is otherwise unchanged"
	fi
}

part reportdebuginfod 1
e2e_json_check "debuginfod: RIP lastgasp_test_null_deref at lastgasp_test.c:$want" "$ev" \
	'.rip.function == "lastgasp_test_null_deref" and
	 (.rip.source.file | split("/") | last) == "lastgasp_test.c" and
	 .rip.source.line == ($want | tonumber)' --arg want "$want"
part reportdebuginfo 1
unresolved "debug file of another build" "another build"
part reportdebuginfod 2
unresolved "nobody listens on the server's port" "debuginfod: Connection refused"
part reportdebuginfod 3
unresolved "the server never answers" "debuginfod: (Timer expired|.*timed out)"
e2e_finish
