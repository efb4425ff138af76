#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot one phase of an end-to-end test: a Debian kernel with the test
# initramfs under QEMU (TCG), guest RAM kept in a host file so the next
# phase, a separate QEMU run with its own command line and maybe another
# kernel, finds the bytes the crashed guest left in its reserved region.
#
# usage: qemu-run.sh -k VMLINUZ -i INITRD -r RAM_FILE -c CONSOLE_LOG
#                    -o RESULTS_LOG [-m MiB] [-s SMP] [-t TIMEOUT_S]
#                    [-a "extra kernel args"] [-d DISK] [-q "extra QEMU args"]
# -d DISK: a virtio disk (qcow2 or raw by its name), for the systemd
# guest whose root is on it (scripts/sdguest-boot.sh).
# Exits with QEMU's status (0 after a guest power-off or a crash, since
# -no-reboot and panic=-1 turn both into a clean exit), or 124 when the
# hard timeout killed it.
set -eu
kernel='' initrd='' ram='' console='' results='' mem=1024 smp=1 tmo=180 extra='' disk='' qextra=''
while getopts k:i:r:c:o:m:s:t:a:d:q: opt; do
	case "$opt" in
	k) kernel=$OPTARG ;;
	i) initrd=$OPTARG ;;
	r) ram=$OPTARG ;;
	c) console=$OPTARG ;;
	o) results=$OPTARG ;;
	m) mem=$OPTARG ;;
	s) smp=$OPTARG ;;
	t) tmo=$OPTARG ;;
	a) extra=$OPTARG ;;
	q) qextra=$OPTARG ;;
	d) disk=$OPTARG ;;
	*) echo "qemu-run: bad option (see the header of $0)" >&2; exit 2 ;;
	esac
done
for v in kernel initrd ram console results; do
	[ -n "${!v}" ] || { echo "qemu-run: -${v:0:1} is required" >&2; exit 2; }
done

# A missing or wrongly sized RAM file means a fresh machine: zeros.
want=$((mem * 1024 * 1024))
if [ ! -f "$ram" ] || [ "$(stat -c %s "$ram")" -ne "$want" ]; then
	rm -f "$ram"
	truncate -s "$want" "$ram"
fi
: >"$console"
: >"$results"

# panic=-1: reboot at once on panic, and -no-reboot turns that reboot into
# the end of QEMU.  Soft lockup and hung task detectors stay at their
# defaults; the scenarios that need them say so in -a.  no_timer_check:
# on a loaded host TCG can miss the IO-APIC timer check's few ticks and
# the guest panics at boot ("IO-APIC + timer doesn't work!").
drive=()
if [ -n "$disk" ]; then
	case "$disk" in *.qcow2) fmt=qcow2 ;; *) fmt=raw ;; esac
	drive=(-drive "file=$disk,format=$fmt,if=virtio")
fi

append="console=ttyS0,115200 panic=-1 quiet loglevel=4 no_timer_check $extra"

# --foreground: QEMU stays in our process group, so a ^C reaches it too;
# -k: if it ignores TERM, KILL follows.
exec timeout --foreground -k 10 "$tmo" \
	qemu-system-x86_64 -accel tcg -machine pc,memory-backend=mem \
	-object "memory-backend-file,id=mem,size=${mem}M,mem-path=$ram,share=on" \
	-m "${mem}M" -smp "$smp" -cpu max \
	-nographic -monitor none -nodefaults -no-reboot \
	-serial "file:$console" -serial "file:$results" \
	"${drive[@]}" \
	-kernel "$kernel" -initrd "$initrd" -append "$append" $qextra
