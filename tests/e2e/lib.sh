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
# boots another release's kernel and initramfs for this one phase.
e2e_boot() {
	local phase=$1 steps=$2 extra=${3:-} rc kernel=$E2E_KERNEL initrd=$E2E_INITRD
	if [ -n "${E2E_BOOT_REL:-}" ]; then
		kernel=$e2e_top/build/guest/$E2E_BOOT_REL/vmlinuz
		initrd=$e2e_top/build/e2e/$E2E_BOOT_REL/initramfs.cpio.gz
	fi
	"$e2e_top/scripts/qemu-run.sh" -k "$kernel" -i "$initrd" \
		-r "$E2E_DIR/ram.img" -m "$E2E_MEM_MB" -s "$E2E_SMP" -t "$E2E_TIMEOUT" \
		-c "$E2E_DIR/$phase.console" -o "$E2E_DIR/$phase.results" \
		-a "lg.steps=$steps $extra" >"$E2E_DIR/$phase.qemu" 2>&1
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
	if printf '%s\n' "$json" | jq -e "$@" "$expr" >/dev/null 2>&1; then
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
