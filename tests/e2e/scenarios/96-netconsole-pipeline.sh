#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: 6.12.*
#
# Issue 7, the collector pipeline for machines whose RAM does not survive:
# netconsole in the guest (virtio NIC, QEMU user networking, whose gateway
# 10.0.2.2 is the host's loopback) -> a real rsyslogd started here on
# 127.0.0.1 (its own configuration, work directory and pid file; imudp on
# a free port; the raw messages to a file) -> `lastgasp analyze --follow
# --json-lines` on that file, started before the guest.  The test module's
# NULL dereference with oops=panic and panic=10, so the guest stays in its
# panic for a while: the event must come out while it is still dying.
# The title is checked against the RIP the dying kernel printed on its
# serial console (not the netconsole path); the times are printed, never
# asserted.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../extra-modules.sh"

rsyslogd=$(command -v rsyslogd || ls /usr/sbin/rsyslogd 2>/dev/null)
if [ -z "$rsyslogd" ]; then
	echo "ok $E2E_NAME [$E2E_REL]: netconsole pipeline # SKIP rsyslogd is not installed"
	exit 0
fi
if ! e2e_initrd_with fs/configfs/configfs net/core/failover drivers/net/net_failover drivers/net/virtio_net \
	drivers/net/netconsole >"$E2E_DIR/modules.why"; then
	echo "ok $E2E_NAME [$E2E_REL]: netconsole pipeline # SKIP $(cat "$E2E_DIR/modules.why")"
	exit 0
fi
# The follower runs on the host (the collector), built from this tree.
if ! make -s -C "$e2e_top/user" O="$E2E_DIR/host" >"$E2E_DIR/host-build.log" 2>&1; then
	e2e_not_ok "the host's lastgasp builds"
	e2e_finish
	exit 0
fi
bin=$E2E_DIR/host/lastgasp

rs=$E2E_DIR/rsyslog
log=$rs/netconsole.log
rm -rf "$rs" && mkdir -p "$rs/work"
# A free UDP port on the loopback: rsyslogd fails to start on a taken one,
# and then another is tried.
rspid=
for _ in 1 2 3 4 5; do
	port=$((20000 + RANDOM % 20000))
	cat >"$rs/rsyslog.conf" <<CONF
global(workDirectory="$rs/work")
module(load="imudp")
# netconsole sends bare console lines: write them as they came.
template(name="lastgaspRaw" type="string" string="%rawmsg%\\n")
ruleset(name="netconsole") {
	action(type="omfile" file="$log" template="lastgaspRaw")
}
input(type="imudp" address="127.0.0.1" port="$port" ruleset="netconsole")
CONF
	"$rsyslogd" -n -f "$rs/rsyslog.conf" -i "$rs/rsyslogd.pid" >"$rs/rsyslogd.out" 2>&1 &
	rspid=$!
	sleep 1
	kill -0 "$rspid" 2>/dev/null && ! grep -qi 'error' "$rs/rsyslogd.out" && break
	kill "$rspid" 2>/dev/null
	wait "$rspid" 2>/dev/null
	rspid=
done
if [ -z "$rspid" ]; then
	e2e_not_ok "rsyslogd listens on the loopback"
	e2e_diag <"$rs/rsyslogd.out"
	e2e_finish
	exit 0
fi
e2e_ok "rsyslogd listens on 127.0.0.1:$port (udp)"

follow_out=$E2E_DIR/follow.jsonl
"$bin" analyze --follow --json-lines "$log" \
	>"$follow_out" 2>"$E2E_DIR/follow.err" &
fpid=$!
# Timestamps (s.ns): the first oops line in rsyslog's file, the first
# event out of the follower.
(
	t_line='' t_event=''
	for _ in $(seq 1 6000); do
		[ -z "$t_line" ] && grep -qa 'BUG: kernel NULL pointer' "$log" 2>/dev/null &&
			t_line=$(date +%s.%N) && echo "line $t_line"
		[ -z "$t_event" ] && [ -s "$follow_out" ] && t_event=$(date +%s.%N) &&
			echo "event $t_event"
		[ -n "$t_line" ] && [ -n "$t_event" ] && break
		sleep 0.05
	done
) >"$E2E_DIR/times" &
tpid=$!

token=$(e2e_token)
E2E_QEMU_ARGS="-netdev user,id=n0 -device virtio-net-pci,netdev=n0" \
	e2e_boot crash "loadtest,netconsole:$port,crash:null" \
	"oops=panic panic=10 lg.token=$token"
t_end=$(date +%s.%N)
kill "$tpid" 2>/dev/null
wait "$tpid" 2>/dev/null
sleep 2		# the follower's idle time: a late event still counts
kill "$fpid" "$rspid" 2>/dev/null
wait "$fpid" "$rspid" 2>/dev/null

e2e_step_ok crash loadtest
e2e_step_ok crash netconsole
e2e_crashed crash "NULL dereference in lastgasp_test"
rip_fn=$(tr -d '\r' <"$E2E_DIR/crash.console" |
	sed -n 's/.*RIP: 0010:\([A-Za-z0-9_.]*\)+0x.*\[lastgasp_test\].*/\1/p' | head -n 1)
[ -n "$rip_fn" ] && e2e_ok "the serial console shows RIP $rip_fn in [lastgasp_test]" ||
	{ e2e_not_ok "the serial console shows a RIP in [lastgasp_test]"; rip_fn='(unknown)'; }
e2e_test_fn "$rip_fn"
if grep -qa "Comm: $token" "$log" 2>/dev/null; then
	e2e_ok "rsyslog's file has the oops of $token"
else
	e2e_not_ok "rsyslog's file has the oops of $token"
	tail -n 20 "$log" 2>/dev/null | e2e_diag
fi
E2E_EVENT=$(jq -c --arg t "$token" 'select(.comm == $t)' "$follow_out" 2>/dev/null | head -n 1)
if [ -n "$E2E_EVENT" ]; then
	e2e_ok "analyze --follow --json-lines printed the oops of $token"
	e2e_json_check "its title is the NULL dereference in $rip_fn" "$E2E_EVENT" \
		'.title == "BUG: unable to handle kernel NULL pointer dereference in " + $f' --arg f "$rip_fn"
	e2e_json_check "its source is rsyslog's file" "$E2E_EVENT" '.source == $l' --arg l "$log"
else
	e2e_not_ok "analyze --follow --json-lines printed the oops of $token"
	{ cat "$follow_out" "$E2E_DIR/follow.err"; } 2>/dev/null | head -n 20 | e2e_diag
fi
n=$(grep -c . "$follow_out" 2>/dev/null)
bad=$(jq -c . "$follow_out" 2>&1 >/dev/null | head -n 1)
[ -z "$bad" ] && e2e_ok "each of the $n output lines is one JSON object" ||
	e2e_not_ok "each output line is one JSON object ($bad)"
t_line=$(sed -n 's/^line //p' "$E2E_DIR/times")
t_event=$(sed -n 's/^event //p' "$E2E_DIR/times")
if [ -n "$t_line" ] && [ -n "$t_event" ]; then
	left=$(echo "$t_end - $t_event" | bc)
	case "$left" in
	-*) state="after QEMU had ended" ;;
	*) state="while the guest was still dying (QEMU ended $left s later)" ;;
	esac
	echo "# pipeline: the event came out $(echo "$t_event - $t_line" | bc) s after the first oops line reached rsyslog's file, $state"
fi
e2e_finish
