#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The cut-down soak (`make soak` runs the whole one): on the newest Debian
# guest kernel, a crash loop of three fatal crashes read back together and
# three survivable oopses, an OOM kill and a WARN read back in their own
# boot; every one must come back as a record.
cd "$(dirname "$0")/../.." || exit 1
SOAK_SHORT=1 exec scripts/soak.sh
