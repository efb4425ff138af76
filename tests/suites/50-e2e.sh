#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end: boot real Debian kernels under QEMU (TCG), crash them with the
# module loaded on a reserved region, boot again on the same RAM and check
# what `lastgasp report` reads back.  Every tests/e2e/scenarios/*.sh runs
# once per guest kernel, E2E_JOBS at a time; their TAP lines are numbered
# here.
#
#   E2E_KERNELS  releases to boot (default: every Debian kernel with
#                headers: the host's 6.1, 6.12 and 6.12-rt, and the
#                bullseye 5.10 and sid 7.x kernels of the build chroots,
#                scripts/guest-chroot.sh)
#   E2E_SCENARIOS  scenario names to run (default: all), e.g. "10-sysrq-crash"
#   E2E_JOBS     scenarios at once (default: the number of CPUs, at most 4:
#                each holds a 1 GiB guest)
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$PWD
out=$top/build/e2e
mkdir -p "$out"

# Two runs in one checkout would rebuild each other's initramfs and boot
# on each other's RAM files: the second one waits.
exec 9>"$out/.lock"
if ! flock -n 9; then
	echo "# another end-to-end run is using build/e2e; waiting for it"
	flock 9
fi
# Seconds since the lock was ours: printed at the end, for CI's time budget
# (a diagnostic only; no test asserts a wall-clock time).
SECONDS=0

default_kernels() {
	local rel
	for rel in $(scripts/kmake.sh --list); do
		case "$rel" in
		5.10.0-*-amd64 | 6.1.0-*-amd64 | 6.12.*-amd64 | [7-9].*-amd64) echo "$rel" ;;
		esac
	done
}
if [ -z "${E2E_KERNELS:-}" ]; then
	kernels=$(default_kernels)
else
	kernels=$E2E_KERNELS
fi
jobs=${E2E_JOBS:-$(nproc)}
[ -n "${E2E_JOBS:-}" ] || [ "$jobs" -le 4 ] || jobs=4

n=0
tap() { n=$((n + 1)); echo "$1 $n $2"; }

if [ -z "$kernels" ]; then
	tap "not ok" "e2e: no Debian guest kernel headers installed (scripts/deps.sh installs them)"
	exit 1
fi
for tool in qemu-system-x86_64 jq busybox cpio; do
	command -v "$tool" >/dev/null ||
		tap "not ok" "e2e: $tool is not installed (scripts/deps.sh installs it)"
done

# shellcheck disable=SC2086
if tests/e2e/build.sh $kernels 2>"$out/build.err"; then
	tap ok "e2e: build modules, reporter, nltool and initramfs for ${kernels//$'\n'/ }"
else
	tap "not ok" "e2e: build modules, reporter, nltool and initramfs for ${kernels//$'\n'/ }"
	sed 's/^/# /' "$out/build.err"
fi

scenarios=()
for s in tests/e2e/scenarios/*.sh; do
	name=$(basename "$s" .sh)
	case " ${E2E_SCENARIOS:-$name} " in *" $name "*) scenarios+=("$name") ;; esac
done

# A scenario that only makes sense on some kernels says so in a header
# line "# e2e-kernels: GLOB..." (e.g. 6.1.0-*); it is not run elsewhere.
# A flavour kernel (rt, cloud) runs only the scenarios that name it, with
# a glob that says its flavour (e.g. *-rt-*, *-cloud-*): the whole matrix
# on each would cost CI a third more time for flavours that only have to
# build, boot, crash and read back what the generic kernel of the same
# release already proves in full.
applies() {
	local globs g flavour=
	# read -a: the globs are words, never expanded against file names.
	read -ra globs <<<"$(sed -n 's/^# e2e-kernels: *//p' "tests/e2e/scenarios/$1.sh")"
	case "$2" in *-rt-*) flavour=rt ;; *-cloud-*) flavour=cloud ;; esac
	[ ${#globs[@]} -eq 0 ] && [ -z "$flavour" ] && return 0
	for g in "${globs[@]}"; do
		[ -n "$flavour" ] && [[ $g != *"$flavour"* ]] && continue
		# shellcheck disable=SC2053 # a glob on purpose
		[[ $2 == $g ]] && return 0
	done
	return 1
}

# Run scenario x kernel jobs, at most $jobs at once.  Each job writes its
# own TAP file; they are printed in a fixed order afterwards.
results=()
for rel in $kernels; do
	skipped=()
	for name in "${scenarios[@]}"; do
		applies "$name" "$rel" || skipped+=("$name")
	done
	if [ ${#skipped[@]} -gt 0 ]; then
		case "$rel" in
		*-rt-* | *-cloud-*) why="a flavour kernel runs only scenarios whose '# e2e-kernels:' names its flavour" ;;
		*) why="their '# e2e-kernels:' header does not name this kernel" ;;
		esac
		tap ok "e2e [$rel]: ${skipped[*]} # SKIP $why"
	fi
	for name in "${scenarios[@]}"; do
		applies "$name" "$rel" || continue
		while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
			wait -n
		done
		dir=$out/$rel/$name
		rm -rf "$dir" "$dir.secs"
		mkdir -p "$dir"
		results+=("$dir.tap")
		(
			start=$SECONDS
			E2E_REL=$rel E2E_DIR=$dir E2E_NAME=$name \
				"tests/e2e/scenarios/$name.sh" >"$dir.tap" 2>"$dir.err"
			echo $((SECONDS - start)) >"$dir.secs"
		) &
	done
done
wait

for f in "${results[@]}"; do
	if ! grep -qE '^(not )?ok ' "$f"; then
		tap "not ok" "e2e: $(basename "$f" .tap) printed no result"
		sed 's/^/# /' "${f%.tap}.err" | tail -n 20
		continue
	fi
	while IFS= read -r line; do
		case "$line" in
		"ok "*) tap ok "${line#ok }" ;;
		"not ok "*) tap "not ok" "${line#not ok }" ;;
		*) echo "$line" ;;
		esac
	done <"$f"
	[ -s "${f%.tap}.err" ] && sed 's/^/# stderr: /' "${f%.tap}.err" | tail -n 10
done
# Per kernel: the sum of its scenarios' own times, to choose which run where.
for rel in $kernels; do
	runs=0 secs=0
	for f in "${results[@]}"; do
		[[ $f == "$out/$rel/"* ]] || continue
		runs=$((runs + 1))
		secs=$((secs + $(cat "${f%.tap}.secs" 2>/dev/null || echo 0)))
	done
	echo "# e2e [$rel]: $runs scenario runs, $secs s of scenario time"
done
echo "# e2e: ${#results[@]} scenario runs, $jobs at a time, build included: ${SECONDS} s"
exit 0
