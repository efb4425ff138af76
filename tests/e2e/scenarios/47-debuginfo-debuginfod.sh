#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: 6.1.0-* 6.12.*
#
# Issue 8: debug info by build id.  A NULL dereference in the test module;
# after the reboot, `lastgasp report --debuginfod` in the guest must resolve
# the RIP to the line of tests/kmod/lastgasp_test.c that dereferences NULL
# (read from the source) through a real debuginfod (Debian's elfutils
# server) started here on the host, on a free port, with its own database
# and temporary directory, serving a directory that holds only the test
# module.  The guest reaches it through its virtio NIC under QEMU user
# networking (10.0.2.2 is the host's loopback) and searches no local file
# (no --debuginfo, no /usr/lib/debug, no /lib/modules).  The build id it
# asks by is the record's; it must be what `readelf -n` reads from the .ko.
# Bad input, each leaving the frames unresolved with one message and the
# report otherwise unchanged: a debug file of another build (the .ko with
# its build id changed), a host port nobody listens on, a host server that
# accepts and never answers (busybox httpd running a CGI that sleeps;
# bounded by lastgasp's DEBUGINFOD_TIMEOUT).  Every host process started
# here is stopped on exit.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../extra-modules.sh"
token=$(e2e_token)
src=$e2e_top/tests/kmod/lastgasp_test.c
ko=$e2e_top/build/e2e/$E2E_REL/ko/lastgasp_test.ko
want=$(awk '/^static noinline void lastgasp_test_null_deref\(/ { f = 1 }
	f && /lgt_null_ptr/ { print NR; exit }' "$src")
bid=$(readelf -n "$ko" | sed -n 's/^ *Build ID: //p' | head -n 1)

# The host's servers: debuginfod serving $srv/debuginfod; httpd (its own
# process group, with the CGIs it forks) never answering.
srv=$E2E_DIR/servers
rm -rf "$srv" && mkdir -p "$srv/debuginfod" "$srv/tmp" "$srv/mute/cgi-bin"
cp "$ko" "$srv/debuginfod/"
printf '#!/bin/sh\nexec sleep 300\n' >"$srv/mute/cgi-bin/mute"
chmod +x "$srv/mute/cgi-bin/mute"
dpid='' mpid=''
stop_servers() {
	[ -n "$dpid" ] && kill "$dpid" 2>/dev/null && wait "$dpid" 2>/dev/null
	[ -n "$mpid" ] && kill -- "-$mpid" 2>/dev/null && wait "$mpid" 2>/dev/null
	dpid='' mpid=''
}
trap stop_servers EXIT
# free_port: a port on 127.0.0.1 nobody listens on now.
free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 20000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
}
# A taken port makes a server exit at once: then another is tried.
for _ in 1 2 3 4 5; do
	dport=$(free_port)
	env -u DEBUGINFOD_URLS TMPDIR="$srv/tmp" nice debuginfod -F -c 1 -g 0 -p "$dport" \
		-d "$srv/db.sqlite" "$srv/debuginfod" >"$srv/debuginfod.log" 2>&1 &
	dpid=$!
	for _ in $(seq 1 60); do
		kill -0 "$dpid" 2>/dev/null || break
		busybox wget -q -O /dev/null "http://127.0.0.1:$dport/buildid/$bid/debuginfo" \
			2>/dev/null && break 2
		sleep 1
	done
	kill "$dpid" 2>/dev/null
	wait "$dpid" 2>/dev/null
	dpid=''
	rm -f "$srv"/db.sqlite*
done
if [ -n "$dpid" ]; then
	e2e_ok "the host's debuginfod serves $bid on 127.0.0.1:$dport"
else
	e2e_not_ok "the host's debuginfod serves $bid on a loopback port"
	tail -n 20 "$srv/debuginfod.log" | e2e_diag
fi
for _ in 1 2 3 4 5; do
	mport=$(free_port)
	setsid busybox httpd -f -p "127.0.0.1:$mport" -h "$srv/mute" >"$srv/httpd.log" 2>&1 &
	mpid=$!
	sleep 1
	kill -0 "$mpid" 2>/dev/null && break
	wait "$mpid" 2>/dev/null
	mpid=''
done
[ -n "$mpid" ] && e2e_ok "the host's silent server listens on 127.0.0.1:$mport" ||
	e2e_not_ok "the host's silent server listens on a loopback port"
rport=$(free_port)

# The read-back initramfs: the NIC's modules, and the .ko of "another
# build" (build id changed) under /srv/other.
stage=$E2E_DIR/stage
rm -rf "$stage"
mkdir -p "$stage/srv/other"
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
# The NIC's modules in load order: those this kernel builds as modules
# (its config; on 6.1 the virtio core and PCI transport are modules too).
nic=()
for cm in VIRTIO:drivers/virtio/virtio_ring VIRTIO:drivers/virtio/virtio \
	VIRTIO_PCI_LIB:drivers/virtio/virtio_pci_modern_dev \
	VIRTIO_PCI_LIB_LEGACY:drivers/virtio/virtio_pci_legacy_dev VIRTIO_PCI:drivers/virtio/virtio_pci \
	FAILOVER:net/core/failover NET_FAILOVER:drivers/net/net_failover VIRTIO_NET:drivers/net/virtio_net; do
	grep -qx "CONFIG_${cm%%:*}=m" "/lib/modules/$E2E_REL/build/.config" && nic+=("${cm#*:}")
done
nicnames=$(for m in "${nic[@]}"; do basename "$m"; done | paste -sd+)
crash_initrd=$E2E_INITRD
if ! e2e_initrd_with "${nic[@]}" >"$E2E_DIR/modules.why"; then
	echo "ok $E2E_NAME [$E2E_REL]: debuginfod on the host # SKIP $(cat "$E2E_DIR/modules.why")"
	exit 0
fi
(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) >"$E2E_DIR/extra.cpio.gz"
cat "$E2E_INITRD" "$E2E_DIR/extra.cpio.gz" >"$E2E_DIR/initramfs.cpio.gz"
rm -rf "$stage"

E2E_INITRD=$crash_initrd
e2e_boot crash "load,loadtest,crash:null" "$E2E_MEMMAP oops=panic lg.token=$token" ||
	{ e2e_finish; exit 0; }
e2e_crashed crash "NULL dereference in lastgasp_test"

E2E_INITRD=$E2E_DIR/initramfs.cpio.gz
E2E_QEMU_ARGS="-netdev user,id=n0 -device virtio-net-pci,netdev=n0" \
	e2e_boot readback "load,reportjsonkeep,netup:$nicnames,reportdebuginfod:http://10.0.2.2:$dport/,reportdebuginfo:/srv/other,reportdebuginfod:http://10.0.2.2:$rport/,reportdebuginfod:http://10.0.2.2:$mport/cgi-bin/mute" \
	"$E2E_MEMMAP" || { e2e_finish; exit 0; }
stop_servers
# The host's server saw the guest's client (libdebuginfod's user agent,
# not the wget above) fetch the module by its build id.
if grep -q "UA:elfutils.* GET /buildid/$bid/debuginfo 200 " "$srv/debuginfod.log"; then
	e2e_ok "the host's debuginfod served $bid to the guest's lastgasp"
else
	e2e_not_ok "the host's debuginfod served $bid to the guest's lastgasp"
	grep ' GET ' "$srv/debuginfod.log" | e2e_diag
fi
e2e_step_ok readback netup
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
