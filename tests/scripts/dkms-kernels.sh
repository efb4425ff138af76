#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# TAP tests of dkms.conf's BUILD_EXCLUSIVE_KERNEL: DKMS must try exactly the
# kernels the module builds on.  The expectations are the compile matrix
# (scripts/kernel-matrix.sh, README "Supported kernels") and the boot-tested
# Debian kernels, written as each distribution names its releases.
set -u
cd "$(dirname "$0")/../.." || exit 1
re=$(sed -n 's/^BUILD_EXCLUSIVE_KERNEL="\(.*\)"$/\1/p' dkms.conf)
n=0
check() {	# release yes|no why
	n=$((n + 1))
	local got=no
	[[ $1 =~ $re ]] && got=yes
	if [ "$got" = "$2" ]; then
		echo "ok $n dkms.conf: $1 $([ "$2" = yes ] && echo builds || echo refused) ($3)"
	else
		echo "not ok $n dkms.conf: $1 should be $([ "$2" = yes ] && echo accepted || echo refused) ($3) # BUILD_EXCLUSIVE_KERNEL=$re"
	fi
}
if [ -z "$re" ]; then
	echo "not ok 1 dkms.conf has a BUILD_EXCLUSIVE_KERNEL"
	exit 0
fi
check 5.10.0-32-amd64 yes "Debian 11"
check 5.10.0-30-cloud-amd64 yes "Debian 11 cloud"
check 5.10.0-136.12.0.86.oe2203sp1.x86_64 yes "openEuler 22.03"
check 5.10.134-16.al8.x86_64 yes "Alibaba Cloud Linux 3"
check 5.14.0-70.13.1.el9_0.x86_64 yes "RHEL 9.0"
check 5.14.0-427.42.1.el9_4.x86_64 yes "RHEL 9.4"
check 5.15.0-91-generic yes "Ubuntu 22.04"
check 6.1.0-57-amd64 yes "Debian 12"
check 6.8.0-31-generic yes "Ubuntu 24.04"
check 6.12.0-55.24.1.el10_0.x86_64 yes "RHEL 10.0"
check 7.2.13+deb14-amd64 yes "Debian sid"
check 4.18.0-348.23.1.el8_5.x86_64 yes "RHEL 8.5: genl_small_ops backported"
check 4.18.0-372.32.1.el8_6.x86_64 yes "RHEL 8.6"
check 4.18.0-553.66.1.el8_10.x86_64 yes "RHEL 8.10"
check 4.18.0-305.25.1.el8_4.x86_64 no "RHEL 8.4: no genl_small_ops"
check 4.18.0-240.el8.x86_64 no "RHEL 8.3"
check 4.18.0-25-generic no "Ubuntu 18.04 HWE"
check 4.19.0-26-amd64 no "Debian 10"
check 5.4.0-150-generic no "Ubuntu 20.04"
check 5.9.16 no "before 5.10"
