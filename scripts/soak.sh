#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make soak: provoke many crashes of every class in QEMU guests and count
# how many come back as records.  Per kernel and round:
#   - crash loops: the fatal classes (oops of every kind, panic, sysrq,
#     fatal WARN, OOM panic, soft lockup, hung task, RCU stall), one boot
#     each, SOAK_LOOP boots in a row before a boot reads them all back;
#   - one boot of survivable events: SOAK_OOPSES oopses the kernel lives
#     through, an OOM kill in a memory cgroup and a WARN, read back in that
#     same boot.
# Each fatal crash is matched to the events of its boot by the guest's own
# boot id (read from /proc/sys/kernel/random/boot_id before the crash; the
# records carry it); each survivable one by the comm of the task that
# made it (TOKEN0..9, the memory hog TOKEN, the WARN writer TOKEN).  Prints TAP lines, the capture rate (events read back / crashes)
# by kernel and class, and the worst capture time (the records' own
# capture_ns).  100% is the bar: any crash not read back is a failed line.
#
#   SOAK_KERNELS  releases (default: the Debian 6.1 and 6.12 guests)
#   SOAK_ROUNDS   rounds per kernel (default 5: 5 x 24 crashes x 2 kernels)
#   SOAK_SHORT=1  the cut-down soak of `make check`: one round, a few
#                 classes, three survivable oopses
#   SOAK_JOBS     kernels soaked at once (default 1: it is CPU heavy)
set -u
cd "$(dirname "$0")/.." || exit 1
top=$PWD
out=$top/build/soak
mkdir -p "$out" "$top/build/e2e"

if [ -z "${SOAK_KERNELS:-}" ]; then
	SOAK_KERNELS=$(for d in /lib/modules/*/build; do
		r=$(basename "$(dirname "$d")")
		case "$r" in 6.1.0-*-amd64 | 6.12.*-amd64) case "$r" in *-rt-*) ;; *) echo "$r" ;; esac ;; esac
	done | sort -V)
	[ "${SOAK_SHORT:-0}" = 1 ] && SOAK_KERNELS=$(echo "$SOAK_KERNELS" | tail -n 1)
fi
: "${SOAK_ROUNDS:=5}"
: "${SOAK_JOBS:=1}"
if [ "${SOAK_SHORT:-0}" = 1 ]; then
	SOAK_ROUNDS=1
	fatal_classes="null panic sysrq"
	oopses=3
	loop=3
else
	fatal_classes="null paging gpf bug divide list panic sysrq warn oompanic softlockup hung rcu"
	oopses=10
	loop=${SOAK_LOOP:-4}
fi

# The e2e pieces (modules, reporter, initramfs), under the e2e lock.
exec 9>"$top/build/e2e/.lock"
flock 9
# shellcheck disable=SC2086
if ! tests/e2e/build.sh $SOAK_KERNELS 2>"$out/build.err"; then
	echo "not ok 1 soak: build the guests' modules and initramfs"
	sed 's/^/# /' "$out/build.err"
	exit 1
fi

# Steps and kernel arguments of one fatal class.
fatal_how() {
	case "$1" in
	null | paging | gpf | bug | divide | list)
		echo "loadtest,crash:$1|oops=panic|" ;;
	panic) echo "loadtest,crash:panic||" ;;
	sysrq) echo "crash:sysrq||" ;;
	warn) echo "loadtest,sysctl:kernel.panic_on_warn=1,crash:warn||" ;;
	oompanic) echo "sysctl:vm.panic_on_oom=2,oomloop:1||" ;;
	softlockup)
		echo "loadtest,sysctl:kernel.watchdog_thresh=1,sysctl:kernel.softlockup_panic=1,crash:softlockup||" ;;
	hung)
		echo "loadtest,sysctl:kernel.hung_task_timeout_secs=2,sysctl:kernel.hung_task_panic=1,crash:hung||" ;;
	rcu) echo "loadtest,sysctl:kernel.panic_on_rcu_stall=1,crash:rcu|rcupdate.rcu_cpu_stall_timeout=3|" ;;
	esac
}

# soak_kernel REL: every round on one kernel; one line per crash in
# $out/REL.crashes ("class boot BOOTID" or "class comm COMM") and per
# event read back in $out/REL.events ("BOOTID COMM capture_ns").
soak_kernel() {
	local rel=$1 dir=$out/$1 round class how steps args token i n bootid
	rm -rf "$dir"
	mkdir -p "$dir"
	: >"$out/$rel.crashes"
	: >"$out/$rel.events"
	(
	# shellcheck disable=SC2034 # read by lib.sh
	E2E_REL=$rel E2E_DIR=$dir E2E_NAME=soak E2E_TIMEOUT=300
	# shellcheck source=tests/e2e/lib.sh
	. "$top/tests/e2e/lib.sh"
	rm -f "$dir/ram.img"
	for ((round = 1; round <= SOAK_ROUNDS; round++)); do
		n=0
		for class in $fatal_classes; do
			how=$(fatal_how "$class")
			steps=${how%%|*} args=${how#*|} args=${args%|*}
			token=$(e2e_token)
			e2e_boot "r$round-$class" "load,bootid,$steps" "$E2E_MEMMAP lg.token=$token $args" ||
				continue
			bootid=$(e2e_block "r$round-$class" bootid | tr -d -- '-\n ')
			if grep -aq '^LG-DONE' "$dir/r$round-$class.results" || [ -z "$bootid" ]; then
				e2e_not_ok "round $round: $class crashed the guest"
				continue
			fi
			echo "$class boot $bootid" >>"$out/$rel.crashes"
			n=$((n + 1))
			if [ $((n % loop)) -eq 0 ] || [ "$class" = "${fatal_classes##* }" ]; then
				e2e_boot "r$round-read$n" "load,report" "$E2E_MEMMAP" || continue
				e2e_block "r$round-read$n" report | jq -r '.events[] |
					"\(.boot_id) \(.comm) \(.capture_ns // 0)"' >>"$out/$rel.events"
			fi
		done
		# Survivable events, read back in the same boot.
		token=$(e2e_token)
		steps="load,loadtest,sysctl:kernel.panic_on_oops=0,oopsn:$oopses,oomloop:1,crash:warn,sleep:4,report"
		e2e_boot "r$round-survive" "$steps" "$E2E_MEMMAP lg.token=$token" || continue
		for ((i = 0; i < oopses; i++)); do
			echo "oops-survived comm $token$i" >>"$out/$rel.crashes"
		done
		echo "oom-kill comm $token" >>"$out/$rel.crashes"
		echo "warn-survived comm $token" >>"$out/$rel.crashes"
		e2e_block "r$round-survive" report | jq -r '.events[] |
			"\(.boot_id) \(.comm) \(.capture_ns // 0)"' >>"$out/$rel.events"
	done
	e2e_finish
	)
}

tap_n=0
tap() { tap_n=$((tap_n + 1)); echo "$1 $tap_n $2"; }

pids=()
for rel in $SOAK_KERNELS; do
	while [ "$(jobs -rp | wc -l)" -ge "$SOAK_JOBS" ]; do wait -n; done
	soak_kernel "$rel" >"$out/$rel.tap" 2>"$out/$rel.err" &
	pids+=($!)
done
wait

total=0 got_total=0 worst=0 worst_where=
for rel in $SOAK_KERNELS; do
	while IFS= read -r line; do
		case "$line" in
		"ok "*) tap ok "${line#ok }" ;;
		"not ok "*) tap "not ok" "${line#not ok }" ;;
		*) echo "$line" ;;
		esac
	done <"$out/$rel.tap"
	# A crash is read back when an event carries its boot id (fatal) or
	# its comm (survivable; the WARN and the OOM kill share the token: two
	# events with that comm are needed for both).
	while read -r class n got; do
		total=$((total + n)) got_total=$((got_total + got))
		if [ "$got" -eq "$n" ]; then
			tap ok "soak [$rel]: $class: $got of $n crashes read back (100%)"
		else
			tap "not ok" "soak [$rel]: $class: $got of $n crashes read back ($((100 * got / n))%)"
		fi
	done < <(awk 'FILENAME == ARGV[1] { boot[$1] = 1; comm[$2]++; next }
		{ n[$1]++
		  if ($2 == "boot" && ($3 in boot)) got[$1]++
		  if ($2 == "comm" && comm[$3] > 0) { got[$1]++; comm[$3]-- } }
		END { for (c in n) print c, n[c], got[c] + 0 }' \
		"$out/$rel.events" "$out/$rel.crashes" | sort)
	read -r ns comm < <(sort -k3,3n "$out/$rel.events" | tail -n 1 | awk '{print $3, $2}')
	if [ "${ns:-0}" -gt "$worst" ]; then
		worst=$ns worst_where="$rel, $comm"
	fi
done
if [ "$total" -gt 0 ]; then
	echo "# soak: $got_total of $total crashes read back ($((100 * got_total / total))%)"
	echo "# soak: worst capture time $((worst / 1000)) us ($worst_where)"
fi
[ "$total" -gt 0 ] || tap "not ok" "soak: crashes were provoked"
exit 0
