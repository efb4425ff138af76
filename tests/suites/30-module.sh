#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel module as built code: lastgasp.ko and the test module build
# with W=1 and no warning against every installed header tree and every
# kernel of the build chroots (scripts/guest-chroot.sh: bullseye, sid), the sources
# are checkpatch --strict clean, DKMS builds and installs the module (into
# scratch trees), and the raw-netlink tool builds (also with ASan+UBSan).
# Each build works on a copy under build/module/, never in the checkout.
set -u
cd "$(dirname "$0")/../.."
top=$PWD
out=$top/build/module
rm -rf "$out"
mkdir -p "$out"
n=0 failed=0

ok() { n=$((n + 1)); echo "ok $n $*"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n $*"; }
diag() { sed 's/^/# /' | head -n "${1:-20}"; }

# $1 = kernel release, $2 = what, $3 = module dir relative to the copy.
build_one() {
	local rel=$1 what=$2 sub=$3
	local src=$out/$rel/src log=$out/$rel/$what.log ko magic
	scripts/kmake.sh "$rel" M="$src$sub" W=1 modules >"$log" 2>&1
	local rc=$?
	ko=$(find "$src$sub" -name "$what.ko" | head -n 1)
	magic=$( [ -n "$ko" ] && modinfo -F vermagic "$ko" 2>/dev/null)
	if [ "$rc" -eq 0 ] && ! grep -q 'warning:' "$log" && [ "${magic%% *}" = "$rel" ]; then
		ok "$what.ko builds with W=1 and no warnings for $rel"
	else
		not_ok "$what.ko builds with W=1 and no warnings for $rel"
		{ echo "make status $rc, vermagic '${magic:-none}'"; grep -E 'warning:|error' "$log"; } | diag
	fi
}

trees=0
for rel in $(scripts/kmake.sh --list); do
	trees=$((trees + 1))
	src=$out/$rel/src
	mkdir -p "$src/tests"
	cp -r Kbuild dkms.conf kmod include "$src/"
	cp -r tests/kmod "$src/tests/"
	find "$src" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod*' \) -delete
	build_one "$rel" lastgasp ""
	while IFS= read -r line; do
		case "$line" in
		"ok "*) ok "${line#ok } ($rel)" ;;
		"not ok "*) not_ok "${line#not ok } ($rel)" ;;
		*) echo "$line" ;;
		esac
	done < <(tests/scripts/module-params.sh "$src/kmod/lastgasp.ko")
	build_one "$rel" lastgasp_test /tests/kmod
	build_one "$rel" lastgasp_slowload /tests/kmod
	build_one "$rel" lastgasp_capfault /tests/kmod
done
[ "$trees" -gt 0 ] || not_ok "kernel headers are installed under /lib/modules/*/build"

# checkpatch: its own TAP lines, renumbered into ours.
while IFS= read -r line; do
	case "$line" in
	"ok "*) ok "${line#ok [0-9]* }" ;;
	"not ok "*) not_ok "${line#not ok [0-9]* }" ;;
	*) echo "$line" ;;
	esac
done < <(scripts/checkpatch.sh 2>&1)

# DKMS, into scratch trees so the system's DKMS state is untouched.
dk=$out/dkms
mkdir -p "$dk"/{dkms,src,inst}
if DKMS_TREES="--dkmstree $dk/dkms --sourcetree $dk/src --installtree $dk/inst" \
	scripts/dkms-install.sh >"$dk/log" 2>&1; then
	for kdir in /lib/modules/*/build; do
		rel=$(basename "$(dirname "$kdir")")
		if ls "$dk/inst/$rel"/updates/dkms/lastgasp.ko* >/dev/null 2>&1; then
			ok "dkms add, build and install lastgasp for $rel"
		else
			not_ok "dkms add, build and install lastgasp for $rel"
			tail -n 15 "$dk/log" | diag
		fi
	done
else
	not_ok "scripts/dkms-install.sh succeeds"
	tail -n 20 "$dk/log" | diag
fi

for san in 0 1; do
	name="nltool builds with -Werror"
	[ "$san" = 1 ] && name="$name and ASan+UBSan"
	if make -C tests/nltool O="$out/nltool-$san" SAN="$san" >"$out/nltool-$san.log" 2>&1 &&
	   [ -x "$out/nltool-$san/nltool" ] &&
	   "$out/nltool-$san/nltool" --help >/dev/null; then
		ok "$name"
	else
		not_ok "$name"
		diag <"$out/nltool-$san.log"
	fi
done
exit $failed
