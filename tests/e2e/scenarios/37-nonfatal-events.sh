#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: * *-cloud-*
#
# Survivable events, none of them fatal: a WARN (panic_on_warn=0), a hung
# task (hung_task_panic=0), a soft lockup (softlockup_panic=0) and an RCU
# stall (panic_on_rcu_stall=0), provoked one after the other with short
# detection thresholds.  The RCU stall comes before the soft lockup, which
# (preemption off) stalls RCU too: the first rcu_stall event is the test's.  The guest lives on and powers off; the next boot
# must report each of them as its own non-fatal event, with the test
# module's function as the guilty frame.
E2E_SMP=2
. "$(dirname "$0")/../lib.sh"
token=$(e2e_token)
steps="load,loadtest,sysctl:kernel.panic_on_warn=0,sysctl:kernel.hung_task_timeout_secs=2"
steps="$steps,sysctl:kernel.watchdog_thresh=1,crash:warn,bg:hung,sleep:5"
steps="$steps,crash:rcu:8,sleep:3,crash:softlockup:10,sleep:3"

e2e_boot events "$steps" "$E2E_MEMMAP lg.token=$token rcupdate.rcu_cpu_stall_timeout=3" ||
	{ e2e_finish; exit 0; }
e2e_step_ok events load
if grep -aq '^LG-DONE' "$E2E_DIR/events.results"; then
	e2e_ok "events: the guest survived every event and powered off"
else
	e2e_not_ok "events: the guest survived every event and powered off"
	tail -n 30 "$E2E_DIR/events.console" | e2e_diag
fi
# The kernel's own console is the oracle: a kind the kernel did not report
# (a detector can miss a short spin on a loaded TCG host) is skipped, with
# the reason, instead of being expected from lastgasp.
declare -A seen
while read -r class re what; do
	if tr -d '\r' <"$E2E_DIR/events.console" | grep -Eaq -- "$re"; then
		e2e_ok "events: the console shows ${what//-/ }"
		seen[$class]=1
	else
		e2e_ok "events: the console shows ${what//-/ } # SKIP the kernel printed no ${what//-/ } report this run"
	fi
done <<EOF2
warning WARNING:.(CPU:.[0-9]+.PID:.[0-9]+.at.*lastgasp_test_warn|.*.at.lastgasp_test_warn\+.*,.CPU#[0-9]+:.) the-WARN
hung_task INFO:.task.$token:[0-9]+.blocked.for.more.than the-hung-task
soft_lockup watchdog:.BUG:.soft.lockup.-.CPU#[0-9]+.stuck.for the-soft-lockup
rcu_stall rcu:.INFO:.rcu_preempt.(self-)?detected.stalls?.on the-RCU-stall
EOF2

e2e_boot readback "load,reportkeep,report" "$E2E_MEMMAP" || { e2e_finish; exit 0; }
e2e_step_ok readback load
json=$(e2e_block readback report | jq -c . 2>/dev/null) || json='{}'
e2e_json_check "no event is fatal" "$json" '[.events[]? | select(.fatal)] == []'
e2e_json_check "every event is from the previous boot" "$json" \
	'(.events | length) > 0 and all(.events[]; .previous_boot == true)'
# Before 5.13 (bullseye's 5.10) a module can read the kernel log only in
# an oops or panic dump: the records of survived events keep no report
# text, and the text report must say so (a kernel fact, checked by release).
no_log=false
case "$E2E_REL" in 5.10.*) no_log=true ;; esac
no_log_why="no log tail for survived events before 5.13; the report says so"
# The sentence of user/print.h, LG_NO_LOG_SENTENCE.
no_log_sentence=$(sed -n '/define LG_NO_LOG_SENTENCE/{n;s/^[[:space:]]*"\(.*\)"$/\1/p}' \
	"$e2e_top/user/print.h")
# class, the test module's function, title pattern.  Of several events of
# one class (the soft lockup stalls RCU too) the one with the function in
# its call trace is the test's.
while read -r class fn title; do
	[ -n "${seen[$class]:-}" ] || continue
	E2E_EVENT=$(printf '%s\n' "$json" | jq -c --arg c "$class" --arg fn "$fn" '
		[.events[]? | select(.class == $c)] |
		(map(select(any(.call_trace[]?; .function == $fn))) + .) | first // null')
	if ! e2e_json_check "an event of class $class" "${E2E_EVENT:-null}" '. != null'; then
		continue
	fi
	if $no_log; then
		e2e_json_check "$class: log_unavailable is true" "$E2E_EVENT" \
			'.log_unavailable == true'
		# The event's block of the text report, "=== TITLE" to its blank line.
		t=$(printf '%s\n' "$E2E_EVENT" | jq -r '.title // ""')
		if e2e_block readback reportkeep | awk -v t="=== $t" \
			'index($0, t) == 1 { on = 1 } on && $0 == "" { exit } on' |
			grep -qF "Log:       $no_log_sentence"; then
			e2e_ok "$class: the text report says \"$no_log_sentence\""
		else
			e2e_not_ok "$class: the text report says \"$no_log_sentence\""
			e2e_block readback reportkeep 2>/dev/null | head -n 60 | e2e_diag
		fi
		# The blocked task's stack is walked only pinned, with
		# stack_trace_save_tsk(); a kernel that does not export it (5.10)
		# and cannot read its log leaves the trace empty, never guessed.
		if [ "$class" = hung_task ]; then
			if printf '%s\n' "$E2E_EVENT" | jq -e '(.call_trace // []) == []' >/dev/null; then
				e2e_ok "$class: $fn is in the call trace # SKIP no stack_trace_save_tsk export and no log tail: the stack is not walked unpinned"
			else
				e2e_json_check "$class: $fn is in the call trace" "$E2E_EVENT" \
					'any(.call_trace[]?; .function == $fn)' --arg fn "$fn"
			fi
		fi
		e2e_ok "$class: the function, culprit and title # SKIP $no_log_why"
		continue
	fi
	e2e_json_check "$class: $fn is in the call trace" "$E2E_EVENT" \
		'any(.call_trace[]?; .function == $fn) or (.rip.function == $fn)' --arg fn "$fn"
	# A stall of a preempted RCU reader ("Tasks blocked on ...") dumps
	# that task's stack with unreliable frames only: nothing to blame.
	[ "$class" = rcu_stall ] ||
		e2e_json_check "$class: the culprit is lastgasp_test" "$E2E_EVENT" \
			'.culprit_module == "lastgasp_test"'
	e2e_expect_title_re "$title" "matches /$title/"
done <<EOF2
warning lastgasp_test_warn ^WARNING in lastgasp_test_warn$
hung_task lastgasp_test_hung ^INFO: task hung in lastgasp_test_hung$
soft_lockup lastgasp_test_softlockup ^BUG: soft lockup in (lastgasp_test_softlockup|proc_reg_write)$
rcu_stall lastgasp_test_rcu_stall ^INFO: rcu detected stall in
EOF2
e2e_finish
