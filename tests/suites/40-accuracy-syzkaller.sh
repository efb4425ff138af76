#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Analyzer accuracy on syzkaller's annotated console logs: crash/no-crash
# right on >= 99% of the logs and syzbot's title (or an alias) on >= 95% of
# the crashes.  LASTGASP_ACCURACY_TABLE=1 adds the per-category table,
# LASTGASP_ACCURACY_VERBOSE=1 lists every mismatch.
set -u
cd "$(dirname "$0")/../.."
corpus=${LASTGASP_SYZKALLER_CORPUS:-$PWD/../shared/corpus/syzkaller}
bin=$PWD/build/tests/accuracy/syzkaller
if ! make -s -C tests "$bin" >build/syzkaller-build.log 2>&1; then
	cat build/syzkaller-build.log
	echo "1..1"
	echo "not ok 1 syzkaller accuracy: build failed"
	exit 1
fi
exec "$bin" "$corpus" 99 95
