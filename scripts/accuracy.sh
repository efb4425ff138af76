#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make accuracy`: the analyzer's accuracy tables on the shared corpus and
# the seed cases, one table per source.  The same tools run as threshold
# tests in `make check` (tests/suites/4*-accuracy-*.sh).
set -u
cd "$(dirname "$0")/.."
rc=0
for s in tests/suites/4*-accuracy-*.sh; do
	echo "== $(basename "$s" .sh)"
	LASTGASP_ACCURACY_TABLE=1 "$s" || rc=1
done
exit $rc
