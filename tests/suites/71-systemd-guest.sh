#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The systemd guest (tests/e2e/README.md): a cached Debian 12 root with the
# .debs of `make deb` installed by dpkg, booted under QEMU with the
# shared-RAM reboot.  Runs tests/e2e/sdguest/scenarios/*.sh one after the
# other (each boots a 1 GiB guest) and numbers their TAP lines.
#   SDG_SCENARIOS  scenario names to run (default: all)
set -u
cd "$(dirname "$0")/../.." || exit 1
SECONDS=0
n=0
tap() { n=$((n + 1)); echo "$1 $n $2"; }

if ! scripts/sdguest-root.sh >build/sdguest-root.out 2>&1; then
	tap "not ok" "systemd guest: make the Debian 12 root (scripts/sdguest-root.sh)"
	sed 's/^/# /' build/sdguest-root.out
	exit 1
fi
root_s=$SECONDS
if ! scripts/make-deb.sh >build/make-deb.out 2>&1; then
	tap "not ok" "systemd guest: make deb"
	sed 's/^/# /' build/make-deb.out
	exit 1
fi
for s in tests/e2e/sdguest/scenarios/*.sh; do
	name=$(basename "$s" .sh)
	case " ${SDG_SCENARIOS:-$name} " in *" $name "*) ;; *) continue ;; esac
	start=$SECONDS
	while IFS= read -r line; do
		case "$line" in
		"ok "*) tap ok "${line#ok }" ;;
		"not ok "*) tap "not ok" "${line#not ok }" ;;
		*) echo "$line" ;;
		esac
	done < <("$s" 2>&1)
	echo "# $name: $((SECONDS - start)) s"
done
echo "# systemd guest: root ready in $root_s s, $SECONDS s in all"
echo "1..$n"
