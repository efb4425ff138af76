#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: 6.1.0-* 6.12.*
#
# Issue 8: source lines from debug info.  A NULL dereference in the test
# module; the RIP must resolve to the line of tests/kmod/lastgasp_test.c
# that writes through the NULL pointer in lastgasp_test_null_deref (read
# from the source here, the oracle), from the test module's own .ko:
#  - `lastgasp analyze --debuginfo DIR` on the host, on the dying console;
#  - `lastgasp report --debuginfo DIR` in the guest, on the module record.
# Bad input, the same console: a stripped .ko leaves the frames unresolved
# with one message and the report otherwise unchanged.  The record carries
# the module's build id (`readelf -n` of the .ko is the oracle).
. "$(dirname "$0")/../lib.sh"
token=$(e2e_token)
src=$e2e_top/tests/kmod/lastgasp_test.c
reporter=$e2e_top/build/e2e/user/lastgasp
kodir=$e2e_top/build/e2e/$E2E_REL/ko

# The oracle: in lastgasp_test_null_deref, the line that uses lgt_null_ptr.
want=$(awk '/^static noinline void lastgasp_test_null_deref\(/ { f = 1 }
	f && /lgt_null_ptr/ { print NR; exit }' "$src")
# The caller: lgt_run (inlined) calls it, lgt_write calls lgt_run.
call=$(awk '/^static int lgt_run\(/ { f = 1 }
	f && /lastgasp_test_null_deref\(\);/ { print NR; exit }' "$src")
site=$(awk '/^static ssize_t lgt_write\(/ { f = 1 }
	f && /= lgt_run\(/ { print NR; exit }' "$src")
if [ -n "$want" ] && [ -n "$call" ] && [ -n "$site" ]; then
	e2e_ok "the source dereferences NULL at lastgasp_test.c:$want, called at :$call (lgt_run, from lgt_write at :$site)"
else
	e2e_not_ok "the source dereferences NULL in lastgasp_test_null_deref, called from lgt_run in lgt_write"
	want=0 call=0 site=0
fi

# rip_source_check DESC JSON_EVENT : the RIP resolves to the oracle's line.
# The file is named relative to the compilation directory: Kbuild before
# 6.13 compiles external modules from the kernel tree (an absolute path
# ending in tests/kmod/lastgasp_test.c), later ones from the module's.
rip_source_check() {
	e2e_json_check "$1: RIP lastgasp_test_null_deref at lastgasp_test.c:$want" "$2" \
		'.rip.function == "lastgasp_test_null_deref" and
		 (.rip.source.file | split("/") | last) == "lastgasp_test.c" and
		 .rip.source.line == ($want | tonumber)' --arg want "$want"
}

e2e_boot crash "load,loadtest,crash:null" "$E2E_MEMMAP oops=panic lg.token=$token" ||
	{ e2e_finish; exit 0; }
e2e_crashed crash "NULL dereference in lastgasp_test"
console=$E2E_DIR/console.txt
tr -d '\r' <"$E2E_DIR/crash.console" >"$console"

# From the .ko directly, on the console text.
json=$("$reporter" analyze --json --debuginfo "$kodir" "$console" 2>"$E2E_DIR/analyze.err")
rip_source_check "analyze --debuginfo" "$(printf '%s\n' "$json" | jq -c '.events[0]')"
# lgt_write (lgt_write.cold with some compilers) returns into the inlined lgt_run.
e2e_json_check "analyze --debuginfo: lgt_write's frame is lgt_run at :$call, inlined into lgt_write at :$site" \
	"$json" '[.events[0].call_trace[] | select(.function | startswith("lgt_write"))][0].source |
	 .line == ($call | tonumber) and .inlined[0].function == "lgt_write" and
	 .inlined[0].line == ($site | tonumber)' --arg call "$call" --arg site "$site"

# Bad input: a stripped copy of the module, in a directory of its own.
mkdir -p "$E2E_DIR/stripped"
objcopy --strip-debug "$kodir/lastgasp_test.ko" "$E2E_DIR/stripped/lastgasp_test.ko"
bad=$("$reporter" analyze --json --debuginfo "$E2E_DIR/stripped" "$console" 2>"$E2E_DIR/stripped.err")
plain=$("$reporter" analyze --json "$console" 2>/dev/null)
e2e_json_check "stripped .ko: no frame resolves" "$bad" \
	'[.events[].rip.source, .events[].call_trace[].source] | all(. == null)'
if [ "$(printf '%s\n' "$bad" | jq -S .)" = "$(printf '%s\n' "$plain" | jq -S .)" ]; then
	e2e_ok "stripped .ko: the report is otherwise unchanged"
else
	e2e_not_ok "stripped .ko: the report is otherwise unchanged"
fi
if [ "$(grep -c 'lastgasp_test.*stripped' "$E2E_DIR/stripped.err")" = 1 ]; then
	e2e_ok "stripped .ko: one message says so"
else
	e2e_not_ok "stripped .ko: one message says so"
	e2e_diag <"$E2E_DIR/stripped.err"
fi

# From the module record, in the guest, with the .ko the guest loaded.
e2e_boot readback "load,reportdebuginfo:/lib/lastgasp" "$E2E_MEMMAP" ||
	{ e2e_finish; exit 0; }
e2e_step_ok readback reportdebuginfo
out=$(e2e_block readback reportdebuginfo)
ev=$(printf '%s\n' "$out" | sed '/^LG-DEBUGINFO-MESSAGES$/,$d' | jq -c '.events[0]')
rip_source_check "report --debuginfo (record)" "$ev"
e2e_json_check "report --debuginfo: the record is this crash (comm $token)" "$ev" \
	'.comm == $tok' --arg tok "$token"
# The record names the test module's exact build, as readelf reads it.
bid=$(readelf -n "$kodir/lastgasp_test.ko" | sed -n 's/^ *Build ID: //p' | head -n 1)
e2e_json_check "the record's build id of lastgasp_test is the .ko's ($bid)" "$ev" \
	'[.modules[] | select(.name == "lastgasp_test")][0].build_id == $b' --arg b "$bid"
e2e_finish
