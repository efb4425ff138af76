#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: 6.12.* 7.*
#
# The kernel's own user of reserve_mem= as the control: ramoops
# (reserve_mem=1M:ALIGN:oops ramoops.mem_name=oops) and lastgasp side by
# side, one crash, one reboot onto the same RAM.
#
# aligned: both regions on 2 MiB boundaries: both records must come back.
# packed:  both 4 KiB aligned.  The kernel takes reserve_mem= after the
#          per-CPU areas are set up, so a region may land in memory that
#          this very boot used and handed back.  The kernel's own
#          memblock=debug log of the read-back boot is the oracle: a
#          region that overlaps the tail of a per-CPU unit (zeroed, used,
#          then freed before reserve_mem= ran) must have lost its record,
#          any other must have kept it, for both modules alike.  (Debian 6.12 puts lastgasp's region into the
#          per-CPU tail, 7.2 ramoops'.)
. "$(dirname "$0")/../lib.sh"

# ramoops.ko is not part of the test initramfs: take it from the guest
# kernel's installed modules, or skip.
mods=/lib/modules/$E2E_REL/kernel
ko_src() { find "$(dirname "$mods/$1")" -maxdepth 1 -name "$(basename "$1").ko*" 2>/dev/null | head -n 1; }
# check DESC CMD... : one TAP line saying whether CMD succeeds.
check() {
	local desc=$1
	shift
	if "$@"; then e2e_ok "$desc"; else e2e_not_ok "$desc"; fi
}
not() { ! "$@"; }
if [ -z "$(ko_src fs/pstore/ramoops)" ] || [ -z "$(ko_src lib/reed_solomon/reed_solomon)" ]; then
	echo "ok $E2E_NAME [$E2E_REL]: ramoops control # SKIP ramoops.ko of $E2E_REL is not installed on the host"
	exit 0
fi
root=$E2E_DIR/initramfs
rm -rf "$root" && mkdir -p "$root"
(cd "$root" && gzip -dc "$E2E_INITRD" | cpio -id --quiet)
for m in fs/pstore/ramoops lib/reed_solomon/reed_solomon; do
	f=$(ko_src "$m")
	case "$f" in
	*.xz) xz -dc "$f" ;;
	*.zst) zstd -qdc "$f" ;;
	*) cat "$f" ;;
	esac >"$root/lib/lastgasp/$(basename "$m").ko"
done
(cd "$root" && find . -print0 | sort -z | cpio --null -o -H newc --owner=0:0 --quiet) |
	gzip -1 >"$E2E_DIR/initramfs-ramoops.cpio.gz"
rm -rf "$root"
E2E_INITRD=$E2E_DIR/initramfs-ramoops.cpio.gz

# ramoops' address, from its own "ramoops: using 0x100000@0x..." line.
ramoops_addr() {
	e2e_block "$1" ramoops | sed -n 's/.*ramoops: using 0x[0-9a-f]*@\(0x[0-9a-f]*\).*/\1/p' | tail -n 1
}
lastgasp_addr() {
	e2e_block "$1" status | jq -r '.status.region_address // empty'
}

# Does [ADDR, ADDR+1 MiB) overlap memory that memblock=debug says the
# per-CPU set-up gave back (pcpu_* frees) before reserve_mem= ran?
# in_percpu_tail PHASE ADDR... : true if any of the regions does.
in_percpu_tail() {
	local phase=$1 addr a b line
	shift
	while IFS= read -r line; do
		case "$line" in
		*reserve_mem+*) return 1 ;;
		*memblock_phys_free:*\[0x*pcpu_* | *memblock_free:*\[0x*pcpu_*) ;;
		*) continue ;;
		esac
		a=${line#*\[0x}; b=${a#*-0x}; a=${a%%-*}; b=${b%%\]*}
		for addr in "$@"; do
			[ $((16#$a)) -le $((addr + 0xfffff)) ] && [ $((16#$b)) -ge $((addr)) ] && return 0
		done
	done < <(e2e_block "$phase" dmesg)
	return 1
}

cycle() {
	local name=$1 align=$2 token args rb_status pstore ra la
	token=$(e2e_token)
	# nokaslr: as in 38-reserve-mem, a kernel placed over a region would
	# move it; this scenario is about what the kernel's own boot does.
	args="reserve_mem=1M:$align:oops reserve_mem=1M:$align:lastgasp memblock=debug nokaslr"
	rm -f "$E2E_DIR/ram.img"
	e2e_boot "$name-crash" "load,ramoops,status,crash:sysrq" "$args lg.token=$token" || return 1
	e2e_step_ok "$name-crash" load && e2e_step_ok "$name-crash" ramoops || return 1
	e2e_crashed "$name-crash" "sysrq-c"
	e2e_boot "$name-readback" "load,ramoops,pstore,status,report,dmesg" "$args" || return 1
	ra=$(ramoops_addr "$name-readback") la=$(lastgasp_addr "$name-readback")
	if [ -z "$ra" ] || [ -z "$la" ] || [ "$ra" != "$(ramoops_addr "$name-crash")" ] ||
		[ "$la" != "$(lastgasp_addr "$name-crash")" ]; then
		e2e_not_ok "$name: both regions are where the crashed boot had them (ramoops ${ra:-?}, lastgasp ${la:-?})"
		return 1
	fi
	e2e_ok "$name: both regions are where the crashed boot had them (ramoops $ra, lastgasp $la)"
	pstore=$(e2e_block "$name-readback" pstore | grep -c "Comm: $token")
	# The module's own records only: without one, report reads ramoops's
	# dump too (a pstore source), which is ramoops's answer, not lastgasp's.
	rb_status=$(e2e_block "$name-readback" report | jq --arg tok "$token" \
		'[.events[] | select(.comm == $tok and .source == "record")] | length' 2>/dev/null)
	if [ "$align" = 2M ]; then
		check "$name: neither 2 MiB aligned region lies in a per-CPU tail" \
			not in_percpu_tail "$name-readback" "$ra" "$la"
	fi
	if ! in_percpu_tail "$name-readback" "$ra"; then
		check "$name: ramoops kept the crash at $ra" [ "$pstore" -ge 1 ]
	else
		check "$name: ramoops lost the crash at $ra, in a per-CPU tail" [ "$pstore" -eq 0 ]
	fi
	if ! in_percpu_tail "$name-readback" "$la"; then
		check "$name: lastgasp kept the crash at $la" [ "${rb_status:-0}" -eq 1 ]
	else
		check "$name: lastgasp lost the crash at $la, in a per-CPU tail" [ "${rb_status:-1}" -eq 0 ]
	fi
}

cycle aligned 2M
cycle packed 4096
e2e_finish
