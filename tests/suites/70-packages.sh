#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Packages: `make deb` (debhelper, dh-dkms) builds lastgasp and
# lastgasp-dkms, lintian finds no error in them, and rpmbuild -bb builds
# the RPM spec (packaging/rpm; its install is not testable on Debian).
# Installing the .debs, DKMS and purge are tested on a real systemd guest
# by 71-systemd-guest.
set -u
cd "$(dirname "$0")/../.." || exit 1
n=0
tap() { n=$((n + 1)); echo "$1 $n $2"; }

if scripts/make-deb.sh >build/make-deb.out 2>&1; then
	tap ok "packages: make deb builds lastgasp and lastgasp-dkms"
else
	tap "not ok" "packages: make deb builds lastgasp and lastgasp-dkms"
	sed 's/^/# /' build/make-deb.out
fi
debs=(build/deb/lastgasp_*_amd64.deb build/deb/lastgasp-dkms_*_all.deb)
# Errors fail; warnings and the rest are shown.  (Root: lintian says it
# would rather not; the check is the same.)
lintian --fail-on error --tag-display-limit 0 "${debs[@]}" >build/lintian.out 2>&1
rc=$?
grep -v 'running with root privileges' build/lintian.out | sed 's/^/# lintian: /'
if [ "$rc" = 0 ] && [ -s "${debs[0]}" ]; then
	tap ok "packages: lintian reports no errors"
else
	tap "not ok" "packages: lintian reports no errors (status $rc)"
fi
# What each package must hold (issue 7: reporter, rules, man pages,
# systemd units, catalog, completion, modules-load.d, modprobe example;
# module source and dkms.conf).
want_bin=(usr/bin/lastgasp usr/sbin/lastgasp-setup usr/share/lastgasp/causes.d/generic.yaml
	usr/share/man/man8/lastgasp.8.gz usr/share/man/man8/lastgasp-setup.8.gz
	lib/systemd/system/lastgasp-report.service lib/systemd/system/lastgasp-watch.service
	usr/lib/systemd/catalog/lastgasp.catalog usr/share/bash-completion/completions/lastgasp
	usr/lib/modules-load.d/lastgasp.conf usr/share/doc/lastgasp/examples/modprobe.d-lastgasp.conf)
want_dkms=(usr/src/lastgasp-0.1.0/dkms.conf usr/src/lastgasp-0.1.0/Kbuild
	usr/src/lastgasp-0.1.0/kmod/main.c usr/src/lastgasp-0.1.0/include/uapi/linux/lastgasp.h)
check_files() {	# DEB PATH...
	local deb=$1 p missing=()
	shift
	dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./||' >build/deb-files.out
	for p in "$@"; do
		grep -qxF "$p" build/deb-files.out || missing+=("$p")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		tap ok "packages: $(basename "$deb") holds its $# files"
	else
		tap "not ok" "packages: $(basename "$deb") holds its $# files (missing: ${missing[*]})"
	fi
}
check_files "${debs[0]}" "${want_bin[@]}"
check_files "${debs[1]}" "${want_dkms[@]}"

if scripts/make-rpm.sh >build/make-rpm.out 2>&1; then
	tap ok "packages: rpmbuild -bb builds the RPM spec ($(tail -n 1 build/make-rpm.out | xargs -n1 basename | tr '\n' ' '))"
else
	tap "not ok" "packages: rpmbuild -bb builds the RPM spec"
	tail -n 30 build/make-rpm.out | sed 's/^/# /'
fi
echo "1..$n"
