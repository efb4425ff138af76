# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers for end-to-end scenarios, sourced by tests/e2e/scenarios/*.sh.
# A scenario runs with E2E_REL (guest kernel release) and E2E_DIR (its own
# scratch directory, holding ram.img and the logs) in the environment,
# boots phases with e2e_boot, reads the guest's result blocks with
# e2e_block, and prints one TAP line per assertion with e2e_ok/e2e_check.
# The suite numbers the lines; a scenario prints them unnumbered:
#   ok <description>            not ok <description>
#   # diagnostic lines

e2e_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
: "${E2E_REL:?E2E_REL (guest kernel release) is not set}"
: "${E2E_DIR:?E2E_DIR (scenario scratch directory) is not set}"
: "${E2E_TIMEOUT:=240}"
E2E_NAME=${E2E_NAME:-$(basename "$0" .sh)}
E2E_KERNEL=${E2E_KERNEL:-$e2e_top/build/guest/$E2E_REL/vmlinuz}
E2E_INITRD=${E2E_INITRD:-$e2e_top/build/e2e/$E2E_REL/initramfs.cpio.gz}

# Guest RAM is 1 GiB unless the scenario sets E2E_MEM_MB before sourcing
# this file (an OOM scenario wants less).  The region sits at 3/4 of RAM:
# for 1 GiB, System RAM runs to 0x3ffdffff and the initrd is loaded just
# below its top, so 1 MiB at 0x30000000 is free on every guest kernel
# (checked against the guest's /proc/iomem), and KASLR keeps the kernel
# out of memmap= ranges.  The RAM file is mapped from offset 0, so this
# guest physical address is also the file offset.  E2E_SMP: guest CPUs.
: "${E2E_MEM_MB:=1024}"
: "${E2E_SMP:=1}"
E2E_REGION_ADDR=$(printf '0x%x' $(((E2E_MEM_MB * 3 / 4) << 20)))
E2E_REGION_SIZE=0x100000
E2E_MEMMAP="memmap=1M\$$E2E_REGION_ADDR lg.mem=$E2E_REGION_ADDR,$E2E_REGION_SIZE"

mkdir -p "$E2E_DIR"
e2e_failed=0

# A token no earlier run can have left behind: it fits in a 15-byte comm.
e2e_token() {
	echo "lg$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
}

e2e_ok() { echo "ok $E2E_NAME [$E2E_REL]: $*"; }
e2e_not_ok() { echo "not ok $E2E_NAME [$E2E_REL]: $*"; e2e_failed=1; }
# Diagnostics: "# " lines, without the firmware's terminal escapes.
e2e_diag() { tr -d '\r' | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1bc//g; s/^/# /'; }

# e2e_boot PHASE STEPS [EXTRA_KERNEL_ARGS] : one QEMU run.  Logs go to
# $E2E_DIR/PHASE.console and $E2E_DIR/PHASE.results.  Prints a TAP line
# only when the run itself failed (timeout, QEMU error).  E2E_BOOT_REL=REL
# boots another release's kernel and initramfs for this one phase;
# E2E_QEMU_ARGS adds QEMU options (e.g. a network card).
e2e_boot() {
	local phase=$1 steps=$2 extra=${3:-} rc kernel=$E2E_KERNEL initrd=$E2E_INITRD
	if [ -n "${E2E_BOOT_REL:-}" ]; then
		kernel=$e2e_top/build/guest/$E2E_BOOT_REL/vmlinuz
		initrd=$e2e_top/build/e2e/$E2E_BOOT_REL/initramfs.cpio.gz
	fi
	"$e2e_top/scripts/qemu-run.sh" -k "$kernel" -i "$initrd" \
		-r "$E2E_DIR/ram.img" -m "$E2E_MEM_MB" -s "$E2E_SMP" -t "$E2E_TIMEOUT" \
		-c "$E2E_DIR/$phase.console" -o "$E2E_DIR/$phase.results" \
		-a "lg.steps=$steps $extra" ${E2E_QEMU_ARGS:+-q "$E2E_QEMU_ARGS"} \
		>"$E2E_DIR/$phase.qemu" 2>&1
	rc=$?
	if [ "$rc" -ne 0 ]; then
		e2e_not_ok "$phase: QEMU run ended with status $rc$([ "$rc" = 124 ] && echo ' (timeout)')"
		{ cat "$E2E_DIR/$phase.qemu"; tail -n 30 "$E2E_DIR/$phase.console"; } | e2e_diag
		return 1
	fi
}

# e2e_block PHASE STEP [N] : the output of the Nth (default 1st) run of
# STEP in PHASE.  Fails when the guest never finished that block.
e2e_block() {
	local file=$E2E_DIR/$1.results tag="$2#${3:-1}"
	grep -aq "^LG-RESULT-END $tag rc=" "$file" 2>/dev/null || return 1
	tr -d '\r' <"$file" | sed -n "/^LG-RESULT-BEGIN $tag\$/,/^LG-RESULT-END $tag rc=/p" |
		sed '1d;$d'
}

# e2e_block_rc PHASE STEP [N] : that block's exit status ("" if missing).
e2e_block_rc() {
	tr -d '\r' <"$E2E_DIR/$1.results" 2>/dev/null |
		sed -n "s/^LG-RESULT-END $2#${3:-1} rc=//p"
}

# e2e_step_ok PHASE STEP [N] : TAP line saying whether the step ran and
# exited 0; on failure shows its output and the end of the console.
e2e_step_ok() {
	local rc
	rc=$(e2e_block_rc "$@")
	if [ "$rc" = 0 ]; then
		e2e_ok "$1: $2 succeeds"
		return 0
	fi
	e2e_not_ok "$1: $2 succeeds (status ${rc:-missing: the guest never finished it})"
	{ e2e_block "$@"; echo "-- console:"; tail -n 25 "$E2E_DIR/$1.console"; } 2>/dev/null | e2e_diag
	return 1
}

# e2e_json_check DESC JSON JQ_EXPR [jq args...] : TAP line for
# `jq -e EXPR` on JSON.  On failure shows the expression and the JSON.
e2e_json_check() {
	local desc=$1 json=$2 expr=$3
	shift 3
	# jq -e succeeds on empty input (no result at all): nothing is no pass.
	if [ -n "${json//[[:space:]]/}" ] &&
		printf '%s\n' "$json" | jq -e "$@" "$expr" >/dev/null 2>&1; then
		e2e_ok "$desc"
		return 0
	fi
	e2e_not_ok "$desc"
	{ echo "expected: $expr $*"; echo "got:"; printf '%s\n' "$json" | head -c 4000; echo; } | e2e_diag
	return 1
}

# e2e_crashed PHASE WHAT : TAP line saying whether the guest crashed
# instead of powering off, i.e. never reached the end of its steps.
e2e_crashed() {
	if grep -aq '^LG-DONE' "$E2E_DIR/$1.results"; then
		e2e_not_ok "$1: the guest crashed ($2)"
		{ e2e_block "$1" crash; tail -n 20 "$E2E_DIR/$1.console"; } 2>/dev/null | e2e_diag
		return 1
	fi
	e2e_ok "$1: the guest crashed ($2)"
}

# e2e_one_event PHASE [N] : sets E2E_EVENT to the one event of the Nth
# report block, for the common case of one crash; prints a TAP line, which
# fails unless the block is JSON with exactly one event.
e2e_one_event() {
	local phase=$1 json n
	E2E_EVENT=null
	json=$(e2e_block "$phase" report "${2:-1}") || {
		e2e_not_ok "$phase: report --json printed a result"
		return 1
	}
	n=$(printf '%s\n' "$json" | jq '.events | length' 2>/dev/null)
	if [ "$n" != 1 ]; then
		e2e_not_ok "$phase: report --json holds exactly one event (got ${n:-no valid JSON})"
		printf '%s\n' "$json" | head -c 4000 | e2e_diag
		return 1
	fi
	e2e_ok "$phase: report --json holds exactly one event"
	E2E_EVENT=$(printf '%s\n' "$json" | jq -c '.events[0]')
}

# Keep the 1 GiB RAM file only when something failed, for a post-mortem.
e2e_finish() {
	[ "$e2e_failed" -eq 0 ] && rm -f "$E2E_DIR/ram.img"
	return 0
}

# --- Helpers for the crash-class matrix (scenarios 5x-8x) ---

# e2e_test_fn NAME : TAP line saying whether the test module's source
# defines NAME as a crash function.  Expected function names come from that source, never
# from the output under test; a renamed function fails here, loudly.
e2e_test_fn() {
	if grep -Eq "^static noinline [a-z ]+\b$1\(" "$e2e_top/tests/kmod/lastgasp_test.c"; then
		e2e_ok "expected function $1 is a crash function of tests/kmod/lastgasp_test.c"
	else
		e2e_not_ok "expected function $1 is a crash function of tests/kmod/lastgasp_test.c"
	fi
}

# e2e_console_has PHASE ERE DESC : TAP line saying whether the dying
# kernel's own console shows ERE, i.e. the provocation did what it says.
e2e_console_has() {
	if tr -d '\r' <"$E2E_DIR/$1.console" | grep -Eaq -- "$2"; then
		e2e_ok "$1: the console shows $3"
		return 0
	fi
	e2e_not_ok "$1: the console shows $3 (/$2/)"
	tr -d '\r' <"$E2E_DIR/$1.console" | tail -n 40 | e2e_diag
	return 1
}

# e2e_crash_cycle STEPS_BEFORE_CRASH HOW EXTRA_ARGS : the usual two boots.
# Boot 1 loads both modules, runs the extra steps (sysctl:...), crashes
# with crash:HOW under a fresh token (E2E_TOKEN); boot 2 loads lastgasp.ko
# and runs `lastgasp report --keep` (text) and `lastgasp report --json`.  Returns 1 when
# a QEMU run itself failed (the TAP line is already printed).
e2e_crash_cycle() {
	local pre=$1 how=$2 extra=${3:-}
	E2E_TOKEN=$(e2e_token)
	e2e_boot crash "load,loadtest${pre:+,$pre},crash:$how" \
		"$E2E_MEMMAP lg.token=$E2E_TOKEN $extra" || return 1
	e2e_step_ok crash load
	e2e_step_ok crash loadtest
	e2e_crashed crash "crash:$how"
	e2e_boot readback "load,uname,status,reportkeep,report" "$E2E_MEMMAP" || return 1
	e2e_step_ok readback load
}

# The checks every class scenario makes on E2E_EVENT, one TAP line each.
e2e_expect_class() { e2e_json_check "class is $1" "$E2E_EVENT" '.class == $c' --arg c "$1"; }
e2e_expect_fatal() {
	e2e_json_check "fatal is $1" "$E2E_EVENT" '.fatal == ($f == "true")' --arg f "$1"
}
# e2e_expect_title EXACT_TITLE | e2e_expect_title_re PCRE DESC
e2e_expect_title() { e2e_json_check "title is \"$1\"" "$E2E_EVENT" '.title == $t' --arg t "$1"; }
e2e_expect_title_re() {
	e2e_json_check "title $2" "$E2E_EVENT" '(.title // "") | test($re)' --arg re "$1"
}
# e2e_expect_rip FN [MODULE]
e2e_expect_rip() {
	if [ -n "${2:-}" ]; then
		e2e_json_check "RIP is $1 in [$2]" "$E2E_EVENT" \
			'.rip.function == $fn and .rip.module == $m' --arg fn "$1" --arg m "$2"
	else
		e2e_json_check "RIP is $1" "$E2E_EVENT" '.rip.function == $fn' --arg fn "$1"
	fi
}
e2e_expect_guilty() {
	e2e_json_check "guilty frame is $1" "$E2E_EVENT" \
		'(.guilty_frame // "") | sub("\\+.*"; "") == $fn' --arg fn "$1"
}
e2e_expect_cause() {
	e2e_json_check "the first cause is $1" "$E2E_EVENT" '.causes[0].id == $id' --arg id "$1"
}
# The text report of the same event must name the title too (the one
# printer users read); it ran with --keep, before the JSON report.
e2e_expect_text_title() {
	local title
	title=$(printf '%s\n' "$E2E_EVENT" | jq -r '.title // empty')
	if [ -n "$title" ] && e2e_block readback reportkeep | grep -qF -- "$title"; then
		e2e_ok "the text report shows the title"
	else
		e2e_not_ok "the text report shows the title (${title:-none})"
		e2e_block readback reportkeep 2>/dev/null | head -n 30 | e2e_diag
	fi
}
