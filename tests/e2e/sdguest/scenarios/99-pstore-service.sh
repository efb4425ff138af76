#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Issue 7, pstore as the crash source on a real systemd machine: the .debs
# of `make deb` installed (DKMS builds the module) but the module kept from
# loading the way an administrator would (/etc/modules-load.d/lastgasp.conf
# masks the package's file), and ramoops loaded early by
# systemd-modules-load on the memmap= range, its parameters on the kernel
# command line.
# Boot 1: lastgasp-report.service runs without the module, finds nothing
# anywhere, exits 2 and that is a success (SuccessExitStatus=2); then
# sysrq-c from a shell named after the token.
# Boot 2 (same RAM): lastgasp-report.service ran, without the module, and
# its journal entry (journalctl -o json MESSAGE_ID=...) is the crash,
# archived as pstore-dmesg-ramoops-*.json (mode 0600), whose text is the
# dying console's; the dmesg-ramoops-* file is gone from /sys/fs/pstore.
#
# Oracles: the token (the comm of the crashing shell), boot 1's console
# (its panic line) and boot 1's boot id.
# needs: build/deb/*.deb (scripts/make-deb.sh), build/sdguest (sdguest-root.sh)
. "$(dirname "$0")/../lib.sh"
top=$sdg_top
fatal_id=1a037f1809f2591811b109874723b2e9

# SDG_DEB_DIR: other packages (e.g. a changed unit), build/deb by default.
deb_dir=${SDG_DEB_DIR:-$top/build/deb}
debs=("$deb_dir"/lastgasp-dkms_*_all.deb "$deb_dir"/lastgasp_*_amd64.deb)
for d in "${debs[@]}"; do
	[ -s "$d" ] || { e2e_not_ok "packages built (missing $d; run make deb)"; exit 1; }
done

"$top/scripts/sdguest-image.sh" copy "$SDG_ROOT"
if ! sdg_dpkg_install "$SDG_ROOT" "${debs[@]}"; then
	e2e_not_ok "dpkg installs lastgasp and lastgasp-dkms into a clean Debian 12 root"
	tail -n 30 "$E2E_DIR/dpkg.log" | e2e_diag
	exit 1
fi
# The module stays unloaded, as an administrator would keep it: systemd's
# way to switch off a vendor modules-load.d file is a same-named link to
# /dev/null in /etc, and the blacklist stops the other way in, the
# autoload when `lastgasp report` asks generic netlink for its family
# (the module's net-pf-16-proto-16-family-lastgasp alias).
ln -sf /dev/null "$SDG_ROOT/etc/modules-load.d/lastgasp.conf"
echo "blacklist lastgasp" >"$SDG_ROOT/etc/modprobe.d/lastgasp-off.conf"
# ramoops (fs/pstore, with reed_solomon) early, by systemd-modules-load;
# its range and sizes are module parameters on the kernel command line.
echo ramoops >"$SDG_ROOT/etc/modules-load.d/ramoops.conf"
"$top/scripts/sdguest-image.sh" harness "$SDG_ROOT"
steps=$SDG_ROOT/usr/local/lib/lastgasp-e2e/steps
mkdir -p "$steps"
# ran UNIT: did the unit's command run (a failed condition leaves
# Result=success and ExecMainStatus=0 too), and how it ended.
cat >"$steps/ran" <<'STEP'
#!/bin/sh
systemctl show -p ConditionResult -p Result -p ExecMainStatus \
	-p ExecMainStartTimestampMonotonic "$1"
STEP
# pstore: lastgasp's module absent, ramoops present, what pstore holds.
cat >"$steps/pstore" <<'STEP'
#!/bin/sh
[ -e /sys/module/lastgasp ] && echo "module: lastgasp" || echo "module: none"
[ -e /sys/module/ramoops ] && echo "ramoops: loaded" || echo "ramoops: none"
dmesg | grep -E 'ramoops|pstore' | sed 's/^/dmesg: /'
ls /sys/fs/pstore | sed 's/^/pstore: /'
ls -R /var/lib/systemd/pstore 2>/dev/null | sed 's/^/systemd-pstore: /'
exit 0
STEP
chmod 0755 "$steps/ran" "$steps/pstore"
"$top/scripts/sdguest-image.sh" image "$SDG_ROOT" "$SDG_DISK"
rm -f "$E2E_DIR/ram.img"

token=$(e2e_token)
# memmap= keeps the range from the kernel; ramoops' dump slots are 256 KiB.
args="memmap=1M\$$E2E_REGION_ADDR ramoops.mem_address=$E2E_REGION_ADDR"
args="$args ramoops.mem_size=$E2E_REGION_SIZE ramoops.record_size=0x40000"
args="$args ramoops.console_size=0x40000 lg.token=$token"

sdg_boot crash "bootid,pstore,ran:lastgasp-report.service,crash" "$args" || exit 1
e2e_crashed crash "sysrq-c"
p1=$(e2e_block crash pstore)
grep -qx 'module: none' <<<"$p1" && grep -qx 'ramoops: loaded' <<<"$p1" &&
	e2e_ok "boot 1: ramoops is loaded, lastgasp is not" ||
	{ e2e_not_ok "boot 1: ramoops is loaded, lastgasp is not"; e2e_diag <<<"$p1"; }
r1=$(e2e_block crash ran)
grep -qx 'ConditionResult=yes' <<<"$r1" && grep -qx 'ExecMainStatus=2' <<<"$r1" &&
	grep -qx 'Result=success' <<<"$r1" &&
	e2e_ok "boot 1: lastgasp-report.service ran without the module, found nothing (status 2), succeeded" ||
	{ e2e_not_ok "boot 1: lastgasp-report.service ran without the module, found nothing (status 2), succeeded"
	  e2e_diag <<<"$r1"; }
bootid=$(e2e_block crash bootid | tr -d -)
[ ${#bootid} = 32 ] || e2e_not_ok "boot 1 printed its boot id"
tr -d '\r' <"$E2E_DIR/crash.console" >"$E2E_DIR/crash.console.txt"
panic_msg=$(sed -n 's/^.*Kernel panic - not syncing: //p' "$E2E_DIR/crash.console.txt" | head -n 1)
grep -q "Comm: $token " "$E2E_DIR/crash.console.txt" && [ -n "$panic_msg" ] &&
	e2e_ok "boot 1: the dying console shows $token's crash and the panic message" ||
	e2e_not_ok "boot 1: the dying console shows $token's crash and the panic message"

sdg_boot readback "pstore,ran:lastgasp-report.service,journal,archive,archivejson,bootid" "$args" || exit 1
p2=$(e2e_block readback pstore)
grep -qx 'module: none' <<<"$p2" && e2e_ok "boot 2: lastgasp's module is not loaded" ||
	e2e_not_ok "boot 2: lastgasp's module is not loaded"
r2=$(e2e_block readback ran)
grep -qx 'ConditionResult=yes' <<<"$r2" && grep -qx 'ExecMainStatus=0' <<<"$r2" &&
	grep -qx 'Result=success' <<<"$r2" && ! grep -qx 'ExecMainStartTimestampMonotonic=0' <<<"$r2" &&
	e2e_ok "boot 2: lastgasp-report.service ran without the module and succeeded" ||
	{ e2e_not_ok "boot 2: lastgasp-report.service ran without the module and succeeded"
	  e2e_diag <<<"$r2"; }
boot2=$(e2e_block readback bootid | tr -d -)
[ -n "$boot2" ] && [ "$boot2" != "$bootid" ] || e2e_not_ok "boot 2 has a boot id of its own"

entries=$(e2e_block readback journal)
e2e_json_check "boot 2: one journal entry with the fatal MESSAGE_ID" "$(printf '%s\n' "$entries" | jq -s .)" \
	'length == 1 and .[0].MESSAGE_ID == $id' --arg id "$fatal_id"
entry=$(printf '%s\n' "$entries" | head -n 1)
entry=${entry:-null}
e2e_json_check "it comes from lastgasp-report.service and is archived from pstore" "$entry" \
	'._SYSTEMD_UNIT == "lastgasp-report.service" and
	 (.LASTGASP_ARCHIVE | test("^/var/lib/lastgasp/pstore-dmesg-ramoops-[0-9]+-[0-9]+\\.json$"))'
[ -n "$panic_msg" ] && e2e_json_check "LASTGASP_CLASS is panic and LASTGASP_TITLE holds the console's panic message" \
	"$entry" '.LASTGASP_CLASS == "panic" and (.LASTGASP_TITLE | contains($m))' --arg m "$panic_msg"
# pstore's dump carries no boot id; if the entry names one, it is boot 1's.
e2e_json_check "LASTGASP_BOOT_ID is boot 1's or unknown, never boot 2's" "$entry" \
	'.LASTGASP_BOOT_ID == "" or .LASTGASP_BOOT_ID == $b' --arg b "$bootid"
archive=$(printf '%s\n' "$entry" | jq -r '.LASTGASP_ARCHIVE // empty')
e2e_block readback archive | grep -qxF "600 root ${archive:-none}" &&
	e2e_ok "the archive file exists, mode 0600, owned by root" ||
	{ e2e_not_ok "the archive file exists, mode 0600, owned by root"; e2e_block readback archive | e2e_diag; }
aj=$(e2e_block readback archivejson | jq -s -c '[.[] | select(.source == "pstore")] | first // empty' 2>/dev/null)
e2e_json_check "the archive holds the pstore file's text (the dying console's panic line) and $token's crash" \
	"${aj:-null}" '(.path | test("^/sys/fs/pstore/dmesg-ramoops-[0-9]+$")) and
	 (.text | contains("Kernel panic - not syncing: " + $m)) and
	 any(.events[]; .comm == $t and .fatal == true)' --arg m "$panic_msg" --arg t "$token"
dump=$(jq -r '.path // empty' <<<"${aj:-null}")
if [ -n "$dump" ] && ! grep -qx "pstore: $(basename "$dump")" <<<"$p2"; then
	e2e_ok "boot 2: $(basename "$dump") is gone from /sys/fs/pstore"
else
	e2e_not_ok "boot 2: the dump is gone from /sys/fs/pstore"
	e2e_diag <<<"$p2"
fi
e2e_finish
