#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Parser accuracy on other projects' annotated crash logs (satyr, abrt,
# pstore, vmcore, telemetrics-client, logspec, squad under
# ../shared/corpus): >= 90% of the annotated facts right overall and no
# source below 75%.  The table always prints as TAP comments;
# LASTGASP_ACCURACY_VERBOSE=1 lists every mismatch.
set -u
cd "$(dirname "$0")/../.." || exit 1
corpus=${LASTGASP_CORPUS:-$PWD/../shared/corpus}
bin=$PWD/build/tests/accuracy/corpus
mkdir -p build
if ! make -s -C tests "$bin" >build/corpus-build.log 2>&1; then
	cat build/corpus-build.log
	echo "not ok 1 corpus accuracy: build failed"
	exit 1
fi
if [ ! -d "$corpus/satyr" ]; then
	echo "ok 1 corpus accuracy # SKIP no corpus in $corpus"
	exit 0
fi
args=()
[ "${LASTGASP_ACCURACY_VERBOSE:-0}" = 1 ] && args+=(-v)
exec "$bin" "${args[@]}" "$corpus"
