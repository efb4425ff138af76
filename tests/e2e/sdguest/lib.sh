# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Helpers for the systemd guest's scenarios (tests/e2e/sdguest/scenarios),
# on top of tests/e2e/lib.sh: the guest kernel is the cached root's own
# (build/sdguest/base.kernel), the scratch directory is
# build/sdguest/run/NAME, and sdg_boot is e2e_boot for a guest whose root
# is the disk $SDG_DISK (made by the scenario with scripts/sdguest-image.sh).

sdg_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
# shellcheck disable=SC2034 # read by ../lib.sh and the scenarios
E2E_REL=$(cat "$sdg_top/build/sdguest/base.kernel")
E2E_NAME=${E2E_NAME:-$(basename "$0" .sh)}
E2E_DIR=${E2E_DIR:-$sdg_top/build/sdguest/run/$E2E_NAME}
# systemd boots take a minute or more under TCG on a loaded host.
: "${E2E_TIMEOUT:=600}"
# shellcheck source=../lib.sh
. "$sdg_top/tests/e2e/lib.sh"
# shellcheck disable=SC2034 # for the scenarios
SDG_ROOT=$E2E_DIR/root
SDG_DISK=$E2E_DIR/disk.img

# sdg_boot PHASE STEPS [EXTRA_KERNEL_ARGS] : one boot of $SDG_DISK.
sdg_boot() {
	local phase=$1 steps=$2 extra=${3:-} rc
	"$sdg_top/scripts/sdguest-boot.sh" -d "$SDG_DISK" \
		-r "$E2E_DIR/ram.img" -m "$E2E_MEM_MB" -t "$E2E_TIMEOUT" \
		-c "$E2E_DIR/$phase.console" -o "$E2E_DIR/$phase.results" \
		-a "lg.steps=$steps $extra" >"$E2E_DIR/$phase.qemu" 2>&1
	rc=$?
	if [ "$rc" -ne 0 ]; then
		e2e_not_ok "$phase: QEMU run ended with status $rc$([ "$rc" = 124 ] && echo ' (timeout)')"
		{ cat "$E2E_DIR/$phase.qemu"; tail -n 30 "$E2E_DIR/$phase.console"; } | e2e_diag
		return 1
	fi
}

# sdg_files DIR : every path of the root DIR (not the API file systems
# nor /tmp), sorted, as the guest will see it.
sdg_files() {
	(cd "$1" && find . -xdev \( -path ./proc -o -path ./sys -o -path ./dev \
		-o -path ./tmp -o -path ./run \) -prune -o -print | sed 's/^\.//' | sort)
}

# sdg_dpkg_install DIR DEB... : dpkg -i the packages in the root DIR, as on
# a running machine: /proc, /sys and /dev mounted (DKMS needs them) in a
# private mount namespace, so nothing stays mounted after.  Output in
# $E2E_DIR/dpkg.log.
sdg_dpkg_install() {
	local root=$1 deb names=()
	shift
	for deb in "$@"; do
		cp "$deb" "$root/tmp/"
		names+=("/tmp/$(basename "$deb")")
	done
	# shellcheck disable=SC2016 # the inner shell's $1
	unshare --mount --propagation private sh -c 'r=$1; shift
		mount -t proc proc "$r/proc" && mount -t sysfs sys "$r/sys" &&
		mount --rbind /dev "$r/dev" && chroot "$r" dpkg -i "$@"' \
		sh "$root" "${names[@]}" >"$E2E_DIR/dpkg.log" 2>&1
}
