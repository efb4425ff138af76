#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Issue 7 item 3, the journal as a crash source, on a real systemd machine
# (Debian 12 root with its persistent journal, /var/log/journal): the
# reporter installed, the lastgasp module NOT installed.  Boot 1: the test
# module's WARN, written by a shell whose comm is the token; the machine
# survives and powers off cleanly.  Boot 2: `lastgasp report` has no module
# to ask, reads the journal, and finds the warning among the previous
# boot's kernel messages: class warning, the token as comm, the warning's
# function in the title, source "journal:<boot 1's id>", archived as
# journal-<boot 1's id>.json; a second report does not repeat it.
#
# Oracles: boot 1's own boot id and the console text of its WARN (the
# function the kernel named), the token.
# needs: build/sdguest (sdguest-root.sh); the test module is built in the
# root, with its compiler and headers.
. "$(dirname "$0")/../lib.sh"
top=$sdg_top

if ! make -s -C "$top/user" O="$E2E_DIR/user" PREFIX=/usr >"$E2E_DIR/user.log" 2>&1; then
	e2e_not_ok "the reporter builds"
	e2e_diag <"$E2E_DIR/user.log"
	exit 1
fi

"$top/scripts/sdguest-image.sh" copy "$SDG_ROOT"
# The test module, built inside the root against its own kernel headers
# (the root's kernel need not be one the host has headers for).
rm -rf "$SDG_ROOT/tmp/testkmod" && cp -a "$top/tests/kmod" "$SDG_ROOT/tmp/testkmod"
# shellcheck disable=SC2016 # the inner shell's $1
if ! unshare --mount --propagation private sh -c 'r=$1
	mount -t proc proc "$r/proc" && chroot "$r" make -C "/lib/modules/$2/build" \
		M=/tmp/testkmod modules' sh "$SDG_ROOT" "$E2E_REL" >"$E2E_DIR/testkmod.log" 2>&1 ||
	[ ! -s "$SDG_ROOT/tmp/testkmod/lastgasp_test.ko" ]; then
	e2e_not_ok "the test module builds in the root for $E2E_REL"
	tail -n 20 "$E2E_DIR/testkmod.log" | e2e_diag
	exit 1
fi
install -D -m 0644 "$SDG_ROOT/tmp/testkmod/lastgasp_test.ko" \
	"$SDG_ROOT/usr/local/lib/lastgasp-e2e/lastgasp_test.ko"
rm -rf "$SDG_ROOT/tmp/testkmod"
make -s -C "$top/user" O="$E2E_DIR/user" PREFIX=/usr DESTDIR="$SDG_ROOT" install \
	>>"$E2E_DIR/user.log" 2>&1
"$top/scripts/sdguest-image.sh" harness "$SDG_ROOT"
steps=$SDG_ROOT/usr/local/lib/lastgasp-e2e/steps
mkdir -p "$steps"
# warn: the test module's WARN from a shell named after the token.
cat >"$steps/warn" <<'STEP'
#!/bin/sh
token=$(sed -n 's/.*lg.token=\([^ ]*\).*/\1/p' /proc/cmdline)
insmod /usr/local/lib/lastgasp-e2e/lastgasp_test.ko || exit 1
for f in /sys/kernel/debug/lastgasp_test/trigger /proc/lastgasp_test; do
	[ -e "$f" ] && break
done
sh -c 'printf %s "$1" >/proc/$$/comm; echo warn >"$2"' warner "$token" "$f"
dmesg | grep -A3 'WARNING' | head -n 4
journalctl --flush
STEP
# sourcereport: lastgasp report --json, its standard error after a marker.
cat >"$steps/sourcereport" <<'STEP'
#!/bin/sh
lastgasp report --json 2>/tmp/report.err
rc=$?
echo "LG-STDERR"
cat /tmp/report.err
exit $rc
STEP
chmod 0755 "$steps/warn" "$steps/sourcereport"
"$top/scripts/sdguest-image.sh" image "$SDG_ROOT" "$SDG_DISK"
rm -f "$E2E_DIR/ram.img"

token=$(e2e_token)
sdg_boot warn "bootid,warn" "lg.token=$token" || exit 1
e2e_step_ok warn warn
bootid=$(e2e_block warn bootid | tr -d -)
[ ${#bootid} = 32 ] && e2e_ok "boot 1 printed its boot id" ||
	e2e_not_ok "boot 1 printed its boot id"
grep -aq '^LG-DONE' "$E2E_DIR/warn.results" && e2e_ok "boot 1 survived its WARN and powered off" ||
	e2e_not_ok "boot 1 survived its WARN and powered off"
# The kernel's own WARNING line (its dmesg, printed by the warn step).
fn=$(e2e_block warn warn |
	sed -n 's/.*WARNING: .* \([A-Za-z0-9_]*\)+0x[0-9a-f]*\/0x[0-9a-f]* \[lastgasp_test\].*/\1/p' | head -n 1)
[ -n "$fn" ] && e2e_ok "boot 1's kernel printed the WARN in $fn" ||
	{ e2e_not_ok "boot 1's kernel printed the WARN in the test module"; fn='(unknown)'; }

sdg_boot readback "sourcereport,sourcereport" "lg.token=$token" || exit 1
out=$(e2e_block readback sourcereport)
json=$(sed '/^LG-STDERR$/,$d' <<<"$out")
err=$(sed -n '/^LG-STDERR$/,$p' <<<"$out" | sed 1d)
grep -q 'module is not loaded' <<<"$err" && e2e_ok "boot 2: report says the module is not loaded" ||
	e2e_not_ok "boot 2: report says the module is not loaded"
E2E_EVENT=$(jq -c --arg t "$token" '[.events[] | select(.comm == $t)] | first // empty' <<<"$json" 2>/dev/null)
if [ -n "$E2E_EVENT" ]; then
	e2e_ok "boot 2: report finds the warning of $token in the journal"
	e2e_json_check "class warning, survived" "$E2E_EVENT" '.class == "warning" and .fatal == false'
	e2e_json_check "its title names $fn" "$E2E_EVENT" '.title | contains($f)' --arg f "$fn"
	e2e_json_check "its source is the journal of boot 1 ($bootid)" "$E2E_EVENT" \
		'.source == "journal:" + $b and .boot_id == $b' --arg b "$bootid"
else
	e2e_not_ok "boot 2: report finds the warning of $token in the journal"
	echo "$out" | head -n 40 | e2e_diag
fi
# Nothing left anywhere: no event, and (no module) status 2.
again=$(e2e_block readback sourcereport 2 | sed '/^LG-STDERR$/,$d')
rc=$(e2e_block_rc readback sourcereport 2)
if ! grep -q "$token" <<<"$again" && [ "$rc" = 2 ]; then
	e2e_ok "boot 2: a second report does not repeat it (journal-$bootid.json is archived)"
else
	e2e_not_ok "boot 2: a second report does not repeat it (status $rc)"
	echo "$again" | head -n 20 | e2e_diag
fi
e2e_finish
