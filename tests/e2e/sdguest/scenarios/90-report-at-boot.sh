#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Issue 7 items 1-2 on a real systemd machine: the .debs of `make deb`
# installed with dpkg into a clean Debian 12 root (DKMS builds the module
# for the root's kernel), lastgasp-setup writes the module options for the
# memmap= reservation, the kernel crashes, and at the next boot
# lastgasp-report.service has archived the record (mode 0600) and sent a
# journal entry whose fields (journalctl -o json) and catalog text
# (journalctl -x) say what crashed.  Then an OOM kill that the machine
# survives is logged live by lastgasp-watch.service, and apt-get purge
# removes everything the packages added except the archived report.
# (The OOM kill comes after the report: a panic record whose log tail
# holds an earlier OOM report is classified "oom" by the analyzer, a
# defect reported apart.)
#
# Oracles: the crash boot's own boot id and uname -r, the token (the comm
# of the crashing shell), the dying kernel's console (the faulting
# function), the file lists of the root before and after the install.
# needs: build/deb/*.deb (scripts/make-deb.sh), build/sdguest (sdguest-root.sh)
# 512 MiB: enough for systemd, and a shorter fill for the memory hog.
E2E_MEM_MB=512
. "$(dirname "$0")/../lib.sh"
top=$sdg_top
fatal_id=1a037f1809f2591811b109874723b2e9
survived_id=3d5beb0313025b94fa228bc526340366

debs=("$top"/build/deb/lastgasp-dkms_*_all.deb "$top"/build/deb/lastgasp_*_amd64.deb)
for d in "${debs[@]}"; do
	[ -s "$d" ] || { e2e_not_ok "packages built (missing $d; run make deb)"; exit 1; }
done

"$top/scripts/sdguest-image.sh" copy "$SDG_ROOT"
sdg_files "$SDG_ROOT" >"$E2E_DIR/before.list"
if sdg_dpkg_install "$SDG_ROOT" "${debs[@]}"; then
	e2e_ok "dpkg installs lastgasp and lastgasp-dkms into a clean Debian 12 root"
else
	e2e_not_ok "dpkg installs lastgasp and lastgasp-dkms into a clean Debian 12 root"
	tail -n 30 "$E2E_DIR/dpkg.log" | e2e_diag
	exit 1
fi
ko=$SDG_ROOT/lib/modules/$E2E_REL/updates/dkms/lastgasp.ko
if [ -s "$ko" ] && [ "$(modinfo -F vermagic "$ko" | cut -d' ' -f1)" = "$E2E_REL" ]; then
	e2e_ok "DKMS built lastgasp.ko for the root's kernel $E2E_REL"
else
	e2e_not_ok "DKMS built lastgasp.ko for the root's kernel $E2E_REL"
	tail -n 30 "$E2E_DIR/dpkg.log" | e2e_diag
fi
sdg_files "$SDG_ROOT" >"$E2E_DIR/after.list"
# What the install added (dpkg's own log aside), and the options file
# lastgasp-setup will write: purge must take all of it away.
{ comm -13 "$E2E_DIR/before.list" "$E2E_DIR/after.list" | grep -v '^/var/log/'
  echo /etc/modprobe.d/lastgasp.conf; } >"$E2E_DIR/added.list"
"$top/scripts/sdguest-image.sh" harness "$SDG_ROOT"
cp "$E2E_DIR/added.list" "$SDG_ROOT/lastgasp-e2e/added.list"
"$top/scripts/sdguest-image.sh" image "$SDG_ROOT" "$SDG_DISK"
rm -f "$E2E_DIR/ram.img"

token=$(e2e_token)
mem="memmap=1M\$$E2E_REGION_ADDR"
sdg_boot crash "uname,bootid,setup,modinfo,crash" "$mem lg.token=$token" || exit 1
e2e_crashed crash "sysrq-c"
e2e_step_ok crash setup
e2e_block crash setup | grep -qx "options lastgasp mem_address=$E2E_REGION_ADDR mem_size=$E2E_REGION_SIZE" &&
	e2e_ok "lastgasp-setup wrote the options of the memmap= reservation" ||
	e2e_not_ok "lastgasp-setup wrote the options of the memmap= reservation"
e2e_block crash modinfo | grep -qx "/lib/modules/$E2E_REL/updates/dkms/lastgasp.ko" &&
	e2e_ok "the module the guest loads is the one DKMS built" ||
	e2e_not_ok "the module the guest loads is the one DKMS built"
kernel=$(e2e_block crash uname)
bootid=$(e2e_block crash bootid | tr -d -)
[ ${#bootid} = 32 ] || e2e_not_ok "the crash boot printed its boot id"
# What the dying kernel printed: its panic message and its call trace.
tr -d '\r' <"$E2E_DIR/crash.console" >"$E2E_DIR/crash.console.txt"
panic_msg=$(sed -n 's/^.*Kernel panic - not syncing: //p' "$E2E_DIR/crash.console.txt" | head -n 1)
[ -n "$panic_msg" ] && e2e_ok "the dying console shows the panic message" ||
	e2e_not_ok "the dying console shows the panic message"

sdg_boot readback "unit:lastgasp-report.service,journal,journalx,archive,archivejson,watch,memhog,survived,bootid,purge,archive" \
	"$mem lg.token=$token" || exit 1
unit=$(e2e_block readback unit)
printf '%s\n' "$unit" | grep -qx 'Result=success' && printf '%s\n' "$unit" | grep -qx 'ExecMainStatus=0' &&
	e2e_ok "lastgasp-report.service ran at boot and succeeded" ||
	{ e2e_not_ok "lastgasp-report.service ran at boot and succeeded"; printf '%s\n' "$unit" | e2e_diag; }

entries=$(e2e_block readback journal)
e2e_json_check "one journal entry with the fatal MESSAGE_ID" "$(printf '%s\n' "$entries" | jq -s .)" \
	'length == 1 and .[0].MESSAGE_ID == $id' --arg id "$fatal_id"
# jq reads no input from an empty string and "succeeds": null instead.
entry=$(printf '%s\n' "$entries" | head -n 1)
entry=${entry:-null}
e2e_json_check "it comes from lastgasp-report.service with PRIORITY 2" "$entry" \
	'._SYSTEMD_UNIT == "lastgasp-report.service" and .PRIORITY == "2"'
e2e_json_check "LASTGASP_BOOT_ID and LASTGASP_KERNEL are the crashed boot's" "$entry" \
	'.LASTGASP_BOOT_ID == $b and .LASTGASP_KERNEL == $k' --arg b "$bootid" --arg k "$kernel"
[ -n "$panic_msg" ] && e2e_json_check "LASTGASP_CLASS is panic and LASTGASP_TITLE holds the console's panic message" \
	"$entry" '.LASTGASP_CLASS == "panic" and (.LASTGASP_TITLE | contains($m))' --arg m "$panic_msg"
e2e_json_check "LASTGASP_SIGNATURE is 16 hex digits" "$entry" '.LASTGASP_SIGNATURE | test("^[0-9a-f]{16}$")'
culprit=$(printf '%s\n' "$entry" | jq -r '.LASTGASP_CULPRIT // ""')
[ -n "$culprit" ] && grep -qE "^\[ *[0-9.]+\] +(\? )?$culprit\+0x" "$E2E_DIR/crash.console.txt" &&
	e2e_ok "LASTGASP_CULPRIT ($culprit) is a function of the dying console's call trace" ||
	e2e_not_ok "LASTGASP_CULPRIT (${culprit:-empty}) is a function of the dying console's call trace"
cause=$(printf '%s\n' "$entry" | jq -r '.LASTGASP_CAUSE // ""')
[ -n "$cause" ] && grep -qE "^ *- *id: *$cause\$|^ *id: *$cause\$" "$top"/user/causes/*.yaml &&
	e2e_ok "LASTGASP_CAUSE ($cause) is a rule of the cause database" ||
	e2e_not_ok "LASTGASP_CAUSE (${cause:-empty}) is a rule of the cause database"
e2e_json_check "LASTGASP_ARCHIVE is the record's file under /var/lib/lastgasp" "$entry" \
	'.LASTGASP_ARCHIVE | test("^/var/lib/lastgasp/" + $b + "-[0-9]+\\.json$")' --arg b "$bootid"
archive=$(printf '%s\n' "$entry" | jq -r .LASTGASP_ARCHIVE)

x=$(e2e_block readback journalx)
printf '%s\n' "$x" | grep -q "The lastgasp kernel module recorded a fatal kernel event" &&
	printf '%s\n' "$x" | grep -qF "Subject: The kernel crashed in an earlier boot: $(printf '%s\n' "$entry" | jq -r .LASTGASP_TITLE)" &&
	e2e_ok "journalctl -x shows the catalog text with the entry's fields" ||
	{ e2e_not_ok "journalctl -x shows the catalog text with the entry's fields"; printf '%s\n' "$x" | head -n 30 | e2e_diag; }

e2e_block readback archive | grep -qxF "600 root $archive" &&
	e2e_ok "the archive file exists, mode 0600, owned by root" ||
	{ e2e_not_ok "the archive file exists, mode 0600, owned by root"; e2e_block readback archive | e2e_diag; }
aj=$(e2e_block readback archivejson)
e2e_json_check "the archived record is the token's crash" "${aj:-null}" \
	'.event.comm == $t and .record.boot_id == $b' --arg t "$token" --arg b "$bootid"

# lastgasp-watch.service, started by hand, logs a survived OOM kill live.
e2e_step_ok readback watch
[ "$(e2e_block_rc readback memhog)" = 137 ] && e2e_ok "readback: the memory hog was OOM killed (status 137)" ||
	e2e_not_ok "readback: the memory hog was OOM killed (status $(e2e_block_rc readback memhog))"
e2e_console_has readback "Out of memory: Killed process [0-9]+ \\($token\\)" "the OOM killer killing $token"
live=$(e2e_block readback survived | head -n 1)
boot2=$(e2e_block readback bootid | tr -d -)
e2e_json_check "lastgasp-watch.service logged the OOM kill live: survived MESSAGE_ID, PRIORITY 4, this boot, not archived" \
	"${live:-null}" '._SYSTEMD_UNIT == "lastgasp-watch.service" and .MESSAGE_ID == $id and
		.PRIORITY == "4" and .LASTGASP_CLASS == "oom" and .LASTGASP_ARCHIVE == "" and
		.LASTGASP_BOOT_ID == $b' --arg id "$survived_id" --arg b "$boot2"

e2e_step_ok readback purge
left=$(e2e_block readback purge | sed -n '/^-- left:$/,$p' | sed 1d)
if [ -z "$left" ]; then
	e2e_ok "apt-get purge removes everything the packages added"
else
	e2e_not_ok "apt-get purge removes everything the packages added"
	printf '%s\n' "$left" | head -n 20 | e2e_diag
fi
e2e_block readback archive 2 | grep -qxF "600 root $archive" &&
	e2e_ok "the archived report stays after purge" ||
	e2e_not_ok "the archived report stays after purge"
e2e_finish
